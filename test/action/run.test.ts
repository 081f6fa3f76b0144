// The Action as the runner starts it: the bundled entry point, the environment GitHub sets, a real pull_request
// payload, and a local stand-in for a GHES-style API (/api/v3 and /api/graphql) that records what is posted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { examplePayload } from '../github/helpers/github-api.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';

const root = resolve(import.meta.dirname, '../..');
const token = gen('ghp_', [ALNUM, 36]);
const WORKFLOW_TOKEN = 'ghs_workflowtoken';
const REPO = 'Codertocat/Hello-World';

interface PullRequestPayload {
  number: number;
  repository: { full_name: string };
  pull_request: { commits: number; head: { sha: string; repo: { full_name: string } }; base: { sha: string } };
}
const payload = examplePayload<PullRequestPayload>('pull_request', 'opened');
const HEAD = payload.pull_request.head.sha;
const BASE = payload.pull_request.base.sha;
const NUMBER = payload.number;
const FIRST = 'c'.repeat(40);

const settingsText = `import os\nGITHUB_TOKEN = "${token}"\nDEBUG = True\n`;
const files = [{ filename: 'config/settings.py', status: 'added', changes: 3, patch: '@@ -0,0 +1,3 @@\n' + settingsText.trimEnd().split('\n').map((l) => `+${l}`).join('\n') }];
/** Blob contents by "rev:path"; anything else is missing. */
const blobs: Record<string, string> = {
  [`${HEAD}:config/settings.py`]: settingsText,
  [`${FIRST}:old.py`]: `DEPLOY_TOKEN = "${token}"\n`,
};

interface Call {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in for the REST and GraphQL routes the review uses, under a GHES-style prefix. */
function standIn(options: { refuseWrites?: boolean }) {
  const calls: Call[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      calls.push({ method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization, body });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const p = url.pathname;
      const repo = `/api/v3/repos/${REPO}`;
      if (req.method === 'POST' && p === `${repo}/check-runs`) {
        if (options.refuseWrites) return send(403, { message: 'Resource not accessible by integration' });
        return send(201, { id: 42, head_sha: HEAD, app: { slug: 'github-actions' } });
      }
      if (req.method === 'GET' && p === `${repo}/commits/${HEAD}/check-runs`) return send(200, { total_count: 0, check_runs: [] });
      if (req.method === 'PATCH' && p === `${repo}/check-runs/42`) return send(200, { id: 42 });
      if (req.method === 'GET' && p === `${repo}/pulls/${NUMBER}/files`) return send(200, files);
      if (req.method === 'GET' && p.startsWith(`${repo}/compare/`)) return send(200, { merge_base_commit: { sha: BASE }, files: [] });
      if (req.method === 'POST' && p === `${repo}/pulls/${NUMBER}/reviews`) return send(200, { id: 7 });
      if (req.method === 'GET' && p === `${repo}/pulls/${NUMBER}/reviews`) return send(200, []);
      if (req.method === 'GET' && p === `${repo}/pulls/${NUMBER}/commits`) {
        return send(200, [
          { sha: FIRST, parents: [{ sha: BASE }] },
          { sha: HEAD, parents: [{ sha: FIRST }] },
        ]);
      }
      if (req.method === 'GET' && p === `${repo}/commits/${FIRST}`) return send(200, { sha: FIRST, files: [{ filename: 'old.py', status: 'added', changes: 1, patch: `@@ -0,0 +1 @@\n+DEPLOY_TOKEN = "${token}"` }] });
      if (req.method === 'GET' && p === `${repo}/commits/${HEAD}`) return send(200, { sha: HEAD, files: [...files, { filename: 'old.py', status: 'removed', changes: 1, patch: `@@ -1 +0,0 @@\n-DEPLOY_TOKEN = "${token}"` }] });
      if (req.method === 'POST' && p === '/api/graphql') {
        const { query, variables = {} } = body as { query: string; variables?: Record<string, unknown> };
        if (/reviewThreads/.test(query)) return send(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } });
        if (/object\(expression/.test(query)) {
          const repository: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(variables)) {
            const m = /^e(\d+)$/.exec(k);
            if (!m) continue;
            const text = blobs[String(v)];
            repository[`b${m[1]}`] = text === undefined ? null : { oid: 'f'.repeat(40), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
          }
          return send(200, { data: { repository } });
        }
      }
      unexpected.push(`${req.method} ${p}`);
      send(404, { message: `no stand-in route for ${req.method} ${p}` });
    });
  });
  return { server, calls, unexpected };
}

let bundle: string;
const work = mkdtempSync(join(tmpdir(), 'readiness-action-'));

beforeAll(() => {
  // The entry point as the runner gets it: the esbuild bundle, run with no node_modules of the project.
  const dist = join(work, 'dist');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-action.mjs'), dist], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr || built.stdout);
  bundle = join(dist, 'index.js');
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runAction(event: unknown, options: { refuseWrites?: boolean; inputs?: Record<string, string> } = {}) {
  const stand = standIn(options);
  await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
  const port = (stand.server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(work, 'run-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  writeFileSync(join(dir, 'summary.md'), '');
  writeFileSync(join(dir, 'output.txt'), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3`,
    GITHUB_GRAPHQL_URL: `http://127.0.0.1:${port}/api/graphql`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_TOKEN: WORKFLOW_TOKEN,
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    GITHUB_RUN_ID: '99',
    'INPUT_SARIF-FILE': 'results/readiness.sarif',
    ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  // Run from the temporary folder so nothing resolves through the project's own node_modules.
  const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    import('node:child_process')
      .then(({ spawn }) => {
        const c = spawn(process.execPath, [bundle], { cwd: dir, env });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
        c.on('close', (status) => done({ status, stdout, stderr }));
      })
      .catch((error: unknown) => done({ status: -1, stdout: '', stderr: String(error) }));
  });
  await new Promise<void>((r) => stand.server.close(() => r()));
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { ...child, calls: stand.calls, unexpected: stand.unexpected, summary: read('summary.md'), output: read('output.txt'), sarif: () => JSON.parse(read('results/readiness.sarif')) as { runs: { results: { ruleId: string }[] }[] } };
}

const bodiesOf = (calls: Call[], method: string, suffix: string) => calls.filter((c) => c.method === method && c.path.endsWith(suffix)).map((c) => c.body);

describe('the GitHub Action', () => {
  it('reviews a pull request with the workflow token: check run with annotations, a review, SARIF, job summary, outputs', async () => {
    const r = await runAction(payload);
    expect(r.unexpected).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    // Every call used the workflow's token against the GHES-style URLs it was given.
    expect(r.calls.length).toBeGreaterThan(3);
    for (const c of r.calls) expect(c.authorization).toBe(`token ${WORKFLOW_TOKEN}`);
    expect(r.calls.some((c) => c.path === '/api/graphql')).toBe(true);

    const [created] = bodiesOf(r.calls, 'POST', '/check-runs') as { head_sha: string; name: string }[];
    expect(created).toMatchObject({ head_sha: HEAD, name: 'Production readiness' });
    const completions = bodiesOf(r.calls, 'PATCH', '/check-runs/42') as { conclusion?: string; output: { annotations?: { path: string; start_line: number; annotation_level: string }[] } }[];
    expect(completions[0]).toMatchObject({ conclusion: 'failure' });
    const annotations = completions.flatMap((c) => c.output.annotations ?? []);

    const [review] = bodiesOf(r.calls, 'POST', `/pulls/${NUMBER}/reviews`) as { commit_id: string; event: string; comments: { path: string; line: number }[] }[];
    expect(review).toMatchObject({ commit_id: HEAD, event: 'COMMENT' });
    expect(review!.comments).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'config/settings.py', line: 2 })]));
    // The secret has its inline comment, so it is not annotated on the same line as well.
    expect(annotations.filter((a) => a.path === 'config/settings.py' && a.start_line === 2)).toEqual([]);

    expect(sarifSchemaErrors(r.sarif())).toEqual([]);
    expect(r.sarif().runs[0]!.results.map((x) => x.ruleId)).toContain('secrets');
    expect(r.summary).toMatch(/^## Production readiness: pull request #2 at ec26c3e/m);
    expect(r.summary).toMatch(/\| failure \| \[config\/settings\.py:2\]\(https:\/\/github\.example\/Codertocat\/Hello-World\/blob\/ec26c3e57ca3a959ca5aad62de7213c562f8c821\/config\/settings\.py#L2\) \| `secrets` \|/);
    expect(r.output).toMatch(/^conclusion=failure$/m);
    expect(r.output).toMatch(/^findings=\d+$/m);
    for (const text of [r.stdout, r.summary, JSON.stringify(r.calls)]) expect(text).not.toContain(token);
  });

  it('reports a secret one commit added and a later one removed, naming the commit', async () => {
    const event = structuredClone(payload);
    event.pull_request.commits = 2;
    const r = await runAction(event);
    expect(r.unexpected).toEqual([]);
    const annotations = (bodiesOf(r.calls, 'PATCH', '/check-runs/42') as { output: { annotations?: { path: string; title?: string }[] } }[]).flatMap((c) => c.output.annotations ?? []);
    expect(annotations).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'old.py', title: expect.stringContaining(`in commit ${FIRST.slice(0, 7)}`) })]));
  });

  it('on a fork pull request writes nothing: workflow annotations, SARIF and the summary instead', async () => {
    const event = structuredClone(payload);
    event.pull_request.head.repo.full_name = 'someone/Hello-World';
    const r = await runAction(event, { inputs: { 'fail-on': 'warning' } });
    expect(r.unexpected).toEqual([]);
    expect(r.calls.filter((c) => c.method !== 'GET' && c.path !== '/api/graphql')).toEqual([]);
    expect(r.stdout).toMatch(/^::error file=config\/settings\.py,line=2,endLine=2,title=.*\[secrets\]::/m);
    expect(r.status).toBe(1);
    expect(sarifSchemaErrors(r.sarif())).toEqual([]);
    expect(r.summary).toMatch(/comes from a fork, so the workflow token is read-only/);
    expect(r.stdout).not.toContain(token);
  });

  it('falls back to annotations when the token may not create check runs', async () => {
    const r = await runAction(payload, { refuseWrites: true });
    expect(r.unexpected).toEqual([]);
    expect(r.stdout).toMatch(/^::error file=config\/settings\.py,line=2/m);
    expect(r.summary).toMatch(/The token cannot create check runs \(GitHub answered 403/);
    expect(r.status).toBe(1);
  });

  it('passes with fail-on never, and says so in the outputs', async () => {
    const r = await runAction(payload, { inputs: { 'fail-on': 'never' } });
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/^conclusion=success$/m);
  });
});
