// Table tests for debug-mode: Python (Flask, Django, FastAPI/Starlette) and environment settings in compose, Dockerfile, Kubernetes and production env files.
import check from '../../checks/debug-mode.js';
import { testCheck } from '../helpers/check-tester.js';

const flaskApp = (run: string) => `from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "ok"\n\n\n${run}\n`;

testCheck(check, {
  valid: [
    {
      // The same default-on read, moved from os.getenv to django-environ: the settings already ran with debug on when DEBUG was unset.
      name: 'a settings module rewrites the debug default its base already had through another helper',
      before: { 'proj/settings.py': 'import os\nINSTALLED_APPS = []\nDEBUG = bool(int(os.getenv("DEBUG", True)))\n' },
      after: { 'proj/settings.py': 'import environ\nenv = environ.Env()\nINSTALLED_APPS = []\nDEBUG = env.bool("DEBUG", default=True)\n' },
    },
    {
      name: 'Rails or ASP.NET Core development environment only in a build stage, a development compose file, or production',
      after: {
        Dockerfile: 'FROM ruby:3.3 AS build\nENV RAILS_ENV=development\nRUN bundle install\nFROM ruby:3.3-slim\nENV RAILS_ENV=production\nCMD ["bin/rails", "server"]\n',
        'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    environment:\n      RAILS_ENV: development\n',
        'api/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_ENVIRONMENT=Production\n',
      },
    },
    {
      name: 'debug on in env files that do not declare production, or are templates or development files',
      after: {
        '.env.docker': 'APP_ENV=local\nAPP_DEBUG=true\n',
        '.env': 'APP_NAME=Panel\nAPP_DEBUG=true\n',
        '.env.docker.example': 'APP_ENV=production\nAPP_DEBUG=true\n',
        'dev/.env.docker': 'APP_ENV=production\nAPP_DEBUG=true\n',
      },
    },
    {
      name: 'GraphQL debug read from the environment, in a development branch, or debug: true of something else',
      after: {
        'src/configs/config.ts': 'const config = {\n  graphql: {\n    debug: process.env.GRAPHQL_DEBUG === "1",\n  },\n  logger: {\n    debug: true,\n  },\n};\nexport default config;\n',
        'src/app.module.ts': 'if (process.env.NODE_ENV === "development") {\n  GraphQLModule.forRoot({ debug: true });\n}\n// graphql: { debug: true }\nconst s = "graphql: { debug: true }";\n',
        'src/app.spec.ts': 'GraphQLModule.forRoot({ debug: true });\n',
      },
    },
    {
      // The default is what was there, and now a deployment can turn it off: an improvement, not a new switch.
      name: 'a hard-coded DEBUG = True made configurable with a default that is still on',
      before: { 'config/django/base.py': 'import environ\nenv = environ.Env()\nINSTALLED_APPS = []\nDEBUG = True\n' },
      after: { 'config/django/base.py': 'import environ\nenv = environ.Env()\nINSTALLED_APPS = []\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n' },
    },
    { name: 'debug read from settings', after: { 'app.py': flaskApp('app.run(debug=settings.debug)') } },
    { name: 'debug read from the environment', after: { 'app.py': flaskApp('app.run(debug=os.getenv("FLASK_DEBUG") == "1")') } },
    { name: 'debug=False', after: { 'app.py': flaskApp('app.run(debug=False)') } },
    { name: 'app.run() without debug', after: { 'app.py': flaskApp('app.run(host="0.0.0.0")') } },
    { name: 'bare run(debug=True) function call', after: { 'app.py': 'from somewhere import run\n\nrun(debug=True)\n' } },
    { name: 'asyncio.run(debug=True) is not a web app', after: { 'main.py': 'import asyncio\n\nasyncio.run(main(), debug=True)\n' } },
    { name: 'app.run(debug=True) inside a string', after: { 'app.py': 'HELP = "start with app.run(debug=True)"\n' } },
    { name: 'app.run(debug=True) in a comment', after: { 'app.py': '# app.run(debug=True)\napp.run()\n' } },
    { name: 'app.run(debug=True) in a docstring', after: { 'app.py': 'def main():\n    """Call app.run(debug=True) locally."""\n    app.run()\n' } },
    { name: 'DEBUG = False in Django settings', after: { 'mysite/settings.py': 'DEBUG = False\nALLOWED_HOSTS = ["example.com"]\n' } },
    { name: 'DEBUG from the environment in Django settings', after: { 'mysite/settings.py': 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n' } },
    { name: 'DEBUG = True in a development settings module', after: { 'mysite/settings/local.py': 'from .base import *\n\nDEBUG = True\n' } },
    { name: 'DEBUG = True in test settings', after: { 'tests/settings.py': 'DEBUG = True\nINSTALLED_APPS = []\n' } },
    { name: 'DEBUG = True in a module that is not settings', after: { 'app/constants.py': 'DEBUG = True\nPAGE_SIZE = 20\n' } },
    { name: 'DEBUG = True only under a condition', after: { 'mysite/settings.py': 'import os\n\nif os.environ.get("ENV") == "dev":\n    DEBUG = True\n' } },
    { name: 'DEBUG = True overridden later from the environment', after: { 'mysite/settings.py': 'import os\nDEBUG = True\nDEBUG = os.environ.get("DJANGO_DEBUG") == "1"\n' } },
    {
      name: 'BooleanValue(True) in a base class that Production overrides',
      after: { 'settings.py': 'class Common(Configuration):\n    DEBUG = values.BooleanValue(True)\n\n\nclass Production(Common):\n    DEBUG = values.BooleanValue(False)\n' },
    },
    {
      name: 'DEBUG = True in a base class that Production inherits through a class that turns it off',
      after: { 'config.py': 'class Config:\n    DEBUG = True\n\n\nclass Deployed(Config):\n    DEBUG = False\n\n\nclass ProductionConfig(Deployed):\n    pass\n' },
    },
    {
      name: 'BooleanValue(False) in a base class that Production inherits',
      after: { 'settings.py': 'class Common(Configuration):\n    DEBUG = values.BooleanValue(False)\n\n\nclass Production(Common):\n    pass\n' },
    },
    {
      name: 'DEBUG = True in a base class only development and test classes inherit',
      after: { 'settings.py': 'class Common(Configuration):\n    DEBUG = values.BooleanValue(True)\n\n\nclass Local(Common):\n    pass\n\n\nclass Testing(Common):\n    pass\n' },
    },
    {
      name: 'BooleanValue(True) on another setting than DEBUG',
      after: { 'settings.py': 'class Common(Configuration):\n    USE_TZ = values.BooleanValue(True)\n    DEBUG = False\n\n\nclass Production(Common):\n    pass\n' },
    },
    {
      name: 'DEBUG = True in a base class of a production class defined in another module',
      after: { 'settings/common.py': 'class Common(Configuration):\n    DEBUG = values.BooleanValue(True)\n' },
    },
    { name: 'DEBUG = True in a development config class', after: { 'config.py': 'class Config:\n    DEBUG = False\n\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n' } },
    { name: 'Application(debug=True) without tornado', after: { 'gui.py': 'from toolkit import Application\n\nui = Application(debug=True)\n' } },
    { name: 'self.debug = True on an object that is not an app', after: { 'worker.py': 'class Worker:\n    def __init__(self):\n        self.debug = True\n' } },
    { name: 'FastAPI() without debug', after: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI(title="api")\n' } },
    {
      name: 'removed debug line',
      before: { 'app.py': flaskApp('app.run(debug=True)') },
      after: { 'app.py': flaskApp('app.run()') },
    },
    {
      name: 'unchanged debug line in a modified file',
      before: { 'app.py': flaskApp('app.run(debug=True)') },
      after: { 'app.py': flaskApp('app.run(debug=True)').replace('return "ok"', 'return "hello"') },
    },
    {
      name: 'debug line moved within the file',
      before: { 'app.py': 'app.run(debug=True)\nx = 1\n' },
      after: { 'app.py': 'x = 1\napp.run(debug=True)\n' },
    },
    { name: 'DEBUG=false in compose', after: { 'docker-compose.yml': 'services:\n  web:\n    image: web\n    environment:\n      - DEBUG=false\n      - FLASK_DEBUG=0\n' } },
    { name: 'DEBUG from a variable in compose', after: { 'docker-compose.yml': 'services:\n  web:\n    image: web\n    environment:\n      FLASK_DEBUG: ${FLASK_DEBUG:-0}\n' } },
    { name: 'debug in a development compose file', after: { 'docker-compose.dev.yml': 'services:\n  web:\n    environment:\n      - FLASK_DEBUG=1\n' } },
    { name: 'debug in the compose override file', after: { 'docker-compose.override.yml': 'services:\n  web:\n    environment:\n      FLASK_DEBUG: 1\n' } },
    { name: '.env.example', after: { '.env.example': 'DEBUG=true\nFLASK_DEBUG=1\n' } },
    { name: '.env.production.template', after: { '.env.production.template': 'DEBUG=true\n' } },
    { name: 'plain .env for local development', after: { '.env': 'DEBUG=true\n' } },
    { name: 'production env file with debug off', after: { '.env.production': 'DEBUG=false\nFLASK_ENV=production\n' } },
    { name: 'Dockerfile.dev', after: { 'Dockerfile.dev': 'FROM python:3.12\nENV FLASK_DEBUG=1\n' } },
    {
      name: 'Dockerfile ENV in a builder stage only',
      after: { Dockerfile: 'FROM python:3.12 AS build\nENV DEBUG=1\nRUN make\n\nFROM python:3.12-slim\nCOPY --from=build /app /app\n' },
    },
    { name: 'Dockerfile ENV from a build argument', after: { Dockerfile: 'FROM python:3.12\nARG DEBUG\nENV FLASK_DEBUG=$DEBUG\n' } },
    {
      name: 'Kubernetes env from a secret',
      after: { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n          env:\n            - name: DEBUG\n              valueFrom:\n                configMapKeyRef: { name: flags, key: debug }\n' },
    },
    { name: 'GitHub workflow env', after: { '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      DEBUG: "true"\n    steps: []\n' } },
    { name: 'Node DEBUG namespaces', after: { 'docker-compose.yml': 'services:\n  web:\n    environment:\n      DEBUG: "express:*"\n' } },
    // Mailu's first admin draft: `python server.py` on a developer's machine; Flask's default host is 127.0.0.1.
    { name: 'app.run(debug=True) under __main__ with no host: the loopback default', after: { 'config/server.py': flaskApp('if __name__ == "__main__":\n    app.run(debug=True)'), Dockerfile: 'FROM python:3.12\nCMD python config/server.py\n' } },
    { name: 'a launcher bound to the loopback interface', after: { 'serve.py': 'from app import create_app\n\napp = create_app()\napp.run(debug=True, threaded=True, host="127.0.0.1", port=4000)\n' } },
    {
      name: 'debug only when a run-time debug switch is on',
      after: { 'web.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\ndef run():\n    if settings.sxng_debug:\n        app.run(debug=True, host=HOST)\n    else:\n        app.run(host=HOST)\n    if settings.sxng_debug or app.debug:\n        app.debug = True\n' },
    },
    {
      name: 'app.run(debug=True) under __main__ when production serves the app through gunicorn',
      after: { 'app.py': flaskApp('if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)'), Procfile: 'web: gunicorn app:app\n' },
    },
    {
      // simple-login: `def local_main():` turns on the debug toolbar and is called only from the `__main__` block; gunicorn serves wsgi:app.
      name: 'app.debug = True and app.run(debug=True) in a function called only under __main__, while the Dockerfile starts gunicorn',
      after: {
        'server.py': flaskApp('def local_main():\n    app.config["DEBUG"] = True\n    app.debug = True\n    app.run(debug=True, port=7777)\n\n\nif __name__ == "__main__":\n    local_main()'),
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "wsgi:app", "-b", "0.0.0.0:7777"]\n',
      },
    },
    {
      name: 'app.run(debug=True) under __main__ when the Dockerfile starts gunicorn',
      after: { 'app.py': flaskApp('if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)'), Dockerfile: 'FROM python:3.12\nRUN pip install gunicorn==22.0.0\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    },
    {
      name: 'debug=True already there; the change only adds an argument',
      before: { 'app.py': flaskApp('app.run(host="0.0.0.0", port=80, debug=True)') },
      after: { 'app.py': flaskApp('app.run(host="0.0.0.0", port=80, debug=True, threaded=True)') },
    },
    {
      name: 'DEBUG=1 already set for the service; the line is only re-quoted',
      before: { 'compose.yaml': 'services:\n  web:\n    image: web:1\n    environment:\n      - DEBUG=1\n' },
      after: { 'compose.yaml': 'services:\n  web:\n    image: web:1\n    environment:\n      - "DEBUG=1"\n' },
    },
    { name: 'DEBUG read from the environment with an off default', after: { 'mysite/settings.py': 'import os\nINSTALLED_APPS = []\nDEBUG = bool(int(os.getenv("DEBUG", 0)))\n' } },
    {
      // Tabbycat: the production file laid over docker-compose.yml sets DEBUG=0 for the same service.
      name: 'debug on in a compose file whose production overlay beside it turns it off for that service',
      before: { 'docker-compose.prod.yml': 'services:\n  worker:\n    environment:\n      - DEBUG=0\n' },
      after: {
        'docker-compose.yml': 'services:\n  worker:\n    image: tabbycat\n    environment:\n      - DEBUG=1\n      - IN_DOCKER=1\n',
        'docker-compose.prod.yml': 'services:\n  worker:\n    environment:\n      - DEBUG=0\n',
      },
    },
  ],
  invalid: [
    {
      name: 'debug on in a compose file whose production overlay leaves that service, or that variable, alone',
      after: {
        'docker-compose.yml': 'services:\n  web:\n    image: app\n    environment:\n      - DEBUG=1\n  worker:\n    image: app\n    environment:\n      - FLASK_DEBUG=1\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    environment:\n      - WORKERS=4\n  worker:\n    environment:\n      - DEBUG=0\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 5 },
        { path: 'docker-compose.yml', line: 9 },
      ],
    },
    {
      name: 'a production image or deployment that runs Rails, Rack or ASP.NET Core in development mode',
      after: {
        Dockerfile: 'FROM ruby:3.3\nCOPY . .\nENV RAILS_ENV=development\nCMD ["bin/rails", "server", "-b", "0.0.0.0"]\n',
        'docker-compose.prod.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.2\n    environment:\n      ASPNETCORE_ENVIRONMENT: Development\n',
      },
      findings: [
        { path: 'Dockerfile', line: 3 },
        { path: 'docker-compose.prod.yml', line: 5 },
      ],
    },
    {
      name: 'an env file whose own settings declare production, with debug on',
      after: { '.env.docker': 'APP_ENV=production\nAPP_DEBUG=true\nAPP_URL=http://localhost\n', 'deploy/app.env': 'NODE_ENV="production"\nDEBUG=1\n' },
      findings: [
        { path: '.env.docker', line: 2 },
        { path: 'deploy/app.env', line: 2 },
      ],
    },
    {
      name: 'GraphQL debug hard-coded on in a configuration object or the server options',
      after: {
        'src/configs/config.ts': 'const config: Config = {\n  graphql: {\n    playgroundEnabled: true,\n    debug: true,\n  },\n};\nexport default (): Config => config;\n',
        'src/server.ts': 'const server = new ApolloServer({\n  typeDefs,\n  debug: true,\n});\n',
      },
      findings: [
        { path: 'src/configs/config.ts', line: 4, messageId: 'graphqlDebug', data: { code: 'debug: true' } },
        { path: 'src/server.ts', line: 3, messageId: 'graphqlDebug' },
      ],
    },
    {
      name: 'a configurable DEBUG whose default turns on where there was no debug switch, or where it was off',
      before: { 'proj/settings.py': 'import environ\nenv = environ.Env()\nDEBUG = False\n', 'app/settings.py': 'import environ\nenv = environ.Env()\n', 'config/django/base.py': 'import environ\nenv = environ.Env()\nINSTALLED_APPS = []\n' },
      after: {
        'proj/settings.py': 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n',
        'app/settings.py': 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DEBUG", default=True)\n',
        'config/django/base.py': 'import environ\nenv = environ.Env()\nINSTALLED_APPS = []\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n',
      },
      findings: [
        { path: 'app/settings.py', line: 3, messageId: 'debugDefault' },
        { path: 'config/django/base.py', line: 4, messageId: 'debugDefault' },
        { path: 'proj/settings.py', line: 3, messageId: 'debugDefault' },
      ],
    },
    {
      name: 'Flask app.run(debug=True) in a new file',
      after: { 'app.py': flaskApp('app.run(debug=True)') },
      findings: [{ line: 11, messageId: 'run', data: { code: 'app.run(debug=True)', receiver: 'app', method: 'run' }, suggestion: 'app.run(debug=False)', remediation: /FLASK_DEBUG[\s\S]*gunicorn --bind 0\.0\.0\.0:8000 app:app[\s\S]*flask --app app:app run --debug/ }],
    },
    {
      // A function the module also calls elsewhere, or that a decorator registers (a CLI command), may run in production.
      name: 'app.debug = True in a function that is also called outside __main__, or is a registered command, while gunicorn serves the app',
      after: {
        'server.py': flaskApp('def local_main():\n    app.debug = True\n\n\n@app.cli.command()\ndef serve():\n    app.debug = True\n\n\ndef unused():\n    app.debug = True\n\n\nlocal_main()\n\nif __name__ == "__main__":\n    local_main()\n    serve()'),
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "server:app"]\n',
      },
      findings: [{ line: 12, messageId: 'flaskConfig' }, { line: 17, messageId: 'flaskConfig' }, { line: 21, messageId: 'flaskConfig' }],
    },
    {
      name: 'app.debug = True in a function called only under __main__ when production runs the module as a script',
      after: { 'server.py': flaskApp('def local_main():\n    app.debug = True\n\n\nif __name__ == "__main__":\n    local_main()'), Procfile: 'web: python server.py\n' },
      findings: [{ line: 12, messageId: 'flaskConfig' }],
    },
    {
      name: 'app.run(debug=True) under __main__ when a Procfile runs it as a script, not through a server',
      after: { 'app.py': flaskApp('if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)'), Procfile: 'web: python app.py\n', Dockerfile: 'FROM python:3.12\nRUN pip install gunicorn\nCMD python app.py\n' },
      findings: [{ line: 12, messageId: 'run' }],
    },
    {
      name: 'debug under a negated switch is still on',
      after: { 'app.py': flaskApp('if not settings.DEBUG:\n    app.run(host="0.0.0.0", debug=True)') },
      findings: [{ line: 12, messageId: 'run' }],
    },
    {
      name: 'DEBUG whose default, when the variable is unset, turns debug on',
      before: { 'recipes/settings.py': 'import os\nINSTALLED_APPS = []\nDEBUG = bool(int(os.getenv("DEBUG", False)))\n' },
      after: { 'recipes/settings.py': 'import os\nINSTALLED_APPS = []\nDEBUG = bool(int(os.getenv("DEBUG", True)))\n' },
      findings: [{ line: 3, messageId: 'debugDefault', data: { code: 'os.getenv("DEBUG", True)', variable: 'DEBUG' }, suggestion: 'DEBUG = bool(int(os.getenv("DEBUG", False)))', remediation: /os\.environ\.get\("DEBUG", "0"\) == "1"/ }],
    },
    {
      name: 'DEBUG from django-environ and decouple with a true default',
      after: { 'proj/settings.py': 'import environ\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n', 'other/settings.py': 'from decouple import config\nDEBUG = config("DEBUG", default="true", cast=bool)\n' },
      findings: [
        { path: 'other/settings.py', line: 2, messageId: 'debugDefault', suggestion: 'DEBUG = config("DEBUG", default="0", cast=bool)' },
        { path: 'proj/settings.py', line: 3, messageId: 'debugDefault', data: { variable: 'DJANGO_DEBUG' } },
      ],
    },
    {
      name: 'debug=True added to an existing app.run',
      before: { 'app.py': flaskApp('app.run()') },
      after: { 'app.py': flaskApp('app.run(debug=True)') },
      findings: [{ line: 11, messageId: 'run', suggestion: 'app.run(debug=False)' }],
    },
    {
      // Module level runs on import (gunicorn too); a host given positionally, and Dash, whose default host comes from HOST, are judged as written.
      name: 'app.run(debug=True) with no host at module level, with a positional host under __main__, and Dash run under __main__',
      after: {
        'app.py': flaskApp('app.run(debug=True)'),
        'serve.py': flaskApp('if __name__ == "__main__":\n    app.run("0.0.0.0", debug=True)'),
        'dashboard.py': 'from dash import Dash\n\napp = Dash(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
      },
      findings: [{ path: 'app.py', line: 11 }, { path: 'dashboard.py', line: 6 }, { path: 'serve.py', line: 12 }],
    },
    {
      name: 'app.run(debug=True) under __main__ keeps indentation and other arguments',
      after: { 'app.py': 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", port=5000, debug=True)  # local\n' },
      findings: [{ line: 2, messageId: 'run', suggestion: '    app.run(host="0.0.0.0", port=5000, debug=False)  # local' }],
    },
    {
      name: 'multi-line app.run reports the debug line',
      after: { 'app.py': 'app.run(\n    host="0.0.0.0",\n    debug=True,\n)\n' },
      findings: [{ line: 3, messageId: 'run', suggestion: '    debug=False,' }],
    },
    {
      name: 'receivers that are Flask apps',
      after: {
        'server.py':
          'from flask import Flask\nserver = Flask(__name__)\nserver.run(debug=True)\napplication.run(debug=True)\nself.app.run(debug=True)\ncreate_app().run(debug=1)\nsocketio = SocketIO(app)\nsocketio.run(app, debug=True)\n',
      },
      findings: [{ line: 3, messageId: 'run', remediation: /gunicorn .* server:server/ }, { line: 4, messageId: 'run' }, { line: 5, messageId: 'run' }, { line: 6, messageId: 'run', suggestion: 'create_app().run(debug=False)' }, { line: 8, messageId: 'run', data: { code: 'socketio.run(debug=True)', receiver: 'socketio', method: 'run' } }],
    },
    {
      name: 'Flask debug attribute and config',
      after: {
        'web/__init__.py':
          'app.debug = True\napp.config["DEBUG"] = True\napp.config.update(DEBUG=True)\nconfig.update(DEBUG=True)\napp.config.update({"DEBUG": True})\napp.config.from_mapping(SECRET_KEY=key, DEBUG=True)\napp.config["ENV"] = "development"\n',
      },
      findings: [
        { line: 1, suggestion: 'app.debug = False', messageId: 'flaskConfig', data: { code: 'app.debug = True' } },
        { line: 2, messageId: 'flaskConfig', suggestion: 'app.config["DEBUG"] = False' },
        { line: 3, messageId: 'flaskConfig', suggestion: 'app.config.update(DEBUG=False)' },
        { line: 4, messageId: 'flaskConfig' },
        { line: 5, messageId: 'flaskConfig', suggestion: 'app.config.update({"DEBUG": False})' },
        { line: 6, messageId: 'flaskConfig' },
        { line: 7, messageId: 'flaskConfig', suggestion: 'app.config["ENV"] = "production"' },
      ],
    },
    {
      name: 'one finding per line',
      after: { 'app.py': 'app.debug = True; app.run(debug=True)\n' },
      findings: [{ line: 1, messageId: 'run' }],
    },
    {
      name: 'Django settings DEBUG = True',
      before: { 'mysite/settings.py': 'DEBUG = False\nALLOWED_HOSTS = ["example.com"]\n' },
      after: { 'mysite/settings.py': 'DEBUG = True\nALLOWED_HOSTS = ["example.com"]\n' },
      findings: [{ line: 1, suggestion: 'DEBUG = False', messageId: 'djangoSettings', data: { code: 'DEBUG = True' }, remediation: /DJANGO_DEBUG[\s\S]*ALLOWED_HOSTS/ }],
    },
    {
      name: 'Django configured in code',
      after: { 'manage_standalone.py': 'from django.conf import settings\n\nsettings.configure(DEBUG=True, ROOT_URLCONF=__name__)\nsettings.configure(DEBUG=False)\nmysettings.configure(DEBUG=True)\n' },
      findings: [{ line: 3, suggestion: 'settings.configure(DEBUG=False, ROOT_URLCONF=__name__)', messageId: 'djangoSettings', data: { code: 'settings.configure(DEBUG=True)' } }],
    },
    {
      name: 'Django production settings module',
      after: { 'config/settings/production.py': 'from .base import *  # noqa\n\nDEBUG = True\n' },
      findings: [{ line: 3, messageId: 'djangoSettings', suggestion: 'DEBUG = False' }],
    },
    {
      name: 'DEBUG = True beside Django settings in a module of another name',
      after: { 'mysite/conf.py': 'DEBUG = True\nINSTALLED_APPS = ["django.contrib.admin"]\nROOT_URLCONF = "mysite.urls"\n' },
      findings: [{ line: 1, messageId: 'djangoSettings', data: { code: 'DEBUG = True' } }],
    },
    {
      name: 'Flask from_object configuration module',
      after: { 'flaskr.py': 'DEBUG = True\nSECRET_KEY = os.environ["SECRET_KEY"]\napp = Flask(__name__)\napp.config.from_object(__name__)\n' },
      findings: [{ line: 1, messageId: 'settings', data: { code: 'DEBUG = True' }, remediation: /FLASK_DEBUG/ }],
    },
    {
      name: 'django-configurations BooleanValue(True) in a base class that Production inherits',
      after: {
        'project/config/settings.py':
          'from configurations import Configuration, values\n\n\nclass Common(Configuration):\n    DEBUG = values.BooleanValue(True)\n    TEMPLATE_DEBUG = DEBUG\n\n\nclass Local(Common):\n    INSTALLED_APPS = []\n\n\nclass Production(Common):\n    SECRET_KEY = values.SecretValue()\n',
      },
      findings: [{ line: 5, suggestion: null, messageId: 'inheritedDebug', data: { code: 'DEBUG = values.BooleanValue(True)', className: 'Common', production: 'Production', unless: ' unless the deployment sets `DJANGO_DEBUG`' }, remediation: /class Production\(Common\):\n {4}DEBUG = values\.BooleanValue\(False\)/ }],
    },
    {
      name: 'DEBUG = True two classes up, with environ_prefix and a literal in a Flask config',
      after: {
        'settings.py': 'class Base(Configuration):\n    DEBUG = values.BooleanValue(default=True, environ_prefix="MYAPP")\n\n\nclass Shared(Base):\n    X = 1\n\n\nclass Prod(Shared):\n    Y = 2\n',
        'config.py': 'class Config:\n    DEBUG = True\n\n\nclass ProductionConfig(Config):\n    TESTING = False\n',
      },
      findings: [
        { path: 'config.py', line: 2, messageId: 'inheritedDebug', data: { code: 'DEBUG = True', className: 'Config', production: 'ProductionConfig', unless: '' } },
        { path: 'settings.py', line: 2, messageId: 'inheritedDebug', data: { className: 'Base', production: 'Prod', unless: ' unless the deployment sets `MYAPP_DEBUG`' } },
      ],
    },
    {
      name: 'BooleanValue(True) in the production class itself',
      after: { 'settings.py': 'class Production(Configuration):\n    DEBUG = values.BooleanValue(True)\n' },
      findings: [{ line: 2, suggestion: '    DEBUG = values.BooleanValue(False)', messageId: 'configClass', data: { code: 'DEBUG = values.BooleanValue(True)', className: 'Production' } }],
    },
    {
      name: 'DEBUG = True in a production config class',
      after: { 'config.py': 'class Config:\n    DEBUG = False\n\n\nclass ProductionConfig(Config):\n    DEBUG = True\n' },
      findings: [{ line: 6, suggestion: '    DEBUG = False', messageId: 'configClass', data: { code: 'DEBUG = True', className: 'ProductionConfig' } }],
    },
    {
      name: 'FastAPI and Starlette with debug=True',
      after: { 'main.py': 'from fastapi import FastAPI\nfrom starlette.applications import Starlette\n\napp = FastAPI(title="api", debug=True)\nadmin = Starlette(debug=True, routes=routes)\n' },
      findings: [
        { line: 4, suggestion: 'app = FastAPI(title="api", debug=False)', messageId: 'asgi', data: { code: 'FastAPI(debug=True)', framework: 'FastAPI' }, remediation: /FastAPI\(debug=os\.environ/ },
        { line: 5, messageId: 'asgi', suggestion: 'admin = Starlette(debug=False, routes=routes)' },
      ],
    },
    {
      name: 'Tornado Application(debug=True)',
      after: { 'server.py': 'import tornado.web\n\napp = tornado.web.Application(handlers, debug=True)\n' },
      findings: [{ line: 3, suggestion: 'app = tornado.web.Application(handlers, debug=False)', messageId: 'asgi', data: { code: 'Application(debug=True)', framework: 'Tornado' }, remediation: /tornado\.web\.Application\(handlers, debug=os\.environ/ }],
    },
    {
      name: 'compose environment list form',
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: web\n    environment:\n      - FLASK_ENV=development\n      - FLASK_DEBUG=1\n      - "DEBUG=true"\n' },
      findings: [
        { line: 5, suggestion: '      - FLASK_ENV=production', messageId: 'variable', data: { setting: 'FLASK_ENV=development', where: 'service `web` of docker-compose.yml', effect: 'puts Flask in development mode, which turns on its interactive debugger (Flask before 2.3)' }, remediation: /Flask 2\.3/ },
        { line: 6, messageId: 'variable', suggestion: '      - FLASK_DEBUG=0', remediation: /FLASK_DEBUG: "0"/ },
        { line: 7, messageId: 'variable', suggestion: '      - "DEBUG=false"' },
      ],
    },
    {
      name: 'compose environment map form',
      after: { 'deploy/compose.yaml': 'services:\n  api:\n    image: api\n    environment:\n      DJANGO_DEBUG: "True"\n      FLASK_DEBUG: 1\n      DEBUG: true\n' },
      findings: [
        { line: 5, messageId: 'variable', suggestion: '      DJANGO_DEBUG: "False"' },
        { line: 6, messageId: 'variable', suggestion: '      FLASK_DEBUG: "0"' },
        { line: 7, messageId: 'variable', suggestion: '      DEBUG: "false"' },
      ],
    },
    {
      name: 'compose debug switched on in a modified file',
      before: { 'docker-compose.yml': 'services:\n  web:\n    environment:\n      - FLASK_DEBUG=0\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    environment:\n      - FLASK_DEBUG=1\n' },
      findings: [{ line: 4, messageId: 'variable' }],
    },
    {
      name: 'Dockerfile ENV key=value and legacy forms',
      after: { Dockerfile: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 FLASK_DEBUG=1\nENV FLASK_ENV development\nENV APP=web \\\n    DEBUG="true"\nCMD ["gunicorn", "app:app"]\n' },
      findings: [
        { line: 2, suggestion: 'ENV PYTHONUNBUFFERED=1 FLASK_DEBUG=0', messageId: 'variable', data: { setting: 'FLASK_DEBUG=1', where: 'the image built by Dockerfile', effect: 'turns on Flask\'s debug mode and its interactive Werkzeug debugger' }, remediation: /docker run -e FLASK_DEBUG=1/ },
        { line: 3, messageId: 'variable', suggestion: 'ENV FLASK_ENV production' },
        { line: 5, messageId: 'variable', suggestion: '    DEBUG="false"' },
      ],
    },
    {
      name: 'Dockerfile ENV in a stage the final image builds on',
      after: { Dockerfile: 'FROM python:3.12 AS base\nENV DJANGO_DEBUG=true\n\nFROM base\nCMD ["gunicorn"]\n' },
      findings: [{ line: 2, messageId: 'variable' }],
    },
    {
      name: 'Kubernetes container env',
      after: {
        'k8s/deploy.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n          env:\n            - name: DJANGO_DEBUG\n              value: "true"\n            - { name: LOG_LEVEL, value: info }\n',
      },
      findings: [{ line: 12, endLine: 13, suggestion: '            - name: DJANGO_DEBUG\n              value: "false"', messageId: 'variable', data: { setting: 'DJANGO_DEBUG=true', where: 'container `api` of Deployment/api', effect: 'is the conventional switch for Django\'s `DEBUG` setting' }, remediation: /value: "false"/ }],
    },
    {
      name: 'Kubernetes env value switched on',
      before: { 'k8s/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      env:\n        - name: FLASK_DEBUG\n          value: "0"\n' },
      after: { 'k8s/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      env:\n        - name: FLASK_DEBUG\n          value: "1"\n' },
      findings: [{ line: 9, messageId: 'variable', endLine: 10 }],
    },
    {
      name: 'Kubernetes ConfigMap data',
      after: { 'k8s/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  DEBUG: "1"\n' },
      findings: [{ line: 6, suggestion: '  DEBUG: "0"', messageId: 'variable', data: { setting: 'DEBUG=1', where: 'ConfigMap `flags`', effect: 'turns on the application\'s debug mode' } }],
    },
    {
      name: 'production env files',
      after: { '.env.production': 'DATABASE_URL=postgres://db/app\nDEBUG=true\n', 'deploy/.env.prod': 'export FLASK_DEBUG="1"  # temporary\n' },
      findings: [
        { path: '.env.production', line: 2, suggestion: 'DEBUG=false', messageId: 'variable', data: { setting: 'DEBUG=true', where: 'the production env file .env.production', effect: 'turns on the application\'s debug mode' } },
        { path: 'deploy/.env.prod', line: 1, messageId: 'variable', suggestion: 'export FLASK_DEBUG="0"  # temporary' },
      ],
    },
  ],
});
