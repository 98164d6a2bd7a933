import type { Position, Range } from "./types.js";
/** Offsets of a text as 1-based lines and columns (a binary search over the line starts). */
export declare class LineIndex {
    private readonly starts;
    constructor(src: string);
    lineOf(offset: number): number;
    columnOf(offset: number): number;
    position(offset: number): Position;
    /** The offset of a position (a line past the end counts from the text's start). */
    offset(pos: Position): number;
}
/**
 * A range kept as four numbers, its positions made when read: ranges are made by the hundred
 * thousand, and three objects each were a fifth of the model's heap.
 */
export declare class Span implements Range {
    readonly startLine: number;
    readonly startColumn: number;
    readonly endLine: number;
    readonly endColumn: number;
    constructor(startLine: number, startColumn: number, endLine: number, endColumn: number);
    get start(): Position;
    get end(): Position;
    toJSON(): Range;
}
