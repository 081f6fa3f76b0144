// A GitHub stand-in for the App's change set: a pull request's files list, its merge base, and GraphQL reads
// of blobs and folders, answered from two trees held in memory.
import type { Tree } from '../../../src/changeset/memory.js';
import type { PullRequestRef } from '../../../src/github/change-set.js';
import type { GitHubApi, RestResponse } from '../../../src/github/client.js';

export const BASE = 'b'.repeat(40);
export const HEAD = 'h'.repeat(40);
export const PR: PullRequestRef = { owner: 'acme', repo: 'shop', number: 7, baseSha: BASE, headSha: HEAD };

/**
 * A GitHub holding `base` and `head` trees: the pull request's files list (added files only, with their
 * patches), the merge base, and GraphQL reads of blobs and folders at either commit. `fail` makes
 * every query asking for an expression it accepts fail, as a network error past its retries would.
 */
export function fakeGitHub(base: Tree, head: Tree, options: { fail?: (expression: string) => boolean } = {}) {
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
      if (options.fail && expressions.some(([, e]) => options.fail!(e))) throw new Error('socket hang up');
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

