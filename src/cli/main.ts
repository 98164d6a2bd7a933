/** The `portguard` command line: argument parsing, then one call into the core, then output. */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  formatGithub,
  formatJson,
  formatMarkdown,
  formatPortsJson,
  formatPortsTable,
  formatRulesJson,
  formatRulesTable,
  formatSarif,
  formatStylish,
} from "../core/format/index.js";
import { globMatcher } from "../core/globs.js";
import { lint, severityOf } from "../core/lint.js";
import { PolicyError } from "../core/policy/load.js";
import { RULES } from "../core/rules/index.js";
import type { Report } from "../core/types.js";
import { VERSION } from "../version.js";
import { setupProject, UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const HELP = `portguard ${VERSION} - enforce a host-port convention on Docker Compose projects

Usage:
  portguard [check] [PATH...]        lint the project (PATHs narrow what is reported;
                                     the whole project is still loaded)
  portguard ports [--format table|json]
                                     the resolved port map of the project
  portguard rules [--format table|json]
                                     the rule catalogue
  portguard --version | --help

Options (check):
  -f, --format FORMAT     stylish (default), json, sarif, github, markdown
  -o, --output FILE       write the report to FILE; stdout keeps the stylish view
      --max-warnings N    exit 1 when there are more than N warnings
  -q, --quiet             report errors only
Options (all commands):
  -c, --config PATH       policy file (default: .portguard.yml found from the working directory up)
      --cwd DIR           run as if started in DIR
      --use-process-env   let the process environment override .env, as docker compose does
      --no-color          no colour (also when NO_COLOR is set or stdout is not a terminal)

Exit codes: 0 no errors, 1 errors (or --max-warnings exceeded), 2 usage, config or internal error.
Docs: https://github.com/portguard/portguard#readme
`;

const COMMON = {
  config: { type: "string", short: "c" },
  cwd: { type: "string" },
  "use-process-env": { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const CHECK_OPTIONS = {
  ...COMMON,
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
} as const;

const TABLE_OPTIONS = { ...COMMON, format: { type: "string", short: "f" } } as const;

const CHECK_FORMATS = ["stylish", "json", "sarif", "github", "markdown"];

function parsed<R>(parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

function processEnv(io: Io, enabled: boolean | undefined): Record<string, string | undefined> | null {
  return enabled ? io.env : null;
}

/** Loads the project from disk and lints it. */
function runLint(io: Io, values: { config?: string; cwd?: string; "use-process-env"?: boolean }, paths: string[]) {
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UsageError(`--cwd: not a folder: ${values.cwd}`);
  const setup = setupProject(cwd, values.config ?? null);
  const tree = new WorkingTree(setup.root, setup.policy.files.ignore);
  const narrowed: string[] = [];
  const extraCompose: string[] = [];
  const isCompose = globMatcher(setup.policy.files.compose);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${p}`);
    const rel = relative(setup.root, abs).split("\\").join("/");
    if (rel.startsWith("..") || isAbsolute(rel)) throw new UsageError(`${p} is outside the project root ${setup.root}`);
    narrowed.push(rel);
    if (
      statSync(abs).isFile() &&
      /\.ya?ml$/i.test(rel) &&
      !isCompose(rel) &&
      !/(^|\/)\.portguard\.ya?ml$|portguard\.config\.yml$/.test(rel)
    ) {
      extraCompose.push(rel);
    }
  }
  const reportFilter =
    narrowed.length === 0 || narrowed.includes("")
      ? undefined
      : (file: string) => narrowed.some((n) => file === n || file.startsWith(`${n}/`));
  const report = lint(tree, setup.policy, {
    processEnv: processEnv(io, values["use-process-env"]),
    rootName: basename(setup.root),
    reportFilter,
    extraCompose,
  });
  return { report, setup };
}

function useColor(io: Io, noColor: boolean | undefined): boolean {
  return io.isTTY && !noColor && !io.env.NO_COLOR;
}

function render(format: string, report: Report, color: boolean): string {
  switch (format) {
    case "json":
      return formatJson(report, { toolVersion: VERSION });
    case "sarif":
      return formatSarif(report, RULES, { toolVersion: VERSION });
    case "github":
      return formatGithub(report);
    case "markdown":
      return formatMarkdown(report);
    default:
      return formatStylish(report, { color });
  }
}

function check(io: Io, args: string[]): number {
  const { values, positionals } = parsed(() =>
    parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? "stylish";
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(", ")}`);
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    if (!/^\d+$/.test(values["max-warnings"])) throw new UsageError("--max-warnings needs a whole number");
    maxWarnings = Number(values["max-warnings"]);
  }
  const { report: full } = runLint(io, values, positionals);
  const report = values.quiet ? quiet(full) : full;
  const color = useColor(io, values["no-color"]);
  if (values.output) {
    writeFileSync(resolve(io.cwd, values.output), render(format, report, false));
    io.stdout(formatStylish(report, { color }));
  } else {
    io.stdout(render(format, report, color));
  }
  if (report.summary.errors > 0) return 1;
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

function ports(io: Io, args: string[]): number {
  const { values, positionals } = parsed(() =>
    parseArgs({ args, options: TABLE_OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json") throw new UsageError("--format must be table or json");
  const { report } = runLint(io, values, positionals);
  io.stdout(format === "json" ? formatPortsJson(report.bindings) : formatPortsTable(report.bindings));
  return 0;
}

function rules(io: Io, args: string[]): number {
  const { values } = parsed(() => parseArgs({ args, options: TABLE_OPTIONS, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json") throw new UsageError("--format must be table or json");
  const cwd = values.cwd ? resolve(io.cwd, values.cwd) : io.cwd;
  const { policy } = setupProject(cwd, values.config ?? null);
  const severity = (rule: (typeof RULES)[number]) => severityOf(policy, rule);
  io.stdout(format === "json" ? formatRulesJson(RULES, severity) : formatRulesTable(RULES, severity));
  return 0;
}

const COMMANDS: Record<string, (io: Io, args: string[]) => number> = { check, ports, rules };

/** Runs the CLI; returns the exit code. Never throws. */
export function main(argv: string[], io: Io): number {
  try {
    const [first, ...rest] = argv;
    if (first === "--version" || first === "-v") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (first === "--help" || first === "-h" || first === "help") {
      io.stdout(HELP);
      return 0;
    }
    if (first !== undefined && Object.hasOwn(COMMANDS, first))
      return (COMMANDS[first] as (typeof COMMANDS)["check"])(io, rest);
    if (
      first !== undefined &&
      !first.startsWith("-") &&
      !existsSync(resolve(io.cwd, first)) &&
      /^[a-z]+$/.test(first)
    ) {
      throw new UsageError(`unknown command: ${first} (see portguard --help)`);
    }
    return check(io, argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`portguard: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PolicyError) {
      io.stderr(`portguard: invalid config: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`portguard: internal error: ${message}\n`);
    if (io.env.PORTGUARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
