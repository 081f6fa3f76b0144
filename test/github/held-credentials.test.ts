// The App looks for a new env file's credentials in the base files near the change, as the CLI greps the
// whole base: a file that only repeats values the repository already keeps is not the change's to report.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import type { Tree } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';
import { GitHubBlobReader } from '../../src/github/blob-reader.js';
import { pullRequestChangeSet } from '../../src/github/change-set.js';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { PR, fakeGitHub } from './helpers/fake-github.js';

const token = gen([ALNUM, 32]);
const appFindings = async (base: Tree, head: Tree) => {
  const { api, queries } = fakeGitHub(base, head);
  const { change } = await pullRequestChangeSet(api, PR, new GitHubBlobReader(api, PR.owner, PR.repo));
  return { findings: (await review(change, checks)).findings.map((f) => `${f.checkId} ${f.path}:${f.line}`), queries };
};

describe("a new env file's credentials, reviewed by the App", () => {
  const compose = 'services:\n  app:\n    image: acme/app:1.4\n    env_file: .env\n';

  it("are the repository's already when the root env file keeps them: the env file is not reported", async () => {
    const base: Tree = { env: `APP_KEY=${token}\n`, 'docker-compose.yml': compose };
    const head: Tree = { ...base, 'debian/.env': `APP_KEY=${token}\n`, 'debian/docker-compose.yml': compose };
    const { findings } = await appFindings(base, head);
    expect(findings.filter((f) => f.startsWith('env-file-committed'))).toEqual([]);
  });

  it('are new when the repository keeps them only far from the change (the App searches nearby folders only)', async () => {
    const base: Tree = { 'ops/stacks/legacy/.env': `APP_KEY=${token}\n`, 'docker-compose.yml': compose };
    const head: Tree = { ...base, 'debian/.env': `APP_KEY=${token}\n`, 'debian/docker-compose.yml': compose };
    const { findings } = await appFindings(base, head);
    expect(findings).toContain('env-file-committed debian/.env:1');
  });

  it('are new when the value differs from the one kept beside them', async () => {
    const base: Tree = { env: `APP_KEY=${gen([ALNUM, 32])}\n`, 'docker-compose.yml': compose };
    const head: Tree = { ...base, 'debian/.env': `APP_KEY=${token}\n`, 'debian/docker-compose.yml': compose };
    const { findings } = await appFindings(base, head);
    expect(findings).toContain('env-file-committed debian/.env:1');
  });
});
