// GitHub Actions `uses:` references in workflows (steps and reusable-workflow jobs) and composite actions.
import { get, getPair, isMap, isScalar, isSeq, nodeLine, type Pair, type YamlFile, type YamlNode } from './yaml.js';

export interface ActionUse {
  /** The `uses:` value as written. */
  uses: string;
  /** Line of the value. */
  line: number;
  /** A step's action, or a job calling a reusable workflow. */
  where: 'step' | 'job';
}

function stepUses(file: YamlFile, steps: unknown, out: ActionUse[]): void {
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    const pair = getPair(step, 'uses');
    if (pair && isScalar(pair.value) && typeof pair.value.value === 'string') out.push({ uses: pair.value.value, line: nodeLine(file, pair.value), where: 'step' });
  }
}

/** Every `uses:` in a workflow (`jobs.*.uses`, `jobs.*.steps[*].uses`) or action metadata (`runs.steps[*].uses`). */
export function actionUses(file: YamlFile): ActionUse[] {
  const out: ActionUse[] = [];
  for (const doc of file.documents) {
    const root = doc.contents;
    const jobs = get(root, 'jobs');
    if (isMap(jobs)) {
      for (const jobPair of jobs.items as Pair<YamlNode, YamlNode | null>[]) {
        const job = jobPair.value;
        const uses = getPair(job, 'uses');
        if (uses && isScalar(uses.value) && typeof uses.value.value === 'string') out.push({ uses: uses.value.value, line: nodeLine(file, uses.value), where: 'job' });
        stepUses(file, get(job, 'steps'), out);
      }
    }
    stepUses(file, get(get(root, 'runs'), 'steps'), out);
  }
  return out.sort((a, b) => a.line - b.line);
}

export type ActionReference =
  /** `./path` in the same repository. */
  | { kind: 'local'; path: string }
  /** `docker://image[:tag][@digest]`. */
  | { kind: 'docker'; image: string }
  /** `owner/repo[/path]@ref`; `ref` undefined when there is no `@`. */
  | { kind: 'repository'; owner: string; repo: string; path: string; ref?: string };

export function parseActionReference(uses: string): ActionReference | null {
  const text = uses.trim();
  if (text.startsWith('./') || text === '.') return { kind: 'local', path: text };
  if (/^docker:\/\//i.test(text)) return { kind: 'docker', image: text.slice('docker://'.length) };
  const at = text.indexOf('@');
  const target = at === -1 ? text : text.slice(0, at);
  const ref = at === -1 ? undefined : text.slice(at + 1);
  const parts = target.split('/');
  if (parts.length < 2 || !parts[0] || !parts[1]) return null;
  const out: ActionReference = { kind: 'repository', owner: parts[0], repo: parts[1], path: parts.slice(2).join('/') };
  if (ref !== undefined) out.ref = ref;
  return out;
}

/** True for a full-length commit SHA, the only ref GitHub cannot move. */
export function isCommitSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}

/** True for a ref that reads as a release tag (`v4`, `v4.1.0`, `1.2`, `v2-beta`), not a branch name. */
export function looksLikeVersionTag(ref: string): boolean {
  return /^v?\d+(?:\.\d+)*(?:[-+][\w.-]+)?$/i.test(ref);
}

/** The events a workflow runs on (`on: push`, `on: [push, pull_request]`, `on: { pull_request: … }`), as written. */
export function workflowEvents(file: YamlFile): unknown[] {
  const on = get(file.documents[0]?.contents, 'on');
  if (isScalar(on)) return [on.value];
  if (isSeq(on)) return on.items.map((item) => (isScalar(item) ? item.value : null));
  return isMap(on) ? on.items.map((pair) => (isScalar(pair.key) ? pair.key.value : null)) : [];
}

/** A `permissions:` value that grants nothing to write: `read-all`, `{}`, or a map of scopes each `read` or `none`. */
function readOnlyPermissions(node: unknown): boolean {
  if (isScalar(node)) return node.value === 'read-all';
  return isMap(node) && node.items.every((pair) => isScalar(pair.value) && (pair.value.value === 'read' || pair.value.value === 'none'));
}

/**
 * True when a workflow runs on `pull_request` alone (`on: pull_request`, `[pull_request]` or a map of that one
 * event), declares read-only permissions for every job (at the top, or on each job; a job's own block must be
 * read-only too) and names no secret (`secrets.X`, `secrets[…]`, `secrets: inherit`). Such a run gets a token
 * that can only read and no secret: GitHub hands a workflow only the secrets it names, and a fork's run none.
 */
export function isReadOnlyPullRequestWorkflow(file: YamlFile, text: string): boolean {
  if (file.documents.length !== 1 || file.documents[0]!.errors.length || /\bsecrets\s*(?:\.|\[|:)/.test(text)) return false;
  const root = file.documents[0]!.contents;
  const events = workflowEvents(file);
  if (events.length !== 1 || events[0] !== 'pull_request') return false;
  const jobs = get(root, 'jobs');
  if (!isMap(jobs) || jobs.items.length === 0) return false;
  const top = getPair(root, 'permissions');
  if (top && !readOnlyPermissions(top.value)) return false;
  return (jobs.items as Pair<YamlNode, YamlNode | null>[]).every((job) => {
    const own = getPair(job.value, 'permissions');
    return own ? readOnlyPermissions(own.value) : top !== undefined;
  });
}
