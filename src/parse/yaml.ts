// YAML through `yaml` with line numbers: multi-document files, never throwing on malformed input.
import { LineCounter, parseAllDocuments, isAlias, isMap, isSeq, isScalar, isPair, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';

export { isAlias, isMap, isSeq, isScalar, isPair };
export type { YamlNode, YAMLMap, Pair };

export interface YamlFile {
  documents: Document.Parsed[];
  /** 1-based line of a source offset. */
  lineAt(offset: number): number;
  /** First syntax error, when any document failed to parse. */
  error?: string;
}

/**
 * Parses every document in `text`. No cache here: a review shares parses through its context
 * (`ctx.yaml(path)`), and nothing is kept once the review is over.
 */
export function parseYaml(text: string): YamlFile {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false, strict: false });
  const docs = Array.isArray(documents) ? documents : [];
  const firstError = docs.flatMap((d) => d.errors)[0];
  const file: YamlFile = { documents: docs, lineAt: (offset) => counter.linePos(offset).line };
  if (firstError) file.error = `line ${counter.linePos(firstError.pos[0]).line}: ${firstError.message.split('\n')[0]!.replace(/:$/, '')}`;
  return file;
}

/** 1-based start line of a node (or of a pair's key). */
export function nodeLine(file: YamlFile, node: unknown): number {
  if (isPair(node)) return nodeLine(file, node.key);
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? file.lineAt(range[0]) : 1;
}

/** 1-based last line of a node's value (the end offset points just past it). */
export function nodeEndLine(file: YamlFile, node: unknown): number {
  if (isPair(node)) return nodeEndLine(file, node.value ?? node.key);
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? file.lineAt(Math.max(range[0], range[1] - 1)) : 1;
}

/** The pair with scalar key `key` in a map, or undefined. */
export function getPair(map: unknown, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair<YamlNode, YamlNode | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/**
 * Like `getPair`, but also looks through YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`), which
 * compose files use to share blocks; keys written in the map itself win, as YAML specifies.
 */
export function getPairMerged(map: unknown, key: string, doc: Document, depth = 0): Pair<YamlNode, YamlNode | null> | undefined {
  const own = getPair(map, key);
  if (own || !isMap(map) || depth > 8) return own;
  const merge = getPair(map, '<<')?.value;
  const sources = isSeq(merge) ? merge.items : [merge];
  for (const source of sources) {
    const target = isAlias(source) ? source.resolve(doc) : source;
    const found = getPairMerged(target, key, doc, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The value node under `key`, or undefined. */
export function get(map: unknown, key: string): YamlNode | null | undefined {
  return getPair(map, key)?.value;
}

/** The scalar value under `key` as a string, or undefined. */
export function getString(map: unknown, key: string): string | undefined {
  const value = get(map, key);
  return isScalar(value) && value.value !== null && value.value !== undefined ? scalarText(value.value) : undefined;
}

/** The text of a parsed scalar's value (string, number, boolean, or a timestamp under the YAML 1.1 schema). */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

/** Plain JS value of a node (maps become objects), for simple comparisons. */
export function toJS(node: unknown): unknown {
  return node && typeof (node as { toJSON?: unknown }).toJSON === 'function' ? (node as { toJSON(): unknown }).toJSON() : node;
}
