import type { Policy } from "../core/policy/types.js";
import type { SourceTree } from "../core/types.js";
interface IndexEntry {
    mode: string;
    oid: string;
}
/** Reads blobs with one `git cat-file --batch`. */
export declare function readBlobs(cwd: string, oids: string[]): Map<string, Buffer>;
export interface StagedProject {
    tree: SourceTree;
    /** Project-relative paths the commit adds, copies, modifies or renames. */
    staged: string[];
}
/**
 * Reads `git ls-files -s -o --exclude-standard -z`: the index (mode and blob of each path; the
 * first stage of a conflicted one) and the untracked files that are not ignored (path alone).
 */
export declare function parseListing(output: string): {
    index: Map<string, IndexEntry>;
    untracked: string[];
};
/** Loads the staged project under `root` (a folder inside a git work tree). */
export declare function loadStaged(root: string, policy: Policy): Promise<StagedProject>;
/** Project-relative files changed since the merge base of `ref` and HEAD (committed or not). */
export declare function changedSince(root: string, ref: string): Promise<string[]>;
export {};
