// Reads what a review will need before its checks run, in as few requests as GitHub allows: the changed
// files, their bases where a check compares, and the neighbours checks look up, all in one turn so the
// blob reader packs them into large GraphQL batches; the git tree once, when it saves more than it costs.
import { VARIABLE_SETTING } from '../engine/compose-variables.js';
import { shorterPaths } from '../engine/copied-files.js';
import { BASE_SETTINGS, foldersUp, ownChartManifests, packageManifestsAbove, PLAIN_COMPOSE, PLAIN_DOCKERFILE, PRODUCTION_COMPOSE, PRODUCTION_DOCKERFILES, PRODUCTION_SETTINGS, README_NAMES, ROOT_BAKE_FILES, TILTFILE } from '../engine/file-role.js';
import { imageEvidencePaths, imageShipsByName } from '../engine/image-deployment.js';
import { chartManifestPaths, platformFilePaths } from '../engine/platform-health.js';
import { isPureRename, type ChangeSet, type ChangedFile } from '../model/change-set.js';
import { isOpenRegistrySpec, parseNpmSpec } from '../parse/package-json.js';
import { isExactPin, parseRequirement } from '../parse/requirements.js';
import { KEY_FOLDER_READMES, PEM_PRIVATE } from '../secrets/contextual.js';
import { INSTALL_SCRIPTS, NPM_LOCKFILES, PLAIN_COMPOSE_NAMES, PYTHON_LOCKFILES, PYTHON_PROJECT_MANIFESTS, WORKFLOWS_FOLDER, basename, isComposeFile, isDockerfile, isEnvFile, isJavaScript, isPython, isRequirementsFile, isYaml, repoDir, repoJoin } from '../parse/file-kinds.js';
import { FOLDER_BYTES, MAX_BLOB_ALIASES, MAX_QUERY_TEXT_BYTES, PROBE_BYTES, UNKNOWN_BLOB_BYTES, type GitHubBlobReader, type TreeBlob } from './blob-reader.js';
import type { GitHubApi } from './client.js';

/**
 * Neighbours checks look up, by what the changed file is. These copy names the checks use
 * (checks/unpinned-dependency.ts, checks/dev-server.ts, checks/healthcheck-missing.ts); file roles' own
 * come from src/engine/file-role.ts. A name missing here is still read, lazily, and counted as unplanned.
 */
const KUSTOMIZATIONS = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** A `FROM` of a bare name, no namespace, tag or digest (`FROM base`, `FROM base AS app`). */
const BARE_FROM = /^\s*FROM\s+(?:--\S+\s+)*[\w.-]+(?:\s+AS\s+\S+)?\s*$/i;
const RUN_CALL = /\.run(?:_server)?\s*\(|run_simple\s*\(|uvicorn\.run\s*\(/;


/**
 * A package.json line `"name": "spec"` whose specifier leaves the registry version open (`*`, `>=1`, a common
 * dist-tag such as `latest`). A line alone does not say which object it is in: other words (`"main": "index.js"`,
 * `"build": "tsc"`) read as dist-tags too, so only the usual tag names count; a rarer one is read lazily.
 */
function addsOpenNpmSpec(line: string): boolean {
  const m = /^\s*"[^"]+"\s*:\s*"([^"]*)"/.exec(line);
  if (!m) return false;
  const spec = parseNpmSpec(m[1]!);
  const target = spec.kind === 'alias' ? spec.target : spec;
  return target.kind === 'tag' ? COMMON_DIST_TAGS.test(target.tag) : isOpenRegistrySpec(target);
}
const COMMON_DIST_TAGS = /^(?:latest|next|canary|beta|alpha|rc|nightly|dev|experimental|insiders|stable)$/i;

/** A requirements line naming a registry package without an exact `==` pin (`flask>=2.2`, `requests`). */
function addsOpenRequirement(line: string): boolean {
  const req = parseRequirement(line.replace(/\s+#.*$/, '').trim());
  return req !== null && !!req.name && !req.url && !req.local && !isExactPin(req.clauses);
}


/** A line that can give a Dockerfile a finding about its image: a base, a user, a start command. */
const IMAGE_LINE = /^\s*(?:FROM|USER|CMD|ENTRYPOINT)\b/i;

/**
 * Whether a changed Dockerfile may get a finding about its image whose path alone does not show the image ships, so
 * the files that may show it are read ahead (image-deployment.ts): a new one, or one that gains such a line.
 */
function mayReportImage(file: ChangedFile): boolean {
  if (imageShipsByName(file.path)) return false;
  return file.status === 'added' || file.status === 'copied' || file.added.some((l) => IMAGE_LINE.test(l.text));
}

/** Head paths outside the change that checks may look up for `file`. */
export function neighboursOf(file: ChangedFile, repository?: string): string[] {
  const path = file.path;
  const name = basename(path);
  const dir = repoDir(path);
  const out: string[] = [];
  const beside = (names: readonly string[]) => names.forEach((n) => out.push(repoJoin(dir, n)));
  const above = (names: readonly string[]) => foldersUp(repoDir(path)).forEach((d) => names.forEach((n) => out.push(repoJoin(d, n))));
  if (name === 'pyproject.toml' || name === 'Pipfile') above(PYTHON_LOCKFILES);
  // A private key's folder README may say its files are examples not for production (the secrets check).
  if (dir !== '' && file.added.some((l) => PEM_PRIVATE.test(l.text))) beside(KEY_FOLDER_READMES);
  // A range a requirements file adds is compared with what the project's manifests beside it declare (unpinned-dependency).
  if (isRequirementsFile(path) && file.added.some((l) => addsOpenRequirement(l.text))) beside(PYTHON_PROJECT_MANIFESTS);
  // Only a dependency that leaves its version open is checked against a lockfile, and npm lockfiles are large.
  if (name === 'package.json' && file.added.some((l) => addsOpenNpmSpec(l.text))) above(NPM_LOCKFILES);
  if (isDockerfile(path)) {
    // The compose file that builds it gives its build context.
    above(PLAIN_COMPOSE_NAMES);
    // A root bake file may supply a `FROM` of a bare name as another target's output (`FROM base`, unpinned-dependency).
    if (file.added.some((l) => BARE_FROM.test(l.text))) out.push(...ROOT_BAKE_FILES);
    if (PLAIN_DOCKERFILE.test(name)) beside(PRODUCTION_DOCKERFILES);
    // A new `Dockerfile.<variant>` is compared with the plain one beside it (healthcheck-missing).
    else if ((file.status === 'added' || file.status === 'copied') && /^Dockerfile[.-]/.test(name)) beside(['Dockerfile']);
    // What shows its image ships, for findings about the image (see image-deployment.ts): files that build it, compose files above.
    if (mayReportImage(file)) out.push(...imageEvidencePaths(path));
    // A new Dockerfile without HEALTHCHECK may be health-checked by the platform that builds it (healthcheck-missing).
    if (file.status === 'added' || file.status === 'copied') out.push(...platformFilePaths(path));
    // …or run by Kubernetes from a chart of the repository's own whose workloads are probed (healthcheck-missing).
    if (file.status === 'added' || file.status === 'copied') out.push(...chartManifestPaths(path, repository));
  }
  // A new Dockerfile or compose file with findings is looked for in the base under fewer leading folders, as a copy (copied-files).
  if ((file.status === 'added' || file.status === 'copied') && (isDockerfile(path) || isComposeFile(path))) out.push(...shorterPaths(path));
  if (isEnvFile(path)) {
    // Foreman loads the `.env` beside a Procfile; a file the repository ignores was added past it (env-file-committed).
    if (name === '.env') beside(['Procfile']);
    beside(['.gitignore']);
    out.push('.gitignore');
  }
  if (isComposeFile(path)) {
    beside(['Dockerfile']);
    // A service running the repository's own image by name gets the root Dockerfile's HEALTHCHECK (healthcheck-removed).
    out.push('Dockerfile');
    if (PLAIN_COMPOSE.test(name)) beside(PRODUCTION_COMPOSE);
    // A build path or image that takes a variable is resolved from the `.env` beside the file (src/engine/compose-variables.ts).
    if (file.added.some((l) => VARIABLE_SETTING.test(l.text))) beside(['.env']);
    // A README in its folder may start it only under a local-run heading (file roles' readmeLocalRun); the root's are planned with the roles.
    if (dir !== '') beside(README_NAMES);
    // The root Tiltfile may start it as the local stack (file roles' tiltStack).
    out.push(TILTFILE);
    // A README above it may run it over a deployed compose file (insecure-default-secret's overlaysDeployedCompose).
    above(['README.md', 'readme.md', 'Readme.md']);
    // The project's installer beside it may start it as shipped (insecure-default-secret's startedByInstallScript).
    beside(INSTALL_SCRIPTS);
    // A root compose file that builds the image is local when the repository deploys with a chart of its own (file roles' chartDeployedRepository).
    if (dir === '' && repository) out.push(...ownChartManifests(repository));
  }
  // A Kubernetes manifest may be a kustomize patch, left out of a kustomization above it, or have its images rewritten
  // there (not GitHub's own files, nor compose files): its folder and up to three above (file roles, unpinned-dependency).
  if (isYaml(path) && !isComposeFile(path) && !path.startsWith('.github/')) foldersUp(repoDir(path)).slice(0, 4).forEach((d) => KUSTOMIZATIONS.forEach((n) => out.push(repoJoin(d, n))));
  if (BASE_SETTINGS.test(path)) beside(PRODUCTION_SETTINGS);
  // A module whose change adds a run call: the Dockerfile or compose file above it may start it.
  if (isPython(path) && file.added.some((l) => RUN_CALL.test(l.text))) above(['Dockerfile', ...PLAIN_COMPOSE_NAMES]);
  return out;
}

/**
 * Head paths the role of a file the change deletes looks up (see removedFileRoles): the production file
 * beside a plain compose file, Dockerfile or base settings module. The deleted file itself comes from its
 * patch, and the READMEs are planned with the roles.
 */
export function roleNeighboursOfRemoved(file: ChangedFile): string[] {
  const name = basename(file.path);
  const dir = repoDir(file.path);
  const names = PLAIN_COMPOSE.test(name) ? PRODUCTION_COMPOSE : PLAIN_DOCKERFILE.test(name) ? PRODUCTION_DOCKERFILES : BASE_SETTINGS.test(file.path) ? PRODUCTION_SETTINGS : [];
  return names.map((n) => repoJoin(dir, n));
}

/** `uses:` with a value that is neither a local action, nor pinned to a full SHA, nor GitHub's own (`actions/`, `github/`). */
const THIRD_PARTY_USES = /(?:^|[\s{,"'-])uses["']?\s*:\s*["']?(?!\.\/|actions\/|github\/)(?![^@\s"'#]*@[0-9a-f]{40}\b)\S/i;

/** A `USER` instruction naming someone other than root. */
const NON_ROOT_USER = /^\s*USER\s+(?!(?:root|0)(?::\S*)?\s*$)\S/i;

/** A `FROM` whose image takes a build argument (`FROM app:${TAG}`). */
const FROM_ARGUMENT = /^\s*FROM\s+(?:--\S+\s+)*\S*\$/i;

/**
 * Folders checks list for `file`, which unpinned-dependency reads: the workflows folder when a workflow the
 * change adds there has a `uses:` of a third party's action without a SHA (compared with the repository's
 * other workflows), when an existing workflow gains such an action (compared the same way when the workflow
 * already ran unpinned actions), or when a Dockerfile gains a `FROM` that takes a build argument (the workflows that
 * build it may set it).
 */
export function foldersListedFor(file: ChangedFile): string[] {
  if (isDockerfile(file.path)) {
    // The workflows that build it show its image ships (image-deployment.ts), unless its path already does.
    const out = file.added.some((l) => FROM_ARGUMENT.test(l.text)) || mayReportImage(file) ? [WORKFLOWS_FOLDER] : [];
    // A new Dockerfile that runs as root is compared with a rootless twin beside it (container-root-user's rootlessTwin).
    if ((file.status === 'added' || file.status === 'copied') && !file.added.some((l) => NON_ROOT_USER.test(l.text))) out.push(repoDir(file.path));
    return out;
  }
  if (repoDir(file.path) !== WORKFLOWS_FOLDER || !isYaml(file.path)) return [];
  if (file.status === 'added' || file.status === 'copied') return file.added.some((l) => THIRD_PARTY_USES.test(l.text)) ? [WORKFLOWS_FOLDER] : [];
  // An existing workflow gaining an action it did not name before (not a bump of one it had: its target is on a removed line).
  const removed = new Set(file.removed.map((l) => usesTarget(l.text)).filter(Boolean));
  return file.added.some((l) => THIRD_PARTY_USES.test(l.text) && !removed.has(usesTarget(l.text))) ? [WORKFLOWS_FOLDER] : [];
}

/** The action a `uses:` line names, without its ref (`docker/build-push-action`), lower-cased; '' for another line. */
const usesTarget = (line: string): string => /uses["']?\s*:\s*["']?([^@\s"'#]+)/i.exec(line)?.[1]?.toLowerCase() ?? '';

/** Kinds whose base some check compares with the head (healthcheck-removed, container-root-user, ...). */
const comparedKind = (path: string) => isDockerfile(path) || isYaml(path) || isPython(path) || isJavaScript(path);

export interface ReadPlan {
  /** Head paths: the changed files and the neighbours looked up. */
  head: string[];
  /** Base paths (previous paths of renamed files) of changed files a check compares. */
  base: string[];
  /** Of `head`, the neighbours that are not changed files. */
  neighbours: number;
  /** Folders listed at head, with the text of their files (see GitHubBlobReader.list). */
  lists: string[];
}

/**
 * What a review of `files` reads: every live changed file, the bases of compared kinds, the neighbours;
 * with `roles` (an enabled check is limited to some file roles), the root READMEs roles are read from.
 */
export function planReads(files: readonly ChangedFile[], options: { roles?: boolean; repository?: string } = {}): ReadPlan {
  const changed = new Set(files.filter((f) => f.status !== 'removed').map((f) => f.path));
  // A pure rename adds nothing, so no check reads it: neither its head nor its base is planned.
  const head = files.filter((f) => f.status !== 'removed' && !isPureRename(f)).map((f) => f.path);
  const base: string[] = [];
  const neighbours = new Set<string>();
  const lists = new Set<string>();
  for (const f of files) {
    if (f.status === 'removed' || f.problem || isPureRename(f)) continue;
    if ((f.status === 'modified' || f.status === 'renamed') && comparedKind(f.path)) base.push(f.previousPath ?? f.path);
    for (const n of neighboursOf(f, options.repository)) if (!changed.has(n)) neighbours.add(n);
    for (const d of foldersListedFor(f)) lists.add(d);
  }
  // Roles are decided for files with findings: with no file to read there can be none.
  if (options.roles && head.length > 0) {
    for (const n of README_NAMES) if (!changed.has(n)) neighbours.add(n);
    // A script or compose file of a workspace package takes its role from that package's manifest (file roles' workspacePackage).
    for (const path of head) if ((isJavaScript(path) || isYaml(path)) && !path.startsWith('.github/')) for (const m of packageManifestsAbove(path)) if (!changed.has(m)) neighbours.add(m);
    // A deleted file's role decides whether what moved out of it is new (see removedFileRoles).
    for (const f of files) if (f.status === 'removed' && !f.problem) for (const n of roleNeighboursOfRemoved(f)) if (!changed.has(n)) neighbours.add(n);
  }
  return { head: [...head, ...neighbours], base, neighbours: neighbours.size, lists: [...lists] };
}

/** The head's blobs from the recursive tree API, or null when GitHub truncated it (or it could not be read). */
export async function headTree(api: GitHubApi, owner: string, repo: string, sha: string): Promise<Map<string, TreeBlob> | null> {
  try {
    const { data } = await api.request<{ truncated?: boolean; tree: Array<{ path: string; type: string; sha: string; size?: number }> }>('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner,
      repo,
      tree_sha: sha,
      recursive: '1',
    });
    if (data.truncated) return null;
    const blobs = new Map<string, TreeBlob>();
    for (const e of data.tree) if (e.type === 'blob') blobs.set(e.path, e.size === undefined ? { sha: e.sha } : { sha: e.sha, size: e.size });
    return blobs;
  } catch {
    // The tree only saves requests: without it, every planned path is read and missing ones answer null.
    return null;
  }
}

/** Whether `plan`'s reads fill one query without the tree (more, and the tree is worth its request). */
function fitsOneQuery(plan: ReadPlan): boolean {
  // Without the tree, a changed file counts UNKNOWN_BLOB_BYTES of a query's text and a neighbour that
  // may not exist PROBE_BYTES.
  const changed = plan.head.length - plan.neighbours;
  const estimate = changed * UNKNOWN_BLOB_BYTES + plan.neighbours * PROBE_BYTES + plan.lists.length * FOLDER_BYTES;
  return estimate <= MAX_QUERY_TEXT_BYTES && plan.head.length + plan.lists.length <= MAX_BLOB_ALIASES;
}

/** Lists `plan`'s folders at `head` and reads their files, in the turn the other reads are asked in (see GitHubBlobReader.list). */
function listAhead(blobs: GitHubBlobReader, plan: ReadPlan, head: string, options: { speculative?: boolean } = {}): Promise<unknown>[] {
  return plan.lists.map((dir) => blobs.list(head, dir).then((paths) => Promise.allSettled(paths.map((p) => blobs.read(head, p, undefined, options)))));
}

/**
 * Asks for `files`' planned head reads before the review's settings are read, so they go out in the
 * settings' query (the caller holds the reader until both are asked for): only when the plan fills one
 * query, as past that the tree is read first anyway. `files` are those whose lines the files list gave,
 * less the paths the built-in ignores skip; a file the repository's own settings ignore costs its bytes
 * in the query and nothing more (the reads are speculative: no REST read follows). Returns the reads asked.
 */
export function readAheadEarly(blobs: GitHubBlobReader, files: readonly ChangedFile[], head: string, options: { roles?: boolean; repository?: string } = {}): number {
  const plan = planReads(files, options);
  if (plan.head.length === 0 || !fitsOneQuery(plan)) return 0;
  const changed = plan.head.length - plan.neighbours;
  plan.head.forEach((p, i) => void blobs.read(head, p, i < changed ? undefined : PROBE_BYTES, { speculative: true }).catch(() => undefined));
  for (const listing of listAhead(blobs, plan, head, { speculative: true })) listing.catch(() => undefined);
  return plan.head.length + plan.lists.length;
}

export interface ReadAhead {
  plan: ReadPlan;
  /** Whether the head's tree was read (and complete). */
  tree: boolean;
}

/**
 * Reads `change`'s planned content in one turn, so the blob reader batches it, and waits for it. The
 * tree is read first when the plan's reads would fill more than one query: then neighbours that do not
 * exist cost nothing and queries are packed by size. Neighbours are read at the head directly (not
 * through `change`, whose reads are the same) so they count as probes in the query budget. A read that fails here (after its retries) stays
 * failed: the check that needs it reports the file as not reviewed, and the gate fails closed.
 */
export async function readAhead(api: GitHubApi, blobs: GitHubBlobReader, change: ChangeSet, repository: { owner: string; repo: string }, options: { roles?: boolean } = {}): Promise<ReadAhead> {
  const plan = planReads(change.files, { ...options, repository: repository.repo });
  let tree = false;
  blobs.planStart();
  const changed = plan.head.length - plan.neighbours;
  if (!fitsOneQuery(plan)) {
    const entries = await headTree(api, repository.owner, repository.repo, change.head);
    if (entries) {
      blobs.knowTree(change.head, entries);
      tree = true;
    }
  }
  const neighbours = new Set(plan.head.slice(changed));
  const reads = [
    ...plan.head.map((p) => (neighbours.has(p) ? blobs.read(change.head, p, PROBE_BYTES) : change.readHead(p))),
    ...plan.base.map((p) => change.readBase(p)),
    ...listAhead(blobs, plan, change.head),
  ];
  await Promise.allSettled(reads);
  // Base reads the patches could not rebuild go to the merge base: counted under the head's plan only.
  blobs.planDone([change.head]);
  return { plan, tree };
}
