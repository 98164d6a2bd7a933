export const id = 558;
export const ids = [558];
export const modules = {

/***/ 4558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   serveMcp: () => (/* binding */ serveMcp)
/* harmony export */ });
/* unused harmony export createMcpServer */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _modelcontextprotocol_sdk_server_mcp_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2371);
/* harmony import */ var _modelcontextprotocol_sdk_server_stdio_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9424);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(1514);
/* harmony import */ var _core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(7568);
/* harmony import */ var _core_env_ports_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9557);
/* harmony import */ var _core_env_redaction_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5448);
/* harmony import */ var _core_fix_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8392);
/* harmony import */ var _core_format_diff_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7804);
/* harmony import */ var _core_format_json_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3553);
/* harmony import */ var _core_format_occupancy_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9826);
/* harmony import */ var _core_globs_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8684);
/* harmony import */ var _core_lint_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(207);
/* harmony import */ var _core_port_plan_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(3078);
/* harmony import */ var _core_rules_index_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(4483);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_20__ = __webpack_require__(311);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(2195);
/* harmony import */ var _fs_tree_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(2508);
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
- port_map shows the ranges, what sits where, conflicts and free ports; preflight tells which planned ports are taken on this machine; audit tells what holds the protected ranges on this machine and what breaks the convention; fix_dry_run shows the safe automatic fixes as a diff (it never writes).
All tools are read-only. Values of .env variables that are not ports are never returned.`;
const path = zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP()
    .min(1)
    .optional()
    .describe("The project folder (absolute, or relative to the server's folder). Default: the folder the server was configured with, else the client's first root.");
const config = zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP()
    .min(1)
    .optional()
    .describe("A policy file; default: .portguard.yml found from the folder up.");
const files = zod__WEBPACK_IMPORTED_MODULE_18__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1))
    .max(1000)
    .optional()
    .describe("Files or folders of the project to report on (relative to the project folder); the whole project is still loaded.");
const timeout = zod__WEBPACK_IMPORTED_MODULE_18__/* .number */ .aig()
    .int()
    .min(100)
    .max(30000)
    .optional()
    .describe("Milliseconds for the Docker Engine and socket tools (default 2000).");
function json(value) {
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
            ...(0,_core_format_occupancy_js__WEBPACK_IMPORTED_MODULE_11__/* .occupancyRecord */ .Ds)(r),
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
    let dir = given ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(options.serverCwd, given) : options.cwd;
    if (dir === null && server.server.getClientCapabilities()?.roots) {
        try {
            const { roots } = await server.server.listRoots(undefined, { timeout: 2000 });
            const first = roots.find((r) => r.uri.startsWith("file://"));
            if (first)
                dir = (0,node_url__WEBPACK_IMPORTED_MODULE_3__.fileURLToPath)(first.uri);
        }
        catch {
            // A client that does not answer: fall back to the server's folder.
        }
    }
    dir ??= options.serverCwd;
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory())
        throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`path: not a folder: ${given ?? dir}`);
    // Some clients start servers in / or the home folder: walking that would take minutes and find nothing.
    if (dir === (0,node_path__WEBPACK_IMPORTED_MODULE_2__.parse)(dir).root || (given === undefined && options.cwd === null && dir === (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)())) {
        throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`path: no project folder (${dir} is not one): pass the path argument, or start the server with portguard mcp --cwd DIR`);
    }
    return dir;
}
/** Whether a changed file is an env file (its diff is redacted). */
function envFileTest(policy, known) {
    const listed = new Set(known);
    const matches = (0,_core_globs_js__WEBPACK_IMPORTED_MODULE_12__/* .globMatcher */ .fU)(policy.files.env);
    return (p) => listed.has(p) || matches(p) || /^\.env(\.|$)/.test(p.slice(p.lastIndexOf("/") + 1));
}
function fixDryRun(dir, options) {
    const setup = (0,_config_js__WEBPACK_IMPORTED_MODULE_16__/* .setupProject */ .fy)(dir, options.config);
    const rules = new Set();
    for (const r of options.rules) {
        const id = _core_rules_index_js__WEBPACK_IMPORTED_MODULE_15__/* .RULE_IDS */ .I.get(r) ?? _core_rules_index_js__WEBPACK_IMPORTED_MODULE_15__/* .RULE_IDS */ .I.get(r.toUpperCase());
        if (!id)
            throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`rules: unknown rule ${r}${(0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_19__/* .didYouMean */ .au)(r, _core_rules_index_js__WEBPACK_IMPORTED_MODULE_15__/* .RULE_IDS */ .I.keys())}`);
        rules.add(id);
    }
    const narrowed = options.files.map((f) => {
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(setup.root, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(dir, f)).split("\\").join("/");
        if (rel.startsWith("..") || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(rel))
            throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`files: ${f} is outside the project root`);
        return rel;
    });
    const tree = new _fs_tree_js__WEBPACK_IMPORTED_MODULE_17__/* .WorkingTree */ .a(setup.root, setup.policy.files.ignore);
    let model = null;
    const lintTree = (t) => {
        const run = (0,_core_lint_js__WEBPACK_IMPORTED_MODULE_13__/* .lintRun */ .BC)(t, setup.policy, { rootName: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(setup.root) });
        model ??= run.model;
        return run;
    };
    const plan = (0,_core_fix_js__WEBPACK_IMPORTED_MODULE_8__.planFixes)(tree, lintTree, {
        ...(rules.size > 0 ? { rules } : {}),
        ...(narrowed.length > 0 ? { files: (f) => narrowed.some((n) => f === n || f.startsWith(`${n}/`)) } : {}),
    });
    const ctx = model;
    const isEnv = envFileTest(setup.policy, ctx?.envFiles.map((e) => e.path) ?? []);
    const keep = (entry) => ctx !== null && (0,_core_env_ports_js__WEBPACK_IMPORTED_MODULE_6__/* .isPortVariable */ .sw)(ctx, entry.key) && (0,_core_env_ports_js__WEBPACK_IMPORTED_MODULE_6__/* .isValidPortValue */ .hx)(ctx, entry);
    const redact = (p, text) => (text !== null && isEnv(p) ? (0,_core_env_redaction_js__WEBPACK_IMPORTED_MODULE_7__/* .redactEnvText */ .Q)(text, keep) : text);
    const changes = plan.changes.map((c) => ({
        path: c.path,
        created: c.before === null,
        diff: (0,_core_format_diff_js__WEBPACK_IMPORTED_MODULE_9__/* .unifiedDiff */ .W)(c.path, redact(c.path, c.before), redact(c.path, c.after)),
    }));
    return {
        version: 1,
        dryRun: true,
        note: `Nothing was written. Run \`portguard fix\` in ${setup.root} to apply${changes.some((c) => isEnv(c.path)) ? `; values that are not ports show as ${_core_env_redaction_js__WEBPACK_IMPORTED_MODULE_7__/* .REDACTED */ .X}` : ""}.`,
        changes,
        moves: plan.moves,
        fixed: plan.fixed.length,
        left: plan.after.diagnostics.filter((d) => d.severity !== "info").map((d) => (0,_core_format_json_js__WEBPACK_IMPORTED_MODULE_10__/* .toJsonDiagnostic */ .HF)(d)),
    };
}
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Builds the server with its tools (the stdio transport is attached by {@link serveMcp}). */
function createMcpServer(cli, options) {
    const server = new _modelcontextprotocol_sdk_server_mcp_js__WEBPACK_IMPORTED_MODULE_4__/* .McpServer */ ._({ name: "portguard", version: _version_js__WEBPACK_IMPORTED_MODULE_20__/* .VERSION */ .x, title: "portguard: host-port convention for Docker Compose" }, { instructions: INSTRUCTIONS, maxToolInputElements: 5000 });
    const folder = (given) => projectFolder(server, options, given);
    const configOf = (given) => given ?? options.config;
    const configArgs = (given) => {
        const c = configOf(given);
        return c ? ["--config", c] : [];
    };
    server.registerTool("check", {
        title: "Check the port convention",
        description: "Lints the project's compose and .env files against the port convention (ranges, variables with defaults, .env declarations, conflicts, named volumes). Returns portguard's JSON report: each diagnostic has the rule id, file, line, column, message and a suggestion (port and variable to use). Pass files to report only on those (the whole project is still loaded, so conflicts with other files are seen).",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({ path, config, files }),
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
        return json(parsedOutput(run));
    });
    server.registerTool("port_map", {
        title: "Port map",
        description: "The port plan: per range of the policy (and host), who may publish there, the bindings in it (service, category, variable, host port, file:line, status ok/conflict/wrong-range/outside), used and free counts, the next free port and the free stretches; then governed bindings outside every range, ungoverned ones, and those without a host port.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({ path, config }),
        annotations: { title: "Port map", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const { report, policy } = await cli.lint(dir, configOf(args.config), []);
        return json(portMapResult((0,_core_port_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .portPlan */ .$7)(report, policy)));
    });
    server.registerTool("next_free_port", {
        title: "Next free port and variable for a service",
        description: "The host port(s) and variable(s) a service should use. For a service already in the project: its bindings, and the port and variable the check proposes when one is wrong. For a new service: the next free ports of its category's ranges (free in the whole plan) and variables named like the others, with the compose `ports:` entry and the `.env` line to write. The category comes from the argument, the policy's registry, or the image.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
            path,
            config,
            service: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1).max(200).describe("The compose service name, e.g. reporting-db."),
            category: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1).optional().describe("database, ui, exporter, app, or a category of the policy."),
            image: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP()
                .min(1)
                .optional()
                .describe("The image, e.g. postgres:16: gives the category and the container ports."),
            containerPorts: zod__WEBPACK_IMPORTED_MODULE_18__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_18__/* .number */ .aig().int().min(1).max(65535))
                .min(1)
                .max(50)
                .optional()
                .describe("The container ports to publish; default: the image's known ports."),
            file: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP()
                .min(1)
                .optional()
                .describe("The compose file (relative to the project) the service is in: it decides the host."),
        }),
        annotations: { title: "Next free port", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const { report, policy } = await cli.lint(dir, configOf(args.config), []);
        const categories = (0,_core_port_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .knownCategories */ .Qr)(policy);
        if (args.category !== undefined && !categories.includes(args.category)) {
            throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`category: unknown category ${args.category}${(0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_19__/* .didYouMean */ .au)(args.category, categories)} (known: ${categories.join(", ")})`);
        }
        const request = {
            service: args.service,
            ...(args.category !== undefined ? { category: args.category } : {}),
            ...(args.image !== undefined ? { image: args.image } : {}),
            ...(args.containerPorts !== undefined ? { containerPorts: args.containerPorts } : {}),
            ...(args.file !== undefined ? { file: args.file } : {}),
        };
        return json({ version: 1, ...(0,_core_port_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .proposePorts */ .n4)((0,_core_port_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .portPlan */ .$7)(report, policy), policy, request) });
    });
    server.registerTool("preflight", {
        title: "Preflight on this machine",
        description: "Which of the project's planned host ports are already taken on this machine (listening sockets, published Docker container ports), and by what: run before `docker compose up`. Returns portguard's preflight JSON; `summary.blocked` counts the ports that would stop the stack.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
            path,
            config,
            files,
            timeout,
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
        return json(parsedOutput(run));
    });
    server.registerTool("audit", {
        title: "Audit this machine's port ranges",
        description: "What holds each port range of the policy on this machine now (containers with category, compose project and service; processes with pid, command name and user, never their arguments), and the violations of the convention, each naming the holder and the remedy: a holder whose category the range is not for, anything in a reserved range, a published container port no compose file declares, a planned port held by something else. Returns portguard's audit JSON; `summary.violations` counts them. Writes no log.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
            path,
            config,
            timeout,
            projectName: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP()
                .min(1)
                .max(200)
                .optional()
                .describe("The compose project name the stacks were started with (docker compose -p NAME)."),
        }),
        annotations: { title: "Audit", ...READ_ONLY, idempotentHint: false, openWorldHint: true },
    }, async (args) => {
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
    });
    server.registerTool("rules", {
        title: "Rule catalogue",
        description: "portguard's rules: id (PG101...), name, severity (as the project's policy sets it when a path is given), description, whether `portguard fix` fixes it, and its messages. Pass rule (an id or a name) for one.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
            path,
            config,
            rule: zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1).optional().describe("A rule id (PG107) or name (port-conflict)."),
        }),
        annotations: { title: "Rules", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        const run = await cli.run(["rules", "--format", "json", "--cwd", dir, ...configArgs(args.config)]);
        const catalogue = parsedOutput(run);
        if (args.rule === undefined)
            return json(catalogue);
        const wanted = args.rule.toLowerCase();
        const rules = catalogue.rules.filter((r) => r.id.toLowerCase() === wanted || r.name === wanted);
        if (rules.length === 0) {
            const near = (0,_core_did_you_mean_js__WEBPACK_IMPORTED_MODULE_19__/* .didYouMean */ .au)(args.rule, [..._core_rules_index_js__WEBPACK_IMPORTED_MODULE_15__/* .RULE_IDS */ .I.keys()]);
            throw new _config_js__WEBPACK_IMPORTED_MODULE_16__/* .UsageError */ .eb(`rule: no rule ${args.rule}${near} (see the rules tool without arguments)`);
        }
        return json({ version: catalogue.version, rules });
    });
    server.registerTool("fix_dry_run", {
        title: "Safe fixes, as a diff",
        description: "What `portguard fix` would change: a unified diff per file (variables with defaults, free ports, .env declarations, volume names), the ports it would move, and the findings left for a person. Never writes anything; .env values that are not ports show as <redacted>.",
        inputSchema: zod__WEBPACK_IMPORTED_MODULE_18__/* .strictObject */ .rej({
            path,
            config,
            files,
            rules: zod__WEBPACK_IMPORTED_MODULE_18__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_18__/* .string */ .YjP().min(1)).max(100).optional().describe("Only these rules (ids or names)."),
        }),
        annotations: { title: "Fix (dry run)", ...READ_ONLY },
    }, async (args) => {
        const dir = await folder(args.path);
        return json(fixDryRun(dir, { config: configOf(args.config), rules: args.rules ?? [], files: args.files ?? [] }));
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
    const transport = new _modelcontextprotocol_sdk_server_stdio_js__WEBPACK_IMPORTED_MODULE_5__/* .StdioServerTransport */ .S();
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
