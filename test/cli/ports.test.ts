/** `portguard ports --free` and `--format html`, run from the built CLI. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "parse5";
import { afterAll, describe, expect, it } from "vitest";
import { project, runCli } from "../support/cli.js";
import { EXAMPLE_AFTER, EXAMPLE_BEFORE, troubledStack } from "../support/stacks.js";

const troubled = troubledStack();
afterAll(() => troubled.remove());

const db = (name: string, port: string) =>
  `  ${name}:\n    image: postgres:16\n    ports:\n      - "${port}"\n    volumes:\n      - ${name}:/var/lib/postgresql/data\n`;

describe("ports --free", () => {
  it("the next free port of every range, free in the plan", () => {
    const run = runCli(["ports", "--free"], { cwd: EXAMPLE_AFTER });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "RANGE         PORTS      FOR       USED  FREE  NEXT FREE",
        "databases     7000-7099  database  10    90    7004",
        "database-uis  7100-7199  ui        3     97    7103",
        "exporters     7200-7299  exporter  1     99    7201",
        "reserved      7300-7999  nobody    0     700   -",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(0);
  });

  it("for one category: the port alone, as a script reads it; JSON too", () => {
    const run = runCli(["ports", "--free", "database"], { cwd: EXAMPLE_AFTER });
    expect([run.status, run.stdout]).toEqual([0, "7004\n"]);
    // A wrong binding still holds its port: 7000 is taken twice, 7050 by an app.
    expect(runCli(["ports", "--free", "ui"], { cwd: troubled.dir }).stdout).toBe("7103\n");
    const json = JSON.parse(runCli(["ports", "--free", "database", "--format", "json"], { cwd: troubled.dir }).stdout);
    expect(json).toEqual({
      version: 1,
      category: "database",
      next: { port: 7004, range: "databases", host: "default" },
      ranges: [
        {
          host: "default",
          name: "databases",
          start: 7000,
          end: 7099,
          for: ["database"],
          used: 11,
          free: 89,
          next: 7004,
        },
      ],
    });
  });

  it("says why there is no port: a category without range, a full range (exit 1)", () => {
    const app = runCli(["ports", "--free", "app"], { cwd: EXAMPLE_AFTER });
    expect([app.status, app.stdout, app.stderr]).toEqual([
      1,
      "",
      "portguard: app owns no range in the policy: no port to hand out\n",
    ]);
    const dir = project({
      ".portguard.yml": "ranges:\n  - { name: tiny, ports: 7000-7001, for: [database] }\n",
      "compose.yaml": `services:\n${db("a", "${A_PORT:-7000}:5432")}${db("b", "${B_PORT:-7001}:5432")}`,
    });
    const full = runCli(["ports", "--free", "database"], { cwd: dir });
    expect([full.status, full.stderr]).toEqual([1, "portguard: no free port left for database in tiny 7000-7001\n"]);
    expect(runCli(["ports", "--free"], { cwd: dir }).stdout).toContain("tiny   7000-7001  database  2     0     full");
  });

  it("usage errors: an unknown category, two categories, --host without --free, an unknown host (exit 2)", () => {
    const cases: [string[], string][] = [
      [
        ["ports", "--free", "databse"],
        "portguard: unknown category: databse (did you mean database?) (known: app, database, exporter, monitoring, ui)\n",
      ],
      [["ports", "--free", "database", "ui"], "portguard: --free takes one category at most (got database, ui)\n"],
      [["ports", "--host", "default"], "portguard: --host goes with --free\n"],
      [["ports", "--free", "--host", "prod"], "portguard: --host: no host prod in the plan (known: default)\n"],
      [["ports", "--free", "--format", "html"], "portguard: --free --format html: must be one of table, json\n"],
      [["ports", "--format", "xml"], "portguard: --format xml: must be one of table, json, html\n"],
    ];
    for (const [args, stderr] of cases) {
      const run = runCli(args, { cwd: EXAMPLE_AFTER });
      expect([args.join(" "), run.status, run.stderr]).toEqual([args.join(" "), 2, stderr]);
    }
  });

  it("several hosts: --host picks one; a category without --host is ambiguous", () => {
    const dir = project({
      ".portguard.yml": "hosts:\n  - { name: prod, compose: ['prod/**'] }\n",
      "compose.yaml": `services:\n${db("a", "${A_PORT:-7000}:5432")}`,
      "prod/compose.yaml": `services:\n${db("a", "${A_PORT:-7000}:5432")}${db("b", "${B_PORT:-7001}:5432")}`,
    });
    expect(runCli(["ports", "--free", "database", "--host", "prod"], { cwd: dir }).stdout).toBe("7002\n");
    expect(runCli(["ports", "--free", "database", "--host", "default"], { cwd: dir }).stdout).toBe("7001\n");
    const ambiguous = runCli(["ports", "--free", "database"], { cwd: dir });
    expect([ambiguous.status, ambiguous.stderr]).toEqual([
      2,
      "portguard: the plan has several hosts (default, prod): pass --host NAME\n",
    ]);
    expect(runCli(["ports", "--free"], { cwd: dir }).stdout.split("\n")[0]).toMatch(/^HOST\s+RANGE\s+PORTS/);
  });
});

describe("ports --format html", () => {
  it("writes one page with -o, the same as on stdout, that parses without errors", () => {
    const dir = project({});
    const out = join(dir, "map.html");
    const run = runCli(["ports", "--format", "html", "-o", out, "--cwd", EXAMPLE_BEFORE], { cwd: dir });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `wrote ${out}\n`, ""]);
    const html = readFileSync(out, "utf8");
    expect(runCli(["ports", "--format", "html"], { cwd: EXAMPLE_BEFORE }).stdout).toBe(html);
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(html).toContain("<title>Port map: before</title>");
    // Every binding of the stack has its row: 16 in before/, each outside its range or ungoverned.
    expect(html.match(/<tr id="b\d+" class="binding /g)).toHaveLength(16);
  });
});
