// Reads container start commands the way a shell would split them: words, simple commands, and the program a wrapper runs.

/** A word as the shell reads it: `text` with quotes and escapes removed; `start`/`end` where it was written. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
}

/** Nested `$(…)` / `${…}` deeper than this run to the end of the text (keeps the scan's stack bounded). */
const MAX_NESTING = 32;

/**
 * Where the expansion that opens at `i` (`$(…)`, `$((…))`, `${…}` or a backquoted command) closes: the
 * index of its last character, the text's last index when it never closes, or -1 when none opens at `i`.
 * Quotes and nested expansions inside it are skipped, so `$(cat "a b")` is one expansion.
 */
function expansionEnd(text: string, i: number, depth = 0): number {
  const c = text[i];
  const open = text[i + 1];
  if (depth > MAX_NESTING) return text.length - 1;
  if (c === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '`') return j;
    }
    return text.length - 1;
  }
  if (c !== '$' || (open !== '(' && open !== '{')) return -1;
  const close = open === '(' ? ')' : '}';
  let level = 0;
  for (let j = i + 1; j < text.length; j++) {
    const d = text[j]!;
    if (d === '\\') j++;
    else if (d === "'") {
      const q = text.indexOf("'", j + 1);
      if (q === -1) return text.length - 1;
      j = q;
    } else if (d === '"') j = doubleQuoteEnd(text, j, depth + 1);
    else if (d === '$' || d === '`') {
      const e = expansionEnd(text, j, depth + 1);
      if (e !== -1) j = e;
    } else if (d === open) level++;
    else if (d === close && --level === 0) return j;
  }
  return text.length - 1;
}

/** The index of the quote that closes the double-quoted string opening at `i` (the text's length when none does). */
function doubleQuoteEnd(text: string, i: number, depth: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const d = text[j];
    if (d === '\\') j++;
    else if (d === '"') return j;
    else if (d === '$' || d === '`') {
      const e = expansionEnd(text, j, depth);
      if (e !== -1) j = e;
    }
  }
  return text.length;
}

/**
 * The one shell-word scanner. Quotes and backslashes are honoured and removed; a backslash-newline joins
 * lines; expansions (`$VAR`, `${…}`, `$(…)`, backquotes) stay inside their word as written. With
 * `operators`, the text is a shell script: `;`, `&&`, `||`, `|`, `&`, newlines and parentheses end a
 * simple command (redirections such as `2>&1` and `&>log` stay words) and `#` at a word start runs to
 * the end of the line. Without, it is a Dockerfile instruction's arguments: blanks alone separate words.
 * Linear in the text length.
 */
function scan(text: string, operators: boolean): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let word = '';
  let start = -1;
  const begin = (i: number) => {
    if (start === -1) start = i;
  };
  const endWord = (end: number) => {
    if (start !== -1) words.push({ text: word, start, end });
    word = '';
    start = -1;
  };
  const endCommand = (end: number) => {
    endWord(end);
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      // A backslash-newline joins lines; any other escaped character is literal.
      if (text[i + 1] === '\n') i++;
      else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 2;
      else {
        begin(i);
        word += i + 1 < text.length ? text[++i] : c;
      }
    } else if (c === "'") {
      begin(i);
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end;
      word += text.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      begin(i);
      const end = doubleQuoteEnd(text, i, 0);
      for (let j = i + 1; j < end; j++) {
        const d = text[j]!;
        if (d === '\\' && j + 1 < end) {
          const next = text[j + 1]!;
          if (next === '\n') j++;
          else if ('"\\$`'.includes(next)) word += text[++j];
          else word += d;
        } else if (d === '$' || d === '`') {
          const e = Math.min(expansionEnd(text, j), end - 1);
          word += e === -1 ? d : text.slice(j, e + 1);
          if (e !== -1) j = e;
        } else word += d;
      }
      i = end;
    } else if (c === '$' || c === '`') {
      begin(i);
      const e = expansionEnd(text, i);
      word += e === -1 ? c : text.slice(i, e + 1);
      if (e !== -1) i = e;
    } else if (c === ' ' || c === '\t' || c === '\r' || (c === '\n' && !operators)) {
      endWord(i);
    } else if (!operators) {
      begin(i);
      word += c;
    } else if (c === '#' && start === -1) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    } else if (c === '&' && ((start !== -1 && /[<>]$/.test(word)) || text[i + 1] === '>')) {
      // `2>&1`, `>&2` and `&>log` redirect output; they do not end the command.
      begin(i);
      word += c;
    } else if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') {
      endCommand(i);
    } else {
      begin(i);
      word += c;
    }
  }
  endCommand(text.length);
  return commands;
}

/**
 * Splits shell text into simple commands (lists of words) at `;`, `&&`, `||`, `|`, `&`, newlines and
 * parentheses, as `sh -c` would read it (see `scan`).
 */
export function shellCommands(text: string): string[][] {
  return scan(text, true).map((command) => command.map((w) => w.text));
}

/**
 * The words of a Dockerfile instruction's arguments (`ENV`, `ARG`, `COPY`, shell-form `CMD`): split on
 * blanks outside quotes, quotes and escapes removed, each with where it was written.
 */
export function shellWords(text: string): ShellWord[] {
  return scan(text, false)[0] ?? [];
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
