// Recognises reads of environment variables in Python: `os.environ.get`, `os.getenv`, decouple/environ `config(...)`.
import { dottedName, keywordArguments, positionalArguments, stringValue, type PyNode } from './python.js';

export interface EnvRead {
  /** The call node. */
  call: PyNode;
  /** `os` for `os.environ.get`/`os.getenv` and friends; `config` for decouple, django-environ, environs, Starlette `Config`. */
  kind: 'os' | 'config';
  /** The callee as written (`os.environ.get`, `getenv`, `config`, `env.str`). */
  callee: string;
  /** The variable name node (the first positional argument) and its literal value. */
  nameNode: PyNode;
  name: string;
  /** The fallback expression, or null when the call has none (it then yields None or raises). */
  defaultNode: PyNode | null;
}

const OS_GETTERS = new Set(['os.environ.get', 'environ.get', 'os.getenv', 'getenv', 'os.environ.setdefault', 'environ.setdefault']);
/** `config("X", default=…)` (python-decouple, Starlette), `env("X", default=…)`/`env.str(…)` (django-environ, environs). */
const CONFIG_GETTERS = new Set(['config', 'decouple.config', 'env', 'env.str', 'env.get_value']);

/** The environment read that `call` performs, or null when it is not one or its variable name is not a literal. */
export function envRead(call: PyNode): EnvRead | null {
  if (call.type !== 'call') return null;
  const callee = dottedName(call.childForFieldName('function'));
  if (!callee) return null;
  const kind = OS_GETTERS.has(callee) ? 'os' : CONFIG_GETTERS.has(callee) ? 'config' : null;
  if (!kind) return null;
  const positional = positionalArguments(call);
  const nameNode = positional[0];
  const name = stringValue(nameNode ?? null);
  if (!nameNode || name === null) return null;
  const keyword = keywordArguments(call).get('default') ?? null;
  let defaultNode: PyNode | null = keyword;
  // The second positional argument is the default for os getters and decouple; for django-environ and
  // Starlette it is `cast`, which is never a string literal, so a string there is a default too.
  if (!defaultNode && positional[1] && (kind === 'os' || positional[1].type === 'string')) defaultNode = positional[1];
  return { call, kind, callee, nameNode, name, defaultNode };
}
