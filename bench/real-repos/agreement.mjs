#!/usr/bin/env node
// How far two reviewers agree on the same findings: joins two label files on the finding (repository, commit,
// check, path, line, title) and prints, overall and per check, how many findings both judged, how often they
// agree, Cohen's kappa, and the precision each reviewer's labels give the same findings.
//
//   node bench/real-repos/agreement.mjs FIRST.jsonl[,MORE.jsonl…] SECOND.jsonl[,MORE.jsonl…] [--list]
//
// Each side may name several label files, comma-separated (the sets a second reviewer's sample was drawn from).
// --list prints each finding the two reviewers judged differently, with both reasons.
// Labels marked `"missed": true` (problems no finding reported) are left out: there is no finding to agree on.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { list: { type: 'boolean', default: false } } });
if (positionals.length !== 2) {
  console.error('usage: agreement.mjs FIRST.jsonl[,…] SECOND.jsonl[,…] [--list]');
  process.exit(2);
}

const keyOf = (l) => `${l.repo}@${l.commit.slice(0, 12)} ${l.check} ${l.path}:${l.line} ${l.title ?? ''}`;

function read(paths) {
  const out = new Map();
  for (const path of paths.split(',')) readInto(out, path);
  return out;
}

function readInto(out, path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (!text.trim() || text.startsWith('//')) return;
    const l = JSON.parse(text);
    if (l.missed) return;
    if (l.label !== 'tp' && l.label !== 'fp') throw new Error(`${path}:${i + 1}: label must be tp or fp`);
    out.set(keyOf(l), l);
  });
}

const first = read(positionals[0]);
const second = read(positionals[1]);
const pairs = [...first].filter(([k]) => second.has(k)).map(([k, a]) => ({ key: k, check: a.check, a, b: second.get(k) }));

/** Counts, agreement and Cohen's kappa of a list of pairs. */
function agreementOf(list) {
  const n = list.length;
  const both = (x, y) => list.filter((p) => p.a.label === x && p.b.label === y).length;
  const tt = both('tp', 'tp');
  const ff = both('fp', 'fp');
  const tf = both('tp', 'fp');
  const ft = both('fp', 'tp');
  const observed = n ? (tt + ff) / n : NaN;
  const aTp = (tt + tf) / n;
  const bTp = (tt + ft) / n;
  const chance = aTp * bTp + (1 - aTp) * (1 - bTp);
  const kappa = chance === 1 ? NaN : (observed - chance) / (1 - chance);
  return { n, tt, ff, tf, ft, observed, kappa, precisionA: aTp, precisionB: bTp };
}

const fmt = (x) => (Number.isNaN(x) ? '  -  ' : x.toFixed(2).padStart(5));
const row = (name, s) =>
  `${name.padEnd(26)} ${String(s.n).padStart(4)} ${String(s.tt).padStart(5)} ${String(s.ff).padStart(5)} ${String(s.tf).padStart(5)} ${String(s.ft).padStart(5)}  ${fmt(s.observed)}  ${fmt(s.kappa)}   ${fmt(s.precisionA)} ${fmt(s.precisionB)}`;

console.log(`${first.size} labelled findings on the first side, ${second.size} on the second, ${pairs.length} in both`);
console.log(`${'check'.padEnd(26)} ${'n'.padStart(4)} ${'tp/tp'.padStart(5)} ${'fp/fp'.padStart(5)} ${'tp/fp'.padStart(5)} ${'fp/tp'.padStart(5)}  agree  kappa   prec1 prec2`);
const checks = [...new Set(pairs.map((p) => p.check))].sort();
for (const c of checks) console.log(row(c, agreementOf(pairs.filter((p) => p.check === c))));
console.log(row('all', agreementOf(pairs)));
if (values.list) {
  for (const p of pairs.filter((x) => x.a.label !== x.b.label)) {
    console.log(`\n${p.a.label}/${p.b.label} ${p.key}\n  1: ${p.a.reason ?? ''}\n  2: ${p.b.reason ?? ''}`);
  }
}
