// Configured patterns run on RE2 (linear time): same answers as JavaScript's engine where both apply, no stall on hostile patterns.
import { describe, expect, it } from 'vitest';
import secrets from '../../checks/secrets.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { DEFAULT_CONFIG, resolveConfig, validateConfig, type ReadinessConfig } from '../../src/config/config.js';
import { LinearRegExp, compileUserRegex, userRegexProblem } from '../../src/config/user-regex.js';
import { runReview } from '../../src/engine/pipeline.js';

describe('LinearRegExp', () => {
  const cases: Array<[string, string, string]> = [
    ['acme_[a-z0-9]{8}', 'g', 'x = acme_abcd1234; y = acme_zzzz9999'],
    ['(?<secret>tok_[A-Z]+)\\b', 'g', 'a tok_ABC b tok_DEF'],
    ['^key\\s*=\\s*(\\w+)$', 'gm', 'key = one\nkey=two'],
    ['colou?r', 'gi', 'COLOR colour Colr'],
    ['b+', 'g', '😀abbb c bb'],
    ['x*', 'g', 'axxb'],
  ];
  it.each(cases)('%s /%s matches like the native engine', (source, flags, text) => {
    const all = (re: RegExp) => [...text.matchAll(re)].map((m) => [m.index, [...m], m.groups]);
    expect(all(new LinearRegExp(source, flags))).toEqual(all(new RegExp(source, flags)));
  });

  it('keeps lastIndex like a global RegExp, and test() works without g', () => {
    const re = new LinearRegExp('a(b)', 'g');
    expect(re.exec('ab ab')?.index).toBe(0);
    expect(re.lastIndex).toBe(2);
    expect(re.exec('ab ab')?.index).toBe(3);
    expect(re.exec('ab ab')).toBeNull();
    expect(re.lastIndex).toBe(0);
    expect(new LinearRegExp('^\\d+$').test('123')).toBe(true);
    expect(new LinearRegExp('x').source).toBe('x');
  });

  it('answers hostile patterns on the inputs that stall a backtracking engine', () => {
    expect(new LinearRegExp('(a+)+$').test(`${'a'.repeat(32)}!`)).toBe(false);
    expect(new LinearRegExp('^(\\w+)+!$').test('Zq8vL2pR7wK4'.repeat(6).slice(0, 64))).toBe(false);
    expect(new LinearRegExp('(x+x+)+y').test('x'.repeat(5000))).toBe(false);
  });

  it('rejects what RE2 does not support, saying so', () => {
    expect(userRegexProblem('(?<=key=)\\w+')).toMatch(/RE2 syntax: lookahead, lookbehind and backreferences are not supported/);
    expect(userRegexProblem('(a)\\1')).toMatch(/RE2 syntax/);
    expect(userRegexProblem('[a-z]+')).toBeNull();
    expect(() => compileUserRegex('(?=x)')).toThrow(/cannot be used/);
  });
});

describe('configured secret patterns', () => {
  it('a pattern RE2 cannot run is a configuration error naming the setting', () => {
    const problems = validateConfig({ checks: { secrets: { options: { allow: ['(?<!test_)key'] } } } }, [secrets]);
    expect(problems).toEqual([{ path: 'checks.secrets.options.allow[0]', message: expect.stringMatching(/^is not a valid regular expression: .*RE2 syntax/) }]);
  });

  it("extra_rules '(a+)+$' and allow '^(\\w+)+!$' on a line of 32 a's and a 64-character key: the review finishes and still reports", async () => {
    const config: ReadinessConfig = resolveConfig(
      { checks: { secrets: { options: { extra_rules: [{ id: 'hostile', description: 'Hostile pattern', regex: '(a+)+$' }], allow: ['^(\\w+)+!$'] } } } },
      [secrets],
    );
    // A GitHub token shape assembled at run time (36 characters after the prefix), so the repository holds none.
    const key = ['ghp', ['Zq8vL2pR7w', 'K4mN5bX9cT', '3yH6jD1fG0', 'sA7eQ2'].join('')].join('_');
    const change = memoryChangeSet({}, { 'app/settings.py': `PADDING = "${'a'.repeat(32)}!"\nTOKEN = "${key}"\n` });
    const { findings } = await runReview(change, [secrets], config);
    expect(findings.map((f) => [f.checkId, f.line])).toEqual([['secrets', 2]]);
    expect(DEFAULT_CONFIG.on_error).toBe('failure');
  });
});
