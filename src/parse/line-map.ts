// Maps base line numbers to head line numbers through a file's diff hunks, to place findings about removals.
import type { Hunk } from '../model/change-set.js';

/**
 * Where base line `baseLine` sits in the head: its own head line when the change kept it, else the
 * head line that now stands where it was removed (the first line after the removal). Lines outside
 * every hunk shift by what the hunks before them added and removed. The result may be one past the
 * end of the head file when the removal was at its end; clamp it with `lastLine`.
 */
export function headLineForBaseLine(hunks: readonly Hunk[], baseLine: number, lastLine = Number.POSITIVE_INFINITY): number {
  const clamp = (line: number) => Math.max(1, Math.min(line, Math.max(1, lastLine)));
  let shift = 0;
  for (const hunk of hunks) {
    // A hunk that removes nothing (`-5,0`) sits after base line 5.
    const first = hunk.baseCount === 0 ? hunk.baseStart + 1 : hunk.baseStart;
    if (baseLine < first) break;
    if (baseLine < first + hunk.baseCount) return clamp(lineInHunk(hunk, baseLine));
    shift += hunk.headCount - hunk.baseCount;
  }
  return clamp(baseLine + shift);
}

function lineInHunk(hunk: Hunk, baseLine: number): number {
  let next = hunk.headCount === 0 ? hunk.headStart + 1 : hunk.headStart;
  let removedHere = false;
  for (const line of hunk.lines) {
    if (line.headLine !== undefined) {
      if (removedHere || line.baseLine === baseLine) return line.headLine;
      next = line.headLine + 1;
    } else if (line.baseLine === baseLine) removedHere = true;
  }
  return next;
}
