// Table tests for committed-database.
import check from '../../checks/committed-database.js';
import { testCheck } from '../helpers/check-tester.js';

const sqlite = (extra = '') => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100), Buffer.from(extra)]);

testCheck(check, {
  valid: [
    { name: 'a Python module', after: { 'app/db.py': 'engine = create_engine(url)\n' } },
    { name: 'a database already in the base, modified', before: { 'app.db': sqlite('a') }, after: { 'app.db': sqlite('b') } },
    { name: 'a .dbml schema file', after: { 'schema.dbml': 'Table users { id int }\n' } },
    { name: 'a journal without a database beside it', after: { 'logs/build-journal': 'text\n' } },
    { name: 'a database removed', before: { 'app.db': sqlite() }, after: {} },
  ],
  invalid: [
    { name: 'sqlite file by extension', after: { 'instance/app.db': sqlite() }, findings: [{ line: 1, message: /instance\/app\.db.*116 B/, remediation: /git rm --cached "instance\/app.db"[\s\S]*\*\.db\n\*\.db-journal/ }] },
    { name: 'empty .sqlite3 file', after: { 'data.sqlite3': '' }, findings: [{ line: 1, message: /0 B/ }] },
    { name: 'Access database', after: { 'legacy/orders.accdb': Buffer.from([0, 1, 0, 0]) }, findings: [{ line: 1 }] },
    { name: 'SQLite by magic under another name', after: { 'data/cache.bin': sqlite() }, findings: [{ line: 1, message: /SQLite database/, remediation: /\/data\/cache\.bin/ }] },
    {
      name: 'database with its WAL and journal',
      after: { 'app.db': sqlite(), 'app.db-wal': Buffer.from([1, 2, 3]), 'app.db-journal': Buffer.from([0]) },
      findings: [{ path: 'app.db', line: 1 }, { path: 'app.db-journal', line: 1, message: /journal/ }, { path: 'app.db-wal', line: 1 }],
    },
    { name: 'renamed into the repository', before: { 'tmp/app.txt': 'x' }, after: { 'db.sqlite': sqlite() }, findings: [{ line: 1 }] },
  ],
});
