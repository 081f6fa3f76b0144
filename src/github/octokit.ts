// The Octokit the App runs with in production: Probot's, paced per installation, with retries left to the review's gate.
import { ProbotOctokit } from 'probot';
import { InstallationPacing, requestCost, type RequestPacing } from './pacing.js';

/** The part of a Bottleneck group @octokit/plugin-throttling calls: `group.key(id).schedule(options, fn, ...args)`. */
interface LimiterGroup {
  key(id: string): { schedule<T>(jobOptions: unknown, fn: (...args: never[]) => Promise<T>, ...args: unknown[]): Promise<T> };
}

const passThrough: LimiterGroup = {
  key: () => ({ schedule: (_jobOptions, fn, ...args) => fn(...(args as never[])) }),
};

interface RequestOptions {
  method: string;
  url: string;
  query?: unknown;
}

/**
 * Probot's Octokit with @octokit/plugin-throttling's lanes replaced. The plugin queues every non-GET
 * and every GraphQL request in one write lane (one a second, per `throttle.id`), so a review's
 * GraphQL reads wait a second each. Here its write and notification lanes pass straight through, and
 * its `global` lane, which sees every request with its method, URL and GraphQL document, hands each
 * to `pacing` under the installation's id (Probot sets `throttle.id` to it).
 *
 * Retries belong to one layer only, the review's gate (src/github/retry.ts): it knows which writes
 * create something and looks for what a lost try made before repeating it, honours `retry-after`,
 * and keeps each try inside the per-request timeout and the review's deadline. So
 * @octokit/plugin-retry is off here (it would repeat a check-run create after a 502, making a second
 * run, and multiply the gate's tries: 6 x 4 sends of one request), and the throttling plugin's
 * rate-limit handlers answer "do not retry" (the error reaches the gate, which waits it out).
 */
export function pacedOctokit(pacing: RequestPacing = new InstallationPacing(), Base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
  const global: LimiterGroup = {
    key: (id) => ({
      schedule: (_jobOptions, fn, ...args) => {
        const options = args[0] as RequestOptions;
        return pacing.run(id, requestCost(options.method, options.url, options.query), () => fn(...(args as never[])));
      },
    }),
  };
  return Base.defaults<typeof ProbotOctokit>((options: Record<string, unknown>) => {
    const throttle = options.throttle as { enabled?: boolean } | undefined;
    if (throttle?.enabled === false) return options;
    return {
      ...options,
      retry: { ...(options.retry as object | undefined), enabled: false },
      throttle: { ...throttle, write: passThrough, notifications: passThrough, global, onRateLimit: () => false, onSecondaryRateLimit: () => false },
    };
  });
}

/**
 * The environment handed to Probot, without REDIS_URL. Given it, Probot clusters
 * @octokit/plugin-throttling's Bottleneck groups in Redis (loading its own ioredis client), but
 * pacedOctokit replaces the groups that matter (global, write, notifications) and RedisPacing shares
 * those budgets across replicas; what Bottleneck would still cluster is token requests (one at a
 * time across the whole cluster) and search, at a Redis round trip each. The queue and the pacing
 * read REDIS_URL themselves.
 */
export function probotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _clusteredBySelf, ...rest } = env;
  return rest;
}
