// Exclude globs behave like .gitignore patterns.
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/engine/glob.js';

describe('globToRegExp', () => {
  const cases: [string, string, boolean][] = [
    ['test/fixtures/**', 'test/fixtures/a/b.py', true],
    ['test/fixtures/**', 'src/test/fixtures/a.py', false],
    ['*.md', 'docs/a.md', true],
    ['*.md', 'docs/a.mdx', false],
    ['node_modules/', 'a/node_modules/x.js', true],
    ['/build', 'build/x', true],
    ['/build', 'src/build/x', false],
    ['**/*.lock', 'a/b/c.lock', true],
    ['src/?.ts', 'src/a.ts', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['docs', 'docs/x/y.md', true],
  ];
  for (const [glob, path, expected] of cases) it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => expect(globToRegExp(glob).test(path)).toBe(expected));
});
