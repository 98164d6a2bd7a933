/** A unified diff of one file (`null` before: a new file); empty when nothing changes. */
export declare function unifiedDiff(path: string, before: string | null, after: string, context?: number): string;
/** A unified diff in a terminal's colours: removed lines red, added green, hunk headers cyan, file headers bold. */
export declare function colorDiff(diff: string): string;
