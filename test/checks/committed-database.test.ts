// Table tests for committed-database.
import check from '../../checks/committed-database.js';
import { testCheck } from '../helpers/check-tester.js';

const sqlite = (extra = '') => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100), Buffer.from(extra)]);

/** An SQLite varint of up to 14 bits, and a record of text and one-byte integer values, as the file format writes them. */
const varint = (n: number) => (n < 128 ? [n] : [0x80 | (n >> 7), n & 0x7f]);
function record(values: (string | number)[]): Buffer {
  const types = values.flatMap((v) => varint(typeof v === 'number' ? 1 : 13 + 2 * Buffer.byteLength(v)));
  const body = Buffer.concat(values.map((v) => (typeof v === 'number' ? Buffer.from([v]) : Buffer.from(v))));
  return Buffer.concat([Buffer.from([...varint(types.length + 1), ...types]), body]);
}

/**
 * An SQLite file built byte by byte (512-byte pages): page 1 holds sqlite_schema with one `table` row per
 * entry, each table's root page follows; `rows` puts that many records in a table's root leaf.
 */
function sqliteFile(tables: { name: string; rows?: number }[], options: { freePages?: number } = {}): Buffer {
  const pageSize = 512;
  const leaf = (offset: number, cells: Buffer[]) => {
    const page = Buffer.alloc(pageSize);
    let end = pageSize;
    cells.forEach((payload, i) => {
      const cell = Buffer.concat([Buffer.from([...varint(payload.length), ...varint(i + 1)]), payload]);
      end -= cell.length;
      cell.copy(page, end);
      page.writeUInt16BE(end, offset + 8 + 2 * i);
    });
    page[offset] = 0x0d;
    page.writeUInt16BE(cells.length, offset + 3);
    page.writeUInt16BE(end === pageSize ? pageSize : end, offset + 5);
    return page;
  };
  const schema = tables.map((t, i) => record(['table', t.name, t.name, i + 2, `CREATE TABLE ${t.name}(id INTEGER PRIMARY KEY, v TEXT)`]));
  const first = leaf(100, schema);
  const pages = 1 + tables.length + (options.freePages ?? 0);
  Buffer.from('SQLite format 3\0', 'latin1').copy(first, 0);
  first.writeUInt16BE(pageSize, 16);
  first.set([1, 1, 0, 64, 32, 32], 18);
  first.writeUInt32BE(1, 24);
  first.writeUInt32BE(pages, 28);
  first.writeUInt32BE(options.freePages ? tables.length + 2 : 0, 32);
  first.writeUInt32BE(options.freePages ?? 0, 36);
  first.writeUInt32BE(1, 40);
  first.writeUInt32BE(4, 44);
  first.writeUInt32BE(1, 56);
  first.writeUInt32BE(1, 92);
  first.writeUInt32BE(3040001, 96);
  const roots = tables.map((t) => leaf(0, Array.from({ length: t.rows ?? 0 }, (_, i) => record([`row ${i}`]))));
  const free = Array.from({ length: options.freePages ?? 0 }, () => Buffer.alloc(pageSize));
  return Buffer.concat([first, ...roots, ...free]);
}

/**
 * A schema too large for page 1, as forty Prisma tables make one (512-byte pages): page 1 is an interior page
 * over `leaves` leaves of sqlite_schema rows, the first table's `CREATE` statement is long enough to spill onto
 * an overflow page, and each table's root follows. `rows` puts records in a table's root; `remnant` leaves the
 * page numbers a reused freelist trunk page keeps after the header of a root (SQLite does not clear it).
 */
function sqliteLargeSchema(tables: { name: string; rows?: number; remnant?: number[]; junk?: string }[], leaves: number): Buffer {
  const pageSize = 512;
  // Page numbers: 1 the interior page, 2..leaves+1 the schema leaves, then one overflow page, then the roots.
  const overflowPage = leaves + 2;
  const rootOf = (i: number) => overflowPage + 1 + i;
  const pages = overflowPage + tables.length;
  const schema = tables.map((t, i) => {
    const columns = i === 0 ? Array.from({ length: 40 }, (_, c) => `column_${c} TEXT`).join(', ') : 'v TEXT';
    return record(['table', t.name, t.name, rootOf(i), `CREATE TABLE ${t.name}(id INTEGER PRIMARY KEY, ${columns})`]);
  });
  const overflow = Buffer.alloc(pageSize);
  const leafPage = (offset: number, cells: { payload: Buffer; rowid: number }[], page = Buffer.alloc(pageSize)) => {
    let end = pageSize;
    cells.forEach(({ payload, rowid }, i) => {
      // As the file format splits a record too large for a page: `local` bytes here, the rest on the overflow page.
      const most = pageSize - 35;
      const least = Math.floor(((pageSize - 12) * 32) / 255) - 23;
      const spill = least + ((payload.length - least) % (pageSize - 4));
      const local = payload.length <= most ? payload.length : spill <= most ? spill : least;
      const pointer = Buffer.alloc(local < payload.length ? 4 : 0);
      if (local < payload.length) {
        pointer.writeUInt32BE(overflowPage);
        payload.subarray(local).copy(overflow, 4);
      }
      const cell = Buffer.concat([Buffer.from([...varint(payload.length), ...varint(rowid)]), payload.subarray(0, local), pointer]);
      end -= cell.length;
      cell.copy(page, end);
      page.writeUInt16BE(end, offset + 8 + 2 * i);
    });
    page[offset] = 0x0d;
    page.writeUInt16BE(cells.length, offset + 3);
    page.writeUInt16BE(end, offset + 5);
    return page;
  };
  const perLeaf = Math.ceil(schema.length / leaves);
  const schemaLeaves = Array.from({ length: leaves }, (_, l) => leafPage(0, schema.slice(l * perLeaf, (l + 1) * perLeaf).map((payload, i) => ({ payload, rowid: l * perLeaf + i + 1 }))));
  const first = Buffer.alloc(pageSize);
  Buffer.from('SQLite format 3\0', 'latin1').copy(first, 0);
  first.writeUInt16BE(pageSize, 16);
  first.set([1, 1, 0, 64, 32, 32], 18);
  first.writeUInt32BE(1, 24);
  first.writeUInt32BE(pages, 28);
  first.writeUInt32BE(1, 40);
  first.writeUInt32BE(4, 44);
  first.writeUInt32BE(1, 56);
  first.writeUInt32BE(1, 92);
  first.writeUInt32BE(3040001, 96);
  first[100] = 0x05;
  first.writeUInt16BE(leaves - 1, 103);
  first.writeUInt32BE(leaves + 1, 108); // the right-most child: the last leaf
  for (let l = 0; l < leaves - 1; l++) {
    const cell = Buffer.from([0, 0, 0, l + 2, ...varint((l + 1) * perLeaf)]);
    const at = pageSize - (l + 1) * 8;
    cell.copy(first, at);
    first.writeUInt16BE(at, 112 + 2 * l);
  }
  const roots = tables.map((t) => {
    const page = leafPage(0, Array.from({ length: t.rows ?? 0 }, (_, i) => ({ payload: record([`row ${i}`]), rowid: i + 1 })));
    (t.remnant ?? []).forEach((n, i) => page.writeUInt32BE(n, 8 + 4 * i));
    if (t.junk) Buffer.from(t.junk).copy(page, pageSize - t.junk.length);
    return page;
  });
  return Buffer.concat([first, ...schemaLeaves, overflow, ...roots]);
}

testCheck(check, {
  valid: [
    { name: 'an empty .sqlite3 file (no data ships; often a placeholder the app fills)', after: { 'data.sqlite3': '' } },
    { name: 'a template database the app copies at first start', after: { 'app/template.db': Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]) } },
    { name: 'a database under test fixtures', after: { 'tests/fixtures/sample.db': Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]) } },
    { name: 'a Python module', after: { 'app/db.py': 'engine = create_engine(url)\n' } },
    { name: 'a database already in the base, modified', before: { 'app.db': sqlite('a') }, after: { 'app.db': sqlite('b') } },
    { name: 'a .dbml schema file', after: { 'schema.dbml': 'Table users { id int }\n' } },
    {
      // ory/keto: a legacy-schema snapshot the Go test beside it migrates.
      name: 'a database a test file of its folder opens',
      after: {
        'cmd/namespace/migrate_legacy_snapshot.sqlite': sqliteFile([{ name: 'keto_relation_tuples', rows: 3 }]),
        'cmd/namespace/migrate_legacy_test.go': 'package namespace\n\nfunc TestMigrate(t *testing.T) {\n\tdb := open("migrate_legacy_snapshot.sqlite")\n}\n',
      },
    },
    // xibo-cms: Windows Explorer's thumbnail caches committed with image folders.
    { name: "Windows Explorer's thumbnail cache (Thumbs.db)", after: { 'server/img/Thumbs.db': Buffer.from('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0thumbs', 'latin1'), 'img/ehthumbs.db': Buffer.from('\xd0\xcf\x11\xe0\0\0', 'latin1') } },
    // obico-server: the Metals editor's H2 lock file, 142 bytes of text.
    { name: 'a text file under a database name (an H2 .lock.db lock)', after: { '.metals/metals.lock.db': '#FileLock\n#Mon Jan 01 00:00:00 UTC 2026\nid=18f0c0ffee\nmethod=file\nserver=localhost\n' } },
    { name: 'a journal without a database beside it', after: { 'logs/build-journal': 'text\n' } },
    { name: 'a database removed', before: { 'app.db': sqlite() }, after: {} },
    { name: 'a schema-only SQLite database (sqlx checks queries against it): tables, no rows', after: { 'db_v2.sqlite3': sqliteFile([{ name: 'peer' }, { name: 'users' }]) } },
    {
      // kentcdodds.com's stray `--db`: forty-seven Prisma tables and indexes, so sqlite_schema spans several pages,
      // and three index roots kept the page numbers of the freelist trunk they were taken from.
      name: 'a schema-only SQLite database whose schema spans several pages and spills onto an overflow page',
      after: { 'prisma/data.db': sqliteLargeSchema(Array.from({ length: 12 }, (_, i) => ({ name: `table_${i}`, ...(i === 3 ? { remnant: [10, 3, 2] } : {}) })), 3) },
    },
    {
      name: 'a database stored in Git LFS: the file committed is its pointer',
      after: { 'apps/accounts/leak_passwords.db': 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 52428800\n' },
    },
    { name: 'a Dockerfile named for the database its image uses (Dockerfile.sqlite)', after: { 'Dockerfile.sqlite': 'FROM alpine:3.20\nCOPY rauthy /app/rauthy\nCMD ["/app/rauthy"]\n' } },
    {
      name: "a repository tool's cache: a script of the change reads and writes it with the sqlite3 client",
      after: {
        'version-matrix.sqlite': sqliteFile([{ name: 'lru_get_chart_images', rows: 3 }]),
        'scripts/generate-version-matrix.sh': 'out="$(sqlite3 --ascii version-matrix.sqlite "SELECT output FROM lru_get_chart_images;")"\nsqlite3 version-matrix.sqlite "INSERT INTO lru_get_chart_images VALUES (1);"\n',
      },
    },
    // firefly-iii 9ca75d134e: the database test.sh (already in the repository) copies into place before it runs phpunit.
    {
      name: 'the database a test script of the repository names and then runs the test suite on',
      before: { 'test.sh': '#!/bin/bash\nDATABASE=./storage/database/database.sqlite\nDATABASECOPY=./storage/database/databasecopy.sqlite\ncp $DATABASECOPY $DATABASE\nphpunit --stop-on-error\n' },
      after: {
        'test.sh': '#!/bin/bash\nDATABASE=./storage/database/database.sqlite\nDATABASECOPY=./storage/database/databasecopy.sqlite\ncp $DATABASECOPY $DATABASE\nphpunit --stop-on-error\n',
        'storage/database/databasecopy.sqlite': sqliteFile([{ name: 'users', rows: 2 }]),
      },
    },
    { name: 'a committed database only moved (content unchanged)', before: { 'app.db': sqlite() }, after: { 'data/app.db': sqlite() } },
  ],
  invalid: [
    {
      name: 'an SQL dump committed under a database name still ships its rows',
      after: { 'data/app.db': 'CREATE TABLE users (email text);\nINSERT INTO users VALUES (\'ann@example.com\');\n' },
      findings: [{ path: 'data/app.db', line: 1, messageId: 'named' }],
    },
    {
      name: 'a database a script only copies (no sqlite3 client on it): the app data it ships is still committed',
      after: { 'data/app.db': sqliteFile([{ name: 'users', rows: 2 }]), 'scripts/backup.sh': 'cp data/app.db /backups/app.db\n' },
      findings: [{ path: 'data/app.db', line: 1, messageId: 'named' }],
    },
    {
      name: 'a database a script copies into place that runs no test suite, and one a test script does not name',
      before: { 'test.sh': '#!/bin/bash\ncp ./storage/fixtures.sqlite ./storage/database.sqlite\nphpunit\n' },
      after: {
        'test.sh': '#!/bin/bash\ncp ./storage/fixtures.sqlite ./storage/database.sqlite\nphpunit\n',
        'deploy.sh': '#!/bin/sh\ncp ./data/prod.sqlite /srv/app/db.sqlite\nsystemctl restart app\n',
        'data/prod.sqlite': sqliteFile([{ name: 'users', rows: 2 }]),
        'storage/other.sqlite': sqliteFile([{ name: 'users', rows: 2 }]),
      },
      findings: [{ path: 'data/prod.sqlite', line: 1, messageId: 'named' }, { path: 'storage/other.sqlite', line: 1, messageId: 'named' }],
    },
    {
      name: 'a database the sqlite3 client opens under another path (the container\'s, not this file)',
      after: { 'app.db': sqliteFile([{ name: 'users', rows: 2 }]), 'docker-entrypoint.sh': 'sqlite3 /data/app.db "PRAGMA journal_mode=WAL;"\n' },
      findings: [{ path: 'app.db', line: 1, messageId: 'named' }],
    },
    { name: 'sqlite file by extension', after: { 'instance/app.db': sqlite() }, findings: [{ line: 1, messageId: 'named', data: { name: 'instance/app.db', size: '116 B' }, remediation: /git rm --cached "instance\/app.db"[\s\S]*\*\.db\n\*\.db-journal/ }] },
    { name: 'Access database', after: { 'legacy/orders.accdb': Buffer.from([0, 1, 0, 0]) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'SQLite by magic under another name', after: { 'data/cache.bin': sqlite() }, findings: [{ line: 1, messageId: 'magic', data: { name: 'data/cache.bin', size: '116 B' }, remediation: /\/data\/cache\.bin/ }] },
    {
      name: 'database with its WAL and journal',
      after: { 'app.db': sqlite(), 'app.db-wal': Buffer.from([1, 2, 3]), 'app.db-journal': Buffer.from([0]) },
      findings: [{ path: 'app.db', line: 1, messageId: 'named' }, { path: 'app.db-journal', line: 1, messageId: 'sidecar', data: { name: 'app.db-journal', size: '1 B' } }, { path: 'app.db-wal', line: 1, messageId: 'sidecar' }],
    },
    { name: 'an SQLite database with a row in one of its tables', after: { 'db_v2.sqlite3': sqliteFile([{ name: 'peer' }, { name: 'users', rows: 1 }]) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'an SQLite database whose schema spans several pages, with a row in its last table', after: { 'prisma/data.db': sqliteLargeSchema(Array.from({ length: 12 }, (_, i) => ({ name: `table_${i}`, rows: i === 11 ? 1 : 0 })), 3) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'an SQLite database with empty tables but bytes left at the end of a root page (a deleted row)', after: { 'prisma/data.db': sqliteLargeSchema(Array.from({ length: 12 }, (_, i) => ({ name: `table_${i}`, ...(i === 5 ? { junk: 'alice@example.com' } : {}) })), 3) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'an SQLite database whose root page keeps numbers no page of the file has (not a freelist remnant)', after: { 'prisma/data.db': sqliteLargeSchema(Array.from({ length: 12 }, (_, i) => ({ name: `table_${i}`, ...(i === 5 ? { remnant: [7, 900] } : {}) })), 3) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'an SQLite database with empty tables but a free page (deleted rows may linger there)', after: { 'app.sqlite3': sqliteFile([{ name: 'peer' }], { freePages: 1 }) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'a truncated SQLite database (not all of it readable)', after: { 'app.sqlite3': sqliteFile([{ name: 'peer' }]).subarray(0, 700) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'a binary file that only mentions Git LFS under a database name', after: { 'notes.db': Buffer.from('\0\0see version https://git-lfs.github.com/spec/v1\n', 'latin1') }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'renamed into the repository', before: { 'tmp/app.txt': 'x' }, after: { 'db.sqlite': sqlite() }, findings: [{ line: 1, messageId: 'named' }] },
  ],
});
