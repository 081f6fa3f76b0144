#!/usr/bin/env node
// The `readiness` command. `npm run build` (run by `npm install` through the prepare script) compiles the
// CLI to dist/ and bundles it into dist/src/cli/main.bundle.js (scripts/build-cli.mjs): one file starts
// several times faster than the few hundred modules behind main.js. The bundle is used when present and
// not older than main.js, so a tsc-only rebuild never runs stale code.
import { existsSync, statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep the compiled bundle on disk between runs (in the OS temporary folder), which
// takes part of a cold start's compile time away; older Node has no such cache and skips this.
module.enableCompileCache?.();

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
const bundle = new URL('../dist/src/cli/main.bundle.js', import.meta.url);
const fresh = existsSync(bundle) && (!existsSync(compiled) || statSync(bundle).mtimeMs >= statSync(compiled).mtimeMs);
const { main } = await import(fresh ? bundle.href : compiled.href);

process.exitCode = await main(process.argv.slice(2));
