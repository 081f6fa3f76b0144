// Every regex in the detector must stay linear: adversarial 200 KB lines (long runs of token characters,
// repeated prefixes and operators) finish well inside a bound so generous it cannot flake.
import { describe, expect, it } from 'vitest';
import { scanTextForSecrets } from '../../src/secrets/detector.js';
import { RULES } from '../../src/secrets/rules/index.js';

const SIZE = 200_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** Every literal-looking keyword of the table, repeated: each rule's prefix runs against every other position. */
const keywordSoup = repeat(RULES.flatMap((r) => r.keywords).join('a1'));

const ADVERSARIAL: Record<string, string> = {
  'base64 run': repeat('aB3+/9zQ'),
  'word characters': repeat('a'),
  'repeated key=': repeat('key='),
  'repeated password: ': repeat('password: '),
  'user:password@ chains': repeat('a:a:') + '@',
  'URL userinfo without a host': 'https://' + repeat('a:b'),
  'eyJ segments': repeat('eyJa-'),
  'dotted eyJ': repeat('eyJhbGciOiJIUzI1NiJ9.'),
  'Slack dashes': 'xoxb-' + repeat('1-'),
  'AKIA repeated': repeat('AKIA'),
  'PEM headers': repeat('-----BEGIN '),
  'quotes': repeat('"a'),
  'quoted base64': '"' + repeat('Zm9vYmFy'),
  'curl flags': 'curl ' + repeat('-u a'),
  'curl headers': 'curl ' + repeat('-H "Authorization: '),
  'connection string': 'Server=x;' + repeat('Password='),
  'XML elements': repeat('<password>'),
  'keyed identifiers': repeat('cloudflare_'),
  'spaces after colon': 'kind: Secret\ndata:\n  key:' + repeat(' ') + 'x',
  'keyword soup': keywordSoup,
};

const BOUND_MS = 5_000;

describe('detector on adversarial input', () => {
  for (const [name, line] of Object.entries(ADVERSARIAL)) {
    for (const path of ['config.txt', 'app.py', 'k8s/secret.yaml', '.env']) {
      it(`${name} in ${path} finishes within ${BOUND_MS / 1000} s`, () => {
        const started = performance.now();
        scanTextForSecrets(`${line}\n${line}\n`, path);
        expect(performance.now() - started).toBeLessThan(BOUND_MS);
      });
    }
  }
});
