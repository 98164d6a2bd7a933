#!/usr/bin/env node
// Performance against the budgets of SPEC §8, measured side by side in one run:
//   1. portguard vs dclint@3.1.0 on a 100-file corpus (target: at least 20x faster)
//   2. portguard vs a bare read + yaml.parseDocument of 1,000 files (target: at most 2x), peak RSS (< 500 MB)
//   3. growth from 100 to 1,000 files (conflict detection is a sort, so time per file stays flat)
//   4. portguard check on a 20-file project vs `node -e 0` (target: at most 3x)
//   5. the pre-commit hook's added latency on that project as a git repository (husky + lint-staged)
//   6. preflight: 500 bindings, 50 of them taken, with a few hundred processes running (Linux)
//   7. preflight and audit with 20 running containers on a real Docker engine (Linux, root:
//      scripts/docker-engine.sh, started for the bench and stopped after when it was not running)
// Corpora come from ../shared/bench/gen.mjs (deterministic). dclint is installed into $TMPDIR/portguard-bench on first use.
//
//   npm run bench [-- --runs N] [-- --no-dclint] [-- --engine-only]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Outside the repository: inside it, the git top level would make the whole checkout one project.
const work = join(tmpdir(), "portguard-bench");
const generator = resolve(root, "../shared/bench/gen.mjs");
const cli = join(root, "dist/cli/index.js");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const withDclint = !args.includes("--no-dclint");
const engineOnly = args.includes("--engine-only");

if (!existsSync(generator) && !engineOnly) {
  console.error(`bench: ${generator} not found (the shared steering folder must sit next to the checkout)`);
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error("bench: dist/cli/index.js missing; run npm run build first");
  process.exit(2);
}
mkdirSync(work, { recursive: true });

function corpus(name, files, services) {
  const dir = join(work, name);
  if (!existsSync(dir)) {
    execFileSync(
      process.execPath,
      [generator, "--out", dir, "--files", String(files), "--services", String(services), "--seed", "42", "--env"],
      {
        stdio: "ignore",
      },
    );
  }
  return dir;
}

/** Wall time of one command in ms (and the peak RSS the child reports, when it does). */
function time(cmd, argv, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  const rss = /maxRSS=(\d+)/.exec(r.stderr ?? "");
  return { ms, status: r.status, rssMB: rss ? Number(rss[1]) / 1024 : null, stdout: r.stdout };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, cmd, argv, cwd, n = runs) {
  const samples = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const t = time(cmd, argv, cwd);
    samples.push(t.ms);
    if (t.rssMB) rss = Math.max(rss, t.rssMB);
  }
  const ms = median(samples);
  console.log(`  ${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms${rss ? `   peak RSS ${rss.toFixed(0)} MB` : ""}`);
  return { ms, rss };
}

// Child wrappers: the floor (read + parseDocument) and the CLI with its peak RSS reported.
const floorScript = join(work, "floor.mjs");
writeFileSync(
  floorScript,
  `import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from ${JSON.stringify(join(root, "node_modules/yaml/dist/index.js"))};
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir)) if (f.endsWith(".yml")) n += parseDocument(readFileSync(join(dir, f), "utf8")).errors.length;
process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + " " + n + "\\n");
`,
);
const rssScript = join(work, "with-rss.mjs");
writeFileSync(
  rssScript,
  `process.on("exit", () => process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + "\\n"));
process.argv.splice(1, 1);
await import(${JSON.stringify(cli)});
`,
);

/**
 * 7. preflight and audit with 20 running containers: a compose project of 20 services (databases,
 * admin UIs, apps) up on the real engine, all of them this stack's own (preflight) and in their
 * ranges (audit). The median wall time of the CLI, and the parts it reports.
 */
async function engineBench() {
  if (process.platform !== "linux" || process.getuid?.() !== 0) {
    console.log("7. preflight and audit with 20 running containers: skipped (needs Linux and root for the engine)");
    return;
  }
  const script = join(root, "scripts/docker-engine.sh");
  const envOut = execFileSync(script, ["env"], { encoding: "utf8" });
  const host = /^DOCKER_HOST=(.*)$/m.exec(envOut)[1];
  const dockerEnv = { ...process.env, DOCKER_HOST: host };
  const running = spawnSync("docker", ["version"], { env: dockerEnv, stdio: "ignore" }).status === 0;
  if (!running && spawnSync(script, ["start"], { stdio: ["ignore", "ignore", "inherit"] }).status !== 0) {
    console.log("7. preflight and audit with 20 running containers: skipped (the engine did not start)");
    return;
  }
  const composeBin = execFileSync(join(root, "scripts/docker-compose.sh"), [], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  const dir = join(work, "engine-20");
  // A block of 300 ports for the policy's ranges, away from the usual ones.
  const base = 47000;
  const images = { db: "postgres:bench", ui: "adminer:bench", api: "example/api:bench" };
  for (const tag of Object.values(images)) execFileSync("docker", ["tag", "local/busybox", tag], { env: dockerEnv });
  const services = [];
  for (let i = 0; i < 20; i++) {
    const kind = i < 10 ? "db" : i < 15 ? "ui" : "api";
    const port = kind === "db" ? base + i : kind === "ui" ? base + 100 + i : 20000 + i;
    const name = `${kind}${i}`;
    services.push(
      `  ${name}:\n    image: ${images[kind]}\n    command: ["sleep", "3600"]\n    init: true\n    ports:\n      - "\${${name.toUpperCase()}_PORT:-${port}}:80"\n`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "compose.yaml"), `name: bench20\nservices:\n${services.join("")}`);
  writeFileSync(
    join(dir, ".portguard.yml"),
    `ranges:\n  - { name: databases, ports: ${base}-${base + 99}, for: [database] }\n  - { name: database-uis, ports: ${base + 100}-${base + 199}, for: [ui] }\n  - { name: reserved, ports: ${base + 200}-${base + 299}, for: [] }\n`,
  );
  const composeEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host };
  try {
    execFileSync(composeBin, ["up", "-d", "--quiet-pull"], { cwd: dir, env: composeEnv, stdio: "ignore" });
    const containers = execFileSync("docker", ["ps", "-q"], { env: dockerEnv, encoding: "utf8" })
      .trim()
      .split("\n").length;
    console.log(
      `7. preflight and audit with ${containers} running containers (real engine, docker-proxy for each port)`,
    );
    measure("node -e 0 (start-up, for scale)", process.execPath, ["-e", "0"], dir);
    for (const command of ["preflight", "audit"]) {
      const samples = [];
      const parts = { project: [], docker: [], socketTables: [], socketOwners: [], total: [] };
      let status = null;
      for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [cli, command, "--format", "json"], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, DOCKER_HOST: host },
        });
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        status = r.status;
        const { timings } = JSON.parse(r.stdout);
        for (const k of Object.keys(parts)) parts[k].push(timings[k]);
      }
      const detail = Object.entries(parts)
        .map(([k, v]) => `${k} ${median(v).toFixed(1)}`)
        .join(", ");
      console.log(
        `  ${`portguard ${command} (exit ${status})`.padEnd(52)} ${median(samples).toFixed(0).padStart(7)} ms   (${detail} ms)`,
      );
    }
  } finally {
    spawnSync(composeBin, ["down", "-t", "0"], { cwd: dir, env: composeEnv, stdio: "ignore" });
    if (!running) spawnSync(script, ["stop"], { stdio: "ignore" });
  }
}

if (engineOnly) {
  await engineBench();
  process.exit(0);
}

console.log(`portguard bench (node ${process.version}, ${runs} runs each, medians)\n`);
const c100 = corpus("corpus-100", 100, 20);
const c1000 = corpus("corpus-1000", 1000, 20);
const small = join(work, "project-20");
if (!existsSync(small)) {
  corpus("project-20-src", 20, 5);
  mkdirSync(small, { recursive: true });
  for (const f of readdirSync(join(work, "project-20-src"))) {
    if (!f.endsWith(".yml")) continue;
    const sub = join(small, f.replace(/\.yml$/, ""));
    mkdirSync(sub, { recursive: true });
    execFileSync("cp", [join(work, "project-20-src", f), join(sub, "compose.yaml")]);
  }
}
const count = (dir) => readdirSync(dir).filter((f) => f.endsWith(".yml")).length;

console.log(`1. ${count(c100)} files, 2,000 services: portguard vs dclint@3.1.0`);
const pg100 = measure("portguard check", process.execPath, [rssScript, cli, "check", "--format", "json"], c100);
if (withDclint) {
  const dclintDir = join(work, "dclint");
  const dclint = join(dclintDir, "node_modules/.bin/dclint");
  if (!existsSync(dclint)) {
    console.log(`  (installing dclint@3.1.0 into ${dclintDir})`);
    mkdirSync(dclintDir, { recursive: true });
    execFileSync("npm", ["install", "--prefix", dclintDir, "--no-audit", "--no-fund", "--silent", "dclint@3.1.0"], {
      stdio: "ignore",
    });
  }
  // dclint's bin checks that it is the main module, so it runs directly (no RSS wrapper).
  const dc = measure("dclint (same files)", dclint, ["."], c100, Math.min(runs, 3));
  console.log(`  => portguard is ${(dc.ms / pg100.ms).toFixed(1)}x faster than dclint (target: >= 20x)\n`);
} else {
  console.log("  (dclint skipped)\n");
}

const floor100 = measure("read + parseDocument of the same files (floor)", process.execPath, [floorScript, c100], c100);
console.log(`  => ${(pg100.ms / floor100.ms).toFixed(2)}x the floor at 100 files\n`);

console.log(`2. ${count(c1000)} files, 20,000 services: portguard vs the read + yaml.parseDocument floor`);
const floor = measure("read + parseDocument (floor)", process.execPath, [floorScript, c1000], c1000);
const pg1000 = measure("portguard check", process.execPath, [rssScript, cli, "check", "--format", "json"], c1000);
console.log(
  `  => ${(pg1000.ms / floor.ms).toFixed(2)}x the floor (target: <= 2x); peak RSS ${pg1000.rss.toFixed(0)} MB (target: < 500 MB)\n`,
);

console.log("3. growth from 100 to 1,000 files");
console.log(
  `  per file: ${(pg100.ms / 100).toFixed(2)} ms at 100 files, ${(pg1000.ms / 1000).toFixed(2)} ms at 1,000 files`,
);
console.log(
  `  => 10x the files took ${(pg1000.ms / pg100.ms).toFixed(1)}x the time (linear: 10x; start-up weighs more at 100)\n`,
);

console.log("4. pre-commit path: a 20-file project vs node -e 0");
const bare = measure("node -e 0", process.execPath, ["-e", "0"], small);
const pg20 = measure("portguard check (20 compose files)", process.execPath, [cli, "check"], small);
console.log(`  => ${(pg20.ms / bare.ms).toFixed(2)}x node -e 0 (target: <= 3x)\n`);

console.log("5. the pre-commit hook on a 20-file repository (one staged compose file)");
const repoDir = join(work, "hook-repo");
if (!existsSync(repoDir)) {
  execFileSync("cp", ["-r", small, repoDir]);
  const gitIn = (...a) => execFileSync("git", a, { cwd: repoDir, stdio: "ignore" });
  gitIn("init", "-q", "-b", "main");
  gitIn("config", "user.email", "bench@example.com");
  gitIn("config", "user.name", "bench");
  writeFileSync(join(repoDir, "package.json"), '{ "name": "bench", "private": true }\n');
  execFileSync(process.execPath, [cli, "init"], { cwd: repoDir, stdio: "ignore" });
  const modules = join(repoDir, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const pkg of ["husky", "lint-staged"]) symlinkSync(join(root, "node_modules", pkg), join(modules, pkg));
  symlinkSync(join(root, "node_modules/husky/bin.js"), join(modules, ".bin/husky"));
  symlinkSync(join(root, "node_modules/lint-staged/bin/lint-staged.js"), join(modules, ".bin/lint-staged"));
  symlinkSync(cli, join(modules, ".bin/portguard"));
  writeFileSync(join(repoDir, ".gitignore"), "node_modules/\n");
  execFileSync(process.execPath, [join(modules, ".bin/husky")], { cwd: repoDir, stdio: "ignore" });
  gitIn("add", ".");
  gitIn("commit", "-q", "--no-verify", "-m", "corpus");
}
// Stage a whitespace change in one compose file; commit it with and without the hook, then undo.
const target = join(
  repoDir,
  readdirSync(repoDir).find((f) => f.startsWith("docker-compose")),
  "compose.yaml",
);
const commitOnce = (verify) => {
  execFileSync("sh", ["-c", `printf '\\n' >> "${target}" && git add -A`], { cwd: repoDir });
  const t = time("git", ["commit", "-q", ...(verify ? [] : ["--no-verify"]), "-m", "bench"], repoDir);
  execFileSync("git", ["reset", "-q", "--hard", "HEAD~1"], { cwd: repoDir });
  return t.ms;
};
const staged = measure(
  "portguard check --staged (1 staged file)",
  process.execPath,
  [cli, "check", "--staged", target],
  repoDir,
);
const plain = median(Array.from({ length: runs }, () => commitOnce(false)));
const hooked = median(Array.from({ length: runs }, () => commitOnce(true)));
console.log(`  ${"git commit --no-verify".padEnd(52)} ${plain.toFixed(0).padStart(7)} ms`);
console.log(`  ${"git commit through husky + lint-staged + portguard".padEnd(52)} ${hooked.toFixed(0).padStart(7)} ms`);
console.log(
  `  => the hook adds ${(hooked - plain).toFixed(0)} ms per commit; portguard itself ${staged.ms.toFixed(0)} ms (${(staged.ms / bare.ms).toFixed(2)}x node -e 0)`,
);

if (process.platform === "linux") {
  console.log("\n6. preflight: 500 bindings (50 taken by one process) with a few hundred processes running");
  const pfDir = join(work, "preflight-500");
  mkdirSync(pfDir, { recursive: true });
  const services = Array.from(
    { length: 500 },
    (_, i) =>
      `  s${String(i).padStart(3, "0")}:\n    image: myorg/app:1\n    ports:\n      - "\${S${String(i).padStart(3, "0")}_PORT:-${20000 + i}}:80"\n`,
  );
  writeFileSync(join(pfDir, "compose.yaml"), `name: pf\nservices:\n${services.join("")}`);
  const sleepers = Array.from({ length: 300 }, () => spawn("sleep", ["300"], { stdio: "ignore" }));
  const taken = Array.from({ length: 50 }, (_, i) => 20000 + i * 10);
  const holder = spawn(
    process.execPath,
    [
      "-e",
      `const net=require("net");let n=0;for(const p of ${JSON.stringify(taken)})net.createServer().listen(p,"127.0.0.1",()=>{if(++n===${taken.length})console.log("ready")});`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((done) => holder.stdout.once("data", done));
  const processes = readdirSync("/proc").filter((f) => /^\d+$/.test(f)).length;
  try {
    const env = { DOCKER_HOST: `unix://${join(work, "no-engine.sock")}` };
    const samples = [];
    const tables = [];
    const owners = [];
    let blocked = 0;
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, "preflight", "--format", "json"], {
        cwd: pfDir,
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      const report = JSON.parse(r.stdout);
      tables.push(report.timings.socketTables);
      owners.push(report.timings.socketOwners);
      blocked = report.summary.blocked;
    }
    console.log(
      `  ${`portguard preflight (${processes} processes, ${blocked} of 500 blocked)`.padEnd(52)} ${median(samples).toFixed(0).padStart(7)} ms`,
    );
    console.log(`  ${"  of which /proc/net tables".padEnd(52)} ${median(tables).toFixed(1).padStart(7)} ms`);
    console.log(
      `  ${"  of which the pid walk (stops once all 50 found)".padEnd(52)} ${median(owners).toFixed(1).padStart(7)} ms`,
    );
    // For scale: a walk of every fd of every process, and ss -p, which peers shell out to.
    const full = spawnSync(
      process.execPath,
      [
        "-e",
        `const fs=require("fs");const t=process.hrtime.bigint();let n=0;for(const p of fs.readdirSync("/proc"))if(/^\\d+$/.test(p))try{for(const f of fs.readdirSync("/proc/"+p+"/fd"))try{fs.readlinkSync("/proc/"+p+"/fd/"+f);n++}catch{}}catch{};console.log((Number(process.hrtime.bigint()-t)/1e6).toFixed(1))`,
      ],
      { encoding: "utf8" },
    );
    console.log(`  ${"  (a full walk of every process's fds)".padEnd(52)} ${full.stdout.trim().padStart(7)} ms`);
    if (spawnSync("ss", ["-V"]).status === 0) measure("  (ss -ltnupH, for comparison)", "ss", ["-ltnupH"], pfDir);
    console.log(`  => preflight of 500 bindings in ${median(samples).toFixed(0)} ms (target: well under 1 s)`);
  } finally {
    holder.kill();
    for (const s of sleepers) s.kill();
  }
}

console.log("");
await engineBench();
