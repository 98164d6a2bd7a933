/** The working tree as a {@link SourceTree}: a pruned walk, and reads that never hang or explode. */
import {
  closeSync,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { getOrInsert } from "../core/collections.js";
import { folderMatcher } from "../core/globs.js";
import { MAX_FILE_BYTES } from "../core/project.js";
import type { FileRead, SkippedPath, SourceTree } from "../core/types.js";

/** One decoder for every read (each `decode` call is complete: it keeps no state between files). */
const UTF8 = new TextDecoder("utf-8");

/** Folders never worth walking, whatever the policy says (`.portguard` holds fix's backups). */
const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn", ".portguard"]);

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : "";
}

export class WorkingTree implements SourceTree {
  private readonly realRoot: string;
  private readonly cache = new Map<string, FileRead>();
  /** Answers of `exists` for paths not read (many services name the same `env_file:`). */
  private readonly looked = new Map<string, boolean>();
  private listed: string[] | null = null;
  private readonly unlisted: SkippedPath[] = [];

  constructor(
    readonly root: string,
    private readonly ignore: readonly string[],
  ) {
    this.realRoot = realpathSync(root);
  }

  /** Every file and folder below the root, pruned of ignored folders (walked on first use). */
  get paths(): string[] {
    if (!this.listed) {
      this.listed = this.walk(folderMatcher(this.ignore));
      this.listed.sort();
    }
    return this.listed;
  }

  /** Folders that could not be listed, and why: their files are not checked, and the summary says so. */
  get skipped(): SkippedPath[] {
    void this.paths;
    return this.unlisted;
  }

  /** The walk, with a stack of folders (no recursion, however deep the tree). */
  private walk(pruned: (folder: string) => boolean): string[] {
    const out: string[] = [];
    const folders = [""];
    while (folders.length > 0) {
      const dir = folders.pop() as string;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir === "" ? this.root : join(this.root, dir), { withFileTypes: true });
      } catch (error) {
        this.unlisted.push({ path: dir === "" ? "." : dir, reason: errorCode(error) || "unreadable" });
        continue;
      }
      for (const entry of entries) {
        const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (ALWAYS_SKIPPED.has(entry.name) || pruned(rel)) continue;
          // A folder is listed too: a folder named like a compose file is reported, not skipped.
          out.push(rel);
          folders.push(rel);
        } else {
          out.push(rel);
        }
      }
    }
    this.unlisted.sort((a, b) => (a.path < b.path ? -1 : 1));
    return out;
  }

  read(path: string): FileRead {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const result = this.readUncached(path);
    this.cache.set(path, result);
    return result;
  }

  /** One lstat, where a read would open and decode the file (an `env_file:` is only looked for). */
  exists(path: string): boolean {
    const cached = this.cache.get(path);
    if (cached) return cached.kind !== "missing";
    return getOrInsert(this.looked, path, () => this.lookFor(path));
  }

  private lookFor(path: string): boolean {
    try {
      return lstatSync(this.absolute(path), { throwIfNoEntry: false }) !== undefined;
    } catch (error) {
      const code = errorCode(error);
      // As for a read: what cannot be looked at is there, and a problem when it is read.
      return code !== "ENOENT" && code !== "ENOTDIR";
    }
  }

  /** Paths outside the root (`../shared/base.yaml`, an absolute env_file) are read as compose reads them. */
  private absolute(path: string): string {
    return isAbsolute(path) ? path : join(this.root, path);
  }

  private readUncached(path: string): FileRead {
    const abs = this.absolute(path);
    try {
      // Most reads of a missing file are probes (each folder's `.env` and its stand-ins): no exception for them.
      const link = lstatSync(abs, { throwIfNoEntry: false });
      if (link === undefined) return { kind: "missing" };
      if (link.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(abs);
        } catch (error) {
          const code = errorCode(error);
          // A link to nothing is a file that should be there: said, not skipped.
          if (code === "ENOENT" || code === "ENOTDIR") {
            return { kind: "problem", reason: "unreadable", detail: "a symbolic link to a file that does not exist" };
          }
          throw error;
        }
        if (!isInside(this.realRoot, target)) return { kind: "problem", reason: "outside-project" };
      }
      // A link is followed; anything else, lstat has already said what it is.
      const stat = link.isSymbolicLink() ? statSync(abs) : link;
      if (!stat.isFile()) return { kind: "problem", reason: "not-a-file" };
      if (stat.size > MAX_FILE_BYTES) {
        return {
          kind: "problem",
          reason: "too-large",
          detail: `${(stat.size / 1024 / 1024).toFixed(1)} MiB, the limit is ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
        };
      }
      const fd = openSync(abs, "r");
      try {
        // Read at most the limit, whatever the file grew to since stat.
        const size = Math.min(fstatSync(fd).size, MAX_FILE_BYTES + 1);
        // Only the bytes read are decoded: no need to clear the buffer first.
        const buffer = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) {
          const n = readSync(fd, buffer, read, size - read, read);
          if (n === 0) break;
          read += n;
        }
        if (read > MAX_FILE_BYTES) return { kind: "problem", reason: "too-large" };
        return { kind: "text", text: UTF8.decode(buffer.subarray(0, read)) };
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
      if (code === "ELOOP") return { kind: "problem", reason: "symlink-loop" };
      if (code === "EISDIR") return { kind: "problem", reason: "not-a-file" };
      return { kind: "problem", reason: "unreadable", detail: code || (error as Error).message };
    }
  }
}

export { toPosix };
