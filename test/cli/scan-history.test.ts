// History-aware secrets in the CLI: a secret one commit of the branch adds and a later one removes is still reported, naming the commit.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { makeRepo } from '../helpers/git-repo.js';

const bin = fileURLToPath(new URL('../../bin/readiness.js', import.meta.url));
const token = gen('ghp_', [ALNUM, 36]);
const other = gen('ghp_', [ALNUM, 36]);

function scan(repo: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'scan', '--repo', repo, '--format', 'json', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: JSON.parse(r.stdout) as { findings: { checkId: string; path: string; line: number; title: string; message: string }[] }, stdout: r.stdout, stderr: r.stderr };
}

describe('secrets in the history of a branch', () => {
  it('reports a secret added then removed, naming the commit that added it', () => {
    const { repo, commits, cleanup } = makeRepo(
      { 'app.py': 'import os\n' },
      { 'app.py': 'import os\n', 'config.py': `# deploy\nGITHUB_TOKEN = "${token}"\n` },
      { 'app.py': 'import os\n', 'config.py': '# deploy\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n' },
    );
    try {
      const r = scan(repo, ['--base', commits[0]!]);
      expect(r.code).toBe(1);
      expect(r.out.findings).toHaveLength(1);
      expect(r.out.findings[0]).toMatchObject({ checkId: 'secrets', path: 'config.py', line: 2 });
      expect(r.out.findings[0]!.title).toContain(`in commit ${commits[1]!.slice(0, 7)}`);
      expect(r.out.findings[0]!.message).toMatch(/stays in the history/);
      expect(r.stdout).not.toContain(token);
    } finally {
      cleanup();
    }
  });

  it('reports a secret still in the final version once, not again from its commit', () => {
    const { repo, commits, cleanup } = makeRepo(
      { 'app.py': 'import os\n' },
      { 'app.py': 'import os\n', 'config.py': `GITHUB_TOKEN = "${token}"\n` },
      { 'app.py': 'import os\nprint(1)\n', 'config.py': `GITHUB_TOKEN = "${token}"\n`, 'other.py': `BOT_TOKEN = "${other}"\n` },
    );
    try {
      const r = scan(repo, ['--base', commits[0]!]);
      expect(r.out.findings.map((f) => [f.path, f.title.includes('in commit')])).toEqual([
        ['config.py', false],
        ['other.py', false],
      ]);
    } finally {
      cleanup();
    }
  });

  it('leaves history alone for a single commit and for --all', () => {
    const { repo, commits, cleanup } = makeRepo({ 'config.py': `GITHUB_TOKEN = "${token}"\n` }, { 'config.py': 'GITHUB_TOKEN = None\n' });
    try {
      expect(scan(repo, ['--base', commits[0]!]).out.findings).toEqual([]);
      expect(scan(repo, ['--all']).out.findings).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
