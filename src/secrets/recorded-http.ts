// Recorded HTTP exchanges (VCR-style YAML cassettes): which lines are the responses the recording replays.

/** The top-level key of a YAML cassette: vcrpy's `interactions:`, Ruby VCR's `http_interactions:`. */
const CASSETTE_ROOT = /^(?:http_)?interactions:\s*$/m;
/** A `response:` key (alone, or as the first key of a list item), opening the block of a recorded response. */
const RESPONSE_KEY = /^\s*(?:-\s+)?response:\s*$/;

const indentOf = (line: string) => /^\s*/.exec(line)![0].length;

/**
 * The 0-based indexes of the lines inside the `response:` blocks of a YAML cassette (its status, headers
 * and body, down to a body string's continuation lines), or an empty set when `lines` is not a cassette.
 * A block ends at the first non-blank line indented no deeper than its key.
 */
export function recordedResponseLines(lines: readonly string[]): Set<number> {
  const inside = new Set<number>();
  if (!CASSETTE_ROOT.test(lines.slice(0, 50).join('\n'))) return inside;
  let depth = -1;
  lines.forEach((line, i) => {
    if (depth >= 0) {
      if (!line.trim() || indentOf(line) > depth) {
        inside.add(i);
        return;
      }
      depth = -1;
    }
    // The key's column: as a list item (`- response:`) its siblings and block sit past the dash.
    if (RESPONSE_KEY.test(line)) depth = line.indexOf('response:');
  });
  return inside;
}
