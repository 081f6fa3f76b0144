// Hosting platforms that health-check the containers they run from a Dockerfile, configured in a file of the
// repository: Railway (`railway.json`, `railway.toml`: `deploy.healthcheckPath`), Fly.io (`fly.toml`: `checks`,
// `http_service.checks`, `services.http_checks`), Render (a `render.yaml` Blueprint's web and private services,
// which Render probes itself) and Kamal (`config/deploy.yml`: its proxy checks `/up` before it routes traffic). Like Kubernetes probes, their check is the container's health check; Docker's
// HEALTHCHECK is not what they ask.
import { basename, repoDir, repoJoin } from '../parse/file-kinds.js';
import { parseYaml } from '../parse/yaml.js';

/** Reads a head text of the repository, null when there is no such file. */
export type ReadText = (path: string) => Promise<string | null>;

/** The platform files looked up, beside the Dockerfile and at the root (the App's read-ahead plans them). */
export const PLATFORM_FILES: readonly string[] = ['railway.json', 'railway.toml', 'fly.toml'];

/** Render's Blueprint, which Render reads at the repository's root only. */
export const RENDER_BLUEPRINTS: readonly string[] = ['render.yaml', 'render.yml'];

/** Kamal's deploy configuration, at the root: its proxy (kamal-proxy, or Traefik before Kamal 2) health-checks `/up` of every app it deploys. */
export const KAMAL_CONFIG = 'config/deploy.yml';

/** The paths platformHealthCheck reads for `dockerfile`, in the order it weighs them. */
export function platformFilePaths(dockerfile: string): string[] {
  return [...[...new Set([repoDir(dockerfile), ''])].flatMap((dir) => PLATFORM_FILES.map((name) => repoJoin(dir, name))), ...RENDER_BLUEPRINTS, KAMAL_CONFIG];
}

/** A Kamal configuration: the `service:` and `image:` it requires at the top. */
const KAMAL_SERVICE = /^service\s*:/m;
const KAMAL_IMAGE = /^image\s*:/m;
/** The Dockerfile Kamal builds, when `builder:` names another one (`dockerfile: Dockerfile.prod`). */
const KAMAL_DOCKERFILE = /^builder\s*:[^\n]*\n(?:[ \t]+[^\n]*\n|\s*\n)*?[ \t]+dockerfile\s*:\s*["']?([^"'\s#]+)/m;

/**
 * The Dockerfile header Rails writes with a new app (`# This Dockerfile is designed for production, not development.
 * Use with Kamal or build'n'run by hand`): the image is made for Kamal, whose proxy checks the app's `/up` route.
 */
export const KAMAL_DOCKERFILE_HEADER = /^#[^\n]*\bUse with Kamal\b/m;

/**
 * Render's service types that it health-checks itself: a web service (a TCP probe of its port, or an HTTP GET of
 * `healthCheckPath`) and a private service (a TCP probe), as Render documents them. Workers and cron jobs serve nothing.
 */
const RENDER_CHECKED_TYPES = new Set(['web', 'pserv']);

/** The web or private service of a Render Blueprint that builds `dockerfile` (`dockerfilePath: ./render/clickhouse/Dockerfile`), or undefined. */
export function renderService(blueprint: string, dockerfile: string): string | undefined {
  const doc = parseYaml(blueprint)?.documents[0];
  if (!doc || doc.errors.length) return undefined;
  const services = (doc.toJS() as { services?: unknown } | null)?.services;
  for (const service of Array.isArray(services) ? (services as Record<string, unknown>[]) : []) {
    if (!service || typeof service.dockerfilePath !== 'string' || typeof service.type !== 'string' || !RENDER_CHECKED_TYPES.has(service.type)) continue;
    if (names(service.dockerfilePath, '', dockerfile)) return typeof service.name === 'string' ? service.name : service.type;
  }
  return undefined;
}

/** Railway's health check: `"healthcheckPath": "/api/health"` (JSON) or `healthcheckPath = "/health"` (TOML). */
const RAILWAY_HEALTHCHECK = /["']?healthcheckPath["']?\s*[:=]\s*["']\/[^"']*["']/;
const RAILWAY_DOCKERFILE = /["']?dockerfilePath["']?\s*[:=]\s*["']([^"']+)["']/;
/** Fly.io's checks: a `[checks.<name>]` table, `[[http_service.checks]]`, `[[services.http_checks]]` or `[[services.tcp_checks]]`. */
const FLY_CHECKS = /^\s*\[\[?\s*(?:checks\.[\w-]+|http_service\.checks|services\.(?:http|tcp)_checks)\s*\]\]?\s*$/m;
const FLY_DOCKERFILE = /^\s*dockerfile\s*=\s*["']([^"']+)["']/m;

/** Whether `named` (a path a platform file gives, from the repository's root or its own folder) is `dockerfile`. */
function names(named: string, configDir: string, dockerfile: string): boolean {
  const clean = named.replace(/^\.\//, '');
  return clean === dockerfile || repoJoin(configDir, clean) === dockerfile;
}

/**
 * The platform file beside `dockerfile` or at the root that builds it and health-checks what it runs, or
 * undefined: it names the Dockerfile (`dockerfilePath`, Fly's `[build] dockerfile`), or names none and the
 * Dockerfile is the plain `Dockerfile` of its own folder; and it sets a health check. At most six reads.
 */
export async function platformHealthCheck(dockerfile: string, read: ReadText): Promise<string | undefined> {
  const paths = platformFilePaths(dockerfile);
  // Asked together, so a reader that batches (the App's) answers them in one request.
  const texts = await Promise.all(paths.map((path) => read(path).catch(() => null)));
  for (const [i, path] of paths.entries()) {
    const text = texts[i];
    if (!text) continue;
    if (RENDER_BLUEPRINTS.includes(path)) {
      if (renderService(text, dockerfile) !== undefined) return path;
      continue;
    }
    if (path === KAMAL_CONFIG) {
      if (!KAMAL_SERVICE.test(text) || !KAMAL_IMAGE.test(text)) continue;
      const named = KAMAL_DOCKERFILE.exec(text)?.[1];
      if (named ? names(named, '', dockerfile) : dockerfile === 'Dockerfile') return path;
      continue;
    }
    const dir = repoDir(path);
    const fly = basename(path) === 'fly.toml';
    if (!(fly ? FLY_CHECKS : RAILWAY_HEALTHCHECK).test(text)) continue;
    const named = (fly ? FLY_DOCKERFILE : RAILWAY_DOCKERFILE).exec(text)?.[1];
    if (named ? names(named, dir, dockerfile) : basename(dockerfile) === 'Dockerfile' && repoDir(dockerfile) === dir) return path;
  }
  return undefined;
}

/** Where a repository keeps a Helm chart named `name` (the repository's, or the image folder's), from `dir` (the root, or the Dockerfile's folder). */
function chartPlaces(dir: string, name: string): string[] {
  return ['charts/{n}', 'chart', 'helm', 'helm/{n}', 'helm/charts/{n}', 'deploy/helm', 'deploy/helm/{n}', 'deploy/charts/{n}', 'infra/helm', 'infra/helm/{n}', 'k8s/helm/{n}'].map((place) => repoJoin(dir, place.replace('{n}', name)));
}

/** The chart folders probedChart looks in for `dockerfile`: named for the repository or the Dockerfile's folder, at the root and in its folder. */
function chartFolders(dockerfile: string, repository: string | undefined): string[] {
  const dir = repoDir(dockerfile);
  const names = [...new Set([repository, basename(dir)].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase()))];
  return [...new Set([...new Set([dir, ''])].flatMap((d) => names.flatMap((n) => chartPlaces(d, n))))];
}

/** The `Chart.yaml` paths probedChart reads first for a new `dockerfile` (the App's read-ahead plans them). */
export function chartManifestPaths(dockerfile: string, repository: string | undefined): string[] {
  return chartFolders(dockerfile, repository).map((chart) => repoJoin(chart, 'Chart.yaml'));
}

/** A probe of a Kubernetes container, in a chart's values or templates. */
const PROBE_KEY = /^\s*(?:readiness|liveness|startup)Probe\s*:/m;
/** How many templates of one chart are read at most. */
const MAX_TEMPLATES = 12;

/**
 * The `Chart.yaml` of a Helm chart the repository deploys with and whose workloads are probed (a `readinessProbe`,
 * `livenessProbe` or `startupProbe` in its `values.yaml` or templates), or undefined. The chart is looked for where
 * repositories keep their own (`charts/<name>/`, `helm/`, `helm/charts/<name>/`, `deploy/helm/`, `infra/helm/` …),
 * named for the repository or for the Dockerfile's folder, at the root and in the Dockerfile's folder
 * (`clamav/charts/clamav/` for `clamav/Dockerfile`). Kubernetes runs the images of such a repository and ignores a
 * Docker `HEALTHCHECK`: the probes are its health check.
 */
export async function probedChart(dockerfile: string, repository: string | undefined, read: ReadText, list: (dir: string) => Promise<readonly string[] | null>): Promise<string | undefined> {
  const charts = chartFolders(dockerfile, repository);
  // Asked together, so a reader that batches (the App's) answers them in one request; the App plans them (chartManifestPaths).
  const manifests = await Promise.all(charts.map((chart) => read(repoJoin(chart, 'Chart.yaml')).catch(() => null)));
  for (const [i, chart] of charts.entries()) {
    if (manifests[i] === null) continue;
    if (PROBE_KEY.test((await read(repoJoin(chart, 'values.yaml')).catch(() => null)) ?? '')) return repoJoin(chart, 'Chart.yaml');
    const templates = ((await list(repoJoin(chart, 'templates')).catch(() => null)) ?? []).filter((p) => /\.ya?ml$/i.test(p)).slice(0, MAX_TEMPLATES);
    const texts = await Promise.all(templates.map((p) => read(p).catch(() => null)));
    if (texts.some((t) => t !== null && PROBE_KEY.test(t))) return repoJoin(chart, 'Chart.yaml');
  }
  return undefined;
}
