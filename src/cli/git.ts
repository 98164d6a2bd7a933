/**
 * What git knows: the staged content (`--staged`, for the pre-commit hook) and the files changed
 * since a ref (`--changed-since`). Git runs with the process environment, so the GIT_* variables
 * a hook runs with reach it (without them `git commit -a` checks the wrong index); blobs are read
 * in one `git cat-file --batch`, never one process per file. The hook's path is three git
 * processes, and no git library (start-up time).
 */
import { execFile, spawnSync } from "node:child_process";
import { sep } from "node:path";
import { globMatcher } from "../core/globs.js";
import type { Policy } from "../core/policy/types.js";
import type { FileRead, SourceTree } from "../core/types.js";
import { UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";

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

/** A `git ls-files -s` record: `mode oid stage<TAB>path`. */
const INDEX_RECORD = /^([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;

/**
 * Reads `git ls-files -s -o --exclude-standard -z`: the index (mode and blob of each path; the
 * first stage of a conflicted one) and the untracked files that are not ignored (path alone).
 */
export function parseListing(output: string): { index: Map<string, IndexEntry>; untracked: string[] } {
  const index = new Map<string, IndexEntry>();
  const untracked: string[] = [];
  for (const record of splitZ(output)) {
    const m = INDEX_RECORD.exec(record);
    if (!m) {
      untracked.push(toPosix(record));
      continue;
    }
    const path = toPosix(record.slice(m[0].length));
    if (m[3] !== "0" && index.has(path)) continue;
    index.set(path, { mode: m[1] as string, oid: m[2] as string });
  }
  return { index, untracked };
}

/** Runs git in `cwd` with the hook's environment (GIT_INDEX_FILE...); resolves to its output. */
function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile("git", args, { cwd, env: process.env, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) fail(new Error(String(stderr || error.message).trim()));
      else done(stdout);
    });
  });
}

/** Loads the staged project under `root` (a folder inside a git work tree). */
export async function loadStaged(root: string, policy: Policy): Promise<StagedProject> {
  // Two queries at once, both relative to `root`, then one batch of blobs: three git processes.
  let listing: [string, string];
  try {
    listing = await Promise.all([
      git(root, ["ls-files", "-s", "-o", "--exclude-standard", "-z", "--", "."]),
      // What the commit adds, copies, modifies, renames or retypes (against the empty tree before the first commit).
      git(root, [
        "diff",
        "--cached",
        "--no-renames",
        "--no-ext-diff",
        "--name-only",
        "-z",
        "--diff-filter=ACMRT",
        "--relative",
        "--",
        ".",
      ]),
    ]);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    throw new UsageError(/not a git repository/i.test(message) ? "--staged needs a git repository" : `git: ${message}`);
  }
  const { index, untracked } = parseListing(listing[0]);
  const staged = splitZ(listing[1]).map(toPosix);
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
  let base: string;
  try {
    base = (await git(root, ["merge-base", ref, "HEAD"])).trim();
  } catch {
    throw new UsageError(`--changed-since: cannot find ${ref} (is it fetched?)`);
  }
  const [changed, untracked] = await Promise.all([
    git(root, ["diff", "--name-only", "-z", "--diff-filter=ACMR", "--relative", base]),
    git(root, ["ls-files", "-z", "--others", "--exclude-standard"]),
  ]);
  return [...splitZ(changed), ...splitZ(untracked)].map((p) => toPosix(p)).filter((p) => !p.startsWith(".."));
}
