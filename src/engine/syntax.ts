// Says which changed files could not be parsed, so a clean report never hides a file checks read only in part.
import type { ChangeSet, ChangedFile } from '../model/change-set.js';
import type { ReviewError } from '../model/finding.js';
import { parseDockerfile } from '../parse/dockerfile.js';
import { basename, isDockerfile, isPython, isYaml } from '../parse/file-kinds.js';
import { recentPythonSyntaxError } from '../parse/python.js';
import { recentYamlError } from '../parse/yaml.js';

/** Why the head version of `file` does not parse, or null. Python is judged only if a check parsed it. The content was read by a check already (cached). */
async function syntaxProblem(change: ChangeSet, file: ChangedFile): Promise<string | null> {
  const kind = isYaml(file.path) ? 'yaml' : isDockerfile(file.path) ? 'dockerfile' : isPython(file.path) ? 'python' : basename(file.path) === 'package.json' ? 'package' : null;
  if (!kind) return null;
  const content = await change.readHead(file.path);
  if (!content || content.problem) return null;
  const text = content.text;
  if (kind === 'yaml') {
    // Helm and other templates are not YAML until rendered; that is by design, not a problem to report.
    if (text.includes('{{')) return null;
    // Judged only when a check parsed it: reading a file for its text alone (secrets) says nothing of its YAML.
    const error = recentYamlError(text);
    return error ? `not valid YAML (${error}): checks that read its structure skipped it` : null;
  }
  if (kind === 'package') {
    try {
      JSON.parse(text);
      return null;
    } catch (error) {
      return `not valid JSON (${(error as Error).message}): its dependencies were not reviewed`;
    }
  }
  if (kind === 'dockerfile') {
    const parsed = parseDockerfile(text);
    return parsed.instructions.length > 0 && parsed.stages.length === 0 ? 'no FROM instruction: checks that read Dockerfile stages skipped it' : null;
  }
  const line = recentPythonSyntaxError(text);
  return typeof line === 'number' ? `Python syntax error near line ${line}: checks read only the parts tree-sitter could recover` : null;
}

/** Syntax problems of changed files that checks read (and did not already report); nothing is read again. */
export async function syntaxErrors(change: ChangeSet, readPaths: ReadonlySet<string>, reported: readonly ReviewError[]): Promise<ReviewError[]> {
  const already = new Set(reported.map((e) => e.path));
  const out: ReviewError[] = [];
  for (const file of change.files) {
    if (file.status === 'removed' || file.problem || file.added.length === 0 || already.has(file.path) || !readPaths.has(file.path)) continue;
    const message = await syntaxProblem(change, file);
    if (message) out.push({ path: file.path, message });
  }
  return out;
}
