// Reviews on worker threads: the same findings as on this thread, and this thread stays free to answer HTTP while a large review computes.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { runReview, type RunReview } from '../../src/engine/pipeline.js';
import { ReviewThreads } from '../../src/review-threads.js';
import { webhookServer } from '../../src/server.js';

let threads: ReviewThreads;
beforeAll(() => {
  threads = new ReviewThreads(1);
});
afterAll(async () => {
  await threads.close();
});

const smallChange = () =>
  memoryChangeSet(
    { 'app/settings.py': 'DEBUG = False\n' },
    {
      'app/settings.py': 'DEBUG = True\nALLOWED_HOSTS = ["*"]\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      'requirements.txt': 'django\nrequests>=2\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    ports: ["8000:8000"]\n',
    },
  );

/** Many files of many lines: a review that keeps a thread computing for a while. */
function largeChange() {
  const after: Record<string, string> = {};
  for (let f = 0; f < 120; f++) {
    after[`services/s${f}/settings.py`] = Array.from({ length: 1200 }, (_, i) => `value_${i} = "${(i * 7919 + f).toString(36)}-${i % 13}"  # setting ${i}`).join('\n') + '\n';
  }
  return memoryChangeSet({}, after);
}

function ping(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/ping' }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Runs one large review with `run` while /ping is asked again and again on this thread's server; how
 * many answers came back before the review ended, and how busy this thread's event loop was meanwhile.
 */
async function pingsDuringReview(run: RunReview): Promise<{ answered: number; utilization: number }> {
  const change = largeChange();
  const server = webhookServer(() => false);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    let done = false;
    let answered = 0;
    const start = performance.eventLoopUtilization();
    const review = run(change, checks, DEFAULT_CONFIG).finally(() => (done = true));
    const pinging = (async () => {
      while (!done) {
        await ping(port);
        if (!done) answered++;
        // A pause between pings, so the pinging itself leaves this thread idle most of the time.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await review;
    const utilization = performance.eventLoopUtilization(start).utilization;
    await pinging;
    return { answered, utilization };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('ReviewThreads', () => {
  test('a review on a thread finds what it finds on this thread, in the same order', async () => {
    const here = await runReview(smallChange(), checks, DEFAULT_CONFIG);
    const there = await threads.run(smallChange(), checks, DEFAULT_CONFIG);
    expect(here.findings.length).toBeGreaterThan(2);
    expect(there).toEqual(here);
  });

  test('content the review reads comes from this thread; a failed read is the check\'s error, as on this thread', async () => {
    const change = smallChange();
    const failing = { ...change, readHead: (path: string) => (path === 'Dockerfile' ? Promise.reject(Object.assign(new Error('GitHub answered 502'), { status: 502 })) : change.readHead(path)) };
    const here = await runReview(failing, checks, DEFAULT_CONFIG);
    const there = await threads.run(failing, checks, DEFAULT_CONFIG);
    expect(there.errors).toEqual(here.errors);
    expect(there.errors.some((e) => e.path === 'Dockerfile' && /502/.test(e.message))).toBe(true);
    expect(there.findings).toEqual(here.findings);
  });

  test('a folder a check lists on a thread is listed by this thread\'s change set, as content is read', async () => {
    const before = { '.github/workflows/release.yml': 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v5\n' };
    const change = () => memoryChangeSet(before, { ...before, '.github/workflows/edge.yml': before['.github/workflows/release.yml'].replace('@v5', '@v5\n      - uses: docker/login-action@v3') });
    const here = await runReview(change(), checks, DEFAULT_CONFIG);
    const there = await threads.run(change(), checks, DEFAULT_CONFIG);
    // release.yml runs docker/build-push-action@v5 already: only the login action is new to the repository.
    expect(there.findings.filter((f) => f.checkId === 'unpinned-dependency').map((f) => `${f.path}:${f.line}`)).toEqual(['.github/workflows/edge.yml:7']);
    expect(there.findings).toEqual(here.findings);
  });

  test('checks other than the registry\'s run on this thread (they cannot cross)', async () => {
    const own = { ...checks[0]!, run: () => Promise.resolve([]) };
    const before = threads.running;
    const result = threads.run(smallChange(), [own], DEFAULT_CONFIG);
    expect(threads.running).toBe(before);
    await expect(result).resolves.toMatchObject({ findings: [] });
  });

  test('while a large review computes on a thread, this thread answers /ping again and again; computed here, the review keeps it busy', async () => {
    await threads.run(smallChange(), checks, DEFAULT_CONFIG); // the thread has loaded its checks
    const onThread = await pingsDuringReview(threads.run);
    const here = await pingsDuringReview(runReview);
    expect(onThread.answered).toBeGreaterThanOrEqual(5);
    expect(onThread.answered).toBeGreaterThan(here.answered);
    // The share of the review's time this thread spent running code rather than waiting for events.
    expect(onThread.utilization).toBeLessThan(0.5);
    expect(here.utilization).toBeGreaterThan(onThread.utilization);
  });
});
