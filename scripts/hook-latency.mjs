#!/usr/bin/env node
// The pre-commit hook's latency per package manager, side by side in one run: each setup of
// scripts/managers.mjs (npm, pnpm, yarn 1, yarn 4 node-modules and Plug'n'Play, an npm monorepo) is
// set up from a tarball of this package, then a compliant compose change is committed N times with
// the hook and N times with --no-verify, round-robin over the setups; the medians and their
// difference (the hook) are printed.
//
//   node scripts/hook-latency.mjs [--runs N]      (default 7; needs `npm run build` first)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  composeFile,
  installManagers,
  managerBin,
  packTarball,
  removeRepository,
  SETUPS,
  setUpRepository,
} from "./managers.mjs";

const runsIndex = process.argv.indexOf("--runs");
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 7;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function timedCommit(repo, path, i, verify) {
  const text = `${composeFile("${DB_PORT:-7000}")}# change ${i}${verify ? "" : " (no-verify)"}\n`;
  mkdirSync(dirname(join(repo.top, path)), { recursive: true });
  writeFileSync(join(repo.top, path), text);
  spawnSync("git", ["add", "-A"], { cwd: repo.top, env: repo.env });
  const start = process.hrtime.bigint();
  const r = spawnSync("git", ["commit", "-q", "-m", `change ${i}`, ...(verify ? [] : ["--no-verify"])], {
    cwd: repo.top,
    env: repo.env,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`commit failed in ${repo.top}:\n${r.stdout}${r.stderr}`);
  return ms;
}

const pathOf = (setup) => (setup.monorepo ? "deploy/compose.yaml" : "compose.yaml");

function nodeStartup() {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", "0"]);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

installManagers();
const tarballDir = mkdtempSync(join(tmpdir(), "portguard-latency-"));
const tarball = packTarball(tarballDir);
const rows = [];
const repos = [];
const node = [];
try {
  for (const setup of SETUPS) {
    if (managerBin(setup.manager)) repos.push({ setup, repo: setUpRepository(setup, tarball), hook: [], bare: [] });
    else rows.push([setup.id, "skipped: not installed", "", ""]);
  }
  // Round-robin: each round commits once through every setup, so a change in the machine's load
  // touches all setups alike.
  for (const r of repos) timedCommit(r.repo, pathOf(r.setup), 0, true); // warm-up
  for (let i = 1; i <= RUNS; i++) {
    node.push(nodeStartup());
    for (const r of repos) {
      r.hook.push(timedCommit(r.repo, pathOf(r.setup), i, true));
      r.bare.push(timedCommit(r.repo, pathOf(r.setup), i, false));
    }
  }
  for (const r of repos) {
    const h = median(r.hook);
    const b = median(r.bare);
    rows.push([r.setup.id, `${h.toFixed(0)} ms`, `${b.toFixed(0)} ms`, `${(h - b).toFixed(0)} ms`]);
  }
} finally {
  for (const r of repos) removeRepository(r.repo);
  rmSync(tarballDir, { recursive: true, force: true });
}
const header = ["setup", "git commit (hook)", "git commit --no-verify", "the hook"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
process.stdout.write(
  `Hook latency, median of ${RUNS} commits of one compliant compose change (Node ${process.version}; node -e 0: ${median(node).toFixed(0)} ms)\n\n${line(header)}\n| ${widths.map((w) => "-".repeat(w)).join(" | ")} |\n${rows.map(line).join("\n")}\n`,
);
