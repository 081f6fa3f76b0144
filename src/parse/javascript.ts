// Lexical masking of JavaScript/TypeScript source, so line patterns match code and never comments or string contents.

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const KEYWORDS_BEFORE_REGEX = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await)\s*$/;

/**
 * `text` with the same length and line breaks, where comments become spaces and the contents of
 * strings, template literals and regular expressions become `_` (their delimiters stay). Match
 * patterns against the mask, then read literal values from the original text at the same offsets.
 */
export function maskJavaScript(text: string): string {
  const out: string[] = new Array<string>(text.length);
  let i = 0;
  let lastSignificant = '';
  const fill = (from: number, to: number, blank: string) => {
    for (let k = from; k < to; k++) out[k] = text[k] === '\n' || text[k] === '\r' ? text[k]! : blank;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      fill(i, stop, ' ');
      i = stop;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      fill(i, stop, ' ');
      i = stop;
      continue;
    }
    const regexStart = c === '/' && (BEFORE_REGEX.has(lastSignificant) || KEYWORDS_BEFORE_REGEX.test(text.slice(Math.max(0, i - 12), i)));
    if (c === '"' || c === "'" || c === '`' || regexStart) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        // Plain strings and regular expressions end at a line break (an unterminated literal); templates may span lines.
        if (d === '\n' && c !== '`') break;
        if (regexStart && d === '[') inClass = true;
        else if (regexStart && d === ']') inClass = false;
        else if (d === c && !inClass) break;
        j++;
      }
      const end = Math.min(j, text.length);
      out[i] = c;
      fill(i + 1, end, '_');
      if (end < text.length && text[end] === c) out[end] = c;
      i = end < text.length && text[end] === c ? end + 1 : end;
      lastSignificant = 'x';
      continue;
    }
    out[i] = c;
    if (!/\s/.test(c)) lastSignificant = /[\w$)\].]/.test(c) ? 'x' : c;
    i++;
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
