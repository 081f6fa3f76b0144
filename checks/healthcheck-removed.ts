// healthcheck-removed: Dockerfile stages, compose services, Kubernetes containers and health routes that lose the healthcheck they had.
import { posix } from 'node:path';
import { defineCheck, listInProse, type CheckContext, type FindingDraft } from '../src/engine/define-check.js';
import { imageBaseName, isRepositoryImage, publishedNames, vendorHealthcheck } from '../src/engine/image-names.js';
import { isPureRename, type ChangedFile } from '../src/model/change-set.js';
import type { ReviewError } from '../src/model/finding.js';
import { builtDockerfile, composeServices, type ComposeService } from '../src/parse/compose.js';
import { commandWords, matchStages, rootImage, type DockerInstruction, type DockerStage, type Dockerfile } from '../src/parse/dockerfile.js';
import { copiesProbeProgram } from './healthcheck-missing.js';
import { isComposeFile, isDockerfile, isGitHubWorkflow, isJavaScript, isPython, isYaml } from '../src/parse/file-kinds.js';
import { k8sContainers, matchContainers, type K8sContainer } from '../src/parse/kubernetes.js';
import { headLineForBaseLine } from '../src/parse/line-map.js';
import { firstErrorLine } from '../src/parse/python.js';
import { decoratorRoutes, isHealthPath, javascriptRoutes, normaliseRoutePath, pythonRoutes, type RouteRegistration } from '../src/parse/routes.js';
import { get, getPair, getPairMerged, getString, isAlias, isMap, isScalar, isSeq, nodeEndLine, nodeLine, type Pair, type YamlFile, type YamlNode } from '../src/parse/yaml.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const MAX_BLOCK_LINES = 40;

/** One changed file with both of its versions as text. */
interface FilePair {
  file: ChangedFile;
  /** The file's path in the base (its previous path when renamed). */
  basePath: string;
  baseText: string;
  headText: string;
}

/** What every part of the check shares: the change, the results, and head-side lookups parsed once. */
class Comparison {
  readonly findings: Draft[] = [];
  readonly errors: ReviewError[] = [];
  private movedProbes: Promise<Set<string>> | null = null;
  private headRoutes: Promise<Set<string>> | null = null;
  private gaining: Promise<Set<string>> | null = null;

  constructor(readonly ctx: CheckContext) {}

  /** Files the change touches and keeps, other than `except`. */
  touched(except: string): ChangedFile[] {
    return this.ctx.files().filter((f) => !f.problem && f.path !== except);
  }

  headText(path: string): Promise<string | null> {
    return this.ctx.text(path);
  }

  composeHead(path: string): Promise<YamlFile | null> {
    return this.ctx.yaml(path);
  }

  /** `Kind/name/container/probe` for every probe in the head of the touched manifests other than `except`. */
  probesElsewhere(except: string): Promise<Set<string>> {
    this.movedProbes ??= (async () => {
      const keys = new Set<string>();
      for (const file of this.touched('')) {
        if (!isManifestPath(file.path)) continue;
        const text = await this.headText(file.path);
        if (text === null || !PROBE_WORD.test(text)) continue;
        const yaml = await this.ctx.yaml(file.path);
        if (!yaml) continue;
        for (const c of k8sContainers(yaml)) for (const probe of PROBES) if (get(c.node, probe)) keys.add(`${file.path}\0${c.workload}/${c.name}/${probe}`);
      }
      return keys;
    })();
    return this.movedProbes.then((keys) => new Set([...keys].filter((k) => !k.startsWith(`${except}\0`)).map((k) => k.slice(k.indexOf('\0') + 1))));
  }

  /**
   * Published names (see publishedNames) of the images whose final stage the change gives a HEALTHCHECK
   * they did not have: a compose service running one of them by `image:` now gets its health from the image.
   */
  imagesGainingHealthcheck(): Promise<Set<string>> {
    this.gaining ??= (async () => {
      const names = new Set<string>();
      for (const file of this.touched('')) {
        if (!isDockerfile(file.path) || file.status === 'removed') continue;
        const head = await this.ctx.dockerfile(file.path);
        const stage = head?.stages.at(-1);
        const health = head && stage ? effectiveHealthcheck(head, stage) : undefined;
        if (!head || !stage || !health || health.none) continue;
        const base = file.status === 'added' ? null : await this.ctx.dockerfile(file.previousPath ?? file.path, 'base');
        const baseStage = base?.stages.at(-1);
        const before = base && baseStage ? effectiveHealthcheck(base, baseStage) : undefined;
        if (before && !before.none) continue;
        for (const name of publishedNames(file.path, head, stage)) names.add(name);
      }
      return names;
    })();
    return this.gaining;
  }

  /** `path\0route` for every route registered in the head of a touched Python or JavaScript file. */
  routesElsewhere(): Promise<Set<string>> {
    this.headRoutes ??= (async () => {
      const keys = new Set<string>();
      for (const file of this.touched('')) {
        if (!isPython(file.path) && !isJavaScript(file.path)) continue;
        const text = await this.headText(file.path);
        if (text === null || !HEALTH_WORD.test(text)) continue;
        const routes = isPython(file.path) ? pythonRoutes((await this.ctx.python(file.path))!.tree.rootNode) : [...javascriptRoutes(text), ...decoratorRoutes(text)];
        for (const r of routes) keys.add(`${file.path}\0${normaliseRoutePath(r.path)}`);
      }
      return keys;
    })();
    return this.headRoutes;
  }
}

const PROBE_WORD = /(?:liveness|readiness|startup)Probe/;
const HEALTH_WORD = /\/(?:health|ready|live|ping)/i;

function isManifestPath(path: string): boolean {
  return (isYaml(path) || /\.json$/i.test(path)) && !isComposeFile(path) && !isGitHubWorkflow(path);
}

/** Lines `from..to` (1-based) of `text`, at most MAX_BLOCK_LINES of them. */
function linesOf(text: string, from: number, to: number): string {
  const lines = text.split(/\r?\n/).slice(from - 1, to);
  if (lines.length > MAX_BLOCK_LINES) return [...lines.slice(0, MAX_BLOCK_LINES), '# …'].join('\n');
  return lines.join('\n');
}

function fenced(language: string, body: string): string {
  const fence = body.includes('```') ? '~~~~' : '```';
  return `${fence}${language}\n${body}\n${fence}`;
}

const lineCount = (text: string) => text.split(/\r?\n/).length - (text.endsWith('\n') ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// Dockerfile

interface StageHealth {
  instruction: DockerInstruction;
  none: boolean;
}

/** The HEALTHCHECK a stage sets itself (the last one wins), if any. */
function ownHealthcheck(stage: DockerStage): StageHealth | undefined {
  const instruction = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
  return instruction ? { instruction, none: /^NONE\b/i.test(instruction.args.trim()) } : undefined;
}

/** The HEALTHCHECK in force in a stage: its own, or the one of the earlier stage it is built `FROM`. */
function effectiveHealthcheck(dockerfile: Dockerfile, stage: DockerStage): StageHealth | undefined {
  let current: DockerStage | undefined = stage;
  for (let hops = 0; current && hops <= dockerfile.stages.length; hops++) {
    const own = ownHealthcheck(current);
    if (own) return own;
    const parentName = current.image.toLowerCase();
    const before: number = current.index;
    current = dockerfile.stages.find((s) => s.index < before && s.name === parentName);
  }
  return undefined;
}

/** Stages only copied from (`COPY --from=name`) are build steps whose image never runs. */
function isBuildOnlyStage(dockerfile: Dockerfile, stage: DockerStage): boolean {
  if (stage === dockerfile.stages.at(-1)) return false;
  const names = new Set([String(stage.index), ...(stage.name ? [stage.name] : [])]);
  let copied = false;
  for (const other of dockerfile.stages) {
    if (other.index <= stage.index) continue;
    if (names.has(other.image.toLowerCase())) return false;
    for (const ins of other.instructions) {
      const from = /--from=(\S+)/i.exec(ins.args);
      if (ins.keyword === 'COPY' && from && names.has(from[1]!.toLowerCase())) copied = true;
    }
  }
  return copied;
}

const normaliseInstruction = (args: string) => args.replace(/\s+/g, ' ').trim();

async function compareDockerfile(cmp: Comparison, { file, basePath, baseText, headText }: FilePair): Promise<void> {
  if (!/HEALTHCHECK/i.test(baseText) && !/HEALTHCHECK/i.test(headText)) return;
  const base = (await cmp.ctx.dockerfile(basePath, 'base'))!;
  const head = (await cmp.ctx.dockerfile(file.path))!;
  if (head.stages.length === 0) {
    if (head.instructions.length > 0) cmp.errors.push({ path: file.path, message: 'no FROM instruction, not a Dockerfile that can be built: healthcheck-removed could not compare it with the base' });
    return;
  }
  const pairs = matchStages(base, head).filter((p) => !isBuildOnlyStage(head, p.head));
  const lost: { pair: (typeof pairs)[number]; had: StageHealth; disabled: boolean }[] = [];
  for (const pair of pairs) {
    const had = effectiveHealthcheck(base, pair.base);
    const has = effectiveHealthcheck(head, pair.head);
    const hadOwn = ownHealthcheck(pair.base);
    const hasOwn = ownHealthcheck(pair.head);
    if (has && !has.none) continue;
    if (hasOwn?.none && !hadOwn?.none && !had?.none) {
      // Turned off in this change: whatever the stage inherited (from its image or an earlier stage) no longer runs.
      lost.push({ pair, had: had ?? hasOwn, disabled: true });
    } else if (hadOwn && !hadOwn.none) {
      lost.push({ pair, had: hadOwn, disabled: false });
    }
  }
  // A HEALTHCHECK that now sits in another stage moved rather than went away.
  const pairedHead = new Map(pairs.map((p) => [p.head.index, p.base]));
  const gained = head.stages.filter((s) => {
    const own = ownHealthcheck(s);
    const before = pairedHead.get(s.index);
    const had = before ? ownHealthcheck(before) : undefined;
    return own && !own.none && (!had || had.none);
  });
  const movedTo = (text: string) => {
    const i = gained.findIndex((s) => normaliseInstruction(ownHealthcheck(s)!.instruction.args) === text);
    return i !== -1 ? i : gained.length > 0 ? 0 : -1;
  };
  for (const { pair, had, disabled } of lost) {
    if (!disabled) {
      const i = movedTo(normaliseInstruction(had.instruction.args));
      if (i !== -1) {
        gained.splice(i, 1);
        continue;
      }
      // The final stage's check moved to the compose services that run the image, in the same change.
      if (pair.head === head.stages.at(-1) && (await movedToCompose(cmp, file.path, head, pair.head))) continue;
      // The image, HEALTHCHECK and all, moved to a Dockerfile the change adds; this path now builds another image.
      if (await movedToAddedDockerfile(cmp, file.path, base, had.instruction)) continue;
      // A check that could never run (a shell command or wget in a distroless image) told nobody anything.
      if (neverRan(base, pair.base, had.instruction)) continue;
    }
    const stage = pair.head.name ?? (pair.head === head.stages.at(-1) ? 'final' : `#${pair.head.index + 1}`);
    const from = `\`FROM ${pair.head.image}\``;
    const described = pair.head.name ? `Stage \`${pair.head.name}\`` : stage === 'final' ? `The final stage (${from})` : `Stage ${stage} (${from})`;
    const block = had.none ? '' : linesOf(baseText, had.instruction.startLine, had.instruction.endLine);
    const draft: Draft = {
      path: file.path,
      line: pair.head.from.startLine,
      messageId: disabled ? 'dockerDisabled' : 'dockerRemoved',
      data: { stage: described },
      title: disabled ? 'Healthcheck disabled' : 'Healthcheck removed',
      remediation: dockerRemediation(stage, block, disabled),
      key: `dockerfile stage ${stage}`,
    };
    if (!disabled) draft.baseLine = had.instruction.startLine;
    cmp.findings.push(draft);
  }
}

/** A distroless or empty image: no shell, no HTTP client (`gcr.io/distroless/java17`, `…/base/java:openjdk-8-distroless-1.0`, `scratch`); `:debug` tags add busybox. */
const SHELL_LESS_IMAGE = /(?:^|[/:._-])distroless(?:[/:._-]|$)|^scratch$|^cgr\.dev\/chainguard\/static(?::|$)/i;
/** Programs a HEALTHCHECK's exec form may start that such an image lacks. */
const SHELL_PROGRAM = /^(?:sh|ash|bash|busybox|curl|wget|nc)$/;

/**
 * True when a stage's HEALTHCHECK could never have run: the stage is built on a shell-less image (see
 * SHELL_LESS_IMAGE) that it copies no shell or HTTP client into, and the check is a shell command (`CMD wget -q
 * --spider …`, which Docker runs with `/bin/sh -c`) or starts a shell, `curl` or `wget`. Every run failed, so the
 * container was only ever marked unhealthy: removing it loses no signal (hmcts/ccd-data-store-api's distroless
 * Java image, health-checked by its Helm chart's probes). A check that runs the image's own program is judged as usual.
 */
function neverRan(dockerfile: Dockerfile, stage: DockerStage, instruction: DockerInstruction): boolean {
  const root = rootImage(dockerfile, stage);
  if (!SHELL_LESS_IMAGE.test(root) || /:[^/]*debug/i.test(root) || copiesProbeProgram(dockerfile, stage)) return false;
  const command = instruction.args.replace(/^(?:\s*--[\w-]+=\S+)*\s*CMD\s+/i, '').trim();
  if (!command.startsWith('[')) return true;
  const { words } = commandWords(command);
  return SHELL_PROGRAM.test((words[0] ?? '').replace(/^.*\//, ''));
}

/** How much of a Dockerfile's base instructions a file the change adds must hold to be that Dockerfile moved. */
const MOVED_SHARE = 0.6;

/**
 * True when a Dockerfile the change adds holds the base version of this one: the same `HEALTHCHECK` and at
 * least MOVED_SHARE of its instructions (Part-DB's FrankenPHP `Dockerfile` renamed to `Dockerfile-frankenphp`
 * while `Dockerfile.old` came back as `Dockerfile`). The image that had the healthcheck still has it under
 * its new name; what this path builds now is another image, whose own healthcheck is healthcheck-missing's
 * question when it is new.
 */
async function movedToAddedDockerfile(cmp: Comparison, path: string, base: Dockerfile, had: DockerInstruction): Promise<boolean> {
  const line = (i: DockerInstruction) => `${i.keyword} ${normaliseInstruction(i.args)}`;
  const before = base.instructions.map(line);
  if (before.length === 0) return false;
  for (const file of cmp.touched(path)) {
    if (!isDockerfile(file.path) || (file.status !== 'added' && file.status !== 'copied')) continue;
    const added = await cmp.ctx.dockerfile(file.path);
    if (!added) continue;
    const lines = new Set(added.instructions.map(line));
    const stage = added.stages.at(-1);
    const health = stage ? effectiveHealthcheck(added, stage) : undefined;
    if (!health || health.none || normaliseInstruction(health.instruction.args) !== normaliseInstruction(had.args)) continue;
    if (before.filter((l) => lines.has(l)).length >= MOVED_SHARE * before.length) return true;
  }
  return false;
}

/**
 * True when the HEALTHCHECK a Dockerfile's final stage lost moved to the compose services that run its image, in the
 * same change: the change's production compose files have services that build this Dockerfile or run its image by name (its
 * published names, see publishedNames, or the repository's name for the root Dockerfile, as registries name a
 * repository's image), every one of them has an active `healthcheck` at head, and at least one gained it in this
 * change (jhaals/yopass moved `--health-check` out of the Dockerfile into both deployment compose files). A service
 * of the change left without one, or no such service at all, keeps the removal reported.
 */
async function movedToCompose(cmp: Comparison, path: string, head: Dockerfile, stage: DockerStage): Promise<boolean> {
  const names = new Set(publishedNames(path, head, stage));
  if (posix.dirname(path) === '.' && cmp.ctx.repository) names.add(cmp.ctx.repository.name.toLowerCase());
  let gained = false;
  let running = 0;
  for (const file of cmp.touched(path)) {
    // Only where the image is deployed: a development stack that gains a healthcheck serves no deployment.
    if (!isComposeFile(file.path) || file.status === 'removed' || (await cmp.ctx.role(file.path)).role !== 'production') continue;
    const yaml = await cmp.composeHead(file.path);
    if (!yaml || yaml.error) continue;
    const base = file.status === 'added' ? null : await cmp.ctx.yaml(file.previousPath ?? file.path, 'base');
    for (const service of composeServices(yaml)) {
      const image = getString(service.node, 'image');
      const builds = get(service.node, 'build') !== undefined;
      const runs = builds ? builtDockerfile(file.path, service, yaml) === path : image !== undefined && names.has(imageBaseName(image));
      if (!runs) continue;
      running++;
      if (!composeHealthcheck(yaml, service)?.active) return false;
      const before = base && !base.error ? serviceByName(base, service.name) : undefined;
      if (!before || !composeHealthcheck(base!, before)?.active) gained = true;
    }
  }
  return running > 0 && gained;
}

function dockerRemediation(stage: string, block: string, disabled: boolean): string {
  const restore = block
    ? `Restore the healthcheck the stage had:\n\n${fenced('dockerfile', block)}`
    : `Give the stage a healthcheck that fails when the service stops answering:\n\n${fenced('dockerfile', 'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1')}`;
  return disabled ? `Delete \`HEALTHCHECK NONE\` from stage \`${stage}\` so its healthcheck runs again. ${restore}` : `${restore}\n\nIf the check moved elsewhere (compose, Kubernetes probes), say so in the pull request.`;
}

// ---------------------------------------------------------------------------------------------------
// docker-compose

type YamlPair = Pair<YamlNode, YamlNode | null>;

/** A service's `healthcheck` (also through `<<:` merge keys), and whether it is switched off. */
function composeHealthcheck(yaml: YamlFile, service: ComposeService): { pair: YamlPair; active: boolean } | undefined {
  const doc = yaml.documents[0];
  const pair = doc ? getPairMerged(service.node, 'healthcheck', doc) : getPair(service.node, 'healthcheck');
  if (!pair || pair.value === null || pair.value === undefined) return undefined;
  const value = isAlias(pair.value) && doc ? pair.value.resolve(doc) : pair.value;
  const test = get(value, 'test');
  const testNone = (isScalar(test) && String(test.value).trim().toUpperCase() === 'NONE') || (isSeq(test) && isScalar(test.items[0]) && String(test.items[0].value).toUpperCase() === 'NONE');
  const disabled = getString(value, 'disable') === 'true' || testNone;
  return { pair, active: isMap(value) && !disabled };
}

function serviceByName(yaml: YamlFile | null, name: string): ComposeService | undefined {
  return yaml ? composeServices(yaml).find((s) => s.name === name) : undefined;
}

/** True when the head service still gets a healthcheck from elsewhere: `extends`, another compose file, or its image's Dockerfile. */
async function composeHealthElsewhere(cmp: Comparison, path: string, yaml: YamlFile, service: ComposeService, depth = 0): Promise<boolean> {
  const dir = posix.dirname(path);
  const extendsNode = get(service.node, 'extends');
  if (extendsNode && depth < 3) {
    const name = isScalar(extendsNode) ? String(extendsNode.value) : getString(extendsNode, 'service');
    const fromFile = isMap(extendsNode) ? getString(extendsNode, 'file') : undefined;
    const otherPath = fromFile ? posix.normalize(posix.join(dir, fromFile)) : path;
    const other = otherPath === path ? yaml : await cmp.composeHead(otherPath);
    const parent = name ? serviceByName(other, name) : undefined;
    if (other && parent) {
      if (composeHealthcheck(other, parent)?.active) return true;
      if (await composeHealthElsewhere(cmp, otherPath, other, parent, depth + 1)) return true;
    }
  }
  // An override file in the same change that gives the service its healthcheck.
  for (const file of cmp.touched(path)) {
    if (!isComposeFile(file.path)) continue;
    const other = await cmp.composeHead(file.path);
    const twin = serviceByName(other, service.name);
    if (other && twin && composeHealthcheck(other, twin)?.active) return true;
  }
  // With no healthcheck in compose, the container runs the HEALTHCHECK of the image it is built from.
  const build = get(service.node, 'build');
  const context = isScalar(build) ? String(build.value) : getString(build, 'context') ?? (isMap(build) ? '.' : undefined);
  if (context !== undefined && !/^[a-z]+:\/\//i.test(context)) {
    const dockerfilePath = posix.normalize(posix.join(dir, context, getString(build, 'dockerfile') ?? 'Dockerfile'));
    if (await imageChecksHealth(cmp, dockerfilePath, getString(build, 'target'))) return true;
  }
  // A service that runs this repository's published image (no build) gets the HEALTHCHECK the same change gives that image.
  const image = getString(service.node, 'image');
  // A service that runs an image whose vendor declares a HEALTHCHECK (see vendorHealthcheck) runs that one.
  if (build === undefined && image !== undefined && vendorHealthcheck(image)) return true;
  if (build === undefined && image !== undefined && (await cmp.imagesGainingHealthcheck()).has(imageBaseName(image))) return true;
  // A service that runs the repository's own image by its name (`kyantech/palmr:v3` in kyantech/Palmr) runs the
  // HEALTHCHECK the root Dockerfile, which builds that image, gives its final stage.
  if (build === undefined && image !== undefined && isRepositoryImage(image, cmp.ctx.repository) && (await imageChecksHealth(cmp, 'Dockerfile'))) return true;
  return false;
}

/** Whether the head Dockerfile at `path` gives the stage it builds (`target`, else the last) an active HEALTHCHECK. */
async function imageChecksHealth(cmp: Comparison, path: string, target?: string): Promise<boolean> {
  const dockerfile = (await cmp.headText(path)) === null ? null : await cmp.ctx.dockerfile(path);
  const name = target?.toLowerCase();
  const stage = name ? dockerfile?.stages.find((s) => s.name === name) : dockerfile?.stages.at(-1);
  const health = dockerfile && stage ? effectiveHealthcheck(dockerfile, stage) : undefined;
  return health !== undefined && !health.none;
}

async function compareCompose(cmp: Comparison, { file, basePath, baseText }: FilePair): Promise<void> {
  if (!baseText.includes('healthcheck')) return;
  const base = (await cmp.ctx.yaml(basePath, 'base'))!;
  if (base.error) return;
  const head = (await cmp.ctx.yaml(file.path))!;
  if (head.error) {
    cmp.errors.push({ path: file.path, message: `not valid YAML (${head.error}): healthcheck-removed could not compare it with the base` });
    return;
  }
  const headServices = new Map(composeServices(head).map((s) => [s.name, s]));
  for (const service of composeServices(base)) {
    const had = composeHealthcheck(base, service);
    if (!had?.active) continue;
    // A service deleted or renamed is not one that lost its healthcheck (a renamed one is new, and new services are healthcheck-missing's).
    const now = headServices.get(service.name);
    if (!now) continue;
    const has = composeHealthcheck(head, now);
    if (has?.active) continue;
    const disabled = has !== undefined;
    if (!disabled && (await composeHealthElsewhere(cmp, file.path, head, now))) continue;
    const baseStart = nodeLine(base, had.pair);
    const block = linesOf(baseText, baseStart, nodeEndLine(base, had.pair));
    cmp.findings.push({
      path: file.path,
      line: nodeLine(head, now.pair),
      messageId: disabled ? 'composeDisabled' : 'composeRemoved',
      data: { service: service.name },
      title: disabled ? 'Healthcheck disabled' : 'Healthcheck removed',
      remediation: `${disabled ? `Remove \`disable: true\` (or \`test: ["NONE"]\`) and restore` : 'Restore'} the healthcheck of service \`${service.name}\`:\n\n${fenced('yaml', block)}\n\nServices that wait on it with \`depends_on: { ${service.name}: { condition: service_healthy } }\` need it to start.`,
      key: `compose service ${service.name}`,
      baseLine: baseStart,
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Kubernetes

function probePair(yaml: YamlFile, container: K8sContainer, probe: string): YamlPair | undefined {
  const doc = yaml.documents[container.documentIndex];
  const pair = doc ? getPairMerged(container.node, probe, doc) : getPair(container.node, probe);
  return pair && pair.value !== null && pair.value !== undefined ? pair : undefined;
}

async function compareManifest(cmp: Comparison, { file, basePath, baseText, headText }: FilePair): Promise<void> {
  if (!PROBE_WORD.test(baseText)) return;
  const base = (await cmp.ctx.yaml(basePath, 'base'))!;
  if (base.error) return;
  const baseContainers = k8sContainers(base);
  if (!baseContainers.some((c) => PROBES.some((p) => probePair(base, c, p)))) return;
  const head = (await cmp.ctx.yaml(file.path))!;
  if (head.error) {
    // Helm and other templates are not YAML until rendered; they are nobody's parse error.
    if (!headText.includes('{{')) cmp.errors.push({ path: file.path, message: `not valid YAML (${head.error}): healthcheck-removed could not compare it with the base` });
    return;
  }
  for (const { base: before, head: after } of matchContainers(baseContainers, k8sContainers(head))) {
    const lost = PROBES.map((probe) => ({ probe, pair: probePair(base, before, probe) })).filter((p) => p.pair && !probePair(head, after, p.probe));
    if (lost.length === 0) continue;
    const elsewhere = await cmp.probesElsewhere(file.path);
    const gone = lost.filter((p) => !elsewhere.has(`${after.workload}/${after.name}/${p.probe}`));
    if (gone.length === 0) continue;
    const namePair = getPair(after.node, 'name');
    const blocks = gone.map((p) => linesOf(baseText, nodeLine(base, p.pair), nodeEndLine(base, p.pair!)));
    const probes = gone.map((p) => `\`${p.probe}\``);
    cmp.findings.push({
      path: file.path,
      line: nodeLine(head, namePair ?? after.node),
      messageId: 'probesRemoved',
      data: { container: after.name, workload: after.workload, probes: listInProse(probes) },
      title: gone.length === 1 ? 'Kubernetes probe removed' : 'Kubernetes probes removed',
      remediation: `Restore the ${gone.length === 1 ? 'probe' : 'probes'} of container \`${after.name}\` (${after.workload}):\n\n${fenced('yaml', blocks.join('\n'))}\n\nIf the old check was wrong, fix the probe (path, port, \`initialDelaySeconds\`, \`failureThreshold\`) rather than deleting it.`,
      key: `k8s ${after.workload} ${after.group} ${after.name} ${gone.map((p) => p.probe).join(',')}`,
      baseLine: nodeLine(base, gone[0]!.pair),
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Health routes (Flask, FastAPI, Starlette, Express, Fastify)

async function routesOf(ctx: CheckContext, path: string, text: string, side: 'base' | 'head'): Promise<{ routes: RouteRegistration[]; errorLine?: number }> {
  // A route the head registers through a controller's decorators (`@Controller('health')` with `@Get()`) is still
  // there; only the base's call-style registrations are compared, so a decorator route is never reported yet.
  if (!isPython(path)) return { routes: side === 'head' ? [...javascriptRoutes(text), ...decoratorRoutes(text)] : javascriptRoutes(text) };
  const parsed = await ctx.python(path, side);
  if (!parsed) return { routes: [] };
  const routes = pythonRoutes(parsed.tree.rootNode);
  return side === 'head' && parsed.hasError ? { routes, errorLine: firstErrorLine(parsed.tree.rootNode) } : { routes };
}

const quotedIn = (text: string, path: string) => ['"', "'", '`'].some((q) => text.includes(`${q}${path}${q}`));

async function compareRoutes(cmp: Comparison, { file, basePath, baseText, headText }: FilePair): Promise<void> {
  if (!HEALTH_WORD.test(baseText)) return;
  const { routes: baseRoutes } = await routesOf(cmp.ctx, basePath, baseText, 'base');
  const healthRoutes = baseRoutes.filter((r) => isHealthPath(r.path));
  if (healthRoutes.length === 0) return;
  const { routes: headRoutes, errorLine } = await routesOf(cmp.ctx, file.path, headText, 'head');
  if (errorLine !== undefined) {
    cmp.errors.push({ path: file.path, message: `Python syntax error near line ${errorLine}: healthcheck-removed could not compare its routes with the base` });
    return;
  }
  const kept = new Set(headRoutes.map((r) => normaliseRoutePath(r.path)));
  const reported = new Set<string>();
  const lastLine = lineCount(headText);
  const headLines = headText.split(/\r?\n/);
  for (const route of healthRoutes) {
    const path = normaliseRoutePath(route.path);
    // Still registered here, or still written here in a form the patterns do not know.
    if (kept.has(path) || reported.has(path) || quotedIn(headText, route.path)) continue;
    const elsewhere = await cmp.routesElsewhere();
    if ([...elsewhere].some((k) => k.endsWith(`\0${path}`) && !k.startsWith(`${file.path}\0`))) continue;
    reported.add(path);
    const line = headLineForBaseLine(file.hunks, route.line, lastLine);
    let endLine = line;
    while (endLine < lastLine && (headLines[endLine - 1] ?? '').trim() === '') endLine++;
    const language = isPython(file.path) ? 'python' : /\.tsx?$/i.test(file.path) ? 'ts' : 'js';
    cmp.findings.push({
      path: file.path,
      line,
      endLine,
      messageId: 'routeRemoved',
      data: { route: route.path },
      title: 'Health endpoint removed',
      remediation: `Restore the endpoint (or point every probe, load balancer and monitor at its replacement in the same change):\n\n${fenced(language, linesOf(baseText, route.blockLine, route.endLine))}`,
      key: `route ${path}`,
      baseLine: route.line,
    });
  }
}

// ---------------------------------------------------------------------------------------------------

async function filePair(ctx: CheckContext, file: ChangedFile): Promise<FilePair | null> {
  const basePath = file.previousPath ?? file.path;
  const [baseText, headText] = await Promise.all([ctx.text(basePath, 'base'), ctx.text(file.path)]);
  if (baseText === null || headText === null) return null;
  return { file, basePath, baseText, headText };
}

const MESSAGES = {
  dockerRemoved: '{{stage}} lost its `HEALTHCHECK`: Docker, Swarm and ECS can no longer tell a hung container from a healthy one, so it keeps running and receiving traffic.',
  dockerDisabled: '{{stage}} now sets `HEALTHCHECK NONE`, switching off the healthcheck it had: a hung container will look healthy to Docker, Swarm and ECS.',
  composeRemoved: 'Service `{{service}}` lost its `healthcheck`: a hung container is no longer marked unhealthy, and services that wait for it with `condition: service_healthy` stop working.',
  composeDisabled: 'Service `{{service}}` now disables its `healthcheck`: a hung container is no longer marked unhealthy, and services that wait for it with `condition: service_healthy` stop working.',
  probesRemoved: 'Container `{{container}}` of {{workload}} lost its {{probes}}: Kubernetes will no longer restart it when it hangs or hold back traffic until it is ready.',
  routeRemoved: 'The health endpoint `{{route}}` was removed: probes, load balancers and monitors that call it will fail and take healthy instances out of service.',
};

type Draft = FindingDraft<keyof typeof MESSAGES>;

export default defineCheck({
  id: 'healthcheck-removed',
  title: 'Healthcheck removed',
  severity: 'warning',
  scope: 'structure',
  acrossFiles: 'message',
  roles: ['production'],
  messages: MESSAGES,

  remediation: 'Restore the healthcheck that was removed (the `HEALTHCHECK`, the compose `healthcheck:`, the Kubernetes probe or the health route), or replace it in the same change.',
  async run(ctx) {
    const cmp = new Comparison(ctx);
    for (const file of ctx.files()) {
      // A file only moved keeps every healthcheck it had (and is not read).
      if ((file.status !== 'modified' && file.status !== 'renamed') || file.problem || isPureRename(file)) continue;
      const path = file.path;
      const compare: ((cmp: Comparison, pair: FilePair) => void | Promise<void>) | null = isDockerfile(path)
        ? compareDockerfile
        : isComposeFile(path)
          ? compareCompose
          : isManifestPath(path)
            ? compareManifest
            : isPython(path) || isJavaScript(path)
              ? compareRoutes
              : null;
      if (!compare) continue;
      const pair = await filePair(ctx, file);
      if (pair) await compare(cmp, pair);
    }
    return { findings: cmp.findings, errors: cmp.errors };
  },
});
