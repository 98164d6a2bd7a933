/**
 * preflight on a real Docker engine (scripts/docker-engine.sh) with the real docker compose: what
 * it says is checked against what `docker compose up` then does.
 */
import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compose, docker, realEngine } from "../support/engine.js";
import { git } from "../support/git.js";
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
  startCli,
  until,
} from "../support/live.js";

const engine = realEngine();

interface Row {
  service: string;
  project: string;
  status: string;
  blocking: boolean;
  holder: Record<string, unknown> | null;
}
interface Report {
  rows: Row[];
  docker: { reachable: boolean; containers?: number; starting?: number };
  summary: { bindings: number; free: number; self: number; blocked: number; unknown: number };
  timings: Record<string, number>;
}

async function preflight(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const run = await cliInProcess(["preflight", "--format", "json", ...args], dir, {
    DOCKER_HOST: engine?.host ?? "",
    ...env,
  });
  if (run.status === 2) throw new Error(run.stderr);
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

const row = (r: Report, name: string) => r.rows.find((x) => x.service === name) as Row;

describe.runIf(engine)("preflight on a real engine", () => {
  const e = engine!;

  it("the stack up: all its ports are its own (exit 0); down: all free", async () => {
    const [db, ui] = await freePorts(2);
    const dir = stack(e, {
      "compose.yaml": composeFile(
        {
          db: service("postgres:pgtest", [`\${DB_PORT:-${db}}:5432`]),
          ui: service("adminer:pgtest", [`127.0.0.1:${ui}:8080`]),
        },
        `name: ${projectName("pf-up")}\n`,
      ),
    });
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    const up = await preflight(dir);
    expect(up.report.summary).toMatchObject({ bindings: 2, self: 2, blocked: 0 });
    expect(row(up.report, "db").holder).toMatchObject({ status: "self", container: { service: "db" } });
    expect(up.status).toBe(0);
    expect(compose(e, dir, ["down", "-t", "0"]).status).toBe(0);
    const down = await preflight(dir);
    expect(down.report.summary).toMatchObject({ free: 2, blocked: 0 });
  });

  it("the project name from COMPOSE_PROJECT_NAME in .env: the stack's own containers are its own", async () => {
    const [port] = await freePorts(1);
    const name = projectName("pf-dotenv");
    const dir = stack(e, {
      "compose.yaml": composeFile({ db: service("postgres:pgtest", [`${port}:5432`]) }),
      ".env": `COMPOSE_PROJECT_NAME=${name}\n`,
    });
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    expect(docker(e, "ps", "--format", "{{.Names}}")).toContain(`${name}-db-1`);
    const { status, report } = await preflight(dir);
    expect(row(report, "db")).toMatchObject({ project: name, status: "self", blocking: false });
    expect(status).toBe(0);
  });

  it("the project name from -p / --project-name, and from COMPOSE_PROJECT_NAME in the environment", async () => {
    const [port] = await freePorts(1);
    const name = projectName("pf-flag");
    const dir = stack(e, { "compose.yaml": composeFile({ db: service("postgres:pgtest", [`${port}:5432`]) }) }, name);
    expect(compose(e, dir, ["-p", name, "up", "-d"]).status).toBe(0);
    // Without the name, another project holds the port: docker compose up (without -p) fails too.
    const other = await preflight(dir);
    expect(row(other.report, "db")).toMatchObject({ status: "container", blocking: true });
    expect(other.status).toBe(1);
    expect(compose(e, dir, ["up", "-d"]).status).not.toBe(0);
    compose(e, dir, ["down", "-t", "0"]);

    for (const args of [["-p", name], [`--project-name=${name}`]]) {
      const { status, report } = await preflight(dir, args);
      expect(row(report, "db"), args.join(" ")).toMatchObject({ project: name, status: "self" });
      expect(status).toBe(0);
    }
    const fromEnv = await preflight(dir, [], { COMPOSE_PROJECT_NAME: name });
    expect(row(fromEnv.report, "db")).toMatchObject({ project: name, status: "self" });
    expect(fromEnv.status).toBe(0);
  });

  it.runIf(engine?.slowRuntime)("a container that is starting holds its ports for its own stack", async () => {
    const [port] = await freePorts(1);
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`${port}:5432`], "    runtime: portguard-slow\n") },
        `name: ${projectName("pf-start")}\n`,
      ),
    });
    const up = spawn(e.compose, ["up", "-d"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", DOCKER_HOST: e.host, PORTGUARD_SLOW_START: "8" },
      stdio: "ignore",
    });
    const done = new Promise<number | null>((resolve) => up.on("close", resolve));
    onCleanup(async () => {
      await done;
    });
    await until(() => socketListed(port as number), 20_000, "the published port");
    const { status, report } = await preflight(dir);
    expect(docker(e, "ps", "-a", "--format", "{{.State}}").trim()).toBe("created");
    expect(row(report, "db")).toMatchObject({
      status: "self",
      blocking: false,
      holder: { container: { service: "db", state: "created" } },
    });
    expect(report.docker).toMatchObject({ reachable: true, containers: 0, starting: 1 });
    expect(status).toBe(0);
    expect(await done).toBe(0);
  });

  it("--watch while the stack starts and stops: its own ports never read as taken", async () => {
    const [db, cache] = await freePorts(2);
    const dir = stack(e, {
      "compose.yaml": composeFile(
        {
          db: service("postgres:pgtest", [`${db}:5432`]),
          cache: service("redis:pgtest", [`127.0.0.1:${cache}:6379`]),
        },
        `name: ${projectName("pf-watch")}\n`,
      ),
    });
    const watch = startCli(["preflight", "--watch", "0.1"], dir, { DOCKER_HOST: e.host });
    await until(() => watch.out().includes("Watching every 0.1 s"), 20_000, "the first check");
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);
    await until(() => (watch.out().match(/→ this stack \(container/g) ?? []).length >= 2, 20_000, "the stack up");
    expect(compose(e, dir, ["down", "-t", "0"]).status).toBe(0);
    await until(() => (watch.out().match(/\) → free/g) ?? []).length >= 2, 20_000, "the stack down");
    watch.child.kill("SIGINT");
    expect(await watch.done).toBe(0);
    expect(watch.out()).not.toMatch(/taken by/);
    expect(watch.err()).toBe("");
  });

  it("a container published only on [::] does not take the port on IPv4", async () => {
    const [port] = await freePorts(1);
    runContainer(e, projectName("pf-v6"), ["-p", `[::]:${port}:80`]);
    const dir = stack(e, {
      "compose.yaml": composeFile(
        {
          v4: service("postgres:pgtest", [`127.0.0.1:${port}:5432`]),
        },
        `name: ${projectName("pf-v4")}\n`,
      ),
    });
    const { status, report } = await preflight(dir);
    expect(row(report, "v4")).toMatchObject({ status: "free", blocking: false });
    expect(status).toBe(0);
    // The oracle agrees: it starts.
    expect(compose(e, dir, ["up", "-d"]).status).toBe(0);

    const all = stack(e, {
      "compose.yaml": composeFile(
        { all: service("postgres:pgtest", [`${port}:5432`]) },
        `name: ${projectName("pf-all")}\n`,
      ),
    });
    const blocked = await preflight(all);
    expect(row(blocked.report, "all")).toMatchObject({ status: "container", blocking: true });
  });

  it("another container (plain docker run) on a planned port: named, blocking; the oracle fails too", async () => {
    const [port] = await freePorts(1);
    const name = runContainer(e, projectName("pf-plain"), ["-p", `${port}:80`], "redis:pgtest");
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`${port}:5432`]) },
        `name: ${projectName("pf-o")}\n`,
      ),
    });
    const { status, report } = await preflight(dir);
    expect(row(report, "db")).toMatchObject({
      status: "container",
      blocking: true,
      holder: { container: { name, image: "redis:pgtest", project: null } },
    });
    expect(status).toBe(1);
    const table = await cliInProcess(["preflight"], dir, { DOCKER_HOST: e.host });
    expect(table.stdout).toContain(`taken by container ${name} (redis:pgtest)`);
    expect(compose(e, dir, ["up", "-d"]).output).toMatch(/already allocated|address already in use/);
  });

  it("docker-proxy: named through the engine; when the engine cannot be asked, still blocking", async () => {
    const [port] = await freePorts(1);
    const name = runContainer(e, projectName("pf-proxy"), ["-p", `${port}:80`]);
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`${port}:5432`]) },
        `name: ${projectName("pf-p")}\n`,
      ),
    });
    const known = await preflight(dir);
    expect(row(known.report, "db").holder).toMatchObject({ status: "container", container: { name } });
    const unknown = await preflight(dir, [], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(row(unknown.report, "db")).toMatchObject({
      status: "docker-proxy",
      blocking: true,
      holder: { command: "docker-proxy" },
    });
  });

  it("a host process on a planned port: pid, command, user; the oracle fails too", async () => {
    const [port] = await freePorts(1);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "0.0.0.0", resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`${port}:5432`]) },
        `name: ${projectName("pf-h")}\n`,
      ),
    });
    const { status, report } = await preflight(dir);
    expect(row(report, "db").holder).toMatchObject({ status: "process", pid: process.pid, user: userInfo().username });
    expect(status).toBe(1);
    expect(compose(e, dir, ["up", "-d"]).output).toMatch(/address already in use/);
  });

  it("a connected UDP socket takes its port: blocking, as compose finds", async () => {
    const [port, peer] = await freePorts(2);
    const socket = createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(port, "0.0.0.0", resolve));
    await new Promise<void>((resolve, reject) =>
      socket.connect(peer as number, "127.0.0.1", (err?: Error) => (err ? reject(err) : resolve())),
    );
    onCleanup(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { dns: service("example/api:pgtest", [`${port}:53/udp`]) },
        `name: ${projectName("pf-u")}\n`,
      ),
    });
    const { status, report } = await preflight(dir);
    expect(row(report, "dns")).toMatchObject({ status: "process", blocking: true, holder: { pid: process.pid } });
    expect(status).toBe(1);
    expect(compose(e, dir, ["up", "-d"]).output).toMatch(/address already in use/);
  });

  it("timings: the project's lint is measured, and the engine apart from the /proc walk", async () => {
    const [port] = await freePorts(1);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const dir = stack(e, {
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`${port}:5432`]) },
        `name: ${projectName("pf-t")}\n`,
      ),
    });
    const { timings: t } = (await preflight(dir)).report;
    expect(t.project).toBeGreaterThan(0);
    expect(t.socketOwners).toBeGreaterThan(0);
    // The parts happen one after the other: they add up to (at most) the total.
    expect(t.project! + t.docker! + t.socketTables! + t.socketOwners!).toBeLessThanOrEqual(t.total! + 0.5);
  });

  it("--apply: the suggested free port goes into .env, checked again; compose then starts", async () => {
    const range = await freePorts(10);
    const taken = range[0] as number;
    runContainer(e, projectName("pf-apply-holder"), ["-p", `${taken}:80`]);
    const dir = stack(e, {
      ".portguard.yml": `ranges:\n  - { name: databases, ports: ${range[0]}-${range[9]}, for: [database] }\n`,
      "compose.yaml": composeFile(
        {
          db: service("postgres:pgtest", [`\${DB_PORT:-${taken}}:5432`]),
          legacy: service("postgres:pgtest", [`127.0.0.1:${taken}:5432`]),
        },
        `name: ${projectName("pf-apply")}\n`,
      ),
    });
    const run = await cliInProcess(["preflight", "--apply"], dir, { DOCKER_HOST: e.host });
    expect(run.stdout).toContain(`Applied: DB_PORT=${range[1]} in .env (db)`);
    expect(run.stdout).toMatch(
      /Not applied: legacy \(compose\.yaml:\d+\): its host port is written as a literal: run portguard fix to give it a variable first/,
    );
    expect(run.stdout).toMatch(/Backup \d{8}T\d{6}Z: only new files/);
    const again = run.stdout.slice(run.stdout.indexOf("Checking again:"));
    expect(again).toContain("✖ 1 of 2 host port(s) taken");
    expect(again).not.toContain("✖ db ");
    expect(run.status).toBe(1);
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(
      `# Host ports for this machine, set by portguard preflight --apply.\nDB_PORT=${range[1]}\n`,
    );
    // The oracle: the service that read the variable starts on the new port.
    expect(compose(e, dir, ["up", "-d", "db"]).status).toBe(0);
    expect(row((await preflight(dir)).report, "db")).toMatchObject({ status: "self", hostPort: range[1] });
  });

  it("--apply is git-aware: an uncommitted .env is refused without --force, backed up with it, and rolled back", async () => {
    const range = await freePorts(10);
    const taken = range[0] as number;
    runContainer(e, projectName("pf-apply-git"), ["-p", `${taken}:80`]);
    const env = `# mine\nDB_PORT=${taken} # the old one\n`;
    const dir = stack(e, {
      ".portguard.yml": `ranges:\n  - { name: databases, ports: ${range[0]}-${range[9]}, for: [database] }\n`,
      "compose.yaml": composeFile(
        { db: service("postgres:pgtest", [`\${DB_PORT:-${range[5]}}:5432`]) },
        `name: ${projectName("pf-ag")}\n`,
      ),
      ".env": env,
    });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "stack");
    writeFileSync(join(dir, ".env"), `${env}# edited\n`);
    const refused = await cliInProcess(["preflight", "--apply"], dir, { DOCKER_HOST: e.host });
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain(
      "Not applied: these files have uncommitted changes (commit or stash them, or pass --force):\n  .env",
    );
    const forced = await cliInProcess(["preflight", "--apply", "--force", "--format", "json"], dir, {
      DOCKER_HOST: e.host,
    });
    const report = JSON.parse(forced.stdout) as Report & { applied: unknown[]; backup: string };
    expect(report.applied).toEqual([{ file: ".env", variable: "DB_PORT", port: range[1], service: "db" }]);
    expect(report.summary).toMatchObject({ blocked: 0 });
    expect(forced.status).toBe(0);
    // Only the value moved; the comment and the rest stay.
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(`# mine\nDB_PORT=${range[1]} # the old one\n# edited\n`);
    const undo = await cliInProcess(["fix", "--rollback", report.backup], dir);
    expect(undo.stdout).toContain("Rolled back");
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(`${env}# edited\n`);
  });
});
