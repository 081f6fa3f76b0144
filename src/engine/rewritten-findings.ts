// What a rewrite adds: a changed file that still has a problem its base version had, written another way (a
// fallback read through another helper, a renamed setting that means the same, a dependency spelled as a full
// URL), gains nothing a reviewer would ask about. A check says what a finding is about apart from how the line
// reads (FindingDraft.subject); the same check run over the base version of the file, as if it were new, saying
// the same thing about the same subject, makes the finding old. A finding about something the change makes
// worse says something else (credentials allowed as well as every origin), so it stays.
import type { ChangeSet, FileContent } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';

/** At most this many changed files with findings that have a subject are compared with their base version per review. */
export const MAX_REWRITTEN_FILES = 20;

/** Runs the checks named by id over the base version of a file as a new file; the findings with their subjects. */
export type ReviewBase = (path: string, content: FileContent, checkIds: ReadonlySet<string>) => Promise<ReadonlyArray<{ finding: Finding; subject?: string }>>;

const said = (checkId: string, messageId: string | undefined, subject: string) => `${checkId}\0${messageId ?? ''}\0${subject}`;

/**
 * Findings with a subject (see `subjects`) on files the change modifies or renames whose base version, reviewed
 * by the same checks as a new file, has a finding of the same check and message about the same subject. The base
 * is read through `readBase` (the review's reads, which the checks have most often made already). A base that
 * cannot be read, or a file the change adds, leaves its findings reported.
 */
export async function findingsTheBaseHad(change: ChangeSet, subjects: ReadonlyMap<Finding, string>, readBase: (path: string) => Promise<FileContent | null>, reviewBase: ReviewBase): Promise<Set<Finding>> {
  const old = new Set<Finding>();
  const byPath = new Map<string, Finding[]>();
  for (const f of subjects.keys()) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const files = change.files.filter((f) => (f.status === 'modified' || f.status === 'renamed') && !f.problem && byPath.has(f.path)).slice(0, MAX_REWRITTEN_FILES);
  await Promise.all(
    files.map(async (file) => {
      const basePath = file.previousPath ?? file.path;
      const content = await readBase(basePath).catch(() => null);
      if (!content || content.binary || content.problem) return;
      const mine = byPath.get(file.path)!;
      const theirs = await reviewBase(basePath, content, new Set(mine.map((f) => f.checkId))).catch(() => null);
      if (!theirs) return;
      const before = new Set(theirs.filter((t) => t.subject !== undefined).map((t) => said(t.finding.checkId, t.finding.messageId, t.subject!)));
      for (const f of mine) if (before.has(said(f.checkId, f.messageId, subjects.get(f)!))) old.add(f);
    }),
  );
  return old;
}
