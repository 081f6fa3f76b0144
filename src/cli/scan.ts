// `readiness scan`: reviews a local git change and prints the findings as text, JSON or SARIF.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checks as allChecks } from '../../checks/index.js';
import { EMPTY_TREE, GitError, git, gitChangeSet, resolveCommit } from '../changeset/git.js';
import { CONFIG_PATH, ConfigError, DEFAULT_CONFIG, parseConfigText, resolveConfig, type FailOn, type ReadinessConfig } from '../config/config.js';
import { blocks, runReview } from '../engine/pipeline.js';
import type { ChangeSet } from '../model/change-set.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { packageVersion } from './package-root.js';

export class UsageError extends Error {}

export interface ScanIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON: readonly FailOn[] = ['failure', 'warning', 'notice', 'never'];

export const SCAN_USAGE = `usage: readiness scan [--repo DIR] [--base REV] [--head REV] [--all]
                      [--format text|json|sarif] [--fail-on failure|warning|notice|never]
                      [--exclude GLOB]... [--config FILE]

Reviews what the commits from BASE to HEAD add (default: HEAD against its merge-base with the
default branch). --all reviews every tracked file as if newly added.
Settings come from --config FILE, else .github/readiness.yml as of BASE; --fail-on overrides fail_on.
Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or runtime error.`;

/**
 * The configuration: --config FILE when given, else .github/readiness.yml as of the base revision (so a
 * change cannot relax the rules it is reviewed by), else as of head when there is no base (--all).
 */
async function loadConfig(change: ChangeSet, file: string | undefined): Promise<{ config: ReadinessConfig; source: string | null; extendsFrom?: string | undefined }> {
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
  return { config: resolveConfig(raw, allChecks, source), source, extendsFrom: extendsOf(raw) };
}

const extendsOf = (raw: Record<string, unknown>): string | undefined => (typeof raw._extends === 'string' ? raw._extends : undefined);

async function tryResolve(repo: string, rev: string): Promise<string | null> {
  try {
    return await resolveCommit(repo, rev);
  } catch {
    return null;
  }
}

/** Picks the base when none is given: merge-base with origin/HEAD, main or master; else the last commit. */
async function defaultBase(repo: string, head: string): Promise<{ base: string; note?: string }> {
  for (const candidate of ['origin/HEAD', 'main', 'master']) {
    const branch = await tryResolve(repo, candidate);
    if (!branch) continue;
    let mergeBase: string;
    try {
      mergeBase = (await git(repo, ['merge-base', branch, head])).toString('utf8').trim();
    } catch {
      continue;
    }
    if (mergeBase && mergeBase !== head) return { base: mergeBase, note: `Reviewing ${head.slice(0, 7)} against its merge-base with ${candidate} (${mergeBase.slice(0, 7)}).` };
    break;
  }
  const parent = await tryResolve(repo, `${head}~1`);
  if (parent) return { base: parent, note: `HEAD is on the default branch: reviewing the last commit (${head.slice(0, 7)}).` };
  const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => Buffer.from(''))).toString('utf8').trim() === 'true';
  if (shallow) return { base: EMPTY_TREE, note: `${head.slice(0, 7)} has no parent in this shallow clone: every file counts as added (fetch more history, or pass --base).` };
  return { base: EMPTY_TREE, note: `Reviewing the root commit ${head.slice(0, 7)}: every file counts as added.` };
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
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        config: { type: 'string' },
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

  const repo = resolve(values.repo ?? process.cwd());
  const head = await resolveCommit(repo, values.head ?? 'HEAD');
  let base: string;
  let note: string | undefined;
  if (values.all) {
    base = EMPTY_TREE;
    note = `Reviewing every tracked file at ${head.slice(0, 7)} as if newly added.`;
  } else if (values.base) {
    base = await resolveCommit(repo, values.base);
  } else {
    ({ base, note } = await defaultBase(repo, head));
  }

  const change = await gitChangeSet({ repo, base, head });
  try {
    const { config, source, extendsFrom } = await loadConfig(change, values.config);
    // The CLI works offline on one repository, so inherited files are not fetched; say so rather than pretend.
    if (extendsFrom) io.stderr(`readiness: ${source} inherits from "${extendsFrom}" (_extends); the CLI reads only this repository, so the inherited settings are not applied here.\n`);
    const failOn = failOnFlag ?? config.fail_on;
    const { findings, suppressed, errors } = await runReview(change, allChecks, config, { exclude: values.exclude ?? [] });
    if (format === 'json') io.stdout(renderJson({ base, head, findings, errors, suppressed }));
    else if (format === 'sarif') io.stdout(renderSarif({ findings, errors, checks: allChecks, version: packageVersion() }));
    else io.stdout(renderText({ base, head, findings, errors, suppressed, color: io.isTTY, ...(note ? { note } : {}) }));
    return blocks(findings, failOn) ? 1 : 0;
  } finally {
    change.close();
  }
}

export { ConfigError, GitError };
