/**
 * SPEC §7: hostile input never crashes or hangs the run; each problem is one PG001 with the path,
 * and the other files are still checked. Runs the built CLI on real files.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, jsonReport, project, runCli } from "../support/cli.js";

const GOOD = 'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

function check(dir: string, extra: string[] = []) {
  const run = runCli(["check", "--format", "json", ...extra], { cwd: dir });
  expect(run.stderr).toBe("");
  return { run, report: jsonReport(run) };
}

/** The other file of the project is still checked. */
function expectOthersChecked(report: ReturnType<typeof jsonReport>) {
  expect(report.diagnostics.some((d) => d.file === "good/compose.yaml" && d.rule === "PG102")).toBe(true);
}

describe("bad input", () => {
  it("malformed YAML: one PG001 at the first error, nothing else from that file", () => {
    const dir = project({
      "compose.yaml": 'services:\n  db:\n    ports:\n      - "5432:5432\n',
      "good/compose.yaml": GOOD,
    });
    const { run, report } = check(dir);
    expect(run.status).toBe(1);
    const own = report.diagnostics.filter((d) => d.file === "compose.yaml");
    expect(own.map((d) => d.rule)).toEqual(["PG001"]);
    expectOthersChecked(report);
  });

  it("an alias bomb is reported, not expanded", () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const bomb = `x-bomb:\n${levels.map((l) => `  ${l}`).join("\n")}\nservices:\n  web:\n    image: nginx\n    labels: *l\n    ports: *l\n`;
    const dir = project({ "compose.yaml": bomb, "good/compose.yaml": GOOD });
    const started = Date.now();
    const { report } = check(dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(report.diagnostics.filter((d) => d.file === "compose.yaml").map((d) => d.rule)).toEqual(["PG001"]);
    expectOthersChecked(report);
  });

  it("a 50 MB file is PG001 too large, not an out-of-memory", () => {
    const big = `services:\n  web:\n    image: nginx\n    environment:\n${"      - A=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".repeat(520_000)}`;
    const dir = project({ "docker-compose.yml": big, "good/compose.yaml": GOOD });
    const { report } = check(dir);
    const own = report.diagnostics.filter((d) => d.file === "docker-compose.yml");
    expect(own.map((d) => d.rule)).toEqual(["PG001"]);
    expect(own[0]?.message).toMatch(/too large/);
    expectOthersChecked(report);
  });

  it("a binary file named compose.yml", () => {
    const dir = project({
      "compose.yml": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
      "good/compose.yaml": GOOD,
    });
    const { report } = check(dir);
    const own = report.diagnostics.filter((d) => d.file === "compose.yml");
    expect(own.map((d) => d.rule)).toEqual(["PG001"]);
    expect(own[0]?.message).toMatch(/binary/);
    expectOthersChecked(report);
  });

  it("a directory where a file was expected (compose file and .env)", () => {
    const dir = project({ "good/compose.yaml": GOOD });
    mkdirSync(join(dir, "docker-compose.yml"));
    mkdirSync(join(dir, ".env"));
    const { report } = check(dir);
    const problems = report.diagnostics.filter((d) => d.rule === "PG001").map((d) => d.file);
    expect(problems).toEqual([".env", "docker-compose.yml"]);
    expectOthersChecked(report);
  });

  it("a symlink pointing outside the repository", () => {
    const outside = project({ "compose.yaml": GOOD });
    const dir = project({ "good/compose.yaml": GOOD });
    symlinkSync(join(outside, "compose.yaml"), join(dir, "compose.yaml"));
    const { report } = check(dir);
    const own = report.diagnostics.filter((d) => d.file === "compose.yaml");
    expect(own.map((d) => d.rule)).toEqual(["PG001"]);
    expect(own[0]?.message).toMatch(/outside the project/);
    expectOthersChecked(report);
  });

  it("a required env_file is looked for, not read: only the missing ones are PG001", () => {
    const envFiles = [
      "present.env",
      "missing.env",
      "nowhere/x.env",
      "present.env/x.env",
      "folder.env",
      "link.env",
      "loop.env",
    ];
    const dir = project({
      // A second service names two of them again: each answer is looked up once and holds for both.
      "compose.yaml": `services:\n  app:\n    image: nginx\n    env_file:\n${envFiles.map((f) => `      - ${f}\n`).join("")}      - path: optional.env\n        required: false\n  worker:\n    image: nginx\n    env_file: [missing.env, present.env]\n`,
      "present.env": "A=1\n",
      "folder.env/keep": "",
    });
    symlinkSync("present.env", join(dir, "link.env"));
    symlinkSync("loop.env", join(dir, "loop.env"));
    const { report } = check(dir);
    expect(report.diagnostics.filter((d) => d.rule === "PG001").map((d) => `${d.line} ${d.message}`)).toEqual([
      "6 env file missing.env not found",
      "7 env file nowhere/x.env not found",
      "8 env file present.env/x.env not found",
      "16 env file missing.env not found",
    ]);
  });

  it("a symlink loop and a FIFO never hang the run", () => {
    const dir = project({ "good/compose.yaml": GOOD });
    symlinkSync("compose.yaml", join(dir, "compose.yaml"));
    const fifo = mkfifo(join(dir, "docker-compose.yml"));
    const { report } = check(dir);
    const problems = report.diagnostics.filter((d) => d.rule === "PG001").map((d) => d.file);
    expect(problems).toContain("compose.yaml");
    if (fifo) expect(problems).toContain("docker-compose.yml");
    expectOthersChecked(report);
  });

  // Root reads everything: the unreadable case runs as nobody through setpriv, where it exists.
  const asNobody = process.getuid?.() === 0 && available("setpriv");
  it.skipIf(!asNobody)("an unreadable file (checked as an unprivileged user)", () => {
    const dir = project({ "compose.yaml": GOOD, "good/compose.yaml": GOOD });
    chmodSync(join(dir, "compose.yaml"), 0o000);
    chmodSync(dir, 0o755);
    const r = spawnSync(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI, "check", "--format", "json"],
      { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } },
    );
    const report = JSON.parse(r.stdout);
    const own = report.diagnostics.filter((d: { file: string }) => d.file === "compose.yaml");
    expect(own.map((d: { rule: string }) => d.rule)).toEqual(["PG001"]);
    expect(own[0].message).toMatch(/cannot be read/);
  });

  it("an invalid config stops the run: exit 2, one line naming file, line and key", () => {
    const dir = project({
      ".portguard.yml":
        "ranges:\n  - { name: databases, ports: 7000-7099, for: [database] }\n  - { name: broken, ports: 7200-7100, for: [ui] }\n",
      "compose.yaml": GOOD,
    });
    const run = runCli(["check"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/\.portguard\.yml:3:\d+: ranges\[1\]\.ports: range 7200-7100 is reversed/);
  });

  it.each([
    ["unknown rule", "rules:\n  PG999: error\n", /\.portguard\.yml:2:3: rules\.PG999: unknown rule/],
    ["bad severity", "rules:\n  PG103: loud\n", /\.portguard\.yml:2:10: rules\.PG103: must be one of/],
    ["unknown key", "rangez: []\n", /\.portguard\.yml:1:1: rangez: unknown key/],
    ["not YAML", "ranges: [\n", /\.portguard\.yml:\d+:\d+: not valid YAML/],
    ["bad regex", 'variables:\n  pattern: "(["\n', /variables\.pattern: .* is not a valid regular expression/],
    ["missing extends", "extends: ./nope.yml\n", /\.portguard\.yml:1:10: extends: cannot find \.\/nope\.yml/],
  ])("invalid config: %s", (_name, config, message) => {
    const dir = project({ ".portguard.yml": config, "compose.yaml": GOOD });
    const run = runCli(["check"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a value of a non-port .env variable never appears in any output format", () => {
    const secret = "s3cr3t-Value-do-not-print";
    const files = {
      ".env": `DB_PASSWORD=${secret}\nAPI_KEY="${secret}-2"\nBROKEN_LINE_${secret}\nDB_PORT=5432\nBAD_PORT=${secret}\n`,
      "compose.yaml": `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \${DB_PASSWORD}\n    ports:\n      - "\${DB_PORT:-7000}:5432"\n      - "\${API_KEY}:80"\n      - "\${BAD_PORT:-7001}:5433"\n`,
    };
    const dir = project(files);
    for (const format of ["stylish", "json", "sarif", "github", "markdown"]) {
      const run = runCli(["check", "--format", format], { cwd: dir });
      expect(run.status, format).toBe(1);
      expect(run.stdout + run.stderr, format).not.toContain(secret);
    }
    const ports = runCli(["ports", "--format", "json"], { cwd: dir });
    expect(ports.stdout).not.toContain(secret);
    const broken = project({ ".env": `A="${secret}\nB=1\n`, "compose.yaml": GOOD });
    const run = runCli(["check", "--format", "json"], { cwd: broken });
    expect(run.stdout).not.toContain(secret);
    expect(jsonReport(run).diagnostics.some((d) => d.rule === "PG001" && d.file === ".env")).toBe(true);
  });
});

function available(cmd: string): boolean {
  const r = spawnSync(cmd, ["--version"], { stdio: "ignore" });
  return !r.error && r.status === 0;
}

function mkfifo(path: string): boolean {
  const r = spawnSync("mkfifo", [path], { stdio: "ignore" });
  return !r.error && r.status === 0;
}
