// The start scripts a Dockerfile's final stage runs (`ENTRYPOINT ["/entrypoint.sh"]`), found in the
// repository, so checks can read what the container really does at start: drop root, run cron, exec a server.
import type { CheckContext } from './check-context.js';
import { commandWords, copyArguments, stageLineage, startInstructions, workdirAt, type Dockerfile, type DockerStage } from '../parse/dockerfile.js';
import { repoDir, repoJoin } from '../parse/file-kinds.js';
import { effectiveCommands, shellCommands } from '../parse/shell.js';

/**
 * Words of a start command that name a script the image runs (`/app/entrypoint.sh`, `$HOME/run.sh`), or an
 * entrypoint script found on the `PATH` by its bare name (`ENTRYPOINT ["docker-entrypoint"]` after
 * `COPY docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint`), as official images install theirs.
 */
export const SCRIPT_WORD = /^[^-].*(?:\.sh|\/[\w.-]*(?:entry|start|run|init|boot|launch)[\w.-]*)$|^[\w.-]*entrypoint[\w.-]*$/i;

/**
 * Repository paths where a script the start command runs (or another file of the image) may come from: the
 * source of a `COPY` whose destination is that file or a folder it keeps its name in, the same place in a
 * folder copied whole (`/opt/apprise/webapp/start` from `COPY apprise_api/ webapp` under `WORKDIR /opt/apprise`
 * is `apprise_api/start`), and the script's path with leading folders dropped (`/app/bin/run.sh` may be
 * `bin/run.sh`), beside the Dockerfile or at the root. Paths that do not exist are simply not read.
 */
export function scriptSources(file: Dockerfile, stage: DockerStage, dockerfilePath: string, word: string): string[] {
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
      // A folder copied whole (`COPY apprise_api/ webapp` under `WORKDIR /opt/apprise`): the file keeps its place in it.
      if (copy.sources.length === 1 && word.startsWith('/') && !/[*?[$]/.test(copy.sources[0]!)) {
        const dest = copy.dest.replace(/\/+$/, '');
        // Into the image's root (`COPY install/production-filesystem/ /`): every file keeps its whole path under the folder.
        if (dest === '' && copy.dest.startsWith('/')) {
          out.push(`${copy.sources[0]!.replace(/\/+$/, '')}${word}`);
          continue;
        }
        const at = dest.startsWith('/') ? dest : `${workdirAt(file, s, ins).replace(/\/$/, '')}/${dest.replace(/^\.\/?/, '')}`.replace(/\/$/, '');
        if (at !== '' && word.startsWith(`${at}/`)) out.push(`${copy.sources[0]!.replace(/\/+$/, '')}/${word.slice(at.length + 1)}`);
      }
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

/** `<<EOF`, `<<-'EOF'`, `<<"EOF"`: a heredoc's opening word in a `COPY`. */
const HEREDOC_WORD = /^<<-?["']?\w+["']?$/;

/**
 * The body of a script the Dockerfile writes itself with a heredoc (`COPY <<'SCRIPT' /usr/local/bin/build.sh`),
 * for a start command word that names it: the `COPY`'s destination is that path, or a folder it keeps the name in.
 */
function inlineScript(file: Dockerfile, stage: DockerStage, word: string): string | undefined {
  for (const s of stageLineage(file, stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY') continue;
      const [header, ...body] = ins.args.split('\n');
      const words = header!.trim().split(/\s+/).filter((w) => !w.startsWith('--'));
      if (words.length !== 2 || !HEREDOC_WORD.test(words[0]!)) continue;
      const dest = words[1]!;
      if (dest === word || (dest.endsWith('/') && `${dest}${word.slice(word.lastIndexOf('/') + 1)}` === word)) return body.join('\n');
    }
  }
  return undefined;
}

/**
 * The scripts (path and head text) the stage's ENTRYPOINT and CMD run, at most one per command word: from
 * the repository, or written by the Dockerfile itself with a heredoc (its path is then the Dockerfile's).
 */
export async function startScripts(ctx: CheckContext, dockerfilePath: string, file: Dockerfile, stage: DockerStage): Promise<{ path: string; text: string }[]> {
  const words = startInstructions(file, stage).flatMap((ins) => commandWords(ins.args).words);
  const out: { path: string; text: string }[] = [];
  for (const word of words.filter((w) => SCRIPT_WORD.test(w)).slice(0, 4)) {
    const inline = inlineScript(file, stage, word);
    if (inline !== undefined) {
      out.push({ path: dockerfilePath, text: inline });
      continue;
    }
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

/** Words that may come before the command a script line runs (`then exec gosu …`, `! sudo -u …`, `if ! su-exec app …; then`). */
const LEADING_WORDS = new Set(['if', 'elif', 'while', 'until', 'then', 'do', 'else', 'exec', '!', 'time', 'nohup', 'command', '{']);

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

/**
 * A command that compiles or packages what the container was given (`go build`, `cargo build`, `make`,
 * `mvn package`, `npm run build`, `wails3 build`), the program and its first operand joined by a space.
 */
const BUILD_COMMAND = /^(?:go (?:build|install)|cargo (?:build|zigbuild)|make|gmake|cmake|ninja|meson|dotnet (?:build|publish)|zig (?:build|cc)|wails3? (?:build|package)|(?:npm|pnpm|yarn|bun) (?:run )?build|tsc|electron-builder|xcodebuild|msbuild)(?: |$)/i;
/** Gradle and Maven, whose build tasks and phases take many names (`assembleRelease`, `bootJar`, `clean package`). */
const JVM_BUILD = /^(?:gradlew?|mvnw?) /;
const JVM_BUILD_TASK = /build|assemble|jar|package|install/i;
const isBuildCommand = (head: string) => BUILD_COMMAND.test(head) || (JVM_BUILD.test(head) && JVM_BUILD_TASK.test(head.slice(head.indexOf(' ') + 1)));
/** Commands a build script runs around its build that start nothing: prints, folder and file moves, shell keywords. */
const AROUND_BUILD = new Set(['echo', 'printf', 'exit', 'true', 'cd', 'mkdir', 'cp', 'mv', 'rm', 'ln', 'chmod', 'chown', 'ls', 'tar', 'zip', 'sha256sum', 'set', 'export', 'fi', 'done', 'esac', 'then', 'else', 'do', '}', 'return', 'strip']);

/** The program and first operand of a simple command, after `exec`, `env` and variable assignments (`go build`). */
function commandHead(words: readonly string[]): string | undefined {
  let i = 0;
  while (i < words.length && (words[i] === 'exec' || words[i] === 'env' || /^[A-Za-z_]\w*=/.test(words[i]!))) i++;
  if (i >= words.length) return undefined;
  const program = words[i]!.slice(words[i]!.lastIndexOf('/') + 1);
  const operand = words.slice(i + 1).find((w) => !w.startsWith('-'));
  return operand === undefined ? program : `${program} ${operand}`;
}

/** True when the last thing `commands` run (prints, file moves and the like aside) compiles or packages. */
function endsWithBuild(commands: readonly (readonly string[])[]): boolean {
  for (let i = commands.length - 1; i >= 0; i--) {
    const head = commandHead(commands[i]!);
    if (head === undefined || AROUND_BUILD.has(head.split(' ')[0]!)) continue;
    return isBuildCommand(head);
  }
  return false;
}

/**
 * Why the stage is a build container, or undefined: its start command, or the start script it runs (from
 * the repository or written inline with a heredoc), ends by compiling or packaging (`go build -o bin/app .`,
 * `cargo build --release`, `make`), and the stage exposes no port. Such a container is run once on a
 * mounted source tree (`docker run --rm -v $(pwd):/app wails-cross darwin arm64`) to produce artifacts and
 * exits: it serves nothing, and it is no production service.
 */
export async function buildsArtifacts(ctx: CheckContext, dockerfilePath: string, file: Dockerfile, stage: DockerStage): Promise<string | undefined> {
  if (stageLineage(file, stage).some((s) => s.instructions.some((i) => i.keyword === 'EXPOSE'))) return undefined;
  const start = startInstructions(file, stage);
  if (start.length === 0) return undefined;
  const parts = start.map((ins) => commandWords(ins.args));
  const words = parts.every((p) => p.form === 'exec') ? parts.flatMap((p) => p.words) : ['/bin/sh', '-c', start.map((ins) => ins.args).join(' ')];
  const direct = effectiveCommands(words);
  if (endsWithBuild(direct)) return 'its start command ends by compiling or packaging and it exposes no port: it is a build container, not a service';
  const scripts = await startScripts(ctx, dockerfilePath, file, stage);
  if (scripts.length === 1 && endsWithBuild(shellCommands(scripts[0]!.text))) return 'the start script it runs ends by compiling or packaging and it exposes no port: it is a build container, not a service';
  return undefined;
}
