// The variables compose substitutes in a compose file's build paths and image references: the `.env` file
// of its folder, which compose reads from the project folder (`dockerfile: ${CART_DOCKERFILE}` names the
// Dockerfile there, `image: app:${APP_VERSION:-latest}` the tag it pulls).
import type { CheckContext, Side } from './check-context.js';
import { parseEnvFile } from '../parse/env-file.js';
import { repoDir, repoJoin } from '../parse/file-kinds.js';

/** A `context:`, `dockerfile:`, `image:` (or a scalar `build:`) whose value takes a variable; read-ahead plans the `.env` on it too. */
export const VARIABLE_SETTING = /\b(?:build|context|dockerfile|image)["']?\s*:\s*[^#\n]*\$/;

/**
 * The `.env` beside the compose file, as name → value, when the file's build settings or images take a
 * variable (empty without a `.env`: defaults such as `${API_CONTEXT:-./api}` still apply); undefined when
 * they take none.
 */
export async function composeVariables(ctx: CheckContext, composePath: string, composeText: string, side: Side = 'head'): Promise<Map<string, string> | undefined> {
  if (!VARIABLE_SETTING.test(composeText)) return undefined;
  const env = await ctx.text(repoJoin(repoDir(composePath), '.env'), side);
  return new Map(env === null ? [] : parseEnvFile(env).map((e) => [e.name, e.value]));
}
