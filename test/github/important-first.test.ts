// A generated 150-file pull request with 350 findings (the case): the scarce places go to the most severe findings first.
import { beforeAll, describe, expect, test } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { compareBySeverity, review } from '../../src/engine/review.js';
import { ANNOTATIONS_PER_REQUEST, SUMMARY_LIMIT, checkRunOutput, type Annotation, type CheckRunInput, type CheckRunOutput } from '../../src/github/check-run-output.js';
import { CheckRunReporter } from '../../src/github/check-run-reporter.js';
import type { GitHubApi } from '../../src/github/client.js';
import { MAX_REVIEW_COMMENTS, markerFingerprint, planReview, type ReviewPlan } from '../../src/github/review-comments.js';
import type { ChangeSet } from '../../src/model/change-set.js';
import type { Finding, Severity } from '../../src/model/finding.js';

const pad = (n: number) => String(n).padStart(2, '0');
// Built at run time so no live-looking key sits in the repository.
const stripeKey = (n: number) => ['sk', 'live', `N7xQ2mVb9KpL4tRw8YsE${String(n).padStart(4, '0')}`].join('_');

/**
 * 50 requirements files with 5 unpinned dependencies each (250 warnings), 50 Dockerfiles without a
 * healthcheck (50 notices) and, last in path order, 50 settings files with a committed key (50 failures).
 */
function generatedPullRequest(): Tree {
  const after: Tree = {};
  for (let i = 0; i < 50; i++) after[`app/svc${pad(i)}/requirements.txt`] = ['flask>=2.0', 'requests', 'gunicorn>19', 'celery~=5', 'redis>=4', ''].join('\n');
  for (let i = 0; i < 50; i++) after[`deploy/img${pad(i)}/Dockerfile`] = 'FROM python:3.12-slim\nUSER app\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n';
  for (let i = 0; i < 50; i++) after[`src/zz${pad(i)}/settings.py`] = `import os\nSTRIPE_KEY = "${stripeKey(i)}"\n`;
  return after;
}

const HEAD_SHA = 'abcdef1234567890abcdef1234567890abcdef12';
const BASE_SHA = '1234567890abcdef1234567890abcdef12345678';

let change: ChangeSet;
let findings: Finding[];
let plan: ReviewPlan;
let commented: Set<string>;

const bySeverity = (list: readonly Finding[]) => {
  const counts: Record<Severity, number> = { failure: 0, warning: 0, notice: 0 };
  for (const f of list) counts[f.severity]++;
  return counts;
};

function output(extra: Partial<CheckRunInput> = {}): CheckRunOutput {
  return checkRunOutput({
    findings,
    errors: [],
    checks,
    repositoryUrl: 'https://github.com/octo/app',
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    failOn: 'failure',
    filesReviewed: change.files.length,
    commented,
    ...extra,
  });
}

/** The fingerprints the summary lists, in its order. */
const listed = (summary: string) => [...summary.matchAll(/^ {2}Fingerprint: `([0-9a-f]+)`$/gm)].map((m) => m[1]!);

beforeAll(async () => {
  change = memoryChangeSet({}, generatedPullRequest());
  // The engine's findings before one problem across files is said once (runReview folds the 50 Dockerfiles'
  // notices and the 50 files' same five packages into one finding each): 350 places to fit in scarce room.
  findings = (await review(change, checks)).findings;
  plan = planReview(findings, change.files, new Set(), new Map(checks.map((c) => [c.id, c.docsUrl])));
  commented = new Set(plan.commented.map((f) => f.fingerprint));
});

test('the generated pull request has 150 files and 350 findings, the 50 failures last in path order', () => {
  expect(change.files).toHaveLength(150);
  expect(bySeverity(findings)).toEqual({ failure: 50, warning: 250, notice: 50 });
  expect(findings.findIndex((f) => f.severity === 'failure')).toBe(300);
});

describe('inline comments', () => {
  test('the 30 go to failures, although every failure comes after 300 other findings in path order', () => {
    expect(plan.comments).toHaveLength(MAX_REVIEW_COMMENTS);
    expect(plan.commented.map((f) => [f.checkId, f.severity])).toEqual(Array.from({ length: 30 }, () => ['secrets', 'failure']));
    // The first 30 failures in path order, and the comments read top to bottom.
    expect(plan.commented.map((f) => f.path)).toEqual(Array.from({ length: 30 }, (_, i) => `src/zz${pad(i)}/settings.py`));
    expect(plan.comments.map((c) => markerFingerprint(c.body))).toEqual(plan.commented.map((f) => f.fingerprint));
  });

  test('the rest is over the limit, most severe first, and nothing is off the diff', () => {
    expect(bySeverity(plan.overLimit)).toEqual({ failure: 20, warning: 250, notice: 50 });
    expect(plan.overLimit).toEqual([...plan.overLimit].sort(compareBySeverity));
    expect(plan.offDiff).toEqual([]);
  });
});

describe('annotations', () => {
  test('every finding without an inline comment is annotated, most severe first, and no commented line is annotated again', () => {
    const { annotations, placements } = output();
    expect(annotations).toHaveLength(320);
    expect(placements).toEqual({ commentOnly: 30, annotationOnly: 320, both: 0, neither: 0 });
    const at = (a: { path: string; start_line: number }) => `${a.path}:${a.start_line}`;
    const commentedLines = new Set(plan.commented.map((f) => `${f.path}:${f.line}`));
    expect(annotations.filter((a) => commentedLines.has(at(a)))).toEqual([]);
    expect(annotations.map((a) => a.annotation_level)).toEqual([...Array(20).fill('failure'), ...Array(250).fill('warning'), ...Array(50).fill('notice')]);
  });

  test('review.annotate_commented brings the commented findings back: all 350, the 50 failures in the first batch', () => {
    const { annotations, placements } = output({ annotateCommented: true });
    expect(annotations).toHaveLength(350);
    expect(placements).toEqual({ commentOnly: 0, annotationOnly: 320, both: 30, neither: 0 });
    expect(annotations.slice(0, ANNOTATIONS_PER_REQUEST).every((a) => a.annotation_level === 'failure')).toBe(true);
  });

  test('go to GitHub 50 per request: the completion carries the first 50, updates the other 270', async () => {
    const requests: Array<Record<string, unknown>> = [];
    const api: GitHubApi = {
      request: async <T>(_route: string, params?: Record<string, unknown>) => {
        requests.push(params ?? {});
        return { status: 200, data: {} as T, headers: {} };
      },
      graphql: async <T>() => ({}) as T,
    };
    const out = output();
    await new CheckRunReporter(api, { owner: 'octo', repo: 'app' }).complete(7, out);
    const batches = requests.map((r) => (r.output as { annotations?: Annotation[] }).annotations ?? []);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 50, 50, 50, 50, 20]);
    expect(requests[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(batches.flat()).toEqual(out.annotations);
  });
});

describe('the summary', () => {
  test('is cut under the limit, lists blocking findings first, then the rest by severity', () => {
    const { summary } = output();
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shown = listed(summary);
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.length).toBeLessThan(350);
    expect(shown).toEqual([...findings].sort(compareBySeverity).slice(0, shown.length).map((f) => f.fingerprint));
    expect(summary.indexOf('### Blocking findings (50)')).toBeGreaterThan(0);
    expect(summary.indexOf('### Blocking findings (50)')).toBeLessThan(summary.indexOf('### Other findings (300)'));
  });

  test('says exactly what it left out, by severity and check, where those findings are, and how to get them all', () => {
    const { summary, omitted } = output();
    const shown = new Set(listed(summary));
    const left = findings.filter((f) => !shown.has(f.fingerprint));
    const byCheck = new Map<string, number>();
    for (const f of left) byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? 0) + 1);
    expect(omitted).toEqual({
      findings: left.length,
      blocking: 0,
      bySeverity: bySeverity(left),
      byCheck: [...byCheck].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)),
      // The commented findings are all shown (they are failures): each left out is annotated.
      placements: { commentOnly: 0, annotationOnly: left.length, both: 0, neither: 0 },
      notReviewed: 0,
      proposedIgnores: 0,
      suppressed: 0,
    });
    const counts = bySeverity(left);
    const severities = (['warning', 'notice'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
    const checksLine = omitted!.byCheck.map(([id, n]) => `\`${id}\` ${n}`).join(', ');
    expect(summary).toContain(`- ${left.length} findings: ${severities.join(', ')}; by check: ${checksLine}.\n  Of these, ${left.length} are annotated on their lines.`);
    expect(summary).toContain(`\`npx readiness scan --base "$(git merge-base ${BASE_SHA} ${HEAD_SHA})" --head ${HEAD_SHA}\` (add \`--format sarif\` for SARIF)`);
    expect(summary).not.toMatch(/listed here|every finding is in/i);
  });

  test('with fail_on: warning and every annotation on, blocking findings left out are counted as blocking', () => {
    const { summary, omitted } = output({ failOn: 'warning', annotateCommented: true });
    const shown = new Set(listed(summary));
    const left = findings.filter((f) => !shown.has(f.fingerprint));
    expect(omitted).toMatchObject({ findings: left.length, blocking: left.filter((f) => f.severity !== 'notice').length, bySeverity: bySeverity(left) });
    expect(summary.indexOf('### Blocking findings (300)')).toBeGreaterThan(0);
  });

  test('never holds a secret, nor do the annotations or the comments', () => {
    const out = output();
    const everything = [out.summary, ...out.annotations.flatMap((a) => [a.title, a.message]), ...plan.comments.map((c) => c.body)].join('\n');
    for (let i = 0; i < 50; i++) expect(everything).not.toContain(stripeKey(i));
  });
});
