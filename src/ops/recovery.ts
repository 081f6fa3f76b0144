// Finds reviews accepted but never finished (their check run left queued/in progress) and re-enqueues or fail-closes them; asks GitHub to redeliver failed webhooks.
import { CheckRunReporter } from '../github/check-run-reporter.js';
import type { GitHubApi } from '../github/client.js';
import type { LedgerEntry, RedisReviewQueue } from '../github/redis-review-queue.js';
import { describeFailure } from '../github/review-pull-request.js';
import type { AppMetrics } from './metrics.js';

export interface OpsLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface RecoveryOptions {
  /** An API client for one installation. */
  api(installationId: number): Promise<GitHubApi>;
  /** A review accepted this long ago and held by no worker is stuck. */
  staleAfterMs: number;
  /** Times one review is re-enqueued before its run is completed fail-closed instead. */
  maxRecoveries?: number;
  log: OpsLog;
  metrics?: AppMetrics;
}

export interface RecoveryResult {
  requeued: number;
  failed: number;
  completed: number;
}

/**
 * One recovery pass. A review the queue no longer holds (its job was lost, e.g. Redis lost writes, or
 * the process died between accepting and storing it) is re-enqueued if its head is still the newest
 * and it was not re-enqueued before; otherwise its run is completed: `failure` with a re-run note, or
 * `neutral` when a newer push replaced it. Runs already completed on GitHub are just forgotten.
 */
export async function recoverStuckReviews(queue: RedisReviewQueue, options: RecoveryOptions, now = Date.now()): Promise<RecoveryResult> {
  const result: RecoveryResult = { requeued: 0, failed: 0, completed: 0 };
  const limit = options.maxRecoveries ?? 1;
  for (const entry of await queue.unfinished()) {
    if (entry.held || now - (entry.request.receivedAt ?? 0) < options.staleAfterMs) continue;
    const { request } = entry;
    const where = { repository: `${request.owner}/${request.repo}`, pullRequest: request.number, headSha: request.headSha, checkRunId: request.checkRunId };
    try {
      const api = await options.api(request.installationId);
      if (request.checkRunId !== undefined) {
        const run = await api.request<{ status: string }>('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: request.owner, repo: request.repo, check_run_id: request.checkRunId });
        if (run.data.status === 'completed') {
          await queue.forget(entry);
          result.completed++;
          options.metrics?.runsRecovered.inc({ action: 'completed' });
          continue;
        }
      }
      const head = await queue.currentHead(request);
      if ((head === null || head === request.headSha) && entry.recoveries < limit) {
        await queue.requeue(entry);
        result.requeued++;
        options.metrics?.runsRecovered.inc({ action: 'requeued' });
        options.log.info(where, 'stuck review re-enqueued');
        continue;
      }
      await completeStuck(api, entry, head);
      await queue.forget(entry);
      result.failed++;
      options.metrics?.runsRecovered.inc({ action: 'failed' });
      options.log.info(where, 'stuck review completed fail-closed');
    } catch (error) {
      options.log.warn({ ...where, reason: describeFailure(error) }, 'stuck review could not be recovered; the next pass tries again');
    }
  }
  return result;
}

async function completeStuck(api: GitHubApi, entry: LedgerEntry, head: string | null): Promise<void> {
  const { request } = entry;
  if (request.checkRunId === undefined) return;
  const reporter = new CheckRunReporter(api, { owner: request.owner, repo: request.repo });
  if (head !== null && head !== request.headSha) {
    await reporter.complete(request.checkRunId, {
      conclusion: 'neutral',
      title: `Superseded by ${head.slice(0, 7)}`,
      summary: `A newer push to this pull request (commit ${head}) replaced this one. See the check run on ${head.slice(0, 7)}.`,
    });
    return;
  }
  await reporter.complete(request.checkRunId, {
    conclusion: 'failure',
    title: 'Review did not finish',
    summary: `The review of ${request.headSha.slice(0, 7)} was accepted but never finished (the App was restarted or lost its queue, ${entry.recoveries} time(s)). Nothing was reviewed, so this check fails. Re-run this check to review the changes again.`,
  });
}

interface Delivery {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  redelivery: boolean;
}

export interface RedeliveryOptions {
  /** The App's own client (JWT), for /app/hook/deliveries. */
  appApi: GitHubApi;
  /** Only deliveries at or after this time (ms) are considered. */
  since: number;
  /** Pages of 100 deliveries read at most. */
  maxPages?: number;
  /** Deliveries of one event (guid) asked for at most this many times in all. */
  maxAttempts?: number;
  log: OpsLog;
  metrics?: AppMetrics;
}

const nextCursor = (link: string | number | undefined): string | null => {
  const next = /<([^>]+)>;\s*rel="next"/.exec(String(link ?? ''))?.[1];
  return next ? new URL(next).searchParams.get('cursor') : null;
};

/**
 * Lists the App's webhook deliveries since `since` (newest first, page by page) and asks GitHub to
 * send again each event whose every attempt failed. Returns how many redeliveries were requested.
 */
export async function redeliverFailedWebhooks(options: RedeliveryOptions): Promise<number> {
  const deliveries: Delivery[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < (options.maxPages ?? 20); page++) {
    const response: { data: Delivery[]; headers: Record<string, string | number | undefined> } = await options.appApi.request<Delivery[]>('GET /app/hook/deliveries', { per_page: 100, ...(cursor ? { cursor } : {}) });
    deliveries.push(...response.data);
    cursor = nextCursor(response.headers.link);
    const oldest = response.data[response.data.length - 1];
    if (!cursor || !oldest || Date.parse(oldest.delivered_at) < options.since) break;
  }
  const byGuid = new Map<string, Delivery[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  let asked = 0;
  for (const [guid, attempts] of byGuid) {
    if (attempts.some((a) => a.status_code >= 200 && a.status_code < 300)) continue;
    const latest = attempts.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) ? b : a));
    if (Date.parse(latest.delivered_at) < options.since || attempts.length >= (options.maxAttempts ?? 4)) continue;
    try {
      await options.appApi.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: latest.id });
      asked++;
      options.metrics?.redeliveries.inc();
      options.log.info({ deliveryId: guid, statusCode: latest.status_code }, 'failed webhook delivery: redelivery requested');
    } catch (error) {
      options.log.warn({ deliveryId: guid, reason: describeFailure(error) }, 'redelivery could not be requested');
    }
  }
  return asked;
}
