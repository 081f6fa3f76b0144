// The cheap pre-filter run before any regex: one pass over a file finds, line by line, every rule
// keyword it contains.
//
// An Aho-Corasick automaton over lower-cased ASCII, flattened into a transition table with one column
// per keyword character, so a file costs one table lookup per character however many keywords there are.

/** What a scan found: keyword hits as (line, rule id) pairs in line order, and lines with long token runs. */
export interface KeywordScan {
  hits: number[];
  longRuns: number[];
}

const ALPHABET = 128;

/** Characters of base64, base64url and most token alphabets. */
const TOKEN_CHAR = new Uint8Array(ALPHABET);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') TOKEN_CHAR[c.charCodeAt(0)] = 1;

export class KeywordIndex {
  /** Transitions: next[row + class] is the next state's row (state × classes). */
  private readonly next: Uint32Array;
  /** Per ASCII character: class in the low 7 bits, token-alphabet flag in the high bit. */
  private readonly info: Uint8Array;
  /** For each state row, the ids (rule indexes) whose keyword ends there, through failure links too. */
  private readonly outputs: (readonly number[])[];
  private readonly hasOutput: Uint8Array;
  /** Per id, the last line it was reported on during a scan. */
  private readonly lastLine: Int32Array;

  /** `keywords[i]` are the lower-case keywords of rule `i`; a rule with none is never reported. */
  constructor(keywords: readonly (readonly string[])[]) {
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: Set<number>[] = [new Set()];
    keywords.forEach((words, id) => {
      for (const word of words) {
        if (word.length === 0) continue;
        let state = 0;
        for (let i = 0; i < word.length; i++) {
          const c = word.charCodeAt(i);
          if (c >= ALPHABET) throw new Error(`keyword "${word}" must be ASCII`);
          if (c >= 65 && c <= 90) throw new Error(`keyword "${word}" must be lower-case`);
          let to = goto[state]!.get(c);
          if (to === undefined) {
            to = goto.length;
            goto.push(new Map());
            out.push(new Set());
            goto[state]!.set(c, to);
          }
          state = to;
        }
        out[state]!.add(id);
      }
    });
    // Characters that occur in no keyword share class 0, so the table has one column per keyword character.
    const classOf = new Uint8Array(ALPHABET);
    let classes = 1;
    for (const words of keywords) for (const word of words) for (const ch of word) if (classOf[ch.charCodeAt(0)] === 0) classOf[ch.charCodeAt(0)] = classes++;
    if (classes > 127) throw new Error('too many distinct keyword characters');
    const states = goto.length;
    const next = new Uint32Array(states * classes);
    const fail = new Uint32Array(states);
    const column = (state: number, c: number) => state * classes + classOf[c]!;
    // The character of each class (class 0, the other characters, has no transitions of its own).
    const charOf = new Uint8Array(classes);
    for (let c = 0; c < ALPHABET; c++) if (classOf[c]! > 0) charOf[classOf[c]!] = c;
    // Breadth-first: each state's failure link and missing transitions come from shallower states.
    const queue: number[] = [];
    for (const [c, to] of goto[0]!) {
      next[column(0, c)] = to;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const id of out[fail[state]!]!) out[state]!.add(id);
      const edges = goto[state]!;
      for (let k = 1; k < classes; k++) {
        const to = edges.size === 0 ? undefined : edges.get(charOf[k]!);
        if (to === undefined) next[state * classes + k] = next[fail[state]! * classes + k]!;
        else {
          fail[to] = next[fail[state]! * classes + k]!;
          next[state * classes + k] = to;
          queue.push(to);
        }
      }
    }
    // Rows stored as offsets (state × classes), so the scan adds instead of multiplying; per character,
    // one byte says its class (low 7 bits) and whether it belongs to token alphabets (high bit).
    this.next = next.map((to) => to * classes);
    this.info = Uint8Array.from(classOf, (cls, c) => cls | (TOKEN_CHAR[c] === 1 ? 128 : 0));
    this.outputs = [];
    this.hasOutput = new Uint8Array(states * classes);
    out.forEach((ids, state) => {
      this.outputs[state * classes] = [...ids];
      if (ids.size > 0) this.hasOutput[state * classes] = 1;
    });
    this.lastLine = new Int32Array(keywords.length);
  }

  /**
   * One pass over `text` (lower-cased natively first): every (line, rule id) whose keyword occurs on
   * that line, once per pair, and the lines holding a run of at least `minRun` token characters.
   * `firstLine` numbers the first line of `text`, to scan one line of a larger file.
   */
  scan(text: string, minRun: number, firstLine = 0): KeywordScan {
    const lower = text.toLowerCase();
    const { next, info, hasOutput, outputs, lastLine } = this;
    lastLine.fill(-1);
    const hits: number[] = [];
    const longRuns: number[] = [];
    let line = firstLine;
    let state = 0;
    let run = 0;
    let marked = -1;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c === 10) {
        line++;
        state = 0;
        run = 0;
        continue;
      }
      const bits = c < ALPHABET ? info[c]! : 0;
      if (bits >= 128) {
        if (++run >= minRun && marked !== line) {
          longRuns.push(line);
          marked = line;
        }
      } else run = 0;
      state = next[state + (bits & 127)]!;
      if (hasOutput[state] === 1)
        for (const id of outputs[state]!)
          if (lastLine[id] !== line) {
            lastLine[id] = line;
            hits.push(line, id);
          }
    }
    return { hits, longRuns };
  }
}
