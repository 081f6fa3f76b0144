// env-file-committed: dotenv files (`.env`, `.env.production`, `prod.env`) the change adds to the repository.
import { defineCheck, type FindingDraft } from '../src/engine/define-check.js';
import type { ChangedFile } from '../src/model/change-set.js';
import { parseEnvFile, type EnvEntry } from '../src/parse/env-file.js';
import { PLAIN_COMPOSE_NAMES, basename, isComposeFile, isEnvFile, isEnvTemplate, isVendored, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { isSecretName, urlPassword } from '../src/parse/secret-names.js';
import { isDistinctValue, isPlaceholder, spellsOwnName } from '../src/secrets/placeholder.js';
import { scanTextForSecrets } from '../src/secrets/detector.js';
import { namesOnlyLocalAddresses } from '../src/secrets/local-samples.js';
import { COMMENT_ONLY, GENERATE_ASK, commentAsks } from '../src/secrets/replace-ask.js';
import type { CheckContext } from '../src/engine/check-context.js';
import type { Credential } from '../src/engine/held-credentials.js';
import { composeFileSelection, procfileRunsWeb, symfonyCommittedEnv } from '../src/engine/file-role.js';
import { pathMatcher } from '../src/engine/glob.js';

/** `.env.vault` is dotenv-vault's encrypted file, made to be committed; `.env.patch` is a diff; `.env.js` and friends are code, not env files. */
const NOT_AN_ENV_FILE = /^\.env\.(?:vault|patch|diff|orig|rej|bak|[cm]?[jt]sx?|py|rb|go|php|java|kt|rs|swift|sh|ps1|md|rst|txt|json|ya?ml|toml|d\.ts)$/i;
/** Fixture trees hold env files on purpose, as test input. */
const FIXTURE_DIR = /(^|\/)(__fixtures__|fixtures?|testdata|test-data)\//i;
const MAX_LISTED_KEYS = 3;
const MAX_TEMPLATE_KEYS = 25;

/** React Native's `.xcode.env` is a shell snippet Xcode sources (`NODE_BINARY=…`), versioned by design; its `.local` sibling is not. */
const VERSIONED_TOOL_FILE = /^\.xcode\.env$/i;

function isCommittedEnvFile(path: string): boolean {
  const name = basename(path);
  return isEnvFile(path) && !isEnvTemplate(path) && !NOT_AN_ENV_FILE.test(name) && !VERSIONED_TOOL_FILE.test(name) && !isVendored(path) && !FIXTURE_DIR.test(path);
}

/** `.env.local`, `.env.production.local`: the per-machine overrides dotenv tools tell users never to commit, whatever they hold. */
const isLocalOverride = (path: string) => /^\.env(?:\.[\w-]+)?\.local$/i.test(basename(path));

/** Words of an env file's name that say it holds the development environment's settings (`.env.development`, `dev.env`). */
const DEVELOPMENT_ENV_WORD = /^(?:dev|devel|develop|development|codespaces?)$/;
/** Folders of cloud development workspaces (Dev Containers and GitHub Codespaces, Gitpod, CodeSandbox): what they load sets up a person's workspace. */
const WORKSPACE_FOLDER = /(?:^|\/)\.(?:devcontainer|gitpod|codesandbox)\//;

/**
 * `.env.development`, `.env.dev`, `development.env`, `dev.env`, `local.env`, `.env.codespaces`: an env file whose
 * own name says it is the development environment's, which Next.js, Vite and Create React App tell users to
 * commit as the shared development defaults, or one kept in a cloud development workspace's folder
 * (`.devcontainer/.env`), which only that workspace loads. Per-machine overrides (`.env.local`,
 * `.env.development.local`) are not: those are where each developer keeps their own credentials. `local`
 * counts only in the `<name>.env` form.
 */
function developmentNamed(path: string): boolean {
  if (isLocalOverride(path)) return false;
  if (WORKSPACE_FOLDER.test(path)) return true;
  const name = basename(path).toLowerCase();
  const words = name.split(/[.\-_]/);
  return words.some((w) => DEVELOPMENT_ENV_WORD.test(w)) || (!name.startsWith('.env') && words.includes('local'));
}

/** `.env`, `.env.production`, `.dev.env`: the local dotenv convention, files meant to stay out of git. */
function isDotenvName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.') || (name.startsWith('.') && name.endsWith('.env'));
}

/** Prefixes that frontend build tools bundle into the client: such variables are public by design. */
const PUBLIC_PREFIX = /^(?:VITE_|NEXT_PUBLIC_|REACT_APP_|NUXT_PUBLIC_|PUBLIC_|EXPO_PUBLIC_|GATSBY_|VUE_APP_)/;

const README_NAMES = ['README.md', 'README.rst', 'README'];
const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
/** Where a compose file that reads the env file at `path` sits: its folder, the folder above, the repository root. */
const composeFolders = (path: string) => [...new Set([dirOf(path), dirOf(dirOf(path)), ''])];

/**
 * The compose file that loads `path` with `env_file:` (in the env file's folder, the one above it, or the
 * repository root), or undefined: such a `<service>.env` is the stack's configuration, tracked on purpose.
 */
async function composeLoading(ctx: CheckContext, path: string, changed = false): Promise<string | undefined> {
  const loads = (compose: string, text: string | null): boolean => {
    const dir = dirOf(compose);
    if (text === null || (dir && !path.startsWith(`${dir}/`))) return false;
    const relative = dir ? path.slice(dir.length + 1) : path;
    const mention = new RegExp(`(?:^|[\\s"'\\[,-])(?:\\./)?${escapeRegExp(relative)}(?=$|[\\s"'\\],])`, 'm');
    return /\benv_file\s*:/.test(text) && mention.test(text);
  };
  for (const dir of composeFolders(path)) {
    for (const name of PLAIN_COMPOSE_NAMES) {
      if (loads(join(dir, name), await ctx.text(join(dir, name)))) return join(dir, name);
    }
  }
  // A stack split into files named for their services (`dev_docker/grafana.yml`, `dev_docker/postgres.yml`), which
  // the change adds or edits beside the env file: a YAML file with top-level `services:`.
  if (changed) {
    for (const file of ctx.files()) {
      if (!/\.ya?ml$/i.test(file.path) || !composeFolders(path).includes(dirOf(file.path))) continue;
      const text = await ctx.text(file.path);
      if (text !== null && /^services\s*:/m.test(text) && loads(file.path, text)) return file.path;
    }
  }
  return undefined;
}

/**
 * What loads a dotenv file for a local run, or undefined: the `Procfile` beside a `.env` (Foreman and `heroku local`
 * read it to run the Procfile's processes) or the compose files its own `COMPOSE_FILE` selects (compose reads the
 * project's `.env` for its settings). Asked only of a file whose role is development, so the file is loaded on
 * purpose, for that local run.
 */
async function localRunner(ctx: CheckContext, path: string, text: string): Promise<string | undefined> {
  const dir = dirOf(path);
  if (basename(path) === '.env') {
    const procfile = await ctx.text(join(dir, 'Procfile'));
    if (procfile !== null && procfileRunsWeb(procfile)) return join(dir, 'Procfile');
  }
  return composeFileSelection(text)[0];
}

/**
 * The texts of the compose files that may read the env file or have held its values, on one side of the
 * change: the plain compose files in its folder, the folder above and the root, and every compose file the
 * change touches (at base, the ones it edits or deletes: where a value was moved out of).
 */
async function composeTexts(ctx: CheckContext, path: string, side: 'base' | 'head'): Promise<string[]> {
  const paths = new Set<string>();
  for (const dir of composeFolders(path)) for (const name of PLAIN_COMPOSE_NAMES) paths.add(join(dir, name));
  if (side === 'head') {
    for (const f of ctx.files('compose')) paths.add(f.path);
  } else {
    for (const f of ctx.files('compose')) if (f.status !== 'added' && f.status !== 'copied') paths.add(f.previousPath ?? f.path);
    for (const f of ctx.removedFiles()) if (isComposeFile(f.path)) paths.add(f.path);
  }
  const texts: string[] = [];
  for (const p of paths) {
    const text = await ctx.text(p, side);
    if (text !== null) texts.push(text);
  }
  return texts;
}

/** `${NAME:-value}` / `${NAME-value}`: compose falls back to `value` when nothing sets `NAME`. */
const fallbackPattern = (name: string, value: string) => new RegExp(`\\$\\{${escapeRegExp(name)}:?-(["']?)${escapeRegExp(value)}\\1\\}`);
/** `NAME: value`, `- NAME=value`, `"NAME=value"`: a compose environment entry with that value. */
const settingPattern = (name: string, value: string) =>
  new RegExp(`^[\\t ]*(?:-[\\t ]*)?["']?${escapeRegExp(name)}["']?[\\t ]*[:=][\\t ]*(["']?)${escapeRegExp(value)}\\1["']?[\\t ]*(?:#.*)?$`, 'm');

/**
 * True when the env file's `name=value` only repeats what compose already ships: a compose file falls back
 * to that very value when the variable is unset (`${NAME:-value}`), and a compose file already had it before
 * the change (in its environment or as the same fallback). The env file then adds no credential to the
 * repository, nor to any deployment: without it, compose starts with the same value.
 */
function shippedByCompose(texts: { base: readonly string[]; head: readonly string[] }, name: string, value: string): boolean {
  const fallback = fallbackPattern(name, value);
  if (!texts.head.some((t) => fallback.test(t))) return false;
  const setting = settingPattern(name, value);
  return texts.base.some((t) => fallback.test(t) || setting.test(t));
}

/** True when the repository's README tells users to set one of the file's variables in it: its documented configuration. */
async function documentedInReadme(ctx: CheckContext, path: string, entries: EnvEntry[]): Promise<boolean> {
  const name = basename(path);
  for (const readme of README_NAMES) {
    const text = await ctx.text(readme);
    if (text === null) continue;
    return text.includes(name) && entries.some((e) => new RegExp(`\\b${escapeRegExp(e.name)}\\b`).test(text));
  }
  return false;
}

/**
 * A comment that tells the reader to put their own value in (`# Please regenerate the APP_KEY value … and
 * paste it here`, `# change this password`, `# fill in your token`): the file is written for others to edit.
 */
const FILL_IN_COMMENT = /^\s*#.*\b(?:re-?generate|replace|change|fill\s+in|paste|enter|set|update|edit|put)\b.*\b(?:value|values|key|password|secret|token|credentials?|this|these|here|your|own)\b/im;

/**
 * True for a dotenv file written as a template that ships with the project for users to copy and edit: a
 * comment asks for their own values, and some secret-named key is left as a stand-in (`changeme1234`,
 * `null`, `<your-token>`; an empty value is no sign, real env files leave optional keys empty).
 */
function isFillInTemplate(text: string, entries: EnvEntry[]): boolean {
  if (!FILL_IN_COMMENT.test(text)) return false;
  return entries.some((e) => isSecretName(e.name) && e.value.trim() !== '' && (isStandIn(e.value) || spellsOwnName(e.name, e.value)));
}

/** Whether the comment on the entry's line, or the comment line just above it, asks the reader to replace the value or generate their own. */
function asksForOwnValue(lines: readonly string[], index: number): boolean {
  const valueStart = (lines[index] ?? '').indexOf('=') + 1;
  return commentAsks(lines, index, valueStart) || commentAsks(lines, index, valueStart, GENERATE_ASK);
}

/** A warning that the file's passwords are defaults every deployment must change (`DO NOT DEPLOY WITH DEFAULT PASSWORDS`, `change all passwords`). */
const DEFAULTS_TO_CHANGE = /\b(?:(?:do\s+not|don'?t|never)\s+(?:deploy|run|use)\b[^\n]{0,40}\bdefault\s+(?:passwords?|credentials|secrets|keys)|change\s+(?:all|every|each|these|the)\s+(?:default\s+)?(?:passwords?|credentials|secrets|keys))\b/i;

/**
 * Whether the comment block that opens the file (before its first setting) tells every install to replace the file's
 * credentials: RAGFlow's tracked `docker/.env` opens with "SECURITY WARNING: DO NOT DEPLOY WITH DEFAULT PASSWORDS … please
 * change all passwords … to strong, unique values … openssl rand -hex 32". Its values are the stand-ins the warning is about.
 */
function headerAsksToReplace(lines: readonly string[]): boolean {
  const header: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (!COMMENT_ONLY.test(line)) break;
    header.push(line);
  }
  return DEFAULTS_TO_CHANGE.test(header.join('\n'));
}

/** Added, copied, or renamed from something that was not already a committed env file. */
function isNewEnvFile(file: ChangedFile): boolean {
  if (!isCommittedEnvFile(file.path)) return false;
  if (file.status === 'added' || file.status === 'copied') return true;
  return file.status === 'renamed' && !(file.previousPath && isCommittedEnvFile(file.previousPath));
}

/**
 * A value that is only the word saying what the slot wants (`LOGGER_API_KEY=random`), as `someRandomString` is:
 * nothing to leak or rotate.
 */
const DESCRIBES_VALUE = /^(["']?)random\1$/i;

/** Stand-ins are not values; a weak password (`hunter2`) is: the file does set a credential. */
const isStandIn = (value: string) => isPlaceholder(value, { weakPasswords: false }) || DESCRIBES_VALUE.test(value.trim());

/** The last word of a key (`KOMODO_DB_PASSWORD` → `password`): the kind of value it holds. */
const lastWord = (name: string) => name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).pop()?.toLowerCase();

/**
 * `secrets` less the settings a tracked env file only renames: the change removes a line of the file that set the
 * same value under another key of the same kind (the same last word: `DB_PASSWORD` and `KOMODO_DB_PASSWORD`), a key
 * the file no longer sets, because the value was committed in that file before the change and the deployment reads it
 * under its new name: the change gives the file no credential it did not have.
 */
function withoutRenamedKeys(file: ChangedFile, entries: readonly EnvEntry[], secrets: EnvEntry[]): EnvEntry[] {
  if (file.removed.length === 0) return secrets;
  const kept = new Set(entries.map((e) => e.name));
  const gone = parseEnvFile(file.removed.map((l) => l.text).join('\n')).filter((e) => !kept.has(e.name) && e.value !== '');
  if (gone.length === 0) return secrets;
  return secrets.filter((e) => !gone.some((old) => old.value === e.value && lastWord(old.name) === lastWord(e.name)));
}

/** A secret-named key with a real value, or any value that is a URL carrying a real password. */
function holdsSecret(entry: EnvEntry): boolean {
  // A value that only spells its own key (`SECRET_KEY=taiga-secret-key`) names the slot: a stand-in, which
  // insecure-default-secret judges as a guessable default where the file is deployed.
  if (isStandIn(entry.value) || spellsOwnName(entry.name, entry.value)) return false;
  if (isSecretName(entry.name)) return true;
  const password = urlPassword(entry.value);
  return password !== null && !isStandIn(password);
}

/** What an entry's credential is: the password of a URL that carries one (under the URL's scheme), else the value under its key. */
function credentialOf(entry: EnvEntry): Credential {
  const password = isSecretName(entry.name) ? null : urlPassword(entry.value);
  if (password !== null && !isStandIn(password)) return { name: `${/^([A-Za-z][\w+.-]*):\/\//.exec(entry.value.trim())?.[1]?.toLowerCase() ?? 'url'}://`, value: password, distinct: isDistinctValue(password) };
  const value = entry.value.trim();
  return { name: entry.name, value, distinct: isDistinctValue(value) };
}

function listKeys(keys: string[]): string {
  const shown = keys.slice(0, MAX_LISTED_KEYS).map((k) => `\`${k}\``);
  const more = keys.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function remediationFor(path: string, entries: EnvEntry[], secretKeys: string[]): string {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash + 1);
  const name = basename(path);
  const ignore = name.startsWith('.env') ? ['.env', '.env.*', '!.env.example'] : ['.env', '.env.*', '!.env.example', `*.env`];
  const keys = [...new Set(entries.map((e) => e.name))];
  const template = keys.slice(0, MAX_TEMPLATE_KEYS).map((k) => `${k}=`);
  if (keys.length > MAX_TEMPLATE_KEYS) template.push(`# … and ${keys.length - MAX_TEMPLATE_KEYS} more`);
  const lines = [
    'Stop tracking the file (it stays on disk):',
    '',
    '```sh',
    `git rm --cached ${JSON.stringify(path)}`,
    '```',
    '',
    `Add to \`${dir}.gitignore\` (or the root \`.gitignore\`):`,
    '',
    '```gitignore',
    ...ignore,
    '```',
    '',
    `Commit \`${dir}.env.example\` instead, naming every variable without its value, and set the real values in the deployment's secret store:`,
    '',
    '```sh',
    ...(template.length ? template : ['# one line per variable, e.g.', 'SECRET_KEY=']),
    '```',
  ];
  if (secretKeys.length) {
    lines.push('', `The values of ${listKeys(secretKeys)} are in the pull request's history now: rotate them, even after the file is removed.`);
  }
  return lines.join('\n');
}

/** The last word of a setting that names where a service is (`MAIL_HOST`, `SMTP_SERVER`, `APP_DOMAIN`). */
const HOST_NAME = /(?:^|_)(?:HOST|HOSTNAME|DOMAIN|SERVER|ADDR|ADDRESS)$/i;

/** Whether the env entries name at least one address, in a URL or a host setting, and every one is local or an example name (see namesOnlyLocalAddresses). */
function namesOnlyLocalHosts(entries: readonly EnvEntry[]): boolean {
  const lines = entries.flatMap((e) => (e.value.includes('://') ? [e.value] : HOST_NAME.test(e.name) && e.value.trim() !== '' ? [`host: ${e.value.trim()}`] : []));
  return lines.length > 0 && namesOnlyLocalAddresses(lines);
}

/** A `.gitignore` line for dotenv's per-machine overrides: `.env.local`, `.env*.local`, `.env.*.local`, `*.local`. */
const LOCAL_OVERRIDE_IGNORE = /^\/?(?:\.env(?:\*|\.\*|\.[\w-]+)?\.local|\*\.local)\s*$/;

/**
 * The `.gitignore` files that speak for an env file (its folder's, then the root's), read one at a time as the caller
 * goes on: each path, its lines, and the env file's path relative to it.
 */
async function* gitignoresOf(ctx: CheckContext, path: string): AsyncGenerator<{ gitignore: string; lines: string[]; relative: string }> {
  for (const dir of new Set([repoDir(path), ''])) {
    const gitignore = repoJoin(dir, '.gitignore');
    const text = await ctx.text(gitignore);
    if (text !== null) yield { gitignore, lines: text.split(/\r?\n/), relative: dir ? path.slice(dir.length + 1) : path };
  }
}

/**
 * The `.gitignore` (the env file's folder's or the root's) whose patterns ignore the file, with `!` exceptions
 * applied, or undefined: a file git was told to add past it (`git add --force`).
 */
async function ignoredByRepository(ctx: CheckContext, path: string): Promise<string | undefined> {
  for await (const { gitignore, lines, relative } of gitignoresOf(ctx, path)) {
    if (pathMatcher(lines.filter((l) => l.trim() !== '' && !l.startsWith('#')))(relative)) return gitignore;
  }
  return undefined;
}

/**
 * The `.gitignore` (of the env file's folder or the repository root) that names the file in an exception (`!/.env`
 * under `.*`: chirpstack's "Add dotenv for test dependency config"): the repository keeps it tracked on purpose.
 */
async function keptByRepository(ctx: CheckContext, path: string): Promise<string | undefined> {
  for await (const { gitignore, lines, relative } of gitignoresOf(ctx, path)) {
    const exceptions = lines.filter((l) => l.startsWith('!') && l.length > 1).map((l) => l.slice(1).trim());
    if (exceptions.length && pathMatcher(exceptions)(relative)) return gitignore;
  }
  return undefined;
}

/** Whether the `.gitignore` of the env file's folder or of the repository root ignores dotenv's per-machine overrides. */
async function ignoresLocalOverrides(ctx: CheckContext, path: string): Promise<boolean> {
  for await (const { lines } of gitignoresOf(ctx, path)) if (lines.some((l) => LOCAL_OVERRIDE_IGNORE.test(l.trim()))) return true;
  return false;
}

export default defineCheck({
  id: 'env-file-committed',
  title: 'Env file committed',
  severity: 'failure',
  scope: 'structure',
  acrossFiles: 'kind',
  roles: ['production', 'development'],
  messages: {
    secrets: '`{{name}}` is an env file committed to the repository, and it sets {{keys}}: everyone who can read the repository gets those credentials.',
    placeholders: '`{{name}}` is a per-machine override file committed to the repository. No secret-named key in it has a real value yet, but it is where each developer keeps their own credentials, and the next one will commit them.',
  },
  remediation: 'Remove the env file from git (`git rm --cached`), ignore `.env` and `.env.*` in `.gitignore`, and commit a `.env.example` with the variable names only.',
  async run(ctx) {
    const findings: FindingDraft<'secrets' | 'placeholders'>[] = [];
    for (const file of ctx.files('env')) {
      if (!isCommittedEnvFile(file.path)) continue;
      const added = isNewEnvFile(file);
      // The development environment's own env file, by name: its values are the local stack's defaults.
      if (developmentNamed(file.path) && (await ctx.role(file.path)).role === 'development') continue;
      // A file already tracked is reported only for the credentials the change adds to it.
      if (!added && ctx.newLines(file.path).size === 0) continue;
      const text = await ctx.text(file.path);
      if (text === null) continue;
      const entries = parseEnvFile(text);
      const newLines = ctx.newLines(file.path);
      let secrets = entries.filter(holdsSecret).filter((e) => added || newLines.has(e.line));
      // A key renamed with its value in a tracked file (`DB_PASSWORD=admin` become `KOMODO_DB_PASSWORD=admin`) sets nothing new.
      if (!added && secrets.length) secrets = withoutRenamedKeys(file, entries, secrets);
      // A credential compose already ships: its file falls back to the same value (`POSTGRES_PASSWORD: app` turned
      // into `${POSTGRES_PASSWORD:-app}` beside a new `.env`) and had it before the change.
      let shipped: { base: string[]; head: string[] } | undefined;
      const shippedBefore = async (e: EnvEntry) => {
        shipped ??= { head: await composeTexts(ctx, file.path, 'head'), base: await composeTexts(ctx, file.path, 'base') };
        return shippedByCompose(shipped, e.name, e.value);
      };
      const notShipped = async (list: EnvEntry[]) => {
        const kept: EnvEntry[] = [];
        for (const e of list) if (!(await shippedBefore(e))) kept.push(e);
        return kept;
      };
      if (secrets.length) secrets = await notShipped(secrets);
      // dotenv's layering (dotenv-rails, Next.js, Vite): a repository that ignores the per-machine `.env.local` files and
      // commits `.env` keeps shared defaults there; when every address that `.env` names is the local machine or an
      // example name (`MAIL_HOST="example.com"`), its passwords are a developer's local stack's, not a deployment's.
      if (secrets.length && basename(file.path) === '.env' && namesOnlyLocalHosts(entries) && (await ignoresLocalOverrides(ctx, file.path))) continue;
      // A new env file the repository's own .gitignore ignores was added past it on purpose (git adds an ignored file only
      // with `--force`): with every address it names local (`postgres://postgres:postgres@localhost:5432`), it is the local
      // stack's settings committed deliberately (e2b's `packages/dashboard-api/.env.local`, "align local dev setup").
      // So is one the repository's .gitignore names in an exception (`!/.env`): kept tracked on purpose.
      if (added && namesOnlyLocalHosts(entries) && ((await ignoredByRepository(ctx, file.path)) || (await keptByRepository(ctx, file.path)))) continue;
      // The file is deliberate when it was tracked already, a compose file loads it, or it is a template the
      // project ships for users to fill in: then what matters is the values, and the secrets check already
      // reports the ones it recognises (with rotation advice). Any other new dotenv file (`.env`,
      // `.env.production`) is itself the mistake, so it is reported either way.
      // A dotenv-named file (`.env`) is loaded on purpose only in a development stack, whose compose file names it
      // with `env_file:` (`./grafana/.env` in `dev_docker/grafana.yml`); elsewhere a `.env` is what compose reads by default.
      const development = async () => (await ctx.role(file.path)).role === 'development';
      const loadedBy = added && (!isDotenvName(file.path) || (await development())) ? ((await composeLoading(ctx, file.path, isDotenvName(file.path))) ?? (await localRunner(ctx, file.path, text))) : undefined;
      // Symfony tells every project to commit its `.env`, the defaults real environment variables override in
      // production, and writes so at its top: a deliberate file, whatever loads it.
      const frameworkDefaults = symfonyCommittedEnv(text);
      if (!added || loadedBy || frameworkDefaults || isFillInTemplate(text, entries)) {
        // In a development stack (`dev.env` beside the development compose, a repository for local
        // development only) a deliberate file's default passwords belong to that local stack.
        if ((!added || loadedBy || frameworkDefaults) && (await development())) continue;
        // A file that opens by warning that its passwords are defaults to change holds stand-ins only.
        const lines = text.split(/\r?\n/);
        if (headerAsksToReplace(lines)) continue;
        const reported = new Set(scanTextForSecrets(text, file.path, { lines: secrets.map((e) => e.line) }).map((m) => m.line));
        secrets = secrets.filter((e) => !reported.has(e.line));
        // A value whose comment asks every install to replace or generate its own (`# use openssl rand -base64 33`
        // over `SEARXNG_SECRET=ultrasecretkey`, `# change this`) is the deliberate file's stand-in, not a credential it sets.
        secrets = secrets.filter((e) => !asksForOwnValue(lines, e.line - 1));
        if (!secrets.length) continue;
      }
      if (!secrets.length && added && isDotenvName(file.path)) {
        // A new dotenv file is itself the mistake when it holds a value the secrets check recognises under an
        // ordinary name (`mimi=gX69…`): those lines are credentials here too.
        const recognised = new Set(scanTextForSecrets(text, file.path).map((m) => m.line));
        secrets = await notShipped(entries.filter((e) => recognised.has(e.line) && !isStandIn(e.value)));
      }
      if (!secrets.length) {
        // An env file without credentials has nothing to leak or rotate: versions, paths, domains, feature
        // flags and empty or placeholder slots are the configuration compose, Vite and Next.js tell users to
        // commit, and a credential written into it later is reported then (it is a tracked env file). Only a
        // per-machine override (`.env.local`) is reported, as a warning, and not when it is public or documented.
        if (!isLocalOverride(file.path)) continue;
        if (entries.length && entries.every((e) => PUBLIC_PREFIX.test(e.name))) continue;
        if (await documentedInReadme(ctx, file.path, entries)) continue;
      }
      const secretKeys = [...new Set(secrets.map((e) => e.name))];
      const draft: FindingDraft<'secrets' | 'placeholders'> = {
        path: file.path,
        // With secrets, the finding sits on the first of them so the review comment lands where the harm is.
        line: secrets[0]?.line ?? 1,
        messageId: secrets.length ? 'secrets' : 'placeholders',
        data: { name: file.path, keys: listKeys(secretKeys) },
        remediation: remediationFor(file.path, entries, secretKeys),
        key: added ? file.path : `${file.path}:${secretKeys.join(',')}`,
      };
      if (!secrets.length) draft.severity = 'warning';
      // A file whose every credential the change moved here adds none, nor does a new file whose every credential a tracked
      // file of its role already committed; a credential added to a tracked env file sets it for that deployment, so only a
      // move counts there (see README, what a change adds).
      else draft.credentials = { heldBy: added ? 'committed' : 'moved', credentials: secrets.map(credentialOf) };
      findings.push(draft);
    }
    return findings;
  },
});
