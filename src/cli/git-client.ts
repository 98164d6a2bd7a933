/** A simple-git client for the commands that set up hooks (kept out of the hook's own path). */
import { type SimpleGit, simpleGit } from "simple-git";

/** The variables git sets in hooks; simple-git v4 strips GIT_* from its children unless listed. */
const HOOK_ENVIRONMENT = ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE"];

/** A git client for `dir` that keeps the hook's GIT_* variables. */
export function gitClient(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, allowEnvironment: HOOK_ENVIRONMENT });
}
