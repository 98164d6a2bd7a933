/** POSIX path helpers for project-relative paths (the core never touches the real file system). */
export declare function dirname(path: string): string;
export declare function basename(path: string): string;
/**
 * Joins `relative` onto the project-relative folder `base` and normalises it. Returns null when the
 * result leaves the project or is absolute.
 */
export declare function resolveRelative(base: string, relative: string): string | null;
export declare function joinPath(dir: string, name: string): string;
