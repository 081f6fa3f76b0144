// HTTP route registrations in Python (Flask, FastAPI, Starlette) and JavaScript (Express, Fastify, decorator-based controllers) source, and health paths.
import { descendants, dottedName, endLine, keywordArguments, positionalArguments, startLine, stringValue, type PyNode } from './python.js';

export interface RouteRegistration {
  /** The path as written (`/health`). */
  path: string;
  /** First line of the registration: the decorator, or the registering call. */
  line: number;
  /** First and last line of what the registration covers: the decorated function with its decorators, or the call. */
  blockLine: number;
  endLine: number;
}

/** Methods that register a route on a Flask app or blueprint, a FastAPI app or router, or Starlette. */
const PYTHON_DECORATORS = new Set(['route', 'get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'api_route', 'websocket']);
const PYTHON_CALLS = new Set(['add_url_rule', 'add_api_route', 'add_route']);
const PYTHON_ROUTE_CLASSES = new Set(['Route', 'APIRoute']);

function pathArgument(call: PyNode): string | null {
  const keywords = keywordArguments(call);
  const node = positionalArguments(call)[0] ?? keywords.get('rule') ?? keywords.get('path') ?? null;
  const value = stringValue(node);
  return value !== null && value.startsWith('/') ? value : null;
}

/** The statement a call belongs to, for its line range (`app.add_url_rule(...)` as a whole). */
function statementOf(node: PyNode): PyNode {
  let current = node;
  while (current.parent && current.parent.type !== 'module' && current.parent.type !== 'block') current = current.parent;
  return current;
}

/**
 * Route registrations in a parsed Python module: `@app.route("/x")`, `@bp.get("/x")`,
 * `@router.api_route("/x")`, `app.add_url_rule("/x", …)`, `app.add_api_route("/x", …)` and
 * Starlette `Route("/x", …)`. Only literal paths count; the receiver's name does not matter.
 */
export function pythonRoutes(root: PyNode): RouteRegistration[] {
  const routes: RouteRegistration[] = [];
  for (const call of descendants(root, 'call')) {
    const fn = call.childForFieldName('function');
    const name = dottedName(fn);
    if (!name) continue;
    const method = name.slice(name.lastIndexOf('.') + 1);
    const decorator = call.parent?.type === 'decorator' ? call.parent : null;
    let covers: PyNode;
    if (decorator && fn?.type === 'attribute' && PYTHON_DECORATORS.has(method)) {
      covers = decorator.parent?.type === 'decorated_definition' ? decorator.parent : decorator;
    } else if (!decorator && ((fn?.type === 'attribute' && PYTHON_CALLS.has(method)) || PYTHON_ROUTE_CLASSES.has(method))) {
      covers = statementOf(call);
    } else continue;
    const path = pathArgument(call);
    if (path === null) continue;
    routes.push({ path, line: startLine(decorator ?? call), blockLine: startLine(covers), endLine: endLine(covers) });
  }
  return routes;
}

// `app.get('/x', …)`, `router.use('/x', …)`, `fastify.get('/x', …)`, `router.route('/x')`: a receiver named
// like an app, server or router (so `axios.get('/health')` and `request(app).get('/health')` stay out).
const JS_REGISTRATION = /(?:^|[^\w$.)\]])(?:this\.)?([A-Za-z_$][\w$]*)\s*\.\s*(get|head|all|use|route)\s*\(\s*(['"`])(\/[^'"`\s]*)\3\s*([,)])/g;
const JS_RECEIVER = /^(?:app|server|router|api|fastify|routes|instance|[\w$]*(?:App|Server|Router|Routes))$/;

/** Route registrations in JavaScript or TypeScript source, by a conservative pattern over lines. */
export function javascriptRoutes(text: string): RouteRegistration[] {
  const routes: RouteRegistration[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return;
    if (!line.includes('/')) return;
    for (const m of line.matchAll(JS_REGISTRATION)) {
      const method = m[2]!;
      if (!JS_RECEIVER.test(m[1]!)) continue;
      // A handler must follow the path, except for `router.route('/x')` which chains its handlers.
      if ((method === 'route') !== (m[5] === ')')) continue;
      routes.push({ path: m[4]!, line: index + 1, blockLine: index + 1, endLine: statementEnd(lines, index) });
    }
  });
  return routes;
}

// A class decorator that gives a controller's route prefix (NestJS `@Controller('health')` or
// `@Controller({ path: 'health' })`, routing-controllers `@JsonController('/health')`, tsoa `@Route('health')`)
// and a method decorator that registers a GET, HEAD or any-method route under it (`@Get()`, `@Get('/')`,
// `@Head('ready')`, `@All()`). A probe calls with GET or HEAD, so other methods do not keep a health route.
const CONTROLLER_DECORATOR = /^\s*@(?:Controller|JsonController|RestController|Route)\s*\(\s*(?:(\))|(['"`])([^'"`]*)\2\s*[,)]|\{[^}]*?\bpath\s*:\s*(['"`])([^'"`]*)\4)?/;
const METHOD_DECORATOR = /^\s*@(?:Get|Head|All)\s*\(\s*(?:(['"`])([^'"`]*)\1)?\s*[,)]/;

/**
 * Routes that decorators register in JavaScript or TypeScript: a controller class's prefix joined with each
 * of its GET, HEAD or any-method handlers' paths (`@Controller("/health")` with `@Get("/")` registers
 * `/health`; `@Controller('api')` with `@Get('ready')` registers `/api/ready`). Only literal paths count.
 */
export function decoratorRoutes(text: string): RouteRegistration[] {
  const routes: RouteRegistration[] = [];
  const lines = text.split('\n');
  let prefix: string | null = null;
  lines.forEach((line, index) => {
    const controller = CONTROLLER_DECORATOR.exec(line);
    if (controller) {
      // `@Controller()` has no prefix; one the pattern cannot read (`@Controller(PREFIX)`) leaves the class unknown.
      prefix = controller[1] ? '' : (controller[3] ?? controller[5] ?? null);
      return;
    }
    if (prefix === null) return;
    const method = METHOD_DECORATOR.exec(line);
    if (!method) return;
    const path = `/${[prefix, method[2] ?? ''].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
    routes.push({ path, line: index + 1, blockLine: index + 1, endLine: index + 1 });
  });
  return routes;
}

/** Last line (1-based) of the statement starting at `start`: where brackets opened there close again. */
function statementEnd(lines: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < lines.length && i < start + 200; i++) {
    for (const ch of lines[i]!) {
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      else if (ch === ')' || ch === '}' || ch === ']') depth--;
    }
    if (depth <= 0) return i + 1;
  }
  return start + 1;
}

/** Path segments that name a health, readiness or liveness endpoint. */
const HEALTH_SEGMENTS = new Set(['health', 'healthz', 'healthcheck', 'health-check', 'health_check', 'ready', 'readyz', 'readiness', 'live', 'livez', 'liveness', 'ping']);
/** Segments that may come before a health segment without making it part of something else (`/api/v1/health`). */
const PREFIX_SEGMENT = /^(?:api|v\d+(?:\.\d+)?|internal|_|-|admin|sys|system|status|monitoring|management|actuator|probes?|ops|meta)$/;

/** Normal form of a route path for comparison: lower case, no trailing slash. */
export function normaliseRoutePath(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 ? lower.replace(/\/+$/, '') || '/' : lower;
}

/** True for `/health`, `/healthz`, `/ready`, `/readyz`, `/live`, `/livez`, `/ping` and their subpaths, also under `/api/v1`. */
export function isHealthPath(path: string): boolean {
  const segments = normaliseRoutePath(path).split('/').filter(Boolean);
  if (segments.some((s) => /[<{:*]/.test(s))) return false;
  for (const segment of segments) {
    if (HEALTH_SEGMENTS.has(segment)) return true;
    if (!PREFIX_SEGMENT.test(segment)) return false;
  }
  return false;
}
