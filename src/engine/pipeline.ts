// One review as both front ends run it: path ignores, enabled checks and their options, severity
// overrides, then suppressions. The CLI and the GitHub App call this; neither re-implements a step.
import type { ReadinessConfig } from '../config/config.js';
import { checkOptions, enabledChecks, ignoreGlobs } from '../config/config.js';
import { contentOf, type ChangeSet } from '../model/change-set.js';
import type { Finding, ReviewError } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { Check } from './define-check.js';
import { fingerprint } from './fingerprint.js';
import { pathMatcher } from './glob.js';
import { acrossFilesGroup, compareFindings, review } from './review.js';
import { oneAcrossFiles, type FoldKey } from './across-files.js';
import { applySuppressions, type IgnoreFileSource, type ProposedIgnore, type SuppressedFinding } from './suppressions.js';

export const SUPPRESSION_CHECK_ID = 'readiness-ignore';

export interface PipelineResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  errors: ReviewError[];
  /** `.readinessignore` entries the change adds, which do not apply to it. */
  proposedIgnores: ProposedIgnore[];
}

export interface PipelineOptions {
  /** Extra globs to leave out (the CLI's --exclude). */
  exclude?: string[];
  /** Which `.readinessignore` silences findings (default: the head's). */
  ignoreFile?: IgnoreFileSource;
}

/** The change set restricted to files that are not ignored; content access still reaches every path. */
export function withoutIgnored(change: ChangeSet, globs: string[]): ChangeSet {
  if (globs.length === 0) return change;
  const excluded = pathMatcher(globs);
  return { ...contentOf(change), files: change.files.filter((f) => !excluded(f.path)) };
}

/** runReview's shape: what a review asks of the engine, wherever it runs (this thread, or a review thread). */
export type RunReview = (change: ChangeSet, checks: readonly Check[], config: ReadinessConfig, options?: PipelineOptions) => Promise<PipelineResult>;

export async function runReview(change: ChangeSet, checks: readonly Check[], config: ReadinessConfig, options: PipelineOptions = {}): Promise<PipelineResult> {
  const scoped = withoutIgnored(change, [...ignoreGlobs(config), ...(options.exclude ?? [])]);
  const { findings: raw, errors } = await review(scoped, enabledChecks(config, checks), { checkOptions: checkOptions(config), roles: config.roles });
  const across = new Map<Finding, FoldKey>();
  const findings = raw.map((f) => {
    const severity = config.checks[f.checkId]?.severity;
    const out = severity ? { ...f, severity } : f;
    const key = acrossFilesGroup(f);
    if (key !== undefined) across.set(out, key);
    return out;
  });
  const known = new Set(checks.map((c) => c.id));
  const result = await applySuppressions(findings, scoped, known, options.ignoreFile);
  // What a suppression leaves of one problem in several files is said once (see across-files.ts).
  result.findings = oneAcrossFiles(result.findings, (f) => across.get(f));
  // A suppression without a reason silences nothing: say so where it is, so its author knows why.
  for (const missing of result.missingReasons) {
    const example = `readiness-ignore: ${missing.checkId ?? '<check-id>'} <why this is safe>`;
    result.findings.push({
      checkId: SUPPRESSION_CHECK_ID,
      severity: 'notice',
      path: missing.path,
      line: missing.line,
      endLine: missing.line,
      title: 'Suppression without a reason',
      message: `This readiness-ignore comment does not silence ${missing.checkId ? `\`${missing.checkId}\`` : 'any check'}: it gives no reason, and without one reviewers cannot tell a checked false alarm from a hidden problem.`,
      remediation: `Say why the finding is safe to ignore after the check id:\n\n\`\`\`\n# ${example}\n\`\`\``,
      fingerprint: fingerprint(SUPPRESSION_CHECK_ID, missing.path, `${missing.checkId ?? '*'}:${missing.line}`),
    });
  }
  result.findings.sort(compareFindings);
  return { findings: result.findings, suppressed: result.suppressed, errors, proposedIgnores: result.proposed };
}

/** True when any finding is at or above the threshold. */
export function blocks(findings: readonly Finding[], failOn: ReadinessConfig['fail_on']): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
}
