// Environment reads with a literal fallback in languages other than Python and JavaScript: Ruby, PHP, Go, Rust,
// C#, Java, Kotlin and Elixir code, and Spring's `${NAME:default}` placeholders in its configuration files.
import { basename } from './file-kinds.js';
import { lineAt, lineStarts } from './javascript.js';

/** One environment read with a literal default: where it is, the variable it reads, the literal. */
export interface EnvDefault {
  line: number;
  endLine: number;
  name: string;
  literal: string;
  /** The line the literal is on (a read written over several lines puts it below `line`). */
  literalLine: number;
  language: EnvLanguage;
}

export type EnvLanguage = 'ruby' | 'php' | 'go' | 'rust' | 'csharp' | 'java' | 'elixir' | 'spring';

/** A double- or single-quoted string literal without escapes or interpolation: group `q` is the quote, the named group the text. */
const str = (group: string) => `(?<q${group}>["'])(?<${group}>[^"'\\\\\\n#{$]*)\\k<q${group}>`;

/** Reads per language, each with the groups `name` and `lit` (see str). Linear: no nested quantifiers. */
const READS: Record<Exclude<EnvLanguage, 'spring'>, RegExp[]> = {
  ruby: [
    new RegExp(String.raw`\bENV\.fetch\(\s*${str('name')}\s*,\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`\bENV\.fetch\(\s*${str('name')}\s*\)\s*\{\s*${str('lit')}\s*\}`, 'g'),
    new RegExp(String.raw`\bENV\[\s*${str('name')}\s*\]\s*(?:\|\||or)\s*${str('lit')}`, 'g'),
  ],
  php: [
    new RegExp(String.raw`(?<![\w$>:])env\(\s*${str('name')}\s*,\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`\bgetenv\(\s*${str('name')}\s*\)\s*\?:\s*${str('lit')}`, 'g'),
    new RegExp(String.raw`\$_(?:ENV|SERVER)\[\s*${str('name')}\s*\]\s*\?\?\s*${str('lit')}`, 'g'),
  ],
  go: [
    // `getEnv("JWT_SECRET", "secret")`, `GetEnvOrDefault(…)`, `envOr(…)`: a helper that takes the name and the default.
    new RegExp(String.raw`(?<![\w.])(?:\w+\.)?(?:[Gg]et_?[Ee]nv\w*|[Ee]nv(?:Or|Default|With)\w*|LookupEnvOr\w*)\(\s*${str('name')}\s*,\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`\bcmp\.Or\(\s*os\.Getenv\(\s*${str('name')}\s*\)\s*,\s*${str('lit')}\s*\)`, 'g'),
  ],
  rust: [
    new RegExp(String.raw`\benv::var\(\s*${str('name')}\s*\)\s*\.unwrap_or(?:_else)?\(\s*(?:\|_\|\s*)?${str('lit')}`, 'g'),
  ],
  csharp: [
    new RegExp(String.raw`\bEnvironment\.GetEnvironmentVariable\(\s*${str('name')}\s*\)\s*\?\?\s*${str('lit')}`, 'g'),
  ],
  java: [
    new RegExp(String.raw`\bSystem\.getenv\(\)\.getOrDefault\(\s*${str('name')}\s*,\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`\bOptional\.ofNullable\(\s*System\.getenv\(\s*${str('name')}\s*\)\s*\)\s*\.orElse\(\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`@Value\(\s*"\$\{(?<name>[\w.-]+):(?<lit>[^}"$]*)\}"\s*\)`, 'g'),
  ],
  elixir: [
    // `System.get_env("DB_PASSWORD", "postgres")` (Elixir 1.9 and later), `System.get_env("DB_PASSWORD") || "postgres"`.
    new RegExp(String.raw`\bSystem\.get_env\(\s*${str('name')}\s*,\s*${str('lit')}\s*\)`, 'g'),
    new RegExp(String.raw`\bSystem\.get_env\(\s*${str('name')}\s*\)\s*(?:\|\||or)\s*${str('lit')}`, 'g'),
  ],
};

/** Spring's placeholder with a default, `${JWT_SECRET:changeme}` or `${jwt.secret:changeme}`, in its configuration files. */
const SPRING_PLACEHOLDER = /\$\{(?<name>[A-Za-z_][\w.-]*):(?<lit>[^}$\n]*)\}/g;
/** Spring Boot's configuration files: `application.yml`, `application-prod.properties`, `bootstrap.yaml`. */
const SPRING_CONFIG = /^(?:application|bootstrap)(?:-[\w.-]+)?\.(?:ya?ml|properties)$/i;
/** Spring profiles for development and tests (`application-dev.yml`, `application-test.properties`). */
const SPRING_DEVELOPMENT_PROFILE = /^(?:application|bootstrap)-(?:dev|develop|development|local|test|tests|testing|it|e2e|ci|docker-dev)\.(?:ya?ml|properties)$/i;

/** The language whose environment reads `path` is read for, or null. */
export function envLanguage(path: string): EnvLanguage | null {
  const name = basename(path);
  if (SPRING_CONFIG.test(name)) return SPRING_DEVELOPMENT_PROFILE.test(name) ? null : 'spring';
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'rb':
      return 'ruby';
    case 'php':
      return 'php';
    case 'go':
      return 'go';
    case 'rs':
      return 'rust';
    case 'cs':
      return 'csharp';
    case 'java':
    case 'kt':
      return 'java';
    case 'ex':
    case 'exs':
      return 'elixir';
    default:
      return null;
  }
}

/** Cheap pre-filter: the text names an environment read of its language at all. */
const CANDIDATE: Record<EnvLanguage, RegExp> = {
  ruby: /\bENV\b/,
  php: /\benv\(|getenv\(|\$_(?:ENV|SERVER)\[/,
  go: /[Ee]nv\w*\(|cmp\.Or\(/,
  rust: /env::var\(/,
  csharp: /GetEnvironmentVariable\(/,
  java: /getenv\(|@Value\(/,
  elixir: /System\.get_env\(/,
  spring: /\$\{[\w.-]+:/,
};

/** Every environment read with a literal default in `source` (a file in `language`). */
export function envDefaults(source: string, language: EnvLanguage): EnvDefault[] {
  if (!CANDIDATE[language].test(source)) return [];
  const starts = lineStarts(source);
  const out: EnvDefault[] = [];
  for (const pattern of language === 'spring' ? [SPRING_PLACEHOLDER] : READS[language]) {
    pattern.lastIndex = 0;
    for (const m of source.matchAll(pattern)) {
      const name = m.groups?.name;
      const literal = m.groups?.lit;
      if (name === undefined || literal === undefined) continue;
      // A Spring `.properties` comment, a Ruby or shell comment, a `//` comment: not configuration.
      const lineStart = starts[lineAt(starts, m.index) - 1] ?? 0;
      if (/^\s*(?:#|\/\/|\*|!)/.test(source.slice(lineStart, m.index))) continue;
      const literalAt = m.index + m[0].lastIndexOf(literal);
      out.push({ line: lineAt(starts, m.index), endLine: lineAt(starts, m.index + m[0].length - 1), name, literal, literalLine: lineAt(starts, literalAt), language });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
