// Reads dotenv files (`KEY=value`, `export KEY=value`, quoted and multi-line values, comments) with line numbers.

export interface EnvEntry {
  name: string;
  /** The value with quotes removed and, for unquoted values, a trailing ` # comment` dropped. */
  value: string;
  /** 1-based line of `KEY=`. */
  line: number;
  /** Last line of the entry (a quoted value may span lines). */
  endLine: number;
  /** The quote around the value, when it had one. */
  quote?: '"' | "'" | '`';
}

const ENTRY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** Every assignment in a dotenv file; lines that are not assignments (comments, blanks, junk) are skipped. */
export function parseEnvFile(text: string): EnvEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: EnvEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ENTRY.exec(lines[i]!);
    if (!m) continue;
    const name = m[1]!;
    const rest = m[2]!;
    const first = rest[0];
    if (first === '"' || first === "'" || first === '`') {
      // A quoted value ends at the next unescaped matching quote, possibly on a later line.
      let body = rest.slice(1);
      let end = i;
      let close = closingQuote(body, first);
      while (close === -1 && end + 1 < lines.length) {
        end++;
        body += `\n${lines[end]!}`;
        close = closingQuote(body, first);
      }
      if (close === -1) {
        // Unterminated: dotenv libraries read the rest of the line literally.
        entries.push({ name, value: rest.trim(), line: i + 1, endLine: i + 1 });
        continue;
      }
      entries.push({ name, value: body.slice(0, close), line: i + 1, endLine: end + 1, quote: first });
      i = end;
      continue;
    }
    entries.push({ name, value: rest.replace(/\s+#.*$/, '').trim(), line: i + 1, endLine: i + 1 });
  }
  return entries;
}

function closingQuote(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (body[j] === '\\' && quote === '"') j++;
    else if (body[j] === quote) return j;
  }
  return -1;
}
