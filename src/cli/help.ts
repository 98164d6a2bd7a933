/** The help texts: `portguard --help` lists the commands, `portguard help CMD` / `CMD --help` explain one. */
import { VERSION } from "../version.js";

interface CommandHelp {
  usage: string;
  summary: string;
  /** [flags, what it does]; the common options are added for every command that takes them. */
  options: [string, string][];
  examples: [string, string][];
  /** Whether --config/--cwd (and --use-process-env where it applies) are accepted. */
  common: "all" | "files" | "cwd";
  /** What the exit codes mean for this command. */
  exit: string;
}

const EXIT_LINT = "0 no errors, 1 errors (or --max-warnings exceeded), 2 usage, config or internal error";
const EXIT_OK = "0 done, 2 usage, config or internal error";

const FORMAT_CHECK = "stylish (default), compact, json, sarif, github, markdown";

export const COMMAND_HELP: Record<string, CommandHelp> = {
  check: {
    usage: "portguard [check] [PATH...] [options]",
    summary:
      "Lint the project: ranges, variables, .env, conflicts, volumes. PATHs narrow what is reported; the whole project is still loaded, so conflicts across files are seen.",
    options: [
      ["-f, --format FORMAT", FORMAT_CHECK],
      ["-o, --output FILE", "write the report to FILE; stdout keeps the stylish view"],
      ["    --max-warnings N", "exit 1 when there are more than N warnings"],
      ["-q, --quiet", "report errors only"],
      ["    --staged", "check what will be committed (the git index): the pre-commit hook's mode"],
      ["    --changed-since REF", "report only files changed since the merge base with REF"],
      ["    --print-config", "print the effective policy (ranges, categories and their image patterns, ...) as YAML"],
      [
        "    --with-fixes",
        "with --format json: each fixable diagnostic gets its fix, the text edits portguard fix makes for it",
      ],
      ["    --color, --no-color", "force colour on or off (default: on a terminal, unless NO_COLOR or TERM=dumb)"],
    ],
    examples: [
      ["portguard", "check the project of the current folder"],
      ["portguard check --format compact", "one line per finding (editors, grep, vim's quickfix)"],
      ["portguard check --format json --output report.json", "the JSON report for a script"],
      ["portguard check --format json --with-fixes", "the report with the edits fix would make"],
      ["portguard check --print-config", "what is governed, with which ranges and image patterns"],
    ],
    common: "all",
    exit: EXIT_LINT,
  },
  ports: {
    usage:
      "portguard ports [PATH...] [--format table|json|html] [--output FILE]\n       portguard ports --free [CATEGORY] [--format table|json] [--host NAME]",
    summary:
      "The resolved port map of the project (html: one self-contained page of the ranges, conflicts and free ports). --free: the next free port of each range; with a CATEGORY, the port alone, as a script reads it.",
    options: [
      ["-f, --format FORMAT", "table (default), json, html; with --free: table, json"],
      ["-o, --output FILE", "write the map to FILE"],
      ["    --free [CATEGORY]", "the next free port of each range, or of CATEGORY's ranges"],
      ["    --host NAME", "with --free: the host group to look at (policy hosts:)"],
    ],
    examples: [
      ["portguard ports", "every published port, with its service, variable and default"],
      ["portguard ports --format html --output ports.html", "the plan as a page"],
      ["portguard ports --free database", "the next free database port, e.g. 7004"],
    ],
    common: "all",
    exit: "0 done (--free CATEGORY: 1 when no port is left), 2 usage, config or internal error",
  },
  rules: {
    usage: "portguard rules [ID|NAME] [--format table|json]",
    summary: "The rule catalogue with the severity the policy gives each rule; with an ID or name, that rule's page.",
    options: [["-f, --format FORMAT", "table (default) or json"]],
    examples: [
      ["portguard rules", "every rule, its severity and what it reports"],
      ["portguard rules PG102", "the page of PG102: why, incorrect and correct examples, configuration"],
    ],
    common: "all",
    exit: EXIT_OK,
  },
  init: {
    usage: "portguard init [--install] [--git-hook]",
    summary:
      "Set up the pre-commit hook (Husky + lint-staged, or a plain git hook) and a starter .portguard.yml in a repository.",
    options: [
      ["    --install", "also run the package manager to install the hook's dependencies"],
      ["    --git-hook", "a plain .git/hooks/pre-commit instead of Husky + lint-staged"],
    ],
    examples: [
      ["portguard init && npm install", "Husky + lint-staged, installed by npm"],
      ["portguard init --git-hook", "a plain git hook, no dependency"],
    ],
    common: "cwd",
    exit: EXIT_OK,
  },
  fix: {
    usage:
      "portguard fix [PATH...] [--dry-run] [--force] [--clients] [--rule ID...]\n                     [--allow-volume-change]\n       portguard fix --rollback [ID]",
    summary:
      "Apply the safe fixes: variables with defaults, free ports in the right range, .env declarations, volume names. Files with uncommitted changes are refused unless --force. What fix replaces is kept in .portguard/backups/ID (inside a clean git tree the commit is the backup); afterwards it lists the lines that still reach a moved port.",
    options: [
      ["    --dry-run", "print a unified diff of every change; write nothing"],
      ["    --force", "also change files with uncommitted changes"],
      ["    --rule ID", "fix only the findings of this rule (repeatable)"],
      ["    --clients", "also rewrite the config and .env lines that still reach a moved port"],
      [
        "    --allow-volume-change",
        "allow a change that would start a database on a volume other than the one holding its data",
      ],
      ["    --rollback [ID]", "restore the latest (or that) backup, if the files are still the ones fix wrote"],
      ["    --color, --no-color", "force colour of the diff on or off"],
    ],
    examples: [
      ["portguard fix --dry-run", "review the migration first"],
      ["portguard fix", "apply it"],
      ["portguard fix --rule PG202", "only give the database volumes their names"],
      ["portguard fix --rollback", "undo the last fix"],
    ],
    common: "files",
    exit: "0 fixed (or --dry-run), 1 errors left that fix cannot fix, 2 usage, config or refused (uncommitted changes)",
  },
  docs: {
    usage: "portguard docs [--check] [--output FILE] [--with-lines]",
    summary: "Write (or verify) the port table of PORTS-CONVENTION.md, between its portguard markers.",
    options: [
      ["    --check", "exit 1 when the table is not up to date; write nothing"],
      ["-o, --output FILE", "write the table into FILE instead of the policy's docs file"],
      ["    --with-lines", "add the compose line of each allocation to the table"],
    ],
    examples: [
      ["portguard docs", "write the table"],
      ["portguard docs --check", "in CI: fail when the table is stale"],
    ],
    common: "files",
    exit: "0 written or up to date, 1 out of date (--check), 2 usage or config error",
  },
  preflight: {
    usage:
      "portguard preflight [PATH...] [--format table|json] [--timeout MS]\n                           [--watch [SECONDS]] [-p NAME] [--apply [--force]]",
    summary:
      "Which planned host ports are already taken on this machine, and by what (a process, a container): run it before docker compose up.",
    options: [
      ["-f, --format FORMAT", "table (default) or json"],
      ["    --timeout MS", "how long to wait for the Docker Engine and the socket tools (default 2000)"],
      ["    --watch [SECONDS]", "check again every SECONDS (default 2), printing what changed"],
      ["-p, --project-name NAME", "the compose project name, as given to docker compose -p"],
      [
        "    --apply",
        "write the suggested free ports into .env (--force: also when it has uncommitted changes), then check again",
      ],
    ],
    examples: [
      ["portguard preflight", "before docker compose up"],
      ["portguard preflight --format json", "for a script"],
      ["portguard preflight --apply", "move the blocked ports that read a variable to free ones"],
    ],
    common: "all",
    exit: "0 every planned port is free, 1 some are taken (or a database volume is missing), 2 usage or config error",
  },
  audit: {
    usage: "portguard audit [--format table|json] [--log FILE] [--timeout MS] [-p NAME]",
    summary:
      "What holds each port range of the policy on this machine (containers with category, project and service; processes with pid, command and user), and what breaks the convention.",
    options: [
      ["-f, --format FORMAT", "table (default) or json"],
      ["    --log FILE", "append one JSON line per run (timestamp, host, findings)"],
      ["    --timeout MS", "how long to wait for the Docker Engine (default 2000)"],
      ["-p, --project-name NAME", "the compose project name, as given to docker compose -p"],
    ],
    examples: [
      ["sudo portguard audit", "root also sees other users' processes"],
      ["portguard audit --log /var/log/portguard/audit.jsonl", "from a systemd timer or cron"],
    ],
    common: "all",
    exit: "0 no violation, 1 violations, 2 usage or config error",
  },
  mcp: {
    usage: "portguard mcp [--cwd DIR] [--config PATH]",
    summary:
      "A Model Context Protocol server on stdio: the checks, the port map and free ports as tools for coding agents.",
    options: [],
    examples: [["portguard mcp --cwd ~/src/stack", "register this command as an MCP server in the agent"]],
    common: "files",
    exit: "0 when the client closes the session, 2 usage or config error",
  },
};

const COMMON_OPTIONS: [string, string][] = [
  ["-c, --config PATH", "policy file (default: the nearest .portguard.yml upward)"],
  ["    --cwd DIR", "run as if started in DIR"],
];
const PROCESS_ENV: [string, string] = [
  "    --use-process-env",
  "let the process environment override .env, as docker compose does",
];

/** Help fits 80 columns: an option's text wraps under itself. */
const WIDTH = 80;

function optionLines(options: [string, string][]): string[] {
  const width = Math.max(...options.map(([flags]) => flags.length));
  const indent = " ".repeat(width + 4);
  return options.flatMap(([flags, text]) =>
    wrap(text, WIDTH - indent.length)
      .split("\n")
      .map((line, i) => (i === 0 ? `  ${flags.padEnd(width)}  ${line}` : `${indent}${line}`)),
  );
}

/** `portguard help CMD`: usage, what it does, its options, examples. */
export function commandHelp(name: string): string {
  const help = COMMAND_HELP[name] as CommandHelp;
  const options = [...help.options];
  if (help.common === "cwd") options.push(COMMON_OPTIONS[1] as [string, string]);
  else options.push(...COMMON_OPTIONS);
  if (help.common === "all") options.push(PROCESS_ENV);
  options.push(["-h, --help", "this help"]);
  return [
    `Usage: ${help.usage}`,
    "",
    wrap(help.summary, 78),
    "",
    "Options:",
    ...optionLines(options),
    "",
    "Examples:",
    ...help.examples.flatMap(([cmd, text]) => [`  # ${text}`, `  ${cmd}`]),
    "",
    ...wrap(`Exit codes: ${help.exit}.`, 78).split("\n"),
    "",
  ].join("\n");
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** `portguard --help`: every command in a line or two. */
export function globalHelp(): string {
  const rows: [string, string][] = [
    ["[check] [PATH...]", "lint the project (the default command)"],
    ["fix [--dry-run]", "apply the safe fixes; --dry-run shows the diff"],
    ["ports [--free [CATEGORY]]", "the resolved port map; the next free ports"],
    ["preflight", "which planned host ports this machine has already taken"],
    ["audit", "what holds each port range on this machine, and the violations"],
    ["docs [--check]", "write or verify the port table of PORTS-CONVENTION.md"],
    ["rules [ID]", "the rule catalogue, or one rule's page"],
    ["init", "set up the pre-commit hook and a starter .portguard.yml"],
    ["mcp", "a Model Context Protocol server for coding agents"],
    ["help COMMAND", "the usage, options and examples of COMMAND"],
  ];
  return [
    `portguard ${VERSION} - enforce a host-port convention on Docker Compose projects`,
    "",
    "Usage: portguard <command> [options]",
    "",
    "Commands:",
    ...optionLines(rows.map(([c, text]) => [`portguard ${c}`, text])),
    "",
    "Common options:",
    ...optionLines([
      ["-f, --format FORMAT", `check: ${FORMAT_CHECK}`],
      ...COMMON_OPTIONS,
      ["    --color, --no-color", "force colour on or off (default: on a terminal, unless NO_COLOR or TERM=dumb)"],
      ["-h, --help", "help (portguard help fix: the help of fix)"],
      ["-v, --version", "the version"],
    ]),
    "",
    "A command's options and examples: portguard help COMMAND (or COMMAND --help).",
    ...wrap(`Exit codes (check): ${EXIT_LINT}.`, 78).split("\n"),
    "Docs: https://github.com/portguard/portguard#readme",
    "",
  ].join("\n");
}
