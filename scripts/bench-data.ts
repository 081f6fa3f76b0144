// The benchmark's seeded change: about 2,000 files of Python, JS, YAML, Dockerfiles, JSON, requirements and
// env templates, with a few planted findings, written into a throw-away git repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** mulberry32: a small seeded PRNG, so every run generates the same change (and the benches draw the same faults). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['user', 'order', 'config', 'value', 'items', 'result', 'client', 'request', 'payload', 'cache', 'token_count', 'session', 'handler', 'record', 'metrics', 'status', 'timeout', 'region', 'bucket', 'queue'];

export function generate(count: number, seed: number): Record<string, string> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const word = () => pick(WORDS);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
  const b64 = (n: number) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(rand() * 64)]).join('');
  const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n') + '\n';
  const files: Record<string, string> = {};
  const size = () => 160 + Math.floor(rand() * 200);

  const python = (i: number) =>
    `import os\nimport logging\n\nlog = logging.getLogger(__name__)\n\n` +
    lines(size(), (j) =>
      pick([
        `def ${word()}_${j}(${word()}, ${word()}=None):`,
        `    ${word()} = ${word()}.get("${word()}", ${Math.floor(rand() * 1000)})`,
        `    log.info("processing %s for %s", ${word()}, ${word()})`,
        `    if not ${word()}:`,
        `        return {"${word()}": ${word()}, "${word()}": "${hex(8)}"}`,
        `    # ${word()} ${word()} ${word()} handles the ${word()} case`,
        `    ${word()}_url = os.environ.get("${word().toUpperCase()}_URL")`,
        `    digest = "${hex(40)}"  # content hash, not a secret`,
        `CACHE_TTL_${j} = ${Math.floor(rand() * 3600)}`,
      ]),
    ) +
    (i % 97 === 0 ? `\nif __name__ == "__main__":\n    app.run(debug=True)\n` : '');

  const js = (i: number) =>
    lines(size(), (j) =>
      pick([
        `export function ${word()}${j}(${word()}, ${word()}) {`,
        `  const ${word()} = await fetch(\`/api/${word()}/\${${word()}}\`);`,
        `  return { ${word()}: ${word()}.map((x) => x.${word()}), id: '${hex(12)}' };`,
        `}`,
        `// ${word()} ${word()}: keep ${word()} in sync with ${word()}`,
        `const ${word()}Timeout = Number(process.env.${word().toUpperCase()}_TIMEOUT ?? ${Math.floor(rand() * 100)});`,
        `logger.debug('${word()} %s', ${word()});`,
      ]),
    ) + (i % 89 === 0 ? `app.use(cors());\n` : '');

  const compose = (i: number) =>
    `services:\n` +
    Array.from({ length: 8 + Math.floor(rand() * 10) }, (_, s) =>
      [
        `  ${word()}-${s}:`,
        `    image: registry.example.com/${word()}:${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}`,
        `    environment:`,
        `      - ${word().toUpperCase()}_HOST=${word()}`,
        `      - LOG_LEVEL=info`,
        `    ports:`,
        `      - "${8000 + s}:${8000 + s}"`,
        `    healthcheck:`,
        `      test: ["CMD", "curl", "-f", "http://localhost:${8000 + s}/health"]`,
        `      interval: 30s`,
        i % 71 === 0 && s === 0 ? `    command: flask run --host 0.0.0.0` : `    restart: unless-stopped`,
      ].join('\n'),
    ).join('\n') +
    '\n';

  const k8s = () =>
    Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, d) =>
      [
        `apiVersion: apps/v1`,
        `kind: Deployment`,
        `metadata:`,
        `  name: ${word()}-${d}`,
        `spec:`,
        `  replicas: 2`,
        `  template:`,
        `    spec:`,
        `      containers:`,
        `        - name: ${word()}`,
        `          image: registry.example.com/${word()}:2.${d}.1`,
        `          env:`,
        `            - name: ${word().toUpperCase()}_MODE`,
        `              value: "${word()}"`,
        `          livenessProbe:`,
        `            httpGet: { path: /healthz, port: 8080 }`,
        `          readinessProbe:`,
        `            httpGet: { path: /readyz, port: 8080 }`,
        `          resources:`,
        `            limits: { cpu: 500m, memory: 256Mi }`,
      ].join('\n'),
    ).join('\n---\n') + '\n';

  const dockerfile = (i: number) =>
    `FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n` +
    lines(10 + Math.floor(rand() * 20), () => `RUN echo ${word()} && mkdir -p /opt/${word()}`) +
    `FROM python:3.12-slim\nCOPY --from=build /app /app\nUSER app\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n` +
    (i % 13 === 0 ? `CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n` : `CMD ["gunicorn", "app:app"]\n`);

  const json = () =>
    JSON.stringify(
      Object.fromEntries(Array.from({ length: size() / 2 }, (_, j) => [`${word()}_${j}`, pick([hex(16), b64(24), word(), rand() * 100, { [word()]: word(), sha: hex(40) }])])),
      null,
      2,
    ) + '\n';

  const requirements = () => lines(30 + Math.floor(rand() * 30), (j) => `${word()}-lib-${j}==${Math.floor(rand() * 5)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`) + 'requests>=2\n';

  const envExample = () => lines(40, () => `${word().toUpperCase()}_${word().toUpperCase()}=`);

  // A few planted secrets, assembled here so no literal credential sits in the source.
  const plantedSecrets = ['ghp_' + b64(36).replace(/[+/]/g, 'x'), 'AKIA' + 'Z' + hex(15).toUpperCase(), 'xoxb-' + '1234567890' + '-' + '1234567890123' + '-' + b64(24).replace(/[+/]/g, 'q')];

  for (let i = 0; i < count; i++) {
    const r = rand();
    const dir = `svc${i % 40}`;
    if (r < 0.33) files[`${dir}/app/${word()}_${i}.py`] = python(i);
    else if (r < 0.53) files[`${dir}/web/${word()}_${i}.js`] = js(i);
    else if (r < 0.6) files[`${dir}/deploy/docker-compose.${i}.yml`] = compose(i);
    else if (r < 0.68) files[`${dir}/k8s/${word()}-${i}.yaml`] = k8s();
    else if (r < 0.73) files[`${dir}/docker/Dockerfile.${i}`] = dockerfile(i);
    else if (r < 0.9) files[`${dir}/data/${word()}_${i}.json`] = json();
    else if (r < 0.96) files[`${dir}/requirements-${i}.txt`] = requirements();
    else files[`${dir}/.env.${i}.example`] = envExample();
  }
  const paths = Object.keys(files);
  plantedSecrets.forEach((secret, k) => {
    const path = paths[(k * 577) % paths.length]!;
    files[path] += path.endsWith('.py') ? `API_TOKEN = "${secret}"\n` : path.endsWith('.json') ? '' : `# token: ${secret}\n`;
  });
  return files;
}

export function writeRepo(files: Record<string, string>): string {
  const repo = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env });
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', 'bench'], { cwd: repo, env });
  return repo;
}

/** Source-like lines; `salt` changes every tenth line so two versions differ in 10% of their lines. */
export function sourceLines(count: number, salt = ''): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const changed = salt && i % 10 === 5 ? salt : '';
    out.push(i % 7 === 0 ? `def handler_${i}(request):` : `    value_${i} = compute(${i}, "text ${i}${changed}")`);
  }
  return out.join('\n') + '\n';
}
