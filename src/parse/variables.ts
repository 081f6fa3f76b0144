// Shell-style variable references as compose files and Dockerfiles write them (`$NAME`, `${NAME}`,
// `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME:+alternative}`): found with their
// defaults, and substituted once for every check that reads an image reference or a build path.

/** One `$NAME` or `${NAME…}` reference, with where it is in the text it was found in. */
export interface VariableReference {
  name: string;
  /** `-` default, `?` required, `+` alternative; undefined for `$NAME` and `${NAME}`. */
  operator?: '-' | '?' | '+';
  /** True for `:-`, `:?`, `:+`: an empty value counts as unset. */
  colon: boolean;
  /** The text after the operator, as written (it may hold references of its own); undefined without an operator. */
  word?: string;
  /** Offsets of the reference in the text: `text.slice(start, end)` is `${NAME:-word}`. */
  start: number;
  end: number;
}

const NAME = /[A-Za-z_]\w*/y;

/**
 * The references in `text`, outermost only (a default's own references are in its `word`). With `escapes`
 * (compose), `$$` is a literal `$` and starts no reference.
 */
export function variableReferences(text: string, options: { escapes?: boolean } = {}): VariableReference[] {
  const out: VariableReference[] = [];
  for (let i = text.indexOf('$'); i !== -1 && i < text.length; i = text.indexOf('$', i)) {
    if (options.escapes && text[i + 1] === '$') {
      i += 2;
      continue;
    }
    if (text[i + 1] === '{') {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0];
      if (!name) {
        i += 1;
        continue;
      }
      let at = i + 2 + name.length;
      const colon = text[at] === ':';
      if (colon) at++;
      const op = text[at];
      if (op === '}' && !colon) {
        out.push({ name, colon: false, start: i, end: at + 1 });
        i = at + 1;
        continue;
      }
      if (op !== '-' && op !== '?' && op !== '+') {
        i += 1;
        continue;
      }
      // The word runs to the matching brace: a default may hold references of its own (`${A:-${B:-x}}`).
      let depth = 1;
      let j = at + 1;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{' && text[j - 1] === '$') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth > 0) break;
      out.push({ name, operator: op, colon, word: text.slice(at + 1, j - 1), start: i, end: j });
      i = j;
      continue;
    }
    NAME.lastIndex = i + 1;
    const bare = NAME.exec(text)?.[0];
    if (bare) out.push({ name: bare, colon: false, start: i, end: i + 1 + bare.length });
    i += 1 + (bare?.length ?? 0);
  }
  return out;
}

export interface Expansion {
  /** The text with every reference it could resolve substituted; those it could not are kept as written. */
  text: string;
  /** False when some reference had neither a value nor a default (or was required, `${NAME:?…}`, and unset). */
  complete: boolean;
}

/**
 * Substitutes the references of `text` with `values` (a name's value, or undefined when it is unset), as
 * compose and Docker do: `${NAME:-default}` when NAME is unset or empty, `${NAME-default}` only when it is
 * unset, `${NAME:+alt}` when it is set, defaults expanded in turn. With `escapes` (compose), `$$` is `$`.
 */
export function expandVariables(text: string, values: (name: string) => string | undefined, options: { escapes?: boolean } = {}): Expansion {
  if (!text.includes('$')) return { text, complete: true };
  let complete = true;
  let out = '';
  let from = 0;
  const literal = (part: string) => (options.escapes ? part.replace(/\$\$/g, '$') : part);
  for (const ref of variableReferences(text, options)) {
    out += literal(text.slice(from, ref.start));
    from = ref.end;
    const value = values(ref.name);
    const set = value !== undefined && (value !== '' || !ref.colon);
    if (ref.operator === '+') {
      const alternative = set ? expandVariables(ref.word ?? '', values, options) : { text: '', complete: true };
      complete &&= alternative.complete;
      out += alternative.text;
    } else if (set) {
      out += value;
    } else if (ref.operator === '-') {
      const fallback = expandVariables(ref.word ?? '', values, options);
      complete &&= fallback.complete;
      out += fallback.text;
    } else {
      complete = false;
      out += text.slice(ref.start, ref.end);
    }
  }
  out += literal(text.slice(from));
  return { text: out, complete };
}

/** `values` as a lookup: a map's value, with an empty one taken as unset when `emptyIsUnset` (a Dockerfile `ARG TAG=` says nothing of the tag). */
export function lookup(values: ReadonlyMap<string, string | undefined>, options: { emptyIsUnset?: boolean } = {}): (name: string) => string | undefined {
  return (name) => {
    const value = values.get(name);
    return options.emptyIsUnset && value === '' ? undefined : value;
  };
}
