// GitHub's documented secondary rate limits, kept per installation token, as the stand-in enforces them.

/** The limits; defaults are GitHub's documented figures. */
export interface SecondaryLimits {
  /** Requests in flight at once. */
  concurrent: number;
  /** REST points per rolling minute (GET/HEAD/OPTIONS 1, other methods 5). */
  restPointsPerMinute: number;
  /** GraphQL points per rolling minute (queries 1, mutations 5). */
  graphqlPointsPerMinute: number;
  /** Content-creating requests (REST writes, GraphQL mutations) per rolling minute and hour. */
  contentCreatingPerMinute: number;
  contentCreatingPerHour: number;
  /** Least time between two content-creating requests, ms. */
  contentCreatingSpacingMs: number;
  /**
   * Slack on the spacing, ms: arrival times here differ from send times by scheduling noise, so a
   * client that spaces its writes exactly 1 s apart is not refused for arriving 2 ms early.
   */
  spacingToleranceMs: number;
}

export const GITHUB_SECONDARY_LIMITS: SecondaryLimits = {
  concurrent: 100,
  restPointsPerMinute: 900,
  graphqlPointsPerMinute: 2000,
  contentCreatingPerMinute: 80,
  contentCreatingPerHour: 500,
  contentCreatingSpacingMs: 1000,
  spacingToleranceMs: 15,
};

export type RequestClass = { api: 'rest' | 'graphql'; points: number; contentCreating: boolean };

/** Why a request was refused, or null when it may proceed. */
export type Refusal = null | { reason: 'concurrency' | 'rest-points' | 'graphql-points' | 'content-per-minute' | 'content-per-hour' | 'content-spacing'; retryAfterSeconds: number };

/** Timestamps within a rolling window, with a running sum of their weights. */
class Window {
  private readonly entries: Array<{ at: number; weight: number }> = [];
  private sum = 0;

  constructor(private readonly spanMs: number) {}

  total(now: number): number {
    while (this.entries.length > 0 && this.entries[0]!.at <= now - this.spanMs) this.sum -= this.entries.shift()!.weight;
    return this.sum;
  }

  add(now: number, weight: number): void {
    this.entries.push({ at: now, weight });
    this.sum += weight;
  }

  /** Seconds until `weight` more fits under `limit`. */
  secondsUntilRoom(now: number, weight: number, limit: number): number {
    let sum = this.total(now);
    for (const e of this.entries) {
      if (sum + weight <= limit) break;
      sum -= e.weight;
      if (sum + weight <= limit) return Math.max(1, Math.ceil((e.at + this.spanMs - now) / 1000));
    }
    return 1;
  }
}

/** One installation's budget. `admit` either books the request or says why it is refused. */
export class InstallationBudget {
  inFlight = 0;
  peakInFlight = 0;
  private readonly rest = new Window(60_000);
  private readonly graphql = new Window(60_000);
  private readonly contentMinute = new Window(60_000);
  private readonly contentHour = new Window(3_600_000);
  private lastContentAt = -Infinity;

  constructor(private readonly limits: SecondaryLimits) {}

  admit(request: RequestClass, now: number): Refusal {
    const l = this.limits;
    if (this.inFlight >= l.concurrent) return { reason: 'concurrency', retryAfterSeconds: 1 };
    const points = request.api === 'rest' ? this.rest : this.graphql;
    const limit = request.api === 'rest' ? l.restPointsPerMinute : l.graphqlPointsPerMinute;
    if (points.total(now) + request.points > limit) return { reason: request.api === 'rest' ? 'rest-points' : 'graphql-points', retryAfterSeconds: points.secondsUntilRoom(now, request.points, limit) };
    if (request.contentCreating) {
      if (now - this.lastContentAt < l.contentCreatingSpacingMs - l.spacingToleranceMs) return { reason: 'content-spacing', retryAfterSeconds: 1 };
      if (this.contentMinute.total(now) + 1 > l.contentCreatingPerMinute) return { reason: 'content-per-minute', retryAfterSeconds: this.contentMinute.secondsUntilRoom(now, 1, l.contentCreatingPerMinute) };
      if (this.contentHour.total(now) + 1 > l.contentCreatingPerHour) return { reason: 'content-per-hour', retryAfterSeconds: this.contentHour.secondsUntilRoom(now, 1, l.contentCreatingPerHour) };
      this.contentMinute.add(now, 1);
      this.contentHour.add(now, 1);
      this.lastContentAt = now;
    }
    points.add(now, request.points);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    return null;
  }

  release(): void {
    this.inFlight--;
  }
}
