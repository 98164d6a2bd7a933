import type { FileRead, SourceTree } from "./types.js";

/** A tree where some files read differently (a planned fix, seen before it is written). */
export function overlayTree(base: SourceTree, files: ReadonlyMap<string, string>): SourceTree {
  return {
    paths: [...new Set([...base.paths, ...files.keys()])].sort(),
    read(path: string): FileRead {
      const text = files.get(path);
      return text === undefined ? base.read(path) : { kind: "text", text };
    },
  };
}

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
