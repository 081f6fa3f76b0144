// One notion of "this value only stands in for a secret", shared by the secrets check, env-file-committed
// and insecure-default-secret: the values the two old functions disagreed on, and the weak-password option.
import { describe, expect, it } from 'vitest';
import envFileCommitted from '../../checks/env-file-committed.js';
import secrets from '../../checks/secrets.js';
import { describesItself, isLeetStandIn, spellsProjectName, isPlaceholder, isQuantity, isWeakPassword, spellsOwnName } from '../../src/secrets/placeholder.js';
import { ALNUM, ALNUM_LOWER, LETTERS, URLSAFE, gen } from '../../src/secrets/samples.js';
import { runCheck } from '../helpers/check-tester.js';

describe('isPlaceholder', () => {
  // phpMyFAQ's `.env.production.example` and HMCTS's BEFTA acceptance-test data (`[[$CCD_BEFTA_MASTER_CASEWORKER_PWD]]`).
  it.each(['example123', 'fake_password', 'your-api-key-here', '<token>', '${DB_PASSWORD}', 'xxxxxxxx', 'changeme', 'password', 'none', 'TODO', 'set-me', 'CHANGE_THIS_ROOT_PASSWORD_TO_SOMETHING_SECURE', '[[$CCD_BEFTA_MASTER_CASEWORKER_PWD]]'])('%s is a stand-in whatever the options', (value) => {
    expect(isPlaceholder(value)).toBe(true);
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(true);
  });

  it.each(['hunter2', 'postgres', 'admin123', 'letmein', 'Passw0rd1'])('%s is a weak password: a stand-in by default, a value when weak passwords are asked to count', (value) => {
    expect(isWeakPassword(value)).toBe(true);
    expect(isPlaceholder(value)).toBe(true);
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(false);
  });

  it.each(['Zk3v9qLw2pR8', 'hunter2hunter', 'prod-db-7741'])('%s is neither', (value) => {
    expect(isWeakPassword(value)).toBe(false);
    expect(isPlaceholder(value)).toBe(false);
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(false);
  });
});

describe('placeholders in leetspeak', () => {
  it.each(['ch4n63m31fy0uc4n', 'y0ur53cr3t', 's3cr3tp4ssw0rd', 'ch4ng3_m3', '3x4mpl3', 'p4s5w0rd!'])('%s reads back as stand-in words', (value) => {
    expect(isLeetStandIn(value)).toBe(true);
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(true);
  });

  it.each(['a3f9c1d2e8b7', 'k9xs3cr3tq7', 'pr0d-db-7741', 'm3', 'Ch4n63m3Xq9', 'k9xs3cr3tq7!', 'p4s5w0rd!x'])('%s does not: a value with digits stays a value', (value) => {
    expect(isLeetStandIn(value)).toBe(false);
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(false);
  });

  it('the secrets check leaves a leetspeak placeholder in an env template alone and still reports a random value', async () => {
    const random = ['k9x', 's3cr', '3tq7', 'w2zr', '8hv4', 'pl0m'].join('');
    const findings = await runCheck(secrets, {}, { 'docker/php/env.example': `SECRET=ch4n63m31fy0uc4n\nAPP_SECRET=${random}\n` });
    expect(findings.map((f) => f.line)).toEqual([2]);
  });
});

describe('the checks agree on stand-ins', () => {
  // The old env-file notion took these for real values while the secrets check took them for stand-ins.
  const env = 'API_TOKEN=example123\nDB_PASSWORD=fake_password\n';

  it('env-file-committed finds no real value in an env file of stand-ins (a warning, not a failure)', async () => {
    // A per-machine override is the one env file reported without credentials.
    const findings = await runCheck(envFileCommitted, {}, { '.env.local': env });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[1, 'warning']]);
  });

  it('the secrets check reports none of them either', async () => {
    expect(await runCheck(secrets, {}, { '.env.production': env })).toEqual([]);
  });

  it('a weak password is still a value to env-file-committed, though the secrets check leaves it to insecure-default-secret', async () => {
    const weak = 'DB_PASSWORD=hunter2\n';
    expect((await runCheck(envFileCommitted, {}, { '.env.production': weak })).map((f) => f.severity)).toEqual(['failure']);
    expect(await runCheck(secrets, {}, { '.env.production': weak })).toEqual([]);
  });
});

describe('placeholders written as words that describe the value', () => {
  // Assembled at run time like every sample: the words are what the tests are about.
  const words = (...w: string[]) => w.join('');
  it.each([words('some', 'Random', 'String', 'With', '32', 'Characters'), words('Some', 'Random', 'String'), 'a-long-random-string', 'at_least_32_characters', 'your-long-secure-password', 'Random String 64 Chars'])(
    '%s describes what goes there',
    (value) => {
      expect(describesItself(value)).toBe(true);
      expect(isPlaceholder(value, { weakPasswords: false })).toBe(true);
    },
  );

  it.each(['CorrectHorseBatteryStaple', 'prod-db-7741', 'Zk3v9qLw2pR8', words('some', 'Random', 'String', 'k9Qz', 'T4vW', 'p2Lr')])('%s does not', (value) => {
    expect(describesItself(value)).toBe(false);
  });

  it('no random token reads as such words, whatever its alphabet', () => {
    for (const alphabet of [ALNUM, LETTERS, ALNUM_LOWER, URLSAFE]) {
      for (let i = 0; i < 500; i++) {
        const token = gen([alphabet, 8 + (i % 40)]);
        expect(describesItself(token), token).toBe(false);
        expect(spellsOwnName('SECRET_KEY', token), token).toBe(false);
      }
    }
  });
});

describe('values made only of words that name the slot', () => {
  // beszel's Helm README: an example Secret whose base64 value decodes to `token-value`.
  it.each(['token-value', 'secret_value', 'apiKeyValue', 'the-secret-key', 'your.api.key'])('%s names the slot', (value) => {
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(true);
  });

  it.each(['acme-prod-token', 'tokenvalue', 'token-k9Qz7', 'secret-2024-rotation'])('%s does not', (value) => {
    expect(isPlaceholder(value, { weakPasswords: false })).toBe(false);
  });

  it('no random token is taken for one', () => {
    for (const alphabet of [ALNUM, LETTERS, ALNUM_LOWER, URLSAFE]) {
      for (let i = 0; i < 500; i++) {
        const token = gen([alphabet, 8 + (i % 40)]);
        expect(isPlaceholder(`token-${token}`, { weakPasswords: false }), token).toBe(false);
      }
    }
  });
});

describe('values that spell their own key', () => {
  it.each([
    ['SECRET_KEY', ['taiga', 'secret', 'key'].join('-')],
    ['JWT_SECRET', ['jwt', 'secret'].join('_')],
    ['RABBITMQ_ERLANG_COOKIE', ['secret', 'erlang', 'cookie'].join('-')],
    ['sessionSecret', ['my', 'Session', 'Secret'].join('')],
  ])('%s=%s names the slot', (name, value) => {
    expect(spellsOwnName(name, value)).toBe(true);
  });

  it.each([
    ['SECRET_KEY', ['horse', 'battery', 'staple'].join('-')],
    ['JWT_SECRET', ['jwt', 'secret', '9147'].join('-')],
    ['SECRET_KEY', ['acme', 'prod', 'secret', 'key'].join('-')],
    ['PASSWORD', 'password'],
  ])('%s=%s does not', (name, value) => {
    expect(spellsOwnName(name, value)).toBe(false);
  });
});

describe('quantities', () => {
  it.each(['60/min', '500/month', '10000/min', '15m', '500ms', '1h', '10MB', '512k', '7 days'])('%s is a rate, duration or size', (value) => {
    expect(isQuantity(value)).toBe(true);
  });
  it.each(['123456', 'hunter2', '60min-token', 'm15'])('%s is not', (value) => {
    expect(isQuantity(value)).toBe(false);
  });
});

describe('spellsProjectName', () => {
  it('reads a value as the project name, plainly or in leetspeak', () => {
    expect(spellsProjectName(['m1', 'cr0', 'b1n'].join(''), 'microbin')).toBe(true);
    expect(spellsProjectName('Micro-Bin', 'microbin')).toBe(true);
    expect(spellsProjectName(['m1', 'cr0', 'b1n', '2'].join(''), 'microbin')).toBe(false);
    expect(spellsProjectName('app1', 'app')).toBe(false);
  });
});
