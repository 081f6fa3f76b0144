// One review of one push: check run in progress, change set, checks, inline review, check run completed, whatever happens.
import type { Logger } from 'pino';
import { CONFIG_PATH, DEFAULT_CONFIG, enabledChecks, ignoreGlobs, type FailOn, type OnError, type ReadinessConfig } from '../config/config.js';
import type { Check } from '../engine/define-check.js';
import { historyOnlySecrets } from '../engine/history-secrets.js';
import { pathMatcher } from '../engine/glob.js';
import { runReview, withoutIgnored, type PipelineResult, type RunReview } from '../engine/pipeline.js';
import { IGNORE_FILE } from '../engine/suppressions.js';
import type { ChangeSet, ChangedFile } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { MAX_PULL_REQUEST_FILES, commitChangeSet, pullRequestChangeSet, pullRequestCommits, type PullRequestCommit } from './change-set.js';
import { REVERT_TITLE, pullRequestRestored } from './reverts.js';
import { ApiCallCounter, countingApi, type GitHubApi, type OctokitLike } from './client.js';
import { GitHubBlobReader } from './blob-reader.js';
import { readAhead, readAheadEarly } from './read-ahead.js';
import { RERUN_HINT, checkRunOutput, invalidConfigOutput } from './check-run-output.js';
import { CheckRunReporter } from './check-run-reporter.js';
import { markerFingerprint, planReview } from './review-comments.js';
import { RepositoryConfigLoader, type LoadedConfig, type SourcedConfigProblem } from './repository-config.js';
import { listAppThreads, postReview, resolveThreads, type AppThread } from './review-reporter.js';
import { HandBack } from './review-queue.js';
import type { ReviewRequest } from './review-request.js';
import { Deadline, DeadlineExceeded, describeFailure, retryingApi, retryPolicy, withRetries, type RetryContext, type RetryPolicy } from './retry.js';

export { describeFailure };

export interface ReviewSettings {
  checks: readonly Check[];
  /** Overrides the repository's `fail_on`. */
  failOn?: FailOn;
  /** Retry, timeout and deadline settings (tests shorten the waits). */
  retry?: Partial<RetryPolicy>;
  /** The repository's configuration file, when not `.github/readiness.yml` (the Action's `config-path`). */
  configPath?: string;
  /** Runs the checks over the change set; the server passes its review threads' (default: on this thread). */
  runReview?: RunReview;
}

/** Whether a check needs file roles (it reports on some roles, or asks for them), so their sources are read ahead. */
const usesRoles = (check: Check) => check.roles !== undefined || check.readsRoles === true;

export type ReviewLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface ReviewOutcome {
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  commentsPosted: number;
  threadsResolved: number;
  apiCalls: ApiCallCounter;
  /** The findings reported (for metrics by check and severity). */
  findings: readonly Finding[];
  /** What the review found, when it ran to the end (for the Action's job summary and SARIF). */
  result?: Pick<PipelineResult, 'findings' | 'suppressed' | 'errors'>;
}

/** Thrown at a checkpoint when a newer push to the same pull request arrived. */
export class Superseded extends Error {
  constructor(readonly by: string) {
    super(`superseded by ${by}`);
  }
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

interface PublishedReview {
  posted: number;
  resolved: number;
  notes: string[];
  /** Fingerprints of the findings with an inline comment on this push's diff: posted now, or open and current from before. */
  commented: Set<string>;
}

interface ConfigProposal {
  notes: string[];
  /** Problems of the configuration as the pull request leaves it; empty when it is valid or unchanged. */
  problems: SourcedConfigProblem[];
}

/**
 * What the pull request does to the configuration. Its edits never apply to its own review (that
 * uses the base branch's files); the summary says so, and a new file that would be invalid once
 * merged is reported now rather than on every later pull request.
 */
async function configProposal(configs: RepositoryConfigLoader, base: LoadedConfig, change: ChangeSet, headSha: string): Promise<ConfigProposal> {
  const local = new Set([CONFIG_PATH, ...(base.valid ? base.localPaths : [])]);
  const touched = change.files.filter((f) => local.has(f.path) || (f.previousPath !== undefined && local.has(f.previousPath)));
  if (touched.length === 0) return { notes: [], problems: [] };
  const own = touched.find((f) => (f.previousPath ?? f.path) === CONFIG_PATH || f.path === CONFIG_PATH);
  if (own && (own.status === 'removed' || own.path !== CONFIG_PATH)) {
    return { notes: [`This pull request removes \`${CONFIG_PATH}\`: this review uses the settings on the base branch; after merge, reviews use the built-in defaults.`], problems: [] };
  }
  const proposed = await configs.load(headSha, { proposed: true });
  const verb = touched.length === 1 && own?.status === 'added' ? 'adds' : 'changes';
  const names = touched.map((f) => `\`${f.path}\``).join(' and ');
  return {
    notes: [`This pull request ${verb} ${names}: this review uses the settings on the base branch; the new settings apply after merge.`],
    problems: proposed.valid ? [] : proposed.problems,
  };
}

/**
 * Posts the push's inline comments as one COMMENT review, skipping fingerprints this app already
 * posted, then resolves this app's threads whose finding is gone. Failures here become notes in the
 * check run instead of ending the review.
 */
async function publishReview(
  api: GitHubApi,
  request: ReviewRequest,
  change: ChangeSet,
  findings: readonly Finding[],
  config: ReadinessConfig,
  checks: readonly Check[],
  appSlug: string | null,
  partial: boolean,
  checkpoint: () => void,
  retry: RetryContext,
): Promise<PublishedReview> {
  const result: PublishedReview = { posted: 0, resolved: 0, notes: [], commented: new Set() };
  const target = { owner: request.owner, repo: request.repo, number: request.number };
  const max = config.review.max_comments;
  let threads: AppThread[];
  try {
    threads = await listAppThreads(api, target, appSlug);
    const plan = planReview(findings, change.files, new Set(threads.map((t) => t.fingerprint)), new Map(checks.map((c) => [c.id, c.docsUrl])), {
      max,
      suggestions: config.review.suggestions,
    });
    const left = plan.overLimit.length;
    if (left > 0 && max === 0) result.notes.push(`${plural(left, 'new finding')} on the diff ${left === 1 ? 'has' : 'have'} no inline comment: \`review.max_comments\` is 0.`);
    else if (left > 0) result.notes.push(`${plural(left, 'more new finding')} on the diff ${left === 1 ? 'has' : 'have'} no inline comment: a review carries at most ${plural(max, 'inline comment')} (\`review.max_comments\`), given to the most severe findings first.`);
    // An earlier comment still counts while GitHub shows it on the diff: open, and not outdated by a later change.
    const shown = new Set(threads.filter((t) => !t.isResolved && !t.isOutdated).map((t) => t.fingerprint));
    for (const f of plan.alreadyPosted) if (shown.has(f.fingerprint)) result.commented.add(f.fingerprint);
    checkpoint();
    if (plan.comments.length > 0) {
      const body = `Production readiness: ${plural(plan.comments.length, 'new finding')} on this push. The **Production readiness** check run has the whole review.`;
      // A post answered with an error may still have landed (a 502 after GitHub stored it): before each
      // retry, this app's threads are listed again and comments whose marker is already there are dropped.
      let pending = plan.comments;
      await withRetries(
        async () => {
          await postReview(api, target, request.headSha, body, pending);
          return true;
        },
        retry,
        async () => {
          const posted = new Set((await listAppThreads(api, target, appSlug)).map((t) => t.fingerprint));
          pending = pending.filter((c) => !posted.has(markerFingerprint(c.body) ?? ''));
          return pending.length === 0 ? true : undefined;
        },
      );
      result.posted = plan.comments.length;
      for (const f of plan.commented) result.commented.add(f.fingerprint);
    }
  } catch (error) {
    if (error instanceof Superseded || error instanceof HandBack) throw error;
    result.notes.push(`The inline review could not be posted: ${describeFailure(error)}. The findings are annotated instead, wherever their file still exists.`);
    // Whatever was gathered before the failure is dropped: without the review, annotations must carry every finding.
    return { ...result, commented: new Set() };
  }

  // A thread's finding is gone only if its file was reviewed in full this time.
  const current = new Set(findings.map((f) => f.fingerprint));
  const unreviewed = new Set(change.files.filter((f) => f.problem).map((f) => f.path));
  const fixed = partial ? [] : threads.filter((t) => !t.isResolved && !current.has(t.fingerprint) && !unreviewed.has(t.path));
  if (fixed.length > 0) {
    try {
      await resolveThreads(
        api,
        fixed.map((t) => t.id),
      );
      result.resolved = fixed.length;
    } catch (error) {
      result.notes.push(`Review threads of fixed findings could not be resolved: ${describeFailure(error)}.`);
    }
  }
  return result;
}

/**
 * Secrets a commit of the pull request added and a later one removed: in the history it merges though
 * not in its diff. Read only for pull requests of two or more commits; a failure becomes a note.
 */
export async function secretsInHistory(
  api: GitHubApi,
  request: ReviewRequest,
  blobs: GitHubBlobReader,
  final: PipelineResult,
  checks: readonly Check[],
  config: ReadinessConfig,
  run?: RunReview,
  /** The pull request's commits when they are already being read (see commitsFor). */
  read?: Promise<PullRequestCommit[]>,
): Promise<{ findings: Finding[]; notes: string[] }> {
  if ((request.commits ?? 0) < 2) return { findings: [], notes: [] };
  try {
    const commits = await (read ?? pullRequestCommits(api, request));
    const { findings, unreadable } = await historyOnlySecrets(
      commits.map((c) => ({ sha: c.sha, load: () => commitChangeSet(api, request.owner, request.repo, c, blobs) })),
      final,
      checks,
      config,
      'pull request',
      {},
      run,
    );
    const notes = unreadable.length > 0 ? [`${plural(unreadable.length, 'commit')} of this pull request could not be read (${unreadable.join(', ')}), so secrets added and removed within ${unreadable.length === 1 ? 'it' : 'them'} may be missed.`] : [];
    return { findings, notes };
  } catch (error) {
    if (error instanceof Superseded) throw error;
    return { findings: [], notes: [`The pull request's commits could not be read (${describeFailure(error)}), so secrets added by one commit and removed by a later one were not looked for.`] };
  }
}

/**
 * The pull request's commits, read once for both uses: secrets added and removed within it (two or more
 * commits) and what its reverts restore (those, or a single commit titled `Revert "…"`). Null when neither
 * needs them, so a one-commit pull request costs no extra request.
 */
function commitsFor(api: GitHubApi, request: ReviewRequest): Promise<PullRequestCommit[]> | null {
  if ((request.commits ?? 0) < 2 && !REVERT_TITLE.test(request.title ?? '')) return null;
  const read = pullRequestCommits(api, request);
  read.catch(() => undefined);
  return read;
}

/** Marks what the pull request's reverts restore on its change set; a failure to read them only leaves it unmarked. */
async function markRestored(api: GitHubApi, request: ReviewRequest, commits: Promise<PullRequestCommit[]> | null, change: ChangeSet, addedBlobs: ReadonlyMap<string, string>): Promise<void> {
  if (!commits) return;
  const restored = await commits.then((list) => pullRequestRestored(api, request, list, change.files, addedBlobs)).catch(() => undefined);
  if (restored) change.restored = restored;
}

/**
 * Reviews the pull request at `request.headSha` with the settings of its base branch, and reports it.
 * The check run is created first and always completed: `failure`/`success` from the findings under
 * `fail_on`; `failure` with nothing reviewed when the base branch's configuration is invalid;
 * `skipped` for a draft the configuration skips; or `neutral` with the reason when the review was
 * superseded by a newer push or could not finish.
 */
export async function reviewPullRequest(
  octokit: OctokitLike,
  request: ReviewRequest,
  settings: ReviewSettings,
  context: { signal?: AbortSignal; log: ReviewLog },
): Promise<ReviewOutcome> {
  const apiCalls = new ApiCallCounter();
  const counted = countingApi(octokit, apiCalls);
  const { log, signal } = context;
  const policy = retryPolicy(settings.retry);
  const deadline = new Deadline(policy.reviewDeadlineMs, policy.now);
  const retry: RetryContext = {
    policy,
    deadline,
    onRetry: (error, attempt, waitMs) => log.warn({ reason: describeFailure(error), attempt, waitMs }, 'GitHub request retried'),
  };
  const api = retryingApi(counted, retry);
  const checkpoint = () => {
    if (signal?.aborted) throw signal.reason instanceof HandBack ? signal.reason : new Superseded(String(signal.reason));
  };
  const checkRuns = new CheckRunReporter(counted, { owner: request.owner, repo: request.repo }, policy);
  const run =
    request.checkRunId === undefined
      ? await checkRuns.start(request.headSha, { externalId: `${request.deliveryId}:${request.headSha}`, deadline })
      : await checkRuns.resume(request.checkRunId, request.headSha, deadline);
  const outcome: ReviewOutcome = { conclusion: 'neutral', commentsPosted: 0, threadsResolved: 0, apiCalls, findings: [] };
  // Until the base branch's settings are read, a review that cannot finish fails closed.
  let onError: OnError = 'failure';
  try {
    checkpoint();
    const blobs = new GitHubBlobReader(api, request.owner, request.repo);
    const configs = new RepositoryConfigLoader(api, { owner: request.owner, repo: request.repo }, blobs, settings.checks, settings.configPath);
    // Every review reads the suppression list, and the configuration as the pull request leaves it is
    // checked when the pull request changes it: both go in one query with the base configuration, held
    // until the files list is read so the content of a small pull request goes in the same query.
    // `.readinessignore` counts as of the base branch: the pull request's own entries are only proposals.
    const release = blobs.hold();
    const ignoreFile = { trusted: blobs.read(request.baseSha, IGNORE_FILE), proposed: blobs.read(request.headSha, IGNORE_FILE) };
    for (const early of [ignoreFile.trusted, ignoreFile.proposed, blobs.read(request.headSha, CONFIG_PATH)]) early.catch(() => undefined);
    const loading = configs.load(request.baseSha);
    // Patchless files wait for the configuration's path ignores (the file list does not), so an ignored one is never read.
    const ignoring = loading.then((b) => (b.valid ? pathMatcher(ignoreGlobs(b.config)) : () => false)).catch(() => () => false);
    // The content is asked for as the built-in settings would review it; the read-ahead below, with the
    // repository's settings, finds it read and asks only for what they add.
    const builtIn = pathMatcher(ignoreGlobs(DEFAULT_CONFIG));
    const roles = enabledChecks(DEFAULT_CONFIG, settings.checks).some(usesRoles);
    const listed = (files: readonly ChangedFile[]) => {
      readAheadEarly(blobs, files.filter((f) => !builtIn(f.path)), request.headSha, { roles, repository: request.repo });
      release();
    };
    const changeSet = pullRequestChangeSet(api, request, blobs, ignoring, listed).finally(release);
    const commits = commitsFor(api, request);
    const [base, { change, partial, addedBlobs }] = await Promise.all([loading, changeSet]);
    const proposal = await configProposal(configs, base, change, request.headSha);
    if (!base.valid) {
      await checkRuns.complete(run.id, invalidConfigOutput({ problems: base.problems, baseSha: request.baseSha, notes: proposal.notes, proposedConfigProblems: proposal.problems }));
      outcome.conclusion = 'failure';
      log.info({ conclusion: 'failure', configProblems: base.problems.length, apiCalls: apiCalls.toJSON(), apiCallsTotal: apiCalls.total }, 'review completed');
      return outcome;
    }
    const { config } = base;
    onError = config.on_error;
    if (request.draft && config.drafts === 'skip') {
      await checkRuns.complete(run.id, { conclusion: 'skipped', title: 'Draft pull request', summary: 'Draft pull requests are reviewed once they are ready for review (`drafts: skip` in `.github/readiness.yml`).' });
      outcome.conclusion = 'skipped';
      log.info({ conclusion: 'skipped', apiCalls: apiCalls.toJSON(), apiCallsTotal: apiCalls.total }, 'review completed');
      return outcome;
    }
    checkpoint();
    // Everything the checks will read, fetched together; what they read beyond it is counted as unplanned.
    const ahead = await readAhead(api, blobs, withoutIgnored(change, ignoreGlobs(config)), request, { roles: enabledChecks(config, settings.checks).some(usesRoles) });
    checkpoint();
    await markRestored(api, request, commits, change, addedBlobs);
    const final = await (settings.runReview ?? runReview)(change, settings.checks, config, { ignoreFile });
    const { suppressed, errors, proposedIgnores } = final;
    checkpoint();
    const notes: string[] = [...proposal.notes];
    const history = await secretsInHistory(api, request, blobs, final, settings.checks, config, settings.runReview, commits ?? undefined);
    const findings = history.findings.length > 0 ? [...final.findings, ...history.findings] : final.findings;
    notes.push(...history.notes);
    checkpoint();
    const reviewed = withoutIgnored(change, ignoreGlobs(config)).files.length;
    const ignored = change.files.length - reviewed;
    if (ignored > 0) notes.push(`${plural(ignored, 'changed file')} ${ignored === 1 ? 'is' : 'are'} not reviewed: ${ignored === 1 ? 'it matches' : 'they match'} \`paths.ignore\` or the vendored-code defaults (\`paths.default_ignores\`).`);
    if (partial) {
      errors.push({
        path: '',
        message: `this pull request changes more files than GitHub's files API lists (${MAX_PULL_REQUEST_FILES.toLocaleString('en-US')}): the files after those were not reviewed (the App does not read them through the compare API or a clone). Split the pull request, or review the branch with the CLI (\`npx readiness scan\`).`,
        incomplete: true,
      });
    }
    if (proposedIgnores.length > 0) {
      const silencing = proposedIgnores.filter((p) => p.finding).length;
      notes.push(
        `This pull request adds ${plural(proposedIgnores.length, 'entry', 'entries')} to \`${IGNORE_FILE}\`: ${proposedIgnores.length === 1 ? 'it applies' : 'they apply'} after merge, not to this pull request${silencing > 0 ? `, so ${plural(silencing, 'finding')} ${silencing === 1 ? 'it would silence is' : 'they would silence are'} still reported` : ''}.`,
      );
    }
    if (suppressed.length > 0) notes.push(`${plural(suppressed.length, 'finding')} ${suppressed.length === 1 ? 'is' : 'are'} suppressed by \`readiness-ignore\` comments or \`.readinessignore\`, so ${suppressed.length === 1 ? 'it is' : 'they are'} neither annotated nor commented on.`);
    let commented = new Set<string>();
    if (config.review.inline_comments) {
      const published = await publishReview(api, request, change, findings, config, settings.checks, run.appSlug, partial, checkpoint, retry);
      notes.push(...published.notes);
      outcome.commentsPosted = published.posted;
      outcome.threadsResolved = published.resolved;
      commented = published.commented;
    }
    const output = checkRunOutput({
      findings,
      errors,
      checks: enabledChecks(config, settings.checks),
      repositoryUrl: request.repositoryUrl,
      headSha: request.headSha,
      failOn: settings.failOn ?? config.fail_on,
      onError: config.on_error,
      removedPaths: new Set(change.files.filter((f) => f.status === 'removed').map((f) => f.path)),
      commented,
      annotateCommented: config.review.annotate_commented,
      baseSha: request.baseSha,
      notes,
      filesReviewed: reviewed,
      suppressed,
      proposedIgnores,
      settingsFrom: base.files,
      proposedConfigProblems: proposal.problems,
    });
    await checkRuns.complete(run.id, output);
    outcome.conclusion = output.conclusion;
    outcome.findings = findings;
    outcome.result = { findings, suppressed, errors };
    log.info(
      {
        conclusion: output.conclusion,
        findings: findings.length,
        comments: outcome.commentsPosted,
        resolved: outcome.threadsResolved,
        annotations: output.annotations.length,
        // Findings the summary had no room for (0 when it fits): how often GitHub's limit bites.
        summaryLeftOut: output.omitted?.findings ?? 0,
        apiCalls: apiCalls.toJSON(),
        apiCallsTotal: apiCalls.total,
        reads: { planned: ahead.plan.head.length + ahead.plan.base.length + ahead.plan.lists.length, tree: ahead.tree, ...blobs.stats },
      },
      'review completed',
    );
  } catch (error) {
    // A worker shutting down leaves the run in progress: the queue hands the job to another worker.
    if (error instanceof HandBack) throw error;
    const superseded = error instanceof Superseded;
    const late = error instanceof DeadlineExceeded;
    const conclusion = superseded ? 'neutral' : onError;
    const title = superseded ? `Superseded by ${error.by.slice(0, 7)}` : late ? 'Not reviewed: the review ran out of time' : 'Not reviewed: the review could not finish';
    const summary = superseded
      ? `A newer push to this pull request (commit ${error.by}) replaced this one before its review finished. See the check run on ${error.by.slice(0, 7)}.`
      : [
          `Nothing at ${request.headSha.slice(0, 7)} was reviewed to the end, so no finding of this push is reported: the review stopped because ${late ? `it did not finish within ${Math.round(policy.reviewDeadlineMs / 60_000)} minutes` : describeFailure(error)}.`,
          '',
          onError === 'neutral'
            ? '`on_error: neutral` in the base branch\'s configuration makes this neutral (GitHub counts it as passing).'
            : 'This check fails because the change was not reviewed: it passes only when every changed file was reviewed by every enabled check.',
          RERUN_HINT,
        ].join('\n');
    if (superseded) log.info({ supersededBy: error.by }, 'review superseded');
    else log.error({ reason: describeFailure(error) }, 'review could not finish');
    try {
      await checkRuns.complete(run.id, { conclusion, title, summary });
      outcome.conclusion = conclusion;
    } catch (completionError) {
      log.error({ reason: describeFailure(completionError) }, 'check run could not be completed');
      throw completionError;
    }
  }
  return outcome;
}
