// Generic detection: secrets assigned to secret-named keys in any syntax (code, YAML, JSON, .env,
// properties, shell, XML), and what makes a literal look like a real secret rather than a stand-in.
import { isSecretName, nameWords } from '../parse/secret-names.js';
import { shannonEntropy } from './entropy.js';
import { decodeBase64, hasSequentialRun, isAlphabet, isCloudResourceName, isIdentifierLike, isMonotonous, isPasswordHash, isPathOrUrl, isPlaceholder, isReference, isWeakPassword } from './placeholder.js';
import type { Candidate, FileFacts, LineContext } from './rule.js';

export type KeyKind = 'password' | 'secret';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'pass', 'pwd', 'pw']);
/** Last words that name a credential although `isSecretName` does not count them (`user_auth`, `credentials`). */
const CREDENTIAL_WORDS = new Set(['credential', 'credentials', 'creds', 'cred', 'auth', 'authorization', 'pat']);
/** Single glued words: `dbpassword`, `clientsecret`, `apitoken`, `secretkey`. */
const GLUED = /^(?:[a-z]{0,12}(?:password|passwd|secret)|(?:api|access|auth|bearer|bot|refresh|session|oauth|app|user|admin|personal|private|service|deploy|github|gitlab|slack|npm|id)(?:token|key)|(?:secret|private|access|auth|master|signing|encryption|license|client)key)$/;

const kindCache = new Map<string, KeyKind | null>();

/** Whether `name` holds a secret, and which sort: passwords may be plainer than keys and tokens. */
export function secretKeyKind(name: string): KeyKind | null {
  let kind = kindCache.get(name);
  if (kind === undefined) {
    // Names repeat across a codebase; the cache is bounded so a generated file cannot grow it forever.
    if (kindCache.size > 50_000) kindCache.clear();
    kind = classifyKey(name);
    kindCache.set(name, kind);
  }
  return kind;
}

function classifyKey(name: string): KeyKind | null {
  const all = nameWords(name);
  // Trailing indexes say nothing about the name: `token_count_6` is a count, `password_2` a password.
  const words = all.slice();
  while (words.length > 1 && /^\d+$/.test(words[words.length - 1]!)) words.pop();
  if (words.length < all.length) return classifyKey(words.join('_'));
  // A sentence used as a key (message catalogues) is not a variable that holds a secret.
  if (words.length === 0 || words.length > 6) return null;
  // Anti-forgery tokens and nonces are sent to every browser, site-verification ids are published in DNS
  // and page headers: not credentials.
  if (words.some((w) => /^(?:csrf|xsrf|nonce|captcha|recaptcha|turnstile|authenticity|antiforgery|requestverification)/.test(w))) return null;
  if (words.includes('verification') && (words.includes('site') || words.includes('domain'))) return null;
  const isPassword = words.some((w) => PASSWORD_WORDS.has(w) || /pass(?:word|wd)$/.test(w));
  if (isSecretName(name)) return isPassword ? 'password' : 'secret';
  const last = words[words.length - 1]!;
  if (words.includes('public') || words.includes('publishable')) return null;
  if (CREDENTIAL_WORDS.has(last) && !['is', 'has', 'use', 'enable', 'no', 'require'].includes(words[0]!)) return 'secret';
  if (GLUED.test(last) && !/^(?:no|is|has)/.test(last)) return /pass(?:word|wd)$/.test(last) ? 'password' : 'secret';
  return null;
}

/** `Authorization`-like keys whose values start with a scheme word (`Bearer abc…`). */
const AUTH_KEY = /(?:^|[-_.])(?:proxy[-_])?authori[sz]ation$|^auth$/i;
const AUTH_SCHEME = /^(?:bearer|basic|token|api-?token|api-?key|bot|oauth|jwt|key|ssws|sso-key|apikey|klaviyo-api-key|genie-?key|splunk|deepl-auth-key|digest)[ \t]+/i;

/** Drops an HTTP authorization scheme (`Bearer `, `Basic `, `Token `) in front of a credential. */
export function stripAuthScheme(value: string): string {
  return value.replace(AUTH_SCHEME, '');
}

export interface ValueOptions {
  kind: KeyKind;
  /** Whether the value was a quoted literal (unquoted values in prose need to look more deliberate). */
  quoted: boolean;
  flavour?: FileFacts['flavour'];
}

/** Several pieces with upper case, lower case and digits among them: `Gz-ocr-League-2024`, `Sup3rS3cretPw`. */
function looksComposedPassword(value: string): boolean {
  // A digit only at the end (`CleartextPassword1`, `ultraPictureBox1`) is how names are numbered, not passwords built.
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value) && (/[-_.!@#$%^&*+=]/.test(value) || /\d[A-Za-z]/.test(value));
}

/**
 * Padded base64 of printable text that is itself a stand-in (`dG9rZW4tdmFsdWU=`, `token-value`, in a README's
 * example Kubernetes Secret): encoding a placeholder does not make it a credential. Random bytes decode to
 * unprintable text and are judged as written.
 */
function encodesStandIn(value: string, options?: ValueOptions): boolean {
  const decoded = base64Line(value);
  if (decoded === null || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  return isPlaceholder(decoded.trim(), { weakPasswords: false }) || (options !== undefined && encodesPlainToken(value, options));
}

/**
 * What a base64 value of eight characters or more decodes to, less the newline `echo … | base64` encodes with the
 * line (`b2F1dGgyLXByb3h5LWNsaWVudC1zZWNyZXQK`); null when the value is not base64.
 */
function base64Line(value: string): string | null {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  return decodeBase64(value)?.replace(/\r?\n$/, '') ?? null;
}

/**
 * Base64 of a single token that would not be reported written plainly (a word-built name, `oauth2-proxy-client-secret`):
 * encoding hides nothing from whoever reads it. A sentence (a passphrase) is not judged so, nor random bytes.
 */
function encodesPlainToken(value: string, options: ValueOptions): boolean {
  const text = base64Line(value)?.trim() ?? '';
  return text.length >= 6 && /^[\x21-\x7e]+$/.test(text) && !/^[A-Za-z0-9+/]+={0,2}$/.test(text) && !isSecretLiteral(text, options);
}

/** A credential written inside encoded text: a private key, or a secret-named setting with a value (`"client_secret": "…"`). */
const CREDENTIAL_INSIDE = /-----BEGIN|(?:pass(?:word|wd)?|secret|token|api[-_]?key|private[-_]?key|credentials?|auth)["']?\s*[:=]\s*["']?[^\s"',;)]{6,}/i;

/**
 * Base64 of source code (a form's validation function stored encoded): printable text of 32 characters or more
 * with five spaces at least, most of it letters and spaces, with the brackets and operators of code (four of
 * `(){}[];=<>`, a pair of brackets among them), that writes no credential of its own (see CREDENTIAL_INSIDE).
 * Random bytes decode to unprintable text; a key, a token or a Basic `user:password` holds no spaces; an encoded
 * sentence may be a passphrase: each is still judged as written.
 */
export function encodesText(value: string): boolean {
  if (value.length < 44 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = decodeBase64(value);
  if (!decoded || decoded.length < 32 || !/^[\x20-\x7e\t\r\n]+$/.test(decoded)) return false;
  const spaces = decoded.match(/\s/g)?.length ?? 0;
  const wordy = decoded.match(/[A-Za-z\s]/g)?.length ?? 0;
  const code = decoded.match(/[(){}[\];=<>]/g)?.length ?? 0;
  const paired = /\([^)]*\)|\{[^}]*\}|\[[^\]]*\]/.test(decoded);
  return spaces >= 5 && code >= 4 && paired && wordy / decoded.length >= 0.6 && !CREDENTIAL_INSIDE.test(decoded);
}

/**
 * Whether a literal assigned to a secret-named key looks like a real secret: not a placeholder, a
 * reference, a path, a name or a weak default, and random enough for its sort.
 */
export function isSecretLiteral(raw: string, options: ValueOptions): boolean {
  const value = raw.trim();
  // Credentials are printable ASCII without spaces; prose, translations and sentences are not.
  if (value.length > 1000 || !/^[\x21-\x7e]+$/.test(value)) return false;
  // Env files loaded by compose or dotenv do not run commands: `$(` inside a value (`r(m)9nLG$(_q3…`) is
  // a character of it. A value that starts with `$`, or holds `${NAME}`, still refers to a variable.
  const literal = options.flavour === 'env' && !value.startsWith('$') && !/\$\{[A-Za-z_]\w*[}:]/.test(value) ? value.replace(/\$/g, 'S') : value;
  if (isPlaceholder(literal) || isReference(literal) || isPathOrUrl(value) || isMonotonous(value)) return false;
  if (isPasswordHash(value) || isCloudResourceName(value) || encodesStandIn(value, options) || PUBLIC_TOKEN.test(value)) return false;
  if (/^[+-]?\d+(?:\.\d+)?$/.test(value) || /^(?:true|false|yes|no|on|off|null|nil|none)$/i.test(value)) return false;
  if (namesSecretVariable(value)) return false;
  const entropy = shannonEntropy(value);
  if (options.kind === 'password') {
    const plainProse = !options.quoted && options.flavour === 'prose';
    if (value.length < (plainProse ? 8 : 6) || entropy < 2.4 || isWeakPassword(value)) return false;
    // Words and names (`overEvery`, `db_password`, `durian`) are references or weak defaults, not leaked
    // passwords; but people build passwords from words too, and one that mixes upper case, lower case and
    // digits across several pieces (`Gz-ocr-League-2024`) is a chosen password, not a name.
    if (isIdentifierLike(value) && !looksComposedPassword(value)) return false;
    return !hasSequentialRun(value, 7);
  }
  if (value.length < 10 || entropy < 3 || hasSequentialRun(value)) return false;
  if (isIdentifierLike(value) || isAlphabet(value)) return false;
  return /\d/.test(value) || /[A-Z]/.test(value) && /[a-z]/.test(value) && entropy >= 3.5;
}

/**
 * An environment variable's name that itself names a secret (`R2R_POSTGRES_PASSWORD`, `GITHUB_TOKEN`): upper-case
 * words joined by `_`, as in a mapping of old variable names to new ones or a table of which variable fills which
 * setting. It says where a secret is read from; no generated credential is written so.
 */
export function namesSecretVariable(value: string): boolean {
  return value.length <= 80 && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && secretKeyKind(value) !== null;
}

/**
 * `Basic <base64>` credentials that decode to a stand-in (`user:password`, `1234567890abcdef:…`) are
 * examples, and one whose password repeats the user name (`admin:admin`, or the name of an e-mail login:
 * `telemetry@example.dev:telemetry`) is a default credential, the first pair anyone tries, as a password
 * beside the same user name is; anything else, including a bare `user:`, is taken at its word.
 */
export function isRealBasicCredential(encoded: string): boolean {
  const decoded = decodeBase64(encoded);
  if (decoded === null || !/^[\x20-\x7e]+$/.test(decoded) || !decoded.includes(':')) return true;
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (password !== '' && (password === user || password === user.split('@')[0])) return false;
  return !isPlaceholder(decoded) && !hasSequentialRun(decoded, 6) && !/^[^:]*:(?:pass(?:word)?|secret|token|changeme)$/i.test(decoded);
}

/** A literal found after `at` in a line: its text and span. */
export interface LiteralValue {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

const QUOTES = new Set(['"', "'", '`']);

/** Reads the value starting at `at`: a quoted string (escapes honoured) or, where the syntax allows, a bare word. */
export function readValue(line: string, at: number, flavour: FileFacts['flavour'], bare: 'token' | 'rest' | 'none'): LiteralValue | null {
  let i = at;
  // Python string prefixes: r"…", b'…', u"…" (f-strings interpolate, so they are references).
  if (/[rRbBuU]/.test(line[i] ?? '') && QUOTES.has(line[i + 1] ?? '')) i++;
  const quote = line[i];
  if (quote !== undefined && QUOTES.has(quote)) {
    let j = i + 1;
    const limit = Math.min(line.length, i + 1 + 1024);
    let text = '';
    while (j < limit && line[j] !== quote) {
      if (line[j] === '\\' && j + 1 < limit) {
        text += line[j + 1];
        j += 2;
        continue;
      }
      text += line[j];
      j++;
    }
    if (line[j] !== quote) return null;
    return { text, start: i + 1, end: j, quoted: true };
  }
  if (bare === 'none' || flavour === 'code') return null;
  // Bounded, so a line of ten thousand `key=` costs linear time, not quadratic.
  const rest = line.slice(at, at + 1024);
  if (bare === 'token') {
    const m = /^[^\s'"`]+/.exec(rest);
    if (!m) return null;
    const text = m[0].replace(/[,;]+$/, '');
    return { text, start: at, end: at + text.length, quoted: false };
  }
  // Rest of the line up to a quote (the value sits inside some other string), without a trailing comment or separator.
  const text = rest.replace(/["'`].*$/, '').replace(/\s+(?:#|;|\/\/).*$/, '').replace(/[,;]+\s*$/, '').trim();
  if (text === '') return null;
  return { text, start: at, end: at + text.length, quoted: false };
}

const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,60})(?:\s[^<>]{0,200})?>([^<>]{1,500})<\/\1>/g;
const KEY_VALUE_ATTRS = /\bkey\s*=\s*"([^"]{1,100})"\s+value\s*=\s*"([^"]{0,500})"/gi;
const CLI_FLAG = /(?<![\w-])--([A-Za-z][\w-]{1,60})(?:=|[ \t]+)/g;
/**
 * gpg and apt-key flags that fetch or look up keys on a public keyserver (`--recv-keys F758CE31…`): their
 * argument is a key id or fingerprint, which names a public key, not a secret.
 */
const KEYSERVER_FLAG = /^(?:recv-keys?|recv|receive-keys?|fetch-keys?|search-keys?|refresh-keys?)$/i;
/** `- name: API_TOKEN` (Kubernetes env, compose, CI variables): the value is on the next line. */
export function namesASecret(line: LineContext): boolean {
  const m = PREVIOUS_NAME.exec(line.text);
  return m !== null && secretKeyKind(m[1]!) !== null;
}

/** Words a secret name is made of: assignments are looked for only around them. */
const KEY_HINTS = /pass|pwd|secret|token|key|auth|cred|pat\b|pw\b/gi;
const PREVIOUS_NAME = /^\s*-?\s*["']?name["']?\s*[:=]\s*["']?([\w.-]+)["']?\s*,?\s*$/;

function bareMode(file: FileFacts): 'token' | 'rest' {
  return file.flavour === 'env' || file.flavour === 'shell' ? 'token' : 'rest';
}

/** Decides whether a literal under a secret-named key is what a finder looks for. */
export type LiteralJudge = (text: string, options: ValueOptions) => boolean;

function candidateFor(name: string, kind: KeyKind, value: LiteralValue, file: FileFacts, judge: LiteralJudge): Candidate | null {
  let text = value.text;
  let start = value.start;
  if (AUTH_KEY.test(name) || AUTH_SCHEME.test(text)) {
    const stripped = stripAuthScheme(text);
    if (/^basic\s/i.test(text) && !isRealBasicCredential(stripped)) return null;
    start += text.length - stripped.length;
    text = stripped;
  }
  // Unquoted text with brackets is code (`createAuth({`, `$(cat key)`), not a literal.
  if (!value.quoted && ((file.flavour !== 'env' && /[(){}[\]<>]/.test(text)) || (bareMode(file) === 'rest' && /\s/.test(text)))) return null;
  if (!judge(text, { kind, quoted: value.quoted, flavour: file.flavour })) return null;
  if (namesASibling(name, text)) return null;
  const label = kind === 'password' ? 'password' : /token/i.test(name) ? 'token' : /key/i.test(name) ? 'key' : 'secret';
  // Names are shown in messages; one that is itself random could be a secret, so it stays out.
  if (!isIdentifierLike(name)) return { start, end: start + text.length, secret: text, kind: `${label} assigned to a secret-named key` };
  return { start, end: start + text.length, secret: text, kind: `${label} assigned to \`${name}\``, name };
}

/**
 * A value that is the key's own name with a short suffix (`"ratingKey", "ratingKey4k"` in a list of SQL columns,
 * `apiToken: apiToken2`): the name of a sibling field or column, not a secret.
 */
function namesASibling(name: string, value: string): boolean {
  return name.length >= 4 && value.length > name.length && value.length <= name.length + 4 && value.toLowerCase().startsWith(name.toLowerCase()) && /^[A-Za-z0-9_]+$/.test(value);
}

/** Words around a key's name that make the value say it is unset or a stand-in (`NO_DOCKERHUB_PASSWORD`, `your-api-key`). */
const ABSENT_OR_STAND_IN = /^(?:no|not|none|missing|unset|notset|undefined|empty|null|nil|dummy|fake|placeholder|example|sample|your|my)$/;

/**
 * Whether a value is its key's name written again, in any case and with any of `-`, `_`, `.` between the words,
 * maybe with a word before or after it that says the value is unset or a stand-in (a Makefile's
 * `DOCKERHUB_PASSWORD = NO_DOCKERHUB_PASSWORD` when the variable is empty, `api_key: your_api_key`).
 */
function spellsItsKey(name: string, value: string): boolean {
  const bare = (text: string) => text.replace(/[-_.]/g, '').toLowerCase();
  if (!/^[A-Za-z][\w.-]*$/.test(value)) return false;
  const key = bare(name);
  const text = bare(value);
  if (key === text) return true;
  if (key.length < 4 || text.length <= key.length) return false;
  const at = text.indexOf(key);
  if (at < 0) return false;
  const rest = text.slice(0, at) + text.slice(at + key.length);
  return (at === 0 || at + key.length === text.length) && ABSENT_OR_STAND_IN.test(rest);
}

/** Characters of a key: identifier characters plus `.`, `$`, `@`, `-` (`db.password`, `$token`, `client-secret`). */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$@-') KEY_CHAR[c.charCodeAt(0)] = 1;
const isKeyChar = (code: number) => code < 128 && KEY_CHAR[code] === 1;
const QUOTE_CHARS = '"\'`';
const OPERATORS = ['=>', ':=', '?=', '||=', '+=', '=', ':', ','] as const;

/** A type annotation followed by `=` and a quoted literal (Python, TypeScript): `str = "`, `Optional[str] = '`. */
const TYPE_ANNOTATION = /^[A-Za-z_][\w.]*(?:\[[\w.[\], |]*\])?(?:[ \t]*\|[ \t]*[A-Za-z_][\w.]*(?:\[[\w.[\], |]*\])?)*[ \t]*=(?![=>])[ \t]*(?=[rRbBuU]?["'`])/;

interface KeyOperator {
  /** Where the key starts (after its quote). */
  start: number;
  name: string;
  quoted: boolean;
  op: (typeof OPERATORS)[number];
  /** Where the value starts. */
  valueAt: number;
}

/** Whether `at` is within a URL's authority: after a `scheme://` at most 200 characters back, with no blank, quote, bracket or slash between. */
function insideUrlAuthority(text: string, at: number): boolean {
  const from = Math.max(0, at - 200);
  const scheme = text.slice(from, at).lastIndexOf('://');
  return scheme > 0 && /[A-Za-z0-9+.-]/.test(text[from + scheme - 1] ?? '') && !/[\s"'`<>()[\]{},;/?]/.test(text.slice(from + scheme + 3, at));
}

/**
 * The `key op` around position `at` (inside the key): the whole key, its quotes, the operator, where
 * the value begins. A hand-written scan from a keyword hit, so a line costs nothing where no
 * secret word occurs, and each key is read once.
 */
function keyOperatorAt(text: string, at: number): KeyOperator | null {
  let start = at;
  while (start > 0 && isKeyChar(text.charCodeAt(start - 1)) && at - start < 100) start--;
  let end = at;
  while (end < text.length && isKeyChar(text.charCodeAt(end)) && end - start < 101) end++;
  if (!/[A-Za-z_$@]/.test(text[start] ?? '') || (start > 0 && isKeyChar(text.charCodeAt(start - 1)))) return null;
  const before = text[start - 1] ?? '';
  const quoted = QUOTE_CHARS.includes(before) && before !== '' && text[end] === before;
  let i = quoted ? end + 1 : end;
  const skipBlanks = () => {
    const from = i;
    while ((text[i] === ' ' || text[i] === '\t') && i - from < 8) i++;
  };
  skipBlanks();
  if (text[i] === ']') {
    i++;
    skipBlanks();
  }
  const op = OPERATORS.find((o) => text.startsWith(o, i));
  if (!op) return null;
  // A word in a URL's authority (`mongodb://username:password@127.0.0.1:47017/`) is its user-info or host, not a
  // key: `password@127.0.0.1` before the port's colon assigns nothing. The URL rules judge a password there.
  if (op === ':' && insideUrlAuthority(text, start)) return null;
  const after = text[i + op.length] ?? '';
  if ((op === '=' && (after === '=' || after === '~')) || (op === ':' && (after === ':' || after === '/' || after === '\\'))) return null;
  i += op.length;
  skipBlanks();
  if (op === ':') {
    // `password: str = "…"`, `token: Optional[str] = "…"`: a type annotation, then the assignment.
    const annotated = TYPE_ANNOTATION.exec(text.slice(i, i + 120));
    if (annotated) return { start, name: text.slice(start, end), quoted, op: '=', valueAt: i + annotated[0].length };
  }
  return { start, name: text.slice(start, end), quoted, op, valueAt: i };
}

/** A user-name key: `username`, `POSTGRES_USER`, `apiUsername`, `db.user`, `DB_LOGIN`. */
const USER_KEY_SOURCE = String.raw`(?:[\w.-]*(?:[_.-]|[a-z]))?(?:user|username|user_name|login)`;
export const USER_KEY = new RegExp(`^${USER_KEY_SOURCE}$`, 'i');
/** A user-name setting: `username: app`, `POSTGRES_USER=app`, `apiUsername: app`, `db.user: app`, `- DB_LOGIN=app`. */
const USER_SETTING = new RegExp(String.raw`^(\s*)(?:-\s+)?["']?${USER_KEY_SOURCE}["']?\s*[:=]\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$`, 'i');

/**
 * The user names set beside a line (`username: opengist` above `password: opengist`): up to six lines each
 * way at the line's indentation, stopping where its mapping ends (a line indented less).
 */
export function userNamesBeside(file: FileFacts, index: number): Set<string> {
  const lines = file.lines;
  const indent = /^(\s*)/.exec(lines[index] ?? '')![1]!.length;
  const users = new Set<string>();
  for (const step of [-1, 1]) {
    for (let i = index + step, n = 0; i >= 0 && i < lines.length && n < 6; i += step, n++) {
      const text = lines[i]!;
      if (!text.trim()) continue;
      if (/^(\s*)/.exec(text)![1]!.length < indent) break;
      const m = USER_SETTING.exec(text);
      if (m && m[1]!.length === indent && !isReference(m[2]!)) users.add(m[2]!);
    }
  }
  return users;
}

/** Assignments of literals to secret-named keys, in every syntax the line may use. */
export function findAssignments(line: LineContext, judge: LiteralJudge = isSecretLiteral): Candidate[] {
  const { text, file } = line;
  const found: Candidate[] = [];
  const seen = new Set<number>();
  const consider = (key: KeyOperator, nameOverride?: string) => {
    if (seen.has(key.start)) return;
    seen.add(key.start);
    // `("api_token", "…")` call arguments: only a quoted key followed by a quoted, key-like literal.
    if (key.op === ',' && !key.quoted) return;
    const name = nameOverride ?? key.name.replace(/^[$@]+/, '');
    // A key qualified by a path before it (`checksum/secret`, a pod annotation holding the digest of a Secret) is
    // what the whole name says: a checksum names no secret.
    const qualifier = nameOverride ? undefined : /[\w.-]+\/$/.exec(text.slice(Math.max(0, key.start - 40), key.start))?.[0];
    if (qualifier && !isSecretName(qualifier + name)) return;
    let kind = secretKeyKind(name);
    if (!kind) return;
    const value = readValue(text, key.valueAt, file.flavour, bareMode(file));
    if (!value) return;
    if (key.op === ',') {
      if (!value.quoted) return;
      kind = 'secret';
    }
    const candidate = candidateFor(name, kind, value, file, judge);
    // A password that repeats the user name beside it (`apiUsername` and `apiPassword` both `storageos`) is
    // the first pair anyone tries: a default credential, which insecure-default-secret reports, not a leak.
    if (candidate && kind === 'password' && judge === isSecretLiteral && userNamesBeside(file, line.index).has(candidate.secret)) return;
    // A value that spells its own key (`GUARDRAIL_PASS = "GUARDRAIL_PASS"` in an enum of event types, `API_TOKEN =
    // 'apiToken'`): the constant names itself, it holds no credential. Default credentials (`password: password`)
    // are insecure-default-secret's, which judges them with its own judge.
    if (candidate && judge === isSecretLiteral && spellsItsKey(name, candidate.secret)) return;
    if (candidate) found.push(candidate);
  };
  KEY_HINTS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_HINTS.exec(text))) {
    const key = keyOperatorAt(text, m.index);
    if (key) consider(key);
  }
  // `- name: API_TOKEN` / `value: …` pairs (Kubernetes env, compose, CI variables).
  const previous = line.index > 0 ? PREVIOUS_NAME.exec(file.lines[line.index - 1] ?? '') : null;
  const valueKey = previous ? /(?<![\w.$@-])value\b/i.exec(text) : null;
  if (previous && valueKey) {
    const key = keyOperatorAt(text, valueKey.index);
    if (key && /^value$/i.test(key.name)) consider(key, previous[1]);
  }
  if (text.includes('<')) {
    XML_ELEMENT.lastIndex = 0;
    while ((m = XML_ELEMENT.exec(text))) {
      const kind = secretKeyKind(m[1]!.replace(/^.*:/, ''));
      if (!kind) continue;
      const start = m.index + m[0].indexOf('>') + 1;
      const candidate = candidateFor(m[1]!, kind, { text: m[2]!.trim(), start, end: start + m[2]!.length, quoted: true }, file, judge);
      if (candidate) found.push(candidate);
    }
    KEY_VALUE_ATTRS.lastIndex = 0;
    while ((m = KEY_VALUE_ATTRS.exec(text))) {
      const kind = secretKeyKind(m[1]!);
      if (!kind) continue;
      const start = m.index + m[0].lastIndexOf('"', m[0].length - 2) + 1;
      const candidate = candidateFor(m[1]!, kind, { text: m[2]!, start, end: start + m[2]!.length, quoted: true }, file, judge);
      if (candidate) found.push(candidate);
    }
  }
  if (text.includes('--')) {
    CLI_FLAG.lastIndex = 0;
    while ((m = CLI_FLAG.exec(text))) {
      const kind = KEYSERVER_FLAG.test(m[1]!) ? null : secretKeyKind(m[1]!);
      if (!kind) continue;
      const value = readValue(text, m.index + m[0].length, file.flavour === 'code' ? 'code' : 'shell', 'token');
      if (!value) continue;
      const candidate = candidateFor(m[1]!, kind, value, file, judge);
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

// ---- Keyless high-entropy strings (what detect-secrets calls Base64HighEntropyString) ----

const QUOTED_TOKEN = /(["'`])([A-Za-z0-9+/=_-]{32,200})\1/g;
const BARE_ASSIGNED = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]{0,80})["']?\s*[:=]\s*([A-Za-z0-9+/=_-]{32,200})\s*(?:#.*)?$/;
/** Keys whose values are random by design but not secret: hashes, ids, public keys, integrity, media. */
const NOT_SECRET_KEY =
  /(?:^|[^a-z])(?:public|pub|publishable|hash|hashes|checksum|digest|sha\d*|md5|integrity|fingerprint|etag|nonce|iv|salt|id|uuid|guid|url|uri|href|src|path|file|name|image|img|icon|avatar|logo|font|class|style|color|locale|version|commit|rev|revision|ref|tag|cert|certificate|pubkey|csp|sri|cid|ipfs|data|primary|foreign|partition|sort|cache|idempotency|lookup|index|event|csrf|xsrf|captcha|recaptcha)(?:$|[^a-z])/i;
/**
 * A name for encrypted data (`cipher`, `ciphertext`, `encryptedData`, `encrypted_value`): output of a cipher,
 * which is made to be stored and sent in the open (a Sealed Secret's `encryptedData`, an encrypted test
 * vector); the key that decrypts it is the secret. A name with a key or password word (`CIPHER_KEY`,
 * `encrypted_password`) is not one.
 */
function namesCiphertext(key: string): boolean {
  const words = nameWords(key);
  if (words.some((w) => /^(?:key|keys|secret|password|passwd|pass|pwd|token|passphrase|salt)$/.test(w))) return false;
  const last = words[words.length - 1] ?? '';
  return /^(?:cipher|ciphertext|ciphertexts|ciphered)$/.test(last) || (words[0] === 'encrypted' && words.length <= 2);
}

/** Base64 of well-known binary formats (PNG, GIF, JPEG, PDF, gzip, zip, XML, SVG, WOFF). */
const BINARY_MAGIC = /^(?:iVBORw0KGgo|R0lGOD|\/9j\/|JVBERi|H4sI|UEsDB|PD94bWwg|PHN2Zy|d09GR|AAAA|sha\d+-|md5-)/;
const SITE_VERIFICATION = /(?:site|domain)[-_]?verification|msvalidate\.01|yandex-verification|p:domain_verify|_github-challenge|verification-code|apple-developer-domain-association|authenticity_token|csrf|xsrf|__RequestVerificationToken/i;
/** Keys that are public by design (Stripe publishable keys, PostHog project keys: write-only, shipped in every page that reports events). */
const PUBLIC_TOKEN = /^(?:pk_(?:live|test)_|pub-|public-|phc_)/;

/** A random-looking token: upper and lower case and digits, high entropy, no alphabet runs, no binary header. */
export function isHighEntropyToken(value: string, floor = 4.5): boolean {
  if (!/[A-Z]/.test(value) || !/[a-z]/.test(value) || !/\d/.test(value)) return false;
  if (BINARY_MAGIC.test(value) || PUBLIC_TOKEN.test(value) || hasSequentialRun(value, 5) || isPlaceholder(value) || isPasswordHash(value)) return false;
  if (isIdentifierLike(value) || isAlphabet(value) || isCloudResourceName(value)) return false;
  // `projects/816257685787/locations/global/…`: a path of words and numbers, not a token.
  if (/\/[^/]*\//.test(value) && isIdentifierLike(value.replace(/(?<![^/])\d+(?![^/])/g, ''))) return false;
  return shannonEntropy(value) >= floor;
}

/**
 * The key a value on this line is assigned to (`"k": "v"`, `k = "v"`), or '' when there is none or
 * when the "key" is itself random (`"AKIA…": "…"`): names end up in messages, secrets must not.
 */
export function keyBefore(line: string, at: number): string {
  const key = rawKeyBefore(line, at);
  return key !== '' && isIdentifierLike(key) ? key : '';
}

/** `name: str = "…"`, `name: Optional[str] = "…"` (annotated Python and TypeScript assignments): the name, not the type. */
const ANNOTATED = /([A-Za-z_$][\w$]{0,80})\s*:\s*[A-Za-z_][\w.]*(?:\[[\w.[\], |]*\])?(?:\s*\|\s*[A-Za-z_][\w.]*)*\s*=\s*[rRbBuU]?["'`]?$/;

/** The name a value on this line is assigned to, however it is spelled (`OAuthClientiOSSecret`); '' when none. */
export function rawKeyBefore(line: string, at: number): string {
  const before = line.slice(Math.max(0, at - 120), at);
  const annotated = ANNOTATED.exec(before);
  if (annotated) return annotated[1]!;
  const m = /([A-Za-z_$][\w.$-]{0,80})["'`]?\]?\s*(?:[:=]|=>|:=)\s*[rRbBuU]?["'`]?$/.exec(before);
  return m ? m[1]! : '';
}

/**
 * A public blockchain address, token mint or program id: Base58 (Bitcoin's alphabet, without 0, O, I and l) of
 * the length of a 32-byte Solana public key or a Bitcoin or Tron address, in a file that speaks of blockchains.
 * Such addresses are published on chain by design. Private keys in Base58 are longer (51-52 characters for a
 * Bitcoin WIF key, 87-88 for a Solana keypair); EVM addresses and keys are hex, below the entropy floor.
 */
const BASE58_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{26,44}$/;
const CHAIN_WORDS =
  /\b(?:solana|lamports?|spl|base58|bs58|bitcoin|ethereum|blockchain|on-?chain|web3|tron|pubkey|program[_ ]?ids?|(?:mint|wallet|contract)[_ ]?address(?:es)?|token[_ ]?mints?)\b/i;
const chainFiles = new WeakMap<FileFacts, boolean>();
function speaksOfChains(file: FileFacts): boolean {
  let known = chainFiles.get(file);
  if (known === undefined) {
    known = file.lines.some((l) => CHAIN_WORDS.test(l));
    chainFiles.set(file, known);
  }
  return known;
}

/**
 * The OAuth client secret of a native app (`DESKTOP_CLIENT_SECRET`, `OAuthClientiOSSecret`, `androidClientSecret`):
 * a desktop, mobile or command-line app is a public client (RFC 8252, section 8.5): every copy of the app carries
 * its client secret, so the secret identifies the app but protects nothing. A web app's or a server's client
 * secret (`CLIENT_SECRET`, `GITHUB_CLIENT_SECRET`) is confidential.
 */
export function namesNativeClientSecret(name: string): boolean {
  const words = nameWords(name.replace(/iOS/g, '_ios_'));
  return (
    words.includes('client') &&
    words.some((w) => w === 'secret' || w === 'secrets') &&
    words.some((w) => /^(?:desktop|ios|ipados|android|mobile|native|installed|electron|tauri|cli)$/.test(w))
  );
}

/** The opening of a form field's `placeholder` (an HTML attribute, a JSX prop, an options key), up to the quote before a token. */
const PLACEHOLDER_ATTRIBUTE = /\bplaceholder\s*(?:=\s*\{?\s*|:\s*)["'`]$/i;

/** High-entropy tokens in string literals, and bare values in env, YAML and ini files, whatever their key. */
/** Shortest token the keyless rule considers; the detector only calls it on lines with such a run. */
export const HIGH_ENTROPY_MIN_LENGTH = 32;

export function findHighEntropyStrings(line: LineContext): Candidate[] {
  const { text, file } = line;
  const found: Candidate[] = [];
  // Site-verification meta tags and records (`<meta name="google-site-verification" content="…">`) are public.
  if (SITE_VERIFICATION.test(text)) return found;
  // The public members of a JSON Web Key (`n`, `e`, `x`, `y`) are random by design; `d` is the private part.
  const jwk = /"kty"\s*:/.test(text);
  const consider = (token: string, start: number, key: string) => {
    // `placeholder={"…"}`, `placeholder="…"`, `placeholder: '…'`: the hint a form shows in an empty field, an example of the format.
    if (PLACEHOLDER_ATTRIBUTE.test(text.slice(Math.max(0, start - 40), start))) return;
    if (key && (NOT_SECRET_KEY.test(key) || NOT_SECRET_KEY.test(nameWords(key).join('_')))) return;
    if (jwk && /^(?:n|e|x|y|crv|kid|x5t|x5c|alg|use)$/.test(key)) return;
    if (key && namesCiphertext(key)) return;
    // A JSON document is data (fixtures, lockfiles, SBOMs, recorded responses, an app's stored records): a random
    // string in it is an id, a digest or ciphertext unless its key names a credential (`"client_secret": "…"`).
    if (/\.json$/i.test(file.path) && !(key && isSecretName(key))) return;
    // `SPREADSHEET_KEY`, `CACHE_KEY`: a name ending in key that the name rules call a lookup key.
    if (key && nameWords(key).length > 1 && /(?:^|[^a-z])keys?$|[a-z]Keys?$/i.test(key) && !isSecretName(key)) return;
    if (!isHighEntropyToken(token)) return;
    if (!(key && isSecretName(key)) && BASE58_ADDRESS.test(token) && speaksOfChains(file)) return;
    // Base64 of source code under no secret name: encoded code, not a credential.
    if (!(key && isSecretName(key)) && encodesText(token)) return;
    // Base64 of a stand-in or of a name (`b2F1dGgyLXByb3h5LWNsaWVudC1zZWNyZXQK`, "oauth2-proxy-client-secret"): judged as what it encodes.
    if (encodesPlainToken(token, { kind: 'secret', quoted: true, flavour: file.flavour })) return;
    found.push({ start, end: start + token.length, secret: token, kind: key ? `high-entropy string assigned to \`${key}\`` : 'high-entropy string', ...(key ? { name: key } : {}) });
  };
  if (text.includes('"') || text.includes("'") || text.includes('`')) {
    QUOTED_TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = QUOTED_TOKEN.exec(text))) {
      // `publicKey = decode("…")`: a public key named earlier on the line.
      if (/public/i.test(text.slice(0, m.index))) continue;
      consider(m[2]!, m.index + 1, keyBefore(text, m.index));
    }
  }
  if (file.flavour !== 'code' && file.flavour !== 'prose') {
    const m = BARE_ASSIGNED.exec(text);
    if (m) consider(m[2]!, text.indexOf(m[2]!, text.indexOf(m[1]!) + m[1]!.length), m[1]!);
  }
  return found;
}

// ---- Credentials in URLs and connection strings ----

const URL_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,20}):\/\/([^\s:@/?#'"`<>]{0,128}):([^\s@/?#'"`<>]{1,256})@(?=[A-Za-z0-9[_-])/g;

/** `scheme://user:password@host`: the password, unless it is a stand-in, a reference or a default. */
export function findUrlCredentials(line: LineContext): Candidate[] {
  const found: Candidate[] = [];
  URL_USERINFO.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_USERINFO.exec(line.text))) {
    const [, scheme, user, password] = m as unknown as [string, string, string, string];
    let secret: string;
    try {
      secret = decodeURIComponent(password);
    } catch {
      secret = password;
    }
    if (secret === user || !isSecretLiteral(secret, { kind: 'password', quoted: true })) continue;
    const start = m.index + scheme.length + 3 + user.length + 1;
    // The fix reads the whole URL from the environment: name the variable that holds it (`DATABASE_URL`), not the user.
    const holder = keyBefore(line.text, m.index);
    found.push({ start, end: start + password.length, secret, kind: `password in a \`${scheme.toLowerCase()}://\` URL`, name: holder || `${scheme.replace(/[^A-Za-z0-9]+/g, '_')}_url` });
  }
  return found;
}

const CONNECTION_PASSWORD = /(?<![\w-])(?:password|pwd)\s*=\s*(?:"([^"]{1,200})"|'([^']{1,200})'|\{([^}]{1,200})\}|([^;'"\s<>&]{1,200}))/gi;
const CONNECTION_CONTEXT = /(?:^|[;"'\s?&])(?:server|data source|host|hostname|uid|user id|userid|username|user|database|initial catalog|driver|dsn|provider|port|sslmode)\s*=|jdbc:|odbc:/i;

/** ODBC, ADO.NET and JDBC connection strings: `Server=…;User Id=…;Password=…;`, `jdbc:…?user=…&password=…`. */
export function findConnectionStringPasswords(line: LineContext): Candidate[] {
  const { text } = line;
  const sameLine = CONNECTION_CONTEXT.test(text);
  // A connection string split over adjacent literals ("SERVER=…;" "UID=…;" "PWD=…;") keeps its other keys on
  // the lines around; then only the `PWD=value;` form with its terminating semicolon counts.
  const nearby =
    !sameLine &&
    /(?:password|pwd)\s*=[^;]{1,200};/i.test(text) &&
    line.file.lines.slice(Math.max(0, line.index - 4), line.index + 5).some((l) => l !== text && CONNECTION_CONTEXT.test(l) && l.includes(';'));
  if (!sameLine && !nearby) return [];
  const found: Candidate[] = [];
  CONNECTION_PASSWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONNECTION_PASSWORD.exec(text))) {
    const secret = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    if (!sameLine && (m[4] === undefined || text[m.index + m[0].length] !== ';')) continue;
    if (!isSecretLiteral(secret, { kind: 'password', quoted: true })) continue;
    const start = m.index + m[0].lastIndexOf(secret);
    // `PWD`/`Password` are keys of the connection string, not variables: `PWD` is the shell's working directory.
    found.push({ start, end: start + secret.length, secret, kind: 'password in a connection string', name: 'db_password' });
  }
  return found;
}

/**
 * Well-known weak or default passwords (`postgres`, `changeme`, `admin123`) under secret-named keys:
 * not leaked secrets but default credentials, which insecure-default-secret reports in production
 * configuration. References and stand-ins (`${DB_PASSWORD}`, `<password>`) are neither.
 */
export const isDefaultCredential: LiteralJudge = (raw) => {
  const value = raw.trim();
  return isWeakPassword(value) && !isReference(value) && !/[<>{}$]/.test(value);
};
