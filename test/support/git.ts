import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CLI, project } from "./cli.js";
import { projectRoot } from "./shared.js";

/** Runs git in `dir`; throws on failure. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env: gitEnv() });
}

/** Runs git in `dir` with extra environment variables (GIT_INDEX_FILE...). */
export function gitWithEnv(dir: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...gitEnv(), ...env } });
}

/** The same git, returning status and output instead of throwing. */
export function gitTry(dir: string, ...args: string[]) {
  const r = spawnSync("git", args, { cwd: dir, encoding: "utf8", env: gitEnv() });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function gitEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NO_COLOR: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
  };
}

/** A fresh git repository in a temporary folder, with these files written (not committed). */
export function repo(files: Record<string, string>): string {
  const dir = project(files);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "commit.gpgsign", "false");
  return dir;
}

export function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/**
 * Makes this repository's husky, lint-staged and built portguard available to a test repository,
 * as `npm install` would after `portguard init` (no network).
 */
export function linkTooling(dir: string): void {
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const pkg of ["husky", "lint-staged"]) symlinkSync(join(projectRoot, "node_modules", pkg), join(modules, pkg));
  symlinkSync(join(projectRoot, "node_modules/husky/bin.js"), join(modules, ".bin/husky"));
  symlinkSync(join(projectRoot, "node_modules/lint-staged/bin/lint-staged.js"), join(modules, ".bin/lint-staged"));
  symlinkSync(CLI, join(modules, ".bin/portguard"));
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n.env\n");
}

/** Runs the built CLI in `dir` with git's environment. */
export function portguard(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", env: { ...gitEnv(), ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
