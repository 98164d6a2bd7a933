/**
 * `portguard init`: sets up the pre-commit hook in a user's repository (Husky + lint-staged, or a
 * plain git hook), merging with what is there and changing nothing on a second run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseDocument } from "yaml";
import { VERSION } from "../version.js";
import { findConfig, UsageError } from "./config.js";
import { gitClient } from "./git-client.js";
import { describeManager, detectPackageManager, foldersUp, type PackageManager } from "./package-manager.js";
import { readProjectFile, WriteRefused, writeProjectFile } from "./write.js";

export const HOOK_COMMAND = "portguard check --staged";
/** One lint-staged glob (no slash: matched on base names) for compose files, .env files and sources. */
export const LINT_STAGED_GLOB =
  "{docker-compose*.{yml,yaml},compose*.{yml,yaml},.env,.env.*,*.{js,mjs,cjs,ts,mts,cts,jsx,tsx,py,go,rb,java,kt,rs,php,cs,json,toml,ini,properties,conf}}";
const GIT_HOOK_MARKER = "# portguard pre-commit hook";
const DEV_DEPENDENCIES: [string, string][] = [
  ["husky", "^9.1.7"],
  ["lint-staged", "^16.3.4"],
  ["portguard", `^${VERSION}`],
];
const LINT_STAGED_FILES = [
  ".lintstagedrc",
  ".lintstagedrc.json",
  ".lintstagedrc.yaml",
  ".lintstagedrc.yml",
  ".lintstagedrc.mjs",
  ".lintstagedrc.cjs",
  ".lintstagedrc.js",
  "lint-staged.config.js",
  "lint-staged.config.mjs",
  "lint-staged.config.cjs",
];

export const STARTER_CONFIG = `# portguard policy (https://github.com/portguard/portguard#configuration).
# Every key you leave out takes the embedded default shown in the comments.
# yaml-language-server: $schema=./node_modules/portguard/schema/portguard.schema.json
#
# Governed by default: databases, database admin UIs and exporters (classified by image; see
# \`portguard check --print-config\` for the patterns). Their host ports sit in their range, as a
# variable with a default declared in .env. Every other service (monitoring such as Grafana and
# Prometheus, and your apps) only has to stay out of 7000-7999 and off other services' ports.
# To govern one: give it a category with a range (services: { grafana: { category: ui } }, or a
# label portguard.category: ui), add a range for its category, or set variables.require: all.

# ranges:                          # a port belongs to the first range holding it
#   - { name: databases, ports: 7000-7099, for: [database] }
#   - { name: database-uis, ports: 7100-7199, for: [ui] }
#   - { name: exporters, ports: 7200-7299, for: [exporter] }
#   - { name: reserved, ports: 7300-7999, for: [] }
# services:                        # the registry: allocations others rely on
#   timescaledb: { category: database, port: 7000, variable: TIMESCALEDB_PORT }
# variables: { pattern: "^[A-Z][A-Z0-9_]*_PORT$", require: governed }
# files:
#   env: [".env"]                  # the central env file (.env.example stands in where .env is git-ignored)
#   ignore: ["**/node_modules/**", "**/dist/**", "**/vendor/**"]
# docs: PORTS-CONVENTION.md
# rules:                           # error | warning | info | off
#   PG110: warning
# allow:
#   - { service: postgres-system, port: 5432, reason: "host PostgreSQL kept on its standard port" }
`;

export interface InitIo {
  cwd: string;
  /** The environment (npm_config_user_agent says which client runs portguard). */
  env?: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

type Entry = string | string[];

/** Adds the portguard command to a lint-staged config object; returns what it did. */
export function mergeLintStaged(config: Record<string, unknown>): "added" | "extended" | "present" {
  for (const value of Object.values(config)) {
    const commands = Array.isArray(value) ? value : [value];
    if (commands.some((c) => typeof c === "string" && /(^|\s|\/)portguard(\.js)?\s+check\b/.test(c))) return "present";
  }
  const existing = config[LINT_STAGED_GLOB] as Entry | undefined;
  if (existing === undefined) {
    config[LINT_STAGED_GLOB] = HOOK_COMMAND;
    return "added";
  }
  config[LINT_STAGED_GLOB] = [...(Array.isArray(existing) ? existing : [existing]), HOOK_COMMAND];
  return "extended";
}

function detectIndent(text: string): string {
  return /^( +|\t)"/m.exec(text)?.[1] ?? "  ";
}

class Changes {
  readonly lines: string[] = [];
  changed = false;
  did(text: string): void {
    this.lines.push(`  ✔ ${text}`);
    this.changed = true;
  }
  kept(text: string): void {
    this.lines.push(`  • ${text}`);
  }
}

function writeStarterConfig(top: string, cwd: string, changes: Changes): void {
  const existing = findConfig(cwd);
  if (existing) {
    changes.kept(`${existing} exists: policy left as it is`);
    return;
  }
  writeProjectFile(top, ".portguard.yml", STARTER_CONFIG);
  changes.did("wrote .portguard.yml (the defaults, documented in comments)");
}

async function gitTopLevel(cwd: string): Promise<string | null> {
  try {
    return (await gitClient(cwd).revparse(["--show-toplevel"])).trim();
  } catch {
    return null;
  }
}

function updateLintStaged(top: string, pkg: Record<string, unknown>, changes: Changes): boolean {
  const file = LINT_STAGED_FILES.find((f) => existsSync(join(top, f)));
  if (!file) {
    const config = (pkg["lint-staged"] as Record<string, unknown> | undefined) ?? {};
    const result = mergeLintStaged(config);
    pkg["lint-staged"] = config;
    if (result === "present") changes.kept('package.json "lint-staged" already runs portguard');
    else
      changes.did(
        `${result === "added" ? "added" : "extended"} the lint-staged entry in package.json: "${LINT_STAGED_GLOB}": "${HOOK_COMMAND}"`,
      );
    return result !== "present";
  }
  const text = readProjectFile(top, file) ?? "";
  if (/\.(mjs|cjs|js)$/.test(file)) {
    if (text.includes("portguard")) changes.kept(`${file} already mentions portguard`);
    else
      changes.kept(
        `${file} is JavaScript: add this entry yourself (not modified): ${JSON.stringify(LINT_STAGED_GLOB)}: ${JSON.stringify(HOOK_COMMAND)}`,
      );
    return false;
  }
  let json: Record<string, unknown> | null = null;
  if (!/\.ya?ml$/.test(file)) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
  }
  if (json) {
    const result = mergeLintStaged(json);
    if (result === "present") {
      changes.kept(`${file} already runs portguard`);
      return false;
    }
    writeProjectFile(top, file, `${JSON.stringify(json, null, detectIndent(text))}\n`);
    changes.did(`added the portguard entry to ${file}`);
    return false;
  }
  const doc = parseDocument(text);
  const config = (doc.toJS() ?? {}) as Record<string, unknown>;
  const result = mergeLintStaged(config);
  if (result === "present") {
    changes.kept(`${file} already runs portguard`);
    return false;
  }
  doc.set(LINT_STAGED_GLOB, config[LINT_STAGED_GLOB]);
  writeProjectFile(top, file, doc.toString());
  changes.did(`added the portguard entry to ${file}`);
  return false;
}

/** Where the hook goes: the package's folder, maybe below the git top level (a monorepo). */
interface Layout {
  top: string;
  pkgDir: string;
  /** The package's folder relative to the top level, `/`-separated; "" when they are one. */
  rel: string;
}

/** A word for sh: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** `..` once per folder of `rel`. */
function upFrom(rel: string): string {
  return rel
    .split("/")
    .map(() => "..")
    .join("/");
}

/** The package.json that owns the hook: the top level's, else the nearest one above `cwd`. */
function findPackageDir(cwd: string, top: string): string | null {
  if (existsSync(join(top, "package.json"))) return top;
  return foldersUp(cwd, top).find((dir) => existsSync(join(dir, "package.json"))) ?? null;
}

/**
 * The script that activates Husky: `husky` at the top level; below it, Husky's documented
 * `cd .. && husky frontend/.husky` (Husky must run where `.git` is).
 */
function huskyScript(layout: Layout): string {
  return layout.rel ? `cd ${upFrom(layout.rel)} && husky ${shellWord(`${layout.rel}/.husky`)}` : "husky";
}

/**
 * The hook's command. At the top level lint-staged hands the staged files to portguard. Below it,
 * lint-staged would see only the package's files, so portguard checks the whole repository's staged
 * files itself. With Plug'n'Play there is no node_modules/.bin: binaries run through `yarn`.
 */
function hookCommand(layout: Layout, pm: PackageManager): string {
  const bin = (command: string) => (pm.pnp ? `yarn ${command}` : command);
  if (!layout.rel) return bin("lint-staged");
  return `(cd ${shellWord(layout.rel)} && ${bin(`${HOOK_COMMAND} --cwd ${upFrom(layout.rel)}`)})`;
}

function updateHuskyHook(layout: Layout, pm: PackageManager, changes: Changes): void {
  // Read and written inside the repository only, never through a link out of it.
  const hook = layout.rel ? `${layout.rel}/.husky/pre-commit` : ".husky/pre-commit";
  const shown = hook;
  const command = hookCommand(layout, pm);
  const existing = readProjectFile(layout.top, hook);
  if (existing === null) {
    // Husky puts node_modules/.bin on PATH: no npx, which would add a quarter second per commit.
    writeProjectFile(layout.top, hook, `${command}\n`, { executable: true });
    changes.did(`wrote ${shown} (runs ${command})`);
    return;
  }
  let text = existing;
  if (pm.pnp && /^(npx )?lint-staged\b/m.test(text)) {
    // A bare lint-staged fails under Plug'n'Play ("lint-staged: not found").
    text = text.replace(/^(npx )?lint-staged\b/gm, "yarn lint-staged");
    writeProjectFile(layout.top, hook, text);
    changes.did(`${shown}: lint-staged now runs through yarn (Plug'n'Play has no node_modules/.bin)`);
  }
  const present = layout.rel ? /\bportguard(\.js)?\s+check\b/.test(text) : /\blint-staged\b/.test(text);
  if (present) {
    changes.kept(`${shown} already runs ${layout.rel ? "portguard" : "lint-staged"}`);
    return;
  }
  writeProjectFile(layout.top, hook, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${command}\n`, {
    executable: true,
  });
  changes.did(`appended \`${command}\` to ${shown}`);
}

function mergeScript(scripts: Record<string, string>, name: string, command: string, changes: Changes): void {
  const existing = scripts[name];
  if (!existing) {
    scripts[name] = command;
    changes.did(`set scripts.${name} to "${command}"`);
  } else if (!/\bhusky\b/.test(existing)) {
    scripts[name] = `${existing} && ${command}`;
    changes.did(`kept your ${name} script and appended husky: "${scripts[name]}"`);
  } else {
    changes.kept(`scripts.${name} already runs husky`);
  }
}

function updatePackageJson(
  layout: Layout,
  pm: PackageManager,
  pkg: Record<string, unknown>,
  text: string,
  changes: Changes,
): void {
  const before = JSON.stringify(pkg);
  const deps = (pkg.dependencies as Record<string, string> | undefined) ?? {};
  const devDeps = (pkg.devDependencies as Record<string, string> | undefined) ?? {};
  for (const [name, version] of DEV_DEPENDENCIES) {
    if (name === "lint-staged" && layout.rel) continue;
    if (deps[name] || devDeps[name]) {
      changes.kept(`${name} is already a dependency`);
    } else {
      devDeps[name] = version;
      changes.did(`added ${name} ${version} to devDependencies`);
    }
  }
  if (Object.keys(devDeps).length > 0) pkg.devDependencies = devDeps;
  const scripts = (pkg.scripts as Record<string, string> | undefined) ?? {};
  // Yarn 2+ runs no prepare script on install: Husky documents postinstall for it.
  mergeScript(scripts, pm.berry ? "postinstall" : "prepare", huskyScript(layout), changes);
  if (pm.berry && pkg.private !== true) {
    changes.kept(
      "this package is not private: Yarn runs postinstall for its users too; if you publish it, disable the script on publish with pinst (https://typicode.github.io/husky/how-to.html#yarn-2)",
    );
  }
  pkg.scripts = scripts;
  if (!layout.rel) updateLintStaged(layout.pkgDir, pkg, changes);
  if (JSON.stringify(pkg) !== before) {
    writeProjectFile(layout.pkgDir, "package.json", `${JSON.stringify(pkg, null, detectIndent(text))}\n`);
  }
}

/** The plain git hook: portguard from PATH or node_modules/.bin, else a message saying how to install or bypass. */
export function gitHookScript(hookPath: string): string {
  return `#!/bin/sh
${GIT_HOOK_MARKER} (written by portguard init --git-hook; remove this file to uninstall)
if command -v portguard >/dev/null 2>&1; then
  exec portguard check --staged
fi
if [ -x node_modules/.bin/portguard ]; then
  exec node_modules/.bin/portguard check --staged
fi
cat >&2 <<'MESSAGE'
portguard pre-commit hook: portguard is not installed, so this commit was not checked.
  Install it (Node.js 20 or newer):   npm install --global portguard
           or in this repository:     npm install --save-dev portguard
  Commit without the check, once:     git commit --no-verify
  Remove the hook:                    rm ${hookPath.replace(/'/g, "")}
MESSAGE
exit 1
`;
}

async function installGitHook(top: string, cwd: string, io: InitIo, changes: Changes): Promise<number> {
  const hooksDir = resolve(cwd, (await gitClient(cwd).raw(["rev-parse", "--git-path", "hooks"])).trim());
  const hook = join(hooksDir, "pre-commit");
  let text: string | null;
  try {
    text = readProjectFile(hooksDir, "pre-commit");
  } catch (error) {
    // A link or a special file there is someone else's hook.
    if (!(error instanceof WriteRefused)) throw error;
    text = "";
  }
  if (text !== null) {
    if (!text.includes(GIT_HOOK_MARKER)) {
      io.stderr(
        `portguard: ${hook} exists and was not written by portguard; not overwriting it.\n  Add this line to it instead: ${HOOK_COMMAND}\n`,
      );
      return 2;
    }
    if (text === gitHookScript(hook)) changes.kept(`${hook} is portguard's already`);
    else {
      writeProjectFile(hooksDir, "pre-commit", gitHookScript(hook), { executable: true });
      changes.did(`updated ${hook}`);
    }
  } else {
    mkdirSync(hooksDir, { recursive: true });
    writeProjectFile(hooksDir, "pre-commit", gitHookScript(hook), { executable: true });
    changes.did(`wrote ${hook}`);
  }
  writeStarterConfig(top, cwd, changes);
  return 0;
}

const PRE_COMMIT_SNIPPET = (indent: string) =>
  [
    "repos:",
    "  - repo: https://github.com/portguard/portguard",
    `    rev: v${VERSION}`,
    "    hooks:",
    "      - id: portguard",
  ]
    .map((l) => `${indent}${l}\n`)
    .join("");

/** Runs `portguard init`; returns the exit code. */
export async function init(io: InitIo, options: { install: boolean; gitHook: boolean }): Promise<number> {
  const top = await gitTopLevel(io.cwd);
  if (!top) {
    io.stderr(
      `portguard: not inside a git repository. Run \`git init\` first; or use the pre-commit framework:\n${PRE_COMMIT_SNIPPET("  ")}`,
    );
    return 2;
  }
  const changes = new Changes();
  if (options.gitHook) {
    const code = await installGitHook(top, io.cwd, io, changes);
    if (code !== 0) return code;
    io.stdout(`portguard init (git hook) in ${top}:\n${changes.lines.join("\n")}\n`);
    io.stdout(
      changes.changed
        ? "Next: commit as usual; the hook checks what you stage.\n"
        : "Nothing to change: already set up.\n",
    );
    return 0;
  }
  const pkgDir = findPackageDir(io.cwd, top);
  if (!pkgDir) {
    io.stderr(
      `portguard: no package.json in ${top} or above ${io.cwd}, so there is no Husky/lint-staged setup to extend.\n` +
        "  Without Node tooling: portguard init --git-hook   (writes a plain git pre-commit hook)\n" +
        `  Or the pre-commit framework, in .pre-commit-config.yaml:\n${PRE_COMMIT_SNIPPET("    ")}`,
    );
    return 2;
  }
  const layout: Layout = { top, pkgDir, rel: relative(top, pkgDir).split(sep).join("/") };
  const text = readProjectFile(pkgDir, "package.json") ?? "";
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`package.json is not valid JSON: ${(error as Error).message}`);
  }
  const pm = detectPackageManager(pkgDir, top, pkg, io.env?.npm_config_user_agent);
  updatePackageJson(layout, pm, pkg, text, changes);
  updateHuskyHook(layout, pm, changes);
  writeStarterConfig(top, io.cwd, changes);
  const where = layout.rel ? ` (package ${layout.rel}: the hook checks the whole repository)` : "";
  io.stdout(
    `portguard init in ${top}${where}, for ${describeManager(pm)} (${pm.source}):\n${changes.lines.join("\n")}\n`,
  );
  const install = `${pm.name} install`;
  if (options.install) {
    io.stdout(`Running ${install}...\n`);
    const r = spawnSync(pm.name, ["install"], { cwd: pkgDir, stdio: "inherit" });
    if (r.status !== 0) {
      io.stderr(`portguard: ${install} failed; run it yourself to activate the hook\n`);
      return 1;
    }
    io.stdout("Done: the hook runs on your next commit.\n");
  } else if (changes.changed) {
    io.stdout(`Next: run \`${install}\` to install them and activate the hook (or rerun with --install).\n`);
  } else {
    io.stdout("Nothing to change: already set up.\n");
  }
  return 0;
}
