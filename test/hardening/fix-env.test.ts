/**
 * Issue 10: `fix` and broken `.env` files. A line fix cannot parse is never duplicated or rewritten:
 * fix leaves an env file with a syntax error alone and says why; `--dry-run` shows the `.env`
 * lines of port variables only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "../support/cli.js";
import { cli } from "../support/hostile.js";

const VOLUMES = "volumes:\n  db:\n    name: data-db\n  cache:\n    name: data-cache\n";
const STACK = `services:\n  db:\n    image: postgres:16\n    ports:\n      - "\${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\n  cache:\n    image: redis:7\n    ports:\n      - "\${CACHE_PORT:-7001}:6379"\n    volumes:\n      - cache:/data\n${VOLUMES}`;

describe("fix and an env file that does not parse", () => {
  it("an unterminated quote: nothing appended, however often fix runs, and fix says why", async () => {
    const env = 'DB_PORT=7000\nNOTE="unterminated\nCACHE_PORT=7001\n';
    const dir = project({ ".env": env, "compose.yaml": STACK });
    for (let i = 0; i < 3; i++) {
      const run = await cli(["fix", "--force"], dir);
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain(
        "Not fixed: .env has a syntax error at 2:1 (unterminated quoted value; PG001). portguard fix changes no port that depends on it until it parses",
      );
      expect(readFileSync(join(dir, ".env"), "utf8")).toBe(env);
    }
  });

  it("a port that reads its value from the broken file is not moved", async () => {
    const env = "CACHE_PORT=5432\nBROKEN LINE WITH SPACES\n";
    const compose = STACK.replace("${CACHE_PORT:-7001}", "${CACHE_PORT:-5432}");
    const dir = project({ ".env": env, "compose.yaml": compose });
    const run = await cli(["fix", "--force"], dir);
    expect(run.stdout).toMatch(/Not fixed: \.env has a syntax error at 2:/);
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(env);
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(compose);
  });

  it("a broken committed stand-in (.env.example) beside a good .env is left alone too", async () => {
    const example = 'DB_PORT=7000\nX="open\n';
    const dir = project({ ".env": "DB_PORT=7000\n", ".env.example": example, "compose.yaml": STACK });
    const run = await cli(["fix", "--force"], dir);
    expect(run.stdout).toMatch(/Not fixed: \.env\.example has a syntax error at 2:1/);
    expect(readFileSync(join(dir, ".env.example"), "utf8")).toBe(example);
  });
});

describe("fix --dry-run and .env context", () => {
  it("shows port lines, masks the rest (values, comments, lines it cannot read)", async () => {
    const env = [
      "# staging credentials: hunter2-in-a-comment",
      "DB_PASSWORD=hunter2-the-password",
      "API_KEY='hunter2-the-key'",
      "CACHE_PORT=5432",
      "SESSION_TTL=3600",
      "",
      "DB_PORT=7000",
    ].join("\n");
    const compose = STACK.replace("${CACHE_PORT:-7001}", "${CACHE_PORT:-5432}");
    const dir = project({ ".env": `${env}\n`, "compose.yaml": compose });
    const run = await cli(["fix", "--dry-run"], dir);
    expect(run.stdout).not.toContain("hunter2");
    const diff = run.stdout.slice(run.stdout.indexOf("--- a/.env"), run.stdout.indexOf("--- a/compose.yaml"));
    expect(diff.split("\n").filter((l) => /^[ +-]/.test(l) && !l.startsWith("---") && !l.startsWith("+++"))).toEqual([
      " # <redacted>",
      " DB_PASSWORD=<redacted>",
      " API_KEY=<redacted>",
      "-CACHE_PORT=5432",
      "+CACHE_PORT=7001",
      " SESSION_TTL=<redacted>",
      " ",
      " DB_PORT=7000",
    ]);
  });

  it("a file fix creates is shown whole", async () => {
    const dir = project({ "compose.yaml": STACK.replace("${DB_PORT:-7000}", "7000") });
    const run = await cli(["fix", "--dry-run"], dir);
    expect(run.stdout).toContain(
      "--- /dev/null\n+++ b/.env.example\n@@ -0,0 +1,3 @@\n+# Port variables, declared by portguard fix.\n+DB_PORT=7000\n+CACHE_PORT=7001\n",
    );
  });
});
