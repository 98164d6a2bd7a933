/**
 * The program's code cache (src/cli/program-loader.ts), with the built bundle run as a process:
 * written once per command, read by the next run, replaced when damaged or rejected, used only when
 * it is the user's own, never in the way.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFolder } from "../../src/cli/program-loader.js";
import { project, runCli } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

const EXAMPLE = join(projectRoot, "examples/trading-system/before");
const isRoot = process.getuid?.() === 0;

/** Runs `check --format json` on the example with the cache in `cache` (or turned off). */
function check(cache: string | null, extra: Record<string, string> = {}) {
  const env: Record<string, string> = cache === null ? { NODE_DISABLE_COMPILE_CACHE: "1" } : { XDG_CACHE_HOME: cache };
  return runCli(["--format", "json"], { cwd: EXAMPLE, env: { ...env, ...extra } });
}

const entries = (folder: string) => readdirSync(folder).sort();

/** A cache folder with one entry written by a check. */
function warmCache() {
  const cache = project({});
  check(cache);
  const folder = join(cache, "portguard");
  const names = entries(folder);
  expect(names).toHaveLength(1);
  return { cache, folder, entry: join(folder, names[0] as string) };
}

describe("the code cache", () => {
  const reference = check(null);

  it("is written by the first run of a command and read, unchanged, by the next", () => {
    const { cache, folder, entry } = warmCache();
    expect(entry).toMatch(/[\\/]check-[0-9a-f]{32}\.bin$/);
    const written = statSync(entry);
    const bytes = readFileSync(entry);
    expect(check(cache)).toEqual(reference);
    // V8 took it: a rejected entry would have been written again (a new file by rename).
    expect(statSync(entry).ino).toBe(written.ino);
    expect(readFileSync(entry).equals(bytes)).toBe(true);
    expect(written.mode & 0o077).toBe(0);
    expect(statSync(folder).mode & 0o077).toBe(0);
    expect(entries(folder)).toHaveLength(1);
  });

  it("keeps the entries of the four most recently used builds of a command", () => {
    const cache = project({});
    const folder = join(cache, "portguard");
    const old = (name: string, age: number) => {
      writeFileSync(join(folder, name), "old");
      const time = new Date(Date.now() - age * 60_000);
      utimesSync(join(folder, name), time, time);
    };
    mkdirSync(folder, { mode: 0o700 });
    for (const [i, age] of [5, 1, 3, 4].entries()) old(`check-old${i}.bin`, age);
    old("ports-old.bin", 9);
    expect(check(cache)).toEqual(reference);
    const names = entries(folder);
    expect(names.filter((n) => n.startsWith("check-") && !n.includes("-old"))).toHaveLength(1);
    expect(names.filter((n) => n.includes("-old"))).toEqual([
      "check-old1.bin",
      "check-old2.bin",
      "check-old3.bin",
      "ports-old.bin",
    ]);
    // A run that uses its entry marks it used.
    const own = join(folder, names.find((n) => !n.includes("-old")) as string);
    const long = new Date(Date.now() - 3_600_000);
    utimesSync(own, long, long);
    const ino = statSync(own).ino;
    check(cache);
    expect(Date.now() - statSync(own).mtimeMs).toBeLessThan(600_000);
    expect(statSync(own).ino).toBe(ino); // marked, not written again
    expect(runCli(["rules"], { cwd: EXAMPLE, env: { XDG_CACHE_HOME: cache } }).status).toBe(0);
    expect(entries(folder).filter((n) => n.startsWith("rules-"))).toHaveLength(1);
  });

  it("has one entry per set of Node flags: runs with and without NODE_OPTIONS do not replace each other's", () => {
    const { cache, folder, entry } = warmCache();
    const flags = { NODE_OPTIONS: "--max-semi-space-size=8" };
    expect(check(cache, flags)).toEqual(reference);
    expect(entries(folder)).toHaveLength(2);
    const inodes = entries(folder).map((n) => statSync(join(folder, n)).ino);
    check(cache);
    check(cache, flags);
    expect(entries(folder).map((n) => statSync(join(folder, n)).ino)).toEqual(inodes);
    expect(existsSync(entry)).toBe(true);
  });

  it("is not written by a run that only prints help or its configuration, or stops at a usage error", () => {
    const cache = project({});
    const env = { XDG_CACHE_HOME: cache };
    expect(runCli(["--help"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["check", "--help"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["help", "fix"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["check", "--print-config"], { cwd: EXAMPLE, env }).status).toBe(0);
    expect(runCli(["check", "--no-such-flag"], { cwd: EXAMPLE, env }).status).toBe(2);
    expect(existsSync(join(cache, "portguard"))).toBe(false);
    expect(check(cache)).toEqual(reference);
    expect(entries(join(cache, "portguard"))).toHaveLength(1);
  });

  it("never gives V8 a damaged entry (V8 would crash on one): garbage or bytes changed inside", () => {
    const { cache, entry } = warmCache();
    const good = readFileSync(entry);
    // Bytes changed in the middle, the header intact: V8's own checks pass such an entry.
    const flipped = Buffer.from(good);
    for (let at = flipped.length >> 1; at < (flipped.length >> 1) + 8; at++)
      flipped[at] = (flipped[at] as number) ^ 0xff;
    for (const damaged of [flipped, Buffer.alloc(good.length, 0x5a), good.subarray(0, 100)]) {
      writeFileSync(entry, damaged);
      const run = check(cache);
      expect(run).toEqual(reference);
      expect(readFileSync(entry).equals(damaged)).toBe(false);
    }
    expect(check(cache)).toEqual(reference);
  });

  it.skipIf(!isRoot)("does not read an entry of another user (sudo with a user's HOME): it writes its own", () => {
    const { cache, entry } = warmCache();
    chownSync(entry, 65534, 65534);
    expect(check(cache)).toEqual(reference);
    expect(statSync(entry).uid).toBe(0);
  });

  it("neither reads nor writes a folder that others can write", () => {
    const { cache, folder, entry } = warmCache();
    chmodSync(folder, 0o777);
    const before = statSync(entry);
    expect(check(cache)).toEqual(reference);
    const after = statSync(entry);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(entries(folder)).toHaveLength(1);
  });

  it("removes what an interrupted write left once it is an hour old", () => {
    const cache = project({ "portguard/check-x.bin.1-a.tmp": "left", "portguard/check-y.bin.2-b.tmp": "writing" });
    const folder = join(cache, "portguard");
    chmodSync(folder, 0o700);
    const old = new Date(Date.now() - 7_200_000);
    utimesSync(join(folder, "check-x.bin.1-a.tmp"), old, old);
    expect(check(cache)).toEqual(reference);
    const names = entries(folder);
    expect(names).not.toContain("check-x.bin.1-a.tmp");
    expect(names).toContain("check-y.bin.2-b.tmp");
    expect(names.filter((n) => n.endsWith(".bin"))).toHaveLength(1);
  });

  it("is never in the way: a cache folder that cannot be made costs only the compile time", () => {
    const cache = project({ portguard: "a file where the folder would be" });
    expect(check(cache)).toEqual(reference);
    expect(readFileSync(join(cache, "portguard"), "utf8")).toBe("a file where the folder would be");
    const stylish = runCli([], { cwd: EXAMPLE, env: { XDG_CACHE_HOME: cache } });
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
    expect(check(cache, { NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual(reference);
    expect(entries(cache)).toEqual([]);
  });
});
