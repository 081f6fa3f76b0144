// Suppressions: `readiness-ignore` comments on or above a finding's line, and fingerprints in .readinessignore.
import { splitLines } from '../changeset/content.js';
import type { ContentSource, FileContent } from '../model/change-set.js';
import type { Finding, SuppressedFinding } from '../model/finding.js';

export const IGNORE_FILE = '.readinessignore';

export type { SuppressedFinding };

export interface InlineSuppression {
  /** The check it names, or null for every check on that line. */
  checkId: string | null;
  reason: string;
  /** True when the comment is alone on its line (it then covers the next line), false when it trails code (it covers its own). */
  standalone: boolean;
}

// The marker inside any comment syntax: #, //, /* */, <!-- -->, --, ;
const MARKER = /(?:#|\/\/|\/\*|<!--|--|;)\s*readiness-ignore\b:?[ \t]*(.*)$/;

/** Reads a `readiness-ignore` marker from one line; `knownChecks` tells a check id from the first word of a reason. */
export function parseInlineSuppression(line: string, knownChecks: ReadonlySet<string>): InlineSuppression | null {
  const m = MARKER.exec(line);
  if (!m) return null;
  const rest = m[1]!.replace(/\s*(?:\*\/|-->)\s*$/, '').trim();
  const standalone = line.slice(0, m.index).trim() === '';
  const [first = '', ...words] = rest.split(/\s+/);
  if (knownChecks.has(first)) return { checkId: first, reason: words.join(' ').trim(), standalone };
  return { checkId: null, reason: rest, standalone };
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

/** A `.readinessignore` entry the change adds: it applies once merged, never to the change that adds it. */
export interface ProposedIgnore {
  fingerprint: string;
  reason: string;
  /** The finding of this change it would silence, which stays reported. */
  finding?: Finding;
}

export interface SuppressionResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Inline suppressions without a reason (which silence nothing), as notices to report. */
  missingReasons: { path: string; line: number; checkId: string | null }[];
  /** Entries of `.readinessignore` that the change adds. */
  proposed: ProposedIgnore[];
}

/**
 * Where `.readinessignore` is read from. `trusted` is the file that silences findings: the base
 * branch's for the GitHub App, so a pull request cannot silence its own findings; `proposed` is the
 * file as the change leaves it, whose new entries are only listed. Default: the head's file, trusted
 * (the CLI, reviewing a working tree for its own author).
 */
export interface IgnoreFileSource {
  trusted: Promise<FileContent | null>;
  proposed?: Promise<FileContent | null>;
}

const ignoreEntries = (file: FileContent | null) => (file && !file.problem ? parseIgnoreFile(file.text) : new Map<string, string>());

/**
 * Splits findings into active and suppressed. An inline comment covers its own line when it trails
 * code, and the next line when it stands alone; without a reason it silences nothing (and is reported).
 */
export async function applySuppressions(findings: Finding[], content: ContentSource, knownChecks: ReadonlySet<string>, source?: IgnoreFileSource): Promise<SuppressionResult> {
  const ignored = ignoreEntries(await (source?.trusted ?? content.readHead(IGNORE_FILE)));
  const proposedEntries = source?.proposed ? [...ignoreEntries(await source.proposed)].filter(([fp]) => !ignored.has(fp)) : [];
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
  const result: SuppressionResult = { findings: [], suppressed: [], missingReasons: [], proposed: [] };
  const reported = new Set<string>();
  for (const finding of findings) {
    if (ignored.has(finding.fingerprint)) {
      result.suppressed.push({ ...finding, suppressedBy: 'ignore-file', reason: ignored.get(finding.fingerprint)! });
      continue;
    }
    const text = await lines(finding.path);
    let match: { line: number; s: InlineSuppression } | null = null;
    // Its own line when the comment trails code there; the line above when the comment stands alone.
    for (const [n, standalone] of [
      [finding.line, false],
      [finding.line - 1, true],
    ] as const) {
      const s = n >= 1 ? parseInlineSuppression(text[n - 1] ?? '', knownChecks) : null;
      if (s && s.standalone === standalone && (s.checkId === null || s.checkId === finding.checkId)) {
        match = { line: n, s };
        break;
      }
    }
    if (match && match.s.reason) {
      result.suppressed.push({ ...finding, suppressedBy: 'comment', reason: match.s.reason });
      continue;
    }
    result.findings.push(finding);
    const key = `${finding.path}\0${match?.line}`;
    if (match && !reported.has(key)) {
      reported.add(key);
      result.missingReasons.push({ path: finding.path, line: match.line, checkId: match.s.checkId });
    }
  }
  for (const [fingerprint, reason] of proposedEntries) {
    const finding = result.findings.find((f) => f.fingerprint === fingerprint);
    result.proposed.push({ fingerprint, reason, ...(finding ? { finding } : {}) });
  }
  return result;
}
