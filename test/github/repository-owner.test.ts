// The App knows the repository under review from the event, as the CLI does from `origin`: its owner's actions are first-party.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';
import { GitHubBlobReader } from '../../src/github/blob-reader.js';
import { pullRequestChangeSet } from '../../src/github/change-set.js';
import { PR, fakeGitHub } from './helpers/fake-github.js';

const workflow = (owner: string) => `on: push\njobs:\n  lint:\n    uses: ${owner}/workflows/.github/workflows/lint.yml@main\n`;

describe("a reusable workflow of the repository's own owner", () => {
  it('is first-party in the App, and in the CLI when origin names the same repository; another owner is reported in both', async () => {
    const head: Tree = { '.github/workflows/lint.yml': workflow(PR.owner), '.github/workflows/other.yml': workflow(`${PR.owner}-other`) };
    const { api } = fakeGitHub({}, head);
    const { change } = await pullRequestChangeSet(api, PR, new GitHubBlobReader(api, PR.owner, PR.repo));
    expect(change.repository).toEqual({ owner: PR.owner, name: PR.repo });
    const app = (await review(change, checks)).findings.filter((f) => f.checkId === 'unpinned-dependency').map((f) => f.path);
    expect(app).toEqual(['.github/workflows/other.yml']);

    const cli = memoryChangeSet({}, head);
    cli.repository = { owner: PR.owner, name: PR.repo };
    expect((await review(cli, checks)).findings.filter((f) => f.checkId === 'unpinned-dependency').map((f) => f.path)).toEqual(app);
  });
});
