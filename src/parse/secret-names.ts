// Recognises secret-named settings (`SECRET_KEY`, `dbPassword`, `STRIPE_API_KEY`) by text alone; whether a
// value is a stand-in is `isPlaceholder` in src/secrets/placeholder.ts.

/** Words of an identifier: `STRIPE_API_KEY`, `stripeApiKey`, `stripe-api-key` all give `stripe api key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that name a secret wherever they appear in the name. */
const SECRET_WORDS = new Set(['secret', 'password', 'passwd', 'passphrase', 'token', 'apikey', 'mnemonic']);
/**
 * A wallet's seed named without `mnemonic`: `SEED_PHRASE`, `RECOVERY_WORDS`, `WALLET_SEED`. `SEED` alone is as
 * often a random-number seed, so it needs one of these beside it.
 */
const WALLET_SEED = /(?:^|_)(?:seed|recovery|backup)_(?:phrase|words)(?:_|$)|(?:^|_)(?:wallet|master|hd|bip39)_seed(?:_|$)/;
/** Words that make a name a digest of what it names: `checksum/secret`, `config_sha256`. */
const DIGEST_WORDS = new Set(['checksum', 'checksums', 'sha1', 'sha256', 'sha512', 'md5']);
/** Words before `key` that make it the name of where a password is kept (`userPasswordKey`). */
const PASSWORD_QUALIFIERS = new Set(['password', 'passwd', 'pwd', 'pass']);
/** `key`/`keys` names a secret when one of these precedes it (`signing_key`), or with no qualifier at all after a service name. */
const PUBLIC_KEY_QUALIFIERS = new Set([
  'public', 'publishable', 'pub', 'primary', 'partition', 'sort', 'cache', 'foreign', 'idempotency', 'lookup', 'index', 'site', 'recaptcha', 'map',
  'dedup', 'dedupe', 'unique', 'composite', 'row', 'hash', 'redis', 'object', 's3', 'bucket', 'file', 'routing', 'group', 'message', 'event',
  'i18n', 'translation',
  // Keys into a dictionary, a form, local storage or a header map (`DISPLAY_NAME_KEY = "displayName"`), not cryptographic keys.
  'name', 'display', 'field', 'column', 'attr', 'attribute', 'label', 'header', 'param', 'query', 'setting', 'settings', 'storage', 'state',
  'context', 'dict', 'meta', 'metadata', 'prop', 'property', 'option', 'form', 'title', 'text', 'type', 'kind', 'path', 'route', 'order',
  'theme', 'locale', 'language', 'lang', 'id', 'flag', 'feature', 'filter', 'sheet', 'tab', 'menu', 'nav', 'view', 'store',
  // Keys naming a record or a directory attribute (`SPREADSHEET_KEY`, `LDAP_EMAIL_KEY`): identifiers, not credentials.
  'spreadsheet', 'document', 'doc', 'folder', 'drive', 'table', 'record', 'item', 'entity', 'model', 'resource', 'email', 'mail',
  'username', 'login', 'uid', 'dn', 'cn',
  // Search-only keys (Algolia, Meilisearch, Typesense) are made to be shipped to browsers.
  'search',
  // Keys that check a download's integrity (Corepack's `COREPACK_INTEGRITY_KEYS`): the registry's public signing keys.
  'integrity',
]);
/** A last word that makes the name describe a secret rather than hold one (`TOKEN_URL`, `PASSWORD_MIN_LENGTH`). */
const METADATA_WORDS = new Set([
  'id', 'ids', 'url', 'urls', 'uri', 'endpoint', 'host', 'hostname', 'port', 'path', 'paths', 'file', 'filename', 'dir', 'name', 'names',
  'header', 'headers', 'length', 'len', 'size', 'ttl', 'expiry', 'expires', 'expire', 'expiration', 'exp', 'lifetime', 'timeout', 'age',
  'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'sec', 'secs', 'min', 'mins', 'ms', 'algorithm', 'algorithms', 'algo', 'alg', 'type', 'types',
  'enabled', 'enable', 'disabled', 'required', 'version', 'prefix', 'suffix', 'field', 'fields', 'param', 'params', 'location', 'region',
  'arn', 'ref', 'store', 'provider', 'backend', 'manager', 'policy', 'rotation', 'count', 'limit', 'max', 'maximum', 'minimum', 'hash',
  'hashed', 'hasher', 'hashers', 'validators', 'validator', 'user', 'username', 'email', 'scope', 'scopes', 'issuer', 'audience', 'label',
  'format', 'mode', 'strategy', 'class', 'module', 'method', 'regex', 'pattern', 'column', 'attribute', 'attr', 'mapping', 'input',
  'placeholder', 'message', 'msg', 'text', 'hint', 'help', 'error', 'errors', 'source', 'env', 'var', 'reset', 'rounds', 'iterations', 'cost', 'strength', 'complexity', 'rule', 'rules', 'char', 'chars',
  'characters', 'digits', 'retries', 'attempts', 'interval', 'delay', 'window', 'cookie', 'query', 'template', 'index', 'kind',
  // What limits how often or how much a secret is used (`TOKEN_EXCHANGE_THROTTLE_RATE`, `API_KEY_QUOTA`), not the secret.
  'rate', 'rates', 'throttle', 'quota', 'threshold', 'duration', 'period', 'frequency', 'ratio', 'percent', 'percentage',
  // Where a secret is kept (`adminSecretNamespace: default`), not the secret.
  'namespace', 'namespaces',
  // Where the secret is read from instead (`docker login --password-stdin <registry>`, `--password-fd 3`,
  // `PASSWORD_COMMAND="pass show db"`, `--password-prompt`): what follows is not the secret.
  'stdin', 'fd', 'command', 'cmd', 'prompt',
]);
/** A first word that makes the name a flag or an action (`USE_TOKEN_AUTH`, `SHOW_PASSWORD`, ansible's `--ask-vault-pass` switch). */
const FLAG_WORDS = new Set(['ask', 'prompt', 'is', 'has', 'use', 'enable', 'disable', 'require', 'allow', 'show', 'hide', 'no', 'skip', 'should', 'validate', 'check', 'verify', 'can', 'must', 'forgot', 'reset', 'get', 'set', 'generate', 'refresh', 'rotate', 'create', 'update', 'delete']);

/**
 * True for names that hold a secret: SECRET_KEY, JWT_SECRET, *_SECRET, *_PASSWORD, *_TOKEN, API_KEY,
 * *_API_KEY, PRIVATE_KEY, SIGNING_KEY, DB_PASS, STRIPE_KEY, *_MNEMONIC, SEED_PHRASE… Not for names that describe one
 * (`*_TOKEN_URL`, `TOKEN_EXPIRY`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `AWS_ACCESS_KEY_ID`) or are public by design
 * (`STRIPE_PUBLISHABLE_KEY`, `NEXT_PUBLIC_…`).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.includes('public') || words.includes('publishable')) return false;
  const last = words[words.length - 1]!;
  if (METADATA_WORDS.has(last) || FLAG_WORDS.has(words[0]!)) return false;
  // `checksum/secret`, `SECRET_SHA256`: a digest of a secret (a pod annotation that rolls the pods when it changes), not the secret.
  if (words.some((w) => DIGEST_WORDS.has(w))) return false;
  // `userPasswordKey: password`, `existingSecretPasswordKey`: the key inside a Kubernetes Secret that holds the
  // password (the Bitnami charts' convention), a name rather than a key of cryptography.
  if ((last === 'key' || last === 'keys') && words.length > 1 && PASSWORD_QUALIFIERS.has(words[words.length - 2]!)) return false;
  // `passwordSecretKey: password` (obico's chart): the key of the password inside the Secret, said the other way round.
  if (last === 'key' && words.length > 2 && words[words.length - 2] === 'secret' && PASSWORD_QUALIFIERS.has(words[words.length - 3]!)) return false;
  if (words.some((w) => SECRET_WORDS.has(w)) || WALLET_SEED.test(words.join('_'))) return true;
  // `DB_PASS`, `SMTP_PWD`: short forms only count as the last word of a longer name (`PWD` alone is the working directory).
  if (words.length > 1 && (last === 'pass' || last === 'pwd' || last === 'pw')) return true;
  if (last === 'key' || last === 'keys') {
    if (words.length === 1) return false;
    const qualifier = words[words.length - 2]!;
    return !PUBLIC_KEY_QUALIFIERS.has(qualifier);
  }
  return false;
}

/**
 * A credential the app presents to a cloud provider's API rather than one it accepts or signs with: an access
 * key pair (`AWS_SECRET_ACCESS_KEY`, `ACCESS_KEY_ID`, `aims.secret-access-key`), a storage account key
 * (`azure.storage.account-key`, `ACCOUNT_KEY`) or a KMS key id (`AIMS_KMS_ENCRYPTION_KEY`). A stand-in for one
 * (`changeme`, `${ACCOUNT_KEY:ACCOUNT_KEY}`) only makes the call to that provider fail: nobody can log in to the
 * app or forge what it signs with it.
 */
export function isCloudAccessKeyName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last !== 'key' && last !== 'id') return false;
  return (words.includes('access') && (last === 'id' || words.includes('secret') || words.length <= 3 || words.includes('aws'))) || (words.includes('account') && last === 'key' && !words.includes('service')) || words.includes('kms');
}

/** The password in a URL's user-info (`postgres://app:s3cret@db/app` gives `s3cret`), or null when it has none. */
export function urlPassword(value: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i.exec(value.trim());
  return match ? match[1]! : null;
}
