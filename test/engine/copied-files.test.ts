// What a copy adds: a new file copied from a file of the base tree reports only what its original did not already have.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { MAX_COPIED_FILES } from '../../src/engine/copied-files.js';
import { review } from '../../src/engine/review.js';
import type { ChangeSet } from '../../src/model/change-set.js';
import { isDockerfile } from '../../src/parse/file-kinds.js';
import { withShippedImages } from '../helpers/check-tester.js';

const deployment = (name: string, image: string, extra = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    `        image: ${image}`,
    '        ports:',
    '        - containerPort: 8080',
    '        env:',
    '        - name: PORT',
    '          value: "8080"',
    extra,
  ].join('\n');
const probes = ['        readinessProbe:', '          httpGet:', '            path: /ready', '            port: 8080'].join('\n');

// Every Dockerfile of the head tree ships (a workflow builds it), so what decides here is what the copy adds.
const reported = async (before: Tree, after: Tree) => {
  const trees = withShippedImages(before, after, Object.keys(after).filter(isDockerfile));
  return (await review(memoryChangeSet(trees.before, trees.after), checks)).findings.map((f) => `${f.checkId} ${f.path}:${f.line}`);
};
const unchanged = (tree: Tree): Tree => ({ ...tree });

describe('a file copied from the base tree', () => {
  const base: Tree = { 'kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest') };

  it('does not report what its original already had: a manifest copied into a new folder (same :latest image, no probes)', async () => {
    const after = { ...unchanged(base), 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest').replace('8080"', '8081"') };
    expect(await reported(base, after)).toEqual([]);
  });

  it('still reports everything when the whole tree is reviewed (an empty base, as with --all)', async () => {
    const after = { ...unchanged(base), 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest') };
    expect(await reported({}, after)).toEqual(expect.arrayContaining(['unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:16', 'healthcheck-missing src/monolith/kubernetes-manifests/contacts.yaml:15']));
  });

  it('reports what the copy adds: a new unpinned image in a copied manifest', async () => {
    const after = { ...unchanged(base), 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/ledger:latest') };
    expect(await reported(base, after)).toEqual(['unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:16']);
  });

  it('reports what the copy makes worse: the original has probes, the copy drops them', async () => {
    const withProbes: Tree = { 'kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:v1.2.0', probes) };
    const after = { ...unchanged(withProbes), 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:v1.2.0') };
    expect(await reported(withProbes, after)).toEqual(['healthcheck-missing src/monolith/kubernetes-manifests/contacts.yaml:15']);
  });

  it('reports a new service whose manifest only shares boilerplate with its neighbours', async () => {
    const after = { ...unchanged(base), 'kubernetes-manifests/ledger.yaml': deployment('ledger', 'gcr.io/example/ledger:latest') };
    expect(await reported(base, after)).toEqual(['healthcheck-missing kubernetes-manifests/ledger.yaml:15', 'unpinned-dependency kubernetes-manifests/ledger.yaml:16']);
  });

  it('does not report a demo pod copied beside its sibling with the same image', async () => {
    const pod = (name: string, driver: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  containers:\n  - name: ${name}\n    image: nginx\n    volumeMounts:\n    - name: data\n      mountPath: /data\n    ports:\n    - containerPort: 80\n  volumes:\n  - name: data\n    flexVolume:\n      driver: "${driver}"\n`;
    const before: Tree = { 'volumes/flexvolume/nginx-nfs.yaml': pod('nginx-nfs', 'k8s/nfs') };
    expect(await reported(before, { ...before, 'volumes/flexvolume/nginx-dummy.yaml': pod('nginx-dummy', 'k8s/dummy') })).toEqual([]);
  });

  it('finds an original elsewhere in the base tree by the copy\'s lines: a Dockerfile copied into a sibling folder its path does not name', async () => {
    // agenta: web/mobile/docker/Dockerfile.gh written from web/oss/docker/Dockerfile.gh, neither with a HEALTHCHECK.
    const web = (app: string) =>
      [
        'FROM node:22-slim AS base',
        'RUN npm install -g pnpm@10.4.1 turbo@2.3.0',
        'FROM base AS builder',
        'WORKDIR /app',
        `COPY ${app}/package.json ./${app}/package.json`,
        'RUN pnpm install --frozen-lockfile --filter "@agenta/web..."',
        `COPY ${app}/ ./${app}/`,
        `RUN /usr/local/bin/run-turbo-build.sh @agenta/${app}`,
        'FROM node:22-slim AS runner',
        'RUN groupadd --system agenta && useradd --system --gid agenta agenta',
        `COPY --chown=agenta:agenta --from=builder /app/${app}/.next/standalone /app`,
        'ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0',
        'USER agenta',
        'EXPOSE 3000',
        `CMD ["node", "${app}/server.js"]`,
        '',
      ].join('\n');
    const before: Tree = { 'web/oss/docker/Dockerfile.gh': web('oss'), 'api/Dockerfile': 'FROM python:3.12-slim\nRUN pip install --no-cache-dir uvicorn fastapi\nEXPOSE 8000\nCMD ["uvicorn", "main:app"]\n' };
    expect(await reported(before, { ...before, 'web/mobile/docker/Dockerfile.gh': web('mobile') })).toEqual([]);
    // A new image that shares a few lines with another (its runtime stage) is new.
    const api = 'FROM node:22-slim AS runner\nRUN groupadd --system agenta && useradd --system --gid agenta agenta\nCOPY dist /srv\nENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0\nUSER agenta\nEXPOSE 4000\nRUN npm install --omit=dev --prefix /srv\nCMD ["node", "/srv/index.js"]\n';
    expect(await reported(before, { ...before, 'services/gateway/Dockerfile': api })).toEqual(['healthcheck-missing services/gateway/Dockerfile:1']);
  });

  it('finds an original elsewhere in the base tree by the copy\'s lines: a compose file a tool syncs into another folder', async () => {
    // onyx: cli/internal/deploy/deployfiles/embedded/docker_compose/docker-compose.prod.yml is deployment/docker_compose/docker-compose.prod.yml.
    const compose = [
      'services:',
      '  api_server:',
      '    image: onyxdotapp/onyx-backend:${IMAGE_TAG:-latest}',
      '    command: ["/bin/sh", "-c", "alembic upgrade head && uvicorn onyx.main:app"]',
      '    restart: unless-stopped',
      '    env_file:',
      '      - path: .env',
      '        required: false',
      '  cache:',
      '    image: redis:7.4-alpine',
      '    restart: unless-stopped',
      '    command: redis-server --save "" --appendonly no',
      '',
    ].join('\n');
    const before: Tree = { 'deployment/docker_compose/docker-compose.prod.yml': compose, 'cli/embedded/docker_compose/README.md': 'synced by tools/sync\n' };
    expect(await reported(before, { ...before, 'cli/embedded/docker_compose/docker-compose.prod.yml': compose })).toEqual([]);
    // A compose file of its own that shares only the cache service with it is new.
    const own = compose.replace(/ {2}api_server:[\s\S]*?(?= {2}cache:)/, '  worker:\n    image: acme/worker:latest\n    command: ["celery", "-A", "acme.tasks", "worker", "--loglevel=info"]\n    depends_on:\n      - cache\n    deploy:\n      replicas: 2\n');
    expect(await reported(before, { ...before, 'tools/docker-compose.prod.yml': own })).toContain('unpinned-dependency tools/docker-compose.prod.yml:3');
  });

  it('finds an original of another name by its lines; a new image that only repeats one of its stages is its own', async () => {
    // mealie: docker/omni.Dockerfile is the root Dockerfile with a frontend stage added: its untagged crfpp stage is the root's.
    const root = 'FROM python:3.12-slim AS base\nRUN pip install --no-cache-dir poetry==1.8.3\nFROM hkotel/crfpp as crfpp\nRUN echo "crfpp-container"\nFROM base AS production\nCOPY --from=crfpp /usr/local/lib/ /usr/local/lib\nCOPY --from=crfpp /usr/local/bin/crf_test /usr/local/bin/crf_test\nUSER app\nHEALTHCHECK CMD curl -f http://localhost:9000/api/app/about\nCMD ["/app/run.sh"]\n';
    const before: Tree = { 'api/Dockerfile': root };
    const omni = root.replace('FROM base AS production', 'FROM node:20 AS frontend\nRUN yarn build\nFROM base AS production\nCOPY --from=frontend /app/dist /spa');
    expect(await reported(before, { ...before, 'docker/omni.Dockerfile': omni })).toEqual([]);
    // The same stage in an image mostly its own: the untagged image is new there.
    const own = 'FROM hkotel/crfpp as crfpp\nRUN echo "crfpp-container"\nFROM node:20-slim\nRUN npm install -g pnpm@10.4.1 tsx@4.19.2\nCOPY --from=crfpp /usr/local/lib/ /usr/local/lib\nCOPY package.json pnpm-lock.yaml /srv/\nRUN pnpm install --prod --dir /srv\nCOPY src /srv/src\nUSER node\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/\nCMD ["tsx", "/srv/src/index.ts"]\n';
    expect(await reported(before, { ...before, 'tools/parser.Dockerfile': own })).toEqual(['unpinned-dependency tools/parser.Dockerfile:1']);
  });

  it('does not report a Dockerfile copied into a new folder that runs as root like its original', async () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n';
    const before: Tree = { 'services/api/Dockerfile': dockerfile };
    expect(await reported(before, { ...before, 'monolith/services/api/Dockerfile': dockerfile.replace('8000', '8080') })).toEqual([]);
    expect(await reported({}, { 'monolith/services/api/Dockerfile': dockerfile })).toContain('container-root-user monolith/services/api/Dockerfile:1');
  });

  it('reports a new image written from half of a bigger neighbour (another start command) as a new image', async () => {
    const packages = Array.from({ length: 12 }, (_, i) => `      lib${i}-dev \\`).join('\n');
    const exporter = `FROM ubuntu:24.04\nENV LANG=C.UTF-8\nRUN apt-get update && apt-get install -y \\\n${packages}\n      curl\nWORKDIR /opt/app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nEXPOSE 6061\nCMD ["node", "exporter.js"]\n`;
    const before: Tree = { 'docker/images/Dockerfile.exporter': exporter };
    const mcp = 'FROM ubuntu:24.04\nENV LANG=C.UTF-8\nWORKDIR /opt/app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nEXPOSE 4401\nCMD ["node", "index.js", "--multi-user"]\n';
    expect(await reported(before, { ...before, 'docker/images/Dockerfile.mcp': mcp })).toContain('healthcheck-missing docker/images/Dockerfile.mcp:1');
  });

  it('reports a Dockerfile.prod copied from the Dockerfile beside it: that one becomes the development file, the copy is new to production', async () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n';
    const before: Tree = { 'app/Dockerfile': dockerfile };
    expect(await reported(before, { ...before, 'app/Dockerfile.prod': dockerfile.replace('8000', '8080') })).toContain('container-root-user app/Dockerfile.prod:1');
  });

  // A new version's folder generated from the same template as the previous version's (`34/apache` beside `33/apache`).
  const versioned = (version: string, extra = '') =>
    `FROM php:8.3-apache\nENV NEXTCLOUD_VERSION ${version}.0.0\nRUN apt-get update && apt-get install -y rsync bzip2\nRUN docker-php-ext-install pdo_mysql zip\nVOLUME /var/www/html\nCOPY entrypoint.sh /\n${extra}ENTRYPOINT ["/entrypoint.sh"]\nCMD ["apache2-foreground"]\n`;

  it('does not report a new version folder generated like the previous version: its Dockerfile lacks a healthcheck as the previous one does', async () => {
    const before: Tree = { '33/apache/Dockerfile': versioned('33'), '32/apache/Dockerfile': versioned('32') };
    expect(await reported(before, { ...before, '34/apache/Dockerfile': versioned('34') })).not.toContain('healthcheck-missing 34/apache/Dockerfile:1');
    expect(await reported({}, { '34/apache/Dockerfile': versioned('34') })).toContain('healthcheck-missing 34/apache/Dockerfile:1');
  });

  it('looks for the previous version under dotted and v-prefixed version folders too', async () => {
    const before: Tree = { 'images/v1/Dockerfile': versioned('1'), 'py/3.11/Dockerfile': versioned('3') };
    const after = { ...before, 'images/v2/Dockerfile': versioned('2'), 'py/3.12/Dockerfile': versioned('3') };
    expect((await reported(before, after)).filter((f) => f.startsWith('healthcheck-missing'))).toEqual([]);
  });

  it('reports a new version folder whose Dockerfile differs from the previous version by more than half its lines: it is a new image', async () => {
    const before: Tree = { '33/apache/Dockerfile': versioned('33') };
    const rewritten = 'FROM nginx:1.27\nRUN apk add --no-cache php83 php83-fpm\nCOPY site.conf /etc/nginx/conf.d/\nCOPY entrypoint.sh /\nEXPOSE 8080\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n';
    expect(await reported(before, { ...before, '34/apache/Dockerfile': rewritten })).toContain('healthcheck-missing 34/apache/Dockerfile:1');
  });

  // zabbix-docker: `server-pgsql/rhel/` written from `server-mysql/rhel/`, the database words swapped.
  const flavoured = (db: string, extra = '') =>
    `FROM registry.access.redhat.com/ubi9/ubi-minimal:9.3\nLABEL name="zabbix-server-${db}"\nRUN microdnf install -y ${db}-libs fping\nCOPY docker-entrypoint.sh /usr/bin/\nEXPOSE 10051/TCP\nWORKDIR /var/lib/zabbix\n${extra}ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/usr/sbin/zabbix_server", "--foreground"]\n`;

  it('does not report a new flavour of an image written from its sibling folder (another database or distribution word): it lacks a healthcheck as the sibling does', async () => {
    const before: Tree = { 'Dockerfiles/server-mysql/rhel/Dockerfile': flavoured('mysql') };
    expect(await reported(before, { ...before, 'Dockerfiles/server-pgsql/rhel/Dockerfile': flavoured('pgsql') })).not.toContain('healthcheck-missing Dockerfiles/server-pgsql/rhel/Dockerfile:1');
    // Another component's folder is no flavour of it, and its image (its own packages and start command) is no copy either.
    const proxy = 'FROM alpine:3.20\nLABEL name="zabbix-proxy-mysql"\nRUN apk add --no-cache mysql-client fping net-snmp-tools\nCOPY proxy-entrypoint.sh /usr/bin/\nEXPOSE 10051/TCP\nENTRYPOINT ["proxy-entrypoint.sh"]\nCMD ["/usr/sbin/zabbix_proxy", "--foreground"]\n';
    expect(await reported({ 'Dockerfiles/proxy-mysql/rhel/Dockerfile': proxy }, { 'Dockerfiles/proxy-mysql/rhel/Dockerfile': proxy, 'Dockerfiles/server-pgsql/rhel/Dockerfile': flavoured('pgsql') })).toContain('healthcheck-missing Dockerfiles/server-pgsql/rhel/Dockerfile:1');
  });

  it('reports a new flavour that drops the healthcheck its sibling folder has', async () => {
    const before: Tree = { 'Dockerfiles/server-mysql/rhel/Dockerfile': flavoured('mysql', 'HEALTHCHECK CMD zabbix_server -R ping\n') };
    expect(await reported(before, { ...before, 'Dockerfiles/server-pgsql/rhel/Dockerfile': flavoured('pgsql') })).toContain('healthcheck-missing Dockerfiles/server-pgsql/rhel/Dockerfile:1');
  });

  it('reports what the new version makes worse: the previous version has a healthcheck, the new one drops it', async () => {
    const before: Tree = { '33/apache/Dockerfile': versioned('33', 'HEALTHCHECK CMD curl -f http://localhost/status.php || exit 1\n') };
    expect(await reported(before, { ...before, '34/apache/Dockerfile': versioned('34') })).toContain('healthcheck-missing 34/apache/Dockerfile:1');
  });

  // Built from pieces so the file holds no credential-shaped literal.
  const token = ['ghp', '_', 'R4nd0mL00k1ng', 'T0k3nV4lu3', 'Abc123XyZ9'].join('');
  const config = (value: string) => `service:\n  name: notifier\n  region: eu-west-1\n  queue: notifications\n  retries: 5\n  github_token: ${value}\n`;

  it('does not report a secret copied from production configuration to another production file: it was already committed', async () => {
    const before: Tree = { 'config/notifier.yaml': config(token) };
    expect(await reported(before, { ...before, 'deploy/config/notifier.yaml': config(token) })).toEqual([]);
  });

  it('reports a secret copied from an example file into production configuration: production now runs with it', async () => {
    const before: Tree = { 'config/notifier.example.yaml': config(token) };
    expect(await reported(before, { ...before, 'config/notifier.yaml': config(token) })).toContain('secrets config/notifier.yaml:6');
  });

  // cert-manager 3405edf821: the Pebble chart of devel/addon/ copied as it is to make/config/ for the new e2e targets.
  it('does not report a secret in a file copied as it is, under the same name, between files whose roles agree although their folder names do not', async () => {
    const chart = 'apiVersion: v2\nname: notifier\nversion: 0.1.0\n';
    const before: Tree = { 'devel/addon/notifier/chart/Chart.yaml': chart, 'devel/addon/notifier/chart/templates/config.yaml': config(token) };
    expect(await reported(before, { ...before, 'make/config/notifier/chart/Chart.yaml': chart, 'make/config/notifier/chart/templates/config.yaml': config(token) })).toEqual([]);
  });

  it('reports a secret in a file copied as it is from an example into production configuration: production now runs with it', async () => {
    const before: Tree = { 'examples/notifier/config.yaml': config(token) };
    expect(await reported(before, { ...before, 'deploy/notifier/config.yaml': config(token) })).toContain('secrets deploy/notifier/config.yaml:6');
  });

  it('compares a bounded number of files with the base, and reports the findings of the others', async () => {
    const before: Tree = {};
    const after: Tree = {};
    for (let i = 0; i < 60; i++) {
      before[`svc${i}/deploy.yaml`] = deployment(`svc${i}`, `gcr.io/example/svc${i}:latest`);
      after[`svc${i}/deploy.yaml`] = before[`svc${i}/deploy.yaml`]!;
      after[`copy/svc${i}/deploy.yaml`] = before[`svc${i}/deploy.yaml`]!;
    }
    const change = memoryChangeSet(before, after);
    const copies = new Set<string>();
    const counted: ChangeSet = { ...change, readBase: (p) => (/^svc\d+\/deploy\.yaml$/.test(p) && copies.add(p), change.readBase(p)) };
    const { findings } = await review(counted, checks);
    expect(copies.size).toBe(MAX_COPIED_FILES);
    expect(new Set(findings.map((f) => f.path)).size).toBe(60 - MAX_COPIED_FILES);
  });
});
