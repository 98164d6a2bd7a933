/**
 * Reading `yaml` documents as compose does (YAML 1.2, merge keys, `!reset`/`!override` tags),
 * keeping exact positions. The work is bounded whatever the input: a file beyond the item budget
 * or nested beyond the depth limit is reported, not parsed; aliases are followed through an
 * anchor table built once per document, within a budget, so an alias bomb is reported instead of
 * expanded.
 */
import {
  type Alias,
  Composer,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  Parser,
  type Scalar,
  type ScalarTag,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { fastParse } from "./fast-yaml.js";
import { Span } from "./line-index.js";
import type { Position, Range } from "./types.js";

/** Compose's own tags: they keep their node and mark how it merges. */
const composeTags: ScalarTag[] = ["!reset", "!override"].map((tag) => ({
  tag,
  identify: () => false,
  resolve: (value: string) => value,
}));

export class YamlStructureError extends Error {
  constructor(
    message: string,
    readonly node: Node | null,
  ) {
    super(message);
  }
}

/** Deeper nesting is refused: parsers and readers recurse per level, and no compose file comes close. */
export const MAX_DEPTH = 256;
/**
 * Lines plus flow-collection separators a file may hold (a file of the largest real compose files
 * has a few hundred): beyond it the work of checking grows too large to be worth it.
 */
export const MAX_ITEMS = 50_000;

/** Lines and flow separators: what the parsers' work grows with. */
function itemCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) n++;
  return n;
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super(`nested more than ${MAX_DEPTH} levels deep (the limit portguard checks)`);
  }
}

/** A parsed YAML file: its documents and a way to turn offsets into positions. */
export class YamlSource {
  readonly documents: Document.Parsed[];
  readonly error: { message: string; range: Range } | null;
  private readonly lineCounter: LineCounter;
  /** Alias resolutions left before the file is treated as an alias bomb. */
  private aliasBudget: number;
  /** Per document: each alias and the node it refers to (undefined: no such anchor before it). */
  private readonly aliasTargets = new Map<Document.Parsed, Map<Alias, Node | undefined>>();

  constructor(
    readonly text: string,
    /** `fullParser` skips the fast path (tests compare both). */
    options: { aliasBudget?: number; fullParser?: boolean } = {},
  ) {
    this.lineCounter = new LineCounter();
    this.aliasBudget = options.aliasBudget ?? 10_000;
    const items = itemCount(text);
    if (items > MAX_ITEMS) {
      this.lineCounter.addNewLine(0);
      this.documents = [];
      this.error = {
        message: `too large to check: ${items.toLocaleString("en-US")} lines and flow items (the limit is ${MAX_ITEMS.toLocaleString("en-US")} per file)`,
        range: this.range(0, 0),
      };
      return;
    }
    const fast = options.fullParser ? null : fastParse(text, this.lineCounter, MAX_DEPTH);
    if (fast) {
      this.documents = fast;
      this.error = null;
      return;
    }
    try {
      this.documents = parseBounded(text, this.lineCounter);
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      this.documents = [];
      this.error = { message: error.message, range: this.range(error.offset, error.offset) };
      return;
    }
    let error: YamlSource["error"] = null;
    for (const doc of this.documents) {
      const first = doc.errors[0];
      const duplicate = firstDuplicateKey(doc);
      if (duplicate !== null && (!first || duplicate <= first.pos[0])) {
        error = { message: "Map keys must be unique", range: this.range(duplicate, duplicate + 1) };
        break;
      }
      if (first) {
        const [start, end] = first.pos;
        error = { message: firstLine(first.message), range: this.range(start, Math.max(end, start)) };
        break;
      }
    }
    this.error = error;
  }

  position(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, column: this.columnAt(offset, line) };
  }

  range(start: number, end: number): Range {
    const startLine = this.lineAt(start);
    const endLine = this.lineAt(end);
    return new Span(startLine, this.columnAt(start, startLine), endLine, this.columnAt(end, endLine));
  }

  /** The 1-based line of an offset (LineCounter.linePos's search, without its intermediate object). */
  private lineAt(offset: number): number {
    const starts = this.lineCounter.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return starts[low] === offset ? low + 1 : low;
  }

  private columnAt(offset: number, line: number): number {
    return line === 0 ? offset : offset - (this.lineCounter.lineStarts[line - 1] as number) + 1;
  }

  /** The range of a node, without the line breaks and comment lines a collection may end with. */
  rangeOf(node: Node): Range {
    const r = node.range;
    if (!r) return this.range(0, 0);
    return this.range(r[0], contentEnd(this.text, r[0], r[1]));
  }

  /** Follows an alias to its anchored node, within the file's alias budget. */
  resolve(node: unknown, doc: Document.Parsed): Node | null {
    let current = node;
    let hops = 0;
    while (isAlias(current)) {
      if (--this.aliasBudget < 0) {
        throw new YamlStructureError("too many alias references (possible alias bomb)", current);
      }
      if (++hops > 100) throw new YamlStructureError("alias refers to itself", current);
      current = this.targetsOf(doc).get(current);
      if (current === undefined) throw new YamlStructureError("alias refers to an unknown anchor", node as Node);
    }
    return (current ?? null) as Node | null;
  }

  /**
   * Every alias of a document and the anchored node it refers to: the last node with that anchor
   * before it in document order, as `yaml` resolves it, found in one walk (yaml's own lookup walks
   * the whole document per alias: quadratic with many anchors).
   */
  private targetsOf(doc: Document.Parsed): Map<Alias, Node | undefined> {
    let targets = this.aliasTargets.get(doc);
    if (targets) return targets;
    targets = new Map();
    const anchors = new Map<string, Node>();
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isPair(node)) {
        stack.push(node.value, node.key);
        continue;
      }
      if (isAlias(node)) {
        targets.set(node, anchors.get(node.source));
        continue;
      }
      if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
    this.aliasTargets.set(doc, targets);
    return targets;
  }
}

/**
 * `yaml`'s parseAllDocuments with compose's options, stopping (with {@link TooDeep}) once the
 * nesting passes {@link MAX_DEPTH}: the composer recurses per level.
 */
function parseBounded(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const parser = new Parser(lineCounter.addNewLine);
  // Duplicate keys are found by firstDuplicateKey: yaml's own check is quadratic in a mapping's size.
  const composer = new Composer({ merge: true, version: "1.2", customTags: composeTags, uniqueKeys: false });
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_DEPTH) throw new TooDeep(parser.offset);
    }
    yield* parser.end();
  }
  return Array.from(composer.compose(tokens())) as Document.Parsed[];
}

/** The offset of the first key that repeats an earlier key of its mapping (compose refuses those), or null. */
function firstDuplicateKey(doc: Document.Parsed): number | null {
  let first: number | null = null;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const offset = key.range?.[0] ?? 0;
        if (keys.has(key.value) && (first === null || offset < first)) first = offset;
        keys.add(key.value);
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        stack.push(pair?.value, pair?.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return first;
}

/**
 * The end of the content in [start, end): trailing whitespace and whole comment lines removed.
 * (Parsers differ on which trailing comments a collection's range covers; the content does not.)
 */
export function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && isSpace(text, e - 1)) e--;
    const lineStart = text.lastIndexOf("\n", e - 1) + 1;
    if (lineStart <= start) return e;
    // Whether the line's first character other than white space (as trimStart sees it) is a `#`.
    let first = lineStart;
    while (first < e && isSpace(text, first)) first++;
    if (text[first] !== "#" || first >= e) return e;
    e = lineStart;
  }
}

/** `/\s/` (what trim removes) at `i`, with the plain characters decided without a regular expression. */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && /\s/.test(text[i] as string);
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "").trim();
}

export interface MapEntry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  /** True when the entry comes from a `<<` merge key. */
  merged: boolean;
}

function isMergeKeyNode(node: unknown): boolean {
  return isScalar(node) && typeof node.value === "symbol" && node.value.description === "<<";
}

/**
 * The entries of a mapping with merge keys applied as compose applies them: explicit keys win,
 * then the merge sources in order. Values are resolved through aliases.
 */
export function mapEntries(map: YAMLMap, source: YamlSource, doc: Document.Parsed, depth = 0): MapEntry[] {
  if (depth > 20) throw new YamlStructureError("merge keys nested too deeply", map);
  const explicit: MapEntry[] = [];
  const mergeSources: Node[] = [];
  for (const pair of map.items) {
    const keyNode = source.resolve(pair.key, doc);
    if (isMergeKeyNode(keyNode)) {
      const value = source.resolve(pair.value, doc);
      if (isSeq(value)) {
        for (const item of value.items) {
          const resolved = source.resolve(item, doc);
          if (resolved) mergeSources.push(resolved);
        }
      } else if (value) {
        mergeSources.push(value);
      }
      continue;
    }
    if (!isScalar(keyNode)) throw new YamlStructureError("mapping keys must be strings", keyNode);
    explicit.push({
      key: String(keyNode.value),
      keyNode,
      value: source.resolve(pair.value, doc),
      merged: false,
    });
  }
  if (mergeSources.length === 0) return explicit;
  // A key whose value is tagged `!reset` is dropped before the merge keys apply (as compose does),
  // so a merge source may supply it; the tagged entry stays, for its reset to apply to a base.
  const seen = new Set(explicit.filter((e) => e.value?.tag !== "!reset").map((e) => e.key));
  const result = [...explicit];
  for (const m of mergeSources) {
    if (!isMap(m)) throw new YamlStructureError("merge sources must be mappings", m);
    for (const entry of mapEntries(m, source, doc, depth + 1)) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      result.push({ ...entry, merged: true });
    }
  }
  return result;
}

/** The items of a sequence, resolved through aliases. */
export function seqItems(seq: YAMLSeq, source: YamlSource, doc: Document.Parsed): (Node | null)[] {
  return seq.items.map((item) => source.resolve(item, doc));
}

export { isMap, isScalar, isSeq };
