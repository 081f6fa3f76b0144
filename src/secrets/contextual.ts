// Rules that need more than one line: PEM private key blocks, Kubernetes Secret data, curl commands
// continued over several lines.
import { shannonEntropy } from './entropy.js';
import { USER_KEY, isRealBasicCredential, isSecretLiteral, secretKeyKind, stripAuthScheme } from './generic.js';
import { nameWords } from '../parse/secret-names.js';
import { isPasswordHash, isPlaceholder, isReference } from './placeholder.js';
import type { Candidate, FileFacts, LineContext } from './rule.js';

// ---- PEM private keys: one finding at the BEGIN line ----

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----/;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const PEM_HEADER = /^(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset)\s*:/i;

/** Base64 cut short with an ellipsis (`MIIFDjBABgkqhkiG9w0BBQ0w...`): how documentation shows a key it does not give. */
const TRUNCATED = /^[A-Za-z0-9+/=]*(?:\.{3}|\u2026)/;

/**
 * The base64 body of the key that begins on this line: inline (`\n`-escaped, as in JSON) or on the lines below;
 * null when the body is cut short with an ellipsis before any END line, as a help text or README shows a key's
 * first characters (`"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFDjBABgkqhkiG9w0BBQ0w..."`).
 */
function pemBody(line: LineContext, after: number): string | null {
  const inline = line.text.slice(after);
  const end = PEM_END.exec(inline);
  const sameLine = (end ? inline.slice(0, end.index) : inline).replace(/\\[nr]/g, '\n');
  if (!end && sameLine.split('\n').some((part) => TRUNCATED.test(part.trim()) && /[A-Za-z0-9]/.test(part))) return null;
  let body = sameLine.replace(/[^A-Za-z0-9+/=\n]/g, '');
  if (end) return body.replace(/\n/g, '');
  const lines = line.file.lines;
  for (let i = line.index + 1; i < lines.length && i <= line.index + 200; i++) {
    const text = lines[i]!.replace(/^[\s#*;'"`,-]*/, '').replace(/(?:\\n|\\r|["'`,;+])*\s*$/, '');
    if (PEM_END.test(lines[i]!)) break;
    if (PEM_HEADER.test(text) || text === '') continue;
    if (TRUNCATED.test(text) && !/^[A-Za-z0-9+/=]+$/.test(text)) return null;
    if (!/^[A-Za-z0-9+/=]+$/.test(text)) break;
    body += text;
  }
  return body.replace(/\n/g, '');
}

export function findPrivateKeys(line: LineContext): Candidate[] {
  const m = PEM_BEGIN.exec(line.text);
  if (!m) return [];
  const body = pemBody(line, m.index + m[0].length);
  // A real key has a long, random body; documentation shows `...`, `<key>` or a handful of characters.
  if (body === null || body.length < 40 || shannonEntropy(body) < 4 || isPlaceholder(body.slice(0, 64))) return [];
  const flavour = (m[1] ?? '').trim();
  const kind = `${flavour ? `${flavour} ` : ''}private key${m[2] ? ' block' : ''}`;
  return [{ start: m.index, end: m.index + m[0].length, secret: body, kind }];
}

// ---- Kubernetes Secret manifests ----

interface SecretEntry {
  key: string;
  value: string;
  start: number;
  section: 'data' | 'stringData';
  /** Index of the line that starts the YAML document, to find the entry's siblings in the same Secret. */
  doc: number;
}

const KIND_SECRET = /^\s*["']?kind["']?\s*:\s*["']?secret["']?\s*(?:#.*)?$/i;
const DOC_SEPARATOR = /^(?:---|\.\.\.)\s*(?:#.*)?$/;
const SECTION = /^(\s*)["']?(data|stringData)["']?\s*:\s*(?:#.*)?$/;
const ENTRY = /^(\s*)["']?([\w.-]+)["']?[ \t]*:[ \t]*(.*)$/;

const indentOf = (text: string) => /^\s*/.exec(text)![0].length;

/** `data` and `stringData` entries of every `kind: Secret` document in a YAML file, by line index. */
function kubernetesSecretEntries(file: FileFacts): Map<number, SecretEntry> {
  const cached = file.memo.get('kubernetes-secret') as Map<number, SecretEntry> | undefined;
  if (cached) return cached;
  const entries = new Map<number, SecretEntry>();
  file.memo.set('kubernetes-secret', entries);
  const lines = file.lines;
  let docStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !DOC_SEPARATOR.test(lines[i]!)) continue;
    const doc = { from: docStart, to: i };
    docStart = i + 1;
    let isSecret = false;
    for (let j = doc.from; j < doc.to && !isSecret; j++) isSecret = KIND_SECRET.test(lines[j]!);
    if (!isSecret) continue;
    for (let j = doc.from; j < doc.to; j++) {
      const section = SECTION.exec(lines[j]!);
      if (!section) continue;
      const indent = section[1]!.length;
      for (let k = j + 1; k < doc.to; k++) {
        const text = lines[k]!;
        if (text.trim() === '' || /^\s*#/.test(text)) continue;
        if (indentOf(text) <= indent) break;
        const entry = ENTRY.exec(text);
        if (!entry) continue;
        const value = entry[3]!.trim().replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');
        const start = text.lastIndexOf(value);
        if (/^[|>][-+]?\d*$/.test(value)) {
          // A block scalar: the value is the more-indented lines below; the finding stays on the key's line.
          const own = indentOf(text);
          let block = '';
          let b = k + 1;
          for (; b < doc.to && (lines[b]!.trim() === '' || indentOf(lines[b]!) > own); b++) block += lines[b]!.trim();
          entries.set(k, { key: entry[2]!, value: block, start: entry[1]!.length, section: section[2] as SecretEntry['section'], doc: doc.from });
          k = b - 1;
          continue;
        }
        entries.set(k, { key: entry[2]!, value, start, section: section[2] as SecretEntry['section'], doc: doc.from });
      }
    }
  }
  return entries;
}

export function mayHoldKubernetesSecret(file: FileFacts): boolean {
  return file.yaml && file.lines.some((l) => KIND_SECRET.test(l));
}

/** Last words of keys that hold who and where, not a credential: `username`, `DB_HOST`, `smtp-port`, `email`. */
const NOT_SECRET_DATA_WORDS = new Set([
  'user', 'username', 'login', 'email', 'mail', 'address', 'host', 'hostname', 'server', 'port', 'database', 'db', 'dbname', 'name',
  'endpoint', 'region', 'bucket', 'namespace', 'project', 'org', 'organization', 'account', 'id', 'tenant', 'domain', 'path', 'file',
  'scheme', 'protocol', 'driver', 'sslmode', 'schema', 'version', 'mode', 'type', 'enabled', 'queue', 'topic', 'channel', 'vhost',
  'realm', 'issuer', 'audience', 'subject', 'from', 'sender', 'recipient', 'to', 'url', 'uri', 'dsn', 'level', 'env', 'environment',
]);
/** Keys of key material stored as files: `tls.key`, `ssh-privatekey`, `id_rsa`, `keystore.p12`. */
const KEY_MATERIAL = /(?:^|[._-])(?:key|privatekey|private[-_]key|id_rsa|id_ed25519|id_ecdsa|keystore|truststore|p12|pfx|jks|pem)$/i;
export const PEM_PRIVATE = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/;
/** README names the secrets check reads in a private key's folder, which may say its files are not for production (the App's read-ahead plans them). */
export const KEY_FOLDER_READMES: readonly string[] = ['README.md', 'README', 'README.txt', 'readme.md'];
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i;

/** The text a `data:` value encodes, or null when it is not base64 of text (binary key stores, say). */
function decodedText(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,3}$/.test(value)) return null;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : null;
}

/**
 * Whether a Secret value is a credential, judged by what it says (decoded from base64 under `data:`)
 * and the key it sits under: a password or token that looks real, a private key, a URL with a password,
 * a registry auth file; not a user name, host, port or address, and not a weak default (`postgres`,
 * `changeme`), which insecure-default-secret reports as a default credential.
 */
function isSecretDataValue(key: string, value: string, section: SecretEntry['section']): boolean {
  const text = section === 'data' ? decodedText(value) : value;
  // Binary data: random bytes under a secret or key-material name (a key store, a raw key) are a credential.
  if (text === null) return section === 'data' && (KEY_MATERIAL.test(key) || secretKeyKind(key) !== null) && value.length >= 16;
  const trimmed = text.trim();
  if (trimmed === '' || isReference(trimmed) || isPlaceholder(trimmed)) return false;
  if (PEM_PRIVATE.test(trimmed)) return shannonEntropy(trimmed) >= 4;
  const url = URL_PASSWORD.exec(trimmed);
  if (url) return isSecretLiteral(decodeURIComponentSafe(url[1]!), { kind: 'password', quoted: true });
  if (/^\.?docker(?:cfg|configjson)$/i.test(key)) return /"(?:auth|password|identitytoken)"\s*:\s*"[^"]{8,}"/.test(trimmed);
  const kind = secretKeyKind(key);
  if (kind) return isSecretLiteral(trimmed, { kind, quoted: true });
  const words = nameWords(key);
  if (NOT_SECRET_DATA_WORDS.has(words[words.length - 1] ?? '')) return false;
  // `user:password`, as basic auth and many clients take it (an htpasswd line holds a hash instead).
  if (/^[^\s:]{1,64}:[^\s:]{4,}$/.test(trimmed) && !/:\d+$/.test(trimmed) && !isPasswordHash(trimmed)) return true;
  // A key that says nothing either way (`stripe`, `config`): a single random-looking value is reported.
  return !/\s/.test(trimmed) && isSecretLiteral(trimmed, { kind: 'secret', quoted: true });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const entryText = (entry: SecretEntry) => (entry.section === 'data' ? decodedText(entry.value) : entry.value)?.trim() ?? null;

/**
 * Whether the entry's value is the user name another entry of the same Secret gives (`apiUsername` and
 * `apiPassword` both `storageos`): the first pair anyone tries, a default credential rather than a secret.
 */
function sameAsSecretUser(entries: Map<number, SecretEntry>, entry: SecretEntry, text: string): boolean {
  for (const other of entries.values()) {
    if (other === entry || other.doc !== entry.doc || !USER_KEY.test(other.key)) continue;
    if (entryText(other) === text) return true;
  }
  return false;
}

/**
 * The key and the text of the Kubernetes Secret entry on this line (decoded from base64 under `data:`),
 * and whether it repeats the Secret's user name, or null.
 */
export function kubernetesSecretText(line: LineContext): { key: string; text: string; sameAsUser: boolean } | null {
  const entries = kubernetesSecretEntries(line.file);
  const entry = entries.get(line.index);
  if (!entry) return null;
  const text = entryText(entry);
  return text === null ? null : { key: entry.key, text, sameAsUser: text !== '' && sameAsSecretUser(entries, entry, text) };
}

/** Whether the line is a `data`/`stringData` entry of a Kubernetes Secret. */
export function isKubernetesSecretEntry(line: LineContext): boolean {
  return kubernetesSecretEntries(line.file).has(line.index);
}

export function findKubernetesSecretData(line: LineContext): Candidate[] {
  const entries = kubernetesSecretEntries(line.file);
  const entry = entries.get(line.index);
  if (!entry) return [];
  const { value } = entry;
  if (value === '' || isReference(value) || isPlaceholder(value)) return [];
  if (!isSecretDataValue(entry.key, value, entry.section)) return [];
  // A password that repeats the Secret's user name is a default credential (insecure-default-secret's), not a leaked secret.
  const text = entryText(entry);
  if (text && !USER_KEY.test(entry.key) && sameAsSecretUser(entries, entry, text)) return [];
  return [{ start: Math.max(0, entry.start), end: Math.max(0, entry.start) + value.length, secret: value, kind: `Kubernetes Secret ${entry.section} value \`${entry.key}\`` }];
}

// ---- curl -u user:password and -H "Authorization: …" ----

const CURL = /(?:^|[\s;|&(`$#])curl(?:\.exe)?\b/;

/** This line is part of a curl command: it has `curl`, or one of the five lines above does without a blank line between. */
function inCurlCommand(line: LineContext): boolean {
  if (CURL.test(line.text)) return true;
  for (let i = line.index - 1; i >= 0 && i >= line.index - 5; i--) {
    const text = line.file.lines[i]!;
    if (text.trim() === '') return false;
    if (CURL.test(text)) return true;
  }
  return false;
}

const CURL_USER = /(?<![\w-])(?:-u|--user)(?:[ \t]*=[ \t]*|[ \t]+)((?:"[^"]*"|'[^']*'|[^\s"'`])+)/g;

/** Splits `user:password` as curl reads it, with quotes around either part or the whole. */
function splitUserPassword(raw: string): { user: string; password: string } | null {
  const unquoted = raw.replace(/"([^"]*)"|'([^']*)'/g, (_, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  const colon = unquoted.indexOf(':');
  if (colon === -1) return null;
  return { user: unquoted.slice(0, colon), password: unquoted.slice(colon + 1) };
}

const strip = (s: string) => s.replace(/^\{(.*)\}$/, '$1');

export function findCurlUser(line: LineContext): Candidate[] {
  if (!inCurlCommand(line)) return [];
  const found: Candidate[] = [];
  CURL_USER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CURL_USER.exec(line.text))) {
    const parts = splitUserPassword(m[1]!);
    if (!parts) continue;
    const { user, password } = parts;
    // `-u :token` and `-u token:` (Stripe, Mailgun style): the one part given is the credential.
    const secret = password !== '' ? password : user;
    if (secret === '' || isReference(user) || isPlaceholder(`${user}:${password}`) || (isPlaceholder(user) && password === '')) continue;
    if (!isSecretLiteral(strip(secret), { kind: 'password', quoted: true })) continue;
    const start = line.text.indexOf(secret, m.index);
    found.push({ start, end: start + secret.length, secret, kind: 'password in a curl `--user` option' });
  }
  return found;
}

const CURL_HEADER = /(?<![\w-])(?:-H|--header)(?:[ \t]*=[ \t]*|[ \t]*)(["'])[ \t]*([A-Za-z][\w-]{0,60})[ \t]*:[ \t]*([^"'\n]{1,4000})\1/g;

export function findCurlHeader(line: LineContext): Candidate[] {
  if (!inCurlCommand(line)) return [];
  const found: Candidate[] = [];
  CURL_HEADER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CURL_HEADER.exec(line.text))) {
    const name = m[2]!;
    if (!/^(?:proxy-)?authori[sz]ation$/i.test(name) && !secretKeyKind(name)) continue;
    const raw = m[3]!.trim();
    const secret = stripAuthScheme(raw);
    if (/^basic\s/i.test(raw) && !isRealBasicCredential(secret)) continue;
    if (!/^[A-Za-z0-9+/=._~:@-]+$/.test(secret) || isReference(secret) || isPlaceholder(secret)) continue;
    if (!isSecretLiteral(secret, { kind: 'password', quoted: true }) || secret.length < 8 || shannonEntropy(secret) < 2.8) continue;
    const start = m.index + m[0].lastIndexOf(secret);
    found.push({ start, end: start + secret.length, secret, kind: `credential in a curl \`${name}\` header` });
  }
  return found;
}
