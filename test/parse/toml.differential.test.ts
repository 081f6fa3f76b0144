// Differential test: our TOML reader (src/parse/toml.ts, kept for its line numbers) against smol-toml on documents
// generated at run time in the shapes pyproject.toml, Pipfile and Cargo.toml use.
import { parse as smolParse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseToml, type TomlValue } from '../../src/parse/toml.js';
import { seeded } from '../helpers/seeded.js';

const { seed: SEED, next, pick } = seeded();
const chance = (p: number) => next() < p;

const STRINGS = [
  '"requests>=2.31"',
  '"django[argon2] ; python_version >= \\"3.10\\""',
  '"tab\\there \\\\ back \\u00e9 \\U0001F600 quote \\" done"',
  '"a # not a comment"',
  "'C:\\Users\\app' ",
  "'literal \"quotes\" # kept'",
  '""',
  "''",
  '"""\nfirst\nsecond \\\n    joined"""',
  '"""one ""quoted"" line"""',
  '"""ends with two quotes"""""',
  "'''\nraw \\n text\n'''",
  "'''it''s'''",
  '"\\b\\f\\n\\r\\t"',
];
const ATOMS = ['42', '-17', '+1_000', '0xDEAD_beef', '0o17', '0b1010', '3.14', '-0.01', '5e+22', '1e06', '6.626e-34', 'inf', '-nan', 'true', 'false', '1979-05-27T07:32:00Z', '1979-05-27 07:32:00-07:00', '1979-05-27T00:32:00.999999', '1979-05-27', '07:32:00'];

let counter = 0;
/** A key no other in the document uses: bare, quoted, literal or with dashes. */
function key(): string {
  const n = counter++;
  return pick([`k${n}`, `"k ${n}"`, `'k.${n}'`, `k-${n}_x`, `${n}`, `"é${n}"`]);
}

function value(depth = 0): string {
  const r = next();
  if (depth < 2 && r < 0.15) {
    const items = Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    if (chance(0.3)) return `[\n  ${items.map((i) => `${i}, # note`).join('\n  ')}\n]`;
    return `[${items.join(', ')}${items.length && chance(0.3) ? ',' : ''}]`;
  }
  if (depth < 2 && r < 0.27) {
    const pairs = Array.from({ length: Math.floor(next() * 3) }, () => `${key()} = ${value(depth + 1)}`);
    return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
  }
  return r < 0.7 ? pick(STRINGS) : pick(ATOMS);
}

/** Key/value lines, some under dotted keys, with comments and blank lines between. */
function statements(count: number): string[] {
  return Array.from({ length: count }, () => {
    const k = chance(0.2) ? `${key()}.${key()}` : chance(0.1) ? `${key()} . ${key()}` : key();
    return `${k} = ${value()}${chance(0.2) ? '  # trailing comment' : ''}${chance(0.15) ? '\n' : ''}`;
  });
}

function document(): string {
  const lines = [...statements(Math.floor(next() * 4))];
  for (let t = Math.floor(next() * 4); t > 0; t--) {
    const name = chance(0.3) ? `${key()}.${key()}` : key();
    if (chance(0.25)) {
      for (let i = 1 + Math.floor(next() * 2); i > 0; i--) lines.push(`\n[[${name}]]`, ...statements(1 + Math.floor(next() * 2)));
    } else lines.push(`${chance(0.3) ? '# a table\n' : ''}[${name}]`, ...statements(Math.floor(next() * 4)));
  }
  const text = lines.join('\n') + '\n';
  return chance(0.1) ? text.replace(/\n/g, '\r\n') : text;
}

/** A string, or 'ATOM' for a number, boolean or date. */
type Plain = string | Plain[] | { [key: string]: Plain };

/** Our tree in plain form; numbers, booleans and dates (kept as written) become 'ATOM'. */
function ours(v: TomlValue): Plain {
  if (v.type === 'string') return v.value;
  if (v.type === 'atom') return 'ATOM';
  if (v.type === 'array') return v.items.map(ours);
  return Object.fromEntries([...v.entries.values()].map((e) => [e.key, ours(e.value)]));
}

/** smol-toml's tree in the same form. */
function theirs(v: unknown): Plain {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(theirs);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, theirs(x)]));
  return 'ATOM';
}

describe(`TOML against smol-toml (seed ${SEED}, DIFFERENTIAL_SEED=${SEED} reproduces)`, () => {
  const documents = Array.from({ length: 600 }, document);

  it('reads every generated document to the same tables, keys and strings', () => {
    let compared = 0;
    for (const text of documents) {
      const expected = theirs(smolParse(text));
      const doc = parseToml(text);
      expect({ text, error: doc.error, value: ours(doc.root) }).toEqual({ text, error: undefined, value: expected });
      compared++;
    }
    expect(compared).toBe(documents.length);
  });

  it('fails on a document smol-toml rejects, wherever it is cut short', () => {
    const accepted: string[] = [];
    for (const text of documents.slice(0, 200)) {
      const cut = text.slice(0, Math.floor(next() * text.length));
      let valid = true;
      try {
        smolParse(cut);
      } catch {
        valid = false;
      }
      if (!valid && parseToml(cut).error === undefined) accepted.push(cut);
    }
    expect(accepted).toEqual([]);
  });
});
