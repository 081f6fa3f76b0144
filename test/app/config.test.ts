// The App with a repository configuration: inheritance, validation, the base-branch rule, suppressions, ignores and review settings.
import { describe, expect, test } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { fingerprintMarker } from '../../src/github/review-comments.js';
import { examplePayload, mockInstallationToken } from '../github/helpers/github-api.js';
import {
  BASE,
  HEAD,
  OWNER,
  apiCallsLogged,
  bodiesOf,
  cacheFingerprint,
  debugFingerprint,
  mockBlobs,
  mockCreateCheckRun,
  mockFiles,
  mockMissingRepository,
  mockResolve,
  mockReview,
  mockThreads,
  mockUpdateCheckRun,
  settingsHead,
  settingsPatch,
  startApp,
  useMockedGitHub,
  type FileEntry,
  type Sent,
} from './helpers/mock-github.js';
import { unsafeSetting } from './helpers/test-checks.js';

useMockedGitHub();

const CONFIG = '.github/readiness.yml';
const DOCS = 'https://github.com/readiness-review/readiness-review/blob/main/docs/configuration.md';
const settingsFile: FileEntry = { filename: 'app/settings.py', status: 'modified', patch: settingsPatch };

interface Completion {
  status: string;
  conclusion: string;
  output: { title: string; summary: string; annotations?: Array<{ path: string; start_line: number; annotation_level: string }> };
}
interface Review {
  comments: Array<{ path: string; line: number; body: string }>;
}
const completionOf = (sent: Sent, id: number) => bodiesOf(sent, `update ${id}`)[0] as unknown as Completion;
const reviewOf = (sent: Sent) => bodiesOf(sent, 'review')[0] as unknown as Review;

function pullRequestEvent(action: string, draft = false) {
  const payload = examplePayload<{ action: string; pull_request: { draft: boolean; head: { sha: string } } }>('pull_request', 'synchronize');
  payload.action = action;
  payload.pull_request.draft = draft;
  payload.pull_request.head.sha = HEAD;
  return payload;
}

const blob = (text: string | null) => (text === null ? null : { text });

/**
 * The first read of every review: the configuration and the suppression list, at the base and at the
 * head (by default the same), and `content`: what is read ahead for the pull request's files, in the same query.
 */
function mockFirstRead(sent: Sent, files: { base?: string | null; head?: string | null; ignore?: string | null; headIgnore?: string | null }, content: Record<string, { text: string } | null> = {}) {
  const base = files.base ?? null;
  const head = files.head === undefined ? base : files.head;
  const ignore = files.ignore ?? null;
  const headIgnore = files.headIgnore === undefined ? ignore : files.headIgnore;
  return mockBlobs(sent, {
    [`${BASE}:${CONFIG}`]: blob(base),
    [`${HEAD}:${CONFIG}`]: blob(head),
    [`${BASE}:.readinessignore`]: blob(ignore),
    [`${HEAD}:.readinessignore`]: blob(headIgnore),
    ...content,
  });
}

/** The content read ahead for settingsFile. */
const SETTINGS_READ = { [`${HEAD}:app/settings.py`]: { text: settingsHead } };

/** A file on the default branch of another repository. */
const mockOtherRepository = (sent: Sent, owner: string, name: string, files: Record<string, string | null>) =>
  mockBlobs(sent, Object.fromEntries(Object.entries(files).map(([path, text]) => [`HEAD:${path}`, blob(text)])), { owner, name });

/** Everything a review of the two-finding pull request reads, with `config` on the base branch, up to the thread listing. */
function mockReviewWithConfig(sent: Sent, id: number, config: string | null) {
  mockInstallationToken(1);
  mockCreateCheckRun(sent, id);
  mockFirstRead(sent, { base: config }, SETTINGS_READ);
  mockFiles([settingsFile]);
}

async function receive(id: string, payload: object = pullRequestEvent('opened')) {
  const { probot, queue, logs } = await startApp([unsafeSetting]);
  await probot.receive({ id, name: 'pull_request', payload } as never);
  await queue().idle();
  return logs;
}

describe('where the settings come from', () => {
  test("precedence: the repository's file over the organisation's .github file over the defaults", async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 201);
    mockFirstRead(sent, { base: '_extends: .github\nreview:\n  max_comments: 5\n' }, SETTINGS_READ);
    mockOtherRepository(sent, OWNER, '.github', { [CONFIG]: 'fail_on: warning\nchecks:\n  test-unsafe:\n    severity: warning\nreview:\n  max_comments: 1\n' });
    mockFiles([settingsFile]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 201);

    const logs = await receive('extends-org');

    // The organisation's file was read from its `.github` repository's default branch.
    expect(bodiesOf(sent, 'blobs').map((b) => b.variables)).toContainEqual({ owner: OWNER, name: '.github', e0: `HEAD:${CONFIG}` });
    const completion = completionOf(sent, 201);
    // fail_on and the severity come from the organisation: two warnings that block.
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.title).toBe('2 blocking findings');
    // Both findings have an inline comment, so neither is annotated too.
    expect(completion.output.annotations).toBeUndefined();
    expect(completion.output.summary).toContain('Settings: `.github/readiness.yml` on the base branch, inheriting `Codertocat/.github:.github/readiness.yml`.');
    // max_comments comes from the repository (5 beats the organisation's 1); suggestions keep their default.
    const { comments } = reviewOf(sent);
    expect(comments.map((c) => c.line)).toEqual([2, 5]);
    for (const c of comments) expect(c.body).toMatch(/^\*\*warning: Unsafe setting\*\*[\s\S]*```suggestion\n/);
    // A typical pull request with an inherited file: the inherited file costs one query, the repository's own none.
    expect(apiCallsLogged(logs)).toEqual([
      {
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
        'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
        'POST /repos/{owner}/{repo}/check-runs': 1,
        'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
        graphql: 3,
      },
    ]);
  });

  test('_extends: owner/repo:path, followed through a chain of inherited files', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 202);
    mockFirstRead(sent, { base: '_extends: acme/policies:readiness/strict.yml\n' }, SETTINGS_READ);
    // A name without an owner in acme's file means one of acme's repositories.
    mockOtherRepository(sent, 'acme', 'policies', { 'readiness/strict.yml': '_extends: policies:readiness/base.yml\nchecks:\n  test-unsafe:\n    severity: notice\n' });
    mockOtherRepository(sent, 'acme', 'policies', { 'readiness/base.yml': 'fail_on: notice\n' });
    mockFiles([settingsFile]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 202);

    const logs = await receive('extends-chain');

    const completion = completionOf(sent, 202);
    expect(completion).toMatchObject({ conclusion: 'failure', output: { title: '2 blocking findings' } });
    expect(completion.output.annotations).toBeUndefined();
    expect(reviewOf(sent).comments.map((c) => c.body.split('\n')[0])).toEqual(['**notice: Unsafe setting** (`test-unsafe`)', '**notice: Unsafe setting** (`test-unsafe`)']);
    expect(completion.output.summary).toContain(
      'Settings: `.github/readiness.yml` on the base branch, inheriting `acme/policies:readiness/strict.yml`, which inherits `acme/policies:readiness/base.yml`.',
    );
    expect(apiCallsLogged(logs)[0]!.graphql).toBe(4);
  });

  test('without a file, the built-in defaults apply and the summary says so', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 203, null);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 203);

    await receive('no-config');

    expect(completionOf(sent, 203).output.summary).toContain('Settings: the built-in defaults (there is no `.github/readiness.yml` on the base branch).');
  });
});

describe('an invalid configuration fails the check run and reviews nothing', () => {
  const line = (n: number | null, setting: string | null, message: string, file = CONFIG) =>
    `- \`${file}\`${n === null ? '' : ` line ${n}`}: ${setting === null ? '' : `\`${setting}\` `}${message}`;
  const unreadable = (name: string) => `names ${name}, which does not exist or which the App cannot read: correct the name, or install the App on ${name.split(':')[0]} too`;
  const ORG_FILE = `${OWNER}/.github:${CONFIG}`;
  const org = (text: string | null) => (sent: Sent) => mockOtherRepository(sent, OWNER, '.github', { [CONFIG]: text });

  const cases: Array<{ name: string; config: string; others?: (sent: Sent) => unknown; problems: string[]; title?: string }> = [
    { name: 'a bad fail_on', config: 'fail_on: sometimes\n', problems: [line(1, 'fail_on', 'must be one of "failure", "warning", "notice", "never"')] },
    { name: 'an unknown setting', config: 'drafts: skip\nfail_onn: warning\n', problems: [line(2, 'fail_onn', 'is not a known setting')] },
    { name: 'an unknown check id', config: 'checks:\n  no-such-check:\n    enabled: false\n', problems: [line(2, 'checks.no-such-check', 'is not a known check id')] },
    { name: 'a bad severity', config: 'checks:\n  test-unsafe:\n    severity: error\n', problems: [line(3, 'checks.test-unsafe.severity', 'must be one of "failure", "warning", "notice"')] },
    { name: 'enabled not a boolean', config: 'checks:\n  test-unsafe: { enabled: "no" }\n', problems: [line(2, 'checks.test-unsafe.enabled', 'must be boolean')] },
    { name: 'an unknown check option', config: 'checks:\n  test-unsafe:\n    options:\n      level: 3\n', problems: [line(4, 'checks.test-unsafe.options.level', 'is not a known setting')] },
    { name: 'paths.ignore not a list', config: 'paths:\n  ignore: vendor/\n', problems: [line(2, 'paths.ignore', 'must be array')] },
    { name: 'an empty glob', config: 'paths:\n  ignore:\n    - docs/\n    - ""\n', problems: [line(4, 'paths.ignore[1]', 'must NOT have fewer than 1 characters')] },
    { name: 'max_comments too large', config: 'review:\n  max_comments: 1000\n', problems: [line(2, 'review.max_comments', 'must be <= 100')] },
    { name: 'max_comments not whole', config: 'review:\n  max_comments: 2.5\n', problems: [line(2, 'review.max_comments', 'must be integer')] },
    { name: 'suggestions not a boolean', config: 'review:\n  suggestions: sometimes\n', problems: [line(2, 'review.suggestions', 'must be boolean')] },
    { name: 'a bad drafts value', config: 'drafts: maybe\n', problems: [line(1, 'drafts', 'must be one of "review", "skip"')] },
    { name: 'every problem at once', config: 'fail_on: x\ndrafts: y\n', problems: [line(1, 'fail_on', 'must be one of "failure", "warning", "notice", "never"'), line(2, 'drafts', 'must be one of "review", "skip"')] },
    { name: 'a file that is not a mapping', config: '- fail_on\n', problems: [line(null, null, 'must be a mapping of settings')] },
    {
      name: 'an _extends value of the wrong form',
      config: 'fail_on: warning\n_extends: not a/valid/name\n',
      problems: [line(2, '_extends', 'must be ".github", "repo" or "owner/repo", optionally followed by ":path/to/file.yml"')],
    },
    { name: 'an _extends to a repository the App cannot see', config: '_extends: .github\n', others: (sent) => mockMissingRepository(sent, OWNER, '.github'), problems: [line(1, '_extends', unreadable(ORG_FILE))] },
    { name: 'an _extends to a file that does not exist', config: '_extends: .github\n', others: org(null), problems: [line(1, '_extends', unreadable(ORG_FILE))] },
    {
      name: 'a problem in the inherited file, and one in the repository file',
      config: '_extends: .github\ndrafts: maybe\n',
      others: org('fail_on: warning\nchecks:\n  test-unsafe:\n    severity: fatal\n'),
      problems: [line(4, 'checks.test-unsafe.severity', 'must be one of "failure", "warning", "notice"', ORG_FILE), line(2, 'drafts', 'must be one of "review", "skip"')],
      title: `Invalid ${ORG_FILE}`,
    },
    {
      name: 'files that inherit from each other in a loop',
      config: '_extends: .github\n',
      others: org('_extends: Hello-World\n'),
      problems: [line(1, '_extends', `names ${OWNER}/Hello-World:${CONFIG}, which is already part of this configuration: the files inherit from each other in a loop`, ORG_FILE)],
      title: `Invalid ${ORG_FILE}`,
    },
  ];

  test.each(cases)('$name', async ({ config, others, problems, title }) => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 210);
    mockFirstRead(sent, { base: config }, SETTINGS_READ);
    others?.(sent);
    mockFiles([settingsFile]);
    mockUpdateCheckRun(sent, 210);

    const logs = await receive('invalid');

    const completion = completionOf(sent, 210);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.title).toBe(title ?? `Invalid ${CONFIG}`);
    expect(completion.output.summary).toContain(`is invalid, so nothing was reviewed:\n\n${problems.join('\n')}\n\n`);
    expect(completion.output.annotations).toBeUndefined();
    // Nothing reviewed: no content read for the checks, no thread listing, no review.
    expect(sent.map((s) => s.name).filter((n) => n !== 'blobs')).toEqual(['create 210', 'update 210']);
    expect(apiCallsLogged(logs)[0]!.graphql).toBe(others ? 2 : 1);
  });

  test('the whole summary: what is wrong, where, and what to do', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 211);
    mockFirstRead(sent, { base: 'fail_on: sometimes\n' }, SETTINGS_READ);
    mockFiles([settingsFile]);
    mockUpdateCheckRun(sent, 211);

    const logs = await receive('invalid-summary');

    expect(apiCallsLogged(logs)).toEqual([
      {
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
        'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
        'POST /repos/{owner}/{repo}/check-runs': 1,
        graphql: 1,
      },
    ]);
    expect(bodiesOf(sent, 'update 211')).toEqual([
      {
        status: 'completed',
        conclusion: 'failure',
        output: {
          title: 'Invalid .github/readiness.yml',
          summary: [
            `The configuration on the base branch (${BASE.slice(0, 7)}) is invalid, so nothing was reviewed:`,
            '',
            '- `.github/readiness.yml` line 1: `fail_on` must be one of "failure", "warning", "notice", "never"',
            '',
            `Fix it and re-run this check; every pull request to this branch fails until then. Every setting is described in the [configuration reference](${DOCS}).`,
            '',
          ].join('\n'),
        },
      },
    ]);
  });

  test('a YAML syntax error names its line', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 212);
    mockFirstRead(sent, { base: 'fail_on: warning\nreview:\n  max_comments: [1\n' }, SETTINGS_READ);
    mockFiles([settingsFile]);
    mockUpdateCheckRun(sent, 212);

    await receive('invalid-yaml');

    const completion = completionOf(sent, 212);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.summary).toMatch(/^- `\.github\/readiness\.yml` line [34]: \S.*$/m);
  });
});

describe('the base-branch rule', () => {
  const configPatch = (before: string, after: string) => `@@ -1 +1 @@\n-${before}\n+${after}`;

  test("a pull request whose head sets fail_on: never still fails, and is told the new settings apply after merge", async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 220);
    mockFirstRead(sent, { base: 'fail_on: failure\n', head: 'fail_on: never\n' }, SETTINGS_READ);
    mockFiles([{ filename: CONFIG, status: 'modified', patch: configPatch('fail_on: failure', 'fail_on: never') }, settingsFile]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 220);

    const logs = await receive('head-never');

    const completion = completionOf(sent, 220);
    expect(completion).toMatchObject({ conclusion: 'failure', output: { title: '2 blocking findings' } });
    expect(completion.output.summary).toContain(
      '> This pull request changes `.github/readiness.yml`: this review uses the settings on the base branch; the new settings apply after merge.',
    );
    expect(reviewOf(sent).comments).toHaveLength(2);
    // The head's file came with the first read: checking it costs no call.
    expect(apiCallsLogged(logs)[0]!.graphql).toBe(2);
  });

  test('a pull request that adds an invalid file fails now, not on every pull request after it', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 221);
    mockFirstRead(sent, { base: null, head: 'fail_on: nevr\n' });
    mockFiles([{ filename: CONFIG, status: 'added', patch: '@@ -0,0 +1 @@\n+fail_on: nevr' }]);
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 221);

    await receive('head-invalid');

    const completion = completionOf(sent, 221);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.title).toBe('Invalid .github/readiness.yml in this pull request · No blocking findings');
    expect(completion.output.summary).toContain(
      [
        '> This pull request adds `.github/readiness.yml`: this review uses the settings on the base branch; the new settings apply after merge.',
        '',
        '### `.github/readiness.yml` in this pull request is invalid',
        '',
        'This review uses the settings on the base branch. Merged as it is, the new file would fail every review until it is fixed:',
        '',
        '- `.github/readiness.yml` line 1: `fail_on` must be one of "failure", "warning", "notice", "never"',
      ].join('\n'),
    );
    expect(bodiesOf(sent, 'review')).toEqual([]);
  });

  test('a pull request that fixes an invalid file on the base branch is told its fix applies after merge', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 222);
    mockFirstRead(sent, { base: 'fail_on: nevr\n', head: 'fail_on: never\n' });
    mockFiles([{ filename: CONFIG, status: 'modified', patch: configPatch('fail_on: nevr', 'fail_on: never') }]);
    mockUpdateCheckRun(sent, 222);

    await receive('head-fixes');

    const completion = completionOf(sent, 222);
    expect(completion).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid .github/readiness.yml' } });
    expect(completion.output.summary).toContain('> This pull request changes `.github/readiness.yml`: this review uses the settings on the base branch; the new settings apply after merge.');
    expect(completion.output.summary).not.toContain('in this pull request is invalid');
  });

  test('a pull request that removes the file is told reviews use the defaults after merge', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 223);
    mockFirstRead(sent, { base: 'fail_on: warning\n', head: null }, SETTINGS_READ);
    mockFiles([{ filename: CONFIG, status: 'removed', patch: '@@ -1 +0,0 @@\n-fail_on: warning' }, settingsFile]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 223);

    await receive('head-removes');

    const completion = completionOf(sent, 223);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.summary).toContain('> This pull request removes `.github/readiness.yml`: this review uses the settings on the base branch; after merge, reviews use the built-in defaults.');
  });
});

describe('a configuration proposed in a pull request', () => {
  test('its _extends outside this repository and the organisation\'s .github is not followed, and says nothing of the file', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 241);
    mockFirstRead(sent, { base: null, head: '_extends: private-infra:deploy/prod.yml\n' });
    mockFiles([{ filename: CONFIG, status: 'added', patch: '@@ -0,0 +1 @@\n+_extends: private-infra:deploy/prod.yml' }]);
    // No read of private-infra is mocked: nock fails the test if the App asks for it.
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 241);

    await receive('proposed-private');

    const completion = completionOf(sent, 241);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.summary).toContain(
      `- \`${CONFIG}\` line 1: \`_extends\` names ${OWNER}/private-infra:deploy/prod.yml: a configuration proposed in a pull request is checked without following \`_extends\` outside this repository and ${OWNER}/.github, so that file was not read; it is checked once the change is merged`,
    );
    expect(completion.output.summary).not.toMatch(/does not exist|cannot read/);
  });

  test('a problem in the inherited organisation file is reported without its content', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 242);
    mockFirstRead(sent, { base: null, head: '_extends: .github\n' });
    mockFiles([{ filename: CONFIG, status: 'added', patch: '@@ -0,0 +1 @@\n+_extends: .github' }]);
    mockOtherRepository(sent, OWNER, '.github', { [CONFIG]: 'checks:\n  internal-scanner-x: { enabled: true }\n' });
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 242);

    await receive('proposed-org');

    const { summary } = completionOf(sent, 242).output;
    expect(summary).toContain(`- \`${OWNER}/.github:${CONFIG}\`: inherited file ${OWNER}/.github:${CONFIG} is invalid (it belongs to another repository, so its content is not shown here)`);
    expect(summary).not.toContain('internal-scanner-x');
  });
});

describe('suppressions', () => {
  const patch = ['@@ -1,2 +1,8 @@', ' import os', '+# readiness-ignore: test-unsafe the debug toolbar is stripped from production builds', '+DEBUG = unsafe', '+', '+CACHE = unsafe', '+', '+LEVEL = unsafe', " NAME = 'x'"].join('\n');
  const head = ['import os', '# readiness-ignore: test-unsafe the debug toolbar is stripped from production builds', 'DEBUG = unsafe', '', 'CACHE = unsafe', '', 'LEVEL = unsafe', "NAME = 'x'", ''].join('\n');
  const levelFingerprint = fingerprint('test-unsafe', 'app/settings.py', 'LEVEL');
  const link = (line: number) => `[line ${line}](https://github.com/Codertocat/Hello-World/blob/${HEAD}/app/settings.py#L${line})`;

  test('a readiness-ignore comment and a .readinessignore entry: neither annotated nor commented, both listed with their reasons', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 230);
    mockFirstRead(sent, { ignore: `# accepted in review SEC-7: the platform overrides the cache setting\n${cacheFingerprint}\n` }, { [`${HEAD}:app/settings.py`]: { text: head } });
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch }]);
    // This app commented on DEBUG in an earlier push: now that it is suppressed, the thread is resolved.
    mockThreads(sent, [{ id: 'T-debug', path: 'app/settings.py', body: fingerprintMarker(debugFingerprint) }]);
    mockReview(sent);
    mockResolve(sent);
    mockUpdateCheckRun(sent, 230);

    await receive('suppressed');

    expect(reviewOf(sent).comments.map((c) => [c.line, c.body.endsWith(fingerprintMarker(levelFingerprint))])).toEqual([[7, true]]);
    expect(bodiesOf(sent, 'resolve')[0]!.variables).toEqual({ t0: 'T-debug' });
    const completion = completionOf(sent, 230);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.title).toBe('1 blocking finding · 2 suppressed');
    // The one reported finding has its inline comment; the suppressed ones are neither annotated nor commented.
    expect(completion.output.annotations).toBeUndefined();
    const { summary } = completion.output;
    expect(summary).toContain('> 2 findings are suppressed by `readiness-ignore` comments or `.readinessignore`, so they are neither annotated nor commented on.');
    expect(summary).toContain(`Fingerprint: \`${levelFingerprint}\``);
    expect(summary).toContain(
      [
        '### Suppressed (2)',
        '',
        'Silenced findings are neither annotated nor commented on. Each shows the reason given for it.',
        '',
        `- \`app/settings.py\` ${link(3)}: **Unsafe setting** (\`test-unsafe\`, failure)  `,
        '  Suppressed by a `readiness-ignore` comment: the debug toolbar is stripped from production builds  ',
        `  Fingerprint: \`${debugFingerprint}\``,
        '',
        `- \`app/settings.py\` ${link(5)}: **Unsafe setting** (\`test-unsafe\`, failure)  `,
        '  Suppressed by `.readinessignore`: accepted in review SEC-7: the platform overrides the cache setting  ',
        `  Fingerprint: \`${cacheFingerprint}\``,
      ].join('\n'),
    );
  });
});

describe('settings that change what is reviewed and how it concludes', () => {
  test('paths.ignore and the vendored-code defaults leave files out', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 240);
    // legacy/ is read with the settings, before they say to ignore it: its bytes, and no request of its
    // own. vendor/ is left out by the built-in defaults, so it is not read at all.
    mockFirstRead(sent, { base: 'paths:\n  ignore: ["legacy/"]\n' }, { ...SETTINGS_READ, [`${HEAD}:legacy/settings.py`]: { text: 'OLD = unsafe\n' } });
    mockFiles([
      settingsFile,
      { filename: 'legacy/settings.py', status: 'added', patch: '@@ -0,0 +1 @@\n+OLD = unsafe' },
      { filename: 'vendor/lib/settings.py', status: 'added', patch: '@@ -0,0 +1 @@\n+VENDORED = unsafe' },
    ]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 240);

    await receive('ignored');

    const completion = completionOf(sent, 240);
    expect(completion.output.annotations).toBeUndefined();
    expect(reviewOf(sent).comments.map((c) => c.path)).toEqual(['app/settings.py', 'app/settings.py']);
    expect(completion.output.summary).toMatch(/^Reviewed 1 changed file at /);
    expect(completion.output.summary).toContain('> 2 changed files are not reviewed: they match `paths.ignore` or the vendored-code defaults (`paths.default_ignores`).');
  });

  test('a severity override turns a failing pull request into a passing one', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 241, 'checks:\n  test-unsafe:\n    severity: warning\n');
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 241);

    await receive('severity');

    const completion = completionOf(sent, 241);
    expect(completion).toMatchObject({ conclusion: 'success', output: { title: 'No blocking findings · 2 warnings' } });
    expect(completion.output.annotations).toBeUndefined();
    expect(reviewOf(sent).comments).toHaveLength(2);
    for (const c of reviewOf(sent).comments) expect(c.body).toMatch(/^\*\*warning: Unsafe setting\*\*/);
  });

  test('fail_on: never reports without blocking', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 242, 'fail_on: never\n');
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 242);

    await receive('never');

    expect(completionOf(sent, 242)).toMatchObject({ conclusion: 'success', output: { title: 'No blocking findings · 2 failures' } });
  });
});

describe('drafts', () => {
  test('drafts: skip completes a draft as skipped; ready_for_review then reviews it', async () => {
    const sent: Sent = [];
    const { probot, queue, logs } = await startApp([unsafeSetting]);
    // Probot caches the installation token: one exchange serves both events.
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 250);
    mockFirstRead(sent, { base: 'drafts: skip\n' }, SETTINGS_READ);
    mockFiles([settingsFile]);
    mockUpdateCheckRun(sent, 250);

    await probot.receive({ id: 'draft-opened', name: 'pull_request', payload: pullRequestEvent('opened', true) } as never);
    await queue().idle();

    expect(bodiesOf(sent, 'update 250')).toEqual([
      {
        status: 'completed',
        conclusion: 'skipped',
        output: { title: 'Draft pull request', summary: 'Draft pull requests are reviewed once they are ready for review (`drafts: skip` in `.github/readiness.yml`).' },
      },
    ]);
    expect(apiCallsLogged(logs)[0]).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      graphql: 1,
    });

    mockCreateCheckRun(sent, 251);
    mockFirstRead(sent, { base: 'drafts: skip\n' }, SETTINGS_READ);
    mockFiles([settingsFile]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 251);

    await probot.receive({ id: 'draft-ready', name: 'pull_request', payload: pullRequestEvent('ready_for_review') } as never);
    await queue().idle();

    expect(completionOf(sent, 251)).toMatchObject({ conclusion: 'failure', output: { title: '2 blocking findings' } });
    expect(reviewOf(sent).comments).toHaveLength(2);
  });

  test('by default a draft is reviewed like any other pull request', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 252, null);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 252);

    await receive('draft-default', pullRequestEvent('opened', true));

    expect(completionOf(sent, 252).conclusion).toBe('failure');
    expect(reviewOf(sent).comments).toHaveLength(2);
  });
});

describe('review settings', () => {
  test('review.inline_comments: false posts no review and lists no threads: the check run only', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 260, 'review:\n  inline_comments: false\n');
    mockUpdateCheckRun(sent, 260);

    const logs = await receive('no-comments');

    const completion = completionOf(sent, 260);
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.annotations).toHaveLength(2);
    expect(bodiesOf(sent, 'review')).toEqual([]);
    expect(apiCallsLogged(logs)[0]).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      graphql: 1,
    });
  });

  test('review.max_comments replaces the default of 30', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 261, 'review:\n  max_comments: 1\n');
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 261);

    await receive('max-comments');

    const { comments } = reviewOf(sent);
    expect(comments.map((c) => c.line)).toEqual([2]);
    expect(comments[0]!.body).toContain('```suggestion\nDEBUG = safe\n```');
    const completion = completionOf(sent, 261);
    expect(completion.output.summary).toContain('> 1 more new finding on the diff has no inline comment: a review carries at most 1 inline comment (`review.max_comments`), given to the most severe findings first.');
    // The finding beyond the limit is annotated; the commented one is not annotated again.
    expect(completion.output.annotations!.map((a) => a.start_line)).toEqual([5]);
    expect(completion.output.summary).toContain('Where the findings are: 1 has an inline review comment; 1 is annotated on its line.');
  });

  test('review.annotate_commented: true annotates the commented findings too', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 264, 'review:\n  max_comments: 1\n  annotate_commented: true\n');
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 264);

    await receive('annotate-commented');

    expect(reviewOf(sent).comments.map((c) => c.line)).toEqual([2]);
    const completion = completionOf(sent, 264);
    expect(completion.output.annotations!.map((a) => a.start_line)).toEqual([2, 5]);
    expect(completion.output.summary).toContain('Where the findings are: 1 has an inline review comment and an annotation; 1 is annotated on its line.');
  });

  test('review.max_comments: 0 posts no review, and says why', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 263, 'review:\n  max_comments: 0\n');
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 263);

    await receive('zero-comments');

    expect(bodiesOf(sent, 'review')).toEqual([]);
    const completion = completionOf(sent, 263);
    expect(completion.output.summary).toContain('> 2 new findings on the diff have no inline comment: `review.max_comments` is 0.');
    expect(completion.output.annotations!.map((a) => a.start_line)).toEqual([2, 5]);
  });

  test('review.suggestions: false keeps the remedy but leaves out suggestion blocks', async () => {
    const sent: Sent = [];
    mockReviewWithConfig(sent, 262, 'review:\n  suggestions: false\n');
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 262);

    await receive('no-suggestions');

    const { comments } = reviewOf(sent);
    expect(comments).toHaveLength(2);
    for (const c of comments) {
      expect(c.body).not.toContain('```suggestion');
      expect(c.body).toContain('Set it to safe:');
    }
  });
});
