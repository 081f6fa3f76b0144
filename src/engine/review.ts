// Runs checks over a change set and turns their drafts into findings: the pure heart of every front end.
import type { ChangeSet, ChangedFile, Reinstated } from '../model/change-set.js';
import type { FileRole, RoleGlobs } from '../model/file-role.js';
import { compareFindings, type Finding, type ReviewError } from '../model/finding.js';
import { acrossFilesKey, type FoldKey } from './across-files.js';
import { createCheckContext, removedFileRoles, type CheckContext, type RemovedFileRoles } from './check-context.js';
import type { Check, CheckResult, FindingDraft } from './define-check.js';
import { formatMessage } from './define-check.js';
import { fingerprint } from './fingerprint.js';
import { findingsCopiedFromBase, isCopyOf, isSameFile, originChange, type CopyOptions } from './copied-files.js';
import { findingsHeldBefore, type HeldCredentials } from './held-credentials.js';
import { findingsTheBaseHad, type ReviewBase } from './rewritten-findings.js';
import { lineMoveByName, linesMovedAcrossFiles, roleByNameAlone, sameRoleByName, withPairedMoves } from './moved-lines.js';
import { syntaxErrors } from './syntax.js';
import { PROBLEM_BINARY } from '../changeset/content.js';
import { isComposeFile, isDockerfile, isDocument } from '../parse/file-kinds.js';
import { imageDeployment, type ImageSources } from './image-deployment.js';

export interface ReviewOptions {
  /** Per-check options, merged over each check's defaults. */
  checkOptions?: Record<string, Record<string, unknown>>;
  /** `roles:` from the configuration: globs that give files a role. */
  roles?: RoleGlobs;
  /**
   * Whether to look for the base file an added file was copied from (see findingsCopiedFromBase); off for
   * the review of an original.
   */
  copies?: boolean;
}

export interface ReviewResult {
  findings: Finding[];
  errors: ReviewError[];
}

export { newLineNumbers } from './check-context.js';

/** The subject each reported finding carries (FindingDraft.subject), kept beside it so no report shows it. */
const SUBJECTS = new WeakMap<Finding, string>();

/** The key under which a reported finding is one problem with findings of other files (CheckMeta.acrossFiles). */
const ACROSS_FILES = new WeakMap<Finding, FoldKey>();

/** The key a finding review() reported shares with the same problem in other files, if its check folds them (see across-files.ts). */
export function acrossFilesGroup(finding: Finding): FoldKey | undefined {
  return ACROSS_FILES.get(finding);
}

/** Said after the message of a role-limited check's finding on a production file, so a wrong guess is easy to spot. */
export const PRODUCTION_NOTE = 'Reported because this file looks like production configuration: {{reason}}.';
/** Said instead of PRODUCTION_NOTE after a finding about a Dockerfile's image (CheckMeta.deployedImages): what shows it ships. */
export const SHIPPED_IMAGE_NOTE = 'Reported because its image ships: {{reason}}.';

/** Whether a check's finding is about the image a Dockerfile builds, which is reported only where the image ships. */
function aboutShippedImage(check: Check, draft: FindingDraft): boolean {
  const which = check.deployedImages;
  return which !== undefined && isDockerfile(draft.path) && (which === true || which.includes(draft.messageId));
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
    messageId: draft.messageId,
    data: draft.data ?? {},
  };
  if (draft.suggestion !== undefined) finding.suggestion = draft.suggestion;
  if (draft.baseLine !== undefined) finding.baseLine = draft.baseLine;
  if (draft.related?.length) finding.related = draft.related.map((r) => ({ path: r.path, line: r.line }));
  return finding;
}

export { compareBySeverity, compareFindings } from '../model/finding.js';

/**
 * Runs every check; a check that throws becomes an error entry instead of ending the review.
 * Line-scoped findings are kept only on new lines, and duplicates (same check and fingerprint) collapse.
 */
export async function review(original: ChangeSet, checks: readonly Check[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const errors: ReviewError[] = [];
  for (const file of original.files) if (file.problem && file.status !== 'removed') errors.push({ path: file.path, message: file.problem, ...(file.problem !== PROBLEM_BINARY ? { incomplete: true } : {}) });

  const removedRoles = removedFileRoles(original, options.roles ? { roles: options.roles } : {});
  const { change, movedIn } = await whatTheChangeAdds(original, options.roles, removedRoles);
  const restored = original.restored;
  const byPath = new Map(change.files.map((f) => [f.path, f]));
  const ctx = createCheckContext(change, { ...(options.roles ? { roles: options.roles } : {}), movedIn: restored ? withRestoredLines(movedIn, restored.lines) : movedIn, removedRoles });
  // A changed file a check asked for whose text could not be had (too large, not UTF-8) was not reviewed
  // by that check: the review is incomplete.
  const viewFor = (check: Check, files?: readonly ChangedFile[]): CheckContext =>
    ctx.view({
      ...(files ? { files } : {}),
      onHeadRead: (path, content) => {
        const file = byPath.get(path);
        if (content?.problem && !content.binary && file && file.status !== 'removed' && !file.problem) {
          errors.push({ path, message: `${content.problem.replace(/: content checks skipped$/, '')}: not reviewed by ${check.id}`, incomplete: true });
        }
      },
    });

  try {
    const results = await Promise.all(
      checks.map(async (check): Promise<[Check, CheckResult]> => {
        const opts = { ...(check.defaultOptions ?? {}), ...(options.checkOptions?.[check.id] ?? {}) } as never;
        try {
          const out = await check.run(viewFor(check), opts);
          return [check, Array.isArray(out) ? { findings: out } : out];
        } catch (error) {
          return [check, await fileByFile(check, opts, error, ctx.files(), (files) => viewFor(check, files))];
        }
      }),
    );

    // What shows a Dockerfile's image ships (see image-deployment.ts), once per path; null when nothing does.
    const shipping = new Map<string, Promise<string | null>>();
    const imageSources: ImageSources = { text: (p) => ctx.text(p), yaml: (p) => ctx.yaml(p), list: (d) => ctx.list(d), role: (p) => ctx.role(p), changedCompose: () => ctx.files().map((f) => f.path).filter(isComposeFile) };
    const imageShips = (path: string): Promise<string | null> => {
      let hit = shipping.get(path);
      if (!hit) shipping.set(path, (hit = imageDeployment(path, imageSources).then((why) => why ?? null)));
      return hit;
    };
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const credentials = new Map<Finding, HeldCredentials>();
    // Files the change puts back as the base's history had them (CLI): asked only for added files these checks report on.
    const candidates = [...new Set(results.flatMap(([check, result]) => (REINSTATED_CHECKS.has(check.id) ? result.findings.map((d) => d.path) : [])))].filter((p) => byPath.get(p)?.status === 'added');
    const none: Reinstated = { whole: new Set(), lines: new Map() };
    const reinstated = candidates.length > 0 && original.reinstated ? await original.reinstated(candidates).catch(() => none) : none;
    // A line finding on lines the deleted version held as they read is the repository's decision put back too.
    const heldBefore = (draft: { path: string; line: number; endLine?: number }) => {
      const lines = reinstated.lines.get(draft.path);
      if (!lines) return false;
      for (let l = draft.line; l <= (draft.endLine ?? draft.line); l++) if (!lines.has(l)) return false;
      return true;
    };
    for (const [check, result] of results) {
      for (const e of result.errors ?? []) errors.push(e);
      for (const draft of result.findings) {
        if (check.scope === 'line' && !ctx.isNew(draft.path, draft.line, draft.endLine ?? draft.line)) continue;
        if (restored?.files.has(draft.path)) continue;
        if (REINSTATED_CHECKS.has(check.id) && (reinstated.whole.has(draft.path) || (check.scope === 'line' && heldBefore(draft)))) continue;
        const role = check.roles ? await ctx.role(draft.path) : undefined;
        if (role && !check.roles?.includes(role.role)) continue;
        const shipped = role?.role === 'production' && aboutShippedImage(check, draft) ? await imageShips(draft.path) : undefined;
        if (shipped === null) continue;
        const finding = toFinding(check, draft);
        if (shipped) finding.message += ` ${formatMessage(SHIPPED_IMAGE_NOTE, { reason: shipped })}`;
        else if (role?.role === 'production') finding.message += ` ${formatMessage(PRODUCTION_NOTE, { reason: role.reason })}`;
        // One finding per problem: the same draft twice, or one line that reads the same for several
        // subjects (an image in a YAML anchor that two services merge in), is reported once.
        const id = `${finding.checkId}\0${finding.fingerprint}\0${finding.line}`;
        const said = `${finding.checkId}\0${finding.path}\0${finding.line}\0${finding.message}`;
        if (seen.has(id) || seen.has(said)) continue;
        seen.add(id);
        seen.add(said);
        findings.push(finding);
        if (draft.credentials) credentials.set(finding, draft.credentials);
        if (draft.subject !== undefined) SUBJECTS.set(finding, draft.subject);
        const across = acrossFilesKey(check, draft);
        if (across !== undefined) ACROSS_FILES.set(finding, across);
      }
    }
    // Credentials the change moves from another file or shape, or (where the base can be searched) the
    // repository already held, are not its own; the original review of a copy (copies: false) skips this.
    const byName = lineMoveByName(options.roles);
    const roleOf = async (path: string) => (await ctx.role(path)).role;
    const held =
      options.copies === false || credentials.size === 0
        ? new Set<Finding>()
        : await findingsHeldBefore(original, credentials, {
            movable: mayMove(options, ctx),
            isProduction: async (path) => (await roleOf(path)) === 'production',
            // A document runs nowhere: a value it quotes from any tracked file publishes nothing new.
            sameRole: async (from, to) => isDocument(to) || (byName(from, to) && (await roleOf(from)) === (await roleOf(to))),
            copiedFrom: async (from, to) => {
              const file = original.files.find((f) => f.path === to);
              if (!file || (file.status !== 'added' && file.status !== 'copied')) return false;
              const [base, head] = await Promise.all([original.readBase(from).catch(() => null), ctx.text(to)]);
              if (base === null || base.binary || base.problem || head === null || !isCopyOf(head, base.text)) return false;
              return mayCopy(options, ctx)(from, to, isSameFile(to, head, from, base.text));
            },
            ...(change.searchBase ? { searchBase: (values) => change.searchBase!(values) } : {}),
          });
    // A problem the base version of a changed file already had, which the change only writes another way, is not its own.
    const subjects = new Map(findings.filter((f) => !held.has(f) && SUBJECTS.has(f)).map((f) => [f, SUBJECTS.get(f)!]));
    const rewritten = options.copies === false || subjects.size === 0 ? new Set<Finding>() : await findingsTheBaseHad(change, subjects, (path) => ctx.read(path, 'base'), reviewBase(change, checks, options));
    const kept = held.size === 0 && rewritten.size === 0 ? findings : findings.filter((f) => !held.has(f) && !rewritten.has(f));
    // Findings a copy reports although its original has them too (CheckMeta.newInCopies) are not looked for in originals.
    const newInCopies = new Map(checks.map((c) => [c.id, new Set(c.newInCopies ?? [])]));
    const copyable = kept.filter((f) => !newInCopies.get(f.checkId)?.has(f.messageId ?? ''));
    const copied = options.copies === false || copyable.length === 0 ? new Set<Finding>() : await findingsCopiedFromBase(change, copyable, copyOptions(change, checks, options, ctx));
    // Those are old only in a file that is its original as it is, under the same name (a mirror of it).
    const mirrored = kept.filter((f) => newInCopies.get(f.checkId)?.has(f.messageId ?? ''));
    if (options.copies !== false && mirrored.length > 0) for (const f of await findingsCopiedFromBase(change, mirrored, { ...copyOptions(change, checks, options, ctx), identical: true })) copied.add(f);
    const unique = copied.size === 0 ? kept : kept.filter((f) => !copied.has(f));
    const reported = withoutYielded(unique, checks);
    reported.sort(compareFindings);
    errors.push(...(await syntaxErrors(ctx, errors)));
    return { findings: reported, errors: dedupeErrors(errors) };
  } finally {
    ctx.dispose();
  }
}

/**
 * What the change adds: moves the front end did not pair become renames, and lines moved in from another
 * file of the same role, or out of production configuration, are not new (see moved-lines.ts). Roles are
 * taken from configuration and names, except for a deleted file whose name says nothing that some move
 * would take content from: it is judged by its base content (removedRoles), so a stack moved out of a
 * deleted development compose file into production configuration is new there. Only those files are read.
 */
async function whatTheChangeAdds(original: ChangeSet, roles: RoleGlobs | undefined, removedRoles: RemovedFileRoles): Promise<{ change: ChangeSet; movedIn: Map<string, Set<number>> }> {
  const byName = roleByNameAlone(roles);
  const judge = new Set(original.files.filter((f) => f.status === 'removed' && !byName(f.path)).map((f) => f.path));
  const sources = new Set<string>();
  const noting = (test: (from: string, to: string) => boolean) => (from: string, to: string) => {
    const same = test(from, to);
    if (same && judge.has(from)) sources.add(from);
    return same;
  };
  const moves = (known?: ReadonlyMap<string, FileRole>, note = false) => {
    const change = withPairedMoves(original, note ? noting(sameRoleByName(roles, known)) : sameRoleByName(roles, known));
    const line = lineMoveByName(roles, known);
    return { change, movedIn: linesMovedAcrossFiles(change.files, note ? noting(line) : line) };
  };
  const first = moves(undefined, true);
  if (sources.size === 0) return first;
  const known = new Map<string, FileRole>();
  for (const path of sources) {
    const role = (await removedRoles(path))?.role;
    if (role && role !== 'production') known.set(path, role);
  }
  return known.size === 0 ? first : moves(known);
}

/** Lines a revert restores are, like lines moved in from another file, not new. */
/**
 * Checks whose findings on a file the change puts back (see ChangeSet.reinstated) are decisions the repository
 * already made in that file, taken again as they were: how it pins, probes and which user it runs as. What
 * would leak or run differently comes back with the file and is still reported (a secret, a database, debug).
 * A file put back edited (its paths adjusted) keeps, of these, the line findings on lines it did not have before.
 */
const REINSTATED_CHECKS = new Set(['unpinned-dependency', 'healthcheck-missing', 'container-root-user']);

function withRestoredLines(movedIn: Map<string, Set<number>>, restored: ReadonlyMap<string, ReadonlySet<number>>): Map<string, Set<number>> {
  const out = new Map(movedIn);
  for (const [path, lines] of restored) out.set(path, new Set([...(movedIn.get(path) ?? []), ...lines]));
  return out;
}

/**
 * Whether content may move from `from` to `to` and stay old: the move rule of lines between files
 * (lineMoveByName), by the roles both files have after the change too: the same role, or out of production.
 * Copied files and credentials moved between files are judged by this one rule.
 */
function mayMove(options: ReviewOptions, ctx: CheckContext): (from: string, to: string) => Promise<boolean> {
  const byName = lineMoveByName(options.roles);
  return async (from, to) => {
    if (!byName(from, to)) return false;
    const [was, is] = [(await ctx.role(from)).role, (await ctx.role(to)).role];
    return was === is || was === 'production';
  };
}

/**
 * Whether a new file copied from `from` to `to` may be old there: by the move rule (mayMove), or, for a file
 * that is its original as it is under the same name (`sameFile`, see isSameFile), by the roles both files
 * have alone, whatever their names say: the same role, or out of production (a test addon's chart copied
 * whole from `devel/addon/` to the `make/config/` the new end-to-end target applies it from).
 */
function mayCopy(options: ReviewOptions, ctx: CheckContext): (from: string, to: string, sameFile?: boolean) => Promise<boolean> {
  const move = mayMove(options, ctx);
  return async (from, to, sameFile) => {
    if (await move(from, to)) return true;
    if (!sameFile) return false;
    const [was, is] = [(await ctx.role(from)).role, (await ctx.role(to)).role];
    return was === is || was === 'production';
  };
}

/**
 * How a review looks for originals of copied files: the head text it already read, the move rule of lines
 * between files (lineMoveByName) and the roles both files have after the change, and the same checks with
 * the same options run over the original alone.
 */
function copyOptions(change: ChangeSet, checks: readonly Check[], options: ReviewOptions, ctx: CheckContext): CopyOptions {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return {
    headText: (path) => ctx.text(path),
    movable: mayCopy(options, ctx),
    lineScoped: (id) => byId.get(id)?.scope === 'line',
    reviewOrigin: async (origin, content, ids) => (await reviewBase(change, checks, options)(origin, content, ids)).map((r) => r.finding),
  };
}

/** The same checks with the same options run over the base version of a changed file as a new file of the base tree. */
function reviewBase(change: ChangeSet, checks: readonly Check[], options: ReviewOptions): ReviewBase {
  return async (path, content, ids) => {
    const { findings } = await review(originChange(change, path, content), checks.filter((c) => ids.has(c.id)), { ...options, copies: false });
    return findings.map((finding) => ({ finding, ...(SUBJECTS.has(finding) ? { subject: SUBJECTS.get(finding)! } : {}) }));
  };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/**
 * A check that threw on the whole change is run again on each file alone, so one unreadable file does
 * not take the findings of every other file with it. The throw is still reported (the check's view of
 * the change as a whole was lost), and each file it fails on again is listed as not reviewed by it.
 */
async function fileByFile(check: Check, opts: never, error: unknown, files: readonly ChangedFile[], scoped: (files: ChangedFile[]) => CheckContext): Promise<CheckResult> {
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

/** Findings left when each check with `yieldsTo` gives way to those checks on the lines they report (see CheckMeta.yieldsTo). */
function withoutYielded(findings: Finding[], checks: readonly Check[]): Finding[] {
  const yields = new Map(checks.filter((c) => c.yieldsTo?.length).map((c) => [c.id, c.yieldsTo!]));
  if (yields.size === 0) return findings;
  const lines = new Set(findings.map((f) => `${f.checkId}\0${f.path}\0${f.line}`));
  return findings.filter((f) => !(yields.get(f.checkId) ?? []).some((other) => lines.has(`${other}\0${f.path}\0${f.line}`)));
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
