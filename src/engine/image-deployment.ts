// Whether the image a Dockerfile builds is known to ship. How a container runs (as root, without a health check, on a
// development server) is a reviewer's concern for an image something deploys. On the labelled real repositories, the
// Dockerfiles nothing in the repository builds for a deployment (cloud emulators and databases of a local stack, demo
// login targets, test helpers, one-shot jobs, add-on wrappers, variants beside the root Dockerfile) carried two thirds
// of those checks' wrong findings; the right ones were mostly images a workflow publishes, a deployed compose file
// builds, or the root Dockerfile. So those findings on a Dockerfile ask for evidence that its image ships
// (CheckMeta.deployedImages), and say which. An unpinned base or install does not: images published from outside the
// repository (Docker Hub automated builds) were as often right there as the rest.
import type { RoleVerdict } from '../model/file-role.js';
import { builtDockerfile, composeServices } from '../parse/compose.js';
import { PLAIN_COMPOSE_NAMES, WORKFLOWS_FOLDER, basename, isComposeFile, repoDir, repoJoin } from '../parse/file-kinds.js';
import { escapeRegExp } from '../parse/regexp.js';
import type { YamlFile } from '../parse/yaml.js';
import { deployedStack, deploymentEvidence } from './deployment-evidence.js';
import { PLAIN_DOCKERFILE, PRODUCTION_COMPOSE, PRODUCTION_REASON, README_NAMES, foldersUp, readmeRuns } from './file-role.js';
import { PLATFORM_FILES, RENDER_BLUEPRINTS, KAMAL_CONFIG } from './platform-health.js';

/**
 * Files that build, release or deploy images, read at the root: CI pipelines, task runners, release and bake
 * configuration, deploy scripts. A line of one that names the Dockerfile or its folder and builds, pushes or deploys
 * is the evidence.
 */
export const IMAGE_BUILD_FILES: readonly string[] = [
  '.gitlab-ci.yml', '.circleci/config.yml', '.drone.yml', '.woodpecker.yml', 'Jenkinsfile', 'azure-pipelines.yml', 'bitbucket-pipelines.yml',
  'cloudbuild.yaml', 'cloudbuild.yml', 'buildspec.yml', 'Makefile', 'justfile', 'Taskfile.yml', 'docker-bake.hcl', 'docker-bake.json',
  '.goreleaser.yml', '.goreleaser.yaml', 'skaffold.yaml', 'fabfile.py', 'build.sh', 'release.sh', 'deploy.sh',
  'scripts/build.sh', 'scripts/release.sh', 'scripts/deploy.sh', ...RENDER_BLUEPRINTS, KAMAL_CONFIG,
];
/** The build files read in the Dockerfile's own folder and the one above it (a service's or a monorepo group's Makefile). */
const FOLDER_BUILD_FILES: readonly string[] = ['Makefile', 'justfile', 'Taskfile.yml', 'build.sh', 'docker-bake.hcl', 'skaffold.yaml', 'cloudbuild.yaml'];
/** A hosting platform's file in the Dockerfile's own folder: the platform builds that folder's Dockerfile by default. */
const PLATFORM_DEFAULT_BUILDS: readonly string[] = [...PLATFORM_FILES, 'heroku.yml', 'app.yaml'];

/** A line that builds, pushes or deploys an image, or names what an image is built from. */
const BUILD_KEY = /^\s*-?\s*["']?(?:context|file|dockerfile|dockerfile_?path|dockerfilePath|docker_?file|build|build_?context)["']?\s*[:=]/i;
const BUILD_COMMAND = /\b(?:docker|podman|buildah|nerdctl|kaniko|buildx|ko|kubectl|helm|fly|flyctl|heroku|gcloud|az|aws|skaffold|earthly|depot)\b|\b(?:build|builds|deploy|deployment|push|publish|release)\b/i;
/** A template expression a CI file or script puts in a path (`${{ matrix.service }}`, `${SERVICE}`, `$(NAME)`, `{{ .Name }}`). */
const EXPRESSION = /\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_]\w*|\{\{[^}]*\}\}/g;
const HOLE = '\u0000';

/**
 * Whether `line` names `target` (a path relative to the file the line is in): the path itself (`./api/Dockerfile`,
 * `api/Dockerfile`), or a path written with template expressions that stand for one folder name each
 * (`services/${{ matrix.service }}/Dockerfile`, `./${SERVICE}`), as long as something besides the expression is written.
 */
export function lineNames(line: string, target: string): boolean {
  if (target === '') return false;
  const plain = new RegExp(`(?:^|[\\s"'=:,(\\[])(?:\\./)?${escapeRegExp(target)}/?(?=["'\\s,;)\\]]|$)`);
  if (plain.test(line)) return true;
  if (!line.includes('$') && !line.includes('{{')) return false;
  for (const token of line.replace(EXPRESSION, HOLE).split(/[\s"'=,;:()[\]]+/)) {
    if (!token.includes(HOLE)) continue;
    const bare = token.replace(/^\.\//, '').replace(/\/$/, '');
    if (bare.replaceAll(HOLE, '').replace(/[/.-]/g, '') === '') continue;
    const pattern = new RegExp(`^${bare.split(HOLE).map(escapeRegExp).join('[^/\\s]+')}$`);
    if (pattern.test(target)) return true;
  }
  return false;
}

/** The text of `path` relative to folder `dir` ('' for the root), or undefined when it is not below it. */
function relativeTo(path: string, dir: string): string | undefined {
  if (dir === '') return path;
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
}

export interface ImageSources {
  text(path: string): Promise<string | null>;
  yaml(path: string): Promise<YamlFile | null>;
  list(dir: string): Promise<readonly string[] | null>;
  role(path: string): Promise<RoleVerdict>;
  /** Compose files of the change, which are read anyway. */
  changedCompose(): readonly string[];
}

/** The build files read for `dockerfile` (besides the workflows): the root's, then its folder's and the one above it. */
function buildFilePaths(dockerfile: string): string[] {
  const dir = repoDir(dockerfile);
  const near = dir === '' ? [] : [dir, repoDir(dir)].filter((d) => d !== '');
  return [...new Set([...IMAGE_BUILD_FILES, ...near.flatMap((d) => FOLDER_BUILD_FILES.map((n) => repoJoin(d, n)))])];
}

/** What imageDeployment reads besides the changed files, for the App's read-ahead: the build files and the compose files above. */
export function imageEvidencePaths(dockerfile: string): string[] {
  const dirs = foldersUp(repoDir(dockerfile));
  return [...new Set([...buildFilePaths(dockerfile), ...dirs.flatMap((d) => [...PLAIN_COMPOSE_NAMES, ...PRODUCTION_COMPOSE].map((n) => repoJoin(d, n))), ...PLATFORM_DEFAULT_BUILDS.map((n) => repoJoin(repoDir(dockerfile), n)), ...README_NAMES])];
}

/**
 * What a Dockerfile's path and role alone show of its image shipping: the role's own reason, a deployment folder or a
 * production name, or a plain `Dockerfile`/`Containerfile` at the root, which registries, platforms and users build by
 * default (a variant beside it, `Dockerfile.awslocal`, needs more).
 */
function evidenceByPath(dockerfile: string, verdict: RoleVerdict): string | undefined {
  const atRoot = repoDir(dockerfile) === '' && PLAIN_DOCKERFILE.test(basename(dockerfile));
  return deploymentEvidence(dockerfile, verdict, { rootIsEvidence: false }) ?? (atRoot && verdict.role === 'production' ? 'it is the root Dockerfile, the image a project ships' : undefined);
}

/** Whether a Dockerfile's path alone shows its image ships (see evidenceByPath), so that nothing else need be read for it. */
export function imageShipsByName(dockerfile: string): boolean {
  return evidenceByPath(dockerfile, { role: 'production', reason: PRODUCTION_REASON }) !== undefined;
}

/**
 * Why the image `dockerfile` builds is known to ship, or undefined when nothing in the repository shows it:
 * - its path and role (evidenceByPath);
 * - a hosting platform's file in its folder (`fly.toml`, `railway.json`, `heroku.yml`, `app.yaml`);
 * - a workflow, pipeline, task runner, bake, release or deploy file whose line names it or its folder and builds,
 *   pushes or deploys (`file: ./api/Dockerfile`, `docker build -t app api`, `context: ${{ matrix.service }}`);
 * - a compose file above it that builds it and is itself run as a deployment: its own evidence (deployedStack), or,
 *   at the root, a README that starts it under a heading that does not say local or development.
 */
export async function imageDeployment(dockerfile: string, sources: ImageSources): Promise<string | undefined> {
  const verdict = await sources.role(dockerfile);
  if (verdict.role !== 'production') return undefined;
  const byPath = evidenceByPath(dockerfile, verdict);
  if (byPath) return byPath;
  const dir = repoDir(dockerfile);
  if (dir !== '' && PLAIN_DOCKERFILE.test(basename(dockerfile))) {
    for (const platform of PLATFORM_DEFAULT_BUILDS) if ((await sources.text(repoJoin(dir, platform))) !== null) return `\`${repoJoin(dir, platform)}\` deploys its folder`;
  }
  return (await buildLine(dockerfile, sources)) ?? composeDeployment(dockerfile, sources);
}

/** A build file's line that builds the Dockerfile, said as evidence, or undefined. */
async function buildLine(dockerfile: string, sources: ImageSources): Promise<string | undefined> {
  const dir = repoDir(dockerfile);
  const workflows = ((await sources.list(WORKFLOWS_FOLDER)) ?? []).filter((p) => /\.ya?ml$/i.test(p));
  const candidates = [...workflows, ...buildFilePaths(dockerfile)];
  for (const file of new Set(candidates)) {
    // Workflows and the root's files name paths from the root; a folder's task runner, from its folder.
    const fileDir = file.startsWith(`${WORKFLOWS_FOLDER}/`) || IMAGE_BUILD_FILES.includes(file) ? '' : repoDir(file);
    const path = relativeTo(dockerfile, fileDir);
    const folder = relativeTo(dir, fileDir);
    if (path === undefined) continue;
    const text = await sources.text(file);
    if (text === null) continue;
    // In the Dockerfile's own folder, a build of `.` or of the file by name builds it (`docker build -t app .`).
    const own = fileDir === dir;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*(?:#|\/\/)/.test(line)) continue;
      if (!(BUILD_KEY.test(line) || BUILD_COMMAND.test(line))) continue;
      const names = lineNames(line, path) || (folder !== undefined && folder !== '' && PLAIN_DOCKERFILE.test(basename(dockerfile)) && lineNames(line, folder)) || (own && /\bdocker\s+(?:buildx\s+)?build\b[^#\n]*\s\.(?:\s|$)/.test(line));
      if (names) return `\`${file}\` builds it (\`${line.trim().slice(0, 80)}\`)`;
    }
  }
  return undefined;
}

/** A compose file that builds the Dockerfile and is run as a deployment, said as evidence, or undefined. */
async function composeDeployment(dockerfile: string, sources: ImageSources): Promise<string | undefined> {
  const above = foldersUp(repoDir(dockerfile)).flatMap((d) => [...PLAIN_COMPOSE_NAMES, ...PRODUCTION_COMPOSE].map((n) => repoJoin(d, n)));
  for (const compose of new Set([...above, ...sources.changedCompose().filter(isComposeFile)])) {
    const file = await sources.yaml(compose);
    if (!file || file.error) continue;
    if (!composeServices(file).some((service) => builtDockerfile(compose, service, file) === dockerfile)) continue;
    const role = await sources.role(compose);
    if (role.role !== 'production') continue;
    if (compose.includes('/')) {
      const why = await deployedStack(compose, () => Promise.resolve(role), (p) => sources.text(p));
      if (why) return `\`${compose}\` builds it, and ${why}`;
      continue;
    }
    const own = deploymentEvidence(compose, role, { rootIsEvidence: false });
    if (own) return `\`${compose}\` builds it, and ${own}`;
    for (const readme of README_NAMES) {
      const text = await sources.text(readme);
      if (text === null) continue;
      const heading = readmeRuns(text, readme, compose).up;
      if (heading !== undefined) return `\`${compose}\` builds it, and \`${readme}\` starts it under “${heading}”`;
      break;
    }
  }
  return undefined;
}
