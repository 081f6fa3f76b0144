// The App's settings for a review: `.github/readiness.yml` at one commit, the files it `_extends`, merged over the defaults and validated.
import { CONFIG_PATH, ConfigError, DEFAULT_CONFIG, mergeConfigObjects, parseConfigText, resolveConfig, validateConfig, type ConfigProblem, type ReadinessConfig } from '../config/config.js';
import type { Check } from '../engine/define-check.js';
import { getPair, isSeq, nodeLine, parseYaml } from '../parse/yaml.js';
import { GitHubBlobReader } from './blob-reader.js';
import type { GitHubApi } from './client.js';

/** Inherited files followed at most: a longer chain is a mistake, not a policy. */
export const MAX_INHERITED_FILES = 5;

export interface ConfigFileLocation {
  owner: string;
  repo: string;
  path: string;
}

export interface SourcedConfigProblem extends ConfigProblem {
  /** The file the problem is in: the path for a file of this repository, `owner/repo:path` for another repository's. */
  file: string;
}

export type LoadedConfig =
  | {
      valid: true;
      config: ReadinessConfig;
      /** The files the settings came from, the repository's own first; empty when there is none (built-in defaults). */
      files: string[];
      /** Paths of those files that are in this repository, which a pull request can change. */
      localPaths: string[];
    }
  | { valid: false; problems: SourcedConfigProblem[] };

// `[owner/]repo[:path.yml]`, as Probot's config plugin reads `_extends`: an owner is a GitHub login,
// a repository name is letters, digits, `-`, `_` and `.`, and a path names a YAML file.
const EXTENDS = /^(?:([A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38})\/)?([\w.-]+)(?::\/?([\w./-]+\.ya?ml))?$/;

/** Where `_extends: value` points, written in a file of `owner`'s; null when the value is not of that form. */
export function parseExtends(value: string, owner: string): ConfigFileLocation | null {
  const m = EXTENDS.exec(value.trim());
  if (!m) return null;
  return { owner: m[1] ?? owner, repo: m[2]!, path: m[3] ?? CONFIG_PATH };
}

const repositoryKey = (l: Pick<ConfigFileLocation, 'owner' | 'repo'>) => `${l.owner}/${l.repo}`.toLowerCase();
const fileKey = (l: ConfigFileLocation) => `${repositoryKey(l)}:${l.path}`;
const fullName = (l: ConfigFileLocation) => `${l.owner}/${l.repo}:${l.path}`;

/** The 1-based line where `path` (as validateConfig names it: `checks.secrets.severity`, `paths.ignore[0]`) is set in `text`, if it is. */
export function lineOfSetting(text: string, path: string): number | undefined {
  const segments = [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!));
  if (segments.length === 0) return undefined;
  const file = parseYaml(text);
  let node: unknown = file.documents[0]?.contents;
  let line: number | undefined;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!isSeq(node) || node.items[segment] === undefined) return undefined;
      node = node.items[segment];
      line = nodeLine(file, node);
    } else {
      const pair = getPair(node, segment);
      if (!pair) return undefined;
      line = nodeLine(file, pair);
      node = pair.value;
    }
  }
  return line;
}

/** A GraphQL answer that the repository does not exist or cannot be read with this installation's token. */
function unreadableRepository(error: unknown): boolean {
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e: { type?: unknown }) => e.type === 'NOT_FOUND' || e.type === 'FORBIDDEN');
}

/** Problems in other repositories' files (`foreign`), as one line per file that says only that it is invalid. */
function withoutForeignContent(problems: readonly SourcedConfigProblem[], foreign: ReadonlySet<string>): SourcedConfigProblem[] {
  const out: SourcedConfigProblem[] = [];
  const said = new Set<string>();
  for (const p of problems) {
    if (!foreign.has(p.file)) out.push(p);
    else if (!said.has(p.file)) {
      said.add(p.file);
      out.push({ file: p.file, path: '(file)', message: `inherited file ${p.file} is invalid (it belongs to another repository, so its content is not shown here)` });
    }
  }
  return out;
}

interface Layer {
  file: string;
  location: ConfigFileLocation;
  text: string;
  value: Record<string, unknown>;
}

type ReadResult = { text: string } | { problem: string } | null;

/**
 * Reads a repository's configuration the way a pull request is reviewed with it. The repository's own
 * file, and any file of the same repository it inherits, are read at the commit asked for (the pull
 * request's base, so a pull request cannot relax its own review); files of other repositories are read
 * from their default branch. Reads go through GitHubBlobReader, so the repository's own file shares a
 * GraphQL query with the review's other early reads, and each further file costs one query.
 */
export class RepositoryConfigLoader {
  private readonly readers = new Map<string, GitHubBlobReader>();

  constructor(
    private readonly api: GitHubApi,
    private readonly home: { owner: string; repo: string },
    homeBlobs: GitHubBlobReader,
    private readonly checks: readonly Check[],
    /** Where the repository's own file is (the Action's `config-path` input); other repositories' files keep the default. */
    private readonly configPath: string = CONFIG_PATH,
  ) {
    this.readers.set(repositoryKey(home), homeBlobs);
  }

  /**
   * `.github/readiness.yml` as of `sha`, with everything it inherits; never half-applied: any problem
   * makes it invalid. `proposed` is for a file as a pull request leaves it: its author chose what it
   * names, so `_extends` is followed only within this repository and the organisation's `.github`
   * repository (a private file elsewhere is neither read nor said to exist), and problems in another
   * repository's file are reported without its content.
   */
  async load(sha: string, options: { proposed?: boolean } = {}): Promise<LoadedConfig> {
    let location: ConfigFileLocation = { ...this.home, path: this.configPath };
    let content = await this.read(location, sha);
    if (content === null) return { valid: true, config: DEFAULT_CONFIG, files: [], localPaths: [] };

    const layers: Layer[] = [];
    const problems: SourcedConfigProblem[] = [];
    const seen = new Set([fileKey(location)]);
    const foreign = new Set<string>();
    while (content !== null) {
      const file = this.label(location);
      if (!this.isHome(location)) foreign.add(file);
      if ('problem' in content) {
        problems.push({ file, path: '(file)', message: content.problem });
        break;
      }
      let value: Record<string, unknown>;
      try {
        value = parseConfigText(content.text, file);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(...error.problems.map((p) => ({ ...p, file })));
        break;
      }
      const { text } = content;
      layers.push({ file, location, text, value });
      const inherits = value._extends;
      if (inherits === undefined) break;

      const fail = (message: string) => problems.push({ file, path: '_extends', line: lineOfSetting(text, '_extends'), message });
      const target = typeof inherits === 'string' ? parseExtends(inherits, location.owner) : null;
      if (!target) {
        fail('must be ".github", "repo" or "owner/repo", optionally followed by ":path/to/file.yml"');
        break;
      }
      if (seen.has(fileKey(target))) {
        fail(`names ${fullName(target)}, which is already part of this configuration: the files inherit from each other in a loop`);
        break;
      }
      if (layers.length > MAX_INHERITED_FILES) {
        fail(`inherits more than ${MAX_INHERITED_FILES} files deep: shorten the chain`);
        break;
      }
      if (options.proposed && !this.isHome(target) && repositoryKey(target) !== repositoryKey({ owner: this.home.owner, repo: '.github' })) {
        fail(
          `names ${fullName(target)}: a configuration proposed in a pull request is checked without following \`_extends\` outside this repository and ${this.home.owner}/.github, so that file was not read; it is checked once the change is merged`,
        );
        break;
      }
      seen.add(fileKey(target));
      const next = await this.read(target, sha);
      if (next === null) {
        fail(`names ${fullName(target)}, which does not exist or which the App cannot read: correct the name, or install the App on ${target.owner}/${target.repo} too`);
        break;
      }
      location = target;
      content = next;
    }

    // The settings read so far are validated even when the chain broke, so one pass lists every problem.
    const merged = mergeConfigObjects(...layers.map(({ value: { _extends: _ignored, ...settings } }) => settings).reverse());
    problems.push(...validateConfig(merged, this.checks).map((p) => this.attribute(p, layers)));
    if (problems.length > 0) return { valid: false, problems: options.proposed ? withoutForeignContent(problems, foreign) : problems };
    const localPaths = layers.filter((l) => this.isHome(l.location)).map((l) => l.location.path);
    return { valid: true, config: resolveConfig(merged, this.checks), files: layers.map((l) => l.file), localPaths };
  }

  /** How a file is named to the user: its path in this repository, or `owner/repo:path` elsewhere. */
  label(location: ConfigFileLocation): string {
    return this.isHome(location) ? location.path : fullName(location);
  }

  private isHome(location: Pick<ConfigFileLocation, 'owner' | 'repo'>): boolean {
    return repositoryKey(location) === repositoryKey(this.home);
  }

  /** A merged setting's problem belongs to the file that wins for that setting: the first, in precedence order, that sets it. */
  private attribute(problem: ConfigProblem, layers: readonly Layer[]): SourcedConfigProblem {
    for (const layer of layers) {
      const line = lineOfSetting(layer.text, problem.path);
      if (line !== undefined) return { ...problem, file: layer.file, line };
    }
    return { ...problem, file: layers[0]!.file };
  }

  private async read(location: ConfigFileLocation, sha: string): Promise<ReadResult> {
    const key = repositoryKey(location);
    let reader = this.readers.get(key);
    if (!reader) {
      reader = new GitHubBlobReader(this.api, location.owner, location.repo);
      this.readers.set(key, reader);
    }
    const ref = this.isHome(location) ? sha : 'HEAD';
    try {
      const content = await reader.read(ref, location.path);
      if (!content) return null;
      return content.problem ? { problem: `cannot be read: ${content.problem.replace(/: content checks skipped$/, '')}` } : { text: content.text };
    } catch (error) {
      if (unreadableRepository(error)) return null;
      throw error;
    }
  }
}
