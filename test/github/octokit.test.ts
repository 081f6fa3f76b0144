// The production Octokit (throttling and retry on) against the GitHub API stand-in: GraphQL reads no longer queue behind writes.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, describe, expect, test } from 'vitest';
import { start, type StandIn } from '../../bench/github-stand-in/stand-in.js';
import { blobQuery } from '../../src/github/blob-reader.js';
import { pacedOctokit } from '../../src/github/octokit.js';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

/** Two check-run creates and five GraphQL reads at once through `Octokit`; the order in which they finished. */
async function finishingOrder(Octokit: typeof ProbotOctokit, limits?: { contentCreatingSpacingMs: number }): Promise<string[]> {
  standIn = await start({ latencyMs: 5, limits });
  const pr = standIn.addPullRequest({ installationId: 7, owner: 'acme', repo: 'shop', number: 1, changedFiles: 5 });
  const probot = new Probot({ appId: 1, privateKey, baseUrl: standIn.url, log: pino({ level: 'silent' }), Octokit });
  const octokit = await probot.auth(7);
  // The installation token first, so no request spends time on it after its turn was given.
  await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: 'acme', repo: 'shop', pull_number: 1 });
  const order: string[] = [];
  const create = (label: string) =>
    octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner: 'acme', repo: 'shop', name: 'Production readiness', head_sha: pr.headSha }).then(() => void order.push(label));
  const read = (label: string) => octokit.graphql(blobQuery(1), { owner: 'acme', name: 'shop', e0: `${pr.headSha}:README.md` }).then(() => void order.push(label));
  await Promise.all([create('write 1'), create('write 2'), ...[1, 2, 3, 4, 5].map((i) => read(`read ${i}`))]);
  return order;
}

describe('pacedOctokit', () => {
  test('GraphQL reads finish while the second write still waits for its second; no secondary-limit answer', async () => {
    const order = await finishingOrder(pacedOctokit());
    expect(order.at(-1)).toBe('write 2');
    expect(order.slice(0, -1).sort()).toEqual(['read 1', 'read 2', 'read 3', 'read 4', 'read 5', 'write 1']);
    expect(standIn!.stats().secondaryLimitResponses).toEqual({});
    expect(standIn!.stats().calls).toMatchObject({ 'POST /repos/{owner}/{repo}/check-runs': 2, 'graphql query object': 5 });
  });

  test('Probot\'s own Octokit queues those reads in its one-a-second write lane (what pacing replaces)', async () => {
    // Bottleneck spaces the writes' starts by 1,000 ms, which the stand-in's spacing rule can see as
    // 999 ms and refuse (Probot does not retry that); the order is what this test is about.
    const order = await finishingOrder(ProbotOctokit, { contentCreatingSpacingMs: 0 });
    expect(order.indexOf('write 2')).toBeLessThan(order.indexOf('read 5'));
  });
});

describe('retries belong to the review\'s gate, not to the production Octokit', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** An API that answers every installation request with `status`; counts what reached it, by route. */
  async function failingApi(status: number, headers: Record<string, string> = {}) {
    const hits: string[] = [];
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'test-token', expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
        return;
      }
      hits.push(`${req.method} ${path}`);
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ message: status === 403 ? 'You have exceeded a secondary rate limit.' : 'Server Error' }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const probot = new Probot({ appId: 1, privateKey, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log: pino({ level: 'silent' }), Octokit: pacedOctokit() });
    return { hits, octokit: await probot.auth(7) };
  }

  test.each([
    ['a check-run create answered 502 (plugin-retry would make a second run)', 502, {}, 'POST /repos/acme/shop/check-runs'],
    ['a read answered 502', 502, {}, 'GET /repos/acme/shop/pulls/1/files'],
    ['a read answered 429 with retry-after', 429, { 'retry-after': '1' }, 'GET /repos/acme/shop/pulls/1/files'],
    ['a read answered with a secondary-limit 403', 403, { 'retry-after': '1' }, 'GET /repos/acme/shop/pulls/1/files'],
  ])('%s: sent once, the error reaches the caller', async (_name, status, headers, route) => {
    const { hits, octokit } = await failingApi(status, headers);
    const [method, path] = route.split(' ') as [string, string];
    await expect(octokit.request(`${method} ${path}`, method === 'POST' ? { name: 'x', head_sha: 'a'.repeat(40) } : {})).rejects.toMatchObject({ status });
    expect(hits).toEqual([route]);
  });
});
