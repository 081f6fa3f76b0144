// What a copy adds: a new file that is mostly an existing file of the base tree (manifests copied into a
// new folder for a variant, a demo pod copied beside its sibling) adds only the problems its original did
// not already have. Looked for only for files with findings to report, and within a fixed number of reads.
import { splitLines } from '../changeset/content.js';
import { addedFile } from '../changeset/whole-file.js';
import type { ChangeSet, ChangedFile, FileContent } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { basename, isComposeFile, isDockerfile, repoDir } from '../parse/file-kinds.js';
import { meaningful, normaliseLine } from './moved-lines.js';

/** An added file is a copy of a base file when at least half of its lines that say something are in it (and three at least). */
export const COPY_SHARE = 1 / 2;
const MIN_SHARED_LINES = 3;
/**
 * At most this many added files with findings are compared with the base per review, this many base
 * files read or folders listed in all, and this many paths tried: a path that does not exist costs next to
 * nothing (the CLI asks git, the App answers from the tree it already holds), one that does is a read.
 */
export const MAX_COPIED_FILES = 20;
export const MAX_ORIGIN_READS = 40;
export const MAX_ORIGIN_TRIES = 150;
const MAX_SUFFIXES = 4;
const MAX_SIBLINGS = 6;
/**
 * For a Dockerfile, base Dockerfiles elsewhere in the tree that hold its lines are tried too (a copy in
 * another folder, `web/oss/docker/Dockerfile.gh` written as `web/mobile/docker/Dockerfile.gh`): this many
 * of its lines are searched for, and the files holding the most of them, this many, are read.
 */
const MAX_SEARCHED_LINES = 16;
const MAX_SEARCHED_ORIGINS = 3;
/** A line shorter than this (`WORKDIR /app`, `EXPOSE 80`) is in too many Dockerfiles to tell where a copy came from. */
const MIN_SEARCHED_LENGTH = 16;
/** How many earlier versions of a version-named folder are tried (`33/apache/Dockerfile`, `32/…` for `34/apache/Dockerfile`). */
const MAX_EARLIER_VERSIONS = 2;
/** A folder named for a version: digits with optional dots and an optional leading `v` (`34`, `3.12`, `v2`). */
const VERSION_FOLDER = /^(v?)((?:\d+\.)*)(\d+)$/i;

/** Runs the checks named by id over `origin` as a new file of the base tree; the findings they report there. */
export type ReviewOrigin = (origin: string, content: FileContent, checkIds: ReadonlySet<string>) => Promise<readonly Finding[]>;

export interface CopyOptions {
  /** Head text of a changed file (the review's cached read). */
  headText(path: string): Promise<string | null>;
  /**
   * Whether content may move from `from` to `to` and stay old (see lineMoveByName: not from a test or
   * example file into production), by their roles after the change too: a `Dockerfile.prod` copied from
   * the `Dockerfile` beside it makes that one the development file, and its copy new to production.
   */
  movable(from: string, to: string, sameFile?: boolean): Promise<boolean>;
  /** Checks whose findings compare whole lines (line scope), the others compare the first line of a finding. */
  lineScoped(checkId: string): boolean;
  reviewOrigin: ReviewOrigin;
  /**
   * Only a copy that is its original whole counts: the same file name and the same lines that say something
   * (see isSameFile). Asked for findings a copy reports although its original has them too
   * (CheckMeta.newInCopies): a file mirrored as it is (a deployed compose file embedded into a CLI that
   * installs it) opens no door its original did not.
   */
  identical?: boolean;
}

/** The change as if `origin` were added to the base tree: what its checks would have said of the original. */
export function originChange(change: ChangeSet, origin: string, content: FileContent): ChangeSet {
  const list = change.list?.bind(change);
  return {
    base: change.base,
    head: change.base,
    files: [addedFile(origin, content)],
    readHead: (path) => change.readBase(path),
    readBase: () => Promise.resolve(null),
    ...(list ? { list: (dir: string, side: 'head' | 'base') => (side === 'head' ? list(dir, 'base') : Promise.resolve([])) } : {}),
  };
}

/** What looking for originals may still spend: each call takes one read (of a file that exists, or a listing) or one path tried. */
interface Budget {
  read(): boolean;
  tryPath(): boolean;
}

const extension = (path: string) => /\.[^./]+$/.exec(basename(path))?.[0].toLowerCase() ?? '';
const sameKind = (a: string, b: string) => (isDockerfile(a) ? isDockerfile(b) : extension(a) !== '' && extension(a) === extension(b));
/** Files whose copies are looked for by their lines across the base (see searchedLines): images and the compose files that run them. */
const searchable = (path: string) => isDockerfile(path) || isComposeFile(path);
const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};

/**
 * Base paths `file` may be a copy of, most likely first: the path git or GitHub says it was copied from,
 * the same path under the previous versions (see earlierVersionCandidates), and the same path under fewer leading folders (`kubernetes-manifests/x.yaml` copied to
 * `src/monolith/kubernetes-manifests/x.yaml`). See siblingCandidates for the files beside it.
 */
function pathCandidates(file: ChangedFile): string[] {
  const out: string[] = [];
  if (file.previousPath) out.push(file.previousPath);
  out.push(...earlierVersionCandidates(file.path));
  out.push(...variantFolderCandidates(file.path));
  out.push(...shorterPaths(file.path));
  return out;
}

/** The same path under fewer leading folders, nearest first (`svc/worker/Dockerfile`, then `worker/Dockerfile`, `Dockerfile`): also planned by the App's read-ahead. */
export function shorterPaths(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let k = 1; k < parts.length && k <= MAX_SUFFIXES; k++) out.push(parts.slice(k).join('/'));
  return out;
}

/**
 * The same path under the versions just before the deepest version-named folder of `path` (`33/apache/Dockerfile`,
 * then `32/apache/Dockerfile`, for `34/apache/Dockerfile`; `3.11/x` for `3.12/x`; `v1/x` for `v2/x`): a new
 * version's folder is most often generated from the same template as the previous one's. The versions are
 * guessed, not listed (a listing holds files, not folders), so a gap in the numbering is not bridged; a
 * guess that does not exist costs one try of the budget, not a read.
 */
export function earlierVersionCandidates(path: string): string[] {
  const parts = path.split('/');
  for (let j = parts.length - 2; j >= 0; j--) {
    const m = VERSION_FOLDER.exec(parts[j]!);
    if (!m) continue;
    const out: string[] = [];
    for (let k = 1, last = Number(m[3]); k <= MAX_EARLIER_VERSIONS && last - k >= 0; k++) {
      out.push([...parts.slice(0, j), `${m[1]}${m[2]}${last - k}`, ...parts.slice(j + 1)].join('/'));
    }
    return out;
  }
  return [];
}

/**
 * Words that name one flavour of an image among siblings built the same way: the database it is built for,
 * the distribution it is built on, the web server it runs under. A folder of a variant tree is named by them
 * (`server-pgsql/rhel/` beside `server-mysql/rhel/`, `fpm-alpine/` beside `fpm-debian/`).
 */
const VARIANT_WORDS: readonly (readonly string[])[] = [
  ['mysql', 'pgsql', 'postgres', 'postgresql', 'mariadb', 'sqlite', 'sqlite3'],
  ['alpine', 'debian', 'ubuntu', 'rhel', 'centos', 'ol', 'fedora'],
  ['apache', 'nginx', 'fpm'],
];
/** How many sibling-variant paths are tried per file. */
const MAX_VARIANT_FOLDERS = 8;

/**
 * The same path with one word of one folder swapped for another flavour of the same kind (`Dockerfiles/server-mysql/rhel/Dockerfile`
 * for `Dockerfiles/server-pgsql/rhel/Dockerfile`): a new flavour of an image is most often written from its sibling.
 * Guessed, not listed (a listing holds files, not folders), so each guess that does not exist costs one try of the budget.
 */
export function variantFolderCandidates(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let j = 0; j < parts.length - 1; j++) {
    const words = parts[j]!.split(/([-_.])/);
    words.forEach((word, w) => {
      const group = VARIANT_WORDS.find((g) => g.includes(word.toLowerCase()));
      for (const other of group ?? []) {
        if (other === word.toLowerCase()) continue;
        const folder = [...words.slice(0, w), other, ...words.slice(w + 1)].join('');
        out.push([...parts.slice(0, j), folder, ...parts.slice(j + 1)].join('/'));
      }
    });
  }
  return out.slice(0, MAX_VARIANT_FOLDERS);
}

/** Files of `file`'s kind beside it in the base (`siblings`, its folder's listing), the names most alike first (`nginx-nfs.yaml` for `nginx-dummy.yaml`), less those already tried. */
function siblingCandidates(file: ChangedFile, siblings: readonly string[] | null, tried: readonly string[]): string[] {
  const name = basename(file.path);
  return (siblings ?? [])
    .filter((p) => p !== file.path && sameKind(p, file.path) && !tried.includes(p))
    .sort((a, b) => commonPrefix(basename(b), name) - commonPrefix(basename(a), name) || a.localeCompare(b))
    .slice(0, MAX_SIBLINGS);
}

/**
 * Lines of a Dockerfile to search the base tree for (see MAX_SEARCHED_LINES): its instruction and
 * continuation lines as written, trimmed, long enough to say something, spread over the file.
 */
export function searchedLines(text: string): string[] {
  const lines = [...new Set(splitLines(text).map((l) => l.trim().replace(/\\$/, '').trim()))].filter((l) => l.length >= MIN_SEARCHED_LENGTH && !l.startsWith('#'));
  if (lines.length <= MAX_SEARCHED_LINES) return lines;
  const step = lines.length / MAX_SEARCHED_LINES;
  return Array.from({ length: MAX_SEARCHED_LINES }, (_, i) => lines[Math.floor(i * step)]!);
}

/**
 * Base files of the copy's kind other than `tried` that hold the most of `needles` (at least MIN_SHARED_LINES
 * of them), most first, from the base search's hits: `web/oss/docker/Dockerfile.gh` for
 * `web/mobile/docker/Dockerfile.gh`, the root `Dockerfile` for `docker/omni.Dockerfile`. Whether one is the
 * original is then decided by the lines they share (see originOf), as for any other candidate.
 */
function searchedCandidates(file: ChangedFile, needles: readonly string[], hits: readonly { path: string; text: string }[], tried: readonly string[]): string[] {
  const found = new Map<string, Set<string>>();
  for (const hit of hits) {
    if (hit.path === file.path || !sameKind(hit.path, file.path) || tried.includes(hit.path)) continue;
    for (const needle of needles) {
      if (!hit.text.includes(needle)) continue;
      const set = found.get(hit.path) ?? new Set<string>();
      set.add(needle);
      found.set(hit.path, set);
    }
  }
  return [...found]
    .filter(([, set]) => set.size >= MIN_SHARED_LINES)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, MAX_SEARCHED_ORIGINS)
    .map(([path]) => path);
}

const meaningfulLines = (text: string) => meaningful(splitLines(text).map((t, i) => ({ line: i + 1, text: t })));

/** Whether `text` (a new file's) is a copy of `original`: at least half of its lines that say something, and three, are in it. */
export function isCopyOf(text: string, original: string): boolean {
  const lines = meaningfulLines(text);
  const theirs = meaningfulLines(original);
  let shared = 0;
  for (const l of lines) if (theirs.has(l)) shared++;
  return shared >= MIN_SHARED_LINES && shared / lines.size >= COPY_SHARE;
}

/** Whether `text` at `path` is `original` at `originPath` as it is: the same file name, and the same lines that say something (once normalised), neither one more. */
export function isSameFile(path: string, text: string, originPath: string, original: string): boolean {
  if (basename(path) !== basename(originPath)) return false;
  const lines = meaningfulLines(text);
  const theirs = meaningfulLines(original);
  if (lines.size < MIN_SHARED_LINES || lines.size !== theirs.size) return false;
  for (const l of lines) if (!theirs.has(l)) return false;
  return true;
}

type Origin = { path: string; content: FileContent; whole: boolean };

/**
 * The base file `text` (the head text of a copy) was copied from, among `read` (candidates in order, with
 * their base content or null), or null: the candidate sharing the most of its lines, past COPY_SHARE;
 * `whole` when the copy also holds COPY_SHARE of the original's lines. Each candidate that exists takes one
 * read of the budget, in order.
 */
function originOf(text: string, read: ReadonlyArray<{ path: string; content: FileContent | null }>, budget: Budget): Origin | null {
  const lines = meaningfulLines(text);
  if (lines.size === 0) return null;
  let best: (Origin & { share: number }) | null = null;
  for (const { path, content } of read) {
    if (!content) continue;
    if (!budget.read() || content.binary || content.problem) continue;
    const theirs = meaningfulLines(content.text);
    let shared = 0;
    for (const l of lines) if (theirs.has(l)) shared++;
    const share = shared / lines.size;
    if (shared >= MIN_SHARED_LINES && share >= COPY_SHARE && (!best || share > best.share)) best = { path, content, share, whole: shared / Math.max(1, theirs.size) >= COPY_SHARE };
  }
  return best;
}

/**
 * A read that fails (the App's, over the network, past its retries) leaves the copy without an original:
 * its findings stay reported, so the gate errs on the side of saying too much.
 */
const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null);

/**
 * Findings on added (or copied) files that their original in the base tree already had: the file is a
 * copy of a base file (see originOf; for findings about the whole file, such as "no healthcheck", half of
 * the original must be in the copy too), content may move from it to the new path (see CopyOptions.movable),
 * and the same check, run on the original as a new file, reports the same problem (same message) on a line
 * that reads the same once normalised (see normaliseLine). The original is read only for files with
 * findings, at most MAX_COPIED_FILES files and MAX_ORIGIN_READS reads per review; a review of the whole
 * tree (`--all`, an empty base) finds no original, so it still reports everything. Each step asks for all
 * files' reads in one turn, so the App's blob reader sends them in one query; the budget is spent in the
 * order of the files.
 */
export async function findingsCopiedFromBase(change: ChangeSet, findings: readonly Finding[], options: CopyOptions): Promise<Set<Finding>> {
  const old = new Set<Finding>();
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const copies = change.files.filter((f) => (f.status === 'added' || f.status === 'copied') && !f.problem && byPath.has(f.path)).slice(0, MAX_COPIED_FILES);
  let reads = 0;
  let tries = 0;
  const budget: Budget = { read: () => reads++ < MAX_ORIGIN_READS, tryPath: () => tries++ < MAX_ORIGIN_TRIES };
  // A file with fewer lines that say something than a copy must share is no copy: nothing is read for it.
  const texts = await Promise.all(copies.map(async (file) => {
    const text = await orNull(options.headText(file.path));
    return text !== null && meaningfulLines(text).size >= MIN_SHARED_LINES ? text : null;
  }));
  const list = change.list?.bind(change);
  const read = (paths: readonly string[]) => Promise.all(paths.map(async (path) => ({ path, content: await orNull(change.readBase(path)) })));
  // The folders' listings and the paths named after the copy go out together; in the App a listing
  // brings its files' texts along, so reading the siblings afterwards costs nothing more.
  const named = copies.map((file, i) => (texts[i] === null ? [] : pathCandidates(file).filter(() => budget.tryPath())));
  const listings = copies.map((file, i) => (texts[i] !== null && list && budget.read() ? orNull(list(repoDir(file.path), 'base')) : Promise.resolve(null)));
  const namedContents = await Promise.all(named.map(read));
  const siblings = await Promise.all(listings);
  const besides = copies.map((file, i) => siblingCandidates(file, siblings[i] ?? null, named[i]!).filter(() => budget.tryPath()));
  // Dockerfiles and compose files are looked for elsewhere in the base too, by their lines, in one search for all of them.
  const needles = copies.map((file, i) => (texts[i] !== null && searchable(file.path) ? searchedLines(texts[i]!) : []));
  const all = [...new Set(needles.flat())];
  const hits = all.length > 0 && change.searchBase ? ((await orNull(change.searchBase(all))) ?? []) : [];
  const searched = copies.map((file, i) => (hits.length === 0 ? [] : searchedCandidates(file, needles[i]!, hits, [...named[i]!, ...besides[i]!]).filter(() => budget.tryPath())));
  const [besideContents, searchedContents] = await Promise.all([Promise.all(besides.map(read)), Promise.all(searched.map(read))]);
  await Promise.all(
    copies.map(async (file, i) => {
      const text = texts[i] ?? null;
      const origin = text === null ? null : originOf(text, [...namedContents[i]!, ...besideContents[i]!, ...searchedContents[i]!], budget);
      const sameFile = origin !== null && text !== null && isSameFile(file.path, text, origin.path, origin.content.text);
      if (!origin || text === null || !(await options.movable(origin.path, file.path, sameFile))) return;
      if (options.identical && !sameFile) return;
      // A finding about the whole file ("no healthcheck", "runs as root") needs the whole original in the copy:
      // a new image written from another's template (half of its lines, another start command) is a new image.
      const mine = byPath.get(file.path)!.filter((f) => origin.whole || options.lineScoped(f.checkId));
      if (mine.length === 0) return;
      const theirs = await orNull(options.reviewOrigin(origin.path, origin.content, new Set(mine.map((f) => f.checkId))));
      if (!theirs) return;
      const headLines = splitLines(text);
      const baseLines = splitLines(origin.content.text);
      const said = (lines: readonly string[], f: Finding) => {
        const to = options.lineScoped(f.checkId) ? f.endLine : f.line;
        return `${f.checkId}\0${f.messageId ?? ''}\0${lines.slice(f.line - 1, to).map(normaliseLine).join('')}`;
      };
      const before = new Set(theirs.map((f) => said(baseLines, f)));
      for (const f of mine) if (before.has(said(headLines, f))) old.add(f);
    }),
  );
  return old;
}
