// Reads container start commands the way a shell would split them: words, simple commands, and the program a wrapper runs.

/**
 * Splits shell text into simple commands (lists of words) at `;`, `&&`, `||`, `|`, `&`, newlines and
 * parentheses. Quotes and backslashes are honoured; expansions (`$VAR`, `$(…)`) stay inside their word
 * as written. Comments (`#` at a word start) run to the end of the line. Linear in the text length.
 */
export function shellCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      // A backslash-newline joins lines; any other escaped character is literal.
      if (text[i + 1] === '\n') i++;
      else if (i + 1 < text.length) {
        word += text[++i];
        inWord = true;
      }
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end;
      word += text.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) i++;
        word += text[i];
      }
    } else if (c === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') {
      endCommand();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** The last path segment of a program word (`/usr/local/bin/python3` → `python3`). */
export function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/**
 * Programs that run another command given after their own arguments: the number is how many words
 * follow the program before the command (after any `-options`; `--` ends their options), or `'--'`
 * when the command comes only after a `--` word.
 */
const WRAPPERS: Record<string, number | '--'> = {
  exec: 0,
  nohup: 0,
  time: 0,
  tini: 0,
  'dumb-init': 0,
  'catatonit': 0,
  npx: 0,
  bunx: 0,
  'ddtrace-run': 0,
  'opentelemetry-instrument': 0,
  'doppler': 1, // doppler run -- cmd
  gosu: 1,
  'su-exec': 1,
  'newrelic-admin': 1, // newrelic-admin run-program cmd
  'wait-for-it': '--',
  'wait-for-it.sh': '--',
  'wait-for': '--',
};

/** `<tool> run <cmd>` runners that put a project environment around a command. */
const RUNNERS = new Set(['poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'rye', 'conda', 'micromamba', 'pixi']);

/**
 * The commands a simple command really runs, with environment assignments, `env`, `exec`, init
 * wrappers (tini, dumb-init, gosu), project runners (`poetry run`, `uv run`, `npx`) and `sh -c '…'`
 * peeled off. A `sh -c` script yields each of its simple commands. `depth` bounds nested shells.
 */
export function effectiveCommands(words: readonly string[], depth = 0): string[][] {
  let rest = [...words];
  for (let guard = 0; guard < 16 && rest.length; guard++) {
    while (rest.length && ASSIGNMENT.test(rest[0]!)) rest.shift();
    if (!rest.length) return [];
    const program = programName(rest[0]!);
    if (program === 'env') {
      rest.shift();
      while (rest.length && (rest[0]!.startsWith('-') || ASSIGNMENT.test(rest[0]!))) {
        const flag = rest.shift()!;
        if ((flag === '-u' || flag === '-C' || flag === '-S') && rest.length) rest.shift();
      }
      continue;
    }
    if (SHELLS.has(program)) {
      const c = rest.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
      if (c === -1 || c + 1 >= rest.length || depth >= 3) return [rest];
      return shellCommands(rest[c + 1]!).flatMap((cmd) => effectiveCommands(cmd, depth + 1));
    }
    if (RUNNERS.has(program) && rest[1] === 'run') {
      rest = dropOptions(rest.slice(2));
      continue;
    }
    if ((program === 'pnpm' || program === 'yarn') && (rest[1] === 'exec' || rest[1] === 'dlx')) {
      rest = dropOptions(rest.slice(2));
      continue;
    }
    if (program in WRAPPERS) {
      const skip = WRAPPERS[program]!;
      if (skip === '--') {
        const dashes = rest.indexOf('--');
        if (dashes === -1) return [];
        rest = rest.slice(dashes + 1);
        continue;
      }
      let next = dropOptions(rest.slice(1)).slice(skip);
      if (next[0] === '--') next = next.slice(1);
      rest = next;
      continue;
    }
    return [rest];
  }
  return rest.length ? [rest] : [];
}

/** Drops leading `-options` (and a `--` that ends them). */
function dropOptions(words: string[]): string[] {
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-') && words[i] !== '--') i++;
  if (words[i] === '--') i++;
  return words.slice(i);
}
