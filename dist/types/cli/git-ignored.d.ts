import type { SourceTree } from "../core/types.js";
import type { ProjectSetup } from "./config.js";
/**
 * The paths among `paths` (relative to `root`) that git ignores and does not track; empty outside
 * a git repository or without git.
 */
export declare function gitIgnored(root: string, paths: readonly string[]): Set<string>;
/**
 * The working tree without the compose files git ignores (a developer's local override is not the
 * project's); the `.env` files stay, since compose reads them.
 */
export declare function withoutGitIgnored(tree: SourceTree, setup: ProjectSetup, named?: ReadonlySet<string>): SourceTree;
