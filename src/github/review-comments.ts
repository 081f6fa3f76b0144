// Plans the inline review comments for a push: placed only on diff lines, one per new fingerprint, at most 30, the most severe first.
import type { ChangedFile, Hunk } from '../model/change-set.js';
import type { Finding } from '../model/finding.js';
import { compareBySeverity, compareFindings } from '../engine/review.js';

/** GitHub review comments beyond this many make a review hard to read; the rest stay in the check run. */
export const MAX_REVIEW_COMMENTS = 30;

const MARKER_PREFIX = '<!-- readiness-review:';
const MARKER = /<!-- readiness-review:([0-9a-f]+) -->/;

export function fingerprintMarker(fingerprint: string): string {
  return `${MARKER_PREFIX}${fingerprint} -->`;
}

/** The fingerprint in a comment body this app wrote, if any. */
export function markerFingerprint(body: string): string | null {
  return MARKER.exec(body)?.[1] ?? null;
}

/** Where on the diff a comment goes, in the shape of a `POST .../reviews` comment (without the body). */
export interface CommentPlacement {
  path: string;
  line: number;
  side: 'RIGHT' | 'LEFT';
  start_line?: number;
  start_side?: 'RIGHT';
}

export interface ReviewComment extends CommentPlacement {
  body: string;
}

function hunkWithHeadLine(hunks: readonly Hunk[], line: number): Hunk | undefined {
  return hunks.find((h) => h.lines.some((l) => l.headLine === line));
}

/**
 * The diff position for a finding, or null when it falls outside the diff (GitHub rejects the whole
 * review with 422 when one comment misses it). A finding about something removed goes on its removed
 * line (LEFT); otherwise on its head lines (RIGHT), as a range when the whole range sits in one hunk,
 * else on its first line that is in the diff. `wholeRange` says whether a suggestion can replace it.
 */
export function placeFinding(file: ChangedFile, finding: Finding): { placement: CommentPlacement; wholeRange: boolean } | null {
  const path = finding.path;
  if (finding.baseLine !== undefined) {
    const removed = file.hunks.some((h) => h.lines.some((l) => l.kind === 'del' && l.baseLine === finding.baseLine));
    if (removed) return { placement: { path, line: finding.baseLine, side: 'LEFT' }, wholeRange: false };
  }
  if (file.status === 'removed') return null;
  const first = hunkWithHeadLine(file.hunks, finding.line);
  let whole = first !== undefined;
  for (let n = finding.line + 1; whole && n <= finding.endLine; n++) whole = first!.lines.some((l) => l.headLine === n);
  if (whole) {
    const placement: CommentPlacement = { path, line: finding.endLine, side: 'RIGHT' };
    if (finding.endLine > finding.line) Object.assign(placement, { start_line: finding.line, start_side: 'RIGHT' });
    return { placement, wholeRange: true };
  }
  for (let n = finding.line; n <= finding.endLine; n++) if (hunkWithHeadLine(file.hunks, n)) return { placement: { path, line: n, side: 'RIGHT' }, wholeRange: false };
  return null;
}

/** A code fence longer than any backtick run in the text, so a suggestion holding ``` stays intact. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function commentBody(finding: Finding, docsUrl: string | undefined, withSuggestion: boolean): string {
  const parts = [`**${finding.severity}: ${finding.title}** (\`${finding.checkId}\`)`, '', finding.message, ''];
  if (withSuggestion && finding.suggestion !== undefined) {
    const f = fence(finding.suggestion);
    // An empty suggestion deletes the lines: the fence then holds no line at all.
    const replacement = finding.suggestion === '' ? [] : [finding.suggestion.replace(/\n$/, '')];
    parts.push(`${f}suggestion`, ...replacement, f, '');
  }
  parts.push(finding.remediation, '');
  if (docsUrl) parts.push(`[About this check](${docsUrl})`, '');
  parts.push(fingerprintMarker(finding.fingerprint));
  return parts.join('\n');
}

export interface ReviewPlan {
  /** The comments to post, in path and line order (how a review reads). */
  comments: ReviewComment[];
  /** The findings those comments are about, in the same order. */
  commented: Finding[];
  /** New findings that are on the diff but over the per-review limit. */
  overLimit: Finding[];
  /** Findings already commented on by this app in an earlier push. */
  alreadyPosted: Finding[];
  /** Findings no comment can be placed on: outside the diff's hunks, or in a file it does not list. */
  offDiff: Finding[];
}

/**
 * Chooses the comments for this push: findings on the diff whose fingerprint this app has not posted
 * yet, at most `max` of them, the most severe first (failures, then warnings, then notices, each in
 * path and line order), so the limit never spends comments on notices while a failure goes without.
 */
export function planReview(
  findings: readonly Finding[],
  files: readonly ChangedFile[],
  postedFingerprints: ReadonlySet<string>,
  docsUrls: ReadonlyMap<string, string>,
  options: { max?: number; suggestions?: boolean } = {},
): ReviewPlan {
  const max = options.max ?? MAX_REVIEW_COMMENTS;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const plan: ReviewPlan = { comments: [], commented: [], overLimit: [], alreadyPosted: [], offDiff: [] };
  const chosen: Array<{ finding: Finding; comment: ReviewComment }> = [];
  for (const finding of [...findings].sort(compareBySeverity)) {
    const file = byPath.get(finding.path);
    const placed = file ? placeFinding(file, finding) : null;
    if (!placed) {
      plan.offDiff.push(finding);
      continue;
    }
    if (postedFingerprints.has(finding.fingerprint)) {
      plan.alreadyPosted.push(finding);
      continue;
    }
    if (chosen.length >= max) {
      plan.overLimit.push(finding);
      continue;
    }
    const withSuggestion = options.suggestions !== false && placed.wholeRange && placed.placement.side === 'RIGHT';
    const body = commentBody(finding, docsUrls.get(finding.checkId), withSuggestion);
    chosen.push({ finding, comment: { ...placed.placement, body } });
  }
  chosen.sort((a, b) => compareFindings(a.finding, b.finding));
  plan.comments = chosen.map((c) => c.comment);
  plan.commented = chosen.map((c) => c.finding);
  return plan;
}
