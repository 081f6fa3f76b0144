// Minimal gitignore-style globs for path excludes: `*`, `?`, `**`, and a trailing `/` for folders.

/** Compiles a glob to a RegExp over repository-relative paths with forward slashes. */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '');
  const anchored = pattern.startsWith('/');
  if (anchored) pattern = pattern.slice(1);
  const folder = pattern.endsWith('/');
  if (folder) pattern = pattern.slice(0, -1);
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches at any depth, as in .gitignore.
  const prefix = anchored || pattern.includes('/') ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${out}${folder ? '/' : '(?:/.*)?$'}`);
}

export function matchesAny(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(path));
}
