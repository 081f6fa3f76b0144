// Development TLS keys: a PEM private key whose certificate, in the same file or beside it, is issued only for the
// local machine (`localhost`, loopback addresses) or by mkcert's development CA. No browser or client outside the
// developer's machine trusts such a certificate, so its key secures nothing anyone else can reach.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

const PEM_KEY = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** A name or address only the local machine answers to: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`. */
const LOCAL_NAME = /^(?:DNS:(?:localhost|(?:[a-z0-9*-]+\.)+localhost)|IP Address:(?:127(?:\.\d{1,3}){3}|0:0:0:0:0:0:0:1|::1))$/i;
/** The issuer mkcert writes into every certificate of the local CA it installs (`O=mkcert development CA`). */
const MKCERT_ISSUER = /^O=mkcert development CA$/m;
/** Files a certificate is kept in beside its key. */
export const CERTIFICATE_FILE = /\.(?:pem|crt|cer|cert)$/i;

/**
 * Names a container on the developer's machine answers to beside the local ones: a single label (a compose
 * service, `clickhouse`, `db`), Docker Desktop's `host.docker.internal` and its siblings, and the `.test` names
 * reserved for testing. No public certificate authority issues for them.
 */
const CONTAINER_NAME = /^DNS:(?:[a-z0-9_-]+|(?:[a-z0-9-]+\.)*docker\.internal|(?:[a-z0-9*-]+\.)+test)$/i;

/** A certificate's subject alternative names (`DNS:localhost`, `IP Address:127.0.0.1`); empty when it has none. */
const altNames = (cert: X509Certificate): string[] => cert.subjectAltName?.split(/,\s*/).filter((n) => n !== '') ?? [];
/** A name of the developer's machine or of a local stack's containers. */
const localOrContainer = (name: string) => LOCAL_NAME.test(name) || CONTAINER_NAME.test(name);

/**
 * Whether a certificate only a developer's machine trusts or answers to: every name local (`localhost`, loopback),
 * or local names with the containers of a local stack beside them (`DNS:localhost, DNS:clickhouse,
 * DNS:host.docker.internal, IP Address:127.0.0.1`, a certificate made for a compose stack's TLS tests).
 */
function isLocalCertificate(cert: X509Certificate): boolean {
  if (MKCERT_ISSUER.test(cert.issuer)) return true;
  const names = altNames(cert);
  if (names.length > 0) return names.some((n) => LOCAL_NAME.test(n)) && names.every(localOrContainer);
  return /^CN=localhost$/im.test(cert.subject);
}

/** Whether a certificate names no host of the public DNS: its alternative names are local or a local stack's, or, without any, its common name has no dot. */
function namesNoPublicHost(cert: X509Certificate): boolean {
  const names = altNames(cert);
  if (names.length > 0) return names.every(localOrContainer);
  return !(/^CN=(.*)$/m.exec(cert.subject)?.[1] ?? '').includes('.');
}

/** The certificates written in a text, parsed; those that do not parse are left out. */
export function certificatesIn(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const m of text.matchAll(PEM_CERTIFICATE)) {
    try {
      out.push(new X509Certificate(m[0]));
    } catch {
      // not a certificate Node can read: it proves nothing
    }
  }
  return out;
}

/**
 * The 1-based lines (each key's BEGIN line) of the PEM private keys in `text` whose certificate, among
 * `certificates`, holds the matching public key and is issued only for the local machine or by mkcert's
 * development CA. A key that does not parse (encrypted, damaged) or that no such certificate matches is not listed.
 */
export function localCertificateKeyLines(text: string, certificates: readonly X509Certificate[]): Set<number> {
  const lines = new Set<number>();
  const local = certificates.filter(isLocalCertificate);
  if (local.length === 0) return lines;
  // The other certificates of the test authority that issued a local one (a client certificate `CN=peerdb-client`
  // beside the `localhost` server certificate, both from `CN=ClickHouse-CA`) belong to the same local set, unless
  // they name a host outside it.
  const authorities = new Set(local.map((cert) => cert.issuer));
  local.push(...certificates.filter((cert) => !local.includes(cert) && authorities.has(cert.issuer) && namesNoPublicHost(cert)));
  for (const m of text.matchAll(PEM_KEY)) {
    let key: KeyObject;
    try {
      key = createPrivateKey(m[0]);
    } catch {
      continue;
    }
    if (!local.some((cert) => matches(cert, key))) continue;
    lines.add(text.slice(0, m.index).split('\n').length);
  }
  return lines;
}

function matches(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}
