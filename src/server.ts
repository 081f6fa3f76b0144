// `npm start`: checks Probot's environment, then serves the app's webhooks at /api/github/webhooks.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { run } from 'probot';
import app from './app.js';
import { pacedOctokit } from './github/octokit.js';

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
  return null;
}

/** Loads `.env` like Probot does, validates, and starts Probot's server; returns the exit code on failure. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const problem = environmentProblem(env);
  if (problem) {
    console.error(problem);
    return 1;
  }
  // Probot's Octokit (throttling and retry on) with requests paced per installation, not in one write lane.
  const server = await run(app, { Octokit: pacedOctokit() });
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await main();
  if (code !== 0) process.exitCode = code;
}
