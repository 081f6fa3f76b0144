// Runs checks over a change set and turns their drafts into findings: the pure heart of every front end.
import type { ChangeSet, ChangedFile } from '../model/change-set.js';
import type { Finding, ReviewError } from '../model/finding.js';
import type { Check, CheckResult, FindingDraft } from './define-check.js';
import { formatMessage } from './define-check.js';
import { fingerprint } from './fingerprint.js';
import { syntaxErrors } from './syntax.js';
import { PROBLEM_BINARY } from '../changeset/content.js';

export interface ReviewOptions {
  /** Per-check options, merged over each check's defaults. */
  checkOptions?: Record<string, Record<string, unknown>>;
}

export interface ReviewResult {
  findings: Finding[];
  errors: ReviewError[];
}

const normaliseLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Head lines of `file` that are new: added, and not the same text as a line the change removed (a move). */
export function newLineNumbers(file: ChangedFile): Set<number> {
  const removed = new Set(file.removed.map((l) => normaliseLine(l.text)));
  const lines = new Set<number>();
  for (const l of file.added) if (!removed.has(normaliseLine(l.text))) lines.add(l.line);
  return lines;
}

function toFinding(check: Check, draft: FindingDraft): Finding {
  const finding: Finding = {
    checkId: check.id,
    severity: draft.severity ?? check.severity,
    path: draft.path,
    line: draft.line,
    endLine: Math.max(draft.endLine ?? draft.line, draft.line),
    title: draft.title ?? check.title,
    message: formatMessage(check.messages[draft.messageId] ?? draft.messageId, draft.data),
    remediation: draft.remediation ?? check.remediation,
    fingerprint: fingerprint(check.id, draft.path, draft.key),
  };
  if (draft.suggestion !== undefined) finding.suggestion = draft.suggestion;
  if (draft.baseLine !== undefined) finding.baseLine = draft.baseLine;
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.checkId.localeCompare(b.checkId) || a.fingerprint.localeCompare(b.fingerprint);
}

/**
 * Runs every check; a check that throws becomes an error entry instead of ending the review.
 * Line-scoped findings are kept only on new lines, and duplicates (same check and fingerprint) collapse.
 */
export async function review(change: ChangeSet, checks: readonly Check[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const errors: ReviewError[] = [];
  for (const file of change.files) if (file.problem && file.status !== 'removed') errors.push({ path: file.path, message: file.problem, ...(file.problem !== PROBLEM_BINARY ? { incomplete: true } : {}) });

  const byPath = new Map(change.files.map((f) => [f.path, f]));
  const newLines = new Map<string, Set<number>>();
  const isNew = (path: string, from: number, to: number): boolean => {
    const file = byPath.get(path);
    if (!file) return false;
    let set = newLines.get(path);
    if (!set) newLines.set(path, (set = newLineNumbers(file)));
    for (let n = from; n <= to; n++) if (set.has(n)) return true;
    return false;
  };

  // Which head files checks read, so syntax problems are reported for those without any read of our own
  // (in the GitHub App every read is an API call). A changed file a check asked for whose text could
  // not be had (too large, not UTF-8) was not reviewed by that check: the review is incomplete.
  const readPaths = new Set<string>();
  const tracked = (check: Check, files: ChangedFile[] = change.files): ChangeSet => ({
    base: change.base,
    head: change.head,
    files,
    readHead: async (path) => {
      readPaths.add(path);
      const content = await change.readHead(path);
      // One turn of the event loop per read: a server reviewing a large change still answers in between.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const file = byPath.get(path);
      if (content?.problem && !content.binary && file && file.status !== 'removed' && !file.problem) {
        errors.push({ path, message: `${content.problem.replace(/: content checks skipped$/, '')}: not reviewed by ${check.id}`, incomplete: true });
      }
      return content;
    },
    readBase: (path) => change.readBase(path),
  });

  const results = await Promise.all(
    checks.map(async (check): Promise<[Check, CheckResult]> => {
      const opts = { ...(check.defaultOptions ?? {}), ...(options.checkOptions?.[check.id] ?? {}) } as never;
      try {
        const out = await check.run(tracked(check), opts);
        return [check, Array.isArray(out) ? { findings: out } : out];
      } catch (error) {
        return [check, await fileByFile(check, opts, error, change.files, (files) => tracked(check, files))];
      }
    }),
  );

  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [check, result] of results) {
    for (const e of result.errors ?? []) errors.push(e);
    for (const draft of result.findings) {
      if (check.scope === 'line' && !isNew(draft.path, draft.line, draft.endLine ?? draft.line)) continue;
      const finding = toFinding(check, draft);
      const id = `${finding.checkId}\0${finding.fingerprint}\0${finding.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push(finding);
    }
  }
  findings.sort(compareFindings);
  errors.push(...(await syntaxErrors(change, readPaths, errors)));
  const uniqueErrors = dedupeErrors(errors);
  return { findings, errors: uniqueErrors };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/**
 * A check that threw on the whole change is run again on each file alone, so one unreadable file does
 * not take the findings of every other file with it. The throw is still reported (the check's view of
 * the change as a whole was lost), and each file it fails on again is listed as not reviewed by it.
 */
async function fileByFile(check: Check, opts: never, error: unknown, files: readonly ChangedFile[], scoped: (files: ChangedFile[]) => ChangeSet): Promise<CheckResult> {
  const result: Required<Pick<CheckResult, 'errors'>> & CheckResult = { findings: [], errors: [{ path: '', message: `check ${check.id} failed: ${errorText(error)}`, incomplete: true }] };
  if (files.length <= 1) {
    if (files[0]) result.errors[0] = { path: files[0].path, message: `not reviewed by ${check.id}: ${errorText(error)}`, incomplete: true };
    return result;
  }
  const outcomes = await Promise.all(
    files.map(async (file) => {
      try {
        const out = await check.run(scoped([file]), opts);
        return Array.isArray(out) ? { findings: out } : out;
      } catch (again) {
        return { findings: [], errors: [{ path: file.path, message: `not reviewed by ${check.id}: ${errorText(again)}`, incomplete: true }] } satisfies CheckResult;
      }
    }),
  );
  for (const out of outcomes) {
    result.findings.push(...out.findings);
    result.errors.push(...(out.errors ?? []));
  }
  if (result.errors.length > 1) result.errors.shift();
  else result.errors[0]!.message += '; its findings were recovered by running it on each file alone';
  return result;
}

function dedupeErrors(errors: ReviewError[]): ReviewError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const k = `${e.path}\0${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}
