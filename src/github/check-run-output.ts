// Renders a review as a check run: conclusion, title, markdown summary within GitHub's limit, and annotations.
import { CONFIG_PATH, type FailOn, type OnError } from '../config/config.js';
import { blocks } from '../engine/pipeline.js';
import type { Check } from '../engine/define-check.js';
import type { ProposedIgnore } from '../engine/suppressions.js';
import type { SuppressedFinding } from '../model/finding.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';
import { SEVERITIES, severityRank } from '../model/finding.js';
import { compareBySeverity } from '../engine/review.js';
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

/** How many findings are shown where on the pull request: a comment, an annotation, both, or neither (a removed file). */
export interface FindingPlacements {
  commentOnly: number;
  annotationOnly: number;
  both: number;
  neither: number;
}

/** What a cut summary leaves out, counted: what its closing note says. */
export interface SummaryOmission {
  findings: number;
  blocking: number;
  bySeverity: Record<Severity, number>;
  /** Check id to count, sorted by count then id. */
  byCheck: Array<[string, number]>;
  placements: FindingPlacements;
  notReviewed: number;
  proposedIgnores: number;
  suppressed: number;
}

export interface CheckRunOutput {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  /** Most severe first, so the first batch (sent with the completion) holds the failures. */
  annotations: Annotation[];
  /** Where every finding is shown. */
  placements: FindingPlacements;
  /** Set when the summary was cut at GitHub's limit. */
  omitted?: SummaryOmission;
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
  /** Fingerprints of the findings with an inline review comment on this push's diff (posted now or still open from before). */
  commented?: ReadonlySet<string>;
  /** Annotate commented findings too (`review.annotate_commented`); by default they are not, so each shows once. */
  annotateCommented?: boolean;
  /** The pull request's base commit, for the command that reproduces the review locally. */
  baseSha?: string;
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
    `- **${finding.severity}** \`${finding.path}\` ${where(finding, input)}: **${finding.title}** (\`${finding.checkId}\`)  `,
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

type Section = { kind: 'finding'; finding: Finding; text: string } | { kind: 'error' | 'suppressed' | 'proposed'; text: string };

const isCommented = (finding: Finding, input: CheckRunInput) => input.commented?.has(finding.fingerprint) ?? false;
const isAnnotated = (finding: Finding, input: CheckRunInput) => !input.removedPaths?.has(finding.path) && (input.annotateCommented === true || !isCommented(finding, input));

/** Counts the findings by where the pull request shows them. */
export function findingPlacements(findings: readonly Finding[], input: CheckRunInput): FindingPlacements {
  const counts: FindingPlacements = { commentOnly: 0, annotationOnly: 0, both: 0, neither: 0 };
  for (const f of findings) {
    const commented = isCommented(f, input);
    const annotated = isAnnotated(f, input);
    counts[commented && annotated ? 'both' : commented ? 'commentOnly' : annotated ? 'annotationOnly' : 'neither']++;
  }
  return counts;
}

/** "30 have an inline review comment, 318 are annotated on their lines, 2 are in removed files (neither)". */
function placementParts(p: FindingPlacements): string[] {
  const parts: string[] = [];
  if (p.commentOnly > 0) parts.push(`${p.commentOnly} ${p.commentOnly === 1 ? 'has' : 'have'} an inline review comment`);
  if (p.both > 0) parts.push(`${p.both} ${p.both === 1 ? 'has' : 'have'} an inline review comment and an annotation`);
  if (p.annotationOnly > 0) parts.push(`${p.annotationOnly} ${isAre(p.annotationOnly)} annotated on ${p.annotationOnly === 1 ? 'its line' : 'their lines'}`);
  if (p.neither > 0) parts.push(`${p.neither} ${isAre(p.neither)} in removed files, which can carry neither`);
  return parts;
}

function placementLine(p: FindingPlacements): string {
  return `Where the findings are: ${placementParts(p).join('; ')}.`;
}

/** The command that runs this review locally, with nothing left out. */
function reproduceCommand(input: CheckRunInput): string {
  const base = input.baseSha ? `--base "$(git merge-base ${input.baseSha} ${input.headSha})" ` : '';
  return `npx readiness scan ${base}--head ${input.headSha}`;
}

function omission(left: readonly Section[], input: CheckRunInput): SummaryOmission {
  const findings = left.flatMap((s) => (s.kind === 'finding' ? [s.finding] : []));
  const bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, findings.filter((f) => f.severity === sev).length])) as Record<Severity, number>;
  const checks = new Map<string, number>();
  for (const f of findings) checks.set(f.checkId, (checks.get(f.checkId) ?? 0) + 1);
  const count = (kind: Section['kind']) => left.filter((s) => s.kind === kind).length;
  return {
    findings: findings.length,
    blocking: findings.filter((f) => isBlocking(f, input.failOn)).length,
    bySeverity,
    byCheck: [...checks].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)),
    placements: findingPlacements(findings, input),
    notReviewed: count('error'),
    proposedIgnores: count('proposed'),
    suppressed: count('suppressed'),
  };
}

/** Says exactly what a cut summary leaves out, where those findings are, and how to get the full list. */
function truncationNote(left: SummaryOmission, input: CheckRunInput): string {
  const lines = ["**Summary truncated** at GitHub's 65,535-character limit. Not listed above:", ''];
  if (left.findings > 0) {
    const severities = SEVERITIES.filter((sev) => left.bySeverity[sev] > 0).map((sev) => plural(left.bySeverity[sev], sev));
    const blocking = left.blocking > 0 ? ` (${left.blocking} blocking)` : '';
    lines.push(`- ${plural(left.findings, 'finding')}${blocking}: ${severities.join(', ')}; by check: ${left.byCheck.map(([id, n]) => `\`${id}\` ${n}`).join(', ')}.`);
    lines.push(`  Of these, ${placementParts(left.placements).join('; ')}.`);
  }
  if (left.notReviewed > 0) lines.push(`- ${left.notReviewed} ${left.notReviewed === 1 ? 'entry' : 'entries'} of "Not reviewed"`);
  if (left.proposedIgnores > 0) lines.push(`- ${plural(left.proposedIgnores, 'proposed suppression')}`);
  if (left.suppressed > 0) lines.push(`- ${plural(left.suppressed, 'suppressed finding')}`);
  lines.push('', `To see everything, run the same review locally in a clone that has both commits: \`${reproduceCommand(input)}\` (add \`--format sarif\` for SARIF).`);
  return lines.join('\n');
}

/**
 * Builds the summary item by item and stops before the limit, ending with a note that counts what was
 * left out. Blocking findings come first (they decide the conclusion), then what was not reviewed, then
 * the other findings by severity, the proposed suppressions and the suppressed findings.
 */
function summary(input: CheckRunInput): { text: string; omitted?: SummaryOmission } {
  const { findings, errors, checks } = input;
  const suppressed = input.suppressed ?? [];
  const head: string[] = [`Reviewed ${plural(input.filesReviewed, 'changed file')} at ${input.headSha.slice(0, 7)} with ${plural(checks.length, 'check')}.`];
  if (input.settingsFrom) head.push(settingsLine(input.settingsFrom));
  head.push('');
  for (const note of input.notes ?? []) head.push(`> ${note}`, '');
  if (input.proposedConfigProblems?.length) head.push(proposedConfigSection(input.proposedConfigProblems, 'This review uses the settings on the base branch. Merged as it is, the new file would fail every review until it is fixed:'));
  if (findings.length > 0) {
    head.push(checkTable(findings, checks), '');
    head.push(placementLine(findingPlacements(findings, input)), '');
    head.push('To silence a finding that is safe, add its fingerprint to `.readinessignore` with a comment saying why, or put a `readiness-ignore: <check-id> <reason>` comment on its line.', '');
  } else head.push('No findings.', '');

  const ordered = [...findings].sort(compareBySeverity);
  const blocking = ordered.filter((f) => isBlocking(f, input.failOn));
  const rest = ordered.filter((f) => !isBlocking(f, input.failOn));
  const findingSections = (list: readonly Finding[], heading: string): Section[] =>
    list.map((finding, i) => ({ kind: 'finding', finding, text: (i === 0 ? heading : '') + findingSection(finding, input) }));

  const sections: Section[] = findingSections(blocking, `### Blocking findings (${blocking.length})\n\nAt or above \`fail_on: ${input.failOn}\`: these fail the check run.\n\n`);
  if (errors.length > 0) {
    const lead = errors.some((e) => e.incomplete) ? `${notReviewedLead(input.onError ?? 'failure')}\n\n` : '';
    errors.forEach((e, i) => sections.push({ kind: 'error', text: (i === 0 ? `### Not reviewed\n\n${lead}` : '') + `- ${e.path ? `\`${e.path}\`` : '(review)'}: ${e.message}\n` }));
  }
  sections.push(...findingSections(rest, `### ${blocking.length > 0 ? 'Other findings' : 'Findings'} (${rest.length})\n\n${input.failOn === 'never' ? '`fail_on: never`: none fails' : `Below \`fail_on: ${input.failOn}\`: none fails`} the check run.\n\n`));
  const proposed = input.proposedIgnores ?? [];
  proposed.forEach((p, i) => {
    const what = p.finding ? `would silence **${p.finding.title}** (\`${p.finding.checkId}\`) in \`${p.finding.path}\` ${where(p.finding, input)}, which is still reported` : 'matches no finding of this push';
    const heading = i === 0 ? `### Proposed suppressions (${proposed.length})\n\nEntries this pull request adds to \`.readinessignore\`. Only the base branch's file silences findings, so these apply after merge, once reviewers have accepted them.\n\n` : '';
    sections.push({ kind: 'proposed', text: `${heading}- \`${p.fingerprint}\` ${what}; reason given: ${p.reason ? cell(p.reason) : 'none'}\n` });
  });
  suppressed.forEach((f, i) => {
    const heading = i === 0 ? `### Suppressed (${suppressed.length})\n\nSilenced findings are neither annotated nor commented on. Each shows the reason given for it.\n\n` : '';
    sections.push({ kind: 'suppressed', text: heading + suppressedSection(f, input) });
  });

  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const texts = sections.map((section, i) => {
    // Findings and suppressed findings stand apart; one-line items (not reviewed, proposed) close their list with a blank line.
    const oneLine = section.kind === 'error' || section.kind === 'proposed';
    return !oneLine || sections[i + 1]?.kind !== section.kind ? `${section.text}\n` : section.text;
  });
  const start = head.join('\n') + '\n';
  let used = bytes(start);
  let shown = 0;
  while (shown < sections.length && used + bytes(texts[shown]!) <= SUMMARY_LIMIT) used += bytes(texts[shown++]!);
  if (shown === sections.length) return { text: start + texts.join('') };
  // Cut: drop items until the note about everything left out fits too (GitHub counts characters; bytes are never fewer).
  for (;;) {
    const omitted = omission(sections.slice(shown), input);
    const note = `\n---\n${truncationNote(omitted, input)}\n`;
    if (used + bytes(note) <= SUMMARY_LIMIT || shown === 0) return { text: start + texts.slice(0, shown).join('') + note, omitted };
    used -= bytes(texts[--shown]!);
  }
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
  const { text, omitted } = summary(input);
  return {
    conclusion,
    title: invalidProposal ? `Invalid ${CONFIG_PATH} in this pull request · ${title}` : title,
    summary: text,
    annotations: [...input.findings].sort(compareBySeverity).filter((f) => isAnnotated(f, input)).map(annotationFor),
    placements: findingPlacements(input.findings, input),
    ...(omitted ? { omitted } : {}),
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
  return { conclusion: 'failure', title: `Invalid ${input.problems[0]?.file ?? CONFIG_PATH}`, summary: summary.join('\n'), annotations: [], placements: { commentOnly: 0, annotationOnly: 0, both: 0, neither: 0 } };
}
