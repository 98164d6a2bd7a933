/**
 * Issue 10: no quiet misses. A folder whose name holds a newline is checked like any other; a
 * dangling link where a compose file is expected is a PG001; folders that cannot be listed (too
 * long a path, no permission) are named in the summary.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, project } from "../support/cli.js";
import { cli } from "../support/hostile.js";

const BAD = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

interface Json {
  diagnostics: { rule: string; file: string; message: string }[];
  skipped?: { path: string; reason: string }[];
}

describe("no quiet misses", () => {
  it("a folder whose name holds a newline is checked", async () => {
    const dir = project({ "ok/compose.yaml": BAD });
    mkdirSync(join(dir, "new\nline"));
    writeFileSync(join(dir, "new\nline/compose.yaml"), BAD);
    const run = await cli(["check", "--format", "json"], dir);
    const files = new Set((JSON.parse(run.stdout) as Json).diagnostics.map((d) => d.file));
    expect(files).toEqual(new Set(["ok/compose.yaml", "new\nline/compose.yaml"]));
    const stylish = await cli(["check"], dir);
    expect(stylish.stdout).toContain("new\\x0aline/compose.yaml\n");
  });

  it("a dangling link named like a compose file is a PG001", async () => {
    const dir = project({ "ok/compose.yaml": BAD });
    symlinkSync("gone.yaml", join(dir, "compose.yaml"));
    const run = await cli(["check", "--format", "json"], dir);
    const own = (JSON.parse(run.stdout) as Json).diagnostics.filter((d) => d.file === "compose.yaml");
    expect(own.map((d) => [d.rule, d.message])).toEqual([
      ["PG001", "file cannot be read (a symbolic link to a file that does not exist)"],
    ]);
  });

  it("a folder beyond the system's path limit is named in the summary", { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "portguard-deep-"));
    try {
      writeFileSync(join(dir, "compose.yaml"), BAD);
      const segment = "d".repeat(200);
      // Made with relative steps (no single path is longer than the limit); removed by rm, which copes.
      const script = `const fs = require("fs"); for (let i = 0; i < 25; i++) { fs.mkdirSync(${JSON.stringify(segment)}); process.chdir(${JSON.stringify(segment)}); } fs.writeFileSync("compose.yaml", ${JSON.stringify(BAD)});`;
      const made = spawnSync(process.execPath, ["-e", script], { cwd: dir });
      expect(made.status).toBe(0);
      const run = spawnSync(process.execPath, [CLI, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
      const report = JSON.parse(run.stdout) as Json;
      expect(report.skipped?.length).toBe(1);
      expect(report.skipped?.[0]?.reason).toBe("ENAMETOOLONG");
      const stylish = spawnSync(process.execPath, [CLI, "check"], { cwd: dir, encoding: "utf8" });
      expect(stylish.stdout).toMatch(/^! 1 folder could not be read \(not checked\): d{200}\/.* \(ENAMETOOLONG\)$/m);
    } finally {
      spawnSync("rm", ["-rf", dir]);
    }
  });

  // Root reads every folder: the unreadable one is tried as an unprivileged user through setpriv.
  const asNobody = process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).status === 0;
  it.skipIf(!asNobody)("an unreadable folder is named in the summary, the rest is checked", async () => {
    const dir = project({ "ok/compose.yaml": BAD, "pgdata/compose.yaml": BAD });
    chmodSync(join(dir, "pgdata"), 0o700);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "ok"), 0o755);
    const args = ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI, "check"];
    const json = spawnSync("setpriv", [...args, "--format", "json"], { cwd: dir, encoding: "utf8" });
    const report = JSON.parse(json.stdout) as Json;
    expect(report.skipped).toEqual([{ path: "pgdata", reason: "EACCES" }]);
    expect(report.diagnostics.some((d) => d.file === "ok/compose.yaml")).toBe(true);
    const stylish = spawnSync("setpriv", args, { cwd: dir, encoding: "utf8" });
    expect(stylish.stdout).toContain("! 1 folder could not be read (not checked): pgdata (EACCES)");
    const sarif = spawnSync("setpriv", [...args, "--format", "sarif"], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications[0].locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: "pgdata", uriBaseId: "%SRCROOT%" } } },
    ]);
  });
});
