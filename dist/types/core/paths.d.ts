/** POSIX path helpers for project-relative paths (the core never touches the real file system). */
export declare function dirname(path: string): string;
export declare function basename(path: string): string;
/**
 * Joins `relative` onto the project-relative folder `base` and normalises it. Returns null when the
 * result leaves the project or is absolute.
 */
export declare function resolveRelative(base: string, relative: string): string | null;
/**
 * Joins `relative` onto `base` as compose reads a path: leaving the project root is allowed
 * (`../shared/base.yaml` reads the file beside it), an absolute path stays absolute. Null only for
 * what cannot name a file here (a home folder, a Windows drive).
 */
export declare function resolveReading(base: string, relative: string): string | null;
/** Whether a path from {@link resolveReading} lies outside the project root. */
export declare function isOutsideRoot(path: string): boolean;
export declare function joinPath(dir: string, name: string): string;
