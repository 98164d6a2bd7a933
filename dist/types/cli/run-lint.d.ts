import type { SourceTree } from "../core/types.js";
import { type ProjectSetup } from "./config.js";
/** What loading needs of the process: the folder it starts from, and the environment. */
export interface LintIo {
    cwd: string;
    env: Record<string, string | undefined>;
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
export declare function runLint(io: LintIo, values: LintFlags, paths: string[], projectName?: string | null): Promise<{
    report: import("../core/types.js").Report;
    run: import("../core/lint.js").LintRun;
    setup: ProjectSetup;
    reportFilter: ((file: string) => boolean) | undefined;
    tree: SourceTree;
}>;
/** A check of the whole project that found no compose file at all fails with where it looked. */
export declare function requireComposeFiles(loaded: Awaited<ReturnType<typeof runLint>>, values: LintFlags, paths: string[]): void;
