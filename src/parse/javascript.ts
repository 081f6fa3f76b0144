// Lexical masking of JavaScript/TypeScript source, so line patterns match code and never comments or string contents.
import jsTokens from 'js-tokens';

/**
 * `text` with the same length and line breaks, where comments become spaces and the contents of
 * strings, template literals and regular expressions become `_` (their delimiters stay). Code inside a
 * template's `${…}` stays as it is, so checks see it. Tokens come from `js-tokens`, which tells a
 * regular expression from a division and follows template nesting as the language does.
 */
export function maskJavaScript(text: string): string {
  const out: string[] = [];
  /** Masks `value` between `open` and `close` characters it keeps; line breaks stay. */
  const literal = (value: string, open: number, close: number, blank: string) => {
    out.push(value.slice(0, open));
    out.push(value.slice(open, value.length - close).replace(/[^\r\n]/g, blank));
    out.push(value.slice(value.length - close));
  };
  for (const token of jsTokens(text)) {
    const { value } = token;
    switch (token.type) {
      case 'SingleLineComment':
      case 'MultiLineComment':
      case 'HashbangComment':
        literal(value, 0, 0, ' ');
        break;
      case 'StringLiteral':
      case 'NoSubstitutionTemplate':
        literal(value, 1, token.closed ? 1 : 0, '_');
        break;
      case 'TemplateHead':
        // `…${
        literal(value, 1, 2, '_');
        break;
      case 'TemplateMiddle':
        // }…${
        literal(value, 1, 2, '_');
        break;
      case 'TemplateTail':
        // }…`
        literal(value, 1, token.closed ? 1 : 0, '_');
        break;
      case 'RegularExpressionLiteral': {
        // /body/flags: the slashes and flags stay.
        const close = token.closed ? value.lastIndexOf('/') : value.length;
        literal(value.slice(0, close), 1, 0, '_');
        out.push(value.slice(close));
        break;
      }
      default:
        out.push(value);
    }
  }
  return out.join('');
}

/** Offsets where each line starts, for turning a match offset into a 1-based line with `lineAt`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset`, given `lineStarts(text)`. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export interface JavaScriptImport {
  /** The module specifier (`cors`, `hono/cors`). */
  module: string;
  /** The imported export (`cors` in `import { cors as c }`), or `default` for default and CommonJS whole-module imports. */
  name: string;
}

const DEFAULT_IMPORT = /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\}\s*)?from\s*(["'])([^"'\n]+)\2/g;
const NAMED_IMPORT = /\bimport\s*(?:[A-Za-z_$][\w$]*\s*,\s*)?\{([^}]*)\}\s*from\s*(["'])([^"'\n]+)\2/g;
const REQUIRE = /\b(?:(?:const|let|var)\s+|import\s+)([A-Za-z_$][\w$]*)\s*=\s*require\(\s*(["'])([^"'\n]+)\2\s*\)/g;
const NAMED_REQUIRE = /\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*(["'])([^"'\n]+)\2\s*\)/g;

/** Local names bound by ES imports and CommonJS `require` calls: `c` → { module: 'hono/cors', name: 'cors' } for `import { cors as c } from 'hono/cors'`. */
export function javascriptImports(text: string): Map<string, JavaScriptImport> {
  const out = new Map<string, JavaScriptImport>();
  for (const m of text.matchAll(DEFAULT_IMPORT)) out.set(m[1]!, { module: m[3]!, name: 'default' });
  for (const m of text.matchAll(REQUIRE)) out.set(m[1]!, { module: m[3]!, name: 'default' });
  for (const m of [...text.matchAll(NAMED_IMPORT), ...text.matchAll(NAMED_REQUIRE)]) {
    for (const part of m[1]!.split(',')) {
      const named = /^\s*(?:type\s+)?([A-Za-z_$][\w$]*)\s*(?:(?:as|:)\s*([A-Za-z_$][\w$]*))?\s*$/.exec(part);
      if (named) out.set(named[2] ?? named[1]!, { module: m[3]!, name: named[1]! });
    }
  }
  return out;
}

/** A condition that holds only outside production: `isDev`, `!isProduction`, `NODE_ENV === 'development'`, `env !== "production"`. */
function isDevelopmentCondition(condition: string): boolean {
  const c = condition.replace(/\s+/g, '');
  // Either side of an `||` may hold in production.
  if (c.includes('||')) return false;
  return c.split('&&').some((term) => {
    const t = term.replace(/^\((.*)\)$/, '$1');
    if (/^(?:[\w$]+\.)*(?:is_?)?(?:dev|development|local)(?:_?mode|_?env)?$/i.test(t)) return true;
    if (/^!(?:[\w$]+\.)*(?:is_?)?prod(?:uction)?(?:_?mode|_?env)?$/i.test(t)) return true;
    if (/^__dev__$/i.test(t)) return true;
    if (/===?["'`](?:dev|development|local)["'`]$|^["'`](?:dev|development|local)["'`]===?/i.test(t)) return true;
    return /!==?["'`](?:prod|production)["'`]$|^["'`](?:prod|production)["'`]!==?/i.test(t);
  });
}

/** A condition that holds in production: `isProd`, `NODE_ENV === 'production'`. */
function isProductionCondition(condition: string): boolean {
  const c = condition.replace(/\s+/g, '');
  if (c.includes('||') || c.includes('&&')) return false;
  return /^(?:[\w$.]*\.)?(?:is_?)?prod(?:uction)?(?:_?mode)?$/i.test(c) || /===?["'`](?:prod|production)["'`]$|^["'`](?:prod|production)["'`]===?/i.test(c);
}

/** Where the condition of the `if (…)` that ends at `end` in `masked` (ignoring spaces) lies, inside its parentheses, or undefined. */
function ifConditionSpan(masked: string, end: number): { from: number; to: number } | undefined {
  let i = end - 1;
  while (i >= 0 && /\s/.test(masked[i]!)) i--;
  if (masked[i] !== ')') return undefined;
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    if (masked[j] === ')') depth++;
    else if (masked[j] === '(' && --depth === 0) {
      if (!/\bif\s*$/.test(masked.slice(Math.max(0, j - 10), j))) return undefined;
      return { from: j + 1, to: i };
    }
  }
  return undefined;
}

/** The condition of the `if (…)` that ends at `end` in `masked` (ignoring spaces), as written in `source`, or undefined. */
function ifConditionBefore(source: string, masked: string, end: number): string | undefined {
  const span = ifConditionSpan(masked, end);
  return span && source.slice(span.from, span.to);
}

/** Position of the `{` that opens the innermost block still open at `from` (scanning back from it), or -1. */
function openingBrace(masked: string, from: number): number {
  let depth = 0;
  for (let i = from; i >= 0; i--) {
    const ch = masked[i];
    if (ch === '}') depth++;
    else if (ch === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Where the condition lies of the `if (…)` that heads the innermost block holding `offset` (`if (url.pathname.startsWith(…)) {`),
 * inside its parentheses, or undefined when that block is not an `if`'s. `masked` is `maskJavaScript` of the code.
 */
export function enclosingIfCondition(masked: string, offset: number): { from: number; to: number } | undefined {
  const open = openingBrace(masked, offset - 1);
  return open < 0 ? undefined : ifConditionSpan(masked, open);
}

/**
 * The condition, as written, of an enclosing branch that runs only outside production (`if (isDev) {…}`,
 * `if (process.env.NODE_ENV !== 'production') app.use(cors())`, the `else` of `if (isProd)`), or
 * undefined. `masked` is `maskJavaScript(source)`; `offset` is a position in the code to judge.
 */
export function developmentBranchAt(source: string, masked: string, offset: number): string | undefined {
  // The statement itself: `if (isDev) app.use(cors());`
  const statementStart = Math.max(masked.lastIndexOf(';', offset - 1), masked.lastIndexOf('{', offset - 1), masked.lastIndexOf('}', offset - 1)) + 1;
  const head = /^\s*if\s*\(/.exec(masked.slice(statementStart, offset));
  if (head) {
    let depth = 0;
    for (let j = statementStart + head[0].length - 1; j < offset; j++) {
      if (masked[j] === '(') depth++;
      else if (masked[j] === ')' && --depth === 0) {
        const condition = source.slice(statementStart + head[0].length, j);
        if (isDevelopmentCondition(condition)) return condition.trim();
        break;
      }
    }
  }
  // Enclosing blocks, innermost first.
  for (let open = openingBrace(masked, offset - 1); open >= 0; open = openingBrace(masked, open - 1)) {
    const condition = ifConditionBefore(source, masked, open);
    if (condition !== undefined && isDevelopmentCondition(condition)) return condition.trim();
    // `} else {` after `if (isProd) { … }`.
    const before = masked.slice(0, open).trimEnd();
    if (before.endsWith('else')) {
      const close = before.slice(0, -4).trimEnd();
      if (close.endsWith('}')) {
        const ifOpen = openingBrace(masked, close.length - 2);
        const prodCondition = ifOpen >= 0 ? ifConditionBefore(source, masked, ifOpen) : undefined;
        if (prodCondition !== undefined && isProductionCondition(prodCondition)) return `not (${prodCondition.trim()})`;
      }
    }
  }
  return undefined;
}

/** What precedes a function body's `{`: `function name(…)`, `name = (…) =>`, `exports.name = function (…)`, a method `name(…)`. */
const FUNCTION_HEAD = [
  /(?:^|[^\w$.])function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*(?::[^{};=]*)?$/d,
  /(?:^|[^\w$])([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:function\s*\*?\s*(?:[A-Za-z_$][\w$]*)?\s*\([^()]*\)|\([^()]*\)\s*(?::[^{};=]*)?=>|[A-Za-z_$][\w$]*\s*=>)\s*(?::[^{};=]*)?$/d,
  /(?:^|[\s;{}])(?:(?:async|static|public|private|protected)\s+)*([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*(?::[^{};=]*)?$/d,
];
const NOT_FUNCTION_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'function']);

/**
 * The innermost named function whose body holds `offset` (`function allowAll(res) {…}`,
 * `exports.allowAll = (res) => {…}`, a method `allowAll(res) {…}`), with the offset of its name, or
 * undefined. `masked` is `maskJavaScript(source)`.
 */
export function enclosingFunction(masked: string, offset: number): { name: string; at: number } | undefined {
  for (const named of enclosingFunctions(masked, offset)) return named;
  return undefined;
}

/** Every named function whose body holds `offset`, innermost first (see enclosingFunction). */
export function* enclosingFunctions(masked: string, offset: number): Generator<{ name: string; at: number }> {
  for (let open = openingBrace(masked, offset - 1); open >= 0; open = openingBrace(masked, open - 1)) {
    // The function's head is the text just before its `{`: a few hundred characters are enough.
    const lineStart = Math.max(0, open - 300);
    const before = masked.slice(lineStart, open).replace(/\s+$/, '');
    for (const head of FUNCTION_HEAD) {
      const m = head.exec(before);
      if (!m || NOT_FUNCTION_NAMES.has(m[1]!)) continue;
      yield { name: m[1]!, at: lineStart + m.indices![1]![0] };
      break;
    }
  }
}

/**
 * The unmatched opening brackets around `at` (strings already masked), innermost first, each with its offset,
 * looking back at most `limit` characters and stopping at a `;` outside any bracket (the statement's start).
 */
export function* openersAround(masked: string, at: number, limit: number): Generator<number> {
  let depth = 0;
  for (let i = at - 1; i >= 0 && at - i < limit; i--) {
    const c = masked[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) depth--;
      else yield i;
    } else if (c === ';' && depth === 0) return;
  }
}
