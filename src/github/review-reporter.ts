// Talks to GitHub about review comments: this app's existing threads, resolving fixed ones, posting one review.
import type { GitHubApi } from './client.js';
import { markerFingerprint, type ReviewComment } from './review-comments.js';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
}

/** A review thread this app started, with the fingerprint its first comment carries. */
export interface AppThread {
  id: string;
  isResolved: boolean;
  /** GitHub no longer shows the thread on the diff's lines (the code under it changed since). */
  isOutdated: boolean;
  path: string;
  fingerprint: string;
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          isResolved: boolean;
          isOutdated?: boolean;
          path: string;
          comments: { nodes: Array<{ body: string; viewerDidAuthor: boolean; author: { __typename: string; login: string } | null }> };
        }>;
      };
    } | null;
  } | null;
}

export const THREADS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          isOutdated
          path
          comments(first: 1) { nodes { body viewerDidAuthor author { __typename login } } }
        }
      }
    }
  }
}`;

/**
 * Lists the pull request's review threads (paginated) and keeps those whose first comment this app
 * wrote and that carry its marker. Authorship, not the marker, decides: a marker pasted into someone
 * else's comment must not silence a finding. GraphQL names an app's bot by its bare slug.
 */
export async function listAppThreads(api: GitHubApi, pr: PullRequestTarget, appSlug: string | null): Promise<AppThread[]> {
  const threads: AppThread[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ThreadsPage = await api.graphql<ThreadsPage>(THREADS_QUERY, { owner: pr.owner, name: pr.repo, number: pr.number, after });
    const reviewThreads = page.repository?.pullRequest?.reviewThreads;
    if (!reviewThreads) return threads;
    for (const node of reviewThreads.nodes) {
      const first = node.comments.nodes[0];
      if (!first) continue;
      const byThisApp = first.viewerDidAuthor || (appSlug !== null && first.author?.__typename === 'Bot' && first.author.login.replace(/\[bot\]$/, '') === appSlug);
      const fingerprint = markerFingerprint(first.body);
      if (byThisApp && fingerprint) threads.push({ id: node.id, isResolved: node.isResolved, isOutdated: node.isOutdated === true, path: node.path, fingerprint });
    }
    if (!reviewThreads.pageInfo.hasNextPage || !reviewThreads.pageInfo.endCursor) return threads;
    after = reviewThreads.pageInfo.endCursor;
  }
}

export function resolveThreadsMutation(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$t${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `  r${i}: resolveReviewThread(input: { threadId: $t${i} }) { thread { id isResolved } }`).join('\n');
  return `mutation(${variables}) {\n${fields}\n}`;
}

/** Resolves threads, many per GraphQL mutation. */
export async function resolveThreads(api: GitHubApi, threadIds: readonly string[], perRequest = 50): Promise<void> {
  for (let start = 0; start < threadIds.length; start += perRequest) {
    const ids = threadIds.slice(start, start + perRequest);
    await api.graphql(resolveThreadsMutation(ids.length), Object.fromEntries(ids.map((id, i) => [`t${i}`, id])));
  }
}

export async function postReview(api: GitHubApi, pr: PullRequestTarget, headSha: string, body: string, comments: readonly ReviewComment[]): Promise<void> {
  await api.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    commit_id: headSha,
    event: 'COMMENT',
    body,
    comments,
  });
}
