// The check run's conclusion, title, summary limit and annotations.
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { checkRunOutput, checkRunTitle, lineUrl, SUMMARY_LIMIT, type CheckRunInput } from '../../src/github/check-run-output.js';
import { defineCheck } from '../../src/engine/define-check.js';

const check = defineCheck({ id: 'demo', title: 'Demo', severity: 'failure', scope: 'line', messages: {}, remediation: '', run: async () => [] });

function finding(n: number, severity: Finding['severity'] = 'failure', path = `src/f${n}.py`): Finding {
  return { checkId: 'demo', severity, path, line: n + 1, endLine: n + 1, title: 'Demo', message: `Problem ${n}.`, remediation: '```sh\nfix it\n```\n' + 'detail '.repeat(40), fingerprint: `fp${n}` };
}

const input = (findings: Finding[], extra: Partial<CheckRunInput> = {}): CheckRunInput => ({
  findings,
  errors: [],
  checks: [check],
  repositoryUrl: 'https://github.com/octo/app',
  headSha: 'abcdef1234567890abcdef1234567890abcdef12',
  failOn: 'failure',
  filesReviewed: findings.length,
  ...extra,
});

describe('conclusion and title', () => {
  test.each([
    [[], 'failure', 'success', 'No blocking findings'],
    [[finding(1, 'warning'), finding(2, 'warning'), finding(3, 'notice')], 'failure', 'success', 'No blocking findings · 2 warnings · 1 notice'],
    [[finding(1), finding(2, 'warning')], 'failure', 'failure', '1 blocking finding · 1 warning'],
    [[finding(1), finding(2, 'warning')], 'warning', 'failure', '2 blocking findings'],
    [[finding(1)], 'never', 'success', 'No blocking findings · 1 failure'],
  ] as const)('%#', (findings, failOn, conclusion, title) => {
    const output = checkRunOutput(input([...findings], { failOn }));
    expect(output.conclusion).toBe(conclusion);
    expect(output.title).toBe(title);
    expect(checkRunTitle([...findings], failOn)).toBe(title);
  });
});

describe('summary', () => {
  test('stays under the limit and says how many findings it left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding(i));
    const { summary, annotations } = checkRunOutput(input(many));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shown = (summary.match(/^- \*\*failure\*\*/gm) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(400);
    expect(summary).toContain(`**Summary truncated** at GitHub's 65,535-character limit: ${400 - shown} more findings are not shown here; every finding is in the annotations.`);
    expect(annotations).toHaveLength(400);
  });

  test('a small review is not truncated, and links point at head-SHA lines', () => {
    const { summary } = checkRunOutput(input([finding(1, 'failure', 'dir/a b.py')], { notes: ['Partial.'], errors: [{ path: 'img.png', message: 'binary file: content checks skipped' }] }));
    expect(summary).not.toContain('truncated');
    expect(summary).toContain('[line 2](https://github.com/octo/app/blob/abcdef1234567890abcdef1234567890abcdef12/dir/a%20b.py#L2)');
    expect(summary).toContain('> Partial.');
    expect(summary).toContain('- `img.png`: binary file: content checks skipped');
  });

  test('line ranges link as #Lx-Ly', () => {
    expect(lineUrl('https://ghe.example.com/o/r', 'sha', { path: 'a.py', line: 3, endLine: 5 })).toBe('https://ghe.example.com/o/r/blob/sha/a.py#L3-L5');
  });
});

test('findings in removed files are summarised but not annotated', () => {
  const output = checkRunOutput(input([finding(1, 'failure', 'gone.py'), finding(2)], { removedPaths: new Set(['gone.py']) }));
  expect(output.annotations.map((a) => a.path)).toEqual(['src/f2.py']);
  expect(output.summary).toContain('### `gone.py`');
});
