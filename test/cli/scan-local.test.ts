// `readiness scan` on what is not committed yet (--staged, --working-tree), on empty and missing repositories,
// with the default branch as git names it, configuration errors with lines and suggestions, and --format compact.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { gitIn, makeRepo, writeTree } from '../helpers/git-repo.js';

const bin = fileURLToPath(new URL('../../bin/readiness.js', import.meta.url));
const sqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200)]);
const token = gen('ghp_', [ALNUM, 36]);

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const paths = (stdout: string) => (JSON.parse(stdout) as { findings: { checkId: string; path: string }[] }).findings.map((f) => `${f.checkId}:${f.path}`);

function withRepo(fn: (repo: string) => void, ...trees: Parameters<typeof makeRepo>) {
  const { repo, cleanup } = makeRepo(...trees);
  try {
    fn(repo);
  } finally {
    cleanup();
  }
}

describe('readiness scan --staged and --working-tree', () => {
  it('--staged reviews the index only; a staged secret fails, an unstaged one is warned about, not reviewed', () => {
    withRepo(
      (repo) => {
        writeTree(repo, { 'staged.py': `GITHUB_TOKEN = "${token}"\n` });
        gitIn(repo, 'add', 'staged.py');
        writeTree(repo, { 'app.py': `print("hi")\nDEPLOY_TOKEN = "${token}"\n` });
        const r = run(['scan', '--staged', '--format', 'json'], repo);
        expect(r.code).toBe(1);
        expect(paths(r.stdout)).toEqual(['secrets:staged.py']);
        expect(r.stderr).toMatch(/1 file has changes that are not staged and not reviewed \(app\.py\); --working-tree reviews them too/);
        expect(r.stdout).not.toContain(token);
      },
      { 'app.py': 'print("hi")\n' },
    );
  });

  it('--working-tree reviews staged, unstaged and new files, and leaves the index as it was', () => {
    withRepo(
      (repo) => {
        writeTree(repo, { 'app.py': `print("hi")\nDEPLOY_TOKEN = "${token}"\n`, 'new/app.db': sqlite });
        const r = run(['scan', '--working-tree', '--format', 'json'], repo);
        expect(r.code).toBe(1);
        expect(paths(r.stdout).sort()).toEqual(['committed-database:new/app.db', 'secrets:app.py']);
        expect(r.stderr).toBe('');
        expect(gitIn(repo, 'diff', '--cached', '--name-only')).toBe('');
        expect(gitIn(repo, 'status', '--porcelain')).toBe(' M app.py\n?? new/'.trim());
      },
      { 'app.py': 'print("hi")\n' },
    );
  });

  it('a commit review says when uncommitted changes are left out', () => {
    withRepo(
      (repo) => {
        writeTree(repo, { 'app.py': 'print("changed")\n' });
        const r = run(['scan'], repo);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/^readiness: 1 file has uncommitted changes that are not reviewed \(app\.py\); --staged reviews what is staged, --working-tree everything\.$/m);
      },
      { 'app.py': 'print("hi")\n' },
      { 'app.py': 'print("hi")\n', 'b.txt': 'b\n' },
    );
  });

  it('--staged works in a repository without commits; a commit review there says there are none', () => {
    const repo = mkdtempSync(join(tmpdir(), 'readiness-empty-'));
    try {
      gitIn(repo, 'init', '-q', '-b', 'main');
      const none = run(['scan'], repo);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/has no commits yet/);
      expect(none.stderr).not.toMatch(/unknown revision/);
      writeTree(repo, { 'data.db': sqlite });
      gitIn(repo, 'add', '-A');
      const r = run(['scan', '--staged', '--format', 'json'], repo);
      expect(r.code).toBe(1);
      expect(paths(r.stdout)).toEqual(['committed-database:data.db']);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('says a missing folder is missing', () => {
    const r = run(['scan', '--repo', '/nonexistent/readiness-here']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^readiness: no such directory: \/nonexistent\/readiness-here$/m);
    expect(r.stderr).not.toMatch(/git is not installed/);
  });

  it('rejects --staged with --working-tree, --head or --all', () => {
    for (const args of [['--staged', '--working-tree'], ['--staged', '--head', 'HEAD'], ['--working-tree', '--all']]) {
      const r = run(['scan', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('the default branch, as git names it', () => {
  /** A branch `feature` off `trunk` whose first commit adds a database and whose second adds a text file. */
  function featureBranch(repo: string) {
    gitIn(repo, 'checkout', '-q', '-b', 'feature');
    writeTree(repo, { 'x.sqlite': sqlite });
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-qm', 'one');
    writeTree(repo, { 'b.txt': 'b\n' });
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-qm', 'two');
  }

  it('uses init.defaultBranch when there is no remote and the branch is neither main nor master', () => {
    withRepo((repo) => {
      gitIn(repo, 'branch', '-m', 'main', 'trunk');
      gitIn(repo, 'config', 'init.defaultBranch', 'trunk');
      featureBranch(repo);
      const r = run(['scan', '--format', 'json'], repo);
      expect(r.code).toBe(1);
      expect(paths(r.stdout)).toContain('committed-database:x.sqlite');
      expect(run(['scan'], repo).stdout).toMatch(/merge-base with trunk, from init\.defaultBranch/);
    }, { 'a.txt': 'a\n' });
  });

  it("uses the remote's HEAD", () => {
    withRepo((upstream) => {
      gitIn(upstream, 'branch', '-m', 'main', 'develop');
      const clone = mkdtempSync(join(tmpdir(), 'readiness-clone-'));
      try {
        gitIn(clone, 'clone', '-q', `file://${upstream}`, 'repo');
        const repo = join(clone, 'repo');
        gitIn(repo, 'config', 'user.name', 'test');
        gitIn(repo, 'config', 'user.email', 'test@example.invalid');
        featureBranch(repo);
        const r = run(['scan'], repo);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/merge-base with origin\/develop, from origin\/HEAD/);
        expect(r.stdout).toMatch(/^x\.sqlite$/m);
      } finally {
        rmSync(clone, { recursive: true, force: true });
      }
    }, { 'a.txt': 'a\n' });
  });

  it('says so when it finds no default branch at all', () => {
    withRepo((repo) => {
      gitIn(repo, 'branch', '-m', 'main', 'trunk');
      featureBranch(repo);
      expect(run(['scan'], repo).stdout).toMatch(/No default branch found .*reviewing the last commit .*pass --base/);
    }, { 'a.txt': 'a\n' });
  });
});

describe('configuration errors', () => {
  it('name the line and the nearest known setting or value', () => {
    withRepo(
      (repo) => {
        writeTree(repo, { 'bad.yml': '# settings\nfail-on: warning\nchecks:\n  secrets:\n    severty: notice\n  debug-mode:\n    severity: warnings\n' });
        const r = run(['scan', '--base', 'HEAD~1', '--config', join(repo, 'bad.yml')], repo);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^ {2}fail-on \(line 2\): is not a known setting \(did you mean "fail_on"\?\)$/m);
        expect(r.stderr).toMatch(/^ {2}checks\.secrets\.severty \(line 5\): is not a known setting \(did you mean "severity"\?\)$/m);
        expect(r.stderr).toMatch(/^ {2}checks\.debug-mode\.severity \(line 7\): must be one of .* \(did you mean "warning"\?\)$/m);
      },
      { 'a.txt': 'a\n' },
      { 'a.txt': 'a\n', 'b.txt': 'b\n' },
    );
  });
});

describe('--format compact', () => {
  it('prints path:line, the offending line with the secret masked, and no Markdown fences', () => {
    withRepo(
      (repo) => {
        const r = run(['scan', '--base', 'HEAD~1', '--format', 'compact'], repo);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^settings\.py:2: failure \[secrets\] Secret committed: GitHub personal access token/m);
        expect(r.stdout).toMatch(/^ {2}2 \| GITHUB_TOKEN = "ghp_\*\*\*\*"$/m);
        expect(r.stdout).not.toContain(token);
        expect(r.stdout).not.toContain(token.slice(4, 20));
        expect(r.stdout).not.toMatch(/```/);
        const text = run(['scan', '--base', 'HEAD~1'], repo);
        expect(text.stdout).not.toMatch(/```/);
        expect(text.stdout).not.toContain(token);
      },
      { 'a.txt': 'a\n' },
      { 'a.txt': 'a\n', 'settings.py': `import os\nGITHUB_TOKEN = "${token}"\n` },
    );
  });
});
