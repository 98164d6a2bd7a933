/**
 * A regular-expression engine that runs in time linear in its input, whatever the pattern: an NFA
 * simulated as a lazily built DFA (the RE2 approach), never backtracking. It runs the patterns
 * that come from outside (`variables.pattern`, globs, image patterns), where JavaScript's own
 * engine can take exponential time (`^(A+)+$`, `**\/a*\/**\/a*...`). It accepts JavaScript's
 * syntax without the features that need backtracking (back-references, look-around, `\b`).
 */

/** Code point ranges, sorted and disjoint; `negated` matches everything else. */
export interface CharSet {
  ranges: [number, number][];
  negated: boolean;
}

export type RegexNode =
  | { type: "empty" }
  | { type: "char"; set: CharSet }
  | { type: "seq"; items: RegexNode[] }
  | { type: "alt"; options: RegexNode[] }
  | { type: "repeat"; node: RegexNode; min: number; max: number }
  | { type: "assert"; at: "start" | "end" };

/** A pattern the engine cannot run, or one too large for it; the message says which. */
export class UnsupportedPattern extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedPattern";
  }
}

/** Group nesting and counted repetition beyond these are refused (the NFA grows with them). */
const MAX_NESTING = 64;
const MAX_STATES = 20_000;
/** Lazily built DFA states kept per matcher; the cache starts over beyond it. */
const MAX_DFA_STATES = 4_096;

export const ANY: CharSet = { ranges: [[0, 0x10ffff]], negated: false };
export const NOT_SLASH: CharSet = { ranges: [[0x2f, 0x2f]], negated: true };

export function charSet(ranges: [number, number][], negated = false): CharSet {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return { ranges: merged, negated };
}

export function literal(text: string): RegexNode {
  const items: RegexNode[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    items.push({ type: "char", set: { ranges: [[c, c]], negated: false } });
  }
  return items.length === 1 ? (items[0] as RegexNode) : { type: "seq", items };
}

function inSet(set: CharSet, c: number): boolean {
  let found = false;
  // Indexed, not destructured: a check runs this cold, where each destructuring makes an iterator.
  for (let i = 0; i < set.ranges.length; i++) {
    const range = set.ranges[i] as [number, number];
    if (c < range[0]) break;
    if (c <= range[1]) {
      found = true;
      break;
    }
  }
  return found !== set.negated;
}

const DIGIT: [number, number][] = [[0x30, 0x39]];
const WORD: [number, number][] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: [number, number][] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

const CLASS_ESCAPES: Record<string, CharSet> = {
  d: charSet(DIGIT),
  D: charSet(DIGIT, true),
  w: charSet(WORD),
  W: charSet(WORD, true),
  s: charSet(SPACE),
  S: charSet(SPACE, true),
};

const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Parses a JavaScript regular expression (as with the `u` flag) into a {@link RegexNode}. */
export function parseRegex(pattern: string): RegexNode {
  try {
    new RegExp(pattern, "u");
  } catch {
    throw new UnsupportedPattern("is not a valid regular expression");
  }
  return new RegexParser(pattern).parse();
}

class RegexParser {
  private pos = 0;
  private depth = 0;
  private readonly chars: string[];

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.chars.length) throw new UnsupportedPattern(`unexpected ${this.chars[this.pos]}`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { type: "alt", options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.chars.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    if (items.length === 0) return { type: "empty" };
    return items.length === 1 ? (items[0] as RegexNode) : { type: "seq", items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === "+") [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.pos, this.pos + 24).join(""));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    // Lazy or greedy gives the same answer to "does it match".
    if (this.peek() === "?") this.pos++;
    if (atom.type === "assert") return atom;
    return { type: "repeat", node: atom, min, max };
  }

  private atom(): RegexNode {
    const c = this.chars[this.pos++] as string;
    switch (c) {
      case "^":
        return { type: "assert", at: "start" };
      case "$":
        return { type: "assert", at: "end" };
      case ".":
        return { type: "char", set: charSet(LINE_TERMINATORS, true) };
      case "[":
        return { type: "char", set: this.characterClass() };
      case "(":
        return this.group();
      case "\\":
        return this.escape();
      default:
        return literal(c);
    }
  }

  private group(): RegexNode {
    if (++this.depth > MAX_NESTING) throw new UnsupportedPattern(`nests groups more than ${MAX_NESTING} deep`);
    if (this.peek() === "?") {
      const next = this.peek(1);
      if (next === ":") this.pos += 2;
      else if (next === "<" && this.peek(2) !== "=" && this.peek(2) !== "!") {
        while (this.pos < this.chars.length && this.peek() !== ">") this.pos++;
        this.pos++;
      } else throw new UnsupportedPattern("uses look-around (?=, ?!, ?<=, ?<!), which portguard does not run");
    }
    const node = this.alternation();
    if (this.peek() !== ")") throw new UnsupportedPattern("has an unclosed group");
    this.pos++;
    this.depth--;
    return node;
  }

  /** An escape outside a class. */
  private escape(): RegexNode {
    const c = this.peek() as string;
    if (c === "b" || c === "B")
      throw new UnsupportedPattern("uses a word boundary (\\b, \\B), which portguard does not run");
    if (/[1-9]/.test(c) || c === "k")
      throw new UnsupportedPattern("uses a back-reference, which portguard does not run");
    if (c === "p" || c === "P")
      throw new UnsupportedPattern("uses a Unicode property escape (\\p), which portguard does not run");
    const set = CLASS_ESCAPES[c];
    if (set) {
      this.pos++;
      return { type: "char", set };
    }
    const code = this.escapedCodePoint();
    return { type: "char", set: charSet([[code, code]]) };
  }

  /** The code point of a character escape (after the backslash). */
  private escapedCodePoint(): number {
    const c = this.chars[this.pos++] as string;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === "0") return 0;
    if (c === "c") return (this.chars[this.pos++] as string).charCodeAt(0) % 32;
    if (c === "x") {
      const hex = this.chars.slice(this.pos, this.pos + 2).join("");
      this.pos += 2;
      return Number.parseInt(hex, 16);
    }
    if (c === "u") {
      if (this.peek() === "{") {
        const close = this.chars.indexOf("}", this.pos);
        const hex = this.chars.slice(this.pos + 1, close).join("");
        this.pos = close + 1;
        return Number.parseInt(hex, 16);
      }
      const hex = this.chars.slice(this.pos, this.pos + 4).join("");
      this.pos += 4;
      return Number.parseInt(hex, 16);
    }
    return c.codePointAt(0) as number;
  }

  private characterClass(): CharSet {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const ranges: [number, number][] = [];
    const subtracted: CharSet[] = [];
    while (this.peek() !== "]") {
      if (this.pos >= this.chars.length) throw new UnsupportedPattern("has an unclosed character class");
      const lo = this.classAtom();
      if (typeof lo !== "number") {
        if (lo.negated) subtracted.push(lo);
        else ranges.push(...lo.ranges);
        continue;
      }
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classAtom();
        if (typeof hi !== "number") throw new UnsupportedPattern("has a class range ending in a class escape");
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    this.pos++;
    // [\D] and kin: a negated escape inside a class is "everything but", joined with the rest.
    if (subtracted.length > 0) {
      const members = (c: number) => ranges.some(([a, b]) => a <= c && c <= b) || subtracted.some((s) => inSet(s, c));
      return exactSet(members, negated);
    }
    return charSet(ranges, negated);
  }

  private classAtom(): number | CharSet {
    const c = this.chars[this.pos++] as string;
    if (c !== "\\") return c.codePointAt(0) as number;
    const e = this.peek() as string;
    const set = CLASS_ESCAPES[e];
    if (set) {
      this.pos++;
      return set;
    }
    if (e === "b") {
      this.pos++;
      return 8;
    }
    if (e === "p" || e === "P")
      throw new UnsupportedPattern("uses a Unicode property escape (\\p), which portguard does not run");
    return this.escapedCodePoint();
  }
}

/** A set given by a membership test, materialised over the code points where sets change. */
function exactSet(members: (c: number) => boolean, negated: boolean): CharSet {
  const ranges: [number, number][] = [];
  // The escapes' sets change only below U+10000 (SPACE's last range ends at U+FEFF).
  let start = -1;
  for (let c = 0; c <= 0x10000; c++) {
    const inside = c < 0x10000 ? members(c) : members(0x10000);
    if (inside && start < 0) start = c;
    if (!inside && start >= 0) {
      ranges.push([start, c - 1]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, 0x10ffff]);
  return charSet(ranges, negated);
}

type NfaState =
  | { kind: "char"; set: CharSet; next: number }
  | { kind: "split"; next: number[] }
  | { kind: "assert"; at: "start" | "end"; next: number }
  | { kind: "match" };

/** Builds the NFA back to front: each node is compiled with the state that follows it. */
class NfaBuilder {
  readonly states: NfaState[] = [{ kind: "match" }];

  private add(state: NfaState): number {
    if (this.states.length >= MAX_STATES) throw new UnsupportedPattern("is too large to run (counted repetition?)");
    this.states.push(state);
    return this.states.length - 1;
  }

  compile(node: RegexNode, next: number): number {
    switch (node.type) {
      case "empty":
        return next;
      case "char":
        return this.add({ kind: "char", set: node.set, next });
      case "assert":
        return this.add({ kind: "assert", at: node.at, next });
      case "seq": {
        let state = next;
        for (let i = node.items.length - 1; i >= 0; i--) state = this.compile(node.items[i] as RegexNode, state);
        return state;
      }
      case "alt":
        return this.add({ kind: "split", next: node.options.map((o) => this.compile(o, next)) });
      case "repeat": {
        // x{min,max}: min copies of x, then (max - min) optional ones, or a loop for no maximum.
        let state = next;
        if (node.max === Number.POSITIVE_INFINITY) {
          const loop = this.add({ kind: "split", next: [] });
          const body = this.compile(node.node, loop);
          (this.states[loop] as { next: number[] }).next = [body, next];
          state = loop;
        } else {
          for (let i = node.min; i < node.max; i++) {
            const body = this.compile(node.node, state);
            state = this.add({ kind: "split", next: [body, state] });
          }
        }
        for (let i = 0; i < node.min; i++) state = this.compile(node.node, state);
        return state;
      }
    }
  }
}

interface DfaState {
  /** Sorted NFA states after following every split and satisfied assertion. */
  states: number[];
  /** The match state is among them. */
  matched: boolean;
  /** Whether an input that ends here (and is not empty) matches, once asked. */
  matchedAtEnd: boolean | undefined;
  next: Map<number, DfaState>;
}

/** A compiled pattern: `test` answers in time linear in the input. */
export class LinearMatcher {
  private readonly states: NfaState[];
  private readonly start: number;
  private readonly cache = new Map<string, DfaState>();
  private first: DfaState | null = null;

  /**
   * `anchored`: the whole input must match (globs); otherwise a match anywhere counts, as with
   * `RegExp.prototype.test` (then `^` and `$` anchor it).
   */
  constructor(
    node: RegexNode,
    private readonly anchored: boolean,
  ) {
    const builder = new NfaBuilder();
    const body = builder.compile(anchored ? { type: "seq", items: [node, { type: "assert", at: "end" }] } : node, 0);
    this.states = builder.states;
    this.start = body;
  }

  /** The states reachable from `from` without reading a character. */
  private closure(from: number[], atStart: boolean, atEnd: boolean): number[] {
    const seen = new Set<number>();
    const out: number[] = [];
    const stack = [...from];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (seen.has(id)) continue;
      seen.add(id);
      const s = this.states[id] as NfaState;
      if (s.kind === "split") for (let i = s.next.length - 1; i >= 0; i--) stack.push(s.next[i] as number);
      else if (s.kind === "assert") {
        if (s.at === "start" ? atStart : atEnd) stack.push(s.next);
        else if (s.at === "end") out.push(id); // satisfied later, if the input ends here
      } else out.push(id);
    }
    return out.sort((a, b) => a - b);
  }

  private dfa(states: number[]): DfaState {
    const key = states.join(",");
    let d = this.cache.get(key);
    if (!d) {
      if (this.cache.size >= MAX_DFA_STATES) {
        this.cache.clear();
        this.first = null;
      }
      d = { states, matched: states.includes(0), matchedAtEnd: undefined, next: new Map() };
      this.cache.set(key, d);
    }
    return d;
  }

  private step(d: DfaState, c: number): DfaState {
    const known = d.next.get(c);
    if (known) return known;
    const targets: number[] = [];
    for (const id of d.states) {
      const s = this.states[id] as NfaState;
      if (s.kind === "char" && inSet(s.set, c)) targets.push(s.next);
    }
    // Unanchored: a match may start at any position.
    if (!this.anchored) targets.push(this.start);
    const next = this.dfa(this.closure(targets, false, false));
    d.next.set(c, next);
    return next;
  }

  private endsMatched(d: DfaState, empty: boolean): boolean {
    if (d.matched) return true;
    if (empty) return this.closure(d.states, true, true).includes(0);
    d.matchedAtEnd ??= this.closure(d.states, false, true).includes(0);
    return d.matchedAtEnd;
  }

  test(input: string): boolean {
    this.first ??= this.dfa(this.closure([this.start], true, false));
    let d = this.first;
    if (!this.anchored && d.matched) return true;
    for (let i = 0; i < input.length; i++) {
      let c = input.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      d = this.step(d, c);
      if (!this.anchored && d.matched) return true;
      if (this.anchored && d.states.length === 0) return false;
    }
    return this.endsMatched(d, input.length === 0);
  }
}

/** `new RegExp(pattern, "u").test` without the risk of exponential time. Throws {@link UnsupportedPattern}. */
export function compileRegex(pattern: string): LinearMatcher {
  return new LinearMatcher(parseRegex(pattern), false);
}
