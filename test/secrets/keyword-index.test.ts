// The keyword pre-filter against the plain reading of it: a rule is hit on a line when one of its
// keywords occurs in that line, ignoring case. Lines are drawn at random from keyword pieces and noise.
import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../src/secrets/keyword-index.js';
import { RULES } from '../../src/secrets/rules/index.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const naive = (keywords: readonly (readonly string[])[], text: string): string[] =>
  text
    .toLowerCase()
    .split('\n')
    .flatMap((line, n) => keywords.flatMap((words, id) => (words.some((w) => w.length > 0 && line.includes(w)) ? [`${n}:${id}`] : [])))
    .sort((a, b) => a.localeCompare(b));

const indexed = (index: KeywordIndex, text: string): string[] => {
  const { hits } = index.scan(text, 1000);
  const out: string[] = [];
  for (let k = 0; k < hits.length; k += 2) out.push(`${hits[k]}:${hits[k + 1]}`);
  // In text order within a line; the plain reading lists rules in table order.
  return out.sort((a, b) => a.localeCompare(b));
};

describe('KeywordIndex', () => {
  it('finds exactly the (line, rule) pairs whose keyword is on the line, for the shipped rules', () => {
    const keywords = RULES.map((r) => r.keywords);
    const index = new KeywordIndex(keywords);
    const rand = prng(20261203);
    const pieces = [...new Set(keywords.flat())];
    const noise = ['', ' ', '=', '_', 'x', 'A', '"', ':', '\t', 'é'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let doc = 0; doc < 200; doc++) {
      const lines = Array.from({ length: 20 }, () =>
        Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
          const word = pick(pieces);
          // Whole keywords, cut ones (a prefix that must not count) and upper-cased ones.
          const cut = rand() < 0.3 ? word.slice(0, Math.max(1, word.length - 1)) : word;
          return (rand() < 0.3 ? cut.toUpperCase() : cut) + pick(noise);
        }).join(''),
      );
      const text = lines.join('\n');
      expect(indexed(index, text)).toEqual(naive(keywords, text));
    }
  });

  it('reports a keyword that overlaps another (failure links), once per line and rule', () => {
    const index = new KeywordIndex([['abcd'], ['bc'], ['cd', 'd']]);
    expect(indexed(index, 'xabcdx\nbcd\nd d')).toEqual(['0:0', '0:1', '0:2', '1:1', '1:2', '2:2']);
  });
});
