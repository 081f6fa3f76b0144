// Finds Kubernetes workloads and their containers in parsed YAML/JSON manifests (multi-document aware).
import { get, getPair, getString, isMap, isScalar, isSeq, nodeLine, type Pair, type YamlFile, type YamlNode, type YAMLMap } from './yaml.js';

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
      for (const group of groups) {
        const list = get(spec, group);
        if (!isSeq(list)) continue;
        list.items.forEach((item, index) => {
          if (!isMap(item)) return;
          out.push({ workload, kind, name: getString(item, 'name') ?? `#${index}`, group, node: item, documentIndex });
        });
      }
    }
  });
  return out;
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
    const value = isScalar(valuePair?.value) && valuePair.value.value !== null ? String(valuePair.value.value) : null;
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
      const value = isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : null;
      out.push({ configMap, name: String(pair.key.value), value, line: nodeLine(file, pair.key) });
    }
  }
  return out;
}
