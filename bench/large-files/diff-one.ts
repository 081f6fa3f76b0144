// One cold process for bench-large-files: diffs BASE against HEAD ('-' for a file that is new) as the App
// does for a file GitHub sends without a patch, then reviews it with every check.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checks } from '../../checks/index.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';

const [basePath, headPath] = process.argv.slice(2);
if (!basePath || !headPath) throw new Error('usage: diff-one BASE|- HEAD');
const name = basename(headPath);
const before = basePath === '-' ? {} : { [name]: readFileSync(basePath, 'utf8') };
const change = memoryChangeSet(before, { [name]: readFileSync(headPath, 'utf8') });
const { findings } = await review(change, checks);
const file = change.files[0];
process.stdout.write(`${file?.added.length ?? 0} added, ${file?.removed.length ?? 0} removed, ${findings.length} findings\n`);
