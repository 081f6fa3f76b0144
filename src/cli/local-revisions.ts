// What `readiness scan` reviews in a local repository: the default branch to compare with, and trees for the index or the work tree.
import { existsSync, mkdtempSync, rmSync, copyFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EMPTY_TREE, GitError, git } from '../changeset/git.js';

const text = (b: Buffer) => b.toString('utf8').trim();

async function tryGit(repo: string, args: string[]): Promise<string | null> {
  try {
    const out = text(await git(repo, args));
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

/** Fails with the user's words when `repo` is not a folder, not a repository, or has no commits yet. */
export async function checkRepository(repo: string, { allowEmpty }: { allowEmpty: boolean }): Promise<{ hasCommits: boolean; headCommit: string | null }> {
  if (!existsSync(repo)) throw new GitError(`no such directory: ${repo}`);
  if (!statSync(repo).isDirectory()) throw new GitError(`not a directory: ${repo}`);
  await git(repo, ['rev-parse', '--git-dir']);
  const headCommit = await tryGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (headCommit === null && !allowEmpty) throw new GitError(`the repository at ${repo} has no commits yet: commit something, or review what is staged with --staged.`);
  return { hasCommits: headCommit !== null, headCommit };
}

/** A branch the current one was probably forked from, and how git told us so. */
export interface DefaultBranchCandidate {
  ref: string;
  /** e.g. "origin/HEAD", "init.defaultBranch", "the upstream of feature". */
  source: string;
}

/**
 * The branches to compare HEAD with, most authoritative first: each remote's HEAD (what the server calls
 * its default branch), the current branch's upstream, the configured `init.defaultBranch`, then the
 * usual names `main` and `master`.
 */
export async function defaultBranchCandidates(repo: string): Promise<DefaultBranchCandidate[]> {
  const out: DefaultBranchCandidate[] = [];
  const add = (ref: string | null, source: string) => {
    if (ref && !out.some((c) => c.ref === ref)) out.push({ ref, source });
  };
  const remotes = (await tryGit(repo, ['remote']))?.split('\n') ?? [];
  // origin first: it is the remote a clone names.
  remotes.sort((a, b) => (a === 'origin' ? -1 : b === 'origin' ? 1 : a.localeCompare(b)));
  for (const remote of remotes) {
    const target = await tryGit(repo, ['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`]);
    if (target) add(target.replace(/^refs\/remotes\//, ''), `${remote}/HEAD`);
  }
  const branch = await tryGit(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (branch) add(await tryGit(repo, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', `${branch}@{upstream}`]), `the upstream of ${branch}`);
  const configured = await tryGit(repo, ['config', '--get', 'init.defaultBranch']);
  if (configured) add(configured, 'init.defaultBranch');
  add('main', 'the usual name');
  add('master', 'the usual name');
  return out;
}

/** A tree of what `git commit` would record now: the index. */
export async function indexTree(repo: string): Promise<string> {
  try {
    return text(await git(repo, ['write-tree']));
  } catch (error) {
    throw new GitError(`the index cannot be reviewed (${(error as Error).message.replace(/\.$/, '')}); resolve merge conflicts first.`);
  }
}

/**
 * A tree of the work tree as `git add -A` would stage it (tracked changes, new files that are not
 * ignored), built in a copy of the index so the user's staging area is left as it was. The blobs it
 * writes are loose objects that git's housekeeping removes, as with `git stash`.
 */
export async function workTreeTree(repo: string): Promise<string> {
  const indexPath = resolve(repo, text(await git(repo, ['rev-parse', '--git-path', 'index'])));
  const scratch = mkdtempSync(join(tmpdir(), 'readiness-index-'));
  const copy = join(scratch, 'index');
  try {
    if (existsSync(indexPath)) copyFileSync(indexPath, copy);
    await git(repo, ['-c', 'core.quotepath=false', 'add', '-A', '--', '.'], { GIT_INDEX_FILE: copy });
    return text(await git(repo, ['write-tree'], { GIT_INDEX_FILE: copy }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Paths with changes that are not committed: staged (in the index) and unstaged (work tree, including new files). */
export async function uncommittedPaths(repo: string): Promise<{ staged: string[]; unstaged: string[] }> {
  const out = (await git(repo, ['-c', 'core.quotepath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=normal'])).toString('utf8');
  const staged: string[] = [];
  const unstaged: string[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    const [x, y, path] = [entry[0]!, entry[1]!, entry.slice(3)];
    if (x === 'R' || x === 'C') i++; // the original path follows
    if (x === '?') {
      unstaged.push(path);
      continue;
    }
    if (x !== ' ') staged.push(path);
    if (y !== ' ') unstaged.push(path);
  }
  return { staged, unstaged };
}

export { EMPTY_TREE };
