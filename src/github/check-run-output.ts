// Renders a review as a check run: conclusion, title, markdown summary within GitHub's limit, and annotations.
import { CONFIG_PATH, type FailOn, type OnError } from '../config/config.js';
import { blocks } from '../engine/pipeline.js';
import type { Check } from '../engine/define-check.js';
import type { ProposedIgnore } from '../engine/suppressions.js';
import type { SuppressedFinding } from '../model/finding.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { SourcedConfigProblem } from './repository-config.js';

export const CHECK_RUN_NAME = 'Production readiness';
/** GitHub rejects a check-run summary longer than 65,535 characters. */
export const SUMMARY_LIMIT = 65_535;
/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const CONFIGURATION_DOCS_URL = 'https://github.com/readiness-review/readiness-review/blob/main/docs/configuration.md';

export type { FailOn };

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: Severity;
  title: string;
  message: string;
}

export interface CheckRunOutput {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: Annotation[];
}

export interface CheckRunInput {
  findings: readonly Finding[];
  errors: readonly ReviewError[];
  checks: readonly Check[];
  /** Base for links to head-SHA lines, e.g. https://github.com/octo/app */
  repositoryUrl: string;
  headSha: string;
  failOn: FailOn;
  /** Conclusion when something was not reviewed (`on_error`); default failure. */
  onError?: OnError;
  /** Paths removed by the change: annotations cannot point into them. */
  removedPaths?: ReadonlySet<string>;
  /** Sentences shown above the findings (partial review, comments left out, review not posted). */
  notes?: readonly string[];
  filesReviewed: number;
  /** Findings silenced by `readiness-ignore` comments or `.readinessignore`: listed, never annotated. */
  suppressed?: readonly SuppressedFinding[];
  /** `.readinessignore` entries the pull request adds: listed, never applied to it. */
  proposedIgnores?: readonly ProposedIgnore[];
  /** The configuration files the settings came from, the repository's own first; empty for the built-in defaults. */
  settingsFrom?: readonly string[];
  /** Problems in the configuration file as this pull request changes it: they fail the check run. */
  proposedConfigProblems?: readonly SourcedConfigProblem[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function isBlocking(finding: Finding, failOn: FailOn): boolean {
  return blocks([finding], failOn);
}

/** "2 blocking findings · 1 warning" or "No blocking findings · 2 warnings · 1 suppressed". */
export function checkRunTitle(findings: readonly Finding[], failOn: FailOn, suppressed = 0): string {
  const blocking = findings.filter((f) => isBlocking(f, failOn));
  const rest = findings.filter((f) => !isBlocking(f, failOn));
  const parts = [blocking.length === 0 ? 'No blocking findings' : plural(blocking.length, 'blocking finding')];
  for (const severity of ['failure', 'warning', 'notice'] as const) {
    const n = rest.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(plural(n, severity));
  }
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.join(' · ');
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function lineUrl(repositoryUrl: string, sha: string, finding: Pick<Finding, 'path' | 'line' | 'endLine'>): string {
  const range = finding.endLine > finding.line ? `#L${finding.line}-L${finding.endLine}` : `#L${finding.line}`;
  return `${repositoryUrl}/blob/${sha}/${encodePath(finding.path)}${range}`;
}

/** Keeps text on one table row: pipes and newlines would break the markdown table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function checkTable(findings: readonly Finding[], checks: readonly Check[]): string {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const counts = new Map<string, Finding[]>();
  for (const f of findings) counts.set(f.checkId, [...(counts.get(f.checkId) ?? []), f]);
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
  const lines = ['| Check | Findings | Severity |', '| --- | ---: | --- |'];
  for (const [id, list] of rows) {
    const check = byId.get(id);
    const name = check ? `[${cell(check.title)}](${check.docsUrl}) \`${id}\`` : `\`${id}\``;
    const severities = [...new Set(list.map((f) => f.severity))].sort((a, b) => severityRank(b) - severityRank(a));
    lines.push(`| ${name} | ${list.length} | ${severities.join(', ')} |`);
  }
  return lines.join('\n');
}

function where(finding: Finding, input: CheckRunInput): string {
  const range = finding.endLine > finding.line ? `lines ${finding.line}-${finding.endLine}` : `line ${finding.line}`;
  return input.removedPaths?.has(finding.path) ? range : `[${range}](${lineUrl(input.repositoryUrl, input.headSha, finding)})`;
}

function findingSection(finding: Finding, input: CheckRunInput): string {
  return [
    `- **${finding.severity}** ${where(finding, input)}: **${finding.title}** (\`${finding.checkId}\`)  `,
    `  ${finding.message}  `,
    `  Fingerprint: \`${finding.fingerprint}\``,
    '',
    '  <details><summary>How to fix</summary>',
    '',
    ...finding.remediation.split('\n').map((l) => (l ? `  ${l}` : '')),
    '',
    '  </details>',
    '',
  ].join('\n');
}

const isAre = (n: number) => (n === 1 ? 'is' : 'are');

/** Where the review's settings came from, so reviewers know which policy judged the change. */
function settingsLine(files: readonly string[]): string {
  if (files.length === 0) return `Settings: the built-in defaults (there is no \`${CONFIG_PATH}\` on the base branch).`;
  const [own, ...inherited] = files;
  const chain = inherited.length > 0 ? `, inheriting ${inherited.map((f) => `\`${f}\``).join(', which inherits ')}` : '';
  return `Settings: \`${own}\` on the base branch${chain}.`;
}

/** Configuration problems shown at most; a file with more has a bigger problem than any list shows. */
const MAX_CONFIG_PROBLEMS = 50;

/** One line per problem: the file, the line when known, the setting and what is wrong with it. */
export function configProblemList(problems: readonly SourcedConfigProblem[]): string {
  const lines = problems.slice(0, MAX_CONFIG_PROBLEMS).map((p) => `- \`${p.file}\`${p.line ? ` line ${p.line}` : ''}: ${p.path === '(file)' ? '' : `\`${p.path}\` `}${cell(p.message)}`);
  if (problems.length > MAX_CONFIG_PROBLEMS) lines.push(`- and ${plural(problems.length - MAX_CONFIG_PROBLEMS, 'more problem')}`);
  return lines.join('\n');
}

/** The problems of the configuration file as the pull request changes it. */
function proposedConfigSection(problems: readonly SourcedConfigProblem[], lead: string): string {
  return [
    `### \`${CONFIG_PATH}\` in this pull request is invalid`,
    '',
    lead,
    '',
    configProblemList(problems),
    '',
  ].join('\n');
}

function suppressedSection(finding: SuppressedFinding, input: CheckRunInput): string {
  const how = finding.suppressedBy === 'comment' ? 'a `readiness-ignore` comment' : '`.readinessignore`';
  const reason = finding.reason ? `: ${cell(finding.reason)}` : ', with no reason given';
  return [
    `- \`${finding.path}\` ${where(finding, input)}: **${finding.title}** (\`${finding.checkId}\`, ${finding.severity})  `,
    `  Suppressed by ${how}${reason}  `,
    `  Fingerprint: \`${finding.fingerprint}\``,
    '',
  ].join('\n');
}

type SectionKind = 'finding' | 'error' | 'suppressed' | 'proposed';

/** What the truncation note says was left out. */
function truncationNote(left: Record<SectionKind, number>): string {
  const limit = "**Summary truncated** at GitHub's 65,535-character limit";
  if (left.finding > 0) {
    const alsoSuppressed = left.suppressed > 0 ? ` (and ${left.suppressed} suppressed)` : '';
    return `${limit}: ${plural(left.finding, 'more finding')}${alsoSuppressed} ${isAre(left.finding)} not shown here; every finding is in the annotations.`;
  }
  if (left.error > 0) return `${limit}: the list of files not reviewed is cut short.`;
  if (left.proposed > 0) return `${limit}: the proposed \`.readinessignore\` entries are not shown here.`;
  return `${limit}: ${plural(left.suppressed, 'more suppressed finding')} ${isAre(left.suppressed)} not shown here.`;
}

/**
 * Builds the summary section by section and stops before the limit, ending with a note that says what
 * was left out (findings remain in the annotations). Findings come first, then the files not reviewed,
 * then the suppressed findings.
 */
function summary(input: CheckRunInput): string {
  const { findings, errors, checks } = input;
  const suppressed = input.suppressed ?? [];
  const head: string[] = [`Reviewed ${plural(input.filesReviewed, 'changed file')} at ${input.headSha.slice(0, 7)} with ${plural(checks.length, 'check')}.`];
  if (input.settingsFrom) head.push(settingsLine(input.settingsFrom));
  head.push('');
  for (const note of input.notes ?? []) head.push(`> ${note}`, '');
  if (input.proposedConfigProblems?.length) head.push(proposedConfigSection(input.proposedConfigProblems, 'This review uses the settings on the base branch. Merged as it is, the new file would fail every review until it is fixed:'));
  if (findings.length > 0) {
    head.push(checkTable(findings, checks), '');
    head.push('To silence a finding that is safe, add its fingerprint to `.readinessignore` with a comment saying why, or put a `readiness-ignore: <check-id> <reason>` comment on its line.', '');
  } else head.push('No findings.', '');

  const sections: Array<{ kind: SectionKind; text: string }> = [];
  let currentPath: string | null = null;
  for (const f of findings) {
    let text = '';
    if (f.path !== currentPath) {
      currentPath = f.path;
      text += `### \`${f.path}\`\n\n`;
    }
    sections.push({ kind: 'finding', text: text + findingSection(f, input) });
  }
  if (errors.length > 0) {
    const lead = errors.some((e) => e.incomplete) ? [notReviewedLead(input.onError ?? 'failure'), ''] : [];
    sections.push({ kind: 'error', text: ['### Not reviewed', '', ...lead, ...errors.map((e) => `- ${e.path ? `\`${e.path}\`` : '(review)'}: ${e.message}`), ''].join('\n') });
  }
  const proposed = input.proposedIgnores ?? [];
  if (proposed.length > 0) {
    const rows = proposed.map((p) => {
      const what = p.finding ? `would silence **${p.finding.title}** (\`${p.finding.checkId}\`) in \`${p.finding.path}\` ${where(p.finding, input)}, which is still reported` : 'matches no finding of this push';
      return `- \`${p.fingerprint}\` ${what}; reason given: ${p.reason ? cell(p.reason) : 'none'}`;
    });
    sections.push({
      kind: 'proposed',
      text: [`### Proposed suppressions (${proposed.length})`, '', 'Entries this pull request adds to `.readinessignore`. Only the base branch\'s file silences findings, so these apply after merge, once reviewers have accepted them.', '', ...rows, ''].join('\n'),
    });
  }
  suppressed.forEach((f, i) => {
    const heading = i === 0 ? `### Suppressed (${suppressed.length})\n\nSilenced findings are neither annotated nor commented on. Each is listed here with the reason given for it.\n\n` : '';
    sections.push({ kind: 'suppressed', text: heading + suppressedSection(f, input) });
  });

  let out = head.join('\n') + '\n';
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const reserve = 400;
  for (let i = 0; i < sections.length; i++) {
    if (bytes(out) + bytes(sections[i]!.text) + reserve > SUMMARY_LIMIT) {
      const left: Record<SectionKind, number> = { finding: 0, error: 0, suppressed: 0, proposed: 0 };
      for (const s of sections.slice(i)) left[s.kind]++;
      return out + `\n---\n${truncationNote(left)}\n`;
    }
    out += sections[i]!.text + '\n';
  }
  return out;
}

/** Why an incomplete review does not pass, and how to get a full one. */
export function notReviewedLead(onError: OnError): string {
  const verdict =
    onError === 'neutral'
      ? 'Parts of this change were not reviewed; `on_error: neutral` in the base branch\'s configuration makes that neutral (GitHub counts it as passing).'
      : 'This check fails because parts of this change were not reviewed: it passes only when every changed file was reviewed by every enabled check.';
  return `${verdict} ${RERUN_HINT}`;
}

export const RERUN_HINT = 'To try again, use **Re-run** on this check (Checks tab of the pull request) or push a new commit; a file too large to read, or more than 3,000 changed files, needs a smaller change or a review with the CLI (`npx readiness scan`).';

/** Something a check needed went unreviewed. */
export const isIncomplete = (errors: readonly ReviewError[]) => errors.some((e) => e.incomplete);

export function annotationFor(finding: Finding): Annotation {
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: finding.endLine,
    annotation_level: finding.severity,
    title: `${finding.title} (${finding.checkId})`,
    message: `${finding.message}\n\nHow to fix:\n${finding.remediation}`,
  };
}

export function checkRunOutput(input: CheckRunInput): CheckRunOutput {
  let title = checkRunTitle(input.findings, input.failOn, input.suppressed?.length ?? 0);
  const invalidProposal = (input.proposedConfigProblems?.length ?? 0) > 0;
  const unreviewed = input.errors.filter((e) => e.incomplete);
  if (unreviewed.length > 0) title = `Not fully reviewed (${plural(unreviewed.length, 'problem')}) · ${title}`;
  const conclusion = invalidProposal || blocks([...input.findings], input.failOn) ? 'failure' : unreviewed.length > 0 ? (input.onError ?? 'failure') : 'success';
  return {
    conclusion,
    title: invalidProposal ? `Invalid ${CONFIG_PATH} in this pull request · ${title}` : title,
    summary: summary(input),
    annotations: input.findings.filter((f) => !input.removedPaths?.has(f.path)).map(annotationFor),
  };
}

export interface InvalidConfigInput {
  problems: readonly SourcedConfigProblem[];
  baseSha: string;
  notes?: readonly string[];
  /** Problems of the file as the pull request changes it, when it does. */
  proposedConfigProblems?: readonly SourcedConfigProblem[];
}

/**
 * The check run for a base branch whose configuration is invalid: a failure that lists every problem,
 * with nothing reviewed, since a review run with part of its settings could pass what they exist to stop.
 */
export function invalidConfigOutput(input: InvalidConfigInput): CheckRunOutput {
  const summary = [
    `The configuration on the base branch (${input.baseSha.slice(0, 7)}) is invalid, so nothing was reviewed:`,
    '',
    configProblemList(input.problems),
    '',
    `Fix it and re-run this check; every pull request to this branch fails until then. Every setting is described in the [configuration reference](${CONFIGURATION_DOCS_URL}).`,
    '',
  ];
  for (const note of input.notes ?? []) summary.push(`> ${note}`, '');
  if (input.proposedConfigProblems?.length) summary.push(proposedConfigSection(input.proposedConfigProblems, 'Merging this pull request would not fix the configuration: the new file has problems too:'));
  return { conclusion: 'failure', title: `Invalid ${input.problems[0]?.file ?? CONFIG_PATH}`, summary: summary.join('\n'), annotations: [] };
}
