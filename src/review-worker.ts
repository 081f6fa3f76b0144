// A review thread (see review-threads.ts): runs the checks of the change sets it is given; file content comes from the main thread.
import { parentPort } from 'node:worker_threads';
import { checks as allChecks } from '../checks/index.js';
import { runReview } from './engine/pipeline.js';
import type { ChangeSet, FileContent } from './model/change-set.js';
import { fromWire, wireError, type FromWorker, type Settled, type ToWorker, type WorkerRead } from './review-threads.js';

const port = parentPort!;
const registry = new Map(allChecks.map((c) => [c.id, c]));
const post = (message: FromWorker) => port.postMessage(message);

interface Pending {
  resolve(content: FileContent | string[] | null): void;
  reject(error: Error): void;
}

const pending = new Map<number, Map<number, Pending>>();
let nextRead = 0;

/** The promise again; a rejection is marked handled here, as the main thread's early reads are (the review awaits it later). */
function revive<T>(settled: Settled<T>): Promise<T> {
  const promise = settled.ok ? Promise.resolve(settled.value) : Promise.reject(fromWire(settled.error));
  promise.catch(() => undefined);
  return promise;
}

/** A change set whose reads (and folder lists) are asked of the main thread, gathered into one message per turn of this thread's loop. */
function remoteChangeSet(job: number, change: Pick<ChangeSet, 'base' | 'head' | 'files' | 'restored'>): ChangeSet {
  const waiting = new Map<number, Pending>();
  pending.set(job, waiting);
  let batch: WorkerRead[] = [];
  const ask = (read: Omit<WorkerRead, 'read'>) =>
    new Promise<FileContent | string[] | null>((resolve, reject) => {
      const id = ++nextRead;
      waiting.set(id, { resolve, reject });
      if (batch.length === 0)
        setImmediate(() => {
          const reads = batch;
          batch = [];
          post({ type: 'read', job, reads });
        });
      batch.push({ read: id, ...read });
    });
  const read = async (side: 'head' | 'base', path: string) => (await ask({ side, path })) as FileContent | null;
  const list = async (dir: string, side: 'head' | 'base') => (await ask({ side, path: dir, list: true })) as string[] | null;
  return { ...change, readHead: (path) => read('head', path), readBase: (path) => read('base', path), list };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'content') {
    const waiting = pending.get(message.job);
    for (const r of message.results) {
      const p = waiting?.get(r.read);
      if (!p) continue;
      waiting!.delete(r.read);
      if (r.ok) p.resolve(r.value);
      else p.reject(fromWire(r.error));
    }
    return;
  }
  const { job } = message;
  void (async () => {
    try {
      const checks = message.checkIds.map((id) => {
        const check = registry.get(id);
        if (!check) throw new Error(`the review thread has no check ${id}`);
        return check;
      });
      const ignoreFile = message.ignoreFile ? { trusted: revive(message.ignoreFile.trusted), ...(message.ignoreFile.proposed ? { proposed: revive(message.ignoreFile.proposed) } : {}) } : undefined;
      const result = await runReview(remoteChangeSet(job, message.change), checks, message.config, { ...(message.exclude ? { exclude: message.exclude } : {}), ...(ignoreFile ? { ignoreFile } : {}) });
      post({ type: 'done', job, result });
    } catch (error) {
      post({ type: 'failed', job, error: wireError(error) });
    } finally {
      pending.delete(job);
    }
  })();
});
