#!/usr/bin/env node
// Replays real commits through the readiness CLI and scores the findings against hand labels.
//
//   node bench/real-repos/run.mjs [--set NAME] [--cli PATH] [--jobs 2] [--repo OWNER/NAME]...
//                                 [--out FILE] [--from FILE] [--labels FILE] [--list unlabelled|all|fp|tp|none] [--skip-missing]
// --list none prints the tables only: no finding, and no missed label's place or reason (for blind sets).
//
// --cli       the CLI to run: a build directory (its bin/readiness.js is used) or a .js file;
//             default: the clone this script lives in (run `npm run build` there first).
// --from FILE rescore a saved run (the --out file of an earlier run) without running the CLI.
// --set NAME  the set to replay: commits-NAME.json, scored against labels-NAME.jsonl (tuning, fresh, holdout, holdout2, holdout3, fresh2).
//             Several sets, comma-separated (`--set tuning,fresh`), are run one after another and scored as one
//             pool; each set's run is saved to its own default --out file, and --from takes as many files, in order.
// --out FILE  where the raw run is saved (default /tmp/readiness-real-repos/<set>-run.json).
// --skip-missing  leave out the repositories that have no mirror (and their labels), saying which, instead of failing.
// --labels    labels file (default bench/real-repos/labels-<set>.jsonl): one JSON object per line,
//             { repo, commit, check, path, line, title?, label: "tp"|"fp", reason } for a finding, or
//             { ..., label: "tp", missed: true } for a true problem the CLI should report but did not.
//
// Every commit C is reviewed as one change: `readiness scan --repo <clone> --base C^ --head C --format json`
// with the default configuration (fail_on: failure). Clones are bare, --shared clones of the mirrors,
// made under /tmp, so the mirrors are only read; their `origin` is set to https://github.com/<owner>/<name>.git,
// as a user's clone has it.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'tuning' },
    cli: { type: 'string', default: resolve(here, '../..') },
    jobs: { type: 'string', default: '2' },
    repo: { type: 'string', multiple: true },
    out: { type: 'string' },
    from: { type: 'string' },
    labels: { type: 'string' },
    mirrors: { type: 'string', default: '/work/.mirror' },
    work: { type: 'string', default: '/tmp/readiness-real-repos' },
    list: { type: 'string', default: 'unlabelled' },
    json: { type: 'boolean', default: false },
    'by-repo': { type: 'boolean', default: false },
    'skip-missing': { type: 'boolean', default: false },
  },
});

const sets = values.set.split(',').map((s) => s.trim()).filter(Boolean);
if (sets.length > 1 && (values.out || values.labels)) throw new Error('--out and --labels name one set; with several sets each uses its default');

function cliEntry(path) {
  const p = resolve(path);
  if (existsSync(p) && statSync(p).isDirectory()) return join(p, 'bin', 'readiness.js');
  return p;
}

/** Stable identity of a finding: repository, commit, check, path and head line. */
export const keyOf = (x) => `${x.repo}@${x.commit.slice(0, 12)} ${x.check} ${x.path}:${x.line}`;

async function runAll(set) {
  const outPath = values.out ?? join(values.work, `${set}-run.json`);
  const commits = JSON.parse(readFileSync(join(here, `commits-${set}.json`), 'utf8'));
  const entry = cliEntry(values.cli);
  if (!existsSync(entry)) throw new Error(`no CLI at ${entry}; build it (npm run build) or pass --cli`);
  mkdirSync(values.work, { recursive: true });
  const tasks = [];
  const skipped = [];
  for (const r of commits.repos) {
    if (values.repo && !values.repo.includes(r.repo)) continue;
    const clone = join(values.work, `${r.repo.replace('/', '+')}.git`);
    const mirror = join(values.mirrors, r.repo.replace('/', '+'), 'repo');
    if (!existsSync(clone) && !existsSync(mirror) && values['skip-missing']) {
      // Its labels are left out of the score too: only commits in the run are scored.
      process.stderr.write(`${set}: no mirror of ${r.repo}, skipped\n`);
      skipped.push(r.repo);
      continue;
    }
    if (!existsSync(clone)) {
      execFileSync('git', ['clone', '--quiet', '--bare', '--shared', mirror, clone], { stdio: 'inherit' });
    }
    // A user's clone has GitHub as its origin (the CLI reads the repository's owner from it); the mirror path the clone got is no such remote.
    execFileSync('git', ['--git-dir', clone, 'remote', 'set-url', 'origin', `https://github.com/${r.repo}.git`], { stdio: 'inherit' });
    for (const c of r.commits) tasks.push({ repo: r.repo, clone, commit: c.id, why: c.why });
  }
  let builtFrom = null;
  try {
    builtFrom = execFileSync('git', ['-C', dirname(dirname(entry)), 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // A CLI outside a git clone: the run just does not say which commit it was built from.
  }
  const results = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const started = Date.now();
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      const t = tasks[i];
      const args = [entry, 'scan', '--repo', t.clone, '--base', `${t.commit}^`, '--head', t.commit, '--format', 'json'];
      // Exit 1 means findings at or above fail_on; 2 means the CLI could not review the change.
      const { exit, stdout, stderr } = await execFileAsync(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 }).then(
        (out) => ({ exit: 0, ...out }),
        (e) => ({ exit: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(e.message) }),
      );
      const report = parseReport(stdout);
      results[i] = {
        repo: t.repo,
        commit: t.commit,
        why: t.why,
        exit,
        stderr: stderr.trim().slice(0, 500),
        findings: (report?.findings ?? []).map((f) => ({
          check: f.checkId, severity: f.severity, path: f.path, line: f.line, endLine: f.endLine, title: f.title, message: f.message,
          ...alsoOn(f.remediation),
          ...(f.related?.length ? { related: f.related } : {}),
        })),
        errors: report?.errors ?? [],
      };
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${tasks.length}`);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, worker));
  if (process.stderr.isTTY) process.stderr.write('\n');
  const run = { set, cli: entry, builtFrom, ranAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), skipped, results };
  writeFileSync(outPath, JSON.stringify(run, null, 1) + '\n');
  process.stderr.write(`saved the run to ${outPath}\n`);
  return run;
}

/**
 * The other lines of the same file a finding names as the same problem ("The same image is also on lines 5 and 9
 * of this file"): one finding stands for them, so a true label on one of them is reported, not missed.
 */
function alsoOn(remediation) {
  const m = /is also on lines? ([\d, and]+?) of this file/.exec(remediation ?? '');
  return m ? { also: m[1].split(/,\s*|\s+and\s+/).map(Number).filter(Number.isInteger) } : {};
}

/** The CLI's JSON report, or null when it printed none (exit 2: the commit is listed as not reviewed). */
function parseReport(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return null;
  }
}

function readLabels(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'))
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
    });
}

/** Joins findings with labels. A label matches a finding with the same key; titles break ties. */
export function score(run, labels) {
  const inRun = new Set(run.results.map((r) => `${r.repo}@${r.commit}`));
  const byKey = new Map();
  const missedLabels = [];
  for (const l of labels) {
    if (!inRun.has(`${l.repo}@${l.commit}`) && !run.results.some((r) => r.repo === l.repo && r.commit.startsWith(l.commit))) continue;
    // A true problem the CLI did not report names the check(s) that should: "debug-mode" or "secrets|insecure-default-secret".
    if (l.missed) {
      missedLabels.push({ ...l, used: false });
      continue;
    }
    const k = keyOf(l);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push({ ...l, used: false });
  }
  const rows = [];
  for (const r of run.results) {
    for (const f of r.findings) {
      const x = { repo: r.repo, commit: r.commit, ...f };
      const candidates = (byKey.get(keyOf(x)) ?? []).filter((l) => !l.used);
      let label = candidates.find((l) => l.title === f.title) ?? candidates.find((l) => l.title === undefined) ?? candidates[0];
      label ??= missedLabels.find(
        (l) => !l.used && l.repo === x.repo && x.commit.startsWith(l.commit) && l.path === x.path && l.line === x.line && l.check.split('|').includes(x.check),
      );
      if (label) label.used = true;
      rows.push({ ...x, label: label?.label ?? null, reason: label?.reason ?? null });
    }
  }
  // A label on a line a finding names as the same problem in the same file is answered by that finding: it is
  // neither a finding of its own (precision) nor a miss (recall). So is another label of the same check and title on
  // the finding's own line (one finding for the six loose packages of one `pip install`, labelled one by one before).
  for (const row of rows) {
    for (const line of row.also ?? []) {
      for (const l of byKey.get(keyOf({ ...row, line })) ?? []) l.used = true;
    }
    // So are the labels on the places in other files it stands for (`related`: one problem across the change).
    for (const place of row.related ?? []) {
      for (const l of byKey.get(keyOf({ ...row, path: place.path, line: place.line })) ?? []) l.used = true;
    }
    if (row.label !== null) for (const l of byKey.get(keyOf(row)) ?? []) if (l.title === row.title) l.used = true;
  }
  const checks = new Map();
  const bump = (check, field) => {
    if (!checks.has(check)) checks.set(check, { findings: 0, tp: 0, fp: 0, unlabelled: 0, labelledTp: 0, missedTp: 0 });
    checks.get(check)[field]++;
  };
  for (const row of rows) {
    bump(row.check, 'findings');
    bump(row.check, row.label === 'tp' ? 'tp' : row.label === 'fp' ? 'fp' : 'unlabelled');
  }
  // Recall: every true label (found earlier or marked as missed) must be found by this run.
  const misses = [];
  const goneFp = [];
  for (const l of [...[...byKey.values()].flat(), ...missedLabels]) {
    const check = l.check.split('|')[0];
    if (l.label === 'tp') {
      bump(check, 'labelledTp');
      if (!l.used) {
        bump(check, 'missedTp');
        misses.push(l);
      }
    } else if (l.label === 'fp' && !l.used) goneFp.push(l);
  }
  // Commits that would fail the check run (a failure-severity finding, default fail_on), and whether
  // at least one of their failures is judged right.
  const failing = [];
  for (const r of run.results) {
    const failures = rows.filter((row) => row.repo === r.repo && row.commit === r.commit && row.severity === 'failure');
    if (failures.length === 0) continue;
    failing.push({
      repo: r.repo,
      commit: r.commit,
      right: failures.some((f) => f.label === 'tp'),
      unjudged: failures.every((f) => f.label === null),
    });
  }
  return { rows, checks, misses, goneFp, failing, errored: run.results.filter((r) => r.exit !== 0 && r.exit !== 1) };
}

const ratio = (a, b) => (b === 0 ? '  -  ' : (a / b).toFixed(2));

function print(run, s) {
  const lines = [];
  lines.push(`set ${run.set}: ${run.results.length} commits, CLI ${run.cli}${run.builtFrom ? ` (built from ${run.builtFrom.slice(0, 10)})` : ''}, run at ${run.ranAt}`);
  if (s.errored.length) lines.push(`${s.errored.length} commits could not be reviewed (exit 2): ${s.errored.slice(0, 5).map((r) => `${r.repo}@${r.commit.slice(0, 10)}: ${r.stderr.split('\n')[0]}`).join('; ')}`);
  lines.push('');
  lines.push('check                      findings   tp   fp  unlab  precision  labelled-tp  missed  recall');
  let t = { findings: 0, tp: 0, fp: 0, unlabelled: 0, labelledTp: 0, missedTp: 0 };
  for (const [check, c] of [...s.checks.entries()].sort()) {
    for (const k of Object.keys(t)) t[k] += c[k];
    lines.push(`${check.padEnd(26)} ${String(c.findings).padStart(8)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.unlabelled).padStart(6)}  ${ratio(c.tp, c.tp + c.fp).padStart(9)}  ${String(c.labelledTp).padStart(11)} ${String(c.missedTp).padStart(7)}  ${ratio(c.labelledTp - c.missedTp, c.labelledTp).padStart(6)}`);
  }
  lines.push(`${'overall'.padEnd(26)} ${String(t.findings).padStart(8)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.unlabelled).padStart(6)}  ${ratio(t.tp, t.tp + t.fp).padStart(9)}  ${String(t.labelledTp).padStart(11)} ${String(t.missedTp).padStart(7)}  ${ratio(t.labelledTp - t.missedTp, t.labelledTp).padStart(6)}`);
  if (values['by-repo']) {
    lines.push('');
    lines.push('repository                                  findings   tp   fp  unlab  precision');
    const repos = new Map();
    for (const row of s.rows) {
      if (!repos.has(row.repo)) repos.set(row.repo, { findings: 0, tp: 0, fp: 0, unlabelled: 0 });
      const c = repos.get(row.repo);
      c.findings++;
      c[row.label === 'tp' ? 'tp' : row.label === 'fp' ? 'fp' : 'unlabelled']++;
    }
    for (const [repo, c] of [...repos.entries()].sort()) {
      lines.push(`${repo.padEnd(42)} ${String(c.findings).padStart(9)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.unlabelled).padStart(6)}  ${ratio(c.tp, c.tp + c.fp).padStart(9)}`);
    }
  }
  const judged = s.failing.filter((f) => !f.unjudged);
  const right = s.failing.filter((f) => f.right).length;
  lines.push('');
  lines.push(`commits that would fail the check run: ${s.failing.length} of ${run.results.length}; failing on a finding judged right: ${right} of ${judged.length} judged (${ratio(right, judged.length)})${s.failing.length > judged.length ? `, ${s.failing.length - judged.length} not judged yet` : ''}`);
  lines.push(`false positives labelled earlier and no longer reported: ${s.goneFp.length}`);
  const list = values.list;
  // `--list none` keeps a blind set blind: the counts above, and no label's path or reason.
  if (s.misses.length && list !== 'none') {
    lines.push('');
    lines.push(`true findings not reported (${s.misses.length}):`);
    for (const m of s.misses) lines.push(`  MISS ${keyOf(m)}${m.missed ? ' (never found)' : ''}  -- ${m.reason}`);
  }
  if (list !== 'none') {
    const shown = s.rows.filter((r) => (list === 'all' ? true : list === 'unlabelled' ? r.label === null : r.label === list));
    if (shown.length) {
      lines.push('');
      lines.push(`${list} findings (${shown.length}):`);
      for (const r of shown) lines.push(`  ${r.label ?? '??'} ${r.severity.padEnd(7)} ${keyOf(r)}  ${r.title}${r.reason ? `  -- ${r.reason}` : ''}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

const fromFiles = values.from ? values.from.split(',') : [];
if (values.from && fromFiles.length !== sets.length) throw new Error(`--from names ${fromFiles.length} files for ${sets.length} sets`);
const scoredSets = [];
for (const [i, set] of sets.entries()) {
  const run = values.from ? JSON.parse(readFileSync(fromFiles[i], 'utf8')) : await runAll(set);
  if (values.repo && values.from) run.results = run.results.filter((r) => values.repo.includes(r.repo));
  scoredSets.push({ run, scored: score(run, readLabels(values.labels ?? join(here, `labels-${set}.jsonl`))) });
}
const { run, scored } = scoredSets.length === 1 ? scoredSets[0] : pool(scoredSets);
if (values.json) {
  process.stdout.write(JSON.stringify({ rows: scored.rows, misses: scored.misses, failing: scored.failing }, null, 1) + '\n');
} else {
  print(run, scored);
}

/** Several scored sets as one: findings, labels and failing commits added up, per check and overall. */
function pool(parts) {
  const checks = new Map();
  for (const { scored } of parts) {
    for (const [check, c] of scored.checks) {
      const sum = checks.get(check) ?? { findings: 0, tp: 0, fp: 0, unlabelled: 0, labelledTp: 0, missedTp: 0 };
      for (const k of Object.keys(sum)) sum[k] += c[k];
      checks.set(check, sum);
    }
  }
  const all = (field) => parts.flatMap((p) => p.scored[field]);
  const first = parts[0].run;
  return {
    run: { set: parts.map((p) => p.run.set).join('+'), cli: first.cli, builtFrom: first.builtFrom, ranAt: first.ranAt, results: parts.flatMap((p) => p.run.results) },
    scored: { rows: all('rows'), checks, misses: all('misses'), goneFp: all('goneFp'), failing: all('failing'), errored: all('errored') },
  };
}
