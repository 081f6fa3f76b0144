// Variants of an env template: an env file that repeats the repository's `.env.example` (or `.example.env`) but
// for a few settings, and that nothing loads by its own name. Such a file is another form for installs to copy
// (`.docker.env`, the template with its hosts set for the compose stack, which the README has users download
// and rename to `.env`), not the configuration of a deployment.
import { basename, isEnvFile, isEnvTemplate, isProductionEnvFile, PLAIN_COMPOSE_NAMES } from '../parse/file-kinds.js';
import { parseEnvFile, type EnvEntry } from '../parse/env-file.js';
import { escapeRegExp } from '../parse/regexp.js';

/** The names env templates go by, tried in the variant's folder. */
export const ENV_TEMPLATE_NAMES: readonly string[] = ['.env.example', '.example.env', '.env.sample', '.sample.env', 'env.example', 'example.env', 'env.sample', 'sample.env', '.env.template', '.env.dist'];
/** Compose files looked in for a mention of the variant, beside the plain ones. */
const PRODUCTION_COMPOSE_NAMES: readonly string[] = ['docker-compose.prod.yml', 'docker-compose.prod.yaml', 'docker-compose.production.yml', 'compose.prod.yaml', 'compose.prod.yml', 'docker-stack.yml'];
/** Files where a project writes the commands it runs (`docker run --env-file .docker.env`, `source deploy.env`). */
const COMMAND_FILES: readonly string[] = ['README.md', 'Makefile', 'makefile', 'package.json', 'justfile', 'Justfile'];
/** At least this share of the variant's settings, and this many, must be the template's own (same key, same value). */
export const VARIANT_SHARE = 3 / 4;
const MIN_SHARED = 3;

export interface EnvTemplateVariant {
  /** The template it repeats. */
  template: string;
  /** The template's settings, as `KEY\0value`. */
  settings: ReadonlySet<string>;
  /** How many of the variant's settings the template has, of how many. */
  shared: number;
  total: number;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
export const settingOf = (e: EnvEntry) => `${e.name}\0${e.value.trim()}`;

/**
 * The env template `path` is a variant of, or undefined: an env file not named as a template, whose name no
 * tool loads by convention (not `.env` or `.env.<mode>`, which compose, dotenv and the frontend build tools
 * read on their own; not one that says production), in the folder of a tracked env template whose settings
 * (key and value) make at least three quarters of its own, and that no compose file of its folder, the folder
 * above or the root, nor the README, Makefile or package.json there, names (`env_file: .docker.env`,
 * `--env-file .docker.env`). Such a file is copied as the template is, and what it repeats, the template
 * already published.
 */
export async function envTemplateVariant(path: string, text: (path: string) => Promise<string | null>): Promise<EnvTemplateVariant | undefined> {
  const name = basename(path);
  if (!isEnvFile(path) || isEnvTemplate(path) || isProductionEnvFile(path) || /^\.env(?:\.|$)/i.test(name)) return undefined;
  const own = await text(path);
  if (own === null) return undefined;
  const entries = parseEnvFile(own);
  if (entries.length < MIN_SHARED) return undefined;
  const dir = dirOf(path);
  let found: EnvTemplateVariant | undefined;
  for (const candidate of ENV_TEMPLATE_NAMES) {
    const template = join(dir, candidate);
    if (template === path) continue;
    const templateText = await text(template);
    if (templateText === null) continue;
    const settings = new Set(parseEnvFile(templateText).map(settingOf));
    const shared = entries.filter((e) => settings.has(settingOf(e))).length;
    if (shared >= MIN_SHARED && shared >= entries.length * VARIANT_SHARE) found = { template, settings, shared, total: entries.length };
    break;
  }
  if (!found) return undefined;
  const mention = new RegExp(`(?:^|[\\s"'\\[,=:/-])${escapeRegExp(name)}(?=$|[\\s"'\\],;)])`, 'm');
  for (const folder of new Set([dir, dirOf(dir), ''])) {
    for (const file of [...PLAIN_COMPOSE_NAMES, ...PRODUCTION_COMPOSE_NAMES]) {
      const compose = await text(join(folder, file));
      if (compose !== null && mention.test(compose)) return undefined;
    }
    for (const file of COMMAND_FILES) {
      const commands = await text(join(folder, file));
      if (commands !== null && loads(commands, name)) return undefined;
    }
  }
  return found;
}

/** Whether a document or script loads the env file by name: `--env-file`, `env_file`, `source` or `.`, `dotenv -e`. */
function loads(commands: string, name: string): boolean {
  const loading = new RegExp(`(?:--env-file|env_file|\\bsource|(?:^|[;&|]\\s*)\\.|dotenv\\s+-e)[\\s=:]+["'\\[]?(?:[\\w.~/-]*/)?${escapeRegExp(name)}(?=$|[\\s"'\\],;)])`, 'm');
  return loading.test(commands.slice(0, 100_000));
}
