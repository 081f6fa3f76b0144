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
  /** Per state row: 0 when no keyword ends there, else 1 + the index in `outputs` of the ids that end there. */
  private readonly outputAt: Uint32Array;
  /** The ids (rule indexes) whose keyword ends at a state, through failure links too. */
  private readonly outputs: (readonly number[])[];
  /** Per id, the last line it was reported on during a scan. */
  private readonly lastLine: Int32Array;

  /** `keywords[i]` are the lower-case keywords of rule `i`; a rule with none is never reported. */
  constructor(keywords: readonly (readonly string[])[]) {
    // Characters that occur in no keyword share class 0, so the table has one column per keyword character.
    const classOf = new Uint8Array(ALPHABET);
    let classes = 1;
    for (const words of keywords)
      for (const word of words)
        for (let i = 0; i < word.length; i++) {
          const c = word.charCodeAt(i);
          if (c >= ALPHABET) throw new Error(`keyword "${word}" must be ASCII`);
          if (c >= 65 && c <= 90) throw new Error(`keyword "${word}" must be lower-case`);
          if (classOf[c] === 0) classOf[c] = classes++;
        }
    if (classes > 127) throw new Error('too many distinct keyword characters');
    // The trie, by state: its explicit edges as (class, state) pairs, and the ids whose keyword ends there.
    const edges: number[][] = [[]];
    const out: Set<number>[] = [new Set()];
    keywords.forEach((words, id) => {
      for (const word of words) {
        if (word.length === 0) continue;
        let state = 0;
        for (let i = 0; i < word.length; i++) {
          const k = classOf[word.charCodeAt(i)]!;
          const from = edges[state]!;
          let to = -1;
          for (let e = 0; e < from.length; e += 2) if (from[e] === k) to = from[e + 1]!;
          if (to === -1) {
            to = edges.length;
            edges.push([]);
            out.push(new Set());
            from.push(k, to);
          }
          state = to;
        }
        out[state]!.add(id);
      }
    });
    // Breadth-first, in rows (state × classes): a state's row starts as a copy of its failure state's
    // (complete, being shallower), then its own edges overwrite their columns; the root's other columns stay 0.
    const states = edges.length;
    const next = new Uint32Array(states * classes);
    const fail = new Uint32Array(states);
    const queue: number[] = [];
    for (let e = 0; e < edges[0]!.length; e += 2) {
      next[edges[0]![e]!] = edges[0]![e + 1]! * classes;
      queue.push(edges[0]![e + 1]!);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const row = state * classes;
      const failRow = fail[state]!;
      for (const id of out[failRow / classes]!) out[state]!.add(id);
      next.copyWithin(row, failRow, failRow + classes);
      const own = edges[state]!;
      for (let e = 0; e < own.length; e += 2) {
        const to = own[e + 1]!;
        fail[to] = next[failRow + own[e]!]!;
        queue.push(to);
      }
      for (let e = 0; e < own.length; e += 2) next[row + own[e]!] = own[e + 1]! * classes;
    }
    this.next = next;
    this.info = Uint8Array.from(classOf, (cls, c) => cls | (TOKEN_CHAR[c] === 1 ? 128 : 0));
    this.outputAt = new Uint32Array(states * classes);
    this.outputs = [];
    out.forEach((ids, state) => {
      if (ids.size === 0) return;
      this.outputs.push([...ids]);
      this.outputAt[state * classes] = this.outputs.length;
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
    const { next, info, outputAt, outputs, lastLine } = this;
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
      const at = outputAt[state]!;
      if (at !== 0)
        for (const id of outputs[at - 1]!)
          if (lastLine[id] !== line) {
            lastLine[id] = line;
            hits.push(line, id);
          }
    }
    return { hits, longRuns };
  }
}
