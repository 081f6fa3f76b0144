// The cheap pre-filter run before any regex: one pass over a line finds every rule keyword it contains.
//
// An Aho-Corasick automaton over lower-cased ASCII, flattened into a full transition table, so a line
// costs one table lookup per character however many rules and keywords there are.

const ALPHABET = 128;

export class KeywordIndex {
  private readonly next: Int32Array;
  /** For each state, the ids (rule indexes) whose keyword ends there, through failure links too. */
  private readonly outputs: (readonly number[] | undefined)[];

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
    const states = goto.length;
    const next = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    // Breadth-first: each state's failure link and missing transitions come from shallower states.
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const to = goto[0]!.get(c);
      if (to !== undefined) {
        next[c] = to;
        queue.push(to);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const id of out[fail[state]!]!) out[state]!.add(id);
      for (let c = 0; c < ALPHABET; c++) {
        const to = goto[state]!.get(c);
        if (to === undefined) next[state * ALPHABET + c] = next[fail[state]! * ALPHABET + c]!;
        else {
          fail[to] = next[fail[state]! * ALPHABET + c]!;
          next[state * ALPHABET + c] = to;
          queue.push(to);
        }
      }
    }
    this.next = next;
    this.outputs = out.map((s) => (s.size > 0 ? [...s] : undefined));
  }

  /**
   * Marks in `hit` (indexed by id) every id whose keyword occurs in `text`, case-insensitively.
   * Returns how many distinct ids were marked. `hit` must be cleared by the caller between lines.
   */
  matches(text: string, hit: Uint8Array): number {
    const next = this.next;
    const outputs = this.outputs;
    let state = 0;
    let found = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= ALPHABET) c = 0;
      state = next[state * ALPHABET + c]!;
      const ids = outputs[state];
      if (ids !== undefined)
        for (const id of ids)
          if (hit[id] === 0) {
            hit[id] = 1;
            found++;
          }
    }
    return found;
  }
}
