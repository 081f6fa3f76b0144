// Table tests for env-file-committed.
import check from '../../checks/env-file-committed.js';
import { testCheck } from '../helpers/check-tester.js';

/** Built at run time so this file holds no credential-shaped literal. */
const URL_PASSWORD = ['Sup3r', 'S3cret', 'Pw'].join('');

// A made-up value with the shape of a real key, assembled at run time so the source holds no secret.
const realKey = ['k9Qz', 'T4vW', 'p2Lr', '8sYx'].join('');
/** A readable default token a stack ships, assembled at run time. */
const sharedDefault = ['change', 'Runner', 'Auth', 'Token'].join('');
/** A random-looking value under a name that says nothing, assembled at run time. */
const entropic = ['gX69', 'vQ2r', 'Lm8T', 'zP4k', 'Wd7N', 'sY3h', 'Bc5J', 'fR1e'].join('');

/** Kutt's env template and the variant set up for its compose stack (hosts changed); the Neo4j password is on line 8. */
const kuttTemplate = ['PORT=3000', 'SITE_NAME=Kutt', 'DB_HOST=localhost', 'DB_PORT=5432', 'DB_NAME=postgres', 'NEO4J_DB_URI=bolt://localhost', 'NEO4J_DB_USERNAME=neo4j', `NEO4J_DB_PASSWORD=${entropic.slice(0, 16)}`, 'REDIS_HOST=127.0.0.1', 'REDIS_PORT=6379', 'USER_LIMIT_PER_DAY=50', 'LINK_LENGTH=6', ''].join('\n');
const kuttVariant = kuttTemplate.replace('DB_HOST=localhost', 'DB_HOST=postgres').replace('REDIS_HOST=127.0.0.1', 'REDIS_HOST=redis');
const kuttCompose = (envFile: string) => `services:\n  kutt:\n    image: kutt/kutt:2\n    env_file:\n      - ${envFile}\n`;

testCheck(check, {
  valid: [
    {
      // e2b bbf180483dd9: packages/dashboard-api/.env.local added past the root .gitignore's `.env*` ("align local dev setup").
      name: 'a new env file the repository ignores, added past its .gitignore, that names only local addresses',
      after: {
        '.gitignore': '.env*\n!.env.template\n',
        'packages/api/.env.local': `ENVIRONMENT=local\nPOSTGRES_CONNECTION_STRING=postgres://postgres:${URL_PASSWORD}@localhost:5432/postgres\nREDIS_URL=localhost:6379\n`,
      },
    },
    {
      // chirpstack 4f90c8778425: "Add dotenv for test dependency config", its .gitignore's `.*` given the exception `!/.env`.
      name: "a new env file the repository's .gitignore keeps tracked by an exception, that names only local addresses",
      after: {
        '.gitignore': '# hidden files\n.*\n!/.cargo\n!/.env\n',
        '.env': `DATABASE_URL=postgres://chirpstack_test:${URL_PASSWORD}@localhost/chirpstack_test\nTEST_AMQP_URL="amqp://guest:${URL_PASSWORD}@localhost:5672"\n`,
      },
    },
    {
      // crates.io 7182bcd069b4: "Add .env to make local Foreman use more pleasant"; Heroku runs the Procfile with its own config vars.
      name: 'a .env beside a Procfile with a web process: what Foreman and heroku local load for a local run',
      after: { Procfile: 'web: ./target/release/server\n', '.env': `# Key to sign and encrypt cookies with\nSESSION_KEY=${realKey}\nDATABASE_URL=postgres://postgres:@localhost/app\n` },
    },
    {
      // robotoff 656b7a6f7a21: the deploy workflow writes its own .env with COMPOSE_FILE=docker-compose.yml;docker/prod.yml.
      name: 'a .env whose COMPOSE_FILE selects a development compose file',
      after: {
        'docker-compose.yml': 'services:\n  api:\n    image: acme/api:1\n',
        'docker/dev.yml': 'services:\n  api:\n    build: .\n',
        '.env': `COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=docker-compose.yml;docker/dev.yml\nPOSTGRES_PASSWORD=${realKey}\n`,
      },
    },
    {
      name: 'a shared-defaults .env in a repository that ignores dotenv\'s per-machine .env.local files, naming only local and example hosts',
      after: { '.gitignore': '/log\n.env.local\n.env.development.local\n', '.env': 'MAIL_HOST="example.com"\nSMTP_USERNAME="ofn"\nSMTP_PASSWORD="f00d"\nDATABASE_URL=postgres://ofn:ofn@localhost:5432/ofn\n' },
    },
    // Credentials the change moves from another file or shape, or the repository already committed: nothing new is committed.
    {
      name: 'the compose file\'s inline password moves into a new .env it loads (the same key and value the change removes)',
      before: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    environment:\n      - SQL_USER=postgres\n      - SQL_PASSWORD=postgres\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    env_file: .env\n', '.env': 'SQL_USER=postgres\nSQL_PASSWORD=postgres\n' },
    },
    {
      name: 'service env files take the passwords the change removes from the compose files that now load them, some under other keys',
      before: {
        'docker/single/docker-compose.yml': 'services:\n  mysql:\n    image: mysql:5.7\n    environment:\n      MYSQL_ROOT_PASSWORD: myrootpassword\n  web:\n    image: app:1\n    environment:\n      DATABASE_PASSWORD: myhuginnpassword\n',
        'docker/single/postgresql.yml': 'services:\n  postgres:\n    image: postgres:9.5\n    environment:\n      POSTGRES_PASSWORD: myhuginnpassword\n',
      },
      after: {
        'docker/single/docker-compose.yml': 'services:\n  mysql:\n    image: mysql:5.7\n    env_file:\n      - ../mysql.env\n  web:\n    image: app:1\n    env_file:\n      - ../mysql.env\n',
        'docker/single/postgresql.yml': 'services:\n  postgres:\n    image: postgres:9.5\n    env_file:\n      - ../postgres.env\n',
        'docker/mysql.env': 'MYSQL_ROOT_PASSWORD=myrootpassword\n',
        'docker/postgres.env': 'POSTGRES_PASSWORD=myhuginnpassword\nHUGINN_DATABASE_PASSWORD=myhuginnpassword\n',
      },
    },
    {
      name: 'a new .env repeats the URL password of the .env the repository already tracks',
      before: { '.env': `POSTGRESQL_URL=postgresql://prisma:${URL_PASSWORD}@postgres:5432/blog\n` },
      after: { '.env': `POSTGRESQL_URL=postgresql://prisma:${URL_PASSWORD}@postgres:5432/blog\n`, 'prisma/.env': `POSTGRESQL_URL=postgresql://prisma:${URL_PASSWORD}@localhost:5432/blog\n` },
    },
    {
      name: 'a new .env copies the tracked env file\'s passwords: a weak one under the same key, a distinct one under another key too',
      before: { env: `DB_PASSWORD=ninja\nMYSQL_ROOT_PASSWORD=${realKey}\n` },
      after: { env: `DB_PASSWORD=ninja\nMYSQL_ROOT_PASSWORD=${realKey}\n`, 'debian/.env': `DB_HOST=db\nDB_PASSWORD=ninja\nDB_ROOT_PASSWORD=${realKey}\n` },
    },
    // searxng-docker swaps one stand-in for another in its tracked .env, under the comment that tells installs to generate it.
    {
      name: 'a tracked env file gains a readable value under a comment that asks every install to generate or replace its own',
      before: { '.env': '# automatically update settings\nSEARXNG_COMMAND=-f\n\n# use openssl rand -base64 33\nMORTY_KEY=ReplaceWithARealKey!\n' },
      after: { '.env': `# automatically update settings\nSEARXNG_COMMAND=-f\n\n# use openssl rand -base64 33\nSEARXNG_SECRET=${['ultra', 'secret', 'key'].join('')}\nADMIN_PASSWORD=${['horse', 'battery', 'staple'].join('-')}  # change this\n` },
    },
    // RAGFlow 197b142c: docker/.env opens with a warning that its passwords are defaults every deployment must change.
    {
      name: "a tracked env file whose opening comment warns not to deploy with its default passwords gains another one",
      before: { 'docker/.env': '# SECURITY WARNING: DO NOT DEPLOY WITH DEFAULT PASSWORDS\n# For non-local deployments, please change all passwords to strong, unique values.\n\nDOC_ENGINE=elasticsearch\nELASTIC_PASSWORD=infini_rag_flow\n' },
      after: { 'docker/.env': `# SECURITY WARNING: DO NOT DEPLOY WITH DEFAULT PASSWORDS\n# For non-local deployments, please change all passwords to strong, unique values.\n\nDOC_ENGINE=elasticsearch\nELASTIC_PASSWORD=infini_rag_flow\nSERENEDB_PASSWORD=${['serene', 'db', 'pass'].join('_')}\n` },
    },
    // Kutt's .docker.env: its .example.env with the hosts set for compose, which nothing loads by that name.
    {
      name: 'an env file repeating the tracked env template but for its hosts, that nothing loads (a variant of the template)',
      before: { '.example.env': kuttTemplate, 'docker-compose.yml': kuttCompose('.env') },
      after: { '.example.env': kuttTemplate, 'docker-compose.yml': kuttCompose('.env'), '.docker.env': kuttVariant },
    },
    {
      // uvdesk/community-skeleton: the .env Symfony Flex writes, with its recipes' placeholders, committed as Symfony says.
      name: "Symfony's committed .env: its header sends production secrets to real environment variables",
      after: {
        '.env':
          '# In all environments, the following files are loaded if they exist,\n# the later taking precedence over the former:\n#\n# Real environment variables win over .env files.\n#\n# DO NOT DEFINE PRODUCTION SECRETS IN THIS FILE NOR IN ANY OTHER COMMITTED FILES.\n#\n\n###> symfony/framework-bundle ###\nAPP_ENV=dev\nAPP_SECRET=\n###< symfony/framework-bundle ###\n\n###> doctrine/doctrine-bundle ###\nDATABASE_URL=mysql://db_user:db_password@127.0.0.1:3306/db_name\n###< doctrine/doctrine-bundle ###\n',
      },
    },
    { name: 'an env file for the test suite (tests are its role)', after: { 'test/.env.test': 'STRIPE_SKEY=sk_test_testkey123\nDB_PASSWORD=test\n' } },
    { name: 'an env file in an example tree', after: { 'examples/postgres/.env': 'POSTGRES_PASSWORD=changeit\n' } },
    { name: '.env.example', after: { '.env.example': `SECRET_KEY=${realKey}\n` } },
    { name: '.env.sample', after: { '.env.sample': 'DB_PASSWORD=\n' } },
    { name: '.env.template', after: { 'config/.env.template': 'API_KEY=<your key>\n' } },
    { name: '.env.dist', after: { '.env.dist': 'APP_SECRET=\n' } },
    { name: 'example.env', after: { 'deploy/example.env': 'TOKEN=\n' } },
    { name: 'a tracked env file gains a secret the secrets check reports (said once, by secrets)', before: { '.env': 'DEBUG=1\n' }, after: { '.env': `DEBUG=1\nSECRET_KEY=${realKey}\n` } },
    {
      // komodo c914f23aa8fe, 08e55b51808b: the documented compose.env prefixes its keys, then renames DB to DATABASE, with the same values.
      name: 'a tracked env file renames its credential keys and keeps their values',
      before: { 'compose/compose.env': 'DB_USERNAME=admin\nDB_PASSWORD=admin\nTITLE=Komodo\n' },
      after: { 'compose/compose.env': 'KOMODO_DATABASE_USERNAME=admin\nKOMODO_DATABASE_PASSWORD=admin\nTITLE=Komodo\n' },
    },
    { name: 'a tracked env file gains a setting that is not a credential', before: { '.env': 'DEBUG=1\n' }, after: { '.env': 'DEBUG=1\nLOG_LEVEL=info\n' } },
    {
      name: 'a service env file the compose stack loads, whose credential the secrets check reports',
      before: { 'docker-compose.yml': 'services:\n  web:\n    image: app:1\n' },
      after: {
        'docker-compose.yml': 'services:\n  web:\n    image: app:1\n  exporter:\n    image: exporter:1\n    env_file: env/exporter.env\n',
        'env/exporter.env': `REDIS_ADDR=redis://redis:6379\nREDIS_PASSWORD=${realKey}\n`,
      },
    },
    {
      name: 'a development env file the development compose stack loads: its default password is that local stack\'s',
      after: {
        'extras/docker/compose/docker-compose.yml': 'services:\n  web:\n    image: app:1\n    env_file:\n      - ./dev.env\n',
        'extras/docker/compose/dev.env': `DB_USER=app\nDB_PASSWORD=${['ap', 'p'].join('')}\n`,
      },
    },
    {
      name: 'a .env that a compose file of a development stack loads by name (dev_docker/grafana.yml: env_file ./grafana/.env)',
      after: {
        'dev_docker/grafana.yml': 'services:\n  grafana:\n    image: grafana/grafana:7.1.3\n    env_file:\n      - ./grafana/.env\n',
        'dev_docker/grafana/.env': `GF_SECURITY_ADMIN_PASSWORD=${['adm', 'in'].join('')}\nGF_USERS_ALLOW_SIGN_UP=false\n`,
      },
    },
    {
      name: 'a new env file whose secret-named key only says what it wants (random): nothing to leak',
      after: { '.docker.env': 'DB_HOSTNAME=db\nLOGGER_BACKEND_SOURCE_ID=random\nLOGGER_BACKEND_API_KEY=random\n' },
    },
    {
      name: 'a service env file in a repository whose README says it is for local development only',
      after: {
        'README.md': '# Platform\n\nKeep in mind this repository is for local development only and is not meant to be deployed on any production environment!\n',
        'docker-compose.yml': 'services:\n  api:\n    image: app:1\n    env_file: common.env\n',
        'common.env': `SECRET_KEY=changeme\nDATABASE_URL=postgres://app:${['ap', 'p'].join('')}@db/app\n`,
      },
    },
    {
      name: 'a new env template the project ships to fill in: its one real key is the secrets check\'s (said once)',
      after: {
        '.env.docker': `# REQUIRED: BASIC APP SETTINGS\nAPP_ENV=production\n# Please regenerate the APP_KEY value and paste it here\nAPP_KEY=${realKey}\nDB_PASSWORD=changeme1234\nMAIL_PASSWORD=null\n`,
      },
    },
    { name: 'a frontend env file of public build variables only', after: { 'web/.env': 'VITE_API_URL=http://localhost\nVITE_SENTRY_ENV=dev\n' } },
    {
      name: 'an env file without credentials that the README tells users to edit',
      after: { 'README.md': '# Stack\nChange `EVENT_RETENTION_DAYS` in `.env` to keep events longer.\n', '.env': 'EVENT_RETENTION_DAYS=90\n' },
    },
    { name: 'an env file moved to another env path', before: { '.env': 'A=1\n' }, after: { 'app/.env': 'A=1\n' } },
    { name: 'an env file removed', before: { '.env.production': 'A=1\n' }, after: {} },
    { name: '.envrc (direnv) is not a dotenv file', after: { '.envrc': 'export SECRET_KEY=abc\n' } },
    { name: 'a TypeScript module named .env.ts', after: { 'src/.env.ts': 'export const env = process.env;\n' } },
    { name: 'dotenv-vault encrypted file', after: { '.env.vault': 'DOTENV_VAULT_PRODUCTION="encrypted:abc"\n' } },
    { name: 'env file under test fixtures', after: { 'test/fixtures/app/.env': `SECRET_KEY=${realKey}\n` } },
    { name: 'env file under node_modules', after: { 'node_modules/pkg/.env': `SECRET_KEY=${realKey}\n` } },
    { name: 'a virtualenv called .env is not an env file', after: { '.env/bin/activate': 'export VIRTUAL_ENV=/x\n' } },
    // An env file without credentials has nothing to leak; a credential written into it later is reported then.
    { name: 'a compose .env of versions only', after: { 'docker-compose.yml': 'services:\n  es:\n    image: elasticsearch:${ELK_VERSION}\n', '.env': 'ELK_VERSION=8.1.0\n' } },
    { name: 'a compose .env of a data folder and domain placeholders', after: { 'caddy/.env': 'DATA_FOLDER=<directory-path>\nDOMAIN_NAME=<domain.tld>\nSUBDOMAIN=n8n\n' } },
    { name: 'an env file whose only secret-named key holds a fill-in marker', after: { 'monitoring/nrconfig.env': 'NRIA_LICENSE_KEY=REPLACE_LICENSE_KEY_HERE\nNRIA_VERBOSE=0\n' } },
    { name: '.env.production with only placeholders', after: { '.env.production': 'SECRET_KEY=changeme\nDB_PASSWORD=\nAPI_TOKEN=<your-token>\nJWT_SECRET=${JWT_SECRET}\nLOG_LEVEL=info\n' } },
    { name: 'filler-shaped values are placeholders', after: { '.env': 'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxx\nSUMO_ACCESS_KEY={SumoAccessKey}\nAPI_KEY="glc_1111111111111111111111="\nSTRIPE_KEY=sk_live_****\n' } },
    { name: 'an empty .env', after: { 'services/api/.env': '' } },
    { name: 'a database URL whose password is a reference', after: { '.env.staging': 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n' } },
    { name: 'names that describe a secret rather than hold one', after: { '.env.staging': 'TOKEN_URL=https://auth.example.com/token\nACCESS_TOKEN_EXPIRE_MINUTES=30\nAWS_ACCESS_KEY_ID=abc\nSECRET_KEY_FILE=/run/secrets/key\n' } },
    { name: 'a template renamed to .env, still empty', before: { '.env.example': 'SECRET_KEY=\n' }, after: { '.env': 'SECRET_KEY=\n' } },
    {
      // The name says development (or tests, or CI): the local stack's defaults, committed as the shared development settings.
      name: 'env files whose name says development, test or CI',
      after: {
        'server/svix-server/development.env': '# Example .env file for development\nDATABASE_URL="postgresql://postgres:postgres@localhost:8079/postgres"\nSVIX_JWT_SECRET="x"\n',
        'api/dev.env': `DB_PASSWORD=${['ap', 'p'].join('')}\n`,
        'api/local.env': `DB_PASSWORD=${['ap', 'p'].join('')}\n`,
        'web/.env.development': `SESSION_SECRET=${['dev', 'secret'].join('-')}\n`,
        'api/test.env': `DB_PASSWORD=${['ap', 'p'].join('')}\n`,
        'web/.env.test': `DB_PASSWORD=${['ap', 'p'].join('')}\n`,
        'web/.env.ci': `DB_PASSWORD=${['ap', 'p'].join('')}\n`,
      },
    },
    {
      // A cloud development workspace's env file: named for Codespaces, or kept in the workspace's folder.
      name: 'env files of a dev container or Codespaces workspace',
      after: {
        '.devcontainer/.env.codespaces': `POSTGRES_PASSWORD=${realKey}\n`,
        '.devcontainer/.env': `POSTGRES_PASSWORD=${realKey}\n`,
        '.gitpod/.env': `POSTGRES_PASSWORD=${realKey}\n`,
      },
    },
    { name: 'a frontend .env.development of settings', after: { 'web/.env.development': 'VITE_API_URL=http://localhost\nLOG_LEVEL=debug\n' } },
    { name: "React Native's .xcode.env is versioned by design", after: { 'apps/mobile/ios/.xcode.env': `export NODE_BINARY=$(command -v node)\nSENTRY_AUTH_TOKEN=${realKey}\n` } },
    { name: 'a per-machine override of public build variables only', after: { 'web/.env.local': 'VITE_API_URL=http://localhost\n' } },
    // A default password the compose file already shipped, moved into the .env compose reads.
    {
      name: 'a new .env takes the default password the compose file already set (now ${VAR:-same})',
      before: { 'Docker/docker-compose.yml': 'services:\n  db:\n    image: postgres:12\n    environment:\n      POSTGRES_PASSWORD: freshrss\n' },
      after: {
        'Docker/docker-compose.yml': 'services:\n  db:\n    image: postgres:12\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-freshrss}\n',
        'Docker/.env': '# settings\nPOSTGRES_USER=freshrss\nPOSTGRES_PASSWORD=freshrss\nEXPOSED_PORT=8080\n',
      },
    },
    {
      name: 'a new .env repeats the fallback the unchanged root compose file gives in list form',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: mysql:8\n    environment:\n      - "MYSQL_PASSWORD=${MYSQL_PASSWORD:-wikijs}"\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: mysql:8\n    environment:\n      - "MYSQL_PASSWORD=${MYSQL_PASSWORD:-wikijs}"\n', 'deploy/.env': 'MYSQL_PASSWORD=wikijs\n' },
    },
    {
      name: 'settings moved out of the compose file into the .env it now reads; the one new value only spells its key (SECRET_KEY=taiga-secret-key)',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:12.3\n    environment:\n      POSTGRES_USER: taiga\n      POSTGRES_PASSWORD: taiga\n  back:\n    image: taiga-back:6\n    environment:\n      TAIGA_SECRET_KEY: "taiga-back-secret-key"\n' },
      after: {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:12.3\n    environment:\n      POSTGRES_USER: "${POSTGRES_USER}"\n      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}"\n  back:\n    image: taiga-back:6\n    environment:\n      TAIGA_SECRET_KEY: "${SECRET_KEY}"\n',
        '.env': `SECRET_KEY="${['taiga', 'secret', 'key'].join('-')}"  # Please, change it to an unpredictable value!!\nPOSTGRES_USER=taiga\nPOSTGRES_PASSWORD=taiga\nRABBITMQ_ERLANG_COOKIE=${['secret', 'erlang', 'cookie'].join('-')}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'the same new .env without Symfony\'s header: a committed env file with a database password',
      after: { '.env': 'APP_ENV=dev\nAPP_SECRET=\nDATABASE_URL=mysql://db_user:db_password@127.0.0.1:3306/db_name\n' },
      findings: [{ path: '.env', line: 3 }],
    },
    {
      // A warning further down, or one about something else, is not the file's opening ask.
      name: 'a tracked env file gains a password under an opening comment that does not ask to change its defaults',
      before: { 'docker/.env': '# Settings for the stack\n\nDOC_ENGINE=elasticsearch\n# do not deploy with default passwords\n' },
      after: { 'docker/.env': `# Settings for the stack\n\nDOC_ENGINE=elasticsearch\n# do not deploy with default passwords\nSERENEDB_PASSWORD=${['serene', 'db', 'pass'].join('_')}\n` },
      findings: [{ path: 'docker/.env', line: 5 }],
    },
    {
      name: 'a new env file with a local database password that the repository does not ignore, or an ignored or excepted one naming a remote host',
      after: {
        '.gitignore': 'node_modules\nsecrets/*.env\n!deploy/.env\n',
        'deploy/.env': `DATABASE_URL=postgres://app:${URL_PASSWORD}@db.acme.io:5432/app\n`,
        'api/.env.local': `POSTGRES_CONNECTION_STRING=postgres://postgres:${URL_PASSWORD}@localhost:5432/postgres\n`,
        'secrets/prod.env': `DATABASE_URL=postgres://app:${URL_PASSWORD}@db.acme.io:5432/app\n`,
      },
      findings: [
        { path: 'api/.env.local', line: 1, messageId: 'secrets' },
        { path: 'deploy/.env', line: 1, messageId: 'secrets' },
        { path: 'secrets/prod.env', line: 1, messageId: 'secrets' },
      ],
    },
    {
      name: 'a .env beside a Procfile without a web process, or whose COMPOSE_FILE selects only production files',
      after: {
        Procfile: 'worker: ./bin/worker\n',
        '.env': `SESSION_KEY=${realKey}\n`,
        'deploy/docker-compose.yml': 'services:\n  api:\n    image: acme/api:1\n',
        'deploy/.env': `COMPOSE_FILE=docker-compose.yml\nPOSTGRES_PASSWORD=${realKey}\n`,
      },
      findings: [
        { path: '.env', line: 1, messageId: 'secrets' },
        { path: 'deploy/.env', line: 2, messageId: 'secrets' },
      ],
    },
    {
      name: 'a .env in a development folder that no compose file loads is still the mistake of a committed .env',
      after: { 'dev_docker/grafana/.env': `GF_SECURITY_ADMIN_PASSWORD=${['adm', 'in'].join('')}\n` },
      findings: [{ path: 'dev_docker/grafana/.env', line: 1, messageId: 'secrets' }],
    },
    {
      name: 'a .env that a production compose file loads by name is still reported',
      after: {
        'deploy/grafana.yml': 'services:\n  grafana:\n    image: grafana/grafana:7.1.3\n    env_file:\n      - ./grafana/.env\n',
        'deploy/grafana/.env': `GF_SECURITY_ADMIN_PASSWORD=${['adm', 'in'].join('')}\n`,
      },
      findings: [{ path: 'deploy/grafana/.env', line: 1, messageId: 'secrets' }],
    },
    {
      name: 'a key whose value only starts with the word random is a value',
      after: { '.docker.env': 'LOGGER_BACKEND_API_KEY=random-k3v9\n' },
      findings: [{ path: '.docker.env', line: 1, messageId: 'secrets' }],
    },
    {
      name: 'the same .env without the ignored per-machine files, or naming a real host, is reported',
      after: {
        '.env': 'MAIL_HOST="example.com"\nSMTP_USERNAME="ofn"\nSMTP_PASSWORD="f00d"\n',
        'api/.gitignore': '.env*.local\n',
        'api/.env': 'MAIL_HOST="smtp.mailgun.org"\nSMTP_PASSWORD="f00d-4-real"\n',
      },
      findings: [
        { path: '.env', line: 3 },
        { path: 'api/.env', line: 2 },
      ],
    },
    {
      name: 'a value of words that do not spell the key, or that add digits to it, is a value',
      after: { '.env': `SECRET_KEY=${['horse', 'battery', 'staple'].join('-')}\nJWT_SECRET=${['jwt', 'secret', '9147'].join('-')}\n` },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets', data: { keys: '`SECRET_KEY`, `JWT_SECRET`' } }],
    },
    {
      name: 'a readable value under a generate comment in a new .env, and one in a tracked .env whose comment asks for nothing, are reported',
      before: { 'stack/.env': 'SEARXNG_COMMAND=-f\n' },
      after: {
        '.env': `# use openssl rand -base64 33\nSEARXNG_SECRET=${['ultra', 'secret', 'key'].join('')}\n`,
        'stack/.env': `SEARXNG_COMMAND=-f\n# the proxy's key\nSEARXNG_SECRET=${['ultra', 'secret', 'key'].join('')}\n`,
      },
      findings: [{ path: '.env', line: 2, severity: 'failure', messageId: 'secrets' }, { path: 'stack/.env', line: 3, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'the env template copied as .env, or as a variant the stack loads, is configuration',
      before: { '.example.env': kuttTemplate, 'deploy/.example.env': kuttTemplate, 'deploy/docker-compose.yml': kuttCompose('.docker.env') },
      after: { '.example.env': kuttTemplate, '.env': kuttVariant, 'deploy/.example.env': kuttTemplate, 'deploy/docker-compose.yml': kuttCompose('.docker.env'), 'deploy/.docker.env': kuttVariant },
      findings: [
        { path: '.env', line: 8, severity: 'failure', messageId: 'secrets' },
        { path: 'deploy/.docker.env', line: 8, severity: 'failure', messageId: 'secrets' },
      ],
    },
    {
      name: 'a tracked deployment env file gains the default token another stack\'s env file already sets: each deployment gets it',
      before: { 'stacks/worker/.env': `RUNNERS_AUTH_TOKEN=${sharedDefault}\n`, 'stacks/caddy/.env': 'DOMAIN=example.com\n' },
      after: { 'stacks/worker/.env': `RUNNERS_AUTH_TOKEN=${sharedDefault}\n`, 'stacks/caddy/.env': `DOMAIN=example.com\nRUNNERS_AUTH_TOKEN=${sharedDefault}\n` },
      findings: [{ path: 'stacks/caddy/.env', line: 2, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'passwords moved out of the compose file the change makes the development one (a docker-compose.prod.yml beside it) into the production .env',
      before: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    environment:\n      - SQL_PASSWORD=postgres\n' },
      after: {
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    env_file: .env.dev\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n    env_file: .env\n',
        '.env': 'SQL_PASSWORD=postgres\n',
      },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a value that only looks moved: the change removes the key from compose, but the new .env sets another value',
      before: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    environment:\n      - SQL_PASSWORD=ninja\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    env_file: .env\n', '.env': 'SQL_PASSWORD=ninja2024\n' },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a weak password the repository has only under another key (a user name) is new as a password',
      before: { env: 'DB_USERNAME=ninja\n' },
      after: { env: 'DB_USERNAME=ninja\n', '.env': 'DB_PASSWORD=ninja\n' },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a password a test fixture holds, copied into a new production env file',
      before: { 'tests/fixtures/db.yml': `password: ${realKey}\n` },
      after: { 'tests/fixtures/db.yml': `password: ${realKey}\n`, '.env': `DB_PASSWORD=${realKey}\n` },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'one credential held before and one new: the file is reported',
      before: { env: `DB_PASSWORD=${realKey}\n` },
      after: { env: `DB_PASSWORD=${realKey}\n`, '.env': `DB_PASSWORD=${realKey}\nADMIN_PASSWORD=admin\n` },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new .env sets a password the base compose file only referenced (${VAR} without a default)',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n', '.env': 'POSTGRES_PASSWORD=freshrss\n' },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets', data: { name: '.env', keys: '`POSTGRES_PASSWORD`' } }],
    },
    {
      name: 'a new .env and a new compose file with the same default: both new, nothing was shipped before',
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-freshrss}\n', '.env': 'POSTGRES_PASSWORD=freshrss\n' },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new .env sets another password than the one the base compose file had',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: freshrss\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-freshrss}\n', '.env': 'POSTGRES_PASSWORD=s3cr3t-prod-pw\n' },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets', data: { name: '.env', keys: '`POSTGRES_PASSWORD`' } }],
    },
    {
      name: '.env with a real secret',
      after: { '.env': `# local settings\nDEBUG=true\nSECRET_KEY=${realKey}\nDB_PASSWORD=hunter2hunter\nSTRIPE_API_KEY=sk_${realKey}\n` },
      findings: [
        {
          line: 3,
          severity: 'failure',
          messageId: 'secrets', data: { name: '.env', keys: '`SECRET_KEY`, `DB_PASSWORD`, `STRIPE_API_KEY`' },
          remediation: /git rm --cached "\.env"[\s\S]*```gitignore\n\.env\n\.env\.\*\n!\.env\.example\n```[\s\S]*DEBUG=\nSECRET_KEY=\nDB_PASSWORD=[\s\S]*rotate/,
        },
      ],
    },
    {
      name: 'prod.env with export and quotes',
      after: { 'deploy/prod.env': `export APP_ENV=production\nexport DJANGO_SECRET_KEY="${realKey}"\n` },
      findings: [{ line: 2, severity: 'failure', messageId: 'secrets', data: { name: 'deploy/prod.env', keys: '`DJANGO_SECRET_KEY`' }, remediation: /\*\.env/ }],
    },
    {
      name: 'database URL with a password',
      after: { '.env.local': `DATABASE_URL=postgres://app:${URL_PASSWORD}@db:5432/app\nREDIS_URL=redis://redis:6379/0\n` },
      findings: [{ line: 1, severity: 'failure', messageId: 'secrets', data: { name: '.env.local', keys: '`DATABASE_URL`' } }],
    },
    {
      name: 'a multi-line private key',
      after: { '.env': 'A=1\nPRIVATE_KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\n' },
      findings: [{ line: 2, messageId: 'secrets', severity: 'failure' }],
    },
    {
      // The old key stays (a second credential with its value), the value moves to a key of another kind, or the value changes.
      name: 'a tracked env file whose new credential key is no rename: the old key kept, another kind of key, or another value',
      before: { 'a/compose.env': 'DB_PASSWORD=admin\nTITLE=A\n', 'b/compose.env': 'DB_USER=root\nTITLE=B\n', 'c/compose.env': 'DB_PASSWORD=guest\nTITLE=C\n' },
      after: { 'a/compose.env': 'DB_PASSWORD=admin\nADMIN_PASSWORD=admin\nTITLE=A\n', 'b/compose.env': 'DB_PASSWORD=root\nTITLE=B\n', 'c/compose.env': 'DATABASE_PASSWORD=letmein\nTITLE=C\n' },
      findings: [
        { path: 'a/compose.env', line: 2, messageId: 'secrets' },
        { path: 'b/compose.env', line: 1, messageId: 'secrets' },
        { path: 'c/compose.env', line: 1, messageId: 'secrets' },
      ],
    },
    {
      name: 'a tracked env file gains a credential the secrets check does not recognise (a default password)',
      before: { '.env': 'DEBUG=1\n' },
      after: { '.env': 'DEBUG=1\nADMIN_PASSWORD=admin\n' },
      findings: [{ line: 2, severity: 'failure', messageId: 'secrets', data: { name: '.env', keys: '`ADMIN_PASSWORD`' } }],
    },
    {
      name: 'a service env file the compose stack loads: only the credentials the secrets check misses',
      after: {
        'docker-compose.yml': 'services:\n  grafana:\n    image: grafana:11\n    env_file:\n      - ./env/grafana.env\n',
        'env/grafana.env': `GF_ADMIN_USER=admin\nGF_ADMIN_PASSWORD=admin\nGF_SECRET_KEY=${realKey}\n`,
      },
      findings: [{ path: 'env/grafana.env', line: 2, severity: 'failure', messageId: 'secrets', data: { name: 'env/grafana.env', keys: '`GF_ADMIN_PASSWORD`' } }],
    },
    {
      name: 'a service env file nothing loads, beside a development one, is a committed env file',
      after: { 'deploy/dev.env': `DB_PASSWORD=${['ap', 'p'].join('')}\n`, 'deploy/app.env': `DB_PASSWORD=${['ap', 'p'].join('')}\n` },
      findings: [{ path: 'deploy/app.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a per-machine override of the development environment is still reported',
      after: { '.env.development.local': `DB_PASSWORD=${['ap', 'p'].join('')}1\n` },
      findings: [{ path: '.env.development.local', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new .env is reported even when the secrets check reports its values and compose loads it',
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: app:1\n    env_file: .env\n', '.env': `SECRET_KEY=${realKey}\n` },
      findings: [{ path: '.env', line: 1, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new env file with stand-ins but no comment asking for the user\'s values is not a template: reported',
      after: { '.env.docker': `APP_ENV=production\nAPP_KEY=${realKey}\nDB_PASSWORD=changeme1234\n` },
      findings: [{ path: '.env.docker', line: 2, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new env file with a fill-in comment but every credential real is not a template: reported',
      after: { '.env.production': `# change these values before deploying\nSECRET_KEY=${realKey}\nDB_PASSWORD=hunter2hunter\n` },
      findings: [{ path: '.env.production', line: 2, severity: 'failure', messageId: 'secrets' }],
    },
    {
      name: 'a new env template: a credential the secrets check does not report is still reported here',
      after: { '.env.docker': `# Please regenerate the APP_KEY value and paste it here\nAPP_KEY=${realKey}\nDB_PASSWORD=changeme1234\nADMIN_PASSWORD=admin\n` },
      findings: [{ path: '.env.docker', line: 4, severity: 'failure', messageId: 'secrets', data: { name: '.env.docker', keys: '`ADMIN_PASSWORD`' } }],
    },
    {
      name: 'a per-machine override is reported even with only placeholders',
      after: { 'web/.env.production.local': 'SECRET_KEY=\nLOG_LEVEL=debug\n' },
      findings: [{ line: 1, severity: 'warning', messageId: 'placeholders', data: { name: 'web/.env.production.local', keys: '' }, remediation: /SECRET_KEY=\nLOG_LEVEL=/ }],
    },
    {
      name: 'a new .env with a value the secrets check recognises under an ordinary name',
      after: { '.env': `LOG_LEVEL=info\nmimi=${entropic}\n` },
      findings: [{ line: 2, severity: 'failure', messageId: 'secrets', data: { name: '.env', keys: '`mimi`' } }],
    },
    {
      name: 'two env files, one finding each',
      after: { '.env': `SECRET_KEY=${realKey}\n`, 'web/.env.development.local': 'API_URL=http://localhost\n' },
      findings: [
        { path: '.env', line: 1, messageId: 'secrets', severity: 'failure' },
        { path: 'web/.env.development.local', line: 1, messageId: 'placeholders', severity: 'warning' },
      ],
    },
  ],
});
