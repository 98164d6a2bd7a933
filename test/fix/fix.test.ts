/** `portguard fix` and `portguard docs` on real files: golden fixtures, the example stack, safety. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planFixes } from "../../src/core/fix.js";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree, overlayTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { isFixable } from "../../src/core/rule.js";
import { RULES } from "../../src/core/rules/index.js";
import type { SourceTree } from "../../src/core/types.js";
import { git, repo, write } from "../support/git.js";
import { cliInProcess } from "../support/in-process.js";
import { projectRoot } from "../support/shared.js";

const FIXTURES = join(projectRoot, "test/fixtures/fix");

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      // fix's backups (.portguard/backups) are checked in backup.test.ts.
      if (name === ".git" || name === ".portguard") continue;
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** A copy of `source` in a temporary folder named `project` (compose's project name). */
function copyProject(source: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "portguard-fix-")), "project");
  cpSync(source, dir, { recursive: true });
  return dir;
}

describe("portguard fix", () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`${name}: before -> after, file by file, then check is clean of the fixed rules and a second run changes nothing`, async () => {
      const dir = copyProject(join(FIXTURES, name, "before"));
      const run = await cliInProcess(["fix"], dir);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const expected = files(join(FIXTURES, name, "after"));
      const actual = files(dir);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [path, content] of expected)
        expect(actual.get(path)?.toString("utf8"), path).toBe(content.toString("utf8"));
      const check = JSON.parse((await cliInProcess(["check", "--format", "json"], dir)).stdout);
      const fixable = RULES.filter(isFixable).map((r) => r.id);
      expect(check.diagnostics.filter((d: { rule: string }) => fixable.includes(d.rule))).toEqual([]);
      const again = await cliInProcess(["fix"], dir);
      expect(again.stdout).toMatch(/^Nothing to fix\./);
      expect(files(dir)).toEqual(actual);
    });
  }

  it("migrates the example stack in one command to a state check accepts, in substance the after/ stack", async () => {
    const dir = copyProject(join(projectRoot, "examples/trading-system/before"));
    const run = await cliInProcess(["fix"], dir);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/timescaledb: 5432 → 7000 \(TIMESCALEDB_PORT/);
    expect(run.stdout).toMatch(/named volumes keep their data/);
    const check = await cliInProcess(["check", "--format", "json"], dir);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).diagnostics.filter((d: { severity: string }) => d.severity !== "info")).toEqual([]);
    // The same variables as after/, each service in its range, every variable declared.
    const ports = async (cwd: string) =>
      JSON.parse((await cliInProcess(["ports", "--format", "json"], cwd)).stdout).bindings.filter(
        (b: { category: string }) => b.category !== "app",
      );
    const fixed = await ports(dir);
    const after = await ports(join(projectRoot, "examples/trading-system/after"));
    const key = (b: { service: string; containerPort: number; variable: string }) =>
      `${b.service}:${b.containerPort}:${b.variable}`;
    expect(fixed.map(key).sort()).toEqual(after.map(key).sort());
    const range = { database: [7000, 7099], ui: [7100, 7199], exporter: [7200, 7299] } as Record<
      string,
      [number, number]
    >;
    for (const b of fixed) {
      const [lo, hi] = range[b.category] as [number, number];
      expect(b.hostPort, b.service).toBeGreaterThanOrEqual(lo);
      expect(b.hostPort, b.service).toBeLessThanOrEqual(hi);
    }
    const env = readFileSync(join(dir, ".env.example"), "utf8");
    for (const b of fixed) expect(env).toContain(`${b.variable}=${b.hostPort}`);
    expect(env).toContain("TIMESCALEDB_PASSWORD=change-me");
  });

  it("--dry-run prints a unified diff and changes nothing", async () => {
    const dir = copyProject(join(FIXTURES, "basic/before"));
    const before = files(dir);
    const run = await cliInProcess(["fix", "--dry-run"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--- a/docker-compose.yml\n+++ b/docker-compose.yml\n@@ -3,13 +3,13 @@");
    expect(run.stdout).toContain(
      '-      - "5432:5432"   # the standard port\n+      - "${DB_PORT:-7000}:5432"   # the standard port',
    );
    expect(run.stdout).toContain("--- /dev/null\n+++ b/.env.example");
    expect(run.stdout).toMatch(/would change 2 file\(s\)/);
    expect(files(dir)).toEqual(before);
  });

  it("refuses files with uncommitted changes (listing them) unless --force", async () => {
    const dir = repo({ "compose.yaml": readFileSync(join(FIXTURES, "basic/before/docker-compose.yml"), "utf8") });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "--no-verify", "-m", "stack");
    write(dir, "compose.yaml", `${readFileSync(join(dir, "compose.yaml"), "utf8")}# work in progress\n`);
    const before = files(dir);
    const refused = await cliInProcess(["fix"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/uncommitted changes[\s\S]*\n {2}compose\.yaml\n/);
    expect(files(dir)).toEqual(before);
    const forced = await cliInProcess(["fix", "--force"], dir);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toContain("${DB_PORT:-7000}");
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toContain("# work in progress");
  });

  it("--rule and PATHs narrow what is fixed", async () => {
    const dir = copyProject(join(FIXTURES, "basic/before"));
    await cliInProcess(["fix", "--rule", "PG202"], dir);
    const text = readFileSync(join(dir, "docker-compose.yml"), "utf8");
    expect(text).toContain('"5432:5432"');
    expect(text).toContain("name: project_db-data");
    expect((await cliInProcess(["fix", "--rule", "PG999"], dir)).status).toBe(2);
    const two = copyProject(join(FIXTURES, "env/before"));
    mkdirSync(join(two, "other"));
    writeFileSync(
      join(two, "other/compose.yaml"),
      'services:\n  r:\n    image: redis:7\n    ports:\n      - "6379:6379"\n',
    );
    await cliInProcess(["fix", "other"], two);
    expect(readFileSync(join(two, "compose.yaml"), "utf8")).toContain("${DB_PORT:-5432}");
    expect(readFileSync(join(two, "other/compose.yaml"), "utf8")).toContain("${R_PORT:-");
  });

  it("never moves the port of a database whose data would be lost with its container", () => {
    const tree = memoryTree({
      "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "6379:6379"\n',
    });
    const plan = planFixes(tree, (t) => lintRun(t, loadPolicy()));
    expect(plan.changes.map((c) => c.after).join("")).toContain('"${CACHE_PORT:-6379}:6379"');
    expect(plan.moves).toEqual([]);
    expect(plan.unfixable.map((d) => d.rule)).toContain("PG102");
  });

  it("changes no line unrelated to a port (generated stacks)", () => {
    const service = fc.record({
      name: fc.constantFrom("db", "cache", "search", "queue", "ui"),
      image: fc.constantFrom("postgres:16", "redis:7", "getmeili/meilisearch:v1", "mongo:7", "dpage/pgadmin4:8"),
      port: fc.oneof(
        fc.integer({ min: 1024, max: 9999 }).map((p) => `"${p}:80"`),
        fc.integer({ min: 1024, max: 9999 }).map((p) => `'127.0.0.1:${p}:80'`),
        fc.constantFrom('"${X_PORT}:80"', '"${Y_PORT:-5432}:80"', "8080:80"),
      ),
      comment: fc.constantFrom("", "  # note", " # keep: me"),
      extra: fc.constantFrom("", "    environment:\n      A: 'x # y'\n", "    labels:\n      - a=b\n"),
    });
    fc.assert(
      fc.property(fc.uniqueArray(service, { minLength: 1, maxLength: 4, selector: (s) => s.name }), (services) => {
        const compose = `# stack\nservices:\n${services
          .map((s) => `  ${s.name}:\n    image: ${s.image}\n    ports:\n      - ${s.port}${s.comment}\n${s.extra}`)
          .join("")}`;
        const tree = memoryTree({ "compose.yaml": compose, ".env": "SECRET=abc # x\n" });
        const plan = planFixes(tree, (t) => lintRun(t, loadPolicy()));
        const fixed = overlayTree(tree, new Map(plan.changes.map((c) => [c.path, c.after])));
        expect(planFixes(fixed, (t) => lintRun(t, loadPolicy())).changes, "a second run changes nothing").toEqual([]);
        for (const change of plan.changes) {
          const before = (change.before ?? "").split("\n");
          const after = change.after.split("\n");
          if (change.path === ".env") {
            expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
            for (const line of after.slice(before.length - 1)) expect(line).toMatch(/^([A-Z_]+_PORT=\d+)?$/);
            continue;
          }
          const kept = after.filter((l) => !/^\s+name: /.test(l));
          expect(kept).toHaveLength(before.length);
          kept.forEach((line, i) => {
            if (line !== before[i]) {
              expect(before[i], "a changed line is a port line").toMatch(/^\s+- .*:\d+/);
              expect(line.replace(/\$\{[A-Z_]+:-\d+\}/, "P")).toBe(
                (before[i] as string).replace(/\$\{[A-Z_]+(:-\d+)?\}|\d{4}(?=:80)/, "P"),
              );
            }
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("fix plans that stay consistent", () => {
  const lint = (t: SourceTree) => lintRun(t, loadPolicy());
  const apply = (tree: SourceTree) => {
    const plan = planFixes(tree, lint);
    const fixed = overlayTree(tree, new Map(plan.changes.map((c) => [c.path, c.after])));
    return { plan, fixed, text: (path: string) => (fixed.read(path) as { text: string }).text };
  };
  const db = (port: string) =>
    `services:\n  db:\n    image: postgres:16\n    ports:\n      - "${port}:5432"\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n    name: pg\n`;

  it("gives two containers of one service name their own variables", () => {
    const { plan, fixed, text } = apply(memoryTree({ "a/compose.yaml": db("5432"), "b/compose.yaml": db("5433") }));
    expect(text("a/compose.yaml")).toContain('"${DB_PORT:-7000}:5432"');
    expect(text("b/compose.yaml")).toContain('"${B_DB_PORT:-7001}:5432"');
    expect(text(".env.example")).toBe("# Port variables, declared by portguard fix.\nDB_PORT=7000\nB_DB_PORT=7001\n");
    expect(plan.shared).toEqual([]);
    expect(planFixes(fixed, lint).changes).toEqual([]);
  });

  it("moves alternative definitions of one container together", () => {
    const { text } = apply(memoryTree({ "compose.yaml": db("5432"), "compose.prod.yaml": db("5432") }));
    expect(text("compose.yaml")).toContain('"${DB_PORT:-7000}:5432"');
    expect(text("compose.prod.yaml")).toContain('"${DB_PORT:-7000}:5432"');
    expect(text(".env.example")).toBe("# Port variables, declared by portguard fix.\nDB_PORT=7000\n");
  });

  it("reads an included file outside the root but never plans a change there", () => {
    const tree = memoryTree({
      "compose.yaml": `include: [../shared/db.yaml]\n${db("5433")
        .replace("db:", "local:")
        .replace(/volumes:\n {2}data:\n {4}name: pg\n$/, "volumes:\n  data:\n    name: pg-local\n")}`,
      "../shared/db.yaml": db("5432"),
    });
    const { plan } = apply(tree);
    expect(plan.changes.map((c) => c.path).sort()).toEqual([".env.example", "compose.yaml"]);
    const left = plan.after.diagnostics.filter((d) => d.file === "../shared/db.yaml").map((d) => d.rule);
    expect(left).toEqual(expect.arrayContaining(["PG102", "PG103"]));
  });

  it("leaves a variable alone that one env file would hold for different ports, and says where", () => {
    const tree = memoryTree({
      "a/compose.yaml": db("${DB_PORT:-7000}"),
      "b/compose.yaml": db("${DB_PORT:-7001}"),
      "c/compose.yaml": db("5432").replace("db:", "main:"),
    });
    const { plan, fixed, text } = apply(tree);
    expect(plan.changes.map((c) => c.path)).toEqual([".env.example", "c/compose.yaml"]);
    expect(text(".env.example")).not.toContain("DB_PORT=");
    expect(lint(fixed).report.diagnostics.filter((d) => d.rule === "PG114")).toHaveLength(2);
    expect(planFixes(fixed, lint).changes).toEqual([]);
    expect(plan.shared).toEqual([
      { variable: "DB_PORT", envFile: ".env.example", places: ["a/compose.yaml:5", "b/compose.yaml:5"] },
    ]);
  });

  it("says which variables it left alone (CLI)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portguard-fix-"));
    write(dir, "a/compose.yaml", db("${DB_PORT:-7000}"));
    write(dir, "b/compose.yaml", db("${DB_PORT:-7001}"));
    write(dir, "c/compose.yaml", db("5432").replace("db:", "main:"));
    const run = await cliInProcess(["fix", "--dry-run"], dir);
    expect(run.stdout).toContain(
      "Not fixed: one env file would hold these variables for different ports (give each container its own variable, then run fix again):\n  DB_PORT in .env.example: a/compose.yaml:5, b/compose.yaml:5\n",
    );
  });

  it("declares what creating the env file makes undeclared, so a second run has nothing to do", () => {
    const cache =
      'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${CACHE_PORT:-7001}:6379"\n    volumes:\n      - cache-data:/data\nvolumes:\n  cache-data:\n    name: cache\n';
    const tree = memoryTree({ "compose.yaml": db("5432"), "cache/compose.yaml": cache });
    expect(lint(tree).report.diagnostics.map((d) => d.rule)).not.toContain("PG114");
    const { plan, fixed, text } = apply(tree);
    expect(text(".env.example")).toContain("DB_PORT=7000\nCACHE_PORT=7001\n");
    expect(plan.fixed.map((d) => d.rule).sort()).toEqual(["PG102", "PG103"]);
    expect(lint(fixed).report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(planFixes(fixed, lint).changes).toEqual([]);
  });
});

describe("portguard docs", () => {
  const stack = () => copyProject(join(projectRoot, "examples/trading-system/after"));

  it("keeps the example's table true (--check passes)", async () => {
    const run = await cliInProcess(["docs", "--check"], join(projectRoot, "examples/trading-system/after"));
    expect(run.stdout).toMatch(/is up to date/);
    expect(run.status).toBe(0);
  });

  it("rewrites only between the markers; --check fails on drift and passes after", async () => {
    const dir = stack();
    const docs = join(dir, "PORTS-CONVENTION.md");
    const original = readFileSync(docs, "utf8");
    const drifted = original
      .replace(/\| 7030 \|/, "| 7031 |")
      .replace("# Port convention", "# Port convention (our notes)");
    writeFileSync(docs, drifted);
    const check = await cliInProcess(["docs", "--check"], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/out of date: run portguard docs/);
    expect(check.stdout).toContain("-| databases | redis | database | REDIS_PORT | 7031 |");
    expect((await cliInProcess(["docs"], dir)).status).toBe(0);
    const updated = readFileSync(docs, "utf8");
    expect(updated).toContain("# Port convention (our notes)");
    expect(updated).toContain("| databases | redis | database | REDIS_PORT | 7030 | 6379 |");
    expect((await cliInProcess(["docs", "--check"], dir)).status).toBe(0);
  });

  it("creates the file when missing, or appends a marked section to one without markers", async () => {
    const dir = copyProject(join(FIXTURES, "env/after"));
    expect((await cliInProcess(["docs", "--check"], dir)).status).toBe(1);
    await cliInProcess(["docs"], dir);
    const created = readFileSync(join(dir, "PORTS-CONVENTION.md"), "utf8");
    expect(created).toMatch(
      /^# Port convention\n[\s\S]*<!-- portguard:start -->[\s\S]*\| databases \| db \| database \| DB_PORT \| 7000 \| 5432 \| compose\.yaml \|[\s\S]*<!-- portguard:end -->\n$/,
    );
    writeFileSync(join(dir, "NOTES.md"), "# Notes\n\nHand-written.\n");
    await cliInProcess(["docs", "--output", "NOTES.md"], dir);
    expect(readFileSync(join(dir, "NOTES.md"), "utf8")).toMatch(
      /^# Notes\n\nHand-written\.\n\n## Port allocations\n\n<!-- portguard:occupancy:start -->[\s\S]*<!-- portguard:occupancy:end -->\n\n<!-- portguard:start -->/,
    );
    // PG112 is satisfied by the generated table.
    const check = JSON.parse((await cliInProcess(["check", "--format", "json"], dir)).stdout);
    expect(check.diagnostics.filter((d: { rule: string }) => d.rule === "PG112")).toEqual([]);
  });

  it("writes the per-range occupancy in its own block, before the allocations of an older file", async () => {
    const dir = stack();
    const docs = join(dir, "PORTS-CONVENTION.md");
    const current = readFileSync(docs, "utf8");
    // A file written before the occupancy block existed: only the allocation markers.
    const older = current.replace(/<!-- portguard:occupancy:start -->[\s\S]*?<!-- portguard:occupancy:end -->\n\n/, "");
    expect(older).not.toContain("portguard:occupancy");
    writeFileSync(docs, older);
    expect((await cliInProcess(["docs", "--check"], dir)).status).toBe(1);
    await cliInProcess(["docs"], dir);
    expect(readFileSync(docs, "utf8")).toBe(current);
    expect(current).toContain(
      [
        "| range | ports | for | purpose | used | free | next free |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| databases | 7000-7099 | database | databases | 10 | 90 | 7004 |",
        "| database-uis | 7100-7199 | ui | database admin UIs | 3 | 97 | 7103 |",
        "| exporters | 7200-7299 | exporter | exporters and metrics | 1 | 99 | 7201 |",
        "| reserved | 7300-7999 | nobody | reserved: nothing else publishes in 7000-7999 | 0 | 700 | - |",
      ].join("\n"),
    );
  });

  it("a new service on the documented next free port is still undocumented (PG112)", async () => {
    const dir = stack();
    const compose = join(dir, "apps/docker-compose.yml");
    writeFileSync(
      compose,
      `${readFileSync(compose, "utf8")}  reporting-db:\n    image: postgres:16\n    ports:\n      - "\${REPORTING_DB_PORT:-7004}:5432"\n    volumes:\n      - reporting:/var/lib/postgresql/data\nvolumes:\n  reporting:\n    name: data-reporting\n`,
    );
    const check = JSON.parse((await cliInProcess(["check", "--format", "json"], dir)).stdout);
    expect(check.diagnostics.filter((d: { rule: string }) => d.rule === "PG112")).toMatchObject([
      { service: "reporting-db", message: expect.stringContaining("7004") },
    ]);
  });
});
