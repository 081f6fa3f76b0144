// The change set every check reads: files, hunks, added and removed lines, lazy head/base content.
// Filled from a local git diff (CLI) or the pull-request files API (GitHub App); it assumes neither.

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied';

export interface DiffLine {
  kind: 'add' | 'del' | 'context';
  text: string;
  /** Line number in the base version (del and context lines). */
  baseLine?: number;
  /** Line number in the head version (add and context lines). */
  headLine?: number;
}

export interface Hunk {
  baseStart: number;
  baseCount: number;
  headStart: number;
  headCount: number;
  lines: DiffLine[];
}

export interface AddedLine {
  /** Head line number, 1-based. */
  line: number;
  text: string;
}

export interface RemovedLine {
  /** Base line number, 1-based. */
  line: number;
  text: string;
}

/** File content as a check sees it. Binary files have empty text. */
export interface FileContent {
  size: number;
  binary: boolean;
  text: string;
  /** The first bytes of the file, for magic-number sniffing (at most 64). */
  prefix: Uint8Array;
  /**
   * Every byte of an SQLite database file read whole (within the content limit), for checks that look
   * inside it; absent for other files and where the reader only has text (the App's reads).
   */
  bytes?: Uint8Array;
  /** Why the text is unavailable (binary, too large, not UTF-8); text is then empty. */
  problem?: string;
}

export interface ChangedFile {
  path: string;
  /** Path in the base for renamed and copied files. */
  previousPath?: string;
  status: FileStatus;
  binary: boolean;
  /** Why content checks skip this file (binary, too large, not UTF-8); added/removed are then empty. */
  problem?: string;
  hunks: Hunk[];
  added: AddedLine[];
  removed: RemovedLine[];
}

/**
 * A file moved without a line changed (git's 100% similarity; GitHub lists it with no patch and no
 * changes): it adds nothing, so no check needs its bytes. A binary file moved with its bytes changed
 * shows no lines either and counts too; like any modified binary file, it was already committed.
 */
export const isPureRename = (file: ChangedFile): boolean => file.status === 'renamed' && file.hunks.length === 0 && file.added.length === 0 && file.removed.length === 0;

export interface ContentSource {
  /** Content of any path at the head revision, or null when it does not exist there. */
  readHead(path: string): Promise<FileContent | null>;
  /** Content of any path at the base revision, or null when it does not exist there. */
  readBase(path: string): Promise<FileContent | null>;
  /**
   * Paths of the files directly in folder `dir` (not in folders below it; `''` is the root) at the head
   * or the base, sorted; empty when there is no such folder, null when the list cannot be known. A source
   * without it cannot list folders.
   */
  list?(dir: string, side: 'head' | 'base'): Promise<string[] | null>;
  /**
   * Lines of files of the base tree that hold any of `values` (fixed strings), each as its path and text;
   * bounded in time and size, so it may return fewer: the CLI greps the whole tree, the App searches the
   * folders near the change (see searchNearby in src/github/change-set.ts). The engine uses it to tell a
   * credential the repository already held from a new one.
   */
  searchBase?(values: readonly string[]): Promise<{ path: string; text: string }[]>;
}

/**
 * What a revert in the change puts back as it stood before the commit it reverts: files it re-creates
 * byte for byte, and head lines of other files that the reverted commit had removed. They were in the
 * repository, reviewed, until that commit; the revert does not introduce them.
 */
export interface Restored {
  files: ReadonlySet<string>;
  lines: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The GitHub repository a change belongs to (`owner/name`), as the front end knows it. */
export interface RepositoryName {
  owner: string;
  name: string;
}

/** Files a change puts back after the base's history deleted them (see ChangeSet.reinstated). */
export interface Reinstated {
  /** Files put back with (nearly) the same content as they were deleted. */
  whole: ReadonlySet<string>;
  /** For each file put back, edited or not, its head lines (1-based) whose text the deleted version held. */
  lines: ReadonlyMap<string, ReadonlySet<number>>;
}

export interface ChangeSet extends ContentSource {
  base: string;
  head: string;
  files: ChangedFile[];
  /**
   * The GitHub repository under review: the App and the Action take it from the event, the CLI from the
   * clone's `origin` remote when it is on github.com; absent when unknown (no remote, another host).
   */
  repository?: RepositoryName;
  /** Set by a front end that can see the change's commits (see Restored). */
  restored?: Restored;
  /**
   * Which of `paths` (files the change adds) the base's recent history deleted, and the change puts back: the
   * decisions written in them were the repository's already (see REINSTATED_CHECKS in src/engine/review.ts).
   * Asked only when a finding depends on it. The CLI has the history; absent in the App.
   */
  reinstated?(paths: readonly string[]): Promise<Reinstated>;
}

/** Largest file content checks read; larger files are reported as not reviewed. */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

/**
 * `change`'s revisions and content access without its files, for a change set built on another (fewer
 * files, moves paired): every way of reading, listing included, goes to the original, and what its reverts restore stays known.
 */
export function contentOf(change: ChangeSet): Omit<ChangeSet, 'files'> {
  const list = change.list?.bind(change);
  const searchBase = change.searchBase?.bind(change);
  return {
    base: change.base,
    head: change.head,
    readHead: (path) => change.readHead(path),
    readBase: (path) => change.readBase(path),
    ...(list ? { list } : {}),
    ...(searchBase ? { searchBase } : {}),
    ...(change.restored ? { restored: change.restored } : {}),
    ...(change.reinstated ? { reinstated: change.reinstated.bind(change) } : {}),
    ...(change.repository ? { repository: change.repository } : {}),
  };
}
