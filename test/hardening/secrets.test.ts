/**
 * Issue 10: no value of a non-port `.env` variable in any output. Marker secrets sit in every place
 * interpolation can carry them (a port's container side, protocol, host IP, nested default, the
 * include and extends paths, the category from x-portguard and from a label, the image, the
 * project name, a volume source, another env value, a port variable's bad value, the process
 * environment), and every output of the built CLI and Action is searched for them.
 */
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "../support/cli.js";
import { git, repo } from "../support/git.js";
import { action, cli } from "../support/hostile.js";

const SECRETS: Record<string, string> = {
  S_CONTAINER: "mkContainerX1",
  S_PROTO: "mkProtoX2",
  S_HOSTIP: "mkHostipX3",
  S_DEFAULT: "mkDefaultX4",
  S_INCLUDE: "mkIncludeX5",
  S_EXTENDS: "mkExtendsX6",
  S_CATEGORY: "mkCategoryX7",
  S_LABEL: "mkLabelX8",
  S_IMAGE: "mkimagex9",
  S_NAME: "mknamex10",
  S_VOLUME: "/srv/mkVolumeX11",
  S_IP: "10.66.77.88",
  S_BASE: "mkBaseX12",
  BAD_PORT: "mkBadportX13",
  S_QUOTED: "mk|Quoted%X16",
  S_NETWORK: "mkNetworkX18",
};
/** Set in the process environment only (read with --use-process-env). */
const PROCESS_SECRET = { S_PROC: "mkProcessX17" };
/** What must never appear: each secret, its derived value, and the distinctive part of each. */
const MARKERS = [
  ...Object.values(SECRETS),
  "mkBaseX12-chained",
  "mkVolumeX11",
  "Quoted%X16",
  "Quoted%25X16",
  PROCESS_SECRET.S_PROC,
];

const ENV = `DB_PORT=7000\nWEB_PORT=7101\n${Object.entries(SECRETS)
  .map(([k, v]) => (k === "S_QUOTED" ? `${k}="${v}"` : `${k}=${v}`))
  .join("\n")}\nS_CHAIN=\${S_BASE}-chained\n`;

const COMPOSE = `name: \${S_NAME}
include:
  - \${S_INCLUDE}/x.yaml
services:
  db:
    image: postgres:16
    x-portguard:
      category: \${S_CATEGORY}
    ports:
      - "\${DB_PORT:-7000}:\${S_CONTAINER}"
      - "\${S_IP}:\${DB_PORT:-7000}:5432"
      - "7002:5432/\${S_PROTO}"
      - "\${S_HOSTIP}:7003:5432"
      - "\${APP_PORT:-\${S_DEFAULT}}:80"
      - "\${BAD_PORT:-7004}:5433"
      - "7006:\${S_CHAIN}"
      - "7007:\${S_PROC:-80}"
    volumes:
      - \${S_VOLUME}:/var/lib/postgresql/data
      - cache:/cache
  web:
    image: nginx:\${S_QUOTED}
    network_mode: \${S_NETWORK}
    labels:
      portguard.category: \${S_LABEL}
    ports:
      - "\${WEB_PORT:-7101}:80"
  adminer:
    image: adminer:4
    ports:
      - "7150:8080"
  app:
    image: registry.example.com/\${S_IMAGE}:1
    ports:
      - "8080:80"
    extends:
      file: \${S_EXTENDS}.yaml
      service: x
volumes:
  cache: {}
`;

function files(): Record<string, string> {
  return { ".env": ENV, "compose.yaml": COMPOSE, ".portguard.yml": "docs: PORTS-CONVENTION.md\n" };
}

function expectNoSecret(text: string, what: string): void {
  const lower = text.toLowerCase();
  for (const marker of MARKERS) expect(lower.includes(marker.toLowerCase()), `${marker} in ${what}`).toBe(false);
}

describe("no secret in any output of the CLI", () => {
  it("check: every format, stdout and stderr, and the --output file", { timeout: 120_000 }, async () => {
    const dir = project(files());
    for (const format of ["stylish", "json", "sarif", "github", "markdown"]) {
      const run = await cli(["check", "--format", format], dir);
      expect(run.status, `${format}: ${run.stderr}`).toBe(1);
      expectNoSecret(run.stdout + run.stderr, format);
      // The markers' variables are named instead.
      if (format === "stylish") {
        expect(run.stdout).toContain("invalid containerPort: ${S_CONTAINER}");
        expect(run.stdout).toContain("db (${S_CATEGORY})");
      }
    }
    const withFile = await cli(["check", "--format", "sarif", "--output", "report.sarif"], dir);
    expectNoSecret(withFile.stdout + withFile.stderr + readFileSync(join(dir, "report.sarif"), "utf8"), "--output");
  });

  it("check and ports with the process environment (--use-process-env)", { timeout: 60_000 }, async () => {
    const dir = project(files());
    for (const args of [["check", "--format", "json"], ["ports", "--format", "json"], ["ports"]]) {
      const run = await cli([...args, "--use-process-env"], dir, { env: PROCESS_SECRET });
      expectNoSecret(run.stdout + run.stderr, args.join(" "));
    }
  });

  it("ports: table and JSON (host IP, category, default)", { timeout: 60_000 }, async () => {
    const dir = project(files());
    const table = await cli(["ports"], dir);
    expectNoSecret(table.stdout + table.stderr, "ports");
    expect(table.stdout).toMatch(/\$\{S_IP\}/);
    const json = await cli(["ports", "--format", "json"], dir);
    expectNoSecret(json.stdout + json.stderr, "ports --format json");
  });

  it("fix --dry-run masks the .env lines that are not port variables; fix prints no secret", async () => {
    const dir = project(files());
    const dry = await cli(["fix", "--dry-run"], dir);
    expectNoSecret(dry.stdout + dry.stderr, "fix --dry-run");
    expect(dry.stdout).toMatch(/^ S_NETWORK=<redacted>$/m);
    expect(dry.stdout).toMatch(/^\+ADMINER_PORT=7150$/m);
    const copy = mkdtempSync(join(tmpdir(), "portguard-fix-"));
    cpSync(dir, copy, { recursive: true });
    const fixed = await cli(["fix", "--force"], copy);
    expectNoSecret(fixed.stdout + fixed.stderr, "fix");
  });

  it("docs: the written table, docs --check, and what they print", async () => {
    const dir = project(files());
    const written = await cli(["docs"], dir);
    expect(written.status, written.stderr).toBe(0);
    expectNoSecret(written.stdout + written.stderr + readFileSync(join(dir, "PORTS-CONVENTION.md"), "utf8"), "docs");
    const other = project({ ...files(), "PORTS-CONVENTION.md": "# Ports\n" });
    const checked = await cli(["docs", "--check"], other);
    expectNoSecret(checked.stdout + checked.stderr, "docs --check");
  });

  it("preflight: table and JSON", { timeout: 60_000 }, async () => {
    const dir = project(files());
    const env = { DOCKER_HOST: `unix://${join(dir, "no-docker.sock")}` };
    for (const args of [["preflight"], ["preflight", "--format", "json"]]) {
      const run = await cli(args, dir, { env });
      expectNoSecret(run.stdout + run.stderr, args.join(" "));
    }
  });

  it("audit: table, JSON and the --log file", { timeout: 60_000 }, async () => {
    const dir = project(files());
    // A listener on db's planned 7007 (someone else's when it is taken already): audit names the
    // binding it blocks, whose project name is a secret.
    const server = createServer();
    await new Promise<void>((resolve) => server.once("error", () => resolve()).listen(7007, "127.0.0.1", resolve));
    try {
      const env = { DOCKER_HOST: `unix://${join(dir, "no-docker.sock")}` };
      const log = join(dir, "audit.jsonl");
      for (const args of [["audit"], ["audit", "--format", "json", "--log", log]]) {
        const run = await cli(args, dir, { env });
        expect(run.stdout, args.join(" ")).toContain("planned for ${S_NAME}/db");
        expectNoSecret(run.stdout + run.stderr, args.join(" "));
      }
      expectNoSecret(readFileSync(log, "utf8"), "audit --log");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("no secret in any output of the Action", () => {
  it("annotations, job summary, SARIF, report file and outputs", { timeout: 120_000 }, async () => {
    const dir = repo({ ...files(), ".env.example": ENV.replace("S_LABEL=", "S_EXAMPLE=mkExampleX19\nS_LABEL=") });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "stack");
    const run = await action({ workspace: dir, inputs: { "sarif-file": "out/portguard.sarif", "fail-on": "never" } });
    expect(run.status, run.stdout).toBe(0);
    expect(run.commands.length).toBeGreaterThan(5);
    const texts = {
      stdout: run.stdout,
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      report: readFileSync(run.outputs.report as string, "utf8"),
      sarif: readFileSync(join(dir, "out/portguard.sarif"), "utf8"),
    };
    for (const [what, text] of Object.entries(texts)) expectNoSecret(text, what);
    expect(texts.summary).toContain("invalid containerPort: &#36;{S_CONTAINER}");
  });
});

/**
 * Found by value, a secret is hidden whole; a part of one, or one too short to search for without
 * hiding ordinary words, is hidden by the compose model, which knows where each part of a value
 * came from and names the variable in its own messages.
 */
describe("secrets only the model's provenance can find", () => {
  it("a part of a value that a port spec splits (the protocol after a /)", async () => {
    const dir = project({
      ".env": "S_SPLIT=mkSplitA20/mkSplitB21\n",
      "compose.yaml": 'services:\n  a:\n    image: nginx\n    ports:\n      - "7008:${S_SPLIT}"\n',
    });
    const run = await cli(["check"], dir);
    expect(run.stdout.toLowerCase()).not.toContain("mksplitb21");
  });

  it("a value shorter than 4 characters", async () => {
    const dir = project({
      ".env": "S_SHORT=q7z\n",
      "compose.yaml": 'services:\n  a:\n    image: nginx\n    ports:\n      - "7011:${S_SHORT}"\n',
    });
    const run = await cli(["check"], dir);
    expect(run.stdout).not.toContain("q7z");
  });
});
