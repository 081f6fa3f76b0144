// The Dockerfile parser (dockerfile-ast underneath): instruction boundaries, joined continuations, heredocs
// of any name, and the checks that read it on the two shapes the hand parser got wrong.
import { describe, expect, it } from 'vitest';
import containerRootUser from '../../checks/container-root-user.js';
import healthcheckMissing from '../../checks/healthcheck-missing.js';
import { argDeclarations, commandWords, copyArguments, finalStage, imageEnv, parseDockerfile, stageLineage } from '../../src/parse/dockerfile.js';
import { runCheck } from '../helpers/check-tester.js';

const lines = (...l: string[]) => l.join('\n') + '\n';
const shape = (text: string) => parseDockerfile(text).instructions.map((i) => [i.keyword, i.startLine, i.endLine]);

/** Both of the hand parser's bugs in one production Dockerfile that does set USER and HEALTHCHECK. */
const production = lines(
  'FROM python:3.12-slim',
  'COPY <<app.conf /etc/app/app.conf',
  'listen = 8000',
  'app.conf',
  'RUN apt-get update && \\',
  '',
  '    apt-get install -y --no-install-recommends curl',
  'USER app',
  'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1',
  'CMD ["gunicorn", "app:app"]',
);

describe('parseDockerfile', () => {
  it('ends a heredoc whose name is not a plain word at its terminator (COPY <<app.conf)', () => {
    expect(shape(production)).toEqual([
      ['FROM', 1, 1],
      ['COPY', 2, 4],
      ['RUN', 5, 7],
      ['USER', 8, 8],
      ['HEALTHCHECK', 9, 9],
      ['CMD', 10, 10],
    ]);
    expect(parseDockerfile(production).instructions[1]!.args).toBe('<<app.conf /etc/app/app.conf\nlisten = 8000');
  });

  it('keeps a blank line inside a continued instruction in that instruction', () => {
    const run = parseDockerfile(production).instructions[2]!;
    expect(run.args).toBe('apt-get update &&      apt-get install -y --no-install-recommends curl');
  });

  it('drops comment lines inside a continuation and honours the escape directive', () => {
    const text = lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore AS base', 'RUN echo a `', '# note', '    && echo b', 'USER ContainerUser');
    expect(shape(text)).toEqual([
      ['FROM', 2, 2],
      ['RUN', 3, 5],
      ['USER', 6, 6],
    ]);
    expect(parseDockerfile(text).instructions[1]!.args).toBe('echo a      && echo b');
  });

  it('keeps flags and several heredoc bodies, without their terminators', () => {
    const text = lines('FROM alpine', 'COPY --chmod=644 <<one <<"two" /dst/', '1', 'one', '2', 'two', 'RUN --mount=type=cache,target=/root <<-EOT', '\techo hi', '\tEOT', 'CMD ["x"]');
    const ins = parseDockerfile(text).instructions;
    expect(ins.map((i) => [i.keyword, i.startLine, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['COPY', 2, 6],
      ['RUN', 7, 9],
      ['CMD', 10, 10],
    ]);
    expect(ins[1]!.args).toBe('--chmod=644 <<one <<"two" /dst/\n1\n2');
    expect(ins[2]!.args).toBe('--mount=type=cache,target=/root <<-EOT\n\techo hi');
    expect(copyArguments('--from=build /app /usr/share/nginx/html')).toEqual({ from: 'build', sources: ['/app'], dest: '/usr/share/nginx/html' });
  });

  it('removes quotes and escapes from instruction words, as Docker does', () => {
    expect(copyArguments('"my app.sh" /app/run\\ me.sh')).toEqual({ sources: ['my app.sh'], dest: '/app/run me.sh' });
    expect(commandWords('exec "$APP_HOME/start.sh" --port \'80\'')).toEqual({ form: 'shell', words: ['exec', '$APP_HOME/start.sh', '--port', '80'] });
    expect(commandWords('["a", "b c"]')).toEqual({ form: 'exec', words: ['a', 'b c'] });
    expect(argDeclarations('A B="x y" C=')).toEqual([{ name: 'A' }, { name: 'B', value: 'x y' }, { name: 'C', value: '' }]);
  });

  it('builds stages and lineage on top, CRLF files included', () => {
    const file = parseDockerfile(['FROM node:20 AS build', 'RUN npm ci', 'FROM --platform=linux/amd64 build AS final', 'USER node', ''].join('\r\n'));
    const final = finalStage(file)!;
    expect([final.name, final.platform, final.image]).toEqual(['final', 'linux/amd64', 'build']);
    expect(stageLineage(file, final).map((s) => s.name)).toEqual(['final', 'build']);
  });
});

describe('imageEnv', () => {
  it('lists the ENV of the final stage and the stages it is built FROM, each on the line that sets it', () => {
    const text = lines('FROM python:3.12 AS build', 'ENV BUILD_ONLY=1', '', 'FROM python:3.12-slim AS base', 'ENV A=1 \\', '    B="two words"', '', 'FROM base', 'ENV C 3');
    const env = imageEnv(parseDockerfile(text), text.split('\n')).map(({ name, value, line, stage }) => [name, value, line, stage.name]);
    expect(env).toEqual([
      ['C', '3', 9, undefined],
      ['A', '1', 5, 'base'],
      ['B', 'two words', 6, 'base'],
    ]);
  });
});

describe('checks over the parsed Dockerfile', () => {
  it('reports neither "runs as root" nor "no HEALTHCHECK" on a Dockerfile that has both after a named heredoc', async () => {
    expect(await runCheck(containerRootUser, {}, { Dockerfile: production })).toEqual([]);
    expect(await runCheck(healthcheckMissing, {}, { Dockerfile: production })).toEqual([]);
  });
});
