// /health, /ready and /metrics: what a load balancer, Kubernetes and Prometheus ask the App.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueStats } from '../github/review-queue.js';
import type { AppMetrics } from './metrics.js';

/** How late a 100 ms timer fires, as a measure of how blocked the event loop was lately. */
export class EventLoopWatch {
  private last = Date.now();
  private worstMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly intervalMs = 100) {
    this.timer = setInterval(() => {
      const now = Date.now();
      const lag = Math.max(0, now - this.last - this.intervalMs);
      // A decaying maximum: one slow tick is remembered for a few seconds, not for ever.
      this.worstMs = Math.max(lag, this.worstMs * 0.9);
      this.last = now;
    }, intervalMs);
    this.timer.unref();
  }

  /** Recent worst delay of the event loop, in milliseconds (including the time since the last tick). */
  lagMs(): number {
    return Math.max(this.worstMs, Date.now() - this.last - this.intervalMs, 0);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface ReadinessProbe {
  /** Throws when Redis does not answer (only when Redis is configured). */
  redis?: () => Promise<void>;
  /** Throws when GitHub refuses the App's credentials. */
  credentials?: () => Promise<void>;
  queue?: () => Promise<QueueStats>;
  /** Waiting reviews above which this replica says it is not ready. */
  maxWaiting: number;
  /** True once SIGTERM was received. */
  stopping: () => boolean;
}

export interface OpsOptions {
  metrics: AppMetrics;
  loop: EventLoopWatch;
  /** Event-loop delay above which /health answers 503. */
  maxLagMs: number;
  ready: ReadinessProbe;
  /** Each readiness check gets this long before it counts as failed. */
  checkTimeoutMs?: number;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why this replica should not get traffic now; empty when it is ready. */
export async function readinessProblems(probe: ReadinessProbe, timeoutMs = 2_000): Promise<string[]> {
  const problems: string[] = [];
  if (probe.stopping()) problems.push('shutting down');
  const checks: Array<Promise<void>> = [];
  if (probe.redis) checks.push(within(probe.redis(), timeoutMs, 'Redis').catch((e: unknown) => void problems.push(`Redis unreachable: ${message(e)}`)));
  if (probe.credentials) checks.push(within(probe.credentials(), timeoutMs, 'GitHub').catch((e: unknown) => void problems.push(`GitHub App credentials not accepted: ${message(e)}`)));
  if (probe.queue) {
    const stats = probe.queue;
    checks.push(
      within(stats(), timeoutMs, 'the queue').then(
        (s) => void (s.waiting > probe.maxWaiting && problems.push(`queue saturated: ${s.waiting} reviews waiting (limit ${probe.maxWaiting})`)),
        (e: unknown) => void problems.push(`queue unreadable: ${message(e)}`),
      ),
    );
  }
  await Promise.all(checks);
  return problems;
}

/** A Probot server handler answering the three operations routes; false for every other path. */
export function opsHandler(options: OpsOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/health') {
      const lagMs = Math.round(options.loop.lagMs());
      json(res, lagMs > options.maxLagMs ? 503 : 200, { status: lagMs > options.maxLagMs ? 'event loop blocked' : 'ok', eventLoopLagMs: lagMs });
      return true;
    }
    if (path === '/ready') {
      const problems = await readinessProblems(options.ready, options.checkTimeoutMs);
      json(res, problems.length ? 503 : 200, problems.length ? { status: 'not ready', problems } : { status: 'ready' });
      return true;
    }
    if (path === '/metrics') {
      const body = await options.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(body);
      return true;
    }
    return false;
  };
}
