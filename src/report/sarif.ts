// SARIF 2.1.0 for code-scanning uploads: one rule per check with its page, one result per finding.
import type { Check } from '../engine/define-check.js';
import type { Finding, ReviewError, Severity } from '../model/finding.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { failure: 'error', warning: 'warning', notice: 'note' };

export function renderSarif(input: { findings: Finding[]; errors: ReviewError[]; checks: readonly Check[]; version: string }): string {
  const rules = input.checks.map((c) => ({
    id: c.id,
    name: c.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.title },
    fullDescription: { text: c.title },
    helpUri: c.docsUrl,
    help: { text: `${c.title}. See ${c.docsUrl}`, markdown: `${c.title}. See [the check's page](${c.docsUrl}).` },
    defaultConfiguration: { level: LEVEL[c.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = input.findings.map((f) => ({
    ruleId: f.checkId,
    ruleIndex: index.get(f.checkId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: `${f.title}: ${f.message}`, markdown: `**${f.title}**: ${f.message}\n\n${f.remediation}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, endLine: f.endLine } } }],
    partialFingerprints: { 'readinessFingerprint/v1': f.fingerprint },
    ...(f.suggestion !== undefined
      ? {
          fixes: [
            {
              description: { text: 'Suggested replacement' },
              artifactChanges: [
                {
                  artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' },
                  replacements: [{ deletedRegion: { startLine: f.line, endLine: f.endLine }, insertedContent: { text: f.suggestion + '\n' } }],
                },
              ],
            },
          ],
        }
      : {}),
  }));
  const notifications = input.errors.map((e) => ({
    level: 'warning',
    message: { text: `${e.path || 'scan'}: ${e.message}` },
    ...(e.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: e.path, uriBaseId: '%SRCROOT%' } } }] } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'readiness-review', informationUri: 'https://github.com/readiness-review/readiness-review', version: input.version, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
