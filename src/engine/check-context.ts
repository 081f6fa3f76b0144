// The review context every check gets (as ESLint rules get theirs): the files of a kind, documents parsed
// once per review and shared by all checks, which lines are new, and each file's role. Nothing here
// outlives the review, so the long-running App keeps no file text between pull requests.
import type { ChangeSet, ChangedFile, FileContent, RepositoryName } from '../model/change-set.js';
import type { RoleGlobs, RoleVerdict } from '../model/file-role.js';
import { parseDockerfile, type Dockerfile } from '../parse/dockerfile.js';
import { basename, isComposeFile, isDockerfile, isEnvFile, isGitHubWorkflow, isJavaScript, isPython, isRequirementsFile, isYaml } from '../parse/file-kinds.js';
import { firstErrorLine, parsePython, type PyTree } from '../parse/python.js';
import { parseYaml, type YamlFile } from '../parse/yaml.js';
import { fileRoleResolver } from './file-role.js';
import { deletedContent, reformattedLines } from './moved-lines.js';

export type Side = 'head' | 'base';

/** Kinds of file a check can ask for; a file may be of several (a compose file is also YAML). */
export type FileKind = 'dockerfile' | 'compose' | 'yaml' | 'workflow' | 'python' | 'javascript' | 'requirements' | 'env' | 'package-json';

const KIND_TESTS: Record<FileKind, (path: string) => boolean> = {
  dockerfile: isDockerfile,
  compose: isComposeFile,
  yaml: isYaml,
  workflow: isGitHubWorkflow,
  python: isPython,
  javascript: isJavaScript,
  requirements: isRequirementsFile,
  env: isEnvFile,
  'package-json': (path) => basename(path) === 'package.json',
};

/** A Python syntax tree owned by the review: checks read it and never free it (the engine does). */
export interface PythonDocument {
  tree: PyTree;
  /** True when tree-sitter had to recover from syntax errors; findings from intact parts still count. */
  hasError: boolean;
}

export interface CheckContext {
  readonly base: string;
  readonly head: string;
  /** The GitHub repository under review (see ChangeSet.repository), undefined when the front end does not know it. */
  readonly repository: RepositoryName | undefined;
  /**
   * Changed files that exist at head, in path order; with `kind`, only files of that kind (or of any of
   * the kinds listed). Files whose text cannot be read (binary, too large) are included: `file.problem`
   * says why, and `text()` returns null for them.
   */
  files(kind?: FileKind | readonly FileKind[]): readonly ChangedFile[];
  /** Files the change removes. */
  removedFiles(): readonly ChangedFile[];
  /** The changed file at `path` (head path), or undefined when the change does not touch it. */
  changed(path: string): ChangedFile | undefined;
  /** Content of any path at head or base, or null when it does not exist there. */
  read(path: string, side?: Side): Promise<FileContent | null>;
  /** Text of any path, or null when it does not exist, is binary or could not be read as text. */
  text(path: string, side?: Side): Promise<string | null>;
  /**
   * Paths of the files directly in folder `dir` at head or base (see ContentSource.list), once per review;
   * null when the source cannot list. Costs a request in the App: list only when a finding depends on it.
   */
  list(dir: string, side?: Side): Promise<readonly string[] | null>;
  /** Parsed YAML (every document), once per review; null when the file has no text. */
  yaml(path: string, side?: Side): Promise<YamlFile | null>;
  /** Parsed Dockerfile, once per review; null when the file has no text. */
  dockerfile(path: string, side?: Side): Promise<Dockerfile | null>;
  /** Parsed Python, once per review; null when the file has no text. */
  python(path: string, side?: Side): Promise<PythonDocument | null>;
  /** True when any head line in `line..endLine` of `path` is new: added, not just moved or reformatted (see newLineNumbers). */
  isNew(path: string, line: number, endLine?: number): boolean;
  /** The new head lines of `path` (empty for files the change does not touch). */
  newLines(path: string): ReadonlySet<number>;
  /** What the file is for (production, development, test, example, CI, archived) and why; decided once per review. */
  role(path: string): Promise<RoleVerdict>;
  /**
   * Lines of the base tree's files that hold any of `values` (fixed strings), as ChangeSet.searchBase: the CLI greps
   * the whole tree, the App the folders near the change; null when the front end cannot search.
   */
  searchBase(values: readonly string[]): Promise<readonly { path: string; text: string }[] | null>;
}

export interface CheckContextOptions {
  /** `roles:` from the configuration. */
  roles?: RoleGlobs;
  /** Head lines, by path, that the change moved in from another of its files (decided by the engine: see review). */
  movedIn?: ReadonlyMap<string, ReadonlySet<number>>;
  /** Roles of the files the change deletes (see removedFileRoles), when the engine has already judged some; built here otherwise. */
  removedRoles?: RemovedFileRoles;
}

/** The role of a path the change deletes, judged from its base content, or undefined for a path that is not one. */
export type RemovedFileRoles = (path: string) => Promise<RoleVerdict> | undefined;

/**
 * Roles of the files `change` deletes, judged as they stood: from their base content (rebuilt from the
 * removed lines where the diff holds them all, so the App reads nothing more), among the head's files and
 * the other files the change deletes. A deleted file has no head content, and by its name alone a
 * development stack (`docker-compose.yml` whose services are `local` and `dev-db`) would pass for
 * production, and what it held for something production already had.
 */
export function removedFileRoles(change: ChangeSet, options: { roles?: RoleGlobs; text?: (path: string, side: Side) => Promise<string | null> } = {}): RemovedFileRoles {
  const removed = new Map(change.files.filter((f) => f.status === 'removed').map((f) => [f.path, f]));
  if (removed.size === 0) return () => undefined;
  const texts = new Map<string, Promise<string | null>>();
  const read =
    options.text ??
    ((path: string, side: Side) => {
      let hit = texts.get(`${side}\0${path}`);
      if (!hit) {
        hit = (side === 'head' ? change.readHead(path) : change.readBase(path)).then((c) => (c && !c.binary && !c.problem ? c.text : null));
        texts.set(`${side}\0${path}`, hit);
      }
      return hit;
    });
  const resolve = fileRoleResolver({
    text: (path) => {
      const file = removed.get(path);
      if (!file) return read(path, 'head');
      const rebuilt = deletedContent(file);
      return rebuilt ? Promise.resolve(rebuilt.text) : read(path, 'base');
    },
    files: () => [],
    ...(options.roles ? { roles: options.roles } : {}),
  });
  return (path) => (removed.has(path) ? resolve(path) : undefined);
}

/**
 * Head lines of `file` that are new: added, and neither a line the file lost written again (moved,
 * re-indented, quotes or trailing commas changed, a statement wrapped differently) nor, when the engine
 * says so, a line moved in from another file of the change (`movedIn`).
 */
export function newLineNumbers(file: ChangedFile, movedIn?: ReadonlySet<number>): Set<number> {
  const reformatted = reformattedLines(file);
  const lines = new Set<number>();
  for (const l of file.added) if (!reformatted.has(l.line) && !movedIn?.has(l.line)) lines.add(l.line);
  return lines;
}

/** The context plus what the engine needs afterwards: which head files were read and how they parsed. */
export interface ReviewContext extends CheckContext {
  /**
   * The same review (shared caches) as one check sees it: optionally fewer files (a check re-run on one
   * file), and a hook told of every head read, so the engine can say which file a check could not read.
   */
  view(options: { files?: readonly ChangedFile[]; onHeadRead?: (path: string, content: FileContent | null) => void }): CheckContext;
  /** Head paths some check read. */
  readonly readPaths: ReadonlySet<string>;
  /** Head paths some check parsed, with the syntax problem found (null when it parsed cleanly). */
  readonly parseProblems: ReadonlyMap<string, { kind: 'yaml' | 'python' | 'dockerfile'; problem: string | null }>;
  /** Frees parsed trees; the context must not be used afterwards. */
  dispose(): void;
}

export function createCheckContext(change: ChangeSet, options: CheckContextOptions = {}): ReviewContext {
  const live = change.files.filter((f) => f.status !== 'removed').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byPath = new Map(change.files.filter((f) => f.status !== 'removed').map((f) => [f.path, f]));
  const readPaths = new Set<string>();
  const parseProblems = new Map<string, { kind: 'yaml' | 'python' | 'dockerfile'; problem: string | null }>();
  const contents = new Map<string, Promise<FileContent | null>>();
  const listings = new Map<string, Promise<readonly string[] | null>>();
  const yamls = new Map<string, Promise<YamlFile | null>>();
  const dockerfiles = new Map<string, Promise<Dockerfile | null>>();
  const pythons = new Map<string, Promise<PythonDocument | null>>();
  const newLinesOf = new Map<string, Set<number>>();
  const trees: PyTree[] = [];
  let disposed = false;

  const once = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = make()));
    return hit;
  };
  const read = (path: string, side: Side = 'head'): Promise<FileContent | null> => {
    if (side === 'head') readPaths.add(path);
    return once(contents, `${side}\0${path}`, async () => {
      const content = await (side === 'head' ? change.readHead(path) : change.readBase(path));
      // One turn of the event loop per read: a server reviewing a large change still answers in between.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return content;
    });
  };
  const text = async (path: string, side: Side = 'head'): Promise<string | null> => {
    const content = await read(path, side);
    return content && !content.binary && !content.problem ? content.text : null;
  };
  const newLines = (path: string): ReadonlySet<number> => {
    let set = newLinesOf.get(path);
    if (!set) {
      const file = byPath.get(path);
      newLinesOf.set(path, (set = file ? newLineNumbers(file, options.movedIn?.get(path)) : new Set()));
    }
    return set;
  };

  const headRole = fileRoleResolver({
    text,
    files: () => live,
    // The checks' own parses, so a compose file or Dockerfile a role reads is parsed once per review.
    yaml: (path) => context.yaml(path),
    dockerfile: (path) => context.dockerfile(path),
    list: (dir) => context.list(dir),
    ...(change.repository ? { repository: change.repository } : {}),
    ...(options.roles ? { roles: options.roles } : {}),
  });
  const removedRoles = options.removedRoles ?? removedFileRoles(change, { ...(options.roles ? { roles: options.roles } : {}), text });

  const context: ReviewContext = {
    base: change.base,
    head: change.head,
    repository: change.repository,
    readPaths,
    parseProblems,
    files(kind) {
      if (kind === undefined) return live;
      const kinds = typeof kind === 'string' ? [kind] : kind;
      return live.filter((f) => kinds.some((k) => KIND_TESTS[k](f.path)));
    },
    removedFiles: () => change.files.filter((f) => f.status === 'removed'),
    changed: (path) => byPath.get(path),
    read,
    text,
    list: (dir, side = 'head') => once(listings, `${side}\0${dir}`, async () => (change.list ? change.list(dir, side) : null)),
    yaml: (path, side = 'head') =>
      once(yamls, `${side}\0${path}`, async () => {
        const source = await text(path, side);
        if (source === null) return null;
        const parsed = parseYaml(source);
        if (side === 'head') parseProblems.set(path, { kind: 'yaml', problem: parsed.error ?? null });
        return parsed;
      }),
    dockerfile: (path, side = 'head') =>
      once(dockerfiles, `${side}\0${path}`, async () => {
        const source = await text(path, side);
        if (source === null) return null;
        const parsed = parseDockerfile(source);
        if (side === 'head') parseProblems.set(path, { kind: 'dockerfile', problem: parsed.instructions.length > 0 && parsed.stages.length === 0 ? 'no FROM instruction' : null });
        return parsed;
      }),
    python: (path, side = 'head') =>
      once(pythons, `${side}\0${path}`, async () => {
        const source = await text(path, side);
        if (source === null) return null;
        const parsed = await parsePython(source);
        if (disposed) {
          parsed.dispose();
          throw new Error('the review is over: its context cannot parse any more');
        }
        trees.push(parsed.tree);
        if (side === 'head') parseProblems.set(path, { kind: 'python', problem: parsed.hasError ? String(firstErrorLine(parsed.tree.rootNode)) : null });
        return { tree: parsed.tree, hasError: parsed.hasError };
      }),
    isNew(path, line, endLine = line) {
      const set = newLines(path);
      for (let n = line; n <= endLine; n++) if (set.has(n)) return true;
      return false;
    },
    newLines,
    role: (path) => (byPath.has(path) ? undefined : removedRoles(path)) ?? headRole(path),
    searchBase: async (values) => (change.searchBase && values.length > 0 ? change.searchBase(values).catch(() => null) : null),
    view({ files, onHeadRead }) {
      const kindFilter = (kind?: FileKind | readonly FileKind[]) => {
        const all = files ?? live;
        if (kind === undefined) return all;
        const kinds = typeof kind === 'string' ? [kind] : kind;
        return all.filter((f) => kinds.some((k) => KIND_TESTS[k](f.path)));
      };
      const viewRead = async (path: string, side: Side = 'head') => {
        const content = await read(path, side);
        if (side === 'head') onHeadRead?.(path, content);
        return content;
      };
      return {
        ...context,
        files: kindFilter,
        read: viewRead,
        text: async (path, side = 'head') => {
          const content = await viewRead(path, side);
          return content && !content.binary && !content.problem ? content.text : null;
        },
      };
    },
    dispose() {
      disposed = true;
      for (const tree of trees.splice(0)) tree.delete();
      contents.clear();
      listings.clear();
      yamls.clear();
      dockerfiles.clear();
      pythons.clear();
    },
  };
  return context;
}
