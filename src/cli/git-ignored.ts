/** Which files git ignores: a git-ignored compose file is someone's local one, not the project's. */
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { globMatcher } from "../core/globs.js";
import type { SourceTree } from "../core/types.js";
import type { ProjectSetup } from "./config.js";

/**
 * The paths among `paths` (relative to `root`) that git ignores and does not track; empty outside
 * a git repository or without git.
 */
export function gitIgnored(root: string, paths: readonly string[]): Set<string> {
  if (paths.length === 0 || !mayBeInRepository(root)) return new Set();
  const r = spawnSync("git", ["check-ignore", "-z", "--stdin"], {
    cwd: root,
    input: `${paths.join("\0")}\0`,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // 0: some are ignored, 1: none; anything else (no repository, no git) ignores nothing.
  if (r.status !== 0) return new Set();
  return new Set(r.stdout.split("\0").filter((p) => p !== ""));
}

/**
 * Whether git may see `root` in a repository: `GIT_DIR` is set, or `root` (its real path) or a
 * folder above it holds a `.git` (a folder, or a file in a worktree or submodule). Where neither
 * holds, git would answer "not a git repository", and asking it costs a process (about 20 ms of a
 * small run).
 */
function mayBeInRepository(root: string): boolean {
  if (process.env.GIT_DIR) return true;
  // Git starts from the real folder (a link into a repository is in it).
  let start: string;
  try {
    start = realpathSync(resolve(root));
  } catch {
    return true;
  }
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * The working tree without the compose files git ignores (a developer's local override is not the
 * project's); the `.env` files stay, since compose reads them.
 */
export function withoutGitIgnored(
  tree: SourceTree,
  setup: ProjectSetup,
  named: ReadonlySet<string> = new Set(),
): SourceTree {
  const isCompose = globMatcher(setup.policy.files.compose);
  const ignored = gitIgnored(
    setup.root,
    tree.paths.filter((p) => isCompose(p) && !named.has(p)),
  );
  if (ignored.size === 0) return tree;
  const paths = tree.paths.filter((p) => !ignored.has(p));
  return {
    paths,
    read: (path) => tree.read(path),
    get skipped() {
      return tree.skipped;
    },
  };
}
