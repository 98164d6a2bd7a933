/**
 * `portguard mcp`: a Model Context Protocol server on stdio, so that coding agents check compose
 * changes and pick ports the way the CLI does. Every tool is read-only: the fix tool only returns
 * the diff it would apply. Results are JSON (structured content, and the same JSON as text).
 *
 * Loaded only by `portguard mcp` (a separate chunk of the bundle): other commands never pay for the SDK.
 */
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, isAbsolute, parse, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { StackModel } from "../core/context.js";
import { didYouMean } from "../core/did-you-mean.js";
import type { EnvEntry } from "../core/dotenv.js";
import { isPortVariable, isValidPortValue } from "../core/env-ports.js";
import { REDACTED, redactEnvText } from "../core/env-redaction.js";
import { planFixes } from "../core/fix.js";
import { unifiedDiff } from "../core/format/diff.js";
import { toJsonDiagnostic } from "../core/format/json.js";
import { occupancyRecord } from "../core/format/occupancy.js";
import { globMatcher } from "../core/globs.js";
import { lintRun } from "../core/lint.js";
import type { Policy } from "../core/policy/types.js";
import { knownCategories, type PlannedBinding, type PortPlan, portPlan, proposePorts } from "../core/port-plan.js";
import { RULE_IDS } from "../core/rules/index.js";
import type { Report, SourceTree } from "../core/types.js";
import { VERSION } from "../version.js";
import { setupProject, UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";
import type { Io, main } from "./main.js";
import type { runLint } from "./run-lint.js";

/** What the server needs from the CLI: running a command, and linting a project. */
export interface CliAccess {
  /** Runs `portguard ARGS` with captured output. */
  run: (args: string[]) => Promise<{ status: number; stdout: string; stderr: string }>;
  /** The lint of a project folder (PATHs narrow what is reported), with its setup. */
  lint: (cwd: string, config: string | null, paths: string[]) => Promise<{ report: Report; policy: Policy }>;
}

export interface McpOptions {
  /** The project folder when a tool call names none (`--cwd`); null: the client's first root, else the server's folder. */
  cwd: string | null;
  config: string | null;
  /** The folder the server was started in; relative `path` arguments start there. */
  serverCwd: string;
}

const INSTRUCTIONS = `portguard enforces the team's host-port convention on Docker Compose projects: each kind of service owns a port range, every published host port is a variable with a default declared in the central .env, no two services share a host port.
- Before committing a change to compose or .env files, call check (optionally with the changed files) and fix what it reports: each finding names the rule, the line, and the port and variable to use.
- To add a service or publish a new port, call next_free_port with the service name (and its image or category): it returns the host port, the variable, the compose ports entry and the .env line.
- port_map shows the ranges, what sits where, conflicts and free ports; preflight tells which planned ports are taken on this machine; audit tells what holds the protected ranges on this machine and what breaks the convention; fix_dry_run shows the safe automatic fixes as a diff (it never writes).
All tools are read-only. Values of .env variables that are not ports are never returned.`;

const path = z
  .string()
  .min(1)
  .optional()
  .describe(
    "The project folder (absolute, or relative to the server's folder). Default: the folder the server was configured with, else the client's first root.",
  );
const config = z
  .string()
  .min(1)
  .optional()
  .describe("A policy file; default: .portguard.yml found from the folder up.");
const files = z
  .array(z.string().min(1))
  .max(1000)
  .optional()
  .describe(
    "Files or folders of the project to report on (relative to the project folder); the whole project is still loaded.",
  );

const timeout = z
  .number()
  .int()
  .min(100)
  .max(30000)
  .optional()
  .describe("Milliseconds for the Docker Engine and socket tools (default 2000).");

function json(value: unknown): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
    structuredContent: value as Record<string, unknown>,
  };
}

/** The output of a CLI run as JSON, or its error message as a tool error. */
function parsedOutput(run: { status: number; stdout: string; stderr: string }): unknown {
  if (run.status === 2 || run.stdout.trim() === "") {
    throw new Error(run.stderr.replace(/^portguard: /, "").trim() || `portguard exited with ${run.status}`);
  }
  return JSON.parse(run.stdout);
}

function planBinding(b: PlannedBinding) {
  return {
    id: b.id,
    host: b.host,
    service: b.service,
    category: b.category,
    hostIp: b.hostIp,
    hostPort: b.hostPort,
    hostPortEnd: b.hostPortEnd,
    containerPort: b.containerPort,
    containerPortEnd: b.containerPortEnd,
    protocol: b.protocol,
    variable: b.variable,
    file: b.file,
    line: b.line,
    status: b.rules.includes("PG107") ? "conflict" : b.misplaced ? b.misplaced : b.severity ? "findings" : "ok",
    rules: b.rules,
    ...(b.suggestion ? { suggestion: b.suggestion } : {}),
    ...(b.conflictsWith.length > 0 ? { conflictsWith: b.conflictsWith } : {}),
  };
}

const MAX_STRETCHES = 20;

function portMapResult(plan: PortPlan) {
  return {
    version: 1,
    summary: plan.summary,
    hosts: plan.hosts,
    ranges: plan.ranges.map((r) => ({
      ...occupancyRecord(r),
      freeStretches: r.freeStretches.slice(0, MAX_STRETCHES),
      bindings: r.bindings.map(planBinding),
      held: r.reservations,
    })),
    outside: plan.outside.map(planBinding),
    ungoverned: plan.ungoverned.map(planBinding),
    unpinned: plan.unpinned.map(planBinding),
  };
}

/** A project folder of a tool call: the argument, else the configured one, else the client's root. */
async function projectFolder(server: McpServer, options: McpOptions, given: string | undefined): Promise<string> {
  let dir: string | null = given ? resolve(options.serverCwd, given) : options.cwd;
  if (dir === null && server.server.getClientCapabilities()?.roots) {
    try {
      const { roots } = await server.server.listRoots(undefined, { timeout: 2000 });
      const first = roots.find((r) => r.uri.startsWith("file://"));
      if (first) dir = fileURLToPath(first.uri);
    } catch {
      // A client that does not answer: fall back to the server's folder.
    }
  }
  dir ??= options.serverCwd;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`path: not a folder: ${given ?? dir}`);
  // Some clients start servers in / or the home folder: walking that would take minutes and find nothing.
  if (dir === parse(dir).root || (given === undefined && options.cwd === null && dir === homedir())) {
    throw new UsageError(
      `path: no project folder (${dir} is not one): pass the path argument, or start the server with portguard mcp --cwd DIR`,
    );
  }
  return dir;
}

/** Whether a changed file is an env file (its diff is redacted). */
function envFileTest(policy: Policy, known: Iterable<string>): (p: string) => boolean {
  const listed = new Set(known);
  const matches = globMatcher(policy.files.env);
  return (p) => listed.has(p) || matches(p) || /^\.env(\.|$)/.test(p.slice(p.lastIndexOf("/") + 1));
}

function fixDryRun(dir: string, options: { config: string | null; rules: string[]; files: string[] }) {
  const setup = setupProject(dir, options.config);
  const rules = new Set<string>();
  for (const r of options.rules) {
    const id = RULE_IDS.get(r) ?? RULE_IDS.get(r.toUpperCase());
    if (!id) throw new UsageError(`rules: unknown rule ${r}${didYouMean(r, RULE_IDS.keys())}`);
    rules.add(id);
  }
  const narrowed = options.files.map((f) => {
    const rel = relative(setup.root, resolve(dir, f)).split("\\").join("/");
    if (rel.startsWith("..") || isAbsolute(rel)) throw new UsageError(`files: ${f} is outside the project root`);
    return rel;
  });
  const tree = new WorkingTree(setup.root, setup.policy.files.ignore);
  let model: StackModel | null = null;
  const lintTree = (t: SourceTree) => {
    const run = lintRun(t, setup.policy, { rootName: basename(setup.root) });
    model ??= run.model;
    return run;
  };
  const plan = planFixes(tree, lintTree, {
    ...(rules.size > 0 ? { rules } : {}),
    ...(narrowed.length > 0 ? { files: (f: string) => narrowed.some((n) => f === n || f.startsWith(`${n}/`)) } : {}),
  });
  const ctx = model as StackModel | null;
  const isEnv = envFileTest(setup.policy, ctx?.envFiles.map((e) => e.path) ?? []);
  const keep = (entry: EnvEntry) => ctx !== null && isPortVariable(ctx, entry.key) && isValidPortValue(ctx, entry);
  const redact = (p: string, text: string | null) => (text !== null && isEnv(p) ? redactEnvText(text, keep) : text);
  const changes = plan.changes.map((c) => ({
    path: c.path,
    created: c.before === null,
    diff: unifiedDiff(c.path, redact(c.path, c.before), redact(c.path, c.after) as string),
  }));
  return {
    version: 1,
    dryRun: true,
    note: `Nothing was written. Run \`portguard fix\` in ${setup.root} to apply${changes.some((c) => isEnv(c.path)) ? `; values that are not ports show as ${REDACTED}` : ""}.`,
    changes,
    moves: plan.moves,
    fixed: plan.fixed.length,
    left: plan.after.diagnostics.filter((d) => d.severity !== "info").map((d) => toJsonDiagnostic(d)),
  };
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** Builds the server with its tools (the stdio transport is attached by {@link serveMcp}). */
export function createMcpServer(cli: CliAccess, options: McpOptions): McpServer {
  const server = new McpServer(
    { name: "portguard", version: VERSION, title: "portguard: host-port convention for Docker Compose" },
    { instructions: INSTRUCTIONS, maxToolInputElements: 5000 },
  );
  const folder = (given: string | undefined) => projectFolder(server, options, given);
  const configOf = (given: string | undefined) => given ?? options.config;
  const configArgs = (given: string | undefined) => {
    const c = configOf(given);
    return c ? ["--config", c] : [];
  };

  server.registerTool(
    "check",
    {
      title: "Check the port convention",
      description:
        "Lints the project's compose and .env files against the port convention (ranges, variables with defaults, .env declarations, conflicts, named volumes). Returns portguard's JSON report: each diagnostic has the rule id, file, line, column, message and a suggestion (port and variable to use). Pass files to report only on those (the whole project is still loaded, so conflicts with other files are seen).",
      inputSchema: z.strictObject({ path, config, files }),
      annotations: { title: "Check the port convention", ...READ_ONLY },
    },
    async (args) => {
      const dir = await folder(args.path);
      const run = await cli.run([
        "check",
        "--format",
        "json",
        "--cwd",
        dir,
        ...configArgs(args.config),
        ...(args.files ?? []),
      ]);
      return json(parsedOutput(run));
    },
  );

  server.registerTool(
    "port_map",
    {
      title: "Port map",
      description:
        "The port plan: per range of the policy (and host), who may publish there, the bindings in it (service, category, variable, host port, file:line, status ok/conflict/wrong-range/outside), used and free counts, the next free port and the free stretches; then governed bindings outside every range, ungoverned ones, and those without a host port.",
      inputSchema: z.strictObject({ path, config }),
      annotations: { title: "Port map", ...READ_ONLY },
    },
    async (args) => {
      const dir = await folder(args.path);
      const { report, policy } = await cli.lint(dir, configOf(args.config), []);
      return json(portMapResult(portPlan(report, policy)));
    },
  );

  server.registerTool(
    "next_free_port",
    {
      title: "Next free port and variable for a service",
      description:
        "The host port(s) and variable(s) a service should use. For a service already in the project: its bindings, and the port and variable the check proposes when one is wrong. For a new service: the next free ports of its category's ranges (free in the whole plan) and variables named like the others, with the compose `ports:` entry and the `.env` line to write. The category comes from the argument, the policy's registry, or the image.",
      inputSchema: z.strictObject({
        path,
        config,
        service: z.string().min(1).max(200).describe("The compose service name, e.g. reporting-db."),
        category: z.string().min(1).optional().describe("database, ui, exporter, app, or a category of the policy."),
        image: z
          .string()
          .min(1)
          .optional()
          .describe("The image, e.g. postgres:16: gives the category and the container ports."),
        containerPorts: z
          .array(z.number().int().min(1).max(65535))
          .min(1)
          .max(50)
          .optional()
          .describe("The container ports to publish; default: the image's known ports."),
        file: z
          .string()
          .min(1)
          .optional()
          .describe("The compose file (relative to the project) the service is in: it decides the host."),
      }),
      annotations: { title: "Next free port", ...READ_ONLY },
    },
    async (args) => {
      const dir = await folder(args.path);
      const { report, policy } = await cli.lint(dir, configOf(args.config), []);
      const categories = knownCategories(policy);
      if (args.category !== undefined && !categories.includes(args.category)) {
        throw new UsageError(
          `category: unknown category ${args.category}${didYouMean(args.category, categories)} (known: ${categories.join(", ")})`,
        );
      }
      const request = {
        service: args.service,
        ...(args.category !== undefined ? { category: args.category } : {}),
        ...(args.image !== undefined ? { image: args.image } : {}),
        ...(args.containerPorts !== undefined ? { containerPorts: args.containerPorts } : {}),
        ...(args.file !== undefined ? { file: args.file } : {}),
      };
      return json({ version: 1, ...proposePorts(portPlan(report, policy), policy, request) });
    },
  );

  server.registerTool(
    "preflight",
    {
      title: "Preflight on this machine",
      description:
        "Which of the project's planned host ports are already taken on this machine (listening sockets, published Docker container ports), and by what: run before `docker compose up`. Returns portguard's preflight JSON; `summary.blocked` counts the ports that would stop the stack.",
      inputSchema: z.strictObject({
        path,
        config,
        files,
        timeout,
      }),
      annotations: { title: "Preflight", ...READ_ONLY, idempotentHint: false, openWorldHint: true },
    },
    async (args) => {
      const dir = await folder(args.path);
      const run = await cli.run([
        "preflight",
        "--format",
        "json",
        "--cwd",
        dir,
        ...configArgs(args.config),
        ...(args.timeout !== undefined ? ["--timeout", String(args.timeout)] : []),
        ...(args.files ?? []),
      ]);
      return json(parsedOutput(run));
    },
  );

  server.registerTool(
    "audit",
    {
      title: "Audit this machine's port ranges",
      description:
        "What holds each port range of the policy on this machine now (containers with category, compose project and service; processes with pid, command name and user, never their arguments), and the violations of the convention, each naming the holder and the remedy: a holder whose category the range is not for, anything in a reserved range, a published container port no compose file declares, a planned port held by something else. Returns portguard's audit JSON; `summary.violations` counts them. Writes no log.",
      inputSchema: z.strictObject({
        path,
        config,
        timeout,
        projectName: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe("The compose project name the stacks were started with (docker compose -p NAME)."),
      }),
      annotations: { title: "Audit", ...READ_ONLY, idempotentHint: false, openWorldHint: true },
    },
    async (args) => {
      const dir = await folder(args.path);
      const run = await cli.run([
        "audit",
        "--format",
        "json",
        "--cwd",
        dir,
        ...configArgs(args.config),
        ...(args.timeout !== undefined ? ["--timeout", String(args.timeout)] : []),
        ...(args.projectName !== undefined ? ["--project-name", args.projectName] : []),
      ]);
      return json(parsedOutput(run));
    },
  );

  server.registerTool(
    "rules",
    {
      title: "Rule catalogue",
      description:
        "portguard's rules: id (PG101...), name, severity (as the project's policy sets it when a path is given), description, whether `portguard fix` fixes it, and its messages. Pass rule (an id or a name) for one.",
      inputSchema: z.strictObject({
        path,
        config,
        rule: z.string().min(1).optional().describe("A rule id (PG107) or name (port-conflict)."),
      }),
      annotations: { title: "Rules", ...READ_ONLY },
    },
    async (args) => {
      const dir = await folder(args.path);
      const run = await cli.run(["rules", "--format", "json", "--cwd", dir, ...configArgs(args.config)]);
      const catalogue = parsedOutput(run) as { version: number; rules: { id: string; name: string }[] };
      if (args.rule === undefined) return json(catalogue);
      const wanted = args.rule.toLowerCase();
      const rules = catalogue.rules.filter((r) => r.id.toLowerCase() === wanted || r.name === wanted);
      if (rules.length === 0) {
        const near = didYouMean(args.rule, [...RULE_IDS.keys()]);
        throw new UsageError(`rule: no rule ${args.rule}${near} (see the rules tool without arguments)`);
      }
      return json({ version: catalogue.version, rules });
    },
  );

  server.registerTool(
    "fix_dry_run",
    {
      title: "Safe fixes, as a diff",
      description:
        "What `portguard fix` would change: a unified diff per file (variables with defaults, free ports, .env declarations, volume names), the ports it would move, and the findings left for a person. Never writes anything; .env values that are not ports show as <redacted>.",
      inputSchema: z.strictObject({
        path,
        config,
        files,
        rules: z.array(z.string().min(1)).max(100).optional().describe("Only these rules (ids or names)."),
      }),
      annotations: { title: "Fix (dry run)", ...READ_ONLY },
    },
    async (args) => {
      const dir = await folder(args.path);
      return json(fixDryRun(dir, { config: configOf(args.config), rules: args.rules ?? [], files: args.files ?? [] }));
    },
  );

  return server;
}

/** The CLI the server runs in: its entry point, its lint, and the process's I/O. */
export interface CliEntry {
  main: typeof main;
  runLint: typeof runLint;
  io: Io;
}

/** Runs commands with captured output, and lints, in this process. */
function cliAccess({ main, runLint, io }: CliEntry): CliAccess {
  return {
    run: async (argv) => {
      let stdout = "";
      let stderr = "";
      const status = await main(argv, {
        ...io,
        isTTY: false,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      });
      return { status, stdout, stderr };
    },
    lint: async (dir, config, paths) => {
      const { run, setup } = await runLint(io, { cwd: dir, ...(config ? { config } : {}) }, paths);
      return { report: run.report, policy: setup.policy };
    },
  };
}

/** Serves on stdin/stdout until the client closes the connection. */
export async function serveMcp(entry: CliEntry, options: McpOptions): Promise<number> {
  const server = createMcpServer(cliAccess(entry), options);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  await new Promise<void>((resolveClosed) => {
    server.server.onclose = () => resolveClosed();
    process.stdin.once("end", () => resolveClosed());
  });
  await server.close();
  return 0;
}
