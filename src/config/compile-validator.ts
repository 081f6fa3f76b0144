// Compiles the configuration schema with ajv at run time: for the App, the Action and the tests, and for
// any schema the precompiled validator was not made from. The CLI bundle (scripts/build-cli.mjs) ships
// the validator compiled ahead of time for its own checks and replaces this module, so a cold
// `readiness scan` neither loads nor evaluates ajv (about a sixth of the bundle).
import AjvModule, { type ValidateFunction } from 'ajv';
import { configFormats } from './formats.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;

/** `options` are VALIDATOR_OPTIONS (src/config/config.ts), the ones the ahead-of-time validator is compiled with. */
export function compileValidator(schema: object, options: Record<string, unknown>): ValidateFunction {
  // The schema is ours and a test checks it against draft-07, so the meta-schema is not compiled here
  // (two thirds of the compile); nor is time spent optimising code that runs a few times.
  const ajv = new Ajv({ ...options, validateSchema: false, code: { optimize: false } });
  ajv.addFormat('regex', configFormats.regex);
  return ajv.compile(schema);
}
