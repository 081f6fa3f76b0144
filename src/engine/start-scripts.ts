// The start scripts a Dockerfile's final stage runs (`ENTRYPOINT ["/entrypoint.sh"]`), found in the
// repository, so checks can read what the container really does at start: drop root, run cron, exec a server.
import type { CheckContext } from './check-context.js';
import { commandWords, copyArguments, stageLineage, startInstructions, type Dockerfile, type DockerStage } from '../parse/dockerfile.js';
import { repoDir, repoJoin } from '../parse/file-kinds.js';

/** Words of a start command that name a script the image runs (`/app/entrypoint.sh`, `$HOME/run.sh`). */
export const SCRIPT_WORD = /^[^-].*(?:\.sh|\/[\w.-]*(?:entry|start|run|init|boot|launch)[\w.-]*)$/i;

/**
 * Repository paths where a script the start command runs may come from: the source of a `COPY` whose
 * destination is that file or a folder it keeps its name in, and the script's path with leading folders dropped (`/app/bin/run.sh` may be
 * `bin/run.sh`), beside the Dockerfile or at the root. Paths that do not exist are simply not read.
 */
function scriptSources(file: Dockerfile, stage: DockerStage, dockerfilePath: string, word: string): string[] {
  const name = word.slice(word.lastIndexOf('/') + 1);
  const out: string[] = [];
  for (const s of stageLineage(file, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const copy = copyArguments(ins.args);
      if (!copy || copy.from !== undefined) continue;
      // Into a folder (`COPY docker-entrypoint.sh /`, `COPY a.sh b.sh /usr/local/bin/`) each source keeps its name.
      const intoFolder = copy.dest.endsWith('/') || copy.dest === '.' || copy.sources.length > 1;
      if (intoFolder) out.push(...copy.sources.filter((source) => source.slice(source.lastIndexOf('/') + 1) === name));
      else if (copy.dest.slice(copy.dest.lastIndexOf('/') + 1) === name) out.push(copy.sources[0]!);
    }
  }
  const segments = word.replace(/^[^/]*\$[^/]*\//, '').split('/').filter((x) => x !== '' && !x.includes('$'));
  for (let i = 0; i < segments.length; i++) out.push(segments.slice(i).join('/'));
  const dirs = [repoDir(dockerfilePath), ''];
  return [...new Set(out.flatMap((p) => dirs.map((d) => repoJoin(d, p.replace(/^\.\//, '')))))].slice(0, 12);
}

/** A script line that runs a cron daemon as its command (`exec cron -f`, `crond -f -l 8`, `busybox crond`). */
const CRON_DAEMON = /^[^#\n]*?(?:^|[\s;&|(`])(?:exec\s+)?(?:busybox\s+)?(?:cron|crond)(?=\s|$)/m;

/** True when the stage's start command, or a start script it runs, starts a cron daemon: the container runs scheduled jobs. */
export async function runsCronDaemon(ctx: CheckContext, dockerfilePath: string, file: Dockerfile, stage: DockerStage): Promise<boolean> {
  if (startInstructions(file, stage).some((ins) => CRON_DAEMON.test(commandWords(ins.args).words.join(' ')))) return true;
  return (await startScripts(ctx, dockerfilePath, file, stage)).some((script) => CRON_DAEMON.test(script.text));
}

/** The repository scripts (path and head text) the stage's ENTRYPOINT and CMD run, at most one per command word. */
export async function startScripts(ctx: CheckContext, dockerfilePath: string, file: Dockerfile, stage: DockerStage): Promise<{ path: string; text: string }[]> {
  const words = startInstructions(file, stage).flatMap((ins) => commandWords(ins.args).words);
  const out: { path: string; text: string }[] = [];
  for (const word of words.filter((w) => SCRIPT_WORD.test(w)).slice(0, 4)) {
    for (const source of scriptSources(file, stage, dockerfilePath, word)) {
      const text = await ctx.text(source);
      if (text === null) continue;
      out.push({ path: source, text });
      break;
    }
  }
  return out;
}
