// healthcheck-missing: a Dockerfile, compose service or Kubernetes container the change adds without any healthcheck.
import { posix } from 'node:path';
import { deployedStack } from '../src/engine/deployment-evidence.js';
import type { ChangedFile } from '../src/model/change-set.js';
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { builtDockerfile, composeServices, type ComposeService } from '../src/parse/compose.js';
import { commandWords, copyArguments, effectiveInstruction, exposedPort, finalStage, finalStageShare, hubImageName, isDevelopmentStage, isInertImage, parseImageReference, resolveImage, rootImage, stageLineage, startInstructions, type Dockerfile, type DockerStage } from '../src/parse/dockerfile.js';
import { PLAIN_COMPOSE_NAMES, basename, isComposeFile, isDockerfile, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { k8sContainers, matchContainers, type K8sContainer } from '../src/parse/kubernetes.js';
import { get, getPair, getPairMerged, getString, isScalar, isSeq, nodeEndLine, nodeLine, toJS, type YamlFile } from '../src/parse/yaml.js';
import { builtImageNames, commandText, deployedCompose, developmentService, imageNeverServes, README_NAMES } from '../src/engine/file-role.js';
import { composeVariables } from '../src/engine/compose-variables.js';
import { runsOwnImageAsIs } from '../src/engine/own-image.js';
import { kubernetesUses } from '../src/engine/kubernetes-images.js';
import { KAMAL_DOCKERFILE_HEADER, platformHealthCheck, probedChart } from '../src/engine/platform-health.js';
import { buildsArtifacts, runsCronDaemon, SCRIPT_WORD, startScripts } from '../src/engine/start-scripts.js';
import { folderName, imageBaseName, isRepositoryImage, namesImage, publishedNames, tagBaseName, vendorHealthcheck, workflowBuilds, type ImageNames, type WorkflowBuild } from '../src/engine/image-names.js';
import { expandVariables, lookup } from '../src/parse/variables.js';
import { shellCommands } from '../src/parse/shell.js';

/**
 * Workloads a controller keeps serving. Jobs and CronJobs run to completion and need no probes; a bare
 * Pod is a one-off (a demo, a debugging or test pod) that nothing recreates when it or its node goes,
 * so it is not how a service runs in production.
 */
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);
/** A Dockerfile whose name says Kubernetes runs its image: `Dockerfile.k8s`, `Dockerfile.everk8s`, `kubernetes.Dockerfile`. */
const KUBERNETES_NAMED = /k8s|kubernetes/i;
const PROBES = ['livenessProbe', 'readinessProbe'];
/** Cheap test before parsing a manifest: some long-running workload (or a List of them) is in it. */
const WORKLOAD_KIND = /\bkind["']?\s*:\s*["']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|\w*List)\b/;


/** A HEALTHCHECK line that works with what the image has (python, node, busybox wget, or curl). */
function healthcheckCommand(image: string, port: string): { test: string; note?: string } {
  const { name } = parseImageReference(image);
  const url = `http://localhost:${port}/health`;
  if (/(^|\/)python|pypy/.test(name)) return { test: `["python", "-c", "import urllib.request; urllib.request.urlopen('${url}', timeout=2)"]` };
  if (/(^|\/)(node|bun)(\/|$)/.test(name) || name.endsWith('/node')) return { test: `["node", "-e", "fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]` };
  if (/alpine|busybox/.test(image)) return { test: `["wget", "-q", "--spider", "${url}"]` };
  if (/distroless|scratch|chainguard/.test(name)) return { test: `["/app/healthcheck"]`, note: 'The image has no shell or curl: ship a small healthcheck binary, or rely on your orchestrator’s HTTP probes.' };
  return { test: `["curl", "-fsS", "${url}"]`, note: 'Install `curl` in the image, or use a check your runtime already has.' };
}

function dockerfileRemediation(image: string, port: string): string {
  const { test, note } = healthcheckCommand(image, port);
  return [
    'Add a healthcheck to the final stage that calls a cheap health endpoint:',
    '',
    '```dockerfile',
    `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\`,
    `  CMD ${test}`,
    '```',
    '',
    `${note ? `${note} ` : ''}Kubernetes ignores image healthchecks: give its containers \`readinessProbe\` and \`livenessProbe\` instead.`,
  ].join('\n');
}

function composeRemediation(service: string, port: string, image: string): string {
  const { test } = healthcheckCommand(image, port);
  return [
    `Give \`${service}\` a healthcheck so compose can mark it unhealthy and dependants can wait for it:`,
    '',
    '```yaml',
    'healthcheck:',
    `  test: ${test.replace(/^\[/, '["CMD", ')}`,
    '  interval: 30s',
    '  timeout: 3s',
    '  retries: 3',
    '  start_period: 10s',
    '```',
    '',
    `Services that need it ready can then use \`depends_on: { ${service}: { condition: service_healthy } }\`.`,
  ].join('\n');
}

function k8sRemediation(port: string): string {
  return [
    'Add probes so Kubernetes only routes traffic to ready pods and restarts hung ones:',
    '',
    '```yaml',
    'readinessProbe:',
    '  httpGet:',
    '    path: /health/ready',
    `    port: ${port}`,
    '  periodSeconds: 10',
    'livenessProbe:',
    '  httpGet:',
    '    path: /health/live',
    `    port: ${port}`,
    '  periodSeconds: 20',
    '  failureThreshold: 3',
    '```',
    '',
    'Keep the liveness check independent of databases and other services, so an outage elsewhere does not restart every pod.',
  ].join('\n');
}

const hasHealthcheck = (service: ComposeService, yaml: YamlFile) => getPairMerged(service.node, 'healthcheck', yaml.documents[0]!) !== undefined;

/** The variables compose substitutes in a head compose file (see composeVariables), once per path for the whole run. */
type HeadVariables = (path: string) => Promise<Map<string, string> | undefined>;

/**
 * True when the change edits the Dockerfile at `path` and takes away the HEALTHCHECK its final stage had (not
 * `HEALTHCHECK NONE`): what healthcheck-removed reports on that Dockerfile.
 */
async function losesHealthcheck(ctx: CheckContext, path: string): Promise<boolean> {
  const file = ctx.files(['dockerfile']).find((f) => f.path === path);
  if (!file || file.problem || (file.status !== 'modified' && file.status !== 'renamed')) return false;
  const [head, base] = [await ctx.dockerfile(path), await ctx.dockerfile(file.previousPath ?? path, 'base')];
  const probe = (parsed: Dockerfile | null) => {
    const stage = parsed && finalStage(parsed);
    const ins = parsed && stage ? effectiveInstruction(parsed, stage, 'HEALTHCHECK') : undefined;
    return ins !== undefined && !/^\s*NONE\b/i.test(ins.args);
  };
  return probe(base) && !probe(head);
}

/** What a compose service's built image brings: its own HEALTHCHECK, base image and exposed port. */
async function builtImage(ctx: CheckContext, path: string): Promise<{ healthcheck: boolean; image: string; port?: string; noProbe?: string } | undefined> {
  const parsed = await ctx.dockerfile(path);
  if (!parsed) return undefined;
  const stage = finalStage(parsed);
  if (!stage) return undefined;
  const image = rootImage(parsed, stage);
  // An image built on one whose vendor declares a HEALTHCHECK inherits it (see vendorHealthcheck).
  const out: { healthcheck: boolean; image: string; port?: string; noProbe?: string } = { healthcheck: Boolean(effectiveInstruction(parsed, stage, 'HEALTHCHECK')) || vendorHealthcheck(image) !== undefined, image };
  // A compose `healthcheck` runs its test inside the container too: nothing in a scratch image could run it.
  const noProbe = cannotRunProbe(parsed, stage);
  if (noProbe) out.noProbe = noProbe;
  const port = exposedPort(parsed, stage);
  if (port) out.port = port;
  return out;
}

/**
 * What the touched compose files say about the Dockerfiles they build. `covered`: built for a service
 * that has its own healthcheck, or for a worker, scheduler or one-shot service — an image shared by a web
 * service and its workers cannot carry one HEALTHCHECK that is right for all of them, so health belongs
 * to each compose service. `published`: built for a service that publishes or exposes a port.
 */
async function composeBuilds(ctx: CheckContext, variables: HeadVariables): Promise<{ covered: Set<string>; published: Set<string> }> {
  const covered = new Set<string>();
  const published = new Set<string>();
  for (const file of ctx.files('compose')) {
    const yaml = await ctx.yaml(file.path);
    if (!yaml) continue;
    const doc = yaml.documents[0]!;
    const vars = await variables(file.path);
    for (const service of composeServices(yaml)) {
      const dockerfile = builtDockerfile(file.path, service, yaml, vars);
      if (!dockerfile) continue;
      const command = getPairMerged(service.node, 'command', doc)?.value ?? getPairMerged(service.node, 'entrypoint', doc)?.value;
      const commandText = command ? JSON.stringify(toJS(command)) : undefined;
      if (hasHealthcheck(service, yaml) || notServing(service.name, commandText, getString(service.node, 'restart'))) covered.add(dockerfile);
      if (getPairMerged(service.node, 'ports', doc) || getPairMerged(service.node, 'expose', doc)) published.add(dockerfile);
    }
  }
  return { covered, published };
}

/** Start commands and service names of containers that serve nothing to probe: cron, workers, one-shot jobs. */
const NOT_SERVING_COMMAND = /(?:^|[\s/"'[,])(?:cron|crond|supercronic|celery|rq|sidekiq|alembic|beat|scheduler|worker)(?=$|[\s"',\]])|\bmanage\.py["',\s]+(?:migrate|collectstatic|createsuperuser|loaddata)\b|\bmigrat(?:e|ions?)\b/i;
const NOT_SERVING_NAME = /(?:^|[-_])(?:cron|worker|workers|cleanup|migrate|migrations?|seed|init|setup|backup|scheduler|beat|jobs?|consumer|certbot)(?:$|[-_])/i;

/**
 * One word of a start command (a package script, a script or program name) that names a migration and a start
 * together (`pnpm start:with-migrations`, `migrate-and-serve.sh`, `start_with_migrate`): it migrates, then starts
 * the server, so the container serves like any other.
 */
const STARTS_AFTER_MIGRATING = /^(?=[^\s"',[\]]*migrat)(?=[^\s"',[\]]*(?<![a-z])(?:start|serve|server)(?![a-z]))[^\s"',[\]]+$/i;
const withoutStartingMigrations = (command: string) => command.replace(/[^\s"',[\]]+/g, (word) => (STARTS_AFTER_MIGRATING.test(word) ? 'start' : word));

/** Why a container is not a long-running server worth probing, or undefined. */
function notServing(name: string | undefined, command: string | undefined, restart: string | undefined): string | undefined {
  if (name && NOT_SERVING_NAME.test(name)) return `\`${name}\` is a worker or one-shot job`;
  if (command && NOT_SERVING_COMMAND.test(withoutStartingMigrations(command))) return 'it runs a worker, scheduler or one-shot command';
  if (restart === 'no' || restart === '"no"') return 'it does not restart: a one-shot job';
  return undefined;
}

/**
 * A start command word (or a line of a start script) that runs a server or a language runtime that may
 * host one: web and application servers, reverse proxies, interpreters, package-manager `start` scripts
 * and process managers. A compiled binary or a shell script that names none of them tells nothing.
 */
const SERVES = /(?:^|[\s/"'[,=;&|(])(?:gunicorn|uwsgi|uvicorn|hypercorn|daphne|waitress-serve|granian|puma|unicorn|thin|rails|rackup|nginx|openresty|httpd|apache2(?:ctl)?|caddy|php-fpm[\d.]*|php[\d.]*|frankenphp|java|node|nodejs|deno|bun|npm|yarn|pnpm|npx|python[\d.]*|pypy[\d.]*|flask|streamlit|dotnet|serve|http-server|catalina\.sh|jetty|supervisord|pm2(?:-runtime)?|next|ruby|bundle|mix|elixir)(?=$|[\s"',\];&|)])/im;

/**
 * A name word of a one-shot task (`v4-migrator.jar`, `seed`, `backup.sh`, `acme-cli`) or of a client, which
 * connects out and answers nothing (`byot_client.py`, `tunnel-client`), unless the same name also says it
 * serves (`backup-server`, `cli-api`).
 */
const ONE_SHOT_NAME = /(?:^|[-_.])(?:migrat(?:e|or|ors|ion|ions)|seed|seeder|backup|cli)(?=$|[-_.])/i;
/** A program named for a client; not a folder, as a project's `client/` is most often its web front end. */
const CLIENT_NAME = /(?:^|[-_.])client(?=$|[-_.])/i;
const SERVING_NAME = /server|api|web|http|service|daemon|proxy|gateway/i;
/** A folder of the project's tools: maintenance scripts, generators and checkers run on demand (`docker/tools/Dockerfile.security`). */
const TOOL_FOLDER = /^(?:tools?|tooling|maintenance)$/i;
const oneShotName = (name: string) => ONE_SHOT_NAME.test(name) && !SERVING_NAME.test(name);
/** Wrappers before the program a start command runs: shells, init processes, `exec`, `env`. */
const WRAPPER = /^(?:(?:\/usr)?(?:\/bin\/)?(?:sh|bash|ash|dash)|-c|-e|-ec|exec|env|--|tini|dumb-init|\/sbin\/tini|\/usr\/bin\/dumb-init)$/;
/** Runtimes whose first argument names what they run (`java -jar x.jar`, `python migrate.py`). */
const RUNTIME = /^(?:java|node|nodejs|python[\d.]*|ruby|php[\d.]*|deno|bun)$/;

/**
 * Why a start command runs a one-shot task, or undefined: the program it runs, or the jar or script its
 * runtime is given (`java -jar v4-migrator.jar`, `python seed.py`), or a folder of the Dockerfile's path
 * (`support/v4-migrator/src/main/docker/Dockerfile`), is named for a migration, a seed, a backup or a CLI.
 */
export function oneShotStart(words: readonly string[], path: string): string | undefined {
  const tokens = words.join(' ').split(/\s+/).filter((t) => t !== '' && !/^[A-Za-z_]\w*=/.test(t) && !WRAPPER.test(t));
  const base = (t: string) => t.replace(/^["']|["']$/g, '').slice(t.lastIndexOf('/') + 1);
  const program = tokens[0] === undefined ? undefined : base(tokens[0]);
  const names = program === undefined ? [] : [program];
  if (program !== undefined && RUNTIME.test(program)) {
    const jar = tokens.indexOf('-jar');
    const arg = jar !== -1 ? tokens[jar + 1] : tokens.slice(1).find((t) => !t.startsWith('-') && !t.startsWith('$'));
    if (arg) names.push(base(arg));
  }
  const named = names.find((n) => oneShotName(n) || (CLIENT_NAME.test(n) && !SERVING_NAME.test(n)));
  if (named) return `it runs \`${named}\`, a one-shot task or a client`;
  const folders = path.split('/').slice(0, -1);
  const folder = folders.find(oneShotName);
  if (folder) return `its folder \`${folder}\` names a one-shot task`;
  // A tools folder keeps the commands a project runs on demand (a generator, a maintenance script), unless a name says it serves.
  const tools = folders.find((f) => TOOL_FOLDER.test(f));
  if (tools && ![...names, ...folders, posix.basename(path)].some((n) => SERVING_NAME.test(n))) return `its folder \`${tools}\` keeps the project's tools, commands run on demand`;
  return undefined;
}

/**
 * A start command that is only a runner's prefix (`bundle exec`, `npx`, `python -m`, `poetry run`) with
 * nothing after it: the process is given at run time, so one image runs every process type (web, workers,
 * cron) and a healthcheck set in the image would apply to all of them.
 */
export function runTimeProcess(words: readonly string[]): boolean {
  const command = words.join(' ').trim().replace(/\s+/g, ' ');
  return /^(?:bundle exec|npx|pnpm exec|yarn exec|npm exec|python[\d.]* -m|poetry run|pipenv run|uv run)$/.test(command);
}

/**
 * Images with nothing a `HEALTHCHECK` command could run: `scratch`, and Google's distroless images that carry no
 * shell and no language runtime (`gcr.io/distroless/static`, `base`, `cc`, any Debian release, not their `:debug`
 * tags, which add busybox), and Chainguard's `static`. The language-runtime distroless images (`java`, `nodejs`,
 * `python3`) can run a probe script, and are judged as usual.
 */
const NO_SHELL_IMAGE = /^(?:scratch|(?:gcr\.io|[\w.-]+\.pkg\.dev\/[\w.-]+\/[\w.-]+)\/distroless\/(?:static|base|base-nossl|cc)(?:-debian\d+)?|cgr\.dev\/chainguard\/static)$/;
/** A program copied into an image that a HEALTHCHECK could run: a shell, an HTTP client, a probe binary. */
const PROBE_PROGRAM = /^(?:sh|ash|bash|busybox|curl|wget)$|health|probe/i;

/**
 * Why nothing in the final stage could run a `HEALTHCHECK` command, or undefined: it is built on an image with no
 * shell, HTTP client or runtime (see NO_SHELL_IMAGE) and copies none in (a shell, curl, wget, busybox, a
 * healthcheck or probe binary). Such an image holds the server binary and its files only; its health is asked
 * from outside (an orchestrator's HTTP probe), and a HEALTHCHECK could only run the server binary itself.
 */
export function cannotRunProbe(parsed: Dockerfile, stage: DockerStage): string | undefined {
  const root = rootImage(parsed, stage);
  const { name, tag } = parseImageReference(root);
  if (!NO_SHELL_IMAGE.test(name.toLowerCase()) || (tag !== undefined && /debug/i.test(tag)) || copiesProbeProgram(parsed, stage)) return undefined;
  return `it is built on \`${root}\`, which has no shell or HTTP client to run a healthcheck command with`;
}

/** True when the stage, or one it builds on, copies in a program a HEALTHCHECK could run (see PROBE_PROGRAM). */
export function copiesProbeProgram(parsed: Dockerfile, stage: DockerStage): boolean {
  for (const s of stageLineage(parsed, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const args = copyArguments(ins.args);
      const programs = [...(args?.sources ?? []), args?.dest ?? ''].map((p) => p.replace(/\/+$/, '').split('/').pop() ?? '');
      if (programs.some((p) => PROBE_PROGRAM.test(p))) return true;
    }
  }
  return false;
}

/** Instructions that describe an image or set its defaults without adding to what it holds or runs. */
const METADATA_INSTRUCTIONS = new Set(['ARG', 'LABEL', 'MAINTAINER', 'ENV', 'USER', 'STOPSIGNAL']);

/**
 * True when the final stage only re-publishes another image as its vendor ships it: every stage it builds
 * on adds nothing but metadata and defaults (`LABEL`, `ARG`, `ENV`, `USER`) to an image from elsewhere (not
 * `scratch`), so the container runs the vendor's program with the vendor's start command, ports and
 * healthcheck (one the vendor set is inherited); whether it has one is the vendor's decision, not this file's.
 */
export function republishesImage(parsed: Dockerfile, stage: DockerStage): boolean {
  if (rootImage(parsed, stage).toLowerCase() === 'scratch') return false;
  const instructions = stageLineage(parsed, stage).flatMap((s) => s.instructions);
  // A bare `FROM` says nothing of what the file is for: it is judged as usual.
  return instructions.length > 0 && instructions.every((i) => METADATA_INSTRUCTIONS.has(i.keyword));
}

/** Programs that only print: a server named in their message (`echo 'no DNS resolvers for nginx'`) is not run. */
const PRINTS = new Set(['echo', 'printf', 'log', 'info', 'warn', 'error', 'die']);

/** A start script's simple commands, one a line, without comments and without what print commands only say. */
function scriptCommands(text: string): string {
  return shellCommands(text)
    .filter((words) => !PRINTS.has(words.find((w) => !/^[A-Za-z_]\w*=/.test(w) && w !== 'exec') ?? ''))
    .map((words) => words.join(' '))
    .join('\n');
}

/**
 * True when a new image shows no sign of serving anything a healthcheck could ask: it has its own start
 * command (ENTRYPOINT or CMD) naming no server or runtime, nor does a start script of the repository it
 * runs; it declares no `EXPOSE`; and no compose file of the change publishes or exposes a port for a
 * service that builds it. A push client, an installer that copies a driver and sleeps, a CLI.
 */
async function showsNoServer(ctx: CheckContext, path: string, parsed: Dockerfile, stage: DockerStage, published: ReadonlySet<string>): Promise<boolean> {
  if (effectiveInstruction(parsed, stage, 'EXPOSE') || published.has(path)) return false;
  const start = startInstructions(parsed, stage);
  // No start command of its own: it runs the base image's, which this file does not show.
  if (start.length === 0) return false;
  const words = start.flatMap((ins) => commandWords(ins.args).words);
  if (runTimeProcess(words) || oneShotStart(words, path)) return true;
  if (SERVES.test(words.join(' '))) return false;
  const scripts = await startScripts(ctx, path, parsed, stage);
  // A script the check could not find in the repository may start anything.
  if (scripts.length < Math.min(4, words.filter((w) => SCRIPT_WORD.test(w)).length)) return false;
  return !scripts.some((script) => SERVES.test(scriptCommands(script.text)));
}

/**
 * A production Dockerfile the change deletes that had no HEALTHCHECK and whose final stage rests on the
 * same image as the new one (`build/frappe-nginx/Dockerfile` rewritten as `images/nginx/Dockerfile`, both
 * on nginx): the image was moved or rewritten, not added, and it had no healthcheck before either.
 */
async function replacedDockerfile(ctx: CheckContext, root: string): Promise<string | undefined> {
  for (const removed of ctx.removedFiles()) {
    if (!isDockerfile(removed.path) || (await ctx.role(removed.path)).role !== 'production') continue;
    const parsed = await ctx.dockerfile(removed.path, 'base');
    const stage = parsed && finalStage(parsed);
    if (!parsed || !stage || isDevelopmentStage(stage) || effectiveInstruction(parsed, stage, 'HEALTHCHECK')) continue;
    if (imageBaseName(rootImage(parsed, stage)) === imageBaseName(root)) return removed.path;
  }
  return undefined;
}

/** `Dockerfile.rootless`, `Dockerfile-alpine`: a variant of the plain `Dockerfile` beside it; production words name the production image instead. */
const VARIANT_DOCKERFILE = /^Dockerfile[.-]([\w.-]+)$/;
/** `distroless.Dockerfile`, `alpine-Dockerfile`: the same, named the other way round. */
const NAMED_VARIANT_DOCKERFILE = /^([\w.-]+?)[.-]Dockerfile$/i;
const PRODUCTION_VARIANT = /^(?:prod|production|release|deploy|live)$/i;

/** The words a final stage starts, ENTRYPOINT then CMD (`ENTRYPOINT ["java", "-jar"]` with `CMD ["Lavalink.jar"]` is `java -jar Lavalink.jar`), or undefined. */
function startWords(file: Dockerfile, stage: DockerStage): string | undefined {
  const words = startInstructions(file, stage).flatMap((ins) => commandWords(ins.args).words);
  return words.length ? words.join(' ') : undefined;
}

/** The `COPY` lines of a final stage as written (`COPY LavalinkServer/build/libs/Lavalink.jar Lavalink.jar`): what it puts into the image. */
const copiedInto = (stage: DockerStage) => new Set(stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map((i) => `${i.keyword} ${i.args.replace(/\s+/g, ' ').trim()}`));

/**
 * A production Dockerfile of the base beside a new variant (`Dockerfile.<variant>`, `Dockerfile-<variant>`,
 * `<variant>.Dockerfile`): the plain `Dockerfile` first, then the others of its folder. It counts when it had no
 * HEALTHCHECK in the base, the change leaves it without one, and the variant is written from it: the variant starts
 * the same program (ENTRYPOINT and CMD words) and copies the same thing into its final stage (Lavalink's
 * `distroless.Dockerfile` running the same `java -jar Lavalink.jar` as `Dockerfile`), or, for the plain `Dockerfile`,
 * half of the variant's lines that say something are lines of it, before or after the change (the change may rewrite
 * both, as garnet's restore layering did to `Dockerfile` beside its new `Dockerfile.alpine`). The variant (rootless,
 * distroless, alpine, an architecture) packages an image that already had none, so the missing healthcheck is the
 * original's, not something the change introduces. A `Dockerfile.prod` beside a `Dockerfile` is the production
 * image and is judged as new, and so is a variant beside a Dockerfile that has a HEALTHCHECK (see the folder rule).
 */
async function variantOfUncheckedImage(ctx: CheckContext, path: string): Promise<string | undefined> {
  const name = posix.basename(path);
  const variant = VARIANT_DOCKERFILE.exec(name)?.[1] ?? NAMED_VARIANT_DOCKERFILE.exec(name)?.[1];
  if (!variant || variant.split(/[.-]/).some((w) => PRODUCTION_VARIANT.test(w))) return undefined;
  const parsed = await ctx.dockerfile(path);
  const stage = parsed && finalStage(parsed);
  if (!parsed || !stage) return undefined;
  const said = (text: string | null) => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const own = said(await ctx.text(path));
  if (own.length === 0) return undefined;
  const start = startWords(parsed, stage);
  const copies = copiedInto(stage);
  const dir = repoDir(path);
  const plain = repoJoin(dir, 'Dockerfile');
  const listed = ((await ctx.list(dir, 'base')) ?? []).map((p) => (p.includes('/') ? p : repoJoin(dir, p))).filter((p) => p !== plain && p !== path && isDockerfile(p));
  const siblings = [plain, ...listed.sort()];
  const candidates: { path: string; head: Dockerfile; headStage: DockerStage; edited: ChangedFile | undefined }[] = [];
  for (const sibling of siblings) {
    const edited = ctx.changed(sibling);
    if (edited?.status === 'added' || edited?.status === 'copied') continue;
    const head = await ctx.dockerfile(sibling);
    const headStage = head && finalStage(head);
    if (!head || !headStage) continue;
    // A plain Dockerfile with a HEALTHCHECK is the image the variant builds another way, without it.
    if (effectiveInstruction(head, headStage, 'HEALTHCHECK')) {
      if (sibling === plain) return undefined;
      continue;
    }
    candidates.push({ path: sibling, head, headStage, edited });
  }
  for (const { path: sibling, head, headStage, edited } of candidates) {
    // A sibling the change leaves alone is the same at base (and the App reads it at head, planned beside the new file).
    const basePath = edited ? (edited.previousPath ?? sibling) : sibling;
    const base = edited ? await ctx.dockerfile(basePath, 'base') : head;
    const baseStage = base && finalStage(base);
    if (!base || !baseStage || isDevelopmentStage(baseStage) || effectiveInstruction(base, baseStage, 'HEALTHCHECK')) continue;
    if ((await ctx.role(sibling)).role !== 'production') continue;
    // Written from the original: half of the variant's lines that say something are lines of it. An image
    // written anew for another base (its own packages and entrypoint) makes its own healthcheck decision.
    const texts = edited ? [await ctx.text(basePath, 'base'), await ctx.text(sibling)] : [await ctx.text(sibling)];
    const written = texts.some((text) => {
      const original = new Set(said(text));
      return own.filter((l) => original.has(l)).length * 2 >= own.length;
    });
    const sameProgram = start !== undefined && [[base, baseStage], [head, headStage]].some(([file, st]) => startWords(file as Dockerfile, st as DockerStage) === start && [...copiedInto(st as DockerStage)].some((c) => copies.has(c)));
    // Another Dockerfile of the folder is another image unless it runs the same program: penpot's `Dockerfile.mcp`,
    // written from half of `Dockerfile.exporter` to start another server, is a new image.
    if ((written && sibling === plain) || sameProgram) return sibling;
  }
  return undefined;
}

/** How much of the plain Dockerfile's final stage a variant's must share to be the same image built another way. */
const VARIANT_STAGE_SHARE = 0.6;

/**
 * Findings on new `Dockerfile.<variant>` files (not named for production) beside a plain `Dockerfile` the
 * same change adds and reports too, whose final stage is the plain one's built another way: the same base
 * image and at least VARIANT_STAGE_SHARE of the same instructions (netbird's `proxy/Dockerfile.multistage`,
 * which compiles the binary `proxy/Dockerfile` is given). It is one new image without a healthcheck: the
 * notice on the plain `Dockerfile` says it, and the fix is the same `HEALTHCHECK` line in both.
 */
async function variantsOfReportedImages(ctx: CheckContext, findings: readonly Draft[]): Promise<Draft[]> {
  const reported = new Set(findings.filter((f) => f.messageId === 'dockerfile').map((f) => f.path));
  const out: Draft[] = [];
  for (const f of findings) {
    const variant = f.messageId === 'dockerfile' ? VARIANT_DOCKERFILE.exec(posix.basename(f.path))?.[1] : undefined;
    if (!variant || PRODUCTION_VARIANT.test(variant)) continue;
    const sibling = repoJoin(repoDir(f.path), 'Dockerfile');
    const status = ctx.changed(sibling)?.status;
    if (!reported.has(sibling) || (status !== 'added' && status !== 'copied')) continue;
    const [mine, theirs] = [await ctx.dockerfile(f.path), await ctx.dockerfile(sibling)];
    const [stage, plain] = [mine && finalStage(mine), theirs && finalStage(theirs)];
    if (!mine || !theirs || !stage || !plain || rootImage(mine, stage).toLowerCase() !== rootImage(theirs, plain).toLowerCase()) continue;
    if (finalStageShare(stage, plain) >= VARIANT_STAGE_SHARE) out.push(f);
  }
  return out;
}

/**
 * Names the images of some Dockerfiles of the change go by: the names the repository gives each
 * (publishedNames: its folder, its OCI title and source labels), the `-t` names of the project's
 * `docker build -f` commands, and the tags the change's workflows push it under with
 * `docker/build-push-action` (`file: docker-unified/Dockerfile`, `tags: registry/self-host:…`); and their
 * folders, whose name a project may prefix (see namesImage). A compose service that runs one of them by
 * `image:` runs that Dockerfile's image.
 */
async function imageNames(ctx: CheckContext, paths: Iterable<string>): Promise<ImageNames> {
  const out: ImageNames = { names: new Set(), folders: new Set() };
  let commands: string | undefined;
  let builds: WorkflowBuild[] | undefined;
  for (const path of paths) {
    const parsed = await ctx.dockerfile(path);
    const stage = parsed && finalStage(parsed);
    if (!parsed || !stage) continue;
    for (const name of publishedNames(path, parsed, stage)) out.names.add(name);
    const folder = folderName(path);
    if (folder) out.folders.add(folder);
    // A Dockerfile at the root builds the repository's own image, which registries name after it
    // (`docmost/docmost` publishes `docmost`).
    else if (ctx.repository) out.names.add(ctx.repository.name.toLowerCase());
    commands ??= await commandText(ctx);
    for (const name of builtImageNames(commands, path)) out.names.add(imageBaseName(name));
    if (!builds) {
      builds = [];
      for (const workflow of ctx.files('workflow')) {
        const yaml = workflow.problem ? null : await ctx.yaml(workflow.path);
        if (yaml) builds.push(...workflowBuilds(yaml));
      }
    }
    for (const build of builds) if (build.dockerfile === path) for (const tag of build.tags) out.names.add(tagBaseName(tag) ?? '');
  }
  out.names.delete('');
  return out;
}

/**
 * True when a new image adds to one of the project's own images without a start command or port of its own:
 * it is built `FROM` an image another Dockerfile of the change builds (matched by the names the repository
 * gives that Dockerfile, as a compose `image:` is: frappe's `custom_app/backend.Dockerfile` on
 * `frappe/frappe-worker` of `images/worker/Dockerfile`), and sets no `ENTRYPOINT`, `CMD` or `EXPOSE`. It runs
 * that image's process and inherits its `HEALTHCHECK`, so the healthcheck belongs there, where this check
 * judges it, and serves both.
 */
async function extendsProjectImage(ctx: CheckContext, path: string, parsed: Dockerfile, stage: DockerStage): Promise<boolean> {
  if (startInstructions(parsed, stage).length > 0 || effectiveInstruction(parsed, stage, 'EXPOSE')) return false;
  const image = rootImage(parsed, stage);
  const others = ctx.files('dockerfile').filter((f) => f.path !== path && !f.problem).map((f) => f.path);
  if (others.length === 0) return false;
  return namesImage(image, await imageNames(ctx, others));
}

/** A README word of installing or deploying on Kubernetes. */
const KUBERNETES_INSTALL = /\b(?:helm|kubectl)\b/i;
/** A README word of running the project's images with Docker itself: compose, `docker run`, a stack, Podman. */
const DOCKER_RUN = /\bdocker(?:-compose|\s+compose|\s+run|\s+stack|\s+service\s+create)\b|\bcompose\.ya?ml\b|\bpodman\b/i;

/**
 * The root README, when it installs the project on Kubernetes (it names Helm or kubectl) and never runs
 * its images with Docker (no compose, `docker run`, stack or Podman), and the change has no compose file:
 * the project's images run as pods of its chart or manifests, where Docker's HEALTHCHECK is ignored and
 * probes are the health check (airflow-helm's images, kubernetes/dashboard's modules).
 */
async function kubernetesOnlyProject(ctx: CheckContext): Promise<string | undefined> {
  if (ctx.files('compose').length > 0) return undefined;
  for (const name of README_NAMES) {
    const text = await ctx.text(name);
    if (text === null) continue;
    const head = text.slice(0, 100_000);
    return KUBERNETES_INSTALL.test(head) && !DOCKER_RUN.test(head) ? name : undefined;
  }
  return undefined;
}

/**
 * Dockerfiles whose final stage has a `HEALTHCHECK` (not `HEALTHCHECK NONE`): those of the change, or, when the
 * change has none, the root `Dockerfile`, which builds the repository's own image (see imageNames): a
 * compose service that runs that image by name (`image: ghcr.io/evroon/bracket` in evroon/bracket) runs its
 * `HEALTHCHECK` even when the change does not touch the Dockerfile.
 */
async function dockerfilesWithHealthcheck(ctx: CheckContext): Promise<string[]> {
  const out: string[] = [];
  const paths = ctx.files('dockerfile').filter((f) => !f.problem).map((f) => f.path);
  // Only when the change builds no image of its own: a new `Dockerfile.prod` beside it may be what the service runs.
  if (ctx.repository && paths.length === 0) paths.push('Dockerfile');
  for (const path of paths) {
    const parsed = await ctx.dockerfile(path);
    const stage = parsed && finalStage(parsed);
    const health = parsed && stage ? effectiveInstruction(parsed, stage, 'HEALTHCHECK') : undefined;
    if (health && !/^\s*NONE\b/i.test(health.args)) out.push(path);
  }
  return out;
}

async function baseYaml(ctx: CheckContext, file: ChangedFile): Promise<YamlFile | null> {
  if (file.status === 'added') return null;
  return ctx.yaml(file.previousPath ?? file.path, 'base');
}

function composePort(service: ComposeService): string | undefined {
  const ports = get(service.node, 'ports');
  if (!isSeq(ports)) return undefined;
  for (const item of ports.items) {
    const text = isScalar(item) ? String(item.value) : getString(item, 'target');
    const port = text && /(\d+)(?:\/\w+)?$/.exec(text)?.[1];
    if (port) return port;
  }
  return undefined;
}

/**
 * Names of the services that some other service of the file, not itself an off-the-shelf infrastructure,
 * database or cache image, lists under `depends_on` (list or map form): Grafana waiting on Prometheus is
 * the monitoring stack waiting on itself, not the application.
 */
function dependedOn(head: YamlFile): Set<string> {
  const doc = head.documents[0]!;
  const out = new Set<string>();
  for (const service of composeServices(head)) {
    const image = getString(service.node, 'image') ?? '';
    if (!getPairMerged(service.node, 'build', doc) && (isInfrastructureImage(image) || DATA_STORE_IMAGE.test(hubImageName(image)))) continue;
    const deps = toJS(getPairMerged(service.node, 'depends_on', doc)?.value);
    const names = Array.isArray(deps) ? deps.map(String) : deps && typeof deps === 'object' ? Object.keys(deps) : [];
    for (const name of names) if (name !== service.name) out.add(name);
  }
  return out;
}

/**
 * Off-the-shelf infrastructure images (reverse proxies and the stock nginx in front of an app, monitoring,
 * admin and debugging consoles, mail catchers): when no
 * other service depends on them, nothing waits for them to be ready and a reviewer would not ask for a
 * healthcheck on them. The service's own application images are not on this list.
 */
const INFRASTRUCTURE_IMAGE = /^(?:traefik|caddy|nginx|bitnami\/nginx|nginxinc\/nginx-unprivileged|temporalio\/ui|(?:ghcr\.io\/)?getsentry\/spotlight|provectuslabs\/kafka-ui|redis(?:labs)?\/redisinsight|mongo-express|rediscommander\/redis-commander|amir20\/dozzle|(?:[\w.-]+\/)?caddy(?:-gen)?|(?:[\w.-]+\/)?traefik|(?:[\w.-]+\/)?nginx-proxy(?:-manager)?|nginxproxy\/[\w.-]+|haproxy|envoyproxy\/envoy|prom\/[\w.-]+|grafana\/[\w.-]+|[\w.-]+\/[\w.-]*exporter|dpage\/pgadmin4|adminer|phpmyadmin(?:\/phpmyadmin)?|mailhog\/mailhog|axllent\/mailpit|portainer\/[\w.-]+|containrrr\/watchtower|jaegertracing\/[\w.-]+|otel\/[\w.-]+|gcr\.io\/cadvisor\/cadvisor|[\w.-]+\/(?:letsencrypt-nginx-proxy-companion|acme-companion))$/;

/**
 * Stock database, cache and queue images run as their vendor ships them. Nothing in a stack that starts can
 * be waiting on their health (compose refuses `depends_on: condition: service_healthy` on a service without
 * a healthcheck), the app's own connection retries decide when it uses them, and what a reviewer raises on
 * them is what they expose (published ports, default passwords), not a probe.
 */
const DATA_STORE_IMAGE = /^(?:postgres|postgis\/postgis|timescale\/timescaledb(?:-ha)?|mysql|mariadb|mongo|redis|redis\/redis-stack(?:-server)?|valkey\/valkey|memcached|rabbitmq|bitnami\/(?:postgresql|mysql|mariadb|mongodb|redis|rabbitmq|memcached))$/;

/**
 * True when the compose file is the stack users deploy as it ships (see deployedCompose: named or kept for
 * production, or a comment saying it is for self-hosting or production). There a stock database the app
 * waits for is part of what is shipped.
 */
async function declaresDeployment(ctx: CheckContext, path: string): Promise<boolean> {
  return deployedCompose(path, (await ctx.text(path)) ?? '') !== undefined;
}

/**
 * A compose image with its variables replaced by their defaults as compose would when they are unset
 * (`temporalio/ui:${TEMPORAL_UI_VERSION:-2.22.1}` is `temporalio/ui:2.22.1`, `${VAR}` alone is empty): the tag's
 * variable says which version, never which image.
 */
const withDefaults = (image: string): string => image.replace(/\$\{[A-Za-z_][\w]*(?::?-([^}]*))?(?::?\?[^}]*)?\}/g, (_, fallback: string | undefined) => fallback ?? '').replace(/:$/, '');
const isInfrastructureImage = (image: string) => INFRASTRUCTURE_IMAGE.test(hubImageName(withDefaults(image)));

/** A compose finding and the Dockerfile its service builds, if any. */
interface ComposeDraft {
  draft: Draft;
  dockerfile: string | undefined;
  /** The service publishes no port and keeps the image's start command: it serves what the image serves. */
  quietable: boolean;
  /**
   * Another service of the file that builds its image from the repository has its own compose `healthcheck`:
   * the stack keeps health in compose, so the notice stays on the service rather than the Dockerfile it builds.
   */
  healthInCompose: boolean;
  /** The image the service runs when it builds none (`image: louislam/dockge:1`). */
  image?: string;
}

/**
 * True when another compose file of the change had, in the base, a service of the same name building the
 * same Dockerfile (or, for a service that builds nothing, pulling the same image repository) without a
 * healthcheck, and the change takes it out of there: the file is deleted, or loses lines of that service (a
 * stack split into a development and a production file moves the production settings; a compose file
 * rewritten under a new name that git sees as a deletion and an addition). The service moved between files;
 * it is not new, and had no healthcheck before. A deleted file that was not production configuration (see
 * the file role of a deleted file) does not count.
 */
async function movedFromOtherCompose(ctx: CheckContext, file: ChangedFile, name: string, dockerfile: string | undefined, image?: string): Promise<boolean> {
  const repository = imageRepository(image);
  if (dockerfile === undefined && repository === undefined) return false;
  const others = [...ctx.files('compose').filter((f) => f.path !== file.path && f.status !== 'added' && f.removed.length > 0), ...ctx.removedFiles().filter((f) => isComposeFile(f.path))];
  for (const other of others) {
    const basePath = other.previousPath ?? other.path;
    // A service moved out of a deleted development stack (judged by what it held) is new to production.
    if (other.status === 'removed' && (await ctx.role(other.path)).role !== 'production') continue;
    const base = await ctx.yaml(basePath, 'base');
    if (!base) continue;
    // A deleted stack whose service ran the repository's own image (`ghcr.io/ephios-dev/ephios:latest`, under any
    // name) where the new service builds it from the root Dockerfile (`build: ../../`): the same container, now built.
    const ownImage = (s: ComposeService) =>
      other.status === 'removed' && dockerfile === 'Dockerfile' && getPair(s.node, 'build') === undefined && isRepositoryImage(getString(s.node, 'image') ?? '', ctx.repository);
    const renamed = composeServices(base).find((s) => ownImage(s) && !hasHealthcheck(s, base));
    if (renamed) return true;
    const service = composeServices(base).find((s) => s.name === name);
    if (!service || hasHealthcheck(service, base)) continue;
    if (dockerfile === undefined) {
      // A pulled image counts only from a deleted file the new one is named after (`docker-compose-ferretdb.yml`
      // rewritten as `docker-compose-ferretdb-v2-postgresql.yml`): another new file beside a deletion is a new stack.
      if (other.status !== 'removed' || !namedAfter(file.path, other.path)) continue;
      if (getPair(service.node, 'build') !== undefined || imageRepository(getString(service.node, 'image')) !== repository) continue;
    } else {
      const vars = await composeVariables(ctx, basePath, (await ctx.text(basePath, 'base')) ?? '', 'base');
      if (builtDockerfile(basePath, service, base, vars) !== dockerfile) continue;
    }
    const from = nodeLine(base, service.pair.key);
    const to = nodeEndLine(base, service.pair.value);
    if (other.status === 'removed' || other.removed.some((l) => l.line >= from && l.line <= to)) return true;
  }
  return false;
}

/** True when file `path`'s name (less its extension) starts with the name of `other`, in the same folder: `x-ferretdb-v2.yml` after `x-ferretdb.yml`. */
function namedAfter(path: string, other: string): boolean {
  const stem = (p: string) => p.replace(/\.ya?ml$/i, '');
  return posix.dirname(path) === posix.dirname(other) && stem(path) !== stem(other) && stem(path).startsWith(`${stem(other)}-`);
}

/**
 * True when the container ran before, without a healthcheck, in a service of this file's base that the
 * change no longer has: a service running the same image (by repository, any tag), or building the same
 * Dockerfile (`web_app` renamed `app`, `build: .` as before) when that Dockerfile had no HEALTHCHECK at
 * base either. The service was renamed (`app` became `web` when `docker-compose.example.yml` was rewritten
 * as `compose.example.yml`), so the container is not new. A compose file the change deletes does not count
 * unless the change is paired with it as a move: a new variant beside a deleted one
 * (`docker-compose.images.yml` for `docker-compose-k8s.yml`) is a new stack.
 */
/** `docker-compose.override.yml` beside `docker-compose.yml` (`compose.override.yaml` beside `compose.yaml`): the file compose merges in by default. */
const overridePath = (path: string) => {
  const m = /^((?:.*\/)?(?:docker-)?compose)\.(ya?ml)$/.exec(path);
  return m ? `${m[1]}.override.${m[2]}` : undefined;
};

/** The Dockerfile the default override file beside compose file `path` builds service `name` from, if it gives it a `build`. */
async function overrideBuild(ctx: CheckContext, path: string, name: string): Promise<string | undefined> {
  const override = overridePath(path);
  const yaml = override ? await ctx.yaml(override) : null;
  const service = yaml && composeServices(yaml).find((s) => s.name === name);
  if (!override || !yaml || !service || !getPair(service.node, 'build')) return undefined;
  return builtDockerfile(override, service, yaml, (await composeVariables(ctx, override, (await ctx.text(override)) ?? '')) ?? new Map());
}

async function renamedService(ctx: CheckContext, file: ChangedFile, name: string, image: string | undefined, dockerfile: string | undefined, base: YamlFile | null, head: YamlFile): Promise<boolean> {
  if (!base) return false;
  const kept = new Set(composeServices(head).map((s) => s.name));
  const gone = composeServices(base).filter((s) => !kept.has(s.name) && !hasHealthcheck(s, base));
  if (gone.length === 0) return false;
  if (!dockerfile) {
    const repository = imageRepository(image);
    if (repository !== undefined && gone.some((s) => imageRepository(getString(s.node, 'image')) === repository)) return true;
    // A pulled image that takes over a host port a removed service published (`haraka` for `mailin`, both on
    // `25:25`): two services cannot bind one host port, so it replaces the old one in its role, which had no
    // healthcheck either. A service that builds a new Dockerfile is the project's own new image, and is judged.
    const service = composeServices(head).find((s) => s.name === name);
    const ports = service ? hostPorts(service) : [];
    if (ports.length > 0 && gone.some((s) => getPair(s.node, 'build') === undefined && hostPorts(s).some((p) => ports.includes(p)))) return true;
    // The override file beside it, which compose merges in by default, builds the service from a Dockerfile a
    // removed service built: the published image of the same Dockerfile, pulled where it was built.
    const local = await overrideBuild(ctx, file.path, name);
    return local !== undefined && builtBefore(ctx, file, base, gone, local);
  }
  return (await builtBefore(ctx, file, base, gone, dockerfile)) || (await pulledBefore(ctx, gone, dockerfile)) || (await sameImageBefore(ctx, file, base, gone, image));
}

/**
 * True when one of `gone` ran the image the service names (`image: ghcr.io/recyclarr/recyclarr:edge`, by
 * repository, any tag) and built it from a Dockerfile that had no HEALTHCHECK at base, or built nothing: a
 * service that builds and names its image, renamed (`recyclarr` became `app`) while its build context moved,
 * is the same container under another name.
 */
async function sameImageBefore(ctx: CheckContext, file: ChangedFile, base: YamlFile, gone: readonly ComposeService[], image: string | undefined): Promise<boolean> {
  const repository = imageRepository(image);
  if (repository === undefined) return false;
  const basePath = file.previousPath ?? file.path;
  let vars: Map<string, string> | undefined;
  for (const service of gone) {
    if (imageRepository(getString(service.node, 'image')) !== repository) continue;
    if (getPair(service.node, 'build') === undefined) return true;
    vars ??= await composeVariables(ctx, basePath, (await ctx.text(basePath, 'base')) ?? '', 'base');
    const built = builtDockerfile(basePath, service, base, vars);
    if (built !== undefined && (await withoutHealthcheckAtBase(ctx, built))) return true;
  }
  return false;
}

/** True when one of `gone` (services of the file's base) built `dockerfile`, which had no HEALTHCHECK at base. */
async function builtBefore(ctx: CheckContext, file: ChangedFile, base: YamlFile, gone: readonly ComposeService[], dockerfile: string): Promise<boolean> {
  const basePath = file.previousPath ?? file.path;
  const vars = await composeVariables(ctx, basePath, (await ctx.text(basePath, 'base')) ?? '', 'base');
  if (!gone.some((s) => builtDockerfile(basePath, s, base, vars) === dockerfile)) return false;
  return withoutHealthcheckAtBase(ctx, dockerfile);
}

/**
 * True when one of `gone` pulled the project's image that `dockerfile` makes (matched by the names the repository
 * gives it, see imageNames), which had no HEALTHCHECK at base: `image: kutt/kutt` turned into `build: .` in
 * thedevs-network/kutt is the same container, built here instead of pulled.
 */
async function pulledBefore(ctx: CheckContext, gone: readonly ComposeService[], dockerfile: string): Promise<boolean> {
  const names = await imageNames(ctx, [dockerfile]);
  if (!gone.some((s) => getPair(s.node, 'build') === undefined && namesImage(getString(s.node, 'image') ?? '', names))) return false;
  return withoutHealthcheckAtBase(ctx, dockerfile);
}

async function withoutHealthcheckAtBase(ctx: CheckContext, dockerfile: string): Promise<boolean> {
  const before = await ctx.dockerfile(dockerfile, 'base');
  const stage = before && finalStage(before);
  return Boolean(before && stage && !effectiveInstruction(before, stage, 'HEALTHCHECK'));
}

/** `docker-compose.mysql.yml`, `compose-sqlite-redis.yaml`: a variant of the plain compose file beside it, named by what it changes. */
const VARIANT_COMPOSE = /^(?:docker-)?compose[.-]([\w.-]+)\.ya?ml$/i;

/**
 * The plain compose file beside a new variant of it (`docker-compose.mysql.yml` beside `docker-compose.yml`) when
 * that file is production configuration the base already had and runs the same container under the same name —
 * building the same Dockerfile, or pulling the same image (any tag) — without a healthcheck, and the service was
 * there before the change (under its name, or renamed, see renamedService) without one: the variant repeats the
 * service the repository already runs, for another database or cache, and the healthcheck belongs on the
 * original, where adding it is the same decision. A variant named for production (`docker-compose.prod.yml`) is
 * the production stack and judged as new, and so is a service the plain file has with a healthcheck, under
 * another name, or as another container (a prebuilt image where it builds one).
 */
async function variantOfUncheckedService(ctx: CheckContext, file: ChangedFile, service: ComposeService, dockerfile: string | undefined, variables: HeadVariables): Promise<string | undefined> {
  if (file.status !== 'added' && file.status !== 'copied') return undefined;
  const variant = VARIANT_COMPOSE.exec(posix.basename(file.path))?.[1];
  if (!variant || variant.split(/[.-]/).some((w) => PRODUCTION_VARIANT.test(w) || /^(?:stack|swarm)$/i.test(w))) return undefined;
  const image = getString(service.node, 'image');
  for (const name of PLAIN_COMPOSE_NAMES) {
    const sibling = repoJoin(repoDir(file.path), name);
    const edited = ctx.changed(sibling);
    if (sibling === file.path || edited?.status === 'added' || edited?.status === 'copied') continue;
    const head = await ctx.yaml(sibling);
    const twin = head && !head.error ? composeServices(head).find((s) => s.name === service.name) : undefined;
    if (!head || !twin || hasHealthcheck(twin, head)) continue;
    const same = dockerfile !== undefined ? builtDockerfile(sibling, twin, head, await variables(sibling)) === dockerfile : getPair(twin.node, 'build') === undefined && image !== undefined && imageRepository(getString(twin.node, 'image')) === imageRepository(image);
    if (!same || (await ctx.role(sibling)).role !== 'production') continue;
    // A plain file the change leaves alone ran it before; an edited one must have had it, under its name or renamed.
    if (!edited) return sibling;
    const base = await ctx.yaml(edited.previousPath ?? sibling, 'base');
    const before = base && !base.error ? composeServices(base).find((s) => s.name === twin.name) : undefined;
    if (before ? !hasHealthcheck(before, base!) : await renamedService(ctx, edited, twin.name, getString(twin.node, 'image'), dockerfile, base, head)) return sibling;
  }
  return undefined;
}

async function composeFindings(ctx: CheckContext, file: ChangedFile, head: YamlFile, variables: HeadVariables): Promise<ComposeDraft[]> {
  const out: ComposeDraft[] = [];
  const base = await baseYaml(ctx, file);
  const before = new Set(base ? composeServices(base).map((s) => s.name) : []);
  let dependants: Set<string> | undefined;
  const vars = await variables(file.path);
  const doc = head.documents[0]!;
  const checkedBuilds = composeServices(head).filter((s) => getPairMerged(s.node, 'build', doc) && hasHealthcheck(s, head));
  for (const service of composeServices(head)) {
    if (before.has(service.name) || hasHealthcheck(service, head)) continue;
    const command = getPairMerged(service.node, 'command', doc)?.value ?? getPairMerged(service.node, 'entrypoint', doc)?.value;
    const commandText = command ? JSON.stringify(toJS(command)) : undefined;
    if (notServing(service.name, commandText, getString(service.node, 'restart'))) continue;
    const profiles = toJS(getPairMerged(service.node, 'profiles', doc)?.value);
    const build = getPairMerged(service.node, 'build', doc)?.value;
    if (developmentService(Array.isArray(profiles) ? profiles.map(String) : [], getString(build, 'target'))) continue;
    // `extends` may bring a healthcheck from another file; that is not this check's to judge.
    if (getPairMerged(service.node, 'extends', doc)) continue;
    const dockerfile = builtDockerfile(file.path, service, head, vars);
    const ports = getPairMerged(service.node, 'ports', doc)?.value;
    const publishes = isSeq(ports) && ports.items.length > 0;
    if (!dockerfile && !publishes) continue;
    if (!dockerfile) {
      // Neither image nor build: an overlay merged over a service defined in another compose file.
      if (!getPairMerged(service.node, 'image', doc)) continue;
      // An image whose vendor declares a HEALTHCHECK: compose runs it.
      if (vendorHealthcheck(getString(service.node, 'image') ?? '')) continue;
      // An off-the-shelf proxy or monitoring image that nothing depends on: no one waits for it to be ready.
      dependants ??= dependedOn(head);
      if (isInfrastructureImage(getString(service.node, 'image') ?? '') && !dependants.has(service.name)) continue;
      // A stock database or cache, whether or not the app lists it in `depends_on`, unless the file is the
      // deployment users run as shipped and the app depends on it.
      if (DATA_STORE_IMAGE.test(hubImageName(getString(service.node, 'image') ?? '')) && !(dependants.has(service.name) && (await declaresDeployment(ctx, file.path)))) continue;
    }
    // With no compose healthcheck, the container runs the HEALTHCHECK of the image it is built from.
    const built = dockerfile ? await builtImage(ctx, dockerfile) : undefined;
    if (built?.healthcheck || built?.noProbe) continue;
    if (await movedFromOtherCompose(ctx, file, service.name, dockerfile, dockerfile ? undefined : getString(service.node, 'image'))) continue;
    if (await renamedService(ctx, file, service.name, getString(service.node, 'image'), dockerfile, base, head)) continue;
    if (await variantOfUncheckedService(ctx, file, service, dockerfile, variables)) continue;
    const image = built?.image ?? getString(service.node, 'image') ?? '';
    out.push({
      draft: {
        path: file.path,
        line: nodeLine(head, service.pair.key),
        messageId: 'compose',
        data: { service: service.name, reason: dockerfile ? 'builds an image' : 'publishes ports' },
        remediation: composeRemediation(service.name, composePort(service) ?? built?.port ?? '8000', image),
        key: `compose service ${service.name}`,
      },
      dockerfile,
      quietable: !publishes && !command && !getPairMerged(service.node, 'expose', doc),
      healthInCompose: checkedBuilds.length > 0,
      ...(dockerfile ? {} : { image: getString(service.node, 'image') ?? '' }),
    });
  }
  return out;
}

/**
 * The host ports a compose service publishes (`"25:25"`, `127.0.0.1:8080:80/tcp`, `published: 443`), with the
 * address they bind when one is written; a port given alone (`"8080"`) binds a random host port and is left out.
 */
function hostPorts(service: ComposeService): string[] {
  const ports = get(service.node, 'ports');
  if (!isSeq(ports)) return [];
  const out: string[] = [];
  for (const item of ports.items) {
    if (isScalar(item)) {
      const parts = String(item.value).replace(/\/\w+$/, '').split(':');
      if (parts.length >= 2 && !parts.join(':').includes('$')) out.push(parts.slice(0, -1).join(':'));
    } else {
      const published = getString(item, 'published');
      if (published && !published.includes('$')) out.push(`${getString(item, 'host_ip') ?? ''}${getString(item, 'host_ip') ? ':' : ''}${published}`);
    }
  }
  return out;
}

/** A container image without its tag or digest (`redis:7.2` and `redis` are the same image, updated). */
const imageRepository = (image: string | undefined) => (image === undefined ? undefined : parseImageReference(image).name.toLowerCase());

/** True when a kustomization beside the manifest lists it as a patch (its containers are partial). */
async function isKustomizePatch(ctx: CheckContext, path: string): Promise<boolean> {
  const name = posix.basename(path);
  const same = (ref: string | undefined) => ref !== undefined && posix.normalize(ref) === name;
  for (const kustomization of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const yaml = await ctx.yaml(repoJoin(repoDir(path), kustomization));
    if (!yaml) continue;
    const doc = yaml.documents[0]?.contents;
    const merge = get(doc, 'patchesStrategicMerge');
    if (isSeq(merge) && merge.items.some((i) => isScalar(i) && same(String(i.value)))) return true;
    const patches = get(doc, 'patches');
    if (isSeq(patches) && patches.items.some((i) => same(isScalar(i) ? String(i.value) : getString(i, 'path')))) return true;
    return false;
  }
  return false;
}

function containerPort(container: K8sContainer): string | undefined {
  const ports = get(container.node, 'ports');
  if (!isSeq(ports)) return undefined;
  for (const item of ports.items) {
    const port = getString(item, 'containerPort');
    if (port) return port;
  }
  return undefined;
}

async function kubernetesFindings(ctx: CheckContext, file: ChangedFile, head: YamlFile): Promise<Draft[]> {
  const headContainers = k8sContainers(head, ['containers']).filter((c) => LONG_RUNNING_KINDS.has(c.kind));
  if (!headContainers.length) return [];
  const base = await baseYaml(ctx, file);
  const baseContainers = base ? k8sContainers(base, ['containers']) : [];
  // Containers paired with a base container are not new (healthcheck-removed judges those).
  const pairs = matchContainers(baseContainers, headContainers);
  const existing = new Set(pairs.map((p) => p.head));
  const paired = new Set(pairs.map((p) => p.base));
  // Base containers without probes whose workload the change renamed or converted (a ReplicationController
  // turned into a Deployment): the head container of the same name and image is the same container.
  const renamed = baseContainers.filter((c) => !paired.has(c) && !PROBES.some((p) => get(c.node, p)));
  const out: Draft[] = [];
  let patch: boolean | undefined;
  for (const container of headContainers) {
    // A container without `image` is a fragment (a kustomize or strategic-merge patch), not a container definition.
    if (existing.has(container) || PROBES.some((p) => get(container.node, p)) || get(container.node, 'image') === undefined) continue;
    const image = imageRepository(getString(container.node, 'image'));
    const before = renamed.findIndex((c) => c.name === container.name && imageRepository(getString(c.node, 'image')) === image);
    if (before !== -1) {
      renamed.splice(before, 1);
      continue;
    }
    // A DaemonSet container with no port: a node agent or installer (log shipper, monitoring agent, driver installer).
    if (container.kind === 'DaemonSet' && containerPort(container) === undefined) continue;
    patch ??= await isKustomizePatch(ctx, file.path);
    if (patch) return [];
    out.push({
      path: file.path,
      line: nodeLine(head, container.node),
      messageId: 'kubernetes',
      data: { container: container.name, workload: container.workload },
      remediation: k8sRemediation(containerPort(container) ?? '8080'),
      key: `${container.namespace ?? ''}/${container.workload}/${container.name}`,
    });
  }
  return out;
}

const MESSAGES = {
  dockerfile: 'This new image (`FROM {{image}}`) has no `HEALTHCHECK`, so Docker cannot tell a hung container from a working one and never marks it unhealthy.',
  compose: 'New service `{{service}}` {{reason}} but has no `healthcheck`: compose cannot tell a hung container from a working one, and dependants cannot wait for it to be ready.',
  kubernetes: 'New container `{{container}}` in {{workload}} has neither a `readinessProbe` nor a `livenessProbe`: it receives traffic before it is ready and is never restarted when it hangs.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

export default defineCheck({
  id: 'healthcheck-missing',
  title: 'New container without a healthcheck',
  severity: 'notice',
  scope: 'structure',
  acrossFiles: 'check',
  roles: ['production'],
  deployedImages: true,
  messages: MESSAGES,

  remediation: 'Add a `HEALTHCHECK` to the image, a `healthcheck` to the compose service, or `readinessProbe`/`livenessProbe` to the Kubernetes container.',
  async run(ctx) {
    const findings: Draft[] = [];
    const composeDrafts: ComposeDraft[] = [];
    let builds: { covered: Set<string>; published: Set<string> } | undefined;
    // Whether the root README deploys only with Helm or kubectl: the same for every Dockerfile of the change.
    let kubernetesOnly: Promise<string | undefined> | undefined;
    // The `.env` values of each compose file at head, read once for the builds and the services.
    const headVariables = new Map<string, Promise<Map<string, string> | undefined>>();
    const variables: HeadVariables = (path) => {
      let hit = headVariables.get(path);
      if (!hit) headVariables.set(path, (hit = ctx.text(path).then((text) => composeVariables(ctx, path, text ?? ''))));
      return hit;
    };
    /** New Dockerfiles that show no sign of serving: the compose services that build them and publish nothing are not reported either. */
    const quiet = new Set<string>();
    for (const file of ctx.files(['dockerfile', 'yaml'])) {
      if (file.problem) continue;
      const isDocker = isDockerfile(file.path);
      if (isDocker && file.status !== 'added' && file.status !== 'copied') continue;
      if (!isDocker && file.status !== 'added' && file.added.length === 0) continue;
      const text = await ctx.text(file.path);
      if (!text) continue;
      if (isDocker) {
        const parsed = await ctx.dockerfile(file.path);
        const stage = parsed && finalStage(parsed);
        if (!parsed) continue;
        if (!stage || isDevelopmentStage(stage) || isInertImage(parsed, stage) || effectiveInstruction(parsed, stage, 'HEALTHCHECK')) continue;
        // Nothing in a scratch or shell-less distroless image could run a HEALTHCHECK command: health is asked from outside.
        if (cannotRunProbe(parsed, stage)) continue;
        // A vendor's image re-published with labels or defaults only: its healthcheck is the vendor's to set.
        if (republishesImage(parsed, stage)) continue;
        // Built on an image whose vendor declares a HEALTHCHECK: the container inherits it.
        if (vendorHealthcheck(rootImage(parsed, stage))) continue;
        // The repository's own image run as it is: its HEALTHCHECK, or the lack of one, is that image's.
        if (runsOwnImageAsIs(parsed, stage, resolveImage(parsed, rootImage(parsed, stage)), ctx.repository)) continue;
        const start = [effectiveInstruction(parsed, stage, 'ENTRYPOINT'), effectiveInstruction(parsed, stage, 'CMD')].map((i) => i?.args ?? '').join(' ');
        if (notServing(undefined, start, undefined) || (await runsCronDaemon(ctx, file.path, parsed, stage))) continue;
        builds ??= await composeBuilds(ctx, variables);
        if (builds.covered.has(file.path)) continue;
        // Kubernetes ignores HEALTHCHECK: probes belong in the manifest, which this check judges on its own.
        if ((await kubernetesUses(ctx, file.path)).length > 0) continue;
        // A Dockerfile named for Kubernetes (`Dockerfile.k8s`, ever-traduora's `Dockerfile.everk8s`, `kubernetes.Dockerfile`) builds the image a cluster runs.
        if (KUBERNETES_NAMED.test(basename(file.path))) continue;
        if (await (kubernetesOnly ??= kubernetesOnlyProject(ctx))) continue;
        // A hosting platform that builds this Dockerfile and health-checks what it runs (Railway's healthcheckPath, Fly.io's checks).
        if (await platformHealthCheck(file.path, (path) => ctx.text(path))) continue;
        // Rails' own production Dockerfile, made for Kamal, whose proxy checks the app's `/up` route.
        if (KAMAL_DOCKERFILE_HEADER.test(text.slice(0, 1000))) continue;
        // A repository that deploys with its own Helm chart, whose workloads are probed: Kubernetes runs the image and ignores HEALTHCHECK.
        if (await probedChart(file.path, ctx.repository?.name, (path) => ctx.text(path), (dir) => ctx.list(dir))) continue;
        // A base or builder image, or a documentation-site builder: the images built from it are judged, not it.
        if ((await showsNoServer(ctx, file.path, parsed, stage, builds.published)) || (!builds.published.has(file.path) && ((await imageNeverServes(ctx, file.path)) || (await buildsArtifacts(ctx, file.path, parsed, stage))))) {
          quiet.add(file.path);
          continue;
        }
        const image = rootImage(parsed, stage);
        if ((await replacedDockerfile(ctx, image)) || (await variantOfUncheckedImage(ctx, file.path))) continue;
        if (await extendsProjectImage(ctx, file.path, parsed, stage)) continue;
        findings.push({
          path: file.path,
          line: stage.from.startLine,
          messageId: 'dockerfile',
          data: { image },
          remediation: dockerfileRemediation(image, exposedPort(parsed, stage) ?? '8000'),
          key: 'dockerfile:no-healthcheck',
        });
      } else if (isComposeFile(file.path)) {
        const yaml = /\b(?:build|ports)\s*:/.test(text) ? await ctx.yaml(file.path) : null;
        if (yaml) composeDrafts.push(...(await composeFindings(ctx, file, yaml, variables)));
      } else if (/\bcontainers\b/.test(text) && WORKLOAD_KIND.test(text) && !text.includes('{{')) {
        // Helm templates (`{{ … }}`) build probes from values the check cannot see.
        const yaml = await ctx.yaml(file.path);
        if (yaml) findings.push(...(await kubernetesFindings(ctx, file, yaml)));
      }
    }
    // A variant written from a new plain `Dockerfile` the change adds beside it, reported too: one notice, on the plain one.
    for (const f of await variantsOfReportedImages(ctx, findings)) findings.splice(findings.indexOf(f), 1);
    // One missing healthcheck, one notice. Where the stack keeps health in compose (other services it builds
    // have a compose `healthcheck`), the new service says it and the Dockerfile it builds is not reported
    // again; otherwise a `HEALTHCHECK` in the new Dockerfile serves the service too, so the image says it.
    const speaksForImage = new Set(composeDrafts.filter((c) => c.dockerfile && c.healthInCompose).map((c) => c.dockerfile!));
    const imageFindings = findings.filter((f) => f.messageId === 'dockerfile' && speaksForImage.has(f.path));
    for (const f of imageFindings) findings.splice(findings.indexOf(f), 1);
    const reportedImages = new Set(findings.filter((f) => f.messageId === 'dockerfile').map((f) => f.path));
    // A Dockerfile of the change that loses the HEALTHCHECK its base had: healthcheck-removed reports that, and a service
    // that builds it is the same missing healthcheck.
    for (const c of composeDrafts) if (c.dockerfile && !reportedImages.has(c.dockerfile) && (await losesHealthcheck(ctx, c.dockerfile))) reportedImages.add(c.dockerfile);
    // A service that runs by name the image of a reported new Dockerfile (`image: acme/app:1` beside `docker build -t
    // acme/app:1 -f docker/Dockerfile`, `image: acme/shop-cart` for a new `cart/Dockerfile`): the `HEALTHCHECK` asked
    // of the image serves it too. And one that runs an image the change builds with a HEALTHCHECK: compose runs the image's.
    const byName = composeDrafts.some((c) => c.image);
    const reportedNames = byName && reportedImages.size > 0 ? await imageNames(ctx, reportedImages) : undefined;
    const healthyImages = byName ? await imageNames(ctx, await dockerfilesWithHealthcheck(ctx)) : undefined;
    const runsNamed = async (c: ComposeDraft, images: ImageNames | undefined) => {
      if (!c.image || !images || images.names.size + images.folders.size === 0) return false;
      const expanded = expandVariables(c.image, lookup((await variables(c.draft.path)) ?? new Map(), { emptyIsUnset: true }));
      return namesImage(expanded.complete ? expanded.text : c.image, images);
    };
    // A stack below the root that nothing shows is run as a deployment (no deployment folder or production name, no
    // README that starts it, no comment that says self-hosting or production) is a local or auxiliary stack: its
    // services' health is nobody's production concern. Its drafts still speak for the images it builds (above).
    const deployed = new Map<string, Promise<boolean>>();
    const isDeployed = (path: string) => {
      let hit = deployed.get(path);
      if (!hit) deployed.set(path, (hit = deployedStack(path, () => ctx.role(path), (p) => ctx.text(p)).then((why) => why !== undefined)));
      return hit;
    };
    for (const c of composeDrafts) {
      if (c.dockerfile ? reportedImages.has(c.dockerfile) || (c.quietable && quiet.has(c.dockerfile)) : (await runsNamed(c, reportedNames)) || (await runsNamed(c, healthyImages))) continue;
      if (!(await isDeployed(c.draft.path))) continue;
      findings.push(c.draft);
    }
    return findings;
  },
});
