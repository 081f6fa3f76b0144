// Machine-readable report: {"version":1,"base","head","findings":[…],"errors":[…]}.
import type { SuppressedFinding } from '../model/finding.js';
import type { Finding, ReviewError } from '../model/finding.js';

export function renderJson(input: { base: string; head: string; findings: Finding[]; errors: ReviewError[]; suppressed?: SuppressedFinding[] }): string {
  const out = { version: 1, base: input.base, head: input.head, findings: input.findings, errors: input.errors, suppressed: input.suppressed ?? [] };
  return JSON.stringify(out, null, 2) + '\n';
}
