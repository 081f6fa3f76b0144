// Rebuilds a file's base text from its head text and the unified diff GitHub lists for it, so the review
// needs no second read for the base side of a changed file: the diff holds every line the head lost.
import { parsePatch } from '../changeset/hunks.js';

/**
 * The base text of a file whose head is `head` and whose diff is `patch`, or null when the patch cannot
 * be trusted to rebuild it exactly: a "\ No newline at end of file" marker (the last line's ending
 * differs), no hunk, hunk counts that disagree with their header, or a context or added line that is not
 * the head's line at that place (the patch is not the diff of this head). Callers then read the base.
 */
export function baseFromPatch(head: string, patch: string): string | null {
  if (/^\\ /m.test(patch)) return null;
  const { hunks } = parsePatch(patch);
  if (hunks.length === 0) return null;
  const endsWithNewline = head.endsWith('\n');
  const lines = head === '' ? [] : head.split('\n');
  if (endsWithNewline) lines.pop();
  // Removed lines as the patch has them, a CR ending included (parsePatch drops it), in order.
  const raws = patch.split('\n');
  const firstHunk = raws.findIndex((l) => l.startsWith('@@ -'));
  const removed = raws.slice(Math.max(0, firstHunk)).filter((l) => l.startsWith('-')).map((l) => l.slice(1));
  let nextRemoved = 0;
  const out: string[] = [];
  let cursor = 0;
  for (const hunk of hunks) {
    // "+n,0" places a hunk that adds nothing after head line n; otherwise it starts at line n.
    const start = hunk.headCount === 0 ? hunk.headStart : hunk.headStart - 1;
    if (start < cursor || start > lines.length) return null;
    for (let i = cursor; i < start; i++) out.push(lines[i]!);
    cursor = start;
    let baseSeen = 0;
    let headSeen = 0;
    for (const line of hunk.lines) {
      if (line.kind === 'del') {
        const raw = removed[nextRemoved++];
        if (raw === undefined || (raw.endsWith('\r') ? raw.slice(0, -1) : raw) !== line.text) return null;
        out.push(raw);
        baseSeen++;
        continue;
      }
      const actual = lines[cursor];
      if (actual === undefined || (actual.endsWith('\r') ? actual.slice(0, -1) : actual) !== line.text) return null;
      if (line.kind === 'context') {
        out.push(actual);
        baseSeen++;
      }
      cursor++;
      headSeen++;
    }
    if (baseSeen !== hunk.baseCount || headSeen !== hunk.headCount) return null;
  }
  for (let i = cursor; i < lines.length; i++) out.push(lines[i]!);
  if (out.length === 0) return '';
  // Without a "\ No newline" marker the base ends as the head does (an emptied head keeps no line to say).
  return out.join('\n') + (endsWithNewline || lines.length === 0 ? '\n' : '');
}
