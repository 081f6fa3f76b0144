// dev-server: a container start command (Dockerfile CMD/ENTRYPOINT, compose command, Kubernetes command/args) that runs a development server.
import { posix } from 'node:path';
import type { ChangedFile } from '../src/model/change-set.js';
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { composeServices } from '../src/parse/compose.js';
import {
  commandWords,
  copyArguments,
  effectiveInstruction,
  exposedPort,
  finalStage,
  isDevelopmentStage,
  stageLineage,
  workdirAt,
  type DockerInstruction,
  type Dockerfile,
  type DockerStage,
} from '../src/parse/dockerfile.js';
import { PLAIN_COMPOSE_NAMES, isComposeFile, isDevelopmentPath, isDockerfile, isPython, isYaml, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { k8sContainers } from '../src/parse/kubernetes.js';
import {
  descendants,
  dottedName,
  importedNames,
  isTrue,
  keywordArguments,
  pythonModulePaths,
  runsAsScript,
  type PyNode,
} from '../src/parse/python.js';
import { effectiveCommands, programName, shellCommands } from '../src/parse/shell.js';
import { get, getPair, getString, isMap, isScalar, scalarText, isSeq, nodeEndLine, nodeLine, type YamlFile } from '../src/parse/yaml.js';

type Source = 'dockerfile' | 'compose' | 'kubernetes';
type Framework = 'flask' | 'django' | 'asgi' | 'node' | 'next' | 'nuxt' | 'ssr' | 'spa' | 'npm' | 'php' | 'static';

/** What a command was found to start. */
interface DevServer {
  framework: Framework;
  /** Human name, e.g. "Flask's development server". */
  server: string;
  /** The simple command that starts it (or that runs the script/module that does). */
  words: string[];
  /** `gunicorn app:app` target for Flask, when known. */
  appRef?: string;
  /** Folder the app module sits in, relative to the working directory (`python src/app.py` → `src`). */
  chdir?: string;
  /** The port the module's run call listens on (`app.run(port=5000)`). */
  port?: string;
  /** The package.json script the command runs, when the dev server is in there. */
  script?: { file: string; name: string; text: string };
  /** The Python module whose code starts the server. */
  module?: { file: string; line: number; call: string };
}

/** Where a container's files come from, to find `python app.py` or `package.json` in the repository. */
interface RunContext {
  workdir: string;
  /** COPY/ADD instructions and bind mounts: container `dest` holds repository `sources` (relative to `base`). */
  copies: { base: string; sources: string[]; dest: string }[];
  /** Repository folders a relative path may be relative to (build context, the declaring file's folder, root). */
  dirs: string[];
  /** The port the image EXPOSEs, for the example command. */
  port?: string;
}

/** One container start command found in a file, with the lines that declare it. */
interface StartCommand {
  source: Source;
  path: string;
  line: number;
  endLine: number;
  /** Alternative readings, best first (CMD alone, ENTRYPOINT alone, ENTRYPOINT + CMD). */
  readings: { words: string[]; line: number; endLine: number }[];
  context: RunContext;
}

const SERVER = {
  flask: "Flask's development server",
  django: "Django's development server (`runserver`)",
  werkzeug: "Werkzeug's development server (`run_simple`)",
  nodeWatch: 'a file-watching Node.js runner',
  http: "Python's `http.server`",
};

/** `<tool> <subcommand>` pairs that start a framework's development server. */
const SUBCOMMAND_SERVERS: Record<string, { sub: string[]; framework: Framework; server: string }> = {
  next: { sub: ['dev'], framework: 'next', server: 'the Next.js development server (`next dev`)' },
  nuxt: { sub: ['dev'], framework: 'nuxt', server: 'the Nuxt development server (`nuxt dev`)' },
  nuxi: { sub: ['dev'], framework: 'nuxt', server: 'the Nuxt development server (`nuxi dev`)' },
  remix: { sub: ['dev'], framework: 'ssr', server: 'the Remix development server (`remix dev`)' },
  astro: { sub: ['dev'], framework: 'ssr', server: 'the Astro development server (`astro dev`)' },
  'svelte-kit': { sub: ['dev'], framework: 'ssr', server: 'the SvelteKit development server' },
  gatsby: { sub: ['develop'], framework: 'spa', server: 'the Gatsby development server (`gatsby develop`)' },
  ng: { sub: ['serve', 's'], framework: 'spa', server: 'the Angular development server (`ng serve`)' },
  'vue-cli-service': { sub: ['serve'], framework: 'spa', server: 'the Vue CLI development server' },
  'react-scripts': { sub: ['start'], framework: 'spa', server: 'the Create React App development server (`react-scripts start`)' },
  // Wrappers around react-scripts that keep its commands: their `start` runs the same development server.
  craco: { sub: ['start'], framework: 'spa', server: 'the Create React App development server (`craco start`)' },
  'react-app-rewired': { sub: ['start'], framework: 'spa', server: 'the Create React App development server (`react-app-rewired start`)' },
  'mf-cra': { sub: ['start'], framework: 'spa', server: 'the Create React App development server (`mf-cra start`)' },
  rescripts: { sub: ['start'], framework: 'spa', server: 'the Create React App development server (`rescripts start`)' },
  webpack: { sub: ['serve', 'server', 's'], framework: 'spa', server: 'webpack-dev-server (`webpack serve`)' },
  'webpack-cli': { sub: ['serve', 'server', 's'], framework: 'spa', server: 'webpack-dev-server (`webpack serve`)' },
  fastapi: { sub: ['dev'], framework: 'asgi', server: 'the FastAPI development server (`fastapi dev`)' },
  'django-admin': { sub: ['runserver', 'runserver_plus'], framework: 'django', server: SERVER.django },
};

const WATCH_RUNNERS = new Set(['nodemon', 'ts-node-dev', 'tsnd', 'node-dev']);
const RELOADING_SERVERS = new Set(['uvicorn', 'hypercorn', 'gunicorn']);
/** Script names that by convention start a development server. */
const DEV_SCRIPT = /^(?:dev|develop|development|serve:dev|start:dev|dev:server|watch)$/;
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;
const PYTHON_OPTIONS_WITH_VALUE = new Set(['-X', '-W', '-Q', '--check-hash-based-pycs']);
const MAX_DEPTH = 2;
const MAX_CANDIDATES = 24;

const shorten = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const shellText = (words: readonly string[]) => words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');

/** First word that is not an option (nor the value of one of `valued`). */
function firstPositional(args: readonly string[], valued: readonly string[] = []): { word: string; index: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return args[i + 1] !== undefined ? { word: args[i + 1]!, index: i + 1 } : undefined;
    if (a.startsWith('-')) {
      if (valued.includes(a)) i++;
      continue;
    }
    return { word: a, index: i };
  }
  return undefined;
}

const hasReload = (args: readonly string[]) => args.includes('--reload');

/** A simple command's Python reading: `python [opts] -m mod args` or `python [opts] script args`. */
function pythonInvocation(words: readonly string[]): { module?: string; script?: string; args: string[] } | undefined {
  if (!PYTHON.test(programName(words[0] ?? ''))) return undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-m') return words[i + 1] ? { module: words[i + 1]!, args: words.slice(i + 2) } : undefined;
    if (w.startsWith('-m') && w.length > 2 && !w.startsWith('--')) return { module: w.slice(2), args: words.slice(i + 1) };
    if (w === '-c' || w === '-') return undefined;
    if (PYTHON_OPTIONS_WITH_VALUE.has(w)) {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return { script: w, args: words.slice(i + 1) };
  }
  return undefined;
}

/** Repository paths a container path may come from, most likely first. */
function repoCandidates(context: RunContext, containerPath: string): string[] {
  const out: string[] = [];
  const abs = containerPath.startsWith('/') ? posix.normalize(containerPath) : posix.join(context.workdir, containerPath);
  for (const copy of [...context.copies].reverse()) {
    const dest = copy.dest === '/' ? '/' : copy.dest.replace(/\/+$/, '');
    const inside = dest === '/' ? abs.slice(1) : abs === dest ? '' : abs.startsWith(`${dest}/`) ? abs.slice(dest.length + 1) : null;
    if (inside === null) continue;
    for (const src of copy.sources) {
      const source = src === '.' || src === './' ? '' : src.replace(/^\.\//, '').replace(/\/+$/, '');
      if (/[*?[]/.test(source)) out.push(repoJoin(copy.base, repoDir(source), inside));
      else if (!inside) out.push(repoJoin(copy.base, source));
      else {
        out.push(repoJoin(copy.base, source, inside));
        if (posix.basename(source) === inside) out.push(repoJoin(copy.base, source));
      }
    }
  }
  const relative: string[] = [];
  if (!containerPath.startsWith('/')) relative.push(posix.normalize(containerPath));
  const segments = abs.split('/').filter(Boolean);
  for (let i = 0; i < segments.length; i++) relative.push(segments.slice(i).join('/'));
  for (const dir of context.dirs) for (const p of relative) out.push(repoJoin(dir, p));
  return [...new Set(out.filter((p) => p && !p.startsWith('..')))].slice(0, MAX_CANDIDATES);
}

interface PackageScripts {
  file: string;
  scripts: Record<string, string>;
}

/** The package manager script a command runs (`npm run dev`, `npm start`, `yarn dev`, `pnpm dev`, `bun run dev`). */
function packageScript(words: readonly string[]): string | undefined {
  const program = programName(words[0] ?? '');
  const args = words.slice(1);
  const valued = ['--prefix', '-C', '--cwd', '-w', '--workspace', '--filter', '--dir'];
  const first = firstPositional(args, valued);
  if (!first) return undefined;
  const next = () => firstPositional(args.slice(first.index + 1), valued)?.word;
  if (program === 'npm') {
    if (first.word === 'start') return 'start';
    return first.word === 'run' || first.word === 'run-script' || first.word === 'rum' ? next() : undefined;
  }
  if (program === 'yarn' || program === 'pnpm' || program === 'bun') {
    if (first.word === 'run') return next();
    const builtins = ['install', 'add', 'remove', 'i', 'build', 'test', 'exec', 'dlx', 'create', 'x', 'workspace', 'workspaces', 'global', 'link', 'pack', 'publish', 'upgrade', 'outdated', 'why', 'list', 'info', 'config', 'init'];
    if (builtins.includes(first.word)) return undefined;
    if (program === 'bun' && /\.[cm]?[jt]sx?$/.test(first.word)) return undefined;
    return first.word;
  }
  return undefined;
}

/** Everything the check caches across commands of one run. */
interface Session {
  ctx: CheckContext;
  packages: Map<string, Promise<PackageScripts | null>>;
  modules: Map<string, Promise<ModuleServer | null>>;
}

interface ModuleServer {
  line: number;
  call: string;
  port?: string;
  framework: Framework;
  server: string;
  receiver?: string;
}

async function readPackageScripts(session: Session, path: string): Promise<PackageScripts | null> {
  let pending = session.packages.get(path);
  if (!pending) {
    pending = session.ctx.text(path).then((text) => {
      if (!text) return null;
      try {
        const json: unknown = JSON.parse(text);
        const scripts = (json as { scripts?: unknown } | null)?.scripts;
        if (!scripts || typeof scripts !== 'object') return { file: path, scripts: {} };
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(scripts)) if (typeof v === 'string') out[k] = v;
        return { file: path, scripts: out };
      } catch {
        return null;
      }
    });
    session.packages.set(path, pending);
  }
  return pending;
}

/** Finds what a simple command starts, following package scripts and Python modules into the head tree. */
async function detect(session: Session, words: string[], context: RunContext, depth = 0): Promise<DevServer | undefined> {
  if (!words.length) return undefined;
  const program = programName(words[0]!);
  const args = words.slice(1);
  const found = (framework: Framework, server: string, extra: Partial<DevServer> = {}): DevServer => ({ framework, server, words, ...extra });

  const py = pythonInvocation(words);
  if (py) {
    if (py.module) {
      const inner = [py.module, ...py.args];
      if (py.module === 'http.server' || py.module === 'SimpleHTTPServer') return found('static', SERVER.http);
      if (py.module === 'flask' || py.module === 'django' || RELOADING_SERVERS.has(py.module) || py.module === 'fastapi') {
        const hit = await detect(session, inner.map((w, i) => (i === 0 && py.module === 'django' ? 'django-admin' : w)), context, depth);
        return hit ? { ...hit, words } : undefined;
      }
      const path = py.module.split('.').join('/');
      const hit = await moduleServer(session, context, [`${path}.py`, `${path}/__main__.py`, `src/${path}.py`, `src/${path}/__main__.py`]);
      return hit ? found(hit.framework, hit.server, { module: hit.module, appRef: `${py.module}:${hit.receiver ?? 'app'}`, ...(hit.port ? { port: hit.port } : {}) }) : undefined;
    }
    if (py.script) {
      if (programName(py.script) === 'manage.py') return djangoCommand(py.args) ? djangoServer(session, context, py.script, words) : undefined;
      if (!/\.pyw?$/.test(py.script)) return undefined;
      const hit = await moduleServer(session, context, [py.script]);
      if (!hit) return undefined;
      const moduleName = posix.basename(py.script).replace(/\.pyw?$/, '');
      const extra: Partial<DevServer> = { module: hit.module, appRef: `${moduleName}:${hit.receiver ?? 'app'}`, ...(hit.port ? { port: hit.port } : {}) };
      const folder = posix.dirname(py.script);
      if (folder !== '.') extra.chdir = folder;
      return found(hit.framework, hit.server, extra);
    }
    return undefined;
  }

  if (program === 'manage.py') return djangoCommand(args) ? djangoServer(session, context, words[0]!, words) : undefined;
  if (program === 'flask') {
    const valued = ['--app', '-A', '--env-file', '-e'];
    if (firstPositional(args, valued)?.word !== 'run') return undefined;
    const appIndex = args.findIndex((a) => a === '--app' || a === '-A');
    const appArg = appIndex !== -1 ? args[appIndex + 1] : args.find((a) => a.startsWith('--app='))?.slice('--app='.length);
    const appRef = appArg ? (appArg.includes(':') ? appArg : `${appArg.replace(/\.py$/, '').split('/').join('.')}:app`) : undefined;
    return found('flask', SERVER.flask, appRef ? { appRef } : {});
  }
  if (RELOADING_SERVERS.has(program)) return hasReload(args) ? found('asgi', `${program} with \`--reload\``) : undefined;
  const subcommand = SUBCOMMAND_SERVERS[program];
  if (subcommand) return subcommand.sub.includes(firstPositional(args)?.word ?? '') ? found(subcommand.framework, subcommand.server) : undefined;
  if (program === 'webpack-dev-server') return found('spa', 'webpack-dev-server');
  if (program === 'vite') {
    // `vite`, `vite dev`, `vite serve` and `vite <root>` start the dev server; build and optimize do not. `vite preview`
    // serves the build to look at locally, which Vite's docs say is not meant as a production server.
    if (args.includes('preview')) return found('spa', "Vite's local preview server (`vite preview`), which Vite documents as not meant for production");
    return args.some((a) => a === 'build' || a === 'optimize') ? undefined : found('spa', 'the Vite development server');
  }
  if (WATCH_RUNNERS.has(program)) return found('node', `${program}, ${SERVER.nodeWatch}`);
  if (program === 'node' && args.some((a) => a === '--watch' || a.startsWith('--watch-path'))) return found('node', '`node --watch`, a file-watching runner');
  if (program === 'tsx' && (args[0] === 'watch' || args.includes('--watch'))) return found('node', '`tsx watch`, a file-watching runner');
  if (program === 'bun' && (args.includes('--watch') || args.includes('--hot'))) return found('node', '`bun --watch`, a file-watching runner');
  if (program === 'php') {
    if (args[0] === 'artisan' && args[1] === 'serve') return found('php', "Laravel's development server (`artisan serve`)");
    if (args.includes('-S')) return found('php', "PHP's built-in web server (`php -S`)");
    return undefined;
  }

  const scriptName = packageScript(words);
  if (scriptName !== undefined) {
    const pkg = await findPackage(session, context);
    const text = pkg?.scripts[scriptName];
    if (text !== undefined && depth < MAX_DEPTH) {
      for (const cmd of shellCommands(text).flatMap((c) => effectiveCommands(c))) {
        const hit = await detect(session, cmd, context, depth + 1);
        if (hit) return { ...hit, words, script: hit.script ?? { file: pkg!.file, name: scriptName, text } };
      }
      return undefined;
    }
    if (text === undefined && DEV_SCRIPT.test(scriptName)) return found('npm', `the \`${scriptName}\` package script`);
  }
  return undefined;
}

/** Django's runserver, with the project's WSGI module read from `manage.py`'s DJANGO_SETTINGS_MODULE when found. */
async function djangoServer(session: Session, context: RunContext, script: string, words: string[]): Promise<DevServer> {
  const server: DevServer = { framework: 'django', server: SERVER.django, words };
  for (const path of repoCandidates(context, script)) {
    const text = await session.ctx.text(path);
    if (text === null) continue;
    const project = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+?)\.settings(?:\.\w+)?["']/.exec(text)?.[1];
    if (project) server.appRef = `${project}.wsgi:application`;
    break;
  }
  return server;
}

function djangoCommand(args: readonly string[]): boolean {
  const word = firstPositional(args, ['--settings', '--pythonpath'])?.word;
  return word === 'runserver' || word === 'runserver_plus';
}

async function findPackage(session: Session, context: RunContext): Promise<PackageScripts | null> {
  for (const path of repoCandidates(context, 'package.json')) {
    const pkg = await readPackageScripts(session, path);
    if (pkg) return pkg;
  }
  return null;
}

/** Looks a Python script or module up in the head tree; the first file that exists decides. */
async function moduleServer(session: Session, context: RunContext, containerPaths: string[]): Promise<{ module: NonNullable<DevServer['module']>; framework: Framework; server: string; receiver?: string; port?: string } | undefined> {
  const paths = [...new Set(containerPaths.flatMap((p) => repoCandidates(context, p)))].slice(0, MAX_CANDIDATES * 2);
  for (const path of paths) {
    const hit = await analyseModuleCached(session, path);
    if (hit === undefined) continue;
    if (hit === null) return undefined;
    const out: { module: { file: string; line: number; call: string }; framework: Framework; server: string; receiver?: string; port?: string } = {
      module: { file: path, line: hit.line, call: hit.call },
      framework: hit.framework,
      server: hit.server,
    };
    if (hit.receiver) out.receiver = hit.receiver;
    if (hit.port) out.port = hit.port;
    return out;
  }
  return undefined;
}

/** undefined: no such file; null: the file exists and starts no development server. */
async function analyseModuleCached(session: Session, path: string): Promise<ModuleServer | null | undefined> {
  const text = await session.ctx.text(path);
  if (text === null) return (await session.ctx.read(path)) ? null : undefined;
  let pending = session.modules.get(path);
  if (!pending) {
    pending = analyseModule(session, path, text);
    session.modules.set(path, pending);
  }
  return pending;
}

const FLASK_FACTORY = /(?:^|\.)(?:Flask|Dash|create_app)$/;
const RUN_CALL = /\.run(?:_server)?\s*\(|run_simple\s*\(|uvicorn\.run\s*\(/;
const IMPORTS_FLASK = /^[ \t]*(?:from[ \t]+(?:flask|dash)(?:[ \t.]|$)|import[ \t]+(?:flask|dash)\b)/m;

/** The call in a module that starts a development server when the module runs as a script. */
async function analyseModule(session: Session, path: string, source: string): Promise<ModuleServer | null> {
  if (!RUN_CALL.test(source)) return null;
  const parsed = await session.ctx.python(path);
  if (!parsed) return null;
  const imported = ((root: PyNode) => {
    const imports = importedNames(root);
    const factories = new Map<string, string>();
    for (const assignment of descendants(root, 'assignment')) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'identifier' || right?.type !== 'call') continue;
      factories.set(left.text, dottedName(right.childForFieldName('function')) ?? '?');
    }
    const importsFlask = [...imports.values()].some((i) => i.level === 0 && /^(?:flask|dash)(?:\.|$)/.test(i.module));
    const found: { call: PyNode; receiver?: string; kind: 'app' | 'werkzeug' | 'uvicorn'; from?: { module: string; level: number } }[] = [];
    for (const call of descendants(root, 'call')) {
      const name = dottedName(call.childForFieldName('function'));
      if (!name) continue;
      let hit: (typeof found)[number] | undefined;
      const run = /^([A-Za-z_]\w*)\.run(?:_server)?$/.exec(name);
      if (name === 'uvicorn.run') {
        if (isTrue(keywordArguments(call).get('reload') ?? null)) hit = { call, kind: 'uvicorn' };
      } else if (run) {
        const receiver = run[1]!;
        const factory = factories.get(receiver);
        const origin = imports.get(receiver);
        if (factory !== undefined) {
          if (FLASK_FACTORY.test(factory)) hit = { call, receiver, kind: 'app' };
        } else if (importsFlask && !origin) hit = { call, receiver, kind: 'app' };
        else if (origin?.name) hit = { call, receiver, kind: 'app', from: { module: origin.module, level: origin.level } };
      } else if (name === 'run_simple' || name.endsWith('.run_simple')) {
        if (name !== 'run_simple' || imports.get('run_simple')?.module.startsWith('werkzeug')) hit = { call, kind: 'werkzeug' };
      }
      if (hit && runsAsScript(call)) found.push(hit);
    }
    return found.map((f) => {
      const port = keywordArguments(f.call).get('port');
      return { line: f.call.startPosition.row + 1, call: shorten(f.call.text.replace(/\s+/g, ' '), 60), receiver: f.receiver, kind: f.kind, from: f.from, port: port?.type === 'integer' ? port.text : undefined };
    });
  })(parsed.tree.rootNode);
  for (const hit of imported) {
    const port = hit.port ? { port: hit.port } : {};
    if (hit.kind === 'werkzeug') return { line: hit.line, call: hit.call, framework: 'flask', server: SERVER.werkzeug, ...port };
    if (hit.kind === 'uvicorn') return { line: hit.line, call: hit.call, framework: 'asgi', server: 'uvicorn with `reload=True`', ...port };
    // `from app import app; app.run()`: the app is Flask's when the module it comes from imports Flask.
    if (hit.from && !(await importsFlaskFrom(session, path, hit.from))) continue;
    const out: ModuleServer = { line: hit.line, call: hit.call, framework: 'flask', server: SERVER.flask, ...port };
    if (hit.receiver) out.receiver = hit.receiver;
    return out;
  }
  return null;
}

/** True when the base version of `path` already calls the same `<receiver>.run(` (or `run_simple(`, `uvicorn.run(`) as `call`. */
async function baseRunsSameCall(ctx: CheckContext, path: string, call: string): Promise<boolean> {
  const file = ctx.changed(path);
  if (!file || file.status === 'added' || file.status === 'copied') return false;
  const callee = /^([\w.]+)\s*\(/.exec(call)?.[1];
  const base = callee ? await ctx.text(file.previousPath ?? path, 'base') : null;
  return base !== null && new RegExp(`(?:^|[^\\w.])${callee!.replace(/\./g, '\\.')}\\s*\\(`, 'm').test(base);
}

async function importsFlaskFrom(session: Session, fromFile: string, origin: { module: string; level: number }): Promise<boolean> {
  const roots = [...new Set([repoDir(fromFile), ''])];
  for (const candidate of pythonModulePaths(origin.module, roots, origin.level, fromFile)) {
    const content = await session.ctx.read(candidate);
    if (content) return IMPORTS_FLASK.test(content.text);
  }
  return false;
}

// ---- Where start commands live ------------------------------------------------------------------

function execWords(ins: DockerInstruction): string[] {
  const { form, words } = commandWords(ins.args);
  return form === 'exec' ? words : ['/bin/sh', '-c', ins.args];
}

function dockerContext(path: string, file: Dockerfile, stage: DockerStage, contextDir: string, before?: DockerInstruction): RunContext {
  const copies: RunContext['copies'] = [];
  for (const s of stageLineage(file, stage).reverse()) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || (before && ins.startLine > before.startLine)) continue;
      const copy = copyArguments(ins.args);
      if (!copy || copy.from !== undefined || /^[a-z]+:\/\//i.test(copy.sources[0] ?? '')) continue;
      const dest = copy.dest.startsWith('/') ? copy.dest : posix.join(workdirAt(file, stage, ins), copy.dest);
      copies.push({ base: contextDir, sources: copy.sources, dest });
    }
  }
  const context: RunContext = { workdir: workdirAt(file, stage, before), copies, dirs: [...new Set([contextDir, repoDir(path), ''])] };
  const port = exposedPort(file, stage);
  if (port) context.port = port;
  return context;
}

function dockerfileCommands(path: string, file: Dockerfile, newLines: ReadonlySet<number>, contextDir = repoDir(path)): StartCommand | undefined {
  const stage = finalStage(file);
  if (!stage || isDevelopmentStage(stage)) return undefined;
  const lineage = stageLineage(file, stage);
  const entry = effectiveInstruction(file, stage, 'ENTRYPOINT');
  let cmd = effectiveInstruction(file, stage, 'CMD');
  const stageOf = (ins: DockerInstruction) => lineage.findIndex((s) => s.instructions.includes(ins));
  // An ENTRYPOINT set in a later stage resets the CMD inherited from its parent.
  if (entry && cmd && stageOf(entry) < stageOf(cmd)) cmd = undefined;
  if (!entry && !cmd) return undefined;
  const range = (ins: DockerInstruction) => ({ line: ins.startLine, endLine: ins.endLine });
  const readings: StartCommand['readings'] = [];
  const entryShell = entry && commandWords(entry.args).form === 'shell';
  if (cmd && !entryShell) readings.push({ words: execWords(cmd), ...range(cmd) });
  if (entry) readings.push({ words: execWords(entry), ...range(entry) });
  if (entry && cmd && !entryShell) {
    const cmdIsNew = Array.from({ length: cmd.endLine - cmd.startLine + 1 }, (_, i) => cmd.startLine + i).some((n) => newLines.has(n));
    readings.push({ words: [...execWords(entry), ...execWords(cmd)], ...range(cmdIsNew ? cmd : entry) });
  }
  const last = cmd && entry ? (cmd.startLine > entry.startLine ? cmd : entry) : (cmd ?? entry)!;
  return {
    source: 'dockerfile',
    path,
    line: Math.min(...readings.map((r) => r.line)),
    endLine: Math.max(...readings.map((r) => r.endLine)),
    readings,
    context: dockerContext(path, file, stage, contextDir, last),
  };
}

/** Words of a compose/Kubernetes command value: a list of strings, or a string split as a shell would. */
function yamlWords(node: unknown): string[][] {
  if (isScalar(node) && node.value !== null && node.value !== undefined) return shellCommands(scalarText(node.value));
  if (isSeq(node)) return [node.items.map((i) => (isScalar(i) && i.value !== null && i.value !== undefined ? scalarText(i.value) : ''))];
  return [];
}

const flatWords = (lists: string[][]) => (lists.length === 1 ? lists[0]! : ['/bin/sh', '-c', lists.map((l) => shellText(l)).join(' && ')]);

async function composeCommands(session: Session, path: string, yaml: YamlFile): Promise<StartCommand[]> {
  const out: StartCommand[] = [];
  const composeDir = repoDir(path);
  for (const service of composeServices(yaml)) {
    const command = getPair(service.node, 'command');
    const entrypoint = getPair(service.node, 'entrypoint');
    if (!command?.value && !entrypoint?.value) continue;
    if (mountsOwnSource(composeDir, service.node)) continue;
    const context = await composeContext(session, composeDir, service.node);
    const readings: StartCommand['readings'] = [];
    const reading = (pair: NonNullable<typeof command>) => ({ words: flatWords(yamlWords(pair.value)), line: nodeLine(yaml, pair), endLine: nodeEndLine(yaml, pair) });
    if (command?.value) readings.push(reading(command));
    if (entrypoint?.value) readings.push(reading(entrypoint));
    if (command?.value && entrypoint?.value) readings.push({ ...readings[0]!, words: [...readings[1]!.words, ...readings[0]!.words] });
    out.push({ source: 'compose', path, line: Math.min(...readings.map((r) => r.line)), endLine: Math.max(...readings.map((r) => r.endLine)), readings, context });
  }
  return out;
}

/**
 * True when a compose service bind-mounts the folder it builds from over the container (`build: ./app` with
 * `./app:/app`): its code is live-mounted, the way a local development setup runs; what the image runs
 * is judged in its Dockerfile.
 */
function mountsOwnSource(composeDir: string, service: unknown): boolean {
  const build = get(service, 'build');
  const contextRel = isScalar(build) ? String(build.value) : getString(build, 'context');
  const volumes = get(service, 'volumes');
  if (contextRel === undefined || /^[a-z]+:\/\//i.test(contextRel) || !isSeq(volumes)) return false;
  const contextDir = repoJoin(composeDir, contextRel);
  return volumes.items.some((item) => {
    const source = isScalar(item) ? String(item.value).split(':')[0] : isMap(item) && getString(item, 'type') === 'bind' ? getString(item, 'source') : undefined;
    return source !== undefined && /^\.{1,2}(?:\/|$)/.test(source) && repoJoin(composeDir, source) === contextDir;
  });
}

async function composeContext(session: Session, composeDir: string, service: unknown): Promise<RunContext> {
  const build = get(service, 'build');
  let context: RunContext = { workdir: '/', copies: [], dirs: [...new Set([composeDir, ''])] };
  const contextRel = isScalar(build) ? String(build.value) : getString(build, 'context');
  if (build !== undefined && build !== null && contextRel !== undefined && !/^[a-z]+:\/\//i.test(contextRel)) {
    const contextDir = repoJoin(composeDir, contextRel);
    const dockerfilePath = repoJoin(contextDir, getString(build, 'dockerfile') ?? 'Dockerfile');
    const file = await session.ctx.dockerfile(dockerfilePath);
    if (file?.stages.length) {
      const stage = finalStage(file);
      if (stage) context = dockerContext(dockerfilePath, file, stage, contextDir);
    } else context.dirs.unshift(contextDir);
  }
  const workingDir = getString(service, 'working_dir');
  if (workingDir) context.workdir = workingDir;
  // Bind mounts (`./src:/app`) put repository folders into the container like a COPY.
  const volumes = get(service, 'volumes');
  if (isSeq(volumes)) {
    for (const item of volumes.items) {
      let source: string | undefined;
      let target: string | undefined;
      if (isScalar(item)) [source, target] = String(item.value).split(':');
      else if (isMap(item) && getString(item, 'type') === 'bind') [source, target] = [getString(item, 'source'), getString(item, 'target')];
      if (source && target && /^\.{1,2}(?:\/|$)/.test(source)) context.copies.push({ base: composeDir, sources: [source], dest: target });
    }
  }
  return context;
}

function kubernetesCommands(path: string, yaml: YamlFile): StartCommand[] {
  const out: StartCommand[] = [];
  for (const container of k8sContainers(yaml, ['containers'])) {
    const command = getPair(container.node, 'command');
    const args = getPair(container.node, 'args');
    if (!command?.value && !args?.value) continue;
    const pairs = [command, args].filter((p): p is NonNullable<typeof p> => Boolean(p?.value));
    const words = [...(command?.value ? flatWords(yamlWords(command.value)) : []), ...(args?.value ? flatWords(yamlWords(args.value)) : [])];
    const line = Math.min(...pairs.map((p) => nodeLine(yaml, p)));
    const endLine = Math.max(...pairs.map((p) => nodeEndLine(yaml, p)));
    const workdir = getString(container.node, 'workingDir') ?? '/';
    out.push({ source: 'kubernetes', path, line, endLine, readings: [{ words, line, endLine }], context: { workdir, copies: [], dirs: ['', repoDir(path)] } });
  }
  return out;
}

/**
 * The build context a compose file in the Dockerfile's folder or above gives it
 * (`build: { context: .., dockerfile: deployment/Dockerfile }`); its own folder when none builds it.
 * COPY sources are relative to that context, not to the Dockerfile.
 */
async function buildContextOf(session: Session, dockerfilePath: string): Promise<string> {
  for (let dir = repoDir(dockerfilePath); ; dir = repoDir(dir)) {
    for (const name of PLAIN_COMPOSE_NAMES) {
      const composePath = repoJoin(dir, name);
      const yaml = await session.ctx.yaml(composePath);
      for (const service of yaml ? composeServices(yaml) : []) {
        const build = get(service.node, 'build');
        const contextRel = isScalar(build) ? String(build.value) : getString(build, 'context') ?? (isMap(build) ? '.' : undefined);
        if (contextRel === undefined || /^[a-z]+:\/\//i.test(contextRel)) continue;
        const contextDir = repoJoin(dir, contextRel);
        if (repoJoin(contextDir, getString(build, 'dockerfile') ?? 'Dockerfile') === dockerfilePath) return contextDir;
      }
    }
    if (!dir) return repoDir(dockerfilePath);
  }
}

async function commandsIn(session: Session, path: string, text: string, newLines: ReadonlySet<number>): Promise<StartCommand[]> {
  if (isDockerfile(path)) {
    const file = await session.ctx.dockerfile(path);
    const found = file ? dockerfileCommands(path, file, newLines, await buildContextOf(session, path)) : undefined;
    return found ? [found] : [];
  }
  if (!/\b(?:command|args|entrypoint)\b/.test(text)) return [];
  const yaml = isYaml(path) ? await session.ctx.yaml(path) : null;
  if (!yaml) return [];
  if (isComposeFile(path)) return composeCommands(session, path, yaml);
  if (/\bcontainers\b/.test(text)) return kubernetesCommands(path, yaml);
  return [];
}

// ---- Remediation ---------------------------------------------------------------------------------

function productionWords(server: DevServer, port = '8000'): string[] {
  const w = server.words;
  const bind = `0.0.0.0:${port}`;
  switch (server.framework) {
    case 'flask':
      return ['gunicorn', ...(server.chdir ? ['--chdir', server.chdir] : []), '--bind', bind, '--workers', '4', server.appRef ?? 'app:app'];
    case 'django':
      return ['gunicorn', '--bind', bind, '--workers', '4', server.appRef ?? 'mysite.wsgi:application'];
    case 'asgi': {
      if (server.module) return ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', port, '--workers', '4'];
      if (programName(w[0] ?? '') === 'fastapi' || w.includes('fastapi')) return w.map((x) => (x === 'dev' ? 'run' : x));
      const out = w.filter((x) => x !== '--reload');
      if (w.some((x) => programName(x) === 'uvicorn' || x === 'uvicorn') && !out.some((x) => x.startsWith('--workers'))) out.push('--workers', '4');
      return out;
    }
    case 'node': {
      const target = w.slice(1).find((x) => /\.[cm]?[jt]sx?$/.test(x));
      return ['node', target ? (/\.tsx?$/.test(target) ? `dist/${posix.basename(target).replace(/\.tsx?$/, '.js')}` : target) : 'dist/server.js'];
    }
    case 'next':
      return ['npx', 'next', 'start'];
    case 'nuxt':
      return ['node', '.output/server/index.mjs'];
    default:
      return ['npm', 'start'];
  }
}

function renderCommand(source: Source, words: string[]): string {
  const list = (ws: string[]) => `[${ws.map((x) => JSON.stringify(x)).join(', ')}]`;
  if (source === 'dockerfile') return `CMD ${list(words)}`;
  if (source === 'compose') return `command: ${list(words)}`;
  return `command: ${list(words.slice(0, 1))}\nargs: ${list(words.slice(1))}`;
}

const NGINX_SNIPPET = [
  '```dockerfile',
  'FROM node:20-alpine AS build',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci',
  'COPY . .',
  'RUN npm run build',
  '',
  'FROM nginx:1.27-alpine',
  'COPY --from=build /app/dist /usr/share/nginx/html',
  '```',
].join('\n');

function remediationFor(source: Source, server: DevServer, port?: string): string {
  const lang = source === 'dockerfile' ? 'dockerfile' : 'yaml';
  const block = (body: string) => ['```' + lang, body, '```'].join('\n');
  const prod = productionWords(server, port);
  switch (server.framework) {
    case 'flask':
      return [
        'Serve the app with a production WSGI server such as Gunicorn (add `gunicorn` to your requirements):',
        '',
        block(renderCommand(source, prod)),
        '',
        `\`${prod[prod.length - 1]}\` is \`module:variable\` of your Flask app; keep \`app.run()\` for local development only.`,
      ].join('\n');
    case 'django':
      return [
        'Serve the project with Gunicorn (add `gunicorn` to your requirements):',
        '',
        block(renderCommand(source, prod)),
        '',
        `${server.appRef ? '' : 'Replace `mysite` with the package that holds `wsgi.py`. '}Serve static files with \`collectstatic\` plus WhiteNoise or your web server.`,
      ].join('\n');
    case 'asgi':
      return [
        'Drop auto-reload and run worker processes instead:',
        '',
        block(renderCommand(source, prod)),
        '',
        'Or run Uvicorn workers under Gunicorn: `gunicorn -k uvicorn.workers.UvicornWorker --workers 4 --bind 0.0.0.0:8000 main:app`.',
      ].join('\n');
    case 'node':
      return ['Build once and run the compiled output with plain `node`; restart on failure through the orchestrator, not a file watcher:', '', block(renderCommand(source, prod))].join('\n');
    case 'next':
      return [
        'Build the app in the image and start the production server:',
        '',
        source === 'dockerfile' ? block(['RUN npm run build', renderCommand(source, prod)].join('\n')) : block(renderCommand(source, prod)),
        '',
        'With `output: "standalone"` in `next.config.js`, run `node server.js` from `.next/standalone` instead.',
      ].join('\n');
    case 'nuxt':
      return ['Build with `nuxt build` and run the generated server:', '', block(renderCommand(source, prod))].join('\n');
    case 'ssr':
      return ['Build the app (`npm run build`) and start its production server through a `start` script that runs the built output:', '', block(renderCommand(source, prod))].join('\n');
    case 'spa':
      return ['Build the static files and serve them with a web server; a dev server is not needed at run time:', '', NGINX_SNIPPET].join('\n');
    case 'npm':
      return [
        'Point the container at a production start script that runs the built output (for example `"start": "node dist/server.js"` or `"start": "next start"`):',
        '',
        block(renderCommand(source, prod)),
      ].join('\n');
    case 'php':
      return ['Serve PHP through PHP-FPM behind nginx, or the Apache image:', '', '```dockerfile', 'FROM php:8.3-apache', 'COPY . /var/www/html/', '```'].join('\n');
    case 'static':
      return ['Serve static files with a web server:', '', '```dockerfile', 'FROM nginx:1.27-alpine', 'COPY site/ /usr/share/nginx/html/', '```'].join('\n');
  }
}

/** The head line with a lone `--reload` removed, for `uvicorn … --reload` on one line. */
async function reloadSuggestion(ctx: CheckContext, path: string, line: number, endLine: number, server: DevServer): Promise<string | undefined> {
  if (server.framework !== 'asgi' || line !== endLine || server.module || !server.words.includes('--reload')) return undefined;
  const text = (await ctx.text(path))?.split(/\r?\n/)[line - 1];
  if (!text || (text.match(/--reload/g) ?? []).length !== 1) return undefined;
  const next = text.replace(/,\s*"--reload"(?=\s*[,\]])|"--reload"\s*,\s*|[ \t]+--reload(?=[\s"']|$)/, '');
  return next !== text && !next.includes('--reload') ? next : undefined;
}

// ---- The check ----------------------------------------------------------------------------------

const isContainerFile = (path: string) => isDockerfile(path) || isComposeFile(path) || isYaml(path);

const MESSAGES = {
  command: 'The container starts {{server}} (`{{command}}`). Development servers run one process, reload on file changes and expose debugging aids; they are not built to serve production traffic.',
  script: 'The container runs `{{command}}`, and the `{{script}}` script in `{{file}}` starts {{server}} (`{{scriptText}}`). Development servers are not built to serve production traffic.',
  module: 'The container runs `{{command}}`, and `{{file}}` starts {{server}} with `{{call}}` (line {{line}}). Development servers are not built to serve production traffic.',
  moduleRun: '`{{call}}` starts {{server}}, and `{{commandFile}}` (line {{commandLine}}) runs this module as the container command (`{{command}}`). Development servers are not built to serve production traffic.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

export default defineCheck({
  id: 'dev-server',
  title: 'Development server in a container',
  severity: 'warning',
  scope: 'line',
  acrossFiles: 'message',
  roles: ['production'],
  deployedImages: true,
  messages: MESSAGES,

  remediation: 'Start a production server instead: Gunicorn or Uvicorn workers for Python, `node` on the built output (or `next start`) for Node.js, nginx for static front ends.',
  async run(ctx) {
    const session: Session = { ctx, packages: new Map(), modules: new Map() };
    const findings: Draft[] = [];

    // Container files to read: those the change touches, plus the Dockerfiles and compose files above
    // a Python module whose change adds a run call (an unchanged CMD may run it).
    const containerPaths = new Set<string>();
    const live = ctx.files().filter((f) => !f.problem);
    for (const f of live) if (isContainerFile(f.path) && !isDevelopmentPath(f.path) && f.added.length) containerPaths.add(f.path);
    const pythonWithRun = live.filter((f: ChangedFile) => isPython(f.path) && f.added.some((l) => RUN_CALL.test(l.text)));
    const visitedDirs = new Set<string>();
    for (const f of pythonWithRun) {
      for (let dir = repoDir(f.path); !visitedDirs.has(dir); dir = repoDir(dir)) {
        visitedDirs.add(dir);
        for (const name of ['Dockerfile', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml']) {
          const path = repoJoin(dir, name);
          if (!isDevelopmentPath(path) && (await ctx.read(path))) containerPaths.add(path);
        }
        if (!dir) break;
      }
    }

    const moduleFindings = new Set<string>();
    for (const path of [...containerPaths].sort()) {
      const text = await ctx.text(path);
      if (!text) continue;
      for (const command of await commandsIn(session, path, text, ctx.newLines(path))) {
        let hit: { server: DevServer; line: number; endLine: number } | undefined;
        for (const reading of command.readings) {
          for (const words of effectiveCommands(reading.words)) {
            const server = await detect(session, words, command.context);
            if (server) {
              hit = { server, line: reading.line, endLine: reading.endLine };
              break;
            }
          }
          if (hit) break;
        }
        if (!hit) continue;
        const { server } = hit;
        const commandText = shorten(shellText(server.words));
        const remediation = remediationFor(command.source, server, command.context.port ?? server.port);
        if (ctx.isNew(path, hit.line, hit.endLine)) {
          const data: Record<string, string | number> = { server: server.server, command: commandText };
          let messageId: 'command' | 'script' | 'module' = 'command';
          if (server.script) {
            messageId = 'script';
            Object.assign(data, { script: server.script.name, file: server.script.file, scriptText: shorten(server.script.text, 80) });
          } else if (server.module) {
            messageId = 'module';
            Object.assign(data, { file: server.module.file, call: server.module.call, line: server.module.line });
          }
          const draft: Draft = { path, line: hit.line, endLine: hit.endLine, messageId, data, remediation, key: `${command.source}:${server.framework}:${commandText}` };
          const suggestion = await reloadSuggestion(ctx, path, hit.line, hit.endLine, server);
          if (suggestion !== undefined) draft.suggestion = suggestion;
          findings.push(draft);
        } else if (server.module && ctx.isNew(server.module.file, server.module.line)) {
          // The command is old, but this change adds the run call to the module it starts.
          const id = `${server.module.file}:${server.module.line}`;
          if (moduleFindings.has(id)) continue;
          // An edit to a run call the module already made (`threaded=True` added) does not start the server anew.
          if (await baseRunsSameCall(ctx, server.module.file, server.module.call)) continue;
          moduleFindings.add(id);
          findings.push({
            path: server.module.file,
            line: server.module.line,
            messageId: 'moduleRun',
            data: { call: server.module.call, server: server.server, commandFile: path, commandLine: hit.line, command: commandText },
            remediation,
            key: `module:${server.framework}:${server.module.call}`,
          });
        }
      }
    }
    return findings;
  },
});
