// Creates the `Production readiness` check run and completes it: first 50 annotations with the completion, the rest in updates.
import type { GitHubApi } from './client.js';
import { ANNOTATIONS_PER_REQUEST, CHECK_RUN_NAME, type Annotation } from './check-run-output.js';

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

export class CheckRunReporter {
  constructor(
    private readonly api: GitHubApi,
    private readonly repository: RepositoryRef,
  ) {}

  /** Creates the run `in_progress`, or `queued` when the webhook is accepted and the review comes later. */
  async start(headSha: string, status: 'in_progress' | 'queued' = 'in_progress'): Promise<StartedCheckRun> {
    const response = await this.api.request<{ id: number; app?: { slug?: string } | null }>('POST /repos/{owner}/{repo}/check-runs', {
      ...this.repository,
      name: CHECK_RUN_NAME,
      head_sha: headSha,
      status,
      output: status === 'queued' ? { title: 'Queued', summary: `The changes at ${headSha.slice(0, 7)} are waiting for review.` } : { title: 'Reviewing…', summary: `Reviewing the changes at ${headSha.slice(0, 7)}.` },
    });
    return { id: response.data.id, appSlug: response.data.app?.slug ?? null };
  }

  /** Moves a run created `queued` on receipt to `in_progress` (also when a retried job picks it up again). */
  async resume(id: number, headSha: string): Promise<StartedCheckRun> {
    const response = await this.api.request<{ id: number; app?: { slug?: string } | null }>(ROUTE, {
      ...this.repository,
      check_run_id: id,
      status: 'in_progress',
      output: { title: 'Reviewing…', summary: `Reviewing the changes at ${headSha.slice(0, 7)}.` },
    });
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
    await this.api.request(ROUTE, {
      ...this.repository,
      check_run_id: id,
      status: 'completed',
      conclusion: completion.conclusion,
      output: output(annotations.slice(0, ANNOTATIONS_PER_REQUEST)),
    });
    for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
      await this.api.request(ROUTE, { ...this.repository, check_run_id: id, output: output(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST)) });
    }
  }
}
