// Says which changed files could not be parsed, so a clean report never hides a file checks read only in part.
import type { ChangedFile } from '../model/change-set.js';
import type { ReviewError } from '../model/finding.js';
import { basename, isDockerfile, isPython, isYaml } from '../parse/file-kinds.js';
import type { ReviewContext } from './check-context.js';

/**
 * Why the head version of `file` does not parse, or null. YAML, Python and Dockerfiles are judged only where
 * a check parsed them: a review that only looked for secrets in them does not parse them for this.
 */
async function syntaxProblem(ctx: ReviewContext, file: ChangedFile): Promise<string | null> {
  if (isYaml(file.path) || isPython(file.path) || isDockerfile(file.path)) {
    const parsed = ctx.parseProblems.get(file.path);
    if (!parsed?.problem) return null;
    if (parsed.kind === 'python') return `Python syntax error near line ${parsed.problem}: checks read only the parts tree-sitter could recover`;
    if (parsed.kind === 'dockerfile') return `${parsed.problem}: checks that read Dockerfile stages skipped it`;
    // Helm and other templates are not YAML until rendered; that is by design, not a problem to report.
    if ((await ctx.text(file.path))?.includes('{{')) return null;
    return `not valid YAML (${parsed.problem}): checks that read its structure skipped it`;
  }
  if (basename(file.path) !== 'package.json') return null;
  const text = await ctx.text(file.path);
  if (text === null) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `not valid JSON (${(error as Error).message}): its dependencies were not reviewed`;
  }
}

/** Syntax problems of changed files that checks read (and did not already report); nothing is read again. */
export async function syntaxErrors(ctx: ReviewContext, reported: readonly ReviewError[]): Promise<ReviewError[]> {
  const already = new Set(reported.map((e) => e.path));
  const readPaths = new Set(ctx.readPaths);
  const out: ReviewError[] = [];
  for (const file of ctx.files()) {
    if (file.problem || file.added.length === 0 || already.has(file.path) || !readPaths.has(file.path)) continue;
    const message = await syntaxProblem(ctx, file);
    if (message) out.push({ path: file.path, message });
  }
  return out;
}
