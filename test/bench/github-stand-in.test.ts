// The GitHub API stand-in the App benchmark runs against: routes, counting, secondary limits and seeded faults.
import { afterEach, describe, expect, test } from 'vitest';
import { blobQuery } from '../../src/github/blob-reader.js';
import { graphqlKind, start, type StandIn, type StandInOptions } from '../../bench/github-stand-in/stand-in.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function open(options: StandInOptions = {}) {
  standIn = await start({ latencyMs: 1, ...options });
  const s = standIn;
  const token = ((await (await fetch(`${s.url}/app/installations/7/access_tokens`, { method: 'POST' })).json()) as { token: string }).token;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${s.url}${path}`, { method, headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, headers: response.headers, data: (await response.json()) as Record<string, unknown> & unknown[] };
  };
  return { s, call };
}

describe('GitHub API stand-in', () => {
  test('serves a generated pull request: files pages with a next link, blobs through GraphQL, renames without patches', async () => {
    const { s, call } = await open();
    const pr = s.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 5, changedFiles: 150, renames: 10 });
    const first = await call('GET', '/repos/acme/shop/pulls/5/files?per_page=100&page=1');
    expect(first.data).toHaveLength(100);
    expect(first.headers.get('link')).toMatch(/page=2>; rel="next"/);
    const second = await call('GET', '/api/v3/repos/acme/shop/pulls/5/files?per_page=100&page=2');
    expect(second.data).toHaveLength(60);
    expect(second.headers.get('link')).toBeNull();
    const rename = (second.data as Array<{ status: string; patch?: string; previous_filename?: string }>).find((f) => f.status === 'renamed');
    expect(rename).toMatchObject({ previous_filename: expect.stringMatching(/^legacy\//) });
    expect(rename?.patch).toBeUndefined();

    const path = pr.files[0]!.filename;
    const read = await call('POST', '/graphql', { query: blobQuery(2), variables: { owner: 'acme', name: 'shop', e0: `${pr.headSha}:${path}`, e1: `${pr.headSha}:no/such/file` } });
    const repository = (read.data as unknown as { data: { repository: Record<string, { text: string } | null> } }).data.repository;
    expect(repository.b0?.text).toContain('def ');
    expect(repository.b1).toBeNull();

    expect(s.stats().calls).toEqual({
      'POST /app/installations/{installation_id}/access_tokens': 1,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 2,
      'graphql query object': 1,
    });
  });

  test('records check runs and reviews, and refuses a second write inside the spacing with a secondary-limit 403', async () => {
    const { s, call } = await open({ limits: { contentCreatingSpacingMs: 600_000 } });
    const pr = s.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 5, changedFiles: 3 });
    const created = await call('POST', '/repos/acme/shop/check-runs', { name: 'Production readiness', head_sha: pr.headSha, status: 'in_progress' });
    expect(created.status).toBe(201);
    const refused = await call('PATCH', `/repos/acme/shop/check-runs/${String(created.data.id)}`, { status: 'completed', conclusion: 'success' });
    expect(refused.status).toBe(403);
    expect(refused.data.message).toMatch(/secondary rate limit/);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(s.stats().secondaryLimitResponses).toEqual({ 'content-spacing': 1 });
    expect(s.checkRuns()[0]).toMatchObject({ status: 'in_progress', updates: 0 });
  });

  test('counts GraphQL points per installation: queries 1, and answers 403 past the budget', async () => {
    const { s, call } = await open({ limits: { graphqlPointsPerMinute: 2 } });
    const pr = s.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 5, changedFiles: 1 });
    const query = { query: blobQuery(1), variables: { owner: 'acme', name: 'shop', e0: `${pr.headSha}:README.md` } };
    expect((await call('POST', '/graphql', query)).status).toBe(200);
    expect((await call('POST', '/graphql', query)).status).toBe(200);
    expect((await call('POST', '/graphql', query)).status).toBe(403);
    expect(s.stats().secondaryLimitResponses).toEqual({ 'graphql-points': 1 });
  });

  test('refuses requests beyond the concurrency limit of one installation', async () => {
    const { s, call } = await open({ latencyMs: 400, limits: { concurrent: 2 } });
    s.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 5, changedFiles: 1 });
    const statuses = await Promise.all([1, 2, 3].map(() => call('GET', '/repos/acme/shop/pulls/5').then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 200, 403]);
    expect(s.stats()).toMatchObject({ secondaryLimitResponses: { concurrency: 1 }, peakInFlight: 2 });
  });

  test('injects seeded faults: the same seed gives the same answers', async () => {
    const run = async () => {
      const { s, call } = await open({ faults: { rate: 0.5, kinds: ['502', '429'] }, seed: 42 });
      s.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 5, changedFiles: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call('GET', '/repos/acme/shop/pulls/5')).status);
      await s.stop();
      standIn = undefined;
      return statuses;
    };
    const once = await run();
    expect(once).toContain(200);
    expect(once.some((status) => status === 502 || status === 429)).toBe(true);
    expect(await run()).toEqual(once);
  });

  test.each([
    ['query($owner: String!) { repository(owner: $owner, name: "x") { b0: object(expression: "a:b") { oid } } }', 'graphql query object'],
    ['mutation($t0: ID!) {\n  r0: resolveReviewThread(input: { threadId: $t0 }) { thread { id } }\n}', 'graphql mutation resolveReviewThread'],
  ])('names GraphQL documents by operation and first field: %#', (query, kind) => {
    expect(graphqlKind(query).kind).toBe(kind);
  });
});
