// Runs reviews after the webhook is answered: bounded concurrency, newer pushes supersede older ones, redeliveries run once.
import { pullRequestKey, type ReviewRequest } from './review-request.js';

/** Does one review; `signal` aborts (with the superseding head SHA as its reason) when a newer push arrives. */
export type ReviewProcessor = (request: ReviewRequest, signal: AbortSignal) => Promise<void>;

/** The seam for a durable (e.g. Redis-backed) queue: requests are plain data. */
export interface ReviewQueue {
  /** Queues a review; false when it is not needed (a redelivered webhook, or the same head already waiting). */
  enqueue(request: ReviewRequest): boolean;
  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void>;
}

export interface QueueLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface InProcessQueueOptions {
  /** Pull requests reviewed at the same time. */
  concurrency?: number;
  /** How many delivery ids to remember for spotting redeliveries. */
  rememberedDeliveries?: number;
  log?: QueueLog;
}

interface Running {
  request: ReviewRequest;
  controller: AbortController;
}

export class InProcessReviewQueue implements ReviewQueue {
  private readonly waiting: ReviewRequest[] = [];
  private readonly running = new Map<string, Running>();
  private readonly seen = new Set<string>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly remembered: number;

  constructor(
    private readonly process: ReviewProcessor,
    private readonly options: InProcessQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.remembered = options.rememberedDeliveries ?? 10_000;
  }

  enqueue(request: ReviewRequest): boolean {
    const key = pullRequestKey(request);
    const delivery = `${request.deliveryId}\0${key}`;
    if (this.seen.has(delivery)) {
      this.options.log?.info({ deliveryId: request.deliveryId, pullRequest: key }, 'redelivered webhook ignored: this delivery is already reviewed');
      return false;
    }
    this.remember(delivery);
    if (this.waiting.some((w) => pullRequestKey(w) === key && w.headSha === request.headSha)) return false;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (pullRequestKey(this.waiting[i]!) !== key) continue;
      const [dropped] = this.waiting.splice(i, 1);
      this.options.log?.info({ pullRequest: key, headSha: dropped!.headSha, supersededBy: request.headSha }, 'queued review superseded before it started');
    }
    const active = this.running.get(key);
    if (active && active.request.headSha !== request.headSha) active.controller.abort(request.headSha);
    this.waiting.push(request);
    this.pump();
    return true;
  }

  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private remember(delivery: string): void {
    this.seen.add(delivery);
    if (this.seen.size > this.remembered) this.seen.delete(this.seen.values().next().value!);
  }

  /** Starts waiting reviews while there is room; a pull request already under review waits its turn. */
  private pump(): void {
    while (this.running.size < this.concurrency) {
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
    this.running.set(key, { request, controller });
    void this.process(request, controller.signal)
      .catch((error: unknown) => this.options.log?.error({ pullRequest: key, headSha: request.headSha, reason: error instanceof Error ? error.message : String(error) }, 'review failed'))
      .finally(() => {
        this.running.delete(key);
        this.pump();
      });
  }
}
