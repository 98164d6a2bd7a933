/**
 * `portguard mcp` from the built CLI, driven by the MCP SDK's own client over stdio: the tool list,
 * each tool on the example stack, bad arguments (a clear error, and the server keeps serving), and
 * a marker secret in .env that no result may contain.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, runCli } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";
import { EXAMPLE_AFTER, EXAMPLE_BEFORE, troubledStack } from "../support/stacks.js";

const SECRET = "s3cr3t-marker-7f1c";

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

/** Every result the server returned, for the secret check at the end. */
const results: string[] = [];

async function connect(
  args: string[],
  options: { roots?: string; cwd?: string } = {},
): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "mcp", ...args],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stderr: "pipe",
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client(
    { name: "portguard-test", version: "1.0.0" },
    options.roots ? { capabilities: { roots: {} } } : {},
  );
  if (options.roots) {
    const uri = pathToFileURL(options.roots).href;
    client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri, name: "stack" }] }));
  }
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** A snapshot of every file under `dir`: path, size and modification time. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p} ${s.size} ${s.mtimeMs} ${readFileSync(p, "utf8").length}`);
    }
  };
  walk(dir);
  return out.sort();
}

describe("portguard mcp", () => {
  const stack = troubledStack(SECRET);
  let session: Awaited<ReturnType<typeof connect>>;

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolResult> => {
    const result = (await session.client.callTool({ name, arguments: args })) as ToolResult;
    results.push(JSON.stringify(result));
    return result;
  };
  const data = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await call(name, args);
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    // The same JSON twice: structured, and as text for clients that only read text.
    expect(JSON.parse(result.content[0]?.text ?? "")).toEqual(result.structuredContent);
    return result.structuredContent as Record<string, unknown>;
  };

  beforeAll(async () => {
    session = await connect(["--cwd", stack.dir]);
  });

  afterAll(async () => {
    await session?.client.close();
    stack.remove();
  });

  it("lists its tools, each read-only, described, with a closed input schema", async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "check",
      "port_map",
      "next_free_port",
      "preflight",
      "audit",
      "rules",
      "fix_dry_run",
    ]);
    for (const t of tools) {
      expect(t.description?.length, t.name).toBeGreaterThan(80);
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.annotations?.destructiveHint, t.name).toBe(false);
      expect(t.inputSchema.additionalProperties, t.name).toBe(false);
      expect(Object.keys(t.inputSchema.properties ?? {}), t.name).toContain("path");
    }
    expect(tools.find((t) => t.name === "next_free_port")?.inputSchema.required).toEqual(["service"]);
    expect(session.client.getServerVersion()?.name).toBe("portguard");
    expect(session.client.getInstructions()).toMatch(/next_free_port/);
  });

  it("check: the CLI's JSON report, for the project or for given files", async () => {
    const report = await data("check", { path: EXAMPLE_BEFORE });
    expect(report).toEqual(JSON.parse(runCli(["check", "--format", "json"], { cwd: EXAMPLE_BEFORE }).stdout));
    expect((report.diagnostics as unknown[]).length).toBeGreaterThan(20);
    const where = (r: Record<string, unknown>) =>
      (r.diagnostics as { rule: string; file: string; service: string }[]).map(
        (d) => `${d.rule} ${d.file} ${d.service}`,
      );
    const whole = where(await data("check"));
    expect(whole).toContain("PG107 tools/compose/docker-compose.reporting.yml reporting-db");
    expect(whole).toContain("PG107 tools/compose/docker-compose.database.yml timescaledb");
    // Given files narrow the report; the conflict with an unchanged file is still seen.
    const narrowed = where(await data("check", { files: ["apps", "tools/compose/docker-compose.reporting.yml"] }));
    expect(narrowed).toContain("PG101 apps/docker-compose.yml metrics-app");
    expect(narrowed).toContain("PG107 tools/compose/docker-compose.reporting.yml reporting-db");
    expect(narrowed.some((r) => r.includes("docker-compose.database.yml"))).toBe(false);
  });

  it("port_map: ranges with used, free and next free; conflicts and the wrong range marked", async () => {
    const map = await data("port_map");
    expect(map.summary).toEqual({ bindings: 18, conflicts: 2, misplaced: 1, governed: 15 });
    const ranges = map.ranges as {
      name: string;
      used: number;
      free: number;
      next: number | null;
      bindings: { service: string; status: string; hostPort: number }[];
    }[];
    expect(ranges.map((r) => [r.name, r.used, r.free, r.next])).toEqual([
      ["databases", 11, 89, 7004],
      ["database-uis", 3, 97, 7103],
      ["exporters", 1, 99, 7201],
      ["reserved", 0, 700, null],
    ]);
    const statuses = Object.fromEntries(ranges[0]?.bindings.map((b) => [`${b.service}:${b.hostPort}`, b.status]) ?? []);
    expect(statuses).toMatchObject({
      "reporting-db:7000": "conflict",
      "timescaledb:7000": "conflict",
      "metrics-app:7050": "wrong-range",
      "redis:7030": "ok",
    });
    expect((map.ungoverned as { service: string }[]).map((b) => b.service)).toEqual(["workspace-api", "tp-capital"]);
  });

  it("next_free_port: a new service gets the next free port and a variable; one already there, its fix", async () => {
    const fresh = await data("next_free_port", { service: "analytics-db", image: "postgres:16" });
    expect(fresh).toMatchObject({
      service: "analytics-db",
      category: "database",
      governed: true,
      ports: [
        {
          containerPort: 5432,
          port: 7004,
          variable: "ANALYTICS_DB_PORT",
          range: "databases",
          status: "new",
          compose: '"${ANALYTICS_DB_PORT:-7004}:5432"',
          env: "ANALYTICS_DB_PORT=7004",
        },
      ],
    });
    const ui = await data("next_free_port", { service: "redisinsight", category: "ui", containerPorts: [5540] });
    expect(ui.ports).toMatchObject([
      { port: 7103, variable: "REDISINSIGHT_PORT", compose: '"${REDISINSIGHT_PORT:-7103}:5540"' },
    ]);
    const legacy = await data("next_free_port", { service: "questdb", path: EXAMPLE_BEFORE });
    expect(legacy.ports).toMatchObject([
      { containerPort: 9000, port: 7004, variable: "QUESTDB_HTTP_PORT", status: "move" },
      { containerPort: 9009, port: 7005, variable: "QUESTDB_ILP_PORT", status: "move" },
      { containerPort: 8812, port: 7006, variable: "QUESTDB_PG_PORT", status: "move" },
    ]);
    const kept = await data("next_free_port", { service: "redis" });
    expect(kept.ports).toMatchObject([{ port: 7030, variable: "REDIS_PORT", status: "keep" }]);
  });

  it("preflight: the machine's view of the planned ports, as the CLI's JSON", async () => {
    const result = await data("preflight", { path: EXAMPLE_AFTER, timeout: 1000 });
    const rows = result.rows as { service: string; port: number; status: string }[];
    expect(rows.map((r) => r.service)).toContain("timescaledb");
    expect(result.summary).toMatchObject({ blocked: expect.any(Number) });
    expect(Object.keys(result)).toEqual(
      Object.keys(
        JSON.parse(runCli(["preflight", "--format", "json", "--timeout", "1000"], { cwd: EXAMPLE_AFTER }).stdout),
      ),
    );
  });

  it("audit: the machine's port ranges and violations, as the CLI's JSON, without a log", async () => {
    const result = await data("audit", { path: EXAMPLE_AFTER, timeout: 1000 });
    expect((result.ranges as { name: string }[]).map((r) => r.name)).toContain("databases");
    expect(result.summary).toMatchObject({ violations: expect.any(Number), ranges: expect.any(Number) });
    const cli = runCli(["audit", "--format", "json", "--timeout", "1000"], { cwd: EXAMPLE_AFTER });
    expect(Object.keys(result)).toEqual(Object.keys(JSON.parse(cli.stdout)));
    expect((await call("audit", { projectName: "Not Valid" })).content[0]?.text).toMatch(
      /^--project-name: invalid project name "Not Valid"/,
    );
  });

  it("rules: the catalogue, or one rule by id or name", async () => {
    const all = await data("rules");
    expect((all.rules as { id: string }[]).length).toBeGreaterThan(15);
    const one = await data("rules", { rule: "port-conflict" });
    expect(one.rules).toMatchObject([{ id: "PG107", name: "port-conflict", severity: "error", fixable: true }]);
    expect((await data("rules", { rule: "pg107" })).rules).toEqual(one.rules);
  });

  it("fix_dry_run: the diff fix would apply, nothing written, .env values that are not ports hidden", async () => {
    const before = snapshot(stack.dir);
    const plan = await data("fix_dry_run");
    expect(snapshot(stack.dir)).toEqual(before);
    expect(plan.dryRun).toBe(true);
    const changes = plan.changes as { path: string; created: boolean; diff: string }[];
    // The application in the database range has no range of its own to move to: left for a person.
    expect(changes.map((c) => c.path).sort()).toEqual([".env", "tools/compose/docker-compose.reporting.yml"]);
    const env = changes.find((c) => c.path === ".env")?.diff ?? "";
    expect(env).toMatch(/^\+REPORTING_DB_PORT=7004$/m);
    expect(env).toMatch(/^ REPORTING_DB_PASSWORD=<redacted>$/m);
    const compose = changes.find((c) => c.path === "tools/compose/docker-compose.reporting.yml")?.diff ?? "";
    expect(compose).toContain('+      - "${REPORTING_DB_PORT:-7004}:5432"');
    expect(plan.moves).toMatchObject([
      { service: "reporting-db", from: 7000, to: 7004, variable: "REPORTING_DB_PORT" },
    ]);
    // The CLI's own dry run proposes the same compose change.
    expect(runCli(["fix", "--dry-run"], { cwd: stack.dir }).stdout).toContain(compose.split("\n").slice(2).join("\n"));
    const only = await data("fix_dry_run", { rules: ["PG107"], files: ["tools"] });
    expect((only.changes as { path: string }[]).map((c) => c.path).sort()).toEqual([
      ".env",
      "tools/compose/docker-compose.reporting.yml",
    ]);
    expect((await data("fix_dry_run", { rules: ["PG101"], files: ["apps"] })).changes).toEqual([]);
  });

  it("bad arguments: a clear error each time, and the server keeps serving", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["check", { pth: "." }, /Invalid arguments for tool check: .*Unrecognized key.*"pth"/s],
      ["check", { files: "compose.yaml" }, /Invalid arguments for tool check: .*files/s],
      ["check", { path: "/nonexistent/portguard" }, /^path: not a folder: \/nonexistent\/portguard$/],
      [
        "check",
        { path: "/" },
        /^path: no project folder \(\/ is not one\): pass the path argument, or start the server with portguard mcp --cwd DIR$/,
      ],
      ["check", { files: [".."] }, /^\.\. is outside the project root /],
      ["check", { config: "missing.yml" }, /^config file not found: missing\.yml$/],
      ["next_free_port", {}, /Invalid arguments for tool next_free_port: .*service/s],
      ["next_free_port", { service: 42 }, /Invalid arguments for tool next_free_port: .*service/s],
      [
        "next_free_port",
        { service: "x", category: "databse" },
        /^category: unknown category databse \(did you mean database\?\) \(known: app, database, exporter, monitoring, ui\)$/,
      ],
      [
        "next_free_port",
        { service: "x", category: "qwerty" },
        /^category: unknown category qwerty \(known: app, database, exporter, monitoring, ui\)$/,
      ],
      [
        "next_free_port",
        { service: "x", containerPorts: [70000] },
        /Invalid arguments for tool next_free_port: .*containerPorts/s,
      ],
      ["preflight", { timeout: 5 }, /Invalid arguments for tool preflight: .*timeout/s],
      ["audit", { log: "/tmp/x" }, /Invalid arguments for tool audit: .*Unrecognized key.*"log"/s],
      ["rules", { rule: "PG999" }, /^rule: no rule PG999 \(see the rules tool without arguments\)$/],
      ["rules", { rule: "port-conflit" }, /^rule: no rule port-conflit \(did you mean port-conflict\?\) \(see/],
      ["fix_dry_run", { rules: ["PG1O7"] }, /^rules: unknown rule PG1O7 \(did you mean PG107\?\)$/],
      ["fix", {}, /Tool fix not found/],
    ];
    for (const [name, args, message] of cases) {
      const result = await call(name, args);
      expect([name, JSON.stringify(args), result.isError]).toEqual([name, JSON.stringify(args), true]);
      expect(result.content[0]?.text).toMatch(message);
      expect(result.content[0]?.text).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(((await data("rules", { rule: "PG101" })).rules as unknown[]).length).toBe(1);
    expect(session.stderr()).toBe("");
  });

  it("takes the project from the client's roots when started without --cwd", async () => {
    const rooted = await connect([], { roots: stack.dir });
    try {
      const result = (await rooted.client.callTool({ name: "port_map", arguments: {} })) as ToolResult;
      results.push(JSON.stringify(result));
      expect(result.structuredContent?.summary).toMatchObject({ conflicts: 2 });
    } finally {
      await rooted.client.close();
    }
  });

  it("started in / with no --cwd and no roots: a clear error, not a walk of the disk", async () => {
    const lost = await connect([], { cwd: "/" });
    try {
      const result = (await lost.client.callTool({ name: "check", arguments: {} })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(/^path: no project folder \(\/ is not one\)/);
      const named = (await lost.client.callTool({ name: "check", arguments: { path: EXAMPLE_AFTER } })) as ToolResult;
      expect(named.structuredContent?.summary).toMatchObject({ errors: 0 });
    } finally {
      await lost.client.close();
    }
  });

  it("no result ever holds the .env secret", () => {
    expect(readFileSync(join(stack.dir, ".env"), "utf8")).toContain(SECRET);
    expect(results.length).toBeGreaterThan(20);
    for (const r of results) expect(r).not.toContain(SECRET);
  });
});

describe("the README's client setup", () => {
  it("every JSON snippet parses and starts portguard mcp", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Coding agents (MCP)"), readme.indexOf("## GitHub Action"));
    const snippets = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string));
    expect(snippets).toHaveLength(4);
    for (const snippet of snippets) {
      const server = (snippet.mcpServers ?? snippet.servers).portguard;
      expect(server.command).toBe("npx");
      expect(server.args.slice(0, 3)).toEqual(["-y", "portguard", "mcp"]);
      expect(["--cwd", undefined]).toContain(server.args[3]);
    }
    expect(section).toContain("claude mcp add --scope project portguard -- npx -y portguard mcp");
  });
});

describe("the bundle", () => {
  it("keeps the SDK in chunks of its own: other commands never load it", () => {
    // The entry (dist/cli/index.js) loads the program (dist/cli/program/), which loads the SDK's chunks.
    const dist = join(projectRoot, "dist/cli/program");
    expect(readFileSync(join(projectRoot, "dist/cli/index.js"), "utf8")).not.toContain("@modelcontextprotocol");
    expect(readFileSync(join(dist, "index.js"), "utf8")).not.toContain("@modelcontextprotocol");
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
    expect(chunks.some((f) => readFileSync(join(dist, f), "utf8").includes("@modelcontextprotocol/sdk"))).toBe(true);
  });
});

describe("portguard mcp on raw stdio", () => {
  it("writes only JSON-RPC to stdout and exits 0 when the client closes stdin", async () => {
    const child = spawn(process.execPath, [CLI, "mcp", "--cwd", EXAMPLE_AFTER], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "check", arguments: {} } });
    send({ jsonrpc: "2.0", id: 3, method: "no/such/method" });
    await new Promise<void>((resolve) => {
      const wait = () => (stdout.split("\n").filter(Boolean).length >= 3 ? resolve() : setTimeout(wait, 20));
      wait();
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    // Answers come as each request finishes, not in request order.
    const lines = stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .sort((a, b) => a.id - b.id);
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(lines[1].result.structuredContent.summary).toMatchObject({ errors: 0 });
    expect(lines[2].error.code).toBe(-32601);
    expect([code, stderr]).toEqual([0, ""]);
  });
});
