// One shared notion of a file's role (production, development, test, example, CI, archived), decided once
// per review from configuration, names and folders, so every check agrees on what is production.
import type { ChangedFile } from '../model/change-set.js';
import { FILE_ROLES, type FileRole, type RoleGlobs, type RoleVerdict } from '../model/file-role.js';
import { envTemplateVariant } from './env-template.js';
import { pathMatcher } from './glob.js';
import { namesImage, type ImageNames } from './image-names.js';
import { PLAIN_COMPOSE_NAMES, basename, isDockerfile, isEnvFile, isJavaScript, repoJoin } from '../parse/file-kinds.js';
import { buildSourceImages, commandWords, finalStage, hubImageName, parseDockerfile, parseImageReference, rootImage, stageLineage, startInstructions, type Dockerfile } from '../parse/dockerfile.js';
import { TOP_LEVEL_SERVICES, builtDockerfile, composeEnvironment, composeServices, hasComposeServices, type ComposeService } from '../parse/compose.js';
import { parseEnvFile } from '../parse/env-file.js';
import { escapeRegExp } from '../parse/regexp.js';
import { effectiveCommands, programName, shellCommands } from '../parse/shell.js';
import { get, getPair, getPairMerged, getString, isMap, isScalar, isSeq, parseYaml, scalarText, type YamlFile } from '../parse/yaml.js';

export interface RoleSources {
  /** Head text of any path, or null. */
  text(path: string): Promise<string | null>;
  /** The changed files that exist at head. */
  files(): readonly ChangedFile[];
  roles?: RoleGlobs;
  /** Parsed YAML and Dockerfiles shared with the checks; parsed here from `text` when absent. */
  yaml?(path: string): Promise<YamlFile | null>;
  dockerfile?(path: string): Promise<Dockerfile | null>;
  /** The head paths in a folder, or null when the source cannot list (then rules that need a listing say nothing). */
  list?(dir: string): Promise<readonly string[] | null>;
  /** The repository under review, when the front end knows it (its own Helm chart is looked up by its name). */
  repository?: { owner: string; name: string };
}

/** Where a repository keeps the Helm chart it deploys itself with: a folder named for it, or the chart folder alone. */
export function ownChartManifests(name: string): string[] {
  const folder = name.toLowerCase();
  return [...['charts', 'chart', 'helm', 'helm_deploy', 'helm-chart', 'deploy/helm', 'deploy/charts'].map((dir) => `${dir}/${folder}/Chart.yaml`), 'chart/Chart.yaml', 'helm/Chart.yaml'];
}

const ARCHIVED_FOLDER = /^[._]?(?:archived?|attic|graveyard|obsolete|old|deprecated)$/;
/** Folders of CI providers: GitHub, GitLab, CircleCI, Buildkite, Woodpecker, Drone, Gitea and Forgejo Actions, Depot CI, Semaphore, Tekton, Azure Pipelines. */
const CI_FOLDER = /^(?:\.github|\.gitlab|\.circleci|\.buildkite|\.woodpecker|\.drone|\.ci|ci|\.gitea|\.forgejo|\.depot|\.semaphore|\.tekton|\.azure-pipelines|\.azuredevops)$/;
const CI_NAME = /^(?:\.gitlab-ci\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|jenkinsfile(?:\.[\w-]+)?|appveyor\.ya?ml|\.cirrus\.ya?ml|codecov\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|bitrise\.ya?ml|codemagic\.ya?ml)$/;
/**
 * A `workflows/` or `pipelines/` folder directly inside a dot folder (`.depot/workflows/`, `.forgejo/workflows/`):
 * where CI services, whatever their name, keep the workflows they run.
 */
const CI_WORKFLOW_FOLDER = /^(?:workflows|pipelines)$/;
const TEST_FOLDER = /^(?:tests?|benches|regtest|__tests__|specs?|bdd|e2e|end[-_]to[-_]end|acceptance|testing|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?|stubs?|test[-_]?utils?|test[-_]?helpers?|integration[-_]?tests?|functional[-_]?tests?|unit[-_]?tests?|test[-_]?env(?:ironment)?s?|(?:vcr[-_]?)?cassettes|__snapshots__|snapshots|cypress|playwright)$/;
/**
 * Test files by name, and the configuration of test runners, which sets the environment the tests run in
 * (PHPUnit's `phpunit.xml` with its `<env name="DB_PASSWORD" …>`, `jest.config.js`, `playwright.config.ts`).
 */
const TEST_NAME = /^(?:conftest\.py|test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.(?:[cm]?[jt]sx?|py|rb)|[^/]*_spec\.rb|settings_test(?:ing)?\.py|test_settings\.py|testing\.py|[^/]*\.(?:snap|har)|phpunit\.xml(?:\.dist)?|pytest\.ini|(?:jest|vitest|cypress|playwright|karma|wdio|protractor|nightwatch)\.conf(?:ig)?(?:\.[\w-]+)?\.[cm]?[jt]s)$/;
/** JVM, .NET and Swift test classes (`UserServiceTest.java`), matched with their capital `T`. */
const TEST_CLASS = /^[A-Za-z0-9_]*Tests?\.(?:java|kt|cs|scala|groovy|swift)$/;
const EXAMPLE_FOLDER = /^(?:examples?|samples?|demos?|docs?|documentation|tutorials?|quickstarts?|playground|sandbox|cookbook)$/;
/** Example-folder names that are also what a product's image is called (a code-execution `sandbox`, a public `playground`). */
const IMAGE_NAMED_FOLDER = /^(?:sandbox|playground)$/;
/** Folders that hold one image per subfolder (`docker/sandbox/Dockerfile`, `images/playground/Dockerfile`). */
const IMAGES_FOLDER = /^(?:docker|dockerfiles|images|containers?|deploy|deployments?)$/;
/**
 * Folders of development setups: `dev/`, `local/`, editors' folders, and cloud development environments that
 * build a workspace image for a person or a coding agent: Dev Containers (`.devcontainer/`), Cursor's cloud
 * agents (`.cursor/Dockerfile`), CodeSandbox (`.codesandbox/Dockerfile`) and Gitpod (`.gitpod/`); and
 * `devservices/`, the folder Sentry's devservices tool reads (`devservices/config.yml`, a compose file with its
 * `x-sentry-service-config`) to start a service's local development dependencies; and `hack/`, where Go and
 * Kubernetes projects keep the scripts and stacks a developer runs (kubebuilder's `hack/boilerplate.go.txt`, a load
 * test's `hack/loadtest/docker-compose.yml`), never what a release deploys.
 */
/**
 * Developer tool configuration: version managers and shells that set the local environment for a person at a
 * checkout (mise `mise.toml` / `.mise.toml` and its `[env]`, rtx, asdf `.tool-versions`, direnv `.envrc`, Devbox,
 * devenv), Tilt's inner-loop `Tiltfile` and Air's `.air.toml` (the Go live-reloader that rebuilds and restarts the app on
 * every save). Nothing deploys them; a `mise.production.toml` that names a
 * production environment is left to the other rules.
 */
const DEVELOPMENT_TOOL_NAME = /^(?:\.?mise(?:\.(?!(?:prod|production|staging)\.)[\w-]+)*\.toml|\.rtx\.toml|\.tool-versions|\.envrc|tiltfile|devbox\.json|devenv\.(?:nix|ya?ml)|launchsettings\.json|\.?air\.toml)$/;
/** mise's configuration kept in a folder: `.mise/config.toml`, `mise/config.toml`, `.config/mise.toml`, `.config/mise/config.toml`. */
const DEVELOPMENT_TOOL_PATH = /(?:^|\/)(?:\.?mise\/config(?:\.[\w-]+)?\.toml|\.config\/mise(?:\/config)?(?:\.[\w-]+)?\.toml)$/;
const DEVELOPMENT_FOLDER = /^(?:\.devcontainer|\.cursor|\.codesandbox|\.gitpod|\.docker|dev|devel|development|local|dev[-_]?envs?|devservices|hack|\.vscode|\.idea)$/;
/**
 * Words of a folder name (split on `-` and `_`) that say what the whole folder is for (`discourse_dev/`,
 * `api-tests/`, `demo-setups/`). Whole words only: `devops/`, `device/` and `latest/` say nothing.
 */
/** `ci-config/`, `config_ci/`, `.ci-scripts/`: what a CI job mounts or runs, as under `.ci/`. */
const CI_FOLDER_WORD = /^ci$/;
const TEST_FOLDER_WORD = /^(?:test|tests|testing|e2e|regtest)$/;
const DEVELOPMENT_FOLDER_WORD = /^(?:dev|devel|development)$/;
/** `setup_guide/`, `user-guides/`: a guide's folder holds the documentation and the samples it walks its reader through. */
const EXAMPLE_FOLDER_WORD = /^(?:examples?|samples?|demos?|guides?)$/;
/**
 * Words of a benchmark or load-test harness's folder (`benchmarks/`, `packages/tracecat-benchmark/`,
 * `loadtests/`): it measures the code and is not deployed. Only a folder at the repository root or directly
 * in a workspace folder (`packages/`, `crates/`, `tools/`, `projects/`, `modules/`) counts: deeper in an
 * application a `benchmark/` folder is a feature (a portfolio's benchmark service, a security benchmark
 * page). `bench` alone is left out: `frappe-bench/` is where Frappe sites are deployed.
 */
const BENCHMARK_FOLDER_WORD = /^(?:benchmarks?|benchmarking|loadtests?|loadtesting)$/;
const WORKSPACE_FOLDER = /^(?:packages|crates|tools|projects|modules)$/;
/**
 * Per-pull-request preview environments (review apps): a folder named for one (`review-apps/`, `preview-envs/`,
 * `pr-previews/`) or a folder or file name with the word `uffizzi` (Uffizzi, a service that only runs such
 * previews: `uffizzi/`, `docker-compose.uffizzi.yml`). CI deploys them for each pull request and tears them
 * down when it closes: a change is tried there before it reaches production. `preview` alone says nothing
 * (an image-preview service, a preview release channel). Bunnyshell's per-pull-request environments keep their
 * images and templates in `.bunnyshell/` (Sylius), named the same way.
 */
const PREVIEW_FOLDER = /^(?:review[-_]?apps?|previews?[-_]?env(?:ironment)?s?|pr[-_]?previews?)$/;
const PREVIEW_WORD = /^(?:uffizzi|bunnyshell)$/;
/** Words of a file name (split on `.`, `-`, `_`) that say what the file is for. */
const CI_WORD = /^(?:ci)$/;
const TEST_WORD = /^(?:test|tests|testing|e2e|integration|regtest)$/;
/**
 * Test runners that load an env file of their own name (Laravel Dusk's `.env.dusk`, `.env.dusk.local`;
 * `.env.cypress`, `.env.playwright`, `.env.jest`, `.env.phpunit`, `.env.vitest`): in an env file's name they
 * name the environment that loads it, a test one.
 */
const ENV_TEST_RUNNER_WORD = /^(?:dusk|cypress|playwright|jest|vitest|phpunit|pest)$/;
/**
 * Browser end-to-end test runners: in the name of a Dockerfile or compose file (`Dockerfile.playwright`,
 * `docker-compose.cypress.yml`) they name the image or stack that runs the end-to-end suite, which nothing
 * deploys. Only those kinds: a module named `playwright.ts` may be a product's own browser automation.
 */
const TEST_RUNNER_IMAGE_WORD = /^(?:cypress|playwright)$/;
const CONTAINER_FILE = /^(?:(?:docker-)?compose[^/]*\.ya?ml|(?:dockerfile|containerfile)(?:[.-][^/]*)?|[^/]*\.dockerfile)$/i;
const EXAMPLE_WORD = /^(?:example|examples|sample|samples|demo|template|tmpl|tpl|j2|jinja2?|dist)$/;
/**
 * Words of a file name that say it holds stand-ins for real data or services, made for tests: fixtures, mocks
 * and fakes (`minimal-fake-pooler-deployment.yaml` that an end-to-end suite applies, `user_fixtures.json`,
 * `mockServer.ts`). `stub` is left out: Go's and C's `stub_linux.go` is the production build for a platform
 * without the feature.
 */
const STAND_IN_WORD = /^(?:fakes?|mocks?|mocked|fixtures?)$/;
/**
 * Words read in a file name at camel case too (`sampleExecutions.js`, `mockApi.ts`, `FakeUserStore.java`), since
 * modules are named so: the stand-in words and `sample`/`samples` (recorded or made-up data). Only these: other
 * name words are product code at camel case (`localStorage.ts`, `debugPanel.tsx`, `TestConnectionButton.tsx`,
 * `templateEngine.ts`).
 */
const CAMEL_NAME_WORD = /^(?:fakes?|mocks?|mocked|fixtures?|samples?)$/;
const DEVELOPMENT_WORD = /^(?:dev|devel|develop|development|local|debug|devcontainer|gitpod|codespaces?|override|stories|storybook|devstack)$/;
/** File-name words of a benchmark, load-test or lint harness (`config/bench.exs`, `lint-and-validate-values.yaml`); not `benchmark`, which products name features after (`benchmark.service.ts`). */
const HARNESS_NAME_WORD = /^(?:bench|loadtests?|lint)$/;
/** File-name words of seed data, which a development or demo database is filled with (`prisma/seed.ts`, `db/seeds.rb`). */
const SEED_NAME_WORD = /^(?:seed|seeds|seeder|seeders|seeding)$/;

const describeSegment = (segment: string) => `the path is under \`${segment}/\``;
const describeWord = (word: string, name: string) => `its name says \`${word}\` (\`${name}\`)`;
const describeFolderWord = (word: string, segment: string) => `the path is under \`${segment}/\`, a folder whose name says \`${word}\``;

/**
 * The role a path's folders and name give it, or undefined when they say nothing (production by default).
 * With `words: false`, a word in the file name (`.env.example`, `compose.test.yml`) does not count.
 */
export function roleFromName(path: string, options: { words?: boolean } = {}): RoleVerdict | undefined {
  const segments = path.split('/');
  const name = segments.pop() ?? '';
  const lowerSegments = segments.map((s) => s.toLowerCase());
  const lowerName = name.toLowerCase();
  // A leading dot hides a folder, it does not change what it holds: `.examples/`, `.tests/` and `.dev/` are read
  // as `examples/`, `tests/` and `dev/` (the folders named with their dot, `.devcontainer/`, `.github/`, stay as listed).
  const undotted = lowerSegments.map((s) => s.replace(/^\.(?=.)/, ''));
  const folder = (test: RegExp) => segments.find((_, i) => test.test(lowerSegments[i]!) || test.test(undotted[i]!));
  /**
   * Words of a folder name: split at `-`, `_` and `.` (a .NET solution's projects are `BTCPayServer.Tests/`,
   * `App.IntegrationTests/`), and with `camelCase` at camel case too (.NET and Java trees write `TestSuite/`,
   * `IntegrationTests/`, `SampleApp/`).
   */
  const folderWords = (i: number, camelCase: boolean): string[] => {
    const words = undotted[i]!.split(/[-_.]/);
    const camel = camelCase ? segments[i]!.replace(/^\.(?=.)/, '').split(/(?<=[a-z0-9])(?=[A-Z])|[-_.]/).map((w) => w.toLowerCase()) : [];
    return camel.length > 1 ? [...words, ...camel] : words;
  };

  let hit = folder(ARCHIVED_FOLDER);
  if (hit) return { role: 'archived', reason: describeSegment(hit) };
  hit = folder(CI_FOLDER);
  if (hit) return { role: 'ci', reason: describeSegment(hit) };
  const workflows = segments.findIndex((_, i) => i > 0 && CI_WORKFLOW_FOLDER.test(lowerSegments[i]!) && lowerSegments[i - 1]!.startsWith('.'));
  if (workflows > 0) return { role: 'ci', reason: describeSegment(segments.slice(workflows - 1, workflows + 1).join('/')) };
  if (CI_NAME.test(lowerName)) return { role: 'ci', reason: `\`${name}\` is CI configuration` };
  hit = folder(TEST_FOLDER);
  if (hit) return { role: 'test', reason: describeSegment(hit) };
  if (TEST_NAME.test(lowerName) || TEST_CLASS.test(name)) return { role: 'test', reason: `\`${name}\` is a test file` };
  // `docker/sandbox/`: in a folder of images, one per subfolder, `sandbox` or `playground` names the image (an
  // agent's code-execution sandbox), not a place to try things.
  hit = segments.find((_, i) => (EXAMPLE_FOLDER.test(lowerSegments[i]!) || EXAMPLE_FOLDER.test(undotted[i]!)) && !(i > 0 && IMAGE_NAMED_FOLDER.test(lowerSegments[i]!) && IMAGES_FOLDER.test(lowerSegments[i - 1]!)));
  if (hit) return { role: 'example', reason: describeSegment(hit) };
  hit = folder(DEVELOPMENT_FOLDER);
  if (hit) return { role: 'development', reason: describeSegment(hit) };
  if (DEVELOPMENT_TOOL_NAME.test(lowerName) || DEVELOPMENT_TOOL_PATH.test(path.toLowerCase())) return { role: 'development', reason: `\`${name}\` configures a developer's local tools and environment` };
  for (const [role, test] of [
    ['ci', CI_FOLDER_WORD],
    ['test', TEST_FOLDER_WORD],
    ['example', EXAMPLE_FOLDER_WORD],
    ['development', DEVELOPMENT_FOLDER_WORD],
  ] as const) {
    for (let i = 0; i < segments.length; i++) {
      // Camel case for every role but development: `DevOps/` holds deployments.
      const words = folderWords(i, role !== 'development');
      // `ci-cd/` holds the delivery pipeline too, whose manifests deploy production.
      if (role === 'ci' && words.includes('cd')) continue;
      const word = words.find((w) => test.test(w));
      if (word) return { role, reason: describeFolderWord(word, segments[i]!) };
    }
  }
  for (let i = 0; i < segments.length; i++) {
    const word = PREVIEW_FOLDER.test(undotted[i]!) ? segments[i]! : undotted[i]!.split(/[-_.]/).find((w) => PREVIEW_WORD.test(w));
    if (word) return { role: 'test', reason: `${describeFolderWord(word, segments[i]!)}: a per-pull-request preview environment, not production` };
  }
  const previewWord = lowerName.split(/[.\-_]/).find((w) => PREVIEW_WORD.test(w));
  if (previewWord) return { role: 'test', reason: `${describeWord(previewWord, name)}: a per-pull-request preview environment, not production` };
  for (let i = 0; i < Math.min(segments.length, 2); i++) {
    if (i === 1 && !WORKSPACE_FOLDER.test(lowerSegments[0]!)) break;
    const word = folderWords(i, true).find((w) => BENCHMARK_FOLDER_WORD.test(w));
    if (word) return { role: 'test', reason: `${describeFolderWord(word, segments[i]!)}: a benchmark or load-test harness, not deployed` };
  }
  const words = lowerName.split(/[.\-_]/);
  if (options.words === false) {
    // An env file's name is the environment that loads it (`.env.test`, `.test.env`, `test.env`, `.env.ci`), the
    // dotenv convention test runners follow: its values are that environment's, not a description of the file.
    if (!isEnvFile(name)) return undefined;
    for (const [role, test] of [
      ['ci', CI_WORD],
      ['test', TEST_WORD],
      ['test', ENV_TEST_RUNNER_WORD],
    ] as const) {
      const word = words.find((w) => test.test(w));
      if (word) return { role, reason: `${describeWord(word, name)}: the environment that loads it` };
    }
    return undefined;
  }
  for (const [role, test] of [
    ['ci', CI_WORD],
    ['test', TEST_WORD],
    ['example', EXAMPLE_WORD],
    ['development', DEVELOPMENT_WORD],
  ] as const) {
    // `override` names compose's development overrides (`docker-compose.override.yml`, merged in by default); an env
    // file of that name (lowcoder's `override.env`, loaded after `default.env`) holds a deployment's own settings.
    const word = words.find((w) => test.test(w) && !(w === 'override' && isEnvFile(name)));
    if (word) return { role, reason: describeWord(word, name) };
  }
  const harness = words.find((w) => HARNESS_NAME_WORD.test(w));
  if (harness) return { role: 'test', reason: `${describeWord(harness, name)}: a benchmark, load-test or lint harness, not deployed` };
  const seed = words.find((w) => SEED_NAME_WORD.test(w));
  if (seed) return { role: 'development', reason: `${describeWord(seed, name)}: seed data for a development or demo database` };
  const standIn = words.find((w) => STAND_IN_WORD.test(w));
  if (standIn) return { role: 'test', reason: `${describeWord(standIn, name)}: it holds stand-ins that tests use, not what runs` };
  // `sampleExecutions.js`: at camel case, only the words of stand-in and sample data (see CAMEL_NAME_WORD).
  const camel = name.split(/[.\-_]/).flatMap((w) => w.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)).map((w) => w.toLowerCase()).find((w) => CAMEL_NAME_WORD.test(w));
  if (camel) return STAND_IN_WORD.test(camel) ? { role: 'test', reason: `${describeWord(camel, name)}: it holds stand-ins that tests use, not what runs` } : { role: 'example', reason: describeWord(camel, name) };
  const tool = CONTAINER_FILE.test(name) ? words.find((w) => TEST_RUNNER_IMAGE_WORD.test(w)) : undefined;
  if (tool) return { role: 'test', reason: `${describeWord(tool, name)}, an end-to-end test runner: the image or stack that runs the test suite` };
  const runner = isEnvFile(name) ? words.find((w) => ENV_TEST_RUNNER_WORD.test(w)) : undefined;
  if (runner) return { role: 'test', reason: `${describeWord(runner, name)}: the environment that loads it` };
  return undefined;
}

export const PRODUCTION_REASON = 'nothing in its name, folder, neighbours or comments marks it as development, test, example, CI or archived';

/** Compose and stack files that deploy: beside them, the plain `docker-compose.yml` is the local setup. */
export const PRODUCTION_COMPOSE: readonly string[] = ['docker-compose.prod.yml', 'docker-compose.prod.yaml', 'docker-compose.production.yml', 'docker-compose.production.yaml', 'compose.prod.yaml', 'compose.prod.yml', 'compose.production.yaml', 'compose.production.yml', 'docker-compose-prod.yml', 'docker-compose-production.yml', 'docker-stack.yml', 'docker-stack.yaml'];
export const PRODUCTION_DOCKERFILES: readonly string[] = ['Dockerfile.prod', 'Dockerfile.production', 'prod.Dockerfile', 'production.Dockerfile'];
export const PRODUCTION_SETTINGS: readonly string[] = ['production.py', 'prod.py'];
/** Names that sibling production files qualify; only these plain files become development. */
export const PLAIN_COMPOSE = /^(?:docker-)?compose\.ya?ml$/i;
export const PLAIN_DOCKERFILE = /^(?:dockerfile|containerfile)$/i;
export const BASE_SETTINGS = /(?:^|\/)settings\/(?:base|common|defaults?)\.py$/;
/** A comment that says the file is for development only, or refuses production ("do not use docker-compose in production environments"). */
const DEVELOPMENT_COMMENT = /\b(?:for|only for|meant for|intended for)\s+(?:the\s+|a\s+)?(?:local\s+)?dev(?:elopment)?(?:\s+environment)?\b(?!\s+of\b)|\bnot\s+for\s+(?:running|using|deploying)\s+(?:[\w.-]+\s+){0,3}?in\s+production\b|\bdev(?:elopment)?\s+(?:only|purposes?)\b|\blocal\s+development\b|\b(?:not|never)\s+(?:be\s+)?(?:used\s+)?(?:in|for)\s+production\b|\b(?:do\s+not|don'?t|never)\s+(?:use|deploy|run)\s+(?:[\w.-]+\s+){0,3}?(?:in|to)\s+(?:a\s+)?production\b/i;
/** Folders of stack templates: `templates/`, `stack-templates/`, `app_templates/`. */
const TEMPLATE_FOLDER = /^(?:templates?|(?:stack|app|compose)[-_]templates?)$/;
/** Database files a CI job may keep in the repository as its state. */
const CI_DATA_NAME = /\.(?:db|sqlite3?|db3)$/i;
const COMMENTED_KINDS = /(?:^|\/)(?:dockerfile[^/]*|containerfile[^/]*|[^/]*\.dockerfile|[^/]*\.ya?ml|\.env[^/]*|[^/]*\.env|procfile[^/]*)$/i;

/**
 * A sentence in the repository's README that says all its contents are samples not to be run in production
 * ("These samples must not be deployed in production environments"). It must speak of the samples as a
 * whole (`these`, `the following`, `all the`) and refuse production in the same sentence: a README that
 * says one example file is not for production does not make the whole repository an example.
 */
const SAMPLES_NOT_FOR_PRODUCTION = /\b(?:these|the following|all(?:\s+(?:of\s+)?(?:the|these))?|this repository'?s)\s+(?:samples|examples|demos)\b(?:\s+(?:in|of)\s+this\s+(?:repository|repo|project))?[^.!?\n]{0,120}?\b(?:(?:must|should|shall)\s+not|are\s+not|never)\b[^.!?\n]{0,60}?\bproduction\b/i;
/**
 * A README sentence that says the whole repository is a development setup ("Keep in mind this repository is
 * for local development only and is not meant to be deployed in any production environment", "This project
 * is intended solely for development", "this repo should not be used in production"). The subject must be
 * the repository or project itself (`this repository`, `this repo`, `this project`), not a part of it: a
 * README that says its `docker-compose.yml` in this repository is for development says nothing of the rest.
 * For development it must say only (`only`, `solely`, `purposes`) or local: "this repository is for
 * development of the plugin" tells where work happens, not what the files are for.
 */
const THIS_REPOSITORY = String.raw`(?<!\b(?:of|in|from|within)\s)\bthis\s+(?:repository|repo|project)\s+`;
const MEANT = String.raw`(?:(?:meant|intended|designed|made)\s+)?`;
const REPOSITORY_FOR_DEVELOPMENT = new RegExp(
  [
    // "is (meant) only for (local) development", "is solely intended for development"
    String.raw`${THIS_REPOSITORY}is\s+${MEANT}(?:only|solely|exclusively|purely|strictly)\s+${MEANT}(?:to\s+be\s+used\s+)?for\s+(?:local\s+)?development\b(?!\s+(?:of|on)\b)[^.!?\n]{0,120}`,
    // "is (meant) for local development", "is for development only / purposes / use only"
    String.raw`${THIS_REPOSITORY}is\s+${MEANT}(?:to\s+be\s+used\s+)?for\s+(?:local\s+development\b(?!\s+(?:of|on)\b)|development\s+(?:only|purposes|use\s+only)\b)[^.!?\n]{0,120}`,
    // "is not meant to be deployed on any production", "should not be used in production", "is not for production"
    String.raw`${THIS_REPOSITORY}(?:is|should|must|shall)\s+not\s+(?:be\s+)?(?:(?:meant|intended|suitable|designed|made)\s+)?(?:to\s+be\s+)?(?:(?:deployed|used|run)\s+)?(?:in|for|on|to|into)\s+(?:any\s+|a\s+)?production\b[^.!?\n]{0,60}`,
  ].join('|'),
  'i',
);

/** The README sentence that says the repository is for development only, quoted short, or undefined. */
export function repositoryForDevelopment(readme: string): string | undefined {
  const text = readme.slice(0, 20_000).replace(/[*_`>]+/g, '').replace(/[ \t]+/g, ' ');
  return REPOSITORY_FOR_DEVELOPMENT.exec(text)?.[0].trim().slice(0, 120);
}

/** The line Symfony writes at the top of the `.env` it tells projects to commit. */
const SYMFONY_ENV_HEADER = /^#\s*DO NOT DEFINE PRODUCTION SECRETS IN THIS FILE\b/m;
/** Whether an env file opens with the header Symfony writes into the `.env` it tells projects to commit. */
export const symfonyCommittedEnv = (text: string): boolean => SYMFONY_ENV_HEADER.test(text.slice(0, 3000));

/** Tilt's configuration at the root, whose `docker_compose(…)` calls name the compose files of the local stack (see tiltStack). */
export const TILTFILE = 'Tiltfile';

/** The root READMEs file roles read (a repository of samples makes its files examples); read-ahead reads them ahead. */
export const README_NAMES: readonly string[] = ['README.md', 'README.MD', 'Readme.md', 'readme.md', 'README.rst', 'README.txt', 'README'];
/** A workflow line that hands a path to an image build: `context: ./web`, `file: ./web/Dockerfile`, `dockerfile: …`. */
const IMAGE_BUILD_KEY = /^\s*-?\s*(?:context|file|dockerfile|build)\s*:/i;
/** A command line that builds, pushes or deploys a container image: where a README naming a folder says its image is deployed. */
const IMAGE_COMMAND = /\b(?:docker|podman|buildah|nerdctl|kaniko|kubectl|helm|fly|flyctl|heroku|gcloud|az|aws)\b|\b(?:deploy|deployment|push)\b/i;

/**
 * A README that opens by calling the repository a collection of samples ("A curated list of Docker Compose
 * samples"). Only its first lines count: a product's README mentions its examples further down.
 */
const SAMPLES_COLLECTION = /^[^\n]{0,40}\b(?:a|an)\s+(?:curated\s+)?(?:list|collection|set|catalog(?:ue)?)\s+of\s+(?:[\w./-]+\s+){0,4}?(?:samples|examples|demos)\b[^\n.!?]{0,80}/im;

/** The README sentence that says the repository is samples not for production, or a collection of samples, quoted short, or undefined. */
export function samplesNotForProduction(readme: string): string | undefined {
  const text = readme.slice(0, 20_000).replace(/[*_`>]+/g, '').replace(/[ \t]+/g, ' ');
  const match = SAMPLES_NOT_FOR_PRODUCTION.exec(text) ?? SAMPLES_COLLECTION.exec(text.slice(0, 600));
  return match ? match[0].trim().slice(0, 120) : undefined;
}

/**
 * The stack files a README's Play with Docker links load (`https://labs.play-with-docker.com/?stack=https://raw.githubusercontent.com/o/r/master/stack.yml`),
 * as the URLs written. Play with Docker is a playground whose sessions end after a few hours: a stack made
 * for its "Try in PWD" button is a demo.
 */
export function playWithDockerStacks(readme: string): string[] {
  return [...readme.slice(0, 100_000).matchAll(/\bplay-with-docker\.com\/?\?stack=([^\s)"'<>\]&]+)/gi)].map((m) => {
    try {
      return decodeURIComponent(m[1]!);
    } catch {
      return m[1]!;
    }
  });
}

/**
 * Mail catchers: SMTP servers that keep every message for a developer to read in a web page instead of
 * delivering it. A stack or image that runs one is a development or test setup: production sends mail.
 */
const MAIL_CATCHERS = /^(?:maildev|mailhog|mailpit|smtp4dev|mailcatcher|mailcrab|inbucket)$/;
/** Images of a developer's browser of databases and queues (see adminToolStack); not Portainer, which self-hosting stacks run to manage themselves. */
const ADMIN_TOOLS = /^(?:pgadmin4?|adminer|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka-ui|kafdrop|akhq)$/;
/** The last word of a program or image name (`axllent/mailpit:v1.20`, `/usr/bin/MailHog`), lower-cased, when `tools` names it. */
function toolNamed(name: string, tools: RegExp): string | undefined {
  const last = programName(parseImageReference(name).name).toLowerCase();
  return tools.test(last) ? last : undefined;
}
/** The admin tool an image reference names (`dpage/pgadmin4:8`, `provectuslabs/kafka-ui`), or undefined. */
const adminTool = (image: string) => toolNamed(image, ADMIN_TOOLS);
/** A program or image name that is a mail catcher, or undefined. */
const mailCatcher = (name: string) => toolNamed(name, MAIL_CATCHERS);

/**
 * Test servers: images made to stand in for a real service in tests — a name with a `test`, `mock`, `fake` or
 * `stub` word (`rroemhild/test-openldap`, `fsouza/fake-gcs-server`) or a known emulator of a cloud or HTTP
 * service (LocalStack, WireMock, MockServer, Azurite, Moto). Production talks to the real service.
 */
const TEST_SERVER_WORD = /^(?:test|tests|testing|e2e|mock|mocks|fake|stub|stubs|emulators?)$/;
/**
 * Known emulators of cloud services: LocalStack, Azurite, Moto, ElasticMQ (SQS), DynamoDB Local, WireMock and MockServer
 * for HTTP APIs; and the Pact Broker (`pactfoundation/pact-broker`), which only holds the contracts consumer and provider
 * tests exchange.
 */
const TEST_SERVERS = /^(?:localstack|wiremock|mockserver|azurite|moto|motoserver|elasticmq|dynamodb-local|pact-broker)$/;
/**
 * An image name (`rroemhild/test-openldap`, `localstack/localstack:3`, `softwaremill/elasticmq-native`) that is a
 * test server, lower-cased; a tag that names emulators (`cloud-sdk:emulators`, the Google Cloud SDK image that
 * only runs the local Pub/Sub, Datastore and Bigtable emulators) counts too.
 */
function testServer(image: string): string | undefined {
  const { name, tag } = parseImageReference(image);
  const last = programName(name).toLowerCase();
  const words = last.split(/[-_.]/);
  if (TEST_SERVERS.test(last) || TEST_SERVERS.test(words[0]!) || words.some((w) => TEST_SERVER_WORD.test(w))) return last;
  return tag !== undefined && tag.toLowerCase().split(/[-_.]/).some((w) => /^emulators?$/.test(w)) ? `${last}:${tag}` : undefined;
}

/**
 * Stock database, cache, queue and object-store images (`postgres`, `redis`, `minio/minio`, SQL Server's
 * `mcr.microsoft.com/mssql/server`): what an application keeps its data in, run beside it in a deployment and
 * beside emulators in a development stack alike.
 */
const BACKING_STORE_IMAGE = /^(?:postgres|postgis\/postgis|ankane\/pgvector|pgvector\/pgvector|timescale\/timescaledb(?:-ha)?|mysql|mariadb|mongo|redis|redis\/redis-stack(?:-server)?|valkey\/valkey|memcached|rabbitmq|(?:quay\.io\/)?minio\/minio|mcr\.microsoft\.com\/(?:mssql\/(?:rhel\/)?server|azure-sql-edge)|bitnami\/(?:postgresql|mysql|mariadb|mongodb|redis|rabbitmq|memcached|minio))$/;

/**
 * A one-shot setup job of a stack: it publishes no port, waits for another service of the stack (`depends_on`), and
 * does not restart on its own (`createbuckets` running `mc mb …` once MinIO is up, a `curl` that creates a topic).
 */
function setupJob(service: ComposeService, names: ReadonlySet<string>): boolean {
  if (getPair(service.node, 'ports') !== undefined || getPair(service.node, 'build') !== undefined) return false;
  const restart = getString(service.node, 'restart');
  if (restart !== undefined && restart !== 'no' && restart !== 'on-failure') return false;
  const dependsOn = get(service.node, 'depends_on');
  const waits = isSeq(dependsOn) ? dependsOn.items.map((i) => (isScalar(i) ? String(i.value) : '')) : isMap(dependsOn) ? dependsOn.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
  return waits.some((w) => names.has(w));
}

/** A script a start command runs: named as a file (`startup.dev.sh`, `./bin/start-local.sh`), not a bare word (`npm run dev`). */
const SCRIPT_FILE = /\.(?:sh|bash|py|[cm]?js|ts|rb|ps1)$/i;

/**
 * A RUN that installs or enables PHP's Xdebug step debugger (`pecl install xdebug`, `docker-php-ext-enable …
 * xdebug`, `install-php-extensions xdebug`, `apk add php82-pecl-xdebug`, `apt-get install php-xdebug`).
 */
const XDEBUG_INSTALL = /\bpecl\s+install\b[^;&|]*?\bxdebug\b|\b(?:docker-php-ext-enable|install-php-extensions)\b[^;&|]*?\bxdebug\b|\bphp[\d.]*-(?:pecl-)?xdebug\b/i;
/** A RUN whose commands depend on a condition (`if [ "$XDEBUG" = 1 ]; then …`, `[ -n "$DEV" ] && …`): a build argument decides. */
const CONDITIONAL_RUN = /\bif\b|\[\[?\s|\btest\s+-|\bcase\b/;
/** A start command that selects the framework's development environment: Symfony's `--env=dev`, `APP_ENV=dev`. */
const DEVELOPMENT_ENVIRONMENT_FLAG = /(?:--env[=\s]+["']?|\bAPP_ENV=["']?)(?:dev|development)\b(?![\w.-])/;

/**
 * Why a Dockerfile builds a development image from what it runs, or undefined: its final stage starts a
 * script whose own name says development (`CMD ["/opt/startup.dev.sh"]`), or it is a mail catcher image
 * (`FROM mailhog/mailhog`, `CMD maildev`), or the stages it is built from install the Xdebug debugger
 * unconditionally (a debugger slows every request and opens a port to whoever connects; a production image
 * leaves it out, or installs it only when a build argument asks), or its start command selects the
 * development environment (`bin/console --env=dev`, `APP_ENV=dev`).
 */
export function developmentImage(file: Dockerfile): string | undefined {
  const stage = finalStage(file);
  if (!stage) return undefined;
  const catcher = mailCatcher(rootImage(file, stage));
  if (catcher) return `it is built on the mail catcher \`${catcher}\`, a development tool`;
  for (const ins of stageLineage(file, stage).flatMap((s) => s.instructions)) {
    if (ins.keyword === 'RUN' && XDEBUG_INSTALL.test(ins.args) && !CONDITIONAL_RUN.test(ins.args)) return 'it installs the Xdebug debugger, which no production image carries';
  }
  for (const ins of startInstructions(file, stage)) {
    const environment = DEVELOPMENT_ENVIRONMENT_FLAG.exec(ins.args)?.[0];
    if (environment) return `its start command runs in the development environment (\`${environment}\`)`;
    const { words } = commandWords(ins.args);
    for (const command of effectiveCommands(words)) {
      const program = mailCatcher(command[0] ?? '');
      if (program) return `it runs the mail catcher \`${program}\`, a development tool`;
    }
    for (const word of words) {
      const script = programName(word);
      if (SCRIPT_FILE.test(script) && roleFromName(script)?.role === 'development') return `its start command runs \`${script}\`, a development script`;
    }
  }
  return undefined;
}

/** Words of a Dockerfile stage name (split on `-`, `_`, `.`) that say the stage runs tests or is the server under test. */
const TEST_STAGE_WORD = /^(?:test|tests|testing|e2e|integration|tester|testee|testrunner|smoketest|cypress|playwright)$/;
const testStageWord = (name: string | undefined) => (name === undefined ? undefined : name.split(/[-_.]/).find((w) => TEST_STAGE_WORD.test(w)));

/**
 * Why a Dockerfile builds only test images, or undefined: its final stage (what `docker build` makes) is named
 * for tests (`AS playwright-tester`, `AS e2e`, `AS integration-tests`), and so is every other stage that could
 * be built as a target — one no later stage builds on or copies from. A production Dockerfile that ends on a
 * `test` stage but keeps a `production` target beside it is judged as usual.
 */
export function testImage(file: Dockerfile): string | undefined {
  const stage = finalStage(file);
  const word = testStageWord(stage?.name);
  if (!stage || !word) return undefined;
  const used = new Set<string>();
  for (const s of file.stages) {
    used.add(s.image.toLowerCase());
    for (const ins of s.instructions) {
      const from = /(?:--|[,\s])from=["']?([^\s"',]+)/i.exec(ins.args)?.[1];
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD' || ins.keyword === 'RUN') && from) used.add(from.toLowerCase());
    }
  }
  const targets = file.stages.filter((s) => s !== stage && !(s.name !== undefined && used.has(s.name)) && !used.has(String(s.index)));
  if (targets.some((s) => !testStageWord(s.name))) return undefined;
  return `its final stage \`${stage.name}\` is named for tests (\`${word}\`), as are the other stages it could build: a test image, not deployed`;
}

/**
 * Words of a compose service name (split on `-`, `_`, `.`) that say it runs for development (`local`,
 * `dev-db`, `web_dev`). A stack whose every service is named so is the development stack: a deployment
 * does not name its services for development. One such service among others says nothing of the rest.
 */
const DEVELOPMENT_SERVICE_WORD = /^(?:dev|devel|development|local|debug)$/;

/** A blockchain node flag that selects the local regression-test network (`-regtest`, `--bitcoin.regtest`, `--network=regtest`, `-chain=liquidregtest`). */
const REGTEST_FLAG = /^[^#\n]*?(?:^|[\s"'[,])(-{1,2}(?:[a-z]+\.)?regtest|-{1,2}(?:network|chain)[=\s]+["']?(?:liquid)?regtest)\b/im;

/** A start command that runs a cloud SDK's local emulator (`gcloud beta emulators pubsub start`, `firebase emulators:start`). */
const EMULATOR_COMMAND = /\bgcloud\s+(?:beta\s+)?emulators\s+[\w-]+\s+start\b|\bfirebase\s+emulators:start\b/;

/**
 * How a compose service runs Laravel Sail, or undefined: it builds one of Sail's runtimes
 * (`context: ./vendor/laravel/sail/runtimes/8.3`), runs the image Sail names (`image: sail-8.3/app`), or sets
 * `LARAVEL_SAIL`. Sail is "Laravel's default Docker development environment": the stack it writes mounts the
 * source tree and serves it with `php artisan serve`, and production runs the application another way.
 */
function laravelSail(service: ComposeService, file: YamlFile): string | undefined {
  const build = getPairMerged(service.node, 'build', file.documents[0]!)?.value;
  const context = build === undefined || build === null ? undefined : isScalar(build) ? String(build.value) : getString(build, 'context');
  if (context !== undefined && /(?:^|\/)vendor\/laravel\/sail\//.test(context)) return `builds Laravel Sail's runtime (\`${context.trim()}\`)`;
  const image = get(service.node, 'image');
  if (isScalar(image) && typeof image.value === 'string' && /^sail-[\d.]+\/app(?::|$)/.test(image.value.trim())) return `runs Laravel Sail's image \`${image.value.trim()}\``;
  return composeEnvironment(file, service).has('LARAVEL_SAIL') ? 'sets `LARAVEL_SAIL`' : undefined;
}

/**
 * Why a compose file is a development or test stack from the services it runs, or undefined: a mail
 * catcher service (`image: axllent/mailpit`, a service named `maildev`) is development; a node started on a
 * regression-test network (`-regtest`) is a local test network, never a deployment; a stack whose every
 * service runs a test server (`rroemhild/test-openldap`, LocalStack) is a test stack.
 */
export function nonProductionStack(file: YamlFile, text: string): { role: 'development' | 'test'; reason: string } | undefined {
  const services = composeServices(file);
  for (const service of services) {
    const image = get(service.node, 'image');
    const catcher = mailCatcher(service.name) ?? (isScalar(image) && typeof image.value === 'string' ? mailCatcher(image.value) : undefined);
    if (catcher) return { role: 'development', reason: `its service \`${service.name}\` is the mail catcher \`${catcher}\`, which only development stacks run` };
  }
  for (const service of services) {
    const sail = laravelSail(service, file);
    if (sail) return { role: 'development', reason: `its service \`${service.name}\` ${sail}, Laravel's local development environment` };
  }
  const names = services.map((s) => s.name);
  if (names.length > 0 && names.every((name) => name.toLowerCase().split(/[-_.]/).some((w) => DEVELOPMENT_SERVICE_WORD.test(w)))) {
    return { role: 'development', reason: `every service it runs is named for development (${names.slice(0, 3).map((n) => `\`${n}\``).join(', ')})` };
  }
  const flag = REGTEST_FLAG.exec(text)?.[1];
  if (flag) return { role: 'test', reason: `its services start a node on the local regression-test network (\`${flag}\`)` };
  const servers = services.map((service) => {
    const image = get(service.node, 'image');
    return getPair(service.node, 'build') === undefined && isScalar(image) && typeof image.value === 'string' ? testServer(image.value) : undefined;
  });
  if (services.length > 0 && servers.every(Boolean)) {
    return { role: 'test', reason: `every service it runs is a test server (\`${[...new Set(servers)].join('`, `')}\`), which stands in for a real service in tests and local development` };
  }
  // Emulators of cloud services with only stock data stores and the one-shot jobs that set them up beside them: the
  // services the application, run outside the stack, is developed against. A deployment runs the application itself.
  const emulators = services.map((service, i) => servers[i] ?? (EMULATOR_COMMAND.test(startText(service)) ? service.name : undefined));
  const serviceNames = new Set(services.map((s) => s.name));
  const stores = services.map((service) => {
    const image = get(service.node, 'image');
    return getPair(service.node, 'build') === undefined && isScalar(image) && typeof image.value === 'string' && BACKING_STORE_IMAGE.test(hubImageName(image.value.trim())) ? image.value.trim() : undefined;
  });
  const rest = services.filter((service, i) => !emulators[i] && !stores[i] && !setupJob(service, serviceNames));
  const found = [...new Set(emulators.filter((e): e is string => e !== undefined))];
  if (found.length > 0 && rest.length === 0) {
    return { role: 'test', reason: `it runs test servers or emulators of cloud services (\`${found.join('`, `')}\`) with only stock data stores and one-shot setup jobs beside them: a stack the application is developed and tested against` };
  }
  // Only stock databases and caches, each published on the host (`5432:5432`): what an application run on the
  // developer's machine, outside the stack, connects to. A deployment runs the application beside its stores, and an
  // overlay that adds a store to a stack (no port, joined to the stack's network) is judged as usual.
  if (services.length > 0 && services.every((service, i) => stores[i] && getPair(service.node, 'ports') !== undefined)) {
    return { role: 'development', reason: `every service it runs is a stock data store published on the host (\`${stores.slice(0, 3).join('`, `')}\`) and none runs an application: the stores an application run outside it is developed against` };
  }
  return undefined;
}

/**
 * A start command of a development server or a file watcher that restarts the app on code changes:
 * `--reload` (uvicorn, gunicorn, hypercorn, flask), `nodemon`, `ts-node-dev`, `node --watch`, `npm run dev`
 * (`yarn dev`, `pnpm run start:dev`), Django's `runserver`, `dotnet watch`, `next dev`, `nuxt dev`,
 * `ng serve`, `webpack serve`, `php artisan serve`, `symfony serve`, `cargo watch`, `watchmedo auto-restart`.
 */
const DEVELOPMENT_COMMAND = /(?:^|[\s"'[,;&|(])(--reload\b|(?:nodemon|ts-node-dev|node-dev)\b|node\s+--watch\b|(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:dev|develop|start:dev|serve:dev|dev:server|watch)(?![\w:-])|(?:manage\.py\s+)?runserver(?:_plus)?\b|dotnet\s+watch\b|(?:next|nuxt|nuxi)\s+dev\b|ng\s+serve\b|webpack\s+serve\b|webpack-dev-server\b|artisan\s+serve\b|symfony\s+(?:serve|server:start)\b|cargo\s+watch\b|cargo\s+run\b(?![^;&|\n]*--release)|watchmedo\s+auto-restart\b)/;
/** Environment variables that select a framework's development environment or debug mode, with the values that do. */
const DEVELOPMENT_ENVIRONMENT: ReadonlyArray<[RegExp, RegExp]> = [
  [/^(?:NODE_ENV|RAILS_ENV|RACK_ENV|FLASK_ENV|APP_ENV|MIX_ENV|GO_ENV|DJANGO_ENV|SYMFONY_ENV|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT)$/, /^(?:dev|devel|development|local)$/i],
  [/^(?:APP_DEBUG|FLASK_DEBUG)$/, /^(?:true|1|on|yes)$/i],
];

/** `NAME=value` that selects development (`NODE_ENV=development`, `APP_ENV=local`, `APP_DEBUG=true`), or undefined. */
function developmentSetting(name: string, value: string | null): string | undefined {
  if (value === null || value.includes('$')) return undefined;
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  return DEVELOPMENT_ENVIRONMENT.some(([key, values]) => key.test(name.trim()) && values.test(v)) ? `${name.trim()}=${v}` : undefined;
}

/** Folders inside a build context that hold the code the image copies: `./src:/app/src` mounts them over it. */
const SOURCE_FOLDER = /^(?:src|source|app|lib)$/;

/**
 * A relative host path normalised: `./backend/` → `backend`, `.` and `./` → ``; undefined for a named volume
 * or an absolute path. With `bare`, a path without `./` counts too, as a build context is written (`build: backend`).
 */
function relativeHostPath(source: string, bare = false): string | undefined {
  if (!/^\.\.?(?:\/|$)/.test(source) && !(bare && /^[\w.-]/.test(source) && !/^[a-z]+:\/\//i.test(source))) return undefined;
  const parts: string[] = [];
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The bind mount of a compose service that puts the project's source tree over the image's code, or
 * undefined: the compose file's own folder or a folder above it (`.:/app`, `./:/var/www`, `..:/app`), the
 * service's build context (`build: backend` with `./backend/:/app/`), or a source folder inside that context
 * (`./src:/app/src`). A file or a data or configuration folder (`./config:/config`, `./data:/data`,
 * `./nginx.conf:/etc/nginx/nginx.conf`) is what a deployment mounts, and is not one.
 */
export function sourceMount(service: ComposeService, file: YamlFile): string | undefined {
  const volumes = get(service.node, 'volumes');
  if (!isSeq(volumes)) return undefined;
  const build = getPairMerged(service.node, 'build', file.documents[0]!)?.value;
  const context = build === undefined || build === null ? undefined : relativeHostPath(isScalar(build) ? String(build.value) : (getString(build, 'context') ?? '.'), true);
  for (const item of volumes.items) {
    let source: string | undefined;
    let written: string;
    if (isScalar(item)) {
      written = String(item.value);
      const parts = written.split(':');
      if (parts.length < 2) continue;
      source = parts[0];
    } else {
      if (getString(item, 'type') !== 'bind') continue;
      source = getString(item, 'source');
      written = `${source ?? ''}:${getString(item, 'target') ?? ''}`;
    }
    const host = source === undefined ? undefined : relativeHostPath(source.trim());
    if (host === undefined) continue;
    if (host === '' || /^(?:\.\.\/)*\.\.$/.test(host)) return written;
    if (context !== undefined && (host === context || (host.startsWith(context === '' ? '' : `${context}/`) && SOURCE_FOLDER.test(host.slice(context === '' ? 0 : context.length + 1))))) return written;
  }
  return undefined;
}

/** The words of a compose service's `command:` and `entrypoint:` (a string or a list), joined. */
function startText(service: ComposeService): string {
  return ['command', 'entrypoint']
    .map((key) => get(service.node, key))
    .map((node) => (isScalar(node) ? scalarText(node.value) : isSeq(node) ? node.items.map((i) => (isScalar(i) ? scalarText(i.value) : '')).join(' ') : ''))
    .join(' ');
}

/**
 * The env files a compose file's services load (`env_file: .env.docker`, a list, or `- path: …`), as written.
 */
export function composeEnvFiles(file: YamlFile): string[] {
  const out: string[] = [];
  for (const service of composeServices(file)) {
    const node = get(service.node, 'env_file');
    const items = isScalar(node) ? [node] : isSeq(node) ? node.items : [];
    for (const item of items) {
      const value = isScalar(item) ? scalarText(item.value) : getString(item, 'path');
      if (value && !value.includes('$')) out.push(value.trim());
    }
  }
  return out;
}

/**
 * Why a compose file is a local development stack by what it runs, or undefined: a service mounts the
 * project's source tree over the image's code (see sourceMount), so the container runs the checkout being
 * edited, and the stack shows a second sign of development — a service starts a development server or a
 * reloader (see DEVELOPMENT_COMMAND), or sets, itself or through an env file it loads, a variable that selects
 * the development environment or debug mode (`NODE_ENV=development`, `APP_ENV=local`,
 * `ASPNETCORE_ENVIRONMENT=Development`, `APP_DEBUG=true`). `envFiles` holds the texts of the env files its
 * services load, by the path written in `env_file:`. Either sign alone says nothing: deployments mount
 * configuration folders, and a self-hosted stack may be left in development mode by mistake. `builtImages`
 * holds, by service name, why the image a service builds is a development image (see developmentBuild): that
 * counts as the second sign too.
 */
export function sourceMountedStack(file: YamlFile, envFiles: ReadonlyMap<string, string> = new Map(), builtImages: ReadonlyMap<string, string> = new Map()): string | undefined {
  const services = composeServices(file);
  const mounting = services.map((service) => ({ service, mount: sourceMount(service, file) })).find((m) => m.mount !== undefined);
  if (!mounting) return undefined;
  let sign: string | undefined;
  for (const service of services) {
    const built = builtImages.get(service.name);
    if (built) {
      sign = `\`${service.name}\` ${built}`;
      break;
    }
    const command = DEVELOPMENT_COMMAND.exec(startText(service))?.[1];
    if (command) {
      sign = `\`${service.name}\` starts \`${command.trim()}\``;
      break;
    }
    for (const [name, { value }] of composeEnvironment(file, service)) {
      const setting = developmentSetting(name, value);
      if (setting) {
        sign = `\`${service.name}\` sets \`${setting}\``;
        break;
      }
    }
    if (sign) break;
  }
  if (!sign) {
    for (const [path, text] of envFiles) {
      const setting = parseEnvFile(text).map((e) => developmentSetting(e.name, e.value)).find(Boolean);
      if (setting) {
        sign = `the env file \`${path}\` it loads sets \`${setting}\``;
        break;
      }
    }
  }
  return sign ? `its service \`${mounting.service.name}\` mounts the source tree over the image (\`${mounting.mount}\`) and ${sign}: a local development stack` : undefined;
}

/** A README heading over a guide that installs or deploys what it starts. */
const DEPLOYMENT_HEADING = /\b(?:install(?:ing|ation)?|deploy(?:ing|ment)?|production|self[- ]?host(?:ing|ed)?|hosting|on-?prem(?:ise)?s?)\b/i;

/**
 * Variables that name the environment or profiles a framework starts in and build their configuration from
 * (Spring and Quarkus profiles, Micronaut's environments, Elixir's `MIX_ENV`, .NET's `DOTNET_ENVIRONMENT`). Those
 * whose development value turns on a debugger or error pages (`FLASK_ENV`, `RAILS_ENV`, `RACK_ENV`,
 * `ASPNETCORE_ENVIRONMENT`) are not among them: in a stack left in development by mistake debug-mode reports
 * them, so they must not make the stack development; nor is `NODE_ENV` or `APP_ENV`, which self-hosted stacks
 * set for other reasons, so that one of them alone says nothing (see sourceMountedStack).
 */
const ENVIRONMENT_SELECTOR = /^(?:MIX_ENV|GO_ENV|DJANGO_ENV|SYMFONY_ENV|DOTNET_ENVIRONMENT|SPRING_PROFILES_ACTIVE|QUARKUS_PROFILE|MICRONAUT_ENVIRONMENTS)$/;
/** Selectors debug-mode reports when they select development, and the general ones: a stack that sets one of them is judged as written. */
const DEBUG_SELECTOR = /^(?:FLASK_ENV|RAILS_ENV|RACK_ENV|ASPNETCORE_ENVIRONMENT|NODE_ENV|APP_ENV)$/;
const DEVELOPMENT_SELECTION = /^(?:dev|devel|development|local)$/i;
const DEPLOYED_PROFILE = /^(?:prod|production|prd|live|staging|stage|preprod|uat|release)$/i;

/**
 * Why a compose file runs its applications in their development environment, or undefined: a service sets the
 * variable its framework starts from to a development environment (`SPRING_PROFILES_ACTIVE=dev`,
 * `QUARKUS_PROFILE=dev`, `MIX_ENV=dev`; of a list of profiles, one of them), and no service of the
 * file selects a deployed environment (`prod`, `staging`) or another one. Debug switches (`DEBUG=1`) and the
 * selectors that are debug switches too (see DEBUG_SELECTOR) do not count: debug-mode reports those where the
 * file deploys. The caller keeps a file named, kept or documented for deployment in production (see
 * developmentProfile in fileRoles).
 */
export function developmentProfileStack(file: YamlFile): string | undefined {
  let found: string | undefined;
  for (const service of composeServices(file)) {
    for (const [name, { value }] of composeEnvironment(file, service)) {
      if (DEBUG_SELECTOR.test(name.trim())) return undefined;
      if (!ENVIRONMENT_SELECTOR.test(name.trim()) || value === null) continue;
      const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (v === '' || v.includes('$')) return undefined;
      const items = v.split(',').map((x) => x.trim()).filter(Boolean);
      if (items.some((x) => DEPLOYED_PROFILE.test(x))) return undefined;
      if (!items.some((x) => DEVELOPMENT_SELECTION.test(x))) return undefined;
      found ??= `its service \`${service.name}\` sets \`${name.trim()}=${v}\`, which starts the application in its development environment`;
    }
  }
  return found;
}

/** Names of a Dockerfile's development stage. */
const DEVELOPMENT_STAGE = /^(?:dev|devel|develop|development|local|debug)$/i;

/**
 * Why the Dockerfile a compose service builds is a development image, or undefined: its name says development
 * (`Dockerfile.local`, `Dockerfile.dev`, `dev.Dockerfile`), the stage it builds is named for development
 * (`target: dev`), or that stage (its `target:`, else the last) starts a development server or a reloader (`CMD pnpm dev`, `nodemon`, `--reload`, see
 * DEVELOPMENT_COMMAND). `dockerfile` is the parsed file, or null when it cannot be read.
 */
export function developmentBuild(path: string, dockerfile: Dockerfile | null, target?: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (roleFromName(name)?.role === 'development') return `builds \`${name}\`, a development image`;
  const stage = dockerfile && (target ? dockerfile.stages.find((s) => s.name === target.toLowerCase()) : finalStage(dockerfile));
  if (!dockerfile || !stage) return undefined;
  // The stage it builds is named for development (`target: dev` of a Dockerfile with `dist` and `dev` stages).
  if (target && DEVELOPMENT_STAGE.test(target)) return `builds the \`${target}\` stage of \`${name}\``;
  for (const ins of startInstructions(dockerfile, stage)) {
    // Read as words, so the exec form (`CMD ["npm", "run", "dev"]`) reads as the shell form does.
    const command = DEVELOPMENT_COMMAND.exec(commandWords(ins.args).words.join(' '))?.[1];
    if (command) return `builds \`${name}\`, which starts \`${command.trim()}\``;
  }
  return undefined;
}

/** The key a configuration file names its environment with, and the values that make it development or test. */
const ENVIRONMENT_KEY = /^(?:environment|env)$/;
const DECLARED_DEVELOPMENT = /^(?:dev|devel|development|local)$/i;
const DECLARED_TEST = /^(?:test|testing)$/i;

/**
 * The environment a YAML configuration file declares for itself, or undefined: an `environment:` or `env:` key
 * with a plain value, at the top level or in one of its top-level sections (`rails:\n  environment:
 * development`), that says development (`development`, `dev`, `local`) or test (`test`, `testing`). An
 * application's configuration written for one environment is that environment's. Compose files and
 * Kubernetes manifests (an `environment:` there is a container's variables, an `env:` a list) are not read,
 * and neither is a key in capitals (`ENVIRONMENT: development` is a variable being set, which debug-mode judges).
 */
export function declaredEnvironment(file: YamlFile): { role: 'development' | 'test'; setting: string } | undefined {
  if (file.documents.length !== 1) return undefined;
  const doc = file.documents[0]?.contents;
  if (!isMap(doc) || getPair(doc, 'services') !== undefined || (getPair(doc, 'apiVersion') !== undefined && getPair(doc, 'kind') !== undefined)) return undefined;
  const judge = (map: unknown, section?: string): { role: 'development' | 'test'; setting: string } | undefined => {
    if (!isMap(map)) return undefined;
    for (const pair of map.items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !ENVIRONMENT_KEY.test(pair.key.value) || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
      const value = pair.value.value.trim();
      const role = DECLARED_DEVELOPMENT.test(value) ? 'development' : DECLARED_TEST.test(value) ? 'test' : undefined;
      if (role) return { role, setting: `${section ? `${section}.` : ''}${pair.key.value}: ${value}` };
    }
    return undefined;
  };
  const top = judge(doc);
  if (top) return top;
  for (const pair of doc.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const hit = judge(pair.value, String(pair.key.value));
    if (hit) return hit;
  }
  return undefined;
}

/** Files whose lines may name another file of the change to apply or build it: Makefiles, scripts, YAML, code. */
const REFERENCING_KIND = /(?:^|\/)(?:makefile|gnumakefile|justfile|[^/]*\.(?:mk|sh|bash|ya?ml|json|toml|py|[cm]?[jt]s|go|rb))$/i;
/** Files that set a test environment up by applying or starting other files: Makefiles, shell scripts, YAML; a test's code that only reads a file to check it is not one. */
const SETUP_KIND = /(?:^|\/)(?:makefile|gnumakefile|justfile|[^/]*\.(?:mk|sh|bash|ya?ml))$/i;

/** Folders that say their files deploy: `deploy/`, `deployment/`, `deployments/`, `prod/`, `production/`, `release/`, `self-hosting/`. */
const DEPLOYMENT_FOLDER = /(?:^|\/)(?:deploy|deployments?|prod|production|releases?|self[-_]?host(?:ing|ed)?)\//i;

/** Example words of a file meant to be copied and used (`compose.example.yml`); not templates a tool renders (`.j2`, `.tpl`) or demos. */
const COPIED_EXAMPLE_WORD = /^(?:example|examples|sample|samples|dist)$/;
/** Files that run as they are once copied: compose files, Dockerfiles and YAML manifests (not env files or settings). */
const DEPLOYABLE_KIND = /^(?:(?:docker-)?compose[^/]*\.ya?ml|docker-stack[^/]*\.ya?ml|(?:dockerfile|containerfile)[^/]*|[^/]*\.dockerfile|[^/]*\.ya?ml)$/i;
/**
 * A comment that presents the file as what users deploy: for self-hosting, for production, a production
 * setup or stack ("example Docker Compose configuration for self hosting", "# To make it easier to
 * self-host, we have a preset docker compose config", "# Production-ready stack").
 */
const DEPLOYMENT_COMMENT = /\bself[- ]?host(?:s|ing|ed)?\b|\b(?:for|in|to)\s+production\b|\bproduction[- ](?:ready|deployments?|setups?|stacks?|use)\b/i;
/**
 * Words that turn such a comment around: a refusal (`not`, `never`, `do not`, `avoid`), a line to enable
 * (`uncomment for production`, `override`), or an instruction to change something before production
 * (`# change this password in production`), which says the file as it ships is not the deployment.
 */
const NOT_DEPLOYMENT_COMMENT = /\b(?:not|never|don'?t|avoid|uncomment|override|change|replace|set|edit|update|generate|rotate)\b/i;

/**
 * The first comment line among the first 60 that says the file is for self-hosting or production, quoted
 * short, or undefined. A comment that refuses it, speaks of one line, or asks for a change first (see
 * NOT_DEPLOYMENT_COMMENT) does not count, and a file whose comment says it is for development or not for
 * production (see developmentComment) has none.
 */
export function deploymentComment(text: string): string | undefined {
  // A file that also says it is for development, or not for production, is not deployed as it is.
  if (developmentComment(text) !== undefined) return undefined;
  for (const line of text.split(/\r?\n/, 60)) {
    const comment = /^\s*(?:#|\/\/)\s?(.*)$/.exec(line)?.[1];
    if (comment === undefined || !DEPLOYMENT_COMMENT.test(comment) || NOT_DEPLOYMENT_COMMENT.test(comment)) continue;
    return comment.trim().slice(0, 100);
  }
  return undefined;
}

/** Compose files named for production or a stack (`docker-compose.prod.yml`, `compose.live.yaml`, `docker-stack.yml`), or kept in a `prod/` or `production/` folder. */
const PRODUCTION_COMPOSE_NAME = /(?:^|[.\-_])(?:prod|production|stack|live)(?:[.\-_]|$)/i;
const PRODUCTION_FOLDER = /(?:^|\/)(?:prod|production)\//i;

/**
 * Why a compose file is the stack users deploy as it ships, or undefined: its name or folder says
 * production or a stack, or a comment in it says it is for self-hosting or production (see
 * deploymentComment). A plain `docker-compose.yml` without either is as often the local stack as the
 * deployed one; production role alone (nothing marks it as development) does not say which.
 */
export function deployedCompose(path: string, text: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (PRODUCTION_COMPOSE_NAME.test(name)) return `its name \`${name}\` says production or a stack`;
  const folder = PRODUCTION_FOLDER.exec(path)?.[0];
  if (folder) return `it is kept under \`${folder}\``;
  const comment = deploymentComment(text);
  return comment ? `its comment says “${comment}”` : undefined;
}

/**
 * The name a document's `curl` or `wget` command saves `path` under, when that name is not an example's
 * (`curl -o compose.yml https://raw.githubusercontent.com/o/r/main/compose.example.yml`), or undefined.
 */
export function downloadedAs(doc: string, path: string): string | undefined {
  const url = new RegExp(`/${escapeRegExp(path)}(?=["'\\s)]|$)`);
  for (const line of doc.slice(0, 100_000).split(/\r?\n/)) {
    if (!/\b(?:curl|wget)\b/.test(line) || !url.test(line)) continue;
    const saved = /(?:^|\s)(?:-o|-O|--output|--output-document)(?:\s+|=)["']?([\w.\-/~]+)/.exec(line)?.[1];
    const name = saved?.slice(saved.lastIndexOf('/') + 1);
    if (name && roleFromName(name) === undefined) return saved;
  }
  return undefined;
}

/** A README's link to a Markdown document of the repository: `[guide](docs/hosting/docker.md)`, `(./INSTALL.md#docker)`. */
const README_GUIDE_LINK = /\]\(\s*((?!\w+:|#|\/)[^)\s#?]+\.md)(?:#[^)\s]*)?\s*\)/gi;
/** How many linked guides deployedExample reads at most. */
const MAX_README_GUIDES = 12;

const COMMAND_FILES = [...README_NAMES, 'Makefile', 'makefile', 'package.json', 'justfile', 'Justfile'];

/**
 * Whether `override` is a compose override of `base`: every service it configures is one `base` defines,
 * and none of them says what to run (`image:`, `build:`) on its own, or it `extends:` the service. Such a
 * file only adjusts the base file's services (`command: yarn start`), so what the base file pulls and
 * publishes is what production runs.
 */
export function isComposeOverride(base: string, override: string): boolean {
  const baseServices = new Set(composeServices(parseYaml(base)).map((s) => s.name));
  const services = composeServices(parseYaml(override));
  return services.length > 0 && services.every((s) => baseServices.has(s.name) && (getPair(s.node, 'extends') !== undefined || (getPair(s.node, 'image') === undefined && getPair(s.node, 'build') === undefined)));
}

/** Whether one command line in `text` passes `base` and then `production` with `-f`/`--file` (a path before the name is allowed). */
export function runsTogether(text: string, base: string, production: string): boolean {
  const file = (path: string) => `(?:-f|--file)[ =]+["']?(?:[\\w.~\\/-]*\\/)?${escapeRegExp(path.slice(path.lastIndexOf('/') + 1))}["']?(?=[\\s"',;)]|$)`;
  return new RegExp(`${file(base)}[^\\n]*?${file(production)}`, 'm').test(text);
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/**
 * A comment that says the file is for tests only: "For integration testing only", "only for e2e tests", "for
 * testing purposes only". The word only is required: "used for testing the upgrade path" says what else the file does.
 */
const TESTING_COMMENT = /\b(?:for|in)\s+(?:the\s+)?(?:(?:e2e|end-to-end|integration|unit|functional|acceptance|automated|smoke|load|local)\s+)?test(?:s|ing)?\s+(?:purposes\s+)?only\b|\b(?:only|solely|exclusively)\s+(?:used\s+)?(?:for|in)\s+(?:the\s+)?(?:(?:e2e|end-to-end|integration|unit|functional|acceptance|automated|smoke|load)\s+)?test(?:s|ing)?\b/i;

/**
 * The leading comment of a file (the comment lines before its first instruction or key) when it says the file
 * is for tests only, quoted short, or undefined. Only the opening comment speaks for the whole file: one
 * further down may be about the line below it.
 */
export function testingComment(text: string): string | undefined {
  return openingComment(text, TESTING_COMMENT);
}

/**
 * A comment that says the file is a demonstration only: "FOR DEMONSTRATION PURPOSES ONLY" over ory/hydra's
 * quickstart compose files, "for demo purposes only", "only for demonstration". The word only is required:
 * "a demo of the production setup" may still be what users run.
 */
const DEMONSTRATION_COMMENT = /\b(?:for\s+)?demo(?:nstration)?\s+(?:purposes?\s+)?only\b|\bonly\s+(?:for|as)\s+(?:a\s+)?demo(?:nstration)?s?\b/i;

/** The leading comment of a file when it says the file is a demonstration only, quoted short (as testingComment), or undefined. */
export function demonstrationComment(text: string): string | undefined {
  return openingComment(text, DEMONSTRATION_COMMENT);
}

/** The first line of a file's leading comment (the comment lines before its first instruction or key) that `pattern` matches, quoted short. */
function openingComment(text: string, pattern: RegExp): string | undefined {
  for (const line of text.split(/\r?\n/, 200)) {
    if (!line.trim()) continue;
    const comment = /^\s*(?:#|\/\/)\s?(.*)$/.exec(line)?.[1];
    if (comment === undefined) return undefined;
    if (pattern.test(comment) && !/\buncomment\b/i.test(comment)) return comment.replace(/^[#\s]+|[#\s]+$/g, '').slice(0, 100);
  }
  return undefined;
}

/** The first comment line that says the file is for development, quoted short, or undefined. */
export function developmentComment(text: string): string | undefined {
  for (const line of text.split(/\r?\n/, 400)) {
    const comment = /^\s*(?:#|\/\/)\s?(.*)$/.exec(line)?.[1];
    if (comment === undefined) continue;
    const match = DEVELOPMENT_COMMENT.exec(comment);
    // "uncomment for local development" speaks of a line, not of the file.
    if (match && !/\buncomment\b|\boverride\b/i.test(comment)) return comment.trim().slice(0, 100);
  }
  return undefined;
}

/**
 * The first env file a compose file's services load (`env_file: ./dev.env`, a list, or `- path: …`) whose
 * own name says development (`dev.env`, `.env.local`, `.env.development`), or undefined. A stack that
 * loads the development settings is the development stack.
 */
export function developmentEnvFile(compose: string): string | undefined {
  const lines = compose.split(/\r?\n/, 2000);
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)env_file\s*:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const values: string[] = [];
    const inline = m[2]!.replace(/\s+#.*$/, '').trim();
    if (inline) values.push(...inline.replace(/^\[|\]$/g, '').split(','));
    else {
      for (let j = i + 1; j < lines.length; j++) {
        const item = /^\s*-\s*(?:path\s*:\s*)?(.+)$/.exec(lines[j]!);
        if (item) values.push(item[1]!);
        else if (/^\s+(?:path|required)\s*:/.test(lines[j]!) || !lines[j]!.trim()) {
          const path = /^\s+path\s*:\s*(.+)$/.exec(lines[j]!)?.[1];
          if (path) values.push(path);
        } else break;
      }
    }
    for (const raw of values) {
      const value = raw.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
      if (value && roleFromName(value)?.role === 'development') return value;
    }
  }
  return undefined;
}

/**
 * Configuration files of documentation-site generators, each the tool's own fixed name: Docusaurus, MkDocs,
 * VitePress (`.vitepress/`), mdBook (`book.toml`) and Antora (`antora-playbook.yml`).
 */
const DOCS_SITE_CONFIG = /(?:^|[\s/"'[,])(?:docusaurus\.config\.[cm]?[jt]s|mkdocs\.ya?ml|\.vitepress|book\.toml|antora-playbook\.ya?ml)(?=$|[\s/"',\]])/;
/** The build commands of those generators, and Sphinx's (`sphinx-build -b html source build`). */
const DOCS_SITE_BUILD = /\b(?:docusaurus\s+build|mkdocs\s+build|vitepress\s+build|mdbook\s+build|antora\s+(?:generate\s+)?[\w./-]*playbook|sphinx-build\s)/;

/**
 * How a Dockerfile builds a documentation site, or undefined: a stage starts from a docs-site generator's image
 * (`FROM sphinxdoc/sphinx:latest`), or an instruction copies a generator's configuration
 * (`COPY ./docusaurus.config.ts ./docusaurus.config.ts`, `COPY mkdocs.yml .`) or runs its build (`RUN mkdocs build`,
 * `npx docusaurus build`, `sphinx-build -b html`).
 */
export function documentationBuild(file: Dockerfile): string | undefined {
  for (const ins of file.instructions) {
    // An image built on a documentation-site generator's (`FROM sphinxdoc/sphinx`, `FROM squidfunk/mkdocs-material`).
    const from = ins.keyword === 'FROM' ? ins.args.split(/\s+/).find((w) => w !== '' && !w.startsWith('--')) : undefined;
    if (from && DOCS_GENERATOR_IMAGE.test(parseImageReference(from).name.toLowerCase())) return `builds on a documentation-site generator's image (\`FROM ${from}\`)`;
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && DOCS_SITE_CONFIG.test(ins.args)) return `copies a documentation site's configuration (\`${ins.keyword} ${ins.args.trim().slice(0, 80)}\`)`;
    const build = ins.keyword === 'RUN' ? DOCS_SITE_BUILD.exec(ins.args)?.[0] : undefined;
    if (build) return `builds a documentation site (\`${build}\`)`;
  }
  return undefined;
}

/** A Google Cloud Build pipeline's name: `cloudbuild.yaml`, `cloudbuild.push_image.yaml`, `cloudbuild-e2e.yml`. */
const CLOUD_BUILD_NAME = /^cloudbuild(?:[._-][\w.-]*)?\.ya?ml$/i;

/** A Cloud Build step that deploys: a `deploy` word (`gcloud run deploy`, `gke-deploy`, `app deploy`), `kubectl` or `helm`. */
const DEPLOY_STEP = /(?:^|[\s/'"-])(?:deploy|kubectl|helm)(?:$|[\s'":@-])/i;

/** An image reference without its tag or digest (`gcr.io/acme/app:latest` is `gcr.io/acme/app`). */
const imageName = (ref: string): string => ref.trim().replace(/@.*$/, '').replace(/:[\w.-]*$/, '');

/** The tags of a `docker build` step's arguments: `--tag=X`, `--tag X`, `-t X`. */
function buildTags(args: readonly string[]): string[] {
  const tags: string[] = [];
  args.forEach((arg, i) => {
    const inline = /^--tag=(.+)$/.exec(arg)?.[1];
    if (inline) tags.push(inline);
    else if ((arg === '--tag' || arg === '-t') && args[i + 1]) tags.push(args[i + 1]!);
  });
  return tags;
}

/** The steps of a Cloud Build pipeline: each step's image (`name:`) and its arguments. */
function cloudBuildSteps(file: YamlFile | null): { name: string; args: string[] }[] {
  const doc = file?.documents[0];
  if (!doc || doc.errors.length) return [];
  const steps = (doc.toJS() as { steps?: unknown } | null)?.steps;
  return (Array.isArray(steps) ? (steps as Record<string, unknown>[]) : []).flatMap((step) => (step && typeof step.name === 'string' ? [{ name: step.name, args: Array.isArray(step.args) ? step.args.map(String) : [] }] : []));
}

/** Whether a Procfile declares a `web` process: the one a Procfile platform (Heroku and its kind) serves. */
export const procfileRunsWeb = (text: string): boolean => /^web\s*:/m.test(text);

/** The compose files an env file's `COMPOSE_FILE` selects (`docker-compose.yml;docker/dev.yml`), as written, or none. */
export function composeFileSelection(envText: string): string[] {
  const selected = parseEnvFile(envText).find((e) => e.name === 'COMPOSE_FILE')?.value ?? '';
  return selected.split(/[;:,]/).map((f) => f.trim().replace(/^\.\//, '')).filter(Boolean);
}

/** The names kustomize reads a kustomization from. */
const KUSTOMIZATION_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** How many folders above a manifest are looked in for the kustomization that lists it. */
const MAX_KUSTOMIZATION_DEPTH = 3;

/**
 * How a kustomization names the file at `relative` (its path from the kustomization's folder): `active` when a
 * line that is not a comment names it (`- include/pgadmin.yaml`, `path: patches/x.yaml`), `commented` when only a
 * commented-out list entry does (`#  - include/pgadmin.yaml`), undefined when it is not named at all.
 */
export function kustomizationListing(text: string, relative: string): 'active' | 'commented' | undefined {
  const path = `(?:\\./)?${escapeRegExp(relative)}`;
  const active = new RegExp(`^[ \\t]*(?:-[ \\t]*)?(?:path:[ \\t]*)?["']?${path}["']?[ \\t]*(?:#.*)?$`, 'm');
  if (active.test(text)) return 'active';
  const commented = new RegExp(`^[ \\t]*#+[ \\t]*-[ \\t]*["']?${path}["']?[ \\t]*$`, 'm');
  return commented.test(text) ? 'commented' : undefined;
}

/** The `roles:` glob of the configuration that first lists `path`, with its role, or undefined. */
export function configuredRoles(roles: RoleGlobs | undefined): (path: string) => { role: FileRole; glob: string } | undefined {
  const configured = FILE_ROLES.flatMap((role) => (roles?.[role] ?? []).map((glob) => ({ role, glob, matches: pathMatcher([glob]) })));
  return (path) => configured.find((c) => c.matches(path));
}

/** Role of each path, cached for the review; configured globs win over anything inferred. */
export function fileRoleResolver(sources: RoleSources): (path: string) => Promise<RoleVerdict> {
  const configured = configuredRoles(sources.roles);
  const cache = new Map<string, Promise<RoleVerdict>>();
  const existing = new Map<string, Promise<boolean>>();
  const exists = (path: string) => {
    let hit = existing.get(path);
    if (!hit) existing.set(path, (hit = sources.text(path).then((t) => t !== null)));
    return hit;
  };
  const firstExisting = async (dir: string, names: readonly string[]) => {
    for (const name of names) if (await exists(join(dir, name))) return join(dir, name);
    return undefined;
  };

  /**
   * The READMEs that may speak of a file, nearest first: its own folder's, then the root's (only the root's for a file
   * at the root), each with its text; read one at a time, so a caller that stops at the first reads no more.
   */
  async function* readmesAround(path: string): AsyncGenerator<{ readme: string; text: string }> {
    const dir = dirOf(path);
    for (const readmeDir of dir ? [dir, ''] : ['']) {
      const readme = await firstExisting(readmeDir, README_NAMES);
      const text = readme === undefined ? null : await sources.text(readme);
      if (readme !== undefined && text !== null) yield { readme, text };
    }
  }

  let repositorySamples: Promise<RoleVerdict | undefined> | undefined;
  const samplesRepository = () =>
    (repositorySamples ??= (async () => {
      for (const name of README_NAMES) {
        const readme = await sources.text(name);
        if (readme === null) continue;
        const sentence = samplesNotForProduction(readme);
        if (sentence) return { role: 'example' as const, reason: `the repository's ${name} says “${sentence}”` };
        const development = repositoryForDevelopment(readme);
        return development ? { role: 'development' as const, reason: `the repository's ${name} says “${development}”` } : undefined;
      }
      return undefined;
    })());

  let pwdStacks: Promise<{ readme: string; urls: string[] } | undefined> | undefined;
  /** A YAML file the root README's Play with Docker link loads (see playWithDockerStacks): a demo. The README is read once per review. */
  const playWithDockerDemo = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!/\.ya?ml$/i.test(path)) return undefined;
    pwdStacks ??= (async () => {
      for (const name of README_NAMES) {
        const readme = await sources.text(name);
        if (readme !== null) return { readme: name, urls: playWithDockerStacks(readme) };
      }
      return undefined;
    })();
    const stacks = await pwdStacks;
    const url = stacks?.urls.find((u) => u.endsWith(`/${path}`));
    return url && stacks ? { role: 'example', reason: `\`${stacks.readme}\`'s Play with Docker link loads it: a demo in a playground session` } : undefined;
  };

  let commands: Promise<string> | undefined;
  /** The README, Makefile and package.json, where a project writes the commands it runs. */
  const runCommands = () =>
    (commands ??= Promise.all(COMMAND_FILES.map((name) => sources.text(name))).then((texts) => texts.filter((t): t is string => t !== null).map((t) => t.slice(0, 50_000)).join('\n')));
  /**
   * Whether the production compose file deploys together with the plain one: it only overrides services
   * the plain file defines, or the project's README, Makefile or package.json runs the two together
   * (`docker compose -f docker-compose.yml -f docker-compose.prod.yml up`).
   */
  const deploysWithBase = async (base: string, production: string): Promise<boolean> => {
    const [baseText, productionText] = await Promise.all([sources.text(base), sources.text(production)]);
    if (baseText !== null && productionText !== null && isComposeOverride(baseText, productionText)) return true;
    return runsTogether(await runCommands(), base, production);
  };

  /**
   * A file of a Helm chart kept under a development folder (`dev/helm/values.yaml` beside `dev/helm/Chart.yaml`):
   * a chart is packaged and installed by others with the defaults it ships, so the folder says nothing about
   * where it runs. Returns the chart's `Chart.yaml` and the path with the development folders left out (so
   * `values.dev.yaml` or `tests/` inside the chart still count), or undefined when no chart holds the file
   * below the development folder.
   */
  const chartInDevelopmentFolder = async (path: string): Promise<{ manifest: string; path: string } | undefined> => {
    const segments = path.split('/');
    const first = segments.findIndex((s, i) => i < segments.length - 1 && DEVELOPMENT_FOLDER.test(s.toLowerCase()));
    if (first < 0) return undefined;
    for (let end = segments.length - 1; end > first; end--) {
      const manifest = join(segments.slice(0, end).join('/'), 'Chart.yaml');
      if (await exists(manifest)) return { manifest, path: segments.filter((s, i) => i === segments.length - 1 || !DEVELOPMENT_FOLDER.test(s.toLowerCase())).join('/') };
    }
    return undefined;
  };

  /**
   * Why a file whose name alone makes it an example is what users deploy, or undefined: a compose file,
   * Dockerfile or Kubernetes manifest named `*.example.*` or `*.sample.*` (not an env file, a template a tool
   * renders, or a file under an example folder) whose own comment says it is for self-hosting or
   * production, or that the README, a Markdown guide the root README links to (at most MAX_README_GUIDES),
   * or a Markdown document the change edits, downloads under a name that is not an example's (`curl -o compose.yml …/compose.example.yml`). An env example is a form to fill in
   * after copying; these run as they are.
   */
  const deployedExample = async (path: string): Promise<string | undefined> => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (roleFromName(path, { words: false }) || !DEPLOYABLE_KIND.test(name) || !name.toLowerCase().split(/[.\-_]/).some((w) => COPIED_EXAMPLE_WORD.test(w))) return undefined;
    const text = await sources.text(path);
    const comment = text === null ? undefined : deploymentComment(text);
    if (comment) return `its name says example, but its comment says “${comment}”`;
    const docs = [...README_NAMES.filter((n) => n !== path), ...sources.files().map((f) => f.path).filter((p) => /\.md$/i.test(p) && p !== path)];
    // The guides the root README sends users to (`[self hosted with Docker](docs/hosting/docker.md)`), which is where
    // the download command of a hosting setup usually is.
    for (const name of README_NAMES) {
      const readme = await sources.text(name);
      if (readme === null) continue;
      const guides = new Set([...readme.slice(0, 100_000).matchAll(README_GUIDE_LINK)].map((m) => m[1]!.replace(/^\.\//, '')));
      docs.push(...[...guides].filter((g) => g !== path && !docs.includes(g)).slice(0, MAX_README_GUIDES));
      break;
    }
    for (const doc of docs) {
      const readme = await sources.text(doc);
      const saved = readme === null ? undefined : downloadedAs(readme, path);
      if (saved) return `its name says example, but \`${doc}\` has it downloaded as \`${saved}\``;
    }
    return undefined;
  };

  /**
   * An env template (`.example.env`, `.env.example`) that the README at the root or in its folder copies only
   * under headings that say the run is local or for development (`cp .example.env .env` under "How to run it
   * locally for development purpose?", see readmeCopies): the local development settings. A template the README
   * copies under any other heading ("Getting Started") stays an example, which users fill in for every install.
   */
  const localTemplate = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!isEnvFile(path)) return undefined;
    let local: { readme: string; heading: string } | undefined;
    for await (const { readme, text } of readmesAround(path)) {
      const copies = readmeCopies(text, readme, path);
      if (copies.other !== undefined) return undefined;
      if (copies.local !== undefined) local ??= { readme, heading: copies.local };
    }
    return local ? { role: 'development', reason: `\`${local.readme}\` copies it under “${local.heading}”, a local development setup` } : undefined;
  };

  /**
   * A data file (a database or cache) that a CI file of the change names as a path (`actions/cache` with
   * `path: .fossier.db`, a step that reads it): the state a CI job keeps between runs, committed for it, not
   * the application's data. Only the change's own CI files are read, so this costs no listing.
   */
  const ciData = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!CI_DATA_NAME.test(path)) return undefined;
    const named = new RegExp(`(?:^|[\\s"'=:])(?:\\./)?${escapeRegExp(path)}(?=$|[\\s"',;)])`, 'm');
    for (const file of sources.files()) {
      if (file.path === path || roleFromName(file.path)?.role !== 'ci') continue;
      const text = await sources.text(file.path);
      if (text !== null && named.test(text)) return { role: 'ci', reason: `\`${file.path}\` names it: data a CI job keeps` };
    }
    return undefined;
  };

  /**
   * A compose file or Dockerfile under a `templates/` folder that is not a Helm chart's (no `Chart.yaml` beside
   * the folder): a stack template users pick, copy and fill in (an app store's or a generator's templates),
   * which nothing runs as it is. A Helm chart's `templates/` is what the chart installs.
   */
  const templateStack = async (path: string): Promise<RoleVerdict | undefined> => {
    const segments = path.split('/');
    const name = segments.pop() ?? '';
    if (!/^(?:docker-)?compose[^/]*\.ya?ml$/i.test(name) && !isDockerfile(path)) return undefined;
    for (let i = 0; i < segments.length; i++) {
      if (!TEMPLATE_FOLDER.test(segments[i]!.toLowerCase())) continue;
      if (await exists(join(segments.slice(0, i).join('/'), 'Chart.yaml'))) return undefined;
      return { role: 'example', reason: `${describeSegment(segments.slice(0, i + 1).join('/'))}: a template users copy and fill in` };
    }
    return undefined;
  };

  /**
   * A Kubernetes manifest that a `kustomization.yaml` in its folder or a folder above lists only in a comment
   * (`#  - include/pgadmin.yaml` among its `resources:`) and names nowhere else: kustomize builds what the
   * kustomization lists, so the manifest is kept beside the deployment but left out of it, as an archived file
   * is. A kustomization that lists it (as a resource, patch or component) deploys it.
   */
  const commentedOutOfKustomization = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!/\.ya?ml$/i.test(path) || KUSTOMIZATION_NAMES.includes(path.slice(path.lastIndexOf('/') + 1))) return undefined;
    // Only a Kubernetes manifest is looked up, so other YAML files cost no read of kustomizations.
    const own = await sources.text(path);
    if (own === null || !/^apiVersion\s*:/m.test(own) || !/^kind\s*:/m.test(own)) return undefined;
    const segments = dirOf(path).split('/').filter(Boolean);
    let commented: string | undefined;
    for (let end = segments.length; end >= Math.max(0, segments.length - MAX_KUSTOMIZATION_DEPTH); end--) {
      const dir = segments.slice(0, end).join('/');
      const relative = path.slice(dir ? dir.length + 1 : 0);
      for (const name of KUSTOMIZATION_NAMES) {
        const text = await sources.text(join(dir, name));
        if (text === null) continue;
        const listed = kustomizationListing(text, relative);
        if (listed === 'active') return undefined;
        if (listed === 'commented') commented ??= join(dir, name);
      }
    }
    return commented ? { role: 'archived', reason: `\`${commented}\` lists it only in a comment: kustomize leaves it out of what it deploys` } : undefined;
  };

  /**
   * A Dockerfile below the root that builds a documentation site (see documentationBuild: it copies a docs-site
   * generator's configuration, `COPY ./docusaurus.config.ts ./`, or runs its build, `mkdocs build`), and whose
   * folder no root compose file, nor a compose file or workflow of the change, names: the project's documentation
   * site, as `docs/` is, whose image serves those pages, not the product (komodo's `docsite/Dockerfile`, published
   * elsewhere). A site the project's own stack runs (the OpenTelemetry demo's `src/telemetry-docs/`, served
   * behind its proxy) deploys with the product. Only the Dockerfile and the root compose files are read.
   */
  const documentationSite = async (path: string): Promise<RoleVerdict | undefined> => {
    const dir = dirOf(path);
    if (!dir || !isDockerfile(path)) return undefined;
    const parsed = sources.dockerfile ? await sources.dockerfile(path) : await sources.text(path).then((t) => (t === null ? null : parseDockerfile(t)));
    const why = parsed ? documentationBuild(parsed) : undefined;
    if (!why) return undefined;
    const mention = new RegExp(`(?:^|[\\s"'=:(,])(?:\\./)?${escapeRegExp(dir)}(?:/|["'\\s,)]|$)`, 'm');
    const stacks = [...PLAIN_COMPOSE_NAMES, ...sources.files().map((f) => f.path).filter((p) => /\.ya?ml$/i.test(p) && (/^(?:docker-)?compose[^/]*\.ya?ml$/i.test(p.slice(p.lastIndexOf('/') + 1)) || roleFromName(p)?.role === 'ci'))];
    for (const stack of new Set(stacks)) {
      const text = await sources.text(stack);
      if (text === null) continue;
      // A compose file that names the folder runs it with the product; a CI file, only where that line builds an image
      // from it (a `context:`, `file:` or `dockerfile:` key, a build, push or deploy command: the OpenTelemetry demo's
      // image matrix `- file: ./src/telemetry-docs/Dockerfile`), not where it runs the folder's script (search-a-licious'
      // generate-doc.yml runs `./scripts/generate_doc.sh`: the docs pipeline) or lists its files (its labeler.yml).
      const ci = roleFromName(stack)?.role === 'ci';
      const builds = (line: string) => IMAGE_COMMAND.test(line) || IMAGE_BUILD_KEY.test(line);
      if (ci ? text.split(/\r?\n/).some((line) => mention.test(line) && builds(line)) : mention.test(text)) return undefined;
    }
    return { role: 'example', reason: `it ${why}, and no compose file or workflow runs \`${dir}/\`: the project's documentation site, not the product` };
  };

  /**
   * A file in a folder whose image a Google Cloud Build pipeline of that folder runs as one of its steps: a
   * `cloudbuild*.yaml` of the change there builds the folder (`docker build
   * --tag=gcr.io/acme-ci/percy-runner .`) and a pipeline step runs that image (`- name:
   * gcr.io/acme-ci/percy-runner:latest`). A step's image is the tool a CI job runs (a screenshot-test runner, a
   * linter), so the folder is CI tooling, as a workflow's own files are; an image a pipeline only builds and pushes
   * or deploys is not run by it, and says nothing.
   */
  const cloudBuildStepImage = async (path: string): Promise<RoleVerdict | undefined> => {
    const dir = dirOf(path);
    if (!dir) return undefined;
    // Only the change's own pipelines are read, so this costs no read of a file the change leaves alone.
    const pipelines = new Set<string>();
    for (const file of sources.files()) if (dirOf(file.path) === dir && CLOUD_BUILD_NAME.test(file.path.slice(dir.length + 1))) pipelines.add(file.path);
    const built = new Set<string>();
    const run = new Map<string, string>();
    for (const pipeline of pipelines) {
      const text = await sources.text(pipeline);
      if (text === null || !/^steps\s*:/m.test(text)) continue;
      const steps = cloudBuildSteps(sources.yaml ? await sources.yaml(pipeline) : parseYaml(text));
      // A pipeline that also deploys (`gcloud run deploy`, `gke-deploy`, `kubectl apply`, `helm upgrade`) may run the
      // image only to test it before it ships: the folder is then the product's.
      if (steps.some((step) => DEPLOY_STEP.test([step.name, ...step.args].join(' ')))) return undefined;
      for (const step of steps) {
        const image = imageName(step.name);
        if (step.args.includes('build') && step.args.includes('.')) for (const tag of buildTags(step.args)) built.add(imageName(tag));
        else if (!run.has(image)) run.set(image, pipeline);
      }
    }
    for (const image of built) {
      const pipeline = run.get(image);
      if (pipeline) return { role: 'ci', reason: `\`${pipeline}\` runs the image built from its folder (\`${image}\`) as a Cloud Build step: CI tooling, not a deployed service` };
    }
    return undefined;
  };

  /**
   * A dotenv file that says it sets up a local run, by what loads it: a `.env` beside a `Procfile` (Foreman and
   * `heroku local` load it to run the Procfile's processes on a developer's machine; Heroku and its kind set their
   * own config vars and never read it), or an env file whose `COMPOSE_FILE` selects a development or test compose
   * file (`COMPOSE_FILE=docker-compose.yml;docker/dev.yml`: compose reads it as the project's settings, so a plain
   * `docker compose up` starts the development stack). Returns the loader too, for checks that ask whether the file
   * is loaded on purpose.
   */
  const localRunEnv = async (path: string): Promise<(RoleVerdict & { loader: string }) | undefined> => {
    if (!isEnvFile(path)) return undefined;
    const dir = dirOf(path);
    const name = path.slice(dir ? dir.length + 1 : 0);
    if (name === '.env') {
      const procfile = await firstExisting(dir, ['Procfile']);
      const text = procfile === undefined ? null : await sources.text(procfile);
      if (procfile && text !== null && procfileRunsWeb(text)) {
        return { role: 'development', loader: procfile, reason: `Foreman and \`heroku local\` load it to run \`${procfile}\` on a developer's machine; the platform that runs the Procfile sets its own config vars and does not read it` };
      }
    }
    const text = await sources.text(path);
    for (const file of text === null ? [] : composeFileSelection(text)) {
      const compose = repoJoin(dir, file);
      if (!(await exists(compose))) continue;
      const role = roleFromName(compose)?.role ?? (compose === path ? undefined : (await resolve(compose)).role);
      if (role === 'development' || role === 'test') return { role: 'development', loader: compose, reason: `its \`COMPOSE_FILE\` selects \`${compose}\`, a ${role} compose file: it configures the local stack` };
    }
    return undefined;
  };

  /**
   * A Dockerfile under a `build/` folder that packages a desktop application: the folder holds a macOS app
   * bundle's `darwin/Info.plist` (Wails keeps `build/darwin/`, `build/windows/`, `build/linux/` and
   * `build/docker/Dockerfile.cross`, `Dockerfile.server` there). Its containers cross-compile the app or are
   * the framework's generated templates; the application ships as installers, not as a deployed image.
   */
  const desktopBuildAssets = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!isDockerfile(path)) return undefined;
    const segments = dirOf(path).split('/');
    const at = segments.lastIndexOf('build');
    if (at === -1) return undefined;
    const plist = join(segments.slice(0, at + 1).join('/'), 'darwin/Info.plist');
    return (await exists(plist)) ? { role: 'development', reason: `\`${plist}\` makes its folder a desktop application's build assets: its containers build the app or are its framework's templates, and the app ships as installers` } : undefined;
  };

  /**
   * A compose file the repository's README (at the root, or in the file's folder) starts only under headings
   * that say the run is local, for development, or of a sample (see localRunHeading): the local stack, unless
   * its own comment says it is for self-hosting or production (see deploymentComment).
   */
  const readmeLocalRun = async (path: string): Promise<RoleVerdict | undefined> => {
    // The file's own comment that it is for self-hosting or production outweighs where the README starts it.
    const own = await sources.text(path);
    if (own !== null && deploymentComment(own) !== undefined) return undefined;
    for await (const { readme, text } of readmesAround(path)) {
      const heading = localRunHeading(text, readme, path);
      if (heading) return { role: 'development', reason: `\`${readme}\` starts it under “${heading}”, a local run` };
    }
    return undefined;
  };

  /**
   * A compose file that mounts the source tree and shows a second sign of development (see
   * sourceMountedStack), unless it is kept or named for deployment (`deployment/docker-compose.yml`,
   * `docker-compose.prod.yml`, see deployedCompose and DEPLOYMENT_FOLDER), its own comment says it is for
   * self-hosting or production, or a README (at the root or in its folder) starts it under a heading that
   * does not say local (an installation guide): then it is what users run, and its development settings are
   * what a check should report.
   */
  const sourceMountedDevelopment = async (path: string, text: string, parsed: YamlFile): Promise<RoleVerdict | undefined> => {
    // The env files it loads are read only for a stack that mounts the source tree (the App reads them lazily).
    if (!composeServices(parsed).some((service) => sourceMount(service, parsed) !== undefined)) return undefined;
    const dir = dirOf(path);
    const envFiles = new Map<string, string>();
    for (const written of composeEnvFiles(parsed).slice(0, 8)) {
      const envText = await sources.text(repoJoin(dir, written));
      if (envText !== null) envFiles.set(written, envText);
    }
    // Only without another sign, the Dockerfiles its services build (a few): a development name, or a development server's start command.
    const builtImages = new Map<string, string>();
    const services = sourceMountedStack(parsed, envFiles) === undefined ? composeServices(parsed).filter((s) => getPair(s.node, 'build') !== undefined).slice(0, 4) : [];
    for (const service of services) {
      const dockerfile = builtDockerfile(path, service, parsed);
      if (dockerfile === undefined) continue;
      const build = getPairMerged(service.node, 'build', parsed.documents[0]!)?.value;
      const target = build && !isScalar(build) ? getString(build, 'target') : undefined;
      const named = developmentBuild(dockerfile, null);
      const why = named ?? developmentBuild(dockerfile, sources.dockerfile ? await sources.dockerfile(dockerfile) : await sources.text(dockerfile).then((t) => (t === null ? null : parseDockerfile(t))), target);
      if (why) builtImages.set(service.name, why);
    }
    const reason = sourceMountedStack(parsed, envFiles, builtImages);
    if (!reason || deployedCompose(path, text) !== undefined || DEPLOYMENT_FOLDER.test(path)) return undefined;
    for await (const { readme, text: readmeText } of readmesAround(path)) if (readmeRuns(readmeText, readme, path).up !== undefined) return undefined;
    return { role: 'development', reason };
  };

  /**
   * A compose file the repository's Tiltfile (at the root) starts with `docker_compose('./ancillary-docker-compose.yml')`:
   * Tilt is the inner-loop tool that rebuilds and restarts a developer's stack on every save (DEVELOPMENT_TOOL_NAME), so
   * what it starts is the local stack, as PeerDB's test services for its e2e suite.
   */
  let tiltStacks: Promise<ReadonlySet<string>> | undefined;
  const tiltStack = async (path: string): Promise<RoleVerdict | undefined> => {
    tiltStacks ??= sources.text(TILTFILE).then((tiltfile) => {
      const paths = new Set<string>();
      for (const m of (tiltfile ?? '').matchAll(/^\s*docker_compose\(\s*(?:\[\s*)?((?:["'][^"']+["']\s*,?\s*)+)/gm)) {
        for (const q of m[1]!.matchAll(/["']([^"']+)["']/g)) paths.add(repoJoin('', q[1]!));
      }
      return paths;
    });
    return (await tiltStacks).has(path) ? { role: 'development', reason: `the \`Tiltfile\` starts it with \`docker_compose\`: Tilt's local development stack` } : undefined;
  };

  /** Whether a README at the root or in the file's folder starts it under a heading about installing or deploying it ("Installation", "Self-hosting"). */
  const readmeDeploys = async (path: string): Promise<boolean> => {
    for await (const { readme, text } of readmesAround(path)) {
      const heading = readmeRuns(text, readme, path).up;
      if (heading !== undefined && DEPLOYMENT_HEADING.test(heading)) return true;
    }
    return false;
  };

  /**
   * A compose file whose applications start in their development environment (see developmentProfileStack),
   * unless it is named or kept for deployment, its own comment says it is for self-hosting or production, or a
   * README starts it under a heading about installing or deploying it ("Installation", "Self-hosting"). A README
   * that only starts it ("To run all related services") leaves it development: the profile says which
   * environment the applications run in, and a guide that deploys them says so.
   */
  const developmentProfile = async (path: string, text: string, parsed: YamlFile): Promise<RoleVerdict | undefined> => {
    const reason = developmentProfileStack(parsed);
    return reason && !(await keptForDeployment(path, text)) ? { role: 'development', reason } : undefined;
  };

  /**
   * Whether a compose file is named or kept for deployment (see deployedCompose and DEPLOYMENT_FOLDER), its own comment
   * says it is for self-hosting or production, or a README starts it under a heading about installing or deploying it:
   * what users run, whatever development sign it shows.
   */
  const keptForDeployment = async (path: string, text: string): Promise<boolean> =>
    deployedCompose(path, text) !== undefined || DEPLOYMENT_FOLDER.test(path) || deploymentComment(text) !== undefined || (await readmeDeploys(path));

  /**
   * A compose file with a developer's database or queue browser among its services (pgAdmin, Adminer, phpMyAdmin,
   * mongo-express, Redis Commander, RedisInsight, Kafka UI, Kafdrop, AKHQ): the local stack a developer inspects their
   * data in, as the labels of every set found it (Dispatch, awesome-nest-boilerplate, exercism, featbit), unless the
   * file is kept for deployment, as developmentProfile asks.
   */
  const adminToolStack = async (path: string, text: string, parsed: YamlFile): Promise<RoleVerdict | undefined> => {
    const tool = composeServices(parsed)
      .map((service) => {
        const image = get(service.node, 'image');
        return isScalar(image) && typeof image.value === 'string' ? { service: service.name, tool: adminTool(image.value) } : undefined;
      })
      .find((t) => t?.tool !== undefined);
    if (!tool || (await keptForDeployment(path, text))) return undefined;
    return { role: 'development', reason: `its service \`${tool.service}\` runs \`${tool.tool}\`, a developer's browser of the stack's data: a local development stack` };
  };

  /**
   * A compose file at the root that builds the repository's image from its source, in a repository that deploys
   * itself with a Helm chart of its own (`charts/<repository>/Chart.yaml`, `helm_deploy/<repository>/…`): the
   * chart is what runs in production, with its probes, users and pinned images; the compose file runs the source
   * on a developer's machine (hmcts/am-role-assignment-service). Not when the file is named or commented for
   * deployment, or a README starts it under an installation or deployment heading: then users run it too.
   */
  const chartDeployedRepository = async (path: string, text: string, parsed: YamlFile): Promise<RoleVerdict | undefined> => {
    if (dirOf(path) !== '' || !sources.repository) return undefined;
    if (deployedCompose(path, text) !== undefined || deploymentComment(text) !== undefined) return undefined;
    if (!composeServices(parsed).some((service) => getPair(service.node, 'build') !== undefined)) return undefined;
    const chart = await firstExisting('', ownChartManifests(sources.repository.name));
    if (!chart) return undefined;
    if (await readmeDeploys(path)) return undefined;
    return { role: 'development', reason: `the repository deploys with its own Helm chart (\`${chart}\`), and this file builds the image from the source for local runs` };
  };

  const decide = async (path: string): Promise<RoleVerdict> => {
    const rule = configured(path);
    if (rule) return { role: rule.role, reason: `\`roles.${rule.role}\` in .github/readiness.yml lists \`${rule.glob}\`` };
    let named = roleFromName(path);
    const chart = named?.role === 'development' ? await chartInDevelopmentFolder(path) : undefined;
    if (chart) named = roleFromName(chart.path);
    if (named?.role === 'example') {
      const deployed = await deployedExample(path);
      if (deployed) return { role: 'production', reason: deployed };
      const local = await localTemplate(path);
      if (local) return local;
    }
    if (named?.role === 'test') {
      // A prototype package's files are development whatever their names say (a scratch `test.ts` beside its code).
      const packaged = await workspacePackage(path);
      if (packaged?.role === 'development') return packaged;
    }
    if (named) return named;
    const samples = await samplesRepository();
    if (samples) return samples;
    const demo = await playWithDockerDemo(path);
    if (demo) return demo;
    const template = await templateStack(path);
    if (template) return template;
    const unlisted = await commentedOutOfKustomization(path);
    if (unlisted) return unlisted;
    const variant = isEnvFile(path) ? await envTemplateVariant(path, (p) => sources.text(p)) : undefined;
    if (variant) return { role: 'example', reason: `it repeats \`${variant.template}\` in ${variant.shared} of its ${variant.total} settings and nothing loads it: a variant of the env template that installs copy` };
    const desktop = await desktopBuildAssets(path);
    if (desktop) return desktop;
    const site = await documentationSite(path);
    if (site) return site;
    const local = await localRunEnv(path);
    if (local) return { role: local.role, reason: local.reason };
    const step = await cloudBuildStepImage(path);
    if (step) return step;
    if (chart) return { role: 'production', reason: `\`${chart.manifest}\` makes it part of a Helm chart, which others install as it is, whatever folder it sits in` };
    const dir = dirOf(path);
    const name = path.slice(dir ? dir.length + 1 : 0);
    if (PLAIN_COMPOSE.test(name)) {
      const production = await firstExisting(dir, PRODUCTION_COMPOSE);
      if (production && !(await deploysWithBase(path, production))) return { role: 'development', reason: `\`${production}\` beside it is the file that deploys` };
    }
    if (PLAIN_DOCKERFILE.test(name)) {
      const production = await firstExisting(dir, PRODUCTION_DOCKERFILES);
      if (production) return { role: 'development', reason: `\`${production}\` beside it builds the production image` };
    }
    if (BASE_SETTINGS.test(path)) {
      const base = name.replace(/\.py$/, '');
      for (const candidate of PRODUCTION_SETTINGS) {
        const text = await sources.text(join(dir, candidate));
        if (text !== null && new RegExp(`\\bfrom\\s+\\.?${base}\\s+import\\b|\\bimport\\s+[\\w.]*\\b${base}\\b`).test(text)) {
          return { role: 'development', reason: `\`${join(dir, candidate)}\` builds on it and is what production runs` };
        }
      }
    }
    if (/^(?:docker-)?compose[^/]*\.ya?ml$/i.test(name) || (await composeByContent(path))) {
      const local = await readmeLocalRun(path);
      if (local) return local;
      const tilt = await tiltStack(path);
      if (tilt) return tilt;
      const text = await sources.text(path);
      const envFile = text === null ? undefined : developmentEnvFile(text);
      if (envFile) return { role: 'development', reason: `its services load \`${envFile}\`, a development env file` };
      const parsed = text === null ? null : sources.yaml ? await sources.yaml(path) : parseYaml(text);
      const stack = parsed && text !== null ? nonProductionStack(parsed, text) : undefined;
      if (stack) return stack;
      const mounted = parsed && text !== null ? await sourceMountedDevelopment(path, text, parsed) : undefined;
      if (mounted) return mounted;
      const profile = parsed && text !== null ? await developmentProfile(path, text, parsed) : undefined;
      if (profile) return profile;
      const admin = parsed && text !== null ? await adminToolStack(path, text, parsed) : undefined;
      if (admin) return admin;
      const charted = parsed && text !== null ? await chartDeployedRepository(path, text, parsed) : undefined;
      if (charted) return charted;
    }
    if (isEnvFile(name)) {
      // Symfony's committed `.env` (and `.env.dev`, `.env.test`): its header, written by the framework, says the file
      // holds the defaults of development and that production secrets go in real environment variables.
      const text = await sources.text(path);
      if (text !== null && symfonyCommittedEnv(text)) return { role: 'development', reason: "its header is Symfony's: the committed defaults, which real environment variables override in production" };
    }
    if (isDockerfile(path)) {
      const parsed = sources.dockerfile ? await sources.dockerfile(path) : await sources.text(path).then((t) => (t === null ? null : parseDockerfile(t)));
      const reason = parsed ? developmentImage(parsed) : undefined;
      if (reason) return { role: 'development', reason };
      const test = parsed ? testImage(parsed) : undefined;
      if (test) return { role: 'test', reason: test };
      const stack = await builtForDevelopmentOnly(path);
      if (stack) return stack;
      const runner = await builtForTestsOnly(path);
      if (runner) return runner;
    }
    const ci = await ciData(path);
    if (ci) return ci;
    if (/\.ya?ml$/i.test(path)) {
      const text = await sources.text(path);
      const parsed = text === null || !/^\s*env(?:ironment)?\s*:/m.test(text) ? null : sources.yaml ? await sources.yaml(path) : parseYaml(text);
      const declared = parsed ? declaredEnvironment(parsed) : undefined;
      // A Helm chart's values are not a declaration: asked only of a file that declares one, so others cost no read.
      if (declared && !(await exists(join(dir, 'Chart.yaml')))) return { role: declared.role, reason: `it declares its environment (\`${declared.setting}\`)` };
    }
    const settings = await environmentSettings(path);
    if (settings) return settings;
    const keys = await keysOfDeclaredConfiguration(path);
    if (keys) return keys;
    const imageFile = await developmentImageFile(path);
    if (imageFile) return imageFile;
    if (COMMENTED_KINDS.test(path)) {
      const text = await sources.text(path);
      const comment = text === null ? undefined : developmentComment(text);
      if (comment) return { role: 'development', reason: `its comment says “${comment}”` };
      // Not an env file's: its values are read as data wherever it is loaded, whatever its comment says.
      const testing = text === null || isEnvFile(path) ? undefined : testingComment(text);
      if (testing) return { role: 'test', reason: `its opening comment says “${testing}”` };
      const demonstration = text === null || isEnvFile(path) ? undefined : demonstrationComment(text);
      if (demonstration) return { role: 'example', reason: `its opening comment says “${demonstration}”` };
    }
    const packaged = await workspacePackage(path);
    if (packaged) return packaged;
    const tested = await appliedByTestsOnly(path);
    if (tested) return tested;
    return { role: 'production', reason: PRODUCTION_REASON };
  };
  /**
   * A Kubernetes manifest, compose file or Dockerfile the change adds that only lines the change adds to its test
   * files name (see namesFile: the path, a glob of its folder, `sed … make/config/bind/*.yaml | kubectl apply -f -`
   * in `make/e2e-setup.mk`, or its Helm chart's folder) and no other file of the change names: an addon the
   * end-to-end setup installs into its throwaway cluster, added with the test target that applies it. A file kept
   * for deployment (`deploy/`, `production/`) stays production, and so does one another file of the change names.
   */
  const appliedByTestsOnly = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!(isDockerfile(path) || /\.ya?ml$/i.test(path)) || DEPLOYMENT_FOLDER.test(path)) return undefined;
    const files = sources.files();
    if (files.find((f) => f.path === path)?.status !== 'added') return undefined;
    const others = files.filter((f) => f.path !== path && REFERENCING_KIND.test(f.path)).slice(0, 400);
    // Only when a test setup file's added line mentions the path's first folder are the Helm charts above it looked for.
    const top = path.split('/')[0]!;
    const setup = others.filter((f) => SETUP_KIND.test(f.path) && roleFromName(f.path)?.role === 'test' && f.added.some((l) => l.text.includes(top)));
    if (setup.length === 0) return undefined;
    const names = await fileReferences(path);
    const by = setup.find((f) => f.added.some((l) => names(l.text)));
    if (!by) return undefined;
    if (others.some((f) => roleFromName(f.path)?.role !== 'test' && f.added.some((l) => names(l.text)))) return undefined;
    return { role: 'test', reason: `only \`${by.path}\`, a test file the change adds it with, names it: what the test setup applies, not a deployment` };
  };
  /** A test of a line that names `path` (see appliedByTestsOnly): the path, a glob of its folder, its folder, or the folder of a Helm chart that holds it. */
  const fileReferences = async (path: string): Promise<(line: string) => boolean> => {
    const dir = dirOf(path);
    const name = path.slice(dir ? dir.length + 1 : 0);
    const folders = dir ? [dir] : [];
    const segments = dir.split('/');
    for (let end = segments.length; end >= 1 && dir; end--) {
      const chart = segments.slice(0, end).join('/');
      if (await exists(join(chart, 'Chart.yaml'))) {
        if (!folders.includes(chart)) folders.push(chart);
        break;
      }
    }
    const token = (text: string) => new RegExp(`(?:^|[\\s"'=(:,])(?:\\./)?${escapeRegExp(text)}/?(?=$|[\\s"'),;|>])`);
    const exact = token(path);
    // A folder of one segment (`proxy`) is also a plain word: it names the folder only written with its slash (`proxy/`).
    const folder = folders.map((f) => (f.includes('/') ? token(f) : new RegExp(`(?:^|[\\s"'=(:,])(?:\\./)?${escapeRegExp(f)}/(?=$|[\\s"'),;|>])`)));
    const glob = dir ? new RegExp(`(?:^|[\\s"'=(:,])(?:\\./)?${escapeRegExp(dir)}/(\\*[\\w.*-]*)(?=$|[\\s"'),;|>])`) : undefined;
    return (line) => {
      if (exact.test(line) || folder.some((f) => f.test(line))) return true;
      const pattern = glob?.exec(line)?.[1];
      return pattern !== undefined && new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`).test(name);
    };
  };
  /**
   * A file of a workspace package (the nearest `package.json` above it, below the repository's root) that says it
   * is for tests (see testingPackageJson: `"description": "Mock AI Gateway server for E2E testing"`): a test
   * double or harness the test suites start, never deployed; or of a package that only a file watcher runs (see
   * watchedOnlyPackageJson) and that holds no Dockerfile: a prototype run on a developer's machine, whose compose
   * file starts its local services. The root's `package.json` describes the project itself and is not read for
   * this; a package that says neither leaves the file as it was.
   */
  const workspacePackage = async (path: string): Promise<RoleVerdict | undefined> => {
    // A package.json describes the JavaScript and TypeScript code of its package and the compose file beside it; other files cost no read.
    const code = isJavaScript(path);
    if (!code && !/\.ya?ml$/i.test(path)) return undefined;
    for (const manifest of packageManifestsAbove(path)) {
      const dir = dirOf(manifest);
      if (manifest === path || !(await exists(manifest))) continue;
      const text = (await sources.text(manifest)) ?? '';
      const why = code ? testingPackageJson(text) : undefined;
      if (why) return { role: 'test', reason: `\`${manifest}\` ${why}` };
      const watched = watchedOnlyPackageJson(text);
      if (!watched || (await firstExisting(dir, ['Dockerfile', 'Containerfile']))) return undefined;
      return { role: 'development', reason: `\`${manifest}\` runs its package only through ${watched}, with no start or build script and no Dockerfile: a prototype run on a developer's machine` };
    }
    return undefined;
  };
  /** A YAML file by another name whose top level is a `services:` mapping with `image:` or `build:` entries (`rtcstats.yml`): compose, as unpinned-dependency reads it. */
  const composeByContent = async (path: string): Promise<boolean> => {
    if (!/\.ya?ml$/i.test(path)) return false;
    const text = await sources.text(path);
    if (text === null || !TOP_LEVEL_SERVICES.test(text)) return false;
    const parsed = sources.yaml ? await sources.yaml(path) : parseYaml(text);
    return parsed !== null && hasComposeServices(parsed);
  };
  /**
   * A key or certificate file (`signing.key`, `lets_encrypt.pem`) the change adds beside a YAML configuration of
   * the change that declares its environment development or test (see declaredEnvironment): the keys that
   * configuration loads from its folder are that environment's. Only the change's own files are read.
   */
  const keysOfDeclaredConfiguration = async (path: string): Promise<RoleVerdict | undefined> => {
    if (!KEY_FILE.test(path)) return undefined;
    const dir = dirOf(path);
    for (const file of sources.files()) {
      if (dirOf(file.path) !== dir || !/\.ya?ml$/i.test(file.path)) continue;
      const text = await sources.text(file.path);
      const parsed = text === null || !/^\s*env(?:ironment)?\s*:/m.test(text) ? null : sources.yaml ? await sources.yaml(file.path) : parseYaml(text);
      const declared = parsed ? declaredEnvironment(parsed) : undefined;
      if (declared) return { role: declared.role, reason: `\`${file.path}\` beside it declares its environment (\`${declared.setting}\`): its keys are that environment's` };
    }
    return undefined;
  };

  /**
   * A file in the folder of a plain `Dockerfile` the change touches (not the root's), or below it, when that
   * Dockerfile builds a development image by its content (Xdebug, a development start command, see
   * developmentImage): the folder is that image's build context (`docker/php/config/parameters.yml` beside
   * `docker/php/Dockerfile`), and what it holds is the development image's configuration.
   */
  const developmentImageFile = async (path: string): Promise<RoleVerdict | undefined> => {
    if (isDockerfile(path)) return undefined;
    for (const file of sources.files()) {
      const dir = dirOf(file.path);
      if (dir === '' || !PLAIN_DOCKERFILE.test(file.path.slice(dir.length + 1)) || !path.startsWith(`${dir}/`)) continue;
      const parsed = sources.dockerfile ? await sources.dockerfile(file.path) : await sources.text(file.path).then((t) => (t === null ? null : parseDockerfile(t)));
      const why = parsed ? developmentImage(parsed) : undefined;
      if (why) return { role: 'development', reason: `it is in the folder of \`${file.path}\`, a development image (${why})` };
    }
    return undefined;
  };

  /** A file parsed as YAML, through the sources' cache when they keep one; null when it is missing. */
  const yamlOf = (path: string) => (sources.yaml ? sources.yaml(path) : sources.text(path).then((t) => (t === null ? null : parseYaml(t))));

  /**
   * The services of the compose files named `names` in a Dockerfile's folder or a folder above it that build that
   * Dockerfile (`build: ./backend`), with the file each is in.
   */
  const composeBuilders = async (path: string, names: readonly string[]) => {
    const out: { compose: string; service: ComposeService; file: YamlFile }[] = [];
    for (const compose of foldersUp(dirOf(path)).flatMap((d) => names.map((n) => join(d, n)))) {
      const file = await yamlOf(compose);
      if (!file || file.error) continue;
      for (const service of composeServices(file)) if (builtDockerfile(compose, service, file) === path) out.push({ compose, service, file });
    }
    return out;
  };

  /**
   * A Dockerfile below the root that only development stacks build: plain compose files (`docker-compose.yml`,
   * `compose.yaml`) in its folder or a folder above build it for a service that mounts the source over it
   * (profilarr's `build: ./backend` with `./backend:/app`, in a stack that starts `npm run dev`), every one of them
   * is development, no production compose file there (`docker-compose.prod.yml`) builds it, and no CI file names its
   * folder (`.github/workflows/*`, `.gitlab-ci.yml`) nor does a line of the root README that builds, pushes or
   * deploys an image (`docker build -t app backend`; not idurar's `cd backend` before `npm install`), so no deployment
   * builds the image: it is the development stack's image. A Dockerfile no such compose file builds is left to the other rules, and costs
   * no listing (the workflows folder is listed only then).
   */
  const builtForDevelopmentOnly = async (path: string): Promise<RoleVerdict | undefined> => {
    const dir = dirOf(path);
    if (!sources.list || dir === '') return undefined;
    // The plain compose files whose services build this Dockerfile and mount the source over the image they build
    // (`build: ./backend` with `./backend:/app`): the image is the container the developer's checkout runs in, not a
    // server image a development stack merely starts as it is. Those first (the reads checks plan anyway); the
    // production compose files only once one of them builds it.
    const builders = [...new Set((await composeBuilders(path, PLAIN_COMPOSE_NAMES)).filter((b) => sourceMount(b.service, b.file) !== undefined).map((b) => b.compose))];
    if (builders.length === 0) return undefined;
    for (const builder of builders) if ((await resolve(builder)).role !== 'development') return undefined;
    if ((await composeBuilders(path, PRODUCTION_COMPOSE)).length > 0) return undefined;
    const folder = new RegExp(`(?:^|[\\s"'=:,(\\[])(?:\\./)?${escapeRegExp(dir)}(?=/|["'\\s,)\\]]|$)`, 'm');
    const workflows = ((await sources.list('.github/workflows')) ?? []).filter((p) => /\.ya?ml$/i.test(p));
    for (const named of [...workflows, '.gitlab-ci.yml']) {
      const text = await sources.text(named);
      if (text !== null && folder.test(text)) return undefined;
    }
    // The README counts where a line that names the folder builds, pushes or deploys an image (`docker build -t app
    // backend`): idurar's "cd backend" before `npm install` sets up a checkout, it deploys nothing.
    for (const named of README_NAMES) {
      const text = await sources.text(named);
      if (text !== null && text.split(/\r?\n/).some((line) => folder.test(line) && IMAGE_COMMAND.test(line))) return undefined;
    }
    return { role: 'development', reason: `only ${builders.map((b) => `\`${b}\``).join(' and ')}, a development stack, builds it, and no workflow builds its folder` };
  };

  /**
   * A Dockerfile below the root that compose files build only to run a test suite: every service of the plain
   * compose files in its folder or a folder above it that builds it starts a test runner (suitenumerique/messages'
   * `src/mta-out/compose.yaml`, whose `test` service builds `./` and runs `pytest -vvs .` against the server it
   * tests), and no production compose file there builds it. Its image is the suite's, which nothing deploys.
   */
  const builtForTestsOnly = async (path: string): Promise<RoleVerdict | undefined> => {
    if (dirOf(path) === '') return undefined;
    const builders = await composeBuilders(path, PLAIN_COMPOSE_NAMES);
    const [first] = builders;
    if (!first || !builders.every((b) => TEST_RUNNER_COMMAND.test(serviceStartWords(b.service).join(' ')))) return undefined;
    if ((await composeBuilders(path, PRODUCTION_COMPOSE)).length > 0) return undefined;
    const line = serviceStartWords(first.service).join(' ');
    return { role: 'test', reason: `the \`${first.service.name}\` service of \`${first.compose}\` builds it to run \`${line.slice(0, 60)}\`: the image of a test suite, which nothing deploys` };
  };

  const resolve = (path: string): Promise<RoleVerdict> => {
    let hit = cache.get(path);
    if (!hit) cache.set(path, (hit = decide(path)));
    return hit;
  };

  /**
   * An environment's settings file (`appsettings.Docker.json`) that only development setups select: the
   * files that set `ASPNETCORE_ENVIRONMENT` or `DOTNET_ENVIRONMENT` to its environment — compose files in its
   * folder or any folder above, the project's `Properties/launchSettings.json` (launch profiles of `dotnet run`
   * and the IDE, a development tool) and its Dockerfile — are all development, test or example files. Where
   * a production file selects it, or nothing visible does, it says nothing.
   */
  const environmentSettings = async (path: string): Promise<RoleVerdict | undefined> => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const environment = ENVIRONMENT_SETTINGS.exec(name)?.[1];
    if (!environment || /^(?:production|prod|staging)$/i.test(environment)) return undefined;
    const selects = new RegExp(`\\b(?:ASPNETCORE|DOTNET)_ENVIRONMENT["']?\\s*[=:]\\s*["']?${escapeRegExp(environment)}["']?(?![\\w.-])`);
    const dir = dirOf(path);
    const candidates = [join(dir, 'Properties/launchSettings.json'), join(dir, 'Dockerfile')];
    const segments = dir ? dir.split('/') : [];
    for (let i = segments.length; i >= 0; i--) for (const compose of ENVIRONMENT_COMPOSE_FILES) candidates.push(join(segments.slice(0, i).join('/'), compose));
    const selecting: { path: string; role: FileRole }[] = [];
    for (const candidate of candidates) {
      const text = await sources.text(candidate);
      if (text === null || !selects.test(text)) continue;
      selecting.push({ path: candidate, role: /(?:^|\/)launchSettings\.json$/.test(candidate) ? 'development' : (await resolve(candidate)).role });
    }
    if (selecting.length === 0 || selecting.some((s) => s.role === 'production')) return undefined;
    return { role: 'development', reason: `only \`${selecting[0]!.path}\`, a ${selecting[0]!.role} file, selects its \`${environment}\` environment` };
  };
  return resolve;
}

/** How many folders above a file are looked in for the `package.json` of its workspace package. */
const MAX_PACKAGE_DEPTH = 4;

/**
 * The `package.json` files whose package `path` may belong to, nearest first: one per folder above it, at most
 * MAX_PACKAGE_DEPTH, never the root's (it describes the project itself). The App's read-ahead plans them.
 */
export function packageManifestsAbove(path: string): string[] {
  const segments = path.split('/').slice(0, -1);
  const out: string[] = [];
  for (let end = segments.length; end >= 1 && segments.length - end < MAX_PACKAGE_DEPTH; end--) out.push(`${segments.slice(0, end).join('/')}/package.json`);
  return out;
}
/** A package description that says it is for tests: `… for E2E testing`, `for integration tests`, `test fixture server`. */
const TESTING_DESCRIPTION = /\bfor\s+(?:(?:the\s+)?(?:e2e|end-to-end|integration|unit|functional|acceptance|automated|load|local)\s+)?test(?:s|ing)?\b|^\s*(?:a\s+)?(?:mock|fake|stub)\b/i;
/** A word of a package's name that says it is a test double or harness (`@acme/api-mock`, `e2e-server`, `fake-smtp`). */
const TESTING_NAME_WORD = /^(?:mocks?|fakes?|stubs?|e2e|tests?|testing)$/i;

/** The object a JSON text holds, or undefined when it is no valid JSON or not an object. */
function jsonObject(text: string): object | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a `package.json` says its package is for tests, or undefined: its `description` says it is for testing
 * (`Mock AI Gateway server for E2E testing`) or opens with mock, fake or stub, or a word of its `name` is one of
 * mock, fake, stub, e2e, test or testing (split at `-`, `_`, `.`, `/`, `@`).
 */
export function testingPackageJson(text: string): string | undefined {
  const parsed = jsonObject(text);
  if (!parsed) return undefined;
  const { name, description } = parsed as { name?: unknown; description?: unknown };
  if (typeof description === 'string' && TESTING_DESCRIPTION.test(description)) return `describes its package as “${description.trim().slice(0, 120)}”: a test double or harness`;
  const word = typeof name === 'string' ? name.split(/[-_./@]/).find((w) => TESTING_NAME_WORD.test(w)) : undefined;
  return word ? `names its package \`${String(name)}\`, a name whose word \`${word}\` says it is for tests` : undefined;
}

/** Programs that rerun a Node.js program on every file change: `tsx watch`, `nodemon`, `ts-node-dev`, `node --watch`, `bun --watch`. */
function watcherCommand(words: readonly string[]): boolean {
  const program = programName(words[0] ?? '');
  const args = words.slice(1);
  if (program === 'nodemon' || program === 'ts-node-dev' || program === 'tsnd' || program === 'node-dev') return true;
  if (program === 'tsx') return args[0] === 'watch' || args.includes('--watch');
  return (program === 'node' || program === 'bun') && args.some((a) => a === '--watch' || a === '--hot' || a.startsWith('--watch-path'));
}
/** Runtimes a package script starts a program with (`node dist/index.js`, `tsx src/index.ts`). */
const SCRIPT_RUNTIME = /^(?:node|tsx|ts-node|bun|deno|nodemon|ts-node-dev|tsnd|node-dev|next|nuxt|vite|remix|astro)$/;
/** Script names that start or build a package for running elsewhere. */
const START_OR_BUILD_SCRIPT = /^(?:start|serve|build|prod|production|preview|deploy)(?:$|[:_-])/i;

/**
 * How a `package.json` runs its package when a file watcher is the only way (`"dev": "tsx watch src/index.ts"`),
 * or undefined: some script runs a watcher, every script that starts a runtime runs one, no script is named for
 * starting or building (`start`, `build`, `serve`, `prod…`), and the package declares no `main`, `bin` or
 * `exports` (a library or a tool is used by others however it is developed).
 */
export function watchedOnlyPackageJson(text: string): string | undefined {
  const parsed = jsonObject(text);
  if (!parsed) return undefined;
  const manifest = parsed as { scripts?: unknown; main?: unknown; bin?: unknown; exports?: unknown };
  if (manifest.main !== undefined || manifest.bin !== undefined || manifest.exports !== undefined) return undefined;
  if (!manifest.scripts || typeof manifest.scripts !== 'object') return undefined;
  let watcher: string | undefined;
  for (const [name, script] of Object.entries(manifest.scripts as Record<string, unknown>)) {
    if (typeof script !== 'string' || START_OR_BUILD_SCRIPT.test(name)) return undefined;
    for (const words of shellCommands(script).flatMap((c) => effectiveCommands(c))) {
      if (watcherCommand(words)) watcher ??= `\`${script.trim()}\``;
      else if (SCRIPT_RUNTIME.test(programName(words[0] ?? ''))) return undefined;
    }
  }
  return watcher;
}

/** Key and certificate files. */
const KEY_FILE = /\.(?:key|pem|crt|cert|p12|pfx)$/i;

/** Settings files of one environment (.NET's `appsettings.<Environment>.json`). */
const ENVIRONMENT_SETTINGS = /^appsettings\.([\w-]+)\.json$/i;
const ENVIRONMENT_COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml', 'compose.override.yaml', 'compose.override.yml'];

const DEVELOPMENT_PROFILE = /^(?:dev|devel|develop|development|local|debug|test|tests|testing|e2e|ci|tools?|dev-envs?)$/i;

/**
 * Whether a compose service is for development or tests only: it sits behind a `profiles:` entry such as
 * `dev`, `debug` or `test`, or builds a Dockerfile stage named that way (`build: { target: dev }`).
 * Returns the reason, or undefined for a service that runs with the stack.
 */
export function developmentService(profiles: readonly string[], target: string | undefined): string | undefined {
  const profile = profiles.find((p) => DEVELOPMENT_PROFILE.test(p));
  if (profile) return `it runs only under the \`${profile}\` profile`;
  if (target && DEVELOPMENT_PROFILE.test(target)) return `it builds the \`${target}\` stage`;
  return undefined;
}

/**
 * Documentation-site generators: an image built on one turns Markdown into static files that are published
 * elsewhere (GitHub Pages, a CDN); its container builds or previews the site and never serves production.
 */
const DOCS_GENERATOR_IMAGE = /^(?:squidfunk\/mkdocs-material(?:-insiders)?|[\w.-]+\/mkdocs(?:-[\w.-]+)?|klakegg\/hugo|hugomods\/hugo|[\w.-]+\/hugo-[\w.-]+|jekyll\/(?:jekyll|builder|minimal)|sphinxdoc\/sphinx(?:-[\w.-]+)?|antora\/antora|ghcr\.io\/getzola\/zola)$/;

/** A Dockerfile name (split on `.`, `-`, `_`) that says it builds a base or builder image: `Base.Dockerfile`, `Dockerfile.builder`. */
const BASE_IMAGE_WORD = /^(?:base|builder)$/;

/** What `imageNeverServes` reads: the texts of the repository, the change's files, and optionally a folder's listing. */
export interface ImageSources {
  text(path: string): Promise<string | null>;
  files(): readonly ChangedFile[];
  dockerfile?(path: string): Promise<Dockerfile | null>;
  list?(dir: string): Promise<readonly string[] | null>;
}

/**
 * The image names a project's commands build from `path` (`docker buildx build -t louislam/dockge:base -f
 * ./docker/Base.Dockerfile .`, `podman build --tag=x --file docker/x.Dockerfile`), lower-cased, with their tags.
 */
export function builtImageNames(commands: string, path: string): string[] {
  const file = new RegExp(`(?:^|\\s)(?:-f|--file)[ =]+["']?(?:\\./)?${escapeRegExp(path)}["']?(?=\\s|$)`);
  const names: string[] = [];
  for (const line of commands.split(/\r?\n/)) {
    if (!/\b(?:docker|podman|buildah)\s+(?:buildx\s+)?(?:build|bud)\b/.test(line) || !file.test(line)) continue;
    for (const m of line.matchAll(/(?:^|\s)(?:-t|--tag)[ =]+["']?([\w./:@${}-]+)/g)) names.push(m[1]!.toLowerCase());
  }
  return names;
}

/** The README, Makefile, justfile and package.json of the repository, where a project writes the commands it runs, joined. */
export async function commandText(sources: Pick<ImageSources, 'text'>, commandFiles: readonly string[] = COMMAND_FILES): Promise<string> {
  const texts = await Promise.all(commandFiles.map((n) => sources.text(n)));
  return texts.filter((t): t is string => t !== null).map((t) => t.slice(0, 100_000)).join('\n');
}

/** The bake files `docker buildx bake` reads at the root when given none. */
export const ROOT_BAKE_FILES: readonly string[] = ['docker-bake.hcl', 'docker-bake.override.hcl'];

/**
 * Names of a bake file's build contexts that another target or a local folder supplies (`contexts = { base =
 * "target:base", src = "./src" }`): a `FROM base` in a target's Dockerfile builds on that, not on a registry
 * image. A context given as `docker-image://…` is a registry image and is left out.
 */
export function bakeTargetContexts(hcl: string): string[] {
  const names: string[] = [];
  for (const block of hcl.matchAll(/\bcontexts\s*=\s*\{([^}]*)\}/g)) {
    for (const m of block[1]!.matchAll(/["']?([\w.-]+)["']?\s*=\s*"([^"]*)"/g)) if (/^(?:target:|\.{0,2}\/|[\w.-]+\/?$)/.test(m[2]!) && !m[2]!.includes('://')) names.push(m[1]!);
  }
  return names;
}

/**
 * Image names (lower-cased, without tag) the repository builds on the machine and does not publish: the `-t`
 * names of `docker build` (`docker buildx build`, `podman build`) lines of its commands (the root's, and those of
 * command files the change touches in any folder) that neither `--push`
 * nor are pushed by a `docker push <name>` line, and the `image:` of compose services of the change or of the
 * root compose files that also have a `build:`, and the build contexts bake files supply from another target
 * (see bakeTargetContexts). A reference to one (`image: deb6:latest` beside a service that builds `deb6`,
 * `FROM base` for a bake context `base = "target:base"`) names that local build, not a registry tag that moves.
 */
export async function locallyBuiltImages(sources: Pick<ImageSources, 'text' | 'files'>, commandFiles: readonly string[] = COMMAND_FILES): Promise<Set<string>> {
  const names = new Set<string>();
  // The change's own command files count wherever they are: a subproject's Makefile the change edits to build its
  // base image before the images on it (openkat's `boefjes/Makefile`: `docker build -f **/base.Dockerfile -t openkat/boefje-base:latest .`).
  const changed = sources.files().map((f) => f.path).filter((p) => p.includes('/') && COMMAND_FILES.includes(basename(p)));
  const commands = await commandText(sources, [...new Set([...commandFiles, ...changed])]);
  const pushed = new Set([...commands.matchAll(/\b(?:docker|podman)\s+(?:image\s+)?push\s+(?:--?[\w-]+\s+)*["']?([\w./:@-]+)/g)].map((m) => parseImageReference(m[1]!.toLowerCase()).name));
  for (const line of commands.split(/\r?\n/)) {
    if (!/\b(?:docker|podman|buildah)\s+(?:buildx\s+)?(?:build|bud)\b/.test(line) || /--push\b/.test(line)) continue;
    for (const m of line.matchAll(/(?:^|\s)(?:-t|--tag)[ =]+["']?([\w./:@-]+)/g)) {
      const name = parseImageReference(m[1]!.toLowerCase()).name;
      if (!pushed.has(name)) names.add(name);
    }
  }
  // Buildx bake: a named context another target supplies (`contexts = { base = "target:base" }`) is what `FROM base` builds on.
  const bakePaths = new Set([...sources.files().map((f) => f.path).filter((p) => /\.hcl$/i.test(p)), ...ROOT_BAKE_FILES]);
  for (const path of bakePaths) {
    const text = await sources.text(path);
    for (const name of text === null ? [] : bakeTargetContexts(text)) names.add(name.toLowerCase());
  }
  const composePaths = new Set([...sources.files().map((f) => f.path).filter((p) => /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/i.test(p)), ...ROOT_COMPOSE_FILES]);
  for (const path of composePaths) {
    const text = await sources.text(path);
    if (text === null || !/\bbuild\s*:/.test(text)) continue;
    for (const service of composeServices(parseYaml(text))) {
      const image = get(service.node, 'image');
      if (getPair(service.node, 'build') && isScalar(image) && typeof image.value === 'string' && !image.value.includes('$')) names.add(parseImageReference(image.value.trim().toLowerCase()).name);
    }
  }
  return names;
}

/**
 * Why the image a Dockerfile builds never runs as a long-lived service, or undefined: it is built on a
 * documentation-site generator (`squidfunk/mkdocs-material`), or its final stage starts nothing of its own
 * (no CMD, ENTRYPOINT or EXPOSE in the file) and either its name says base or builder (`Base.Dockerfile`,
 * `Dockerfile.builder`) or the project's commands tag it with a name another Dockerfile of the change or
 * of its folder builds `FROM` or copies `--from` (`FROM louislam/dockge:base`). Such an image is a layer or
 * a compiler of other images: the user it runs as and its healthcheck are the final image's to set.
 */
export async function imageNeverServes(sources: ImageSources, path: string, commandFiles: readonly string[] = COMMAND_FILES): Promise<string | undefined> {
  const parsed = sources.dockerfile ? await sources.dockerfile(path) : await sources.text(path).then((t) => (t === null ? null : parseDockerfile(t)));
  const stage = parsed && finalStage(parsed);
  if (!parsed || !stage) return undefined;
  const generator = parseImageReference(rootImage(parsed, stage)).name.toLowerCase();
  const exposes = stageLineage(parsed, stage).some((s) => s.instructions.some((i) => i.keyword === 'EXPOSE'));
  if (DOCS_GENERATOR_IMAGE.test(generator) && !exposes) return `it is built on the documentation-site generator \`${generator}\`, whose site is published as static files`;
  const start = startInstructions(parsed, stage);
  if (!exposes && start.length > 0 && interactiveShell(start.flatMap((i) => commandWords(i.args).words))) return `its start command is an interactive shell (\`${start.map((i) => i.args.trim()).join(' ')}\`) and it exposes nothing: a toolbox people run commands in, not a service`;
  const own = stageLineage(parsed, stage).some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'EXPOSE'));
  if (own) return undefined;
  const shellService = await interactiveComposeService(sources, path);
  if (shellService) return shellService;
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const word = name.split(/[.\-_]/).find((w) => BASE_IMAGE_WORD.test(w));
  if (word) return `its name says \`${word}\` and it starts nothing of its own: other images build on it`;
  const names = builtImageNames(await commandText(sources, commandFiles), path);
  const withoutDefaultTag = (image: string) => (parseImageReference(image).tag === undefined ? `${image}:latest` : image);
  const wanted = new Set(names.map(withoutDefaultTag));
  // The folders of its path: a builder image is named after one (`zabbix-build-pgsql` for `build-pgsql/rhel/Dockerfile`).
  const folders = new Set(dirOf(path).toLowerCase().split('/').filter((f) => f !== '' && f !== '.'));
  const byFolder: ImageNames = { names: folders, folders };
  const judge = async (other: string): Promise<string | undefined> => {
    const file = sources.dockerfile ? await sources.dockerfile(other) : await sources.text(other).then((t) => (t === null ? null : parseDockerfile(t)));
    if (!file) return undefined;
    if (wanted.size > 0) {
      const used = [...file.stages.map((s) => s.image), ...file.instructions.filter((i) => i.keyword === 'COPY').map((i) => /--from=(\S+)/.exec(i.args)?.[1] ?? '')];
      const hit = used.find((image) => image && wanted.has(withoutDefaultTag(image.toLowerCase())));
      if (hit) return `\`${other}\` builds on it (\`${hit}\`): it is a layer of that image, not a service`;
    }
    const source = buildSourceImages(file).find((image) => wanted.has(withoutDefaultTag(image.toLowerCase())) || namesImage(image, byFolder));
    return source ? `\`${other}\` only copies files out of it (\`${source}\`): it is a builder of that image, not a service` : undefined;
  };
  // Other Dockerfiles of the change, then those of its folder, the folder above it and the root.
  const seen = new Set([path]);
  const changed = sources.files().map((f) => f.path).filter((p) => isDockerfile(p));
  for (const other of changed) {
    seen.add(other);
    const why = await judge(other);
    if (why) return why;
  }
  if (!sources.list) return undefined;
  const dir = dirOf(path);
  for (const folder of [...new Set([dir, dir === '' ? '' : dirOf(dir), ''])]) {
    for (const listed of (await sources.list(folder)) ?? []) {
      const other = listed.includes('/') ? listed : join(folder, listed);
      if (seen.has(other) || !isDockerfile(other)) continue;
      seen.add(other);
      const why = await judge(other);
      if (why) return why;
    }
  }
  return undefined;
}

/** Shells a person types commands into. */
const INTERACTIVE_SHELL = /^(?:bash|sh|ash|dash|zsh|fish|ksh)$/;

/**
 * True when a start command is only a shell with no command to run (`CMD ["/bin/bash"]`, `ENTRYPOINT ["/bin/sh"]`,
 * `bash -l`): the container waits for a person to type. A shell given a script or `-c` runs something, and is not one.
 */
export function interactiveShell(words: readonly string[]): boolean {
  return words.length > 0 && INTERACTIVE_SHELL.test(programName(words[0]!)) && words.slice(1).every((w) => /^-[a-z]+$/i.test(w) && !/c/.test(w.slice(1)));
}

/**
 * Why a Dockerfile that starts nothing of its own is run only as an interactive shell, or undefined: a compose
 * service of the change or of a plain compose file in its folder builds it, publishes no port, and starts a shell
 * (`entrypoint: ["/bin/bash"]` with `stdin_open`/`tty`, as aliasvault's F-Droid build container is run).
 */
async function interactiveComposeService(sources: ImageSources, path: string): Promise<string | undefined> {
  const dir = dirOf(path);
  const composePaths = [...new Set([...sources.files().map((f) => f.path).filter((p) => /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/i.test(p)), ...ROOT_COMPOSE_FILES.map((n) => join(dir, n))])];
  for (const composePath of composePaths) {
    const text = await sources.text(composePath);
    if (text === null || !/\bbuild\s*:/.test(text)) continue;
    const file = parseYaml(text);
    for (const service of composeServices(file)) {
      if (getPair(service.node, 'ports') !== undefined || builtDockerfile(composePath, service, file) !== path) continue;
      const words = serviceStartWords(service);
      if (interactiveShell(words)) return `the \`${service.name}\` service of \`${composePath}\` builds it to start a shell (\`${words.join(' ')}\`) and publishes no port: a container people run commands in, not a service`;
    }
  }
  return undefined;
}

/** The words a compose service starts with: its `entrypoint`, then its `command`, in shell or list form. */
function serviceStartWords(service: ComposeService): string[] {
  return ['entrypoint', 'command'].map((key) => get(service.node, key)).flatMap((node) => (isScalar(node) ? commandWords(scalarText(node.value)).words : isSeq(node) ? node.items.map((i) => (isScalar(i) ? scalarText(i.value) : '')) : []));
}

/** A folder and every folder above it, up to the repository root (`''`). */
export function foldersUp(dir: string): string[] {
  const folders: string[] = [];
  for (let d = dir; ; d = dirOf(d)) {
    folders.push(d);
    if (d === '') break;
  }
  return folders;
}

/**
 * A start command that runs a test suite (after an optional `sh -c` and setup steps joined with `&&`): pytest, tox,
 * nox, `go test`, `npm test`, `yarn test`, `pnpm test`, Jest, Vitest, PHPUnit, RSpec, `mix test`, `cargo test`,
 * `dotnet test`, `mvn test`, `gradle test`.
 */
const TEST_RUNNER_COMMAND = /(?:^|&&\s*|;\s*|\bsh -c\s+|\bbash -c\s+)(?:python3? -m\s+)?(?:pytest|py\.test|tox|nox|go test|(?:npm|yarn|pnpm|bun)(?: run)? test|(?:npx\s+)?(?:jest|vitest)|(?:vendor\/bin\/)?phpunit|(?:bundle exec\s+)?rspec|mix test|cargo test|dotnet test|mvn(?:w)? test|gradlew? test|\.\/gradlew test)\b/;

/** A volume that mounts the host's container-engine socket (`/var/run/docker.sock:/var/run/docker.sock`, Podman's socket). */
const ENGINE_SOCKET = /(?:^|\/)(?:docker|podman)\.sock$/;
const ROOT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** Whether a compose service mounts the host's Docker (or Podman) socket, in the short (`/var/run/docker.sock:/…`) or long (`source:`) syntax. */
export function mountsEngineSocket(service: unknown): boolean {
  const volumes = get(service, 'volumes');
  if (!isSeq(volumes)) return false;
  return volumes.items.some((item) => {
    const long = get(item, 'source');
    const source = isScalar(item) ? String(item.value).split(':')[0]! : isScalar(long) ? String(long.value) : '';
    return ENGINE_SOCKET.test(source);
  });
}

/**
 * Why the image a Dockerfile builds drives the host's container engine, or undefined: a compose service of
 * the change, or of a compose file at the root, runs it — it builds this Dockerfile, or its `image:` is a
 * name the project's commands tag this Dockerfile with — and mounts the host's Docker socket. Whoever holds
 * that socket is root on the host, so a `USER` in the image takes nothing away (and an unprivileged user
 * could not use the socket without being given its group, which is root-equivalent too).
 */
export async function drivesHostDocker(sources: ImageSources, path: string, commandFiles: readonly string[] = COMMAND_FILES): Promise<string | undefined> {
  const composePaths = [...new Set([...sources.files().map((f) => f.path).filter((p) => /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/i.test(p)), ...ROOT_COMPOSE_FILES])];
  let names: Set<string> | undefined;
  for (const composePath of composePaths) {
    const text = await sources.text(composePath);
    if (text === null || !/(?:docker|podman)\.sock/.test(text)) continue;
    const file = parseYaml(text);
    for (const service of composeServices(file)) {
      if (!mountsEngineSocket(service.node)) continue;
      const built = getPair(service.node, 'build') ? builtDockerfile(composePath, service, file) : undefined;
      let runs = built === path;
      const image = get(service.node, 'image');
      if (!runs && isScalar(image) && typeof image.value === 'string') {
        names ??= new Set(builtImageNames(await commandText(sources, commandFiles), path).map((n) => parseImageReference(n).name));
        runs = names.has(parseImageReference(image.value.toLowerCase()).name);
      }
      if (runs) return `the \`${service.name}\` service of \`${composePath}\` runs it with the host's Docker socket mounted, which is root on the host`;
    }
  }
  return undefined;
}

/** A heading that says the run it describes is local, for development, or of a sample or demo. */
const LOCAL_RUN_HEADING = /\b(?:local|locally|dev|development|developing|samples?|demos?)\b/i;
/** A compose command that starts a stack: `docker compose up`, `docker-compose -f a.yml up -d`, `podman-compose up`. */
const COMPOSE_UP = /\b(?:docker[- ]compose|podman[- ]compose)((?:\s+(?:-f|--file)[ =]+["']?[\w./~-]+["']?|\s+--?[\w-]+(?:[ =][\w./~-]+)?)*)\s+(?:up|start|run)\b/g;

/**
 * How a README's sections run the compose file at `path`: for each `docker compose … up` (or `podman-compose
 * up`) whose `-f` names the file, or that names none while the file is a plain compose file of the README's
 * folder, whether the headings above it (the document's title left out) say the run is local, for development,
 * or of a sample or demo ("Starting services locally with docker-compose", "Running the sample using Docker").
 * Returns the local heading when every run of the file is under such a heading, else undefined.
 */
export function localRunHeading(readme: string, readmePath: string, path: string): string | undefined {
  const runs = readmeRuns(readme, readmePath, path);
  return runs.other === undefined && runs.up === undefined ? runs.local : undefined;
}

/** A command or sentence that copies a file (`cp .example.env .env`, "Copy `.env.example` to `.env`"), with the path it copies. */
const COPY_COMMAND = /(?:^|[\s`"'(>$])(?:cp|copy|mv|copy-item)\s+(?:-[\w-]+\s+)*[`"']?(?:\.\/)?([\w./~-]+)/gi;

/**
 * Where a README copies the file at `path` (a template such as `.example.env`, see COPY_COMMAND): the first copy
 * under a heading that says local, development, sample or demo (`local`), and the first under any other heading
 * (`other`, the heading's text). The document's title (a first heading of level 1) does not count; other
 * headings of level 1 do, for READMEs that write every section so ("# How to run it locally for development
 * purpose?").
 */
export function readmeCopies(readme: string, readmePath: string, path: string): { local?: string; other?: string } {
  const dir = dirOf(readmePath);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const out: { local?: string; other?: string } = {};
  eachReadmeLine(readme, (line, headings) => {
    for (const m of line.matchAll(COPY_COMMAND)) {
      const copied = m[1]!;
      if (!(copied === path || join(dir, copied) === path || (dirOf(path) === dir && copied === name))) continue;
      const said = headings.filter((h) => !(h.first && h.level === 1)).find((h) => LOCAL_RUN_HEADING.test(h.text));
      if (said) out.local ??= headingText(said);
      else out.other ??= headingText(headings.at(-1));
    }
  });
  return out;
}

/**
 * Where a README starts the compose file at `path` (see localRunHeading): the first run under a heading that
 * says local, development, sample or demo (`local`), and the first run under any other heading: `up` when it
 * starts the stack (`docker compose up`), `other` for `start` or a one-off `run` (the heading's text, or the
 * document's title when none is above it).
 */
export function readmeRuns(readme: string, readmePath: string, path: string): { local?: string; up?: string; other?: string } {
  const dir = dirOf(readmePath);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const plain = dirOf(path) === dir && PLAIN_COMPOSE.test(name);
  const out: { local?: string; up?: string; other?: string } = {};
  eachReadmeLine(readme, (line, headings) => {
    for (const m of line.matchAll(COMPOSE_UP)) {
      const files = [...m[1]!.matchAll(/(?:-f|--file)[ =]+["']?([\w./~-]+)/g)].map((f) => f[1]!.replace(/^\.\//, ''));
      const runs = files.length ? files.some((f) => f === path || join(dir, f) === path || f.slice(f.lastIndexOf('/') + 1) === name) : plain;
      if (!runs) continue;
      const said = headings.filter((h) => h.level > 1).find((h) => LOCAL_RUN_HEADING.test(h.text));
      if (said) out.local ??= headingText(said);
      else if (/\bup$/.test(m[0])) out.up ??= headingText(headings.at(-1));
      else out.other ??= headingText(headings.at(-1));
    }
  });
  return out;
}

/** A heading of a README: its level, its text, and whether it is the document's first heading. */
interface ReadmeHeading {
  level: number;
  text: string;
  first: boolean;
}

/** Calls `visit` with each line of a README that is not a heading, and the headings it sits under (a `#` line in fenced code is no heading). */
function eachReadmeLine(readme: string, visit: (line: string, headings: readonly ReadmeHeading[]) => void): void {
  const headings: ReadmeHeading[] = [];
  let fence = false;
  let first = true;
  for (const line of readme.slice(0, 100_000).split(/\r?\n/)) {
    if (/^\s*(?:```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      while (headings.length && headings[headings.length - 1]!.level >= level) headings.pop();
      headings.push({ level, text: heading[2]!, first });
      first = false;
      continue;
    }
    visit(line, headings);
  }
}

/** A heading's text as a reason quotes it: markup dropped, at most 100 characters. */
const headingText = (heading: ReadmeHeading | undefined): string => (heading?.text ?? '').replace(/[*_`]/g, '').slice(0, 100);
