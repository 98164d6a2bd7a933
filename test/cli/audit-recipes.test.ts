/**
 * The scheduling recipes of examples/audit/: the README shows them as they are, systemd accepts the
 * units, the workflow is YAML, and every portguard command line in them is one the CLI accepts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI, project } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

const dir = join(projectRoot, "examples/audit");
const FILES = ["portguard-audit.service", "portguard-audit.timer", "crontab", "port-audit.yml"];
const read = (name: string) => readFileSync(join(dir, name), "utf8");

/** `portguard audit ...` as written in a recipe (up to a shell operator or the line end). */
function auditArgs(text: string): string[][] {
  return [...text.matchAll(/(?:\.bin\/portguard|npx portguard) audit([^\n>|&;]*)/g)].map((m) =>
    (m[1] as string)
      .trim()
      .split(/\s+/)
      .filter((a) => a !== "")
      .map((a) => a.replace(/^"|"$/g, "")),
  );
}

describe("audit scheduling recipes", () => {
  it("the README shows each file as it is", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    for (const name of FILES) expect(readme, name).toContain(read(name));
  });

  it("every portguard command line is accepted (exit 0 or 1, never a usage error)", () => {
    const work = project({ "compose.yaml": "services:\n  a:\n    image: postgres:16\n" });
    const lines = FILES.flatMap((name) => auditArgs(read(name)));
    expect(lines.length).toBe(3);
    for (const args of lines) {
      const log = join(work, "audit.jsonl");
      const replaced = args.map((a) => (a.endsWith(".jsonl") ? log : a));
      const r = spawnSync(process.execPath, [CLI, "audit", ...replaced], {
        cwd: work,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", DOCKER_HOST: "unix:///nonexistent.sock" },
      });
      expect([0, 1], `${args.join(" ")}: ${r.stderr}`).toContain(r.status);
      expect(readFileSync(log, "utf8")).toMatch(/^\{"timestamp":/);
    }
  });

  it("the workflow is a scheduled job on a self-hosted runner", () => {
    const workflow = parse(read("port-audit.yml")) as {
      on: { schedule: { cron: string }[] };
      jobs: { audit: { "runs-on": string[] } };
    };
    expect(workflow.on.schedule[0]?.cron).toBe("*/30 * * * *");
    expect(workflow.jobs.audit["runs-on"]).toContain("self-hosted");
  });

  it("the cron line has five time fields", () => {
    const line = read("crontab")
      .split("\n")
      .find((l) => l !== "" && !l.startsWith("#")) as string;
    expect(line.split(" ").slice(0, 5)).toEqual(["*/15", "*", "*", "*", "*"]);
  });

  const verify = spawnSync("systemd-analyze", ["--version"]).status === 0;
  it.runIf(verify)("systemd-analyze verify accepts the service and the timer", () => {
    const root = project({});
    // The unit names a repository with portguard installed in it: make one.
    const repo = join(root, "srv/trading-system");
    mkdirSync(join(repo, "node_modules/.bin"), { recursive: true });
    symlinkSync(CLI, join(repo, "node_modules/.bin/portguard"));
    const units = join(root, "units");
    mkdirSync(units);
    for (const name of ["portguard-audit.service", "portguard-audit.timer"]) {
      writeFileSync(join(units, name), read(name).replaceAll("/srv/trading-system", repo));
    }
    const r = spawnSync(
      "systemd-analyze",
      ["verify", "--man=no", join(units, "portguard-audit.service"), join(units, "portguard-audit.timer")],
      { encoding: "utf8" },
    );
    const problems = `${r.stdout}${r.stderr}`
      .split("\n")
      // Outside a booted systemd (a container), verify also complains about the machine itself.
      .filter((l) => l.includes("portguard-audit"));
    expect(problems).toEqual([]);
  });
});
