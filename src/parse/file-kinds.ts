// Recognises what a path is (Dockerfile, compose file, requirements, env file, …) by name alone.
import { posix } from 'node:path';

export const basename = (path: string): string => posix.basename(path);

const lower = (path: string) => basename(path).toLowerCase();

/** `Dockerfile`, `Dockerfile.prod`, `Dockerfile-alpine`, `prod.Dockerfile`, `Containerfile`. */
export function isDockerfile(path: string): boolean {
  const name = lower(path);
  if (name === 'dockerfile' || name === 'containerfile' || name.endsWith('.dockerfile')) return true;
  // `Dockerfile.prod` and `Dockerfile-alpine` (an image variant: `-alpine`, `-arm`, `-oldest`) are Dockerfiles;
  // `dockerfile.ts`, `Dockerfile.md` or `dockerfile-build.yaml` is code, prose or a workflow about one.
  return /^(?:dockerfile|containerfile)[.-]/.test(name) && !NOT_DOCKERFILE_SUFFIX.test(name);
}

const NOT_DOCKERFILE_SUFFIX = /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|sh|md|rst|txt|json|ya?ml|toml|ini|cfg|lock|snap|orig|bak|swp|map|d\.ts)$/;

/** `docker-compose.yml`, `compose.yaml`, `docker-compose.prod.yml`, `docker-stack.yml`, … */
export function isComposeFile(path: string): boolean {
  // Swarm and cloud stack files (`docker-stack.yml`, `docker-stack.prod.yml`) are compose files too.
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower(path)) || /^docker-stack([.-][\w.-]+)?\.ya?ml$/.test(lower(path));
}

/** The plain compose file names (no variant word), looked for in a folder where compose would look. */
export const PLAIN_COMPOSE_NAMES: readonly string[] = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml'];

/** Lockfiles that pin what a pyproject.toml or Pipfile leaves open (`requirements.lock`: Rye's, of the project or its workspace). */
export const PYTHON_LOCKFILES: readonly string[] = ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'pylock.toml', 'requirements.lock'];

/** Lockfiles that pin what a package.json leaves open (npm, yarn, pnpm, bun). */
export const NPM_LOCKFILES: readonly string[] = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/** Where GitHub runs a repository's workflows from. */
export const WORKFLOWS_FOLDER = '.github/workflows';

/** Documents: Markdown (also mdBook and MkDocs pages, MDX), reStructuredText and AsciiDoc. Nothing runs them. */
export function isDocument(path: string): boolean {
  return /\.(?:md|markdown|mdx|rst|adoc|asciidoc)$/i.test(path);
}

export function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function isPython(path: string): boolean {
  return /\.pyw?$/i.test(path);
}

export function isJavaScript(path: string): boolean {
  return /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/i.test(path);
}

/** The manifests a Python project declares its dependencies in beside its requirements files. */
export const PYTHON_PROJECT_MANIFESTS: readonly string[] = ['pyproject.toml', 'setup.py', 'setup.cfg'];

/** `requirements.txt`, `requirements-dev.txt`, `requirements/prod.txt`, `constraints.txt` (not pip-compile `.in`). */
export function isRequirementsFile(path: string): boolean {
  const name = lower(path);
  if (/^(requirements|constraints)([-_.][\w.-]*)?\.txt$/.test(name)) return true;
  return /(^|\/)requirements\/[^/]+\.txt$/i.test(path);
}

/** GitHub Actions workflow or composite action metadata. */
export function isGitHubWorkflow(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) || /(^|\/)action\.ya?ml$/i.test(path);
}

/** `.env`, `.env.<anything>`, `<name>.env`. */
export function isEnvFile(path: string): boolean {
  const name = lower(path);
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/** Env files that document variables rather than set them (`exemple`: the French spelling, Quivr's `.env.exemple`). */
export function isEnvTemplate(path: string): boolean {
  return /(?:^|[.\-_])(example|exemple|sample|template|dist|tmpl|tpl|defaults?)(?:$|[.\-_])/i.test(lower(path).replace(/^\.env/, ''));
}

/** Env files meant for production (`.env.production`, `.env.prod`, `prod.env`). */
export function isProductionEnvFile(path: string): boolean {
  const name = lower(path);
  return isEnvFile(path) && !isEnvTemplate(path) && /(^|[.\-_])(prod|production)([.\-_]|$)/.test(name);
}

/**
 * Folders of vendored code nobody in the repository wrote, at any depth; also the configuration's default
 * path ignores. `Godeps/_workspace` is godep's copy of a Go project's dependencies' sources (their own
 * Dockerfiles, test keys and fixtures come with them); `site-packages` is a committed virtualenv's; `wwwroot/lib` is
 * where ASP.NET's LibMan puts client libraries by default.
 */
export const VENDORED_DIRS = ['node_modules', 'vendor', 'third_party', 'bower_components', 'Godeps/_workspace', 'site-packages', 'wwwroot/lib'] as const;

const VENDORED = new RegExp(`(^|/)(${VENDORED_DIRS.join('|')})/`);

/** Vendored and generated trees that are not the project's own code. */
export function isVendored(path: string): boolean {
  return VENDORED.test(path);
}

const DEVELOPMENT_WORD = /^(?:dev|develop|development|local|devcontainer|override|test|tests|e2e|ci)$/;
const DEVELOPMENT_FOLDER = /^(?:\.devcontainer|dev|development|local|test|tests|e2e)$/;

/**
 * Container and deployment files meant for local development or tests, not production:
 * `.devcontainer/…`, `Dockerfile.dev`, `dev.Dockerfile`, `docker-compose.override.yml`,
 * `compose.local.yaml`, `docker-compose-test.yml`, and anything under a `dev/`, `local/` or `test/` folder.
 */
export function isDevelopmentPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const name = segments.pop() ?? '';
  if (segments.some((s) => DEVELOPMENT_FOLDER.test(s))) return true;
  return name.split(/[.\-_]/).some((word) => DEVELOPMENT_WORD.test(word));
}

const NON_PRODUCTION_FOLDER = /(^|\/)(__tests__|__mocks__|mocks?|specs?|testing|fixtures?|__fixtures__|testdata|examples?|samples?|demos?|docs?)\//i;
const NON_PRODUCTION_NAME = /(^|\/)(conftest\.py|[^/]*\.(spec|stories)\.[^/]+|settings_testing\.py|testing\.py)$/i;

/**
 * Source files that do not run in production: everything `isDevelopmentPath` names, plus tests and
 * specs (`__tests__/`, `*.spec.ts`, `conftest.py`), mocks, fixtures, examples, demos and docs.
 */
export function isNonProductionCode(path: string): boolean {
  return isDevelopmentPath(path) || NON_PRODUCTION_FOLDER.test(path) || NON_PRODUCTION_NAME.test(path);
}

/** The folder of a repository path, '' for the root. */
export function repoDir(path: string): string {
  return path.includes('/') ? posix.dirname(path) : '';
}

/** Of `paths`, those directly in folder `dir` (not below it; `''` for the root), sorted. */
export function filesIn(paths: Iterable<string>, dir: string): string[] {
  const folder = repoJoin(dir);
  return [...paths].filter((p) => repoDir(p) === folder).sort();
}

/** Joins repository path parts ('' is the root) and normalises `.`/`..`; '' for the root itself. */
export function repoJoin(...parts: string[]): string {
  const joined = posix.normalize(parts.filter(Boolean).join('/') || '.');
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** A project's installer or deploy script, read beside a compose file it may start (insecure-default-secret, and the App's read-ahead). */
export const INSTALL_SCRIPTS: readonly string[] = ['install.sh', 'deploy.sh'];
