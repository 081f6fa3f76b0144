// Reads the services of a docker-compose file with their line numbers.
import { repoDir, repoJoin } from './file-kinds.js';
import { expandVariables, lookup } from './variables.js';
import { getPair, getPairMerged, getString, isMap, isScalar, scalarText, type Pair, type YamlFile, type YamlNode, type YAMLMap } from './yaml.js';

export interface ComposeService {
  name: string;
  /** The `name:` key of the service under `services:` (or top level in compose v1 files). */
  pair: Pair<YamlNode, YamlNode | null>;
  node: YAMLMap;
}

export function composeServices(file: YamlFile): ComposeService[] {
  const doc = file.documents[0]?.contents;
  if (!isMap(doc)) return [];
  // Compose v1 files (services at the top level) are long unsupported by Docker; only `services:` counts.
  const container = getPair(doc, 'services')?.value;
  if (!isMap(container)) return [];
  const out: ComposeService[] = [];
  for (const pair of container.items as Pair<YamlNode, YamlNode | null>[]) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    out.push({ name: String(pair.key.value), pair, node: pair.value });
  }
  return out;
}

/**
 * A service's environment as name → { value, line } for both forms:
 * `environment: { KEY: value }` and `environment: ["KEY=value"]`.
 */
export function composeEnvironment(file: YamlFile, service: ComposeService): Map<string, { value: string | null; line: number }> {
  const env = new Map<string, { value: string | null; line: number }>();
  const node = getPair(service.node, 'environment')?.value;
  if (!node) return env;
  if (isMap(node)) {
    for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
      if (!isScalar(pair.key)) continue;
      const value = isScalar(pair.value) && pair.value.value !== null ? scalarText(pair.value.value) : null;
      env.set(String(pair.key.value), { value, line: file.lineAt(pair.key.range?.[0] ?? 0) });
    }
  } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    for (const item of (node as { items: unknown[] }).items) {
      if (!isScalar(item)) continue;
      const text = String(item.value);
      const eq = text.indexOf('=');
      const name = eq === -1 ? text : text.slice(0, eq);
      env.set(name.trim(), { value: eq === -1 ? null : text.slice(eq + 1), line: file.lineAt(item.range?.[0] ?? 0) });
    }
  }
  return env;
}

/**
 * Compose's variable substitution (`${NAME}`, `${NAME:-default}`, `${NAME-default}`, `$NAME`) with `vars`:
 * the values compose takes from the `.env` file of the project folder. A variable it cannot resolve makes
 * the whole text unresolved (undefined); `$$` is a literal `$`.
 */
export function interpolateCompose(text: string, vars: ReadonlyMap<string, string>): string | undefined {
  const expanded = expandVariables(text, lookup(vars), { escapes: true });
  return expanded.complete ? expanded.text : undefined;
}

/**
 * Whether a YAML file is a compose file by its content, whatever its name (`rtcstats.yml`, `pwd.yml`,
 * `mongodb.yml` overlays run with `docker compose -f`): its top level is a `services:` mapping and one of its
 * entries names an `image:` or a `build:`. GitLab CI's `services:` is a list and Kubernetes has no top-level
 * `services:`, so neither passes.
 */
export function hasComposeServices(file: YamlFile): boolean {
  return composeServices(file).some((s) => getPair(s.node, 'image') !== undefined || getPair(s.node, 'build') !== undefined);
}

/** A cheap look at the text before parsing: a top-level `services:` key. */
export const TOP_LEVEL_SERVICES = /^services\s*:\s*(?:#.*)?$/m;

/**
 * Where a compose service's build writes its Dockerfile from, or undefined when it does not build. `vars`
 * resolves `${NAME}` in the context and dockerfile (`dockerfile: ${CART_DOCKERFILE}`); without them, or when
 * a variable is unset, the path keeps its text and matches no file.
 */
export function builtDockerfile(composePath: string, service: ComposeService, yaml: YamlFile, vars?: ReadonlyMap<string, string>): string | undefined {
  const doc = yaml.documents[0]!;
  const build = getPairMerged(service.node, 'build', doc)?.value;
  if (build === undefined || build === null) return undefined;
  const resolve = (text: string) => (vars ? (interpolateCompose(text, vars) ?? text) : text);
  const context = resolve(isScalar(build) ? String(build.value) : (getString(build, 'context') ?? '.'));
  if (/^[a-z]+:\/\//i.test(context)) return undefined;
  const dockerfile = resolve(isScalar(build) ? 'Dockerfile' : (getString(build, 'dockerfile') ?? 'Dockerfile'));
  return repoJoin(repoDir(composePath), context, dockerfile);
}
