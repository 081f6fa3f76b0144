// The names a Dockerfile's image goes by in its repository (its folder, its OCI labels, the tags its
// workflows push), so a compose service that runs an image by name can be matched with the Dockerfile.
import { posix } from 'node:path';
import { parseImageReference, type Dockerfile, type DockerStage } from '../parse/dockerfile.js';
import { repoJoin } from '../parse/file-kinds.js';
import type { YamlFile } from '../parse/yaml.js';
import type { RepositoryName } from '../model/change-set.js';

/** The last path segment of an image's name, lower-case: `ghcr.io/acme/mail-server:1.2` → `mail-server`. */
export const imageBaseName = (image: string): string => {
  const { name } = parseImageReference(image.trim());
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
};

/**
 * Whether an image is the repository's own by its name: its last segment is the repository's name
 * (`kyantech/palmr:v3` or `ghcr.io/kyantech/palmr` in kyantech/Palmr), as registries name the image a root
 * Dockerfile builds. False when the repository is not known.
 */
export const isRepositoryImage = (image: string, repository: RepositoryName | undefined): boolean =>
  repository !== undefined && imageBaseName(image) === repository.name.toLowerCase();

/** `org.opencontainers.image.title` and `.source` LABELs: the name a Dockerfile's image is published under. */
const OCI_NAME_LABEL = /org\.opencontainers\.image\.(title|source)\s*=\s*["']?([^"'\s]+)/g;

/**
 * Names a Dockerfile's image goes by in this repository: its folder (`docker/mail-server/Dockerfile`),
 * and its OCI title and source labels (`LABEL org.opencontainers.image.title="mail-server"`).
 */
export function publishedNames(path: string, dockerfile: Dockerfile, stage: DockerStage): string[] {
  const names: string[] = [];
  const folder = folderName(path);
  if (folder) names.push(folder);
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'LABEL') continue;
    for (const m of ins.args.matchAll(OCI_NAME_LABEL)) names.push((m[1] === 'source' ? m[2]!.replace(/\.git$/, '').replace(/\/+$/, '').split('/').at(-1)! : m[2]!).toLowerCase());
  }
  return names.filter((n) => n !== '' && !n.includes('$'));
}

/** The folder a Dockerfile is in, lower-case (`docker/mail-server/Dockerfile` → `mail-server`), or undefined at the root. */
export function folderName(path: string): string | undefined {
  const dir = posix.dirname(path);
  return dir === '.' || dir === '' ? undefined : posix.basename(dir).toLowerCase();
}

/** The names a set of Dockerfiles' images go by (see publishedNames), and the folders they are in. */
export interface ImageNames {
  names: Set<string>;
  folders: Set<string>;
}

/**
 * True when an image reference (variables already resolved) names one of the images: the last segment of
 * its name is one of their names, or ends with `-<folder>` of one's folder — the project's prefix before
 * the folder's name (`sqshq/piggymetrics-monitoring` for `monitoring/Dockerfile`), as registries and
 * compose (`<project>-<service>`) name the images of a monorepo's folders.
 */
export function namesImage(image: string, images: ImageNames): boolean {
  const { name } = parseImageReference(image.trim());
  if (name === '' || name.includes('$')) return false;
  const base = imageBaseName(name);
  if (images.names.has(base)) return true;
  for (const folder of images.folders) if (base.endsWith(`-${folder}`)) return true;
  return false;
}

/** A `docker/build-push-action` step: the Dockerfile it builds, the build arguments it passes (null: from the environment) and the tags it gives the image. */
export interface WorkflowBuild {
  dockerfile: string;
  args: Map<string, string | null>;
  tags: string[];
  /** Whether the step pushes the image it builds (`push: true`, or an expression that may be true: `${{ github.event_name != 'pull_request' }}`). */
  push: boolean;
}

/** `NAME=value` lines (a workflow's `build-args:`) or a compose `args:` list, as names and values (null: taken from the environment). */
export function argAssignments(entries: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const name = (eq === -1 ? entry : entry.slice(0, eq)).trim();
    if (name) out.set(name, eq === -1 ? null : entry.slice(eq + 1));
  }
  return out;
}

/** `docker/build-push-action` steps of a workflow (see WorkflowBuild). */
export function workflowBuilds(yaml: YamlFile): WorkflowBuild[] {
  const out: WorkflowBuild[] = [];
  for (const doc of yaml.error ? [] : yaml.documents) {
    const jobs = (doc.toJS() as { jobs?: Record<string, { steps?: unknown }> } | null)?.jobs;
    for (const job of Object.values(jobs && typeof jobs === 'object' ? jobs : {})) {
      for (const step of Array.isArray(job?.steps) ? (job.steps as { uses?: unknown; with?: Record<string, unknown> }[]) : []) {
        if (typeof step?.uses !== 'string' || !/^docker\/build-push-action@/i.test(step.uses.trim())) continue;
        const context = typeof step.with?.context === 'string' ? step.with.context : '.';
        // A context or file filled in at run time (`${{ matrix.dir }}`) builds a Dockerfile this cannot name.
        const file = typeof step.with?.file === 'string' ? step.with.file : `${context}/Dockerfile`;
        if (/\$\{\{/.test(file) || /^[a-z]+:\/\//i.test(context)) continue;
        const args = typeof step.with?.['build-args'] === 'string' ? step.with['build-args'].split(/\r?\n/) : [];
        const tags = typeof step.with?.tags === 'string' ? step.with.tags.split(/[\r\n,]+/).map((t) => t.trim()).filter(Boolean) : [];
        const push = step.with?.push;
        out.push({ dockerfile: repoJoin(file), args: argAssignments(args), tags, push: push === true || (typeof push === 'string' && push.trim() !== '' && push.trim().toLowerCase() !== 'false') });
      }
    }
  }
  return out;
}

/** The image name a pushed tag gives (`registry.io/acme/self-host:${{ steps.tag.outputs.tag }}` → `self-host`), or undefined when the name itself is filled in at run time. */
export function tagBaseName(tag: string): string | undefined {
  const name = tag.replace(/@.*$/, '').split('/').at(-1)!.replace(/:.*$/, '').toLowerCase();
  return name === '' || name.includes('$') ? undefined : name;
}

/**
 * Images whose vendor declares a Docker `HEALTHCHECK` in the image itself, so a container run from one (or built
 * `FROM` one) has a healthcheck without writing its own. A short list, each entry with how we know:
 * - `pgautoupgrade/pgautoupgrade`: its Dockerfiles declare a `HEALTHCHECK` (the image reports healthy only once
 *   the database is up after any upgrade it runs), as its README documents for compose's `service_healthy`.
 * - `serversideup/php` in its `fpm-nginx` and `fpm-apache` variants: serversideup documents the health check
 *   built into these images (the web server answers `/healthcheck` through PHP-FPM).
 * Returns why the image has its own healthcheck, or undefined.
 */
export function vendorHealthcheck(image: string): string | undefined {
  const { name, tag } = parseImageReference(image.trim());
  const lower = name.toLowerCase().replace(/^(?:docker\.io\/)?/, '');
  if (lower === 'pgautoupgrade/pgautoupgrade') return '`pgautoupgrade/pgautoupgrade` declares its own `HEALTHCHECK`';
  if (/^(?:ghcr\.io\/)?serversideup\/php$/.test(lower) && tag !== undefined && /(?:^|-)fpm-(?:nginx|apache)(?:$|-)/i.test(tag)) return `\`serversideup/php:${tag}\` declares its own \`HEALTHCHECK\``;
  return undefined;
}
