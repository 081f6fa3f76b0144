// The head lines findings point at, for the compact report, with every secret the detector sees on them masked.
import { splitLines } from '../changeset/content.js';
import type { ChangeSet } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { excerptKey } from '../report/compact.js';
import { scanTextForSecrets } from '../secrets/detector.js';

const MAX_EXCERPT = 200;

const mask = (text: string, hit: { column: number; endColumn: number; prefix?: string }) => text.slice(0, hit.column) + `${hit.prefix ?? ''}****` + text.slice(hit.endColumn);

/** Replaces each secret span the detector finds on `lineText` with its public prefix (if any) and `****`. */
export function maskSecrets(lineText: string, path: string): string {
  let masked = lineText;
  // Several secrets can share a line; mask from the right so earlier columns stay valid, re-scanning until none is left.
  for (let round = 0; round < 8; round++) {
    const [hit] = scanTextForSecrets(masked, path);
    if (!hit || hit.endColumn <= hit.column) break;
    masked = mask(masked, hit);
  }
  return masked;
}

/** `path:line` → masked, trimmed head line, for the first three lines of every finding. */
export async function findingExcerpts(change: ChangeSet, findings: readonly Finding[]): Promise<Map<string, string>> {
  const excerpts = new Map<string, string>();
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, list] of byPath) {
    const content = await change.readHead(path).catch(() => null);
    if (!content || content.problem || content.binary) continue;
    const lines = splitLines(content.text);
    // Secrets that need the file around them (a key named lines above, a PEM body) are found in context first.
    const wanted = list.flatMap((f) => Array.from({ length: Math.min(f.endLine, f.line + 2) - f.line + 1 }, (_, i) => f.line + i));
    for (const hit of scanTextForSecrets(content.text, path, { lines: wanted })) {
      const raw = lines[hit.line - 1];
      if (raw !== undefined && hit.endColumn > hit.column) lines[hit.line - 1] = mask(raw, hit);
    }
    for (const f of list) {
      for (let n = f.line; n <= Math.min(f.endLine, f.line + 2); n++) {
        const raw = lines[n - 1];
        if (raw === undefined) continue;
        const masked = maskSecrets(raw, path).trim();
        excerpts.set(excerptKey(path, n), masked.length > MAX_EXCERPT ? `${masked.slice(0, MAX_EXCERPT)}…` : masked);
      }
    }
  }
  return excerpts;
}
