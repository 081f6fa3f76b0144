// Bundles the `readiness` command (src/cli/main.ts and everything `scan` imports) into one ESM file,
// dist/src/cli/main.bundle.js, which bin/readiness.js loads in place of dist/src/cli/main.js. A cold
// `readiness scan` otherwise spends much of its time resolving and reading a few hundred module files.
// The bundle sits beside main.js so the paths it keeps relative still hold: `../server.js` (the `worker`
// command, loaded only for it, with Probot and Redis) stays outside, and so do the two WebAssembly parsers,
// which find their .wasm files through their own packages. Run by `npm run build` after tsc.
import AjvModule, { _ } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'src', 'cli', 'main.bundle.js');

// The configuration validator, compiled now rather than at every start (tens of milliseconds of ajv
// code generation): ajv's standalone code for the shipped checks' schema, from the tsc output.
const Ajv = AjvModule.default ?? AjvModule;
const standalone = standaloneModule.default ?? standaloneModule;
const config = await import(pathToFileURL(join(root, 'dist', 'src', 'config', 'config.js')).href);
const { checks } = await import(pathToFileURL(join(root, 'dist', 'checks', 'index.js')).href);
const schema = config.configSchema(checks);
const ajv = new Ajv({ ...config.VALIDATOR_OPTIONS, code: { source: true, esm: true, formats: _`configFormats` } });
const { configFormats } = await import(pathToFileURL(join(root, 'dist', 'src', 'config', 'formats.js')).href);
ajv.addFormat('regex', configFormats.regex);
const validatorSource = [
  "import { configFormats } from './formats.js';",
  standalone(ajv, ajv.compile(schema)),
  `export const precompiled = { schema: ${JSON.stringify(JSON.stringify(schema))}, validate };`,
].join('\n');

// With the validator compiled, the run-time compile (src/config/compile-validator.ts, which imports ajv)
// is never reached: the CLI validates settings against the schema of the checks it bundles, the one
// compiled above. It is left out so a cold start neither parses nor evaluates ajv.
const noRuntimeCompile = [
  'export function compileValidator() {',
  "  throw new Error('readiness: the CLI bundle validates settings only against the schema it was built with (scripts/build-cli.mjs)');",
  '}',
].join('\n');

const precompiledValidator = {
  name: 'precompiled-validator',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]config[\\/]precompiled-validator\.ts$/ }, () => ({ contents: validatorSource, loader: 'js', resolveDir: join(root, 'src', 'config') }));
    b.onLoad({ filter: /[\\/]src[\\/]config[\\/]compile-validator\.ts$/ }, () => ({ contents: noRuntimeCompile, loader: 'js' }));
  },
};

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
  plugins: [precompiledValidator],
  logLevel: 'warning',
});
console.log(`cli bundle: ${outfile} (${(statSync(outfile).size / 1024).toFixed(0)} KiB)`);
