/**
 * Which package manager a repository uses, and what that means for a Husky hook: npm, pnpm, Yarn 1
 * and Bun run `prepare` on install and put `node_modules/.bin` in place; Yarn 2+ runs no `prepare`
 * (Husky documents `postinstall` there) and, with Plug'n'Play, has no `node_modules/.bin` at all, so
 * its binaries run through `yarn`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

export interface PackageManager {
  name: "npm" | "pnpm" | "yarn" | "bun";
  /** Yarn 2 or later (berry). */
  berry: boolean;
  /** Yarn's Plug'n'Play linker: no node_modules/.bin. */
  pnp: boolean;
  /** How it was told: a `packageManager` field, a lockfile, the invoking client, or the default. */
  source: string;
}

/** The folders from `start` up to `top`, nearest first. */
export function foldersUp(start: string, top: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    out.push(dir);
    if (dir === resolve(top)) return out;
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Yarn 2+'s linker from the nearest `.yarnrc.yml` (Plug'n'Play when none says otherwise). */
function yarnLinker(folders: string[]): "pnp" | "node-modules" | "pnpm" {
  for (const dir of folders) {
    const text = readText(join(dir, ".yarnrc.yml"));
    if (text === null) continue;
    try {
      const linker = (parse(text) as { nodeLinker?: unknown } | null)?.nodeLinker;
      if (linker === "node-modules" || linker === "pnpm" || linker === "pnp") return linker;
    } catch {
      // An unreadable .yarnrc.yml: Yarn itself will say so on install.
    }
    return "pnp";
  }
  return "pnp";
}

function yarn(berry: boolean, folders: string[], source: string): PackageManager {
  return { name: "yarn", berry, pnp: berry && yarnLinker(folders) === "pnp", source };
}

/**
 * Detects the package manager of the package in `pkgDir` (looking up to the git top level `top` for
 * workspace roots): the `packageManager` field, then lockfiles, then the client that runs portguard
 * (`npm_config_user_agent`: `pnpm dlx`, `yarn dlx`), else npm.
 */
export function detectPackageManager(
  pkgDir: string,
  top: string,
  pkg: Record<string, unknown>,
  userAgent: string | undefined,
): PackageManager {
  const folders = foldersUp(pkgDir, top);
  const field = typeof pkg.packageManager === "string" ? /^(npm|pnpm|yarn|bun)@(\d+)/.exec(pkg.packageManager) : null;
  if (field) {
    const name = field[1] as PackageManager["name"];
    const source = `packageManager: ${pkg.packageManager as string}`;
    if (name === "yarn") return yarn(Number(field[2]) >= 2, folders, source);
    return { name, berry: false, pnp: false, source };
  }
  for (const dir of folders) {
    if (existsSync(join(dir, "pnpm-lock.yaml")))
      return { name: "pnpm", berry: false, pnp: false, source: "pnpm-lock.yaml" };
    const yarnLock = readText(join(dir, "yarn.lock"));
    if (yarnLock !== null) {
      const berry = /^__metadata:/m.test(yarnLock) || existsSync(join(dir, ".yarnrc.yml"));
      return yarn(berry, folders, "yarn.lock");
    }
    if (existsSync(join(dir, "bun.lockb")) || existsSync(join(dir, "bun.lock")))
      return { name: "bun", berry: false, pnp: false, source: "bun.lock" };
    if (existsSync(join(dir, "package-lock.json")))
      return { name: "npm", berry: false, pnp: false, source: "package-lock.json" };
    if (existsSync(join(dir, ".yarnrc.yml"))) return yarn(true, folders, ".yarnrc.yml");
  }
  const agent = /^(npm|pnpm|yarn|bun)\/(\d+)/.exec(userAgent ?? "");
  if (agent) {
    const name = agent[1] as PackageManager["name"];
    if (name === "yarn") return yarn(Number(agent[2]) >= 2, folders, `run by ${agent[0]}`);
    return { name, berry: false, pnp: false, source: `run by ${agent[0]}` };
  }
  return { name: "npm", berry: false, pnp: false, source: "no lockfile" };
}

/** The name to show: `yarn 2+ (Plug'n'Play)`, `pnpm`, ... */
export function describeManager(pm: PackageManager): string {
  if (pm.name !== "yarn") return pm.name;
  if (!pm.berry) return "yarn 1";
  return pm.pnp ? "yarn 2+ (Plug'n'Play)" : "yarn 2+ (node_modules)";
}
