// End-to-end: the real `readiness` command on git repositories built here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIn, makeRepo, writeTree } from '../helpers/git-repo.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';

const bin = fileURLToPath(new URL('../../bin/readiness.js', import.meta.url));
const sqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200)]);

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('readiness scan', () => {
  let repo: string;
  let commits: string[];
  let cleanup: () => void;
  beforeAll(() => {
    ({ repo, commits, cleanup } = makeRepo({ 'README.md': '# demo\n' }, { 'README.md': '# demo\n', 'data/app.db': sqlite, 'logo.png': Buffer.from([0x89, 0x50, 0, 0]) }));
  });
  afterAll(() => cleanup());

  it('prints JSON with version, revisions, findings and errors, and exits 1 on a failure', () => {
    const r = run(['scan', '--repo', repo, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ version: 1, base: commits[0], head: commits[1] });
    expect(out.findings.map((f: { checkId: string; path: string; line: number }) => [f.checkId, f.path, f.line])).toContainEqual(['committed-database', 'data/app.db', 1]);
    for (const f of out.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['checkId', 'severity', 'path', 'line', 'endLine', 'title', 'message', 'remediation', 'fingerprint']));
    expect(out.errors).toContainEqual({ path: 'logo.png', message: expect.stringMatching(/binary/) });
  });

  it('groups text output by file and ends with a count line', () => {
    const r = run(['scan', '--repo', repo, '--base', 'HEAD~1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^data\/app\.db$/m);
    expect(r.stdout).toMatch(/1\s+failure\s+Database file committed\s+\[committed-database\]/);
    expect(r.stdout).toMatch(/git rm --cached/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ findings?: \d+ failures?, \d+ warnings?, \d+ notices?; 2 files not reviewed\.$/);
    // eslint-disable-next-line no-control-regex -- the escape character is what this asserts is absent
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('emits SARIF 2.1.0 with one rule per check and a result per finding', () => {
    const r = run(['scan', '--repo', repo, '--base', 'HEAD~1', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].automationDetails.id).toBe(`readiness-review/${commits[1]}`);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toContain('committed-database');
    expect(driver.rules.find((rule: { id: string }) => rule.id === 'committed-database').helpUri).toMatch(/checks\/committed-database\.md$/);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'committed-database');
    expect(result).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'data/app.db' }, region: { startLine: 1 } } }] });
  });

  it('honours --fail-on never and --exclude', () => {
    expect(run(['scan', '--repo', repo, '--base', 'HEAD~1', '--fail-on', 'never']).code).toBe(0);
    const r = run(['scan', '--repo', repo, '--base', 'HEAD~1', '--exclude', 'data/**', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.filter((f: { path: string }) => f.path === 'data/app.db')).toEqual([]);
  });

  it('reviews the last commit when HEAD is on the default branch, and says so', () => {
    const r = run(['scan'], repo);
    expect(r.stdout).toMatch(/reviewing the last commit/);
    expect(r.stdout).toMatch(/data\/app\.db/);
  });

  it('reviews against the merge-base with main on a feature branch', () => {
    const { repo: r2, cleanup: c2 } = makeRepo({ 'a.txt': 'a\n' });
    try {
      gitIn(r2, 'checkout', '-q', '-b', 'feature');
      writeTree(r2, { 'x.sqlite': sqlite });
      gitIn(r2, 'add', '-A');
      gitIn(r2, 'commit', '-qm', 'one');
      writeTree(r2, { 'b.txt': 'b\n' });
      gitIn(r2, 'add', '-A');
      gitIn(r2, 'commit', '-qm', 'two');
      const r = run(['scan', '--format', 'json'], r2);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path)).toContain('x.sqlite');
    } finally {
      c2();
    }
  });

  it('says when a shallow clone hides the parent commit', () => {
    const { repo: r, cleanup: c } = makeRepo({ 'a.txt': 'a\n' }, { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const shallow = mkdtempSync(join(tmpdir(), 'readiness-shallow-'));
    try {
      gitIn(shallow, 'clone', '-q', '--depth', '1', `file://${r}`, 'repo');
      const result = run(['scan', '--repo', join(shallow, 'repo')]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/has no parent in this shallow clone: every file counts as added/);
    } finally {
      c();
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('--all reviews every tracked file as if newly added', () => {
    const { repo: r3, cleanup: c3 } = makeRepo({ 'old.db': sqlite }, { 'old.db': sqlite, 'b.txt': 'b\n' });
    try {
      expect(JSON.parse(run(['scan', '--repo', r3, '--format', 'json']).stdout).findings).toEqual([]);
      const all = run(['scan', '--repo', r3, '--all', '--format', 'json']);
      expect(JSON.parse(all.stdout).findings.map((f: { path: string }) => f.path)).toContain('old.db');
    } finally {
      c3();
    }
  });

  it("takes the repository's owner from a github.com origin: its own reusable workflows are first-party", () => {
    const workflow = 'on: push\njobs:\n  lint:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n';
    const made = makeRepo({ 'README.md': '# demo\n' }, { 'README.md': '# demo\n', '.github/workflows/lint.yml': workflow });
    try {
      const findings = (): string[] => (JSON.parse(run(['scan', '--repo', made.repo, '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json']).stdout) as { findings: { checkId: string }[] }).findings.map((f) => f.checkId);
      expect(findings()).toEqual(['unpinned-dependency']);
      gitIn(made.repo, 'remote', 'add', 'origin', 'https://github.com/acme/server.git');
      expect(findings()).toEqual([]);
      gitIn(made.repo, 'remote', 'set-url', 'origin', 'git@github.com:someone-else/server.git');
      expect(findings()).toEqual(['unpinned-dependency']);
    } finally {
      made.cleanup();
    }
  });

  it('exits 2 with one clear sentence on usage and runtime errors', () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--repo', repo, '--base', 'no-such-rev'], /unknown revision "no-such-rev"/],
      [['scan', '--repo', '/'], /is not a git repository/],
      [['scan', '--repo', repo, '--format', 'xml'], /--format must be one of text, compact, json, sarif/],
      [['scan', '--repo', repo, '--fail-on', 'sometimes'], /--fail-on must be one of/],
      [['scan', '--bogus'], /Unknown option '--bogus'/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('never crashes on bad input: each unreadable or unparseable file is an error entry, the rest is reviewed', () => {
    const { repo: r, cleanup: c } = makeRepo(
      { 'README.md': '# x\n' },
      {
        'README.md': '# x\n',
        'app.py': 'def f(:\n    pass\napp.run(debug=True)\n',
        'docker-compose.yml': 'services:\n  web:\n    image: [unclosed\n   bad: indent\n',
        Dockerfile: 'RUN echo no base image\n',
        'package.json': '{"dependencies": {"a": "*",}\n',
        'big.txt': 'x'.repeat(2 * 1024 * 1024 + 1) + '\n',
        'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
        'data.db': sqlite,
      },
    );
    try {
      const result = run(['scan', '--repo', r, '--base', 'HEAD~1', '--format', 'json']);
      expect(result.code).toBe(1);
      const out = JSON.parse(result.stdout);
      expect(out.findings.map((f: { checkId: string; path: string }) => `${f.checkId} ${f.path}`)).toEqual(expect.arrayContaining(['committed-database data.db', 'debug-mode app.py']));
      const errors = Object.fromEntries(out.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
      expect(errors).toEqual({
        'app.py': expect.stringMatching(/^Python syntax error near line 1/),
        'big.txt': expect.stringMatching(/larger than 2 MB/),
        'data.db': expect.stringMatching(/binary/),
        Dockerfile: expect.stringMatching(/no FROM instruction/),
        'docker-compose.yml': expect.stringMatching(/^not valid YAML \(line \d+/),
        'latin1.txt': expect.stringMatching(/not valid UTF-8/),
        'package.json': expect.stringMatching(/^not valid JSON/),
      });
    } finally {
      c();
    }
  });

  describe('configuration', () => {
    it('reads .github/readiness.yml from the base, so a change cannot relax its own gate', () => {
      const { repo: r, cleanup: c } = makeRepo(
        { 'README.md': '# x\n' },
        { 'README.md': '# x\n', '.github/readiness.yml': 'fail_on: never\n', 'app.db': sqlite },
      );
      try {
        const result = run(['scan', '--repo', r, '--base', 'HEAD~1', '--format', 'json']);
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).findings.map((f: { checkId: string }) => f.checkId)).toContain('committed-database');
      } finally {
        c();
      }
    });

    it('applies the base configuration: fail_on, disabled checks and path ignores', () => {
      const config = 'fail_on: never\nchecks:\n  healthcheck-missing: { enabled: false }\npaths:\n  ignore: ["fixtures/**"]\n';
      const { repo: r, cleanup: c } = makeRepo(
        { '.github/readiness.yml': config },
        { '.github/readiness.yml': config, 'app.db': sqlite, 'fixtures/other.db': sqlite },
      );
      try {
        const result = run(['scan', '--repo', r, '--base', 'HEAD~1', '--format', 'json']);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['app.db']);
        expect(run(['scan', '--repo', r, '--base', 'HEAD~1', '--fail-on', 'failure']).code).toBe(1);
      } finally {
        c();
      }
    });

    it('--config FILE overrides, and an invalid file is exit 2 listing each problem', () => {
      const { repo: r, cleanup: c } = makeRepo({ 'README.md': '# x\n' }, { 'README.md': '# x\n', 'app.db': sqlite });
      try {
        writeTree(r, { 'custom.yml': 'fail_on: never\n', 'bad.yml': 'fail_on: sometimes\nchecks:\n  nope: {}\n' });
        expect(run(['scan', '--repo', r, '--base', 'HEAD~1', '--config', `${r}/custom.yml`]).code).toBe(0);
        const bad = run(['scan', '--repo', r, '--base', 'HEAD~1', '--config', `${r}/bad.yml`]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/bad\.yml is invalid:/);
        expect(bad.stderr).toMatch(/fail_on \(line 1\): must be one of "failure", "warning", "notice", "never"/);
        expect(bad.stderr).toMatch(/checks\.nope \(line 3\): is not a known check id/);
        expect(run(['scan', '--repo', r, '--base', 'HEAD~1', '--config', `${r}/missing.yml`]).stderr).toMatch(/cannot read the configuration file/);
      } finally {
        c();
      }
    });

    it('says that _extends is not followed offline', () => {
      const config = '_extends: .github\n';
      const { repo: r, cleanup: c } = makeRepo({ '.github/readiness.yml': config }, { '.github/readiness.yml': config, 'a.txt': 'a\n' });
      try {
        const result = run(['scan', '--repo', r, '--base', 'HEAD~1']);
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/inherits from "\.github" \(_extends\); the CLI reads only this repository/);
      } finally {
        c();
      }
    });

    it('honours readiness-ignore comments and lists what was suppressed', () => {
      const { repo: r, cleanup: c } = makeRepo(
        { 'README.md': '# x\n' },
        { 'README.md': '# x\n', 'app.py': 'import os\nDEBUG_PASSWORD = "Zq8#vL2!pR7@wK4$"  # readiness-ignore: secrets throwaway value for the demo\n' },
      );
      try {
        const result = run(['scan', '--repo', r, '--base', 'HEAD~1', '--format', 'json']);
        const out = JSON.parse(result.stdout);
        expect(out.findings.filter((f: { checkId: string }) => f.checkId === 'secrets')).toEqual([]);
        expect(out.suppressed.map((s: { checkId: string; reason: string }) => [s.checkId, s.reason])).toContainEqual(['secrets', 'throwaway value for the demo']);
      } finally {
        c();
      }
    });
  });
});
