/**
 * The project model as docker compose loads and runs it: which files make a project, what it is
 * called, what runs together. Tables with exact positions, as in rules.test.ts.
 */
import { describe, expect, it } from "vitest";
import { formatMarkdown, formatStylish } from "../../src/core/format/index.js";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { lintFiles, positions } from "../support/lint.js";

const pg = (name: string, port: string, extra = "") =>
  `  ${name}:\n    image: postgres:16\n    ports:\n      - "${port}"\n${extra}`;

function model(files: Record<string, string>, rootName = "repo") {
  const config = files[".portguard.yml"];
  const policy = loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config });
  return lintRun(memoryTree(files), policy, { rootName }).context.assembly.projects;
}

describe("which files make the project", () => {
  it("COMPOSE_FILE in .env names the files, whatever their names: a hardcoded port in them is found", () => {
    const files = {
      ".env": "COMPOSE_FILE=base.yml:prod.yml\n",
      "base.yml": `services:\n${pg("db", "5432:5432")}`,
      "prod.yml": 'services:\n  db:\n    ports:\n      - "5433:5432"\n',
    };
    const report = lintFiles(files);
    expect(positions(report, "PG103")).toEqual(["PG103 base.yml:5:9-5:20", "PG103 prod.yml:4:9-4:20"]);
    const [project] = model(files);
    expect(project?.files).toEqual(new Set(["base.yml", "prod.yml"]));
  });

  it("COMPOSE_PATH_SEPARATOR, and a missing file is PG001 at the COMPOSE_FILE line", () => {
    const report = lintFiles({
      ".env": "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=a.yml;missing.yml\n",
      "a.yml": `services:\n${pg("db", "${DB_PORT:-7000}:5432")}`,
    });
    expect(positions(report, "PG001")).toEqual(["PG001 .env:2:1-2:13"]);
    expect(report.diagnostics.find((d) => d.rule === "PG001")?.message).toBe(
      "COMPOSE_FILE names missing.yml, which does not exist",
    );
  });

  it("--use-process-env: COMPOSE_FILE and COMPOSE_PROJECT_NAME from the environment", () => {
    const files = {
      "base.yml": `services:\n${pg("db", "${DB_PORT:-7000}:5432")}`,
      "compose.yaml": `services:\n${pg("other", "${O_PORT:-7001}:5432")}`,
    };
    const projects = lintRun(memoryTree(files), loadPolicy(null), {
      rootName: "repo",
      processEnv: { COMPOSE_FILE: "base.yml", COMPOSE_PROJECT_NAME: "fromenv" },
    }).context.assembly.projects;
    const main = projects.find((p) => p.variant === null);
    expect(main?.file).toBe("base.yml");
    expect(main?.name).toBe("fromenv");
  });

  it("a committed stand-in of .env under another name supplies the values, and is named", () => {
    const report = lintFiles({
      "env.example": "DB_PORT=5432\n",
      "compose.yaml": `services:\n${pg("db", "${DB_PORT}:5432")}`,
    });
    expect(positions(report, "PG102")).toEqual(["PG102 compose.yaml:5:9-5:26"]);
    expect(report.diagnostics.find((d) => d.rule === "PG102")?.message).toContain("env.example:1");
  });

  it("an empty port variable publishes a random port: PG301 at the .env line, PG113 at the binding", () => {
    const report = lintFiles({
      ".env": "CACHE_PORT=\n",
      "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${CACHE_PORT-7031}:6379"\n',
    });
    expect(positions(report, "PG301")).toEqual(["PG301 .env:1:1-1:11"]);
    expect(positions(report, "PG113")).toEqual(["PG113 compose.yaml:5:9-5:34"]);
  });

  it("a missing ${VAR:?} in a port is PG001 where it is written, and the port map shows no made-up port", () => {
    const report = lintFiles({ "compose.yaml": `services:\n${pg("db", "${DB_PORT:?set DB_PORT}:5432")}` });
    expect(positions(report, "PG001")).toEqual(["PG001 compose.yaml:5:9-5:39"]);
    expect(report.diagnostics.find((d) => d.rule === "PG001")?.message).toBe(
      "required variable DB_PORT is missing a value: set DB_PORT",
    );
    // PG104 (no default) still applies; nothing is judged on a host port compose never gets.
    expect(report.diagnostics.filter((d) => d.rule.startsWith("PG1")).map((d) => d.rule)).toEqual(["PG104"]);
    expect(report.bindings).toEqual([]);
  });

  it("a value that is not a port, in a port, is never quoted: the message names the variable", () => {
    const report = lintFiles({
      ".env": "API_KEY=ak-SECRET-12345\n",
      "compose.yaml": 'services:\n  api:\n    build: .\n    ports:\n      - "${API_PORT:-3000}:${API_KEY}"\n',
    });
    expect(positions(report, "PG001")).toEqual(["PG001 compose.yaml:5:9-5:39"]);
    const text = JSON.stringify(report);
    expect(text).not.toContain("ak-SECRET");
    expect(report.diagnostics.find((d) => d.rule === "PG001")?.message).toBe(
      "invalid port mapping: invalid containerPort: ${API_KEY}",
    );
  });
});

describe("the project name", () => {
  const volume = "    volumes:\n      - data:/var/lib/postgresql/data\n";
  const files = (env: string, name = "") => ({
    ".env": env,
    "compose.yaml": `${name}services:\n${pg("db", "${DB_PORT:-7000}:5432", volume)}volumes:\n  data:\n`,
  });

  it.each([
    ["COMPOSE_PROJECT_NAME from .env", files("COMPOSE_PROJECT_NAME=trading\n"), "trading_data"],
    ["COMPOSE_PROJECT_NAME wins over name:", files("COMPOSE_PROJECT_NAME=trading\n", "name: other\n"), "trading_data"],
    ["name: normalised", files("", "name: My.Stack\n"), "mystack_data"],
    ["the folder name, normalised", files(""), "repo_data"],
  ])("%s names the volume in PG202 (what fix writes)", (_, f, actual) => {
    const report = lintFiles(f, { rootName: "Repo" });
    expect(report.diagnostics.find((d) => d.rule === "PG202")?.message).toContain(`compose calls it ${actual}`);
  });

  it("an invalid COMPOSE_PROJECT_NAME is PG001 at its line", () => {
    expect(positions(lintFiles(files("COMPOSE_PROJECT_NAME=My.Proj\n")), "PG001")).toEqual(["PG001 .env:1:1-1:21"]);
  });
});

describe("what runs together", () => {
  const conflicts = (files: Record<string, string>) => positions(lintFiles(files), "PG107");

  it("services whose profile sets are disjoint never conflict; without profiles a service runs with all", () => {
    const files = {
      "compose.yaml": `services:\n${pg("a", "${A_PORT:-7000}:5432", "    profiles: [dev]\n")}${pg("b", "${B_PORT:-7000}:5432", "    profiles: [prod]\n")}`,
    };
    expect(conflicts(files)).toEqual([]);
    const withAll = {
      "compose.yaml": `${files["compose.yaml"]}${pg("c", "${C_PORT:-7000}:5432")}`,
    };
    expect(conflicts(withAll)).toEqual([
      "PG107 compose.yaml:5:9-5:31",
      "PG107 compose.yaml:10:9-10:31",
      "PG107 compose.yaml:15:9-15:31",
    ]);
  });

  it("profiles the policy (or COMPOSE_PROFILES) starts together do conflict", () => {
    const compose = `services:\n${pg("a", "${A_PORT:-7000}:5432", "    profiles: [dev]\n")}${pg("b", "${B_PORT:-7000}:5432", "    profiles: [debug]\n")}`;
    const expected = ["PG107 compose.yaml:5:9-5:31", "PG107 compose.yaml:10:9-10:31"];
    expect(
      conflicts({ "compose.yaml": compose, ".portguard.yml": "profiles:\n  together:\n    - [dev, debug]\n" }),
    ).toEqual(expected);
    expect(conflicts({ "compose.yaml": compose, ".portguard.yml": 'profiles:\n  together: [["*"]]\n' })).toEqual(
      expected,
    );
    expect(conflicts({ "compose.yaml": compose, ".env": "COMPOSE_PROFILES=dev,debug\n" })).toEqual(expected);
    expect(conflicts({ "compose.yaml": compose })).toEqual([]);
  });

  it("variants of a folder's default stack never conflict with it or each other", () => {
    const files = {
      "compose.yaml": `services:\n${pg("db", "${DB_PORT:-7000}:5432")}`,
      "docker-compose.ci.yml": `services:\n${pg("ci-db", "${CI_DB_PORT:-7000}:5432")}`,
      "docker-compose.prod.yml": `services:\n${pg("prod-db", "${PROD_DB_PORT:-7000}:5432")}`,
    };
    expect(conflicts(files)).toEqual([]);
    const projects = model(files);
    expect(projects.map((p) => [p.file, p.variant, p.group])).toEqual([
      ["compose.yaml", null, ""],
      ["docker-compose.ci.yml", "docker-compose.ci.yml", ""],
      ["docker-compose.prod.yml", "docker-compose.prod.yml", ""],
    ]);
  });

  it("a variant that only adjusts services of the default stack merges over it (as -f default -f variant)", () => {
    const files = {
      "compose.yaml": `services:\n${pg("db", "${DB_PORT:-7000}:5432")}  api:\n    build: .\n`,
      "docker-compose.prod.yml": 'services:\n  api:\n    ports:\n      - "7000:3000"\n',
    };
    const variant = model(files).find((p) => p.variant !== null);
    expect(variant?.files).toEqual(new Set(["compose.yaml", "docker-compose.prod.yml"]));
    // The adjusted api is an app now in the databases' range; the database beside it in that stack collides.
    expect(positions(lintFiles(files), "PG101")).toEqual(["PG101 docker-compose.prod.yml:4:9-4:20"]);
    expect(conflicts(files)).toEqual(["PG107 compose.yaml:5:9-5:32", "PG107 docker-compose.prod.yml:4:9-4:20"]);
  });

  it("files of a folder with no default file run side by side, and conflicts across folders say how to part them", () => {
    const files = {
      "tools/docker-compose.db.yml": `services:\n${pg("db", "${DB_PORT:-7000}:5432")}`,
      "tools/docker-compose.other.yml": `services:\n${pg("other", "${OTHER_PORT:-7000}:5432")}`,
      "deploy/compose.yaml": `services:\n${pg("prod", "${PROD_PORT:-7000}:5432")}`,
    };
    const report = lintFiles(files);
    expect(positions(report, "PG107")).toEqual([
      "PG107 deploy/compose.yaml:5:9-5:34",
      "PG107 tools/docker-compose.db.yml:5:9-5:32",
      "PG107 tools/docker-compose.other.yml:5:9-5:35",
    ]);
    const hint = "declare them in separate hosts";
    expect(formatStylish(report, { color: false })).toContain(hint);
    expect(formatMarkdown(report)).toContain(hint);
    const sameFolder = lintFiles({ "compose.yaml": `services:\n${pg("a", "7000:5432")}${pg("b", "7000:5432")}` });
    expect(formatStylish(sameFolder, { color: false })).not.toContain(hint);
  });

  it("ports --format json says which project, profiles and variant a binding belongs to", () => {
    const report = lintFiles(
      {
        ".env": "COMPOSE_PROJECT_NAME=shop\n",
        "compose.yaml": `services:\n${pg("db", "${DB_PORT:-7000}:5432", "    profiles: [dev]\n")}`,
        "docker-compose.prod.yml": `services:\n${pg("prod-db", "${PROD_PORT:-7001}:5432")}`,
      },
      { rootName: "repo" },
    );
    expect(report.bindings.map((b) => [b.service, b.project, b.profiles, b.variant])).toEqual([
      ["db", "shop", ["dev"], null],
      ["prod-db", "shop", [], "docker-compose.prod.yml"],
    ]);
  });
});
