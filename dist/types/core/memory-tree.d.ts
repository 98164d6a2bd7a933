import type { SourceTree } from "./types.js";
/** A project held in memory: `{ "compose.yaml": "...", ".env": "..." }`. */
export declare function memoryTree(files: Record<string, string>): SourceTree;
