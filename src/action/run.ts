// The GitHub Action: reviews the pull request the workflow runs on with its GITHUB_TOKEN, through the App's own review code.
import { readFileSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Octokit } from '@octokit/core';
import { checks as allChecks } from '../../checks/index.js';
import { checkPage, packageVersion } from '../cli/package-root.js';
import { CONFIG_PATH, ignoreGlobs, type FailOn } from '../config/config.js';
import { pathMatcher } from '../engine/glob.js';
import { blocks, runReview, type PipelineResult } from '../engine/pipeline.js';
import { IGNORE_FILE } from '../engine/suppressions.js';
import type { Finding } from '../model/finding.js';
import { renderSarif } from '../report/sarif.js';
import { pullRequestChangeSet } from '../github/change-set.js';
import { ApiCallCounter, countingApi, type OctokitLike } from '../github/client.js';
import { GitHubBlobReader } from '../github/blob-reader.js';
import { RepositoryConfigLoader } from '../github/repository-config.js';
import { describeFailure, reviewPullRequest, secretsInHistory, type ReviewLog, type ReviewSettings } from '../github/review-pull-request.js';
import type { ReviewRequest } from '../github/review-request.js';
import { annotationCommand, jobSummary, setOutputs } from './workflow-commands.js';

type Env = Record<string, string | undefined>;
type ReviewFindings = Pick<PipelineResult, 'findings' | 'suppressed' | 'errors'>;

export interface ActionIO {
  stdout: (text: string) => void;
}

const FAIL_ON: readonly FailOn[] = ['failure', 'warning', 'notice', 'never'];

/** An input as the runner passes it: INPUT_<NAME> with the name upper-cased (hyphens kept). */
const input = (env: Env, name: string) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim() ?? '';

interface PullRequestEvent {
  action?: string;
  repository: { full_name: string; html_url: string; name: string; owner: { login: string } };
  pull_request?: {
    number: number;
    draft?: boolean;
    commits?: number;
    head: { sha: string; repo?: { full_name: string } | null };
    base: { sha: string };
  };
}

/** The GraphQL endpoint: GITHUB_GRAPHQL_URL when the runner sets it, else derived from the REST one as GHES lays them out. */
export function graphqlUrl(env: Env, apiUrl: string): string {
  if (env.GITHUB_GRAPHQL_URL) return env.GITHUB_GRAPHQL_URL;
  return /\/api\/v3\/?$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3\/?$/, '/api/graphql') : `${apiUrl.replace(/\/$/, '')}/graphql`;
}

/** An Octokit for the workflow's token against GITHUB_API_URL / GITHUB_GRAPHQL_URL (github.com or GHES). */
export function actionOctokit(env: Env, token: string): OctokitLike {
  const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const octokit = new Octokit({ auth: token, baseUrl, userAgent: `readiness-review-action/${packageVersion()}` });
  return { request: octokit.request, graphql: octokit.graphql.defaults({ url: graphqlUrl(env, baseUrl) }) };
}

/** Whether an API error says the token may not write (a fork's pull request, a read-only GITHUB_TOKEN). */
const isReadOnlyRefusal = (error: unknown) => {
  const status = (error as { status?: unknown }).status;
  return status === 403 || status === 404;
};

function consoleLog(io: ActionIO): ReviewLog {
  const line = (level: string) => (obj: unknown, msg?: string) => {
    const text = typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`;
    io.stdout(level === 'error' ? `::warning::${text.trim()}\n` : `${text.trim()}\n`);
  };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/**
 * The review without writing to the repository: same configuration, change set, checks and history
 * as the App, for tokens that cannot create check runs or reviews. The findings go out as workflow
 * annotations and SARIF instead.
 */
async function readOnlyReview(octokit: OctokitLike, request: ReviewRequest, settings: ReviewSettings): Promise<{ result: ReviewFindings; conclusion: 'success' | 'failure'; notes: string[] }> {
  const api = countingApi(octokit, new ApiCallCounter());
  const blobs = new GitHubBlobReader(api, request.owner, request.repo);
  const configs = new RepositoryConfigLoader(api, { owner: request.owner, repo: request.repo }, blobs, settings.checks, settings.configPath);
  // `.readinessignore` counts as of the base branch, as in the App: the pull request's own entries are proposals.
  const ignoreFile = { trusted: blobs.read(request.baseSha, IGNORE_FILE), proposed: blobs.read(request.headSha, IGNORE_FILE) };
  for (const early of [ignoreFile.trusted, ignoreFile.proposed]) early.catch(() => undefined);
  const loading = configs.load(request.baseSha);
  // Patchless files wait for the configuration's path ignores (the file list does not), so an ignored one is never read.
  const ignoring = loading.then((b) => (b.valid ? pathMatcher(ignoreGlobs(b.config)) : () => false)).catch(() => () => false);
  const [base, { change, partial }] = await Promise.all([loading, pullRequestChangeSet(api, request, blobs, ignoring)]);
  if (!base.valid) {
    const problems = base.problems.map((p) => ({ path: p.file ?? settings.configPath ?? CONFIG_PATH, message: `${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}` }));
    return { result: { findings: [], suppressed: [], errors: problems }, conclusion: 'failure', notes: ['The configuration on the base branch is invalid, so nothing was reviewed.'] };
  }
  const final = await runReview(change, settings.checks, base.config, { ignoreFile });
  const history = await secretsInHistory(api, request, blobs, final, settings.checks, base.config);
  const findings = [...final.findings, ...history.findings];
  const notes = [...history.notes, ...(partial ? ['This pull request changes more files than GitHub lists: only those were reviewed.'] : [])];
  const failOn = settings.failOn ?? base.config.fail_on;
  return { result: { ...final, findings }, conclusion: blocks(findings, failOn) ? 'failure' : 'success', notes };
}

/** Runs the Action with the environment the runner sets; returns the process exit code. */
export async function runAction(env: Env = process.env, io: ActionIO = { stdout: (t) => void process.stdout.write(t) }): Promise<number> {
  const fail = (message: string) => {
    io.stdout(`::error::${message}\n`);
    return 1;
  };
  const token = input(env, 'github-token') || env.GITHUB_TOKEN || '';
  if (!token) return fail('No token: pass `github-token` (default `${{ github.token }}`).');
  const failOnInput = input(env, 'fail-on');
  if (failOnInput && !FAIL_ON.includes(failOnInput as FailOn)) return fail(`fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOnInput}".`);
  if (!env.GITHUB_EVENT_PATH) return fail('GITHUB_EVENT_PATH is not set: this runs as a step of a GitHub Actions workflow.');
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestEvent;
  const pr = event.pull_request;
  if (!pr) {
    io.stdout(`::notice::readiness-review reviews pull requests; the ${env.GITHUB_EVENT_NAME ?? 'this'} event has none, so there is nothing to review.\n`);
    return 0;
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? event.repository.full_name).split('/') as [string, string];
  const request: ReviewRequest = {
    deliveryId: `run-${env.GITHUB_RUN_ID ?? 'local'}`,
    installationId: 0,
    owner,
    repo,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    repositoryUrl: event.repository.html_url,
    trigger: `${env.GITHUB_EVENT_NAME ?? 'pull_request'}.${event.action ?? ''}`,
    draft: pr.draft === true,
    ...(typeof pr.commits === 'number' ? { commits: pr.commits } : {}),
  };
  const configPath = input(env, 'config-path') || CONFIG_PATH;
  const settings: ReviewSettings = { checks: allChecks, configPath, ...(failOnInput ? { failOn: failOnInput as FailOn } : {}) };
  const octokit = actionOctokit(env, token);
  // A pull_request event from a fork gets a read-only token: nothing can be written, so do not try.
  const fromFork = env.GITHUB_EVENT_NAME === 'pull_request' && pr.head.repo != null && pr.head.repo.full_name !== event.repository.full_name;

  let result: ReviewFindings | undefined;
  let conclusion: string;
  const notes: string[] = [];
  let readOnly = fromFork;
  if (!readOnly) {
    try {
      const outcome = await reviewPullRequest(octokit, request, settings, { log: consoleLog(io) });
      result = outcome.result;
      conclusion = outcome.conclusion;
      if (!result && conclusion === 'neutral') return fail('The review could not finish; see the check run "Production readiness" for why.');
    } catch (error) {
      if (!isReadOnlyRefusal(error)) return fail(`The review could not start: ${describeFailure(error)}.`);
      readOnly = true;
      notes.push(`The token cannot create check runs (${describeFailure(error)}): findings are reported as annotations of this job and in SARIF. Give the job \`checks: write\` and \`pull-requests: write\` for the check run and review.`);
    }
  }
  if (readOnly) {
    if (fromFork) notes.push('This pull request comes from a fork, so the workflow token is read-only: findings are reported as annotations of this job and in SARIF instead of a check run and review.');
    const review = await readOnlyReview(octokit, request, settings);
    result = review.result;
    conclusion = review.conclusion;
    notes.push(...review.notes);
    for (const f of result.findings) io.stdout(annotationCommand(f));
    for (const e of result.errors) io.stdout(`::warning${e.path ? ` file=${e.path}` : ''}::Not reviewed: ${e.message}\n`);
    if (result.findings.length > 10) notes.push(`The runner shows at most 10 annotations of each level per step: all ${result.findings.length} findings are in the table below and in SARIF.`);
  }
  const findings: Finding[] = result?.findings ?? [];
  const sarifFile = input(env, 'sarif-file');
  if (sarifFile && result) {
    const path = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), sarifFile);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderSarif({ findings, errors: result.errors, suppressed: result.suppressed, checks: allChecks, version: packageVersion(), helpMarkdown: checkPage, automationId: `readiness-review/pr-${pr.number}-${pr.head.sha}` }));
  }
  if (env.GITHUB_STEP_SUMMARY) {
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      jobSummary({
        title: `pull request #${pr.number} at ${pr.head.sha.slice(0, 7)}`,
        conclusion: conclusion!,
        findings,
        errors: result?.errors ?? [],
        notes,
        fileUrl: (f) => `${serverUrl}/${owner}/${repo}/blob/${pr.head.sha}/${f.path.split('/').map(encodeURIComponent).join('/')}#L${f.line}`,
      }),
    );
  }
  setOutputs(env.GITHUB_OUTPUT, { conclusion: conclusion!, findings: findings.length, ...(sarifFile ? { 'sarif-file': sarifFile } : {}) });
  if (conclusion! === 'failure') return fail(`${findings.length} finding${findings.length === 1 ? '' : 's'}; the review failed under fail-on (see the job summary).`);
  return 0;
}
