// Operations settings, readiness and the /health, /ready, /metrics routes, without processes or network.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { EventLoopWatch, opsHandler, readinessProblems, type ReadinessProbe } from '../../src/ops/health.js';
import { AppMetrics } from '../../src/ops/metrics.js';
import { operationsProblem } from '../../src/runtime.js';

describe('operationsProblem', () => {
  test.each([
    [{}, null],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/0', ROLE: 'worker' }, null],
    [{ ROLE: 'both' }, 'ROLE must be one of all, web, worker (default all: webhooks and reviews in one process).'],
    [{ ROLE: 'worker' }, 'ROLE=worker needs REDIS_URL: separate web and worker processes share their queue through Redis.'],
    [{ ROLE: 'web' }, 'ROLE=web needs REDIS_URL: separate web and worker processes share their queue through Redis.'],
    [{ REDIS_URL: '127.0.0.1:6379' }, 'REDIS_URL must be a redis:// or rediss:// address, e.g. redis://127.0.0.1:6379/0.'],
    [{ SHUTDOWN_DEADLINE_MS: '25s' }, 'SHUTDOWN_DEADLINE_MS must be a whole number (default 25000).'],
    [{ REDELIVER_FAILED_WEBHOOKS: 'yes' }, 'REDELIVER_FAILED_WEBHOOKS must be true or false.'],
    [{ REDELIVER_FAILED_WEBHOOKS: 'true' }, 'REDELIVER_FAILED_WEBHOOKS=true needs REDIS_URL: the catch-up runs once per cluster under a Redis lock.'],
  ] as Array<[NodeJS.ProcessEnv, string | null]>)('%# %o', (env, sentence) => {
    expect(operationsProblem(env)).toBe(sentence);
  });
});

const idle = { waiting: 0, running: 0, failed: 0, oldestAgeSeconds: 0 };
const probe = (overrides: Partial<ReadinessProbe> = {}): ReadinessProbe => ({ stopping: () => false, maxWaiting: 10, queue: async () => idle, ...overrides });

describe('readinessProblems', () => {
  test('ready when every check passes', async () => {
    expect(await readinessProblems(probe({ redis: async () => undefined, credentials: async () => undefined }))).toEqual([]);
  });

  test('names each failing check', async () => {
    const problems = await readinessProblems(
      probe({
        stopping: () => true,
        redis: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
        credentials: async () => Promise.reject(new Error('GitHub answered 401 (Bad credentials)')),
        queue: async () => ({ ...idle, waiting: 11 }),
      }),
    );
    expect(problems.sort()).toEqual([
      'GitHub App credentials not accepted: GitHub answered 401 (Bad credentials)',
      'Redis unreachable: connect ECONNREFUSED 127.0.0.1:6379',
      'queue saturated: 11 reviews waiting (limit 10)',
      'shutting down',
    ]);
  });

  test('a check that does not answer counts as failed', async () => {
    expect(await readinessProblems(probe({ redis: () => new Promise(() => undefined) }), 20)).toEqual(['Redis unreachable: Redis did not answer within 20 ms']);
  });
});

describe('the operations routes', () => {
  let server: Server | undefined;
  const loop = new EventLoopWatch();
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function serve(ready: ReadinessProbe, metrics = new AppMetrics({ defaultMetrics: false })) {
    const handle = opsHandler({ metrics, loop, maxLagMs: 60_000, ready });
    server = createServer((req, res) => void handle(req, res).then((handled) => handled || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
  }

  test('/health, /ready and /metrics answer; other paths are left to the next handler', async () => {
    const metrics = new AppMetrics({ defaultMetrics: false });
    metrics.watchQueue(async () => ({ waiting: 3, running: 1, failed: 2, oldestAgeSeconds: 42 }));
    metrics.webhooks.inc({ event: 'pull_request.opened', outcome: 'queued' });
    metrics.recordResponse(403, { 'x-ratelimit-remaining': '0' });
    metrics.recordFindings([{ checkId: 'secrets', severity: 'failure' } as never]);
    const get = await serve(probe(), metrics);
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', eventLoopLagMs: expect.any(Number) });
    expect(await get('/ready')).toEqual({ status: 200, body: '{"status":"ready"}\n' });
    const text = (await get('/metrics')).body;
    for (const line of [
      'readiness_jobs{state="waiting"} 3',
      'readiness_jobs{state="running"} 1',
      'readiness_jobs{state="failed"} 2',
      'readiness_oldest_job_age_seconds 42',
      'readiness_webhooks_total{event="pull_request.opened",outcome="queued"} 1',
      'readiness_github_requests_total{status="403"} 1',
      'readiness_github_rate_limited_total{kind="primary"} 1',
      'readiness_github_rate_limit_remaining 0',
      'readiness_findings_total{check="secrets",severity="failure"} 1',
    ])
      expect(text.split('\n')).toContain(line);
    expect((await get('/api/github/webhooks')).status).toBe(404);
  });

  test('/ready answers 503 with the problems', async () => {
    const get = await serve(probe({ stopping: () => true }));
    expect(await get('/ready')).toEqual({ status: 503, body: '{"status":"not ready","problems":["shutting down"]}\n' });
  });
});
