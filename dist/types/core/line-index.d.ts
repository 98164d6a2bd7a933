/** Offsets of a text as 1-based lines and columns (a binary search over the line starts). */
export declare class LineIndex {
    private readonly starts;
    constructor(src: string);
    lineOf(offset: number): number;
    columnOf(offset: number): number;
    position(offset: number): {
        line: number;
        column: number;
    };
}
