/** The `portguard` command line: argument parsing, then one call into the core, then output. */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { closest, didYouMean } from "../core/did-you-mean.js";
import type { DiagnosticFix } from "../core/fix.js";
import {
  formatCompact,
  formatGithub,
  formatJson,
  formatMarkdown,
  formatPolicy,
  formatRulePage,
  formatRulesJson,
  formatRulesTable,
  formatSarif,
  formatStylish,
  jsonChunks,
} from "../core/format/index.js";
import { printable } from "../core/format/printable.js";
import { severityOf } from "../core/lint.js";
import { PolicyError } from "../core/policy/load.js";
import { isValidProjectName } from "../core/project.js";
import { RULE_IDS, RULES } from "../core/rules/index.js";
import type { Diagnostic, Report } from "../core/types.js";
import { VERSION } from "../version.js";
import type { CommandName } from "./commands.js";
import { oneOf, setupProject, UsageError } from "./config.js";
import { COMMAND_HELP, commandHelp, globalHelp } from "./help.js";
import { requireComposeFiles, runLint } from "./run-lint.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
}

/** What fix and docs accept: they read and write the files, so the process environment stays out. */
const BASE = {
  config: { type: "string", short: "c" },
  cwd: { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const COMMON = { ...BASE, "use-process-env": { type: "boolean" } } as const;

const CHECK_OPTIONS = {
  ...COMMON,
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  staged: { type: "boolean" },
  "changed-since": { type: "string" },
  "print-config": { type: "boolean" },
  "with-fixes": { type: "boolean" },
} as const;

const INIT_OPTIONS = {
  cwd: { type: "string" },
  install: { type: "boolean" },
  "git-hook": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const FIX_OPTIONS = {
  ...BASE,
  "dry-run": { type: "boolean" },
  force: { type: "boolean" },
  rule: { type: "string", multiple: true },
  rollback: { type: "string" },
  "allow-volume-change": { type: "boolean" },
  clients: { type: "boolean" },
} as const;

const PREFLIGHT_OPTIONS = {
  ...COMMON,
  format: { type: "string", short: "f" },
  timeout: { type: "string" },
  watch: { type: "string" },
  "project-name": { type: "string", short: "p" },
  apply: { type: "boolean" },
  force: { type: "boolean" },
} as const;

const AUDIT_OPTIONS = {
  ...COMMON,
  format: { type: "string", short: "f" },
  timeout: { type: "string" },
  log: { type: "string" },
  "project-name": { type: "string", short: "p" },
} as const;

/** Default seconds between `--watch` checks. */
const WATCH_SECONDS = 2;
/** The longest wait a timer takes (about 24.8 days): a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const DOCS_OPTIONS = {
  ...BASE,
  check: { type: "boolean" },
  output: { type: "string", short: "o" },
  "with-lines": { type: "boolean" },
} as const;

/** Printed under a blocked commit. */
const HOOK_FOOTER =
  "portguard blocked this commit: fix the findings above (the arrow gives the port and variable to use).\n" +
  "Emergency bypass: git commit --no-verify. Silence one line with a comment: portguard-disable-line PGnnn (# in YAML and .env, // or # in code).\n";

const TABLE_OPTIONS = { ...COMMON, format: { type: "string", short: "f" } } as const;

const PORTS_OPTIONS = {
  ...TABLE_OPTIONS,
  output: { type: "string", short: "o" },
  free: { type: "boolean" },
  host: { type: "string" },
} as const;

const CHECK_FORMATS = ["stylish", "compact", "json", "sarif", "github", "markdown"];

/** Parses a command's arguments; a mistyped option is named with the nearest known one. */
function parsed<R>(command: string, options: object, parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (!unknown) throw new UsageError(message);
    const [, dashes, name] = unknown as unknown as [string, string, string];
    if (name === "fix" && command === "check") {
      throw new UsageError(
        "unknown option --fix: fixing is a command of its own: portguard fix (portguard fix --dry-run shows the changes first)",
      );
    }
    const near = dashes === "--" ? closest(name, Object.keys(options)) : null;
    throw new UsageError(
      `unknown option ${dashes}${name}${near ? ` (did you mean --${near}?)` : ""}; see portguard help ${command}`,
    );
  }
}

/**
 * Colour: --color/--no-color decide; else FORCE_COLOR (0 or false: off); else off with NO_COLOR
 * or TERM=dumb; else on a terminal.
 */
function useColor(io: Io, values: { color?: boolean; "no-color"?: boolean }): boolean {
  if (values["no-color"]) return false;
  if (values.color) return true;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === "dumb") return false;
  return io.isTTY;
}

/** A rule id or name as the user typed it, or exit 2 naming the nearest. */
function ruleById(token: string, option: string): string {
  const id = RULE_IDS.get(token) ?? RULE_IDS.get(token.toUpperCase());
  if (id) return id;
  throw new UsageError(
    `${option}: unknown rule ${token}${didYouMean(token, [...RULE_IDS.keys()])}; see portguard rules`,
  );
}

function render(
  format: string,
  report: Report,
  color: boolean,
  width: number,
  fixes?: ReadonlyMap<Diagnostic, DiagnosticFix>,
): string {
  switch (format) {
    case "compact":
      return formatCompact(report);
    case "json":
      return formatJson(report, { toolVersion: VERSION, ...(fixes ? { fixes } : {}) });
    case "sarif":
      return formatSarif(report, RULES, { toolVersion: VERSION });
    case "github":
      return formatGithub(report);
    case "markdown":
      return formatMarkdown(report);
    default:
      return formatStylish(report, { color, width });
  }
}

async function check(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("check", CHECK_OPTIONS, () =>
    parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("check"));
    return 0;
  }
  const format = oneOf("--format", values.format ?? "stylish", CHECK_FORMATS);
  if (values["with-fixes"]) {
    if (format !== "json") throw new UsageError("--with-fixes goes with --format json");
    // fix never reads the process environment: edits planned with it would not be fix's.
    if (values["use-process-env"])
      throw new UsageError(
        "--with-fixes and --use-process-env do not go together (fix never reads the process environment)",
      );
    // fix plans on the whole working tree: a report narrowed to some files (whose suggestions favour
    // moving those) or read from the index would print edits fix does not make.
    const narrowing = values.staged ? "--staged" : values["changed-since"] ? "--changed-since" : positionals[0];
    if (narrowing !== undefined)
      throw new UsageError(
        `--with-fixes plans on the whole project, as portguard fix does: give no PATH, --staged or --changed-since (got ${narrowing})`,
      );
  }
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    if (!/^\d+$/.test(values["max-warnings"])) throw new UsageError("--max-warnings needs a whole number");
    maxWarnings = Number(values["max-warnings"]);
  }
  if (values["print-config"]) {
    const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
    const setup = setupProject(cwd, values.config ?? null);
    io.stdout(
      formatPolicy(setup.policy, setup.configPath ? relative(cwd, setup.configPath) || setup.configPath : null),
    );
    return 0;
  }
  const loaded = await runLint(io, values, positionals);
  requireComposeFiles(loaded, values, positionals);
  const full = loaded.report;
  const fixes = values["with-fixes"]
    ? (await import(/* webpackMode: "eager" */ "../core/fix.js")).planDiagnosticFixes(loaded.run, loaded.tree)
    : undefined;
  const report = values.quiet ? quiet(full) : full;
  const color = useColor(io, values);
  const width = io.isTTY && io.columns ? io.columns : 80;
  if (values.output) {
    writeFileSync(resolve(io.cwd, values.output), render(format, report, false, 80, fixes));
    io.stdout(formatStylish(report, { color, width }));
  } else if (format === "json") {
    // A large report goes out in pieces: never held whole.
    for (const chunk of jsonChunks(report, { toolVersion: VERSION, ...(fixes ? { fixes } : {}) })) io.stdout(chunk);
  } else {
    io.stdout(render(format, report, color, width, fixes));
  }
  if (report.summary.errors > 0) {
    if (values.staged) io.stderr(HOOK_FOOTER);
    return 1;
  }
  if (maxWarnings >= 0 && full.summary.warnings > maxWarnings) {
    io.stderr(`portguard: ${full.summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function quiet(report: Report): Report {
  const diagnostics = report.diagnostics.filter((d) => d.severity === "error");
  return { ...report, diagnostics, summary: { ...report.summary, warnings: 0, infos: 0 } };
}

async function ports(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("ports", PORTS_OPTIONS, () =>
    parseArgs({ args, options: PORTS_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("ports"));
    return 0;
  }
  const { portsCommand } = await import(/* webpackMode: "eager" */ "./ports.js");
  return portsCommand(
    io,
    { format: values.format, output: values.output, free: values.free === true, host: values.host, positionals },
    (paths) => runLint(io, values, paths),
  );
}

async function rules(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("rules", TABLE_OPTIONS, () =>
    parseArgs({ args, options: TABLE_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("rules"));
    return 0;
  }
  const format = oneOf("--format", values.format ?? "table", ["table", "json"]) as "table" | "json";
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  const { policy } = setupProject(cwd, values.config ?? null);
  const severity = (rule: (typeof RULES)[number]) => severityOf(policy, rule);
  const chosen = positionals.map((p) => ruleById(p, "rules"));
  const shown = chosen.length > 0 ? RULES.filter((r) => chosen.includes(r.id)) : RULES;
  if (format === "json") io.stdout(formatRulesJson(shown, severity));
  else if (chosen.length > 0) io.stdout(shown.map((r) => formatRulePage(r, severity(r))).join("\n"));
  else io.stdout(formatRulesTable(shown, severity));
  return 0;
}

async function initCommand(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("init", INIT_OPTIONS, () =>
    parseArgs({ args, options: INIT_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("init"));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`init takes no paths (got ${positionals[0]})`);
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  // git and child processes are only loaded by the commands that need them (start-up time).
  const { init } = await import(/* webpackMode: "eager" */ "./init.js");
  return init(
    { cwd, env: io.env, stdout: io.stdout, stderr: io.stderr },
    { install: values.install === true, gitHook: values["git-hook"] === true },
  );
}

/** `--rollback [ID]`: the backup id is optional, which parseArgs cannot say. */
function rollbackArgs(args: string[]): string[] {
  return args.flatMap((arg, i) => {
    if (arg !== "--rollback") return i > 0 && args[i - 1] === "--rollback" && BACKUP_ID.test(arg) ? [] : [arg];
    const next = args[i + 1] ?? "";
    return [`--rollback=${BACKUP_ID.test(next) ? next : ""}`];
  });
}

/** The id of a backup folder: its UTC time, 20261201T201503Z, with -2, -3... for a second one in that second. */
const BACKUP_ID = /^\d{8}T\d{6}Z(-\d+)?$/;

async function fix(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("fix", FIX_OPTIONS, () =>
    parseArgs({ args: rollbackArgs(args), options: FIX_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("fix"));
    return 0;
  }
  const { fixCommand, rollbackCommand } = await import(/* webpackMode: "eager" */ "./fix.js");
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  if (values.rollback !== undefined) {
    const id = values.rollback === "" ? null : values.rollback;
    if (id !== null && !BACKUP_ID.test(id)) throw new UsageError(`--rollback: not a backup id: ${id}`);
    if (positionals.length > 0 || values["dry-run"] || values.rule)
      throw new UsageError("--rollback takes only a backup id (no paths, --rule or --dry-run)");
    return rollbackCommand(
      { cwd, stdout: io.stdout, stderr: io.stderr, color: false },
      { id, config: values.config ?? null },
    );
  }
  return fixCommand(
    { cwd, stdout: io.stdout, stderr: io.stderr, color: useColor(io, values), env: io.env },
    {
      dryRun: values["dry-run"] === true,
      force: values.force === true,
      allowVolumeChange: values["allow-volume-change"] === true,
      clients: values.clients === true,
      rules: (values.rule ?? []).map((r) => ruleById(r, "--rule")),
      paths: positionals,
      config: values.config ?? null,
    },
  );
}

async function docs(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("docs", DOCS_OPTIONS, () =>
    parseArgs({ args, options: DOCS_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("docs"));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`docs takes no paths (got ${positionals[0]}); use --output FILE`);
  const { docsCommand } = await import(/* webpackMode: "eager" */ "./fix.js");
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  return docsCommand(
    { cwd, stdout: io.stdout, stderr: io.stderr, color: false },
    {
      check: values.check === true,
      output: values.output ?? null,
      config: values.config ?? null,
      withLines: values["with-lines"] === true,
    },
  );
}

/**
 * The compose project name that overrides the projects' own, as `docker compose` in this shell
 * would use it: `-p`, else COMPOSE_PROJECT_NAME of the environment (preflight and audit look at
 * this machine now, so the environment counts). compose's own rule for valid names applies.
 */
function composeProjectName(io: Io, flag: string | undefined): string | null {
  const name = flag ?? (io.env.COMPOSE_PROJECT_NAME || undefined);
  if (name === undefined) return null;
  if (!isValidProjectName(name)) {
    const from = flag === undefined ? "COMPOSE_PROJECT_NAME" : "--project-name";
    throw new UsageError(
      `${from}: invalid project name "${name}": lowercase letters, digits, dashes and underscores, starting with a letter or digit`,
    );
  }
  return name;
}

/** `--watch [SECONDS]`: the value is optional, which parseArgs cannot say. */
function watchArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg !== "--watch") out.push(arg);
    else if (/^\d+(\.\d+)?$/.test(args[i + 1] ?? "")) out.push(`--watch=${args[++i]}`);
    else out.push(`--watch=${WATCH_SECONDS}`);
  }
  return out;
}

async function preflightCli(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("preflight", PREFLIGHT_OPTIONS, () =>
    parseArgs({ args: watchArgs(args), options: PREFLIGHT_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("preflight"));
    return 0;
  }
  const format = oneOf("--format", values.format ?? "table", ["table", "json"]) as "table" | "json";
  const timeout = timeoutOf(values.timeout);
  const watched = values.watch === undefined ? null : Number(values.watch);
  if (watched !== null && !(watched > 0)) throw new UsageError("--watch needs a number of seconds above 0");
  const watch = watched === null ? null : Math.min(watched, MAX_TIMER_MS / 1000);
  if (values.apply && watch !== null) throw new UsageError("--apply and --watch do not go together");
  if (values.force && !values.apply) throw new UsageError("--force goes with --apply");
  const projectName = composeProjectName(io, values["project-name"]);
  const lint = async () => {
    const started = process.hrtime.bigint();
    const { run, reportFilter, setup } = await runLint(io, values, positionals, projectName);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      model: run.model,
      include: reportFilter ?? (() => true),
      redactor: run.redactor,
      ms,
      root: setup.root,
    };
  };
  // Linted up front, so that usage and config errors surface before anything runs; again per --watch check.
  let loaded: Awaited<ReturnType<typeof lint>> | null = await lint();
  const { preflightCommand } = await import(/* webpackMode: "eager" */ "./preflight/command.js");
  return preflightCommand(
    { stdout: io.stdout, env: io.env },
    {
      format,
      timeout,
      watch,
      apply: values.apply === true,
      force: values.force === true,
      project: async () => {
        const project = loaded ?? (await lint());
        loaded = null;
        return project;
      },
    },
  );
}

async function auditCli(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("audit", AUDIT_OPTIONS, () =>
    parseArgs({ args, options: AUDIT_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("audit"));
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`audit takes no paths (got ${positionals[0]}): it audits the whole machine`);
  const format = oneOf("--format", values.format ?? "table", ["table", "json"]) as "table" | "json";
  const timeout = timeoutOf(values.timeout);
  const projectName = composeProjectName(io, values["project-name"]);
  const log = values.log === undefined ? null : resolve(io.cwd, values.log);
  const started = process.hrtime.bigint();
  const { run } = await runLint(io, values, [], projectName);
  const projectMs = Number(process.hrtime.bigint() - started) / 1e6;
  const { auditCommand } = await import(/* webpackMode: "eager" */ "./audit.js");
  return auditCommand(
    { stdout: io.stdout, env: io.env },
    { format, timeout, log, model: run.model, redactor: run.redactor, projectMs },
  );
}

/** `--timeout MS`, at most the longest wait a timer takes. */
function timeoutOf(value: string | undefined): number {
  const asked = value === undefined ? 2000 : Number(value);
  if (!Number.isInteger(asked) || asked <= 0) throw new UsageError("--timeout needs a whole number of milliseconds");
  return Math.min(asked, MAX_TIMER_MS);
}

const MCP_OPTIONS = { ...BASE } as const;

async function mcp(io: Io, args: string[]): Promise<number> {
  const { values, positionals } = parsed("mcp", MCP_OPTIONS, () =>
    parseArgs({ args, options: MCP_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(commandHelp("mcp"));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`mcp takes no paths (got ${positionals[0]}); use --cwd DIR`);
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : null;
  if (cwd !== null && (!existsSync(cwd) || !statSync(cwd).isDirectory()))
    throw new UsageError(`--cwd: not a folder: ${values.cwd}`);
  // A chunk of its own: the SDK is loaded only here.
  const { serveMcp } = await import("./mcp.js");
  return serveMcp({ main, runLint, io }, { cwd, config: values.config ?? null, serverCwd: io.cwd });
}

const COMMANDS: Record<CommandName, (io: Io, args: string[]) => Promise<number>> = {
  check,
  ports,
  rules,
  init: initCommand,
  fix,
  docs,
  preflight: preflightCli,
  audit: auditCli,
  mcp,
};

/** Runs the CLI; resolves to the exit code. Never rejects. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === "--version" || first === "-v") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (first === "--help" || first === "-h" || first === "help") {
      const topic = first === "help" ? rest[0] : undefined;
      if (topic === undefined) io.stdout(globalHelp());
      else if (Object.hasOwn(COMMAND_HELP, topic)) io.stdout(commandHelp(topic));
      else throw new UsageError(`help: unknown command ${topic}${didYouMean(topic, Object.keys(COMMANDS))}`);
      return 0;
    }
    if (first !== undefined && Object.hasOwn(COMMANDS, first)) return await COMMANDS[first as CommandName](io, rest);
    if (
      first !== undefined &&
      !first.startsWith("-") &&
      !existsSync(resolve(io.cwd, first)) &&
      /^[a-z]+$/.test(first)
    ) {
      const near = closest(first, Object.keys(COMMANDS));
      throw new UsageError(
        `unknown command: ${first}${near ? ` (did you mean portguard ${near}?)` : ""}; see portguard --help`,
      );
    }
    return await check(io, argv);
  } catch (error) {
    // One line each, whatever a path or key in the message holds.
    if (error instanceof UsageError) {
      io.stderr(`portguard: ${printable(error.message)}\n`);
      return 2;
    }
    if (error instanceof PolicyError) {
      io.stderr(`portguard: invalid config: ${printable(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`portguard: internal error: ${printable(message)}\n`);
    if (io.env.PORTGUARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
