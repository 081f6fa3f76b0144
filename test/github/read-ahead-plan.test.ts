// What the App's read-ahead plans for unpinned-dependency's look-ups: npm lockfiles only when a package.json
// gains an open version, and the workflows folder when an existing workflow gains an action it did not name.
import { describe, expect, test } from 'vitest';
import { planReads } from '../../src/github/read-ahead.js';
import type { ChangedFile } from '../../src/model/change-set.js';

const file = (path: string, status: ChangedFile['status'], added: string[], removed: string[] = []): ChangedFile => ({
  path,
  status,
  binary: false,
  hunks: [],
  added: added.map((text, i) => ({ line: i + 1, text })),
  removed: removed.map((text, i) => ({ line: i + 1, text })),
});

describe('read-ahead plan for unpinned-dependency', () => {
  test.each([
    ['a dist-tag', '    "left-pad": "latest",', true],
    ['a star', '    "left-pad": "*",', true],
    ['an open range', '    "left-pad": ">=1.0.0",', true],
    ['a caret range', '    "left-pad": "^1.3.0",', false],
    ['a script that reads as a tag', '    "build": "tsc",', false],
  ])('package.json gaining %s: lockfiles beside and above planned = %s', (_name, line, planned) => {
    const plan = planReads([file('apps/web/package.json', 'modified', [line])]);
    const locks = ['apps/web/package-lock.json', 'apps/yarn.lock', 'pnpm-lock.yaml'];
    for (const lock of locks) expect(plan.head.includes(lock), lock).toBe(planned);
  });

  test('an existing workflow gaining a third-party action it did not name lists the workflows folder', () => {
    const plan = planReads([file('.github/workflows/docker.yml', 'modified', ['        uses: tool-org/rust-toolchain@master'])]);
    expect(plan.lists).toEqual(['.github/workflows']);
  });

  test('a bump of an action the workflow already named lists nothing', () => {
    const plan = planReads([file('.github/workflows/docker.yml', 'modified', ['      - uses: docker/login-action@v4'], ['      - uses: docker/login-action@v3'])]);
    expect(plan.lists).toEqual([]);
  });
});

describe('read-ahead plan for file roles', () => {
  test("a compose file in a folder has that folder's READMEs read with it (a local-run heading there makes it the local stack)", () => {
    const plan = planReads([file('services/web/docker-compose.yml', 'added', ['services:', '  web:', '    build: .'])]);
    expect(plan.head).toEqual(expect.arrayContaining(['services/web/README.md', 'services/web/readme.md']));
  });

  test("a script in a folder has the package.json of each folder above it read (a workspace package's manifest gives its files their role), never the root's", () => {
    const plan = planReads([file('packages/proto/src/dev.ts', 'added', ['export const x = 1;'])], { roles: true });
    expect(plan.head).toEqual(expect.arrayContaining(['packages/proto/src/package.json', 'packages/proto/package.json', 'packages/package.json']));
    expect(plan.head).not.toContain('package.json');
  });

  test('a compose file has the READMEs of every folder above it read (one may run it over the deployed compose file)', () => {
    const plan = planReads([file('deploy/local/docker-compose.override.yml', 'added', ['services:'])]);
    expect(plan.head).toEqual(expect.arrayContaining(['deploy/README.md', 'README.md', 'deploy/readme.md']));
  });

  test('a Dockerfile in a folder does not', () => {
    const plan = planReads([file('services/web/Dockerfile', 'added', ['FROM node:22'])]);
    expect(plan.head).not.toContain('services/web/README.md');
  });
});

describe('read-ahead plan for container-root-user', () => {
  test('a new Dockerfile with no non-root USER lists its folder (a rootless twin beside it makes it a deliberate variant)', () => {
    // The workflows too: nothing in its path shows the image ships (image-deployment.ts).
    expect(planReads([file('images/api/Dockerfile', 'added', ['FROM node:22', 'USER root'])]).lists).toEqual(['.github/workflows', 'images/api']);
    expect(planReads([file('deploy/api/Dockerfile', 'added', ['FROM node:22', 'USER root'])]).lists).toEqual(['deploy/api']);
  });

  test('a new Dockerfile that sets a non-root USER does not', () => {
    expect(planReads([file('deploy/api/Dockerfile', 'added', ['FROM node:22', 'USER node'])]).lists).toEqual([]);
    expect(planReads([file('images/api/Dockerfile', 'added', ['FROM node:22', 'USER node'])]).lists).toEqual(['.github/workflows']);
  });

  test('an edited Dockerfile that gains no base, user or start command lists no workflows', () => {
    expect(planReads([file('images/api/Dockerfile', 'modified', ['EXPOSE 8080'])]).lists).toEqual([]);
    expect(planReads([file('images/api/Dockerfile', 'modified', ['FROM node:22'])]).lists).toEqual(['.github/workflows']);
  });
});

describe('read-ahead plan for healthcheck-missing', () => {
  test('a new Dockerfile.<variant> has the plain Dockerfile beside it read (a variant of an image without a HEALTHCHECK copies it)', () => {
    const plan = planReads([file('services/web/Dockerfile.rootless', 'added', ['FROM gcr.io/distroless/static'])]);
    expect(plan.head).toContain('services/web/Dockerfile');
  });

  test('an edited Dockerfile.<variant> does not', () => {
    const plan = planReads([file('services/web/Dockerfile.rootless', 'modified', ['FROM gcr.io/distroless/static'])]);
    expect(plan.head).not.toContain('services/web/Dockerfile');
  });

  test('a new Dockerfile has the platform files that may health-check it read, beside it and at the root (Railway, Fly.io)', () => {
    const plan = planReads([file('services/web/Dockerfile', 'added', ['FROM node:22'])]);
    expect(plan.head).toEqual(expect.arrayContaining(['services/web/railway.json', 'services/web/railway.toml', 'services/web/fly.toml', 'railway.json', 'railway.toml', 'fly.toml']));
  });

  test('an edited Dockerfile does not (the check judges only new ones)', () => {
    const plan = planReads([file('services/web/Dockerfile', 'modified', ['EXPOSE 8080'])]);
    expect(plan.head).not.toContain('services/web/fly.toml');
  });
});
