// The finding a check reports and every reporter renders: self-contained, never holding a raw secret.

export type Severity = 'failure' | 'warning' | 'notice';

export const SEVERITIES: readonly Severity[] = ['failure', 'warning', 'notice'];

/** Higher is more severe; used to compare a finding with a fail threshold. */
export function severityRank(severity: Severity): number {
  return severity === 'failure' ? 3 : severity === 'warning' ? 2 : 1;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.checkId.localeCompare(b.checkId) || a.fingerprint.localeCompare(b.fingerprint);
}

/** Most severe first, then by path and line: the order in which findings get scarce attention (inline comments, the summary). */
export function compareBySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b);
}

export interface Finding {
  checkId: string;
  severity: Severity;
  path: string;
  /** First head line (1-based) the finding is about. */
  line: number;
  /** Last head line; equal to `line` for a one-line finding. */
  endLine: number;
  title: string;
  /** What is wrong and why it matters, one or two sentences. */
  message: string;
  /** Markdown with a concrete snippet that fixes the problem. */
  remediation: string;
  /** Exact replacement text for head lines line..endLine, only when the fix is certain. */
  suggestion?: string;
  /** Stable across pushes: derived from check id, path and normalised content, never a line number or secret. */
  fingerprint: string;
  /** Where the finding is about something removed: the base line it was removed from, for LEFT-side comments. */
  baseLine?: number;
  /** The id of the check's message the text was made from, and the values filled into it (tests assert these, not wording). */
  messageId?: string;
  data?: Record<string, string | number>;
  /** The same problem in other files of the change, which this finding stands for and its remediation names (CheckMeta.acrossFiles). */
  related?: FindingLocation[];
}

/** A place in the head tree a finding is also about. */
export interface FindingLocation {
  path: string;
  line: number;
}

/** A file the engine could not fully review, and why, in the user's words. */
export interface ReviewError {
  path: string;
  message: string;
  /**
   * True when a check that needed this file could not review it (a read that failed, a check that threw,
   * text too large or not UTF-8): a merge gate must not pass on such a review. False for notes that
   * leave nothing unreviewed a check needed (a binary file, a syntax problem the text checks still read past).
   */
  incomplete?: boolean;
}

/** A finding a comment or the ignore file silenced, kept so reports can list what was not shown. */
export interface SuppressedFinding extends Finding {
  /** How it was silenced: an inline comment or the ignore file. */
  suppressedBy: 'comment' | 'ignore-file';
  /** The reason given, or '' when none was. */
  reason: string;
}
