// The in-process queue: bounded concurrency, one review per pull request at a time, supersession, redelivery.
import { describe, expect, test } from 'vitest';
import { InProcessReviewQueue } from '../../src/github/review-queue.js';
import type { ReviewRequest } from '../../src/github/review-request.js';

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

/** A processor whose reviews finish only when the test says so. */
function controllable() {
  const started: Array<{ request: ReviewRequest; signal: AbortSignal; finish: () => void }> = [];
  const processor = (r: ReviewRequest, signal: AbortSignal) => new Promise<void>((resolve) => started.push({ request: r, signal, finish: resolve }));
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { started, processor, tick };
}

describe('InProcessReviewQueue', () => {
  test('runs at most four pull requests at a time', async () => {
    const { started, processor, tick } = controllable();
    const queue = new InProcessReviewQueue(processor);
    for (let n = 1; n <= 6; n++) queue.enqueue(request(n, `h${n}`));
    expect(started.map((s) => s.request.number)).toEqual([1, 2, 3, 4]);
    started[0]!.finish();
    await tick();
    expect(started.map((s) => s.request.number)).toEqual([1, 2, 3, 4, 5]);
    for (const s of started.slice(1)) s.finish();
    await tick();
    started[5]!.finish();
    await queue.idle();
    expect(started).toHaveLength(6);
  });

  test('a newer head aborts the running review with the new SHA and waits for it to stop', async () => {
    const { started, processor, tick } = controllable();
    const queue = new InProcessReviewQueue(processor);
    queue.enqueue(request(1, 'old'));
    queue.enqueue(request(1, 'new'));
    expect(started).toHaveLength(1);
    expect(started[0]!.signal.aborted).toBe(true);
    expect(started[0]!.signal.reason).toBe('new');
    started[0]!.finish();
    await tick();
    expect(started.map((s) => s.request.headSha)).toEqual(['old', 'new']);
    expect(started[1]!.signal.aborted).toBe(false);
    started[1]!.finish();
    await queue.idle();
  });

  test('a queued review that has not started is dropped when a newer head arrives', async () => {
    const { started, processor, tick } = controllable();
    const queue = new InProcessReviewQueue(processor, { concurrency: 1 });
    queue.enqueue(request(9, 'busy'));
    queue.enqueue(request(1, 'first'));
    queue.enqueue(request(1, 'second'));
    started[0]!.finish();
    await tick();
    expect(started.map((s) => s.request.headSha)).toEqual(['busy', 'second']);
    started[1]!.finish();
    await queue.idle();
  });

  test('the same delivery is queued once; the same head waiting is not queued twice', async () => {
    const { started, processor, tick } = controllable();
    const queue = new InProcessReviewQueue(processor, { concurrency: 1 });
    expect(queue.enqueue(request(9, 'busy'))).toBe(true);
    expect(queue.enqueue(request(9, 'busy'))).toBe(false);
    expect(queue.enqueue(request(1, 'h', 'd1'))).toBe(true);
    expect(queue.enqueue(request(1, 'h', 'd2'))).toBe(false);
    started[0]!.finish();
    await tick();
    started[1]!.finish();
    await queue.idle();
    expect(started.map((s) => s.request.deliveryId)).toEqual(['9-busy', 'd1']);
  });

  test('a failing review is logged without content and frees its slot', async () => {
    const errors: Array<Record<string, unknown>> = [];
    const queue = new InProcessReviewQueue(async () => Promise.reject(new Error('boom')), { log: { info: () => undefined, error: (o) => void errors.push(o as Record<string, unknown>) } });
    queue.enqueue(request(1, 'h'));
    await queue.idle();
    expect(errors).toEqual([{ pullRequest: 'octo/app#1', headSha: 'h', reason: 'boom' }]);
  });
});
