// File roles: one notion of what a file is for, from configuration, names, neighbours and comments.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { createCheckContext } from '../../src/engine/check-context.js';
import { developmentComment, developmentEnvFile, developmentService, repositoryForDevelopment, roleFromName, samplesNotForProduction } from '../../src/engine/file-role.js';
import { review } from '../../src/engine/review.js';
import containerRootUser from '../../checks/container-root-user.js';
import type { FileRole, RoleGlobs } from '../../src/model/file-role.js';

async function roleOf(tree: Tree, path: string, roles?: RoleGlobs): Promise<FileRole> {
  const ctx = createCheckContext(memoryChangeSet({}, tree), roles ? { roles } : {});
  try {
    return (await ctx.role(path)).role;
  } finally {
    ctx.dispose();
  }
}

describe('roleFromName', () => {
  const cases: [string, FileRole | undefined][] = [
    ['Dockerfile', undefined],
    ['deploy/docker-compose.prod.yml', undefined],
    ['src/app/settings.py', undefined],
    ['docker-compose.dev.yml', 'development'],
    ['compose.override.yaml', 'development'],
    ['src/cartservice/src/Dockerfile.debug', 'development'],
    ['nginx-flask-mysql/dev-envs/Dockerfile', 'development'],
    ['react-express/.docker/docker-compose.yaml', 'development'],
    ['.devcontainer/Dockerfile', 'development'],
    ['tests/docker-compose.yml', 'test'],
    ['test/.env.test', 'test'],
    ['src/__tests__/app.test.ts', 'test'],
    ['app/conftest.py', 'test'],
    ['frontend/Dockerfile.playwright', undefined],
    ['examples/flask/app.py', 'example'],
    ['sample/docker-compose.yml', 'example'],
    ['docs/install/docker/plain/docker-compose.yml', 'example'],
    ['_archived/old-stack/docker-compose.yml', 'archived'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.ci/compose.cypress.yaml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['docker-compose.ci.yml', 'ci'],
    ['openapi.spec.yaml', undefined],
    ['scripts/test-environments/postgres/compose.yml', 'test'],
    ['docker/Dockerfile.j2', 'example'],
    ['app/src/UserServiceTest.kt', 'test'],
    ['app/src/Latest.java', undefined],
    ['lib/user_spec.rb', 'test'],
    ['api/recordings/login.har', 'test'],
    ['web/__snapshots__/page.tsx.snap', 'test'],
    ['legacy/old/docker-compose.yml', 'archived'],
    ['localstack/docker-compose.yml', undefined],
  ];
  for (const [path, role] of cases) it(`${path} -> ${role ?? 'nothing said'}`, () => expect(roleFromName(path)?.role).toBe(role));
});

describe('roles from neighbours, comments and configuration', () => {
  it('a plain docker-compose.yml beside a production or stack file is the development setup', async () => {
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.prod.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'docker-stack.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'app/compose.yaml': 'services: {}\n', 'app/compose.production.yaml': 'services: {}\n' }, 'app/compose.yaml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'other/docker-compose.prod.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a Dockerfile beside Dockerfile.prod is the development image', async () => {
    expect(await roleOf({ Dockerfile: 'FROM x\n', 'Dockerfile.prod': 'FROM x\n' }, 'Dockerfile')).toBe('development');
    expect(await roleOf({ Dockerfile: 'FROM x\n', 'Dockerfile.prod': 'FROM x\n' }, 'Dockerfile.prod')).toBe('production');
  });

  it('Django base settings that production.py builds on', async () => {
    const tree = { 'proj/settings/base.py': 'DEBUG = True\n', 'proj/settings/production.py': 'from .base import *\nDEBUG = False\n' };
    expect(await roleOf(tree, 'proj/settings/base.py')).toBe('development');
    expect(await roleOf(tree, 'proj/settings/production.py')).toBe('production');
    expect(await roleOf({ 'proj/settings/base.py': 'DEBUG = True\n' }, 'proj/settings/base.py')).toBe('production');
    expect(await roleOf({ 'proj/settings/dev.py': 'DEBUG = True\n' }, 'proj/settings/dev.py')).toBe('development');
  });

  it('a comment that says the file is for local development', async () => {
    expect(await roleOf({ 'docker-compose.yml': '# For local development only\nservices: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': 'services:\n  web:\n    # uncomment for local development\n    image: x\n' }, 'docker-compose.yml')).toBe('production');
    expect(developmentComment('# Do not use this file in production\n')).toBe('Do not use this file in production');
    expect(developmentComment('# production stack\n')).toBeUndefined();
  });

  it('a repository whose README says its samples are not for production: every file is an example', async () => {
    const readme = '# Samples\n\n> The following samples are intended for local development. These samples must not be deployed in production environments.\n';
    expect(await roleOf({ 'README.md': readme, 'flask/app.py': 'x = 1\n' }, 'flask/app.py')).toBe('example');
    expect(await roleOf({ 'README.md': readme, 'flask/app.py': 'x = 1\n' }, 'flask/app.py', { production: ['flask/**'] })).toBe('production');
    expect(samplesNotForProduction('All of these examples are **not** meant for production use.')).toMatch(/examples/);
    // A README that speaks of one example, or of production in another sentence, says nothing of the repository.
    expect(samplesNotForProduction('The example compose file should not be used in production; see docs/deploy.md.')).toBeUndefined();
    expect(samplesNotForProduction('See these examples. Run it in production with the Helm chart.')).toBeUndefined();
    expect(await roleOf({ 'README.md': '# App\nDeploy to production with compose.\n', 'app.py': 'x = 1\n' }, 'app.py')).toBe('production');
    // A README that opens by calling the repository a collection of samples; not a product that mentions its examples later.
    expect(samplesNotForProduction('# Stacks\n\n> A curated list of Docker Compose samples.\n\nThese samples show how to wire services.\n')).toBe('A curated list of Docker Compose samples');
    expect(samplesNotForProduction('# Shop\n\nA collection of services that run the shop.\n')).toBeUndefined();
    expect(samplesNotForProduction(`# Shop\n\n${'The shop in production. '.repeat(40)}\nA collection of examples lives in examples/.\n`)).toBeUndefined();
  });

  it('a repository whose README says the repository is for local development only', async () => {
    const readme = '# Platform\n\nRun all services from one repository.\n\n*Keep in mind this repository is for local development only and is not meant to be deployed in any production environment!*\n';
    expect(await roleOf({ 'README.md': readme, 'docker-compose.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(repositoryForDevelopment('Note: this repo is not intended for production use.')).toMatch(/not intended for production/);
    // A branch or a file of the repository being for development says nothing of the repository.
    expect(repositoryForDevelopment('The main branch of this repository is for development only; install a release.')).toBeUndefined();
    expect(repositoryForDevelopment('The docker-compose.yml in this repository is for local development only.')).toBeUndefined();
    expect(repositoryForDevelopment('This repository is the production deployment of the shop.')).toBeUndefined();
  });

  it('a compose file whose services load a development env file is the development stack', async () => {
    expect(await roleOf({ 'deploy/docker-compose.yml': 'services:\n  web:\n    image: x\n    env_file:\n      - ./dev.env\n' }, 'deploy/docker-compose.yml')).toBe('development');
    expect(developmentEnvFile('services:\n  web:\n    env_file: .env.local\n')).toBe('.env.local');
    expect(developmentEnvFile('services:\n  web:\n    env_file:\n      - path: ./config/.env.development\n        required: false\n')).toBe('./config/.env.development');
    expect(developmentEnvFile('services:\n  web:\n    env_file:\n      - .env\n      - prod.env\n')).toBeUndefined();
    expect(await roleOf({ 'docker-compose.yml': 'services:\n  web:\n    env_file: .env\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('configured globs win, production first', async () => {
    const tree = { 'docker-compose.yml': 'services: {}\n', 'docker-compose.prod.yml': 'services: {}\n', 'deploy/Dockerfile.dev': 'FROM x\n' };
    expect(await roleOf(tree, 'docker-compose.yml', { production: ['docker-compose.yml'] })).toBe('production');
    expect(await roleOf(tree, 'deploy/Dockerfile.dev', { production: ['deploy/**'] })).toBe('production');
    expect(await roleOf(tree, 'Dockerfile', { archived: ['Dockerfile'] })).toBe('archived');
  });

  it('compose services behind a development profile or building a dev stage', () => {
    expect(developmentService(['debug'], undefined)).toMatch(/debug/);
    expect(developmentService([], 'dev')).toMatch(/dev/);
    expect(developmentService(['prod'], 'runtime')).toBeUndefined();
  });
});

describe('role-limited checks', () => {
  it('do not report development files and say why a production file was reported', async () => {
    const dockerfile = 'FROM python:3.12\nCMD ["gunicorn", "app:app"]\n';
    const dev = await review(memoryChangeSet({ 'Dockerfile.prod': 'FROM python:3.12\nUSER app\n' }, { 'Dockerfile.prod': 'FROM python:3.12\nUSER app\n', Dockerfile: dockerfile }), [containerRootUser]);
    expect(dev.findings).toEqual([]);
    const prod = await review(memoryChangeSet({}, { Dockerfile: dockerfile }), [containerRootUser]);
    expect(prod.findings.map((f) => f.messageId)).toEqual(['noUser']);
    expect(prod.findings[0]!.message).toMatch(/Reported because this file looks like production configuration: nothing in its name/);
  });
});
