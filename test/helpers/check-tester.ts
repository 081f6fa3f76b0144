// Table tests for checks in the manner of ESLint's RuleTester: valid cases report nothing, invalid ones exactly what they list.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import type { Check } from '../../src/engine/define-check.js';
import type { RepositoryName } from '../../src/model/change-set.js';
import { review } from '../../src/engine/review.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { isDockerfile } from '../../src/parse/file-kinds.js';

export interface ValidCase {
  name: string;
  before?: Tree;
  after: Tree;
  options?: Record<string, unknown>;
  /** The GitHub repository under review, as the App (from the event) or the CLI (from `origin`) knows it. */
  repository?: RepositoryName;
}

export interface ExpectedFinding {
  path?: string;
  line: number;
  endLine?: number;
  /** The id of the check's message: what the finding says, independent of wording. */
  messageId?: string;
  /** Values filled into the message; only the keys listed are compared. */
  data?: Record<string, string | number>;
  /** @deprecated assert `messageId` and `data`; wording is free to change. */
  message?: string | RegExp;
  severity?: Severity;
  /** Exact suggestion, or null to assert there is none. */
  suggestion?: string | null;
  title?: string | RegExp;
  remediation?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /**
   * Findings about a Dockerfile's image are reported only where the image ships (CheckMeta.deployedImages). Unless
   * this is false, an invalid case's Dockerfiles with expected findings ship: a workflow of both trees builds them,
   * so the case tests the check's own logic. Cases about that evidence set it to false.
   */
  shipped?: boolean;
}

/** The workflow an invalid case adds to both trees to show that the Dockerfiles it expects findings on ship. */
export const SHIPPING_WORKFLOW = '.github/workflows/readiness-test-images.yml';

/** `before` and `after` with a workflow that builds each of `dockerfiles`, unchanged between them (so nothing reviews it). */
export function withShippedImages(before: Tree, after: Tree, dockerfiles: readonly string[]): { before: Tree; after: Tree } {
  if (dockerfiles.length === 0) return { before, after };
  const steps = dockerfiles.map((p) => `      - run: docker build -f ${p} .\n`).join('');
  const workflow = `name: images\non: push\njobs:\n  images:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  return { before: { ...before, [SHIPPING_WORKFLOW]: workflow }, after: { ...after, [SHIPPING_WORKFLOW]: workflow } };
}

/** Runs one check over a before/after pair through the real engine (so new-line filtering applies). */
export async function runCheck(check: Check, before: Tree, after: Tree, options?: Record<string, unknown>, repository?: RepositoryName): Promise<Finding[]> {
  const change = memoryChangeSet(before, after);
  if (repository) change.repository = repository;
  const result = await review(change, [check], options ? { checkOptions: { [check.id]: options } } : {});
  const checkErrors = result.errors.filter((e) => e.message.startsWith(`check ${check.id} failed`));
  if (checkErrors.length) throw new Error(checkErrors.map((e) => e.message).join('\n'));
  return result.findings;
}

export function testCheck(check: Check, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  describe(check.id, () => {
    it('has no duplicate case names', () => expect(duplicate).toBeUndefined());
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const findings = await runCheck(check, c.before ?? {}, c.after, c.options, c.repository);
        expect(findings.map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        expect(c.findings.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
        const expectedPaths = c.findings.map((e) => e.path ?? Object.keys(c.after)[0]!);
        const shipped = check.deployedImages && c.shipped !== false ? [...new Set(expectedPaths.filter(isDockerfile))] : [];
        const trees = withShippedImages(c.before ?? {}, c.after, shipped);
        const findings = await runCheck(check, trees.before, trees.after, c.options, c.repository);
        expect(findings.map((f) => `${f.path}:${f.line}`), 'reported lines').toEqual(
          c.findings.map((e) => `${e.path ?? Object.keys(c.after)[0]}:${e.line}`),
        );
        c.findings.forEach((e, i) => {
          const f = findings[i]!;
          if (e.endLine !== undefined) expect(f.endLine).toBe(e.endLine);
          if (e.messageId !== undefined) expect(f.messageId, 'message id').toBe(e.messageId);
          if (e.messageId !== undefined) expect(Object.keys(check.messages)).toContain(e.messageId);
          if (e.data !== undefined) expect(f.data, 'message data').toMatchObject(e.data);
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (e.message !== undefined) expect(f.message).toMatch(e.message);
          if (e.title !== undefined) expect(f.title).toMatch(e.title);
          if (e.remediation !== undefined) expect(f.remediation).toMatch(e.remediation);
          if (e.suggestion === null) expect(f.suggestion).toBeUndefined();
          else if (e.suggestion !== undefined) expect(f.suggestion).toBe(e.suggestion);
          expect(f.message).not.toMatch(/\{\{/);
          expect(f.remediation.length).toBeGreaterThan(0);
          expect(f.fingerprint).toMatch(/^[0-9a-f]{20}$/);
        });
      });
    }
  });
}
