// The App's read plan: what a review reads ahead, so its reads go out in as few requests as GitHub allows.
import { describe, expect, it } from 'vitest';
import { planReads } from '../../src/github/read-ahead.js';
import type { ChangedFile } from '../../src/model/change-set.js';

const file = (path: string, status: ChangedFile['status'], lines: string[]): ChangedFile => ({
  path,
  status,
  binary: false,
  hunks: [],
  added: status === 'removed' ? [] : lines.map((text, i) => ({ line: i + 1, text })),
  removed: status === 'removed' ? lines.map((text, i) => ({ line: i + 1, text })) : [],
});

describe('planReads', () => {
  it('plans the production neighbours a deleted plain compose file or Dockerfile is judged against, when roles are read', () => {
    const files = [file('docker-compose.yml', 'modified', ['services: {}']), file('backend/docker-compose.yml', 'removed', ['services:', '  local:', '    build: .']), file('web/Dockerfile', 'removed', ['FROM node:20'])];
    const plan = planReads(files, { roles: true });
    expect(plan.head).toEqual(expect.arrayContaining(['backend/docker-compose.prod.yml', 'backend/docker-stack.yml', 'web/Dockerfile.prod', 'README.md']));
    // Not the deleted files themselves (their patches hold them), nor anything for a deleted file of another kind, nor without roles.
    expect(plan.head).not.toContain('backend/docker-compose.yml');
    expect(planReads([...files, file('app.py', 'removed', ['x = 1'])], { roles: true }).head.filter((p) => p.startsWith('app'))).toEqual([]);
    expect(planReads(files).head).not.toContain('backend/docker-compose.prod.yml');
  });
});
