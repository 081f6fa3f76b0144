// cors-wildcard: CORS configuration that lets every origin read the API's responses (worse with credentials).
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { parseEnvFile } from '../src/parse/env-file.js';
import { basename, isEnvFile, isEnvTemplate, isJavaScript, isProductionEnvFile, isPython, isVendored, isYaml, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { developmentBranchAt, enclosingFunction, enclosingFunctions, enclosingIfCondition, javascriptImports, lineAt, lineStarts, maskJavaScript, openersAround } from '../src/parse/javascript.js';
import { maskGo } from '../src/parse/go.js';
import { descendants, developmentBranchAtLine, dottedName, importedNames, isTrue, keywordArguments, positionalArguments, stringValue, type PyNode } from '../src/parse/python.js';
import { envRead } from '../src/parse/python-env.js';
import { escapeRegExp } from '../src/parse/regexp.js';

type Framework = 'fastapi' | 'flask' | 'django' | 'express' | 'spring' | 'aspnet' | 'go' | 'rack' | 'nginx' | 'apache' | 'header';

interface Hit {
  line: number;
  framework: Framework;
  /** The configuration as written, for the message (`allow_origins=["*"]`). */
  source: string;
  /** The setting that allows every origin, for the fingerprint. */
  setting: string;
  /**
   * `reflect` when the library answers with the caller's own origin once credentials are on (any site
   * then acts as the user); `literal` when it sends `*`, which browsers refuse together with credentials.
   */
  behaviour: 'reflect' | 'literal';
  credentials: boolean;
}

const DOCUMENT = /\.(md|markdown|rst|txt|adoc|html?|svg|lock|min\.js|map|snap)$/i;
const HINT = /cors|access-control-allow-origin|origin|credentials/i;
/** Python is parsed only when one of the recognised CORS set-ups is named in the file. */
const PYTHON_CANDIDATE = /CORSMiddleware|flask_cors|CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL|CORS_ALLOWED_ORIGIN_REGEXES|CORS_ORIGIN_REGEX_WHITELIST/;

/** A regular expression that matches every origin: `.*`, `^.*$`, `https?://.*`, `(.*)`. */
const ANY_ORIGIN_REGEX = /^\^?(?:https?\??:(?:\\?\/){2})?\(?\.[*+]\)?\$?$/;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `\`${flat.length > 70 ? `${flat.slice(0, 69)}…` : flat}\``;
}

// ---------------------------------------------------------------- Python: FastAPI/Starlette, Flask-CORS, Django

interface OriginVerdict {
  /** Where the wildcard is written: the argument itself, or a module-level assignment it names. */
  at: PyNode;
}

/** Whether `node` (an origins value) allows every origin, following one module-level variable and env defaults. */
function wildcardOrigins(node: PyNode | null, root: PyNode, regex: boolean, depth = 0): OriginVerdict | null {
  if (!node || depth > 2) return null;
  const value = stringValue(node);
  if (value !== null) return value.trim() === '*' || (regex && ANY_ORIGIN_REGEX.test(value.trim())) ? { at: node } : null;
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') {
    return node.namedChildren.some((c) => c && wildcardOrigins(c, root, regex, depth + 1)) ? { at: node } : null;
  }
  if (node.type === 'identifier') {
    const assignment = moduleAssignment(root, node.text);
    const found = assignment ? wildcardOrigins(assignment.childForFieldName('right'), root, regex, depth + 1) : null;
    return found && assignment ? { at: assignment } : null;
  }
  // `os.getenv("CORS_ORIGINS", "*").split(",")`, also inside a comprehension: the default allows every origin.
  if (node.type === 'call' || node.type === 'list_comprehension') {
    for (const call of descendants(node, 'call')) {
      const read = envRead(call);
      const fallback = stringValue(read?.defaultNode ?? null);
      if (fallback !== null && fallback.split(/[,\s]+/).includes('*')) return { at: node };
    }
  }
  return null;
}

/** The last module-level `name = …` assignment. */
function moduleAssignment(root: PyNode, name: string): PyNode | null {
  let found: PyNode | null = null;
  for (const statement of root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name) found = assignment;
  }
  return found;
}

const lastSegment = (name: string | null) => (name ?? '').split('.').pop() ?? '';

function pythonHits(root: PyNode, source: string, addedLines: ReadonlySet<number>): Hit[] {
  const hits: Hit[] = [];
  const imports = importedNames(root);
  const fromFlaskCors = (name: string) => imports.get(name)?.module === 'flask_cors';
  /** The argument's line, or the line of the assignment it names when only that one is new. */
  const lineOf = (argument: PyNode, verdict: OriginVerdict) => {
    const argLine = argument.startPosition.row + 1;
    const atLine = verdict.at.startPosition.row + 1;
    return !addedLines.has(argLine) && addedLines.has(atLine) ? atLine : argLine;
  };

  for (const call of descendants(root, 'call')) {
    const callee = dottedName(call.childForFieldName('function'));
    const positional = positionalArguments(call);
    const keywords = keywordArguments(call);
    // FastAPI / Starlette: app.add_middleware(CORSMiddleware, …), Middleware(CORSMiddleware, …), CORSMiddleware(app, …)
    if (lastSegment(callee) === 'CORSMiddleware' || positional.some((a) => lastSegment(dottedName(a)) === 'CORSMiddleware')) {
      const credentials = isTrue(keywords.get('allow_credentials') ?? null);
      for (const [setting, regex] of [['allow_origins', false], ['allow_origin_regex', true]] as const) {
        const argument = keywords.get(setting);
        const verdict = argument ? wildcardOrigins(argument, root, regex) : null;
        if (!argument || !verdict) continue;
        hits.push({ line: lineOf(argument.parent ?? argument, verdict), framework: 'fastapi', source: snippet(`${setting}=${argument.text}`), setting, behaviour: 'reflect', credentials });
      }
      continue;
    }
    // Flask-CORS: CORS(app, …) and @cross_origin(…); origins default to every origin.
    const flaskCors = callee === 'flask_cors.CORS' || (callee === 'CORS' && fromFlaskCors('CORS')) || callee === 'flask_cors.cross_origin' || (callee === 'cross_origin' && fromFlaskCors('cross_origin'));
    if (flaskCors) hits.push(...flaskCorsHits(call, callee, root, source, lineOf));
  }

  // @cross_origin without a call: every origin.
  for (const decorator of descendants(root, 'decorator')) {
    const expression = decorator.namedChildren[0];
    if (expression?.type === 'identifier' && expression.text === 'cross_origin' && fromFlaskCors('cross_origin')) {
      hits.push({ line: decorator.startPosition.row + 1, framework: 'flask', source: snippet('@cross_origin'), setting: 'cross_origin', behaviour: 'reflect', credentials: false });
    }
  }

  // Django (django-cors-headers): CORS_ALLOW_ALL_ORIGINS = True, CORS_ORIGIN_ALLOW_ALL = True, match-all origin regexes.
  const credentials = isTrue(moduleAssignment(root, 'CORS_ALLOW_CREDENTIALS')?.childForFieldName('right') ?? null);
  for (const statement of root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const name = assignment.childForFieldName('left')?.text ?? '';
    const right = assignment.childForFieldName('right');
    const allowAll = (name === 'CORS_ALLOW_ALL_ORIGINS' || name === 'CORS_ORIGIN_ALLOW_ALL') && isTrue(right);
    const anyRegex = (name === 'CORS_ALLOWED_ORIGIN_REGEXES' || name === 'CORS_ORIGIN_REGEX_WHITELIST') && wildcardOrigins(right, root, true) !== null;
    if (allowAll || anyRegex) hits.push({ line: assignment.startPosition.row + 1, framework: 'django', source: snippet(assignment.text), setting: name, behaviour: 'reflect', credentials });
  }
  return hits;
}

function flaskCorsHits(call: PyNode, callee: string, root: PyNode, source: string, lineOf: (argument: PyNode, verdict: OriginVerdict) => number): Hit[] {
  const keywords = keywordArguments(call);
  const hits: Hit[] = [];
  const topCredentials = isTrue(keywords.get('supports_credentials') ?? null);
  const hit = (line: number, text: string, setting: string, credentials: boolean): Hit => ({ line, framework: 'flask', source: snippet(text), setting, behaviour: 'reflect', credentials });
  const origins = keywords.get('origins');
  if (origins) {
    const verdict = wildcardOrigins(origins, root, true);
    if (verdict) hits.push(hit(lineOf(origins.parent ?? origins, verdict), `origins=${origins.text}`, 'origins', topCredentials));
    return hits;
  }
  const resources = keywords.get('resources');
  if (resources?.type === 'dictionary') {
    // Each resource's own options; a resource without `origins` gets the default, every origin.
    for (const pair of resources.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const options = pair.childForFieldName('value');
      if (options?.type !== 'dictionary') continue;
      const entries = new Map<string, PyNode>();
      for (const entry of options.namedChildren) {
        const key = entry?.type === 'pair' ? stringValue(entry.childForFieldName('key')) : null;
        const value = entry?.childForFieldName('value');
        if (key !== null && value) entries.set(key, entry!);
      }
      const credentials = topCredentials || isTrue(entries.get('supports_credentials')?.childForFieldName('value') ?? null);
      const resourceOrigins = entries.get('origins');
      if (!resourceOrigins) {
        hits.push(hit(pair.startPosition.row + 1, pair.text, 'resources', credentials));
        continue;
      }
      const verdict = wildcardOrigins(resourceOrigins.childForFieldName('value'), root, true);
      if (verdict) hits.push(hit(lineOf(resourceOrigins, verdict), resourceOrigins.text, 'origins', credentials));
    }
    return hits;
  }
  // `CORS()` with nothing is configured later through `init_app`; configuration keys may also set the origins.
  const bare = lastSegment(callee) === 'CORS' && positionalArguments(call).length === 0 && keywords.size === 0;
  if (bare || /\bCORS_(ORIGINS|RESOURCES)\b/.test(source)) return hits;
  hits.push(hit(call.startPosition.row + 1, call.text, lastSegment(callee), topCredentials));
  return hits;
}

// ---------------------------------------------------------------- JavaScript / TypeScript: cors, Hono, Koa, Fastify, Nest

/** CORS middleware packages and what they do without an `origin` option. */
const JS_CORS_PACKAGES: Record<string, 'literal' | 'reflect'> = {
  cors: 'literal',
  'hono/cors': 'literal',
  '@fastify/cors': 'literal',
  'fastify-cors': 'literal',
  '@koa/cors': 'reflect',
  'koa-cors': 'reflect',
  'koa2-cors': 'reflect',
  '@elysiajs/cors': 'reflect',
};

function javascriptHits(source: string, masked: string): Hit[] {
  if (!/cors/i.test(masked)) return [];
  const starts = lineStarts(source);
  const credentials = /(?<![\w$])credentials\s*:\s*true\b/.test(masked);
  const hits: Hit[] = [];
  const push = (offset: number, text: string, setting: string, behaviour: Hit['behaviour']) =>
    hits.push({ line: lineAt(starts, offset), framework: 'express', source: snippet(text), setting, behaviour, credentials });

  for (const [local, binding] of javascriptImports(source)) {
    const defaults = JS_CORS_PACKAGES[binding.module];
    if (!defaults || (binding.name !== 'default' && binding.name !== 'cors')) continue;
    const name = escapeRegExp(local);
    // `cors()` with no options: the package default.
    for (const m of masked.matchAll(new RegExp(String.raw`(?<![\w$.])${name}\s*\(\s*\)`, 'g'))) push(m.index, m[0], 'default', defaults);
    // `fastify.register(cors)` with no options.
    for (const m of masked.matchAll(new RegExp(String.raw`\.register\(\s*${name}\s*\)`, 'g'))) push(m.index, m[0], 'default', defaults);
  }
  // Nest: app.enableCors() and NestFactory.create(AppModule, { cors: true }) use the cors package defaults.
  for (const m of masked.matchAll(/\.enableCors\(\s*\)/g)) push(m.index, m[0], 'default', 'literal');
  if (/\bNestFactory\b/.test(masked)) for (const m of masked.matchAll(/(?<![\w$])cors\s*:\s*true\b/g)) push(m.index, m[0], 'default', 'literal');
  // `origin: "*"` (also as the fallback of `process.env.X || "*"` or `env.url ? env.url : "*"`) sends a wildcard;
  // `origin: true` echoes whatever origin asks.
  for (const m of masked.matchAll(/(?<![\w$.])origin\s*:\s*(?:(?:[\w$.]+\s*(?:\|\||\?\?)\s*|(?<set>[\w$.]+)\s*\?\s*\k<set>\s*:\s*)?(["'`])(_)\2|true\b)/dg)) {
    if (m[3] !== undefined) {
      const at = m.indices![3]![0];
      if (source[at] === '*') push(m.index, source.slice(m.index, at + 2), 'origin', 'literal');
    } else push(m.index, m[0], 'origin', 'reflect');
  }
  return hits;
}

// ---------------------------------------------------------------- Java, Kotlin, C#, Go and Ruby CORS settings

interface SettingPattern {
  framework: Framework;
  /** The files the pattern is read in. */
  file: RegExp;
  /** Openings to every origin, each with its setting's name and how it answers. */
  openings: { pattern: RegExp; setting: string; behaviour: Hit['behaviour'] }[];
  /** Credentials allowed anywhere in the file. */
  credentials: RegExp;
  /** A file that configures only a development or test profile (Spring's `@Profile("dev")`). */
  development?: RegExp;
}

const SETTING_PATTERNS: SettingPattern[] = [
  {
    // Spring MVC / WebFlux: `@CrossOrigin` alone allows every origin; so do `"*"` origins in a CorsRegistry or CorsConfiguration.
    framework: 'spring',
    file: /\.(?:java|kt)$/i,
    openings: [
      { pattern: /@CrossOrigin\b(?!\s*\()|@CrossOrigin\s*\(\s*\)|@CrossOrigin\s*\((?:[^)"]*\b(?:origins|value|originPatterns)\s*=\s*)?(?:\{\s*|\[\s*)?"\*"/, setting: '@CrossOrigin', behaviour: 'literal' },
      { pattern: /\.(?:allowedOrigins|allowedOriginPatterns|addAllowedOrigin|addAllowedOriginPattern)\(\s*"\*"|\.set(?:AllowedOrigins|AllowedOriginPatterns)\(\s*(?:List\.of|Arrays\.asList|listOf|mutableListOf|Collections\.singletonList)\(\s*"\*"/, setting: 'allowedOrigins', behaviour: 'literal' },
    ],
    credentials: /allowCredentials\s*\(\s*true\s*\)|setAllowCredentials\s*\(\s*true\s*\)|allowCredentials\s*=\s*"true"/,
    development: /@Profile\s*\(\s*(?:value\s*=\s*)?\{?\s*"(?:dev|development|local|test)"/,
  },
  {
    // ASP.NET Core: `AllowAnyOrigin()`, `WithOrigins("*")`, or a predicate that allows every origin (echoed back).
    framework: 'aspnet',
    file: /\.cs$/i,
    openings: [
      { pattern: /\.AllowAnyOrigin\s*\(\s*\)|\.WithOrigins\(\s*"\*"\s*\)/, setting: 'AllowAnyOrigin', behaviour: 'literal' },
      { pattern: /\.SetIsOriginAllowed\(\s*(?:\(?\s*_?\w*\s*\)?)\s*=>\s*true\s*\)/, setting: 'SetIsOriginAllowed', behaviour: 'reflect' },
    ],
    credentials: /\.AllowCredentials\s*\(\s*\)/,
  },
  {
    // gin-contrib/cors, rs/cors, Echo and Fiber: `AllowAllOrigins: true`, `"*"` origins, and the packages' defaults, which allow every origin.
    framework: 'go',
    file: /\.go$/i,
    openings: [
      { pattern: /\bAllowAllOrigins\s*(?::|=(?!=))\s*true\b|\bAllow(?:ed)?Origins\s*(?::|=(?!=))\s*(?:\[\]string\{\s*)?"\*"/, setting: 'AllowOrigins', behaviour: 'literal' },
      { pattern: /\bcors\.(?:Default|AllowAll)\(\s*\)|\bmiddleware\.CORS\(\s*\)/, setting: 'default', behaviour: 'literal' },
    ],
    credentials: /\bAllowCredentials\s*(?::|=(?!=))\s*true\b/,
  },
  {
    // rack-cors (Rails `config/initializers/cors.rb`): `origins '*'` in an `allow` block.
    framework: 'rack',
    file: /\.rb$/i,
    openings: [{ pattern: /^\s*origins\s*\(?\s*(["'])\*\1/, setting: 'origins', behaviour: 'literal' }],
    credentials: /\bcredentials\s*:\s*true\b/,
  },
];

/** Openings in Java, Kotlin, C#, Go and Ruby CORS settings on `lines` (see SETTING_PATTERNS); comment lines are left out. */
function settingHits(path: string, source: string, lines: readonly number[]): Hit[] {
  const spec = SETTING_PATTERNS.find((p) => p.file.test(path));
  if (!spec || (spec.development && spec.development.test(source))) return [];
  const all = source.split('\n');
  const credentials = spec.credentials.test(source);
  const hits: Hit[] = [];
  for (const line of lines) {
    const text = all[line - 1];
    if (text === undefined || COMMENT_LINE.test(text)) continue;
    for (const opening of spec.openings) {
      const match = opening.pattern.exec(text);
      if (!match) continue;
      hits.push({ line, framework: spec.framework, source: snippet(match[0]), setting: opening.setting, behaviour: opening.behaviour, credentials });
      break;
    }
  }
  return hits;
}

// ---------------------------------------------------------------- Any language or server config: a literal `*` header

/** `setHeader('Access-Control-Allow-Origin', '*')`, `{"Access-Control-Allow-Origin": "*"}`, `headers["…"] = "*"`, TOML `"…" = "*"`. */
const HEADER_PAIR = /(["'`])access-control-allow-origin\1\s*(?:[,:]|\]?\s*=(?![=~])|=>)\s*(?:\[\s*|\[\]string\{\s*)?(["'`])\*\2/i;
/** `header("Access-Control-Allow-Origin: *")` and `more_set_headers 'Access-Control-Allow-Origin: *'`. */
const HEADER_LINE = /(["'`])\s*access-control-allow-origin\s*:\s*\*\s*\1/i;
/** nginx `add_header Access-Control-Allow-Origin *;` (quoted or not). */
const NGINX = /(?:^|[\s;{])add_header\s+(["']?)access-control-allow-origin\1\s+(["']?)\*\2(?:\s+always)?\s*;/i;
/** Apache `Header set Access-Control-Allow-Origin "*"`. */
const APACHE = /^\s*header\s+(?:always\s+)?(?:set|add|append|merge)\s+access-control-allow-origin\s+(["']?)\*\1(?:\s|$)/i;
/** Vercel/Firebase/Next.js headers: `{ "key": "Access-Control-Allow-Origin", "value": "*" }`, keys quoted or not. */
const KEY_VALUE = /(?<![\w$])["']?key["']?\s*:\s*["']access-control-allow-origin["']\s*,\s*["']?value["']?\s*:\s*["']\*["']/i;
/** Netlify `_headers`: a bare `Access-Control-Allow-Origin: *` line. */
const BARE_HEADER = /^\s*access-control-allow-origin\s*:\s*\*\s*$/i;
const CREDENTIALS_HEADER = /access-control-allow-credentials["'`\]\s,:=>]{0,8}true/i;
/**
 * Go: the header of a request (`req.Header.Set`, `request.Header.Add`, `httpReq.Header.Set`) — a field of
 * `http.Request`, where a handler's answer goes through the `ResponseWriter`'s `Header()` method: a CORS
 * header on a request the server sends to another API loosens no browser policy.
 */
const GO_REQUEST_HEADER = /(?<![\w.])(?:req|request|\w*Req|\w*Request)\.Header\.(?:Set|Add)\(/;
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|;|<!--|--)/;

function headerHits(path: string, source: string, lines: number[], masked: string | null): Hit[] {
  const hits: Hit[] = [];
  const all = source.split('\n');
  const starts = masked ? lineStarts(source) : [];
  const credentials = CREDENTIALS_HEADER.test(source);
  const headersFile = basename(path) === '_headers';
  for (const line of lines) {
    const text = all[line - 1];
    if (text === undefined || !/access-control-allow-origin/i.test(text)) continue;
    const nginx = NGINX.exec(text);
    const apache = nginx ? null : APACHE.exec(text);
    const match = nginx ?? apache ?? HEADER_PAIR.exec(text) ?? HEADER_LINE.exec(text) ?? KEY_VALUE.exec(text) ?? (headersFile ? BARE_HEADER.exec(text) : null);
    if (!match) continue;
    if (masked) {
      // In JavaScript, the header name must be a string in code, not text inside a comment.
      const quote = text.search(/["'`]\s*access-control-allow-origin/i);
      if (quote < 0 || masked[starts[line - 1]! + quote] !== text[quote]) continue;
    } else if (COMMENT_LINE.test(text)) continue;
    // Go: a header set on a request the code sends (`req.Header.Set(…)` after `http.NewRequest`), not on its response.
    if (GO_SOURCE.test(path) && GO_REQUEST_HEADER.test(text)) continue;
    const framework: Framework = nginx ? 'nginx' : apache ? 'apache' : 'header';
    hits.push({ line, framework, source: snippet(match[0]), setting: 'Access-Control-Allow-Origin', behaviour: 'literal', credentials });
  }
  return hits;
}

// ---------------------------------------------------------------- Where a JavaScript opening applies

/**
 * True when the opening at `offset` sits in a named function the change adds (`exports.allowAllOrigin =
 * (res) => {…}`) and every use of that name in the change's JavaScript is a call inside a branch that
 * runs only outside production (`if (process.env.NODE_ENV === "development") allowAllOrigin(res)`). Code
 * the change does not touch cannot call a function the change adds, so the deployed server never runs it.
 */
async function onlyCalledInDevelopment(ctx: CheckContext, path: string, source: string, masked: string, offset: number): Promise<boolean> {
  const fn = enclosingFunction(masked, offset);
  if (!fn || !ctx.isNew(path, lineAt(lineStarts(source), fn.at))) return false;
  const use = new RegExp(String.raw`(?<![\w$])${escapeRegExp(fn.name)}(?![\w$])`, 'g');
  let calls = 0;
  for (const file of ctx.files('javascript')) {
    const text = file.path === path ? source : await ctx.text(file.path);
    if (!text?.includes(fn.name)) continue;
    const code = file.path === path ? masked : maskJavaScript(text);
    for (const m of code.matchAll(use)) {
      if (file.path === path && m.index === fn.at) continue;
      // `const { name } = require(…)`, `import { name } from …`: a binding whose uses are the calls below.
      const binding = importBinding(code, m.index, fn.name.length);
      if (binding === 'plain') continue;
      if (binding === 'renamed') return false;
      const isCall = /^\s*\(/.test(code.slice(m.index + fn.name.length));
      if (!isCall || developmentBranchAt(text, code, m.index) === undefined) return false;
      calls++;
    }
  }
  return calls > 0;
}

/**
 * Whether the name at `at` is bound by a destructuring `require` or a named `import`: `plain` when the
 * local name is the same (`{ name }`), `renamed` when it is not (`{ name: other }`, `{ name as other }`),
 * undefined when the name is used there rather than bound.
 */
function importBinding(code: string, at: number, length: number): 'plain' | 'renamed' | undefined {
  const before = code.slice(Math.max(0, at - 300), at);
  const after = code.slice(at + length, at + length + 300);
  const required = /(?:const|let|var)\s*\{[^{}]*$/.test(before) && /^[^{}]*\}\s*=\s*require\s*\(/.test(after);
  const imported = /\bimport\s*(?:type\s+)?(?:[\w$]+\s*,\s*)?\{[^{}]*$/.test(before) && /^[^{}]*\}\s*from\b/.test(after);
  if (!required && !imported) return undefined;
  return /^\s*(?::|as\b)/.test(after) ? 'renamed' : 'plain';
}

/**
 * Paths of resources any site fetches without credentials: scripts, styles, images, fonts and
 * translations, static and public folders, badges, embeds and widgets, health and status pings,
 * analytics beacons (`/api/send`, `/collect`, `/track`) and report beacons (`/report`, `/csp-report`: the
 * endpoints browsers, mail clients and extensions post reports to from any page).
 */
const PUBLIC_PATH =
  /\.(?:[cm]?js|css|map|json|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|txt|xml)$|^\/(?:static|assets|public|fonts?|images?|img|locales?|i18n|translations|badges?|embed|widgets?|health|healthz|ping|status|\.well-known|robots\.txt|favicon\.ico)(?:\/|$)|\/(?:badges?|embed|widgets?|send|collect|track|beacon|pixel|(?:csp-)?report)$/i;
/**
 * Files that serve `/.well-known/` discovery documents (WebFinger, NodeInfo, host-meta, OpenID
 * configuration, JWKS): a `.well-known`/`well-known` folder or a file named for one of them. RFC 7033
 * requires `Access-Control-Allow-Origin: *` on WebFinger, and the others are public by design.
 */
const WELL_KNOWN_FILE =
  /(?:^|\/)\.?well[-_]?known(?:\/|\.[cm]?[jt]sx?$|\.py$|\.rb$|\.go$|\.php$)|(?:^|\/)(?:webfinger|nodeinfo|host[-_]?meta|openid[-_]configuration|jwks)(?:\.[\w]+)?$/i;

function isWellKnownHandler(path: string): boolean {
  return WELL_KNOWN_FILE.test(path);
}

const GO_SOURCE = /\.go$/i;

/** Route patterns that match every path (`/:path*`, `(.*)`, `/*`): where middleware runs, not a route. */
const CATCH_ALL = /\*|\(\.\*\)|:path/;

/** The contents of the string literals `masked` (see maskJavaScript) holds between `from` and `to`, as `source` writes them. */
function* stringLiterals(source: string, masked: string, from: number, to: number): Generator<string> {
  for (const m of masked.slice(from, to).matchAll(/(["'`])(_*)\1/g)) yield source.slice(from + m.index + 1, from + m.index + 1 + m[2]!.length);
}

/**
 * True when every route path written in the file (string literals such as `'/script.js'`, `'/api/send'`;
 * catch-all matchers left out) names a public, credential-less resource, and there is at least one: a
 * literal `*` header there answers pages that embed a script or send a beacon from any site by design.
 */
function servesOnlyPublicPaths(source: string, masked: string): boolean {
  let paths = 0;
  for (const value of stringLiterals(source, masked, 0, masked.length)) {
    if (!/^\/[\w\-./:*()]*$/.test(value) || value === '/' || CATCH_ALL.test(value)) continue;
    if (!PUBLIC_PATH.test(value)) return false;
    paths++;
  }
  return paths > 0;
}

/**
 * True when the code at `offset` sits in the block of an `if` whose condition tests the request's path against
 * public paths only (see PUBLIC_PATH), and names at least one: kentcdodds.com's worker sets `*` under
 * `if (url.pathname.startsWith('/.well-known/'))`, for discovery documents every site may read.
 */
function guardedByPublicPath(source: string, masked: string, offset: number): boolean {
  const span = enclosingIfCondition(masked, offset);
  if (!span) return false;
  if (!/\b(?:pathname|path|url)\b/i.test(masked.slice(span.from, span.to))) return false;
  let paths = 0;
  for (const value of stringLiterals(source, masked, span.from, span.to)) {
    if (!value.startsWith('/')) continue;
    if (!PUBLIC_PATH.test(value)) return false;
    paths++;
  }
  return paths > 0;
}

/**
 * The endpoints an OAuth authorization server opens to public clients (RFC 6749 token, RFC 7591 dynamic
 * registration, RFC 7009 revocation, RFC 7662 introspection): browser-based clients and MCP clients call them
 * from their own origins by design, with the client's own credentials in the request, never a visitor's
 * cookies. Their discovery documents are `/.well-known/` paths, which PUBLIC_PATH already names.
 */
const OAUTH_PUBLIC_ENDPOINT = /(?:^|\/)(?:oauth2?|connect)\/(?:token|register|registration|revoke|revocation|introspect)$/i;
/** A route call of Express-style routers (`router.post(`, `app.get(`, `router.use(`); the path, when any, is its first argument. */
const ROUTE_CALL = /\.(?:get|post|put|patch|delete|options|head|all|use)\s*\($/;

/**
 * True when the opening at `offset` is a middleware stored in a constant (`const openCors = cors({origin: "*"})`)
 * that the file only hands to routes whose paths are public (see PUBLIC_PATH and OAUTH_PUBLIC_ENDPOINT), and
 * never mounts on a whole app or router (`app.use(openCors)`): the policy reaches those routes alone, as
 * GrowthBook's MCP OAuth routes attach it, and the authenticated API keeps the app's own.
 */
function appliedOnlyToPublicRoutes(source: string, masked: string, offset: number): boolean {
  const lineEnd = masked.indexOf('\n', offset) === -1 ? masked.length : masked.indexOf('\n', offset);
  const from = Math.max(0, offset - 200);
  const declaration = /(?:const|let|var)\s+([\w$]+)\s*=\s*[\w$.]+\s*\([^;]*;?\s*$/.exec(masked.slice(from, lineEnd));
  if (!declaration) return false;
  const name = declaration[1]!;
  let routes = 0;
  for (const use of masked.matchAll(new RegExp(String.raw`(?<![\w$.])${escapeRegExp(name)}(?![\w$])`, 'g'))) {
    if (use.index >= from + declaration.index && use.index < lineEnd) continue;
    const call = enclosingCall(masked, use.index);
    if (call === null || !ROUTE_CALL.test(masked.slice(Math.max(0, call - 12), call + 1))) return false;
    const first = /^\s*(["'`])(_*)\1\s*,/.exec(masked.slice(call + 1, use.index));
    if (!first) return false;
    const start = call + 1 + first[0].indexOf(first[1]!) + 1;
    const path = source.slice(start, start + first[2]!.length);
    if (!PUBLIC_PATH.test(path) && !OAUTH_PUBLIC_ENDPOINT.test(path)) return false;
    routes++;
  }
  return routes > 0;
}

/** What comes before a function body's `{`, with the parameter list in group 1: JavaScript arrows, `function`s and methods, Go `func`s. */
const JS_FUNCTION_HEADS = [
  /\(([^()]*)\)\s*(?::[^{};=()]*)?=>\s*$/,
  /(?:^|[^\w$.])function\s*\*?\s*[\w$]*\s*\(([^()]*)\)\s*(?::[^{};=]*)?$/,
  /(?:^|[\s;{},])(?:(?:async|static|public|private|protected)\s+)*(?!(?:if|for|while|switch|catch|with|return|function)\b)[A-Za-z_$][\w$]*\s*\(([^()]*)\)\s*(?::[^{};=]*)?$/,
];
const GO_FUNCTION_HEAD = /(?:^|[^\w])func\s*(?:\([^()]*\)\s*)?[\w]*\s*\(([^()]*)\)\s*[^{}();=]*$/;

/** Code that reads the signed-in user or session (`req.user`, `req.session`, `isAuthenticated()`, Go's `session`/`Authorization` reads). */
const SIGNED_IN = /\b(?:req|request|ctx\.state)\.(?:user|session|auth)\b|\bisAuthenticated\s*\(|\bgetServerSession\s*\(|["']Authorization["']|\b(?:sessions?|[Ss]ession[A-Z]\w*|[Cc]urrentUser|GetUser|RequireLogin|requireLogin)\b/;
/** A middleware name that says it checks authentication (`requireAuth`, `passport.authenticate`, `isLoggedIn`, `verifyToken`, `protect`). */
const AUTH_MIDDLEWARE = /\b\w*(?:[Aa]uth|[Ll]ogin|[Ll]oggedIn|[Ss]ession|[Jj]wt|JWT|[Vv]erifyToken|[Pp]rotect|[Gg]uard)\w*\b/;

/** The innermost function around `offset` in masked JavaScript or Go: its parameter names, body and where its head starts. */
function enclosingFunctionScope(masked: string, offset: number, go: boolean): { params: string[]; paramList: string; head: number; body: string; from: number; to: number } | undefined {
  let depth = 0;
  for (let open = offset - 1; open >= 0; open--) {
    const c = masked[open];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const from = Math.max(0, open - 300);
      const before = masked.slice(from, open).replace(/\s+$/, '');
      for (const head of go ? [GO_FUNCTION_HEAD] : JS_FUNCTION_HEADS) {
        const m = head.exec(before);
        if (!m) continue;
        let close = open + 1;
        for (let d = 0; close < masked.length; close++) {
          if (masked[close] === '{') d++;
          else if (masked[close] === '}' && d-- === 0) break;
        }
        const params = m[1]!.split(',').map((p) => p.trim().replace(/^\.\.\./, '').split(/[\s:=?]/)[0]!).filter(Boolean);
        return { params, paramList: m[1]!, head: from + m.index, body: masked.slice(open + 1, close), from: open + 1, to: close };
      }
    }
  }
  return undefined;
}

/**
 * True when the `Access-Control-Allow-Origin` header at `offset` is set by one request handler on its own
 * responses — a function of a request and a response (`(req, res) => {…}`, a controller method, a Go
 * `func(w http.ResponseWriter, r *http.Request)`) — and not by middleware that passes every request on (it calls
 * `next()` with no argument, is handed to `.use(…)`, or calls `handler.ServeHTTP`/`c.Next()`). `next(error)`,
 * which only forwards a failure, does not make a handler middleware.
 */
function setByOneHandler(source: string, masked: string, offset: number, go: boolean): boolean {
  const scope = enclosingFunctionScope(masked, offset, go);
  if (!scope) return false;
  const context = go && scope.params.length === 1 && GO_CONTEXT_PARAM.test(scope.paramList);
  if (scope.params.length < 2 && !context) return false;
  // A handler that reads who is signed in serves an authenticated route, which stays reported.
  if (SIGNED_IN.test(source.slice(scope.from, scope.to))) return false;
  if (go && context && !goContextHandler(source, masked, scope)) return false;
  if (go) return !/\.ServeHTTP\s*\(|\bnext\s*\(|\.Next\s*\(\s*\)/.test(scope.body);
  // So does one mounted behind an authentication middleware: `router.get('/me', requireAuth, (req, res) => {…})`.
  const call = /\.(?:get|post|put|patch|delete|all|route)\s*\(([^;]*)$/.exec(masked.slice(Math.max(0, scope.head - 300), scope.head));
  if (call && AUTH_MIDDLEWARE.test(call[1]!)) return false;
  const last = escapeRegExp(scope.params[scope.params.length - 1]!);
  if (new RegExp(String.raw`(?<![\w$.])${last}\s*\(\s*\)`).test(scope.body)) return false;
  if (/\.use\s*\((?:[^()]*,)?\s*(?:async\s+)?(?:function\b[^(]*)?$/.test(masked.slice(Math.max(0, scope.head - 200), scope.head))) return false;
  // A named handler (`getStream(req, res) {…}`, `function cors(req, res, next) {…}`, `const open = (req, res) => {…}`)
  // that the file mounts with `.use(…)` is middleware too.
  const own = /^[\s;{},]*(?:(?:async|static|public|private|protected)\s+)*(?:function\s*\*?\s*)?([A-Za-z_$][\w$]*)\s*\(/.exec(masked.slice(scope.head, scope.head + 200));
  const assigned = /([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s*)?$/.exec(masked.slice(Math.max(0, scope.head - 200), scope.head + 1).replace(/[\s(]+$/, ''));
  const name = own && own[1] !== 'function' && own[1] !== 'async' ? own[1] : assigned?.[1];
  if (name && new RegExp(String.raw`\.use\s*\([^;]*(?<![\w$])${escapeRegExp(name)}(?![\w$])`).test(masked)) return false;
  return true;
}

/**
 * The one parameter of a Go web framework's handler, which carries both the request and the response: gin's
 * `*gin.Context`, Echo's `echo.Context`, Fiber's `*fiber.Ctx`, fasthttp's `*fasthttp.RequestCtx`, Iris' `iris.Context`.
 */
const GO_CONTEXT_PARAM = /^\s*\w+\s+\*?(?:gin\.Context|echo\.Context|fiber\.Ctx|fasthttp\.RequestCtx|iris\.Context)\s*$/;

/**
 * True when a Go function of a framework context (`func (c *AIController) ChatCompletions(ctx *gin.Context)`,
 * `func S3Callback(c *gin.Context)`) is a route's handler rather than middleware. Gin runs the next handler
 * after a middleware returns even when it never calls `c.Next()`, so only a named function (not a literal a
 * `gin.HandlerFunc` factory returns) that the file does not hand to `.Use(…)`, whose name does not say CORS or
 * middleware, and which answers no preflight itself (`Request.Method == "OPTIONS"`, `http.MethodOptions`) is one.
 */
function goContextHandler(source: string, masked: string, scope: { head: number; from: number; to: number }): boolean {
  const named = /^[^\w]*func\s*(?:\([^()]*\)\s*)?([A-Za-z_]\w*)\s*\(/.exec(masked.slice(scope.head, scope.head + 300));
  if (!named) return false;
  const name = named[1]!;
  if (/cors|middleware/i.test(name)) return false;
  if (/\bOPTIONS\b|MethodOptions/.test(source.slice(scope.from, scope.to))) return false;
  return !new RegExp(String.raw`\.Use\s*\([^;\n]*(?<![\w])${escapeRegExp(name)}(?![\w])`).test(masked);
}

/** A Next.js App Router route file (`app/api/countries/route.ts`), whose exported `GET`, `POST`, … functions are one route's handlers. */
const NEXT_ROUTE_FILE = /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/;
/** Reads of a Next.js session or its cookies: `auth()`, `cookies()`, `getToken(…)`, `getSession(…)`. */
const NEXT_SIGNED_IN = /(?<![\w$.])(?:auth|cookies|getToken|getSession|currentUser)\s*\(/;

/**
 * True when the header at `offset` is in a Next.js App Router route handler declared in a `route.ts` under `app/`
 * (`export async function GET() { return NextResponse.json(data, { headers: {…} }) }`): one route's own response,
 * as `setByOneHandler` says of an Express handler, and so is its own preflight answer (`export function OPTIONS`).
 * A handler that reads who is signed in (a session, its cookies, the `Authorization` header) is not one.
 */
function setByNextRouteHandler(path: string, source: string, masked: string, offset: number): boolean {
  if (!NEXT_ROUTE_FILE.test(path)) return false;
  const scope = enclosingFunctionScope(masked, offset, false);
  if (!scope) return false;
  let outer = scope;
  // The exported handler may hold the header in a nested function; climb to the outermost one.
  for (let next = enclosingFunctionScope(masked, outer.head, false); next; next = enclosingFunctionScope(masked, outer.head, false)) outer = next;
  const lineStart = masked.lastIndexOf('\n', outer.head) + 1;
  if (!/^\s*export\s+(?:async\s+)?function\s+(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s*\(/.test(masked.slice(lineStart, outer.head + 80))) return false;
  const body = source.slice(outer.from, outer.to);
  return !SIGNED_IN.test(body) && !NEXT_SIGNED_IN.test(masked.slice(outer.from, outer.to));
}

/** Names of a Node server's entry module, where an app mounts its middleware for every route. */
const ENTRY_MODULE = /^(?:index|app|server|main)\.(?:[cm]?js|ts)$/;
/** How many folders up from a route file an entry module is looked for (`Server/controllers/x.js` → `Server/`, the root). */
const ENTRY_LEVELS = 3;

/**
 * The base's modules named like `name` (an app's entry modules) in the folder of `path` and up to ENTRY_LEVELS − 1
 * folders above it, other than `path` itself, each with its base text, nearest folder first; read one at a time, so
 * a caller that stops at the first it needs reads no more.
 */
async function* baseEntryModules(ctx: CheckContext, path: string, name: RegExp): AsyncGenerator<{ entry: string; text: string }> {
  let dir = repoDir(path);
  for (let level = 0; level < ENTRY_LEVELS; level++) {
    for (const entry of (await ctx.list(dir, 'base')) ?? []) {
      if (entry === path || !name.test(basename(entry))) continue;
      const text = await ctx.text(entry, 'base');
      if (text) yield { entry, text };
    }
    if (!dir) return;
    dir = repoDir(dir);
  }
}

/**
 * True when the base already mounted the `cors` package's any-origin defaults on the whole app
 * (`app.use(cors())`, without credentials) in an entry module (`index.js`, `app.ts`, `server.js`, `main.ts`)
 * of the route file's folder or a folder above it: every route, the new one included, already answered any
 * origin, so a route that sends `Access-Control-Allow-Origin: *` itself (an event stream's own headers)
 * opens nothing that was closed. Looked up only for such a header the change adds.
 */
async function appAlreadyOpen(ctx: CheckContext, path: string): Promise<boolean> {
  for await (const { text } of baseEntryModules(ctx, path, ENTRY_MODULE)) {
    if (!/cors/.test(text)) continue;
    const masked = maskJavaScript(text);
    for (const hit of javascriptHits(text, masked)) {
      if (hit.setting !== 'default' || hit.credentials) continue;
      const offset = openingOffset(text, lineStarts(text), hit.line);
      const call = enclosingCall(masked, masked.indexOf('cors', offset));
      // Mounted with no path before it: `app.use(cors())`, not `app.use('/public', cors())`.
      if (call !== null && /\.use\s*\($/.test(masked.slice(Math.max(0, call - 8), call + 1)) && /^\s*cors\b/.test(masked.slice(call + 1))) return true;
    }
  }
  return false;
}

/** Go files where a server mounts its middleware for every route. */
const GO_ENTRY_MODULE = /^(?:main|server|router|routes|app|http)\.go$/;

/**
 * True when the base already opened the whole Go server to every origin — gin-contrib/cors with `AllowAllOrigins`
 * (`config.AllowAllOrigins = true`, `cors.Config{AllowAllOrigins: true}`), `"*"` origins, rs/cors' `AllowAll()`, Echo's
 * `middleware.CORS()` — in an entry module (`main.go`, `server.go`, `router.go`, …) of the handler's folder or a
 * folder above it, with credentials too when the new header allows them: every route already answered any origin
 * that way, so a handler that sends `Access-Control-Allow-Origin: *` itself (an event stream's own headers) opens
 * nothing that was closed. The Go counterpart of appAlreadyOpen.
 */
async function goAppAlreadyOpen(ctx: CheckContext, path: string, credentials: boolean): Promise<boolean> {
  for await (const { entry, text } of baseEntryModules(ctx, path, GO_ENTRY_MODULE)) {
    if (!/cors/i.test(text)) continue;
    const every = text.split('\n').map((_, i) => i + 1);
    if (settingHits(entry, text, every).some((hit) => hit.framework === 'go' && (hit.credentials || !credentials))) return true;
  }
  return false;
}

/** A Flask-CORS resource pattern that matches every path: `r"/*"`, `"/.*"`, `".*"`. */
const CATCH_ALL_RESOURCE = /\br?["'](?:\/\*|\/?\.\*)["']\s*:/;
/** Modules where a Flask app is made and set up for every route: the package's `__init__.py`, `app.py`, `main.py`, a WSGI entry. */
const PYTHON_APP_MODULE = /^(?:__init__|app|application|main|server|wsgi|asgi|factory|run)\.py$/;

/**
 * True when the base already opened the whole Flask app to any origin without credentials — a Flask-CORS
 * `CORS(app)`, `CORS(app, origins="*")` or `CORS(app, resources={r"/*": {"origins": "*"}})` in an app module
 * (`__init__.py`, `app.py`, `main.py`, …) of the file's folder or a folder above it, other than the file itself — so
 * a route decorator or blueprint the change opens the same way answers no origin the app did not answer already.
 * The Flask counterpart of appAlreadyOpen.
 */
async function flaskAppAlreadyOpen(ctx: CheckContext, path: string): Promise<boolean> {
  for await (const { entry, text } of baseEntryModules(ctx, path, PYTHON_APP_MODULE)) {
    if (!/\bCORS\s*\(/.test(text)) continue;
    // Resources open the whole app only under a catch-all pattern (`resources={r"/*": {"origins": "*"}}`), not `/api/*`.
    if (/\bresources\s*=/.test(text) && !CATCH_ALL_RESOURCE.test(text)) continue;
    const every = new Set(text.split('\n').map((_, i) => i + 1));
    if ((await fileHits(ctx, entry, 'base', text, every)).some((hit) => hit.framework === 'flask' && (hit.setting === 'CORS' || hit.setting === 'origins') && !hit.credentials)) return true;
  }
  return false;
}

/**
 * A middleware that admits a request by a signature in its URL (a signed link the server handed out, not a
 * session): `SignRequired`, `RequireSignature`, `VerifySignature`, `CheckSign`, `ValidateSignedURL`.
 */
const SIGNED_URL_MIDDLEWARE = /\b\w*(?:Sign(?:ed|ature)?(?:Required|URL|Url|Link)|(?:Require|Verify|Check|Validate)\w*Sign(?:ed|ature)?)\w*\b/;
/** A route registration of a Go router group (gin, Echo, Fiber, chi): `group.GET(`, `g.Any(`, `r.Handle(`. */
const GO_ROUTE_METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|Any|Handle|Match|Get|Post|Put|Patch|Delete|Head|All)$/;

/** The offset just past the `)` that closes the `(` at `open` in masked code, or the text's length. */
function closingParen(masked: string, open: number): number {
  for (let i = open, depth = 0; i < masked.length; i++) {
    if (masked[i] === '(') depth++;
    else if (masked[i] === ')' && --depth === 0) return i + 1;
  }
  return masked.length;
}

/**
 * True when the Go CORS middleware opened at `offset` is kept in a variable (`contentCors := cors.New(cors.Config{…})`)
 * that the file mounts only on route groups (`content := file.Group("content")`, `content.Use(contentCors)`, and
 * `content.OPTIONS(…, contentCors)` for preflights) — never on the engine — and every route of those groups admits a
 * request by a signature in its URL (`middleware.SignRequired(…)`): the links are handed out signed to be fetched
 * from other origins (previews, downloads, players), a holder of the link gets the file with or without CORS, and
 * `*` without credentials lets another site read nothing a session would unlock.
 */
function appliedOnlyToSignedGroups(masked: string, offset: number): boolean {
  const from = Math.max(0, offset - 300);
  const declarations = [...masked.slice(from, offset + 1).matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*:?=\s*cors\.New\s*\(/g)];
  const declaration = declarations[declarations.length - 1];
  if (!declaration) return false;
  const declaredAt = from + declaration.index;
  if (closingParen(masked, declaredAt + declaration[0].length - 1) <= offset) return false;
  const name = declaration[1]!;
  const groups = new Set<string>();
  for (const use of masked.matchAll(new RegExp(String.raw`(?<![\w.])${escapeRegExp(name)}(?![\w])`, 'g'))) {
    if (use.index === declaredAt + declaration[0].indexOf(name)) continue;
    const call = enclosingCall(masked, use.index);
    const receiver = call === null ? null : /([A-Za-z_]\w*)\.(\w+)\s*$/.exec(masked.slice(Math.max(0, call - 80), call));
    if (!receiver || !(receiver[2] === 'Use' || receiver[2] === 'OPTIONS' || receiver[2] === 'Options' || GO_ROUTE_METHOD.test(receiver[2]!))) return false;
    // The receiver must be a group the file makes (`content := file.Group("content")`), not the engine itself.
    if (!new RegExp(String.raw`(?<![\w.])${receiver[1]}\s*:?=\s*[\w.]+\.Group\s*\(`).test(masked)) return false;
    groups.add(receiver[1]!);
  }
  if (groups.size === 0) return false;
  let routes = 0;
  for (const group of groups) {
    // A group made inside this one gets the middleware too; its routes are not looked at here.
    if (new RegExp(String.raw`(?<![\w.])${group}\.Group\s*\(`).test(masked)) return false;
    for (const route of masked.matchAll(new RegExp(String.raw`(?<![\w.])${group}\.(\w+)\s*\(`, 'g'))) {
      if (!GO_ROUTE_METHOD.test(route[1]!)) continue;
      const open = route.index + route[0].length - 1;
      if (!SIGNED_URL_MIDDLEWARE.test(masked.slice(open, closingParen(masked, open)))) return false;
      routes++;
    }
  }
  return routes > 0;
}

/** How many folders up from a JavaScript file its package's `package.json` is looked for. */
const PACKAGE_LEVELS = 4;

/**
 * True when the nearest `package.json` above a JavaScript file (its own package's, up to PACKAGE_LEVELS
 * folders up) depends on `parse-server`: the app serves a Parse Server API, whose own middleware already answers
 * every origin (its `allowOrigin` option defaults to `*`) because its clients are front ends and apps on other
 * origins, and whose users sign in with a session-token header (`X-Parse-Session-Token`), never a cookie.
 */
async function servesParseServer(ctx: CheckContext, path: string): Promise<boolean> {
  let dir = repoDir(path);
  for (let level = 0; level <= PACKAGE_LEVELS; level++) {
    const text = await ctx.text(repoJoin(dir, 'package.json'));
    if (text) {
      try {
        const manifest = JSON.parse(text) as { dependencies?: Record<string, unknown> };
        return typeof manifest.dependencies === 'object' && manifest.dependencies !== null && 'parse-server' in manifest.dependencies;
      } catch {
        return false;
      }
    }
    if (!dir) return false;
    dir = repoDir(dir);
  }
  return false;
}

/** The offset of the `(` of the call whose arguments hold `at` (strings already masked), or null at the top level or inside an object or array literal. */
function enclosingCall(masked: string, at: number): number | null {
  for (const open of openersAround(masked, at, 2000)) return masked[open] === '(' ? open : null;
  return null;
}

// ---------------------------------------------------------------- Where a server-config or Python opening applies

/** Extensions of files any site loads without credentials: fonts, styles, scripts, images, media. */
const STATIC_EXTENSION = /^(?:eot|otf|ttc|ttf|woff2?|css|[cm]?js|map|svg|png|jpe?g|gif|webp|avif|ico|bmp|mp3|mp4|webm|ogg|wav)$/i;

/**
 * True when a file pattern of an Apache `<FilesMatch>`/`<Files>`/`<LocationMatch>` block or an nginx `location`
 * names only static files by extension (`\.(eot|otf|ttf|woff)$`, `*.woff2`), or an nginx prefix location is a
 * public folder (`/static/`, `/fonts/`).
 */
function namesOnlyStaticFiles(pattern: string, prefixLocation: boolean): boolean {
  const written = /\\?\.(?:\((?:\?:)?([\w.|?]+)\)|(\w+))\$?$/.exec(pattern.replace(/["']/g, '').trim());
  const extensions = written?.[1] ?? written?.[2];
  if (extensions) return extensions.split('|').every((alt) => STATIC_EXTENSION.test(alt.slice(alt.lastIndexOf('.') + 1).replace(/\?/g, '')));
  return prefixLocation && /^\/[\w\-./]*$/.test(pattern) && PUBLIC_PATH.test(pattern);
}

/**
 * True when the header on `line` of an Apache or nginx configuration sits in a block that applies only to
 * static files: `<FilesMatch "\.(eot|otf|ttf|woff)$">` (the usual cross-origin font header), `<Files "*.woff2">`,
 * nginx `location ~* \.(eot|ttf|woff2?)$ {…}` or `location /static/ {…}`.
 */
function scopedToStaticFiles(source: string, line: number, framework: 'apache' | 'nginx'): boolean {
  const lines = source.split('\n');
  let depth = 0;
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i]!.replace(/(?:^|\s)#.*$/, '').trim();
    if (framework === 'apache') {
      if (/^<\//.test(text)) depth++;
      else if (/^<\w/.test(text)) {
        if (depth > 0) {
          depth--;
          continue;
        }
        const block = /^<(FilesMatch|Files|LocationMatch)\s+(?:~\s+)?(.+?)\s*>$/i.exec(text);
        if (block && namesOnlyStaticFiles(block[2]!, false)) return true;
      }
      continue;
    }
    for (let c = text.length - 1; c >= 0; c--) {
      if (text[c] === '}') depth++;
      else if (text[c] === '{') {
        if (depth > 0) {
          depth--;
          continue;
        }
        const location = /^location\s+(?:(~\*?|\^~|=)\s+)?(\S+)\s*$/.exec(text.slice(0, c).trim());
        if (location && namesOnlyStaticFiles(location[2]!, location[1] === undefined || location[1] === '^~')) return true;
      }
    }
  }
  return false;
}

/** Names that put a Python view behind a login: Django's mixins and decorators, DRF's permission settings, common token decorators. */
const LOGIN_REQUIRED =
  /\b(?:LoginRequired\w*|login_required|PermissionRequired\w*|permission_required|UserPassesTest\w*|user_passes_test|staff_member_required|superuser_required|IsAuthenticated\w*|IsAdminUser|permission_classes|authentication_classes|jwt_required|auth_required|token_required|requires_auth)\b/;
/** Route decorators of Python web frameworks: `@app.route(…)`, `@router.get(…)`, `@bp.post(…)`, DRF's `@api_view`. */
const ROUTE_DECORATOR = /^@\s*(?:[\w.]+\.(?:route|get|post|put|patch|delete|head|options|api_route|websocket)\s*\(|api_view\b|require_(?:GET|POST|http_methods|safe)\b)/;

const decoratorsOf = (definition: PyNode): string[] =>
  definition.parent?.type === 'decorated_definition' ? definition.parent.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text) : [];

/**
 * True when the literal header on `line` of a Python file is set by one view on its own responses — in a
 * method of a class-based view (a class whose base is a `…View`, `…ViewSet` or `Resource`: Django, DRF,
 * Flask's `MethodView`, Flask-RESTful) or in a function under a route decorator (`@app.route`, `@router.get`)
 * — and that view asks for no login (no `login_required`, `LoginRequiredMixin`, `permission_classes`, …).
 * Such a view answers the other site with what an anonymous request gets: `*` without credentials sends no
 * cookies. A hook every response passes through (`@app.after_request`, a middleware) is not one view.
 */
function setByPublicView(root: PyNode, line: number): boolean {
  const functions = descendants(root, 'function_definition').filter((f) => f.startPosition.row + 1 < line && f.endPosition.row + 1 >= line);
  if (functions.length === 0) return false;
  const decorators = functions.flatMap(decoratorsOf);
  let owner: PyNode | null = functions[0]!.parent;
  while (owner && owner.type !== 'class_definition') owner = owner.parent;
  const bases = owner?.childForFieldName('superclasses')?.text ?? '';
  const classDecorators = owner ? decoratorsOf(owner) : [];
  const classBody = owner?.childForFieldName('body')?.namedChildren.filter((c) => c?.type === 'expression_statement').map((c) => c!.text).join('\n') ?? '';
  if (LOGIN_REQUIRED.test([bases, ...classDecorators, ...decorators, classBody].join('\n'))) return false;
  const classView = owner !== null && /(?:View|ViewSet|\bResource)\b/.test(bases) && !/Middleware/.test(owner.childForFieldName('name')?.text ?? '');
  return classView || decorators.some((d) => ROUTE_DECORATOR.test(d));
}

/** Settings modules a Flask app loads its configuration from, looked for beside the file and in the folders above it. */
/** Python HTTP clients: `requests.get(…)`, `httpx.post(…)`, a session's or client's `.get(…)`, `urllib.request.Request(…)`. */
const PYTHON_REQUEST_CALLEE = /^(?:requests|httpx|aiohttp|urllib3|[\w.]*session|[\w.]*client|[\w.]*http)\.(?:get|post|put|patch|delete|head|options|request|stream)$|(?:^|\.)(?:Request|urlopen)$/i;

/**
 * True when the header written on `line` is in the arguments of a call to an HTTP client (see
 * PYTHON_REQUEST_CALLEE): `requests.get(url, headers={"Access-Control-Allow-Origin": "*"})` sends it to a server,
 * which ignores it.
 */
function sentWithPythonRequest(root: PyNode, line: number): boolean {
  const header = descendants(root, 'string').find((n) => n.startPosition.row + 1 === line && /access-control-allow-origin/i.test(n.text));
  for (let node = header?.parent ?? null; node; node = node.parent) {
    if (node.type !== 'call') continue;
    return PYTHON_REQUEST_CALLEE.test(dottedName(node.childForFieldName('function')) ?? '');
  }
  return false;
}

const SETTINGS_MODULES = ['settings.py', 'config.py'];

/**
 * True when the app's configuration sets `CORS_ORIGINS` to origins that are not every origin
 * (`CORS_ORIGINS = ['http://localhost:8000']` in a `settings.py` or `config.py` beside the file or in a folder
 * above it): Flask-CORS merges the app's `CORS_*` settings into every `CORS(app)` and `@cross_origin(…)` that
 * names no origins of its own, so those take the configured list, not the default `*`.
 */
async function configuredOrigins(ctx: CheckContext, path: string): Promise<boolean> {
  for (let dir = repoDir(path); ; dir = repoDir(dir)) {
    for (const name of SETTINGS_MODULES) {
      const settings = repoJoin(dir, name);
      const text = settings === path ? null : await ctx.text(settings);
      if (!text || !/\bCORS_ORIGINS\b/.test(text)) continue;
      const root = (await ctx.python(settings))?.tree.rootNode;
      const value = root ? moduleAssignment(root, 'CORS_ORIGINS')?.childForFieldName('right') : null;
      if (root && value) return wildcardOrigins(value, root, true) === null;
    }
    if (!dir) return false;
  }
}

// ---------------------------------------------------------------- Remediation

const REMEDIATION: Record<Framework, string> = {
  fastapi: [
    'List the allowed origins in configuration and pass them explicitly:',
    '',
    '```python',
    'import os',
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    '# CORS_ALLOWED_ORIGINS="https://app.example.com,https://admin.example.com"',
    'origins = [o.strip() for o in os.environ["CORS_ALLOWED_ORIGINS"].split(",") if o.strip()]',
    'app.add_middleware(',
    '    CORSMiddleware,',
    '    allow_origins=origins,',
    '    allow_credentials=True,',
    '    allow_methods=["GET", "POST", "PUT", "DELETE"],',
    '    allow_headers=["Authorization", "Content-Type"],',
    ')',
    '```',
  ].join('\n'),
  flask: [
    'Pass Flask-CORS an explicit origin list read from configuration:',
    '',
    '```python',
    'import os',
    'from flask_cors import CORS',
    '',
    '# CORS_ALLOWED_ORIGINS="https://app.example.com,https://admin.example.com"',
    'origins = [o.strip() for o in os.environ["CORS_ALLOWED_ORIGINS"].split(",") if o.strip()]',
    'CORS(app, resources={r"/api/*": {"origins": origins}}, supports_credentials=True)',
    '```',
  ].join('\n'),
  django: [
    'Remove `CORS_ALLOW_ALL_ORIGINS` and list the origins (django-cors-headers):',
    '',
    '```python',
    'import os',
    '',
    '# CORS_ALLOWED_ORIGINS="https://app.example.com,https://admin.example.com"',
    'CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ["CORS_ALLOWED_ORIGINS"].split(",") if o.strip()]',
    '```',
  ].join('\n'),
  express: [
    'Give the middleware an explicit origin list read from configuration:',
    '',
    '```js',
    "// CORS_ALLOWED_ORIGINS=https://app.example.com,https://admin.example.com",
    "const allowedOrigins = (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);",
    'app.use(cors({ origin: allowedOrigins, credentials: true }));',
    '```',
  ].join('\n'),
  spring: [
    'List the allowed origins in configuration instead of `*` (or a bare `@CrossOrigin`, whose default is every origin):',
    '',
    '```java',
    '@Bean',
    'WebMvcConfigurer corsConfigurer(@Value("${cors.allowed-origins}") String[] origins) {',
    '  return new WebMvcConfigurer() {',
    '    @Override',
    '    public void addCorsMappings(CorsRegistry registry) {',
    '      registry.addMapping("/api/**").allowedOrigins(origins).allowedMethods("GET", "POST", "PUT", "DELETE");',
    '    }',
    '  };',
    '}',
    '```',
    '',
    'with `cors.allowed-origins=https://app.example.com` in the deployment\'s configuration.',
  ].join('\n'),
  aspnet: [
    'Name the allowed origins from configuration instead of `AllowAnyOrigin()`:',
    '',
    '```csharp',
    'var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];',
    'builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()));',
    '```',
  ].join('\n'),
  go: [
    'List the allowed origins from configuration instead of every origin:',
    '',
    '```go',
    'origins := strings.Split(os.Getenv("CORS_ALLOWED_ORIGINS"), ",") // https://app.example.com,https://admin.example.com',
    'router.Use(cors.New(cors.Config{',
    '\tAllowOrigins: origins,',
    '\tAllowMethods: []string{"GET", "POST", "PUT", "DELETE"},',
    '\tAllowHeaders: []string{"Authorization", "Content-Type"},',
    '}))',
    '```',
  ].join('\n'),
  rack: [
    'List the allowed origins from the environment instead of `*`:',
    '',
    '```ruby',
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    '    origins(*ENV.fetch("CORS_ALLOWED_ORIGINS").split(","))',
    '    resource "/api/*", headers: :any, methods: %i[get post put patch delete options]',
    '  end',
    'end',
    '```',
  ].join('\n'),
  nginx: [
    'Answer only origins on an allow list, and tell caches the answer varies by origin:',
    '',
    '```nginx',
    '# in the http block',
    'map $http_origin $cors_origin {',
    '    default "";',
    '    "https://app.example.com" $http_origin;',
    '}',
    '',
    '# in the server or location block',
    'add_header Access-Control-Allow-Origin $cors_origin always;',
    'add_header Vary Origin always;',
    '```',
  ].join('\n'),
  apache: [
    'Answer only origins on an allow list, and tell caches the answer varies by origin:',
    '',
    '```apache',
    'SetEnvIf Origin "^https://app\\.example\\.com$" CORS_ORIGIN=$0',
    'Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN',
    'Header always merge Vary Origin',
    '```',
  ].join('\n'),
  header: [
    'Send the header only for origins on a configured allow list, and add `Vary: Origin`:',
    '',
    '```js',
    "const allowedOrigins = new Set((process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean));",
    'const origin = req.headers.origin;',
    'if (origin && allowedOrigins.has(origin)) {',
    "  res.setHeader('Access-Control-Allow-Origin', origin);",
    "  res.setHeader('Vary', 'Origin');",
    '}',
    '```',
  ].join('\n'),
};

/** The literal-header fix in Python (Flask shown; the same logic fits any framework). */
const PYTHON_HEADER = [
  'Send the header only for origins on a configured allow list, and add `Vary: Origin`:',
  '',
  '```python',
  'import os',
  'from flask import request',
  '',
  'ALLOWED_ORIGINS = {o.strip() for o in os.environ["CORS_ALLOWED_ORIGINS"].split(",") if o.strip()}',
  '',
  '@app.after_request',
  'def cors_headers(response):',
  '    origin = request.headers.get("Origin")',
  '    if origin in ALLOWED_ORIGINS:',
  '        response.headers["Access-Control-Allow-Origin"] = origin',
  '        response.headers["Vary"] = "Origin"',
  '    return response',
  '```',
].join('\n');

function remediationFor(hit: Hit, python: boolean): string {
  const credentials = hit.credentials
    ? '\n\nKeep credentials (`allow_credentials`, `supports_credentials`, `credentials: true`, `Access-Control-Allow-Credentials`) only if the browser must send cookies, and then only with the explicit list.'
    : '';
  return (hit.framework === 'header' && python ? PYTHON_HEADER : REMEDIATION[hit.framework]) + credentials;
}

// ---------------------------------------------------------------- The check

const MESSAGES = {
  wildcard: '{{source}} allows requests from every origin: any website a user visits can call this API from their browser and read the responses.',
  wildcardCredentials: '{{source}} allows every origin and also allows credentials: any website a signed-in user visits can send authenticated requests as that user and read the answers.',
  literalCredentials: '{{source}} answers every origin with `*` while also allowing credentials: browsers refuse that pair, and the usual workaround of echoing the request\'s origin lets any website act as the signed-in user.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

function draftOf(path: string, hit: Hit, python: boolean): Draft {
  const messageId = !hit.credentials ? 'wildcard' : hit.behaviour === 'reflect' ? 'wildcardCredentials' : 'literalCredentials';
  const draft: Draft = {
    path,
    line: hit.line,
    messageId,
    data: { source: hit.source },
    remediation: remediationFor(hit, python),
    key: `${hit.framework}:${hit.setting}`,
    subject: hit.framework,
  };
  if (hit.credentials) draft.severity = 'failure';
  return draft;
}

/** A line that allows credentials: a setting, a keyword, an option or a header set to true. */
const CREDENTIALS_LINE = new RegExp(String.raw`\b(?:CORS_ALLOW_CREDENTIALS|allow_credentials|supports_credentials)\b\s*[:=]\s*True\b|(?<![\w$])credentials\s*:\s*true\b|${CREDENTIALS_HEADER.source}`, 'i');

/** The first added line of `text` that allows credentials (see CREDENTIALS_LINE), if any. */
function addedCredentialsLine(text: string, added: ReadonlySet<number>): number | undefined {
  const lines = text.split('\n');
  return [...added].sort((a, b) => a - b).find((n) => CREDENTIALS_LINE.test(lines[n - 1] ?? ''));
}

/** The configuration of AdonisJS's CORS provider: `CorsConfig` from `@ioc:Adonis/Core/Cors` (v5), `defineConfig` from `@adonisjs/cors` (v6). */
const ADONIS_CORS_CONFIG = /["']@ioc:Adonis\/Core\/Cors["']|["']@adonisjs\/cors["']/;
/** `enabled: false` in code (comments and strings masked): the setting that switches the provider off. */
const CORS_DISABLED = /(?:^|[{,\s])enabled\s*:\s*false\b/m;

/** What a hit opens, apart from where and how it is spelt. */
const identity = (hit: Hit) => `${hit.framework}:${hit.setting}:${hit.behaviour}:${hit.credentials}`;
/**
 * What a hit opens, for comparing the head with the base: a JavaScript middleware's defaults and its `origin`
 * option open the same way when they answer alike (the `cors` package's `cors()` is `origin: '*'`; Koa's default is
 * `origin: true`), so `cors({ origin: env.url ? env.url : '*' })` rewritten as `cors()` opens nothing new.
 */
const baseIdentity = (hit: Hit) => (hit.framework === 'express' && (hit.setting === 'default' || hit.setting === 'origin') ? identity({ ...hit, setting: 'origin' }) : identity(hit));

/** Where on `line` an opening is written (its `cors`, `Access-Control-Allow-Origin` or `origin:`), as an offset in `text`; the line's start when none is. */
function openingOffset(text: string, starts: readonly number[], line: number): number {
  const start = starts[line - 1] ?? 0;
  return start + Math.max(0, text.slice(start, starts[line] ?? text.length).search(/cors|access-control-allow-origin|origin\s*:/i));
}

/**
 * Every opening in one side of a file; `lines` are the lines header patterns are looked for on. `masked` is
 * the file's `maskJavaScript` text (null for other languages), when the caller has it already.
 */
async function fileHits(ctx: CheckContext, path: string, side: 'head' | 'base', text: string, lines: ReadonlySet<number>, masked = isJavaScript(path) ? maskJavaScript(text) : null): Promise<Hit[]> {
  const hits: Hit[] = [];
  const parsed = isPython(path) && PYTHON_CANDIDATE.test(text) ? await ctx.python(path, side) : null;
  // Openings inside a branch that runs only outside production (`if settings.DEBUG:`), as for JavaScript below.
  if (parsed) hits.push(...pythonHits(parsed.tree.rootNode, text, lines).filter((hit) => developmentBranchAtLine(parsed.tree.rootNode, hit.line) === undefined));
  if (masked !== null) hits.push(...javascriptHits(text, masked));
  hits.push(...headerHits(path, text, [...lines].sort((a, b) => a - b), masked));
  hits.push(...settingHits(path, text, [...lines].sort((a, b) => a - b)));
  if (masked === null) return hits;
  // Openings inside a branch that runs only outside production (`if (isDev) app.use(cors())`), or inside a
  // build tool's development-server hook (a Vite plugin's `configureServer`), which `vite build` never runs.
  // A build tool's own configuration (`vite.config.ts`, `webpack.dev.js`): the headers it sets are its development
  // or preview server's, never the deployed app's.
  if (DEV_TOOL_CONFIG.test(basename(path))) return [];
  const starts = lineStarts(text);
  return hits.filter((hit) => {
    const offset = openingOffset(text, starts, hit.line);
    if (hit.framework === 'header' && sentWithRequest(masked, offset)) return false;
    return developmentBranchAt(text, masked, offset) === undefined && ![...enclosingFunctions(masked, offset)].some((f) => DEV_SERVER_HOOKS.has(f.name));
  });
}

/**
 * Configuration files of front-end build tools and their development servers: Vite (`vite.config.ts`, whose
 * `server` and `preview` servers are for development and local preview only), Vitest, webpack (`webpack.config.js`,
 * `webpack.dev.js`: only its dev server answers requests), Vue CLI, Create React App's craco, Rspack, Rsbuild,
 * Snowpack, Storybook's `main`. Frameworks that configure the deployed server (`next.config.js`, `nuxt.config.ts`) are not.
 */
const DEV_TOOL_CONFIG = /^(?:vite|vitest|vue|craco|rspack|rsbuild|snowpack)\.config(?:\.[\w-]+)?\.[cm]?[jt]s$|^webpack(?:\.[\w-]+)*\.[cm]?[jt]s$/i;

/**
 * HTTP clients of browser and Node code: `fetch(…)`, `axios(…)`/`axios.get(…)`/`axios.create(…)`, jQuery's
 * `$.ajax(…)`, `got`, `ky`, `superagent`, Node's `http.request(…)`, `new Headers(…)` and an XHR's `setRequestHeader(…)`.
 */
const REQUEST_CALLEE = /(?:^|[^\w$.])(?:fetch|axios(?:\.\w+)?|\$\.(?:ajax|get|post|getJSON)|got(?:\.\w+)?|ky(?:\.\w+)?|superagent\.\w+|https?\.(?:request|get)|new\s+Headers|[\w$]+\.setRequestHeader|[\w$]*(?:[Cc]lient|[Aa]pi|[Hh]ttp)\.(?:get|post|put|patch|delete|request))\s*$/;

/**
 * True when the header at `offset` is an argument, or sits in an object literal that is one, of a call to an
 * HTTP client (see REQUEST_CALLEE): `fetch(url, { headers: { 'Access-Control-Allow-Origin': '*' } })`. It is
 * sent to the server, which ignores it; only a response header sets a browser's policy.
 */
function sentWithRequest(masked: string, offset: number): boolean {
  // Object and array literals are passed through: the call, if any, is further out.
  for (const open of openersAround(masked, offset, 3000)) if (masked[open] === '(') return REQUEST_CALLEE.test(masked.slice(Math.max(0, open - 60), open));
  return false;
}

/** Hooks of build tools that run only in their development server: Vite's `configureServer`, webpack-dev-server's `setupMiddlewares` (and its older `onBeforeSetupMiddleware`/`onAfterSetupMiddleware`). */
const DEV_SERVER_HOOKS = new Set(['configureServer', 'setupMiddlewares', 'onBeforeSetupMiddleware', 'onAfterSetupMiddleware']);

/**
 * Keys of a YAML configuration whose block configures only development or tests: the environment sections
 * of a Rails-style file (`development:`, `test:` beside `production:`) and a development server's own
 * settings (webpacker's `dev_server:`, a `devServer:` block).
 */
const YAML_DEVELOPMENT_KEY = /^(?:development|dev|test|dev_server|dev-server|devServer)$/;

/** Whether line `line` (1-based) of a YAML text sits inside the block of such a key, at any depth. */
function inYamlDevelopmentBlock(text: string, line: number): boolean {
  const lines = text.split('\n');
  const indentOf = (l: string) => /^\s*/.exec(l)![0].length;
  let indent = indentOf(lines[line - 1] ?? '');
  for (let i = line - 2; i >= 0 && indent > 0; i--) {
    const l = lines[i]!;
    if (!l.trim() || /^\s*#/.test(l) || indentOf(l) >= indent) continue;
    indent = indentOf(l);
    const key = /^\s*(?:-\s+)?["']?([\w-]+)["']?\s*:/.exec(l)?.[1];
    if (key !== undefined && YAML_DEVELOPMENT_KEY.test(key)) return true;
  }
  return false;
}

/**
 * An `Access-Control-Allow-Origin` header set from the request's own `Origin` (`"Access-Control-Allow-Origin":
 * req.headers.origin`, `res.setHeader('Access-Control-Allow-Origin', request.headers.get('origin'))`) in a file that
 * also allows credentials: every site may read the answers as the signed-in user, the most open shape there is.
 */
const REFLECTED_ORIGIN = /access-control-allow-origin["'`]?\s*[,:=]\s*\(?\s*(?:req|request|ctx|event)\.(?:headers?|get)\b[^;\n]{0,40}?origin/i;
const reflectsOriginWithCredentials = (text: string): boolean => REFLECTED_ORIGIN.test(text) && CREDENTIALS_HEADER.test(text);

/**
 * Env files that configure a deployed service: `.env.production`, `prod.env`, and `<service>.env` files
 * such as `env/netbox.env` that a stack loads (a plain `.env` or `.env.local` is a developer's own).
 */
function isEnvSettingsFile(path: string): boolean {
  if (!isEnvFile(path) || isEnvTemplate(path)) return false;
  const name = basename(path).toLowerCase();
  return isProductionEnvFile(path) || (!name.startsWith('.') && name.endsWith('.env'));
}

/** django-cors-headers switched on through the environment: `CORS_ORIGIN_ALLOW_ALL=True` in an env file. */
function envFileHits(path: string, text: string): Hit[] {
  const credentials = parseEnvFile(text).some((e) => e.name === 'CORS_ALLOW_CREDENTIALS' && /^(?:1|true|yes|on)$/i.test(e.value.trim()));
  return parseEnvFile(text)
    .filter((e) => (e.name === 'CORS_ORIGIN_ALLOW_ALL' || e.name === 'CORS_ALLOW_ALL_ORIGINS') && /^(?:1|true|yes|on)$/i.test(e.value.trim()))
    .map((e) => ({ line: e.line, framework: 'django' as const, source: snippet(`${e.name}=${e.value}`), setting: e.name, behaviour: 'reflect' as const, credentials }));
}

export default defineCheck({
  id: 'cors-wildcard',
  title: 'CORS allows every origin',
  severity: 'warning',
  scope: 'line',
  acrossFiles: 'message',
  roles: ['production'],
  messages: MESSAGES,

  remediation: 'Read an explicit list of allowed origins from configuration instead of allowing every origin.',
  async run(ctx) {
    const findings: Draft[] = [];
    for (const file of ctx.files()) {
      if (file.problem || !file.added.length) continue;
      if (DOCUMENT.test(file.path) || isVendored(file.path)) continue;
      if (!file.added.some((l) => HINT.test(l.text))) continue;
      const text = await ctx.text(file.path);
      if (!text) continue;
      const added = ctx.newLines(file.path);
      const python = isPython(file.path);
      if (isEnvSettingsFile(file.path)) {
        findings.push(...envFileHits(file.path, text).map((hit) => draftOf(file.path, hit, python)));
        continue;
      }
      const masked = isJavaScript(file.path) ? maskJavaScript(text) : null;
      // AdonisJS's CORS configuration switched off (`enabled: false`, the v5 starter's `config/cors.ts`): the provider
      // applies none of its origin settings, whatever they say.
      if (masked !== null && ADONIS_CORS_CONFIG.test(text) && CORS_DISABLED.test(masked)) continue;
      const hits = await fileHits(ctx, file.path, 'head', text, added, masked);
      // The same opening already configured in the base (re-quoted, re-formatted, moved) is not new.
      const before = new Map<string, number>();
      const basePath = file.previousPath ?? file.path;
      const baseText = hits.length && file.status !== 'added' && file.status !== 'copied' ? await ctx.text(basePath, 'base') : null;
      if (baseText) {
        // A base that already sent every caller's own origin back, with credentials, was as open as anything
        // this check reports: the change that rewrites it into a configuration makes nothing worse.
        if (reflectsOriginWithCredentials(baseText)) continue;
        const everyLine = new Set(baseText.split('\n').map((_, i) => i + 1));
        for (const hit of await fileHits(ctx, basePath, 'base', baseText, everyLine)) before.set(baseIdentity(hit), (before.get(baseIdentity(hit)) ?? 0) + 1);
      }
      const seen = new Set<number>();
      const seenKeys = new Set<string>();
      /** Whether this file's findings already report a CORS middleware or framework setting (not a hand-set header). */
      let middlewareReported = false;
      const starts = masked === null ? [] : lineStarts(text);
      /** The file's code with string contents masked, where route paths are read: JavaScript and Go. */
      let routeCode: string | undefined;
      /** Line starts of a Go file, for the handler rule (JavaScript has `starts`). */
      let goStarts: number[] | undefined;
      for (const hit of hits.sort((a, b) => a.line - b.line)) {
        const known = before.get(baseIdentity(hit)) ?? 0;
        if (known > 0) {
          before.set(baseIdentity(hit), known - 1);
          continue;
        }
        // One finding per line, and one for the middleware's defaults in a file: `app.options('*', cors())`
        // beside `app.use(cors())` is the preflight of the same policy.
        if (seen.has(hit.line) || (hit.setting === 'default' && seenKeys.has(identity(hit)))) continue;
        if (!added.has(hit.line)) {
          // The opening was there without credentials and the change allows them on an added line: it makes it
          // worse (django-cors-headers then echoes any origin with credentials), reported on that line.
          const line = hit.credentials && (before.get(baseIdentity({ ...hit, credentials: false })) ?? 0) > 0 ? addedCredentialsLine(text, added) : undefined;
          if (line === undefined || seen.has(line)) continue;
          seen.add(line);
          findings.push(draftOf(file.path, { ...hit, line }, python));
          continue;
        }
        // Where the opening applies: a helper only development code calls, or a file whose routes are all public.
        if (masked !== null && (await onlyCalledInDevelopment(ctx, file.path, text, masked, openingOffset(text, starts, hit.line)))) continue;
        routeCode ??= masked ?? (GO_SOURCE.test(file.path) ? maskGo(text) : '');
        if (hit.framework === 'header' && !hit.credentials && routeCode && servesOnlyPublicPaths(text, routeCode)) continue;
        if (!hit.credentials && masked !== null && appliedOnlyToPublicRoutes(text, masked, openingOffset(text, starts, hit.line))) continue;
        if (hit.framework === 'header' && !hit.credentials && masked !== null && guardedByPublicPath(text, masked, openingOffset(text, starts, hit.line))) continue;
        if (!hit.credentials && isWellKnownHandler(file.path)) continue;
        if (hit.framework === 'header' && !hit.credentials && masked !== null && (await appAlreadyOpen(ctx, file.path))) continue;
        if (hit.framework === 'header' && GO_SOURCE.test(file.path) && (await goAppAlreadyOpen(ctx, file.path, hit.credentials))) continue;
        // A Go CORS middleware mounted only on route groups whose every route checks a signed URL.
        if (!hit.credentials && hit.framework === 'go' && GO_SOURCE.test(file.path)) {
          const code = routeCode || maskGo(text);
          const bounds = (goStarts ??= lineStarts(text));
          const from = bounds[hit.line - 1]!;
          if (appliedOnlyToSignedGroups(code, from + Math.max(0, text.slice(from, bounds[hit.line] ?? text.length).search(/Allow/)))) continue;
        }
        // A Parse Server app: Parse answers every origin itself and signs users in with a header token.
        if (!hit.credentials && masked !== null && hit.behaviour === 'literal' && (await servesParseServer(ctx, file.path))) continue;
        // One handler's own responses: the route's author opened that route alone, and without credentials no
        // browser sends it a visitor's cookies (as for Python views, below).
        if (hit.framework === 'header' && !hit.credentials && (masked !== null || GO_SOURCE.test(file.path))) {
          const code = masked ?? (routeCode || maskGo(text));
          const bounds = starts.length ? starts : (goStarts ??= lineStarts(text));
          const from = bounds[hit.line - 1]!;
          const at = from + Math.max(0, text.slice(from, bounds[hit.line] ?? text.length).search(/access-control-allow-origin/i));
          if (setByOneHandler(text, code, at, masked === null)) continue;
          if (masked !== null && setByNextRouteHandler(file.path, text, masked, at)) continue;
        }
        // Spring's `@CrossOrigin` annotates one controller or one handler method: its author opened those endpoints alone,
        // as a handler setting its own header (above); without credentials no browser sends them a visitor's cookies. The
        // application-wide opening (a CorsRegistry or CorsConfiguration with `*`) is still reported.
        if (hit.framework === 'spring' && hit.setting === '@CrossOrigin' && !hit.credentials) continue;
        if (isYaml(file.path) && inYamlDevelopmentBlock(text, hit.line)) continue;
        // A server block for static files only (web fonts, styles), or one public Python view's own responses.
        if (!hit.credentials && (hit.framework === 'apache' || hit.framework === 'nginx') && scopedToStaticFiles(text, hit.line, hit.framework)) continue;
        if (hit.framework === 'header' && python) {
          const parsed = await ctx.python(file.path);
          if (parsed && !hit.credentials && setByPublicView(parsed.tree.rootNode, hit.line)) continue;
          if (parsed && sentWithPythonRequest(parsed.tree.rootNode, hit.line)) continue;
        }
        // Flask-CORS without origins of its own takes the app's `CORS_ORIGINS` setting.
        if (hit.framework === 'flask' && (hit.setting === 'cross_origin' || hit.setting === 'CORS' || hit.setting === 'resources') && (await configuredOrigins(ctx, file.path))) continue;
        // A route or blueprint opened like the app the base already opened to every origin adds nothing.
        if (hit.framework === 'flask' && !hit.credentials && (hit.setting === 'cross_origin' || hit.setting === 'CORS' || hit.setting === 'resources') && (await flaskAppAlreadyOpen(ctx, file.path))) continue;
        // Said once a file: a `*` header set by hand, without credentials, below a CORS middleware this file already opens
        // to every origin (Termix's fallback header middleware under its `cors({ origin: '*' })`) repeats the policy the
        // first finding asks to fix. Credentials are new harm, and a header before any middleware is judged on its own.
        if (hit.framework === 'header' && !hit.credentials && middlewareReported) continue;
        if (hit.framework !== 'header') middlewareReported = true;
        seen.add(hit.line);
        seenKeys.add(identity(hit));
        findings.push(draftOf(file.path, hit, python));
      }
    }
    return findings;
  },
});
