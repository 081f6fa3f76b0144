// Comments that tell the reader to put their own value where a file writes one: `# replace with a strong
// password`, `# generate your own`, `# use openssl rand -base64 33`. The value under such a comment is a stand-in
// that every install is told to swap for its own.

/**
 * A comment that asks the reader to put their own value in place of the one written (`# replace with a strong
 * password`, `# generate your own`, `// change this`).
 */
export const REPLACE_ASK = /\b(?:replace\s+(?:it\s+|this\s+|these\s+|them\s+|me\s+)?with|replace\s+(?:this|these|them|me|it)\b|change\s+(?:this|it|me)\b|(?:re-?)?generate\s+(?:your\s+own|(?:a|an|one)\s+(?:new|random|strong|unique|secure|fresh)|it\b)|use\s+your\s+own|set\s+your\s+own|put\s+your\s+own)/i;

/**
 * A comment that names a command printing a random value (`# use openssl rand -base64 33`, `# pwgen 32 1`,
 * `# python -c "import secrets; print(secrets.token_hex())"`, `# rails secret`): it tells the reader how to make
 * the value the line wants.
 */
export const GENERATE_ASK = /\bopenssl\s+rand\b|\bpwgen\b|\buuidgen\b|\/dev\/u?random\b|\bsecrets\.token_(?:hex|urlsafe|bytes)\b|\brails\s+secret\b|\bphx\.gen\.secret\b|\bkey:generate\b|\bgenerate_secret_key\b/i;

/** The comment of a line: after `#`, `//` or `;` that follows a blank (or starts the line). */
const LINE_COMMENT = /(?:^|\s)(?:#|\/\/|;)(.*)$/;
export const COMMENT_ONLY = /^\s*(?:#|\/\/|;)/;

/** How many settings a comment heading a block (`# Replace these with …` over three secrets) speaks for. */
const BLOCK_LINES = 6;

/**
 * Whether the comment on line `index` (0-based; its text after column `valueEnd`) or the comment line that heads its
 * block matches `ask`: the line just above, or above the settings written right before it with no blank line
 * between (`# WARNING: Replace these with … openssl rand -hex 32` over `NEXTAUTH_SECRET=`, `SECRET_KEY=` and
 * `SERVER_SECRET=`), at most BLOCK_LINES of them. A blank line ends the block the comment speaks for.
 */
export function commentAsks(lines: readonly string[], index: number, valueEnd: number, ask: RegExp = REPLACE_ASK): boolean {
  const own = LINE_COMMENT.exec((lines[index] ?? '').slice(valueEnd));
  if (own && ask.test(own[1]!)) return true;
  for (let i = index - 1; i >= 0 && i >= index - BLOCK_LINES; i--) {
    const above = lines[i]!;
    if (COMMENT_ONLY.test(above)) return ask.test(above);
    if (above.trim() === '') return false;
  }
  return false;
}
