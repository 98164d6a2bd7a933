/** POSIX path helpers for project-relative paths (the core never touches the real file system). */

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * Joins `relative` onto the project-relative folder `base` and normalises it. Returns null when the
 * result leaves the project or is absolute.
 */
export function resolveRelative(base: string, relative: string): string | null {
  if (relative.startsWith("/") || /^[A-Za-z]:[\\/]/.test(relative) || relative.startsWith("~")) return null;
  const parts = base === "" ? [] : base.split("/");
  for (const segment of relative.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.join("/");
}

/**
 * Joins `relative` onto `base` as compose reads a path: leaving the project root is allowed
 * (`../shared/base.yaml` reads the file beside it), an absolute path stays absolute. Null only for
 * what cannot name a file here (a home folder, a Windows drive).
 */
export function resolveReading(base: string, relative: string): string | null {
  if (relative.startsWith("~") || /^[A-Za-z]:[\\/]/.test(relative)) return null;
  const absolute = relative.startsWith("/");
  const parts = absolute ? [] : base === "" ? [] : base.split("/");
  let up = 0;
  for (const segment of relative.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length > 0) parts.pop();
      else if (!absolute) up++;
    } else {
      parts.push(segment);
    }
  }
  const path = [...Array(up).fill(".."), ...parts].join("/");
  return absolute ? `/${path}` : path;
}

/** Whether a path from {@link resolveReading} lies outside the project root. */
export function isOutsideRoot(path: string): boolean {
  return path.startsWith("/") || path === ".." || path.startsWith("../");
}

export function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}
