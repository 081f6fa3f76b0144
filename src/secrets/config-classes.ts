// Per-environment configuration classes of a Python settings module (`class Development(Config)`, `class TestConfig`):
// values set there are the development or test environment's own when production reads them from the environment.
import { escapeRegExp } from '../parse/regexp.js';

/**
 * Configuration classes and functions for tests and development (`class TestingConfig(Config)`,
 * `class DevelopmentSettings`, `def test_login():`): a fixed key there is the point, not a leak.
 */
export const NON_PRODUCTION_CLASS = /^(?:Test|Testing|Tests|Dev|Develop|Development|Local|Debug|CI|Mock|Fake|Dummy|Stub)(?=[A-Z_\d]|$)|(?:Test|Testing|Tests|Dev|Development|Local|Debug)(?:Config|Configuration|Settings|Env|Environment)?$/;

/** The name of the top-level class whose body holds line `index` (0-based) of a Python module, if any. */
export function enclosingTopLevelClass(lines: readonly string[], index: number): string | undefined {
  if (!/^\s+\S/.test(lines[index] ?? '')) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!/^\S/.test(line) || /^[#)\]}]/.test(line)) continue;
    return /^class\s+([A-Za-z_]\w*)/.exec(line)?.[1];
  }
  return undefined;
}

/**
 * Whether the module reads setting `name` from the environment somewhere (`os.getenv("TOKEN_SECRET_KEY")`,
 * `os.environ["…"]`, `env("…")`, `config("…")`): the class that does is what a deployment runs.
 */
export function readsFromEnvironment(text: string, name: string): boolean {
  const quoted = `["']${escapeRegExp(name)}["']`;
  return new RegExp(`(?:\\bgetenv|\\benviron\\.get|\\benviron\\.setdefault|\\benv(?:\\.\\w+)?|\\bconfig)\\(\\s*${quoted}|\\benviron\\[\\s*${quoted}\\s*\\]`).test(text);
}
