// Passwords a Helm chart ships in its values: `clickhouse.auth.password: changeme`,
// `minio.auth.rootPassword: miniosecret`. Whatever the value, it is published with the chart, and every
// install that does not override it runs with the same one, so it is a default credential however
// random it looks.
import { splitLines } from '../changeset/content.js';
import { nameWords, isSecretName } from '../parse/secret-names.js';
import { isMap, isScalar, isSeq, nodeLine, scalarText, type YamlFile } from '../parse/yaml.js';
import { hasFillerRun, isQuantity, isReference, spellsOwnName } from './placeholder.js';

export interface ChartDefault {
  /** 1-based line of the key. */
  line: number;
  /** Dotted path of the key in the values (`clickhouse.auth.password`); never the value. */
  path: string;
  /** The shipped value, to compare with the base and other lines; never put in a message. */
  value: string;
}

/**
 * The chart value that maps each environment variable to the key of a Kubernetes Secret the deployment loads it
 * from: `namespace_secrets:` (the Ministry of Justice's generic-service chart: `<secret name>: { <VARIABLE>: <key> }`,
 * `SPRING_FLYWAY_PASSWORD: "database_password"`). Its values name entries of a Secret kept outside the repository.
 */
const SECRET_KEY_MAPPING = 'namespace_secrets';
const SECRET_KEY_MAPPING_LINE = new RegExp(`^(\\s*)${SECRET_KEY_MAPPING}\\s*:\\s*(?:#.*)?$`);

/** Lines (1-based) of a values file's text inside its mappings of variables to Secret keys (see SECRET_KEY_MAPPING). */
export function secretKeyMappingLines(text: string): Set<number> {
  const lines = splitLines(text);
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const m = SECRET_KEY_MAPPING_LINE.exec(lines[i]!);
    if (!m) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '' || /^\s*#/.test(line)) continue;
      if (/^\s*/.exec(line)![0].length <= m[1]!.length) break;
      out.add(j + 1);
    }
  }
  return out;
}

/**
 * A chart's values file: `values.yaml`, or a variant the chart ships (`values-production.yaml`); not the files
 * a chart keeps for its linter, its tests or as an example (`values.lint.yaml`, `ci/values-e2e.yaml`,
 * `values.example.yaml`), which no install reads unless asked to.
 */
const VALUES_FILE = /^values(?:[.-][\w.-]+)?\.ya?ml$/i;
const NOT_INSTALLED = /(?:^|[.-])(?:lint|tests?|ci|e2e|examples?|samples?|dev|development|local|kind|minikube|schema)(?:[.-]|$)/i;

export function isChartValuesName(name: string): boolean {
  return VALUES_FILE.test(name) && !NOT_INSTALLED.test(name.replace(/\.ya?ml$/i, '').slice('values'.length));
}

/** The last word of a key that holds the secret itself (`rootPassword`, `jwtSecret`, `apiToken`). */
const SECRET_LAST_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'passphrase']);
/** First words of keys that name where a secret is kept, not the secret (`existingSecret: my-release-db`). */
const REFERENCE_FIRST_WORDS = new Set(['existing', 'external', 'secret']);

function holdsSecretValue(key: string): boolean {
  const words = nameWords(key);
  if (words.length === 0 || !isSecretName(key)) return false;
  if (words.length > 1 && (REFERENCE_FIRST_WORDS.has(words[0]!) || words.includes('existing'))) return false;
  // A bare `secret:` or `token:` in a chart as often names a Kubernetes Secret (`tls: {secret: web-tls}`) as it
  // holds one; the generic rules still judge its value.
  if (words.length === 1 && words[0] !== 'password' && words[0] !== 'passphrase') return false;
  return SECRET_LAST_WORDS.has(words[words.length - 1]!);
}

/** A duration written out (`1 hour and 30 minutes`, `90 days`): what a lifespan or timeout is set to. */
const DURATION = /^\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|years?)\b/i;
/** Sections of values that describe tokens (their lifespans, expiry, lengths) rather than hold them. */
const DESCRIBING_SECTION = /^(?:lifespans?|ttls?|expir(?:y|ation|es)|timeouts?|lengths?|policy|policies|rotation)$/i;
/** A Kubernetes resource name: lower-case DNS labels with a hyphen (`langfuse-redis-auth`, `db-credentials`). */
const RESOURCE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** The mapping switches its own feature off (`auth: {enabled: false, password: redis}`): the value is never read. */
function switchedOff(map: unknown): boolean {
  if (!isMap(map)) return false;
  return map.items.some((p) => isScalar(p.key) && /^(?:enabled|enable)$/i.test(String(p.key.value)) && isScalar(p.value) && (p.value.value === false || String(p.value.value).toLowerCase() === 'false'));
}

/** The mapping names a Secret to read instead (`existingSecret: db-credentials`): the chart ignores the literal. */
function readsExistingSecret(map: unknown): boolean {
  if (!isMap(map)) return false;
  return map.items.some((p) => isScalar(p.key) && /^existing(?:Secret|SecretName)$/i.test(String(p.key.value)) && isScalar(p.value) && scalarText(p.value.value).trim() !== '' && p.value.value !== null);
}

/**
 * Every secret-named key of a chart's values set to a literal (not empty, not a template or reference, not a
 * filler such as `<password>`), outside mappings that switch themselves off or name an existing Secret.
 * Environment lists (`extraEnv: [{name: DB_PASSWORD, value: …}]`) are left to the generic rules, which read
 * a value under the name beside it.
 */
export function chartDefaults(file: YamlFile): ChartDefault[] {
  return readChart(file).found;
}

/**
 * Lines of a chart's values that set a key in a mapping that switches itself off or names an existing Secret
 * (`redis: {auth: {enabled: false, password: redis}}`): no install reads them, whatever rule would report them.
 */
export function unreadChartLines(file: YamlFile): Set<number> {
  return readChart(file).unread;
}

function readChart(file: YamlFile): { found: ChartDefault[]; unread: Set<number> } {
  const found: ChartDefault[] = [];
  const unread = new Set<number>();
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (depth > 24) return;
    if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
      return;
    }
    if (!isMap(node)) return;
    const off = switchedOff(node) || readsExistingSecret(node);
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = pair.value;
      if (isScalar(value)) {
        if (off) unread.add(nodeLine(file, pair));
        if (off || value.value === null || value.value === undefined || typeof value.value === 'boolean' || !holdsSecretValue(key)) continue;
        const text = scalarText(value.value).trim();
        if (text === '' || isReference(text) || hasFillerRun(text) || isQuantity(text) || DURATION.test(text)) continue;
        // Settings about tokens rather than tokens (`lifespans: {access_token: '1 hour'}`).
        if (path.some((segment) => DESCRIBING_SECTION.test(segment))) continue;
        // A `…Secret` key set to a Kubernetes resource name (`usersExistingSecret: langfuse-redis-auth`) names the Secret to read.
        if (nameWords(key).at(-1) === 'secret' && RESOURCE_NAME.test(text)) continue;
        // The key's own name as a value (`DATABASE_PASSWORD: database_password`) names the Secret entry the deployment reads it from.
        if (spellsOwnName(key, text)) continue;
        // A mapping of variables to the keys of a Secret kept outside the chart (`namespace_secrets: {rds: {SPRING_FLYWAY_PASSWORD: database_password}}`).
        if (path.includes(SECRET_KEY_MAPPING)) continue;
        found.push({ line: nodeLine(file, pair), path: [...path, key].join('.'), value: text });
      } else {
        walk(value, [...path, key], depth + 1);
      }
    }
  };
  for (const doc of file.documents) walk(doc.contents, [], 0);
  return { found, unread };
}
