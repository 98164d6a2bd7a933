import type { SourceTree } from "./types.js";
/** A tree where some files read differently (a planned fix, seen before it is written). */
export declare function overlayTree(base: SourceTree, files: ReadonlyMap<string, string>): SourceTree;
/** A project held in memory: `{ "compose.yaml": "...", ".env": "..." }`. */
export declare function memoryTree(files: Record<string, string>): SourceTree;
