// The Probot app: wires pull-request and rerequest webhooks to the review queue, and nothing else.
import type { ApplicationFunction, Probot } from 'probot';
import { checks as allChecks } from '../checks/index.js';
import type { Check } from './engine/define-check.js';
import { countingApi, ApiCallCounter } from './github/client.js';
import type { FailOn } from './config/config.js';
import { InProcessReviewQueue, type ReviewProcessor, type ReviewQueue } from './github/review-queue.js';
import { reviewPullRequest } from './github/review-pull-request.js';
import { REVIEWED_PULL_REQUEST_ACTIONS, requestFromPullRequest, requestsFromRerequest, type ReviewRequest } from './github/review-request.js';

export interface AppOptions {
  checks?: readonly Check[];
  failOn?: FailOn;
  /** Builds the queue around the processor; the default runs 4 reviews at a time in this process. */
  createQueue?: (processor: ReviewProcessor, app: Probot) => ReviewQueue;
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const settings = { checks: options.checks ?? allChecks, ...(options.failOn ? { failOn: options.failOn } : {}) };
    const logFor = (r: ReviewRequest) => app.log.child({ deliveryId: r.deliveryId, repository: `${r.owner}/${r.repo}`, pullRequest: r.number, headSha: r.headSha });
    const processor: ReviewProcessor = async (request, signal) => {
      const octokit = await app.auth(request.installationId);
      await reviewPullRequest(octokit, request, settings, { signal, log: logFor(request) });
    };
    const queue = options.createQueue?.(processor, app) ?? new InProcessReviewQueue(processor, { concurrency: 4, log: app.log });
    const enqueue = (request: ReviewRequest) => {
      if (queue.enqueue(request)) logFor(request).info({ trigger: request.trigger }, 'review queued');
    };

    app.on(
      REVIEWED_PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
      (context) => {
        const request = requestFromPullRequest(context.id, context.payload);
        if (request) enqueue(request);
      },
    );
    app.on('check_run.rerequested', async (context) => {
      const { check_run } = context.payload;
      const api = countingApi(context.octokit, new ApiCallCounter());
      for (const r of await requestsFromRerequest(api, context.id, context.payload, check_run.head_sha, check_run.pull_requests, 'check_run.rerequested')) enqueue(r);
    });
    app.on('check_suite.rerequested', async (context) => {
      const { check_suite } = context.payload;
      const api = countingApi(context.octokit, new ApiCallCounter());
      for (const r of await requestsFromRerequest(api, context.id, context.payload, check_suite.head_sha, check_suite.pull_requests, 'check_suite.rerequested')) enqueue(r);
    });
  };
}

export default createApp();
