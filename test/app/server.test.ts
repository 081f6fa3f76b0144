// Start-up settings and the webhook endpoint: bad settings stop start-up in one sentence; forged deliveries are refused.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MAX_WEBHOOK_BODY_BYTES, environmentProblem, main, webhookServer } from '../../src/server.js';
import { api, examplePayload, requestProblems, testPrivateKey } from '../github/helpers/github-api.js';
import {
  WEBHOOK_SECRET,
  bodiesOf,
  mockCreateCheckRun,
  mockFiles,
  mockNoConfig,
  mockReview,
  mockThreads,
  mockUpdateCheckRun,
  settingsHead,
  settingsPatch,
  startApp,
  HEAD,
  type Sent,
} from './helpers/mock-github.js';
import { unsafeSetting } from './helpers/test-checks.js';

const keyFile = join(mkdtempSync(join(tmpdir(), 'readiness-key-')), 'app.pem');
writeFileSync(keyFile, testPrivateKey);
const valid = { APP_ID: '123', PRIVATE_KEY: testPrivateKey, WEBHOOK_SECRET: 'secret' };

describe('environmentProblem', () => {
  test.each([
    [{}, "APP_ID is not set: set it to the numeric App ID shown on your GitHub App's settings page."],
    [{ ...valid, APP_ID: 'my-app' }, "APP_ID must be the numeric App ID shown on your GitHub App's settings page."],
    [{ APP_ID: '123', WEBHOOK_SECRET: 'secret' }, "PRIVATE_KEY or PRIVATE_KEY_PATH must be set to the GitHub App's private key (the .pem file generated on its settings page)."],
    [{ ...valid, PRIVATE_KEY: 'not a key' }, 'PRIVATE_KEY is not a PEM private key: paste the contents of the .pem file GitHub generated for the app (or set PRIVATE_KEY_PATH to that file).'],
    [{ APP_ID: '123', WEBHOOK_SECRET: 'secret', PRIVATE_KEY_PATH: join(tmpdir(), 'no-such-dir', 'app.pem') }, 'PRIVATE_KEY_PATH names a file that does not exist: point it at the .pem file GitHub generated for the app.'],
    [{ APP_ID: '123', WEBHOOK_SECRET: 'secret', PRIVATE_KEY_PATH: import.meta.filename }, 'PRIVATE_KEY_PATH does not point at a PEM private key: use the .pem file GitHub generated for the app.'],
    [{ ...valid, WEBHOOK_SECRET: '' }, "WEBHOOK_SECRET is not set: set it to the webhook secret entered on your GitHub App's settings page."],
    [{ ...valid, PORT: '80a' }, 'PORT must be a whole number from 1 to 65535.'],
    [{ ...valid, LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal.'],
    [{ ...valid, GHE_HOST: 'https://github.example.com' }, 'GHE_HOST must be the host name of your GitHub Enterprise Server, without https:// or a path (e.g. github.example.com).'],
    [{ ...valid, GHE_HOST: 'github.example.com', GHE_PROTOCOL: 'ftp' }, 'GHE_PROTOCOL must be http or https.'],
  ] as Array<[NodeJS.ProcessEnv, string]>)('%# names the variable', (env, sentence) => {
    expect(environmentProblem(env)).toBe(sentence);
  });

  test('accepts a key as PEM text, base64 PEM or a file', () => {
    expect(environmentProblem(valid)).toBeNull();
    expect(environmentProblem({ ...valid, PRIVATE_KEY: Buffer.from(testPrivateKey).toString('base64') })).toBeNull();
    expect(environmentProblem({ APP_ID: '123', WEBHOOK_SECRET: 'secret', PRIVATE_KEY_PATH: keyFile, PORT: '3000', GHE_HOST: 'github.example.com', GHE_PROTOCOL: 'https' })).toBeNull();
  });

  test('main stops before starting anything and prints the one sentence', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main({ APP_ID: '123', PRIVATE_KEY: testPrivateKey })).toBe(1);
      expect(error.mock.calls).toEqual([["WEBHOOK_SECRET is not set: set it to the webhook secret entered on your GitHub App's settings page."]]);
    } finally {
      error.mockRestore();
    }
  });
});

describe('the webhook endpoint', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    expect(requestProblems).toEqual([]);
    expect(pending).toEqual([]);
  });

  async function serve() {
    const app = await startApp([unsafeSetting]);
    const middleware = await app.probot.getNodeMiddleware();
    server = webhookServer(middleware);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    return { ...app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks` };
  }

  /** Posts a delivery with node:http (nock's fetch pass-through cannot replay a request body); resolves with the status. */
  const deliver = (url: string, body: string, signature: string, id: string) =>
    new Promise<{ status: number }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': id, 'x-hub-signature-256': signature },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  test('refuses a delivery signed with the wrong secret and reviews nothing', async () => {
    const { url, queue } = await serve();
    const body = JSON.stringify(examplePayload('pull_request', 'opened'));
    const response = await deliver(url, body, sign(body, 'not-the-secret'), 'forged-1');
    expect(response.status).toBe(400);
    await queue().idle();
  });

  test('answers a signed delivery before the review runs, then reviews it', async () => {
    const sent: Sent = [];
    const { url, queue } = await serve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The installation token exchange is the review's first call: hold it until the webhook is answered.
    api()
      .post('/app/installations/1/access_tokens')
      .reply(201, async () => {
        await held;
        return { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z' };
      });
    mockCreateCheckRun(sent, 81);
    mockNoConfig(sent, { [`${HEAD}:app/settings.py`]: { text: settingsHead } });
    mockFiles([{ filename: 'app/settings.py', status: 'modified', patch: settingsPatch }]);
    mockThreads(sent, []);
    mockReview(sent);
    mockUpdateCheckRun(sent, 81);

    const body = JSON.stringify(examplePayload('pull_request', 'opened'));
    const response = await deliver(url, body, sign(body, WEBHOOK_SECRET), 'signed-1');
    expect(response.status).toBe(200);
    expect(sent).toEqual([]);
    release();
    await queue().idle();
    expect(bodiesOf(sent, 'update 81')[0]).toMatchObject({ conclusion: 'failure' });
  });

  /** Sends only the request head (no body) and resolves with the answer, to show a body is refused before it is sent. */
  const headOnly = (url: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'big', ...headers } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });

  test('a body over 25 MB is refused with 413 from its Content-Length, before any of it is sent', async () => {
    const { url, queue } = await serve();
    const response = await headOnly(url, { 'content-length': String(30 * 1024 * 1024), 'x-hub-signature-256': 'sha256=00' });
    expect(response.status).toBe(413);
    expect(MAX_WEBHOOK_BODY_BYTES).toBe(25 * 1024 * 1024);
    await queue().idle();
  });

  test('a body without a length (chunked) is refused with 411', async () => {
    const { url, queue } = await serve();
    const response = await headOnly(url, { 'transfer-encoding': 'chunked', 'x-hub-signature-256': 'sha256=00' });
    expect(response.status).toBe(411);
    await queue().idle();
  });

  test('/ping is answered by the server itself', async () => {
    const { url } = await serve();
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(url.replace('/api/github/webhooks', '/ping'), (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(response).toEqual({ status: 200, body: 'PONG' });
  });
});
