#!/usr/bin/env node
// Picks the commits of each repository in a set that the real-repository benchmark replays.
//
//   node bench/real-repos/select-commits.mjs --set NAME [--mirrors DIR] [--recent N] [--history N]
//
// For every repository of repos-<set>.json it takes, from the mirror's default branch:
//  - the N most recent non-merge commits touching files the checks read (Dockerfiles, compose and
//    stack files, Kubernetes/Helm yaml, dotenv files, dependency manifests, settings and config
//    modules, app entry points, workflows, Procfiles, database files), at most a quarter of them
//    from dependency bots so one bot cannot fill the sample;
//  - up to N older commits found by searching the history for changes that add or remove what the
//    checks look for (DEBUG = True, USER, HEALTHCHECK, CORS '*', SECRET_KEY, committed .env or
//    database files), which is where the true findings for recall come from.
// It writes commits-<set>.json: the ids are the benchmark; re-running this script on a newer mirror
// picks other commits, so the committed file, not this script, is what run.mjs replays.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'tuning' },
    mirrors: { type: 'string', default: '/work/.mirror' },
    recent: { type: 'string', default: '12' },
    history: { type: 'string', default: '6' },
  },
});
const recentCount = Number(values.recent);
const historyCount = Number(values.history);

/** Paths the checks read; git pathspec globs (`**` crosses directories). */
const PATHSPECS = [
  '**/Dockerfile*', '**/*.dockerfile', '**/Containerfile*',
  '**/docker-compose*', '**/compose*.y*ml', '**/docker-stack*', '**/*stack*.yml',
  '**/.env*', '**/*.env', '**/env.*', '**/*.env.*',
  '**/requirements*.txt', '**/requirements/**', '**/package.json', '**/pyproject.toml', '**/Pipfile', '**/setup.py', '**/go.mod',
  '**/settings*.py', '**/settings/**', '**/config*.py', '**/config/**', '**/conf/**', '**/*.conf', '**/settings.yml',
  '**/app.py', '**/main.py', '**/wsgi.py', '**/asgi.py', '**/manage.py', '**/server.js', '**/app.js', '**/index.js', '**/server.ts', '**/app.ts', '**/main.go',
  '**/k8s/**', '**/kubernetes/**', '**/kubernetes-manifests/**', '**/helm/**', '**/charts/**', '**/kustomize/**', '**/manifests/**', '**/deploy/**', '**/deployment/**',
  '.github/workflows/**', '**/Procfile', '**/app.yaml', '**/fly.toml', '**/render.yaml', '**/*.db', '**/*.sqlite*',
].map((p) => `:(glob)${p}`);

/** History searches: a regex for `git log -G` and the paths it is limited to. */
const HISTORY_SEARCHES = [
  { why: 'debug flag', regex: String.raw`DEBUG *[=:] *['"]?(True|true|1)|debug *= *True|FLASK_DEBUG|NODE_ENV.*development`, paths: ['**/*.py', '**/*.env*', '**/.env*', '**/docker-compose*', '**/compose*.y*ml', '**/Dockerfile*', '**/*.js', '**/*.ts'] },
  { why: 'container user', regex: String.raw`^ *USER `, paths: ['**/Dockerfile*', '**/*.dockerfile'] },
  { why: 'healthcheck', regex: String.raw`HEALTHCHECK|healthcheck:|livenessProbe|readinessProbe`, paths: ['**/Dockerfile*', '**/docker-compose*', '**/compose*.y*ml', '**/*.yaml', '**/*.yml'] },
  { why: 'cors', regex: String.raw`allow_origins|Access-Control-Allow-Origin|CORS_ORIGIN|cors\(|CORS_ALLOW`, paths: ['**/*.py', '**/*.js', '**/*.ts', '**/*.go', '**/*.env*', '**/.env*', '**/*.yml', '**/*.yaml'] },
  { why: 'secret default', regex: String.raw`(SECRET_KEY|SECRET|PASSWORD|TOKEN|API_KEY)[A-Z_]* *[=:] *['"]?[A-Za-z0-9]`, paths: ['**/*.py', '**/*.env*', '**/.env*', '**/docker-compose*', '**/compose*.y*ml', '**/*.js', '**/*.ts', '**/*.yml', '**/*.yaml'] },
  { why: 'dev server', regex: String.raw`app\.run\(|runserver|flask run|nodemon|npm run dev|uvicorn.*--reload`, paths: ['**/Dockerfile*', '**/docker-compose*', '**/compose*.y*ml', '**/Procfile', '**/*.py', '**/*.sh'] },
  { why: 'unpinned', regex: String.raw`image: *[^:@ ]+$|:latest|uses: [^@]+@(main|master|v[0-9]+)$`, paths: ['**/docker-compose*', '**/compose*.y*ml', '.github/workflows/**', '**/*.yaml'] },
];
const ADDED_FILE_SEARCHES = [
  { why: 'env file added', paths: ['**/.env', '**/.env.*', '**/*.env'] },
  { why: 'database added', paths: ['**/*.db', '**/*.sqlite', '**/*.sqlite3'] },
];

const BOT = /dependabot|renovate|github-actions|pre-commit-ci|weblate|snyk-bot|greenkeeper/i;

function git(dir, args) {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function logLines(dir, args) {
  let text;
  try {
    text = git(dir, ['log', '--no-merges', '--format=%H%x09%cI%x09%an%x09%s', ...args]);
  } catch (error) {
    // Mirrors may lack their largest blobs; a search that needs one is skipped, and said so.
    process.stderr.write(`  skipped a search in ${dir}: ${String(error.stderr ?? error.message).split('\n')[0]}\n`);
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, date, author, ...subject] = line.split('\t');
      return { id, date, author, subject: subject.join('\t') };
    });
}

const set = JSON.parse(readFileSync(join(here, `repos-${values.set}.json`), 'utf8'));
const out = { set: values.set, selected: new Date().toISOString().slice(0, 10), recent: recentCount, history: historyCount, repos: [] };
for (const { repo } of set.repos) {
  const dir = join(values.mirrors, repo.replace('/', '+'), 'repo');
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  const picked = new Map();
  // Recent changes to files the checks read, bots capped at a quarter.
  const botCap = Math.max(1, Math.floor(recentCount / 4));
  let bots = 0;
  for (const c of logLines(dir, ['-n', '300', 'HEAD', '--', ...PATHSPECS])) {
    if (picked.size >= recentCount) break;
    const isBot = BOT.test(c.author) || /^(chore|build)\(deps/.test(c.subject);
    if (isBot && bots >= botCap) continue;
    if (isBot) bots++;
    picked.set(c.id, { ...c, why: isBot ? 'recent (dependency bot)' : 'recent' });
  }
  // Older changes that touch what the checks look for.
  // Round-robin over the searches (newest match of each first) so no one search fills the quota.
  const perSearch = [];
  for (const s of HISTORY_SEARCHES) {
    const found = logLines(dir, ['-n', '3', `-G${s.regex}`, 'HEAD', '--', ...s.paths.map((p) => `:(glob)${p}`)]);
    perSearch.push(found.map((c) => ({ ...c, why: `history: ${s.why}` })));
  }
  for (const s of ADDED_FILE_SEARCHES) {
    const found = logLines(dir, ['-n', '3', '--diff-filter=A', 'HEAD', '--', ...s.paths.map((p) => `:(glob)${p}`)]);
    perSearch.push(found.map((c) => ({ ...c, why: `history: ${s.why}` })));
  }
  const history = [];
  for (let i = 0; i < 3; i++) for (const list of perSearch) if (list[i]) history.push(list[i]);
  let added = 0;
  for (const c of history) {
    if (added >= historyCount) break;
    if (picked.has(c.id)) continue;
    // Skip root commits: they have no parent to diff against.
    if (git(dir, ['rev-list', '--parents', '-n', '1', c.id]).trim().split(' ').length < 2) continue;
    picked.set(c.id, c);
    added++;
  }
  const commits = [...picked.values()].map(({ id, date, subject, why }) => ({ id, date: date.slice(0, 10), subject: subject.slice(0, 100), why }));
  out.repos.push({ repo, head, commits });
  process.stderr.write(`${repo}: ${commits.length} commits\n`);
}
writeFileSync(join(here, `commits-${values.set}.json`), JSON.stringify(out, null, 2) + '\n');
process.stderr.write(`wrote commits-${values.set}.json (${out.repos.reduce((n, r) => n + r.commits.length, 0)} commits)\n`);
