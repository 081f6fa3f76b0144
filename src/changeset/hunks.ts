// Parses the hunks of one file's unified diff (git's patch body or GitHub's `patch` field).
import type { AddedLine, DiffLine, Hunk, RemovedLine } from '../model/change-set.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface ParsedPatch {
  hunks: Hunk[];
  added: AddedLine[];
  removed: RemovedLine[];
}

/** Parses every `@@` hunk in `patch`; lines before the first hunk header (git's file header) are skipped. */
export function parsePatch(patch: string): ParsedPatch {
  const hunks: Hunk[] = [];
  const added: AddedLine[] = [];
  const removed: RemovedLine[] = [];
  let current: Hunk | null = null;
  let baseLine = 0;
  let headLine = 0;
  let start = 0;
  const length = patch.length;
  while (start < length) {
    let end = patch.indexOf('\n', start);
    if (end === -1) end = length;
    let raw = patch.slice(start, end);
    start = end + 1;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.startsWith('@@')) {
      const m = HUNK_HEADER.exec(raw);
      if (!m) continue;
      current = {
        baseStart: Number(m[1]),
        baseCount: m[2] === undefined ? 1 : Number(m[2]),
        headStart: Number(m[3]),
        headCount: m[4] === undefined ? 1 : Number(m[4]),
        lines: [],
      };
      hunks.push(current);
      baseLine = current.baseStart;
      headLine = current.headStart;
      continue;
    }
    if (current === null) continue;
    const marker = raw[0];
    const text = raw.slice(1);
    let line: DiffLine;
    if (marker === '+') {
      line = { kind: 'add', text, headLine };
      added.push({ line: headLine, text });
      headLine++;
    } else if (marker === '-') {
      line = { kind: 'del', text, baseLine };
      removed.push({ line: baseLine, text });
      baseLine++;
    } else if (marker === ' ' || (raw === '' && start <= length)) {
      // An empty line inside a hunk is a context line whose leading space was stripped by some tools.
      if (raw === '' && baseLine >= current.baseStart + current.baseCount && headLine >= current.headStart + current.headCount) continue;
      line = { kind: 'context', text, baseLine, headLine };
      baseLine++;
      headLine++;
    } else {
      // "\ No newline at end of file" and anything unknown carry no line.
      continue;
    }
    current.lines.push(line);
  }
  return { hunks, added, removed };
}

/** Head line numbers that a review comment may be placed on (added and context lines, RIGHT side). */
export function commentableHeadLines(hunks: readonly Hunk[]): Set<number> {
  const lines = new Set<number>();
  for (const h of hunks) for (const l of h.lines) if (l.headLine !== undefined) lines.add(l.headLine);
  return lines;
}
