// Burst bench: 200 pull requests over 10 installations on two replicas sharing Redis, one replica killed (-9) halfway.
// Run: npm run build && flock /tmp/bench.lock npx tsx bench/durability/burst.ts [--prs 200] [--installations 10] [--latency 30]
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { start } from '../github-stand-in/stand-in.js';

const ROOT = join(import.meta.dirname, '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const PRS = arg('prs', 200);
const INSTALLATIONS = arg('installations', 10);
const LATENCY = arg('latency', 30);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/8';
const PREFIX = `bench-burst-${randomBytes(3).toString('hex')}`;
const SECRET = 'bench-' + 'secret';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function webhook(port: number, payload: unknown, id: string): Promise<number> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/api/github/webhooks', method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': id, 'x-hub-signature-256': signature, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  peakRssMb: number;
  sampler: NodeJS.Timeout;
}

const rssMb = (pid: number): number => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
};

async function replica(name: string, githubHost: string): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'server.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, GHE_HOST: githubHost, GHE_PROTOCOL: 'http', PORT: String(port), LOG_LEVEL: 'warn', LOG_FORMAT: 'json', REDIS_URL, QUEUE_PREFIX: PREFIX },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const r: Replica = { name, port, child, peakRssMb: 0, sampler: setInterval(() => (r.peakRssMb = Math.max(r.peakRssMb, rssMb(child.pid!))), 250) };
  for (let i = 0; i < 300; i++) {
    if (await get(port, '/health').then((x) => x.status === 200, () => false)) return r;
    await sleep(100);
  }
  throw new Error(`replica ${name} did not start`);
}

const metricLines = (text: string) => text.split('\n').filter((l) => /^readiness_(webhooks_total|jobs|oldest_job_age_seconds|review_duration_seconds_(sum|count)|github_requests_total|github_rate_limited_total|stuck_runs_recovered_total)/.test(l));

const standIn = await start({ latencyMs: LATENCY });
const githubHost = new URL(standIn.url).host;
const prs = Array.from({ length: PRS }, (_, i) => standIn.addPullRequest({ installationId: 1 + (i % INSTALLATIONS), owner: `org${i % INSTALLATIONS}`, repo: `svc-${i}`, number: 1, changedFiles: 6 }));
const [a, b] = [await replica('A', githubHost), await replica('B', githubHost)];
const load = readFileSync('/proc/loadavg', 'utf8').trim();

const started = Date.now();
const statuses: number[] = [];
for (let i = 0; i < prs.length; i += 20) {
  statuses.push(...(await Promise.all(prs.slice(i, i + 20).map((pr, j) => webhook((i + j) % 2 === 0 ? a.port : b.port, standIn.pullRequestPayload(pr), `burst-${i + j}`)))));
}
const accepted = Date.now();
const visible = standIn.checkRuns().length;

const done = () => standIn.checkRuns().filter((c) => c.status === 'completed').length;
while (done() < PRS / 2) await sleep(100);
const metricsA = metricLines((await get(a.port, '/metrics')).body);
a.child.kill('SIGKILL');
const killedAt = Date.now();
const completedAtKill = done();

const limitMs = 30 * 60_000;
while (done() < PRS && Date.now() - started < limitMs) await sleep(250);
const drained = Date.now();
await sleep(2_000);
const metricsB = metricLines((await get(b.port, '/metrics')).body);

const runsByRepo = new Map<string, number>();
for (const c of standIn.checkRuns()) runsByRepo.set(`${c.owner}/${c.repo}`, (runsByRepo.get(`${c.owner}/${c.repo}`) ?? 0) + 1);
const reviewsByRepo = new Map<string, number>();
for (const r of standIn.reviews()) reviewsByRepo.set(`${r.owner}/${r.repo}`, (reviewsByRepo.get(`${r.owner}/${r.repo}`) ?? 0) + 1);
const conclusions: Record<string, number> = {};
for (const c of standIn.checkRuns()) conclusions[`${c.status}/${c.conclusion ?? '-'}`] = (conclusions[`${c.status}/${c.conclusion ?? '-'}`] ?? 0) + 1;

clearInterval(a.sampler);
clearInterval(b.sampler);
b.child.kill('SIGTERM');
await new Promise((resolve) => b.child.once('exit', resolve));
await standIn.stop();
const redis = new Redis(REDIS_URL);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== '0');
await redis.quit();

const oneRunEach = prs.every((pr) => runsByRepo.get(`${pr.owner}/${pr.repo}`) === 1);
const atMostOneReview = prs.every((pr) => (reviewsByRepo.get(`${pr.owner}/${pr.repo}`) ?? 0) <= 1);
console.log(
  JSON.stringify(
    {
      prs: PRS,
      installations: INSTALLATIONS,
      standInLatencyMs: LATENCY,
      loadAverageAtStart: load,
      webhooks: { answered200: statuses.filter((s) => s === 200).length, secondsToAnswerAll: (accepted - started) / 1000, checkRunsVisibleWhenAllAnswered: visible },
      killedReplicaA: { afterSeconds: (killedAt - started) / 1000, completedAtKill },
      drainSeconds: (drained - started) / 1000,
      drainedAfterKillSeconds: (drained - killedAt) / 1000,
      everyPullRequestCompleted: done() === PRS,
      checkRunsTotal: standIn.checkRuns().length,
      exactlyOneCheckRunPerPullRequest: oneRunEach,
      atMostOneReviewPerPullRequest: atMostOneReview,
      reviewsPosted: standIn.reviews().length,
      conclusions,
      peakRssMb: { A: Math.round(a.peakRssMb), B: Math.round(b.peakRssMb) },
      metricsA_beforeKill: metricsA,
      metricsB_afterDrain: metricsB,
    },
    null,
    2,
  ),
);
