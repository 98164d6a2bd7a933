/**
 * Issue 10: the attacks on bounded work, run on the built CLI. Each crashed the run, hung it or
 * took minutes before; each has its own timeout, and the other files of the project are still
 * checked.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { project } from "../support/cli.js";
import { cli } from "../support/hostile.js";

const GOOD = 'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

interface Json {
  diagnostics: { rule: string; file: string; message: string }[];
}

async function checkJson(dir: string, timeout = 30_000, args: string[] = []) {
  const run = await cli(["check", "--format", "json", ...args], dir, { timeout });
  expect(run.timedOut, "ran past its timeout").toBe(false);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Json;
}

function expectOnePg001(report: Json, file: string, message: RegExp) {
  const own = report.diagnostics.filter((d) => d.file === file);
  expect(own.map((d) => d.rule)).toEqual(["PG001"]);
  expect(own[0]?.message).toMatch(message);
  expect(report.diagnostics.some((d) => d.file === "good/compose.yaml" && d.rule === "PG102")).toBe(true);
}

describe("bounded work (the built CLI)", () => {
  it("YAML nested 5,000 levels deep: one PG001, the run goes on", { timeout: 60_000 }, async () => {
    const dir = project({
      "compose.yaml": `services:\n  a:\n    x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
      "good/compose.yaml": GOOD,
    });
    expectOnePg001(await checkJson(dir), "compose.yaml", /nested more than 256 levels deep/);
  });

  it("10,000 anchors in a 300 KB file: seconds, not minutes", { timeout: 60_000 }, async () => {
    let text = "x-anchors:\n";
    for (let i = 0; i < 10_000; i++) text += `  a${i}: &a${i} value-${i}\n`;
    text += "services:\n  a:\n    image: nginx\n    labels:\n";
    for (let i = 0; i < 4_000; i++) text += `      - *a${i * 2}\n`;
    const dir = project({ "compose.yaml": text, "good/compose.yaml": GOOD });
    const report = await checkJson(dir, 20_000);
    expect(report.diagnostics.filter((d) => d.file === "compose.yaml")).toEqual([]);
  });

  it("variables.pattern ^(A+)+$: check and fix finish", { timeout: 60_000 }, async () => {
    const name = `${"A".repeat(40)}_PORT`;
    const dir = project({
      ".portguard.yml": "variables:\n  pattern: ^(A+)+$\n",
      "compose.yaml": `services:\n  db:\n    image: postgres:16\n    ports:\n      - "\${${name}:-7000}:5432"\n`,
      ".env": `${name}=7000\n`,
    });
    const report = await checkJson(dir, 20_000);
    expect(report.diagnostics.some((d) => d.rule === "PG109")).toBe(true);
    const fix = await cli(["fix", "--dry-run"], dir, { timeout: 20_000 });
    expect(fix.timedOut).toBe(false);
  });

  it("a files.compose glob with five **/a* pairs on an 80-deep tree", { timeout: 60_000 }, async () => {
    const deep = Array.from({ length: 80 }, () => "a").join("/");
    const files: Record<string, string> = {
      ".portguard.yml": 'files:\n  compose: ["**/a*/**/a*/**/a*/**/a*/**/a*/compose.yaml", "good/compose.yaml"]\n',
      "good/compose.yaml": GOOD,
    };
    for (let i = 0; i < 300; i++) files[`${deep}/b${i}`] = "";
    const dir = project(files);
    const report = await checkJson(dir, 20_000);
    expect(report.diagnostics.some((d) => d.file === "good/compose.yaml")).toBe(true);
  });

  it("a 9.5 MB file under the size cap: one PG001 at once", { timeout: 60_000 }, async () => {
    let text = "services:\n  a:\n    image: x\n    ports:\n";
    for (let i = 0; text.length < 9.5e6; i++) text += `      - "${1000 + (i % 60000)}:80"\n`;
    const dir = project({ "compose.yaml": text, "good/compose.yaml": GOOD });
    expectOnePg001(await checkJson(dir, 30_000), "compose.yaml", /too large to check: [\d,]+ lines and flow items/);
  });

  it("4,000 services on one port: no crash, messages stay short", { timeout: 60_000 }, async () => {
    let text = "services:\n";
    for (let i = 0; i < 4_000; i++) text += `  s${i}:\n    image: nginx\n    ports: ["8080:80"]\n`;
    const dir = project({ "compose.yaml": text });
    const report = await checkJson(dir, 30_000);
    const conflicts = report.diagnostics.filter((d) => d.rule === "PG107");
    expect(conflicts).toHaveLength(4_000);
    expect(Math.max(...conflicts.map((d) => d.message.length))).toBeLessThan(300);
  });
});

describe("preflight --timeout", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  });

  it("--timeout 99999999999 waits for a slow engine instead of giving up at once", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "pg-slow-engine-"));
    const socketPath = join(dir, "docker.sock");
    const server = createServer((req, res) => {
      setTimeout(() => {
        if (req.url === "/_ping") res.writeHead(200, { "Api-Version": "1.47" }).end("OK");
        else res.writeHead(200, { "Content-Type": "application/json" }).end("[]");
      }, 300);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(socketPath, r));
    const stack = project({ "compose.yaml": 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n' });
    try {
      const run = await cli(["preflight", "--format", "json", "--timeout", "99999999999"], stack, {
        env: { DOCKER_HOST: `unix://${socketPath}` },
      });
      expect(run.stderr).not.toMatch(/TimeoutOverflowWarning/);
      expect(JSON.parse(run.stdout).docker).toMatchObject({ reachable: true, containers: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
