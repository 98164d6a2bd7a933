import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CLI, jsonReport, project, runCli } from "../support/cli.js";
import { cliInProcess } from "../support/in-process.js";

const DB = (name: string, port: string, extra = "") =>
  `  ${name}:\n    image: postgres:16\n    ports:\n      - "${port}"\n    volumes:\n      - ${name}:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: always\n${extra}`;
const VOLUMES = (...names: string[]) => `volumes:\n${names.map((n) => `  ${n}:\n    name: data-${n}\n`).join("")}`;

const CLEAN = {
  ".env": "PG_PORT=7000\n",
  "compose.yaml": `services:\n${DB("pg", "${PG_PORT:-7000}:5432")}${VOLUMES("pg")}`,
};
const ERRORS = { "compose.yaml": `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}` };
const WARNINGS = {
  ".env": "PG_PORT=7000\n",
  "compose.yaml": `services:\n${DB("pg", "${PG_PORT}:5432")}${VOLUMES("pg")}`,
};

describe("the built CLI", () => {
  it("a reader that goes away early (| head) ends the output quietly, keeping the exit code", async () => {
    const child = spawn(process.execPath, [CLI, "check", "--cwd", "examples/trading-system/before"], {
      cwd: join(import.meta.dirname, "../.."),
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((done) => child.on("close", done));
    expect(stderr).toBe("");
    expect(code).toBe(1);
  });

  it("--version and --help", async () => {
    const dir = project({});
    expect(runCli(["--version"], { cwd: dir }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runCli(["--help"], { cwd: dir });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
    expect(help.stdout).toMatch(/Exit codes/);
  });

  it("usage errors exit 2 with one line", async () => {
    const dir = project(CLEAN);
    for (const args of [
      ["--bogus"],
      ["frobnicate"],
      ["check", "--format", "xml"],
      ["check", "nope.yml"],
      ["--max-warnings", "x"],
    ]) {
      const run = runCli(args, { cwd: dir });
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(run.stderr).toMatch(/^portguard: /);
    }
  });

  it("exit codes: 0 clean, 1 errors, 0 warnings only, 1 past --max-warnings", async () => {
    expect(runCli([], { cwd: project(CLEAN) }).status).toBe(0);
    expect(runCli([], { cwd: project(ERRORS) }).status).toBe(1);
    const warnings = project(WARNINGS);
    const run = runCli(["check"], { cwd: warnings });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/warning/);
    expect(runCli(["check", "--max-warnings", "0"], { cwd: warnings }).status).toBe(1);
    expect(runCli(["check", "--max-warnings", "5"], { cwd: warnings }).status).toBe(0);
  });

  it("--quiet reports errors only", async () => {
    const run = runCli(["check", "--quiet", "--format", "json"], {
      cwd: project({ ...ERRORS, ".env": "X_PORT=1\nX_PORT=2\n" }),
    });
    const report = jsonReport(run);
    expect(report.diagnostics.every((d) => d.severity === "error")).toBe(true);
    expect(report.summary.warnings).toBe(0);
  });

  it("--output writes the report in its format and keeps stylish on stdout", async () => {
    const dir = project(ERRORS);
    const run = runCli(["check", "--format", "sarif", "--output", "out.sarif"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/ PG102\n/);
    const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
  });

  it("the JSON report contract", async () => {
    const report = JSON.parse(runCli(["check", "--format", "json"], { cwd: project(ERRORS) }).stdout);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: "portguard", version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(report.diagnostics[0]).toEqual({
      rule: "PG102",
      name: "category-range",
      severity: "error",
      file: "compose.yaml",
      line: 5,
      column: 9,
      endLine: 5,
      endColumn: 20,
      message: "pg (database) publishes host port 5432 outside its range: databases 7000-7099",
      messageId: "outside",
      fixable: true,
      url: "https://github.com/portguard/portguard/blob/main/docs/rules/PG102-category-range.md",
      service: "pg",
      suggestion: { port: 7000, variable: "PG_PORT" },
    });
    expect(report.summary).toEqual({ errors: 2, warnings: 0, infos: 0, files: 1 });
  });

  it("colour only on a terminal, never with NO_COLOR or --no-color", async () => {
    const dir = project(ERRORS);
    const tty = async (args: string[], env: Record<string, string>) => {
      let out = "";
      const stdout = (t: string) => {
        out += t;
      };
      await main(args, { cwd: dir, env, stdout, stderr: () => {}, isTTY: true });
      return out;
    };
    expect(await tty(["check"], {})).toContain("\u001b[");
    expect(await tty(["check"], { NO_COLOR: "1" })).not.toContain("\u001b[");
    expect(await tty(["check", "--no-color"], {})).not.toContain("\u001b[");
    expect(runCli(["check"], { cwd: dir, env: { NO_COLOR: "" } }).stdout).not.toContain("\u001b[");
  });
});

describe("formats", () => {
  const dir = () => project({ "a,b:c/compose.yaml": `services:\n${DB("pg", "5432:5432")}${VOLUMES("pg")}` });

  it("github: escaped workflow commands, columns only on one-line ranges, most severe first", async () => {
    const out = (await cliInProcess(["check", "--format", "github"], dir())).stdout.trim().split("\n");
    expect(out[0]).toBe(
      "::error file=a%2Cb%3Ac/compose.yaml,line=5,endLine=5,col=9,endColumn=20,title=PG102 category-range::pg (database) publishes host port 5432 outside its range: databases 7000-7099 (use port 7000 through ${PG_PORT:-7000})",
    );
    expect(out.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
  });

  it("sarif: what GitHub code scanning requires", async () => {
    const sarif = JSON.parse((await cliInProcess(["check", "--format", "sarif"], dir())).stdout);
    expect(sarif.$schema).toMatch(/sarif/);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("portguard");
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^PG\d{3}$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
    }
    const result = run.results[0];
    expect(result.ruleId).toBe("PG102");
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe("PG102");
    expect(result.level).toBe("error");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "a%2Cb%3Ac/compose.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 20 },
    });
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    const hashes = run.results.map(
      (r: { partialFingerprints: { primaryLocationLineHash: string } }) =>
        r.partialFingerprints.primaryLocationLineHash,
    );
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("markdown: a table with every finding", async () => {
    const out = (await cliInProcess(["check", "--format", "markdown"], dir())).stdout;
    expect(out).toMatch(/^### portguard: 2 error\(s\)/);
    expect(out).toMatch(/\| error \| `a,b:c\/compose.yaml:5` \| PG102 category-range \|/);
  });

  it("stylish: file, line:col, severity, message, rule, suggestion, summary", async () => {
    const out = (await cliInProcess(["check"], dir())).stdout;
    expect(out).toContain("a,b:c/compose.yaml\n  5:9  error    pg (database) publishes host port 5432");
    expect(out).toContain(" PG102\n");
    expect(out).toContain(" PG103\n");
    // PG102 and PG103 at one place: one suggestion, after the last of them.
    expect(out.match(/→ use port 7000 through \$\{PG_PORT:-7000\}/g)).toHaveLength(1);
    expect(out).toMatch(
      /✖ 2 problems \(2 errors, 0 warnings, 0 infos\)\n {2}2 fixable with `portguard fix` \(review first: `portguard fix --dry-run`\)\n$/,
    );
  });
});

describe("loading", () => {
  it("PATHs narrow what is reported but the whole project is loaded", async () => {
    const dir = project({
      ".git/HEAD": "ref: refs/heads/main\n",
      "one/compose.yaml": 'services:\n  a:\n    build: .\n    ports:\n      - "8080:80"\n',
      "two/compose.yaml": 'services:\n  b:\n    build: .\n    ports:\n      - "8080:80"\n',
    });
    const all = JSON.parse((await cliInProcess(["check", "--format", "json"], dir)).stdout);
    expect(all.diagnostics.map((d: { file: string }) => d.file)).toEqual(["one/compose.yaml", "two/compose.yaml"]);
    const narrowed = JSON.parse((await cliInProcess(["check", "--format", "json", "two"], dir)).stdout);
    expect(narrowed.diagnostics.map((d: { file: string; message: string }) => [d.file, d.message])).toEqual([
      ["two/compose.yaml", "host port 8080/tcp of b is also published by a (one/compose.yaml:5)"],
    ]);
    const fromInside = JSON.parse(
      (await cliInProcess(["check", "--format", "json", "compose.yaml"], join(dir, "two"))).stdout,
    );
    expect(fromInside.diagnostics).toHaveLength(1);
  });

  it("--cwd, and the config's folder as the project root", async () => {
    const dir = project({
      "stack/.portguard.yml": "rules:\n  PG102: off\n",
      ...prefix("stack/", ERRORS),
      "elsewhere/compose.yaml": "services: {}\n",
    });
    const report = JSON.parse((await cliInProcess(["check", "--format", "json", "--cwd", "stack"], dir)).stdout);
    expect(report.diagnostics.map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`)).toEqual([
      "PG103 compose.yaml",
    ]);
  });

  it("--use-process-env lets the environment win over .env", async () => {
    const dir = project(CLEAN);
    expect((await cliInProcess(["check"], dir, { PG_PORT: "5432" })).status).toBe(0);
    const run = await cliInProcess(["check", "--format", "json", "--use-process-env"], dir, { PG_PORT: "5432" });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.find((d: { rule: string }) => d.rule === "PG102").message).toMatch(
      /PG_PORT from the environment/,
    );
  });

  it("a YAML file named on the command line is checked as a compose file", async () => {
    const dir = project({ "deploy/stack.yml": `services:\n${DB("pg", "5432:5432")}` });
    const unnamed = await cliInProcess(["check", "--format", "json"], dir);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/^portguard: no compose files found under /);
    const report = JSON.parse((await cliInProcess(["check", "--format", "json", "deploy/stack.yml"], dir)).stdout);
    expect(report.diagnostics.map((d: { rule: string }) => d.rule)).toContain("PG102");
  });

  it("files.ignore adds to the default list; node_modules and .git are always skipped", async () => {
    const bad = `services:\n${DB("pg", "5432:5432")}`;
    const files = {
      "legacy/compose.yaml": bad,
      "node_modules/x/compose.yaml": bad,
      "dist/compose.yaml": bad,
      "vendor/compose.yaml": bad,
    };
    const reported = async (dir: string) => [
      ...new Set(
        JSON.parse((await cliInProcess(["check", "--format", "json"], dir)).stdout).diagnostics.map(
          (d: { file: string }) => d.file,
        ),
      ),
    ];
    expect(await reported(project(files))).toEqual(["legacy/compose.yaml"]);
    const custom = project({
      ...files,
      "compose.yaml": "services: {}\n",
      ".portguard.yml": "files:\n  ignore: ['legacy/**']\n",
    });
    expect(await reported(custom)).toEqual([]);
  });
});

describe("ports and rules", () => {
  it("ports: table and JSON", async () => {
    const dir = project({
      ".env": "PG_PORT=7001\n",
      "compose.yaml":
        'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:${PG_PORT:-7000}:5432"\n      - "7040-7042:8123-8125/udp"\n      - "5433"\n',
    });
    const json = JSON.parse((await cliInProcess(["ports", "--format", "json"], dir)).stdout);
    expect(json).toEqual({
      version: 1,
      bindings: [
        {
          file: "compose.yaml",
          line: 5,
          service: "pg",
          category: "database",
          hostIp: "127.0.0.1",
          hostPort: 7001,
          hostPortEnd: 7001,
          containerPort: 5432,
          containerPortEnd: 5432,
          protocol: "tcp",
          variable: "PG_PORT",
          default: 7000,
          project: basename(dir).toLowerCase(),
          profiles: [],
          variant: null,
        },
        {
          file: "compose.yaml",
          line: 6,
          service: "pg",
          category: "database",
          hostIp: "",
          hostPort: 7040,
          hostPortEnd: 7042,
          containerPort: 8123,
          containerPortEnd: 8125,
          protocol: "udp",
          variable: null,
          default: null,
          project: basename(dir).toLowerCase(),
          profiles: [],
          variant: null,
        },
        {
          file: "compose.yaml",
          line: 7,
          service: "pg",
          category: "database",
          hostIp: "",
          hostPort: null,
          hostPortEnd: null,
          containerPort: 5433,
          containerPortEnd: 5433,
          protocol: "tcp",
          variable: null,
          default: null,
          project: basename(dir).toLowerCase(),
          profiles: [],
          variant: null,
        },
      ],
    });
    const table = (await cliInProcess(["ports"], dir)).stdout;
    expect(table.split("\n")[0]).toMatch(/^HOST PORT\s+PROTO\s+HOST IP\s+CONTAINER\s+SERVICE/);
    expect(table).toMatch(/7040-7042\s+udp\s+\*\s+8123-8125\s+pg/);
  });

  it("rules: the catalogue with the policy's severities", async () => {
    const dir = project({ ".portguard.yml": "rules:\n  PG110: warning\n  PG203: off\n" });
    const json = JSON.parse((await cliInProcess(["rules", "--format", "json"], dir)).stdout);
    const byId = new Map(json.rules.map((r: { id: string }) => [r.id, r]));
    expect(byId.get("PG110")).toMatchObject({
      severity: "warning",
      defaultSeverity: "info",
      name: "sequential-instances",
    });
    expect(byId.get("PG203")).toMatchObject({ severity: "off" });
    expect((await cliInProcess(["rules"], dir)).stdout).toMatch(/PG107\s+port-conflict\s+error/);
  });
});

function prefix(p: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [p + k, v]));
}
