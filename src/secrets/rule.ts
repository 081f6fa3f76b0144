// The shape of a secret rule and of what rules see: a line, its neighbours, and facts about its file.
import { posix } from 'node:path';
import { roleFromName } from '../engine/file-role.js';
import type { FileRole } from '../model/file-role.js';
import { isDockerfile, isEnvFile, isYaml } from '../parse/file-kinds.js';

/** A sample for a rule's self-test; a bare string is scanned as `config.txt`. */
export type Sample = string | { readonly text: string; readonly path: string };

export interface Allowlist {
  /** The secret is skipped when one of these matches it. */
  readonly regexes?: readonly RegExp[];
  /** The secret is skipped when it contains one of these (lower-case). */
  readonly stopwords?: readonly string[];
  /**
   * Exact credentials the provider publishes in documentation or SDK tests. An example is an example
   * whichever rule meets it, so every rule skips every rule's examples.
   */
  readonly examples?: readonly string[];
}

/** A secret found in one line: where it is, and the secret text itself (never shown to users). */
export interface Candidate {
  /** 0-based column where the secret starts. */
  start: number;
  end: number;
  secret: string;
  /** Overrides the rule's kind for this finding (`password assigned to DB_PASSWORD`). */
  kind?: string;
  /** The variable or key the secret is assigned to, when there is one (for the suggestion). */
  name?: string;
}

export interface SecretRule {
  readonly id: string;
  /** What the secret is, for messages: `GitHub personal access token`. */
  readonly kind: string;
  readonly description: string;
  /** Lower-case literal substrings; the rule runs only on lines holding one. Empty: every line (use `appliesTo`). */
  readonly keywords: readonly string[];
  /** For a rule without keywords: run only on lines holding this many token characters (`[A-Za-z0-9+/=_-]`) in a row. */
  readonly minTokenRun?: number;
  /** Global regex; the secret is the `secret` group, else group 1, else the whole match. */
  readonly regex?: RegExp;
  /** Finds candidates itself, for rules a single regex cannot express (assignments, multi-line blocks). */
  readonly find?: (line: LineContext) => Candidate[];
  /** For a line holding one of the keywords: whether the next line belongs to it (`- name: TOKEN` / `value: …`). */
  readonly continues?: (line: LineContext) => boolean;
  /** Minimum Shannon entropy of the secret. */
  readonly entropy?: number;
  readonly allowlist?: Allowlist;
  /** Structural checks a regex cannot make (a digit somewhere, a decodable header). */
  readonly accept?: (secret: string, line: LineContext) => boolean;
  /** Whether the rule runs on a file at all (by name or content); evaluated once per file. */
  readonly appliesTo?: (file: FileFacts) => boolean;
  /** A prefix that is public and safe to show in messages (`ghp_`). */
  readonly prefix?: string;
  /**
   * Generic rules give way to provider rules on the same line and skip lock files, translations, and
   * test, fixture and example files (a password in a test is test data; a provider token there is still live).
   */
  readonly generic?: boolean;
  /** Also skipped in test, fixture and example files, though not generic (test TLS keys, Kubernetes test manifests). */
  readonly skipInTests?: boolean;
  /** Lines this rule alone judges (Kubernetes Secret entries, once decoded): generic rules skip them. */
  readonly claims?: (line: LineContext) => boolean;
  /** Runs in lock files too (credentials in registry URLs), though generic. */
  readonly inLockFiles?: boolean;
  /** Where the owner revokes or rotates it. */
  readonly revoke?: string;
  readonly tps: readonly Sample[];
  readonly fps: readonly Sample[];
}

export type FileFlavour = 'code' | 'config' | 'env' | 'shell' | 'prose';

/** What a file is for, as the review context decides it: generic rules stay quiet outside production and development. */
export type { FileRole };

/** Facts about the scanned file that rules share, computed once. */
export interface FileFacts {
  readonly path: string;
  /** Lower-case base name. */
  readonly name: string;
  /** Lower-case extension without the dot ('' when none). */
  readonly ext: string;
  readonly lines: readonly string[];
  readonly flavour: FileFlavour;
  readonly yaml: boolean;
  /** Lock files, translations, SVG, source maps, minified bundles: only token-shaped rules run there. */
  readonly tokensOnly: boolean;
  /** Package-manager lock files (registry URLs may carry credentials). */
  readonly lockFile: boolean;
  /** What the file is for; `test` also covers fixture and snapshot data. */
  readonly role: FileRole;
  /** Saved web pages and HTML: keys served to every browser (`AIza…` Maps keys) are public there. */
  readonly html: boolean;
  /** Lazily computed per-file data that rules share (keyed by rule id). */
  readonly memo: Map<string, unknown>;
}

export interface LineContext {
  readonly file: FileFacts;
  /** 0-based index of the line in `file.lines`. */
  readonly index: number;
  readonly text: string;
}

const CODE_EXT = new Set([
  'py', 'pyw', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'rb', 'php', 'cs', 'fs', 'vb',
  'rs', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'cxx', 'm', 'mm', 'dart', 'lua', 'pl', 'pm', 'r', 'ex', 'exs', 'erl', 'clj', 'cljs', 'jl', 'tf', 'hcl',
  'tfvars', 'vue', 'svelte', 'sol', 'zig', 'nim', 'cr', 'hs', 'ml', 'elm', 'coffee', 'jenkinsfile',
]);
const SHELL_EXT = new Set(['sh', 'bash', 'zsh', 'ksh', 'fish', 'cmd', 'bat', 'ps1', 'psm1', 'mk']);
const CONFIG_EXT = new Set(['yaml', 'yml', 'json', 'json5', 'jsonc', 'toml', 'ini', 'cfg', 'conf', 'config', 'properties', 'prop', 'xml', 'plist', 'env', 'tpl', 'j2', 'jinja', 'hbs', 'gotmpl', 'http', 'rest', 'npmrc', 'pypirc', 'netrc', 'gitconfig', 'editorconfig', 'sql']);
const PROSE_EXT = new Set(['md', 'markdown', 'mdx', 'rst', 'txt', 'adoc', 'asciidoc', 'org', 'html', 'htm', 'tex', 'log', 'csv', 'tsv']);

/**
 * Files whose content is generated or translated: lock files (also any `<tool>.lock.json`, `-lock.yaml` or
 * `Package.resolved`, whose checksums and hashes are random by design: jsonnet-bundler's `jsonnetfile.lock.json`
 * `sum`, vcpkg's `vcpkg-lock.json`), translations, images as text, source maps, bundles.
 */
const TOKENS_ONLY =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|pipfile\.lock|uv\.lock|pdm\.lock|cargo\.lock|gemfile\.lock|composer\.lock|podfile\.lock|packages\.lock\.json|go\.sum|go\.mod|gradle\.lockfile|mix\.lock|pubspec\.lock|flake\.lock|\.terraform\.lock\.hcl|package\.resolved|[^/]*[.-]lock\.(?:json|ya?ml|toml))$|\.(?:lock|sum|svg|map|po|pot|mo|xlf|xliff|resx|strings|ipynb|snap)$|\.min\.(?:js|css)$|(?:^|\/)(?:locales?|i18n|l10n|translations|lang)\//i;

const LOCK_FILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|poetry\.lock|pipfile\.lock|uv\.lock|pdm\.lock|cargo\.lock|gemfile\.lock|composer\.lock|podfile\.lock|packages\.lock\.json|gradle\.lockfile|mix\.lock|pubspec\.lock|requirements[\w.-]*\.txt|[^/]*[.-]lock\.(?:json|ya?ml|toml))$/i;

/**
 * The role of a file for the secret rules: the shared file role's folder and test-name rules
 * (src/engine/file-role.ts), but not a word in the file name. `.env.example` or `compose.test.yml` is
 * copied or run with its values as they are, so a live credential there is as live as anywhere.
 */
export function roleFromPath(path: string): FileRole {
  return roleFromName(path, { words: false })?.role ?? 'production';
}

export function fileFacts(path: string, lines: readonly string[], role: FileRole = roleFromPath(path)): FileFacts {
  const name = posix.basename(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : name === 'jenkinsfile' ? 'jenkinsfile' : '';
  let flavour: FileFlavour;
  if (isEnvFile(path)) flavour = 'env';
  else if (isDockerfile(path) || name === 'makefile' || name === 'procfile' || SHELL_EXT.has(ext)) flavour = 'shell';
  else if (CODE_EXT.has(ext)) flavour = 'code';
  else if (CONFIG_EXT.has(ext) || name.startsWith('.') || name.endsWith('rc')) flavour = 'config';
  else flavour = PROSE_EXT.has(ext) || ext === '' ? 'prose' : 'config';
  return { path, name, ext, lines, flavour, yaml: isYaml(path), tokensOnly: TOKENS_ONLY.test(path), lockFile: LOCK_FILE.test(path), role, html: ext === 'html' || ext === 'htm', memo: new Map() };
}

/**
 * Lines of Rust test code inside a source file: the items under `#[cfg(test)]` (the `mod tests { … }` of a
 * module, a test-only `fn` or `impl`), from the attribute to the brace that closes the item. The compiler
 * builds them only for `cargo test`, so they are test code as much as a file under `tests/` (0-based indexes).
 */
function rustTestLines(file: FileFacts): ReadonlySet<number> {
  let lines = file.memo.get('rust-test-lines') as Set<number> | undefined;
  if (lines) return lines;
  lines = new Set();
  const text = file.lines;
  for (let i = 0; i < text.length; i++) {
    if (!/^\s*#\[cfg\(test\)\]\s*$/.test(text[i]!)) continue;
    let j = i + 1;
    while (j < text.length && (/^\s*(?:#\[.*\]|\/\/.*)?\s*$/.test(text[j]!))) j++;
    if (j >= text.length || !/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:mod|fn|impl)\b[^;]*\{/.test(text[j]!)) continue;
    let depth = 0;
    let k = j;
    for (; k < text.length; k++) {
      const code = text[k]!.replace(/\/\/.*$/, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)'/g, '""');
      for (const c of code) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      if (depth <= 0 && k >= j) break;
    }
    for (let n = i; n <= Math.min(k, text.length - 1); n++) lines.add(n);
    i = k;
  }
  file.memo.set('rust-test-lines', lines);
  return lines;
}

/** Whether a line is test code: its file's role is `test`, or it sits in a test region of a source file (Rust `#[cfg(test)]` items). */
export function inTestCode(line: LineContext): boolean {
  if (line.file.role === 'test') return true;
  return line.file.ext === 'rs' && rustTestLines(line.file).has(line.index);
}
