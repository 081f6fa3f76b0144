// Machine-readable report: {"version":1,"base","head","findings":[…],"errors":[…]}.
import type { Finding, ReviewError } from '../model/finding.js';

export function renderJson(input: { base: string; head: string; findings: Finding[]; errors: ReviewError[] }): string {
  return JSON.stringify({ version: 1, base: input.base, head: input.head, findings: input.findings, errors: input.errors }, null, 2) + '\n';
}
