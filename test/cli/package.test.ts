// The npm package as a user gets it: pack it, install the tarball in an empty folder, run its commands there.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';

const root = resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('the packed package', () => {
  const work = mkdtempSync(join(tmpdir(), 'readiness-pack-'));
  let files: string[] = [];
  let bin: (name: string, args: string[], cwd: string) => { code: number | null; stdout: string; stderr: string };

  beforeAll(() => {
    // Pack a copy, so the prepack build does not rewrite dist/ under tests running in parallel.
    const source = join(work, 'source');
    for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'bin', 'checks', 'src', 'scripts', 'schema', 'docs']) {
      cpSync(join(root, entry), join(source, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [packed] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    const install = join(work, 'install');
    execFileSync(npm, ['install', '--prefix', install, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, packed!.filename)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    bin = (name, args, cwd) => {
      const r = spawnSync(join(install, 'node_modules', '.bin', name), args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the compiled CLI, the check pages and the schema, and no tests or source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/readiness.js', 'dist/src/cli/main.bundle.js', 'dist/src/cli/main.js', 'dist/checks/index.js', 'checks/secrets.md', 'schema/readiness.schema.json', 'package.json']));
    expect(files.filter((f) => f.startsWith('dist/test/') || f.startsWith('src/') || f.endsWith('.map'))).toEqual([]);
    const pages = readdirSync(join(root, 'checks')).filter((f) => f.endsWith('.md'));
    for (const page of pages) expect(files).toContain(`checks/${page}`);
  });

  it('prints the package version under both command names', () => {
    for (const name of ['readiness', 'readiness-review']) {
      const r = bin(name, ['--version'], work);
      expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
    }
  });

  it('scans a repository from outside the project and exits 1 on a failure', () => {
    const { repo, cleanup } = makeRepo({ 'README.md': '# demo\n' }, { 'README.md': '# demo\n', 'data/app.sqlite3': Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]) });
    try {
      const r = bin('readiness', ['scan', '--format', 'json'], repo);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { findings: { checkId: string; path: string }[] };
      expect(out.findings.map((f) => [f.checkId, f.path])).toContainEqual(['committed-database', 'data/app.sqlite3']);
    } finally {
      cleanup();
    }
  });
});
