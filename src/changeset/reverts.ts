// What reverts put back, from what the reverted commits took away: shared by the git and GitHub front ends,
// which differ only in how they read commit messages and the reverted commits' diffs.
import type { ChangedFile, Restored } from '../model/change-set.js';

/** `git revert` writes this line; GitHub's "Revert" button and most tools keep it. */
const REVERTS = /^This reverts commit ([0-9a-f]{7,40})\b/gm;
/** Reverted commits looked at per change; a range with more reverts than this is a history rewrite, not a review. */
export const MAX_REVERTED = 5;

/** The commits a message says it reverts ("This reverts commit <sha>."). */
export const revertedIn = (message: string): string[] => [...message.matchAll(REVERTS)].map((m) => m[1]!);

/** What one reverted commit took away: lines it removed, by the path they were removed from, and blobs of the files it deleted. */
export interface TakenAway {
  lines: Map<string, Set<string>>;
  deleted: Map<string, string>;
}

/** Adds the removed lines of one file's patch to `away`, under the name the file had before the reverted commit. */
export function addRemoved(away: TakenAway, path: string, removed: readonly { text: string }[]): void {
  if (removed.length === 0) return;
  const set = away.lines.get(path) ?? new Set<string>();
  for (const l of removed) if (l.text.trim() !== '') set.add(l.text.trim());
  away.lines.set(path, set);
}

/**
 * What the change's reverts restore (see Restored): a file the change adds whose blob is the one a
 * reverted commit deleted, and added lines of other files whose text that commit removed from them.
 * Undefined when they restore nothing.
 */
export function restoredBy(taken: readonly TakenAway[], files: readonly ChangedFile[], headBlobs: ReadonlyMap<string, string>): Restored | undefined {
  const restoredFiles = new Set<string>();
  const restoredLines = new Map<string, Set<number>>();
  for (const away of taken) {
    for (const file of files) {
      const blob = headBlobs.get(file.path);
      if (file.status === 'added' && blob !== undefined && away.deleted.get(file.path) === blob) {
        restoredFiles.add(file.path);
        continue;
      }
      const texts = away.lines.get(file.path);
      if (!texts || file.status === 'removed') continue;
      for (const l of file.added) {
        if (!texts.has(l.text.trim())) continue;
        const set = restoredLines.get(file.path) ?? new Set<number>();
        set.add(l.line);
        restoredLines.set(file.path, set);
      }
    }
  }
  return restoredFiles.size === 0 && restoredLines.size === 0 ? undefined : { files: restoredFiles, lines: restoredLines };
}
