// A blob missing from the object store (a partial clone offline, a damaged repository): the file is listed
// as not reviewed with the reason, the rest is reviewed, and --fail-on-incomplete makes the exit status 3.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBLEM_UNREADABLE } from '../../src/changeset/git.js';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { gitIn, makeRepo } from '../helpers/git-repo.js';

const bin = fileURLToPath(new URL('../../bin/readiness.js', import.meta.url));
const token = gen('ghp_', [ALNUM, 36]);

const { repo, cleanup } = makeRepo(
  { 'm.py': 'm = 1\n', 'keep.py': 'k = 1\n' },
  { 'm.py': 'm = 1\nm = 2\n', 'keep.py': 'k = 1\n', 'a.py': `GITHUB_TOKEN = "${token}"\n`, 'b.py': 'b = 1\n' },
);
afterAll(cleanup);
// Drop the loose objects of b.py (added) and of the new m.py (modified) from head.
for (const path of ['b.py', 'm.py']) {
  const id = gitIn(repo, 'rev-parse', `HEAD:${path}`);
  rmSync(join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2)));
}

const scan = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, 'scan', '--repo', repo, '--base', 'HEAD~1', '--format', 'json', ...args], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, out: r.stdout ? (JSON.parse(r.stdout) as { findings: { path: string }[]; errors: { path: string; message: string }[] }) : null };
};

describe('unreadable blobs', () => {
  it('lists each as not reviewed, says why, and reviews the rest', () => {
    const r = scan();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.out!.findings.map((f) => f.path)).toEqual(['a.py']);
    expect(r.out!.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'b.py', message: PROBLEM_UNREADABLE }),
        expect.objectContaining({ path: 'm.py', message: PROBLEM_UNREADABLE }),
      ]),
    );
  });

  it('exits 3 with --fail-on-incomplete when nothing else fails, 0 without it', () => {
    expect(scan('--fail-on', 'never').code).toBe(0);
    expect(scan('--fail-on', 'never', '--fail-on-incomplete').code).toBe(3);
    expect(scan('--fail-on-incomplete').code).toBe(1);
  });
});
