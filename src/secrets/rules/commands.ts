// Secret rules for credentials in commands and connection strings: curl options, URLs, ODBC and JDBC strings.
import { findCurlHeader, findCurlUser } from '../contextual.js';
import { findConnectionStringPasswords, findUrlCredentials, isSecretLiteral } from '../generic.js';
import type { SecretRule } from '../rule.js';
import { ALNUM, DIGITS, HEX, URLSAFE, gen } from '../samples.js';
import { env } from './helpers.js';

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const COMMAND_RULES: readonly SecretRule[] = [
  {
    id: 'curl-auth-user',
    kind: 'password in a curl command',
    description: 'Credentials passed to curl with `-u user:password` / `--user`, also on continuation lines.',
    keywords: ['-u', '--user'],
    find: findCurlUser,
    tps: [{ text: `curl --cacert ca.crt -u elastic:${gen([ALNUM, 6], '$', [DIGITS, 2])} https://localhost:9200\n`, path: 'scripts/run.sh' }, { text: `curl -X POST https://api.example.com \\\n  -u "${gen([ALNUM, 12])}:" \\\n  -d a=b\n`, path: 'scripts/run.sh' }],
    fps: [
      { text: 'curl -u "${USERNAME}:${PASSWORD}" https://localhost:9200\n', path: 'scripts/run.sh' },
      { text: 'curl -u <user:password> https://test.com/endpoint\n', path: 'scripts/run.sh' },
      { text: 'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/\n', path: 'scripts/run.sh' },
      { text: 'curl -u username:token\n', path: 'scripts/run.sh' },
      { text: 'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"\n', path: 'scripts/run.sh' },
    ],
  },
  {
    id: 'curl-auth-header',
    kind: 'credential in a curl header',
    description: 'Credentials in curl `-H "Authorization: …"`, `-H "X-API-Key: …"` and similar headers.',
    keywords: ['-h', '--header'],
    find: findCurlHeader,
    tps: [{ text: `curl -X GET https://api.example.com \\\n  -H "Authorization: Bearer ${gen([HEX, 32])}"\n`, path: 'scripts/run.sh' }, { text: `curl -X POST --header "Api-Token: ${gen([ALNUM, 11])}"\n`, path: 'scripts/run.sh' }],
    fps: [
      { text: 'curl -H "Authorization: Bearer $API_KEY" https://api.example.com\n', path: 'scripts/run.sh' },
      { text: 'curl -H "Authorization: Bearer <your API token>" https://api.example.com\n', path: 'scripts/run.sh' },
      { text: 'curl -H "Authorization: Token **********" https://api.example.com\n', path: 'scripts/run.sh' },
      { text: 'curl -XPOST http://localhost:8080/api/token -H "Authorization: basic {base64(email:password[\\n])}"\n', path: 'scripts/run.sh' },
      { text: 'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://example.com\n', path: 'scripts/run.sh' },
    ],
  },
  {
    id: 'url-credentials',
    kind: 'password in a URL',
    description: 'Passwords embedded in URLs (`scheme://user:password@host`).',
    keywords: ['://'],
    find: findUrlCredentials,
    generic: true,
    // A registry URL with a token in it ends up in lock files (`resolved "https://user:token@…"`).
    inLockFiles: true,
    tps: [env('DATABASE_URL', gen('postgres://app:', [ALNUM, 16], '@db.internal:5432/app')), gen('git clone https://deploy:', [ALNUM, 20], '@git.example.com/org/repo.git')],
    fps: [env('DATABASE_URL', 'postgres://postgres:postgres@localhost:5432/app'), env('DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db:5432/app'), 'https://user:<password>@example.com', 'https://www.example.com:443/path?email=a@b.com'],
  },
  {
    id: 'connection-string-password',
    kind: 'password in a connection string',
    description: 'Passwords in ODBC, ADO.NET and JDBC connection strings (`Password=…;`, `PWD=…;`, `?password=…`).',
    keywords: ['password', 'pwd'],
    find: findConnectionStringPasswords,
    generic: true,
    tps: [gen('var cs = "Server=db;Database=app;User Id=sa;Password=', [ALNUM, 14], ';";'), gen('url = "jdbc:mysql://db:3306/app?user=app&password=', [ALNUM, 14], '"')],
    fps: [
      { text: 'var cs = "Server=db;Database=app;User Id=sa;Password={0};";\n', path: 'Db.cs' },
      'ConnectionString: Server=db;Database=app;User Id=sa;Password=;',
      { text: 'var cs = $"Server=db;User Id=sa;Password={password};";\n', path: 'Db.cs' },
      'Server=db;Database=app;User Id=sa;Password={password};',
    ],
  },


  {
    id: 'cli-password-option',
    kind: 'password on a command line',
    description: 'Passwords given to database and remote-access clients on the command line: `mysql -pSecret`, `sshpass -p`, `redis-cli -a`, `docker login -p`, Oracle `user/password@db`.',
    keywords: ['mysql', 'mariadb', 'sshpass', 'redis-cli', 'docker login', 'sqlplus', 'expdp', 'impdp', 'rman'],
    regex: /(?:\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n|;&]*?\s-p([^\s'"`$-][^\s'"`]{3,})|\bsshpass\s+-p\s*['"]?([^\s'"`$][^\s'"`]{3,})|\bredis-cli\b[^\n|;&]*?\s-a\s+['"]?([^\s'"`$-][^\s'"`]{3,})|\bdocker\s+login\b[^\n|;&]*?\s-p\s+['"]?([^\s'"`$-][^\s'"`]{3,})|\b(?:sqlplus|expdp|impdp|exp|imp|rman)\s+(?:-\w+\s+)*[\w$#.]+\/([^\s@/'"`$]{4,})@)/g,
    accept: (s) => isSecretLiteral(s, { kind: 'password', quoted: true }),
    generic: true,
    tps: [
      { text: `mysqldump -u backup -p${gen([ALNUM, 8], '!', [DIGITS, 3])} app > dump.sql\n`, path: 'scripts/backup.sh' },
      { text: `sshpass -p '${gen([ALNUM, 12])}' ssh deploy@host\n`, path: 'scripts/deploy.sh' },
      { text: `sqlplus system/${gen([ALNUM, 10], '9')}@prod-db:1521/ORCL @migrate.sql\n`, path: 'scripts/migrate.sh' },
    ],
    fps: [
      { text: 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" app\n', path: 'scripts/db.sh' },
      { text: 'mysql -u root -p app < schema.sql\n', path: 'scripts/db.sh' },
      { text: 'docker login -u "$USER" -p "$TOKEN" registry.example.com\n', path: 'scripts/push.sh' },
      { text: 'mysql -u root -proot\n', path: 'scripts/db.sh' },
    ],
  },
  {
    id: 'url-query-credential',
    kind: 'credential in a URL query',
    description: 'Credentials passed in URL query strings (`?access_token=…`, `&api_key=…`, `&private_token=…`, `&client_secret=…`).',
    keywords: ['access_token=', 'api_key=', 'apikey=', 'private_token=', 'client_secret=', 'auth_token=', 'password='],
    regex: /[?&](?:access_token|api_key|apikey|private_token|client_secret|auth_token|password)=([^&\s'"#<>]{12,300})/gi,
    accept: (s) => isSecretLiteral(decodeURIComponentSafe(s), { kind: 'secret', quoted: true }),
    generic: true,
    inLockFiles: true,
    tps: [gen('fetch("https://api.example.com/v1/items?limit=10&access_token=', [ALNUM, 40], '")'), gen('resolved "https://npm.example.com/pkg/-/pkg-1.0.0.tgz?private_token=', [URLSAFE, 20], '"')],
    fps: ['https://api.example.com/v1/items?access_token=${TOKEN}', 'https://example.com/cb?access_token=<token>', 'https://example.com/?api_key=YOUR_API_KEY_HERE'],
  },
];
