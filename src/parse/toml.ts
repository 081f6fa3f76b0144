// A small TOML reader with line numbers (tables, arrays of tables, dotted keys, all string forms,
// arrays, inline tables), enough for pyproject.toml and Pipfile. Never throws: errors are returned.

export type TomlValue = TomlString | TomlAtom | TomlArray | TomlTable;

interface Located {
  /** 1-based line where the value starts. */
  line: number;
}

export interface TomlString extends Located {
  type: 'string';
  value: string;
}

/** Numbers, booleans, dates and times, kept as written. */
export interface TomlAtom extends Located {
  type: 'atom';
  raw: string;
}

export interface TomlArray extends Located {
  type: 'array';
  items: TomlValue[];
}

export interface TomlEntry {
  key: string;
  /** Line of the key (for a table made by a header, the header's line). */
  keyLine: number;
  value: TomlValue;
}

export interface TomlTable extends Located {
  type: 'table';
  entries: Map<string, TomlEntry>;
}

export interface TomlDocument {
  root: TomlTable;
  /** The first syntax error, with its line; the tables read up to it are still in `root`. */
  error?: string;
}

class TomlSyntaxError extends Error {}

const DECIMAL = '[+-]?(?:0|[1-9](?:_?\\d)*)';
const DIGITS = '\\d(?:_?\\d)*';
const INTEGER = new RegExp(`^(?:${DECIMAL}|0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*)$`);
const FLOAT = new RegExp(`^(?:${DECIMAL}(?:\\.${DIGITS}(?:[eE][+-]?${DIGITS})?|[eE][+-]?${DIGITS})|[+-]?(?:inf|nan))$`);
const DATE = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
/** Seconds may be left out (TOML 1.1). */
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::(?:[0-5]\\d|60)(?:\\.\\d+)?)?';
const DATE_TIME = new RegExp(`^(?:${DATE}(?:[Tt ]${TIME}(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)?)?|${TIME})$`);
const INT64_MAX = 2n ** 63n;

/** True for a boolean, number, date or time written as TOML writes them (a decimal integer within 64 bits). */
function isTomlAtom(raw: string): boolean {
  if (raw === 'true' || raw === 'false' || FLOAT.test(raw) || DATE_TIME.test(raw)) return true;
  if (!INTEGER.test(raw)) return false;
  if (/^[+-]?0[xob]/.test(raw)) return true;
  const value = BigInt(raw.replace(/_/g, ''));
  return value < INT64_MAX && value >= -INT64_MAX;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

class Reader {
  pos = 0;
  line = 1;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new TomlSyntaxError(`line ${this.line}: ${message}`);
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  advance(n = 1): void {
    for (let i = 0; i < n && this.pos < this.text.length; i++) {
      if (this.text[this.pos] === '\n') this.line++;
      this.pos++;
    }
  }

  /** Spaces and tabs only. */
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  skipComment(): void {
    if (this.peek() !== '#') return;
    for (; !this.atEnd() && this.peek() !== '\n'; this.pos++) {
      if (this.peek() === '\r' && this.peek(1) === '\n') return;
      // Python's tomllib, which pip and uv read with, refuses control characters (a lone CR too) in a comment.
      const code = this.text.charCodeAt(this.pos);
      if ((code < 0x20 && code !== 0x09) || code === 0x7f) this.fail('control character in a comment');
    }
  }

  /** Whitespace, newlines and comments (inside arrays, between statements). */
  skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '#') this.skipComment();
      else if (this.peek() === '\n') this.advance();
      else if (this.peek() === '\r' && this.peek(1) === '\n') this.advance(2);
      else return;
    }
  }

  /** After a statement: optional spaces and comment, then a newline or the end. */
  endOfStatement(): void {
    this.skipSpaces();
    this.skipComment();
    if (this.atEnd()) return;
    if (this.peek() === '\r' && this.peek(1) === '\n') return this.advance(2);
    if (this.peek() === '\n') return this.advance();
    this.fail(`unexpected "${this.peek()}" after a value`);
  }

  readKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '"') parts.push(this.readBasicString());
      else if (c === "'") parts.push(this.readLiteralString());
      else {
        const start = this.pos;
        while (BARE_KEY.test(this.peek())) this.pos++;
        if (start === this.pos) this.fail('expected a key');
        parts.push(this.text.slice(start, this.pos));
      }
      this.skipSpaces();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  readBasicString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === '"') return out;
      if (c === '\\') out += this.readEscape();
      else out += c;
    }
  }

  readEscape(): string {
    const c = this.peek();
    this.pos++;
    if (c in ESCAPES) return ESCAPES[c]!;
    const width = c === 'u' ? 4 : c === 'U' ? 8 : c === 'x' ? 2 : 0;
    if (!width) this.fail(`invalid escape "\\${c}"`);
    const hex = this.text.slice(this.pos, this.pos + width);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) this.fail('invalid unicode escape');
    this.pos += width;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) this.fail('invalid unicode escape');
    return String.fromCodePoint(code);
  }

  readLiteralString(): string {
    this.pos++;
    const end = this.text.indexOf("'", this.pos);
    const newline = this.text.indexOf('\n', this.pos);
    if (end === -1 || (newline !== -1 && newline < end)) this.fail('unterminated string');
    const value = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return value;
  }

  readMultilineString(delimiter: '"""' | "'''"): string {
    this.advance(3);
    if (this.peek() === '\n') this.advance();
    else if (this.peek() === '\r' && this.peek(1) === '\n') this.advance(2);
    let out = '';
    for (;;) {
      if (this.atEnd()) this.fail('unterminated multi-line string');
      if (this.startsWith(delimiter)) {
        // Up to two quotes may sit right before the closing delimiter.
        let extra = 0;
        while (extra < 2 && this.text[this.pos + 3 + extra] === delimiter[0]) extra++;
        out += delimiter[0]!.repeat(extra);
        this.advance(3 + extra);
        return out;
      }
      const c = this.peek();
      if (delimiter === '"""' && c === '\\') {
        this.advance();
        // A backslash at the end of a line trims the newline and following whitespace.
        const rest = /^[ \t]*\r?\n/.exec(this.text.slice(this.pos, this.pos + 256));
        if (rest) {
          while (/[ \t\r\n]/.test(this.peek())) this.advance();
          continue;
        }
        out += this.readEscape();
        continue;
      }
      out += c;
      this.advance();
    }
  }

  readValue(): TomlValue {
    const line = this.line;
    const c = this.peek();
    if (this.startsWith('"""')) return { type: 'string', value: this.readMultilineString('"""'), line };
    if (this.startsWith("'''")) return { type: 'string', value: this.readMultilineString("'''"), line };
    if (c === '"') return { type: 'string', value: this.readBasicString(), line };
    if (c === "'") return { type: 'string', value: this.readLiteralString(), line };
    if (c === '[') return this.readArray();
    if (c === '{') return this.readInlineTable();
    return this.readAtom();
  }

  readAtom(): TomlAtom {
    const line = this.line;
    const start = this.pos;
    while (!this.atEnd() && !/[\s,\]}#]/.test(this.peek())) this.pos++;
    // Date and time separated by a space: `1979-05-27 07:32:00Z`.
    if (/^\d{4}-\d{2}-\d{2}$/.test(this.text.slice(start, this.pos)) && / \d{2}:/.test(this.text.slice(this.pos, this.pos + 4))) {
      this.pos++;
      while (!this.atEnd() && !/[\s,\]}#]/.test(this.peek())) this.pos++;
    }
    const raw = this.text.slice(start, this.pos);
    if (!raw) this.fail('expected a value');
    if (!isTomlAtom(raw)) this.fail(`invalid value "${raw}"`);
    return { type: 'atom', raw, line };
  }

  readArray(): TomlArray {
    const line = this.line;
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === ']') {
        this.pos++;
        return { type: 'array', items, line };
      }
      if (this.atEnd()) this.fail('unterminated array');
      items.push(this.readValue());
      this.skipBlank();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail('expected "," or "]" in an array');
    }
  }

  readInlineTable(): TomlTable {
    const table: TomlTable = { type: 'table', entries: new Map(), line: this.line };
    this.pos++;
    for (;;) {
      // TOML 1.1 allows newlines and comments inside inline tables; accept them.
      this.skipBlank();
      if (this.peek() === '}') {
        this.pos++;
        return table;
      }
      if (this.atEnd()) this.fail('unterminated inline table');
      const keyLine = this.line;
      const key = this.readKey();
      if (this.peek() !== '=') this.fail('expected "=" after a key');
      this.pos++;
      this.skipSpaces();
      assign(table, key, keyLine, this.readValue(), this);
      this.skipBlank();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail('expected "," or "}" in an inline table');
    }
  }
}

/** Stores `value` under a dotted key, creating intermediate tables. */
function assign(table: TomlTable, key: string[], keyLine: number, value: TomlValue, reader: Reader): void {
  let current = table;
  for (const part of key.slice(0, -1)) current = childTable(current, part, keyLine, reader);
  current.entries.set(key[key.length - 1]!, { key: key[key.length - 1]!, keyLine, value });
}

/** The table under `part`, created when missing; for an array of tables, its last element. */
function childTable(table: TomlTable, part: string, line: number, reader: Reader): TomlTable {
  const existing = table.entries.get(part)?.value;
  if (!existing) {
    const created: TomlTable = { type: 'table', entries: new Map(), line };
    table.entries.set(part, { key: part, keyLine: line, value: created });
    return created;
  }
  if (existing.type === 'table') return existing;
  if (existing.type === 'array') {
    const last = existing.items[existing.items.length - 1];
    if (last?.type === 'table') return last;
  }
  return reader.fail(`key "${part}" is not a table`);
}

export function parseToml(text: string): TomlDocument {
  const root: TomlTable = { type: 'table', entries: new Map(), line: 1 };
  const reader = new Reader(text.startsWith('\uFEFF') ? text.slice(1) : text);
  let current = root;
  try {
    for (;;) {
      reader.skipBlank();
      if (reader.atEnd()) break;
      const line = reader.line;
      if (reader.peek() === '[') {
        const arrayOfTables = reader.peek(1) === '[';
        reader.advance(arrayOfTables ? 2 : 1);
        const key = reader.readKey();
        if (!reader.startsWith(arrayOfTables ? ']]' : ']')) reader.fail('expected "]" to close a table header');
        reader.advance(arrayOfTables ? 2 : 1);
        reader.endOfStatement();
        let parent = root;
        for (const part of key.slice(0, -1)) parent = childTable(parent, part, line, reader);
        const last = key[key.length - 1]!;
        if (arrayOfTables) {
          const entry = parent.entries.get(last);
          const element: TomlTable = { type: 'table', entries: new Map(), line };
          if (!entry) parent.entries.set(last, { key: last, keyLine: line, value: { type: 'array', items: [element], line } });
          else if (entry.value.type === 'array') entry.value.items.push(element);
          else reader.fail(`key "${last}" is not an array of tables`);
          current = element;
        } else {
          current = childTable(parent, last, line, reader);
          // A header re-declaring an implicitly created table takes the header's line.
          current.line = line;
          const entry = parent.entries.get(last);
          if (entry) entry.keyLine = line;
        }
        continue;
      }
      const key = reader.readKey();
      if (reader.peek() !== '=') reader.fail('expected "=" after a key');
      reader.advance();
      reader.skipSpaces();
      assign(current, key, line, reader.readValue(), reader);
      reader.endOfStatement();
    }
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    return { root, error: error.message };
  }
  return { root };
}

/** The value at a key path (`tomlGet(doc.root, 'tool', 'poetry', 'dependencies')`), or undefined. */
export function tomlGet(table: TomlValue | undefined, ...path: string[]): TomlValue | undefined {
  let current = table;
  for (const key of path) {
    if (current?.type !== 'table') return undefined;
    current = current.entries.get(key)?.value;
  }
  return current;
}

/** A table at a key path, or undefined when missing or not a table. */
export function tomlTable(table: TomlValue | undefined, ...path: string[]): TomlTable | undefined {
  const value = tomlGet(table, ...path);
  return value?.type === 'table' ? value : undefined;
}

/** A string at a key path, or undefined. */
export function tomlString(table: TomlValue | undefined, ...path: string[]): string | undefined {
  const value = tomlGet(table, ...path);
  return value?.type === 'string' ? value.value : undefined;
}
