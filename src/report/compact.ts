// Compact terminal report: one `path:line: severity [check] title` line per finding, the offending line under it.
import type { SuppressedFinding } from '../model/finding.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';
import { plainMarkdown } from './plain-markdown.js';

export interface CompactReportInput {
  findings: Finding[];
  errors: ReviewError[];
  suppressed?: SuppressedFinding[];
  /** Head lines by `path:line`, secrets already masked; a finding whose line is missing shows none. */
  excerpts: ReadonlyMap<string, string>;
  /** Print each finding's remediation under it. */
  remediation?: boolean;
  note?: string;
}

export const excerptKey = (path: string, line: number) => `${path}:${line}`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderCompact({ findings, errors, suppressed = [], excerpts, remediation = false, note }: CompactReportInput): string {
  const out: string[] = [];
  if (note) out.push(note);
  for (const f of findings) {
    out.push(`${f.path}:${f.line}: ${f.severity} [${f.checkId}] ${f.title}: ${f.message}`);
    const width = String(f.endLine).length;
    for (let n = f.line; n <= Math.min(f.endLine, f.line + 2); n++) {
      const text = excerpts.get(excerptKey(f.path, n));
      if (text !== undefined) out.push(`  ${String(n).padStart(width)} | ${text}`);
    }
    if (f.endLine > f.line + 2) out.push(`  ${' '.repeat(width)} | … (${f.endLine - f.line - 2} more lines)`);
    if (remediation) for (const l of plainMarkdown(f.remediation).split('\n')) out.push(`    ${l}`.trimEnd());
  }
  for (const e of errors) out.push(`${e.path || '(scan)'}: not reviewed: ${e.message}`);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = [plural(count('failure'), 'failure'), plural(count('warning'), 'warning'), plural(count('notice'), 'notice')];
  const extra = [suppressed.length ? `${suppressed.length} suppressed` : '', errors.length ? `${plural(errors.length, 'file')} not reviewed` : ''].filter(Boolean);
  out.push(`${findings.length === 0 ? 'No findings' : `${plural(findings.length, 'finding')}: ${parts.join(', ')}`}${extra.length ? `; ${extra.join('; ')}` : ''}.`);
  return out.join('\n') + '\n';
}
