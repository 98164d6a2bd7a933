/**
 * What git knows: the staged content (`--staged`, for the pre-commit hook) and the files changed
 * since a ref (`--changed-since`). Queries go through simple-git, which must be told to pass the
 * GIT_* variables a hook runs with (without them `git commit -a` checks the wrong index); blobs
 * are read in one `git cat-file --batch`, never one process per file.
 */
import { spawnSync } from "node:child_process";
import { sep } from "node:path";
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

interface IndexEntry {
  mode: string;
  oid: string;
}

/** Reads blobs with one `git cat-file --batch`. */
export function readBlobs(cwd: string, oids: string[]): Map<string, Buffer> {
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

/**
 * Reads `git status --porcelain=v2 -z`: the paths whose staged version differs from HEAD (added,
 * copied, modified, renamed, type-changed) and the untracked ones, relative to the top level.
 */
export function parseStatus(output: string): { staged: string[]; untracked: string[] } {
  const staged: string[] = [];
  const untracked: string[] = [];
  const tokens = output.split("\0");
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const kind = t[0];
    if (kind === "?") untracked.push(t.slice(2));
    if (kind !== "1" && kind !== "2") continue;
    const fields = t.split(" ");
    const path = fields.slice(kind === "1" ? 8 : 9).join(" ");
    if ("ACMRT".includes((fields[1] ?? "..")[0] as string)) staged.push(path);
    if (kind === "2") i++; // the original path of a rename or copy follows
  }
  return { staged, untracked };
}

/** Loads the staged project under `root` (a folder inside a git work tree). */
export async function loadStaged(root: string, policy: Policy): Promise<StagedProject> {
  // Three queries at once, one client each (a simple-git instance runs its commands in turn),
  // each printing something: simple-git waits 50 ms more for a command that prints nothing.
  let listing: [string, string, string];
  try {
    listing = await Promise.all([
      gitClient(root).raw(["rev-parse", "--show-toplevel", "--show-prefix"]),
      gitClient(root).raw(["ls-files", "-s", "-z", "--", "."]),
      gitClient(root).raw([
        "--no-optional-locks",
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=all",
        "--",
        ".",
      ]),
    ]);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    throw new UsageError(/not a git repository/i.test(message) ? "--staged needs a git repository" : `git: ${message}`);
  }
  const [location, indexListing, statusListing] = listing;
  // status prints paths from the top level; ls-files from the project root (the prefix between).
  const prefix = location.split("\n")[1]?.trim() ?? "";
  const fromTop = (p: string): string | null => (p.startsWith(prefix) ? p.slice(prefix.length) : null);
  const index = new Map<string, IndexEntry>();
  for (const record of splitZ(indexListing)) {
    const tab = record.indexOf("\t");
    const [mode, oid, stage] = record.slice(0, tab).split(" ");
    const path = toPosix(record.slice(tab + 1));
    if (!mode || !oid || (stage !== "0" && index.has(path))) continue;
    index.set(path, { mode, oid });
  }
  const status = parseStatus(statusListing);
  const staged = status.staged.map(fromTop).filter((p): p is string => p !== null);
  const untracked = status.untracked.map(fromTop).filter((p): p is string => p !== null);
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
  // A ref is never an option: `--output=FILE` would make git write a file.
  if (ref.startsWith("-")) throw new UsageError(`--changed-since: ${ref} is not a ref`);
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
