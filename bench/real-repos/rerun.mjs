#!/usr/bin/env node
// Re-runs, with another CLI build, only the commits of saved runs (run.mjs --out files) that had a finding (of
// --check, a regular expression, if given), or every commit with --all; writes run files of the same names to --outdir,
// which run.mjs --from scores. For rules that only take findings away this gives the full run's figures in a fraction
// of the time. The clones are the ones run.mjs made under its --work folder.
//
// node bench/real-repos/rerun.mjs --cli DIR --work /tmp/readiness-real-repos --outdir DIR [--all] [--check REGEX] [--jobs 2] run.json...
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
const ex = promisify(execFile);
const { values, positionals } = parseArgs({ allowPositionals: true, options: { cli: { type: 'string' }, work: { type: 'string' }, outdir: { type: 'string' }, all: { type: 'boolean' }, check: { type: 'string' }, jobs: { type: 'string', default: '2' } } });
mkdirSync(values.outdir, { recursive: true });
const entry = join(values.cli, 'bin', 'readiness.js');
const alsoOn = (rem) => { const m = /is also on lines? ([\d, and]+?) of this file/.exec(rem ?? ''); return m ? { also: m[1].split(/,\s*|\s+and\s+/).map(Number).filter(Number.isInteger) } : {}; };
for (const file of positionals) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  const todo = run.results.map((r, i) => [r, i]).filter(([r]) => values.all || (Array.isArray(r.findings) ? r.findings.some((f) => !values.check || new RegExp(values.check).test(f.check)) : false));
  let next = 0;
  async function worker() {
    while (next < todo.length) {
      const [t, i] = todo[next++];
      const clone = join(values.work, `${t.repo.replace('/', '+')}.git`);
      const args = [entry, 'scan', '--repo', clone, '--base', `${t.commit}^`, '--head', t.commit, '--format', 'json'];
      const { exit, stdout, stderr } = await ex(process.execPath, args, { maxBuffer: 256 * 1024 * 1024, env: process.env }).then((o) => ({ exit: 0, ...o }), (e) => ({ exit: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(e.message) }));
      let report = null;
      try {
        report = JSON.parse(stdout);
      } catch {
        // A CLI that printed no report (exit 2): the run records no findings and its stderr.
      }
      run.results[i] = { ...t, exit, stderr: stderr.trim().slice(0, 500), findings: (report?.findings ?? []).map((f) => ({ check: f.checkId, severity: f.severity, path: f.path, line: f.line, endLine: f.endLine, title: f.title, message: f.message, ...alsoOn(f.remediation), ...(f.related?.length ? { related: f.related } : {}) })), errors: report?.errors ?? [] };
    }
  }
  await Promise.all(Array.from({ length: Number(values.jobs) }, worker));
  writeFileSync(join(values.outdir, basename(file)), JSON.stringify(run) + '\n');
  process.stderr.write(`${basename(file)}: re-ran ${todo.length}\n`);
}
