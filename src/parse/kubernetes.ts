// Finds Kubernetes workloads and their containers in parsed YAML/JSON manifests (multi-document aware).
import { get, getPair, getString, isMap, isScalar, scalarText, isSeq, nodeLine, type Pair, type YamlFile, type YamlNode, type YAMLMap } from './yaml.js';

export interface K8sContainer {
  /** e.g. "Deployment/web". */
  workload: string;
  kind: string;
  /** The container's name, or `#<index>` when it has none. */
  name: string;
  /** containers, initContainers or ephemeralContainers. */
  group: string;
  node: YAMLMap;
  /** Index of the document in the file, to tell workloads of the same name apart. */
  documentIndex: number;
  /** `metadata.namespace` of the workload, when written. */
  namespace?: string;
  /** The pod spec holding the container (pod-level `securityContext`, volumes, …). */
  podSpec: YAMLMap;
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

function descend(node: unknown, path: string[]): YamlNode | null | undefined {
  let current: unknown = node;
  for (const key of path) {
    current = get(current, key);
    if (current === undefined || current === null) return undefined;
  }
  return current as YamlNode;
}

/** True when a parsed document looks like a Kubernetes object (apiVersion and kind). */
export function isK8sObject(doc: unknown): boolean {
  return isMap(doc) && getString(doc, 'apiVersion') !== undefined && getString(doc, 'kind') !== undefined;
}

/** The pod spec map of a workload document, or undefined for other kinds. */
export function podSpec(doc: unknown): YAMLMap | undefined {
  const kind = getString(doc, 'kind');
  const path = kind ? POD_SPEC_PATHS[kind] : undefined;
  const spec = path ? descend(doc, path) : undefined;
  return isMap(spec) ? spec : undefined;
}

/** Every container of every workload in the file (List objects' items included). */
export function k8sContainers(file: YamlFile, groups: string[] = ['containers', 'initContainers']): K8sContainer[] {
  const out: K8sContainer[] = [];
  file.documents.forEach((doc, documentIndex) => {
    const roots: unknown[] = [doc.contents];
    const items = get(doc.contents, 'items');
    if (getString(doc.contents, 'kind')?.endsWith('List') && isSeq(items)) roots.push(...items.items);
    for (const root of roots) {
      if (!isK8sObject(root)) continue;
      const spec = podSpec(root);
      if (!spec) continue;
      const kind = getString(root, 'kind')!;
      const workload = `${kind}/${getString(get(root, 'metadata'), 'name') ?? '?'}`;
      const namespace = getString(get(root, 'metadata'), 'namespace');
      for (const group of groups) {
        const list = get(spec, group);
        if (!isSeq(list)) continue;
        list.items.forEach((item, index) => {
          if (!isMap(item)) return;
          const container: K8sContainer = { workload, kind, name: getString(item, 'name') ?? `#${index}`, group, node: item, documentIndex, podSpec: spec };
          if (namespace !== undefined) container.namespace = namespace;
          out.push(container);
        });
      }
    }
  });
  return out;
}

/** A base container and the head container that continues it. */
export interface ContainerPair {
  base: K8sContainer;
  head: K8sContainer;
}

/** Identity of a container's workload across versions: kind, namespace and name (document order when unnamed). */
function workloadKey(c: K8sContainer): string {
  const named = !c.workload.endsWith('/?');
  return `${c.namespace ?? ''}\0${named ? c.workload : `${c.kind}#${c.documentIndex}`}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Pairs the containers of two versions of a manifest: same workload (kind, namespace, name), same
 * group, same container name; a group holding exactly one container on each side is one container
 * renamed. Containers left unpaired were added or deleted (with their workload or on their own).
 */
export function matchContainers(base: K8sContainer[], head: K8sContainer[]): ContainerPair[] {
  const groupKey = (c: K8sContainer) => `${workloadKey(c)}\0${c.group}`;
  const headGroups = groupBy(head, groupKey);
  const pairs: ContainerPair[] = [];
  for (const [key, bases] of groupBy(base, groupKey)) {
    const heads = headGroups.get(key) ?? [];
    if (bases.length === 1 && heads.length === 1) {
      pairs.push({ base: bases[0]!, head: heads[0]! });
      continue;
    }
    const used = new Set<K8sContainer>();
    for (const b of bases) {
      const h = heads.find((c) => !used.has(c) && c.name === b.name);
      if (!h) continue;
      used.add(h);
      pairs.push({ base: b, head: h });
    }
  }
  return pairs;
}

/** One entry of a container's `env:` list. */
export interface K8sEnvVar {
  name: string;
  /** The literal `value`, or null for `valueFrom` and entries without a value. */
  value: string | null;
  /** Line of the entry's first key (usually `- name:`). */
  line: number;
  /** Line of `value:`, when the entry has one. */
  valueLine?: number;
}

/** The `env:` entries of a container, with their lines. */
export function k8sEnv(file: YamlFile, container: K8sContainer): K8sEnvVar[] {
  const list = get(container.node, 'env');
  if (!isSeq(list)) return [];
  const out: K8sEnvVar[] = [];
  for (const item of list.items) {
    const name = getString(item, 'name');
    if (!isMap(item) || name === undefined) continue;
    const valuePair = getPair(item, 'value');
    const value = isScalar(valuePair?.value) && valuePair.value.value !== null ? scalarText(valuePair.value.value) : null;
    const entry: K8sEnvVar = { name, value, line: nodeLine(file, item.items[0] ?? item) };
    if (valuePair) entry.valueLine = nodeLine(file, valuePair.value ?? valuePair);
    out.push(entry);
  }
  return out;
}

/** The `data:` keys of every ConfigMap in the file (what `envFrom: configMapRef` turns into variables). */
export function configMapData(file: YamlFile): { configMap: string; name: string; value: string | null; line: number }[] {
  const out: { configMap: string; name: string; value: string | null; line: number }[] = [];
  for (const doc of file.documents) {
    const root = doc.contents;
    if (!isK8sObject(root) || getString(root, 'kind') !== 'ConfigMap') continue;
    const data = get(root, 'data');
    if (!isMap(data)) continue;
    const configMap = getString(get(root, 'metadata'), 'name') ?? '?';
    for (const pair of data.items as Pair<YamlNode, YamlNode | null>[]) {
      if (!isScalar(pair.key)) continue;
      const value = isScalar(pair.value) && pair.value.value !== null ? scalarText(pair.value.value) : null;
      out.push({ configMap, name: String(pair.key.value), value, line: nodeLine(file, pair.key) });
    }
  }
  return out;
}
