// What the configuration, the reporters and the docs need to know about a check, without running it.
import type { FileRole } from './file-role.js';
import type { Severity } from './finding.js';

/** A JSON Schema fragment (draft 2020-12 / draft-07 subset that ajv understands). */
export type JsonSchema = { [key: string]: unknown };

/**
 * - `line`: every finding is about lines the change adds; the engine drops findings on lines that
 *   merely moved or were reformatted (src/engine/moved-lines.ts: a line the file, or another file of
 *   the same role, loses, written again).
 * - `structure`: findings compare base and head (a removed healthcheck) or a whole file.
 */
export type CheckScope = 'line' | 'structure';

/** A check's metadata: enough for configuration, reports and docs; the runnable check adds `run`. */
export interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  scope: CheckScope;
  /** Message templates by id; `{{name}}` is replaced from the finding's data. */
  messages: Readonly<Record<string, string>>;
  /** Default markdown remediation, when a finding does not carry its own. */
  remediation: string;
  /** Link to the check's page, derived from its id. */
  docsUrl: string;
  /** Option defaults; user options are merged over them. */
  defaultOptions?: Readonly<Record<string, unknown>>;
  /** JSON Schema of `checks.<id>.options` in the configuration file (an object schema). */
  optionsSchema?: JsonSchema;
  /**
   * The file roles the check reports on (default: every role). The engine drops findings on files of
   * other roles, and a finding on a production file says why the file was taken for production.
   */
  roles?: readonly FileRole[];
  /** The check asks for file roles itself (`ctx.role`), so the App reads what roles are decided from ahead of it. */
  readsRoles?: boolean;
  /**
   * Message ids of findings a copy of a base file still reports although the original has them too: a
   * default credential opens a door in every file that deploys it, so one copied from another deployed
   * file is new where it is copied to (see src/engine/held-credentials.ts, `moved`).
   */
  newInCopies?: readonly string[];
  /**
   * Checks whose finding on the same line says this check's problem already: a finding of this check on a
   * line one of them reports is left out, one problem said once (a default password in a committed env
   * file is the env file's finding, which names the key).
   */
  yieldsTo?: readonly string[];
  /**
   * When findings of this check in several files of one change are one problem, reported once (on the most
   * severe, then the first by path) with the other places named (see src/engine/across-files.ts):
   * - `check`: every finding of the check, in the same file too (a new Dockerfile, the compose service that runs
   *   it and a second new service: one notice that the change's new containers have no health check);
   * - `kind`: the same message id, in the same file too (three new Dockerfiles without a `USER`, four compose services
   *   with `user: root`: one decision, one comment);
   * - `message`: the same message about the same thing (the same image reference, the same setting);
   * - `value`: the same credential values (one password pasted into fourteen files: one rotation).
   * `message` and `value` fold only across files: the check decides what its findings in one file are. Unset: each
   * file's findings stand apart.
   */
  acrossFiles?: 'check' | 'kind' | 'message' | 'value';
  /**
   * Findings on a Dockerfile that are about how its image runs (as root, without a health check, on a development
   * server): `true` for every message, or the message ids. The engine keeps them only where the repository shows the
   * image ships, and says how (src/engine/image-deployment.ts).
   */
  deployedImages?: true | readonly string[];
}

export const DOCS_BASE = 'https://github.com/readiness-review/readiness-review/blob/main/checks/';

/** The page of a check, derived from its id (never typed by hand). */
export const docsUrlOf = (id: string): string => `${DOCS_BASE}${id}.md`;
