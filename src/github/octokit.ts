// The Octokit the App runs with in production: Probot's (throttling and retry on), paced per installation.
import { ProbotOctokit } from 'probot';
import { InstallationPacing, requestCost } from './pacing.js';

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
 * to `pacing` under the installation's id (Probot sets `throttle.id` to it). The plugin still handles
 * rate-limit answers, and plugin-retry still retries server errors.
 */
export function pacedOctokit(pacing = new InstallationPacing(), Base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
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
    return { ...options, throttle: { ...throttle, write: passThrough, notifications: passThrough, global } };
  });
}
