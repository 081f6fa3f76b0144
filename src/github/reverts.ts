// What a pull request's reverts put back (see src/changeset/reverts.ts), from its commits' messages and
// the reverted commits as GitHub lists them.
import type { ChangedFile, Restored } from '../model/change-set.js';
import { parsePatch } from '../changeset/hunks.js';
import { MAX_REVERTED, addRemoved, restoredBy, revertedIn, type TakenAway } from '../changeset/reverts.js';
import type { PullRequestCommit, PullRequestFile } from './change-set.js';
import type { GitHubApi } from './client.js';

/** GitHub's "Revert" button and `git revert` title the pull request or commit `Revert "<subject>"`. */
export const REVERT_TITLE = /^Revert "/;

/** What one reverted commit took away, from `GET /repos/{owner}/{repo}/commits/{ref}` (its first 300 files); null for a root commit. */
async function takenAway(api: GitHubApi, owner: string, repo: string, sha: string): Promise<TakenAway | null> {
  const { data } = await api.request<{ parents?: unknown[]; files?: PullRequestFile[] }>('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: sha, per_page: 300 });
  if ((data.parents ?? []).length === 0) return null;
  const away: TakenAway = { lines: new Map(), deleted: new Map() };
  for (const f of data.files ?? []) {
    if (f.status === 'removed' && f.sha) away.deleted.set(f.filename, f.sha);
    else if (f.status !== 'added' && f.patch !== undefined) addRemoved(away, f.previous_filename ?? f.filename, parsePatch(f.patch).removed);
  }
  return away;
}

/**
 * What the pull request's reverts restore. A reverted commit that is one of the pull request's own is
 * left out: reverting it puts back nothing the base had. A reverted commit GitHub cannot read is left out
 * too, so the review reports what the revert adds as new, as it would without this.
 */
export async function pullRequestRestored(
  api: GitHubApi,
  pr: { owner: string; repo: string },
  commits: readonly PullRequestCommit[],
  files: readonly ChangedFile[],
  addedBlobs: ReadonlyMap<string, string>,
): Promise<Restored | undefined> {
  const own = commits.map((c) => c.sha);
  const reverted = [...new Set(commits.flatMap((c) => revertedIn(c.message)))].filter((sha) => !own.some((o) => o.startsWith(sha))).slice(0, MAX_REVERTED);
  if (reverted.length === 0) return undefined;
  const taken = await Promise.all(reverted.map((sha) => takenAway(api, pr.owner, pr.repo, sha).catch(() => null)));
  const read = taken.filter((t): t is TakenAway => t !== null);
  return read.length === 0 ? undefined : restoredBy(read, files, addedBlobs);
}
