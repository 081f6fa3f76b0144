// Stable finding identity across pushes: check id, path and normalised content, never a line number.
import { createHash } from 'node:crypto';

export function fingerprint(checkId: string, path: string, key: string): string {
  const normalised = key.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${checkId}\0${path}\0${normalised}`).digest('hex').slice(0, 20);
}

/** A one-way digest for keying findings on a secret without ever storing it. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}
