// The git source: statuses, renames, binary and oversized files, line numbers and lazy content.
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_TREE, gitChangeSet } from '../../src/changeset/git.js';
import { PROBLEM_BINARY, PROBLEM_NOT_UTF8, PROBLEM_TOO_LARGE } from '../../src/changeset/content.js';
import { makeRepo } from '../helpers/git-repo.js';

const long = Array.from({ length: 40 }, (_, i) => `line ${i + 1} of a file long enough for rename detection`).join('\n') + '\n';

const { repo, commits, cleanup } = makeRepo(
  {
    'keep.txt': 'a\nb\nc\n',
    'old/name.txt': long,
    'gone.txt': 'bye\n',
    'edit.py': 'x = 1\ny = 2\n',
    'weird name ü.txt': 'one\n',
  },
  {
    'keep.txt': 'a\nb\nc\n',
    'new/name.txt': long.replace('line 40', 'line forty'),
    'edit.py': 'x = 1\ninserted = True\ny = 2\n',
    'weird name ü.txt': 'one\ntwo\n',
    'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
    'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    'huge.txt': 'x'.repeat(2 * 1024 * 1024 + 10) + '\n',
    'crlf.txt': 'one\r\ntwo\r\n',
  },
);
afterAll(cleanup);

describe('gitChangeSet', async () => {
  const change = await gitChangeSet({ repo, base: commits[0]!, head: commits[1]! });
  afterAll(() => change.close());
  const file = (path: string) => change.files.find((f) => f.path === path);

  it('lists every changed file with its status', () => {
    expect(change.files.map((f) => [f.path, f.status]).sort()).toEqual(
      [
        ['crlf.txt', 'added'],
        ['edit.py', 'modified'],
        ['gone.txt', 'removed'],
        ['huge.txt', 'added'],
        ['image.png', 'added'],
        ['latin1.txt', 'added'],
        ['new/name.txt', 'renamed'],
        ['weird name ü.txt', 'modified'],
      ].sort(),
    );
    expect(file('new/name.txt')!.previousPath).toBe('old/name.txt');
  });

  it('numbers added lines in the head and removed lines in the base', () => {
    expect(file('edit.py')!.added).toEqual([{ line: 2, text: 'inserted = True' }]);
    expect(file('gone.txt')!.removed).toEqual([{ line: 1, text: 'bye' }]);
    expect(file('new/name.txt')!.added).toEqual([{ line: 40, text: 'line forty of a file long enough for rename detection' }]);
    expect(file('weird name ü.txt')!.added).toEqual([{ line: 2, text: 'two' }]);
    expect(file('crlf.txt')!.added.map((l) => l.text)).toEqual(['one', 'two']);
  });

  it('flags binary, oversized and non-UTF-8 files instead of giving them lines', () => {
    expect(file('image.png')).toMatchObject({ binary: true, problem: PROBLEM_BINARY, added: [] });
    expect(file('huge.txt')).toMatchObject({ problem: PROBLEM_TOO_LARGE, added: [] });
    expect(file('latin1.txt')).toMatchObject({ problem: PROBLEM_NOT_UTF8, added: [] });
  });

  it('reads head and base content of any path lazily', async () => {
    expect((await change.readHead('keep.txt'))!.text).toBe('a\nb\nc\n');
    expect((await change.readBase('gone.txt'))!.text).toBe('bye\n');
    expect(await change.readHead('gone.txt')).toBeNull();
    expect(await change.readBase('does/not/exist')).toBeNull();
    const png = (await change.readHead('image.png'))!;
    expect(png).toMatchObject({ binary: true, text: '', size: 10 });
    expect([...png.prefix.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('lists the files directly in a folder at head or base, not those below it', async () => {
    expect(await change.list!('', 'base')).toEqual(['edit.py', 'gone.txt', 'keep.txt', 'weird name ü.txt']);
    expect(await change.list!('new', 'head')).toEqual(['new/name.txt']);
    expect(await change.list!('old/', 'base')).toEqual(['old/name.txt']);
    expect(await change.list!('old', 'head')).toEqual([]);
  });

  it('shows every file as added when diffing from the empty tree', async () => {
    const all = await gitChangeSet({ repo, base: EMPTY_TREE, head: commits[1]! });
    try {
      expect(all.files.every((f) => f.status === 'added')).toBe(true);
      expect(all.files.find((f) => f.path === 'keep.txt')!.added).toHaveLength(3);
      expect(await all.readBase('keep.txt')).toBeNull();
    } finally {
      all.close();
    }
  });
});
