// GitHub Actions workflow commands and files: annotations on stdout, the job summary and step outputs.
import { appendFileSync } from 'node:fs';
import type { Finding, Severity } from '../model/finding.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { failure: 'error', warning: 'warning', notice: 'notice' };

/** `::error file=…,line=…::message`: an annotation the runner attaches to the job (and to the diff when the line is in it). */
export function annotationCommand(f: Finding): string {
  const props = [`file=${escapeProperty(f.path)}`, `line=${f.line}`, `endLine=${f.endLine}`, `title=${escapeProperty(`${f.title} [${f.checkId}]`)}`].join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
}

/** Appends `name=value` lines to $GITHUB_OUTPUT (single-line values only). */
export function setOutputs(file: string | undefined, outputs: Record<string, string | number>): void {
  if (!file) return;
  appendFileSync(file, Object.entries(outputs).map(([k, v]) => `${k}=${String(v).replace(/\n/g, ' ')}\n`).join(''));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The job summary: the outcome, then one table row per finding (at most 100), then the files not reviewed. */
export function jobSummary(input: { title: string; conclusion: string; findings: readonly Finding[]; errors: readonly { path: string; message: string }[]; notes: readonly string[]; fileUrl?: (f: Finding) => string }): string {
  const out = [`## Production readiness: ${input.title}`, '', `Conclusion: **${input.conclusion}**`, ''];
  for (const note of input.notes) out.push(`> ${note}`, '');
  if (input.findings.length > 0) {
    out.push('| Severity | Where | Check | Finding |', '| --- | --- | --- | --- |');
    for (const f of input.findings.slice(0, 100)) {
      const where = `${f.path}:${f.line}`;
      out.push(`| ${f.severity} | ${input.fileUrl ? `[${cell(where)}](${input.fileUrl(f)})` : cell(where)} | \`${f.checkId}\` | ${cell(`**${f.title}**: ${f.message}`)} |`);
    }
    if (input.findings.length > 100) out.push('', `…and ${input.findings.length - 100} more (see the SARIF file or the check run).`);
    out.push('');
  }
  if (input.errors.length > 0) {
    out.push('Not reviewed:', '');
    for (const e of input.errors) out.push(`- \`${e.path || '(review)'}\`: ${e.message}`);
    out.push('');
  }
  return out.join('\n');
}
