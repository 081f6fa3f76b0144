// The review context: files by kind, documents parsed once per review (never kept across reviews), new lines, roles, typed message ids.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { createCheckContext } from '../../src/engine/check-context.js';
import { defineCheck } from '../../src/engine/define-check.js';
import { review } from '../../src/engine/review.js';
import { parseYaml } from '../../src/parse/yaml.js';

const before = { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n', 'old.txt': 'x\n', 'app.py': 'a = 1\nb = 2\n' };
const after = {
  'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n',
  'Dockerfile': 'FROM python:3.12\nCMD ["python", "app.py"]\n',
  'k8s/deploy.yaml': 'kind: Deployment\n',
  'app.py': 'b = 2\na = 1\nc = 3\n',
};

describe('check context', () => {
  it('lists the files of a kind that exist at head, in path order', () => {
    const ctx = createCheckContext(memoryChangeSet(before, after));
    expect(ctx.files().map((f) => f.path)).toEqual(['Dockerfile', 'app.py', 'docker-compose.yml', 'k8s/deploy.yaml']);
    expect(ctx.files('compose').map((f) => f.path)).toEqual(['docker-compose.yml']);
    expect(ctx.files(['dockerfile', 'yaml']).map((f) => f.path)).toEqual(['Dockerfile', 'docker-compose.yml', 'k8s/deploy.yaml']);
    expect(ctx.removedFiles().map((f) => f.path)).toEqual(['old.txt']);
    ctx.dispose();
  });

  it('parses a document once per review and again in the next review', async () => {
    const change = memoryChangeSet(before, after);
    const first = createCheckContext(change);
    const yaml = await first.yaml('docker-compose.yml');
    expect(yaml).not.toBeNull();
    expect(await first.yaml('docker-compose.yml')).toBe(yaml);
    expect(await first.yaml('docker-compose.yml', 'base')).not.toBe(yaml);
    expect(await first.dockerfile('Dockerfile')).toBe(await first.dockerfile('Dockerfile'));
    first.dispose();
    const second = createCheckContext(change);
    expect(await second.yaml('docker-compose.yml')).not.toBe(yaml);
    second.dispose();
  });

  it('keeps no parse cache in the parser module itself', () => {
    const text = 'a: 1\n';
    expect(parseYaml(text)).not.toBe(parseYaml(text));
  });

  it('owns Python trees and refuses to parse after the review', async () => {
    const ctx = createCheckContext(memoryChangeSet(before, after));
    const parsed = await ctx.python('app.py');
    expect(parsed?.tree.rootNode.type).toBe('module');
    expect(await ctx.python('app.py')).toBe(parsed);
    expect(await ctx.python('missing.py')).toBeNull();
    ctx.dispose();
    await expect(ctx.python('app.py', 'base')).rejects.toThrow(/review is over/);
  });

  it('says which lines are new: added, not moved', () => {
    const ctx = createCheckContext(memoryChangeSet(before, after));
    expect([...ctx.newLines('app.py')]).toEqual([3]);
    expect(ctx.isNew('app.py', 1)).toBe(false);
    expect(ctx.isNew('app.py', 1, 3)).toBe(true);
    expect(ctx.isNew('untouched.py', 1)).toBe(false);
    ctx.dispose();
  });

  it('records which head files checks parsed and how, for the not-reviewed list', async () => {
    const ctx = createCheckContext(memoryChangeSet({}, { 'a.yml': 'a: [\n', 'b.yml': 'b: 1\n' }));
    await ctx.yaml('a.yml');
    expect(ctx.parseProblems.get('a.yml')?.problem).toMatch(/line/);
    expect(ctx.parseProblems.has('b.yml')).toBe(false);
    expect([...ctx.readPaths]).toEqual(['a.yml']);
    ctx.dispose();
  });

  it('gives every file a role, configured globs first', async () => {
    const ctx = createCheckContext(memoryChangeSet({}, { 'tests/Dockerfile': 'FROM x\n' }), { roles: { development: ['deploy/local/**'], production: ['tests/Dockerfile'] } });
    expect((await ctx.role('deploy/local/compose.yml')).role).toBe('development');
    expect(await ctx.role('tests/Dockerfile')).toEqual({ role: 'production', reason: expect.stringContaining('roles.production') });
    expect((await ctx.role('tests/conftest.py')).role).toBe('test');
    expect((await ctx.role('Dockerfile')).role).toBe('production');
    ctx.dispose();
  });

  it('hands the same context to every check of a review', async () => {
    const seen: unknown[] = [];
    const spy = (id: string) =>
      defineCheck({
        id,
        title: id,
        severity: 'notice',
        scope: 'structure',
        messages: { none: 'none' },
        remediation: 'none',
        async run(ctx) {
          seen.push(await ctx.yaml('docker-compose.yml'));
          return [];
        },
      });
    await review(memoryChangeSet(before, after), [spy('spy-a'), spy('spy-b')]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
  });

  it('rejects a message id the check does not declare, at compile time', () => {
    const check = defineCheck({
      id: 'typed-ids',
      title: 'typed',
      severity: 'notice',
      scope: 'structure',
      messages: { known: 'known {{x}}' },
      remediation: 'none',
      // @ts-expect-error `unknown` is not one of this check's message ids, so `run` does not fit the check
      async run() {
        return [{ path: 'a', line: 1, messageId: 'unknown', key: 'k' }];
      },
    });
    expect(Object.keys(check.messages)).toEqual(['known']);
  });
});
