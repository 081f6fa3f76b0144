// The durable review queue for several replicas: BullMQ jobs in Redis, one per pull request head, superseded across processes.
import { randomUUID } from 'node:crypto';
import { Queue, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_SHUTDOWN_DEADLINE_MS, HandBack, settleWithin, type QueueHooks, type QueueLog, type QueueStats, type ReviewProcessor, type ReviewQueue } from './review-queue.js';
import { pullRequestKey, type ReviewRequest } from './review-request.js';

export interface RedisQueueOptions {
  /** redis://host:port/db */
  url: string;
  /** Namespace of every key this queue writes; tests use their own. */
  prefix?: string;
  /** Reviews this process runs at the same time. */
  concurrency?: number;
  /** false: this process only enqueues (the web role); workers elsewhere run the reviews. */
  work?: boolean;
  /** Attempts per review before the fail-closed conclusion (a crash that leaves a job stalled does not count). */
  attempts?: number;
  /** First retry delay; each further retry waits twice as long. */
  backoffMs?: number;
  /** How long a worker holds a job without renewing its lock; a killed worker's job moves on after this. */
  lockMs?: number;
  /** How long a delivery id is remembered (GitHub redelivers for up to 3 days). */
  deliveryTtlSeconds?: number;
  log?: QueueLog;
  hooks?: QueueHooks;
}

/** What recovery sees of a job the queue accepted and has not finished. */
export interface LedgerEntry {
  jobId: string;
  request: ReviewRequest;
  /** Whether BullMQ still holds the job (waiting, delayed or running). */
  held: boolean;
  /** How many times recovery already re-enqueued it. */
  recoveries: number;
}

const QUEUE_NAME = 'reviews';
const HEAD_TTL_SECONDS = 30 * 24 * 3600;
/**
 * How long a claim to create a job's check run holds while the create is under way (it waits in the
 * installation's write lane, a second per write). A process that dies mid-create is noticed sooner, by
 * its liveness key (LIVENESS_SECONDS); this bound is the last resort when even that key was never written.
 */
const RUN_CLAIM_SECONDS = 600;
const CREATING = 'creating';
/**
 * Each queue says it is alive in Redis (a key refreshed every LIVENESS_REFRESH_MS, gone LIVENESS_SECONDS
 * after its process dies), so a worker waiting on a claim `creating:<owner>` whose owner is gone takes
 * the claim over at once instead of waiting RUN_CLAIM_SECONDS.
 */
const LIVENESS_SECONDS = 10;
const LIVENESS_REFRESH_MS = 3_000;
/** Replaces a claim only if it still holds what the caller saw. */
const REPLACE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end return 0`;
/** How often a worker looks whether the run another process is creating exists yet. */
const RUN_POLL_MS = 100;
const HELD_STATES = new Set(['waiting', 'delayed', 'prioritized', 'active', 'waiting-children']);

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** BullMQ job ids may not contain ':'; pull request keys never do. */
export const reviewJobId = (request: Pick<ReviewRequest, 'owner' | 'repo' | 'number' | 'headSha'>) => `${pullRequestKey(request)}@${request.headSha}`;

interface Active {
  key: string;
  headSha: string;
  controller: AbortController;
}

interface Stored {
  request: ReviewRequest;
  recoveries?: number;
}

export class RedisReviewQueue implements ReviewQueue {
  /** For this queue's own keys and for recovery's locks. */
  readonly redis: Redis;
  readonly prefix: string;
  private readonly subscriber: Redis | undefined;
  /** Connections handed to BullMQ, which leaves closing them to their owner. */
  private readonly bullConnections: Redis[] = [];
  private readonly queue: Queue<ReviewRequest>;
  private readonly worker: Worker<ReviewRequest> | undefined;
  private readonly active = new Map<string, Active>();
  /** Check runs being created for jobs accepted here, which close() lets finish. */
  private readonly announcing = new Set<Promise<unknown>>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly deliveryTtl: number;
  /** This queue's name in run claims (`creating:<owner>`) and its liveness key. */
  private readonly owner = randomUUID();
  private readonly liveness: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly process: ReviewProcessor,
    private readonly options: RedisQueueOptions,
  ) {
    this.prefix = options.prefix ?? 'readiness';
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 10_000;
    this.deliveryTtl = options.deliveryTtlSeconds ?? 3 * 24 * 3600;
    // Commands fail after one reconnection attempt while Redis is away, so a webhook is answered 500
    // (GitHub records a failed delivery, which the catch-up asks for again) rather than hanging.
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.queue = new Queue<ReviewRequest>(QUEUE_NAME, { connection: this.connection({ maxRetriesPerRequest: 1 }), prefix: this.prefix });
    this.queue.on('error', (error) => options.log?.error({ reason: reason(error) }, 'review queue: Redis error'));
    const alive = () => void this.redis.set(this.aliveKey(this.owner), '1', 'EX', LIVENESS_SECONDS).catch(() => undefined);
    alive();
    this.liveness = setInterval(alive, LIVENESS_REFRESH_MS);
    this.liveness.unref();
    if (options.work === false) return;
    const lockMs = options.lockMs ?? 30_000;
    this.subscriber = new Redis(options.url, { maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.onSuperseded(message));
    void this.subscriber.subscribe(this.channel).catch((error: unknown) => options.log?.error({ reason: reason(error) }, 'review queue: cannot subscribe to supersession notices'));
    this.worker = new Worker<ReviewRequest>(QUEUE_NAME, (job, token) => this.run(job, token), {
      connection: this.connection({ maxRetriesPerRequest: null }),
      prefix: this.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: lockMs,
      stalledInterval: Math.max(1_000, Math.floor(lockMs / 2)),
      maxStalledCount: 3,
    });
    this.worker.on('error', (error) => options.log?.error({ reason: reason(error) }, 'review worker: Redis error'));
  }

  private connection(settings: { maxRetriesPerRequest: number | null }): Redis {
    const client = new Redis(this.options.url, settings);
    client.on('error', () => undefined);
    this.bullConnections.push(client);
    return client;
  }

  private get channel(): string {
    return `${this.prefix}:superseded`;
  }
  private headKey(key: string): string {
    return `${this.prefix}:head:${key}`;
  }
  private get ledgerKey(): string {
    return `${this.prefix}:unfinished`;
  }
  /** The job's check run: `creating:<owner>` while one process creates it, then its id. */
  private runKey(jobId: string): string {
    return `${this.prefix}:run:${jobId}`;
  }
  private aliveKey(owner: string): string {
    return `${this.prefix}:alive:${owner}`;
  }

  /**
   * The job's `queued` check run, created once whoever asks first: the process that accepted the
   * webhook, right after answering it, or the worker that takes the job (which waits while another
   * process is creating it). Returns undefined without the announce hook, or when `wait` is false
   * and another process has the claim.
   */
  private async announce(jobId: string, request: ReviewRequest, wait: boolean): Promise<number | undefined> {
    const hooks = this.options.hooks;
    if (!hooks?.announce) return undefined;
    const key = this.runKey(jobId);
    const mine = `${CREATING}:${this.owner}`;
    for (;;) {
      let claimed = (await this.redis.set(key, mine, 'EX', RUN_CLAIM_SECONDS, 'NX')) === 'OK';
      // Taken over from a process that died mid-create: its run may exist, so it is looked up first.
      let takenOver = false;
      if (!claimed) {
        const value = await this.redis.get(key);
        if (value !== null && !value.startsWith(CREATING)) return Number(value);
        if (value === null) continue;
        if (!wait) return undefined;
        const owner = value.slice(CREATING.length + 1);
        if (owner && (await this.redis.exists(this.aliveKey(owner))) === 0) {
          claimed = (await this.redis.eval(REPLACE_CLAIM, 1, key, value, mine, String(RUN_CLAIM_SECONDS))) === 1;
          takenOver = claimed;
          if (takenOver) this.options.log?.warn?.({ jobId, previousOwner: owner }, 'check run claim of a process that is gone taken over');
        }
        if (!claimed) {
          await new Promise((resolve) => setTimeout(resolve, RUN_POLL_MS));
          continue;
        }
      }
      let id: number | undefined;
      try {
        id = await hooks.announce(request, { lookUpFirst: takenOver });
      } catch (error) {
        await this.redis.del(key).catch(() => undefined);
        throw error;
      }
      if (id === undefined) {
        await this.redis.del(key);
        return undefined;
      }
      await this.redis.set(key, String(id), 'EX', HEAD_TTL_SECONDS);
      // Recovery reads the ledger: it must know the run to complete it.
      const stored = await this.redis.hget(this.ledgerKey, jobId);
      if (stored) await this.redis.hset(this.ledgerKey, jobId, JSON.stringify({ ...(JSON.parse(stored) as Stored), request: { ...request, checkRunId: id } }));
      return id;
    }
  }

  /** The job's check run id, if it was created. */
  private async knownRun(jobId: string, request: ReviewRequest): Promise<ReviewRequest> {
    if (request.checkRunId !== undefined) return request;
    const value = await this.redis.get(this.runKey(jobId));
    return value !== null && !value.startsWith(CREATING) ? { ...request, checkRunId: Number(value) } : request;
  }

  async enqueue(request: ReviewRequest): Promise<boolean> {
    if (this.closed) return false;
    const key = pullRequestKey(request);
    const claim = `${this.prefix}:delivery:${request.deliveryId}:${key}`;
    if ((await this.redis.set(claim, '1', 'EX', this.deliveryTtl, 'NX')) !== 'OK') {
      this.options.log?.info({ deliveryId: request.deliveryId, pullRequest: key }, 'redelivered webhook ignored: this delivery is already reviewed');
      return false;
    }
    try {
      const jobId = reviewJobId(request);
      const existing = await this.queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        // The same head waiting or under review already: this request adds nothing.
        if (HELD_STATES.has(state)) return false;
        await this.queue.remove(jobId);
      }
      const accepted: ReviewRequest = { ...request, receivedAt: request.receivedAt ?? Date.now() };
      const previous = await this.redis.set(this.headKey(key), request.headSha, 'EX', HEAD_TTL_SECONDS, 'GET');
      // Stored before any API call, so the webhook is answered at once: the `queued` run is created
      // after, and a job whose run never was (the process died, GitHub refused) gets it from its worker.
      await this.redis.del(this.runKey(jobId));
      await this.store(jobId, { request: accepted });
      if (previous && previous !== request.headSha) await this.supersede(key, previous, request.headSha);
      const announcing = this.announce(jobId, accepted, false).catch((error: unknown) =>
        this.options.log?.warn?.({ pullRequest: key, headSha: request.headSha, reason: reason(error) }, 'queued check run not created on receipt: the worker creates it'),
      );
      this.announcing.add(announcing);
      void announcing.finally(() => this.announcing.delete(announcing));
      return true;
    } catch (error) {
      // Let GitHub's redelivery (or the catch-up) try again: the claim is released.
      await this.redis.del(claim).catch(() => undefined);
      throw error;
    }
  }

  /** Adds (or re-adds, from recovery) the job and records it as unfinished. */
  private async store(jobId: string, stored: Stored): Promise<void> {
    await this.redis.hset(this.ledgerKey, jobId, JSON.stringify(stored));
    await this.queue.add('review', stored.request, {
      jobId,
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    });
  }

  /** Drops the older head's job if it is still waiting; a running one is told to stop on every replica. */
  private async supersede(key: string, previousSha: string, headSha: string): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ key, headSha }));
    const oldId = `${key}@${previousSha}`;
    const old = await this.queue.getJob(oldId);
    if (!old || !(await old.isWaiting() || await old.isDelayed())) return;
    if ((await this.queue.remove(oldId)) !== 1) return;
    await this.redis.hdel(this.ledgerKey, oldId);
    this.options.log?.info({ pullRequest: key, headSha: previousSha, supersededBy: headSha }, 'queued review superseded before it started');
    await this.options.hooks?.dropped?.(await this.knownRun(oldId, old.data), headSha);
  }

  private onSuperseded(message: string): void {
    let notice: { key?: unknown; headSha?: unknown };
    try {
      notice = JSON.parse(message) as typeof notice;
    } catch {
      return;
    }
    for (const a of this.active.values()) if (a.key === notice.key && a.headSha !== notice.headSha) a.controller.abort(String(notice.headSha));
  }

  private async run(job: Job<ReviewRequest>, token: string | undefined): Promise<void> {
    const key = pullRequestKey(job.data);
    const jobId = job.id ?? reviewJobId(job.data);
    const current = await this.redis.get(this.headKey(key));
    if (current && current !== job.data.headSha) {
      // Superseded while waiting (the remove lost a race with this worker): close its queued run.
      await this.options.hooks?.dropped?.(await this.knownRun(jobId, job.data), current);
      await this.redis.hdel(this.ledgerKey, jobId);
      return;
    }
    let request = job.data;
    const controller = new AbortController();
    this.active.set(jobId, { key, headSha: request.headSha, controller });
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    try {
      // The run created on receipt, or created now if it never was: an accepted job always gets one.
      request = await this.knownRun(jobId, request);
      const checkRunId = request.checkRunId ?? (await this.announce(jobId, request, true));
      if (checkRunId !== undefined) request = { ...request, checkRunId };
      await this.process(request, controller.signal);
      await this.redis.hdel(this.ledgerKey, jobId);
      this.options.hooks?.finished?.(request, seconds(), 'done');
    } catch (error) {
      if (error instanceof HandBack) {
        this.options.hooks?.finished?.(request, seconds(), 'handed back');
        this.options.log?.info({ pullRequest: key, headSha: request.headSha }, 'review handed back to the queue: this worker is shutting down');
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.options.log?.error({ pullRequest: key, headSha: request.headSha, attempt: job.attemptsMade + 1, of: job.opts.attempts ?? 1, reason: reason(error) }, 'review failed');
      this.options.hooks?.finished?.(request, seconds(), 'failed');
      if (last) {
        await this.options.hooks?.exhausted?.(request, error).catch((e: unknown) => this.options.log?.error({ pullRequest: key, reason: reason(e) }, "failed review's check run could not be completed"));
        await this.redis.hdel(this.ledgerKey, jobId);
      }
      throw error;
    } finally {
      this.active.delete(jobId);
    }
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
    const now = Date.now();
    let oldest = now;
    for (const value of await this.redis.hvals(this.ledgerKey)) {
      const at = (JSON.parse(value) as Stored).request.receivedAt;
      if (at !== undefined && at < oldest) oldest = at;
    }
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
      running: counts.active ?? 0,
      failed: counts.failed ?? 0,
      oldestAgeSeconds: (now - oldest) / 1000,
    };
  }

  /** Jobs accepted and not finished, with whether BullMQ still holds them, for recovery. */
  async unfinished(): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    for (const [jobId, value] of Object.entries(await this.redis.hgetall(this.ledgerKey))) {
      const stored = JSON.parse(value) as Stored;
      const job = await this.queue.getJob(jobId);
      const held = job ? HELD_STATES.has(await job.getState()) : false;
      entries.push({ jobId, request: stored.request, held, recoveries: stored.recoveries ?? 0 });
    }
    return entries;
  }

  /** The head SHA most recently queued for the pull request, if any. */
  currentHead(request: ReviewRequest): Promise<string | null> {
    return this.redis.get(this.headKey(pullRequestKey(request)));
  }

  /** Puts an unfinished review back in the queue (its check run id travels with it). */
  async requeue(entry: LedgerEntry): Promise<void> {
    await this.queue.remove(entry.jobId);
    await this.store(entry.jobId, { request: entry.request, recoveries: entry.recoveries + 1 });
  }

  /** Stops tracking a review recovery has completed. */
  async forget(entry: LedgerEntry): Promise<void> {
    await this.redis.hdel(this.ledgerKey, entry.jobId);
  }

  /** True when this process took the named cluster-wide lock for `ms` (released by expiry). */
  async lock(name: string, ms: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:lock:${name}`, String(process.pid), 'PX', ms, 'NX')) === 'OK';
  }

  /** Releases a lock this process took (a pass that finished early lets the next one run on time). */
  async unlock(name: string): Promise<void> {
    const key = `${this.prefix}:lock:${name}`;
    if ((await this.redis.get(key)) === String(process.pid)) await this.redis.del(key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(deadlineMs = DEFAULT_SHUTDOWN_DEADLINE_MS): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.liveness);
    // A claim left `creating` would make workers wait for it: runs under way here are let finish.
    await settleWithin(Promise.allSettled([...this.announcing]), deadlineMs);
    if (this.worker) {
      const closing = this.worker.close();
      if (!(await settleWithin(closing, deadlineMs))) {
        for (const a of this.active.values()) a.controller.abort(new HandBack());
        await settleWithin(closing, 5_000);
      }
    }
    await this.queue.close().catch(() => undefined);
    await this.redis.del(this.aliveKey(this.owner)).catch(() => undefined);
    for (const client of [this.subscriber, this.redis, ...this.bullConnections]) await client?.quit().catch(() => undefined);
  }
}
