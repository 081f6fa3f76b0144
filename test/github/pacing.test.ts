// Per-installation pacing: reads never wait in the write lane, writes are spaced per installation, budgets hold.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_PACING_LIMITS, InstallationPacing, requestCost, type PacingLimits } from '../../src/github/pacing.js';

const read = requestCost('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files');
const query = requestCost('POST', '/graphql', 'query($owner: String!) { repository(owner: $owner) { id } }');
const write = requestCost('POST', '/repos/{owner}/{repo}/check-runs');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts requests and records, by label, when each was sent (fake clock) ; each answers after `holdMs`. */
function harness(limits: Partial<PacingLimits> = {}, holdMs = 20) {
  const pacing = new InstallationPacing({ ...DEFAULT_PACING_LIMITS, ...limits });
  const sent: Array<[string, number]> = [];
  const start = Date.now();
  const go = (installation: string, label: string, cost = read) =>
    pacing.run(installation, cost, async () => {
      sent.push([label, Date.now() - start]);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
    });
  return { go, sent };
}

describe('requestCost', () => {
  test.each([
    ['GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', undefined, { api: 'rest', points: 1, contentCreating: false }],
    ['PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', undefined, { api: 'rest', points: 5, contentCreating: true }],
    ['POST', '/graphql', 'query { viewer { login } }', { api: 'graphql', points: 1, contentCreating: false }],
    ['POST', '/graphql', '\n mutation($t0: ID!) { r0: resolveReviewThread(input: { threadId: $t0 }) { thread { id } } }', { api: 'graphql', points: 5, contentCreating: true }],
  ])('%s %s', (method, url, document, cost) => {
    expect(requestCost(method, url, document)).toEqual(cost);
  });
});

describe('InstallationPacing', () => {
  test('GraphQL queries and REST reads do not wait for the write spacing', async () => {
    const { go, sent } = harness();
    const all = Promise.all([go('1', 'write 1', write), go('1', 'write 2', write), go('1', 'query', query), go('1', 'read', read)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(sent).toEqual([
      ['write 1', 0],
      ['query', 0],
      ['read', 0],
      ['write 2', 1020],
    ]);
  });

  test('writes are spaced a second apart (from the answer) per installation, not per process', async () => {
    const { go, sent } = harness();
    const all = Promise.all([go('1', 'a1', write), go('2', 'b1', write), go('1', 'a2', write), go('2', 'b2', write), go('1', 'a3', write)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(sent).toEqual([
      ['a1', 0],
      ['b1', 0],
      ['a2', 1020],
      ['b2', 1020],
      ['a3', 2040],
    ]);
  });

  test('a write waits for the one before it to be answered, then the spacing', async () => {
    const { go, sent } = harness({}, 1500);
    const all = Promise.all([go('1', 'slow write', write), go('1', 'next write', write)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(sent).toEqual([
      ['slow write', 0],
      ['next write', 2500],
    ]);
  });

  test('holds concurrent requests of one installation to the limit and starts the next on a release', async () => {
    const { go, sent } = harness({ concurrent: 2 }, 100);
    const all = Promise.all([go('1', 'r1'), go('1', 'r2'), go('1', 'r3'), go('2', 'other')]);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(sent).toEqual([
      ['r1', 0],
      ['r2', 0],
      ['other', 0],
      ['r3', 100],
    ]);
  });

  test('waits for the rolling minute when the point budget is spent (GraphQL and REST apart)', async () => {
    const { go, sent } = harness({ restPointsPerMinute: 2, graphqlPointsPerMinute: 1 });
    const all = Promise.all([go('1', 'r1'), go('1', 'r2'), go('1', 'r3'), go('1', 'q1', query), go('1', 'q2', query)]);
    await vi.advanceTimersByTimeAsync(61_000);
    await all;
    expect(sent).toEqual([
      ['r1', 0],
      ['r2', 0],
      ['q1', 0],
      ['q2', 60_001],
      ['r3', 60_001],
    ]);
  });

  test('keeps content-creating requests under the per-minute count', async () => {
    const { go, sent } = harness({ contentCreatingPerMinute: 2, contentCreatingSpacingMs: 0 });
    const all = Promise.all([go('1', 'w1', write), go('1', 'w2', write), go('1', 'w3', write)]);
    await vi.advanceTimersByTimeAsync(61_000);
    await all;
    expect(sent.map(([label]) => label)).toEqual(['w1', 'w2', 'w3']);
    expect(sent[2]![1]).toBeGreaterThanOrEqual(60_000);
  });
});
