// Reading `_extends` values and finding the line a setting is on, for configuration problems the user can act on.
import { describe, expect, test } from 'vitest';
import { lineOfSetting, parseExtends } from '../../src/github/repository-config.js';

describe('parseExtends', () => {
  test.each([
    ['.github', { owner: 'acme', repo: '.github', path: '.github/readiness.yml' }],
    ['policies', { owner: 'acme', repo: 'policies', path: '.github/readiness.yml' }],
    ['other-org/policies', { owner: 'other-org', repo: 'policies', path: '.github/readiness.yml' }],
    ['policies:readiness/strict.yml', { owner: 'acme', repo: 'policies', path: 'readiness/strict.yml' }],
    ['other-org/policies:readiness/strict.yaml', { owner: 'other-org', repo: 'policies', path: 'readiness/strict.yaml' }],
    ['.github:/readiness.yml', { owner: 'acme', repo: '.github', path: 'readiness.yml' }],
    ['  .github  ', { owner: 'acme', repo: '.github', path: '.github/readiness.yml' }],
  ])('%s', (value, expected) => {
    expect(parseExtends(value, 'acme')).toEqual(expected);
  });

  test.each([
    ['', 'empty'],
    ['a/b/c', 'two slashes'],
    ['not a/repo', 'spaces'],
    ['policies:readiness/strict.json', 'a path that is not YAML'],
    ['-owner/repo', 'an owner starting with a hyphen'],
    ['own--er/repo', 'an owner with two hyphens in a row'],
    [`${'a'.repeat(40)}/repo`, 'an owner longer than GitHub allows'],
  ])('rejects %j (%s)', (value) => {
    expect(parseExtends(value, 'acme')).toBeNull();
  });
});

describe('lineOfSetting', () => {
  const text = [
    '# yaml-language-server: $schema=https://example.invalid/schema.json',
    'fail_on: warning',
    'checks:',
    '  secrets: { severity: notice }',
    '  unpinned-dependency:',
    '    options:',
    '      trusted_action_owners:',
    '        - actions',
    '        - my-org',
    'paths:',
    '  ignore: ["docs/**", ""]',
  ].join('\n');

  test.each([
    ['fail_on', 2],
    ['checks', 3],
    ['checks.secrets.severity', 4],
    ['checks.unpinned-dependency.options.trusted_action_owners', 7],
    ['checks.unpinned-dependency.options.trusted_action_owners[1]', 9],
    ['paths.ignore[1]', 11],
  ])('%s is on line %i', (path, line) => {
    expect(lineOfSetting(text, path)).toBe(line);
  });

  test.each([['drafts'], ['checks.secrets.enabled'], ['paths.ignore[2]'], ['fail_on.x'], ['(file)']])('%s is not set', (path) => {
    expect(lineOfSetting(text, path)).toBeUndefined();
  });
});
