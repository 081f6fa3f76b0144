// An image built on the repository's own image and run as it is: how it runs was decided where that image is built.
import type { RepositoryName } from '../model/change-set.js';
import { imageWithoutRegistry, parseImageReference, stageLineage, type Dockerfile, type DockerStage } from '../parse/dockerfile.js';

/** Lower-case letters and digits only, so `blinko-space` and `blinkospace`, `refly-ai` and `reflyai` compare equal. */
const squashed = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether `image` is the repository's own: under its owner's namespace (`ohmyform/api` in ohmyform/ohmyform,
 * `ghcr.io/plone/server-prod-config` in plone/plone-backend), or named for the repository (`silverbullet:test`, the
 * local build of silverbulletmd/silverbullet's root Dockerfile that a variant's `ARG BASE_IMAGE` defaults to).
 */
export function isOwnImage(image: string, repository: RepositoryName | undefined): boolean {
  if (!repository) return false;
  const path = imageWithoutRegistry(parseImageReference(image).name.toLowerCase()).split('/');
  if (path.length >= 2 && squashed(path[0]!) === squashed(repository.owner)) return true;
  return squashed(path.at(-1)!) === squashed(repository.name);
}

/**
 * Whether the stage runs the repository's own image as that image runs: `image`, its root image with global `ARG`
 * defaults filled in (resolveImage), is the repository's own, and neither it nor a stage it builds on sets a `USER`,
 * `CMD` or `ENTRYPOINT`, so the container starts the base's program as the base's user, with the base's `HEALTHCHECK` (OhMyForm's root image that
 * only copies the built UI into `ohmyform/api`, SilverBullet's runtime-API variant that adds Chromium to its own
 * image). Whether that image runs as root or answers a health check was decided in the Dockerfile that builds it, which
 * its own review judges; this file does not change it.
 */
export function runsOwnImageAsIs(file: Dockerfile, stage: DockerStage, image: string | undefined, repository: RepositoryName | undefined): boolean {
  if (image === undefined || !isOwnImage(image, repository)) return false;
  return !stageLineage(file, stage).some((s) => s.instructions.some((i) => i.keyword === 'USER' || i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
}
