// Differential test: our Python version specifiers (src/parse/requirements.ts) against @renovatebot/pep440 on specifier
// sets generated at run time. "Pinned" means the set admits exactly one release a package index can hold.
import { eq, satisfies, valid, validRange } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { isExactPin, isPep440Version, isValidClause, parseRequirement } from '../../src/parse/requirements.js';
import { seeded } from '../helpers/seeded.js';

const { seed: SEED, next, pick } = seeded();

const VERSIONS = ['1', '1.0', '1.2', '1.2.0', '1.2.3', '2.0', '1.2.3rc1', '2.0b2', '2.0.post1', '1.2.3.4', '1!2.0', '0.9.dev3', 'v1.2', '1.2+abc', '1.2.3-1', '1.2.RC1'];
/** What people write where a version belongs but is none: tags, wildcards, other ecosystems' ranges. */
const NOT_VERSIONS = ['latest', 'stable', '1.*', '1.2.*', '*', 'x', '1.x', '^1.2', 'dev', '1.2.3.*'];
const OPERATORS = ['==', '==', '===', '!=', '~=', '>=', '<=', '>', '<'];

function clause(): string {
  const version = next() < 0.8 ? pick(VERSIONS) : pick(NOT_VERSIONS);
  return `${pick(OPERATORS)}${pick(['', '', ' '])}${version}`;
}

/** One to three clauses joined as requirement files join them. */
function specifierSet(clauses = next() < 0.6 ? 1 : 2 + Math.floor(next() * 2)): string {
  return Array.from({ length: clauses }, clause).join(pick([',', ', ', ' ,']));
}

/**
 * Releases a specifier could admit: every version the generator writes and its neighbours (the next
 * patch, minor, major, post release). Local versions are left out: a package index holds none.
 */
const CANDIDATES = [
  ...VERSIONS.filter((v) => !v.includes('+')),
  ...['0.0.1', '0.5', '0.9.dev1', '1.0.1', '1.1', '1.2.1', '1.2.3.5', '1.2.4', '1.3', '2.0.1', '2.1', '3.0', '1.2.3.post1', '1.2.3rc2', '2.0.post2', '1!2.1', '2!0.1', '0.9'],
].filter((v) => valid(v) !== null);

/**
 * The distinct releases among the candidates that the specifier set admits, by PEP 440 equality. A local
 * version the set names (`==1.2+abc`) is a candidate for it: it can be installed from a local index.
 */
function admitted(spec: string): string[] {
  const out: string[] = [];
  const named = VERSIONS.filter((v) => v.includes('+') && spec.includes(v));
  for (const version of [...CANDIDATES, ...named]) {
    if (satisfies(version, spec, { prereleases: true }) && !out.some((o) => eq(o, version))) out.push(version);
  }
  return out;
}

/**
 * Clauses on which the library and pip's `packaging` (26.2, checked with `packaging.specifiers.Specifier`)
 * disagree, with pip's answer: a wildcard may not follow a pre-, post- or dev-release; `===` takes any word.
 */
const PIP_DIFFERS: Record<string, boolean> = { '==1.0rc1.*': false, '==1.0.post1.*': false, '===1.2+abc.*': true };

function ourVerdict(spec: string): { parsed: boolean; clauses: number; pinned: boolean } {
  const requirement = parseRequirement(`foo${spec}`);
  return requirement ? { parsed: true, clauses: requirement.clauses.length, pinned: isExactPin(requirement.clauses) } : { parsed: false, clauses: 0, pinned: false };
}

describe(`Python specifiers against @renovatebot/pep440 (seed ${SEED}, DIFFERENTIAL_SEED=${SEED} reproduces)`, () => {
  const singles = [...new Set(Array.from({ length: 1500 }, () => specifierSet(1)))];
  const sets = [...new Set(Array.from({ length: 2500 }, () => specifierSet()))];

  it('reads every specifier set the library accepts, clause by clause', () => {
    const unread = [...singles, ...sets].filter((spec) => validRange(spec)).filter((spec) => ourVerdict(spec).clauses !== spec.split(',').length);
    expect(unread).toEqual([]);
  });

  it('calls a single clause a pin exactly when it admits one release', () => {
    const disagreements: { spec: string; pinned: boolean; admits: string[] }[] = [];
    for (const spec of singles) {
      const admits = validRange(spec) ? admitted(spec) : [];
      const pinned = ourVerdict(spec).pinned;
      if (pinned !== (admits.length === 1)) disagreements.push({ spec, pinned, admits });
    }
    expect(disagreements).toEqual([]);
  });

  it('never calls a set that admits several releases, or that the library rejects, a pin', () => {
    // A set can admit one release without an `==` (`>=1.2,<=1.2`); calling that loose is the safe side.
    const wrong = sets.filter((spec) => ourVerdict(spec).pinned && (!validRange(spec) || admitted(spec).length > 1));
    expect(wrong).toEqual([]);
  });

  it('agrees on which clauses are valid', () => {
    for (const op of OPERATORS) {
      for (const version of [...VERSIONS, ...NOT_VERSIONS, '1.2+abc.*', '1!2.*', 'v1.*']) {
        if (op + version in PIP_DIFFERS) continue;
        expect({ clause: op + version, valid: isValidClause({ op, version }) }).toEqual({ clause: op + version, valid: validRange(op + version) });
      }
    }
  });

  it('follows pip where the library does not', () => {
    for (const [clause, pip] of Object.entries(PIP_DIFFERS)) {
      const op = /^[=!~<>]+/.exec(clause)![0];
      expect({ clause, library: validRange(clause), ours: isValidClause({ op, version: clause.slice(op.length) }) }).toEqual({ clause, library: !pip, ours: pip });
    }
  });

  it('agrees on which words are versions', () => {
    for (const word of [...VERSIONS, ...NOT_VERSIONS, '1.0.0a', 'V1.0', '1.0-post', '1..0', '1.0+', '01.02', '1.0_dev1']) {
      expect({ word, version: isPep440Version(word) }).toEqual({ word, version: valid(word) !== null });
    }
  });
});
