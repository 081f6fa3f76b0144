// Default credentials: well-known weak passwords (`postgres`, `changeme`, `admin123`) set under
// secret-named keys, in URLs and in Kubernetes Secrets. Not leaked secrets (the secrets check leaves
// them alone) but a door anyone can open where the file configures production.
import { splitLines } from '../changeset/content.js';
import { isCloudAccessKeyName } from '../parse/secret-names.js';
import { kubernetesSecretText, mayHoldKubernetesSecret } from './contextual.js';
import { findAssignments, isDefaultCredential, namesASecret, secretKeyKind, userNamesBeside } from './generic.js';
import { isPlaceholder, isReference, isUrlFormat, isWeakPassword, spellsOwnName } from './placeholder.js';
import { fileFacts, type FileFacts, type FileRole, type LineContext } from './rule.js';

export interface DefaultCredential {
  /** 1-based line. */
  line: number;
  /** The key or URL scheme it is set under (`POSTGRES_PASSWORD`, `postgres://`); never the value. */
  name: string;
  /** The weak password itself, to compare with other places that set it; never put in a message. */
  password: string;
  /** Set when the password is the user name beside it with a weak word or number after it (`kanboard-secret`). */
  extendsUser?: true;
}

const URL_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,20}):\/\/([^\s:@/?#'"`<>]{0,128}):([^\s@/?#'"`<>]{1,256})@(?=[A-Za-z0-9[_-])([^\s:/?#'"`<>]*)/g;
const KEY_HINT = /pass|pwd|secret|token|key|auth|cred/i;

function onLine(line: LineContext): DefaultCredential | null {
  const kube = line.file.yaml ? kubernetesSecretText(line) : null;
  if (kube) return secretKeyKind(kube.key) && (isWeakPassword(kube.text) || kube.sameAsUser) && !isReference(kube.text) && !standsInForCloudKey(kube.key, kube.text) ? { line: line.index + 1, name: kube.key, password: kube.text } : null;
  URL_USERINFO.lastIndex = 0;
  for (const m of line.text.matchAll(URL_USERINFO)) {
    const password = m[3]!;
    // `postgres://user:password@host:port/database` documents the form of the URL; it logs nobody in.
    if (isUrlFormat(m[2]!, password, m[4]!, line.text)) continue;
    if (isWeakPassword(password) && !isReference(password)) return { line: line.index + 1, name: `${m[1]!.toLowerCase()}://`, password };
  }
  if (!KEY_HINT.test(line.text) && !(line.index > 0 && namesASecret({ file: line.file, index: line.index - 1, text: line.file.lines[line.index - 1]! }))) return null;
  const found = findAssignments(line, isDefaultCredential)[0] ?? passwordSameAsUser(line);
  // A value that spells its own setting's name (`DATABASE_PASSWORD: database_password` in a chart's mapping of
  // variables to Secret entries) names where the password is kept: weak as the word looks, nobody logs in with it.
  if (!found || (found.name !== undefined && spellsOwnName(found.name, found.secret))) return null;
  const users = userNamesBeside(line.file, line.index);
  const extended = !isWeakPassword(found.secret) && ![...users].some((u) => u === found.secret.trim()) && extendsUserName(found.secret.trim(), users);
  return { line: line.index + 1, name: found.name ?? 'a secret-named key', password: found.secret, ...(extended ? { extendsUser: true as const } : {}) };
}

/**
 * A stand-in under a cloud provider's access key name (`AWS_SECRET_ACCESS_KEY: changeme` in a backup job's
 * Secret): the app presents it to the provider, which refuses it; nobody gets in anywhere with it. MinIO's
 * stock `minioadmin` is the key a bundled MinIO accepts, and stays reported.
 */
export function standsInForCloudKey(name: string, value: string): boolean {
  return isCloudAccessKeyName(name) && !/minio/i.test(value);
}

/** The word `user` in a user name (`postiz-user`, `app_username`, `dbuser`), to spell the matching password. */
const USER_WORD = /user(?:name)?|usr|login/i;

/**
 * A password set to the user name beside it (`username: opengist` and `password: opengist` in one mapping,
 * `POSTGRES_USER=app` with `POSTGRES_PASSWORD=app`), or to that name with `password` for its `user` word
 * (`POSTGRES_USER: postiz-user` over `POSTGRES_PASSWORD: postiz-password`, `app_user` / `app_pass`): the
 * first pair anyone tries, a default credential whatever the word. The user name must sit within six lines
 * at the same indentation, in the same mapping.
 */
function passwordSameAsUser(line: LineContext): ReturnType<typeof findAssignments>[number] | undefined {
  const users = userNamesBeside(line.file, line.index);
  if (users.size === 0) return undefined;
  const pairs = new Set(users);
  for (const user of users) {
    // `example-username` over `example-password` is a stand-in pair; the placeholder rules judge it.
    if (!USER_WORD.test(user) || isPlaceholder(user)) continue;
    for (const word of ['password', 'pass', 'pwd']) pairs.add(user.replace(USER_WORD, word));
  }
  const judge = (value: string) => (pairs.has(value.trim()) || extendsUserName(value.trim(), users)) && !isReference(value.trim()) && !/[<>{}$]/.test(value);
  return findAssignments(line, judge).find((c) => /pass|pwd/i.test(c.name ?? ''));
}

/**
 * A password that is a user name beside it followed by a well-known weak word or a number (`POSTGRES_USER:
 * kanboard` over `POSTGRES_PASSWORD: kanboard-secret`, `app` / `app123`): the same first guess with a suffix.
 */
function extendsUserName(value: string, users: ReadonlySet<string>): boolean {
  const lower = value.toLowerCase();
  for (const user of users) {
    if (user.length < 3 || isPlaceholder(user) || !lower.startsWith(user.toLowerCase())) continue;
    const rest = value.slice(user.length).replace(/^[-_.@]/, '');
    if (rest !== '' && isWeakPassword(rest)) return true;
  }
  return false;
}

/**
 * A comment line of configuration (`# LDAP_PASSWORD: "mypassword"`, `; password = admin`, `// "password": "root"`):
 * it shows the form of an entry and sets nothing, so no service accepts what it says.
 */
const CONFIG_COMMENT = /^\s*(?:#|;|\/\/)/;

/** An ini section header: `[unix_http_server]`, `[program:web]`. */
const INI_SECTION = /^\s*\[([^\]\r\n]+)\]\s*(?:[;#].*)?$/;

/**
 * The ini section line `index` sits in: its name (lower case) and the lines from its header to the next,
 * or null outside any. YAML and JSON have no sections; a `[…]` line there is a list.
 */
function iniSectionAt(file: FileFacts, index: number): { name: string; lines: readonly string[] } | null {
  if (file.yaml || file.ext === 'json' || file.flavour !== 'config') return null;
  for (let i = index; i >= 0; i--) {
    const m = INI_SECTION.exec(file.lines[i]!);
    if (!m) continue;
    let end = index + 1;
    while (end < file.lines.length && !INI_SECTION.test(file.lines[end]!)) end++;
    return { name: m[1]!.trim().toLowerCase(), lines: file.lines.slice(i, end) };
  }
  return null;
}

/**
 * Whether line `index` is in a section whose password guards a local socket rather than a service on the
 * network: supervisord's `[unix_http_server]` serves supervisorctl on a unix socket, and who may connect is
 * the socket file's mode and owner (`chmod = 0700`), not the password; a `[supervisorctl]` whose `serverurl`
 * is that `unix://` socket is its client. Its `[inet_http_server]` listens on TCP (reachable through any
 * request forgery in the apps it runs, even bound to `127.0.0.1`) and is judged, as is a client of it.
 */
function guardsLocalSocket(file: FileFacts, index: number): boolean {
  const section = iniSectionAt(file, index);
  if (section?.name === 'unix_http_server') return true;
  return section?.name === 'supervisorctl' && section.lines.some((l) => /^\s*serverurl\s*=\s*unix:\/\//i.test(l));
}

/** The dialect-and-driver placeholder of SQLAlchemy URLs (`driver://…`, `dialect+driver://…`). */
const PLACEHOLDER_SCHEME = /^(?:dialect\+)?driver:\/\/$/i;

/** Default credentials on the given lines (1-based; default all) of a configuration file; comment lines set nothing. */
/**
 * Lines (0-based) that lie in an XML comment (`<!-- … -->` on one line or many) from their start to their end:
 * commented-out examples, not settings. ClickHouse's stock `users.xml`, which projects copy into ConfigMaps
 * and volumes, explains `Example: <password>qwerty</password>.` inside one. A line whose comment closes before
 * more content keeps that content judged.
 */
export function xmlCommentLines(lines: readonly string[]): Set<number> {
  const inside = new Set<number>();
  let open = false;
  lines.forEach((line, i) => {
    const startsInComment = open || /^\s*<!--/.test(line);
    let at = 0;
    let closedAt = -1;
    for (;;) {
      const mark = line.indexOf(open ? '-->' : '<!--', at);
      if (mark < 0) break;
      at = mark + (open ? 3 : 4);
      if (open) closedAt = at;
      open = !open;
    }
    if (startsInComment && (open || line.slice(closedAt).trim() === '')) inside.add(i);
  });
  return inside;
}

export function findDefaultCredentials(text: string, path: string, options: { lines?: Iterable<number>; role?: FileRole } = {}): DefaultCredential[] {
  const file = fileFacts(path, splitLines(text), options.role);
  if (file.flavour === 'code' || file.flavour === 'prose' || file.tokensOnly) return [];
  const wanted = options.lines ? [...options.lines].map((n) => n - 1) : file.lines.map((_, i) => i);
  const found: DefaultCredential[] = [];
  const kube = file.yaml && mayHoldKubernetesSecret(file);
  const inXmlComment = text.includes('<!--') ? xmlCommentLines(file.lines) : undefined;
  for (const i of wanted) {
    const text = file.lines[i];
    if (text === undefined || (!kube && !text.includes('://') && !KEY_HINT.test(text) && !/^\s*-?\s*value\b/i.test(text)) || CONFIG_COMMENT.test(text) || inXmlComment?.has(i)) continue;
    const hit = onLine({ file, index: i, text });
    // `driver://user:pass@localhost/dbname` is the placeholder SQLAlchemy's docs and `alembic init` write: no
    // database speaks the scheme `driver`, so nothing can log in with it.
    if (hit && !guardsLocalSocket(file, i) && !PLACEHOLDER_SCHEME.test(hit.name)) found.push(hit);
  }
  return found;
}
