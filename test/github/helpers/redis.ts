// Real Redis for tests: a database of their own, keys under a fresh prefix removed afterwards, and a loud failure when Redis is away.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Tests use database 9, never the default one an operator's local App may use. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9';

export const freshPrefix = (label: string) => `test-${label}-${randomBytes(4).toString('hex')}`;

/** Throws (never skips) when Redis does not answer: `.ci/run` starts it. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is not answering at ${url} (${error instanceof Error ? error.message : String(error)}). These tests need a real Redis: ` +
        'run `redis-server --daemonize yes --port 6379 --save "" --appendonly no` (.ci/run does this).',
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export async function removeKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

/** Polls `condition` until it holds (a test's own timeout bounds the wait; nothing asserts on speed). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
