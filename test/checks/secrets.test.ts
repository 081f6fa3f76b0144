// Table tests for secrets. Every credential is assembled at run time (see src/secrets/samples.ts) so this
// file never holds one in plain text.
import check from '../../checks/secrets.js';
import { ALNUM, ALNUM_LOWER, BASE32, BASE64, DIGITS, HEX, LETTERS, LOWER, URLSAFE, fill, gen } from '../../src/secrets/samples.js';
import { createHash } from 'node:crypto';
import { testCheck } from '../helpers/check-tester.js';
import { sampleEd25519 } from '../../src/secrets/rules/keys.js';
import { keyAndCertificate } from '../helpers/x509.js';

/** ASP.NET Core Identity's version 2 password hash (a zero byte, a 16-byte salt, a 32-byte subkey), built from digests. */
const identityHashV2 = () => Buffer.concat([Buffer.from([0]), createHash('sha256').update('identity v2 salt').digest().subarray(0, 16), createHash('sha256').update('identity v2 subkey').digest()]).toString('base64');
/** Version 3: a one byte, the PRF, the iteration count and the salt length as big-endian 32-bit numbers, the salt, the subkey. */
function identityHashV3(prf: number, iterations: number): string {
  const header = Buffer.alloc(13);
  header[0] = 1;
  header.writeUInt32BE(prf, 1);
  header.writeUInt32BE(iterations, 5);
  header.writeUInt32BE(16, 9);
  return Buffer.concat([header, createHash('sha256').update('identity v3 salt').digest().subarray(0, 16), createHash('sha256').update('identity v3 subkey').digest()]).toString('base64');
}

const ghp = gen('ghp_', [ALNUM, 36]);
const aws = gen('AKIA', [BASE32, 16]);
const hf = gen('hf_', [LETTERS, 34]);
const stripe = gen('sk_live_', [ALNUM, 40]);
const random = gen([ALNUM, 32]);
/** Bitcoin's Base58 alphabet (no 0, O, I or l): Solana and Bitcoin addresses. */
const BASE58 = ALNUM.replace(/[0OIl]/g, '').split('').sort((a, b) => (a < b ? -1 : 1)).join('');
/** A Solana-style address: the Base58 of 32 bytes derived from `seed` (outside the seeded generator, so other samples keep their values). */
const base58Of = (seed: string) => {
  let n = BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  return out;
};
const hex = gen([HEX, 40]);
const pemBody = [gen([BASE64, 64]), gen([BASE64, 64]), gen([BASE64, 24])].join('\n');
const pem = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----\n`;
const otherPem = `-----BEGIN RSA PRIVATE KEY-----\n${gen([BASE64, 64])}\n-----END RSA PRIVATE KEY-----\n`;
const b64 = Buffer.from(gen([ALNUM, 18])).toString('base64');
/** mkcert's certificate for local HTTPS (issued by its development CA), and a self-signed one for loopback names only. */
const mkcert = keyAndCertificate({ subject: { O: 'mkcert development certificate' }, issuer: { O: 'mkcert development CA' }, names: ['DNS:localhost', 'IP:127.0.0.1'] });
const loopback = keyAndCertificate({ subject: { CN: 'localhost' }, names: ['DNS:localhost', 'DNS:app.localhost', 'IP:127.0.0.1'] });
/**
 * A local stack's test authority: a server certificate for `localhost` and the stack's own names, a client certificate
 * of the same authority without names, and one of the same authority for a public host.
 */
const stackCa = { CN: 'Stack-Test-CA' };
const stackServer = keyAndCertificate({ subject: { CN: 'localhost' }, issuer: stackCa, names: ['DNS:localhost', 'DNS:clickhouse', 'DNS:host.docker.internal', 'IP:127.0.0.1'] });
const stackClient = keyAndCertificate({ subject: { CN: 'app-client' }, issuer: stackCa });
const stackPublic = keyAndCertificate({ subject: { CN: 'db.acme-corp.io' }, issuer: stackCa });
/** The first characters of a key, as docs show them before `...` (a hash, so the seeded samples below stay as they were). */
const keyStart = createHash('sha512').update('key start').digest('base64').replace(/=+$/, '');
/** A certificate for a compose service name alone: nothing says it is a developer's machine. */
const serviceOnly = keyAndCertificate({ subject: { CN: 'clickhouse' }, names: ['DNS:clickhouse'] });
/** Certificates that do not make a key local: one also issued for a public name, one for a public name only. */
const alsoPublic = keyAndCertificate({ subject: { CN: 'localhost' }, names: ['DNS:localhost', 'DNS:api.acme-corp.io'] });
const publicOnly = keyAndCertificate({ subject: { CN: 'api.acme-corp.io' }, names: ['DNS:api.acme-corp.io'] });
const password = gen([ALNUM, 10], '#', [ALNUM, 4]);
/** A JWT with this payload, signed with a random value. */
const jwt = (payload: object) => `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${gen([URLSAFE, 43])}`;
/** An OpenTelemetry collector exporter sending `Authorization: Basic <base64 of login>` (line 5). */
const basicHeader = (login: string) => `exporters:\n  otlp/observe:\n    endpoint: "observe:5081"\n    headers:\n      Authorization: "Basic ${Buffer.from(login).toString('base64')}"\n`;
/** A module (or, stripped of its first and last lines, an env file) of `n` lines, each holding a different random token. */
const manyTokens = (n: number, line: (i: number, value: string) => string) =>
  `export const rows = [\n${Array.from({ length: n }, (_, i) => line(i, gen([ALNUM, 32]))).join('\n')}\n];\n`;
const runnerToken = gen('GR1348941', [URLSAFE, 20]);
/** A vcrpy cassette: the request sends `PRIVATE-TOKEN: <sent>` (line 5), the response body carries `fields` (line 11). */
const cassette = (sent: string, fields: string) =>
  [
    'interactions:',
    '- request:',
    '    body: null',
    '    headers:',
    `      PRIVATE-TOKEN: ${sent}`,
    '    method: GET',
    '    uri: https://gitlab.com/api/v4/projects/1',
    '  response:',
    '    body:',
    `      string: '{"id":1,"archived":true,"name":"demo",`,
    `        ${fields}}'`,
    '    headers:',
    '      Content-Type: application/json',
    '    status:',
    '      code: 200',
    'version: 1',
    '',
  ].join('\n');
/** A README showing a call (`curl … <sent>`, line 4) and then, under `intro`, an answer carrying a cookie `value` (line 12). */
const readmeExample = (sent: string, intro: string, cookie: string) =>
  [
    '# Scraper API',
    '',
    '```sh',
    `curl -H "X-Api-Key: ${sent}" http://localhost:8191/v1`,
    '```',
    '',
    intro,
    '',
    '```json',
    '{',
    '  "cookies": [',
    `    { "name": "NID", "value": "${cookie}", "domain": ".example.com" }`,
    '  ]',
    '}',
    '```',
    '',
  ].join('\n');
const cookieValue = gen([ALNUM, 40]);
/** A WireGuard pre-shared key's shape: the base64 of 32 random bytes. */
const psk = Buffer.from(gen([ALNUM, 32])).toString('base64');
/** A generator's output in a setup doc: the public key (line 2), then the raw private key under its caption (lines 5 and 6). */
const [edPrivate, edPublic] = sampleEd25519();
const keyDoc = `\`\`\`\nPUBLIC KEY (for self-hosted instances):\n${edPublic}\n\nPRIVATE KEY (for the hosted server only):\n${edPrivate}\n\`\`\`\n`;
/** The admin token a chart's demo values file sets. */
const demoToken = gen([BASE64, 64]);
/** The key `django-admin startproject` writes: its prefix, then 50 characters of its alphabet. */
const djangoKey = gen('django-' + 'insecure-', [LOWER + DIGITS + '!@#%^&*(-_=+)', 50]);
/** A TOML configuration under `header` whose commented-out `onboarding_key` sample is on line 8. */
const onboardingKey = createHash('sha256').update('onboarding').digest('base64') + createHash('sha256').update('key').digest('base64').slice(0, 20);
const referenceConfig = (header: string[]) => [...header, '', '## The port the agent listens on.', 'port = 8120', '', '## Make onboarding keys in the server settings.', '## Env: AGENT_ONBOARDING_KEY', `# onboarding_key = "${onboardingKey}"`, ''].join('\n');
/** Fernet keys: the url-safe base64 of 32 bytes. */
const fernet = Buffer.from(gen([ALNUM, 32])).toString('base64url') + '=';
const otherFernet = Buffer.from(gen([ALNUM, 32])).toString('base64url') + '=';
const uuid = gen([HEX, 8], '-', [HEX, 4], '-4', [HEX, 3], '-a', [HEX, 3], '-', [HEX, 12]);

/** Invoice Ninja's root `env` (its MySQL root password on line 10). */
const ninjaRoot = gen([ALNUM, 18]);
const ninjaEnv = ['APP_URL=http://in.localhost:8003', 'APP_DEBUG=true', 'QUEUE_CONNECTION=database', 'DB_HOST=db', 'DB_PORT=3306', 'DB_DATABASE=ninja', 'DB_PASSWORD=ninja', 'MAIL_MAILER=log', 'MAIL_PORT=2525', `MYSQL_ROOT_PASSWORD=${ninjaRoot}`, 'MYSQL_DATABASE=ninja', ''].join('\n');
/** Kutt's env template and the variant set up for its compose stack (hosts changed); the Neo4j password is on line 8. */
const neoPassword = gen([ALNUM, 16]);
const kuttTemplate = ['PORT=3000', 'SITE_NAME=Kutt', 'DB_HOST=localhost', 'DB_PORT=5432', 'DB_NAME=postgres', 'NEO4J_DB_URI=bolt://localhost', 'NEO4J_DB_USERNAME=neo4j', `NEO4J_DB_PASSWORD=${neoPassword}`, 'REDIS_HOST=127.0.0.1', 'REDIS_PORT=6379', 'USER_LIMIT_PER_DAY=50', 'LINK_LENGTH=6', ''].join('\n');
const kuttVariant = kuttTemplate.replace('DB_HOST=localhost', 'DB_HOST=postgres').replace('REDIS_HOST=127.0.0.1', 'REDIS_HOST=redis');
const kuttCompose = (envFile: string) => `services:\n  kutt:\n    image: kutt/kutt:2\n    env_file:\n      - ${envFile}\n`;

testCheck(check, {
  valid: [
    {
      // trackdechets: the read-only Nx Cloud token Nx has workspaces commit.
      name: "Nx Cloud's read-only access token in nx.json",
      after: { 'nx.json': `{\n  "nxCloudAccessToken": "${Buffer.from('e68f3a9c2b7d41f0a5c8e2d9b6f1a3c7' + '|read').toString('base64')}"\n}\n` },
    },
    {
      // apache/iggy's REST-client scratch file: tokens a local login issued, expired since.
      name: 'an expired token in a file whose every address is the local machine',
      after: { 'web/docs/server-api.http': `POST http://localhost:3000/users/login\n\n###\nGET http://localhost:3000/streams\nAuthorization: Bearer ${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1","iat":1700000000,"exp":1700003600}').toString('base64url')}.${'Qm9yZWQ'.repeat(6)}x\n` },
    },
    {
      // GladysAssistant/Gladys a8f98aeccac4 insomnia.json: an Insomnia export against localhost:1443, its token expired in 2019.
      name: 'an expired token in a REST client export whose every address is the local machine',
      after: { 'insomnia.json': `{"_type":"export","__export_format":4,"__export_source":"insomnia.desktop.app:v6.4.1","resources":[{"_type":"environment","data":{"base_url":"http://localhost:1443","bearer_token":"${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"user_id":"1","exp":1557377553}').toString('base64url')}.${'Qm9yZWQ'.repeat(6)}x"}}]}\n` },
    },
    {
      // oauth2-proxy's example: dex's static client secret is base64 of a stand-in, and a pod annotation is the digest of a Secret.
      name: 'a base64-encoded stand-in, and a checksum annotation named for a secret',
      after: {
        'contrib/kubernetes/dex.yaml': `staticClients:\n- id: oauth2-proxy\n  secret: ${Buffer.from('oauth2-proxy-client-secret\n').toString('base64')}\n`,
        'deploy/app.yaml': `spec:\n  template:\n    metadata:\n      annotations:\n        checksum/secret: ${'e3b0c44298fc1c149afbf4c8996fb924'}${'27ae41e4649b934ca495991b7852b855'}\n`,
      },
    },
    {
      // FerretDB's Taskfile: the placeholder user-info of a local test URL was read as `password@127.0.0.1: 47017/…`.
      name: "a URL's user-info and host are not a key and its value",
      after: { 'Taskfile.yml': "tasks:\n  test:\n    cmds:\n      - go test -compat-url='mongodb://username:password@127.0.0.1:47017/?replicaSet=rs0'\n" },
    },
    {
      // FerretDB's vendored Atlas Data API spec: the security schemes' descriptions show each header with an example value.
      name: "an OpenAPI document's description and example values",
      after: {
        'internal/api/openapi.json': [
          '{',
          '  "openapi": "3.1.0",',
          '  "components": {',
          '    "securitySchemes": {',
          '      "Password": { "type": "apiKey", "in": "header", "name": "password",',
          '        "description": "A user\'s password.\\n\\n**Example:** `password: Pa55w0rd!`" },',
          '      "ApiKey": { "type": "apiKey", "in": "header", "name": "apiKey",',
          `        "description": "A server API key.\\n\\n**Example:** \`apiKey: ${'A1g70fN7oKMNCnDR'}${'Neyou20Wd24rD6QNmXWYMPwz0SnDRQRQSYwGPdC3y44aJN3H'}\`" },`,
          '      "Token": { "type": "apiKey", "in": "header", "name": "token",',
          `        "example": "${'q8Xz2LmN4vB7'}${'wK9pR3tY6uE1sD5fG0hJ'}" }`,
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    },
    // letta b8e9a80d93 certs/localhost-key.pem: mkcert's key for local HTTPS to a development server (certs/README.md).
    {
      name: 'a TLS key whose certificate beside it is issued by mkcert or only for localhost and loopback addresses',
      after: {
        'certs/localhost-key.pem': mkcert.key,
        'certs/localhost.pem': mkcert.cert,
        'server/tls/server.key': loopback.key,
        'server/tls/server.crt': loopback.cert,
        'proxy/bundle.pem': `${loopback.cert}${loopback.key}`,
      },
    },
    // supabase/supavisor 3ac3ba70: a mock JIT API server's test cases, one management token edited by hand.
    {
      name: 'three or more values of one format that are hand edits of one another (test cases made from one token)',
      after: {
        'priv/jit/server.py': ['c836', 'c000', '0001', 'aaaa'].map((end, i) => `CASE_${i} = {"auth": "sbp_${i === 3 ? 'aaaa' : '04fe'}${createHash('sha256').update('one token').digest('hex').slice(0, 32)}${i === 3 ? 'c836' : end}"}`).join('\n') + '\n',
      },
    },
    // distribution 2ffa1171c2ef Makefile: the integration tests against Azurite use the key Microsoft publishes for its emulator.
    {
      name: "the account key Azure's storage emulator publishes for devstoreaccount1",
      after: {
        Makefile: `run-azure-tests:\n\tAZURE_STORAGE_ACCOUNT_NAME=devstoreaccount1 \\\n\tAZURE_STORAGE_ACCOUNT_KEY="${['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1', 'OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1', 'SZFPTOtr/KBHBeksoGMGw=='].join('')}" go test ./...\n`,
      },
    },
    // ChatGPTNextWeb/NextChat 2f410fc09f62: the read-aloud client sends the token Edge itself sends.
    {
      name: "Microsoft Edge's read-aloud TrustedClientToken in an edge-tts client",
      after: { 'app/utils/ms_edge_tts.ts': `export class MsEdgeTTS {\n  private static TRUSTED_CLIENT_TOKEN = "${['6A5AA1D4', 'EAFF4E9F', 'B37E23D6', '8491D6F4'].join('')}";\n}\n` },
    },
    // zentral 2dae1267 conf/start/docker/tls/: the demo stack's TLS set under a README that refuses production.
    {
      name: "private keys in a folder whose README says its files are examples not to use in production",
      after: {
        'conf/start/tls/README.md': '# TLS material\n\nThe files in this directory are provided as examples.  DO NOT USE THEM IN PRODUCTION.\n',
        'conf/start/tls/server.key': pem,
        'conf/mdm/README.md': '# MDM\n\nThese keys are for testing purposes only.\n',
        'conf/mdm/scep.key': otherPem,
      },
    },
    // PeerDB 95cf0fd89bf7 volumes/ch-tls/: the TLS set of the local ClickHouse a script regenerates, a server certificate
    // for localhost, the compose service and host.docker.internal, and a client certificate of the same test authority.
    {
      name: 'TLS keys of a local stack: a server certificate for localhost and container names, a client certificate of the same authority',
      after: {
        'volumes/ch-tls/server.key': stackServer.key,
        'volumes/ch-tls/server.crt': stackServer.cert,
        'volumes/ch-tls/tls.key': stackClient.key,
        'volumes/ch-tls/tls.crt': stackClient.cert,
      },
    },
    // ory/oathkeeper 6ea1e017ea6f: a help text and a sample configuration show a key's first characters and `...`.
    {
      name: 'a private key cut short with an ellipsis in a help text or a sample configuration, as PEM or base64',
      after: {
        'tlsx/cert.go': `func Help() string {\n\treturn \`Example: KEY="-----BEGIN ENCRYPTED PRIVATE KEY-----\\n${keyStart.slice(0, 46)}..."\`\n}\n`,
        'config/schema.config.json': `{\n  "tls": {\n    "key": {\n      "base64": "${Buffer.from(`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${keyStart}`).toString('base64')}..."\n    }\n  }\n}\n`,
        'README.md': `Set the key:\n\n    -----BEGIN RSA PRIVATE KEY-----\n    ${keyStart.slice(0, 64)}\n    ${keyStart.slice(64, 84)}...\n    -----END RSA PRIVATE KEY-----\n`,
      },
    },
    // OpenSign 97fd28697a84: a form's validation function stored as base64 (`validFunction:` on the line above).
    {
      name: 'base64 of source code under no secret name is encoded code, not a credential',
      after: {
        'src/json/FormJson.js': `const form = {\n  validFunction:\n    "${Buffer.from("function validate(formData, errors) { if (formData.pass1 !== formData.pass2) { errors.pass2.addError('Passwords do not match'); } return errors; }").toString('base64')}"\n};\n`,
        'src/rules.js': `export const RULE = "${Buffer.from('const ok = (user) => { return user.age >= 18 && user.country === "FR"; };').toString('base64')}";\n`,
      },
    },
    {
      name: 'a PostHog project key, Supabase CLI demo keys, and a random-looking string in a generated file',
      after: {
        'server/telemetry.py': `POSTHOG_API_KEY = "phc_${gen([ALNUM, 43])}"\n`,
        '.env.example': `SUPABASE_ANON_KEY=${jwt({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 })}\n`,
        'api/api.gen.go': `// Code generated by oapi-codegen. DO NOT EDIT.\npackage api\n\nvar swaggerSpec = []string{\n\t"${gen([ALNUM, 40])}",\n}\n`,
      },
    },
    {
      name: 'a column or field named after the key with a short suffix (a SQL column list, a sibling field)',
      after: { 'server/lib/merge.ts': 'await queryRunner.query(`INSERT INTO "temporary_media"("id", "ratingKey", "ratingKey4k") SELECT "id", "ratingKey", "ratingKey4k" FROM "media"`);\n' },
    },
    { name: 'a Basic credential whose password repeats the name of its e-mail login (a default credential)', after: { 'otel-collector-config.yaml': basicHeader('telemetry@acme-corp.dev:telemetry') } },
    { name: 'a Basic credential whose password is its user name', after: { 'otel-collector-config.yaml': basicHeader('observer:observer') } },
    {
      name: 'a token field of a recorded API response in a test cassette (the request credential filtered)',
      after: { 'package/tests/cassettes/test_gitlab_metadata.yaml': cassette('DUMMY', `"runners_token":"${runnerToken}"`) },
    },
    // FlareSolverr: a README's "Example response" with the cookies the scraper returned for a public site.
    { name: 'a random value inside an example response of a README', after: { 'README.md': readmeExample('DUMMY', 'Example response:', cookieValue) } },
    // growthbook's API docs: `curl -u secret_abc123DEF456:`, a key that only counts up.
    { name: 'a documented key that only counts up after its prefix', after: { 'INSTALL.md': ['```bash', 'curl https://api.example.com/v1/features \\', `  -u secret_${'abc'}123${'DEF'}456:`, '```', ''].join('\n') } },
    // yopass's microsite: an animation's made-up ciphertext beside example plaintexts; a Sealed Secret's encryptedData.
    {
      name: 'values named as ciphertext (cipher, encryptedData)',
      after: { 'site/src/Terminal.tsx': `const SECRETS = [{ plain: 'DB_PASSWORD=example', cipher: '${psk}' }];\n`, 'deploy/sealed.json': `{"kind": "SealedSecret", "spec": {"encryptedData": "${psk}"}}\n` },
    },
    // DailyTxT 4e8e0f2c: a diary's stored entries (`backend/data/1/2025/07.json`), each text and date encrypted.
    {
      name: 'random strings under keys that name no credential in a JSON document',
      after: { 'backend/data/1/2025/07.json': `{\n  "days": [\n    {\n      "date_written": "${random}",\n      "text": "${psk}"\n    }\n  ]\n}\n`, 'fixtures/tokens.json': `["${random}"]\n` },
    },
    // Unleash's contributor guide, kanidm's mdBook sample radius config: logins a document tells its reader to type.
    {
      name: 'a password or secret written as words in a document (a contributor guide, an mdBook page, reStructuredText)',
      after: {
        'CONTRIBUTING.md': ['5. **Log into the admin UI** at `localhost:4242`:', '   - username: `admin`', `   - password: \`${'unleash'}4all\``, ''].join('\n'),
        'book/src/integrations/radius.md': ['A fully configured example:', '', '    [client.localhost]', '    ipaddr = 127.0.0.1', `    secret = ${'radius'}4${'wifi'}`, ''].join('\n'),
        'docs-src/install.rst': ['Connect with::', '', `    mysql -u shop --password=${'horse'}7${'battery'} shop`, ''].join('\n'),
      },
    },
    // kanidm's mdBook sample config (https://example.com), Unleash's local login (localhost:3000), growthbook's
    // example Helm values for a growthbook.local install: samples of an instance nobody else can reach.
    {
      name: 'a secret in a document block or an example configuration whose every address is local or reserved for examples',
      after: {
        'book/src/integrations/radius.md': ['## A fully configured example', '', '```toml', 'url = "https://example.com"', 'username = "radius_service_account"', `password = "${'cr4b'}z${'r0ol'}"`, 'radius_clients = [', '    { name = "docker", ipaddr = "172.17.0.0/16", secret = "s3cr3t" },', ']', '```', ''].join('\n'),
        'CONTRIBUTING.md': ['5. **Log into the admin UI**. Navigate to `localhost:3000`. Log in using:', '   - username: `admin`', `   - password: \`${'cr4b'}z${'r0ol'}\``, ''].join('\n'),
        'docs-site/api.md': ['```sh', `curl -u admin:${gen([ALNUM, 14])} http://localhost:8080/api/v1/users`, `curl -H "Authorization: Bearer ${gen([ALNUM, 32])}" https://api.example.com/v1/flags`, '```', ''].join('\n'),
        'charts/app/values.example.yaml': ['global:', '  env:', '    - name: APP_ORIGIN', '      value: https://app.local', 'backend:', '  env:', '    - name: JWT_SECRET', `      value: ${hex}`, 'ingress:', '  hosts:', '    - host: api.app.local', ''].join('\n'),
      },
    },
    // vaultwarden's chart README shows the admin token its demo values file already held: a document runs nowhere.
    {
      name: 'a document quoting a value a tracked file already holds',
      before: { 'charts/app/demo.yaml': `adminToken:\n  value: "${demoToken}"\n` },
      after: {
        'charts/app/demo.yaml': `adminToken:\n  value: "${demoToken}"\n`,
        'charts/app/README.md': ['## Security', '', '```yaml', 'adminToken:', `  value: "${demoToken}"`, '```', ''].join('\n'),
      },
    },
    // SigNoz's chart values note the ClickHouse subchart's default password on a commented-out line; the
    // subchart's own values (a test file here, to show the holder's role does not matter) already set it.
    {
      name: 'a commented-out line quoting a value a tracked file of another role already holds',
      before: { 'charts/clickhouse/tests/values.yaml': `password: ${uuid}\n` },
      after: {
        'charts/clickhouse/tests/values.yaml': `password: ${uuid}\n`,
        'charts/app/values.yaml': ['clickhouse:', '  # -- ClickHouse user', '  # user: admin', '  # -- ClickHouse password', `  # password: ${uuid}`, '  database: metrics', ''].join('\n'),
      },
    },
    // coolify's transfer-demo seed script: the testing host's key that `.dev/` and the seeders already publish.
    {
      name: 'a key a tracked file already holds, copied into a demo script no deployment runs',
      before: { '.dev/testing-host-key': pem },
      after: { '.dev/testing-host-key': pem, 'scripts/seed-transfer-demo.php': `<?php\n$key = <<<'KEY'\n${pem}KEY;\n` },
    },
    // searxng-docker's first .env: a camel-case sentence asking for a real key stands in for the proxy's HMAC key.
    {
      name: 'a value written as words that asks to be swapped for a real key',
      after: {
        '.env': ['# use openssl rand -base64 33', 'MORTY_KEY=RemplaceThisBase64KeySharedBetweenMortyAndSearxByARealKey', ''].join('\n'),
      },
    },
    // Kutt's .docker.env: its .example.env with the hosts set for compose, which nothing loads by that name.
    {
      name: 'an env file repeating the tracked env template but for its hosts, that nothing loads, repeats the template\'s password',
      before: { '.example.env': kuttTemplate, 'docker-compose.yml': kuttCompose('.env') },
      after: { '.example.env': kuttTemplate, 'docker-compose.yml': kuttCompose('.env'), '.docker.env': kuttVariant },
    },
    // Invoice Ninja's debian/.env copies the root `env` for a new stack and gives its MySQL root password to a second key too.
    {
      name: 'a copy of a tracked env file that gives its original\'s password to another key as well',
      before: { env: ninjaEnv },
      after: { env: ninjaEnv, 'debian/.env': ninjaEnv.replace('DB_PASSWORD=ninja\n', `DB_PASSWORD=ninja\nDB_ROOT_PASSWORD=${ninjaRoot}\n`) },
    },
    // Leantime's config/sample.env: `# Salting sessions, replace with a strong password` beside the value.
    {
      name: 'a value in a template whose comment asks the reader to replace it',
      after: {
        'config/sample.env': `LEAN_SESSION_PASSWORD = '${gen([ALNUM, 40])}'  # Salting sessions, replace with a strong password\n`,
        'config.example.yml': `# Generate your own with: openssl rand -hex 32\njwt_secret: ${hex}\n`,
      },
    },
    // phasehq/console d9be5027cc37 .env.dev.example: one comment heads three secrets (`Replace these with …`).
    {
      name: 'values in a template under a comment that heads their block and asks to replace them',
      after: {
        '.env.dev.example': `# WARNING: Replace these with cryptographically strong random values. You can use \`openssl rand -hex 32\` to generate these.\nNEXTAUTH_SECRET=${keyStart.slice(0, 32)}\nSECRET_KEY=${keyStart.slice(32, 64)}\nSERVER_SECRET=${keyStart.slice(64, 86)}\n`,
      },
    },
    // A contributor guide runs the project on the developer's own machine: its passwords are that environment's.
    {
      name: "random passwords in a contributor or development guide",
      after: {
        'CONTRIBUTING.md': ['Start the database first:', '', '```sh', `export DB_PASSWORD=${gen([ALNUM, 20])}`, 'docker compose up -d db', '```', ''].join('\n'),
        'HACKING.rst': `Set \`\`ADMIN_PASSWORD=${gen([ALNUM, 20])}\`\` in your shell before \`\`make run\`\`.\n`,
      },
    },
    // worklenz: the TinyMCE cloud editor's API key in Angular components and the bundles the build wrote; every visitor's browser gets it.
    {
      name: 'a generic key in code every browser downloads: Angular, Vue and React components, hashed bundles',
      after: {
        'frontend/src/app/editor/task-description.component.ts': `export class TaskDescriptionComponent {\n  readonly apiKey = "${gen([ALNUM_LOWER, 50])}";\n}\n`,
        'backend/src/public/150.aea42238d373936d.js': `(self.webpackChunk=self.webpackChunk||[]).push([[150],{this.apiKey="${gen([ALNUM_LOWER, 50])}"}]);\n`,
        'web/src/components/Map.vue': `<script>\nexport default { data: () => ({ mapApiKey: "${gen([ALNUM, 40])}" }) }\n</script>\n`,
        'web/src/components/Editor.tsx': `const EDITOR_API_KEY = "${gen([ALNUM, 40])}";\nexport function Editor() { return null; }\n`,
      },
    },
    // dkron: the docs site's DocSearch settings; Docusaurus ships its whole configuration to every visitor's browser.
    {
      name: "a Docusaurus site configuration's DocSearch key (search-only, sent to every browser)",
      after: { 'website/docusaurus.config.js': `module.exports = {\n  themeConfig: {\n    algolia: {\n      appId: "M5K5E6F8F3",\n      apiKey: "${createHash('md5').update('docsearch').digest('hex')}",\n      indexName: "docs",\n    },\n  },\n};\n` },
    },
    // netbird: a form field's placeholder shows the format of a pre-shared key.
    { name: "a form field's placeholder in JSX and HTML", after: { 'src/Settings.tsx': `<Input type="password" placeholder={"${psk}"} />\n`, 'public/form.html': `<input name="psk" placeholder="${psk}">\n` } },
    // A credential the change moves from another file or shape is not its own.
    {
      name: 'a token moved out of a compose environment into the env file the compose file now loads',
      before: { 'docker/app/docker-compose.yml': `services:\n  web:\n    image: app:1\n    environment:\n      APP_SECRET_TOKEN: ${random}\n` },
      after: { 'docker/app/docker-compose.yml': 'services:\n  web:\n    image: app:1\n    env_file:\n      - ../secrets.env\n', 'docker/secrets.env': `APP_SECRET_TOKEN=${random}\n` },
    },
    {
      // lowcoder d17b3382d0aa: the values move into default.env, loaded with the deployment's own override.env.
      name: 'a token moved out of a compose environment into default.env, loaded with an override.env',
      before: { 'deploy/docker/docker-compose.yaml': `services:\n  api:\n    image: app:1\n    environment:\n      API_KEY_SECRET: "${random}"\n` },
      after: {
        'deploy/docker/docker-compose.yaml': 'services:\n  api:\n    image: app:1\n    env_file:\n      - path: ./default.env\n        required: true\n      - path: ./override.env\n        required: false\n',
        'deploy/docker/default.env': `API_KEY_SECRET="${random}"\n`,
        'deploy/docker/override.env': '# Put your own settings here\n',
      },
    },
    {
      // thunderbird/appointment: an ECS task's secrets by Secrets Manager ARN, and the Pulumi stack's encrypted config.
      name: "a Secrets Manager ARN in a task definition, and a Pulumi stack's secure (encrypted) values",
      after: {
        'pulumi/config.prod.yaml': `tasks:\n  api:\n    secrets:\n      - name: DATABASE_SECRETS\n        valueFrom: arn:aws:secretsmanager:eu-central-1:123456789012:secret:app/prod/database-connection-${createHash('md5').update('arn').digest('hex').slice(0, 6)}\n`,
        'pulumi/Pulumi.prod.yaml': `config:\n  app:database-connection:\n    secure: AAABA${createHash('sha256').update('pulumi secure').digest('base64').replace(/=+$/, '')}\n  app:api-key:\n    secure: v1:${createHash('sha256').update('pulumi v1').digest('base64')}\n`,
      },
    },
    {
      name: 'option allow: a known test value',
      after: { 'tests/conf.py': `DB_PASSWORD = "${['Fixture', 'Only', 'Pw', '2024', 'zz'].join('-')}"\n` },
      options: { allow: ['^Fixture-Only-'] },
    },
    {
      // A password that repeats the user name is a default credential (insecure-default-secret's); a real one beside the user is still reported.
      name: 'a password that repeats the user name beside it: a Secret in a README, a Secret manifest (base64), a YAML mapping',
      after: {
        'volumes/storage/README.md': `\`\`\`yaml\napiVersion: v1\nkind: Secret\ndata:\n  apiUsername: ${Buffer.from('stor4gepool').toString('base64')}\n  apiPassword: ${Buffer.from('stor4gepool').toString('base64')}\n\`\`\`\n`,
        'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  username: ${Buffer.from('stor4gepool').toString('base64')}\n  password: ${Buffer.from('stor4gepool').toString('base64')}\n`,
        'deploy/app.yml': `database:\n  user: ${random}\n  password: ${random}\n`,
      },
    },
    { name: 'a PWD= setting with no connection string around it', after: { 'notes.txt': 'Remember:\nPWD=Un1fy-Sql-2024-sa; is what the old wiki said\n' } },
    { name: 'a token read from the environment in Python', after: { 'app/settings.py': 'import os\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n' } },
    { name: 'process.env in JavaScript', after: { 'src/db.js': 'const password = process.env.DB_PASSWORD;\nconst apiKey = config.get("apiKey");\n' } },
    { name: 'placeholders in an env template', after: { '.env.example': 'API_KEY=changeme\nDB_PASSWORD=<your-password>\nTOKEN=${TOKEN}\nSECRET_KEY=xxxxxxxxxxxxxxxx\n' } },
    { name: 'compose interpolation and Helm templates', after: { 'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      API_TOKEN: "{{ .Values.apiToken }}"\n' } },
    { name: 'the AWS documentation example keys', after: { 'docs/aws.md': `aws_access_key_id = AKIA${'IOSFODNN7EXAMPLE'}\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLEKEY'}\n` } },
    { name: 'token-shaped filler', after: { 'README.md': `export GITHUB_TOKEN=ghp_${fill('x', 36)}\nexport HF_TOKEN=hf_${fill('x', 34)}\n` } },
    { name: 'a secret that was already in the base and only moved', before: { 'config.py': `A = 1\nGITHUB_TOKEN = "${ghp}"\n` }, after: { 'config.py': `GITHUB_TOKEN = "${ghp}"\nA = 1\n` } },
    { name: 'a secret on a line the change does not touch', before: { 'config.py': `TOKEN = "${ghp}"\n` }, after: { 'config.py': `TOKEN = "${ghp}"\nDEBUG = False\n` } },
    {
      name: 'random keys and passwords in development configuration (a dev container, a development settings module)',
      after: { '.devcontainer/.env.example': `DATABASE_CREDENTIALS="dispatch:dispatch"\nAPP_ENCRYPTION_KEY=${random}\n`, '.devcontainer/postCreateCommand.sh': `export APP_ENCRYPTION_KEY=${random}\n`, 'app/settings/development.py': `SECRET_KEY = "${hex}"\n` },
    },
    { name: 'a file the change removes', before: { 'old.env': `API_TOKEN=${random}\n` }, after: {} },
    {
      // Test stacks and test code carry throw-away credentials, as test folders do.
      name: 'passwords and keys of a test stack, JWTs of a test suite signed for a local issuer or expired, a Rust test module',
      after: {
        'docker-compose.tests.yml': `services:\n  realtime:\n    environment:\n      API_JWT_SECRET: ${gen([ALNUM, 40])}\n      SECRET_KEY_BASE: ${gen([ALNUM, 64])}\n`,
        'docker-compose.e2e.yaml': `services:\n  db:\n    environment:\n      DB_PASSWORD: ${gen([ALNUM, 24])}\n`,
        'Dockerfile.test': `FROM node:20\nENV API_TOKEN=${gen([ALNUM, 32])}\n`,
        'test/integration/tests.ts': [
          `const serviceRoleKey = "${jwt({ exp: 2075776382, ref: '127.0.0.1', role: 'service_role' })}";`,
          `const apiKey = "${jwt({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 })}";`,
          `const local = "${jwt({ iss: 'http://localhost:54321/auth/v1', sub: 'u1' })}";`,
          '',
        ].join('\n'),
        // taiga-back 0be90e6a661d: the token encoder's expected outputs, for an https issuer, expired in 2000.
        'tests/unit/auth/test_backends.py': `assert token == "${Buffer.from('{"typ":"JWT","alg":"RS256"}').toString('base64url')}.${Buffer.from('{"exp":946684800,"iss":"https://www.myoidcprovider.com","aud":"client-id"}').toString('base64url')}.${keyStart.replace(/[+/]/g, '_')}"\n`,
        'src/core/types.rs': `pub struct AppId(String);\n\n#[cfg(test)]\nmod tests {\n    use super::AppId;\n\n    #[test]\n    fn test_id_validation() {\n        let id = AppId("app_${gen([BASE64, 40])}".to_owned());\n        let token = "${jwt({ sub: 'svc' })}";\n    }\n}\n`,
      },
    },
    {
      // A commented-out line shows the form of the setting and sets nothing.
      name: 'a commented-out secret setting in an example configuration and in the default configuration a source file embeds',
      after: {
        'server/config.example.toml': `# The JWT secret for authentication - should be secret and securely generated\n# jwt_secret = "${gen([ALNUM, 40])}"\n`,
        'server/src/cfg.rs': `const DEFAULTS: &str = r#"\n# Default configuration file\n# jwt_secret = "${gen([ALNUM, 40])}"\nlog_level = "info"\n"#;\n`,
        'settings.default.yml': `# api_key: ${gen([ALNUM, 32])}\n`,
      },
    },
    { name: 'a line allowlisted with a pragma comment', after: { 'tests/fixtures.py': `FAKE_TOKEN = "${random}"  # pragma: allowlist secret\n` } },
    { name: 'a public key and a certificate', after: { 'keys/id.pub': `ssh-rsa ${gen([BASE64, 200])} me@host\n`, 'certs/ca.crt': `-----BEGIN CERTIFICATE-----\n${pemBody}\n-----END CERTIFICATE-----\n` } },
    // A CI job's config folder (`docker/ci-config/`, like `.ci/`) holds the keys of the throw-away stack it tests.
    { name: 'test keys and a Rails secret in a CI config folder', after: { 'docker/ci-config/signing.key': pem, 'docker/ci-config/postal.yml': `rails:\n  secret_key: ${hex}\n` } },
    { name: 'a truncated private key in documentation', after: { 'docs/keys.md': '```\n-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n```\n' } },
    { name: 'a Stripe publishable key', after: { 'web/pay.js': `const stripe = Stripe("${gen('pk_live_', [ALNUM, 40])}");\n` } },
    { name: 'names that describe a secret rather than hold one', after: { 'settings.py': 'TOKEN_URL = "https://github.com/login/oauth/access_token"\nPASSWORD_MIN_LENGTH = 12\nSECRET_NAME = "prod-db-password"\nAWS_ACCESS_KEY_ID_PARAM = "/prod/aws/key-id"\n' } },
    { name: 'identifiers, hashes and ids', after: { 'config.json': `{"client_id": "${gen([HEX, 32])}", "commit": "${hex}", "kms_key_id": "${gen([HEX, 8])}-0000-4000-8000-${gen([HEX, 12])}", "schemaKey": "DOC_Vector_5_32"}\n` } },
    // we-promise/sure: the USDC/USDT mints and SPL Token program ids a Solana adapter looks up, published on chain.
    {
      name: 'public Solana mints and program ids (Base58 addresses) in a file about a blockchain',
      after: {
        'app/models/solana_adapter.rb': `# Base58 addresses of SPL token mints\nKNOWN_MINTS = {\n  "${base58Of('mint')}" => { symbol: "USDC" },\n}\nTOKEN_PROGRAM_IDS = [\n  "${base58Of('program')}",\n].freeze\n`,
      },
    },
    // cloudreve: the desktop and iOS apps' OAuth clients, seeded into every install with the secrets the apps carry.
    {
      name: 'OAuth client secrets of native apps (desktop, iOS, Android, command line): public clients per RFC 8252',
      after: {
        'inventory/migration.go': `const (\n\tOAuthClientDesktopSecret = "${base58Of('desktop').slice(0, 32)}"\n\tOAuthClientiOSSecret = "${base58Of('ios').slice(0, 32)}"\n)\n`,
        'config/clients.yaml': `android_client_secret: ${base58Of('android').slice(0, 32)}\n`,
      },
    },
    // changelog.com's dagger.mk: an empty DOCKERHUB_PASSWORD becomes a sentinel that says so.
    {
      name: 'a value that is its key\'s name with a word saying it is unset or a stand-in',
      after: { 'build/dagger.mk': 'ifeq (,$(DOCKERHUB_PASSWORD))\nDOCKERHUB_PASSWORD = NO_DOCKERHUB_PASSWORD\nendif\n', 'config/app.yaml': 'api_token: your_api_token\nsmtp_password: SMTP_PASSWORD_UNSET\n' },
    },
    // Calibre-Web-Automated: upstream calibre-web's ComicVine provider, carried in the fork with upstream's application key.
    {
      name: "a named key in a file whose header says it is part of another repository's project",
      repository: { owner: 'acmelabs', name: 'bookshelf-plus' },
      after: { 'cps/metadata_provider/comicvine.py': `#  This file is part of the Bookshelf (https://github.com/someone/bookshelf)\n#  Copyright (C) 2021\n\nclass ComicVine:\n    API_KEY = "${createHash('sha1').update('upstream').digest('hex')}"\n` },
    },
    { name: 'an ExternalSecret and a Helm-templated Secret', after: { 'k8s/external.yaml': 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n    - secretKey: password\n      remoteRef:\n        key: prod/db\n', 'chart/templates/secret.yaml': 'apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n' } },
    { name: 'lock file integrity hashes', after: { 'package-lock.json': `{"integrity": "sha512-${gen([BASE64, 86])}=="}\n` } },
    // beszel's Helm README: `token: dG9rZW4tdmFsdWU=  # base64 encoded token`, the base64 of `token-value`.
    { name: 'base64 of a stand-in in a README\'s example Secret', after: { 'charts/agent/README.md': `\`\`\`yaml\napiVersion: v1\nkind: Secret\ndata:\n  token: ${Buffer.from(['token', 'value'].join('-')).toString('base64')}  # base64 encoded token\n\`\`\`\n` } },
    // kube-prometheus: jsonnet-bundler's lock file pins each vendored dependency by a checksum.
    { name: 'checksums in other tools\' lock files', after: { 'jsonnetfile.lock.json': `{\n  "version": 1,\n  "dependencies": [\n    {\n      "version": "${hex}",\n      "sum": "${gen([BASE64, 43])}="\n    }\n  ]\n}\n`, 'vcpkg-lock.json': `{"secret-sum": "${gen([BASE64, 43])}="}\n` } },
    {
      // openremote's README-AWS.md: the word after `--password-stdin` is the registry host; the password comes from stdin.
      name: 'flags that say where a password is read from: --password-stdin, --password-fd, a password command, ansible --ask-vault-pass',
      after: {
        'kubernetes/README-AWS.md': `\`\`\`bash\naws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin ${gen([DIGITS, 12])}.dkr.ecr.eu-west-1.amazonaws.com\n\`\`\`\n`,
        'scripts/sign.sh': `gpg --batch --pinentry-mode loopback --passphrase-fd 3 --sign release.tar 3<<<"$PASSPHRASE"\ngpg --passphrase-fd ${gen([ALNUM, 12])} --sign x\n`,
        'config/app.env': `DB_PASSWORD_COMMAND=pass-show-${gen([ALNUM, 12])}\n`,
        'deploy/run.sh': `ansible-playbook --ask-vault-pass ${gen([ALNUM, 10], '9')}\n`,
      },
    },
    {
      // A key printed in docs is usually a sample; nothing in the change trusts its public half.
      name: 'a raw Ed25519 private key in a setup doc whose public key no configuration of the change writes (or only a test file)',
      after: { 'docs/LICENSE_SETUP.md': keyDoc, 'app/license_test.go': `const testPublicKey = "${edPublic}"\n`, 'random.txt': `${gen([BASE64, 86])}==\n` },
    },
    {
      // microbin's shipped .env: the admin password is the project's name in leetspeak, a guessable default.
      name: "a password that spells the project's or its owner's name, plainly or in leetspeak",
      repository: { owner: 'acmelabs', name: 'pastebox' },
      after: { '.env': `export PASTEBOX_ADMIN_PASSWORD=${['p4', '5t3', 'b0x'].join('')}\nDB_PASSWORD=${['4cm3', 'L4bs'].join('')}\n` },
    },
    { name: 'curl with credentials from variables', after: { 'scripts/call.sh': 'curl -u "$API_USER:$API_PASSWORD" https://api.example.com\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com\n' } },
    { name: 'default passwords in a local database URL', after: { '.env.development': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n' } },
    { name: 'weak default passwords are left to insecure-default-secret', after: { 'settings.py': 'DB_PASSWORD = "admin123"\nSECRET_KEY = "changeme"\n' } },
    { name: 'code in a README: calls, not literals', after: { 'README.md': '```js\nconst auth = createTokenAuth(TOKEN);\nprivateKey: privateKeyPkcs8,\nawait sign("mysecret", eventPayloadString);\n```\n' } },
    { name: 'call arguments that only name a secret', after: { 'test/url.test.ts': "expect(url).toHaveProperty('password', 'abc-123');\nredact({ paths: ['user.password', 'headers.cookie'] });\n" } },
    { name: 'an alphabet and identifiers assigned to token-named variables', after: { 'src/ids.js': `const urlAlphabet = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';\nlastSignificantToken = "?InterpolationInJSX";\n` } },
    { name: 'CSRF tokens and message catalogues', after: { 'config.ini': `csrf-token=${gen([BASE64, 86])}==\n`, 'locales/zh.json': '{"The_parser_expected_to_find_a_token_here_1007": "分析器预期在这里找到"}\n' } },
    { name: 'URL test fixtures with word passwords', after: { 'test/parse.test.js': "parse('https://cherry:durian@example.io:12345/resource');\n" } },
    { name: 'a sentence assigned to a secret-named variable', after: { 'messages.py': 'PASSWORD_HELP = "Use at least twelve characters"\nSECRET_VALUE = "this is just a long string, like a user facing error message"\n' } },
    {
      name: 'password hashes in seed data and fixtures are not passwords',
      after: {
        'app/seed.py': `ADMIN_PASSWORD = "pbkdf2_sha256$600000$${gen([ALNUM, 22])}$${gen([BASE64, 43])}="\nuser_password = "bcrypt$$2b$12$${gen([BASE64, 53])}"\n`,
        'config/users.yaml': `users:\n  - name: admin\n    password: "$argon2id$v=19$m=65536,t=3,p=4$${gen([BASE64, 22])}$${gen([BASE64, 43])}"\n`,
        'deploy/ldap.ini': `password={SSHA}${gen([BASE64, 32])}\nwerkzeug_password = scrypt:32768:8:1$${gen([ALNUM, 16])}$${gen([HEX, 128])}\n`,
      },
    },
    {
      // kgrzybek/modular-monolith-with-ddd's SeedDatabase.sql: demo accounts' ASP.NET Identity hashes, the password in a comment.
      name: "ASP.NET Core Identity password hashes (versions 2 and 3) in a seed script",
      after: {
        'src/Database/Scripts/SeedDatabase.sql': `INSERT INTO users.UserRegistrations (Login, Password) VALUES ('testMember@mail.com',\n\t'${identityHashV2()}', -- testMemberPass\n\t'${identityHashV3(1, 100_000)}');\n`,
      },
    },
    {
      name: 'CSRF and authenticity tokens, site-verification ids',
      after: {
        'config/app.yml': `authenticity_token: ${gen([BASE64, 43])}=\ngoogle_site_verification: ${gen([URLSAFE, 43])}\n`,
        'templates/base.html': `<meta name="google-site-verification" content="${gen([URLSAFE, 43])}" />\n<input type="hidden" name="__RequestVerificationToken" value="${gen([URLSAFE, 92])}" />\n`,
      },
    },
    {
      name: 'cloud resource names and paths under secret-named keys',
      after: {
        'app/settings.py': `DB_PASSWORD_SECRET = "projects/${gen(['123456789', 12])}/secrets/db-password/versions/latest"\nAPI_TOKEN_ARN = "arn:aws:secretsmanager:eu-west-1:${gen(['123456789', 12])}:secret:prod/api-token-${gen([ALNUM, 6])}"\nSIGNING_KEY_ID = "@Microsoft.KeyVault(SecretUri=https://prod-kv.vault.azure.net/secrets/signing-key/)"\n`,
        'deploy/values.yaml': `serviceAccountToken: deployer-${gen([ALNUM_LOWER, 6])}@prod-${gen([ALNUM_LOWER, 6])}.iam.gserviceaccount.com\n`,
      },
    },
    {
      name: 'Kubernetes Secret data judged by its key once decoded: user names, hosts and addresses are not credentials',
      after: {
        'k8s/db-secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: ${Buffer.from('app_service_user').toString('base64')}\n  DB_HOST: ${Buffer.from('postgres.prod.svc.cluster.local').toString('base64')}\n  smtp-from: ${Buffer.from('alerts@example.com').toString('base64')}\n  port: ${Buffer.from('5432').toString('base64')}\nstringData:\n  admin-email: ops-team@example.com\n`,
      },
    },
    { name: 'a weak Kubernetes Secret password is left to insecure-default-secret', after: { 'k8s/db-secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  password: ${Buffer.from('postgres').toString('base64')}\n  POSTGRES_PASSWORD: ${Buffer.from('changeme').toString('base64')}\n` } },
    { name: 'a Maps browser key in a saved web page', after: { 'site/pages/store-locator.html': `<script src="https://maps.googleapis.com/maps/api/js?key=${gen('AIza', [URLSAFE, 35])}"></script>\n` } },
    { name: 'a throw-away TLS key for the test server', after: { 'tests/certs/server.key': pem } },
    {
      name: 'passwords and random values in tests and fixture data are test data',
      after: {
        'tests/test_login.py': `def test_login(client):\n    client.post("/login", data={"password": "${password}"})\n    api_key = "${random}"\n`,
        'spec/fixtures/users.json': `{"api_token": "${random}", "secret": "${gen([BASE64, 48])}"}\n`,
        'src/__snapshots__/api.test.ts.snap': `exports[\`api 1\`] = \`{"token":"${gen([BASE64, 48])}"}\`;\n`,
      },
    },
    {
      name: 'throw-away credentials of CI services',
      after: {
        '.ci/compose.ci.yaml': `services:\n  postgres:\n    environment:\n      POSTGRES_PASSWORD: ${password}\n      REDASH_COOKIE_SECRET: ${random}\n`,
        '.travis.yml': `script:\n  - docker compose run web createuser --password ${password} --superuser\n`,
        '.github/workflows/test.yml': `services:\n  db:\n    env:\n      MYSQL_ROOT_PASSWORD: ${password}\n`,
      },
    },
    { name: 'a provider prefix on stand-in words', after: { 'deploy/.env.staging': 'STRIPE_SKEY=sk_test_testkey123\nGITHUB_TOKEN=ghp_yourtokenhere\n' } },
    {
      name: 'record ids and resource paths that look random',
      after: {
        'app/query_runner/sheets.py': `test_spreadsheet_key = "${gen([URLSAFE, 44])}"\n`,
        'deploy/auth.yaml': `workload_identity_provider: 'projects/${gen(['123456789', 12])}/locations/global/workloadIdentityPools/ci-pool/providers/${gen([ALNUM_LOWER, 8])}'\n`,
      },
    },
    {
      name: 'an APP_KEY written as ordinary words that describe the key it wants (some random string with 32 characters), which the app replaces at setup',
      after: {
        '.env.docker.production': `APP_ENV=production\nAPP_KEY=${['some', 'Random', 'String', 'With', '32', 'Characters'].join('')}\n`,
        'app/Http/Middleware/SetupCheckMiddleware.php': `<?php\nclass SetupCheckMiddleware\n{\n    public const GENERIC_APP_KEY = '${['some', 'Random', 'String', 'With', '32', 'Characters'].join('')}';\n}\n`,
        'config/app.yml': `secret_key: ${['a', 'long', 'random', 'string'].join('-')}\ndb_password: ${['at', 'least', '16', 'characters'].join('_')}\n`,
      },
    },
    {
      name: "an EF Core design-time factory's connection string to a database on the developer's machine (used only by dotnet ef)",
      after: {
        'src/Data/AppDbContextDesignTimeFactory.cs': `using Microsoft.EntityFrameworkCore.Design;\n\npublic sealed class AppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>\n{\n    public AppDbContext CreateDbContext(string[] args)\n    {\n        const string ConnectionString = "Server=localhost,14330;Database=test;User=sa;Password=${password}";\n        return new AppDbContext(ConnectionString);\n    }\n}\n`,
      },
    },
    {
      // elsa-core's appsettings.json: the local development database's login in a connection string to localhost, a
      // person's word password for an instance nobody else reaches.
      name: 'a typed password in a connection string to the machine the code runs on',
      after: {
        'src/Server.Web/appsettings.json': `{\n  "ConnectionStrings": {\n    "PostgreSql": "Server=localhost;Username=app;Database=app;Port=5432;Password=${['wom', 'bat', '42'].join('')};SSLMode=Prefer"\n  }\n}\n`,
      },
    },
    // data-hub-api 6aec4fb01b: a README table showing the JSON shape of a credentials variable.
    {
      name: 'a leetspeak stand-in ending in the punctuation a password rule asks for, in a document',
      after: { 'README.md': ['| Variable | Required | Description |', '|---|---|---|', `| \`DATABASE_CREDENTIALS\` | Yes | JSON: \`{"username": "app", "password": "${'p4s5'}w0rd!", "host": "db.internal.acme-corp.io"}\` |`, ''].join('\n') },
    },
    // opencve d43d821016: the settings template keeps the key `django-admin startproject` wrote.
    {
      name: "Django's django-insecure- startproject key in a settings template",
      after: { 'web/app/settings.py.example': `from pathlib import Path\n\nSECRET_KEY = "${djangoKey}"\nDEBUG = False\n` },
    },
    // notifications-api 1a19935ef6: the Development class sets the key that the base Config reads from the environment.
    {
      name: 'a key set in a development or test configuration class whose production class reads it from the environment',
      after: {
        'app/config.py': [
          'import os',
          '',
          'class Config:',
          '    SECRET_KEY = os.getenv("SECRET_KEY")',
          '    TOKEN_SECRET_KEY = os.getenv("TOKEN_SECRET_KEY")',
          '',
          'class Development(Config):',
          '    DEBUG = True',
          `    TOKEN_SECRET_KEY = "${fernet}"`,
          '',
          'class TestConfig(Development):',
          `    SECRET_KEY = "${random}"`,
          '',
        ].join('\n'),
      },
    },
    // komodo 08e55b5180: the agent's reference config, whose header says it is the default config and documents the fields.
    {
      name: 'a commented-out sample in a configuration whose opening comment says it is the default config and documents the fields',
      after: { 'config/agent.config.toml': referenceConfig(['## This is the official "Default" config file for the agent.', '## It serves as documentation for the meaning of the fields.']) },
    },
    // R2R a640fb20b2: a mapping of deprecated variable names to new ones and a table of (attribute, new variable, old variable).
    {
      name: "values that are environment variables' names naming a secret (a rename table, an attribute-to-variable table)",
      after: {
        'py/cli/utils/docker_utils.py': `OLD_TO_NEW = {\n    "POSTGRES_USER": "R2R_POSTGRES_USER",\n    "POSTGRES_PASSWORD": "R2R_POSTGRES_PASSWORD",\n}\n`,
        'py/providers/postgres.py': `env_vars = [\n    ("user", "R2R_POSTGRES_USER", "POSTGRES_USER"),\n    ("password", "R2R_POSTGRES_PASSWORD", "POSTGRES_PASSWORD"),\n]\n`,
        'config/app.yml': 'github:\n  token: GH2_DEPLOY_TOKEN\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a value shaped like an ASP.NET Identity version 3 hash whose PRF no version defines: random bytes, reported',
      after: { 'src/Database/Scripts/SeedDatabase.sql': `INSERT INTO users.UserRegistrations (Login, Password) VALUES ('testMember@mail.com',\n\t'${identityHashV3(7, 100_000)}');\n` },
      findings: [{ path: 'src/Database/Scripts/SeedDatabase.sql', line: 2 }],
    },
    {
      name: 'a TLS key beside a certificate for another key, for a public name too, or for a public name only',
      after: {
        'certs/localhost-key.pem': alsoPublic.key,
        'certs/localhost.pem': mkcert.cert,
        'deploy/tls/server.key': alsoPublic.key,
        'deploy/tls/server.crt': alsoPublic.cert,
        'deploy/api/server.key': publicOnly.key,
        'deploy/api/server.crt': publicOnly.cert,
      },
      findings: [
        { path: 'certs/localhost-key.pem', line: 1 },
        { path: 'deploy/api/server.key', line: 1 },
        { path: 'deploy/tls/server.key', line: 1 },
      ],
    },
    {
      name: "a private key beside a README that says nothing against production, or only under the root's README that does",
      after: {
        'conf/tls/README.md': '# TLS\n\nGenerate the keys with openssl and keep them safe.\n',
        'conf/tls/server.key': pem,
        'README.md': '# Demo\n\nDo not use this in production.\n',
        'server.key': otherPem,
      },
      findings: [{ path: 'conf/tls/server.key', line: 1 }, { path: 'server.key', line: 1 }],
    },
    {
      name: 'two near-identical tokens, and three tokens of one format that differ throughout',
      after: {
        'config/a.py': ['c836', 'c000'].map((end, i) => `TOKEN_${i} = "sbp_04fe${createHash('sha256').update('one token').digest('hex').slice(0, 32)}${end}"`).join('\n') + '\n',
        'config/b.py': [0, 1, 2].map((i) => `TOKEN_${i} = "sbp_${createHash('sha256').update(`token ${i}`).digest('hex').slice(0, 40)}"`).join('\n') + '\n',
      },
      findings: [
        { path: 'config/a.py', line: 1 },
        { path: 'config/a.py', line: 2 },
        { path: 'config/b.py', line: 1 },
        { path: 'config/b.py', line: 2 },
        { path: 'config/b.py', line: 3 },
      ],
    },
    {
      name: 'a TLS key of a local authority for a public host, one for a compose service alone, and a whole key in base64',
      after: {
        'volumes/tls/server.key': stackServer.key,
        'volumes/tls/server.crt': stackServer.cert,
        'volumes/tls/db.key': stackPublic.key,
        'volumes/tls/db.crt': stackPublic.cert,
        'deploy/ch/server.key': serviceOnly.key,
        'deploy/ch/server.crt': serviceOnly.cert,
        'config/app.json': `{\n  "key": "${Buffer.from(pem).toString('base64')}"\n}\n`,
      },
      findings: [
        { path: 'config/app.json', line: 2 },
        { path: 'deploy/ch/server.key', line: 1 },
        { path: 'volumes/tls/db.key', line: 1 },
      ],
    },
    {
      // A key that names a credential is one in a JSON file too; elsewhere a random string under any key still is.
      name: 'a random string under a credential key in JSON, or under another key in a YAML configuration',
      after: { 'config/app.json': `{\n  "client_secret": "${random}"\n}\n`, 'config/app.yaml': `text: ${psk}\n` },
      findings: [
        { path: 'config/app.json', line: 2 },
        { path: 'config/app.yaml', line: 1 },
      ],
    },
    {
      name: 'an upper-case random value under a secret name is not a variable name unless it is words joined by _ naming a secret',
      after: { 'config/app.py': `DB_PASSWORD = "${gen([ALNUM, 10], '_', [ALNUM, 10])}"\nAPI_TOKEN = "${gen([BASE32, 24])}"\n` },
      findings: [{ path: 'config/app.py', line: 1 }, { path: 'config/app.py', line: 2 }],
    },
    {
      name: "Django's django-insecure- key in the settings a deployment runs is still reported",
      after: { 'web/app/settings.py': `from pathlib import Path\n\nSECRET_KEY = "${djangoKey}"\nDEBUG = False\n` },
      findings: [{ line: 3 }],
    },
    {
      name: 'a key in a development class that no class reads from the environment, or in the production class, is still reported',
      after: {
        'app/config.py': [
          'import os',
          '',
          'class Config:',
          `    API_TOKEN = "${random}"`,
          '',
          'class Development(Config):',
          `    TOKEN_SECRET_KEY = "${fernet}"`,
          '',
        ].join('\n'),
      },
      findings: [{ line: 4 }, { line: 7 }],
    },
    {
      name: 'a commented-out secret in a configuration whose opening comment does not say it documents the settings is still reported',
      after: { 'config/agent.config.toml': referenceConfig(['## Agent configuration for the production hosts.']) },
      findings: [{ line: 8 }],
    },
    // opencve d43d821016: the install guide shows the Fernet key the config template it adds holds.
    {
      name: 'a document quoting a key another file of the change sets is said once, at the live line, which names the document',
      after: {
        'scheduler/airflow.cfg.example': `[core]\n# Secret key to save connection password\nfernet_key = ${fernet}\n`,
        'scheduler/INSTALL.md': ['Generate a new fernet key and save it in the conf:', '', '```', `fernet_key = ${fernet}`, '```', ''].join('\n'),
        'scheduler/UPGRADE.md': ['```', `fernet_key = ${otherFernet}`, '```', ''].join('\n'),
      },
      findings: [{ path: 'scheduler/UPGRADE.md', line: 2 }, { path: 'scheduler/airflow.cfg.example', line: 3, remediation: /quoted in `scheduler\/INSTALL\.md` \(line 4\)/ }],
    },
    {
      name: 'a generated file keeps its named secrets and provider tokens; a JWT of another issuer is reported',
      after: {
        'client/config.gen.ts': `// Code generated by a tool. DO NOT EDIT.\nexport const apiToken = "${random}";\nexport const gh = "${ghp}";\n`,
        '.env.example': `SUPABASE_SERVICE_KEY=${jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role' })}\n`,
      },
      findings: [{ path: '.env.example', line: 1 }, { path: 'client/config.gen.ts', line: 2 }, { path: 'client/config.gen.ts', line: 3 }],
    },
    {
      name: 'ten different random values in one source file are data: one warning for the file; nine are nine findings; an env file keeps one each',
      after: {
        'src/data/accounts.ts': manyTokens(10, (i, v) => `  { id: ${i}, apiToken: "${v}" },`),
        'src/config/clients.ts': manyTokens(9, (i, v) => `  { id: ${i}, apiToken: "${v}" },`),
        'deploy/app.env': manyTokens(10, (i, v) => `SERVICE_${i}_API_TOKEN=${v}`).replace(/^export.*\n|^\];\n/gm, ''),
      },
      findings: [
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((line) => ({ path: 'deploy/app.env', line })),
        ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((line) => ({ path: 'src/config/clients.ts', line })),
        { path: 'src/data/accounts.ts', line: 2, severity: 'warning', messageId: 'many', data: { count: '10' } },
      ],
    },
    {
      name: 'a value that starts with the key name but goes on with random text is still a secret',
      after: { 'config/app.yml': `apiToken: "apiToken${random}"\n` },
      findings: [{ line: 1 }],
    },
    {
      name: 'words that describe a key, followed by a random token, are still a key',
      after: { '.env.production': `APP_KEY=${['some', 'Random', 'String'].join('')}${random}\n` },
      findings: [{ line: 1, messageId: 'secret' }],
    },
    {
      name: 'an EF Core design-time factory whose connection string names a remote server (migrations run against a real database)',
      after: {
        'src/Data/AppDbContextDesignTimeFactory.cs': `public sealed class AppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>\n{\n    public AppDbContext CreateDbContext(string[] args)\n    {\n        const string ConnectionString = "Server=db.acme-corp.net;Database=app;User=sa;Password=${password}";\n        return new AppDbContext(ConnectionString);\n    }\n}\n`,
      },
      findings: [{ line: 5, messageId: 'secret' }],
    },
    {
      // atuin c9579cb9ca2a: a developer's own .env with their Postgres' generated password, pwgen's pronounceable kind,
      // on localhost: a real password (a digit and a capital inside), not one typed from memory.
      name: 'a generated password in a URL to the machine the code runs on',
      after: { '.env': `DATABASE_URL=postgres://atuin:${['ae', 'Boh', '3oh', 'Ju5ei'].join('')}@localhost/atuin\n` },
      findings: [{ line: 1, messageId: 'secret' }],
    },
    {
      name: 'the same typed password in a connection string to another server',
      after: { 'src/Server.Web/appsettings.json': `{\n  "ConnectionStrings": {\n    "PostgreSql": "Server=db.acme-corp.net;Username=app;Database=app;Port=5432;Password=${['wom', 'bat', '42'].join('')};SSLMode=Prefer"\n  }\n}\n` },
      findings: [{ line: 3, messageId: 'secret' }],
    },
    {
      name: 'the same connection string to localhost outside a design-time factory (the app itself connects with it)',
      after: { 'src/Data/AppDbContext.cs': `public sealed class AppDbContext : DbContext\n{\n    const string ConnectionString = "Server=localhost,14330;Database=test;User=sa;Password=${password}";\n}\n` },
      findings: [{ line: 3, messageId: 'secret' }],
    },
    {
      name: "a password that only contains the project's name among other characters",
      repository: { owner: 'acmelabs', name: 'pastebox' },
      after: { '.env': `PASTEBOX_ADMIN_PASSWORD=${['p4', '5t3', 'b0x', '-', gen([ALNUM, 8])].join('')}\n` },
      findings: [{ line: 1, messageId: 'secret' }],
    },
    {
      name: 'docker login with the password itself on the command line',
      after: { 'kubernetes/README-AWS.md': `docker login --username AWS --password ${password} registry.example.com\n` },
      findings: [{ line: 1, messageId: 'secret' }],
    },
    {
      // fider's internal licence doc: the pair's public key is what .example.env gives every install.
      name: 'a raw Ed25519 private key in a setup doc whose public key the change writes into the env template installs copy',
      after: { 'docs/LICENSE_SETUP.md': keyDoc, '.example.env': `LICENSE_PUBLIC_KEY=${edPublic}\n` },
      findings: [{ path: 'docs/LICENSE_SETUP.md', line: 5, messageId: 'secret' }],
    },
    {
      name: 'a raw Ed25519 private key in hex in production configuration, whatever its name',
      after: { 'config/signer.yml': `signer:\n  material: ${Buffer.from(edPrivate, 'base64').toString('hex')}\n` },
      findings: [{ line: 2, messageId: 'secret' }],
    },
    {
      name: 'a Basic credential of an e-mail login with a password of its own',
      after: { 'otel-collector-config.yaml': basicHeader(`telemetry@acme-corp.dev:${password}`) },
      findings: [{ line: 5, messageId: 'secret' }],
    },
    {
      name: 'a Kubernetes Secret password that is not its user name',
      after: { 'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nstringData:\n  username: storagepool\n  password: ${password}\n` },
      findings: [{ path: 'k8s/secret.yaml', line: 5 }],
    },
    {
      name: 'one license key written into two download URLs of a Dockerfile: one finding, at its first line, naming the other',
      after: {
        Dockerfile: `FROM alpine:3.20\nRUN curl "https://download.example.com/geoip?edition=asn&license_key=${random}&suffix=tgz" | tar -xz && \\\n    curl "https://download.example.com/geoip?edition=city&license_key=${random}&suffix=tgz" | tar -xz\nENV OTHER_TOKEN=${ghp}\n`,
      },
      findings: [
        { path: 'Dockerfile', line: 2, remediation: /also on line 3 of this file/ },
        { path: 'Dockerfile', line: 4 },
      ],
    },
    {
      name: "a provider token inside a README's example response, and a random value in an example that is not an answer",
      after: {
        'README.md': readmeExample('DUMMY', 'Example response:', ghp),
        'USAGE.md': readmeExample('DUMMY', 'Example configuration:', cookieValue),
      },
      findings: [
        { path: 'README.md', line: 12, messageId: 'secret' },
        { path: 'USAGE.md', line: 12, messageId: 'secret' },
      ],
    },
    {
      name: 'a random value given to a field as its value (not its placeholder), and a documented key that does not count up',
      // A React component in an App Router folder without "use client" may render on the server only (see isBrowserCode).
      after: { 'app/settings/Settings.tsx': `<Input type="password" defaultValue={"${psk}"} />\n`, 'INSTALL.md': ['```bash', `curl -u secret_${random}:`, '```', ''].join('\n') },
      findings: [
        { path: 'INSTALL.md', line: 2, messageId: 'secret' },
        { path: 'app/settings/Settings.tsx', line: 1, messageId: 'secret' },
      ],
    },
    {
      name: 'the credential a test cassette records in its request headers',
      after: { 'package/tests/cassettes/test_gitlab_metadata.yaml': cassette(runnerToken, '"path":"demo"') },
      findings: [{ line: 5, messageId: 'secret' }],
    },
    {
      name: 'a response token in a recorded exchange outside tests (a production file holding a saved response)',
      after: { 'config/recorded/gitlab.yaml': cassette('DUMMY', `"runners_token":"${runnerToken}"`) },
      findings: [{ line: 11, messageId: 'secret' }],
    },
    {
      name: 'a token in a test YAML that is not a cassette',
      after: { 'tests/fixtures/settings.yaml': `response:\n  body: ${runnerToken}\n` },
      findings: [{ line: 2, messageId: 'secret' }],
    },
    {
      name: 'a new sample env file repeats a session salt a tracked settings file keeps: one more copy to rotate',
      before: { 'app/Core/DefaultConfig.php': `<?php\nclass DefaultConfig {\n    public $sessionPassword = '${random}';\n}\n` },
      after: { 'app/Core/DefaultConfig.php': `<?php\nclass DefaultConfig {\n    public $sessionPassword = '${random}';\n}\n`, 'config/app.env': `LEAN_SESSION_PASSWORD = '${random}'  # salting sessions\n` },
      findings: [{ path: 'config/app.env', line: 1 }],
    },
    {
      name: 'a new service env file gives a new exporter the password the tracked env file of the database keeps',
      before: { 'env/redis-cache.env': `REDIS_PASSWORD=${password}\n` },
      after: { 'env/redis-cache.env': `REDIS_PASSWORD=${password}\n`, 'env/redis-cache-exporter.env': `REDIS_ADDR=redis://redis-cache:6379\nREDIS_PASSWORD=${password}\n` },
      findings: [{ path: 'env/redis-cache-exporter.env', line: 2 }],
    },
    {
      name: 'the same key with another value than the one the change removes elsewhere: a new secret',
      before: { 'docker-compose.yml': `services:\n  web:\n    image: app:1\n    environment:\n      APP_SECRET_TOKEN: ${hex}\n` },
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: app:1\n    env_file: secrets.env\n', 'secrets.env': `APP_SECRET_TOKEN=${random}\n` },
      findings: [{ path: 'secrets.env', line: 1 }],
    },
    {
      name: 'a password a test fixture holds, copied into production settings: production now runs with it',
      before: { 'tests/fixtures/settings.json': `{"db_password": "${password}"}\n` },
      after: { 'tests/fixtures/settings.json': `{"db_password": "${password}"}\n`, 'app/settings.py': `DB_PASSWORD = "${password}"\n` },
      findings: [{ path: 'app/settings.py', line: 1 }],
    },
    {
      name: 'a new password repeated in two URLs of the same change is reported once, naming the other line (neither copy holds the other)',
      after: { 'deploy/app.yaml': `primary: postgres://app:${random}@db-1/app\nreplica: postgres://app:${random}@db-2/app\n` },
      findings: [{ path: 'deploy/app.yaml', line: 1, remediation: /also on line 2 of this file/ }],
    },
    {
      name: 'a new private key whose BEGIN line other keys of the repository share',
      before: { 'certs/old.pem': otherPem },
      after: { 'certs/old.pem': otherPem, 'certs/new.pem': pem },
      findings: [{ path: 'certs/new.pem', line: 1 }],
    },
    {
      name: 'a provider token in development configuration, and the same random key in production configuration',
      after: { '.devcontainer/.env': `GITHUB_TOKEN=${ghp}\n`, 'deploy/.env': `APP_ENCRYPTION_KEY=${random}\n` },
      findings: [
        { path: '.devcontainer/.env', line: 1, messageId: 'secret' },
        { path: 'deploy/.env', line: 1, messageId: 'secret' },
      ],
    },
    {
      name: 'credentials in connection strings of every scheme, package-manager URLs and lock files',
      after: {
        'config/prod.yaml': [
          `mongo: mongodb+srv://app:${gen([ALNUM, 8], [DIGITS, 2], [ALNUM, 6])}@cluster0.example.mongodb.net/app`,
          `cache: redis://:${gen([ALNUM, 20])}@cache.internal:6379/0`,
          `queue: amqps://worker:${gen([ALNUM, 18])}@mq.internal:5671/vhost`,
          `mail: smtp://alerts:${gen([ALNUM, 16])}@smtp.example.com:587`,
          `files: ftp://upload:${gen([ALNUM, 14])}@files.example.com/in`,
          `jdbc: jdbc:postgresql://db.internal:5432/app?user=app&password=${gen([ALNUM, 16])}`,
        ].join('\n') + '\n',
        'pip.conf': `[global]\nindex-url = https://__token__:${gen([ALNUM, 24])}@pypi.example.com/simple\n`,
        '.npmrc': `//npm.example.com/:_authToken=${uuid}\n`,
        'yarn.lock': `pkg@^1.0.0:\n  resolved "https://deploy:${gen([ALNUM, 20])}@npm.example.com/pkg/-/pkg-1.0.0.tgz"\n`,
        'jsonnetfile.lock.json': `{"source": {"git": {"remote": "https://deploy:${gen([ALNUM, 20])}@git.example.com/lib.git"}}}\n`,
      },
      findings: [
        { path: '.npmrc', line: 1 },
        { path: 'config/prod.yaml', line: 1 }, { path: 'config/prod.yaml', line: 2 }, { path: 'config/prod.yaml', line: 3 },
        { path: 'config/prod.yaml', line: 4 }, { path: 'config/prod.yaml', line: 5 }, { path: 'config/prod.yaml', line: 6 },
        { path: 'jsonnetfile.lock.json', line: 1 },
        { path: 'pip.conf', line: 2 },
        { path: 'yarn.lock', line: 2 },
      ],
    },
    {
      name: 'raw private keys next to a key name, and base64-encoded PEM keys',
      after: {
        'deploy/kubeconfig': `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(pem).toString('base64')}\n`,
        'deploy/wallet.env': `DEPLOYER_PRIVATE_KEY=0x${gen([HEX, 64])}\n`,
        'deploy/wg0.conf': `[Interface]\nPrivateKey = ${gen([BASE64, 43])}=\n`,
      },
      findings: [{ path: 'deploy/kubeconfig', line: 4, message: /base64-encoded private key/ }, { path: 'deploy/wallet.env', line: 1 }, { path: 'deploy/wg0.conf', line: 2 }],
    },
    {
      name: 'an env-file value with brackets and a dollar inside is a literal (compose does not run commands)',
      before: { 'env/app.env': 'DEBUG=false\n' },
      after: { 'env/app.env': `DEBUG=false\nSECRET_KEY=${gen([ALNUM, 8])}(${gen([ALNUM, 3])})${gen([ALNUM, 6])}$(_${gen([ALNUM, 20])}#${gen([ALNUM, 6])}\nTOKEN_CMD=$(cat /run/secrets/token)\nDB_PASSWORD=\${DB_PASSWORD}\n` },
      findings: [{ line: 2, message: /`SECRET_KEY`/ }],
    },
    {
      // `.env.example` is copied to `.env` as it is: a word in the file name does not make its values test data.
      name: 'a random credential in an env template, and in the plain compose file beside a test stack',
      after: {
        '.env.example': `CLIENT_SECRET=${gen([ALNUM, 32])}\n`,
        'docker-compose.yml': `services:\n  app:\n    environment:\n      API_TOKEN: ${gen([ALNUM, 32])}\n`,
        'docker-compose.tests.yml': `services:\n  app:\n    environment:\n      API_TOKEN: ${gen([ALNUM, 32])}\n`,
      },
      findings: [{ path: '.env.example', line: 1 }, { path: 'docker-compose.yml', line: 4 }],
    },
    {
      name: 'a random-looking secret, a composed password and a URL with a password in a document are still reported',
      after: {
        'INSTALL.md': [`api_key="${random}"`, `password: ${['Gz', 'ocr', 'League', '2024'].join('-')}`, `DATABASE_URL=postgres://app:${'unleash'}4all@db.acme-corp.dev/app`, ''].join('\n'),
      },
      findings: [{ line: 1 }, { line: 2 }, { line: 3, message: /URL/ }],
    },
    {
      name: 'a sample that names a real host, a provider token in a local sample, and a local env template are still reported',
      after: {
        'book/src/integrations/radius.md': ['```toml', 'url = "https://idm.acme-corp.dev"', `password = "${'cr4b'}z${'r0ol'}"`, '```', '', 'Run it on `localhost:8443` with:', '', `    export GITHUB_TOKEN=${ghp}`, ''].join('\n'),
        'charts/app/values.example.yaml': ['backend:', '  env:', '    - name: DATABASE_URL', '      value: postgres://db.acme-corp.dev/app', '    - name: JWT_SECRET', `      value: ${hex}`, ''].join('\n'),
        '.env.example': `BASE_URL=http://localhost:8080\nTWITTER_SECRET=${random}\n`,
      },
      findings: [
        { path: '.env.example', line: 2 },
        { path: 'book/src/integrations/radius.md', line: 3 },
        { path: 'book/src/integrations/radius.md', line: 8, message: /GitHub/ },
        { path: 'charts/app/values.example.yaml', line: 6 },
      ],
    },
    {
      name: 'a value whose comment asks to replace it, in production configuration, as a provider token in a template, or past a blank line below the comment, is still reported',
      after: {
        '.env.production': `SESSION_PASSWORD=${gen([ALNUM, 40])}  # replace with a strong password\n`,
        'config/sample.env': `GITHUB_TOKEN=${ghp}  # replace with your own token\nJWT_SECRET=${hex}  # the signing key\n`,
        '.env.example': `# Replace these with your own values\nAPP_NAME=acme\n\nSESSION_SECRET=${keyStart.slice(0, 40)}\n`,
      },
      findings: [
        { path: '.env.example', line: 4 },
        { path: '.env.production', line: 1 },
        { path: 'config/sample.env', line: 1, message: /GitHub/ },
        { path: 'config/sample.env', line: 2 },
      ],
    },
    {
      name: 'a commented-out line with a new value, and a tracked value set on a live line, are still reported',
      before: { 'charts/clickhouse/values.yaml': `password: ${uuid}\n` },
      after: {
        'charts/clickhouse/values.yaml': `password: ${uuid}\n`,
        'charts/app/values.yaml': ['clickhouse:', `  # password: ${gen([HEX, 8], '-', [HEX, 4], '-4', [HEX, 3], '-a', [HEX, 3], '-', [HEX, 12])}`, ''].join('\n'),
        'charts/web/values.yaml': ['clickhouse:', `  password: ${uuid}`, ''].join('\n'),
      },
      findings: [{ path: 'charts/app/values.yaml', line: 2 }, { path: 'charts/web/values.yaml', line: 2 }],
    },
    {
      name: 'a value written as words that asks for nothing, and a random key after such words, are still reported',
      after: {
        '.env': ['MORTY_KEY=Base64KeySharedBetweenMortyAndSearxForTheImageProxy', `APP_KEY=UseARealKey${random}`, ''].join('\n'),
      },
      findings: [{ line: 1 }, { line: 2 }],
    },
    {
      name: 'a template variant\'s changed password, and the template\'s password in a variant the stack loads, are still reported',
      before: { '.example.env': kuttTemplate, 'deploy/.example.env': kuttTemplate, 'deploy/docker-compose.yml': kuttCompose('.docker.env') },
      after: {
        '.example.env': kuttTemplate,
        '.docker.env': kuttVariant.replace(neoPassword, gen([ALNUM, 16])),
        'deploy/.example.env': kuttTemplate,
        'deploy/docker-compose.yml': kuttCompose('.docker.env'),
        'deploy/.docker.env': kuttVariant,
      },
      findings: [{ path: '.docker.env', line: 8 }, { path: 'deploy/.docker.env', line: 8 }],
    },
    {
      name: 'a copy of a tracked env file with a password its original does not hold, and the original\'s password in a file that is no copy, are reported',
      before: { env: ninjaEnv },
      after: {
        env: ninjaEnv,
        'debian/.env': ninjaEnv.replace('DB_PASSWORD=ninja\n', `DB_PASSWORD=ninja\nDB_ROOT_PASSWORD=${gen([ALNUM, 18])}\n`),
        'exporter/.env': `EXPORTER_DB_PASSWORD=${ninjaRoot}\n`,
      },
      findings: [{ path: 'debian/.env', line: 8 }, { path: 'exporter/.env', line: 1 }],
    },
    {
      name: 'a new value in a document, and a tracked value copied into configuration, are still reported',
      before: { 'charts/app/demo.yaml': `adminToken:\n  value: "${demoToken}"\n` },
      after: {
        'charts/app/demo.yaml': `adminToken:\n  value: "${demoToken}"\n`,
        'charts/app/README.md': ['```yaml', 'adminToken:', `  value: "${gen([BASE64, 48])}"`, '```', ''].join('\n'),
        'charts/app/values.yaml': `adminToken:\n  value: "${demoToken}"\n`,
      },
      findings: [{ path: 'charts/app/README.md', line: 3 }, { path: 'charts/app/values.yaml', line: 2 }],
    },
    {
      // A provider's secret format is live wherever it is; a React file with server code, or in an App Router folder without "use client", may run on the server only.
      name: 'a provider token in browser code, and a generic key in a React file that runs on the server, are still reported',
      after: {
        'web/src/components/Upload.tsx': `const token = "${ghp}";\n`,
        'web/app/dashboard/page.tsx': `const API_SECRET_KEY = "${gen([ALNUM, 40])}";\nexport default async function Page() { return null; }\n`,
        'web/pages/report.tsx': `const API_SECRET_KEY = "${gen([ALNUM, 40])}";\nexport async function getServerSideProps() { return { props: {} }; }\n`,
      },
      findings: [{ path: 'web/app/dashboard/page.tsx', line: 1 }, { path: 'web/pages/report.tsx', line: 1 }, { path: 'web/src/components/Upload.tsx', line: 1, message: /GitHub personal access token/ }],
    },
    {
      name: "a provider token in a Docusaurus site configuration is still reported",
      after: { 'website/docusaurus.config.ts': `export default {\n  customFields: { deployToken: "${ghp}" },\n};\n` },
      findings: [{ line: 2, message: /GitHub personal access token/ }],
    },
    {
      name: 'a secret beside an ARN on its line, a value under another key of a Pulumi stack, and secure: outside one, are still reported',
      after: {
        'deploy/task.yaml': `valueFrom: arn:aws:secretsmanager:eu-central-1:123456789012:secret:app/db password: ${createHash('sha256').update('beside arn').digest('hex')}\n`,
        'pulumi/Pulumi.prod.yaml': `config:\n  app:api-token: ${createHash('sha256').update('plain pulumi').digest('hex')}\n`,
        'config/app.yaml': `db:\n  secure: ${createHash('sha256').update('not pulumi').digest('base64')}\n`,
      },
      findings: [
        { path: 'config/app.yaml', line: 2 },
        { path: 'deploy/task.yaml', line: 1 },
        { path: 'pulumi/Pulumi.prod.yaml', line: 2 },
      ],
    },
    {
      name: 'a provider token in a contributor guide is still reported',
      after: { 'CONTRIBUTING.md': `To publish, run \`npm config set //registry.npmjs.org/:_authToken ${gen('npm_', [ALNUM, 36])}\`\n` },
      findings: [{ line: 1, message: /npm access token/ }],
    },
    {
      name: 'a live provider token in a test stack is still a secret',
      after: { 'docker-compose.test.yml': `services:\n  app:\n    environment:\n      GITHUB_TOKEN: ${ghp}\n` },
      findings: [{ line: 4, message: /GitHub personal access token/ }],
    },
    {
      name: 'a JWT of a hosted issuer in a test file: a Supabase project key, an https issuer',
      after: {
        'test/integration/client.test.ts': [
          `const serviceRole = "${jwt({ iss: 'supabase', ref: gen([LOWER, 20]), role: 'service_role', exp: 4102444800 })}";`,
          `const idToken = "${jwt({ iss: 'https://accounts.google.com', sub: gen([DIGITS, 21]), exp: 4102444800 })}";`,
          '',
        ].join('\n'),
      },
      findings: [{ line: 1, message: /JSON Web Token/ }, { line: 2, message: /JSON Web Token/ }],
    },
    {
      name: 'a JavaScript private field is code, not a commented-out line',
      after: { 'src/client.js': `class Client {\n  #apiKey = "${gen([ALNUM, 40])}";\n}\n` },
      findings: [{ line: 2 }],
    },
    {
      name: 'a random value outside the test module of a Rust file',
      after: { 'src/core/types.rs': `const KEY: &str = "${gen([BASE64, 48])}";\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn ids() {}\n}\n` },
      findings: [{ line: 1, message: /high-entropy string/ }],
    },
    {
      name: 'a commented-out provider token in an example configuration, and a secret in a comment of a production configuration',
      after: { 'config.example.toml': `# github_token = "${ghp}"\n`, 'config/app.toml': `# jwt_secret = "${gen([ALNUM, 40])}"\n` },
      findings: [{ path: 'config.example.toml', line: 1, message: /GitHub/ }, { path: 'config/app.toml', line: 1 }],
    },
    { name: 'a live provider token in a test file is still a secret', after: { 'tests/test_github.py': `TOKEN = "${ghp}"\n` }, findings: [{ line: 1, message: /GitHub personal access token/ }] },
    { name: 'a Maps key in application code is reported', after: { 'src/config.js': `export const mapsKey = "${gen('AIza', [URLSAFE, 35])}";\n` }, findings: [{ line: 1, message: /Google API key/ }] },
    {
      name: 'Kubernetes Secret data that decodes to a real password, a URL with a password, or a user:password pair',
      after: { 'k8s/app-secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: ${Buffer.from(gen([ALNUM, 20])).toString('base64')}\n  DATABASE_URL: ${Buffer.from(`postgres://app:${gen([ALNUM, 18])}@db:5432/app`).toString('base64')}\n  extra: ${Buffer.from(`deploy:${gen([ALNUM, 14])}`).toString('base64')}\n  username: ${Buffer.from('app').toString('base64')}\n` },
      findings: [{ line: 4 }, { line: 5 }, { line: 6 }],
    },
    {
      name: 'a GitHub token in Python with os imported gets a suggestion',
      after: { 'app/settings.py': `import os\n\n    GITHUB_TOKEN = "${ghp}"  # deploy bot\n` },
      findings: [{ line: 3, message: /GitHub personal access token \(`ghp_…`\)/, title: /GitHub personal access token/, suggestion: '    GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]  # deploy bot', remediation: /Revoke or rotate it first[\s\S]*os\.environ\["GITHUB_TOKEN"\]/ }],
    },
    {
      name: 'no suggestion without an os import',
      after: { 'app/settings.py': `api_key = "${random}"\n` },
      findings: [{ line: 1, message: /assigned to `api_key`/, suggestion: null, remediation: /import os/ }],
    },
    { name: 'an AWS key pair in a credentials file', after: { 'deploy/credentials': `[default]\naws_access_key_id = ${aws}\naws_secret_access_key = ${gen([BASE64, 40])}\n` }, findings: [{ line: 2, message: /AWS access key ID/ }, { line: 3, message: /AWS secret access key/ }] },
    { name: 'a password in a production env file', after: { '.env.prod': `DB_HOST=db\nDB_PASSWORD=${gen([HEX, 22])}\n` }, findings: [{ line: 2, message: /password assigned to `DB_PASSWORD`/, remediation: /\.gitignore/ }] },
    { name: 'a PEM private key, reported once at its BEGIN line', after: { 'deploy/key.pem': pem }, findings: [{ line: 1, message: /RSA private key/, remediation: /\.gitignore/ }] },
    { name: 'a PEM private key in a config folder, not a CI one', after: { 'docker/config/signing.key': pem }, findings: [{ line: 1, message: /RSA private key/ }] },
    { name: 'a private key inline in a service account JSON', after: { 'sa.json': `{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${pemBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n"\n}\n` }, findings: [{ line: 3, message: /private key/ }] },
    { name: 'a Kubernetes Secret data value', after: { 'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64}\n  username: ""\n` }, findings: [{ line: 7, message: /Kubernetes Secret data value `password`/, remediation: /kubectl create secret/ }] },
    { name: 'curl -u on a continuation line', after: { 'scripts/call.sh': `curl -X POST https://api.example.com/v1 \\\n  -H 'Content-Type: text/plain' \\\n  -u developer:${password}\n` }, findings: [{ line: 3, message: /curl `--user`/, remediation: /curl -u "\$API_USER:\$API_PASSWORD"/ }] },
    { name: 'a curl Authorization header', after: { 'scripts/call.sh': `curl https://api.example.com -H "Authorization: Bearer ${gen([URLSAFE, 40])}"\n` }, findings: [{ line: 1, message: /Authorization/ }] },
    {
      // A provider's token format is live wherever it is written, an API description included.
      name: "a provider token in an OpenAPI document's description",
      after: { 'api/openapi.yaml': `openapi: 3.0.0\ninfo:\n  title: x\n  description: "Call it with token ${ghp}"\n` },
      findings: [{ line: 4, message: /GitHub/ }],
    },
    {
      name: 'a base64-encoded random secret is still a secret',
      after: { 'deploy/dex.yaml': `staticClients:\n- id: app\n  secret: ${Buffer.from(gen([ALNUM, 24])).toString('base64')}\n` },
      findings: [{ line: 3 }],
    },
    {
      name: 'an expired token for a hosted service, a valid token in a local file, and an expired one in JSON that is no REST client export, are still reported',
      after: {
        'docs/links.txt': `https://cdn.example-media.net/master.m3u8?access_token=${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"mid":"2098","iat":1660913560,"exp":1692449560}').toString('base64url')}.${'JrWVgwzIn'.repeat(4)}Qv\n`,
        'api.http': `GET http://localhost:3000/streams\nAuthorization: Bearer ${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1","exp":4102444800}').toString('base64url')}.${'Zm9yZXZlcg'.repeat(4)}x\n`,
        'config/tokens.json': `{"base_url":"http://localhost:1443","bearer_token":"${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"user_id":"1","exp":1557377553}').toString('base64url')}.${'Qm9yZWQ'.repeat(6)}x"}\n`,
      },
      findings: [{ path: 'api.http', line: 2 }, { path: 'config/tokens.json', line: 1 }, { path: 'docs/links.txt', line: 1 }],
    },
    {
      name: "Nx Cloud's read-write access token in nx.json is still reported",
      after: { 'nx.json': `{\n  "nxCloudAccessToken": "${Buffer.from('e68f3a9c2b7d41f0a5c8e2d9b6f1a3c7' + '|read-write').toString('base64')}"\n}\n` },
      findings: [{ line: 2 }],
    },
    { name: 'credentials in a URL', after: { 'config/app.yaml': `database:\n  url: postgres://app:${gen([ALNUM, 18])}@db.internal:5432/app\n` }, findings: [{ line: 2, message: /password in a `postgres:\/\/` URL/ }] },
    {
      name: 'an ODBC connection string split over adjacent Python literals',
      after: { 'src/db.py': `conn_str = (\n    "DRIVER={ODBC Driver 17 for SQL Server};"\n    "SERVER=db.internal;"\n    "UID=app;"\n    "PWD=${gen([ALNUM, 14])};"\n)\n` },
      findings: [{ line: 5, message: /connection string/ }],
    },
    { name: 'an ADO.NET connection string', after: { 'src/Db.cs': `var cs = "Server=db;Database=app;User Id=sa;Password=${gen([ALNUM, 14])};";\n` }, findings: [{ line: 1, message: /connection string/, remediation: /Environment\.GetEnvironmentVariable/ }] },
    { name: 'a Terraform password', after: { 'main.tf': `resource "azurerm_mssql_server" "db" {\n  administrator_login_password = "${gen([ALNUM, 12])}"\n}\n` }, findings: [{ line: 2, remediation: /sensitive = true/ }] },
    { name: 'a Slack webhook in Markdown', after: { 'docs/alerts.md': `Post to https://hooks.slack.com/services/T${gen([BASE32, 8])}/B${gen([BASE32, 8])}/${gen([ALNUM, 24])}\n` }, findings: [{ line: 1, message: /Slack webhook URL/ }] },
    { name: 'a Hugging Face token on a command line', after: { 'Makefile': `login:\n\thuggingface-cli login --token ${hf}\n` }, findings: [{ line: 2, message: /Hugging Face token \(`hf_…`\)/ }] },
    { name: 'a GitHub Actions workflow', after: { '.github/workflows/ci.yml': `jobs:\n  build:\n    env:\n      NPM_TOKEN: ${gen('npm_', [ALNUM, 36])}\n` }, findings: [{ line: 4, message: /npm access token/, remediation: /secrets\.NPM_TOKEN/ }] },
    { name: 'a Dockerfile ENV', after: { 'Dockerfile': `FROM python:3.12-slim\nENV STRIPE_KEY=${stripe}\n` }, findings: [{ line: 2, message: /Stripe secret key/, remediation: /--mount=type=secret/ }] },
    { name: 'two secrets on one line give one finding that mentions the other', after: { 'config.js': `module.exports = { github: "${ghp}", stripe: "${stripe}" };\n` }, findings: [{ line: 1, message: /GitHub/, remediation: /1 more secret/ }] },
    { name: 'a secret added to an existing file', before: { 'config.yaml': 'debug: false\n' }, after: { 'config.yaml': `debug: false\napi_token: ${random}\n` }, findings: [{ line: 2, remediation: /api_token: \$\{API_TOKEN\}/ }] },
    {
      name: 'one line added to a large file (scanned on its own) keeps its line number and context',
      before: { 'scripts/deploy.sh': `${Array.from({ length: 40 }, (_, i) => `echo step ${i}`).join('\n')}\ncurl -X POST https://api.example.com/deploy \\\n  -d ok=1\n` },
      after: { 'scripts/deploy.sh': `${Array.from({ length: 40 }, (_, i) => `echo step ${i}`).join('\n')}\ncurl -X POST https://api.example.com/deploy \\\n  -u deploy:${password} \\\n  -d ok=1\n` },
      findings: [{ line: 42, message: /curl `--user`/ }],
    },
    { name: 'a JWT in application code', after: { 'src/fixtures.json': `{"access_token": "${jwt({ sub: 'svc', exp: 4102444800 })}"}\n` }, findings: [{ line: 1, message: /JSON Web Token/ }] },
    { name: 'a key for a cipher (CIPHER_KEY) is the secret itself', after: { 'app.py': `CIPHER_KEY = '${gen([BASE64, 48])}'\n` }, findings: [{ line: 1 }] },
    { name: 'a high-entropy literal under an unremarkable name: a warning, the rule\'s guess', after: { 'app.py': `VALUE = '${gen([BASE64, 48])}'\n` }, findings: [{ line: 1, message: /high-entropy string/, severity: 'warning' }] },
    {
      name: 'base64 of text that writes a credential, of a sentence (a passphrase), of a passphrase under a secret name, or of random bytes is still reported',
      after: {
        'a.js': `const blob = "${Buffer.from(`{"type": "service_account", "client_secret": "${gen([ALNUM, 24])}", "note": "for the deploy job"}`).toString('base64').slice(0, 190).replace(/=+$/, '')}";\n`,
        'b.py': `API_SECRET = '${Buffer.from('correct horse battery staple sings a long song ' + gen([DIGITS, 4])).toString('base64')}'\n`,
        'c.js': `const v = "${Buffer.from(gen([ALNUM, 48])).toString('base64')}";\n`,
        'd.py': `SUPER_SEEKRIT_VALUE = '${Buffer.from('a long sentence that stands in for a passphrase ' + gen([DIGITS, 4])).toString('base64')}'\n`,
      },
      findings: [{ path: 'a.js', line: 1 }, { path: 'b.py', line: 1 }, { path: 'c.js', line: 1 }, { path: 'd.py', line: 1 }],
    },
    {
      name: 'a Base58 token in a file that says nothing of blockchains, and a Base58 value under a secret name in one that does, are reported',
      after: { 'src/config.js': `const v = "${base58Of('value')}";\n`, 'src/wallet.js': `// Solana wallet\nconst SIGNER_SECRET = "${base58Of('signer')}";\n` },
      findings: [{ path: 'src/config.js', line: 1 }, { path: 'src/wallet.js', line: 2 }],
    },
    {
      name: 'the OAuth client secret of a web app or a server is confidential',
      after: { 'config/oauth.go': `const (\n\tWebClientSecret = "${base58Of('web').slice(0, 32)}"\n\tGITHUB_CLIENT_SECRET = "${base58Of('github').slice(0, 32)}"\n)\n` },
      findings: [{ line: 2 }, { line: 3 }],
    },
    {
      name: "a named key in a file whose header says it is part of this repository's own project, and a provider token in another's, are reported",
      repository: { owner: 'acmelabs', name: 'bookshelf-plus' },
      after: {
        'app/provider.py': `#  This file is part of Bookshelf Plus (https://github.com/acmelabs/bookshelf-plus)\nAPI_KEY = "${createHash('sha1').update('own').digest('hex')}"\n`,
        'cps/github.py': `#  This file is part of the Bookshelf (https://github.com/someone/bookshelf)\nTOKEN = "${ghp}"\n`,
      },
      findings: [{ path: 'app/provider.py', line: 2 }, { path: 'cps/github.py', line: 2 }],
    },
    {
      name: 'a key a tracked development file holds, copied into production configuration, is reported',
      before: { '.dev/testing-host-key': pem },
      after: { '.dev/testing-host-key': pem, 'config/deploy.php': `<?php\n$key = <<<'KEY'\n${pem}KEY;\n` },
      findings: [{ path: 'config/deploy.php', line: 3 }],
    },
    // hackathon-starter: the demo accounts' live API keys, held by the production config/secrets.js, copied into .env.example.
    {
      name: 'a value production code already holds, copied into an example file, is reported',
      before: { 'config/secrets.js': `module.exports = { apiKey: "${createHash('sha1').update('live').digest('hex')}" };\n` },
      after: { 'config/secrets.js': `module.exports = { apiKey: "${createHash('sha1').update('live').digest('hex')}" };\n`, '.env.example': `API_KEY=${createHash('sha1').update('live').digest('hex')}\n` },
      findings: [{ path: '.env.example', line: 1 }],
    },
    {
      // The generic rules' other guesses warn: on repositories nobody had labelled, they failed a merge rightly six times in thirty-eight.
      name: 'a word-like password under a secret-named key, and a password in a URL, are warnings',
      after: { 'app/config.py': `SMTP_PASSWORD = '${['Qv7', 'harbour', 'L4ntern'].join('-')}'\nDATABASE_URL = 'postgresql://app:${['Wd3', 'meadow', 'K9ite'].join('-')}@db.internal:5432/app'\n` },
      findings: [
        { line: 1, severity: 'warning' },
        { line: 2, severity: 'warning' },
      ],
    },
    { name: 'a random value under a secret-named key stays a failure', after: { 'app.py': `API_SECRET = '${gen([BASE64, 48])}'\n` }, findings: [{ line: 1, severity: 'failure' }] },
    {
      name: 'option extra_rules: a team token format',
      after: { 'deploy.sh': `export ACME_DEPLOY=acme_dep_${gen([ALNUM, 24])}\n` },
      options: { extra_rules: [{ id: 'acme-deploy-token', description: 'Acme deploy token', regex: '\\b(acme_dep_[A-Za-z0-9]{24})\\b', keywords: ['acme_dep_'] }] },
      findings: [{ line: 1, message: /Acme deploy token/ }],
    },
  ],
});
