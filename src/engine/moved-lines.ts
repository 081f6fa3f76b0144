// What a change really adds: lines and files it only moves, re-indents or reformats are not new. Works
// from the change set alone (added and removed lines of every file), so the CLI and the App agree and
// the App makes no extra request for it.
import { contentOf, type AddedLine, type ChangeSet, type ChangedFile, type FileContent, type RemovedLine } from '../model/change-set.js';
import { contentFromText } from '../changeset/content.js';
import type { FileRole, RoleGlobs } from '../model/file-role.js';
import { basename, isEnvFile } from '../parse/file-kinds.js';
import { configuredRoles, roleFromName } from './file-role.js';

/**
 * A line as a statement, not as typed: no whitespace (indentation, alignment, wrapping), one quote
 * style, no trailing commas and no shell line continuation. `SECRET = os.getenv('X', 'dev')` and
 * `SECRET = os.getenv("X", "dev",)` read the same.
 */
export function normaliseLine(text: string): string {
  return squeeze(text).replace(/,(?=[)\]}]|$)/g, '');
}

/** normaliseLine but for trailing commas: no continuation, no whitespace, one quote style. */
const squeeze = (text: string) => text.replace(/\\\s*$/, '').replace(/\s+/g, '').replace(/'/g, '"');

/** Longest statement, in lines, that a reformat may wrap or join. */
const MAX_STATEMENT_LINES = 12;
const MAX_WRAPPED_REMOVED_LINES = 2000;

/** Each line of a run normalised as in normaliseLine, except that a comma is dropped only before a closing bracket, even one on the next line. */
function statementPieces(lines: readonly { text: string }[]): string[] {
  const pieces = lines.map((l) => squeeze(l.text));
  // A trailing comma goes when the next text, on this line or a later one, closes a bracket.
  let next = '';
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i]!;
    pieces[i] = piece.replace(/,(?=[)\]}])/g, '').replace(/,$/, /^[)\]}]/.test(next) ? '' : ',');
    if (piece !== '') next = piece;
  }
  return pieces;
}

function runs<T extends { line: number }>(lines: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1]!.line === l.line - 1) last.push(l);
    else out.push([l]);
  }
  return out;
}

/** `KEY='value'`, `KEY="value"`: an env file assignment whose whole value is quoted. */
const QUOTED_ENV_VALUE = /^(\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=\s*)(["'])(.*)\2\s*$/;

/**
 * An env file line with its value's quotes taken off: `SECRET_KEY='abc'` and `SECRET_KEY=abc` set the same
 * value (quoting only keeps compose or the shell from reading `$` in it), so quoting one is reformatting.
 */
function unquoteEnvLine<T extends { text: string }>(line: T): T {
  const m = QUOTED_ENV_VALUE.exec(line.text);
  return m ? { ...line, text: `${m[1]!}${m[3]!}` } : line;
}

/** Source code, where a bare word is a name: renaming it is a refactor. In YAML, env files or Dockerfiles a bare word is a value. */
const CODE_FILE = /\.(?:py|pyw|[cm]?[jt]sx?|go|rb|java|kt|php|rs|cs|scala|swift)$/i;

/** Strings whole, names, numbers, then any other character: enough to line two statements up token by token. */
const TOKEN = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|[A-Za-z_$][\w$]*|\d[\w.]*|\S/g;

/** Words that are values or syntax, never names a refactor renames: `debug=False` to `debug=True` is a new value. */
const NOT_NAMES = new Set(
  'True False None true false null undefined nil NaN Infinity and or not in is if else elif return def class import from as const let var function new this self async await yield with for while'.split(' '),
);

const isName = (token: string) => /^[A-Za-z_$]/.test(token) && !NOT_NAMES.has(token);
const tokensOf = (text: string) => text.match(TOKEN) ?? [];
const shapeOf = (tokens: readonly string[]) => tokens.map((t) => (isName(t) ? '\0' : t)).join('\u0001');

/**
 * Names a change renames throughout a source file (`app` to `APP`, `_public_key` to `PUBLIC_KEY` in a lint
 * fix): an old name that some added line spells with the new one where a removed line read the same
 * otherwise, on two lines or more, always to the same new name, that no added line still uses and whose
 * new name no removed line used. Only names in code: strings, numbers and literal words (`True`, `null`)
 * must match as written, so `debug=False` made `debug=True` is never a rename.
 */
export function identifierRenames(changed: Pick<ChangedFile, 'added' | 'removed'> & { path?: string }): Map<string, string> {
  const renames = new Map<string, string>();
  if (changed.path === undefined || !CODE_FILE.test(changed.path) || changed.added.length === 0 || changed.removed.length === 0 || changed.removed.length > MAX_WRAPPED_REMOVED_LINES) return renames;
  const byShape = new Map<string, string[][]>();
  const removedNames = new Set<string>();
  for (const l of changed.removed) {
    const tokens = tokensOf(l.text);
    if (!tokens.some(isName)) continue;
    for (const t of tokens) if (isName(t)) removedNames.add(t);
    const shape = shapeOf(tokens);
    const same = byShape.get(shape) ?? [];
    if (same.length < 20) same.push(tokens);
    byShape.set(shape, same);
  }
  const addedNames = new Set<string>();
  const witnesses = new Map<string, Map<string, Set<number>>>();
  for (const l of changed.added) {
    const tokens = tokensOf(l.text);
    for (const t of tokens) if (isName(t)) addedNames.add(t);
    // The removed line it differs least from (fewest names changed) is the one it was written from.
    let best: Map<string, string> | undefined;
    for (const before of byShape.get(shapeOf(tokens)) ?? []) {
      const pairs = new Map<string, string>();
      let consistent = true;
      for (let i = 0; i < tokens.length && consistent; i++) {
        if (before[i] === tokens[i]) continue;
        consistent = (pairs.get(before[i]!) ?? tokens[i]) === tokens[i];
        pairs.set(before[i]!, tokens[i]!);
      }
      if (consistent && pairs.size > 0 && pairs.size <= 2 && (!best || pairs.size < best.size)) best = pairs;
    }
    for (const [from, to] of best ?? []) {
      const byNew = witnesses.get(from) ?? new Map<string, Set<number>>();
      byNew.set(to, (byNew.get(to) ?? new Set()).add(l.line));
      witnesses.set(from, byNew);
    }
  }
  for (const [from, byNew] of witnesses) {
    const [only, ...others] = [...byNew];
    if (!only || others.length > 0 || only[1].size < 2 || addedNames.has(from) || removedNames.has(only[0])) continue;
    renames.set(from, only[0]);
  }
  return renames;
}

/** `text` with the names in `renames` replaced (strings left alone). */
function renamed(text: string, renames: ReadonlyMap<string, string>): string {
  return text.replace(TOKEN, (t) => (isName(t) ? (renames.get(t) ?? t) : t));
}

/**
 * Head lines of `file` that only move or reformat lines the same file loses. Whole statements are
 * compared: some consecutive added lines, normalised and joined, read the same as some consecutive
 * removed lines (whole lines on both sides), so re-indenting, requoting and re-wrapping a call over more
 * or fewer lines are not new, while dropping part of a line (a version pin, an argument) is. In an env
 * file (by `path`), quoting a value or dropping its quotes is reformatting as well; in source code, so is
 * a name the change renames throughout the file (see identifierRenames).
 */
export function reformattedLines(changed: Pick<ChangedFile, 'added' | 'removed'> & { path?: string }): Set<number> {
  const moved = new Set<number>();
  if (changed.added.length === 0 || changed.removed.length === 0) return moved;
  // In an env file, quoting a value (or dropping its quotes) is reformatting too.
  const file = changed.path !== undefined && isEnvFile(changed.path) ? { added: changed.added.map(unquoteEnvLine), removed: changed.removed.map(unquoteEnvLine) } : changed;
  // Every window of removed lines is kept; past a few thousand lines (a vendored file rewritten) only single lines are.
  const span = file.removed.length > MAX_WRAPPED_REMOVED_LINES ? 1 : MAX_STATEMENT_LINES;
  const statements = new Set<string>();
  // A line that differs only by a name the change renames throughout the file was there before.
  const renames = identifierRenames(changed);
  const before = renames.size === 0 ? runs(file.removed) : [...runs(file.removed), ...runs(file.removed.map((l) => ({ ...l, text: renamed(l.text, renames) })))];
  for (const run of before) {
    const pieces = statementPieces(run);
    for (let from = 0; from < pieces.length; from++) {
      let joined = '';
      for (let to = from; to < Math.min(pieces.length, from + span); to++) {
        joined += pieces[to]!;
        if (joined !== '') statements.add(joined);
      }
    }
  }
  for (const run of runs(file.added)) {
    const pieces = statementPieces(run);
    for (let from = 0; from < pieces.length; from++) {
      if (pieces[from] === '') {
        moved.add(run[from]!.line);
        continue;
      }
      let joined = '';
      for (let to = from; to < Math.min(pieces.length, from + span); to++) {
        joined += pieces[to]!;
        if (statements.has(joined)) for (let n = from; n <= to; n++) moved.add(run[n]!.line);
      }
    }
  }
  return moved;
}

/**
 * Head lines, by path, that the change moved in from another of its files: equal, once normalised, to a
 * line another file lost, where `sameRole` holds for the two files (see lineMoveByName: a line moved from
 * a development file into production configuration is new to production).
 */
export function linesMovedAcrossFiles(files: readonly ChangedFile[], sameRole: (from: string, to: string) => boolean): Map<string, Set<number>> {
  const sources = new Map<string, string[]>();
  for (const f of files) {
    for (const l of f.removed) {
      const n = normaliseLine(l.text);
      if (n.length < 3) continue;
      const paths = sources.get(n) ?? [];
      if (!paths.includes(f.previousPath ?? f.path)) paths.push(f.previousPath ?? f.path);
      sources.set(n, paths);
    }
  }
  const out = new Map<string, Set<number>>();
  if (sources.size === 0) return out;
  for (const f of files) {
    if (f.status === 'removed') continue;
    const own = f.previousPath ?? f.path;
    for (const l of f.added) {
      if (!sources.get(normaliseLine(l.text))?.some((p) => p !== own && sameRole(p, f.path))) continue;
      let lines = out.get(f.path);
      if (!lines) out.set(f.path, (lines = new Set()));
      lines.add(l.line);
    }
  }
  return out;
}

/** A bare key (`services:`, `ports:`) or a lone bracket: shared by any two files of a kind, so no evidence of a move. */
const BOILERPLATE = /^(?:[-\w."]*:|[-[\]{}()]*|-?[\w.-]{0,2})$/;

/** Lines that say something, normalised. */
export function meaningful(lines: readonly (AddedLine | RemovedLine)[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const n = normaliseLine(l.text);
    if (!BOILERPLATE.test(n)) out.add(n);
  }
  return out;
}

/**
 * The least a move that git or GitHub did not pair must share: a third of the smaller file's lines under
 * the same file name (a short Dockerfile moved to another folder), half of the larger file's under
 * another name (a file that only resembles a deleted one, such as a new compose variant, is new).
 */
export const MOVE_SHARE_SAME_NAME = 1 / 3;
export const MOVE_SHARE_OTHER_NAME = 1 / 2;

/**
 * Whether two paths name the same file: their names are equal once case, separators and the spelling of a YAML
 * extension are set aside (`Dockerfile.langy_agent` respelt `Dockerfile.langyagent`, `docker-compose.yaml` as
 * `docker-compose.yml`). A respelt name is a rename, not a new file.
 */
export function sameFileName(a: string, b: string): boolean {
  const spelling = (path: string) => basename(path).toLowerCase().replace(/\.yaml$/, '.yml').replace(/[-_.\s]/g, '');
  return spelling(a) === spelling(b);
}

/**
 * Added files that are removed files of the same change moved and edited beyond what git's and
 * GitHub's rename detection pair (they want half of the bytes the same; a two-line Dockerfile whose
 * `COPY` path changed is new to them). See MOVE_SHARE_SAME_NAME for how much a pair must share;
 * `sameRole` keeps a development file moved into production configuration new.
 */
export function pairMoves(files: readonly ChangedFile[], sameRole: (from: string, to: string) => boolean): Map<string, ChangedFile> {
  const removed = files.filter((f) => f.status === 'removed' && !f.problem && f.removed.length > 0);
  const added = files.filter((f) => f.status === 'added' && !f.problem && f.added.length > 0);
  const pairs = new Map<string, ChangedFile>();
  if (removed.length === 0 || added.length === 0) return pairs;
  const holders = new Map<string, number[]>();
  const removedLines = removed.map((f, i) => {
    const lines = meaningful(f.removed);
    for (const n of lines) holders.set(n, [...(holders.get(n) ?? []), i]);
    return lines;
  });
  const candidates: { to: ChangedFile; from: ChangedFile; share: number }[] = [];
  for (const to of added) {
    const lines = meaningful(to.added);
    const shared = new Map<number, number>();
    for (const n of lines) for (const i of holders.get(n) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, count] of shared) {
      const from = removed[i]!;
      const sameName = sameFileName(from.path, to.path);
      const sizes = [lines.size, removedLines[i]!.size];
      const share = count / Math.max(1, sameName ? Math.min(...sizes) : Math.max(...sizes));
      if (share >= (sameName ? MOVE_SHARE_SAME_NAME : MOVE_SHARE_OTHER_NAME)) candidates.push({ to, from, share });
    }
  }
  candidates.sort((a, b) => b.share - a.share || Number(sameFileName(b.from.path, b.to.path)) - Number(sameFileName(a.from.path, a.to.path)) || a.to.path.localeCompare(b.to.path) || a.from.path.localeCompare(b.from.path));
  const used = new Set<string>();
  for (const { to, from } of candidates) {
    if (pairs.has(to.path) || used.has(from.path)) continue;
    if (!sameRole(from.path, to.path)) continue;
    pairs.set(to.path, from);
    used.add(from.path);
  }
  return pairs;
}

/** The base text of a file the change deletes whole, rebuilt from its removed lines (no read needed). */
export function deletedContent(file: ChangedFile): FileContent | null {
  if (file.status !== 'removed' || file.problem || file.removed.length === 0 || file.removed[0]!.line !== 1) return null;
  if (file.removed.some((l, i) => l.line !== i + 1)) return null;
  return contentFromText(file.removed.map((l) => `${l.text}\n`).join(''));
}

/**
 * The change with moves the front end did not pair (see pairMoves) turned into renames: the added file
 * takes the removed file as its previous path and its removed lines, and the removed file leaves the
 * list, so checks compare the new file with what it was moved from. Base content of a paired file is
 * rebuilt from its removed lines, so the App reads nothing more.
 */
export function withPairedMoves(change: ChangeSet, sameRole: (from: string, to: string) => boolean): ChangeSet {
  const pairs = pairMoves(change.files, sameRole);
  if (pairs.size === 0) return change;
  const gone = new Set([...pairs.values()].map((f) => f.path));
  const rebuilt = new Map<string, FileContent>();
  for (const from of pairs.values()) {
    const content = deletedContent(from);
    if (content) rebuilt.set(from.path, content);
  }
  const files = change.files.flatMap((f): ChangedFile[] => {
    if (gone.has(f.path) && f.status === 'removed') return [];
    const from = pairs.get(f.path);
    if (!from || f.status !== 'added') return [f];
    return [{ path: f.path, previousPath: from.path, status: 'renamed', binary: f.binary, hunks: f.hunks, added: f.added, removed: from.removed }];
  });
  return {
    ...contentOf(change),
    files,
    readBase: (path) => {
      const content = rebuilt.get(path);
      return content ? Promise.resolve(content) : change.readBase(path);
    },
  };
}

/**
 * Whether two paths have the same role by configuration and name alone (no reads): the test a move must
 * pass to count as old content. Content-based roles (a comment saying "local development") are left to
 * the checks; a move between a file named for development and one named for production is new content.
 */
export function sameRoleByName(roles?: RoleGlobs, known?: ReadonlyMap<string, FileRole>): (from: string, to: string) => boolean {
  const roleOf = roleByName(roles, known);
  return (from, to) => roleOf(from) === roleOf(to);
}

/**
 * Whether a line moved between two files is old content, by configuration and name alone: the files have
 * the same role, or the line leaves production configuration (a Django `SECRET_KEY` moved from
 * `settings.py` into `settings/development.py` when the settings are split). A line moved from a
 * development, test or example file into production configuration is new to production.
 */
export function lineMoveByName(roles?: RoleGlobs, known?: ReadonlyMap<string, FileRole>): (from: string, to: string) => boolean {
  const roleOf = roleByName(roles, known);
  return (from, to) => roleOf(from) === roleOf(to) || roleOf(from) === 'production';
}

/**
 * A path's role by configuration and name, each path decided once (it is asked once per moved line and
 * source file); `known` gives roles already decided otherwise (a deleted file judged by its content, see
 * review), which win.
 */
function roleByName(roles?: RoleGlobs, known?: ReadonlyMap<string, FileRole>): (path: string) => FileRole {
  const configured = configuredRoles(roles);
  const decided = new Map<string, FileRole>(known);
  return (path) => {
    let role = decided.get(path);
    if (role === undefined) decided.set(path, (role = configured(path)?.role ?? roleFromName(path)?.role ?? 'production'));
    return role;
  };
}

/** Whether configuration or the name decides `path`'s role, so its content cannot change it (see fileRoleResolver). */
export function roleByNameAlone(roles?: RoleGlobs): (path: string) => boolean {
  const configured = configuredRoles(roles);
  return (path) => configured(path) !== undefined || roleFromName(path) !== undefined;
}
