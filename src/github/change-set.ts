// Builds a ChangeSet for a pull request from GitHub: the paginated files list, its patches, and lazy content reads.
import { MAX_CONTENT_BYTES, type ChangeSet, type ChangedFile, type FileContent, type FileStatus } from '../model/change-set.js';
import { PROBLEM_BINARY, contentFromText } from '../changeset/content.js';
import { parsePatch } from '../changeset/hunks.js';
import { diffHunks } from '../changeset/line-diff.js';
import { linesFromHunks } from '../changeset/memory.js';
import { addedFile, removedFile } from '../changeset/whole-file.js';
import { filesIn, repoDir } from '../parse/file-kinds.js';
import { baseFromPatch } from './base-from-patch.js';
import { GitHubBlobReader } from './blob-reader.js';
import { readPages, type GitHubApi } from './client.js';
import { describeFailure } from './retry.js';

/** GitHub lists at most 3,000 files of a pull request (30 pages of 100). */
export const MAX_PULL_REQUEST_FILES = 3000;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
}

/** One entry of `GET /repos/{owner}/{repo}/pulls/{pull_number}/files`. */
export interface PullRequestFile {
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  changes: number;
  patch?: string;
  /** The file's blob at head (at base for a removed file). */
  sha?: string | null;
}

export interface PullRequestChangeSet {
  change: ChangeSet;
  /** True when the pull request has more files than GitHub lists, so the review covers only the first 3,000. */
  partial: boolean;
  /** Blob ids of the files the pull request adds, by path (what a revert's re-created files are matched on). */
  addedBlobs: Map<string, string>;
}

function fileStatus(status: PullRequestFile['status']): FileStatus {
  return status === 'changed' || status === 'unchanged' ? 'modified' : status;
}

function problemOf(content: FileContent | null): string | undefined {
  if (!content) return undefined;
  if (content.binary) return PROBLEM_BINARY;
  return content.problem;
}

/**
 * Lists the pull request's files and turns each into a ChangedFile. Files GitHub sends without a
 * patch (binary files, very large diffs) are diffed locally from their base and head content. Base
 * content is read at the merge base, as GitHub's own diff is, found with one compare call the first
 * time base content is needed. Content reads are batched (see GitHubBlobReader) and happen only when
 * a check or a patchless file asks for them.
 */
export async function pullRequestChangeSet(
  api: GitHubApi,
  pr: PullRequestRef,
  blobs = new GitHubBlobReader(api, pr.owner, pr.repo),
  /** Paths the configuration ignores, once it is loaded: a patchless ignored file is neither read nor diffed. */
  ignored: Promise<(path: string) => boolean> = Promise.resolve(() => false),
  /** Told the files whose lines the list gives (patched files and pure renames) as soon as it is read, before any content read. */
  onListed?: (files: readonly ChangedFile[]) => void,
): Promise<PullRequestChangeSet> {
  const { items, more } = await readPages<PullRequestFile>(
    api,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { owner: pr.owner, repo: pr.repo, pull_number: pr.number },
    MAX_PULL_REQUEST_FILES / 100,
  );
  let mergeBase: Promise<string> | null = null;
  const baseRev = (): Promise<string> =>
    (mergeBase ??= api
      .request<{ merge_base_commit: { sha: string } }>('GET /repos/{owner}/{repo}/compare/{basehead}', {
        owner: pr.owner,
        repo: pr.repo,
        basehead: `${pr.baseSha}...${pr.headSha}`,
        per_page: 1,
      })
      .then((r) => r.data.merge_base_commit.sha));
  const readHead = (path: string) => blobs.read(pr.headSha, path);
  // Files a folder's listing found that the pull request does not change: the same at the merge base as at head.
  const unchanged = new Set<string>();
  // A path the complete files list does not name is the same at the merge base as at head: read there,
  // where the read-ahead has usually read it already, with no merge-base lookup.
  const touched = new Set(items.flatMap((e) => (e.previous_filename === undefined ? [e.filename] : [e.filename, e.previous_filename])));
  const sameAsHead = (path: string) => unchanged.has(path) || (!more && !touched.has(path));
  const readBase = baseReader(items, readHead, async (path) => (sameAsHead(path) ? readHead(path) : blobs.read(await baseRev(), path)));
  const list = async (dir: string, side: 'head' | 'base'): Promise<string[] | null> => {
    const atHead = await blobs.list(pr.headSha, dir);
    if (side === 'head') return atHead;
    // Past GitHub's 3,000 files the list of changes is incomplete, so the base cannot be told from the head.
    if (more) return null;
    const base = baseListing(items, atHead, dir);
    for (const path of base.unchanged) unchanged.add(path);
    return base.paths;
  };

  const searchBase = (values: readonly string[]) => (more ? Promise.resolve([]) : searchNearby(items.map((e) => e.filename), values, list, readBase));

  const listed = items.map(listedFile);
  onListed?.(listed.filter((_, i) => !needsContent(items[i]!)));
  // Resolve the merge base first when a patchless file needs base content, so all its reads share one batch.
  const patchless = items.filter(needsContent);
  const skip = patchless.length > 0 ? await ignored : () => false;
  if (patchless.some((e) => e.status !== 'added' && !skip(e.filename))) await baseRev();

  const files = await changedFiles(items, listed, readBase, readHead, skip);
  const addedBlobs = new Map(items.flatMap((e) => (e.status === 'added' && e.sha ? [[e.filename, e.sha] as const] : [])));
  return { change: { base: pr.baseSha, head: pr.headSha, files, readHead, readBase, list, searchBase, repository: { owner: pr.owner, name: pr.repo } }, partial: more, addedBlobs };
}

/** Most folders and files the App searches for a credential the base already held (see searchNearby). */
export const MAX_SEARCHED_FOLDERS = 8;
export const MAX_SEARCHED_FILES = 60;

/**
 * Lines of base files near the change that hold any of `values`: the files directly in the folders of the
 * changed files, then in their parents, then at the root (at most MAX_SEARCHED_FOLDERS folders and
 * MAX_SEARCHED_FILES files), where an env file's values are kept when they are kept at all (the root
 * `env`, a sibling stack's `.env`). The CLI greps the whole base; the App cannot, but a folder's listing
 * brings its files' texts (one query for all of them), so this costs one request. A read that fails
 * leaves its file out: the credential is then judged new, and the finding stays.
 */
async function searchNearby(changed: readonly string[], values: readonly string[], list: (dir: string, side: 'head' | 'base') => Promise<string[] | null>, readBase: Read): Promise<{ path: string; text: string }[]> {
  const needles = values.filter((v) => v !== '' && !/[\r\n]/.test(v));
  if (needles.length === 0) return [];
  const own = changed.map(repoDir);
  const folders = [...new Set([...own, ...own.map((d) => (d === '' ? '' : repoDir(d))), ''])].slice(0, MAX_SEARCHED_FOLDERS);
  const listings = await Promise.all(folders.map((dir) => list(dir, 'base').catch(() => null)));
  const paths = [...new Set(listings.flatMap((l) => l ?? []))].slice(0, MAX_SEARCHED_FILES);
  const contents = await Promise.all(paths.map((path) => readBase(path).catch(() => null)));
  const hits: { path: string; text: string }[] = [];
  contents.forEach((content, i) => {
    if (!content || content.binary || content.problem) return;
    for (const text of content.text.split(/\r?\n/)) if (needles.some((v) => text.includes(v))) hits.push({ path: paths[i]!, text });
  });
  return hits;
}

/**
 * A folder at the merge base from its listing at head and the pull request's complete files list (no
 * merge-base lookup, no second listing): the head's files less those the pull request adds or moves in,
 * plus those it removes or moves away. `unchanged`: the listed files it does not touch.
 */
function baseListing(items: readonly PullRequestFile[], atHead: readonly string[], dir: string): { paths: string[]; unchanged: string[] } {
  const newAtHead = new Set<string>();
  const goneFromHead: string[] = [];
  const touched = new Set<string>();
  for (const e of items) {
    touched.add(e.filename);
    if (e.status === 'added' || e.status === 'copied' || e.status === 'renamed') newAtHead.add(e.filename);
    if (e.status === 'removed') goneFromHead.push(e.filename);
    if (e.status === 'renamed' && e.previous_filename !== undefined) goneFromHead.push(e.previous_filename);
  }
  return {
    paths: filesIn(new Set([...atHead.filter((p) => !newAtHead.has(p)), ...goneFromHead]), dir),
    unchanged: atHead.filter((p) => !touched.has(p)),
  };
}

type Read = (path: string) => Promise<FileContent | null>;

/**
 * Base content without a second read where the files list already says what it is: a pure rename's
 * base is its head (the same blob), and a changed file's base is its head with the patch undone
 * (baseFromPatch, checked line by line against the head). Anything else, and any base the patch cannot
 * rebuild exactly, is read at the merge base.
 */
function baseReader(items: readonly PullRequestFile[], readHead: Read, readAtBase: Read): Read {
  const renamedTo = new Map<string, string>();
  const patched = new Map<string, PullRequestFile>();
  for (const e of items) {
    const basePath = e.previous_filename ?? e.filename;
    if (e.status === 'renamed' && e.changes === 0 && e.patch === undefined) renamedTo.set(basePath, e.filename);
    else if (e.patch !== undefined && e.status !== 'added' && e.status !== 'removed' && e.status !== 'copied') patched.set(basePath, e);
  }
  const rebuilt = new Map<string, Promise<FileContent | null>>();
  return (path) => {
    const renamed = renamedTo.get(path);
    if (renamed !== undefined) return readHead(renamed);
    const entry = patched.get(path);
    if (!entry) return readAtBase(path);
    let hit = rebuilt.get(path);
    if (!hit) {
      hit = readHead(entry.filename).then((head) => {
        const text = head && !head.binary && !head.problem ? baseFromPatch(head.text, entry.patch!) : null;
        return text !== null && Buffer.byteLength(text) <= MAX_CONTENT_BYTES ? contentFromText(text) : readAtBase(path);
      });
      // A failed head read is not remembered: the next read tries again, as a direct read would.
      hit.catch(() => rebuilt.delete(path));
      rebuilt.set(path, hit);
    }
    return hit;
  };
}

/** A file GitHub lists without a patch that is not a pure rename (binary, or a diff too large to send): its lines come from its content. */
const needsContent = (e: PullRequestFile) => e.patch === undefined && !(e.status === 'renamed' && e.changes === 0);

/** A file entry as a ChangedFile with the lines its patch gives (none yet for a patchless one). */
function listedFile(entry: PullRequestFile): ChangedFile {
  const file: ChangedFile = { path: entry.filename, status: fileStatus(entry.status), binary: false, hunks: [], added: [], removed: [] };
  if (entry.previous_filename !== undefined) file.previousPath = entry.previous_filename;
  if (entry.patch !== undefined) {
    const parsed = parsePatch(entry.patch);
    file.hunks = parsed.hunks;
    file.added = parsed.added;
    file.removed = parsed.removed;
  }
  return file;
}

/** GitHub's file entries (of a pull request or a commit) as ChangedFiles (`listed`, one per entry); patchless files are diffed from their content. */
function changedFiles(items: readonly PullRequestFile[], listed: readonly ChangedFile[], readBase: Read, readHead: Read, skip: (path: string) => boolean = () => false): Promise<ChangedFile[]> {
  return Promise.all(
    items.map(async (entry, i): Promise<ChangedFile> => {
      const file = listed[i]!;
      const status = file.status;
      // A patched file and a pure rename are complete; an ignored file is not reviewed, so not read.
      if (!needsContent(entry) || skip(file.path)) return file;
      let base: FileContent | null;
      let head: FileContent | null;
      try {
        [base, head] = await Promise.all([status === 'added' ? null : readBase(file.previousPath ?? file.path), status === 'removed' ? null : readHead(file.path)]);
      } catch (error) {
        // Its diff is unknown: listed as not reviewed, and the other files are still reviewed.
        file.problem = `could not be read: ${describeFailure(error)}`;
        return file;
      }
      file.binary = Boolean(base?.binary || head?.binary);
      const problem = problemOf(head) ?? problemOf(base);
      if (problem) {
        file.problem = problem;
        return file;
      }
      // A whole-file change needs no diff: every line is added (or removed).
      if (status === 'added' || status === 'removed') {
        const whole = status === 'added' ? addedFile(file.path, head) : removedFile(file.path, base);
        whole.binary = file.binary;
        return whole;
      }
      file.hunks = diffHunks(base?.text ?? '', head?.text ?? '');
      linesFromHunks(file);
      return file;
    }),
  );
}

/** Most commits the pull request commits list returns (GitHub's own limit). */
export const MAX_PULL_REQUEST_COMMITS = 250;

/** A commit of a pull request: its SHA, first parent and message. */
export interface PullRequestCommit {
  sha: string;
  parent: string | null;
  message: string;
}

/** The pull request's commits, oldest first, as SHA, first parent and message; merge commits are left out. */
export async function pullRequestCommits(api: GitHubApi, pr: Pick<PullRequestRef, 'owner' | 'repo' | 'number'>): Promise<PullRequestCommit[]> {
  const { items } = await readPages<{ sha: string; parents: { sha: string }[]; commit?: { message?: string } }>(
    api,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
    { owner: pr.owner, repo: pr.repo, pull_number: pr.number },
    MAX_PULL_REQUEST_COMMITS / 100 + 1,
  );
  return items.filter((c) => c.parents.length <= 1).map((c) => ({ sha: c.sha, parent: c.parents[0]?.sha ?? null, message: c.commit?.message ?? '' }));
}

/** One commit against its first parent, from `GET /repos/{owner}/{repo}/commits/{ref}` (its first 300 files and their patches). */
export async function commitChangeSet(api: GitHubApi, owner: string, repo: string, commit: { sha: string; parent: string | null }, blobs: GitHubBlobReader): Promise<ChangeSet> {
  const { data } = await api.request<{ files?: PullRequestFile[] }>('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: commit.sha, per_page: 300 });
  const items = data.files ?? [];
  const readHead = (path: string) => blobs.read(commit.sha, path);
  const readBase = (path: string) => (commit.parent ? blobs.read(commit.parent, path) : Promise.resolve(null));
  const list = (dir: string, side: 'head' | 'base') => (side === 'head' ? blobs.list(commit.sha, dir) : commit.parent ? blobs.list(commit.parent, dir) : Promise.resolve([]));
  const files = await changedFiles(items, items.map(listedFile), readBase, readHead);
  return { base: commit.parent ?? '', head: commit.sha, files, readHead, readBase, list, repository: { owner, name: repo } };
}
