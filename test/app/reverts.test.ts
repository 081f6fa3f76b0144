// A revert pull request: what it puts back was reviewed before the reverted commit, so the App does not report it.
import { describe, expect, test } from 'vitest';
import { api, examplePayload } from '../github/helpers/github-api.js';
import { BASE, HEAD, REPO_PATH, bodiesOf, mockSettingsPullRequest, mockThreads, mockUpdateCheckRun, startApp, useMockedGitHub, type Sent } from './helpers/mock-github.js';
import { unsafeSetting } from './helpers/test-checks.js';

useMockedGitHub();

const REVERTED = 'c'.repeat(40);

describe('revert pull requests', () => {
  test('lines the reverted commit removed and the revert puts back are not reported', async () => {
    const sent: Sent = [];
    const { probot, queue } = await startApp([unsafeSetting]);
    mockSettingsPullRequest(sent, 71);
    api()
      .get(`${REPO_PATH}/pulls/2/commits`)
      .query(true)
      .reply(200, [{ sha: HEAD, parents: [{ sha: BASE }], commit: { message: `Revert "Make the settings safe"\n\nThis reverts commit ${REVERTED}.` } }]);
    api()
      .get(`${REPO_PATH}/commits/${REVERTED}`)
      .query(true)
      .reply(200, { sha: REVERTED, parents: [{ sha: 'd'.repeat(40) }], files: [{ filename: 'app/settings.py', status: 'modified', changes: 2, patch: ['@@ -1,6 +1,4 @@', ' import os', '-DEBUG = unsafe', ' ', ' ', '-CACHE = unsafe', " NAME = 'x'"].join('\n') }] });
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 71);

    const payload = examplePayload<{ pull_request: { title: string; commits: number } }>('pull_request', 'synchronize');
    payload.pull_request.title = 'Revert "Make the settings safe"';
    payload.pull_request.commits = 1;
    await probot.receive({ id: 'revert-1', name: 'pull_request', payload } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'update 71')[0]).toMatchObject({ conclusion: 'success' });
    expect(bodiesOf(sent, 'review')).toEqual([]);
  });
});
