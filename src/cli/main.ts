// Entry point of the `readiness` command: dispatches sub-commands and maps failures to exit codes.
import { packageVersion } from './package-root.js';
import { ConfigError, GitError, SCAN_USAGE, UsageError, scan } from './scan.js';

const USAGE = `usage: readiness <command>

commands:
  scan    review a local git change (see readiness scan --help)
  worker  run the GitHub App's review workers only (ROLE=worker; needs REDIS_URL and the App's settings)

options:
  --version  print the version and exit`;

export async function main(argv: string[]): Promise<number> {
  const io = {
    stdout: (t: string) => void process.stdout.write(t),
    stderr: (t: string) => void process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
  const [command, ...rest] = argv;
  try {
    if (command === 'scan') return await scan(rest, io);
    if (command === 'worker') {
      // The server module is loaded only here: `readiness scan` never pulls in Probot or Redis.
      process.env.ROLE = 'worker';
      const { main: serve } = await import('../server.js');
      return await serve(process.env);
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"; try "readiness scan".`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`readiness: ${error.message}\n${command === 'scan' ? SCAN_USAGE : USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`readiness: ${error.source} is invalid:\n${error.problems.map((p) => `  ${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n')}\n`);
      return 2;
    }
    if (error instanceof GitError) {
      io.stderr(`readiness: ${error.message}\n`);
      return 2;
    }
    io.stderr(`readiness: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
