// Builds throw-away git repositories with a base and a head commit for end-to-end tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileTree = Record<string, string | Uint8Array>;

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};

export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
}

export function writeTree(repo: string, tree: FileTree): void {
  for (const [path, content] of Object.entries(tree)) {
    const full = join(repo, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** A repository whose history is one commit per tree, each replacing the whole work tree. */
export function makeRepo(...trees: FileTree[]): { repo: string; commits: string[]; cleanup: () => void } {
  const repo = mkdtempSync(join(tmpdir(), 'readiness-test-'));
  gitIn(repo, 'init', '-q', '-b', 'main');
  gitIn(repo, 'config', 'core.autocrlf', 'false');
  const commits: string[] = [];
  trees.forEach((tree, i) => {
    gitIn(repo, 'rm', '-rq', '--ignore-unmatch', '.');
    writeTree(repo, tree);
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '--allow-empty', '-m', `commit ${i}`);
    commits.push(gitIn(repo, 'rev-parse', 'HEAD'));
  });
  return { repo, commits, cleanup: () => rmSync(repo, { recursive: true, force: true }) };
}
