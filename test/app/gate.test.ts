// The merge gate fails closed: faults, lost answers and hung calls never turn a review into `success` with a finding missing.
import { describe, expect, test } from 'vitest';
import secrets from '../../checks/secrets.js';
import { defineCheck } from '../../src/engine/define-check.js';
import { digest, fingerprint } from '../../src/engine/fingerprint.js';
import { api, examplePayload, graphqlMatch, mockInstallationToken } from '../github/helpers/github-api.js';
import {
  APP_SLUG,
  BASE,
  HEAD,
  REPO_PATH,
  bodiesOf,
  mockBlobs,
  mockCreateCheckRun,
  mockFiles,
  mockNoConfig,
  noReadmes,
  mockReview,
  mockThreads,
  mockUpdateCheckRun,
  startApp,
  useMockedGitHub,
  type Sent,
} from './helpers/mock-github.js';
import { unsafeSetting } from './helpers/test-checks.js';

useMockedGitHub();

const pullRequestEvent = () => examplePayload('pull_request', 'synchronize');

// A live-looking Stripe key, assembled at run time so the repository holds none.
const STRIPE_KEY = ['sk', 'live', 'N7xQ2mVb9KpL4tRw8YsE3uHc'].join('_');
const configPatch = ['@@ -0,0 +1,2 @@', '+import os', `+STRIPE_KEY = "${STRIPE_KEY}"`].join('\n');
const configHead = ['import os', `STRIPE_KEY = "${STRIPE_KEY}"`, ''].join('\n');

interface Completion {
  status?: string;
  conclusion: string;
  output: { title: string; summary: string; annotations?: Array<{ path: string; start_line: number }> };
}

const completions = (sent: Sent, id: number) => bodiesOf(sent, `update ${id}`) as unknown as Completion[];

/** The content read of app/config.py, answered with `status` (and headers) instead of the blob. */
function failContentRead(status: number, times: number, headers: Record<string, string> = {}, message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.') {
  return api()
    .post('/graphql', graphqlMatch((b) => Object.values(b.variables ?? {}).includes(`${HEAD}:app/config.py`)))
    .times(times)
    .reply(status, { message }, headers);
}

/**
 * A pull request that adds app/config.py holding the key, up to its first query, which the test mocks
 * (after any failure it injects): mockNoConfig(sent, STRIPE_READ) reads the settings and the file together.
 */
function mockStripePullRequest(sent: Sent, id: number) {
  mockInstallationToken(1);
  mockCreateCheckRun(sent, id);
  mockFiles([{ filename: 'app/config.py', status: 'added', patch: configPatch }]);
}

const STRIPE_READ = { [`${HEAD}:app/config.py`]: { text: configHead }, ...noReadmes() };
/** The head of the app/settings.py that several tests modify, read with the settings. */
const SAFE_READ = { [`${HEAD}:app/settings.py`]: { text: 'import os\nMODE = safe\n' } };

describe('reads that fail are retried, and a review that still misses something fails', () => {
  test('one 403 secondary-limit answer on the content read: retried, the key is found, the check fails', async () => {
    const sent: Sent = [];
    const { probot, queue, waits } = await startApp([secrets]);
    mockStripePullRequest(sent, 41);
    failContentRead(403, 1);
    mockNoConfig(sent, STRIPE_READ);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 41);

    await probot.receive({ id: 'secondary-403', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(waits).toHaveLength(1);
    const [completion] = completions(sent, 41);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('1 blocking finding');
    // The finding has its inline comment, so it is not annotated too.
    expect(bodiesOf(sent, 'review')[0]!.comments).toMatchObject([{ path: 'app/config.py', line: 2 }]);
    expect(completion!.output.annotations).toBeUndefined();
  });

  test('four 429s with retry-after: 60 are waited out for 60 s each, and the key is found', async () => {
    const sent: Sent = [];
    const { probot, queue, waits } = await startApp([secrets]);
    mockStripePullRequest(sent, 42);
    failContentRead(429, 4, { 'retry-after': '60' }, 'API rate limit exceeded');
    mockNoConfig(sent, STRIPE_READ);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 42);

    await probot.receive({ id: 'retry-after', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(waits).toEqual([60_000, 60_000, 60_000, 60_000]);
    expect(completions(sent, 42)[0]).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking finding' } });
  });

  test('x-ratelimit-reset is honoured when the primary limit is spent', async () => {
    const sent: Sent = [];
    const now = 1_800_000_000_000;
    const { probot, queue, waits } = await startApp([secrets], 4, { now: () => now });
    mockStripePullRequest(sent, 43);
    failContentRead(403, 1, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }, 'API rate limit exceeded for installation');
    mockNoConfig(sent, STRIPE_READ);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 43);

    await probot.receive({ id: 'reset', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(waits).toEqual([31_000]);
    expect(completions(sent, 43)[0]!.conclusion).toBe('failure');
  });

  test('a content read that fails after every retry: listed as not reviewed, the other file still reviewed, the check fails', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 44);
    mockNoConfig(sent, SAFE_READ);
    mockFiles([
      { filename: 'app/settings.py', status: 'modified', patch: ['@@ -1,1 +1,2 @@', ' import os', '+MODE = safe'].join('\n') },
      // No patch: its content must be read, and every read fails.
      { filename: 'data/big.env', status: 'added', changes: 1 },
    ]);
    api()
      .post('/graphql', graphqlMatch((b) => Object.values(b.variables ?? {}).includes(`${HEAD}:data/big.env`)))
      .times(6)
      .reply(502, { message: 'Bad Gateway' });
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 44);

    await probot.receive({ id: 'read-fails', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 44);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('Not fully reviewed (1 problem) · No blocking findings');
    expect(completion!.output.summary).toContain('- `data/big.env`: could not be read: GitHub answered 502');
    expect(completion!.output.summary).toContain('This check fails because parts of this change were not reviewed');
    expect(completion!.output.summary).toContain('**Re-run**');
  });

  test('a check that throws: its failure fails the check run, and the other checks\' findings are kept', async () => {
    const sent: Sent = [];
    const throwing = defineCheck({
      id: 'test-throws',
      title: 'Throws',
      severity: 'failure',
      scope: 'structure',
      messages: { x: 'x' },
      remediation: 'n/a',
      async run() {
        throw new Error('unexpected input');
      },
    });
    const { probot, queue } = await startApp([unsafeSetting, throwing]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 45);
    mockNoConfig(sent, SAFE_READ);
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: ['@@ -1,1 +1,2 @@', ' import os', '+MODE = safe'].join('\n') }]);
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 45);

    await probot.receive({ id: 'throws', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 45);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.summary).toContain('- `app/settings.py`: not reviewed by test-throws: unexpected input');
  });

  test('`on_error: neutral` on the base branch chooses fail-open for what was not reviewed', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 46);
    mockBlobs(sent, {
      [`${BASE}:.github/readiness.yml`]: { text: 'on_error: neutral\n' },
      [`${HEAD}:.github/readiness.yml`]: null,
      [`${BASE}:.readinessignore`]: null,
      [`${HEAD}:.readinessignore`]: null,
    });
    mockFiles([{ filename: 'data/big.env', status: 'added', changes: 1 }]);
    api()
      .post('/graphql', graphqlMatch((b) => Object.values(b.variables ?? {}).includes(`${HEAD}:data/big.env`)))
      .times(6)
      .reply(502, { message: 'Bad Gateway' });
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 46);

    await probot.receive({ id: 'fail-open', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 46);
    expect(completion!.conclusion).toBe('neutral');
    expect(completion!.output.summary).toContain('`on_error: neutral`');
  });
});

describe('time limits', () => {
  test('a hung API call is aborted after the request timeout and tried again', async () => {
    const sent: Sent = [];
    const { probot, queue, waits } = await startApp([secrets], 4, { requestTimeoutMs: 200 });
    mockStripePullRequest(sent, 51);
    api()
      .post('/graphql', graphqlMatch((b) => Object.values(b.variables ?? {}).includes(`${HEAD}:app/config.py`)))
      .delay(60_000)
      .reply(200, { data: { repository: null } });
    mockNoConfig(sent, STRIPE_READ);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 51);

    await probot.receive({ id: 'hung', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(waits).toHaveLength(1);
    expect(completions(sent, 51)[0]).toMatchObject({ conclusion: 'failure', output: { title: '1 blocking finding' } });
  });

  test('a review that cannot finish before its deadline fails closed, naming the time limit', async () => {
    const sent: Sent = [];
    let clock = 1_800_000_000_000;
    const { probot, queue } = await startApp([secrets], 4, { now: () => clock, sleep: async (ms) => void (clock += ms), reviewDeadlineMs: 90_000 });
    mockStripePullRequest(sent, 52);
    failContentRead(429, 2, { 'retry-after': '60' }, 'API rate limit exceeded');
    mockUpdateCheckRun(sent, 52);

    await probot.receive({ id: 'deadline', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 52);
    // The file is read with the settings, so without them nothing is reviewed: the whole review fails closed.
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('Not reviewed: the review ran out of time');
  });

  test('a 403 on the completion is retried until the check run is completed', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 53);
    mockNoConfig(sent, SAFE_READ);
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: ['@@ -1,1 +1,2 @@', ' import os', '+MODE = safe'].join('\n') }]);
    mockThreads(sent, []);
    api().patch(`${REPO_PATH}/check-runs/53`).reply(403, { message: 'Forbidden' });
    api().patch(`${REPO_PATH}/check-runs/53`).reply(403, { message: 'You have exceeded a secondary rate limit.' });
    mockUpdateCheckRun(sent, 53);

    await probot.receive({ id: 'completion-403', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(completions(sent, 53)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
  });
});

describe('writes whose answer was lost are not repeated', () => {
  test('a check-run create answered 502 after GitHub made it: the run is found by external_id, not made again', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockInstallationToken(1);
    api().post(`${REPO_PATH}/check-runs`).reply(502, { message: 'Bad Gateway' });
    api()
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ id: 61, external_id: `orphan:${HEAD}`, app: { slug: APP_SLUG } }, { id: 62, external_id: `lost-create:${HEAD}`, app: { slug: APP_SLUG } }] });
    mockNoConfig(sent, SAFE_READ);
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: ['@@ -1,1 +1,2 @@', ' import os', '+MODE = safe'].join('\n') }]);
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 62);

    await probot.receive({ id: 'lost-create', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(completions(sent, 62)).toMatchObject([{ conclusion: 'success' }]);
  });

  test('a review post answered 502 after GitHub stored it is not posted again', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([secrets]);
    mockStripePullRequest(sent, 63);
    mockNoConfig(sent, STRIPE_READ);
    mockThreads(sent, []);
    mockReview(sent, 502);
    // Listed again before the retry: the comment the lost answer was about is there.
    api()
      .post('/graphql', graphqlMatch((b) => b.query.includes('reviewThreads')))
      .reply(200, () => {
        const [posted] = bodiesOf(sent, 'review') as Array<{ comments: Array<{ body: string; path: string }> }>;
        const comment = posted!.comments[0]!;
        const first = { body: comment.body, viewerDidAuthor: true, author: { __typename: 'Bot', login: APP_SLUG } };
        return { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ id: 'T1', isResolved: false, path: comment.path, comments: { nodes: [first] } }] } } } } };
      });
    mockUpdateCheckRun(sent, 63);

    await probot.receive({ id: 'lost-review', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'review')).toHaveLength(1);
    const [completion] = completions(sent, 63);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.summary).not.toContain('could not be posted');
  });
});

describe('large files and large pull requests', () => {
  // 3 MB of harmless lines, then the key on the last line.
  const filler = 'x = 1\n'.repeat(Math.ceil((3 * 1024 * 1024) / 6));
  const bigHead = `${filler}STRIPE_KEY = "${STRIPE_KEY}"\n`;
  const lastLine = filler.split('\n').length;
  const bigPatch = [`@@ -${lastLine - 1},1 +${lastLine - 1},2 @@`, ' x = 1', `+STRIPE_KEY = "${STRIPE_KEY}"`].join('\n');

  test('a 3 MB file is read whole through the raw blob API, and the key on its last line is found', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([secrets]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 71);
    mockNoConfig(sent, { [`${HEAD}:app/big.py`]: { text: bigHead.slice(0, 1000), truncated: true, size: Buffer.byteLength(bigHead), oid: 'd'.repeat(40) }, ...noReadmes() });
    mockFiles([{ filename: 'app/big.py', status: 'modified', patch: bigPatch }]);
    api()
      .get(`${REPO_PATH}/git/blobs/${'d'.repeat(40)}`)
      .matchHeader('accept', /application\/vnd\.github(?:\.v3)?\.raw/)
      .reply(200, bigHead, { 'content-type': 'application/vnd.github.raw' });
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 71);

    await probot.receive({ id: 'big-file', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 71);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('1 blocking finding');
    // The finding has its inline comment, so it is not annotated too.
    expect(bodiesOf(sent, 'review')[0]!.comments).toMatchObject([{ path: 'app/big.py', line: lastLine }]);
    expect(completion!.output.annotations).toBeUndefined();
  });

  test('a file over 25 MB a check needed is listed as not reviewed, and the check fails', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([secrets]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 72);
    mockNoConfig(sent, { [`${HEAD}:app/huge.py`]: { text: 'x = 1\n', truncated: true, size: 30 * 1024 * 1024 }, ...noReadmes() });
    mockFiles([{ filename: 'app/huge.py', status: 'modified', patch: bigPatch }]);
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 72);

    await probot.receive({ id: 'huge-file', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 72);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.summary).toContain('- `app/huge.py`: larger than 25 MB: not reviewed by secrets');
  });

  test('more files than the files API lists (3,050 deleted, the secret in file 3,051) fails closed and says why', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([secrets]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 73);
    mockNoConfig(sent);
    const deleted = Array.from({ length: 3000 }, (_, i) => ({ filename: `old/f${String(i).padStart(4, '0')}.txt`, status: 'removed', patch: '@@ -1,1 +0,0 @@\n-gone' }));
    // Every page links a next one, the 30th too: GitHub has more files than it lists.
    for (let page = 1; page <= 30; page++) {
      const items = deleted.slice((page - 1) * 100, page * 100).map((f) => ({ sha: 'b'.repeat(40), additions: 0, deletions: 1, changes: 1, ...f }));
      api()
        .get(`${REPO_PATH}/pulls/2/files`)
        .query({ per_page: '100', page: String(page) })
        .reply(200, items, { link: `<https://api.github.com${REPO_PATH}/pulls/2/files?per_page=100&page=${page + 1}>; rel="next"` });
    }
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 73);

    await probot.receive({ id: 'many-files', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 73);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.summary).toContain("changes more files than GitHub's files API lists (3,000): the files after those were not reviewed");
  });
});

describe('suppressions cannot be added by the pull request they would silence', () => {
  test('a .readinessignore the pull request adds with its own secret\'s fingerprint silences nothing and is listed as proposed', async () => {
    const sent: Sent = [];
    const key = fingerprint('secrets', 'app/config.py', `stripe-secret-key:${digest(STRIPE_KEY)}`);
    const { probot, queue } = await startApp([secrets]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 81);
    mockBlobs(sent, {
      [`${BASE}:.github/readiness.yml`]: null,
      [`${HEAD}:.github/readiness.yml`]: null,
      [`${BASE}:.readinessignore`]: null,
      [`${HEAD}:.readinessignore`]: { text: `${key} # test key, not live\n` },
      ...STRIPE_READ,
    });
    mockFiles([
      { filename: '.readinessignore', status: 'added', patch: `@@ -0,0 +1,1 @@\n+${key} # test key, not live` },
      { filename: 'app/config.py', status: 'added', patch: configPatch },
    ]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 81);

    await probot.receive({ id: 'own-ignore', name: 'pull_request', payload: pullRequestEvent() } as never);
    await queue().idle();

    const [completion] = completions(sent, 81);
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('1 blocking finding');
    expect(completion!.output.summary).toContain('### Proposed suppressions (1)');
    expect(completion!.output.summary).toContain(`- \`${key}\` would silence`);
  });
});
