// What a change adds, for credentials: a value the change moves from one file or shape into another
// (`MYSQL_PASSWORD: x` under a compose file's `environment:` turned into `MYSQL_PASSWORD=x` in the env file
// it now loads), or that the repository already committed elsewhere, is not committed by this change.
// Findings of the credential checks carry the values they are about (never shown), and are dropped when
// every one of them is held before: on a line the change removes (both front ends), or, for findings about
// exposure, on a line of a tracked base file (the whole tree in the CLI, the folders near the change in the App).
import type { ChangeSet } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { escapeRegExp } from '../parse/regexp.js';

/** A credential a finding is about: the value, and the key it is set under when there is one. */
export interface Credential {
  /** The key (`DB_PASSWORD`) or, for a password in a URL, the URL's scheme with `://`. */
  name?: string;
  value: string;
  /**
   * Whether the value is specific enough that finding it is finding the same credential, wherever it is
   * written (see isDistinctValue in src/secrets/placeholder.ts); a weak one (`postgres`) must be set under the same key.
   */
  distinct: boolean;
}

/**
 * What a finding's credentials must be held by to be old: `moved` only counts lines the change removes (a
 * default credential opens a door where it is deployed, so one already elsewhere in the repository is still
 * new to the file that deploys it); `committed` counts the base tree too (a secret is published once, and a
 * second copy in the same repository exposes nothing the first did not), in a file of the same role;
 * `quoted` counts a base file of any role, for a value written where nothing runs it (a document, a
 * commented-out line): it only repeats what the repository already published. `aside` counts a base file that
 * is not production configuration, for a value in a file no deployment runs (an example, development or test
 * file): a testing key the repository's development files and tests already publish is not exposed again there,
 * while a live credential production code held is (one more copy of it, in a sample anyone copies).
 */
export type HeldBy = 'moved' | 'committed' | 'quoted' | 'aside';

export interface HeldCredentials {
  credentials: readonly Credential[];
  heldBy: HeldBy;
  /**
   * Whether a new file copied from a base file (see copied-files.ts) that holds every one of the values, under
   * any key, adds none of them: set for exposure (a secret the original published), not for a default
   * credential, which opens a door in every file that deploys it.
   */
  heldByOriginal?: boolean;
}

/** A line of a base file that holds some searched text. */
export interface BaseHit {
  path: string;
  text: string;
  /** The line's number in its file, for a line the change removes. */
  line?: number;
  /**
   * Set when the line sits under a development or test section of a per-environment YAML file (Rails'
   * `config/secrets.yml`: `development:` / `test:` beside `production:`): a value there was only that
   * environment's, whatever the file's role.
   */
  nonProduction?: boolean;
}

/** A top-level section of a per-environment YAML file that names a development or test environment. */
const NON_PRODUCTION_SECTION = /^["']?(?:development|develop|dev|test|tests|testing|local)["']?\s*:\s*(?:#.*)?$/i;
const TOP_LEVEL_KEY = /^["']?[\w.-]+["']?\s*:/;

/**
 * The removed lines of a YAML file that sit under a development or test section (`development:` at the
 * top level, the lines below it indented), told from the removed lines alone: the section's header must be
 * removed too, with every line between (a whole section, or a whole file, taken out). A line whose
 * section the change does not remove keeps no mark.
 */
function nonProductionSectionLines(path: string, removed: readonly { line: number; text: string }[]): Set<number> {
  const out = new Set<number>();
  if (!/\.ya?ml$/i.test(path)) return out;
  let section: boolean | undefined;
  let previous = -1;
  for (const l of removed) {
    if (l.line !== previous + 1) section = undefined;
    previous = l.line;
    if (TOP_LEVEL_KEY.test(l.text)) section = NON_PRODUCTION_SECTION.test(l.text);
    else if (section && /^\s+\S/.test(l.text)) out.add(l.line);
  }
  return out;
}

/** At most this many values are searched for in the base per review, and this many removed lines that hold one kept. */
export const MAX_SEARCHED_VALUES = 40;
const MAX_REMOVED_LINES = 50_000;

const WORD = /[A-Za-z0-9]/;

/** Whether `text` has `value` whole: not inside a longer word (`ninja` is not in `ninjas`). */
function hasWhole(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1];
    const after = text[at + value.length];
    if ((before === undefined || !WORD.test(before) || !WORD.test(value[0]!)) && (after === undefined || !WORD.test(after) || !WORD.test(value[value.length - 1]!))) return true;
  }
  return false;
}

/**
 * Whether a line holds the credential: a distinct value anywhere on it, whole; a weak value only set under
 * the same key (`KEY=value`, `KEY: value`, `- KEY=value`, `"KEY": "value"`, `KEY = 'value'`) or, for a URL's
 * password, as the password of a URL (`:value@`).
 */
export function lineHolds(text: string, credential: Credential): boolean {
  const { name, value } = credential;
  if (value === '' || !text.includes(value)) return false;
  if (credential.distinct) return hasWhole(text, value);
  if (name === undefined) return false;
  if (name.endsWith('://')) return text.includes(`:${value}@`);
  const setting = new RegExp(`(?:^|[\\s"'{,(-])${escapeRegExp(name)}["']?\\s*[:=]\\s*(["']?)${escapeRegExp(value)}\\1["']?\\s*[,;]?\\s*(?:#.*)?$`, 'i');
  return setting.test(text);
}

/** How many lines apart a setting's quoted name and its quoted value may sit and still be read as one pair. */
const PAIR_DISTANCE = 5;

/** Lower-case words of a name, split at anything but letters and digits and at camel case (`jdbc.password`, `JDBC_PASSWORD_DEFAULT_VALUE`). */
const wordsOf = (text: string) => text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());

/**
 * The lines that hold a weak credential's setting as a pair spread over nearby lines of one file rather than as
 * `KEY=value`, a default read through named constants: the setting's name quoted on one line (`String
 * JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";`) and, at most PAIR_DISTANCE lines away, the value quoted whole
 * after a name that has every word of the setting's (`String JDBC_PASSWORD_DEFAULT_VALUE = "password";`), so a
 * block of names over a block of defaults pairs each with its own. `lines` are in file order with their numbers;
 * only lines with a number are read.
 */
export function pairedLines(lines: readonly BaseHit[], credential: Credential): BaseHit[] {
  const { name, value } = credential;
  if (name === undefined || name.endsWith('://') || value === '') return [];
  const setting = wordsOf(name);
  const quotedAt = (text: string, word: string) => Math.max(text.indexOf(`"${word}"`), text.indexOf(`'${word}'`));
  const namesValue = (text: string) => {
    const at = quotedAt(text, value);
    if (at < 0) return false;
    const before = new Set(wordsOf(text.slice(0, at)));
    return setting.every((w) => before.has(w));
  };
  const out: BaseHit[] = [];
  lines.forEach((l, i) => {
    if (l.line === undefined || quotedAt(l.text, name) < 0) return;
    for (let j = Math.max(0, i - PAIR_DISTANCE); j <= Math.min(lines.length - 1, i + PAIR_DISTANCE); j++) {
      const other = lines[j]!;
      if (j !== i && other.path === l.path && other.line !== undefined && Math.abs(other.line - l.line) <= PAIR_DISTANCE && namesValue(other.text)) {
        out.push(l);
        return;
      }
    }
  });
  return out;
}

export interface HeldOptions {
  /**
   * Whether a credential on a line the change removes from the file at `from` (a base path) may move to `to`
   * and stay old: the move rule of lines (see lineMoveByName), by the files' roles after the change too, so a
   * value taken out of a compose file that the change makes the development one is new in production.
   */
  movable: (from: string, to: string) => Promise<boolean>;
  /** Whether a base file holding the value has the role of `to`: a published copy elsewhere of the same kind of configuration. */
  sameRole: (from: string, to: string) => Promise<boolean>;
  /** Whether a file has the production role after the change; absent, every removed line counts as before. */
  isProduction?: (path: string) => Promise<boolean>;
  /**
   * Whether the new file `to` is a copy of the base file `from` (see copied-files.ts): for findings whose
   * credentials a copy's original holding makes old (HeldCredentials.heldByOriginal). Absent, none is.
   */
  copiedFrom?: (from: string, to: string) => Promise<boolean>;
  /** Lines of base files holding any of `values` (the CLI's `git grep`, the App's folders near the change); absent where the base cannot be searched. */
  searchBase?: (values: readonly string[]) => Promise<readonly BaseHit[]>;
}

/** At most this many files holding one value are judged by role: a weak value may be on many lines. */
const MAX_HOLDERS = 12;

/**
 * Findings every credential of which the change did not introduce: each is on a line the change removes
 * (from a file it may move from, see HeldOptions.movable), or, for `committed` findings, on a line of a base
 * file of the same role (see HeldOptions.sameRole), for `quoted` ones on a line of any base file. Findings
 * without credentials are never dropped.
 */
export async function findingsHeldBefore(change: ChangeSet, findings: ReadonlyMap<Finding, HeldCredentials>, options: HeldOptions): Promise<Set<Finding>> {
  const held = new Set<Finding>();
  if (findings.size === 0) return held;
  // Lines the change removes, by the base path they were removed from: only those that hold a value or the name of
  // a weak credential's setting (see pairedLines), so the cap counts lines that matter, not a large change's lock files.
  const needles = [...new Set([...findings.values()].flatMap((w) => w.credentials.flatMap((c) => [c.value, ...(!c.distinct && c.name && !c.name.endsWith('://') ? [c.name] : [])])))].filter((n) => n !== '');
  const removed: BaseHit[] = [];
  for (const f of change.files) {
    const path = f.previousPath ?? f.path;
    const sections = nonProductionSectionLines(path, f.removed);
    for (const l of f.removed) {
      if (removed.length >= MAX_REMOVED_LINES) break;
      if (!needles.some((n) => l.text.includes(n))) continue;
      removed.push({ path, text: l.text, line: l.line, ...(sections.has(l.line) ? { nonProduction: true } : {}) });
    }
  }
  const holdsFor = async (lines: readonly BaseHit[], to: string, credential: Credential, allowed: (from: string, to: string) => Promise<boolean>) => {
    const holding = lines.filter((l) => l.text.includes(credential.value) && lineHolds(l.text, credential));
    // A weak value set under its setting's name through constants on nearby lines (see pairedLines): held the same way.
    if (holding.length === 0 && !credential.distinct) holding.push(...pairedLines(lines, credential));
    // A value only a development or test section had is new in production configuration, as one moved
    // out of a development file is (see HeldOptions.movable).
    const fromSection = holding.filter((l) => l.nonProduction);
    const usable = fromSection.length > 0 && options.isProduction && (await options.isProduction(to)) ? holding.filter((l) => !l.nonProduction) : holding;
    const paths = [...new Set(usable.map((l) => l.path))].slice(0, MAX_HOLDERS);
    for (const from of paths) if (await allowed(from, to)) return true;
    return false;
  };
  const open = new Map<Finding, HeldCredentials>();
  for (const [finding, what] of findings) {
    if (what.credentials.length === 0) continue;
    const left: Credential[] = [];
    for (const c of what.credentials) if (!(await holdsFor(removed, finding.path, c, options.movable))) left.push(c);
    if (left.length === 0) held.add(finding);
    else if (what.heldBy !== 'moved' || (what.heldByOriginal && options.copiedFrom)) open.set(finding, { ...what, credentials: left });
  }
  if (open.size === 0 || !options.searchBase) return held;
  const values = [...new Set([...open.values()].flatMap((w) => w.credentials.map((c) => c.value)))].slice(0, MAX_SEARCHED_VALUES);
  const hits = await options.searchBase(values);
  if (hits.length === 0) return held;
  for (const [finding, what] of open) {
    let all = true;
    const isProduction = options.isProduction;
    const byRole =
      what.heldBy === 'quoted'
        ? () => Promise.resolve(true)
        : what.heldBy === 'committed'
          ? options.sameRole
          : what.heldBy === 'aside' && isProduction
            ? async (from: string) => !(await isProduction(from))
            : () => Promise.resolve(false);
    // A new file copied from a base file that holds the value (under any key) adds nothing its original had not published.
    const copiedFrom = what.heldByOriginal ? options.copiedFrom : undefined;
    const allowed = copiedFrom ? async (from: string, to: string) => (await byRole(from, to)) || copiedFrom(from, to) : byRole;
    for (const c of what.credentials) if (!(all = await holdsFor(hits, finding.path, c, allowed))) break;
    if (all) held.add(finding);
  }
  return held;
}
