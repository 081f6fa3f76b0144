// How the App runs as a service: its role (web, worker or both), the queue (Redis when REDIS_URL is set), health routes, recovery and graceful shutdown.
import { createServer, type Server as HttpServer } from 'node:http';
import { createProbot, type ApplicationFunction, type Probot } from 'probot';
import { createApp } from './app.js';
import { ApiCallCounter, countingApi, type OctokitLike } from './github/client.js';
import { RedisReviewQueue } from './github/redis-review-queue.js';
import { DEFAULT_SHUTDOWN_DEADLINE_MS, type ReviewQueue } from './github/review-queue.js';
import { pacedOctokit, probotEnv } from './github/octokit.js';
import { productionPacing } from './github/redis-pacing.js';
import { EventLoopWatch, opsHandler } from './ops/health.js';
import { AppMetrics } from './ops/metrics.js';
import { recoverStuckReviews, redeliverFailedWebhooks } from './ops/recovery.js';
import { ReviewThreads, defaultReviewThreads } from './review-threads.js';

export type Role = 'all' | 'web' | 'worker';
export const ROLES: readonly Role[] = ['all', 'web', 'worker'];

/** Whole-number settings read from the environment, with their defaults. */
export const NUMBER_SETTINGS = {
  REVIEW_CONCURRENCY: 4,
  SHUTDOWN_DEADLINE_MS: DEFAULT_SHUTDOWN_DEADLINE_MS,
  REVIEW_ATTEMPTS: 3,
  REVIEW_RETRY_DELAY_MS: 10_000,
  REVIEW_LOCK_MS: 30_000,
  RECOVERY_INTERVAL_MS: 5 * 60_000,
  RECOVERY_STALE_AFTER_MS: 15 * 60_000,
  REDELIVERY_INTERVAL_MS: 10 * 60_000,
  READY_MAX_WAITING: 1_000,
  HEALTH_MAX_LAG_MS: 5_000,
  /** Worker threads the checks run on (0: on the thread that answers webhooks, as the CLI does). */
  REVIEW_THREADS: defaultReviewThreads(),
} as const;

type NumberSetting = keyof typeof NUMBER_SETTINGS;

/** The first problem with the operations settings, or null. */
export function operationsProblem(env: NodeJS.ProcessEnv): string | null {
  const role = env.ROLE ?? 'all';
  if (!ROLES.includes(role as Role)) return `ROLE must be one of ${ROLES.join(', ')} (default all: webhooks and reviews in one process).`;
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) return 'REDIS_URL must be a redis:// or rediss:// address, e.g. redis://127.0.0.1:6379/0.';
  if (role !== 'all' && !env.REDIS_URL) return `ROLE=${role} needs REDIS_URL: separate web and worker processes share their queue through Redis.`;
  for (const name of Object.keys(NUMBER_SETTINGS) as NumberSetting[]) {
    const value = env[name];
    if (value !== undefined && value !== '' && !/^\d+$/.test(value)) return `${name} must be a whole number (default ${NUMBER_SETTINGS[name]}).`;
  }
  if (env.REDELIVER_FAILED_WEBHOOKS && !['true', 'false'].includes(env.REDELIVER_FAILED_WEBHOOKS)) return 'REDELIVER_FAILED_WEBHOOKS must be true or false.';
  if (env.REDELIVER_FAILED_WEBHOOKS === 'true' && !env.REDIS_URL) return 'REDELIVER_FAILED_WEBHOOKS=true needs REDIS_URL: the catch-up runs once per cluster under a Redis lock.';
  return null;
}

const setting = (env: NodeJS.ProcessEnv, name: NumberSetting): number => (env[name] ? Number(env[name]) : NUMBER_SETTINGS[name]);

export interface Running {
  /** Stops taking webhooks and reviews, drains within the deadline, closes everything. */
  stop(): Promise<void>;
  port: number;
}

/** Serves the App's webhooks (and the handlers it adds) over HTTP: the server module's startServer. */
export type ServeWebhooks = (app: ApplicationFunction) => Promise<{ port: number; stop(): Promise<void> }>;

/** Starts the App in the role `ROLE` names; resolves once it is listening. */
export async function startService(env: NodeJS.ProcessEnv, serve: ServeWebhooks): Promise<Running> {
  const role = (env.ROLE ?? 'all') as Role;
  const metrics = new AppMetrics();
  const loop = new EventLoopWatch();
  let queue: ReviewQueue | undefined;
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];
  const log = { current: undefined as Probot['log'] | undefined };
  // Reviews compute on worker threads: a review of thousands of files never delays a webhook or /health.
  const threadCount = setting(env, 'REVIEW_THREADS');
  const threads = role !== 'web' && threadCount > 0 ? new ReviewThreads(threadCount) : undefined;

  const appFunction: ApplicationFunction = async (app, options) => {
    log.current = app.log;
    const redisUrl = env.REDIS_URL;
    await createApp({
      metrics,
      ...(threads ? { runReview: threads.run } : {}),
      onQueue: (q) => (queue = q),
      ...(redisUrl
        ? {
            createQueue: (processor, probot, hooks) =>
              new RedisReviewQueue(processor, {
                url: redisUrl,
                prefix: env.QUEUE_PREFIX || 'readiness',
                work: role !== 'web',
                concurrency: setting(env, 'REVIEW_CONCURRENCY'),
                attempts: setting(env, 'REVIEW_ATTEMPTS'),
                backoffMs: setting(env, 'REVIEW_RETRY_DELAY_MS'),
                lockMs: setting(env, 'REVIEW_LOCK_MS'),
                log: probot.log,
                hooks,
              }),
          }
        : {}),
    })(app, options);

    let credentialsCheckedAt = 0;
    options.addHandler(
      opsHandler({
        metrics,
        loop,
        maxLagMs: setting(env, 'HEALTH_MAX_LAG_MS'),
        ready: {
          stopping: () => stopping,
          maxWaiting: setting(env, 'READY_MAX_WAITING'),
          queue: () => queue!.stats(),
          ...(queue instanceof RedisReviewQueue ? { redis: () => (queue as RedisReviewQueue).ping() } : {}),
          // GET /app with the App's JWT: proves the App id and private key; asked at most once a minute.
          credentials: async () => {
            if (Date.now() - credentialsCheckedAt < 60_000) return;
            const octokit = (await app.auth()) as unknown as OctokitLike;
            await countingApi(octokit, new ApiCallCounter()).request('GET /app');
            credentialsCheckedAt = Date.now();
          },
        },
      }),
    );

    if (queue instanceof RedisReviewQueue) {
      const redisQueue = queue;
      const installationApi = async (id: number) => countingApi(await app.auth(id), new ApiCallCounter());
      const recoveryEvery = setting(env, 'RECOVERY_INTERVAL_MS');
      const recover = async () => {
        if (stopping || !(await redisQueue.lock('recovery', Math.max(1_000, recoveryEvery - 1_000)))) return;
        try {
          await recoverStuckReviews(redisQueue, { api: installationApi, staleAfterMs: setting(env, 'RECOVERY_STALE_AFTER_MS'), log: app.log, metrics });
        } finally {
          await redisQueue.unlock('recovery');
        }
      };
      const guard = (work: () => Promise<unknown>, what: string) => () =>
        void work().catch((error: unknown) => app.log.warn({ reason: error instanceof Error ? error.message : String(error) }, `${what} failed; it runs again later`));
      guard(recover, 'recovery')();
      timers.push(setInterval(guard(recover, 'recovery'), recoveryEvery));
      if (env.REDELIVER_FAILED_WEBHOOKS === 'true') {
        const every = setting(env, 'REDELIVERY_INTERVAL_MS');
        const sinceKey = `${redisQueue.prefix}:redelivery:since`;
        const catchUp = async () => {
          if (stopping || !(await redisQueue.lock('redelivery', Math.max(1_000, every - 1_000)))) return;
          try {
            const started = Date.now();
            // The first pass looks back one interval; later passes start where the last one began.
            const since = Number(await redisQueue.redis.get(sinceKey)) || started - every;
            const appApi = countingApi(await app.auth(), new ApiCallCounter());
            await redeliverFailedWebhooks({ appApi, since, log: app.log, metrics });
            await redisQueue.redis.set(sinceKey, String(started));
          } finally {
            await redisQueue.unlock('redelivery');
          }
        };
        guard(catchUp, 'webhook redelivery catch-up')();
        timers.push(setInterval(guard(catchUp, 'webhook redelivery catch-up'), every));
      }
    }
    for (const t of timers) t.unref();
  };

  let http: HttpServer | undefined;
  let stopServer: () => Promise<void>;
  let port: number;
  if (role === 'worker') {
    // Workers take no webhooks: only the operations routes are served, for probes and scrapes.
    const paced = productionPacing(env);
    const probot = createProbot({ env: probotEnv(env), overrides: { Octokit: pacedOctokit(paced.pacing) } });
    const handlers: Array<(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown> = [];
    await probot.load(appFunction, { cwd: process.cwd(), addHandler: (h) => void handlers.push(h) });
    const server = createServer((req, res) => {
      void (async () => {
        for (const h of handlers) if (await h(req, res)) return;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"Not found: this process is a review worker (ROLE=worker); webhooks go to the web processes."}\n');
      })();
    });
    http = server;
    await new Promise<void>((resolve) => server.listen(Number(env.PORT || 3000), env.HOST, resolve));
    port = (server.address() as import('node:net').AddressInfo).port;
    stopServer = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await paced.close();
    };
  } else {
    const server = await serve(appFunction);
    stopServer = () => server.stop();
    port = server.port;
  }

  return {
    port,
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const t of timers) clearInterval(t);
      const deadline = setting(env, 'SHUTDOWN_DEADLINE_MS');
      log.current?.info({ deadlineMs: deadline }, 'shutting down: no new webhooks or reviews; running reviews finish or are handed back');
      // Webhooks first (a load balancer sees /ready fail meanwhile), then the reviews in flight.
      const closing = stopServer();
      http?.closeIdleConnections();
      await queue?.close(deadline);
      await threads?.close();
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      loop.stop();
    },
  };
}
