// Tells stand-ins from secrets: placeholders (`changeme`, `<token>`, `xxxx`), references (`${VAR}`,
// `process.env.X`), identifiers and file names, published examples, and values too plain to be a key.
import { createHash } from 'node:crypto';
import { shannonEntropy } from './entropy.js';

/** Template and environment references: the value names where the secret comes from, it is not the secret (`${VAR}`, `{{ .Values.x }}`, BEFTA test data's `[[$CCD_CASEWORKER_PWD]]`). */
const REFERENCE =
  /^\$|^\[\[\$[A-Za-z_]\w*\]\]$|^`|^%[\w.-]+%$|^%(?:\([^)]*\))?[sdr]$|^\{\d*\}$|^\?$|^:[A-Za-z_]\w*$|^@[\w.-]+@$|^__[\w-]+__$|^#\{|^\{%|^<%|^!(?:vault|secret|ref|sub|getatt|import)\b|\$\{|\$\(|\{\{|\}\}|^ENC\[|^(?:vault|ref\+|op|sm|akv|gcpsm|awssm|secret|secrets|env|arn:aws):|(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|env\(|secrets\.|vars\.)/i;

/** True when the value points at a variable, template, command or secret store instead of holding a secret. */
export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/** Runs that only a stand-in has: `xxxx`, `****`, `####`, `....`, `<...>`, `…`. */
const FILLER_RUN = /x{4,}|X{4,}|\*{3,}|#{4,}|\.{3,}|…|•{2,}|_{6,}|0{6,}|<[^>]*>|^\[[^\]]*\]$|^\{[A-Za-z_ .-]*\}$|\(\s*\)/;
const REPEATED_RUN = /(.)\1{7,}/g;

/**
 * Stand-in runs inside a token (`ghp_xxxx…`, `AKIA****…`), or one character repeated over a quarter of
 * it (`glc_1111…`): used by every rule, provider rules included. Random tokens and base64 of binary data
 * have short runs (`511111111` in a Slack id, ten `A`s of zero bytes), never a quarter of the value.
 */
export function hasFillerRun(value: string): boolean {
  if (FILLER_RUN.test(value)) return true;
  for (const m of value.matchAll(REPEATED_RUN)) if (m[0].length * 4 >= value.length) return true;
  return false;
}

/** Words that mark documentation and templates wherever they occur (`example123`, `fake_password`, `your-api-key`). */
const STAND_IN_MARKERS =
  /example|sample|dummy|placeholder|change[-_ ]?me|change[-_ ]?it|change[-_ ]?this|replace[-_ ]?(?:me|this|with)|set[-_ ]?me(?![a-z])|your[-_ ]?(?:own[-_ ]?)?(?:api|app|access|secret|token|key|pass|client|auth|account|private|db|user|org|project)|^your[-_]|^my[-_]?(?:secret|token|key|pass|api)|(?:^|[-_ ])here$|[a-z]Here$|_HERE$|redacted|insert[-_ ]?(?:your|key|token|here)|put[-_ ]?your|enter[-_ ]?your|fill[-_ ]?(?:me|in)|not[-_ ]?(?:a[-_ ]?)?real|fake[-_]|^fake|^test[-_]?(?:token|key|secret|password|pass)$/i;

/** Whole values that name the slot instead of filling it (`password`, `token`, `none`, `value`, `TODO`), maybe numbered. */
const STAND_IN_WORDS = /^(?:foo|bar|baz|foobar|lorem|ipsum|none|null|nil|undefined|true|false|yes|no|on|off|string|value|empty|unset|required|optional|todo|tbd|fixme|n\/?a|unknown|token|key|apikey|api[-_]key)\d{0,4}$|^(?:secret|password|passwd|pass|pwd|default|test|fake)$/i;

/** Words that name a credential's slot rather than fill it. */
const SLOT_WORDS = new Set(['token', 'key', 'secret', 'password', 'passwd', 'pass', 'pwd', 'value', 'api', 'access', 'auth', 'client', 'private', 'app', 'string', 'some', 'the', 'a', 'my', 'your', 'goes', 'here', 'bearer', 'encoded']);

/**
 * A value of two or more words that all name the slot (`token-value`, `secret_value`, `apiKeyValue`,
 * `the-secret-key`): a README's or a template's stand-in, as `token` alone is. A word of any other kind
 * (`acme-prod-token`) or a run of random characters makes it a value.
 */
function namesTheSlot(value: string): boolean {
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9]*(?:[-_. ][A-Za-z0-9]+)*$/.test(value)) return false;
  const words = value.split(/[-_. ]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter(Boolean).map((w) => w.toLowerCase());
  return words.length >= 2 && words.every((w) => SLOT_WORDS.has(w));
}

/** What counts as a stand-in beyond the shapes and words every caller agrees on. */
export interface PlaceholderOptions {
  /**
   * Whether well-known weak and default passwords (`postgres`, `admin`, `hunter2`, `letmein`, `Passw0rd1`)
   * count as stand-ins too. Default true: the secrets check leaves them to insecure-default-secret, which
   * reports them as default credentials. Pass false where a weak value that would work is still a value
   * (an env file that sets `DB_PASSWORD=hunter2` does hold a credential).
   */
  weakPasswords?: boolean;
}

/**
 * True for values that only stand in for a secret: empty, one character repeated, filler runs (`xxxx`,
 * `****`, `<token>`), references (`${VAR}`, `process.env.X`), template words anywhere (`example123`,
 * `fake_password`, `your-api-key`, `changeme`) and slot names (`password`, `none`); and, unless
 * `options.weakPasswords` is false, weak and default passwords (`hunter2`, `postgres`).
 */
export function isPlaceholder(value: string, options: PlaceholderOptions = {}): boolean {
  const v = value.trim();
  if (v === '' || /^(.)\1*$/.test(v)) return true;
  if (isReference(v) || hasFillerRun(v)) return true;
  if (STAND_IN_MARKERS.test(v) || STAND_IN_WORDS.test(v) || namesTheSlot(v) || isLeetStandIn(v) || describesItself(v) || countsUp(v)) return true;
  return (options.weakPasswords ?? true) && isWeakPassword(v);
}

/**
 * Phrases that describe the value a slot wants instead of being one: `some random string`, `random chars`,
 * `32 characters`, `at least 16`, `a long secure password`, `generate one`, `put your … in`.
 */
const SELF_DESCRIPTION =
  /\b(?:some|any|a|your|long) random\b|\brandom (?:string|value|text|chars?|characters|bytes|key|secret|token|password|passphrase|phrase|data|hex|letters|digits)\b|\b\d{1,4} (?:chars?|characters|bytes|digits|letters|symbols)\b|\b(?:at least|min|minimum|exactly|max|maximum) \d{1,4}\b|\b(?:secure|strong|long|unique|complex|unguessable) (?:random )?(?:password|passphrase|secret|key|token|string|value)\b|\bgenerated?\b|\b(?:put|insert|enter|paste|type|add) (?:your|the|a|an|some)\b/;

/**
 * The words of a value written as words (`someRandomStringWith32Characters`, `a-long-secure-password`,
 * `Random String 32 Chars`): camel-case and separated words of two letters or more with a vowel, maybe small
 * numbers between them; null for anything else. A random token always has a piece that is not a word
 * (`aB3dE5fG` splits into `a`, `B`, `3`, `d`…), so it never gets this far.
 */
function wordsOf(value: string): string[] | null {
  if (!/^[A-Za-z0-9 _.-]{8,80}$/.test(value)) return null;
  const pieces = value.split(/[ _.-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter(Boolean);
  const word = (p: string) => /^\d{1,4}$/.test(p) || /^a$/i.test(p) || (/^(?:[A-Z]?[a-z]+|[A-Z]+)$/.test(p) && p.length >= 2 && /[aeiouy]/i.test(p) && !/[^aeiouy]{5}/i.test(p));
  return pieces.length >= 2 && pieces.every(word) ? pieces.map((p) => p.toLowerCase()) : null;
}

/**
 * True for a value written as ordinary words and small numbers (`unleash4all`, `testing123`, `blue-horse-42`):
 * one a person types from memory, not one a generator made. A random token always has a piece that is not a word.
 */
export function readsAsWords(value: string): boolean {
  return wordsOf(value) !== null;
}

/**
 * True for a value a person types from memory: up to four words of letters, lower-case or capitalised, joined or
 * separated by `-`, `_` or `.`, with at most four digits at the end (`elsa`, `postgres`, `admin123`, `my-local-pass`,
 * `SuperSecret1`). A generated value is not: pwgen's pronounceable `aeBoh3ohJu5e` has a digit inside and a capital
 * inside a word.
 */
export function typedFromMemory(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z._-]*\d{0,4}$/.test(value)) return false;
  const words = value.replace(/\d+$/, '').split(/[-_.]|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  return words.length <= 4 && words.every((w) => /^(?:[a-z]+|[A-Z][a-z]+)$/.test(w) && w.length >= 2 && /[aeiouy]/i.test(w) && !/[^aeiouy]{5}/i.test(w));
}

/**
 * True for a value made of ordinary words that describe what should go there (`someRandomStringWith32Characters`,
 * the APP_KEY an app replaces at setup; `a-long-random-string`; `at_least_32_characters`): it tells the
 * reader what to write, it is not what anyone wrote. Only values that split into words end to end qualify.
 */
export function describesItself(value: string): boolean {
  const words = wordsOf(value);
  return words !== null && SELF_DESCRIPTION.test(words.join(' '));
}

/**
 * Phrases of a stand-in that asks to be swapped for the value wanted: `… by a real key`, `with your own
 * secret`, `an actual token`, `a valid password`.
 */
const ASKS_FOR_REAL = /\b(?:a|an|your|the)(?: own)? (?:real|actual|proper|valid|own) (?:one|key|secret|token|password|passphrase|value)\b|\byour own\b/;

/**
 * True for a value written as ordinary words that says it must be swapped for a real one
 * (`ReplaceThisBase64KeyByARealKey`, `use-your-own-secret`): the words stand in for the key, telling the reader
 * what belongs there. Whether an install still runs with it as written is a shared default, which
 * `env-file-committed` and `insecure-default-secret` judge; it is no leaked credential. Only values that split
 * into words end to end qualify.
 */
export function asksForRealValue(value: string): boolean {
  const words = wordsOf(value);
  return words !== null && ASKS_FOR_REAL.test(words.join(' '));
}

/**
 * True when a value only spells out the name of its own setting, maybe after one word (a project's or app's
 * name, `my`, `default`): `SECRET_KEY=taiga-secret-key`, `JWT_SECRET=jwt_secret`, `RABBITMQ_ERLANG_COOKIE=secret-erlang-cookie`.
 * It names the slot instead of filling it; at least the last two words of the name must be spelt, and the
 * value holds letters and separators only (digits could be what makes a value secret).
 */
export function spellsOwnName(name: string, value: string): boolean {
  const v = value.trim();
  if (!/^[A-Za-z][A-Za-z _.-]{3,63}$/.test(v)) return false;
  const nameParts = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const valueParts = v.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
  if (nameParts.length < 2 || valueParts.length < 2) return false;
  for (const lead of [0, 1]) {
    const spelt = valueParts.slice(lead);
    if (spelt.length < 2 || spelt.length > nameParts.length) continue;
    if (spelt.join(' ') === nameParts.slice(-spelt.length).join(' ')) return true;
  }
  return false;
}

/**
 * Quantities: a rate (`60/min`, `1000/day`), a duration (`30s`, `15m`, `1h`, `500ms`) or a size (`10MB`,
 * `512k`). What a throttle, a timeout or a limit is set to; no secret has this shape. A bare number is not
 * one of them: `123456` is a weak password.
 */
const QUANTITY = /^\d+(?:\.\d+)?\s*(?:\/\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|y|years?)|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|[kmgt]i?b?|bytes?)$/i;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value.trim());
}

/** Digits read as the letters they stand for in leetspeak (`ch4n63m3` is `changeme`); `1` is tried as `i` and as `l`. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };
/** The two readings of leetspeak digits: `1` as `i` and as `l`. */
const LEET_READINGS: readonly Record<string, string>[] = [LEET, { ...LEET, '1': 'l' }];
/** Words a stand-in is made of once read back: at least one marker word, the rest glue (`changemeifyoucan`, `yoursecrethere`). */
const LEET_MARKER_WORDS = ['change', 'changeme', 'example', 'sample', 'dummy', 'placeholder', 'secret', 'password', 'passwd', 'replace', 'fake', 'default'];
const LEET_GLUE_WORDS = ['me', 'it', 'this', 'if', 'you', 'can', 'your', 'my', 'our', 'the', 'a', 'here', 'key', 'token', 'super', 'very', 'not', 'real', 'please', 'so', 'to', 'do', 'value', 'app', 'api', 'pass', 'word', 'string', 'long', 'random', 'some', 'is', 'now', 'later', 'with', 'own'];

/**
 * True for a stand-in written in leetspeak (`ch4n63m31fy0uc4n`, `y0ur53cr3t`, `s3cr3tp4ssw0rd`): once its
 * digits are read as letters, the whole value splits into stand-in words, one of them a marker. Only values
 * of letters and digits (and `-`/`_`) with a digit and no upper-case letter qualify, maybe ending in the
 * punctuation a password rule asks for (`p4s5w0rd!`): a random key with digits does not read back as words
 * end to end.
 */
export function isLeetStandIn(raw: string): boolean {
  const value = raw.replace(/[!?.#*]{1,3}$/, '');
  if (!/^[a-z0-9_-]{6,64}$/.test(value) || !/\d/.test(value) || !/[a-z]/.test(value)) return false;
  const letters = value.replace(/[-_]/g, '');
  return LEET_READINGS.some((map) => splitsIntoStandInWords(letters.replace(/\d/g, (d) => map[d] ?? d)));
}

/**
 * Whether a value spells `name` (a project's or owner's name), plainly or in leetspeak, case and separators
 * aside (`m1cr0b1n` for microbin, `Micro-Bin`): a guessable default such as a project sets for its own admin
 * login, not a secret. Names shorter than four letters never match.
 */
export function spellsProjectName(value: string, name: string): boolean {
  const wanted = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!/[a-z]{4}/.test(wanted)) return false;
  const letters = value.toLowerCase().replace(/[-_. ]/g, '');
  if (letters === wanted) return true;
  if (!/^[a-z0-9]+$/.test(letters) || letters.length !== wanted.length) return false;
  return LEET_READINGS.some((map) => letters.replace(/\d/g, (d) => (/\d/.test(wanted) ? d : (map[d] ?? d))) === wanted);
}

function splitsIntoStandInWords(text: string): boolean {
  // reach[i]: the best split of text[0, i) so far — undefined (none), false (glue only) or true (has a marker).
  const reach: (boolean | undefined)[] = [false];
  for (let i = 0; i < text.length; i++) {
    if (reach[i] === undefined) continue;
    for (const [words, marker] of [[LEET_MARKER_WORDS, true], [LEET_GLUE_WORDS, false]] as const) {
      for (const w of words) if (text.startsWith(w, i)) reach[i + w.length] = reach[i + w.length] === true || reach[i]! || marker;
    }
  }
  return reach[text.length] === true;
}

/**
 * A value that, after at most two word prefixes (`secret_`, `sk_test_`), only counts up in runs of three or more
 * (`secret_abc123DEF456`, `abc123def`, `123456abc`): the keyboard-free stand-in documentation writes for a key.
 */
export function countsUp(value: string): boolean {
  const tail = value.replace(/^(?:[A-Za-z]{2,12}[_-]){1,2}/, '').toLowerCase();
  if (tail.length < 6 || tail.length > 40 || !/^[a-z0-9]+$/.test(tail)) return false;
  let run = 1;
  for (let i = 1; i <= tail.length; i++) {
    if (i < tail.length && tail.charCodeAt(i) - tail.charCodeAt(i - 1) === 1) run++;
    else if (run < 3) return false;
    else run = 1;
  }
  return true;
}

/** `abcdef`, `123456`, `ABCDEFG`: alphabets and counting sequences (`keyChars = "0123…xyz"`) are not keys. */
export function hasSequentialRun(value: string, length = 6): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    run = step === 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** A single character repeated (`aaaaaaaa`, `00000000`) or an alternation so plain its entropy is under 1.5 bits. */
export function isMonotonous(value: string): boolean {
  return /^(.)\1*$/.test(value) || shannonEntropy(value) < 1.5;
}

// Pieces of an identifier: `camelCase` words, `ALLCAPS` acronyms, lower-case words, small numbers, version-like parts.
const WORDY_PART = /^(?:[A-Z]?[a-z]{2,}(?:[A-Z][a-z]{1,})*|[A-Z][a-z]?|[A-Z]{2,8}(?:[A-Z][a-z]{2,})*[a-z]?|\d{1,8}|v\d{1,3}|[a-z]\d{1,3}|[a-z]{1,2}\d{1,4}[a-z]?|[a-z]{3,10}\d{1,4}|[A-Z]\d{1,4}|\d{1,4}[A-Za-z]{1,3}|[a-z]{1,2})$/;

/**
 * True for names rather than secrets: `DOC_Vector_5_32`, `SalesResults-1.2`, `XSalsa20.key_length`,
 * `env/cert.p12`, `apigee.corpint.com`. Every piece between separators reads as a word, an acronym or a
 * small number; random tokens almost always have a piece that does not.
 */
export function isIdentifierLike(value: string): boolean {
  const parts = value.split(/[-_.\s/:@,+?!#$%&*()[\]{}<>;=~^|'"\\]+/).filter(Boolean);
  if (parts.length === 0) return true;
  return parts.every((p) => WORDY_PART.test(p) || isPascalWords(p));
}

/**
 * `ultraPictureBox1`, `CleartextPassword`, `HTTPServerError`: words glued in camel case, maybe ending in digits;
 * also with one number inside after an acronym (`NFCISO15693ReadMultipleBlocksConfiguration`, `HTTP2Settings`):
 * standards and versions are named so, and a random token has more than one such run.
 */
function isPascalWords(part: string): boolean {
  const trimmed = part.replace(/\d+$/, '');
  if (trimmed.length === 0) return false;
  const inner = trimmed.match(/\d+/g) ?? [];
  if (inner.length > 1 || (inner.length === 1 && !/[A-Z]{2,}\d{1,6}(?=[A-Z]|$)/.test(trimmed))) return false;
  const words = trimmed.replace(/\d+/, '').split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  if (words.length === 0) return false;
  // Random mixed case splits into many one- and two-letter pieces; names into a few real words.
  const singles = words.filter((w) => w.length === 1).length;
  if (singles > 1 || part.length / words.length < 3) return false;
  return words.every((w) => /^[A-Z][a-z]+$|^[a-z]{2,}$|^[A-Z]{2,8}$|^[A-Z]$/.test(w) && (w.length < 5 || /[aeiouy]/i.test(w)));
}

/** Paths, file names and URLs: `/etc/ssl/key.pem`, `./secrets.json`, `file:/config/keys/app.key`, `https://…`. */
export function isPathOrUrl(value: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:file:)?(?:\.{0,2}\/|~\/)|[A-Za-z]:\\)/i.test(value) || /^[\w./-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|properties|conf|cfg|ini|xml|html?|js|ts|py|rb|go|sh|keytab|keystore|der|pub|asc|gpg|png|jpe?g|gif|svg|pdf|log|csv|zip|gz|tar|md)$/i.test(value);
}

/**
 * Common and default passwords: values that would work if deployed, and that anyone tries first.
 * The secrets check does not report them; insecure-default-secret reports them as default credentials.
 */
const WEAK_PASSWORD = /^(?:password|passw0rd|p@ssw0rd|p@ssword|pass|passwd|pwd|secret|s3cret|admin|administrator|root|toor|guest|user|test|tester|testing|demo|default|changeit|change[-_]?me|changethis|letmein|welcome|qwerty|qwertyuiop|asdf|asdfgh|abc123|abcd1234|iloveyou|monkey|dragon|master|postgres|postgresql|mysql|mariadb|redis|mongo|mongodb|oracle|sa|rabbitmq|minio|minioadmin|elastic|kibana|jenkins|docker|ubuntu|vagrant|alpine|secretpassword|supersecret|mysecret|mypassword|yourpassword|hunter2|[0-9]+)[!.]?\d{0,4}$/i;

/** Words that name the parts of a URL instead of filling them: `scheme://user:password@host:port/database`. */
const URL_SLOT_USER = /^(?:user|username|user_?name|usr|login|name|db_?user)$/i;
const URL_SLOT_PASSWORD = /^(?:password|passwd|pass|pwd|secret)$/i;
const URL_SLOT_HOST = /^(?:host|hostname|host_?name|server|domain|address|ip)$/i;
/** A comment line: shell, YAML, TOML and INI `#` or `;`, C-like `//`, `/*` and `*`, SQL and Lua `--`. */
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|;|--)/;

/**
 * True for a URL that documents a format instead of holding a credential: its user and password are the
 * words that name those parts (`user:password`), and either its host is one too (`@host:port`) or the line
 * is a comment (`# PostgreSQL: postgres://user:password@db/app`). Nothing logs in with it.
 */
export function isUrlFormat(user: string, password: string, host: string, line: string): boolean {
  if (!URL_SLOT_USER.test(user) || !URL_SLOT_PASSWORD.test(password)) return false;
  return URL_SLOT_HOST.test(host) || COMMENT_LINE.test(line);
}

/** True for well-known weak or default passwords (`admin123`, `postgres`, `changeit`, `hunter2`). */
export function isWeakPassword(value: string): boolean {
  return WEAK_PASSWORD.test(value.trim());
}

/** Decodes base64 or base64url text, or null when it is not. */
export function decodeBase64(text: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

/** A JWT's claims as text (its second part, decoded); '' for anything that is not a JWT. */
function jwtClaims(token: string): string {
  const payload = /^ey[\w-]+\.(ey[\w-]+)\./.exec(token)?.[1];
  return payload === undefined ? '' : (decodeBase64(payload) ?? '');
}

/** Whether a JWT's claims have a numeric `exp` (seconds since the epoch) before now: its issuer refuses it. */
export function isExpiredJwt(token: string, now = Date.now()): boolean {
  const claims = jwtClaims(token);
  if (!claims.startsWith('{')) return false;
  try {
    const exp: unknown = (JSON.parse(claims) as Record<string, unknown>).exp;
    return typeof exp === 'number' && Number.isFinite(exp) && exp * 1000 < now;
  } catch {
    return false;
  }
}

/**
 * SHA-256 digests of values a vendor publishes to everyone, the same in every install: Azurite's account key of
 * `devstoreaccount1` and the Azure Cosmos DB Emulator's key (for their local emulators), and the `TrustedClientToken`
 * Microsoft Edge sends to its read-aloud service (every edge-tts client carries it). Kept as digests so this file
 * holds no key-shaped text.
 */
const PUBLISHED_VALUES = new Set([
  '0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059',
  'aa6547439583c3a275d4542a0df6c1ad6a863971be9f2a2220f027cc02aef615',
  '558d7c6a7f7db444895946fe23a54ad172fd6d159f46cb34dd4db21bb27c07d7',
]);

/** Whether a value is one a vendor publishes to everyone (see PUBLISHED_VALUES). */
export function isPublishedValue(secret: string): boolean {
  return secret.length >= 24 && secret.length <= 100 && PUBLISHED_VALUES.has(createHash('sha256').update(secret).digest('hex'));
}

export function isDocumentedExample(secret: string): boolean {
  if (/EXAMPLE/.test(secret)) return true;
  if (isPublishedValue(secret)) return true;
  const claims = jwtClaims(secret);
  // jwt.io's sample token, and the Supabase CLI's local demo keys (`"iss":"supabase-demo"`), the same in every install's docs.
  return /^\{"sub":"1234567890","name":"John Doe",(?:"admin":true,)?"iat":1516239022\}$/.test(claims) || /^\{[^{}]*"iss"\s*:\s*"supabase-demo"[^{}]*\}$/.test(claims);
}

/** `ABCDEFGHIJ…`, nanoid's `useandom-26T198…`: an alphabet lists every character once; a random key of that length repeats some. */
export function isAlphabet(value: string): boolean {
  return value.length >= 36 && new Set(value).size === value.length;
}

/**
 * Password hashes: what a login stores instead of the password (Django `pbkdf2_sha256$…`, bcrypt `$2b$…`,
 * argon2 `$argon2id$…`, crypt `$6$…`, Werkzeug `scrypt:…$…`, LDAP `{SSHA}…`, htpasswd `user:$apr1$…`).
 * Fixtures and seed data hold them; they do not log anyone in.
 */
const PASSWORD_HASH =
  /^(?:[\w.@-]{1,64}:)?(?:(?:pbkdf2_sha(?:1|256|512)|bcrypt(?:_sha256)?|argon2|scrypt|sha1|md5|crypt|unsalted_(?:md5|sha1))\$|(?:pbkdf2|scrypt):[\w:]+\$|\$(?:2[abxy]?|1|5|6|7|y|gy|apr1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|sha1|md5|P|H)\$|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|CRYPT|MD5|SMD5|PBKDF2(?:-SHA\d+)?|ARGON2|BCRYPT)\})/i;

export function isPasswordHash(value: string): boolean {
  return PASSWORD_HASH.test(value.trim()) || isAspNetIdentityHash(value.trim());
}

/**
 * ASP.NET Core Identity's password hashes, base64 of a format byte and what follows it: version 2 (`0x00`, a
 * 16-byte salt and a 32-byte PBKDF2 subkey: 49 bytes, 68 characters) and version 3 (`0x01`, then the PRF (0 to 2),
 * the iteration count and the salt length as big-endian 32-bit numbers, the salt and the subkey). Seed scripts of
 * .NET applications hold them for their demo accounts (`AQAAAAEAACcQAAAAE…`).
 */
function isAspNetIdentityHash(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const bytes = Buffer.from(value, 'base64');
  if (bytes[0] === 0x00) return bytes.length === 49 && value.length === 68;
  if (bytes[0] !== 0x01 || bytes.length < 13) return false;
  const prf = bytes.readUInt32BE(1);
  const iterations = bytes.readUInt32BE(5);
  const saltLength = bytes.readUInt32BE(9);
  const subkeyLength = bytes.length - 13 - saltLength;
  return prf <= 2 && iterations >= 1000 && iterations <= 10_000_000 && saltLength >= 8 && saltLength <= 64 && subkeyLength >= 16 && subkeyLength <= 64;
}

/**
 * Names of cloud resources rather than their secrets: ARNs, GCP resource paths and service-account
 * e-mails, Azure resource ids and Key Vault references, object-store URLs, OAuth client ids.
 */
const CLOUD_RESOURCE =
  /^(?:arn:aws[\w-]*:|(?:projects|organizations|folders|billingAccounts)\/[^/\s]+\/|\/?subscriptions\/[0-9a-f-]{36}\/|@Microsoft\.KeyVault\(|(?:gs|s3a?|az|abfss?|wasbs?|hdfs|dbfs|oci|r2):\/\/|(?:secretsmanager|ssm|kms|awskms|gcpkms|azurekms|hashivault|vault|sm|gcpsm|akv):|\/\/iam\.googleapis\.com\/)|@[\w-]+\.iam\.gserviceaccount\.com$|\.apps\.googleusercontent\.com$|\.vault\.azure\.net(?:\/|$)/i;

export function isCloudResourceName(value: string): boolean {
  return CLOUD_RESOURCE.test(value.trim());
}

/**
 * A value specific enough that finding it elsewhere is finding the same credential: eight characters or
 * more, five of them different, and no weak or default password or stand-in (`postgres`, `changeme`,
 * `password1`), which unrelated settings share.
 */
export function isDistinctValue(value: string): boolean {
  return value.length >= 8 && new Set(value).size >= 5 && !isPlaceholder(value);
}
