// A ChangeSet built from two in-memory trees: for tests, and for content diffed locally.
import type { ChangeSet, ChangedFile, FileContent } from '../model/change-set.js';
import { filesIn } from '../parse/file-kinds.js';
import { contentFromBytes } from './content.js';
import { diffHunks } from './line-diff.js';
import { addedFile, removedFile } from './whole-file.js';

export type Tree = Record<string, string | Uint8Array>;

const toBytes = (value: string | Uint8Array): Uint8Array => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

/** Fills added/removed from hunks. */
export function linesFromHunks(file: ChangedFile): void {
  for (const h of file.hunks)
    for (const l of h.lines) {
      if (l.kind === 'add') file.added.push({ line: l.headLine!, text: l.text });
      else if (l.kind === 'del') file.removed.push({ line: l.baseLine!, text: l.text });
    }
}

/**
 * Diffs `before` against `after` path by path. A file that disappears while another with the same
 * content appears counts as renamed, as `git diff -M` would say for an exact rename.
 */
export function memoryChangeSet(before: Tree, after: Tree, revs = { base: 'base', head: 'head' }): ChangeSet {
  const base = new Map(Object.entries(before).map(([p, v]) => [p, contentFromBytes(toBytes(v))] as const));
  const head = new Map(Object.entries(after).map(([p, v]) => [p, contentFromBytes(toBytes(v))] as const));
  const files: ChangedFile[] = [];
  const removedPaths = [...base.keys()].filter((p) => !head.has(p));
  const renamedFrom = new Map<string, string>();
  for (const path of [...head.keys()].filter((p) => !base.has(p))) {
    const bytes = Buffer.from(toBytes(after[path]!));
    const source = removedPaths.find((r) => !renamedFrom.has(r) && Buffer.from(toBytes(before[r]!)).equals(bytes));
    if (source) renamedFrom.set(source, path);
  }
  const renamedTo = new Map([...renamedFrom].map(([from, to]) => [to, from]));
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  for (const path of paths) {
    const b = base.get(path);
    const h = head.get(path);
    if (b && !h && renamedFrom.has(path)) continue;
    const previousPath = renamedTo.get(path);
    const baseContent = previousPath ? base.get(previousPath)! : b;
    if (baseContent && h && !previousPath && Buffer.from(toBytes(before[path]!)).equals(Buffer.from(toBytes(after[path]!)))) continue;
    const status = previousPath ? 'renamed' : !b ? 'added' : !h ? 'removed' : 'modified';
    const binary = Boolean(baseContent?.binary || h?.binary);
    const file: ChangedFile = { path, status, binary, hunks: [], added: [], removed: [] };
    if (previousPath) file.previousPath = previousPath;
    // contentFromBytes already says why a file's text is unavailable (binary, too large, not UTF-8).
    const problem = h?.problem ?? (status === 'removed' ? b?.problem : undefined);
    if (problem) file.problem = problem;
    else if (status === 'added' || status === 'removed') {
      // A whole-file change needs no diff: every line is added (or removed).
      const whole = status === 'added' ? addedFile(path, h ?? null) : removedFile(path, b ?? null);
      whole.binary = binary;
      files.push(whole);
      continue;
    } else if (!previousPath) {
      file.hunks = diffHunks(baseContent?.text ?? '', h?.text ?? '');
      linesFromHunks(file);
    }
    files.push(file);
  }
  const read = (tree: Map<string, FileContent>) => (path: string) => Promise.resolve(tree.get(path) ?? null);
  const list = (dir: string, side: 'head' | 'base') => Promise.resolve(filesIn([...(side === 'head' ? head : base).keys()], dir));
  const searchBase = (values: readonly string[]) =>
    Promise.resolve(
      [...base].flatMap(([path, content]) => (content.binary || content.problem ? [] : content.text.split(/\r?\n/).filter((text) => values.some((v) => v !== '' && text.includes(v))).map((text) => ({ path, text })))),
    );
  return { base: revs.base, head: revs.head, files, readHead: read(head), readBase: read(base), list, searchBase };
}
