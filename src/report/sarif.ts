// SARIF 2.1.0 for code scanning: one rule per check (its page as help), one result per finding, suppressed ones included.
import type { CheckMeta as Check } from '../model/check.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { failure: 'error', warning: 'warning', notice: 'note' };

/**
 * How code scanning should class each check. A `security-severity` (CVSS-like, 0.0–10.0) makes the
 * alert a security alert ranked critical (≥ 9), high (≥ 7), medium (≥ 4) or low; the CWE tags name the weakness.
 * Checks about reliability carry no security-severity, so they stay ordinary code-quality alerts.
 */
const CLASSIFICATION: Record<string, { securitySeverity?: string; tags: string[] }> = {
  secrets: { securitySeverity: '9.0', tags: ['security', 'secrets', 'external/cwe/cwe-798'] },
  'insecure-default-secret': { securitySeverity: '7.5', tags: ['security', 'secrets', 'external/cwe/cwe-1188', 'external/cwe/cwe-798'] },
  'env-file-committed': { securitySeverity: '7.5', tags: ['security', 'secrets', 'external/cwe/cwe-538'] },
  'committed-database': { securitySeverity: '6.5', tags: ['security', 'external/cwe/cwe-538'] },
  'cors-wildcard': { securitySeverity: '6.5', tags: ['security', 'external/cwe/cwe-942'] },
  'debug-mode': { securitySeverity: '6.5', tags: ['security', 'external/cwe/cwe-489', 'external/cwe/cwe-215'] },
  'container-root-user': { securitySeverity: '5.0', tags: ['security', 'external/cwe/cwe-250'] },
  'dev-server': { tags: ['reliability'] },
  'healthcheck-missing': { tags: ['reliability'] },
  'healthcheck-removed': { tags: ['reliability'] },
  'unpinned-dependency': { tags: ['reliability', 'supply-chain'] },
};

export interface SuppressedResult extends Finding {
  suppressedBy: 'comment' | 'ignore-file';
  reason: string;
}

export interface SarifInput {
  findings: Finding[];
  errors: ReviewError[];
  /** Findings silenced by a readiness-ignore comment or .readinessignore; emitted with `suppressions`. */
  suppressed?: SuppressedResult[];
  checks: readonly Check[];
  version: string;
  /** A check's page (checks/<id>.md) as Markdown, or null when it is not at hand. */
  helpMarkdown?: (checkId: string) => string | null;
  /** `runs[0].automationDetails.id`: "<category>/<run>"; code scanning keeps one set of alerts per category. */
  automationId?: string;
}

/** A repository-relative path as a URI reference: each segment percent-encoded (`#`, `%`, spaces, non-ASCII). */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The page's first paragraph after the heading and the severity line: what the check finds, in a few sentences. */
function firstParagraph(markdown: string): string | null {
  const paragraphs = markdown.split(/\n\s*\n/).map((p) => p.trim());
  const text = paragraphs.find((p) => p !== '' && !p.startsWith('#') && !/^\*\*Severity:\*\*/.test(p));
  return text ? text.replace(/\s*\n\s*/g, ' ') : null;
}

const pascal = (id: string) => id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase());

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: Record<string, unknown>;
}

function ruleFor(check: Pick<Check, 'id' | 'title' | 'severity' | 'docsUrl'>, page: string | null): Rule {
  const summary = (page && firstParagraph(page)) ?? `${check.title}: see ${check.docsUrl}`;
  const { securitySeverity, tags } = CLASSIFICATION[check.id] ?? { tags: [] };
  return {
    id: check.id,
    name: pascal(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: summary === check.title ? `${summary} (${check.docsUrl})` : summary },
    helpUri: check.docsUrl,
    help: page ? { text: page, markdown: page } : { text: `${summary} See ${check.docsUrl}`, markdown: `${summary}\n\nSee [the check's page](${check.docsUrl}).` },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { tags: ['production-readiness', ...tags], ...(securitySeverity ? { 'security-severity': securitySeverity } : {}), precision: 'high' },
  };
}

/** A rule for a result no check declares (the engine's own notices, such as a readiness-ignore without a reason). */
function ruleFromFinding(f: Finding): Rule {
  return {
    id: f.checkId,
    name: pascal(f.checkId),
    shortDescription: { text: f.title },
    fullDescription: { text: `${f.title}: reported by the review engine itself rather than by a check.` },
    help: { text: f.remediation, markdown: f.remediation },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { tags: ['production-readiness'] },
  };
}

export function renderSarif(input: SarifInput): string {
  const suppressed = input.suppressed ?? [];
  const rules: Rule[] = input.checks.map((c) => ruleFor(c, input.helpMarkdown?.(c.id) ?? null));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of [...input.findings, ...suppressed]) {
    if (index.has(f.checkId)) continue;
    index.set(f.checkId, rules.length);
    rules.push(ruleFromFinding(f));
  }
  // A fingerprint names what is wrong, not where: the same secret on three lines shares one. Code
  // scanning would fold those into one alert, so each repeat gets its occurrence number.
  const seen = new Map<string, number>();
  const uniqueFingerprint = (f: Finding) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f.fingerprint : `${f.fingerprint}:${n}`;
  };
  const location = (f: Finding) => ({ physicalLocation: { artifactLocation: { uri: pathToUri(f.path), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, endLine: f.endLine } } });
  const result = (f: Finding) => ({
    ruleId: f.checkId,
    ruleIndex: index.get(f.checkId)!,
    level: LEVEL[f.severity],
    message: { text: `${f.title}: ${f.message}`, markdown: `**${f.title}**: ${f.message}\n\n${f.remediation}` },
    locations: [location(f)],
    // The same problem in other files, which this result stands for (CheckMeta.acrossFiles).
    ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => ({ id: i, ...location({ ...f, path: r.path, line: r.line, endLine: r.line }), message: { text: 'The same problem' } })) } : {}),
    partialFingerprints: { 'readinessFingerprint/v1': uniqueFingerprint(f) },
    ...(f.suggestion !== undefined
      ? {
          fixes: [
            {
              description: { text: 'Suggested replacement' },
              artifactChanges: [
                {
                  artifactLocation: { uri: pathToUri(f.path), uriBaseId: '%SRCROOT%' },
                  replacements: [{ deletedRegion: { startLine: f.line, endLine: f.endLine }, insertedContent: { text: f.suggestion + '\n' } }],
                },
              ],
            },
          ],
        }
      : {}),
  });
  const ordered = [...input.findings].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const results = [
    ...ordered.map(result),
    ...suppressed.map((s) => ({
      ...result(s),
      suppressions: [{ kind: s.suppressedBy === 'comment' ? ('inSource' as const) : ('external' as const), status: 'accepted' as const, ...(s.reason ? { justification: s.reason } : {}) }],
    })),
  ];
  const notifications = input.errors.map((e) => ({
    level: 'warning',
    message: { text: `${e.path || 'scan'}: ${e.message}` },
    ...(e.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(e.path), uriBaseId: '%SRCROOT%' } } }] } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'readiness-review', informationUri: 'https://github.com/readiness-review/readiness-review', version: input.version, rules } },
        automationDetails: { id: input.automationId ?? 'readiness-review/' },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
