// debug-mode: debug switches the change turns on in code or configuration that runs in production.
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { composeEnvironment, composeServices } from '../src/parse/compose.js';
import { PLAIN_COMPOSE, PRODUCTION_COMPOSE } from '../src/engine/file-role.js';
import { imageEnv, type Dockerfile } from '../src/parse/dockerfile.js';
import { parseEnvFile } from '../src/parse/env-file.js';
import {
  basename,
  isComposeFile,
  isDockerfile,
  isEnvFile,
  isEnvTemplate,
  isGitHubWorkflow,
  isProductionEnvFile,
  isPython,
  isJavaScript,
  isYaml,
  repoDir,
  repoJoin,
} from '../src/parse/file-kinds.js';
import { configMapData, k8sContainers, k8sEnv } from '../src/parse/kubernetes.js';
import { descendants, dottedName, keywordArguments, positionalArguments, stringValue, type PyNode } from '../src/parse/python.js';
import { envRead } from '../src/parse/python-env.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { developmentBranchAt, lineAt, lineStarts, maskJavaScript } from '../src/parse/javascript.js';
import type { YamlFile } from '../src/parse/yaml.js';

/**
 * Every finding's line matches its file kind's pattern, so files whose added lines do not are never
 * parsed. Python needs `debug=`, `DEBUG =`, `"DEBUG":`, `["DEBUG"]` (not `logger.debug(`); a Kubernetes
 * env entry can be switched on by its `value:` line alone, which does not name the variable.
 */
const PREFILTERS: Record<FileKind, RegExp> = {
  python: /debug['"]?\s*[=:\]]|development/i,
  kubernetes: /debug|development|^\s*value\s*:/i,
  compose: /debug|development/i,
  dockerfile: /debug|development/i,
  'env-file': /debug|development/i,
  javascript: /\bdebug\s*:\s*true\b/,
};

// ---------------------------------------------------------------------------------------------
// Configuration: environment variables in compose, Dockerfile, Kubernetes and production env files

const TRUTHY = /^(?:1|true|yes|on)$/i;

/** What each variable does when set, and the value that turns debug on. */
const DEBUG_VARIABLES: Record<string, { on: (value: string) => boolean; effect: string; off: (value: string) => string }> = {
  FLASK_DEBUG: { on: (v) => TRUTHY.test(v), effect: "turns on Flask's debug mode and its interactive Werkzeug debugger", off: falseLike },
  FLASK_ENV: { on: (v) => /^development$/i.test(v), effect: 'puts Flask in development mode, which turns on its interactive debugger (Flask before 2.3)', off: () => 'production' },
  DJANGO_DEBUG: { on: (v) => TRUTHY.test(v), effect: "is the conventional switch for Django's `DEBUG` setting", off: falseLike },
  DEBUG: { on: (v) => TRUTHY.test(v), effect: "turns on the application's debug mode", off: falseLike },
  APP_DEBUG: { on: (v) => TRUTHY.test(v), effect: "turns on the framework's debug mode (Laravel and others)", off: falseLike },
  RAILS_ENV: { on: (v) => /^development$/i.test(v), effect: 'runs Rails in development mode: full error pages with code and request details, code reloading, no asset precompilation', off: () => 'production' },
  RACK_ENV: { on: (v) => /^development$/i.test(v), effect: 'runs the Rack app (Rails, Sinatra) in development mode, with its error pages and reloading', off: () => 'production' },
  ASPNETCORE_ENVIRONMENT: { on: (v) => /^development$/i.test(v), effect: "runs ASP.NET Core in the Development environment, which shows the developer exception page with stack traces", off: () => 'Production' },
};

/** The "off" spelling matching the "on" one: `1` → `0`, `True` → `False`, `true`/`yes`/`on` → `false`. */
function falseLike(value: string): string {
  if (/^\d+$/.test(value)) return '0';
  if (value === value.toUpperCase()) return 'FALSE';
  if (value[0] === value[0]!.toUpperCase()) return 'False';
  return 'false';
}

/** The variable's effect when `name=value` turns debug on; values that reference other variables or templates never count. */
function debugVariable(name: string, value: string | null): (typeof DEBUG_VARIABLES)[string] | null {
  const spec = Object.hasOwn(DEBUG_VARIABLES, name) ? DEBUG_VARIABLES[name]! : null;
  if (!spec || value === null || /\$|\{\{|%\(/.test(value)) return null;
  return spec.on(value.trim()) ? spec : null;
}


/**
 * `lineText` with the value of `key` replaced by `replacement`, or undefined when the assignment is
 * not written plainly on that line. Bare values after a YAML `key:` are quoted, as compose and
 * Kubernetes expect strings there.
 */
function replaceValue(lineText: string, key: string, value: string, replacement: string): string | undefined {
  const pattern = new RegExp(`(^|[\\s"'-])(${escapeRegExp(key)}["']?)(\\s*[=:]\\s*|\\s+)(["']?)(${escapeRegExp(value.trim())})\\4(?=$|[\\s"',#\\]}])`, 'i');
  const m = pattern.exec(lineText);
  if (!m) return undefined;
  const [, lead, keyText, separator, quote] = m as unknown as [string, string, string, string, string];
  const newValue = quote === '' && separator.includes(':') ? `"${replacement}"` : `${quote}${replacement}${quote}`;
  return lineText.slice(0, m.index) + lead + keyText + separator + newValue + lineText.slice(m.index + m[0].length);
}

interface SettingHit {
  name: string;
  value: string;
  /** Where the setting lives, for the message: "service `web`", "the image". */
  where: string;
  line: number;
  endLine: number;
  /** The head line whose value the suggestion replaces, and the key written before the value there. */
  valueLine: number;
  valueKey: string;
  /** Identifies the entity for the fingerprint (service, container, stage). */
  entity: string;
  source: 'compose' | 'dockerfile' | 'kubernetes' | 'env-file';
}

function settingFinding(path: string, lines: string[], hit: SettingHit): Draft {
  const spec = DEBUG_VARIABLES[hit.name]!;
  const replacement = spec.off(hit.value.trim());
  const draft: Draft = {
    path,
    line: hit.line,
    endLine: hit.endLine,
    messageId: 'variable',
    data: { setting: `${hit.name}=${hit.value}`, where: hit.where, effect: spec.effect },
    remediation: settingRemediation(hit, replacement),
    key: `${hit.source}:${hit.entity}:${hit.name}`,
    subject: `${hit.entity}:${hit.name}`,
  };
  const original = lines[hit.valueLine - 1];
  const replaced = original === undefined ? undefined : replaceValue(original, hit.valueKey, hit.value, replacement);
  if (replaced !== undefined) {
    const range = lines.slice(hit.line - 1, hit.endLine);
    range[hit.valueLine - hit.line] = replaced;
    draft.suggestion = range.join('\n');
  }
  return draft;
}

function settingRemediation(hit: SettingHit, off: string): string {
  const flask = hit.name === 'FLASK_ENV' ? '\n\n`FLASK_ENV` was removed in Flask 2.3; delete it and use `flask run --debug` for local development only.' : '';
  const snippet: Record<SettingHit['source'], string> = {
    compose: [
      'Turn it off in the compose file production uses, and keep debug settings in a development-only file passed with `-f`:',
      '',
      '```yaml',
      'services:',
      `  ${hit.entity}:`,
      '    environment:',
      `      ${hit.name}: "${off}"`,
      '```',
      '',
      '```sh',
      'docker compose -f docker-compose.yml -f docker-compose.dev.yml up   # local development only',
      '```',
    ].join('\n'),
    dockerfile: [
      'Do not bake debug settings into the image: every container started from it inherits them. Remove the variable from `ENV` (or set it off) and turn debug on only when running locally:',
      '',
      '```dockerfile',
      `ENV ${hit.name}=${off}`,
      '```',
      '',
      '```sh',
      `docker run -e ${hit.name}=${hit.name === 'FLASK_ENV' ? 'development' : '1'} my-image   # local development only`,
      '```',
    ].join('\n'),
    kubernetes: [
      'Turn it off in the manifest (or remove the entry); Kubernetes `env` values are strings:',
      '',
      '```yaml',
      'env:',
      `  - name: ${hit.name}`,
      `    value: "${off}"`,
      '```',
    ].join('\n'),
    'env-file': ['Production env files must keep debug off:', '', '```dotenv', `${hit.name}=${off}`, '```'].join('\n'),
  };
  return snippet[hit.source] + flask;
}

/**
 * For a plain compose file (`docker-compose.yml`), the variables each service of a production file beside it
 * (`docker-compose.prod.yml`, `docker-stack.yml`) sets to a value that leaves debug off: that file is laid over this
 * one where it deploys (`docker compose -f docker-compose.yml -f docker-compose.prod.yml up`), and its value wins
 * (Tabbycat's worker: `DEBUG=1` here, `DEBUG=0` there). A production file that sets nothing for the service, or
 * turns debug on too, leaves the finding.
 */
async function productionOverrides(ctx: CheckContext, path: string): Promise<Map<string, Set<string>>[]> {
  if (!PLAIN_COMPOSE.test(basename(path))) return [];
  const out: Map<string, Set<string>>[] = [];
  for (const production of PRODUCTION_COMPOSE) {
    const yaml = await ctx.yaml(repoJoin(repoDir(path), production));
    if (!yaml) continue;
    const byService = new Map<string, Set<string>>();
    for (const service of composeServices(yaml)) {
      const off = [...composeEnvironment(yaml, service)].filter(([n, { value }]) => value !== null && !value.includes('$') && !debugVariable(n, value)).map(([n]) => n);
      if (off.length > 0) byService.set(service.name, new Set(off));
    }
    out.push(byService);
  }
  return out;
}

function composeHits(path: string, file: YamlFile): SettingHit[] {
  const hits: SettingHit[] = [];
  for (const service of composeServices(file)) {
    for (const [name, { value, line }] of composeEnvironment(file, service)) {
      if (!debugVariable(name, value)) continue;
      hits.push({ name, value: value!, where: `service \`${service.name}\` of ${basename(path)}`, line, endLine: line, valueLine: line, valueKey: name, entity: service.name, source: 'compose' });
    }
  }
  return hits;
}

function dockerfileHits(path: string, dockerfile: Dockerfile, lines: string[]): SettingHit[] {
  return imageEnv(dockerfile, lines)
    .filter(({ name, value }) => debugVariable(name, value))
    .map(({ name, value, line, stage }) => ({ name, value, where: `the image built by ${basename(path)}`, line, endLine: line, valueLine: line, valueKey: name, entity: stage.name ?? String(stage.index), source: 'dockerfile' as const }));
}

function kubernetesHits(file: YamlFile): SettingHit[] {
  const hits: SettingHit[] = [];
  for (const container of k8sContainers(file)) {
    for (const env of k8sEnv(file, container)) {
      if (!debugVariable(env.name, env.value) || env.valueLine === undefined) continue;
      const where = `container \`${container.name}\` of ${container.workload}`;
      const line = Math.min(env.line, env.valueLine);
      hits.push({ name: env.name, value: env.value!, where, line, endLine: Math.max(env.line, env.valueLine), valueLine: env.valueLine, valueKey: 'value', entity: `${container.workload}/${container.name}`, source: 'kubernetes' });
    }
  }
  for (const entry of configMapData(file)) {
    if (!debugVariable(entry.name, entry.value)) continue;
    const where = `ConfigMap \`${entry.configMap}\``;
    hits.push({ name: entry.name, value: entry.value!, where, line: entry.line, endLine: entry.line, valueLine: entry.line, valueKey: entry.name, entity: `ConfigMap/${entry.configMap}`, source: 'kubernetes' });
  }
  return hits;
}

function envFileHits(path: string, text: string): SettingHit[] {
  return parseEnvFile(text)
    .filter((e) => debugVariable(e.name, e.value))
    .map((e) => ({ name: e.name, value: e.value, where: `the production env file ${basename(path)}`, line: e.line, endLine: e.line, valueLine: e.line, valueKey: e.name, entity: '', source: 'env-file' as const }));
}

// ---------------------------------------------------------------------------------------------
// Python: Flask, Django, FastAPI/Starlette

/** Constructors whose objects start a Werkzeug-style debug server from `.run(debug=True)`. */
const APP_CONSTRUCTORS = new Set(['Flask', 'Quart', 'APIFlask', 'Dash', 'SocketIO', 'Sanic']);
/** ASGI frameworks that return tracebacks to clients when built with `debug=True` (and Tornado's `Application`, below). */
const ASGI_CONSTRUCTORS = new Set(['FastAPI', 'Starlette', 'Litestar']);
/** Top-level names that make a module a settings/config module even without "settings" in its name. */
const SETTINGS_MARKERS = new Set([
  'INSTALLED_APPS',
  'ALLOWED_HOSTS',
  'MIDDLEWARE',
  'MIDDLEWARE_CLASSES',
  'ROOT_URLCONF',
  'WSGI_APPLICATION',
  'ASGI_APPLICATION',
  'DATABASES',
  'SECRET_KEY',
  'SQLALCHEMY_DATABASE_URI',
]);
const DJANGO_MARKERS = ['INSTALLED_APPS', 'ROOT_URLCONF', 'WSGI_APPLICATION', 'ASGI_APPLICATION', 'MIDDLEWARE', 'DATABASES'];

const lastSegment = (dotted: string | null) => (dotted ? dotted.slice(dotted.lastIndexOf('.') + 1) : '');

/** `True` or a non-zero integer literal: anything else (names, calls, `os.getenv(...)`) is decided at run time. */
function isTrueLiteral(node: PyNode | null | undefined): node is PyNode {
  if (!node) return false;
  if (node.type === 'true') return true;
  return node.type === 'integer' && /^[1-9]\d*$/.test(node.text);
}

type PythonKind = 'run' | 'flaskConfig' | 'djangoSettings' | 'settings' | 'configClass' | 'inheritedDebug' | 'asgi' | 'debugDefault';

/** The `if` statements whose body (not `else`) holds `node`, innermost first. */
function enclosingConditions(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  let child: PyNode = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && parent.childForFieldName('consequence')?.id === child.id) {
      const condition = parent.childForFieldName('condition');
      if (condition) out.push(condition);
    }
  }
  return out;
}

function underMainGuard(node: PyNode): boolean {
  return enclosingConditions(node).some((c) => /^__name__\s*==\s*["']__main__["']$|^["']__main__["']\s*==\s*__name__$/.test(c.text.trim()));
}

/**
 * True when `node` runs only when the module is started as a script: under `if __name__ == "__main__":`,
 * or inside a module-level, undecorated function (`def local_main():`) whose name the module uses only
 * under that guard, at least once (a decorator such as `@app.cli.command()` or a call from elsewhere in
 * the module may run it another way).
 */
function runsOnlyAsScript(node: PyNode): boolean {
  if (underMainGuard(node)) return true;
  let fn: PyNode | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (fn?.parent?.type !== 'module') return false;
  const name = fn.childForFieldName('name');
  if (!name) return false;
  const uses = descendants(fn.parent, 'identifier').filter((id) => id.text === name.text && id.id !== name.id);
  return uses.length > 0 && uses.every((id) => underMainGuard(id));
}

/**
 * True when `node` runs only after a run-time debug or development switch said so (`if settings.DEBUG:`,
 * `if searx.sxng_debug or app.debug:`, `if ENV == "development":`): debug then follows that switch.
 */
function underDebugSwitch(node: PyNode): boolean {
  return enclosingConditions(node).some((c) => {
    const text = c.text.trim();
    return !/^not\b/.test(text) && /debug|\bdev(?:elop(?:ment)?)?\b|_dev\b|\bis_?dev|\blocal\b/i.test(text);
  });
}

/** Literal defaults that turn a debug switch on when the variable is unset. */
function truthyDefault(node: PyNode | null): boolean {
  if (!node) return false;
  if (isTrueLiteral(node)) return true;
  const value = stringValue(node);
  return value !== null && TRUTHY.test(value.trim());
}

/** `DEBUG = os.getenv("DEBUG", True)`, `env.bool("DEBUG", default=True)`: the env read in `right` whose default turns debug on. */
function debugDefaultRead(right: PyNode): { call: PyNode; name: string; fallback: PyNode } | null {
  for (const call of right.type === 'call' ? [right, ...descendants(right, 'call')] : descendants(right, 'call')) {
    const read = envRead(call);
    if (read && /debug/i.test(read.name) && truthyDefault(read.defaultNode)) return { call, name: read.name, fallback: read.defaultNode! };
    // django-environ / environs typed readers: `env.bool("DEBUG", default=True)`.
    const callee = dottedName(call.childForFieldName('function')) ?? '';
    const name = stringValue(positionalArguments(call)[0] ?? null);
    const fallback = keywordArguments(call).get('default') ?? null;
    if (/^(?:env|environ)\.bool$/.test(callee) && name !== null && /debug/i.test(name) && truthyDefault(fallback)) return { call, name, fallback: fallback! };
  }
  return null;
}

interface PythonHit {
  kind: PythonKind;
  /** For `run` and `app.debug = True`: the line runs only when the module is started as a script (`runsOnlyAsScript`). */
  underMain?: boolean;
  /** The literal that turns debug on; the finding is on its line. */
  value: PyNode;
  /** What replaces the literal in the suggestion; none when the fix belongs elsewhere (an inherited value). */
  replacement?: string;
  /** Short code for the message: `app.run(debug=True)`. */
  code: string;
  data?: Record<string, string>;
}

/** Names bound in the module to an app object: `app = Flask(__name__)`, `application = create_app()`. */
function appBindings(assignments: PyNode[]): Set<string> {
  const names = new Set<string>();
  for (const assignment of assignments) {
    const right = assignment.childForFieldName('right');
    const left = dottedName(assignment.childForFieldName('left'));
    if (left && right?.type === 'call' && isAppFactory(right)) names.add(left);
  }
  return names;
}

function isAppFactory(call: PyNode): boolean {
  const callee = lastSegment(dottedName(call.childForFieldName('function')));
  return APP_CONSTRUCTORS.has(callee) || /(?:^|_)app$/i.test(callee);
}

/** The module's top-level assignments by name. */
function topLevelAssignments(root: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'expression_statement') continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    if (left?.type === 'identifier') out.set(left.text, assignment);
  }
  return out;
}

/**
 * A module whose top-level `DEBUG` is a framework setting: named like one (`settings.py`,
 * `settings/production.py`, `prod_settings.py`, `config.py`) or setting other well-known settings
 * (`INSTALLED_APPS`, `SECRET_KEY`, …) beside it, as Flask's `from_object(__name__)` modules do.
 */
function isSettingsModule(path: string, topLevel: Map<string, PyNode>): boolean {
  const stem = basename(path).replace(/\.pyw?$/i, '').toLowerCase();
  if (/settings|config/.test(stem) || /(^|\/)settings\//i.test(path)) return true;
  for (const name of topLevel.keys()) if (SETTINGS_MARKERS.has(name)) return true;
  return false;
}

/** `ProductionConfig`, `ProdSettings`, `Live`: a config class for production by its name. */
function isProductionClass(name: string): boolean {
  const words = name.split(/(?<=[a-z0-9])(?=[A-Z])|_/).map((w) => w.toLowerCase());
  return words.some((w) => w === 'prod' || w === 'production' || w === 'live');
}

function pythonHits(root: PyNode, path: string): PythonHit[] {
  const hits: PythonHit[] = [];
  const assignments = descendants(root, 'assignment');
  const bindings = appBindings(assignments);
  const isAppObject = (node: PyNode | null): boolean => {
    if (!node) return false;
    if (node.type === 'call') return isAppFactory(node);
    const name = dottedName(node);
    if (!name) return false;
    return bindings.has(name) || /(?:app|application)$/i.test(lastSegment(name)) || /^app_/i.test(lastSegment(name));
  };
  const isConfigObject = (node: PyNode | null) => lastSegment(dottedName(node)) === 'config';
  let tornado: boolean | undefined;
  const importsTornado = () => (tornado ??= root.namedChildren.some((n) => (n?.type === 'import_statement' || n?.type === 'import_from_statement') && /^(?:from|import)\s+tornado\b/.test(n.text)));
  let dash: boolean | undefined;
  const importsDash = () => (dash ??= root.namedChildren.some((n) => (n?.type === 'import_statement' || n?.type === 'import_from_statement') && /^(?:from|import)\s+dash\b/.test(n.text)));
  const describe = (node: PyNode) => dottedName(node) ?? (node.text.length <= 40 && !node.text.includes('\n') ? node.text : 'app');

  for (const call of descendants(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const receiver = fn.childForFieldName('object');
      if ((method === 'run' || method === 'run_server') && isAppObject(receiver)) {
        const debug = keywordArguments(call).get('debug');
        // A server bound to the loopback interface is reachable from the machine itself only: a local launcher.
        const host = stringValue(keywordArguments(call).get('host') ?? null);
        const loopback = host !== null && /^(?:127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host.trim());
        // So is Flask's `app.run()` with no host (its default is 127.0.0.1) that only `python app.py` runs: not
        // Dash's, whose default comes from the `HOST` variable, nor one at module level, which also runs on import.
        const noHost = method === 'run' && !keywordArguments(call).has('host') && positionalArguments(call).length === 0 && !importsDash();
        if (isTrueLiteral(debug) && !loopback && !(noHost && runsOnlyAsScript(call))) {
          hits.push({ kind: 'run', value: debug, replacement: 'False', code: `${describe(receiver!)}.${method}(debug=${debug.text})`, data: { receiver: describe(receiver!), method }, underMain: runsOnlyAsScript(call) });
        }
      }
      if (method === 'configure' && lastSegment(dottedName(receiver)) === 'settings') {
        // Django configured in code: `settings.configure(DEBUG=True)`.
        const debug = keywordArguments(call).get('DEBUG');
        if (isTrueLiteral(debug)) hits.push({ kind: 'djangoSettings', value: debug, replacement: 'False', code: `${describe(receiver!)}.configure(DEBUG=${debug.text})` });
      }
      if ((method === 'update' || method === 'from_mapping') && isConfigObject(receiver)) {
        const code = `${describe(receiver!)}.${method}(DEBUG=…)`;
        const debug = keywordArguments(call).get('DEBUG');
        if (isTrueLiteral(debug)) hits.push({ kind: 'flaskConfig', value: debug, replacement: 'False', code: `${describe(receiver!)}.${method}(DEBUG=${debug.text})` });
        for (const arg of positionalArguments(call)) {
          if (arg.type === 'dictionary') {
            for (const pair of arg.namedChildren) {
              if (pair?.type !== 'pair' || stringValue(pair.childForFieldName('key')) !== 'DEBUG') continue;
              const value = pair.childForFieldName('value');
              if (isTrueLiteral(value)) hits.push({ kind: 'flaskConfig', value, replacement: 'False', code });
            }
          } else if (arg.type === 'call' && dottedName(arg.childForFieldName('function')) === 'dict') {
            const value = keywordArguments(arg).get('DEBUG');
            if (isTrueLiteral(value)) hits.push({ kind: 'flaskConfig', value, replacement: 'False', code });
          }
        }
      }
    }
    const callee = lastSegment(dottedName(fn));
    // `Application` is too common a name to trust alone: only Tornado's, in a module that imports tornado.
    const framework = ASGI_CONSTRUCTORS.has(callee) ? callee : callee === 'Application' && importsTornado() ? 'Tornado' : null;
    if (framework) {
      const debug = keywordArguments(call).get('debug');
      if (isTrueLiteral(debug)) hits.push({ kind: 'asgi', value: debug, replacement: 'False', code: `${callee}(debug=${debug.text})`, data: { framework } });
    }
  }

  const topLevel = topLevelAssignments(root);
  const settingsModule = isSettingsModule(path, topLevel);
  for (const assignment of assignments) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (!left || !right) continue;
    if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug' && isAppObject(left.childForFieldName('object'))) {
      if (isTrueLiteral(right)) hits.push({ kind: 'flaskConfig', value: right, replacement: 'False', code: `${describe(left.childForFieldName('object')!)}.debug = ${right.text}`, underMain: runsOnlyAsScript(assignment) });
    } else if (left.type === 'subscript' && isConfigObject(left.childForFieldName('value'))) {
      const key = stringValue(left.childForFieldName('subscript'));
      const target = describe(left.childForFieldName('value')!);
      if (key === 'DEBUG' && isTrueLiteral(right)) hits.push({ kind: 'flaskConfig', value: right, replacement: 'False', code: `${target}["DEBUG"] = ${right.text}`, underMain: runsOnlyAsScript(assignment) });
      const content = right.namedChildren.find((c) => c?.type === 'string_content');
      if (key === 'ENV' && stringValue(right) === 'development' && content) hits.push({ kind: 'flaskConfig', value: content, replacement: 'production', code: `${target}["ENV"] = "development"` });
    } else if (left.type === 'identifier' && left.text === 'DEBUG' && !isTrueLiteral(right)) {
      const statement = assignment.parent;
      const read = statement?.type === 'expression_statement' && statement.parent?.type === 'module' && settingsModule && topLevel.get('DEBUG')?.startIndex === assignment.startIndex ? debugDefaultRead(right) : null;
      if (read) {
        const replacement = read.fallback.type === 'string' ? `${read.fallback.text[0]}0${read.fallback.text[0]}` : 'False';
        hits.push({ kind: 'debugDefault', value: read.fallback, replacement, code: read.call.text.replace(/\s+/g, ' '), data: { variable: read.name } });
      }
    } else if (left.type === 'identifier' && left.text === 'DEBUG' && isTrueLiteral(right)) {
      const statement = assignment.parent;
      const scope = statement?.type === 'expression_statement' ? statement.parent : null;
      if (scope?.type === 'module' && settingsModule && topLevel.get('DEBUG')?.startIndex === assignment.startIndex) {
        // The last top-level assignment wins: `DEBUG = True` later overridden from the environment is fine.
        const django = DJANGO_MARKERS.some((m) => topLevel.has(m)) || /(^|\/|_)settings/i.test(path);
        hits.push({ kind: django ? 'djangoSettings' : 'settings', value: right, replacement: 'False', code: `DEBUG = ${right.text}` });
      }
    }
  }
  hits.push(...configClassHits(root));
  return hits;
}

/**
 * The value that turns debug on in a class-level `DEBUG = …`: the literal `True`, or django-configurations'
 * `values.BooleanValue(True)`, which reads `DJANGO_DEBUG` (its prefix and name can be changed) and falls
 * back to its default when the variable is unset. `variable` is that environment variable, if it reads one.
 */
function classDebugValue(right: PyNode): { value: PyNode; variable?: string } | null {
  if (right.type === 'true' || right.type === 'integer') return isTrueLiteral(right) ? { value: right } : null;
  if (right.type !== 'call' || lastSegment(dottedName(right.childForFieldName('function'))) !== 'BooleanValue') return null;
  const keywords = keywordArguments(right);
  const fallback = positionalArguments(right)[0] ?? keywords.get('default') ?? null;
  if (!isTrueLiteral(fallback)) return null;
  if (keywords.get('environ')?.type === 'false') return { value: fallback };
  const prefix = keywords.has('environ_prefix') ? stringValue(keywords.get('environ_prefix')!) : 'DJANGO';
  const name = keywords.has('environ_name') ? stringValue(keywords.get('environ_name')!) : 'DEBUG';
  if (prefix === null || name === null) return { value: fallback };
  return { value: fallback, variable: prefix ? `${prefix}_${name}` : name };
}

interface ConfigClass {
  name: string;
  bases: string[];
  /** The class body's last `DEBUG = …`, if it sets one. */
  debug?: PyNode;
}

/**
 * Class-based settings (Flask config classes, django-configurations): `DEBUG` switched on in a class named
 * for production, or in a class that a production class inherits without setting `DEBUG` itself
 * (`class Common(Configuration): DEBUG = values.BooleanValue(True)` and `class Production(Common): …`).
 * The inherited value is found as Python's method resolution order would find it in a simple hierarchy:
 * the class itself, then its bases depth-first from left to right, among the classes of this module.
 */
function configClassHits(root: PyNode): PythonHit[] {
  const classes = new Map<string, ConfigClass>();
  for (const node of root.namedChildren) {
    const definition = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (definition?.type !== 'class_definition') continue;
    const name = definition.childForFieldName('name')?.text ?? '';
    const bases = (definition.childForFieldName('superclasses')?.namedChildren ?? []).flatMap((b) => (b && b.type !== 'keyword_argument' ? [lastSegment(dottedName(b))] : []));
    const entry: ConfigClass = { name, bases };
    for (const statement of definition.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
      if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === 'DEBUG') entry.debug = assignment;
    }
    classes.set(name, entry);
  }
  const definingClass = (start: ConfigClass, seen = new Set<string>()): ConfigClass | undefined => {
    if (seen.has(start.name)) return undefined;
    seen.add(start.name);
    if (start.debug) return start;
    for (const base of start.bases) {
      const parent = classes.get(base);
      const found = parent ? definingClass(parent, seen) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const hits: PythonHit[] = [];
  const reported = new Set<string>();
  for (const production of classes.values()) {
    if (!isProductionClass(production.name)) continue;
    const owner = definingClass(production);
    const right = owner?.debug?.childForFieldName('right');
    const on = right ? classDebugValue(right) : null;
    if (!owner || !right || !on || reported.has(owner.name)) continue;
    reported.add(owner.name);
    const code = `DEBUG = ${right.text.replace(/\s+/g, ' ')}`;
    if (owner === production) hits.push({ kind: 'configClass', value: on.value, replacement: 'False', code, data: { className: owner.name } });
    else hits.push({ kind: 'inheritedDebug', value: on.value, code, data: { className: owner.name, production: production.name, unless: on.variable ? ` unless the deployment sets \`${on.variable}\`` : '' } });
  }
  return hits;
}

function pythonRemediation(hit: PythonHit, path: string): string {
  switch (hit.kind) {
    case 'run': {
      const app = hit.data!.receiver!;
      // gunicorn and `flask --app` name the module by its import path and the app by its variable.
      const module = path.replace(/\.pyw?$/i, '').replace(/\/__init__$/, '').replace(/\//g, '.');
      const target = /^[A-Za-z_]\w*$/.test(app) ? `${module}:${app}` : module;
      return [
        `Serve the app with a production server and decide debug mode from the environment, never in code:`,
        '',
        '```python',
        'import os',
        '',
        'if __name__ == "__main__":',
        `    ${app}.${hit.data!.method!}(debug=os.environ.get("FLASK_DEBUG") == "1")`,
        '```',
        '',
        '```sh',
        `gunicorn --bind 0.0.0.0:8000 ${target}   # production`,
        `flask --app ${target} run --debug   # local development`,
        '```',
      ].join('\n');
    }
    case 'flaskConfig':
      return [
        'Leave debug mode off in code; turn it on locally with `flask run --debug`, or read it from the environment:',
        '',
        '```python',
        'import os',
        '',
        'app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"',
        '```',
      ].join('\n');
    case 'djangoSettings':
    case 'settings':
      return hit.kind === 'djangoSettings'
        ? [
            'Read `DEBUG` from the environment so it is off unless a developer turns it on; with `DEBUG` off Django also needs `ALLOWED_HOSTS`:',
            '',
            '```python',
            'import os',
            '',
            'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"',
            'ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")',
            '```',
            '',
            'Keep `DEBUG = True` only in a development settings module (`settings/local.py`, `settings/dev.py`).',
          ].join('\n')
        : [
            'Read `DEBUG` from the environment so it is off unless a developer turns it on:',
            '',
            '```python',
            'import os',
            '',
            'DEBUG = os.environ.get("FLASK_DEBUG", "") == "1"',
            '```',
          ].join('\n');
    case 'configClass':
      return [
        `A production configuration must not turn debug on; set it off in \`${hit.data!.className!}\` and keep \`DEBUG = True\` in the development class:`,
        '',
        '```python',
        `class ${hit.data!.className!}(Config):`,
        '    DEBUG = False',
        '```',
      ].join('\n');
    case 'inheritedDebug':
      return [
        `Set \`DEBUG\` off in \`${hit.data!.production!}\` itself, so production does not inherit the development value from \`${hit.data!.className!}\`:`,
        '',
        '```python',
        `class ${hit.data!.production!}(${hit.data!.className!}):`,
        hit.code.includes('BooleanValue') ? '    DEBUG = values.BooleanValue(False)' : '    DEBUG = False',
        '```',
      ].join('\n');
    case 'debugDefault':
      return [
        `Default to debug off, so a deployment that does not set \`${hit.data!.variable!}\` runs without it; developers turn it on in their own environment:`,
        '',
        '```python',
        'import os',
        '',
        `DEBUG = os.environ.get("${hit.data!.variable!}", "0") == "1"`,
        '```',
      ].join('\n');
    case 'asgi':
      return [
        `Build the app without \`debug=True\`, or read it from the environment:`,
        '',
        '```python',
        'import os',
        '',
        `app = ${hit.data!.framework === 'Tornado' ? 'tornado.web.Application(handlers, ' : `${hit.data!.framework!}(`}debug=os.environ.get("APP_DEBUG") == "1")`,
        '```',
      ].join('\n');
  }
}

function pythonFinding(path: string, lines: string[], hit: PythonHit): Draft {
  const row = hit.value.startPosition.row;
  const draft: Draft = {
    path,
    line: row + 1,
    messageId: hit.kind,
    data: { code: hit.code, ...hit.data },
    remediation: pythonRemediation(hit, path),
    key: `python:${(lines[row] ?? '').trim()}`,
    subject: 'python',
  };
  const text = lines[row];
  // Columns are UTF-16 offsets, as JavaScript strings index; only a one-line literal is replaced.
  if (hit.replacement !== undefined && text !== undefined && hit.value.endPosition.row === row && text.slice(hit.value.startPosition.column, hit.value.endPosition.column) === hit.value.text) {
    draft.suggestion = text.slice(0, hit.value.startPosition.column) + hit.replacement + text.slice(hit.value.endPosition.column);
  }
  return draft;
}

/**
 * The variables by which an app or framework is told which environment it runs in (Laravel's `APP_ENV`, Node's
 * `NODE_ENV`, Rails' `RAILS_ENV`, ASP.NET Core's `ASPNETCORE_ENVIRONMENT`…), set to production.
 */
const DECLARES_PRODUCTION = /^\s*(?:export\s+)?(?:APP_ENV|NODE_ENV|RAILS_ENV|RACK_ENV|FLASK_ENV|DJANGO_ENV|ENVIRONMENT|APP_ENVIRONMENT|ASPNETCORE_ENVIRONMENT|ENV)\s*=\s*(["']?)(?:prod|production)\1\s*(?:#.*)?$/im;

/**
 * An env file whose name says nothing (`.env.docker`, `.env`) but whose own settings declare the production
 * environment (`APP_ENV=production`), outside templates and development or test paths: it is what a
 * production container loads (a `Dockerfile` copies `.env.docker` to `.env`), so it is read as a production env file.
 */
async function declaredProductionEnvFile(ctx: CheckContext, path: string): Promise<'env-file' | null> {
  if (!isEnvFile(path) || isEnvTemplate(path) || (await ctx.role(path)).role !== 'production') return null;
  const text = await ctx.text(path);
  return text !== null && DECLARES_PRODUCTION.test(text) ? 'env-file' : null;
}

// ---------------------------------------------------------------------------------------------

type FileKind = 'python' | 'compose' | 'dockerfile' | 'kubernetes' | 'env-file' | 'javascript';

function kindOf(path: string): FileKind | null {
  if (isEnvTemplate(path) || /\.(example|sample|template|tmpl|tpl|dist)$/i.test(path)) return null;
  if (isProductionEnvFile(path)) return 'env-file';
  if (isPython(path)) return 'python';
  if (isDockerfile(path)) return 'dockerfile';
  if (isComposeFile(path)) return 'compose';
  if (isYaml(path) && !isGitHubWorkflow(path)) return 'kubernetes';
  if (isJavaScript(path)) return 'javascript';
  return null;
}

/**
 * What opens the object a GraphQL server's options are written in: a `graphql:` or `apollo:` key of a
 * configuration object, `GraphQLModule.forRoot(` (NestJS), `new ApolloServer(`, `createYoga(`, `mercurius`.
 */
const GRAPHQL_OPTIONS = /(?:\b(?:graphql|graphQL|GraphQL|apollo|gql)\s*:|\bGraphQLModule\s*\.\s*forRoot(?:Async)?\s*(?:<[^>]*>)?\s*\(|\bnew\s+ApolloServer\s*\(|\bcreateYoga\s*(?:<[^>]*>)?\s*\(|\bmercurius\s*,)\s*$/;

/**
 * `debug: true` written in a GraphQL server's options (a `graphql: {…}` block of a configuration object,
 * `GraphQLModule.forRoot({…})`, `new ApolloServer({…})`) outside a development-only branch: every environment
 * then answers errors with stack traces and internal messages. The object must open right after one of those
 * names, so `debug: true` of a logger or a build tool is not read.
 */
function javascriptHits(path: string, text: string): Draft[] {
  const masked = maskJavaScript(text);
  const starts = lineStarts(text);
  const out: Draft[] = [];
  for (const m of masked.matchAll(/\bdebug\s*:\s*true\b/g)) {
    // The `{` that opens the object holding the key.
    let depth = 0;
    let open = -1;
    for (let i = m.index - 1; i >= 0; i--) {
      const c = masked[i];
      if (c === '}' || c === ')' || c === ']') depth++;
      else if (c === '{' || c === '(' || c === '[') {
        if (depth === 0) {
          open = c === '{' ? i : -1;
          break;
        }
        depth--;
      }
    }
    if (open < 0 || !GRAPHQL_OPTIONS.test(masked.slice(Math.max(0, open - 120), open)) || developmentBranchAt(text, masked, m.index)) continue;
    const line = lineAt(starts, m.index);
    out.push({
      path,
      line,
      messageId: 'graphqlDebug',
      data: { code: 'debug: true' },
      remediation: 'Turn GraphQL debug off outside development, from the environment:\n\n```ts\ndebug: process.env.NODE_ENV !== "production",\n```',
      key: `graphql-debug:${line}`,
      subject: 'graphql',
    });
  }
  return out;
}

/**
 * The findings in one side of a file. `path` is the file's path on that side; drafts carry `headPath`.
 * A `run` under `if __name__ == "__main__":` is dropped when production serves the app another way.
 */
async function fileFindings(ctx: CheckContext, headPath: string, path: string, side: 'head' | 'base', kind: FileKind, text: string, servedBy: () => Promise<string | undefined>): Promise<Draft[]> {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  switch (kind) {
    case 'python': {
      const parsed = await ctx.python(path, side);
      if (!parsed) return [];
      const drafts: Draft[] = [];
      for (const hit of pythonHits(parsed.tree.rootNode, path)) {
        // Debug that a run-time switch turns on (`if settings.DEBUG:`) follows that switch, as it should.
        if (underDebugSwitch(hit.value)) continue;
        if (hit.underMain && (await servedBy())) continue;
        drafts.push(pythonFinding(headPath, lines, hit));
      }
      return drafts;
    }
    case 'compose': {
      const yaml = await ctx.yaml(path, side);
      if (!yaml) return [];
      // Judged on the head only: the base's findings are what the change is compared with, and reading its overlays costs the App reads it did not plan.
      const overridden = side === 'head' ? await productionOverrides(ctx, path) : [];
      return composeHits(headPath, yaml)
        .filter((hit) => !overridden.some((o) => o.get(hit.entity)?.has(hit.name)))
        .map((hit) => settingFinding(headPath, lines, hit));
    }
    case 'dockerfile': {
      const dockerfile = await ctx.dockerfile(path, side);
      return dockerfile ? dockerfileHits(headPath, dockerfile, lines).map((hit) => settingFinding(headPath, lines, hit)) : [];
    }
    case 'kubernetes': {
      const yaml = await ctx.yaml(path, side);
      return yaml ? kubernetesHits(yaml).map((hit) => settingFinding(headPath, lines, hit)) : [];
    }
    case 'env-file':
      return envFileHits(headPath, text).map((hit) => settingFinding(headPath, lines, hit));
    case 'javascript':
      return javascriptHits(headPath, text);
  }
}

/** What a finding says, apart from where: the same switch set the same way in the base is not new. */
const identity = (draft: Draft) => `${draft.messageId}\0${JSON.stringify(draft.data ?? {})}`;

/** Files that say how production starts the app. */
const SERVING_FILES = ['Dockerfile', 'Procfile', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'docker-entrypoint.sh', 'entrypoint.sh', 'docker/entrypoint.sh', 'docker/docker-entrypoint.sh', 'start.sh', 'app.yaml', 'fly.toml', 'render.yaml'];
/** The server as the program of a command: `CMD ["gunicorn", …]`, `web: gunicorn …`, `command: uwsgi …`, `exec gunicorn …`. */
const WSGI_SERVER = /^\s*(?:(?:CMD|ENTRYPOINT|web:|command:|exec|-)\s*)*[\s["']*(?:[\w./-]*\/)?(gunicorn|uwsgi|uvicorn|hypercorn|waitress-serve|daphne|granian)\b/m;

/** The file (and server) through which production serves the app, when the repository says so; undefined otherwise. */
async function productionServer(ctx: CheckContext): Promise<string | undefined> {
  for (const name of SERVING_FILES) {
    const text = await ctx.text(name);
    const server = text === null ? undefined : WSGI_SERVER.exec(text)?.[1];
    if (server) return `${name} (${server})`;
  }
  return undefined;
}

const MESSAGES = {
  run: '`{{code}}` starts the server with the interactive Werkzeug debugger: anyone who can reach it and trigger an error can run Python code on the host, and error pages show source and local variables.',
  flaskConfig: '`{{code}}` turns on Flask debug mode: if this runs in production, error pages show source and local variables and the interactive debugger lets a visitor run code on the host.',
  djangoSettings: '`{{code}}` turns Django debug mode on wherever this is deployed: error pages show settings, SQL and local variables to anyone, and Django keeps every query in memory.',
  settings: '`{{code}}` in a configuration module turns debug mode on wherever it is deployed: error pages show source, settings and local variables to anyone who triggers an error.',
  configClass: '`{{code}}` in the production configuration class `{{className}}` turns debug mode on in production: error pages show source, settings and local variables to anyone.',
  inheritedDebug: '`{{code}}` in `{{className}}` is inherited by the production configuration class `{{production}}`, which does not set `DEBUG` itself: debug mode is on in production{{unless}}, and error pages show settings, source and local variables to anyone who triggers an error.',
  asgi: '`{{code}}` makes {{framework}} answer every unhandled error with a full traceback, showing source and local values to any client.',
  variable: '`{{setting}}` in {{where}} {{effect}}: in production, error pages show stack traces, settings and source to anyone who triggers an error.',
  graphqlDebug: '`{{code}}` in the GraphQL server options turns GraphQL debug mode on in every environment: error responses carry stack traces and internal messages to any client.',
  debugDefault: '`DEBUG` is read with `{{code}}`, whose default turns debug mode on: any deployment that does not set `{{variable}}` runs with debug error pages that show settings, source and local variables to anyone.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

export default defineCheck({
  id: 'debug-mode',
  title: 'Debug mode enabled',
  severity: 'warning',
  scope: 'line',
  acrossFiles: 'message',
  roles: ['production'],
  messages: MESSAGES,

  remediation: 'Turn debug mode off for production and read it from the environment instead of hard-coding it (for example `debug=os.environ.get("FLASK_DEBUG") == "1"`).',
  async run(ctx) {
    const findings: Draft[] = [];
    let served: Promise<string | undefined> | undefined;
    const servedBy = () => (served ??= productionServer(ctx));
    for (const file of ctx.files()) {
      const kind = kindOf(file.path) ?? (file.added.some((l) => PREFILTERS['env-file'].test(l.text)) ? await declaredProductionEnvFile(ctx, file.path) : null);
      if (!kind || !file.added.some((l) => PREFILTERS[kind].test(l.text))) continue;
      const text = await ctx.text(file.path);
      // Every setting this check knows names debug or development somewhere in the file; most files never do.
      if (text === null || !/debug|development/i.test(text)) continue;
      const seen = new Set<number>();
      const drafts = await fileFindings(ctx, file.path, file.path, 'head', kind, text, servedBy);
      // A switch that was already on before the change (a line re-formatted, an argument added) is not new.
      const before = new Map<string, number>();
      const basePath = file.previousPath ?? file.path;
      const baseText = drafts.length && file.status !== 'added' && file.status !== 'copied' ? await ctx.text(basePath, 'base') : null;
      // Module-level `DEBUG = True` in the base: the same setting turned into a read whose default is on
      // (`env.bool("DJANGO_DEBUG", default=True)`) keeps what was there and lets a deployment turn it off.
      let hardCodedBefore = 0;
      if (baseText !== null) {
        for (const draft of await fileFindings(ctx, file.path, basePath, 'base', kind, baseText, servedBy)) {
          before.set(identity(draft), (before.get(identity(draft)) ?? 0) + 1);
          if ((draft.messageId === 'djangoSettings' || draft.messageId === 'settings') && String(draft.data?.code ?? '').startsWith('DEBUG =')) hardCodedBefore++;
        }
      }
      for (const draft of drafts) {
        const known = before.get(identity(draft)) ?? 0;
        if (known > 0) {
          before.set(identity(draft), known - 1);
          continue;
        }
        if (draft.messageId === 'debugDefault' && hardCodedBefore > 0) {
          hardCodedBefore--;
          continue;
        }
        // One finding per offending line.
        if (seen.has(draft.line)) continue;
        seen.add(draft.line);
        findings.push(draft);
      }
    }
    return findings;
  },
});
