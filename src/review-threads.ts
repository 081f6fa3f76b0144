// Runs the review engine (the checks over a change set) on worker threads, so the thread that answers webhooks and /health never computes a review.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checks as allChecks } from '../checks/index.js';
import type { ReadinessConfig } from './config/config.js';
import type { Check } from './engine/define-check.js';
import { runReview, type PipelineResult, type RunReview } from './engine/pipeline.js';
import type { ChangeSet, FileContent } from './model/change-set.js';

/** A promise's outcome, as it crosses threads. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: WireError };

export interface WireError {
  message: string;
  name?: string;
  status?: number;
}

/** Main thread to worker. */
export type ToWorker =
  | {
      type: 'review';
      job: number;
      checkIds: string[];
      config: ReadinessConfig;
      exclude?: string[];
      ignoreFile?: { trusted: Settled<FileContent | null>; proposed?: Settled<FileContent | null> };
      change: Pick<ChangeSet, 'base' | 'head' | 'files' | 'restored'>;
    }
  | { type: 'content'; job: number; results: Array<{ read: number } & Settled<FileContent | string[] | null>> };

/** A read a review thread asks of the main thread: a file's content, or (`list`) the files of a folder. */
export interface WorkerRead {
  read: number;
  side: 'head' | 'base';
  path: string;
  list?: true;
}

/** What the main thread answers a WorkerRead with, from the review's change set. */
export function answerRead(change: ChangeSet, r: WorkerRead): Promise<FileContent | string[] | null> {
  if (r.list) return change.list ? change.list(r.path, r.side) : Promise.resolve(null);
  return r.side === 'head' ? change.readHead(r.path) : change.readBase(r.path);
}

/** Worker to main thread. */
export type FromWorker =
  | { type: 'read'; job: number; reads: WorkerRead[] }
  | { type: 'done'; job: number; result: PipelineResult }
  | { type: 'failed'; job: number; error: WireError };

export const wireError = (error: unknown): WireError => {
  const e = error as { name?: unknown; status?: unknown };
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(typeof e?.name === 'string' ? { name: e.name } : {}),
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
  };
};

export const fromWire = (wire: WireError): Error => Object.assign(new Error(wire.message), wire.name ? { name: wire.name } : {}, wire.status !== undefined ? { status: wire.status } : {});

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: wireError(error) };
  }
}

/** Threads a server reviews on by default: the cores but one (left to the webhooks), at least 1, at most 4. */
export const defaultReviewThreads = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

/**
 * The worker: the built file next to this one under dist/ (`npm start`), or, when this module runs
 * from its TypeScript source (tests, `tsx`), the source file, loaded after tsx registers its hooks in
 * the new thread (a worker inherits no loader hooks, and Node 20 ignores `--import` in its execArgv).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./review-worker.js', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const source = new URL('./review-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`, { eval: true });
}

interface Job {
  change: ChangeSet;
  resolve(result: PipelineResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * A fixed set of worker threads that each run the checks of the reviews given to them. The change set
 * (files, hunks, lines) is copied to the thread; content a check reads is asked of this thread, which
 * owns the GitHub client (its pacing, retries and deadline), in batches. A thread that dies fails its
 * reviews (each fails closed through the usual path) and is replaced.
 *
 * Only the checks this project ships can cross: a worker builds them from its own registry by id.
 * A review given any other check (tests pass their own) runs on the calling thread.
 */
export class ReviewThreads {
  private readonly slots: Slot[] = [];
  private readonly registry: ReadonlyMap<string, Check>;
  private nextJob = 0;
  private closed = false;

  constructor(
    readonly size: number = defaultReviewThreads(),
    registry: readonly Check[] = allChecks,
  ) {
    this.registry = new Map(registry.map((c) => [c.id, c]));
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), jobs: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    const fail = (error: Error) => {
      for (const job of slot.jobs.values()) job.reject(new Error(`the review thread stopped: ${error.message}`));
      slot.jobs.clear();
      const index = this.slots.indexOf(slot);
      if (index !== -1 && !this.closed) this.slots[index] = this.spawn();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`exit code ${code}`));
    });
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.jobs.get(message.job);
    if (!job) return;
    if (message.type === 'read') {
      void Promise.all(
        message.reads.map(async (r) => ({ read: r.read, ...(await settle(answerRead(job.change, r))) })),
      ).then((results) => {
        if (slot.jobs.has(message.job)) slot.worker.postMessage({ type: 'content', job: message.job, results } satisfies ToWorker);
      });
      return;
    }
    slot.jobs.delete(message.job);
    if (slot.jobs.size === 0) slot.worker.unref();
    if (message.type === 'done') job.resolve(message.result);
    else job.reject(fromWire(message.error));
  }

  /** runReview on the least busy thread (on this thread when a check is not one of the registry's). */
  readonly run: RunReview = async (change, checks, config, options = {}) => {
    if (this.closed || !checks.every((c) => this.registry.get(c.id) === c)) return runReview(change, checks, config, options);
    const ignoreFile = options.ignoreFile
      ? { trusted: await settle(options.ignoreFile.trusted), ...(options.ignoreFile.proposed ? { proposed: await settle(options.ignoreFile.proposed) } : {}) }
      : undefined;
    const slot = this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const job = ++this.nextJob;
    return new Promise<PipelineResult>((resolve, reject) => {
      slot.jobs.set(job, { change, resolve, reject });
      // A thread with work keeps the process alive; an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({
        type: 'review',
        job,
        checkIds: checks.map((c) => c.id),
        config,
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ...(ignoreFile ? { ignoreFile } : {}),
        change: { base: change.base, head: change.head, files: change.files, ...(change.restored ? { restored: change.restored } : {}) },
      } satisfies ToWorker);
    });
  };

  /** Reviews in flight on the threads. */
  get running(): number {
    return this.slots.reduce((n, s) => n + s.jobs.size, 0);
  }

  /** Ends the threads; reviews still on them fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        for (const job of slot.jobs.values()) job.reject(new Error('the review threads were closed'));
        slot.jobs.clear();
        await slot.worker.terminate();
      }),
    );
  }
}
