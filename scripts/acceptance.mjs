#!/usr/bin/env node
// Runs the public acceptance cases (../shared/acceptance) against the built CLI, when they exist.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const runner = resolve(root, "../shared/acceptance/run.mjs");
if (!existsSync(runner)) {
  console.log("acceptance: ../shared/acceptance not found next to this checkout; skipped");
  process.exit(0);
}
const r = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
