// Python requirement parsing: pip requirements files line by line, PEP 508 requirement strings, `pip install` arguments.

/** One version clause of a specifier set, e.g. `>=` `2.0`. */
export interface VersionClause {
  op: string;
  version: string;
}

/** A parsed requirement: a named distribution with specifiers, or a direct reference (URL or local path). */
export interface Requirement {
  /** Project name as written (empty when a bare URL carries no `#egg=`). */
  name: string;
  extras: string[];
  clauses: VersionClause[];
  /** Direct reference: `name @ url`, a bare URL or a VCS URL. */
  url?: string;
  /** A local directory or archive (`.`, `./pkg`, `dist/app.whl`, `file:` URLs). */
  local?: boolean;
  /** Environment marker after `;`, as written. */
  marker?: string;
}

export type RequirementsEntry =
  | { kind: 'requirement'; line: number; endLine: number; text: string; requirement: Requirement; hashes: boolean }
  /** `-e <target>`: an editable install (local directory or VCS URL). */
  | { kind: 'editable'; line: number; endLine: number; text: string; requirement: Requirement }
  /** `-r file`, `-c file`: another requirements or constraints file. */
  | { kind: 'include'; line: number; endLine: number; text: string; option: string; target: string }
  /** Any other option line (`--index-url`, `--find-links`, `--hash` on its own, …). */
  | { kind: 'option'; line: number; endLine: number; text: string; option: string }
  /** A line that is not a valid requirement. */
  | { kind: 'invalid'; line: number; endLine: number; text: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const CLAUSE = /^\s*(===|==|!=|~=|>=|<=|>|<)\s*([^\s,;()]*)\s*/;
const URL_SCHEME = /^(?:(?:git|hg|svn|bzr)\+[a-z]+:|(?:https?|ftp|file):)/i;
const LOCAL_ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i;

/** PEP 503 normalised project name: lower case, runs of `-_.` become `-`. */
export function normaliseProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** True for a target that is a local path rather than a project name or URL. */
export function isLocalTarget(text: string): boolean {
  if (/^file:/i.test(text)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false;
  return text === '.' || text === '..' || /^(?:\.{1,2}[\\/]|~|[A-Za-z]:[\\/])/.test(text) || /[\\/]/.test(text) || LOCAL_ARCHIVE.test(text);
}

/** Splits `name[extras]` off the start of a requirement; returns the rest. */
function readNameAndExtras(text: string): { name: string; extras: string[]; rest: string } | null {
  const m = NAME.exec(text);
  if (!m) return null;
  let rest = text.slice(m[0].length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return null;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  return { name: m[0], extras, rest };
}

/** The `#egg=name` of a bare URL requirement, if any. */
function eggName(url: string): string {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  return m ? m[1]! : '';
}

/**
 * Parses one PEP 508 requirement string (`requests[socks]>=2,<3 ; python_version<"3.12"`,
 * `pkg @ git+https://…@v1`), a bare URL, or a local path. Returns null when it is none of these.
 */
export function parseRequirement(input: string): Requirement | null {
  const text = input.trim();
  if (!text) return null;
  let body = text;
  let marker: string | undefined;
  // A marker follows `;`; after a URL the `;` must be preceded by whitespace to count (PEP 508).
  let semicolon = text.indexOf(';');
  if (text.includes('://')) {
    const spaced = /\s;/.exec(text);
    semicolon = spaced ? spaced.index + 1 : -1;
  }
  if (semicolon > 0) {
    marker = text.slice(semicolon + 1).trim();
    body = text.slice(0, semicolon).trim();
  }
  const withMarker = (r: Requirement): Requirement => (marker ? { ...r, marker } : r);
  if (URL_SCHEME.test(body)) {
    const local = /^file:/i.test(body);
    return withMarker({ name: eggName(body), extras: [], clauses: [], url: body, ...(local ? { local: true } : {}) });
  }
  if (isLocalTarget(body) && !/^[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?\s*@/.test(body)) {
    return withMarker({ name: '', extras: [], clauses: [], local: true });
  }
  const head = readNameAndExtras(body);
  if (!head) return null;
  let rest = head.rest;
  if (rest.startsWith('@')) {
    const url = rest.slice(1).trim();
    if (!url) return null;
    const local = /^file:/i.test(url) || isLocalTarget(url);
    return withMarker({ name: head.name, extras: head.extras, clauses: [], url, ...(local ? { local: true } : {}) });
  }
  const parenthesised = rest.startsWith('(') && rest.endsWith(')');
  if (parenthesised) rest = rest.slice(1, -1);
  const clauses: VersionClause[] = [];
  while (rest.trim()) {
    const m = CLAUSE.exec(rest);
    if (!m || !m[2]) return null;
    clauses.push({ op: m[1]!, version: m[2] });
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest.trim()) return null;
  }
  return withMarker({ name: head.name, extras: head.extras, clauses });
}

/**
 * A version PEP 440 accepts (`1.2`, `v1.2.3rc1`, `1!2.0.post1.dev2+local.7`), in any of its spellings;
 * not `latest`, not a wildcard `1.*`.
 */
const PEP440_VERSION = /^v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

export function isPep440Version(text: string): boolean {
  return PEP440_VERSION.test(text.trim());
}

/**
 * True for a clause PEP 440 allows: `===` with any word; `==`/`!=` with a version (a local one too) or a
 * release prefix `1.2.*`; `~=` with a version of at least two release parts; ordered comparisons with a
 * version that has no local part and no wildcard.
 */
export function isValidClause({ op, version }: VersionClause): boolean {
  const text = version.trim();
  if (op === '===') return text !== '';
  if (text.endsWith('.*')) return (op === '==' || op === '!=') && /^v?(?:\d+!)?\d+(?:\.\d+)*$/i.test(text.slice(0, -2));
  if (!isPep440Version(text)) return false;
  if (op === '==' || op === '!=') return true;
  if (text.includes('+')) return false;
  return op !== '~=' || /^v?(?:\d+!)?\d+\.\d+/i.test(text);
}

/**
 * True when the clauses allow exactly one release: `==1.2.3` or `===1.2.3` with a real version, every
 * other clause valid. `==1.*` allows a series; `==latest` or `===1.*` name no version a package index can
 * hold (pip refuses the first, the second matches nothing); a set with an invalid clause installs nothing.
 */
export function isExactPin(clauses: readonly VersionClause[]): boolean {
  return clauses.every(isValidClause) && clauses.some((c) => (c.op === '===' || c.op === '==') && isPep440Version(c.version));
}

/** Strips a pip comment: `#` at the start or after whitespace (a URL fragment `…#egg=` stays). */
function stripComment(line: string): string {
  const m = /(?:^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** True when `-x` or `--xy` starts at `i`. */
function isOptionStart(text: string, i: number): boolean {
  return isLetter(text[i + 1]) || (text[i + 1] === '-' && isLetter(text[i + 2]));
}

/** Splits a requirement line into the requirement and its trailing per-requirement options (`--hash=…`). */
function splitOptions(text: string): { requirement: string; options: string } {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ((c === ' ' || c === '\t') && text[i + 1] === '-' && isOptionStart(text, i + 1)) {
      return { requirement: text.slice(0, i).trim(), options: text.slice(i + 1).trim() };
    }
  }
  return { requirement: text.trim(), options: '' };
}

const INCLUDE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint']);
const EDITABLE_OPTIONS = new Set(['-e', '--editable']);

/** Splits `-r file`, `--requirement=file`, `-rfile` into option and value. */
function readOption(text: string): { option: string; value: string } {
  const long = /^(--[A-Za-z][\w-]*)(?:=|\s+|$)(.*)$/.exec(text);
  if (long) return { option: long[1]!, value: long[2]!.trim() };
  const short = /^(-[A-Za-z])\s*(.*)$/.exec(text);
  if (short) return { option: short[1]!, value: short[2]!.trim() };
  return { option: text, value: '' };
}

/**
 * Parses a pip requirements (or constraints) file into logical lines: continuations (`\` at the end)
 * joined, comments stripped, each entry with the head line range it spans.
 */
export function parseRequirementsFile(text: string): RequirementsEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: RequirementsEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = '';
    for (;;) {
      const raw = lines[i]!;
      // A comment ends the logical line even after a continuation (pip strips comments first).
      const uncommented = stripComment(raw);
      const continued = uncommented.length === raw.length && /\\\s*$/.test(raw);
      logical += continued ? raw.replace(/\\\s*$/, ' ') : uncommented;
      if (!continued || i + 1 >= lines.length) break;
      i++;
    }
    const body = logical.trim();
    if (!body) continue;
    const line = start + 1;
    const endLine = i + 1;
    if (body.startsWith('-')) {
      const { option, value } = readOption(body);
      if (INCLUDE_OPTIONS.has(option)) entries.push({ kind: 'include', line, endLine, text: body, option, target: value });
      else if (EDITABLE_OPTIONS.has(option)) {
        const requirement = parseRequirement(value);
        if (requirement) entries.push({ kind: 'editable', line, endLine, text: body, requirement });
        else entries.push({ kind: 'invalid', line, endLine, text: body });
      } else entries.push({ kind: 'option', line, endLine, text: body, option });
      continue;
    }
    const { requirement: spec, options } = splitOptions(body);
    const requirement = parseRequirement(spec);
    if (requirement) entries.push({ kind: 'requirement', line, endLine, text: body, requirement, hashes: /(?:^|\s)--hash[=\s]/.test(` ${options}`) });
    else entries.push({ kind: 'invalid', line, endLine, text: body });
  }
  return entries;
}

/** Where a VCS requirement points: the revision after the last `@` of the URL's path, if any. */
export function vcsRevision(url: string): { vcs: string; revision?: string } | null {
  const m = /^(git|hg|svn|bzr)\+/i.exec(url);
  if (!m) return null;
  const rest = url.slice(m[0].length).replace(/#.*$/, '');
  let path: string;
  const scheme = rest.indexOf('://');
  if (scheme !== -1) {
    const afterScheme = rest.slice(scheme + 3);
    const slash = afterScheme.indexOf('/');
    path = slash === -1 ? '' : afterScheme.slice(slash);
  } else {
    // scp-like `git@host:owner/repo.git@ref`
    const colon = rest.indexOf(':');
    path = colon === -1 ? rest : rest.slice(colon + 1);
  }
  const at = path.lastIndexOf('@');
  const revision = at === -1 ? undefined : path.slice(at + 1).trim();
  return revision ? { vcs: m[1]!.toLowerCase(), revision } : { vcs: m[1]!.toLowerCase() };
}

/** True for a full commit id (SHA-1 or SHA-256 object name). */
export function isFullCommit(ref: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);
}

/**
 * True for a commit id that pins a git dependency: a full object name, or one abbreviated to 7 characters or
 * more (`#9578e59`, as `git log --oneline` prints it), which names one commit and, unlike a branch or tag,
 * cannot be moved (git refuses an abbreviation that has become ambiguous). A ref of digits only (`20240101`)
 * reads as a date or number tag and is not taken for one.
 */
export function isCommitId(ref: string): boolean {
  return isFullCommit(ref) || (/^[0-9a-f]{7,40}$/i.test(ref) && /[a-f]/i.test(ref));
}

/** True when an archive URL carries a hash fragment pip verifies (`#sha256=…`). */
export function urlHasHash(url: string): boolean {
  return /[#&](?:sha1|sha224|sha256|sha384|sha512|md5)=[0-9a-f]+/i.test(url);
}

/** Options of `pip install` that take a value (the value is not a requirement). */
const PIP_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
  '--implementation', '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '-C', '--config-settings',
  '--global-option', '--no-binary', '--only-binary', '--progress-bar', '--root-user-action', '--report', '-i',
  '--index-url', '--extra-index-url', '-f', '--find-links', '--log', '--log-file', '--proxy', '--retries', '--timeout',
  '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--keyring-provider', '--python',
  '--use-feature', '--use-deprecated', '--install-option', '--build', '-b', '--group', '--resume-retries',
]);

/**
 * A word of short options, `-Ur` or `-qrreq.txt`: flags are read left to right until one that takes a
 * value, which gets the rest of the word (undefined when the value is the next word).
 */
function shortOptionCluster(word: string): { upgrade: boolean; option?: string; value?: string } {
  let upgrade = false;
  for (let k = 1; k < word.length; k++) {
    const option = `-${word[k]}`;
    if (option === '-U') upgrade = true;
    if (PIP_VALUE_OPTIONS.has(option)) {
      const rest = word.slice(k + 1);
      return rest === '' ? { upgrade, option } : { upgrade, option, value: rest };
    }
  }
  return { upgrade };
}

/** Options of `uv tool install` and `pipx install` whose value is not a package (`--with` is one: it stays a target). */
const TOOL_VALUE_OPTIONS = new Set(['--python', '-p', '--pip-args', '--suffix', '--from', '--with-requirements', '--with-editable', '--constraints', '--overrides', '--index', '--default-index']);

/** What one `pip install` command installs, as written. */
export interface PipInstall {
  /** Positional requirement arguments (quotes removed), in order. */
  targets: string[];
  /** `-r` / `-c` / `-e` values given. */
  requirementFiles: string[];
  constraintFiles: string[];
  editables: string[];
  upgrade: boolean;
}

/**
 * Recognises `pip install …`, `pip3 install`, `python -m pip install`, `uv pip install`, and the tool installers
 * `uv tool install` and `pipx install`, in one
 * shell command's words and returns its arguments; null when the command is something else.
 */
export function pipInstallCommand(words: readonly string[]): PipInstall | null {
  let i = 0;
  let tool = false;
  // Environment assignments and wrappers before the program.
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || words[i] === 'sudo' || words[i] === 'env' || words[i] === 'exec')) i++;
  const program = (words[i] ?? '').replace(/^.*\//, '');
  if (/^pip(?:\d+(?:\.\d+)?)?$/.test(program)) i++;
  else if (/^python(?:\d+(?:\.\d+)?)?$/.test(program) && words[i + 1] === '-m' && /^pip(?:\d+(?:\.\d+)?)?$/.test(words[i + 2] ?? '')) i += 3;
  else if (program === 'uv' && words[i + 1] === 'pip') i += 2;
  // Tool installers put one package (and what `--with` adds) in an environment of its own, from the same index.
  else if ((program === 'uv' && words[i + 1] === 'tool') || program === 'pipx') {
    i += program === 'uv' ? 2 : 1;
    tool = true;
  } else return null;
  // Global options may come before the sub-command.
  while (i < words.length && words[i] !== 'install') {
    const w = words[i]!;
    if (!w.startsWith('-')) return null;
    i += PIP_VALUE_OPTIONS.has(w) ? 2 : 1;
  }
  if (words[i] !== 'install') return null;
  i++;
  const out: PipInstall = { targets: [], requirementFiles: [], constraintFiles: [], editables: [], upgrade: false };
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      out.targets.push(...words.slice(i + 1));
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      out.targets.push(w);
      continue;
    }
    if (w === '-U' || w === '--upgrade') out.upgrade = true;
    const eq = w.indexOf('=');
    let option = eq === -1 ? w : w.slice(0, eq);
    let value: string | undefined = eq === -1 ? undefined : w.slice(eq + 1);
    if (tool && TOOL_VALUE_OPTIONS.has(option)) {
      if (value === undefined) i++;
      continue;
    }
    // Short options cluster (`-Uq`) and the last may take the value, attached or in the next word:
    // `-Ur requirements.txt`, `-qrrequirements.txt`, `-rrequirements.txt`.
    if (/^-[a-zA-Z]/.test(w)) {
      const cluster = shortOptionCluster(w);
      if (cluster.upgrade) out.upgrade = true;
      if (cluster.option === undefined) continue;
      option = cluster.option;
      value = cluster.value;
    }
    if (!PIP_VALUE_OPTIONS.has(option)) continue;
    if (value === undefined) value = words[++i] ?? '';
    if (option === '-r' || option === '--requirement') out.requirementFiles.push(value);
    else if (option === '-c' || option === '--constraint') out.constraintFiles.push(value);
    else if (option === '-e' || option === '--editable') out.editables.push(value);
  }
  return out;
}

/** The text from `open` (a `[`, `(` or `{` at `text[open]`) to its matching bracket, strings skipped; to the end when unclosed. */
function bracketed(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) break;
      i = end;
    } else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      if (--depth === 0) return text.slice(open, i + 1);
    }
  }
  return text.slice(open);
}

const stringLiterals = (code: string): string[] => [...code.matchAll(/(["'])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((m) => m[2]!);

/**
 * The requirement strings a `setup.py` declares in `install_requires=[…]` and in the lists of
 * `extras_require={…}` (a literal list only: a variable read from a file is not followed), or a
 * `setup.cfg` in `install_requires =` of `[options]` and the entries of `[options.extras_require]`.
 */
export function setupRequirements(path: string, text: string): string[] {
  const out: string[] = [];
  if (/(?:^|\/)setup\.cfg$/.test(path)) {
    let section = '';
    let inRequires = false;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/\s+#.*$/, '');
      const header = /^\[([^\]]+)\]\s*$/.exec(line);
      if (header) {
        section = header[1]!.trim();
        inRequires = false;
        continue;
      }
      const key = /^([\w.-]+)\s*=\s*(.*)$/.exec(line);
      if (key) {
        inRequires = (section === 'options' && key[1] === 'install_requires') || section === 'options.extras_require';
        if (inRequires) out.push(...key[2]!.split(';').map((s) => s.trim()).filter(Boolean));
      } else if (inRequires && /^\s+\S/.test(line)) out.push(line.trim());
      else if (line.trim() !== '') inRequires = false;
    }
    return out.filter((r) => !r.startsWith('#'));
  }
  for (const m of text.matchAll(/\b(install_requires|extras_require)\s*=\s*([[({])/g)) {
    const region = bracketed(text, m.index + m[0].length - 1);
    if (m[1] === 'install_requires') out.push(...stringLiterals(region));
    else for (const list of region.matchAll(/\[[^\]]*\]/g)) out.push(...stringLiterals(list[0]));
  }
  return out;
}
