/**
 * preflight with real parts: real listeners of this process on 127.0.0.1 and ::1 (TCP and UDP),
 * the built CLI as a process (also as an unprivileged user), and a fake Docker engine on a unix
 * socket only for what a real one will not do (fail, hang); the real engine is in test/engine.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { engineEndpoint } from "../../src/cli/preflight/docker-engine.js";
import { project } from "../support/cli.js";
import { cliInProcess } from "../support/in-process.js";
import { startCli, until } from "../support/live.js";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function tcp(host: string): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

async function udp(type: "udp4" | "udp6", host: string): Promise<number> {
  const socket: UdpSocket = createSocket(type);
  await new Promise<void>((resolve, reject) => socket.once("error", reject).bind(0, host, resolve));
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket.address().port;
}

/** A fake Docker engine on a unix socket: answers with `handler`. */
async function engine(handler: (path: string, res: ServerResponse) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pg-engine-"));
  const socketPath = join(dir, "docker.sock");
  const server: HttpServer = createHttpServer((req, res) => handler(req.url ?? "", res));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `unix://${socketPath}`;
}

interface Row {
  service: string;
  status: string;
  blocking: boolean;
  hostPort: number;
  protocol: string;
  holder: Record<string, unknown> | null;
  suggestion: { port: number; variable: string } | null;
}
interface Preflight {
  version: number;
  rows: Row[];
  docker: { reachable: boolean; reason?: string; apiVersion?: string };
  summary: { bindings: number; free: number; self: number; blocked: number; unknown: number };
  timings: Record<string, number>;
}

const DB = (port: string) =>
  `    image: postgres:16\n    ports:\n      - "${port}:5432"\n    volumes:\n      - data:/var/lib/postgresql/data\n`;

function stack(services: Record<string, string>): string {
  const body = Object.entries(services)
    .map(([name, text]) => `  ${name}:\n${text}`)
    .join("");
  return `name: pftest\nservices:\n${body}volumes:\n  data:\n    name: pftest-data\n`;
}

async function preflight(dir: string, env: Record<string, string>, args: string[] = []) {
  const run = await cliInProcess(["preflight", "--format", "json", ...args], dir, env);
  return { status: run.status, report: JSON.parse(run.stdout) as Preflight, stderr: run.stderr };
}

const row = (report: Preflight, service: string) => report.rows.find((r) => r.service === service) as Row;
const me = userInfo().username;
const ownCommand = () => readFileSync(`/proc/${process.pid}/comm`, "utf8").trim();
const NO_ENGINE = () => ({ DOCKER_HOST: `unix://${join(mkdtempSync(join(tmpdir(), "pg-none-")), "docker.sock")}` });

const linux = process.platform === "linux";

describe.runIf(linux)("preflight against real listeners", () => {
  it("names this test's own pid and command, protocol and host IP aware", async () => {
    const tcp4 = await tcp("127.0.0.1");
    const udp4 = await udp("udp4", "127.0.0.1");
    // A machine (or container) without IPv6 skips the ::1 half.
    const tcp6 = await tcp("::1").catch(() => null);
    const udp6 = await udp("udp6", "::1").catch(() => null);
    const coredns = (port: string) => `    image: coredns/coredns:1.11.1\n    ports:\n      - "${port}:53/udp"\n`;
    const dir = project({
      "compose.yaml": stack({
        v4: DB(`127.0.0.1:${tcp4}`),
        ...(tcp6 ? { v6: DB(`[::1]:${tcp6}`) } : {}),
        all: DB(`${tcp4}`),
        dns4: coredns(`127.0.0.1:${udp4}`),
        ...(udp6 ? { dns6: coredns(`[::1]:${udp6}`) } : {}),
        otherip: DB(`127.0.0.2:${tcp4}`),
        otherfamily: DB(`[::1]:${tcp4}`),
        otherprotocol: coredns(`127.0.0.1:${tcp4}`),
      }),
    });
    const { status, report } = await preflight(dir, NO_ENGINE());
    expect(status).toBe(1);
    const taken = ["v4", "all", "dns4", ...(tcp6 ? ["v6"] : []), ...(udp6 ? ["dns6"] : [])];
    for (const service of taken) {
      expect(row(report, service), service).toMatchObject({
        status: "process",
        blocking: true,
        holder: { status: "process", pid: process.pid, command: ownCommand(), user: me },
      });
    }
    for (const service of ["otherip", "otherfamily", "otherprotocol"]) {
      expect(row(report, service), service).toMatchObject({ status: "free", blocking: false, holder: null });
    }
    // The fix: a port free in the plan and in the databases range, and the variable to set.
    const v4 = row(report, "v4").suggestion;
    expect(v4?.variable).toBe("V4_PORT");
    expect(v4?.port).toBeGreaterThanOrEqual(7000);
    expect(v4?.port).toBeLessThanOrEqual(7099);
    const ports = report.rows.flatMap((r) => (r.suggestion ? [r.suggestion.port] : []));
    expect(new Set(ports).size).toBe(ports.length);
    expect(report.docker.reachable).toBe(false);
    expect(report.timings.socketTables).toBeGreaterThanOrEqual(0);
  });

  it("the table names the culprit and the fix; all clear when nothing holds the ports", async () => {
    const port = await tcp("127.0.0.1");
    const dir = project({ "compose.yaml": stack({ db: DB(`\${DB_PORT:-${port}}`) }) });
    const run = await cliInProcess(["preflight"], dir, NO_ENGINE());
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `✖ db  ${port}/tcp  taken by process ${ownCommand()} (pid ${process.pid}, user ${me})`,
    );
    expect(run.stdout).toMatch(/→ set DB_PORT=70\d\d \(free in the plan and on this machine\)/);
    expect(run.stdout).toMatch(/Docker: not reachable \(no socket at .*docker\.sock\)/);
    expect(run.stdout).toContain("✖ 1 of 1 host port(s) taken: docker compose up would fail");

    const free = project({ "compose.yaml": stack({ db: DB("${DB_PORT:-7077}") }) });
    const clear = await cliInProcess(["preflight"], free, NO_ENGINE());
    expect(clear.status).toBe(0);
    expect(clear.stdout).toContain("✔ all clear: 1 host port(s) (1 free)");
  });

  it("PATHs narrow the bindings checked; usage errors exit 2", async () => {
    const port = await tcp("127.0.0.1");
    const dir = project({
      "a/compose.yaml": stack({ db: DB(`${port}`) }),
      "b/compose.yaml": stack({ other: DB("7088") }),
    });
    const { report } = await preflight(dir, NO_ENGINE(), ["b"]);
    expect(report.rows.map((r) => r.service)).toEqual(["other"]);
    expect((await cliInProcess(["preflight", "--format", "xml"], dir)).status).toBe(2);
    expect((await cliInProcess(["preflight", "--timeout", "soon"], dir)).status).toBe(2);
    expect((await cliInProcess(["preflight", "--watch", "-1"], dir)).status).toBe(2);
  });

  it("--apply leaves an .env with a syntax error alone, as fix does, and says where it is", async () => {
    const port = await tcp("127.0.0.1");
    const env = `DB_PORT=${port}\nGREETING='unterminated\n`;
    const dir = project({ "compose.yaml": stack({ db: DB("${DB_PORT:-7000}") }), ".env": env });
    const run = await cliInProcess(["preflight", "--apply"], dir, NO_ENGINE());
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^Not applied: db \(\.env\): \.env has a syntax error at 2:1 \(unterminated quoted value; PG001\): correct it first$/m,
    );
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(env);
    expect(existsSync(join(dir, ".portguard"))).toBe(false);
  });
});

// What a real engine does is tested on one (test/engine); a fake one here only for what a real one
// will not do: fail, hang, answer garbage.
describe.runIf(linux)("preflight and an engine that fails (a fake one on a unix socket)", () => {
  it.each([
    ["no socket", () => Promise.resolve(NO_ENGINE().DOCKER_HOST), /^no socket at /],
    [
      "a file that is not a socket (refused)",
      () => {
        const path = join(mkdtempSync(join(tmpdir(), "pg-file-")), "docker.sock");
        writeFileSync(path, "");
        return Promise.resolve(`unix://${path}`);
      },
      /^connection refused at /,
    ],
    [
      "HTTP 500",
      () => engine((_path, res) => res.writeHead(500).end('{"message":"daemon is shutting down"}')),
      /^HTTP 500 on \/_ping: daemon is shutting down$/,
    ],
    [
      "an error on the list",
      () =>
        engine((path, res) =>
          path === "/_ping" ? res.writeHead(200, { "Api-Version": "1.47" }).end("OK") : res.writeHead(503).end(),
        ),
      /^HTTP 503 on \/containers\/json$/,
    ],
    ["an engine that never answers", () => engine(() => {}), /^no answer within 300 ms$/],
  ])("%s: Docker not reachable, and the process listeners are still reported", async (_name, start, reason) => {
    const port = await tcp("127.0.0.1");
    const dir = project({ "compose.yaml": stack({ db: DB(`${port}`) }) });
    const host = await start();
    const started = Date.now();
    const { report } = await preflight(dir, { DOCKER_HOST: host }, ["--timeout", "300"]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.docker.reachable).toBe(false);
    expect(report.docker.reason).toMatch(reason);
    expect(row(report, "db")).toMatchObject({ status: "process", holder: { pid: process.pid } });
  });

  it("finds the engine through DOCKER_CONTEXT or the CLI config's current context", () => {
    const config = mkdtempSync(join(tmpdir(), "pg-docker-config-"));
    const name = "colima";
    // The docker CLI keeps a context's endpoint under the sha256 of its name.
    const meta = join(config, "contexts", "meta", createHash("sha256").update(name).digest("hex"));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      join(meta, "meta.json"),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: "unix:///tmp/colima.sock" } } }),
    );
    writeFileSync(join(config, "config.json"), JSON.stringify({ currentContext: name }));
    expect(engineEndpoint({ DOCKER_CONFIG: config })).toEqual({
      display: "unix:///tmp/colima.sock",
      socketPath: "/tmp/colima.sock",
    });
    expect(engineEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: "default" })).toMatchObject({
      socketPath: "/var/run/docker.sock",
    });
    expect(engineEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: "nope" })).toMatchObject({
      unsupported: expect.stringMatching(/context nope not found/),
    });
    expect(engineEndpoint({ DOCKER_CONFIG: config, DOCKER_HOST: "tcp://127.0.0.1:2375" })).toEqual({
      display: "tcp://127.0.0.1:2375",
      host: "127.0.0.1",
      port: 2375,
    });
    expect(engineEndpoint({ DOCKER_HOST: "ssh://me@box" })).toMatchObject({
      unsupported: "unsupported endpoint (ssh://)",
    });
    expect(engineEndpoint({ DOCKER_CONFIG: join(config, "missing") })).toMatchObject({
      socketPath: "/var/run/docker.sock",
    });
  });
});

describe.runIf(linux)("the built CLI", () => {
  it("--watch prints only what changed, until interrupted", async () => {
    const port = await tcp("127.0.0.1");
    const freePort = await tcp("127.0.0.1");
    // Release freePort so that it starts free; the test takes it again while watching.
    await closers.pop()?.();
    const dir = project({
      "compose.yaml": stack({ db: DB(`${port}`), cache: DB(`${freePort}`).replace("postgres:16", "redis:7") }),
    });
    const run = startCli(["preflight", "--watch", "0.2"], dir, NO_ENGINE());
    await until(() => run.out().includes("Watching every 0.2 s"));
    expect(run.out()).toContain(`✖ db  ${port}/tcp  taken by process`);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(freePort, "127.0.0.1", resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await until(() => run.out().includes(`cache ${freePort}/tcp: free → taken by process`));
    const lines = run
      .out()
      .split("\n")
      .filter((l) => /^\d\d:\d\d:\d\d {2}/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`(pid ${process.pid}, user ${me}) → change the literal host port ${freePort} to 70`);
    run.child.kill("SIGINT");
    expect(await run.done).toBe(1);
    expect(run.err()).toBe("");
  });

  const NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  const asNobody = process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).status === 0;
  it.runIf(asNobody)("as an unprivileged user: the holder's uid, owner not visible, never 'free'", async () => {
    const port = await tcp("127.0.0.1");
    const dir = project({ "compose.yaml": stack({ db: DB(`${port}`) }) });
    spawnSync("chmod", ["-R", "a+rX", dir]);
    const run = startCli(["preflight", "--format", "json"], dir, { ...NO_ENGINE(), HOME: "/tmp" }, NOBODY);
    expect(await run.done).toBe(1);
    const report = JSON.parse(run.out()) as Preflight;
    expect(row(report, "db")).toMatchObject({ status: "hidden", blocking: true, holder: { status: "hidden", uid: 0 } });
    const table = startCli(["preflight"], dir, NO_ENGINE(), NOBODY);
    await table.done;
    expect(table.out()).toContain(`✖ db  ${port}/tcp  taken by uid 0 (owner not visible: not root)`);
    expect(table.out()).toContain("not root: owners of other users' sockets are hidden");
  });
});
