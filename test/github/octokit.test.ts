// The production Octokit (throttling and retry on) against the GitHub API stand-in: GraphQL reads no longer queue behind writes.
import { generateKeyPairSync } from 'node:crypto';
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
async function finishingOrder(Octokit: typeof ProbotOctokit): Promise<string[]> {
  standIn = await start({ latencyMs: 5 });
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
    const order = await finishingOrder(ProbotOctokit);
    expect(order.indexOf('write 2')).toBeLessThan(order.indexOf('read 5'));
  });
});
