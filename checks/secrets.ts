// secrets: credentials the change adds in plain text (provider tokens, private keys, passwords in code and config).
import { defineCheck, linesInProse, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { splitLines } from '../src/changeset/content.js';
import { isComposeFile, isDockerfile, isDocument, isEnvFile, isGitHubWorkflow, isYaml, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { TEST_DATA_ROLES, scanTextForSecrets, type SecretMatch } from '../src/secrets/detector.js';
import { roleFromPath, type SecretRule } from '../src/secrets/rule.js';
import { KEY_FOLDER_READMES } from '../src/secrets/contextual.js';
import { RULES } from '../src/secrets/rules/index.js';
import { publicKeySpellings, rawEd25519PublicHalf } from '../src/secrets/rules/keys.js';
import { asksForRealValue, decodeBase64, isDistinctValue, isExpiredJwt, readsAsWords, spellsProjectName, typedFromMemory } from '../src/secrets/placeholder.js';
import { documentedResponseLines, recordedResponseLines } from '../src/secrets/recorded-http.js';
import { NON_PRODUCTION_CLASS, enclosingTopLevelClass, readsFromEnvironment } from '../src/secrets/config-classes.js';
import { documentBlock, namesOnlyLocalAddresses, namesOnlyLoopback } from '../src/secrets/local-samples.js';
import { compileUserRegex } from '../src/config/user-regex.js';
import { COMMENT_ONLY, commentAsks } from '../src/secrets/replace-ask.js';
import { envTemplateVariant, settingOf } from '../src/engine/env-template.js';
import { parseEnvFile } from '../src/parse/env-file.js';
import { isHighEntropyToken, namesNativeClientSecret, rawKeyBefore } from '../src/secrets/generic.js';
import { CERTIFICATE_FILE, certificatesIn, localCertificateKeyLines } from '../src/secrets/local-certificate.js';
import type { X509Certificate } from 'node:crypto';

/** A team's own token format, from `checks.secrets.options.extra_rules`. */
export interface ExtraRule {
  id: string;
  description: string;
  /** Regular expression; the secret is the group named `secret`, else group 1, else the whole match. */
  regex: string;
  /** Lower-case words one of which must be on the line before the regex runs (a cheap pre-filter). */
  keywords?: string[];
  /** Minimum Shannon entropy of the secret. */
  entropy?: number;
}

export interface SecretsOptions {
  extra_rules: ExtraRule[];
  /** Regular expressions; a secret matching one is not reported. */
  allow: string[];
}

const withExtras = new Map<string, readonly SecretRule[]>();
const providerOnly = new WeakMap<readonly SecretRule[], readonly SecretRule[]>();

/** The rules that recognise a provider's token format: neither generic nor skipped in test data (see SecretRule). */
function providerRules(rules: readonly SecretRule[]): readonly SecretRule[] {
  let out = providerOnly.get(rules);
  if (!out) providerOnly.set(rules, (out = rules.filter((r) => !r.generic && !r.skipInTests)));
  return out;
}

/** The rule table with the configured rules in front (so they win a line over generic rules); cached per configuration. */
function rulesWith(extra: ExtraRule[]): readonly SecretRule[] {
  if (extra.length === 0) return RULES;
  const key = JSON.stringify(extra);
  let rules = withExtras.get(key);
  if (!rules) {
    const own = extra.map(
      (r): SecretRule => ({
        id: r.id,
        kind: r.description,
        description: r.description,
        keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
        ...(r.keywords?.length ? {} : { minTokenRun: 1 }),
        regex: compileUserRegex(r.regex, 'g'),
        ...(r.entropy !== undefined ? { entropy: r.entropy } : {}),
        tps: [],
        fps: [],
      }),
    );
    rules = [...own, ...RULES];
    withExtras.set(key, rules);
  }
  return rules;
}

/** `API_KEY` for a name (`apiKey`, `api-key`, `db.password`), or one made from the rule id. */
function envName(match: SecretMatch): string {
  const base = match.name && /^[A-Za-z_$@][\w.$@-]*$/.test(match.name) ? match.name.replace(/^[$@]+/, '') : match.ruleId;
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** Initialisms said letter by letter whose first letter sounds like a vowel: an RSA key, an npm token, an SSH key, an HMAC secret. */
const VOWEL_SOUND_INITIALISM = /^(?:[FHLMNRSX][A-Z0-9]{1,5}|npm|xAI)\b/;

/** `A` or `An` by sound, not spelling: an npm access token, an RSA private key, a URL, a one-time password. */
export function article(words: string): 'A' | 'An' {
  if (VOWEL_SOUND_INITIALISM.test(words)) return 'An';
  if (/^(?:one|use|uni|eu)/i.test(words) || /^U[A-Z]{2}/.test(words)) return 'A';
  return /^[aeiou]/i.test(words) ? 'An' : 'A';
}

function describeSecret(match: SecretMatch): string {
  const prefix = match.prefix ? ` (\`${match.prefix}…\`)` : '';
  return `${article(match.kind)} ${match.kind}${prefix}`;
}

const fence = (lang: string, body: string) => ['```' + lang, body, '```'].join('\n');

/** How to read the value at run time instead, in the file's own language. */
function runtimeSnippet(path: string, match: SecretMatch): string {
  const name = envName(match);
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (match.ruleId === 'private-key')
    return `Keep the key out of the repository (add \`*.pem\` and \`*.key\` to \`.gitignore\`) and give it to the service at run time, e.g. mounted from your secret store:\n\n${fence('python', 'key_path = os.environ["PRIVATE_KEY_PATH"]  # a file mounted from the secret store')}`;
  if (match.ruleId === 'kubernetes-secret-yaml')
    return `Do not commit Secret values. Create the Secret from outside git, or commit an encrypted or external reference instead (Sealed Secrets, External Secrets, SOPS):\n\n${fence('sh', 'kubectl create secret generic app-secrets --from-literal=password="$PASSWORD"')}`;
  if (isGitHubWorkflow(path)) return `Store it as an encrypted repository or environment secret and reference it:\n\n${fence('yaml', `env:\n  ${name}: \${{ secrets.${name} }}`)}`;
  if (isEnvFile(path))
    return `Keep real values out of git: add the file to \`.gitignore\` and commit a template without values instead.\n\n${fence('gitignore', '.env\n.env.*\n!.env.example')}\n\n${fence('sh', `# .env.example\n${name}=`)}`;
  if (isDockerfile(path)) return `Do not bake it into an image layer (\`ENV\`/\`ARG\` values are visible in \`docker history\`). Use a build secret, or pass it at run time:\n\n${fence('dockerfile', `RUN --mount=type=secret,id=${name.toLowerCase()} \\\n    ${name}="$(cat /run/secrets/${name.toLowerCase()})" ./build.sh`)}`;
  if (/^(?:tf|tfvars|hcl)$/.test(ext)) return `Declare a sensitive variable and pass it through \`TF_VAR_${name.toLowerCase()}\` or your secret manager:\n\n${fence('hcl', `variable "${name.toLowerCase()}" {\n  type      = string\n  sensitive = true\n}`)}`;
  if (isYaml(path)) return `Reference it from the environment or your platform's secret store instead of the literal:\n\n${fence('yaml', `${match.name ?? name}: \${${name}}`)}`;
  if (/^(?:sh|bash|zsh|ksh)$/.test(ext) || /curl/.test(match.kind))
    return `Read it from the environment (set by your CI secrets or a secret manager):\n\n${fence('sh', match.ruleId === 'curl-auth-user' ? 'curl -u "$API_USER:$API_PASSWORD" …' : match.ruleId === 'curl-auth-header' ? 'curl -H "Authorization: Bearer $API_TOKEN" …' : `: "\${${name}:?set ${name} in the environment}"`)}`;
  // The variable in the snippet: the line's own name when it is a plain identifier.
  const variable = match.name && /^[A-Za-z_][\w]*$/.test(match.name) ? match.name : 'secret';
  const code: Record<string, [string, string]> = {
    py: ['python', `import os\n\n${variable} = os.environ["${name}"]`],
    js: ['js', `const ${variable} = process.env.${name};`],
    mjs: ['js', `const ${variable} = process.env.${name};`],
    cjs: ['js', `const ${variable} = process.env.${name};`],
    ts: ['ts', `const ${variable} = process.env.${name};`],
    tsx: ['ts', `const ${variable} = process.env.${name};`],
    go: ['go', `${variable} := os.Getenv("${name}")`],
    java: ['java', `String ${variable} = System.getenv("${name}");`],
    kt: ['kotlin', `val ${variable} = System.getenv("${name}")`],
    cs: ['csharp', `var ${variable} = Environment.GetEnvironmentVariable("${name}");`],
    rb: ['ruby', `${variable} = ENV.fetch("${name}")`],
    php: ['php', `$${variable} = getenv('${name}');`],
  };
  const snippet = code[ext];
  if (snippet) return `Read it at run time from the environment (filled from your secret store):\n\n${fence(snippet[0], snippet[1])}`;
  return `Read it at run time from the environment or a secret manager (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) instead of writing it into the file, e.g. \`${name}\`.`;
}

/** The sentence naming the other lines of the file that hold the same secret, or nothing. */
/**
 * One secret said once across the change: a document or a commented-out line that quotes a value a live line of
 * another file of the change sets (an install guide showing the key the config template it adds holds) is dropped,
 * and the live line's finding names where it is quoted, since the same rotation and edit fix both.
 */
function saidOnce(findings: FindingDraft<'secret' | 'many'>[]): FindingDraft<'secret' | 'many'>[] {
  const live = new Map<string, FindingDraft<'secret' | 'many'>>();
  for (const f of findings) {
    const held = f.credentials;
    if (held && held.heldBy !== 'quoted') for (const c of held.credentials) if (!live.has(c.value)) live.set(c.value, f);
  }
  if (live.size === 0) return findings;
  return findings.filter((f) => {
    const held = f.credentials;
    if (!held || held.heldBy !== 'quoted' || held.credentials.length !== 1) return true;
    const original = live.get(held.credentials[0]!.value);
    if (!original || original.path === f.path) return true;
    original.remediation = `${original.remediation ?? ''}\n\nThe same secret is quoted in \`${f.path}\` (line ${f.line}): replace it there too.`;
    return false;
  });
}

function alsoOn(lines: readonly number[]): string {
  if (lines.length === 0) return '';
  return `\n\nThe same secret is also on ${linesInProse(lines)} of this file: replace it there too.`;
}

function remediationFor(path: string, match: SecretMatch): string {
  const where = match.revoke ? ` in ${match.revoke}` : '';
  const more = match.others > 0 ? `\n\nThis line holds ${match.others} more secret${match.others > 1 ? 's' : ''}: treat ${match.others > 1 ? 'them' : 'it'} the same way.` : '';
  return [
    `1. **Revoke or rotate it first**${where}. It is in the git history now, and on every clone and fork: deleting the line does not make it secret again.`,
    `2. ${runtimeSnippet(path, match).replace(/\n/g, '\n   ')}`,
    '3. If the commit was pushed, rotating is what protects you; rewriting history (`git filter-repo`) only limits further copies.',
  ].join('\n\n') + more;
}

/**
 * The secret a match is about, as written on its line; for a PEM block, whose match is its `BEGIN` line,
 * the first line of the key's body (the header is the same in every key).
 */
/** Roles of files no deployment runs. */
const NOT_RUN_IN_PRODUCTION: ReadonlySet<string> = new Set(['example', 'development', 'test']);

/** `This file is part of <project> (https://github.com/owner/name)` in a file's opening comment. */
const PART_OF = /\bpart of\b[^\n]{0,80}?\bhttps?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?=[/)\s>]|$)/i;

/**
 * Whether the file's opening comment (its first 20 lines) says it is part of a project at another repository
 * address than the one under review: source carried over from upstream (a fork's copy of the project it extends).
 */
function upstreamProject(lines: readonly string[], project: { owner: string; name: string }): boolean {
  for (const line of lines.slice(0, 20)) {
    const m = PART_OF.exec(line);
    if (!m) continue;
    return !(m[1]!.toLowerCase() === project.owner.toLowerCase() && m[2]!.toLowerCase() === project.name.toLowerCase());
  }
  return false;
}

/** How many values edited from one another make a set of hand-made test cases (see handEditedVariants). */
const VARIANT_FAMILY = 3;

/**
 * The values, among those of one rule, that belong to a family of VARIANT_FAMILY or more of the same length that
 * each match another member at three quarters of their positions or more: copies of one value with a few
 * characters changed by hand. Values of 20 characters or fewer are left alone (short passwords share patterns).
 */
function handEditedVariants(found: readonly { rule: string; value: string | undefined }[]): Set<string> {
  const byRule = new Map<string, Set<string>>();
  for (const { rule, value } of found) if (value !== undefined && value.length > 20) byRule.set(rule, (byRule.get(rule) ?? new Set()).add(value));
  const out = new Set<string>();
  const close = (a: string, b: string) => {
    if (a.length !== b.length) return false;
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    return same * 4 >= a.length * 3;
  };
  for (const values of byRule.values()) {
    const list = [...values];
    if (list.length < VARIANT_FAMILY) continue;
    // Members: values close to another one; a family counts when it has VARIANT_FAMILY of them.
    const members = list.filter((a) => list.some((b) => b !== a && close(a, b)));
    if (members.length >= VARIANT_FAMILY) for (const m of members) out.add(m);
  }
  return out;
}

function secretValue(lines: readonly string[], match: SecretMatch): string | undefined {
  const value = (lines[match.line - 1] ?? '').slice(match.column, match.endColumn);
  if (!/^-----BEGIN [A-Z0-9 ]*-----$/.test(value.trim())) return value.trim() || undefined;
  const body = (lines[match.line] ?? '').trim();
  return body.length >= 40 && !body.startsWith('-----') ? body : undefined;
}

const PY_ASSIGNMENT = /^(\s*)([A-Za-z_]\w*)(\s*:\s*[\w.[\], |]+)?\s*=\s*[rRuU]?(["'])(.*)\4\s*(#.*)?$/;

/**
 * `NAME = "literal"` in Python becomes `NAME = os.environ["NAME"]` when the literal is exactly the
 * secret and the module already imports `os` (or `environ` from it); anything else is left to the remediation.
 */
function pythonSuggestion(path: string, text: string, match: SecretMatch): string | undefined {
  if (!/\.py$/i.test(path)) return undefined;
  const lines = splitLines(text);
  const line = lines[match.line - 1] ?? '';
  const m = PY_ASSIGNMENT.exec(line);
  if (!m) return undefined;
  const [, indent, name, annotation = '', quote, literal, comment] = m as unknown as [string, string, string, string | undefined, string, string, string | undefined];
  const literalStart = line.indexOf(quote, indent.length + name.length) + 1;
  if (literalStart !== match.column || literal.length !== match.endColumn - match.column) return undefined;
  const reader = /^import\s+(?:[\w.]+\s*,\s*)*os\b/m.test(text) ? 'os.environ' : /^from\s+os\s+import\s+(?:.*\W)?environ\b/m.test(text) ? 'environ' : null;
  if (!reader) return undefined;
  const env = name.toUpperCase();
  return `${indent}${name}${annotation.trimEnd()} = ${reader}["${env}"]${comment ? `  ${comment}` : ''}`;
}

/** A Pulumi stack's configuration (`Pulumi.prod.yaml`), where `secure:` values are ciphertext (`v1:…`, `AAABA…`). */
const PULUMI_STACK_CONFIG = /(?:^|\/)Pulumi\.[\w.-]+\.ya?ml$/;
/** An AWS ARN on a line: `arn:aws:…`, `arn:aws-us-gov:…`, up to the next space or quote. */
const ARN = /\barn:aws[\w-]*:[^\s"',]*/g;

/** Whether the text at `column` (0-based) of `line` lies inside an AWS ARN. */
function insideArn(line: string, column: number): boolean {
  for (const m of line.matchAll(ARN)) if (column >= m.index && column < m.index + m[0].length) return true;
  return false;
}

const MARKDOWN = /\.(?:md|markdown|mdx)$/i;
/** Component files of browser front ends: Vue and Svelte single-file components, Angular components. */
const BROWSER_COMPONENT = /\.(?:vue|svelte)$|\.component\.[jt]s$/i;
/** React components (`.jsx`, `.tsx`), which may also run on a server (Next.js server components, `getServerSideProps`). */
const REACT_COMPONENT = /\.[jt]sx$/i;
/** A bundle a front-end build wrote, named by its content hash (`150.aea42238d373936d.js`, `main.3f2a1b9c.chunk.js`). */
const HASHED_BUNDLE = /(?:^|\/)[\w-]*[.-][0-9a-f]{8,}(?:\.chunk)?\.m?js$/i;
/**
 * A Docusaurus site's configuration: Docusaurus serializes the whole of it into the pages it builds (`siteConfig`
 * on the client, the theme's DocSearch options), so every key in it ships to each visitor's browser.
 */
const DOCUSAURUS_CONFIG = /(?:^|\/)docusaurus\.config\.(?:[cm]?js|[cm]?ts)$/i;
/** Code that marks a React file as running on a server: a server action, `server-only`, or Next.js data functions. */
const SERVER_MARKER = /["']use server["']|["']server-only["']|\bgetServerSideProps\b|\bgetStaticProps\b/;

/**
 * Code every visitor's browser downloads: component files of a front end, the bundles its build writes, and a
 * Docusaurus site's configuration (its DocSearch `apiKey` is Algolia's search-only key, public by design). A key
 * written there is sent to everyone who opens the page, so it is one its provider issues for browsers (an editor's
 * or a map's API key, a publishable key) or one already given away: a generic setting in it is not a secret the
 * repository keeps, and only a provider's format is reported (a secret key's format is live wherever it is). A
 * React file that a Next.js App Router folder holds without `"use client"`, or one with server code, may run on
 * the server only, and is judged as usual.
 */
function isBrowserCode(path: string, text: string): boolean {
  if (BROWSER_COMPONENT.test(path) || HASHED_BUNDLE.test(path) || DOCUSAURUS_CONFIG.test(path)) return true;
  if (!REACT_COMPONENT.test(path) || SERVER_MARKER.test(text)) return false;
  return !/(?:^|\/)app\//.test(path) || /^\s*["']use client["']/m.test(text.slice(0, 2000));
}

/**
 * Guides for the project's contributors (`CONTRIBUTING.md`, `DEVELOPMENT.md`, `HACKING.md`, `docs/developer-guide.md`):
 * they tell a developer how to run the project on their own machine, so their logins are that environment's.
 */
const DEVELOPER_GUIDE = /(?:^|\/)(?:contributing|development|developing|hacking|dev[-_]?setup|developer[-_]?guide|local[-_]?development|local[-_]?setup)(?:\.[a-z]{2}(?:[-_][a-z]{2})?)?\.(?:md|markdown|mdx|rst|adoc|asciidoc)$/i;
/** curl's `-u user:password` and `-H "Authorization: …"`: a command whose credential is judged by its shape, not a provider's format. */
const CURL_RULES: ReadonlySet<string> = new Set(['curl-auth-user', 'curl-auth-header']);
/** Rules that take a secret from a setting or an option by its name alone: a document's stand-in logins trip them. */
const NAMED_SETTING_RULES: ReadonlySet<string> = new Set(['generic-secret-assignment', 'cli-password-option']);
/** A REST client's request file (VS Code REST Client, JetBrains HTTP Client): requests a developer sends by hand. */
const REST_CLIENT_FILE = /\.(?:http|rest|bru)$/i;
/** The opening of a REST client's export (Insomnia's `"__export_source": "insomnia.desktop.app…"`, a Postman collection), which a developer re-imports to send requests by hand. */
const REST_CLIENT_EXPORT = /"__export_source"\s*:\s*"insomnia|"_postman_id"\s*:|schema\.getpostman\.com\/json\/collection/;
/** Whether a file holds requests a developer sends by hand: a REST client's request file, or an export of one. */
const restClientFile = (path: string, text: string) => REST_CLIENT_FILE.test(path) || (/\.json$/i.test(path) && REST_CLIENT_EXPORT.test(text.slice(0, 4000)));
/** The opening of an OpenAPI or Swagger document (`"openapi": "3.1.0"`, `swagger: '2.0'`). */
const API_DESCRIPTION = /^\s*\{?\s*["']?(?:openapi|swagger)["']?\s*:\s*["']?\d/m;
/** A line of such a document that describes or exemplifies rather than configures: `description`, `summary`, `example`, `x-example`. */
const API_DESCRIPTION_LINE = /^\s*["']?(?:description|summary|example|x-example)["']?\s*:/i;
/** Ids of the rules that recognise no provider's format (secret-named assignments, random-looking values). */
const GENERIC_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.generic).map((r) => r.id));

/** `class AppDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>`: EF Core's hook for `dotnet ef` tooling. */
const DESIGN_TIME_FACTORY = /:\s*(?:[\w.]+\s*,\s*)*(?:Microsoft\.EntityFrameworkCore\.Design\.)?IDesignTimeDbContextFactory\s*</;
const CONNECTION_HOST = /(?:^|[;"'\s])(?:server|data source|host|hostname|addr|address)\s*=\s*([^;"'\s]+)/gi;
const LOCAL_HOST = /^(?:tcp:)?(?:localhost|127\.0\.0\.1|\[?::1\]?|\.|\(local\)|\(localdb\)\\[\w.-]+|host\.docker\.internal)(?:[,:]\d+)?(?:\\[\w$-]+)?$/i;

/**
 * An EF Core design-time factory (a class implementing `IDesignTimeDbContextFactory`) builds the context
 * only for `dotnet ef` (adding and scripting migrations), never when the app runs; when every connection
 * string in it points at the developer's own machine (`Server=localhost`, `(localdb)\\MSSQLLocalDB`), its
 * password is a local tool database's, as in development configuration.
 */
function isLocalDesignTimeFactory(path: string, text: string): boolean {
  if (!/\.cs$/i.test(path) || !DESIGN_TIME_FACTORY.test(text)) return false;
  const hosts = [...text.matchAll(CONNECTION_HOST)].map((m) => m[1]!);
  return hosts.length > 0 && hosts.every((h) => LOCAL_HOST.test(h));
}

/**
 * An example configuration (the shared file role says example: `values.example.yaml`, `config.sample.toml`)
 * whose every address is the local machine or a name reserved for examples (`https://growthbook.local`,
 * `localhost`) configures a local install: its passwords and keys guard an instance nobody else can reach, as
 * in development configuration. Env templates are left out: `.env.example` is copied to `.env` as it is and
 * carries the credentials of the services an install calls.
 */
function isLocalExampleConfig(path: string, role: string | undefined, text: string): boolean {
  if (role !== 'example' || isEnvFile(path) || isDocument(path)) return false;
  return namesOnlyLocalAddresses(splitLines(text));
}

/** A caption line naming a private key (`PRIVATE KEY (for the hosted server only):`, `Secret key:`). */
const KEY_CAPTION = /\b(?:private|secret|signing)[ _-]?key\b[^:]{0,80}:\s*$/i;

/**
 * Where a key written bare on its own line is reported: at the caption line just above it that names it
 * (`PRIVATE KEY (…):` over the key printed by a generator), where the key's block starts, as a PEM key is
 * reported at its `BEGIN` line; otherwise at the key's own line.
 */
function keyBlockLine(lines: readonly string[], match: SecretMatch): number {
  if (match.ruleId !== 'ed25519-private-key' || match.line < 2) return match.line;
  const own = lines[match.line - 1] ?? '';
  if (own.trim() !== own.slice(match.column, match.endColumn).trim()) return match.line;
  return KEY_CAPTION.test(lines[match.line - 2] ?? '') ? match.line - 1 : match.line;
}

/** Rules that judge a literal by its key or shape rather than a provider's format. */
const GENERIC_RULE_IDS = new Set(RULES.filter((r) => r.generic).map((r) => r.id));

const ED25519_RULES = RULES.filter((r) => r.id === 'ed25519-private-key');

/**
 * Raw Ed25519 private keys in a file of test data, docs or examples (where key rules stay quiet: such keys
 * are usually samples) whose public half another file of the change, outside test data, writes: the
 * project's configuration trusts that public key, so the private key published beside it is the real one
 * (a licence-signing key printed in an internal setup doc while `.example.env` gives installs its public key).
 */
async function trustedSampleKeys(ctx: CheckContext, path: string, text: string, lines: readonly number[] | undefined, allow: readonly RegExp[]): Promise<SecretMatch[]> {
  const keys = scanTextForSecrets(text, path, { ...(lines ? { lines } : {}), rules: ED25519_RULES, allow, role: 'production' });
  if (keys.length === 0) return [];
  const textLines = splitLines(text);
  const others: string[] = [];
  for (const other of ctx.files()) {
    if (other.path === path || other.problem || other.binary || TEST_DATA_ROLES.has(roleFromPath(other.path))) continue;
    const content = await ctx.read(other.path);
    if (content?.text) others.push(content.text);
  }
  return keys.filter((k) => {
    const half = rawEd25519PublicHalf((textLines[k.line - 1] ?? '').slice(k.column, k.endColumn));
    return half !== null && publicKeySpellings(half).some((spelling) => others.some((o) => o.includes(spelling)));
  });
}

/** The marker generators write at the top of their output (Go's `Code generated … DO NOT EDIT.`, `@generated`, "auto-generated"). */
const GENERATED_HEADER = /\bCode generated\b[^\n]*\bDO NOT EDIT\b|@generated\b|\bauto-?generated\b|\bThis file (?:was|is|has been) (?:automatically )?generated\b|\bDO NOT EDIT\b/i;

/** At this many different values in one file (outside env files), the file is taken for data: one warning instead of a finding per value. */
const MANY_VALUES = 10;

/** Certificate files read beside a private key, at most. */
const MAX_CERTIFICATE_FILES = 8;

/**
 * A README sentence that says the folder's files are examples or test material not to use in production ("The files in
 * this directory are provided as examples. DO NOT USE THEM IN PRODUCTION", "for testing purposes only").
 */
const NOT_FOR_PRODUCTION = /\b(?:do\s+not|don'?t|never|must\s+not|should\s+not)\s+(?:be\s+)?use[d]?\s+(?:them|these|this|it|(?:these|the)\s+(?:files|keys|certificates)\s+)?\s*(?:in|for)\s+(?:a\s+|any\s+)?production\b|\b(?:only\s+)?for\s+(?:testing|test|development|demo)\s+(?:purposes\s+)?only\b/i;

/** Whether a README in the folder of `path` (not the root's) says its files are not for production. */
async function folderReadmeRefusesProduction(ctx: CheckContext, path: string): Promise<boolean> {
  const dir = repoDir(path);
  if (dir === '') return false;
  for (const name of KEY_FOLDER_READMES) {
    const text = await ctx.text(repoJoin(dir, name));
    if (text !== null && NOT_FOR_PRODUCTION.test(text.slice(0, 4000).replace(/\s+/g, ' '))) return true;
  }
  return false;
}

/** The certificates in a key file and in the certificate files of its folder at head (`.pem`, `.crt`, `.cer`, `.cert`). */
async function certificatesBeside(ctx: CheckContext, path: string, text: string): Promise<X509Certificate[]> {
  const dir = repoDir(path);
  const listed = (await ctx.list(dir, 'head')) ?? ctx.files().map((f) => f.path).filter((p) => repoDir(p) === dir);
  const siblings = listed.filter((p) => p !== path && CERTIFICATE_FILE.test(p)).slice(0, MAX_CERTIFICATE_FILES);
  const texts = await Promise.all(siblings.map((p) => ctx.text(p)));
  return [text, ...texts].flatMap((t) => (t !== null && t.includes('-----BEGIN CERTIFICATE-----') ? certificatesIn(t) : []));
}

export default defineCheck({
  id: 'secrets',
  title: 'Secret committed',
  severity: 'failure',
  readsRoles: true,
  scope: 'line',
  acrossFiles: 'value',
  messages: {
    secret: '{{what}} is committed in plain text: anyone who can read this repository, a fork or its history can use it until it is revoked.',
    many: '{{count}} different values in this file look like credentials ({{kinds}}). So many in one file is usually data (test fixtures, recorded responses, generated code or key lists), not leaked secrets; if any of them is live, anyone who can read this repository can use it until it is revoked.',
  },
  remediation:
    'Revoke or rotate the secret first (it is in the git history now), then read it at run time from the environment or a secret manager instead of committing it.',
  defaultOptions: { extra_rules: [], allow: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      extra_rules: {
        type: 'array',
        description: 'Your own token formats, reported like the built-in rules.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'description', 'regex'],
          properties: {
            id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Rule id, used in fingerprints.' },
            description: { type: 'string', minLength: 1, description: 'What the secret is, for messages ("Acme deploy token").' },
            regex: { type: 'string', format: 'regex', minLength: 1, description: 'The secret is the group named secret, else group 1, else the whole match.' },
            keywords: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Words one of which must be on the line (a cheap pre-filter).' },
            entropy: { type: 'number', minimum: 0, maximum: 8, description: 'Minimum Shannon entropy of the secret.' },
          },
        },
      },
      allow: { type: 'array', items: { type: 'string', format: 'regex', minLength: 1 }, description: 'Regular expressions; a secret matching one is not reported.' },
    },
  },
  async run(ctx, options: SecretsOptions) {
    const rules = rulesWith(options.extra_rules);
    const allow = options.allow.map((a) => compileUserRegex(a));
    const findings: FindingDraft<'secret' | 'many'>[] = [];
    for (const file of ctx.files()) {
      if (file.problem || file.binary || file.added.length === 0) continue;
      const content = await ctx.read(file.path);
      if (!content || content.problem || content.binary) continue;
      // A new file is all added lines: scan it whole instead of listing every line.
      const lines = file.status === 'added' ? undefined : file.added.map((l) => l.line);
      let matches = scanTextForSecrets(content.text, file.path, { ...(lines ? { lines } : {}), rules, allow });
      // Development configuration's passwords and keys are the development environment's own: there,
      // as in tests, only provider formats (live wherever they are) are reported.
      const role = matches.length > 0 ? (await ctx.role(file.path)).role : undefined;
      if (role === 'development' || (matches.length > 0 && (DEVELOPER_GUIDE.test(file.path) || isBrowserCode(file.path, content.text) || isLocalDesignTimeFactory(file.path, content.text) || isLocalExampleConfig(file.path, role, content.text)))) {
        matches = scanTextForSecrets(content.text, file.path, { ...(lines ? { lines } : {}), rules: providerRules(rules), allow });
      } else if ((role === 'test' || role === 'ci') && (isComposeFile(file.path) || isDockerfile(file.path))) {
        // A stack or image whose name (or neighbours) says it is for tests or CI (`docker-compose.tests.yml`,
        // `Dockerfile.e2e`) starts throw-away services: its passwords are test data, as under `tests/`.
        matches = scanTextForSecrets(content.text, file.path, { ...(lines ? { lines } : {}), rules, allow, role });
      }
      if (TEST_DATA_ROLES.has(roleFromPath(file.path))) {
        const trusted = (await trustedSampleKeys(ctx, file.path, content.text, lines, allow)).filter((k) => !matches.some((m) => m.line === k.line));
        if (trusted.length > 0 && (role ?? (await ctx.role(file.path)).role) !== 'development') matches = [...matches, ...trusted];
      }
      if (matches.some((m) => m.ruleId === 'private-key')) {
        // A TLS key whose certificate (in the same file or beside it: `localhost-key.pem` by `localhost.pem`) holds its
        // public key and is issued only for localhost and loopback addresses, or by mkcert's development CA, serves
        // local HTTPS on a developer's machine: no client elsewhere trusts that certificate. Other keys stay reported.
        const local = localCertificateKeyLines(content.text, await certificatesBeside(ctx, file.path, content.text));
        if (local.size > 0) matches = matches.filter((m) => m.ruleId !== 'private-key' || !local.has(m.line));
      }
      if (matches.some((m) => m.ruleId === 'private-key') && (await folderReadmeRefusesProduction(ctx, file.path))) {
        // A key in a folder whose README says its files are examples not to use in production (zentral's
        // `conf/start/docker/tls/README.md`: "provided as examples. DO NOT USE THEM IN PRODUCTION") is published on
        // purpose, with the warning beside it: a demo stack's TLS set, not a leak. Provider tokens stay reported.
        matches = matches.filter((m) => m.ruleId !== 'private-key');
      }
      const textLines = matches.length > 0 ? splitLines(content.text) : [];
      /** The setting a match is assigned to: the rule's name for it, else the key written before it on its line. */
      const keyOf = (m: SecretMatch) => m.name ?? rawKeyBefore(textLines[m.line - 1] ?? '', m.column);
      const project = ctx.repository;
      if (project && matches.length > 0) {
        // A password that spells the project's (or its owner's) name, maybe in leetspeak (`m1cr0b1n` in
        // microbin's shipped .env), is a guessable default the project sets for its own login, not a leaked
        // secret: insecure-default-secret and env-file-committed judge it. Provider formats are never names.
        matches = matches.filter((m) => {
          const value = GENERIC_RULE_IDS.has(m.ruleId) ? secretValue(textLines, m) : undefined;
          return value === undefined || !(spellsProjectName(value, project.name) || spellsProjectName(value, project.owner));
        });
      }
      if (matches.length > 0) {
        // A value written as words that says it must be swapped for a real one (`…ByARealKey`, `use-your-own-secret`)
        // is a stand-in, not a leaked secret; a shared default left in place is env-file-committed's and
        // insecure-default-secret's concern. Provider formats are never words.
        matches = matches.filter((m) => {
          const value = GENERIC_RULE_IDS.has(m.ruleId) ? secretValue(textLines, m) : undefined;
          return value === undefined || !asksForRealValue(value.replace(/^["'`]|["'`]$/g, ''));
        });
      }
      if (matches.length >= VARIANT_FAMILY) {
        // Three or more values of one rule that are edits of one another (`sbp_04fee3d2…c836`, `…c000`, `…00001`,
        // `sbp_aaaa00d2…c836`): test cases made by hand from one token, the way a mock server's fixtures are. Live
        // credentials are drawn at random and never differ by a few characters.
        const values = new Map(matches.map((m) => [m, secretValue(textLines, m)]));
        const variants = handEditedVariants(matches.map((m) => ({ rule: m.ruleId, value: values.get(m) })));
        if (variants.size > 0) matches = matches.filter((m) => !variants.has(values.get(m) ?? ''));
      }
      if (project && matches.length > 0 && upstreamProject(textLines, project)) {
        // A file whose header says it is part of another project, by that project's repository address (`This file is
        // part of the Calibre-Web (https://github.com/janeczku/calibre-web)` in a fork that carries its source): a
        // named value in it is upstream's, published with upstream's code. Provider formats and keys stay reported.
        matches = matches.filter((m) => !GENERIC_RULE_IDS.has(m.ruleId));
      }
      if (matches.length > 0) {
        // Text inside an AWS ARN (`arn:aws:secretsmanager:…:secret:app/prod/db-4koh7Z`, an ECS task's `valueFrom`) names
        // where a secret is kept: its `secret:` segment is a resource type, not a setting. Provider formats stay reported.
        matches = matches.filter((m) => !GENERIC_RULE_IDS.has(m.ruleId) || !insideArn(textLines[m.line - 1] ?? '', m.column));
        // A Pulumi stack's `secure:` value is ciphertext the stack's key encrypted, written there to be committed.
        if (PULUMI_STACK_CONFIG.test(file.path)) matches = matches.filter((m) => !GENERIC_RULE_IDS.has(m.ruleId) || keyOf(m) !== 'secure');
      }
      if (matches.length > 0) {
        // The client secret of a native app (desktop, mobile, command line) ships inside every copy of that app:
        // a public client per RFC 8252, whose secret protects nothing. Provider formats stay reported.
        matches = matches.filter((m) => !GENERIC_RULE_IDS.has(m.ruleId) || !namesNativeClientSecret(keyOf(m)));
      }
      if (/\.py$/.test(file.path) && matches.length > 0) {
        // A settings module's development or test class (`class Development(Config)`, `class TestConfig`) sets the
        // key that a local run uses, while the class a deployment runs reads it from the environment
        // (`TOKEN_SECRET_KEY = os.getenv("TOKEN_SECRET_KEY")` in the base `Config`): the literal is that local
        // environment's own, as in development configuration. Provider formats stay reported.
        matches = matches.filter((m) => {
          if (!GENERIC_RULE_IDS.has(m.ruleId)) return true;
          const name = keyOf(m);
          const owner = enclosingTopLevelClass(textLines, m.line - 1);
          return !name || owner === undefined || !NON_PRODUCTION_CLASS.test(owner) || !readsFromEnvironment(content.text, name);
        });
      }
      if (matches.some((m) => m.ruleId === 'high-entropy-string') && GENERATED_HEADER.test(content.text.slice(0, 2000))) {
        // A file its header says a tool generated (`// Code generated … DO NOT EDIT.`, `@generated`): a random-looking
        // string under no secret-named key there is the tool's output (an embedded, compressed OpenAPI document, a
        // schema digest), not a value someone pasted. Named settings, provider formats and keys stay reported.
        matches = matches.filter((m) => m.ruleId !== 'high-entropy-string');
      }
      if (role === 'test' && isYaml(file.path) && matches.length > 0) {
        // A recorded HTTP cassette replays what the provider answered: a token field of a response (a GitLab
        // project's `runners_token`) is the recorded account's data. What the recorder sent (request
        // headers, URL, body) is the credential the suite authenticates with, and stays reported.
        const responses = recordedResponseLines(textLines);
        if (responses.size > 0) matches = matches.filter((m) => !responses.has(m.line - 1));
      }
      if (role === 'example' && matches.length > 0) {
        // A template's value that its own comment asks the reader to replace (`# replace with a strong password`)
        // is a stand-in: every install is told to put its own there. Provider formats stay reported.
        matches = matches.filter((m) => !GENERIC_RULES.has(m.ruleId) || !commentAsks(textLines, m.line - 1, m.endColumn));
        // Django's `startproject` writes a development key marked by its own prefix (`django-insecure-…`), which
        // `manage.py check --deploy` rejects: in a template the prefix says, as such a comment would, that every
        // install replaces it. In production configuration it is insecure-default-secret's, and stays reported.
        matches = matches.filter((m) => !GENERIC_RULE_IDS.has(m.ruleId) || !/^["'`]?django-insecure-/.test(secretValue(textLines, m) ?? ''));
      }
      if (role === 'example' && isEnvFile(file.path) && matches.length > 0) {
        // A variant of the repository's env template (`.docker.env`: `.example.env` with its hosts set for compose,
        // which nothing loads by that name): a setting it repeats, key and value, the template already published,
        // and installs copy this file as they copy that one. A value it changes is new and stays reported.
        const variant = await envTemplateVariant(file.path, (p) => ctx.text(p));
        if (variant) {
          const repeated = new Set(parseEnvFile(content.text).filter((e) => variant.settings.has(settingOf(e))).map((e) => e.line));
          matches = matches.filter((m) => !repeated.has(m.line));
        }
      }
      if (matches.length > 0 && /\.(?:json|ya?ml)$/i.test(file.path) && API_DESCRIPTION.test(content.text.slice(0, 2000))) {
        // An OpenAPI or Swagger document describes an API to its readers: a value in a `description`, `summary` or
        // `example` (FerretDB's vendored Atlas Data API spec, "**Example:** `apiKey: A1g70f…`") shows the form of a
        // header or field. Provider formats and keys are live wherever they are written and stay reported.
        matches = matches.filter((m) => (!GENERIC_RULES.has(m.ruleId) && m.ruleId !== 'jwt') || !API_DESCRIPTION_LINE.test(textLines[m.line - 1] ?? ''));
      }
      if (matches.some((m) => GENERIC_RULES.has(m.ruleId))) {
        // A password for a database or service on the machine the code runs on, written as a person types one
        // (elsa's `Server=localhost;…;Password=elsa` in appsettings.json, `postgres://app:app@127.0.0.1:5432/app`): the
        // login of a developer's local instance, which no one else can reach; a deployment points the setting at its own
        // server. A random-looking value there may be a real one reused, and provider formats and keys stay reported.
        matches = matches.filter((m) => {
          if (!GENERIC_RULES.has(m.ruleId) || !namesOnlyLoopback(textLines[m.line - 1] ?? '')) return true;
          // A connection string's value ends at its `;` (`Password=elsa;SSLMode=Prefer`).
          const value = secretValue(textLines, m)?.replace(/^["'`]|["'`]$/g, '').split(';')[0];
          return value === undefined || !typedFromMemory(value);
        });
      }
      if (matches.some((m) => m.ruleId === 'jwt') && (restClientFile(file.path, content.text) || isDocument(file.path)) && namesOnlyLocalAddresses(textLines)) {
        // A REST client's request file or a document whose every address is the local machine (iggy's scratch file against `localhost:3000`):
        // a token there that has expired was issued by a local login and authenticates nobody now. A token for a
        // hosted service, or one still valid, stays reported.
        matches = matches.filter((m) => m.ruleId !== 'jwt' || !isExpiredJwt(secretValue(textLines, m) ?? ''));
      }
      if (/(?:^|\/)nx\.json$/.test(file.path) && matches.length > 0) {
        // Nx Cloud's read-only access token (`nxCloudAccessToken`, base64 of `<id>|read`), which Nx documents committing
        // to `nx.json` so every clone reads the remote cache: it can only read cached build output. A read-write token
        // (`|read-write`) lets anyone poison the cache and stays reported.
        matches = matches.filter((m) => !/nxCloudAccessToken/.test(textLines[m.line - 1] ?? '') || !/\|read$/.test(decodeBase64(secretValue(textLines, m)?.replace(/^["']|["']$/g, '') ?? '') ?? ''));
      }
      if (isDocument(file.path) && matches.length > 0) {
        // A document's sample whose every address is the local machine or a name reserved for examples
        // (`localhost:3000`, `https://example.com`) configures the reader's own local or sample instance: its
        // passwords and keys are that sample's. Provider formats and keys are live wherever they are written.
        matches = matches.filter((m) => {
          if (!GENERIC_RULES.has(m.ruleId) && !CURL_RULES.has(m.ruleId)) return true;
          const [start, end] = documentBlock(textLines, m.line - 1);
          return !namesOnlyLocalAddresses(textLines.slice(start, end + 1));
        });
        // A document shows its reader what to type: a password or secret written there as words and small
        // numbers (`password: unleash4all` in a contributor guide, `secret = testing123` in a sample config)
        // is the login of a local or sample instance, or a stand-in, published to every reader by design. A
        // leaked secret is a generated value: random-looking ones, provider formats, keys, connection strings
        // and URLs with a password stay reported.
        matches = matches.filter((m) => {
          if (!NAMED_SETTING_RULES.has(m.ruleId)) return true;
          const value = secretValue(textLines, m);
          return value === undefined || !readsAsWords(value.replace(/^["'`]|["'`]$/g, ''));
        });
      }
      if (MARKDOWN.test(file.path) && matches.length > 0) {
        // A document's example answer ("Example response:" before a code block) shows what a service returned
        // when its author ran it: a random-looking value there is that output's data. A provider's token
        // format is live wherever it is written and stays reported.
        const answers = documentedResponseLines(textLines);
        if (answers.size > 0) matches = matches.filter((m) => !answers.has(m.line - 1) || !GENERIC_RULES.has(m.ruleId));
      }
      // One secret written on several lines of the file (the same key in two download URLs) is one
      // finding, at its first line: the remediation names the other lines, which the same rotation fixes.
      // Only a new file of three lines or more can be a copy of a base file (see copied-files.ts): for it, the base is searched for
      // an original holding the value under any key, which then published it already.
      const mayBeCopy = (file.status === 'added' || file.status === 'copied') && textLines.filter((l) => l.trim() !== '').length >= 3;
      const repeats = new Map<string, number[]>();
      for (const match of [...matches].sort((a, b) => a.line - b.line)) {
        const lines = repeats.get(match.digest);
        if (lines === undefined) repeats.set(match.digest, [match.line]);
        else if (!lines.includes(match.line)) lines.push(match.line);
      }
      // A leak is one value or a few; a file outside env files in which many different values look like
      // credentials is data (a fixture, recorded responses, a generated client, a list of sample keys), as the
      // labelled repositories' floods were (bench/real-repos: an analyser's sample report, a lock file's
      // checksums). One warning names the file and the count instead of a comment on every line; an env file
      // configures a deployment, and each of its values stays a finding of its own.
      if (repeats.size >= MANY_VALUES && !isEnvFile(file.path)) {
        const first = Math.min(...matches.map((m) => m.line));
        const kinds = [...new Set(matches.map((m) => m.kind.replace(/ (?:assigned to|in a|in the) .*$/, '')))];
        findings.push({
          path: file.path,
          line: first,
          messageId: 'many',
          data: { count: String(repeats.size), kinds: kinds.slice(0, 4).join(', ') + (kinds.length > 4 ? ', …' : '') },
          title: `Secrets committed: ${repeats.size} values in one file`,
          severity: 'warning',
          remediation:
            'If the file is test data or generated, say so: move it under a test or fixtures folder, or give it its role in `.github/readiness.yml` (`roles:`), and this warning goes. If any value is a live credential, revoke it and read it at run time instead.',
          key: `many:${file.path}`,
        });
        continue;
      }
      for (const match of matches) {
        const lines = repeats.get(match.digest)!;
        if (match.line !== lines[0]) continue;
        const value = secretValue(textLines, match);
        const draft: FindingDraft<'secret'> = {
          path: file.path,
          line: keyBlockLine(textLines, match),
          messageId: 'secret',
          data: { what: describeSecret(match) },
          title: `Secret committed: ${match.kind.replace(/ (?:assigned to|in a|in the) .*$/, '')}`,
          remediation: remediationFor(file.path, match) + alsoOn(lines.slice(1)),
          ...(lines.length > 1 ? { related: lines.slice(1).map((line) => ({ path: file.path, line })) } : {}),
          key: `${match.ruleId}:${match.digest}`,
          // Not the change's when it only moves the value here from a line it removes (see README, what a change adds).
          // A document runs nowhere, nor does a commented-out line (`# password: …` in a chart's values noting
          // the default its subchart sets): one that quotes a value a tracked file of any role already holds
          // publishes nothing new, so the base tree holds it too.
          // A file no deployment runs (an example, development or test file) that repeats a value a non-production
          // file already holds (a testing host's key that the seeders and tests hold) exposes nothing new either.
          ...(value ? { credentials: { heldBy: isDocument(file.path) || COMMENT_ONLY.test(textLines[match.line - 1] ?? '') ? ('quoted' as const) : role !== undefined && NOT_RUN_IN_PRODUCTION.has(role) ? ('aside' as const) : ('moved' as const), heldByOriginal: mayBeCopy, credentials: [{ ...(match.name ? { name: match.name } : {}), value, distinct: isDistinctValue(value) }] } } : {}),
        };
        // What only the generic rules find (a random-looking string, a value under a secret-like name, a password in
        // a URL or a command line) is a guess: on repositories nobody had labelled before (bench/real-repos) the
        // high-entropy rule was right about one time in a hundred and fifty, and the generic rules that fail a
        // merge six times in thirty-eight. Worth a look, not a blocked merge. Provider formats and private keys,
        // which the rules recognise by their shape, and a random-looking value under a secret-like name stay failures.
        if (GENERIC_RULE_IDS.has(match.ruleId) && !(match.ruleId === 'generic-secret-assignment' && value !== undefined && isHighEntropyToken(value))) draft.severity = 'warning';
        const suggestion = pythonSuggestion(file.path, content.text, match);
        if (suggestion !== undefined) draft.suggestion = suggestion;
        findings.push(draft);
      }
    }
    return saidOnce(findings);
  },
});
