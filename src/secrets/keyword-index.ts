// The cheap pre-filter run before any regex: one pass over a line finds every rule keyword it contains.
//
// An Aho-Corasick automaton over lower-cased ASCII, flattened into a full transition table, so a line
// costs one table lookup per character however many rules and keywords there are.

const ALPHABET = 128;

/** Characters of base64, base64url and most token alphabets. */
const TOKEN_CHAR = new Uint8Array(ALPHABET);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') TOKEN_CHAR[c.charCodeAt(0)] = 1;

export class KeywordIndex {
  private readonly next: Uint16Array;
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  /** For each state, the ids (rule indexes) whose keyword ends there, through failure links too. */
  private readonly outputs: readonly (readonly number[])[];
  private readonly hasOutput: Uint8Array;
  /** Length of the longest run of base64/token characters in the last line passed to `matches`. */
  longestTokenRun = 0;

  /** `keywords[i]` are the lower-case keywords of rule `i`; a rule with none is never reported by `matches`. */
  constructor(keywords: readonly (readonly string[])[]) {
    const goto: Map<number, number>[] = [new Map()];
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
    const states = goto.length;
    if (states > 0xffff) throw new Error('too many keyword states');
    const next = new Uint16Array(states * classes);
    const fail = new Uint16Array(states);
    const column = (state: number, c: number) => state * classes + classOf[c]!;
    // Breadth-first: each state's failure link and missing transitions come from shallower states.
    const queue: number[] = [];
    for (const [c, to] of goto[0]!) {
      next[column(0, c)] = to;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const id of out[fail[state]!]!) out[state]!.add(id);
      for (let k = 1; k < classes; k++) {
        const c = classOf.indexOf(k);
        const to = goto[state]!.get(c);
        if (to === undefined) next[state * classes + k] = next[fail[state]! * classes + k]!;
        else {
          fail[to] = next[fail[state]! * classes + k]!;
          next[state * classes + k] = to;
          queue.push(to);
        }
      }
    }
    this.classOf = classOf;
    this.classes = classes;
    this.next = next;
    this.outputs = out.map((s) => [...s]);
    this.hasOutput = Uint8Array.from(out, (s) => (s.size > 0 ? 1 : 0));
  }

  /**
   * Marks in `hit` (indexed by id) every id whose keyword occurs in `text`, case-insensitively, and
   * appends each newly marked id to `found` (when given). Returns how many ids were newly marked.
   * The caller clears `hit` between lines (resetting the ids in `found` is enough).
   */
  matches(text: string, hit: Uint8Array, found?: number[]): number {
    const next = this.next;
    const classOf = this.classOf;
    const classes = this.classes;
    const hasOutput = this.hasOutput;
    const length = text.length;
    let state = 0;
    let marked = 0;
    let run = 0;
    let longest = 0;
    for (let i = 0; i < length; i++) {
      let c = text.charCodeAt(i);
      if (c >= ALPHABET) c = 0;
      // The same pass measures runs of [A-Za-z0-9+/=_-], which the high-entropy rule needs.
      if (TOKEN_CHAR[c] === 1) run++;
      else {
        if (run > longest) longest = run;
        run = 0;
      }
      if (c >= 65 && c <= 90) c += 32;
      state = next[state * classes + classOf[c]!]!;
      if (hasOutput[state] === 1)
        for (const id of this.outputs[state]!)
          if (hit[id] === 0) {
            hit[id] = 1;
            marked++;
            found?.push(id);
          }
    }
    this.longestTokenRun = run > longest ? run : longest;
    return marked;
  }
}
