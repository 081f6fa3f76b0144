// committed-database: database files (SQLite, Access) the change adds to the repository.
import type { CheckContext } from '../src/engine/check-context.js';
import { defineCheck, type FindingDraft } from '../src/engine/define-check.js';
import { isPureRename } from '../src/model/change-set.js';
import { basename, isDockerfile, repoDir } from '../src/parse/file-kinds.js';
import { escapeRegExp } from '../src/parse/regexp.js';
import { sqliteHoldsNoRows } from '../src/parse/sqlite.js';

const DATABASE_NAME = /\.(db|sqlite|sqlite3|db3|mdb|accdb)$/i;
/** Windows Explorer's thumbnail caches, which it writes beside images (`Thumbs.db`, `ehthumbs.db`): no application's data. */
const THUMBNAIL_CACHE = /^(?:thumbs|ehthumbs|ehthumbs_vista)\.db$/i;
/** Databases shipped on purpose: a template or seed the app copies at first start, an empty skeleton. */
const TEMPLATE_NAME = /(?:^|[._-])(?:template|seed|skeleton|empty|initial|default|blank)(?:[._-]|$)/i;
/** SQL that writes rows: a dump committed under a database's name (`app.db` holding `INSERT INTO …`) still ships its data. */
const SQL_DATA = /\bINSERT\s+INTO\b|\bCOPY\s+[\w."]+.*\bFROM\s+stdin\b/i;
const SIDE_FILE = /^(.*)-(journal|wal|shm)$/i;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/**
 * A Git LFS pointer (`version https://git-lfs.github.com/spec/v1` then the object's id and size): the database
 * lives in the LFS store because someone set it up there, as a reference data set is, not by an accidental `git add`.
 */
const LFS_POINTER = Buffer.from('version https://git-lfs.github.com/spec/', 'latin1');

/** Scripts a developer or CI job runs from the repository root: shell scripts, Makefiles, justfiles. */
const SCRIPT_NAME = /(?:\.(?:sh|bash|zsh)|(?:^|\/)(?:GNU)?[Mm]akefile|(?:^|\/)\.?[Jj]ustfile|\.mk)$/;

/**
 * Whether a script the change adds or edits opens the database at `path` (its repository path, maybe after
 * `./`) with the `sqlite3` command-line client (`sqlite3 --ascii version-matrix.sqlite "SELECT …"`): a
 * repository tool that keeps its cache or lookup table there, committed for the next run. An application
 * opens its database through a library, not the shell client.
 */
async function scriptDatabase(ctx: CheckContext, path: string): Promise<string | undefined> {
  const named = new RegExp(`(?:^|[\\s;&|(])sqlite3(?:\\s+-{1,2}[\\w-]+)*\\s+["']?(?:\\./)?${escapeRegExp(path)}(?=["'\\s;)]|$)`, 'm');
  for (const file of ctx.files()) {
    if (!SCRIPT_NAME.test(file.path)) continue;
    const text = await ctx.text(file.path);
    if (text !== null && named.test(text)) return file.path;
  }
  return undefined;
}

/** A test runner started by a script (`phpunit --stop-on-error`, `vendor/bin/phpunit`, `pytest`, `go test ./...`, `npm test`). */
const TEST_RUNNER = /(?:^|[\s;&|(])(?:(?:[\w.-]+\/)*phpunit|pytest|py\.test|rspec|jest|vitest|mocha|(?:go|cargo|dotnet|mix)\s+test|(?:npm|yarn|pnpm)\s+(?:run\s+)?test|(?:php\s+)?artisan\s+test|manage\.py\s+test)(?=[\s;&|)]|$)/m;
/** Scripts of the repository root and the database's folder read for a test run, at most. */
const MAX_SCRIPTS = 12;

/**
 * Whether a script of the repository (one the change touches, or one in the repository root or the database's
 * folder) names the database at `path` (`DATABASECOPY=./storage/database/databasecopy.sqlite`, then
 * `cp $DATABASECOPY $DATABASE`) and runs a test suite (`phpunit`, `pytest`, `go test`): the database is the
 * data that test run starts from, set up by the test script, not the application's data.
 */
async function testRunDatabase(ctx: CheckContext, path: string): Promise<string | undefined> {
  const named = new RegExp(`(?:^|[\\s=;"'(])(?:\\./)?${escapeRegExp(path)}(?=["'\\s;)]|$)`, 'm');
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const scripts = new Set(ctx.files().map((f) => f.path).filter((p) => SCRIPT_NAME.test(p)));
  for (const dir of new Set(['', folder])) for (const p of (await ctx.list(dir, 'head')) ?? []) if (SCRIPT_NAME.test(p)) scripts.add(p);
  for (const script of [...scripts].slice(0, MAX_SCRIPTS)) {
    const text = await ctx.text(script);
    if (text !== null && named.test(text) && TEST_RUNNER.test(text)) return script;
  }
  return undefined;
}

/** Test source files by name: Go's `_test.go`, pytest's `test_*.py` and `*_test.py`, `*.test.ts`/`*.spec.js`, RSpec's `_spec.rb`. */
const TEST_SOURCE = /(?:_test\.go|(?:^|\/)test_[^/]*\.py|_test\.py|\.(?:test|spec)\.[cm]?[jt]sx?|_spec\.rb)$/;
/** Test files of the database's folder read, at most. */
const MAX_TEST_FILES = 12;

/**
 * Whether a test source file in the database's folder (or one the change touches) names the database's file
 * (`"migrate_legacy_snapshot.sqlite"` in keto's `cmd/namespace/migrate_legacy_test.go`): the file is that test's
 * fixture, the state it starts from, not the application's data.
 */
async function openedByTest(ctx: CheckContext, path: string): Promise<boolean> {
  const name = basename(path);
  const tests = new Set(ctx.files().map((f) => f.path).filter((p) => TEST_SOURCE.test(p)));
  for (const p of (await ctx.list(repoDir(path), 'head')) ?? []) if (TEST_SOURCE.test(p)) tests.add(p);
  for (const test of [...tests].slice(0, MAX_TEST_FILES)) {
    const text = await ctx.text(test);
    if (text !== null && text.includes(name)) return true;
  }
  return false;
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function remediationFor(path: string, pattern: string): string {
  return [
    'Stop tracking the file and keep it out of git:',
    '',
    '```sh',
    `git rm --cached ${JSON.stringify(path)}`,
    '```',
    '',
    'Add to `.gitignore`:',
    '',
    '```gitignore',
    pattern,
    `${pattern}-journal`,
    `${pattern}-wal`,
    `${pattern}-shm`,
    '```',
    '',
    'Create the database at start-up or from migrations instead. If it holds real or personal data, it is in the history now: purge it with `git filter-repo --invert-paths --path ' +
      path +
      '` and rotate any credentials it contained.',
  ].join('\n');
}

export default defineCheck({
  id: 'committed-database',
  title: 'Database file committed',
  severity: 'failure',
  scope: 'structure',
  acrossFiles: 'kind',
  roles: ['production', 'development'],
  messages: {
    named: '`{{name}}` is a database file ({{size}}) committed to the repository: its data ships to everyone who clones it and goes stale in every deploy.',
    magic: '`{{name}}` is an SQLite database ({{size}}) despite its name: its data ships to everyone who clones the repository.',
    sidecar: '`{{name}}` is an SQLite journal file ({{size}}) beside a committed database: it holds uncommitted database pages.',
  },
  remediation: 'Remove the database file from git (`git rm --cached`), ignore it in `.gitignore`, and create it from migrations at start-up.',
  async run(ctx) {
    const findings: FindingDraft<'named' | 'magic' | 'sidecar'>[] = [];
    // A database only moved was already committed: the change does not add its data (nor is it read).
    const added = ctx.files().filter((f) => f.status === 'added' || f.status === 'copied' || (f.status === 'renamed' && !isPureRename(f)));
    for (const file of added) {
      const name = basename(file.path);
      const side = SIDE_FILE.exec(file.path);
      let messageId: 'named' | 'magic' | 'sidecar' | null = null;
      if (THUMBNAIL_CACHE.test(name)) continue;
      // A Dockerfile named for the database its image runs with (`Dockerfile.sqlite`) is a Dockerfile.
      if (DATABASE_NAME.test(name) && !isDockerfile(file.path)) messageId = 'named';
      else if (side && DATABASE_NAME.test(side[1]!) && (ctx.changed(side[1]!) || (await ctx.read(side[1]!)) !== null)) messageId = 'sidecar';
      const content = await ctx.read(file.path);
      // An empty file holds no data; a template or seed database is shipped on purpose for the app to copy.
      if (!content || content.size === 0 || TEMPLATE_NAME.test(name)) continue;
      if (Buffer.from(content.prefix).subarray(0, LFS_POINTER.length).equals(LFS_POINTER)) continue;
      if (!messageId && Buffer.from(content.prefix).subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) messageId = 'magic';
      if (!messageId) continue;
      // Database files are binary (SQLite, Access, H2, Berkeley DB pages); a text file under a database's name is
      // something else: H2's `.lock.db` lock (the Metals editor's `.metals/metals.lock.db`), notes, a schema.
      if (messageId === 'named' && !content.binary && content.text !== '' && !SQL_DATA.test(content.text)) continue;
      // A schema with no rows (sqlx and Prisma check queries against one at build time) holds nothing to leak.
      if (messageId !== 'sidecar' && content.bytes && sqliteHoldsNoRows(content.bytes)) continue;
      // The database itself: a journal's is the file beside it.
      const database = side && messageId === 'sidecar' ? side[1]! : file.path;
      // A repository tool's cache, which a script of the change reads and writes with the sqlite3 client.
      if (await scriptDatabase(ctx, database)) continue;
      // The data a test run starts from, which the repository's test script names and then runs the suite on.
      if (await testRunDatabase(ctx, database)) continue;
      // A fixture a test beside it opens (keto's `migrate_legacy_snapshot.sqlite`, which `migrate_legacy_test.go` migrates).
      if (await openedByTest(ctx, database)) continue;
      const ext = /\.[^./]+$/.exec(name)?.[0];
      const pattern = messageId === 'magic' || !ext ? `/${file.path}` : `*${ext}`;
      findings.push({
        path: file.path,
        line: 1,
        messageId,
        data: { name: file.path, size: humanSize(content.size) },
        remediation: remediationFor(file.path, messageId === 'sidecar' ? `*${/\.[^./]+(?=-(journal|wal|shm)$)/i.exec(file.path)?.[0] ?? '.db'}` : pattern),
        key: file.path,
      });
    }
    return findings;
  },
});
