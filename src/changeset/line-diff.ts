// A Myers line diff producing unified-diff hunks, for content GitHub sends without a patch and for tests.
import type { DiffLine, Hunk } from '../model/change-set.js';
import { splitLines } from './content.js';

type Op = { kind: 'add' | 'del' | 'context'; base: number; head: number };

/** Edit script between two line arrays (Myers, O((N+M)·D)); indexes are 0-based. */
function editScript(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix first: most real changes are small edits in large files.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const A = a.slice(prefix, a.length - suffix);
  const B = b.slice(prefix, b.length - suffix);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the script.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      middle.push({ kind: 'context', base: x, head: y });
    }
    if (d === 0) break;
    if (x === prevX) middle.push({ kind: 'add', base: x, head: --y });
    else middle.push({ kind: 'del', base: --x, head: y });
  }
  middle.reverse();
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: 'context', base: i, head: i });
  for (const op of middle) ops.push({ kind: op.kind, base: op.base + prefix, head: op.head + prefix });
  for (let i = 0; i < suffix; i++) ops.push({ kind: 'context', base: a.length - suffix + i, head: b.length - suffix + i });
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
