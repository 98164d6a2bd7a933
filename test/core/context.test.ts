/** What a rule can reach: the resolved model and the policy, nothing of the loader. */
import { describe, expect, it } from "vitest";
import { type RuleContext, StackModel } from "../../src/core/context.js";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";
import { composeVolumeName } from "../../src/core/preflight/volumes.js";

describe("the rule context", () => {
  const files = {
    ".env": "DB_PORT=7000\n",
    "compose.yaml":
      'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
    "app/db.ts": 'export const url = "postgres://localhost:7000/app";\n',
  };

  it("holds the model (projects, services, bindings, env files, problems) and the policy, not the tree or the assembly", () => {
    const { model } = lintRun(memoryTree(files), DEFAULT_POLICY);
    expect(model).toBeInstanceOf(StackModel);
    for (const key of ["assembly", "tree", "sourceFilter"]) expect(key in model, key).toBe(false);
    expect(model.projects.map((p) => p.services.map((s) => s.name))).toEqual([["db"]]);
    expect(model.envFiles.map((e) => e.path)).toEqual([".env"]);
    expect(model.problems).toEqual([]);
    expect(model.policy).toBe(DEFAULT_POLICY);
  });

  it("gives rules the source files to scan as text, narrowed to the hook's files", () => {
    const { model } = lintRun(memoryTree(files), DEFAULT_POLICY, { reportFilter: (f) => f !== "app/db.ts" });
    const context = model as RuleContext;
    expect([...context.sourceFiles()]).toEqual([]);
    const all = lintRun(memoryTree(files), DEFAULT_POLICY).model as RuleContext;
    expect([...all.sourceFiles()].map((f) => f.path)).toEqual(["app/db.ts"]);
  });

  it("keeps what rules read of the files as written (command, environment, a volume's name:), not the parsed documents", () => {
    // Two documents of one file merge in order; `docker compose config` gives `name: shop_pg` here.
    const written = {
      ".env": "DATA_NAME=shop_pg\n",
      "compose.yaml": [
        "services:",
        "  db:",
        "    image: postgres:16",
        '    command: ["postgres", "-p", "5433"]',
        "    environment:",
        "      PGPORT: 5433",
        "    volumes:",
        "      - data:/var/lib/postgresql/data",
        "      - logs:/logs",
        "      - shared:/shared",
        "volumes:",
        "  data:",
        "    name: first",
        "---",
        "volumes:",
        "  data:",
        '    name: "${DATA_NAME:-second}"',
        "  logs: {}",
        "  shared:",
        "    external: true",
        "",
      ].join("\n"),
    };
    const { model } = lintRun(memoryTree(written), DEFAULT_POLICY);
    const db = model.services[0];
    if (!db) throw new Error("no service");
    expect(model.definitionsOf(db)).toEqual([{ command: ["postgres", "-p", "5433"], environment: { PGPORT: 5433 } }]);
    expect(model.writtenVolumeNames("compose.yaml", "data")).toEqual(["first", "${DATA_NAME:-second}"]);
    expect(model.writtenVolumeNames("compose.yaml", "logs")).toEqual([]);
    expect(composeVolumeName(model, db, "data", "shop")).toBe("shop_pg");
    expect(composeVolumeName(model, db, "logs", "shop")).toBe("shop_logs");
    expect(composeVolumeName(model, db, "shared", "shop")).toBe("shared");
    expect(composeVolumeName(model, db, "missing", "shop")).toBeNull();
  });
});
