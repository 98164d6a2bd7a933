/** fix lists the clients a port move leaves behind, and `--clients` rewrites the unambiguous ones (real files). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findClients } from "../../src/core/clients.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { project } from "../support/cli.js";
import { cliInProcess } from "../support/in-process.js";

const FILES = {
  "compose.yaml":
    'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n    volumes:\n      - db-data:/var/lib/postgresql/data\nvolumes:\n  db-data:\n    name: data-db\n',
  ".env":
    "# DATABASE_URL=postgres://old@localhost:5432/app\nDATABASE_URL=postgres://app:s3cret@localhost:5432/app\nPGPORT=5432\nPOSTGRES_PASSWORD=s3cret\n",
  "config/app.json": '{\n  "db": "postgresql://127.0.0.1:5432/app",\n  "port": 5432\n}\n',
  "app/db.ts": 'export const url = "postgres://localhost:5432/app";\n',
  "app/internal.ts": 'export const inside = "postgres://db:5432/app";\n',
};

describe("fix and the clients of moved ports", () => {
  it("lists every line that still reaches the old port, never the secrets around it", async () => {
    const dir = project(FILES);
    const run = await cliInProcess(["fix"], dir);
    expect(run.stdout).toContain("  db: 5432 → 7000 (DB_PORT, compose.yaml:5)\n");
    const section = run.stdout.slice(run.stdout.indexOf("Clients of the old ports"));
    expect(section.split("\n").slice(0, 6).join("\n")).toBe(
      [
        "Clients of the old ports (5 line(s) still reach them on this host):",
        "  .env:2:46  DATABASE_URL: localhost:5432  (db is on 7000 now: portguard fix --clients rewrites it to 7000)",
        "  .env:3:8  PGPORT: 5432  (db is on 7000 now: not a host:port address (is it the host port?); read DB_PORT)",
        "  app/db.ts:1:42  localhost:5432  (db is on 7000 now: code, not rewritten; read DB_PORT)",
        "  config/app.json:2:33  127.0.0.1:5432  (db is on 7000 now: portguard fix --clients rewrites it to 7000)",
        "  config/app.json:3:11  5432  (db is on 7000 now: not a host:port address (is it the host port?); read DB_PORT)",
      ].join("\n"),
    );
    expect(run.stdout).not.toContain("s3cret");
    // Nothing but the fix itself was written.
    expect(readFileSync(join(dir, "config/app.json"), "utf8")).toBe(FILES["config/app.json"]);

    // A later run with --clients rewrites them, from the move the first run recorded in its backup.
    const clients = await cliInProcess(["fix", "--clients"], dir);
    expect(clients.status, clients.stderr).toBe(0);
    expect(clients.stdout).toContain("  fixed   .env\n  fixed   config/app.json\n");
    expect(clients.stdout).toContain("DATABASE_URL: localhost:5432  (db is on 7000 now: rewritten to 7000)");
    expect(readFileSync(join(dir, "config/app.json"), "utf8")).toBe(
      '{\n  "db": "postgresql://127.0.0.1:7000/app",\n  "port": 5432\n}\n',
    );
    expect(readFileSync(join(dir, ".env"), "utf8")).toContain(
      "DATABASE_URL=postgres://app:s3cret@localhost:7000/app\n",
    );
    expect(readFileSync(join(dir, ".env"), "utf8")).toContain("# DATABASE_URL=postgres://old@localhost:5432/app\n");
    expect(readFileSync(join(dir, "app/db.ts"), "utf8")).toBe(FILES["app/db.ts"]);
    expect(clients.stdout).not.toContain("s3cret");

    // Undone like any fix.
    const undo = await cliInProcess(["fix", "--rollback"], dir);
    expect(undo.stdout).toContain("  restored .env\n  restored config/app.json\n");
    expect(readFileSync(join(dir, "config/app.json"), "utf8")).toBe(FILES["config/app.json"]);
  });

  it("fix --clients in one go, shown by --dry-run first", async () => {
    const dir = project(FILES);
    const dry = await cliInProcess(["fix", "--clients", "--dry-run"], dir);
    expect(dry.stdout).toContain(
      '-  "db": "postgresql://127.0.0.1:5432/app",\n+  "db": "postgresql://127.0.0.1:7000/app",',
    );
    expect(dry.stdout).toContain("(db is on 7000 now: would be rewritten to 7000)");
    expect(readFileSync(join(dir, "config/app.json"), "utf8")).toBe(FILES["config/app.json"]);
    const run = await cliInProcess(["fix", "--clients"], dir);
    expect(run.stdout).toMatch(/portguard fix changed 3 file\(s\)/);
    expect(readFileSync(join(dir, "config/app.json"), "utf8")).toContain("127.0.0.1:7000");
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toContain('"${DB_PORT:-7000}:5432"');
  });

  it("a port published again, or left by two services, is not rewritten", () => {
    const tree = memoryTree({ "app/config.json": '{ "a": "http://localhost:5432/x" }\n' });
    const policy = loadPolicy(null);
    const move = (service: string, to: number) => ({ service, variable: "X_PORT", from: 5432, to, file: "c", line: 1 });
    expect(findClients(tree, policy, [move("db", 7000)], new Set([5432]), new Set())).toEqual([]);
    const two = findClients(tree, policy, [move("db", 7000), move("other", 7001)], new Set(), new Set());
    expect(two).toMatchObject([
      { rewritable: false, reason: "2 services moved from 5432 (db to 7000, other to 7001)" },
    ]);
  });

  it("an env file with a syntax error is listed, never rewritten (fix leaves it alone)", () => {
    const text = "DATABASE_URL=postgres://localhost:5432/app\nBROKEN='unterminated\n";
    const tree = memoryTree({ "app/.env": text });
    const move = { service: "db", variable: "DB_PORT", from: 5432, to: 7000, file: "c", line: 1 };
    const lines = findClients(tree, loadPolicy(null), [move], new Set(), new Set());
    expect(lines).toMatchObject([{ file: "app/.env", line: 1, rewritable: false }]);
    expect(lines[0]?.reason).toMatch(/^the file has a syntax error at 2:\d+ \(PG001\), not rewritten$/);
  });
});
