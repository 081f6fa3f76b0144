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
  let counter = new LineCounter();
  const parse = (source: string, lineCounter: LineCounter) => {
    const documents = parseAllDocuments(source, { lineCounter, uniqueKeys: false, strict: false });
    return Array.isArray(documents) ? documents : [];
  };
  let docs = parse(text, counter);
  if (docs.some((d) => d.errors.length > 0)) {
    // PyYAML and Kubernetes accept quoted scalars whose continuation lines are not indented past their
    // key; `yaml` does not. Indenting those lines (same lines, same value) makes the file read as they read it.
    const lenient = indentQuotedContinuations(text);
    if (lenient !== text) {
      const lenientCounter = new LineCounter();
      const retried = parse(lenient, lenientCounter);
      if (retried.every((d) => d.errors.length === 0)) {
        docs = retried;
        counter = lenientCounter;
      }
    }
  }
  for (const doc of docs) applyMergeKeys(doc);
  const firstError = docs.flatMap((d) => d.errors)[0];
  const lines = counter;
  const file: YamlFile = { documents: docs, lineAt: (offset) => lines.linePos(offset).line };
  if (firstError) file.error = `line ${lines.linePos(firstError.pos[0]).line}: ${firstError.message.split('\n')[0]!.replace(/:$/, '')}`;
  return file;
}

/** A value that opens with a quote after `key:` or `- ` (possibly both), and the column of its key. */
const QUOTED_VALUE = /^(\s*(?:-\s+)*)(?:(?:[^\s'"#-][^#]*?|'[^']*'|"[^"]*")\s*:\s+)?(['"])/;

/** Where the quoted scalar that opens at `from` (just past its quote) closes on `line`, or -1. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * The text with each continuation line of a multi-line quoted scalar indented one column past the key
 * it belongs to. Only leading spaces are added, so line numbers do not change, and folding drops them,
 * so the value does not either.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: { quote: string; indent: number } | null = null;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (open) {
      const indent = /^ */.exec(line)![0].length;
      if (line.trim() !== '' && indent <= open.indent) lines[n] = ' '.repeat(open.indent + 1 - indent) + line;
      if (closingQuote(line, 0, open.quote) !== -1) open = null;
      continue;
    }
    const m = QUOTED_VALUE.exec(line);
    if (!m) continue;
    const quote = m[2]!;
    if (closingQuote(line, m[0].length, quote) === -1) open = { quote, indent: m[1]!.length };
  }
  return lines.join('\n');
}

/**
 * Folds YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`) into the maps that use them, once, at parse
 * time, so every check sees merged keys through `getPair`: keys written in the map itself win, earlier
 * sources win over later ones, as the merge-key spec says. Merged pairs are the anchor's own nodes, so
 * their lines are where the values are written.
 */
function applyMergeKeys(doc: Document.Parsed): void {
  const done = new Set<unknown>();
  const merge = (node: unknown, depth: number): void => {
    if (depth > 64 || done.has(node)) return;
    done.add(node);
    if (isSeq(node)) for (const item of node.items) merge(item, depth + 1);
    if (!isMap(node)) return;
    const items = node.items as Pair<YamlNode, YamlNode | null>[];
    for (const pair of items) merge(pair.value, depth + 1);
    const at = items.findIndex((p) => isScalar(p.key) && p.key.value === '<<' && (isAlias(p.value) || isSeq(p.value) || isMap(p.value)));
    if (at === -1) return;
    const value = items[at]!.value;
    const sources = (isSeq(value) ? value.items : [value]).map((s) => (isAlias(s) ? s.resolve(doc) : s));
    const merged: Pair<YamlNode, YamlNode | null>[] = [];
    const present = new Set(items.filter((_, i) => i !== at).map((p) => (isScalar(p.key) ? String(p.key.value) : p.key)));
    for (const source of sources) {
      merge(source, depth + 1);
      if (!isMap(source)) continue;
      for (const p of source.items as Pair<YamlNode, YamlNode | null>[]) {
        const key = isScalar(p.key) ? String(p.key.value) : p.key;
        if (present.has(key)) continue;
        present.add(key);
        merged.push(p);
      }
    }
    // Only maps are merged; anything else under `<<` is left as written.
    if (sources.every((s) => isMap(s))) items.splice(at, 1, ...merged);
  };
  merge(doc.contents, 0);
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
