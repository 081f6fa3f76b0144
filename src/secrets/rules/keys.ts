// Secret rules for keys and signed tokens: PEM private keys, age keys, JWTs, Kubernetes Secret values.
import { findKubernetesSecretData, findPrivateKeys, isKubernetesSecretEntry, mayHoldKubernetesSecret } from '../contextual.js';
import { decodeBase64 } from '../placeholder.js';
import type { SecretRule } from '../rule.js';
import { ALNUM, BASE64, URLSAFE, fill, gen } from '../samples.js';

/** A JWT header that decodes to a JSON object naming an algorithm, type or key id. */
function isJwt(token: string): boolean {
  const decoded = decodeBase64(token.split('.')[0] ?? '');
  return decoded !== null && /^\s*\{/.test(decoded) && /"(?:alg|typ|kid|enc)"/.test(decoded);
}

export const KEY_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    kind: 'private key',
    description: 'PEM private keys (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP blocks), also inline with `\\n` escapes; one finding at the BEGIN line.',
    keywords: ['private key'],
    find: findPrivateKeys,
    // Test suites carry throw-away TLS and SSH keys for their own servers.
    skipInTests: true,
    revoke: 'wherever the key is trusted (authorized_keys, the certificate authority, the cloud console): replace the key pair',
    tps: [
      { text: ['-----BEGIN RSA PRIVATE KEY-----', gen([BASE64, 64]), gen([BASE64, 64]), gen([BASE64, 20], '=='), '-----END RSA PRIVATE KEY-----', ''].join('\n'), path: 'keys/server.key' },
      `"private_key": "-----BEGIN PRIVATE KEY-----\\n${gen([BASE64, 64])}\\n${gen([BASE64, 40])}\\n-----END PRIVATE KEY-----\\n",`,
    ],
    fps: [
      { text: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n', path: 'README.md' },
      { text: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n' + gen([BASE64, 64]) + '\n-----END PGP PUBLIC KEY BLOCK-----\n', path: 'keys/public.asc' },
    ],
  },
  {
    id: 'age-secret-key',
    kind: 'age secret key',
    description: 'age encryption secret keys (`AGE-SECRET-KEY-1…`).',
    keywords: ['age-secret-key-1'],
    regex: /(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![\w])/g,
    entropy: 3.5,
    prefix: 'AGE-SECRET-KEY-1',
    tps: [gen('AGE-SECRET-KEY-1', ['QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58])],
    fps: ['AGE-SECRET-KEY-1' + fill('Q', 58)],
  },
  {
    id: 'jwt',
    kind: 'JSON Web Token',
    description: 'JSON Web Tokens (`eyJ….eyJ….…`) whose header decodes to a JWT header, and base64-encoded JWTs.',
    keywords: ['eyj', 'eya', 'zxlk'],
    regex: /(?<![\w.-])(ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)|(?<![\w+/])(ZXlK[A-Za-z0-9+/]{60,}={0,2})/g,
    entropy: 3,
    accept: (s) => (s.startsWith('ZXlK') ? isJwt((decodeBase64(s) ?? '').split(/[^\w.-]/)[0]!) : isJwt(s)),
    revoke: 'the issuer (invalidate the session or rotate the signing key if it does not expire soon)',
    tps: [
      `Authorization: Bearer ${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"sub":"${gen([ALNUM, 12])}","exp":4102444800}`).toString('base64url')}.${gen([URLSAFE, 43])}`,
    ],
    fps: [`token = "${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1234567890","name":"John Doe","iat":1516239022}').toString('base64url')}.${gen([URLSAFE, 43])}"`, 'eyeglasses.eyebrows.example'],
  },
  {
    id: 'kubernetes-secret-yaml',
    kind: 'Kubernetes Secret value',
    description: 'Values under `data:` and `stringData:` in Kubernetes `kind: Secret` manifests.',
    keywords: [],
    appliesTo: mayHoldKubernetesSecret,
    find: findKubernetesSecretData,
    claims: isKubernetesSecretEntry,
    skipInTests: true,
    revoke: 'the system the credential belongs to',
    tps: [{ text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${Buffer.from(gen([ALNUM, 16])).toString('base64')}\n`, path: 'k8s/secret.yaml' }],
    fps: [
      { text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: csrf\ndata:\n  csrf: ""\n', path: 'k8s/secret.yaml' },
      { text: 'apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n', path: 'templates/secret.yaml' },
      { text: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n    - secretKey: api-key\n      remoteRef:\n        key: my-secrets-manager-secret\n', path: 'k8s/secret.yaml' },
    ],
  },

];
