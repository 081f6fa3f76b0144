// The `.github/readiness.yml` configuration: defaults, JSON Schema validation with ajv, merging and lookup.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseDocument, LineCounter } from 'yaml';
import type { CheckMeta, JsonSchema } from '../model/check.js';
import { FILE_ROLES, type RoleGlobs } from '../model/file-role.js';
import type { Severity } from '../model/finding.js';
import { VENDORED_DIRS } from '../parse/file-kinds.js';
import { compileValidator } from './compile-validator.js';
import { precompiled } from './precompiled-validator.js';
import { userRegexProblem } from './user-regex.js';

export type FailOn = Severity | 'never';
/** The conclusion of a review that could not look at everything: `failure` (fail closed) or `neutral` (fail open). */
export type OnError = 'failure' | 'neutral';

export interface CheckConfig {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface ReadinessConfig {
  fail_on: FailOn;
  on_error: OnError;
  checks: Record<string, CheckConfig>;
  paths: { ignore: string[]; default_ignores: boolean };
  review: {
    inline_comments: boolean;
    max_comments: number;
    suggestions: boolean;
    /** Also annotate findings that have an inline comment (off: each finding shows once in "Files changed"). */
    annotate_commented: boolean;
  };
  drafts: 'review' | 'skip';
  /** Globs that give files a role (production, development, test, example, ci, archived) ahead of what names suggest. */
  roles: RoleGlobs;
}

export const CONFIG_PATH = '.github/readiness.yml';
export const SCHEMA_URL = 'https://raw.githubusercontent.com/readiness-review/readiness-review/main/schema/readiness.schema.json';

/** Vendored code nobody in the repository wrote; `paths.default_ignores: false` turns these off. */
// A folder path (`Godeps/_workspace`) would be anchored at the root in gitignore syntax: `**/` keeps it at any depth.
export const DEFAULT_IGNORES = VENDORED_DIRS.map((dir) => (dir.includes('/') ? `**/${dir}/` : `${dir}/`));

export const DEFAULT_CONFIG: ReadinessConfig = {
  fail_on: 'failure',
  on_error: 'failure',
  checks: {},
  paths: { ignore: [], default_ignores: true },
  review: { inline_comments: true, max_comments: 30, suggestions: true, annotate_commented: false },
  drafts: 'review',
  roles: {},
};

const ROLE_DESCRIPTIONS: Record<(typeof FILE_ROLES)[number], string> = {
  production: 'files that configure or run production (wins over names like `dev` or `example`)',
  development: 'files for local development only',
  test: 'test code, fixtures and test configuration',
  example: 'examples, samples and documentation',
  ci: 'CI configuration',
  archived: 'archived files nothing runs any more',
};

/** The configuration file's JSON Schema, with each check's own options schema under `checks.<id>.options`. */
export function configSchema(checks: readonly CheckMeta[]): JsonSchema {
  const severity = { type: 'string', enum: ['failure', 'warning', 'notice'] };
  const checkProperties = Object.fromEntries(
    checks.map((c) => [
      c.id,
      {
        type: 'object',
        description: `${c.title}. See ${c.docsUrl}`,
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean', description: 'Run this check (default true).' },
          severity: { ...severity, description: `Severity of its findings (default ${c.severity}).` },
          options: c.optionsSchema ?? { type: 'object', additionalProperties: false, properties: {} },
        },
      },
    ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    title: 'readiness-review configuration (.github/readiness.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      _extends: { type: 'string', description: 'Inherit from another repository\'s file: ".github" or "owner/repo" or "repo:path".' },
      fail_on: { type: 'string', enum: ['failure', 'warning', 'notice', 'never'], description: 'Lowest severity that fails the check run (default failure).' },
      on_error: {
        type: 'string',
        enum: ['failure', 'neutral'],
        description: 'Conclusion when part of the change could not be reviewed (a failed read, a check that threw, a file too large, a time limit): failure (default) or neutral, which GitHub counts as passing.',
      },
      checks: { type: 'object', additionalProperties: false, properties: checkProperties, description: 'Per-check settings, by check id.' },
      paths: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of paths not to review.' },
          default_ignores: { type: 'boolean', description: 'Also ignore vendored code (node_modules/, vendor/, third_party/, bower_components/, Godeps/_workspace/, site-packages/); default true.' },
        },
      },
      review: {
        type: 'object',
        additionalProperties: false,
        properties: {
          inline_comments: { type: 'boolean', description: 'Post inline review comments (default true).' },
          max_comments: { type: 'integer', minimum: 0, maximum: 100, description: 'Most inline comments per review (default 30).' },
          suggestions: { type: 'boolean', description: 'Add ```suggestion blocks where a fix is certain (default true).' },
          annotate_commented: {
            type: 'boolean',
            description: 'Also annotate the check run on lines that have an inline comment, so such a finding shows twice in "Files changed" (default false: annotations go to the findings without one).',
          },
        },
      },
      drafts: { type: 'string', enum: ['review', 'skip'], description: 'Review draft pull requests, or skip them until ready (default review).' },
      roles: {
        type: 'object',
        additionalProperties: false,
        description: 'Globs that say what files are for, ahead of what their names and neighbours suggest. Checks about running services report on production files only.',
        properties: Object.fromEntries(
          FILE_ROLES.map((role) => [role, { type: 'array', items: { type: 'string', minLength: 1 }, description: `Globs of ${ROLE_DESCRIPTIONS[role]}.` }]),
        ),
      },
    },
  };
}

export interface ConfigProblem {
  /** Where in the file, as a path like `checks.secrets.severity` (or `(file)` for the whole file). */
  path: string;
  line?: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${source} is invalid: ${problems.map((p) => `${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('; ')}`);
  }
}

const validators = new WeakMap<readonly CheckMeta[], ValidateFunction>();

/** The options validation is compiled with, here and ahead of time (scripts/build-cli.mjs). */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

function validatorFor(checks: readonly CheckMeta[]) {
  let validate = validators.get(checks);
  if (!validate) {
    const schema = configSchema(checks);
    if (precompiled && precompiled.schema === JSON.stringify(schema)) {
      validate = precompiled.validate;
    } else {
      validate = compileValidator(schema, VALIDATOR_OPTIONS);
    }
    validators.set(checks, validate);
  }
  return validate;
}

function describe(error: ErrorObject): ConfigProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    path = path ? `${path}.${extra}` : extra;
    message = segments[0] === 'checks' && segments.length === 1 ? 'is not a known check id' : 'is not a known setting';
  } else if (error.keyword === 'format' && (error.params as { format: string }).format === 'regex') {
    const problem = typeof error.data === 'string' ? userRegexProblem(error.data) : null;
    message = `is not a valid regular expression${problem ? `: ${problem}` : ''}`;
  } else if (error.keyword === 'enum') {
    message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { path: path || '(file)', message };
}

/** Validates a parsed configuration object; returns the problems (empty when valid). */
export function validateConfig(value: unknown, checks: readonly CheckMeta[]): ConfigProblem[] {
  const validate = validatorFor(checks);
  if (validate(value ?? {})) return [];
  const problems = (validate.errors ?? []).map(describe);
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\0${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Parses YAML text into a plain object, or throws ConfigError naming the syntax problem. */
export function parseConfigText(text: string, source: string): Record<string, unknown> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ path: '(file)', line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
    );
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value) || value === null) throw new ConfigError(source, [{ path: '(file)', message: 'must be a mapping of settings' }]);
  return value as Record<string, unknown>;
}

/** Deep-merges configuration objects: later ones win; arrays are replaced, not concatenated. */
export function mergeConfigObjects(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === undefined) return a;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
      for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
      return out;
    }
    return b;
  };
  return layers.reduce<Record<string, unknown>>((acc, layer) => merge(acc, layer) as Record<string, unknown>, {});
}

/** Validates and fills defaults; throws ConfigError listing every problem. */
export function resolveConfig(value: Record<string, unknown>, checks: readonly CheckMeta[], source = CONFIG_PATH): ReadinessConfig {
  const problems = validateConfig(value, checks);
  if (problems.length) throw new ConfigError(source, problems);
  const { _extends: _ignored, ...rest } = value;
  return mergeConfigObjects(DEFAULT_CONFIG as unknown as Record<string, unknown>, rest) as unknown as ReadinessConfig;
}

/** The checks to run with this configuration (disabled ones left out). */
export function enabledChecks<C extends CheckMeta>(config: ReadinessConfig, checks: readonly C[]): C[] {
  return checks.filter((c) => config.checks[c.id]?.enabled !== false);
}

/** Per-check options for the engine. */
export function checkOptions(config: ReadinessConfig): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(config.checks).flatMap(([id, c]) => (c.options ? [[id, c.options]] : [])));
}

/** Globs of paths not to review. */
export function ignoreGlobs(config: ReadinessConfig): string[] {
  return [...(config.paths.default_ignores ? DEFAULT_IGNORES : []), ...config.paths.ignore];
}
