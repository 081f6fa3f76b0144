// Renders a review as a check run: conclusion, title, markdown summary within GitHub's limit, and annotations.
import type { FailOn } from '../config/config.js';
import { blocks } from '../engine/pipeline.js';
import type { Check } from '../engine/define-check.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';
import { severityRank } from '../model/finding.js';

export const CHECK_RUN_NAME = 'Production readiness';
/** GitHub rejects a check-run summary longer than 65,535 characters. */
export const SUMMARY_LIMIT = 65_535;
/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;

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
  conclusion: 'success' | 'failure';
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
  /** Paths removed by the change: annotations cannot point into them. */
  removedPaths?: ReadonlySet<string>;
  /** Sentences shown above the findings (partial review, comments left out, review not posted). */
  notes?: readonly string[];
  filesReviewed: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function isBlocking(finding: Finding, failOn: FailOn): boolean {
  return blocks([finding], failOn);
}

/** "2 blocking findings · 1 warning" or "No blocking findings · 2 warnings". */
export function checkRunTitle(findings: readonly Finding[], failOn: FailOn): string {
  const blocking = findings.filter((f) => isBlocking(f, failOn));
  const rest = findings.filter((f) => !isBlocking(f, failOn));
  const parts = [blocking.length === 0 ? 'No blocking findings' : plural(blocking.length, 'blocking finding')];
  for (const severity of ['failure', 'warning', 'notice'] as const) {
    const n = rest.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(plural(n, severity));
  }
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

function findingSection(finding: Finding, input: CheckRunInput): string {
  const range = finding.endLine > finding.line ? `lines ${finding.line}-${finding.endLine}` : `line ${finding.line}`;
  const where = input.removedPaths?.has(finding.path) ? range : `[${range}](${lineUrl(input.repositoryUrl, input.headSha, finding)})`;
  return [
    `- **${finding.severity}** ${where}: **${finding.title}** (\`${finding.checkId}\`)  `,
    `  ${finding.message}`,
    '',
    '  <details><summary>How to fix</summary>',
    '',
    ...finding.remediation.split('\n').map((l) => (l ? `  ${l}` : '')),
    '',
    '  </details>',
    '',
  ].join('\n');
}

/**
 * Builds the summary section by section and stops before the limit, ending with a note that says how
 * many findings were left out (they remain in the annotations).
 */
function summary(input: CheckRunInput): string {
  const { findings, errors, checks } = input;
  const head: string[] = [`Reviewed ${plural(input.filesReviewed, 'changed file')} at ${input.headSha.slice(0, 7)} with ${plural(checks.length, 'check')}.`, ''];
  for (const note of input.notes ?? []) head.push(`> ${note}`, '');
  if (findings.length > 0) head.push(checkTable(findings, checks), '');
  else head.push('No findings.', '');

  const sections: string[] = [];
  let currentPath: string | null = null;
  for (const f of findings) {
    let text = '';
    if (f.path !== currentPath) {
      currentPath = f.path;
      text += `### \`${f.path}\`\n\n`;
    }
    sections.push(text + findingSection(f, input));
  }
  if (errors.length > 0) {
    sections.push(['### Not reviewed', '', ...errors.map((e) => `- ${e.path ? `\`${e.path}\`` : '(review)'}: ${e.message}`), ''].join('\n'));
  }

  let out = head.join('\n') + '\n';
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const reserve = 400;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    if (bytes(out) + bytes(section) + reserve > SUMMARY_LIMIT) {
      const left = findings.length - Math.min(i, findings.length);
      const note =
        left > 0
          ? `\n---\n**Summary truncated** at GitHub's 65,535-character limit: ${plural(left, 'more finding')} ${left === 1 ? 'is' : 'are'} not shown here; every finding is in the annotations.\n`
          : `\n---\n**Summary truncated** at GitHub's 65,535-character limit: the list of files not reviewed is cut short.\n`;
      return out + note;
    }
    out += section + '\n';
  }
  return out;
}

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
  return {
    conclusion: blocks([...input.findings], input.failOn) ? 'failure' : 'success',
    title: checkRunTitle(input.findings, input.failOn),
    summary: summary(input),
    annotations: input.findings.filter((f) => !input.removedPaths?.has(f.path)).map(annotationFor),
  };
}
