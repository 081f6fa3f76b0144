// `npm run bench:cold`: the commands users run, as cold processes, on the seeded change of `npm run bench`.
//
// Each run is a fresh `node` process doing the whole command, timed from spawn to exit under
// `/usr/bin/time` (wall time and peak RSS): our CLI with every check, our CLI with `secrets` alone,
// and secretlint's own CLI with its recommended preset on the same files. Several runs each,
// interleaved so that load on a shared machine falls on all three alike; min / median / max.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, writeRepo } from './bench-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'readiness.js');
const SECRETLINT = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

interface Sample {
  seconds: number;
  rssMb: number;
  findings: number;
}

/** Runs `node args...` under /usr/bin/time in `cwd`; wall seconds, peak RSS and the parsed stdout. */
function timed(args: string[], cwd: string, countFindings: (stdout: string) => number): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (seconds === undefined || kb === undefined || Number.isNaN(seconds)) throw new Error(`could not time ${args.join(' ')}: ${r.stderr}`);
  return { seconds, rssMb: kb / 1024, findings: countFindings(r.stdout) };
}

const ourFindings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings.length;
// secretlint's `unix` format: one `path:line:column: message` line per finding (its JSON embeds every file's text).
const secretlintFindings = (stdout: string) => stdout.split('\n').filter((l) => /:\d+:\d+: /.test(l)).length;

function summary(samples: Sample[]): string {
  const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const secs = s(samples.map((x) => x.seconds));
  const rss = s(samples.map((x) => x.rssMb));
  const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  return `${secs[0]!.toFixed(2)} / ${mid(secs).toFixed(2)} / ${secs.at(-1)!.toFixed(2)} s, peak RSS ${rss[0]!.toFixed(0)}–${rss.at(-1)!.toFixed(0)} MB, ${samples[0]!.findings} findings`;
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
    const samples = new Map<string, Sample[]>(Object.keys(cases).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(cases)) samples.get(name)!.push(run());
    console.log(`change: ${paths.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB; ${runs} cold runs each, min / median / max`);
    for (const [name, s] of samples) console.log(`${name}: ${summary(s)}`);
    const median = (name: string) => [...samples.get(name)!.map((x) => x.seconds)].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    const theirs = median('secretlint (preset recommend)');
    console.log(`secretlint's median / ours: all checks ${(theirs / median('readiness scan --all (11 checks)')).toFixed(2)}x, secrets only ${(theirs / median('readiness scan --all, secrets only')).toFixed(2)}x`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
    rmSync(settings, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
