// Table tests for the Go masker.
import { describe, expect, it } from 'vitest';
import { maskGo } from '../../src/parse/go.js';

describe('maskGo', () => {
  const cases: [string, string, string][] = [
    ['interpreted string', 'f("/api", x)', 'f("____", x)'],
    ['escaped quote inside a string', 'f("a\\"b", y)', 'f("____", y)'],
    ['raw string across lines', 'x := `a\n"b"`', 'x := `_\n___`'],
    ['rune', "r := '/'", "r := '_'"],
    ['line comment', 'a := 1 // "/api"\nb', 'a := 1          \nb'],
    ['block comment', 'a /* "x"\n */ b', 'a       \n    b'],
    ['division is code', 'a := b / c', 'a := b / c'],
    ['unterminated string stops at the line end', 'f("abc\ng()', 'f("___\ng()'],
  ];
  for (const [name, input, output] of cases)
    it(name, () => {
      const masked = maskGo(input);
      expect(masked).toBe(output);
      expect(masked.length).toBe(input.length);
    });
});
