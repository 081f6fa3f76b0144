// Findings never carry the secret: not in the message, title, remediation, suggestion or fingerprint.
import { describe, expect, it } from 'vitest';
import check from '../../checks/secrets.js';
import { splitLines } from '../../src/changeset/content.js';
import { runRule } from '../../src/secrets/detector.js';
import { fileFacts } from '../../src/secrets/rule.js';
import { RULES } from '../../src/secrets/rules/index.js';
import { runCheck } from '../helpers/check-tester.js';

describe('secrets findings are redacted', () => {
  for (const rule of RULES) {
    it(`${rule.id}: no sample secret appears in any finding field`, async () => {
      const files: Record<string, string> = {};
      const secrets: string[] = [];
      rule.tps.forEach((sample, n) => {
        const { text, path } = typeof sample === 'string' ? { text: sample, path: `cases/${n}.txt` } : { text: sample.text, path: `${n}/${sample.path}` };
        files[path] = text.endsWith('\n') ? text : `${text}\n`;
        const file = fileFacts(path, splitLines(text));
        file.lines.forEach((line, index) => {
          for (const c of runRule(rule, { file, index, text: line })) secrets.push(line.slice(c.start, c.end));
        });
      });
      const findings = await runCheck(check, {}, files);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        const shown = [f.message, f.title, f.remediation, f.suggestion ?? '', f.fingerprint].join('\n');
        for (const secret of secrets.filter((s) => s.length >= 8)) expect(shown.includes(secret), `${f.path}:${f.line} shows a secret`).toBe(false);
      }
    });
  }
});
