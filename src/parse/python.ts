// Python parsing through web-tree-sitter and the grammar wasm shipped by tree-sitter-python (no native build).
// web-tree-sitter is imported on the first parse, so a review without Python never loads it.
import { createRequire } from 'node:module';
import type { Node, Parser, Tree } from 'web-tree-sitter';

export type { Node as PyNode, Tree as PyTree };

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | null = null;

async function loadParser(): Promise<Parser> {
  const { Language, Parser } = await import('web-tree-sitter');
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

/** The first line tree-sitter could not parse. */
export function firstErrorLine(node: Node): number {
  let current = node;
  for (;;) {
    if (current.isError || current.isMissing) return current.startPosition.row + 1;
    const next = current.children.find((c) => c !== null && c.hasError);
    if (!next) return current.startPosition.row + 1;
    current = next;
  }
}

/** Parses Python source; never throws on bad syntax (tree-sitter recovers and marks ERROR nodes). */
export async function parsePython(source: string): Promise<ParsedPython> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const hasError = tree.rootNode.hasError;
  return { tree, hasError, dispose: () => tree.delete() };
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

/**
 * True when `node` runs when the module is executed as a script: at module level (including under
 * `if __name__ == "__main__":`), or inside a top-level function that module-level code calls.
 * Methods, nested functions and lambdas do not count; calls are followed through at most `hops` functions.
 */
export function runsAsScript(node: Node, hops = 2): boolean {
  let fn: Node | null = null;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition' || p.type === 'lambda') return false;
    if (p.type === 'function_definition') {
      if (fn) return false;
      fn = p;
    }
  }
  if (!fn) return true;
  const name = fn.childForFieldName('name')?.text;
  if (!name || hops <= 0) return false;
  let root: Node = fn;
  while (root.parent) root = root.parent;
  return descendants(root, 'call').some((call) => call.childForFieldName('function')?.text === name && !isInside(call, fn) && runsAsScript(call, hops - 1));
}

function isInside(node: Node, ancestor: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.id === ancestor.id) return true;
  return false;
}

export interface PythonImport {
  /** Module as written, without leading dots (`pkg.mod`; empty for `from . import x`). */
  module: string;
  /** Leading dots of a relative import (0 for absolute). */
  level: number;
  /** The imported name (`x` in `from m import x as y`), or null for `import m`. */
  name: string | null;
}

/** Local names bound by import statements: `y` → { module, level, name } for `from m import x as y`, `m` for `import m`. */
export function importedNames(root: Node): Map<string, PythonImport> {
  const out = new Map<string, PythonImport>();
  for (const st of descendants(root, ['import_statement', 'import_from_statement'])) {
    if (st.type === 'import_statement') {
      for (const item of st.namedChildren) {
        if (!item) continue;
        if (item.type === 'dotted_name') out.set(item.text.split('.')[0]!, { module: item.text, level: 0, name: null });
        else if (item.type === 'aliased_import') {
          const alias = item.childForFieldName('alias')?.text;
          const name = item.childForFieldName('name')?.text;
          if (alias && name) out.set(alias, { module: name, level: 0, name: null });
        }
      }
      continue;
    }
    const moduleNode = st.childForFieldName('module_name');
    if (!moduleNode) continue;
    let module = moduleNode.text;
    let level = 0;
    if (moduleNode.type === 'relative_import') {
      level = /^\.*/.exec(module)![0].length;
      module = module.slice(level);
    }
    for (const item of st.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'dotted_name') out.set(item.text, { module, level, name: item.text });
      else if (item.type === 'aliased_import') {
        const alias = item.childForFieldName('alias')?.text;
        const name = item.childForFieldName('name')?.text;
        if (alias && name) out.set(alias, { module, level, name });
      }
    }
  }
  return out;
}

/**
 * Repository paths a Python module may live at: `pkg.mod` → `pkg/mod.py`, `pkg/mod/__init__.py`,
 * relative to each of `roots` ('' is the repository root). With `level` > 0 (a relative import)
 * the module is looked up from `fromFile`'s package instead.
 */
export function pythonModulePaths(module: string, roots: readonly string[], level = 0, fromFile?: string): string[] {
  const rel = module ? module.split('.').join('/') : '';
  const bases: string[] = [];
  if (level > 0 && fromFile !== undefined) {
    let dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '';
    for (let i = 1; i < level; i++) dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    bases.push(dir);
  } else bases.push(...roots);
  const out: string[] = [];
  for (const base of bases) {
    const prefix = base ? `${base}/` : '';
    if (rel) out.push(`${prefix}${rel}.py`);
    out.push(`${prefix}${rel ? `${rel}/` : ''}__init__.py`);
  }
  return [...new Set(out)];
}

/**
 * A term of a condition that holds only outside production: a debug or development flag (`DEBUG`,
 * `settings.DEBUG`, `app.debug`, `env.is_debug_mode()`, `is_dev`), a negated production flag
 * (`not settings.IS_PRODUCTION`), or an environment name compared with a development one
 * (`ENVIRONMENT == "development"`, `env != "production"`).
 */
function isDevelopmentTerm(term: string): boolean {
  const t = term.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (/^(?:[\w]+\.)*(?:is_?)?(?:dev|development|local|debug)(?:_?mode|_?env)?(?:\(\))?$/i.test(t)) return true;
  if (/^not\s+(?:[\w]+\.)*(?:is_?)?prod(?:uction)?(?:_?mode|_?env)?(?:\(\))?$/i.test(t)) return true;
  if (/==\s*["'](?:dev|development|local|debug)["']$|^["'](?:dev|development|local|debug)["']\s*==/i.test(t)) return true;
  if (/!=\s*["'](?:prod|production)["']$|^["'](?:prod|production)["']\s*!=/i.test(t)) return true;
  // `ENVIRONMENT not in ["SANDBOX", "PREVIEW", "STAGING", "PRODUCTION"]`: every environment but the listed deployed ones, production among them.
  return /\bnot\s+in\s*[[({][^\])}]*["'](?:prod|production)["'][^\])}]*[\])}]$/i.test(t);
}

/** A condition that holds only outside production; one with an `or` may hold in production. */
function isDevelopmentCondition(condition: string): boolean {
  if (/\bor\b/.test(condition)) return false;
  return condition.split(/\band\b/).some(isDevelopmentTerm);
}

/** A condition that holds in production: `IS_PRODUCTION`, `ENVIRONMENT == "production"`. */
function isProductionCondition(condition: string): boolean {
  const c = condition.trim();
  if (/\b(?:or|and|not)\b/.test(c)) return false;
  return /^(?:[\w]+\.)*(?:is_?)?prod(?:uction)?(?:_?mode|_?env)?(?:\(\))?$/i.test(c) || /==\s*["'](?:prod|production)["']$|^["'](?:prod|production)["']\s*==/i.test(c);
}

/**
 * The condition, as written, of an enclosing `if` whose block runs only outside production (`if settings.DEBUG:`,
 * `if env.is_debug_mode():`, `elif DEBUG:`, the `else:` of `if IS_PRODUCTION:`) around the code starting on `line`, or undefined.
 */
export function developmentBranchAtLine(root: Node, line: number): string | undefined {
  const text = root.text.split('\n')[line - 1] ?? '';
  const column = text.length - text.trimStart().length;
  let node: Node | null = root.descendantForPosition({ row: line - 1, column });
  for (; node; node = node.parent) {
    const parent: Node | null = node.parent;
    if (!parent) break;
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && parent.childForFieldName('consequence')?.id === node.id) {
      const condition = parent.childForFieldName('condition')?.text ?? '';
      if (isDevelopmentCondition(condition)) return condition.trim();
    }
    if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement') {
      const condition = parent.parent.childForFieldName('condition')?.text ?? '';
      if (isProductionCondition(condition)) return `not (${condition.trim()})`;
    }
  }
  return undefined;
}
