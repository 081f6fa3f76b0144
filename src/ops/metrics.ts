// The App's Prometheus metrics: one registry per App instance (never prom-client's global one), read by /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Finding } from '../model/finding.js';
import type { QueueStats } from '../github/review-queue.js';

export class AppMetrics {
  readonly registry = new Registry();
  readonly webhooks: Counter<'event' | 'outcome'>;
  readonly jobs: Gauge<'state'>;
  readonly oldestJobAge: Gauge;
  readonly reviewDuration: Histogram<'outcome'>;
  readonly findings: Counter<'check' | 'severity'>;
  readonly apiRequests: Counter<'status'>;
  readonly rateLimited: Counter<'kind'>;
  readonly rateLimitRemaining: Gauge;
  readonly runsRecovered: Counter<'action'>;
  readonly redeliveries: Counter;
  private statsSource: (() => Promise<QueueStats>) | undefined;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'readiness_' });
    this.webhooks = new Counter({ name: 'readiness_webhooks_total', help: 'Webhooks handled, by event and outcome (queued, duplicate, ignored, error).', labelNames: ['event', 'outcome'], registers });
    // Collected from the queue at scrape time, so several replicas report the same (shared) counts.
    const stats = () => this.statsSource?.();
    this.oldestJobAge = new Gauge({
      name: 'readiness_oldest_job_age_seconds',
      help: 'Age of the oldest review accepted but not finished.',
      registers,
      async collect() {
        const now = await stats();
        if (now) this.set(now.oldestAgeSeconds);
      },
    });
    this.jobs = new Gauge({
      name: 'readiness_jobs',
      help: 'Reviews by state: waiting, running, failed (with Redis: across the cluster).',
      labelNames: ['state'],
      registers,
      async collect() {
        const now = await stats();
        if (!now) return;
        this.set({ state: 'waiting' }, now.waiting);
        this.set({ state: 'running' }, now.running);
        this.set({ state: 'failed' }, now.failed);
      },
    });
    this.reviewDuration = new Histogram({
      name: 'readiness_review_duration_seconds',
      help: 'Time from a worker starting a review to its end, by outcome (done, failed, handed back).',
      labelNames: ['outcome'],
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
      registers,
    });
    this.findings = new Counter({ name: 'readiness_findings_total', help: 'Findings reported in completed check runs, by check and severity.', labelNames: ['check', 'severity'], registers });
    this.apiRequests = new Counter({ name: 'readiness_github_requests_total', help: 'GitHub API requests made by reviews, by HTTP status (0: no answer).', labelNames: ['status'], registers });
    this.rateLimited = new Counter({ name: 'readiness_github_rate_limited_total', help: 'GitHub answers that asked the App to wait (primary: quota used up; secondary: 403/429 with retry-after).', labelNames: ['kind'], registers });
    this.rateLimitRemaining = new Gauge({ name: 'readiness_github_rate_limit_remaining', help: 'x-ratelimit-remaining of the last GitHub answer seen.', registers });
    this.runsRecovered = new Counter({ name: 'readiness_stuck_runs_recovered_total', help: 'Check runs found queued/in progress past the deadline, by action (requeued, failed, completed).', labelNames: ['action'], registers });
    this.redeliveries = new Counter({ name: 'readiness_webhook_redeliveries_requested_total', help: 'Failed webhook deliveries this App asked GitHub to send again.', registers });
  }

  /** Where the job gauges come from (the queue in use). */
  watchQueue(stats: () => Promise<QueueStats>): void {
    this.statsSource = stats;
  }

  recordFindings(findings: readonly Finding[]): void {
    for (const f of findings) this.findings.inc({ check: f.checkId, severity: f.severity });
  }

  /** Records one GitHub answer: its status, and whether it was a rate limit. */
  recordResponse(status: number, headers: Record<string, unknown> | undefined): void {
    this.apiRequests.inc({ status: String(status) });
    const remaining = headers?.['x-ratelimit-remaining'];
    if (remaining !== undefined && remaining !== null && remaining !== '') this.rateLimitRemaining.set(Number(remaining));
    if (status === 429 || status === 403) {
      if (String(remaining) === '0') this.rateLimited.inc({ kind: 'primary' });
      else if (headers?.['retry-after'] !== undefined || status === 429) this.rateLimited.inc({ kind: 'secondary' });
    }
  }
}
