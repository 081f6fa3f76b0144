// Secret rules for credentials in commands and connection strings: curl options, URLs, ODBC and JDBC strings.
import { findCurlHeader, findCurlUser } from '../contextual.js';
import { findConnectionStringPasswords, findUrlCredentials } from '../generic.js';
import type { SecretRule } from '../rule.js';
import { ALNUM, DIGITS, HEX, gen } from '../samples.js';
import { env } from './helpers.js';

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

];
