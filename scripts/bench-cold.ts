// `npm run bench:cold`: the commands users run, as cold processes, on the seeded change of `npm run bench`.
//
// Each run is a fresh `node` process doing the whole command, timed from spawn to exit under
// `/usr/bin/time` (wall time and peak RSS): our CLI with every check, our CLI with `secrets` alone,
// and secretlint's own CLI with its recommended preset on the same files. Several runs each,
// interleaved so that load on a shared machine falls on all three alike; min / median / max.
// The slowest file comes from one more cold process (`--child slowest REPO`) that reviews each file of the
// change alone with every check, in path order, with no warm-up: the first file of each kind pays for
// loading its parser, as a one-file change would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks } from '../checks/index.js';
import { EMPTY_TREE, gitChangeSet } from '../src/changeset/git.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { runReview } from '../src/engine/pipeline.js';
import { generate, writeRepo } from './bench-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'readiness.js');
const SECRETLINT = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

interface Sample {
  seconds: number;
  /** User plus system CPU time of the process and its children (git): what load on a shared machine does not inflate. */
  cpuSeconds: number;
  rssMb: number;
  findings: number;
}

/** Runs `node args...` under /usr/bin/time in `cwd`; wall seconds, peak RSS and the parsed stdout. */
function timed(args: string[], cwd: string, countFindings: (stdout: string) => number): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb, user, system] = last.split(' ').map(Number);
  if (seconds === undefined || kb === undefined || user === undefined || system === undefined || Number.isNaN(seconds)) throw new Error(`could not time ${args.join(' ')}: ${r.stderr}`);
  return { seconds, cpuSeconds: user + system, rssMb: kb / 1024, findings: countFindings(r.stdout) };
}

const ourFindings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings.length;
// secretlint's `unix` format: one `path:line:column: message` line per finding (its JSON embeds every file's text).
const secretlintFindings = (stdout: string) => stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l)).length;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const medianOf = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;

function summary(samples: Sample[]): string {
  const secs = sorted(samples.map((x) => x.seconds));
  const cpu = sorted(samples.map((x) => x.cpuSeconds));
  const rss = sorted(samples.map((x) => x.rssMb));
  return `${secs[0]!.toFixed(2)} / ${medianOf(secs).toFixed(2)} / ${secs.at(-1)!.toFixed(2)} s wall, ${cpu[0]!.toFixed(2)} / ${medianOf(cpu).toFixed(2)} / ${cpu.at(-1)!.toFixed(2)} s CPU, peak RSS ${rss[0]!.toFixed(0)}–${rss.at(-1)!.toFixed(0)} MB, ${samples[0]!.findings} findings`;
}

/** In a fresh process: each file of `repo`'s HEAD reviewed alone, with every check; prints the slowest as JSON. */
async function slowestFile(repo: string): Promise<void> {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
  const change = await gitChangeSet({ repo, base: EMPTY_TREE, head });
  try {
    // Wall time, and this process's CPU time beside it: on a shared machine a file that waited for a core shows long wall, short CPU.
    const times: { path: string; ms: number; cpuMs: number }[] = [];
    for (const file of change.files) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      await runReview({ ...change, files: [file] }, checks, DEFAULT_CONFIG);
      const used = process.cpuUsage(cpu);
      times.push({ path: file.path, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
    }
    times.sort((a, b) => b.ms - a.ms);
    process.stdout.write(JSON.stringify({ slowest: times.slice(0, 3), median: times[Math.floor(times.length / 2)]!.ms }) + '\n');
  } finally {
    change.close();
  }
}

function main(argv: string[]): void {
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt !== -1 ? Number(argv[runsAt + 1]) : 5;
  const filesAt = argv.indexOf('--files');
  const count = filesAt !== -1 ? Number(argv[filesAt + 1]) : 2000;
  const files = generate(count, 20261122);
  const repo = writeRepo(files);
  const settings = mkdtempSync(join(tmpdir(), 'readiness-bench-cold-'));
  try {
    const ids = (JSON.parse(readFileSync(join(ROOT, 'schema', 'readiness.schema.json'), 'utf8')) as { properties: { checks: { properties: Record<string, unknown> } } }).properties.checks.properties;
    const secretsOnly = join(settings, 'secrets-only.yml');
    writeFileSync(secretsOnly, `checks:\n${Object.keys(ids).filter((id) => id !== 'secrets').map((id) => `  ${id}: { enabled: false }\n`).join('')}`);
    const secretlintrc = join(settings, 'secretlintrc.json');
    writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const paths = Object.keys(files);
    const bytes = Object.values(files).reduce((n, c) => n + Buffer.byteLength(c), 0);
    const cases = {
      'readiness scan --all (11 checks)': () => timed([CLI, 'scan', '--repo', repo, '--all', '--format', 'json', '--fail-on', 'never'], repo, ourFindings),
      'readiness scan --all, secrets only': () => timed([CLI, 'scan', '--repo', repo, '--all', '--format', 'json', '--fail-on', 'never', '--config', secretsOnly], repo, ourFindings),
      'secretlint (preset recommend)': () => timed([SECRETLINT, '--secretlintrc', secretlintrc, '--format', 'unix', '--no-color', ...paths], repo, secretlintFindings),
    };
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    const loadBefore = load();
    const samples = new Map<string, Sample[]>(Object.keys(cases).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(cases)) samples.get(name)!.push(run());
    console.log(`change: ${paths.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB; ${runs} cold runs each, min / median / max; load average ${loadBefore} before, ${load()} after`);
    for (const [name, s] of samples) console.log(`${name}: ${summary(s)}`);
    const slow = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'slowest', repo], { encoding: 'utf8' });
    if (slow.status !== 0) throw new Error(`the slowest-file run failed: ${slow.stderr}`);
    const { slowest, median: medianFile } = JSON.parse(slow.stdout) as { slowest: { path: string; ms: number; cpuMs: number }[]; median: number };
    console.log(`slowest files, each reviewed alone with every check in one cold process (no warm-up), wall (CPU): ${slowest.map((f) => `${f.ms.toFixed(0)} ms (${f.cpuMs.toFixed(0)} ms) ${f.path}`).join(', ')}; median file ${medianFile.toFixed(1)} ms`);
    const median = (name: string, key: 'seconds' | 'cpuSeconds') => medianOf(samples.get(name)!.map((x) => x[key]));
    for (const key of ['seconds', 'cpuSeconds'] as const) {
      const theirs = median('secretlint (preset recommend)', key);
      console.log(`secretlint's median / ours, ${key === 'seconds' ? 'wall' : 'CPU'}: all checks ${(theirs / median('readiness scan --all (11 checks)', key)).toFixed(2)}x, secrets only ${(theirs / median('readiness scan --all, secrets only', key)).toFixed(2)}x`);
    }
  } finally {
    rmSync(repo, { recursive: true, force: true });
    rmSync(settings, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child' && args[1] === 'slowest' && args[2]) await slowestFile(args[2]);
else main(args);
