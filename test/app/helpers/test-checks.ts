// Tiny checks for App tests: one of each shape (line findings with suggestions, a whole-file read, a removal).
import { defineCheck, type FindingDraft } from '../../../src/engine/define-check.js';

const UNSAFE = /^(\w+) = unsafe$/;

/** Flags each run of consecutive added `NAME = unsafe` lines as one finding, with an exact suggestion. */
export const unsafeSetting = defineCheck({
  id: 'test-unsafe',
  title: 'Unsafe setting',
  severity: 'failure',
  scope: 'line',
  messages: { unsafe: '{{names}} {{verb}} set to unsafe, which production must never run with.' },
  remediation: 'Set it to safe:\n\n```ini\nNAME = safe\n```',
  async run(ctx) {
    const findings: FindingDraft<'unsafe'>[] = [];
    for (const file of ctx.files()) {
      let run: { start: number; end: number; names: string[] } | null = null;
      const flush = () => {
        if (!run) return;
        findings.push({
          path: file.path,
          line: run.start,
          endLine: run.end,
          messageId: 'unsafe',
          data: { names: run.names.join(', '), verb: run.names.length === 1 ? 'is' : 'are' },
          suggestion: run.names.map((n) => `${n} = safe`).join('\n'),
          key: run.names.join(','),
        });
        run = null;
      };
      for (const added of file.added) {
        const m = UNSAFE.exec(added.text);
        if (m && run && added.line === run.end + 1) {
          run.end = added.line;
          run.names.push(m[1]!);
        } else {
          flush();
          if (m) run = { start: added.line, end: added.line, names: [m[1]!] };
        }
      }
      flush();
    }
    return findings;
  },
});

/** Reads every changed `.ini` file whole and flags `mode = wide-open` wherever it is, in the diff or not. */
export const wideOpenIni = defineCheck({
  id: 'test-ini',
  title: 'Wide-open mode',
  severity: 'failure',
  scope: 'structure',
  messages: { open: 'The service runs in wide-open mode.' },
  remediation: 'Use `mode = closed`.',
  async run(ctx) {
    const findings: FindingDraft<'open'>[] = [];
    for (const file of ctx.files().filter((f) => f.path.endsWith('.ini'))) {
      const content = await ctx.read(file.path);
      content?.text.split('\n').forEach((text, i) => {
        if (text.trim() === 'mode = wide-open') findings.push({ path: file.path, line: i + 1, messageId: 'open', key: 'wide-open' });
      });
    }
    return findings;
  },
});

/** Flags a removed HEALTHCHECK line, anchored on the removed line (a LEFT-side comment). */
export const removedHealthcheck = defineCheck({
  id: 'test-healthcheck',
  title: 'Healthcheck removed',
  severity: 'warning',
  scope: 'structure',
  messages: { removed: 'The image no longer says how to tell it is healthy.' },
  remediation: 'Put the `HEALTHCHECK` back.',
  async run(ctx) {
    const findings: FindingDraft<'removed'>[] = [];
    for (const file of [...ctx.files(), ...ctx.removedFiles()]) {
      for (const removed of file.removed) {
        if (removed.text.startsWith('HEALTHCHECK')) findings.push({ path: file.path, line: 1, baseLine: removed.line, messageId: 'removed', key: 'healthcheck' });
      }
    }
    return findings;
  },
});

export const testChecks = [removedHealthcheck, wideOpenIni, unsafeSetting];
