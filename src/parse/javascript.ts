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
