// End-to-end: each seed review's pull request (test/fixtures/seeds/) through the real CLI reports exactly the findings listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ReviewError, Severity } from '../../src/model/finding.js';
import { type FileTree, makeRepo } from '../helpers/git-repo.js';

const bin = fileURLToPath(new URL('../../bin/readiness.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

/** A finding as `checkId path:line`. */
type Located = string;

interface SeedCase {
  /** Folder under test/fixtures/seeds with before/, after/ and optionally planted-secrets.txt. */
  dir: string;
  exitCode: number;
  /** Every finding the pull request should produce, nothing else. */
  findings: Located[];
  /** Severities worth pinning down, where the check picks one from the content. */
  severities?: Record<Located, Severity>;
  /** Remediations that must say something (a finding that stands for other lines names them). */
  remediations?: Record<Located, RegExp>;
  /** Files the CLI says it could not fully review. */
  errors?: { path: string; message: RegExp }[];
  /**
   * Findings in `findings` the checks do not produce yet. The main test expects them to be absent; a
   * second test expects the full list and is marked as failing, so fixing the check turns it red
   * until the gap is deleted here.
   */
  missed?: { finding: Located; why: string }[];
}

const cases: SeedCase[] = [
  {
    // shared/seeds/000: Streamlit OCR app, SQLite file in the repo, no containers, no secrets management.
    dir: '000-golfzon-ocr',
    exitCode: 1,
    findings: [
      'env-file-committed .env:2',
      'secrets .env:2',
      'secrets .env:3',
      'unpinned-dependency .github/workflows/ci.yml:27',
      'unpinned-dependency .github/workflows/ci.yml:28',
      'container-root-user Dockerfile:6',
      'healthcheck-missing Dockerfile:6',
      'secrets docker-compose.yml:16',
      'unpinned-dependency requirements.txt:7',
      'unpinned-dependency requirements.txt:8',
      'secrets src/golfzon_ocr/config.py:10',
      'insecure-default-secret src/golfzon_ocr/config.py:11',
      'committed-database src/golfzon_ocr/db/golfzon.db:1',
    ],
    severities: { 'env-file-committed .env:2': 'failure', 'healthcheck-missing Dockerfile:6': 'notice' },
    errors: [{ path: 'src/golfzon_ocr/db/golfzon.db', message: /binary/ }],
  },
  {
    // shared/seeds/001: FastAPI "Deal Scout", hard-coded database passwords in compose, .env.production, CORS.
    dir: '001-deal-scout',
    exitCode: 1,
    findings: [
      'env-file-committed .env.production:6',
      'secrets .env.production:6',
      'secrets .env.production:10',
      'secrets .env.production:11',
      'secrets .env.production:16',
      'secrets backend/alembic.ini:3',
      'secrets backend/app/config.py:17',
      'insecure-default-secret backend/app/config.py:23',
      'cors-wildcard backend/app/main.py:13',
      'unpinned-dependency backend/requirements.txt:11',
      'unpinned-dependency backend/requirements.txt:12',
      'secrets docker-compose.yml:6',
      'unpinned-dependency docker-compose.yml:16',
      'healthcheck-removed docker-compose.yml:19',
      // The same password again in the two DATABASE_URLs (lines 25 and 39): one secret in one file is one
      // finding, whose remediation names the other lines (the review asks to remove them all).
    ],
    severities: { 'cors-wildcard backend/app/main.py:13': 'failure', 'env-file-committed .env.production:6': 'failure' },
    remediations: { 'secrets docker-compose.yml:6': /also on lines 25 and 39 of this file|`docker-compose\.yml` \(lines 6, 25 and 39\)/ },
  },
  {
    // shared/seeds/002: FastAPI document platform, JWT secret, CORS, Kubernetes Deployment on :latest, CI workflow.
    dir: '002-doc-intelligence',
    exitCode: 1,
    findings: [
      'unpinned-dependency .github/workflows/deploy.yml:30',
      'container-root-user Dockerfile:1',
      'healthcheck-removed Dockerfile:1',
      'insecure-default-secret app/core/auth.py:10',
      'cors-wildcard app/core/security.py:9',
      // docker-compose.prod.yml's `api` builds the Dockerfile whose HEALTHCHECK the change removes: healthcheck-removed
      // says it once, and restoring the HEALTHCHECK serves the service too.
      'healthcheck-missing k8s/deployment.yaml:16',
      'unpinned-dependency k8s/deployment.yaml:17',
      'secrets k8s/secret.yaml:7',
      'secrets k8s/secret.yaml:8',
      'unpinned-dependency requirements.txt:9',
      'unpinned-dependency requirements.txt:10',
      'unpinned-dependency requirements.txt:13',
    ],
    severities: { 'cors-wildcard app/core/security.py:9': 'warning' },
  },
  {
    // shared/seeds/003: FastAPI photo API, allow_origins=["*"], uvicorn --reload, AWS credentials in env files.
    dir: '003-photo-api',
    exitCode: 1,
    // `.dev.env` sets no credential (region, bucket names, flags): env-file-committed leaves it alone.
    findings: [
      'secrets .env.production:2',
      'env-file-committed .env.production:3',
      'secrets .env.production:3',
      'dev-server Dockerfile:12',
      'insecure-default-secret app/config.py:14',
      'cors-wildcard app/main.py:10',
      'healthcheck-removed app/main.py:15',
      'unpinned-dependency requirements.txt:4',
      'unpinned-dependency requirements.txt:6',
    ],
    severities: { 'env-file-committed .env.production:3': 'failure' },
  },
  {
    // shared/seeds/004: Flask "UNIFY", app.run(debug=True), SECRET_KEY fallback, FLASK_DEBUG=1, ODBC string, root, no health checks.
    dir: '004-unify-flask',
    // Every finding warns (debug on, a development server, word-like passwords, a literal fallback): no shape the rules are sure of.
    exitCode: 0,
    findings: [
      'container-root-user deployment/Dockerfile:1',
      'healthcheck-missing deployment/Dockerfile:1',
      'dev-server deployment/Dockerfile:17',
      'debug-mode deployment/docker-compose.yml:14',
      'debug-mode deployment/docker-compose.yml:15',
      'healthcheck-missing deployment/docker-compose.yml:21',
      'secrets deployment/docker-compose.yml:25',
      'unpinned-dependency deployment/requirements.txt:1',
      'unpinned-dependency deployment/requirements.txt:2',
      'unpinned-dependency deployment/requirements.txt:3',
      'unpinned-dependency deployment/requirements.txt:4',
      'unpinned-dependency deployment/requirements.txt:5',
      'unpinned-dependency deployment/requirements.txt:6',
      'unpinned-dependency deployment/requirements.txt:7',
      'unpinned-dependency deployment/requirements.txt:8',
      'unpinned-dependency deployment/requirements.txt:9',
      'unpinned-dependency deployment/requirements.txt:10',
      'unpinned-dependency deployment/requirements.txt:11',
      'insecure-default-secret src/app.py:14',
      'cors-wildcard src/app.py:17',
      'debug-mode src/app.py:45',
      'secrets src/core/db_singleton.py:17',
    ],
    severities: { 'cors-wildcard src/app.py:17': 'warning' },
  },
  {
    // A pull request that follows the five reviews' advice.
    dir: 'clean',
    exitCode: 0,
    findings: [],
  },
];

/** Provider tokens are never stored in the repository (push protection): they are built here and written over `@@NAME@@`. */
function plantedTokens(): Record<string, string> {
  let state = 0x9e3779b9;
  const pick = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out += alphabet[(state >>> 0) % alphabet.length];
    }
    return out;
  };
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const alnum = upper + upper.toLowerCase() + '0123456789';
  return {
    OPENAI_API_KEY: 'sk-' + 'proj-' + pick(alnum + '_-', 74) + 'T3Blbk' + 'FJ' + pick(alnum + '_-', 74),
    AWS_ACCESS_KEY_ID: 'AK' + 'IA' + pick(upper + '234567', 16),
    AWS_SECRET_ACCESS_KEY: pick(alnum + '/+', 40),
  };
}

const PLACEHOLDER = /@@([A-Z0-9_]+)@@/g;

function readTree(root: string): FileTree {
  const tree: FileTree = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else tree[relative(root, full).split(sep).join('/')] = readFileSync(full);
    }
  };
  walk(root);
  return tree;
}

/** Replaces `@@NAME@@` in text files with the token of that name; returns the tokens it used. */
function plant(tree: FileTree, tokens: Record<string, string>): string[] {
  const used = new Set<string>();
  for (const [path, content] of Object.entries(tree)) {
    if (typeof content === 'string' || content.includes(0)) continue;
    const text = Buffer.from(content).toString('utf8');
    if (!text.includes('@@')) continue;
    tree[path] = text.replace(PLACEHOLDER, (_, name: string) => {
      const token = tokens[name];
      if (token === undefined) throw new Error(`${path}: no token to plant for @@${name}@@`);
      used.add(token);
      return token;
    });
  }
  return [...used];
}

function plantedSecrets(dir: string): string[] {
  const file = join(fixtures, dir, 'planted-secrets.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function treeText(tree: FileTree): string {
  return Object.values(tree)
    .map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8')))
    .join('\n');
}

const located = (f: Pick<Finding, 'checkId' | 'path' | 'line'>): Located => `${f.checkId} ${f.path}:${f.line}`;

/** Orders like the CLI: by path, then line, then check id. */
function byLocation(list: Located[]): Located[] {
  const parse = (s: Located) => {
    const [checkId, where] = s.split(' ') as [string, string];
    const colon = where.lastIndexOf(':');
    return { checkId, path: where.slice(0, colon), line: Number(where.slice(colon + 1)) };
  };
  return [...list].sort((a, b) => {
    const x = parse(a);
    const y = parse(b);
    return x.path < y.path ? -1 : x.path > y.path ? 1 : x.line - y.line || x.checkId.localeCompare(y.checkId);
  });
}

describe.each(cases)('seed fixture $dir', (seed) => {
  let out: { findings: Finding[]; errors: ReviewError[] };
  let code: number | null;
  let stdout: string;
  let stderr: string;
  let secrets: string[];
  let cleanup = () => {};

  beforeAll(() => {
    const before = readTree(join(fixtures, seed.dir, 'before'));
    const after = readTree(join(fixtures, seed.dir, 'after'));
    const literal = plantedSecrets(seed.dir);
    const afterText = treeText(after);
    for (const value of literal) if (!afterText.includes(value)) throw new Error(`${seed.dir}/planted-secrets.txt lists "${value}", which after/ does not contain`);
    secrets = [...literal, ...plant(after, plantedTokens())];
    const repo = makeRepo(before, after);
    cleanup = repo.cleanup;
    const r = spawnSync(process.execPath, [bin, 'scan', '--repo', repo.repo, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    ({ status: code, stdout, stderr } = r);
    out = JSON.parse(stdout);
  });
  afterAll(() => cleanup());

  const missed = new Set((seed.missed ?? []).map((m) => m.finding));
  // A finding stands for the same problem in the other files it names (`related`, see src/engine/across-files.ts):
  // the first place it names in another file is the finding that file had unfolded; the lines after it in that
  // file are the repeats that finding named, as the lines of the finding's own file are.
  const placesOf = (f: Finding) => {
    const files = new Map<string, number>();
    for (const r of f.related ?? []) if (r.path !== f.path && !files.has(r.path)) files.set(r.path, r.line);
    return [located(f), ...[...files].map(([path, line]) => located({ ...f, path, line }))];
  };

  it('reports exactly the listed findings, and nothing else', () => {
    const actual = byLocation(out.findings.flatMap(placesOf));
    expect(actual).toEqual(byLocation(seed.findings.filter((f) => !missed.has(f))));
  });

  if (missed.size > 0) {
    it.fails(`also reports what the checks miss today: ${[...missed].join(', ')}`, () => {
      expect(byLocation(out.findings.flatMap(placesOf))).toEqual(byLocation(seed.findings));
    });
  }

  it(`exits ${seed.exitCode} and lists only the expected review errors`, () => {
    expect(stderr).toBe('');
    expect(code).toBe(seed.exitCode);
    expect(out.errors).toHaveLength(seed.errors?.length ?? 0);
    for (const e of seed.errors ?? []) expect(out.errors).toContainEqual({ path: e.path, message: expect.stringMatching(e.message) });
  });

  const remediations = Object.entries(seed.remediations ?? {});
  if (remediations.length > 0) {
    it('says in the remediation what the finding stands for', () => {
      const remediationOf = new Map(out.findings.flatMap((f) => placesOf(f).map((place) => [place, f.remediation] as const)));
      for (const [finding, pattern] of remediations) expect(remediationOf.get(finding), finding).toMatch(pattern);
    });
  }

  const severities = Object.entries(seed.severities ?? {});
  if (severities.length > 0) {
    it('gives the content-dependent severities', () => {
      const severityOf = new Map(out.findings.map((f) => [located(f), f.severity]));
      for (const [finding, severity] of severities) expect({ finding, severity: severityOf.get(finding) }).toEqual({ finding, severity });
    });
  }

  if (plantedSecrets(seed.dir).length > 0) {
    it('never repeats a planted secret in a finding or anywhere in the output', () => {
      for (const f of out.findings) {
        const shown = [f.title, f.message, f.remediation, f.suggestion ?? ''].join('\n');
        for (const secret of secrets) expect(shown.includes(secret), `${located(f)} shows a planted secret`).toBe(false);
      }
      for (const secret of secrets) expect(stdout.includes(secret) || stderr.includes(secret), 'output shows a planted secret').toBe(false);
    });
  }
});
