// The App's configuration loader: `_extends` values, the line a setting is on, and how inherited files are read, merged and refused.
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { GitHubBlobReader } from '../../src/github/blob-reader.js';
import type { GitHubApi } from '../../src/github/client.js';
import { RepositoryConfigLoader, lineOfSetting, parseExtends } from '../../src/github/repository-config.js';
import { unsafeSetting } from '../app/helpers/test-checks.js';

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

describe('RepositoryConfigLoader', () => {
  const HOME = { owner: 'acme', repo: 'app' };
  /** A GitHub whose GraphQL blob reads answer from `files` ("owner/repo@rev:path" → text); repositories not listed do not exist. */
  function fakeGitHub(files: Record<string, string>) {
    const queries: string[] = [];
    const api: GitHubApi = {
      async request() {
        throw new Error('no REST call expected');
      },
      async graphql<T>(_query: string, variables: Record<string, unknown> = {}) {
        const repository = `${String(variables.owner)}/${String(variables.name)}`;
        const expressions = Object.entries(variables).filter(([k]) => /^e\d+$/.test(k));
        queries.push(`${repository} ${expressions.map(([, v]) => String(v)).join(' ')}`);
        if (!Object.keys(files).some((k) => k.startsWith(`${repository}@`))) throw Object.assign(new Error('not found'), { errors: [{ type: 'NOT_FOUND' }] });
        const nodes = Object.fromEntries(
          expressions.map(([k, v]) => {
            const text = files[`${repository}@${String(v)}`];
            return [`b${k.slice(1)}`, text === undefined ? null : { oid: 'f'.repeat(40), byteSize: text.length, isBinary: false, isTruncated: false, text }];
          }),
        );
        return { repository: nodes } as T;
      },
    };
    return { api, queries };
  }
  const load = async (files: Record<string, string>, sha = 'base') => {
    const { api, queries } = fakeGitHub(files);
    const loader = new RepositoryConfigLoader(api, HOME, new GitHubBlobReader(api, HOME.owner, HOME.repo), [unsafeSetting]);
    return { result: await loader.load(sha), queries };
  };

  test('no file: the defaults, from one read', async () => {
    const { result, queries } = await load({ 'acme/app@other:x': '' });
    expect(result).toEqual({ valid: true, config: DEFAULT_CONFIG, files: [], localPaths: [] });
    expect(queries).toEqual(['acme/app base:.github/readiness.yml']);
  });

  test('a file of the same repository is read at the same commit; other repositories at their default branch', async () => {
    const { result, queries } = await load({
      'acme/app@base:.github/readiness.yml': '_extends: app:.github/team.yml\nreview: { max_comments: 3 }\n',
      'acme/app@base:.github/team.yml': '_extends: .github\nfail_on: warning\nreview: { max_comments: 9, suggestions: false }\n',
      'acme/.github@HEAD:.github/readiness.yml': 'fail_on: notice\ndrafts: skip\n',
    });
    expect(queries).toEqual(['acme/app base:.github/readiness.yml', 'acme/app base:.github/team.yml', 'acme/.github HEAD:.github/readiness.yml']);
    expect(result).toMatchObject({
      valid: true,
      config: { fail_on: 'warning', drafts: 'skip', review: { inline_comments: true, max_comments: 3, suggestions: false } },
      files: ['.github/readiness.yml', '.github/team.yml', 'acme/.github:.github/readiness.yml'],
      localPaths: ['.github/readiness.yml', '.github/team.yml'],
    });
  });

  test('follows five inherited files and refuses a sixth', async () => {
    const chain = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`acme/p${i}@HEAD:.github/readiness.yml`, i + 1 < n ? `_extends: p${i + 1}\n` : 'fail_on: notice\n']));
    const five = await load({ 'acme/app@base:.github/readiness.yml': '_extends: p0\n', ...chain(5) });
    expect(five.result).toMatchObject({ valid: true, config: { fail_on: 'notice' } });
    const six = await load({ 'acme/app@base:.github/readiness.yml': '_extends: p0\n', ...chain(6) });
    expect(six.result).toEqual({
      valid: false,
      problems: [{ file: 'acme/p4:.github/readiness.yml', path: '_extends', line: 1, message: 'inherits more than 5 files deep: shorten the chain' }],
    });
  });

  test('a file that inherits itself is a loop', async () => {
    const { result } = await load({ 'acme/app@base:.github/readiness.yml': 'fail_on: warning\n_extends: acme/app\n' });
    expect(result).toEqual({
      valid: false,
      problems: [{ file: '.github/readiness.yml', path: '_extends', line: 2, message: 'names acme/app:.github/readiness.yml, which is already part of this configuration: the files inherit from each other in a loop' }],
    });
  });

  test('a broken chain still validates the files read so far, so every problem is listed', async () => {
    const { result } = await load({ 'acme/app@base:.github/readiness.yml': '_extends: missing\nfail_on: sometimes\n' });
    expect(result.valid ? [] : result.problems.map((p) => `${p.line} ${p.path}`)).toEqual(['1 _extends', '2 fail_on']);
  });

  test('errors other than a missing repository are not swallowed', async () => {
    const api: GitHubApi = {
      request: () => Promise.reject(new Error('no REST')),
      graphql: () => Promise.reject(Object.assign(new Error('Server Error'), { status: 502 })),
    };
    const loader = new RepositoryConfigLoader(api, HOME, new GitHubBlobReader(api, HOME.owner, HOME.repo), [unsafeSetting]);
    await expect(loader.load('base')).rejects.toThrow('Server Error');
  });
});
