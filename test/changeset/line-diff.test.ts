// The local diff (jsdiff with unique-line anchors and a bounded edit length): hunks and line numbers on edge cases.
import { describe, expect, it } from 'vitest';
import { MAX_EDIT_LENGTH, diffHunks } from '../../src/changeset/line-diff.js';
import { splitLines } from '../../src/changeset/content.js';
import type { Hunk } from '../../src/model/change-set.js';
import { prng } from '../../scripts/bench-data.js';

/** Rebuilds head from base and the hunks (context 0 or more), checking every header count and line number on the way. */
function apply(base: string, hunks: Hunk[]): string[] {
  const a = splitLines(base);
  const out: string[] = [];
  let next = 1;
  for (const h of hunks) {
    const dels = h.lines.filter((l) => l.kind !== 'add');
    const adds = h.lines.filter((l) => l.kind !== 'del');
    expect([dels.length, adds.length]).toEqual([h.baseCount, h.headCount]);
    const firstBase = h.baseCount === 0 ? h.baseStart + 1 : h.baseStart;
    while (next < firstBase) out.push(a[next++ - 1]!);
    for (const l of h.lines) {
      if (l.kind === 'add') {
        expect(l.headLine).toBe(out.length + 1);
        out.push(l.text);
        continue;
      }
      expect(l.baseLine).toBe(next);
      expect(l.text).toBe(a[next - 1]);
      next++;
      if (l.kind === 'context') {
        expect(l.headLine).toBe(out.length + 1);
        out.push(l.text);
      }
    }
  }
  while (next <= a.length) out.push(a[next++ - 1]!);
  return out;
}

const added = (hunks: Hunk[]) => hunks.flatMap((h) => h.lines.filter((l) => l.kind === 'add').map((l) => [l.headLine, l.text]));
const removed = (hunks: Hunk[]) => hunks.flatMap((h) => h.lines.filter((l) => l.kind === 'del').map((l) => [l.baseLine, l.text]));

describe('diffHunks edge cases', () => {
  it('two empty files differ in nothing', () => {
    expect(diffHunks('', '')).toEqual([]);
  });

  it('an emptied file removes every line, headStart 0 as git writes it', () => {
    const hunks = diffHunks('a\nb\n', '');
    expect(hunks).toEqual([{ baseStart: 1, baseCount: 2, headStart: 0, headCount: 0, lines: [{ kind: 'del', text: 'a', baseLine: 1 }, { kind: 'del', text: 'b', baseLine: 2 }] }]);
  });

  it('a file without a trailing newline diffs by its lines; adding only the newline adds no line', () => {
    expect(added(diffHunks('a\nb', 'a\nB'))).toEqual([[2, 'B']]);
    expect(removed(diffHunks('a\nb', 'a\nB'))).toEqual([[2, 'b']]);
    expect(diffHunks('a\nb', 'a\nb\n')).toEqual([]);
    expect(added(diffHunks('a\nb', 'a\nb\nc'))).toEqual([[3, 'c']]);
  });

  it('CRLF lines lose their carriage return and keep LF line numbers', () => {
    const hunks = diffHunks('one\r\ntwo\r\nthree\r\n', 'one\r\nTWO\r\nthree\r\nfour\r\n');
    expect(added(hunks)).toEqual([
      [2, 'TWO'],
      [4, 'four'],
    ]);
    expect(removed(hunks)).toEqual([[2, 'two']]);
    // A file whose only change is LF to CRLF has no changed line for a check to read.
    expect(diffHunks('a\nb\n', 'a\r\nb\r\n')).toEqual([]);
  });

  it('an insertion at the very start and at the very end', () => {
    expect(added(diffHunks('b\nc\n', 'a\nb\nc\n'))).toEqual([[1, 'a']]);
    expect(diffHunks('b\nc\n', 'a\nb\nc\n')[0]).toMatchObject({ baseStart: 1, baseCount: 2, headStart: 1, headCount: 3 });
    expect(added(diffHunks('a\nb\n', 'a\nb\nc\n'))).toEqual([[3, 'c']]);
  });

  it('repeated lines (no unique anchor) still give a minimal script', () => {
    const hunks = diffHunks('x\nx\nx\nx\n', 'x\nx\ny\nx\nx\n', 0);
    expect(added(hunks)).toEqual([[3, 'y']]);
    expect(removed(hunks)).toEqual([]);
  });

  it('a moved line is removed and re-added; the longer run of unique lines stays context', () => {
    const base = 'header\nalpha\nbeta\nmiddle\nfooter\n';
    const head = 'header\nmiddle\nalpha\nbeta\nfooter\n';
    const hunks = diffHunks(base, head);
    expect(apply(base, hunks)).toEqual(splitLines(head));
    expect(removed(hunks)).toEqual([[4, 'middle']]);
    expect(added(hunks)).toEqual([[2, 'middle']]);
  });

  it('beyond the edit bound the stretch counts as wholly changed, and the result still rebuilds head', () => {
    // Every line repeated (no anchors) and more than MAX_EDIT_LENGTH edits apart.
    const n = MAX_EDIT_LENGTH + 200;
    const base = Array.from({ length: n }, (_, i) => (i % 2 ? 'a' : 'b')).join('\n') + '\n';
    const head = Array.from({ length: n }, (_, i) => (i % 3 ? 'c' : 'a')).join('\n') + '\n';
    const hunks = diffHunks(base, head, 0);
    expect(removed(hunks)).toHaveLength(n);
    expect(added(hunks)).toHaveLength(n);
    expect(apply(base, hunks)).toEqual(splitLines(head));
  });

  it('a 20k-line file with every tenth line changed reports exactly those lines', () => {
    const line = (i: number, salt: string) => `value_${i} = compute(${i}${i % 10 === 5 ? salt : ''})`;
    const base = Array.from({ length: 20_000 }, (_, i) => line(i, '')).join('\n') + '\n';
    const head = Array.from({ length: 20_000 }, (_, i) => line(i, ', changed')).join('\n') + '\n';
    const hunks = diffHunks(base, head);
    expect(added(hunks)).toHaveLength(2000);
    expect(added(hunks)[0]).toEqual([6, 'value_5 = compute(5, changed)']);
    expect(removed(hunks).map(([n]) => n)).toEqual(Array.from({ length: 2000 }, (_, k) => k * 10 + 6));
  });

  it('random edits: the hunks (with and without context) always rebuild head from base', () => {
    const random = prng(10);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const alphabet = ['a', 'b', 'c', 'd', 'import os', '', '}', 'x = 1'];
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: Math.floor(random() * 40) }, () => pick(alphabet) + (random() < 0.5 ? String(Math.floor(random() * 30)) : ''));
      const b = [...a];
      for (let e = Math.floor(random() * 8); e > 0; e--) {
        const at = Math.floor(random() * (b.length + 1));
        if (random() < 0.5) b.splice(at, 1);
        else b.splice(at, 0, pick(alphabet));
      }
      const baseText = a.join('\n') + (a.length ? '\n' : '');
      const headText = b.join('\n') + (b.length ? '\n' : '');
      for (const context of [0, 3]) expect(apply(baseText, diffHunks(baseText, headText, context))).toEqual(b);
    }
  });
});
