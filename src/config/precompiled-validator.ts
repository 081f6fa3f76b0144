// The configuration validator compiled ahead of time. Here it is null, and src/config/config.ts compiles
// the schema with ajv when it first validates; the CLI bundle (scripts/build-cli.mjs) replaces this module
// with ajv's standalone code for the shipped checks' schema, so `readiness scan` does not compile at start.
import type { ValidateFunction } from 'ajv';

export interface PrecompiledValidator {
  /** The schema it was compiled from, as JSON.stringify wrote it: used only for exactly this schema. */
  schema: string;
  validate: ValidateFunction;
}

export const precompiled: PrecompiledValidator | null = null;
