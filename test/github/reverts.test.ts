// pullRequestRestored: which reverted commits count, and what of theirs a pull request puts back.
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/model/change-set.js';
import type { GitHubApi } from '../../src/github/client.js';
import { pullRequestRestored } from '../../src/github/reverts.js';

const REVERTED = 'a'.repeat(40);
const OWN = 'b'.repeat(40);
const DB_BLOB = 'e'.repeat(40);

function stub(commits: Record<string, unknown>): GitHubApi & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    request: async <T>(route: string, params?: Record<string, unknown>) => {
      const ref = String(params?.ref);
      asked.push(`${route} ${ref}`);
      if (!(ref in commits)) throw Object.assign(new Error('Not Found'), { status: 404 });
      return { status: 200, headers: {}, data: commits[ref] as T };
    },
    graphql: async () => {
      throw new Error('not used');
    },
  };
}

const settings: ChangedFile = { path: 'settings.py', status: 'modified', binary: false, hunks: [], added: [{ line: 2, text: 'DEBUG = True' }, { line: 3, text: 'EXTRA = 1' }], removed: [] };
const database: ChangedFile = { path: 'data/app.db', status: 'added', binary: true, hunks: [], added: [], removed: [] };
const reverted = {
  parents: [{ sha: 'f'.repeat(40) }],
  files: [
    { filename: 'settings.py', status: 'modified', changes: 1, patch: '@@ -1,2 +1,1 @@\n import os\n-DEBUG = True' },
    { filename: 'data/app.db', status: 'removed', changes: 0, sha: DB_BLOB },
  ],
};

describe('pullRequestRestored', () => {
  it('marks lines the reverted commit removed and files it deleted, byte for byte', async () => {
    const gh = stub({ [REVERTED]: reverted });
    const restored = await pullRequestRestored(gh, { owner: 'o', repo: 'r' }, [{ sha: OWN, parent: null, message: `Revert "x"\n\nThis reverts commit ${REVERTED}.` }], [settings, database], new Map([['data/app.db', DB_BLOB]]));
    expect(restored).toEqual({ files: new Set(['data/app.db']), lines: new Map([['settings.py', new Set([2])]]) });
  });

  it('does not mark a re-added file whose bytes differ', async () => {
    const gh = stub({ [REVERTED]: reverted });
    const restored = await pullRequestRestored(gh, { owner: 'o', repo: 'r' }, [{ sha: OWN, parent: null, message: `This reverts commit ${REVERTED}.` }], [database], new Map([['data/app.db', '9'.repeat(40)]]));
    expect(restored).toBeUndefined();
  });

  it('leaves out a reverted commit of the pull request itself, without asking GitHub for it', async () => {
    const gh = stub({ [OWN]: reverted });
    const own = await pullRequestRestored(gh, { owner: 'o', repo: 'r' }, [{ sha: OWN, parent: null, message: 'Turn it off' }, { sha: 'c'.repeat(40), parent: OWN, message: `This reverts commit ${OWN.slice(0, 12)}.` }], [settings], new Map());
    expect(own).toBeUndefined();
    expect(gh.asked).toEqual([]);
  });

  it('treats a reverted commit GitHub cannot read as restoring nothing', async () => {
    const gh = stub({});
    expect(await pullRequestRestored(gh, { owner: 'o', repo: 'r' }, [{ sha: OWN, parent: null, message: `This reverts commit ${REVERTED}.` }], [settings], new Map())).toBeUndefined();
    expect(gh.asked).toHaveLength(1);
  });
});
