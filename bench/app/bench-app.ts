// `npm run bench:app`: the App as `npm start` runs it (its own process, production Octokit settings) against the
// GitHub API stand-in at 20 ms a call: seconds from webhook to check run and review, API calls against the floor,
// the server's CPU time for the reviews, and peak RSS.
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlobReadStats } from '../../src/github/blob-reader.js';
import { BLOB_BATCH_SIZE } from '../../src/github/blob-reader.js';
import { start, type StandIn } from '../github-stand-in/stand-in.js';
import type { PullRequestShape, StandInPullRequest } from '../github-stand-in/repository.js';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = resolve(here, '../../src/server.js');
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_CASES?.split(',');

interface Case {
  name: string;
  shapes: Array<Omit<PullRequestShape, 'owner' | 'repo' | 'number'>>;
}

const CASES: Case[] = [
  { name: '10 files', shapes: [{ installationId: 1, changedFiles: 10 }] },
  { name: '300 files', shapes: [{ installationId: 1, changedFiles: 300 }] },
  { name: '3000 files', shapes: [{ installationId: 1, changedFiles: 3000 }] },
  { name: '3000 renames', shapes: [{ installationId: 1, changedFiles: 0, renames: 3000 }] },
  // GitHub leaves the patch out of big diffs: the App reads both versions and diffs them itself.
  { name: 'patchless 20k-line file, 10% changed', shapes: [{ installationId: 1, changedFiles: 0, patchless: [{ lines: 20_000 }] }] },
  { name: 'patchless 20k-line file, added', shapes: [{ installationId: 1, changedFiles: 0, patchless: [{ lines: 20_000, added: true }] }] },
  // 50 pull requests over 10 installations, 5 each, of 5 to 50 changed files.
  { name: 'burst 50 PRs / 10 installations', shapes: Array.from({ length: 50 }, (_, i) => ({ installationId: 1 + (i % 10), changedFiles: 5 + ((i * 7) % 46) })) },
];

const freePort = () =>
  new Promise<number>((resolvePort) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });

/**
 * Posts every webhook at once from a thread of its own and times each answer there: the stand-in
 * serving the App's API calls on this thread would otherwise count its own work in the webhook times.
 */
function sendFromThread(port: number, deliveries: Array<{ body: string; headers: Record<string, string> }>): Promise<Array<{ status: number; ms: number }>> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { request } = require('node:http');
    const { port, deliveries } = workerData;
    Promise.all(deliveries.map(({ body, headers }) => new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ host: '127.0.0.1', port, path: '/api/github/webhooks', method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: Math.round(performance.now() - t0) }));
      });
      req.on('error', () => resolve({ status: 0, ms: Math.round(performance.now() - t0) }));
      req.end(body);
    }))).then((answers) => parentPort.postMessage(answers));
  `;
  return new Promise((resolveAll, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { port, deliveries } });
    worker.once('message', (answers: Array<{ status: number; ms: number }>) => {
      resolveAll(answers);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((r) => {
      const req = request({ host: '127.0.0.1', port, path: '/ping', method: 'GET' }, (res) => {
        res.resume();
        r(true);
      });
      req.on('error', () => r(false));
      req.end();
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/** Peak resident set size of a process, MB (Linux: VmHWM). */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time a process has used so far, user + system over all its threads, ms (Linux: utime + stime of
 * /proc/<pid>/stat, what `process.cpuUsage()` reports inside it; in clock ticks, 10 ms at 100 Hz).
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

interface RunResult {
  completedMs: number[];
  reviewMs: number[];
  webhookMs: number[];
  calls: number;
  floor: number;
  byKind: Record<string, number>;
  rssMb: number;
  /** Peak RSS of the started, idle server before the webhooks. */
  idleRssMb: number;
  /** Server CPU from the webhooks to the last review's end (its own and its review threads'). */
  cpuMs: number;
  secondaryLimit: number;
  annotations: number;
  comments: number;
  failed: number;
  reads: ReadStats[];
}

/** The `reads` field of the App's "review completed" log line: the plan's size, whether the tree was read, and the reader's stats. */
type ReadStats = BlobReadStats & { planned: number; tree: boolean };

/** Content reads summed over a run's reviews: queries, aliases, reads the plan did not foresee. */
function readSummary(reads: readonly ReadStats[]): string {
  if (reads.length === 0) return 'no read statistics logged';
  const sum = (pick: (r: ReadStats) => number) => reads.reduce((n, r) => n + pick(r), 0);
  const missed = [...new Set(reads.flatMap((r) => r.unplannedPaths))].slice(0, 5);
  return `content reads: ${sum((r) => r.queries)} GraphQL queries (${sum((r) => r.aliases)} blobs) + ${sum((r) => r.restBlobs)} REST blobs; tree read ${reads.filter((r) => r.tree).length}/${reads.length}; ${sum((r) => r.probesAvoided)} probes answered from the tree; unplanned reads ${sum((r) => r.unplanned)}${missed.length ? ` (${missed.join(', ')})` : ''}`;
}

/** The floor of one review: file-list pages, content reads at the batch size, one create, completion + annotation updates, one review. */
function floorOf(pr: StandInPullRequest, annotations: number, reviewed: boolean): number {
  const listed = Math.min(pr.files.length, 3000);
  const pages = Math.max(1, Math.ceil(listed / 100));
  const withContent = pr.files.slice(0, 3000).filter((f) => f.status !== 'removed' && !(f.status === 'renamed' && f.changes === 0)).length;
  return pages + Math.ceil(withContent / BLOB_BATCH_SIZE) + 1 + Math.max(1, Math.ceil(annotations / 50)) + (reviewed ? 1 : 0);
}

async function runCase(c: Case, run: number): Promise<RunResult> {
  const standIn: StandIn = await start({ latencyMs: LATENCY_MS, seed: run });
  const prs = c.shapes.map((shape, i) => standIn.addPullRequest({ ...shape, owner: `org${shape.installationId}`, repo: `service${i}`, number: 100 + i }));
  const port = await freePort();
  const secret = randomBytes(16).toString('hex');
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const child = spawn(process.execPath, [SERVER], {
    cwd: mkdtempSync(join(tmpdir(), 'bench-app-')),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: key, WEBHOOK_SECRET: secret, PORT: String(port), HOST: '127.0.0.1', GHE_HOST: new URL(standIn.url).host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Map<string, () => void>();
  const finished = new Set<string>();
  let failed = 0;
  const reads: ReadStats[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (process.env.BENCH_VERBOSE) console.error(line);
    let entry: { msg?: string; repository?: string; pullRequest?: number; level?: number; reads?: ReadStats };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if ((entry.level ?? 0) >= 50) failed++;
    if (entry.reads) reads.push(entry.reads);
    if (entry.msg === 'review completed' || entry.msg === 'review could not finish') {
      const key = `${entry.repository}#${entry.pullRequest}`;
      finished.add(key);
      done.get(key)?.();
    }
  });
  try {
    await waitForServer(port, child);
    const completed = new Map<string, number>();
    const reviewed = new Map<string, number>();
    standIn.events.on('check-run-completed', (r: { owner: string; repo: string; completedAt: number }) => completed.set(`${r.owner}/${r.repo}`, r.completedAt));
    standIn.events.on('review-posted', (r: { owner: string; repo: string; postedAt: number }) => reviewed.set(`${r.owner}/${r.repo}`, r.postedAt));
    const sentAt = new Map<string, number>();
    const webhookMs: number[] = [];
    // One limit for the whole case (webhooks included), so a run that stops making progress ends with a reason.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${c.name}: ${finished.size} of ${prs.length} reviews finished within 180 s (their "review completed" log lines are counted)`)), 180_000).unref());
    timeout.catch(() => undefined);
    const finishedAll = Promise.all(prs.map((pr) => new Promise<void>((r) => (finished.has(`${pr.owner}/${pr.repo}#${pr.number}`) ? r() : done.set(`${pr.owner}/${pr.repo}#${pr.number}`, r)))));
    const deliveries = prs.map((pr, i) => {
      const body = JSON.stringify(standIn.pullRequestPayload(pr));
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      return { body, headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': `bench-${run}-${i}`, 'x-hub-signature-256': signature } };
    });
    const idleRssMb = peakRssMb(child.pid!);
    const cpuBefore = cpuMs(child.pid!);
    for (const pr of prs) sentAt.set(`${pr.owner}/${pr.repo}`, Date.now());
    const sending = sendFromThread(port, deliveries).then((answers) => {
      for (const a of answers) {
        if (a.status !== 200) throw new Error(`webhook answered ${a.status}`);
        webhookMs.push(a.ms);
      }
    });
    await Promise.race([sending, timeout]);
    await Promise.race([finishedAll, timeout]);
    // The check run is completed after the review is posted (both go through the write lane): the case ends when every
    // pull request's check run is completed too, or its time is measured before it happened.
    const checkRunsCompleted = new Promise<void>((resolve) => {
      const poll = () => (prs.every((pr) => completed.has(`${pr.owner}/${pr.repo}`)) ? resolve() : setTimeout(poll, 10).unref());
      poll();
    });
    await Promise.race([checkRunsCompleted, timeout]);
    const cpuUsed = cpuMs(child.pid!) - cpuBefore;
    const stats = standIn.stats();
    const runs = standIn.checkRuns();
    const reviews = standIn.reviews();
    let floor = 0;
    for (const pr of prs) {
      const cr = runs.find((r) => r.owner === pr.owner && r.repo === pr.repo);
      floor += floorOf(pr, cr?.annotations.length ?? 0, reviews.some((r) => r.owner === pr.owner && r.repo === pr.repo));
    }
    const byKind = { ...stats.calls };
    delete byKind['POST /app/installations/{installation_id}/access_tokens'];
    const key = (pr: StandInPullRequest) => `${pr.owner}/${pr.repo}`;
    return {
      completedMs: prs.map((pr) => (completed.get(key(pr)) ?? NaN) - sentAt.get(key(pr))!),
      reviewMs: prs.filter((pr) => reviewed.has(key(pr))).map((pr) => reviewed.get(key(pr))! - sentAt.get(key(pr))!),
      webhookMs,
      calls: Object.values(byKind).reduce((a, b) => a + b, 0),
      floor,
      byKind,
      rssMb: peakRssMb(child.pid!),
      idleRssMb,
      cpuMs: cpuUsed,
      secondaryLimit: Object.values(stats.secondaryLimitResponses).reduce((a, b) => a + b, 0),
      annotations: runs.reduce((n, r) => n + r.annotations.length, 0),
      comments: reviews.reduce((n, r) => n + r.comments.length, 0),
      failed,
      reads,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    await standIn.stop();
  }
}

const fmt = (ms: number) => (ms / 1000).toFixed(2);
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fmt(sorted[0]!)} / ${fmt(sorted[Math.floor((sorted.length - 1) / 2)]!)} / ${fmt(sorted.at(-1)!)}`;
};

console.log(`bench:app — ${LATENCY_MS} ms per API call, ${RUNS} runs per case, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('Seconds are min / median / max over runs (for the burst: over runs of the slowest pull request).\n');
for (const c of CASES) {
  if (ONLY && !ONLY.some((o) => c.name.startsWith(o))) continue;
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) results.push(await runCase(c, run));
  const worst = (pick: (r: RunResult) => number[]) => results.map((r) => Math.max(...pick(r)));
  const last = results.at(-1)!;
  console.log(`## ${c.name}`);
  console.log(`  webhook -> check run completed (s): ${spread(worst((r) => r.completedMs))}`);
  console.log(`  webhook -> review posted (s):       ${last.reviewMs.length ? spread(worst((r) => r.reviewMs)) : 'no review (no comment)'}`);
  if (c.shapes.length > 1) {
    const all = results.flatMap((r) => r.completedMs);
    console.log(`  check run completed, all PRs (s):   p50 ${fmt(percentile(all, 50))}, p99 ${fmt(percentile(all, 99))}`);
  }
  const hooks = results.flatMap((r) => r.webhookMs);
  console.log(`  webhook answered (ms):              p50 ${percentile(hooks, 50)}, p99 ${percentile(hooks, 99)}, max ${Math.max(...hooks)}`);
  console.log(`  API calls: ${results.map((r) => r.calls).join(' / ')} vs floor ${last.floor} (${(last.calls / last.floor).toFixed(2)}x)  annotations ${last.annotations}, comments ${last.comments}`);
  console.log(`  calls by kind: ${JSON.stringify(last.byKind)}`);
  console.log(`  ${readSummary(last.reads)}`);
  console.log(`  server CPU, webhooks to last review (ms): ${results.map((r) => r.cpuMs.toFixed(0)).join(' / ')}`);
  console.log(`  peak RSS (MB): ${results.map((r) => r.rssMb.toFixed(0)).join(' / ')} (idle server before the webhooks: ${results.map((r) => r.idleRssMb.toFixed(0)).join(' / ')})   secondary-limit answers: ${results.map((r) => r.secondaryLimit).join(' / ')}   errors logged: ${results.map((r) => r.failed).join(' / ')}\n`);
}
