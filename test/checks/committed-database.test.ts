// Table tests for committed-database.
import check from '../../checks/committed-database.js';
import { testCheck } from '../helpers/check-tester.js';

const sqlite = (extra = '') => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100), Buffer.from(extra)]);

testCheck(check, {
  valid: [
    { name: 'an empty .sqlite3 file (no data ships; often a placeholder the app fills)', after: { 'data.sqlite3': '' } },
    { name: 'a template database the app copies at first start', after: { 'app/template.db': Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]) } },
    { name: 'a database under test fixtures', after: { 'tests/fixtures/sample.db': Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]) } },
    { name: 'a Python module', after: { 'app/db.py': 'engine = create_engine(url)\n' } },
    { name: 'a database already in the base, modified', before: { 'app.db': sqlite('a') }, after: { 'app.db': sqlite('b') } },
    { name: 'a .dbml schema file', after: { 'schema.dbml': 'Table users { id int }\n' } },
    { name: 'a journal without a database beside it', after: { 'logs/build-journal': 'text\n' } },
    { name: 'a database removed', before: { 'app.db': sqlite() }, after: {} },
    { name: 'a committed database only moved (content unchanged)', before: { 'app.db': sqlite() }, after: { 'data/app.db': sqlite() } },
  ],
  invalid: [
    { name: 'sqlite file by extension', after: { 'instance/app.db': sqlite() }, findings: [{ line: 1, messageId: 'named', data: { name: 'instance/app.db', size: '116 B' }, remediation: /git rm --cached "instance\/app.db"[\s\S]*\*\.db\n\*\.db-journal/ }] },
    { name: 'Access database', after: { 'legacy/orders.accdb': Buffer.from([0, 1, 0, 0]) }, findings: [{ line: 1, messageId: 'named' }] },
    { name: 'SQLite by magic under another name', after: { 'data/cache.bin': sqlite() }, findings: [{ line: 1, messageId: 'magic', data: { name: 'data/cache.bin', size: '116 B' }, remediation: /\/data\/cache\.bin/ }] },
    {
      name: 'database with its WAL and journal',
      after: { 'app.db': sqlite(), 'app.db-wal': Buffer.from([1, 2, 3]), 'app.db-journal': Buffer.from([0]) },
      findings: [{ path: 'app.db', line: 1, messageId: 'named' }, { path: 'app.db-journal', line: 1, messageId: 'sidecar', data: { name: 'app.db-journal', size: '1 B' } }, { path: 'app.db-wal', line: 1, messageId: 'sidecar' }],
    },
    { name: 'renamed into the repository', before: { 'tmp/app.txt': 'x' }, after: { 'db.sqlite': sqlite() }, findings: [{ line: 1, messageId: 'named' }] },
  ],
});
