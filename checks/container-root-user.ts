// container-root-user: a Dockerfile the change adds or edits whose final stage runs as root, and compose/Kubernetes settings it adds that run a container as root.
import type { ChangedFile } from '../src/model/change-set.js';
import { defineCheck, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { deletedContent } from '../src/engine/moved-lines.js';
import { commandText, drivesHostDocker, imageNeverServes, mountsEngineSocket } from '../src/engine/file-role.js';
import { runsOwnImageAsIs } from '../src/engine/own-image.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { kubernetesUses, readsNodeFiles, runsAsNonRoot } from '../src/engine/kubernetes-images.js';
import { buildsArtifacts, commandDropsRoot, runsCronDaemon, scriptDropsRoot, scriptSources, startScripts } from '../src/engine/start-scripts.js';
import { composeServices } from '../src/parse/compose.js';
import {
  commandWords,
  effectiveInstruction,
  finalStage,
  hubImageName,
  imageWithoutRegistry,
  isDevelopmentStage,
  isInertImage,
  parseDockerfile,
  parseImageReference,
  finalStageShare,
  resolveImage,
  rootImage,
  stageLineage,
  startInstructions,
  type Dockerfile,
  type DockerStage,
} from '../src/parse/dockerfile.js';
import { isComposeFile, isDockerfile, repoDir, repoJoin } from '../src/parse/file-kinds.js';
import { k8sContainers } from '../src/parse/kubernetes.js';
import { effectiveCommands, programName, shellCommands } from '../src/parse/shell.js';
import { get, getPair, isScalar, scalarText, nodeLine, toJS, type YamlFile } from '../src/parse/yaml.js';

/** ko's build configuration (`.ko.yaml`), which names the base image ko puts a Go binary on. */
const KO_CONFIG = /(?:^|\/)\.ko\.ya?ml$/;

/** Cheap tests before parsing: a compose `user:` or a Kubernetes setting that could mean root. */
const ROOT_USER_SETTING = /\buser["']?\s*:\s*["']?(?:root|0+)\b/;
const ROOT_SECURITY_CONTEXT = /\brunAsUser["']?\s*:\s*["']?0+\b|\brunAsNonRoot["']?\s*:\s*false\b/;
/** Chainguard images that are plain bases (root by default), unlike its application images. */
const CHAINGUARD_ROOT_BASES = new Set(['wolfi-base', 'chainguard-base']);

const isRootUser = (user: string) => {
  const name = user.split(':')[0]!.trim().replace(/^["']|["']$/g, '');
  return name === 'root' || /^0+$/.test(name);
};

/** Images documented to run as a non-root user when no USER is set. */
function isNonRootImage(image: string): boolean {
  const { name, tag } = parseImageReference(image);
  const lower = name.toLowerCase();
  // Distroless and others publish `:nonroot`, `:debug-nonroot`, `:latest-nonroot` tags.
  if (tag && /(?:^|[-_.])nonroot(?:$|[-_.])/i.test(tag)) return true;
  // Chainguard's application images run as a non-root user; the `-dev` variants are builder images and not trusted here.
  const chainguard = /^cgr\.dev\/chainguard\/([^/]+)$/.exec(lower);
  if (chainguard && !CHAINGUARD_ROOT_BASES.has(chainguard[1]!) && !(tag && /(?:^|-)dev$/.test(tag))) return true;
  // Docker Hardened Images (`dhi.io/python:3.13-debian13`): the runtime variants run as the `nonroot` user; the `-dev` variants are builders, root.
  if (/^dhi\.io\/[^/]+$/.test(lower) && !(tag && /(?:^|-)dev(?:$|-)/.test(tag))) return true;
  if (/(?:^|\/)nginx-unprivileged$/.test(lower)) return true;
  // Temporal's server images (`temporalio/server`, and `temporalio/auto-setup` built on it) create the `temporal` user
  // and end with `USER temporal`, as the Dockerfiles of temporalio/temporal and temporalio/docker-builds write it.
  if (/^(?:docker\.io\/)?temporalio\/(?:server|auto-setup)$/.test(lower)) return true;
  // Red Hat's UBI OpenJDK images (`ubi8/openjdk-17-runtime`, `ubi9/openjdk-21`) run as the `jboss`/`default` user, uid 185, as their image documentation says.
  return /(?:^|\/)ubi\d+\/openjdk-\d+(?:-runtime)?$/.test(lower);
}

/**
 * LinuxServer.io images (`lscr.io/linuxserver/…`, `ghcr.io/linuxserver/baseimage-alpine`, `linuxserver/…` on Docker Hub, and the
 * older base images `lsiobase/alpine`, `lsiobase/ubuntu`)
 * start s6-overlay as root by design: its init sets the `abc` user to the `PUID`/`PGID` a user gives, fixes the
 * ownership of `/config`, then starts every service with `s6-setuidgid abc`. A `USER` would break that init, and the
 * service itself does not run as root.
 */
const isLinuxServerImage = (image: string) => /^(?:(?:(?:lscr\.io|ghcr\.io)\/)?linuxserver|lsiobase)\/[^/]+$/.test(hubImageName(image));

/** A user created in a RUN (`useradd -u 2000 app`, `adduser -D app`, `addgroup … && adduser … app`). */
const createsUser = (run: string, name: string) => new RegExp(`\\b(?:useradd|adduser)\\b[^;&|\\n]*\\s${escapeRegExp(name)}(?=[\\s;&|"']|$)`).test(run);

/**
 * True when the stage runs on an image the repository's own organisation publishes (`ghcr.io/ministryofjustice/hmpps-eclipse-temurin`
 * in a `ministryofjustice/…` repository) and hands its files to a named non-root user it never creates
 * (`COPY --chown=appuser:appgroup …`): that user can only come from the organisation's base image, which is a
 * hardened base that defines it and runs as it. `COPY --chown=node` on `node:20` without `USER node` is the usual
 * forgotten `USER` and stays reported, as does an organisation image with no such user.
 */
function ownBaseDefinesUser(file: Dockerfile, stage: DockerStage, image: string, owner: string | undefined): boolean {
  const path = imageWithoutRegistry(parseImageReference(image).name).split('/');
  // An official image (`node`) has no owner of its own.
  if (owner === undefined || path.length < 2 || path[0] !== owner.toLowerCase()) return false;
  const instructions = stageLineage(file, stage).flatMap((s) => s.instructions);
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  return instructions.some((i) => {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') return false;
    const name = /--chown=["']?([A-Za-z_][\w.-]*)/.exec(i.args)?.[1];
    return name !== undefined && !isRootUser(name) && !runs.some((run) => createsUser(run, name));
  });
}

/**
 * Servers that refuse to serve requests as root: Apache httpd starts its children as the `User` of its
 * configuration (`apache`, `www-data`, `daemon`) and will not run them as root unless built with
 * BIG_SECURITY_HOLE, and PHP-FPM will not run a pool as root without `--allow-to-run-as-root` (`-R`).
 * Their root master only binds the port and manages the children; the app (mod_php, the FPM pool) runs
 * unprivileged. nginx is not one of them: it runs its workers as root when told to (`user root;`).
 */
const WORKER_DROPPING_SERVER = /^(?:httpd|apache2|apache2ctl|apachectl|apache2-foreground|httpd-foreground|php-fpm[\d.]*)$/;
const ALLOWS_ROOT_POOL = /^(?:-R|--allow-to-run-as-root)$/;
const isWorkerDroppingServer = (command: readonly string[]) => command.length > 0 && WORKER_DROPPING_SERVER.test(programName(command[0]!)) && !command.some((w) => ALLOWS_ROOT_POOL.test(w));
/** Official images whose own start command is such a server (`php:8.3-apache` runs `apache2-foreground`, `httpd` runs `httpd-foreground`). */
const WORKER_DROPPING_IMAGE = (image: string) => {
  const { tag } = parseImageReference(image);
  const lower = hubImageName(image);
  return lower === 'httpd' || (lower === 'php' && tag !== undefined && /(?:^|-)(?:apache|fpm)(?:$|-)/i.test(tag));
};

/**
 * Official database and broker images whose own entrypoint (`docker-entrypoint.sh`), started as root, fixes
 * the data folder's ownership and re-runs itself as the service's user with `gosu` when the command is the
 * server (`exec gosu postgres "$BASH_SOURCE" "$@"`), and the server program each steps down for. PostGIS and
 * TimescaleDB keep the `postgres` image's entrypoint.
 */
const STEP_DOWN_IMAGES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['postgres', ['postgres']],
  ['postgis/postgis', ['postgres']],
  ['timescale/timescaledb', ['postgres']],
  ['mysql', ['mysqld']],
  ['mariadb', ['mariadbd', 'mysqld']],
  ['mongo', ['mongod']],
  ['redis', ['redis-server']],
  ['rabbitmq', ['rabbitmq-server']],
  // ClickHouse's server image: its `/entrypoint.sh`, started as root, runs the server as the `clickhouse` user
  // (`clickhouse su "${USER}:${GROUP}"`, `gosu` in older releases).
  ['clickhouse/clickhouse-server', ['clickhouse-server', 'clickhouse']],
  ['yandex/clickhouse-server', ['clickhouse-server', 'clickhouse']],
]);

/**
 * True when the stage keeps the start of an official image whose entrypoint steps down from root (see
 * STEP_DOWN_IMAGES): no `ENTRYPOINT` of its own, and no `CMD` or one that runs that server (or only gives it
 * options, which the entrypoint passes to it): `FROM postgres:15` with an init script copied in.
 */
function vendorEntrypointDropsRoot(file: Dockerfile, stage: DockerStage, image: string | undefined): boolean {
  if (image === undefined) return false;
  const name = hubImageName(image);
  const servers = STEP_DOWN_IMAGES.get(name);
  if (!servers || effectiveInstruction(file, stage, 'ENTRYPOINT')) return false;
  const cmd = effectiveInstruction(file, stage, 'CMD');
  const first = cmd ? commandWords(cmd.args).words[0] : undefined;
  return first === undefined || first.startsWith('-') || servers.includes(programName(first));
}

/**
 * True when the stage's start command visibly drops root itself (`gosu app …`, `su-exec`, `setpriv`), or
 * starts a server that runs its workers unprivileged (Apache httpd, PHP-FPM), or — with no start command
 * of its own — inherits one from an official image that does.
 */
function dropsPrivileges(file: Dockerfile, stage: DockerStage, image: string | undefined): boolean {
  const start = startInstructions(file, stage);
  if (start.length === 0) return image !== undefined && WORKER_DROPPING_IMAGE(image);
  for (const ins of start) {
    const { form, words } = commandWords(ins.args);
    const commands = effectiveCommands(form === 'exec' ? words : ['/bin/sh', '-c', ins.args]);
    if ([words, ...commands].some((ws) => ws.some((_, i) => commandDropsRoot(ws.slice(i))))) return true;
    if (commands.some(isWorkerDroppingServer)) return true;
  }
  return false;
}

/** A start-script line whose command (maybe after `exec`) is Apache httpd or PHP-FPM: it serves from unprivileged workers. */
const SCRIPT_RUNS_WORKER_DROPPING_SERVER = /^\s*(?:exec\s+)?(?:\/[\w./-]*\/)?(?:httpd|apache2|apache2ctl|apachectl|apache2-foreground|httpd-foreground|php-fpm[\d.]*)(?=[\s"';]|$)(?![^\n]*\s(?:-R|--allow-to-run-as-root)\b)/m;
/** A start script or command that runs uWSGI, whose ini file may set the user it drops to. */
const RUNS_UWSGI = /^[^#\n]*\buwsgi\b/m;
/** `uid = app` in a uWSGI ini file: uWSGI drops root to that user once it has bound its sockets. */
const UWSGI_UID = /^\s*uid\s*=\s*["']?([^\s"';#]+)/m;
/** A command that starts supervisord, and the configuration option it may be given (`supervisord -c /etc/app/supervisord.conf`). */
const RUNS_SUPERVISORD = /(?:^|[\s/"'])supervisord(?=[\s"']|$)/;
const SUPERVISORD_CONFIG = /\s(?:-c|--configuration)[\s=]+["']?([^\s"';]+)/;
/** Where supervisord looks for its configuration when it is given none. */
const SUPERVISORD_DEFAULTS = ['/etc/supervisord.conf', '/etc/supervisor/supervisord.conf'];

/**
 * True when an INI configuration of supervisord runs nothing as root: its `[supervisord]` section names a
 * non-root `user`, which supervisord switches to before it starts any program, or every `[program:…]` section
 * (one at least) names a non-root `user` to run it as.
 */
export function supervisordDropsRoot(conf: string): boolean {
  let section = '';
  let daemonUser: string | undefined;
  const programs = new Map<string, string | undefined>();
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.replace(/[;#].*$/, '').trim();
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      section = head[1]!.trim().toLowerCase();
      if (section.startsWith('program:')) programs.set(section, undefined);
      continue;
    }
    const user = /^user\s*=\s*(\S+)/.exec(line)?.[1];
    if (user === undefined) continue;
    if (section === 'supervisord') daemonUser = user;
    else if (programs.has(section)) programs.set(section, user);
  }
  if (daemonUser !== undefined) return !isRootUser(daemonUser);
  return programs.size > 0 && [...programs.values()].every((u) => u !== undefined && !isRootUser(u));
}

/**
 * True when the stage's start command, or its start script, starts supervisord with a configuration (found in
 * the repository through the `COPY` that puts it in the image) that runs nothing as root (supervisordDropsRoot).
 */
async function supervisordRunsUnprivileged(ctx: CheckContext, path: string, file: Dockerfile, stage: DockerStage): Promise<boolean> {
  const start = startInstructions(file, stage).map((ins) => commandWords(ins.args).words.join(' ')).join('\n');
  const texts = [start, ...(await startScripts(ctx, path, file, stage)).map((s) => scriptCommandsText(s.text))];
  for (const line of texts.flatMap((t) => t.split('\n'))) {
    if (!RUNS_SUPERVISORD.test(line)) continue;
    const given = SUPERVISORD_CONFIG.exec(line)?.[1];
    for (const conf of given ? [given] : SUPERVISORD_DEFAULTS) {
      for (const source of scriptSources(file, stage, path, conf)) {
        const ini = await ctx.text(source);
        if (ini !== null) return supervisordDropsRoot(ini);
      }
    }
  }
  return false;
}

/** A script's commands, one a line, without its comments. */
const scriptCommandsText = (text: string) => shellCommands(text).map((words) => words.join(' ')).join('\n');

/**
 * True when the image's start script drops root before the app runs: the script calls `gosu`, `su-exec`,
 * `setpriv` and the like, starts Apache httpd or PHP-FPM (which serve from unprivileged workers), or
 * starts uWSGI with an ini file beside it that sets a non-root `uid`; or when the container runs a cron
 * daemon, which needs root.
 */
async function scriptDropsPrivileges(ctx: CheckContext, path: string, file: Dockerfile, stage: DockerStage): Promise<boolean> {
  // A cron daemon needs root to run each job as its user; the jobs drop it themselves.
  if (await runsCronDaemon(ctx, path, file, stage)) return true;
  // supervisord switched to a non-root user by its configuration runs every program as that user.
  if (await supervisordRunsUnprivileged(ctx, path, file, stage)) return true;
  for (const script of await startScripts(ctx, path, file, stage)) {
    if (scriptDropsRoot(script.text) || SCRIPT_RUNS_WORKER_DROPPING_SERVER.test(script.text)) return true;
    if (RUNS_UWSGI.test(script.text)) {
      const ini = await ctx.text(repoJoin(repoDir(script.path), 'uwsgi.ini'));
      const uid = ini && UWSGI_UID.exec(ini)?.[1];
      if (uid && !isRootUser(uid)) return true;
    }
  }
  return false;
}

function userSnippet(image: string): string {
  const { name, tag } = parseImageReference(image);
  const lower = `${name}:${tag ?? ''}`.toLowerCase();
  if (lower.includes('distroless')) return ['Use the image variant that runs as a non-root user:', '', '```dockerfile', `FROM ${name}:nonroot`, '```'].join('\n');
  if (name === 'scratch') return ['Run the binary as an unprivileged numeric user (no `/etc/passwd` needed):', '', '```dockerfile', 'USER 65532:65532', '```'].join('\n');
  if (lower.includes('alpine') || lower.includes('chainguard') || lower.includes('wolfi')) {
    return [
      'Create an unprivileged user and switch to it at the end of the final stage:',
      '',
      '```dockerfile',
      'RUN addgroup -S app && adduser -S -G app -H app',
      'COPY --chown=app:app . /app',
      'USER app',
      '```',
    ].join('\n');
  }
  return [
    'Create an unprivileged user and switch to it at the end of the final stage:',
    '',
    '```dockerfile',
    'RUN groupadd --system app && useradd --system --gid app --no-create-home app',
    'COPY --chown=app:app . /app',
    'USER app',
    '```',
    '',
    'On Alpine-based images use `RUN addgroup -S app && adduser -S -G app -H app`. Files the app writes at run time need a directory that user owns.',
  ].join('\n');
}

const COMPOSE_REMEDIATION = [
  'Run the service as an unprivileged user, or drop the override and let the image’s own `USER` apply:',
  '',
  '```yaml',
  'user: "10001:10001"',
  '```',
].join('\n');

const K8S_REMEDIATION = [
  'Run the pod as an unprivileged user and let Kubernetes refuse root:',
  '',
  '```yaml',
  'securityContext:',
  '  runAsNonRoot: true',
  '  runAsUser: 10001',
  '  allowPrivilegeEscalation: false',
  '```',
].join('\n');

/** The base version's final-stage USER that was non-root, for "the change removed it". */
async function removedUser(ctx: CheckContext, file: ChangedFile): Promise<{ user: string; line: number } | undefined> {
  if (file.status === 'added' || file.status === 'copied') return undefined;
  const parsed = await ctx.dockerfile(file.previousPath ?? file.path, 'base');
  if (!parsed) return undefined;
  const stage = finalStage(parsed);
  const user = stage && effectiveInstruction(parsed, stage, 'USER');
  if (!user) return undefined;
  const name = commandWords(user.args).words[0] ?? '';
  return isRootUser(name) ? undefined : { user: name, line: user.startLine };
}

/**
 * True when the base version already ran as root: its final stage (a real one, not a development or
 * data stage) set no `USER` or a root one. Such a Dockerfile is not the change's doing: an image bump, a
 * new build stage or an edit elsewhere in it does not make it worse, so the change is not blamed for it.
 * A rename counts as the same file.
 */
async function baseRanAsRoot(ctx: CheckContext, file: ChangedFile): Promise<boolean> {
  if (file.status === 'added' || file.status === 'copied') return copiesRootDockerfile(ctx, file);
  return ranAsRoot(await ctx.dockerfile(file.previousPath ?? file.path, 'base'));
}

/** True when a Dockerfile's final stage (a real one, not a development or data stage) sets no `USER` or a root one. */
function ranAsRoot(parsed: Dockerfile | null): boolean {
  const stage = parsed && finalStage(parsed);
  if (!parsed || !stage || isDevelopmentStage(stage) || isInertImage(parsed, stage)) return false;
  const user = effectiveInstruction(parsed, stage, 'USER');
  return !user || isRootUser(commandWords(user.args).words[0] ?? '');
}

/**
 * True when the base version's final stage set no `USER` at all and rested on an image not known to run as a
 * non-root user, and the head's rests on the same image (by name, any tag) or on an official Docker library
 * image (`debian`, `node`, `python`: they run as root unless told otherwise): the image ran as root before the
 * change, so an explicit `USER root` the change writes (traccar's, on `java:8-alpine`, before its `RUN apk …`;
 * Part-DB's FrankenPHP image rebuilt on `debian:bookworm-slim`) only says what was already so. Another
 * vendor's image may run as its own user by default (`bitnami/node`), which `USER root` then overrides.
 */
async function baseRanAsRootWithoutUser(ctx: CheckContext, file: ChangedFile, image: string): Promise<boolean> {
  if (file.status === 'added' || file.status === 'copied') return false;
  const parsed = await ctx.dockerfile(file.previousPath ?? file.path, 'base');
  const stage = parsed && finalStage(parsed);
  if (!parsed || !stage || !ranAsRoot(parsed) || effectiveInstruction(parsed, stage, 'USER')) return false;
  const before = resolveImage(parsed, rootImage(parsed, stage));
  if (before === undefined || isNonRootImage(before) || isNonRootImage(image)) return false;
  const name = parseImageReference(image).name.toLowerCase();
  return parseImageReference(before).name.toLowerCase() === name || /^(?:docker\.io\/)?(?:library\/)?[a-z0-9][\w.-]*$/.test(name);
}

/** The start command (ENTRYPOINT and CMD words) a final stage runs, or undefined when it sets none. */
function startCommand(file: Dockerfile, stage: DockerStage): string | undefined {
  const start = startInstructions(file, stage).map((ins) => `${ins.keyword} ${JSON.stringify(commandWords(ins.args).words)}`);
  return start.length ? start.join('\n') : undefined;
}

/** How much of a final stage a new Dockerfile must share with an existing one to count as its copy. */
const COPY_SHARE = 0.6;

/**
 * True when a Dockerfile the change adds is a copy of one that already ran as root: a production
 * Dockerfile the change edits, renames or removes, whose final stage at base had no `USER` (or a root
 * one), the same start command and at least COPY_SHARE of the same instructions; or one the change
 * removes whose final stage started from the same base image (a rewrite of the image it replaces). Per-architecture or
 * per-base-image variants generated from one template, and a set of Dockerfiles restructured into new
 * files, repeat a decision made before the change; a new image with its own start command does not.
 */
async function copiesRootDockerfile(ctx: CheckContext, file: ChangedFile): Promise<boolean> {
  const parsed = await ctx.dockerfile(file.path);
  const stage = parsed && finalStage(parsed);
  const start = parsed && stage && startCommand(parsed, stage);
  if (!parsed || !stage || !start) return false;
  const templates: { path: string; previousPath?: string; unchanged?: boolean; deleted?: boolean }[] = [
    ...ctx.files('dockerfile').filter((f) => f.path !== file.path && f.status !== 'added' && f.status !== 'copied').map((f) => ({ path: f.path, ...(f.previousPath ? { previousPath: f.previousPath } : {}) })),
    ...ctx.removedFiles().filter((f) => isDockerfile(f.path)).map((f) => ({ path: f.path, deleted: true })),
  ];
  // The plain `Dockerfile` of the same folder, when the change leaves it alone: a `Dockerfile.multistage` or
  // `Dockerfile.alpine` written from it repeats its decision about the user.
  const sibling = repoJoin(repoDir(file.path), 'Dockerfile');
  if (sibling !== file.path && !ctx.changed(sibling) && !templates.some((t) => t.path === sibling)) templates.push({ path: sibling, unchanged: true });
  const copies = async (template: { path: string; previousPath?: string; unchanged?: boolean; deleted?: boolean }) => {
    const basePath = template.previousPath ?? template.path;
    if ((await ctx.role(basePath)).role !== 'production') return false;
    // A file the change leaves alone reads the same at head, where the App has it planned beside the new file.
    const old = await ctx.dockerfile(basePath, template.unchanged ? 'head' : 'base');
    const oldStage = old && finalStage(old);
    if (!old || !oldStage || !ranAsRoot(old)) return false;
    if (startCommand(old, oldStage) === start && finalStageShare(stage, oldStage) >= COPY_SHARE) return true;
    // A Dockerfile the change deletes, rewritten as this one on the same base image (ralph's root `Dockerfile` on
    // `ubuntu:bionic` deleted for a new `docker/Dockerfile-prod` on `ubuntu:bionic`): the image it replaces ran as root.
    if (template.deleted && sameBaseImage(parsed, stage, old, oldStage)) return true;
    // A template the change edits as well (tinyauth's `Dockerfile` gaining a HEALTHCHECK and `ENTRYPOINT ["tinyauth"]`
    // while `Dockerfile.distroless` is written from it): the copy may follow its new text, as long as that still runs as root.
    if (template.unchanged || ctx.changed(template.path)?.status === 'removed') return false;
    const now = await ctx.dockerfile(template.path);
    const nowStage = now && finalStage(now);
    return Boolean(now && nowStage && ranAsRoot(now) && startCommand(now, nowStage) === start && finalStageShare(stage, nowStage) >= COPY_SHARE);
  };
  for (const template of templates) if (await copies(template)) return true;
  // Then the other Dockerfiles of its folder the change leaves alone, listed only now (go2rtc's
  // `docker/rockchip.Dockerfile` written from `docker/hardware.Dockerfile`, another base image under the same stage).
  for (const listed of (await ctx.list(repoDir(file.path), 'base')) ?? []) {
    const other = listed.includes('/') ? listed : repoJoin(repoDir(file.path), listed);
    if (other === file.path || !isDockerfile(other) || ctx.changed(other) || templates.some((t) => t.path === other)) continue;
    if (await copies({ path: other, unchanged: true })) return true;
  }
  return false;
}

/** Whether two final stages start from the same image, tag aside (`ubuntu:bionic`, `node:21-alpine` and `node:${NODE_VERSION}-alpine`). */
function sameBaseImage(file: Dockerfile, stage: DockerStage, other: Dockerfile, otherStage: DockerStage): boolean {
  const name = (f: Dockerfile, s: DockerStage) => parseImageReference(rootImage(f, s)).name.toLowerCase();
  const mine = name(file, stage);
  return mine !== '' && !mine.includes('$') && mine === name(other, otherStage);
}

/** Words of a Dockerfile name (split on `.`, `-`, `_`) that name the variant running as a non-root user, and the one running as root. */
const ROOTLESS_WORD = /^(?:rootless|nonroot|unprivileged)$/i;
const ROOT_WORD = /^root$/i;
const nameWords = (path: string) => path.slice(path.lastIndexOf('/') + 1).split(/[.\-_]/);

/**
 * The Dockerfile beside this one (same folder, at head) that builds the same image to run as a non-root user,
 * when one of the two names says which is which (`Dockerfile` beside `Dockerfile.rootless`, `Dockerfile.root`
 * beside `Dockerfile`): it sets a non-root `USER`, has the same start command and at least COPY_SHARE of the
 * same final-stage instructions. The project publishes both and users choose; the root one is a deliberate
 * variant, not an oversight a reviewer would ask to fix.
 */
async function rootlessTwin(ctx: CheckContext, path: string, parsed: Dockerfile, stage: DockerStage): Promise<string | undefined> {
  const start = startCommand(parsed, stage);
  if (!start) return undefined;
  const dir = repoDir(path);
  const listed = (await ctx.list(dir)) ?? [];
  const own = nameWords(path).some((w) => ROOT_WORD.test(w));
  for (const entry of listed) {
    const other = entry.includes('/') ? entry : repoJoin(dir, entry);
    if (other === path || !isDockerfile(other) || (!own && !nameWords(other).some((w) => ROOTLESS_WORD.test(w)))) continue;
    const twin = await ctx.dockerfile(other);
    const twinStage = twin && finalStage(twin);
    const user = twin && twinStage ? effectiveInstruction(twin, twinStage, 'USER') : undefined;
    if (!twin || !twinStage || !user || isRootUser(commandWords(user.args).words[0] ?? '')) continue;
    if (startCommand(twin, twinStage) === start && finalStageShare(stage, twinStage) >= COPY_SHARE && (await ctx.role(other)).role === 'production') return other;
  }
  return undefined;
}

/**
 * True when the change deploys the image on Kubernetes only as containers that must run as a non-root user,
 * or only as node agents that read the node's own files (a DaemonSet container mounting a `hostPath`: a log
 * shipper reading `/var/log`), which are root's on the node.
 */
async function kubernetesRunsNonRoot(ctx: CheckContext, path: string): Promise<boolean> {
  const uses = await kubernetesUses(ctx, path);
  return uses.length > 0 && uses.every((u) => runsAsNonRoot(u.container) || readsNodeFiles(u.container));
}

/** True when the change removes a `USER` line that named root (`USER root:root`, `USER 0`). */
function removesRootUser(file: ChangedFile): boolean {
  return file.removed.some((l) => {
    const m = /^\s*USER\s+(\S+)/i.exec(l.text);
    return m !== null && isRootUser(m[1]!);
  });
}

/**
 * The stages other than the last that the project's commands build as images of their own: a `docker build`
 * (`docker buildx build`, `podman build`) line of the README, `Makefile`, `justfile` or `package.json` that names
 * the Dockerfile with `-f` and the stage with `--target` (`docker build -t permitio/opal-client:latest-alpine
 * --target client-alpine -f docker/Dockerfile .`).
 */
async function builtTargets(ctx: CheckContext, path: string, parsed: Dockerfile): Promise<DockerStage[]> {
  const final = finalStage(parsed);
  if (parsed.stages.length < 2 || !parsed.stages.some((s) => s !== final && s.name !== undefined)) return [];
  const commands = await commandText(ctx);
  const names = new Set<string>();
  const named = new RegExp(`(?:^|\\s)(?:-f|--file)[ =]+["']?(?:\\./)?${escapeRegExp(path)}["']?(?=\\s|$)`);
  for (const line of commands.split(/\r?\n/)) {
    if (!/\b(?:docker|podman|buildah)\s+(?:buildx\s+)?(?:build|bud)\b/.test(line) || !named.test(line)) continue;
    for (const m of line.matchAll(/(?:^|\s)--target[ =]+["']?([\w.-]+)/g)) names.add(m[1]!.toLowerCase());
  }
  return parsed.stages.filter((s) => s !== final && s.name !== undefined && names.has(s.name));
}

/**
 * A stage the project builds as an image (see builtTargets) that this change switches to root and leaves there: the
 * stage's last `USER` is a root one the change writes, and the stage it builds on ran as a non-root user (opal's
 * `client-alpine`, `FROM client-standalone-alpine` with `USER opal`, then `USER root` to copy a binary in and no
 * `USER opal` after it, unlike its Debian twin). A target that starts as root and stays so is not the change's doing.
 */
async function targetFindings(ctx: CheckContext, file: ChangedFile, parsed: Dockerfile): Promise<Draft[]> {
  const out: Draft[] = [];
  for (const stage of await builtTargets(ctx, file.path, parsed)) {
    if (isDevelopmentStage(stage) || isInertImage(parsed, stage)) continue;
    const user = stage.instructions.filter((i) => i.keyword === 'USER').pop();
    const name = user ? (commandWords(user.args).words[0] ?? '') : '';
    if (!user || !isRootUser(name) || !ctx.isNew(file.path, user.startLine, user.endLine)) continue;
    const parent = stageLineage(parsed, stage)[1];
    const before = parent && effectiveInstruction(parsed, parent, 'USER');
    if (!before || isRootUser(commandWords(before.args).words[0] ?? '')) continue;
    const image = resolveImage(parsed, rootImage(parsed, stage));
    if (dropsPrivileges(parsed, stage, image) || (await scriptDropsPrivileges(ctx, file.path, parsed, stage))) continue;
    out.push({ path: file.path, line: user.startLine, endLine: user.endLine, messageId: 'targetRootUser', data: { user: name, stage: stage.name!, previous: commandWords(before.args).words[0] ?? '' }, remediation: userSnippet(image ?? ''), key: `dockerfile:root-user:${stage.name}` });
  }
  return out;
}

async function dockerfileFindings(ctx: CheckContext, file: ChangedFile): Promise<Draft[]> {
  const parsed = await ctx.dockerfile(file.path);
  if (!parsed) return [];
  return [...(await finalStageFindings(ctx, file, parsed)), ...(await targetFindings(ctx, file, parsed))];
}

async function finalStageFindings(ctx: CheckContext, file: ChangedFile, parsed: Dockerfile): Promise<Draft[]> {
  const stage = finalStage(parsed);
  if (!stage || isDevelopmentStage(stage) || isInertImage(parsed, stage)) return [];
  const user = effectiveInstruction(parsed, stage, 'USER');
  const image = resolveImage(parsed, rootImage(parsed, stage));
  // A base or builder image, or a documentation-site builder, never runs as a service: the final image sets its user.
  // A container given the host's Docker socket is root on the host whatever its USER. A build container
  // (its start ends by compiling, no port) is run on a source tree to produce artifacts, not deployed.
  if ((!user || isRootUser(commandWords(user.args).words[0] ?? '')) && ((await imageNeverServes(ctx, file.path)) || (await drivesHostDocker(ctx, file.path)) || (await buildsArtifacts(ctx, file.path, parsed, stage)))) return [];
  if (user) {
    const name = commandWords(user.args).words[0] ?? '';
    if (!isRootUser(name) || dropsPrivileges(parsed, stage, image) || (await scriptDropsPrivileges(ctx, file.path, parsed, stage)) || (await kubernetesRunsNonRoot(ctx, file.path))) return [];
    // An old `USER root` is reported only when this change writes it, and moving one (`USER root:root` taken
    // out of a build stage, `USER root` written in the stage the image runs) writes nothing new.
    if ((!ctx.isNew(file.path, user.startLine, user.endLine) || removesRootUser(file)) && (await baseRanAsRoot(ctx, file))) return [];
    // A `USER root` written into an image that already ran as root (no `USER` at base, on the same image) changes nothing.
    if (image !== undefined && (await baseRanAsRootWithoutUser(ctx, file, image))) return [];
    return [{ path: file.path, line: user.startLine, endLine: user.endLine, messageId: 'rootUser', data: { user: name }, remediation: userSnippet(image ?? ''), key: 'dockerfile:root-user' }];
  }
  if (image === undefined || isNonRootImage(image) || isLinuxServerImage(image) || ownBaseDefinesUser(parsed, stage, image, ctx.repository?.owner) || dropsPrivileges(parsed, stage, image) || vendorEntrypointDropsRoot(parsed, stage, image) || (await scriptDropsPrivileges(ctx, file.path, parsed, stage))) return [];
  if (await kubernetesRunsNonRoot(ctx, file.path)) return [];
  const removed = await removedUser(ctx, file);
  // The repository's own image run as it is (no USER, CMD or ENTRYPOINT of this file's): its user is that image's.
  if (!removed && runsOwnImageAsIs(parsed, stage, image, ctx.repository)) return [];
  if (!removed && (await baseRanAsRoot(ctx, file))) return [];
  // A root variant published beside a rootless build of the same image: users choose.
  if (!removed && (await rootlessTwin(ctx, file.path, parsed, stage))) return [];
  const draft: Draft = {
    path: file.path,
    line: stage.from.startLine,
    endLine: stage.from.endLine,
    messageId: removed ? 'userRemoved' : 'noUser',
    data: { image, user: removed?.user ?? '' },
    remediation: userSnippet(image),
    key: 'dockerfile:root-user',
  };
  if (removed) draft.baseLine = removed.line;
  return [draft];
}

/**
 * A ko build configuration whose `defaultBaseImage` runs as root (`gcr.io/distroless/static-debian11:latest`, not
 * `:nonroot`), written by a change that deletes a production Dockerfile of its folder (or below) whose final stage ran as a non-root `USER`:
 * ko builds the image that Dockerfile built, and ko has no `USER` of its own, so the image's user is its base's.
 * Without `defaultBaseImage` ko uses `cgr.dev/chainguard/static`, which runs as non-root. Only a deleted file is
 * read (from its removed lines), so nothing more is fetched.
 */
async function koFindings(ctx: CheckContext, file: ChangedFile): Promise<Draft[]> {
  const yaml = await ctx.yaml(file.path);
  const pair = yaml && yaml.documents.length === 1 ? getPair(yaml.documents[0]!.contents, 'defaultBaseImage') : undefined;
  if (!yaml || !pair || !isScalar(pair.value)) return [];
  const image = scalarText(pair.value.value).trim();
  const line = nodeLine(yaml, pair.value);
  if (!image || isNonRootImage(image) || !ctx.isNew(file.path, line)) return [];
  const folder = repoDir(file.path);
  for (const gone of ctx.removedFiles()) {
    // A Dockerfile of the folder ko builds from, or of a folder below it (`cmd/server/Dockerfile`).
    if (!isDockerfile(gone.path) || (folder !== '' && !gone.path.startsWith(`${folder}/`)) || (await ctx.role(gone.path)).role !== 'production') continue;
    const content = deletedContent(gone);
    const parsed = content && parseDockerfile(content.text);
    const stage = parsed && finalStage(parsed);
    const user = parsed && stage && !isDevelopmentStage(stage) ? effectiveInstruction(parsed, stage, 'USER') : undefined;
    const name = user ? (commandWords(user.args).words[0] ?? '') : '';
    if (!user || isRootUser(name)) continue;
    return [{ path: file.path, line, messageId: 'koBaseRoot', data: { image, user: name, dockerfile: gone.path }, remediation: KO_REMEDIATION, key: 'ko:base-image' }];
  }
  return [];
}

const KO_REMEDIATION = [
  'Build on a base image that runs as a non-root user, as the deleted Dockerfile did:',
  '',
  '```yaml',
  'defaultBaseImage: gcr.io/distroless/static-debian12:nonroot',
  '```',
  '',
  "Or leave `defaultBaseImage` out: ko's default, `cgr.dev/chainguard/static`, runs as non-root.",
].join('\n');

/** Programs a one-shot setup container runs as root to prepare volumes, then exits. */
const VOLUME_SETUP_PROGRAMS = new Set(['chown', 'chmod', 'chgrp', 'mkdir', 'setfacl', 'true']);

/** True when the service's command only fixes ownership or permissions (`chown -R 1001:1001 /data`): root is its purpose. */
function onlyPreparesVolumes(service: unknown): boolean {
  const command = toJS(get(service, 'command'));
  const words = typeof command === 'string' ? ['/bin/sh', '-c', command] : Array.isArray(command) ? command.map(String) : [];
  const commands = words.length ? effectiveCommands(words) : [];
  return commands.length > 0 && commands.every((c) => c.length > 0 && VOLUME_SETUP_PROGRAMS.has(programName(c[0]!)));
}

/**
 * True when the service's own `entrypoint` or `command` visibly drops root before the app runs
 * (`command: ["gosu", "app", "server"]`, `sh -c "chown -R app /data && exec setpriv --reuid=1000 … server"`),
 * as a Dockerfile's start command may: `user: root` is then only for the preparation before it.
 */
function serviceDropsRoot(service: unknown): boolean {
  for (const key of ['entrypoint', 'command']) {
    const value = toJS(get(service, key));
    const words = typeof value === 'string' ? ['/bin/sh', '-c', value] : Array.isArray(value) ? value.map(String) : [];
    if (words.length === 0) continue;
    if ([words, ...effectiveCommands(words)].some((ws) => ws.some((_, i) => commandDropsRoot(ws.slice(i))))) return true;
  }
  return false;
}

/**
 * The services another service of the file waits for to finish (`depends_on: {airflow-init: {condition:
 * service_completed_successfully}}`): one-shot jobs that run to completion before the stack starts.
 */
function completedBeforeStart(yaml: YamlFile): Set<string> {
  const awaited = new Set<string>();
  for (const service of composeServices(yaml)) {
    const dependsOn = toJS(get(service.node, 'depends_on'));
    if (!dependsOn || typeof dependsOn !== 'object' || Array.isArray(dependsOn)) continue;
    for (const [name, spec] of Object.entries(dependsOn as Record<string, unknown>)) {
      if (spec && typeof spec === 'object' && (spec as { condition?: unknown }).condition === 'service_completed_successfully') awaited.add(name);
    }
  }
  return awaited;
}

function composeFindings(path: string, yaml: YamlFile, isNew: (line: number) => boolean): Draft[] {
  const out: Draft[] = [];
  const oneShot = completedBeforeStart(yaml);
  for (const service of composeServices(yaml)) {
    // A one-shot init job the stack waits for to complete (Airflow's `airflow-init` as `0:0` creating and chowning its
    // folders), publishing no port: it runs to completion before any service starts, and serves nothing.
    if (oneShot.has(service.name) && getPair(service.node, 'ports') === undefined) continue;
    const pair = getPair(service.node, 'user');
    if (!pair || !isScalar(pair.value) || pair.value.value === null) continue;
    const user = scalarText(pair.value.value);
    const line = nodeLine(yaml, pair);
    // With the host's Docker socket mounted the service is root on the host whatever user it runs as.
    if (!isRootUser(user) || !isNew(line) || onlyPreparesVolumes(service.node) || mountsEngineSocket(service.node) || serviceDropsRoot(service.node)) continue;
    out.push({ path, line, messageId: 'composeUser', data: { service: service.name, user }, remediation: COMPOSE_REMEDIATION, key: `compose:${service.name}:user` });
  }
  return out;
}

function kubernetesFindings(path: string, yaml: YamlFile, isNew: (line: number) => boolean): Draft[] {
  const out: Draft[] = [];
  const seen = new Set<string>();
  const inspect = (context: unknown, target: string, key: string) => {
    const runAsUser = getPair(context, 'runAsUser');
    if (runAsUser && isScalar(runAsUser.value) && String(runAsUser.value.value) === '0') {
      const line = nodeLine(yaml, runAsUser);
      if (isNew(line) && !seen.has(`${line}`)) {
        seen.add(`${line}`);
        out.push({ path, line, messageId: 'k8sRunAsUser', data: { target }, remediation: K8S_REMEDIATION, key: `${key}:runAsUser` });
      }
    }
    const nonRoot = getPair(context, 'runAsNonRoot');
    if (nonRoot && isScalar(nonRoot.value) && nonRoot.value.value === false) {
      const line = nodeLine(yaml, nonRoot);
      if (isNew(line) && !seen.has(`${line}`)) {
        seen.add(`${line}`);
        out.push({ path, line, messageId: 'k8sRunAsNonRoot', data: { target }, remediation: K8S_REMEDIATION, key: `${key}:runAsNonRoot` });
      }
    }
  };
  for (const container of k8sContainers(yaml)) {
    inspect(get(container.podSpec, 'securityContext'), `every container of ${container.workload}`, container.workload);
    inspect(get(container.node, 'securityContext'), `container \`${container.name}\` of ${container.workload}`, `${container.workload}/${container.name}`);
  }
  return out;
}

const MESSAGES = {
  noUser: 'The final stage (`FROM {{image}}`) sets no `USER`, so the container runs as root: a compromised app can then rewrite its own files and has a shorter path out of the container.',
  userRemoved: 'This change removes `USER {{user}}` from the final stage, so the container now runs as root: a compromised app can then rewrite its own files and has a shorter path out of the container.',
  rootUser: '`USER {{user}}` is the last user of the final stage, so the container runs as root: a compromised app can then rewrite its own files and has a shorter path out of the container.',
  targetRootUser: '`USER {{user}}` is the last user of stage `{{stage}}`, which the project builds as an image of its own (`--target {{stage}}`), and the stage it builds on ran as `{{previous}}`: that image now runs as root, so a compromised app can rewrite its own files and has a shorter path out of the container.',
  composeUser: 'Service `{{service}}` runs as root (`user: {{user}}`), overriding any unprivileged user the image sets.',
  k8sRunAsUser: '`runAsUser: 0` runs {{target}} as root, overriding any unprivileged user the image sets.',
  k8sRunAsNonRoot: '`runAsNonRoot: false` lets {{target}} start as root; Kubernetes no longer refuses an image that runs as root.',
  koBaseRoot: 'ko now builds the image on `{{image}}`, which runs as root, and this change deletes `{{dockerfile}}`, whose image ran as `USER {{user}}`: the image built here runs as root.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

export default defineCheck({
  id: 'container-root-user',
  title: 'Container runs as root',
  severity: 'warning',
  scope: 'structure',
  acrossFiles: 'kind',
  roles: ['production'],
  deployedImages: true,
  messages: MESSAGES,
  remediation: 'Create an unprivileged user in the final stage and switch to it with `USER`, or set a non-root `user`/`runAsUser`.',
  async run(ctx) {
    const findings: Draft[] = [];
    for (const file of ctx.files(['dockerfile', 'yaml'])) {
      if (file.problem) continue;
      const edited = file.status === 'added' || file.status === 'copied' || file.added.length > 0 || file.removed.length > 0;
      if (!edited) continue;
      if (isDockerfile(file.path)) {
        findings.push(...(await dockerfileFindings(ctx, file)));
        continue;
      }
      if (KO_CONFIG.test(file.path)) {
        if (file.added.some((l) => l.text.includes('defaultBaseImage'))) findings.push(...(await koFindings(ctx, file)));
        continue;
      }
      const text = await ctx.text(file.path);
      const yaml = text && (isComposeFile(file.path) ? ROOT_USER_SETTING : ROOT_SECURITY_CONTEXT).test(text) ? await ctx.yaml(file.path) : null;
      if (!yaml) continue;
      const isNew = (line: number) => ctx.isNew(file.path, line);
      findings.push(...(isComposeFile(file.path) ? composeFindings(file.path, yaml, isNew) : kubernetesFindings(file.path, yaml, isNew)));
    }
    return findings;
  },
});
