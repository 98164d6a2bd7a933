/**
 * A commit's content as a {@link SourceTree}, read from git without checking it out (the Action on
 * `pull_request_target`, where the checkout is the base commit and the head must not be executed).
 * One `git ls-tree` lists it; the files portguard reads come from one `git cat-file --batch`.
 */
import { execFileSync } from "node:child_process";
import { posix } from "node:path";
import { folderMatcher, globMatcher } from "../core/globs.js";
import type { Policy } from "../core/policy/types.js";
import { MAX_FILE_BYTES } from "../core/project.js";
import type { FileRead, SourceTree } from "../core/types.js";
import { readBlobs } from "./git.js";

const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number | null;
}

export class CommitTree implements SourceTree {
  readonly paths: string[];
  private readonly entries = new Map<string, TreeEntry>();
  private blobs: Map<string, Buffer> | null = null;

  /** The tree of `commit` below `prefix` (a `/`-terminated folder of the repository, or ""), in `repo`. */
  constructor(
    private readonly repo: string,
    commit: string,
    prefix: string,
    private readonly policy: Policy,
  ) {
    const spec = prefix ? `${commit}:${prefix.replace(/\/$/, "")}` : `${commit}^{tree}`;
    const listing = execFileSync("git", ["ls-tree", "-r", "-t", "-l", "-z", spec], {
      cwd: repo,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pruned = folderMatcher(policy.files.ignore);
    const skipped = (path: string) =>
      path.split("/").some((part, i, parts) => {
        const folder = parts.slice(0, i + 1).join("/");
        return i < parts.length - 1 && (ALWAYS_SKIPPED.has(part) || pruned(folder));
      });
    for (const record of listing.split("\0")) {
      if (!record) continue;
      const tab = record.indexOf("\t");
      const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
      const path = record.slice(tab + 1);
      if (!mode || !type || !oid || skipped(path) || (type === "tree" && ALWAYS_SKIPPED.has(posix.basename(path))))
        continue;
      this.entries.set(path, { mode, type, oid, size: size === "-" || size === undefined ? null : Number(size) });
    }
    this.paths = [...this.entries.keys()].sort();
  }

  read(path: string, depth = 0): FileRead {
    const entry = this.entries.get(path);
    if (!entry) return { kind: "missing" };
    if (entry.type === "tree") return { kind: "problem", reason: "not-a-file" };
    if (entry.type === "commit") return { kind: "problem", reason: "not-a-file", detail: "a submodule" };
    if (entry.size !== null && entry.size > MAX_FILE_BYTES) {
      return {
        kind: "problem",
        reason: "too-large",
        detail: `${(entry.size / 1024 / 1024).toFixed(1)} MiB, the limit is ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      };
    }
    const blob = this.blob(entry.oid);
    if (!blob) return { kind: "missing" };
    if (entry.mode === "120000") {
      // A symbolic link: its blob is the target, followed inside the tree only.
      const target = posix.normalize(posix.join(posix.dirname(path), blob.toString("utf8")));
      if (depth > 8) return { kind: "problem", reason: "symlink-loop" };
      if (target.startsWith("../") || target === ".." || posix.isAbsolute(target)) {
        return { kind: "problem", reason: "outside-project" };
      }
      return this.read(target, depth + 1);
    }
    return { kind: "text", text: new TextDecoder("utf-8").decode(blob) };
  }

  private blob(oid: string): Buffer | undefined {
    if (!this.blobs) {
      // One batch for everything portguard may read: YAML, env files, the docs, the sources.
      const wanted = globMatcher([
        ...this.policy.files.compose,
        ...this.policy.files.sources,
        "**/*.{yml,yaml}",
        "**/.env*",
        ...(this.policy.docs ? [this.policy.docs] : []),
      ]);
      const oids = [...this.entries]
        .filter(([p, e]) => e.type === "blob" && (e.size ?? 0) <= MAX_FILE_BYTES && wanted(p))
        .map(([, e]) => e.oid);
      this.blobs = readBlobs(this.repo, [...new Set(oids)]);
    }
    let blob = this.blobs.get(oid);
    if (!blob) {
      blob = readBlobs(this.repo, [oid]).get(oid);
      if (blob) this.blobs.set(oid, blob);
    }
    return blob;
  }
}
