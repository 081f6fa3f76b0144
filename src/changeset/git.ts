// Builds a ChangeSet from a local git repository between two revisions (`git diff -M base head`).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChangeSet, ChangedFile, FileContent, FileStatus } from '../model/change-set.js';
import { MAX_CONTENT_BYTES } from '../model/change-set.js';
import { PROBLEM_BINARY, PROBLEM_NOT_UTF8, PROBLEM_TOO_LARGE, contentFromBytes, decodeUtf8 } from './content.js';
import { GitBlobReader } from './git-blob-reader.js';
import { parsePatch } from './hunks.js';

const execFileAsync = promisify(execFile);

/** git's well-known empty tree: diffing from it shows every file as added. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** A failure the user can act on (not a repository, unknown revision); the CLI prints it and exits 2. */
export class GitError extends Error {}

export async function git(repo: string, args: string[]): Promise<Buffer> {
  try {
    const { stdout } = await execFileAsync('git', args, { cwd: repo, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new GitError(e.path === 'git' ? 'git is not installed or not on PATH.' : `${repo} does not exist.`);
    const stderr = e.stderr ? e.stderr.toString('utf8').trim() : e.message;
    if (/not a git repository/i.test(stderr)) throw new GitError(`${repo} is not a git repository.`);
    throw new GitError(stderr.split('\n')[0] || `git ${args[0]} failed.`);
  }
}

/** Resolves a revision to a commit SHA, or throws a GitError naming it. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  await git(repo, ['rev-parse', '--git-dir']);
  try {
    return (await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).toString('utf8').trim();
  } catch {
    throw new GitError(`unknown revision "${rev}" in ${repo}.`);
  }
}

interface NameStatus {
  status: FileStatus;
  path: string;
  previousPath?: string;
}

function parseNameStatus(out: Buffer): NameStatus[] {
  const fields = out.toString('utf8').split('\0');
  const entries: NameStatus[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++]!;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const previousPath = fields[i++]!;
      const path = fields[i++]!;
      entries.push({ status: letter === 'R' ? 'renamed' : 'copied', path, previousPath });
    } else {
      const path = fields[i++]!;
      entries.push({ status: letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified', path });
    }
  }
  return entries;
}

/** Binary flags from `--numstat -z`, in diff order (git prints "-\t-" for binary files). */
function parseNumstatBinary(out: Buffer): boolean[] {
  const fields = out.toString('utf8').split('\0');
  const flags: boolean[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const field = fields[i++]!;
    const [added, deleted, path] = field.split('\t');
    flags.push(added === '-' && deleted === '-');
    // A rename or copy puts an empty path here and the two paths in the next two fields.
    if (path === '') i += 2;
  }
  return flags;
}

/** Splits `git diff` patch output into one chunk per file, in diff order. */
function splitPatch(out: Buffer): Buffer[] {
  const marker = Buffer.from('diff --git ');
  const chunks: Buffer[] = [];
  let start = out.indexOf(marker);
  while (start !== -1) {
    let next = out.indexOf(Buffer.from('\ndiff --git '), start);
    const end = next === -1 ? out.length : next + 1;
    chunks.push(out.subarray(start, end));
    start = next === -1 ? -1 : next + 1;
  }
  return chunks;
}

export interface GitChangeSetOptions {
  repo: string;
  base: string;
  head: string;
}

export interface GitChangeSet extends ChangeSet {
  /** Ends the git processes behind lazy content access. */
  close(): void;
}

export async function gitChangeSet({ repo, base, head }: GitChangeSetOptions): Promise<GitChangeSet> {
  const range = [base, head];
  const common = ['-c', 'core.quotepath=false', 'diff', '--no-color', '--no-ext-diff', '-M', '--diff-filter=ACDMRT'];
  const [names, numstat, patch] = await Promise.all([
    git(repo, [...common, '-z', '--name-status', ...range]),
    git(repo, [...common, '-z', '--numstat', ...range]),
    git(repo, [...common, '--src-prefix=a/', '--dst-prefix=b/', '-U3', ...range]),
  ]);
  const entries = parseNameStatus(names);
  const binaryFlags = parseNumstatBinary(numstat);
  const chunks = splitPatch(patch);
  const reader = new GitBlobReader(repo);
  const sizes = await blobSizes(repo, head, entries.filter((e) => e.status !== 'removed').map((e) => e.path));

  const files: ChangedFile[] = entries.map((entry, index) => {
    const binary = binaryFlags[index] ?? false;
    const file: ChangedFile = { ...entry, binary, hunks: [], added: [], removed: [] };
    const size = sizes.get(entry.path) ?? 0;
    if (binary) file.problem = PROBLEM_BINARY;
    else if (size > MAX_CONTENT_BYTES) file.problem = PROBLEM_TOO_LARGE;
    const chunk = chunks[index];
    if (file.problem || !chunk) return file;
    const text = decodeUtf8(chunk);
    if (text === null) {
      file.problem = PROBLEM_NOT_UTF8;
      return file;
    }
    const parsed = parsePatch(text);
    file.hunks = parsed.hunks;
    file.added = parsed.added;
    file.removed = parsed.removed;
    return file;
  });

  const cache = new Map<string, Promise<FileContent | null>>();
  const read = (rev: string, path: string): Promise<FileContent | null> => {
    const key = `${rev}:${path}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = reader.read(key).then((bytes) => (bytes === null ? null : contentFromBytes(bytes)));
      cache.set(key, hit);
    }
    return hit;
  };

  return {
    base,
    head,
    files,
    readHead: (path) => read(head, path),
    readBase: (path) => (base === EMPTY_TREE ? Promise.resolve(null) : read(base, path)),
    close: () => reader.close(),
  };
}

/** Sizes of the named blobs at `rev`, from one `git cat-file --batch-check`. */
async function blobSizes(repo: string, rev: string, paths: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const usable = paths.filter((p) => !p.includes('\n'));
  if (usable.length === 0) return sizes;
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile('git', ['cat-file', '--batch-check=%(objectsize)'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(new GitError(error.message)) : resolve(stdout),
    );
    child.stdin!.end(usable.map((p) => `${rev}:${p}`).join('\n') + '\n');
  });
  const lines = out.split('\n');
  usable.forEach((path, i) => {
    const n = Number(lines[i]);
    if (Number.isFinite(n)) sizes.set(path, n);
  });
  return sizes;
}
