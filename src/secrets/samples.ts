// Builds the true-positive samples of the rule table at run time, from a seeded generator, so the
// repository never holds a credential-shaped string in plain text.

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const ALNUM = UPPER + LOWER + DIGITS;
export const ALNUM_LOWER = LOWER + DIGITS;
export const ALNUM_UPPER = UPPER + DIGITS;
export const LETTERS = UPPER + LOWER;
export const BASE64 = ALNUM + '+/';
export const URLSAFE = ALNUM + '-_';
export const BASE32 = UPPER + '234567';

/** A piece of a sample: literal text, or `[alphabet, length]` for that many characters drawn from the alphabet. */
export type SamplePart = string | readonly [alphabet: string, length: number];

let state = 0x5eed1e55;

/** mulberry32: small, fast and deterministic, so samples (and test names built from them) never change between runs. */
function nextRandom(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function draw(alphabet: string, length: number): string {
  // Redraw the rare string that a placeholder check would take for filler (a run like `xxxx` or `abcdef`).
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(nextRandom() * alphabet.length)];
    if (!/(.)\1\1/.test(out) && !/xxx|XXX|abcd|1234/i.test(out)) return out;
  }
}

/** Concatenates literal parts and random runs: `gen('ghp_', [ALNUM, 36])`. */
export function gen(...parts: readonly SamplePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : draw(p[0], p[1]))).join('');
}

/** The same character repeated: filler for false-positive samples. */
export const fill = (char: string, length: number): string => char.repeat(length);
