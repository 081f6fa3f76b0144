// Inputs generated at run time for the differential tests: a seeded generator, so a failure names the seed that
// reproduces it (DIFFERENTIAL_SEED=<seed>).
import { prng } from '../../scripts/bench-data.js';

export interface Seeded {
  readonly seed: number;
  /** A number in [0, 1). */
  readonly next: () => number;
  readonly pick: <T>(items: readonly T[]) => T;
}

export function seeded(seed = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 1_000_000)): Seeded {
  const next = prng(seed);
  return { seed, next, pick: (items) => items[Math.floor(next() * items.length)]! };
}
