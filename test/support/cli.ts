import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import { distDir } from "./shared.js";

export const CLI = join(distDir, "cli/index.js");

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary project folder with these files; removed after the test. */
export function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "portguard-test-"));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    timeout: options.timeout ?? 30_000,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...options.env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function jsonReport(run: Run) {
  return JSON.parse(run.stdout) as {
    version: number;
    diagnostics: { rule: string; file: string; line: number; column: number; message: string; severity: string }[];
    summary: { errors: number; warnings: number; infos: number; files: number };
  };
}
