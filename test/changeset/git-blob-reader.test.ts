// The streaming blob reader: many blobs in one stream, empty and missing ones, and a cap that keeps
// the first bytes of a large blob while still reporting its size; gitChangeSet never reads an ignored path.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GitBlobReader } from '../../src/changeset/git-blob-reader.js';
import { PROBLEM_TOO_LARGE } from '../../src/changeset/content.js';
import { gitChangeSet } from '../../src/changeset/git.js';
import { MAX_CONTENT_BYTES } from '../../src/model/change-set.js';
import { gitIn, makeRepo } from '../helpers/git-repo.js';

const large = Buffer.alloc(MAX_CONTENT_BYTES + 300_000, 'x');
large.write('HEAD-OF-LARGE', 0);
const { repo, cleanup } = makeRepo({ 'keep.txt': 'k\n' }, { 'keep.txt': 'k\n', 'a.txt': 'alpha\n', 'empty.txt': '', 'large.txt': large, 'gone/b.txt': 'beta\n' });
afterAll(cleanup);

describe('GitBlobReader', () => {
  it('reads many blobs from one stream, in order, with empty and missing ones among them', async () => {
    const reader = new GitBlobReader(repo);
    try {
      const specs = ['HEAD:a.txt', 'HEAD:empty.txt', 'HEAD:nope.txt', 'HEAD:large.txt', 'HEAD:a.txt', 'HEAD', 'HEAD:gone/b.txt'];
      const reads = await Promise.all(specs.map((s) => reader.read(s)));
      expect(reads.map((r) => r && r.bytes.toString('utf8').slice(0, 13))).toEqual(['alpha\n', '', null, 'HEAD-OF-LARGE', 'alpha\n', null, 'beta\n']);
      expect(reads[3]!.bytes.equals(large)).toBe(true);
      expect(reads.map((r) => r?.size ?? null)).toEqual([6, 0, null, large.length, 6, null, 5]);
    } finally {
      reader.close();
    }
  });

  it('keeps at most `cap` bytes of a blob and still says its full size', async () => {
    const reader = new GitBlobReader(repo);
    try {
      const [capped, small] = await Promise.all([reader.read('HEAD:large.txt', 100), reader.read('HEAD:a.txt', 100)]);
      expect(capped!.bytes.length).toBe(100);
      expect(capped!.bytes.subarray(0, 13).toString()).toBe('HEAD-OF-LARGE');
      expect(capped!.size).toBe(large.length);
      expect(small!.bytes.toString()).toBe('alpha\n');
    } finally {
      reader.close();
    }
  });
});

describe('gitChangeSet', () => {
  it('reports an added file over the size limit as too large, from a capped read', async () => {
    const change = await gitChangeSet({ repo, base: 'HEAD~1', head: 'HEAD' });
    try {
      const file = change.files.find((f) => f.path === 'large.txt')!;
      expect(file.problem).toBe(PROBLEM_TOO_LARGE);
      expect(file.added).toEqual([]);
      expect((await change.readHead('large.txt'))!.size).toBe(large.length);
    } finally {
      change.close();
    }
  });

  it('leaves an ignored path out before reading it: a missing blob there costs nothing', async () => {
    const { repo: broken, cleanup: done } = makeRepo({ 'keep.txt': 'k\n' }, { 'keep.txt': 'k\n', 'vendor/x.txt': 'x\n', 'y.txt': 'y\n' });
    try {
      const id = gitIn(broken, 'rev-parse', 'HEAD:vendor/x.txt');
      rmSync(join(broken, '.git', 'objects', id.slice(0, 2), id.slice(2)));
      const unfiltered = await gitChangeSet({ repo: broken, base: 'HEAD~1', head: 'HEAD' });
      unfiltered.close();
      expect(unfiltered.files.find((f) => f.path === 'vendor/x.txt')?.problem).toMatch(/missing/);
      const change = await gitChangeSet({ repo: broken, base: 'HEAD~1', head: 'HEAD', ignored: (p) => p.startsWith('vendor/') });
      change.close();
      expect(change.files.map((f) => [f.path, f.problem])).toEqual([['y.txt', undefined]]);
    } finally {
      done();
    }
  });
});
