// Where inline comments go: only diff lines, LEFT for removals, ranges within one hunk, suggestions only when exact.
import { describe, expect, test } from 'vitest';
import { parsePatch } from '../../src/changeset/hunks.js';
import type { ChangedFile } from '../../src/model/change-set.js';
import type { Finding } from '../../src/model/finding.js';
import { commentBody, markerFingerprint, placeFinding, planReview } from '../../src/github/review-comments.js';

function file(patch: string, status: ChangedFile['status'] = 'modified'): ChangedFile {
  return { path: 'app.py', status, binary: false, ...parsePatch(patch) };
}

function finding(line: number, endLine = line, extra: Partial<Finding> = {}): Finding {
  return {
    checkId: 'demo',
    severity: 'failure',
    path: 'app.py',
    line,
    endLine,
    title: 'Demo',
    message: 'Something is wrong.',
    remediation: 'Fix it.',
    fingerprint: `ff${line}0${endLine}`,
    ...extra,
  };
}

// Two hunks: head lines 1-4 (3 and 4 added) and head lines 20-22 (21 added); base line 21 removed.
const twoHunks = file(['@@ -1,2 +1,4 @@', ' a', ' b', '+c', '+d', '@@ -19,3 +20,3 @@', ' x', '-old', '+new', ' z'].join('\n'));

describe('placeFinding', () => {
  test.each([
    ['an added line', finding(3), { placement: { path: 'app.py', line: 3, side: 'RIGHT' }, wholeRange: true }],
    ['a context line', finding(1), { placement: { path: 'app.py', line: 1, side: 'RIGHT' }, wholeRange: true }],
    ['a range inside one hunk', finding(2, 4), { placement: { path: 'app.py', start_line: 2, start_side: 'RIGHT', line: 4, side: 'RIGHT' }, wholeRange: true }],
    ['a range that leaves the hunk: its first diff line, no suggestion', finding(4, 6), { placement: { path: 'app.py', line: 4, side: 'RIGHT' }, wholeRange: false }],
    ['a range starting outside the diff', finding(18, 21), { placement: { path: 'app.py', line: 20, side: 'RIGHT' }, wholeRange: false }],
    ['a line outside every hunk', finding(10), null],
    ['a removal anchored on its removed line', finding(1, 1, { baseLine: 20 }), { placement: { path: 'app.py', line: 20, side: 'LEFT' }, wholeRange: false }],
    ['a removal whose base line is not removed falls back to its head line', finding(21, 21, { baseLine: 19 }), { placement: { path: 'app.py', line: 21, side: 'RIGHT' }, wholeRange: true }],
  ])('%s', (_name, f, expected) => {
    expect(placeFinding(twoHunks, f)).toEqual(expected);
  });

  test('a removed file takes only LEFT comments', () => {
    const removed = file(['@@ -1,2 +0,0 @@', '-a', '-b'].join('\n'), 'removed');
    expect(placeFinding(removed, finding(1))).toBeNull();
    expect(placeFinding(removed, finding(1, 1, { baseLine: 2 }))?.placement).toEqual({ path: 'app.py', line: 2, side: 'LEFT' });
  });
});

describe('commentBody', () => {
  test('fences a suggestion longer than any backtick run inside it, and keeps the marker last', () => {
    const body = commentBody(finding(3, 3, { suggestion: 'x = """\n```\n"""' }), 'https://docs/demo.md', true);
    expect(body).toBe(
      ['**failure: Demo** (`demo`)', '', 'Something is wrong.', '', '````suggestion', 'x = """', '```', '"""', '````', '', 'Fix it.', '', '[About this check](https://docs/demo.md)', '', '<!-- readiness-review:ff303 -->'].join('\n'),
    );
    expect(markerFingerprint(body)).toBe('ff303');
  });

  test('an empty suggestion deletes the lines', () => {
    expect(commentBody(finding(3, 3, { suggestion: '' }), undefined, true)).toContain('```suggestion\n```');
  });

  test('no suggestion block when it cannot replace the exact range', () => {
    expect(commentBody(finding(3, 3, { suggestion: 'y' }), undefined, false)).not.toContain('suggestion');
  });
});

describe('planReview', () => {
  const findings = [finding(1), finding(3, 3, { suggestion: 'C' }), finding(10), finding(21), finding(22)];

  test('skips posted fingerprints and findings off the diff, caps the count', () => {
    const plan = planReview(findings, [twoHunks], new Set(['ff101']), new Map(), { max: 2 });
    expect(plan.comments.map((c) => c.line)).toEqual([3, 21]);
    expect(plan.comments[0]!.body).toContain('```suggestion\nC\n```');
    expect(plan.overLimit.map((f) => f.line)).toEqual([22]);
    expect(plan.alreadyPosted.map((f) => f.line)).toEqual([1]);
    expect(plan.offDiff.map((f) => f.line)).toEqual([10]);
  });

  test('the cap goes to failures, then warnings, then notices, whatever their path order; comments read in path order', () => {
    const mixed = [finding(1, 1, { severity: 'notice' }), finding(2, 2, { severity: 'warning' }), finding(3, 3, { severity: 'notice' }), finding(20, 20, { severity: 'warning' }), finding(21), finding(22)];
    const plan = planReview(mixed, [twoHunks], new Set(), new Map(), { max: 3 });
    expect(plan.commented.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [21, 'failure'],
      [22, 'failure'],
    ]);
    expect(plan.comments.map((c) => c.line)).toEqual([2, 21, 22]);
    expect(plan.overLimit.map((f) => [f.line, f.severity])).toEqual([
      [20, 'warning'],
      [1, 'notice'],
      [3, 'notice'],
    ]);
  });

  test('suggestions can be switched off', () => {
    const plan = planReview(findings, [twoHunks], new Set(), new Map(), { suggestions: false });
    expect(plan.comments.some((c) => c.body.includes('suggestion'))).toBe(false);
  });

  test('a finding on a file outside the change set gets no comment', () => {
    expect(planReview([finding(1, 1, { path: 'other.py' })], [twoHunks], new Set(), new Map()).comments).toEqual([]);
  });
});
