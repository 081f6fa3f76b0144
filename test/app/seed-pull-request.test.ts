// A new user's first pull request, built from a seed review (a Flask app with debug on and a default secret), reviewed by the real checks.
import { expect, test } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { runReview } from '../../src/engine/pipeline.js';
import type { Hunk } from '../../src/model/change-set.js';
import { api, examplePayload, graphqlMatch, graphqlReply, mockInstallationToken, type GraphqlBody } from '../github/helpers/github-api.js';
import { BASE, HEAD, bodiesOf, mockCreateCheckRun, mockReview, mockThreads, mockUpdateCheckRun, mockFiles, startApp, useMockedGitHub, type Sent, type ThreadFixture } from './helpers/mock-github.js';

const before: Tree = { 'README.md': '# unify\n' };
const after: Tree = {
  ...before,
  'app.py': [
    'import os',
    'from flask import Flask',
    '',
    'app = Flask(__name__)',
    "app.secret_key = os.environ.get('SECRET_KEY', 'unify-secret-key-change-in-production')",
    '',
    "@app.route('/')",
    'def index():',
    "    return 'ok'",
    '',
    "if __name__ == '__main__':",
    "    app.run(debug=True, host='0.0.0.0', port=5000)",
    '',
  ].join('\n'),
  'docker-compose.yml': ['services:', '  web:', '    build: .', '    ports:', '      - "5000:5000"', '    environment:', '      - FLASK_DEBUG=1', ''].join('\n'),
};

/** GitHub's `patch` field for a file: its hunks as unified diff text without the file header. */
function patchOf(hunks: readonly Hunk[]): string {
  return hunks
    .map((h) => [`@@ -${h.baseStart},${h.baseCount} +${h.headStart},${h.headCount} @@`, ...h.lines.map((l) => (l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ') + l.text)].join('\n'))
    .join('\n');
}

/** Answers any blob read from the two trees, for as many queries as the checks make. */
function mockRepositoryContent(heads: string[]) {
  const treeAt = (rev: string): Tree | null => (heads.includes(rev) ? after : rev === BASE ? before : null);
  return api()
    .persist()
    .post('/graphql', graphqlMatch((b) => b.query.includes('... on Blob')))
    .reply(
      200,
      graphqlReply(
        () => undefined,
        (body: GraphqlBody) => {
          const repository: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(body.variables ?? {})) {
            if (!/^e\d+$/.test(key)) continue;
            const [rev, ...rest] = String(value).split(':');
            const content = treeAt(rev!)?.[rest.join(':')];
            const text = typeof content === 'string' ? content : null;
            repository[`b${key.slice(1)}`] = text === null ? null : { oid: 'f'.repeat(40), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
          }
          return { data: { repository } };
        },
      ),
    );
}


// The persisted content mock stays listed; every other mock must have been used.
useMockedGitHub(['POST https://api.github.com:443/graphql']);

test('the first push gets comments that fix the problems and a check run that warns; pushing again adds nothing', async () => {
  const change = memoryChangeSet(before, after);
  const expected = await runReview(change, checks, DEFAULT_CONFIG);
  expect(expected.findings.length).toBeGreaterThan(0);
  const files = change.files.map((f) => ({ filename: f.path, status: f.status, patch: patchOf(f.hunks) }));

  const sent: Sent = [];
  const SECOND = '5'.repeat(40);
  const { probot, queue } = await startApp(checks);
  mockInstallationToken(1);
  mockRepositoryContent([HEAD, SECOND]);

  // First push.
  mockCreateCheckRun(sent, 91);
  mockFiles(files);
  mockThreads(sent, []);
  mockReview(sent);
  mockUpdateCheckRun(sent, 91);
  const payload = examplePayload<{ pull_request: { head: { sha: string } } }>('pull_request', 'opened');
  await probot.receive({ id: 'seed-1', name: 'pull_request', payload } as never);
  await queue().idle();

  const [completion] = bodiesOf(sent, 'update 91') as Array<{ conclusion: string; output: { annotations?: unknown[] } }>;
  // Debug on and a literal fallback are warnings: the comments carry the fixes, and the check run passes at the
  // default fail_on (a team that wants them to block sets fail_on: warning).
  expect(completion!.conclusion).toBe('success');
  // Every finding has its inline comment, so none is annotated a second time on the same line.
  expect(completion!.output.annotations).toBeUndefined();
  expect(expected.findings.map((f) => f.checkId)).toEqual(expect.arrayContaining(['debug-mode']));

  const [review] = bodiesOf(sent, 'review') as Array<{ comments: Array<{ path: string; line: number; body: string }> }>;
  // Every file is new, so every finding is on the diff and gets its comment, with the remedy: the App
  // reports exactly what the CLI's pipeline finds, on the same lines.
  expect(review!.comments.map((c) => [c.path, c.line])).toEqual(expected.findings.map((f) => [f.path, f.endLine]));
  for (const [i, c] of review!.comments.entries()) {
    expect(c.body).toContain(expected.findings[i]!.message);
    expect(c.body).toContain(expected.findings[i]!.remediation);
  }
  const debugComment = review!.comments.find((c) => c.path === 'app.py' && c.line === 12)!;
  expect(debugComment.body).toContain('```suggestion\n');

  // Second push: the same findings, already commented on by the app.
  const threads: ThreadFixture[] = review!.comments.map((c, i) => ({ id: `T${i}`, path: c.path, body: c.body }));
  mockCreateCheckRun(sent, 92, SECOND);
  mockFiles(files);
  mockThreads(sent, threads);
  mockUpdateCheckRun(sent, 92);
  payload.pull_request.head.sha = SECOND;
  await probot.receive({ id: 'seed-2', name: 'pull_request', payload: { ...payload, action: 'synchronize' } } as never);
  await queue().idle();

  expect(bodiesOf(sent, 'review')).toHaveLength(1);
  expect(bodiesOf(sent, 'update 92')[0]).toMatchObject({ conclusion: 'success' });
  // The earlier comments are open and current, so the findings are still shown once, not annotated as well.
  expect((bodiesOf(sent, 'update 92')[0]!.output as { annotations?: unknown[] }).annotations).toBeUndefined();
});
