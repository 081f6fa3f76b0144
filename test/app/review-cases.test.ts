// The App's harder cases against a mocked GitHub: repeat pushes, fixed findings, large pull requests, reruns, forks, failures.
import { describe, expect, test } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { fingerprintMarker } from '../../src/github/review-comments.js';
import { api, examplePayload, mockInstallationToken } from '../github/helpers/github-api.js';
import {
  BASE,
  HEAD,
  cacheFingerprint,
  debugFingerprint,
  mockSettingsPullRequest,
  settingsHead,
  settingsPatch,
  REPO_PATH,
  apiCallsLogged,
  bodiesOf,
  mockBlobs,
  mockCreateCheckRun,
  mockFiles,
  mockNoConfig,
  mockResolve,
  mockReview,
  mockThreads,
  mockTree,
  mockUpdateCheckRun,
  startApp,
  useMockedGitHub,
  type Sent,
} from './helpers/mock-github.js';
import { unsafeSetting } from './helpers/test-checks.js';

useMockedGitHub();


const pullRequestEvent = (action: string, headSha = HEAD) => {
  const payload = examplePayload<{ pull_request: { head: { sha: string; repo: Record<string, unknown> } } }>('pull_request', 'synchronize');
  Object.assign(payload, { action });
  payload.pull_request.head.sha = headSha;
  return payload;
};

describe('repeat pushes', () => {
  test('synchronize with every fingerprint already posted by the app posts no review', async () => {
    const sent: Sent = [];
    const { probot, queue, logs } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 11);
    mockThreads(sent, [
      { id: 'T1', path: 'app/settings.py', body: `earlier comment\n${fingerprintMarker(debugFingerprint)}` },
      { id: 'T2', path: 'app/settings.py', body: `earlier comment\n${fingerprintMarker(cacheFingerprint)}`, isResolved: true },
    ]);
    mockUpdateCheckRun(sent, 11);

    await probot.receive({ id: 'sync-1', name: 'pull_request', payload: pullRequestEvent('synchronize') } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'review')).toEqual([]);
    expect(bodiesOf(sent, 'update 11')[0]).toMatchObject({ conclusion: 'failure', output: { title: '2 blocking findings' } });
    // DEBUG's open thread shows it on the diff; CACHE's thread is resolved, so it is annotated instead.
    expect((bodiesOf(sent, 'update 11')[0]!.output as { annotations: Array<{ start_line: number }> }).annotations.map((a) => a.start_line)).toEqual([5]);
    expect(bodiesOf(sent, 'threads')[0]!.query).toContain('isOutdated');
    // The settings and the content in one query, then the threads.
    expect(apiCallsLogged(logs)[0]).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      graphql: 2,
    });
  });

  test('a finding whose earlier comment is outdated is annotated; one whose comment GitHub still shows is not', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 14);
    mockThreads(sent, [
      { id: 'T1', path: 'app/settings.py', body: fingerprintMarker(debugFingerprint), isOutdated: true },
      { id: 'T2', path: 'app/settings.py', body: fingerprintMarker(cacheFingerprint) },
    ]);
    mockUpdateCheckRun(sent, 14);

    await probot.receive({ id: 'sync-outdated', name: 'pull_request', payload: pullRequestEvent('synchronize') } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'review')).toEqual([]);
    const completion = bodiesOf(sent, 'update 14')[0] as { output: { summary: string; annotations: Array<{ start_line: number }> } };
    expect(completion.output.annotations.map((a) => a.start_line)).toEqual([2]);
    expect(completion.output.summary).toContain('Where the findings are: 1 has an inline review comment; 1 is annotated on its line.');
  });

  test("a marker in someone else's comment does not silence a finding", async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 12);
    mockThreads(sent, [
      { id: 'T1', path: 'app/settings.py', body: fingerprintMarker(debugFingerprint) },
      { id: 'T2', path: 'app/settings.py', body: `looks fine ${fingerprintMarker(cacheFingerprint)}`, author: 'mallory' },
    ]);
    mockReview(sent);
    mockUpdateCheckRun(sent, 12);

    await probot.receive({ id: 'sync-2', name: 'pull_request', payload: pullRequestEvent('synchronize') } as never);
    await queue().idle();

    const [review] = bodiesOf(sent, 'review');
    expect((review!.comments as Array<{ line: number; body: string }>).map((c) => [c.line, c.body.endsWith(fingerprintMarker(cacheFingerprint))])).toEqual([[5, true]]);
  });

  test("resolves the app's open thread whose finding is gone, and leaves the others", async () => {
    const sent: Sent = [];
    const { probot, queue, logs } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 13);
    const gone = fingerprint('test-unsafe', 'app/settings.py', 'TIMEOUT');
    mockThreads(sent, [
      { id: 'T1', path: 'app/settings.py', body: fingerprintMarker(debugFingerprint) },
      { id: 'T2', path: 'app/settings.py', body: fingerprintMarker(cacheFingerprint) },
      { id: 'T-fixed', path: 'app/settings.py', body: fingerprintMarker(gone) },
      { id: 'T-done', path: 'app/settings.py', body: fingerprintMarker(fingerprint('test-unsafe', 'app/settings.py', 'OLD')), isResolved: true },
      { id: 'T-human', path: 'app/settings.py', body: fingerprintMarker(gone), author: 'octocat' },
    ]);
    mockResolve(sent);
    mockUpdateCheckRun(sent, 13);

    await probot.receive({ id: 'sync-3', name: 'pull_request', payload: pullRequestEvent('synchronize') } as never);
    await queue().idle();

    const [resolve] = bodiesOf(sent, 'resolve');
    expect(resolve!.variables).toEqual({ t0: 'T-fixed' });
    expect(resolve!.query).toContain('r0: resolveReviewThread(input: { threadId: $t0 })');
    expect(bodiesOf(sent, 'review')).toEqual([]);
    expect(logs.find((l) => l.msg === 'review completed')).toMatchObject({ resolved: 1, comments: 0 });
  });
});

describe('large pull requests', () => {
  test('reads 120 files over two pages, caps comments at 30, and annotates the other 90 in two requests', async () => {
    const sent: Sent = [];
    const { probot, queue, logs } = await startApp([unsafeSetting]);
    const paths = Array.from({ length: 120 }, (_, i) => `src/f${String(i).padStart(3, '0')}.py`);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 21);
    mockNoConfig(sent);
    mockFiles(paths.map((filename) => ({ filename, status: 'added', patch: '@@ -0,0 +1 @@\n+LEVEL = unsafe' })));
    // More than one query's worth of reads: the tree is read once, and with the sizes it gives, the 120
    // small files go in one query instead of three.
    mockTree(sent, Object.fromEntries([...paths.map((p) => [p, 15]), ['README.md', 10]]));
    mockBlobs(sent, Object.fromEntries(paths.map((p) => [`${HEAD}:${p}`, { text: 'LEVEL = unsafe\n' }])));
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 21, 2);

    await probot.receive({ id: 'big-1', name: 'pull_request', payload: pullRequestEvent('opened') } as never);
    await queue().idle();

    const [review] = bodiesOf(sent, 'review');
    expect((review!.comments as Array<{ path: string }>).map((c) => c.path)).toEqual(paths.slice(0, 30));
    const updates = bodiesOf(sent, 'update 21') as Array<{ status?: string; conclusion?: string; output: { title: string; summary: string; annotations: Array<{ path: string }> } }>;
    expect(updates.map((u) => [u.status, u.conclusion, u.output.annotations.length])).toEqual([
      ['completed', 'failure', 50],
      [undefined, undefined, 40],
    ]);
    // The findings beyond the cap are annotated, and only those: the commented ones are not repeated.
    expect(updates.flatMap((u) => u.output.annotations.map((a) => a.path))).toEqual(paths.slice(30));
    expect(updates[0]!.output.summary).toContain('> 90 more new findings on the diff have no inline comment: a review carries at most 30 inline comments (`review.max_comments`), given to the most severe findings first.');
    expect(updates[0]!.output.summary).toContain('Where the findings are: 30 have an inline review comment; 90 are annotated on their lines.');
    expect(new Set(updates.map((u) => u.output.summary)).size).toBe(1);
    expect(apiCallsLogged(logs)[0]).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 2,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 2,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': 1,
      graphql: 3,
    });
  });
});

describe('GitHub failing on the review', () => {
  test.each([422, 500])('a %i on the review still completes the check run and says why', async (status) => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 31);
    mockThreads(sent, []);
    mockReview(sent, status);
    // A 500 may hide a review that landed: before each of the 5 retries the threads are listed again.
    if (status === 500) {
      for (let retry = 0; retry < 5; retry++) {
        mockThreads(sent, []);
        mockReview(sent, status);
      }
    }
    mockUpdateCheckRun(sent, 31);

    await probot.receive({ id: `fail-${status}`, name: 'pull_request', payload: pullRequestEvent('opened') } as never);
    await queue().idle();

    const [completion] = bodiesOf(sent, 'update 31') as Array<{ conclusion: string; output: { summary: string; annotations: unknown[] } }>;
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.annotations).toHaveLength(2);
    const reason = status === 422 ? 'GitHub answered 422 (Unprocessable Entity)' : 'GitHub answered 500 (Server Error)';
    expect(completion!.output.summary).toContain(`> The inline review could not be posted: ${reason}. The findings are annotated instead, wherever their file still exists.`);
    expect(completion!.output.summary).toContain('Where the findings are: 2 are annotated on their lines.');
  });

  test('a failure before the findings are known, after every retry, fails the check run closed with the reason and how to re-run', async () => {
    const sent: Sent = [];
    const { probot, queue, waits } = await startApp([unsafeSetting]);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 32);
    mockNoConfig(sent);
    api().get(`${REPO_PATH}/pulls/2/files`).query({ per_page: '100', page: '1' }).times(6).reply(502, { message: 'Bad Gateway' });
    mockUpdateCheckRun(sent, 32);

    await probot.receive({ id: 'fail-files', name: 'pull_request', payload: pullRequestEvent('opened') } as never);
    await queue().idle();

    expect(waits).toHaveLength(5);
    const [completion] = bodiesOf(sent, 'update 32') as Array<{ conclusion: string; output: { title: string; summary: string } }>;
    expect(completion!.conclusion).toBe('failure');
    expect(completion!.output.title).toBe('Not reviewed: the review could not finish');
    expect(completion!.output.summary).toContain('the review stopped because GitHub answered 502 (Bad Gateway)');
    expect(completion!.output.summary).toContain('**Re-run**');
  });
});

describe('superseded pushes', () => {
  test('a newer push completes the older check run as neutral, naming the commit that replaced it', async () => {
    const sent: Sent = [];
    const NEWER = 'd'.repeat(40);
    const { probot, queue } = await startApp([unsafeSetting]);
    // Probot caches the installation token: one exchange serves both reviews.
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 41, HEAD);
    // The older push's content is asked for with its settings once its files list comes back.
    mockNoConfig(sent, { [`${HEAD}:app/settings.py`]: { text: settingsHead } }, BASE, HEAD);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let filesAsked!: () => void;
    const asked = new Promise<void>((resolve) => (filesAsked = resolve));
    api()
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: '100', page: '1' })
      .reply(200, async () => {
        filesAsked();
        await held;
        return [{ filename: 'app/settings.py', status: 'modified', changes: 5, patch: settingsPatch }];
      });
    mockUpdateCheckRun(sent, 41);
    // The newer push is reviewed in full once the older review has stopped.
    mockCreateCheckRun(sent, 42, NEWER);
    mockNoConfig(sent, { [`${NEWER}:app/settings.py`]: { text: settingsHead } }, BASE, NEWER);
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: settingsPatch }]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 42);

    await probot.receive({ id: 'push-1', name: 'pull_request', payload: pullRequestEvent('synchronize', HEAD) } as never);
    await asked;
    await probot.receive({ id: 'push-2', name: 'pull_request', payload: pullRequestEvent('synchronize', NEWER) } as never);
    release();
    await queue().idle();

    expect(bodiesOf(sent, 'update 41')).toEqual([
      {
        status: 'completed',
        conclusion: 'neutral',
        output: {
          title: `Superseded by ${NEWER.slice(0, 7)}`,
          summary: `A newer push to this pull request (commit ${NEWER}) replaced this one before its review finished. See the check run on ${NEWER.slice(0, 7)}.`,
        },
      },
    ]);
    expect(bodiesOf(sent, 'update 42')[0]).toMatchObject({ conclusion: 'failure' });
    expect(bodiesOf(sent, 'review')).toHaveLength(1);
  });

  test('a redelivered webhook is reviewed once', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 51);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 51);

    const payload = pullRequestEvent('opened');
    await probot.receive({ id: 'same-delivery', name: 'pull_request', payload } as never);
    await probot.receive({ id: 'same-delivery', name: 'pull_request', payload } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'create 51')).toHaveLength(1);
  });
});

describe('rerequested and forks', () => {
  test('check_suite.rerequested reviews the head of the listed pull request again', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    const payload = examplePayload<{ installation: { id: number }; check_suite: { head_sha: string } }>('check_suite', 'rerequested');
    expect(payload.check_suite.head_sha).toBe(HEAD);
    mockSettingsPullRequest(sent, 61, HEAD, payload.installation.id);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 61);

    await probot.receive({ id: 'suite-1', name: 'check_suite', payload } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'create 61')).toHaveLength(1);
    expect(bodiesOf(sent, 'update 61')[0]).toMatchObject({ conclusion: 'failure' });
  });

  test('check_run.rerequested without listed pull requests (a fork) finds the pull request by its head', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    const payload = examplePayload<{ repository: Record<string, unknown>; check_run: { head_sha: string; pull_requests: unknown[] } }>('check_run', 'rerequested');
    expect(payload.check_run.pull_requests).toEqual([]);
    // The recorded payload belongs to another repository; point it at the one mocked here.
    const pr = examplePayload<{ repository: Record<string, unknown> }>('pull_request', 'opened');
    payload.repository = pr.repository;
    payload.check_run.head_sha = HEAD;
    api()
      .get(`${REPO_PATH}/pulls`)
      .query({ state: 'open', per_page: '100', page: '1' })
      .reply(200, [
        { number: 1, head: { sha: 'e'.repeat(40) }, base: { sha: BASE } },
        { number: 2, head: { sha: HEAD }, base: { sha: BASE } },
      ]);
    mockSettingsPullRequest(sent, 62);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 62);

    await probot.receive({ id: 'run-1', name: 'check_run', payload } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'update 62')[0]).toMatchObject({ conclusion: 'failure' });
  });

  test('a pull request from a fork gets its check run and content reads in the base repository', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    const payload = pullRequestEvent('opened');
    Object.assign(payload.pull_request.head.repo, { full_name: 'forker/Hello-World', fork: true, owner: { login: 'forker', id: 99, type: 'User' } });
    mockSettingsPullRequest(sent, 71);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 71);

    await probot.receive({ id: 'fork-1', name: 'pull_request', payload } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'create 71')[0]).toMatchObject({ head_sha: HEAD });
    for (const blobs of bodiesOf(sent, 'blobs')) expect(blobs.variables).toMatchObject({ owner: 'Codertocat', name: 'Hello-World' });
    expect(bodiesOf(sent, 'review')).toHaveLength(1);
  });
});
