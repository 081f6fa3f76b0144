// Pacing shared through real Redis: two limiters (two replicas) on one installation keep one write lane between them.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_PACING_LIMITS, InstallationPacing, requestCost, type RequestPacing } from '../../src/github/pacing.js';
import { RedisPacing } from '../../src/github/redis-pacing.js';
import { TEST_REDIS_URL, freshPrefix, removeKeys, requireRedis } from './helpers/redis.js';

const write = requestCost('POST', '/repos/{owner}/{repo}/check-runs');
const read = requestCost('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files');
const SPACING_MS = 150;
const limits = { ...DEFAULT_PACING_LIMITS, contentCreatingSpacingMs: SPACING_MS };

const clients: Redis[] = [];
const prefixes: string[] = [];
beforeAll(async () => {
  await requireRedis();
});
afterAll(async () => {
  for (const c of clients) await c.quit();
  for (const p of prefixes) await removeKeys(p);
});

function redisPacing(prefix: string): RedisPacing {
  const client = new Redis(TEST_REDIS_URL);
  clients.push(client);
  return new RedisPacing(client, { prefix, limits, onDegraded: (error) => expect.fail(`Redis failed: ${String(error)}`) });
}

interface Span {
  label: string;
  start: number;
  end: number;
}

/** Three writes of installation 7 through each limiter at once; each holds 30 ms; the spans, in start order. */
async function writesThrough(a: RequestPacing, b: RequestPacing): Promise<Span[]> {
  const spans: Span[] = [];
  const go = (pacing: RequestPacing, label: string) =>
    pacing.run('7', write, async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 30));
      spans.push({ label, start, end: Date.now() });
    });
  await Promise.all([go(a, 'a1'), go(b, 'b1'), go(a, 'a2'), go(b, 'b2'), go(a, 'a3'), go(b, 'b3')]);
  return spans.sort((x, y) => x.start - y.start);
}

/** Each write starts at least the spacing after the previous write's answer (1 ms of clock rounding allowed). */
const gaps = (spans: Span[]) => spans.slice(1).map((s, i) => s.start - spans[i]!.end);

describe('RedisPacing', () => {
  test('two limiters on one Redis keep one write spacing for the installation between them', async () => {
    const prefix = freshPrefix('pacing');
    prefixes.push(prefix);
    const spans = await writesThrough(redisPacing(prefix), redisPacing(prefix));
    expect(spans.map((s) => s.label).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    for (const gap of gaps(spans)) expect(gap).toBeGreaterThanOrEqual(SPACING_MS - 1);
  });

  test('two in-process limiters (what each replica had before) let their writes overlap', async () => {
    const spans = await writesThrough(new InstallationPacing(limits), new InstallationPacing(limits));
    expect(Math.min(...gaps(spans))).toBeLessThan(0);
  });

  test('reads of the installation are not held behind the shared write lane, and other installations are apart', async () => {
    const prefix = freshPrefix('pacing');
    prefixes.push(prefix);
    const a = redisPacing(prefix);
    const b = redisPacing(prefix);
    const order: string[] = [];
    const hold = (label: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(label);
    };
    await Promise.all([a.run('7', write, hold('write 1')), b.run('7', write, hold('write 2')), b.run('7', read, hold('read')), a.run('8', write, hold('other installation'))]);
    // Whichever write Redis admitted second waits the spacing; the read and the other installation do not.
    const second = order.at(-1)!;
    expect(['write 1', 'write 2']).toContain(second);
    expect(order.indexOf('read')).toBeLessThan(order.indexOf(second));
    expect(order.indexOf('other installation')).toBeLessThan(order.indexOf(second));
  });

  test('points per minute are shared: a budget spent by one limiter makes the other wait', async () => {
    const prefix = freshPrefix('pacing');
    prefixes.push(prefix);
    const small = { ...limits, restPointsPerMinute: 3 };
    const c1 = new Redis(TEST_REDIS_URL);
    const c2 = new Redis(TEST_REDIS_URL);
    clients.push(c1, c2);
    const a = new RedisPacing(c1, { prefix, limits: small });
    const b = new RedisPacing(c2, { prefix, limits: small });
    const sent: string[] = [];
    const go = (p: RequestPacing, label: string) => p.run('7', read, () => Promise.resolve(void sent.push(label)));
    await Promise.all([go(a, 'a1'), go(b, 'b1'), go(a, 'a2')]);
    // The fourth read would wait for the minute to roll over: it has not started a moment later.
    const fourth = go(b, 'b2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent.sort()).toEqual(['a1', 'a2', 'b1']);
    void fourth.catch(() => undefined);
  });
});
