// unpinned-dependency: dependencies the change adds without a fixed version — Python requirements and
// manifests, package.json, container images (Dockerfile, compose, Kubernetes), GitHub Actions, `RUN pip install`.
import { defineCheck, linesInProse, listInProse, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import type { ChangedFile } from '../src/model/change-set.js';
import { deletedContent } from '../src/engine/moved-lines.js';
import { kustomizationListing, locallyBuiltImages } from '../src/engine/file-role.js';
import { argAssignments, workflowBuilds } from '../src/engine/image-names.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { composeVariables } from '../src/engine/compose-variables.js';
import type { ReviewError } from '../src/model/finding.js';
import { TOP_LEVEL_SERVICES, builtDockerfile, composeServices, hasComposeServices } from '../src/parse/compose.js';
import { argDeclarations, commandWords, finalStage, hubImageName, imageWithoutRegistry, parseDockerfile, parseImageReference, stageLineage, startInstructions, type DockerInstruction, type DockerStage, type Dockerfile } from '../src/parse/dockerfile.js';
import { NPM_LOCKFILES, PLAIN_COMPOSE_NAMES, PYTHON_LOCKFILES, PYTHON_PROJECT_MANIFESTS, WORKFLOWS_FOLDER, basename, isComposeFile, isDockerfile, isGitHubWorkflow, isRequirementsFile, isVendored, isYaml, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { actionUses, isCommitSha, isReadOnlyPullRequestWorkflow, looksLikeVersionTag, parseActionReference, workflowEvents } from '../src/parse/github-actions.js';
import { k8sContainers } from '../src/parse/kubernetes.js';
import { isUnboundedRange, packageDependencies, parseNpmSpec, type DependencyGroup, type NpmSpec } from '../src/parse/package-json.js';
import {
  isExactPin,
  isCommitId,
  isLocalTarget,
  normaliseProjectName,
  parseRequirement,
  parseRequirementsFile,
  pipInstallCommand,
  setupRequirements,
  urlHasHash,
  vcsRevision,
  type Requirement,
} from '../src/parse/requirements.js';
import { effectiveCommands, shellCommands } from '../src/parse/shell.js';
import { parseToml, tomlGet, tomlTable, tomlString, type TomlTable, type TomlValue } from '../src/parse/toml.js';
import { get, getPair, getString, isMap, isScalar, isSeq, nodeEndLine, nodeLine, parseYaml, scalarText, toJS, type YamlFile, type YamlNode } from '../src/parse/yaml.js';
import { expandVariables, lookup, variableReferences } from '../src/parse/variables.js';

/** An image reference on the machine's own registry: `localhost/name` (podman's local images) or `localhost:5000/name`. */
const LOCAL_REGISTRY = /^localhost(?::\d+)?\//i;

/**
 * An image named for a build on the machine: a bare name (no registry, no namespace) with the word `local`
 * (`faraday-local`, `app_local`), or any image on the tag `local` (`acme/app:local`). A published image whose name
 * has the word is a registry image like any other (`prodrigestivill/postgres-backup-local`, a backup tool).
 */
function localBuildName(image: string): boolean {
  const { name, tag } = parseImageReference(image.trim().toLowerCase());
  return tag === 'local' || (!name.includes('/') && name.split(/[-_.]/).includes('local'));
}

const TITLE_PYTHON = 'Unpinned Python dependency';
const TITLE_NPM = 'Unpinned npm dependency';
const TITLE_IMAGE = 'Unpinned container image';
const TITLE_ACTION = 'Action not pinned to a commit';

/** Owners whose actions GitHub itself publishes; their release tags are trusted unless configured otherwise. */
const FIRST_PARTY_ACTION_OWNERS = ['actions', 'github'];

export interface UnpinnedOptions {
  /** Images must carry a digest; an explicit version tag alone is not enough. */
  require_digest: boolean;
  /** Action owners whose release tags are trusted (others must use a full commit SHA). */
  trusted_action_owners: string[];
}

interface Policy {
  requireDigest: boolean;
  trustedOwners: Set<string>;
  /**
   * The owner of the repository under review (lower-cased), when the front end knows it: its reusable
   * workflows (`acme/workflows/.github/workflows/ci.yml@main` in `acme/server`) are first-party CI.
   */
  ownOwner?: string | undefined;
  /** Report every image, pinned or not: used on the base, to read which images a file pulls and how (see namespaceConventions). */
  everyImage?: boolean;
  /** Also take a tag that says it moves (`postgresql-latest`, `stable`, `nightly`) for a moving one: used on the base, to tell what a change makes no worse. */
  movingTags?: boolean;
}

const policyOf = (options: UnpinnedOptions, ownOwner?: string): Policy => ({
  requireDigest: options.require_digest,
  trustedOwners: new Set(options.trusted_action_owners.map((o) => o.toLowerCase())),
  ownOwner: ownOwner?.toLowerCase(),
});
/** Pipfile tables that are not package categories. */
const PIPFILE_NON_PACKAGE_TABLES = new Set(['source', 'requires', 'scripts', 'pipenv']);

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const fence = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');

// ---------------------------------------------------------------------------------------------
// Python requirements

/** Why a requirement is not pinned, or null when it is (or is local code). */
interface PythonProblem {
  messageId: 'requirement-loose' | 'requirement-vcs' | 'requirement-url';
  data: Record<string, string>;
  remediation: string;
  key: string;
}

function describeClauses(req: Requirement): string {
  return req.clauses.length ? `only constrained by ${code(req.clauses.map((c) => c.op + c.version).join(','))}` : 'given without a version';
}

/** The requirement as it would read pinned to `==<version>`, extras and marker kept. */
function pinnedForm(req: Requirement): string {
  const extras = req.extras.length ? `[${req.extras.join(',')}]` : '';
  return `${req.name}${extras}==<version>${req.marker ? ` ; ${req.marker}` : ''}`;
}

function vcsRemediation(url: string, name: string, ref: string | undefined): string {
  const fragment = /#.*$/.exec(url)?.[0] ?? '';
  const base = url.slice(0, url.length - fragment.length);
  const withoutRef = ref !== undefined && base.endsWith(`@${ref}`) ? base.slice(0, base.length - ref.length - 1) : base;
  const repository = withoutRef.replace(/^(?:git|hg|svn|bzr)\+/i, '');
  return [
    'Install from a full commit id, which cannot move:',
    '',
    // A bare URL names its project in `#egg=`; keep the form the file used.
    fence('text', `${name && !/[#&]egg=/.test(fragment) ? `${name} @ ` : ''}${withoutRef}@<commit-sha>${fragment}`),
    '',
    `Resolve it with ${code(`git ls-remote ${repository} ${ref ?? 'HEAD'}`)}. Better still, install a released version from the package index (${code(`${name || '<name>'}==<version>`)}).`,
  ].join('\n');
}

function pipCompileAdvice(file: string): string {
  return `To pin the whole dependency tree with hashes, keep the loose requirements in ${code(file.replace(/\.txt$/, '.in'))} and generate this file with ${code(`pip-compile --generate-hashes ${file.replace(/\.txt$/, '.in')}`)} (pip-tools) or ${code('uv pip compile --generate-hashes')}.`;
}

/** Judges one parsed requirement; `hashes` is true when `--hash` options accompany it. */
function pythonProblem(req: Requirement, hashes: boolean, fileName: string): PythonProblem | null {
  if (req.local) return null;
  const display = req.name || req.url || '';
  if (req.url) {
    // A URL (or revision) held in a variable is decided elsewhere.
    if (req.url.startsWith('$')) return null;
    const vcs = vcsRevision(req.url);
    if (vcs) {
      if (vcs.revision && (isCommitId(vcs.revision) || vcs.revision.includes('$'))) return null;
      return {
        messageId: 'requirement-vcs',
        data: { name: display, where: vcs.revision ? `at ${code(vcs.revision)}, a branch or tag that can move` : 'with no revision, so it installs whatever the default branch holds' },
        remediation: vcsRemediation(req.url, req.name, vcs.revision),
        key: `requirement:${req.name ? normaliseProjectName(req.name) : req.url.replace(/@[^@/]*$/, '')}`,
      };
    }
    if (hashes || urlHasHash(req.url) || /[0-9a-f]{40}/i.test(req.url)) return null;
    return {
      messageId: 'requirement-url',
      data: { name: display },
      remediation: [
        'Add the archive\'s hash so pip refuses anything else:',
        '',
        fence('text', `${req.name ? `${req.name} @ ` : ''}${req.url.replace(/#.*$/, '')}#sha256=<hash>`),
        '',
        `Compute it with ${code('pip download --no-deps <url>')} then ${code('pip hash <file>')}; or install a released version from the package index instead.`,
      ].join('\n'),
      key: `requirement:${req.name ? normaliseProjectName(req.name) : req.url}`,
    };
  }
  // pip substitutes `${VAR}` in requirements files: a version held in a variable is decided elsewhere.
  if (isExactPin(req.clauses) || req.clauses.some((c) => (c.op === '==' || c.op === '===') && c.version.includes('$'))) return null;
  const floor = req.clauses.find((c) => c.op === '>=' || c.op === '~=' || c.op === '>')?.version;
  return {
    messageId: 'requirement-loose',
    data: { name: req.name, how: describeClauses(req) },
    remediation: [
      `Pin ${code(req.name)} to the exact version you tested${floor ? ` (at least ${floor})` : ''}:`,
      '',
      fence('text', pinnedForm(req)),
      '',
      `${code(`pip show ${req.name}`)} prints the version installed in your environment. ${pipCompileAdvice(fileName)}`,
    ].join('\n'),
    key: `requirement:${normaliseProjectName(req.name)}`,
  };
}

function checkRequirementsFile(path: string, text: string): Draft[] {
  const out: Draft[] = [];
  for (const entry of parseRequirementsFile(text)) {
    if (entry.kind !== 'requirement' && entry.kind !== 'editable') continue;
    // `-e .` and other editable local paths are the project's own code.
    if (entry.kind === 'editable' && !entry.requirement.url) continue;
    const problem = pythonProblem(entry.requirement, entry.kind === 'requirement' && entry.hashes, basename(path));
    if (!problem) continue;
    // A requirement's name is what it is about: the base's own loose line for it, written another way, is not new.
    out.push({ path, line: entry.line, endLine: entry.endLine, title: TITLE_PYTHON, ...problem, subject: problem.key });
  }
  return out;
}

/** A pip constraints file: `constraints.txt`, `constraints-py3.txt`, `requirements/constraints.txt`. */
const CONSTRAINTS_FILE = /^constraints(?:[-_.][\w.-]*)?\.txt$/i;
/** Words of a requirements file's name that say it builds documentation. */
const DOCUMENTATION_WORD = /^(?:docs?|documentation|sphinx|mkdocs)$/;

/**
 * Python packages that only check, test, format or debug code: test runners and their plugins, linters, formatters,
 * type checkers and their stub packages, debuggers. An application does not import them, so an open range there
 * decides nothing about what the deployment runs.
 */
const DEVELOPER_TOOL = /^(?:pytest(?:-[\w-]+)?|coverage|tox|nox|flake8(?:-[\w-]+)?|pyflakes|pycodestyle|pydocstyle|pylint(?:-[\w-]+)?|black|isort|autopep8|yapf|ruff|mypy|pyright|types-[\w-]+|[\w-]+-stubs|bandit|pre-commit|ipython|ipdb|pdbpp)$/;

/**
 * Words of a requirements file's name that name a CI service (`requirements/jenkins.txt` with `django-jenkins`,
 * `requirements-travis.txt`): what that service's jobs install to run the tests, as `requirements/ci.txt` is.
 */
const CI_SERVICE_WORD = /^(?:jenkins|travis|circleci|appveyor|buildkite)$/;

/**
 * Whether a requirements file installs a documentation build or a CI service's jobs, by a name word
 * (`requirements-docs.txt`, `requirements/docs.txt`, `doc-requirements.txt`, `requirements/jenkins.txt`).
 */
function notDeployedRequirements(path: string): boolean {
  return basename(path).toLowerCase().replace(/\.txt$/, '').split(/[-_.]/).some((w) => DOCUMENTATION_WORD.test(w) || CI_SERVICE_WORD.test(w));
}

/** A registry requirement as the project wrote it: its normalised name and its version clauses, in order (`flask:>=2.2,<3`). */
const specKey = (req: Requirement): string => `${normaliseProjectName(req.name)}:${req.clauses.map((c) => `${c.op}${c.version}`).sort().join(',')}`;

/**
 * The registry requirements the base of the project's manifests beside a requirements file declare for a production
 * install (`[project] dependencies` and extras not named for development in `pyproject.toml`, `install_requires` of
 * `setup.py` and `setup.cfg`), as specKey writes them.
 */
async function declaredBeside(ctx: CheckContext, path: string): Promise<Set<string>> {
  const out = new Set<string>();
  const dir = repoDir(path);
  for (const name of PYTHON_PROJECT_MANIFESTS) {
    const manifest = repoJoin(dir, name);
    const text = await ctx.text(manifest, 'base');
    if (text === null) continue;
    let written: string[];
    if (name === 'pyproject.toml') {
      const doc = parseToml(text);
      if (doc.error) continue;
      const lists = [tomlGet(doc.root, 'project', 'dependencies'), ...[...(tomlTable(doc.root, 'project', 'optional-dependencies')?.entries.values() ?? [])].filter((e) => !isDevelopmentGroup(e.key)).map((e) => e.value)];
      written = lists.flatMap((list) => (list?.type === 'array' ? list.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])) : []));
    } else written = setupRequirements(manifest, text);
    for (const w of written) {
      const req = parseRequirement(w);
      if (req?.name && !req.url && !req.local) out.add(specKey(req));
    }
  }
  return out;
}

/** Whether a requirements file's base left every one of its (three or more) registry requirements open: `loose` are its findings. */
function unpinnedByDesign(baseText: string, loose: readonly Draft[]): boolean {
  const requirements = parseRequirementsFile(baseText).filter((e) => e.kind === 'requirement' && !e.requirement.url);
  const open = new Set(loose.filter((d) => d.messageId === 'requirement-loose').map((d) => d.line));
  return requirements.length >= 3 && requirements.every((e) => open.has(e.line));
}

// ---------------------------------------------------------------------------------------------
// pyproject.toml and Pipfile (only without a lockfile)

interface ManifestEntry {
  line: number;
  name: string;
  section: string;
  /** What is wrong, for the message. */
  how: string;
  style: 'pep508' | 'poetry' | 'pipfile';
  gitRef?: string | undefined;
}

const isUnversioned = (version: string | undefined) => version === undefined || version.trim() === '' || version.trim() === '*';

/** Judges a Poetry or Pipfile value: `"*"`, `{ version = "*" }`, `{ git = …, branch = … }`. */
function tableStyleProblem(value: TomlValue, style: 'poetry' | 'pipfile'): { how: string; gitRef?: string | undefined } | null {
  if (value.type === 'string') return isUnversioned(value.value) ? { how: value.value.trim() === '*' ? 'set to `"*"`' : 'given an empty version' } : null;
  if (value.type === 'array') {
    for (const item of value.items) {
      const problem = tableStyleProblem(item, style);
      if (problem) return problem;
    }
    return null;
  }
  if (value.type !== 'table') return null;
  const git = tomlString(value, 'git');
  if (git !== undefined) {
    const ref = style === 'poetry' ? (tomlString(value, 'rev') ?? tomlString(value, 'tag') ?? tomlString(value, 'branch')) : tomlString(value, 'ref');
    if (ref !== undefined && isCommitId(ref)) return null;
    return { how: ref ? `taken from git at ${code(ref)}, which can move` : 'taken from git with no commit', gitRef: ref };
  }
  if (tomlGet(value, 'path') || tomlGet(value, 'file') || tomlGet(value, 'url')) return null;
  const version = tomlString(value, 'version');
  return isUnversioned(version) ? { how: version === undefined ? 'given without a version' : 'set to `"*"`' } : null;
}

function pep508Entries(items: TomlValue | undefined, section: string, ownName: string | undefined, out: ManifestEntry[]): void {
  if (items?.type !== 'array') return;
  for (const item of items.items) {
    if (item.type !== 'string') continue;
    const req = parseRequirement(item.value);
    if (!req || req.local || !req.name) continue;
    if (ownName && normaliseProjectName(req.name) === ownName) continue;
    if (req.url) {
      const vcs = vcsRevision(req.url);
      if (!vcs || (vcs.revision && isCommitId(vcs.revision))) continue;
      out.push({ line: item.line, name: req.name, section, style: 'pep508', how: vcs.revision ? `taken from git at ${code(vcs.revision)}, which can move` : 'taken from git with no commit', gitRef: vcs.revision });
    } else if (req.clauses.length === 0) out.push({ line: item.line, name: req.name, section, style: 'pep508', how: 'given without a version' });
  }
}

function tableEntries(table: TomlTable | undefined, section: string, style: 'poetry' | 'pipfile', out: ManifestEntry[]): void {
  if (!table) return;
  for (const entry of table.entries.values()) {
    if (style === 'poetry' && entry.key.toLowerCase() === 'python') continue;
    const problem = tableStyleProblem(entry.value, style);
    if (problem) out.push({ line: entry.keyLine, name: entry.key, section, style, ...problem });
  }
}

/**
 * Names that `[tool.uv.sources]` resolves from the repository itself (`{ path = "./plugins" }`,
 * `{ workspace = true }`): the project's own code, with no registry version to pin.
 */
function localSources(root: TomlTable): Set<string> {
  const local = new Set<string>();
  for (const source of tomlTable(root, 'tool', 'uv', 'sources')?.entries.values() ?? []) {
    const workspace = tomlGet(source.value, 'workspace');
    if (tomlGet(source.value, 'path') !== undefined || (workspace?.type === 'atom' && workspace.raw === 'true')) local.add(normaliseProjectName(source.key));
  }
  return local;
}

/**
 * Words that name a group of dependencies only a development install gets: tests, linters, formatters, type
 * checkers, documentation, CI, benchmarks, debugging. A group is taken for development when its name, or one
 * of its words (split at `-`, `_`, `.`), is one of them: `dev`, `test-e2e`, `docs_build`, `lint`.
 */
const DEVELOPMENT_GROUP_WORDS = new Set([
  'dev', 'devel', 'develop', 'development', 'devtools', 'test', 'tests', 'testing', 'e2e', 'unittest', 'lint', 'linting', 'linter', 'linters', 'docs', 'doc', 'documentation', 'typing',
  'types', 'typecheck', 'mypy', 'ci', 'format', 'formatting', 'fmt', 'style', 'qa', 'check', 'checks', 'coverage', 'cov', 'bench', 'benchmark', 'benchmarks', 'debug', 'pre-commit', 'precommit',
  'tox', 'nox',
]);

/** True when a dependency group, extra or Pipfile category is named for development (see DEVELOPMENT_GROUP_WORDS). */
function isDevelopmentGroup(name: string): boolean {
  const lower = name.toLowerCase();
  return DEVELOPMENT_GROUP_WORDS.has(lower) || lower.split(/[-_.]+/).some((w) => DEVELOPMENT_GROUP_WORDS.has(w));
}

/**
 * The entries of a pyproject.toml that a production install gets: `[project] dependencies`, Poetry's main
 * dependencies, and the extras and groups whose names are not for development (`postgres`, `redis`, `all`,
 * `server`). uv's `dev-dependencies`, PDM's `dev-dependencies`, Poetry's `dev-dependencies`, and extras and
 * groups named for development (`dev`, `test`, `lint`, `docs`, `typing`) are what a development install adds.
 */
function pyprojectEntries(root: TomlTable): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const ownName = tomlString(root, 'project', 'name') ?? tomlString(root, 'tool', 'poetry', 'name');
  const own = ownName ? normaliseProjectName(ownName) : undefined;
  const local = localSources(root);
  pep508Entries(tomlGet(root, 'project', 'dependencies'), '[project] dependencies', own, out);
  for (const extra of tomlTable(root, 'project', 'optional-dependencies')?.entries.values() ?? []) {
    if (!isDevelopmentGroup(extra.key)) pep508Entries(extra.value, `[project.optional-dependencies] ${extra.key}`, own, out);
  }
  for (const group of tomlTable(root, 'dependency-groups')?.entries.values() ?? []) if (!isDevelopmentGroup(group.key)) pep508Entries(group.value, `[dependency-groups] ${group.key}`, own, out);
  tableEntries(tomlTable(root, 'tool', 'poetry', 'dependencies'), '[tool.poetry.dependencies]', 'poetry', out);
  for (const group of tomlTable(root, 'tool', 'poetry', 'group')?.entries.values() ?? []) {
    if (!isDevelopmentGroup(group.key)) tableEntries(tomlTable(group.value, 'dependencies'), `[tool.poetry.group.${group.key}.dependencies]`, 'poetry', out);
  }
  return local.size ? out.filter((e) => !local.has(normaliseProjectName(e.name))) : out;
}

/** A Pipfile's package categories a production install gets: `[packages]` and custom categories not named for development (`[dev-packages]` is not). */
function pipfileEntries(root: TomlTable): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const category of root.entries.values()) {
    if (PIPFILE_NON_PACKAGE_TABLES.has(category.key) || category.value.type !== 'table') continue;
    if (category.key === 'dev-packages' || isDevelopmentGroup(category.key)) continue;
    tableEntries(category.value, `[${category.key}]`, 'pipfile', out);
  }
  return out;
}

function manifestRemediation(entry: ManifestEntry, lockHint: string): string {
  const pinned =
    entry.style === 'pep508' ? fence('toml', `"${entry.name}>=<version>",`) : entry.style === 'poetry' ? fence('toml', `${entry.name} = "^<version>"`) : fence('toml', `${entry.name} = "==<version>"`);
  const git = entry.gitRef !== undefined || /git/.test(entry.how);
  return [
    git ? 'Point the git dependency at a full commit id (`rev = "<commit-sha>"`, or `@<commit-sha>` in the URL), or depend on a released version:' : `Give ${code(entry.name)} a version constraint:`,
    '',
    pinned,
    '',
    `And commit a lockfile so every install resolves the same versions: ${lockHint}.`,
  ].join('\n');
}

/** True when one of `lockfiles` exists in head beside `path` or in a directory above it (workspaces lock at their root). */
async function hasLockfile(ctx: CheckContext, path: string, lockfiles: readonly string[]): Promise<boolean> {
  const parts = path.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    for (const lock of lockfiles) {
      if ((await ctx.read(dir ? `${dir}/${lock}` : lock)) !== null) return true;
    }
  }
  return false;
}

/**
 * Packages pinned exactly (`==`) by a requirements file the change touches beside the manifest (or in its
 * `requirements/` folder): a project that keeps a loose Pipfile or pyproject.toml as its input and installs
 * from a pinned requirements.txt pins a package it adds there, and that pin is what deployments install.
 */
async function pinnedByChangedRequirements(ctx: CheckContext, manifest: string): Promise<ReadonlySet<string>> {
  const dir = repoDir(manifest);
  const pinned = new Set<string>();
  for (const file of ctx.files('requirements')) {
    const folder = repoDir(file.path);
    if (folder !== dir && folder !== repoJoin(dir, 'requirements')) continue;
    const text = await ctx.text(file.path);
    for (const entry of text === null ? [] : parseRequirementsFile(text)) {
      if (entry.kind === 'requirement' && !entry.requirement.url && entry.requirement.name && isExactPin(entry.requirement.clauses)) pinned.add(normaliseProjectName(entry.requirement.name));
    }
  }
  return pinned;
}

/** How a manifest entry is loose: `any` (no version, `"*"`), or `git:<ref>` (git without a commit). */
const entryLooseness = (e: ManifestEntry): string => (e.gitRef !== undefined || /git/.test(e.how) ? `git:${e.gitRef ?? ''}` : 'any');

/** How a PEP 508 requirement is loose, as entryLooseness says it; null when it names a version or a commit. */
function requirementLooseness(req: Requirement | null): string | null {
  if (!req || req.local || !req.name) return null;
  if (req.url) {
    const vcs = vcsRevision(req.url);
    return vcs && !(vcs.revision && isCommitId(vcs.revision)) ? `git:${vcs.revision ?? ''}` : null;
  }
  return req.clauses.length === 0 ? 'any' : null;
}

/** The loose requirements (name to how, see entryLooseness) a Python manifest, `setup.py`, `setup.cfg` or requirements file declares. */
function looseDeclarations(path: string, text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, how: string | null) => {
    if (how === null) return;
    const key = normaliseProjectName(name);
    out.set(key, (out.get(key) ?? new Set()).add(how));
  };
  const name = basename(path);
  if (name === 'setup.py' || name === 'setup.cfg') {
    for (const written of setupRequirements(path, text)) {
      const req = parseRequirement(written);
      add(req?.name ?? '', requirementLooseness(req));
    }
  } else if (isRequirementsFile(path)) {
    for (const entry of parseRequirementsFile(text)) if (entry.kind === 'requirement') add(entry.requirement.name, requirementLooseness(entry.requirement));
  } else if (name === 'pyproject.toml' || name === 'Pipfile') {
    const doc = parseToml(text);
    if (!doc.error) for (const e of name === 'Pipfile' ? pipfileEntries(doc.root) : pyprojectEntries(doc.root)) add(e.name, entryLooseness(e));
  }
  return out;
}

/**
 * The Python manifests the change edits or deletes (not those it adds) in `manifest`'s folder, and the
 * requirements files of its `requirements/` folder: where a dependency or a pin of the manifest's package stood before.
 */
function pythonManifestsBeside(ctx: CheckContext, manifest: ChangedFile): ChangedFile[] {
  const dir = repoDir(manifest.path);
  return [...ctx.files(), ...ctx.removedFiles()].filter((file) => {
    if (newFile(file)) return false;
    const folder = repoDir(file.path);
    const name = basename(file.path);
    const python = name === 'setup.py' || name === 'setup.cfg' || name === 'pyproject.toml' || name === 'Pipfile' || isRequirementsFile(file.path);
    return python && (folder === dir || (folder === repoJoin(dir, 'requirements') && isRequirementsFile(file.path)));
  });
}

/**
 * Loose requirements the base already declared, the same way, for the project of `manifest`: in its own
 * base, and in the `setup.py`, `setup.cfg`, requirements files (also in a `requirements/` folder) and other
 * manifests of its folder that the change deletes or edits so that they no longer declare them. Dependencies
 * moved from `install_requires` into `[project] dependencies` are not new; a pin the move drops is.
 */
async function declaredBefore(ctx: CheckContext, manifest: ChangedFile): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const file of pythonManifestsBeside(ctx, manifest)) {
    const baseText = await ctx.text(file.previousPath ?? file.path, 'base');
    if (baseText === null) continue;
    const base = looseDeclarations(file.previousPath ?? file.path, baseText);
    // The manifest's own base counts whole; another file counts for what it no longer declares.
    const headText = file.path === manifest.path || file.status === 'removed' ? null : await ctx.text(file.path);
    const head = headText === null ? new Map<string, Set<string>>() : looseDeclarations(file.path, headText);
    const stillThere = headText === null ? new Set<string>() : new Set([...head.keys(), ...declaredNames(file.path, headText)]);
    for (const [key, hows] of base) {
      if (stillThere.has(key)) continue;
      out.set(key, new Set([...(out.get(key) ?? []), ...hows]));
    }
  }
  return out;
}

/**
 * Whether the base of a pyproject.toml keeps its `[project]` requirements open by convention: its dependencies
 * and the extras a production install can get (see isDevelopmentGroup) hold three or more registry
 * requirements, none pinned with `==`, and at least half of them bare names (`celery`, `requests`). A library
 * published to PyPI writes its list that way, leaving the pins to whoever installs it, and an application
 * that does pins elsewhere (a lockfile, a requirements file): one more bare name follows the file's own
 * convention rather than dropping a pin it never had. A list of lower bounds (`flask>=3`) states what the
 * project was tested with, and a bare name added to it is still reported.
 */
function openByConvention(baseText: string): boolean {
  const doc = parseToml(baseText);
  if (doc.error) return false;
  const own = tomlString(doc.root, 'project', 'name');
  const lists = [tomlGet(doc.root, 'project', 'dependencies')];
  for (const extra of tomlTable(doc.root, 'project', 'optional-dependencies')?.entries.values() ?? []) if (!isDevelopmentGroup(extra.key)) lists.push(extra.value);
  const requirements: Requirement[] = [];
  for (const list of lists) {
    if (list?.type !== 'array') continue;
    for (const item of list.items) {
      const req = item.type === 'string' ? parseRequirement(item.value) : null;
      if (req && req.name && !req.url && !req.local && (!own || normaliseProjectName(req.name) !== normaliseProjectName(own))) requirements.push(req);
    }
  }
  if (requirements.length < 3 || requirements.some((r) => r.clauses.some((c) => c.op === '==' || c.op === '==='))) return false;
  return requirements.filter((r) => r.clauses.length === 0).length * 2 >= requirements.length;
}

/** The names a Python manifest, `setup.py`, `setup.cfg` or requirements file pins with `==` (PEP 508 strings; Pipfile `"==1.2"`). */
function exactPins(path: string, text: string): Set<string> {
  const pins = new Set<string>();
  const add = (req: Requirement | null) => {
    if (req?.name && !req.url && isExactPin(req.clauses)) pins.add(normaliseProjectName(req.name));
  };
  const name = basename(path);
  if (name === 'setup.py' || name === 'setup.cfg') for (const written of setupRequirements(path, text)) add(parseRequirement(written));
  else if (isRequirementsFile(path)) for (const entry of parseRequirementsFile(text)) add(entry.kind === 'requirement' ? entry.requirement : null);
  else if (name === 'pyproject.toml' || name === 'Pipfile') {
    const doc = parseToml(text);
    if (doc.error) return pins;
    if (name === 'Pipfile') {
      for (const category of doc.root.entries.values()) {
        if (category.value.type !== 'table') continue;
        for (const entry of category.value.entries.values()) {
          const version = entry.value.type === 'string' ? entry.value.value : entry.value.type === 'table' ? tomlString(entry.value, 'version') : undefined;
          if (version !== undefined) add(parseRequirement(`${entry.key}${version}`));
        }
      }
    } else {
      const lists = [tomlGet(doc.root, 'project', 'dependencies')];
      for (const table of [tomlTable(doc.root, 'project', 'optional-dependencies'), tomlTable(doc.root, 'dependency-groups')]) for (const e of table?.entries.values() ?? []) lists.push(e.value);
      for (const list of lists) if (list?.type === 'array') for (const item of list.items) add(item.type === 'string' ? parseRequirement(item.value) : null);
    }
  }
  return pins;
}

/**
 * Names the base pinned with `==` in a Python manifest, `setup.py`, `setup.cfg` or requirements file of the
 * manifest's folder (or its `requirements/` folder) that the change deletes or edits so that it no longer
 * pins them: a pip-compiled requirements file replaced by ranges in pyproject.toml drops those pins.
 */
async function pinsDropped(ctx: CheckContext, manifest: ChangedFile): Promise<Set<string>> {
  const out = new Set<string>();
  for (const file of pythonManifestsBeside(ctx, manifest)) {
    const baseText = await ctx.text(file.previousPath ?? file.path, 'base');
    if (baseText === null) continue;
    const headText = file.status === 'removed' ? null : await ctx.text(file.path);
    const still = headText === null ? new Set<string>() : exactPins(file.path, headText);
    for (const pin of exactPins(file.previousPath ?? file.path, baseText)) if (!still.has(pin)) out.add(pin);
  }
  return out;
}

/** Every requirement name a `setup.py`, `setup.cfg` or requirements file declares, pinned or not. */
function declaredNames(path: string, text: string): string[] {
  const name = basename(path);
  if (name === 'setup.py' || name === 'setup.cfg') return setupRequirements(path, text).flatMap((r) => parseRequirement(r)?.name || []).map(normaliseProjectName);
  if (isRequirementsFile(path)) return parseRequirementsFile(text).flatMap((e) => (e.kind === 'requirement' && e.requirement.name ? [normaliseProjectName(e.requirement.name)] : []));
  return [];
}

async function checkPythonManifest(ctx: CheckContext, file: ChangedFile, text: string, errors: ReviewError[]): Promise<Draft[]> {
  const doc = parseToml(text);
  if (doc.error) {
    errors.push({ path: file.path, message: `not valid TOML (${doc.error}); its dependencies were not reviewed` });
    return [];
  }
  const pipfile = basename(file.path) === 'Pipfile';
  let entries = (pipfile ? pipfileEntries(doc.root) : pyprojectEntries(doc.root)).filter((e) => ctx.isNew(file.path, e.line));
  if (entries.length === 0) return [];
  const pinned = await pinnedByChangedRequirements(ctx, file.path);
  entries = entries.filter((e) => !pinned.has(normaliseProjectName(e.name)));
  if (entries.length === 0 || (await hasLockfile(ctx, file.path, PYTHON_LOCKFILES))) return [];
  const before = await declaredBefore(ctx, file);
  entries = entries.filter((e) => !before.get(normaliseProjectName(e.name))?.has(entryLooseness(e)));
  // A bare name added to a `[project]` table whose base keeps its requirements open by convention (a library's
  // list, pinning left to a lockfile or to the package's users) follows the file; a pin the change drops does not.
  const conventional = (e: ManifestEntry) => e.style === 'pep508' && e.section.startsWith('[project') && entryLooseness(e) === 'any';
  if (!pipfile && !newFile(file) && entries.some(conventional)) {
    const baseText = await ctx.text(file.previousPath ?? file.path, 'base');
    if (baseText !== null && openByConvention(baseText)) {
      const dropped = await pinsDropped(ctx, file);
      entries = entries.filter((e) => !(conventional(e) && !dropped.has(normaliseProjectName(e.name))));
    }
  }
  if (entries.length === 0) return [];
  const lockHint = pipfile ? code('pipenv lock') : entries.some((e) => e.style === 'poetry') ? code('poetry lock') : `${code('uv lock')} or ${code('pdm lock')}`;
  return entries.map((e) => {
    // The entry's section and name are what it is about: the base's own loose entry for it, written another way, is not new.
    const key = `manifest:${e.section}:${normaliseProjectName(e.name)}`;
    return { path: file.path, line: e.line, messageId: 'manifest-loose', title: TITLE_PYTHON, data: { name: e.name, section: e.section, how: e.how }, remediation: manifestRemediation(e, lockHint), key, subject: key };
  });
}

// ---------------------------------------------------------------------------------------------
// Cargo.toml

const TITLE_CARGO = 'Unpinned Cargo dependency';

interface CargoGitEntry {
  name: string;
  section: string;
  line: number;
  git: string;
  branch: string | undefined;
}

/**
 * The git dependencies of a Cargo manifest that follow a branch (`branch = "…"`, or no `rev`, `tag` or `branch`,
 * which is the default branch), in the tables a build of the crate uses: `[dependencies]`,
 * `[workspace.dependencies]`, `[target.'cfg(…)'.dependencies]` and `[patch.<registry>]`. Development and build
 * dependencies are not shipped; a `rev` names a commit and a `tag` a release.
 */
function cargoGitEntries(root: TomlTable): CargoGitEntry[] {
  const tables: [string, TomlTable | undefined][] = [
    ['[dependencies]', tomlTable(root, 'dependencies')],
    ['[workspace.dependencies]', tomlTable(root, 'workspace', 'dependencies')],
  ];
  for (const [target, entry] of tomlTable(root, 'target')?.entries ?? []) tables.push([`[target.${/^[\w-]+$/.test(target) ? target : `'${target}'`}.dependencies]`, tomlTable(entry.value, 'dependencies')]);
  for (const [registry, entry] of tomlTable(root, 'patch')?.entries ?? []) tables.push([`[patch.${registry}]`, entry.value.type === 'table' ? entry.value : undefined]);
  const out: CargoGitEntry[] = [];
  for (const [section, table] of tables) {
    for (const entry of table?.entries.values() ?? []) {
      const git = tomlString(entry.value, 'git');
      if (git === undefined || tomlString(entry.value, 'rev') !== undefined || tomlString(entry.value, 'tag') !== undefined) continue;
      out.push({ name: entry.key, section, line: entry.keyLine, git, branch: tomlString(entry.value, 'branch') });
    }
  }
  return out;
}

/**
 * The names a Cargo manifest lists as its authors (`authors = ["open-trade <info@…>"]`, in `[package]` or
 * `[workspace.package]`), lower-cased: a fork in the account of the crate's own author is the project's own code.
 */
function cargoAuthors(root: TomlTable): Set<string> {
  const names = new Set<string>();
  for (const table of [tomlTable(root, 'package'), tomlTable(root, 'workspace', 'package')]) {
    const list = tomlGet(table, 'authors');
    if (list?.type !== 'array') continue;
    for (const item of list.items) if (item.type === 'string') names.add(item.value.replace(/<[^>]*>/, '').trim().toLowerCase());
  }
  return names;
}

/** The owner of a git URL on a forge (`https://github.com/muhamadazmy/h2` → `muhamadazmy`), lower-cased. */
const gitOwner = (url: string): string | undefined => /^(?:https?:\/\/|ssh:\/\/git@|git@)[^/:]+[/:]([^/]+)\//i.exec(url.trim())?.[1]?.toLowerCase();

/**
 * A new line of a Cargo manifest that takes a dependency from git on a branch (see cargoGitEntries): Cargo.lock
 * records a commit, but the next `cargo update` moves it to whatever the branch holds then, as a git dependency
 * without a commit does in package.json. Not reported: a repository of the project's own owner (its own crates,
 * released with it) or of an author the manifest names, and one the manifest's base already took from the same branch.
 */
async function checkCargoManifest(ctx: CheckContext, file: ChangedFile, text: string, policy: Policy): Promise<Draft[]> {
  const { root } = parseToml(text);
  const authors = cargoAuthors(root);
  const own = (git: string) => {
    const owner = gitOwner(git);
    return owner !== undefined && (owner === policy.ownOwner || authors.has(owner));
  };
  const entries = cargoGitEntries(root).filter((e) => ctx.isNew(file.path, e.line) && !own(e.git));
  if (entries.length === 0) return [];
  const baseText = newFile(file) ? null : await ctx.text(file.previousPath ?? file.path, 'base');
  const before = new Set((baseText === null ? [] : cargoGitEntries(parseToml(baseText).root)).map((e) => `${e.section}\0${e.name}\0${e.git}\0${e.branch ?? ''}`));
  return entries
    .filter((e) => !before.has(`${e.section}\0${e.name}\0${e.git}\0${e.branch ?? ''}`))
    .map((e) => ({
      path: file.path,
      line: e.line,
      messageId: 'cargo-git' as const,
      title: TITLE_CARGO,
      data: { name: e.name, section: e.section, how: e.branch ? `on the branch ${code(e.branch)}` : 'on its default branch (no `rev`)' },
      remediation: [
        'Pin the dependency to a commit, or depend on a published release:',
        '',
        fence('toml', `${e.name} = { git = "${e.git}", rev = "<commit-sha>" }`),
        '',
        `${code(`git ls-remote ${e.git} ${e.branch ?? 'HEAD'}`)} prints the commit the branch points at.`,
      ].join('\n'),
      key: `cargo:${e.section}:${e.name}`,
      // As the base comparison above: the same repository and branch, however the URL is spelled; a fork is a new source.
      subject: `cargo:${e.section}:${e.name}:${gitSource(e.git)}#${e.branch ?? ''}`,
    }));
}

// ---------------------------------------------------------------------------------------------
// package.json

function npmProblem(spec: NpmSpec, group: DependencyGroup): { how: string; git?: boolean } | null {
  switch (spec.kind) {
    case 'local':
    case 'url':
      return null;
    case 'alias':
      return npmProblem(spec.target, group);
    case 'tag':
      return { how: `the dist-tag ${code(spec.tag)}, which moves with every release` };
    case 'git':
      return spec.ref !== undefined && isCommitId(spec.ref) ? null : { how: spec.ref ? `a git ref (${code(spec.ref)}) that can move, not a commit` : 'a git repository with no commit', git: true };
    case 'range': {
      const range = spec.range.trim();
      if (range === '') return { how: 'an empty version, which means any release' };
      if (/^[*xX]$/.test(range)) return { how: `${code(range)}, which means any release` };
      // A peer range states compatibility (`>=16.8`); the consumer's lockfile pins it, so only "anything" counts.
      if (group === 'peerDependencies') return null;
      return isUnboundedRange(range) ? { how: `${code(range)}, which has no upper bound and takes the next major release` } : null;
    }
  }
}

/** Hosts of npm's git shorthands (`github:owner/name`, `gitlab:…`, `bitbucket:…`; a bare `owner/name` is GitHub's). */
const GIT_SHORTHAND_HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org', gist: 'gist.github.com' };

/**
 * The repository a git dependency names, however it is written: `github:formio/core#main`, `formio/core`,
 * `git+https://github.com/formio/core.git#main` and `git+ssh://git@github.com:formio/core.git` all read
 * `github.com/formio/core`.
 */
function gitSource(spec: string): string {
  let s = spec.trim().replace(/#.*$/, '').replace(/^git\+/i, '');
  const shorthand = /^(github|gitlab|bitbucket|gist):(.*)$/i.exec(s);
  if (shorthand) s = `${GIT_SHORTHAND_HOSTS[shorthand[1]!.toLowerCase()]}/${shorthand[2]}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(s)) s = `github.com/${s}`;
  else s = s.replace(/^[a-z]+:\/\//i, '').replace(/^[^@/]+@/, '').replace(/^([^/:]+):(?!\d)/, '$1/');
  return s.replace(/\.git$/i, '').replace(/\/+$/, '').toLowerCase();
}

/**
 * `locked` says whether a lockfile pins what the manifest leaves open (see hasLockfile); then a registry
 * dependency on a dist-tag, `*` or an open range installs the locked version, and only a git dependency
 * without a commit is reported: its branch or tag, not a registry release, is what a lock refresh follows.
 */
async function checkPackageJson(path: string, file: YamlFile, locked: () => Promise<boolean>): Promise<Draft[]> {
  if (file.error) return [];
  const out: Draft[] = [];
  for (const dep of packageDependencies(file)) {
    const spec = parseNpmSpec(dep.spec);
    const problem = npmProblem(spec, dep.group);
    if (!problem || (!problem.git && (await locked()))) continue;
    const pinned = problem.git ? `"${dep.name}": "${dep.spec.replace(/#.*$/, '')}#<commit-sha>"` : `"${dep.name}": "^<version>"`;
    out.push({
      path,
      line: dep.line,
      messageId: 'npm-loose',
      title: TITLE_NPM,
      data: { name: dep.name, group: dep.group, how: problem.how },
      remediation: [
        problem.git ? 'Point the dependency at a full commit id, or depend on a published version:' : `Give ${code(dep.name)} the range you tested, bounded above:`,
        '',
        fence('json', pinned),
        '',
        problem.git
          ? `${code(`git ls-remote <repository> <ref>`)} prints the commit a branch or tag points at.`
          : `${code(`npm install ${dep.name}@<version>`)} writes a caret range; commit ${code('package-lock.json')} so installs (${code('npm ci')}) use exactly the locked version.`,
      ].join('\n'),
      key: `npm:${dep.group}:${dep.name}`,
      // A git dependency is about its repository too: one moved to a fork is a new source, not a rewrite.
      subject: `npm:${dep.group}:${dep.name}${problem.git ? `:${gitSource(dep.spec)}` : ''}`,
    });
  }
  return out;
}

/**
 * The git dependencies of a `package.json` on a ref that can move (a branch, a tag, none: not a commit id), by
 * group and name (`dependencies\0bpmn-js-spiffworkflow`), each with the repository it is taken from, lower case and
 * without its ref (`github:sartography/bpmn-js-spiffworkflow`).
 */
function floatingGitDependencies(file: YamlFile): Map<string, string> {
  const out = new Map<string, string>();
  if (file.error) return out;
  for (const dep of packageDependencies(file)) {
    let spec = parseNpmSpec(dep.spec);
    while (spec.kind === 'alias') spec = spec.target;
    if (spec.kind === 'git' && !(spec.ref !== undefined && isCommitId(spec.ref))) out.set(`${dep.group}\0${dep.name}`, dep.spec.replace(/#.*$/, '').replace(/\.git$/i, '').toLowerCase());
  }
  return out;
}

/**
 * Which of `names` the repository's own npm workspaces provide: a root `package.json` lists
 * `workspaces` globs such as `packages/*`, and `packages/<name without scope>/package.json` is named
 * `name`. A package manager links such a dependency to the sibling package in the repository whatever
 * its range, so `"@acme/types": "*"` installs nothing from the registry.
 */
function packageName(text: string): string | undefined {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

async function workspacePackages(ctx: CheckContext, names: readonly string[]): Promise<ReadonlySet<string>> {
  const found = new Set<string>();
  const root = await ctx.text('package.json');
  if (root === null) return found;
  let globs: unknown;
  try {
    const parsed = JSON.parse(root) as { workspaces?: unknown };
    globs = Array.isArray(parsed.workspaces) ? parsed.workspaces : (parsed.workspaces as { packages?: unknown } | undefined)?.packages;
  } catch {
    return found;
  }
  const folders = (Array.isArray(globs) ? globs : []).filter((g): g is string => typeof g === 'string' && /^[\w.-]+(?:\/[\w.-]+)*\/\*$/.test(g)).map((g) => g.slice(0, -2));
  for (const name of new Set(names)) {
    const folder = name.slice(name.lastIndexOf('/') + 1);
    for (const parent of folders) {
      const text = await ctx.text(`${parent}/${folder}/package.json`);
      if (text !== null && packageName(text) === name) {
        found.add(name);
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Container images

/** Tags that say they move with every release: `latest` and its variants (`postgresql-latest`), `stable`, `edge`, `nightly`, a branch name. */
const MOVING_TAG = /(?:^|[-_.])(?:latest|stable|edge|nightly|mainline|main|master|develop)(?:$|[-_.])/i;
/** `latest` with a variant's word before or after it: `latest-cpu`, `latest-cuda`, `cpu-latest`, `postgresql-latest`, `latest-pg14`. */
const LATEST_VARIANT = /^latest[-_.][a-z0-9]|[a-z0-9][-_.]latest$/i;
/** A dotted version inside a tag (`latest-rust-1.89.0-bullseye`): the tag names that release of what it builds with. */
const DOTTED_VERSION = /\d+\.\d+/;
/** Release channels a project publishes its newest pre-release under (`app:beta`); only the bare word moves (`2.0.0-beta.1` is a version). */
const CHANNEL_TAG = /^(?:beta|alpha|rc|canary|next|dev|unstable|testing|preview|insiders)$/i;

/**
 * Words of a tag that name a variant of the image rather than a release of what it ships: a base (`alpine`,
 * `slim`, a Debian or Ubuntu codename), a build (`jre`, `musl`) or a release line that moves (`lts`, `stable`).
 * A tag made only of them and without a digit (`node:alpine`, `python:slim-bookworm`, `redis:alpine`) is the
 * newest release on that variant: it moves to the next major as `latest` does.
 */
const VERSIONLESS_WORD = /^(?:alpine|slim|bare|full|minimal|musl|glibc|jdk|jre|headless|lts|current|stable|testing|unstable|sid|edge|rolling|mainline|bookworm|bullseye|buster|trixie|focal|jammy|noble)$/i;
/** Operating-system images, whose codename tags (`debian:bookworm-slim`, `ubuntu:jammy`) name a release of the system itself. */
const OS_IMAGE = /^(?:debian|ubuntu|buildpack-deps)$/;
/** Release lines that move on an operating-system image too: `debian:stable-slim` follows each new Debian release. */
const ROLLING_WORD = /^(?:lts|current|stable|testing|unstable|sid|edge|rolling)$/i;

/** Whether a tag names no version of the image's software: only variant words, no digit (see VERSIONLESS_WORD). */
function namesNoVersion(name: string, tag: string): boolean {
  if (/\d/.test(tag)) return false;
  const words = tag.split(/[-_.]/);
  if (!words.every((w) => VERSIONLESS_WORD.test(w))) return false;
  return !OS_IMAGE.test(hubImageName(name)) || words.some((w) => ROLLING_WORD.test(w));
}

/** Why an image reference is not pinned, or null when it has a version tag (unless digests are required) or a digest. */
function imageProblem(ref: string, policy: Policy): { name: string; how: string } | null {
  // `ko://github.com/acme/app/cmd/server` is a Go import path that `ko resolve` builds and replaces with the image's digest.
  if (/^ko:\/\//i.test(ref.trim())) return null;
  const { name, tag, digest } = parseImageReference(ref);
  if (policy.everyImage && name) return { name, how: '' };
  if (digest || !name) return null;
  if (tag === undefined) return { name, how: 'has no tag, so it pulls `latest`' };
  if (tag === 'latest') return { name, how: 'uses the `latest` tag' };
  // A variant of `latest` (`latest-cpu`, `latest-cuda`, `postgresql-latest`) is rebuilt with every release of it.
  if (LATEST_VARIANT.test(tag) && !DOTTED_VERSION.test(tag)) return { name, how: `uses the \`${tag}\` tag, a variant of \`latest\` that moves with every release` };
  // `node:alpine`, `debian:stable-slim`: a variant, not a version; it moves to each new release of the image's software.
  if (namesNoVersion(name, tag)) return { name, how: `uses the \`${tag}\` tag, which names no version: it moves to each new release on that variant` };
  if (policy.movingTags && (MOVING_TAG.test(tag) || CHANNEL_TAG.test(tag))) return { name, how: `uses the \`${tag}\` tag, which moves` };
  if (policy.requireDigest) return { name, how: 'is pinned by tag only, and this repository requires image digests (`require_digest`)' };
  return null;
}

/** True when a variable or template is left in the part of an image reference that says which version. */
function hasUnresolvedVersion(ref: string): boolean {
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  // `<image_url>`, `<registry>/app`: a placeholder the reader replaces, not an image.
  return /\$|\{\{/.test(lastSegment) || ref.startsWith('$') || /<[^>]*>/.test(ref);
}

function imageRemediation(kind: 'dockerfile' | 'yaml', name: string): string {
  const pinned = kind === 'dockerfile' ? `FROM ${name}:<version>@sha256:<digest>` : `image: ${name}:<version>@sha256:<digest>`;
  return [
    'Name the version you tested and pin its digest, so every pull gets the same bytes:',
    '',
    fence(kind === 'dockerfile' ? 'dockerfile' : 'yaml', pinned),
    '',
    `${code(`docker buildx imagetools inspect ${name}:<version>`)} prints the digest (or ${code(`docker pull ${name}:<version>`)} then ${code(`docker inspect --format '{{index .RepoDigests 0}}' ${name}:<version>`)}). Renovate or Dependabot keep tag and digest up to date.`,
  ].join('\n');
}

function imageFinding(path: string, line: number, endLine: number, ref: string, kind: 'dockerfile' | 'yaml', policy: Policy): Draft | null {
  const problem = imageProblem(ref, policy);
  if (!problem) return null;
  return {
    path,
    line,
    endLine,
    messageId: 'image',
    title: TITLE_IMAGE,
    data: { image: ref, how: problem.how },
    remediation: imageRemediation(kind, problem.name),
    key: `image:${problem.name}`,
  };
}

/** `ARG NAME=default` declarations before the first FROM, which FROM lines may use. */
function preambleArgs(instructions: DockerInstruction[]): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const ins of instructions) {
    if (ins.keyword !== 'ARG') continue;
    for (const { name, value } of argDeclarations(ins.args)) args.set(name, value);
  }
  return args;
}

/** Substitutes `$NAME`, `${NAME}` and `${NAME:-default}` where a value is known (an empty `ARG` value is none); unknown ones stay. */
const expandArgs = (ref: string, args: Map<string, string | undefined>): string => expandVariables(ref, lookup(args, { emptyIsUnset: true })).text;

/** The physical line within an instruction where `needle` first appears (the instruction's first line otherwise). */
function lineOf(lines: string[], ins: DockerInstruction, needle: string): number {
  for (let n = ins.startLine; n <= ins.endLine; n++) if (lines[n - 1]?.includes(needle)) return n;
  return ins.startLine;
}

/**
 * Packages that install, package or check the image's software rather than run in it: the installers and
 * build backends (their lock or requirements file pins what they install) and linters, formatters, type
 * checkers and test runners. A new release of one can break a build, not change what the image serves.
 */
const BUILD_TOOLS = new Set([
  'pip', 'setuptools', 'wheel', 'pipenv', 'poetry', 'poetry-core', 'poetry-plugin-export', 'uv', 'pip-tools', 'pipx', 'virtualenv', 'virtualenvwrapper', 'pdm', 'hatch', 'hatchling', 'build', 'twine', 'cython',
  'flake8', 'pylint', 'ruff', 'black', 'isort', 'mypy', 'pyright', 'bandit', 'pycodestyle', 'pyflakes', 'autopep8', 'pytest', 'coverage', 'tox', 'nox', 'pre-commit',
]);

function pipInstallFindings(path: string, lines: string[], ins: DockerInstruction): Draft[] {
  const out: Draft[] = [];
  const { form, words } = commandWords(ins.args);
  const script = form === 'exec' ? [words] : shellCommands(ins.args.replace(/^(?:--[\w-]+=\S+\s+)+/, ''));
  for (const command of script.flatMap((c) => effectiveCommands(c))) {
    const pip = pipInstallCommand(command);
    // Constraints files pin whatever is named on the command line.
    if (!pip || pip.constraintFiles.length) continue;
    for (const target of pip.targets) {
      if (target.includes('$') || isLocalTarget(target)) continue;
      const req = parseRequirement(target);
      if (!req || req.local) continue;
      // Installers, packaging tools and code checkers build or check the software; they are not what runs.
      if (!req.url && BUILD_TOOLS.has(normaliseProjectName(req.name))) continue;
      const problem = pythonProblem(req, false, 'requirements.txt');
      if (!problem) continue;
      const remediation = req.url
        ? problem.remediation
        : [
            `Pin ${code(req.name)} in the command, or install from a pinned requirements file:`,
            '',
            fence('dockerfile', `RUN pip install --no-cache-dir ${pinnedForm(req).replace(/ ; .*$/, '')}`),
            '',
            fence('dockerfile', 'COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt'),
            '',
            `${code(`pip show ${req.name}`)} prints the version you have tested with.`,
          ].join('\n');
      out.push({
        path,
        line: ins.startLine,
        endLine: lineOf(lines, ins, target),
        title: TITLE_PYTHON,
        messageId: problem.messageId === 'requirement-loose' ? 'pip-install' : problem.messageId,
        data: problem.data,
        remediation,
        key: `pip-install:${problem.key}`,
      });
    }
  }
  return out;
}

/**
 * Packages installed globally with npm, Yarn or pnpm that are not what the image runs: the package managers
 * themselves, and build tools, bundlers, compilers and linters (their output is what ships). Like
 * BUILD_TOOLS for pip.
 */
const NPM_BUILD_TOOLS = new Set([
  'npm', 'pnpm', 'yarn', 'corepack', 'npm-force-resolutions', 'node-gyp', 'turbo', 'nx', 'lerna', 'typescript', 'gulp', 'gulp-cli', 'grunt-cli', 'bower',
  'webpack', 'webpack-cli', 'vite', 'esbuild', 'rollup', 'parcel', 'less', 'less-plugin-clean-css', 'sass', 'node-sass', 'prettier', 'eslint', 'markdownlint-cli', 'nodemon',
  // Task runners, compilers and framework CLIs that build the app: the image runs their output, not them (unless it starts them).
  'grunt', 'ts-node', 'swc', '@swc/cli', 'babel-cli', '@babel/cli', 'rimraf', 'cross-env', 'npm-run-all', 'concurrently',
  '@angular/cli', '@nestjs/cli', '@vue/cli', '@ionic/cli', 'ember-cli', '@nrwl/cli', 'gatsby-cli', '@remix-run/dev', 'next',
]);

/** The command that installs packages globally (`npm install -g`, `npm i --global`, `yarn global add`, `pnpm add -g`) and its package words, or null. */
function globalNpmInstall(words: readonly string[]): { command: string; targets: string[] } | null {
  const program = (words[0] ?? '').replace(/^.*\//, '');
  const rest = words.slice(1);
  const global = rest.some((w) => w === '-g' || w === '--global' || w === '--location=global');
  const sub = rest.find((w) => !w.startsWith('-'));
  let command: string | undefined;
  if (program === 'npm' && global && (sub === 'install' || sub === 'i' || sub === 'add')) command = `npm install -g`;
  else if (program === 'pnpm' && global && (sub === 'add' || sub === 'install' || sub === 'i')) command = `pnpm add -g`;
  else if (program === 'yarn' && sub === 'global' && rest[rest.indexOf(sub) + 1] === 'add') command = 'yarn global add';
  if (!command) return null;
  const after = rest.slice(rest.indexOf(sub!) + (program === 'yarn' ? 2 : 1));
  // Options that take a value in the next word (`--prefix /usr/local`, `--cache /tmp`).
  const targets: string[] = [];
  for (let i = 0; i < after.length; i++) {
    const w = after[i]!;
    if (/^--(?:prefix|cache|registry|userconfig|location|tag)$/.test(w)) i++;
    else if (!w.startsWith('-')) targets.push(w);
  }
  return { command, targets };
}

/**
 * Tools an image's running stage installs globally with npm, Yarn or pnpm without a version, or on a dist-tag
 * (`npm install -g @bitwarden/cli`, `pm2@latest`): the image runs whatever release is newest at build time.
 * Only the final stage and the stages it builds on count (a builder stage's tools make what ships, they do
 * not ship), and package managers and build tools are left out (see NPM_BUILD_TOOLS) unless the image starts
 * them (`started`: `RUN npm install -g pnpm` then `CMD ["pnpm", "start"]`), which makes them what it runs.
 */
function npmGlobalFindings(path: string, lines: string[], ins: DockerInstruction, started: ReadonlySet<string> = new Set()): Draft[] {
  const out: Draft[] = [];
  const { form, words } = commandWords(ins.args);
  const script = form === 'exec' ? [words] : shellCommands(ins.args.replace(/^(?:--[\w-]+=\S+\s+)+/, ''));
  for (const command of script.flatMap((c) => effectiveCommands(c))) {
    const install = globalNpmInstall(command);
    if (!install) continue;
    for (const target of install.targets) {
      // A local folder or tarball, a variable, a git or URL source: not a registry release to pin here.
      if (/[$/]/.test(target.replace(/^@[^/@]+\//, '')) || /^(?:\.|file:|git|https?:)|\.tgz$/.test(target)) continue;
      const at = target.indexOf('@', 1);
      const name = at === -1 ? target : target.slice(0, at);
      const spec = at === -1 ? '' : target.slice(at + 1);
      if (NPM_BUILD_TOOLS.has(name.toLowerCase()) && !started.has(name.toLowerCase())) continue;
      // A version or range (`1.2.3`, `^2`, `~1.4`, `>=3`) says which release; a dist-tag (`latest`, `next`) does not.
      if (spec !== '' && !/^(?:latest|next|\*|x)$/i.test(spec)) continue;
      const line = lineOf(lines, ins, target);
      out.push({
        path,
        line,
        endLine: line,
        title: TITLE_NPM,
        messageId: 'npm-global',
        data: { command: install.command, name, how: spec === '' ? 'without a version' : `on the moving tag \`${spec}\`` },
        remediation: [
          `Install a version you have tested:`,
          '',
          fence('dockerfile', `RUN ${install.command} ${name}@<version>`),
          '',
          `${code(`npm view ${name} version`)} prints the latest release.`,
        ].join('\n'),
        key: `npm-global:${name}`,
      });
    }
  }
  return out;
}

/** `fromArgs`, when given, is told the image findings whose reference takes a build argument (`lnbits/lnbits:${LNBITS_TAG}`), with the arguments' names. */
function checkDockerfile(path: string, text: string, dockerfile: Dockerfile, policy: Policy, fromArgs?: Map<Draft, string[]>): Draft[] {
  const lines = text.split(/\r?\n/);
  const args = preambleArgs(dockerfile.preamble);
  const stageNames = new Set<string>();
  const out: Draft[] = [];
  const imageRef = (written: string, line: number, endLine: number) => {
    const lower = written.toLowerCase();
    if (!written || lower === 'scratch' || stageNames.has(lower)) return;
    const ref = expandArgs(written, args);
    if (hasUnresolvedVersion(ref) || stageNames.has(ref.toLowerCase()) || ref.toLowerCase() === 'scratch') return;
    const finding = imageFinding(path, line, endLine, ref, 'dockerfile', policy);
    if (!finding) return;
    out.push(finding);
    const names = [...written.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]!);
    if (names.length) fromArgs?.set(finding, names);
  };
  const last = finalStage(dockerfile);
  const running = new Set(last ? stageLineage(dockerfile, last) : []);
  // The programs the image starts (`CMD ["pnpm", "start"]`, `CMD npx ts-node src/main.ts`, `ENTRYPOINT ["dumb-init", "--", "tsx", …]`):
  // a package manager or tool installed for that is what the image runs. Every word counts, as wrappers and runners come first.
  const started = new Set(last ? startInstructions(dockerfile, last).flatMap((ins) => commandWords(ins.args).words.map((w) => w.replace(/^.*\//, '').toLowerCase())) : []);
  for (const stage of dockerfile.stages) {
    imageRef(stage.image, stage.from.startLine, stage.from.endLine);
    if (stage.name) stageNames.add(stage.name);
    for (const ins of stage.instructions) {
      if (ins.keyword === 'RUN') out.push(...pipInstallFindings(path, lines, ins), ...(running.has(stage) ? npmGlobalFindings(path, lines, ins, started) : []));
      else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        // `COPY --from=<image>` pulls an image; a bare word may be a stage or a named build context.
        const from = /(?:^|\s)--from=(\S+)/.exec(ins.args)?.[1];
        if (from && /[:/]/.test(from) && !/^\d+$/.test(from)) imageRef(from, ins.startLine, ins.endLine);
      }
    }
  }
  return out;
}

/**
 * `vars` are the `.env` values compose substitutes (see composeVariables): an image whose version is a
 * variable with a default (`app:${APP_VERSION:-latest}`) pulls the default wherever the variable is unset,
 * so the default is judged; a variable with neither value nor default (`app:${TAG}`) leaves nothing to judge.
 */
function checkCompose(path: string, file: YamlFile, policy: Policy, vars: ReadonlyMap<string, string> = new Map()): Draft[] {
  const out: Draft[] = [];
  for (const service of composeServices(file)) {
    // With `build:`, `image:` names the image compose builds, not one it pulls.
    if (getPair(service.node, 'build')) continue;
    // `pull_policy: never` (or `build`): compose never pulls the image, it runs one already on the machine (a local
    // build of the project's commands), so the tag names that build, not a registry tag that moves.
    if (/^(?:never|build)$/i.test(getString(service.node, 'pull_policy')?.trim() ?? '')) continue;
    const pair = getPair(service.node, 'image');
    if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
    const written = pair.value.value.trim();
    const expanded = expandVariables(written, lookup(vars), { escapes: true });
    const ref = expanded.text.trim();
    if (!expanded.complete || hasUnresolvedVersion(ref)) continue;
    const line = nodeLine(file, pair.value);
    const finding = imageFinding(path, line, line, ref, 'yaml', policy);
    if (!finding) continue;
    if (ref !== written) {
      // Say what is written, and that the default is what runs: `${APPFLOWY_SEARCH_VERSION:-latest}` pulls `latest` when unset.
      const unset = variableReferences(written, { escapes: true }).map((r) => r.name).filter((name) => !vars.has(name));
      finding.data = { image: written, how: unset.length ? `${String(finding.data?.how)} when ${unset.map((n) => code(n)).join(' and ')} ${unset.length > 1 ? 'are' : 'is'} not set` : String(finding.data?.how) };
      finding.remediation = [
        `Give the variable a pinned default, or require it so compose refuses to start without it:`,
        '',
        fence('yaml', `image: ${written.replace(/\$\{([A-Za-z_]\w*):?-[^}]*\}/g, (_, name: string) => `\${${name}:-<version>}`)}`),
        '',
        fence('yaml', `image: ${written.replace(/\$\{([A-Za-z_]\w*):?-[^}]*\}/g, (_, name: string) => `\${${name}:?set ${name}}`)}`),
        '',
        String(finding.remediation),
      ].join('\n');
    }
    out.push(finding);
  }
  return out;
}

function checkKubernetes(path: string, file: YamlFile, policy: Policy): Draft[] {
  const out: Draft[] = [];
  for (const container of k8sContainers(file, ['initContainers', 'containers', 'ephemeralContainers'])) {
    // Templated documents (Helm) that did not parse cleanly are not manifests we can read.
    if (file.documents[container.documentIndex]?.errors.length) continue;
    const pair = getPair(container.node, 'image');
    const ref = getString(container.node, 'image')?.trim();
    if (!pair || !ref || hasUnresolvedVersion(ref)) continue;
    const line = nodeLine(file, pair.value);
    const finding = imageFinding(path, line, line, ref, 'yaml', policy);
    if (finding) out.push(finding);
  }
  return out;
}

/**
 * Images a Helm values file sets (`values.yaml`): a mapping with `repository` and `tag` (and an optional
 * `registry`), the shape charts pass to their pod templates, with the tag `latest` and no `digest`. An empty
 * or absent tag is not reported: charts fill it with the chart's `appVersion`, which the chart release fixes.
 */
function checkHelmValues(path: string, file: YamlFile, policy: Policy, chart = false): Draft[] {
  const out: Draft[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 12) return;
    if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    if (chart) out.push(...imageStrings(path, file, node, policy));
    const repository = getString(node, 'repository')?.trim();
    const tagPair = getPair(node, 'tag');
    const tag = isScalar(tagPair?.value) ? scalarText(tagPair.value.value).trim() : undefined;
    if (repository && tag && !getString(node, 'digest')?.trim() && !hasUnresolvedVersion(`${repository}:${tag}`)) {
      const registry = getString(node, 'registry')?.trim();
      const line = nodeLine(file, tagPair!.value);
      const finding = imageFinding(path, line, line, `${registry ? `${registry}/` : ''}${repository}:${tag}`, 'yaml', policy);
      if (finding) out.push(finding);
    }
    for (const pair of node.items) visit(pair.value, depth + 1);
  };
  for (const doc of file.documents) if (!doc.errors.length) visit(doc.contents, 0);
  return out;
}

/** A values key that names an image by its whole reference: `image`, `connection_pooler_image`, `terminalImage`. */
const IMAGE_KEY = /image$/i;
/** A value written as one image reference, `ghcr.io/acme/pgbouncer:latest`: no spaces, no template. */
const IMAGE_STRING = /^[a-z0-9][\w./:@-]*$/i;
/** A line that sets an image key to a value written on it: `  connection_pooler_image: "…"`, `- image: busybox:latest`. */
const IMAGE_LINE = /^\s*(?:-\s+)?["']?[\w.-]*image["']?\s*:\s*["']?[a-z0-9]/i;
/** A key beside an image that carries its tag or version apart (`tag`, `imageTag`, `version`). */
const TAG_KEY = /tag|version|digest/i;

/**
 * Images a chart's values file names as one string under an image key (`connection_pooler_image:
 * "ghcr.io/zalando/postgres-operator/pgbouncer:latest"`, `terminalImage: "…:latest"`): the chart's templates
 * hand that string to a pod as it is, so `latest` there is pulled as written. A reference with no tag is read
 * only when it names a path (`acme/app`) and no key beside it carries a tag or version, which charts fill in apart.
 */
function imageStrings(path: string, file: YamlFile, node: unknown, policy: Policy): Draft[] {
  const out: Draft[] = [];
  if (!isMap(node)) return out;
  const apart = node.items.some((pair) => isScalar(pair.key) && TAG_KEY.test(scalarText(pair.key.value)));
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !IMAGE_KEY.test(scalarText(pair.key.value)) || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
    const ref = pair.value.value.trim();
    if (!IMAGE_STRING.test(ref) || hasUnresolvedVersion(ref)) continue;
    const { name, tag } = parseImageReference(ref);
    if (tag === undefined && (apart || !name?.includes('/'))) continue;
    const line = nodeLine(file, pair.value);
    const finding = imageFinding(path, line, line, ref, 'yaml', policy);
    if (finding) out.push(finding);
  }
  return out;
}

/**
 * Images that skaffold builds (`build.artifacts[].image` in a root `skaffold.yaml`): skaffold replaces
 * their bare names in the manifests it deploys with the tag and digest it just built.
 */
async function skaffoldArtifacts(ctx: CheckContext): Promise<ReadonlySet<string>> {
  const images = new Set<string>();
  for (const name of ['skaffold.yaml', 'skaffold.yml']) {
    const file = await ctx.yaml(name);
    for (const doc of file?.documents ?? []) {
      if (doc.errors.length) continue;
      const build = doc.toJS() as { build?: { artifacts?: unknown } } | null;
      const artifacts = build?.build?.artifacts;
      for (const artifact of Array.isArray(artifacts) ? (artifacts as { image?: unknown }[]) : []) if (typeof artifact?.image === 'string') images.add(artifact.image);
    }
  }
  return images;
}

/** The names kustomize reads a kustomization from, and how many folders above a manifest are looked in. */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MAX_KUSTOMIZATION_DEPTH = 3;

/**
 * The image names a kustomization rewrites to a fixed version for the manifest at `path`: a `kustomization.yaml` in
 * its folder or up to three folders above that lists the manifest (see kustomizationListing) and whose `images:`
 * gives the name a `newTag` that does not move or a `digest` (kubebuilder's `controller:latest` placeholder in
 * `config/manager/manager.yaml`, `images: [{name: controller, newName: acme/operator, newTag: v0.0.23}]`), because
 * `kustomize build` writes that version into every container of that name: the placeholder is never pulled.
 */
async function kustomizedImages(ctx: CheckContext, path: string): Promise<ReadonlySet<string>> {
  const names = new Set<string>();
  const segments = repoDir(path).split('/').filter(Boolean);
  let setByCommand: Promise<ReadonlySet<string>> | undefined;
  for (let end = segments.length; end >= Math.max(0, segments.length - MAX_KUSTOMIZATION_DEPTH); end--) {
    const dir = segments.slice(0, end).join('/');
    for (const name of KUSTOMIZATION_FILES) {
      const text = await ctx.text(repoJoin(dir, name));
      if (text === null || kustomizationListing(text, path.slice(dir ? dir.length + 1 : 0)) !== 'active') continue;
      // kubebuilder's `make deploy` (`cd config/manager && kustomize edit set image controller=${IMG}`), or a release
      // workflow's `kustomize edit set image acme/op-dev=acme/op:${VERSION}`: the build writes the version in.
      for (const image of await (setByCommand ??= imagesSetByKustomizeEdit(ctx))) names.add(image);
      if (!/^images\s*:/m.test(text)) continue;
      for (const doc of (await ctx.yaml(repoJoin(dir, name)))?.documents ?? []) {
        if (doc.errors.length) continue;
        const images = (doc.toJS() as { images?: unknown } | null)?.images;
        for (const image of Array.isArray(images) ? (images as Record<string, unknown>[]) : []) {
          if (typeof image?.name !== 'string') continue;
          const digest = typeof image.digest === 'string' && image.digest.trim() !== '';
          const tag = typeof image.newTag === 'string' ? image.newTag : typeof image.newTag === 'number' ? String(image.newTag) : undefined;
          if (digest || (tag !== undefined && setsFixedValue(tag))) names.add(image.name);
        }
      }
    }
  }
  return names;
}

/**
 * Image names the repository's build sets with `kustomize edit set image <name>=<image>` (its root `Makefile`, or a
 * workflow of `.github/workflows/`), for the kustomizations it builds: kubebuilder's `make deploy` and release
 * workflows write the version they build into every container of that name, so the placeholder is never pulled.
 */
async function imagesSetByKustomizeEdit(ctx: CheckContext): Promise<ReadonlySet<string>> {
  const names = new Set<string>();
  const texts = [await ctx.text('Makefile')];
  for (const path of (await ctx.list(WORKFLOWS_FOLDER)) ?? []) if (isYaml(path)) texts.push(await ctx.text(path));
  for (const text of texts) {
    for (const m of (text ?? '').matchAll(/\bkustomize\)?\s+edit\s+set\s+image\s+((?:[\w./:@${}-]+=\S+\s*)+)/gi)) {
      for (const pair of m[1]!.trim().split(/\s+/)) {
        const name = pair.slice(0, pair.indexOf('='));
        if (name && !name.includes('$')) names.add(name);
      }
    }
  }
  return names;
}

type ImageKind = 'dockerfile' | 'compose' | 'kubernetes' | 'helm-values' | 'helm-template';

/** The image and `pip install` findings a Dockerfile, compose file, Kubernetes manifest or Helm values file with this text would have. */
function imageDrafts(kind: ImageKind, path: string, text: string, policy: Policy): Draft[] {
  if (kind === 'dockerfile') return checkDockerfile(path, text, parseDockerfile(text), policy);
  if (kind === 'helm-template') return checkHelmTemplate(path, text, policy);
  const yaml = parseYaml(text);
  if (kind === 'compose') return checkCompose(path, yaml, policy);
  return kind === 'helm-values' ? helmValuesDrafts(path, text, yaml, policy, true) : checkKubernetes(path, yaml, policy);
}

/**
 * The kind of image file `path` is with this text, as the check reads it: a YAML file by any name whose top level
 * is a `services:` mapping of images or builds is a compose file (`aio.compose.yaml`), as for the change's own files.
 */
function imageKindOf(path: string, text: string): FileKind | null {
  const kind = fileKind(path);
  return (kind === 'kubernetes' || kind === 'helm-template') && isYaml(path) && TOP_LEVEL_SERVICES.test(text) && hasComposeServices(parseYaml(text)) ? 'compose' : kind;
}

/** A chart's template (`templates/deployment.yaml`, a partial such as `templates/_statsd.yaml`): Go template text, most often not YAML until rendered. */
const HELM_TEMPLATE = /(?:^|\/)templates\/(?:[^/]+\/)*[^/]+\.(?:ya?ml|tpl)$/i;
/** An `image:` line whose value is written out, not templated: `image: prom/statsd-exporter`, `- image: "busybox:1.36"`. */
const LITERAL_IMAGE_LINE = /^\s*(?:-\s+)?image:\s*(["']?)([\w./:@-]+)\1\s*(?:#.*)?$/;

/** The `Chart.yaml` of the chart whose `templates/` folder holds `path`. */
const chartFile = (path: string): string => `${path.slice(0, path.lastIndexOf('templates/'))}Chart.yaml`;

/**
 * The images a Helm template writes out literally, line by line: a template is text for Go's template engine
 * (`{{- define "app.statsd" }}`, `{{- if .Values.metrics.enabled }}` around a container), which a YAML parser
 * mostly refuses, yet a sidecar written there as `image: prom/statsd-exporter` is deployed as written. Values
 * the template fills in (`{{ .Values.image.tag }}`) are the values file's, which checkHelmValues reads.
 */
function checkHelmTemplate(path: string, text: string, policy: Policy): Draft[] {
  const out: Draft[] = [];
  text.split('\n').forEach((line, i) => {
    const ref = LITERAL_IMAGE_LINE.exec(line)?.[2];
    if (!ref || hasUnresolvedVersion(ref)) return;
    const finding = imageFinding(path, i + 1, i + 1, ref, 'yaml', policy);
    if (finding) out.push(finding);
  });
  return out;
}

/** A Helm values file's images (checkHelmValues), and those of the Kubernetes objects some values files carry whole (`extraObjects:`). */
function helmValuesDrafts(path: string, text: string, yaml: YamlFile, policy: Policy, chart = false): Draft[] {
  const drafts = [...checkHelmValues(path, yaml, policy, chart), ...(text.includes('apiVersion') ? checkKubernetes(path, yaml, policy) : [])];
  return drafts.filter((d, i) => drafts.findIndex((o) => o.line === d.line) === i);
}

/**
 * `drafts` less what the change does not make worse: an image, or a package of a `RUN pip install`, that
 * the file's base or a file of the same kind the change deletes already left unpinned. One moving tag
 * replaced by another (`postgresql-latest` to `latest`), a `RUN` rewritten around an unpinned install, an
 * install moved out of a Dockerfile the change removes add nothing a reviewer has not already accepted.
 * A version tag replaced by a moving one is new, and so is an image moved in from a deleted file that was
 * not production configuration (its role judged from its content: a stack of `local` and `dev-db`
 * services). Deleted files are rebuilt from their removed lines, so nothing more is read.
 */
async function withoutOldProblems(ctx: CheckContext, file: ChangedFile, kind: ImageKind, drafts: Draft[], policy: Policy): Promise<Draft[]> {
  if (drafts.length === 0) return drafts;
  const before: string[] = [];
  const ownBase = file.status !== 'added' && file.status !== 'copied' ? await ctx.text(file.previousPath ?? file.path, 'base') : null;
  if (ownBase !== null) before.push(ownBase);
  let published: Promise<ReadonlySet<string>> | undefined;
  for (const gone of ctx.removedFiles()) {
    // What a deleted development or test file had is new to production configuration; a Dockerfile a workflow of
    // the base built and pushed was production, whatever its folder's name says (`.docker/`). A deleted example is
    // what the repository told its users to copy and run (komodo's `config_example/aio.compose.yaml`, replaced by
    // `compose/mongo.compose.yaml`): the images it pulled were the repository's documented choice already.
    const content = deletedContent(gone);
    if (!content || content.binary || content.problem || imageKindOf(gone.path, content.text) !== kind) continue;
    const role = (await ctx.role(gone.path)).role;
    if (role === 'production' || role === 'example' || (kind === 'dockerfile' && (await (published ??= publishedByBaseWorkflows(ctx))).has(gone.path))) before.push(content.text);
  }
  if (before.length === 0) return drafts;
  const oldDrafts = before.map((text) => imageDrafts(kind, file.path, text, { ...policy, movingTags: true }));
  const old = oldDrafts.flat();
  const known = new Set(old.map((d) => d.key));
  // The same image pulled from another registry or mirror (`public.ecr.aws/docker/library/alpine` to `alpine`).
  const images = new Set(old.map(imageOf).filter(Boolean));
  // A namespace the file's own base pulled only untagged or on `latest` (the project's `acme/*` images): a new image of it follows the file's convention.
  const conventions = ownBase === null ? new Set<string>() : untaggedNamespaces(imageDrafts(kind, file.path, ownBase, { ...policy, everyImage: true }));
  // A compose service that already pulled a moving image in the file's base and now pulls another of the same
  // publisher or a Docker Official Image (`redis/redis-stack-server` to `redis`); another publisher is a new source.
  // The file's own base comes first in `before` when there is one.
  const baseYaml = kind === 'compose' && ownBase !== null ? parseYaml(ownBase) : null;
  const moving = baseYaml !== null ? servicesAt(baseYaml, oldDrafts[0]!) : new Map<string, string>();
  // A compose file whose base pinned no image finer than a major version (see floatingServices): a service of it
  // on a tag naming no version may swap its image for another on a moving tag, of any publisher: no pin is lost.
  const floating = baseYaml !== null ? floatingServices(baseYaml) : new Set<string>();
  const headFile = moving.size > 0 || floating.size > 0 ? await ctx.yaml(file.path) : null;
  // A service's own swap counts a tag that defaults to `latest` as `latest` (streamystats' images moved to GHCR under new
  // names on `${VERSION:-latest}`); a new service does not follow the namespace's convention that way (see conventions).
  const swapped = (d: Draft): boolean => {
    if (headFile === null || !isUntaggedOrLatest(withDefaults(String(d.data?.image ?? '')))) return false;
    const services = [...servicesAt(headFile, [d]).keys()];
    const namespace = namespaceOf(d);
    return services.length > 0 && services.every((name) => floating.has(name) || (moving.has(name) && (namespace === '' || namespace === moving.get(name))));
  };
  const swappedBase = kind === 'dockerfile' && ownBase !== null ? swappedStageBase(ownBase, await ctx.text(file.path), ctx.repository?.owner) : () => false;
  // An image the base only ran as a client (every service on it gave its own command) is a new decision where the change runs it as a server with data.
  const client = kind === 'compose' ? clientOnlyImages(before, oldDrafts, (await ctx.yaml(file.path)) ?? parseYaml(''), drafts) : new Set<Draft>();
  return drafts.filter((d) => client.has(d) || (!known.has(d.key) && !images.has(imageOf(d)) && !movedUnderOrganisation(imageOf(d), images) && !(conventions.has(namespaceOf(d)) && isUntaggedOrLatest(String(d.data?.image ?? ''))) && !swapped(d) && !swappedBase(d)));
}

/** Which of a new file's images count as already chosen elsewhere in the base, and how the other file must write them. */
interface ImagesElsewhere {
  /** The references looked for. */
  refs(ref: string): boolean;
  /** How another file writes the same reference. */
  written(ref: string): RegExp;
  /** The files of the base that count (the same platform). */
  platform(path: string): boolean;
}

/**
 * `drafts` of a new file less the images another production file of the base, of the same platform, already uses
 * written the same way: the moving tag is the repository's standing choice, which the new file only repeats. Only hits
 * that write a reference are asked their role. The CLI searches the whole base tree; the App the folders near the change.
 */
async function withoutImagesElsewhere(ctx: CheckContext, path: string, drafts: Draft[], how: ImagesElsewhere): Promise<Draft[]> {
  const refs = [...new Set(drafts.filter((d) => d.messageId === 'image').map((d) => String(d.data?.image ?? '')).filter((ref) => ref !== '' && !ref.includes('$') && how.refs(ref)))];
  if (refs.length === 0) return drafts;
  const hits = (await ctx.searchBase(refs)) ?? [];
  const written = refs.map((ref) => [ref, how.written(ref)] as const);
  const used = new Set<string>();
  for (const hit of hits) {
    if (hit.path === path || !how.platform(hit.path)) continue;
    const matching = written.filter(([, pattern]) => pattern.test(hit.text));
    if (matching.length === 0 || (await ctx.role(hit.path)).role !== 'production') continue;
    for (const [ref] of matching) used.add(ref);
  }
  return used.size === 0 ? drafts : drafts.filter((d) => d.messageId !== 'image' || !used.has(String(d.data?.image ?? '')));
}

/**
 * A new Kubernetes manifest or Helm values file's images that another production Kubernetes or Helm file of the base
 * (not a compose file: the same image taken to Kubernetes is a new decision there) already deploys, written the same
 * way with a registry or namespace and a tag (`quay.io/quarkus-super-heroes/grpc-locations:java21-latest`, deployed by
 * each service's own values before a generated umbrella chart repeats it). Only references that name their publisher
 * are matched, so a bare `postgres:latest` is judged as usual.
 */
const DEPLOYED_ELSEWHERE: ImagesElsewhere = {
  refs: (ref) => ref.includes('/') && ref.includes(':'),
  written: (ref) => new RegExp(`(?:^|[\\s"':=])${escapeRegExp(ref)}(?:$|[\\s"'#,])`),
  platform: (path) => isYaml(path) && !isComposeFile(path),
};

/**
 * A new compose file's images that another production compose file of the base already pulls on an `image:` line
 * written the same way (FusionAuth's monitoring services split into their own file with the reference stack's untagged
 * `prom/prometheus`, a staging stack copied into an `iac/` folder with its untagged EventStore). A development or
 * example file's image is new to production, and the line must read the same (`image: postgres` does not hold
 * `postgres:latest`), so a bare name matches only an `image:` line of its own.
 */
const PULLED_ELSEWHERE: ImagesElsewhere = {
  refs: () => true,
  written: (ref) => new RegExp(`^\\s*-?\\s*image\\s*:\\s*["']?${escapeRegExp(ref)}["']?\\s*(?:#.*)?$`),
  platform: isComposeFile,
};

/**
 * Whether `image` (without its registry) is an image the file's base pulled unpinned, moved under an organisation
 * or out of one: one path ends with the other at a `/`, and the shorter names a namespace too (trackdechets'
 * `ghcr.io/trackdechets/api:latest` become `ghcr.io/mtes-mct/trackdechets/api:latest`). The repository moved; its
 * images moved with it, on the same moving tag. An official image (`postgres`) taken over by a namespace
 * (`someone/postgres`) is another publisher's, and is not matched.
 */
function movedUnderOrganisation(image: string, before: ReadonlySet<string>): boolean {
  if (!image.includes('/')) return false;
  for (const old of before) {
    if (!old.includes('/') || old === image) continue;
    if (image.endsWith(`/${old}`) || old.endsWith(`/${image}`)) return true;
  }
  return false;
}

/**
 * Whether a compose service starts a program of its own (`command:` or `entrypoint:` naming one, as `sh -c "createdb …"`
 * or `redis-cli ping` do) rather than the image's: a command that is empty, only a variable (`${SEARX_COMMAND:-}`, which
 * compose leaves empty when unset) or only flags (`--save ""`) hands its words to the image's own start, so the service
 * still runs the image's server.
 */
function ownStart(node: unknown): boolean {
  return (['command', 'entrypoint'] as const).some((key) => {
    const value = toJS(getPair(node, key)?.value);
    const first = String((Array.isArray(value) ? value[0] : value) ?? '').trim();
    return first !== '' && !first.startsWith('-') && !first.startsWith('$');
  });
}

/**
 * The drafts of `head` (a compose file) whose image the compose files of `before` pulled only in services that
 * started their own command (`postgres:latest` with `command: sh -c "… createdb …"`, a one-shot client of another
 * database), while the head's service keeps the image's own start and mounts a volume (`hatchet-postgres` on
 * `postgres:latest` with its data directory): the base never ran that image as the server whose data a new major
 * release would have to read, so running it so is a new decision about its version.
 */
function clientOnlyImages(before: readonly string[], oldDrafts: readonly Draft[][], head: YamlFile, drafts: readonly Draft[]): Set<Draft> {
  const out = new Set<Draft>();
  if (head.error) return out;
  const served = new Set<string>();
  const clients = new Set<string>();
  before.forEach((text, i) => {
    const yaml = parseYaml(text);
    if (yaml.error) return;
    const byLine = new Map(oldDrafts[i]!.filter((d) => d.messageId === 'image').map((d) => [d.line, d]));
    for (const service of composeServices(yaml)) {
      const image = getPair(service.node, 'image');
      const draft = image?.value ? byLine.get(nodeLine(yaml, image.value)) : undefined;
      if (draft) (ownStart(service.node) ? clients : served).add(imageOf(draft));
    }
  });
  const byLine = new Map(drafts.filter((d) => d.messageId === 'image').map((d) => [d.line, d]));
  for (const service of composeServices(head)) {
    const image = getPair(service.node, 'image');
    const draft = image?.value ? byLine.get(nodeLine(head, image.value)) : undefined;
    if (!draft || ownStart(service.node) || getPair(service.node, 'volumes') === undefined) continue;
    if (clients.has(imageOf(draft)) && !served.has(imageOf(draft))) out.add(draft);
  }
  return out;
}

/** A stage's base image on a tag that names no version (untagged, `latest`, `lts-alpine`): it moved with every release. */
function floatingImage(file: Dockerfile, stage: DockerStage): { namespace: string } | undefined {
  const ref = stage.image.trim();
  if (!ref || ref.includes('$') || file.stages.some((s) => s.index < stage.index && s.name === ref.toLowerCase())) return undefined;
  const { name, tag, digest } = parseImageReference(ref);
  if (digest !== undefined || (tag !== undefined && !UNVERSIONED_TAG.test(tag))) return undefined;
  const image = imageWithoutRegistry(name);
  return { namespace: image.includes('/') ? image.slice(0, image.lastIndexOf('/')) : '' };
}

/**
 * The Dockerfile counterpart of the compose swap rules: a stage whose base image in the file's base was on a
 * tag naming no version (`FROM node:lts-alpine`) and now builds on an untagged or `latest` image, a Docker
 * Official Image or one of the same publisher (`FROM alpine:latest`), or of any publisher when no stage of the
 * base named a version finer than a major (`bitnami/minideb:latest` to `gcr.io/distroless/cc-debian12` beside
 * `rust:latest`), or of the repository owner's own namespace (`quay.io/prometheus/busybox:latest` in
 * prometheus/pushgateway), pins nothing less than it did. The stage is matched by its `AS` name, else by its place from
 * the end (the final stage with the final stage).
 */
function swappedStageBase(baseText: string, headText: string | null, owner?: string): (d: Draft) => boolean {
  if (headText === null) return () => false;
  const before = parseDockerfile(baseText);
  const after = parseDockerfile(headText);
  const external = before.stages.map((s) => ({ stage: s, ref: s.image.trim() })).filter(({ stage, ref }) => !before.stages.some((o) => o.index < stage.index && o.name === ref.toLowerCase()));
  const pinsNothing = external.length >= 2 && external.every(({ stage, ref }) => {
    if (ref.includes('$')) return false;
    const { tag, digest } = parseImageReference(ref);
    return floatingImage(before, stage) !== undefined || (digest === undefined && tag !== undefined && MAJOR_ONLY_TAG.test(tag));
  });
  return (d) => {
    if (d.messageId !== 'image' || !isUntaggedOrLatest(String(d.data?.image ?? ''))) return false;
    const stage = after.stages.find((s) => s.from.startLine === d.line);
    if (!stage) return false;
    const fromEnd = after.stages.length - 1 - stage.index;
    const old = (stage.name ? before.stages.find((s) => s.name === stage.name) : undefined) ?? before.stages[before.stages.length - 1 - fromEnd];
    const was = old ? floatingImage(before, old) : undefined;
    if (!was) return false;
    const namespace = namespaceOf(d);
    // The repository owner's own image (`quay.io/prometheus/busybox:latest` in prometheus/pushgateway): first-party.
    const own = owner !== undefined && namespace.split('/').pop()?.toLowerCase() === owner.toLowerCase();
    return pinsNothing || own || namespace === '' || namespace === was.namespace;
  };
}

/** A tag that names no version: a word (`latest`, `alpine`, `no-stats`), which moves with every release. */
const UNVERSIONED_TAG = /^[a-z][a-z_.-]*$/i;
/** A tag that names a major version alone, with or without a variant (`2`, `2-alpine`, `16-bookworm`): it takes every minor and patch release. */
const MAJOR_ONLY_TAG = /^v?\d{1,3}(?:[-_][a-z][\w.-]*)?$/i;

/**
 * The services of a compose file's base that pull an image on a tag naming no version (none, `latest`,
 * `alpine`), when that base pulls two or more images and none on a tag finer than a major version
 * (`caddy:2-alpine`, `redis:alpine` and `searxng/searxng:latest`): such a file pins nothing, so one of those
 * services swapping its image for another on `latest` (`redis:alpine` to `cgr.dev/chainguard/valkey:latest`)
 * loses no pin. Empty when any image of the base names a minor or patch version (`pds:0.4`), a long number (a
 * date or build), a digest or a variable.
 */
function floatingServices(file: YamlFile): Set<string> {
  const services = new Set<string>();
  let images = 0;
  for (const service of composeServices(file)) {
    if (getPair(service.node, 'build') || /^(?:never|build)$/i.test(getString(service.node, 'pull_policy')?.trim() ?? '')) continue;
    const ref = getString(service.node, 'image')?.trim();
    if (!ref) continue;
    const { tag, digest } = parseImageReference(ref);
    if (ref.includes('$') || digest !== undefined || (tag !== undefined && !UNVERSIONED_TAG.test(tag) && !MAJOR_ONLY_TAG.test(tag))) return new Set();
    images++;
    if (tag === undefined || UNVERSIONED_TAG.test(tag)) services.add(service.name);
  }
  return images >= 2 ? services : new Set();
}

/** The compose services of `file` whose `image:` line one of `drafts` is on, each with the namespace of that draft's image (see namespaceOf). */
function servicesAt(file: YamlFile, drafts: readonly Draft[]): Map<string, string> {
  const byLine = new Map(drafts.map((d) => [d.line, d]));
  const services = new Map<string, string>();
  for (const service of composeServices(file)) {
    const image = getPair(service.node, 'image');
    const draft = image?.value ? byLine.get(nodeLine(file, image.value)) : undefined;
    if (draft) services.set(service.name, namespaceOf(draft));
  }
  return services;
}

/** An image finding whose image is untagged or on `latest` (see isUntaggedOrLatest). */
const floatsOnMovingTag = (d: Draft): boolean => d.messageId === 'image' && isUntaggedOrLatest(String(d.data?.image ?? ''));

/** How many Dockerfiles of the base floatingBaseImages reads at most. */
const MAX_SIBLING_DOCKERFILES = 12;

/**
 * Images on a moving tag (untagged or `latest`) that a production Dockerfile of the base already pulls that
 * way: the Dockerfiles of `path`'s folder and of every folder above it, and those the base's workflows build
 * and push (see publishedByBaseWorkflows). A new image written on the same floating base (`FROM nginx` as
 * the existing `Dockerfile-nginx` has it, the rolling `opensuse/tumbleweed:latest` every image of the
 * repository builds on) repeats a decision the repository already made; read only when a new or edited Dockerfile
 * would otherwise be reported for one.
 */
async function floatingBaseImages(ctx: CheckContext, path: string, policy: Policy): Promise<ReadonlySet<string>> {
  const candidates = new Set<string>();
  const parts = path.split('/');
  for (let k = parts.length - 1; k >= 0; k--) {
    for (const p of (await ctx.list(parts.slice(0, k).join('/'), 'base')) ?? []) if (isDockerfile(p) && p !== path) candidates.add(p);
  }
  for (const p of await publishedByBaseWorkflows(ctx)) if (p !== path) candidates.add(p);
  const images = new Set<string>();
  for (const p of [...candidates].slice(0, MAX_SIBLING_DOCKERFILES)) {
    if ((await ctx.role(p)).role !== 'production') continue;
    const text = await ctx.text(p, 'base');
    if (text === null) continue;
    for (const d of checkDockerfile(p, text, parseDockerfile(text), { ...policy, movingTags: true })) if (floatsOnMovingTag(d)) images.add(imageOf(d));
  }
  return images;
}

/** How many compose files of the base composeImagesBefore reads at most. */
const MAX_SIBLING_COMPOSE_FILES = 12;

/**
 * The images on a moving tag that a production compose file of the base already pulls, in the folder of the new
 * compose file `path` or any folder above it: `refs` as written (`${KANBOARD_IMAGE:-kanboard/kanboard:latest}`),
 * `images` by name for those untagged or on `latest` (`flowiseai/flowise`). A new variant of the stack (the same
 * app with MariaDB or Postgres, a queue-mode file) that pulls one of them the same way repeats a release channel
 * the repository already chose for that image; an image the base pulled with a version, or a new image, is judged
 * on its own. Read only when a new compose file would otherwise be reported for an image.
 */
async function composeImagesBefore(ctx: CheckContext, path: string, policy: Policy): Promise<{ refs: ReadonlySet<string>; images: ReadonlySet<string> }> {
  const candidates: string[] = [];
  const parts = path.split('/');
  for (let k = parts.length - 1; k >= 0; k--) {
    for (const p of (await ctx.list(parts.slice(0, k).join('/'), 'base')) ?? []) if (isComposeFile(p) && p !== path) candidates.push(p);
  }
  const refs = new Set<string>();
  const images = new Set<string>();
  for (const p of candidates.slice(0, MAX_SIBLING_COMPOSE_FILES)) {
    // A file the change renames is judged under its new name (`docker-compose.yml` kept as `docker-compose.sqlite.yml`).
    const renamed = ctx.files().find((f) => f.status === 'renamed' && f.previousPath === p);
    if ((await ctx.role(renamed?.path ?? p)).role !== 'production') continue;
    const text = await ctx.text(p, 'base');
    const yaml = text === null ? null : parseYaml(text);
    if (yaml === null || yaml.error) continue;
    for (const d of checkCompose(p, yaml, { ...policy, movingTags: true })) {
      if (d.messageId !== 'image') continue;
      refs.add(String(d.data?.image ?? ''));
      if (floatsOnMovingTag(d)) images.add(imageOf(d));
    }
  }
  return { refs, images };
}

/** Dockerfiles the base's workflows build and push with `docker/build-push-action` (`file: .docker/Dockerfile`, `push: true`): their images were published. */
async function publishedByBaseWorkflows(ctx: CheckContext): Promise<ReadonlySet<string>> {
  const paths = new Set<string>();
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'base')) ?? []) {
    if (!isYaml(path)) continue;
    const yaml = await ctx.yaml(path, 'base');
    for (const build of yaml ? workflowBuilds(yaml) : []) if (build.push) paths.add(build.dockerfile);
  }
  return paths;
}

/** An image reference with neither tag nor digest, or on `latest`: what a file that keeps its images untagged writes. */
const isUntaggedOrLatest = (ref: string): boolean => {
  const { tag, digest } = parseImageReference(ref);
  return !ref.includes('$') && digest === undefined && (tag === undefined || tag === 'latest');
};
/** A variable with a default pulls the default where it is unset (`app:${VERSION:-latest}` is `app:latest`, as compose reads it). */
const withDefaults = (ref: string): string => ref.replace(/\$\{\w+:?-([^}$]*)\}/g, '$1');

/**
 * The namespace of the image an image finding names, without its registry (see imageWithoutRegistry):
 * `acme` for `acme/api` or `ghcr.io/acme/api`, `ubi8` for `registry.access.redhat.com/ubi8/ubi`; '' for
 * Docker's official images (`postgres`), which share no owner, and for other findings.
 */
function namespaceOf(draft: Draft): string {
  const image = imageOf(draft);
  return image.includes('/') ? image.slice(0, image.lastIndexOf('/')) : '';
}

/**
 * Namespaces whose every image in `drafts` (all the images a file pulls, see Policy.everyImage) is untagged
 * or on `latest`, and that hold at least one: a file that pulls `acme/api`, `acme/web` and `acme/worker`
 * untagged keeps the project's images on whatever its CI last pushed, by convention.
 */
function untaggedNamespaces(drafts: readonly Draft[]): Set<string> {
  const verdicts = new Map<string, boolean>();
  for (const d of drafts) {
    const namespace = namespaceOf(d);
    if (namespace) verdicts.set(namespace, (verdicts.get(namespace) ?? true) && isUntaggedOrLatest(String(d.data?.image ?? '')));
  }
  return new Set([...verdicts].filter(([, untagged]) => untagged).map(([namespace]) => namespace));
}

/** The image an image finding names, without its registry (see imageWithoutRegistry); '' for other findings. */
const imageOf = (draft: Draft): string => (draft.messageId === 'image' ? imageWithoutRegistry(parseImageReference(String(draft.data?.image ?? '')).name) : '');

/** What a build sets an argument to counts only when it names something fixed: not empty, not a moving tag (`latest`). */
const setsFixedValue = (value: string | null | undefined): boolean => typeof value === 'string' && value.trim() !== '' && !MOVING_TAG.test(value.trim());

/**
 * True when the repository builds `dockerfile` and every build of it sets each of `names` to a fixed value:
 * the `docker/build-push-action` steps of its workflows (`build-args: LNBITS_TAG=${{ inputs.tag }}`) and the
 * compose services that build it (`args:`). Then an `ARG` default of `latest` only serves a local
 * `docker build`, and what ships is built from the version the build names. A build that passes nothing,
 * or takes the value from the environment (`args: [SENTRY_IMAGE]`), leaves the default in force.
 */
async function everyBuildSets(ctx: CheckContext, dockerfile: string, names: readonly string[]): Promise<boolean> {
  const builds: Map<string, string | null>[] = [];
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'head')) ?? []) {
    if (!isYaml(path)) continue;
    const yaml = await ctx.yaml(path);
    for (const build of yaml ? workflowBuilds(yaml) : []) if (build.dockerfile === dockerfile) builds.push(build.args);
  }
  for (let dir = repoDir(dockerfile); ; dir = repoDir(dir)) {
    for (const name of PLAIN_COMPOSE_NAMES) {
      const path = repoJoin(dir, name);
      const yaml = await ctx.yaml(path);
      if (!yaml || yaml.error) continue;
      for (const service of composeServices(yaml)) {
        if (builtDockerfile(path, service, yaml) !== dockerfile) continue;
        const args = toJS(getPair(getPair(service.node, 'build')?.value, 'args')?.value);
        const list = Array.isArray(args) ? args.map(scalarText) : args && typeof args === 'object' ? Object.entries(args).map(([k, v]) => (v === null ? k : `${k}=${scalarText(v)}`)) : [];
        // A value taken from the environment (`${TAG}`) is whatever the shell that runs compose has.
        builds.push(new Map([...argAssignments(list)].map(([k, v]) => [k, v !== null && v.includes('$') ? null : v])));
      }
    }
    if (!dir) break;
  }
  return builds.length > 0 && builds.every((args) => names.every((n) => setsFixedValue(args.get(n))));
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

function actionRemediation(target: string, ref: string | undefined): string {
  const version = ref && looksLikeVersionTag(ref) ? ref : '<release tag>';
  const [owner, repo] = target.split('/');
  return [
    'Pin the action to the full commit SHA of a release, with the tag in a comment for readers and Dependabot:',
    '',
    fence('yaml', `uses: ${target}@<40-hex commit sha> # ${version}`),
    '',
    `${code(`gh api repos/${owner}/${repo}/commits/${version} --jq .sha`)} (or ${code(`git ls-remote https://github.com/${owner}/${repo} ${version}`)}) prints the commit. Dependabot (${code('package-ecosystem: github-actions')}) keeps SHA pins current.`,
  ].join('\n');
}

/** Why a `uses:` value is not pinned (a message id), or null when it is fine. */
function actionProblem(uses: string, policy: Policy): MessageId | null {
  const ref = parseActionReference(uses);
  if (!ref || ref.kind === 'local') return null;
  if (ref.kind === 'docker') return parseImageReference(ref.image).digest || hasUnresolvedVersion(ref.image) ? null : 'action-docker';
  // The repository owner's own reusable workflows are its organisation's CI, first-party like `./.github/workflows/…`.
  if (policy.ownOwner !== undefined && ref.owner.toLowerCase() === policy.ownOwner && REUSABLE_WORKFLOW_PATH.test(ref.path)) return null;
  // GitHub refuses a remote action without a ref ("the `uses' attribute must be a path, a Docker image, or
  // owner/repo@ref"): the workflow does not start, so nothing runs unpinned (autopush-rs's botched `uses: actions/6`).
  if (ref.ref === undefined || ref.ref === '') return null;
  if (isCommitSha(ref.ref)) return null;
  if (looksLikeVersionTag(ref.ref)) return policy.trustedOwners.has(ref.owner.toLowerCase()) ? null : 'action-tag';
  return /^[0-9a-f]{7,39}$/i.test(ref.ref) ? 'action-short-sha' : 'action-branch';
}

/** Where a reusable workflow lives in its repository: `uses: acme/workflows/.github/workflows/lint.yml@main` calls one. */
const REUSABLE_WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/i;

/** What an action reference names, without its ref: `owner/repo/path` or `docker://image`, lower-cased. */
function actionTarget(uses: string): string | undefined {
  const ref = parseActionReference(uses);
  if (!ref || ref.kind === 'local') return undefined;
  if (ref.kind === 'docker') return `docker://${parseImageReference(ref.image).name.toLowerCase()}`;
  return [ref.owner, ref.repo, ref.path].filter(Boolean).join('/').toLowerCase();
}

/**
 * Which unpinned actions each workflow may carry without the change making anything worse: those its
 * own base version already used without a SHA (`@v3` -> `@v4`, a dependency bot's bump), and those the
 * change takes out of another workflow (steps moved to a new file). An action another workflow keeps
 * using is still new to this one: adding `setup-uv@v6` to lint.yml is reported even if pip.yml has it,
 * unless lint.yml already ran unpinned actions (`ranUnpinned`, see repositoryActions). A SHA turned into a
 * tag is never known.
 */
async function unpinnedBefore(ctx: CheckContext, policy: Policy): Promise<(path: string) => WorkflowBefore> {
  const targets = async (path: string, side: 'head' | 'base') => {
    const counts = new Map<string, number>();
    const yaml = await ctx.yaml(path, side);
    for (const use of yaml ? actionUses(yaml) : []) {
      const target = actionProblem(use.uses, policy) ? actionTarget(use.uses) : undefined;
      if (target) counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    return counts;
  };
  const own = new Map<string, Set<string>>();
  const pins = new Set<string>();
  const movedAway = new Set<string>();
  const branches = new Map<string, Set<string>>();
  const replaced = new Map<string, Map<string, number>>();
  for (const file of [...ctx.files('workflow'), ...ctx.removedFiles().filter((f) => isGitHubWorkflow(f.path))]) {
    if (file.status === 'added' || file.status === 'copied') continue;
    const before = await targets(file.previousPath ?? file.path, 'base');
    branches.set(file.path, await branchActions(ctx, file.previousPath ?? file.path));
    if (await pinsBySha(ctx, file.previousPath ?? file.path)) pins.add(file.path);
    const after = file.status === 'removed' ? new Map<string, number>() : await targets(file.path, 'head');
    own.set(file.path, new Set(before.keys()));
    const lost = new Map<string, number>();
    for (const [target, count] of before) {
      if ((after.get(target) ?? 0) >= count) continue;
      movedAway.add(target);
      if (!target.startsWith('docker://')) lost.set(target.split('/')[0]!, (lost.get(target.split('/')[0]!) ?? 0) + count - (after.get(target) ?? 0));
    }
    // A vendor's install script piped to a shell that the change takes out (`curl -sSfL https://raw.githubusercontent.com/
    // golangci/golangci-lint/master/install.sh | sh`, `curl -sLS https://get.arkade.dev | sudo sh`): the job already ran
    // that vendor's code from a moving URL, and the vendor's action on a release tag takes its place.
    for (const word of pipedInstallerWords(file.removed.map((l) => l.text))) lost.set(`script:${word}`, (lost.get(`script:${word}`) ?? 0) + 1);
    replaced.set(file.path, lost);
  }
  return (path) => ({ known: new Set([...(own.get(path) ?? []), ...movedAway]), ranUnpinned: (own.get(path)?.size ?? 0) > 0, pinned: pins.has(path), branches: branches.get(path) ?? new Set(), replaced: replaced.get(path) ?? new Map() });
}

/**
 * Who vendors each download piped to a shell on these lines (`curl … | sh`, `wget -qO- … | bash`): `owner:<owner>` for
 * a GitHub URL (`raw.githubusercontent.com/golangci/…` gives `owner:golangci`), whose own action alone can take its
 * place, and `host:<word>` for the words of another host's name (`get.arkade.dev` gives `host:arkade`), matched
 * against an action's owner and repository words (`alexellis/arkade-get`).
 */
function pipedInstallerWords(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const line of lines) {
    if (!/\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/.test(line)) continue;
    for (const m of line.matchAll(/https?:\/\/([\w.-]+)(\/[^\s"'|]*)?/g)) {
      const host = m[1]!.toLowerCase();
      const path = (m[2] ?? '').split('/').filter(Boolean);
      // A GitHub URL names its owner, whose action alone takes its place; another host's name says whose tool it is.
      if (/(?:^|\.)(?:github\.com|githubusercontent\.com)$/.test(host)) {
        if (path[0]) words.add(`owner:${path[0].toLowerCase()}`);
        continue;
      }
      for (const w of host.split('.').slice(0, -1).flatMap((part) => part.split(/[-_]/))) if (w.length >= 4 && !/^(?:www|raw|get|install|download|downloads|releases?|static|cdn)$/.test(w)) words.add(`host:${w}`);
    }
  }
  return words;
}

/** An action's repository name and path without its owner (`snapcraft-multiarch-action`): what stays when an action moves to another organisation. */
const actionName = (uses: string): string | undefined => {
  const ref = parseActionReference(uses);
  return ref?.kind === 'repository' ? [ref.repo, ref.path].filter(Boolean).join('/').toLowerCase() : undefined;
};

/** The actions (actionName) the base of workflow `path` runs on a branch (`@master`, `@main`): neither a SHA nor a release tag. */
async function branchActions(ctx: CheckContext, path: string): Promise<Set<string>> {
  const yaml = await ctx.yaml(path, 'base');
  const out = new Set<string>();
  for (const use of yaml ? actionUses(yaml) : []) {
    const ref = parseActionReference(use.uses);
    if (ref?.kind !== 'repository' || !ref.ref || isCommitSha(ref.ref) || looksLikeVersionTag(ref.ref) || /^[0-9a-f]{7,39}$/i.test(ref.ref)) continue;
    const name = actionName(use.uses);
    if (name) out.add(name);
  }
  return out;
}

/** Whether the base of workflow `path` runs an action pinned to a full commit SHA: it pins by convention. */
async function pinsBySha(ctx: CheckContext, path: string): Promise<boolean> {
  const yaml = await ctx.yaml(path, 'base');
  return (yaml ? actionUses(yaml) : []).some((use) => {
    const ref = parseActionReference(use.uses);
    return ref?.kind === 'repository' && isCommitSha(ref.ref ?? '');
  });
}

interface WorkflowBefore {
  /** Actions (actionTarget) the workflow may carry unpinned: its base's own, and those moved out of other workflows. */
  known: ReadonlySet<string>;
  /** Whether the workflow's base already ran an action this check reports (a third party's on a tag, a branch). */
  ranUnpinned: boolean;
  /** Whether the workflow's base pinned an action to a commit SHA (see pinsBySha). */
  pinned: boolean;
  /** Actions (actionName) the workflow's base ran on a branch (see branchActions). */
  branches: ReadonlySet<string>;
  /** Owners of unpinned actions the change takes out of this workflow, with how many (see replacedBySameOwner). */
  replaced: ReadonlyMap<string, number>;
}

/** An action reference as the repository would write it again: what it names and the ref, `owner/repo/path@v4` or `docker://image:tag`. */
function usesKey(uses: string): string | undefined {
  const ref = parseActionReference(uses);
  if (!ref || ref.kind === 'local') return undefined;
  if (ref.kind === 'docker') return `docker://${ref.image.toLowerCase()}`;
  return `${actionTarget(uses)}@${ref.ref ?? ''}`;
}

/**
 * The repository and ref an action reference runs from, `owner/repo@ref`: every action of one repository
 * at one ref (`bitwarden/gh-actions/azure-login@main`, `bitwarden/gh-actions/get-keyvault-secrets@main`)
 * moves with that ref, so the repository at the ref is what a workflow trusts. Undefined for other references.
 */
function repositoryKey(uses: string): string | undefined {
  const ref = parseActionReference(uses);
  return ref?.kind === 'repository' ? `${ref.owner}/${ref.repo}@${ref.ref ?? ''}`.toLowerCase() : undefined;
}

/** A file the change adds (or copies), as opposed to one it edits. */
const newFile = (file: ChangedFile) => file.status === 'added' || file.status === 'copied';

/**
 * True when the change rewrites an existing workflow as a new one: its base had steps (or jobs that call a
 * reusable workflow) and the change removes every one of them, line for line (a placeholder job that ran
 * `exit 0` replaced by a real one). Nothing of what the workflow ran is kept, so it is judged as a workflow
 * the change adds.
 */
async function rewrittenWorkflow(ctx: CheckContext, file: ChangedFile): Promise<boolean> {
  if (file.status !== 'modified' && file.status !== 'renamed') return false;
  const base = await ctx.yaml(file.previousPath ?? file.path, 'base');
  const jobs = base ? get(base.documents[0]?.contents, 'jobs') : undefined;
  if (!base || !isMap(jobs)) return false;
  const removed = new Set(file.removed.map((l) => l.line));
  const units: { from: number; to: number }[] = [];
  for (const pair of jobs.items) {
    const job = pair.value as YamlNode | null;
    const uses = getPair(job, 'uses');
    if (uses) units.push({ from: nodeLine(base, uses.key), to: nodeEndLine(base, uses.value) });
    const steps = get(job, 'steps');
    if (isSeq(steps)) for (const step of steps.items) units.push({ from: nodeLine(base, step), to: nodeEndLine(base, step) });
  }
  if (units.length === 0) return false;
  return units.every(({ from, to }) => {
    for (let line = from; line <= to; line++) if (!removed.has(line)) return false;
    return true;
  });
}

/** How many of the repository's own composite actions repositoryActions reads. */
const MAX_LOCAL_ACTIONS = 12;

/**
 * The action references (usesKey) the workflows of the base already run: an action another workflow
 * runs at the same ref is one the repository already trusts, so a workflow the change adds that reuses
 * it (a new workflow is mostly put together from the repository's existing steps) adds no new third
 * party and no new ref. So does an existing workflow that already ran unpinned actions and gains one: its
 * secrets already go to moving refs. So does an existing workflow that pinned nothing to a SHA and gains a
 * third party's action on a release tag another workflow runs (see WorkflowTrust.reuseTags). An existing
 * workflow that pinned by SHA, or one that gains a branch, is still reported: a new kind of exposure for it. Read once per review, and only when a reference would
 * otherwise be reported: the App lists the folder in one query. Null-safe: a source that cannot list trusts nothing.
 */
async function repositoryActions(ctx: CheckContext, policy: Policy): Promise<ReadonlySet<string>> {
  const keys = new Set<string>();
  const local = new Set<string>();
  const add = (yaml: YamlFile | null) => {
    for (const use of yaml ? actionUses(yaml) : []) {
      const ref = parseActionReference(use.uses);
      if (ref?.kind === 'local') local.add(ref.path.replace(/^\.\//, '').replace(/\/+$/, ''));
      for (const key of [usesKey(use.uses), repositoryKey(use.uses)]) if (key) keys.add(key);
    }
  };
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'base')) ?? []) {
    if (isYaml(path)) add(await ctx.yaml(path, 'base'));
  }
  // The repository's own composite actions those workflows run (`uses: ./.github/actions/build-push-container`): the
  // actions their steps run are run by the workflows too, with the same secrets (bcgov's `docker/login-action@v3`).
  for (const dir of [...local].slice(0, MAX_LOCAL_ACTIONS)) {
    for (const name of ['action.yml', 'action.yaml']) {
      const yaml = await ctx.yaml(repoJoin(dir, name), 'base');
      if (yaml) {
        add(yaml);
        break;
      }
    }
  }
  // An action another workflow of the change moves to a new ref, one that workflow already ran unpinned (a
  // bump, not reported there), is trusted at the new ref too: a workflow that takes it up at that ref follows
  // the bump. A pin the change drops (a SHA turned into a tag) vouches for nothing.
  for (const file of ctx.files()) {
    if ((file.status !== 'modified' && file.status !== 'renamed') || repoDir(file.path) !== WORKFLOWS_FOLDER || !isYaml(file.path)) continue;
    const [before, after] = await Promise.all([ctx.yaml(file.previousPath ?? file.path, 'base'), ctx.yaml(file.path)]);
    if (!before || !after) continue;
    const ran = new Set(actionUses(before).filter((use) => actionProblem(use.uses, policy)).map((use) => actionTarget(use.uses)));
    for (const use of actionUses(after)) {
      if (!ran.has(actionTarget(use.uses))) continue;
      for (const key of [usesKey(use.uses), repositoryKey(use.uses)]) if (key) keys.add(key);
    }
  }
  return keys;
}

/**
 * How a step action of the repository owner's organisation runs, as ownerActionRefs records it: `branch:<ref>`
 * for a branch (`fluxcd/pkg/actions/yq@main` in `fluxcd/flux2-kustomize-helm-example` gives `branch:main`),
 * `tag` for a release tag; undefined for any other action or reference (no ref, a short SHA, another owner,
 * or an owner the front end does not know). `messageId` is what actionProblem said of the reference.
 */
function ownerWay(uses: string, messageId: MessageId | null, policy: Policy): string | undefined {
  const ref = parseActionReference(uses);
  if (policy.ownOwner === undefined || ref?.kind !== 'repository' || ref.owner.toLowerCase() !== policy.ownOwner || !ref.ref) return undefined;
  if (messageId === 'action-branch') return `branch:${ref.ref.toLowerCase()}`;
  return messageId === 'action-tag' ? 'tag' : undefined;
}

/**
 * The ways the base's workflows run step actions of the repository owner's organisation (see ownerWay): a
 * branch they run them from (`branch:main`), and `tag` when they run them from a tag or a branch. The first
 * use of the organisation's actions on a moving ref is a trust decision worth a line in review; once the
 * repository's workflows run them that way, another action of the same organisation at that ref (a new
 * `fluxcd/flux-schema/actions/validate@main` beside `fluxcd/flux2/action@main`) is the organisation's own
 * code, moved by the people who own this repository, not a new party. Read once per review, with the same
 * reads as repositoryActions.
 */
async function ownerActionRefs(ctx: CheckContext, policy: Policy): Promise<ReadonlySet<string>> {
  const ways = new Set<string>();
  if (policy.ownOwner === undefined) return ways;
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'base')) ?? []) {
    if (!isYaml(path)) continue;
    const yaml = await ctx.yaml(path, 'base');
    for (const use of yaml ? actionUses(yaml) : []) {
      if (use.where !== 'step') continue;
      const way = ownerWay(use.uses, actionProblem(use.uses, policy), policy);
      if (way) ways.add(way).add('tag');
    }
  }
  return ways;
}

/**
 * Actions the change moves to a new ref in every workflow of the base that ran them unpinned
 * (`act10ns/slack@v1` to `@v2` in each of them), as references at the new ref (usesKey): a repository-wide
 * update of the action, which this check does not report (a bump makes nothing worse). A workflow of the
 * change that takes the action up at that ref follows the same decision, whatever it ran before. An action a
 * workflow the change leaves alone still runs at the old ref, or one a workflow runs at two refs after the
 * change, is not swept. Read once per review, with the same reads as repositoryActions.
 */
async function sweptActions(ctx: CheckContext, policy: Policy): Promise<ReadonlySet<string>> {
  const runs = new Map<string, { refs: Set<string>; old: Set<string> }>();
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'base')) ?? []) {
    if (!isYaml(path)) continue;
    const base = await ctx.yaml(path, 'base');
    const unpinned = (base ? actionUses(base) : []).filter((use) => actionProblem(use.uses, policy));
    if (unpinned.length === 0) continue;
    const file = ctx.files('workflow').find((f) => (f.previousPath ?? f.path) === path);
    const head = file && file.status !== 'removed' ? await ctx.yaml(file.path) : null;
    for (const use of unpinned) {
      const target = actionTarget(use.uses);
      if (!target) continue;
      const entry = runs.get(target) ?? { refs: new Set<string>(), old: new Set<string>() };
      runs.set(target, entry);
      entry.old.add(usesKey(use.uses) ?? '');
      // A workflow the change leaves alone (or deletes) keeps the old ref: no sweep.
      if (!head) entry.refs.add(usesKey(use.uses) ?? '');
      for (const after of head ? actionUses(head) : []) if (actionTarget(after.uses) === target) entry.refs.add(usesKey(after.uses) ?? '');
    }
  }
  const swept = new Set<string>();
  for (const { refs, old } of runs.values()) {
    const [only] = refs;
    if (refs.size === 1 && only && !old.has(only)) swept.add(only);
  }
  return swept;
}

/**
 * Whether a workflow of the base that runs on pull requests (`on: [push, pull_request]`) runs a third party's
 * action on a release tag (`gradle/wrapper-validation-action@v3` in `ci.yml`): the repository's pull-request CI
 * trusts tags, so SHA pins are not its convention there. A tag only a release workflow runs does not count. Read
 * once per review, with the same reads as repositoryActions, and only for a reference of a read-only
 * pull_request workflow.
 */
async function pullRequestsRunTags(ctx: CheckContext, policy: Policy): Promise<boolean> {
  for (const path of (await ctx.list(WORKFLOWS_FOLDER, 'base')) ?? []) {
    if (!isYaml(path)) continue;
    const yaml = await ctx.yaml(path, 'base');
    if (yaml && workflowEvents(yaml).includes('pull_request') && actionUses(yaml).some((use) => actionProblem(use.uses, policy) === 'action-tag')) return true;
  }
  return false;
}

/** Whether a workflow runs any action pinned to a full commit SHA: its convention is pins. */
const pinsAny = (file: YamlFile): boolean =>
  actionUses(file).some((use) => {
    const ref = parseActionReference(use.uses);
    return ref?.kind === 'repository' && isCommitSha(ref.ref ?? '');
  });

/**
 * True when a reusable workflow reference names a workflow this repository holds at the same path and
 * that can be called (`on: workflow_call`): the repository calling itself by its full name
 * (`frappe/frappe_docker/.github/workflows/build.yml@main`) runs code it reviews in its own pull requests.
 */
async function isOwnReusableWorkflow(ctx: CheckContext, uses: string): Promise<boolean> {
  const ref = parseActionReference(uses);
  if (!ref || ref.kind !== 'repository' || !REUSABLE_WORKFLOW_PATH.test(ref.path)) return false;
  const text = await ctx.text(ref.path);
  return text !== null && /^\s*workflow_call\s*:|^on\s*:\s*\[?[^\n#]*\bworkflow_call\b/m.test(text);
}

/** GitHub runs the workflows of `.github/workflows/` at the repository root only; a vendored tree's never run. */
const isRunnableWorkflowPath = (path: string) => !/\/\.github\/workflows\//.test(`/${path}`) || /^\.github\/workflows\//.test(path);

/**
 * What the base's workflows already run, read once per review and only when a reference would otherwise be
 * reported: `reuse` is set when the workflow may take up what other workflows run at the same ref (a new or
 * rewritten workflow, or one that already ran unpinned actions; see repositoryActions); `swept` holds the
 * references of actions the change moves to a new ref in every workflow that ran them (see sweptActions);
 * `ownerRefs` the ways the base runs actions of the repository owner's organisation (see ownerActionRefs).
 */
interface WorkflowTrust {
  reuse: boolean;
  /**
   * Set for an existing workflow that pinned nothing to a SHA (GitHub's own actions on tags, or no action):
   * it may take up a third-party action on a release tag another workflow already runs at that tag.
   */
  reuseTags: boolean;
  trusted: () => Promise<ReadonlySet<string>>;
  swept: () => Promise<ReadonlySet<string>>;
  ownerRefs: () => Promise<ReadonlySet<string>>;
  /**
   * Set for a workflow that runs on pull_request alone, with read-only permissions, no secret and no SHA pin (nor
   * one in its base): a third party's action on a release tag there is not reported when the repository's
   * pull-request workflows already run such tags (tagsRun, see pullRequestsRunTags).
   */
  readOnlyPullRequest?: boolean;
  tagsRun?: () => Promise<boolean>;
}

async function checkWorkflow(ctx: CheckContext, path: string, file: YamlFile, policy: Policy, known: ReadonlySet<string>, trust?: WorkflowTrust, branchesBefore: ReadonlySet<string> = new Set(), replacedOwners: ReadonlyMap<string, number> = new Map()): Promise<Draft[]> {
  const out: Draft[] = [];
  const replaced = new Map(replacedOwners);
  for (const use of actionUses(file)) {
    const messageId = actionProblem(use.uses, policy);
    const ref = parseActionReference(use.uses);
    if (!messageId || !ref || ref.kind === 'local') continue;
    if (known.has(actionTarget(use.uses) ?? '')) continue;
    // The workflow ran this action on a branch and now runs it on a release tag (under its new organisation, too:
    // `diddlesnaps/snapcraft-multiarch-action@master` to `canonical/snapcraft-multiarch-action@v1`): the reference got tighter.
    if (messageId === 'action-tag' && branchesBefore.has(actionName(use.uses) ?? '')) continue;
    // Only a reference on a new line can be reported: the other workflows are read for nothing else.
    if (!ctx.isNew(path, use.line)) continue;
    // An action put in place of another of the same owner the change takes out of this workflow (`gradle/gradle-build-action@v2`
    // replaced by its successor `gradle/actions/setup-gradle@v3`): the workflow already ran that owner's code on a moving ref.
    const owner = ref.kind === 'docker' ? undefined : ref.owner.toLowerCase();
    if (messageId === 'action-tag' && use.where === 'step' && owner && (replaced.get(owner) ?? 0) > 0) {
      replaced.set(owner, replaced.get(owner)! - 1);
      continue;
    }
    // An action of the vendor whose install script the change stops piping to a shell in this workflow (above).
    if (ref.kind === 'repository' && use.where === 'step' && owner) {
      const script = [`script:owner:${owner}`, ...[owner, ...ref.repo.toLowerCase().split(/[-_.]/)].map((w) => `script:host:${w}`)].find((k) => (replaced.get(k) ?? 0) > 0);
      if (script) {
        replaced.set(script, replaced.get(script)! - 1);
        continue;
      }
    }
    if (use.where === 'job' && (await isOwnReusableWorkflow(ctx, use.uses))) continue;
    if (trust?.reuse && (await trust.trusted()).has(repositoryKey(use.uses) ?? usesKey(use.uses) ?? '')) continue;
    if (trust?.reuseTags && messageId === 'action-tag' && (await trust.trusted()).has(usesKey(use.uses) ?? '')) continue;
    // A pull_request-only job with a read-only token and no secret, in a repository whose pull-request CI runs tags.
    if (messageId === 'action-tag' && trust?.readOnlyPullRequest && (await trust.tagsRun?.())) continue;
    // An action the change moves to a new ref in every workflow that ran it, taken up at that ref here too.
    if (trust && (await trust.swept()).has(usesKey(use.uses) ?? '')) continue;
    // An action of the repository owner's organisation, run the way the base's workflows already run the owner's actions.
    const way = trust && use.where === 'step' ? ownerWay(use.uses, messageId, policy) : undefined;
    if (trust && way && (await trust.ownerRefs()).has(way)) continue;
    const base = { path, line: use.line, title: TITLE_ACTION, messageId };
    if (ref.kind === 'docker') {
      const name = parseImageReference(ref.image).name;
      out.push({
        ...base,
        data: { uses: use.uses },
        remediation: [
          'Pin the image by digest:',
          '',
          fence('yaml', `uses: docker://${name}@sha256:<digest>`),
          '',
          `${code(`docker buildx imagetools inspect ${ref.image}`)} prints the digest.`,
        ].join('\n'),
        key: `action:docker:${name}`,
      });
      continue;
    }
    const target = [ref.owner, ref.repo, ref.path].filter(Boolean).join('/');
    out.push({
      ...base,
      data: { action: target, ref: ref.ref ?? '', kind: use.where === 'job' ? 'reusable workflow' : 'action' },
      remediation: actionRemediation(target, ref.ref),
      key: `action:${target.toLowerCase()}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cheap pre-filters on the added lines, so YAML is parsed only when a finding is possible.

const VALUE_AFTER = { image: /(?:^|[\s{,"'-])image["']?\s*:\s*(.*)$/, uses: /(?:^|[\s{,"'-])uses["']?\s*:\s*(.*)$/ };

/** The scalar written after `image:` / `uses:` on a line (quotes removed), '' when the value is not on the line, or null without the key. */
function inlineValue(line: string, key: 'image' | 'uses'): string | null {
  if (!line.includes(key)) return null;
  const m = VALUE_AFTER[key].exec(line);
  if (!m) return null;
  return m[1]!.replace(/\s+#.*$/, '').replace(/[,}\]]+\s*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** True when some added line sets `image:` to something that is not plainly pinned (or that a line alone cannot tell). */
function addsQuestionableImage(file: ChangedFile, policy: Policy): boolean {
  return file.added.some((l) => {
    const value = inlineValue(l.text, 'image');
    if (value === null) return false;
    return !/^[\w./:@-]+$/.test(value) || imageProblem(value, policy) !== null;
  });
}

/** True when some added line has a `uses:` that may not be pinned. */
function addsQuestionableAction(file: ChangedFile, policy: Policy): boolean {
  return file.added.some((l) => {
    const value = inlineValue(l.text, 'uses');
    if (value === null) return false;
    return !/^[\w./:@-]+$/.test(value) || actionProblem(value, policy) !== null;
  });
}

// ---------------------------------------------------------------------------------------------

type FileKind = 'requirements' | 'python-manifest' | 'cargo' | 'package-json' | 'dockerfile' | 'compose' | 'workflow' | 'kubernetes' | 'helm-values' | 'helm-template';

/** Helm values files: `values.yaml`, and the variants charts and deployments keep beside it (`values-prod.yaml`, `values.production.yaml`). */
const HELM_VALUES = /^values(?:[-.][\w.-]+)?\.ya?ml$/i;

function fileKind(path: string): FileKind | null {
  const name = basename(path);
  if (isRequirementsFile(path)) return 'requirements';
  if (name === 'pyproject.toml' || name === 'Pipfile') return 'python-manifest';
  if (name === 'package.json') return 'package-json';
  if (name === 'Cargo.toml') return 'cargo';
  if (isDockerfile(path)) return 'dockerfile';
  if (isComposeFile(path)) return 'compose';
  if (isGitHubWorkflow(path)) return 'workflow';
  if (HELM_VALUES.test(name)) return 'helm-values';
  if (HELM_TEMPLATE.test(path)) return 'helm-template';
  if (isYaml(path) || /\.json$/i.test(path)) return 'kubernetes';
  return null;
}

/**
 * One finding per reference a file pulls unpinned: the same image on several lines (three compose services on
 * `acme/app:latest`, two stages `FROM wolfi-base`), or the same action at the same ref on several steps
 * (`pnpm/action-setup@v4` in each job of a workflow), is one decision to pin it, reported on its first line with
 * the other lines named, as the secrets check names the other lines of one secret. Another file of the change
 * that pulls it is reported on its own: a Kubernetes manifest and a Swarm stack are deployed apart, and each
 * workflow is reviewed apart.
 */
function onePerReference(drafts: Draft[]): Draft[] {
  const reference = (d: Draft): string | undefined => {
    if (d.messageId === 'image') return `image\0${String(d.data?.image)}`;
    if (d.title !== TITLE_ACTION) return undefined;
    return `action\0${d.messageId}\0${String(d.data?.uses ?? `${String(d.data?.action)}@${String(d.data?.ref)}`).toLowerCase()}`;
  };
  const key = (d: Draft, ref: string) => `${d.path}\0${ref}`;
  const lines = new Map<string, number[]>();
  for (const d of drafts) {
    const ref = reference(d);
    if (ref) lines.set(key(d, ref), [...(lines.get(key(d, ref)) ?? []), d.line]);
  }
  return drafts.flatMap((d) => {
    const ref = reference(d);
    if (!ref) return [d];
    const [first, ...others] = [...new Set(lines.get(key(d, ref)))].sort((a, b) => a - b);
    if (d.line !== first) return [];
    if (others.length === 0) return [d];
    const what = d.messageId === 'image' ? 'image' : d.data?.kind === 'reusable workflow' ? 'reusable workflow' : 'action';
    return [{ ...d, remediation: `${String(d.remediation ?? '')}\n\nThe same ${what} is also on ${linesInProse(others)} of this file: pin it there too.`, related: others.map((line) => ({ path: d.path, line })) }];
  });
}

/**
 * One finding per `pip install` command: the loose packages one `RUN` installs (`pip install httpx structlog
 * pydantic`) are one line to fix, so they are said together on the instruction's line, as a reviewer would write
 * one comment naming them, not one per package.
 */
function onePerInstall(drafts: Draft[]): Draft[] {
  const key = (d: Draft) => `${d.path}\0${d.line}`;
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) if (d.messageId === 'pip-install') groups.set(key(d), [...(groups.get(key(d)) ?? []), d]);
  return drafts.flatMap((d) => {
    if (d.messageId !== 'pip-install') return [d];
    const group = groups.get(key(d))!;
    if (group.length === 1) return [d];
    if (group[0] !== d) return [];
    const names = group.map((g) => String(g.data?.name ?? ''));
    return [
      {
        ...d,
        endLine: Math.max(...group.map((g) => g.endLine ?? g.line)),
        messageId: 'pip-install-many',
        data: { names: listInProse(names.map(code)), count: String(names.length) },
        remediation: [
          'Pin them in the command, or install from a pinned requirements file:',
          '',
          fence('dockerfile', `RUN pip install --no-cache-dir ${names.map((n) => `${n}==<version>`).join(' ')}`),
          '',
          fence('dockerfile', 'COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt'),
          '',
          `${code(`pip freeze`)} prints the versions you have tested with.`,
        ].join('\n'),
        key: `pip-install:${group.map((g) => g.key).join('+')}`,
      },
    ];
  });
}

/** Makes keys unique within a file (`#2`, `#3`) so two references to the same thing keep their own fingerprints. */
function numberRepeats(findings: Draft[]): Draft[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.key) ?? 0) + 1;
    seen.set(f.key, n);
    return n === 1 ? f : { ...f, key: `${f.key}#${n}` };
  });
}

const MESSAGES = {
  'requirement-loose': '`{{name}}` is {{how}}: each install can resolve a different release, so builds are not reproducible and a broken or compromised release ships unreviewed.',
  'requirement-vcs': '`{{name}}` is installed from version control {{where}}: the code it installs can change without any change to this repository.',
  'requirement-url': '`{{name}}` is downloaded from a URL without a hash: whatever the server returns is installed, unverified.',
  'manifest-loose': '`{{name}}` in {{section}} is {{how}}, and no lockfile (poetry.lock, uv.lock, pdm.lock, Pipfile.lock) pins it: each install can resolve a different release.',
  'cargo-git': '`{{name}}` in {{section}} is taken from git {{how}}: `cargo update` follows whatever it points to, so the code built can change without any change to this repository.',
  'npm-loose': '`{{name}}` in {{group}} accepts {{how}}: installs without the lockfile (or after `npm update`) can pull a breaking or compromised release.',
  image: '`{{image}}` {{how}}: the image behind it changes when a new version is pushed, so deploys are not reproducible and cannot be rolled back to the same bytes.',
  'pip-install': '`pip install` of `{{name}}` is {{how}}: every image build can install a different release, so two builds of the same commit differ.',
  'pip-install-many': '`pip install` of {{names}} pins none of these {{count}} packages to one release: every image build can install different releases, so two builds of the same commit differ.',
  'npm-global': '`{{command}}` installs `{{name}}` {{how}}: every image build can install a different release of a tool the image runs, so two builds of the same commit differ.',
  'action-branch': 'The {{kind}} `{{action}}` runs from `{{ref}}`, a branch that changes with every push to it: your workflow runs code you have not reviewed, with its secrets.',
  'action-tag': 'The third-party {{kind}} `{{action}}` is pinned to the tag `{{ref}}`, which its owner (or anyone who takes over the repository) can move: pin the commit SHA.',
  'action-short-sha': 'The {{kind}} `{{action}}` is pinned to the abbreviated SHA `{{ref}}`; only a full-length commit SHA is immutable.',
  'action-docker': '`{{uses}}` runs a container image by tag, which can be replaced: pin it by digest.',
};

type MessageId = keyof typeof MESSAGES;
type Draft = FindingDraft<MessageId>;

export default defineCheck({
  id: 'unpinned-dependency',
  title: 'Unpinned dependency',
  severity: 'warning',
  scope: 'line',
  acrossFiles: 'message',
  roles: ['production', 'ci'],
  messages: MESSAGES,

  remediation: 'Pin the dependency to an exact version (`name==1.2.3`), a full commit SHA, or an image digest, and commit a lockfile where the ecosystem has one.',
  defaultOptions: { require_digest: false, trusted_action_owners: FIRST_PARTY_ACTION_OWNERS },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      require_digest: { type: 'boolean', description: 'Require an image digest (@sha256:…) even when an explicit version tag is given (default false).' },
      trusted_action_owners: {
        type: 'array',
        items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$' },
        description: 'GitHub Actions owners whose release tags are trusted; every other action must be pinned to a full commit SHA (default [actions, github]).',
      },
    },
  },
  async run(ctx, options: UnpinnedOptions) {
    const policy = policyOf(options, ctx.repository?.owner);
    const findings: Draft[] = [];
    const errors: ReviewError[] = [];
    let knownActions: ((path: string) => WorkflowBefore) | undefined;
    let trustedActions: Promise<ReadonlySet<string>> | undefined;
    const trusted = () => (trustedActions ??= repositoryActions(ctx, policy));
    let sweptRefs: Promise<ReadonlySet<string>> | undefined;
    const swept = () => (sweptRefs ??= sweptActions(ctx, policy));
    let ownerActions: Promise<ReadonlySet<string>> | undefined;
    const ownerRefs = () => (ownerActions ??= ownerActionRefs(ctx, policy));
    let thirdPartyTags: Promise<boolean> | undefined;
    const tagsRun = () => (thirdPartyTags ??= pullRequestsRunTags(ctx, policy));
    let skaffoldImages: ReadonlySet<string> | undefined;
    let localImages: Promise<Set<string>> | undefined;
    // An image the repository builds on the machine and never publishes (`image: deb6:latest` beside the service
    // that builds `deb6`, `docker build -t deb6 .`): its tag names that local build, not a registry tag that moves.
    const withoutLocalBuilds = async (drafts: Draft[]): Promise<Draft[]> => {
      // An image on the machine's own registry (`FROM localhost/crunchy-postgres:latest`, podman's name for a local
      // build; `localhost:5000/app`) is one the project's build just made or pushed there, never pulled from afar.
      // So is one whose name or tag says it is a local build (`image: faraday-local`, `acme/app:local`): no registry publishes that name.
      drafts = drafts.filter((d) => d.messageId !== 'image' || !(LOCAL_REGISTRY.test(String(d.data?.image ?? '').trim()) || localBuildName(String(d.data?.image ?? ''))));
      const images = drafts.filter((d) => d.messageId === 'image').map((d) => String(d.data?.image ?? ''));
      if (images.length === 0) return drafts;
      const local = await (localImages ??= locallyBuiltImages(ctx).then(async (names) => {
        // A bare image name that is the repository's own (`image: writefreely` in writefreely/writefreely) names
        // the image built from its Dockerfile: Docker Hub's bare names are official images, which a project's
        // own build is not published as.
        const own = ctx.repository?.name.toLowerCase();
        if (own && !own.includes('.') && (ctx.files().some((f) => isDockerfile(f.path)) || (await ctx.text('Dockerfile')) !== null)) names.add(own);
        return names;
      }));
      return local.size === 0 ? drafts : drafts.filter((d) => d.messageId !== 'image' || !local.has(parseImageReference(String(d.data?.image ?? '').toLowerCase()).name));
    };
    for (const file of ctx.files()) {
      if (file.problem || file.added.length === 0 || isVendored(file.path)) continue;
      let kind = fileKind(file.path);
      if (!kind) continue;
      // Workflows are CI by nature and their actions run with the repository's secrets; other files in CI
      // folders (`.ci/compose.yaml`) set up throwaway test stacks.
      if (kind !== 'workflow' && (await ctx.role(file.path)).role !== 'production') continue;
      const text = await ctx.text(file.path);
      if (text === null) continue;
      const yaml = async () => (await ctx.yaml(file.path)) ?? parseYaml('');
      // A compose file by another name (`rtcstats.yml`, an overlay run with `docker compose -f`): its images are pulled as a compose file's are.
      if ((kind === 'kubernetes' || kind === 'helm-template') && isYaml(file.path) && TOP_LEVEL_SERVICES.test(text) && hasComposeServices(await yaml())) kind = 'compose';
      let drafts: Draft[] = [];
      switch (kind) {
        case 'requirements': {
          // The requirements of a documentation build (`requirements/docs.txt`, `requirements-docs.txt`) build the docs site, and a CI
          // service's (`requirements/jenkins.txt`) set up its test jobs: not what is deployed.
          if (notDeployedRequirements(file.path)) break;
          drafts = checkRequirementsFile(file.path, text);
          // A developer's tool (a test runner, linter, formatter or type checker) the service never imports: a newer release
          // changes nothing the deployment runs (featbit's `pytest` in a module's requirements.txt).
          drafts = drafts.filter((d) => d.messageId !== 'requirement-loose' || !DEVELOPER_TOOL.test(normaliseProjectName(String(d.data?.name ?? ''))));
          // A constraints file (`constraints.txt`, what `pip install -c` reads) installs nothing: its ranges cap what other files install.
          if (CONSTRAINTS_FILE.test(basename(file.path))) drafts = drafts.filter((d) => d.messageId !== 'requirement-loose');
          // A range the project's own manifest beside the file already declared, written the same way (`flask>=2.2` in the
          // base's pyproject.toml, copied into a requirements.txt kept in step with it): the project depended on it so already.
          if (drafts.some((d) => d.messageId === 'requirement-loose')) {
            const declared = await declaredBeside(ctx, file.path);
            if (declared.size > 0) {
              const specs = new Map(parseRequirementsFile(text).flatMap((e) => (e.kind === 'requirement' && e.requirement.name ? [[e.line, specKey(e.requirement)] as const] : [])));
              drafts = drafts.filter((d) => d.messageId !== 'requirement-loose' || !declared.has(specs.get(d.line) ?? ''));
            }
          }
          // A requirement the base already left unpinned (its lower bound raised, a marker added) is not made worse.
          const baseText = drafts.length && file.status !== 'added' && file.status !== 'copied' ? await ctx.text(file.previousPath ?? file.path, 'base') : null;
          if (baseText !== null) {
            const loose = checkRequirementsFile(file.path, baseText);
            const before = new Set(loose.map((d) => `${d.messageId}:${d.key}`));
            drafts = drafts.filter((d) => !before.has(`${d.messageId}:${d.key}`));
            // A file that pinned none of its requirements (three or more, all with open ranges) keeps them open by
            // design, a library's or a developer environment's list: one more open range follows its convention.
            if (unpinnedByDesign(baseText, loose)) drafts = drafts.filter((d) => d.messageId !== 'requirement-loose');
          }
          break;
        }
        case 'python-manifest':
          drafts = await checkPythonManifest(ctx, file, text, errors);
          break;
        case 'cargo':
          drafts = await checkCargoManifest(ctx, file, text, policy);
          break;
        case 'package-json': {
          let locked: Promise<boolean> | undefined;
          drafts = await checkPackageJson(file.path, await yaml(), () => (locked ??= hasLockfile(ctx, file.path, NPM_LOCKFILES)));
          if (drafts.length) {
            const workspaces = await workspacePackages(ctx, drafts.map((d) => String(d.data?.name ?? '')));
            drafts = drafts.filter((d) => !workspaces.has(String(d.data?.name ?? '')));
          }
          if (drafts.length && !newFile(file)) {
            // A git dependency the manifest's base already took from a moving ref of the same repository (`#main` to `#vite-support`).
            const baseText = await ctx.text(file.previousPath ?? file.path, 'base');
            const floating = baseText === null ? new Map<string, string>() : floatingGitDependencies(parseYaml(baseText));
            const head = floatingGitDependencies(await yaml());
            const key = (d: Draft) => `${String(d.data?.group)}\0${String(d.data?.name)}`;
            drafts = drafts.filter((d) => !(floating.has(key(d)) && floating.get(key(d)) === head.get(key(d))));
          }
          break;
        }
        case 'dockerfile': {
          const fromArgs = new Map<Draft, string[]>();
          drafts = await withoutOldProblems(ctx, file, kind, await withoutLocalBuilds(checkDockerfile(file.path, text, (await ctx.dockerfile(file.path))!, policy, fromArgs)), policy);
          // A new or edited Dockerfile on a floating image another production Dockerfile of the base already floats on;
          // not an image the edited file's own base named with a version, whose pin the change drops.
          if (drafts.some(floatsOnMovingTag)) {
            const ownBase = newFile(file) ? null : await ctx.text(file.previousPath ?? file.path, 'base');
            const pinned = new Set(ownBase === null ? [] : checkDockerfile(file.path, ownBase, parseDockerfile(ownBase), { ...policy, everyImage: true }).filter((d) => !floatsOnMovingTag(d)).map(imageOf));
            const floating = await floatingBaseImages(ctx, file.path, policy);
            drafts = drafts.filter((d) => !(floatsOnMovingTag(d) && floating.has(imageOf(d)) && !pinned.has(imageOf(d))));
          }
          for (const draft of drafts) {
            const names = fromArgs.get(draft);
            if (names && ctx.isNew(file.path, draft.line, draft.endLine) && (await everyBuildSets(ctx, file.path, names))) drafts = drafts.filter((d) => d !== draft);
          }
          break;
        }
        case 'compose':
          if (addsQuestionableImage(file, policy)) drafts = await withoutOldProblems(ctx, file, kind, await withoutLocalBuilds(checkCompose(file.path, await yaml(), policy, await composeVariables(ctx, file.path, text))), policy);
          // A new compose file that pulls an image the way a production compose file beside it or above it already did.
          if (newFile(file) && drafts.some((d) => d.messageId === 'image')) {
            const before = await composeImagesBefore(ctx, file.path, policy);
            drafts = drafts.filter((d) => d.messageId !== 'image' || !(before.refs.has(String(d.data?.image ?? '')) || (floatsOnMovingTag(d) && before.images.has(imageOf(d)))));
          }
          break;
        case 'workflow':
          if (isRunnableWorkflowPath(file.path) && addsQuestionableAction(file, policy)) {
            const before = (knownActions ??= await unpinnedBefore(ctx, policy))(file.path);
            // A new workflow, or one that already ran unpinned actions, may reuse what the repository's other workflows run at the same ref.
            const reuse = newFile(file) || before.ranUnpinned || (await rewrittenWorkflow(ctx, file));
            const head = await yaml();
            const readOnlyPullRequest = !before.pinned && !pinsAny(head) && isReadOnlyPullRequestWorkflow(head, text);
            drafts = await checkWorkflow(ctx, file.path, head, policy, before.known, { reuse, reuseTags: !before.pinned, trusted, swept, ownerRefs, readOnlyPullRequest, tagsRun }, before.branches, before.replaced);
          }
          break;
        case 'helm-values': {
          // An image written whole under an image key (`connection_pooler_image: "…:latest"`) is read in a chart's values only.
          const chart = file.added.some((l) => IMAGE_LINE.test(l.text)) && (await ctx.text(repoJoin(repoDir(file.path), 'Chart.yaml'))) !== null;
          if (chart || file.added.some((l) => /\btag["']?\s*:/.test(l.text)) || (text.includes('apiVersion') && addsQuestionableImage(file, policy))) drafts = await withoutOldProblems(ctx, file, kind, helmValuesDrafts(file.path, text, await yaml(), policy, chart), policy);
          break;
        }
        case 'helm-template':
        case 'kubernetes': {
          // A `templates/` folder is a chart's only beside its `Chart.yaml`; elsewhere it is read as manifests.
          const template = kind === 'helm-template' && (await ctx.text(chartFile(file.path))) !== null;
          if ((template || text.includes('apiVersion')) && addsQuestionableImage(file, policy)) {
            const built = (skaffoldImages ??= await skaffoldArtifacts(ctx));
            const images = template ? checkHelmTemplate(file.path, text, policy) : checkKubernetes(file.path, await yaml(), policy);
            const kustomized = template ? new Set<string>() : await kustomizedImages(ctx, file.path);
            const rewritten = (d: Draft) => kustomized.has(parseImageReference(String(d.data?.image ?? '')).name);
            drafts = await withoutOldProblems(ctx, file, template ? 'helm-template' : 'kubernetes', images.filter((d) => !built.has(String(d.data?.image ?? '')) && !rewritten(d)), policy);
          }
          break;
        }
      }
      if ((kind === 'helm-values' || kind === 'helm-template' || kind === 'kubernetes') && newFile(file)) drafts = await withoutImagesElsewhere(ctx, file.path, drafts, DEPLOYED_ELSEWHERE);
      if (kind === 'compose' && newFile(file)) drafts = await withoutImagesElsewhere(ctx, file.path, drafts, PULLED_ELSEWHERE);
      findings.push(...numberRepeats(drafts));
    }
    return { findings: onePerInstall(onePerReference(findings)), errors };
  },
});
