/**
 * The CLI a linter user expects (issue 16), run as the built bundle: help per command, "did you
 * mean", categories validated, colour, formats, one finding per problem, discovery, honest docs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, project, runCli } from "../support/cli.js";
import { git } from "../support/git.js";
import { projectRoot } from "../support/shared.js";

const BEFORE = join(projectRoot, "examples/trading-system/before");
const ESC = "\u001b[";

const DB = (name: string, port: string) =>
  `  ${name}:\n    image: postgres:16\n    ports:\n      - "${port}"\n    volumes:\n      - ${name}:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: always\n`;
const VOLUMES = (...names: string[]) => `volumes:\n${names.map((n) => `  ${n}:\n    name: data-${n}\n`).join("")}`;

/** Runs the built CLI without NO_COLOR (runCli sets it), with exactly `env`. */
function bare(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI on a pseudo-terminal (util-linux `script`), as a user's terminal would. */
function onTty(args: string[], cwd: string, env: Record<string, string> = {}) {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("script", ["-qec", command, "/dev/null"], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "xterm", ...env },
  });
  return { status: r.status, stdout: r.stdout.replace(/\r\n/g, "\n") };
}

const hasScript = spawnSync("script", ["--version"]).status === 0;
if (!hasScript) console.log("util-linux `script` is missing: the terminal (TTY) colour tests are skipped");

describe("help", () => {
  const commands = ["check", "ports", "rules", "init", "fix", "docs", "preflight", "mcp"];
  it.each(commands)("portguard %s --help and portguard help %s print that command's help", (command) => {
    const dir = project({});
    const own = runCli([command, "--help"], { cwd: dir });
    expect(own.status).toBe(0);
    expect(own.stdout).toMatch(new RegExp(`^Usage: portguard (\\[)?${command}`));
    expect(own.stdout).toMatch(/\nOptions:\n/);
    expect(own.stdout).toMatch(/\nExamples:\n/);
    expect(runCli(["help", command], { cwd: dir }).stdout).toBe(own.stdout);
    expect(own.stdout).not.toBe(runCli(["--help"], { cwd: dir }).stdout);
    for (const line of own.stdout.split("\n")) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it("fix --help names fix's own options; the global help lists every command", () => {
    const dir = project({});
    const fix = runCli(["fix", "--help"], { cwd: dir }).stdout;
    for (const option of ["--dry-run", "--force", "--rule ID", "--config PATH", "--cwd DIR"])
      expect(fix).toContain(option);
    expect(fix).not.toContain("--max-warnings");
    const global = runCli(["--help"], { cwd: dir }).stdout;
    for (const command of commands) expect(global).toContain(`portguard ${command === "check" ? "[check]" : command}`);
    expect(global).toContain("portguard help COMMAND");
    for (const line of global.split("\n")) expect([...line].length, line).toBeLessThanOrEqual(80);
  });
});

describe("did you mean", () => {
  const CASES: [string[], string][] = [
    [["chek"], "portguard: unknown command: chek (did you mean portguard check?); see portguard --help\n"],
    [["prots"], "portguard: unknown command: prots (did you mean portguard ports?); see portguard --help\n"],
    [["--frmat", "json"], "portguard: unknown option --frmat (did you mean --format?); see portguard help check\n"],
    [["fix", "--dryrun"], "portguard: unknown option --dryrun (did you mean --dry-run?); see portguard help fix\n"],
    [
      ["--format", "jsno"],
      "portguard: --format jsno: must be one of stylish, compact, json, sarif, github, markdown; did you mean json?\n",
    ],
    [["rules", "PG1O2"], "portguard: rules: unknown rule PG1O2 (did you mean PG102?); see portguard rules\n"],
    [["fix", "--rule", "PG1O2"], "portguard: --rule: unknown rule PG1O2 (did you mean PG102?); see portguard rules\n"],
    [
      ["--fix"],
      "portguard: unknown option --fix: fixing is a command of its own: portguard fix (portguard fix --dry-run shows the changes first)\n",
    ],
    [["help", "fxi"], "portguard: help: unknown command fxi (did you mean fix?)\n"],
    [
      ["ports", "--free", "databse"],
      "portguard: unknown category: databse (did you mean database?) (known: app, database, exporter, monitoring, ui)\n",
    ],
  ];
  it.each(CASES)("%j", (args, stderr) => {
    const dir = project({ "compose.yaml": `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}` });
    const run = runCli(args, { cwd: dir });
    expect(run.stderr).toBe(stderr);
    expect(run.status).toBe(2);
  });

  it("a mistyped config key or rule id in the config is named with the nearest one", () => {
    const key = project({ ".portguard.yml": "rnages: []\n", "compose.yaml": "services: {}\n" });
    expect(runCli([], { cwd: key }).stderr).toMatch(
      /^portguard: invalid config: \.portguard\.yml:1:1: rnages: unknown key \(did you mean ranges\?\)/,
    );
    const rule = project({ ".portguard.yml": "rules:\n  PG1O3: off\n", "compose.yaml": "services: {}\n" });
    const run = runCli([], { cwd: rule });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.portguard\.yml:2:3: rules\.PG1O3: unknown rule \(did you mean PG103\?\)/);
  });
});

describe("categories in the config", () => {
  it("a misspelt category in a range or the registry is exit 2 with file, line and key", () => {
    const compose = `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}`;
    const inRange = project({
      ".portguard.yml": "ranges:\n  - { name: db, ports: 7000-7099, for: [databse] }\n",
      "compose.yaml": compose,
    });
    const run = runCli([], { cwd: inRange });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^portguard: invalid config: \.portguard\.yml:2:41: ranges\[0\]\.for\[0\]: unknown category databse \(did you mean database\?\)/,
    );
    const inRegistry = project({
      ".portguard.yml": "services:\n  pg:\n    category: databse\n",
      "compose.yaml": compose,
    });
    const registry = runCli([], { cwd: inRegistry });
    expect(registry.status).toBe(2);
    expect(registry.stderr).toMatch(/\.portguard\.yml:3:15: services\.pg\.category: unknown category databse/);
  });

  it("a category of the project's own (given by a label) is accepted", () => {
    const dir = project({
      ".portguard.yml": "ranges:\n  - { name: web, ports: 8000-8099, for: [web] }\n",
      "compose.yaml":
        'services:\n  shop:\n    build: .\n    labels:\n      portguard.category: web\n    ports:\n      - "9000:80"\n',
    });
    const run = runCli(["--format", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toContain("PG102");
  });
});

describe("colour", () => {
  const dir = () => project({ "compose.yaml": `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}` });

  it("FORCE_COLOR and --color colour a pipe; --no-color, NO_COLOR and FORCE_COLOR=0 do not", () => {
    const d = dir();
    expect(bare([], d, { FORCE_COLOR: "1" }).stdout).toContain(ESC);
    expect(bare(["--color"], d).stdout).toContain(ESC);
    expect(bare(["--color"], d, { NO_COLOR: "1" }).stdout).toContain(ESC);
    expect(bare([], d).stdout).not.toContain(ESC);
    expect(bare([], d, { FORCE_COLOR: "0" }).stdout).not.toContain(ESC);
    expect(bare(["--no-color"], d, { FORCE_COLOR: "1" }).stdout).not.toContain(ESC);
  });

  it.skipIf(!hasScript)("a terminal is coloured, unless NO_COLOR or TERM=dumb; fix --dry-run colours its diff", () => {
    const d = dir();
    expect(onTty([], d).stdout).toContain(`${ESC}31merror`);
    expect(onTty([], d, { NO_COLOR: "1" }).stdout).not.toContain(ESC);
    expect(onTty([], d, { TERM: "dumb" }).stdout).not.toContain(ESC);
    const diff = onTty(["fix", "--dry-run"], d).stdout;
    expect(diff).toContain(`${ESC}31m-      - "5432:5432"`);
    expect(diff).toContain(`${ESC}32m+      - "\${PG_PORT:-7000}:5432"`);
    expect(runCli(["fix", "--dry-run"], { cwd: d }).stdout).not.toContain(ESC);
  });
});

describe("formats and what they say", () => {
  it("stylish fits 80 columns on the example stack, the suggestion once per binding, the fixable count", () => {
    const run = runCli(["check", "--cwd", BEFORE], { cwd: projectRoot });
    expect(run.status).toBe(1);
    for (const line of run.stdout.split("\n")) expect([...line].length, line).toBeLessThanOrEqual(80);
    // PG102 and PG103 on one literal: both ids shown, one suggestion.
    const block = run.stdout.split("\n  14:9")[0]?.split("\n  9:9")[1] ?? "";
    expect(block).toContain("PG102");
    expect(block).toContain("PG103");
    expect(block.match(/→ use port 7100 through \$\{PGADMIN_PORT:-7100\}/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/\n {2}\d+ fixable with `portguard fix` \(review first: `portguard fix --dry-run`\)\n/);
  });

  it("compact: one line per finding, file:line:col: severity message [rule]", () => {
    const run = runCli(["check", "--format", "compact", "--cwd", BEFORE], { cwd: projectRoot });
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    const json = JSON.parse(runCli(["check", "--format", "json", "--cwd", BEFORE], { cwd: projectRoot }).stdout);
    expect(lines).toHaveLength(json.diagnostics.length);
    for (const line of lines) expect(line).toMatch(/^[^:\s]+:\d+:\d+: (error|warning|info) .+ \[PG\d{3}\]$/);
    expect(lines[0]).toBe(
      "tools/compose/docker-compose.admin.yml:9:9: error pgadmin (ui) publishes host port 5051 outside its range: database-uis 7100-7199 (use port 7100 through ${PGADMIN_PORT:-7100}) [PG102]",
    );
  });

  it("JSON: fixable and the rule page's url on every diagnostic", () => {
    const json = JSON.parse(runCli(["check", "--format", "json", "--cwd", BEFORE], { cwd: projectRoot }).stdout);
    const pg102 = json.diagnostics.find((d: { rule: string }) => d.rule === "PG102");
    expect(pg102.fixable).toBe(true);
    expect(pg102.url).toBe("https://github.com/portguard/portguard/blob/main/docs/rules/PG102-category-range.md");
    expect(existsSync(join(projectRoot, "docs/rules/PG102-category-range.md"))).toBe(true);
    const pg203 = json.diagnostics.find((d: { rule: string }) => d.rule === "PG203");
    expect(pg203.fixable).toBe(false);
  });

  it("rules ID prints that rule's page only; by name too", () => {
    const dir = project({});
    const page = runCli(["rules", "PG102"], { cwd: dir });
    expect(page.status).toBe(0);
    expect(page.stdout).toMatch(/^# PG102 category-range\n/);
    expect(page.stdout).toContain("## Incorrect");
    expect(page.stdout).toContain(
      "Online: https://github.com/portguard/portguard/blob/main/docs/rules/PG102-category-range.md",
    );
    expect(page.stdout).not.toContain("PG103 ");
    expect(runCli(["rules", "category-range"], { cwd: dir }).stdout).toBe(page.stdout);
  });

  it("--print-config prints the effective policy: ranges, categories and their image patterns, what is governed", () => {
    const dir = project({ ".portguard.yml": "rules:\n  PG110: off\n" });
    const run = runCli(["check", "--print-config"], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "# Governed (a range, a variable with a default, a pinned host port): database, ui, exporter.",
    );
    expect(run.stdout).toMatch(/\n {2}exporter:\n {4}images:\n(.*\n)*? {6}- prom\/node-exporter\n/);
    expect(run.stdout).toMatch(/\n {2}monitoring:\n {4}images:\n {6}- prom\/prometheus\n/);
    expect(run.stdout).toContain("  PG110: off\n");
    expect(run.stdout).toContain("merged with .portguard.yml");
  });
});

describe("one finding per problem, suggestions that are new", () => {
  it("an undefined variable without a default: the rules at that place share one suggestion", () => {
    const dir = project({ "compose.yaml": `services:\n${DB("db", "${DB_PORT}:5432")}${VOLUMES("db")}` });
    const run = runCli([], { cwd: dir });
    const json = JSON.parse(runCli(["--format", "json"], { cwd: dir }).stdout);
    const atBinding = json.diagnostics.filter((d: { line: number }) => d.line === 5);
    expect(atBinding.length).toBeGreaterThanOrEqual(2);
    for (const d of atBinding) expect(run.stdout).toContain(d.rule);
    expect(run.stdout.match(/→ /g)).toHaveLength(1);
  });

  it("a suggestion that repeats what is written is left out", () => {
    const dir = project({
      ".portguard.yml": "variables: { pattern: '^[A-Z]+_PORT$' }\n",
      "compose.yaml": 'services:\n  api:\n    image: nginx\n    ports:\n      - "${HTTP_PORT:-8080}:80"\n',
    });
    const run = runCli([], { cwd: dir });
    expect(run.stdout).not.toMatch(/use variable HTTP_PORT/);
  });

  it("derived variable names come from the service and the role of the port, never a port number", () => {
    const dir = project({
      ".portguard.yml": "services:\n  hoppscotch-aio: { category: ui }\n",
      "compose.yaml":
        'services:\n  hoppscotch-aio:\n    image: hoppscotch/hoppscotch\n    ports:\n      - "3000:3000"\n      - "3100:3100"\n      - "3170:3170"\n      - "8081:80"\n',
    });
    const json = JSON.parse(runCli(["--format", "json"], { cwd: dir }).stdout);
    const variables = [
      ...new Set(json.diagnostics.flatMap((d: { suggestion?: { variable?: string } }) => d.suggestion?.variable ?? [])),
    ];
    expect(variables.sort()).toEqual([
      "HOPPSCOTCH_AIO_HTTP_PORT",
      "HOPPSCOTCH_AIO_PORT",
      "HOPPSCOTCH_AIO_SECOND_PORT",
      "HOPPSCOTCH_AIO_THIRD_PORT",
    ]);
  });
});

describe("discovery", () => {
  it("no compose file found without PATHs is exit 2 naming the root and the patterns", () => {
    const dir = project({ "README.md": "nothing here\n" });
    const run = runCli([], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `portguard: no compose files found under ${dir} (looked for **/docker-compose*.y?(a)ml`,
    );
    expect(run.stdout).toBe("");
  });

  it("git-ignored compose files are skipped, their .env still read; PATHs name them explicitly", () => {
    const dir = project({
      ".gitignore": "compose.override.yaml\n.env\n",
      ".env": "PG_PORT=7000\n",
      "compose.yaml": `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}`,
      "compose.override.yaml": 'services:\n  pg:\n    ports:\n      - "5432:5432"\n',
    });
    git(dir, "init", "-q");
    const run = runCli(["--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics).toEqual([]);
    expect(report.summary.files).toBe(2);
    expect(run.status).toBe(0);
    const named = runCli(["--format", "json", "compose.override.yaml"], { cwd: dir });
    expect(named.status).toBe(1);
  });

  it("git's ignores hold from a subfolder of the repository, in a worktree and with GIT_DIR", () => {
    const good = `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}`;
    const local = 'services:\n  pg:\n    ports:\n      - "5432:5432"\n';
    const dir = project({
      ".gitignore": "compose.override.yaml\n",
      "app/.env": "PG_PORT=7000\n",
      "app/compose.yaml": good,
    });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", ".");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--no-verify", "-m", "app");
    writeFileSync(join(dir, "app/compose.override.yaml"), local);
    // The repository's root is above the project: .git is found there.
    expect(runCli([], { cwd: join(dir, "app") }).status).toBe(0);
    // Named through a link from outside the repository (--cwd keeps the link's path): git sees
    // the real folder.
    const outsideRepo = project({});
    const link = join(outsideRepo, "app");
    symlinkSync(join(dir, "app"), link);
    expect(runCli(["--cwd", link], { cwd: outsideRepo }).status).toBe(0);
    // A worktree: .git is a file.
    const worktree = join(project({}), "tree");
    git(dir, "worktree", "add", "-q", worktree);
    writeFileSync(join(worktree, "app/compose.override.yaml"), local);
    expect(runCli([], { cwd: join(worktree, "app") }).status).toBe(0);
    // No .git anywhere above: only GIT_DIR says where the repository is.
    const outside = project({ ".env": "PG_PORT=7000\n", "compose.yaml": good, "compose.override.yaml": local });
    const gitDir = join(project({}), "repo.git");
    execFileSync("git", ["init", "-q", "--separate-git-dir", gitDir, outside]);
    rmSync(join(outside, ".git"));
    writeFileSync(join(outside, ".gitignore"), "compose.override.yaml\n");
    expect(runCli([], { cwd: outside }).status).toBe(1);
    expect(runCli([], { cwd: outside, env: { GIT_DIR: gitDir, GIT_WORK_TREE: outside } }).status).toBe(0);
  });

  it("files.ignore adds to the default ignores", () => {
    const bad = `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}`;
    const dir = project({
      ".portguard.yml": "files:\n  ignore: ['legacy/**']\n",
      "compose.yaml": `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}`,
      "legacy/compose.yaml": bad,
      "node_modules/pkg/compose.yaml": bad,
    });
    const run = runCli(["--format", "json"], { cwd: dir });
    expect(JSON.parse(run.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    expect(runCli(["check", "--print-config"], { cwd: dir }).stdout).toMatch(
      /ignore:\n {4}- "\*\*\/node_modules\/\*\*"\n {4}- "\*\*\/dist\/\*\*"\n {4}- "\*\*\/vendor\/\*\*"\n {4}- legacy\/\*\*\n/,
    );
  });
});

describe("honest defaults and the docs table", () => {
  it("prom/node-exporter is an exporter, like prom/mysqld-exporter; Grafana is monitoring (not governed)", () => {
    const dir = project({
      "compose.yaml":
        'services:\n  node:\n    image: prom/node-exporter:v1.8.0\n    ports:\n      - "9100:9100"\n  grafana:\n    image: grafana/grafana\n    ports:\n      - "3000:3000"\n',
    });
    const ports = JSON.parse(runCli(["ports", "--format", "json"], { cwd: dir }).stdout);
    expect(ports.bindings.map((b: { service: string; category: string }) => [b.service, b.category])).toEqual([
      ["node", "exporter"],
      ["grafana", "monitoring"],
    ]);
    const json = JSON.parse(runCli(["--format", "json"], { cwd: dir }).stdout);
    expect(
      json.diagnostics.filter((d: { service: string }) => d.service === "node").map((d: { rule: string }) => d.rule),
    ).toEqual(["PG102", "PG103"]);
    expect(json.diagnostics.filter((d: { service: string }) => d.service === "grafana")).toEqual([]);
  });

  it("the docs table says what it lists, has no line numbers unless asked, and survives an unrelated edit", () => {
    const compose = `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}`;
    const dir = project({ ".env": "PG_PORT=7000\n", "compose.yaml": compose });
    expect(runCli(["docs"], { cwd: dir }).status).toBe(0);
    const docs = readFileSync(join(dir, "PORTS-CONVENTION.md"), "utf8");
    expect(docs).toContain("Listed: services of the categories database, ui, exporter");
    expect(docs).toContain("| databases | pg | database | PG_PORT | 7000 | 5432 | compose.yaml |");
    writeFileSync(join(dir, "compose.yaml"), `# the team's stack\n\n${compose}`);
    const check = runCli(["docs", "--check"], { cwd: dir });
    expect(check.stdout).toBe("PORTS-CONVENTION.md is up to date.\n");
    expect(check.status).toBe(0);
    expect(runCli(["docs", "--check", "--with-lines"], { cwd: dir }).status).toBe(1);
    runCli(["docs", "--with-lines"], { cwd: dir });
    expect(readFileSync(join(dir, "PORTS-CONVENTION.md"), "utf8")).toContain("| compose.yaml:7 |");
  });
});

describe("fix, preflight and rule precision", () => {
  it("fix declares new variables in the committed stand-in too when .env is git-ignored", () => {
    const dir = project({
      ".gitignore": ".env\n",
      ".env": "SECRET_TOKEN=hunter2\n",
      "compose.yaml": `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}`,
    });
    git(dir, "init", "-q");
    const run = runCli(["fix", "--force"], { cwd: dir });
    expect(run.stdout).toContain("created .env.example");
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe("SECRET_TOKEN=hunter2\nPG_PORT=7000\n");
    expect(readFileSync(join(dir, ".env.example"), "utf8")).toBe("PG_PORT=7000\n");
    expect(runCli([], { cwd: dir }).status).toBe(0);
  });

  it("PG201 names the data directory, never a config file's bind mount; the cache label turns it off", () => {
    const redis = (extra: string) =>
      `services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n    ports:\n      - "\${CACHE_PORT:-7000}:6379"\n    volumes:\n      - ./redis.conf:/usr/local/etc/redis/redis.conf\n${extra}`;
    const dir = project({ ".env": "CACHE_PORT=7000\n", "compose.yaml": redis("") });
    const json = JSON.parse(runCli(["--format", "json"], { cwd: dir }).stdout);
    const pg201 = json.diagnostics.filter((d: { rule: string }) => d.rule === "PG201");
    expect(pg201).toHaveLength(1);
    expect(pg201[0].message).toBe(
      "cache has no volume for its data (/data): recreating the container (for a port change) loses it; mount a named volume",
    );
    expect(pg201[0].line).toBe(2);
    const cache = project({
      ".env": "CACHE_PORT=7000\n",
      "compose.yaml": redis("    labels:\n      portguard.data: none\n"),
    });
    const clean = runCli([], { cwd: cache });
    expect(clean.stdout).toMatch(/✔ no problems/);
    expect(clean.status).toBe(0);
  });

  it("PG101 in a range for nobody reads as a sentence", () => {
    const dir = project({
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-7300}:3000"\n',
    });
    const json = JSON.parse(runCli(["--format", "json"], { cwd: dir }).stdout);
    expect(json.diagnostics[0].message).toBe(
      "api (app) publishes host port 7300 inside range reserved 7300-7999, where no service may publish",
    );
  });
});

describe("PG108 and a listen port the service names", () => {
  it("MinIO told to listen on :3200 by its command, PostgreSQL by -p, an app server by its environment", () => {
    const minio = (command: string) =>
      `services:\n  s3:\n    image: minio/minio\n    command: ${command}\n    ports:\n      - "\${S3_PORT:-7000}:3200"\n    volumes:\n      - s3:/data\nvolumes:\n  s3:\n    name: data-s3\n`;
    const rules = (compose: string, env = "S3_PORT=7000\n") =>
      JSON.parse(
        runCli(["--format", "json"], { cwd: project({ ".env": env, "compose.yaml": compose }) }).stdout,
      ).diagnostics.map((d: { rule: string }) => d.rule);
    expect(rules(minio('server /data --address ":3200"'))).not.toContain("PG108");
    expect(rules(minio('["server", "/data", "--address=0.0.0.0:3200"]'))).not.toContain("PG108");
    expect(rules(minio("server /data"))).toContain("PG108");
    const pg = `services:\n  db:\n    image: postgres:16\n    command: postgres -p 5433\n    environment:\n      PGPORT: "5433"\n    ports:\n      - "\${DB_PORT:-7000}:5433"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n`;
    expect(rules(pg, "DB_PORT=7000\n")).not.toContain("PG108");
    const env = pg.replace("    command: postgres -p 5433\n", "");
    expect(rules(env, "DB_PORT=7000\n")).not.toContain("PG108");
    expect(rules(env.replace('      PGPORT: "5433"\n', '      PGDATA: "/x"\n'), "DB_PORT=7000\n")).toContain("PG108");
  });
});
