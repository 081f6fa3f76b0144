// The CLI learns the repository's owner from the clone's `origin` remote, as the App does from the event.
import { afterEach, describe, expect, it } from 'vitest';
import { githubRepositoryOf, originRepository } from '../../src/changeset/git-remote.js';
import { gitIn, makeRepo } from '../helpers/git-repo.js';

describe('githubRepositoryOf', () => {
  it.each([
    ['https://github.com/acme/server.git', { owner: 'acme', name: 'server' }],
    ['https://github.com/acme/server', { owner: 'acme', name: 'server' }],
    ['https://github.com/acme/server/', { owner: 'acme', name: 'server' }],
    ['https://x-access-token@github.com/Acme/my.repo.git', { owner: 'Acme', name: 'my.repo' }],
    ['git@github.com:acme/server.git', { owner: 'acme', name: 'server' }],
    ['ssh://git@github.com/acme/server.git', { owner: 'acme', name: 'server' }],
    ['ssh://git@github.com:22/acme/server', { owner: 'acme', name: 'server' }],
  ])('%s', (url, expected) => expect(githubRepositoryOf(url)).toEqual(expected));

  it.each(['https://gitlab.com/acme/server.git', 'git@ghe.example.com:acme/server.git', '/srv/mirrors/server.git', 'https://github.com/acme', 'https://github.com.evil.example/acme/server'])('%s is no github.com repository', (url) =>
    expect(githubRepositoryOf(url)).toBeUndefined(),
  );
});

describe('originRepository', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('reads the origin remote, and knows nothing without one', async () => {
    const made = makeRepo({ 'a.txt': 'a\n' });
    cleanup = made.cleanup;
    expect(await originRepository(made.repo)).toBeUndefined();
    gitIn(made.repo, 'remote', 'add', 'origin', 'git@github.com:acme/server.git');
    expect(await originRepository(made.repo)).toEqual({ owner: 'acme', name: 'server' });
  });
});
