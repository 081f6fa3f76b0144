// insecure-default-secret: secret settings that fall back to (or are set to) a literal written in the code.
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import type { ChangedFile } from '../src/model/change-set.js';
import { splitLines } from '../src/changeset/content.js';
import { digest } from '../src/engine/fingerprint.js';
import { imageEnv, type Dockerfile } from '../src/parse/dockerfile.js';
import { INSTALL_SCRIPTS, PLAIN_COMPOSE_NAMES, basename, isComposeFile, isDockerfile, isEnvFile, isJavaScript, isNonProductionCode, isProductionEnvFile, isPython, isVendored, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { lineAt, lineStarts, maskJavaScript, openersAround } from '../src/parse/javascript.js';
import { descendants, developmentBranchAtLine, dottedName, importedNames, keywordArguments, positionalArguments, stringValue, type PyNode } from '../src/parse/python.js';
import { envRead, type EnvRead } from '../src/parse/python-env.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { isSecretName, nameWords } from '../src/parse/secret-names.js';
import { isLikelySecretValue, scanTextForSecrets } from '../src/secrets/detector.js';
import { chartDefaults, isChartValuesName, secretKeyMappingLines, unreadChartLines, type ChartDefault } from '../src/secrets/chart-defaults.js';
import { findDefaultCredentials, standsInForCloudKey, type DefaultCredential } from '../src/secrets/default-credentials.js';
import { NON_PRODUCTION_CLASS } from '../src/secrets/config-classes.js';
import { describesItself, hasFillerRun, isPathOrUrl, isPlaceholder, isQuantity, isReference, isWeakPassword } from '../src/secrets/placeholder.js';
import { deployedCompose, roleFromName } from '../src/engine/file-role.js';
import { TOP_LEVEL_SERVICES, hasComposeServices } from '../src/parse/compose.js';
import { parseEnvFile } from '../src/parse/env-file.js';
import { variableReferences } from '../src/parse/variables.js';
import { envDefaults, envLanguage, type EnvDefault, type EnvLanguage } from '../src/parse/env-defaults.js';

type Form = 'os' | 'config' | 'settings' | 'assignment' | 'javascript' | 'image' | EnvLanguage;

interface Hit {
  line: number;
  endLine: number;
  /** The setting or variable name, never its value. */
  name: string;
  literal: string;
  /** Line where the literal starts: the line the `secrets` check would report if the literal is a real secret. */
  literalLine: number;
  form: Form;
  /** Full replacement text for line..endLine, when the fix is certain. */
  suggestion?: string;
  /** Set when the fallback is the key a client the code constructs presents to its service (see CLIENT_KEY_OPTION). */
  clientKey?: boolean;
}

/**
 * Cheap pre-filters over the head text, so only files that can hold a finding are parsed: an environment
 * read whose literal name looks secret, a signing-key setting, or a pydantic settings class.
 */
const PYTHON_CANDIDATE = /(?:getenv|environ\.get|environ\.setdefault|config|env|env\.str|get_value)\s*\(\s*[rRuU]?["'][\w.-]*(?:secret|pass|pwd|token|key)[\w.-]*["']\s*(?:,|\)\s*or\b)|secret_key|jwt_secret|signing_key|session_secret|cookie_secret|app_secret|BaseSettings/i;
const JAVASCRIPT_CANDIDATE = /env(?:\.[A-Za-z_$][\w$]*|\[[^\]\n]*\]|\.get\([^)\n]*\))\s*(?:\|\||\?\?)\s*["'`]|\}\s*=\s*process\.env\b/;

/** Settings that hold an app's signing key: setting them to a literal in code is the problem even without an environment read. */
const SIGNING_KEY_SETTINGS = new Set(['secret_key', 'secret_key_base', 'jwt_secret', 'jwt_secret_key', 'jwt_signing_key', 'signing_key', 'session_secret', 'session_secret_key', 'cookie_secret', 'app_secret', 'app_secret_key', 'flask_secret_key', 'django_secret_key']);
const isSigningKeySetting = (name: string) => SIGNING_KEY_SETTINGS.has(nameWords(name).join('_'));
/** Words of secrets the app itself signs or verifies with: a guessable default lets others forge what it trusts. */
const VERIFIER_WORDS = new Set(['secret', 'signing', 'private', 'encryption', 'hmac', 'fernet', 'salt', 'jwt', 'session', 'cookie', 'mnemonic', 'seed']);

/**
 * A stand-in (`hf_xxxx…`, `<your-token>`) for a credential the app sends to another service cannot
 * work and exposes nothing, so only defaults for secrets the app verifies with are reported in that shape.
 */
function isHarmlessStandIn(name: string, literal: string): boolean {
  // `DEMO_KEY`, `public`, `anonymous`: the demo or public access some APIs publish for anyone (api.data.gov's `DEMO_KEY`).
  return !nameWords(name).some((w) => VERIFIER_WORDS.has(w)) && (hasFillerRun(literal.trim()) || /^<[^>]*>$|^your[-_ ]|[-_ ]here$|^(?:demo|public|anonymous|guest|sandbox)(?:[-_ ]?(?:api[-_ ]?)?(?:key|token))?$/i.test(literal.trim()));
}

const NON_PRODUCTION_FUNCTION = /^(?:test_|_?setup|_?setUp|fixture_|mock_|fake_)|_fixture$/;

function inNonProductionScope(node: PyNode): boolean {
  for (let n: PyNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'class_definition' && NON_PRODUCTION_CLASS.test(n.childForFieldName('name')?.text ?? '')) return true;
    if (n.type === 'function_definition' && NON_PRODUCTION_FUNCTION.test(n.childForFieldName('name')?.text ?? '')) return true;
  }
  return false;
}

/** Names of configuration classes for production (`class Production(Base)`, `ProductionConfig`, `Staging`, `ProdSettings`). */
const PRODUCTION_CLASS = /^(?:Prod|Production|Staging|Preprod|PreProduction|Live)(?:Config|Configuration|Settings|Env|Environment)?$/;

/**
 * For a settings module of configuration classes (django-configurations' `class Base(Configuration)` with
 * `class Production(Base)`, Flask's `Config` and `ProductionConfig(Config)`): whether a node sits in a class whose
 * production subclass, direct or further down, sets the same name again (`SECRET_KEY = values.SecretValue()`), so
 * production never runs the base's value. A production class that does not set it inherits the value, which is reported.
 */
function productionOverrides(root: PyNode): (node: PyNode, name: string) => boolean {
  const classes = root.namedChildren.filter((c): c is PyNode => c?.type === 'class_definition');
  if (!classes.some((c) => PRODUCTION_CLASS.test(c.childForFieldName('name')?.text ?? ''))) return () => false;
  const basesOf = new Map(classes.map((c) => [c.childForFieldName('name')?.text ?? '', (c.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => (b ? dottedName(b) : null)).filter((b): b is string => b !== null)]));
  const sets = (cls: PyNode, name: string) =>
    (cls.childForFieldName('body')?.namedChildren ?? []).some((st) => {
      const assignment = st?.type === 'expression_statement' ? st.namedChildren[0] : null;
      return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name;
    });
  const inherits = (name: string, ancestor: string, depth = 0): boolean => depth < 8 && (basesOf.get(name) ?? []).some((b) => b === ancestor || inherits(b, ancestor, depth + 1));
  return (node, name) => {
    let cls: PyNode | null = node.parent;
    while (cls && !(cls.type === 'class_definition' && cls.parent?.type === 'module')) cls = cls.parent;
    const own = cls?.childForFieldName('name')?.text;
    if (!own || PRODUCTION_CLASS.test(own)) return false;
    return classes.some((c) => {
      const sub = c.childForFieldName('name')?.text ?? '';
      return PRODUCTION_CLASS.test(sub) && inherits(sub, own) && sets(c, name);
    });
  };
}

/**
 * Options and keyword arguments that hand an API client the key it presents to its service (`new OpenAI({ apiKey:
 * … })`, `Anthropic(api_key=…)`, `new Client({ token: … })`); passwords are left out, as a database client's
 * default password is often the one the bundled database starts with.
 */
const CLIENT_KEY_OPTION = /^(?:api[-_]?key|api[-_]?token|token|auth[-_]?token|access[-_]?token|key)$/i;

/**
 * The key a client the code constructs presents to another service (`new OpenAI({ baseURL, apiKey:
 * process.env.X || "ollama" })`): a fallback there opens nothing in this app, since that service rejects a
 * made-up key or, like a local Ollama or vLLM that needs none, ignores it. Keys the app signs or verifies with
 * (a verifier word in the name) are still judged, as is a literal random enough to be a real key (the
 * `secrets` check's, on its line).
 */
const presentedByClient = (hit: Hit) => hit.clientKey === true && !nameWords(hit.name).some((w) => VERIFIER_WORDS.has(w));

/** Whether the JavaScript expression at `offset` (strings masked) is the key option of an object handed to `new Client(…)`. */
function javascriptClientKey(masked: string, offset: number): boolean {
  const lineStart = masked.lastIndexOf('\n', offset - 1) + 1;
  const option = /(?:^|[\s{,])["']?([A-Za-z_$][\w$-]*)["']?\s*:\s*$/.exec(masked.slice(lineStart, offset));
  if (!option || !CLIENT_KEY_OPTION.test(option[1]!)) return false;
  const openers = openersAround(masked, offset, 3000);
  const object = openers.next();
  const call = openers.next();
  if (object.done || masked[object.value] !== '{' || call.done || masked[call.value] !== '(') return false;
  return /\bnew\s+[A-Za-z_$][\w$.]*\s*$/.test(masked.slice(Math.max(0, call.value - 80), call.value)) && /^\s*$/.test(masked.slice(call.value + 1, object.value));
}

/** Whether the Python expression is a key keyword argument of a class's constructor (`OpenAI(api_key=…)`). */
function pythonClientKey(node: PyNode): boolean {
  const argument = node.parent;
  if (argument?.type !== 'keyword_argument' || !CLIENT_KEY_OPTION.test(argument.childForFieldName('name')?.text ?? '')) return false;
  const call = argument.parent?.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function')?.text ?? '' : '';
  return /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(callee.slice(callee.lastIndexOf('.') + 1));
}

/** The literal only restates the setting's own name (`DISPLAY_NAME_KEY = "displayName"`, `THEME_KEY = "theme"`): a lookup key. */
function restatesName(name: string, literal: string): boolean {
  const all = nameWords(name);
  // Only names that are secret through `key` alone: `JWT_SECRET = "secret"` restates nothing, it is a weak key.
  if (all.some((w) => VERIFIER_WORDS.has(w) || /^(?:password|passwd|passphrase|pass|pwd|token|apikey|api)$/.test(w))) return false;
  const words = all.filter((w) => w !== 'key' && w !== 'keys');
  const said = nameWords(literal);
  return words.length > 0 && said.length > 0 && said.join(' ') === words.slice(-said.length).join(' ');
}

/** Libraries whose `config(...)`/`env(...)` raise when a variable without a default is missing. */
const CONFIG_LIBRARIES = new Set(['decouple', 'environ', 'environs', 'starlette.config']);

/** The node's line with the node replaced by `replacement`, or undefined when the node spans lines or cannot be located. */
function replaceOnLine(lines: readonly string[], node: PyNode, replacement: string): string | undefined {
  if (node.startPosition.row !== node.endPosition.row) return undefined;
  const line = lines[node.startPosition.row];
  const from = node.startPosition.column;
  if (line === undefined || line.slice(from, from + node.text.length) !== node.text) return undefined;
  return line.slice(0, from) + replacement + line.slice(from + node.text.length);
}

interface Literal {
  value: string;
  node: PyNode;
}

/** A literal fallback that is not an empty "unset" sentinel. */
function meaningfulLiteral(node: PyNode | null): Literal | null {
  const value = stringValue(node);
  return node && value !== null && value.trim() !== '' ? { value, node } : null;
}

type PythonHit = Omit<Hit, 'line' | 'endLine' | 'literal' | 'literalLine'>;

/** True when the expression is only compared (`os.getenv("TOKEN", "none") != "none"`): the literal is a sentinel, not a value. */
function isComparedOnly(node: PyNode): boolean {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current.parent?.type === 'comparison_operator';
}

function pythonHits(root: PyNode, source: string): Hit[] {
  const lines = source.split(/\r?\n/);
  const imports = importedNames(root);
  const importsOs = imports.get('os')?.module === 'os' && imports.get('os')?.name === null;
  const environFromOs = imports.get('environ')?.module === 'os';
  const usesConfigLibrary = [...imports.values()].some((i) => CONFIG_LIBRARIES.has(i.module));
  const context: PythonContext = { lines, importsOs, environFromOs, usesConfigLibrary };
  const hits: Hit[] = [];
  const overridden = productionOverrides(root);
  const add = (node: PyNode, literal: Literal, hit: PythonHit) =>
    !inNonProductionScope(node) &&
    !overridden(node, hit.name) &&
    hits.push({ line: node.startPosition.row + 1, endLine: node.endPosition.row + 1, literal: literal.value, literalLine: literal.node.startPosition.row + 1, ...hit, ...(pythonClientKey(node) ? { clientKey: true } : {}) });
  const readFromEnvironment = (envName: string) => (importsOs ? `os.environ[${JSON.stringify(envName)}]` : environFromOs ? `environ[${JSON.stringify(envName)}]` : null);

  // pydantic-settings classes, including subclasses of settings classes defined in the same file.
  const classes = descendants(root, 'class_definition');
  const settingsClasses = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const cls of classes) {
      const name = cls.childForFieldName('name')?.text;
      if (!name || settingsClasses.has(name)) continue;
      const bases = cls.childForFieldName('superclasses')?.namedChildren ?? [];
      if (bases.some((b) => { const base = dottedName(b); return base !== null && (base.split('.').pop() === 'BaseSettings' || settingsClasses.has(base)); })) {
        settingsClasses.add(name);
        changed = true;
      }
    }
  }
  const settingsFields = new Set<number>();
  for (const cls of classes) {
    if (!settingsClasses.has(cls.childForFieldName('name')?.text ?? '')) continue;
    for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      const type = assignment.childForFieldName('type');
      if (left?.type !== 'identifier' || !right || !isSecretName(left.text)) continue;
      let literal = meaningfulLiteral(right);
      if (!literal && right.type === 'call' && /(^|\.)(Field|SecretStr)$/.test(dottedName(right.childForFieldName('function')) ?? '')) {
        literal = meaningfulLiteral(keywordArguments(right).get('default') ?? positionalArguments(right)[0] ?? null);
      }
      if (!literal) continue;
      settingsFields.add(assignment.id);
      // Dropping the default makes the field required: pydantic refuses to start without it.
      const suggestion = type && stringValue(right) !== null ? fieldWithoutDefault(lines, type, right) : undefined;
      add(assignment, literal, { name: left.text, form: 'settings', ...(suggestion !== undefined ? { suggestion } : {}) });
    }
  }

  for (const call of descendants(root, 'call')) {
    const read = envRead(call);
    if (read && isSecretName(read.name)) {
      const hit = envReadHit(read, context);
      if (hit) add(hit.node, hit.literal, hit.hit);
      continue;
    }
    // `app.config.from_mapping(SECRET_KEY="dev")`, `app.config.update(SECRET_KEY="dev")`
    const callee = dottedName(call.childForFieldName('function')) ?? '';
    if (!/(^|\.)config\.(update|from_mapping)$/.test(callee)) continue;
    for (const [name, value] of keywordArguments(call)) {
      const literal = isSigningKeySetting(name) ? meaningfulLiteral(value) : null;
      if (!literal) continue;
      const replacement = readFromEnvironment(name.toUpperCase());
      const suggestion = replacement ? replaceOnLine(lines, value, replacement) : undefined;
      add(value, literal, { name, form: 'assignment', ...(suggestion !== undefined ? { suggestion } : {}) });
    }
  }

  // `SECRET_KEY = "…"` (Django, Flask config classes), `app.secret_key = "…"`, `app.config["SECRET_KEY"] = "…"`
  for (const assignment of descendants(root, 'assignment')) {
    if (settingsFields.has(assignment.id)) continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (!left || !right) continue;
    const name =
      left.type === 'identifier' ? left.text
      : left.type === 'attribute' ? (left.childForFieldName('attribute')?.text ?? null)
      : left.type === 'subscript' ? stringValue(left.childForFieldName('subscript'))
      : null;
    if (!name || !isSigningKeySetting(name)) continue;
    const literal = meaningfulLiteral(right);
    if (!literal) continue;
    const replacement = readFromEnvironment(name.toUpperCase());
    const suggestion = replacement ? replaceOnLine(lines, right, replacement) : undefined;
    add(assignment, literal, { name, form: 'assignment', ...(suggestion !== undefined ? { suggestion } : {}) });
  }
  return hits;
}

/** `secret_key: str = "dev"` → `secret_key: str`, keeping what follows the value (a comment). */
function fieldWithoutDefault(lines: readonly string[], type: PyNode, right: PyNode): string | undefined {
  if (type.startPosition.row !== right.endPosition.row) return undefined;
  const line = lines[type.startPosition.row];
  if (line === undefined) return undefined;
  return line.slice(0, type.endPosition.column) + line.slice(right.endPosition.column);
}

interface PythonContext {
  lines: readonly string[];
  /** `import os` at the top: `os.environ[...]` is available for a suggestion. */
  importsOs: boolean;
  /** `from os import environ`. */
  environFromOs: boolean;
  /** The module imports decouple, django-environ, environs or Starlette's config. */
  usesConfigLibrary: boolean;
}

function envReadHit(read: EnvRead, context: PythonContext): { node: PyNode; literal: Literal; hit: PythonHit } | null {
  const { call } = read;
  let literal = meaningfulLiteral(read.defaultNode);
  let node = call;
  // `os.environ.get("SECRET_KEY") or "dev"`
  if (read.defaultNode === null) {
    const parent = call.parent;
    if (parent?.type === 'boolean_operator' && parent.childForFieldName('operator')?.text === 'or' && parent.childForFieldName('left')?.id === call.id) {
      literal = meaningfulLiteral(parent.childForFieldName('right'));
      node = parent;
    }
  }
  if (!literal || isComparedOnly(node)) return null;
  let replacement: string | null = null;
  if (read.kind === 'os' && !read.callee.endsWith('setdefault')) {
    if (read.callee.startsWith('os.')) replacement = `os.environ[${read.nameNode.text}]`;
    else if (read.callee === 'environ.get' && context.environFromOs) replacement = `environ[${read.nameNode.text}]`;
  } else if (read.kind === 'config' && context.usesConfigLibrary && node === call) {
    // Without a default these libraries raise at start-up when the variable is missing.
    const kept = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is PyNode => a !== null && a.type !== 'comment' && a.id !== read.defaultNode?.id && a.id !== read.defaultNode?.parent?.id);
    replacement = `${read.callee}(${kept.map((a) => a.text).join(', ')})`;
  }
  const suggestion = replacement ? replaceOnLine(context.lines, node, replacement) : undefined;
  return { node, literal, hit: { name: read.name, form: read.kind, ...(suggestion !== undefined ? { suggestion } : {}) } };
}

const JS_ENV = String.raw`(?:(?:process\.env|import\.meta\.env|Bun\.env)(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'\x60])_*\2\s*\])|Deno\.env\.get\(\s*(["'\x60])_*\3\s*\))`;
/** `process.env.X || "…"` and `?? "…"` over masked source; the literal must be the whole fallback (not `"a" + b`). */
const JS_FALLBACK = new RegExp(String.raw`${JS_ENV}\s*(?:\|\||\?\?)\s*(["'\x60])(_*)\4(?!\s*[+.[(\x60])`, 'dg');
/** `const { JWT_SECRET = "…" } = process.env` */
const JS_DESTRUCTURE = /\{([^{}]*)\}\s*=\s*process\.env\b/dg;
const JS_DESTRUCTURED_DEFAULT = /([A-Za-z_$][\w$]*)\s*(?::\s*[A-Za-z_$][\w$]*\s*)?=\s*(["'`])(_*)\2/dg;

function javascriptHits(source: string): Hit[] {
  const masked = maskJavaScript(source);
  const starts = lineStarts(source);
  const hits: Hit[] = [];
  const add = (from: number, to: number, name: string, literalAt: number, literalEnd: number) => {
    const literal = source.slice(literalAt, literalEnd);
    if (!isSecretName(name) || literal.trim() === '') return;
    hits.push({ line: lineAt(starts, from), endLine: lineAt(starts, to), name, literal, literalLine: lineAt(starts, literalAt), form: 'javascript', ...(javascriptClientKey(masked, from) ? { clientKey: true } : {}) });
  };
  for (const m of masked.matchAll(JS_FALLBACK)) {
    const idx = m.indices!;
    // The variable name: `process.env.NAME`, or the string in `process.env["NAME"]` / `Deno.env.get("NAME")`.
    const name = m[1] ?? quotedAt(source, (idx[2] ?? idx[3])![0]);
    if (name !== null) add(m.index, m.index + m[0].length - 1, name, idx[5]![0], idx[5]![1]);
  }
  for (const m of masked.matchAll(JS_DESTRUCTURE)) {
    const body = m.indices![1]!;
    for (const d of masked.slice(body[0], body[1]).matchAll(JS_DESTRUCTURED_DEFAULT)) {
      const literal = d.indices![3]!;
      add(body[0] + d.index, body[0] + d.index + d[0].length - 1, d[1]!, body[0] + literal[0], body[0] + literal[1]);
    }
  }
  return hits;
}

/** The contents of the string literal whose opening quote is at `offset`. */
function quotedAt(source: string, offset: number): string | null {
  const quote = source[offset]!;
  const end = source.indexOf(quote, offset + 1);
  return end < 0 ? null : source.slice(offset + 1, end);
}

/** Keys that verify downloads (`ENV GPG_KEY=…` in the official Python images), public by design. */
const PUBLIC_KEY_NAME = /(?:^|_)(?:gpg|pgp|gnupg)(?:_|$)/;

/**
 * `ENV` variables of the image a production Dockerfile builds (its final stage and the stages that stage
 * is built `FROM`) that set a secret the app signs, encrypts or spends with (`JWT_SECRET`, `*_PRIVATE_KEY`,
 * `SESSION_SECRET`, a wallet's `*_MNEMONIC` or `SEED_PHRASE`) to a literal: every container started from
 * the image, and everyone who pulls it, has that value unless the deployment overrides it.
 */
function imageHits(dockerfile: Dockerfile, lines: readonly string[]): Hit[] {
  return imageEnv(dockerfile, lines)
    .filter(({ name, value }) => {
      const words = nameWords(name);
      return isSecretName(name) && words.some((w) => VERIFIER_WORDS.has(w)) && !PUBLIC_KEY_NAME.test(words.join('_')) && value.trim() !== '' && !value.includes('$') && !isReference(value) && !isPathOrUrl(value.trim());
    })
    .map(({ name, value, line }) => ({ line, endLine: line, name, literal: value, literalLine: line, form: 'image' as const }));
}

/**
 * Configuration that deploys to production, as the review's shared file role says: not tests,
 * examples, development files or vendored trees; env files only when named for production
 * (`.env.production`); compose files only when named for production or a stack (`docker-compose.prod.yml`,
 * `docker-stack.yml`), since a plain `docker-compose.yml` is as often the local development stack.
 */
async function isProductionConfig(ctx: CheckContext, path: string): Promise<boolean> {
  // The shared role alone decides: it covers every development, test and example path, and a Helm chart kept under `dev/` is production.
  if (isVendored(path) || (await ctx.role(path)).role !== 'production') return false;
  if (isEnvFile(path)) return isProductionEnvFile(path) || (await interpolatesForDeployedCompose(ctx, path));
  if (await isComposeConfig(ctx, path)) return deploysAsShipped(ctx, path);
  if (MIGRATION_TOOL_CONFIG.test(basename(path)) && connectsOnlyLocally((await ctx.text(path)) ?? '')) return false;
  // A JSON document other than a package manifest (whose scripts are commands) is data a program reads: a schema and
  // its examples, an OpenAPI document, an exported realm, generated docs.
  const name = basename(path).toLowerCase();
  return /\.(?:ya?ml|ini|cfg|conf|properties|toml|env)$/.test(name) || name === 'package.json';
}

/** Configuration of a schema-migration tool run from a developer's machine or a pipeline: Flyway's `flyway.conf`/`flyway.toml`, Liquibase's `liquibase.properties`. */
const MIGRATION_TOOL_CONFIG = /^(?:flyway(?:[.-][\w-]+)?\.(?:conf|toml|properties)|liquibase(?:[.-][\w-]+)?\.properties)$/i;
/** The host of a URL (`jdbc:postgresql://localhost:5432/app` gives `localhost`). */
const URL_HOST = /\b[a-z][\w+.-]*:\/\/(?:[^\s@/]*@)?(\[[^\]\s]*\]|[^\s:/;?'"<>]+)/gi;
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\]|host\.docker\.internal)$/i;

/**
 * Whether every URL the configuration sets (comments aside) names the machine it runs on: a migration tool
 * pointed at `localhost` migrates a developer's own database, as an EF Core design-time factory does (see the
 * secrets check), so its password is that local database's.
 */
function connectsOnlyLocally(text: string): boolean {
  const hosts = text.split(/\r?\n/).filter((l) => !/^\s*[#;!]/.test(l)).flatMap((l) => [...l.matchAll(URL_HOST)].map((m) => m[1]!));
  return hosts.length > 0 && hosts.every((h) => LOOPBACK_HOST.test(h));
}

/** A password setting of a compose service (`- POSTGRES_PASSWORD=app`, `MYSQL_PASSWORD: app`) and its value. */
const COMPOSE_PASSWORD = /^\s*(?:-\s+)?["']?[\w.-]*(?:PASSWORD|PASSWD|PASS|PWD)["']?\s*[:=]\s*["']?([^\s"'#$]+)["']?\s*(?:#.*)?$/gim;

/**
 * The passwords the development compose stacks (role `development`: a stack of stock databases published on the
 * host, a `docker-compose.dev.yml`) in the folder of `path` or a folder above it set for their services.
 */
async function developmentStackPasswords(ctx: CheckContext, path: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let dir = repoDir(path); ; dir = repoDir(dir)) {
    for (const compose of ((await ctx.list(dir, 'head')) ?? []).filter(isComposeFile)) {
      if ((await ctx.role(compose)).role !== 'development') continue;
      for (const m of ((await ctx.text(compose)) ?? '').matchAll(COMPOSE_PASSWORD)) out.add(m[1]!);
    }
    if (dir === '') return out;
  }
}

/** A compose file, or one by another name (`pwd.yml`, `stack.yml`) whose top level is `services:`. */
async function isComposeConfig(ctx: CheckContext, path: string): Promise<boolean> {
  const name = basename(path).toLowerCase();
  if (isComposeFile(path) || /^docker-stack/.test(name)) return true;
  if (!/\.ya?ml$/.test(name) || !TOP_LEVEL_SERVICES.test((await ctx.text(path)) ?? '')) return false;
  const yaml = await ctx.yaml(path);
  return yaml !== null && hasComposeServices(yaml);
}

/**
 * A production-role compose file users deploy as it ships: named or kept for production or a stack, or a
 * comment in it says it is for self-hosting or production (the shared deployedCompose), or its name says
 * example and the file role still made it production because it is what users run (`compose.example.yml`
 * whose comment or README has it downloaded as `compose.yml`).
 */
async function deploysAsShipped(ctx: CheckContext, path: string, overlays = true): Promise<boolean> {
  const text = (await ctx.text(path)) ?? '';
  if (deployedCompose(path, text) !== undefined) return true;
  if (roleFromName(path)?.role === 'example' && (await ctx.role(path)).role === 'production') return true;
  if (servesHttps(text) || (await pullsBesideDevelopmentVariant(ctx, path, text))) return true;
  if (await startedByInstallScript(ctx, path)) return true;
  return overlays && overlaysDeployedCompose(ctx, path);
}

/**
 * A compose file the project's installer starts: `install.sh` or `deploy.sh` in the same folder runs `docker
 * compose up` on it (by its name with `-f`, or without `-f` when it has a name compose reads by default). What an
 * installer starts is the stack every install runs as shipped, whatever the compose file is called.
 */
async function startedByInstallScript(ctx: CheckContext, path: string): Promise<boolean> {
  const name = basename(path);
  for (const script of INSTALL_SCRIPTS) {
    const text = await ctx.text(repoJoin(repoDir(path), script));
    if (!text) continue;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*#/.test(line) || !/\bdocker(?:-compose|\s+compose)\b.*\bup\b/.test(line)) continue;
      const files = [...line.matchAll(COMPOSE_FILE_ARG)].map((m) => basename(m[1]!));
      if (files.length === 0 ? PLAIN_COMPOSE_NAMES.includes(name) : files.includes(name)) return true;
    }
  }
  return false;
}

/** A port mapping whose container port is HTTPS's: `- 443:443`, `- "${HTTPS_PORT}:443"`, `- 443:443/udp`, `target: 443`. */
const HTTPS_PORT = /^[ \t]*(?:-[ \t]*["']?(?:[^\s"'#]*:)?443(?:\/(?:tcp|udp))?["']?|target:[ \t]*443)[ \t]*(?:#.*)?$/m;

/**
 * A stack that publishes HTTPS (a container port 443 on the host: a TLS-terminating proxy such as Caddy
 * for `$HOST`, a web front end with its certificate) and builds nothing from the source tree: it serves a
 * public host from published images, which is what a deployment does; a local development stack builds the
 * code it runs and is reached over plain HTTP on localhost.
 */
function servesHttps(text: string): boolean {
  return !/^\s+build\s*:/m.test(text) && HTTPS_PORT.test(text);
}

/** `-f file` / `--file file` arguments of a command line, in order. */
const COMPOSE_FILE_ARG = /(?:^|\s)(?:-f|--file)[ =]+["']?([\w.~/-]+)["']?/g;

/**
 * A compose overlay the documentation beside it (a README in its folder or a parent folder) starts after a
 * compose file that deploys as shipped, in one command (`docker compose -f docker-compose.yml -f
 * rtcstats.yml -f ./rtcstats/mongodb/mongodb.yml up -d`): its services join that deployment.
 */
async function overlaysDeployedCompose(ctx: CheckContext, path: string): Promise<boolean> {
  const name = basename(path);
  const bases = new Set<string>();
  for (let dir = repoDir(path); ; dir = repoDir(dir)) {
    for (const readme of ['README.md', 'readme.md', 'Readme.md']) {
      const doc = await ctx.text(repoJoin(dir, readme));
      if (!doc?.includes(name)) continue;
      for (const line of doc.split(/\r?\n/)) {
        if (!line.includes(name) || !/\bcompose\b/.test(line)) continue;
        const files = [...line.matchAll(COMPOSE_FILE_ARG)].map((m) => m[1]!.replace(/^\.\//, ''));
        const at = files.findIndex((f) => f === path || basename(f) === name);
        for (const base of files.slice(0, Math.max(0, at))) bases.add(base);
      }
    }
    if (dir === '') break;
  }
  for (const base of bases) {
    if (base === path || !(await ctx.read(base))) continue;
    if ((await ctx.role(base)).role === 'production' && (await isComposeConfig(ctx, base)) && (await deploysAsShipped(ctx, base, false))) return true;
  }
  return false;
}

/**
 * The `.env` compose reads for interpolation: the file named exactly `.env` beside a compose file that
 * deploys as shipped and takes at least one of its variables (`$MONGODB_PASSWORD`): its values are that
 * deployment's settings, however the file is named.
 */
async function interpolatesForDeployedCompose(ctx: CheckContext, path: string): Promise<boolean> {
  if (basename(path) !== '.env') return false;
  const text = await ctx.text(path);
  if (!text) return false;
  const keys = new Set(parseEnvFile(text).map((e) => e.name));
  const dir = repoDir(path);
  for (const name of ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml']) {
    const compose = repoJoin(dir, name);
    const body = await ctx.text(compose);
    if (!body || !variableReferences(body, { escapes: true }).some((r) => keys.has(r.name))) continue;
    if ((await ctx.role(compose)).role === 'production' && (await deploysAsShipped(ctx, compose))) return true;
  }
  return false;
}

/**
 * A plain compose file (`docker-compose.yaml`) with a development variant beside it (`docker-compose.dev.yaml`,
 * `compose.local.yml`) and no `build:` of its own: the repository keeps development in the other file, and this
 * one pulls published images, so it is the stack users run as it ships.
 */
async function pullsBesideDevelopmentVariant(ctx: CheckContext, path: string, text: string): Promise<boolean> {
  const name = /^((?:docker-)?compose)\.(ya?ml)$/i.exec(basename(path));
  if (!name || /^\s+build\s*:/m.test(text) || !/^\s+image\s*:/m.test(text)) return false;
  const dir = repoDir(path);
  for (const variant of ['dev', 'development', 'local']) {
    for (const ext of ['yaml', 'yml']) {
      if ((await ctx.read(repoJoin(dir, `${name[1]}.${variant}.${ext}`))) !== null) return true;
    }
  }
  return false;
}

/** One `${NAME:-literal}` default of a compose file. */
interface ComposeFallback {
  line: number;
  /** The variable; never the value. */
  name: string;
  literal: string;
  /** The variable is the whole value of a secret-named setting (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-x}`), not a part of one (a URL). */
  whole: boolean;
  /**
   * What makes it reportable: a key the app signs or encrypts with, a weak or default password, a literal
   * random enough to be a real secret, or one the stack shares between its own services (see sharedFallbacks).
   */
  kind: 'signing' | 'weak' | 'secret' | 'shared';
  /** The line with the default replaced by a required reference, `${NAME:?set NAME}`. */
  suggestion: string;
}

/** Words of a credential another service issues (`GOOGLE_CLIENT_SECRET`, `AWS_SECRET_ACCESS_KEY`, `API_SECRET`): `secret` there does not make it a key the app signs with. */
const ISSUED_CREDENTIAL_WORDS = new Set(['client', 'consumer', 'access', 'api']);

/** Last words of a key or salt (`…_KEY`, `…_SECRET`, `…_SALT`), which a signing or encryption word before them makes the app's own. */
const KEY_ENDINGS = new Set(['key', 'keys', 'secret', 'salt', 'pepper']);

/**
 * A key the app itself signs, encrypts or verifies with, by name: a secret-named setting with `secret` in it
 * that is not a credential another service issues (`SECRET_KEY_BASE`, `JWT_SECRET`, `SESSION_SECRET`), or a
 * key or salt named for signing or encryption (`LAGO_ENCRYPTION_PRIMARY_KEY`, `ENCRYPTION_KEY_DERIVATION_SALT`,
 * `HMAC_KEY`), which the shared secret names leave out when a qualifier such as `primary` reads as a lookup
 * key. Any default for one lets others forge or read what the app protects with it. `JWT_EXPIRY`,
 * `SESSION_TIMEOUT` name no key.
 */
function signsWith(name: string): boolean {
  const words = nameWords(name);
  if (KEY_ENDINGS.has(words[words.length - 1] ?? '') && words.some((w) => w !== 'secret' && VERIFIER_WORDS.has(w))) return true;
  return words.includes('secret') && isSecretName(name) && !words.some((w) => ISSUED_CREDENTIAL_WORDS.has(w));
}

/** `KEY: value` or `- KEY=value` at the start of a compose line, with where the value starts. */
const COMPOSE_SETTING = /^(\s*(?:-\s+)?)(["']?)([\w.-]+)(?:\2\s*:(?:\s|$)|\s*=)\s*/;

/** The line without a trailing YAML comment (` # …` outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/**
 * The secret defaults of a compose file: `${NAME:-literal}` and `${NAME-literal}` whose variable (or the
 * setting it is the whole value of) is secret-named, or that stand in a URL's password, with a literal worth
 * reporting — any literal for a key the app signs or encrypts with, a weak or default password (`changeme`,
 * `postgres`) for any other credential, or a literal random enough to be a real secret. Empty defaults,
 * defaults that are references themselves, and stand-ins for credentials another service issues
 * (`${OPENAI_API_KEY:-your-key}`: the service rejects them) are not.
 */
export function composeFallbacks(text: string): ComposeFallback[] {
  const out: ComposeFallback[] = [];
  const shared: (ComposeFallback & { service: string | undefined })[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (/^\s*#/.test(raw) || !raw.includes('${')) return;
    const line = withoutComment(raw);
    const setting = COMPOSE_SETTING.exec(line);
    const key = setting?.[3];
    // `KEY: "${X:-y}"`, and `- "KEY=${X:-y}"` whose quote closes after the value.
    const value = setting ? line.slice(setting[0].length).trim().replace(/^(["'])(.*)\1$/, '$2').replace(setting[2] ? new RegExp(`${setting[2]}$`) : /$^/, '') : undefined;
    for (const ref of variableReferences(line, { escapes: true })) {
      const literal = ref.operator === '-' ? (ref.word ?? '').trim() : '';
      if (!literal || literal.includes('$') || isReference(literal)) continue;
      const whole = value === line.slice(ref.start, ref.end);
      const inUrlPassword = /:\/\/(?:\$\{[^}]*\}|[^\s:@/$])*:$/.test(line.slice(0, ref.start)) && line[ref.end] === '@';
      const signing = signsWith(ref.name) || (whole && key !== undefined && signsWith(key));
      const secretNamed = signing || isSecretName(ref.name) || (whole && key !== undefined && isSecretName(key));
      if (!secretNamed && !inUrlPassword) continue;
      const kind = signing ? 'signing' : isWeakPassword(literal) || namesItsUser(lines, index, ref.name, literal) ? 'weak' : isLikelySecretValue(literal, ref.name) ? 'secret' : null;
      const suggestion = raw.slice(0, ref.start) + `\${${ref.name}:?set ${ref.name}}` + raw.slice(ref.end);
      const hit = { line: index + 1, name: ref.name, literal, whole: whole && key !== undefined && isSecretName(key), suggestion };
      if (!kind) {
        if (isSecretName(ref.name) && !isPlaceholder(literal)) shared.push({ ...hit, kind: 'shared', service: serviceAt(lines, index) });
        continue;
      }
      if (kind === 'signing' && restatesName(ref.name, literal)) continue;
      out.push({ ...hit, kind });
    }
  });
  return [...out, ...sharedFallbacks(shared)].sort((a, b) => a.line - b.line);
}

/**
 * Whether a password default repeats the user name set beside it (`_AIRFLOW_WWW_USER_USERNAME: ${…:-airflow}` over
 * `_AIRFLOW_WWW_USER_PASSWORD: ${…:-airflow}`, or a plain `USER: app`): within six lines, at the same indentation,
 * as for default credentials elsewhere, the first pair anyone tries.
 */
function namesItsUser(lines: readonly string[], index: number, name: string, literal: string): boolean {
  if (!nameWords(name).some((w) => /^(?:password|passwd|pass|pwd)$/.test(w))) return false;
  const indent = /^\s*(?:-\s+)?/.exec(lines[index]!)![0].length;
  for (let i = Math.max(0, index - 6); i <= Math.min(lines.length - 1, index + 6); i++) {
    if (i === index) continue;
    const setting = COMPOSE_SETTING.exec(withoutComment(lines[i]!));
    if (!setting || setting[1]!.length !== indent || !COMPOSE_USER_KEY.test(setting[3]!)) continue;
    const value = withoutComment(lines[i]!).slice(setting[0].length).trim().replace(/^(["'])(.*)\1$/, '$2');
    const user = /^\$\{[\w.]+:?-([^}$]*)\}$/.exec(value)?.[1] ?? (value.includes('$') ? undefined : value);
    if (user !== undefined && user.trim() !== '' && user.trim() === literal) return true;
  }
  return false;
}

/** A user-name setting of a compose service: `POSTGRES_USER`, `_AIRFLOW_WWW_USER_USERNAME`, `DB_LOGIN`. */
const COMPOSE_USER_KEY = /(?:^|[_.-])(?:user|username|user_name|login)$/i;

/** The compose service whose block holds line `index` (0-based): the nearest key above it indented as a service under `services:`. */
function serviceAt(lines: readonly string[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const m = /^ {2}([\w.-]+):\s*(?:#.*)?$/.exec(lines[i]!);
    if (m) return m[1];
    if (/^\S/.test(lines[i]!)) return undefined;
  }
  return undefined;
}

/**
 * A default for an API key or token that is neither weak nor random (`${OPENSANDBOX_API_KEY:-surfsense-dev-sandbox}`)
 * is most often a stand-in for a credential another service issues, which rejects it. When the stack hands the
 * same variable with the same default to two or more of its own services — the server that accepts the key and
 * the client that presents it — no other service issues it: every install that does not set the variable
 * runs with a key anyone can read in the file. Placeholders (`your-key`, `changeme-…`) are left out.
 */
function sharedFallbacks(candidates: readonly (ComposeFallback & { service: string | undefined })[]): ComposeFallback[] {
  const services = new Map<string, Set<string>>();
  const key = (c: ComposeFallback) => `${c.name}\0${c.literal}`;
  for (const c of candidates) if (c.service) services.set(key(c), (services.get(key(c)) ?? new Set()).add(c.service));
  return candidates.filter((c) => (services.get(key(c))?.size ?? 0) >= 2).map(({ service: _service, ...hit }) => hit);
}

/**
 * Findings for the secret defaults a change adds to a compose file users deploy as shipped: one per variable
 * and literal (a `DATABASE_URL` that repeats `${POSTGRES_PASSWORD:-changeme}` is the same default), on the
 * line where the variable is a setting's whole value when there is one. Not reported: a default the file's
 * base already had for that variable, or that some line the change did not add already carries (moved
 * in); a variable the committed `.env` beside the file sets, since compose reads that value instead; a
 * line the `secrets` check or a default-credential finding already reports.
 */
async function composeFallbackFindings(ctx: CheckContext, file: ChangedFile, text: string, reported: ReadonlySet<number>): Promise<FindingDraft<MessageId>[]> {
  if (!file.added.some((l) => l.text.includes('${'))) return [];
  const hits = composeFallbacks(text);
  if (!hits.length) return [];
  const key = (hit: Pick<ComposeFallback, 'name' | 'literal'>) => `${hit.name}\0${hit.literal}`;
  const before = new Set<string>();
  if (file.status !== 'added' && file.status !== 'copied') {
    const base = await ctx.text(file.previousPath ?? file.path, 'base');
    if (base !== null) for (const hit of composeFallbacks(base)) before.add(key(hit));
  }
  const env = await ctx.text(repoJoin(repoDir(file.path), '.env'));
  const setByEnv = new Set(env === null ? [] : parseEnvFile(env).filter((e) => e.value.trim() !== '').map((e) => e.name));
  const secretLines = new Set(scanTextForSecrets(text, file.path, { lines: hits.map((h) => h.line) }).map((m) => m.line));
  const groups = new Map<string, ComposeFallback[]>();
  for (const hit of hits) groups.set(key(hit), [...(groups.get(key(hit)) ?? []), hit]);
  const findings: FindingDraft<MessageId>[] = [];
  const seenLines = new Set<number>();
  for (const [k, group] of groups) {
    if (before.has(k) || setByEnv.has(group[0]!.name) || group.some((h) => !ctx.isNew(file.path, h.line))) continue;
    const hit = group.find((h) => h.whole) ?? group[0]!;
    if (seenLines.has(hit.line) || reported.has(hit.line) || secretLines.has(hit.line)) continue;
    seenLines.add(hit.line);
    findings.push({
      path: file.path,
      line: hit.line,
      messageId: hit.kind === 'weak' ? 'composeDefaultCredential' : 'composeFallback',
      data: { name: hit.name },
      remediation: composeFallbackRemediation(hit),
      suggestion: hit.suggestion,
      key: `compose-fallback:${hit.name}:${digest(hit.literal)}`,
      subject: `${hit.name}:${digest(hit.literal)}`,
    });
  }
  return findings;
}

function composeFallbackRemediation(hit: ComposeFallback): string {
  const generate = hit.kind === 'weak' ? 'openssl rand -base64 32' : 'openssl rand -hex 64';
  return [
    `Require the variable instead of shipping a default, so compose refuses to start until the deployment sets it:`,
    '',
    '```yaml',
    `\${${hit.name}:?set ${hit.name}}`,
    '```',
    '',
    `(or \`\${${hit.name}}\` with no default, where the app itself refuses an empty value). Generate the value with \`${generate}\`, keep it in the deployment's \`.env\` or secret store, not in git, and change it on every server that already runs with the default: removing the default does not.`,
  ].join('\n');
}


const DEFAULT_CREDENTIAL_REMEDIATION = [
  'Set a strong, generated value from the deployment\'s secret store instead of the default, and require it:',
  '',
  '```yaml',
  'environment:',
  '  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}  # compose refuses to start without it',
  '```',
  '',
  'In Kubernetes, create the Secret from outside git (`kubectl create secret generic db --from-literal=password="$(openssl rand -base64 32)"`, Sealed Secrets, External Secrets). Then change the password on every server that already runs with the default: removing the line does not.',
].join('\n');

/**
 * The `sqlalchemy.url` lines of an `alembic.ini` whose migration environment (`env.py` in its `script_location`)
 * sets the URL itself (`config.set_main_option("sqlalchemy.url", …)`, from the app's settings or the
 * environment): migrations never connect with the ini's value, so a password in it opens nothing. Empty when
 * the file is no alembic.ini or its env.py keeps the ini's URL.
 */
async function alembicUrlOverridden(ctx: CheckContext, path: string, text: string): Promise<Set<number>> {
  const lines = new Set<number>();
  if (basename(path) !== 'alembic.ini') return lines;
  const location = /^\s*script_location\s*=\s*(\S+)\s*$/m.exec(text)?.[1]?.replace(/^%\(here\)s\/?/, '') ?? 'alembic';
  if (location.includes(':') || location.includes('%')) return lines;
  const env = await ctx.text(repoJoin(repoDir(path), location, 'env.py'));
  if (env === null || !/\bset_main_option\(\s*["']sqlalchemy\.url["']/.test(env)) return lines;
  text.split('\n').forEach((line, i) => {
    if (/^\s*sqlalchemy\.url\s*=/.test(line)) lines.add(i + 1);
  });
  return lines;
}

/** Words of a package.json script's name that say it runs tests or a developer's own setup (`test:integration:prepare:local`, `dev`, `seed:demo`). */
const DEVELOPMENT_SCRIPT_WORD = /^(?:test|tests|e2e|spec|dev|develop|development|local|seed|storybook|mock|fixtures?)$/i;

/**
 * The 1-based lines of a `package.json` that hold a script run only for tests or on a developer's machine: its
 * name has a test or development word (`"test:integration:prepare:local": "DATABASE_URL=postgresql://…@127.0.0.1…"`).
 * The database those scripts reach is the developer's or the test run's, never production's.
 */
function developmentScriptLines(path: string, text: string): Set<number> {
  const out = new Set<number>();
  if (basename(path) !== 'package.json') return out;
  splitLines(text).forEach((line, i) => {
    const name = /^\s*"([^"]+)"\s*:\s*"/.exec(line)?.[1];
    if (name && name.split(/[:_.\-\s]/).some((w) => DEVELOPMENT_SCRIPT_WORD.test(w))) out.add(i + 1);
  });
  return out;
}

/**
 * Default credentials on the added lines of `file`, less those whose password the base version of the file
 * (its old path when renamed) already set as a default credential, under any key or in a URL: the file
 * already published that password, and spelling it out again (`POSTGRES_PASSWORD: admin` beside the
 * `postgresql://admin:admin@…` it had) opens no new door.
 */
async function defaultCredentialFindings(ctx: CheckContext, file: ChangedFile): Promise<FindingDraft<MessageId>[]> {
  const path = file.path;
  const content = await ctx.read(path);
  if (!content?.text || content.binary || content.problem) return [];
  // A values file a chart keeps for its linter, its tests or as an example (`values.lint.yaml`): no install reads it.
  const values = await chartValuesFile(ctx, path);
  if (values === 'aside') return [];
  const chart = values === 'installed' ? await chartDefaultsAdded(ctx, file) : { found: [], unread: new Set<number>() };
  // In a chart's values, a mapping that switches itself off sets nothing an install reads.
  const unread = chart.unread;
  const overridden = await alembicUrlOverridden(ctx, path, content.text);
  // A chart's own password that is its user name with a suffix (`username: signoz`, `password: signoz123`) is the chart's default, said as such.
  const chartLines = new Set(chart.found.map((c) => c.line));
  const scripts = developmentScriptLines(path, content.text);
  const keyNames = values === 'installed' ? secretKeyMappingLines(content.text) : new Set<number>();
  const hits = findDefaultCredentials(content.text, path, { lines: file.added.map((l) => l.line) }).filter(
    (hit) => !unread.has(hit.line) && !overridden.has(hit.line) && !scripts.has(hit.line) && !keyNames.has(hit.line) && !(hit.extendsUser && chartLines.has(hit.line)),
  );
  if (hits.length === 0 && chart.found.length === 0) return [];
  const basePath = file.previousPath ?? file.path;
  const baseText = file.status === 'added' || file.status === 'copied' ? null : await ctx.text(basePath, 'base');
  // findDefaultCredentials skips comment lines: a commented-out example in the base (`# databaseURL:
  // postgres://postgres:postgres@…`) set nothing, and a change that makes its password the shipped default opens the door.
  const published = new Set(baseText === null ? [] : findDefaultCredentials(baseText, basePath).map((hit) => hit.password));
  // One finding per password: on the setting that holds it alone (`POSTGRES_PASSWORD: postgres`) rather
  // than the URL that repeats it for the app (`DATABASE_URL: postgresql://postgres:postgres@…`).
  const fresh = hits.filter((hit) => !published.has(hit.password));
  const alone = new Set(fresh.filter((hit) => !hit.name.endsWith('://')).map((hit) => hit.password));
  const said = new Set<string>();
  const once = fresh.filter((hit) => {
    if (hit.name.endsWith('://') && alone.has(hit.password)) return false;
    // One password on two settings (`POSTGRES_PASSWORD: temporal` for the database, `POSTGRES_PWD=temporal` for
    // the app that logs in to it) is one door: reported on the first.
    if (said.has(hit.password)) return false;
    said.add(hit.password);
    return true;
  });
  // One service of a compose file given several default passwords (a database's root and app user, `MYSQL_ROOT_PASSWORD:
  // secret` over `MYSQL_PASSWORD: kanboard-secret`) is one finding, on its first: one fix reads them all from the
  // environment. It stays held before only when every one of them is.
  const lines = once.length > 1 && (await isComposeConfig(ctx, path)) ? splitLines(content.text) : undefined;
  const byService = new Map<string, DefaultCredential[]>();
  const grouped: DefaultCredential[][] = [];
  for (const hit of once) {
    const service = lines ? serviceAt(lines, hit.line - 1) : undefined;
    const group = service === undefined || hit.name.endsWith('://') ? undefined : byService.get(service);
    if (group) group.push(hit);
    else {
      const fresh = [hit];
      grouped.push(fresh);
      if (service !== undefined && !hit.name.endsWith('://')) byService.set(service, fresh);
    }
  }
  const generic = grouped.map(([hit, ...more]) => ({
    path,
    line: hit!.line,
    messageId: hit!.name.endsWith('://') ? ('defaultCredentialUrl' as const) : ('defaultCredential' as const),
    data: { name: hit!.name },
    remediation: DEFAULT_CREDENTIAL_REMEDIATION,
    key: `default-credential:${hit!.name}`,
    subject: hit!.name,
    // Moved here from a line the change removes (a compose `environment:` entry into the env file it now loads): the door was already open.
    credentials: { heldBy: 'moved' as const, credentials: [hit!, ...more].map((h) => ({ name: h.name, value: h.password, distinct: false })) },
  }));
  if (chart.found.length === 0) return generic;
  // A chart's own setting for a password is the door; the app's copy of it (`redis://default:changeme@…` in an
  // environment list) restates it, and a line already reported is not reported twice.
  // One finding per password and bundled service (the values' top-level section: `clickhouse`, `valkey`): two
  // services shipping one word are two doors; a service's password and root password of one word are one.
  const perService = new Map<string, ChartDefault>();
  for (const c of chart.found) {
    const service = `${c.path.split('.')[0]}\0${c.value}`;
    if (!perService.has(service)) perService.set(service, c);
  }
  const doors = [...perService.values()];
  const shipped = new Set(chart.found.map((c) => c.value));
  const kept = generic.filter((f) => chartLines.has(f.line) || !shipped.has(f.credentials.credentials[0]!.value));
  // A service whose password the generic rules already report on one of its lines is said once.
  const keptLines = new Set(kept.map((f) => f.line));
  const saidFor = new Set(chart.found.filter((c) => keptLines.has(c.line)).map((c) => `${c.path.split('.')[0]}\0${c.value}`));
  return [
    ...kept,
    ...doors
      .filter((c) => !keptLines.has(c.line) && !saidFor.has(`${c.path.split('.')[0]}\0${c.value}`))
      .map((c) => ({
        path,
        line: c.line,
        messageId: 'chartDefault' as const,
        title: 'Chart ships a default password',
        data: { name: c.path },
        remediation: CHART_DEFAULT_REMEDIATION,
        key: `chart-default:${c.path}`,
        credentials: { heldBy: 'moved' as const, credentials: [{ name: c.path, value: c.value, distinct: false }] },
      })),
  ].sort((a, b) => a.line - b.line);
}

const CHART_DEFAULT_REMEDIATION = [
  'Ship no password in the chart: leave the value empty and have the chart generate one on install, or require it, and let the deployment bring it from a Secret:',
  '',
  '```yaml',
  'auth:',
  '  password: ""            # generated on install when empty',
  '  existingSecret: ""      # or the name of a Secret the deployment creates',
  '```',
  '',
  'In the template, `{{ required "set auth.password or auth.existingSecret" .Values.auth.password }}` refuses to install without one. Then change the password on every release already installed with the default: a chart upgrade does not.',
].join('\n');

/**
 * What a values file is to the Helm chart beside it (a `Chart.yaml` in its folder): `installed` for the values an
 * install reads (`values.yaml`, `values-production.yaml`), `aside` for those kept for the linter, tests or as an
 * example (`values.lint.yaml`, see isChartValuesName); undefined for any other file.
 */
async function chartValuesFile(ctx: CheckContext, path: string): Promise<'installed' | 'aside' | undefined> {
  const name = basename(path);
  const installed = isChartValuesName(name);
  if (!installed && !/^values[.-].*\.ya?ml$/i.test(name)) return undefined;
  if ((await ctx.text(repoJoin(repoDir(path), 'Chart.yaml'))) === null) return undefined;
  return installed ? 'installed' : 'aside';
}

/**
 * Passwords a Helm chart's values file (an installed one, see chartValuesFile) ships on the change's added lines
 * (see chartDefaults), less the settings whose base already shipped the same value.
 */
async function chartDefaultsAdded(ctx: CheckContext, file: ChangedFile): Promise<{ found: ChartDefault[]; unread: ReadonlySet<number> }> {
  const none = { found: [], unread: new Set<number>() };
  const yaml = await ctx.yaml(file.path);
  if (!yaml) return none;
  const added = ctx.newLines(file.path);
  const unread = unreadChartLines(yaml);
  const found = chartDefaults(yaml).filter((c) => added.has(c.line));
  if (found.length === 0) return { found, unread };
  const basePath = file.previousPath ?? file.path;
  const baseYaml = file.status === 'added' || file.status === 'copied' ? null : await ctx.yaml(basePath, 'base');
  const before = new Set(baseYaml ? chartDefaults(baseYaml).map((c) => `${c.path}=${c.value}`) : []);
  return { found: found.filter((c) => !before.has(`${c.path}=${c.value}`)), unread };
}

/**
 * Environment reads with a literal default in Ruby, PHP, Go, Rust, C#, Java and Kotlin code and in Spring's
 * configuration (see envDefaults), for secret-named variables: judged as the JavaScript reads are (see
 * hitFindings). A default the file's base already had for the same variable is not the change's.
 */
async function envDefaultFindings(ctx: CheckContext, file: ChangedFile, language: EnvLanguage): Promise<FindingDraft<MessageId>[]> {
  const text = await ctx.text(file.path);
  if (text === null) return [];
  // Laravel's stock `'key' => env('APP_KEY', 'SomeRandomString')`: its encrypter refuses a key that is not the cipher's
  // 16 or 32 bytes, so the words describing the value wanted cannot run, and `php artisan key:generate` writes the real one.
  const laravelStockKey = (d: EnvDefault) => language === 'php' && d.name === 'APP_KEY' && describesItself(d.literal);
  const relevant = (d: EnvDefault) => namesSecretValue(d.name) && d.literal.trim() !== '' && !laravelStockKey(d) && !standsInForCloudKey(d.name, d.literal);
  // One finding per variable and default: Laravel's `config/database.php` repeats `env('DB_PASSWORD', 'secret')` per connection.
  const seen = new Set<string>();
  let hits = envDefaults(text, language).filter((d) => relevant(d) && !seen.has(`${d.name}\0${d.literal}`) && seen.add(`${d.name}\0${d.literal}`));
  if (!hits.length) return [];
  if (language === 'spring' && connectsOnlyLocally(text)) {
    // A Spring profile whose every URL, fallbacks included, is the local machine (`${POSTGRES_URL:jdbc:postgresql://localhost/app}`)
    // and whose password default is the one the repository's development compose stack gives its database points the app
    // at that local database: the default is the development stack's own login, which no deployment's database accepts.
    const local = await developmentStackPasswords(ctx, file.path);
    if (local.size > 0) hits = hits.filter((d) => !local.has(d.literal));
    if (!hits.length) return [];
  }
  const baseText = file.status === 'added' || file.status === 'copied' ? null : await ctx.text(file.previousPath ?? file.path, 'base');
  const baseHits = baseText === null ? [] : envDefaults(baseText, language).filter(relevant);
  const before = new Set(baseHits.map((d) => `${d.name}\0${d.literal}`));
  // A setting whose value already fell back to a literal in the file's base (hmcts' `totp_secret: ${S2S_SECRET:AAAA…B}`):
  // a change that renames the variable or edits the default leaves it as it was, starting with a value in the code.
  const baseLines = baseText === null ? [] : splitLines(baseText);
  const lines = splitLines(text);
  const settingsBefore = new Set(baseHits.map((d) => settingKey(baseLines[d.line - 1] ?? '')).filter((k): k is string => k !== undefined));
  const findings = hitFindings(
    file.path,
    text,
    hits.map((d) => ({ line: d.line, endLine: d.endLine, name: d.name, literal: d.literal, literalLine: d.literalLine, form: d.language })),
    (hit) => before.has(`${hit.name}\0${hit.literal}`) || settingsBefore.has(settingKey(lines[hit.line - 1] ?? '') ?? '\0'),
  );
  // The same setting with the same default on lines the change removes from another file it may move from (a
  // Spring Boot migration that deletes `MySQLConfiguration`'s `"jdbc.password"` / `"password"` constants and reads
  // `@Value("${jdbc.password:password}")` in a new properties class): moved, not introduced (src/engine/held-credentials.ts).
  for (const draft of findings) {
    const hit = hits.find((d) => d.line === draft.line);
    if (hit) draft.credentials = { heldBy: 'moved', credentials: [{ name: hit.name, value: hit.literal, distinct: false }] };
  }
  return findings;
}

/**
 * The setting a line assigns, as the file names it: `totp_secret` in `    totp_secret: ${S2S_SECRET:…}`, `SECRET_KEY`
 * in `SECRET_KEY = os.getenv(…)`, `jwt.secret` in `jwt.secret=${JWT_SECRET:…}`; undefined for any other shape.
 */
function settingKey(line: string): string | undefined {
  return /^\s*(?:-\s+)?["']?([\w.-]+)["']?\s*[:=]/.exec(line)?.[1];
}

/** Last words of a name whose value is the secret itself (`DB_PASSWORD`, `APP_KEY`, `jwt.secret`), not a setting about one (`AUTH_PASSWORD_BROKER`, `…_TOKEN_TABLE`). */
const SECRET_VALUE_ENDINGS = new Set(['secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'pw', 'key', 'token', 'salt', 'pepper', 'passphrase', 'credential', 'credentials', 'mnemonic', 'seed']);
const namesSecretValue = (name: string): boolean => isSecretName(name) && (SECRET_VALUE_ENDINGS.has(nameWords(name).at(-1) ?? '') || signsWith(name));

/** How each language reads a required variable: fails at start-up when it is missing. */
const REQUIRED_READ: Record<EnvLanguage, (name: string) => [string, string]> = {
  ruby: (name) => ['ruby', `secret = ENV.fetch(${JSON.stringify(name)})  # KeyError at boot when it is missing`],
  php: (name) => ['php', `$secret = env(${JSON.stringify(name)}) ?? throw new RuntimeException('${name} must be set');`],
  go: (name) => ['go', `secret, ok := os.LookupEnv(${JSON.stringify(name)})
if !ok || secret == "" {
	log.Fatal("${name} must be set")
}`],
  rust: (name) => ['rust', `let secret = std::env::var(${JSON.stringify(name)}).expect("${name} must be set");`],
  csharp: (name) => ['csharp', `var secret = Environment.GetEnvironmentVariable(${JSON.stringify(name)})
    ?? throw new InvalidOperationException("${name} must be set");`],
  java: (name) => ['java', `String secret = System.getenv(${JSON.stringify(name)});
if (secret == null || secret.isEmpty()) throw new IllegalStateException("${name} must be set");`],
  elixir: (name) => ['elixir', `secret = System.fetch_env!(${JSON.stringify(name)})  # raises at boot when it is missing`],
  spring: (name) => ['yaml', `secret: \${${name}}   # no default: Spring refuses to start when it cannot resolve it`],
};

function remediationFor(hit: Hit): string {
  if (hit.form in REQUIRED_READ) {
    const [language, code] = REQUIRED_READ[hit.form as EnvLanguage](hit.name);
    return ['Read the variable without a default, so a deployment that lacks it fails at start-up instead of running with a known key:', '', '```' + language, code, '```', '', 'For local development, set it in an untracked `.env` file or a development profile. Generate a value with `openssl rand -base64 48`, store it in the deployment\'s secret store, and rotate any key that was ever deployed with the old value.'].join('\n');
  }
  const env = hit.form === 'settings' || hit.form === 'assignment' ? hit.name.toUpperCase() : hit.name;
  const generate = 'Generate a value with `python -c "import secrets; print(secrets.token_urlsafe(50))"`, store it in the deployment\'s secret store, and rotate any key that was ever deployed with the old value.';
  switch (hit.form) {
    case 'os':
      return ['Read the variable without a fallback, so a deployment that lacks it fails at start-up instead of running with a known key:', '', '```python', 'import os', '', `${env} = os.environ[${JSON.stringify(env)}]  # KeyError at start-up when it is missing`, '```', '', 'For local development, set it in an untracked `.env` file rather than in code. ' + generate].join('\n');
    case 'config':
      return ['Drop the default: without one, `config`/`env` raise at start-up when the variable is missing:', '', '```python', `${env} = config(${JSON.stringify(env)})`, '```', '', 'For local development, set it in an untracked `.env` file rather than in code. ' + generate].join('\n');
    case 'settings':
      return ['Declare the field without a default, so pydantic refuses to start when the environment does not set it:', '', '```python', 'from pydantic import SecretStr', 'from pydantic_settings import BaseSettings', '', 'class Settings(BaseSettings):', `    ${hit.name}: SecretStr`, '```', '', generate].join('\n');
    case 'assignment':
      return ['Read the key from the environment, with no fallback:', '', '```python', 'import os', '', `${env} = os.environ[${JSON.stringify(env)}]`, '```', '', generate].join('\n');
    case 'image':
      return [
        `Do not bake \`${hit.name}\` into the image: \`ENV\` values are stored in the image's configuration and \`docker history\`. Remove the \`ENV\` line and pass the value when the container starts, from the deployment's secret store:`,
        '',
        '```sh',
        `docker run -e ${hit.name} my-image   # value taken from the environment of the deploying shell or secret manager`,
        '```',
        '',
        'Have the app refuse to start when it is missing, and treat the value that was published as known to everyone: rotate it (for a wallet seed, move the funds to a new wallet).',
      ].join('\n');
    case 'javascript':
      return [
        'Require the variable at start-up instead of falling back to a literal:',
        '',
        '```js',
        'function requireEnv(name) {',
        '  const value = process.env[name];',
        '  if (!value) throw new Error(`${name} must be set`);',
        '  return value;',
        '}',
        '',
        `const ${jsIdentifier(hit.name)} = requireEnv(${JSON.stringify(hit.name)});`,
        '```',
        '',
        'For local development, set it in an untracked `.env` file. Generate a value with `node -e "console.log(require(\'crypto\').randomBytes(48).toString(\'base64url\'))"`, store it in the deployment\'s secret store, and rotate any key that was ever deployed with the old value.',
      ].join('\n');
    default:
      return '';
  }
}

function jsIdentifier(name: string): string {
  const words = nameWords(name);
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('') || 'secret';
}

/**
 * A default as the form of read, setting and value it pairs, however the read is spelt (`os.getenv` or
 * `os.environ.get`, `||` or `??`); a read that becomes a settings field (`DEFAULT_PASSWORD: str = …`) is a new default.
 */
const defaultKey = (hit: Pick<Hit, 'form' | 'name' | 'literal'>) => `${hit.form}\0${hit.name}\0${hit.literal}`;
/** The same default read under any variable name: an environment variable the change renames keeps its fallback. */
const renamedKey = (hit: Pick<Hit, 'form' | 'literal'>) => `renamed\0${hit.form}\0${hit.literal}`;

/**
 * The defaults (form of read, setting and value, counted) the base version of `file` had on the lines the change
 * removes: a line rewritten around a fallback that was already there (`os.getenv` turned into
 * `os.environ.get`, a `jwt.sign` call changed around `process.env.JWT_SECRET || '…'`) keeps the default,
 * it does not introduce it. A renamed file is compared with its old path.
 */
async function defaultsOnRemovedLines(ctx: CheckContext, file: ChangedFile, python: boolean): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (file.status === 'added' || file.status === 'copied' || file.removed.length === 0) return out;
  const path = file.previousPath ?? file.path;
  const text = await ctx.text(path, 'base');
  if (text === null || !(python ? PYTHON_CANDIDATE : JAVASCRIPT_CANDIDATE).test(text)) return out;
  const removed = new Set(file.removed.map((l) => l.line));
  let hits: Hit[];
  if (python) {
    const parsed = await ctx.python(path, 'base');
    hits = parsed ? pythonHits(parsed.tree.rootNode, text) : [];
  } else {
    hits = javascriptHits(text);
  }
  for (const hit of hits) {
    let onRemoved = false;
    for (let n = hit.line; n <= hit.endLine && !onRemoved; n++) onRemoved = removed.has(n);
    if (!onRemoved) continue;
    out.set(defaultKey(hit), (out.get(defaultKey(hit)) ?? 0) + 1);
    if (readsEnvironment(hit)) out.set(renamedKey(hit), (out.get(renamedKey(hit)) ?? 0) + 1);
  }
  return out;
}

/** A default on lines a file of the change loses, `left` times more than it keeps them. */
interface MovedDefault {
  from: string;
  left: number;
}

/**
 * The defaults (see defaultKey) on the lines each Python or JavaScript file of the change loses, deleted
 * files included (their old path for a rename): where a fallback moved to another file with the code around
 * it (a plugin's token route moved to a shared folder, `process.env.X || 'defaultSecretKey'` going with it).
 */
async function defaultsMovedOut(ctx: CheckContext): Promise<Map<string, MovedDefault[]>> {
  const out = new Map<string, MovedDefault[]>();
  for (const file of [...ctx.files(), ...ctx.removedFiles()]) {
    if (file.problem || file.removed.length === 0 || !(isPython(file.path) || isJavaScript(file.path))) continue;
    for (const [key, left] of await defaultsOnRemovedLines(ctx, file, isPython(file.path))) out.set(key, [...(out.get(key) ?? []), { from: file.previousPath ?? file.path, left }]);
  }
  return out;
}

type MessageId = 'settings' | 'fallback' | 'hardcoded' | 'image' | 'djangoInsecure' | 'defaultCredential' | 'defaultCredentialUrl' | 'chartDefault' | 'composeFallback' | 'composeDefaultCredential';

export default defineCheck({
  id: 'insecure-default-secret',
  title: 'Secret falls back to a value in the code',
  severity: 'warning',
  scope: 'line',
  acrossFiles: 'message',
  // A default password opens a door in every file that deploys it: a production compose file copied from
  // another deployed one (lago's docker-compose.production.yml from docker-compose.light.yml) opens its own.
  newInCopies: ['defaultCredential', 'defaultCredentialUrl', 'chartDefault', 'composeDefaultCredential', 'composeFallback'],
  // A default password in a committed env file is that file's finding (env-file-committed names the key): said once.
  yieldsTo: ['env-file-committed'],
  messages: {
    fallback: '`{{name}}` falls back to a value written in the code when the environment does not set it: a deployment that forgets the variable starts anyway, with a secret anyone who can read the code knows.',
    settings: 'The settings field `{{name}}` defaults to a value written in the code: when the environment does not set it, the app starts with a secret anyone who can read the code knows.',
    hardcoded: '`{{name}}` is set to a value written in the code: every deployment shares a key anyone who can read the repository knows, so they can forge sessions and signed tokens.',
    image: '`{{name}}` is set to a value written in the Dockerfile: every container started from the image, and everyone who can pull it or read the repository, has the same secret unless the deployment overrides it.',
    defaultCredential: '`{{name}}` is set to a well-known default password in production configuration: it is the first value anyone tries, and the service accepts it.',
    chartDefault: 'The chart ships `{{name}}` with a fixed value: it is published with the chart, and every install that does not override it runs with the same password.',
    defaultCredentialUrl: 'This `{{name}}` URL carries a well-known default password in production configuration: it is the first value anyone tries, and the service accepts it.',
    composeFallback: '`{{name}}` falls back to a value written in this compose file when the environment does not set it: every deployment that forgets the variable runs with a secret anyone who can read the repository knows.',
    composeDefaultCredential: '`{{name}}` falls back to a well-known default password in this compose file when the environment does not set it: every deployment that forgets the variable accepts the first value anyone tries.',
    djangoInsecure: '`{{name}}` is a `django-insecure-` development key written in the code: anyone who can read the repository can forge sessions, password-reset links and signed cookies wherever it is used.',
  },
  remediation: 'Read the secret from the environment without a fallback (`os.environ["SECRET_KEY"]`, `process.env.X` with a start-up check), so a deployment that lacks it fails fast.',
  async run(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    let movedOut: Promise<Map<string, MovedDefault[]>> | undefined;
    for (const file of ctx.files()) {
      if (file.problem || !file.added.length) continue;
      const python = isPython(file.path);
      if (isDockerfile(file.path)) {
        if (isVendored(file.path) || (await ctx.role(file.path)).role !== 'production') continue;
        const content = await ctx.read(file.path);
        const dockerfile = content?.text ? await ctx.dockerfile(file.path) : null;
        if (content?.text && dockerfile) findings.push(...hitFindings(file.path, content.text, imageHits(dockerfile, content.text.split(/\r?\n/))));
        continue;
      }
      const language = envLanguage(file.path);
      if (language && !isVendored(file.path) && !isNonProductionCode(file.path) && (await ctx.role(file.path)).role === 'production') findings.push(...(await envDefaultFindings(ctx, file, language)));
      if (language && language !== 'spring') continue;
      if (!python && !isJavaScript(file.path)) {
        if (!(await isProductionConfig(ctx, file.path))) continue;
        const credentials = await defaultCredentialFindings(ctx, file);
        findings.push(...credentials);
        const text = isEnvFile(file.path) ? null : await ctx.text(file.path);
        if (text !== null && (await isComposeConfig(ctx, file.path))) findings.push(...(await composeFallbackFindings(ctx, file, text, new Set(credentials.map((f) => f.line)))));
        continue;
      }
      if (isVendored(file.path) || isNonProductionCode(file.path) || NOT_DEPLOYED_CODE.has((await ctx.role(file.path)).role)) continue;
      const content = await ctx.read(file.path);
      if (!content?.text || !(python ? PYTHON_CANDIDATE : JAVASCRIPT_CANDIDATE).test(content.text)) continue;
      const parsed = python ? await ctx.python(file.path) : null;
      // A fallback inside a branch that runs only outside production (`if DEBUG:`, `if ENVIRONMENT not in [..., "PRODUCTION"]:`)
      // is the local or CI environment's value: production never reads it.
      const hits = python ? (parsed ? pythonHits(parsed.tree.rootNode, content.text).filter((hit) => developmentBranchAtLine(parsed.tree.rootNode, hit.line) === undefined) : []) : javascriptHits(content.text);
      if (!hits.length) continue;
      const rewritten = await defaultsOnRemovedLines(ctx, file, python);
      // Only when this file's own removed lines do not account for a default are the other files' looked at.
      const elsewhere = hits.some((hit) => !rewritten.has(defaultKey(hit))) ? await (movedOut ??= defaultsMovedOut(ctx)) : new Map<string, MovedDefault[]>();
      const fromProduction = isNonProductionCode(file.path) ? () => true : (from: string) => !isNonProductionCode(from);
      // The same setting fell back to the same value, read the same way, on a line the change rewrote (here, or in a
      // file of the change it was moved out of): not the change's doing.
      const carriedOver = (hit: Hit) => {
        const key = defaultKey(hit);
        if (!ctx.isNew(file.path, hit.line, hit.endLine)) return false;
        const left = rewritten.get(key) ?? 0;
        if (left > 0) {
          rewritten.set(key, left - 1);
          return true;
        }
        // The environment variable renamed around the same literal, on a line the change rewrote (kubero's
        // `KUBERO_JWT_SECRET` become `JWT_SECRET` above an untouched `'…'`): a deployment that sets neither starts
        // with the default, as before.
        const renamed = readsEnvironment(hit) ? (rewritten.get(renamedKey(hit)) ?? 0) : 0;
        if (renamed > 0) {
          rewritten.set(renamedKey(hit), renamed - 1);
          return true;
        }
        const moved = elsewhere.get(key)?.find((m) => m.left > 0 && m.from !== (file.previousPath ?? file.path) && fromProduction(m.from));
        if (!moved) return false;
        moved.left--;
        return true;
      };
      const sibling = await fallbacksInSiblings(ctx, file.path, hits.filter((h) => readsEnvironment(h) && !rewritten.has(defaultKey(h))));
      findings.push(...hitFindings(file.path, content.text, hits, (hit) => carriedOver(hit) || (readsEnvironment(hit) && sibling.has(`${hit.name}\0${hit.literal}`))));
    }
    return findings;
  },
});

/** Roles of code that no deployment runs: a test harness (`internal/acceptance/`), an example, an archive. */
const NOT_DEPLOYED_CODE: ReadonlySet<string> = new Set(['test', 'example', 'archived']);

/** Whether a hit is an environment read with a fallback (`os.environ.get("X", "…")`, `process.env.X || "…"`), not a settings value or a hard-coded assignment. */
const readsEnvironment = (hit: Hit) => hit.form !== 'settings' && hit.form !== 'assignment' && hit.form !== 'image';

/** At most this many base files of a module's folder are read for the defaults they already fall back to. */
const MAX_SIBLINGS = 20;

/**
 * The environment reads of `hits` (name and literal) that a base file of the same language in the same folder
 * already falls back to the same way (`os.environ.get("POSTGRES_PASSWORD", "postgres")` in `server/main.py`,
 * repeated by a new `server/db.py`): the service already connects with that default when the variable is unset,
 * so one more module that reads it opens no new door. Read only for fallbacks a change adds to a file.
 */
async function fallbacksInSiblings(ctx: CheckContext, path: string, hits: readonly Hit[]): Promise<Set<string>> {
  const held = new Set<string>();
  if (hits.length === 0) return held;
  const ext = /\.[^./]+$/.exec(path)?.[0];
  if (!ext) return held;
  const siblings = ((await ctx.list(repoDir(path), 'base')) ?? []).filter((p) => p !== path && p.endsWith(ext)).slice(0, MAX_SIBLINGS);
  for (const sibling of siblings) {
    const text = await ctx.text(sibling, 'base');
    if (text === null) continue;
    for (const hit of hits) {
      const quoted = (v: string) => `["'\`]${escapeRegExp(v)}["'\`]`;
      if (new RegExp(`${quoted(hit.name)}.*${quoted(hit.literal)}`).test(text)) held.add(`${hit.name}\0${hit.literal}`);
    }
    if (held.size === new Set(hits.map((h) => `${h.name}\0${h.literal}`)).size) break;
  }
  return held;
}

/** One finding per line for the hits that are not stand-ins, lookup keys or real secrets (which the `secrets` check reports on its line). */
function hitFindings(path: string, text: string, hits: Hit[], carriedOver: (hit: Hit) => boolean = () => false): FindingDraft<MessageId>[] {
  if (!hits.length) return [];
  const secretLines = new Set(scanTextForSecrets(text, path, { lines: hits.map((h) => h.literalLine) }).map((m) => m.line));
  const seenLines = new Set<number>();
  const findings: FindingDraft<MessageId>[] = [];
  for (const hit of hits.sort((a, b) => a.line - b.line)) {
    if (seenLines.has(hit.line)) continue;
    seenLines.add(hit.line);
    // A rate, duration or size (`"60/min"`) is what the setting limits, not a secret: the name only mentions one.
    if (isHarmlessStandIn(hit.name, hit.literal) || presentedByClient(hit) || restatesName(hit.name, hit.literal) || isQuantity(hit.literal) || secretLines.has(hit.literalLine) || carriedOver(hit)) continue;
    const messageId: MessageId = hit.literal.startsWith('django-insecure-') ? 'djangoInsecure' : hit.form === 'settings' ? 'settings' : hit.form === 'assignment' ? 'hardcoded' : hit.form === 'image' ? 'image' : 'fallback';
    const draft: FindingDraft<MessageId> = {
      path,
      line: hit.line,
      endLine: hit.endLine,
      messageId,
      data: { name: hit.name },
      remediation: remediationFor(hit),
      // The same setting falling back to the same value, however it is read: a changed value is a new default.
      subject: `${hit.name}:${digest(hit.literal)}`,
      key: `${hit.form}:${hit.name}:${digest(hit.literal)}`,
    };
    if (hit.suggestion !== undefined && hit.line === hit.endLine) draft.suggestion = hit.suggestion;
    findings.push(draft);
  }
  return findings;
}
