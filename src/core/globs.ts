/** Glob matching on project-relative POSIX paths (picomatch's platform-independent build). */
import picomatch from "picomatch/posix.js";

export type PathMatcher = (path: string) => boolean;

/** A matcher for any of `patterns`; dot files and folders match (`.devcontainer/compose.yml`). */
export function globMatcher(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  return picomatch([...patterns], { dot: true });
}

/** Whether a path is ignored: matched itself, or inside a folder the patterns prune. */
export function ignoreMatcher(patterns: readonly string[]): PathMatcher {
  const file = globMatcher(patterns);
  const folder = folderMatcher(patterns);
  return (path) => {
    if (file(path)) return true;
    for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
      if (folder(path.slice(0, i))) return true;
    }
    return false;
  };
}

/**
 * Whether a folder is pruned by ignore globs such as the node_modules one: it is when any file
 * directly inside it would be ignored whatever its name.
 */
export function folderMatcher(patterns: readonly string[]): PathMatcher {
  const match = globMatcher(patterns);
  return (folder) => match(`${folder}/\0`);
}
