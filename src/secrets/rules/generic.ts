// The generic secret rules, last so that provider formats win a line: secret-named assignments, URLs and high-entropy strings.
import { HIGH_ENTROPY_MIN_LENGTH, findAssignments, findHighEntropyStrings, namesASecret } from '../generic.js';
import type { SecretRule } from '../rule.js';
import { ALNUM, BASE64, DIGITS, HEX, gen } from '../samples.js';
import { env, py, uuid } from './helpers.js';

export const GENERIC_RULES: readonly SecretRule[] = [
  {
    id: 'generic-secret-assignment',
    kind: 'secret',
    description:
      'Literals assigned to secret-named keys (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_API_KEY`, `credentials`, `auth`) in code, YAML, JSON, `.env`, properties, ini, shell, XML elements and attributes, and command-line flags.',
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'cred', '_pat'],
    find: findAssignments,
    continues: namesASecret,
    generic: true,
    tps: [
      env('DB_PASSWORD', gen([HEX, 22])),
      py('generic_api_token', gen([ALNUM, 32])),
      `"client_secret" : "${gen([HEX, 64])}",`,
      `utils.GetEnvOrDefault("api_token", "${uuid()}")`,
      { text: `<password>${gen([ALNUM, 8], '!', [DIGITS, 3])}</password>\n`, path: 'settings.xml' },
      { text: `- name: API_TOKEN\n  value: "${gen([ALNUM, 30])}"\n`, path: 'k8s/deploy.yaml' },
      { text: `deploy-cli --api-key ${gen([ALNUM, 32])} --region eu\n`, path: 'deploy.sh' },
    ],
    fps: [
      'report_access_id: e8e4df51-2054-49b0-ab1c-516ac95c691d',
      'this.ultraPictureBox1.Name = "ultraPictureBox1";',
      'apiUrl=apigee.corpint.com',
      'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
      "schemaKey = 'DOC_Vector_5_32'",
      'const keyStr = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"',
      'key_length = XSalsa20.key_length',
      'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
      "    access_token_url='https://github.com/login/oauth/access_token',",
      'GITHUB_API_KEY=\nDYNATRACE_API_KEY=\n',
      'PuttyPassword=0',
      "SUPER_SECRET_VALUE = 'this is just a long string, like a user facing error message'",
      { text: 'password = os.environ["DB_PASSWORD"]\n', path: 'settings.py' },
      { text: 'const password = process.env.DB_PASSWORD;\n', path: 'src/db.js' },
      { text: 'DB_PASSWORD=changeme\n', path: '.env' },
      { text: 'password: ${DB_PASSWORD}\n', path: 'config.yaml' },
      { text: 'token: "%s"\n', path: 'config.yaml' },
      // A constant whose value is its own name: an enum of event types, a lookup key.
      { text: 'export enum EventType {\n  GUARDRAIL_PASS = "GUARDRAIL_PASS",\n  GUARDRAIL_FAIL = "GUARDRAIL_FAIL",\n}\n', path: 'src/types.ts' },
      { text: "ERR_PASSWORD_CONFIRMATION = 'ERR_PASSWORD_CONFIRMATION'\n", path: 'app/errors.py' },
      // A key id fetched from a public keyserver names a public key.
      { text: `RUN gpg --keyserver pgp.mit.edu --recv-keys ${gen([HEX, 16]).toUpperCase()} \\\n  && apt-get update\n`, path: 'Dockerfile' },
      { text: `apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv 0x${gen([HEX, 16])}\n`, path: 'install.sh' },
    ],
  },
  {
    id: 'high-entropy-string',
    kind: 'high-entropy string',
    description: 'Random-looking base64 strings (entropy of at least 4.5 bits per character, mixed case and digits) in string literals and config values, whatever their name.',
    keywords: [],
    minTokenRun: HIGH_ENTROPY_MIN_LENGTH,
    find: findHighEntropyStrings,
    generic: true,
    tps: [`SUPER_SEECRET_VALUE = '${gen([BASE64, 56])}'`, env('mimi', gen([BASE64, 40]))],
    fps: ["REGULAR_VALUE = 'this is just a long string, like a user facing error message'", `integrity = "sha512-${gen([BASE64, 86])}=="`, `image = "iVBORw0KGgo${gen([BASE64, 60])}"`, `"commit": "${gen([HEX, 40])}"`],
  },
];
