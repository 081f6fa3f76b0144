// One contract for both review queues (in process, and BullMQ on real Redis): concurrency, supersession, redelivery, retries, hand-back.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { RedisReviewQueue } from '../../src/github/redis-review-queue.js';
import { HandBack, InProcessReviewQueue, type QueueHooks, type ReviewProcessor, type ReviewQueue } from '../../src/github/review-queue.js';
import type { ReviewRequest } from '../../src/github/review-request.js';
import { TEST_REDIS_URL, freshPrefix, removeKeys, requireRedis, until } from './helpers/redis.js';

const request = (number: number, headSha: string, deliveryId = `${number}-${headSha}`): ReviewRequest => ({
  deliveryId,
  installationId: 1,
  owner: 'octo',
  repo: 'app',
  number,
  headSha,
  baseSha: 'base',
  repositoryUrl: 'https://github.com/octo/app',
  trigger: 'pull_request.synchronize',
});

interface Started {
  request: ReviewRequest;
  signal: AbortSignal;
  finish: () => void;
  fail: (error: Error) => void;
}

/** A processor whose reviews finish only when the test says so; it tracks the most run at once. */
function controllable() {
  const started: Started[] = [];
  let running = 0;
  const peak = { value: 0 };
  const processor: ReviewProcessor = (r, signal) =>
    new Promise<void>((resolve, reject) => {
      running++;
      peak.value = Math.max(peak.value, running);
      const end = () => void running--;
      started.push({ request: r, signal, finish: () => (end(), resolve()), fail: (e) => (end(), reject(e)) });
    });
  return { started, processor, peak };
}

interface Options {
  concurrency?: number;
  hooks?: QueueHooks;
}

interface Flavour {
  name: string;
  make(processor: ReviewProcessor, options?: Options): ReviewQueue;
  /** Attempts a review gets before `exhausted`. */
  attempts: number;
}

const opened: ReviewQueue[] = [];
const prefixes: string[] = [];

const inProcess: Flavour = {
  name: 'InProcessReviewQueue',
  attempts: 1,
  make: (processor, options = {}) => new InProcessReviewQueue(processor, options),
};

function redisQueue(processor: ReviewProcessor, options: Options & { prefix: string; work?: boolean }): RedisReviewQueue {
  const queue = new RedisReviewQueue(processor, { url: TEST_REDIS_URL, backoffMs: 10, attempts: 2, lockMs: 2_000, ...options });
  opened.push(queue);
  return queue;
}

const redis: Flavour = {
  name: 'RedisReviewQueue',
  attempts: 2,
  make: (processor, options = {}) => {
    const prefix = freshPrefix('queue');
    prefixes.push(prefix);
    return redisQueue(processor, { ...options, prefix });
  },
};

beforeAll(async () => {
  await requireRedis();
});

afterEach(async () => {
  for (const q of opened.splice(0)) await q.close(1_000);
  for (const p of prefixes.splice(0)) await removeKeys(p);
});

describe.each([inProcess, redis])('$name', (flavour) => {
  test('runs at most the configured number of pull requests at a time, and every one', async () => {
    const { started, processor, peak } = controllable();
    const queue = flavour.make(processor, { concurrency: 2 });
    for (let n = 1; n <= 5; n++) expect(await queue.enqueue(request(n, `h${n}`))).toBe(true);
    for (let finished = 0; finished < 5; finished++) {
      await until(() => started.length > finished, `review ${finished + 1} to start`);
      started[finished]!.finish();
    }
    await queue.idle();
    expect(started.map((s) => s.request.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(peak.value).toBeLessThanOrEqual(2);
  });

  test('a newer head aborts the running review with the new SHA, and the new head is reviewed', async () => {
    const { started, processor } = controllable();
    const queue = flavour.make(processor);
    await queue.enqueue(request(1, 'old'));
    await until(() => started.length === 1, 'the old head to start');
    await queue.enqueue(request(1, 'new'));
    await until(() => started[0]!.signal.aborted, 'the old review to be aborted');
    expect(started[0]!.signal.reason).toBe('new');
    started[0]!.finish();
    await until(() => started.length === 2, 'the new head to start');
    expect(started[1]!.request.headSha).toBe('new');
    expect(started[1]!.signal.aborted).toBe(false);
    started[1]!.finish();
    await queue.idle();
  });

  test('a waiting review is dropped, and its queued run reported, when a newer head arrives', async () => {
    const { started, processor } = controllable();
    const dropped: Array<[string, number | undefined, string]> = [];
    let runs = 100;
    const hooks: QueueHooks = { announce: async () => ++runs, dropped: async (r, by) => void dropped.push([r.headSha, r.checkRunId, by]) };
    const queue = flavour.make(processor, { concurrency: 1, hooks });
    await queue.enqueue(request(9, 'busy'));
    await until(() => started.length === 1, 'the busy review to start');
    await queue.enqueue(request(1, 'first'));
    await queue.enqueue(request(1, 'second'));
    await until(() => dropped.length === 1, 'the first head to be dropped');
    expect(dropped).toEqual([['first', 102, 'second']]);
    started[0]!.finish();
    await until(() => started.length === 2, 'the second head to start');
    expect(started[1]!.request).toMatchObject({ headSha: 'second', checkRunId: 103 });
    started[1]!.finish();
    await queue.idle();
    expect(started).toHaveLength(2);
  });

  test('the same delivery is queued once; the same head waiting is not queued twice', async () => {
    const { started, processor } = controllable();
    const queue = flavour.make(processor, { concurrency: 1 });
    expect(await queue.enqueue(request(9, 'busy'))).toBe(true);
    expect(await queue.enqueue(request(9, 'busy'))).toBe(false);
    await until(() => started.length === 1, 'the busy review to start');
    expect(await queue.enqueue(request(1, 'h', 'd1'))).toBe(true);
    expect(await queue.enqueue(request(1, 'h', 'd2'))).toBe(false);
    started[0]!.finish();
    await until(() => started.length === 2, 'the second review to start');
    started[1]!.finish();
    await queue.idle();
    expect(started.map((s) => s.request.deliveryId)).toEqual(['9-busy', 'd1']);
  });

  test('a review that keeps failing is retried as configured, then reported exhausted once', async () => {
    const exhausted: string[] = [];
    let calls = 0;
    const queue = flavour.make(
      async () => {
        calls++;
        throw new Error('boom');
      },
      { hooks: { exhausted: async (r, error) => void exhausted.push(`${r.headSha}: ${(error as Error).message}`) } },
    );
    await queue.enqueue(request(1, 'h'));
    await until(() => exhausted.length === 1, 'the review to be given up');
    await queue.idle();
    expect(calls).toBe(flavour.attempts);
    expect(exhausted).toEqual(['h: boom']);
    expect((await queue.stats()).failed).toBe(1);
  });

  test('the check run announced on receipt travels with the job; stats count it while it runs', async () => {
    const { started, processor } = controllable();
    const queue = flavour.make(processor, { hooks: { announce: async () => 4242 } });
    await queue.enqueue(request(3, 'h'));
    await until(() => started.length === 1, 'the review to start');
    expect(started[0]!.request.checkRunId).toBe(4242);
    expect(started[0]!.request.receivedAt).toEqual(expect.any(Number));
    const stats = await queue.stats();
    expect(stats).toMatchObject({ waiting: 0, running: 1, failed: 0 });
    expect(stats.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    started[0]!.finish();
    await queue.idle();
  });

  // In process, the App announces nothing on receipt; a queue given the hook waits for it.
  test.runIf(flavour === inProcess)('a failing announcement refuses the request, and the same delivery is accepted when it comes again', async () => {
    const { started, processor } = controllable();
    let fail = true;
    const queue = flavour.make(processor, {
      hooks: {
        announce: async () => {
          if (fail) throw new Error('GitHub answered 502');
          return 7;
        },
      },
    });
    await expect(queue.enqueue(request(1, 'h', 'd1'))).rejects.toThrow('GitHub answered 502');
    fail = false;
    expect(await queue.enqueue(request(1, 'h', 'd1'))).toBe(true);
    await until(() => started.length === 1, 'the review to start');
    started[0]!.finish();
    await queue.idle();
  });

  test('close lets a running review finish within the deadline, and takes nothing new', async () => {
    const { started, processor } = controllable();
    const queue = flavour.make(processor);
    await queue.enqueue(request(1, 'h'));
    await until(() => started.length === 1, 'the review to start');
    const closing = queue.close(30_000);
    started[0]!.finish();
    await closing;
    expect(started[0]!.signal.aborted).toBe(false);
    expect(await queue.enqueue(request(2, 'h'))).toBe(false);
  });

  test('close past its deadline aborts running reviews with HandBack', async () => {
    const { started, processor } = controllable();
    const queue = flavour.make(async (r, signal) => {
      const review = processor(r, signal);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      started[0]!.finish();
      await review;
      throw signal.reason;
    });
    await queue.enqueue(request(1, 'h'));
    await until(() => started.length === 1, 'the review to start');
    await queue.close(50);
    expect(started[0]!.signal.reason).toBeInstanceOf(HandBack);
  });
});

describe('RedisReviewQueue: the webhook is answered before the check run is created', () => {
  test('enqueue returns before the announcement ends; the worker waits for that run and reviews under it', async () => {
    const prefix = freshPrefix('announce');
    prefixes.push(prefix);
    let created!: (id: number) => void;
    const creating = new Promise<number>((resolve) => (created = resolve));
    let announcements = 0;
    const { started, processor } = controllable();
    const queue = redisQueue(processor, { prefix, hooks: { announce: () => (announcements++, creating) } });
    // The create has not answered, and enqueue (the webhook's answer) is already done.
    expect(await queue.enqueue(request(1, 'h'))).toBe(true);
    await until(() => announcements === 1, 'the run to be asked for');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(started).toHaveLength(0);
    created(77);
    await until(() => started.length === 1, 'the review to start');
    expect(started[0]!.request.checkRunId).toBe(77);
    expect(announcements).toBe(1);
    started[0]!.finish();
    await queue.idle();
  });

  test('a job stored whose run was never created (the announcement failed) gets its run from the worker, and is reviewed', async () => {
    const prefix = freshPrefix('announce');
    prefixes.push(prefix);
    // The accepting replica only enqueues, and GitHub refuses its create.
    const web = redisQueue(async () => undefined, { prefix, work: false, hooks: { announce: () => Promise.reject(new Error('GitHub answered 502')) } });
    expect(await web.enqueue(request(1, 'h'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const announced: string[] = [];
    const { started, processor } = controllable();
    const worker = redisQueue(processor, { prefix, hooks: { announce: async (r) => (announced.push(r.headSha), 88) } });
    await until(() => started.length === 1, 'the worker to take the job');
    expect(announced).toEqual(['h']);
    expect(started[0]!.request.checkRunId).toBe(88);
    started[0]!.finish();
    await worker.idle();
    expect(await worker.unfinished()).toEqual([]);
  });

  test('a run claim left by a process that died while creating the run is taken over at once, looking the run up first', async () => {
    const prefix = freshPrefix('announce');
    prefixes.push(prefix);
    // The accepting replica's create never returns; it shuts down past its deadline, leaving its claim.
    const web = redisQueue(async () => undefined, { prefix, work: false, hooks: { announce: () => new Promise<number>(() => undefined) } });
    expect(await web.enqueue(request(1, 'h'))).toBe(true);
    await web.close(50);
    const announced: { headSha: string; lookUpFirst: boolean | undefined }[] = [];
    const { started, processor } = controllable();
    const worker = redisQueue(processor, { prefix, hooks: { announce: async (r, options) => (announced.push({ headSha: r.headSha, lookUpFirst: options?.lookUpFirst }), 91) } });
    // Before, the worker waited out the claim's 600 s.
    await until(() => started.length === 1, 'the worker to take the claim over and the job');
    expect(announced).toEqual([{ headSha: 'h', lookUpFirst: true }]);
    expect(started[0]!.request.checkRunId).toBe(91);
    started[0]!.finish();
    await worker.idle();
  });

  test('a run claim of a process still creating the run is waited for, not taken over', async () => {
    const prefix = freshPrefix('announce');
    prefixes.push(prefix);
    let create: (id: number) => void = () => undefined;
    const web = redisQueue(async () => undefined, { prefix, work: false, hooks: { announce: () => new Promise<number>((resolve) => (create = resolve)) } });
    expect(await web.enqueue(request(1, 'h'))).toBe(true);
    let announcedByWorker = 0;
    const { started, processor } = controllable();
    const worker = redisQueue(processor, { prefix, hooks: { announce: async () => (announcedByWorker++, 92) } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(started).toHaveLength(0);
    create(77);
    await until(() => started.length === 1, 'the worker to take the job once the run exists');
    expect(announcedByWorker).toBe(0);
    expect(started[0]!.request.checkRunId).toBe(77);
    started[0]!.finish();
    await worker.idle();
  });
});

describe('RedisReviewQueue across replicas', () => {
  test('the same delivery reaching two replicas is queued by one of them', async () => {
    const prefix = freshPrefix('replicas');
    prefixes.push(prefix);
    const announced: number[] = [];
    const hooks: QueueHooks = { announce: async () => (announced.push(1), announced.length) };
    const { started, processor } = controllable();
    const a = redisQueue(processor, { prefix, hooks });
    const b = redisQueue(processor, { prefix, hooks });
    const results = await Promise.all([a.enqueue(request(1, 'h', 'same')), b.enqueue(request(1, 'h', 'same'))]);
    expect(results.sort()).toEqual([false, true]);
    await until(() => started.length === 1, 'the review to start');
    expect(announced).toHaveLength(1);
    started[0]!.finish();
    await a.idle();
    expect(started).toHaveLength(1);
  });

  test('a newer head queued on one replica aborts the review running on another', async () => {
    const prefix = freshPrefix('replicas');
    prefixes.push(prefix);
    const { started, processor } = controllable();
    const worker = redisQueue(processor, { prefix });
    const web = redisQueue(async () => undefined, { prefix, work: false });
    await web.enqueue(request(1, 'old'));
    await until(() => started.length === 1, 'the old head to start on the worker');
    await web.enqueue(request(1, 'new'));
    await until(() => started[0]!.signal.aborted, 'the old review to be aborted');
    expect(started[0]!.signal.reason).toBe('new');
    started[0]!.finish();
    await until(() => started.length === 2, 'the new head to start');
    started[1]!.finish();
    await worker.idle();
  });

  test('a review handed back by a closing replica is finished by another', async () => {
    const prefix = freshPrefix('replicas');
    prefixes.push(prefix);
    const seen: Array<{ by: string; request: ReviewRequest }> = [];
    const leaving = redisQueue(
      async (r, signal) => {
        seen.push({ by: 'leaving', request: r });
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        throw signal.reason;
      },
      { prefix, hooks: { announce: async () => 55 } },
    );
    await leaving.enqueue(request(1, 'h'));
    await until(() => seen.length === 1, 'the review to start on the leaving replica');
    await leaving.close(50);
    const staying = redisQueue(async (r) => void seen.push({ by: 'staying', request: r }), { prefix });
    await until(() => seen.length === 2, 'the other replica to take the review');
    await staying.idle();
    expect(seen.map((s) => [s.by, s.request.checkRunId])).toEqual([
      ['leaving', 55],
      ['staying', 55],
    ]);
    expect(await staying.unfinished()).toEqual([]);
  });
});
