/**
 * Reading `yaml` documents as compose does (YAML 1.2, merge keys, `!reset`/`!override` tags),
 * keeping exact positions. The work is bounded whatever the input: a file beyond the item budget
 * or nested beyond the depth limit is reported, not parsed; aliases are followed through an
 * anchor table built once per document, within a budget, so an alias bomb is reported instead of
 * expanded.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Position, Range } from "./types.js";
export declare class YamlStructureError extends Error {
    readonly node: Node | null;
    constructor(message: string, node: Node | null);
}
/** Deeper nesting is refused: parsers and readers recurse per level, and no compose file comes close. */
export declare const MAX_DEPTH = 256;
/**
 * Lines plus flow-collection separators a file may hold (a file of the largest real compose files
 * has a few hundred): beyond it the work of checking grows too large to be worth it.
 */
export declare const MAX_ITEMS = 50000;
/** A parsed YAML file: its documents and a way to turn offsets into positions. */
export declare class YamlSource {
    readonly text: string;
    readonly documents: Document.Parsed[];
    readonly error: {
        message: string;
        range: Range;
    } | null;
    private readonly lineCounter;
    /** Alias resolutions left before the file is treated as an alias bomb. */
    private aliasBudget;
    /** Per document: each alias and the node it refers to (undefined: no such anchor before it). */
    private readonly aliasTargets;
    constructor(text: string, 
    /** `fullParser` skips the fast path (tests compare both). */
    options?: {
        aliasBudget?: number;
        fullParser?: boolean;
    });
    position(offset: number): Position;
    range(start: number, end: number): Range;
    /** The 1-based line of an offset (LineCounter.linePos's search, without its intermediate object). */
    private lineAt;
    private columnAt;
    /** The range of a node, without the line breaks and comment lines a collection may end with. */
    rangeOf(node: Node): Range;
    /** Follows an alias to its anchored node, within the file's alias budget. */
    resolve(node: unknown, doc: Document.Parsed): Node | null;
    /**
     * Every alias of a document and the anchored node it refers to: the last node with that anchor
     * before it in document order, as `yaml` resolves it, found in one walk (yaml's own lookup walks
     * the whole document per alias: quadratic with many anchors).
     */
    private targetsOf;
}
/**
 * The end of the content in [start, end): trailing whitespace and whole comment lines removed.
 * (Parsers differ on which trailing comments a collection's range covers; the content does not.)
 */
export declare function contentEnd(text: string, start: number, end: number): number;
export interface MapEntry {
    key: string;
    keyNode: Scalar;
    value: Node | null;
    /** True when the entry comes from a `<<` merge key. */
    merged: boolean;
}
/**
 * The entries of a mapping with merge keys applied as compose applies them: explicit keys win,
 * then the merge sources in order. Values are resolved through aliases.
 */
export declare function mapEntries(map: YAMLMap, source: YamlSource, doc: Document.Parsed, depth?: number): MapEntry[];
/** The items of a sequence, resolved through aliases. */
export declare function seqItems(seq: YAMLSeq, source: YamlSource, doc: Document.Parsed): (Node | null)[];
export { isMap, isScalar, isSeq };
