/**
 * Issue 10: control characters from outside (file and folder names, service names, Docker
 * container names and labels) are escaped before they reach a terminal or a workflow log: no raw
 * escape sequence, no line that starts a workflow command.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "../support/cli.js";
import { cli, fakeEngine } from "../support/hostile.js";

const BAD = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';
// biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be printed raw
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

function expectNoInjection(text: string, what: string) {
  expect(RAW_CONTROL.test(text), `raw control character in ${what}: ${JSON.stringify(text.slice(0, 400))}`).toBe(false);
  expect(text, what).not.toMatch(/^::error::injected/m);
}

describe("control characters are escaped", () => {
  it("in file and folder names, in every text format and the port table", async () => {
    const dir = project({ "ok/compose.yaml": BAD });
    for (const folder of ["red\u001b[31mfolder", "x\n::error::injected", "bidi\u202ecod"]) {
      mkdirSync(join(dir, folder));
      writeFileSync(join(dir, folder, "compose.yaml"), BAD);
    }
    for (const args of [
      ["check"],
      ["check", "--format", "github"],
      ["check", "--format", "markdown"],
      ["ports"],
      ["fix", "--dry-run"],
    ]) {
      const run = await cli(args, dir);
      expectNoInjection(run.stdout + run.stderr, args.join(" "));
    }
    const stylish = await cli(["check"], dir);
    expect(stylish.stdout).toContain("red\\x1b[31mfolder/compose.yaml");
    expect(stylish.stdout).toContain("x\\x0a::error::injected/compose.yaml");
    expect(stylish.stdout).toContain("bidi\\u202ecod/compose.yaml");
  });

  it("in service names written with YAML escapes", async () => {
    const dir = project({
      "compose.yaml":
        'services:\n  "web\\e]0;pwned\\a\\n::error::injected":\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    });
    for (const args of [["check"], ["check", "--format", "github"], ["ports"], ["check", "--format", "markdown"]]) {
      const run = await cli(args, dir);
      expectNoInjection(run.stdout + run.stderr, args.join(" "));
      expect(run.stdout, args.join(" ")).toContain("web\\x1b]0;pwned\\x07");
    }
  });

  it("in Docker container names, images and labels shown by preflight and audit", { timeout: 60_000 }, async () => {
    const host = await fakeEngine([
      {
        Id: "a".repeat(64),
        Names: ["/evil\u001b[2J\n::error::injected"],
        Image: "img\u001b[31m:1",
        Ports: [{ IP: "0.0.0.0", PrivatePort: 5432, PublicPort: 7000, Type: "tcp" }],
        Labels: { "com.docker.compose.project": "proj\u001b]0;title\u0007", "com.docker.compose.service": "svc\r" },
        State: "running",
      },
    ]);
    const dir = project({
      "compose.yaml":
        'name: mine\nservices:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n    name: data-mine\n',
    });
    const run = await cli(["preflight"], dir, { env: { DOCKER_HOST: host } });
    expect(run.status).toBe(1);
    expectNoInjection(run.stdout + run.stderr, "preflight");
    expect(run.stdout).toContain(
      "taken by container evil\\x1b[2J\\x0a::error::injected (img\\x1b[31m:1, compose project proj\\x1b]0;title\\x07 service svc\\x0d)",
    );
    const audit = await cli(["audit"], dir, { env: { DOCKER_HOST: host } });
    expect(audit.status).toBe(1);
    expectNoInjection(audit.stdout + audit.stderr, "audit");
    expect(audit.stdout).toContain(
      "container evil\\x1b[2J\\x0a::error::injected (img\\x1b[31m:1, compose project proj\\x1b]0;title\\x07 service svc\\x0d)",
    );
  });
});
