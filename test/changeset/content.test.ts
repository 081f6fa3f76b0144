// Turning blob bytes into content: the binary sniff (a NUL in the first 8,000 bytes, as git decides) and what a binary file keeps.
import { describe, expect, it } from 'vitest';
import { contentFromBytes, looksBinary, PROBLEM_BINARY } from '../../src/changeset/content.js';

describe('looksBinary', () => {
  const withNulAt = (at: number, length = 9000) => {
    const bytes = new Uint8Array(length).fill(0x61);
    if (at >= 0) bytes[at] = 0;
    return bytes;
  };

  it.each([
    ['a NUL in the first byte', withNulAt(0), true],
    ['a NUL at the last sniffed byte (7,999)', withNulAt(7999), true],
    ['a NUL just past the sniffed bytes (8,000)', withNulAt(8000), false],
    ['no NUL', withNulAt(-1), false],
    ['a short file with a NUL', withNulAt(3, 10), true],
    ['an empty file', new Uint8Array(0), false],
  ])('%s', (_name, bytes, binary) => {
    expect(looksBinary(bytes)).toBe(binary);
    expect(looksBinary(Buffer.from(bytes))).toBe(binary);
  });

  it('marks binary content as such and keeps no text', () => {
    expect(contentFromBytes(withNulAt(10))).toMatchObject({ binary: true, text: '', problem: PROBLEM_BINARY });
    expect(contentFromBytes(Buffer.from('plain text\n'))).toMatchObject({ binary: false, text: 'plain text\n' });
  });
});
