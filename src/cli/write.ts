/**
 * Writing files safely, for every command that writes (fix, docs, init, the Action): inside a root
 * only, by real path, never through a symbolic link; through a temporary file next to the target
 * and a rename, keeping the target's mode and owner; refusing read-only targets. Temporary files
 * are removed on SIGINT, SIGTERM and SIGHUP, and a later write removes those a killed run left.
 */
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { printable } from "../core/format/printable.js";
import { UsageError } from "./config.js";

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function errorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

/** A write (or a read for one) that portguard refuses: exit 2 with a one-line reason. */
export class WriteRefused extends UsageError {}

/**
 * The absolute path of `path` under `root`, refusing anything that leaves the root (by `..`, an
 * absolute path, or a symbolic link on the way), the root itself, a folder, and a link as target.
 */
export function projectPath(root: string, path: string): string {
  const target = resolve(root, path);
  const shown = printable(path === "" ? "." : path);
  if (!inside(root, target)) throw new WriteRefused(`refusing to write outside ${printable(root)}: ${shown}`);
  if (relative(root, target) === "") throw new WriteRefused(`refusing to write ${shown}: it is the folder itself`);
  const realRoot = realpathSync(root);
  // The deepest folder on the way that exists (as an entry: a dangling link counts).
  let probe = dirname(target);
  while (!lstatOrNull(probe)) probe = dirname(probe);
  let real: string;
  try {
    real = realpathSync(probe);
  } catch {
    throw new WriteRefused(`refusing to write ${shown}: a symbolic link on the way leads nowhere`);
  }
  if (!inside(realRoot, real)) {
    throw new WriteRefused(`refusing to write ${shown}: a symbolic link on the way leads outside ${printable(root)}`);
  }
  if (!statSync(real).isDirectory()) throw new WriteRefused(`refusing to write ${shown}: a file is on the way`);
  const stat = lstatOrNull(target);
  if (stat?.isSymbolicLink()) {
    throw new WriteRefused(`refusing to write ${shown}: it is a symbolic link (change the file it points to yourself)`);
  }
  if (stat?.isDirectory()) throw new WriteRefused(`refusing to write ${shown}: it is a folder`);
  if (stat && !stat.isFile()) throw new WriteRefused(`refusing to write ${shown}: not a regular file`);
  return target;
}

/** Why an existing regular file cannot be replaced as it is (mode, owner), or null. */
function replaceProblem(target: string, stat: Stats, shown: string): string | null {
  if ((stat.mode & 0o222) === 0)
    return `${shown} is read-only: not changed (make it writable to let portguard change it)`;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    return `${shown} is not writable by this user: not changed`;
  }
  return null;
}

const TEMP = /^\.(.+)\.portguard-(\d+)(?:-[0-9a-f]+)?\.tmp$/;
/** A temporary file this old is stale whatever its process: no write takes an hour. */
const STALE_MS = 60 * 60 * 1000;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/** Whether `path` (a file name matching TEMP) was left by a run that is gone. */
function stale(path: string, pid: number): boolean {
  const stat = lstatOrNull(path);
  if (!stat?.isFile()) return false;
  return !isAlive(pid) || Date.now() - stat.mtimeMs > STALE_MS;
}

/** Removes the temporary files that killed runs left in `dir` (for `base` only, when given). */
function sweepFolder(dir: string, base: string | null): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || (base !== null && m[1] !== base)) continue;
    const path = join(dir, name);
    if (stale(path, Number(m[2]))) {
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}

/**
 * Removes the stale temporary files among a project's paths (a run killed with SIGKILL cannot
 * clean up); returns the project-relative paths removed.
 */
export function sweepStaleTemps(root: string, paths: readonly string[]): string[] {
  const realRoot = realpathSync(root);
  const removed: string[] = [];
  for (const path of paths) {
    const m = TEMP.exec(basename(path));
    if (!m) continue;
    const abs = resolve(root, path);
    if (!inside(realRoot, realpathSync(dirname(abs)))) continue;
    if (stale(abs, Number(m[2]))) {
      rmSync(abs, { force: true });
      removed.push(path);
    }
  }
  return removed;
}

/** Temporary files being written; removed if a signal ends the process. */
const live = new Set<string>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const temp of live) rmSync(temp, { force: true });
      live.clear();
      // Ends as the signal would have: the default action, now that nothing else listens.
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Writes `text` to `root`/`path` through a temporary file in the same folder and a rename. An
 * existing target keeps its mode and owner; a new one gets 0666 less the umask. `executable`
 * adds the execute bits (where the read bits are) to either.
 */
export function writeProjectFile(
  root: string,
  path: string,
  text: string,
  options: { executable?: boolean } = {},
): void {
  const target = projectPath(root, path);
  const shown = printable(path);
  const before = lstatOrNull(target);
  if (before) {
    const problem = replaceProblem(target, before, shown);
    if (problem) throw new WriteRefused(problem);
  }
  mkdirSync(dirname(target), { recursive: true });
  sweepFolder(dirname(target), basename(target));
  installSignalHandlers();
  const suffix = Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, "0");
  const temp = join(dirname(target), `.${basename(target)}.portguard-${process.pid}-${suffix}.tmp`);
  live.add(temp);
  try {
    const fd = openSync(temp, "wx", before ? 0o600 : options.executable ? 0o777 : 0o666);
    try {
      const data = Buffer.from(text, "utf8");
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      if (before) {
        const mode = before.mode & 0o7777;
        fchmodSync(fd, options.executable ? mode | ((mode & 0o444) >> 2) : mode);
        const mine = fstatSync(fd);
        if (mine.uid !== before.uid || mine.gid !== before.gid) {
          try {
            fchownSync(fd, before.uid, before.gid);
          } catch {
            throw new WriteRefused(
              `${shown} belongs to uid ${before.uid}, gid ${before.gid}: not changed (portguard would not keep its owner; run it as that user)`,
            );
          }
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    live.delete(temp);
  }
}

/**
 * Reads `root`/`path` for a command that will write it back: null when it does not exist; refused
 * when it leads outside the root (by a symbolic link or otherwise), is not a regular file, or is
 * larger than `maxBytes`.
 */
export function readProjectFile(root: string, path: string, maxBytes = 4 * 1024 * 1024): string | null {
  const target = resolve(root, path);
  const shown = printable(path);
  if (!inside(root, target)) throw new WriteRefused(`refusing to read outside ${printable(root)}: ${shown}`);
  if (!lstatOrNull(target)) return null;
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    throw new WriteRefused(`${shown} is a symbolic link to nothing`);
  }
  if (!inside(realpathSync(root), real)) {
    throw new WriteRefused(`refusing to read ${shown}: it leads outside ${printable(root)} (a symbolic link)`);
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw new WriteRefused(`refusing to read ${shown}: not a regular file`);
  if (stat.size > maxBytes) throw new WriteRefused(`refusing to read ${shown}: larger than ${maxBytes} bytes`);
  const fd = openSync(real, "r");
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let read = 0;
    for (let n = 1; n > 0 && read <= maxBytes; read += n) n = readSync(fd, buffer, read, maxBytes + 1 - read, read);
    if (read > maxBytes) throw new WriteRefused(`refusing to read ${shown}: larger than ${maxBytes} bytes`);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
