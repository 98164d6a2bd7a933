import type { Policy } from "../core/policy/types.js";
export declare const CONFIG_NAMES: string[];
/** The nearest folder at or above `start` holding `.git` (a folder, or a file in worktrees). */
export declare function gitTopLevel(start: string): string | null;
/**
 * The first config file from `start` upward, stopping at the git top level. A config that is a
 * symbolic link out of the repository (or of its folder, outside one) is refused, not followed.
 */
export declare function findConfig(start: string): string | null;
export interface ProjectSetup {
    root: string;
    configPath: string | null;
    policy: Policy;
}
/** Policy files are small; a larger one is refused unread. */
export declare const MAX_POLICY_BYTES: number;
/**
 * The root and policy for a run from `cwd`: an explicit `--config`, else the nearest config file
 * (its folder is the root), else the embedded default with the git top level (or `cwd`) as root.
 */
export declare function setupProject(cwd: string, explicitConfig: string | null): ProjectSetup;
/** A mistake in how portguard was called: exit code 2 with a one-line message. */
export declare class UsageError extends Error {
    constructor(message: string);
}
/** A value of `--format` (or another closed list) that is not one of `choices`: exit 2, naming the nearest. */
export declare function oneOf(option: string, value: string, choices: readonly string[]): string;
