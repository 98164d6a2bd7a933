export const id = 840;
export const ids = [840];
export const modules = {

/***/ 3840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  serveMcp: () => (/* binding */ serveMcp)
});

// UNUSED EXPORTS: createMcpServer

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js + 57 modules
var mcp = __webpack_require__(2371);
// EXTERNAL MODULE: ./node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js + 1 modules
var stdio = __webpack_require__(9424);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(1514);
// EXTERNAL MODULE: ./src/core/env-ports.ts
var env_ports = __webpack_require__(9557);
// EXTERNAL MODULE: ./src/core/dotenv.ts
var dotenv = __webpack_require__(6101);
;// CONCATENATED MODULE: ./src/core/env-redaction.ts
/**
 * `.env` text safe to show: every value that is not a port hidden, line for line, so that a diff of
 * two redacted texts still lines up with the real files.
 */

const REDACTED = "<redacted>";
/** `# KEY=value` or `#export KEY: value`: a commented-out definition, which may hold an old secret. */
const COMMENTED_DEFINITION = /^(\s*#\s*(?:export\s+)?[^\s=:#]+\s*[=:]).*$/;
/**
 * The text with every line hidden except blank lines, plain comments, and single-line definitions
 * that `keep` accepts (a port variable holding a port). Lines the parser did not reach (after a
 * syntax error) are hidden whole.
 */
function redactEnvText(text, keep) {
    const lines = text.split("\n");
    const out = lines.map(() => null);
    const { entries } = (0,dotenv/* parseEnvFile */.F)(text);
    const covered = new Set();
    for (const e of entries) {
        const span = e.raw.split("\n").length;
        for (let i = 0; i < span; i++)
            covered.add(e.line - 1 + i);
        const first = lines[e.line - 1] ?? "";
        if (span === 1 && keep(e)) {
            out[e.line - 1] = first;
            continue;
        }
        const separator = first.slice(e.endColumn - 1).search(/[=:]/);
        out[e.line - 1] = separator < 0 ? REDACTED : `${first.slice(0, e.endColumn + separator)}${REDACTED}`;
        for (let i = 1; i < span; i++)
            out[e.line - 1 + i] = REDACTED;
    }
    const shown = (line, i) => {
        const kept = out[i];
        if (kept !== null && kept !== undefined)
            return kept;
        if (covered.has(i) || line.trim() === "")
            return covered.has(i) ? REDACTED : line;
        const commented = COMMENTED_DEFINITION.exec(line);
        if (commented)
            return `${commented[1]}${REDACTED}`;
        return line.trimStart().startsWith("#") ? line : REDACTED;
    };
    // Line endings stay as they were (CRLF files keep their \r).
    return lines
        .map((line, i) => {
        const cr = line.endsWith("\r");
        const result = shown(cr ? line.slice(0, -1) : line, i);
        return cr && !result.endsWith("\r") ? `${result}\r` : result;
    })
        .join("\n");
}

// EXTERNAL MODULE: ./src/core/fix.ts + 1 modules
var fix = __webpack_require__(936);
// EXTERNAL MODULE: ./src/core/format/diff.ts
var diff = __webpack_require__(7804);
// EXTERNAL MODULE: ./src/core/format/json.ts
var json = __webpack_require__(3553);
// EXTERNAL MODULE: ./src/core/format/occupancy.ts
var occupancy = __webpack_require__(9826);
// EXTERNAL MODULE: ./src/core/globs.ts
var globs = __webpack_require__(8684);
// EXTERNAL MODULE: ./src/core/lint.ts + 2 modules
var lint = __webpack_require__(3697);
// EXTERNAL MODULE: ./src/core/port-plan.ts
var port_plan = __webpack_require__(3078);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 24 modules
var core_rules = __webpack_require__(6478);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/cli/config.ts + 2 modules
var config = __webpack_require__(2195);
// EXTERNAL MODULE: ./src/cli/fs-tree.ts
var fs_tree = __webpack_require__(2508);
;// CONCATENATED MODULE: ./src/cli/mcp.ts
/**
 * `portguard mcp`: a Model Context Protocol server on stdio, so that coding agents check compose
 * changes and pick ports the way the CLI does. Every tool is read-only: the fix tool only returns
 * the diff it would apply. Results are JSON (structured content, and the same JSON as text).
 *
 * Loaded only by `portguard mcp` (a separate chunk of the bundle): other commands never pay for the SDK.
 */




















const INSTRUCTIONS = `portguard enforces the team's host-port convention on Docker Compose projects: each kind of service owns a port range, every published host port is a variable with a default declared in the central .env, no two services share a host port.
- Before committing a change to compose or .env files, call check (optionally with the changed files) and fix what it reports: each finding names the rule, the line, and the port and variable to use.
- To add a service or publish a new port, call next_free_port with the service name (and its image or category): it returns the host port, the variable, the compose ports entry and the .env line.
- port_map shows the ranges, what sits where, conflicts and free ports; preflight tells which planned ports are taken on this machine; fix_dry_run shows the safe automatic fixes as a diff (it never writes).
All tools are read-only. Values of .env variables that are not ports are never returned.`;
const path = schemas/* string */.YjP()
    .min(1)
    .optional()
    .describe("The project folder (absolute, or relative to the server's folder). Default: the folder the server was configured with, else the client's first root.");
const mcp_config = schemas/* string */.YjP()
    .min(1)
    .optional()
    .describe("A policy file; default: .portguard.yml found from the folder up.");
const files = schemas/* array */.YOg(schemas/* string */.YjP().min(1))
    .max(1000)
    .optional()
    .describe("Files or folders of the project to report on (relative to the project folder); the whole project is still loaded.");
function mcp_json(value) {
    return {
        content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
        structuredContent: value,
    };
}
/** The output of a CLI run as JSON, or its error message as a tool error. */
function parsedOutput(run) {
    if (run.status === 2 || run.stdout.trim() === "") {
        throw new Error(run.stderr.replace(/^portguard: /, "").trim() || `portguard exited with ${run.status}`);
    }
    return JSON.parse(run.stdout);
}
function planBinding(b) {
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
function portMapResult(plan) {
    return {
        version: 1,
        summary: plan.summary,
        hosts: plan.hosts,
        ranges: plan.ranges.map((r) => ({
            ...(0,occupancy/* occupancyRecord */.Ds)(r),
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
async function projectFolder(server, options, given) {
    let dir = given ? (0,external_node_path_.resolve)(options.serverCwd, given) : options.cwd;
    if (dir === null && server.server.getClientCapabilities()?.roots) {
        try {
            const { roots } = await server.server.listRoots(undefined, { timeout: 2000 });
            const first = roots.find((r) => r.uri.startsWith("file://"));
            if (first)
                dir = (0,external_node_url_.fileURLToPath)(first.uri);
        }
        catch {
            // A client that does not answer: fall back to the server's folder.
        }
    }
    dir ??= options.serverCwd;
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory())
        throw new config/* UsageError */.eb(`path: not a folder: ${given ?? dir}`);
    // Some clients start servers in / or the home folder: walking that would take minutes and find nothing.
    if (dir === (0,external_node_path_.parse)(dir).root || (given === undefined && options.cwd === null && dir === (0,external_node_os_.homedir)())) {
        throw new config/* UsageError */.eb(`path: no project folder (${dir} is not one): pass the path argument, or start the server with portguard mcp --cwd DIR`);
    }
    return dir;
}
/** Whether a changed file is an env file (its diff is redacted). */
function envFileTest(policy, known) {
    const listed = new Set(known);
    const matches = (0,globs/* globMatcher */.fU)(policy.files.env);
    return (p) => listed.has(p) || matches(p) || /^\.env(\.|$)/.test(p.slice(p.lastIndexOf("/") + 1));
}
function fixDryRun(dir, options) {
    const setup = (0,config/* setupProject */.fy)(dir, options.config);
    const rules = new Set();
    for (const r of options.rules) {
        const id = core_rules/* RULE_IDS */.I.get(r) ?? core_rules/* RULE_IDS */.I.get(r.toUpperCase());
        if (!id)
            throw new config/* UsageError */.eb(`rules: unknown rule ${r}`);
        rules.add(id);
    }
    const narrowed = options.files.map((f) => {
        const rel = (0,external_node_path_.relative)(setup.root, (0,external_node_path_.resolve)(dir, f)).split("\\").join("/");
        if (rel.startsWith("..") || (0,external_node_path_.isAbsolute)(rel))
            throw new config/* UsageError */.eb(`files: ${f} is outside the project root`);
        return rel;
    });
    const tree = new fs_tree/* WorkingTree */.a(setup.root, setup.policy.files.ignore);
    let context = null;
    const lintTree = (t) => {
        const run = (0,lint/* lintRun */.BC)(t, setup.policy, { rootName: (0,external_node_path_.basename)(setup.root) });
        context ??= run.context;
        return run;
    };
    const plan = (0,fix/* planFixes */.T9)(tree, lintTree, {
        ...(rules.size > 0 ? { rules } : {}),
        ...(narrowed.length > 0 ? { files: (f) => narrowed.some((n) => f === n || f.startsWith(`${n}/`)) } : {}),
    });
    const ctx = context;
    const isEnv = envFileTest(setup.policy, ctx?.assembly.envFiles.map((e) => e.path) ?? []);
    const keep = (entry) => ctx !== null && (0,env_ports/* isPortVariable */.sw)(ctx, entry.key) && (0,env_ports/* isValidPortValue */.hx)(ctx, entry);
    const redact = (p, text) => (text !== null && isEnv(p) ? redactEnvText(text, keep) : text);
    const changes = plan.changes.map((c) => ({
        path: c.path,
        created: c.before === null,
        diff: (0,diff/* unifiedDiff */.W)(c.path, redact(c.path, c.before), redact(c.path, c.after)),
    }));
    return {
        version: 1,
        dryRun: true,
        note: `Nothing was written. Run \`portguard fix\` in ${setup.root} to apply${changes.some((c) => isEnv(c.path)) ? `; values that are not ports show as ${REDACTED}` : ""}.`,
        changes,
        moves: plan.moves,
        fixed: plan.fixed.length,
        left: plan.after.diagnostics.filter((d) => d.severity !== "info").map(json/* toJsonDiagnostic */.H),
    };
}
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Builds the server with its tools (the stdio transport is attached by {@link serveMcp}). */
function createMcpServer(cli, options) {
    const server = new mcp/* McpServer */._({ name: "portguard", version: version/* VERSION */.x, title: "portguard: host-port convention for Docker Compose" }, { instructions: INSTRUCTIONS, maxToolInputElements: 5000 });
    const folder = (given) => projectFolder(server, options, given);
    const configOf = (given) => given ?? options.config;
    const configArgs = (given) => {
        const c = configOf(given);
        return c ? ["--config", c] : [];
    };
    server.registerTool("check", {
        title: "Check the port convention",
        description: "Lints the project's compose and .env files against the port convention (ranges, variables with defaults, .env declarations, conflicts, named volumes). Returns portguard's JSON report: each diagnostic has the rule id, file, line, column, message and a suggestion (port and variable to use). Pass files to report only on those (the whole project is still loaded, so conflicts with other files are seen).",
        inputSchema: schemas/* strictObject */.rej({ path, config: mcp_config, files }),
        annotations: { title: "Check the port convention", ...READ_ONLY },
    }, async (args) => {
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
        return mcp_json(parsedOutput(run));
    });
    server.registerTool("port_map", {
        title: "Port map",
        description: "The port plan: per range of the policy (and host), who may publish there, the bindings in it (service, category, variable, host port, file:line, status ok/conflict/wrong-range/outside), used and free counts, the next free port and the free stretches; then governed bindings outside every range, ungoverned ones, and those without a host port.",
        inputSchema: schemas/* strictObject */.rej({ path, config: mcp_config }),
        annotations: { title: "Port map", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const { report, policy } = await cli.lint(dir, configOf(args.config), []);
        return mcp_json(portMapResult((0,port_plan/* portPlan */.$7)(report, policy)));
    });
    server.registerTool("next_free_port", {
        title: "Next free port and variable for a service",
        description: "The host port(s) and variable(s) a service should use. For a service already in the project: its bindings, and the port and variable the check proposes when one is wrong. For a new service: the next free ports of its category's ranges (free in the whole plan) and variables named like the others, with the compose `ports:` entry and the `.env` line to write. The category comes from the argument, the policy's registry, or the image.",
        inputSchema: schemas/* strictObject */.rej({
            path,
            config: mcp_config,
            service: schemas/* string */.YjP().min(1).max(200).describe("The compose service name, e.g. reporting-db."),
            category: schemas/* string */.YjP().min(1).optional().describe("database, ui, exporter, app, or a category of the policy."),
            image: schemas/* string */.YjP()
                .min(1)
                .optional()
                .describe("The image, e.g. postgres:16: gives the category and the container ports."),
            containerPorts: schemas/* array */.YOg(schemas/* number */.aig().int().min(1).max(65535))
                .min(1)
                .max(50)
                .optional()
                .describe("The container ports to publish; default: the image's known ports."),
            file: schemas/* string */.YjP()
                .min(1)
                .optional()
                .describe("The compose file (relative to the project) the service is in: it decides the host."),
        }),
        annotations: { title: "Next free port", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const { report, policy } = await cli.lint(dir, configOf(args.config), []);
        if (args.category !== undefined && !(0,port_plan/* knownCategories */.Qr)(policy).includes(args.category)) {
            throw new config/* UsageError */.eb(`category: unknown category ${args.category} (known: ${(0,port_plan/* knownCategories */.Qr)(policy).join(", ")})`);
        }
        const request = {
            service: args.service,
            ...(args.category !== undefined ? { category: args.category } : {}),
            ...(args.image !== undefined ? { image: args.image } : {}),
            ...(args.containerPorts !== undefined ? { containerPorts: args.containerPorts } : {}),
            ...(args.file !== undefined ? { file: args.file } : {}),
        };
        return mcp_json({ version: 1, ...(0,port_plan/* proposePorts */.n4)((0,port_plan/* portPlan */.$7)(report, policy), policy, request) });
    });
    server.registerTool("preflight", {
        title: "Preflight on this machine",
        description: "Which of the project's planned host ports are already taken on this machine (listening sockets, published Docker container ports), and by what: run before `docker compose up`. Returns portguard's preflight JSON; `summary.blocked` counts the ports that would stop the stack.",
        inputSchema: schemas/* strictObject */.rej({
            path,
            config: mcp_config,
            files,
            timeout: schemas/* number */.aig()
                .int()
                .min(100)
                .max(30000)
                .optional()
                .describe("Milliseconds for the Docker Engine and socket tools (default 2000)."),
        }),
        annotations: { title: "Preflight", ...READ_ONLY, idempotentHint: false, openWorldHint: true },
    }, async (args) => {
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
        return mcp_json(parsedOutput(run));
    });
    server.registerTool("rules", {
        title: "Rule catalogue",
        description: "portguard's rules: id (PG101...), name, severity (as the project's policy sets it when a path is given), description, whether `portguard fix` fixes it, and its messages. Pass rule (an id or a name) for one.",
        inputSchema: schemas/* strictObject */.rej({
            path,
            config: mcp_config,
            rule: schemas/* string */.YjP().min(1).optional().describe("A rule id (PG107) or name (port-conflict)."),
        }),
        annotations: { title: "Rules", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const run = await cli.run(["rules", "--format", "json", "--cwd", dir, ...configArgs(args.config)]);
        const catalogue = parsedOutput(run);
        if (args.rule === undefined)
            return mcp_json(catalogue);
        const wanted = args.rule.toLowerCase();
        const rules = catalogue.rules.filter((r) => r.id.toLowerCase() === wanted || r.name === wanted);
        if (rules.length === 0)
            throw new config/* UsageError */.eb(`rule: no rule ${args.rule} (see the rules tool without arguments)`);
        return mcp_json({ version: catalogue.version, rules });
    });
    server.registerTool("fix_dry_run", {
        title: "Safe fixes, as a diff",
        description: "What `portguard fix` would change: a unified diff per file (variables with defaults, free ports, .env declarations, volume names), the ports it would move, and the findings left for a person. Never writes anything; .env values that are not ports show as <redacted>.",
        inputSchema: schemas/* strictObject */.rej({
            path,
            config: mcp_config,
            files,
            rules: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).max(100).optional().describe("Only these rules (ids or names)."),
        }),
        annotations: { title: "Fix (dry run)", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        return mcp_json(fixDryRun(dir, { config: configOf(args.config), rules: args.rules ?? [], files: args.files ?? [] }));
    });
    return server;
}
/** Runs commands with captured output, and lints, in this process. */
function cliAccess({ main, runLint, io }) {
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
async function serveMcp(entry, options) {
    const server = createMcpServer(cliAccess(entry), options);
    const transport = new stdio/* StdioServerTransport */.S();
    await server.connect(transport);
    await new Promise((resolveClosed) => {
        server.server.onclose = () => resolveClosed();
        process.stdin.once("end", () => resolveClosed());
    });
    await server.close();
    return 0;
}


/***/ })

};
