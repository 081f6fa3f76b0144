// A key pair and an X.509 certificate for it, made at run time (DER written by hand, signed with the key), so tests
// can hold a certificate issued for chosen names without committing one or needing openssl.
import { generateKeyPairSync, sign } from 'node:crypto';

const tlv = (tag: number, body: Buffer) => {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const NAME_OIDS: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10' };
/** A distinguished name from `{ O: 'mkcert development CA', CN: '…' }`. */
const name = (attrs: Record<string, string>) =>
  seq(...Object.entries(attrs).map(([k, v]) => tlv(0x31, seq(oid(NAME_OIDS[k]!), tlv(0x0c, Buffer.from(v))))));
const time = (d: Date) => tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));

/** A SAN entry: `DNS:localhost` or `IP:127.0.0.1`. */
const altName = (entry: string) => {
  const [kind, value] = entry.split(/:(.*)/) as [string, string];
  if (kind === 'DNS') return tlv(0x82, Buffer.from(value));
  return tlv(0x87, Buffer.from(value.split('.').map(Number)));
};

export interface CertOptions {
  subject?: Record<string, string>;
  issuer?: Record<string, string>;
  /** Subject alternative names: `DNS:localhost`, `IP:127.0.0.1`. */
  names?: string[];
}

/** A fresh EC P-256 key (PKCS#8 PEM) and a certificate for its public key (PEM). */
export function keyAndCertificate(options: CertOptions = {}): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sigAlg = seq(oid('1.2.840.10045.4.3.2'));
  const subject = name(options.subject ?? { CN: 'app' });
  const extensions = options.names
    ? [tlv(0xa3, seq(seq(oid('2.5.29.17'), tlv(0x04, seq(...options.names.map(altName))))))]
    : [];
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, Buffer.from([1])),
    sigAlg,
    options.issuer ? name(options.issuer) : subject,
    seq(time(new Date('2025-01-01T00:00:00Z')), time(new Date('2035-01-01T00:00:00Z'))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    ...extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sigAlg, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`,
  };
}
