// Exclude globs behave like .gitignore patterns.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IGNORES } from '../../src/config/config.js';
import { pathMatcher } from '../../src/engine/glob.js';

describe('pathMatcher', () => {
  const cases: [string[], string, boolean][] = [
    [['test/fixtures/**'], 'test/fixtures/a/b.py', true],
    [['test/fixtures/**'], 'src/test/fixtures/a.py', false],
    [['*.md'], 'docs/a.md', true],
    [['*.md'], 'docs/a.mdx', false],
    [['node_modules/'], 'a/node_modules/x.js', true],
    [['/build'], 'build/x', true],
    [['/build'], 'src/build/x', false],
    [['**/*.lock'], 'a/b/c.lock', true],
    [['src/?.ts'], 'src/a.ts', true],
    [['src/?.ts'], 'src/ab.ts', false],
    [['docs'], 'docs/x/y.md', true],
    // Character classes, escapes and negation, as .gitignore has them.
    [['[Tt]est/'], 'Test/a.py', true],
    [['[Tt]est/'], 'pkg/test/a.py', true],
    [['[Tt]est/'], 'best/a.py', false],
    [['\\#notes.txt'], '#notes.txt', true],
    [['\\#notes.txt'], 'notes.txt', false],
    [['*.log', '!keep.log'], 'logs/a.log', true],
    [['*.log', '!keep.log'], 'logs/keep.log', false],
    [['./vendor/'], 'vendor/x.js', true],
  ];
  for (const [patterns, path, expected] of cases) it(`${patterns.join(' ')} ${expected ? 'excludes' : 'keeps'} ${path}`, () => expect(pathMatcher(patterns)(path)).toBe(expected));
});

describe('the vendored-code defaults', () => {
  const ignored = pathMatcher(DEFAULT_IGNORES);
  const cases: [string, boolean][] = [
    ['node_modules/pkg/Dockerfile', true],
    ['web/vendor/lib/settings.py', true],
    // godep's copy of the dependencies' sources, at the root or in a module folder: their Dockerfiles and test keys are not the project's.
    ['Godeps/_workspace/src/github.com/docker/docker/Dockerfile', true],
    ['src/app/Godeps/_workspace/src/k8s.io/api/secret.yaml', true],
    ['Godeps/Godeps.json', false],
    // A committed virtualenv's packages.
    ['venv/lib/python3.12/site-packages/pkg/settings.py', true],
    ['site/packages/settings.py', false],
  ];
  for (const [path, expected] of cases) it(`${expected ? 'ignores' : 'keeps'} ${path}`, () => expect(ignored(path)).toBe(expected));
});
