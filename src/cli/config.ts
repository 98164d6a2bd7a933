/**
 * Finding the policy file and the project root on disk. Policy files are read only when they are
 * regular files of a bounded size; `extends` reads only within the repository or an installed
 * package, and a refused file's content is never read, let alone quoted.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { didYouMean } from "../core/did-you-mean.js";
import { printable } from "../core/format/printable.js";
import { loadPolicy } from "../core/policy/index.js";
import type { PolicyFile } from "../core/policy/load.js";
import type { Policy } from "../core/policy/types.js";

export const CONFIG_NAMES = [".portguard.yml", ".portguard.yaml", "portguard.config.yml"];

/** The nearest folder at or above `start` holding `.git` (a folder, or a file in worktrees). */
export function gitTopLevel(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The first config file from `start` upward, stopping at the git top level. A config that is a
 * symbolic link out of the repository (or of its folder, outside one) is refused, not followed.
 */
export function findConfig(start: string): string | null {
  const top = gitTopLevel(start);
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        const boundary = realpathSync(top ?? dir);
        if (!inside(boundary, realpathSync(candidate))) {
          throw new UsageError(
            `${printable(candidate)} is a symbolic link to a file outside ${printable(top ?? dir)}: not read (pass it with --config to use it)`,
          );
        }
        return candidate;
      }
    }
    const parent = dirname(dir);
    if (dir === top || parent === dir) return null;
    dir = parent;
  }
}

export interface ProjectSetup {
  root: string;
  configPath: string | null;
  policy: Policy;
}

/** Policy files are small; a larger one is refused unread. */
export const MAX_POLICY_BYTES = 1024 * 1024;

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function displayPath(path: string, root: string): string {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : path;
}

/** The text of a policy file, or why it is not read: not a regular file, too large, not text. */
function readPolicyText(path: string): { text: string } | { refused: string } {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return { refused: "not a regular file" };
    fd = openSync(path, "r");
  } catch (error) {
    return { refused: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  try {
    // fstat: what was opened, whatever the path points to by now.
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { refused: "not a regular file" };
    if (stat.size > MAX_POLICY_BYTES) return { refused: `larger than ${MAX_POLICY_BYTES / 1024} KiB` };
    const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let read = 0;
    for (let n = 1; n > 0 && read <= MAX_POLICY_BYTES; read += n) {
      n = readSync(fd, buffer, read, MAX_POLICY_BYTES + 1 - read, read);
    }
    if (read > MAX_POLICY_BYTES) return { refused: `larger than ${MAX_POLICY_BYTES / 1024} KiB` };
    const text = new TextDecoder("utf-8").decode(buffer.subarray(0, read));
    if (text.includes("\0") || text.includes("\ufffd")) return { refused: "not a text file" };
    return { text };
  } finally {
    closeSync(fd);
  }
}

function policyFile(path: string, root: string): PolicyFile {
  const display = displayPath(path, root);
  const read = readPolicyText(path);
  if ("refused" in read) throw new UsageError(`config file ${printable(display)}: ${read.refused}`);
  return { path: display, text: read.text };
}

/** Whether a real path lies inside an installed package (a `node_modules` folder). */
function inPackage(real: string): boolean {
  return real.split(sep).includes("node_modules");
}

/**
 * The root and policy for a run from `cwd`: an explicit `--config`, else the nearest config file
 * (its folder is the root), else the embedded default with the git top level (or `cwd`) as root.
 */
export function setupProject(cwd: string, explicitConfig: string | null): ProjectSetup {
  let configPath: string | null = null;
  let root: string;
  if (explicitConfig) {
    configPath = resolve(cwd, explicitConfig);
    if (!existsSync(configPath)) throw new UsageError(`config file not found: ${explicitConfig}`);
    root = gitTopLevel(cwd) ?? resolve(cwd);
  } else {
    configPath = findConfig(cwd);
    root = configPath ? dirname(configPath) : (gitTopLevel(cwd) ?? resolve(cwd));
  }
  if (!configPath) return { root, configPath: null, policy: loadPolicy(null) };
  const absPaths = new Map<string, string>();
  const first = policyFile(configPath, root);
  absPaths.set(first.path, configPath);
  // extends reads within the repository (or the root, outside one) and installed packages only.
  const boundary = realpathSync(gitTopLevel(root) ?? root);
  const policy = loadPolicy(first, (spec, from) => {
    const fromAbs = absPaths.get(from) ?? resolve(root, from);
    let target: string | null = null;
    const byPath = spec.startsWith(".") || isAbsolute(spec);
    if (byPath) {
      target = resolve(dirname(fromAbs), spec);
    } else {
      try {
        target = createRequire(fromAbs).resolve(spec);
      } catch {
        try {
          target = createRequire(fromAbs).resolve(`${spec}/portguard.yml`);
        } catch {
          target = null;
        }
      }
    }
    if (!target || !existsSync(target)) return null;
    const real = realpathSync(target);
    if (!inside(boundary, real) && (byPath || !inPackage(real))) {
      return {
        refused: `${printable(spec)} is outside the project (extends reads files of the repository or of an installed package)`,
      };
    }
    const read = readPolicyText(real);
    if ("refused" in read) return { refused: `${printable(spec)}: ${read.refused}` };
    const file = { path: displayPath(target, root), text: read.text };
    absPaths.set(file.path, target);
    return file;
  });
  return { root, configPath, policy };
}

/** A mistake in how portguard was called: exit code 2 with a one-line message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A value of `--format` (or another closed list) that is not one of `choices`: exit 2, naming the nearest. */
export function oneOf(option: string, value: string, choices: readonly string[]): string {
  if (choices.includes(value)) return value;
  throw new UsageError(
    `${option} ${value}: must be one of ${choices.join(", ")}${didYouMean(value, choices).replace(/^ \((.*)\)$/, "; $1")}`,
  );
}
