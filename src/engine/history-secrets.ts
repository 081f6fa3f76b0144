// Secrets a branch or pull request adds in one commit and removes in a later one: gone from the final diff, still in the history it merges.
import type { ReadinessConfig } from '../config/config.js';
import type { ChangeSet } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import type { Check } from './define-check.js';
import { runReview, type PipelineOptions, type PipelineResult, type RunReview } from './pipeline.js';

export const SECRETS_CHECK_ID = 'secrets';

/** Most commits read per review; GitHub lists at most 250 commits of a pull request too. */
export const MAX_HISTORY_COMMITS = 250;

export interface HistoryCommit {
  sha: string;
  /** The commit against its first parent; null when it cannot be read (then it is listed as not reviewed). */
  load(): Promise<ChangeSet | null>;
  /** Called once the commit has been reviewed, to release what load() opened. */
  close?(): void;
}

export interface HistorySecretsResult {
  findings: Finding[];
  /** Commits that could not be read, by short SHA. */
  unreadable: string[];
}

/**
 * Reviews each commit of the range with the secrets check alone (same settings, ignores and
 * suppressions as the whole review) and returns the secrets that the final review does not report:
 * added by a commit, removed or changed by a later one. Each names the commit that added it.
 * The first commit that added a secret wins; a secret reported or suppressed in the final review is skipped.
 */
export async function historyOnlySecrets(
  commits: readonly HistoryCommit[],
  final: Pick<PipelineResult, 'findings' | 'suppressed'>,
  checks: readonly Check[],
  config: ReadinessConfig,
  scope: 'branch' | 'pull request',
  options: PipelineOptions = {},
  run: RunReview = runReview,
): Promise<HistorySecretsResult> {
  const secrets = checks.filter((c) => c.id === SECRETS_CHECK_ID);
  const out: HistorySecretsResult = { findings: [], unreadable: [] };
  if (secrets.length === 0 || config.checks[SECRETS_CHECK_ID]?.enabled === false || commits.length < 2) return out;
  const known = new Set([...final.findings, ...final.suppressed].map((f) => f.fingerprint));
  for (const commit of commits) {
    const change = await commit.load().catch(() => null);
    if (!change) {
      out.unreadable.push(commit.sha.slice(0, 7));
      continue;
    }
    try {
      const { findings } = await run(change, secrets, config, options);
      for (const f of findings) {
        if (f.checkId !== SECRETS_CHECK_ID || known.has(f.fingerprint)) continue;
        known.add(f.fingerprint);
        const short = commit.sha.slice(0, 7);
        out.findings.push({
          ...f,
          title: `${f.title} (in commit ${short})`,
          message: `${f.message} Commit ${short} added it and a later commit of this ${scope} removed or changed it, but it stays in the history the ${scope} ${scope === 'branch' ? 'would merge' : 'merges'}.`,
          remediation: `Removing it in a later commit does not take it out of the history: revoke or rotate it first. To keep it out of the default branch's history as well, rewrite the ${scope}'s commits (for example \`git rebase -i\` and drop or edit commit ${short}) before merging.\n\n${f.remediation}`,
        });
      }
    } finally {
      commit.close?.();
    }
  }
  return out;
}
