// Secret rules for keys and signed tokens: PEM private keys, age keys, JWTs, Kubernetes Secret values.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { findKubernetesSecretData, findPrivateKeys, isKubernetesSecretEntry, mayHoldKubernetesSecret } from '../contextual.js';
import { decodeBase64, isExpiredJwt } from '../placeholder.js';
import { isSecretName } from '../../parse/secret-names.js';
import { inTestCode, type Candidate, type LineContext, type SecretRule } from '../rule.js';
import { ALNUM, ALNUM_LOWER, BASE64, HEX, URLSAFE, fill, gen } from '../samples.js';
import { env, keyed, py, yaml } from './helpers.js';

/**
 * Base64 DER that decodes to a private key: a SEQUENCE whose first member is a small INTEGER version
 * (PKCS#1 and PKCS#8 use 0, EC keys 1, PKCS#12 3). Public keys (SubjectPublicKeyInfo) and certificates
 * open with a nested SEQUENCE instead.
 */
function isDerPrivateKey(value: string): boolean {
  const der = Buffer.from(value, 'base64');
  if (der.length < 32 || der[0] !== 0x30) return false;
  const first = der[1]!;
  const offset = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return der[offset] === 0x02 && der[offset + 1] === 0x01 && [0, 1, 3].includes(der[offset + 2]!);
}

/** A JWT header that decodes to a JSON object naming an algorithm, type or key id. */
function isJwt(token: string): boolean {
  const decoded = decodeBase64(token.split('.')[0] ?? '');
  return decoded !== null && /^\s*\{/.test(decoded) && /"(?:alg|typ|kid|enc)"/.test(decoded);
}

/** A JWT's payload as an object, or null when it does not decode to one. */
function jwtPayload(token: string): Record<string, unknown> | null {
  const decoded = decodeBase64(token.split('.')[1] ?? '');
  if (decoded === null) return null;
  try {
    const payload: unknown = JSON.parse(decoded);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Host names that are never a hosted service: loopback, private and reserved names (RFC 2606, RFC 6761). */
const LOCAL_HOST = /^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|10(?:\.\d+){3}|192\.168(?:\.\d+){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d+){2}|\[?::1\]?|host\.docker\.internal)$|\.(?:localhost|local|test|example|invalid|internal|lan)$|(?:^|\.)example\.(?:com|org|net)$/;

/**
 * Whether a JWT names a hosted issuer that would accept it: an `iss` that is a URL of a public host
 * (`https://accounts.google.com`, `https://abcd….supabase.co/auth/v1`), or a Supabase project key (`iss:
 * supabase` with a project `ref` of 20 lower-case letters, the id of a project hosted at `<ref>.supabase.co`).
 * A test suite's tokens are signed by its own test secret for a local issuer (`ref: 127.0.0.1`, `iss:
 * supabase-demo`, no `iss` at all).
 */
function hostedIssuer(token: string): boolean {
  const payload = jwtPayload(token);
  if (!payload) return true;
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  if (iss === 'supabase' && typeof payload.ref === 'string' && /^[a-z]{20}$/.test(payload.ref)) return true;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s]+)/i.exec(iss)?.[1]?.toLowerCase();
  return host !== undefined && host.includes('.') && !LOCAL_HOST.test(host);
}

/** The PKCS#8 DER header of an Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 public key of a 32-byte seed, or null when it cannot be derived. */
export function ed25519PublicKey(seed: Buffer): Buffer | null {
  try {
    const spki = createPublicKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
    return spki.subarray(spki.length - 32);
  } catch {
    return null;
  }
}

/**
 * The public half of a raw 64-byte Ed25519 private key (the seed then the public key, as Go's
 * crypto/ed25519, NaCl and libsodium write it), in hex, base64 or base64url, or null when the value is not
 * one: the second half must be the public key the first derives, which random bytes never are.
 */
export function rawEd25519PublicHalf(value: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{128}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]{85,86}(?:==)?$/.test(value) ? Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : null;
  if (bytes?.length !== 64) return null;
  const derived = ed25519PublicKey(bytes.subarray(0, 32));
  return derived !== null && derived.equals(bytes.subarray(32)) ? bytes.subarray(32) : null;
}

/** The ways a raw public key is written: base64 (padded or not), base64url, hex. */
export function publicKeySpellings(key: Buffer): string[] {
  const b64 = key.toString('base64');
  return [b64, b64.replace(/=+$/, ''), key.toString('base64url'), key.toString('hex'), key.toString('hex').toUpperCase()];
}

/** A run of 86 to 88 base64 or base64url characters, or 128 hex digits, on its own (the size of a raw 64-byte key). */
const RAW_64_BYTES = /(?<![A-Za-z0-9+/=_-])([A-Za-z0-9+/_-]{85,86}(?:==)?|[0-9a-fA-F]{128})(?![A-Za-z0-9+/=_-])/g;

/** Sample Ed25519 key pairs, derived at run time from a drawn seed: `[raw private key in base64, public key in base64]`. */
export function sampleEd25519(): [string, string] {
  const seed = Buffer.from(gen([HEX, 64]), 'hex');
  const pub = ed25519PublicKey(seed)!;
  return [Buffer.concat([seed, pub]).toString('base64'), pub.toString('base64')];
}

const SEED_LENGTHS = new Set([12, 15, 18, 21, 24]);
/** `KEY = "w1 w2 … w12"`, `key: w1 … w12`, `KEY=w1 … w12`: the key, then a run of lower-case words, quoted or to the end of the line. */
const SEED_ASSIGNMENT = /([A-Za-z_][\w.-]*)["']?[ \t]*(?:=>|:=|[:=])[ \t]*(["'`]?)([a-z]{3,8}(?: [a-z]{3,8}){11,23})\2(?=[\s,;)#]|$)/g;
/** Words a stand-in sentence uses (`your twelve word seed phrase goes here`). */
const SEED_STAND_IN_WORDS = new Set(['your', 'here', 'word', 'words', 'seed', 'phrase', 'mnemonic', 'twelve', 'example', 'sample', 'dummy', 'placeholder', 'replace', 'insert', 'secret', 'goes', 'with', 'the']);

/**
 * Seed phrases given to a mnemonic or seed-phrase key. The words are not checked against the BIP-39 list:
 * lower-case words of 3 to 8 letters in one of the lengths wallets use, nearly all different, are the shape;
 * repeated words (the `test … junk` development mnemonic) and stand-in sentences are not.
 */
function findSeedPhrases(line: LineContext): Candidate[] {
  const found: Candidate[] = [];
  for (const m of line.text.matchAll(SEED_ASSIGNMENT)) {
    const name = m[1]!;
    const words = m[3]!.split(' ');
    if (!isSecretName(name) || !/mnemonic|seed|phrase|words/i.test(name) || !SEED_LENGTHS.has(words.length)) continue;
    if (new Set(words).size < words.length - 2 || words.filter((w) => SEED_STAND_IN_WORDS.has(w)).length > 1) continue;
    const start = m.index + m[0].lastIndexOf(m[3]!);
    found.push({ start, end: start + m[3]!.length, secret: m[3]!, name });
  }
  return found;
}

/** Made-up lower-case words for samples, drawn at run time like every other sample. */
function seedPhrase(count: number): string {
  return Array.from({ length: count }, () => gen(['bcdfghklmnprstvz', 1], ['aeiou', 1], ['bcdfghklmnprstvz', 1], ['aeiou', 1], ['lmnrst', 1])).join(' ');
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
    accept: (s, line) => {
      const token = s.startsWith('ZXlK') ? (decodeBase64(s) ?? '').split(/[^\w.-]/)[0]! : s;
      // In test code a token is signed by the suite's own test secret, like a test TLS key; one a hosted issuer accepts
      // is still live, unless it has expired (an expected output of the suite's encoder, `exp` in 2000).
      return isJwt(token) && (!inTestCode(line) || (hostedIssuer(token) && !isExpiredJwt(token)));
    },
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


  {
    id: 'base64-private-key',
    kind: 'base64-encoded private key',
    description: 'PEM private keys encoded in base64 (kubeconfig `client-key-data`, Helm values, CI variables): `LS0tLS1CRUdJTi…`.',
    keywords: ['ls0tls1crudjti'],
    regex: /(?<![A-Za-z0-9+/])(LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,}={0,2})(?![A-Za-z0-9+/=])/g,
    entropy: 4,
    skipInTests: true,
    accept: (s) => /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY/.test(decodeBase64(s) ?? ''),
    revoke: 'wherever the key is trusted (the cluster, the certificate authority): replace the key pair',
    tps: [yaml('    client-key-data', Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${gen([BASE64, 64])}\n${gen([BASE64, 64])}\n-----END RSA PRIVATE KEY-----\n`).toString('base64'))],
    fps: [yaml('    client-certificate-data', Buffer.from(`-----BEGIN CERTIFICATE-----\n${gen([BASE64, 64])}\n-----END CERTIFICATE-----\n`).toString('base64'))],
  },
  {
    id: 'raw-private-key',
    kind: 'private key',
    description:
      'Private keys without PEM armour next to a key name: base64 DER (PKCS#1, PKCS#8, EC, PKCS#12), 64-hex keys of wallets and signers (`PRIVATE_KEY=0x…`), WireGuard `PrivateKey =`, Nostr `nsec1…`.',
    keywords: ['private', 'priv', 'signing', 'signer', 'wallet', 'deployer', 'mnemonic', 'nsec1', 'keystore', 'p12', 'pfx'],
    regex: new RegExp(`${keyed(['private_key', 'privatekey', 'private-key', 'priv_key', 'privkey', 'signing_key', 'signer_key', 'wallet_key', 'deployer_key', 'keystore', 'p12', 'pfx'], 'MI[A-Za-z0-9+/]{60,6000}={0,2}|MHcCAQEE[A-Za-z0-9+/]{60,200}={0,2}|MC4CAQAw[A-Za-z0-9+/]{20,80}={0,2}|(?:0x)?[a-fA-F0-9]{64}|[A-Za-z0-9+/]{43}=').source}|(?<![\\w])(nsec1[a-z0-9]{58})(?![\\w])`, 'g'),
    entropy: 3.3,
    skipInTests: true,
    accept: (s) => s.startsWith('nsec1') || /^(?:0x)?[a-fA-F0-9]{64}$/.test(s) || /=$/.test(s) && s.length === 44 || isDerPrivateKey(s),
    revoke: 'wherever the key is trusted: replace the key pair (for a wallet key, move the funds)',
    tps: [
      env('DEPLOYER_PRIVATE_KEY', gen('0x', [HEX, 64])),
      gen('PrivateKey = ', [BASE64, 43], '='),
      py('private_key', Buffer.from([0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00, ...Buffer.from(gen([ALNUM, 90]))]).toString('base64')),
    ],
    fps: [
      py('public_key', Buffer.from([0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, ...Buffer.from(gen([ALNUM, 90]))]).toString('base64')),
      py('private_key_path', '/etc/keys/' + gen([ALNUM_LOWER, 8]) + '.pem'),
      env('PRIVATE_KEY', fill('0', 64)),
    ],
  },
  {
    id: 'ed25519-private-key',
    kind: 'Ed25519 private key',
    description:
      'Raw 64-byte Ed25519 private keys (seed and public key, as Go, NaCl and libsodium write them) in base64, base64url or hex, whatever their name: the second half must be the public key the first derives.',
    keywords: [],
    minTokenRun: 85,
    find: (line) => [...line.text.matchAll(RAW_64_BYTES)].filter((m) => rawEd25519PublicHalf(m[1]!) !== null).map((m) => ({ start: m.index, end: m.index + m[1]!.length, secret: m[1]! })),
    // Test suites carry throw-away signing keys, as they carry TLS keys (but see the secrets check: a key whose public half the change configures elsewhere).
    skipInTests: true,
    revoke: 'wherever its public key is trusted: generate a new key pair, replace the public key there and re-sign what the old key signed',
    tps: [sampleEd25519()[0], { text: `PRIVATE KEY:\n${Buffer.from(sampleEd25519()[0], 'base64').toString('hex')}\n`, path: 'README.md' }],
    fps: [gen([BASE64, 86], '=='), `"integrity": "sha512-${gen([BASE64, 86])}=="`, { text: `PUBLIC KEY:\n${sampleEd25519()[1]}\n`, path: 'README.md' }],
  },
  {
    id: 'wallet-seed-phrase',
    kind: 'wallet seed phrase',
    description:
      'BIP-39-style wallet seed phrases (12, 15, 18, 21 or 24 lower-case words of 3 to 8 letters, nearly all different) given to a key that names a mnemonic or seed phrase (`MNEMONIC`, `SEED_PHRASE`, `WALLET_SEED`).',
    keywords: ['mnemonic', 'seed', 'phrase', 'recovery'],
    find: findSeedPhrases,
    skipInTests: true,
    revoke: 'the wallet itself: a seed phrase cannot be rotated, so move the funds to a wallet with a new seed',
    tps: [env('SPARK_MNEMONIC', `"${seedPhrase(12)}"`), yaml('wallet_seed', seedPhrase(24)), py('SEED_PHRASE', seedPhrase(12))],
    fps: [
      env('MNEMONIC', `"${Array.from({ length: 11 }, () => 'test').join(' ')} junk"`),
      env('SEED_PHRASE', '"your twelve word seed phrase goes here and keep it safe please"'),
      py('RANDOM_SEED', seedPhrase(12)),
      py('MNEMONIC', seedPhrase(11)),
      { text: `Restore the wallet from its seed phrase: ${seedPhrase(12)}\n`, path: 'README.md' },
    ],
  },
  {
    id: 'putty-private-key',
    kind: 'PuTTY private key',
    description: 'PuTTY private key files (`PuTTY-User-Key-File-2/3:` with `Private-Lines:`).',
    keywords: ['putty-user-key-file-'],
    regex: /^(PuTTY-User-Key-File-[23]):\s*\S+/g,
    accept: (_s, line) => line.file.lines.slice(line.index, line.index + 60).some((l) => /^Private-Lines:\s*\d+/.test(l)),
    skipInTests: true,
    tps: [{ text: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${gen([BASE64, 64])}\n${gen([BASE64, 20])}\nPrivate-Lines: 1\n${gen([BASE64, 44])}\nPrivate-MAC: ${gen([HEX, 64])}\n`, path: 'keys/deploy.ppk' }],
    fps: [{ text: 'Save the key as a PuTTY-User-Key-File-3: file with puttygen.\n', path: 'docs/ssh.md' }],
  },
  {
    id: 'jwk-private-key',
    kind: 'JSON Web Key private key',
    description: 'Private JSON Web Keys: a `"d"` member next to `"kty"` (RSA, EC, OKP keys).',
    keywords: ['"d"'],
    regex: /"d"\s*:\s*"([A-Za-z0-9_-]{32,700})"/g,
    entropy: 4,
    skipInTests: true,
    accept: (_s, line) => line.file.lines.slice(Math.max(0, line.index - 15), line.index + 15).some((l) => /"kty"\s*:/.test(l)),
    tps: [`{"kty":"EC","crv":"P-256","x":"${gen([URLSAFE, 43])}","y":"${gen([URLSAFE, 43])}","d":"${gen([URLSAFE, 43])}"}`],
    fps: [`{"kty":"EC","crv":"P-256","x":"${gen([URLSAFE, 43])}","y":"${gen([URLSAFE, 43])}"}`],
  },
];
