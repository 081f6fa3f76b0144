// The GitHub repository a local clone belongs to, from its `origin` remote, so the CLI knows the owner the App reads from the event.
import type { RepositoryName } from '../model/change-set.js';
import { git } from './git.js';

/**
 * `owner/name` of a github.com remote URL: `https://github.com/acme/app(.git)`, with or without a user
 * (`https://token@github.com/…`), `git@github.com:acme/app.git`, `ssh://git@github.com/acme/app`, `git://…`.
 * Undefined for another host (a GitHub Enterprise server, GitLab) or a local path: the repository is then unknown.
 */
export function githubRepositoryOf(url: string): RepositoryName | undefined {
  const m =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?(?:www\.)?github\.com(?::\d+)?\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(url.trim()) ??
    /^(?:[\w.-]+@)?github\.com:\/?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return m ? { owner: m[1]!, name: m[2]! } : undefined;
}

/** The repository of the clone at `repo` by its `origin` remote (see githubRepositoryOf); undefined without one. */
export async function originRepository(repo: string): Promise<RepositoryName | undefined> {
  try {
    const url = (await git(repo, ['config', '--get', 'remote.origin.url'])).toString('utf8');
    return githubRepositoryOf(url);
  } catch {
    // No origin remote (git exits 1): the owner is unknown, and nothing is taken for first-party by name.
    return undefined;
  }
}
