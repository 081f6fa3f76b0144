// Creates the `Production readiness` check run and completes it: first 50 annotations with the completion, the rest in updates.
// Creation is idempotent (an `external_id` looked up before a retry) and completion is retried until it lands.
import type { GitHubApi } from './client.js';
import { ANNOTATIONS_PER_REQUEST, CHECK_RUN_NAME, type Annotation } from './check-run-output.js';
import { DEFAULT_RETRY_POLICY, withRetries, type Deadline, type RetryPolicy } from './retry.js';

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export interface StartedCheckRun {
  id: number;
  /** The app's slug as GitHub reports it, used to recognise this app's own review comments. */
  appSlug: string | null;
}

export interface CheckRunCompletion {
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  title: string;
  summary: string;
  annotations?: readonly Annotation[];
}

const ROUTE = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';

/** Tries for the completion: more than for reads, since a run left in progress blocks the pull request for good. */
export const COMPLETION_ATTEMPTS = 10;

interface CheckRunData {
  id: number;
  external_id?: string | null;
  app?: { slug?: string } | null;
}

export class CheckRunReporter {
  constructor(
    private readonly api: GitHubApi,
    private readonly repository: RepositoryRef,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /**
   * Creates the run `in_progress` (or `queued` when the webhook is accepted and the review comes later),
   * marked with `externalId` (one per review: delivery and head SHA). A create whose answer was lost
   * (timeout, 502) may still have made the run, so before each retry the head commit's runs are listed
   * and one with the same `external_id` is taken instead of making a second; `lookUpFirst` does that
   * before the first create too.
   */
  async start(headSha: string, options: { externalId: string; status?: 'in_progress' | 'queued'; deadline?: Deadline | undefined; lookUpFirst?: boolean | undefined }): Promise<StartedCheckRun> {
    const { externalId, status = 'in_progress', deadline, lookUpFirst = false } = options;
    const started = (data: CheckRunData): StartedCheckRun => ({ id: data.id, appSlug: data.app?.slug ?? null });
    const create = async (signal: AbortSignal) =>
      started(
        (
          await this.api.request<CheckRunData>('POST /repos/{owner}/{repo}/check-runs', {
            ...this.repository,
            name: CHECK_RUN_NAME,
            head_sha: headSha,
            external_id: externalId,
            status,
            output: status === 'queued' ? { title: 'Queued', summary: `The changes at ${headSha.slice(0, 7)} are waiting for review.` } : { title: 'Reviewing…', summary: `Reviewing the changes at ${headSha.slice(0, 7)}.` },
            request: { signal },
          })
        ).data,
      );
    const existing = async (): Promise<StartedCheckRun | undefined> => {
      const response = await withRetries(
        (signal) =>
          this.api.request<{ check_runs: CheckRunData[] }>('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
            ...this.repository,
            ref: headSha,
            check_name: CHECK_RUN_NAME,
            filter: 'all',
            per_page: 100,
            request: { signal },
          }),
        { policy: this.policy, ...(deadline ? { deadline } : {}) },
      );
      const found = response.data.check_runs.find((r) => r.external_id === externalId);
      return found ? started(found) : undefined;
    };
    // Taken over from a process that died while creating it: the run may already exist.
    const before = lookUpFirst ? await existing() : undefined;
    return before ?? withRetries(create, { policy: this.policy, ...(deadline ? { deadline } : {}) }, existing);
  }

  /** Moves a run created `queued` on receipt to `in_progress` (also when a retried job picks it up again); a PATCH, so retried. */
  async resume(id: number, headSha: string, deadline?: Deadline): Promise<StartedCheckRun> {
    const response = await withRetries(
      (signal) =>
        this.api.request<CheckRunData>(ROUTE, {
          ...this.repository,
          check_run_id: id,
          status: 'in_progress',
          output: { title: 'Reviewing…', summary: `Reviewing the changes at ${headSha.slice(0, 7)}.` },
          request: { signal },
        }),
      { policy: this.policy, ...(deadline ? { deadline } : {}) },
    );
    return { id, appSlug: response.data.app?.slug ?? null };
  }

  /**
   * Completes the run with the first batch of annotations, then appends the rest 50 at a time (GitHub
   * adds annotations across updates). The run is completed before any follow-up, so a failing update
   * never leaves it in progress.
   */
  async complete(id: number, completion: CheckRunCompletion): Promise<void> {
    const annotations = completion.annotations ?? [];
    const output = (batch: readonly Annotation[]) => ({ title: completion.title, summary: completion.summary, ...(batch.length ? { annotations: batch } : {}) });
    // The completion is a PATCH (repeating it is harmless) and is retried on any 403 too, with no
    // review deadline: it is what ends the review, and GitHub answers a burst of writes with a bare 403.
    const patch = (body: Record<string, unknown>) =>
      withRetries((signal) => this.api.request(ROUTE, { ...this.repository, check_run_id: id, ...body, request: { signal } }), {
        policy: { ...this.policy, attempts: Math.max(this.policy.attempts, COMPLETION_ATTEMPTS) },
        kinds: { any403: true },
      });
    await patch({ status: 'completed', conclusion: completion.conclusion, output: output(annotations.slice(0, ANNOTATIONS_PER_REQUEST)) });
    for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
      await patch({ output: output(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST)) });
    }
  }
}
