// Every check is registered, sorted, documented and tested; a new check cannot ship without them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';

const root = new URL('../../', import.meta.url);
const checkFiles = readdirSync(new URL('checks/', root)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));

describe('check registry', () => {
  it('lists every check file, and only those', () => {
    expect(checks.map((c) => c.id).sort()).toEqual([...checkFiles].sort());
  });
  it('is sorted by id', () => {
    const ids = checks.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
  });
  for (const check of checks) {
    describe(check.id, () => {
      it('has a page with the required sections', () => {
        const page = new URL(`checks/${check.id}.md`, root);
        expect(existsSync(page), `checks/${check.id}.md`).toBe(true);
        const text = readFileSync(page, 'utf8');
        for (const heading of [/^# /m, /^## Why it matters/m, /^## How to fix/m, /^## Examples/m, /^## Options/m]) expect(text).toMatch(heading);
      });
      it('says what it deliberately does not report, and why', () => {
        const text = readFileSync(new URL(`checks/${check.id}.md`, root), 'utf8');
        const section = /^## Not reported\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
        expect(section.trim(), `checks/${check.id}.md needs a "## Not reported" section`).not.toBe("");
        expect(section).toMatch(/because|:/);
      });
      it('has table tests', () => {
        const test = new URL(`test/checks/${check.id}.test.ts`, root);
        expect(existsSync(test), `test/checks/${check.id}.test.ts`).toBe(true);
        expect(readFileSync(test, 'utf8')).toMatch(/testCheck\(/);
      });
      it('derives its docs URL from its id', () => {
        expect(check.docsUrl.endsWith(`/checks/${check.id}.md`)).toBe(true);
      });
      it('has a non-empty remediation and messages', () => {
        expect(check.remediation.trim().length).toBeGreaterThan(20);
        expect(Object.keys(check.messages).length).toBeGreaterThan(0);
      });
    });
  }
});
