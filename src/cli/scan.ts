// `readiness scan`: reviews a local git change and prints the findings as text, JSON or SARIF.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checks as allChecks } from '../../checks/index.js';
import { EMPTY_TREE, GitError, git, gitChangeSet, gitRevisions, resolveCommit, type GitChangeSet } from '../changeset/git.js';
import { gitReviewChangeSet } from '../changeset/git-reverts.js';
import { originRepository } from '../changeset/git-remote.js';
import { pathMatcher } from '../engine/glob.js';
import { MAX_HISTORY_COMMITS, historyOnlySecrets, type HistoryCommit } from '../engine/history-secrets.js';
import { CONFIG_PATH, ConfigError, DEFAULT_CONFIG, ignoreGlobs, parseConfigText, resolveConfig, type FailOn, type ReadinessConfig } from '../config/config.js';
import { blocks, runReview } from '../engine/pipeline.js';
import type { ChangeSet } from '../model/change-set.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { renderCompact } from '../report/compact.js';
import { explainProblems } from './config-problems.js';
import { findingExcerpts } from './excerpts.js';
import { checkRepository, defaultBranchCandidates, indexTree, uncommittedPaths, workTreeTree } from './local-revisions.js';
import { checkPage, packageVersion } from './package-root.js';

export class UsageError extends Error {}

/** Exit status when --fail-on-incomplete is given and some file could not be reviewed. */
export const EXIT_INCOMPLETE = 3;

export interface ScanIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const FORMATS = ['text', 'compact', 'json', 'sarif'] as const;
const FAIL_ON: readonly FailOn[] = ['failure', 'warning', 'notice', 'never'];

export const SCAN_USAGE = `usage: readiness scan [--repo DIR] [--base REV] [--head REV] [--all | --staged | --working-tree]
                      [--format text|compact|json|sarif] [--fail-on failure|warning|notice|never]
                      [--exclude GLOB]... [--config FILE] [--fail-on-incomplete]

Reviews what the commits from BASE to HEAD add (default: HEAD against its merge-base with the
default branch, as git names it: a remote's HEAD, the upstream, init.defaultBranch, else main or
master). --all reviews every tracked file as if newly added. --staged reviews what is staged (a
pre-commit hook), --working-tree every uncommitted change including new files, both against HEAD
(or BASE). --format compact prints one line per finding and the line it is about, secrets masked.
Settings come from --config FILE, else .github/readiness.yml as of BASE; --fail-on overrides fail_on.
Files that cannot be reviewed (binary, too large, unreadable objects) are listed as not reviewed.
Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or runtime error,
3 with --fail-on-incomplete when no finding fails but some file could not be reviewed.`;

/**
 * The configuration: --config FILE when given, else .github/readiness.yml as of the base revision (so a
 * change cannot relax the rules it is reviewed by), else as of head when there is no base (--all).
 */
async function loadConfig(change: Pick<ChangeSet, 'base' | 'readBase' | 'readHead'>, file: string | undefined): Promise<{ config: ReadinessConfig; source: string | null; extendsFrom?: string | undefined }> {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read the configuration file ${file}.`);
    }
    return configFromText(text, file);
  }
  const fromBase = change.base !== EMPTY_TREE;
  const content = fromBase ? await change.readBase(CONFIG_PATH) : await change.readHead(CONFIG_PATH);
  if (!content || content.problem) return { config: DEFAULT_CONFIG, source: null };
  return configFromText(content.text, `${CONFIG_PATH} (${fromBase ? 'base' : 'head'})`);
}

function configFromText(text: string, source: string): { config: ReadinessConfig; source: string; extendsFrom?: string | undefined } {
  const raw = parseConfigText(text, source);
  try {
    return { config: resolveConfig(raw, allChecks, source), source, extendsFrom: extendsOf(raw) };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.source, explainProblems(error.problems, text, raw, allChecks));
    throw error;
  }
}

const extendsOf = (raw: Record<string, unknown>): string | undefined => (typeof raw._extends === 'string' ? raw._extends : undefined);

async function tryResolve(repo: string, rev: string): Promise<string | null> {
  try {
    return await resolveCommit(repo, rev);
  } catch {
    return null;
  }
}

/**
 * Picks the base when none is given: the merge-base with the default branch as git knows it (a
 * remote's HEAD, the upstream, init.defaultBranch, then main or master); on that branch, the last commit.
 */
async function defaultBase(repo: string, head: string): Promise<{ base: string; note?: string }> {
  let found = false;
  for (const { ref, source } of await defaultBranchCandidates(repo)) {
    const branch = await tryResolve(repo, ref);
    if (!branch) continue;
    found = true;
    let mergeBase: string;
    try {
      mergeBase = (await git(repo, ['merge-base', branch, head])).toString('utf8').trim();
    } catch {
      continue;
    }
    const from = source === 'the usual name' ? ref : `${ref}, from ${source}`;
    if (mergeBase && mergeBase !== head) return { base: mergeBase, note: `Reviewing ${head.slice(0, 7)} against its merge-base with ${from} (${mergeBase.slice(0, 7)}).` };
    // HEAD is on (or behind) this branch: an upstream of a pushed feature branch says nothing, keep asking.
    if (source.startsWith('the upstream of')) continue;
    break;
  }
  const parent = await tryResolve(repo, `${head}~1`);
  if (parent && !found) return { base: parent, note: `No default branch found (no remote HEAD, upstream, init.defaultBranch, main or master): reviewing the last commit (${head.slice(0, 7)}); pass --base to review more.` };
  if (parent) return { base: parent, note: `HEAD is on the default branch: reviewing the last commit (${head.slice(0, 7)}).` };
  const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => Buffer.from(''))).toString('utf8').trim() === 'true';
  if (shallow) return { base: EMPTY_TREE, note: `${head.slice(0, 7)} has no parent in this shallow clone: every file counts as added (fetch more history, or pass --base).` };
  return { base: EMPTY_TREE, note: `Reviewing the root commit ${head.slice(0, 7)}: every file counts as added.` };
}

/**
 * The commits from base to head (merges left out: they bring in what other branches reviewed), each
 * against its first parent, for the history-aware secrets review.
 */
async function branchHistory(repo: string, base: string, head: string, ignored: (path: string) => boolean): Promise<{ commits: HistoryCommit[]; truncated: boolean }> {
  const range = base === EMPTY_TREE ? [head] : [`${base}..${head}`];
  const lines = (await git(repo, ['rev-list', '--no-merges', '--reverse', '--parents', ...range])).toString('utf8').split('\n').filter(Boolean);
  const truncated = lines.length > MAX_HISTORY_COMMITS;
  const commits = lines.slice(-MAX_HISTORY_COMMITS).map((line): HistoryCommit => {
    const [sha, parent] = line.split(' ') as [string, string | undefined];
    let opened: GitChangeSet | null = null;
    return {
      sha,
      load: async () => (opened = await gitChangeSet({ repo, base: parent ?? EMPTY_TREE, head: sha, ignored })),
      close: () => opened?.close(),
    };
  });
  return { commits, truncated };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A warning when changes exist that this review leaves out, so a clean result is not mistaken for a clean work tree. */
async function unreviewedChangesWarning(repo: string, mode: 'commits' | 'staged' | 'working-tree'): Promise<string | null> {
  if (mode === 'working-tree') return null;
  const { staged, unstaged } = await uncommittedPaths(repo).catch(() => ({ staged: [], unstaged: [] }));
  if (mode === 'staged') {
    return unstaged.length === 0 ? null : `readiness: ${plural(unstaged.length, 'file')} ${unstaged.length === 1 ? 'has' : 'have'} changes that are not staged and not reviewed (${unstaged.slice(0, 3).join(', ')}${unstaged.length > 3 ? ', …' : ''}); --working-tree reviews them too.\n`;
  }
  const paths = [...new Set([...staged, ...unstaged])];
  return paths.length === 0 ? null : `readiness: ${plural(paths.length, 'file')} ${paths.length === 1 ? 'has' : 'have'} uncommitted changes that are not reviewed (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}); --staged reviews what is staged, --working-tree everything.\n`;
}

export async function scan(argv: string[], io: ScanIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        repo: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        all: { type: 'boolean' },
        staged: { type: 'boolean' },
        'working-tree': { type: 'boolean' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        config: { type: 'string' },
        'fail-on-incomplete': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    io.stdout(SCAN_USAGE + '\n');
    return 0;
  }
  const format = (values.format ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  const failOnFlag = values['fail-on'] as FailOn | undefined;
  if (failOnFlag !== undefined && !FAIL_ON.includes(failOnFlag)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}".`);
  if (values.all && values.base) throw new UsageError('--all reviews every file; it cannot be combined with --base.');
  const local = values.staged ? 'staged' : values['working-tree'] ? 'working-tree' : null;
  if (values.staged && values['working-tree']) throw new UsageError('--staged and --working-tree cannot be combined: --working-tree already includes what is staged.');
  if (local && (values.head || values.all)) throw new UsageError(`--${local} reviews uncommitted changes; it cannot be combined with --head or --all.`);

  const repo = resolve(values.repo ?? process.cwd());
  const { hasCommits, headCommit } = await checkRepository(repo, { allowEmpty: local !== null });
  // HEAD as checkRepository resolved it: asking git again costs a process.
  const resolveRev = async (rev: string) => (rev === 'HEAD' && headCommit !== null ? headCommit : await resolveCommit(repo, rev));
  let head: string;
  let base: string;
  let note: string | undefined;
  if (local) {
    head = local === 'staged' ? await indexTree(repo) : await workTreeTree(repo);
    base = values.base ? await resolveRev(values.base) : hasCommits ? await resolveRev('HEAD') : EMPTY_TREE;
    note = `Reviewing ${local === 'staged' ? 'the staged changes' : 'the uncommitted changes in the work tree'} against ${values.base ?? (hasCommits ? 'HEAD' : 'an empty repository')}.`;
  } else {
    head = await resolveRev(values.head ?? 'HEAD');
    if (values.all) {
      base = EMPTY_TREE;
      note = `Reviewing every tracked file at ${head.slice(0, 7)} as if newly added.`;
    } else if (values.base) {
      base = await resolveRev(values.base);
    } else {
      ({ base, note } = await defaultBase(repo, head));
    }
  }
  if (!values.head && !values.all) {
    const warning = await unreviewedChangesWarning(repo, local ?? 'commits');
    if (warning) io.stderr(warning);
  }

  // The configuration comes first: its path ignores (and --exclude) leave files out before they are diffed or read.
  const { config, source, extendsFrom } = await loadConfig(gitRevisions(repo, base, head), values.config);
  const exclude = values.exclude ?? [];
  const ignored = pathMatcher([...ignoreGlobs(config), ...exclude]);
  // The owner `origin` names is what the App reads from the event: actions of the repository's own owner are first-party.
  const [change, repository] = await Promise.all([gitReviewChangeSet({ repo, base, head, ignored }), originRepository(repo)]);
  if (repository) change.repository = repository;
  try {
    // The CLI works offline on one repository, so inherited files are not fetched; say so rather than pretend.
    if (extendsFrom) io.stderr(`readiness: ${source} inherits from "${extendsFrom}" (_extends); the CLI reads only this repository, so the inherited settings are not applied here.\n`);
    const failOn = failOnFlag ?? config.fail_on;
    const reviewed = await runReview(change, allChecks, config, { exclude });
    const { suppressed, errors } = reviewed;
    let findings = reviewed.findings;
    if (!local && !values.all) {
      const history = await branchHistory(repo, base, head, ignored);
      if (history.truncated) io.stderr(`readiness: the range has more than ${MAX_HISTORY_COMMITS} commits; secrets added and removed within it are looked for in the last ${MAX_HISTORY_COMMITS} only.\n`);
      const fromHistory = await historyOnlySecrets(history.commits, reviewed, allChecks, config, 'branch', { exclude });
      for (const sha of fromHistory.unreadable) errors.push({ path: '', message: `commit ${sha} could not be read, so secrets it added and a later commit removed may be missed.` });
      if (fromHistory.findings.length > 0) findings = [...findings, ...fromHistory.findings];
    }
    if (format === 'json') io.stdout(renderJson({ base, head, findings, errors, suppressed }));
    else if (format === 'sarif') io.stdout(renderSarif({ findings, errors, suppressed, checks: allChecks, version: packageVersion(), helpMarkdown: checkPage, automationId: `readiness-review/${head}` }));
    else if (format === 'compact') io.stdout(renderCompact({ findings, errors, suppressed, excerpts: await findingExcerpts(change, findings), ...(note ? { note } : {}) }));
    else io.stdout(renderText({ base, head, findings, errors, suppressed, color: io.isTTY, ...(note ? { note } : {}) }));
    if (blocks(findings, failOn)) return 1;
    return values['fail-on-incomplete'] && errors.some((e) => e.incomplete) ? EXIT_INCOMPLETE : 0;
  } finally {
    change.close();
  }
}

export { ConfigError, GitError };
