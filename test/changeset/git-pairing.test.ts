// Patches are paired with files by path: a symlink turned into a regular file makes git print two blocks for
// one path, which used to shift every later file onto another file's lines.
import { symlinkSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitChangeSet } from '../../src/changeset/git.js';
import { gitIn } from '../helpers/git-repo.js';

const repo = mkdtempSync(join(tmpdir(), 'readiness-pairing-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function commit(message: string) {
  gitIn(repo, 'add', '-A');
  gitIn(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', message);
  return gitIn(repo, 'rev-parse', 'HEAD');
}

describe('gitChangeSet pairs each patch with its file by path', async () => {
  gitIn(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'a.py'), 'print("a")\n');
  symlinkSync('a.py', join(repo, 'link'));
  writeFileSync(join(repo, 'm.py'), 'm = 1\n');
  writeFileSync(join(repo, 'z.py'), 'z = 1\n');
  const base = commit('base');
  rmSync(join(repo, 'link'));
  writeFileSync(join(repo, 'link'), 'now a regular file\n');
  writeFileSync(join(repo, 'm.py'), 'm = 1\nm_added = 2\n');
  writeFileSync(join(repo, 'z.py'), 'z = 1\nz_added = 3\n');
  const head = commit('head');
  const change = await gitChangeSet({ repo, base, head });
  afterAll(() => change.close());
  const added = (path: string) => change.files.find((f) => f.path === path)?.added.map((l) => l.text);

  it('gives every file its own added lines after a type change', () => {
    expect(added('link')).toEqual(['now a regular file']);
    expect(added('m.py')).toEqual(['m_added = 2']);
    expect(added('z.py')).toEqual(['z_added = 3']);
  });
});

describe('patchPath', () => {
  const cases: [string, string][] = [
    ['diff --git a/x.py b/x.py\nindex 1..2 100644\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n', 'x.py'],
    ['diff --git a/with space.txt b/with space.txt\n--- a/with space.txt\t\n+++ b/with space.txt\t\n@@ -1 +1 @@\n', 'with space.txt'],
    ['diff --git "a/tab\\there" "b/tab\\there"\n--- "a/tab\\there"\n+++ "b/tab\\there"\n@@ -1 +1 @@\n', 'tab\there'],
    ['diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n', 'gone.txt'],
    ['diff --git a/old b/new\nsimilarity index 100%\nrename from old\nrename to new\n', 'new'],
    ['diff --git a/img.png b/img.png\nindex 1..2 100644\nBinary files a/img.png and b/img.png differ\n', 'img.png'],
    ['diff --git a/mode b/mode\nold mode 100644\nnew mode 100755\n', 'mode'],
  ];
  it.each(cases)('%#', async (text, path) => {
    const { patchPath } = await import('../../src/changeset/git.js');
    expect(patchPath(Buffer.from(text))).toBe(path);
  });
});
