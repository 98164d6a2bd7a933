/**
 * Glob matching on project-relative POSIX paths: `*`, `?`, `[...]`, `**`, `{a,b}`, `{1..3}` and the
 * extglobs `?(..)`, `@(..)`, `*(..)`, `+(..)`, with dot files matched, as picomatch matches them. The
 * globs are compiled for the linear engine: a glob from a config never takes exponential time on
 * a deep tree (picomatch's regular expressions backtrack on `**\/a*\/**\/a*...`).
 */
import { ANY, charSet, LinearMatcher, literal, NOT_SLASH, type RegexNode, UnsupportedPattern } from "./linear-regex.js";

export type PathMatcher = (path: string) => boolean;

/** Longer globs are refused: nobody writes one, and each character is an NFA state. */
const MAX_GLOB_LENGTH = 4096;
const MAX_NESTING = 32;
const MAX_RANGE_ITEMS = 1000;

const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  digit: [[0x30, 0x39]],
  lower: [[0x61, 0x7a]],
  upper: [[0x41, 0x5a]],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const STAR: RegexNode = {
  type: "repeat",
  node: { type: "char", set: NOT_SLASH },
  min: 0,
  max: Number.POSITIVE_INFINITY,
};
const ANYTHING: RegexNode = { type: "repeat", node: { type: "char", set: ANY }, min: 0, max: Number.POSITIVE_INFINITY };
const SLASH = literal("/");

class GlobParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly glob: string) {}

  parse(): RegexNode {
    return this.sequence(new Set());
  }

  /** Characters up to one of `stops` (at this nesting level) or the end. */
  private sequence(stops: ReadonlySet<string>): RegexNode {
    const items: RegexNode[] = [];
    const g = this.glob;
    while (this.pos < g.length && !stops.has(g[this.pos] as string)) {
      const c = g[this.pos] as string;
      const atSegmentStart = this.pos === 0 || "/{,(|".includes(g[this.pos - 1] as string);
      if (c === "\\" && this.pos + 1 < g.length) {
        items.push(literal(g[this.pos + 1] as string));
        this.pos += 2;
      } else if (c === "/" && g.startsWith("**", this.pos + 1) && this.endsPattern(this.pos + 3, stops)) {
        // `a/**`: the folder itself and everything below it.
        items.push({ type: "repeat", node: { type: "seq", items: [SLASH, ANYTHING] }, min: 0, max: 1 });
        this.pos += 3;
      } else if (c === "*" && g[this.pos + 1] === "*" && atSegmentStart && this.endsSegment(this.pos + 2, stops)) {
        if (g[this.pos + 2] === "/") {
          // `**/`: any number of folders, none included.
          items.push({ type: "repeat", node: { type: "seq", items: [ANYTHING, SLASH] }, min: 0, max: 1 });
          this.pos += 3;
        } else {
          items.push(ANYTHING);
          this.pos += 2;
        }
      } else if ("?*+@!".includes(c) && g[this.pos + 1] === "(" && this.closing(this.pos + 1, "(", ")") > 0) {
        items.push(this.extglob(c));
      } else if (c === "*") {
        while (g[this.pos] === "*") this.pos++;
        items.push(STAR);
      } else if (c === "?") {
        items.push({ type: "char", set: NOT_SLASH });
        this.pos++;
      } else if (c === "[" && this.classEnd(this.pos) > 0) {
        items.push(this.characterClass());
      } else if (c === "{" && this.closing(this.pos, "{", "}") > 0) {
        items.push(this.brace());
      } else {
        items.push(literal(c));
        this.pos++;
      }
    }
    if (items.length === 0) return { type: "empty" };
    return items.length === 1 ? (items[0] as RegexNode) : { type: "seq", items };
  }

  private endsPattern(at: number, stops: ReadonlySet<string>): boolean {
    const next = this.glob[at];
    return next === undefined || stops.has(next);
  }

  private endsSegment(at: number, stops: ReadonlySet<string>): boolean {
    const next = this.glob[at];
    return next === undefined || next === "/" || stops.has(next);
  }

  /** The index of the bracket closing the one at `open`, or -1. */
  private closing(open: number, opener: string, closer: string): number {
    let depth = 0;
    for (let i = open; i < this.glob.length; i++) {
      const c = this.glob[i];
      if (c === "\\") i++;
      else if (c === opener) depth++;
      else if (c === closer && --depth === 0) return i;
    }
    return -1;
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING)
      throw new UnsupportedPattern(`nests braces or extglobs more than ${MAX_NESTING} deep`);
  }

  /** Alternatives separated by `separator` up to `closer`; the position is after the closer. */
  private alternatives(separator: string, closer: string): RegexNode[] {
    const stops = new Set([separator, closer]);
    const options: RegexNode[] = [];
    for (;;) {
      options.push(this.sequence(stops));
      const c = this.glob[this.pos++];
      if (c === closer) return options;
    }
  }

  private brace(): RegexNode {
    const end = this.closing(this.pos, "{", "}");
    const inner = this.glob.slice(this.pos + 1, end);
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      this.pos = end + 1;
      if (Math.abs(to - from) >= MAX_RANGE_ITEMS)
        throw new UnsupportedPattern(`has a range of more than ${MAX_RANGE_ITEMS} items`);
      const step = from <= to ? 1 : -1;
      const options: RegexNode[] = [];
      for (let n = from; n !== to + step; n += step) options.push(literal(String(n)));
      return { type: "alt", options };
    }
    if (!this.hasTopLevel(this.pos + 1, end, ",")) {
      // `{a}` is literal, as in picomatch and bash.
      this.pos++;
      return literal("{");
    }
    this.enter();
    this.pos++;
    const options = this.alternatives(",", "}");
    this.depth--;
    return { type: "alt", options };
  }

  private hasTopLevel(from: number, to: number, c: string): boolean {
    let depth = 0;
    for (let i = from; i < to; i++) {
      const ch = this.glob[i];
      if (ch === "\\") i++;
      else if (ch === "{" || ch === "(") depth++;
      else if (ch === "}" || ch === ")") depth--;
      else if (ch === c && depth === 0) return true;
    }
    return false;
  }

  private extglob(kind: string): RegexNode {
    if (kind === "!") {
      throw new UnsupportedPattern(
        "uses a negated extglob !(...), which portguard does not support (use files.ignore)",
      );
    }
    this.enter();
    this.pos += 2;
    const alt: RegexNode = { type: "alt", options: this.alternatives("|", ")") };
    this.depth--;
    const [min, max] = kind === "?" ? [0, 1] : kind === "*" ? [0, Infinity] : kind === "+" ? [1, Infinity] : [1, 1];
    return min === 1 && max === 1 ? alt : { type: "repeat", node: alt, min, max };
  }

  /** The index of the `]` closing the class at `open`, or -1 (then `[` is literal). */
  private classEnd(open: number): number {
    let i = open + 1;
    if (this.glob[i] === "!" || this.glob[i] === "^") i++;
    if (this.glob[i] === "]") i++;
    for (; i < this.glob.length; i++) {
      const c = this.glob[i];
      if (c === "\\") i++;
      else if (c === "[" && this.glob[i + 1] === ":") {
        const close = this.glob.indexOf(":]", i + 2);
        if (close > 0) i = close + 1;
      } else if (c === "]") return i;
    }
    return -1;
  }

  private characterClass(): RegexNode {
    const end = this.classEnd(this.pos);
    let i = this.pos + 1;
    let negated = false;
    if (this.glob[i] === "!" || this.glob[i] === "^") {
      negated = true;
      i++;
    }
    const ranges: [number, number][] = [];
    const chars: number[] = [];
    let first = true;
    while (i < end) {
      const c = this.glob[i] as string;
      if (c === "[" && this.glob[i + 1] === ":") {
        const close = this.glob.indexOf(":]", i + 2);
        const name = this.glob.slice(i + 2, close);
        const cls = POSIX_CLASSES[name];
        if (!cls) throw new UnsupportedPattern(`uses an unknown character class [:${name}:]`);
        ranges.push(...cls);
        i = close + 2;
        first = false;
        continue;
      }
      let code: number;
      if (c === "\\" && i + 1 < end) {
        code = this.glob.codePointAt(i + 1) as number;
        i += 2;
      } else {
        if (c === "]" && !first) break;
        code = this.glob.codePointAt(i) as number;
        i += code > 0xffff ? 2 : 1;
      }
      first = false;
      chars.push(code);
      if (this.glob[i] === "-" && i + 1 < end) {
        const hi = this.glob.codePointAt(i + 1) as number;
        ranges.push([code, hi]);
        chars.pop();
        i += hi > 0xffff ? 3 : 2;
      }
    }
    for (const c of chars) ranges.push([c, c]);
    this.pos = end + 1;
    // A class never matches the folder separator.
    if (negated) ranges.push([0x2f, 0x2f]);
    return { type: "char", set: charSet(ranges, negated) };
  }
}

/** A matcher for one glob; a leading `!` negates it. Throws {@link UnsupportedPattern}. */
export function compileGlob(glob: string): PathMatcher {
  if (glob.length > MAX_GLOB_LENGTH) throw new UnsupportedPattern(`is longer than ${MAX_GLOB_LENGTH} characters`);
  let negated = false;
  let body = glob;
  while (body.startsWith("!") && !body.startsWith("!(")) {
    negated = !negated;
    body = body.slice(1);
  }
  while (body.startsWith("./")) body = body.slice(2);
  const matcher = new LinearMatcher(new GlobParser(body).parse(), true);
  return negated ? (path) => !matcher.test(path) : (path) => matcher.test(path);
}

/** Why a glob cannot be used, or null when it can. */
export function globProblem(glob: string): string | null {
  try {
    compileGlob(glob);
    return null;
  } catch (error) {
    if (error instanceof UnsupportedPattern) return error.message;
    throw error;
  }
}

/** A matcher for any of `patterns`; dot files and folders match (`.devcontainer/compose.yml`). */
export function globMatcher(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map(compileGlob);
  if (matchers.length === 1) return matchers[0] as PathMatcher;
  return (path) => matchers.some((m) => m(path));
}

/** Whether a path is ignored: matched itself, or inside a folder the patterns prune. */
export function ignoreMatcher(patterns: readonly string[]): PathMatcher {
  const file = globMatcher(patterns);
  const folder = folderMatcher(patterns);
  return (path) => {
    if (file(path)) return true;
    for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
      if (folder(path.slice(0, i))) return true;
    }
    return false;
  };
}

/**
 * Whether a folder is pruned by ignore globs such as the node_modules one: it is when any file
 * directly inside it would be ignored whatever its name.
 */
export function folderMatcher(patterns: readonly string[]): PathMatcher {
  const match = globMatcher(patterns);
  return (folder) => match(`${folder}/\0`);
}
