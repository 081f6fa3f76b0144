// What a copy adds: a new file that is mostly an existing file of the base tree (manifests copied into a
// new folder for a variant, a demo pod copied beside its sibling) adds only the problems its original did
// not already have. Looked for only for files with findings to report, and within a fixed number of reads.
import { splitLines } from '../changeset/content.js';
import { addedFile } from '../changeset/whole-file.js';
import type { ChangeSet, ChangedFile, FileContent } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { basename, isDockerfile, repoDir } from '../parse/file-kinds.js';
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
  movable(from: string, to: string): Promise<boolean>;
  /** Checks whose findings compare whole lines (line scope), the others compare the first line of a finding. */
  lineScoped(checkId: string): boolean;
  reviewOrigin: ReviewOrigin;
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
const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};

/**
 * Base paths `file` may be a copy of, most likely first: the path git or GitHub says it was copied from;
 * the same path under fewer leading folders (`kubernetes-manifests/x.yaml` copied to
 * `src/monolith/kubernetes-manifests/x.yaml`); files of its kind beside it in the base, the names most
 * alike first (`nginx-nfs.yaml` for `nginx-dummy.yaml`).
 */
async function candidates(change: ChangeSet, file: ChangedFile, budget: Budget): Promise<string[]> {
  const out: string[] = [];
  if (file.previousPath) out.push(file.previousPath);
  const parts = file.path.split('/');
  for (let k = 1; k < parts.length && k <= MAX_SUFFIXES; k++) out.push(parts.slice(k).join('/'));
  if (change.list && budget.read()) {
    const name = basename(file.path);
    const siblings = ((await change.list(repoDir(file.path), 'base')) ?? [])
      .filter((p) => p !== file.path && sameKind(p, file.path) && !out.includes(p))
      .sort((a, b) => commonPrefix(basename(b), name) - commonPrefix(basename(a), name) || a.localeCompare(b));
    out.push(...siblings.slice(0, MAX_SIBLINGS));
  }
  return out;
}

/**
 * The base file `file` (head text `text`) was copied from, or null: the candidate sharing the most of its
 * lines, past COPY_SHARE; `whole` when the copy also holds COPY_SHARE of the original's lines.
 */
async function originOf(change: ChangeSet, file: ChangedFile, text: string, budget: Budget): Promise<{ path: string; content: FileContent; whole: boolean } | null> {
  const lines = meaningful(splitLines(text).map((t, i) => ({ line: i + 1, text: t })));
  if (lines.size === 0) return null;
  let best: { path: string; content: FileContent; share: number; whole: boolean } | null = null;
  for (const path of await candidates(change, file, budget)) {
    if (!budget.tryPath()) break;
    const content = await change.readBase(path);
    if (!content) continue;
    if (!budget.read() || content.binary || content.problem) continue;
    const theirs = meaningful(splitLines(content.text).map((t, i) => ({ line: i + 1, text: t })));
    let shared = 0;
    for (const l of lines) if (theirs.has(l)) shared++;
    const share = shared / lines.size;
    if (shared >= MIN_SHARED_LINES && share >= COPY_SHARE && (!best || share > best.share)) best = { path, content, share, whole: shared / Math.max(1, theirs.size) >= COPY_SHARE };
  }
  return best;
}

/**
 * Findings on added (or copied) files that their original in the base tree already had: the file is a
 * copy of a base file (see originOf; for findings about the whole file, such as "no healthcheck", half of
 * the original must be in the copy too), content may move from it to the new path (see CopyOptions.movable),
 * and the same check, run on the original as a new file, reports the same problem (same message) on a line
 * that reads the same once normalised (see normaliseLine). The original is read only for files with
 * findings, at most MAX_COPIED_FILES files and MAX_ORIGIN_READS reads per review; a review of the whole
 * tree (`--all`, an empty base) finds no original, so it still reports everything.
 */
export async function findingsCopiedFromBase(change: ChangeSet, findings: readonly Finding[], options: CopyOptions): Promise<Set<Finding>> {
  const old = new Set<Finding>();
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const copies = change.files.filter((f) => (f.status === 'added' || f.status === 'copied') && !f.problem && byPath.has(f.path)).slice(0, MAX_COPIED_FILES);
  let reads = 0;
  let tries = 0;
  const budget: Budget = { read: () => reads++ < MAX_ORIGIN_READS, tryPath: () => tries++ < MAX_ORIGIN_TRIES };
  for (const file of copies) {
    const text = await options.headText(file.path);
    if (text === null) continue;
    const origin = await originOf(change, file, text, budget);
    if (!origin || !(await options.movable(origin.path, file.path))) continue;
    // A finding about the whole file ("no healthcheck", "runs as root") needs the whole original in the copy:
    // a new image written from another's template (half of its lines, another start command) is a new image.
    const mine = byPath.get(file.path)!.filter((f) => origin.whole || options.lineScoped(f.checkId));
    if (mine.length === 0) continue;
    const theirs = await options.reviewOrigin(origin.path, origin.content, new Set(mine.map((f) => f.checkId)));
    const headLines = splitLines(text);
    const baseLines = splitLines(origin.content.text);
    const said = (lines: readonly string[], f: Finding) => {
      const to = options.lineScoped(f.checkId) ? f.endLine : f.line;
      return `${f.checkId}\0${f.messageId ?? ''}\0${lines.slice(f.line - 1, to).map(normaliseLine).join('')}`;
    };
    const before = new Set(theirs.map((f) => said(baseLines, f)));
    for (const f of mine) if (before.has(said(headLines, f))) old.add(f);
  }
  return old;
}
