/**
 * A fast path for the plain block YAML most compose files are written in. It builds the same
 * `yaml` nodes, with the same values and ranges, that `yaml`'s full parser builds, several times
 * faster; on anything outside its subset (anchors, tags, block scalars, multi-line scalars, tabs,
 * CR line ends, flow collections over several lines, duplicate keys, odd indentation...) it gives
 * up and the full parser runs. A differential test keeps the two in agreement.
 */
import { Document, type LineCounter, type Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";

/** Thrown (one preallocated instance, no stack capture) when the text leaves the subset. */
const BAIL = new Error("outside the fast path");

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what sends a text to the full parser
const NEEDS_FULL_PARSER = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]|^(?:---|\.\.\.|%)/m;
const NULL = /^(?:~|null|Null|NULL)$/;
const TRUE = /^(?:true|True|TRUE)$/;
const FALSE = /^(?:false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
// Other core-schema types (floats, 0x.., 0o.., .inf, .nan) are left to the full parser.
const OTHER_TYPED =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PLAIN_START_FORBIDDEN = new Set([",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`"]);

/**
 * `yaml`'s nodes, made without their constructors: those define the node type on each node, which
 * costs more than the rest of the fast path. Here it sits on a prototype below the class's own, so
 * `isScalar`, `isMap`, `instanceof` and every method see the same node.
 */
const NODE_TYPE = Symbol.for("yaml.node.type");
function nodePrototype<T extends object>(base: { prototype: T }, type: string): T {
  return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } });
}
const SCALAR = nodePrototype(Scalar, "yaml.scalar");
const MAP = nodePrototype(YAMLMap, "yaml.map");
const SEQ = nodePrototype(YAMLSeq, "yaml.seq");
const PAIR = nodePrototype(Pair, "yaml.pair");

function newScalar(value: unknown): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  return node;
}

function newMap(): YAMLMap {
  const node = Object.create(MAP) as YAMLMap;
  node.items = [];
  return node;
}

function newSeq(): YAMLSeq {
  const node = Object.create(SEQ) as YAMLSeq;
  node.items = [];
  return node;
}

function newPair(key: unknown, value: unknown): Pair {
  const node = Object.create(PAIR) as Pair;
  node.key = key;
  node.value = value;
  return node;
}

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or comment only. */
  empty: boolean;
}

function plainValue(text: string): string | number | boolean | null {
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (INT.test(text)) return Number(text);
  if (OTHER_TYPED.test(text)) throw BAIL;
  return text;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\u0007",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\u001b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

class FastParser {
  private readonly lines: Line[] = [];
  /** Collections open around the current position; past the limit the full parser (which reports it) takes over. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = start + indent;
      this.lines.push({ start, end, indent, empty: first >= end || text[first] === "#" });
      if (end === text.length) break;
      start = end + 1;
    }
  }

  /** The root node, or null for a document with no content. */
  parse(): Node | null {
    const i = this.nextContent(0);
    if (i < 0) return null;
    const line = this.lines[i] as Line;
    if (line.indent !== 0) throw BAIL;
    const { node, next } = this.block(i);
    if (this.nextContent(next) >= 0) throw BAIL;
    return node;
  }

  private nextContent(from: number): number {
    for (let i = from; i < this.lines.length; i++) if (!(this.lines[i] as Line).empty) return i;
    return -1;
  }

  private isDash(pos: number, end: number): boolean {
    return this.text[pos] === "-" && (pos + 1 === end || this.text[pos + 1] === " ");
  }

  /** A block collection starting at line i (a sequence when it starts with a dash). */
  private block(i: number): { node: YAMLMap | YAMLSeq; next: number } {
    if (++this.depth > this.maxDepth) throw BAIL;
    const line = this.lines[i] as Line;
    const pos = line.start + line.indent;
    const result = this.isDash(pos, line.end) ? this.sequence(i, line.indent) : this.mapping(i, line.indent, pos);
    this.depth--;
    return result;
  }

  /** Skips spaces; returns the position of the first other character or of a comment-free end of line. */
  private skipSpaces(pos: number, end: number): number {
    while (pos < end && this.text[pos] === " ") pos++;
    return pos;
  }

  /** True when only spaces and possibly a comment remain before `end`. */
  private restIsEmpty(pos: number, end: number): boolean {
    const p = this.skipSpaces(pos, end);
    return p >= end || (this.text[p] === "#" && (p === pos ? p === 0 || this.text[p - 1] === " " : true));
  }

  private mapping(i: number, indent: number, firstPos: number): { node: YAMLMap; next: number } {
    const map = newMap();
    const keys = new Set<unknown>();
    let pos = firstPos;
    let lineIndex = i;
    let end = firstPos;
    for (;;) {
      const line = this.lines[lineIndex] as Line;
      const entry = this.entry(lineIndex, pos, line.end, indent);
      const keyValue = (entry.key as Scalar).value;
      if (keys.has(keyValue)) throw BAIL;
      keys.add(keyValue);
      map.items.push(newPair(entry.key, entry.value));
      end = (entry.value.range as [number, number, number])[2];
      const next = this.nextContent(entry.next);
      if (next < 0) {
        lineIndex = this.lines.length;
        break;
      }
      const nextLine = this.lines[next] as Line;
      if (nextLine.indent < indent) {
        lineIndex = next;
        break;
      }
      if (nextLine.indent > indent) throw BAIL;
      pos = nextLine.start + indent;
      if (this.isDash(pos, nextLine.end)) {
        lineIndex = next;
        break;
      }
      lineIndex = next;
    }
    map.range = [firstPos, end, end];
    return { node: map, next: lineIndex };
  }

  /** One `key: value` entry whose key starts at `pos` on line i; the value may continue on following lines. */
  private entry(
    i: number,
    pos: number,
    lineEnd: number,
    indent: number,
  ): { key: Scalar; value: Node; end: number; next: number } {
    const { key, colon } = this.key(pos, lineEnd);
    const after = colon + 1;
    if (!this.restIsEmpty(after, lineEnd)) {
      const valuePos = this.skipSpaces(after, lineEnd);
      const value = this.inline(valuePos, lineEnd);
      const next = this.nextContent(i + 1);
      if (next >= 0 && (this.lines[next] as Line).indent > indent) throw BAIL;
      return { key, value, end: (value.range as [number, number, number])[1], next: i + 1 };
    }
    const next = this.nextContent(i + 1);
    if (next >= 0) {
      const nextLine = this.lines[next] as Line;
      const nextPos = nextLine.start + nextLine.indent;
      if (nextLine.indent > indent || (nextLine.indent === indent && this.isDash(nextPos, nextLine.end))) {
        const { node, next: after2 } = this.block(next);
        return { key, value: node, end: (node.range as [number, number, number])[1], next: after2 };
      }
    }
    return { key, value: this.nullAfter(after, lineEnd), end: colon + 1, next: i + 1 };
  }

  /** An empty value after an indicator: yaml places it at the next non-space (a comment or the line end). */
  private nullAfter(indicator: number, lineEnd: number): Scalar {
    const pos = this.skipSpaces(indicator, lineEnd);
    const s = newScalar(null);
    // A comment on the same line ends the node, as in yaml.
    s.range = [pos, pos, pos < lineEnd ? lineEnd : pos];
    s.type = Scalar.PLAIN;
    return s;
  }

  /** A mapping key starting at `pos`: plain or quoted, followed by `:` and a space or the line end. */
  private key(pos: number, end: number): { key: Scalar; colon: number } {
    const c = this.text[pos] as string;
    if (c === '"' || c === "'") {
      const { scalar, after } = this.quoted(pos, end);
      const colon = this.skipSpaces(after, end);
      if (this.text[colon] !== ":" || !(colon + 1 === end || this.text[colon + 1] === " ")) throw BAIL;
      return { key: scalar, colon };
    }
    if (PLAIN_START_FORBIDDEN.has(c) || ((c === "-" || c === "?" || c === ":") && this.text[pos + 1] === " "))
      throw BAIL;
    let colon = -1;
    for (let p = pos; p < end; p++) {
      const ch = this.text[p];
      if (ch === ":" && (p + 1 === end || this.text[p + 1] === " ")) {
        colon = p;
        break;
      }
      if (ch === "#" && this.text[p - 1] === " ") throw BAIL;
    }
    if (colon < 0) throw BAIL;
    let keyEnd = colon;
    while (keyEnd > pos && this.text[keyEnd - 1] === " ") keyEnd--;
    if (keyEnd === pos) throw BAIL;
    const raw = this.text.slice(pos, keyEnd);
    const key = newScalar(plainValue(raw));
    key.range = [pos, keyEnd, keyEnd];
    key.type = Scalar.PLAIN;
    return { key, colon };
  }

  /** A value written on the key's (or dash's) line: a flow collection, a quoted or a plain scalar. */
  private inline(pos: number, end: number): Node {
    const c = this.text[pos] as string;
    let node: Node;
    let after: number;
    if (c === "[" || c === "{") {
      const r = this.flow(pos, end);
      node = r.node;
      after = r.after;
    } else if (c === '"' || c === "'") {
      const r = this.quoted(pos, end);
      node = r.scalar;
      after = r.after;
    } else {
      if (
        PLAIN_START_FORBIDDEN.has(c) ||
        ((c === "-" || c === "?" || c === ":") && (pos + 1 === end || this.text[pos + 1] === " "))
      ) {
        throw BAIL;
      }
      let stop = end;
      for (let p = pos; p < end; p++) {
        const ch = this.text[p];
        if (ch === "#" && this.text[p - 1] === " ") {
          stop = p;
          break;
        }
        if (ch === ":" && (p + 1 === end || this.text[p + 1] === " ")) throw BAIL;
      }
      const lineRest = stop;
      while (stop > pos && this.text[stop - 1] === " ") stop--;
      const scalar = newScalar(plainValue(this.text.slice(pos, stop)));
      // Like yaml, the node ends after a trailing comment (what a collection's end extends to).
      scalar.range = [pos, stop, lineRest < end ? end : stop];
      scalar.type = Scalar.PLAIN;
      return scalar;
    }
    if (!this.restIsEmpty(after, end)) throw BAIL;
    const range = node.range as [number, number, number];
    if (this.skipSpaces(after, end) < end) range[2] = end;
    return node;
  }

  /** A quoted scalar that closes on the same line. */
  private quoted(pos: number, end: number): { scalar: Scalar; after: number } {
    const text = this.text;
    const single = text[pos] === "'";
    // The value is sliced in runs between escapes, not built a character at a time.
    let value = "";
    let run = pos + 1;
    let p = run;
    for (;;) {
      if (p >= end) throw BAIL;
      const ch = text[p] as string;
      if (single) {
        if (ch === "'") {
          if (text[p + 1] !== "'") break;
          value += text.slice(run, p + 1);
          p += 2;
          run = p;
          continue;
        }
        p++;
        continue;
      }
      if (ch === '"') break;
      if (ch === "\\") {
        value += text.slice(run, p);
        const e = text[p + 1] as string;
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          value += simple;
          p += 2;
          run = p;
          continue;
        }
        const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
        const hex = text.slice(p + 2, p + 2 + width);
        if (width === 0 || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) throw BAIL;
        value += String.fromCodePoint(code);
        p += 2 + width;
        run = p;
        continue;
      }
      p++;
    }
    value += text.slice(run, p);
    const scalar = newScalar(value);
    scalar.range = [pos, p + 1, p + 1];
    scalar.type = single ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    return { scalar, after: p + 1 };
  }

  /** A flow collection (`[a, b]`, `{ k: v }`) that closes on the same line. */
  private flow(pos: number, end: number): { node: YAMLMap | YAMLSeq; after: number } {
    if (++this.depth > this.maxDepth) throw BAIL;
    const result = this.flowCollection(pos, end);
    this.depth--;
    return result;
  }

  private flowCollection(pos: number, end: number): { node: YAMLMap | YAMLSeq; after: number } {
    const open = this.text[pos];
    const close = open === "[" ? "]" : "}";
    const node = open === "[" ? newSeq() : newMap();
    node.flow = true;
    const keys = new Set<unknown>();
    let p = this.skipSpaces(pos + 1, end);
    if (this.text[p] === close) {
      node.range = [pos, p + 1, p + 1];
      return { node, after: p + 1 };
    }
    for (;;) {
      const item = this.flowItem(p, end);
      p = this.skipSpaces(item.after, end);
      if (node instanceof YAMLMap) {
        if (this.text[p] !== ":" || this.text[p + 1] !== " ") throw BAIL;
        const value = this.flowItem(this.skipSpaces(p + 1, end), end);
        const k = (item.node as Scalar).value;
        if (!(item.node instanceof Scalar) || keys.has(k)) throw BAIL;
        keys.add(k);
        node.items.push(newPair(item.node, value.node));
        p = this.skipSpaces(value.after, end);
      } else {
        if (this.text[p] === ":") throw BAIL;
        node.items.push(item.node);
      }
      if (this.text[p] === ",") {
        p = this.skipSpaces(p + 1, end);
        if (this.text[p] === close) throw BAIL;
        continue;
      }
      if (this.text[p] !== close) throw BAIL;
      node.range = [pos, p + 1, p + 1];
      return { node, after: p + 1 };
    }
  }

  private flowItem(pos: number, end: number): { node: Node; after: number } {
    const c = this.text[pos];
    if (c === "[" || c === "{") return (({ node, after }) => ({ node: node as Node, after }))(this.flow(pos, end));
    if (c === '"' || c === "'") {
      const { scalar, after } = this.quoted(pos, end);
      return { node: scalar, after };
    }
    if (c === undefined || PLAIN_START_FORBIDDEN.has(c) || c === "-" || c === "?" || c === ":") throw BAIL;
    let p = pos;
    while (p < end) {
      const ch = this.text[p] as string;
      if (ch === "," || ch === "]" || ch === "}" || ch === "[" || ch === "{") break;
      const after = this.text[p + 1];
      if (ch === ":" && (p + 1 >= end || after === " " || after === "," || after === "]" || after === "}")) break;
      if (ch === "#" && this.text[p - 1] === " ") throw BAIL;
      p++;
    }
    let stop = p;
    while (stop > pos && this.text[stop - 1] === " ") stop--;
    if (stop === pos || this.text[p] === "[" || this.text[p] === "{") throw BAIL;
    const scalar = newScalar(plainValue(this.text.slice(pos, stop)));
    scalar.range = [pos, stop, stop];
    scalar.type = Scalar.PLAIN;
    return { node: scalar, after: stop };
  }

  private sequence(i: number, indent: number): { node: YAMLSeq; next: number } {
    const seq = newSeq();
    const first = (this.lines[i] as Line).start + indent;
    let lineIndex = i;
    let end = first;
    for (;;) {
      const line = this.lines[lineIndex] as Line;
      const dash = line.start + indent;
      const after = dash + 1;
      let next: number;
      if (this.restIsEmpty(after, line.end)) {
        const following = this.nextContent(lineIndex + 1);
        if (following >= 0 && (this.lines[following] as Line).indent > indent) {
          const r = this.block(following);
          seq.items.push(r.node);
          end = (r.node.range as [number, number, number])[2];
          next = r.next;
        } else {
          const empty = this.nullAfter(after, line.end);
          seq.items.push(empty);
          end = (empty.range as [number, number, number])[2];
          next = lineIndex + 1;
        }
      } else {
        const pos = this.skipSpaces(after, line.end);
        if (this.isDash(pos, line.end)) throw BAIL;
        if (this.startsEntry(pos, line.end)) {
          const column = pos - line.start;
          const r = this.mapping(lineIndex, column, pos);
          seq.items.push(r.node);
          end = (r.node.range as [number, number, number])[2];
          next = r.next;
        } else {
          const value = this.inline(pos, line.end);
          seq.items.push(value);
          end = (value.range as [number, number, number])[2];
          next = lineIndex + 1;
          const following = this.nextContent(next);
          if (following >= 0 && (this.lines[following] as Line).indent > indent) throw BAIL;
        }
      }
      const following = this.nextContent(next);
      if (following < 0) {
        lineIndex = this.lines.length;
        break;
      }
      const nextLine = this.lines[following] as Line;
      if (nextLine.indent < indent) {
        lineIndex = following;
        break;
      }
      if (nextLine.indent > indent || !this.isDash(nextLine.start + indent, nextLine.end)) {
        if (nextLine.indent === indent) {
          lineIndex = following;
          break;
        }
        throw BAIL;
      }
      lineIndex = following;
    }
    seq.range = [first, end, end];
    return { node: seq, next: lineIndex };
  }

  /** Whether a `key: value` entry starts at `pos` (a compact mapping in a sequence item). */
  private startsEntry(pos: number, end: number): boolean {
    const c = this.text[pos];
    if (c === "[" || c === "{") return false;
    if (c === '"' || c === "'") {
      const close = this.text.indexOf(c, pos + 1);
      if (close < 0 || close >= end) return false;
      const colon = this.skipSpaces(close + 1, end);
      return this.text[colon] === ":" && (colon + 1 === end || this.text[colon + 1] === " ");
    }
    for (let p = pos; p < end; p++) {
      const ch = this.text[p];
      if (ch === "#" && this.text[p - 1] === " ") return false;
      if (ch === ":" && (p + 1 === end || this.text[p + 1] === " ")) return true;
    }
    return false;
  }
}

/**
 * Parses `text` with the fast path: the documents (zero or one) and fills `lineCounter`; null when
 * the text needs the full parser.
 */
export function fastParse(text: string, lineCounter: LineCounter, maxDepth = 256): Document.Parsed[] | null {
  if (NEEDS_FULL_PARSER.test(text)) return null;
  let root: Node | null;
  try {
    root = new FastParser(text, maxDepth).parse();
  } catch (error) {
    if (error === BAIL) return null;
    throw error;
  }
  lineCounter.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
  if (root === null) return [];
  const doc = new Document() as Document.Parsed;
  doc.contents = root as Document.Parsed["contents"];
  return [doc];
}
