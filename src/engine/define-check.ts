// The shape of a check, declared like an ESLint rule: metadata plus a pure `run` over the change set.
import type { ChangeSet } from '../model/change-set.js';
import type { ReviewError, Severity } from '../model/finding.js';

/**
 * What a check reports; the engine adds check id, default severity and title, fingerprint and docs.
 * `key` is the normalised content that identifies the finding across pushes (never a raw secret).
 */
export interface FindingDraft {
  path: string;
  line: number;
  endLine?: number;
  /** An id from the check's `messages`, filled with `data`. */
  messageId: string;
  data?: Record<string, string | number>;
  /** Markdown remediation; defaults to the check's `remediation`. */
  remediation?: string;
  suggestion?: string;
  /** Overrides the check's default severity for this finding (e.g. a warning-level variant). */
  severity?: Severity;
  /** Overrides the check's title for this finding. */
  title?: string;
  key: string;
  baseLine?: number;
}

/** A JSON Schema fragment (draft 2020-12 / draft-07 subset that ajv understands). */
export type JsonSchema = { [key: string]: unknown };

export interface CheckResult {
  findings: FindingDraft[];
  /** Files the check could not read or parse, in the user's words. */
  errors?: ReviewError[];
}

/**
 * - `line`: every finding is about lines the change adds; the engine drops findings on lines that
 *   merely moved (their text is among the file's removed lines).
 * - `structure`: findings compare base and head (a removed healthcheck) or a whole file.
 */
export type CheckScope = 'line' | 'structure';

export interface CheckDefinition<Options = Record<string, unknown>> {
  id: string;
  title: string;
  severity: Severity;
  scope: CheckScope;
  /** Message templates by id; `{{name}}` is replaced from the draft's data. */
  messages: Record<string, string>;
  /** Default markdown remediation, when a finding does not carry its own. */
  remediation: string;
  /** Option defaults; user options are merged over them. */
  defaultOptions?: Options;
  /** JSON Schema of `checks.<id>.options` in the configuration file (an object schema). */
  optionsSchema?: JsonSchema;
  run(change: ChangeSet, options: Options): Promise<CheckResult | FindingDraft[]>;
}

/** A registered check. `Check` (Options = never) is the type every check fits, for lists of mixed checks. */
export interface Check<Options = never> extends Omit<CheckDefinition<Options>, 'defaultOptions'> {
  /** Link to the check's page, derived from its id. */
  docsUrl: string;
  defaultOptions?: Readonly<Record<string, unknown>>;
}

export const DOCS_BASE = 'https://github.com/readiness-review/readiness-review/blob/main/checks/';

export function defineCheck<Options extends object = Record<string, unknown>>(definition: CheckDefinition<Options>): Check<Options> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.id)) throw new Error(`check id "${definition.id}" must be kebab-case`);
  const { defaultOptions, ...rest } = definition;
  return { ...rest, docsUrl: `${DOCS_BASE}${definition.id}.md`, ...(defaultOptions ? { defaultOptions: defaultOptions as Readonly<Record<string, unknown>> } : {}) };
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a missing datum is noticed in tests. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
