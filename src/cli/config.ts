/** Finding the policy file and the project root on disk. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
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

/** The first config file from `start` upward, stopping at the git top level. */
export function findConfig(start: string): string | null {
  const top = gitTopLevel(start);
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
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

function policyFile(path: string, root: string): PolicyFile {
  const rel = relative(root, path);
  const display = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : path;
  return { path: display, text: readFileSync(path, "utf8") };
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
  const policy = loadPolicy(first, (spec, from) => {
    const fromAbs = absPaths.get(from) ?? resolve(root, from);
    let target: string | null = null;
    if (spec.startsWith(".") || isAbsolute(spec)) {
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
    const file = policyFile(target, root);
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
