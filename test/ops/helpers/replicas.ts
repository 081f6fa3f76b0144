// Real App processes against the bench's GitHub API stand-in and real Redis: spawn, sign webhooks, read /metrics, kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { start, type StandIn } from '../../../bench/github-stand-in/stand-in.js';
import { testPrivateKey } from '../../github/helpers/github-api.js';
import { TEST_REDIS_URL } from '../../github/helpers/redis.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const SECRET = 'durability-test-secret';

/** A failed delivery as GET /app/hook/deliveries lists it. */
export interface FakeDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  redelivery: boolean;
  event: string;
  action: string | null;
  /** What GitHub sends again when asked (not part of GitHub's listing). */
  payload: Record<string, unknown>;
}

/**
 * The stand-in behind a small front that adds the two things it lacks: GET of one check run, and the
 * App's webhook deliveries (listed from `deliveries`; redelivery requests are recorded, and the test
 * then sends the payload again, as GitHub would).
 */
export interface GitHubFront {
  url: string;
  host: string;
  standIn: StandIn;
  deliveries: FakeDelivery[];
  redeliveryRequests: number[];
  /**
   * Holds the next request whose method and path match until `release()`: a review waits there, so a
   * test can act while it is known to be in flight. `arrived` resolves when the request is held.
   */
  holdNext(method: string, path: RegExp): { arrived: Promise<void>; release(): void };
  stop(): Promise<void>;
}

interface Hold {
  method: string;
  path: RegExp;
  arrived: () => void;
  released: Promise<void>;
}

export async function startGitHub(latencyMs: number): Promise<GitHubFront> {
  // Write pacing is the latency work's subject, not this one's: the stand-in's spacing rule is off here.
  const standIn = await start({ latencyMs, limits: { contentCreatingSpacingMs: 0 } });
  const target = new URL(standIn.url);
  const holds: Hold[] = [];
  const front: GitHubFront = {
    url: '',
    host: '',
    standIn,
    deliveries: [],
    redeliveryRequests: [],
    holdNext(method, path) {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      holds.push({ method, path, arrived, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived: arrival, release };
    },
    stop: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').replace(/^\/api\/v3(?=\/)/, '').split('?')[0]!;
    const held = holds.findIndex((h) => h.method === req.method && h.path.test(path));
    if (held >= 0) {
      const [hold] = holds.splice(held, 1);
      hold!.arrived();
      req.pause();
      void hold!.released.then(() => {
        req.resume();
        forward(req, res);
      });
      return;
    }
    const one = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const run = standIn.checkRuns().find((c) => c.id === Number(one[3]));
      res.writeHead(run ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(run ? { id: run.id, head_sha: run.headSha, status: run.status, conclusion: run.conclusion ?? null } : { message: 'Not Found' }));
      return;
    }
    if (req.method === 'GET' && path === '/app/hook/deliveries') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(front.deliveries.map(({ payload: _payload, ...listed }) => listed)));
      return;
    }
    const attempt = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path);
    if (req.method === 'POST' && attempt) {
      front.redeliveryRequests.push(Number(attempt[1]));
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    forward(req, res);
  });
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const onward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    onward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(onward);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  front.url = `http://127.0.0.1:${port}`;
  front.host = `127.0.0.1:${port}`;
  front.stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await standIn.stop();
  };
  return front;
}

export interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** Spawns `src/server.ts` (through tsx) as one replica and waits until /health answers. */
export async function startReplica(name: string, github: GitHubFront, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: github.host,
      GHE_PROTOCOL: 'http',
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      REDIS_URL: TEST_REDIS_URL,
      REVIEW_LOCK_MS: '2000',
      REVIEW_RETRY_DELAY_MS: '200',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const replica: Replica = { name, port, child, logs, exited };
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica ${name} exited with ${child.exitCode}: ${stderr}`);
    if (await get(port, '/health').then((r) => r.status === 200, () => false)) return replica;
    if (Date.now() > end) throw new Error(`replica ${name} did not answer /health: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Delivers a signed webhook as GitHub does; resolves with the HTTP status. */
export function sendWebhook(port: number, event: string, payload: Record<string, unknown>, deliveryId: string): Promise<number> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': deliveryId, 'x-hub-signature-256': signature, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends SIGKILL (or `signal`) and waits for the process to exit. */
export async function stopReplica(replica: Replica, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill(signal);
  return replica.exited;
}
