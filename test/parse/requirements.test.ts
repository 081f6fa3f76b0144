// Requirement strings, requirements files, `pip install` words, npm specifiers and `uses:` references.
import { describe, expect, it } from 'vitest';
import { actionUses, looksLikeVersionTag, parseActionReference } from '../../src/parse/github-actions.js';
import { isUnboundedRange, parseNpmSpec } from '../../src/parse/package-json.js';
import { isExactPin, parseRequirement, parseRequirementsFile, pipInstallCommand, vcsRevision } from '../../src/parse/requirements.js';
import { parseYaml } from '../../src/parse/yaml.js';

describe('parseRequirement', () => {
  it.each([
    ['requests', { name: 'requests', extras: [], clauses: [] }],
    ['requests[socks, security] >= 2.0, <3 ; python_version < "3.12"', { name: 'requests', extras: ['socks', 'security'], clauses: [{ op: '>=', version: '2.0' }, { op: '<', version: '3' }], marker: 'python_version < "3.12"' }],
    ['name (==1.0)', { name: 'name', extras: [], clauses: [{ op: '==', version: '1.0' }] }],
    ['pkg @ git+https://github.com/o/r@v1 ; sys_platform == "linux"', { name: 'pkg', extras: [], clauses: [], url: 'git+https://github.com/o/r@v1', marker: 'sys_platform == "linux"' }],
    ['git+https://github.com/o/r.git@main#egg=r', { name: 'r', extras: [], clauses: [], url: 'git+https://github.com/o/r.git@main#egg=r' }],
    ['./libs/core', { name: '', extras: [], clauses: [], local: true }],
    ['app-1.0-py3-none-any.whl', { name: '', extras: [], clauses: [], local: true }],
  ])('%s', (input, expected) => {
    expect(parseRequirement(input)).toEqual(expected);
  });

  it('rejects what is not a requirement', () => {
    expect(parseRequirement('requests >> 2')).toBeNull();
    expect(parseRequirement('${PACKAGE}')).toBeNull();
  });

  it('knows an exact pin', () => {
    const pin = (s: string) => isExactPin(parseRequirement(s)!.clauses);
    expect([pin('a==1.2'), pin('a===1.2'), pin('a>=1,==1.2'), pin('a==1.*'), pin('a~=1.2'), pin('a!=1.2'), pin('a')]).toEqual([true, true, true, false, false, false, false]);
  });

  it('finds the revision of VCS URLs', () => {
    expect(vcsRevision('git+https://user@github.com/o/r.git@v1.2#egg=r')).toEqual({ vcs: 'git', revision: 'v1.2' });
    expect(vcsRevision('git+ssh://git@github.com/o/r.git')).toEqual({ vcs: 'git' });
    expect(vcsRevision('git+git@github.com:o/r.git@release/2.0')).toEqual({ vcs: 'git', revision: 'release/2.0' });
    expect(vcsRevision('hg+https://hg.example.org/repo@tip')).toEqual({ vcs: 'hg', revision: 'tip' });
    expect(vcsRevision('https://example.org/a.whl')).toBeNull();
  });
});

describe('parseRequirementsFile', () => {
  it('joins continuations, strips comments and classifies lines', () => {
    const entries = parseRequirementsFile(
      ['# top', '-r base.txt', '--constraint=c.txt', '-e .', '--index-url https://x/simple', 'requests==2.0 \\', '    --hash=sha256:abc', 'flask  # web', 'https://x/a.tgz#sha256=00', '>>> nope', ''].join('\n'),
    );
    expect(entries.map((e) => [e.kind, e.line, e.endLine])).toEqual([
      ['include', 2, 2],
      ['include', 3, 3],
      ['editable', 4, 4],
      ['option', 5, 5],
      ['requirement', 6, 7],
      ['requirement', 8, 8],
      ['requirement', 9, 9],
      ['invalid', 10, 10],
    ]);
    const hashed = entries[4]!;
    expect(hashed.kind === 'requirement' && hashed.hashes).toBe(true);
    const url = entries[6]!;
    expect(url.kind === 'requirement' && url.requirement.url).toBe('https://x/a.tgz#sha256=00');
  });

  it('reads an adversarial 200 KB line', () => {
    const line = 'a' + ' -'.repeat(100_000) + '\\ '.repeat(1000);
    const entries = parseRequirementsFile(`${line}\n${'#'.repeat(200_000)}\n${'requests'.padEnd(200_000, ' ')}==1\n`);
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('pipInstallCommand', () => {
  it('recognises the forms of pip and skips option values', () => {
    expect(pipInstallCommand(['pip', 'install', '--no-cache-dir', '-i', 'https://x/simple', 'flask', 'requests==2'])?.targets).toEqual(['flask', 'requests==2']);
    expect(pipInstallCommand(['/usr/local/bin/pip3.12', '--disable-pip-version-check', 'install', '-rreq.txt', '-c', 'c.txt', 'x'])).toMatchObject({ targets: ['x'], requirementFiles: ['req.txt'], constraintFiles: ['c.txt'] });
    expect(pipInstallCommand(['python3', '-m', 'pip', 'install', '-U', 'pip'])).toMatchObject({ targets: ['pip'], upgrade: true });
    expect(pipInstallCommand(['uv', 'pip', 'install', '--system', 'httpx'])?.targets).toEqual(['httpx']);
    expect(pipInstallCommand(['PIP_NO_CACHE_DIR=1', 'pip', 'install', '-e', '.'])).toMatchObject({ targets: [], editables: ['.'] });
    expect(pipInstallCommand(['pip', 'download', 'flask'])).toBeNull();
    expect(pipInstallCommand(['pipx', 'install', '--python', '3.12', 'flask'])?.targets).toEqual(['flask']);
    expect(pipInstallCommand(['uv', 'tool', 'install', '-p', '3.12', 'gunicorn', '--with', 'uvicorn'])?.targets).toEqual(['gunicorn', 'uvicorn']);
    expect(pipInstallCommand(['uv', 'tool', 'run', 'ruff'])).toBeNull();
    expect(pipInstallCommand(['echo', 'pip', 'install', 'flask'])).toBeNull();
  });

  it('reads clustered short options: the last one may take the value, attached or in the next word', () => {
    expect(pipInstallCommand(['pip', 'install', '-Ur', 'requirements.txt'])).toMatchObject({ targets: [], requirementFiles: ['requirements.txt'], upgrade: true });
    expect(pipInstallCommand(['pip', 'install', '-qUrreq/prod.txt', 'gunicorn'])).toMatchObject({ targets: ['gunicorn'], requirementFiles: ['req/prod.txt'], upgrade: true });
    expect(pipInstallCommand(['pip', 'install', '-qU', 'flask'])).toMatchObject({ targets: ['flask'], requirementFiles: [], upgrade: true });
    expect(pipInstallCommand(['pip', 'install', '-qc', 'constraints.txt', 'celery'])).toMatchObject({ targets: ['celery'], constraintFiles: ['constraints.txt'] });
  });
});

describe('npm specifiers', () => {
  it.each([
    ['^1.2.3', 'range'],
    ['', 'range'],
    ['latest', 'tag'],
    ['next', 'tag'],
    ['x', 'range'],
    ['v1.2.3', 'range'],
    ['vX', 'range'],
    ['X.1', 'tag'],
    ['github:o/r#main', 'git'],
    ['o/r', 'git'],
    ['git+ssh://git@github.com/o/r.git#abc', 'git'],
    ['https://github.com/o/r.git', 'git'],
    ['https://registry.example.org/a/-/a-1.0.0.tgz', 'url'],
    ['workspace:^', 'local'],
    ['file:../a', 'local'],
    ['npm:@scope/real@^2', 'alias'],
  ])('%s is a %s', (spec, kind) => {
    expect(parseNpmSpec(spec).kind).toBe(kind);
  });

  it('reads the target of an alias and the ref of a git dependency', () => {
    expect(parseNpmSpec('npm:@scope/real@^2')).toEqual({ kind: 'alias', name: '@scope/real', target: { kind: 'range', range: '^2' } });
    expect(parseNpmSpec('github:o/r#v1.0.0')).toEqual({ kind: 'git', ref: 'v1.0.0' });
  });

  it.each([
    ['*', true],
    ['', true],
    ['x.x', true],
    ['>=1.0.0', true],
    ['> 1', true],
    ['^1 || >=3', true],
    ['>=1 <2', false],
    ['^1.0.0', false],
    ['~1.2', false],
    ['1.x', false],
    ['1.0.0 - 2.0.0', false],
    ['<2', false],
    ['1 - x', true],
    ['<=*', true],
    ['~ *', true],
    ['>=2 >x', false],
  ])('isUnboundedRange(%j) is %s', (range, expected) => {
    expect(isUnboundedRange(range)).toBe(expected);
  });
});

describe('GitHub Actions references', () => {
  it('finds uses: in steps, reusable-workflow jobs and composite actions', () => {
    const workflow = parseYaml('jobs:\n  a:\n    steps:\n      - run: echo\n      - uses: actions/checkout@v4\n  b:\n    uses: o/r/.github/workflows/x.yml@main\n');
    expect(actionUses(workflow)).toEqual([
      { uses: 'actions/checkout@v4', line: 5, where: 'step' },
      { uses: 'o/r/.github/workflows/x.yml@main', line: 7, where: 'job' },
    ]);
    const action = parseYaml('runs:\n  using: composite\n  steps:\n    - uses: o/a@v1\n');
    expect(actionUses(action)).toEqual([{ uses: 'o/a@v1', line: 4, where: 'step' }]);
  });

  it('parses references', () => {
    expect(parseActionReference('./.github/actions/x')).toEqual({ kind: 'local', path: './.github/actions/x' });
    expect(parseActionReference('docker://alpine:3')).toEqual({ kind: 'docker', image: 'alpine:3' });
    expect(parseActionReference('github/codeql-action/init@v3')).toEqual({ kind: 'repository', owner: 'github', repo: 'codeql-action', path: 'init', ref: 'v3' });
    expect(parseActionReference('o/r')).toEqual({ kind: 'repository', owner: 'o', repo: 'r', path: '' });
    expect(parseActionReference('nonsense')).toBeNull();
    expect([looksLikeVersionTag('v4'), looksLikeVersionTag('v4.1.0'), looksLikeVersionTag('2.0.0-beta.1'), looksLikeVersionTag('main'), looksLikeVersionTag('releases/v1')]).toEqual([true, true, true, false, false]);
  });
});
