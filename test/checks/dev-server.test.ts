// Table tests for dev-server.
import check from '../../checks/dev-server.js';
import { testCheck } from '../helpers/check-tester.js';

const flaskApp = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=5000)\n';
const flaskNoRun = 'from flask import Flask\n\napp = Flask(__name__)\n';
const dockerfile = (cmd: string, extra = '') => `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n${extra}${cmd}\n`;

testCheck(check, {
  valid: [
    {
      name: 'a compose service that live-mounts the folder it builds from (a local development setup)',
      after: { 'docker-compose.yml': 'services:\n  vote:\n    build: ./vote\n    command: python app.py\n    volumes:\n      - ./vote:/app\n', 'vote/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n', 'vote/app.py': flaskApp },
    },
    {
      name: 'the change only edits the arguments of a run call the module already made',
      before: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': `${flaskNoRun}\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n` },
      after: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': `${flaskNoRun}\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True, threaded=True)\n` },
    },
    { name: 'gunicorn in exec form', after: { Dockerfile: dockerfile('CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]') } },
    { name: 'streamlit run is its production server', after: { Dockerfile: dockerfile('CMD ["streamlit", "run", "app.py", "--server.port=8501"]') } },
    { name: 'uvicorn without --reload', after: { Dockerfile: dockerfile('CMD uvicorn main:app --host 0.0.0.0 --workers 4') } },
    { name: 'uvicorn --reload-dir alone does not reload', after: { Dockerfile: dockerfile('CMD ["uvicorn", "main:app", "--reload-dir", "src"]') } },
    { name: 'npm start whose script serves a craco build', after: { Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n', 'package.json': '{"scripts": {"build": "craco build", "start": "serve -s build"}}\n' } },
    { name: 'vite build in a build stage, nginx in the final one', after: { Dockerfile: 'FROM node:20 AS build\nRUN npx vite build\nCMD ["vite"]\nFROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n' } },
    { name: 'next start', after: { Dockerfile: 'FROM node:20\nCMD ["npx", "next", "start"]\n' } },
    { name: 'flask run in an earlier stage only', after: { Dockerfile: 'FROM python:3.12 AS dev\nCMD flask run\nFROM python:3.12\nCMD ["gunicorn", "app:app"]\n' } },
    { name: 'a development Dockerfile by name', after: { 'Dockerfile.dev': dockerfile('CMD ["flask", "run", "--host=0.0.0.0"]') } },
    { name: 'a development compose override', after: { 'docker-compose.override.yml': 'services:\n  web:\n    command: npm run dev\n' } },
    { name: 'a final stage named dev', after: { Dockerfile: 'FROM python:3.12 AS prod\nCMD ["gunicorn", "app:app"]\nFROM prod AS dev\nCMD ["flask", "run"]\n' } },
    { name: 'python app.py where app.py serves with waitress', after: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': 'from waitress import serve\nfrom flask import Flask\napp = Flask(__name__)\nserve(app, host="0.0.0.0")\n' } },
    { name: 'python app.py where the module is missing', after: { Dockerfile: dockerfile('CMD ["python", "app.py"]') } },
    { name: 'app.run inside a function nobody calls', after: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': 'from flask import Flask\napp = Flask(__name__)\ndef local():\n    app.run()\n' } },
    { name: 'a Sanic app.run is not Flask', after: { Dockerfile: dockerfile('CMD ["python", "server.py"]'), 'server.py': 'from sanic import Sanic\napp = Sanic("x")\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", workers=4)\n' } },
    {
      name: 'the CMD is unchanged and the module is too',
      before: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': flaskApp },
      after: { Dockerfile: dockerfile('CMD ["python", "app.py"]', 'RUN pip install -r requirements.txt\n'), 'app.py': flaskApp },
    },
    { name: 'npm start whose script runs the built output', after: { Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n', 'package.json': '{"scripts": {"start": "node dist/server.js", "dev": "nodemon src/server.ts"}}\n' } },
    { name: 'npm run dev whose script is not a dev server', after: { Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD npm run dev\n', 'package.json': '{"scripts": {"dev": "node server.js"}}\n' } },
    { name: 'compose gunicorn', after: { 'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn -w 4 app:app\n' } },
    { name: 'Kubernetes job running a migration', after: { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app\n          command: ["gunicorn"]\n          args: ["app:app"]\n' } },
    { name: 'a removed Dockerfile', before: { Dockerfile: dockerfile('CMD flask run') }, after: {} },
    { name: 'python -m with a module that is not a server', after: { Dockerfile: dockerfile('CMD ["python", "-m", "worker"]'), 'worker.py': 'import time\nwhile True:\n    time.sleep(1)\n' } },
    { name: 'ng build then nginx', after: { Dockerfile: 'FROM node:20 AS build\nRUN npx ng build\nFROM nginx:alpine\nCMD ["nginx", "-g", "daemon off;"]\n' } },
    { name: 'echo mentioning flask run', after: { Dockerfile: dockerfile('CMD echo "use flask run locally" && gunicorn app:app') } },
  ],
  invalid: [
    {
      name: 'a Dockerfile whose COPY resolves from the build context compose names (issue 10)',
      after: {
        'svc/deployment/Dockerfile': 'FROM python:3.12\nWORKDIR /srv\nCOPY . .\nCMD ["python", "app.py"]\n',
        'svc/deployment/docker-compose.yml': 'services:\n  web:\n    build:\n      context: ..\n      dockerfile: deployment/Dockerfile\n',
        'svc/app.py': 'from flask import Flask\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0")\n',
      },
      findings: [{ path: 'svc/deployment/Dockerfile', line: 4, messageId: 'module' }],
    },
    {
      name: 'flask run in exec form',
      after: { Dockerfile: dockerfile('CMD ["flask", "run", "--host=0.0.0.0"]') },
      findings: [{ line: 4, messageId: 'command', data: { server: 'Flask\'s development server', command: 'flask run --host=0.0.0.0' }, remediation: /CMD \["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "4", "app:app"\]/, severity: 'warning' }],
    },
    { name: 'flask --app run in shell form', after: { Dockerfile: dockerfile('CMD flask --app hello run --host 0.0.0.0') }, findings: [{ line: 4, messageId: 'command', remediation: /"hello:app"/ }] },
    { name: 'the example binds the port the image exposes', after: { Dockerfile: dockerfile('CMD flask run --host 0.0.0.0 --port 5000', 'EXPOSE 5000\n') }, findings: [{ line: 5, messageId: 'command', remediation: /"--bind", "0\.0\.0\.0:5000"/ }] },
    { name: 'python -m flask run', after: { Dockerfile: dockerfile('CMD ["python", "-m", "flask", "run"]') }, findings: [{ line: 4, messageId: 'command', data: { server: 'Flask\'s development server', command: 'python -m flask run' } }] },
    { name: 'manage.py runserver', after: { Dockerfile: dockerfile('CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]') }, findings: [{ line: 4, messageId: 'command', data: { server: 'Django\'s development server (`runserver`)', command: 'python manage.py runserver 0.0.0.0:8000' }, remediation: /"mysite\.wsgi:application"[\s\S]*Replace `mysite`/ }] },
    {
      name: 'manage.py runserver names the project from DJANGO_SETTINGS_MODULE',
      after: { Dockerfile: dockerfile('CMD python manage.py runserver'), 'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n' },
      findings: [{ line: 4, messageId: 'command', remediation: /"shop\.wsgi:application"/ }],
    },
    { name: 'migrate then runserver through sh -c', after: { Dockerfile: dockerfile('CMD ["sh", "-c", "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]') }, findings: [{ line: 4, messageId: 'command', data: { server: 'Django\'s development server (`runserver`)', command: 'python manage.py runserver 0.0.0.0:8000' } }] },
    {
      name: 'uvicorn --reload gets a suggestion',
      after: { Dockerfile: dockerfile('CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]') },
      findings: [{ line: 4, messageId: 'command', data: { server: 'uvicorn with `--reload`', command: 'uvicorn main:app --host 0.0.0.0 --reload' }, suggestion: 'CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]', remediation: /"--workers", "4"/ }],
    },
    { name: 'uvicorn --reload in shell form', after: { Dockerfile: dockerfile('CMD uvicorn main:app --reload --port 80') }, findings: [{ line: 4, messageId: 'command', suggestion: 'CMD uvicorn main:app --port 80' }] },
    { name: 'python -m uvicorn --reload behind poetry run', after: { Dockerfile: dockerfile('CMD ["poetry", "run", "python", "-m", "uvicorn", "app.main:app", "--reload"]') }, findings: [{ line: 4, messageId: 'command' }] },
    { name: 'fastapi dev', after: { Dockerfile: dockerfile('CMD ["fastapi", "dev", "main.py"]') }, findings: [{ line: 4, messageId: 'command', remediation: /"fastapi", "run", "main.py"/ }] },
    { name: 'nodemon', after: { Dockerfile: 'FROM node:20\nCMD ["nodemon", "server.js"]\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'nodemon, a file-watching Node.js runner', command: 'nodemon server.js' }, remediation: /CMD \["node", "server.js"\]/ }] },
    { name: 'npx next dev', after: { Dockerfile: 'FROM node:20\nCMD npx next dev -p 3000\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'the Next.js development server (`next dev`)', command: 'next dev -p 3000' }, remediation: /RUN npm run build\nCMD \["npx", "next", "start"\]/ }] },
    // Palmr's web image and iggy's web UI stage serve the build with `vite preview`, which Vite documents as a local look
    // at the build, not a production server; through a package script too.
    {
      name: 'vite preview, directly and through a package script',
      after: {
        Dockerfile: 'FROM node:20\nCMD ["npx", "vite", "preview", "--host"]\n',
        'web/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD ["npm", "run", "preview"]\n',
        'web/package.json': '{"scripts": {"build": "vite build", "preview": "vite preview --host 0.0.0.0 --port 4173"}}\n',
      },
      findings: [
        { path: 'Dockerfile', line: 2, messageId: 'command', data: { server: "Vite's local preview server (`vite preview`), which Vite documents as not meant for production", command: 'vite preview --host' } },
        { path: 'web/Dockerfile', line: 5, messageId: 'script', message: /vite preview/ },
      ],
    },
    { name: 'bare vite', after: { Dockerfile: 'FROM node:20\nCMD ["npx", "vite", "--host", "0.0.0.0"]\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'the Vite development server', command: 'vite --host 0.0.0.0' }, remediation: /nginx/ }] },
    { name: 'ng serve', after: { Dockerfile: 'FROM node:20\nCMD ng serve --host 0.0.0.0\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'the Angular development server (`ng serve`)', command: 'ng serve --host 0.0.0.0' } }] },
    { name: 'webpack serve and webpack-dev-server', after: { Dockerfile: 'FROM node:20\nENTRYPOINT ["webpack-dev-server", "--port", "8080"]\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'webpack-dev-server', command: 'webpack-dev-server --port 8080' } }] },
    { name: 'npm run dev without a package.json', after: { Dockerfile: 'FROM node:20\nCMD ["npm", "run", "dev"]\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'the `dev` package script', command: 'npm run dev' } }] },
    { name: 'yarn dev and pnpm dev', after: { Dockerfile: 'FROM node:20\nCMD yarn dev\n', 'docker-compose.yml': 'services:\n  web:\n    image: node:20\n    command: pnpm dev\n' }, findings: [{ line: 2, messageId: 'command' }, { path: 'docker-compose.yml', line: 4, messageId: 'command' }] },
    {
      name: 'npm start whose script is react-scripts start',
      after: { Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n', 'package.json': '{"scripts": {"start": "react-scripts start"}}\n' },
      findings: [{ line: 4, messageId: 'script', data: { server: 'the Create React App development server (`react-scripts start`)', command: 'npm start', script: 'start', file: 'package.json', scriptText: 'react-scripts start' } }],
    },
    {
      name: 'npm start from a Dockerfile built from the root, whose package.json start script is a Create React App wrapper',
      after: { 'apps/web/Dockerfile': 'FROM node:16\nWORKDIR /usr/src/app\nCOPY apps/web/package*.json ./\nRUN npm install\nCOPY apps/web/ .\nCMD ["npm", "start"]\n', 'apps/web/package.json': '{"scripts": {"start": "mf-cra start", "build": "mf-cra build"}}\n' },
      findings: [{ line: 6, messageId: 'script', data: { server: 'the Create React App development server (`mf-cra start`)', command: 'npm start', script: 'start', file: 'apps/web/package.json', scriptText: 'mf-cra start' } }],
    },
    {
      name: 'craco start and react-app-rewired start',
      after: { Dockerfile: 'FROM node:20\nCMD ["npx", "craco", "start"]\n', 'docker-compose.yml': 'services:\n  web:\n    image: node:20\n    command: npx react-app-rewired start\n' },
      findings: [{ line: 2, messageId: 'command' }, { path: 'docker-compose.yml', line: 4, messageId: 'command' }],
    },
    {
      name: 'npm run dev resolved through a frontend folder copied into the image',
      after: { 'frontend/Dockerfile': 'FROM node:20\nWORKDIR /usr/src/app\nCOPY . .\nCMD ["npm", "run", "dev"]\n', 'frontend/package.json': '{"scripts": {"dev": "next dev"}}\n' },
      findings: [{ line: 4, messageId: 'script', data: { server: 'the Next.js development server (`next dev`)', command: 'npm run dev', script: 'dev', file: 'frontend/package.json', scriptText: 'next dev' } }],
    },
    {
      name: 'python app.py where app.py starts app.run under __main__',
      after: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': flaskApp },
      findings: [{ line: 4, messageId: 'module', data: { server: 'Flask\'s development server', command: 'python app.py', file: 'app.py', call: 'app.run(host="0.0.0.0", port=5000)', line: 12 }, remediation: /"app:app"/ }],
    },
    {
      name: 'python src/app.py from a Dockerfile in a deployment folder built from the root',
      after: { 'deployment/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY src/ /app/src/\nCMD python3 -u src/app.py\n', 'src/app.py': flaskApp },
      findings: [{ line: 4, messageId: 'module', data: { server: 'Flask\'s development server', command: 'python3 -u src/app.py', file: 'src/app.py', call: 'app.run(host="0.0.0.0", port=5000)', line: 12 }, remediation: /CMD \["gunicorn", "--chdir", "src", "--bind", "0\.0\.0\.0:5000", "--workers", "4", "app:app"\]/ }],
    },
    {
      name: 'python -m package module with app.run in main()',
      after: { Dockerfile: dockerfile('ENTRYPOINT ["python", "-m", "web.server"]'), 'web/server.py': 'from flask import Flask\napp = Flask(__name__)\ndef main():\n    app.run(port=8080)\nif __name__ == "__main__":\n    main()\n' },
      findings: [{ line: 4, messageId: 'module', remediation: /"web\.server:app"/ }],
    },
    {
      name: 'a create_app factory imported from the package',
      after: { Dockerfile: dockerfile('CMD ["python", "run.py"]'), 'run.py': 'from myapp import create_app\napp = create_app()\napp.run(host="0.0.0.0")\n', 'myapp/__init__.py': 'from flask import Flask\ndef create_app():\n    return Flask(__name__)\n' },
      findings: [{ line: 4, messageId: 'module' }],
    },
    {
      name: 'an app imported from a Flask module',
      after: { Dockerfile: dockerfile('CMD ["python", "run.py"]'), 'run.py': 'from server import app\nif __name__ == "__main__":\n    app.run()\n', 'server.py': 'import flask\napp = flask.Flask(__name__)\n' },
      findings: [{ line: 4, messageId: 'module' }],
    },
    {
      name: 'ENTRYPOINT python with CMD app.py',
      before: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python"]\n' },
      after: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python"]\nCMD ["app.py"]\n', 'app.py': flaskApp },
      findings: [{ line: 5, messageId: 'module' }],
    },
    {
      name: 'the change adds app.run to a module an unchanged CMD runs',
      before: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': flaskNoRun },
      after: { Dockerfile: dockerfile('CMD ["python", "app.py"]'), 'app.py': `${flaskNoRun}\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=False)\n` },
      findings: [{ path: 'app.py', line: 6, messageId: 'moduleRun', data: { call: 'app.run(host="0.0.0.0", debug=False)', server: 'Flask\'s development server', commandFile: 'Dockerfile', commandLine: 4, command: 'python app.py' } }],
    },
    {
      name: 'Werkzeug run_simple',
      after: { Dockerfile: dockerfile('CMD ["python", "serve.py"]'), 'serve.py': 'from werkzeug.serving import run_simple\nfrom app import app\nrun_simple("0.0.0.0", 8000, app)\n' },
      findings: [{ line: 4, messageId: 'module', data: { server: 'Werkzeug\'s development server (`run_simple`)', command: 'python serve.py', file: 'serve.py', call: 'run_simple("0.0.0.0", 8000, app)', line: 3 } }],
    },
    { name: 'uvicorn.run with reload=True', after: { Dockerfile: dockerfile('CMD ["python", "main.py"]'), 'main.py': 'import uvicorn\nif __name__ == "__main__":\n    uvicorn.run("main:app", host="0.0.0.0", reload=True)\n' }, findings: [{ line: 4, messageId: 'module', data: { server: 'uvicorn with `reload=True`', command: 'python main.py', file: 'main.py', call: 'uvicorn.run("main:app", host="0.0.0.0", reload=True)', line: 3 } }] },
    {
      name: 'compose command as a list',
      after: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    command:\n      - flask\n      - run\n      - --host=0.0.0.0\n    ports:\n      - "5000:5000"\n' },
      findings: [{ line: 4, messageId: 'command', endLine: 7, remediation: /command: \["gunicorn"/ }],
    },
    {
      name: 'compose python app.py through a bind mount',
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: python:3.12\n    working_dir: /srv\n    volumes:\n      - ./src:/srv\n    command: python main.py\n', 'src/main.py': flaskApp },
      findings: [{ line: 7, messageId: 'module', data: { server: 'Flask\'s development server', command: 'python main.py', file: 'src/main.py', call: 'app.run(host="0.0.0.0", port=5000)', line: 12 } }],
    },
    {
      name: 'compose bind mount from a parent folder',
      after: { 'deploy/docker-compose.yml': 'services:\n  web:\n    image: python:3.12\n    working_dir: /srv\n    volumes:\n      - ../backend:/srv\n    command: python server.py\n', 'backend/server.py': flaskApp, 'server.py': 'print(1)\n' },
      findings: [{ line: 7, messageId: 'module', data: { server: 'Flask\'s development server', command: 'python server.py', file: 'backend/server.py', call: 'app.run(host="0.0.0.0", port=5000)', line: 12 } }],
    },
    {
      name: 'compose runs the Dockerfile-built app with python app.py',
      after: { 'docker-compose.yml': 'services:\n  web:\n    build: ./backend\n    command: ["python", "app.py"]\n', 'backend/Dockerfile': 'FROM python:3.12\nWORKDIR /code\nCOPY . /code\nCMD ["gunicorn", "app:app"]\n', 'backend/app.py': flaskApp },
      findings: [{ line: 4, messageId: 'module', data: { server: 'Flask\'s development server', command: 'python app.py', file: 'backend/app.py', call: 'app.run(host="0.0.0.0", port=5000)', line: 12 } }],
    },
    {
      name: 'Kubernetes command and args',
      after: { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app\n          command: ["python"]\n          args: ["manage.py", "runserver", "0.0.0.0:8000"]\n' },
      findings: [{ path: 'k8s/deploy.yaml', line: 11, messageId: 'command', endLine: 12, remediation: /args: \["--bind"/ }],
    },
    {
      name: 'only the edited command line counts',
      before: { Dockerfile: 'FROM node:20\nCMD ["node", "server.js"]\n' },
      after: { Dockerfile: 'FROM node:20\nCMD ["nodemon", "server.js"]\n' },
      findings: [{ line: 2, messageId: 'command' }],
    },
    { name: 'CMD inherited from an earlier stage the final stage builds on', after: { Dockerfile: 'FROM python:3.12 AS base\nCMD ["flask", "run"]\nFROM base AS final\nRUN echo hi\n' }, findings: [{ line: 2, messageId: 'command' }] },
    { name: 'php artisan serve', after: { Dockerfile: 'FROM php:8.3\nCMD php artisan serve --host=0.0.0.0\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'Laravel\'s development server (`artisan serve`)', command: 'php artisan serve --host=0.0.0.0' } }] },
    { name: 'python -m http.server', after: { Dockerfile: 'FROM python:3.12\nCMD ["python3", "-m", "http.server", "8000"]\n' }, findings: [{ line: 2, messageId: 'command', data: { server: 'Python\'s `http.server`', command: 'python3 -m http.server 8000' } }] },
    { name: 'tini wrapping flask run', after: { Dockerfile: dockerfile('ENTRYPOINT ["tini", "--"]\nCMD ["flask", "run"]') }, findings: [{ line: 5, messageId: 'command' }] },
  ],
});
