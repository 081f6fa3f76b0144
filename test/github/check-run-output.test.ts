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
  test('stays under the limit and counts the findings it left out, by severity and check', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding(i));
    const { summary, annotations, omitted } = checkRunOutput(input(many));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shown = (summary.match(/^- \*\*failure\*\*/gm) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(400);
    const left = 400 - shown;
    expect(omitted).toEqual({
      findings: left,
      blocking: left,
      bySeverity: { failure: left, warning: 0, notice: 0 },
      byCheck: [['demo', left]],
      placements: { commentOnly: 0, annotationOnly: left, both: 0, neither: 0 },
      notReviewed: 0,
      proposedIgnores: 0,
      suppressed: 0,
    });
    expect(summary).toContain(`- ${left} findings (${left} blocking): ${left} failures; by check: \`demo\` ${left}.\n  Of these, ${left} are annotated on their lines.`);
    expect(annotations).toHaveLength(400);
  });

  test('a summary that fits has no truncation note and no omission', () => {
    const { summary, omitted } = checkRunOutput(input([finding(1), finding(2, 'warning')]));
    expect(omitted).toBeUndefined();
    expect(summary).not.toContain('truncated');
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

test('findings in removed files are summarised but not annotated, and counted as shown nowhere else', () => {
  const output = checkRunOutput(input([finding(1, 'failure', 'gone.py'), finding(2)], { removedPaths: new Set(['gone.py']) }));
  expect(output.annotations.map((a) => a.path)).toEqual(['src/f2.py']);
  expect(output.placements).toEqual({ commentOnly: 0, annotationOnly: 1, both: 0, neither: 1 });
  expect(output.summary).toContain('- **failure** `gone.py` line 2: **Demo** (`demo`)');
});

describe('where each finding is shown', () => {
  const findings = [finding(1, 'notice'), finding(2, 'failure'), finding(3, 'warning'), finding(4, 'failure')];

  test('a finding with an inline comment is not annotated by default; the rest are, most severe first', () => {
    const output = checkRunOutput(input(findings, { commented: new Set(['fp2']) }));
    expect(output.annotations.map((a) => [a.path, a.annotation_level])).toEqual([
      ['src/f4.py', 'failure'],
      ['src/f3.py', 'warning'],
      ['src/f1.py', 'notice'],
    ]);
    expect(output.placements).toEqual({ commentOnly: 1, annotationOnly: 3, both: 0, neither: 0 });
  });

  test('annotateCommented annotates it as well', () => {
    const output = checkRunOutput(input(findings, { commented: new Set(['fp2']), annotateCommented: true }));
    expect(output.annotations.map((a) => a.path)).toEqual(['src/f2.py', 'src/f4.py', 'src/f3.py', 'src/f1.py']);
    expect(output.placements).toEqual({ commentOnly: 0, annotationOnly: 3, both: 1, neither: 0 });
  });
});

describe('summary order', () => {
  const sections = (summary: string) => [...summary.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
  const listed = (summary: string) => [...summary.matchAll(/^ {2}Fingerprint: `(fp\d+)`$/gm)].map((m) => m[1]);
  const findings = [finding(1, 'notice'), finding(2, 'warning'), finding(3, 'failure'), finding(4, 'warning'), finding(5, 'failure')];
  const errors = [{ path: 'big.bin', message: 'too large to read', incomplete: true }];

  test('blocking findings first, then what was not reviewed, then the rest by severity', () => {
    const { summary } = checkRunOutput(input(findings, { errors }));
    expect(sections(summary)).toEqual(['Blocking findings (2)', 'Not reviewed', 'Other findings (3)']);
    expect(listed(summary)).toEqual(['fp3', 'fp5', 'fp2', 'fp4', 'fp1']);
  });

  test('fail_on decides what is blocking', () => {
    expect(sections(checkRunOutput(input(findings, { failOn: 'warning' })).summary)).toEqual(['Blocking findings (4)', 'Other findings (1)']);
    expect(sections(checkRunOutput(input(findings, { failOn: 'never' })).summary)).toEqual(['Findings (5)']);
  });

  test('a cut that reaches the files not reviewed counts them too', () => {
    const many = Array.from({ length: 200 }, (_, i) => finding(i, 'notice'));
    const manyErrors = Array.from({ length: 2000 }, (_, i) => ({ path: `vendor/blob${i}.bin`, message: 'could not be read: GitHub answered 502 (Bad Gateway)', incomplete: true }));
    const { summary, omitted } = checkRunOutput(input([finding(1000), ...many], { errors: manyErrors }));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shownErrors = (summary.match(/^- `vendor\/blob\d+\.bin`/gm) ?? []).length;
    expect(shownErrors).toBeGreaterThan(0);
    expect(omitted).toMatchObject({ findings: 200, blocking: 0, notReviewed: 2000 - shownErrors, bySeverity: { failure: 0, warning: 0, notice: 200 } });
    expect(summary).toContain(`- ${2000 - shownErrors} entries of "Not reviewed"`);
  });
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
    expect(summary.indexOf('Fingerprint: `fp1`')).toBeLessThan(summary.indexOf('### Suppressed (400)'));
    const shown = (summary.match(/^ {2}Suppressed by/gm) ?? []).length;
    expect(shown).toBeGreaterThan(50);
    expect(summary).toContain(`**Summary truncated** at GitHub's 65,535-character limit. Not listed above:\n\n- ${400 - shown} suppressed findings\n`);
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
