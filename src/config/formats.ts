// String formats the configuration schema uses beyond JSON Schema's own.
import { userRegexProblem } from './user-regex.js';

/**
 * Regular expressions in options (secrets allow-lists, extra rules) must compile before anything runs,
 * under the linear-time engine that runs them: RE2 syntax, not JavaScript's. The ahead-of-time validator
 * of the CLI bundle (scripts/build-cli.mjs) refers to these as `configFormats.regex`.
 */
export const configFormats = { regex: { type: 'string' as const, validate: (source: string) => userRegexProblem(source) === null } };
