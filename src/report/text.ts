// Human-readable report for the terminal: findings grouped by file, colour only on a TTY.
import type { SuppressedFinding } from '../model/finding.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';
import { plainMarkdown } from './plain-markdown.js';

export interface TextReportInput {
  base: string;
  head: string;
  findings: Finding[];
  errors: ReviewError[];
  suppressed?: SuppressedFinding[];
  color: boolean;
  /** A note printed first, e.g. which range was reviewed. */
  note?: string;
}

const CODES: Record<string, string> = { red: '31', yellow: '33', cyan: '36', dim: '2', bold: '1' };

export function renderText({ findings, errors, suppressed = [], color, note }: TextReportInput): string {
  const paint = (style: string, text: string) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const sevStyle: Record<Severity, string> = { failure: 'red', warning: 'yellow', notice: 'cyan' };
  const out: string[] = [];
  if (note) out.push(paint('dim', note), '');
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  for (const [path, list] of byFile) {
    out.push(paint('bold', path));
    for (const f of list) {
      const range = f.endLine > f.line ? `${f.line}-${f.endLine}` : `${f.line}`;
      out.push(`  ${range.padEnd(7)} ${paint(sevStyle[f.severity], f.severity.padEnd(7))}  ${f.title}  ${paint('dim', `[${f.checkId}]`)}`);
      out.push(`          ${f.message}`);
      out.push(paint('dim', `          fingerprint ${f.fingerprint}`));
      for (const l of plainMarkdown(f.remediation).split('\n')) out.push(paint('dim', `          ${l}`.trimEnd()));
      out.push('');
    }
  }
  if (suppressed.length) {
    out.push(paint('bold', 'Suppressed'));
    for (const s of suppressed) out.push(`  ${s.path}:${s.line} [${s.checkId}] ${s.reason ? `"${s.reason}"` : '(no reason given)'} via ${s.suppressedBy === 'comment' ? 'readiness-ignore comment' : '.readinessignore'}`);
    out.push('');
  }
  if (errors.length) {
    out.push(paint('bold', 'Not reviewed'));
    for (const e of errors) out.push(`  ${e.path || '(scan)'}: ${e.message}`);
    out.push('');
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = [`${count('failure')} failure${count('failure') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`, `${count('notice')} notice${count('notice') === 1 ? '' : 's'}`];
  const summary = findings.length === 0 ? 'No findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
  const extra = [suppressed.length ? `${suppressed.length} suppressed` : '', errors.length ? `${errors.length} file${errors.length === 1 ? '' : 's'} not reviewed` : ''].filter(Boolean);
  out.push(`${summary}${extra.length ? `; ${extra.join('; ')}` : ''}.`);
  return out.join('\n') + '\n';
}
