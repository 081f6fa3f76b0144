// `npm run bench`: a seeded 2,000-file change reviewed by our engine and by secretlint, in the same run.
// Prints wall time, MB/s of added text, peak RSS and the slowest file; `--json FILE` writes the figures.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks } from '../checks/index.js';
import { EMPTY_TREE, gitChangeSet } from '../src/changeset/git.js';
import { memoryChangeSet } from '../src/changeset/memory.js';
import { review } from '../src/engine/review.js';
import { generate, writeRepo } from './bench-data.js';

interface EngineFigures {
  files: number;
  bytes: number;
  ms: number;
  mbPerSec: number;
  peakRssMb: number;
  slowestFileMs: number;
  slowestFile: string;
  findings: number;
  /** The same change with only the secrets check, the like-for-like comparison with secretlint. */
  secretsOnlyMs: number;
  /** Time spent building the change set (git diff and blob reads) within `ms`. */
  changeSetMs: number;
}

interface SecretlintFigures {
  ms: number;
  mbPerSec: number;
  findings: number;
}

const mb = (bytes: number) => bytes / (1024 * 1024);

async function engineChild(repo: string): Promise<EngineFigures> {
  const started = performance.now();
  const change = await gitChangeSet({ repo, base: EMPTY_TREE, head: 'HEAD' });
  const changeSetMs = performance.now() - started;
  let bytes = 0;
  for (const f of change.files) for (const l of f.added) bytes += Buffer.byteLength(l.text) + 1;
  const { findings } = await review(change, checks);
  const ms = performance.now() - started;
  const secretsCheck = checks.filter((c) => c.id === 'secrets');
  const secretsStarted = performance.now();
  await review(change, secretsCheck);
  const secretsOnlyMs = performance.now() - secretsStarted;
  // Slowest file: each file reviewed alone with every check, after the warm-up above.
  let slowestFileMs = 0;
  let slowestFile = '';
  for (const f of change.files) {
    const content = await change.readHead(f.path);
    if (!content) continue;
    const single = memoryChangeSet({}, { [f.path]: content.text });
    const t = performance.now();
    await review(single, checks);
    const took = performance.now() - t;
    if (took > slowestFileMs) {
      slowestFileMs = took;
      slowestFile = f.path;
    }
  }
  change.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return { files: change.files.length, bytes, ms, mbPerSec: mb(bytes) / (ms / 1000), peakRssMb, slowestFileMs, slowestFile, findings: findings.length, secretsOnlyMs, changeSetMs };
}

async function secretlintChild(repo: string, paths: string[], bytes: number): Promise<SecretlintFigures> {
  const { createEngine } = await import('@secretlint/node');
  const started = performance.now();
  const engine = await createEngine({ cwd: repo, formatter: 'json', color: false, configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] } });
  let found = 0;
  for (const path of paths) {
    const content = readFileSync(join(repo, path), 'utf8');
    const result = await engine.executeOnContent({ content, filePath: join(repo, path) });
    if (!result.ok) found += (JSON.parse(result.output) as { messages: unknown[] }[]).reduce((n, r) => n + r.messages.length, 0);
  }
  const ms = performance.now() - started;
  return { ms, mbPerSec: mb(bytes) / (ms / 1000), findings: found };
}

function runChild<T>(args: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [self, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench child ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') {
    const [, kind, repo, listFile, bytes] = argv;
    const out = kind === 'engine' ? await engineChild(repo!) : await secretlintChild(repo!, JSON.parse(readFileSync(listFile!, 'utf8')) as string[], Number(bytes));
    process.stdout.write(JSON.stringify(out));
    return;
  }
  const jsonAt = argv.indexOf('--json');
  const jsonFile = jsonAt !== -1 ? argv[jsonAt + 1] : undefined;
  const filesAt = argv.indexOf('--files');
  const count = filesAt !== -1 ? Number(argv[filesAt + 1]) : 2000;
  const files = generate(count, 20261122);
  const repo = writeRepo(files);
  const listFile = join(repo, '.git', 'bench-files.json');
  writeFileSync(listFile, JSON.stringify(Object.keys(files)));
  try {
    const engine = runChild<EngineFigures>(['--child', 'engine', repo, listFile]);
    const secretlint = runChild<SecretlintFigures>(['--child', 'secretlint', repo, listFile, String(engine.bytes)]);
    const ratio = secretlint.ms / engine.ms;
    const lineCount = Object.values(files).reduce((n, c) => n + c.split('\n').length - 1, 0);
    console.log(`change: ${engine.files} files, ${lineCount} added lines, ${mb(engine.bytes).toFixed(1)} MB`);
    console.log(`engine (all ${checks.length} checks): ${engine.ms.toFixed(0)} ms, ${engine.mbPerSec.toFixed(2)} MB/s, peak RSS ${engine.peakRssMb.toFixed(0)} MB, slowest file ${engine.slowestFileMs.toFixed(1)} ms (${engine.slowestFile}), ${engine.findings} findings`);
    console.log(`  of which building the change set (git diff, blob reads): ${engine.changeSetMs.toFixed(0)} ms`);
    console.log(`secretlint 12 (preset recommend): ${secretlint.ms.toFixed(0)} ms, ${secretlint.mbPerSec.toFixed(2)} MB/s, ${secretlint.findings} findings`);
    console.log(`like for like, our secrets check alone on the same change set: ${engine.secretsOnlyMs.toFixed(0)} ms (${(secretlint.ms / engine.secretsOnlyMs).toFixed(2)}x secretlint's speed)`);
    console.log(`ratio (secretlint time / engine time): ${ratio.toFixed(2)}  [targets: ratio >= 3, peak RSS <= 300 MB, slowest file <= 50 ms]`);
    if (jsonFile) {
      const { slowestFile: _s, findings: _f, secretsOnlyMs: _o, changeSetMs: _c, ...engineOut } = engine;
      writeFileSync(jsonFile, JSON.stringify({ engine: engineOut, secretlint: { ms: secretlint.ms, mbPerSec: secretlint.mbPerSec }, ratio }, null, 2) + '\n');
    }
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
