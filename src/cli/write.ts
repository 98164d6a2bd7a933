/** Writing project files safely: inside the project only, through a temporary file and a rename. */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { UsageError } from "./config.js";

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The absolute path of a project-relative file, refusing anything that leads outside the project. */
export function projectPath(root: string, path: string): string {
  const target = resolve(root, path);
  const realRoot = realpathSync(root);
  let probe = target;
  while (!existsSync(probe)) probe = dirname(probe);
  const real = join(realpathSync(probe), relative(probe, target));
  if (!inside(root, target) || !inside(realRoot, real))
    throw new UsageError(`refusing to write outside the project: ${path}`);
  return target;
}

/** Writes `text` to a project file through a temporary file in the same folder and a rename. */
export function writeProjectFile(root: string, path: string, text: string): void {
  const target = projectPath(root, path);
  const temp = join(dirname(target), `.${basename(target)}.portguard-${process.pid}.tmp`);
  const mode = existsSync(target) ? statSync(target).mode : undefined;
  try {
    writeFileSync(temp, text, mode === undefined ? {} : { mode });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
