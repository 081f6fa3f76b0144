// baseFromPatch against git's own diffs: for random edits, the base rebuilt from head + patch is the base.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { baseFromPatch } from '../../src/github/base-from-patch.js';
import { prng } from '../../scripts/bench-data.js';

const dir = mkdtempSync(join(tmpdir(), 'base-from-patch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hunks of `git diff` between two texts, as GitHub lists a file's `patch` (no file header). */
function gitPatch(base: string, head: string): string {
  writeFileSync(join(dir, 'base'), base);
  writeFileSync(join(dir, 'head'), head);
  let out = '';
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '-U3', 'base', 'head'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  const start = out.indexOf('\n@@');
  return start === -1 ? '' : out.slice(start + 1).replace(/\n$/, '');
}

/** A random edit of a random file: lines inserted, removed and changed, some blank, some repeated. */
function randomPair(random: () => number, eol: string): { base: string; head: string } {
  const word = () => ['alpha', 'beta', '', 'gamma = 1', '    return x', '}', 'delta'][Math.floor(random() * 7)]!;
  const base = Array.from({ length: Math.floor(random() * 40) }, word);
  const head: string[] = [];
  for (const line of base) {
    const r = random();
    if (r < 0.1) continue;
    if (r < 0.2) head.push(`${line} changed`);
    else head.push(line);
    if (random() < 0.1) head.push(word());
  }
  if (head.length === 0 && random() < 0.5) head.push('only');
  const join = (lines: string[]) => (lines.length ? lines.join(eol) + eol : '');
  return { base: join(base), head: join(head) };
}

describe('baseFromPatch', () => {
  test('rebuilds the base of 300 random edits from their git patches (LF and CRLF)', () => {
    const random = prng(11);
    let rebuilt = 0;
    for (let i = 0; i < 300; i++) {
      const { base, head } = randomPair(random, i % 5 === 0 ? '\r\n' : '\n');
      if (base === head) continue;
      const patch = gitPatch(base, head);
      expect(baseFromPatch(head, patch), `case ${i}`).toBe(base);
      rebuilt++;
    }
    expect(rebuilt).toBeGreaterThan(250);
  });

  test('a file emptied, and a file that was empty; removed lines keep their CR; a removed "-- comment"', () => {
    expect(baseFromPatch('', gitPatch('a\nb\n', ''))).toBe('a\nb\n');
    expect(baseFromPatch('', gitPatch('a\r\nb\r\n', ''))).toBe('a\r\nb\r\n');
    expect(baseFromPatch('x\nz\n', gitPatch('x\n-- y\n--- z\nz\n', 'x\nz\n'))).toBe('x\n-- y\n--- z\nz\n');
    expect(baseFromPatch('a\nb\n', gitPatch('', 'a\nb\n'))).toBe('');
  });

  test('declines when the last line changes its ending ("\\ No newline at end of file")', () => {
    const patch = gitPatch('a\nb', 'a\nb\nc\n');
    expect(patch).toContain('\\ No newline at end of file');
    expect(baseFromPatch('a\nb\nc\n', patch)).toBeNull();
  });

  test('declines a patch that is not the diff of this head, or whose hunk counts disagree', () => {
    const patch = gitPatch('one\ntwo\nthree\n', 'one\n2\nthree\n');
    expect(baseFromPatch('one\n2\nthree\n', patch)).toBe('one\ntwo\nthree\n');
    expect(baseFromPatch('one\nTWO\nthree\n', patch)).toBeNull();
    expect(baseFromPatch('one\n2\nthree\n', patch.replace('@@ -1,3 +1,3 @@', '@@ -1,4 +1,3 @@'))).toBeNull();
    expect(baseFromPatch('one\n', '')).toBeNull();
  });
});
