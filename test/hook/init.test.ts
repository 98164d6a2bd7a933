/** `portguard init`, and real commits through the hooks it installs (the real husky and lint-staged). */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LINT_STAGED_GLOB } from "../../src/cli/init.js";
import { detectPackageManager } from "../../src/cli/package-manager.js";
import { CLI, project } from "../support/cli.js";
import { git, gitEnv, gitTry, linkTooling, portguard, repo, write } from "../support/git.js";
import { projectRoot } from "../support/shared.js";

const PKG = `${JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2)}\n`;
const VOLUME = (name: string) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
const GOOD = `services:\n  db:\n    image: redis:7\n    ports:\n      - "\${DB_PORT:-7000}:6379"\n${VOLUME("db")}`;
const BAD = `services:\n  db:\n    image: redis:7\n    ports:\n      - "6379:6379"\n${VOLUME("db")}`;

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const snapshot = (dir: string, paths: string[]) => paths.map((p) => (existsSync(join(dir, p)) ? read(dir, p) : null));

describe("portguard init", () => {
  it("sets up Husky and lint-staged, a starter policy, and changes nothing the second time", () => {
    const dir = repo({ "package.json": PKG });
    const first = portguard(dir, ["init"]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/✔ added husky \^9\.1\.7 to devDependencies/);
    expect(first.stdout).toMatch(/Next: run `npm install`/);
    const pkg = JSON.parse(read(dir, "package.json"));
    expect(pkg.devDependencies).toEqual({
      husky: "^9.1.7",
      "lint-staged": "^16.3.4",
      portguard: expect.stringMatching(/^\^\d/),
    });
    expect(pkg.scripts.prepare).toBe("husky");
    expect(pkg["lint-staged"]).toEqual({ [LINT_STAGED_GLOB]: "portguard check --staged" });
    expect(read(dir, ".husky/pre-commit")).toBe("lint-staged\n");
    expect(statSync(join(dir, ".husky/pre-commit")).mode & 0o111).not.toBe(0);
    expect(read(dir, ".portguard.yml")).toMatch(/^# portguard policy/);
    // The starter policy is valid and is the default.
    write(dir, "compose.yaml", GOOD);
    expect(portguard(dir, ["check"]).status).toBe(0);

    const files = ["package.json", ".husky/pre-commit", ".portguard.yml"];
    const before = snapshot(dir, files);
    const second = portguard(dir, ["init"]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Nothing to change: already set up/);
    expect(second.stdout).not.toMatch(/✔/);
    expect(snapshot(dir, files)).toEqual(before);
  });

  it("keeps an existing prepare script, lint-staged config and pre-commit hook", () => {
    const dir = repo({
      "package.json": `${JSON.stringify(
        {
          name: "app",
          scripts: { prepare: "tsc -p ." },
          devDependencies: { husky: "^9.0.0" },
          "lint-staged": { "*.js": "eslint --fix" },
        },
        null,
        4,
      )}\n`,
      ".husky/pre-commit": "npm test\n",
      ".portguard.yml": "rules:\n  PG203: off\n",
    });
    expect(portguard(dir, ["init"]).status).toBe(0);
    const text = read(dir, "package.json");
    expect(text).toMatch(/^{\n {4}"name"/);
    const pkg = JSON.parse(text);
    expect(pkg.scripts.prepare).toBe("tsc -p . && husky");
    expect(pkg.devDependencies.husky).toBe("^9.0.0");
    expect(pkg["lint-staged"]).toEqual({ "*.js": "eslint --fix", [LINT_STAGED_GLOB]: "portguard check --staged" });
    expect(read(dir, ".husky/pre-commit")).toBe("npm test\nlint-staged\n");
    expect(read(dir, ".portguard.yml")).toBe("rules:\n  PG203: off\n");
    const before = snapshot(dir, ["package.json", ".husky/pre-commit"]);
    expect(portguard(dir, ["init"]).stdout).toMatch(/Nothing to change/);
    expect(snapshot(dir, ["package.json", ".husky/pre-commit"])).toEqual(before);
  });

  it("merges into .lintstagedrc files (JSON and YAML, comments kept) and leaves JavaScript configs alone", () => {
    const json = repo({ "package.json": PKG, ".lintstagedrc.json": '{\n  "*.ts": ["eslint"]\n}\n' });
    portguard(json, ["init"]);
    expect(JSON.parse(read(json, ".lintstagedrc.json"))).toEqual({
      "*.ts": ["eslint"],
      [LINT_STAGED_GLOB]: "portguard check --staged",
    });
    expect(JSON.parse(read(json, "package.json"))["lint-staged"]).toBeUndefined();

    const yaml = repo({ "package.json": PKG, ".lintstagedrc.yaml": "# linters\n'*.py': black # format\n" });
    portguard(yaml, ["init"]);
    const text = read(yaml, ".lintstagedrc.yaml");
    expect(text).toMatch(/^# linters\n/);
    expect(text).toMatch(/# format/);
    expect(parse(text)).toEqual({ "*.py": "black", [LINT_STAGED_GLOB]: "portguard check --staged" });
    portguard(yaml, ["init"]);
    expect(read(yaml, ".lintstagedrc.yaml")).toBe(text);

    const js = repo({ "package.json": PKG, "lint-staged.config.mjs": "export default { '*.js': 'eslint' };\n" });
    const run = portguard(js, ["init"]);
    expect(run.stdout).toMatch(/lint-staged\.config\.mjs is JavaScript: add this entry yourself/);
    expect(read(js, "lint-staged.config.mjs")).toBe("export default { '*.js': 'eslint' };\n");
  });

  it("outside a git repository, or without package.json, it says what to do instead", () => {
    const outside = project({ "package.json": PKG });
    const a = portguard(outside, ["init"]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/not inside a git repository/);
    expect(a.stderr).toMatch(/id: portguard/);
    const noPkg = repo({});
    const b = portguard(noPkg, ["init"]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/portguard init --git-hook/);
    expect(b.stderr).toMatch(/pre-commit framework/);
  });

  it("--git-hook writes a plain hook where git looks for it, and never overwrites a foreign one", () => {
    const dir = repo({});
    git(dir, "config", "core.hooksPath", ".githooks");
    const first = portguard(dir, ["init", "--git-hook"]);
    expect(first.status).toBe(0);
    const hook = read(dir, ".githooks/pre-commit");
    expect(hook).toMatch(/^#!\/bin\/sh\n# portguard pre-commit hook/);
    expect(hook).toMatch(/portguard check --staged/);
    expect(portguard(dir, ["init", "--git-hook"]).stdout).toMatch(/Nothing to change/);
    expect(read(dir, ".githooks/pre-commit")).toBe(hook);

    const foreign = repo({});
    write(foreign, ".git/hooks/pre-commit", "#!/bin/sh\nmake lint\n");
    const refused = portguard(foreign, ["init", "--git-hook"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not written by portguard; not overwriting it/);
    expect(read(foreign, ".git/hooks/pre-commit")).toBe("#!/bin/sh\nmake lint\n");
  });

  it("--install runs the repository's own package manager", () => {
    const dir = repo({ "package.json": PKG, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" });
    const bin = project({ pnpm: '#!/bin/sh\necho "pnpm $@" > "$PWD/pm-called"\n' });
    chmodSync(join(bin, "pnpm"), 0o755);
    const run = portguard(dir, ["init", "--install"], { PATH: `${bin}:${process.env.PATH}` });
    expect(run.status).toBe(0);
    expect(read(dir, "pm-called")).toBe("pnpm install\n");
  });
});

describe("package managers and layouts", () => {
  const detect = (files: Record<string, string>, agent?: string) => {
    const dir = project(files);
    const pkg = JSON.parse(files["package.json"] ?? "{}");
    const pm = detectPackageManager(dir, dir, pkg, agent);
    return `${pm.name}${pm.berry ? " berry" : ""}${pm.pnp ? " pnp" : ""} (${pm.source})`;
  };

  it.each([
    [{ "package.json": "{}" }, undefined, "npm (no lockfile)"],
    [{ "package.json": "{}", "package-lock.json": "{}" }, "pnpm/12 node/v20", "npm (package-lock.json)"],
    [{ "package.json": "{}" }, "pnpm/12.23.0 npm/? node/v20.20.2", "pnpm (run by pnpm/12)"],
    [{ "package.json": "{}", "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" }, undefined, "pnpm (pnpm-lock.yaml)"],
    [{ "package.json": "{}", "yarn.lock": "# yarn lockfile v1\n" }, undefined, "yarn (yarn.lock)"],
    [{ "package.json": "{}", "yarn.lock": "__metadata:\n  version: 8\n" }, undefined, "yarn berry pnp (yarn.lock)"],
    [
      { "package.json": "{}", "yarn.lock": "__metadata:\n", ".yarnrc.yml": "nodeLinker: node-modules\n" },
      undefined,
      "yarn berry (yarn.lock)",
    ],
    [{ "package.json": "{}", ".yarnrc.yml": "nodeLinker: pnp\n" }, undefined, "yarn berry pnp (.yarnrc.yml)"],
    [{ "package.json": '{ "packageManager": "yarn@1.22.22" }' }, undefined, "yarn (packageManager: yarn@1.22.22)"],
    [{ "package.json": '{ "packageManager": "yarn@4.5.0" }' }, "npm/11", "yarn berry pnp (packageManager: yarn@4.5.0)"],
    [{ "package.json": "{}" }, "yarn/4.18.1 npm/? node/v20", "yarn berry pnp (run by yarn/4)"],
    [{ "package.json": "{}", "bun.lock": "{}" }, undefined, "bun (bun.lock)"],
  ])("%j run by %s: %s", (files, agent, expected) => {
    expect(detect(files, agent)).toBe(expected);
  });

  it("Yarn 2+ with Plug'n'Play: postinstall activates Husky, binaries run through yarn, an old bare lint-staged line is fixed", () => {
    const dir = repo({
      "package.json": PKG,
      ".yarnrc.yml": "nodeLinker: pnp\n",
      ".husky/pre-commit": "lint-staged\n",
    });
    const run = portguard(dir, ["init"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/for yarn 2\+ \(Plug'n'Play\) \(\.yarnrc\.yml\)/);
    expect(run.stdout).toMatch(/Next: run `yarn install`/);
    const pkg = JSON.parse(read(dir, "package.json"));
    expect(pkg.scripts).toEqual({ postinstall: "husky" });
    expect(read(dir, ".husky/pre-commit")).toBe("yarn lint-staged\n");
    expect(portguard(dir, ["init"]).stdout).toMatch(/Nothing to change/);
  });

  it("a package below the git root: Husky's documented layout, and the hook checks the whole repository", () => {
    const dir = repo({ "services/web/package.json": PKG, "deploy/compose.yaml": GOOD });
    const run = portguard(join(dir, "services/web"), ["init"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\(package services\/web: the hook checks the whole repository\)/);
    const pkg = JSON.parse(read(dir, "services/web/package.json"));
    expect(pkg.scripts.prepare).toBe("cd ../.. && husky services/web/.husky");
    expect(pkg.devDependencies).toEqual({ husky: "^9.1.7", portguard: expect.stringMatching(/^\^/) });
    expect(pkg["lint-staged"]).toBeUndefined();
    expect(read(dir, "services/web/.husky/pre-commit")).toBe(
      "(cd services/web && portguard check --staged --cwd ../..)\n",
    );
    // The starter policy sits at the top, where the whole repository's check finds it.
    expect(existsSync(join(dir, ".portguard.yml"))).toBe(true);
    expect(existsSync(join(dir, "services/web/.portguard.yml"))).toBe(false);
    expect(portguard(join(dir, "services/web"), ["init"]).stdout).toMatch(/Nothing to change/);
  });
});

describe("a plain git hook (portguard init --git-hook)", () => {
  /** PATH with git and, when asked, node and a `portguard` on it. */
  function pathWith(portguardToo: boolean): string {
    const bin = project({});
    for (const tool of ["git", "sh", "cat", "env"]) {
      const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (found) symlinkSync(found, join(bin, tool));
    }
    if (portguardToo) {
      symlinkSync(process.execPath, join(bin, "node"));
      symlinkSync(CLI, join(bin, "portguard"));
    }
    return bin;
  }

  it("without portguard installed: a clear message on how to install and how to bypass, never an npm 404", () => {
    const dir = repo({});
    expect(portguard(dir, ["init", "--git-hook"]).status).toBe(0);
    write(dir, "compose.yaml", BAD);
    git(dir, "add", ".");
    const r = spawnSync("git", ["commit", "-m", "redis"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...gitEnv(), PATH: pathWith(false) },
    });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(output).toMatch(/portguard pre-commit hook: portguard is not installed, so this commit was not checked\./);
    expect(output).toMatch(/npm install --global portguard/);
    expect(output).toMatch(/npm install --save-dev portguard/);
    expect(output).toMatch(/git commit --no-verify/);
    expect(output).toMatch(/Remove the hook: +rm .*\.git\/hooks\/pre-commit/);
    expect(output).not.toMatch(/404|npm error|npm ERR|not found/i);
  });

  it("with portguard on PATH: a bad commit is blocked, a good one passes", () => {
    const dir = repo({});
    expect(portguard(dir, ["init", "--git-hook"]).status).toBe(0);
    const env = { ...gitEnv(), PATH: pathWith(true) };
    write(dir, "compose.yaml", BAD);
    git(dir, "add", ".");
    const blocked = spawnSync("git", ["commit", "-m", "redis"], { cwd: dir, encoding: "utf8", env });
    expect(blocked.status).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toMatch(/ PG103\n/);
    write(dir, "compose.yaml", GOOD);
    write(dir, ".env.example", "DB_PORT=7000\n");
    git(dir, "add", ".");
    const ok = spawnSync("git", ["commit", "-m", "redis"], { cwd: dir, encoding: "utf8", env });
    expect(ok.status, `${ok.stdout}${ok.stderr}`).toBe(0);
  });
});

describe("commits through the installed hook", () => {
  /** A repository set up as the README says: init, install (here: linked), first commit. */
  function setUp(): string {
    const dir = repo({ "package.json": PKG, ".env.example": "DB_PORT=7000\n" });
    expect(portguard(dir, ["init"]).status).toBe(0);
    linkTooling(dir);
    execFileSync(process.execPath, [join(dir, "node_modules/.bin/husky")], { cwd: dir, env: gitEnv() });
    git(dir, "add", ".");
    const first = gitTry(dir, "commit", "-m", "set up portguard");
    expect(first.status, first.output).toBe(0);
    return dir;
  }

  it("blocks a hardcoded database port with file, line, rule, fix and how to bypass", () => {
    const dir = setUp();
    write(dir, "compose.yaml", BAD);
    git(dir, "add", "compose.yaml");
    const commit = gitTry(dir, "commit", "-m", "add redis");
    expect(commit.status).not.toBe(0);
    expect(commit.output).toMatch(/compose\.yaml/);
    // The rules one binding breaks, together at its position.
    expect(commit.output).toMatch(
      /5:9\s+error\s+db \(database\) publishes host port 6379[\s\S]*?error\s+db publishes host port 6379 as\s+a\s+literal/,
    );
    expect(commit.output).toMatch(/ PG103\n/);
    expect(commit.output).toMatch(/→ use port 7000 through \$\{DB_PORT:-7000\}/);
    expect(commit.output).toMatch(/git commit --no-verify/);
    expect(gitTry(dir, "log", "--oneline").output.trim().split("\n")).toHaveLength(1);
  });

  it("a compliant change passes; `git commit -a` with a bad change is blocked", () => {
    const dir = setUp();
    write(dir, "compose.yaml", GOOD);
    git(dir, "add", "compose.yaml");
    const ok = gitTry(dir, "commit", "-m", "add redis");
    expect(ok.status, ok.output).toBe(0);
    write(dir, "compose.yaml", BAD);
    const blocked = gitTry(dir, "commit", "-a", "-m", "hardcode it");
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toMatch(/PG103/);
  });

  it("blocks source code hardcoding a governed port and accepts code reading the variable", () => {
    const dir = setUp();
    write(dir, "compose.yaml", GOOD);
    git(dir, "add", "compose.yaml");
    expect(gitTry(dir, "commit", "-m", "add redis").status).toBe(0);
    write(dir, "src/cache.ts", 'export const url = "redis://localhost:7000/0";\n');
    git(dir, "add", "src/cache.ts");
    const blocked = gitTry(dir, "commit", "-m", "cache client");
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toMatch(/ PG401\n/);
    write(dir, "src/cache.ts", "export const url = `redis://localhost:${process.env.DB_PORT ?? 7000}/0`;\n");
    git(dir, "add", "src/cache.ts");
    const ok = gitTry(dir, "commit", "-m", "cache client");
    expect(ok.status, ok.output).toBe(0);
  });
});

describe(".pre-commit-hooks.yaml", () => {
  it("declares the hook for the pre-commit framework with a pattern covering compose, .env and sources", () => {
    const hooks = parse(readFileSync(join(projectRoot, ".pre-commit-hooks.yaml"), "utf8"));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: "portguard",
      language: "node",
      entry: "portguard check --staged",
      pass_filenames: true,
    });
    const files = new RegExp(hooks[0].files);
    for (const f of [
      "docker-compose.yml",
      "stack/compose.override.yaml",
      "docker-compose.prod.yml",
      "compose.yaml",
      ".env",
      ".env.example",
      "app/.env.local",
      "src/db.ts",
      "worker/settings.py",
      "config/app.json",
    ]) {
      expect(files.test(f), f).toBe(true);
    }
    for (const f of ["README.md", "compose.yml.bak", "Dockerfile", "docs/ports.md"])
      expect(files.test(f), f).toBe(false);
  });
});
