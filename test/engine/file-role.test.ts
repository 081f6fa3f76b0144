// File roles: one notion of what a file is for, from configuration, names, neighbours and comments.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { createCheckContext } from '../../src/engine/check-context.js';
import { declaredEnvironment, deployedCompose, deploymentComment, developmentBuild, developmentComment, developmentEnvFile, developmentImage, developmentProfileStack, developmentService, downloadedAs, nonProductionStack, repositoryForDevelopment, roleFromName, samplesNotForProduction, sourceMountedStack } from '../../src/engine/file-role.js';
import { parseDockerfile } from '../../src/parse/dockerfile.js';
import { parseYaml } from '../../src/parse/yaml.js';
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
    // lowcoder d17b3382d0aa: `override.env`, loaded after `default.env`, holds a deployment's own settings.
    ['deploy/docker/override.env', undefined],
    ['.env.override', undefined],
    ['src/cartservice/src/Dockerfile.debug', 'development'],
    ['nginx-flask-mysql/dev-envs/Dockerfile', 'development'],
    ['react-express/.docker/docker-compose.yaml', 'development'],
    ['.devcontainer/Dockerfile', 'development'],
    // Cloud development environments build a workspace image for a person or a coding agent, never a deployment.
    ['.cursor/Dockerfile', 'development'],
    ['.codesandbox/Dockerfile', 'development'],
    ['.gitpod/Dockerfile', 'development'],
    // Sentry's devservices tool: `devservices/config.yml` starts a service's local development dependencies.
    ['devservices/config.yml', 'development'],
    // Go and Kubernetes projects keep a developer's scripts and stacks in `hack/` (cerbos' load-test harness).
    ['hack/loadtest/docker-compose.yml', 'development'],
    ['hack/Dockerfile', 'development'],
    ['.gitpod.Dockerfile', 'development'],
    ['cursor/Dockerfile', undefined],
    ['services/gitpodder/Dockerfile', undefined],
    ['tests/docker-compose.yml', 'test'],
    ['test/.env.test', 'test'],
    ['src/__tests__/app.test.ts', 'test'],
    ['app/conftest.py', 'test'],
    // Test runners' configuration sets the environment the tests run in (PHPUnit's `<env name="DB_PASSWORD" …>`).
    ['phpunit.xml', 'test'],
    ['phpunit.xml.dist', 'test'],
    ['playwright.config.ts', 'test'],
    ['apps/web/vitest.config.e2e.ts', 'test'],
    ['jest.config.js', 'test'],
    // Benchmark and lint harnesses (sequin's config/bench.exs, binderhub's chart lint fixture), seed data and edX's devstack settings.
    ['config/bench.exs', 'test'],
    ['tools/templates/lint-and-validate-values-legacy.yaml', 'test'],
    ['langwatch/prisma/seed.ts', 'development'],
    ['db/seeds.rb', 'development'],
    ['course_discovery/settings/devstack.py', 'development'],
    // Not words of those: a seeder class at camel case, a linter's own config name.
    ['database/seeders/DatabaseSeeder.php', undefined],
    ['eslint.config.js', undefined],
    ['unittests/vcr/jira/JIRAImportTest.test_push.yaml', 'test'],
    ['unit_tests/scans/sample.json', 'test'],
    ['spec/vcr_cassettes/plaid/get_item.yml', 'test'],
    ['unittest-runner/Dockerfile', undefined],
    // A browser end-to-end runner in a Dockerfile's or compose file's name: the image or stack that runs the suite.
    ['frontend/Dockerfile.playwright', 'test'],
    ['docker/Dockerfile.playwright', 'test'],
    ['docker-compose.cypress.yml', 'test'],
    ['e2e.Dockerfile', 'test'],
    // Other files named for them may be a product's own browser automation.
    ['src/scraper/playwright.ts', undefined],
    ['apps/playwright-service/Dockerfile', undefined],
    ['examples/flask/app.py', 'example'],
    ['sample/docker-compose.yml', 'example'],
    // In a folder of images, `sandbox` and `playground` name the image (SurfSense's code-execution sandbox).
    ['docker/sandbox/Dockerfile', undefined],
    ['images/playground/Dockerfile', undefined],
    ['sandbox/Dockerfile', 'example'],
    ['app/playground/docker-compose.yml', 'example'],
    ['docker/examples/Dockerfile', 'example'],
    ['docs/install/docker/plain/docker-compose.yml', 'example'],
    ['_archived/old-stack/docker-compose.yml', 'archived'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.ci/compose.cypress.yaml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['docker-compose.ci.yml', 'ci'],
    // Other CI services' folders and files, and a workflows folder inside any dot folder (Depot CI's `.depot/workflows/`).
    ['.depot/workflows/rust.yml', 'ci'],
    ['.forgejo/workflows/build.yaml', 'ci'],
    ['.gitea/workflows/test.yml', 'ci'],
    ['.woodpecker.yml', 'ci'],
    ['Jenkinsfile.release', 'ci'],
    ['cloudbuild.yaml', 'ci'],
    ['.acme-ci/pipelines/deploy.yml', 'ci'],
    ['app/workflows/deploy.yml', undefined],
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
    // A regression-test network (Bitcoin's `regtest`) is a local test chain.
    ['docker/regtest/docker-compose.yml', 'test'],
    ['docker/regtest/data/boltz-nginx/default.conf', 'test'],
    ['docker-compose.regtest.yml', 'test'],
    // A folder whose name has a `dev` or `test` word, split on `-` and `_`; words, not substrings.
    ['image/discourse_dev/Dockerfile', 'development'],
    ['image/discourse_test/Dockerfile', 'test'],
    ['apps/web-e2e/Dockerfile', 'test'],
    // An acceptance or end-to-end harness (pomerium's internal/acceptance: a Keycloak realm, a test WebSocket server).
    ['internal/acceptance/keycloak/realm.json', 'test'],
    ['internal/acceptance/ws-server/server.js', 'test'],
    ['end-to-end/docker-compose.yml', 'test'],
    // Behaviour-driven test suites (iggy's bdd/: Cucumber runners per SDK, a test compose stack).
    ['bdd/cpp/Dockerfile', 'test'],
    ['bdd/docker-compose.yml', 'test'],
    // Test doubles and a suite's helpers (ory's configx/stub/, jwtmiddleware/stub/jwks.json, watcherx/integrationtest/, Go's internal/testutil/).
    ['x/configx/stub/from-files/b.yaml', 'test'],
    ['x/jwtmiddleware/stubs/jwks.json', 'test'],
    ['x/watcherx/integrationtest/Dockerfile', 'test'],
    ['internal/testutil/certs.go', 'test'],
    ['pkg/test-helpers/server.ts', 'test'],
    ['tools/dev-proxy/nginx.conf', 'development'],
    // A folder whose name has an example, sample or demo word holds examples.
    ['demo-setups/relay-compose.yaml', 'example'],
    ['deploy/sample_stacks/compose.yaml', 'example'],
    // A guide's folder (open-notebook's setup_guide/ with its docker.env template) holds what the guide shows.
    ['setup_guide/docker.env', 'example'],
    ['docs-site/user-guides/compose.yaml', 'example'],
    ['guidelines/Dockerfile', undefined],
    ['demonstrator/Dockerfile', undefined],
    ['resample-worker/Dockerfile', undefined],
    ['devops/docker-compose.yml', undefined],
    ['device/Dockerfile', undefined],
    ['services/latest/Dockerfile', undefined],
    ['contest-api/Dockerfile', undefined],
    ['developer-portal/Dockerfile', undefined],
    // A leading dot hides a folder without changing what it holds.
    ['.examples/docker-compose/mariadb/fpm/docker-compose.yml', 'example'],
    ['.samples/compose.yaml', 'example'],
    ['.tests/stack/compose.yml', 'test'],
    ['.dev/Dockerfile', 'development'],
    ['.demo-stacks/compose.yaml', 'example'],
    ['.deploy/compose.yaml', undefined],
    ['.config/app.yml', undefined],
    // A folder with a `ci` word holds what a CI job mounts or runs; `ci-cd/` also holds the delivery pipeline.
    ['docker/ci-config/postal.yml', 'ci'],
    ['docker/ci_config/signing.key', 'ci'],
    ['config-ci/app.yml', 'ci'],
    ['.ci-scripts/setup.sh', 'ci'],
    ['ci-cd/k8s/deployment.yaml', undefined],
    ['circus/Dockerfile', undefined],
    ['docker/config/postal.yml', undefined],
    // Camel-case folder names have words too (.NET and Java trees), except for development: `DevOps/` deploys.
    ['tools/TestSuite/docker-compose.yml', 'test'],
    ['src/IntegrationTests/appsettings.json', 'test'],
    ['src/SampleApp/Dockerfile', 'example'],
    ['DemoStack/compose.yaml', 'example'],
    ['DevOps/k8s/deployment.yaml', undefined],
    ['Contest/Dockerfile', undefined],
    ['LatestRelease/Dockerfile', undefined],
    // A .NET solution's project folders are dotted: `BTCPayServer.Tests/` holds the test project.
    ['BTCPayServer.Tests/docker-compose.testnet.yml', 'test'],
    ['src/App.IntegrationTests/compose.yml', 'test'],
    ['src/App.Samples/Dockerfile', 'example'],
    ['BTCPayServer/Dockerfile', undefined],
    ['Contest.Api/Dockerfile', undefined],
    ['socket.io/Dockerfile', undefined],
    // Developer tool configuration sets a person's local environment.
    ['mise.toml', 'development'],
    ['.mise.toml', 'development'],
    ['mise.local.toml', 'development'],
    ['.mise/config.toml', 'development'],
    ['.config/mise/config.toml', 'development'],
    ['.tool-versions', 'development'],
    ['.envrc', 'development'],
    ['Tiltfile', 'development'],
    // Air, the Go live-reloader: its `.air.toml` rebuilds and restarts the app on every save (Permify's runs it against the local compose database).
    ['.air.toml', 'development'],
    ['backend/air.toml', 'development'],
    ['devbox.json', 'development'],
    // Visual Studio's and `dotnet run`'s local launch profiles.
    ['BTCPayServer/Properties/launchSettings.json', 'development'],
    ['mise.production.toml', undefined],
    ['config/settings.toml', undefined],
    ['promise.toml', undefined],
    // Env and compose files whose name says development or tests.
    ['server/development.env', 'development'],
    ['dev.env', 'development'],
    ['test.env', 'test'],
    ['.env.ci', 'ci'],
    ['docker-compose.tests.yml', 'test'],
    // Benchmark and load-test harnesses at the root or in a workspace folder; Cargo's `benches/` anywhere.
    ['packages/tracecat-benchmark/tracecat_benchmark/pgdog/pgdog.toml', 'test'],
    ['benchmarks/docker-compose.yml', 'test'],
    ['crates/search/benches/Dockerfile', 'test'],
    ['loadtests/k6/compose.yaml', 'test'],
    ['tools/load-test/Dockerfile', 'test'],
    ['perf/MicroBenchmarks/Dockerfile', undefined],
    ['dojo/benchmark/views.py', undefined],
    ['apps/api/src/services/benchmark/benchmark.service.ts', undefined],
    ['images/bench/Dockerfile', undefined],
    ['frappe-bench/Procfile', undefined],
    // Per-pull-request preview environments: Uffizzi's folders and files, review apps; `preview` alone says nothing.
    ['uffizzi/nginx/Dockerfile', 'test'],
    ['uffizzi/docker-compose.uffizzi.yml', 'test'],
    ['docker-compose.uffizzi.yml', 'test'],
    ['.bunnyshell/docker/php/Dockerfile', 'test'],
    ['.bunnyshell/templates/preview/bunnyshell.yaml', 'test'],
    ['review-apps/app.yaml', 'test'],
    ['deploy/preview-envs/compose.yaml', 'test'],
    ['deploy/preview/Dockerfile', undefined],
    ['services/preview-generator/Dockerfile', undefined],
    // Codespaces is a cloud development environment, as Gitpod is.
    ['.env.codespaces', 'development'],
    // Test runners that load an env file of their own name (Laravel Dusk, Cypress, Playwright); not in other names.
    ['.env.dusk', 'test'],
    ['.env.playwright', 'test'],
    ['dusk/Dockerfile', undefined],
    // Names that say fixture, mock or fake hold stand-ins for tests; at camel case too, as modules are named, and
    // `sample` there as it is between separators. Other words are not read at camel case.
    ['manifests/minimal-fake-pooler-deployment.yaml', 'test'],
    ['db/user_fixtures.json', 'test'],
    ['src/api/mocks.ts', 'test'],
    ['src/api/mockServer.ts', 'test'],
    ['src/store/FakeUserStore.java', 'test'],
    ['ui/src/pages/execution/state/sampleExecutions.js', 'example'],
    ['ui/src/pages/execution/state/executionSamples.ts', 'example'],
    ['go/stub_linux.go', undefined],
    ['src/resampleAudio.ts', undefined],
    ['src/fakeredisClient.py', undefined],
    ['src/localStorage.ts', undefined],
    ['src/components/TestConnectionButton.tsx', undefined],
    ['src/templateEngine.ts', undefined],
  ];
  for (const [path, role] of cases) it(`${path} -> ${role ?? 'nothing said'}`, () => expect(roleFromName(path)?.role).toBe(role));

  // Without name words, an env file's name still says the environment that loads it (tests, CI); an example's does not.
  const unworded: [string, FileRole | undefined][] = [
    ['.test.env', 'test'],
    ['.env.test', 'test'],
    ['test.env', 'test'],
    ['.env.ci', 'ci'],
    ['.env.dusk', 'test'],
    ['.env.cypress', 'test'],
    ['.env.example', undefined],
    ['.example.env', undefined],
    ['.env.production', undefined],
    ['compose.test.yml', undefined],
    ['test.yml', undefined],
  ];
  for (const [path, role] of unworded) it(`${path} without name words -> ${role ?? 'nothing said'}`, () => expect(roleFromName(path, { words: false })?.role).toBe(role));
});

describe('developmentBuild', () => {
  it('reads a development start command in the exec form as in the shell form', () => {
    for (const cmd of ['CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0"]', 'CMD npm run dev -- --host 0.0.0.0', 'ENTRYPOINT ["python", "manage.py", "runserver", "0.0.0.0:8000"]']) {
      expect(developmentBuild('frontend/Dockerfile', parseDockerfile(`FROM node:20\n${cmd}\n`))).toMatch(/which starts/);
    }
    expect(developmentBuild('frontend/Dockerfile', parseDockerfile('FROM node:20\nCMD ["npm", "run", "start"]\n'))).toBeUndefined();
  });
});

describe('roles from neighbours, comments and configuration', () => {
  it('a plain docker-compose.yml beside a production or stack file is the development setup', async () => {
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.prod.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'docker-stack.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'app/compose.yaml': 'services: {}\n', 'app/compose.production.yaml': 'services: {}\n' }, 'app/compose.yaml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n', 'other/docker-compose.prod.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': 'services: {}\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a plain docker-compose.yml that the production file only overrides, or that the project runs with it, is production', async () => {
    const base = 'services:\n  api:\n    build: .\n    volumes:\n      - .:/app\n  mongodb:\n    image: mongo\n';
    // The production file adjusts a service of the base file: compose merges the two, so the base deploys too.
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  api:\n    command: yarn start\n' }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  api:\n    extends:\n      file: docker-compose.yml\n      service: api\n    image: registry/api:1\n' }, 'docker-compose.yml')).toBe('production');
    // A complete production file (its own image or build) or one adding services of its own leaves the base as the local setup.
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  api:\n    image: registry/api:1\n    command: yarn start\n' }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  api:\n    command: yarn start\n  proxy:\n    environment:\n      - A=1\n' }, 'docker-compose.yml')).toBe('development');
    // A complete production file the README runs on top of the base: the command says they deploy together.
    const complete = 'services:\n  api:\n    image: registry/api:1\n';
    const readme = (command: string) => `# API\n\n## Production\n\n\`\`\`sh\n${command}\n\`\`\`\n`;
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': complete, 'README.md': readme('docker-compose -f docker-compose.yml -f docker-compose.prod.yml up -d') }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'deploy/docker-compose.yml': base, 'deploy/docker-compose.prod.yml': complete, Makefile: 'prod:\n\tdocker compose --file ./deploy/docker-compose.yml --file ./deploy/docker-compose.prod.yml up\n' }, 'deploy/docker-compose.yml')).toBe('production');
    // Run one at a time, or in the other order on separate lines: nothing says they deploy together.
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': complete, 'README.md': readme('docker compose up\ndocker compose -f docker-compose.prod.yml up -d') }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': base, 'docker-compose.prod.yml': complete, 'README.md': readme('docker compose -f docker-compose.yml.bak -f docker-compose.prod.yml up') }, 'docker-compose.yml')).toBe('development');
  });

  it('a project template folder is what the generated projects deploy, so it is production', async () => {
    expect(await roleOf({ '{{cookiecutter.repo_name}}/{{cookiecutter.repo_name}}/config/settings.py': 'DEBUG = False\n' }, '{{cookiecutter.repo_name}}/{{cookiecutter.repo_name}}/config/settings.py')).toBe('production');
    expect(await roleOf({ '{{cookiecutter.project_slug}}/docs/conf.py': 'x = 1\n' }, '{{cookiecutter.project_slug}}/docs/conf.py')).toBe('example');
  });

  it('a Helm chart under a development folder is what others install, so it is production', async () => {
    const chart = { 'dev/helm/Chart.yaml': 'apiVersion: v2\nname: wiki\nversion: 2.0.0\n', 'dev/helm/values.yaml': 'postgresqlPassword: postgres\n', 'dev/helm/templates/secret.yaml': 'kind: Secret\n', 'dev/helm/values.dev.yaml': 'x: 1\n', 'dev/helm/templates/tests/test-connection.yaml': 'kind: Pod\n', 'dev/docker-compose.yml': 'services: {}\n' };
    expect(await roleOf(chart, 'dev/helm/values.yaml')).toBe('production');
    expect(await roleOf(chart, 'dev/helm/templates/secret.yaml')).toBe('production');
    // Inside the chart, names and test folders still count; beside it, the development folder still does.
    expect(await roleOf(chart, 'dev/helm/values.dev.yaml')).toBe('development');
    expect(await roleOf(chart, 'dev/helm/templates/tests/test-connection.yaml')).toBe('test');
    expect(await roleOf(chart, 'dev/docker-compose.yml')).toBe('development');
    // A chart above the development folder does not make the folder part of what it packages.
    expect(await roleOf({ 'charts/app/Chart.yaml': 'name: app\n', 'charts/app/dev/values.yaml': 'x: 1\n' }, 'charts/app/dev/values.yaml')).toBe('development');
    expect(await roleOf({ 'dev/helm/values.yaml': 'x: 1\n' }, 'dev/helm/values.yaml')).toBe('development');
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
    // laa-apply-for-legal-aid's docker-compose.yaml: a refusal that names the tool rather than the file.
    expect(developmentComment('# WARNING: do not use docker-compose in production environments.\n')).toBe('WARNING: do not use docker-compose in production environments.');
    expect(developmentComment("# Don't run this stack in a production cluster\n")).toBe("Don't run this stack in a production cluster");
    expect(developmentComment('# Do not forget to rotate the key used in production\n')).toBeUndefined();
    expect(developmentComment('# production stack\n')).toBeUndefined();
    // FerretDB's docker-compose.yml, saying it both ways.
    expect(developmentComment('# This file is used for the development environment, not for running FerretDB in production.\n')).toBe('This file is used for the development environment, not for running FerretDB in production.');
    expect(developmentComment('# Not for running the stack in production\n')).toBe('Not for running the stack in production');
    expect(developmentComment('# Helpers for the development of plugins\n')).toBeUndefined();
  });

  it('a Dockerfile or compose file whose opening comment says it is for tests only', async () => {
    // headscale's Dockerfile.wasmclient: an idle container the integration test execs a WASM client in.
    const wasm = '# For integration testing only.\n#\n# Builds the control client for GOOS=js.\n\nFROM golang:1.26-alpine AS build\nRUN go build -o /out/client.wasm ./client\nFROM node:24-alpine\nCOPY --from=build /out/ /app/\nENTRYPOINT ["tail", "-f", "/dev/null"]\n';
    expect(await roleOf({ 'Dockerfile.wasmclient': wasm }, 'Dockerfile.wasmclient')).toBe('test');
    expect(await roleOf({ 'docker-compose.yml': '# Only used in end-to-end tests\nservices:\n  app:\n    build: .\n' }, 'docker-compose.yml')).toBe('test');
    // A comment further down speaks of the line below it, and a file "used for testing" something also does more.
    expect(await roleOf({ Dockerfile: 'FROM node:24\n# for testing only: remove before release\nRUN echo hi\nCMD ["node", "s.js"]\n' }, 'Dockerfile')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': '# Also used for testing the upgrade path\nservices:\n  app:\n    build: .\n' }, 'docker-compose.yml')).toBe('production');
    // An env file's values are data wherever it is loaded: its comment does not make it a test file.
    expect(await roleOf({ '.env': '# For testing only\nAPI_URL=https://api.example.com\n' }, '.env')).toBe('production');
  });

  it('a compose file whose opening comment says it is for demonstration only', async () => {
    // ory/hydra's quickstart files, the compose of a five-minute tutorial.
    const banner = '#'.repeat(40);
    const quickstart = `${banner}\n#######   FOR DEMONSTRATION PURPOSES ONLY   #######\n${banner}\n# Read the tutorial first.\n\nservices:\n  hydra:\n    image: oryd/hydra:latest\n`;
    expect(await roleOf({ 'quickstart.yml': quickstart }, 'quickstart.yml')).toBe('example');
    expect(await roleOf({ 'docker-compose.yml': '# For demo purposes only\nservices:\n  app:\n    image: acme/app:latest\n' }, 'docker-compose.yml')).toBe('example');
    // "only" is required, and a comment further down speaks of its line.
    expect(await roleOf({ 'docker-compose.yml': '# A demo of the production setup\nservices:\n  app:\n    image: acme/app:latest\n' }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': 'services:\n  app:\n    # for demo purposes only\n    image: acme/app:latest\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a Dockerfile whose final stage, and every other stage it could build, is named for tests', async () => {
    // tuwunel's Dockerfile.e2e-style harness: the server under test and the test runner, each a target of its own.
    const harness = 'FROM input AS playwright-testee\nEXPOSE 8008\nENTRYPOINT ["server"]\n\nFROM mcr.microsoft.com/playwright:v1.59.1-noble AS playwright-base\nRUN npm ci\n\nFROM input AS playwright-tester\nENTRYPOINT ["/playwright/run.sh"]\n';
    expect(await roleOf({ 'docker/Dockerfile.harness': harness }, 'docker/Dockerfile.harness')).toBe('test');
    expect(await roleOf({ 'Dockerfile.suite': 'FROM node:24 AS build\nRUN npm ci\nFROM build AS e2e-tests\nCMD ["npm", "test"]\n' }, 'Dockerfile.suite')).toBe('test');
    // A production target beside a final test stage: the file builds what is deployed too.
    expect(await roleOf({ Dockerfile: 'FROM node:24 AS base\nRUN npm ci\nFROM base AS production\nCMD ["node", "s.js"]\nFROM base AS test\nCMD ["npm", "test"]\n' }, 'Dockerfile')).toBe('production');
    expect(await roleOf({ Dockerfile: 'FROM node:24 AS testing-tools\nRUN npm ci\nFROM node:24-slim AS runtime\nCOPY --from=testing-tools /app /app\nCMD ["node", "s.js"]\n' }, 'Dockerfile')).toBe('production');
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
    // Other wordings of the same statement about the whole repository or project.
    expect(repositoryForDevelopment('This project is intended solely for local development.')).toBe('This project is intended solely for local development');
    expect(repositoryForDevelopment('Heads up: this repo is only for development, see the docs for deploying.')).toMatch(/^this repo is only for development/);
    expect(repositoryForDevelopment('This repository is meant for local development; use the Helm chart to deploy.')).toMatch(/^This repository is meant for local development/);
    expect(repositoryForDevelopment('This project should not be used in production.')).toBe('This project should not be used in production');
    expect(repositoryForDevelopment('This repository is not meant to be deployed on any production environment!')).toMatch(/on any production environment$/);
    // Where development happens, a maturity note, or a part of the project, is not the repository being for development.
    expect(repositoryForDevelopment('This repository is for development of the Acme plugin; releases are on the marketplace.')).toBeUndefined();
    expect(repositoryForDevelopment('This project is for local development of Acme services with Tilt.')).toBeUndefined();
    expect(repositoryForDevelopment('This project is not production ready yet, but people run it.')).toBeUndefined();
    expect(repositoryForDevelopment('The compose file within this project is for development only.')).toBeUndefined();
    expect(repositoryForDevelopment('This project is used in production by many teams.')).toBeUndefined();
  });

  it('a compose file whose services load a development env file is the development stack', async () => {
    expect(await roleOf({ 'deploy/docker-compose.yml': 'services:\n  web:\n    image: x\n    env_file:\n      - ./dev.env\n' }, 'deploy/docker-compose.yml')).toBe('development');
    expect(developmentEnvFile('services:\n  web:\n    env_file: .env.local\n')).toBe('.env.local');
    expect(developmentEnvFile('services:\n  web:\n    env_file:\n      - path: ./config/.env.development\n        required: false\n')).toBe('./config/.env.development');
    expect(developmentEnvFile('services:\n  web:\n    env_file:\n      - .env\n      - prod.env\n')).toBeUndefined();
    expect(await roleOf({ 'docker-compose.yml': 'services:\n  web:\n    env_file: .env\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a compose stack that runs a mail catcher is a development stack', async () => {
    const quickRun = 'services:\n  db:\n    image: postgres:16\n  maildev:\n    build:\n      context: .\n      dockerfile: Dockerfile.maildev\n  api:\n    build: .\n';
    expect(await roleOf({ 'docker-compose.yaml': quickRun }, 'docker-compose.yaml')).toBe('development');
    const mailpit = 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  mail:\n    image: axllent/mailpit:v1.20\n';
    expect(nonProductionStack(parseYaml(mailpit), mailpit)).toEqual({ role: 'development', reason: expect.stringMatching(/service `mail` is the mail catcher `mailpit`/) });
    // A stack that sends mail through a real relay, or only names mail in an image, is not.
    const relay = 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  smtp:\n    image: boky/postfix:4.1\n';
    expect(await roleOf({ 'docker-compose.yml': relay }, 'docker-compose.yml')).toBe('production');
    const mailer = 'services:\n  mailer:\n    image: ghcr.io/acme/mailhog-exporter:1\n';
    expect(nonProductionStack(parseYaml(mailer), mailer)).toBeUndefined();
  });

  it('a Laravel Sail stack is a development stack', async () => {
    // kanka: the compose file `sail:install` writes.
    const sail = "services:\n  laravel.test:\n    build:\n      context: ./vendor/laravel/sail/runtimes/8.1\n      dockerfile: Dockerfile\n    image: sail-8.1/app\n    environment:\n      LARAVEL_SAIL: 1\n    volumes:\n      - '.:/var/www/html'\n  redis:\n    image: redis:alpine\n";
    expect(await roleOf({ 'docker-compose.yml': sail }, 'docker-compose.yml')).toBe('development');
    expect(nonProductionStack(parseYaml(sail), sail)?.reason).toMatch(/service `laravel\.test` builds Laravel Sail's runtime/);
    const image = 'services:\n  app:\n    image: sail-8.3/app\n  mysql:\n    image: mysql/mysql-server:8.0\n';
    expect(nonProductionStack(parseYaml(image), image)?.reason).toMatch(/runs Laravel Sail's image `sail-8\.3\/app`/);
    // A Laravel app's own production image is not Sail.
    const own = 'services:\n  app:\n    image: ghcr.io/acme/sail-app:1.2\n    environment:\n      APP_ENV: production\n';
    expect(await roleOf({ 'docker-compose.yml': own }, 'docker-compose.yml')).toBe('production');
  });

  it('a compose stack whose applications start in their development environment is a development stack', async () => {
    // hmpps-manage-users-api: the services run the teams' published images under the Spring `dev` profile; Helm deploys them.
    const spring = 'services:\n  db:\n    image: postgres:15\n  auth:\n    image: quay.io/hmpps/hmpps-auth:latest\n    environment:\n      - SPRING_PROFILES_ACTIVE=dev,delius,local-postgres\n  api:\n    image: quay.io/hmpps/api:latest\n    environment:\n      - SPRING_PROFILES_ACTIVE=dev\n';
    expect(await roleOf({ 'docker-compose-full.yml': spring, 'README.md': '# api\n\n### To Run all related services\n```\ndocker-compose -f docker-compose-full.yml up -d\n```\n' }, 'docker-compose-full.yml')).toBe('development');
    expect(developmentProfileStack(parseYaml(spring))).toMatch(/`auth` sets `SPRING_PROFILES_ACTIVE=dev,delius,local-postgres`/);
    expect(developmentProfileStack(parseYaml('services:\n  web:\n    image: acme/web:1\n    environment:\n      QUARKUS_PROFILE: dev\n'))).toBeDefined();
    // A selector that is also a debug switch is left to debug-mode, which reports it where the stack deploys.
    expect(developmentProfileStack(parseYaml('services:\n  web:\n    image: acme/web:1\n    environment:\n      NODE_ENV: development\n      RAILS_ENV: development\n'))).toBeUndefined();
    // One service in production (or staging), a selector from the environment, or a debug switch alone: not development.
    expect(developmentProfileStack(parseYaml('services:\n  a:\n    image: acme/a:1\n    environment:\n      NODE_ENV: development\n  b:\n    image: acme/b:1\n    environment:\n      NODE_ENV: production\n'))).toBeUndefined();
    expect(developmentProfileStack(parseYaml('services:\n  a:\n    image: acme/a:1\n    environment:\n      - SPRING_PROFILES_ACTIVE=dev,prod\n'))).toBeUndefined();
    expect(developmentProfileStack(parseYaml('services:\n  a:\n    image: acme/a:1\n    environment:\n      - NODE_ENV=${NODE_ENV:-development}\n'))).toBeUndefined();
    expect(developmentProfileStack(parseYaml('services:\n  a:\n    image: acme/a:1\n    environment:\n      - DEBUG=1\n'))).toBeUndefined();
    // Kept for deployment by its name, folder, comment or an installation guide: what users run, development settings and all.
    expect(await roleOf({ 'docker-compose.prod.yml': spring }, 'docker-compose.prod.yml')).toBe('production');
    expect(await roleOf({ 'deploy/docker-compose.yml': spring }, 'deploy/docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': `# Self-hosting stack\n${spring}` }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': spring, 'README.md': '# app\n\n## Installation\n\n```\ndocker compose up -d\n```\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a compose stack whose every service is named for development is a development stack', async () => {
    const local = 'services:\n  local:\n    build: .\n    command: ["pnpm", "run", "start:dev"]\n  dev-db:\n    image: postgres\n';
    expect(await roleOf({ 'backend/docker-compose.yml': local }, 'backend/docker-compose.yml')).toBe('development');
    expect(nonProductionStack(parseYaml(local), local)?.reason).toBe('every service it runs is named for development (`local`, `dev-db`)');
    // One development service among others (a debugger sidecar), or words inside a name (`localstack`, `devices`), say nothing of the stack.
    const mixed = 'services:\n  api:\n    image: ghcr.io/acme/api:1\n  api-debug:\n    image: ghcr.io/acme/api:1\n';
    expect(await roleOf({ 'docker-compose.yml': mixed }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': 'services:\n  localstack:\n    image: localstack/localstack:3\n  devices:\n    image: acme/devices:1\n' }, 'docker-compose.yml')).toBe('production');
  });

  it('a file the change deletes is judged by its base content', async () => {
    const local = 'services:\n  local:\n    build: .\n  dev-db:\n    image: postgres\n';
    const deployed = 'services:\n  api:\n    build: .\n  db:\n    image: postgres\n';
    const roleOfDeleted = async (before: Tree, path: string) => {
      const ctx = createCheckContext(memoryChangeSet(before, { 'README.md': '# app\n' }));
      try {
        return await ctx.role(path);
      } finally {
        ctx.dispose();
      }
    };
    expect(await roleOfDeleted({ 'backend/docker-compose.yml': local }, 'backend/docker-compose.yml')).toEqual({ role: 'development', reason: expect.stringMatching(/named for development/) });
    expect((await roleOfDeleted({ 'backend/docker-compose.yml': deployed }, 'backend/docker-compose.yml')).role).toBe('production');
    expect((await roleOfDeleted({ 'Dockerfile': 'FROM node:20\nCOPY startup.dev.sh /s.sh\nCMD ["/bin/sh", "/opt/startup.dev.sh"]\n' }, 'Dockerfile')).role).toBe('development');
    // A deleted production file beside it at base counts as it stood: the plain file was the development one.
    expect((await roleOfDeleted({ 'docker-compose.yml': deployed, 'docker-compose.prod.yml': deployed }, 'docker-compose.yml')).role).toBe('development');
  });

  it('a compose file users deploy as it ships: named or kept for production or a stack, or a comment that says self-hosting or production', () => {
    const plain = 'services:\n  web:\n    image: ghcr.io/acme/app:1\n';
    expect(deployedCompose('docker-compose.prod.yml', plain)).toMatch(/name/);
    expect(deployedCompose('deploy/compose.live.yaml', plain)).toMatch(/name/);
    expect(deployedCompose('docker-stack.yml', plain)).toMatch(/name/);
    expect(deployedCompose('production/docker-compose.yml', plain)).toMatch(/production\//);
    expect(deployedCompose('docker-compose.yml', `# To make it easier to self-host, we have a preset docker compose config\n${plain}`)).toMatch(/self-host/);
    expect(deployedCompose('docker-compose.yml', `# Production-ready stack\n${plain}`)).toMatch(/Production-ready/);
    // A plain file says neither; a comment that refuses production, asks for a change first, or speaks of one line does not count.
    expect(deployedCompose('docker-compose.yml', plain)).toBeUndefined();
    expect(deployedCompose('docker-compose.yml', `# do not self-host with this file\n${plain}`)).toBeUndefined();
    expect(deployedCompose('docker-compose.yml', `services:\n  db:\n    environment:\n      # change this password in production\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-postgres}\n`)).toBeUndefined();
    expect(deployedCompose('docker-compose.yml', `# uncomment for production\n${plain}`)).toBeUndefined();
    expect(deployedCompose('docker-compose.yml', `# For local development only; the self-hosting stack is docker-compose.prod.yml\n${plain}`)).toBeUndefined();
    expect(deploymentComment('# production stack\n')).toBe('production stack');
  });

  it('an example-named compose file, Dockerfile or manifest that users deploy is production', async () => {
    const selfHost = '# This file is an example Docker Compose configuration for self hosting\n# the app on your machine or a VPS.\nservices:\n  web:\n    image: ghcr.io/acme/app:1\n';
    expect(await roleOf({ 'compose.example.yml': selfHost }, 'compose.example.yml')).toBe('production');
    expect(deploymentComment(selfHost)).toBe('This file is an example Docker Compose configuration for self hosting');
    expect(await roleOf({ 'deploy/Dockerfile.sample': '# Production-ready image\nFROM node:20\n' }, 'deploy/Dockerfile.sample')).toBe('production');
    const plain = 'services:\n  web:\n    image: ghcr.io/acme/app:1\n';
    const readme = '## Self-host\n\n```sh\ncurl -fsSL -o compose.yml https://raw.githubusercontent.com/acme/app/main/docker-compose.example.yml\ndocker compose up -d\n```\n';
    expect(await roleOf({ 'docker-compose.example.yml': plain, 'README.md': readme }, 'docker-compose.example.yml')).toBe('production');
    expect(downloadedAs(readme, 'docker-compose.example.yml')).toBe('compose.yml');
    // Said of what is not the file, or saved under an example's name, or only copied beside the repository: still an example.
    expect(downloadedAs(readme, 'compose.example.yml')).toBeUndefined();
    expect(downloadedAs('wget -O compose.sample.yml https://example.org/raw/docker-compose.example.yml\n', 'docker-compose.example.yml')).toBeUndefined();
    expect(await roleOf({ 'docker-compose.example.yml': plain, 'README.md': 'cp docker-compose.example.yml docker-compose.yml\n' }, 'docker-compose.example.yml')).toBe('example');
    expect(await roleOf({ 'compose.example.yml': plain }, 'compose.example.yml')).toBe('example');
    expect(await roleOf({ 'compose.example.yml': '# Not for production: a sample stack to try the app\n# self-hosting guide: docs/hosting.md\nservices: {}\n' }, 'compose.example.yml')).toBe('example');
    expect(await roleOf({ 'compose.example.yml': '# This sample is not meant for production use\nservices: {}\n' }, 'compose.example.yml')).toBe('example');
    expect(await roleOf({ 'compose.example.yml': '# Uncomment for production:\n# restart: always\nservices: {}\n' }, 'compose.example.yml')).toBe('example');
    // Env templates are filled in after copying; templates a tool renders and example folders stay examples.
    expect(await roleOf({ '.env.example': '# for self hosting, copy to .env\nSECRET_KEY=\n' }, '.env.example')).toBe('example');
    expect(await roleOf({ 'docker/Dockerfile.j2': '# Production image for self-hosting\nFROM debian:12\n' }, 'docker/Dockerfile.j2')).toBe('example');
    expect(await roleOf({ 'examples/compose.example.yml': selfHost }, 'examples/compose.example.yml')).toBe('example');
  });

  it('an example-named compose file that a guide the README links to has users download is production', async () => {
    // we-promise/sure ea49c988b9: README → docs/hosting/docker.md → curl -o compose.ai.yml …/compose.example.ai.yml; the change edits neither.
    const guide = '# Docker\n\n```sh\ncurl -o compose.ai.yml https://raw.githubusercontent.com/acme/app/main/compose.example.ai.yml\n```\n';
    const readme = '# App\n\nApp can be [self hosted with Docker](docs/hosting/docker.md). See also [the changelog](./CHANGELOG.md) and [the site](https://acme.org/docs.md).\n';
    const plain = 'services:\n  web:\n    image: ghcr.io/acme/app:1\n';
    const roleIn = async (before: Tree, after: Tree, path: string) => {
      const ctx = createCheckContext(memoryChangeSet(before, after));
      try {
        return (await ctx.role(path)).role;
      } finally {
        ctx.dispose();
      }
    };
    const kept = { 'README.md': readme, 'docs/hosting/docker.md': guide };
    expect(await roleIn(kept, { ...kept, 'compose.example.ai.yml': plain }, 'compose.example.ai.yml')).toBe('production');
    // A guide the README does not link to is not read; nor is a link to another site.
    expect(await roleIn({ 'README.md': '# App\n', 'docs/hosting/docker.md': guide }, { 'README.md': '# App\n', 'docs/hosting/docker.md': guide, 'compose.example.ai.yml': plain }, 'compose.example.ai.yml')).toBe('example');
  });

  it('a compose stack whose nodes run on a regression-test network is a test stack', async () => {
    const stack = (command: string) => `services:\n  bitcoind:\n    image: boltz/bitcoin-core:27\n    command:\n      - ${command}\n      - -txindex\n`;
    for (const flag of ['-regtest', '--network=regtest', '--bitcoin.regtest', '-chain=liquidregtest']) {
      expect(await roleOf({ 'chain/docker-compose.yml': stack(flag) }, 'chain/docker-compose.yml')).toBe('test');
    }
    expect(nonProductionStack(parseYaml(stack('-regtest')), stack('-regtest'))?.reason).toMatch(/regression-test network \(`-regtest`\)/);
    // Mainnet and testnet nodes are deployments; a comment or a path with `regtest` in it is not a flag.
    expect(await roleOf({ 'docker-compose.yml': stack('-testnet') }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': `# run with -regtest locally\n${stack('-server')}` }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': stack('-datadir=/data/regtest-backup') }, 'docker-compose.yml')).toBe('production');
  });

  it('a manifest the change adds that only its new test files name is what the test setup applies', async () => {
    // cert-manager 3405edf821: `make/e2e-setup.mk` applies `make/config/bind/*.yaml` to the kind cluster of the e2e tests.
    const bind = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bind\nspec:\n  template:\n    spec:\n      containers:\n      - name: bind\n        image: "{IMAGE}"\n';
    const setup = 'e2e-setup-bind: $(wildcard make/config/bind/*.yaml)\n\tsed -e "s|{IMAGE}|$(IMAGE)|g" make/config/bind/*.yaml | kubectl apply -n bind -f -\n';
    const chart = 'e2e-setup-pebble:\n\thelm upgrade --install pebble make/config/pebble/chart >/dev/null\n';
    expect(await roleOf({ 'make/config/bind/deployment.yaml': bind, 'make/e2e-setup.mk': setup }, 'make/config/bind/deployment.yaml')).toBe('test');
    expect(await roleOf({ 'make/config/pebble/chart/Chart.yaml': 'name: pebble\n', 'make/config/pebble/chart/templates/deployment.yaml': bind, 'make/e2e-setup.mk': chart }, 'make/config/pebble/chart/templates/deployment.yaml')).toBe('test');
    // Named by a file that is not a test's too (the release Makefile), kept for deployment, a glob that does not
    // match it, or a file the change does not add: production.
    expect(await roleOf({ 'make/config/bind/deployment.yaml': bind, 'make/e2e-setup.mk': setup, 'make/release.mk': 'release:\n\tkubectl apply -f make/config/bind/\n' }, 'make/config/bind/deployment.yaml')).toBe('production');
    expect(await roleOf({ 'deploy/bind/deployment.yaml': bind, 'make/e2e-setup.mk': setup.replaceAll('make/config', 'deploy') }, 'deploy/bind/deployment.yaml')).toBe('production');
    expect(await roleOf({ 'make/config/bind/deployment.yaml': bind, 'make/e2e-setup.mk': setup.replaceAll('*.yaml', '*.json') }, 'make/config/bind/deployment.yaml')).toBe('production');
    // A unit test that reads a service template to check it (coolify's `tests/Unit/JeanServiceTemplateTest.php`) does not apply it.
    expect(await roleOf({ 'templates/compose/jean.yaml': 'services:\n  jean:\n    image: acme/jean:latest\n', 'tests/Unit/JeanServiceTemplateTest.php': "<?php\n$t = file_get_contents('templates/compose/jean.yaml');\n" }, 'templates/compose/jean.yaml')).not.toBe('test');
    const ctx = createCheckContext(memoryChangeSet({ 'make/config/bind/deployment.yaml': bind }, { 'make/config/bind/deployment.yaml': `${bind}# edited\n`, 'make/e2e-setup.mk': setup }));
    try {
      expect((await ctx.role('make/config/bind/deployment.yaml')).role).toBe('production');
    } finally {
      ctx.dispose();
    }
  });

  it('a compose stack whose every service is a test server is a test stack', async () => {
    const ldap = 'services:\n  ldap:\n    image: rroemhild/test-openldap\n    ports:\n      - "10389:10389"\n';
    expect(await roleOf({ 'backend/docker-compose.auth.yml': ldap }, 'backend/docker-compose.auth.yml')).toBe('test');
    expect(nonProductionStack(parseYaml(ldap), ldap)?.reason).toMatch(/every service it runs is a test server \(`test-openldap`\)/);
    const emulators = 'services:\n  aws:\n    image: localstack/localstack:3.8\n  gcs:\n    image: fsouza/fake-gcs-server:1.50\n  api:\n    image: wiremock/wiremock:3.9.1\n';
    expect(await roleOf({ 'compose.yaml': emulators }, 'compose.yaml')).toBe('test');
    // A test server beside the application, a service the project builds, or a word inside a name is not enough.
    const withApp = 'services:\n  ldap:\n    image: rroemhild/test-openldap\n  app:\n    image: ghcr.io/acme/app:1.2\n';
    expect(await roleOf({ 'docker-compose.yml': withApp }, 'docker-compose.yml')).toBe('production');
    const built = 'services:\n  mock:\n    build: ./mock\n    image: acme/mock-api\n';
    expect(await roleOf({ 'docker-compose.yml': built }, 'docker-compose.yml')).toBe('production');
    const contest = 'services:\n  web:\n    image: acme/contest-site:2\n  proxy:\n    image: acme/latest-proxy:1\n';
    expect(await roleOf({ 'docker-compose.yml': contest }, 'docker-compose.yml')).toBe('production');
    // Logflare's docker-compose.gcp.yml and docker-compose.minio.yml: emulators of cloud services (fake GCS, the Pub/Sub
    // emulator of `cloud-sdk:emulators`, ElasticMQ for SQS) with a stock object store and the one-shot jobs that create
    // their buckets and topics: the stack the spool pipeline is developed against.
    const gcp = 'services:\n  fake-gcs:\n    image: fsouza/fake-gcs-server:latest\n    ports:\n      - "4443:4443"\n  pubsub-emulator:\n    image: gcr.io/google.com/cloudsdktool/cloud-sdk:emulators\n    command: gcloud beta emulators pubsub start --host-port=0.0.0.0:8085\n  setup-gcp:\n    image: curlimages/curl:latest\n    depends_on:\n      - fake-gcs\n      - pubsub-emulator\n    entrypoint: /bin/sh\n';
    expect(await roleOf({ 'docker-compose.gcp.yml': gcp }, 'docker-compose.gcp.yml')).toBe('test');
    const minio = 'services:\n  minio:\n    image: minio/minio:latest\n    ports:\n      - "9002:9002"\n  elasticmq:\n    image: softwaremill/elasticmq:latest\n    ports:\n      - "9324:9324"\n  createbuckets:\n    image: minio/mc:latest\n    depends_on:\n      minio:\n        condition: service_healthy\n';
    expect(await roleOf({ 'docker-compose.minio.yml': minio }, 'docker-compose.minio.yml')).toBe('test');
    expect(nonProductionStack(parseYaml(minio), minio)?.reason).toMatch(/emulators of cloud services \(`elasticmq`\)/);
    // HMCTS' broker-compose.yml: the Pact Broker the contract tests publish to, on a stock Postgres.
    const pact = 'services:\n  postgres:\n    image: postgres\n    ports:\n      - "5432:5432"\n  broker_app:\n    image: pactfoundation/pact-broker\n    links:\n      - postgres\n    ports:\n      - "9292:9292"\n';
    expect(await roleOf({ 'broker-compose.yml': pact }, 'broker-compose.yml')).toBe('test');
    expect(nonProductionStack(parseYaml(pact), pact)?.reason).toMatch(/emulators of cloud services \(`pact-broker`\)/);
    // The same stores and jobs without an emulator, or beside a service that is neither (the application), stay production.
    const stores = 'services:\n  minio:\n    image: minio/minio:RELEASE.2024-01-01\n  createbuckets:\n    image: minio/mc:latest\n    depends_on:\n      - minio\n';
    expect(await roleOf({ 'docker-compose.yml': stores }, 'docker-compose.yml')).toBe('production');
    const withServer = `${minio}  app:\n    image: ghcr.io/acme/app:1.2\n    ports:\n      - "80:80"\n`;
    expect(await roleOf({ 'docker-compose.yml': withServer }, 'docker-compose.yml')).toBe('production');
    const restarting = minio.replace('    image: minio/mc:latest\n', '    image: minio/mc:latest\n    restart: always\n');
    expect(await roleOf({ 'docker-compose.yml': restarting }, 'docker-compose.yml')).toBe('production');
    // letta's scripts/docker-compose.yml, spring-petclinic's docker-compose.yml: stock databases published on the host
    // for an application run outside the stack; jitsi's rtcstats/mongodb/mongodb.yml adds a store to the stack's network.
    const databases = "services:\n  redis:\n    image: redis:alpine\n    ports:\n      - '6379:6379'\n  postgres:\n    image: ankane/pgvector\n    ports:\n      - '5432:5432'\n";
    expect(await roleOf({ 'scripts/docker-compose.yml': databases }, 'scripts/docker-compose.yml')).toBe('development');
    // Squidex's backend/src/Squidex.Data.EntityFramework/docker-compose.yml: throwaway databases, SQL Server among them, for EF Core migrations.
    const sqlServer = "services:\n  migration_postgres:\n    image: postgres\n    ports:\n      - '54320:5432'\n  migration_sqlserver:\n    image: mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04\n    ports:\n      - '14330:1433'\n";
    expect(await roleOf({ 'src/Data/docker-compose.yml': sqlServer }, 'src/Data/docker-compose.yml')).toBe('development');
    const overlay = 'services:\n  mongodb:\n    image: mongo\n    networks:\n      meet.jitsi:\n';
    expect(await roleOf({ 'rtcstats/mongodb/mongodb.yml': overlay }, 'rtcstats/mongodb/mongodb.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': `${databases}  app:\n    image: ghcr.io/acme/app:1.2\n    ports:\n      - '80:80'\n` }, 'docker-compose.yml')).toBe('production');
    // A compose file by another name (an overlay such as `auth/openldap.yml`) is read by its services too; a YAML file whose `services:` is a list is not compose.
    expect(await roleOf({ 'auth/openldap.yml': ldap }, 'auth/openldap.yml')).toBe('test');
    expect(await roleOf({ 'auth/jobs.yml': 'services:\n  - rroemhild/test-openldap\n' }, 'auth/jobs.yml')).toBe('production');
  });

  it('a Dockerfile that starts a development script or a mail catcher builds a development image', async () => {
    const devScript = 'FROM node:20\nCOPY ./startup.dev.sh /opt/startup.dev.sh\nCMD ["/bin/bash", "/opt/startup.dev.sh"]\n';
    expect(await roleOf({ Dockerfile: devScript }, 'Dockerfile')).toBe('development');
    expect(developmentImage(parseDockerfile(devScript))).toBe('its start command runs `startup.dev.sh`, a development script');
    expect(await roleOf({ 'Dockerfile.maildev': 'FROM node:20\nRUN npm i -g maildev@2.1.0\nCMD maildev\n' }, 'Dockerfile.maildev')).toBe('development');
    expect(developmentImage(parseDockerfile('FROM mailhog/mailhog:v1.0.1\nUSER root\n'))).toMatch(/built on the mail catcher `mailhog`/);
    // `npm run dev` is a development server the dev-server check reports; a script in a `local` folder is not named for development.
    expect(developmentImage(parseDockerfile('FROM node:20\nCMD ["npm", "run", "dev"]\n'))).toBeUndefined();
    expect(developmentImage(parseDockerfile('FROM node:20\nCMD ["/usr/local/bin/start.sh"]\n'))).toBeUndefined();
    expect(developmentImage(parseDockerfile('FROM node:20\nCMD ["/opt/startup.sh"]\n'))).toBeUndefined();
    // Only the final stage counts: a development build stage before the runtime image says nothing.
    expect(developmentImage(parseDockerfile('FROM node:20 AS build\nCMD ["./start.dev.sh"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n'))).toBeUndefined();
  });

  it('an image with the Xdebug debugger, or started in the development environment, is a development image', () => {
    const xdebug = 'FROM php:8.0-fpm\nRUN pecl install redis; \\\n    pecl install xdebug; \\\n    docker-php-ext-enable \\\n        redis \\\n        xdebug \\\n    ;\nCMD ["php-fpm"]\n';
    expect(developmentImage(parseDockerfile(xdebug))).toMatch(/Xdebug debugger/);
    expect(developmentImage(parseDockerfile('FROM php:8.2-fpm-alpine\nRUN apk add --no-cache php82-pecl-xdebug\n'))).toMatch(/Xdebug/);
    expect(developmentImage(parseDockerfile('FROM base AS dev\nRUN install-php-extensions xdebug\nFROM dev AS debug\nCMD ["php-fpm"]\n'))).toMatch(/Xdebug/);
    expect(developmentImage(parseDockerfile('FROM php:8.0-fpm\nCMD ["php", "bin/console", "--env=dev", "server:run", "0.0.0.0:8000"]\n'))).toMatch(/development environment \(`--env=dev`\)/);
    expect(developmentImage(parseDockerfile('FROM php:8.0-fpm\nCMD APP_ENV=dev php -S 0.0.0.0:8000 -t public\n'))).toMatch(/`APP_ENV=dev`/);
    // Installed only when a build argument asks, or in a stage the final image does not build on: production leaves it out.
    expect(developmentImage(parseDockerfile('FROM php:8.2-fpm\nARG XDEBUG=0\nRUN if [ "$XDEBUG" = 1 ]; then pecl install xdebug && docker-php-ext-enable xdebug; fi\n'))).toBeUndefined();
    expect(developmentImage(parseDockerfile('FROM php:8.2-fpm AS dev\nRUN pecl install xdebug\nFROM php:8.2-fpm AS prod\nCMD ["php-fpm"]\n'))).toBeUndefined();
    // Other extensions, a production environment, and an environment that only starts with `development` say nothing.
    expect(developmentImage(parseDockerfile('FROM php:8.2-fpm\nRUN pecl install redis && docker-php-ext-enable redis opcache\nCMD ["php", "bin/console", "--env=prod", "messenger:consume"]\n'))).toBeUndefined();
    expect(developmentImage(parseDockerfile('FROM php:8.2-fpm\nCMD APP_ENV=development-eu php-fpm\n'))).toBeUndefined();
  });

  it('a database a CI file of the change names is the CI job\'s data', async () => {
    const workflow = 'jobs:\n  scan:\n    steps:\n      - uses: actions/cache@v4\n        with:\n          path: .fossier.db\n';
    expect(await roleOf({ '.fossier.db': 'SQLite format 3', '.github/workflows/scan.yml': workflow }, '.fossier.db')).toBe('ci');
    // Named by no CI file, or only as part of another path: the application's data.
    expect(await roleOf({ '.fossier.db': 'SQLite format 3', '.github/workflows/scan.yml': 'jobs: {}\n' }, '.fossier.db')).toBe('production');
    expect(await roleOf({ 'app.db': 'SQLite format 3', '.github/workflows/scan.yml': 'run: cp data/app.db.bak x\n' }, 'app.db')).toBe('production');
  });

  it('an env file repeating the env template beside it but for a few settings, that nothing loads, is a variant of the template', async () => {
    const template = '# App port\nPORT=3000\nSITE_NAME=Kutt\nDB_HOST=localhost\nDB_PORT=5432\nDB_NAME=postgres\nREDIS_HOST=127.0.0.1\nJWT_SECRET=securekey\nLINK_LENGTH=6\nUSER_LIMIT_PER_DAY=50\nNON_USER_COOLDOWN=0\nCUSTOM_DOMAIN_USE_HTTPS=false\n';
    const variant = template.replace('DB_HOST=localhost', 'DB_HOST=postgres').replace('REDIS_HOST=127.0.0.1', 'REDIS_HOST=redis');
    const compose = (envFile: string) => `services:\n  app:\n    image: kutt/kutt\n    env_file:\n      - ${envFile}\n`;
    expect(await roleOf({ '.example.env': template, '.docker.env': variant, 'docker-compose.yml': compose('.env') }, '.docker.env')).toBe('example');
    // Loaded by the stack, by the README's command, or named as the file dotenv and compose read: configuration.
    expect(await roleOf({ '.example.env': template, '.docker.env': variant, 'docker-compose.yml': compose('.docker.env') }, '.docker.env')).toBe('production');
    expect(await roleOf({ '.example.env': template, '.docker.env': variant, 'README.md': 'Run `docker run --env-file .docker.env kutt/kutt`.\n' }, '.docker.env')).toBe('production');
    expect(await roleOf({ '.example.env': template, '.env': variant }, '.env')).toBe('production');
    // Half its settings changed, or no template beside it: its own values.
    const changed = variant.replace('SITE_NAME=Kutt', 'SITE_NAME=Links').replace('DB_NAME=postgres', 'DB_NAME=kutt');
    expect(await roleOf({ '.example.env': template, '.docker.env': changed }, '.docker.env')).toBe('production');
    expect(await roleOf({ 'config/.example.env': template, '.docker.env': variant }, '.docker.env')).toBe('production');
  });

  it('a compose file or Dockerfile under a templates folder is a template users copy, unless a Helm chart holds the folder', async () => {
    const tree = {
      'extra/templates/mariadb/compose.yaml': 'services:\n  db:\n    image: mariadb\n',
      'extra/templates/app/Dockerfile': 'FROM node:20\n',
      'charts/app/Chart.yaml': 'name: app\n',
      'charts/app/templates/compose.yaml': 'services: {}\n',
      'app/templates/index.html': '<html></html>\n',
      'templated/compose.yaml': 'services: {}\n',
    };
    expect(await roleOf(tree, 'extra/templates/mariadb/compose.yaml')).toBe('example');
    expect(await roleOf(tree, 'extra/templates/app/Dockerfile')).toBe('example');
    expect(await roleOf(tree, 'charts/app/templates/compose.yaml')).toBe('production');
    expect(await roleOf(tree, 'app/templates/index.html')).toBe('production');
    expect(await roleOf(tree, 'templated/compose.yaml')).toBe('production');
  });

  it('a Kubernetes manifest a kustomization lists only in a comment is archived; one it lists is deployed', async () => {
    // R2R ba73cb903953: `#  - include/pgadmin.yaml` among the resources of deployment/k8s/kustomizations/kustomization.yaml.
    const manifest = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n';
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - include/app.yaml\n#  - include/pgadmin.yaml\n# - include/db.yaml   \n';
    const tree = { 'k8s/kustomization.yaml': kustomization, 'k8s/include/app.yaml': manifest, 'k8s/include/pgadmin.yaml': manifest, 'k8s/include/db.yaml': manifest, 'k8s/include/other.yaml': manifest };
    expect(await roleOf(tree, 'k8s/include/pgadmin.yaml')).toBe('archived');
    expect(await roleOf(tree, 'k8s/include/db.yaml')).toBe('archived');
    expect(await roleOf(tree, 'k8s/include/app.yaml')).toBe('production');
    // Not named at all: nothing says it is left out.
    expect(await roleOf(tree, 'k8s/include/other.yaml')).toBe('production');
    // Commented out in one kustomization, listed in another (an overlay): deployed.
    expect(await roleOf({ ...tree, 'k8s/include/kustomization.yaml': 'resources:\n- pgadmin.yaml\n' }, 'k8s/include/pgadmin.yaml')).toBe('production');
  });

  it('a Dockerfile below the root that builds a documentation site, which no compose file or workflow runs, serves the docs', async () => {
    // komodo 08e55b51808b: docsite/Dockerfile copies docusaurus.config.ts, builds the site and serves it with Caddy.
    const docusaurus = 'FROM node:22 AS builder\nCOPY ./docs ./docs\nCOPY ./docusaurus.config.ts ./docusaurus.config.ts\nRUN yarn build\nFROM caddy:latest\nCOPY --from=builder /builder/build /srv\nEXPOSE 80\n';
    const mkdocs = 'FROM python:3.12 AS build\nRUN pip install mkdocs-material\nCOPY . .\nRUN mkdocs build\nFROM nginx:1.27\nCOPY --from=build /site /usr/share/nginx/html\n';
    expect(await roleOf({ 'docsite/Dockerfile': docusaurus }, 'docsite/Dockerfile')).toBe('example');
    expect(await roleOf({ 'website/docker/Dockerfile': mkdocs }, 'website/docker/Dockerfile')).toBe('example');
    // openfoodfacts/search-a-licious: scripts/Dockerfile.sphinx builds on Sphinx's image; another runs sphinx-build.
    const sphinx = 'FROM sphinxdoc/sphinx:latest\nWORKDIR /docs\nRUN pip install autodoc_pydantic sphinxcontrib-typer\nUSER user\n';
    expect(await roleOf({ 'scripts/Dockerfile.sphinx': sphinx }, 'scripts/Dockerfile.sphinx')).toBe('example');
    // A workflow that runs the folder's docs script is the docs pipeline; one that builds and pushes its image deploys it.
    const docsJob = 'on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/generate_doc.sh\n';
    expect(await roleOf({ 'scripts/Dockerfile.sphinx': sphinx, '.github/workflows/generate-doc.yml': docsJob }, 'scripts/Dockerfile.sphinx')).toBe('example');
    const pushJob = 'on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t acme/docs -f scripts/Dockerfile.sphinx . && docker push acme/docs\n';
    expect(await roleOf({ 'scripts/Dockerfile.sphinx': sphinx, '.github/workflows/docs.yml': pushJob }, 'scripts/Dockerfile.sphinx')).toBe('production');
    // An image matrix that builds the folder's Dockerfile (the OpenTelemetry demo's `- file: ./src/telemetry-docs/Dockerfile`).
    const matrix = 'on: push\njobs:\n  images:\n    strategy:\n      matrix:\n        file_tag:\n          - file: ./scripts/Dockerfile.sphinx\n            tag_suffix: docs\n';
    expect(await roleOf({ 'scripts/Dockerfile.sphinx': sphinx, '.github/workflows/component-build-images.yml': matrix }, 'scripts/Dockerfile.sphinx')).toBe('production');
    // A pull-request labeler's list of the folder's files builds nothing.
    const labeler = "Build Scripts:\n- changed-files:\n  - any-glob-to-any-file: 'scripts/Dockerfile.sphinx'\n";
    expect(await roleOf({ 'scripts/Dockerfile.sphinx': sphinx, '.github/labeler.yml': labeler }, 'scripts/Dockerfile.sphinx')).toBe('example');
    expect(await roleOf({ 'docs/build/Dockerfile': 'FROM python:3.12-slim\nRUN pip install sphinx furo\nCOPY . /src\nRUN sphinx-build -b html /src/docs /site\n' }, 'docs/build/Dockerfile')).toBe('example');
    // A service image that merely installs Sphinx among its packages builds no site.
    expect(await roleOf({ 'api/Dockerfile': 'FROM python:3.12-slim\nRUN pip install sphinx flask\nCMD ["flask", "run"]\n' }, 'api/Dockerfile')).toBe('production');
    // At the root the site is the repository itself; an image that builds no site says nothing.
    expect(await roleOf({ Dockerfile: docusaurus }, 'Dockerfile')).toBe('production');
    expect(await roleOf({ 'web/Dockerfile': 'FROM node:22\nRUN yarn build\nCMD ["node", "server.js"]\n' }, 'web/Dockerfile')).toBe('production');
    // A site the project's stack runs (opentelemetry-demo's src/telemetry-docs/, served behind its proxy) deploys with it.
    const stack = 'services:\n  telemetry-docs:\n    build:\n      context: ./\n      dockerfile: ./src/telemetry-docs/Dockerfile\n';
    expect(await roleOf({ 'src/telemetry-docs/Dockerfile': mkdocs, 'docker-compose.yml': stack }, 'src/telemetry-docs/Dockerfile')).toBe('production');
  });

  it('the files of a folder whose image a Cloud Build pipeline there runs as a step are CI tooling', async () => {
    // datacommonsorg/website 8868a649817f: tools/release_automation/percy_snapshot_script/, a Percy screenshot runner.
    const dir = 'tools/release/percy';
    const push = 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, --tag=gcr.io/acme-ci/percy-runner:latest, .]\nimages:\n  - gcr.io/acme-ci/percy-runner:latest\n';
    const run = "steps:\n  - name: 'gcr.io/acme-ci/percy-runner:latest'\n    entrypoint: bash\n    args: ['-c', 'percy exec -- python3 snapshots.py']\n";
    const tree = { [`${dir}/Dockerfile`]: 'FROM selenium/standalone-chrome:latest\nENTRYPOINT ["bash"]\n', [`${dir}/requirements.txt`]: 'selenium\n', [`${dir}/cloudbuild.push_image.yaml`]: push, [`${dir}/cloudbuild.snapshots.yaml`]: run };
    expect(await roleOf(tree, `${dir}/Dockerfile`)).toBe('ci');
    expect(await roleOf(tree, `${dir}/requirements.txt`)).toBe('ci');
    // A pipeline that only builds and pushes (or deploys) the image does not run it.
    const deploy = 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, gcr.io/acme/api:$SHORT_SHA, .]\n  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy, api, --image, gcr.io/acme/api:$SHORT_SHA]\n';
    expect(await roleOf({ 'api/Dockerfile': 'FROM python:3.12\n', 'api/cloudbuild.yaml': deploy }, 'api/Dockerfile')).toBe('production');
    // Built, run as a step (its tests), then deployed: the product's image.
    const tested = 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, gcr.io/acme/api, .]\n  - name: gcr.io/acme/api\n    args: [pytest]\n  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy, api, --image, gcr.io/acme/api]\n';
    expect(await roleOf({ 'api/Dockerfile': 'FROM python:3.12\n', 'api/cloudbuild.yaml': tested }, 'api/Dockerfile')).toBe('production');
  });

  it('a .env beside a Procfile with a web process, or one whose COMPOSE_FILE selects a development compose file, is the local setup', async () => {
    // crates.io 7182bcd069b4: "Add .env to make local Foreman use more pleasant"; robotoff 656b7a6f7a21: COMPOSE_FILE=docker-compose.yml;docker/dev.yml.
    const env = 'SESSION_KEY=badkey\nDATABASE_URL=postgres://postgres:@localhost/app\n';
    expect(await roleOf({ '.env': env, Procfile: 'web: ./target/release/server\n' }, '.env')).toBe('development');
    expect(await roleOf({ '.env': env, Procfile: 'worker: ./bin/worker\n' }, '.env')).toBe('production');
    expect(await roleOf({ '.env': env }, '.env')).toBe('production');
    // Only the `.env` Foreman loads by default.
    expect(await roleOf({ '.env.production': env, Procfile: 'web: ./server\n' }, '.env.production')).toBe('production');
    const compose = 'services:\n  api:\n    image: acme/api:1\n';
    const selects = (files: string) => `COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=${files}\nPOSTGRES_PASSWORD=postgres\n`;
    const tree = { 'docker-compose.yml': compose, 'docker/dev.yml': compose, 'docker/prod.yml': compose };
    expect(await roleOf({ ...tree, '.env': selects('docker-compose.yml;docker/dev.yml') }, '.env')).toBe('development');
    expect(await roleOf({ ...tree, '.env': selects('docker-compose.yml;docker/prod.yml') }, '.env')).toBe('production');
  });

  it('a compose file that mounts the source tree and starts `cargo run` is the local stack', async () => {
    // crates.io b162efa626e4: `./app:/app/app:ro` for the frontend's live reload, `cargo run --bin background-worker`.
    const stack = (command: string) => `services:\n  frontend:\n    build: .\n    volumes:\n      - ./app:/app/app:ro\n  worker:\n    build: .\n    entrypoint: ${command}\n`;
    expect(await roleOf({ 'docker-compose.yml': stack('cargo run --bin background-worker') }, 'docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'docker-compose.yml': stack('cargo run --release --bin worker') }, 'docker-compose.yml')).toBe('production');
  });

  it('a Dockerfile below the root that compose files build only to run a test suite is test', async () => {
    // suitenumerique/messages 5fffc0e86de0: src/mta-out/compose.yaml's `test` service builds ./ and runs pytest against mta-out.
    const stack = 'services:\n  test:\n    build: ./\n    command: pytest -vvs .\n    depends_on:\n      - mta-out\n  mta-out:\n    build: ./postfix\n';
    const tree = { 'src/mta-out/compose.yaml': stack, 'src/mta-out/Dockerfile': 'FROM python:3.13-slim\nCOPY pyproject.toml .\nRUN pip install -e .[dev]\nCOPY . .\n', 'src/mta-out/postfix/Dockerfile': 'FROM debian:12\nCMD ["postfix", "start-fg"]\n' };
    expect(await roleOf(tree, 'src/mta-out/Dockerfile')).toBe('test');
    expect(await roleOf({ ...tree, 'src/mta-out/compose.yaml': stack.replace('pytest -vvs .', 'sh -c "pip install -e . && go test ./..."') }, 'src/mta-out/Dockerfile')).toBe('test');
    // The server under test is the product's image; so is one a service also runs as a server, or a production file builds.
    expect(await roleOf(tree, 'src/mta-out/postfix/Dockerfile')).toBe('production');
    expect(await roleOf({ ...tree, 'src/mta-out/compose.yaml': `${stack}  api:\n    build: ./\n    command: gunicorn app:app\n` }, 'src/mta-out/Dockerfile')).toBe('production');
    expect(await roleOf({ ...tree, 'src/mta-out/compose.prod.yaml': 'services:\n  app:\n    build: ./\n' }, 'src/mta-out/Dockerfile')).toBe('production');
    expect(await roleOf({ ...tree, 'src/mta-out/compose.yaml': stack.replace('pytest -vvs .', 'sh -c "npm run setup && npm run dev"') }, 'src/mta-out/Dockerfile')).toBe('production');
  });

  it('a Dockerfile below the root that only a development stack builds, and no workflow or README names, is development', async () => {
    // profilarr d8f944af: backend/Dockerfile (`python -m app.main`, which runs app.run(debug=True)) is built only by the
    // root compose file, which mounts ./frontend over its image and polls for changes.
    const stack = 'services:\n  frontend:\n    build: ./frontend\n    volumes:\n      - ./frontend:/app\n    environment:\n      - CHOKIDAR_USEPOLLING=true\n  backend:\n    build: ./backend\n    volumes:\n      - ./backend:/app\n';
    const tree = { 'docker-compose.yml': stack, 'backend/Dockerfile': 'FROM python:3.12\nCOPY . .\nCMD ["python", "-m", "app.main"]\n', 'frontend/Dockerfile': 'FROM node:20\nCMD ["npm", "run", "dev"]\n' };
    expect(await roleOf(tree, 'docker-compose.yml')).toBe('development');
    expect(await roleOf(tree, 'backend/Dockerfile')).toBe('development');
    // A workflow that builds the folder's image, or a README that builds it, makes it a deployment's image.
    const workflow = 'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: ./backend\n          push: true\n';
    expect(await roleOf({ ...tree, '.github/workflows/release.yml': workflow }, 'backend/Dockerfile')).toBe('production');
    expect(await roleOf({ ...tree, 'README.md': '# App\n\n```sh\ndocker build -t app backend\n```\n' }, 'backend/Dockerfile')).toBe('production');
    // idurar-erp-crm fc9a750ffa10: a README that names the folder only to set up a checkout (`cd backend`, `npm install`) deploys nothing.
    expect(await roleOf({ ...tree, 'README.md': '# App\n\n```sh\ncd backend\nnpm install\nnpm run dev\n```\n' }, 'backend/Dockerfile')).toBe('development');
    expect(await roleOf({ ...tree, 'README.md': '# App\n\n```sh\ncd backend && docker build -t acme/app . && docker push acme/app\n```\n' }, 'backend/Dockerfile')).toBe('production');
    // A production compose file that builds it, or no compose file at all, leaves it production.
    expect(await roleOf({ ...tree, 'docker-compose.prod.yml': 'services:\n  backend:\n    build: ./backend\n' }, 'backend/Dockerfile')).toBe('production');
    expect(await roleOf({ 'backend/Dockerfile': 'FROM python:3.12\n' }, 'backend/Dockerfile')).toBe('production');
    // netbird 91f0d5cefd59: a stack its README starts under "Local Development Setup" builds a server image it does not
    // mount over: the image is the server's, which the stack only starts.
    const local = {
      'infra/README.md': '# Metrics\n\n## Local Development Setup\n\n```sh\ndocker compose up -d\n```\n',
      'infra/docker-compose.yml': 'services:\n  ingest:\n    build:\n      context: ./ingest\n    ports:\n      - "8087:8087"\n',
      'infra/ingest/Dockerfile': 'FROM alpine:3.20\nENTRYPOINT ["ingest"]\n',
    };
    expect(await roleOf(local, 'infra/docker-compose.yml')).toBe('development');
    expect(await roleOf(local, 'infra/ingest/Dockerfile')).toBe('production');
  });

  it('a Dockerfile among a desktop application\'s build assets (a build/ folder holding darwin/Info.plist) is development; other build/ folders are production', async () => {
    // netbird 91acb8147ccd: Wails' generated client/ui/build/docker/Dockerfile.server and Dockerfile.cross.
    const tree = {
      'client/ui/build/darwin/Info.plist': '<plist></plist>\n',
      'client/ui/build/docker/Dockerfile.server': 'FROM golang:alpine AS builder\nFROM gcr.io/distroless/static-debian12\n',
      'client/ui/build/docker/Dockerfile.cross': 'FROM golang:1.24\n',
      'build/docker/Dockerfile': 'FROM alpine:3.20\n',
      'build/windows/icon.ico': 'x',
      'client/ui/darwin/Info.plist': '<plist></plist>\n',
      'client/ui/docker/Dockerfile': 'FROM alpine:3.20\n',
    };
    expect(await roleOf(tree, 'client/ui/build/docker/Dockerfile.server')).toBe('development');
    expect(await roleOf(tree, 'client/ui/build/docker/Dockerfile.cross')).toBe('development');
    expect(await roleOf(tree, 'build/docker/Dockerfile')).toBe('production');
    expect(await roleOf(tree, 'client/ui/docker/Dockerfile')).toBe('production');
  });

  it('a compose file the README starts only under a local, development or sample heading is the local stack', async () => {
    const compose = 'services:\n  web:\n    build: .\n  db:\n    image: mcr.microsoft.com/azure-sql-edge\n';
    const readme = (body: string) => `# Shop Reference Application\n\n${body}`;
    const sample = readme('## Running the sample using Docker\n\n```\ndocker-compose build\ndocker-compose up\n```\n\nThen open localhost:5106.\n');
    expect(await roleOf({ 'docker-compose.yml': compose, 'README.md': sample }, 'docker-compose.yml')).toBe('development');
    const locally = readme('## Starting services locally with docker-compose\n\n### Build first\n\nRun `docker compose -f docker-compose.yml up`.\n');
    expect(await roleOf({ 'docker-compose.yml': compose, 'README.md': locally }, 'docker-compose.yml')).toBe('development');
    // Also started under another heading (an installation guide): the file users deploy.
    const both = readme('## Installation\n\n    docker compose up -d\n\n## Local development\n\n    docker compose up\n');
    expect(await roleOf({ 'docker-compose.yml': compose, 'README.md': both }, 'docker-compose.yml')).toBe('production');
    // The title says sample: it names the project, not the run.
    expect(await roleOf({ 'docker-compose.yml': compose, 'README.md': '# Sample Shop\n\n## Quick start\n\n    docker compose up -d\n' }, 'docker-compose.yml')).toBe('production');
    // The file's own comment says it is the self-hosting stack: that outweighs the README's heading.
    const selfHost = '# To make it easier to self-host, we have a preset docker compose config\n' + compose;
    expect(await roleOf({ 'docker-compose.yml': selfHost, 'README.md': readme('## Developing\n\n### Docker compose\n\nRun `docker-compose up`.\n') }, 'docker-compose.yml')).toBe('production');
    // A local heading that starts another file says nothing of this one.
    expect(await roleOf({ 'docker-compose.yml': compose, 'docker-compose.dev.yml': compose, 'README.md': readme('## Local development\n\n    docker compose -f docker-compose.dev.yml up\n') }, 'docker-compose.yml')).toBe('production');
  });

  it('a file of a workspace package whose package.json says it is for tests is test; the root package.json says nothing', async () => {
    const pkg = (json: object) => JSON.stringify(json);
    const source = "const app = require('express')();\napp.use(require('cors')());\n";
    // dbgate: a mock AI gateway the E2E suite starts.
    expect(await roleOf({ 'packages/aigwmock/package.json': pkg({ name: 'dbgate-aigwmock', description: 'Mock AI Gateway server for E2E testing' }), 'packages/aigwmock/src/index.js': source }, 'packages/aigwmock/src/index.js')).toBe('test');
    // The package.json describes the package's JavaScript; its other files are judged as before (no read for them).
    expect(await roleOf({ 'packages/aigwmock/package.json': pkg({ name: 'dbgate-aigwmock', description: 'Mock AI Gateway server for E2E testing' }), 'packages/aigwmock/app.py': 'print(1)\n' }, 'packages/aigwmock/app.py')).toBe('production');
    expect(await roleOf({ 'services/pay/package.json': pkg({ name: '@acme/payments-stub' }), 'services/pay/lib/server/index.js': source }, 'services/pay/lib/server/index.js')).toBe('test');
    expect(await roleOf({ 'apps/fixtures/package.json': pkg({ name: 'fixtures', description: 'HTTP server for integration tests' }), 'apps/fixtures/server.js': source }, 'apps/fixtures/server.js')).toBe('test');
    // A package that says nothing of tests, the nearest package.json deciding, and the root's describing the project itself.
    expect(await roleOf({ 'packages/gateway/package.json': pkg({ name: 'acme-gateway', description: 'AI gateway that tests prompts against many models' }), 'packages/gateway/src/index.js': source }, 'packages/gateway/src/index.js')).toBe('production');
    expect(await roleOf({ 'packages/harness/package.json': pkg({ name: 'harness', description: 'Mock server for tests' }), 'packages/harness/api/package.json': pkg({ name: 'acme-api' }), 'packages/harness/api/index.js': source }, 'packages/harness/api/index.js')).toBe('production');
    expect(await roleOf({ 'package.json': pkg({ name: 'fake-s3', description: 'A fake S3 server for testing' }), 'src/index.js': source }, 'src/index.js')).toBe('production');
  });

  it('a file of a workspace package that only a file watcher runs, with no start or build script and no Dockerfile, is development', async () => {
    const pkg = (json: object) => JSON.stringify(json);
    const compose = 'services:\n  kafka:\n    image: bitnami/kafka\n';
    const source = "import { serve } from '@hono/node-server';\nserve({ fetch: app.fetch, port: 3000 });\n";
    const table: [string, Tree, string, FileRole][] = [
      // Dokploy 9b7aacc93407 apps/api: a queue prototype whose one run script is tsx watch, with a compose for its local Kafka.
      ['tsx watch beside tsc, the compose', { 'apps/api/package.json': pkg({ name: 'my-app', scripts: { dev: 'tsx watch src/index.ts', tsc: 'tsc --project tsconfig.json' } }), 'apps/api/docker-compose.yml': compose }, 'apps/api/docker-compose.yml', 'development'],
      ['tsx watch, the code', { 'apps/api/package.json': pkg({ name: 'my-app', scripts: { dev: 'tsx watch src/index.ts' } }), 'apps/api/src/index.ts': source }, 'apps/api/src/index.ts', 'development'],
      ['a scratch test.ts of the prototype', { 'apps/api/package.json': pkg({ name: 'my-app', scripts: { dev: 'tsx watch src/index.ts' } }), 'apps/api/src/test.ts': source }, 'apps/api/src/test.ts', 'development'],
      ['nodemon and node --watch', { 'svc/package.json': pkg({ scripts: { dev: 'nodemon index.js', watch: 'node --watch index.js', lint: 'eslint .' } }), 'svc/index.js': source }, 'svc/index.js', 'development'],
      // A start or build script, a runtime started without a watcher, a Dockerfile, a library: the package runs or ships elsewhere.
      ['a start script', { 'svc/package.json': pkg({ scripts: { dev: 'nodemon index.js', start: 'node index.js' } }), 'svc/index.js': source }, 'svc/index.js', 'production'],
      ['a build script', { 'svc/package.json': pkg({ scripts: { dev: 'tsx watch src/index.ts', build: 'tsc' } }), 'svc/src/index.ts': source }, 'svc/src/index.ts', 'production'],
      ['a runtime without a watcher', { 'svc/package.json': pkg({ scripts: { dev: 'tsx watch src/index.ts', serve: 'tsx src/index.ts' } }), 'svc/src/index.ts': source }, 'svc/src/index.ts', 'production'],
      ['another script runs node', { 'svc/package.json': pkg({ scripts: { dev: 'tsx watch src/index.ts', worker: 'node dist/worker.js' } }), 'svc/src/index.ts': source }, 'svc/src/index.ts', 'production'],
      ['a Dockerfile in the package', { 'svc/package.json': pkg({ scripts: { dev: 'tsx watch src/index.ts' } }), 'svc/Dockerfile': 'FROM node:20\n', 'svc/docker-compose.yml': compose }, 'svc/docker-compose.yml', 'production'],
      ['a library with main', { 'svc/package.json': pkg({ main: 'dist/index.js', scripts: { dev: 'tsx watch src/index.ts' } }), 'svc/src/index.ts': source }, 'svc/src/index.ts', 'production'],
      ['no watcher at all', { 'svc/package.json': pkg({ scripts: { lint: 'eslint .' } }), 'svc/docker-compose.yml': compose }, 'svc/docker-compose.yml', 'production'],
      ['the root package.json describes the project', { 'package.json': pkg({ scripts: { dev: 'tsx watch src/index.ts' } }), 'docker-compose.yml': compose }, 'docker-compose.yml', 'production'],
    ];
    for (const [name, tree, path, role] of table) expect([name, await roleOf(tree, path)]).toEqual([name, role]);
  });

  it('a compose stack that mounts the source tree over its image and shows a second development sign is the development stack', async () => {
    const role = (compose: string, more: Tree = {}, path = 'docker-compose.yml') => roleOf({ [path]: compose, ...more }, path);
    const table: [string, string, Tree, FileRole][] = [
      // The build context mounted over the image, with a reloader or a development environment.
      ['build context and --reload', 'services:\n  api:\n    build:\n      context: backend\n    command: uvicorn app.main:app --reload --host 0.0.0.0\n    volumes:\n      - ./backend/:/app/:cached\n', {}, 'development'],
      ['build context and NODE_ENV', 'services:\n  web:\n    build: ./frontend\n    volumes:\n      - ./frontend:/app\n    environment:\n      - NODE_ENV=development\n', {}, 'development'],
      ['src folder of the context and npm run dev', 'services:\n  web:\n    build: .\n    command: npm run dev\n    volumes:\n      - ./src:/app/src\n', {}, 'development'],
      ['the whole folder and runserver', 'services:\n  web:\n    image: python:3.12\n    command: python manage.py runserver 0.0.0.0:8000\n    volumes:\n      - .:/code\n', {}, 'development'],
      ['the folder above and dotnet watch', 'services:\n  api:\n    build: ..\n    entrypoint: ["dotnet", "watch", "run"]\n    volumes:\n      - ../:/src\n', {}, 'development'],
      ['long syntax and ASPNETCORE_ENVIRONMENT', 'services:\n  api:\n    build: .\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n    environment:\n      ASPNETCORE_ENVIRONMENT: Development\n', {}, 'development'],
      ['the env file it loads says local', 'services:\n  php:\n    image: bitnami/php-fpm:8.2\n    env_file: .env.docker\n    volumes:\n      - ./:/var/www\n', { '.env.docker': 'APP_NAME=Shop\nAPP_ENV=local\nAPP_DEBUG=true\n' }, 'development'],
      // One sign alone says nothing: a mounted source tree, or a development setting left in a deployed stack.
      ['mount alone', 'services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n', {}, 'production'],
      ['setting alone', 'services:\n  web:\n    build: .\n    environment:\n      - FLASK_ENV=development\n    volumes:\n      - ./data:/data\n', {}, 'production'],
      // Configuration and data folders, files, named volumes and absolute paths are what deployments mount.
      ['config folder', 'services:\n  app:\n    image: ghcr.io/acme/app:1\n    command: app --reload-config\n    environment:\n      - NODE_ENV=development\n    volumes:\n      - ./config:/config\n      - ./nginx.conf:/etc/nginx/nginx.conf\n      - data:/var/lib/app\n      - /srv/app:/srv\n', {}, 'production'],
      ['a folder of the context that is not source', 'services:\n  web:\n    build: .\n    command: npm run dev\n    volumes:\n      - ./uploads:/app/uploads\n', {}, 'production'],
      ['production values', 'services:\n  web:\n    build: .\n    command: npm run start\n    environment:\n      - NODE_ENV=production\n      - APP_ENV=${APP_ENV:-local}\n    volumes:\n      - .:/app\n', {}, 'production'],
      // The file's comment says self-hosting, or the README starts it under an installation heading: what users run.
      ['kept for deployment', 'services:\n  web:\n    build:\n      context: ..\n    volumes:\n      - ../src:/app/src\n    environment:\n      - FLASK_ENV=development\n', {}, 'production'],
      ['self-hosting comment', '# Compose file for self-hosting\nservices:\n  web:\n    build: .\n    command: npm run dev\n    volumes:\n      - .:/app\n', {}, 'production'],
      ['README installs it', 'services:\n  web:\n    build: .\n    environment:\n      - FLASK_ENV=development\n    volumes:\n      - .:/app\n', { 'README.md': '# Watcher\n\n## Self-hosted change monitoring\n\n    docker-compose up -d\n' }, 'production'],
      // The image it builds is a development one: by its Dockerfile's name, or by its start command.
      ['builds Dockerfile.local', 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.local\n    volumes:\n      - .:/app:rw,cached\n', { 'Dockerfile.local': 'FROM node:20\nCOPY . /app\n' }, 'development'],
      ['builds a Dockerfile that starts pnpm dev', 'services:\n  app:\n    build: .\n    volumes:\n      - .:/app\n', { Dockerfile: 'FROM node:20-alpine\nCOPY . /app\nCMD pnpm dev\n' }, 'development'],
      ['builds a production Dockerfile', 'services:\n  app:\n    build: .\n    volumes:\n      - .:/app\n', { Dockerfile: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "server.js"]\n' }, 'production'],
      // bar-assistant c7b3bbe8211a: the app builds the `dev` stage of a Dockerfile whose `dist` stage is what ships.
      ['builds the dev stage', 'services:\n  app:\n    build:\n      target: dev\n    volumes:\n      - ./:/var/www/app\n  files:\n    image: rustfs/rustfs:latest\n', { Dockerfile: 'FROM php:8.4-fpm AS base\nFROM base AS dist\nCOPY . /var/www/app\nFROM base AS dev\nRUN install-php-extensions xdebug\n' }, 'development'],
      ['builds the dist stage', 'services:\n  app:\n    build:\n      target: dist\n    volumes:\n      - ./:/var/www/app\n', { Dockerfile: 'FROM php:8.4-fpm AS base\nFROM base AS dist\nCOPY . /var/www/app\nFROM base AS dev\n' }, 'production'],
      ['README runs a one-off command elsewhere', 'services:\n  web:\n    build: .\n    command: npm run dev\n    volumes:\n      - .:/app\n', { 'README.md': '# Shop\n\n## Migrations\n\n    docker-compose run --rm web npm run migrate\n' }, 'development'],
    ];
    for (const [name, compose, more, expected] of table) expect([name, await role(compose, more, name === 'kept for deployment' ? 'deployment/docker-compose.yml' : 'docker-compose.yml')]).toEqual([name, expected]);
    // The same stack outside a deployment folder is the development stack.
    expect(await role('services:\n  web:\n    build:\n      context: ..\n    volumes:\n      - ../src:/app/src\n    environment:\n      - FLASK_ENV=development\n', {}, 'docker/docker-compose.yml')).toBe('development');
    const compose = 'services:\n  api:\n    build: backend\n    command: uvicorn app.main:app --reload\n    volumes:\n      - ./backend/:/app/\n';
    expect(sourceMountedStack(parseYaml(compose))).toBe('its service `api` mounts the source tree over the image (`./backend/:/app/`) and `api` starts `--reload`: a local development stack');
  });

  it('a YAML configuration that declares a development or test environment is that environment\'s', async () => {
    const table: [string, string, FileRole][] = [
      ['config/postal/postal.yml', 'web_server:\n  port: 5000\nrails:\n  secret_key: abc\n  environment: development\n', 'development'],
      ['config/app.yml', 'environment: test\ndatabase:\n  host: localhost\n', 'test'],
      ['config/app.yml', 'env: local\n', 'development'],
      ['config/app.yml', 'environment: production\n', 'production'],
      // A variable set in capitals, a Kubernetes label, a compose service's environment, a chart's values: not a declaration.
      ['config/app.yml', 'settings:\n  ENVIRONMENT: development\n', 'production'],
      ['k8s/db.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    environment: development\n', 'production'],
      ['deploy/compose.yaml', 'services:\n  app:\n    image: acme/app:1\n    environment: development\n', 'production'],
      ['config/app.yml', 'app:\n  nested:\n    environment: development\n', 'production'],
    ];
    for (const [path, text, expected] of table) expect([path, text, await roleOf({ [path]: text }, path)]).toEqual([path, text, expected]);
    expect(await roleOf({ 'chart/values.yaml': 'environment: development\n', 'chart/Chart.yaml': 'name: app\n' }, 'chart/values.yaml')).toBe('production');
    expect(declaredEnvironment(parseYaml('rails:\n  environment: development\n'))).toEqual({ role: 'development', setting: 'rails.environment: development' });
  });

  it('an environment\'s settings file that only development setups select is development', async () => {
    const settings = '{ "ConnectionStrings": { "Db": "Server=db;User Id=sa;" } }\n';
    const override = 'services:\n  web:\n    environment:\n      - ASPNETCORE_ENVIRONMENT=Docker\n';
    expect(await roleOf({ 'src/Web/appsettings.Docker.json': settings, 'docker-compose.override.yml': override }, 'src/Web/appsettings.Docker.json')).toBe('development');
    const launch = '{ "profiles": { "Web": { "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Local" } } } }\n';
    expect(await roleOf({ 'src/Web/appsettings.Local.json': settings, 'src/Web/Properties/launchSettings.json': launch }, 'src/Web/appsettings.Local.json')).toBe('development');
    // Selected by a production file too (its Dockerfile), or by nothing the review can see: production.
    expect(await roleOf({ 'src/Web/appsettings.Docker.json': settings, 'docker-compose.override.yml': override, 'src/Web/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_ENVIRONMENT=Docker\n' }, 'src/Web/appsettings.Docker.json')).toBe('production');
    expect(await roleOf({ 'src/Web/appsettings.Docker.json': settings }, 'src/Web/appsettings.Docker.json')).toBe('production');
    expect(await roleOf({ 'src/Web/appsettings.Production.json': settings, 'docker-compose.override.yml': override.replace('Docker', 'Production') }, 'src/Web/appsettings.Production.json')).toBe('production');
  });

  it('an env template the README copies only under a local development heading is development', async () => {
    const template = 'JWT_SECRET=abc\n';
    const local = '# What is Shop?\n\nSee the site.\n\n# How to run it locally for development purpose?\n\n5) run `cp .example.env .env` to create a local configuration.\n';
    expect(await roleOf({ '.example.env': template, 'README.md': local }, '.example.env')).toBe('development');
    expect(await roleOf({ '.env.example': template, 'README.md': '# Shop\n\n## Local development\n\nCopy `.env.example` to `.env`.\n' }, '.env.example')).toBe('development');
    // Copied under a heading that does not say local (every install copies it), or also there: an example.
    expect(await roleOf({ '.env.example': template, 'README.md': '# Shop\n\n## Getting Started\n\n```bash\ncp .env.example .env\n```\n\n## Running Locally\n\n    yarn dev\n' }, '.env.example')).toBe('example');
    expect(await roleOf({ '.env.example': template, 'README.md': '# Shop\n\n## Install\n\n    cp .env.example .env\n\n## Development\n\n    cp .env.example .env\n' }, '.env.example')).toBe('example');
    // The title says development: it names the project, not the run.
    expect(await roleOf({ '.env.example': template, 'README.md': '# Dev Shop\n\n    cp .env.example .env\n' }, '.env.example')).toBe('example');
    // Another file copied under a local heading says nothing of this one.
    expect(await roleOf({ '.env.example': template, 'README.md': '# Shop\n\n## Local development\n\n    cp config.example.yml config.yml\n' }, '.env.example')).toBe('example');
  });

  it("a compose file with a developer's database or queue browser is the local stack, unless kept or documented for deployment", async () => {
    // awesome-nest-boilerplate f10ba64650da, featbit ad6b366de073, exercism 2f2edcf06ea8: pgAdmin, Kafka UI, Adminer beside the stores.
    const stack = (tool: string) => `services:\n  db:\n    image: postgres:16\n    ports:\n      - 5432:5432\n  api:\n    build: .\n  tool:\n    image: ${tool}\n    ports:\n      - 8080:80\n`;
    for (const tool of ['dpage/pgadmin4', 'adminer:4', 'provectuslabs/kafka-ui:latest', 'rediscommander/redis-commander', 'phpmyadmin/phpmyadmin']) {
      expect([tool, await roleOf({ 'docker-compose.yml': stack(tool) }, 'docker-compose.yml')]).toEqual([tool, 'development']);
    }
    // Portainer manages a self-hosted server; a deployment folder, a production name or an installation guide keep the file deployed.
    expect(await roleOf({ 'docker-compose.yml': stack('portainer/portainer-ce:latest') }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'deploy/docker-compose.yml': stack('dpage/pgadmin4') }, 'deploy/docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.prod.yml': stack('dpage/pgadmin4') }, 'docker-compose.prod.yml')).toBe('production');
    expect(await roleOf({ 'docker-compose.yml': stack('dpage/pgadmin4'), 'README.md': '# Shop\n\n## Self-hosting\n\n    docker compose up -d\n' }, 'docker-compose.yml')).toBe('production');
  });

  it("Symfony's committed .env, whose header sends production secrets to real environment variables, is development", async () => {
    // uvdesk/community-skeleton 22f38b392062: the framework's own header over `APP_ENV=dev` and recipe placeholders.
    const header = '# Real environment variables win over .env files.\n#\n# DO NOT DEFINE PRODUCTION SECRETS IN THIS FILE NOR IN ANY OTHER COMMITTED FILES.\n#\n';
    expect(await roleOf({ '.env': `${header}APP_ENV=dev\nAPP_SECRET=YOUR_APP_SECRET\n` }, '.env')).toBe('development');
    expect(await roleOf({ '.env': 'APP_ENV=prod\nAPP_SECRET=abc\n' }, '.env')).toBe('production');
    expect(await roleOf({ 'docs/env.md': header }, 'docs/env.md')).toBe('example');
  });

  it('a compose file the root Tiltfile starts is the local development stack', async () => {
    // PeerDB 1eb21016c63d: `docker_compose('./ancillary-docker-compose.yml', env_file=…)` starts the e2e suite's services.
    const stack = 'services:\n  logs:\n    image: amir20/dozzle:latest\n';
    const tiltfile = "docker_compose('./docker-compose-dev.yml')\ndocker_compose('./ancillary-docker-compose.yml', env_file=tiltfile_dir + '/ancillary.env')\ndocker_compose(['infra/a.yml', \"infra/b.yml\"])\n";
    expect(await roleOf({ 'ancillary-docker-compose.yml': stack, Tiltfile: tiltfile }, 'ancillary-docker-compose.yml')).toBe('development');
    expect(await roleOf({ 'infra/b.yml': stack, Tiltfile: tiltfile }, 'infra/b.yml')).toBe('development');
    // A compose file the Tiltfile does not start, or no Tiltfile: judged as usual.
    expect(await roleOf({ 'docker-compose.yml': stack, Tiltfile: tiltfile }, 'docker-compose.yml')).toBe('production');
    expect(await roleOf({ 'ancillary-docker-compose.yml': stack }, 'ancillary-docker-compose.yml')).toBe('production');
  });

  it('a stack the README\'s Play with Docker link loads is a demo', async () => {
    const stack = 'services:\n  app:\n    image: nextcloud\n';
    const readme = '# Nextcloud\n\n[![Try in PWD](https://example.com/button.png)](https://labs.play-with-docker.com/?stack=https://raw.githubusercontent.com/nextcloud/docker/master/stack.yml)\n';
    expect(await roleOf({ 'stack.yml': stack, 'README.md': readme }, 'stack.yml')).toBe('example');
    expect(await roleOf({ 'other/stack.yml': stack, 'README.md': readme }, 'other/stack.yml')).toBe('production');
    expect(await roleOf({ 'stack.yml': stack, 'README.md': '# Nextcloud\n\n    docker stack deploy -c stack.yml nextcloud\n' }, 'stack.yml')).toBe('production');
  });

  it('keys beside a configuration that declares development are development, and so is a development image\'s folder', async () => {
    const config = 'rails:\n  environment: development\n';
    const key = '-----BEGIN PRIVATE KEY-----\nabc\n';
    expect(await roleOf({ 'config/postal/postal.yml': config, 'config/postal/signing.key': key }, 'config/postal/signing.key')).toBe('development');
    expect(await roleOf({ 'config/postal/postal.yml': config.replace('development', 'production'), 'config/postal/signing.key': key }, 'config/postal/signing.key')).toBe('production');
    expect(await roleOf({ 'config/postal/postal.yml': config, 'config/other/signing.key': key }, 'config/other/signing.key')).toBe('production');
    const devImage = 'FROM php:8.1-fpm\nRUN pecl install xdebug && docker-php-ext-enable xdebug\nCOPY config/parameters.yml /var/www/app/config/\n';
    const parameters = 'parameters:\n  rabbitmq_password: guest\n';
    expect(await roleOf({ 'docker/php/Dockerfile': devImage, 'docker/php/config/parameters.yml': parameters }, 'docker/php/config/parameters.yml')).toBe('development');
    // A production image's folder, or the root's (the whole repository), says nothing.
    expect(await roleOf({ 'docker/php/Dockerfile': 'FROM php:8.1-fpm\nCOPY config/parameters.yml /var/www/app/config/\n', 'docker/php/config/parameters.yml': parameters }, 'docker/php/config/parameters.yml')).toBe('production');
    expect(await roleOf({ Dockerfile: devImage, 'config/parameters.yml': parameters }, 'config/parameters.yml')).toBe('production');
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
    // A finding about the image a Dockerfile builds says what shows that image ships.
    expect(prod.findings[0]!.message).toMatch(/Reported because its image ships: it is the root Dockerfile/);
  });
});
