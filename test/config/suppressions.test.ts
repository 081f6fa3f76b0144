// Suppressions: readiness-ignore comments in every comment syntax, reasons, and .readinessignore fingerprints.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { runReview } from '../../src/engine/pipeline.js';
import { parseIgnoreFile, parseInlineSuppression } from '../../src/engine/suppressions.js';
import { wordCheck } from '../helpers/word-check.js';

const bad = wordCheck('bad-word', 'BAD', 'failure');
const other = wordCheck('other-check', 'BAD', 'failure');
const checks = [bad, other];
const known = new Set(checks.map((c) => c.id));

describe('parseInlineSuppression', () => {
  const syntaxes: [string, string][] = [
    ['#', 'x = "BAD"  # readiness-ignore: bad-word fixture data'],
    ['//', 'const x = "BAD"; // readiness-ignore: bad-word fixture data'],
    ['/* */', 'int x = BAD; /* readiness-ignore: bad-word fixture data */'],
    ['<!-- -->', '<p>BAD</p> <!-- readiness-ignore: bad-word fixture data -->'],
    ['--', "SELECT 'BAD'; -- readiness-ignore: bad-word fixture data"],
    [';', 'key = BAD ; readiness-ignore: bad-word fixture data'],
  ];
  for (const [name, line] of syntaxes) {
    it(`reads the ${name} comment syntax`, () => expect(parseInlineSuppression(line, known)).toEqual({ checkId: 'bad-word', reason: 'fixture data' }));
  }
  it('without a check id applies to every check', () => expect(parseInlineSuppression('# readiness-ignore: generated file', known)).toEqual({ checkId: null, reason: 'generated file' }));
  it('without a reason', () => expect(parseInlineSuppression('# readiness-ignore: bad-word', known)).toEqual({ checkId: 'bad-word', reason: '' }));
  it('ignores lines without the marker', () => expect(parseInlineSuppression('# readiness is ignored here', known)).toBeNull());
});

describe('suppressions in a review', () => {
  const review = (after: Record<string, string>, before: Record<string, string> = {}) => runReview(memoryChangeSet(before, after), checks, DEFAULT_CONFIG);

  it('silences a finding on the same line or the line above, keeping the reason', async () => {
    const r = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: bad-word test vector\n# readiness-ignore: bad-word known sample\ny = "BAD"\nz = "BAD"\n' });
    expect(r.findings.filter((f) => f.checkId === 'bad-word').map((f) => f.line)).toEqual([4]);
    expect(r.suppressed.map((s) => [s.line, s.reason, s.suppressedBy])).toEqual([
      [1, 'test vector', 'comment'],
      [3, 'known sample', 'comment'],
    ]);
  });

  it('a check id silences only that check; none silences every check', async () => {
    const one = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: other-check not this one\n' });
    expect(one.findings.map((f) => f.checkId)).toEqual(['bad-word']);
    const all = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: reviewed by security\n' });
    expect(all.findings).toEqual([]);
    expect(all.suppressed.map((s) => s.checkId).sort()).toEqual(['bad-word', 'other-check']);
  });

  it('a new suppression without a reason works but is flagged as a notice', async () => {
    const r = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: bad-word\n' });
    expect(r.findings.map((f) => [f.checkId, f.severity, f.line])).toEqual([
      ['other-check', 'failure', 1],
      ['readiness-ignore', 'notice', 1],
    ]);
    expect(r.suppressed.map((s) => s.reason)).toEqual(['']);
  });

  it('silences fingerprints listed in .readinessignore', async () => {
    const first = await review({ 'a.py': 'x = "BAD"\n' });
    const fp = first.findings.find((f) => f.checkId === 'bad-word')!.fingerprint;
    const r = await review({ 'a.py': 'x = "BAD"\n', '.readinessignore': `# accepted in review #12\n${fp}\n` });
    expect(r.findings.map((f) => f.checkId)).toEqual(['other-check']);
    expect(r.suppressed).toMatchObject([{ checkId: 'bad-word', suppressedBy: 'ignore-file', reason: 'accepted in review #12' }]);
  });

  it('parses ignore-file comments on the entry line or above it', () => {
    expect([...parseIgnoreFile('abc123 # inline reason\n\n# above\ndef456\n')]).toEqual([
      ['abc123', 'inline reason'],
      ['def456', 'above'],
    ]);
  });
});
