/**
 * `portguard init`: sets up the pre-commit hook in a user's repository (Husky + lint-staged, or a
 * plain git hook), merging with what is there and changing nothing on a second run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { VERSION } from "../version.js";
import { findConfig, UsageError } from "./config.js";
import { gitClient } from "./git.js";
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

function packageManager(top: string): string {
  if (existsSync(join(top, "pnpm-lock.yaml"))) return "pnpm";
  if (existsSync(join(top, "yarn.lock"))) return "yarn";
  if (existsSync(join(top, "bun.lockb")) || existsSync(join(top, "bun.lock"))) return "bun";
  return "npm";
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

function updateHuskyHook(top: string, changes: Changes): void {
  const hook = ".husky/pre-commit";
  const text = readProjectFile(top, hook);
  if (text === null) {
    // Husky puts node_modules/.bin on PATH: no npx, which would add a quarter second per commit.
    writeProjectFile(top, hook, "lint-staged\n", { executable: true });
    changes.did("wrote .husky/pre-commit (runs lint-staged)");
    return;
  }
  if (/\blint-staged\b/.test(text)) {
    changes.kept(".husky/pre-commit already runs lint-staged");
    return;
  }
  writeProjectFile(top, hook, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}lint-staged\n`, {
    executable: true,
  });
  changes.did("appended `lint-staged` to .husky/pre-commit");
}

function updatePackageJson(top: string, changes: Changes): void {
  const text = readProjectFile(top, "package.json") ?? "";
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`package.json is not valid JSON: ${(error as Error).message}`);
  }
  const before = JSON.stringify(pkg);
  const deps = (pkg.dependencies as Record<string, string> | undefined) ?? {};
  const devDeps = (pkg.devDependencies as Record<string, string> | undefined) ?? {};
  for (const [name, version] of DEV_DEPENDENCIES) {
    if (deps[name] || devDeps[name]) {
      changes.kept(`${name} is already a dependency`);
    } else {
      devDeps[name] = version;
      changes.did(`added ${name} ${version} to devDependencies`);
    }
  }
  if (Object.keys(devDeps).length > 0) pkg.devDependencies = devDeps;
  const scripts = (pkg.scripts as Record<string, string> | undefined) ?? {};
  const prepare = scripts.prepare;
  if (!prepare) {
    scripts.prepare = "husky";
    changes.did('set scripts.prepare to "husky"');
  } else if (!/\bhusky\b/.test(prepare)) {
    scripts.prepare = `${prepare} && husky`;
    changes.did(`kept your prepare script and appended husky: "${scripts.prepare}"`);
  } else {
    changes.kept("scripts.prepare already runs husky");
  }
  pkg.scripts = scripts;
  updateLintStaged(top, pkg, changes);
  if (JSON.stringify(pkg) !== before)
    writeProjectFile(top, "package.json", `${JSON.stringify(pkg, null, detectIndent(text))}\n`);
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
    changes.kept(`${hook} is portguard's already`);
  } else {
    mkdirSync(hooksDir, { recursive: true });
    writeProjectFile(
      hooksDir,
      "pre-commit",
      `#!/bin/sh\n${GIT_HOOK_MARKER} (written by portguard init --git-hook; remove this file to uninstall)\nif command -v portguard >/dev/null 2>&1; then\n  exec portguard check --staged\nfi\nexec npx --no-install portguard check --staged\n`,
      { executable: true },
    );
    changes.did(`wrote ${hook}`);
  }
  writeStarterConfig(top, cwd, changes);
  return 0;
}

/** Runs `portguard init`; returns the exit code. */
export async function init(io: InitIo, options: { install: boolean; gitHook: boolean }): Promise<number> {
  const top = await gitTopLevel(io.cwd);
  if (!top) {
    io.stderr(
      "portguard: not inside a git repository. Run `git init` first; or use the pre-commit framework:\n" +
        "  repos:\n    - repo: https://github.com/portguard/portguard\n      rev: v" +
        `${VERSION}\n      hooks:\n        - id: portguard\n`,
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
  if (!existsSync(join(top, "package.json"))) {
    io.stderr(
      `portguard: no package.json in ${top}, so there is no Husky/lint-staged setup to extend.\n` +
        "  Without Node tooling: portguard init --git-hook   (writes a plain git pre-commit hook)\n" +
        "  Or the pre-commit framework, in .pre-commit-config.yaml:\n" +
        `    repos:\n      - repo: https://github.com/portguard/portguard\n        rev: v${VERSION}\n        hooks:\n          - id: portguard\n`,
    );
    return 2;
  }
  updatePackageJson(top, changes);
  updateHuskyHook(top, changes);
  writeStarterConfig(top, io.cwd, changes);
  io.stdout(`portguard init in ${top}:\n${changes.lines.join("\n")}\n`);
  const pm = packageManager(top);
  if (options.install) {
    io.stdout(`Running ${pm} install...\n`);
    const r = spawnSync(pm, ["install"], { cwd: top, stdio: "inherit" });
    if (r.status !== 0) {
      io.stderr(`portguard: ${pm} install failed; run it yourself to activate the hook\n`);
      return 1;
    }
    io.stdout("Done: the hook runs on your next commit.\n");
  } else if (changes.changed) {
    io.stdout(`Next: run \`${pm} install\` to install Husky and activate the hook (or rerun with --install).\n`);
  } else {
    io.stdout("Nothing to change: already set up.\n");
  }
  return 0;
}
