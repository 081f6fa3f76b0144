// Unified-diff hunks between two texts, for content GitHub sends without a patch and for in-memory change sets.
// jsdiff (`diff`) computes the edit script with a bounded edit length; lines that occur once in each text
// anchor it first (as git's patience diff does), so scattered edits in a large file stay cheap.
import { diffArrays } from 'diff';
import type { DiffLine, Hunk } from '../model/change-set.js';
import { splitLines } from './content.js';

/**
 * Most edits jsdiff looks for between two anchors. Beyond it the stretch between them counts as wholly
 * changed (every base line removed, every head line added): a few more lines to review, never fewer.
 */
export const MAX_EDIT_LENGTH = 1000;

/** One line of the edit script: `base` and `head` are 0-based indexes into the two line arrays. */
type Op = { kind: 'add' | 'del' | 'context'; base: number; head: number };

/**
 * Pairs of indexes (base, head) of lines that occur exactly once in `a[aFrom, aTo)` and once in
 * `b[bFrom, bTo)`, the longest run of them in increasing order on both sides (patience sorting).
 */
function uniqueAnchors(a: readonly string[], b: readonly string[], aFrom: number, aTo: number, bFrom: number, bTo: number): Array<[number, number]> {
  const seen = new Map<string, { inA: number; inB: number; at: number; bt: number }>();
  for (let i = aFrom; i < aTo; i++) {
    const s = seen.get(a[i]!);
    if (s) s.inA++;
    else seen.set(a[i]!, { inA: 1, inB: 0, at: i, bt: -1 });
  }
  for (let j = bFrom; j < bTo; j++) {
    const s = seen.get(b[j]!);
    if (!s) continue;
    s.inB++;
    s.bt = j;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aFrom; i < aTo; i++) {
    const s = seen.get(a[i]!)!;
    if (s.inA === 1 && s.inB === 1) pairs.push([i, s.bt]);
  }
  // Longest increasing subsequence on the head index: tails[k] is the pair ending the best run of length k+1.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const run: Array<[number, number]> = [];
  for (let p = tails.length ? tails[tails.length - 1]! : -1; p !== -1; p = previous[p]!) run.push(pairs[p]!);
  return run.reverse();
}

/** Appends the edit script of `a[aFrom, aTo)` against `b[bFrom, bTo)` to `ops`, jsdiff bounded by MAX_EDIT_LENGTH. */
function diffStretch(a: readonly string[], b: readonly string[], aFrom: number, aTo: number, bFrom: number, bTo: number, ops: Op[]): void {
  let x = aFrom;
  let y = bFrom;
  if (aTo > aFrom && bTo > bFrom) {
    const changes = diffArrays(a.slice(aFrom, aTo), b.slice(bFrom, bTo), { maxEditLength: MAX_EDIT_LENGTH });
    if (changes) {
      for (const c of changes) {
        for (let n = 0; n < c.count; n++) {
          if (c.added) ops.push({ kind: 'add', base: x, head: y++ });
          else if (c.removed) ops.push({ kind: 'del', base: x++, head: y });
          else ops.push({ kind: 'context', base: x++, head: y++ });
        }
      }
      return;
    }
  }
  // Too different to diff within the bound (or one side is empty): the whole stretch changed.
  while (x < aTo) ops.push({ kind: 'del', base: x++, head: y });
  while (y < bTo) ops.push({ kind: 'add', base: x, head: y++ });
}

/** Edit script between two line arrays; indexes are 0-based. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix first: most real changes are small edits in large files.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: 'context', base: i, head: i });
  const aEnd = a.length - suffix;
  const bEnd = b.length - suffix;
  let x = prefix;
  let y = prefix;
  if (x < aEnd && y < bEnd) {
    for (const [i, j] of uniqueAnchors(a, b, x, aEnd, y, bEnd)) {
      diffStretch(a, b, x, i, y, j, ops);
      ops.push({ kind: 'context', base: i, head: j });
      x = i + 1;
      y = j + 1;
    }
  }
  diffStretch(a, b, x, aEnd, y, bEnd, ops);
  for (let i = 0; i < suffix; i++) ops.push({ kind: 'context', base: aEnd + i, head: bEnd + i });
  return ops;
}

/** Unified-diff hunks between two texts with `context` lines around each change (git's default is 3). */
export function diffHunks(baseText: string, headText: string, context = 3): Hunk[] {
  const a = splitLines(baseText);
  const b = splitLines(headText);
  const ops = editScript(a, b);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === 'context') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 * context of the last one.
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== 'context') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    const stop = Math.min(ops.length, lastChange + context + 1);
    const lines: DiffLine[] = [];
    for (let j = start; j < stop; j++) {
      const op = ops[j]!;
      if (op.kind === 'add') lines.push({ kind: 'add', text: b[op.head]!, headLine: op.head + 1 });
      else if (op.kind === 'del') lines.push({ kind: 'del', text: a[op.base]!, baseLine: op.base + 1 });
      else lines.push({ kind: 'context', text: b[op.head]!, baseLine: op.base + 1, headLine: op.head + 1 });
    }
    const baseLines = lines.filter((l) => l.kind !== 'add');
    const headLines = lines.filter((l) => l.kind !== 'del');
    const first = ops[start]!;
    hunks.push({
      baseStart: baseLines.length ? baseLines[0]!.baseLine! : first.base,
      baseCount: baseLines.length,
      headStart: headLines.length ? headLines[0]!.headLine! : first.head,
      headCount: headLines.length,
      lines,
    });
    i = stop;
  }
  return hunks;
}
