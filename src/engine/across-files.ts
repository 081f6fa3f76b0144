// One problem said once across the files of a change: the findings of a check that are one decision (five new
// Dockerfiles without a `USER`, one image tag pulled by four manifests, one password pasted into fourteen test
// files) become one finding on the first place, which names the others. A reviewer writes one comment for them,
// and one wrong guess about a repository's layout costs one comment, not fourteen.
import { createHash } from 'node:crypto';
import { compareBySeverity, compareFindings, type Finding, type FindingLocation } from '../model/finding.js';
import type { Check, FindingDraft } from './define-check.js';
import { formatMessage, linesInProse, listInProse } from './define-check.js';

/** How many other places the remediation names before it only counts the rest; `related` holds them all. */
const NAMED_PLACES = 8;

/** What a finding folds by: its key, and whether findings of its own file fold into it too (CheckMeta.acrossFiles `check` and `kind`). */
export interface FoldKey {
  key: string;
  withinFile: boolean;
}

/**
 * The key under which a draft of `check` is one problem with drafts of other files (see CheckMeta.acrossFiles),
 * or undefined when it stands apart. Credential values enter the key only as a digest.
 */
export function acrossFilesKey(check: Check, draft: FindingDraft): FoldKey | undefined {
  const mode = check.acrossFiles;
  if (!mode) return undefined;
  if (mode === 'check') return { key: check.id, withinFile: true };
  const head = `${check.id}\0${draft.messageId}`;
  if (mode === 'kind') return { key: head, withinFile: true };
  const values = draft.credentials?.credentials.map((c) => c.value).sort();
  if (mode === 'value') return values?.length ? { key: `${head}\0${digest(values)}`, withinFile: false } : undefined;
  const message = formatMessage(check.messages[draft.messageId] ?? draft.messageId, draft.data);
  return { key: `${head}\0${message}${values?.length ? `\0${digest(values)}` : ''}`, withinFile: false };
}

function digest(values: readonly string[]): string {
  return createHash('sha256').update(values.join('\0')).digest('hex');
}

/** `a.yml` (line 3), `b.yml` (line 9) and 4 more files. */
function placesInProse(places: readonly FindingLocation[]): string {
  const byFile = new Map<string, number[]>();
  for (const p of places) byFile.set(p.path, [...(byFile.get(p.path) ?? []), p.line]);
  const files = [...byFile];
  const named = files.slice(0, NAMED_PLACES).map(([path, lines]) => `\`${path}\` (${linesInProse(lines)})`);
  const rest = files.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more file${rest === 1 ? '' : 's'}` : listInProse(named);
}

/**
 * Folds the findings that share a key (keyOf) across two or more files into the most severe of them (then the
 * first by path and line), which keeps its own place and fingerprint, lists the others in `related` and says
 * where they are in its remediation. Findings of one file are left as the check reported them unless the check
 * folds them too (`check`, `kind`); findings without a key are untouched. The result is in compareFindings order.
 */
export function oneAcrossFiles(findings: readonly Finding[], keyOf: (f: Finding) => FoldKey | undefined): Finding[] {
  const groups = new Map<string, { withinFile: boolean; findings: Finding[] }>();
  for (const f of findings) {
    const fold = keyOf(f);
    if (fold === undefined) continue;
    const group = groups.get(fold.key);
    if (group) group.findings.push(f);
    else groups.set(fold.key, { withinFile: fold.withinFile, findings: [f] });
  }
  const folded = new Map<Finding, Finding | null>();
  for (const { withinFile, findings: group } of groups.values()) {
    if (group.length < 2 || (!withinFile && new Set(group.map((f) => f.path)).size < 2)) continue;
    const [first, ...rest] = [...group].sort(compareBySeverity);
    // Another finding of the first file keeps its own place, unless the check folds its own files' findings too.
    const others = withinFile ? rest : rest.filter((f) => f.path !== first!.path);
    // Each folded finding brings the lines of its own file it already stood for.
    const places = others.sort(compareFindings).flatMap((f) => [{ path: f.path, line: f.line }, ...(f.related ?? [])]);
    const elsewhere = places.filter((p) => p.path !== first!.path);
    const here = places.filter((p) => p.path === first!.path).map((p) => p.line);
    const where = [...(here.length ? [`on ${linesInProse(here)} of this file`] : []), ...(elsewhere.length ? [`in ${placesInProse(elsewhere)}`] : [])].join(' and ');
    folded.set(first!, {
      ...first!,
      related: [...(first!.related ?? []), ...places],
      remediation: `${first!.remediation}\n\nThe same problem is also ${where}. Fix ${places.length === 1 ? 'it' : 'them'} there too.`,
    });
    for (const f of others) folded.set(f, null);
  }
  if (folded.size === 0) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const replaced = folded.get(f);
    if (replaced === null) continue;
    out.push(replaced ?? f);
  }
  return out.sort(compareFindings);
}
