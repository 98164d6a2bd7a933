export const id = 341;
export const ids = [341];
export const modules = {

/***/ 341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadProgram: () => (/* binding */ loadProgram)
});

// UNUSED EXPORTS: cacheFolder

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(995);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(136);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/cli/commands.ts
/** The CLI's command names: the first argument that selects a command (anything else is `check`'s). */
const COMMAND_NAMES = ["check", "ports", "rules", "init", "fix", "docs", "preflight", "audit", "mcp"];
/** The command `argv` runs: its first argument when that names one, else `check`. */
function commandOf(argv) {
    const first = argv[0];
    return COMMAND_NAMES.includes(first ?? "") ? first : "check";
}

;// CONCATENATED MODULE: ./src/cli/program-loader.ts
/**
 * Loads the program bundle (dist/cli/program/index.js) with V8's code cache, so that a run after
 * the first compiles almost nothing: on Node 20 start-up spends about a quarter of a small run
 * compiling the bundle and the functions it calls.
 *
 * The build turns that bundle into a script, one function expression taking `require`, the
 * bundle's URL (for `import.meta.url`) and `import` (for the chunks), see scripts/build.mjs, because
 * `vm.Script` is the code cache API that every supported Node has.
 *
 * The cache is one entry per command (the functions a run compiled are in it), in
 * `$XDG_CACHE_HOME/portguard` (default `~/.cache/portguard`; `%LOCALAPPDATA%\portguard` on
 * Windows). An entry is named after a hash of the bundle's bytes, portguard's and Node's versions
 * and Node's flags, so that another build, Node or set of V8 flags never reads it (V8 itself only
 * compares the source's length). Release builds of V8 do not check an entry's integrity, and a
 * damaged one can crash the process: each entry starts with the SHA-256 of the rest, checked
 * before V8 sees it, and only a folder and entries owned by the user who runs portguard, that
 * no one else can write, are used (`sudo` with a user's HOME does not load the user's bytecode).
 * A missing or rejected entry is written after a run that did its command's work.
 * `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns it off. Reading or writing the cache never
 * fails a run.
 */









/** Entries kept per command: this build's and those of up to three others (another install, an upgrade). */
const KEPT = 4;
const DIGEST = 32;
/** The folder of the code cache, or undefined when it is turned off or there is no home. */
function cacheFolder(env, platform = process.platform) {
    if (env.NODE_DISABLE_COMPILE_CACHE)
        return undefined;
    const xdg = env.XDG_CACHE_HOME;
    if (xdg && (0,external_node_path_.isAbsolute)(xdg))
        return (0,external_node_path_.join)(xdg, "portguard");
    if (platform === "win32" && env.LOCALAPPDATA && (0,external_node_path_.isAbsolute)(env.LOCALAPPDATA))
        return (0,external_node_path_.join)(env.LOCALAPPDATA, "portguard");
    let home = "";
    try {
        home = (0,external_node_os_.homedir)();
    }
    catch {
        return undefined;
    }
    return home ? (0,external_node_path_.join)(home, ".cache", "portguard") : undefined;
}
/** Whether a run does less than its command's work. */
function isPartial(argv) {
    return argv[0] === "help" || argv.includes("--help") || argv.includes("-h") || argv.includes("--print-config");
}
/** Owned by the user who runs portguard, and writable by no one else (no owners on Windows). */
function isOwn(stats) {
    const uid = process.getuid?.();
    return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}
function sha256(...parts) {
    const hash = (0,external_node_crypto_.createHash)("sha256");
    for (const part of parts)
        hash.update(part);
    return hash.digest();
}
/** The entry of this bundle, Node and set of flags for `argv`'s command. */
function entryOf(folder, argv, bundle, env) {
    const command = commandOf(argv);
    const build = [version/* VERSION */.x, process.version, process.versions.v8, process.arch, ...process.execArgv];
    const key = sha256(bundle, "\0", build.join("\0"), "\0", env.NODE_OPTIONS ?? "")
        .toString("hex")
        .slice(0, 32);
    return { folder, name: `${command}-${key}.bin`, command };
}
/** The entry's cached data, when the folder and the file are the user's own and the digest holds. */
function readEntry(entry) {
    let fd;
    try {
        if (!isOwn((0,external_node_fs_.statSync)(entry.folder)))
            return undefined;
        fd = (0,external_node_fs_.openSync)((0,external_node_path_.join)(entry.folder, entry.name), "r");
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (!stats.isFile() || !isOwn(stats) || stats.size <= DIGEST)
            return undefined;
        const bytes = (0,external_node_fs_.readFileSync)(fd);
        const data = bytes.subarray(DIGEST);
        return sha256(data).equals(bytes.subarray(0, DIGEST)) ? data : undefined;
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            ignoring(() => (0,external_node_fs_.closeSync)(fd));
    }
}
/**
 * Writes the entry atomically (a reader sees the old entry or the new one), through a temporary
 * file of an unguessable name that must not exist yet; then drops the command's entries beyond the
 * newest KEPT.
 */
function writeEntry(entry, data) {
    const { folder, name, command } = entry;
    let temporary;
    try {
        (0,external_node_fs_.mkdirSync)(folder, { recursive: true, mode: 0o700 });
        if (!isOwn((0,external_node_fs_.statSync)(folder)))
            return;
        const path = (0,external_node_path_.join)(folder, `${name}.${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`);
        // Opened before the data is made: a folder that cannot be written costs no serialization.
        const fd = (0,external_node_fs_.openSync)(path, "wx", 0o600);
        temporary = path;
        try {
            const bytes = data();
            (0,external_node_fs_.writeSync)(fd, sha256(bytes));
            (0,external_node_fs_.writeSync)(fd, bytes);
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        (0,external_node_fs_.renameSync)(temporary, (0,external_node_path_.join)(folder, name));
        temporary = undefined;
        prune(folder, name, command);
    }
    catch {
        // A read-only or full disk, a folder of someone else's: the next run compiles again.
        if (temporary !== undefined)
            ignoring(() => (0,external_node_fs_.rmSync)(temporary, { force: true }));
    }
}
/**
 * Drops the command's entries beyond the KEPT most recently used, and temporary files an
 * interrupted run left (older than an hour: a run writing now is not disturbed).
 */
function prune(folder, name, command) {
    const now = Date.now();
    const older = [];
    for (const other of (0,external_node_fs_.readdirSync)(folder)) {
        if (other === name || !other.startsWith(`${command}-`))
            continue;
        const path = (0,external_node_path_.join)(folder, other);
        const time = (0,external_node_fs_.statSync)(path).mtimeMs;
        if (other.endsWith(".bin"))
            older.push({ path, time });
        else if (other.endsWith(".tmp") && now - time > 3_600_000)
            (0,external_node_fs_.rmSync)(path, { force: true });
    }
    older.sort((a, b) => b.time - a.time);
    for (const { path } of older.slice(KEPT - 1))
        (0,external_node_fs_.rmSync)(path, { force: true });
}
function ignoring(action) {
    try {
        action();
    }
    catch {
        // Cleaning up after a failed write: nothing more to do.
    }
}
/** Marks a used entry as used (the entries kept are the most recently used). */
function touch(entry) {
    try {
        const now = new Date();
        (0,external_node_fs_.utimesSync)((0,external_node_path_.join)(entry.folder, entry.name), now, now);
    }
    catch {
        // A read-only cache is still read.
    }
}
/** Compiles and runs the program bundle at `file` (with the code cache of `argv`'s command). */
async function loadProgram(file, argv, env) {
    const bundle = (0,external_node_fs_.readFileSync)(file);
    const source = bundle.toString("latin1"); // the build writes it in ASCII
    const folder = cacheFolder(env);
    const entry = folder === undefined ? undefined : entryOf(folder, argv, bundle, env);
    const cachedData = entry === undefined ? undefined : readEntry(entry);
    const script = new external_node_vm_.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
    const url = (0,external_node_url_.pathToFileURL)(file).href;
    const run = script.runInThisContext();
    const program = await run((0,external_node_module_.createRequire)(file), url, (specifier) => import(/* webpackIgnore: true */ new URL(specifier, url).href));
    return {
        main: program.main,
        save: (exitCode) => {
            if (entry === undefined)
                return;
            if (cachedData !== undefined && !script.cachedDataRejected)
                touch(entry);
            else if (exitCode <= 1 && !isPartial(argv))
                writeEntry(entry, () => script.createCachedData());
        },
    };
}


/***/ })

};
