// The merge gate under faults: 50 pull requests reviewed through a seeded fault-injecting proxy in front of the
// GitHub API stand-in, compared with a fault-free run; then /ping latency while hostile configured patterns run.
//
//   npx tsx bench/gate/faults.ts [--prs 50] [--rate 0.2] [--seed 7] [--wait-scale 0.05] [--files 50] [--lines 200]
//
// Faults (502, 403 secondary limit, 429 with retry-after: 1) are drawn for 20% of the App's requests; half
// of the 502s on writes are answered after the stand-in has processed the write, as GitHub sometimes does.
// The App's own retry layer is what is measured: Octokit's retry and throttle plugins are off. Waits the
// App asks for are recorded in full and slept at `--wait-scale` of their length, so the run takes seconds.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { generateKeyPairSync } from 'node:crypto';
import { checks } from '../../checks/index.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { resolveConfig } from '../../src/config/config.js';
import { runReview } from '../../src/engine/pipeline.js';
import { markerFingerprint } from '../../src/github/review-comments.js';
import { reviewPullRequest } from '../../src/github/review-pull-request.js';
import type { ReviewRequest } from '../../src/github/review-request.js';
import { webhookServer } from '../../src/server.js';
import { start, type StandIn } from '../github-stand-in/stand-in.js';
import type { StandInPullRequest } from '../github-stand-in/repository.js';
import { prng } from '../../scripts/bench-data.js';

const { values } = parseArgs({
  options: {
    prs: { type: 'string', default: '50' },
    rate: { type: 'string', default: '0.2' },
    seed: { type: 'string', default: '7' },
    'wait-scale': { type: 'string', default: '0.05' },
    files: { type: 'string', default: '50' },
    lines: { type: 'string', default: '200' },
  },
});
const PRS = Number(values.prs);
const RATE = Number(values.rate);
const SEED = Number(values.seed);
const WAIT_SCALE = Number(values['wait-scale']);
const FILES = Number(values.files);
const LINES = Number(values.lines);

interface ProxyStats {
  requests: number;
  faults: Record<string, number>;
}

/** A proxy to `target` that answers a seeded share of the App's requests with a fault instead. */
async function faultProxy(target: string, rate: number, seed: number): Promise<{ url: string; server: Server; stats: ProxyStats }> {
  const random = prng(seed);
  const stats: ProxyStats = { requests: 0, faults: {} };
  const upstream = new URL(target);
  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        stats.requests++;
        const tokenExchange = /\/access_tokens$/.test(req.url ?? '');
        const write = req.method !== 'GET' && !(req.url === '/graphql' && !/^\s*\{?\s*"query"\s*:\s*"\s*mutation/.test(body.toString('utf8')));
        if (!tokenExchange && random() < rate) {
          const kinds = ['502', '403-secondary', '429'] as const;
          const kind = kinds[Math.floor(random() * kinds.length)]!;
          if (kind === '502' && write && random() < 0.5) {
            await forward(req, body);
            stats.faults['502 after the write was processed'] = (stats.faults['502 after the write was processed'] ?? 0) + 1;
            return send(res, 502, { message: 'Server Error' });
          }
          stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
          if (kind === '502') return send(res, 502, { message: 'Server Error' });
          if (kind === '429') return send(res, 429, { message: 'Too Many Requests' }, { 'retry-after': '1' });
          return send(res, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
        }
        const answer = await forward(req, body);
        const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !['content-length', 'transfer-encoding', 'connection'].includes(k))) as Record<string, string>;
        res.writeHead(answer.status, headers).end(answer.body);
      })().catch(() => send(res, 502, { message: 'proxy error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, stats };
}

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const Octokit: typeof ProbotOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { ...(options.throttle as object | undefined), enabled: false } }));

interface Run {
  conclusion: string;
  title: string;
  annotations: Set<string>;
  checkRuns: number;
  completedRuns: number;
  commentFingerprints: string[];
  error?: string;
}

/** Reviews every pull request through `baseUrl` (four at a time) and reads back what the stand-in holds. */
async function reviewAll(standIn: StandIn, baseUrl: string, prs: StandInPullRequest[], waits: number[]): Promise<Map<string, Run>> {
  const probot = new Probot({ appId: 1, privateKey, baseUrl, log: pino({ level: 'silent' }), Octokit });
  const log = pino({ level: 'silent' });
  const queue = [...prs];
  const errors = new Map<string, string>();
  const worker = async () => {
    for (let pr = queue.shift(); pr; pr = queue.shift()) {
      const request: ReviewRequest = {
        deliveryId: `bench-${pr.number}`,
        installationId: pr.installationId,
        owner: pr.owner,
        repo: pr.repo,
        number: pr.number,
        headSha: pr.headSha,
        baseSha: pr.baseSha,
        draft: false,
        repositoryUrl: `https://github.com/${pr.owner}/${pr.repo}`,
        trigger: 'pull_request.opened',
      };
      try {
        const octokit = await probot.auth(pr.installationId);
        await reviewPullRequest(octokit, request, { checks, retry: { sleep: (ms) => new Promise((r) => setTimeout(r, (waits.push(ms), ms * WAIT_SCALE))) } }, { log });
      } catch (error) {
        errors.set(pr.headSha, error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const runs = new Map<string, Run>();
  for (const pr of prs) {
    const mine = standIn.checkRuns().filter((c) => c.headSha === pr.headSha && c.repo === pr.repo);
    const completed = mine.filter((c) => c.status === 'completed');
    const last = completed.at(-1);
    const comments = standIn
      .reviews()
      .filter((r) => r.repo === pr.repo && r.number === pr.number)
      .flatMap((r) => r.comments.map((c) => markerFingerprint(c.body) ?? c.body));
    const run: Run = {
      conclusion: last?.conclusion ?? '(not completed)',
      title: last?.title ?? '',
      annotations: new Set((last?.annotations ?? []).map((a) => `${a.path}:${a.start_line}:${a.title ?? ''}`)),
      checkRuns: mine.length,
      completedRuns: completed.length,
      commentFingerprints: comments,
    };
    const error = errors.get(pr.headSha);
    if (error) run.error = error;
    runs.set(pr.headSha, run);
  }
  return runs;
}

function addPullRequests(standIn: StandIn): StandInPullRequest[] {
  return Array.from({ length: PRS }, (_, i) =>
    standIn.addPullRequest({ installationId: 1 + (i % 10), owner: `org${i % 10}`, repo: `service-${i}`, number: 1 + i, changedFiles: 10 + ((i * 7) % 60), untouchedFiles: 5 }),
  );
}

async function faultBench(): Promise<void> {
  // The stand-in's own secondary limits are real-time; waits here are scaled down, so they are lifted
  // (the injected 403s and 429s stand for them) and only the proxy's faults are measured.
  const limits = { concurrent: 1000, restPointsPerMinute: 1e6, graphqlPointsPerMinute: 1e6, contentCreatingPerMinute: 1e6, contentCreatingPerHour: 1e6, contentCreatingSpacingMs: 0 };
  const clean = await start({ latencyMs: 2, seed: SEED, limits });
  const faulty = await start({ latencyMs: 2, seed: SEED, limits });
  const cleanPrs = addPullRequests(clean);
  const faultyPrs = addPullRequests(faulty);
  const proxy = await faultProxy(faulty.url, RATE, SEED);

  const baselineWaits: number[] = [];
  const t0 = performance.now();
  const baseline = await reviewAll(clean, clean.url, cleanPrs, baselineWaits);
  const baselineMs = performance.now() - t0;
  const waits: number[] = [];
  const t1 = performance.now();
  const withFaults = await reviewAll(faulty, proxy.url, faultyPrs, waits);
  const faultMs = performance.now() - t1;

  let notCompleted = 0;
  let extraRuns = 0;
  let successMissing = 0;
  let duplicateComments = 0;
  let failedClosed = 0;
  let sameAsBaseline = 0;
  const conclusions: Record<string, number> = {};
  const differences: string[] = [];
  for (const pr of faultyPrs) {
    const run = withFaults.get(pr.headSha)!;
    const base = baseline.get(pr.headSha)!;
    conclusions[run.conclusion] = (conclusions[run.conclusion] ?? 0) + 1;
    if (run.completedRuns === 0) notCompleted++;
    extraRuns += Math.max(0, run.checkRuns - 1);
    const missing = [...base.annotations].filter((a) => !run.annotations.has(a));
    if (run.conclusion === 'success' && missing.length > 0) successMissing++;
    if (run.conclusion === base.conclusion && missing.length === 0) sameAsBaseline++;
    else {
      if (run.conclusion === 'failure' && base.conclusion !== 'failure') failedClosed++;
      differences.push(
        `${pr.repo}: ${base.conclusion} "${base.title}" -> ${run.conclusion} "${run.title}", ${missing.length} of ${base.annotations.size} annotations missing, ${[...run.annotations].filter((a) => !base.annotations.has(a)).length} extra${run.error ? `; threw: ${run.error}` : ''}`,
      );
    }
    const seen = new Set<string>();
    for (const f of run.commentFingerprints) {
      if (seen.has(f)) duplicateComments++;
      seen.add(f);
    }
  }
  const baseConclusions: Record<string, number> = {};
  for (const run of baseline.values()) baseConclusions[run.conclusion] = (baseConclusions[run.conclusion] ?? 0) + 1;
  const honouredRetryAfter = waits.filter((w) => w >= 1000).length;

  console.log(`fault bench: ${PRS} pull requests, fault rate ${RATE}, seed ${SEED}, waits slept at ${WAIT_SCALE}x`);
  console.log(`  baseline (no faults): ${JSON.stringify(baseConclusions)} in ${(baselineMs / 1000).toFixed(1)} s`);
  console.log(`  with faults:          ${JSON.stringify(conclusions)} in ${(faultMs / 1000).toFixed(1)} s`);
  console.log(`  requests through the proxy: ${proxy.stats.requests}; faults injected: ${JSON.stringify(proxy.stats.faults)}`);
  console.log(`  retries (waits asked for): ${waits.length}, of which ${honouredRetryAfter} honoured retry-after (>= 1 s)`);
  console.log(`  check runs not completed: ${notCompleted}`);
  console.log(`  extra check runs (orphans from lost creates): ${extraRuns}`);
  console.log(`  success with a finding of the fault-free run missing: ${successMissing}`);
  console.log(`  same conclusion and annotations as the fault-free run: ${sameAsBaseline}; failed closed instead: ${failedClosed}`);
  console.log(`  comments posted twice: ${duplicateComments}`);
  for (const d of differences) console.log(`    differs from the fault-free run: ${d}`);
  const errors = [...withFaults.values()].filter((r) => r.error).map((r) => r.error);
  if (errors.length > 0) console.log(`  reviews that threw: ${errors.length} (${[...new Set(errors)].slice(0, 3).join('; ')})`);
  const baseErrors = [...baseline.values()].filter((r) => r.error).map((r) => r.error);
  if (baseErrors.length > 0) console.log(`  fault-free reviews that threw: ${baseErrors.length} (${[...new Set(baseErrors)].slice(0, 3).join('; ')})`);

  proxy.server.close();
  await clean.stop();
  await faulty.stop();
}

/** /ping latency, polled every 10 ms, while a review runs over a large change with (or without) the hostile patterns of the issue. */
async function pingBench(hostile: boolean): Promise<void> {
  const server = webhookServer(() => false);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const ping = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      httpRequest({ host: '127.0.0.1', port, path: '/ping', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t));
      })
        .on('error', reject)
        .end();
    });
  const config = resolveConfig(hostile ? { checks: { secrets: { options: { extra_rules: [{ id: 'hostile', description: 'Hostile pattern', regex: '(a+)+$' }], allow: ['^(\\w+)+!$'] } } } } : {}, checks);
  // An ordinary 64-character key (hex of a seeded draw), different on every line.
  const random = prng(SEED);
  const key = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const files: Record<string, string> = {};
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let l = 0; l < LINES; l++) lines.push(l % 10 === 0 ? `api_key = "${key()}"` : l % 2 ? `padding_${l} = "${'a'.repeat(30)}"` : `value_${l} = compute(${l})`);
    files[`app/module_${f}.py`] = `${lines.join('\n')}\n`;
  }
  const change = memoryChangeSet({}, files);
  const latencies: number[] = [];
  let reviewing = true;
  const poller = (async () => {
    while (reviewing) {
      latencies.push(await ping());
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t0 = performance.now();
  const { findings } = await runReview(change, checks, config);
  const reviewMs = performance.now() - t0;
  reviewing = false;
  await poller;
  server.close();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(`ping bench: review of ${FILES} files x ${LINES} lines (every other line 30 a's, every tenth a 64-character key) ${hostile ? "with extra_rules '(a+)+$' and allow '^(\\w+)+!$'" : 'with the built-in rules only (for comparison)'}`);
  console.log(`  review took ${(reviewMs / 1000).toFixed(1)} s, ${findings.length} findings; /ping answered ${latencies.length} times: median ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
}

await faultBench();
// The first review in a process also loads parsers (tree-sitter's WebAssembly) and compiles the rules:
// it is shown, then the hostile and the plain configuration are measured warm, twice each.
await pingBench(true);
for (const hostile of [false, true, false, true]) await pingBench(hostile);
