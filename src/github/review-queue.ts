// Runs reviews after the webhook is answered: bounded concurrency, newer pushes supersede older ones, redeliveries run once.
import { pullRequestKey, type ReviewRequest } from './review-request.js';

/** Does one review; `signal` aborts (with the superseding head SHA, or a `HandBack`, as its reason). */
export type ReviewProcessor = (request: ReviewRequest, signal: AbortSignal) => Promise<void>;

/**
 * The abort reason when this process stops before a review finished: the review stops at its next
 * checkpoint without completing its check run, so the queue can hand the job to another worker.
 */
export class HandBack extends Error {
  constructor() {
    super('handed back: this worker is shutting down');
  }
}

/** Counts an operator watches; `oldestAgeSeconds` is the age of the oldest review not yet finished. */
export interface QueueStats {
  waiting: number;
  running: number;
  failed: number;
  oldestAgeSeconds: number;
}

/** What the App does around the queue's decisions; every hook is optional. */
export interface QueueHooks {
  /**
   * Called once a request is accepted, before it is stored: creates the `queued` check run and
   * returns its id, which travels with the job so every later step updates the same run.
   * `lookUpFirst`: another process may have created it before it died, so an existing run with the
   * review's external id is taken instead of making a second.
   */
  announce?(request: ReviewRequest, options?: { lookUpFirst?: boolean }): Promise<number | undefined>;
  /** A waiting (never started) review was replaced by a newer head: complete its queued run. */
  dropped?(request: ReviewRequest, supersededBy: string): Promise<void>;
  /** A review failed on every attempt: complete its run with the fail-closed conclusion. */
  exhausted?(request: ReviewRequest, error: unknown): Promise<void>;
  /** A review ended (any outcome) after `seconds`. */
  finished?(request: ReviewRequest, seconds: number, outcome: 'done' | 'failed' | 'handed back'): void;
}

/** The seam between the App and where reviews wait: in this process, or in Redis for several replicas. */
export interface ReviewQueue {
  /** Queues a review; false when it is not needed (a redelivered webhook, or the same head already waiting). */
  enqueue(request: ReviewRequest): Promise<boolean>;
  /** Resolves once nothing is waiting or running (in this process's view). */
  idle(): Promise<void>;
  stats(): Promise<QueueStats>;
  /**
   * Stops taking reviews, lets running ones finish for `deadlineMs`, then hands the rest back
   * (aborting them with `HandBack`) and releases its resources.
   */
  close(deadlineMs?: number): Promise<void>;
}

export interface QueueLog {
  info(object: object, message: string): void;
  warn?(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface InProcessQueueOptions {
  /** Pull requests reviewed at the same time. */
  concurrency?: number;
  /** How many delivery ids to remember for spotting redeliveries. */
  rememberedDeliveries?: number;
  log?: QueueLog;
  hooks?: QueueHooks;
}

interface Running {
  request: ReviewRequest;
  controller: AbortController;
  done: Promise<void>;
}

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 25_000;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Resolves after `ms`, or at once when `promise` settles first; never rejects. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class InProcessReviewQueue implements ReviewQueue {
  private readonly waiting: ReviewRequest[] = [];
  private readonly running = new Map<string, Running>();
  private readonly seen = new Set<string>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly remembered: number;
  private failed = 0;
  private closed = false;
  private pumpScheduled = false;

  constructor(
    private readonly process: ReviewProcessor,
    private readonly options: InProcessQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.remembered = options.rememberedDeliveries ?? 10_000;
  }

  async enqueue(request: ReviewRequest): Promise<boolean> {
    if (this.closed) return false;
    const key = pullRequestKey(request);
    const delivery = `${request.deliveryId}\0${key}`;
    if (this.seen.has(delivery)) {
      this.options.log?.info({ deliveryId: request.deliveryId, pullRequest: key }, 'redelivered webhook ignored: this delivery is already reviewed');
      return false;
    }
    this.remember(delivery);
    if (this.waiting.some((w) => pullRequestKey(w) === key && w.headSha === request.headSha)) return false;
    const announced = { ...request, receivedAt: request.receivedAt ?? Date.now() };
    try {
      const checkRunId = await this.options.hooks?.announce?.(announced);
      if (checkRunId !== undefined) announced.checkRunId = checkRunId;
    } catch (error) {
      this.seen.delete(delivery);
      throw error;
    }
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (pullRequestKey(this.waiting[i]!) !== key) continue;
      const [dropped] = this.waiting.splice(i, 1);
      this.options.log?.info({ pullRequest: key, headSha: dropped!.headSha, supersededBy: request.headSha }, 'queued review superseded before it started');
      void this.options.hooks?.dropped?.(dropped!, request.headSha).catch((error: unknown) => this.options.log?.error({ pullRequest: key, reason: reason(error) }, 'superseded check run could not be completed'));
    }
    const active = this.running.get(key);
    if (active && active.request.headSha !== request.headSha) active.controller.abort(request.headSha);
    this.waiting.push(announced);
    this.schedulePump();
    return true;
  }

  /**
   * Starts waiting reviews after this turn of the event loop, not inside it: the webhook that queued
   * one is answered first, and so are the other webhooks of a burst that have already arrived (a
   * review's first steps, such as signing the App's token request, are work on this thread).
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): Promise<QueueStats> {
    const now = Date.now();
    const times = [...this.waiting, ...[...this.running.values()].map((r) => r.request)].map((r) => r.receivedAt ?? now);
    return Promise.resolve({ waiting: this.waiting.length, running: this.running.size, failed: this.failed, oldestAgeSeconds: times.length ? (now - Math.min(...times)) / 1000 : 0 });
  }

  /**
   * Waiting reviews are dropped (their check runs stay `queued`; recovery at the next start finds
   * them); running ones get `deadlineMs` to finish, then are aborted with `HandBack`.
   */
  async close(deadlineMs = DEFAULT_SHUTDOWN_DEADLINE_MS): Promise<void> {
    this.closed = true;
    const left = this.waiting.splice(0);
    if (left.length > 0) this.options.log?.info({ reviews: left.length }, 'queued reviews left for recovery: this process is shutting down');
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    if (await settleWithin(all(), deadlineMs)) return;
    for (const r of this.running.values()) r.controller.abort(new HandBack());
    await settleWithin(all(), 2_000);
  }

  private remember(delivery: string): void {
    this.seen.add(delivery);
    if (this.seen.size > this.remembered) this.seen.delete(this.seen.values().next().value!);
  }

  /** Starts waiting reviews while there is room; a pull request already under review waits its turn. */
  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency) {
      const index = this.waiting.findIndex((w) => !this.running.has(pullRequestKey(w)));
      if (index === -1) break;
      const [request] = this.waiting.splice(index, 1);
      this.start(request!);
    }
    if (this.waiting.length === 0 && this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private start(request: ReviewRequest): void {
    const key = pullRequestKey(request);
    const controller = new AbortController();
    const started = Date.now();
    const done = this.process(request, controller.signal)
      .then(
        () => this.options.hooks?.finished?.(request, (Date.now() - started) / 1000, 'done'),
        async (error: unknown) => {
          if (error instanceof HandBack) {
            this.options.hooks?.finished?.(request, (Date.now() - started) / 1000, 'handed back');
            return;
          }
          this.failed++;
          this.options.log?.error({ pullRequest: key, headSha: request.headSha, reason: reason(error) }, 'review failed');
          this.options.hooks?.finished?.(request, (Date.now() - started) / 1000, 'failed');
          await this.options.hooks?.exhausted?.(request, error).catch((e: unknown) => this.options.log?.error({ pullRequest: key, reason: reason(e) }, 'failed review\'s check run could not be completed'));
        },
      )
      .finally(() => {
        this.running.delete(key);
        this.pump();
      });
    this.running.set(key, { request, controller, done });
  }
}
