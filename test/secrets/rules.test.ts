// Validates the rule table the way gitleaks validates its rules: every true-positive sample is found by
// its own rule, and no false-positive sample is reported by the whole detector.
import { describe, expect, it } from 'vitest';
import { scanTextForSecrets } from '../../src/secrets/detector.js';
import type { Sample, SecretRule } from '../../src/secrets/rule.js';
import { RULES } from '../../src/secrets/rules/index.js';

const asFile = (sample: Sample) => (typeof sample === 'string' ? { text: sample, path: 'config.txt' } : sample);

/** Lines where one rule, alone, reports a secret in a sample (through the same pre-filter as the whole detector). */
function findWith(rule: SecretRule, sample: Sample): number[] {
  const { text, path } = asFile(sample);
  return scanTextForSecrets(text, path, { rules: [rule] }).map((m) => m.line);
}

describe('secret rule table', () => {
  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('is well formed', () => {
        expect(rule.kind.length).toBeGreaterThan(2);
        expect(rule.description.length).toBeGreaterThan(10);
        expect(Boolean(rule.regex) !== Boolean(rule.find), 'a regex or a finder, not both').toBe(true);
        if (rule.regex) expect(rule.regex.global, 'regexes must be global').toBe(true);
        for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
        // A long run of token characters on the line (minTokenRun) gates a rule as a keyword would.
        if (rule.keywords.length === 0) expect(rule.appliesTo ?? rule.generic ?? rule.minTokenRun, 'a rule without keywords must be gated').toBeTruthy();
        expect(rule.tps.length).toBeGreaterThan(0);
        expect(rule.fps.length).toBeGreaterThan(0);
      });
      rule.tps.forEach((sample, n) => {
        it(`finds true-positive sample ${n + 1}`, () => {
          expect(findWith(rule, sample)).not.toEqual([]);
          const { text, path } = asFile(sample);
          expect(scanTextForSecrets(text, path).length, 'the whole detector reports it too').toBeGreaterThan(0);
        });
      });
      it('never reports its published examples', () => {
        for (const example of rule.allowlist?.examples ?? []) expect(scanTextForSecrets(`key = "${example}"\n`, 'config.txt'), example).toEqual([]);
      });
      rule.fps.forEach((sample, n) => {
        it(`reports nothing for false-positive sample ${n + 1}`, () => {
          const { text, path } = asFile(sample);
          expect(scanTextForSecrets(text, path).map((m) => `${m.ruleId}: ${m.kind}`)).toEqual([]);
        });
      });
    });
  }

  it('keywords reach every token rule: each keyword is a substring of some true-positive sample', () => {
    for (const rule of RULES.filter((r) => r.regex)) {
      const samples = rule.tps.map((s) => asFile(s).text.toLowerCase());
      expect(rule.keywords.some((k) => samples.some((s) => s.includes(k))), rule.id).toBe(true);
    }
  });
});
