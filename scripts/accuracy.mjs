#!/usr/bin/env node
// `npm run accuracy`: scores the built CLI on the labelled corpus in ../shared/corpus and enforces the floors.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.READINESS_SHARED ?? join(root, '..', 'shared'));
const scorer = join(shared, 'bin', 'score-corpus.mjs');
const corpus = join(shared, 'corpus');
if (!existsSync(scorer) || !existsSync(corpus)) {
  console.error(`accuracy: the corpus is not at ${shared} (set READINESS_SHARED to the folder holding bin/ and corpus/).`);
  process.exit(2);
}
const extra = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  [scorer, corpus, '--cli', join(root, 'bin', 'readiness.js'), '--jobs', '2', '--min-precision', '0.95', '--min-recall', '0.90', ...extra],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 2);
