/**
 * For the hardening tests: the built CLI and Action run as child processes without blocking this
 * process (so that a fake GitHub API or Docker engine in it can answer), and those fakes.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { CLI } from "./cli.js";
import { distDir } from "./shared.js";

export const ACTION = join(distDir, "action/index.js");
export const TOKEN = "ghs_hardening_token_0123456789";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface ChildRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the child was killed for running past its timeout. */
  timedOut: boolean;
}

/** Runs `node script args` asynchronously; killed (and `timedOut`) after `timeout` ms. */
export function runNode(
  script: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeout: number },
): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: options.env });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeout);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NO_COLOR: "1", ...extra };
}

/** The built CLI, asynchronously. */
export function cli(args: string[], cwd: string, options: { env?: Record<string, string>; timeout?: number } = {}) {
  return runNode(CLI, args, { cwd, env: baseEnv(options.env), timeout: options.timeout ?? 30_000 });
}

export interface ActionRun extends ChildRun {
  outputs: Record<string, string>;
  summary: string;
  /** The workflow commands (`::error ...`) the action printed. */
  commands: string[];
  runnerTemp: string;
}

/** Runs the built action as the runner does: INPUT_* and GITHUB_* variables, an event file. */
export async function action(options: {
  workspace: string;
  eventName?: string;
  /** The event payload, or the raw text of the event file. */
  event?: Record<string, unknown> | string;
  inputs?: Record<string, string>;
  apiUrl?: string;
  env?: Record<string, string>;
  timeout?: number;
}): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), "portguard-runner-"));
  cleanups.push(() => rmSync(runner, { recursive: true, force: true }));
  const eventPath = join(runner, "event.json");
  const event = options.event ?? {};
  writeFileSync(eventPath, typeof event === "string" ? event : JSON.stringify(event));
  const outputFile = join(runner, "output");
  const summaryFile = join(runner, "summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const temp = join(runner, "temp");
  mkdirSync(temp);
  const inputs = { token: TOKEN, "fail-on": "error", summary: "true", "working-directory": ".", ...options.inputs };
  const env = baseEnv({
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName ?? "push",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/stack",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    RUNNER_TEMP: temp,
    ...options.env,
  });
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const run = await runNode(ACTION, [], { cwd: options.workspace, env, timeout: options.timeout ?? 60_000 });
  const outputs: Record<string, string> = {};
  const text = readFileSync(outputFile, "utf8");
  for (const m of text.matchAll(/^(\w[\w-]*)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1] as string] = m[3] as string;
  return {
    ...run,
    outputs,
    summary: readFileSync(summaryFile, "utf8"),
    commands: run.stdout.split("\n").filter((l) => /^::(error|warning|notice)( |::)/.test(l)),
    runnerTemp: temp,
  };
}

export interface FakeServer {
  url: string;
  requests: { method: string; url: string }[];
}

/** An HTTP server on 127.0.0.1 answering with `handler`; closed after the test. */
export async function fakeApi(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void,
): Promise<FakeServer> {
  const requests: FakeServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "" });
    handler(req, res, new URL(req.url ?? "/", "http://127.0.0.1"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** A fake Docker engine on a unix socket listing `containers` (GET /containers/json) under API 1.47. */
export async function fakeEngine(containers: unknown[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pg-engine-"));
  const socketPath = join(dir, "docker.sock");
  const server: Server = createServer((req, res) => {
    if (req.url === "/_ping") res.writeHead(200, { "Api-Version": "1.47", "Content-Type": "text/plain" }).end("OK");
    else if (req.url?.split("?")[0] === "/v1.47/containers/json")
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(containers));
    else res.writeHead(404).end('{"message":"page not found"}');
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          r();
        });
      }),
  );
  return `unix://${socketPath}`;
}
