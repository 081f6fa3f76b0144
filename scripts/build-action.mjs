// Bundles the GitHub Action (src/action/main.ts and everything it imports) into one ESM file the runner starts
// with no install step; the two WebAssembly parsers are copied beside it as the small packages they are.
// Usage: node scripts/build-action.mjs [outdir]   (default: action-dist)
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, process.argv[2] ?? 'action-dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// web-tree-sitter finds its wasm beside its own module and tree-sitter-python is located with require.resolve,
// so both stay packages under node_modules next to the bundle instead of being inlined.
const external = ['web-tree-sitter', 'tree-sitter-python'];
await build({
  entryPoints: [join(root, 'src/action/main.ts')],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  legalComments: 'linked',
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __readinessCreateRequire } from 'node:module';\nconst require = __readinessCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

const copyPackage = (name, files) => {
  const from = join(root, 'node_modules', name);
  const to = join(outdir, 'node_modules', name);
  mkdirSync(to, { recursive: true });
  for (const file of ['package.json', 'LICENSE', ...files]) {
    try {
      cpSync(join(from, file), join(to, file));
    } catch (error) {
      if (file !== 'LICENSE') throw error;
    }
  }
};
copyPackage('web-tree-sitter', ['tree-sitter.js', 'tree-sitter.cjs', 'tree-sitter.wasm']);
copyPackage('tree-sitter-python', ['tree-sitter-python.wasm']);
// The bundle is ESM; the folder says so, whatever the package.json above it says.
writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2) + '\n');

const size = statSync(join(outdir, 'index.js')).size;
console.log(`action bundle: ${join(outdir, 'index.js')} (${(size / 1024).toFixed(0)} KiB)`);
