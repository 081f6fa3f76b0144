// The one shell-word splitter (src/parse/shell.ts): scripts split into simple commands, Dockerfile arguments into words.
import { describe, expect, it } from 'vitest';
import { effectiveCommands, shellCommands, shellWords } from '../../src/parse/shell.js';

describe('shellCommands', () => {
  const cases: { name: string; text: string; commands: string[][] }[] = [
    { name: 'blanks and tabs', text: '  python \t app.py  ', commands: [['python', 'app.py']] },
    { name: 'single quotes keep everything literal', text: `echo 'a "b" \\c $D'`, commands: [['echo', 'a "b" \\c $D']] },
    { name: 'double quotes keep blanks and drop their escapes', text: 'echo "a  b" "x\\"y" "\\$HOME" "back\\\\slash" "keep\\n"', commands: [['echo', 'a  b', 'x"y', '$HOME', 'back\\slash', 'keep\\n']] },
    { name: 'quotes join with the letters around them', text: `a"b c"'d e'f`, commands: [['ab cd ef']] },
    { name: 'an empty quoted word is a word', text: `run "" ''`, commands: [['run', '', '']] },
    { name: 'backslash escapes a blank and an operator', text: 'echo a\\ b c\\;d', commands: [['echo', 'a b', 'c;d']] },
    { name: 'a backslash-newline joins lines', text: 'pip install \\\n  flask \\\n  requests', commands: [['pip', 'install', 'flask', 'requests']] },
    { name: 'a backslash-newline inside a word joins it', text: 'gunic\\\norn app:app', commands: [['gunicorn', 'app:app']] },
    { name: 'a backslash-CRLF joins lines', text: 'pip install \\\r\n  flask', commands: [['pip', 'install', 'flask']] },
    { name: 'a backslash-newline inside double quotes is removed', text: 'sh -c "migrate && \\\nserve"', commands: [['sh', '-c', 'migrate && serve']] },
    { name: '&& || ; | & and newlines end commands', text: 'a 1 && b 2 || c; d | e & f\ng', commands: [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f'], ['g']] },
    { name: 'parentheses end commands (subshells)', text: '(cd app && make) ; run', commands: [['cd', 'app'], ['make'], ['run']] },
    { name: 'operators inside quotes stay', text: `sh -c 'a && b; c'`, commands: [['sh', '-c', 'a && b; c']] },
    { name: '$(…) stays inside its word', text: 'gunicorn --workers $(nproc) app:app', commands: [['gunicorn', '--workers', '$(nproc)', 'app:app']] },
    { name: '$(…) with blanks, quotes and operators inside', text: `pip install $(grep -v '^#' "req s.txt" | cut -d' ' -f1) && run`, commands: [['pip', 'install', `$(grep -v '^#' "req s.txt" | cut -d' ' -f1)`], ['run']] },
    { name: 'nested $(…) and arithmetic', text: 'echo $(dirname $(which python)) $((1 + 2))', commands: [['echo', '$(dirname $(which python))', '$((1 + 2))']] },
    { name: '$(…) inside double quotes, quotes inside it', text: 'exec "$(cat "my file")" x', commands: [['exec', '$(cat "my file")', 'x']] },
    { name: '${…} with blanks stays one word', text: 'serve --port ${PORT:-80 80} now', commands: [['serve', '--port', '${PORT:-80 80}', 'now']] },
    { name: 'backquotes stay inside their word', text: 'echo `date +%s; x` done', commands: [['echo', '`date +%s; x`', 'done']] },
    { name: '$VAR and a lone $ stay as written', text: 'run $HOME/x a$ $', commands: [['run', '$HOME/x', 'a$', '$']] },
    { name: 'redirections with & do not end the command', text: 'serve 2>&1 >&2 &>log.txt && next', commands: [['serve', '2>&1', '>&2', '&>log.txt'], ['next']] },
    { name: 'a comment runs to the end of the line', text: 'run a # b && c\nnext', commands: [['run', 'a'], ['next']] },
    { name: '# inside a word is not a comment', text: 'curl http://x/#frag a#b', commands: [['curl', 'http://x/#frag', 'a#b']] },
    { name: 'an unterminated quote runs to the end', text: `echo 'a b`, commands: [['echo', 'a b']] },
    { name: 'an unterminated $( runs to the end', text: 'echo $(a b', commands: [['echo', '$(a b']] },
    { name: 'nothing but operators and blanks', text: ' ;; && \n ', commands: [] },
  ];
  for (const { name, text, commands } of cases) {
    it(name, () => {
      expect(shellCommands(text)).toEqual(commands);
    });
  }

  it('stays linear on deeply nested expansions', () => {
    const text = '$('.repeat(20_000) + ')'.repeat(20_000);
    expect(shellCommands(text)).toEqual([[text]]);
  });
});

describe('shellWords', () => {
  it('splits on blanks and newlines only, and says where each word was written', () => {
    const text = 'A=1 B="two words";x\n  C=a\\ b (d) #e';
    expect(shellWords(text)).toEqual([
      { text: 'A=1', start: 0, end: 3 },
      { text: 'B=two words;x', start: 4, end: 19 },
      { text: 'C=a b', start: 22, end: 28 },
      { text: '(d)', start: 29, end: 32 },
      { text: '#e', start: 33, end: 35 },
    ]);
  });

  it('keeps $(…) and ${…} with blanks in one word', () => {
    expect(shellWords('V=$(date +%s) W=${X:-a b}').map((w) => w.text)).toEqual(['V=$(date +%s)', 'W=${X:-a b}']);
  });

  it('returns nothing for blank text', () => {
    expect(shellWords(' \t\n')).toEqual([]);
  });
});

describe('effectiveCommands', () => {
  const cases: { words: string[]; commands: string[][] }[] = [
    { words: ['env', '-u', 'X', 'A=1', 'python', 'app.py'], commands: [['python', 'app.py']] },
    { words: ['/usr/bin/tini', '--', 'gunicorn', 'app:app'], commands: [['gunicorn', 'app:app']] },
    { words: ['gosu', 'app', 'node', 'server.js'], commands: [['node', 'server.js']] },
    { words: ['poetry', 'run', 'flask', 'run'], commands: [['flask', 'run']] },
    { words: ['sh', '-c', 'python manage.py migrate && exec gunicorn -w $(nproc) app:app 2>&1'], commands: [['python', 'manage.py', 'migrate'], ['gunicorn', '-w', '$(nproc)', 'app:app', '2>&1']] },
    { words: ['wait-for-it', 'db:5432', '--', 'npm', 'start'], commands: [['npm', 'start']] },
    { words: ['wait-for-it', 'db:5432'], commands: [] },
  ];
  for (const { words, commands } of cases) {
    it(words.join(' '), () => {
      expect(effectiveCommands(words)).toEqual(commands);
    });
  }
});
