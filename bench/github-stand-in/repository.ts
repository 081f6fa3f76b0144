// Generated repositories and pull requests for the GitHub API stand-in: commits as path -> text maps, files lists with patches.
import { createHash } from 'node:crypto';
import { sourceLines } from '../../scripts/bench-data.js';

/** Git's blob id of `text`, so unchanged files keep their sha across commits as on GitHub. */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A deterministic commit id from a label. */
export const commitSha = (label: string): string => createHash('sha1').update(`commit ${label}`).digest('hex');

/** One entry of the pull-request files list, as GitHub sends it. */
export interface StandInPullFile {
  sha: string;
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

export interface StandInPullRequest {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  files: StandInPullFile[];
  /** Review threads posted on it (by the app), for the reviewThreads query. */
  threads: Array<{ id: string; path: string; body: string; isResolved: boolean }>;
}

export interface StandInRepository {
  installationId: number;
  owner: string;
  repo: string;
  /** Commit sha -> path -> text. */
  commits: Map<string, Map<string, string>>;
  pulls: Map<number, StandInPullRequest>;
}

export interface PullRequestShape {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  /** Changed files with content changes (a mix of Python, requirements, Dockerfiles, compose files, settings). */
  changedFiles?: number;
  /** Pure renames: same content, new path, no patch. */
  renames?: number;
  /** Unchanged files in the repository besides the changed ones. */
  untouchedFiles?: number;
  /**
   * Large Python files GitHub lists without a patch (it leaves the patch out of big diffs), so the App
   * reads both versions and diffs them itself: `lines` long, with every tenth line changed, or added whole.
   */
  patchless?: Array<{ lines: number; added?: boolean }>;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The unchanged start of a Python module. */
function pythonModule(i: number): string {
  return [`"""Module ${i} of the generated service."""`, 'import logging', '', 'log = logging.getLogger(__name__)', '', `def handler_${i}(event):`, `    log.info("event %s", event)`, '    return {"ok": True}', ''].join('\n');
}

interface GeneratedFile {
  path: string;
  base: string | null;
  head: string;
}

/**
 * File `i` of a generated pull request. Most are Python modules gaining a function; every 25th is a
 * settings module turning DEBUG on, every 40th a requirements file with an unpinned dependency, every
 * 60th a service Dockerfile without a USER (with a compose file building it), so reviews find a
 * realistic few problems per hundred files and checks look up neighbours (lockfiles, compose builds).
 */
function changedFile(i: number): GeneratedFile[] {
  const dir = `services/svc${Math.floor(i / 100)}`;
  if (i % 60 === 7) {
    return [
      { path: `${dir}/worker${i}/Dockerfile`, base: null, head: ['FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt', `CMD ["python", "worker${i}.py"]`, ''].join('\n') },
      { path: `${dir}/worker${i}/worker${i}.py`, base: null, head: ['import time', '', 'while True:', '    time.sleep(1)', ''].join('\n') },
      { path: `${dir}/worker${i}/compose.yaml`, base: null, head: ['services:', `  worker${i}:`, '    build: .', '    restart: always', ''].join('\n') },
    ];
  }
  if (i % 40 === 3) {
    return [{ path: `${dir}/api${i}/requirements.txt`, base: 'requests==2.32.3\n', head: 'requests==2.32.3\nflask>=3.0\n' }];
  }
  if (i % 25 === 11) {
    return [{ path: `${dir}/site${i}/settings.py`, base: 'DEBUG = False\nALLOWED_HOSTS = ["example.com"]\n', head: 'DEBUG = True\nALLOWED_HOSTS = ["example.com"]\n' }];
  }
  const base = pythonModule(i);
  return [{ path: `${dir}/pkg${Math.floor(i / 10)}/module_${i}.py`, base, head: `${base}\ndef extra_${i}(value):\n    return value * ${i}\n` }];
}

/** A unified-diff patch for a change that appends lines (or adds a file). */
function patchFor(base: string | null, head: string): { patch: string; additions: number; deletions: number } {
  const headLines = head.replace(/\n$/, '').split('\n');
  if (base === null) return { patch: `@@ -0,0 +1,${headLines.length} @@\n${headLines.map((l) => `+${l}`).join('\n')}`, additions: headLines.length, deletions: 0 };
  const baseLines = base.replace(/\n$/, '').split('\n');
  let common = 0;
  while (common < baseLines.length && common < headLines.length && baseLines[common] === headLines[common]) common++;
  const start = Math.max(0, common - 3);
  const context = baseLines.slice(start, common);
  const removed = baseLines.slice(common);
  const added = headLines.slice(common);
  const header = `@@ -${start + 1},${context.length + removed.length} +${start + 1},${context.length + added.length} @@`;
  return { patch: [header, ...context.map((l) => ` ${l}`), ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)].join('\n'), additions: added.length, deletions: removed.length };
}

/** Builds a repository holding one pull request of the given shape, base and head as full trees. */
export function generateRepository(shape: PullRequestShape): StandInRepository {
  const label = `${shape.owner}/${shape.repo}#${shape.number}`;
  const base = new Map<string, string>();
  const head = new Map<string, string>();
  const files: StandInPullFile[] = [];
  for (const i of range(shape.untouchedFiles ?? 20)) {
    const path = `lib/common/util_${i}.py`;
    base.set(path, pythonModule(10_000 + i));
    head.set(path, pythonModule(10_000 + i));
  }
  base.set('README.md', `# ${shape.repo}\n`);
  head.set('README.md', `# ${shape.repo}\n`);
  let count = 0;
  for (let i = 0; count < (shape.changedFiles ?? 0); i++) {
    for (const file of changedFile(i)) {
      if (count >= (shape.changedFiles ?? 0)) break;
      count++;
      if (file.base !== null) base.set(file.path, file.base);
      head.set(file.path, file.head);
      const { patch, additions, deletions } = patchFor(file.base, file.head);
      files.push({ sha: blobSha(file.head), filename: file.path, status: file.base === null ? 'added' : 'modified', additions, deletions, changes: additions + deletions, patch });
    }
  }
  for (const [i, big] of (shape.patchless ?? []).entries()) {
    const path = `src/generated/big_${i}.py`;
    const text = sourceLines(big.lines, big.added ? '' : ' changed');
    if (!big.added) base.set(path, sourceLines(big.lines));
    head.set(path, text);
    const changed = big.added ? big.lines : Math.ceil(big.lines / 10);
    files.push({ sha: blobSha(text), filename: path, status: big.added ? 'added' : 'modified', additions: changed, deletions: big.added ? 0 : changed, changes: big.added ? changed : 2 * changed });
  }
  for (const i of range(shape.renames ?? 0)) {
    const from = `legacy/batch${Math.floor(i / 100)}/job_${i}.py`;
    const to = `jobs/batch${Math.floor(i / 100)}/job_${i}.py`;
    const text = pythonModule(20_000 + i);
    base.set(from, text);
    head.set(to, text);
    files.push({ sha: blobSha(text), filename: to, previous_filename: from, status: 'renamed', additions: 0, deletions: 0, changes: 0 });
  }
  const baseSha = commitSha(`${label} base`);
  const headSha = commitSha(`${label} head`);
  const pull: StandInPullRequest = { installationId: shape.installationId, owner: shape.owner, repo: shape.repo, number: shape.number, baseSha, headSha, files, threads: [] };
  return {
    installationId: shape.installationId,
    owner: shape.owner,
    repo: shape.repo,
    commits: new Map([
      [baseSha, base],
      [headSha, head],
    ]),
    pulls: new Map([[shape.number, pull]]),
  };
}
