// package.json dependency entries with their lines, and what an npm version specifier refers to.
import { isMap, isScalar, scalarText, nodeLine, getPair, type Pair, type YamlFile, type YamlNode } from './yaml.js';

export const DEPENDENCY_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
export type DependencyGroup = (typeof DEPENDENCY_GROUPS)[number];

export interface PackageDependency {
  group: DependencyGroup;
  name: string;
  /** The specifier as written; empty when the value is not a string. */
  spec: string;
  /** Line of the `"name": "spec"` entry. */
  line: number;
}

/** Every dependency entry of a package.json parsed with `parseYaml` (JSON is YAML, with positions). */
export function packageDependencies(file: YamlFile): PackageDependency[] {
  const doc = file.documents[0]?.contents;
  if (!isMap(doc)) return [];
  const out: PackageDependency[] = [];
  for (const group of DEPENDENCY_GROUPS) {
    const map = getPair(doc, group)?.value;
    if (!isMap(map)) continue;
    for (const pair of map.items as Pair<YamlNode, YamlNode | null>[]) {
      if (!isScalar(pair.key)) continue;
      const value = pair.value;
      const spec = isScalar(value) && typeof value.value === 'string' ? value.value : isScalar(value) && value.value !== null ? scalarText(value.value) : '';
      out.push({ group, name: String(pair.key.value), spec, line: nodeLine(file, pair.key) });
    }
  }
  return out;
}

/** What an npm dependency specifier points at. */
export type NpmSpec =
  | { kind: 'range'; range: string }
  /** A dist-tag such as `latest` or `next`. */
  | { kind: 'tag'; tag: string }
  /** git URL or hosted shorthand (`github:o/r`, `o/r`); `ref` is the part after `#`, if any. */
  | { kind: 'git'; ref?: string }
  /** A tarball URL. */
  | { kind: 'url' }
  /** `file:`, `link:`, `workspace:`, `portal:`, `patch:`, or a relative path: code from the repository. */
  | { kind: 'local' }
  /** `npm:real-name@spec`: an alias whose own specifier is `target`. */
  | { kind: 'alias'; name: string; target: NpmSpec };

const GIT_URL = /^(?:git\+[a-z]+:|git:|git@|(?:github|gitlab|bitbucket|gist):)/i;
const HOSTED_SHORTHAND = /^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/;
/**
 * A word semver reads as a version or partial version rather than a dist-tag: `v1`, `x`, `x.x`, `1.2.x`,
 * `1.2.3-beta`, with `v`/`=` prefixes. After a wildcard only wildcards may follow (`X.1` is a tag).
 */
const VERSION_WORD = /^(?:[v=]\s*)*(?:[xX*](?:\.[xX*]){0,2}|\d+(?:\.[xX*](?:\.[xX*])?|\.\d+(?:\.[xX*]|\.\d+(?:-?[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)?)?)$/;
const LOCAL_PROTOCOL = /^(?:file|link|workspace|portal|patch|exec):/i;

export function parseNpmSpec(input: string): NpmSpec {
  const spec = input.trim();
  if (/^npm:/i.test(spec)) {
    const rest = spec.slice(4);
    // The real name may be scoped (`@scope/name@^1`): the version follows the last `@` after position 0.
    const at = rest.lastIndexOf('@');
    if (at > 0) return { kind: 'alias', name: rest.slice(0, at), target: parseNpmSpec(rest.slice(at + 1)) };
    return { kind: 'alias', name: rest, target: { kind: 'range', range: '' } };
  }
  if (LOCAL_PROTOCOL.test(spec) || /^(?:\.{1,2}\/|~\/|\/)/.test(spec)) return { kind: 'local' };
  if (GIT_URL.test(spec) || HOSTED_SHORTHAND.test(spec)) {
    const hash = spec.indexOf('#');
    return hash === -1 ? { kind: 'git' } : { kind: 'git', ref: spec.slice(hash + 1) };
  }
  if (/^https?:\/\//i.test(spec)) {
    // A hosted git repository page URL with a `#ref` or ending in `.git` is a git dependency.
    if (/\.git(?:#|$)/i.test(spec)) {
      const hash = spec.indexOf('#');
      return hash === -1 ? { kind: 'git' } : { kind: 'git', ref: spec.slice(hash + 1) };
    }
    return { kind: 'url' };
  }
  if (/^[A-Za-z][\w.-]*$/.test(spec) && !VERSION_WORD.test(spec)) return { kind: 'tag', tag: spec };
  return { kind: 'range', range: spec };
}

/** An operator at the start of a comparator: `^`, `~`, `~>`, `<`, `<=`, `>`, `>=`, `=`. */
const OPERATOR = /^(?:~>?|\^|[<>]=?|=)/;

/**
 * True when a semver range has no upper bound: empty, `*`, `x`, a hyphen range whose upper end is a
 * wildcard (`1 - x`), or a comparator set made only of `>` / `>=` and wildcards (in any `||`
 * alternative). Carets, tildes, partial versions and hyphen ranges are bounded; `<x` and `>x` admit
 * nothing, so a set holding one is bounded too.
 */
export function isUnboundedRange(range: string): boolean {
  return range.split('||').some((alternative) => {
    const set = alternative.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
    if (hyphen) return isWildcard(hyphen[2]!);
    // Operators and `v`/`=` prefixes may be separated from their version by spaces (`>= 1.2`, `^ v1`).
    const comparators = set.replace(/(~>?|\^|[<>]=?|=|\bv)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.every((comparator) => {
      const op = OPERATOR.exec(comparator)?.[0] ?? '';
      const version = comparator.slice(op.length);
      if (isWildcard(version)) return op !== '<' && op !== '>';
      return op === '>' || op === '>=';
    });
  });
}

/** A version whose major part is a wildcard (`x`, `*`, `X.x`, `v*`), or an empty one: any release. */
function isWildcard(version: string): boolean {
  return /^(?:[v=]\s*)*(?:[xX*]|$)/.test(version);
}

/** True when a registry specifier (or the one an `npm:` alias stands for) lets a future release in: a dist-tag (`latest`), `*`, `x` or an empty version, or a range with no upper bound (`>=1.0`). */
export function isOpenRegistrySpec(spec: NpmSpec): boolean {
  if (spec.kind === 'alias') return isOpenRegistrySpec(spec.target);
  if (spec.kind === 'tag') return true;
  if (spec.kind !== 'range') return false;
  const range = spec.range.trim();
  return range === '' || /^[*xX]$/.test(range) || isUnboundedRange(range);
}
