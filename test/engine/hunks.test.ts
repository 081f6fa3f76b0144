// Unified-diff parsing and the local diff (jsdiff) agree on line numbers and hunk shapes.
import { describe, expect, it } from 'vitest';
import { commentableHeadLines, parsePatch } from '../../src/changeset/hunks.js';
import { diffHunks } from '../../src/changeset/line-diff.js';

describe('parsePatch', () => {
  const patch = [
    'diff --git a/x b/x',
    '--- a/x',
    '+++ b/x',
    '@@ -1,3 +1,4 @@',
    ' one',
    '-two',
    '+TWO',
    '+two and a half',
    ' three',
    '@@ -10 +11,2 @@ def f():',
    '-ten',
    '+TEN',
    '+eleven',
    '\\ No newline at end of file',
  ].join('\n');

  it('numbers added lines in the head and removed lines in the base', () => {
    const parsed = parsePatch(patch);
    expect(parsed.added).toEqual([
      { line: 2, text: 'TWO' },
      { line: 3, text: 'two and a half' },
      { line: 11, text: 'TEN' },
      { line: 12, text: 'eleven' },
    ]);
    expect(parsed.removed).toEqual([
      { line: 2, text: 'two' },
      { line: 10, text: 'ten' },
    ]);
    expect(parsed.hunks.map((h) => [h.baseStart, h.baseCount, h.headStart, h.headCount])).toEqual([
      [1, 3, 1, 4],
      [10, 1, 11, 2],
    ]);
  });

  it('lists commentable head lines (added and context)', () => {
    expect([...commentableHeadLines(parsePatch(patch).hunks)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 11, 12]);
  });

  it('strips carriage returns of CRLF files', () => {
    const parsed = parsePatch('@@ -0,0 +1,2 @@\r\n+a\r\n+b\r\n');
    expect(parsed.added.map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('keeps a patch without hunks empty (binary or mode change)', () => {
    expect(parsePatch('diff --git a/x b/x\nBinary files a/x and b/x differ\n').hunks).toEqual([]);
  });
});

describe('diffHunks', () => {
  it('finds the same additions as git for an insertion in the middle', () => {
    const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const head = ['a', 'b', 'c', 'd', 'e', 'X', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const hunks = diffHunks(base, head);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ baseStart: 3, baseCount: 6, headStart: 3, headCount: 7 });
    expect(hunks[0]!.lines.filter((l) => l.kind === 'add')).toEqual([{ kind: 'add', text: 'X', headLine: 6 }]);
  });

  it('reports a new file as one hunk of additions', () => {
    const hunks = diffHunks('', 'x\ny\n');
    expect(hunks).toEqual([{ baseStart: 0, baseCount: 0, headStart: 1, headCount: 2, lines: [{ kind: 'add', text: 'x', headLine: 1 }, { kind: 'add', text: 'y', headLine: 2 }] }]);
  });

  it('splits distant changes into separate hunks and merges near ones', () => {
    const base = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const head = [...base];
    head[1] = 'changed2';
    head[4] = 'changed5';
    head[25] = 'changed26';
    const hunks = diffHunks(base.join('\n') + '\n', head.join('\n') + '\n');
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines.filter((l) => l.kind === 'add').map((l) => l.headLine)).toEqual([2, 5]);
    expect(hunks[1]!.lines.filter((l) => l.kind === 'del').map((l) => l.baseLine)).toEqual([26]);
  });

  it('round-trips: applying the hunks to the base gives the head', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 50; round++) {
      const base = Array.from({ length: 40 }, () => `v${Math.floor(rand() * 6)}`);
      const head = base.filter(() => rand() > 0.2).flatMap((l) => (rand() > 0.8 ? [l, `n${Math.floor(rand() * 6)}`] : [l]));
      const hunks = diffHunks(base.join('\n') + '\n', head.join('\n') + '\n', 0);
      const out: string[] = [];
      let next = 1;
      for (const h of hunks) {
        const firstBase = h.lines.find((l) => l.baseLine !== undefined)?.baseLine ?? h.baseStart + 1;
        while (next < firstBase) out.push(base[next++ - 1]!);
        for (const l of h.lines) {
          if (l.kind === 'add') out.push(l.text);
          else if (l.kind === 'context') {
            out.push(l.text);
            next++;
          } else next++;
        }
      }
      while (next <= base.length) out.push(base[next++ - 1]!);
      expect(out).toEqual(head);
    }
  });
});
