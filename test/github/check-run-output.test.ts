// The check run's conclusion, title, summary limit and annotations.
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { checkRunOutput, checkRunTitle, configProblemList, invalidConfigOutput, lineUrl, SUMMARY_LIMIT, type CheckRunInput } from '../../src/github/check-run-output.js';
import type { SuppressedFinding } from '../../src/engine/suppressions.js';
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

describe('suppressed findings', () => {
  const silenced = (n: number, suppressedBy: SuppressedFinding['suppressedBy'], reason: string): SuppressedFinding => ({ ...finding(n), suppressedBy, reason });

  test('are counted in the title, listed with how and why, and never annotated', () => {
    const output = checkRunOutput(input([finding(1, 'warning')], { suppressed: [silenced(2, 'comment', 'fixture | not live'), silenced(3, 'ignore-file', '')] }));
    expect(output.conclusion).toBe('success');
    expect(output.title).toBe('No blocking findings · 1 warning · 2 suppressed');
    expect(output.annotations.map((a) => a.path)).toEqual(['src/f1.py']);
    expect(output.summary).toContain('  Suppressed by a `readiness-ignore` comment: fixture \\| not live  \n  Fingerprint: `fp2`');
    expect(output.summary).toContain('  Suppressed by `.readinessignore`, with no reason given  \n  Fingerprint: `fp3`');
  });

  test('a suppressed failure does not fail the check run', () => {
    expect(checkRunOutput(input([], { suppressed: [silenced(1, 'comment', 'reviewed')] })).conclusion).toBe('success');
  });

  test('come after the findings, and a truncated summary counts those it left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => silenced(i, 'ignore-file', 'accepted in review '.repeat(10)));
    const { summary } = checkRunOutput(input([finding(1)], { suppressed: many }));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary.indexOf('### `src/f1.py`')).toBeLessThan(summary.indexOf('### Suppressed (400)'));
    const shown = (summary.match(/^ {2}Suppressed by/gm) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(summary).toContain(`**Summary truncated** at GitHub's 65,535-character limit: ${400 - shown} more suppressed findings are not shown here.`);
  });
});

test('every finding shows its fingerprint, with how to silence it', () => {
  const { summary } = checkRunOutput(input([finding(1), finding(2)]));
  expect(summary).toContain('Fingerprint: `fp1`');
  expect(summary).toContain('Fingerprint: `fp2`');
  expect(summary).toContain('add its fingerprint to `.readinessignore` with a comment saying why');
});

describe('configuration problems', () => {
  const problem = (n: number) => ({ file: '.github/readiness.yml', line: n, path: `checks.c${n}`, message: 'is not a known check id' });

  test('a list with the file, line and setting of each, cut at 50', () => {
    const list = configProblemList(Array.from({ length: 53 }, (_, i) => problem(i + 1)));
    expect(list.split('\n')).toHaveLength(51);
    expect(list).toMatch(/^- `\.github\/readiness\.yml` line 1: `checks\.c1` is not a known check id$/m);
    expect(list.endsWith('- and 3 more problems')).toBe(true);
    expect(configProblemList([{ file: 'o/.github:x.yml', path: '(file)', message: 'cannot be read: binary file' }])).toBe('- `o/.github:x.yml`: cannot be read: binary file');
  });

  test('an invalid base configuration fails with the file in the title and no annotations', () => {
    const output = invalidConfigOutput({ baseSha: 'a'.repeat(40), problems: [{ ...problem(2), file: 'acme/policies:strict.yml' }] });
    expect(output).toMatchObject({ conclusion: 'failure', title: 'Invalid acme/policies:strict.yml', annotations: [] });
  });

  test("an invalid file in the pull request fails the check run even without findings", () => {
    const output = checkRunOutput(input([], { proposedConfigProblems: [problem(1)] }));
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('Invalid .github/readiness.yml in this pull request · No blocking findings');
  });
});
