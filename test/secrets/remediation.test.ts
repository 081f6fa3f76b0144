// The fix a finding proposes must be one a reader can apply: the variable it names, and its grammar.
import { describe, expect, it } from 'vitest';
import check, { article } from '../../checks/secrets.js';
import { ALNUM, BASE32, BASE64, gen } from '../../src/secrets/samples.js';
import { runCheck } from '../helpers/check-tester.js';

const aws = gen('AKIA', [BASE32, 16]);

async function only(after: Record<string, string>) {
  const findings = await runCheck(check, {}, after);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe('secrets remediation', () => {
  it('a pydantic field names the field, not its type annotation', async () => {
    const f = await only({ 'app/config.py': `import os\nfrom pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    aws_access_key_id: str = "${aws}"\n` });
    expect(f.remediation).toContain('os.environ["AWS_ACCESS_KEY_ID"]');
    expect(f.remediation).not.toMatch(/\bSTR\b|str = os\.environ/);
    expect(f.suggestion).toBe('    aws_access_key_id: str = os.environ["AWS_ACCESS_KEY_ID"]');
  });

  it('an Optional[...] annotation in TypeScript-like or Python code is skipped too', async () => {
    const f = await only({ 'app/config.py': `class Settings:\n    api_token: Optional[str] = "${gen([ALNUM, 32])}"\n` });
    expect(f.remediation).toContain('os.environ["API_TOKEN"]');
    expect(f.remediation).not.toMatch(/\bOPTIONAL\b/);
  });

  it('an ODBC password is read into a password variable, never into PWD (the working directory)', async () => {
    const f = await only({ 'src/db.py': `conn_str = "DRIVER={ODBC Driver 17 for SQL Server};SERVER=db.internal;UID=app;PWD=${gen([ALNUM, 14])};"\n` });
    expect(f.remediation).not.toMatch(/\bPWD\b/);
    expect(f.remediation).toContain('os.environ["DB_PASSWORD"]');
  });

  it('a password in a URL reads the whole URL from the variable that holds it, not from the user name', async () => {
    const f = await only({ 'src/settings.py': `DATABASE_URL = "postgres://app:${gen([ALNUM, 18])}@db.internal:5432/app"\n` });
    expect(f.remediation).toContain('os.environ["DATABASE_URL"]');
    expect(f.remediation).not.toMatch(/os\.environ\["APP"\]/);
  });

  it('says "An" before initialisms that start with a vowel sound', async () => {
    const npm = await only({ '.github/workflows/ci.yml': `env:\n  NPM_TOKEN: ${gen('npm_', [ALNUM, 36])}\n` });
    expect(npm.message).toMatch(/^An npm access token/);
    const rsa = await only({ 'deploy/key.pem': `-----BEGIN RSA PRIVATE KEY-----\n${gen([BASE64, 64])}\n${gen([BASE64, 64])}\n-----END RSA PRIVATE KEY-----\n` });
    expect(rsa.message).toMatch(/^An RSA private key/);
  });

  it.each([
    ['npm access token', 'An'],
    ['RSA private key', 'An'],
    ['SSH key', 'An'],
    ['HMAC secret', 'An'],
    ['xAI API key', 'An'],
    ['AWS access key ID', 'An'],
    ['OpenAI API key', 'An'],
    ['URL password', 'A'],
    ['one-time password', 'A'],
    ['Slack token', 'A'],
    ['SendGrid API key', 'A'],
    ['NuGet feed password', 'A'],
    ['JSON Web Token', 'A'],
    ['PyPI upload token', 'A'],
  ])('%s takes "%s"', (words, expected) => {
    expect(article(words)).toBe(expected);
  });
});
