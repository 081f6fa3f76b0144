// The detector core: keyword pre-filter, rule regexes and finders, entropy and allowlists, one result per line.
// Other checks use `scanTextForSecrets` and `isLikelySecretValue` to agree with the secrets check.
import { splitLines } from '../changeset/content.js';
import { digest } from '../engine/fingerprint.js';
import { shannonEntropy } from './entropy.js';
import { keyBefore } from './generic.js';
import { KeywordIndex } from './keyword-index.js';
import { hasFillerRun, isDocumentedExample } from './placeholder.js';
import { fileFacts, inTestCode, type Candidate, type FileFacts, type FileRole, type LineContext, type SecretRule } from './rule.js';
import { RULES } from './rules/index.js';

export interface SecretMatch {
  ruleId: string;
  /** What the secret is (`GitHub personal access token`, `password assigned to \`DB_PASSWORD\``); never the value. */
  kind: string;
  /** 1-based line where the secret starts. */
  line: number;
  /** 0-based columns of the secret in that line. */
  column: number;
  endColumn: number;
  /** One-way digest of the secret, for fingerprints. */
  digest: string;
  /** The public prefix of the token, when the rule has one (`ghp_`). */
  prefix?: string;
  /** The variable or key the secret is assigned to, when known. */
  name?: string;
  /** Where the owner revokes or rotates it, when the rule says. */
  revoke?: string;
  /** Other secrets on the same line, not reported separately. */
  others: number;
}

export interface ScanOptions {
  /** 1-based line numbers to report; other lines are only read as context (a curl command, a PEM body). Default: all. */
  lines?: Iterable<number>;
  /** Rules to run; default: the whole table. */
  rules?: readonly SecretRule[];
  /** Secrets matching any of these are not reported (a team's own known test values, say). */
  allow?: readonly RegExp[];
  /** What the file is for, from the review context; default: judged from the path. */
  role?: FileRole;
}

/** `# pragma: allowlist secret` (detect-secrets) and `gitleaks:allow` on the line itself. */
const ALLOW_THIS_LINE = /pragma:\s*allowlist[ -]secret|gitleaks:allow/i;
const ALLOW_NEXT_LINE = /pragma:\s*allowlist[ -]nextline[ -]secret/i;

interface CompiledRules {
  rules: readonly SecretRule[];
  index: KeywordIndex;
  /** Rules without keywords that run on lines with a long token run, and the shortest run any of them needs. */
  runRules: readonly number[];
  minRun: number;
  /** Rules without keywords or run requirement: every reported line of the files they apply to. */
  everyLine: readonly number[];
  /** Every rule's published examples. */
  examples: ReadonlySet<string>;
  /** Which rules a file's kind leaves on, before their own appliesTo (see enabledRules), by kind. */
  enabledByKind: Map<number, readonly boolean[]>;
  /** Rules with an appliesTo of their own. */
  ownTests: readonly number[];
}

const compiled = new WeakMap<readonly SecretRule[], CompiledRules>();

function compile(rules: readonly SecretRule[]): CompiledRules {
  let c = compiled.get(rules);
  if (!c) {
    const unkeyed = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));
    const runRules = unkeyed.filter((i) => rules[i]!.minTokenRun !== undefined);
    c = {
      rules,
      index: new KeywordIndex(rules.map((r) => r.keywords)),
      runRules,
      minRun: Math.min(Infinity, ...runRules.map((i) => rules[i]!.minTokenRun!)),
      everyLine: unkeyed.filter((i) => rules[i]!.minTokenRun === undefined),
      examples: new Set(RULES.flatMap((r) => r.allowlist?.examples ?? [])),
      enabledByKind: new Map(),
      ownTests: rules.flatMap((r, i) => (r.appliesTo ? [i] : [])),
    };
    compiled.set(rules, c);
  }
  return c;
}

/**
 * `sk_test_testkey123`, `ghp_yourtokenhere`: a provider prefix on a short, lower-case run of stand-in
 * words. Real tokens are longer and random, with upper case or many digits.
 */
function isWordyStandIn(secret: string): boolean {
  return secret.length <= 28 && /^[a-z0-9_.-]+$/.test(secret) && /test|fake|dummy|sample|example|your|here|demo|mock|placeholder|change|replace|secret|token|key/.test(secret.replace(/^[a-z]{1,4}[_-](?:test[_-]|live[_-])?/, ''));
}

function passesRule(rule: SecretRule, secret: string, line: LineContext): boolean {
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (isDocumentedExample(secret) || compile(RULES).examples.has(secret)) return false;
  if (rule.regex && (hasFillerRun(secret) || isWordyStandIn(secret))) return false;
  const { regexes = [], stopwords = [] } = rule.allowlist ?? {};
  if (regexes.some((re) => re.test(secret))) return false;
  if (stopwords.length > 0 && stopwords.some((w) => secret.toLowerCase().includes(w))) return false;
  return !rule.accept || rule.accept(secret, line);
}

/**
 * A value cut short with an ellipsis right after it (`LS0tLS1CRUdJTiBFTkNSWVBURUQ…`, `sk_live_51H8…`): how docs,
 * help texts and sample configurations show the first characters of a credential they do not give. What is left
 * is not the credential, and a live one is never written so.
 */
const cutShort = (line: LineContext, end: number) => /^(?:\.{3}|\u2026)/.test(line.text.slice(end));

/** Candidates of one rule on one line, after its entropy floor, allowlist and structural checks. */
export function runRule(rule: SecretRule, line: LineContext): Candidate[] {
  if (rule.find) return rule.find(line).filter((c) => !cutShort(line, c.end) && passesRule(rule, c.secret, line));
  const regex = rule.regex;
  if (!regex) return [];
  const found: Candidate[] = [];
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(line.text))) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    let secret = m[0];
    for (let g = 1; g < m.length; g++)
      if (m[g] !== undefined) {
        secret = m[g]!;
        break;
      }
    const start = m.index + m[0].lastIndexOf(secret);
    if (cutShort(line, start + secret.length) || !passesRule(rule, secret, line)) continue;
    found.push({ start, end: start + secret.length, secret });
  }
  return found;
}

/**
 * Roles whose secret-shaped values are test data: only provider formats (live wherever they are) are
 * reported there. CI files count: their passwords and cookie secrets are for throw-away databases and
 * services the job starts; a live token in a workflow is a provider format and still reported.
 */
export const TEST_DATA_ROLES: ReadonlySet<FileRole> = new Set(['test', 'example', 'ci']);

/** Whether a file's kind and role let `rule` run there (its own appliesTo aside). */
function kindAllows(rule: SecretRule, tokensOnly: boolean, lockFile: boolean, testData: boolean): boolean {
  if (rule.generic && tokensOnly && !(rule.inLockFiles && lockFile)) return false;
  return !((rule.generic || rule.skipInTests) && testData);
}

/**
 * Which rules run on `file`: what its kind and role allow is worked out once per combination (three facts,
 * so at most eight tables), and only the few rules with an appliesTo of their own are asked per file.
 */
function enabledRules(c: CompiledRules, file: FileFacts): boolean[] {
  const testData = TEST_DATA_ROLES.has(file.role);
  const kind = (file.tokensOnly ? 1 : 0) | (file.lockFile ? 2 : 0) | (testData ? 4 : 0);
  let base = c.enabledByKind.get(kind);
  if (!base) c.enabledByKind.set(kind, (base = c.rules.map((r) => kindAllows(r, file.tokensOnly, file.lockFile, testData))));
  const enabled = base.slice();
  for (const i of c.ownTests) if (enabled[i]) enabled[i] = c.rules[i]!.appliesTo!(file);
  return enabled;
}

/** Lines worth running rules on, each with the rules (table indexes, in table order) that may match it. */
function linesToVisit(file: FileFacts, text: string, report: ReadonlySet<number> | null, c: CompiledRules, enabled: readonly boolean[]): Map<number, number[]> {
  const visit = new Map<number, number[]>();
  const add = (line: number, rule: number) => {
    if (!enabled[rule] || (report && !report.has(line))) return;
    const rules = visit.get(line);
    if (rules) rules.push(rule);
    else visit.set(line, [rule]);
  };
  // A few added lines in a large file: scan just those lines rather than the whole text.
  const sparse = report !== null && report.size * 8 < file.lines.length;
  const scans = sparse ? [...report].filter((i) => i < file.lines.length).map((i) => c.index.scan(file.lines[i]!, c.minRun, i)) : [c.index.scan(text, c.minRun)];
  const continued = (line: number, rule: number) => {
    const continues = c.rules[rule]!.continues;
    return continues !== undefined && line + 1 < file.lines.length && continues({ file, index: line, text: file.lines[line]! });
  };
  for (const { hits, longRuns } of scans) {
    for (let k = 0; k < hits.length; k += 2) {
      add(hits[k]!, hits[k + 1]!);
      if (continued(hits[k]!, hits[k + 1]!)) add(hits[k]! + 1, hits[k + 1]!);
    }
    for (const rule of c.runRules) for (const line of longRuns) add(line, rule);
  }
  for (const rule of c.everyLine) if (enabled[rule]) for (let line = 0; line < file.lines.length; line++) add(line, rule);
  for (const [line, rules] of visit) if (rules.length > 1) visit.set(line, [...new Set(rules)].sort((a, b) => a - b));
  return visit;
}

/**
 * Generic rules a commented-out setting of documentation may trip: a secret-named assignment and a random
 * value. URLs with passwords, connection strings and command lines are left to their own rules.
 */
const DOCUMENTED_SETTING_RULES: ReadonlySet<string> = new Set(['generic-secret-assignment', 'high-entropy-string']);
/** Words of a file name (split on `.`, `-`, `_`) that say it is an example, template or default configuration users copy. */
const DOCUMENTED_CONFIG_WORD = /^(?:example|examples|sample|samples|template|templates|tmpl|tpl|default|defaults|dist)$/;
/** A commented-out `key = value` or `key: value` line (`# jwt_secret = "…"`, `; password = …`, `// "token": …`). */
const COMMENTED_SETTING = /^\s*(?:#+|;+|\/\/+)\s*["']?[\w.-]+["']?\s*[:=]/;
/** Source files whose language does not comment with `#`: a `# key = value` line there sits in configuration text the code embeds (a default config string). */
const HASHLESS_SOURCE = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'rs', 'swift', 'dart', 'zig']);

/**
 * Whether a line is a commented-out setting in documentation of a configuration: a comment of an example,
 * template or default configuration file (`config.example.toml`, `settings.default.yml`), or a `#` comment
 * of the configuration text a source file embeds (`const DEFAULTS: &str = r#"… # jwt_secret = "…" …"#`).
 * Such a line shows the form of an entry and sets nothing.
 */
function documentedSetting(line: LineContext): boolean {
  if (!COMMENTED_SETTING.test(line.text)) return false;
  const file = line.file;
  if (file.name.split(/[.\-_]/).some((w) => DOCUMENTED_CONFIG_WORD.test(w)) || saysItDocumentsConfig(file)) return true;
  // `# key = …` with a space: `#name = …` is a private class field in JavaScript and TypeScript.
  return file.flavour === 'code' && HASHLESS_SOURCE.has(file.ext) && /^\s*#+\s/.test(line.text);
}

/**
 * The opening comment of a configuration file that says it is the default or reference configuration, or that it
 * documents the settings (komodo's `periphery.config.toml`: `This is the offical "Default" config file … It serves
 * as documentation for the meaning of the fields.`), as the name word `default` or `example` would.
 */
const DOCUMENTING_HEADER = /\b(?:default|reference|example|sample)["']?\s+config(?:uration)?\s+file\b|\bserves as (?:the )?documentation\b|\bdocuments (?:all|every|each) (?:of the )?(?:options|settings|fields)\b/i;
const headerVerdicts = new WeakMap<FileFacts, boolean>();

function saysItDocumentsConfig(file: FileFacts): boolean {
  let verdict = headerVerdicts.get(file);
  if (verdict === undefined) {
    const header: string[] = [];
    for (const line of file.lines.slice(0, 40)) {
      if (/^\s*$/.test(line)) continue;
      if (!/^\s*(?:#|;|\/\/)/.test(line)) break;
      header.push(line);
    }
    verdict = file.flavour !== 'code' && DOCUMENTING_HEADER.test(header.join(' ').replace(/[#;/]+/g, ' ').replace(/\s+/g, ' '));
    headerVerdicts.set(file, verdict);
  }
  return verdict;
}

/** Scans a file; `report` limits which lines may yield matches (0-based indexes). */
function scanFile(file: FileFacts, text: string, report: ReadonlySet<number> | null, rules: readonly SecretRule[], allow: readonly RegExp[] = []): SecretMatch[] {
  const c = compile(rules);
  const enabled = enabledRules(c, file);
  const visit = linesToVisit(file, text, report, c, enabled);
  const matches: SecretMatch[] = [];
  const lines = file.lines;
  for (const i of [...visit.keys()].sort((a, b) => a - b)) {
    const lineText = lines[i]!;
    if (lineText.length < 8) continue;
    const line: LineContext = { file, index: i, text: lineText };
    let best: { rule: SecretRule; candidate: Candidate } | null = null;
    const all: Candidate[] = [];
    const onLine = visit.get(i)!;
    const claimed = onLine.some((r) => rules[r]!.claims?.(line) === true);
    // Test code inside a production file (a Rust `#[cfg(test)]` module) is test data like a test file's.
    const testRegion = !TEST_DATA_ROLES.has(file.role) && inTestCode(line);
    for (const r of onLine) {
      const rule = rules[r]!;
      if (claimed && rule.generic) continue;
      if (testRegion && (rule.generic || rule.skipInTests)) continue;
      if (DOCUMENTED_SETTING_RULES.has(rule.id) && documentedSetting(line)) continue;
      const found = allow.length ? runRule(rule, line).filter((f) => !allow.some((a) => a.test(f.secret))) : runRule(rule, line);
      if (found.length === 0) continue;
      all.push(...found);
      // Provider rules come first in the table; a generic rule only wins a line no provider rule matched.
      if (!best || (best.rule.generic && !rule.generic)) best = { rule, candidate: found[0]! };
    }
    // Allowlist comments are looked for only on lines that hold a secret: most lines never pay for the regex.
    if (!best || ALLOW_THIS_LINE.test(lineText) || (i > 0 && ALLOW_NEXT_LINE.test(lines[i - 1]!))) continue;
    const { rule, candidate } = best;
    const others = new Set(all.filter((o) => o.end <= candidate.start || o.start >= candidate.end).map((o) => o.secret)).size;
    const match: SecretMatch = {
      ruleId: rule.id,
      kind: candidate.kind ?? rule.kind,
      line: i + 1,
      column: candidate.start,
      endColumn: candidate.end,
      digest: digest(candidate.secret),
      others,
    };
    if (rule.prefix && candidate.secret.startsWith(rule.prefix)) match.prefix = rule.prefix;
    const name = candidate.name ?? keyBefore(lineText, candidate.start);
    if (name) match.name = name;
    if (rule.revoke) match.revoke = rule.revoke;
    matches.push(match);
  }
  return matches;
}

/**
 * Finds secrets in a file's text: at most one match per line (the most specific rule wins).
 * `path` decides the syntax (code, YAML, .env, shell…); `options.lines` limits the lines reported.
 */
export function scanTextForSecrets(text: string, path: string, options: ScanOptions = {}): SecretMatch[] {
  const file = fileFacts(path, splitLines(text), options.role);
  const report = options.lines ? new Set([...options.lines].map((n) => n - 1)) : null;
  return scanFile(file, text, report, options.rules ?? RULES, options.allow);
}

/**
 * Whether a literal would be reported as a secret when assigned to `name` (default `secret`): a token
 * of a known provider, or a value random enough for its name. False for placeholders, references,
 * weak or default values (`changeme`, `${VAR}`, `admin123`) — the literals insecure-default-secret reports.
 */
export function isLikelySecretValue(value: string, name = 'secret'): boolean {
  const identifier = /^[A-Za-z_][\w.-]*$/.test(name) ? name : 'secret';
  return scanTextForSecrets(`${identifier} = ${JSON.stringify(value)}\n`, 'value.py').length > 0;
}
