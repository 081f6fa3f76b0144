// A mocked GitHub for one repository: each helper sets up nock interceptors that validate and record request bodies.
import nock from 'nock';
import pino from 'pino';
import { afterEach, beforeEach, expect } from 'vitest';
import { Probot, ProbotOctokit } from 'probot';
import { createApp } from '../../../src/app.js';
import type { Check } from '../../../src/engine/define-check.js';
import { fingerprint } from '../../../src/engine/fingerprint.js';
import { InProcessReviewQueue } from '../../../src/github/review-queue.js';
import type { RetryPolicy } from '../../../src/github/retry.js';
import { api, graphqlMatch, graphqlReply, mockInstallationToken, requestProblems, restReply, testPrivateKey, type GraphqlBody } from '../../github/helpers/github-api.js';

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
/** Head and base of pull request #2 in the recorded payloads. */
export const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const MERGE_BASE = '0123456789abcdef0123456789abcdef01234567';
export const APP_SLUG = 'readiness-review';

/**
 * Registers the hooks every App test shares: no real network, and at the end no request that broke
 * GitHub's descriptions and no mock left unused (`persisted` lists interceptors allowed to remain).
 */
export function useMockedGitHub(persisted: string[] = []): void {
  beforeEach(() => {
    nock.disableNetConnect();
    requestProblems.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    for (const key of persisted) pending.splice(pending.indexOf(key), 1);
    nock.cleanAll();
    nock.enableNetConnect();
    expect(requestProblems).toEqual([]);
    expect(pending).toEqual([]);
  });
}

/** Bodies the app sent, by a short name, in order. */
export type Sent = Array<{ name: string; body: unknown }>;

/**
 * Retry and throttle off for every Octokit Probot builds. The object form of `defaults` is merged
 * shallowly, and Probot passes its own `throttle` when it builds installation clients, which turned
 * throttling back on (one second between writes); a function applies last, whatever Probot passes.
 */
export const OctokitWithoutRetryOrThrottle = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

export const WEBHOOK_SECRET = 'test-webhook-secret';

/** A Probot with retry and throttle off, the app loaded, and its log lines (JSON) collected in `logs`. */
export async function startApp(checks: readonly Check[], concurrency = 4, retry: Partial<RetryPolicy> = {}) {
  // The app's own retries stay on, but wait no real time: `waits` records each wait asked for.
  const waits: number[] = [];
  let queue!: InProcessReviewQueue;
  const logs: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const probot = new Probot({
    appId: 123,
    privateKey: testPrivateKey,
    secret: WEBHOOK_SECRET,
    log,
    Octokit: OctokitWithoutRetryOrThrottle,
  });
  await probot.load(
    createApp({
      checks,
      retry: { sleep: async (ms) => void waits.push(ms), ...retry },
      createQueue: (processor) => (queue = new InProcessReviewQueue(processor, { concurrency, log })),
    }),
  );
  return { probot, queue: () => queue, logs, waits };
}

/** API calls of each completed review, by route, from the app's own log. */
export const apiCallsLogged = (logs: Array<Record<string, unknown>>) => logs.filter((l) => l.msg === 'review completed').map((l) => l.apiCalls as Record<string, number>);

const record = (sent: Sent, name: string) => (body: unknown) => void sent.push({ name, body });

export function mockCreateCheckRun(sent: Sent, id: number, headSha = HEAD) {
  return api()
    .post(`${REPO_PATH}/check-runs`, (b: { head_sha?: string }) => b?.head_sha === headSha)
    .reply(201, restReply('POST', '/repos/{owner}/{repo}/check-runs', record(sent, `create ${id}`), () => ({ id, head_sha: headSha, status: 'in_progress', app: { id: 123, slug: APP_SLUG } })));
}

export function mockUpdateCheckRun(sent: Sent, id: number, times = 1, status = 200) {
  return api()
    .patch(`${REPO_PATH}/check-runs/${id}`)
    .times(times)
    .reply(status, restReply('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', record(sent, `update ${id}`), () => ({ id })));
}

export interface FileEntry {
  filename: string;
  status: string;
  changes?: number;
  patch?: string;
  previous_filename?: string;
}

/** The files list, 100 per page, with GitHub's Link header on every page but the last. */
export function mockFiles(files: FileEntry[], number = 2) {
  const scope = api();
  const pages = Math.max(1, Math.ceil(files.length / 100));
  for (let page = 1; page <= pages; page++) {
    const items = files.slice((page - 1) * 100, page * 100).map((f) => ({ sha: 'b'.repeat(40), additions: 0, deletions: 0, changes: f.changes ?? 1, ...f }));
    const link = page < pages ? { link: `<https://api.github.com${REPO_PATH}/pulls/${number}/files?per_page=100&page=${page + 1}>; rel="next"` } : undefined;
    scope.get(`${REPO_PATH}/pulls/${number}/files`).query({ per_page: '100', page: String(page) }).reply(200, items, link);
  }
  return scope;
}

export function mockCompare(base = BASE, head = HEAD) {
  return api()
    .get(`${REPO_PATH}/compare/${base}...${head}`)
    .query({ per_page: '1' })
    .reply(200, { merge_base_commit: { sha: MERGE_BASE }, files: [] });
}

export interface BlobAnswer {
  text?: string;
  binary?: boolean;
  truncated?: boolean;
  size?: number;
  oid?: string;
  /** A folder instead of a blob: its files by name, each answered with its blob (`entries { name type object }`). */
  entries?: Record<string, BlobAnswer>;
}

/** The object GraphQL answers for `answer`: a blob's fields, or a folder's entries with their blobs. */
function objectNode(answer: BlobAnswer): unknown {
  if (answer.entries) return { entries: Object.entries(answer.entries).map(([name, file]) => ({ name, type: 'blob', object: objectNode(file) })) };
  return {
    oid: answer.oid ?? 'c'.repeat(40),
    byteSize: answer.size ?? Buffer.byteLength(answer.text ?? ''),
    isBinary: answer.binary ?? false,
    isTruncated: answer.truncated ?? false,
    text: answer.binary ? null : (answer.text ?? ''),
  };
}

const expressions = (body: GraphqlBody) =>
  Object.entries(body.variables ?? {})
    .filter(([k]) => /^e\d+$/.test(k))
    .map(([, v]) => String(v))
    .sort();

/** One batched blob query in `repository` for exactly `answers`' "rev:path" expressions (null = no such file). */
export function mockBlobs(sent: Sent, answers: Record<string, BlobAnswer | null>, repository = { owner: OWNER, name: REPO }) {
  const wanted = Object.keys(answers).sort();
  return api()
    .post(
      '/graphql',
      graphqlMatch((b) => b.variables?.owner === repository.owner && b.variables?.name === repository.name && JSON.stringify(expressions(b)) === JSON.stringify(wanted)),
    )
    .reply(
      200,
      graphqlReply(record(sent, 'blobs'), (body) => {
      const repository: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(body.variables ?? {})) {
        if (!/^e\d+$/.test(key)) continue;
        const answer = answers[String(value)];
        repository[`b${key.slice(1)}`] = answer === null || answer === undefined ? null : objectNode(answer);
      }
      return { data: { repository } };
    }),
    );
}

/** A blob query in a repository that does not exist or that the installation cannot see: GitHub answers NOT_FOUND. */
export function mockMissingRepository(sent: Sent, owner: string, name: string) {
  return api()
    .post('/graphql', graphqlMatch((b) => b.variables?.owner === owner && b.variables?.name === name))
    .reply(
      200,
      graphqlReply(record(sent, 'blobs'), () => ({
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 2, column: 3 }], message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }],
      })),
    );
}

/** What the first query of every review asks for the settings: no `.github/readiness.yml` and no `.readinessignore`, on the base branch or at the head. */
export const noConfig = (base = BASE, head = HEAD): Record<string, BlobAnswer | null> => ({
  [`${base}:.github/readiness.yml`]: null,
  [`${head}:.github/readiness.yml`]: null,
  [`${base}:.readinessignore`]: null,
  [`${head}:.readinessignore`]: null,
});

/** The root READMEs file roles are read from, none of which exists (read ahead when a check uses roles, as secrets does). */
export const noReadmes = (head = HEAD): Record<string, null> =>
  Object.fromEntries(['README.md', 'README.MD', 'Readme.md', 'readme.md', 'README.rst', 'README.txt', 'README'].map((n) => [`${head}:${n}`, null]));

/**
 * The first query of every review: the settings (none here) and, when the files list gives a small
 * pull request's lines, the content read ahead for it (`content`), which goes in the same query.
 */
export const mockNoConfig = (sent: Sent, content: Record<string, BlobAnswer | null> = {}, base = BASE, head = HEAD) => mockBlobs(sent, { ...noConfig(base, head), ...content });

export interface ThreadFixture {
  id: string;
  path: string;
  body: string;
  isResolved?: boolean;
  /** GitHub no longer shows it on the diff (the code under it changed). */
  isOutdated?: boolean;
  /** Who wrote the first comment: this app (default) or a person. */
  author?: string;
}

export function mockThreads(sent: Sent, threads: ThreadFixture[], number = 2) {
  return api()
    .post('/graphql', graphqlMatch((b) => b.query.includes('reviewThreads') && b.variables?.number === number))
    .reply(200, graphqlReply(record(sent, 'threads'), () => ({
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              pageInfo: { hasNextPage: false, endCursor: null },
              nodes: threads.map((t) => ({
                id: t.id,
                isResolved: t.isResolved ?? false,
                isOutdated: t.isOutdated ?? false,
                path: t.path,
                comments: {
                  nodes: [
                    {
                      body: t.body,
                      viewerDidAuthor: (t.author ?? 'app') === 'app',
                      author: (t.author ?? 'app') === 'app' ? { __typename: 'Bot', login: APP_SLUG } : { __typename: 'User', login: t.author },
                    },
                  ],
                },
              })),
            },
          },
        },
      },
    })));
}

export function mockResolve(sent: Sent) {
  return api()
    .post('/graphql', graphqlMatch((b) => b.query.includes('resolveReviewThread')))
    .reply(
      200,
      graphqlReply(record(sent, 'resolve'), (body) => ({
        data: Object.fromEntries(Object.entries(body.variables ?? {}).map(([k, id]) => [`r${k.slice(1)}`, { thread: { id, isResolved: true } }])),
      })),
    );
}

export function mockReview(sent: Sent, status = 200, number = 2) {
  return api()
    .post(`${REPO_PATH}/pulls/${number}/reviews`)
    .reply(
      status,
      restReply('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', record(sent, 'review'), () =>
        status < 300 ? { id: 80 } : { message: status === 422 ? 'Unprocessable Entity' : 'Server Error' },
      ),
    );
}

/** The head's recursive git tree: `blobs` maps path to size (every other path does not exist at head). */
export function mockTree(sent: Sent, blobs: Record<string, number>, sha = HEAD, status = 200) {
  return api()
    .get(`${REPO_PATH}/git/trees/${sha}`)
    .query({ recursive: '1' })
    .reply(
      status,
      restReply('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', record(sent, 'tree'), () =>
        status < 300
          ? { sha, truncated: false, tree: Object.entries(blobs).map(([path, size]) => ({ path, mode: '100644', type: 'blob', sha: 'c'.repeat(40), size })) }
          : { message: 'Server Error' },
      ),
    );
}

export function mockRestBlob(oid: string, bytes: Uint8Array) {
  return api()
    .get(`${REPO_PATH}/git/blobs/${oid}`)
    .reply(200, { sha: oid, size: bytes.length, encoding: 'base64', content: Buffer.from(bytes).toString('base64') });
}

export const bodiesOf = (sent: Sent, name: string) => sent.filter((s) => s.name === name).map((s) => s.body as Record<string, unknown>);

/** app/settings.py gains two unsafe settings, three lines apart: two findings. */
export const settingsPatch = ['@@ -1,2 +1,6 @@', ' import os', '+DEBUG = unsafe', '+', '+', '+CACHE = unsafe', " NAME = 'x'"].join('\n');
export const settingsHead = ['import os', 'DEBUG = unsafe', '', '', 'CACHE = unsafe', "NAME = 'x'", ''].join('\n');
export const debugFingerprint = fingerprint('test-unsafe', 'app/settings.py', 'DEBUG');
export const cacheFingerprint = fingerprint('test-unsafe', 'app/settings.py', 'CACHE');

/** Everything a review of the two-finding pull request reads, up to the thread listing. */
export function mockSettingsPullRequest(sent: Sent, checkRunId: number, headSha = HEAD, installation = 1) {
  mockInstallationToken(installation);
  mockCreateCheckRun(sent, checkRunId, headSha);
  mockNoConfig(sent, { [`${headSha}:app/settings.py`]: { text: settingsHead } }, BASE, headSha);
  mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: settingsPatch }]);
}

