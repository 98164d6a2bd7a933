#!/usr/bin/env node
// The package managers the hook is tested with, installed from the npm registry into a cache
// (PORTGUARD_MANAGERS_DIR, default ~/.cache/portguard/managers), and the repositories they set up:
// a temporary git repository, `portguard init`, portguard from a tarball of this package, the
// manager's own install. Used by test/hook/managers.test.ts and scripts/hook-latency.mjs.
//
//   node scripts/managers.mjs install     install the missing managers (.ci/run does this)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REGISTRY = "https://registry.npmjs.org";

/** The managers installed from npm; npm itself is the one that runs this script. */
export const MANAGERS = {
  pnpm: { spec: "pnpm@12.23.0", bin: "pnpm" },
  yarn1: { spec: "yarn@1.22.22", bin: "yarn" },
  berry: { spec: "@yarnpkg/cli-dist@4.18.1", bin: "yarn" },
};

/**
 * The README's install table, per manager: add portguard from the tarball, `portguard init` through
 * the manager, the install that activates the hook. test/hook/managers.test.ts runs exactly these
 * and checks that the README shows them.
 */
export const README_STEPS = {
  npm: [
    ["npm", "install", "--save-dev", "{tarball}"],
    ["npx", "portguard", "init"],
    ["npm", "install"],
  ],
  pnpm: [
    ["pnpm", "add", "-D", "{tarball}"],
    ["pnpm", "exec", "portguard", "init"],
    ["pnpm", "install"],
  ],
  yarn1: [
    ["yarn", "add", "-D", "{tarball}"],
    ["yarn", "portguard", "init"],
    ["yarn", "install"],
  ],
  berry: [
    ["yarn", "add", "-D", "portguard@file:{tarball}"],
    ["yarn", "portguard", "init"],
    ["yarn", "install"],
  ],
};

/** The setups the tests and the latency measurement run: a manager, a linker, a layout. */
export const SETUPS = [
  { id: "npm", manager: "npm" },
  { id: "pnpm", manager: "pnpm" },
  { id: "yarn 1", manager: "yarn1" },
  { id: "yarn 4 node-modules", manager: "berry", linker: "node-modules" },
  { id: "yarn 4 Plug'n'Play", manager: "berry", linker: "pnp" },
  { id: "npm monorepo (package in web/)", manager: "npm", monorepo: true },
];

export function managersDir() {
  return process.env.PORTGUARD_MANAGERS_DIR || join(homedir(), ".cache", "portguard", "managers");
}

function managerPrefix(id) {
  return join(managersDir(), MANAGERS[id].spec.replace("/", "+"));
}

/** The manager's executable, or null when it is not installed. */
export function managerBin(id) {
  if (id === "npm") return "npm";
  const bin = join(managerPrefix(id), "node_modules", ".bin", MANAGERS[id].bin);
  return existsSync(bin) ? bin : null;
}

/** Installs the missing managers; returns the ids that could not be had, each with why. */
export function installManagers(log = () => {}) {
  const missing = [];
  for (const id of Object.keys(MANAGERS)) {
    if (managerBin(id)) {
      log(`${MANAGERS[id].spec}: installed`);
      continue;
    }
    const prefix = managerPrefix(id);
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, "package.json"), '{ "private": true }\n');
    const r = spawnSync(
      "npm",
      [
        "install",
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `--registry=${REGISTRY}`,
        MANAGERS[id].spec,
      ],
      { cwd: prefix, encoding: "utf8" },
    );
    if (r.status === 0 && managerBin(id)) log(`${MANAGERS[id].spec}: installed now`);
    else {
      const why = (r.stderr || r.error?.message || "npm install failed").trim().split("\n").pop();
      missing.push({ id, why });
      log(`${MANAGERS[id].spec}: could not be installed (${why})`);
    }
  }
  return missing;
}

/** `npm pack` of this repository into `dir`: the tarball users get. */
export function packTarball(dir) {
  const name = execFileSync("npm", ["pack", "--pack-destination", dir, "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
  return join(dir, name.split("\n").pop());
}

/**
 * The environment of a repository's commands: this machine's (its TLS settings reach the registry)
 * without what a test runner or hook leaves behind (npm_*, GIT_*, YARN_*), git's identity, the
 * manager first on PATH.
 */
export function setupEnv(binDir) {
  // Nor CI's marker: the commands are the ones a developer runs (no frozen lockfiles).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_|git_|yarn_|pnpm_|husky|init_cwd$|ci$|github_actions$|continuous_integration$)/i.test(key),
    ),
  );
  return {
    ...inherited,
    PATH: `${binDir}:${process.env.PATH ?? ""}`,
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
    YARN_ENABLE_TELEMETRY: "0",
    YARN_ENABLE_GLOBAL_CACHE: "true",
    npm_config_registry: REGISTRY,
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
}

const VOLUME = (name) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
/** A compose file whose redis publishes `port` (a literal, or a variable with a default). */
export const composeFile = (port) =>
  `services:\n  db:\n    image: redis:7\n    ports:\n      - "${port}:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME("db")}`;

function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed in ${cwd} (exit ${r.status}):\n${r.stdout}${r.stderr}${r.error ?? ""}`,
    );
  }
  return `${r.stdout}${r.stderr}`;
}

/**
 * A git repository set up as a user would: package.json (in web/ for the monorepo), portguard added
 * from `tarball`, `portguard init`, the manager's install, a first commit. Returns where compose files
 * go, the environment for commits, and what each step printed.
 */
export function setUpRepository(setup, tarball) {
  const base = mkdtempSync(join(tmpdir(), "portguard-pm-"));
  const bin = managerBin(setup.manager);
  if (!bin) throw new Error(`${setup.manager} is not installed: node scripts/managers.mjs install`);
  const binDir = join(base, "bin");
  mkdirSync(binDir, { recursive: true });
  if (setup.manager !== "npm") symlinkSync(bin, join(binDir, MANAGERS[setup.manager].bin));
  const env = setupEnv(binDir);
  const top = join(base, "repo");
  const pkgDir = setup.monorepo ? join(top, "web") : top;
  mkdirSync(pkgDir, { recursive: true });
  run("git", ["init", "-q", "-b", "main"], top, env);
  run("git", ["config", "commit.gpgsign", "false"], top, env);
  writeFileSync(
    join(pkgDir, "package.json"),
    `${JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2)}\n`,
  );
  writeFileSync(join(top, ".env.example"), "DB_PORT=7000\n");
  const ignored = ["node_modules/", ".env", ".yarn/", ".pnp.*", "*.tgz"];
  if (setup.manager === "berry") {
    writeFileSync(
      join(pkgDir, ".yarnrc.yml"),
      `nodeLinker: ${setup.linker}\nnpmRegistryServer: "${REGISTRY}"\nenableTelemetry: false\n`,
    );
  }
  if (setup.manager === "yarn1") writeFileSync(join(pkgDir, ".yarnrc"), `registry "${REGISTRY}"\n`);
  writeFileSync(join(top, ".gitignore"), `${ignored.join("\n")}\n`);
  // As the README says: portguard from the tarball with the manager's own command, then `portguard
  // init` through the manager, then its install (which activates the hook).
  const steps = README_STEPS[setup.manager].map(([cmd, ...args]) => [
    setup.manager === "npm" ? cmd : bin,
    ...args.map((w) => w.replace("{tarball}", tarball)),
  ]);
  const [add, init, install] = steps.map(([cmd, ...args]) => run(cmd, args, pkgDir, env));
  run("git", ["add", "-A"], top, env);
  run("git", ["commit", "-q", "-m", "set up portguard"], top, env);
  return { base, top, pkgDir, env, add, init, install };
}

/** `git commit` of `files` in the repository; status and output. */
export function commit(repo, files, message) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo.top, path)), { recursive: true });
    writeFileSync(join(repo.top, path), text);
  }
  spawnSync("git", ["add", "-A"], { cwd: repo.top, env: repo.env });
  const r = spawnSync("git", ["commit", "-m", message], { cwd: repo.top, env: repo.env, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function removeRepository(repo) {
  rmSync(repo.base, { recursive: true, force: true });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv[2] !== "install") {
    process.stderr.write("usage: node scripts/managers.mjs install\n");
    process.exitCode = 2;
  } else {
    const missing = installManagers((line) => process.stdout.write(`${line}\n`));
    // A manager that cannot be had is skipped by the tests, which say so; not a CI failure here.
    if (missing.length > 0)
      process.stdout.write(`(the tests of ${missing.map((m) => m.id).join(", ")} will be skipped)\n`);
  }
}
