// Turns raw bytes into the FileContent checks read: size, binary flag (NUL sniff), text and magic prefix.
import { MAX_CONTENT_BYTES, type FileContent } from '../model/change-set.js';

const SNIFF_BYTES = 8000;
const PREFIX_BYTES = 64;

/**
 * Git's own heuristic: a NUL byte in the first 8,000 bytes makes a file binary. The typed array's own
 * indexOf, not a loop: a cold CLI sniffs every file of the change before the JIT has warmed up.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}

export const PROBLEM_BINARY = 'binary file: content checks skipped';
export const PROBLEM_NOT_UTF8 = 'not valid UTF-8 text: content checks skipped';
export const PROBLEM_TOO_LARGE = 'larger than 2 MB: content checks skipped';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Builds FileContent from bytes. Binary, oversized and non-UTF-8 files keep their size and prefix but no
 * text, and say why in `problem`, so checks never guess at their content.
 */
export function contentFromBytes(bytes: Uint8Array, size = bytes.length, limit = MAX_CONTENT_BYTES): FileContent {
  const binary = looksBinary(bytes);
  const prefix = bytes.slice(0, PREFIX_BYTES);
  if (binary) return { size, binary, text: '', prefix, problem: PROBLEM_BINARY, ...(isWholeSqlite(bytes, size, limit) ? { bytes } : {}) };
  if (size > limit) return { size, binary, text: '', prefix, problem: limit === MAX_CONTENT_BYTES ? PROBLEM_TOO_LARGE : `larger than ${Math.round(limit / 1024 / 1024)} MB: content checks skipped` };
  const text = decodeUtf8(bytes);
  if (text === null) return { size, binary, text: '', prefix, problem: PROBLEM_NOT_UTF8 };
  return { size, binary, text, prefix };
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** An SQLite database read whole: committed-database looks inside it for rows. */
function isWholeSqlite(bytes: Uint8Array, size: number, limit: number): boolean {
  return bytes.length === size && size <= limit && Buffer.from(bytes.subarray(0, SQLITE_MAGIC.length)).equals(SQLITE_MAGIC);
}

/** Builds FileContent from text that arrived already decoded (e.g. GitHub's GraphQL blob text). */
export function contentFromText(text: string, size = Buffer.byteLength(text)): FileContent {
  const bytes = Buffer.from(text.slice(0, PREFIX_BYTES), 'utf8');
  return { size, binary: false, text, prefix: bytes.subarray(0, PREFIX_BYTES) };
}

/** Splits content into lines without their terminators (LF or CRLF); line n is at index n - 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}
