// Retries for GitHub API calls: rate limits (429, secondary 403) and server errors, a timeout on every request, one deadline per review.
import type { GitHubApi, RestResponse } from './client.js';

/** An API failure in the user's words, without request or response bodies. */
export function describeFailure(error: unknown): string {
  if (error instanceof DeadlineExceeded) return error.message;
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  const short = message.split('\n')[0]!.replace(/\s+-\s+https:\/\/docs\.github\.com\S*/, '').slice(0, 300);
  return typeof status === 'number' ? `GitHub answered ${status} (${short})` : short;
}

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  /** Longest one request may take before it is aborted and tried again. */
  requestTimeoutMs: number;
  /** First backoff wait when GitHub gives no hint; doubled per try, with jitter. */
  backoffMs: number;
  /** Longest single wait honoured; a `retry-after` beyond it (or beyond the deadline) ends the retries. */
  maxWaitMs: number;
  /** The whole review's time: past it, no request starts and the review fails closed. */
  reviewDeadlineMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  requestTimeoutMs: 20_000,
  backoffMs: 1_000,
  maxWaitMs: 120_000,
  reviewDeadlineMs: 10 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: () => Math.random(),
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** Thrown instead of starting a request once the review's time is up. */
export class DeadlineExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`the review did not finish within ${Math.round(limitMs / 1000)} s`);
  }
}

/** The point in time a review must be done by. */
export class Deadline {
  private readonly end: number;

  constructor(
    readonly limitMs: number,
    private readonly now: () => number,
  ) {
    this.end = now() + limitMs;
  }

  remaining(): number {
    return Math.max(0, this.end - this.now());
  }

  check(): void {
    if (this.remaining() <= 0) throw new DeadlineExceeded(this.limitMs);
  }
}

interface ErrorShape {
  status?: unknown;
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

const header = (error: ErrorShape, name: string): string | undefined => {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
};

function messageOf(error: ErrorShape): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return `${typeof error.message === 'string' ? error.message : ''} ${typeof data?.message === 'string' ? data.message : ''}`;
}

/** A 403 that is GitHub's secondary (or primary) rate limit rather than a missing permission. */
export function isRateLimit403(error: unknown): boolean {
  const e = error as ErrorShape;
  if (e.status !== 403) return false;
  return header(e, 'retry-after') !== undefined || header(e, 'x-ratelimit-remaining') === '0' || /secondary rate limit|rate limit exceeded|abuse detection/i.test(messageOf(e));
}

/** Aborted by our own per-request timeout, or dropped by the network before GitHub answered. */
function isTransport(error: ErrorShape): boolean {
  if (typeof error.status === 'number' && error.status >= 100) return false;
  const names = [error.name, (error.cause as ErrorShape | undefined)?.name, error.code, (error.cause as ErrorShape | undefined)?.code].map(String);
  if (names.some((n) => /AbortError|TimeoutError|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR/.test(n))) return true;
  return /fetch failed|socket hang up|network|aborted|timed? ?out/i.test(messageOf(error));
}

/** A GraphQL answer of 200 whose errors say "rate limited" or "try again". */
function isRetryableGraphqlError(error: ErrorShape): boolean {
  const errors = error.errors;
  return Array.isArray(errors) && errors.length > 0 && errors.some((x: { type?: unknown }) => x.type === 'RATE_LIMITED' || x.type === 'SERVICE_UNAVAILABLE' || x.type === 'TIMEOUT');
}

export interface RetryKinds {
  /** Retry any 403 (the completion of a check run: giving up leaves it in progress forever). */
  any403?: boolean;
}

/** Whether another try may succeed. */
export function isRetryable(error: unknown, kinds: RetryKinds = {}): boolean {
  const e = (error ?? {}) as ErrorShape;
  if (error instanceof DeadlineExceeded) return false;
  if (error instanceof RequestTimeout) return true;
  const status = e.status;
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) return true;
  if (status === 403) return kinds.any403 === true || isRateLimit403(error);
  return isTransport(e) || isRetryableGraphqlError(e);
}

/**
 * How long to wait before try `attempt + 1` (attempt counts from 1): `retry-after` seconds when GitHub
 * sends it, the `x-ratelimit-reset` time when the limit is spent, else exponential backoff with jitter.
 */
export function retryWait(error: unknown, attempt: number, policy: Pick<RetryPolicy, 'backoffMs' | 'now' | 'random'>): number {
  const e = (error ?? {}) as ErrorShape;
  const after = header(e, 'retry-after');
  if (after !== undefined) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - policy.now());
  }
  const reset = header(e, 'x-ratelimit-reset');
  if (reset !== undefined && header(e, 'x-ratelimit-remaining') === '0' && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - policy.now()) + 1000;
  const base = policy.backoffMs * 2 ** (attempt - 1);
  return Math.round(base / 2 + policy.random() * base);
}

export interface RetryContext {
  policy: RetryPolicy;
  /** Absent for the writes that must land whatever time the review took (the check run's completion). */
  deadline?: Deadline;
  kinds?: RetryKinds;
  /** Called before every retry, with what failed (for logs and counters). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

/** Thrown when one request took longer than the per-request timeout. */
export class RequestTimeout extends Error {
  override readonly name = 'TimeoutError';

  constructor(readonly ms: number) {
    super(`GitHub did not answer within ${Math.round(ms / 1000)} s`);
  }
}

/**
 * Runs one request under the per-request timeout (shortened to what is left of the deadline): its
 * signal aborts the request, and the wait ends at the timeout even if the transport ignores the signal.
 */
function timed<T>(call: (signal: AbortSignal) => Promise<T>, ctx: RetryContext): Promise<T> {
  const left = ctx.deadline ? ctx.deadline.remaining() : Infinity;
  const ms = Math.max(1, Math.min(ctx.policy.requestTimeoutMs, left));
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RequestTimeout(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const running = call(controller.signal);
  running.catch(() => undefined);
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}

/**
 * Runs `call` (given a signal that aborts it after the per-request timeout) until it succeeds, fails in
 * a way another try cannot mend, runs out of tries, or would wait past the deadline. `beforeRetry`
 * may answer instead of a retry (a write that landed although its answer was lost).
 */
export async function withRetries<T>(call: (signal: AbortSignal) => Promise<T>, ctx: RetryContext, beforeRetry?: () => Promise<T | undefined>): Promise<T> {
  const { policy } = ctx;
  for (let attempt = 1; ; attempt++) {
    ctx.deadline?.check();
    try {
      return await timed(call, ctx);
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error, ctx.kinds)) throw error;
      const wait = retryWait(error, attempt, policy);
      if (wait > policy.maxWaitMs) throw error;
      if (ctx.deadline && wait >= ctx.deadline.remaining()) throw new DeadlineExceeded(ctx.deadline.limitMs);
      ctx.onRetry?.(error, attempt, wait);
      await policy.sleep(wait);
      if (beforeRetry) {
        ctx.deadline?.check();
        const landed = await beforeRetry();
        if (landed !== undefined) return landed;
      }
    }
  }
}

/** GraphQL mutations other than resolving threads are not ours to repeat blindly. */
const idempotentGraphql = (query: string) => !/^\s*mutation\b/.test(query) || /^\s*mutation\b[^{]*\{\s*r0: resolveReviewThread\b/.test(query);

/** Writes that create something: repeated only by callers that first look for what the lost try made. */
export const CREATING_ROUTES: ReadonlySet<string> = new Set(['POST /repos/{owner}/{repo}/check-runs', 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews']);

/**
 * `api` with every idempotent request retried under `ctx`, and every request (creating ones too) given
 * the per-request timeout and checked against the deadline.
 */
export function retryingApi(api: GitHubApi, ctx: RetryContext): GitHubApi {
  return {
    request<T>(route: string, params: Record<string, unknown> = {}): Promise<RestResponse<T>> {
      const call = (signal: AbortSignal) => api.request<T>(route, { ...params, request: { ...(params.request as object | undefined), signal } });
      if (CREATING_ROUTES.has(route)) {
        ctx.deadline?.check();
        return timed(call, ctx);
      }
      return withRetries(call, ctx);
    },
    graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const call = (signal: AbortSignal) => api.graphql<T>(query, { ...variables, request: { signal } });
      if (!idempotentGraphql(query)) {
        ctx.deadline?.check();
        return timed(call, ctx);
      }
      return withRetries(call, ctx);
    },
  };
}
