// The App reads what its checks need before they run, in few requests: one query for a small pull
// request, no second read for bases the patches give and for renames, no probes for paths the tree
// lacks; and a read that fails still fails the gate closed.
import { describe, expect, test } from 'vitest';
import healthcheckRemoved from '../../checks/healthcheck-removed.js';
import { checks as allChecks } from '../../checks/index.js';
import type { Check } from '../../src/engine/define-check.js';
import { neighboursOf } from '../../src/github/read-ahead.js';
import type { ChangedFile } from '../../src/model/change-set.js';
import secrets from '../../checks/secrets.js';
import unpinnedDependency from '../../checks/unpinned-dependency.js';
import { api, examplePayload, graphqlMatch, mockInstallationToken } from '../github/helpers/github-api.js';
import { HEAD, apiCallsLogged, bodiesOf, mockBlobs, mockCreateCheckRun, mockFiles, mockNoConfig, mockReview, mockThreads, mockTree, mockUpdateCheckRun, startApp, useMockedGitHub, type Sent } from './helpers/mock-github.js';

useMockedGitHub();

// A live-looking Stripe key, assembled at run time so the repository holds none.
const STRIPE_KEY = ['sk', 'live', 'Q4wE8rT2yU6iO0pA3sD7fG1h'].join('_');

const module = (name: string, extra: string[] = []) => [`"""${name}."""`, 'import logging', '', 'log = logging.getLogger(__name__)', ...extra, ''].join('\n');

/** Three Python files and a requirements file: two modified (their bases compared), one added with a key. */
const pythonFiles = [
  { filename: 'app/a.py', status: 'modified', patch: ['@@ -2,3 +2,4 @@', ' import logging', ' ', ' log = logging.getLogger(__name__)', '+A = 1'].join('\n') },
  { filename: 'app/b.py', status: 'modified', patch: ['@@ -1,4 +1,4 @@', '-"""old b."""', '+"""b."""', ' import logging', ' ', ' log = logging.getLogger(__name__)'].join('\n') },
  { filename: 'app/c.py', status: 'added', patch: ['@@ -0,0 +1,2 @@', '+import os', `+STRIPE_KEY = "${STRIPE_KEY}"`].join('\n') },
  { filename: 'requirements.txt', status: 'modified', patch: ['@@ -1 +1,2 @@', ' requests==2.32.3', '+flask==3.0.3'].join('\n') },
];
const pythonHeads = {
  [`${HEAD}:app/a.py`]: { text: module('a', ['A = 1']) },
  [`${HEAD}:app/b.py`]: { text: module('b') },
  [`${HEAD}:app/c.py`]: { text: `import os\nSTRIPE_KEY = "${STRIPE_KEY}"\n` },
  [`${HEAD}:requirements.txt`]: { text: 'requests==2.32.3\nflask==3.0.3\n' },
};

const README_NAMES = ['README.md', 'README.MD', 'Readme.md', 'readme.md', 'README.rst', 'README.txt', 'README'];

interface Completion {
  conclusion: string;
  output: { title: string; summary: string; annotations?: Array<{ path: string; start_line: number; title?: string }> };
}

async function review(sent: Sent, id: number, checks: readonly Check[] = [secrets, healthcheckRemoved]) {
  const { probot, queue, logs } = await startApp(checks);
  await probot.receive({ id: `read-ahead-${id}`, name: 'pull_request', payload: examplePayload('pull_request', 'synchronize') } as never);
  await queue().idle();
  const [completion] = bodiesOf(sent, `update ${id}`) as unknown as Completion[];
  const completed = logs.find((l) => l.msg === 'review completed') as { reads?: Record<string, unknown> } | undefined;
  return { completion: completion!, calls: apiCallsLogged(logs)[0], reads: completed?.reads };
}

describe('reads ahead of the checks', () => {
  test('a four-file pull request is read in one content query; the bases the checks compare come from the patches', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 301);
    mockFiles(pythonFiles);
    // One query: the settings, the changed files and, with them, the root READMEs file roles read for
    // healthcheck-removed (a production-only check).
    mockNoConfig(sent, { ...pythonHeads, ...Object.fromEntries(README_NAMES.map((n) => [`${HEAD}:${n}`, null])) });
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 301);

    const { completion, calls, reads } = await review(sent, 301);

    expect(completion.conclusion).toBe('failure');
    expect(bodiesOf(sent, 'review')[0]!.comments).toMatchObject([{ path: 'app/c.py', line: 2 }]);
    // Settings with content, then existing threads: no merge-base lookup, no base read, nothing read one by one.
    expect(calls).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
      graphql: 2,
    });
    expect(reads).toMatchObject({ planned: 13, tree: false, queries: 1, aliases: 15, unplanned: 0 });
  });

  test('a pure rename is not read at all, and a removed HEALTHCHECK is found in the base its patch gives', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 302);
    const apiHead = ['FROM python:3.12-slim', 'COPY . /app', 'CMD ["python", "app.py"]', ''].join('\n');
    mockFiles([
      { filename: 'deploy/Dockerfile', previous_filename: 'docker/Dockerfile', status: 'renamed', changes: 0 },
      { filename: 'api/Dockerfile', status: 'modified', patch: ['@@ -1,4 +1,3 @@', ' FROM python:3.12-slim', '-HEALTHCHECK CMD curl -f http://localhost/health || exit 1', ' COPY . /app', ' CMD ["python", "app.py"]'].join('\n') },
    ]);
    const composeNames = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml'];
    const productionDockerfiles = ['Dockerfile.prod', 'Dockerfile.production', 'prod.Dockerfile', 'production.Dockerfile'];
    const neighbours = [
      ...['api', ''].flatMap((dir) => composeNames.map((n) => (dir ? `${dir}/${n}` : n))),
      ...productionDockerfiles.map((n) => `api/${n}`),
      // healthcheck-removed is for production files: file roles read the repository's README.
      ...README_NAMES.slice(1),
    ];
    // One query: the settings, the modified file's head and the neighbours checks look up (none exists);
    // nothing of the moved Dockerfile, nothing at the merge base.
    mockNoConfig(sent, {
      [`${HEAD}:api/Dockerfile`]: { text: apiHead },
      [`${HEAD}:README.md`]: { text: '# Service\n' },
      ...Object.fromEntries(neighbours.map((p) => [`${HEAD}:${p}`, null])),
    });
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 302);

    const { completion, calls, reads } = await review(sent, 302, [healthcheckRemoved]);

    // A removed HEALTHCHECK warns: the check run passes at the default fail_on and the comment says what was lost.
    expect(completion.conclusion).toBe('success');
    expect(bodiesOf(sent, 'review')[0]!.comments).toMatchObject([{ path: 'api/Dockerfile', body: expect.stringContaining('Healthcheck removed') }]);
    expect(calls!['GET /repos/{owner}/{repo}/compare/{basehead}']).toBeUndefined();
    expect(calls!.graphql).toBe(2);
    expect(reads).toMatchObject({ tree: false, unplanned: 0 });
  });

  test('past one query of reads, the tree is read once and paths it lacks are never asked for', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 303);
    mockNoConfig(sent);
    const modules = Array.from({ length: 59 }, (_, i) => `svc/m${String(i).padStart(2, '0')}.py`);
    const dockerfile = ['FROM python:3.12-slim', 'COPY . /app', 'CMD ["python", "m00.py"]', ''].join('\n');
    mockFiles([
      ...modules.map((filename) => ({ filename, status: 'added', patch: '@@ -0,0 +1 @@\n+import os' })),
      { filename: 'svc/Dockerfile', status: 'added', patch: `@@ -0,0 +1,3 @@\n${dockerfile.trimEnd().split('\n').map((l) => `+${l}`).join('\n')}` },
    ]);
    // Of the fifty-eight neighbours looked up beside and above the Dockerfile (nine of them the Railway, Fly.io, Render and
    // Kamal files that may health-check it, thirty-six the Chart.yaml of a chart of the repository's or the folder's name that may
    // probe it, one its own name at the root, where a copy's original may be), only svc/compose.yaml exists; its folder is
    // listed from the tree (a rootless twin). Fifty-nine more are the build, release and compose files that may show its
    // image ships (image-deployment.ts), and the workflows folder is listed for the same reason: none is in the tree, so
    // none costs a request.
    mockTree(sent, { ...Object.fromEntries(modules.map((p) => [p, 10])), 'svc/Dockerfile': dockerfile.length, 'svc/compose.yaml': 40, 'README.md': 12 });
    mockBlobs(sent, {
      ...Object.fromEntries(modules.map((p) => [`${HEAD}:${p}`, { text: 'import os\n' }])),
      [`${HEAD}:svc/Dockerfile`]: { text: dockerfile },
      [`${HEAD}:svc/compose.yaml`]: { text: 'services:\n  web:\n    build: .\n' },
      // secrets decides file roles, which read the root README (the other six names are not in the tree).
      [`${HEAD}:README.md`]: { text: '# Services\n' },
    });
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 303);

    const { completion, calls, reads } = await review(sent, 303, [secrets]);

    expect(completion.conclusion).toBe('success');
    expect(calls).toMatchObject({ 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': 1, graphql: 3 });
    expect(reads).toMatchObject({ planned: 185, tree: true, probesAvoided: 121, unplanned: 0 });
  });

  test('3,000 pure renames make no content read: none is planned and no check asks for one', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 305);
    mockNoConfig(sent);
    // Every kind a check looks at, moved without a change: modules, images, compose files, manifests,
    // requirements, env files and databases (committed-database used to read every renamed file).
    const kinds = ['job.py', 'Dockerfile', 'docker-compose.yml', 'deploy.yaml', 'requirements.txt', 'package.json', '.env', 'app.db', 'settings.py', 'server.js'];
    mockFiles(
      Array.from({ length: 3000 }, (_, i) => {
        const name = kinds[i % kinds.length]!;
        return { filename: `new/d${i}/${name}`, previous_filename: `old/d${i}/${name}`, status: 'renamed', changes: 0 };
      }),
    );
    mockThreads(sent, []);
    mockUpdateCheckRun(sent, 305);

    const { completion, calls, reads } = await review(sent, 305, allChecks);

    expect(completion.conclusion).toBe('success');
    // The settings query is the only GraphQL read; no tree, no blob, no merge base.
    expect(calls).toEqual({
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 30,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      graphql: 2,
    });
    // The one query counted is the settings' four paths.
    expect(reads).toMatchObject({ planned: 0, tree: false, queries: 1, aliases: 4, restBlobs: 0, unplanned: 0 });
  });

  test('a first query (settings and content) that keeps failing fails the gate closed, and is not asked for again', async () => {
    const sent: Sent = [];
    mockInstallationToken(1);
    mockCreateCheckRun(sent, 304);
    mockFiles(pythonFiles);
    // Every attempt the retry policy allows (6) answered 502; a seventh request would find no answer.
    api()
      .post('/graphql', graphqlMatch((b) => Object.values(b.variables ?? {}).includes(`${HEAD}:app/c.py`)))
      .times(6)
      .reply(502, { message: 'Server Error' });
    mockUpdateCheckRun(sent, 304);

    const { completion } = await review(sent, 304, [secrets]);

    // Without the settings nothing is reviewed: no thread listing, no review, and the check fails.
    expect(completion.conclusion).toBe('failure');
    expect(completion.output.title).toBe('Not reviewed: the review could not finish');
    expect(completion.output.summary).toContain(`Nothing at ${HEAD.slice(0, 7)} was reviewed to the end`);
  });

  describe('the workflows folder, listed in the same query when a workflow gains a third-party action', () => {
    const workflow = (...uses: string[]) => ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...uses.map((u) => `      - uses: ${u}`), ''].join('\n');
    const added = (filename: string, text: string) => ({ filename, status: 'added', patch: `@@ -0,0 +1,${text.trimEnd().split('\n').length} @@\n${text.trimEnd().split('\n').map((l) => `+${l}`).join('\n')}` });
    const readmes = Object.fromEntries(README_NAMES.map((n) => [`${HEAD}:${n}`, null]));

    test('an action the repository already runs at the same ref is not reported, and its workflows cost no request of their own', async () => {
      const sent: Sent = [];
      mockInstallationToken(1);
      mockCreateCheckRun(sent, 306);
      const edge = workflow('actions/checkout@v4', 'docker/build-push-action@v5', 'my-org/deploy@v2');
      const release = workflow('docker/build-push-action@v5', 'my-org/deploy@v1');
      mockFiles([added('.github/workflows/edge.yml', edge)]);
      // One query: the settings, the new workflow, the READMEs file roles read, and the folder with its files' texts.
      mockNoConfig(sent, {
        [`${HEAD}:.github/workflows/edge.yml`]: { text: edge },
        ...readmes,
        [`${HEAD}:.github/workflows`]: { entries: { 'edge.yml': { text: edge }, 'release.yml': { text: release } } },
      });
      // The new workflow has a finding, so its original is looked for: the paths named after it, in one
      // query (its folder's files came with the listing).
      mockBlobs(sent, { [`${HEAD}:workflows/edge.yml`]: null, [`${HEAD}:edge.yml`]: null });
      mockThreads(sent, []);
      mockReview(sent);
      mockUpdateCheckRun(sent, 306);

      const { completion, calls, reads } = await review(sent, 306, [unpinnedDependency]);

      // A warning does not fail the check run (fail_on: failure).
      expect(completion.conclusion).toBe('success');
      // docker/build-push-action@v5 runs in release.yml already; my-org/deploy runs there at another ref.
      expect(bodiesOf(sent, 'review')[0]!.comments).toMatchObject([{ path: '.github/workflows/edge.yml', line: 8 }]);
      // release.yml is read at the base from the listing: no merge-base lookup, no read of its own.
      expect(calls!['GET /repos/{owner}/{repo}/compare/{basehead}']).toBeUndefined();
      expect(calls!.graphql).toBe(3);
      expect(reads).toMatchObject({ queries: 2, unplanned: 2 });
    });

    test('a workflow that gains only GitHub\'s own actions lists nothing', async () => {
      const sent: Sent = [];
      mockInstallationToken(1);
      mockCreateCheckRun(sent, 307);
      const lint = workflow('actions/checkout@v4', 'actions/setup-node@v4');
      mockFiles([added('.github/workflows/lint.yml', lint)]);
      // Exactly these expressions: no `.github/workflows` listing among them.
      mockNoConfig(sent, { [`${HEAD}:.github/workflows/lint.yml`]: { text: lint }, ...readmes });
      mockThreads(sent, []);
      mockUpdateCheckRun(sent, 307);

      const { completion, calls, reads } = await review(sent, 307, [unpinnedDependency]);

      expect(completion.conclusion).toBe('success');
      expect(calls!.graphql).toBe(2);
      expect(reads).toMatchObject({ queries: 1, unplanned: 0 });
    });
  });
});

describe('neighboursOf', () => {
  const compose = (text: string): ChangedFile => ({ path: 'deploy/docker-compose.yml', status: 'modified', binary: false, hunks: [], added: [{ line: 3, text }], removed: [] });

  test('a compose file whose added build path or image takes a variable plans the .env compose resolves it from', () => {
    expect(neighboursOf(compose('      dockerfile: ${CART_DOCKERFILE}'))).toContain('deploy/.env');
    expect(neighboursOf(compose('    image: app:${TAG:-latest}'))).toContain('deploy/.env');
  });

  test('a compose file whose added lines take no variable in a build path or image does not', () => {
    expect(neighboursOf(compose('    image: app:1.2'))).not.toContain('deploy/.env');
    expect(neighboursOf(compose('      LOG_LEVEL: ${LOG_LEVEL:-info}'))).not.toContain('deploy/.env');
  });

  test("a requirements file that gains lines plans the project's manifests beside it, which may declare the same ranges", () => {
    const requirements: ChangedFile = { path: 'services/api/requirements.txt', status: 'modified', binary: false, hunks: [], added: [{ line: 2, text: 'flask>=2.2' }], removed: [] };
    expect(neighboursOf(requirements)).toEqual(expect.arrayContaining(['services/api/pyproject.toml', 'services/api/setup.py', 'services/api/setup.cfg']));
    // An exact pin needs no comparison.
    expect(neighboursOf({ ...requirements, added: [{ line: 2, text: 'flask==3.0.3' }] })).not.toContain('services/api/pyproject.toml');
  });

  test('a compose file plans the installer scripts beside it, which may start it as shipped', () => {
    expect(neighboursOf(compose('    image: app:1.2'))).toEqual(expect.arrayContaining(['deploy/install.sh', 'deploy/deploy.sh']));
    // A root compose file: the repository's own Helm chart, looked up by its name (file roles' chartDeployedRepository).
    const root: ChangedFile = { path: 'docker-compose.yml', status: 'added', binary: false, hunks: [], added: [{ line: 1, text: 'services:' }], removed: [] };
    expect(neighboursOf(root, 'am-role-assignment-service')).toEqual(expect.arrayContaining(['charts/am-role-assignment-service/Chart.yaml', 'helm_deploy/am-role-assignment-service/Chart.yaml']));
    expect(neighboursOf(root).some((p) => p.endsWith('Chart.yaml'))).toBe(false);
  });

  test('a new Dockerfile or compose file plans its path under fewer leading folders, where the copy search looks for its original', () => {
    const added = (path: string): ChangedFile => ({ path, status: 'added', binary: false, hunks: [], added: [{ line: 1, text: 'FROM python:3.12-slim' }], removed: [] });
    expect(neighboursOf(added('services/svc0/worker7/Dockerfile'))).toEqual(expect.arrayContaining(['svc0/worker7/Dockerfile', 'worker7/Dockerfile', 'Dockerfile']));
    expect(neighboursOf(added('apps/web/docker-compose.yml'))).toEqual(expect.arrayContaining(['web/docker-compose.yml', 'docker-compose.yml']));
    expect(neighboursOf({ ...added('services/svc0/worker7/Dockerfile'), status: 'modified' })).not.toContain('worker7/Dockerfile');
  });

  test('a Dockerfile that gains a FROM of a bare name plans the root bake file that may supply it', () => {
    const dockerfile = (text: string): ChangedFile => ({ path: 'core/oletools/Dockerfile', status: 'added', binary: false, hunks: [], added: [{ line: 1, text }], removed: [] });
    expect(neighboursOf(dockerfile('FROM base'))).toContain('docker-bake.hcl');
    expect(neighboursOf(dockerfile('FROM base AS app'))).toContain('docker-bake.hcl');
    // A Dockerfile whose path shows its image ships (a deployment folder) reads no bake file for anything else.
    const shipped = (text: string): ChangedFile => ({ ...dockerfile(text), path: 'deploy/oletools/Dockerfile' });
    expect(neighboursOf(shipped('FROM python:3.12-slim'))).not.toContain('docker-bake.hcl');
    expect(neighboursOf(shipped('FROM ghcr.io/acme/base'))).not.toContain('docker-bake.hcl');
    // Below any other folder the bake file is read for what may show the image ships (image-deployment.ts).
    expect(neighboursOf(dockerfile('FROM python:3.12-slim'))).toContain('docker-bake.hcl');
  });
});
