// End to end through Probot with a mocked GitHub: one pull request reviewed into a check run and one review.
import { describe, expect, test } from 'vitest';
import { mockInstallationToken, examplePayload } from '../github/helpers/github-api.js';
import {
  HEAD,
  MERGE_BASE,
  bodiesOf,
  mockBlobs,
  mockCompare,
  mockCreateCheckRun,
  mockFiles,
  mockNoConfig,
  mockRestBlob,
  mockReview,
  mockThreads,
  mockUpdateCheckRun,
  startApp,
  apiCallsLogged,
  useMockedGitHub,
  type Sent,
} from './helpers/mock-github.js';
import { testChecks } from './helpers/test-checks.js';
import { fingerprint } from '../../src/engine/fingerprint.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const settingsPatch = ['@@ -1,3 +1,4 @@', ' import os', '-DEBUG = safe', '+DEBUG = unsafe', '+CACHE = unsafe', " NAME = 'x'"].join('\n');
const dockerfilePatch = ['@@ -1,4 +1,3 @@', ' FROM python:3.12-slim', '-HEALTHCHECK CMD curl -f http://localhost/ || exit 1', ' COPY . /app', ' CMD ["python", "app.py"]'].join('\n');
const settingsHead = ['import os', 'DEBUG = unsafe', 'CACHE = unsafe', "NAME = 'x'", ''].join('\n');
const dockerfileHead = ['FROM python:3.12-slim', 'COPY . /app', 'CMD ["python", "app.py"]', ''].join('\n');
const iniPatch = ['@@ -8,3 +8,3 @@', ' a = 1', '-b = 2', '+b = 3', ' c = 4'].join('\n');
const iniHead = ['[service]', 'mode = wide-open', 'port = 80', '', '', '', '', 'a = 1', 'b = 3', 'c = 4', ''].join('\n');

const files = [
  { filename: 'Dockerfile', status: 'modified', patch: dockerfilePatch },
  { filename: 'app/settings.py', status: 'modified', patch: settingsPatch },
  { filename: 'assets/logo.png', status: 'added', changes: 0 },
  { filename: 'config/app.ini', status: 'modified', patch: iniPatch },
  // GitHub leaves out the patch of very large diffs: this one is diffed locally.
  { filename: 'data/big.txt', status: 'modified', changes: 2 },
];


useMockedGitHub();

describe('pull_request.opened', () => {
  test('posts a failing check run with annotations and one review with inline comments and suggestions', async () => {
    const sent: Sent = [];
    const { probot, queue, logs } = await startApp(testChecks);
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 7);
    // Read ahead of the checks, in the settings' query: the patched files and the neighbours checks look
    // up beside the Dockerfile (none exists). The bases of Dockerfile and app/settings.py are rebuilt
    // from their patches; the patchless files are read in a second query.
    mockNoConfig(sent, {
      [`${HEAD}:Dockerfile`]: { text: dockerfileHead },
      [`${HEAD}:app/settings.py`]: { text: settingsHead },
      [`${HEAD}:config/app.ini`]: { text: iniHead },
      ...Object.fromEntries(
        ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml', 'Dockerfile.prod', 'Dockerfile.production', 'prod.Dockerfile', 'production.Dockerfile'].map((p) => [`${HEAD}:${p}`, null]),
      ),
    });
    mockFiles(files);
    mockCompare();
    mockBlobs(sent, {
      [`${HEAD}:assets/logo.png`]: { binary: true, size: PNG.length, oid: 'a'.repeat(40) },
      [`${HEAD}:data/big.txt`]: { text: 'one\nTOKEN = unsafe\nthree\n' },
      [`${MERGE_BASE}:data/big.txt`]: { text: 'one\ntwo\nthree\n' },
    });
    mockRestBlob('a'.repeat(40), PNG);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 7);

    await probot.receive({ id: 'delivery-1', name: 'pull_request', payload: examplePayload('pull_request', 'opened') } as never);
    await queue().idle();

    const [create] = bodiesOf(sent, 'create 7');
    expect(create).toEqual({
      name: 'Production readiness',
      head_sha: HEAD,
      external_id: `delivery-1:${HEAD}`,
      status: 'in_progress',
      output: { title: 'Reviewing…', summary: `Reviewing the changes at ${HEAD.slice(0, 7)}.` },
    });

    const [review] = bodiesOf(sent, 'review');
    const docs = 'https://github.com/readiness-review/readiness-review/blob/main/checks/';
    expect(review).toEqual({
      commit_id: HEAD,
      event: 'COMMENT',
      body: 'Production readiness: 3 new findings on this push. The **Production readiness** check run has the whole review.',
      comments: [
        {
          path: 'Dockerfile',
          line: 2,
          side: 'LEFT',
          body: [
            '**warning: Healthcheck removed** (`test-healthcheck`)',
            '',
            'The image no longer says how to tell it is healthy.',
            '',
            'Put the `HEALTHCHECK` back.',
            '',
            `[About this check](${docs}test-healthcheck.md)`,
            '',
            `<!-- readiness-review:${fingerprint('test-healthcheck', 'Dockerfile', 'healthcheck')} -->`,
          ].join('\n'),
        },
        {
          path: 'app/settings.py',
          start_line: 2,
          start_side: 'RIGHT',
          line: 3,
          side: 'RIGHT',
          body: [
            '**failure: Unsafe setting** (`test-unsafe`)',
            '',
            'DEBUG, CACHE are set to unsafe, which production must never run with.',
            '',
            '```suggestion',
            'DEBUG = safe',
            'CACHE = safe',
            '```',
            '',
            'Set it to safe:\n\n```ini\nNAME = safe\n```',
            '',
            `[About this check](${docs}test-unsafe.md)`,
            '',
            `<!-- readiness-review:${fingerprint('test-unsafe', 'app/settings.py', 'DEBUG,CACHE')} -->`,
          ].join('\n'),
        },
        expect.objectContaining({ path: 'data/big.txt', line: 2, side: 'RIGHT', body: expect.stringContaining('```suggestion\nTOKEN = safe\n```') }),
      ],
    });

    const [completion] = bodiesOf(sent, 'update 7');
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '3 blocking findings · 1 warning' } });
    const output = completion!.output as { summary: string; annotations: unknown[] };
    // The three findings with an inline comment are not annotated again on their lines. Line 2 of
    // app.ini is outside the diff: it gets an annotation and a summary entry, never a review comment.
    expect(output.annotations).toEqual([
      {
        path: 'config/app.ini',
        start_line: 2,
        end_line: 2,
        annotation_level: 'failure',
        title: 'Wide-open mode (test-ini)',
        message: 'The service runs in wide-open mode.\n\nHow to fix:\nUse `mode = closed`.',
      },
    ]);
    expect(output.summary).toContain('Where the findings are: 3 have an inline review comment; 1 is annotated on its line.');
    expect(output.summary).toContain(`[line 2](https://github.com/Codertocat/Hello-World/blob/${HEAD}/config/app.ini#L2)`);
    expect(output.summary).toContain(`[lines 2-3](https://github.com/Codertocat/Hello-World/blob/${HEAD}/app/settings.py#L2-L3)`);
    expect(output.summary).toContain('| [Unsafe setting](https://github.com/readiness-review/readiness-review/blob/main/checks/test-unsafe.md) `test-unsafe` | 2 | failure |');
    expect(output.summary).toContain('<details><summary>How to fix</summary>');
    expect(output.summary).toContain('`assets/logo.png`: binary file: content checks skipped');
    expect(output.summary).not.toContain('**Summary truncated**');

    // The floor is 1 page + 1 create + 1 completion + 1 review + the content reads; on top come the
    // existing-thread listing and the merge-base lookup a patchless file needs. Content: the settings
    // query with the patched files read ahead, then the patchless file's two sides (with the binary file).
    expect(apiCallsLogged(logs)).toEqual([
      {
        'GET /repos/{owner}/{repo}/compare/{basehead}': 1,
        'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': 1,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
        'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
        'POST /repos/{owner}/{repo}/check-runs': 1,
        'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
        graphql: 3,
      },
    ]);
    const completed = logs.find((l) => l.msg === 'review completed')!;
    expect(completed).toMatchObject({ deliveryId: 'delivery-1', repository: 'Codertocat/Hello-World', pullRequest: 2, headSha: HEAD, comments: 3, annotations: 1, summaryLeftOut: 0 });
    // Logs never carry file content.
    expect(JSON.stringify(logs)).not.toMatch(/unsafe|wide-open|HEALTHCHECK/);
  });
});
