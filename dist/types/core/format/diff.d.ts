/** A unified diff of one file (`null` before: a new file); empty when nothing changes. */
export declare function unifiedDiff(path: string, before: string | null, after: string, context?: number): string;
