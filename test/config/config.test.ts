// Configuration: schema validation messages, defaults, merging, and what the pipeline does with them.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { ConfigError, DEFAULT_CONFIG, configSchema, mergeConfigObjects, parseConfigText, resolveConfig, validateConfig } from '../../src/config/config.js';
import { blocks, runReview } from '../../src/engine/pipeline.js';
import { wordCheck } from '../helpers/word-check.js';

const todo = wordCheck('todo-test', 'TODO', 'warning', 'TODO left');
const checks = [todo];

describe('validateConfig', () => {
  const cases: [string, unknown, { path: string; message: RegExp }[]][] = [
    ['an unknown top-level setting', { fail_onn: 'warning' }, [{ path: 'fail_onn', message: /is not a known setting/ }]],
    ['a bad fail_on', { fail_on: 'sometimes' }, [{ path: 'fail_on', message: /must be one of "failure", "warning", "notice", "never"/ }]],
    ['an unknown check id', { checks: { 'no-such-check': { enabled: false } } }, [{ path: 'checks.no-such-check', message: /is not a known check id/ }]],
    ['a bad severity', { checks: { 'todo-test': { severity: 'error' } } }, [{ path: 'checks.todo-test.severity', message: /must be one of "failure", "warning", "notice"/ }]],
    ['enabled not a boolean', { checks: { 'todo-test': { enabled: 'no' } } }, [{ path: 'checks.todo-test.enabled', message: /must be boolean/ }]],
    ['an unknown check option', { checks: { 'todo-test': { options: { wrod: 'x' } } } }, [{ path: 'checks.todo-test.options.wrod', message: /is not a known setting/ }]],
    ['a check option of the wrong type', { checks: { 'todo-test': { options: { word: 3 } } } }, [{ path: 'checks.todo-test.options.word', message: /must be string/ }]],
    ['paths.ignore not a list', { paths: { ignore: 'vendor/' } }, [{ path: 'paths.ignore', message: /must be array/ }]],
    ['an empty glob', { paths: { ignore: [''] } }, [{ path: 'paths.ignore[0]', message: /must NOT have fewer than 1 characters/ }]],
    ['max_comments too large', { review: { max_comments: 1000 } }, [{ path: 'review.max_comments', message: /must be <= 100/ }]],
    ['max_comments not whole', { review: { max_comments: 2.5 } }, [{ path: 'review.max_comments', message: /must be integer/ }]],
    ['annotate_commented not a boolean', { review: { annotate_commented: 'yes' } }, [{ path: 'review.annotate_commented', message: /must be boolean/ }]],
    ['a bad drafts value', { drafts: 'maybe' }, [{ path: 'drafts', message: /must be one of "review", "skip"/ }]],
    ['a regular expression that does not compile', { checks: { 'todo-test': { options: { pattern: '([a-z' } } } }, [{ path: 'checks.todo-test.options.pattern', message: /is not a valid regular expression/ }]],
  ];
  for (const [name, value, expected] of cases) {
    it(`names the problem: ${name}`, () => {
      const problems = validateConfig(value, checks);
      expect(problems).toHaveLength(expected.length);
      expected.forEach((e, i) => {
        expect(problems[i]!.path).toBe(e.path);
        expect(problems[i]!.message).toMatch(e.message);
      });
    });
  }

  it('lists every problem at once', () => {
    expect(validateConfig({ fail_on: 'x', drafts: 'y' }, checks).map((p) => p.path)).toEqual(['fail_on', 'drafts']);
  });

  it('accepts a complete valid file', () => {
    const text = [
      '# yaml-language-server: $schema=https://example.invalid/schema.json',
      '_extends: .github',
      'fail_on: warning',
      'on_error: neutral',
      'checks:',
      '  todo-test: { enabled: true, severity: failure, options: { word: FIXME } }',
      'paths: { ignore: [docs/**], default_ignores: false }',
      'review: { inline_comments: false, max_comments: 10, suggestions: false, annotate_commented: true }',
      'drafts: skip',
      'roles: { development: [deploy/local/**], production: [docker-compose.yml] }',
    ].join('\n');
    const config = resolveConfig(parseConfigText(text, 'x'), checks);
    expect(config).toEqual({
      fail_on: 'warning',
      on_error: 'neutral',
      checks: { 'todo-test': { enabled: true, severity: 'failure', options: { word: 'FIXME' } } },
      paths: { ignore: ['docs/**'], default_ignores: false },
      review: { inline_comments: false, max_comments: 10, suggestions: false, annotate_commented: true },
      drafts: 'skip',
      roles: { development: ['deploy/local/**'], production: ['docker-compose.yml'] },
    });
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseConfigText('fail_on: [unclosed\n', 'cfg.yml')).toThrow(ConfigError);
    try {
      parseConfigText('checks:\n  a: b\n c: d\n', 'cfg.yml');
    } catch (e) {
      expect((e as ConfigError).problems[0]!.line).toBeGreaterThan(0);
    }
  });

  it('fills defaults for an empty file', () => {
    expect(resolveConfig(parseConfigText('', 'x'), checks)).toEqual(DEFAULT_CONFIG);
  });
});

describe('mergeConfigObjects', () => {
  it('lets later layers win, merging maps and replacing lists', () => {
    const org = { fail_on: 'warning', checks: { 'todo-test': { severity: 'failure', options: { word: 'A' } } }, paths: { ignore: ['a/**'] } };
    const repo = { checks: { 'todo-test': { options: { word: 'B' } } }, paths: { ignore: ['b/**'] } };
    expect(mergeConfigObjects(org, repo)).toEqual({ fail_on: 'warning', checks: { 'todo-test': { severity: 'failure', options: { word: 'B' } } }, paths: { ignore: ['b/**'] } });
  });
});

describe('configSchema', () => {
  it('describes every check with enabled, severity and options', () => {
    const schema = configSchema(checks) as { properties: { checks: { properties: Record<string, { properties: Record<string, unknown> }> } } };
    expect(Object.keys(schema.properties.checks.properties['todo-test']!.properties)).toEqual(['enabled', 'severity', 'options']);
  });
});

describe('runReview with a configuration', () => {
  const after = { 'src/a.py': 'x = 1  # TODO\n', 'vendor/lib.py': '# TODO upstream\n', 'docs/b.md': 'TODO\n' };
  const change = () => memoryChangeSet({}, after);
  const config = (value: Record<string, unknown>) => resolveConfig(value, checks);

  it('ignores vendored code by default and user globs on top', async () => {
    expect((await runReview(change(), checks, config({}))).findings.map((f) => f.path)).toEqual(['docs/b.md', 'src/a.py']);
    expect((await runReview(change(), checks, config({ paths: { ignore: ['docs/'] } }))).findings.map((f) => f.path)).toEqual(['src/a.py']);
    expect((await runReview(change(), checks, config({ paths: { default_ignores: false } }))).findings.map((f) => f.path)).toEqual(['docs/b.md', 'src/a.py', 'vendor/lib.py']);
  });

  it('skips disabled checks and passes options', async () => {
    expect((await runReview(change(), checks, config({ checks: { 'todo-test': { enabled: false } } }))).findings).toEqual([]);
    const c = memoryChangeSet({}, { 'a.txt': 'FIXME\nTODO\n' });
    expect((await runReview(c, checks, config({ checks: { 'todo-test': { options: { word: 'FIXME' } } } }))).findings.map((f) => f.line)).toEqual([1]);
  });

  it('a severity override changes the conclusion', async () => {
    const plain = await runReview(change(), checks, config({}));
    expect(blocks(plain.findings, 'failure')).toBe(false);
    const raised = await runReview(change(), checks, config({ checks: { 'todo-test': { severity: 'failure' } } }));
    expect(raised.findings.every((f) => f.severity === 'failure')).toBe(true);
    expect(blocks(raised.findings, 'failure')).toBe(true);
  });

  it('fail_on decides what blocks', () => {
    const findings = [{ severity: 'warning' } as never];
    expect(blocks(findings, 'failure')).toBe(false);
    expect(blocks(findings, 'warning')).toBe(true);
    expect(blocks(findings, 'notice')).toBe(true);
    expect(blocks(findings, 'never')).toBe(false);
  });
});
