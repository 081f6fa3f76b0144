// What a change adds: reformatted, re-wrapped and moved lines are not new; moves git did not pair become renames.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { defineCheck } from '../../src/engine/define-check.js';
import { identifierRenames, lineMoveByName, linesMovedAcrossFiles, normaliseLine, pairMoves, reformattedLines, sameFileName, sameRoleByName, withPairedMoves } from '../../src/engine/moved-lines.js';
import { review } from '../../src/engine/review.js';
import type { ChangedFile } from '../../src/model/change-set.js';

const lines = (text: string, from = 1) => text.split('\n').map((t, i) => ({ line: from + i, text: t }));
const edit = (removed: string, added: string, removedFrom = 1, addedFrom = 1) => ({ removed: lines(removed, removedFrom), added: lines(added, addedFrom) });
const anyRole = () => true;

describe('normaliseLine', () => {
  it.each([
    ["SECRET = os.getenv('X', 'dev')", 'SECRET = os.getenv("X", "dev",)'],
    ['    image: nginx', 'image:   nginx'],
    ['RUN pip install gevent \\', 'RUN  pip install gevent'],
    ['KEYS = [a, b,]', 'KEYS = [a, b]'],
  ])('reads %j and %j as the same statement', (a, b) => {
    expect(normaliseLine(a)).toBe(normaliseLine(b));
  });

  it.each([
    ['DEBUG = True', '# DEBUG = True'],
    ['image: nginx:1.27', 'image: nginx:1.28'],
    ['password = "a b"', 'password = "a-b"'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(normaliseLine(a)).not.toBe(normaliseLine(b));
  });
});

describe('reformattedLines', () => {
  it.each([
    {
      name: 'a call wrapped over three lines',
      removed: "SECRET_KEY = os.environ.get('SECRET_KEY', 'dev-key')",
      added: 'SECRET_KEY = os.environ.get(\n    "SECRET_KEY",\n    "dev-key",\n)',
      moved: [1, 2, 3, 4],
    },
    {
      name: 'three lines joined into one',
      removed: 'SECRET_KEY = os.environ.get(\n    "SECRET_KEY", "dev-key"\n)',
      added: "SECRET_KEY = os.environ.get('SECRET_KEY', 'dev-key')",
      moved: [1],
    },
    {
      name: 'a RUN continuation re-wrapped',
      removed: 'RUN pip install --upgrade pip wheel && \\\n    pip install gevent',
      added: 'RUN pip install --upgrade pip wheel \\\n && pip install gevent \\\n && rm -rf /root/.cache',
      moved: [1, 2],
    },
  ])('$name is not new', ({ removed, added, moved }) => {
    expect([...reformattedLines(edit(removed, added))].sort((a, b) => a - b)).toEqual(moved);
  });

  it.each([
    { name: 'an uncommented line', removed: '# DEBUG = True', added: 'DEBUG = True' },
    { name: 'a changed fallback', removed: "SECRET = os.getenv('X', 'dev')", added: "SECRET = os.getenv('X', 'changeme')" },
    { name: 'a longer name holding the line', removed: 'MY_DEBUG = True', added: 'DEBUG = True' },
    { name: 'a new argument in the wrapped call', removed: 'CORS(app)', added: 'CORS(\n    app,\n    origins="*",\n)' },
    { name: 'a dropped version pin', removed: 'requests==2.31.0', added: 'requests' },
    { name: 'a dropped argument', removed: 'app.run(host="0.0.0.0", debug=False)', added: 'app.run(host="0.0.0.0",' },
  ])('$name is new', ({ removed, added }) => {
    const file = edit(removed, added);
    const newLines = file.added.filter((l) => !reformattedLines(file).has(l.line)).map((l) => l.text.trim());
    expect(newLines.length).toBeGreaterThan(0);
    if (added.includes('origins')) expect(newLines).toContain('origins="*",');
  });

  // Values built from pieces so the file holds no credential-shaped literal.
  const value = ['r9', 'nLGnz', '$(_q3N', '4z1k'].join('');
  it.each([
    { name: 'a value put in single quotes', path: 'env/app.env', removed: `SECRET_KEY=${value}`, added: `SECRET_KEY='${value}'` },
    { name: 'a value put in double quotes, with export', path: '.env.production', removed: `export SECRET_KEY=${value}`, added: `export SECRET_KEY="${value}"` },
    { name: 'quotes taken off', path: 'deploy/prod.env', removed: `TOKEN="${value}"`, added: `TOKEN=${value}` },
  ])('in an env file, $name is not new', ({ path, removed, added }) => {
    expect([...reformattedLines({ path, ...edit(removed, added) })]).toEqual([1]);
  });

  it.each([
    { name: 'a quoted value that changed', path: 'env/app.env', removed: `SECRET_KEY=${value}`, added: `SECRET_KEY='${value}x'` },
    { name: 'a quoted value outside an env file', path: 'settings.py', removed: `SECRET_KEY = ${value}`, added: `SECRET_KEY = '${value}'` },
    { name: 'a quoted value in a file whose path is not known', path: undefined, removed: `SECRET_KEY=${value}`, added: `SECRET_KEY='${value}'` },
  ])('$name is new', ({ path, removed, added }) => {
    expect([...reformattedLines({ ...(path !== undefined ? { path } : {}), ...edit(removed, added) })]).toEqual([]);
  });

  // A lint fix renames `app` to `APP` throughout a Flask module: its `app.run` line was there before.
  const lintRename = {
    removed: "app = Flask(__name__)\n@app.route('/ready')\ndef ready():\n    return 'ok'\napp.run(debug=False, host='0.0.0.0')",
    added: "APP = Flask(__name__)\n@APP.route('/ready')\ndef ready():\n    return 'ok'\nAPP.run(debug=False, host='0.0.0.0')",
  };
  it('in source code, a name the change renames throughout the file is not new', () => {
    const file = { path: 'src/contacts.py', ...edit(lintRename.removed, lintRename.added) };
    expect(identifierRenames(file)).toEqual(new Map([['app', 'APP']]));
    expect([...reformattedLines(file)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    { name: 'a rename seen on one line only', path: 'src/app.py', removed: 'app.run(host="0.0.0.0")', added: 'APP.run(host="0.0.0.0")' },
    { name: 'a value switched on two lines (not a name)', path: 'src/app.py', removed: 'a.run(debug=False)\nb.run(debug=False)', added: 'a.run(debug=True)\nb.run(debug=True)' },
    { name: 'a name still used by another added line', path: 'src/app.py', removed: 'x = make(dev)\ny = make(dev)', added: 'x = make(prod)\ny = make(prod)\nz = make(dev)' },
    { name: 'a bare word in YAML (a value, not a name)', path: 'deploy/app.yaml', removed: 'FLASK_ENV: production\nNODE_ENV: production', added: 'FLASK_ENV: development\nNODE_ENV: development' },
    { name: 'a renamed line that also changes an argument', path: 'src/app.py', removed: `${lintRename.removed}\n`, added: lintRename.added.replace('debug=False', 'debug=True') },
  ])('$name is new', ({ path, removed, added }) => {
    const file = { path, ...edit(removed, added) };
    const moved = reformattedLines(file);
    expect(file.added.filter((l) => !moved.has(l.line) && l.text !== '').length).toBeGreaterThan(0);
    if (added.includes('debug=True')) expect(moved.has(5)).toBe(false);
  });
});

const file = (path: string, status: ChangedFile['status'], text: string): ChangedFile => ({
  path,
  status,
  binary: false,
  hunks: [],
  added: status === 'removed' ? [] : lines(text),
  removed: status === 'removed' ? lines(text) : [],
});

describe('moves across files', () => {
  it('counts a line another file of the same role lost as moved, and one from a development file as new', () => {
    const files = [
      file('app.js', 'removed', 'const cors = require("cors");\napp.use(cors());'),
      file('src/main.ts', 'added', "import cors from 'cors';\napp.use(cors());"),
      file('docker-compose.dev.yml', 'removed', '      - DEBUG=True'),
      file('docker-compose.prod.yml', 'added', 'services:\n  web:\n    environment:\n      - DEBUG=True'),
    ];
    const moved = linesMovedAcrossFiles(files, sameRoleByName());
    expect([...(moved.get('src/main.ts') ?? [])]).toEqual([2]);
    expect(moved.get('docker-compose.prod.yml')).toBeUndefined();
  });

  it('counts a line moved out of production configuration as moved, and one moved into it from development as new', () => {
    // A made-up key, assembled at run time.
    const key = ['z4ha', '%^_=7#jc', 'o0wmna_#0jv'].join('');
    const files = [
      file('app/settings.py', 'removed', `DEBUG = False\nSECRET_KEY = '${key}'`),
      file('app/settings/base.py', 'added', 'DEBUG = False'),
      file('app/settings/development.py', 'added', `from .base import *\n\nSECRET_KEY = '${key}'\nDEBUG = True`),
      file('docker-compose.dev.yml', 'removed', '      - DEBUG=True'),
      file('docker-compose.prod.yml', 'added', 'services:\n  web:\n    environment:\n      - DEBUG=True'),
    ];
    const moved = linesMovedAcrossFiles(files, lineMoveByName());
    expect([...(moved.get('app/settings/development.py') ?? [])]).toEqual([3]);
    expect([...(moved.get('app/settings/base.py') ?? [])]).toEqual([1]);
    expect(moved.get('docker-compose.prod.yml')).toBeUndefined();
    // By configuration: a path the team calls production is production wherever it lies.
    const configured = linesMovedAcrossFiles(files, lineMoveByName({ production: ['docker-compose.dev.yml'] }));
    expect([...(configured.get('docker-compose.prod.yml') ?? [])]).toEqual([4]);
  });

  it('pairs a small file moved and edited past git rename detection, under the same name', () => {
    const files = [
      file('compose/caddy/Dockerfile', 'removed', 'FROM abiosoft/caddy:0.10.6\nCOPY Caddyfile /etc/Caddyfile'),
      file('compose/production/caddy/Dockerfile', 'added', 'FROM abiosoft/caddy:0.10.6\n\nCOPY ./compose/production/caddy/Caddyfile /etc/Caddyfile'),
      file('compose/production/other/Dockerfile', 'added', 'FROM python:3.12\nCMD ["gunicorn"]'),
    ];
    const pairs = pairMoves(files, anyRole);
    expect([...pairs].map(([to, from]) => [to, from.path])).toEqual([['compose/production/caddy/Dockerfile', 'compose/caddy/Dockerfile']]);
  });

  it('pairs a file whose name is only respelt (case, separators, .yaml for .yml) as under the same name', () => {
    // langwatch 59820384: Dockerfile.langy_agent rewritten as Dockerfile.langyagent, a third of its lines kept, the final stage on another base.
    const old = 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /agent ./cmd/agent\nFROM ubuntu:26.04\nRUN apt-get update\nCOPY --from=builder /agent /agent\nENTRYPOINT ["/agent"]';
    const respelt = 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -trimpath -o /agent ./cmd/agent\nFROM oven/bun:1.3 AS cli\nRUN bun install -g cli\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates\nCOPY --from=builder /agent /usr/local/bin/agent\nCOPY --from=cli /usr/local/bin/cli /usr/local/bin/cli\nENTRYPOINT ["agent"]';
    const pairs = pairMoves([file('Dockerfile.langy_agent', 'removed', old), file('Dockerfile.langyagent', 'added', respelt)], anyRole);
    expect([...pairs].map(([to, from]) => [to, from.path])).toEqual([['Dockerfile.langyagent', 'Dockerfile.langy_agent']]);
    // Another name must share half of the larger file.
    expect(pairMoves([file('Dockerfile.langy_agent', 'removed', old), file('Dockerfile.worker', 'added', respelt)], anyRole).size).toBe(0);
    expect(sameFileName('deploy/docker-compose.yaml', 'docker_compose.yml')).toBe(true);
    expect(sameFileName('Dockerfile.agent', 'Dockerfile.agents')).toBe(false);
  });

  it('does not pair files that share too little or differ in role', () => {
    const removed = file('a/Dockerfile', 'removed', 'FROM node:20\nRUN npm ci\nRUN npm run build\nCMD ["node", "x"]');
    expect(pairMoves([removed, file('b/Dockerfile', 'added', 'FROM node:20\nRUN yarn\nRUN yarn build\nCMD ["node", "y"]')], anyRole).size).toBe(0);
    expect(pairMoves([removed, file('dev/Dockerfile', 'added', 'FROM node:20\nRUN npm ci\nRUN npm run build\nCMD ["node", "x"]')], sameRoleByName()).size).toBe(0);
  });

  it('does not take a new file that only resembles a deleted one under another name (bare keys are no evidence) for a move', () => {
    const simple = 'services:\n  vote:\n    build: ./vote\n    ports:\n      - "5000:80"\n  redis:\n    image: redis:alpine\n    ports: ["6379"]\n  db:\n    image: postgres:9.4\n    environment:\n      POSTGRES_USER: "postgres"';
    const images = 'services:\n  vote:\n    image: example/vote\n    ports:\n      - "5000:80"\n    networks:\n      - front-tier\n  redis:\n    image: redis:alpine\n    ports: ["6379"]\n    healthcheck:\n      test: /healthchecks/redis.sh\n  db:\n    image: postgres:15-alpine\n    environment:\n      POSTGRES_USER: "postgres"\n    healthcheck:\n      test: /healthchecks/postgres.sh';
    expect(pairMoves([file('docker-compose-simple.yml', 'removed', simple), file('docker-compose.images.yml', 'added', images)], anyRole).size).toBe(0);
  });

  it('turns a paired move into a rename whose base content needs no read', async () => {
    const change = memoryChangeSet({ 'compose/caddy/Dockerfile': 'FROM abiosoft/caddy:0.10.6\nCOPY Caddyfile /etc/Caddyfile\n' }, { 'compose/production/caddy/Dockerfile': 'FROM abiosoft/caddy:0.10.6\n\nCOPY ./compose/production/caddy/Caddyfile /etc/Caddyfile\n' });
    const reads: string[] = [];
    const paired = withPairedMoves({ ...change, readBase: (p) => (reads.push(p), change.readBase(p)) }, anyRole);
    expect(paired.files.map((f) => [f.path, f.status, f.previousPath])).toEqual([['compose/production/caddy/Dockerfile', 'renamed', 'compose/caddy/Dockerfile']]);
    expect((await paired.readBase('compose/caddy/Dockerfile'))?.text).toBe('FROM abiosoft/caddy:0.10.6\nCOPY Caddyfile /etc/Caddyfile\n');
    expect(reads).toEqual([]);
  });
});

describe('review', () => {
  const lineCheck = defineCheck({
    id: 'debug-line',
    title: 'Debug line',
    severity: 'warning',
    scope: 'line',
    messages: { debug: 'debug' },
    remediation: '-',
    run: async (ctx) => ctx.files().flatMap((f) => f.added.filter((l) => /DEBUG\s*=\s*True/.test(l.text)).map((l) => ({ path: f.path, line: l.line, messageId: 'debug' as const, key: l.text.trim() }))),
  });
  const baseRole = defineCheck({
    id: 'base-aware',
    title: 'Base aware',
    severity: 'warning',
    scope: 'structure',
    messages: { noUser: 'no USER' },
    remediation: '-',
    run: async (ctx) => {
      const out = [];
      for (const f of ctx.files('dockerfile')) {
        const head = (await ctx.text(f.path)) ?? '';
        const base = f.status === 'added' ? null : await ctx.text(f.previousPath ?? f.path, 'base');
        if (!/^USER /m.test(head) && (base === null || /^USER /m.test(base))) out.push({ path: f.path, line: 1, messageId: 'noUser' as const, key: 'no-user' });
      }
      return out;
    },
  });

  it('reports a line moved between two production files once: not at all', async () => {
    const change = memoryChangeSet({ 'settings.py': 'DEBUG = True\nA = 1\n', 'other.py': 'B = 2\n' }, { 'settings.py': 'A = 1\n', 'other.py': 'B = 2\nDEBUG = True\n' });
    expect((await review(change, [lineCheck])).findings).toEqual([]);
  });

  it('still reports a new problem in a moved file, and the moved file against its old version', async () => {
    const change = memoryChangeSet(
      { 'compose/caddy/Dockerfile': 'FROM abiosoft/caddy:0.10.6\nCOPY Caddyfile /etc/Caddyfile\n', 'svc/Dockerfile': 'FROM python:3.12\nUSER app\n', 'settings.py': 'A = 1\n' },
      { 'compose/production/caddy/Dockerfile': 'FROM abiosoft/caddy:0.10.6\n\nCOPY ./compose/production/caddy/Caddyfile /etc/Caddyfile\n', 'deploy/svc/Dockerfile': 'FROM python:3.12\nRUN true\n', 'settings.py': 'A = 1\nDEBUG = True\n' },
    );
    const { findings } = await review(change, [lineCheck, baseRole]);
    expect(findings.map((f) => `${f.checkId} ${f.path}:${f.line}`)).toEqual(['base-aware deploy/svc/Dockerfile:1', 'debug-line settings.py:2']);
  });
});
