// A test double for engine, configuration and suppression tests: flags added lines that contain a word.
import { defineCheck, type Check } from '../../src/engine/define-check.js';
import type { Severity } from '../../src/model/finding.js';

export interface WordCheckOptions {
  word: string;
  pattern?: string;
}

/** A check (not a product check) reporting each added line that contains `options.word` (default `word`). */
export function wordCheck(id: string, word: string, severity: Severity = 'warning', title = `${word} left`): Check {
  return defineCheck({
    id,
    title,
    severity,
    scope: 'line',
    messages: { found: 'found {{word}} in {{path}}' },
    remediation: `Remove ${word} before merging.`,
    defaultOptions: { word },
    optionsSchema: { type: 'object', additionalProperties: false, properties: { word: { type: 'string' }, pattern: { type: 'string', format: 'regex' } } },
    async run(ctx, options: WordCheckOptions) {
      return ctx.files().flatMap((f) =>
        f.added.filter((l) => l.text.includes(options.word)).map((l) => ({ path: f.path, line: l.line, messageId: 'found' as const, data: { word: options.word, path: f.path }, key: l.text })),
      );
    },
  });
}
