// Regular expressions from configuration, run by a linear-time engine (RE2 semantics, via re2js) so no pattern can stall the App.
import { RE2JS } from 're2js';

/** What the configuration reference says about the syntax, for error messages. */
export const USER_REGEX_SYNTAX = 'RE2 syntax: lookahead, lookbehind and backreferences are not supported';

function re2Flags(flags: string): number {
  let out = 0;
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) out |= RE2JS.DOTALL;
  if (flags.includes('m')) out |= RE2JS.MULTILINE;
  return out;
}

/** Why `source` cannot be used as a configured pattern, or null when it can. */
export function userRegexProblem(source: string): string | null {
  try {
    RE2JS.compile(source);
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `${detail} (${USER_REGEX_SYNTAX})`;
  }
}

/**
 * A RegExp whose matching is done by RE2: `exec`, `test` and everything built on them (`matchAll`,
 * `replace`) take time linear in the input, whatever the pattern. It honours `lastIndex` under the `g`
 * and `y` flags like a native RegExp, and reports named groups. The native engine never sees the
 * pattern (it holds an empty one), so a pattern like `(a+)+$` cannot backtrack.
 */
export class LinearRegExp extends RegExp {
  private readonly re2: RE2JS;
  private readonly pattern: string;
  private readonly names: Array<[string, number]>;

  constructor(pattern: string | RegExp, flags = '') {
    // `matchAll` and `split` copy the RegExp through its constructor, passing the RegExp itself.
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    super('(?:)', flags.replace(/[^gimsuy]/g, ''));
    this.pattern = source;
    this.re2 = RE2JS.compile(source, re2Flags(flags));
    this.names = Object.entries(this.re2.namedGroups());
  }

  override get source(): string {
    return this.pattern;
  }

  override exec(text: string): RegExpExecArray | null {
    const input = String(text);
    const keepsPosition = this.global || this.sticky;
    const from = keepsPosition ? this.lastIndex : 0;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.re2.matcher(input);
    if (!matcher.find(from) || (this.sticky && matcher.start() !== from)) {
      if (keepsPosition) this.lastIndex = 0;
      return null;
    }
    const groups: Array<string | undefined> = [];
    for (let g = 0; g <= this.re2.groupCount(); g++) groups.push(matcher.group(g) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input, groups: undefined as Record<string, string | undefined> | undefined }) as unknown as RegExpExecArray;
    if (this.names.length > 0) result.groups = Object.fromEntries(this.names.map(([name, index]) => [name, groups[index]])) as Record<string, string>;
    if (keepsPosition) this.lastIndex = matcher.end();
    return result;
  }

  override test(text: string): boolean {
    return this.exec(text) !== null;
  }

  override toString(): string {
    return `/${this.pattern}/${this.flags}`;
  }
}

/** Compiles a configured pattern with RE2 semantics; throws with the reason when its syntax is not supported. */
export function compileUserRegex(source: string, flags = ''): RegExp {
  const problem = userRegexProblem(source);
  if (problem) throw new Error(`the pattern ${JSON.stringify(source)} cannot be used: ${problem}`);
  return new LinearRegExp(source, flags);
}
