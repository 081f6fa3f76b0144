// A local GitHub API stand-in for benchmarks and tests: the REST routes and GraphQL the App uses, per-call
// latency, seeded faults, GitHub's secondary limits per installation, and every call counted by kind.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GITHUB_SECONDARY_LIMITS, InstallationBudget, type Refusal, type RequestClass, type SecondaryLimits } from './limits.js';
import { blobSha, generateRepository, type PullRequestShape, type StandInPullRequest, type StandInRepository } from './repository.js';
import { prng } from '../../scripts/bench-data.js';

export const APP_SLUG = 'readiness-review';

export interface FaultOptions {
  /** Probability (0..1) that an installation request is answered with a fault instead. */
  rate: number;
  /** Which faults to draw from; default all three. */
  kinds?: Array<'502' | '403-secondary' | '429'>;
  /** Retry-After sent with injected 403 and 429 answers. */
  retryAfterSeconds?: number;
}

export interface StandInOptions {
  /** Time each answer is held back, ms (default 20). */
  latencyMs?: number;
  faults?: FaultOptions;
  /** Seed of the fault draws, so a run can be repeated. */
  seed?: number;
  limits?: Partial<SecondaryLimits>;
  port?: number;
}

export interface CheckRunRecord {
  id: number;
  installationId: number;
  owner: string;
  repo: string;
  headSha: string;
  /** The `external_id` the run was created with. */
  externalId?: string;
  createdAt: number;
  completedAt?: number;
  status: string;
  conclusion?: string;
  title?: string;
  summary?: string;
  annotations: Array<{ path: string; start_line: number; annotation_level: string; title?: string }>;
  updates: number;
}

export interface ReviewRecord {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  postedAt: number;
  body: string;
  comments: Array<{ path: string; line?: number; body: string }>;
}

export interface StandInStats {
  /** Calls by kind ("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", "graphql query object", ...). */
  calls: Record<string, number>;
  /** The same per installation id. */
  callsByInstallation: Record<string, Record<string, number>>;
  /** 403 secondary-limit answers because a limit was exceeded (not injected faults), by reason. */
  secondaryLimitResponses: Record<string, number>;
  /** Injected faults by status. */
  faultsInjected: Record<string, number>;
  /** Most requests one installation had in flight at once. */
  peakInFlight: number;
}

export interface StandIn {
  url: string;
  stop(): Promise<void>;
  stats(): StandInStats;
  /** Forgets counted calls, refusals and faults (repositories, check runs and reviews stay). */
  resetStats(): void;
  /** Generates a repository with one pull request and serves it. */
  addPullRequest(shape: PullRequestShape): StandInPullRequest;
  /** A `pull_request` webhook payload for a pull request served here. */
  pullRequestPayload(pr: StandInPullRequest, action?: string): Record<string, unknown>;
  checkRuns(): CheckRunRecord[];
  reviews(): ReviewRecord[];
  /** Emits 'check-run-completed' (CheckRunRecord) and 'review-posted' (ReviewRecord). */
  events: EventEmitter;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const SECONDARY_MESSAGE = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handle(match: string[], query: URLSearchParams, body: unknown, installationId: number): unknown;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The kind of a GraphQL document, named after its operation and first field, e.g. "graphql query object". */
export function graphqlKind(query: string): { kind: string; mutation: boolean } {
  const mutation = /^\s*mutation\b/.test(query);
  const body = query.slice(query.indexOf('{') + 1);
  const fields = [...body.matchAll(/(?:^|[\s{])(?:\w+\s*:\s*)?(\w+)\s*[({]/g)].map((m) => m[1]!).filter((f) => f !== 'repository');
  return { kind: `graphql ${mutation ? 'mutation' : 'query'} ${fields[0] ?? 'unknown'}`, mutation };
}

export async function start(options: StandInOptions = {}): Promise<StandIn> {
  const latencyMs = options.latencyMs ?? 20;
  const limits: SecondaryLimits = { ...GITHUB_SECONDARY_LIMITS, ...options.limits };
  const random = prng(options.seed ?? 1);
  const repositories = new Map<string, StandInRepository>();
  const tokens = new Map<string, number>();
  const budgets = new Map<number, InstallationBudget>();
  const checkRuns = new Map<number, CheckRunRecord>();
  const reviews: ReviewRecord[] = [];
  const events = new EventEmitter();
  let stats: StandInStats = { calls: {}, callsByInstallation: {}, secondaryLimitResponses: {}, faultsInjected: {}, peakInFlight: 0 };
  let nextCheckRun = 1;
  let nextToken = 1;
  let nextThread = 1;

  const budget = (installationId: number) => {
    let b = budgets.get(installationId);
    if (!b) budgets.set(installationId, (b = new InstallationBudget(limits)));
    return b;
  };
  const count = (installationId: number | null, kind: string) => {
    stats.calls[kind] = (stats.calls[kind] ?? 0) + 1;
    const key = String(installationId ?? 'app');
    const own = (stats.callsByInstallation[key] ??= {});
    own[kind] = (own[kind] ?? 0) + 1;
  };
  const repository = (owner: string, repo: string, installationId: number): StandInRepository => {
    const r = repositories.get(`${owner}/${repo}`.toLowerCase());
    if (!r || r.installationId !== installationId) throw new HttpError(404, 'Not Found');
    return r;
  };
  const pull = (r: StandInRepository, number: string): StandInPullRequest => {
    const p = r.pulls.get(Number(number));
    if (!p) throw new HttpError(404, 'Not Found');
    return p;
  };
  /** `rev:path` (or a bare rev) -> the blob text, a tree's entries, or null. */
  const resolveObject = (r: StandInRepository, expression: string): { text: string } | { entries: Array<{ name: string; type: string; oid: string; object: unknown }> } | null => {
    const colon = expression.indexOf(':');
    const rev = colon === -1 ? expression : expression.slice(0, colon);
    const path = colon === -1 ? '' : expression.slice(colon + 1).replace(/\/$/, '');
    const commit = r.commits.get(rev);
    if (!commit) return null;
    const text = commit.get(path);
    if (text !== undefined) return { text };
    const prefix = path === '' ? '' : `${path}/`;
    const names = new Map<string, string>();
    for (const p of commit.keys()) if (p.startsWith(prefix)) names.set(p.slice(prefix.length).split('/')[0]!, p.slice(prefix.length).includes('/') ? 'tree' : 'blob');
    if (names.size === 0) return null;
    // A file's entry carries its blob, as `entries { object { ... on Blob } }` asks; a folder's has no blob fields.
    const blob = (name: string) => {
      const text = commit.get(`${prefix}${name}`)!;
      return { oid: blobSha(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
    };
    return { entries: [...names].map(([name, type]) => ({ name, type, oid: blobSha(`${rev}:${prefix}${name}`), object: type === 'blob' ? blob(name) : {} })) };
  };

  const routes: Route[] = [];
  const route = (method: string, template: string, handle: Route['handle']) => {
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'path' ? '(.+)' : '([^/]+)'))}$`);
    routes.push({ method, template, pattern, handle });
  };

  route('GET', '/app', () => ({ id: 1, slug: APP_SLUG, name: 'Readiness review' }));
  route('GET', '/repos/{owner}/{repo}/installation', ([owner, repo]) => {
    const r = repositories.get(`${owner}/${repo}`.toLowerCase());
    if (!r) throw new HttpError(404, 'Not Found');
    return { id: r.installationId };
  });
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', ([owner, repo, number], query, _body, inst) => {
    const p = pull(repository(owner!, repo!, inst), number!);
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Number(query.get('page') ?? 1);
    const listed = p.files.slice(0, 3000);
    return { data: listed.slice((page - 1) * perPage, page * perPage), next: page * perPage < listed.length };
  });
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', ([owner, repo, number], _q, _b, inst) => {
    const p = pull(repository(owner!, repo!, inst), number!);
    return { number: p.number, state: 'open', head: { sha: p.headSha }, base: { sha: p.baseSha }, changed_files: p.files.length };
  });
  route('GET', '/repos/{owner}/{repo}/pulls', ([owner, repo], _q, _b, inst) => [...repository(owner!, repo!, inst).pulls.values()].map((p) => ({ number: p.number, state: 'open', head: { sha: p.headSha }, base: { sha: p.baseSha } })));
  route('GET', '/repos/{owner}/{repo}/compare/{basehead}', ([owner, repo, basehead], _q, _b, inst) => {
    const r = repository(owner!, repo!, inst);
    const [base] = decodeURIComponent(basehead!).split('...');
    if (!base || !r.commits.has(base)) throw new HttpError(404, 'Not Found');
    return { merge_base_commit: { sha: base }, status: 'ahead', files: [] };
  });
  route('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', ([owner, repo, sha], query, _b, inst) => {
    const commit = repository(owner!, repo!, inst).commits.get(sha!);
    if (!commit) throw new HttpError(404, 'Not Found');
    const recursive = query.has('recursive');
    const tree: Array<{ path: string; mode: string; type: string; sha: string; size?: number }> = [];
    const dirs = new Set<string>();
    for (const [path, text] of commit) {
      if (!recursive && path.includes('/')) continue;
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
      tree.push({ path, mode: '100644', type: 'blob', sha: blobSha(text), size: Buffer.byteLength(text) });
    }
    if (recursive) for (const d of dirs) tree.push({ path: d, mode: '040000', type: 'tree', sha: blobSha(`tree ${d}`) });
    return { sha: sha!, tree, truncated: false };
  });
  route('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', ([owner, repo, sha], _q, _b, inst) => {
    for (const commit of repository(owner!, repo!, inst).commits.values()) {
      for (const text of commit.values()) if (blobSha(text) === sha) return { sha, size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') };
    }
    throw new HttpError(404, 'Not Found');
  });
  route('GET', '/repos/{owner}/{repo}/contents/{path}', ([owner, repo, path], query, _b, inst) => {
    const r = repository(owner!, repo!, inst);
    const ref = query.get('ref') ?? [...r.commits.keys()].at(-1)!;
    const text = r.commits.get(ref)?.get(decodeURIComponent(path!));
    if (text === undefined) throw new HttpError(404, 'Not Found');
    return { type: 'file', path, sha: blobSha(text), size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') };
  });
  route('POST', '/repos/{owner}/{repo}/check-runs', ([owner, repo], _q, body, inst) => {
    repository(owner!, repo!, inst);
    const b = body as { head_sha: string; external_id?: string; status?: string; output?: { title?: string; summary?: string } };
    const record: CheckRunRecord = { id: nextCheckRun++, installationId: inst, owner: owner!, repo: repo!, headSha: b.head_sha, createdAt: Date.now(), status: b.status ?? 'queued', annotations: [], updates: 0 };
    if (b.external_id !== undefined) record.externalId = b.external_id;
    if (b.output?.title) record.title = b.output.title;
    checkRuns.set(record.id, record);
    return { status: 201, data: { id: record.id, head_sha: record.headSha, status: record.status, app: { id: 1, slug: APP_SLUG } } };
  });
  route('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', ([owner, repo, id], _q, body, inst) => {
    repository(owner!, repo!, inst);
    const record = checkRuns.get(Number(id));
    if (!record) throw new HttpError(404, 'Not Found');
    const b = body as { status?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: CheckRunRecord['annotations'] } };
    if ((b.output?.summary?.length ?? 0) > 65_535) throw new HttpError(422, 'Invalid request: output.summary is too long (maximum is 65535 characters).');
    if ((b.output?.annotations?.length ?? 0) > 50) throw new HttpError(422, 'Invalid request: at most 50 annotations per request.');
    record.updates++;
    if (b.output?.title !== undefined) record.title = b.output.title;
    if (b.output?.summary !== undefined) record.summary = b.output.summary;
    record.annotations.push(...(b.output?.annotations ?? []));
    if (b.conclusion) record.conclusion = b.conclusion;
    if (b.status === 'completed' || b.conclusion) {
      const first = record.completedAt === undefined;
      record.status = 'completed';
      record.completedAt ??= Date.now();
      if (first) setImmediate(() => events.emit('check-run-completed', record));
    }
    return { id: record.id, status: record.status, conclusion: record.conclusion ?? null };
  });
  route('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', ([owner, repo, ref], _q, _b, inst) => {
    repository(owner!, repo!, inst);
    const runs = [...checkRuns.values()].filter((c) => c.owner === owner && c.repo === repo && c.headSha === ref);
    return { total_count: runs.length, check_runs: runs.map((c) => ({ id: c.id, external_id: c.externalId ?? null, head_sha: c.headSha, status: c.status, conclusion: c.conclusion ?? null, name: 'Production readiness', app: { slug: APP_SLUG }, output: { title: c.title ?? null } })) };
  });
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', ([owner, repo, number], _q, body, inst) => {
    const p = pull(repository(owner!, repo!, inst), number!);
    const b = body as { body?: string; comments?: ReviewRecord['comments'] };
    const record: ReviewRecord = { installationId: inst, owner: owner!, repo: repo!, number: p.number, postedAt: Date.now(), body: b.body ?? '', comments: b.comments ?? [] };
    reviews.push(record);
    for (const c of record.comments) p.threads.push({ id: `T_${nextThread++}`, path: c.path, body: c.body, isResolved: false });
    setImmediate(() => events.emit('review-posted', record));
    return { id: reviews.length, state: 'COMMENTED' };
  });
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', ([owner, repo, number], _q, _b, inst) => {
    const p = pull(repository(owner!, repo!, inst), number!);
    return reviews.filter((r) => r.owner === p.owner && r.repo === p.repo && r.number === p.number).map((r, i) => ({ id: i + 1, body: r.body, state: 'COMMENTED' }));
  });
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/comments', ([owner, repo, number], _q, _b, inst) => {
    const p = pull(repository(owner!, repo!, inst), number!);
    return p.threads.map((t, i) => ({ id: i + 1, path: t.path, body: t.body }));
  });

  const graphql = (body: { query?: string; variables?: Record<string, unknown> }, inst: number): unknown => {
    const query = body.query ?? '';
    const variables = body.variables ?? {};
    const value = (token: string): unknown => (token.startsWith('$') ? variables[token.slice(1)] : JSON.parse(token));
    if (/^\s*mutation\b/.test(query)) {
      const data: Record<string, unknown> = {};
      for (const m of query.matchAll(/(\w+)\s*:\s*resolveReviewThread\(input:\s*\{\s*threadId:\s*(\$\w+|"[^"]*")\s*\}\)/g)) {
        const id = String(value(m[2]!));
        let found = false;
        for (const r of repositories.values()) {
          if (r.installationId !== inst) continue;
          for (const p of r.pulls.values()) {
            const t = p.threads.find((x) => x.id === id);
            if (t) {
              t.isResolved = true;
              found = true;
            }
          }
        }
        if (!found) return { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${id}'` }] };
        data[m[1]!] = { thread: { id, isResolved: true } };
      }
      return { data };
    }
    const text = (v: unknown, inline: RegExp) => (typeof v === 'string' ? v : (inline.exec(query)?.[1] ?? ''));
    const owner = text(variables.owner, /owner:\s*"([^"]+)"/);
    const name = text(variables.name, /name:\s*"([^"]+)"/);
    const r = repositories.get(`${owner}/${name}`.toLowerCase());
    if (!r || r.installationId !== inst) return { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }] };
    if (/reviewThreads\s*\(/.test(query)) {
      const p = r.pulls.get(Number(variables.number));
      if (!p) return { data: { repository: { pullRequest: null } } };
      const nodes = p.threads.map((t) => ({ id: t.id, isResolved: t.isResolved, path: t.path, comments: { nodes: [{ body: t.body, viewerDidAuthor: true, author: { __typename: 'Bot', login: APP_SLUG } }] } }));
      return { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } };
    }
    const objects: Record<string, unknown> = {};
    let any = false;
    for (const m of query.matchAll(/(\w+)\s*:\s*object\(expression:\s*(\$\w+|"[^"]*")\s*\)/g)) {
      any = true;
      const found = resolveObject(r, String(value(m[2]!)));
      if (found === null) objects[m[1]!] = null;
      else if ('text' in found) objects[m[1]!] = { oid: blobSha(found.text), byteSize: Buffer.byteLength(found.text), isBinary: false, isTruncated: false, text: found.text };
      else objects[m[1]!] = { entries: found.entries };
    }
    if (!any) throw new HttpError(400, `The stand-in does not answer this GraphQL query: ${query.slice(0, 120)}`);
    return { data: { repository: objects } };
  };

  const classify = (method: string, path: string, body: unknown): { kind: string; request: RequestClass } => {
    if (path === '/graphql') {
      const { kind, mutation } = graphqlKind((body as { query?: string })?.query ?? '');
      return { kind, request: { api: 'graphql', points: mutation ? 5 : 1, contentCreating: mutation } };
    }
    const r = routes.find((x) => x.method === method && x.pattern.test(path));
    const kind = `${method} ${r?.template ?? path}`;
    const write = method !== 'GET' && method !== 'HEAD';
    return { kind, request: { api: 'rest', points: write ? 5 : 1, contentCreating: write } };
  };

  const send = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
    const text = data === undefined ? '' : JSON.stringify(data);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600), ...headers });
    res.end(text);
  };
  const delay = () => new Promise<void>((resolve) => setTimeout(resolve, latencyMs));

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      // GitHub Enterprise Server layout (what Probot uses with GHE_HOST): /api/v3/... and /api/graphql.
      let path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
      if (path === '/api/graphql') path = '/graphql';
      const method = req.method ?? 'GET';
      const text = await readBody(req);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        await delay();
        return send(res, 400, { message: 'Problems parsing JSON' });
      }

      const token = /^(?:token|bearer)\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const tokenMatch = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
      if (tokenMatch && method === 'POST') {
        count(null, 'POST /app/installations/{installation_id}/access_tokens');
        await delay();
        const installationId = Number(tokenMatch[1]);
        const issued = `standin-${installationId}-${nextToken++}`;
        tokens.set(issued, installationId);
        return send(res, 201, { token: issued, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' });
      }
      const installationId = tokens.get(token);
      if (installationId === undefined) {
        if (path === '/app' && method === 'GET') {
          count(null, 'GET /app');
          await delay();
          return send(res, 200, { id: 1, slug: APP_SLUG });
        }
        count(null, `unauthenticated ${method} ${path}`);
        await delay();
        return send(res, 401, { message: 'Bad credentials' });
      }

      const { kind, request } = classify(method, path, body);
      count(installationId, kind);
      const b = budget(installationId);
      const refusal: Refusal = b.admit(request, Date.now());
      if (refusal) {
        stats.secondaryLimitResponses[refusal.reason] = (stats.secondaryLimitResponses[refusal.reason] ?? 0) + 1;
        await delay();
        return send(res, 403, { message: SECONDARY_MESSAGE, documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits' }, { 'retry-after': String(refusal.retryAfterSeconds) });
      }
      stats.peakInFlight = Math.max(stats.peakInFlight, b.peakInFlight);
      try {
        await delay();
        const faults = options.faults;
        if (faults && faults.rate > 0 && random() < faults.rate) {
          const kinds = faults.kinds ?? ['502', '403-secondary', '429'];
          const fault = kinds[Math.floor(random() * kinds.length)]!;
          stats.faultsInjected[fault] = (stats.faultsInjected[fault] ?? 0) + 1;
          const retryAfter = { 'retry-after': String(faults.retryAfterSeconds ?? 1) };
          if (fault === '502') return send(res, 502, { message: 'Server Error' });
          if (fault === '429') return send(res, 429, { message: 'Too Many Requests' }, retryAfter);
          return send(res, 403, { message: SECONDARY_MESSAGE }, retryAfter);
        }
        if (path === '/graphql' && method === 'POST') return send(res, 200, graphql(body as { query?: string; variables?: Record<string, unknown> }, installationId));
        for (const r of routes) {
          if (r.method !== method) continue;
          const match = r.pattern.exec(path);
          if (!match) continue;
          const result = r.handle(match.slice(1).map((m) => decodeURIComponent(m)), url.searchParams, body, installationId);
          if (result && typeof result === 'object' && 'next' in result && 'data' in result) {
            const { data, next } = result as { data: unknown; next: boolean };
            const page = Number(url.searchParams.get('page') ?? 1);
            const nextUrl = new URL(url.href);
            nextUrl.searchParams.set('page', String(page + 1));
            return send(res, 200, data, next ? { link: `<http://${req.headers.host ?? 'stand-in'}${nextUrl.pathname}${nextUrl.search}>; rel="next"` } : {});
          }
          if (result && typeof result === 'object' && 'status' in result && 'data' in result) {
            const { status, data } = result as { status: number; data: unknown };
            return send(res, status, data);
          }
          return send(res, 200, result);
        }
        return send(res, 404, { message: `The stand-in has no route for ${method} ${path}` });
      } catch (error) {
        if (error instanceof HttpError) return send(res, error.status, { message: error.message }, error.headers);
        return send(res, 500, { message: error instanceof Error ? error.message : String(error) });
      } finally {
        b.release();
      }
    })();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    events,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { calls: {}, callsByInstallation: {}, secondaryLimitResponses: {}, faultsInjected: {}, peakInFlight: 0 };
    },
    addPullRequest: (shape) => {
      const r = generateRepository(shape);
      repositories.set(`${shape.owner}/${shape.repo}`.toLowerCase(), r);
      return r.pulls.get(shape.number)!;
    },
    pullRequestPayload: (pr, action = 'opened') => {
      const htmlUrl = `https://github.com/${pr.owner}/${pr.repo}`;
      const repository = { id: 1, name: pr.repo, full_name: `${pr.owner}/${pr.repo}`, html_url: htmlUrl, private: true, owner: { login: pr.owner, type: 'Organization' } };
      return {
        action,
        number: pr.number,
        installation: { id: pr.installationId },
        repository,
        sender: { login: 'octocat', type: 'User' },
        pull_request: {
          number: pr.number,
          state: 'open',
          draft: false,
          html_url: `${htmlUrl}/pull/${pr.number}`,
          changed_files: pr.files.length,
          head: { sha: pr.headSha, ref: 'feature', repo: repository },
          base: { sha: pr.baseSha, ref: 'main', repo: repository },
        },
      };
    },
    checkRuns: () => [...checkRuns.values()],
    reviews: () => [...reviews],
  };
}
