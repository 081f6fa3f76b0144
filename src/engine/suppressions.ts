// Suppressions: `readiness-ignore` comments on or above a finding's line, and fingerprints in .readinessignore.
import { splitLines } from '../changeset/content.js';
import type { ContentSource } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';

export const IGNORE_FILE = '.readinessignore';

export interface SuppressedFinding extends Finding {
  /** How it was silenced: an inline comment or the ignore file. */
  suppressedBy: 'comment' | 'ignore-file';
  /** The reason given, or '' when none was. */
  reason: string;
}

export interface InlineSuppression {
  /** The check it names, or null for every check on that line. */
  checkId: string | null;
  reason: string;
}

// The marker inside any comment syntax: #, //, /* */, <!-- -->, --, ;
const MARKER = /(?:#|\/\/|\/\*|<!--|--|;)\s*readiness-ignore\b:?[ \t]*(.*)$/;

/** Reads a `readiness-ignore` marker from one line; `knownChecks` tells a check id from the first word of a reason. */
export function parseInlineSuppression(line: string, knownChecks: ReadonlySet<string>): InlineSuppression | null {
  const m = MARKER.exec(line);
  if (!m) return null;
  const rest = m[1]!.replace(/\s*(?:\*\/|-->)\s*$/, '').trim();
  const [first = '', ...words] = rest.split(/\s+/);
  if (knownChecks.has(first)) return { checkId: first, reason: words.join(' ').trim() };
  return { checkId: null, reason: rest };
}

/** Parses .readinessignore: one fingerprint per line, `#` comments; the comment on an entry's line (or above it) is its reason. */
export function parseIgnoreFile(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  let pendingComment = '';
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (line === '') {
      pendingComment = '';
      continue;
    }
    if (line.startsWith('#')) {
      pendingComment = line.replace(/^#+\s*/, '');
      continue;
    }
    const [fingerprint, ...comment] = line.split('#');
    const id = fingerprint!.trim().split(/\s+/)[0]!;
    entries.set(id, comment.join('#').trim() || pendingComment);
    pendingComment = '';
  }
  return entries;
}

export interface SuppressionResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Inline suppressions without a reason, as notices to report. */
  missingReasons: { path: string; line: number; checkId: string | null }[];
}

/** Splits findings into active and suppressed, reading comments from head content and the ignore file at the root. */
export async function applySuppressions(findings: Finding[], content: ContentSource, knownChecks: ReadonlySet<string>): Promise<SuppressionResult> {
  const ignoreFile = await content.readHead(IGNORE_FILE);
  const ignored = ignoreFile && !ignoreFile.problem ? parseIgnoreFile(ignoreFile.text) : new Map<string, string>();
  const linesOf = new Map<string, Promise<string[]>>();
  const lines = (path: string) => {
    let hit = linesOf.get(path);
    if (!hit) {
      hit = content.readHead(path).then((c) => (c && !c.problem ? splitLines(c.text) : []));
      linesOf.set(path, hit);
    }
    return hit;
  };
  // Ask for every file's lines at once, so a remote content source can fetch them in one batch. The
  // loop below awaits each and sees any failure; the catch only keeps the early start from going unhandled.
  for (const finding of findings) if (!ignored.has(finding.fingerprint)) lines(finding.path).catch(() => undefined);
  const result: SuppressionResult = { findings: [], suppressed: [], missingReasons: [] };
  const reported = new Set<string>();
  for (const finding of findings) {
    if (ignored.has(finding.fingerprint)) {
      result.suppressed.push({ ...finding, suppressedBy: 'ignore-file', reason: ignored.get(finding.fingerprint)! });
      continue;
    }
    const text = await lines(finding.path);
    let match: { line: number; s: InlineSuppression } | null = null;
    for (const n of [finding.line, finding.line - 1]) {
      const s = n >= 1 ? parseInlineSuppression(text[n - 1] ?? '', knownChecks) : null;
      if (s && (s.checkId === null || s.checkId === finding.checkId)) {
        match = { line: n, s };
        break;
      }
    }
    if (!match) {
      result.findings.push(finding);
      continue;
    }
    result.suppressed.push({ ...finding, suppressedBy: 'comment', reason: match.s.reason });
    const key = `${finding.path}\0${match.line}`;
    if (!match.s.reason && !reported.has(key)) {
      reported.add(key);
      result.missingReasons.push({ path: finding.path, line: match.line, checkId: match.s.checkId });
    }
  }
  return result;
}
