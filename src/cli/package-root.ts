// Finds the installed package's own folder (for its version and the check pages it ships), from source or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'readiness-review';

let cached: string | null | undefined;

/** The folder holding this package's package.json, walking up from this module (src/cli or dist/src/cli). */
export function packageRoot(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return (cached = dir);
      } catch {
        // an unreadable manifest is not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = null);
    dir = parent;
  }
}

/** The version in the package's package.json. */
export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return '0.0.0';
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The text of checks/<id>.md as shipped with the package, or null when it is missing. */
export function checkPage(id: string): string | null {
  const root = packageRoot();
  if (!root) return null;
  try {
    return readFileSync(join(root, 'checks', `${id}.md`), 'utf8');
  } catch {
    return null;
  }
}
