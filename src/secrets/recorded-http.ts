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

/** A line that introduces an example of what a service answers: "Example response:", "Sample output", "It returns:". */
const ANSWER_INTRO = /\b(?:responses?|output|returns?|replies|answers?)\b/i;
/** …and not of what is sent to it: "Example request", "Run this command", "curl -H …". */
const REQUEST_INTRO = /\b(?:request|send|command|run|curl|call)\b/i;
const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * The 0-based indexes of the lines inside the fenced code blocks of a Markdown document that the text
 * introduces as an example answer ("Example response:" on the last non-blank line before the fence): the
 * output a service gave when the author ran it, such as the cookies a scraping API returned for a public site.
 */
export function documentedResponseLines(lines: readonly string[]): Set<number> {
  const inside = new Set<number>();
  let open: string | null = null;
  let answer = false;
  let previous = '';
  lines.forEach((line, i) => {
    const fence = FENCE.exec(line);
    if (open !== null) {
      if (fence && fence[1]!.startsWith(open)) open = null;
      else if (answer) inside.add(i);
      return;
    }
    if (fence) {
      open = fence[1]!;
      answer = ANSWER_INTRO.test(previous) && !REQUEST_INTRO.test(previous);
      return;
    }
    if (line.trim()) previous = line;
  });
  return inside;
}
