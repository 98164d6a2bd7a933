#!/usr/bin/env node
// Performance against the targets of SPEC §8 and issue 13, measured side by side in one run, in CPU
// seconds of the child processes (user + system; medians), so that other work on a shared machine
// weighs less than in wall time:
//   1. portguard vs dclint@3.1.0 on a 100-file corpus (target: at least 25x faster; stretch 40x)
//   2. 1,000 files vs the floor "node start + read + js-yaml load of the same files" (target: at most
//      2x), with the read + yaml.parseDocument line for comparison
//   3. per-file time at 100, 1,000 and 3,000 files, net of node's start-up (target: flat)
//   4. peak RSS at 1,000 and 3,000 files (target: at most 200 MB at 1,000; growing linearly)
//   5. portguard --version vs node -e 0 (target: at most 1.3x), the two run in turn
//   6. check on a 20-file project, and check --staged on it as a git repository with one staged file,
//      vs node -e 0 run in turn with each (target for --staged: at most 2x); the husky + lint-staged
//      commit's added latency
//   7. preflight: 500 bindings, 50 of them taken, with a few hundred processes running (Linux)
//   8. preflight and audit with 20 running containers on a real Docker engine (Linux, root:
//      scripts/docker-engine.sh, started for the bench and stopped after when it was not running)
// Corpora come from ../shared/bench/gen.mjs (deterministic; a folder per generator version).
// dclint and js-yaml are installed into $TMPDIR/portguard-bench on first use, never into the project.
//
//   npm run bench [-- --runs N] [-- --no-dclint] [-- --cli PATH/TO/dist/cli/index.js] [-- --engine-only]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const generator = resolve(root, "../shared/bench/gen.mjs");
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(option("--runs")) || 5;
const withDclint = !args.includes("--no-dclint");
const engineOnly = args.includes("--engine-only");
const cli = resolve(option("--cli") ?? join(root, "dist/cli/index.js"));

if (!existsSync(generator) && !engineOnly) {
  console.error(`bench: ${generator} not found (the shared steering folder must sit next to the checkout)`);
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error(`bench: ${cli} missing; run npm run build first`);
  process.exit(2);
}
// Outside the repository: inside it, the git top level would make the whole checkout one project.
const tools = join(tmpdir(), "portguard-bench");
const generatorHash = existsSync(generator)
  ? createHash("sha256").update(readFileSync(generator)).digest("hex").slice(0, 10)
  : "none";
const work = join(tools, `gen-${generatorHash}`);
mkdirSync(work, { recursive: true });

function corpus(name, files, services) {
  const dir = join(work, name);
  if (!existsSync(dir)) {
    execFileSync(
      process.execPath,
      [generator, "--out", dir, "--files", String(files), "--services", String(services), "--seed", "42", "--env"],
      { stdio: "ignore" },
    );
  }
  return dir;
}

function npmTool(name, spec) {
  const dir = join(tools, name);
  if (!existsSync(join(dir, "node_modules", name))) {
    console.log(`  (installing ${spec} into ${dir})`);
    mkdirSync(dir, { recursive: true });
    execFileSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", spec], { stdio: "ignore" });
  }
  return join(dir, "node_modules", name);
}

// CPU time of waited-for children, from /proc/self/stat (cutime + cstime, in clock ticks); elsewhere wall time.
const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
const hasProc = existsSync("/proc/self/stat");
function childCpuMs() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticks;
}
const unit = hasProc ? "ms CPU" : "ms wall";

/** One command (repeated `reps` times, for the clock's resolution): CPU ms per run and the peak RSS it reports. */
function time(cmd, argv, cwd, reps = 1) {
  const cpu0 = hasProc ? childCpuMs() : 0;
  const started = process.hrtime.bigint();
  let rssMB = null;
  let r;
  for (let i = 0; i < reps; i++) {
    r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
    if (r.error) throw r.error;
    // A run that fails early would look fast: only a finished check (0: clean, 1: findings) counts.
    if (r.status !== 0 && r.status !== 1) {
      throw new Error(`bench: ${[cmd, ...argv].join(" ")} exited ${r.status} in ${cwd}:\n${r.stderr}`);
    }
    const rss = /maxRSS=(\d+)/.exec(r.stderr ?? "");
    if (rss) rssMB = Math.max(rssMB ?? 0, Number(rss[1]) / 1024);
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e6 / reps;
  const ms = hasProc ? (childCpuMs() - cpu0) / reps : wall;
  return { ms, wall, status: r.status, rssMB, stdout: r.stdout };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * `cmd`'s median CPU time over `n` runs. With `beside`, `node -e 0` runs before each of them, for a
 * ratio to node's start-up taken from the same minutes of a shared machine (measured apart, the two
 * moved by 30% between sections).
 */
function measure(label, cmd, argv, cwd, { n = runs, reps = 1, beside = false } = {}) {
  const samples = [];
  const bare = [];
  const walls = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    if (beside) bare.push(time(process.execPath, ["-e", "0"], cwd, reps).ms);
    const t = time(cmd, argv, cwd, reps);
    samples.push(t.ms);
    walls.push(t.wall);
    if (t.rssMB) rss = Math.max(rss, t.rssMB);
  }
  const ms = median(samples);
  const wall = median(walls);
  const bareMs = beside ? median(bare) : null;
  console.log(
    `  ${label.padEnd(56)} ${ms.toFixed(1).padStart(8)} ${unit}  (wall ${wall.toFixed(0)} ms${bareMs === null ? "" : `; node -e 0 beside it ${bareMs.toFixed(1)}`})${rss ? `  peak RSS ${rss.toFixed(0)} MB` : ""}`,
  );
  return { ms, wall, rss, ratio: bareMs === null ? null : ms / bareMs };
}

const verdicts = [];
function verdict(figure, value, target, met) {
  verdicts.push({ figure, value, target, met });
  console.log(`  => ${figure}: ${value} (target: ${target}) ${met ? "MET" : "NOT MET"}`);
}

// Child wrappers: the floors (read + js-yaml load; read + parseDocument) and the CLI reporting its peak RSS.
const jsYaml = npmTool("js-yaml", "js-yaml@4.1.0");
const floorScript = (name, importLine, call) => {
  const file = join(work, `${name}.mjs`);
  writeFileSync(
    file,
    `import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
${importLine}
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir)) if (f.endsWith(".yml")) n += ${call}(readFileSync(join(dir, f), "utf8")) ? 1 : 0;
process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + " " + n + "\\n");
`,
  );
  return file;
};
const jsYamlFloor = floorScript(
  "floor-js-yaml",
  `import jsYaml from ${JSON.stringify(join(jsYaml, "dist/js-yaml.mjs"))};`,
  "jsYaml.load",
);
const parseDocumentFloor = floorScript(
  "floor-parse-document",
  `import { parseDocument } from ${JSON.stringify(join(root, "node_modules/yaml/dist/index.js"))};`,
  "parseDocument",
);
const rssScript = join(work, "with-rss.mjs");
writeFileSync(
  rssScript,
  `process.on("exit", () => process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + "\\n"));
process.argv.splice(1, 1);
await import(${JSON.stringify(cli)});
`,
);
const checkJson = [rssScript, cli, "check", "--format", "json"];

/**
 * 8. preflight and audit with 20 running containers: a compose project of 20 services (databases,
 * admin UIs, apps) up on the real engine, all of them this stack's own (preflight) and in their
 * ranges (audit). The median wall time of the CLI, and the parts it reports.
 */
async function engineBench() {
  if (process.platform !== "linux" || process.getuid?.() !== 0) {
    console.log("8. preflight and audit with 20 running containers: skipped (needs Linux and root for the engine)");
    return;
  }
  const script = join(root, "scripts/docker-engine.sh");
  const envOut = execFileSync(script, ["env"], { encoding: "utf8" });
  const host = /^DOCKER_HOST=(.*)$/m.exec(envOut)[1];
  const dockerEnv = { ...process.env, DOCKER_HOST: host };
  const running = spawnSync("docker", ["version"], { env: dockerEnv, stdio: "ignore" }).status === 0;
  if (!running && spawnSync(script, ["start"], { stdio: ["ignore", "ignore", "inherit"] }).status !== 0) {
    console.log("8. preflight and audit with 20 running containers: skipped (the engine did not start)");
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
      `8. preflight and audit with ${containers} running containers (real engine, docker-proxy for each port)`,
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

console.log(`portguard bench (node ${process.version}, ${cli}, ${runs} runs each, medians)`);
const loadAverage = () =>
  existsSync("/proc/loadavg") ? readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "n/a";
const load = loadAverage();
console.log(`load average at start: ${load}\n`);
const c100 = corpus("corpus-100", 100, 20);
const c1000 = corpus("corpus-1000", 1000, 20);
const c3000 = corpus("corpus-3000", 3000, 20);
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

// Measured as a user runs it after the first time: with the code cache of `check` written
// (src/cli/program-loader.ts; in $XDG_CACHE_HOME/portguard or ~/.cache/portguard).
spawnSync(process.execPath, [cli, "check", "--format", "json"], { cwd: small, stdio: "ignore" });
console.log(
  `code cache: ${process.env.NODE_DISABLE_COMPILE_CACHE ? "off (NODE_DISABLE_COMPILE_CACHE is set)" : "written by one check before the measurements"}\n`,
);

console.log("1. 100 files, 2,000 services: portguard vs dclint@3.1.0");
const pg100 = measure("portguard check --format json", process.execPath, checkJson, c100);
if (withDclint) {
  const dclint = join(npmTool("dclint", "dclint@3.1.0"), "../.bin/dclint");
  // dclint's bin checks that it is the main module, so it runs directly (no RSS wrapper).
  const dc = measure("dclint . (same files)", dclint, ["."], c100);
  const x = dc.ms / pg100.ms;
  verdict("faster than dclint", `${x.toFixed(1)}x`, ">= 25x, stretch 40x", x >= 25);
} else {
  console.log("  (dclint skipped)");
}
console.log("");

console.log("2. 1,000 files, 20,000 services: portguard vs node start + read + js-yaml load");
const floor = measure("node + read + js-yaml load (floor)", process.execPath, [jsYamlFloor, c1000], c1000);
measure("node + read + yaml.parseDocument (for comparison)", process.execPath, [parseDocumentFloor, c1000], c1000);
const pg1000 = measure("portguard check --format json", process.execPath, checkJson, c1000);
const ratio = pg1000.ms / floor.ms;
verdict("1,000 files / floor", `${ratio.toFixed(2)}x`, "<= 2x", ratio <= 2);
console.log("");

console.log("3. per-file time, net of node -e 0");
const bare = measure("node -e 0", process.execPath, ["-e", "0"], small, { reps: 10 });
const pg3000 = measure("portguard check --format json, 3,000 files", process.execPath, checkJson, c3000, {
  n: Math.min(runs, 3),
});
const perFile = [
  [100, pg100],
  [1000, pg1000],
  [3000, pg3000],
].map(([files, m]) => (m.ms - bare.ms) / files);
console.log(`  per file: ${perFile.map((ms, i) => `${ms.toFixed(2)} ms at ${[100, 1000, 3000][i]}`).join(", ")}`);
const spread = Math.max(...perFile) / Math.min(...perFile);
verdict("per-file time, largest / smallest", `${spread.toFixed(2)}x`, "<= 1.25x (flat)", spread <= 1.25);
console.log("");

console.log("4. peak RSS");
verdict("peak RSS at 1,000 files", `${pg1000.rss.toFixed(0)} MB`, "<= 200 MB", pg1000.rss <= 200);
const growth = pg3000.rss / pg1000.rss;
verdict("peak RSS 3,000 / 1,000 files", `${growth.toFixed(2)}x`, "<= 3x (linear)", growth <= 3);
console.log("");

console.log("5. start-up");
const version = measure("portguard --version", process.execPath, [cli, "--version"], small, {
  reps: 10,
  beside: true,
});
const v = version.ratio;
verdict("--version / node -e 0", `${v.toFixed(2)}x`, "<= 1.3x", v <= 1.3);
console.log("");

console.log("6. the pre-commit path on a 20-file project");
const pg20 = measure("portguard check (20 compose files)", process.execPath, [cli, "check"], small, {
  reps: 5,
  beside: true,
});
console.log(`  => ${pg20.ratio.toFixed(2)}x node -e 0`);
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
  writeFileSync(join(repoDir, ".gitignore"), "node_modules/\n");
  execFileSync(process.execPath, [join(modules, ".bin/husky")], { cwd: repoDir, stdio: "ignore" });
  gitIn("add", ".");
  gitIn("commit", "-q", "--no-verify", "-m", "corpus");
}
// The hook runs the CLI under test (the link is renewed each run: --cli may name another build).
const linked = join(repoDir, "node_modules/.bin/portguard");
execFileSync("ln", ["-sf", cli, linked]);
// Stage a whitespace change in one compose file; commit it with and without the hook, then undo.
const target = join(
  repoDir,
  readdirSync(repoDir).find((f) => f.startsWith("docker-compose")),
  "compose.yaml",
);
execFileSync("sh", ["-c", `printf '\\n' >> "${target}" && git add -A`], { cwd: repoDir });
const staged = measure(
  "portguard check --staged (1 staged file)",
  process.execPath,
  [cli, "check", "--staged", target],
  repoDir,
  { reps: 5, beside: true },
);
execFileSync("git", ["reset", "-q", "--hard", "HEAD"], { cwd: repoDir });
const s = staged.ratio;
verdict("check --staged / node -e 0", `${s.toFixed(2)}x`, "<= 2x", s <= 2);
// The corpus has findings, so the hook blocks the commit: its latency is what is measured.
const base = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoDir, encoding: "utf8" }).trim();
const commitOnce = (verify) => {
  execFileSync("sh", ["-c", `printf '\\n' >> "${target}" && git add -A`], { cwd: repoDir });
  const t = time("git", ["commit", "-q", ...(verify ? [] : ["--no-verify"]), "-m", "bench"], repoDir);
  execFileSync("git", ["reset", "-q", "--hard", base], { cwd: repoDir });
  return t;
};
const commits = (verify) => Array.from({ length: runs }, () => commitOnce(verify));
const plain = commits(false);
const hooked = commits(true);
const med = (list, key) => median(list.map((t) => t[key]));
console.log(
  `  ${"git commit --no-verify".padEnd(56)} ${med(plain, "ms").toFixed(1).padStart(8)} ${unit}  (wall ${med(plain, "wall").toFixed(0)} ms)`,
);
console.log(
  `  ${"git commit through husky + lint-staged + portguard".padEnd(56)} ${med(hooked, "ms").toFixed(1).padStart(8)} ${unit}  (wall ${med(hooked, "wall").toFixed(0)} ms)`,
);
const added = med(hooked, "ms") - med(plain, "ms");
console.log(
  `  => the hook adds ${added.toFixed(0)} ${unit} (${(med(hooked, "wall") - med(plain, "wall")).toFixed(0)} ms wall) per commit, of which portguard ${staged.ms.toFixed(0)} ${unit} (reported, no target)`,
);
verdicts.push({
  figure: "husky + lint-staged commit adds",
  value: `${added.toFixed(0)} ms`,
  target: "reported",
  met: null,
});

if (process.platform === "linux") {
  console.log("\n7. preflight: 500 bindings (50 taken by one process) with a few hundred processes running");
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
    const walls = [];
    for (let i = 0; i < runs; i++) {
      const cpu0 = hasProc ? childCpuMs() : 0;
      const started = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, "preflight", "--format", "json"], {
        cwd: pfDir,
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      walls.push(wall);
      samples.push(hasProc ? childCpuMs() - cpu0 : wall);
      const report = JSON.parse(r.stdout);
      tables.push(report.timings.socketTables);
      owners.push(report.timings.socketOwners);
      blocked = report.summary.blocked;
    }
    console.log(
      `  ${`portguard preflight (${processes} processes, ${blocked} of 500 blocked)`.padEnd(56)} ${median(samples).toFixed(1).padStart(8)} ${unit}  (wall ${median(walls).toFixed(0)} ms)`,
    );
    console.log(`  ${"  of which /proc/net tables".padEnd(56)} ${median(tables).toFixed(1).padStart(8)} ms`);
    console.log(
      `  ${"  of which the pid walk (stops once all 50 found)".padEnd(56)} ${median(owners).toFixed(1).padStart(8)} ms`,
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
    console.log(`  ${"  (a full walk of every process's fds)".padEnd(56)} ${full.stdout.trim().padStart(8)} ms`);
    if (spawnSync("ss", ["-V"]).status === 0) measure("  (ss -ltnupH, for comparison)", "ss", ["-ltnupH"], pfDir);
    const pf = median(samples);
    verdict("preflight of 500 bindings", `${pf.toFixed(0)} ${unit}`, "< 1000 ms", pf < 1000);
  } finally {
    holder.kill();
    for (const s of sleepers) s.kill();
  }
}

console.log("");
await engineBench();
console.log(`\nsummary (load average at end: ${loadAverage()})`);
for (const { figure, value, target, met } of verdicts) {
  const mark = met === null ? "       " : met ? "MET    " : "NOT MET";
  console.log(`  ${mark}  ${figure.padEnd(36)} ${value.padStart(12)}   target ${target}`);
}
