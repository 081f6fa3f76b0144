// Dockerfile instructions with line ranges (continuations joined, heredoc bodies kept), grouped into stages,
// and the stage and lineage helpers the checks share.
import { Copy, DockerfileParser, Run, type Heredoc, type Instruction } from 'dockerfile-ast';
import { escapeRegExp } from './regexp.js';
import { shellWords } from './shell.js';
import { expandVariables, lookup } from './variables.js';

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, CMD, HEALTHCHECK, … */
  keyword: string;
  /** Arguments with continuations joined by a space (heredoc bodies included verbatim). */
  args: string;
  startLine: number;
  endLine: number;
}

export interface DockerStage {
  /** Index from 0 in file order. */
  index: number;
  /** The FROM instruction that opens the stage. */
  from: DockerInstruction;
  /** Image reference as written (`python:3.12-slim`, `${BASE}`, an earlier stage name). */
  image: string;
  /** `AS name`, lower-cased, if any. */
  name?: string;
  platform?: string;
  instructions: DockerInstruction[];
}

export interface Dockerfile {
  instructions: DockerInstruction[];
  /** Instructions before the first FROM (ARG, parser directives). */
  preamble: DockerInstruction[];
  stages: DockerStage[];
}

/** Heredocs of a RUN or COPY (`dockerfile-ast` exposes them on those instructions only). */
function heredocsOf(ins: Instruction): Heredoc[] {
  return ins instanceof Run || ins instanceof Copy ? ins.getHeredocs() : [];
}

/**
 * Parses with `dockerfile-ast` (the parser behind the VS Code Dockerfile language server): parser
 * directives, escape characters, comment and blank lines inside continued instructions, heredocs of any
 * name. Stages and their lineage are built on top, below.
 */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  const parsed = DockerfileParser.parse(text);
  const escape = parsed.getEscapeCharacter();
  const instructions: DockerInstruction[] = [];
  for (const ins of parsed.getInstructions()) {
    const range = ins.getRange();
    const keyword = ins.getInstructionRange();
    const heredocs = heredocsOf(ins);
    const bodyStart = heredocs[0]?.getContentRange()?.start.line;
    // The instruction's own lines (flags included, which dockerfile-ast's argument list leaves out of
    // COPY and ADD), continuations joined; blank and comment lines inside a continuation are dropped, as Docker does.
    const headerEnd = bodyStart !== undefined ? bodyStart - 1 : range.end.line;
    const parts: string[] = [];
    for (let n = range.start.line; n <= headerEnd; n++) {
      let line = (lines[n] ?? '').replace(/\s+$/, '');
      if (n === range.start.line) line = line.slice(keyword.end.character);
      else if (/^\s*(#|$)/.test(line)) continue;
      if (n < headerEnd && line.endsWith(escape)) line = line.slice(0, -escape.length);
      parts.push(line);
    }
    let args = parts.join(' ').trim();
    if (bodyStart !== undefined) {
      // Each heredoc's body verbatim after the instruction line, terminator lines left out.
      const terminators = new Set(heredocs.map((h) => h.getDelimiterRange()?.start.line));
      const body: string[] = [];
      for (let n = bodyStart; n <= range.end.line; n++) if (!terminators.has(n)) body.push(lines[n] ?? '');
      args = `${args}\n${body.join('\n')}`;
    }
    instructions.push({ keyword: ins.getKeyword().toUpperCase(), args, startLine: range.start.line + 1, endLine: range.end.line + 1 });
  }

  const preamble: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = shellWords(ins.args).map((w) => w.text);
      let platform: string | undefined;
      const rest: string[] = [];
      for (const w of words) {
        if (w.startsWith('--platform=')) platform = w.slice('--platform='.length);
        else if (!w.startsWith('--')) rest.push(w);
      }
      const stage: DockerStage = { index: stages.length, from: ins, image: rest[0] ?? '', instructions: [] };
      if (rest.length >= 3 && rest[1]!.toUpperCase() === 'AS') stage.name = rest[2]!.toLowerCase();
      if (platform) stage.platform = platform;
      stages.push(stage);
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  return { instructions, preamble, stages };
}

/** The command words of a CMD/ENTRYPOINT/RUN in exec form (`["a","b"]`) or shell form. */
export function commandWords(args: string): { form: 'exec' | 'shell'; words: string[] } {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) return { form: 'exec', words: parsed };
    } catch {
      // Not valid JSON: Docker runs it in shell form.
    }
  }
  return { form: 'shell', words: shellWords(trimmed).map((w) => w.text) };
}

/** Splits an image reference into name, tag and digest (`registry:5000/a/b:1.2@sha256:…`). */
export function parseImageReference(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const out: { name: string; tag?: string; digest?: string } = { name: rest };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/**
 * An image's name as Docker Hub spells it: lower-cased, without `docker.io/` or `library/`
 * (`docker.io/library/postgres:16` is `postgres`); another registry stays in it (`quay.io/minio/minio`).
 */
export function hubImageName(image: string): string {
  return parseImageReference(image).name.toLowerCase().replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
}

/**
 * An image name without the registry it is pulled from, to tell the same image on another registry or
 * mirror: `public.ecr.aws/docker/library/alpine` (ECR Public's copy of Docker's official images),
 * `docker.io/library/alpine`, `mirror.gcr.io/library/alpine` and `alpine` are all `alpine`; `ghcr.io/acme/app`
 * and `acme/app` are `acme/app`. A first part with a dot or a port, or `localhost`, names a registry. An official
 * image's per-architecture copy on Docker Hub is the official image (`amd64/fedora` is `fedora`, see ARCHITECTURE_ORGS).
 */
export function imageWithoutRegistry(name: string): string {
  const parts = name.toLowerCase().split('/');
  let hub = true;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) {
    hub = parts.shift() === 'docker.io';
    if (parts.length === 3 && parts[0] === 'docker' && parts[1] === 'library') parts.splice(0, 2);
  }
  if (parts.length === 2 && (parts[0] === 'library' || (hub && ARCHITECTURE_ORGS.has(parts[0]!)))) parts.shift();
  return parts.join('/');
}

/**
 * Docker Hub organisations that hold the Docker Official Images built for one architecture (`amd64/fedora`,
 * `arm64v8/fedora`, `arm32v7/alpine`): the same official image, published per architecture by the same
 * maintainers, which a Dockerfile names to build for that platform (`FROM --platform=linux/arm64 arm64v8/fedora`).
 */
const ARCHITECTURE_ORGS = new Set(['amd64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'mips64le', 'ppc64le', 'riscv64', 's390x', 'windows-amd64']);

/** A base stage and the head stage that continues it. */
export interface StagePair {
  base: DockerStage;
  head: DockerStage;
}

/**
 * Pairs the stages of two versions of a Dockerfile: by `AS name` first, then the final stage with the
 * final stage (the image that ships, even when renamed), then unnamed stages by position when their
 * image is the same or both are unnamed. Stages left unpaired were added or deleted.
 */
export function matchStages(base: Dockerfile, head: Dockerfile): StagePair[] {
  const pairs: StagePair[] = [];
  const usedBase = new Set<number>();
  const usedHead = new Set<number>();
  const pair = (b: DockerStage, h: DockerStage) => {
    pairs.push({ base: b, head: h });
    usedBase.add(b.index);
    usedHead.add(h.index);
  };
  const headByName = new Map(head.stages.filter((s) => s.name !== undefined).map((s) => [s.name!, s]));
  const baseNames = new Set(base.stages.map((s) => s.name).filter((n) => n !== undefined));
  for (const b of base.stages) {
    const h = b.name === undefined ? undefined : headByName.get(b.name);
    if (h && !usedHead.has(h.index)) pair(b, h);
  }
  const baseFinal = base.stages.at(-1);
  const headFinal = head.stages.at(-1);
  if (baseFinal && headFinal && !usedBase.has(baseFinal.index) && !usedHead.has(headFinal.index)) pair(baseFinal, headFinal);
  for (const b of base.stages) {
    const h = head.stages[b.index];
    if (!h || usedBase.has(b.index) || usedHead.has(h.index)) continue;
    // A head stage whose name is new and a base stage whose name is gone may be one stage renamed.
    const bFree = b.name === undefined || !headByName.has(b.name);
    const hFree = h.name === undefined || !baseNames.has(h.name);
    if (bFree && hFree && ((b.name === undefined && h.name === undefined) || b.image === h.image)) pair(b, h);
  }
  return pairs.sort((x, y) => x.head.index - y.head.index);
}

/**
 * The variables an `ENV` (or `ARG`/`LABEL`-style `key=value`) instruction sets, in order: the
 * `ENV A=1 B="two words"` form and the legacy `ENV A value with spaces` form. Quotes are removed;
 * `$VAR` references are left as written.
 */
export function keyValuePairs(args: string): { name: string; value: string }[] {
  const words = shellWords(args);
  if (words.length === 0) return [];
  const first = words[0]!;
  if (!args.slice(first.start, first.end).includes('=')) {
    // Legacy form: the first word is the name, everything after the first blank is the value.
    return [{ name: first.text, value: unquote(args.slice(first.end).trim()) }];
  }
  const pairs: { name: string; value: string }[] = [];
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (eq <= 0) continue;
    pairs.push({ name: word.text.slice(0, eq), value: word.text.slice(eq + 1) });
  }
  return pairs;
}

/** The variables an `ARG` instruction declares, each with its default when it has one (`ARG A B="two words"`). */
export function argDeclarations(args: string): { name: string; value?: string }[] {
  return shellWords(args).map(({ text }) => {
    const eq = text.indexOf('=');
    return eq === -1 ? { name: text } : { name: text.slice(0, eq), value: text.slice(eq + 1) };
  });
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.length >= 2 && value.endsWith(q) ? value.slice(1, -1) : value;
}

/** The final stage: what `docker build` produces without `--target`. */
export function finalStage(file: Dockerfile): DockerStage | undefined {
  return file.stages[file.stages.length - 1];
}

/**
 * The stage and the earlier stages it builds on, nearest first (`FROM build AS final` inherits
 * build's USER, CMD, HEALTHCHECK, …). A FROM naming an image rather than a stage ends the chain.
 */
export function stageLineage(file: Dockerfile, stage: DockerStage): DockerStage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const image = current.image.toLowerCase();
    const parent = file.stages.slice(0, current.index).reverse().find((s) => s.name === image);
    if (!parent || chain.includes(parent)) return chain;
    chain.push(parent);
    current = parent;
  }
}

/**
 * An image reference with the `${NAME}` / `$NAME` of the file's global `ARG NAME=default` lines (those
 * before the first FROM, the only ones a FROM sees) filled in; undefined when one stays unresolved.
 */
export function resolveImage(file: Dockerfile, image: string): string | undefined {
  if (!image.includes('$')) return image;
  const defaults = new Map<string, string | undefined>();
  for (const ins of file.preamble) {
    if (ins.keyword !== 'ARG') continue;
    for (const { name, value } of argDeclarations(ins.args)) defaults.set(name, value);
  }
  const expanded = expandVariables(image, lookup(defaults, { emptyIsUnset: true }));
  return expanded.complete ? expanded.text : undefined;
}

/**
 * Images a Dockerfile uses only as a build source, as written or with global ARG defaults filled in:
 * copied from (`COPY --from=acme/deps /artifacts.tar.gz /`), or opening a stage the final stage does not
 * build on, which only `COPY --from` reads (`FROM ${BUILD_BASE_IMAGE} AS builder`). Such
 * an image compiles or carries files for this one; it never runs as this one's container.
 */
export function buildSourceImages(file: Dockerfile): string[] {
  const final = finalStage(file);
  if (!final) return [];
  const lineage = new Set(stageLineage(file, final));
  const stageNames = new Set(file.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  const out: string[] = [];
  const add = (image: string) => {
    const resolved = resolveImage(file, image);
    if (resolved && !stageNames.has(resolved.toLowerCase()) && !/^\d+$/.test(resolved) && resolved.toLowerCase() !== 'scratch') out.push(resolved);
  };
  for (const stage of file.stages) {
    if (!lineage.has(stage)) add(stage.image);
    for (const ins of stage.instructions) {
      const from = ins.keyword === 'COPY' ? /(?:^|\s)--from=["']?([^\s"']+)/.exec(ins.args)?.[1] : undefined;
      if (from) add(from);
    }
  }
  return out;
}

/** A variable the image sets with `ENV`, with the line that sets it (a continued `ENV` spans lines). */
export interface ImageEnv {
  name: string;
  value: string;
  line: number;
  stage: DockerStage;
}

/**
 * The `ENV` variables of the image the Dockerfile builds: the final stage and the stages it is built
 * `FROM` (a builder stage's `ENV` never reaches a container). `lines` is the file's text by line, to point
 * each variable at the line that sets it.
 */
export function imageEnv(file: Dockerfile, lines: readonly string[]): ImageEnv[] {
  const out: ImageEnv[] = [];
  const final = finalStage(file);
  for (const stage of final ? stageLineage(file, final) : []) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'ENV') continue;
      for (const { name, value } of keyValuePairs(ins.args)) {
        const key = new RegExp(`(^|[\\s"'])${escapeRegExp(name)}(=|\\s)`);
        let line = ins.startLine;
        for (let n = ins.startLine; n <= ins.endLine; n++) {
          if (key.test(lines[n - 1] ?? '')) {
            line = n;
            break;
          }
        }
        out.push({ name, value, line, stage });
      }
    }
  }
  return out;
}

/** The instruction with `keyword` that is in effect at the end of `stage`: its last one, else its parent stage's. */
export function effectiveInstruction(file: Dockerfile, stage: DockerStage, keyword: string): DockerInstruction | undefined {
  for (const s of stageLineage(file, stage)) {
    const found = s.instructions.filter((i) => i.keyword === keyword).pop();
    if (found) return found;
  }
  return undefined;
}

/** The ENTRYPOINT and CMD a stage starts with (each as it inherits it), in that order; absent ones left out. */
export function startInstructions(file: Dockerfile, stage: DockerStage): DockerInstruction[] {
  return ['ENTRYPOINT', 'CMD'].flatMap((keyword) => effectiveInstruction(file, stage, keyword) ?? []);
}

/** The image a stage finally rests on: the FROM image of its oldest ancestor stage. */
export function rootImage(file: Dockerfile, stage: DockerStage): string {
  return stageLineage(file, stage).pop()!.image;
}

/** The working directory in effect after `before` (an instruction of the stage's lineage), `/` by default. */
export function workdirAt(file: Dockerfile, stage: DockerStage, before?: DockerInstruction): string {
  const instructions = stageLineage(file, stage)
    .reverse()
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'WORKDIR' && (!before || i.startLine < before.startLine));
  let dir = '/';
  for (const ins of instructions) {
    const path = (commandWords(ins.args).words[0] ?? '').replace(/\/+$/, '');
    if (!path) continue;
    dir = path.startsWith('/') ? path : `${dir === '/' ? '' : dir}/${path}`;
  }
  return dir;
}

export interface CopyArguments {
  sources: string[];
  dest: string;
  /** `--from=<stage or image>`: the files come from elsewhere, not the build context. */
  from?: string;
}

/** Sources and destination of a COPY/ADD, in shell or JSON form, with `--flags` dropped. */
export function copyArguments(args: string): CopyArguments | undefined {
  const { words } = commandWords(args);
  let from: string | undefined;
  const rest: string[] = [];
  for (const w of words) {
    if (w.startsWith('--from=')) from = w.slice('--from='.length);
    else if (!w.startsWith('--')) rest.push(w);
  }
  if (rest.length < 2) return undefined;
  const out: CopyArguments = { sources: rest.slice(0, -1), dest: rest[rest.length - 1]! };
  if (from !== undefined) out.from = from;
  return out;
}

/** True for an image with nothing to run: built on `scratch` with no CMD or ENTRYPOINT (a data or artefact image). */
export function isInertImage(file: Dockerfile, stage: DockerStage): boolean {
  return rootImage(file, stage).toLowerCase() === 'scratch' && !effectiveInstruction(file, stage, 'CMD') && !effectiveInstruction(file, stage, 'ENTRYPOINT');
}

/** A stage named as a development image (`AS dev`, `development`, `local`, `debug`): built on purpose for local use. */
export function isDevelopmentStage(stage: DockerStage): boolean {
  return stage.name !== undefined && /^(?:dev|develop|development|local|debug)$/.test(stage.name);
}

/** The first port the stage (or a stage it builds on) EXPOSEs, e.g. `8000` for `EXPOSE 8000/tcp`. */
export function exposedPort(file: Dockerfile, stage: DockerStage): string | undefined {
  for (const s of stageLineage(file, stage)) {
    const expose = s.instructions.filter((i) => i.keyword === 'EXPOSE').pop();
    const port = expose && /\d+/.exec(expose.args)?.[0];
    if (port) return port;
  }
  return undefined;
}

/** A stage's instructions as comparable lines (keyword and arguments, spacing collapsed); `FROM` is left out. */
function stageLines(stage: DockerStage): string[] {
  return stage.instructions.map((ins) => `${ins.keyword} ${ins.args.replace(/\s+/g, ' ').trim()}`);
}

/**
 * Share of instructions two stages have in common (Dice coefficient over their instruction lines, `FROM`
 * left out): how much one final stage is a copy of another, whatever image each starts from.
 */
export function finalStageShare(a: DockerStage, b: DockerStage): number {
  const mine = stageLines(a);
  const pool = new Map<string, number>();
  for (const line of stageLines(b)) pool.set(line, (pool.get(line) ?? 0) + 1);
  let shared = 0;
  for (const line of mine) {
    const left = pool.get(line) ?? 0;
    if (left > 0) {
      shared++;
      pool.set(line, left - 1);
    }
  }
  const total = mine.length + b.instructions.length;
  return total === 0 ? 0 : (2 * shared) / total;
}
