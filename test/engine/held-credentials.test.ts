// What a change adds, for credentials: a value it moves from another file or shape, or that the repository
// already committed, is not its own (held-credentials.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { gitChangeSet, searchTree } from '../../src/changeset/git.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { lineHolds, pairedLines, type BaseHit } from '../../src/engine/held-credentials.js';
import { isDistinctValue } from '../../src/secrets/placeholder.js';
import { review } from '../../src/engine/review.js';
import type { ChangeSet } from '../../src/model/change-set.js';
import { ALNUM, gen } from '../../src/secrets/samples.js';
import { makeRepo } from '../helpers/git-repo.js';

const token = gen([ALNUM, 32]);
/** The change set as the App has it: no search of the base. */
const withoutSearch = (change: ChangeSet): ChangeSet => {
  const copy = { ...change };
  delete copy.searchBase;
  return copy;
};
const located = (findings: readonly { checkId: string; path: string; line: number }[]) => findings.map((f) => `${f.checkId} ${f.path}:${f.line}`);

describe('lineHolds', () => {
  it('finds a distinct value whole, under any key or shape', () => {
    expect(lineHolds(`      APP_SECRET_TOKEN: ${token}`, { name: 'SECRET', value: token, distinct: true })).toBe(true);
    expect(lineHolds(`  public $salt = '${token}';`, { value: token, distinct: true })).toBe(true);
    expect(lineHolds(`x=${token}more`, { value: token, distinct: true })).toBe(false);
  });

  it('needs the same key for a weak value, and a URL password for a URL credential', () => {
    expect(isDistinctValue('ninja')).toBe(false);
    expect(isDistinctValue('postgres')).toBe(false);
    expect(lineHolds('DB_PASSWORD=ninja', { name: 'DB_PASSWORD', value: 'ninja', distinct: false })).toBe(true);
    expect(lineHolds('      - "DB_PASSWORD=ninja"', { name: 'DB_PASSWORD', value: 'ninja', distinct: false })).toBe(true);
    expect(lineHolds('      DB_PASSWORD: ninja # sample', { name: 'DB_PASSWORD', value: 'ninja', distinct: false })).toBe(true);
    expect(lineHolds('DB_USERNAME=ninja', { name: 'DB_PASSWORD', value: 'ninja', distinct: false })).toBe(false);
    expect(lineHolds('DB_PASSWORD=ninja2', { name: 'DB_PASSWORD', value: 'ninja', distinct: false })).toBe(false);
    expect(lineHolds('URL=postgres://app:ninja@db/app', { name: 'postgres://', value: 'ninja', distinct: false })).toBe(true);
    expect(lineHolds('USER=ninja', { name: 'postgres://', value: 'ninja', distinct: false })).toBe(false);
  });
});

describe('pairedLines', () => {
  const removed = (path: string, first: number, ...texts: string[]): BaseHit[] => texts.map((text, i) => ({ path, text, line: first + i }));
  const credential = { name: 'jdbc.password', value: 'password', distinct: false };
  const cases: [string, BaseHit[], number][] = [
    ['a name constant beside its default constant', removed('Db.java', 16, '    String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";', '    String JDBC_PASSWORD_DEFAULT_VALUE = "password";'), 1],
    ['a block of names over a block of defaults', removed('Db.java', 3, 'String URL = "jdbc.url";', "String PASSWORD = 'jdbc.password';", 'String URL_DEFAULT = "jdbc:h2:mem";', 'String JDBC_PASSWORD_DEFAULT = "password";'), 1],
    ['the value under another setting\'s name', removed('Db.java', 3, 'String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";', 'String JDBC_USERNAME_DEFAULT_VALUE = "password";'), 0],
    ['too far apart', removed('Db.java', 3, 'String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";', ...Array.from({ length: 5 }, () => ''), 'String JDBC_PASSWORD_DEFAULT_VALUE = "password";'), 0],
    ['in two files', [...removed('A.java', 3, 'String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";'), ...removed('B.java', 4, 'String JDBC_PASSWORD_DEFAULT_VALUE = "password";')], 0],
    ['the value not whole', removed('Db.java', 3, 'String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";', 'String JDBC_PASSWORD_DEFAULT_VALUE = "password1";'), 0],
  ];
  for (const [name, lines, count] of cases) it(name, () => expect(pairedLines(lines, credential)).toHaveLength(count));
});

describe('credentials held before the change', () => {
  const before: Tree = { 'app/config.php': `<?php\n$config['session_salt'] = '${token}';\n` };
  const after: Tree = { ...before, 'config/app.env': `SESSION_SECRET=${token}\n` };

  it('make a new env file that only repeats them no committed env file, where the base can be searched (the CLI); secrets still reports the new copy', async () => {
    expect(located((await review(memoryChangeSet(before, after), checks)).findings)).toEqual(['secrets config/app.env:1']);
  });

  it('are reported where the base cannot be searched (the App), unless the change itself moves them', async () => {
    expect(located((await review(withoutSearch(memoryChangeSet(before, after)), checks)).findings)).toEqual(['env-file-committed config/app.env:1', 'secrets config/app.env:1']);
    const moved = memoryChangeSet(before, { 'app/config.php': '<?php\n$config = [];\n', 'config/app.env': `SESSION_SECRET=${token}\n` });
    expect(located((await review(withoutSearch(moved), checks)).findings)).toEqual([]);
  });

  it('are reported by a review of the whole tree (--all), which has no base', async () => {
    expect(located((await review(memoryChangeSet({}, after), checks)).findings)).toContain('env-file-committed config/app.env:1');
  });
});

describe('credentials a change moves out of an environment section of a YAML file', () => {
  // errbit: config/secrets.yml kept a fixed key for development and test only; production read the environment.
  const hexKey = gen([ALNUM, 64]);
  const secretsYml = (dev: string, prod: string) => `# cookies\ndevelopment:\n  secret_key_base: ${dev}\n\ntest:\n  secret_key_base: ${dev}\n\nproduction:\n  secret_key_base: ${prod}\n`;

  it('are new in production configuration when only a development or test section had them', async () => {
    const change = memoryChangeSet({ 'config/secrets.yml': secretsYml(hexKey, '<%= ENV["SECRET_KEY_BASE"] %>') }, { '.env.default': `SECRET_KEY_BASE=${hexKey}\n` });
    expect(located((await review(withoutSearch(change), checks)).findings)).toContain('secrets .env.default:1');
  });

  it('stay old when the production section had them', async () => {
    const fromProduction = memoryChangeSet({ 'config/secrets.yml': secretsYml('dev-only', hexKey) }, { '.env.default': `SECRET_KEY_BASE=${hexKey}\n` });
    expect(located((await review(withoutSearch(fromProduction), checks)).findings).filter((f) => f.startsWith('secrets'))).toEqual([]);
  });
});

describe('searchTree (git grep on the base)', () => {
  const { repo, commits, cleanup } = makeRepo({ 'env': `DB_PASSWORD=ninja\nSECRET=${token}\n`, 'bin.dat': new Uint8Array([0, 1, 2, 3]) }, { 'env': 'DB_PASSWORD=ninja\n', 'debian/.env': `SECRET=${token}\n` });
  afterAll(cleanup);

  it('returns the lines of base files that hold the values, by path', async () => {
    const hits = await searchTree(repo, commits[0]!, [token, 'ninja', 'absent-value']);
    expect(hits).toEqual([
      { path: 'env', text: 'DB_PASSWORD=ninja' },
      { path: 'env', text: `SECRET=${token}` },
    ]);
  });

  it('gives the CLI the base it searches: a secret the change moves between files is not new', async () => {
    const change = await gitChangeSet({ repo, base: commits[0]!, head: commits[1]! });
    try {
      expect(located((await review(change, checks)).findings)).toEqual([]);
    } finally {
      change.close();
    }
  });
});
