export type PathMatcher = (path: string) => boolean;
/** A matcher for one glob; a leading `!` negates it. Throws {@link UnsupportedPattern}. */
export declare function compileGlob(glob: string): PathMatcher;
/** Why a glob cannot be used, or null when it can. */
export declare function globProblem(glob: string): string | null;
/** A matcher for any of `patterns`; dot files and folders match (`.devcontainer/compose.yml`). */
export declare function globMatcher(patterns: readonly string[]): PathMatcher;
/** Whether a path is ignored: matched itself, or inside a folder the patterns prune. */
export declare function ignoreMatcher(patterns: readonly string[]): PathMatcher;
/**
 * Whether a folder is pruned by ignore globs such as the node_modules one: it is when any file
 * directly inside it would be ignored whatever its name.
 */
export declare function folderMatcher(patterns: readonly string[]): PathMatcher;
