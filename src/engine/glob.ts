// Path excludes (`paths.ignore`, `--exclude`) with .gitignore semantics, by the `ignore` package (the one ESLint uses).
import ignore from 'ignore';

/**
 * A predicate that is true for repository-relative paths (forward slashes) the patterns exclude,
 * read as one .gitignore: `*`, `**`, `?`, `[Tt]est/` classes, a trailing `/` for folders, a leading
 * `/` to anchor, `\#` and `\!` for literal characters, and `!pattern` to take a path back in.
 */
export function pathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const ig = ignore({ allowRelativePaths: true }).add(patterns.map((p) => p.trim().replace(/^\.\//, '')));
  return (path) => ig.ignores(path);
}
