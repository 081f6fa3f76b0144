// The App looks for a copied file's original too: a new file copied from the base tree reports, through
// GitHub's API, only what its original did not already have, as the CLI does with local git reads.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';
import { GitHubBlobReader } from '../../src/github/blob-reader.js';
import { pullRequestChangeSet, type PullRequestRef } from '../../src/github/change-set.js';
import type { GitHubApi, RestResponse } from '../../src/github/client.js';

const BASE = 'b'.repeat(40);
const HEAD = 'h'.repeat(40);
const PR: PullRequestRef = { owner: 'acme', repo: 'shop', number: 7, baseSha: BASE, headSha: HEAD };

const deployment = (name: string, image: string, port = '8080') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    `        image: ${image}`,
    '        ports:',
    `        - containerPort: ${port}`,
    '        env:',
    '        - name: LOG_LEVEL',
    '          value: info',
  ].join('\n');

/**
 * A GitHub holding `base` and `head` trees: the pull request's files list (added files only, with their
 * patches), the merge base, and GraphQL reads of blobs and folders at either commit. `failOriginals` makes
 * every read of the originals fail, as a network error past its retries would.
 */
function fakeGitHub(base: Tree, head: Tree, options: { failOriginals?: boolean } = {}) {
  const queries: string[][] = [];
  const trees: Record<string, Tree> = { [BASE]: base, [HEAD]: head };
  const added = Object.keys(head).filter((p) => !(p in base));
  const ok = <T>(data: T): RestResponse<T> => ({ status: 200, data, headers: {} });
  const api: GitHubApi = {
    async request<T>(route: string) {
      if (route.includes('/pulls/{pull_number}/files')) {
        const lines = (p: string) => String(head[p]).split('\n');
        return ok(added.map((p) => ({ filename: p, status: 'added', sha: 'a'.repeat(40), additions: lines(p).length, deletions: 0, changes: lines(p).length, patch: [`@@ -0,0 +1,${lines(p).length} @@`, ...lines(p).map((l) => `+${l}`)].join('\n') }))) as RestResponse<T>;
      }
      if (route.includes('/compare/')) return ok({ merge_base_commit: { sha: BASE } }) as RestResponse<T>;
      throw new Error(`no REST call expected: ${route}`);
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
      const expressions = Object.entries(variables).filter(([k]) => /^e\d+$/.test(k)).map(([k, v]) => [k.slice(1), String(v)] as const);
      queries.push(expressions.map(([, e]) => e));
      if (options.failOriginals && expressions.some(([, e]) => e.includes(':kubernetes-manifests/') && !e.includes('monolith'))) throw new Error('socket hang up');
      const blob = (text: string) => ({ oid: 'f'.repeat(40), byteSize: text.length, isBinary: false, isTruncated: false, text });
      const nodes = Object.fromEntries(
        expressions.map(([i, e]) => {
          const [rev, path] = [e.slice(0, 40), e.slice(41)];
          const tree = trees[rev] ?? {};
          if (new RegExp(`b${i}: object\\(expression: \\$e${i}\\) \\{ \\.\\.\\. on Tree`).test(query)) {
            const prefix = path === '' ? '' : `${path}/`;
            const names = Object.keys(tree).filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
            return [`b${i}`, names.length === 0 ? null : { entries: names.map((p) => ({ name: p.slice(prefix.length), type: 'blob', object: blob(String(tree[p])) })) }];
          }
          const text = tree[path];
          return [`b${i}`, text === undefined ? null : blob(String(text))];
        }),
      );
      return { repository: nodes } as T;
    },
  };
  return { api, queries };
}

const appFindings = async (base: Tree, head: Tree, options: { failOriginals?: boolean } = {}) => {
  const { api, queries } = fakeGitHub(base, head, options);
  const { change } = await pullRequestChangeSet(api, PR, new GitHubBlobReader(api, PR.owner, PR.repo));
  const result = await review(change, checks);
  return { findings: result.findings.map((f) => `${f.checkId} ${f.path}:${f.line}`).sort(), queries };
};
const cliFindings = async (base: Tree, head: Tree) => (await review(memoryChangeSet(base, head), checks)).findings.map((f) => `${f.checkId} ${f.path}:${f.line}`).sort();

describe('a file copied from the base tree, reviewed by the App', () => {
  const base: Tree = { 'kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest') };

  it('does not report what its original already had, as the CLI does not', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081') };
    const app = await appFindings(base, head);
    expect(app.findings).toEqual([]);
    expect(app.findings).toEqual(await cliFindings(base, head));
  });

  it('reports what the copy adds: a new unpinned image', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/ledger:latest') };
    const app = await appFindings(base, head);
    expect(app.findings).toContain('unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:10');
    expect(app.findings).toEqual(await cliFindings(base, head));
  });

  it('asks for the candidate originals of several copies in one query', async () => {
    const many: Tree = { ...base, 'kubernetes-manifests/ledger.yaml': deployment('ledger', 'gcr.io/example/ledger:latest') };
    const head = {
      ...many,
      'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081'),
      'src/monolith/kubernetes-manifests/ledger.yaml': deployment('ledger', 'gcr.io/example/ledger:latest', '8081'),
    };
    const app = await appFindings(many, head);
    expect(app.findings).toEqual([]);
    // The originals are untouched by the pull request, so they are read at head, both in one query.
    const originals = app.queries.filter((q) => q.some((e) => e.endsWith(':kubernetes-manifests/contacts.yaml') || e.endsWith(':kubernetes-manifests/ledger.yaml')));
    expect(originals).toEqual([expect.arrayContaining([`${HEAD}:kubernetes-manifests/contacts.yaml`, `${HEAD}:kubernetes-manifests/ledger.yaml`])]);
  });

  it('keeps the findings when the original cannot be read (the gate errs on the side of reporting)', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081') };
    const app = await appFindings(base, head, { failOriginals: true });
    expect(app.findings).toContain('unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:10');
  });
});
