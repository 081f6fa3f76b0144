// Python parsing through web-tree-sitter and the grammar wasm shipped by tree-sitter-python (no native build).
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as PyNode, Tree as PyTree };

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;

async function loadParser(): Promise<Parser> {
  await Parser.init();
  const wasm = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function getParser(): Promise<Parser> {
  parserPromise ??= loadParser();
  return parserPromise;
}

export interface ParsedPython {
  tree: Tree;
  /** True when tree-sitter had to recover from syntax errors; findings from intact parts still count. */
  hasError: boolean;
  /** Frees the tree's wasm memory; call when done. */
  dispose(): void;
}

/** Parses Python source; never throws on bad syntax (tree-sitter recovers and marks ERROR nodes). */
export async function parsePython(source: string): Promise<ParsedPython> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return { tree, hasError: tree.rootNode.hasError, dispose: () => tree.delete() };
}

/** Runs `fn` on a parsed tree and frees it afterwards. */
export async function withPython<T>(source: string, fn: (parsed: ParsedPython) => T | Promise<T>): Promise<T> {
  const parsed = await parsePython(source);
  try {
    return await fn(parsed);
  } finally {
    parsed.dispose();
  }
}

/** Every descendant of `node` (inclusive) whose type is one of `types`, in document order. */
export function descendants(node: Node, types: string | string[]): Node[] {
  return node.descendantsOfType(types).filter((n): n is Node => n !== null);
}

/** 1-based line where the node starts. */
export function startLine(node: Node): number {
  return node.startPosition.row + 1;
}

/** 1-based line where the node ends. */
export function endLine(node: Node): number {
  return node.endPosition.row + 1;
}

/** Dotted name of an attribute/identifier chain (`app.config.update`), or null for anything else. */
export function dottedName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute');
    return object && attribute ? `${object}.${attribute.text}` : null;
  }
  return null;
}

/** Keyword arguments of a call node, by name. */
export function keywordArguments(call: Node): Map<string, Node> {
  const result = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  if (!args) return result;
  for (const arg of args.namedChildren) {
    if (arg?.type !== 'keyword_argument') continue;
    const name = arg.childForFieldName('name');
    const value = arg.childForFieldName('value');
    if (name && value) result.set(name.text, value);
  }
  return result;
}

/** Positional arguments of a call node. */
export function positionalArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter((a): a is Node => a !== null && a.type !== 'keyword_argument' && a.type !== 'comment');
}

/** The literal value of a plain Python string node (no f-string interpolation), or null. */
export function stringValue(node: Node | null): string | null {
  if (!node || node.type !== 'string') return null;
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return null;
    if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

/** True for the literal `True`. */
export function isTrue(node: Node | null): boolean {
  return node?.type === 'true';
}
