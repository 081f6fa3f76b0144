// Files that are new or deleted as a whole: every line is added (or removed), so no diff is computed.
import type { ChangedFile, FileContent, Hunk } from '../model/change-set.js';
import { splitLines } from './content.js';

/** A file new in head: every line is added; its one hunk is built only if a reporter asks for it. */
export function addedFile(path: string, content: FileContent | null): ChangedFile {
  const file: ChangedFile = { path, status: 'added', binary: content?.binary ?? false, hunks: [], added: [], removed: [] };
  if (!content) return file;
  if (content.problem) {
    file.problem = content.problem;
    return file;
  }
  const lines = splitLines(content.text);
  file.added = lines.map((text, i) => ({ line: i + 1, text }));
  let hunks: Hunk[] | undefined;
  Object.defineProperty(file, 'hunks', {
    enumerable: true,
    get: () =>
      (hunks ??=
        lines.length === 0
          ? []
          : [{ baseStart: 0, baseCount: 0, headStart: 1, headCount: lines.length, lines: file.added.map((l) => ({ kind: 'add' as const, text: l.text, headLine: l.line })) }]),
    set: (value: Hunk[]) => {
      hunks = value;
    },
  });
  return file;
}

/** A file deleted in head: every base line is removed, in one hunk. */
export function removedFile(path: string, content: FileContent | null): ChangedFile {
  const file: ChangedFile = { path, status: 'removed', binary: content?.binary ?? false, hunks: [], added: [], removed: [] };
  if (!content) return file;
  if (content.problem) {
    file.problem = content.problem;
    return file;
  }
  const lines = splitLines(content.text);
  file.removed = lines.map((text, i) => ({ line: i + 1, text }));
  if (lines.length > 0) file.hunks = [{ baseStart: 1, baseCount: lines.length, headStart: 0, headCount: 0, lines: file.removed.map((l) => ({ kind: 'del' as const, text: l.text, baseLine: l.line })) }];
  return file;
}
