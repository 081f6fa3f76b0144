// One problem said once across the files of a change (CheckMeta.acrossFiles, src/engine/across-files.ts).
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { defineCheck, type Check } from '../../src/engine/define-check.js';
import { runReview } from '../../src/engine/pipeline.js';
import { review } from '../../src/engine/review.js';
import type { Severity } from '../../src/model/finding.js';

/**
 * Reports each added line `MARK <word>` (or `MARK! <word>` as a failure); `<word>` is the message's subject and,
 * for `value`, the credential value.
 */
function markCheck(acrossFiles?: 'check' | 'kind' | 'message' | 'value'): Check {
  return defineCheck({
    id: 'mark',
    title: 'Mark left',
    severity: 'warning',
    scope: 'line',
    ...(acrossFiles ? { acrossFiles } : {}),
    messages: { found: 'found {{word}}' },
    remediation: 'Remove the mark.',
    async run(ctx) {
      return ctx.files().flatMap((f) =>
        f.added.flatMap((l) => {
          const m = /MARK(!?) (\w+)/.exec(l.text);
          if (!m) return [];
          const severity: Severity = m[1] ? 'failure' : 'warning';
          return [{ path: f.path, line: l.line, messageId: 'found' as const, data: { word: m[2]! }, key: l.text, severity, ...(m[2]!.startsWith('v') ? { credentials: { heldBy: 'moved' as const, credentials: [{ value: m[2]!, distinct: true }] } } : {}) }];
        }),
      );
    },
  });
}

const run = async (after: Record<string, string>, check: Check) => (await runReview(memoryChangeSet({}, after), [check], DEFAULT_CONFIG)).findings;
const places = (findings: { path: string; line: number; related?: { path: string; line: number }[] }[]) =>
  findings.map((f) => [`${f.path}:${f.line}`, ...(f.related ?? []).map((r) => `${r.path}:${r.line}`)]);

describe('kind: the same message id in the change is one finding', () => {
  it('on the first place by path, naming the others in related and in the remediation', async () => {
    const findings = await run({ 'c/x.txt': 'MARK a\n', 'a/x.txt': 'ok\nMARK b\n', 'b/x.txt': 'MARK c\n' }, markCheck('kind'));
    expect(places(findings)).toEqual([['a/x.txt:2', 'b/x.txt:1', 'c/x.txt:1']]);
    expect(findings[0]!.message).toBe('found b');
    expect(findings[0]!.remediation).toBe('Remove the mark.\n\nThe same problem is also in `b/x.txt` (line 1) and `c/x.txt` (line 1). Fix them there too.');
  });

  it('keeps the first place its own fingerprint, the one it has unfolded', async () => {
    const after = { 'a/x.txt': 'MARK a\n', 'b/x.txt': 'MARK b\n' };
    const [folded] = await run(after, markCheck('kind'));
    const unfolded = (await review(memoryChangeSet({}, after), [markCheck('kind')])).findings;
    expect(folded!.fingerprint).toBe(unfolded.find((f) => f.path === 'a/x.txt')!.fingerprint);
  });

  it('on the most severe place first, so the gate reads the same as unfolded', async () => {
    const findings = await run({ 'a/x.txt': 'MARK a\n', 'b/x.txt': 'MARK! b\n' }, markCheck('kind'));
    expect(places(findings)).toEqual([['b/x.txt:1', 'a/x.txt:1']]);
    expect(findings[0]!.severity).toBe('failure');
  });

  it('folds the findings of one file too', async () => {
    const findings = await run({ 'a/x.txt': 'MARK a\nMARK b\n', 'b/x.txt': 'MARK c\n' }, markCheck('kind'));
    expect(places(findings)).toEqual([['a/x.txt:1', 'a/x.txt:2', 'b/x.txt:1']]);
    const single = await run({ 'a/x.txt': 'MARK a\nMARK b\n' }, markCheck('kind'));
    expect(places(single)).toEqual([['a/x.txt:1', 'a/x.txt:2']]);
  });

  it('names eight other places and counts the rest; related holds them all', async () => {
    const after = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, 'MARK a\n']));
    const [finding, ...rest] = await run(after, markCheck('kind'));
    expect(rest).toEqual([]);
    expect(finding!.related).toHaveLength(10);
    expect(finding!.remediation).toMatch(/`f08\.txt` \(line 1\) and 2 more files\. Fix them there too\.$/);
  });
});

describe('check: every finding of the check in the change is one, in the same file too', () => {
  it('folds other messages and other lines of the first file, naming both', async () => {
    const findings = await run({ 'a.txt': 'MARK a\nMARK b\n', 'b.txt': 'MARK c\n' }, markCheck('check'));
    expect(places(findings)).toEqual([['a.txt:1', 'a.txt:2', 'b.txt:1']]);
    expect(findings[0]!.remediation).toBe('Remove the mark.\n\nThe same problem is also on line 2 of this file and in `b.txt` (line 1). Fix them there too.');
  });

  it('folds the findings of a single file', async () => {
    const findings = await run({ 'a.txt': 'MARK a\nMARK b\n' }, markCheck('check'));
    expect(places(findings)).toEqual([['a.txt:1', 'a.txt:2']]);
  });
});

describe('message: only the same message folds, and only across files', () => {
  it('leaves the findings of one file apart', async () => {
    const findings = await run({ 'a.txt': 'MARK a\nMARK a\n' }, markCheck('message'));
    expect(places(findings)).toEqual([['a.txt:1'], ['a.txt:2']]);
  });

  it('folds the same subject and keeps another apart', async () => {
    const findings = await run({ 'a.txt': 'MARK a\n', 'b.txt': 'MARK a\n', 'c.txt': 'MARK b\n' }, markCheck('message'));
    expect(places(findings)).toEqual([['a.txt:1', 'b.txt:1'], ['c.txt:1']]);
  });
});

describe('value: only the same credential values fold', () => {
  it('folds one value pasted into two files, keeps another value and a finding without values apart', async () => {
    const findings = await run({ 'a.txt': 'MARK v1\n', 'b.txt': 'MARK v1\n', 'c.txt': 'MARK v2\n', 'd.txt': 'MARK x\n', 'e.txt': 'MARK x\n' }, markCheck('value'));
    expect(places(findings)).toEqual([['a.txt:1', 'b.txt:1'], ['c.txt:1'], ['d.txt:1'], ['e.txt:1']]);
  });
});

describe('what is not folded', () => {
  it('a check that does not say how its findings fold', async () => {
    const findings = await run({ 'a.txt': 'MARK a\n', 'b.txt': 'MARK a\n' }, markCheck());
    expect(places(findings)).toEqual([['a.txt:1'], ['b.txt:1']]);
  });

  it('a place a readiness-ignore comment silences: the places left are folded without it', async () => {
    const findings = await run({ 'a.txt': 'MARK a # readiness-ignore: mark fixture data\n', 'b.txt': 'MARK a\n', 'c.txt': 'MARK a\n' }, markCheck('kind'));
    expect(places(findings)).toEqual([['b.txt:1', 'c.txt:1']]);
  });
});
