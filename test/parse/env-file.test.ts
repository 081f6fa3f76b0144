// Unit tests for the dotenv reader and the Dockerfile ENV key=value splitter.
import { describe, expect, it } from 'vitest';
import { keyValuePairs } from '../../src/parse/dockerfile.js';
import { parseEnvFile } from '../../src/parse/env-file.js';

describe('parseEnvFile', () => {
  it('reads plain, exported, quoted and commented entries with their lines', () => {
    const text = '# comment\n\nA=1\nexport B = two  # note\nC="x # y"\nD=\'single\'\nnot an entry\nE=\n';
    expect(parseEnvFile(text).map(({ name, value, line, quote }) => ({ name, value, line, quote }))).toEqual([
      { name: 'A', value: '1', line: 3, quote: undefined },
      { name: 'B', value: 'two', line: 4, quote: undefined },
      { name: 'C', value: 'x # y', line: 5, quote: '"' },
      { name: 'D', value: 'single', line: 6, quote: "'" },
      { name: 'E', value: '', line: 8, quote: undefined },
    ]);
  });

  it('follows a quoted value over several lines and continues after it', () => {
    const entries = parseEnvFile('KEY="-----BEGIN\nabc\n-----END"\nNEXT=1\r\n');
    expect(entries.map((e) => [e.name, e.value, e.line, e.endLine])).toEqual([
      ['KEY', '-----BEGIN\nabc\n-----END', 1, 3],
      ['NEXT', '1', 4, 4],
    ]);
  });

  it('reads an unterminated quote literally on its own line', () => {
    expect(parseEnvFile('A="open\nB=2\n').map((e) => [e.name, e.value])).toEqual([
      ['A', '"open'],
      ['B', '2'],
    ]);
  });
});

describe('keyValuePairs', () => {
  it('splits the key=value form with quotes and escapes', () => {
    expect(keyValuePairs('A=1 B="two words" C=three\\ four D=\'$E\'')).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: 'three four' },
      { name: 'D', value: '$E' },
    ]);
  });

  it('reads the legacy form as one name and the rest as its value', () => {
    expect(keyValuePairs('GREETING hello "big" world')).toEqual([{ name: 'GREETING', value: 'hello "big" world' }]);
    expect(keyValuePairs('FLASK_ENV "development"')).toEqual([{ name: 'FLASK_ENV', value: 'development' }]);
  });

  it('returns nothing for an empty instruction', () => {
    expect(keyValuePairs('   ')).toEqual([]);
  });
});
