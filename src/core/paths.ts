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

export function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}
