/** The port plan: occupancy per range, marks from the lint, proposals for a service, the compact tables. */
import { describe, expect, it } from "vitest";
import { redactEnvText } from "../../src/core/env-redaction.js";
import { formatOccupancyJson, formatOccupancyMarkdown, formatOccupancyTable } from "../../src/core/format/occupancy.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { portPlan, proposePorts } from "../../src/core/port-plan.js";
import { lintFiles } from "../support/lint.js";

const VOLUME = (name: string) => `    volumes:\n      - ${name}:/var/lib/postgresql/data\n`;
const db = (name: string, ports: string[]) =>
  `  ${name}:\n    image: postgres:16\n    ports:\n${ports.map((p) => `      - "${p}"\n`).join("")}${VOLUME(name)}`;
const app = (name: string, ports: string[]) =>
  `  ${name}:\n    build: .\n    ports:\n${ports.map((p) => `      - "${p}"\n`).join("")}`;
const volumes = (...names: string[]) => `volumes:\n${names.map((n) => `  ${n}:\n    name: data-${n}\n`).join("")}`;

function planOf(files: Record<string, string>) {
  const config = files[".portguard.yml"];
  const policy = loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config });
  const report = lintFiles(files);
  return { plan: portPlan(report, policy), policy, report };
}

describe("portPlan", () => {
  const files = {
    "compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${db("copy", ["${COPY_PORT:-7000}:5432"])}${db("legacy", ["5432:5432"])}${app("web", ["${WEB_PORT:-3000}:3000"])}${app("sneaky", ["7050:80"])}${app("worker", ["8080"])}${volumes("main", "copy", "legacy")}`,
  };

  it("counts used and free ports per range and finds the next free one", () => {
    const { plan } = planOf(files);
    expect(plan.ranges.map((r) => [r.range.name, r.used, r.free, r.next, r.bindings.map((b) => b.service)])).toEqual([
      ["databases", 2, 98, 7001, ["main", "copy", "sneaky"]],
      ["database-uis", 0, 100, 7100, []],
      ["exporters", 0, 100, 7200, []],
      // Nobody may publish in a reserved range: no next free port there.
      ["reserved", 0, 700, null, []],
    ]);
    expect(plan.ranges[0]?.freeStretches).toEqual([
      { start: 7001, end: 7049 },
      { start: 7051, end: 7099 },
    ]);
  });

  it("marks conflicts (with the other side), wrong ranges, and bindings outside the plan", () => {
    const { plan } = planOf(files);
    const byService = Object.fromEntries(plan.bindings.map((b) => [b.service, b]));
    expect(byService.main?.rules).toContain("PG107");
    expect(byService.main?.conflictsWith).toEqual([{ file: "compose.yaml", line: 11, service: "copy" }]);
    expect(byService.copy?.conflictsWith).toEqual([{ file: "compose.yaml", line: 5, service: "main" }]);
    expect(byService.sneaky?.misplaced).toBe("wrong-range");
    expect(byService.legacy?.misplaced).toBe("outside");
    // copy, the later side of the conflict, is told to take 7001.
    expect(byService.legacy?.suggestion).toEqual({ port: 7002, variable: "LEGACY_PORT" });
    expect(byService.web?.misplaced).toBeNull();
    expect(byService.web?.severity).toBeNull();
    expect(plan.outside.map((b) => b.service)).toEqual(["legacy"]);
    expect(plan.ungoverned.map((b) => b.service)).toEqual(["web"]);
    expect(plan.unpinned.map((b) => b.service)).toEqual(["worker"]);
    expect(plan.summary).toEqual({ bindings: 6, conflicts: 2, misplaced: 2, governed: 3 });
  });

  it("holds registry and allow-listed ports: not free, listed without a binding", () => {
    const { plan } = planOf({
      ".portguard.yml":
        "services:\n  replica: { category: database, port: 7001, variable: REPLICA_PORT }\nallow:\n  - { service: host-pg, port: 7002, reason: kept }\n",
      "compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${volumes("main")}`,
    });
    const databases = plan.ranges[0];
    expect(databases?.used).toBe(3);
    expect(databases?.next).toBe(7003);
    expect(databases?.reservations).toEqual([
      { port: 7001, kind: "registry", service: "replica", variable: "REPLICA_PORT" },
      { port: 7002, kind: "allow", service: "host-pg", reason: "kept" },
    ]);
  });

  it("keeps hosts apart: a port used on one host is free on another", () => {
    const { plan } = planOf({
      ".portguard.yml": "hosts:\n  - { name: prod, compose: ['prod/**'] }\n",
      "compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${volumes("main")}`,
      "prod/compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${db("other", ["${OTHER_PORT:-7001}:5432"])}${volumes("main", "other")}`,
    });
    expect(plan.hosts).toEqual(["default", "prod"]);
    const databases = plan.ranges.filter((r) => r.range.name === "databases");
    expect(databases.map((r) => [r.host, r.used, r.next])).toEqual([
      ["default", 1, 7001],
      ["prod", 2, 7002],
    ]);
    expect(plan.summary.conflicts).toBe(0);
  });

  it("counts a host port range once per port, clipped to each range it touches", () => {
    const { plan } = planOf({
      "compose.yaml": `services:\n${db("wide", ["${WIDE_PORT:-7098-7101}:5432-5435"])}${volumes("wide")}`,
    });
    expect(plan.ranges.slice(0, 2).map((r) => [r.range.name, r.used, r.bindings.length])).toEqual([
      ["databases", 2, 1],
      ["database-uis", 2, 1],
    ]);
  });

  it("tells two mappings on one line apart by the port each diagnostic names", () => {
    const { plan } = planOf({
      "compose.yaml": `services:\n  a:\n    image: postgres:16\n    ports: ["\${A_PORT:-7000}:5432", "5433:5433"]\n${VOLUME("a")}  b:\n    image: postgres:16\n    ports: ["\${B_PORT:-7000}:5432"]\n${VOLUME("b")}${volumes("a", "b")}`,
    });
    const a = plan.bindings.filter((b) => b.service === "a");
    expect(a.map((b) => [b.hostPort, b.rules.includes("PG107"), b.misplaced])).toEqual([
      [7000, true, null],
      [5433, false, "outside"],
    ]);
  });

  it("is the same for the same input", () => {
    expect(JSON.stringify(planOf(files).plan)).toBe(JSON.stringify(planOf(files).plan));
  });
});

describe("proposePorts", () => {
  const files = {
    "compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${db("legacy", ["5432:5432"])}${volumes("main", "legacy")}`,
  };

  it("a new database: the next free port of its range (free in the plan), and a variable named after it", () => {
    const { plan, policy } = planOf(files);
    const proposal = proposePorts(plan, policy, { service: "reporting-db", image: "postgres:16" });
    expect(proposal).toEqual({
      service: "reporting-db",
      category: "database",
      host: "default",
      governed: true,
      ports: [
        {
          containerPort: 5432,
          port: 7001,
          variable: "REPORTING_DB_PORT",
          range: "databases",
          status: "new",
          rules: [],
          compose: '"${REPORTING_DB_PORT:-7001}:5432"',
          env: "REPORTING_DB_PORT=7001",
        },
      ],
    });
  });

  it("several ports of a known image: one port each, named by their role", () => {
    const { plan, policy } = planOf(files);
    const { ports } = proposePorts(plan, policy, { service: "questdb", image: "questdb/questdb:8" });
    expect(ports.map((p) => [p.containerPort, p.port, p.variable])).toEqual([
      [9000, 7001, "QUESTDB_HTTP_PORT"],
      [9009, 7002, "QUESTDB_ILP_PORT"],
      [8812, 7003, "QUESTDB_PG_PORT"],
      [9003, 7004, "QUESTDB_MIN_PORT"],
    ]);
  });

  it("a service already there: its binding, and the lint's suggestion where it is wrong", () => {
    const { plan, policy } = planOf(files);
    expect(proposePorts(plan, policy, { service: "main" }).ports).toMatchObject([
      { port: 7000, variable: "MAIN_PORT", status: "keep" },
    ]);
    expect(proposePorts(plan, policy, { service: "legacy" }).ports).toMatchObject([
      { port: 7001, variable: "LEGACY_PORT", status: "move", rules: ["PG102", "PG103"] },
    ]);
  });

  it("never reuses a variable another service holds; an app gets a variable and no port", () => {
    const { plan, policy } = planOf(files);
    expect(
      proposePorts(plan, policy, { service: "main", file: "other.yaml", category: "database" }).ports,
    ).toMatchObject([{ port: 7001, variable: "MAIN_2_PORT", status: "new" }]);
    const web = proposePorts(plan, policy, { service: "web", containerPorts: [3000] });
    expect(web).toMatchObject({ category: "app", governed: false, ports: [{ port: null, variable: "WEB_PORT" }] });
    expect(web.note).toMatch(/app owns no range/);
  });

  it("a full range gives no port, and says so", () => {
    const { plan, policy } = planOf({
      ".portguard.yml": "ranges:\n  - { name: tiny, ports: 7000-7000, for: [database] }\n",
      ...files,
    });
    const proposal = proposePorts(plan, policy, { service: "new-db", image: "postgres" });
    expect(proposal.ports[0]?.port).toBeNull();
    expect(proposal.note).toBe("no free port left in the ranges for database");
  });
});

describe("occupancy tables", () => {
  const { plan } = planOf({
    "compose.yaml": `services:\n${db("main", ["${MAIN_PORT:-7000}:5432"])}${volumes("main")}`,
  });

  it("Markdown, with the purpose when asked", () => {
    expect(formatOccupancyMarkdown(plan.ranges)).toBe(
      [
        "| range | ports | for | used | free | next free |",
        "| --- | --- | --- | --- | --- | --- |",
        "| databases | 7000-7099 | database | 1 | 99 | 7001 |",
        "| database-uis | 7100-7199 | ui | 0 | 100 | 7100 |",
        "| exporters | 7200-7299 | exporter | 0 | 100 | 7200 |",
        "| reserved | 7300-7999 | nobody | 0 | 700 | - |",
      ].join("\n"),
    );
    expect(formatOccupancyMarkdown(plan.ranges, { purpose: true }).split("\n")[0]).toBe(
      "| range | ports | for | purpose | used | free | next free |",
    );
  });

  it("text and JSON for ports --free", () => {
    expect(formatOccupancyTable(plan.ranges.slice(0, 1))).toBe(
      "RANGE      PORTS      FOR       USED  FREE  NEXT FREE\ndatabases  7000-7099  database  1     99    7001\n",
    );
    expect(
      JSON.parse(
        formatOccupancyJson(plan.ranges.slice(0, 1), "database", { port: 7001, range: "databases", host: "default" }),
      ),
    ).toEqual({
      version: 1,
      category: "database",
      next: { port: 7001, range: "databases", host: "default" },
      ranges: [
        {
          host: "default",
          name: "databases",
          start: 7000,
          end: 7099,
          for: ["database"],
          used: 1,
          free: 99,
          next: 7001,
        },
      ],
    });
  });
});

describe("redactEnvText", () => {
  const keep = (e: { key: string; value: string }) => /_PORT$/.test(e.key) && /^\d+$/.test(e.value);

  it("keeps ports and blank lines; hides every other value and every comment, line for line", () => {
    const text = [
      "# Databases 7000-7099",
      "DB_PORT=7000",
      "",
      "DB_PASSWORD=hunter2-marker",
      "export API_TOKEN = 'tok-marker'",
      '# OLD_PASSWORD="old-marker"',
      'CERT="line1-marker',
      'line2-marker"',
      "WEIRD_PORT=not-a-port-marker",
      "",
    ].join("\n");
    const redacted = redactEnvText(text, keep);
    expect(redacted.split("\n")).toEqual([
      "# <redacted>",
      "DB_PORT=7000",
      "",
      "DB_PASSWORD=<redacted>",
      "export API_TOKEN =<redacted>",
      "# OLD_PASSWORD=<redacted>",
      "CERT=<redacted>",
      "<redacted>",
      "WEIRD_PORT=<redacted>",
      "",
    ]);
    expect(redacted).not.toMatch(/marker/);
  });

  it("hides whole lines the parser did not reach, and keeps CRLF", () => {
    const redacted = redactEnvText("A_PORT=7000\r\nBROKEN='unterminated\r\nSECRET=after-error-marker\r\n", keep);
    expect(redacted).not.toMatch(/marker|unterminated/);
    expect(redacted.startsWith("A_PORT=7000\r\n")).toBe(true);
    expect(redacted.split("\r\n")).toHaveLength(4);
  });
});
