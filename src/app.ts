// The Probot app: wires pull-request and rerequest webhooks to the review queue, and nothing else.
import type { ApplicationFunction, Probot } from 'probot';
import { checks as allChecks } from '../checks/index.js';
import type { Check } from './engine/define-check.js';
import type { RunReview } from './engine/pipeline.js';
import { countingApi, ApiCallCounter, type OctokitLike } from './github/client.js';
import type { FailOn } from './config/config.js';
import { retryPolicy, type RetryPolicy } from './github/retry.js';
import { CheckRunReporter } from './github/check-run-reporter.js';
import { InProcessReviewQueue, type QueueHooks, type ReviewProcessor, type ReviewQueue } from './github/review-queue.js';
import { describeFailure, reviewPullRequest } from './github/review-pull-request.js';
import { REVIEWED_PULL_REQUEST_ACTIONS, requestFromPullRequest, requestsFromRerequest, type ReviewRequest } from './github/review-request.js';
import type { AppMetrics } from './ops/metrics.js';

export interface AppOptions {
  checks?: readonly Check[];
  failOn?: FailOn;
  /** Retry waits, request timeout and review deadline (tests shorten them). */
  retry?: Partial<RetryPolicy>;
  /**
   * Builds the queue around the processor; the default runs 4 reviews at a time in this process.
   * `hooks` create the `queued` check run (right after the webhook is answered) and complete runs the queue gives up on; a
   * queue built without them leaves the review to create its own run when it starts.
   */
  createQueue?: (processor: ReviewProcessor, app: Probot, hooks: QueueHooks) => ReviewQueue;
  metrics?: AppMetrics;
  /** Runs the checks of each review; the server passes its review threads' (default: on the calling thread). */
  runReview?: RunReview;
  /** Receives the queue once it is built (the server drains it on SIGTERM and reports its health). */
  onQueue?: (queue: ReviewQueue) => void;
}

interface HookedOctokit {
  hook: {
    after(name: 'request', fn: (response: { status: number; headers: Record<string, unknown> }) => void): void;
    error(name: 'request', fn: (error: Error & { status?: number; response?: { headers?: Record<string, unknown> } }) => never): void;
  };
}

/** Counts every answer a review's client gets, by status, into the metrics. */
function instrument(octokit: OctokitLike, metrics: AppMetrics | undefined): void {
  if (!metrics) return;
  const { hook } = octokit as unknown as HookedOctokit;
  hook.after('request', (response) => metrics.recordResponse(response.status, response.headers));
  hook.error('request', (error) => {
    metrics.recordResponse(error.status ?? 0, error.response?.headers);
    throw error;
  });
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const { metrics } = options;
    const settings = { checks: options.checks ?? allChecks, ...(options.failOn ? { failOn: options.failOn } : {}), ...(options.retry ? { retry: options.retry } : {}), ...(options.runReview ? { runReview: options.runReview } : {}) };
    const logFor = (r: ReviewRequest) => app.log.child({ deliveryId: r.deliveryId, repository: `${r.owner}/${r.repo}`, pullRequest: r.number, headSha: r.headSha });
    const checkRunsFor = async (r: ReviewRequest) => {
      const octokit = await app.auth(r.installationId);
      instrument(octokit, metrics);
      return new CheckRunReporter(countingApi(octokit, new ApiCallCounter()), { owner: r.owner, repo: r.repo }, retryPolicy(options.retry));
    };
    const processor: ReviewProcessor = async (request, signal) => {
      const octokit = await app.auth(request.installationId);
      instrument(octokit, metrics);
      const outcome = await reviewPullRequest(octokit, request, settings, { signal, log: logFor(request) });
      metrics?.recordFindings(outcome.findings);
    };
    const hooks: QueueHooks = {
      announce: async (r, options) => (await (await checkRunsFor(r)).start(r.headSha, { externalId: `${r.deliveryId}:${r.headSha}`, status: 'queued', lookUpFirst: options?.lookUpFirst })).id,
      dropped: async (r, by) => {
        if (r.checkRunId === undefined) return;
        await (await checkRunsFor(r)).complete(r.checkRunId, {
          conclusion: 'neutral',
          title: `Superseded by ${by.slice(0, 7)}`,
          summary: `A newer push to this pull request (commit ${by}) replaced this one before its review started. See the check run on ${by.slice(0, 7)}.`,
        });
      },
      exhausted: async (r, error) => {
        if (r.checkRunId === undefined) return;
        await (await checkRunsFor(r)).complete(r.checkRunId, {
          conclusion: 'failure',
          title: 'Review could not finish',
          summary: `The review of ${r.headSha.slice(0, 7)} failed on every attempt: ${describeFailure(error)}. Nothing was reviewed, so this check fails. Re-run this check to try again.`,
        });
      },
      finished: (_r, seconds, outcome) => metrics?.reviewDuration.observe({ outcome }, seconds),
    };
    // In this process a webhook is answered without any API call: announcing a `queued` run on receipt
    // would put a token fetch and a paced write (a second apart per installation) in the webhook's
    // answer, and cost each review one more write. The review creates its run when it starts.
    // Reviews mostly wait on GitHub, and pacing keeps each installation inside its limits, so 16 run at once.
    const inProcessHooks: QueueHooks = { ...hooks, announce: undefined };
    const queue = options.createQueue?.(processor, app, hooks) ?? new InProcessReviewQueue(processor, { concurrency: 16, log: app.log, hooks: inProcessHooks });
    options.onQueue?.(queue);
    if (metrics) metrics.watchQueue(() => queue.stats());
    /** Queues each request and counts the webhook by its outcome. */
    const accept = async (event: string, requests: readonly ReviewRequest[]) => {
      try {
        let queued = 0;
        for (const request of requests) {
          if (!(await queue.enqueue(request))) continue;
          queued++;
          logFor(request).info({ trigger: request.trigger }, 'review queued');
        }
        metrics?.webhooks.inc({ event, outcome: requests.length === 0 ? 'ignored' : queued > 0 ? 'queued' : 'duplicate' });
      } catch (error) {
        metrics?.webhooks.inc({ event, outcome: 'error' });
        throw error;
      }
    };

    app.on(
      REVIEWED_PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
      async (context) => {
        const request = requestFromPullRequest(context.id, context.payload);
        await accept(`pull_request.${context.payload.action}`, request ? [request] : []);
      },
    );
    app.on('check_run.rerequested', async (context) => {
      const { check_run } = context.payload;
      const api = countingApi(context.octokit, new ApiCallCounter());
      await accept('check_run.rerequested', await requestsFromRerequest(api, context.id, context.payload, check_run.head_sha, check_run.pull_requests, 'check_run.rerequested'));
    });
    app.on('check_suite.rerequested', async (context) => {
      const { check_suite } = context.payload;
      const api = countingApi(context.octokit, new ApiCallCounter());
      await accept('check_suite.rerequested', await requestsFromRerequest(api, context.id, context.payload, check_suite.head_sha, check_suite.pull_requests, 'check_suite.rerequested'));
    });
  };
}

export default createApp();
