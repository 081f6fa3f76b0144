// The App as real processes sharing real Redis: kill -9 mid-review, SIGTERM drain, one delivery to two replicas, cross-replica supersession, recovery, redelivery catch-up.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CheckRunRecord } from '../../bench/github-stand-in/stand-in.js';
import { TEST_REDIS_URL, freshPrefix, removeKeys, requireRedis, until } from '../github/helpers/redis.js';
import { get, sendWebhook, startGitHub, startReplica, stopReplica, type GitHubFront, type Replica } from './helpers/replicas.js';

let github: GitHubFront;
const replicas: Replica[] = [];
const prefixes: string[] = [];
let nextRepo = 0;

beforeAll(async () => {
  await requireRedis();
  github = await startGitHub(20);
});
afterAll(async () => {
  await github?.stop();
});
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    for (const r of replicas) console.error(`--- ${r.name}\n${r.logs.map((l) => `${String(l.msg)} ${l.reason ? JSON.stringify(l.reason) : ''}`).join('\n')}`);
    console.error(JSON.stringify(github.standIn.checkRuns().slice(-3)));
  }
  for (const r of replicas.splice(0)) await stopReplica(r);
  for (const p of prefixes.splice(0)) await removeKeys(p);
});

/** A fresh pull request (its own repository and installation) and a key prefix of its own. */
function scenario(changedFiles = 6) {
  const n = ++nextRepo;
  const pr = github.standIn.addPullRequest({ installationId: 100 + n, owner: 'acme', repo: `svc-${n}`, number: 1, changedFiles });
  const prefix = freshPrefix('replicas');
  prefixes.push(prefix);
  const runs = () => github.standIn.checkRuns().filter((c) => c.owner === pr.owner && c.repo === pr.repo);
  const reviews = () => github.standIn.reviews().filter((r) => r.owner === pr.owner && r.repo === pr.repo);
  return { pr, prefix, runs, reviews, payload: (action = 'opened') => github.standIn.pullRequestPayload(pr, action) };
}

async function replica(name: string, prefix: string, env: Record<string, string> = {}): Promise<Replica> {
  const r = await startReplica(name, github, { QUEUE_PREFIX: prefix, ...env });
  replicas.push(r);
  return r;
}

const completed = (runs: CheckRunRecord[]) => runs.filter((c) => c.status === 'completed');
const inProgress = (runs: CheckRunRecord[]) => runs.filter((c) => c.status !== 'completed' && c.updates > 0);
const reviewsStarted = (r: Replica) => r.logs.filter((l) => l.msg === 'review completed' || l.msg === 'review failed').length;

describe.sequential('replicas with Redis', () => {
  test('kill -9 of the worker mid-review: another replica finishes the same check run, once', async () => {
    const s = scenario();
    const first = await replica('first', s.prefix);
    expect(await sendWebhook(first.port, 'pull_request', s.payload(), 'kill-1')).toBe(200);
    // The run is created after the answer, queued, then taken up.
    await until(() => s.runs().length === 1, 'the run to be created');
    await until(() => inProgress(s.runs()).length === 1, 'the review to be in progress');
    await stopReplica(first, 'SIGKILL');
    expect(completed(s.runs())).toEqual([]);
    const second = await replica('second', s.prefix);
    await until(() => completed(s.runs()).length === 1, 'the other replica to complete the run', 60_000);
    await until(() => reviewsStarted(second) === 1, 'the completion to be logged');
    expect(s.runs()).toHaveLength(1);
    expect(s.runs()[0]!.conclusion).toBe('success');
    expect(s.reviews().length).toBeLessThanOrEqual(1);
  });

  test('SIGTERM lets the running review finish, then the process exits 0', async () => {
    const s = scenario();
    const only = await replica('only', s.prefix);
    await sendWebhook(only.port, 'pull_request', s.payload(), 'term-1');
    await until(() => inProgress(s.runs()).length === 1, 'the review to be in progress');
    only.child.kill('SIGTERM');
    expect(await only.exited).toBe(0);
    expect(only.logs.some((l) => String(l.msg).startsWith('shutting down'))).toBe(true);
    expect(completed(s.runs()).map((c) => c.conclusion)).toEqual(['success']);
  });

  test('SIGTERM past the deadline hands the review back; another replica completes the same run', async () => {
    const s = scenario();
    const leaving = await replica('leaving', s.prefix, { SHUTDOWN_DEADLINE_MS: '100' });
    // The review waits on its file list until the deadline has passed: on a quiet machine it would
    // otherwise finish within the 100 ms and have nothing to hand back.
    const listing = github.holdNext('GET', new RegExp(`^/repos/acme/${s.pr.repo}/pulls/1/files$`));
    await sendWebhook(leaving.port, 'pull_request', s.payload(), 'handback-1');
    await listing.arrived;
    await until(() => inProgress(s.runs()).length === 1, 'the review to be in progress');
    leaving.child.kill('SIGTERM');
    // Let the file list through once the deadline has passed: the review's next step sees it is to hand back.
    await new Promise((resolve) => setTimeout(resolve, 500));
    listing.release();
    expect(await leaving.exited).toBe(0);
    expect(leaving.logs.some((l) => l.msg === 'review handed back to the queue: this worker is shutting down')).toBe(true);
    const staying = await replica('staying', s.prefix);
    await until(() => completed(s.runs()).length === 1, 'the other replica to complete the run', 60_000);
    await until(() => reviewsStarted(staying) === 1, 'the completion to be logged');
    expect(s.runs()).toHaveLength(1);
  });

  test('the same delivery reaching two replicas makes one check run and one review', async () => {
    const s = scenario();
    const [a, b] = await Promise.all([replica('a', s.prefix), replica('b', s.prefix)]);
    const statuses = await Promise.all([sendWebhook(a.port, 'pull_request', s.payload(), 'same-1'), sendWebhook(b.port, 'pull_request', s.payload(), 'same-1')]);
    expect(statuses).toEqual([200, 200]);
    await until(() => completed(s.runs()).length === 1, 'the review to complete', 60_000);
    await until(() => reviewsStarted(a) + reviewsStarted(b) >= 1, 'the completion to be logged');
    expect(s.runs()).toHaveLength(1);
    expect(s.reviews().length).toBeLessThanOrEqual(1);
    expect(reviewsStarted(a) + reviewsStarted(b)).toBe(1);
  });

  test('a newer push received by the web replica cancels the older review running on the worker', async () => {
    const s = scenario(30);
    const web = await replica('web', s.prefix, { ROLE: 'web' });
    await replica('worker', s.prefix, { ROLE: 'worker' });
    expect((await get(web.port, '/ready')).status).toBe(200);
    // The older review waits on its file list until the newer push is in: a fast review cannot finish first.
    const listing = github.holdNext('GET', new RegExp(`^/repos/acme/${s.pr.repo}/pulls/1/files$`));
    await sendWebhook(web.port, 'pull_request', s.payload(), 'push-1');
    await listing.arrived;
    await until(() => inProgress(s.runs()).length === 1, 'the older review to be in progress');
    const older = s.runs()[0]!;
    const newer = { ...s.payload('synchronize') } as { pull_request: { head: { sha: string } } };
    newer.pull_request = { ...newer.pull_request, head: { ...newer.pull_request.head, sha: 'f'.repeat(40) } };
    await sendWebhook(web.port, 'pull_request', newer, 'push-2');
    await until(() => s.runs().some((c) => c.headSha === 'f'.repeat(40)), 'the newer run to be queued');
    // The supersession notice goes out on Redis pub/sub before the webhook is answered; give it time to land.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    listing.release();
    await until(() => s.runs().find((c) => c.id === older.id)?.status === 'completed', 'the older run to be completed', 60_000);
    const done = s.runs().find((c) => c.id === older.id)!;
    expect(done).toMatchObject({ conclusion: 'neutral', title: `Superseded by ${'f'.repeat(7)}` });
    expect(s.runs().filter((c) => c.headSha === 'f'.repeat(40))).toHaveLength(1);
  });

  test('recovery re-enqueues a review whose job was lost, and the same run completes', async () => {
    const s = scenario();
    const web = await replica('web', s.prefix, { ROLE: 'web' });
    await sendWebhook(web.port, 'pull_request', s.payload(), 'lost-1');
    await until(() => s.runs().length === 1, 'the queued run to be created after the answer');
    expect(s.runs().map((c) => c.status)).toEqual(['queued']);
    await stopReplica(web);
    // The job vanishes from BullMQ (as after a Redis failover that lost writes); the ledger entry stays.
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${s.prefix}:reviews:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    const worker = await replica('worker', s.prefix, { RECOVERY_STALE_AFTER_MS: '0' });
    await until(() => completed(s.runs()).length === 1, 'the recovered review to complete', 60_000);
    expect(s.runs()).toHaveLength(1);
    expect(s.runs()[0]!.conclusion).toBe('success');
    expect((await get(worker.port, '/metrics')).body).toMatch(/^readiness_stuck_runs_recovered_total\{action="requeued"\} 1$/m);
  });

  test('the catch-up asks GitHub to redeliver a failed webhook, once per cluster, and the redelivery is reviewed', async () => {
    const s = scenario();
    const payload = s.payload();
    github.deliveries.push({ id: 9001, guid: 'failed-guid', delivered_at: new Date().toISOString(), status_code: 502, redelivery: false, event: 'pull_request', action: 'opened', payload });
    const env = { REDELIVER_FAILED_WEBHOOKS: 'true' };
    const [a, b] = await Promise.all([replica('a', s.prefix, env), replica('b', s.prefix, env)]);
    // Both replicas run a catch-up pass at start; the lock and the shared "since" let one of them ask.
    await until(() => a.logs.concat(b.logs).some((l) => l.msg === 'failed webhook delivery: redelivery requested'), 'a redelivery request');
    github.deliveries.length = 0;
    expect(github.redeliveryRequests).toEqual([9001]);
    // GitHub sends the event again, with the same delivery id.
    expect(await sendWebhook(a.port, 'pull_request', payload, 'failed-guid')).toBe(200);
    await until(() => completed(s.runs()).length === 1, 'the redelivered webhook to be reviewed', 60_000);
    expect(s.runs()).toHaveLength(1);
  });
});
