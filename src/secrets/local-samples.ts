// Samples of a local install: the blocks of a document, or the example configuration, whose every address is the
// local machine or a name reserved for examples, so what they configure is an instance nobody else can reach.

/**
 * Host names no deployment serves: the local machine (`localhost`, loopback, `host.docker.internal`) and the
 * names reserved for local networks, tests and documentation (`*.local` for mDNS, `*.localhost`, `*.test`,
 * `*.example`, `*.invalid`, and `example.com`/`.org`/`.net`, RFC 2606 and RFC 6761).
 */
const LOCAL_OR_EXAMPLE_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal|(?:[a-z0-9-]+\.)*(?:localhost|local|test|example|invalid)|(?:[a-z0-9-]+\.)*example\.(?:com|org|net))\.?$/i;
/** A host written as a stand-in for the reader's own: `<kanidmd container name or ip>`, `your-domain`, `xxxx`. */
const PLACEHOLDER_HOST = /[<>]|^x{3,}$|^your[-_.]|^my[-_.]?(?:host|domain|server)/i;
/** A network range (`172.17.0.0/16`, the clients a server accepts): it says who may connect, not where the sample points. */
const NETWORK_RANGE = /^[\d.]+\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i;
/** A host given by a reference (`${DB_HOST}`, `{{ .Values.host }}`, `%HOST%`): it says nothing about where the sample points. */
const REFERENCE_HOST = /[${}%]/;

/** The host of each URL on a line: `https://growthbook.local`, `postgres://app:pw@localhost:5432/app`. */
const URL_HOST = /\b[a-z][a-z0-9+.-]{1,15}:\/\/(?:[^\s/@"'`]*@)?(\[[0-9a-f:.]+\]|[^\s/:?#"'`,;)\]]+)/gi;
/** A setting that names a host or an address (`host: growthbook.local`, `ipaddr = 127.0.0.1`, `"server": "…"`). */
const HOST_SETTING = /(?:^|[\s"'{,-])(?:host|hostname|domain|server|server_name|address|addr|ip|ipaddr|ip_address|bind)["']?\s*[:=]\s*["'`]?([^\s"'`,;]+)/gi;
/** The local machine written bare, with or without a port: `localhost:3000`, `127.0.0.1`. */
const BARE_LOCAL = /\b(?:localhost|127\.0\.0\.1)(?=[:/\s`'"),.]|$)/gi;

/**
 * Whether `lines` name at least one address and every address they name is the local machine or a reserved
 * example name. A reference names none; any other name (a service, a company's domain, a private network
 * address) makes the answer false.
 */
export function namesOnlyLocalAddresses(lines: readonly string[]): boolean {
  return namesOnly(lines, (host) => LOCAL_OR_EXAMPLE_HOST.test(host) || PLACEHOLDER_HOST.test(host));
}

/** The machine the code runs on, by name or address: `localhost`, 127.0.0.0/8, `::1`, Docker Desktop's `host.docker.internal`. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|host\.docker\.internal)\.?$/i;

/**
 * Whether `line` names at least one address and every address it names is the machine the code runs on
 * (`Server=localhost;Port=5432;…`, `postgres://app:app@127.0.0.1:5432/app`). Example and reserved names do not count.
 */
export function namesOnlyLoopback(line: string): boolean {
  return namesOnly([line], (host) => LOOPBACK_HOST.test(host));
}

function namesOnly(lines: readonly string[], allowed: (host: string) => boolean): boolean {
  let found = false;
  for (const line of lines) {
    const hosts: string[] = [];
    for (const m of line.matchAll(URL_HOST)) hosts.push(m[1]!);
    for (const m of line.matchAll(HOST_SETTING)) hosts.push(m[1]!.replace(/:\d+$/, ''));
    for (const m of line.matchAll(BARE_LOCAL)) hosts.push(m[0]);
    for (const host of hosts) {
      if (REFERENCE_HOST.test(host) || NETWORK_RANGE.test(host)) continue;
      if (!allowed(host)) return false;
      found = true;
    }
  }
  return found;
}

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * The 0-based range [start, end] of the block of a document that holds line `index`: its fenced code block
 * (fences included) when it is inside one, else its paragraph (the run of non-blank lines around it, a list
 * with its items, an indented code block between blank lines).
 */
export function documentBlock(lines: readonly string[], index: number): [number, number] {
  let open: { fence: string; start: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]!);
    if (open) {
      if (fence && fence[1]!.startsWith(open.fence)) {
        if (index >= open.start && index <= i) return [open.start, i];
        open = null;
      }
      continue;
    }
    if (fence) {
      open = { fence: fence[1]!, start: i };
      continue;
    }
    if (i === index) break;
  }
  if (open && index >= open.start) return [open.start, lines.length - 1];
  let start = index;
  let end = index;
  while (start > 0 && lines[start - 1]!.trim() !== '' && !FENCE.test(lines[start - 1]!)) start--;
  while (end < lines.length - 1 && lines[end + 1]!.trim() !== '' && !FENCE.test(lines[end + 1]!)) end++;
  return [start, end];
}
