/**
 * Loading a project from disk and linting it, as `portguard check` does: the policy file found
 * from the folder up, the working tree (or the index with --staged) without git-ignored compose
 * files, PATHs that narrow what is reported. The CLI's commands, the MCP server and the library's
 * `lintFolder` all load through here.
 */
import { existsSync, statSync } from "node:fs";
import { basename, isAbsolute, relative, resolve } from "node:path";
import { globMatcher } from "../core/globs.js";
import { lintRun } from "../core/lint.js";
import type { SourceTree } from "../core/types.js";
import { type ProjectSetup, setupProject, UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";
import { withoutGitIgnored } from "./git-ignored.js";

/** What loading needs of the process: the folder it starts from, and the environment. */
export interface LintIo {
  cwd: string;
  env: Record<string, string | undefined>;
}

function processEnv(io: LintIo, enabled: boolean | undefined): Record<string, string | undefined> | null {
  return enabled ? io.env : null;
}

export interface LintFlags {
  config?: string;
  cwd?: string;
  "use-process-env"?: boolean;
  staged?: boolean;
  "changed-since"?: string;
}

/**
 * Loads the project (working tree, or the index with --staged) and lints it; `projectName` is the
 * name compose is given (`-p`), for the commands that look at what runs.
 */
export async function runLint(io: LintIo, values: LintFlags, paths: string[], projectName: string | null = null) {
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UsageError(`--cwd: not a folder: ${values.cwd}`);
  if (values.staged && values["changed-since"]) throw new UsageError("--staged and --changed-since do not go together");
  const setup = setupProject(cwd, values.config ?? null);
  const working = new WorkingTree(setup.root, setup.policy.files.ignore);
  let tree: SourceTree = working;
  let limit: Set<string> | null = null;
  if (values.staged) {
    const { loadStaged } = await import(/* webpackMode: "eager" */ "./git.js");
    const staged = await loadStaged(setup.root, setup.policy);
    tree = staged.tree;
    limit = new Set(staged.staged);
  } else if (values["changed-since"]) {
    const { changedSince } = await import(/* webpackMode: "eager" */ "./git.js");
    limit = new Set(await changedSince(setup.root, values["changed-since"]));
  }
  const narrowed: string[] = [];
  const extraCompose: string[] = [];
  const isCompose = globMatcher(setup.policy.files.compose);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const rel = relative(setup.root, abs).split("\\").join("/");
    const outside = rel.startsWith("..") || isAbsolute(rel);
    // In a hook, lint-staged passes every staged file of the repository: keep this project's.
    if (values.staged) {
      if (!outside) narrowed.push(rel);
      continue;
    }
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${p}`);
    if (outside) throw new UsageError(`${p} is outside the project root ${setup.root}`);
    narrowed.push(rel);
    if (
      statSync(abs).isFile() &&
      /\.ya?ml$/i.test(rel) &&
      !isCompose(rel) &&
      !/(^|\/)\.portguard\.ya?ml$|portguard\.config\.yml$/.test(rel)
    ) {
      extraCompose.push(rel);
    }
  }
  // A compose file named on the command line is linted even when git ignores it.
  if (!values.staged) tree = withoutGitIgnored(working, setup, new Set(narrowed));
  const underPaths =
    narrowed.length === 0 || narrowed.includes("")
      ? null
      : (file: string) => narrowed.some((n) => file === n || file.startsWith(`${n}/`));
  const nothing = (values.staged && paths.length > 0 && narrowed.length === 0) || limit?.size === 0;
  const inLimit = limit ? (file: string) => (limit as Set<string>).has(file) : null;
  const reportFilter = nothing
    ? () => false
    : underPaths && inLimit
      ? (file: string) => underPaths(file) && inLimit(file)
      : (underPaths ?? inLimit ?? undefined);
  const run = lintRun(tree, setup.policy, {
    processEnv: processEnv(io, values["use-process-env"]),
    rootName: basename(setup.root),
    reportFilter,
    extraCompose,
    projectName,
  });
  return { report: run.report, run, setup, reportFilter, tree };
}

/** Why a check that found no compose file at all is not a pass: where it looked, and for what. */
function nothingFound(setup: ProjectSetup): string {
  const { compose, ignore } = setup.policy.files;
  return `no compose files found under ${setup.root} (looked for ${compose.join(", ")}; skipped ${ignore.join(", ")} and git-ignored files). Pass the files as PATHs, or set files.compose in .portguard.yml`;
}

/** A check of the whole project that found no compose file at all fails with where it looked. */
export function requireComposeFiles(loaded: Awaited<ReturnType<typeof runLint>>, values: LintFlags, paths: string[]) {
  if (loaded.run.model.composeFiles.length === 0 && paths.length === 0 && !values.staged && !values["changed-since"])
    throw new UsageError(nothingFound(loaded.setup));
}
