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
    it(`reads the ${name} comment syntax`, () => expect(parseInlineSuppression(line, known)).toEqual({ checkId: 'bad-word', reason: 'fixture data', standalone: false }));
  }
  it('without a check id applies to every check', () => expect(parseInlineSuppression('# readiness-ignore: generated file', known)).toEqual({ checkId: null, reason: 'generated file', standalone: true }));
  it('without a reason', () => expect(parseInlineSuppression('# readiness-ignore: bad-word', known)).toEqual({ checkId: 'bad-word', reason: '', standalone: true }));
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

  it('a suppression without a reason silences nothing, and a notice says why', async () => {
    const r = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: bad-word\n' });
    expect(r.findings.map((f) => [f.checkId, f.severity, f.line])).toEqual([
      ['bad-word', 'failure', 1],
      ['other-check', 'failure', 1],
      ['readiness-ignore', 'notice', 1],
    ]);
    expect(r.findings.find((f) => f.checkId === 'readiness-ignore')!.message).toContain('does not silence `bad-word`: it gives no reason');
    expect(r.suppressed).toEqual([]);
  });

  it('a comment trailing code on line N covers line N only; one standing alone covers the next line only', async () => {
    const trailing = await review({ 'a.py': 'x = "BAD"  # readiness-ignore: bad-word test vector\ny = "BAD"\n' });
    expect(trailing.findings.filter((f) => f.checkId === 'bad-word').map((f) => f.line)).toEqual([2]);
    expect(trailing.suppressed.map((s) => s.line)).toEqual([1]);
    const alone = await review({ 'a.py': '# readiness-ignore: bad-word BAD sample below\ny = "BAD"\nz = "BAD"\n' });
    expect(alone.findings.filter((f) => f.checkId === 'bad-word').map((f) => f.line)).toEqual([1, 3]);
    expect(alone.suppressed.map((s) => s.line)).toEqual([2]);
  });

  it('with the base branch\'s file trusted, entries the change adds to .readinessignore are proposals that silence nothing', async () => {
    const first = await review({ 'a.py': 'x = "BAD"\n' });
    const fp = first.findings.find((f) => f.checkId === 'bad-word')!.fingerprint;
    const change = memoryChangeSet({ '.readinessignore': '' }, { 'a.py': 'x = "BAD"\n', '.readinessignore': `${fp} # my own secret, trust me\n` });
    const r = await runReview(change, checks, DEFAULT_CONFIG, { ignoreFile: { trusted: change.readBase('.readinessignore'), proposed: change.readHead('.readinessignore') } });
    expect(r.findings.map((f) => f.checkId)).toEqual(['bad-word', 'other-check']);
    expect(r.suppressed).toEqual([]);
    expect(r.proposedIgnores).toMatchObject([{ fingerprint: fp, reason: 'my own secret, trust me', finding: { checkId: 'bad-word' } }]);
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
