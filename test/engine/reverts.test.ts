// A revert puts back what the reverted commit took away: what it restores is not new, what it removes still counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { gitReviewChangeSet } from '../../src/changeset/git-reverts.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { runReview } from '../../src/engine/pipeline.js';
import { gitIn, makeRepo, writeTree } from '../helpers/git-repo.js';

const sqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200)]);
const dockerfile = 'FROM python:3.12-slim\nRUN useradd app\nUSER app\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n';
const healthcheck = 'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n';
const production = (debug: boolean) => `from .base import *\n\nDEBUG = ${debug ? 'True' : 'False'}\nALLOWED_HOSTS = ["example.com"]\n`;

async function findingsOf(repo: string, base: string, head: string): Promise<string[]> {
  const change = await gitReviewChangeSet({ repo, base, head });
  try {
    const { findings } = await runReview(change, checks, DEFAULT_CONFIG);
    return findings.map((f) => `${f.checkId} ${f.path}:${f.line}`);
  } finally {
    change.close();
  }
}

describe('reverts', () => {
  let repo: string;
  let cleanup: () => void;
  const sha = (rev: string) => gitIn(repo, 'rev-parse', rev);
  const commit = (message: string) => {
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', message);
    return sha('HEAD');
  };
  beforeAll(() => {
    ({ repo, cleanup } = makeRepo({ Dockerfile: dockerfile, 'data/app.db': sqlite, 'app/settings/production.py': production(true), 'app/settings/base.py': 'SECRET_KEY = None\n' }));
  });
  afterAll(() => cleanup());

  it('reports nothing a revert restores: a deleted file put back byte for byte, removed lines put back', async () => {
    gitIn(repo, 'rm', '-q', 'data/app.db');
    writeTree(repo, { 'app/settings/production.py': production(false) });
    const tidy = commit('Tidy up the settings');
    gitIn(repo, 'revert', '--no-edit', 'HEAD');
    expect(await findingsOf(repo, tidy, sha('HEAD'))).toEqual([]);
  });

  it('reports the same content put back by an ordinary commit', async () => {
    gitIn(repo, 'rm', '-q', 'data/app.db');
    writeTree(repo, { 'app/settings/production.py': production(false) });
    const tidy = commit('Tidy up again');
    writeTree(repo, { 'data/app.db': sqlite, 'app/settings/production.py': production(true) });
    const back = commit('Put the database back');
    const found = await findingsOf(repo, tidy, back);
    expect(found).toContain('committed-database data/app.db:1');
    expect(found).toContain('debug-mode app/settings/production.py:3');
  });

  it('leaves the pinning, probing and user of a file an ordinary commit puts back (nearly unchanged) to the repository, and reports them in a new file', async () => {
    const image = 'FROM node:latest\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
    writeTree(repo, { 'deploy/Dockerfile': image });
    commit('Add the legacy image');
    gitIn(repo, 'rm', '-q', 'deploy/Dockerfile');
    const removal = commit('Drop the legacy image');
    writeTree(repo, { 'deploy/Dockerfile': `# kept for older installs\n${image}`, 'deploy/api.Dockerfile': image.replace('server.js', 'api.js') });
    const back = commit('Restore the legacy image for backward compatibility');
    const found = await findingsOf(repo, removal, back);
    expect(found.filter((f) => f.includes('deploy/Dockerfile'))).toEqual([]);
    // A database or a debug switch put back the same way is still reported (the test above).
    expect(found).toEqual(expect.arrayContaining(['unpinned-dependency deploy/api.Dockerfile:1', 'container-root-user deploy/api.Dockerfile:1']));
  });

  it('reports a file put back that a revert had withdrawn, or that comes back alone from a larger removal', async () => {
    // The images ship: a workflow builds them, so their findings are reported where the change adds them.
    writeTree(repo, { '.github/workflows/images.yml': 'on: push\njobs:\n  images:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build room\n      - run: docker build srv\n' });
    commit('Build the images');
    const image = 'FROM node:latest\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
    writeTree(repo, { 'room/Dockerfile': image, 'room/.dockerignore': 'node_modules\n' });
    commit('Containerise the room server');
    gitIn(repo, 'revert', '--no-edit', 'HEAD');
    const withdrawn = sha('HEAD');
    writeTree(repo, { 'room/Dockerfile': image, 'room/.dockerignore': 'node_modules\n' });
    const again = commit('Back to the version that works');
    expect(await findingsOf(repo, withdrawn, again)).toContain('unpinned-dependency room/Dockerfile:1');

    const legacy = 'FROM ruby:latest\nWORKDIR /srv\nCOPY Gemfile .\nRUN bundle install\nEXPOSE 4567\nCMD ["ruby", "app.rb"]\n';
    writeTree(repo, { 'srv/Dockerfile': legacy, 'srv/a.rb': '1\n', 'srv/b.rb': '2\n', 'srv/c.rb': '3\n' });
    commit('The first server');
    gitIn(repo, 'rm', '-q', '-r', 'srv');
    const rewrite = commit('Remove the first server for the rewrite');
    writeTree(repo, { 'srv/Dockerfile': legacy });
    const image2 = commit('Add a Docker image');
    expect(await findingsOf(repo, rewrite, image2)).toContain('unpinned-dependency srv/Dockerfile:1');

    // The same file, of a larger removal, put back by a change that says it restores it.
    writeTree(repo, { 'srv/a.rb': '1\n', 'srv/b.rb': '2\n', 'srv/c.rb': '3\n' });
    commit('The server code again');
    gitIn(repo, 'rm', '-q', '-r', 'srv');
    const removedAgain = commit('Remove the first server once more');
    writeTree(repo, { 'srv/Dockerfile': legacy });
    const restored = commit('Restore the first server image for older installs');
    expect((await findingsOf(repo, removedAgain, restored)).filter((f) => f.includes('srv/Dockerfile'))).toEqual([]);
  });

  it('leaves the pinning of lines a workflow put back edited already had to the repository, and reports the lines it gains', async () => {
    const workflow = (paths: string, extra = '') =>
      `name: lint\non: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: tj-actions/changed-files@v44\n        with:\n          files: |\n            ${paths}\n${extra}      - run: make lint\n        working-directory: ${paths.replace('/**', '')}\n`;
    writeTree(repo, { '.github/workflows/lint.yml': workflow('apps/core/**'), 'apps/core/a.py': '1\n', 'apps/core/b.py': '2\n' });
    commit('The lint workflow');
    gitIn(repo, 'rm', '-q', '-r', '.github', 'apps');
    const emptied = commit('Move the code to a submodule');
    // Imported back with its paths adjusted (more than a tenth of its lines changed) and one step more.
    writeTree(repo, { '.github/workflows/lint.yml': workflow('core/**', '      - uses: peter-evans/repository-dispatch@v3\n'), 'apps/core/a.py': '1\n', 'apps/core/b.py': '2\n' });
    const back = commit('Import the code again');
    const found = (await findingsOf(repo, emptied, back)).filter((f) => f.includes('lint.yml'));
    expect(found).toEqual(['unpinned-dependency .github/workflows/lint.yml:12']);
  });

  it('finds the reverted commit by its subject when the message has no "This reverts commit" line', async () => {
    gitIn(repo, 'rm', '-q', 'data/app.db');
    const removal = commit('Remove the sample database');
    writeTree(repo, { 'data/app.db': sqlite });
    const back = commit('Revert "Remove the sample database"');
    expect(await findingsOf(repo, removal, back)).toEqual([]);
  });

  it('still reports what a revert removes, and what it adds beyond the restore', async () => {
    writeTree(repo, { Dockerfile: dockerfile + healthcheck });
    commit('Add a healthcheck');
    gitIn(repo, 'revert', '--no-edit', 'HEAD');
    const reverted = sha('HEAD');
    expect(await findingsOf(repo, `${reverted}^`, reverted)).toContain('healthcheck-removed Dockerfile:1');

    writeTree(repo, { 'app/settings/production.py': production(false) });
    commit('Debug off');
    gitIn(repo, 'revert', '--no-edit', '--no-commit', 'HEAD');
    writeTree(repo, { 'app/settings/staging.py': production(true) });
    const mixed = commit(`Revert "Debug off"\n\nThis reverts commit ${sha('HEAD')}, and adds staging.`);
    const found = await findingsOf(repo, `${mixed}^`, mixed);
    expect(found).not.toContain('debug-mode app/settings/production.py:3');
    expect(found).toContain('debug-mode app/settings/staging.py:3');
  });

  it('counts only reverted commits the base already holds: reverting a commit of the same change restores nothing', async () => {
    writeTree(repo, { 'app/settings/production.py': production(false) });
    const start = commit('Debug off before the change');
    writeTree(repo, { 'app/settings/production.py': production(true) });
    commit('Debug on');
    writeTree(repo, { 'app/settings/production.py': production(false) });
    commit('Debug off once more');
    gitIn(repo, 'revert', '--no-edit', 'HEAD');
    expect(await findingsOf(repo, start, sha('HEAD'))).toContain('debug-mode app/settings/production.py:3');
  });
});
