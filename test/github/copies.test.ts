// The App looks for a copied file's original too: a new file copied from the base tree reports, through
// GitHub's API, only what its original did not already have, as the CLI does with local git reads.
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { memoryChangeSet, type Tree } from '../../src/changeset/memory.js';
import { review } from '../../src/engine/review.js';
import { GitHubBlobReader } from '../../src/github/blob-reader.js';
import { pullRequestChangeSet } from '../../src/github/change-set.js';
import { HEAD, PR, fakeGitHub } from './helpers/fake-github.js';

const deployment = (name: string, image: string, port = '8080') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    `        image: ${image}`,
    '        ports:',
    `        - containerPort: ${port}`,
    '        env:',
    '        - name: LOG_LEVEL',
    '          value: info',
  ].join('\n');

const appFindings = async (base: Tree, head: Tree, options: { fail?: (expression: string) => boolean } = {}) => {
  const { api, queries } = fakeGitHub(base, head, options);
  const { change } = await pullRequestChangeSet(api, PR, new GitHubBlobReader(api, PR.owner, PR.repo));
  const result = await review(change, checks);
  return { findings: result.findings.map((f) => `${f.checkId} ${f.path}:${f.line}`).sort(), queries };
};
const cliFindings = async (base: Tree, head: Tree) => (await review(memoryChangeSet(base, head), checks)).findings.map((f) => `${f.checkId} ${f.path}:${f.line}`).sort();

describe('a file copied from the base tree, reviewed by the App', () => {
  const base: Tree = { 'kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest') };

  it('does not report what its original already had, as the CLI does not', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081') };
    const app = await appFindings(base, head);
    expect(app.findings).toEqual([]);
    expect(app.findings).toEqual(await cliFindings(base, head));
  });

  it('reports what the copy adds: a new unpinned image', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/ledger:latest') };
    const app = await appFindings(base, head);
    expect(app.findings).toContain('unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:10');
    expect(app.findings).toEqual(await cliFindings(base, head));
  });

  it('asks for the candidate originals of several copies in one query', async () => {
    const many: Tree = { ...base, 'kubernetes-manifests/ledger.yaml': deployment('ledger', 'gcr.io/example/ledger:latest') };
    const head = {
      ...many,
      'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081'),
      'src/monolith/kubernetes-manifests/ledger.yaml': deployment('ledger', 'gcr.io/example/ledger:latest', '8081'),
    };
    const app = await appFindings(many, head);
    expect(app.findings).toEqual([]);
    // The originals are untouched by the pull request, so they are read at head, both in one query.
    const originals = app.queries.filter((q) => q.some((e) => e.endsWith(':kubernetes-manifests/contacts.yaml') || e.endsWith(':kubernetes-manifests/ledger.yaml')));
    expect(originals).toEqual([expect.arrayContaining([`${HEAD}:kubernetes-manifests/contacts.yaml`, `${HEAD}:kubernetes-manifests/ledger.yaml`])]);
  });

  it('finds the previous version of a new version folder (`33/apache/Dockerfile` for `34/apache/Dockerfile`), as the CLI does', async () => {
    const dockerfile = (v: string) => `FROM php:8.3-apache\nENV NEXTCLOUD_VERSION ${v}.0.0\nRUN apt-get update && apt-get install -y rsync bzip2\nRUN docker-php-ext-install pdo_mysql zip\nVOLUME /var/www/html\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["apache2-foreground"]\n`;
    const versions: Tree = { '33/apache/Dockerfile': dockerfile('33') };
    const head = { ...versions, '34/apache/Dockerfile': dockerfile('34') };
    const app = await appFindings(versions, head);
    expect(app.findings).not.toContain('healthcheck-missing 34/apache/Dockerfile:1');
    expect(app.findings).toEqual(await cliFindings(versions, head));
  });

  it('keeps the findings when the original cannot be read (the gate errs on the side of reporting)', async () => {
    const head = { ...base, 'src/monolith/kubernetes-manifests/contacts.yaml': deployment('contacts', 'gcr.io/example/contacts:latest', '8081') };
    const app = await appFindings(base, head, { fail: (e) => e.includes(':kubernetes-manifests/') && !e.includes('monolith') });
    expect(app.findings).toContain('unpinned-dependency src/monolith/kubernetes-manifests/contacts.yaml:10');
  });
});
