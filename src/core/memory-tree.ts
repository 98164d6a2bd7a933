import type { FileRead, SourceTree } from "./types.js";

/** A project held in memory: `{ "compose.yaml": "...", ".env": "..." }`. */
export function memoryTree(files: Record<string, string>): SourceTree {
  const map = new Map(Object.entries(files));
  return {
    paths: [...map.keys()].sort(),
    read(path: string): FileRead {
      const text = map.get(path);
      return text === undefined ? { kind: "missing" } : { kind: "text", text };
    },
  };
}
