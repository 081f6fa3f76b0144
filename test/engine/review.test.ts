// The engine: drafts become findings, moved lines are not new, a failing check becomes an error entry.
import { describe, expect, it } from 'vitest';
import { memoryChangeSet } from '../../src/changeset/memory.js';
import { defineCheck } from '../../src/engine/define-check.js';
import { review } from '../../src/engine/review.js';
import { wordCheck } from '../helpers/word-check.js';

const todo = wordCheck('todo-test', 'TODO', 'warning', 'TODO left');

const broken = defineCheck({
  id: 'broken-test',
  title: 'Broken',
  severity: 'failure',
  scope: 'structure',
  messages: { x: 'x' },
  remediation: 'n/a',
  async run() {
    throw new Error('boom');
  },
});

describe('review', () => {
  it('fills check id, severity, title, message and a stable fingerprint', async () => {
    const { findings } = await review(memoryChangeSet({}, { 'a.py': 'x = 1\n# TODO later\n' }), [todo]);
    expect(findings).toEqual([
      {
        checkId: 'todo-test',
        severity: 'warning',
        path: 'a.py',
        line: 2,
        endLine: 2,
        title: 'TODO left',
        message: 'found TODO in a.py',
        remediation: 'Remove TODO before merging.',
        fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/),
        messageId: 'found',
        data: { word: 'TODO', path: 'a.py' },
      },
    ]);
    const again = await review(memoryChangeSet({ 'a.py': 'header\n' }, { 'a.py': 'header\n\n\n# TODO later\n' }), [todo]);
    expect(again.findings[0]!.fingerprint).toBe(findings[0]!.fingerprint);
    expect(again.findings[0]!.line).toBe(4);
  });

  it('reports a line once when it says the same thing for two subjects (an anchor two services merge in)', async () => {
    const perService = defineCheck({
      id: 'per-service-test',
      title: 'Per service',
      severity: 'warning',
      scope: 'line',
      messages: { untagged: '`{{image}}` has no tag' },
      remediation: 'Pin it.',
      run: async () => ['web', 'worker'].map((service) => ({ path: 'compose.yaml', line: 3, messageId: 'untagged' as const, data: { image: 'app' }, key: service })),
    });
    const compose = 'x-app: &app\n  restart: always\n  image: app\nservices:\n  web: { <<: *app }\n  worker: { <<: *app }\n';
    const { findings } = await review(memoryChangeSet({}, { 'compose.yaml': compose }), [perService]);
    expect(findings.map((f) => [f.path, f.line, f.message])).toEqual([['compose.yaml', 3, '`app` has no tag']]);
  });

  it('leaves out a finding of a check on a line a check it yields to reports (one problem said once), and keeps it elsewhere', async () => {
    const envFile = wordCheck('env-file-test', 'PASSWORD', 'failure');
    const weak = { ...wordCheck('weak-default-test', 'changeme', 'failure'), yieldsTo: ['env-file-test'] };
    const change = memoryChangeSet({}, { '.env': 'DB_PASSWORD=changeme\n', 'settings.py': 'ADMIN = "changeme"\n' });
    const { findings } = await review(change, [envFile, weak]);
    expect(findings.map((f) => [f.checkId, f.path, f.line])).toEqual([
      ['env-file-test', '.env', 1],
      ['weak-default-test', 'settings.py', 1],
    ]);
    const alone = await review(change, [{ ...weak, yieldsTo: [] }, envFile]);
    expect(alone.findings).toHaveLength(3);
  });

  it('says a Dockerfile has no FROM only when a check parsed it, not when one only read its text', async () => {
    const reader = (id: string, parse: boolean) =>
      defineCheck({
        id,
        title: id,
        severity: 'warning',
        scope: 'line',
        messages: { x: 'x' },
        remediation: 'n/a',
        async run(ctx) {
          for (const f of ctx.files()) await (parse ? ctx.dockerfile(f.path) : ctx.text(f.path));
          return [];
        },
      });
    const change = () => memoryChangeSet({}, { Dockerfile: 'RUN echo no base image\n', 'ok/Dockerfile': 'FROM alpine:3.20\nRUN true\n' });
    expect((await review(change(), [reader('text-test', false)])).errors).toEqual([]);
    expect((await review(change(), [reader('text-test', false), reader('parse-test', true)])).errors).toEqual([
      { path: 'Dockerfile', message: 'no FROM instruction: checks that read Dockerfile stages skipped it' },
    ]);
  });

  it('does not report a line that only moved within the file', async () => {
    const before = { 'a.py': '# TODO keep\nx = 1\ny = 2\nz = 3\n' };
    const after = { 'a.py': 'x = 1\ny = 2\nz = 3\n    # TODO keep\n' };
    expect((await review(memoryChangeSet(before, after), [todo])).findings).toEqual([]);
  });

  it('does not report a pure rename', async () => {
    const before = { 'a.py': '# TODO keep\n' };
    const after = { 'b.py': '# TODO keep\n' };
    const change = memoryChangeSet(before, after);
    expect(change.files).toMatchObject([{ path: 'b.py', status: 'renamed', previousPath: 'a.py', added: [] }]);
    expect((await review(change, [todo])).findings).toEqual([]);
  });

  it('turns a throwing check into an error entry that marks the review incomplete, and keeps the other findings', async () => {
    const result = await review(memoryChangeSet({}, { 'a.py': '# TODO\n' }), [todo, broken]);
    expect(result.findings).toHaveLength(1);
    expect(result.errors).toEqual([{ path: 'a.py', message: 'not reviewed by broken-test: boom', incomplete: true }]);
  });

  it('runs a check that threw again file by file, so one bad file does not take the findings of the others', async () => {
    const picky = defineCheck({
      id: 'picky-test',
      scope: 'structure',
      title: 'Picky',
      severity: 'failure',
      messages: { found: 'found' },
      remediation: 'fix',
      async run(ctx) {
        const findings = [];
        for (const file of ctx.files()) {
          const content = await ctx.read(file.path);
          if (content?.text.includes('BOOM')) throw new Error(`cannot read ${file.path}`);
          if (content?.text.includes('TODO')) findings.push({ path: file.path, line: 1, messageId: 'found' as const, key: file.path });
        }
        return findings;
      },
    });
    const result = await review(memoryChangeSet({}, { 'a.py': 'BOOM\n', 'b.py': 'TODO\n' }), [picky]);
    expect(result.findings.map((f) => f.path)).toEqual(['b.py']);
    expect(result.errors).toEqual([{ path: 'a.py', message: 'not reviewed by picky-test: cannot read a.py', incomplete: true }]);
  });

  it('lists binary and non-UTF-8 files as not reviewed', async () => {
    const result = await review(memoryChangeSet({}, { 'b.bin': Buffer.from([0, 1]), 'c.txt': Buffer.from([0xff, 0x0a]), 'a.py': '# TODO\n' }), [todo]);
    expect(result.errors.map((e) => e.path)).toEqual(['b.bin', 'c.txt']);
    expect(result.findings.map((f) => f.path)).toEqual(['a.py']);
  });

  it('applies per-check options over defaults', async () => {
    const optioned = wordCheck('word-test', 'TODO', 'notice');
    const change = memoryChangeSet({}, { 'a.txt': 'TODO\nFIXME\n' });
    expect((await review(change, [optioned])).findings.map((f) => f.message)).toEqual(['found TODO in a.txt']);
    expect((await review(change, [optioned], { checkOptions: { 'word-test': { word: 'FIXME' } } })).findings.map((f) => f.message)).toEqual(['found FIXME in a.txt']);
  });
});
