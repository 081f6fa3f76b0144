// Turns webhook payloads into review requests: which pull request, which head, on whose behalf.
import { readPages, type GitHubApi } from './client.js';

/** Everything a queued review needs; plain data, so a durable queue can store it as it is. */
export interface ReviewRequest {
  /** X-GitHub-Delivery of the webhook that asked for the review. */
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  /** Pull request number. */
  number: number;
  headSha: string;
  baseSha: string;
  /** Web address of the base repository, for links to lines. */
  repositoryUrl: string;
  /** What asked for it, e.g. "pull_request.synchronize", for logs. */
  trigger: string;
  /** A draft pull request; the configuration may skip those. */
  draft?: boolean;
  /** The check run created as `queued` when the webhook was accepted; the review updates this run. */
  checkRunId?: number;
  /** When the webhook was accepted (ms since the epoch), for the oldest-job metric and recovery. */
  receivedAt?: number;
  /** How many commits the pull request has; with two or more, secrets added and removed within it are looked for. */
  commits?: number;
  /** The pull request's title; `Revert "…"` has its one commit read for what it restores. */
  title?: string;
}

/** One review per pull request at a time: a newer request for the same key supersedes older ones. */
export const pullRequestKey = (r: Pick<ReviewRequest, 'owner' | 'repo' | 'number'>) => `${r.owner}/${r.repo}#${r.number}`.toLowerCase();

export const REVIEWED_PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;

interface RepositoryPayload {
  name: string;
  html_url: string;
  owner: { login: string };
}

interface PullRequestPayload {
  action: string;
  installation?: { id: number };
  repository: RepositoryPayload;
  pull_request: { number: number; state: string; draft?: boolean; commits?: number; title?: string; head: { sha: string }; base: { sha: string } };
}

/**
 * The review a pull_request event asks for. The check run goes on the head SHA in the base
 * repository, which is where the event comes from, so fork pull requests need nothing special.
 */
export function requestFromPullRequest(deliveryId: string, payload: PullRequestPayload): ReviewRequest | null {
  if (!payload.installation || payload.pull_request.state !== 'open') return null;
  return {
    deliveryId,
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: payload.pull_request.number,
    headSha: payload.pull_request.head.sha,
    baseSha: payload.pull_request.base.sha,
    repositoryUrl: payload.repository.html_url,
    trigger: `pull_request.${payload.action}`,
    draft: payload.pull_request.draft === true,
    ...(typeof payload.pull_request.commits === 'number' ? { commits: payload.pull_request.commits } : {}),
    ...(typeof payload.pull_request.title === 'string' ? { title: payload.pull_request.title } : {}),
  };
}

interface PullRequestSummary {
  number: number;
  head: { sha: string };
  base: { sha: string };
}

interface RerequestPayload {
  action: string;
  installation?: { id: number };
  repository: RepositoryPayload;
}

/**
 * The reviews a rerequested check run or check suite asks for: every open pull request whose head is
 * `headSha`. GitHub lists those pull requests in the payload, except for pull requests from forks,
 * which are then found among the repository's open pull requests.
 */
export async function requestsFromRerequest(
  api: GitHubApi,
  deliveryId: string,
  payload: RerequestPayload,
  headSha: string,
  listed: readonly PullRequestSummary[],
  trigger: string,
): Promise<ReviewRequest[]> {
  if (!payload.installation) return [];
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  let pulls = listed.filter((p) => p.head.sha === headSha);
  if (pulls.length === 0) {
    const { items } = await readPages<PullRequestSummary>(api, 'GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'open' }, 10);
    pulls = items.filter((p) => p.head.sha === headSha);
  }
  const installationId = payload.installation.id;
  return pulls.map((p) => ({
    deliveryId,
    installationId,
    owner,
    repo,
    number: p.number,
    headSha,
    baseSha: p.base.sha,
    repositoryUrl: payload.repository.html_url,
    trigger,
  }));
}
