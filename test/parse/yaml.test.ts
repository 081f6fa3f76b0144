// YAML parsing as the consumers read it: multi-line quoted scalars PyYAML and Kubernetes accept, and
// merge keys folded in once so every check sees them.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';
import { getPair, getString, indentQuotedContinuations, nodeLine, parseYaml, toJS } from '../../src/parse/yaml.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** What PyYAML reads (yaml.safe_load): data.script is 'echo one echo two', data.other is 'a b'. */
const configMap = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app', 'data:', "  script: 'echo one", "  echo two'", '  other: "a', 'b"', '  it: \'it\'\'s', "done'");

describe('parseYaml, lenient where PyYAML and Kubernetes are', () => {
  it('reads a multi-line quoted scalar whose continuation is not indented past its key', () => {
    const file = parseYaml(configMap);
    expect(file.error).toBeUndefined();
    expect(toJS(file.documents[0]!.contents)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { script: 'echo one echo two', other: 'a b', it: "it's done" } });
    // Line numbers are those of the file as written.
    expect(nodeLine(file, getPair(toPairs(file).data, 'other'))).toBe(8);
  });

  it('indents only continuation lines, so line numbers and values stay', () => {
    expect(indentQuotedContinuations("- name: 'a\n  b'\n- 'c\nd'\nx: plain 'quote\n")).toBe("- name: 'a\n   b'\n- 'c\n   d'\nx: plain 'quote\n");
  });

  it('still reports YAML that no consumer accepts', () => {
    expect(parseYaml('a: [1, 2\nb: 3\n').error).toMatch(/^line \d+: /);
  });

  it('the file is reviewed, not listed as invalid', async () => {
    // PyYAML reads command as 'gunicorn app:app --bind 0.0.0.0:8000'.
    const compose = lines('services:', '  web:', '    image: app:1.0', "    command: 'gunicorn app:app", "    --bind 0.0.0.0:8000'", '    healthcheck:', '      test: ["CMD", "true"]');
    const { errors } = await review(memoryChangeSet({}, { 'docker-compose.yml': compose }), checks);
    expect(errors).toEqual([]);
  });
});

describe('merge keys', () => {
  const compose = lines(
    'x-defaults: &defaults',
    '  restart: always',
    '  healthcheck:',
    '    test: ["CMD", "true"]',
    'x-env: &env',
    '  environment:',
    '    DEBUG: "0"',
    '  restart: "no"',
    'services:',
    '  web:',
    '    <<: [*defaults, *env]',
    '    image: app:1.0',
    '    restart: on-failure',
  );

  it('folds merged keys into the map: own keys win, then earlier sources', () => {
    const web = toPairs(parseYaml(compose)).services;
    const service = getPair(web, 'web')!.value;
    expect(getString(service, 'restart')).toBe('on-failure');
    expect(getPair(service, 'healthcheck')).toBeDefined();
    expect(getPair(service, 'environment')).toBeDefined();
    expect(getPair(service, '<<')).toBeUndefined();
    expect(toJS(service)).toEqual({ image: 'app:1.0', restart: 'on-failure', healthcheck: { test: ['CMD', 'true'] }, environment: { DEBUG: '0' } });
  });

  it('a merged value keeps the line where it is written (the anchor)', () => {
    const file = parseYaml(compose);
    const service = getPair(toPairs(file).services, 'web')!.value;
    expect(nodeLine(file, getPair(service, 'healthcheck'))).toBe(3);
  });
});

/** The top-level map's values by key, for the assertions above. */
function toPairs(file: ReturnType<typeof parseYaml>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const root = file.documents[0]!.contents;
  for (const key of ['data', 'services']) {
    const pair = getPair(root, key);
    if (pair) out[key] = pair.value;
  }
  return out;
}
