// `npm start`: checks Probot's environment, then serves the app's webhooks at /api/github/webhooks.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createNodeMiddleware, createProbot, type ApplicationFunction, type Probot } from 'probot';
import app from './app.js';
import { pacedOctokit, probotEnv } from './github/octokit.js';
import { productionPacing } from './github/redis-pacing.js';
import { operationsProblem, startService } from './runtime.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** Probot accepts the key as PEM text, or base64-encoded PEM. */
function decodeKey(value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return Buffer.from(value, 'base64').toString('utf8');
}

/**
 * The first problem with the settings Probot reads, as one sentence naming the variable (its value is
 * never repeated: it may be a secret), or null when the app can start.
 */
export function environmentProblem(env: NodeJS.ProcessEnv): string | null {
  const appId = env.APP_ID?.trim();
  if (!appId) return 'APP_ID is not set: set it to the numeric App ID shown on your GitHub App\'s settings page.';
  if (!/^[1-9]\d*$/.test(appId)) return 'APP_ID must be the numeric App ID shown on your GitHub App\'s settings page.';

  if (env.PRIVATE_KEY) {
    if (!isPrivateKey(decodeKey(env.PRIVATE_KEY))) return 'PRIVATE_KEY is not a PEM private key: paste the contents of the .pem file GitHub generated for the app (or set PRIVATE_KEY_PATH to that file).';
  } else if (env.PRIVATE_KEY_PATH) {
    if (!existsSync(env.PRIVATE_KEY_PATH)) return 'PRIVATE_KEY_PATH names a file that does not exist: point it at the .pem file GitHub generated for the app.';
    let text: string;
    try {
      text = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch {
      return 'PRIVATE_KEY_PATH names a file this process cannot read: check its permissions.';
    }
    if (!isPrivateKey(text)) return 'PRIVATE_KEY_PATH does not point at a PEM private key: use the .pem file GitHub generated for the app.';
  } else {
    return 'PRIVATE_KEY or PRIVATE_KEY_PATH must be set to the GitHub App\'s private key (the .pem file generated on its settings page).';
  }

  if (!env.WEBHOOK_SECRET) return 'WEBHOOK_SECRET is not set: set it to the webhook secret entered on your GitHub App\'s settings page.';

  if (env.PORT !== undefined && env.PORT !== '') {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return 'PORT must be a whole number from 1 to 65535.';
  }
  if (env.LOG_LEVEL && !LOG_LEVELS.includes(env.LOG_LEVEL)) return `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`;
  if (env.GHE_PROTOCOL && !['http', 'https'].includes(env.GHE_PROTOCOL)) return 'GHE_PROTOCOL must be http or https.';
  if (env.GHE_HOST && !/^[a-z0-9.-]+(:\d+)?$/i.test(env.GHE_HOST)) return 'GHE_HOST must be the host name of your GitHub Enterprise Server, without https:// or a path (e.g. github.example.com).';
  return operationsProblem(env);
}

/** GitHub never sends a webhook body larger than this. */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

/** Answers and closes the connection, so a refused body is never read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(`${message}\n`);
  res.once('finish', () => req.socket.destroy());
}

/**
 * The HTTP server in front of Probot's webhook middleware. `/ping` is answered at once; a request with
 * a body must say how long it is (411 otherwise) and be at most `maxBodyBytes` (413 otherwise), which
 * is decided from the headers, before a byte of the body is buffered or a signature computed. Node's
 * parser never reads past a declared length.
 */
export function webhookServer(handle: Handler, options: { maxBodyBytes?: number } = {}): Server {
  const limit = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if ((req.method === 'GET' || req.method === 'HEAD') && path === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const declared = req.headers['content-length'];
      if (declared === undefined) return refuse(req, res, 411, 'A Content-Length header is required.');
      const length = Number(declared);
      if (!Number.isSafeInteger(length) || length < 0) return refuse(req, res, 400, 'Content-Length is not a number of bytes.');
      if (length > limit) return refuse(req, res, 413, `The body is larger than ${limit} bytes, more than GitHub ever sends.`);
    }
    void Promise.resolve(handle(req, res)).then(
      (handled) => {
        if (!handled && !res.headersSent) res.writeHead(404).end();
      },
      () => {
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
}

export interface StartedServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/**
 * Loads the app into a Probot (from the environment unless given) and serves it with webhookServer on
 * `PORT` (default 3000) and `HOST`. Probot's own server buffers any body before checking anything.
 */
export async function startServer(options: { probot?: Probot; app?: ApplicationFunction; port?: number; host?: string; env?: NodeJS.ProcessEnv } = {}): Promise<StartedServer> {
  const env = options.env ?? process.env;
  const paced = options.probot ? undefined : productionPacing(env);
  const probot = options.probot ?? createProbot({ env: probotEnv(env), overrides: { Octokit: pacedOctokit(paced!.pacing) } });
  const middleware = await createNodeMiddleware(options.app ?? app, { probot, ...(env.WEBHOOK_PATH ? { webhooksPath: env.WEBHOOK_PATH } : {}) });
  const server = webhookServer((req, res) => middleware(req, res));
  const port = options.port ?? Number(env.PORT || 3000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? env.HOST, () => resolve());
  });
  probot.log.info(`Listening on port ${(server.address() as AddressInfo).port}`);
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await paced?.close();
    },
  };
}

/** Loads `.env` like Probot does, validates, and starts Probot's server; returns the exit code on failure. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const problem = environmentProblem(env);
  if (problem) {
    console.error(problem);
    return 1;
  }
  // The role (web, worker or both), the queue (Redis when REDIS_URL is set) and /health, /ready, /metrics.
  const service = await startService(env, (appFunction) => startServer({ env, app: appFunction }));
  // SIGTERM (Kubernetes, compose, systemd) and Ctrl-C: drain within SHUTDOWN_DEADLINE_MS, then exit.
  const stop = () => void service.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await main();
  if (code !== 0) process.exitCode = code;
}
