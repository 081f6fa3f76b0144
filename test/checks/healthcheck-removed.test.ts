// Table tests for healthcheck-removed: Dockerfile, compose, Kubernetes and health routes, with the tricky negatives.
import { describe, expect, it } from 'vitest';
import check from '../../checks/healthcheck-removed.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import type { ChangeSet } from '../../src/model/change-set.js';
import { review } from '../../src/engine/review.js';
import { testCheck } from '../helpers/check-tester.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

// ---------------------------------------------------------------- Dockerfile

const dockerWithHealth = lines(
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY . .',
  'HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/health || exit 1',
  'CMD ["gunicorn", "app:app"]',
);
const dockerWithoutHealth = lines('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["gunicorn", "app:app"]');

const multiStageBase = lines(
  'FROM node:20 AS build', // 1
  'RUN npm ci && npm run build', // 2
  'FROM node:20-slim AS runtime', // 3
  'COPY --from=build /app/dist /app', // 4
  'HEALTHCHECK CMD node /app/health.js', // 5
  'CMD ["node", "/app/server.js"]', // 6
);
const multiStageHeadNoHealth = lines(
  'ARG NODE=20', // 1
  'FROM node:${NODE} AS deps', // 2
  'RUN npm ci', // 3
  'FROM node:20 AS build', // 4
  'RUN npm run build', // 5
  'FROM node:20-slim AS runtime', // 6
  'COPY --from=build /app/dist /app', // 7
  'CMD ["node", "/app/server.js"]', // 8
);

// ---------------------------------------------------------------- compose

const composeBase = lines(
  'services:', // 1
  '  web:', // 2
  '    build: .', // 3
  '    healthcheck:', // 4
  '      test: ["CMD", "curl", "-f", "http://localhost/health"]', // 5
  '      interval: 10s', // 6
  '  db:', // 7
  '    image: postgres:16', // 8
  '    healthcheck:', // 9
  '      test: ["CMD-SHELL", "pg_isready"]', // 10
);
const composeWebNoHealth = lines(
  'services:',
  '  web:', // 2
  '    build: .',
  '  db:',
  '    image: postgres:16',
  '    healthcheck:',
  '      test: ["CMD-SHELL", "pg_isready"]',
);

// ---------------------------------------------------------------- Kubernetes

const deployment = (probes: string[], extra = '') =>
  lines(
    'apiVersion: apps/v1', // 1
    'kind: Deployment', // 2
    'metadata:', // 3
    '  name: api', // 4
    'spec:', // 5
    '  template:', // 6
    '    spec:', // 7
    '      containers:', // 8
    '        - name: api', // 9
    '          image: example/api:1.2.3', // 10
    ...probes,
    '        - name: sidecar',
    '          image: example/proxy:2.0.0',
    ...(extra ? [extra] : []),
  );
const liveness = ['          livenessProbe:', '            httpGet:', '              path: /healthz', '              port: 8080'];
const readiness = ['          readinessProbe:', '            httpGet:', '              path: /ready', '              port: 8080'];
const livenessExec = ['          livenessProbe:', '            exec:', '              command: ["cat", "/tmp/healthy"]'];

const cronJob = (withProbe: boolean) =>
  lines(
    'apiVersion: batch/v1', // 1
    'kind: CronJob', // 2
    'metadata:', // 3
    '  name: nightly', // 4
    'spec:', // 5
    '  schedule: "0 3 * * *"', // 6
    '  jobTemplate:', // 7
    '    spec:', // 8
    '      template:', // 9
    '        spec:', // 10
    '          containers:', // 11
    '            - image: example/job:1.0.0', // 12
    '              name: job', // 13
    ...(withProbe ? ['              startupProbe:', '                exec:', '                  command: ["true"]'] : []),
  );
const service = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: api', 'spec:', '  ports:', '    - port: 80');

const podJson = (withProbe: boolean) =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...(withProbe ? { readinessProbe: { httpGet: { path: '/', port: 80 } } } : {}) }] },
    },
    null,
    2,
  ) + '\n';

// ---------------------------------------------------------------- routes

const flaskApp = (withHealth: boolean, healthName = 'health') =>
  lines(
    'from flask import Flask', // 1
    '', // 2
    'app = Flask(__name__)', // 3
    '', // 4
    '', // 5
    '@app.route("/")', // 6
    'def index():', // 7
    '    return "hello"', // 8
    '', // 9
    '', // 10
    ...(withHealth ? ['@app.route("/health")', `def ${healthName}():`, '    return {"status": "ok"}', '', ''] : []),
    '@app.route("/users")', // 11 in head without health
    'def users():',
    '    return []',
  );

const fastApi = (withHealth: boolean) =>
  lines(
    'from fastapi import APIRouter', // 1
    '', // 2
    'router = APIRouter()', // 3
    '', // 4
    '', // 5
    '@router.get("/items")', // 6
    'async def items():', // 7
    '    return []', // 8
    ...(withHealth ? ['', '', '@router.get("/healthz")', 'async def healthz():', '    return {"ok": True}'] : []),
  );

const express = (withHealth: boolean) =>
  lines(
    "const express = require('express');", // 1
    'const app = express();', // 2
    '', // 3
    "app.get('/', (req, res) => res.send('hi'));", // 4
    ...(withHealth ? ["app.get('/healthz', (req, res) => {", "  res.json({ status: 'ok' });", '});'] : []),
    "app.get('/users', listUsers);", // 5 in head
    'app.listen(3000);',
  );

testCheck(check, {
  valid: [
    {
      // Palmr 8f308834: the S3 stack's services now run the single v3 image, which the root Dockerfile health-checks.
      name: "a compose healthcheck taken out of a service that now runs the repository's own image, which the root Dockerfile health-checks",
      repository: { owner: 'kyantech', name: 'Palmr' },
      before: {
        Dockerfile: 'FROM node:20-alpine\nCOPY . .\nHEALTHCHECK CMD wget -q --spider http://localhost:3333/health || exit 1\nCMD ["node", "server.js"]\n',
        'docker-compose-s3.yaml': 'services:\n  palmr:\n    image: kyantech/palmr-api:v2\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3333/health"]\n',
      },
      after: {
        Dockerfile: 'FROM node:20-alpine\nCOPY . .\nHEALTHCHECK CMD wget -q --spider http://localhost:3333/health || exit 1\nCMD ["node", "server.js"]\n',
        'docker-compose-s3.yaml': 'services:\n  palmr:\n    image: kyantech/palmr:v3\n',
      },
    },
    // Dockerfile
    {
      // mathesar: the database switches to pgautoupgrade, whose image declares its own HEALTHCHECK.
      name: 'compose healthcheck dropped as the service switches to an image whose vendor declares a HEALTHCHECK',
      before: { 'docker-compose.yml': lines('services:', '  db:', '    image: postgres:13', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]') },
      after: { 'docker-compose.yml': lines('services:', '  db:', '    image: pgautoupgrade/pgautoupgrade:17-bookworm') },
    },
    { name: 'HEALTHCHECK command changed', before: { Dockerfile: dockerWithHealth }, after: { Dockerfile: dockerWithHealth.replace('curl -fsS', 'wget -qO-') } },
    {
      // jhaals/yopass: the server's --health-check moves out of the image into both deployment compose files, which run the repository's image by name.
      name: 'the final stage HEALTHCHECK moved to every compose service of the change that runs the image (by name or by build)',
      repository: { owner: 'jhaals', name: 'yopass' },
      before: {
        Dockerfile: lines('FROM golang:1.22 AS app', 'RUN go build ./cmd/yopass-server', 'FROM gcr.io/distroless/base', 'COPY --from=app /yopass-server /', 'HEALTHCHECK CMD ["/yopass-server", "--health-check"]', 'ENTRYPOINT ["/yopass-server"]'),
        'deploy/insecure/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass', '    ports:', '      - "80:80"'),
        'deploy/proxy/docker-compose.yml': lines('services:', '  yopass:', '    build: ../..', '    expose:', '      - "80"'),
      },
      after: {
        Dockerfile: lines('FROM golang:1.22 AS app', 'RUN go build ./cmd/yopass-server', 'FROM gcr.io/distroless/base', 'COPY --from=app /yopass-server /', 'ENTRYPOINT ["/yopass-server"]'),
        'deploy/insecure/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass', '    ports:', '      - "80:80"', '    healthcheck:', '      test: ["CMD", "/yopass-server", "--health-check"]'),
        'deploy/proxy/docker-compose.yml': lines('services:', '  yopass:', '    build: ../..', '    expose:', '      - "80"', '    healthcheck:', '      test: ["CMD", "/yopass-server", "--health-check"]'),
      },
    },
    {
      // Part-DB: the FrankenPHP Dockerfile (with its HEALTHCHECK) renamed to Dockerfile-frankenphp while Dockerfile.old came back as Dockerfile.
      name: 'the Dockerfile with its HEALTHCHECK moved to a file the change adds, and another image restored at its path',
      before: {
        Dockerfile: lines('FROM dunglas/frankenphp:1-php8.3 AS base', 'RUN install-php-extensions intl zip', 'COPY . /app', 'HEALTHCHECK --start-period=60s CMD curl -f http://localhost:2019/metrics || exit 1', 'CMD ["frankenphp", "run"]'),
        'Dockerfile.old': lines('FROM debian:bullseye-slim', 'RUN apt-get install -y apache2 php', 'CMD ["apache2-foreground"]'),
      },
      after: {
        Dockerfile: lines('FROM debian:bullseye-slim', 'RUN apt-get install -y apache2 php', 'CMD ["apache2-foreground"]'),
        'Dockerfile-frankenphp': lines('FROM dunglas/frankenphp:1-php8.3 AS base', 'RUN install-php-extensions intl zip', 'COPY . /app', 'HEALTHCHECK --start-period=60s CMD curl -f http://localhost:2019/metrics || exit 1', 'CMD ["frankenphp", "run"]'),
      },
    },
    {
      // hmcts/ccd-data-store-api: wget under /bin/sh in a distroless Java image; every run failed.
      name: 'a HEALTHCHECK that could never run in its shell-less image (a shell command, or curl or wget it lacks)',
      before: {
        Dockerfile: lines('FROM hmctspublic.azurecr.io/base/java:openjdk-8-distroless-1.0', 'COPY build/libs/app.jar /opt/app/', 'HEALTHCHECK --interval=10s CMD wget -q --spider http://localhost:4452/health || exit 1', 'CMD ["app.jar"]'),
        'api/Dockerfile': lines('FROM gcr.io/distroless/static-debian12', 'COPY api /api', 'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/health"]', 'ENTRYPOINT ["/api"]'),
      },
      after: {
        Dockerfile: lines('FROM hmctspublic.azurecr.io/base/java:openjdk-8-distroless-1.0', 'COPY build/libs/app.jar /opt/app/', 'CMD ["app.jar"]'),
        'api/Dockerfile': lines('FROM gcr.io/distroless/static-debian12', 'COPY api /api', 'ENTRYPOINT ["/api"]'),
      },
    },
    { name: 'HEALTHCHECK added', before: { Dockerfile: dockerWithoutHealth }, after: { Dockerfile: dockerWithHealth } },
    { name: 'new Dockerfile with a HEALTHCHECK', after: { Dockerfile: dockerWithHealth } },
    { name: 'new Dockerfile with HEALTHCHECK NONE', after: { Dockerfile: lines('FROM example/base:1', 'HEALTHCHECK NONE') } },
    { name: 'Dockerfile deleted', before: { Dockerfile: dockerWithHealth, 'app.py': 'print(1)\n' }, after: { 'app.py': 'print(1)\n' } },
    { name: 'Dockerfile renamed unchanged', before: { Dockerfile: dockerWithHealth }, after: { 'docker/Dockerfile': dockerWithHealth } },
    {
      name: 'HEALTHCHECK moved to another stage',
      before: { Dockerfile: lines('FROM python:3.12 AS base', 'HEALTHCHECK CMD true', 'FROM base AS dev', 'CMD ["dev"]', 'FROM python:3.12-slim AS prod', 'CMD ["prod"]') },
      after: { Dockerfile: lines('FROM python:3.12 AS base', 'FROM base AS dev', 'CMD ["dev"]', 'FROM python:3.12-slim AS prod', 'HEALTHCHECK CMD true', 'CMD ["prod"]') },
    },
    {
      name: 'HEALTHCHECK moved into the stage the final one is built from',
      before: { Dockerfile: lines('FROM python:3.12 AS base', 'RUN pip install app', 'FROM base', 'HEALTHCHECK CMD app --check', 'CMD ["app"]') },
      after: { Dockerfile: lines('FROM python:3.12 AS base', 'RUN pip install app', 'HEALTHCHECK CMD app --check', 'FROM base', 'CMD ["app"]') },
    },
    {
      name: 'HEALTHCHECK removed from a stage only copied from',
      before: { Dockerfile: lines('FROM golang:1.22 AS build', 'HEALTHCHECK CMD true', 'RUN go build -o /app', 'FROM gcr.io/distroless/base', 'COPY --from=build /app /app', 'HEALTHCHECK CMD ["/app", "-health"]') },
      after: { Dockerfile: lines('FROM golang:1.22 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/base', 'COPY --from=build /app /app', 'HEALTHCHECK CMD ["/app", "-health"]') },
    },
    { name: 'a workflow named dockerfile-build.yaml is not a Dockerfile', before: { '.github/workflows/dockerfile-build.yaml': lines('name: build', '# HEALTHCHECK CMD true', 'on: push') }, after: { '.github/workflows/dockerfile-build.yaml': lines('name: build', 'on: push') } },
    { name: 'Dockerfile without healthchecks edited', before: { Dockerfile: dockerWithoutHealth }, after: { Dockerfile: dockerWithoutHealth.replace('3.12', '3.13') } },
    // compose
    { name: 'compose healthcheck changed', before: { 'docker-compose.yml': composeBase }, after: { 'docker-compose.yml': composeBase.replace('10s', '30s') } },
    { name: 'compose service deleted', before: { 'docker-compose.yml': composeBase }, after: { 'docker-compose.yml': lines('services:', '  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]') } },
    { name: 'compose service renamed with its healthcheck', before: { 'compose.yaml': composeBase }, after: { 'compose.yaml': composeBase.replace('  web:', '  frontend:') } },
    { name: 'compose file deleted', before: { 'docker-compose.yml': composeBase, 'README.md': 'x\n' }, after: { 'README.md': 'x\n' } },
    {
      name: 'compose healthcheck moved to an override file in the same change',
      before: { 'docker-compose.yml': composeBase },
      after: { 'docker-compose.yml': composeWebNoHealth, 'docker-compose.override.yml': lines('services:', '  web:', '    healthcheck:', '      test: ["CMD", "true"]') },
    },
    {
      name: 'compose healthcheck moved into the Dockerfile the service builds',
      before: { 'docker-compose.yml': composeBase, Dockerfile: dockerWithoutHealth },
      after: { 'docker-compose.yml': composeWebNoHealth, Dockerfile: dockerWithHealth },
    },
    {
      name: 'compose healthcheck moved into a shared anchor',
      before: { 'docker-compose.yml': composeBase },
      after: {
        'docker-compose.yml': lines('x-health: &health', '  healthcheck:', '    test: ["CMD", "true"]', 'services:', '  web:', '    <<: *health', '    build: .', '  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]'),
      },
    },
    {
      name: "compose healthcheck moved into this repository's published image, which the service runs by name (its OCI title label)",
      before: { 'compose.yaml': lines('services:', '  mail:', '    image: ghcr.io/acme/mail-server:latest', '    healthcheck:', '      test: "ss -lt | grep -q :smtp"'), Dockerfile: dockerWithoutHealth },
      after: {
        'compose.yaml': lines('services:', '  mail:', '    image: ghcr.io/acme/mail-server:latest', '    # the image has a HEALTHCHECK'),
        Dockerfile: dockerWithHealth + 'LABEL org.opencontainers.image.title="mail-server"\n',
      },
    },
    {
      name: 'compose healthcheck given by the service it extends',
      before: { 'docker-compose.yml': composeBase },
      after: { 'docker-compose.yml': lines('services:', '  web:', '    extends: db', '    build: .', '  db:', '    image: postgres:16', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]') },
    },
    {
      name: 'compose healthcheck that was already disabled, removed',
      before: { 'docker-compose.yml': lines('services:', '  web:', '    image: a:1', '    healthcheck:', '      disable: true') },
      after: { 'docker-compose.yml': lines('services:', '  web:', '    image: a:1') },
    },
    // Kubernetes
    { name: 'probe changed from httpGet to exec', before: { 'k8s/api.yaml': deployment([...liveness, ...readiness]) }, after: { 'k8s/api.yaml': deployment([...livenessExec, ...readiness]) } },
    { name: 'probes added', before: { 'k8s/api.yaml': deployment([]) }, after: { 'k8s/api.yaml': deployment([...liveness]) } },
    { name: 'manifest deleted', before: { 'k8s/api.yaml': deployment([...liveness]), 'k8s/svc.yaml': service }, after: { 'k8s/svc.yaml': service } },
    { name: 'workload deleted from a multi-document file', before: { 'k8s/all.yaml': `${service}---\n${deployment([...liveness])}` }, after: { 'k8s/all.yaml': service } },
    {
      name: 'container with probes deleted from a pod',
      before: { 'k8s/api.yaml': deployment([...liveness]) },
      after: { 'k8s/api.yaml': lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: sidecar', '          image: example/proxy:2.0.0') },
    },
    {
      name: 'workload renamed takes its probes to a new workload',
      before: { 'k8s/api.yaml': deployment([...liveness]) },
      after: { 'k8s/api.yaml': deployment([]).replace('name: api\nspec', 'name: api-v2\nspec') },
    },
    {
      name: 'probe moved to a kustomize patch in the same change',
      before: { 'k8s/api.yaml': deployment([...liveness]) },
      after: {
        'k8s/api.yaml': deployment([]),
        'k8s/patch.yaml': lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', ...liveness),
      },
    },
    { name: 'Helm template that is not YAML', before: { 'chart/templates/deploy.yaml': `{{- if .Values.enabled }}\n${deployment([...liveness])}{{- end }}\n` }, after: { 'chart/templates/deploy.yaml': `{{- if .Values.enabled }}\n${deployment([])}{{- end }}\n` } },
    { name: 'new manifest with probes', after: { 'pod.yaml': deployment([...liveness]) } },
    // routes
    { name: 'route moved to another file', before: { 'app/main.py': flaskApp(true), 'app/health.py': 'import os\n' }, after: { 'app/main.py': flaskApp(false), 'app/health.py': lines('from app.main import app', '', '@app.get("/health")', 'def health():', '    return "ok"') } },
    { name: 'route path kept with a different handler name', before: { 'app.py': flaskApp(true) }, after: { 'app.py': flaskApp(true, 'liveness') } },
    { name: 'route decorator changed from route to get', before: { 'app.py': flaskApp(true) }, after: { 'app.py': flaskApp(true).replace('@app.route("/health")', '@app.get("/health/")') } },
    { name: 'non-health route removed', before: { 'app.py': flaskApp(true) }, after: { 'app.py': flaskApp(true).replace('@app.route("/users")\ndef users():\n    return []\n', '') } },
    {
      name: 'health URL in a client call removed',
      before: { 'client.py': lines('import requests', 'def check():', '    return requests.get("http://svc/health").ok') },
      after: { 'client.py': lines('import requests', 'def check():', '    return True') },
    },
    { name: 'health path in a commented-out decorator removed', before: { 'app.py': lines('from flask import Flask', 'app = Flask(__name__)', '# @app.route("/health")', 'x = 1') }, after: { 'app.py': lines('from flask import Flask', 'app = Flask(__name__)', 'x = 1') } },
    { name: 'axios call to /health removed', before: { 'web/probe.js': lines("const r = await axios.get('/health', { timeout: 1000 });", 'export default r;') }, after: { 'web/probe.js': lines('export default null;') } },
    { name: 'supertest call to /health removed', before: { 'test/app.test.js': lines("request(app).get('/health').expect(200);", '') }, after: { 'test/app.test.js': lines('') } },
    { name: 'Python file with routes deleted', before: { 'app.py': flaskApp(true), 'x.py': 'x = 1\n' }, after: { 'x.py': 'x = 1\n' } },
    { name: 'Express route kept, only its handler changed', before: { 'server.js': express(true) }, after: { 'server.js': express(true).replace("status: 'ok'", "status: 'up'") } },
    {
      name: 'Express health route moved into a decorator controller in another file (NestJS-style @Controller with @Get)',
      before: { 'src/server.ts': express(true), 'src/controllers/index.ts': 'export const CONTROLLERS = [];\n' },
      after: {
        'src/server.ts': express(false),
        'src/controllers/health.controller.ts': lines('@Controller("/health")', 'export class HealthController {', '  @Get("/")', '  async healthCheck(_req, res) {', '    res.json({ status: "OK" });', '  }', '}').replace('/health")', '/healthz")'),
      },
    },
    {
      name: 'health route moved into a controller in the same file, prefix and method path joined',
      before: { 'src/app.ts': lines("router.get('/api/ready', (req, res) => res.send('ok'));", "router.get('/', home);") },
      after: { 'src/app.ts': lines("@Controller({ path: 'api' })", 'export class Ops {', "  @Head('ready')", '  ready() {}', '}', "router.get('/', home);") },
    },
  ],
  invalid: [
    {
      name: "a compose healthcheck taken out of a service that runs the repository's own image when the root Dockerfile has no HEALTHCHECK",
      repository: { owner: 'kyantech', name: 'Palmr' },
      before: {
        Dockerfile: 'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n',
        'docker-compose.yaml': 'services:\n  palmr:\n    image: kyantech/palmr:v3\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3333/health"]\n',
      },
      after: {
        Dockerfile: 'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n',
        'docker-compose.yaml': 'services:\n  palmr:\n    image: kyantech/palmr:v3\n',
      },
      findings: [{ path: 'docker-compose.yaml', line: 2 }],
    },
    {
      name: "a HEALTHCHECK removed from a shell-less image that ran the image's own program, or that copied a probe in",
      before: {
        Dockerfile: lines('FROM gcr.io/distroless/static-debian12', 'COPY api /api', 'HEALTHCHECK CMD ["/api", "healthcheck"]', 'ENTRYPOINT ["/api"]'),
        'web/Dockerfile': lines('FROM gcr.io/distroless/base-debian12', 'COPY --from=busybox:1.36 /bin/wget /bin/wget', 'HEALTHCHECK CMD ["/bin/wget", "-q", "--spider", "http://localhost/"]', 'ENTRYPOINT ["/web"]'),
      },
      after: {
        Dockerfile: lines('FROM gcr.io/distroless/static-debian12', 'COPY api /api', 'ENTRYPOINT ["/api"]'),
        'web/Dockerfile': lines('FROM gcr.io/distroless/base-debian12', 'COPY --from=busybox:1.36 /bin/wget /bin/wget', 'ENTRYPOINT ["/web"]'),
      },
      findings: [{ path: 'Dockerfile', line: 1 }, { path: 'web/Dockerfile', line: 1 }],
    },
    {
      // A new file that only shares the HEALTHCHECK line, or holds the image without it, is not where the image went.
      name: 'a HEALTHCHECK removed while an added Dockerfile repeats it on another image, or holds the old image without it',
      before: {
        Dockerfile: lines('FROM dunglas/frankenphp:1-php8.3 AS base', 'RUN install-php-extensions intl zip', 'COPY . /app', 'HEALTHCHECK CMD curl -f http://localhost:2019/metrics', 'CMD ["frankenphp", "run"]'),
        'web/Dockerfile': lines('FROM node:22', 'RUN npm ci', 'COPY . /app', 'HEALTHCHECK CMD curl -f http://localhost:3000/', 'CMD ["node", "s.js"]'),
      },
      after: {
        Dockerfile: lines('FROM debian:bookworm-slim', 'RUN apt-get install -y frankenphp', 'CMD ["frankenphp", "run"]'),
        'Dockerfile.worker': lines('FROM python:3.12', 'RUN pip install worker', 'HEALTHCHECK CMD curl -f http://localhost:2019/metrics', 'CMD ["worker"]'),
        'web/Dockerfile': lines('FROM node:22', 'RUN npm ci', 'COPY . /app', 'CMD ["node", "s.js"]'),
        'web/Dockerfile.copy': lines('FROM node:22', 'RUN npm ci', 'COPY . /app', 'CMD ["node", "s.js"]'),
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'dockerRemoved' },
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerRemoved' },
      ],
    },
    {
      // The image still loses its check wherever a service of the change runs it without one, or where nothing of the change runs it.
      name: 'a final stage HEALTHCHECK removed while a compose service of the change that runs the image has none, or no service runs it',
      repository: { owner: 'jhaals', name: 'yopass' },
      before: {
        Dockerfile: lines('FROM golang:1.22 AS app', 'RUN go build ./cmd/yopass-server', 'FROM gcr.io/distroless/base', 'COPY --from=app /yopass-server /', 'HEALTHCHECK CMD ["/yopass-server", "--health-check"]', 'ENTRYPOINT ["/yopass-server"]'),
        'api/Dockerfile': dockerWithHealth,
        'deploy/insecure/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass', '    ports:', '      - "80:80"'),
        'deploy/proxy/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass:12', '    expose:', '      - "80"', '  cache:', '    image: memcached'),
      },
      after: {
        Dockerfile: lines('FROM golang:1.22 AS app', 'RUN go build ./cmd/yopass-server', 'FROM gcr.io/distroless/base', 'COPY --from=app /yopass-server /', 'ENTRYPOINT ["/yopass-server"]'),
        'api/Dockerfile': dockerWithoutHealth,
        'deploy/insecure/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass', '    ports:', '      - "80:80"', '    healthcheck:', '      test: ["CMD", "/yopass-server", "--health-check"]'),
        'deploy/proxy/docker-compose.yml': lines('services:', '  yopass:', '    image: jhaals/yopass:12', '    expose:', '      - "80"', '  cache:', '    image: memcached', '    healthcheck:', '      test: ["CMD", "true"]'),
      },
      findings: [
        { path: 'Dockerfile', line: 3, messageId: 'dockerRemoved' },
        { path: 'api/Dockerfile', line: 1, messageId: 'dockerRemoved' },
      ],
    },
    // Dockerfile
    {
      name: 'HEALTHCHECK removed',
      before: { Dockerfile: dockerWithHealth },
      after: { Dockerfile: dockerWithoutHealth },
      findings: [{ line: 1, messageId: 'dockerRemoved', data: { stage: 'The final stage (`FROM python:3.12-slim`)' }, remediation: /```dockerfile\nHEALTHCHECK --interval=30s CMD curl -fsS http:\/\/localhost:8000\/health \|\| exit 1\n```/, suggestion: null }],
    },
    {
      name: 'HEALTHCHECK removed from an image variant named Dockerfile-<variant>',
      before: { 'Docker/Dockerfile-Alpine': dockerWithHealth },
      after: { 'Docker/Dockerfile-Alpine': dockerWithoutHealth },
      findings: [{ path: 'Docker/Dockerfile-Alpine', line: 1, messageId: 'dockerRemoved' }],
    },
    {
      name: 'HEALTHCHECK removed from a named stage after stages were added before it',
      before: { Dockerfile: multiStageBase },
      after: { Dockerfile: multiStageHeadNoHealth },
      findings: [{ line: 6, messageId: 'dockerRemoved', data: { stage: 'Stage `runtime`' }, remediation: /HEALTHCHECK CMD node \/app\/health\.js/ }],
    },
    {
      name: 'continued HEALTHCHECK removed shows every line of it',
      before: { Dockerfile: lines('FROM nginx:1.27', 'HEALTHCHECK --interval=5s \\', '  CMD curl -f http://localhost/ || exit 1') },
      after: { Dockerfile: lines('FROM nginx:1.27') },
      findings: [{ line: 1, messageId: 'dockerRemoved', remediation: /HEALTHCHECK --interval=5s \\\n {2}CMD curl -f http:\/\/localhost\/ \|\| exit 1/ }],
    },
    {
      name: 'HEALTHCHECK NONE added',
      before: { Dockerfile: dockerWithHealth },
      after: { Dockerfile: dockerWithHealth.replace(/HEALTHCHECK .*\n/, 'HEALTHCHECK NONE\n') },
      findings: [{ line: 1, title: 'Healthcheck disabled', messageId: 'dockerDisabled', data: { stage: 'The final stage (`FROM python:3.12-slim`)' }, remediation: /Delete `HEALTHCHECK NONE`/ }],
    },
    {
      name: 'HEALTHCHECK NONE added to a stage whose image has one',
      before: { Dockerfile: lines('FROM example/service:2', 'ENV MODE=prod') },
      after: { Dockerfile: lines('FROM example/service:2', 'ENV MODE=prod', 'HEALTHCHECK NONE') },
      findings: [{ line: 1, messageId: 'dockerDisabled', title: 'Healthcheck disabled' }],
    },
    {
      name: 'HEALTHCHECK removed from a Containerfile with CRLF line ends',
      before: { 'images/Containerfile': dockerWithHealth.replace(/\n/g, '\r\n') },
      after: { 'images/Containerfile': dockerWithoutHealth.replace(/\n/g, '\r\n') },
      findings: [{ line: 1, messageId: 'dockerRemoved' }],
    },
    // compose
    {
      name: 'compose healthcheck dropped as the service switches to a plain database image',
      before: { 'docker-compose.yml': lines('services:', '  db:', '    image: postgres:13', '    healthcheck:', '      test: ["CMD-SHELL", "pg_isready"]') },
      after: { 'docker-compose.yml': lines('services:', '  db:', '    image: postgres:17') },
      findings: [{ path: 'docker-compose.yml', line: 2, messageId: 'composeRemoved', data: { service: 'db' } }],
    },
    {
      name: 'compose healthcheck removed from a service running another image than the one the change gives a HEALTHCHECK',
      before: { 'compose.yaml': lines('services:', '  cache:', '    image: redis:7', '    healthcheck:', '      test: ["CMD", "redis-cli", "ping"]'), 'api/Dockerfile': dockerWithoutHealth },
      after: { 'compose.yaml': lines('services:', '  cache:', '    image: redis:7'), 'api/Dockerfile': dockerWithHealth + 'LABEL org.opencontainers.image.source="https://github.com/acme/api"\n' },
      findings: [{ path: 'compose.yaml', line: 2, messageId: 'composeRemoved', data: { service: 'cache' } }],
    },
    {
      name: 'compose healthcheck removed',
      before: { 'docker-compose.yml': composeBase },
      after: { 'docker-compose.yml': composeWebNoHealth },
      findings: [{ line: 2, messageId: 'composeRemoved', data: { service: 'web' }, remediation: /```yaml\n {4}healthcheck:\n {6}test: \["CMD", "curl", "-f", "http:\/\/localhost\/health"\]\n {6}interval: 10s\n```/ }],
    },
    {
      name: 'compose healthcheck disabled',
      before: { 'compose.yaml': composeBase },
      after: { 'compose.yaml': composeBase.replace('      interval: 10s\n', '      interval: 10s\n      disable: true\n') },
      findings: [{ line: 2, title: 'Healthcheck disabled', messageId: 'composeDisabled', data: { service: 'web' } }],
    },
    {
      name: 'compose healthcheck test set to NONE',
      before: { 'compose.yaml': composeBase },
      after: { 'compose.yaml': composeBase.replace('      test: ["CMD-SHELL", "pg_isready"]', '      test: ["NONE"]') },
      findings: [{ line: 7, messageId: 'composeDisabled', data: { service: 'db' } }],
    },
    {
      name: 'compose healthcheck removed from an anchor the service merges',
      before: { 'docker-compose.yml': lines('x-health: &health', '  healthcheck:', '    test: ["CMD", "true"]', 'services:', '  api:', '    <<: *health', '    image: example/api:1') },
      after: { 'docker-compose.yml': lines('x-health: &health', '  restart: always', 'services:', '  api:', '    <<: *health', '    image: example/api:1') },
      findings: [{ line: 4, messageId: 'composeRemoved', data: { service: 'api' } }],
    },
    {
      name: 'compose healthcheck removed while the built Dockerfile has none',
      before: { 'deploy/docker-compose.yml': lines('services:', '  web:', '    build:', '      context: ..', '    healthcheck:', '      test: ["CMD", "true"]'), Dockerfile: dockerWithoutHealth },
      after: { 'deploy/docker-compose.yml': lines('services:', '  web:', '    build:', '      context: ..'), Dockerfile: dockerWithoutHealth },
      findings: [{ path: 'deploy/docker-compose.yml', line: 2, messageId: 'composeRemoved' }],
    },
    // Kubernetes
    {
      name: 'liveness and readiness probes removed from a Deployment',
      before: { 'k8s/api.yaml': deployment([...liveness, ...readiness]) },
      after: { 'k8s/api.yaml': deployment([]) },
      findings: [{ line: 9, title: 'Kubernetes probes removed', messageId: 'probesRemoved', data: { container: 'api', workload: 'Deployment/api', probes: '`livenessProbe` and `readinessProbe`' }, remediation: /```yaml\n {10}livenessProbe:\n[\s\S]* {10}readinessProbe:\n[\s\S]*port: 8080\n```/ }],
    },
    {
      name: 'one probe removed, one kept',
      before: { 'k8s/api.yaml': deployment([...liveness, ...readiness]) },
      after: { 'k8s/api.yaml': deployment([...readiness]) },
      findings: [{ line: 9, title: 'Kubernetes probe removed', messageId: 'probesRemoved', data: { container: 'api', workload: 'Deployment/api', probes: '`livenessProbe`' } }],
    },
    {
      name: 'startup probe removed from a CronJob in a multi-document file, name not the first key',
      before: { 'deploy/jobs.yml': `${service}---\n${cronJob(true)}` },
      after: { 'deploy/jobs.yml': `${service}---\n${cronJob(false)}` },
      findings: [{ line: 8 + 13, messageId: 'probesRemoved', data: { container: 'job', workload: 'CronJob/nightly', probes: '`startupProbe`' } }],
    },
    {
      name: 'probes removed from two containers',
      before: { 'k8s/api.yaml': deployment([...liveness], '          readinessProbe:\n            tcpSocket:\n              port: 15000') },
      after: { 'k8s/api.yaml': deployment([]) },
      findings: [{ line: 9, messageId: 'probesRemoved', data: { container: 'api', workload: 'Deployment/api', probes: '`livenessProbe`' } }, { line: 11, messageId: 'probesRemoved', data: { container: 'sidecar', workload: 'Deployment/api', probes: '`readinessProbe`' } }],
    },
    {
      name: 'readiness probe removed from a JSON Pod manifest',
      before: { 'manifests/pod.json': podJson(true) },
      after: { 'manifests/pod.json': podJson(false) },
      findings: [{ line: 10, messageId: 'probesRemoved', data: { container: 'web', workload: 'Pod/web', probes: '`readinessProbe`' } }],
    },
    {
      name: 'only container renamed and its probe removed',
      before: { 'k8s/api.yaml': deployment([...liveness]).replace('        - name: sidecar\n          image: example/proxy:2.0.0\n', '') },
      after: { 'k8s/api.yaml': deployment([]).replace('        - name: sidecar\n          image: example/proxy:2.0.0\n', '').replace('- name: api', '- name: server') },
      findings: [{ line: 9, messageId: 'probesRemoved', data: { container: 'server', workload: 'Deployment/api', probes: '`livenessProbe`' } }],
    },
    // routes
    {
      name: 'Flask health route removed',
      before: { 'app.py': flaskApp(true) },
      after: { 'app.py': flaskApp(false) },
      findings: [{ line: 11, title: 'Health endpoint removed', messageId: 'routeRemoved', data: { route: '/health' }, remediation: /```python\n@app.route\("\/health"\)\ndef health\(\):\n {4}return \{"status": "ok"\}\n```/ }],
    },
    {
      name: 'FastAPI health route removed at the end of the file',
      before: { 'service/api.py': fastApi(true) },
      after: { 'service/api.py': fastApi(false) },
      findings: [{ line: 8, messageId: 'routeRemoved', data: { route: '/healthz' } }],
    },
    {
      name: 'Flask add_url_rule health route removed',
      before: { 'app.py': lines('from flask import Flask', 'app = Flask(__name__)', 'app.add_url_rule("/ping", "ping", lambda: "pong")', 'app.add_url_rule("/", "index", index)') },
      after: { 'app.py': lines('from flask import Flask', 'app = Flask(__name__)', 'app.add_url_rule("/", "index", index)') },
      findings: [{ line: 3, messageId: 'routeRemoved', data: { route: '/ping' } }],
    },
    {
      name: 'blueprint readiness subpath removed',
      before: { 'views.py': lines('from flask import Blueprint', 'bp = Blueprint("ops", __name__)', '', '@bp.get("/health/ready")', 'def ready():', '    return "ok"', '', '@bp.get("/version")', 'def version():', '    return "1"') },
      after: { 'views.py': lines('from flask import Blueprint', 'bp = Blueprint("ops", __name__)', '', '@bp.get("/version")', 'def version():', '    return "1"') },
      findings: [{ line: 4, messageId: 'routeRemoved', data: { route: '/health/ready' } }],
    },
    {
      name: 'Express health route removed',
      before: { 'server.js': express(true) },
      after: { 'server.js': express(false) },
      findings: [{ line: 5, messageId: 'routeRemoved', data: { route: '/healthz' }, remediation: /```js\napp\.get\('\/healthz', \(req, res\) => \{\n {2}res\.json\(\{ status: 'ok' \}\);\n\}\);\n```/ }],
    },
    {
      name: 'health route removed while a new controller registers it for POST only',
      before: { 'src/server.ts': express(true) },
      after: { 'src/server.ts': express(false), 'src/health.controller.ts': lines("@Controller('healthz')", 'export class Health {', '  @Post()', '  ping() {}', '}') },
      findings: [{ line: 5, messageId: 'routeRemoved', data: { route: '/healthz' } }],
    },
    {
      name: 'health route removed while a controller under another prefix or an unreadable one registers @Get',
      before: { 'src/server.ts': express(true) },
      after: { 'src/server.ts': express(false), 'src/users.controller.ts': lines("@Controller('users')", 'export class Users {', "  @Get('healthz')", '  h() {}', '}', '@Controller(PREFIX)', 'export class Other {', "  @Get('healthz')", '  h() {}', '}') },
      findings: [{ line: 5, messageId: 'routeRemoved', data: { route: '/healthz' } }],
    },
    {
      name: 'Fastify readiness route removed from TypeScript',
      before: { 'src/server.ts': lines("import Fastify from 'fastify';", 'const fastify = Fastify();', "fastify.get('/readyz', async () => ({ ready: true }));", "fastify.get('/', async () => 'hi');") },
      after: { 'src/server.ts': lines("import Fastify from 'fastify';", 'const fastify = Fastify();', "fastify.get('/', async () => 'hi');") },
      findings: [{ line: 3, messageId: 'routeRemoved', data: { route: '/readyz' } }],
    },
  ],
});

/** A change set where `Dockerfile` was renamed to `docker/Dockerfile` and edited, as `git diff -M` reports it. */
function renamedChange(before: string, after: string): ChangeSet {
  const change = memoryChangeSet({ Dockerfile: before }, { Dockerfile: after });
  const file = change.files[0]!;
  file.previousPath = 'Dockerfile';
  file.path = 'docker/Dockerfile';
  file.status = 'renamed';
  return { ...change, readHead: (path) => change.readHead(path === 'docker/Dockerfile' ? 'Dockerfile' : path), readBase: (path) => change.readBase(path) };
}

describe('healthcheck-removed, beyond the table', () => {
  it('compares a renamed file with its previous path', async () => {
    const { findings } = await review(renamedChange(dockerWithHealth, dockerWithoutHealth), [check]);
    expect(findings.map((f) => `${f.path}:${f.line}:${f.baseLine}`)).toEqual(['docker/Dockerfile:1:4']);
  });

  it('carries the base line of the removed block', async () => {
    const { findings } = await review(memoryChangeSet({ 'k8s/api.yaml': deployment([...liveness, ...readiness]) }, { 'k8s/api.yaml': deployment([...readiness]) }), [check]);
    expect(findings.map((f) => f.baseLine)).toEqual([11]);
  });

  it('keeps the fingerprint when unrelated lines move the finding', async () => {
    const first = await review(memoryChangeSet({ 'docker-compose.yml': composeBase }, { 'docker-compose.yml': composeWebNoHealth }), [check]);
    const second = await review(memoryChangeSet({ 'docker-compose.yml': `# dev stack\n${composeBase}` }, { 'docker-compose.yml': `# dev stack\n${composeWebNoHealth}` }), [check]);
    expect(second.findings[0]!.line).toBe(first.findings[0]!.line + 1);
    expect(second.findings[0]!.fingerprint).toBe(first.findings[0]!.fingerprint);
  });

  it('reports unparseable YAML as an error instead of throwing', async () => {
    const result = await review(memoryChangeSet({ 'k8s/api.yaml': deployment([...liveness]) }, { 'k8s/api.yaml': 'kind: Deployment\nspec: [unclosed\n' }), [check]);
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([{ path: 'k8s/api.yaml', message: expect.stringMatching(/^not valid YAML \(line \d+: .*\): healthcheck-removed/) }]);
  });

  it('reports an unparseable compose file as an error', async () => {
    const result = await review(memoryChangeSet({ 'compose.yaml': composeBase }, { 'compose.yaml': 'services:\n  web: {\n' }), [check]);
    expect(result.errors.map((e) => e.path)).toEqual(['compose.yaml']);
  });

  it('reports Python it cannot parse as an error and no finding', async () => {
    const result = await review(memoryChangeSet({ 'app.py': flaskApp(true) }, { 'app.py': `${flaskApp(false)}def broken(:\n` }), [check]);
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([{ path: 'app.py', message: expect.stringMatching(/^Python syntax error near line \d+/) }]);
  });

  it('reports a Dockerfile without FROM as an error', async () => {
    const result = await review(memoryChangeSet({ Dockerfile: dockerWithHealth }, { Dockerfile: 'RUN echo hi\n' }), [check]);
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => e.path)).toEqual(['Dockerfile']);
  });
});
