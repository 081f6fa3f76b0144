// SARIF as code scanning takes it: valid against the official 2.1.0 schema, with rules for every result,
// help from the check pages, security classification, suppressions and one fingerprint per result.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { checkPage } from '../../src/cli/package-root.js';
import type { Finding } from '../../src/model/finding.js';
import { pathToUri, renderSarif, type SuppressedResult } from '../../src/report/sarif.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';

const finding = (over: Partial<Finding>): Finding => ({
  checkId: 'secrets',
  severity: 'failure',
  path: 'app.py',
  line: 1,
  endLine: 1,
  title: 'Secret committed',
  message: 'A token is committed.',
  remediation: 'Revoke it.\n\n```python\nTOKEN = os.environ["TOKEN"]\n```',
  fingerprint: 'fp-secret',
  ...over,
});

interface Log {
  runs: {
    automationDetails: { id: string };
    tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { markdown: string }; properties: { tags: string[]; 'security-severity'?: string } }[] } };
    results: { ruleId: string; ruleIndex: number; partialFingerprints: Record<string, string>; suppressions?: { kind: string; justification?: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

const findings = [
  finding({ path: 'dir/a#b ü.py', line: 3, endLine: 3 }),
  finding({ path: 'config/settings.py', line: 2, endLine: 2 }),
  finding({ path: 'config/settings.py', line: 9, endLine: 9 }),
  finding({ path: 'config/settings.py', line: 14, endLine: 14 }),
  finding({ checkId: 'readiness-ignore', severity: 'notice', title: 'Suppression without a reason', path: 'app.py', line: 4, endLine: 4, fingerprint: 'fp-ignore', suggestion: '# readiness-ignore: secrets test value' }),
  finding({ checkId: 'debug-mode', severity: 'warning', title: 'Debug mode', path: 'app.py', line: 7, endLine: 8, fingerprint: 'fp-debug' }),
  // One problem said once across files (src/engine/across-files.ts): the places it stands for.
  finding({ checkId: 'container-root-user', severity: 'warning', title: 'Container runs as root', path: 'api/Dockerfile', line: 1, endLine: 1, fingerprint: 'fp-root', related: [{ path: 'web ü/Dockerfile', line: 2 }, { path: 'worker/Dockerfile', line: 1 }] }),
];
const suppressed: SuppressedResult[] = [
  { ...finding({ path: 'tests/conftest.py', line: 5, endLine: 5, fingerprint: 'fp-test' }), suppressedBy: 'comment', reason: 'throwaway test value' },
  { ...finding({ checkId: 'committed-database', severity: 'failure', title: 'Database committed', path: 'fixtures/app.db', fingerprint: 'fp-db' }), suppressedBy: 'ignore-file', reason: '' },
];
const text = renderSarif({ findings, errors: [{ path: 'big file.bin', message: 'too large' }], suppressed, checks, version: '1.2.3', helpMarkdown: checkPage, automationId: 'readiness-review/abc123' });
const log = JSON.parse(text) as Log;
const run = log.runs[0]!;

describe('SARIF output', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    expect(sarifSchemaErrors(JSON.parse(text))).toEqual([]);
  });

  it('the validator is not a rubber stamp: unencoded paths and a missing version fail', () => {
    const bad = JSON.parse(text) as Log & { version?: string };
    bad.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'dir/a#b ü.py';
    expect(sarifSchemaErrors(bad).join('\n')).toMatch(/must match format "uri-reference"/);
    delete bad.version;
    expect(sarifSchemaErrors(bad).join('\n')).toMatch(/version/);
  });

  it('gives the places a folded finding stands for as relatedLocations, encoded like its own', () => {
    const result = JSON.parse(text).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'container-root-user');
    expect(result.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'web%20%C3%BC/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, endLine: 2 } }, message: { text: 'The same problem' } },
      { id: 1, physicalLocation: { artifactLocation: { uri: 'worker/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, endLine: 1 } }, message: { text: 'The same problem' } },
    ]);
  });

  it('percent-encodes URIs segment by segment', () => {
    expect(pathToUri('dir/a#b ü.py')).toBe('dir/a%23b%20%C3%BC.py');
    expect(pathToUri('100%/x?.md')).toBe('100%25/x%3F.md');
    expect(run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('dir/a%23b%20%C3%BC.py');
  });

  it('declares a rule for every ruleId, with the right index, including the readiness-ignore notice', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const r of run.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    expect(ids).toContain('readiness-ignore');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes help from the check pages, with a full description distinct from the short one', () => {
    const secrets = run.tool.driver.rules.find((r) => r.id === 'secrets')!;
    expect(secrets.help.markdown).toBe(readFileSync(new URL('../../checks/secrets.md', import.meta.url), 'utf8'));
    for (const rule of run.tool.driver.rules) expect(rule.fullDescription.text).not.toBe(rule.shortDescription.text);
    expect(secrets.fullDescription.text).toMatch(/^Finds credentials that a pull request adds in plain text\./);
  });

  it('classes security checks with security-severity and tags, reliability checks without', () => {
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id)!;
    expect(rule('secrets').properties).toMatchObject({ 'security-severity': '9.0', tags: expect.arrayContaining(['security', 'external/cwe/cwe-798']) });
    expect(rule('debug-mode').properties.tags).toContain('security');
    expect(rule('unpinned-dependency').properties['security-severity']).toBeUndefined();
    expect(rule('unpinned-dependency').properties.tags).toContain('reliability');
    for (const r of run.tool.driver.rules) expect(Number(r.properties['security-severity'] ?? 0)).toBeLessThanOrEqual(10);
  });

  it('emits suppressed findings with their suppression, and gives every result its own fingerprint', () => {
    const bySuppression = run.results.filter((r) => r.suppressions).map((r) => r.suppressions![0]);
    expect(bySuppression).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'throwaway test value' },
      { kind: 'external', status: 'accepted' },
    ]);
    const prints = run.results.map((r) => r.partialFingerprints['readinessFingerprint/v1']);
    expect(prints).toHaveLength(findings.length + suppressed.length);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('names the run for code scanning', () => {
    expect(run.automationDetails.id).toBe('readiness-review/abc123');
  });
});
