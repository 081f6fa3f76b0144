// The TOML subset reader: values, tables and the lines pyproject/Pipfile findings point at.
import { describe, expect, it } from 'vitest';
import { parseToml, tomlGet, tomlString, tomlTable, type TomlValue } from '../../src/parse/toml.js';

/** Plain JS view of a value, for comparisons. */
function plain(value: TomlValue | undefined): unknown {
  if (!value) return undefined;
  if (value.type === 'string') return value.value;
  if (value.type === 'atom') return value.raw;
  if (value.type === 'array') return value.items.map(plain);
  return Object.fromEntries([...value.entries.values()].map((e) => [e.key, plain(e.value)]));
}

describe('parseToml', () => {
  it('reads a pyproject with arrays, comments, inline tables and dotted headers', () => {
    const doc = parseToml(
      [
        '# comment',
        '[project]',
        'name = "app"  # trailing',
        'version = \'1.0\'',
        'dependencies = [',
        '  "requests>=2", # why',
        '  "flask",',
        ']',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.11"',
        'lib = { git = "https://x/lib.git", branch = "main" }',
        '"quoted.key" = "*"',
        '[tool.poetry.group.dev.dependencies]',
        'pytest = { version = "*", optional = true }',
        '',
      ].join('\n'),
    );
    expect(doc.error).toBeUndefined();
    expect(plain(tomlGet(doc.root, 'project', 'dependencies'))).toEqual(['requests>=2', 'flask']);
    const deps = tomlGet(doc.root, 'project', 'dependencies');
    expect(deps?.type === 'array' && deps.items.map((i) => i.line)).toEqual([6, 7]);
    const poetry = tomlTable(doc.root, 'tool', 'poetry', 'dependencies')!;
    expect([...poetry.entries.values()].map((e) => [e.key, e.keyLine])).toEqual([
      ['python', 11],
      ['lib', 12],
      ['quoted.key', 13],
    ]);
    expect(tomlString(poetry, 'lib', 'branch')).toBe('main');
    expect(plain(tomlGet(doc.root, 'tool', 'poetry', 'group', 'dev', 'dependencies'))).toEqual({ pytest: { version: '*', optional: 'true' } });
  });

  it('reads string forms, escapes, numbers, dates and arrays of tables', () => {
    const doc = parseToml(
      [
        'a = "tab\\tquote\\" \\u00e9"',
        "b = '''",
        'raw \\n line',
        "'''",
        'c = """',
        'one \\',
        '   two"""',
        'd = 1_000',
        'e = 1979-05-27 07:32:00Z',
        'f = [1, [2, 3], { x = -0.5 }]',
        '[[source]]',
        'name = "pypi"',
        '[[source]]',
        'name = "private"',
        'g.h = true',
      ].join('\n'),
    );
    expect(doc.error).toBeUndefined();
    expect(plain(doc.root)).toEqual({
      a: 'tab\tquote" é',
      b: 'raw \\n line\n',
      c: 'one two',
      d: '1_000',
      e: '1979-05-27 07:32:00Z',
      f: ['1', ['2', '3'], { x: '-0.5' }],
      source: [{ name: 'pypi' }, { name: 'private', g: { h: 'true' } }],
    });
  });

  it('reports a syntax error with its line and keeps what it read', () => {
    const doc = parseToml('[project]\nname = "a"\ndependencies = ["x",\n');
    expect(doc.error).toMatch(/^line \d+: unterminated array/);
    expect(tomlString(doc.root, 'project', 'name')).toBe('a');
    expect(parseToml('a = "unterminated\n').error).toMatch(/^line 1: unterminated string/);
    expect(parseToml('a = 1 b = 2\n').error).toMatch(/^line 1:/);
    expect(parseToml('x = 1\nx.y = 2\n').error).toMatch(/^line 2: key "x" is not a table/);
  });

  it.each(['1979-05', '1979-05-27T07:32:0', '6.', '01', '1_', '0x', '+0x1', '1e', '9223372036854775808', '24:00:00', '1979-13-01'])('rejects the malformed value %s', (raw) => {
    expect(parseToml(`a = ${raw}\n`).error).toMatch(/^line 1: invalid value/);
  });

  it.each(['07:32', '1979-05-27 07:32Z', '-9223372036854775808', '0xDEAD_beef', '+inf', '1e1_0'])('accepts the value %s', (raw) => {
    expect(parseToml(`a = ${raw}\n`).error).toBeUndefined();
  });

  it('refuses a control character in a comment, as tomllib does, but not a CRLF ending', () => {
    expect(parseToml('a = 1 # x\r').error).toMatch(/^line 1: control character/);
    expect(parseToml('a = 1 # x\u0001\n').error).toMatch(/^line 1: control character/);
    expect(parseToml('a = 1 # x\r\nb = 2\r\n').error).toBeUndefined();
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const doc = parseToml('\uFEFF[packages]\r\nrequests = "*"\r\n\r\n[dev-packages]\r\npytest = "*"\r\n');
    expect(doc.error).toBeUndefined();
    expect(tomlTable(doc.root, 'dev-packages')?.entries.get('pytest')?.keyLine).toBe(5);
  });
});
