// What the reverts among a change's commits put back: found from `git revert`'s own commit message
// ("This reverts commit <sha>."), so a local review sees what the revert restores, not what it adds.
import type { ChangedFile, Reinstated, Restored } from '../model/change-set.js';
import { EMPTY_TREE, git, gitChangeSet, parseRaw, patchPath, splitPatch, type GitChangeSet, type GitChangeSetOptions, type RawEntry } from './git.js';
import { decodeUtf8 } from './content.js';
import { parsePatch } from './hunks.js';
import { MAX_REVERTED, addRemoved, restoredBy, revertedIn, type TakenAway } from './reverts.js';
/** A reverted commit whose diff is larger than this is not read (a revert of a vendored tree or a mass rename). */
const MAX_REVERTED_DIFF_BYTES = 8 * 1024 * 1024;

/** A subject `Revert "<subject of the reverted commit>"`, as `git revert` writes it (some tools drop the body). */
const REVERT_SUBJECT = /^Revert "(.+)"$/;
/** How far back in base's history a reverted commit is looked for by its subject. */
const SUBJECT_SEARCH_DEPTH = 500;

/** The newest of the last SUBJECT_SEARCH_DEPTH commits of `base` whose subject is exactly `subject`. */
async function commitBySubject(repo: string, base: string, subject: string): Promise<string | null> {
  const out = (await git(repo, ['log', '-n', String(SUBJECT_SEARCH_DEPTH), '--no-merges', '--format=%H%x00%s', base])).toString('utf8');
  for (const line of out.split('\n')) {
    const [sha, s] = line.split('\0');
    if (sha && s === subject) return sha;
  }
  return null;
}

/**
 * The commits `base..head` names as reverted, at most MAX_REVERTED: by the sha in "This reverts commit
 * <sha>", or, in a message without that line, by the subject inside `Revert "…"`.
 */
async function revertedCommits(repo: string, base: string, head: string): Promise<string[]> {
  const log = (await git(repo, ['log', '--no-merges', '--format=%B%x00', `${base}..${head}`])).toString('utf8');
  const found = new Set<string>();
  for (const message of log.split('\0')) {
    const named = revertedIn(message);
    const subject = REVERT_SUBJECT.exec(message.trim().split('\n')[0] ?? '')?.[1];
    if (named.length === 0 && subject) {
      const sha = await commitBySubject(repo, base, subject);
      if (sha) named.push(sha);
    }
    for (const sha of named) found.add(sha);
    if (found.size >= MAX_REVERTED) break;
  }
  return [...found].slice(0, MAX_REVERTED);
}

/** Whether `commit` is a commit that `base` already holds, with a parent: a revert restores its first parent's content (`git revert -m 1` for a merge). */
async function revertible(repo: string, commit: string, base: string): Promise<string | null> {
  try {
    // One line: the commit's full sha, then its parents; an unknown commit fails.
    const [sha, ...parents] = (await git(repo, ['rev-list', '--parents', '-n', '1', commit, '--'])).toString('utf8').trim().split(' ');
    if (!sha || parents.length === 0) return null;
    await git(repo, ['merge-base', '--is-ancestor', sha, base]);
    return sha;
  } catch {
    return null;
  }
}

/** What one reverted commit took away (its diff against its first parent). */
async function takenAway(repo: string, commit: string): Promise<TakenAway | null> {
  const range = [`${commit}^`, commit];
  const raw = parseRaw(await git(repo, ['diff', '--no-color', '--no-ext-diff', '-M', '-z', '--raw', '--no-abbrev', ...range]));
  const away: TakenAway = { lines: new Map(), deleted: new Map() };
  for (const e of raw) if (e.status === 'removed' && e.baseBlob) away.deleted.set(e.path, e.baseBlob);
  const patch = await git(repo, ['-c', 'core.quotepath=false', 'diff', '--no-color', '--no-ext-diff', '-M', '--diff-filter=MRT', '--src-prefix=a/', '--dst-prefix=b/', '-U0', ...range]);
  if (patch.length > MAX_REVERTED_DIFF_BYTES) return null;
  // The revert renames a file back, so its lines come back under the name they had before.
  const from = new Map<string, string>(raw.filter((e): e is RawEntry & { previousPath: string } => e.previousPath !== undefined).map((e) => [e.path, e.previousPath]));
  for (const chunk of splitPatch(patch)) {
    const path = patchPath(chunk);
    const text = path === null ? null : decodeUtf8(chunk);
    if (path !== null && text !== null) addRemoved(away, from.get(path) ?? path, parsePatch(text).removed);
  }
  return away;
}

/**
 * What the change's reverts restore (see restoredBy). Only commits `base` holds count: a revert of a
 * commit of the same change adds back what base never had. Undefined when the change reverts nothing, or
 * when git cannot say (a shallow clone without the commits).
 */
export async function gitRestored(repo: string, base: string, head: string, files: readonly ChangedFile[], headBlobs: ReadonlyMap<string, string>): Promise<Restored | undefined> {
  let reverted: string[];
  try {
    reverted = await revertedCommits(repo, base, head);
  } catch {
    return undefined;
  }
  const taken: TakenAway[] = [];
  for (const commit of reverted) {
    const sha = await revertible(repo, commit, base);
    const away = sha ? await takenAway(repo, sha).catch(() => null) : null;
    if (away) taken.push(away);
  }
  return taken.length === 0 ? undefined : restoredBy(taken, files, headBlobs);
}

/** Words of a commit message that says it puts something back. */
const RESTORE_WORDS = /\b(?:restor(?:e|es|ed|ing)|reinstat(?:e|es|ed|ing)|undelet(?:e|es|ed|ing)|re-?add(?:s|ed|ing)?|(?:bring|brings|bringing|brought|put|puts|putting) back)\b/i;

/** How many of base's latest commits are searched for the deletion of a file the change adds back. */
const REINSTATE_SEARCH_DEPTH = 200;
/**
 * How close a file put back must be to the version deleted: lines changed at most a tenth of the longer
 * version, or two lines (a comment saying why it is back, a version bumped) in a short file.
 */
const REINSTATE_SIMILARITY = 0.9;
const REINSTATE_LINES_CHANGED = 2;

/**
 * Which of `paths` (files the change adds) one of the last REINSTATE_SEARCH_DEPTH commits of `base` deleted and the
 * change puts back: `whole` those with (nearly) the same lines (workflows restored the day after their removal,
 * pre-generated compose files put back for backward compatibility), `lines` the head lines of each that the deleted
 * version held as they read (a repository emptied into a submodule and imported back with its paths adjusted).
 * Empty when git cannot say (a shallow clone).
 */
export async function gitReinstated(repo: string, base: string, head: string, paths: readonly string[], headBlobs: ReadonlyMap<string, string>): Promise<Reinstated> {
  const added = new Set(paths.filter((p) => headBlobs.has(p)));
  const whole = new Set<string>();
  const held = new Map<string, Set<number>>();
  const out = { whole, lines: held };
  if (added.size === 0) return out;
  let log: string;
  try {
    log = (await git(repo, ['log', '-n', String(REINSTATE_SEARCH_DEPTH), '--diff-filter=D', '--no-renames', '--name-only', '--format=%x00%H%x01%s', base, '--'])).toString('utf8');
  } catch {
    return out;
  }
  // The change says it restores something ("restore old pregen for backward compat", "fix: restore gh actions").
  const says = await git(repo, ['log', '--no-merges', '--format=%B', `${base}..${head}`]).then((b) => RESTORE_WORDS.test(b.toString('utf8')), () => false);
  const deletedBy = new Map<string, string>();
  for (const entry of log.split('\0')) {
    const [head, ...paths] = entry.trim().split('\n');
    const [sha, subject] = (head ?? '').split('\x01');
    if (!sha) continue;
    const deleted = paths.filter(Boolean);
    // A deletion the change undoes: it says it restores, or adds back at least half of what that commit deleted (a
    // workflow set, the pre-generated files). A file that comes back alone from a mass removal (a rewrite that dropped the old code)
    // is new again, and so is one a revert removed: the revert withdrew it as a change, and putting it back proposes it anew.
    const undone = says || deleted.filter((p) => headBlobs.has(p)).length * 2 >= deleted.length;
    const reverted = REVERT_SUBJECT.test(subject ?? '');
    for (const path of deleted) if (added.has(path) && !deletedBy.has(path)) deletedBy.set(path, undone && !reverted ? sha : '');
  }
  for (const [path, sha] of deletedBy) {
    if (!sha) continue;
    try {
      const blob = headBlobs.get(path);
      if (!blob) continue;
      const before = (await git(repo, ['show', `${sha}^:${path}`])).toString('utf8');
      const after = (await git(repo, ['cat-file', 'blob', blob])).toString('utf8');
      if (similarLines(before, after)) whole.add(path);
      held.set(path, linesHeld(before, after));
    } catch {
      // The deleting commit's parent is not in a shallow clone: nothing to compare.
    }
  }
  return out;
}

/** The lines of `after` (1-based) whose text, trimmed and not blank, is a line of `before`. */
function linesHeld(before: string, after: string): Set<number> {
  const had = new Set(before.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
  const out = new Set<number>();
  after.split('\n').forEach((l, i) => {
    if (had.has(l.trim())) out.add(i + 1);
  });
  return out;
}

function similarLines(a: string, b: string): boolean {
  const lines = (t: string) => t.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const la = lines(a);
  const lb = lines(b);
  if (la.length === 0 || lb.length === 0) return false;
  const sa = new Set(la);
  const sb = new Set(lb);
  // Lines changed: a line replaced counts once (gone from one version, new in the other).
  const differing = Math.max(la.filter((x) => !sb.has(x)).length, lb.filter((x) => !sa.has(x)).length);
  return differing <= Math.max(REINSTATE_LINES_CHANGED, (1 - REINSTATE_SIMILARITY) * Math.max(la.length, lb.length));
}

/** gitChangeSet with what the change's reverts restore marked on it (see gitRestored): the change set a local review reads. */
export async function gitReviewChangeSet(options: GitChangeSetOptions): Promise<GitChangeSet> {
  const change = await gitChangeSet(options);
  if (options.base === EMPTY_TREE) return change;
  try {
    const restored = await gitRestored(options.repo, options.base, options.head, change.files, change.addedBlobs);
    if (restored) change.restored = restored;
    change.reinstated = (paths) => gitReinstated(options.repo, options.base, options.head, paths, change.addedBlobs);
    return change;
  } catch (error) {
    change.close();
    throw error;
  }
}
