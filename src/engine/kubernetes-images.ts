// Where the change deploys an image on Kubernetes: the manifests it touches whose containers run the
// image a Dockerfile builds, so Dockerfile checks can weigh what Kubernetes adds (a non-root securityContext,
// probes) before blaming the image.
import type { CheckContext } from './check-context.js';
import { parseImageReference } from '../parse/dockerfile.js';
import { repoDir } from '../parse/file-kinds.js';
import { k8sContainers, type K8sContainer } from '../parse/kubernetes.js';
import { get, getPair, getString, isScalar, isSeq, scalarText } from '../parse/yaml.js';

/** A Kubernetes container, in a manifest the change touches, that runs the image a Dockerfile builds. */
export interface KubernetesUse {
  path: string;
  container: K8sContainer;
}

/** Cheap test before parsing: a workload with containers. */
const WORKLOAD = /\bkind["']?\s*:\s*["']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Pod|Job|CronJob|\w*List)\b/;

/**
 * The name a Dockerfile's image goes by in manifests: the folder it sits in (`src/cart/Dockerfile` builds
 * `cart`, as Skaffold, Tilt and most monorepos name them). A Dockerfile at the root has no such name.
 */
export function dockerfileImageName(dockerfilePath: string): string | undefined {
  const dir = repoDir(dockerfilePath);
  const name = dir.slice(dir.lastIndexOf('/') + 1).toLowerCase();
  return name && !/^(?:docker|dockerfiles?|build|deploy|\.docker)$/.test(name) ? name : undefined;
}

/** Containers in manifests the change touches whose image's last path segment is the Dockerfile's image name. */
export async function kubernetesUses(ctx: CheckContext, dockerfilePath: string): Promise<KubernetesUse[]> {
  const name = dockerfileImageName(dockerfilePath);
  if (!name) return [];
  const out: KubernetesUse[] = [];
  for (const file of ctx.files('yaml')) {
    const text = await ctx.text(file.path);
    if (!text || !text.includes(name) || !WORKLOAD.test(text) || text.includes('{{')) continue;
    const yaml = await ctx.yaml(file.path);
    if (!yaml) continue;
    for (const container of k8sContainers(yaml, ['containers'])) {
      const image = getString(container.node, 'image');
      if (!image) continue;
      const ref = parseImageReference(image).name.toLowerCase();
      if (ref.slice(ref.lastIndexOf('/') + 1) === name) out.push({ path: file.path, container });
    }
  }
  return out;
}

/** True when the container, or its pod, must run as a non-root user (`runAsNonRoot: true` or a non-zero `runAsUser`). */
export function runsAsNonRoot(container: K8sContainer): boolean {
  const level = (context: unknown): boolean | undefined => {
    const user = getPair(context, 'runAsUser');
    if (user && isScalar(user.value) && user.value.value !== null) return scalarText(user.value.value) !== '0';
    const nonRoot = getPair(context, 'runAsNonRoot');
    if (nonRoot && isScalar(nonRoot.value)) return nonRoot.value.value === true;
    return undefined;
  };
  return level(get(container.node, 'securityContext')) ?? level(get(container.podSpec, 'securityContext')) ?? false;
}

/**
 * True when the container is a node agent reading or writing the node's own files: it runs in a DaemonSet
 * (one pod per node) and mounts a `hostPath` volume of its pod (a log shipper reading `/var/log` and
 * `/var/lib/docker/containers`, a monitoring or storage agent). Those files are root's on the node.
 */
export function readsNodeFiles(container: K8sContainer): boolean {
  if (container.kind !== 'DaemonSet') return false;
  const volumes = get(container.podSpec, 'volumes');
  const hostPaths = new Set(isSeq(volumes) ? volumes.items.filter((v) => get(v, 'hostPath') !== undefined).map((v) => getString(v, 'name') ?? '') : []);
  hostPaths.delete('');
  const mounts = get(container.node, 'volumeMounts');
  return isSeq(mounts) && mounts.items.some((m) => hostPaths.has(getString(m, 'name') ?? ''));
}
