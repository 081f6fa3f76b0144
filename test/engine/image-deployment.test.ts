// Findings about the image a Dockerfile builds are reported only where the repository shows that image ships.
import { describe, expect, it } from 'vitest';
import containerRootUser from '../../checks/container-root-user.js';
import healthcheckMissing from '../../checks/healthcheck-missing.js';
import unpinnedDependency from '../../checks/unpinned-dependency.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { lineNames } from '../../src/engine/image-deployment.js';
import { review } from '../../src/engine/review.js';

const server = 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n';
const workflow = (steps: string) => `name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

/** Findings of container-root-user on `dockerfile`, added with `server` to a repository that holds `tree` unchanged. */
async function rootFindings(tree: Tree, dockerfile: string): Promise<string[]> {
  const result = await review(memoryChangeSet(tree, { ...tree, [dockerfile]: server }), [containerRootUser]);
  return result.findings.map((f) => f.message);
}

describe('lineNames', () => {
  it('finds a path or folder written as it is, with ./ or a trailing slash', () => {
    expect(lineNames('          file: ./api/Dockerfile', 'api/Dockerfile')).toBe(true);
    expect(lineNames('docker build -t acme/api api/', 'api')).toBe(true);
    expect(lineNames('docker build -t acme/api apiserver', 'api')).toBe(false);
    expect(lineNames('docker build -f services/api/Dockerfile.prod .', 'services/api/Dockerfile')).toBe(false);
  });

  it('reads a template expression as one folder name, when something besides it is written', () => {
    expect(lineNames('          context: services/${{ matrix.service }}', 'services/api')).toBe(true);
    expect(lineNames('docker build -f ./$SERVICE/Dockerfile .', 'worker/Dockerfile')).toBe(true);
    expect(lineNames('docker build -f ./$SERVICE/Dockerfile .', 'apps/worker/Dockerfile')).toBe(false);
    expect(lineNames('          context: ${{ matrix.context }}', 'api')).toBe(false);
  });
});

describe('an image reported only where it ships', () => {
  it('is not reported when nothing builds a Dockerfile below the root, nor for a variant at the root', async () => {
    expect(await rootFindings({ 'README.md': '# Acme\n' }, 'emulator/Dockerfile')).toEqual([]);
    expect(await rootFindings({ 'README.md': '# Acme\n' }, 'Dockerfile.awslocal')).toEqual([]);
    // A workflow that only names the path to trigger on, or lints it, builds nothing.
    const triggers = `name: lint\non:\n  push:\n    paths:\n      - 'emulator/Dockerfile'\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: hadolint emulator/Dockerfile\n`;
    expect(await rootFindings({ '.github/workflows/lint.yml': triggers }, 'emulator/Dockerfile')).toEqual([]);
  });

  it("is reported where the configuration's roles.production names the Dockerfile", async () => {
    const change = memoryChangeSet({}, { 'emulator/Dockerfile': server });
    const { findings } = await review(change, [containerRootUser], { roles: { production: ['emulator/**'] } });
    expect(findings.map((f) => f.path)).toEqual(['emulator/Dockerfile']);
  });

  it('is reported for the root Dockerfile, a production name and a deployment folder, saying so', async () => {
    expect(await rootFindings({}, 'Dockerfile')).toEqual([expect.stringMatching(/Reported because its image ships: it is the root Dockerfile/)]);
    expect(await rootFindings({}, 'Dockerfile.prod')).toEqual([expect.stringMatching(/Reported because its image ships: .*prod/)]);
    expect(await rootFindings({}, 'deploy/api/Dockerfile')).toEqual([expect.stringMatching(/Reported because its image ships: the path is under `deploy\/`/)]);
  });

  it('is reported when a workflow builds it by path, by folder or through a matrix', async () => {
    const byFile = workflow('      - uses: docker/build-push-action@v6\n        with:\n          file: ./api/Dockerfile\n          push: true\n');
    expect(await rootFindings({ '.github/workflows/release.yml': byFile }, 'api/Dockerfile')).toEqual([expect.stringMatching(/Reported because its image ships: `\.github\/workflows\/release\.yml` builds it \(`file: \.\/api\/Dockerfile`\)/)]);
    const byFolder = workflow('      - run: docker build -t ghcr.io/acme/worker worker && docker push ghcr.io/acme/worker\n');
    expect(await rootFindings({ '.github/workflows/release.yml': byFolder }, 'worker/Dockerfile')).toHaveLength(1);
    const matrix = workflow('      - uses: docker/build-push-action@v6\n        with:\n          context: services/${{ matrix.service }}\n');
    expect(await rootFindings({ '.github/workflows/release.yml': matrix }, 'services/billing/Dockerfile')).toHaveLength(1);
  });

  it('is reported when a task runner of its folder, a hosting platform file beside it, or a bake file builds it', async () => {
    expect(await rootFindings({ 'api/Makefile': 'image:\n\tdocker build -t acme/api .\n' }, 'api/Dockerfile')).toHaveLength(1);
    expect(await rootFindings({ 'api/fly.toml': 'app = "acme-api"\n' }, 'api/Dockerfile')).toEqual([expect.stringMatching(/`api\/fly\.toml` deploys its folder/)]);
    expect(await rootFindings({ 'docker-bake.hcl': 'target "api" {\n  context = "api"\n  dockerfile = "Dockerfile"\n}\n' }, 'api/Dockerfile')).toHaveLength(1);
  });

  it('is reported when a compose file run as a deployment builds it, not when only a local stack does', async () => {
    const compose = 'services:\n  api:\n    build: ./api\n    ports:\n      - "3000:3000"\n';
    expect(await rootFindings({ 'docker-compose.yml': compose, 'README.md': '# Acme\n\n## Installation\n\n    docker compose up -d\n' }, 'api/Dockerfile')).toEqual([expect.stringMatching(/`docker-compose\.yml` builds it, and `README\.md` starts it under “Installation”/)]);
    expect(await rootFindings({ 'docker-compose.yml': compose, 'README.md': '# Acme\n\n## Local development\n\n    docker compose up\n' }, 'api/Dockerfile')).toEqual([]);
    expect(await rootFindings({ 'docker-compose.prod.yml': compose }, 'api/Dockerfile')).toHaveLength(1);
  });

  it('asks the same of healthcheck-missing, not of an unpinned base image, and leaves a compose file alone', async () => {
    // An unpinned base is reported wherever the image is built: on the labelled repositories, images published from
    // outside the repository (Docker Hub automated builds) were as often right as the rest.
    const tree: Tree = { 'emulator/Dockerfile': 'FROM fsouza/fake-gcs-server\nEXPOSE 4443\nCMD ["/bin/fake-gcs-server"]\n', 'compose/docker-compose.prod.yml': 'services:\n  db:\n    image: postgres\n' };
    const found = await review(memoryChangeSet({}, tree), [containerRootUser, healthcheckMissing, unpinnedDependency]);
    expect(found.findings.map((f) => `${f.checkId} ${f.path}`)).toEqual(['unpinned-dependency compose/docker-compose.prod.yml', 'unpinned-dependency emulator/Dockerfile']);
  });
});
