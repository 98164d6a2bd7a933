/**
 * compose's project name: COMPOSE_PROJECT_NAME (the project's .env) before the top-level `name:`,
 * then the folder name, checked against the real docker compose when it is installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { project } from "../support/cli.js";

const COMPOSE = process.env.PORTGUARD_DOCKER_COMPOSE ?? join(homedir(), ".cache/portguard/docker-compose");

const SERVICE = "services:\n  a:\n    image: local/busybox\n";
const CASES: [string, Record<string, string>, string][] = [
  [
    ".env beats name:",
    { "compose.yaml": `name: fromfile\n${SERVICE}`, ".env": "COMPOSE_PROJECT_NAME=fromenv\n" },
    "fromenv",
  ],
  ["name: without .env", { "compose.yaml": `name: fromfile\n${SERVICE}` }, "fromfile"],
  [".env without name:", { "compose.yaml": SERVICE, ".env": "COMPOSE_PROJECT_NAME=fromenv\n" }, "fromenv"],
  [
    "an empty value does not count",
    { "compose.yaml": `name: fromfile\n${SERVICE}`, ".env": "COMPOSE_PROJECT_NAME=\n" },
    "fromfile",
  ],
  ["the folder, normalised", { "compose.yaml": SERVICE }, "myfolder"],
];

function nameOf(files: Record<string, string>): string | undefined {
  const tree = memoryTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [`My.Folder/${k}`, v])));
  return lintRun(tree, loadPolicy(null), {}).context.assembly.projects[0]?.name;
}

describe("the compose project name", () => {
  it.each(CASES)("%s", (_name, files, expected) => {
    expect(nameOf(files)).toBe(expected);
  });

  it.runIf(existsSync(COMPOSE))("agrees with the real docker compose", () => {
    for (const [label, files, expected] of CASES) {
      const dir = join(project({}), "My.Folder");
      mkdirSync(dir);
      for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
      const r = spawnSync(COMPOSE, ["config", "--format", "json"], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
      });
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { name: string }).name, label).toBe(expected);
    }
  });
});
