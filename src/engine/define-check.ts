// The shape of a check, declared like an ESLint rule: metadata plus a pure `run` over the review context.
import type { CheckMeta, CheckScope, JsonSchema } from '../model/check.js';
import { docsUrlOf } from '../model/check.js';
import type { FileRole } from '../model/file-role.js';
import type { FindingLocation, ReviewError, Severity } from '../model/finding.js';
import type { CheckContext } from './check-context.js';
import type { HeldCredentials } from './held-credentials.js';

export type { CheckContext } from './check-context.js';
export type { CheckMeta, CheckScope, JsonSchema } from '../model/check.js';
export { DOCS_BASE } from '../model/check.js';

/**
 * What a check reports; the engine adds check id, default severity and title, fingerprint and docs.
 * `key` is the normalised content that identifies the finding across pushes (never a raw secret).
 * `MessageId` is the union of the check's message ids, so a misspelt id does not compile.
 */
export interface FindingDraft<MessageId extends string = string> {
  path: string;
  line: number;
  endLine?: number;
  /** An id from the check's `messages`, filled with `data`. */
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** Markdown remediation; defaults to the check's `remediation`. */
  remediation?: string;
  suggestion?: string;
  /** Other lines of the same problem the remediation names ("also on lines 25 and 39 of this file"), for reports. */
  related?: FindingLocation[];
  /** Overrides the check's default severity for this finding (e.g. a warning-level variant). */
  severity?: Severity;
  /** Overrides the check's title for this finding. */
  title?: string;
  key: string;
  baseLine?: number;
  /**
   * The credentials the finding is about, for the engine only (never shown): when every one of them is
   * held before the change (see held-credentials.ts), the change did not introduce them and the finding is dropped.
   */
  credentials?: HeldCredentials;
  /**
   * What the finding is about apart from how the line reads, for the engine only: a setting's name, a package's
   * name. When the base version of a changed file, reviewed by the same check, has a finding with the same message
   * about the same subject, the change only rewrote a problem the file already had (see rewritten-findings.ts).
   */
  subject?: string;
}

export interface CheckResult<MessageId extends string = string> {
  findings: FindingDraft<MessageId>[];
  /** Files the check could not read or parse, in the user's words. */
  errors?: ReviewError[];
}

export interface CheckDefinition<Messages extends Record<string, string>, Options> {
  id: string;
  title: string;
  severity: Severity;
  scope: CheckScope;
  /** Message templates by id; `{{name}}` is replaced from the draft's data. */
  messages: Messages;
  /** Default markdown remediation, when a finding does not carry its own. */
  remediation: string;
  /** Option defaults; user options are merged over them. */
  defaultOptions?: Options;
  /** JSON Schema of `checks.<id>.options` in the configuration file (an object schema). */
  optionsSchema?: JsonSchema;
  /** The file roles the check reports on (default every role); see `CheckMeta.roles`. */
  roles?: readonly FileRole[];
  /** See `CheckMeta.readsRoles`. */
  readsRoles?: boolean;
  /** See `CheckMeta.newInCopies`. */
  newInCopies?: readonly (keyof Messages & string)[];
  /** See `CheckMeta.yieldsTo`. */
  yieldsTo?: readonly string[];
  /** See `CheckMeta.acrossFiles`. */
  acrossFiles?: 'check' | 'kind' | 'message' | 'value';
  /** See `CheckMeta.deployedImages`. */
  deployedImages?: true | readonly (keyof Messages & string)[];
  /** Pure: reads the change only through `ctx`, never calls GitHub, reads config or logs. */
  run(ctx: CheckContext, options: Options): Promise<CheckResult<keyof Messages & string> | FindingDraft<keyof Messages & string>[]>;
}

/** A registered check, as the engine runs it. */
export interface Check extends CheckMeta {
  run(ctx: CheckContext, options: never): Promise<CheckResult | FindingDraft[]>;
}

/** The message ids of a check made by `defineCheck`, for typing helpers that build its drafts. */
export type MessageIdOf<C> = C extends { messages: infer M } ? keyof M & string : never;

/**
 * Declares a check. Message ids are inferred from `messages`, so `run` returning a draft with an id the
 * check does not declare is a compile error (typescript-eslint's RuleCreator does the same).
 */
export function defineCheck<const Messages extends Record<string, string>, Options extends object = Record<string, unknown>>(definition: CheckDefinition<Messages, Options>): Check & { messages: Messages } {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.id)) throw new Error(`check id "${definition.id}" must be kebab-case`);
  const { defaultOptions, ...rest } = definition;
  return { ...rest, docsUrl: docsUrlOf(definition.id), ...(defaultOptions ? { defaultOptions: defaultOptions as Readonly<Record<string, unknown>> } : {}) };
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a missing datum is noticed in tests. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** Items said in prose: `a`, `a and b`, `a, b and c`; '' for none. */
export function listInProse(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Lines of a file said in prose, for a finding that names the other lines of the same problem: `line 5`, `lines 5, 9 and 12`. */
export function linesInProse(lines: readonly number[]): string {
  return `${lines.length === 1 ? 'line' : 'lines'} ${listInProse(lines.map(String))}`;
}
