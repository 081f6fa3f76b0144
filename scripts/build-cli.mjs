// Bundles the `readiness` command (src/cli/main.ts and everything `scan` imports) into one ESM file,
// dist/src/cli/main.bundle.js, which bin/readiness.js loads in place of dist/src/cli/main.js. A cold
// `readiness scan` otherwise spends much of its time resolving and reading a few hundred module files.
// The bundle sits beside main.js so the paths it keeps relative still hold: `../server.js` (the `worker`
// command, loaded only for it, with Probot and Redis) stays outside, and so do the two WebAssembly parsers,
// which find their .wasm files through their own packages. Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'src', 'cli', 'main.bundle.js');

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['web-tree-sitter', 'tree-sitter-python', '../server.js'],
  legalComments: 'linked',
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __readinessCreateRequire } from 'node:module';\nconst require = __readinessCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`cli bundle: ${outfile} (${(statSync(outfile).size / 1024).toFixed(0)} KiB)`);
