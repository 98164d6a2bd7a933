/**
 * Reading `yaml` documents as compose does (YAML 1.2, merge keys, `!reset`/`!override` tags),
 * keeping exact positions. Aliases are followed on demand with a budget, so an alias bomb costs a
 * bounded amount of work and is reported instead of expanded.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  type ScalarTag,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { fastParse } from "./fast-yaml.js";
import type { Range } from "./types.js";

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

/** A parsed YAML file: its documents and a way to turn offsets into positions. */
export class YamlSource {
  readonly documents: Document.Parsed[];
  readonly error: { message: string; range: Range } | null;
  private readonly lineCounter: LineCounter;
  /** Alias resolutions left before the file is treated as an alias bomb. */
  private aliasBudget: number;

  constructor(
    readonly text: string,
    /** `fullParser` skips the fast path (tests compare both). */
    options: { aliasBudget?: number; fullParser?: boolean } = {},
  ) {
    this.lineCounter = new LineCounter();
    this.aliasBudget = options.aliasBudget ?? 10_000;
    const fast = options.fullParser ? null : fastParse(text, this.lineCounter);
    if (fast) {
      this.documents = fast;
      this.error = null;
      return;
    }
    const docs = parseAllDocuments(text, {
      lineCounter: this.lineCounter,
      merge: true,
      version: "1.2",
      customTags: composeTags,
      prettyErrors: false,
      uniqueKeys: true,
    });
    this.documents = Array.isArray(docs) ? docs : [];
    let error: YamlSource["error"] = null;
    for (const doc of this.documents) {
      const first = doc.errors[0];
      if (first) {
        const [start, end] = first.pos;
        error = { message: firstLine(first.message), range: this.range(start, Math.max(end, start)) };
        break;
      }
    }
    this.error = error;
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
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
      current = current.resolve(doc);
      if (current === undefined) throw new YamlStructureError("alias refers to an unknown anchor", node as Node);
    }
    return (current ?? null) as Node | null;
  }
}

/**
 * The end of the content in [start, end): trailing whitespace and whole comment lines removed.
 * (Parsers differ on which trailing comments a collection's range covers; the content does not.)
 */
export function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && /\s/.test(text[e - 1] as string)) e--;
    const lineStart = text.lastIndexOf("\n", e - 1) + 1;
    if (lineStart <= start || !text.slice(lineStart, e).trimStart().startsWith("#")) return e;
    e = lineStart;
  }
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
