/**
 * The built action (dist/action/index.js) run as the runner runs it: a child process with INPUT_*
 * and GITHUB_* variables, and a real HTTP server on 127.0.0.1 standing in for the GitHub API.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { gitEnv } from "./git.js";
import { distDir } from "./shared.js";

const ACTION = join(distDir, "action/index.js");
export const TOKEN = "ghs_test_token_0123456789";

interface Seen {
  method: string;
  url: string;
  authorization: string;
}

export interface Api {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** A GitHub API stand-in (closed after the test): pulls/{n}/files in pages of `per_page`, or a fixed failure status. */
export async function startApi(files: string[], status = 200): Promise<Api> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: String(req.headers.authorization ?? "") });
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (status !== 200) {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: status === 403 ? "Resource not accessible by integration" : "Server Error" }));
      return;
    }
    if (!/^\/repos\/acme\/stack\/pulls\/7\/files$/.test(url.pathname)) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Not Found" }));
      return;
    }
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const pages = Math.max(1, Math.ceil(files.length / perPage));
    const slice = files.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${url.pathname}?per_page=${perPage}`;
    const links = [];
    if (page < pages) links.push(`<${base}&page=${page + 1}>; rel="next"`, `<${base}&page=${pages}>; rel="last"`);
    if (links.length) headers.link = links.join(", ");
    res.writeHead(200, headers);
    res.end(
      JSON.stringify(
        slice.map((filename) => ({ filename, status: filename.startsWith("removed/") ? "removed" : "modified" })),
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const api = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  apis.push(api);
  return api;
}

/** Servers started by a test, closed after it. */
const apis: Api[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.close();
});

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: string[];
}

/** Runs the bundle as the runner does (asynchronously, so the API server in this process answers). */
export async function runAction(options: {
  workspace: string;
  eventName: string;
  event: Record<string, unknown>;
  inputs?: Record<string, string>;
  api?: Api;
}): Promise<ActionRun> {
  const runner = mkdtempSync(join(tmpdir(), "portguard-runner-"));
  const eventPath = join(runner, "event.json");
  writeFileSync(eventPath, JSON.stringify(options.event));
  const outputFile = join(runner, "output");
  const summaryFile = join(runner, "summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const inputs = { token: TOKEN, "fail-on": "error", summary: "true", "working-directory": ".", ...options.inputs };
  const env: Record<string, string> = {
    ...gitEnv(),
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/stack",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: options.api?.url ?? "http://127.0.0.1:9",
    RUNNER_TEMP: runner,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(process.execPath, [ACTION], { cwd: options.workspace, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const status = await new Promise<number | null>((r) => child.on("close", r));
  const outputs: Record<string, string> = {};
  const text = readFileSync(outputFile, "utf8");
  for (const m of text.matchAll(/^(\w[\w-]*)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1] as string] = m[3] as string;
  return {
    status,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, "utf8"),
    commands: stdout.split("\n").filter((l) => /^::(error|warning|notice) /.test(l)),
  };
}
