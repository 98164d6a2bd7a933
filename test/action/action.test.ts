/**
 * The built action (dist/action/index.js) run as the runner runs it: a child process with INPUT_*
 * and GITHUB_* variables, and a real HTTP server on 127.0.0.1 standing in for the GitHub API.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git, repo, write } from "../support/git.js";
import { distDir } from "../support/shared.js";

const ACTION = join(distDir, "action/index.js");
const TOKEN = "ghs_test_token_0123456789";
const VOLUME = (name: string) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
const DB = `services:\n  cache:\n    image: redis:7\n    ports:\n      - "\${CACHE_PORT:-7000}:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME("cache")}`;
const APP = `services:\n  queue:\n    image: redis:7\n    ports:\n      - "7000:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME("queue")}`;

interface Seen {
  method: string;
  url: string;
  authorization: string;
}

interface Api {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** A GitHub API stand-in: pulls/{n}/files in pages of `per_page`, or a fixed failure status. */
async function startApi(files: string[], status = 200): Promise<Api> {
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const apis: Api[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.close();
});

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: string[];
}

/** Runs the bundle as the runner does (asynchronously, so the API server in this process answers). */
async function runAction(options: {
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
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
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

/** A repository with a base commit (the db stack) and a head commit adding the apps stack. */
function pullRequestRepo(): { dir: string; base: string; head: string } {
  const dir = repo({ "db/compose.yaml": DB });
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  const base = git(dir, "rev-parse", "HEAD").trim();
  write(dir, "apps/compose.yaml", APP);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "head");
  return { dir, base, head: git(dir, "rev-parse", "HEAD").trim() };
}

const prEvent = (base: string, head: string, changed = 1) => ({
  pull_request: { number: 7, changed_files: changed, base: { sha: base }, head: { sha: head } },
  repository: { name: "stack", owner: { login: "acme" } },
});

describe("the GitHub Action", () => {
  it("pull_request: annotates only the changed files, names the partner in an unchanged file, pages through the API", async () => {
    const { dir, base, head } = pullRequestRepo();
    const filler = Array.from({ length: 100 }, (_, i) => `docs/page-${i}.md`);
    const api = await startApi([...filler, "apps/compose.yaml", "removed/compose.yaml"]);
    apis.push(api);
    const run = await runAction({ workspace: dir, eventName: "pull_request", event: prEvent(base, head, 102), api });
    expect(run.commands).toEqual([
      "::error title=PG103 hardcoded-host-port,file=apps/compose.yaml,line=5,endLine=5,col=9,endColumn=20::queue publishes host port 7000 as a literal; write it as a ${VAR:-default} variable declared in .env (use port 7001 through ${QUEUE_PORT:-7001})",
      "::error title=PG107 port-conflict,file=apps/compose.yaml,line=5,endLine=5,col=9,endColumn=20::host port 7000/tcp of queue is also published by cache (db/compose.yaml:5) (use port 7001 through ${QUEUE_PORT:-7001})",
    ]);
    expect(run.status).toBe(1);
    expect(run.outputs.errors).toBe("2");
    expect(run.outputs.warnings).toBe("0");
    expect(existsSync(run.outputs.report as string)).toBe(true);
    expect(JSON.parse(readFileSync(run.outputs.report as string, "utf8")).diagnostics).toHaveLength(2);
    // Two pages, each with the token.
    expect(api.seen.map((s) => s.url)).toEqual([
      "/repos/acme/stack/pulls/7/files?per_page=100",
      "/repos/acme/stack/pulls/7/files?per_page=100&page=2",
    ]);
    expect(api.seen.every((s) => s.authorization.includes(TOKEN))).toBe(true);
    expect(run.stdout).not.toContain(TOKEN);
    // The summary: counts, linked rows, the port map of the changed compose file.
    expect(run.summary).toMatch(/^## portguard: 2 error\(s\), 0 warning\(s\), 0 info\(s\)/);
    expect(run.summary).toContain(
      `[apps/compose.yaml:5](https://github.com/acme/stack/blob/${head}/apps/compose.yaml#L5)`,
    );
    expect(run.summary).toMatch(/### Port map of the changed compose files[\s\S]*7000\s+tcp\s+\*\s+6379\s+queue/);
    expect(run.summary).not.toMatch(/\bcache\s+database/);
  });

  it("push: every file, no API call", async () => {
    const { dir } = pullRequestRepo();
    const api = await startApi([]);
    apis.push(api);
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: { before: "0000000000000000000000000000000000000000" },
      api,
    });
    expect(api.seen).toEqual([]);
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(
      new Set(["apps/compose.yaml", "db/compose.yaml"]),
    );
    expect(run.status).toBe(1);
  });

  it("an API refusing (403, as on forks) falls back to git diff against the base, and says so", async () => {
    const { dir, base, head } = pullRequestRepo();
    const api = await startApi([], 403);
    apis.push(api);
    const run = await runAction({ workspace: dir, eventName: "pull_request", event: prEvent(base, head), api });
    expect(run.stdout).toMatch(
      /::notice::portguard: the GitHub API did not list the changed files \(HTTP 403\); listed the changed files with git diff against/,
    );
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(new Set(["apps/compose.yaml"]));
  });

  it("an API failing (500) without the base commit in the checkout checks every file, and says so", async () => {
    const { dir, head } = pullRequestRepo();
    const api = await startApi([], 500);
    apis.push(api);
    const run = await runAction({
      workspace: dir,
      eventName: "pull_request",
      event: prEvent("f".repeat(40), head),
      api,
    });
    expect(run.stdout).toMatch(
      /::notice::portguard: the GitHub API did not list the changed files \(HTTP 500\), and the base commit is not in the checkout/,
    );
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(
      new Set(["apps/compose.yaml", "db/compose.yaml"]),
    );
  });

  it("more than 10 errors: most severe first, and the summary lists every one", async () => {
    const services = Array.from(
      { length: 12 },
      (_, i) => `  db${i}:\n    image: redis:7\n    ports:\n      - "${5000 + i}:6379"\n`,
    ).join("");
    const dir = repo({ "compose.yaml": `services:\n${services}`, ".env": "A_PORT=1\nA_PORT=2\n" });
    const run = await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "never" } });
    const kinds = run.commands.map((c) => /^::(\w+)/.exec(c)?.[1]);
    const firstWarning = kinds.indexOf("warning");
    const firstNotice = kinds.indexOf("notice");
    expect(kinds.slice(0, firstWarning).every((k) => k === "error")).toBe(true);
    expect(firstWarning).toBeGreaterThan(10);
    expect(kinds.slice(firstWarning, firstNotice).every((k) => k === "warning")).toBe(true);
    const rows = run.summary.split("\n").filter((l) => /^\| (error|warning|info) \|/.test(l));
    expect(rows).toHaveLength(run.commands.length);
    expect(run.status).toBe(0);
  });

  it("never prints a secret from .env.example, and writes SARIF for code scanning", async () => {
    const secret = "hunter2-do-not-print";
    const dir = repo({
      ".env.example": `DB_PASSWORD=${secret}\nAPI_TOKEN="${secret}-2"\nCACHE_PORT=oops-${secret}\n`,
      "compose.yaml": `services:\n  cache:\n    image: redis:7\n    environment:\n      PASSWORD: \${DB_PASSWORD}\n    ports:\n      - "\${CACHE_PORT:-7000}:6379"\n      - "\${API_TOKEN}:80"\n`,
    });
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: {},
      inputs: { "sarif-file": "out/portguard.sarif" },
    });
    const sarifText = readFileSync(join(dir, "out/portguard.sarif"), "utf8");
    for (const text of [
      run.stdout,
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      readFileSync(run.outputs.report as string, "utf8"),
      sarifText,
    ]) {
      expect(text).not.toContain(secret);
    }
    const sarif = JSON.parse(sarifText);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /^(\.env\.example|compose\.yaml)$/,
    );
  });

  it("fail-on: never passes with errors, warning fails on warnings alone", async () => {
    const dir = repo({
      "compose.yaml": APP.replace('"7000:6379"', '"${QUEUE_PORT}:6379"'),
      ".env": "QUEUE_PORT=7000\n",
    });
    const warnings = await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "error" } });
    expect(warnings.outputs.errors).toBe("0");
    expect(Number(warnings.outputs.warnings)).toBeGreaterThan(0);
    expect(warnings.status).toBe(0);
    expect(
      (await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "warning" } })).status,
    ).toBe(1);
    const errors = repo({ "compose.yaml": APP });
    expect(
      (await runAction({ workspace: errors, eventName: "push", event: {}, inputs: { "fail-on": "never" } })).status,
    ).toBe(0);
  });

  it("working-directory: the project in a subfolder, annotated with repository paths", async () => {
    const dir = repo({ "stacks/data/compose.yaml": APP, "stacks/data/.portguard.yml": "rules:\n  PG107: off\n" });
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: {},
      inputs: { "working-directory": "stacks/data" },
    });
    expect(run.commands.map((c) => /title=(\S+).*file=([^,]+)/.exec(c)?.slice(1).join(" "))).toEqual([
      "PG103 stacks/data/compose.yaml",
    ]);
  });

  it("a bad config fails with one clear line, no stack trace", async () => {
    const dir = repo({ ".portguard.yml": "rules:\n  PG999: error\n", "compose.yaml": DB });
    const run = await runAction({ workspace: dir, eventName: "push", event: {} });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::portguard: invalid config: \.portguard\.yml:2:3: rules\.PG999: unknown rule/m,
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
