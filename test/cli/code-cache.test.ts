/**
 * The program's code cache (src/cli/program-loader.ts), with the built bundle run as a process:
 * written once per command, read by the next run, rewritten when V8 rejects it, never in the way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFolder } from "../../src/cli/program-loader.js";
import { project, runCli } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

const EXAMPLE = join(projectRoot, "examples/trading-system/before");

/** Runs `check --format json` on the example with the cache in `cache` (or turned off). */
function check(cache: string | null, args: string[] = ["--format", "json"]) {
  const env: Record<string, string> = cache === null ? { NODE_DISABLE_COMPILE_CACHE: "1" } : { XDG_CACHE_HOME: cache };
  return runCli(args, { cwd: EXAMPLE, env });
}

const entries = (folder: string) => readdirSync(folder).sort();

describe("the code cache", () => {
  const reference = check(null);

  it("is written by the first run of a command and read, unchanged, by the next", () => {
    const cache = project({});
    const first = check(cache);
    expect(first).toEqual(reference);
    const folder = join(cache, "portguard");
    const [entry, ...more] = entries(folder);
    expect(more).toEqual([]);
    expect(entry).toMatch(/^check-.*\.bin$/);
    const written = statSync(join(folder, entry as string));
    expect(check(cache)).toEqual(reference);
    // V8 took it: a rejected entry would have been written again (a new file by rename).
    const after = statSync(join(folder, entry as string));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    expect(written.mode & 0o077).toBe(0);
    expect(statSync(folder).mode & 0o077).toBe(0);
  });

  it("keeps one entry per command and build, and the newest four builds of a command", () => {
    const cache = project({});
    const folder = join(cache, "portguard");
    const old = (name: string, age: number) => {
      writeFileSync(join(folder, name), "old");
      const time = new Date(Date.now() - age * 60_000);
      utimesSync(join(folder, name), time, time);
    };
    mkdirSync(folder);
    for (const [i, age] of [5, 1, 3, 4].entries()) old(`check-0.0.${i}-old.bin`, age);
    old("ports-0.0.1-old.bin", 9);
    expect(check(cache)).toEqual(reference);
    const names = entries(folder);
    // This build's entry and the three newest others; another command's entries are its own.
    expect(names.filter((n) => n.startsWith("check-") && !n.includes("-old"))).toHaveLength(1);
    expect(names.filter((n) => n.includes("-old"))).toEqual([
      "check-0.0.1-old.bin",
      "check-0.0.2-old.bin",
      "check-0.0.3-old.bin",
      "ports-0.0.1-old.bin",
    ]);
    expect(runCli(["rules"], { cwd: EXAMPLE, env: { XDG_CACHE_HOME: cache } }).status).toBe(0);
    expect(entries(folder).filter((n) => n.startsWith("rules-"))).toHaveLength(1);
  });

  it("is not written by a run that only prints help or stops at a usage error", () => {
    const cache = project({});
    const env = { XDG_CACHE_HOME: cache };
    expect(runCli(["--help"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["check", "--help"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["help", "fix"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["check", "--no-such-flag"], { cwd: EXAMPLE, env }).status).toBe(2);
    expect(existsSync(join(cache, "portguard"))).toBe(false);
    expect(check(cache)).toEqual(reference);
    expect(entries(join(cache, "portguard"))).toHaveLength(1);
  });

  it("replaces an entry V8 rejects (a damaged file) and gives the same report", () => {
    const cache = project({});
    check(cache);
    const folder = join(cache, "portguard");
    const entry = join(folder, entries(folder)[0] as string);
    const garbage = Buffer.alloc(statSync(entry).size, 0x5a);
    writeFileSync(entry, garbage);
    expect(check(cache)).toEqual(reference);
    expect(readFileSync(entry).equals(garbage)).toBe(false);
    expect(check(cache)).toEqual(reference);
  });

  it("is never in the way: a cache folder that cannot be made costs only the compile time", () => {
    const cache = project({ portguard: "a file where the folder would be" });
    expect(check(cache)).toEqual(reference);
    expect(readFileSync(join(cache, "portguard"), "utf8")).toBe("a file where the folder would be");
    const stylish = check(cache, []);
    expect(stylish.status).toBe(reference.status);
    expect(stylish.stderr).toBe("");
  });

  it("is turned off by NODE_DISABLE_COMPILE_CACHE and follows XDG_CACHE_HOME, else ~/.cache", () => {
    expect(cacheFolder({ NODE_DISABLE_COMPILE_CACHE: "1", XDG_CACHE_HOME: "/c" })).toBeUndefined();
    expect(cacheFolder({ XDG_CACHE_HOME: "/c" }, "linux")).toBe(join("/c", "portguard"));
    // A relative XDG_CACHE_HOME is invalid by the XDG spec: ignored.
    expect(cacheFolder({ XDG_CACHE_HOME: "c", LOCALAPPDATA: "/l" }, "win32")).toBe(join("/l", "portguard"));
    expect(cacheFolder({}, "linux")).toMatch(/[\\/]\.cache[\\/]portguard$/);
    const cache = project({});
    const env = { XDG_CACHE_HOME: cache, NODE_DISABLE_COMPILE_CACHE: "1" };
    expect(runCli(["--format", "json"], { cwd: EXAMPLE, env })).toEqual(reference);
    expect(entries(cache)).toEqual([]);
  });
});
