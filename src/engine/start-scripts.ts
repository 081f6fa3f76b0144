// The start scripts a Dockerfile's final stage runs (`ENTRYPOINT ["/entrypoint.sh"]`), found in the
// repository, so checks can read what the container really does at start: drop root, run cron, exec a server.
import type { CheckContext } from './check-context.js';
import { commandWords, copyArguments, stageLineage, startInstructions, type Dockerfile, type DockerStage } from '../parse/dockerfile.js';
import { repoDir, repoJoin } from '../parse/file-kinds.js';
import { shellCommands } from '../parse/shell.js';

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

/** A user a command switches to that is still root (`root`, `0`, sudo's `#0`, `0:0`, chpst's `:0`). */
const isRootName = (user: string) => /^(?:root|#?0+)$/.test(user.replace(/^:/, '').split(':')[0]!.trim());

/**
 * The value of an option among the words before a command's first operand: `-u app`, `-uapp`, `-Eu app`
 * (a cluster of short flags ending with it), `--user app`, `--user=app`. `takesValue` names the other
 * short options that read the next word, so their value is not taken for the operand.
 */
function optionValue(words: readonly string[], short: string | undefined, long: readonly string[], takesValue: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--' || !w.startsWith('-') || w === '-') return undefined;
    if (w.startsWith('--')) {
      const [name, value] = w.includes('=') ? [w.slice(2, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w.slice(2), undefined];
      if (long.includes(name)) return value ?? words[i + 1];
      continue;
    }
    for (let j = 1; j < w.length; j++) {
      const c = w[j]!;
      if (c === short) return j + 1 < w.length ? w.slice(j + 1) : words[i + 1];
      if (takesValue.includes(c)) {
        if (j + 1 === w.length) i++;
        break;
      }
    }
  }
  return undefined;
}

/** The first operand after a command's options (`su -s /bin/sh app -c …` → `app`); `takesValue` as above, `longValue` the long options that read the next word. */
function firstOperand(words: readonly string[], takesValue: string, longValue: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return words[i + 1];
    if (w === '-') continue; // `su - app`: a login shell
    if (!w.startsWith('-')) return w;
    if (w.startsWith('--')) {
      if (!w.includes('=') && longValue.includes(w.slice(2))) i++;
      continue;
    }
    const at = [...w.slice(1)].findIndex((c) => takesValue.includes(c));
    if (at !== -1 && at + 2 === w.length) i++;
  }
  return undefined;
}

const SU_LONG_VALUES = ['command', 'session-command', 'shell', 'group', 'supp-group', 'whitelist-environment', 'user'];

/**
 * True when a simple command (its words, the program first) runs what follows as a user other than root:
 * `gosu app …`, `su-exec app …`, `s6-setuidgid app …`, `setuidgid app …`, `sudo -u app …` (not a bare
 * `sudo`, which stays root), `su app -c …` / `su -s /bin/sh app`, `runuser -u app …` or `runuser app -c …`,
 * `setpriv --reuid=1000 …`, `chroot --userspec=app:app / …`, `chpst -u app …`.
 */
export function commandDropsRoot(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const program = words[0]!.slice(words[0]!.lastIndexOf('/') + 1);
  const args = words.slice(1);
  let user: string | undefined;
  switch (program) {
    case 'gosu':
    case 'su-exec':
    case 's6-setuidgid':
    case 'setuidgid':
      user = firstOperand(args, '', []);
      break;
    case 'sudo':
      user = optionValue(args, 'u', ['user'], 'gCDprtUTh');
      break;
    case 'su':
      user = firstOperand(args, 'csgGwC', SU_LONG_VALUES);
      break;
    case 'runuser':
      user = optionValue(args, 'u', ['user'], 'csgGwC') ?? firstOperand(args, 'csgGwCu', SU_LONG_VALUES);
      break;
    case 'setpriv':
      user = optionValue(args, undefined, ['reuid'], '') ?? (optionValue(args, undefined, ['euid'], '') !== undefined ? optionValue(args, undefined, ['ruid'], '') : undefined);
      break;
    case 'chroot':
      user = optionValue(args, undefined, ['userspec'], '');
      break;
    case 'chpst':
      user = optionValue(args, 'u', [], 'UeE/nlLmdopfc');
      break;
    default:
      return false;
  }
  return user !== undefined && user !== '' && !isRootName(user);
}

/** Words that may come before the command a script line runs (`then exec gosu …`, `! sudo -u …`). */
const LEADING_WORDS = new Set(['then', 'do', 'else', 'exec', '!', 'time', 'nohup', 'command', '{']);

/** True when a start script runs a command as a user other than root (see `commandDropsRoot`); comments are not read. */
export function scriptDropsRoot(text: string): boolean {
  return shellCommands(text).some((command) => {
    let i = 0;
    while (i < command.length && (LEADING_WORDS.has(command[i]!) || /^[A-Za-z_]\w*=/.test(command[i]!))) i++;
    if (command[i] === 'env') {
      i++;
      while (i < command.length && (command[i]!.startsWith('-') || /^[A-Za-z_]\w*=/.test(command[i]!))) i++;
    }
    return commandDropsRoot(command.slice(i));
  });
}
