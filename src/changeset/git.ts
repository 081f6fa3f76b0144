// Builds a ChangeSet from a local git repository between two revisions (`git diff -M base head`).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChangeSet, ChangedFile, FileContent, FileStatus } from '../model/change-set.js';
import { MAX_CONTENT_BYTES } from '../model/change-set.js';
import { PROBLEM_BINARY, PROBLEM_NOT_UTF8, PROBLEM_TOO_LARGE, contentFromBytes, decodeUtf8 } from './content.js';
import { GitBlobReader } from './git-blob-reader.js';
import { parsePatch } from './hunks.js';
import { addedFile } from './whole-file.js';

export { addedFile };

const execFileAsync = promisify(execFile);

/** git's well-known empty tree: diffing from it shows every file as added. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** A failure the user can act on (not a repository, unknown revision); the CLI prints it and exits 2. */
export class GitError extends Error {}

export async function git(repo: string, args: string[], env?: Record<string, string>): Promise<Buffer> {
  try {
    const { stdout } = await execFileAsync('git', args, { cwd: repo, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, ...(env ? { env: { ...process.env, ...env } } : {}) });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new GitError(e.path === 'git' ? 'git is not installed or not on PATH.' : `${repo} does not exist.`);
    const stderr = e.stderr ? e.stderr.toString('utf8').trim() : e.message;
    if (/not a git repository/i.test(stderr)) throw new GitError(`${repo} is not a git repository.`);
    throw new GitError(stderr.split('\n')[0] || `git ${args[0]} failed.`);
  }
}

/** Resolves a revision to a commit SHA, or throws a GitError naming it (or saying `repo` is no repository). */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  try {
    return (await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).toString('utf8').trim();
  } catch {
    // Only now ask whether this is a repository at all: one git process per revision when all is well.
    await git(repo, ['rev-parse', '--git-dir']);
    throw new GitError(`unknown revision "${rev}" in ${repo}.`);
  }
}

export interface RawEntry {
  status: FileStatus;
  path: string;
  previousPath?: string;
  /** Blob ids, so content is read by id instead of resolving REV:path tree walks for every file. */
  baseBlob?: string;
  headBlob?: string;
}

const NULL_SHA = /^0+$/;

/** Parses `git diff --raw -z --no-abbrev`: ":mode mode sha sha STATUS\0path\0[path\0]". */
export function parseRaw(out: Buffer): RawEntry[] {
  const fields = out.toString('utf8').split('\0');
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const meta = fields[i++]!.split(' ');
    const baseBlob = meta[2];
    const headBlob = meta[3];
    const letter = meta[4]?.[0];
    let entry: RawEntry;
    if (letter === 'R' || letter === 'C') {
      const previousPath = fields[i++]!;
      entry = { status: letter === 'R' ? 'renamed' : 'copied', path: fields[i++]!, previousPath };
    } else {
      entry = { status: letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified', path: fields[i++]! };
    }
    if (baseBlob && !NULL_SHA.test(baseBlob)) entry.baseBlob = baseBlob;
    if (headBlob && !NULL_SHA.test(headBlob)) entry.headBlob = headBlob;
    entries.push(entry);
  }
  return entries;
}

const FILE_HEADER = Buffer.from('diff --git ');
const NEXT_FILE_HEADER = Buffer.from('\ndiff --git ');

/** Splits `git diff` patch output into one chunk per file, in diff order. */
export function splitPatch(out: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let start = out.indexOf(FILE_HEADER);
  while (start !== -1) {
    const next = out.indexOf(NEXT_FILE_HEADER, start);
    const end = next === -1 ? out.length : next + 1;
    chunks.push(out.subarray(start, end));
    start = next === -1 ? -1 : next + 1;
  }
  return chunks;
}

/** Undoes git's C-style quoting of a path (`"a\\tb"`, octal escapes for bytes); a plain path is returned as it is. */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The head-side path a patch block is about: `+++ b/…`, else `rename to`/`copy to`, else `--- a/…`
 * (a deletion), else the `diff --git a/X b/X` header split in half. One path can have two blocks (a
 * symlink replaced by a regular file: a deletion, then an addition).
 */
export function patchPath(chunk: Buffer): string | null {
  const head = chunk.subarray(0, Math.min(chunk.length, 8192)).toString('utf8');
  const lines = head.split('\n');
  const headerEnd = lines.findIndex((l, i) => i > 0 && l.startsWith('@@'));
  const header = headerEnd === -1 ? lines : lines.slice(0, headerEnd);
  // git ends ---/+++ paths that hold a space with a tab (for patch(1)); the tab is not part of the name.
  const find = (prefix: string) => header.find((l) => l.startsWith(prefix))?.slice(prefix.length).replace(/\t$/, '');
  const plus = find('+++ ');
  if (plus !== undefined && plus !== '/dev/null') return unquotePath(plus).replace(/^b\//, '');
  const moved = find('rename to ') ?? find('copy to ');
  if (moved !== undefined) return unquotePath(moved);
  const minus = find('--- ');
  if (minus !== undefined && minus !== '/dev/null') return unquotePath(minus).replace(/^a\//, '');
  const binary = /^Binary files (?:"?a\/.*?"?|\/dev\/null) and ("?b\/.*"?) differ$/.exec(header.find((l) => l.startsWith('Binary files ')) ?? '');
  if (binary?.[1]) return unquotePath(binary[1]).replace(/^b\//, '');
  const rest = header[0]?.slice('diff --git '.length) ?? '';
  if (rest.startsWith('"')) {
    const m = /^"(?:[^"\\]|\\.)*" ("(?:[^"\\]|\\.)*"|.*)$/.exec(rest);
    return m?.[1] ? unquotePath(m[1]).replace(/^b\//, '') : null;
  }
  // Unquoted and unchanged in name: "a/P b/P", so P is half of what is left.
  const half = (rest.length - 5) / 2;
  return Number.isInteger(half) && half > 0 ? rest.slice(half + 3 + 2) : null;
}

export interface GitChangeSetOptions {
  repo: string;
  base: string;
  head: string;
  /** Paths left out before any diff or read (`paths.ignore`, `--exclude`): an ignored file costs nothing. */
  ignored?: (path: string) => boolean;
}

export interface GitChangeSet extends ChangeSet {
  /** Blob ids of the files the change adds, by path (what a revert's re-created files are matched on). */
  addedBlobs: ReadonlyMap<string, string>;
  /** Ends the git processes behind lazy content access. */
  close(): void;
}

export async function gitChangeSet({ repo, base, head, ignored }: GitChangeSetOptions): Promise<GitChangeSet> {
  const range = [base, head];
  const diff = ['-c', 'core.quotepath=false', 'diff', '--no-color', '--no-ext-diff', '-M'];
  // Added files need no patch: their content is every added line. Asking git for patches of the other
  // files only keeps a first review of a large repository (`--all`) from formatting megabytes of diff.
  const patchArgs = [...diff, '--diff-filter=CDMRT', '--src-prefix=a/', '--dst-prefix=b/', '-U3', ...range];
  // A blob missing from the object store (a partial clone offline, a damaged repository) makes the
  // whole `git diff` fail; then each file is diffed on its own, so one unreadable file costs only itself.
  // From the empty tree (`--all`, a root commit) every file is added: there is no patch to ask for.
  const [names, wholePatch] = await Promise.all([
    git(repo, [...diff, '--diff-filter=ACDMRT', '-z', '--raw', '--no-abbrev', ...range]),
    base === EMPTY_TREE
      ? Buffer.alloc(0)
      : git(repo, patchArgs).catch((error: unknown) => {
          if (error instanceof GitError) return null;
          throw error;
        }),
  ]);
  const entries = ignored ? parseRaw(names).filter((e) => !ignored(e.path)) : parseRaw(names);
  const unreadable = new Set<string>();
  let patch: Buffer;
  if (wholePatch) {
    patch = wholePatch;
  } else {
    const parts = await Promise.all(
      entries
        .filter((e) => e.status !== 'added')
        .map((e) =>
          git(repo, [...patchArgs, '--', ...(e.previousPath !== undefined ? [e.previousPath] : []), e.path]).catch(() => {
            unreadable.add(e.path);
            return Buffer.alloc(0);
          }),
        ),
    );
    patch = Buffer.concat(parts);
  }
  // Blocks by the path they are about, in order: a path can have two (a type change prints a deletion and an addition).
  const chunksByPath = new Map<string, Buffer[]>();
  for (const chunk of splitPatch(patch)) {
    const path = patchPath(chunk);
    if (path !== null) chunksByPath.set(path, [...(chunksByPath.get(path) ?? []), chunk]);
  }
  const reader = new GitBlobReader(repo);
  // Content by blob id for changed files (known from --raw), by REV:path for any other file.
  const blobs = new Map<string, string>();
  for (const e of entries) {
    if (e.headBlob) blobs.set(`${head}:${e.path}`, e.headBlob);
    if (e.baseBlob) blobs.set(`${base}:${e.previousPath ?? e.path}`, e.baseBlob);
  }
  const cache = new Map<string, Promise<FileContent | null>>();
  const read = (rev: string, path: string): Promise<FileContent | null> => {
    const spec = `${rev}:${path}`;
    const key = blobs.get(spec) ?? spec;
    let hit = cache.get(key);
    if (!hit) {
      // Capped: a larger blob is only sniffed (binary, magic prefix) and reported as too large.
      hit = reader.read(key, MAX_CONTENT_BYTES).then((blob) => (blob === null ? null : contentFromBytes(blob.bytes, blob.size)));
      cache.set(key, hit);
    }
    return hit;
  };
  const sizes = await blobSizes(repo, entries.flatMap((e) => (e.status !== 'added' && e.headBlob ? [e.headBlob] : [])));

  const files = await Promise.all(
    entries.map(async (entry): Promise<ChangedFile> => {
      if (entry.status === 'added') {
        const content = await read(head, entry.path);
        if (content === null && entry.headBlob) return { ...addedFile(entry.path, null), problem: PROBLEM_UNREADABLE };
        return addedFile(entry.path, content);
      }
      const blocks = chunksByPath.get(entry.path) ?? [];
      // Of a deletion and an addition for one path, the addition carries what head holds.
      const chunk = blocks.length > 1 ? (blocks.find((b) => !/^deleted file mode /m.test(b.subarray(0, 1024).toString('latin1'))) ?? blocks[0]) : blocks[0];
      const file: ChangedFile = { status: entry.status, path: entry.path, binary: false, hunks: [], added: [], removed: [] };
      if (entry.previousPath !== undefined) file.previousPath = entry.previousPath;
      if (unreadable.has(entry.path)) {
        file.problem = PROBLEM_UNREADABLE;
        return file;
      }
      if (chunk && BINARY_PATCH.test(chunk.subarray(0, 4096).toString('latin1'))) {
        file.binary = true;
        file.problem = PROBLEM_BINARY;
        return file;
      }
      if ((sizes.get(entry.headBlob ?? '') ?? 0) > MAX_CONTENT_BYTES) {
        file.problem = PROBLEM_TOO_LARGE;
        return file;
      }
      if (!chunk) return file;
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
    }),
  );

  const addedBlobs = new Map(entries.flatMap((e) => (e.status === 'added' && e.headBlob ? [[e.path, e.headBlob] as const] : [])));
  return {
    base,
    head,
    files,
    addedBlobs,
    readHead: (path) => read(head, path),
    readBase: (path) => (base === EMPTY_TREE ? Promise.resolve(null) : read(base, path)),
    list: (dir, side) => listFolder(repo, side === 'head' ? head : base, dir),
    searchBase: (values) => (base === EMPTY_TREE ? Promise.resolve([]) : searchTree(repo, base, values)),
    close: () => reader.close(),
  };
}

/** A search of the base stops after this long or this much output; what it found so far is used. */
const SEARCH_TIMEOUT_MS = 5000;
const SEARCH_MAX_BYTES = 4 * 1024 * 1024;
const SEARCH_MAX_LINE = 4000;

/**
 * Lines of the files of `rev` that hold any of `values` (`git grep -F`, text files only), at most
 * SEARCH_MAX_BYTES of output within SEARCH_TIMEOUT_MS; a search cut short gives what it had, one that
 * fails gives nothing (the credentials are then judged as new).
 */
export function searchTree(repo: string, rev: string, values: readonly string[]): Promise<{ path: string; text: string }[]> {
  const needles = values.filter((v) => v !== '' && !/[\r\n\0]/.test(v));
  if (needles.length === 0) return Promise.resolve([]);
  const args = ['grep', '-I', '-F', '-n', '-z', '--no-color', ...needles.flatMap((v) => ['-e', v]), rev, '--'];
  return new Promise((resolve) => {
    execFile('git', args, { cwd: repo, encoding: 'buffer', maxBuffer: SEARCH_MAX_BYTES, timeout: SEARCH_TIMEOUT_MS }, (_error, stdout) => {
      const hits: { path: string; text: string }[] = [];
      const prefix = `${rev}:`;
      for (const row of (stdout ?? Buffer.alloc(0)).toString('utf8').split('\n')) {
        const [where, , ...rest] = row.split('\0');
        if (where === undefined || rest.length === 0) continue;
        hits.push({ path: where.startsWith(prefix) ? where.slice(prefix.length) : where, text: rest.join('\0').slice(0, SEARCH_MAX_LINE) });
      }
      resolve(hits);
    });
  });
}

/** The files directly in folder `dir` at `rev` (`git ls-tree`), sorted; empty when there is no such folder. */
export async function listFolder(repo: string, rev: string, dir: string): Promise<string[]> {
  const folder = dir.replace(/\/+$/, '');
  if (rev === EMPTY_TREE) return [];
  const out = await git(repo, ['ls-tree', '-z', '--full-tree', rev, ...(folder === '' ? [] : ['--', `${folder}/`])]);
  const paths: string[] = [];
  for (const entry of out.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    // "<mode> <type> <object>\t<path>": blobs only (no sub-folders, no submodules).
    if (tab !== -1 && entry.slice(0, tab).split(' ')[1] === 'blob') paths.push(entry.slice(tab + 1));
  }
  return paths.sort();
}

/**
 * Content at two revisions without a diff (the configuration is read before the change set is built,
 * so its path ignores apply to it). Each read opens and ends its own `git cat-file`.
 */
export function gitRevisions(repo: string, base: string, head: string): Pick<ChangeSet, 'base' | 'readBase' | 'readHead'> {
  const readAt = async (rev: string, path: string): Promise<FileContent | null> => {
    const reader = new GitBlobReader(repo);
    try {
      const blob = await reader.read(`${rev}:${path}`, MAX_CONTENT_BYTES);
      return blob === null ? null : contentFromBytes(blob.bytes, blob.size);
    } finally {
      reader.close();
    }
  };
  return { base, readBase: (path) => (base === EMPTY_TREE ? Promise.resolve(null) : readAt(base, path)), readHead: (path) => readAt(head, path) };
}

const BINARY_PATCH = /^(Binary files |GIT binary patch)/m;

/** Why a file whose object git cannot produce was not reviewed. */
export const PROBLEM_UNREADABLE = 'its content is missing from the repository (a partial clone without the object, or a damaged repository): not reviewed';

/** Sizes of the given blobs (by id, known from --raw), from one `git cat-file --batch-check`. */
async function blobSizes(repo: string, ids: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile('git', ['cat-file', '--batch-check=%(objectsize)'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(new GitError(error.message)) : resolve(stdout),
    );
    child.stdin!.end(ids.join('\n') + '\n');
  });
  const lines = out.split('\n');
  ids.forEach((id, i) => {
    const n = Number(lines[i]);
    if (Number.isFinite(n)) sizes.set(id, n);
  });
  return sizes;
}
