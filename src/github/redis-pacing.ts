// Per-installation pacing shared by every replica through Redis: N replicas together keep one installation inside GitHub's secondary limits.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEFAULT_PACING_LIMITS, InstallationPacing, type PacingLimits, type RequestCost, type RequestPacing } from './pacing.js';

/**
 * Admits up to `#leases` requests of one cost for one installation, or says how long to wait.
 * The clock is Redis's (TIME), so replicas on hosts whose clocks differ count the same minute.
 * KEYS: 1 in-flight leases (zset, score = expiry), 2 points by second (hash) of the request's API,
 * 3 the write in flight (string, its lease), 4 when the last write was answered (ms),
 * 5 content-creating requests of the last hour (zset, score = time).
 * ARGV: 1 points each, 2 content-creating (1/0), 3 concurrent, 4 points a minute, 5 writes a minute,
 * 6 writes an hour, 7 write spacing ms, 8 lease ms, 9.. lease ids.
 * Returns {admitted, wait}: wait -1 means "a request in flight must end first", poll again soon.
 */
const ACQUIRE = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local points = tonumber(ARGV[1])
local creating = ARGV[2] == '1'
local perMinute = tonumber(ARGV[4])
local leaseMs = tonumber(ARGV[8])
local n = #ARGV - 8
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local room = tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[1])
if room <= 0 then return {0, -1} end
local second = math.floor(now / 1000)
local flat = redis.call('HGETALL', KEYS[2])
local sum = 0
local buckets = {}
for i = 1, #flat, 2 do
  local s = tonumber(flat[i])
  local v = tonumber(flat[i + 1])
  if s <= second - 60 then redis.call('HDEL', KEYS[2], flat[i]) else
    sum = sum + v
    table.insert(buckets, {s, v})
  end
end
local k = math.min(n, room, math.floor((perMinute - sum) / points))
if k <= 0 then
  table.sort(buckets, function(a, b) return a[1] < b[1] end)
  local left = sum
  for _, b in ipairs(buckets) do
    left = left - b[2]
    if left + points <= perMinute then return {0, (b[1] + 60) * 1000 - now + 1} end
  end
  return {0, 60000}
end
if creating then
  k = 1
  if redis.call('EXISTS', KEYS[3]) == 1 then return {0, -1} end
  local wait = tonumber(redis.call('GET', KEYS[4]) or '0') + tonumber(ARGV[7]) - now
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - 3600000)
  local hour = redis.call('ZCARD', KEYS[5])
  if hour >= tonumber(ARGV[6]) then
    local e = redis.call('ZRANGE', KEYS[5], hour - tonumber(ARGV[6]), hour - tonumber(ARGV[6]), 'WITHSCORES')
    wait = math.max(wait, tonumber(e[2]) + 3600000 - now + 1)
  end
  local minute = redis.call('ZCOUNT', KEYS[5], '(' .. (now - 60000), '+inf')
  if minute >= tonumber(ARGV[5]) then
    local e = redis.call('ZRANGEBYSCORE', KEYS[5], '(' .. (now - 60000), '+inf', 'WITHSCORES', 'LIMIT', minute - tonumber(ARGV[5]), 1)
    wait = math.max(wait, tonumber(e[2]) + 60000 - now + 1)
  end
  if wait > 0 then return {0, wait} end
  redis.call('SET', KEYS[3], ARGV[9], 'PX', leaseMs)
  redis.call('ZADD', KEYS[5], now, ARGV[9])
  redis.call('PEXPIRE', KEYS[5], 3600000)
end
for i = 1, k do redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[8 + i]) end
redis.call('PEXPIRE', KEYS[1], leaseMs)
redis.call('HINCRBY', KEYS[2], tostring(second), points * k)
redis.call('PEXPIRE', KEYS[2], 120000)
return {k, 0}
`;

/** Ends a lease; for a write, frees the lane and records when its answer came (the spacing counts from there). KEYS as ACQUIRE's 1, 3, 4. */
const RELEASE = `
if redis.replicate_commands then redis.replicate_commands() end
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
  local t = redis.call('TIME')
  redis.call('SET', KEYS[3], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'PX', 3600000)
end
return 1
`;

type PacingRedis = Redis & {
  paceAcquire(...args: Array<string | number>): Promise<[number, number]>;
  paceRelease(...args: Array<string | number>): Promise<number>;
};

export interface RedisPacingOptions {
  limits?: PacingLimits;
  /** Key prefix (the queue's, so one cluster's replicas meet and tests stay apart). */
  prefix?: string;
  /**
   * A lease left by a replica that died mid-request ends after this long, ms: longer than any request
   * (the gate aborts one after 20 s), short because a dead replica's write holds its installation's
   * write lane until then.
   */
  leaseMs?: number;
  /** How often a request waiting for another to end asks again, ms. */
  pollMs?: number;
  /** Told once when Redis cannot be reached and this process paces on its own meanwhile. */
  onDegraded?: (error: unknown) => void;
}

interface Waiter {
  cost: RequestCost;
  lease: string;
  /** true: admitted in Redis; false: Redis failed, pace in this process. */
  admit(shared: boolean): void;
}

/**
 * The budgets of InstallationPacing held in Redis, so every replica draws on one set per
 * installation: one write in flight at a time and at least `contentCreatingSpacingMs` from its answer
 * to the next write, writes per minute and hour, points per minute per API, requests in flight.
 * Within a process, requests of one installation and kind ask in arrival order (reads are asked for
 * in batches, one Redis call for many). When Redis fails, requests are paced in this process alone
 * (as without Redis) rather than held up.
 */
export class RedisPacing implements RequestPacing {
  private readonly limits: PacingLimits;
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly queues = new Map<string, Waiter[]>();
  private readonly local: InstallationPacing;
  private readonly tag = randomBytes(6).toString('hex');
  private seq = 0;
  private degradedSaid = false;
  private readonly redis: PacingRedis;

  constructor(
    redis: Redis,
    private readonly options: RedisPacingOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_PACING_LIMITS;
    this.prefix = options.prefix ?? 'readiness';
    this.leaseMs = options.leaseMs ?? 25_000;
    this.pollMs = options.pollMs ?? 20;
    this.local = new InstallationPacing(this.limits);
    const r = redis as PacingRedis;
    if (typeof r.paceAcquire !== 'function') {
      r.defineCommand('paceAcquire', { numberOfKeys: 5, lua: ACQUIRE });
      r.defineCommand('paceRelease', { numberOfKeys: 3, lua: RELEASE });
    }
    this.redis = r;
  }

  private keys(installation: string) {
    const base = `${this.prefix}:pace:{${installation}}`;
    return { inflight: `${base}:inflight`, rest: `${base}:rest`, graphql: `${base}:graphql`, lock: `${base}:write`, last: `${base}:last-write`, content: `${base}:content` };
  }

  async run<T>(installation: string, cost: RequestCost, send: () => Promise<T>): Promise<T> {
    const lease = `${this.tag}:${++this.seq}`;
    const shared = await new Promise<boolean>((admit) => {
      const key = `${installation}\0${cost.contentCreating ? 'write' : cost.api}`;
      let queue = this.queues.get(key);
      const first = !queue;
      if (!queue) this.queues.set(key, (queue = []));
      queue.push({ cost, lease, admit });
      if (first) void this.pump(key, installation);
    });
    if (!shared) return this.local.run(installation, cost, send);
    try {
      return await send();
    } finally {
      // Sent on the same connection as later acquisitions, so Redis sees it before them.
      const k = this.keys(installation);
      this.redis.paceRelease(k.inflight, k.lock, k.last, lease, cost.contentCreating ? '1' : '0').catch(() => undefined);
    }
  }

  /** Admits the queue's requests as Redis allows; ends when the queue is empty. */
  private async pump(key: string, installation: string): Promise<void> {
    const queue = this.queues.get(key)!;
    const k = this.keys(installation);
    const l = this.limits;
    while (queue.length > 0) {
      const { cost } = queue[0]!;
      const batch = queue.slice(0, cost.contentCreating ? 1 : 50);
      let admitted: number;
      let wait: number;
      try {
        [admitted, wait] = await this.redis.paceAcquire(
          k.inflight,
          cost.api === 'rest' ? k.rest : k.graphql,
          k.lock,
          k.last,
          k.content,
          cost.points,
          cost.contentCreating ? '1' : '0',
          l.concurrent,
          cost.api === 'rest' ? l.restPointsPerMinute : l.graphqlPointsPerMinute,
          l.contentCreatingPerMinute,
          l.contentCreatingPerHour,
          l.contentCreatingSpacingMs,
          this.leaseMs,
          ...batch.map((w) => w.lease),
        );
      } catch (error) {
        if (!this.degradedSaid) this.options.onDegraded?.(error);
        this.degradedSaid = true;
        for (const w of queue.splice(0)) w.admit(false);
        break;
      }
      this.degradedSaid = false;
      for (const w of queue.splice(0, admitted)) w.admit(true);
      if (admitted === 0) await new Promise((resolve) => setTimeout(resolve, wait < 0 ? this.pollMs : Math.max(1, wait)));
    }
    this.queues.delete(key);
  }
}

/** The pacing `npm start` uses: shared through Redis when REDIS_URL is set, else in this process. */
export function productionPacing(env: NodeJS.ProcessEnv, log?: { warn(object: object, message: string): void }): { pacing: RequestPacing; close(): Promise<void> } {
  if (!env.REDIS_URL) return { pacing: new InstallationPacing(), close: () => Promise.resolve() };
  // One reconnection attempt per command: while Redis is away a request is soon paced in this process instead of waiting.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const pacing = new RedisPacing(redis, {
    prefix: env.QUEUE_PREFIX || 'readiness',
    onDegraded: (error) => log?.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Redis unreachable: requests are paced per process until it answers'),
  });
  return {
    pacing,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
