// `npm run bench:large`: the large-file cases of issue 10 as cold processes, each under `/usr/bin/time -v`:
// the CLI on an added 10k-line file, a 20k-line file with 10% of its lines changed and an 80 MB committed
// binary, plus the patchless-file diff the App runs (the same 20k-line change diffed in-process).
// Prints wall seconds and peak RSS (min/median/max over BENCH_RUNS runs) and the load average.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng, sourceLines } from '../../scripts/bench-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../../../bin/readiness.js');
const DIFF_ONE = resolve(here, 'diff-one.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_CASES?.split(',');

function gitRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'readiness-large-'));
  const g = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  g('init', '-q', '-b', 'main');
  g('config', 'user.email', 'bench@example.invalid');
  g('config', 'user.name', 'bench');
  g('config', 'commit.gpgsign', 'false');
  writeFileSync(join(repo, 'README.md'), 'bench\n');
  g('add', '.');
  g('commit', '-q', '-m', 'base');
  return repo;
}

function commitAll(repo: string, message: string): void {
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo });
}

interface Case {
  name: string;
  /** Builds the input; returns the command to time and a cleanup. */
  setup: () => { argv: string[]; cleanup: () => void };
}

const CASES: Case[] = [
  {
    name: 'CLI: added 10k-line file',
    setup() {
      const repo = gitRepo();
      writeFileSync(join(repo, 'big.py'), sourceLines(10_000));
      commitAll(repo, 'add');
      return { argv: [CLI, 'scan', '--repo', repo, '--base', 'HEAD~1', '--format', 'json'], cleanup: () => rmSync(repo, { recursive: true, force: true }) };
    },
  },
  {
    name: 'CLI: 20k-line file, 10% changed',
    setup() {
      const repo = gitRepo();
      writeFileSync(join(repo, 'big.py'), sourceLines(20_000));
      commitAll(repo, 'v1');
      writeFileSync(join(repo, 'big.py'), sourceLines(20_000, ' changed'));
      commitAll(repo, 'v2');
      return { argv: [CLI, 'scan', '--repo', repo, '--base', 'HEAD~1', '--format', 'json'], cleanup: () => rmSync(repo, { recursive: true, force: true }) };
    },
  },
  {
    name: 'CLI: added 80 MB binary',
    setup() {
      const repo = gitRepo();
      const random = prng(80);
      const bytes = Buffer.alloc(80 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(Math.floor(random() * 0x1_0000_0000), i);
      writeFileSync(join(repo, 'model.bin'), bytes);
      commitAll(repo, 'binary');
      return { argv: [CLI, 'scan', '--repo', repo, '--base', 'HEAD~1', '--format', 'json'], cleanup: () => rmSync(repo, { recursive: true, force: true }) };
    },
  },
  {
    name: 'patchless diff (App path): 20k lines, 10% changed',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'readiness-diff-'));
      writeFileSync(join(dir, 'base.py'), sourceLines(20_000));
      writeFileSync(join(dir, 'head.py'), sourceLines(20_000, ' changed'));
      return { argv: [DIFF_ONE, join(dir, 'base.py'), join(dir, 'head.py')], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'patchless diff (App path): added 10k lines',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'readiness-diff-'));
      writeFileSync(join(dir, 'head.py'), sourceLines(10_000));
      return { argv: [DIFF_ONE, '-', join(dir, 'head.py')], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

/** One cold `node` process under GNU time: wall seconds and peak RSS in MB. */
function timed(argv: string[]): { seconds: number; rssMb: number; status: number | null } {
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr);
  if (!rss || !wall) throw new Error(`no figures from /usr/bin/time for ${argv.join(' ')}:\n${run.stderr.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, rssMb: Number(rss[1]) / 1024, status: run.status };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const fmt = (x: { min: number; median: number; max: number }, digits: number) => `${x.min.toFixed(digits)} / ${x.median.toFixed(digits)} / ${x.max.toFixed(digits)}`;

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} cold runs each (min / median / max)`);
for (const c of CASES) {
  if (ONLY && !ONLY.some((o) => c.name.includes(o))) continue;
  const { argv, cleanup } = c.setup();
  try {
    const runs = Array.from({ length: RUNS }, () => timed(argv));
    const statuses = [...new Set(runs.map((r) => r.status))].join(',');
    console.log(`${c.name}: wall s ${fmt(stats(runs.map((r) => r.seconds)), 2)}; peak RSS MB ${fmt(stats(runs.map((r) => r.rssMb)), 0)}; exit ${statuses}`);
  } finally {
    cleanup();
  }
}
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
