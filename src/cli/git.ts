/**
 * What git knows: the staged content (`--staged`, for the pre-commit hook) and the files changed
 * since a ref (`--changed-since`). Queries go through simple-git, which must be told to pass the
 * GIT_* variables a hook runs with (without them `git commit -a` checks the wrong index); blobs
 * are read in one `git cat-file --batch`, never one process per file.
 */
import { spawnSync } from "node:child_process";
import { relative, resolve, sep } from "node:path";
import { type SimpleGit, simpleGit } from "simple-git";
import { globMatcher } from "../core/globs.js";
import type { Policy } from "../core/policy/types.js";
import type { FileRead, SourceTree } from "../core/types.js";
import { UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";

/** The variables git sets in hooks; simple-git v4 strips GIT_* from its children unless listed. */
const HOOK_ENVIRONMENT = ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE"];

/** A git client for `dir` that keeps the hook's GIT_* variables. (This module is loaded only by the commands that use git.) */
export function gitClient(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, allowEnvironment: HOOK_ENVIRONMENT });
}

function splitZ(output: string): string[] {
  return output.split("\0").filter((s) => s !== "");
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** Converts git's top-level-relative paths to project-relative ones (dropping those outside). */
function projectRelative(gitTop: string, root: string) {
  const prefix = toPosix(relative(gitTop, root));
  return (path: string): string | null => {
    if (prefix === "") return path;
    return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : null;
  };
}

interface IndexEntry {
  mode: string;
  oid: string;
}

/** Reads blobs with one `git cat-file --batch`. */
function readBlobs(cwd: string, oids: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (oids.length === 0) return blobs;
  const r = spawnSync("git", ["cat-file", "--batch"], {
    cwd,
    input: `${oids.join("\n")}\n`,
    maxBuffer: 1 << 30,
    env: process.env,
  });
  if (r.status !== 0 || !r.stdout) throw new UsageError(`git cat-file failed: ${String(r.stderr ?? "").trim()}`);
  const out = r.stdout as Buffer;
  let pos = 0;
  while (pos < out.length) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString("utf8").split(" ");
    pos = nl + 1;
    if (header[1] === "missing" || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0] as string, out.subarray(pos, pos + size));
    pos += size + 1;
  }
  return blobs;
}

/**
 * The project as it will be committed: tracked files from the index, untracked and ignored files
 * (`.env`) from the working tree.
 */
class StagedTree implements SourceTree {
  readonly paths: string[];

  constructor(
    private readonly index: Map<string, IndexEntry>,
    private readonly blobs: Map<string, Buffer>,
    private readonly workingTree: WorkingTree,
    private readonly gitDir: string,
    untracked: string[],
  ) {
    this.paths = [...new Set([...index.keys(), ...untracked])].sort();
  }

  read(path: string): FileRead {
    const entry = this.index.get(path);
    if (!entry) return this.workingTree.read(path);
    if (entry.mode === "160000") return { kind: "problem", reason: "not-a-file", detail: "a submodule" };
    if (entry.mode === "120000") return this.workingTree.read(path);
    let blob = this.blobs.get(entry.oid);
    if (!blob) {
      // Files outside the batch (an include target with an unusual name): read on demand.
      blob = readBlobs(this.gitDir, [entry.oid]).get(entry.oid);
      if (!blob) return { kind: "missing" };
      this.blobs.set(entry.oid, blob);
    }
    return { kind: "text", text: new TextDecoder("utf-8").decode(blob) };
  }
}

export interface StagedProject {
  tree: SourceTree;
  /** Project-relative paths the commit adds, copies, modifies or renames. */
  staged: string[];
}

/** Loads the staged project under `root` (a folder inside a git work tree). */
export async function loadStaged(root: string, policy: Policy): Promise<StagedProject> {
  const git = gitClient(root);
  let top: string;
  try {
    top = (await git.revparse(["--show-toplevel"])).trim();
  } catch {
    throw new UsageError("--staged needs a git repository");
  }
  const rel = projectRelative(top, root);
  const index = new Map<string, IndexEntry>();
  for (const record of splitZ(await git.raw(["ls-files", "-s", "-z", "--full-name", "--", "."]))) {
    const tab = record.indexOf("\t");
    const [mode, oid, stage] = record.slice(0, tab).split(" ");
    const path = rel(record.slice(tab + 1));
    if (path === null || !mode || !oid || (stage !== "0" && index.has(path))) continue;
    index.set(path, { mode, oid });
  }
  const untracked = splitZ(
    await git.raw(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", "."]),
  )
    .map(rel)
    .filter((p): p is string => p !== null);
  const staged = splitZ(await git.raw(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--relative"]))
    .map((p) => toPosix(relative(root, resolve(root, p))))
    .filter((p) => !p.startsWith(".."));
  // One batch for everything portguard may read: YAML, env files, the docs, the staged sources.
  const wanted = globMatcher([
    ...policy.files.compose,
    "**/*.{yml,yaml}",
    "**/.env*",
    ...(policy.docs ? [policy.docs] : []),
  ]);
  const stagedSet = new Set(staged);
  const oids = [...index]
    .filter(([p, e]) => e.mode !== "160000" && (wanted(p) || stagedSet.has(p)))
    .map(([, e]) => e.oid);
  const blobs = readBlobs(root, oids);
  const tree = new StagedTree(index, blobs, new WorkingTree(root, policy.files.ignore), root, untracked);
  return { tree, staged };
}

/** Project-relative files changed since the merge base of `ref` and HEAD (committed or not). */
export async function changedSince(root: string, ref: string): Promise<string[]> {
  const git = gitClient(root);
  let base: string;
  try {
    base = (await git.raw(["merge-base", ref, "HEAD"])).trim();
  } catch {
    throw new UsageError(`--changed-since: cannot find ${ref} (is it fetched?)`);
  }
  const changed = splitZ(await git.raw(["diff", "--name-only", "-z", "--diff-filter=ACMR", "--relative", base]));
  const untracked = splitZ(await git.raw(["ls-files", "-z", "--others", "--exclude-standard"]));
  return [...changed, ...untracked].map((p) => toPosix(p)).filter((p) => !p.startsWith(".."));
}
