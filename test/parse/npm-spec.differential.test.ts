// Differential test: our npm specifier reading (src/parse/package-json.ts) against `semver`, the parser npm itself uses,
// on specifiers generated at run time.
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { isUnboundedRange, parseNpmSpec } from '../../src/parse/package-json.js';
import { seeded } from '../helpers/seeded.js';

const { seed: SEED, next, pick } = seeded();

const PARTS = ['0', '1', '2', '10', '1.2', '0.0', '1.2.3', '0.0.7', '1.x', '1.2.x', '1.*', '1.2.X', 'x', 'X', '*', '2.0.0-rc.1', '1.2.3-beta.2+build.5', '3.0.0-0'];
const OPERATORS = ['', '', '=', '^', '~', '~>', '>', '>=', '<', '<='];
const TAGS = ['latest', 'next', 'beta', 'canary', 'legacy', 'rc', 'V1', 'x1', 'latest-3'];

function comparator(): string {
  return `${pick(OPERATORS)}${pick(['', '', '', ' '])}${pick(['', '', '', 'v'])}${pick(PARTS)}`;
}

function comparatorSet(): string {
  if (next() < 0.15) return `${pick(PARTS)} - ${pick(PARTS)}`;
  const count = 1 + Math.floor(next() * 3);
  return Array.from({ length: count }, comparator).join(' ');
}

/** A specifier as people write them: one to three `||` alternatives of comparator sets, sometimes padded. */
function specifier(): string {
  if (next() < 0.05) return pick(['', ' ', '*', 'x']);
  const alternatives = 1 + Math.floor(next() * (next() < 0.7 ? 1 : 3));
  const text = Array.from({ length: alternatives }, comparatorSet).join(pick([' || ', '||', ' ||  ']));
  return next() < 0.1 ? ` ${text} ` : text;
}

/** A version above every version any generated range names: a range that admits it has no upper bound. */
const HIGHEST = `${Number.MAX_SAFE_INTEGER}.0.0`;

describe(`npm specifiers against semver (seed ${SEED}, DIFFERENTIAL_SEED=${SEED} reproduces)`, () => {
  const specs = [...new Set(Array.from({ length: 3000 }, specifier))];

  it('reads every range semver accepts as a range, and calls it unbounded exactly when semver admits a version above all others', () => {
    const disagreements: { spec: string; ours: string; semver: string }[] = [];
    for (const spec of specs) {
      if (semver.validRange(spec, { loose: true }) === null) continue;
      const parsed = parseNpmSpec(spec);
      if (parsed.kind !== 'range') {
        disagreements.push({ spec, ours: parsed.kind, semver: 'range' });
        continue;
      }
      const ours = isUnboundedRange(parsed.range);
      const theirs = semver.satisfies(HIGHEST, spec, { loose: true });
      if (ours !== theirs) disagreements.push({ spec, ours: ours ? 'unbounded' : 'bounded', semver: theirs ? 'unbounded' : 'bounded' });
    }
    expect(disagreements).toEqual([]);
  });

  it('never reports an exact version as unpinned', () => {
    const written = Array.from({ length: 300 }, () => `${pick(['', '', '=', 'v', '=v', ' '])}${pick(PARTS.filter((p) => /^\d+\.\d+\.\d+/.test(p)))}`);
    const exact = [...specs, ...written].filter((spec) => semver.valid(spec.trim(), { loose: true }) !== null);
    expect(exact.length).toBeGreaterThan(100);
    for (const spec of exact) {
      const parsed = parseNpmSpec(spec);
      expect({ spec, kind: parsed.kind, unbounded: parsed.kind === 'range' && isUnboundedRange(parsed.range) }).toEqual({ spec, kind: 'range', unbounded: false });
    }
  });

  it('reads a word semver does not accept as a range as a dist-tag, and one it accepts as a range', () => {
    for (const word of [...TAGS, 'v1', 'v1.2.3', 'x.x', '1.x.x', 'X.1']) {
      const isRange = semver.validRange(word, { loose: true }) !== null;
      expect({ word, kind: parseNpmSpec(word).kind }).toEqual({ word, kind: isRange ? 'range' : 'tag' });
    }
  });
});
