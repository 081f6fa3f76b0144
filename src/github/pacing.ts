// Keeps each installation's requests inside GitHub's secondary limits: reads never wait behind writes,
// content-creating requests go one at a time at least a second apart per installation, budgets per minute.

/** Budgets per installation token; the defaults stay a little under GitHub's documented limits. */
export interface PacingLimits {
  /** Requests in flight at once (GitHub: 100). */
  concurrent: number;
  /** REST points per rolling minute, GET 1 and other methods 5 (GitHub: 900). */
  restPointsPerMinute: number;
  /** GraphQL points per rolling minute, queries 1 and mutations 5 (GitHub: 2,000). */
  graphqlPointsPerMinute: number;
  /** Content-creating requests per rolling minute and hour (GitHub: about 80 and 500). */
  contentCreatingPerMinute: number;
  contentCreatingPerHour: number;
  /**
   * Least time from the answer to one content-creating request to the start of the next, ms (GitHub:
   * 1 s between them). Counted from the answer, not the start: a request can spend time before it
   * leaves (an installation token fetched first), and GitHub sees arrivals.
   */
  contentCreatingSpacingMs: number;
}

export const DEFAULT_PACING_LIMITS: PacingLimits = {
  concurrent: 50,
  restPointsPerMinute: 850,
  graphqlPointsPerMinute: 1900,
  contentCreatingPerMinute: 75,
  contentCreatingPerHour: 480,
  contentCreatingSpacingMs: 1000,
};

export interface RequestCost {
  api: 'rest' | 'graphql';
  points: number;
  /** REST writes and GraphQL mutations: GitHub spaces and counts these separately. */
  contentCreating: boolean;
}

/**
 * What a request costs under the secondary limits. GraphQL queries are reads (1 point, no spacing),
 * which is the difference from Octokit's throttling plugin: it sends every GraphQL request, read or
 * not, through its one-a-second write lane.
 */
export function requestCost(method: string, url: string, query?: unknown): RequestCost {
  if (/\/graphql(?:\?|$)/.test(url)) {
    const mutation = typeof query === 'string' && /^\s*mutation\b/.test(query);
    return { api: 'graphql', points: mutation ? 5 : 1, contentCreating: mutation };
  }
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
  return { api: 'rest', points: write ? 5 : 1, contentCreating: write };
}

/** Weighted timestamps over a rolling span. */
class RollingWindow {
  private readonly entries: Array<{ at: number; weight: number }> = [];
  private sum = 0;

  constructor(private readonly spanMs: number) {}

  private expire(now: number): void {
    while (this.entries.length > 0 && this.entries[0]!.at <= now - this.spanMs) this.sum -= this.entries.shift()!.weight;
  }

  add(now: number, weight: number): void {
    this.entries.push({ at: now, weight });
    this.sum += weight;
  }

  /** Milliseconds until `weight` more fits under `limit` (0: it fits now). */
  wait(now: number, weight: number, limit: number): number {
    this.expire(now);
    let sum = this.sum;
    if (sum + weight <= limit) return 0;
    for (const e of this.entries) {
      sum -= e.weight;
      if (sum + weight <= limit) return e.at + this.spanMs - now + 1;
    }
    return this.spanMs;
  }
}

interface Waiter {
  cost: RequestCost;
  admit(): void;
}

/** One installation's lane: requests wait here until the budgets let them go. */
class InstallationLane {
  /** Separate queues, so a request waiting for one budget never holds up one that needs another. */
  private readonly writes: Waiter[] = [];
  private readonly restReads: Waiter[] = [];
  private readonly graphqlReads: Waiter[] = [];
  private inFlight = 0;
  private writeInFlight = false;
  private lastWriteAt = -Infinity;
  private readonly rest = new RollingWindow(60_000);
  private readonly graphql = new RollingWindow(60_000);
  private readonly contentMinute = new RollingWindow(60_000);
  private readonly contentHour = new RollingWindow(3_600_000);
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;

  constructor(
    private readonly limits: PacingLimits,
    private readonly now: () => number,
  ) {}

  get idle(): boolean {
    return this.inFlight === 0 && this.writes.length === 0 && this.restReads.length === 0 && this.graphqlReads.length === 0;
  }

  acquire(cost: RequestCost): Promise<void> {
    return new Promise((admit) => {
      (cost.contentCreating ? this.writes : cost.api === 'rest' ? this.restReads : this.graphqlReads).push({ cost, admit });
      this.pump();
    });
  }

  release(cost: RequestCost): void {
    this.inFlight--;
    if (cost.contentCreating) {
      this.writeInFlight = false;
      this.lastWriteAt = this.now();
    }
    this.pump();
  }

  /** 0 when `cost` may start now, Infinity when it waits for a release, else the ms to wait. */
  private wait(cost: RequestCost, now: number): number {
    const l = this.limits;
    if (this.inFlight >= l.concurrent) return Infinity;
    let wait = cost.api === 'rest' ? this.rest.wait(now, cost.points, l.restPointsPerMinute) : this.graphql.wait(now, cost.points, l.graphqlPointsPerMinute);
    if (cost.contentCreating) {
      if (this.writeInFlight) return Infinity;
      wait = Math.max(wait, this.lastWriteAt + l.contentCreatingSpacingMs - now, this.contentMinute.wait(now, 1, l.contentCreatingPerMinute), this.contentHour.wait(now, 1, l.contentCreatingPerHour));
    }
    return Math.max(0, wait);
  }

  private book(cost: RequestCost, now: number): void {
    this.inFlight++;
    (cost.api === 'rest' ? this.rest : this.graphql).add(now, cost.points);
    if (cost.contentCreating) {
      this.writeInFlight = true;
      this.contentMinute.add(now, 1);
      this.contentHour.add(now, 1);
    }
  }

  /** Admits waiting requests in arrival order within each queue. */
  private pump(): void {
    const now = this.now();
    let wakeAt = Infinity;
    for (const queue of [this.writes, this.graphqlReads, this.restReads]) {
      while (queue.length > 0) {
        const wait = this.wait(queue[0]!.cost, now);
        if (wait > 0) {
          if (Number.isFinite(wait)) wakeAt = Math.min(wakeAt, now + wait);
          break;
        }
        const waiter = queue.shift()!;
        this.book(waiter.cost, now);
        waiter.admit();
      }
    }
    if (wakeAt < this.wakeAt || (this.timer === undefined && Number.isFinite(wakeAt))) {
      clearTimeout(this.timer);
      this.wakeAt = wakeAt;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wakeAt = Infinity;
        this.pump();
      }, wakeAt - now);
      this.timer.unref?.();
    }
  }
}

/** Where requests wait for their installation's budgets: in this process, or shared through Redis by every replica. */
export interface RequestPacing {
  /** Runs `send` once the installation's budgets allow a request of this cost. */
  run<T>(installation: string, cost: RequestCost, send: () => Promise<T>): Promise<T>;
}

/**
 * Pacing for every installation this process talks to, one lane each: what one installation does
 * never slows another, and limits hold per installation token as GitHub counts them. Within one
 * process only; several processes serving the same installations would each keep their own lane
 * (RedisPacing shares them).
 */
export class InstallationPacing implements RequestPacing {
  private readonly lanes = new Map<string, InstallationLane>();

  constructor(
    private readonly limits: PacingLimits = DEFAULT_PACING_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `send` once the installation's budgets allow a request of this cost. */
  async run<T>(installation: string, cost: RequestCost, send: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(installation);
    if (!lane) this.lanes.set(installation, (lane = new InstallationLane(this.limits, this.now)));
    await lane.acquire(cost);
    try {
      return await send();
    } finally {
      lane.release(cost);
    }
  }
}
