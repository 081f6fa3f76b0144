// Lexical masking of Go source, so line patterns match code and never comments or string contents.

/**
 * `text` with the same length and line breaks, where comments become spaces and the contents of
 * interpreted strings (`"…"`), raw strings (`` `…` ``) and runes (`'…'`) become `_` (their delimiters
 * stay), as `maskJavaScript` does for JavaScript. Go has no regular-expression literals or template
 * substitutions, so a single pass over the characters is the whole lexer this needs.
 */
export function maskGo(text: string): string {
  const out: string[] = [];
  let i = 0;
  const blank = (from: number, to: number, fill: string) => {
    out.push(text.slice(from, to).replace(/[^\r\n]/g, fill));
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop, ' ');
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop, ' ');
      i = stop;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end === -1 ? text.length : end;
      out.push('`');
      blank(i + 1, stop, '_');
      if (end !== -1) out.push('`');
      i = end === -1 ? text.length : end + 1;
    } else if (c === '"' || c === "'") {
      // Interpreted strings and runes end at the unescaped quote or, unterminated, at the line's end.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const closed = j < text.length && text[j] === c;
      out.push(c);
      blank(i + 1, Math.min(j, text.length), '_');
      if (closed) out.push(c);
      i = closed ? j + 1 : Math.min(j, text.length);
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('');
}
