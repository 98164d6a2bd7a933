/**
 * portguard audit end to end: a real engine with real containers (compose stacks and plain docker
 * run), real host processes, the built CLI, a policy whose ranges sit on ports free for the test.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compose, realEngine } from "../support/engine.js";
import { cliInProcess } from "../support/in-process.js";
import {
  composeFile,
  freePorts,
  onCleanup,
  projectName,
  runContainer,
  service,
  socketListed,
  stack,
  until,
} from "../support/live.js";

const engine = realEngine();

interface Holder {
  kind: string;
  [key: string]: unknown;
}
interface Finding {
  kind: string;
  range: string | null;
  port: number | null;
  holder: Holder | null;
  message: string;
  remedy: string;
}
interface Audit {
  version: number;
  timestamp: string;
  host: string;
  ranges: { name: string; entries: { port: number; holder: Holder; planned: unknown; allowed: unknown }[] }[];
  findings: Finding[];
  summary: { ranges: number; listeners: number; violations: number };
  timings: Record<string, number>;
}

async function listen(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "0.0.0.0", resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

function policy(base: number): string {
  return [
    "ranges:",
    `  - { name: databases, ports: ${base}-${base + 9}, for: [database] }`,
    `  - { name: database-uis, ports: ${base + 10}-${base + 19}, for: [ui] }`,
    `  - { name: reserved, ports: ${base + 20}-${base + 29}, for: [] }`,
    "allow:",
    `  - { service: node, port: ${base + 4}, reason: the test's own listener }`,
    "",
  ].join("\n");
}

describe.runIf(engine)("portguard audit on a real engine", () => {
  const e = engine!;

  it("holders per range, each violation with its holder and remedy; JSON, --log, exit codes", async () => {
    const ports = await freePorts(30);
    const base = ports[0] as number;
    const name = projectName("audit");
    const dir = stack(e, {
      ".portguard.yml": policy(base),
      "compose.yaml": composeFile(
        {
          db: service("postgres:pgtest", [`\${DB_PORT:-${base}}:5432`]),
          api: service("example/api:pgtest", [`${base + 1}:8080`]),
          ui: service("adminer:pgtest", [`\${UI_PORT:-${base + 10}}:8080`]),
          ui2: service("adminer:pgtest", [`\${UI2_PORT:-${base + 11}}:8080`]),
          cache: service("redis:pgtest", [`${base + 20}:6379`]),
          old: service("postgres:pgtest", [`\${OLD_PORT:-${base + 6}}:5432`]),
        },
        `name: ${name}\n`,
      ),
    });
    expect(compose(e, dir, ["up", "-d", "db", "api", "ui", "cache"]).status).toBe(0);
    // A container started before its port moved in the compose file: it still holds the old one.
    expect(compose(e, dir, ["up", "-d", "old"], { OLD_PORT: String(base + 5) }).status).toBe(0);
    const stray = runContainer(e, projectName("stray"), ["-p", `${base + 2}:6379`], "redis:pgtest");
    // Host processes: one unknown, one allowed by the policy, one on a planned port; one with a secret argument.
    await listen(base + 3);
    await listen(base + 4);
    await listen(base + 11);
    const secret = spawn(
      process.execPath,
      ["-e", `require("net").createServer().listen(${base + 7})`, "--", "--password=hunter2-secret"],
      { stdio: "ignore" },
    );
    onCleanup(() => {
      secret.kill();
    });
    await until(() => socketListed(base + 7), 10_000, "the secret-holding listener");

    const log = join(dir, "audit.log");
    const run = await cliInProcess(["audit", "--format", "json", "--log", log], dir, { DOCKER_HOST: e.host });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as Audit;
    expect(report).toMatchObject({ version: 1, host: hostname() });
    expect(Date.parse(report.timestamp)).toBeGreaterThan(0);
    expect(run.stdout).not.toContain("hunter2");

    const entry = (port: number) =>
      report.ranges.flatMap((r) => r.entries.map((x) => ({ range: r.name, ...x }))).find((x) => x.port === port);
    expect(entry(base)).toMatchObject({
      range: "databases",
      holder: { kind: "container", name: `${name}-db-1`, project: name, service: "db", category: "database" },
      planned: { project: name, service: "db", file: "compose.yaml" },
      allowed: null,
    });
    expect(entry(base + 3)).toMatchObject({
      holder: { kind: "process", pid: process.pid, user: userInfo().username, category: null },
    });
    expect(entry(base + 4)).toMatchObject({ allowed: { reason: "the test's own listener" } });
    expect(entry(base + 10)?.holder).toMatchObject({ kind: "container", service: "ui", category: "ui" });

    const kinds = report.findings.map((f) => `${f.kind} ${f.port}`).sort();
    expect(kinds).toEqual(
      [
        `category ${base + 1}`,
        `undeclared ${base + 2}`,
        `unclassified ${base + 3}`,
        `undeclared ${base + 5}`,
        `unclassified ${base + 7}`,
        `unclassified ${base + 11}`,
        `planned-port-taken ${base + 11}`,
        `reserved ${base + 20}`,
      ].sort(),
    );
    const finding = (kind: string, port: number) => report.findings.find((f) => f.kind === kind && f.port === port)!;
    expect(finding("category", base + 1)).toMatchObject({
      range: "databases",
      holder: { kind: "container", service: "api", category: "app" },
      remedy: "move it out of the protected ranges (app has no range), or give it a category with portguard.category",
    });
    expect(finding("undeclared", base + 2).holder).toMatchObject({ name: stray, project: null });
    expect(finding("undeclared", base + 2).remedy).toBe(
      `run it from a compose file, or stop it (docker rm -f ${stray})`,
    );
    expect(finding("undeclared", base + 5).message).toContain(
      `which its compose file does not declare (it declares ${base + 6}`,
    );
    const taken = /^set UI2_PORT=(\d+) \(free in the plan and on this machine\), or stop the holder$/.exec(
      finding("planned-port-taken", base + 11).remedy,
    );
    expect(Number(taken?.[1])).toBeGreaterThanOrEqual(base + 12);
    expect(Number(taken?.[1])).toBeLessThanOrEqual(base + 19);
    expect(finding("reserved", base + 20)).toMatchObject({ range: "reserved", holder: { service: "cache" } });

    // The log: one JSON line per run.
    await cliInProcess(["audit", "--log", log], dir, { DOCKER_HOST: e.host });
    const lines = readFileSync(log, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { timestamp: string; host: string; findings: Finding[] };
      expect(parsed.host).toBe(hostname());
      expect(parsed.findings).toHaveLength(8);
    }

    const table = await cliInProcess(["audit"], dir, { DOCKER_HOST: e.host });
    expect(table.status).toBe(1);
    expect(table.stdout).toContain(`databases ${base}-${base + 9} (for database)`);
    expect(table.stdout).toContain(
      `✔ ${base}/tcp  database  container ${name}-db-1 (postgres:pgtest, compose project ${name} service db)`,
    );
    expect(table.stdout).toContain(
      `✖ container ${name}-api-1 (example/api:pgtest, compose project ${name} service api) holds ${base + 1}/tcp in databases ${base}-${base + 9}, which is for database; it is an app`,
    );
    expect(table.stdout).toMatch(/✖ 8 violation\(s\) on .+ \(\d+ listener\(s\) in 3 range\(s\)\)\n$/);
  });

  it("clean: exit 0; the stack's own containers in their ranges", async () => {
    const ports = await freePorts(30);
    const base = ports[0] as number;
    const dir = stack(e, {
      ".portguard.yml": policy(base),
      "compose.yaml": composeFile(
        {
          db: service("postgres:pgtest", [`\${DB_PORT:-${base}}:5432`]),
          ui: service("adminer:pgtest", [`\${UI_PORT:-${base + 10}}:8080`]),
        },
        `name: ${projectName("audit-ok")}\n`,
      ),
    });
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    const run = await cliInProcess(["audit"], dir, { DOCKER_HOST: e.host });
    expect(run.stdout).toMatch(/✔ no violations on .+: 2 listener\(s\) in 3 range\(s\)\n$/);
    expect(run.status).toBe(0);
    expect((await cliInProcess(["audit", "--format", "xml"], dir)).status).toBe(2);
    expect((await cliInProcess(["audit", "compose.yaml"], dir)).status).toBe(2);
    expect((await cliInProcess(["audit", "--log", join(dir, "missing/audit.log")], dir)).status).toBe(2);
  });
});
