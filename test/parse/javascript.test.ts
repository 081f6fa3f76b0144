// JavaScript masking (js-tokens underneath): comments and literal contents hidden, code inside a
// template's `${…}` left visible, the file's length and line breaks kept.
import { describe, expect, it } from 'vitest';
import insecureDefaultSecret from '../../checks/insecure-default-secret.js';
import { enclosingFunction, maskJavaScript } from '../../src/parse/javascript.js';
import { runCheck } from '../helpers/check-tester.js';

describe('maskJavaScript', () => {
  it('keeps code inside template substitutions, nested templates included', () => {
    const src = "const u = `${base}/${path ? `p/${path}` : 'none'}`;\n";
    expect(maskJavaScript(src)).toBe("const u = `${base}_${path ? `__${path}` : '____'}`;\n");
  });

  it('hides comments and string, template and regular-expression contents, and tells a regex from a division', () => {
    const src = "const r = /ab'c/g; // it's\nconst d = a / 2 / 3; /* x\ny */ const s = 'it\\'s';\n";
    const masked = maskJavaScript(src);
    expect(masked).toBe("const r = /____/g;        \nconst d = a / 2 / 3;     \n     const s = '_____';\n");
    expect(masked.length).toBe(src.length);
  });

  it('an unterminated string ends at the line break', () => {
    expect(maskJavaScript("const s = 'open\nconst t = 1;\n")).toBe("const s = '____\nconst t = 1;\n");
  });
});

describe('checks over masked JavaScript', () => {
  it('a default password inside a template substitution is seen (insecure-default-secret)', async () => {
    const db = "const url = `postgres://app:${process.env.DB_PASSWORD || 'changeme'}@db:5432/app`;\nmodule.exports = { url };\n";
    const findings = await runCheck(insecureDefaultSecret, {}, { 'src/db.js': db });
    expect(findings.map((f) => [f.checkId, f.line])).toEqual([['insecure-default-secret', 1]]);
  });
});

describe('enclosingFunction', () => {
  const at = (source: string, marker = 'HERE') => enclosingFunction(maskJavaScript(source), source.indexOf(marker))?.name;
  it.each([
    ['function allowAll(res) {\n  HERE();\n}', 'allowAll'],
    ['exports.allowAll = (res) => {\n  HERE();\n};', 'allowAll'],
    ['const allowAll = async function (res) {\n  HERE();\n};', 'allowAll'],
    ['class A {\n  allowAll(res: Response): void {\n    HERE();\n  }\n}', 'allowAll'],
    ['function setup() {\n  app.get("/x", (req, res) => {\n    if (ok) {\n      const h = { a: HERE };\n    }\n  });\n}', 'setup'],
  ])('finds the function around the marker in %j', (source, name) => {
    expect(at(source)).toBe(name);
  });

  it('finds none at the top level or in an anonymous callback', () => {
    expect(at('if (x) {\n  HERE();\n}')).toBeUndefined();
    expect(at('app.get("/x", (req, res) => {\n  HERE();\n});')).toBeUndefined();
  });
});
