// Configuration problems as the CLI prints them: the line each setting is on, and the nearest known name for a misspelt one.
import type { Check } from '../engine/define-check.js';
import { configSchema, type ConfigProblem } from '../config/config.js';
import { lineOfSetting } from '../github/repository-config.js';

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; enum?: unknown[] };

/** Edit distance (insert, delete, substitute, swap of neighbours), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const folded = word.toLowerCase().replace(/-/g, '_');
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = name.toLowerCase() === folded ? 0 : editDistance(folded, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best || best.name === word) return undefined;
  return best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

const segmentsOf = (path: string) => [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!));

function schemaAt(schema: SchemaNode, segments: (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const s of segments) node = typeof s === 'number' ? node?.items : node?.properties?.[s];
  return node;
}

function valueAt(value: unknown, segments: (string | number)[]): unknown {
  let node = value;
  for (const s of segments) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined;
  return node;
}

/**
 * Adds the line of each problem's setting in `text` and, for an unknown name or a value outside a
 * list, the nearest known one (`fail-on` → `fail_on`, `warnings` → `warning`).
 */
export function explainProblems(problems: readonly ConfigProblem[], text: string, raw: Record<string, unknown>, checks: readonly Check[]): ConfigProblem[] {
  const schema = configSchema(checks) as SchemaNode;
  return problems.map((problem) => {
    const out: ConfigProblem = { ...problem };
    if (out.line === undefined && problem.path !== '(file)') {
      const line = lineOfSetting(text, problem.path);
      if (line !== undefined) out.line = line;
    }
    const segments = segmentsOf(problem.path);
    const last = segments.at(-1);
    let suggestion: string | undefined;
    if (typeof last === 'string' && /is not a known (setting|check id)/.test(problem.message)) {
      suggestion = nearest(last, Object.keys(schemaAt(schema, segments.slice(0, -1))?.properties ?? {}));
    } else if (/must be one of/.test(problem.message)) {
      const given = valueAt(raw, segments);
      const allowed = (schemaAt(schema, segments)?.enum ?? []).filter((v): v is string => typeof v === 'string');
      if (typeof given === 'string') suggestion = nearest(given, allowed);
    }
    if (suggestion !== undefined) out.message = `${problem.message} (did you mean "${suggestion}"?)`;
    return out;
  });
}
