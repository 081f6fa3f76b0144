// Table tests for insecure-default-secret.
import { describe, expect, it } from 'vitest';
import check from '../../checks/insecure-default-secret.js';
import { scanTextForSecrets } from '../../src/secrets/detector.js';
import { testCheck } from '../helpers/check-tester.js';

const py = (...lines: string[]) => lines.join('\n') + '\n';
// Made-up values shaped like real secrets, assembled at run time so the source holds none.
const randomKey = ['Zx8Qp2Lr', '9Tk4Wm7V', 'n3Bc6Hd1', 'Jf5Gs0Ay'].join('');
const githubToken = 'ghp' + '_' + ['aB3dE5fG7h', 'J9kL1mN3pQ', '5rS7tU9vW1', 'xY3zA5'].join('');
/** Twelve made-up lower-case words, shaped like a wallet's seed phrase. */
const seedWords = ['lamp', 'orbit', 'velvet', 'cactus', 'hinge', 'meadow', 'ripple', 'tundra', 'sable', 'quiver', 'nectar', 'fjord'];
const repeatedSeed = Array.from({ length: 12 }, () => seedWords[0]).join(' ');
const djangoKey = 'django-insecure-' + ['h8#2k!x9@q', '1z$w7v(e4r', ')t6y^u3i&o', '0p5l*m-n+b=c'].join('');

/** A Helm chart's manifest, beside the values files of the chart tests. */
const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';

/** A supervisord configuration whose control server is `server` (lines 1-4, the password on line 4). */
const supervisord = (server: string) =>
  [`[${server}]`, server === 'unix_http_server' ? 'file = /tmp/supervisor.sock' : 'port = *:9001', 'username = zbx', 'password = password', '', '[supervisorctl]', server === 'unix_http_server' ? 'serverurl = unix:///tmp/supervisor.sock' : 'serverurl = http://127.0.0.1:9001', 'username = zbx', 'password = password', ''].join('\n');

/** A stack whose init service creates a web admin whose password default repeats its user name default (line 7). */
const composeWithUserDefault = [
  'name: scanner',
  'services:',
  '  scheduler-init:',
  '    build: ../scheduler',
  '    environment:',
  '      _SCHED_WWW_USER_USERNAME: ${_SCHED_WWW_USER_USERNAME:-scheduler}',
  '      _SCHED_WWW_USER_PASSWORD: ${_SCHED_WWW_USER_PASSWORD:-scheduler}',
  '  web:',
  '    build: ../web',
  '    ports:',
  '      - "8080:8080"',
  '',
].join('\n');

testCheck(check, {
  valid: [
    {
      // featbit: ClickHouse's stock users.xml in a ConfigMap explains the password element with an example, in a comment.
      name: 'a default password inside an XML comment (a commented-out example), in a ConfigMap embedding the XML',
      after: { 'k8s/clickhouse-users.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clickhouse-users\ndata:\n  users.xml: |\n    <clickhouse>\n      <users>\n        <default>\n          <!-- Password could be specified in plaintext.\n               Example: <password>qwerty</password>.\n          -->\n          <!-- <password>qwerty</password> -->\n        </default>\n      </users>\n    </clickhouse>\n' },
    },
    {
      name: 'a new module repeats the fallback a module of its folder already reads the same way',
      before: { 'server/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "postgres")\n' },
      after: { 'server/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "postgres")\n', 'server/db.py': 'import os\n\n\ndef url():\n    password = os.environ.get("POSTGRES_PASSWORD", "postgres")\n    return password\n' },
    },
    // permitio/opal's netlify.toml: Corepack's documented switch for its signature check; the keys it names are public.
    { name: 'a setting of the keys that check downloads (COREPACK_INTEGRITY_KEYS = "0")', after: { 'netlify.toml': '[build.environment]\n  NODE_VERSION = "22"\n  COREPACK_INTEGRITY_KEYS = "0"\n' } },
    {
      name: "alembic.ini: alembic init's driver:// placeholder, and a URL the migration environment replaces with its own",
      after: {
        'alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = driver://user:pass@localhost/dbname\n',
        'server/alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql+psycopg://postgres:postgres@postgres:5432/app\n',
        'server/alembic/env.py': 'from alembic import context\nconfig = context.config\nconfig.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"])\n',
      },
    },
    {
      name: 'chart values that ship no usable password: empty, templated, switched off, read from an existing Secret, a key name, a lint file, no chart beside',
      after: {
        'charts/app/Chart.yaml': CHART,
        'charts/app/values.yaml': [
          'clickhouse:',
          '  auth:',
          '    password: ""',
          'valkey:',
          '  auth:',
          '    password: "{{ .Values.global.valkeyPassword }}"',
          'redis:',
          '  auth:',
          '    enabled: false',
          '    password: "redis"',
          'postgresql:',
          '  auth:',
          '    existingSecret: app-db',
          '    password: "dbpass42"',
          '    userPasswordKey: password',
          '    existingSecretPasswordKey: password',
          'oidc:',
          '  lifespans:',
          "    access_token: '1 hour'",
          "    refresh_token: '1 hour and 30 minutes'",
          'valkeyAuth:',
          '  usersExistingSecret: "app-redis-auth"',
          // hmpps-manage-users-api: the entries of Kubernetes Secrets the generic-service chart reads each variable from.
          'namespace_secrets:',
          '  rds-instance-output:',
          '    DATABASE_PASSWORD: "database_password"',
          '  app-secrets:',
          '    NOMIS_CLIENT_CLIENT_SECRET: "NOMIS_CLIENT_SECRET"',
          '',
        ].join('\n'),
        'charts/app/values.lint.yaml': 'minio:\n  auth:\n    rootPassword: lintfiller42\n    rootUser: admin\n    password: changeme\n',
        'charts/web/Chart.yaml': CHART,
        'charts/web/values.yaml': 'ingress:\n  tls:\n    secret: web-tls-cert\n',
        'deploy/values.yaml': 'minio:\n  auth:\n    rootPassword: deployonly42\n',
      },
    },
    {
      // centrifugo's generated config-doc schema.json, Palmr's generated OpenAPI routes.json: data a program reads.
      name: 'a default password in a JSON document that is not a package manifest (a schema, an OpenAPI document, appsettings.json)',
      after: {
        'internal/configdoc/schema.json': '{\n  "dsn": {"type": "string", "example": "postgres://postgres:postgres@db:5432/app"}\n}\n',
        'src/Server/appsettings.json': '{\n  "ConnectionStrings": {\n    "Default": "Server=db;Database=app;User Id=sa;Password=password"\n  }\n}\n',
      },
    },
    {
      // useSend: the integration tests' local database, reached from a script named for tests.
      name: "a default password in a package.json script run only for tests or a developer's setup",
      after: {
        'apps/web/package.json': '{\n  "scripts": {\n    "test:integration:prepare:local": "DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54329/app_test pnpm migrate",\n    "dev": "DATABASE_URL=postgres://app:changeme@localhost/app next dev"\n  }\n}\n',
      },
    },
    {
      name: 'a chart password the base values already shipped at the same key',
      before: { 'charts/app/Chart.yaml': CHART, 'charts/app/values.yaml': 'minio:\n  auth:\n    rootPassword: miniosecret\n' },
      after: { 'charts/app/Chart.yaml': CHART, 'charts/app/values.yaml': 'minio:\n  deploy: true\n  auth:\n    rootUser: minio\n    rootPassword: miniosecret\n' },
    },
    { name: 'a plain compose file pulling images with no development variant beside it (often the local stack)', after: { 'docker-compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  temporal-postgresql:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: temporal\n      POSTGRES_USER: temporal\n  temporal:\n    image: temporalio/auto-setup:1.28.1\n    environment:\n      - POSTGRES_USER=temporal\n      - POSTGRES_PWD=temporal\n' } },
    {
      name: 'a plain compose file beside its development variant that builds the app itself',
      after: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n', 'docker-compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  temporal-postgresql:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: temporal\n      POSTGRES_USER: temporal\n  temporal:\n    image: temporalio/auto-setup:1.28.1\n    environment:\n      - POSTGRES_USER=temporal\n      - POSTGRES_PWD=temporal\n'.replace('    image: ghcr.io/acme/app:1.2', '    build: .') },
    },
    {
      name: 'a default password the change moves out of the production compose file into the env file it now loads: the door was open before',
      before: { 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: changeme\n' },
      after: { 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    env_file: .env.production\n', '.env.production': 'POSTGRES_PASSWORD=changeme\n' },
    },
    {
      name: 'a password beside a different user name, or a user name in another mapping, is not the user name',
      after: {
        'helm/app/values.yaml': 'postgresql:\n  auth:\n    username: opengist\n    password: ""\n    database: opengist\n  primary:\n    persistence:\n      size: 10Gi\n',
        'deploy/values.yaml': 'db:\n  username: app\nsidecar:\n  password: app\n',
      },
    },
    { name: 'os.environ[...] fails fast', after: { 'app/config.py': py('import os', 'SECRET_KEY = os.environ["SECRET_KEY"]') } },
    { name: 'os.environ.get without a default', after: { 'app/config.py': py('import os', 'SECRET_KEY = os.environ.get("SECRET_KEY")', 'if not SECRET_KEY:', '    raise RuntimeError("SECRET_KEY must be set")') } },
    { name: 'an empty-string default is an unset sentinel', after: { 'app/config.py': py('import os', 'JWT_SECRET = os.getenv("JWT_SECRET", "")') } },
    { name: 'a non-secret setting with a default', after: { 'app/config.py': py('import os', 'LOG_LEVEL = os.getenv("LOG_LEVEL", "INFO")', 'DEBUG = os.environ.get("FLASK_DEBUG", "False").lower() == "true"') } },
    {
      name: 'names that describe a secret rather than hold one',
      after: { 'app/config.py': py('import os', 'TOKEN_URL = os.getenv("TOKEN_URL", "https://auth.example.com/token")', 'ACCESS_TOKEN_EXPIRE_MINUTES = int(os.getenv("ACCESS_TOKEN_EXPIRE_MINUTES", "30"))', 'SECRET_NAME = os.getenv("SECRET_NAME", "prod/app")') },
    },
    { name: 'a default that is only compared is a sentinel', after: { 'app/config.py': py('import os', 'HAS_TOKEN = os.getenv("API_TOKEN", "none") != "none"') } },
    {
      // A comment shows the form of an entry and sets nothing: a commented-out default password, in a key or a URL.
      name: 'default passwords in comments of production configuration',
      after: {
        'charts/argo-cd/values.yaml': 'configs:\n  secret:\n    # Custom secrets.\n    extra: {}\n      # LDAP_PASSWORD: "mypassword"\n',
        'config.yml': 'db-uri: ${DB_URI}\n# postgres://app:changeme@db:5432/app\n',
        'config/app.ini': '[db]\n; password = admin\n',
      },
    },
    { name: 'mise.toml sets a developer\'s local environment', after: { 'mise.toml': '[env]\nDB_ENC_KEY = "1234567890123456"\nMETRICS_JWT_SECRET = "dev"\n' } },
    {
      // GSA-TTS/FAC 9a6c5d1c24d1: the local and CI branch of settings.py, for every environment but the deployed ones.
      name: 'a fallback inside a branch that runs only outside production',
      after: {
        'backend/config/settings.py': py(
          'import os',
          'ENVIRONMENT = os.environ.get("ENV", "LOCAL")',
          'if ENVIRONMENT not in ["SANDBOX", "STAGING", "PRODUCTION"]:',
          '    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "localdevsecret")',
          'if DEBUG:',
          '    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-key")',
        ),
      },
    },
    { name: 'commented-out fallback', after: { 'app/config.py': py('import os', '# SECRET_KEY = os.environ.get("SECRET_KEY", "dev")', 'SECRET_KEY = os.environ["SECRET_KEY"]') } },
    { name: 'fallback inside a docstring', after: { 'app/config.py': py('"""Never write os.environ.get("SECRET_KEY", "dev")."""', 'import os') } },
    { name: 'Django development settings', after: { 'mysite/settings/local.py': py('SECRET_KEY = "dev-only-key"') } },
    { name: 'test settings', after: { 'tests/conftest.py': py('import os', 'os.environ.setdefault("SECRET_KEY", "test")') } },
    { name: 'pydantic field without a default', after: { 'app/settings.py': py('from pydantic_settings import BaseSettings', 'class Settings(BaseSettings):', '    secret_key: str', '    app_name: str = "api"') } },
    { name: 'a pydantic model that is not settings', after: { 'app/schemas.py': py('from pydantic import BaseModel', 'class Login(BaseModel):', '    password: str = "x"') } },
    { name: 'a secret-named variable set to a non-key literal', after: { 'app/forms.py': py('PASSWORD_FIELD_LABEL = "Password"') } },
    { name: 'SECRET_KEY read from settings', after: { 'app/auth.py': py('from django.conf import settings', 'SECRET_KEY = settings.SECRET_KEY') } },
    { name: 'a fallback the change did not add', before: { 'app/config.py': py('import os', 'SECRET_KEY = os.environ.get("SECRET_KEY", "dev")') }, after: { 'app/config.py': py('import os', 'SECRET_KEY = os.environ.get("SECRET_KEY", "dev")', 'LOG_LEVEL = "INFO"') } },
    {
      name: 'os.getenv turned into os.environ.get around a default that was already there',
      before: { 'app/settings.py': py('import os', "DATABASES = {'default': {", "    'USER': os.getenv('SQL_USER', 'user'),", "    'PASSWORD': os.getenv('SQL_PASSWORD', 'password'),", '}}') },
      after: { 'app/settings.py': py('import os', "DATABASES = {'default': {", "    'USER': os.environ.get('SQL_USER', 'user'),", "    'PASSWORD': os.environ.get('SQL_PASSWORD', 'password'),", '}}') },
    },
    {
      // kubero ab6f96353: "improve token handling" renames KUBERO_JWT_SECRET to JWT_SECRET; the literal on the next line stays.
      name: 'JS: the environment variable renamed around a fallback that was already there',
      before: { 'server/src/auth/auth.module.ts': "JwtModule.register({\n  secret:\n    process.env.KUBERO_JWT_SECRET ||\n    'mySecretKey',\n});\n" },
      after: { 'server/src/auth/auth.module.ts': "JwtModule.register({\n  secret:\n    process.env.JWT_SECRET ||\n    'mySecretKey',\n});\n" },
    },
    {
      name: 'Python: an environment variable renamed on the line of its fallback',
      before: { 'app/config.py': py('import os', 'SECRET_KEY = os.getenv("APP_SECRET_KEY", "dev-secret")') },
      after: { 'app/config.py': py('import os', 'SECRET_KEY = os.getenv("SECRET_KEY", "dev-secret")') },
    },
    {
      name: 'JS: a call rewritten around a fallback that was already there',
      before: { 'src/token.ts': "const generateToken = ({ email }: User): string =>\n  jwt.sign({ user: { email } }, process.env.JWT_SECRET || 'superSecret', {\n    expiresIn: '60d',\n  });\n" },
      after: { 'src/token.ts': "const generateToken = (id: number): string =>\n  jwt.sign({ user: { id } }, process.env.JWT_SECRET || 'superSecret', {\n    expiresIn: '60d',\n  });\n" },
    },
    { name: 'a stand-in for another service\'s token', after: { 'app.py': py('import os', 'token = os.environ.get("HF_AUTH_TOKEN",', '    "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")', 'key = os.getenv("OPENAI_API_KEY", "<your-api-key>")') } },
    { name: 'a generated django-insecure key is reported by secrets only', after: { 'mysite/settings.py': py(`SECRET_KEY = '${djangoKey}'`) } },
    { name: 'a provider token as the fallback is reported by secrets only', after: { 'app/github.py': py('import os', `TOKEN = os.getenv("GITHUB_TOKEN", "${githubToken}")`) } },
    { name: 'JS: a high-entropy fallback is reported by secrets only', after: { 'src/auth.js': `const secret = process.env.JWT_SECRET || '${randomKey}';\n` } },
    { name: 'JS: process.env without a fallback', after: { 'src/auth.js': 'const secret = process.env.JWT_SECRET;\nif (!secret) throw new Error("JWT_SECRET must be set");\n' } },
    { name: 'JS: non-secret fallback', after: { 'src/server.ts': 'const port = process.env.PORT || "3000";\nconst url = process.env.TOKEN_URL ?? "https://x";\n' } },
    { name: 'JS: empty fallback', after: { 'src/auth.ts': 'const secret = process.env.JWT_SECRET || "";\n' } },
    { name: 'JS: fallback in a comment', after: { 'src/auth.ts': '// const secret = process.env.JWT_SECRET || "dev";\n/* process.env.API_KEY ?? "x" */\nexport {};\n' } },
    { name: 'JS: fallback inside a string', after: { 'src/docs.ts': 'export const hint = "never write process.env.JWT_SECRET || \'dev\'";\n' } },
    { name: 'JS: a literal that is only the start of an expression', after: { 'src/auth.ts': 'const secret = process.env.JWT_SECRET || "prefix-" + suffix;\n' } },
    { name: 'JS: test file', after: { 'src/auth.test.ts': 'const secret = process.env.JWT_SECRET || "test-secret";\n' } },
    {
      // As a new module repeating a fallback its folder already reads (above): the file already connects with that default.
      name: 'one more read of a default the same file already falls back to',
      before: { 'app/settings.py': py('import os', "A = os.getenv('A_PASSWORD', 'password')", "B = os.getenv('A_PASSWORD', 'password')") },
      after: { 'app/settings.py': py('import os', "A = os.getenv('A_PASSWORD', 'password')", "B = os.environ.get('A_PASSWORD', 'password')", "C = os.environ.get('A_PASSWORD', 'password')") },
    },
    {
      // hmpps-incentives-api 02e78d1af109: the generic-service chart loads each variable from a key of a Secret kept outside the repository.
      name: "a chart's namespace_secrets mapping of variables to Secret keys",
      after: {
        'helm_deploy/app/Chart.yaml': CHART,
        'helm_deploy/app/values.yaml': 'generic-service:\n  namespace_secrets:\n    rds-instance-output:\n      SPRING_FLYWAY_USER: "database_username"\n      SPRING_FLYWAY_PASSWORD: "database_password"\n  env:\n    JAVA_OPTS: "-Xmx512m"\n',
      },
    },
    // pomerium f0c3c14740a9: the end-to-end suite's Keycloak helper under internal/acceptance/.
    { name: 'JS: a module of an acceptance-test harness', after: { 'internal/acceptance/helpers/keycloak.ts': "const admin = { password: process.env.KEYCLOAK_ADMIN_PASSWORD || 'keyboard cat' };\n" } },
    {
      // hotosm/fAIr d3bb71a3b769: the same fallback, read through django-environ instead of os.getenv.
      name: 'Python: a settings module rewrites the fallback its base already had through another helper',
      before: { 'app/settings.py': "import os\nimport environ\n\nenv = environ.Env()\nif 'SECRET_KEY' not in env:\n    print('WARNING: secret key not set')\n    SECRET_KEY = os.getenv('SECRET_KEY', 'default_secret_key')\nelse:\n    SECRET_KEY = env('SECRET_KEY')\n" },
      after: { 'app/settings.py': "import environ\n\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY', default='default_secret_key')\n" },
    },
    {
      name: 'names that merely end in _KEY hold lookup keys, not secrets',
      after: {
        'app/settings.py': py('import os', 'from pydantic_settings import BaseSettings', 'class Settings(BaseSettings):', '    user_display_name_key: str = "displayName"', 'THEME_STORAGE_KEY = os.getenv("THEME_STORAGE_KEY", "app-theme")', 'AVATAR_FIELD_KEY = os.environ.get("AVATAR_FIELD_KEY", "avatarUrl")'),
        'src/keys.ts': 'export const USER_DISPLAY_NAME_KEY = process.env.USER_DISPLAY_NAME_KEY || "displayName";\nexport const LOCALE_KEY = process.env.LOCALE_KEY ?? "locale";\n',
      },
    },
    {
      // openfun/richie 0119f60be885: django-configurations' Base sets a development key; Production(Base) reads its own.
      name: 'a key set in a configuration class whose production subclass sets it again',
      after: { 'site/settings.py': py('from configurations import Configuration, values', 'class Base(Configuration):', '    SECRET_KEY = "ThisIsAnExampleKeyForDevPurposeOnly"', 'class Development(Base):', '    DEBUG = True', 'class Production(Base):', '    SECRET_KEY = values.SecretValue()') },
    },
    {
      name: 'test and development configuration classes in a production config module',
      after: { 'app/config.py': py('import os', 'class Config:', '    SECRET_KEY = os.environ["SECRET_KEY"]', 'class TestingConfig(Config):', '    SECRET_KEY = "test"', '    JWT_SECRET = os.environ.get("JWT_SECRET", "test-jwt")', 'class DevelopmentConfig(Config):', '    SECRET_KEY = "dev"', 'class LocalSettings(Config):', '    SECRET_KEY = "local"', 'def test_app():', '    os.environ.setdefault("SECRET_KEY", "pytest")') },
    },
    {
      name: 'default passwords outside production configuration: local compose, plain .env, tests, examples',
      after: {
        'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
        'docker-compose.dev.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: changeme\n',
        '.env': 'DB_PASSWORD=postgres\n',
        '.env.example': 'DB_PASSWORD=changeme\n',
        'tests/k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  password: ${Buffer.from('postgres').toString('base64')}\n`,
        'examples/config.yaml': 'database:\n  password: admin\n',
        // A compose file by another name (a trial stack) is judged as a compose file: not named for production.
        'pwd.yml': 'services:\n  db:\n    image: mariadb:10.6\n    environment:\n      MYSQL_ROOT_PASSWORD: admin\n',
      },
    },
    {
      name: 'production configuration without default passwords: references, user names, real-looking values',
      after: {
        'docker-compose.prod.yml': 'services:\n  db:\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app\n',
        'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  username: ${Buffer.from('postgres').toString('base64')}\n`,
        'k8s/storage-class.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nparameters:\n  adminSecretName: storage-api-secret\n  adminSecretNamespace: default\n',
      },
    },
    {
      name: 'compose fallbacks that are not reported: local and example stacks, empty and required defaults, user names, stand-ins for issued credentials',
      after: {
        // A plain compose file is as often the local stack as the deployed one.
        'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:-dev-secret}\n',
        'docker-compose.dev.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n',
        'examples/compose.prod.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n',
        'docker-compose.prod.yml': [
          'services:',
          '  api:',
          '    environment:',
          '      REDIS_PASSWORD: ${REDIS_PASSWORD:-}',
          '      POSTGRES_USER: ${POSTGRES_USER:-postgres}',
          '      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}',
          '      OPENAI_API_KEY: ${OPENAI_API_KEY:-your-openai-key}',
          '      S3_SECRET_ACCESS_KEY: ${S3_SECRET_ACCESS_KEY:-azerty123456}',
          '      GOOGLE_CLIENT_SECRET: ${GOOGLE_CLIENT_SECRET:-your-client-secret}',
          '      DB_PASSWORD: ${DB_PASSWORD:-${POSTGRES_PASSWORD}}',
          '      SESSION_TIMEOUT: ${SESSION_TIMEOUT:-3600}',
          '      LOG_LEVEL: ${LOG_LEVEL:-info}',
          '      # SECRET_KEY: ${SECRET_KEY:-commented-out}',
          '      DATABASE_URL: postgres://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD}@db/app',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a stand-in API key repeated in two services, or in one service only, or a placeholder shared',
      after: {
        'docker-compose.prod.yml': [
          'services:',
          '  api:',
          '    environment:',
          '      OPENAI_API_KEY: ${OPENAI_API_KEY:-your-openai-key}',
          '      MAPS_API_KEY: ${MAPS_API_KEY:-maps-demo-key}',
          '  worker:',
          '    environment:',
          '      OPENAI_API_KEY: ${OPENAI_API_KEY:-your-openai-key}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'environment reads in other languages that are not reported: no default, an empty one, a stand-in, a non-secret, a development profile, a test, a default the base had',
      before: { 'lib/app.rb': 'SECRET = ENV.fetch("APP_SECRET", "legacy-app-secret")\n' },
      after: {
        'lib/app.rb': '# the app secret\nSECRET = ENV.fetch("APP_SECRET", "legacy-app-secret")\n',
        'config/app.php': "<?php\nreturn ['key' => env('APP_KEY'), 'name' => env('APP_NAME', 'Laravel'), 'token' => env('GITHUB_TOKEN', ''), 'broker' => env('AUTH_PASSWORD_BROKER', 'users')];\n",
        // koel 0ee372882ceb: Laravel 5's stock line, refused by the AES-256-CBC encrypter (16 characters).
        'config/crypto.php': "<?php\nreturn ['key' => env('APP_KEY', 'SomeRandomString'), 'cipher' => 'AES-256-CBC'];\n",
        'main.go': 'var key = getEnv("OPENAI_API_KEY", "your-api-key")\nvar port = getEnv("PORT", "8080")\n',
        'src/main/resources/application-dev.yml': 'jwt:\n  secret: ${JWT_SECRET:dev-jwt-secret}\n',
        'src/main/resources/application.properties': 'server.port=${PORT:8080}\njwt.secret=${JWT_SECRET}\n',
        'spec/support/env.rb': 'ENV.fetch("JWT_SECRET", "test-jwt-secret")\n',
      },
    },
    // hmcts/ccd-case-document-am-api: three changes to a setting that already fell back to a literal, one renaming its
    // variable, one editing the default, one both; the setting starts with a value in the code before and after.
    {
      name: 'a setting that already fell back to a literal, its variable renamed or its default edited',
      before: { 'src/main/resources/application.yaml': 'idam:\n  s2s-auth:\n    totp_secret: ${ccd.s2s-secret:CNTOE7D2NX6XHBKT}\n  api:\n    secret: ${API_SECRET:AAAAAAAAAAAAAAAB}\n' },
      after: { 'src/main/resources/application.yaml': 'idam:\n  s2s-auth:\n    totp_secret: ${CASE_DOCUMENT_S2S_SECRET:CNTOE7D2NX6XHBKT}\n  api:\n    secret: ${API_SECRET:AAAAAAAAAAAAAAAA}\n' },
    },
    // spring-petclinic ce626da705: the postgres profile points the sample at the database its development compose starts.
    {
      name: "a Spring profile whose every URL is the local machine and whose password default is the development stack's database password",
      after: {
        'docker-compose.yml': 'services:\n  postgres:\n    image: postgres:14.1\n    ports:\n      - "5432:5432"\n    environment:\n      - POSTGRES_PASSWORD=clinicdb\n      - POSTGRES_USER=clinic\n',
        'src/main/resources/application-postgres.properties': 'spring.datasource.url=${POSTGRES_URL:jdbc:postgresql://localhost/clinic}\nspring.datasource.username=${POSTGRES_USER:clinic}\nspring.datasource.password=${POSTGRES_PASS:clinicdb}\n',
      },
    },
    {
      name: 'a compose fallback the file already had, rewritten or reused on a new line',
      before: { 'docker-compose.prod.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n' },
      after: { 'docker-compose.prod.yml': 'services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-changeme}\n  api:\n    environment:\n      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD:-changeme}@db/app\n' },
    },
    {
      name: 'a compose fallback the committed .env beside the file sets',
      after: { 'deploy/docker-compose.prod.yml': 'services:\n  api:\n    environment:\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:-insecure}\n', 'deploy/.env': 'SECRET_KEY_BASE=${SECRET_KEY_BASE}\n' },
    },
    {
      name: 'the key a client the code constructs presents to its service (an OpenAI SDK client for a local Ollama), in JavaScript and Python',
      after: {
        'server/utils/ollama/index.js': [
          'const { OpenAI } = require("openai");',
          'const client = new OpenAI({',
          '  baseURL: `${process.env.OLLAMA_BASE_PATH}/v1`,',
          '  apiKey: process.env.OLLAMA_AUTH_TOKEN || "ollama",',
          '});',
          'module.exports = { client };',
        ].join('\n'),
        'app/llm.py': py('import os', 'from openai import OpenAI', 'client = OpenAI(base_url=os.getenv("LLM_BASE_URL"), api_key=os.getenv("LLM_API_KEY", "not-needed"))'),
      },
    },
    {
      name: 'a default the change moves from a deleted configuration interface, read through constants, into a Spring properties class',
      before: {
        'persistence/src/main/java/app/db/DbConfiguration.java': [
          'public interface DbConfiguration {',
          '    String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";',
          '    String JDBC_PASSWORD_DEFAULT_VALUE = "password";',
          '    default String getJdbcPassword() { return getProperty(JDBC_PASSWORD_PROPERTY_NAME, JDBC_PASSWORD_DEFAULT_VALUE); }',
          '}',
        ].join('\n'),
      },
      after: {
        'persistence/src/main/java/app/db/config/DbProperties.java': ['@Component', 'public class DbProperties {', '    @Value("${jdbc.password:password}")', '    private String jdbcPassword;', '}'].join('\n'),
      },
    },
    {
      name: 'directory attribute names and published demo keys',
      after: { 'app/settings/__init__.py': py('import os', 'LDAP_DISPLAY_NAME_KEY = os.environ.get("LDAP_DISPLAY_NAME_KEY", "displayName")', 'LDAP_EMAIL_KEY = os.environ.get("LDAP_EMAIL_KEY", "mail")', 'FDA_API_KEY = os.getenv("FDA_API_KEY", "DEMO_KEY")') },
    },
    {
      name: 'a compose file no installer starts (a setup script, another file named by -f) is not taken as deployed as shipped',
      after: {
        'docker/docker-compose.yaml': composeWithUserDefault,
        'docker/setup.sh': ['#!/bin/bash', 'docker compose up -d', ''].join('\n'),
        'ops/docker-compose.yml': composeWithUserDefault,
        'ops/install.sh': ['#!/bin/bash', '# docker compose up -d', 'docker compose -f other.yml up -d', ''].join('\n'),
      },
    },
    {
      name: 'image ENV: references, build stages, public keys, non-verifier names and development Dockerfiles',
      after: {
        Dockerfile: [
          'FROM node:20 AS build',
          'ENV JWT_SECRET=build-only-secret',
          'RUN npm run build',
          '',
          'FROM python:3.12-slim',
          'ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
          'ENV SESSION_SECRET=$SESSION_SECRET APP_PORT=8000',
          'ENV SIGNING_KEY=""',
          'ENV JWT_SECRET_EXPIRES=3600 RANDOM_SEED=42 SEED=1234',
          'ENV OPENAI_API_KEY=<your-api-key>',
          'COPY --from=build /app /app',
          '',
        ].join('\n'),
        'Dockerfile.dev': `FROM python:3.12\nENV WALLET_MNEMONIC="${repeatedSeed}"\n`,
        'tests/wallet/Dockerfile': `FROM python:3.12\nENV SPARK_MNEMONIC="${repeatedSeed}"\n`,
      },
    },
    // komodo 08e55b5180: the agent's key is generated into the file the variable names (`file:` then a path).
    {
      name: 'image ENV naming the file a private key is kept in (a path, `file:` and a path), not a key',
      after: {
        'bin/agent/Dockerfile': ['FROM debian:bookworm-slim', 'ENV AGENT_PRIVATE_KEY="file:/config/keys/agent.key"', 'ENV APP_SIGNING_KEY=/run/secrets/signing.key', 'CMD ["agent"]', ''].join('\n'),
      },
    },
    {
      name: 'a comment or a URL of slot words documents the form of a database URL',
      after: {
        'config.yml': '# URI of the database\n# PostgreSQL: postgres://user:password@db:5432/database\n# MySQL: mysql://username:pass@host:port/database\ndb-uri: app.db\n',
        'config/database.yml': 'production:\n  url: postgres://user:password@host:5432/app\n',
      },
    },
    { name: "supervisord's unix-socket control server and its supervisorctl client: the socket's file mode decides who connects", after: { 'docker/conf/supervisord.conf': supervisord('unix_http_server') } },
    {
      name: 'a password beside a user name of another stem is not a spelled-out pair',
      before: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      after: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n', 'docker-compose.yaml': 'services:\n  app-postgres:\n    image: postgres:17-alpine\n    environment:\n      POSTGRES_PASSWORD: Kq7-vexo-password\n      POSTGRES_USER: acme-user\n' },
    },
    {
      name: 'throttle rates beside secret words (the name limits how often a token is exchanged; the value is a rate)',
      after: { 'app/settings/common.py': py('import os', 'OIDC_TOKEN_EXCHANGE_THROTTLE_RATE = os.getenv("OIDC_TOKEN_EXCHANGE_THROTTLE_RATE", "60/min")', 'API_KEY_QUOTA = os.getenv("API_KEY_QUOTA", "500/month")') },
    },
    {
      name: "a duration or size under a secret-named variable the name rules do not see as metadata (ACCESS_TOKEN_LIFESPAN)",
      after: { 'app/settings.py': py('import os', 'ACCESS_TOKEN_LIFESPAN = os.getenv("ACCESS_TOKEN_LIFESPAN", "15m")', 'UPLOAD_TOKEN_MAXBYTES = os.getenv("UPLOAD_TOKEN_MAXBYTES", "10MB")') },
    },
    {
      // The class the HTTPS, overlay and .env rules below must not reach: a stack that builds its code, an overlay no document runs with a deployed file, a .env the compose file never reads.
      name: 'a stack publishing 443 that builds the app, an overlay started only with a stack that does not deploy, a .env beside a deployed stack that it does not read',
      after: {
        'web/docker-compose.yml': 'services:\n  app:\n    build: .\n    ports:\n      - 443:443\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
        'extras/README.md': 'Run `docker compose -f docker-compose.yml -f extras/mongo.yml up`.\n',
        'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n    ports:\n      - 8080:80\n',
        'extras/mongo.yml': 'services:\n  mongodb:\n    image: mongo:7\n    environment:\n      MONGO_INITDB_ROOT_USERNAME: root\n      MONGO_INITDB_ROOT_PASSWORD: root\n',
        'stack/docker-compose.yml': 'services:\n  web:\n    image: caddy:2\n    ports:\n      - 443:443\n',
        'stack/.env': 'UNUSED_PASSWORD=password\n',
      },
    },
    {
      // alerta's flyway.conf: the migration tool's config for a developer's localhost database.
      name: 'a default password in a migration tool configuration whose every URL names localhost',
      after: { 'flyway.conf': '# flyway.url=jdbc:postgresql://db.example.com:5432/app\nflyway.url=jdbc:postgresql://localhost:5432/app\nflyway.user=postgres\nflyway.password=postgres\n' },
    },
    {
      // onyx 19860ae7be: deployment/docker_compose/docker-compose.prod.yml embedded, as it is, into the CLI that installs it.
      name: 'a deployed compose file mirrored as it is, under the same name, into another folder: no door its original did not open',
      before: { 'deploy/docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n' },
      after: {
        'deploy/docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n',
        'cli/embedded/deploy/docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'JS: a renamed environment variable whose fallback the change also replaces is new',
      before: { 'server/src/auth/auth.module.ts': "JwtModule.register({\n  secret:\n    process.env.KUBERO_JWT_SECRET ||\n    'mySecretKey',\n});\n" },
      after: { 'server/src/auth/auth.module.ts': "JwtModule.register({\n  secret:\n    process.env.JWT_SECRET ||\n    'anotherSecretKey',\n});\n" },
      findings: [{ line: 3, messageId: 'fallback' }],
    },
    {
      name: 'the same ConfigMap sets the password element itself, after the commented-out examples',
      after: { 'k8s/clickhouse-users.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clickhouse-users\ndata:\n  users.xml: |\n    <clickhouse>\n      <users>\n        <default>\n          <!-- Password could be specified in plaintext.\n               Example: <password>qwerty</password>.\n          -->\n          <!-- <password>qwerty</password> -->\n          <password>qwerty</password> <!-- set in users.d -->\n        </default>\n      </users>\n    </clickhouse>\n' },
      findings: [{ path: 'k8s/clickhouse-users.yaml', line: 14, messageId: 'defaultCredential' }],
    },
    {
      // Outside namespace_secrets, the same pair is a chart default every install runs with.
      name: "a chart's env values: a password that repeats the user name's words",
      after: {
        'helm_deploy/app/Chart.yaml': CHART,
        'helm_deploy/app/values.yaml': 'generic-service:\n  env:\n    SPRING_FLYWAY_USER: "database_username"\n    SPRING_FLYWAY_PASSWORD: "database_password"\n',
      },
      findings: [{ path: 'helm_deploy/app/values.yaml', line: 4, messageId: 'defaultCredential' }],
    },
    {
      // A branch that production takes too (the deployed environments listed with `in`, or an `or`) is no development branch.
      name: 'a fallback inside a branch that production takes too',
      after: {
        'backend/config/settings.py': py(
          'import os',
          'ENVIRONMENT = os.environ.get("ENV", "LOCAL")',
          'if ENVIRONMENT in ["STAGING", "PRODUCTION"]:',
          '    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "stagingsecret")',
          'if DEBUG or ENVIRONMENT == "PRODUCTION":',
          '    SECRET_KEY = os.environ.get("SECRET_KEY", "shared-key")',
        ),
      },
      findings: [
        { line: 4, messageId: 'fallback', data: { name: 'AWS_SECRET_ACCESS_KEY' } },
        { line: 6, messageId: 'fallback', data: { name: 'SECRET_KEY' } },
      ],
    },
    {
      name: "a Spring profile's password default beside a development stack: another password, or a URL that is not the local machine",
      after: {
        'docker-compose.yml': 'services:\n  postgres:\n    image: postgres:14.1\n    ports:\n      - "5432:5432"\n    environment:\n      - POSTGRES_PASSWORD=clinicdb\n',
        'src/main/resources/application-postgres.properties': 'spring.datasource.url=${POSTGRES_URL:jdbc:postgresql://localhost/clinic}\nspring.datasource.password=${POSTGRES_PASS:clinic-prod-db}\n',
        'src/main/resources/application-cloud.properties': 'spring.datasource.url=${POSTGRES_URL:jdbc:postgresql://db.internal/clinic}\nspring.datasource.password=${POSTGRES_PASS:clinicdb}\n',
      },
      findings: [
        { path: 'src/main/resources/application-cloud.properties', line: 2, messageId: 'fallback', data: { name: 'POSTGRES_PASS' } },
        { path: 'src/main/resources/application-postgres.properties', line: 2, messageId: 'fallback', data: { name: 'POSTGRES_PASS' } },
      ],
    },
    // kanboard's self-hosting compose files: the app user's password is the user name with `-secret`; MariaDB's root
    // password and the app user's are one service's, said once.
    {
      name: 'a password that is the user name beside it with a weak word; two default passwords of one service said once',
      after: {
        'docker-compose.postgres.yml': '# Self-hosting Acme with Postgres\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: kanboard\n      POSTGRES_PASSWORD: kanboard-secret\n',
        'docker-compose.mysql.yml': '# Self-hosting Acme with MariaDB\nservices:\n  db:\n    image: mariadb:lts\n    environment:\n      MYSQL_ROOT_PASSWORD: secret\n      MYSQL_USER: kanboard\n      MYSQL_PASSWORD: kanboard-secret\n  cache:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: changeme\n',
      },
      findings: [{ path: 'docker-compose.mysql.yml', line: 6 }, { path: 'docker-compose.mysql.yml', line: 12 }, { path: 'docker-compose.postgres.yml', line: 7 }],
    },
    {
      name: 'a new module whose fallback differs from its folder\'s, or whose folder has none: new doors',
      before: { 'server/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "changeme")\n', 'worker/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "changeme")\n' },
      after: { 'server/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "changeme")\n', 'server/db.py': 'import os\n\n\ndef url():\n    password = os.environ.get("POSTGRES_PASSWORD", "postgres")\n    return password\n', 'worker/main.py': 'import os\n\nPOSTGRES_PASSWORD = os.environ.get("POSTGRES_PASSWORD", "changeme")\n', 'api/db.py': 'import os\n\n\ndef url():\n    password = os.environ.get("POSTGRES_PASSWORD", "postgres")\n    return password\n' },
      findings: [{ path: 'api/db.py', line: 5 }, { path: 'server/db.py', line: 5 }],
    },
    {
      name: 'alembic.ini: a default password the migration environment connects with',
      after: {
        'server/alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql+psycopg://postgres:postgres@postgres:5432/app\n',
        'server/alembic/env.py': 'from alembic import context\nconfig = context.config\nurl = config.get_main_option("sqlalchemy.url")\n',
      },
      findings: [{ path: 'server/alembic.ini', line: 3 }],
    },
    {
      name: 'a chart ships fixed passwords for its bundled services, weak or not, even when the base shipped the same word for another setting',
      before: { 'charts/app/Chart.yaml': CHART, 'charts/app/values.yaml': 'app:\n  nextauth:\n    secret: changeme\n' },
      after: {
        'charts/app/Chart.yaml': CHART,
        'charts/app/values.yaml': [
          'app:',
          '  nextauth:',
          '    secret: changeme',
          '  additionalEnv:',
          '    - name: REDIS_URL',
          '      value: "redis://default:changeme@app-valkey:6379/0"',
          'clickhouse:',
          '  deploy: true',
          '  auth:',
          '    username: default',
          '    password: changeme',
          'minio:',
          '  auth:',
          '    rootUser: minio',
          "    rootPassword: 'miniosecret'",
          '',
        ].join('\n'),
      },
      findings: [
        { path: 'charts/app/values.yaml', line: 11, messageId: 'chartDefault', data: { name: 'clickhouse.auth.password' }, remediation: /existingSecret/ },
        { path: 'charts/app/values.yaml', line: 15, messageId: 'chartDefault', data: { name: 'minio.auth.rootPassword' } },
      ],
    },
    {
      name: 'one finding per password and bundled service: a root password of the same word is the same door, another service\'s is another',
      after: {
        'charts/app/Chart.yaml': CHART,
        'charts/app/values.yaml': 'mariadb:\n  auth:\n    database: app\n    password: s3rviceword\n    rootPassword: s3rviceword\npostgresql:\n  auth:\n    postgresPassword: s3rviceword\n    password: s3rviceword\n',
      },
      findings: [
        { path: 'charts/app/values.yaml', line: 4, messageId: 'chartDefault', data: { name: 'mariadb.auth.password' } },
        { path: 'charts/app/values.yaml', line: 8, messageId: 'chartDefault', data: { name: 'postgresql.auth.postgresPassword' } },
      ],
    },
    {
      name: 'a new chart of its own for a database ships a password made of the product name',
      after: { 'charts/postgresql/Chart.yaml': CHART, 'charts/postgresql/values.yaml': 'auth:\n  username: "signoz"\n  # @default -- "signoz@123"\n  password: "signoz123"\n  database: "signoz"\n' },
      findings: [{ path: 'charts/postgresql/values.yaml', line: 4, messageId: 'chartDefault', data: { name: 'auth.password' } }],
    },
    // Logflare's config/runtime.exs: the release's runtime configuration falls back to the database password `postgres`.
    {
      name: 'environment reads with a literal default in Elixir runtime configuration; a development config is not production',
      after: {
        'config/runtime.exs': 'import Config\n\nconfig :app, App.Repo,\n  password: System.get_env("DB_PASSWORD", "postgres"),\n  username: System.get_env("DB_USERNAME", "postgres")\n\nconfig :app, App.Token, secret: System.get_env("TOKEN_SECRET") || "token-secret"\n',
        'config/dev.exs': 'import Config\nconfig :app, App.Repo, password: System.get_env("DB_PASSWORD", "postgres")\n',
      },
      findings: [
        { path: 'config/runtime.exs', line: 4, messageId: 'fallback', data: { name: 'DB_PASSWORD' }, remediation: /System\.fetch_env!\("DB_PASSWORD"\)/ },
        { path: 'config/runtime.exs', line: 7, data: { name: 'TOKEN_SECRET' } },
      ],
    },
    {
      // The same file, where the setting read its variable alone before: the default is new.
      name: 'a setting that read its variable alone gains a literal default',
      before: { 'src/main/resources/application.yaml': 'idam:\n  s2s-auth:\n    totp_secret: ${CASE_DOCUMENT_S2S_SECRET}\n' },
      after: { 'src/main/resources/application.yaml': 'idam:\n  s2s-auth:\n    totp_secret: ${CASE_DOCUMENT_S2S_SECRET:CNTOE7D2NX6XHBKT}\n' },
      findings: [{ path: 'src/main/resources/application.yaml', line: 3, data: { name: 'CASE_DOCUMENT_S2S_SECRET' } }],
    },
    {
      name: 'environment reads with a literal default in Ruby, PHP, Go, Rust, C#, Java and Spring configuration',
      after: {
        'config/initializers/session.rb': 'Rails.application.config.secret_key_base = ENV.fetch("SECRET_KEY_BASE", "dev-secret-base")\nJWT_SECRET = ENV["JWT_SECRET"] || "supersecret"\n',
        'config/key.php': "<?php\nreturn ['key' => env('APP_KEY', 'base64:dev')];\n",
        'config/jwt.php': "<?php\nreturn [\n    'secret' => env('JWT_SECRET', 'changeme-jwt'),\n    'mysql' => ['password' => env('DB_PASSWORD', 'secret')],\n    'pgsql' => ['password' => env('DB_PASSWORD', 'secret')],\n];\n",
        'internal/config/config.go': 'package config\n\nvar Secret = getEnv("JWT_SECRET", "my-jwt-secret")\nvar Pass = cmp.Or(os.Getenv("DB_PASSWORD"), "postgres")\n',
        'src/config.rs': 'let secret = env::var("SESSION_SECRET").unwrap_or_else(|_| "session-secret".to_string());\n',
        'Api/Startup.cs': 'var key = Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? "signing-key-for-jwt";\n',
        'src/main/java/app/Security.java': 'class Security {\n  @Value("${jwt.secret:mySecretKey}")\n  private String secret;\n}\n',
        'src/main/resources/application.yml': 'app:\n  jwt:\n    secret: ${JWT_SECRET:dev-jwt-secret}\n',
      },
      findings: [
        { path: 'Api/Startup.cs', line: 1, messageId: 'fallback', data: { name: 'JWT_SIGNING_KEY' }, remediation: /InvalidOperationException/ },
        { path: 'config/initializers/session.rb', line: 1, messageId: 'fallback', data: { name: 'SECRET_KEY_BASE' }, remediation: /ENV\.fetch\("SECRET_KEY_BASE"\)/ },
        { path: 'config/initializers/session.rb', line: 2, data: { name: 'JWT_SECRET' } },
        { path: 'config/jwt.php', line: 3, data: { name: 'JWT_SECRET' } },
        { path: 'config/jwt.php', line: 4, data: { name: 'DB_PASSWORD' } },
        { path: 'config/key.php', line: 2, data: { name: 'APP_KEY' } },
        { path: 'internal/config/config.go', line: 3, data: { name: 'JWT_SECRET' }, remediation: /os\.LookupEnv/ },
        { path: 'internal/config/config.go', line: 4, data: { name: 'DB_PASSWORD' } },
        { path: 'src/config.rs', line: 1, data: { name: 'SESSION_SECRET' } },
        { path: 'src/main/java/app/Security.java', line: 2, data: { name: 'jwt.secret' } },
        { path: 'src/main/resources/application.yml', line: 3, data: { name: 'JWT_SECRET' }, remediation: /Spring refuses to start/ },
      ],
    },
    {
      // SurfSense c6e82ca84093: the sandbox server accepts the key, the backend presents it; both default to the same literal.
      name: 'a compose default for an API key the stack hands to two of its own services',
      after: {
        'docker/docker-compose.prod.yml': [
          'services:',
          '  sandbox-server:',
          '    image: opensandbox/server:v0.2.2',
          '    environment:',
          '      SANDBOX_SERVER_API_KEY: ${SANDBOX_API_KEY:-acme-dev-sandbox}',
          '  backend:',
          '    image: ghcr.io/acme/backend:1.4.0',
          '    environment:',
          '      SANDBOX_API_KEY: ${SANDBOX_API_KEY:-acme-dev-sandbox}',
          '',
        ].join('\n'),
      },
      findings: [{ line: 5, messageId: 'composeFallback', data: { name: 'SANDBOX_API_KEY' }, suggestion: '      SANDBOX_SERVER_API_KEY: ${SANDBOX_API_KEY:?set SANDBOX_API_KEY}' }],
    },
    {
      // lago: docker-compose.production.yml written from the deployed docker-compose.light.yml, its database default with it.
      name: 'a default password in a new production compose file copied from another deployed one: a new door where it is deployed',
      before: { 'deploy/docker-compose.light.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n      WORKERS: 4\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n      PGDATA: /data/postgres\n  proxy:\n    image: caddy:2\n    ports:\n      - 443:443\n' },
      after: { 'deploy/docker-compose.light.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n      WORKERS: 4\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n      PGDATA: /data/postgres\n  proxy:\n    image: caddy:2\n    ports:\n      - 443:443\n', 'deploy/docker-compose.production.yml': 'services:\n  app:\n    image: acme/app:1.2\n    environment:\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD:-changeme}@db/app\n      LOG_LEVEL: info\n      WORKERS: 4\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n      PGDATA: /data/postgres\n  proxy:\n    image: caddy:2\n    ports:\n      - 443:443\n' },
      findings: [{ path: 'deploy/docker-compose.production.yml', line: 12, messageId: 'composeDefaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'a default password in a migration tool configuration that connects to another host',
      after: { 'flyway.conf': 'flyway.url=jdbc:postgresql://db.acme-corp.net:5432/app\nflyway.user=postgres\nflyway.password=postgres\n' },
      findings: [{ path: 'flyway.conf', line: 3, messageId: 'defaultCredential', data: { name: 'flyway.password' } }],
    },
    {
      // docuseal's self-hosting compose: Caddy takes HTTPS for $HOST in front of the published image.
      name: 'a plain compose file that publishes HTTPS and builds nothing: it serves a public host',
      after: {
        'docker-compose.yml': 'services:\n  app:\n    image: acme/app:latest\n    environment:\n      DATABASE_URL: postgresql://postgres:postgres@postgres:5432/app\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: postgres\n  caddy:\n    image: caddy:2\n    command: caddy reverse-proxy --from $HOST --to app:3000\n    ports:\n      - 80:80\n      - 443:443\n',
      },
      findings: [{ path: 'docker-compose.yml', line: 10, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      // jitsi's rtcstats MongoDB overlay, started with the main stack by its README.
      name: 'a compose overlay its README starts together with a stack that deploys (publishes HTTPS from published images)',
      after: {
        'docker-compose.yml': "services:\n  web:\n    image: acme/web:stable\n    ports:\n      - '${HTTPS_PORT}:443'\n",
        'stats/mongodb/README.md': '```shell\ndocker compose -f docker-compose.yml -f stats.yml -f ./stats/mongodb/mongodb.yml up -d\n```\n',
        'stats/mongodb/mongodb.yml': 'services:\n  mongodb:\n    image: mongo\n    environment:\n      MONGO_INITDB_ROOT_USERNAME: root\n      MONGO_INITDB_ROOT_PASSWORD: root\n',
      },
      findings: [{ path: 'stats/mongodb/mongodb.yml', line: 6, messageId: 'defaultCredential', data: { name: 'MONGO_INITDB_ROOT_PASSWORD' } }],
    },
    {
      // piggymetrics: the committed .env fills the passwords the production compose file interpolates.
      name: 'the .env a deployed compose file beside it interpolates',
      before: { 'docker-compose.dev.yml': 'services:\n  config:\n    build: config\n' },
      after: {
        'docker-compose.dev.yml': 'services:\n  config:\n    build: config\n',
        'docker-compose.yml': 'services:\n  config:\n    image: acme/config\n    environment:\n      CONFIG_SERVICE_PASSWORD: $CONFIG_SERVICE_PASSWORD\n',
        '.env': 'CONFIG_SERVICE_PASSWORD=password\n',
      },
      findings: [{ path: '.env', line: 1, messageId: 'defaultCredential', data: { name: 'CONFIG_SERVICE_PASSWORD' } }],
    },
    {
      name: 'a number is no quantity: a signing key that falls back to 123456 is a weak key',
      after: { 'app/settings.py': py('import os', 'JWT_SECRET = os.getenv("JWT_SECRET", "123456")') },
      findings: [{ line: 2 }],
    },
    {
      name: "a production compose file's database password that spells its user name with password for user",
      before: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      after: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n', 'docker-compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  app-postgres:\n    image: postgres:17-alpine\n    environment:\n      POSTGRES_PASSWORD: acme-password\n      POSTGRES_USER: acme-user\n' },
      findings: [{ path: 'docker-compose.yaml', line: 7, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: "supervisord's TCP control server with a default password (its client's copy of it is the same door)",
      after: { 'docker/conf/supervisord.conf': supervisord('inet_http_server') },
      findings: [{ line: 4, messageId: 'defaultCredential' }],
    },
    {
      name: 'the same default password set, not commented out, in production configuration',
      after: { 'charts/argo-cd/values.yaml': 'configs:\n  secret:\n    extra:\n      LDAP_PASSWORD: "mypassword"\n' },
      findings: [{ path: 'charts/argo-cd/values.yaml', line: 4, message: /`LDAP_PASSWORD`/ }],
    },
    {
      name: 'a plain compose file that pulls published images beside its development variant: the stack users run; one password on two settings reported once',
      before: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      after: { 'docker-compose.dev.yaml': 'services:\n  db:\n    image: postgres:16\n', 'docker-compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n  temporal-postgresql:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: temporal\n      POSTGRES_USER: temporal\n  temporal:\n    image: temporalio/auto-setup:1.28.1\n    environment:\n      - POSTGRES_USER=temporal\n      - POSTGRES_PWD=temporal\n' },
      findings: [{ path: 'docker-compose.yaml', line: 7, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'a new production compose file with the default password another production compose file of the repository already sets: a new door',
      before: { 'deploy/docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n' },
      after: {
        'deploy/docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
        'analytics/docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
      },
      findings: [{ path: 'analytics/docker-compose.prod.yml', line: 5, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'a weak value the change removes under another key (the user name) is new as the password',
      before: { 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n' },
      after: { 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    env_file: .env.production\n', '.env.production': 'POSTGRES_PASSWORD=postgres\n' },
      findings: [{ path: '.env.production', line: 1, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'a default password moved out of a development compose file into production configuration is new there',
      before: { 'docker-compose.dev.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: changeme\n' },
      after: { 'docker-compose.dev.yml': 'services:\n  db:\n    image: postgres:16\n', '.env.production': 'POSTGRES_PASSWORD=changeme\n' },
      findings: [{ path: '.env.production', line: 1, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'a password equal to the user name beside it is a default credential',
      after: {
        'helm/app/values.yaml': 'postgresql:\n  global:\n    postgresql:\n      auth:\n        username: opengist\n        password: opengist\n        database: opengist\n',
        '.env.production': 'POSTGRES_USER=shop\nPOSTGRES_PASSWORD=shop\n',
      },
      findings: [
        { path: '.env.production', line: 2, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } },
        { path: 'helm/app/values.yaml', line: 6, messageId: 'defaultCredential', data: { name: 'password' } },
      ],
    },
    {
      name: 'a fallback that is not a client\'s key option: a key the app verifies with, a password, a plain read',
      after: {
        'src/auth.js': [
          'const jwt = new JwtStrategy({ secretOrKey: process.env.JWT_SECRET || "dev" });',
          'const redis = new Redis({ password: process.env.REDIS_PASSWORD || "redis-local" });',
          'const adminKey = process.env.ADMIN_API_KEY || "admin-key";',
          'const client = new Client({ token: process.env.ADMIN_SIGNING_TOKEN || "signing" });',
        ].join('\n'),
      },
      findings: [
        { line: 1, messageId: 'fallback', data: { name: 'JWT_SECRET' } },
        { line: 2, messageId: 'fallback', data: { name: 'REDIS_PASSWORD' } },
        { line: 3, messageId: 'fallback', data: { name: 'ADMIN_API_KEY' } },
        { line: 4, messageId: 'fallback', data: { name: 'ADMIN_SIGNING_TOKEN' } },
      ],
    },
    {
      name: 'a Spring properties class whose default is not the one the deleted configuration paired with the setting',
      before: {
        'persistence/src/main/java/app/db/DbConfiguration.java': [
          'public interface DbConfiguration {',
          '    String JDBC_USERNAME_PROPERTY_NAME = "jdbc.username";',
          '    String JDBC_PASSWORD_PROPERTY_NAME = "jdbc.password";',
          '    String JDBC_USERNAME_DEFAULT_VALUE = "conductor";',
          '    String JDBC_PASSWORD_DEFAULT_VALUE = "password";',
          '}',
        ].join('\n'),
      },
      after: {
        'persistence/src/main/java/app/db/config/DbProperties.java': ['@Component', 'public class DbProperties {', '    @Value("${jdbc.password:conductor}")', '    private String jdbcPassword;', '}'].join('\n'),
      },
      findings: [{ path: 'persistence/src/main/java/app/db/config/DbProperties.java', line: 3, messageId: 'fallback', data: { name: 'jdbc.password' } }],
    },
    {
      name: 'a rewritten line whose default changed',
      before: { 'app/settings.py': py('import os', "PASSWORD = os.getenv('SQL_PASSWORD', 'password')") },
      after: { 'app/settings.py': py('import os', "PASSWORD = os.environ.get('SQL_PASSWORD', 'hunter2')") },
      findings: [{ line: 2, messageId: 'fallback', data: { name: 'SQL_PASSWORD' } }],
    },
    {
      name: 'an environment read turned into a settings field with the same default',
      before: { 'app/config.py': py('import os', 'class AppSettings:', '    def __init__(self):', '        self.DEFAULT_PASSWORD = os.getenv("DEFAULT_PASSWORD", "MyPassword")') },
      after: { 'app/config.py': py('from pydantic import BaseSettings', 'class AppSettings(BaseSettings):', '    DEFAULT_PASSWORD: str = "MyPassword"') },
      findings: [{ line: 3, messageId: 'settings', data: { name: 'DEFAULT_PASSWORD' } }],
    },
    // opencve 8feb55cac5: install.sh copies the env template and runs `docker compose up -d` on the stack beside it,
    // whose init service creates the scheduler's admin with the password its user name defaults to.
    {
      name: "a compose file the project's install.sh starts deploys as shipped: a password default that repeats the user name default",
      after: {
        'docker/docker-compose.yaml': composeWithUserDefault,
        'docker/install.sh': ['#!/bin/bash', 'set -e', 'cp ./config/env.example ./.env', 'docker compose up -d', ''].join('\n'),
        'deploy/stack.yml': composeWithUserDefault,
        'deploy/deploy.sh': ['#!/bin/sh', 'docker compose -f stack.yml up -d --build', ''].join('\n'),
      },
      findings: [
        { path: 'deploy/stack.yml', line: 7, messageId: 'composeDefaultCredential', data: { name: '_SCHED_WWW_USER_PASSWORD' } },
        { path: 'docker/docker-compose.yaml', line: 7, messageId: 'composeDefaultCredential', data: { name: '_SCHED_WWW_USER_PASSWORD' } },
      ],
    },
    {
      name: 'a production image ENV sets a wallet seed phrase or a signing secret to a literal',
      after: {
        'docker/wallet/Dockerfile': ['ARG TAG=latest', 'FROM example/app:${TAG}', '# wallet sidecar', `ENV SPARK_MNEMONIC="${repeatedSeed}"`, 'ENV SPARK_NETWORK="MAINNET"', ''].join('\n'),
        Dockerfile: ['FROM python:3.12 AS base', 'ENV SEED_PHRASE="' + seedWords.join(' ') + '"', '', 'FROM base', 'ENV APP_PORT=8000 \\', '    JWT_SECRET=changeme', 'CMD ["app"]', ''].join('\n'),
      },
      findings: [
        // Line 2 is a seed phrase of different words: the secrets check reports it (below), so this check does not.
        { path: 'Dockerfile', line: 6, messageId: 'image', data: { name: 'JWT_SECRET' }, remediation: /docker run -e JWT_SECRET/ },
        { path: 'docker/wallet/Dockerfile', line: 4, messageId: 'image', data: { name: 'SPARK_MNEMONIC' } },
      ],
    },
    {
      name: 'a Helm chart kept under dev/ ships its default database password to everyone who installs it',
      after: {
        'dev/helm/Chart.yaml': 'apiVersion: v2\nname: wiki\nversion: 2.0.0\n',
        'dev/helm/values.yaml': 'postgresql:\n  postgresqlUser: postgres\n  ## will be stored in a secret\n  postgresqlPassword: "postgres"\n',
        'dev/local/values.yaml': 'postgresql:\n  postgresqlPassword: "postgres"\n',
      },
      findings: [{ path: 'dev/helm/values.yaml', line: 4, messageId: 'defaultCredential', data: { name: 'postgresqlPassword' } }],
    },
    {
      name: 'a fallback moved with its code from a deleted file into another (a plugin route moved to a shared folder), beside one taken from a test helper',
      before: {
        'plugins/chart/src/api/backend.ts': "const secretKey =\n  process.env.PLUGIN_SECRET || process.env.SECRET_KEY || 'defaultSecretKey';\nexport const sign = () => secretKey;\n",
        'plugins/test/helpers.ts': "export const apiKey = process.env.API_KEY || 'test-api-key';\n",
        'plugins/src/api/route.ts': 'export const route = 1;\n',
      },
      after: {
        'plugins/test/helpers.ts': 'export const apiKey = 1;\n',
        'plugins/src/api/route.ts': "const chartSecret = process.env.PLUGIN_SECRET || process.env.SECRET_KEY || 'defaultSecretKey';\nconst apiKey = process.env.API_KEY || 'test-api-key';\nexport const route = [chartSecret, apiKey];\n",
      },
      findings: [{ path: 'plugins/src/api/route.ts', line: 2, messageId: 'fallback' }],
    },
    {
      name: 'a ConfigMap spells out as keys the password its database URL already had (no new door), beside a new weak password',
      before: { 'k8s/accounts-db.yaml': 'kind: ConfigMap\ndata:\n  ACCOUNTS_DB_URI: postgresql://admin:admin@127.0.0.1:5432/accounts-db\n' },
      after: { 'k8s/accounts-db.yaml': 'kind: ConfigMap\ndata:\n  POSTGRES_USER: admin\n  POSTGRES_PASSWORD: admin\n  REDIS_PASSWORD: changeme\n  ACCOUNTS_DB_URI: postgresql://admin:admin@127.0.0.1:5432/accounts-db\n' },
      findings: [{ path: 'k8s/accounts-db.yaml', line: 5, message: /`REDIS_PASSWORD`/ }],
    },
    {
      name: "a Helm chart's values make the password a commented-out example URL showed the shipped default (the comment set nothing)",
      before: {
        'dev/helm/Chart.yaml': 'apiVersion: v2\nname: wiki\nversion: 2.0.0\n',
        'dev/helm/values.yaml': '# externalPostgresql:\n#   databaseURL: postgresql://postgres:postgres@postgres:5432/wiki\npostgresql:\n  postgresqlUser: postgres\n  postgresqlDatabase: wiki\n',
      },
      after: {
        'dev/helm/Chart.yaml': 'apiVersion: v2\nname: wiki\nversion: 2.0.0\n',
        'dev/helm/values.yaml': '# externalPostgresql:\n#   databaseURL: postgresql://postgres:postgres@postgres:5432/wiki\npostgresql:\n  postgresqlUser: postgres\n  postgresqlDatabase: wiki\n  postgresqlPassword: "postgres"\n',
      },
      findings: [{ path: 'dev/helm/values.yaml', line: 6, messageId: 'defaultCredential' }],
    },
    {
      name: 'a default password is reported once, on the setting that holds it rather than the URL that repeats it for the app',
      after: { 'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:1.4\n    environment:\n      DATABASE_URL: postgresql://postgres:postgres@postgres:5432/app\n  postgres:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: postgres\n' },
      findings: [{ path: 'docker-compose.prod.yml', line: 9, messageId: 'defaultCredential' }],
    },
    {
      name: 'a default password in a package.json script that starts or migrates the app',
      after: { 'package.json': '{\n  "scripts": {\n    "start": "DATABASE_URL=postgres://app:changeme@db:5432/app node server.js"\n  }\n}\n' },
      findings: [{ line: 3, messageId: 'defaultCredentialUrl' }],
    },
    {
      // trackdechets' backup-job Secret and prime-simplereport's and rd-professional-api's Spring stand-ins for cloud access keys; MinIO's stock key is the bundled MinIO's.
      name: "a stand-in for a cloud provider's access key is not a default credential; MinIO's stock key still is",
      after: {
        'k8s/backup-secret.yaml': 'apiVersion: v1\nkind: Secret\nstringData:\n  AWS_ACCESS_KEY_ID: changeme\n  AWS_SECRET_ACCESS_KEY: changeme\n  SECRET_ACCESS_KEY: changeme\n',
        'k8s/minio-secret.yaml': 'apiVersion: v1\nkind: Secret\nstringData:\n  S3_SECRET_ACCESS_KEY: minioadmin\n',
        'src/main/resources/application.yaml':
          'azure:\n  storage:\n    account-key: ${ACCOUNT_KEY:ACCOUNT_KEY}\naims:\n  secret-access-key: ${AIMS_SECRET_ACCESS_KEY:super-secret-access-key}\n  encryption-key: ${AIMS_KMS_ENCRYPTION_KEY:super-secret-encryption-key}\nsecurity:\n  session-key: ${SESSION_SECRET:super-secret-session}\n',
        // obico's chart: the key of the password inside an existing Secret.
        'charts/obico/values.yaml': 'postgresql:\n  existingSecret: obico-db\n  passwordSecretKey: password\n',
        'charts/obico/Chart.yaml': 'apiVersion: v2\nname: obico\nversion: 0.1.0\n',
      },
      findings: [
        { path: 'k8s/minio-secret.yaml', line: 4 },
        { path: 'src/main/resources/application.yaml', line: 8, data: { name: 'SESSION_SECRET' } },
      ],
    },
    {
      name: 'default passwords in production configuration are default credentials',
      after: {
        'docker-compose.prod.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n      DATABASE_URL: postgres://app:changeme@db:5432/app\n',
        '.env.production': 'DB_HOST=db\nDB_PASSWORD=admin123\n',
        'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  password: ${Buffer.from('changeme').toString('base64')}\n`,
        // A password that repeats the Secret's user name, whatever the word.
        'k8s/storage-secret.yaml': `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/storageos\ndata:\n  apiUsername: ${Buffer.from('storagepool').toString('base64')}\n  apiPassword: ${Buffer.from('storagepool').toString('base64')}\n`,
        'k8s/deploy.yaml': 'spec:\n  containers:\n    - env:\n        - name: REDIS_PASSWORD\n          value: redis\n',
        'src/main/resources/application.yml': 'spring:\n  datasource:\n    password: root\n',
        // Slot words in a URL that is not a comment and names a real host: a working default.
        'config.yml': 'db-uri: postgres://user:password@db:5432/app\n',
        // Not one: the setting's own name as its value names the Secret entry it is read from (hmpps-manage-users-api's Helm values).
        'helm_deploy/app/values.yaml': 'generic-service:\n  namespace_secrets:\n    rds-instance-output:\n      DATABASE_USERNAME: "database_username"\n      DATABASE_PASSWORD: "database_password"\n',
      },
      findings: [
        { path: '.env.production', line: 2, message: /`DB_PASSWORD` is set to a well-known default password/, remediation: /secret store/ },
        { path: 'config.yml', line: 1, message: /`postgres:\/\/` URL/ },
        { path: 'docker-compose.prod.yml', line: 4, message: /`POSTGRES_PASSWORD`/ },
        { path: 'docker-compose.prod.yml', line: 5, message: /`postgres:\/\/` URL carries a well-known default password/ },
        { path: 'k8s/deploy.yaml', line: 5, message: /`REDIS_PASSWORD`/ },
        { path: 'k8s/secret.yaml', line: 4, message: /`password`/ },
        { path: 'k8s/storage-secret.yaml', line: 6, message: /`apiPassword`/ },
        { path: 'src/main/resources/application.yml', line: 3, message: /`password`/ },
      ],
    },
    {
      name: 'compose fallbacks in a stack users deploy: any default for a signing key, a weak password for another credential, once per variable',
      after: {
        'deploy/docker-compose.production.yml': [
          'x-env: &env',
          '  DATABASE_URL: postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD:-changeme}@db:5432/app',
          '  SECRET_KEY_BASE: ${SECRET_KEY_BASE:-your-secret-key-base}',
          '  APP_ENCRYPTION_PRIMARY_KEY: "${APP_ENCRYPTION_PRIMARY_KEY:-your-encryption-key}"  # 32 bytes',
          '  APP_KEY_DERIVATION_SALT: ${APP_KEY_DERIVATION_SALT-salt}',
          `  PARTNER_API_KEY: \${PARTNER_API_KEY:-${randomKey}}`,
          'services:',
          '  db:',
          '    image: postgres:16',
          '    environment:',
          '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}',
          '  admin:',
          '    image: portainer/portainer-ce:2.21.0',
          '    environment:',
          '      - ADMIN_PASSWORD=${PORTAINER_PASSWORD:-changeme}',
          '      - "WORKER_URL=redis://:${REDIS_PASSWORD:-redis}@redis:6379"',
          '',
        ].join('\n'),
      },
      findings: [
        { line: 3, messageId: 'composeFallback', data: { name: 'SECRET_KEY_BASE' }, suggestion: '  SECRET_KEY_BASE: ${SECRET_KEY_BASE:?set SECRET_KEY_BASE}', remediation: /openssl rand -hex 64/ },
        { line: 4, messageId: 'composeFallback', data: { name: 'APP_ENCRYPTION_PRIMARY_KEY' }, suggestion: '  APP_ENCRYPTION_PRIMARY_KEY: "${APP_ENCRYPTION_PRIMARY_KEY:?set APP_ENCRYPTION_PRIMARY_KEY}"  # 32 bytes' },
        { line: 5, messageId: 'composeFallback', data: { name: 'APP_KEY_DERIVATION_SALT' } },
        { line: 6, messageId: 'composeFallback', data: { name: 'PARTNER_API_KEY' } },
        // DATABASE_URL on line 2 repeats the same default: one finding, where the variable is the setting.
        { line: 11, messageId: 'composeDefaultCredential', data: { name: 'POSTGRES_PASSWORD' }, suggestion: '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}' },
        { line: 15, messageId: 'composeDefaultCredential', data: { name: 'PORTAINER_PASSWORD' } },
        { line: 16, messageId: 'composeDefaultCredential', data: { name: 'REDIS_PASSWORD' } },
      ],
    },
    {
      name: 'compose fallbacks in a self-hosting stack named as an example, and in a plain compose file whose comment says it is for self-hosting',
      after: {
        'compose.example.yml': `# Example Docker Compose configuration for self hosting\nservices:\n  web:\n    image: ghcr.io/acme/app:1.0\n    environment:\n      SECRET_KEY_BASE: \${SECRET_KEY_BASE:-${randomKey}}\n`,
        'selfhost/docker-compose.yml': '# Production-ready stack: docker compose up -d\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n',
      },
      findings: [
        { path: 'compose.example.yml', line: 6, messageId: 'composeFallback', data: { name: 'SECRET_KEY_BASE' } },
        { path: 'selfhost/docker-compose.yml', line: 6, messageId: 'composeDefaultCredential', data: { name: 'POSTGRES_PASSWORD' } },
      ],
    },
    {
      name: 'a literal default password in a plain compose file whose comment says it is the self-hosting stack',
      after: { 'docker-compose.yml': '# To self-host, download this file and run docker compose up -d\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n' },
      findings: [{ line: 6, messageId: 'defaultCredential', data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'the production class of the same module is still reported',
      after: { 'app/config.py': py('class Config:', '    DEBUG = False', 'class TestingConfig(Config):', '    SECRET_KEY = "test"', 'class ProductionConfig(Config):', '    SECRET_KEY = "prod-key-change-me"') },
      findings: [{ line: 6, message: /`SECRET_KEY` is set to a value/ }],
    },
    {
      name: 'a key set in a base configuration class that the production class inherits, or that only a staging class sets again',
      after: { 'site/settings.py': py('from configurations import Configuration, values', 'class Base(Configuration):', '    SECRET_KEY = "ThisIsAnExampleKeyForDevPurposeOnly"', 'class Production(Base):', '    DEBUG = False'), 'app/config.py': py('class Config:', '    SECRET_KEY = "my-precious-key"', 'class Staging(Config):', '    DEBUG = False', 'class ProductionConfig:', '    SECRET_KEY = None') },
      findings: [{ path: 'app/config.py', line: 2 }, { path: 'site/settings.py', line: 3 }],
    },
    { name: 'a key that restates a secret word is a weak key, not a lookup key', after: { 'app/jwt.py': py('import os', 'JWT_SIGNING_KEY = os.getenv("JWT_SIGNING_KEY", "signing")') }, findings: [{ line: 2 }] },
    {
      name: 'seed: Flask secret key with a fallback',
      after: { 'app.py': py('import os', 'from flask import Flask', 'app = Flask(__name__)', "app.secret_key = os.environ.get('SECRET_KEY', 'unify-secret-key-change-in-production')") },
      findings: [{ line: 4, message: /`SECRET_KEY` falls back/, suggestion: "app.secret_key = os.environ['SECRET_KEY']", remediation: /os\.environ\["SECRET_KEY"\]/ }],
    },
    {
      name: 'os.getenv with a fallback',
      after: { 'app/core/security.py': py('import os', 'SECRET_KEY = os.getenv("JWT_SECRET", "secret")') },
      findings: [{ line: 2, suggestion: 'SECRET_KEY = os.environ["JWT_SECRET"]' }],
    },
    {
      name: 'environ imported from os',
      after: { 'db.py': py('from os import environ', 'password = environ.get("DB_PASSWORD", "postgres")') },
      findings: [{ line: 2, message: /`DB_PASSWORD`/, suggestion: 'password = environ["DB_PASSWORD"]' }],
    },
    { name: 'getenv imported bare: no suggestion', after: { 'client.py': py('from os import getenv', 'key = getenv("STRIPE_API_KEY", default="replace-in-prod")') }, findings: [{ line: 2, suggestion: null }] },
    { name: 'setdefault: no suggestion', after: { 'wsgi.py': py('import os', 'os.environ.setdefault("SECRET_KEY", "dev")') }, findings: [{ line: 2, suggestion: null }] },
    {
      name: 'or-fallback',
      after: { 'config.py': py('import os', 'SIGNING_KEY = os.environ.get("SIGNING_KEY") or "insecure"') },
      findings: [{ line: 2, suggestion: 'SIGNING_KEY = os.environ["SIGNING_KEY"]' }],
    },
    {
      name: 'python-decouple config with a default',
      after: { 'settings.py': py('from decouple import config', 'SECRET_KEY = config("SECRET_KEY", default="dev", cast=str)') },
      findings: [{ line: 2, remediation: /config\("SECRET_KEY"\)/, suggestion: 'SECRET_KEY = config("SECRET_KEY", cast=str)' }],
    },
    {
      name: 'django-environ with a default',
      after: { 'project/settings/base.py': py('import environ', 'env = environ.Env()', 'SECRET_KEY = env("DJANGO_SECRET_KEY", default="!!!SET DJANGO_SECRET_KEY!!!")') },
      findings: [{ line: 3, suggestion: 'SECRET_KEY = env("DJANGO_SECRET_KEY")' }],
    },
    { name: 'config() from an unknown library: no suggestion', after: { 'settings.py': py('from .conf import config', 'API_TOKEN = config("API_TOKEN", default="abc")') }, findings: [{ line: 2, suggestion: null }] },
    {
      name: 'a call that spans lines',
      after: { 'settings.py': py('from decouple import config', 'SECRET_KEY = config(', '    "SECRET_KEY",', '    default="dev",', ')') },
      findings: [{ line: 2, endLine: 5, suggestion: null }],
    },
    {
      name: 'pydantic-settings field with a literal default',
      after: { 'app/core/config.py': py('from pydantic import Field', 'from pydantic_settings import BaseSettings', 'class Settings(BaseSettings):', '    app_name: str = "photo-api"', '    secret_key: str = "dev"  # override in prod', '    db_password: str = Field(default="postgres")') },
      findings: [
        { line: 5, message: /settings field `secret_key`/, suggestion: '    secret_key: str  # override in prod', remediation: /secret_key: SecretStr/ },
        { line: 6, message: /`db_password`/, suggestion: null },
      ],
    },
    {
      name: 'a subclass of a settings class',
      after: { 'config.py': py('import pydantic_settings', 'class Base(pydantic_settings.BaseSettings):', '    pass', 'class Prod(Base):', '    jwt_secret: str = "changeme"') },
      findings: [{ line: 5, message: /`jwt_secret`/ }],
    },
    {
      name: 'Django django-insecure key',
      after: { 'mysite/settings.py': py('import os', "SECRET_KEY = 'django-insecure-change-me-please'", 'DEBUG = False') },
      findings: [{ line: 2, message: /django-insecure-/, suggestion: 'SECRET_KEY = os.environ["SECRET_KEY"]' }],
    },
    {
      name: 'Flask config set to a literal',
      after: { 'app/__init__.py': py('from flask import Flask', 'app = Flask(__name__)', 'app.config["SECRET_KEY"] = "dev"', 'app.config.from_mapping(', '    SECRET_KEY="dev",', '    DATABASE="app.sqlite",', ')') },
      findings: [
        { line: 3, message: /`SECRET_KEY` is set to a value written in the code/, suggestion: null },
        { line: 5, message: /`SECRET_KEY`/ },
      ],
    },
    {
      name: 'config class with a hardcoded key',
      after: { 'config.py': py('class Config:', '    SECRET_KEY = "my-precious"', '    SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"') },
      findings: [{ line: 2, message: /is set to a value/ }],
    },
    {
      name: 'JS: || and ?? fallbacks',
      after: { 'src/config.ts': 'export const config = {\n  jwtSecret: process.env.JWT_SECRET || "dev-secret",\n  apiKey: process.env["OPENAI_API_KEY"] ?? \'sk-placeholder\',\n  port: process.env.PORT || 3000,\n};\n' },
      findings: [
        { line: 2, message: /`JWT_SECRET` falls back/, suggestion: null, remediation: /const jwtSecret = requireEnv\("JWT_SECRET"\)/ },
        { line: 3, message: /`OPENAI_API_KEY`/ },
      ],
    },
    { name: 'a filler default for a signing secret is still reported', after: { 'app.py': py('import os', 'JWT_SECRET = os.getenv("JWT_SECRET", "xxxxxxxx")') }, findings: [{ line: 2 }] },
    { name: 'JS: express-session keyboard cat', after: { 'server.js': "app.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat', resave: false }));\n" }, findings: [{ line: 1, message: /`SESSION_SECRET`/ }] },
    { name: 'JS: destructuring default', after: { 'src/env.mjs': 'const {\n  PORT = "3000",\n  JWT_SECRET = `dev`,\n} = process.env;\n' }, findings: [{ line: 3, message: /`JWT_SECRET`/ }] },
    { name: 'JS: Deno and import.meta.env', after: { 'main.ts': 'const a = Deno.env.get("GITHUB_TOKEN") ?? "ghp_dummy";\nconst b = import.meta.env.VITE_API_KEY || "local";\n' }, findings: [{ line: 1 }, { line: 2 }] },
  ],
});

// The hand-off is real: the lines this check leaves to `secrets` are reported there, so none goes unreported.
describe('insecure-default-secret leaves real secrets to the secrets check', () => {
  const handedOff: [string, string, number][] = [
    ['mysite/settings.py', py(`SECRET_KEY = '${djangoKey}'`), 1],
    ['app/github.py', py('import os', `TOKEN = os.getenv("GITHUB_TOKEN", "${githubToken}")`), 2],
    ['src/auth.js', `const secret = process.env.JWT_SECRET || '${randomKey}';\n`, 1],
    ['Dockerfile', `FROM python:3.12\nENV SEED_PHRASE="${seedWords.join(' ')}"\n`, 2],
  ];
  for (const [path, text, line] of handedOff) {
    it(`secrets reports ${path}:${line}`, () => expect(scanTextForSecrets(text, path).map((m) => m.line)).toContain(line));
  }
});
