#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(311);



// A reader that goes away (portguard check | head) ends the output, as for any Unix filter:
// no stack trace, and the exit code says what was found.
for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
        if (error.code !== "EPIPE")
            throw error;
    });
}
/** Above this a text is written in slices: one large string costs far more to encode than its slices. */
const SLICE = 1 << 20;
/**
 * From this size a text is written as bytes: a pipe that is not drained at once queues the writes,
 * and queued strings cost far more than queued bytes (a 35 MB report in pieces of 64 KiB: 0.3 s CPU).
 */
const AS_BYTES = 1 << 16;
function writeOne(stream, text) {
    stream.write(text.length >= AS_BYTES ? Buffer.from(text, "utf8") : text);
}
/** Writes `text` in slices that never split a surrogate pair. */
function write(stream, text) {
    if (text.length <= SLICE) {
        writeOne(stream, text);
        return;
    }
    for (let start = 0; start < text.length;) {
        let end = Math.min(start + SLICE, text.length);
        const last = text.charCodeAt(end - 1);
        if (last >= 0xd800 && last <= 0xdbff && end < text.length)
            end++;
        writeOne(stream, text.slice(start, end));
        start = end;
    }
}
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    // Start-up: the version needs none of the program.
    process.stdout.write(`${_version_js__WEBPACK_IMPORTED_MODULE_2__/* .VERSION */ .x}\n`);
}
else {
    // The program is a bundle of its own (dist/cli/program/), loaded only by the commands, through
    // V8's code cache (see program-loader.ts).
    const { loadProgram } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 408));
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url)), "program", "index.js");
    const program = await loadProgram(file, argv, process.env);
    const code = await program.main(argv, {
        cwd: process.cwd(),
        env: process.env,
        stdout: (text) => write(process.stdout, text),
        stderr: (text) => write(process.stderr, text),
        isTTY: process.stdout.isTTY === true,
        ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    });
    process.exitCode = code;
    program.save(code);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 408:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  loadProgram: () => (/* binding */ loadProgram)
});

// UNUSED EXPORTS: cacheFolder, isOwn

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(136);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
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
        home = (0,external_node_os_namespaceObject.homedir)();
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
    const hash = (0,external_node_crypto_namespaceObject.createHash)("sha256");
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
        if (!isOwn((0,external_node_fs_namespaceObject.statSync)(entry.folder)))
            return undefined;
        fd = (0,external_node_fs_namespaceObject.openSync)((0,external_node_path_.join)(entry.folder, entry.name), "r");
        const stats = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (!stats.isFile() || !isOwn(stats) || stats.size <= DIGEST)
            return undefined;
        const bytes = (0,external_node_fs_namespaceObject.readFileSync)(fd);
        const data = bytes.subarray(DIGEST);
        return sha256(data).equals(bytes.subarray(0, DIGEST)) ? data : undefined;
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            ignoring(() => (0,external_node_fs_namespaceObject.closeSync)(fd));
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
        (0,external_node_fs_namespaceObject.mkdirSync)(folder, { recursive: true, mode: 0o700 });
        if (!isOwn((0,external_node_fs_namespaceObject.statSync)(folder)))
            return;
        const path = (0,external_node_path_.join)(folder, `${name}.${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString("hex")}.tmp`);
        // Opened before the data is made: a folder that cannot be written costs no serialization.
        const fd = (0,external_node_fs_namespaceObject.openSync)(path, "wx", 0o600);
        temporary = path;
        try {
            const bytes = data();
            (0,external_node_fs_namespaceObject.writeSync)(fd, sha256(bytes));
            (0,external_node_fs_namespaceObject.writeSync)(fd, bytes);
        }
        finally {
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
        (0,external_node_fs_namespaceObject.renameSync)(temporary, (0,external_node_path_.join)(folder, name));
        temporary = undefined;
        prune(folder, name, command);
    }
    catch {
        // A read-only or full disk, a folder of someone else's: the next run compiles again.
        if (temporary !== undefined)
            ignoring(() => (0,external_node_fs_namespaceObject.rmSync)(temporary, { force: true }));
    }
}
/**
 * Drops the command's entries beyond the KEPT most recently used, and temporary files an
 * interrupted run left (older than an hour: a run writing now is not disturbed).
 */
function prune(folder, name, command) {
    const now = Date.now();
    const older = [];
    for (const other of (0,external_node_fs_namespaceObject.readdirSync)(folder)) {
        if (other === name || !other.startsWith(`${command}-`))
            continue;
        const path = (0,external_node_path_.join)(folder, other);
        const time = (0,external_node_fs_namespaceObject.statSync)(path).mtimeMs;
        if (other.endsWith(".bin"))
            older.push({ path, time });
        else if (other.endsWith(".tmp") && now - time > 3_600_000)
            (0,external_node_fs_namespaceObject.rmSync)(path, { force: true });
    }
    older.sort((a, b) => b.time - a.time);
    for (const { path } of older.slice(KEPT - 1))
        (0,external_node_fs_namespaceObject.rmSync)(path, { force: true });
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
        (0,external_node_fs_namespaceObject.utimesSync)((0,external_node_path_.join)(entry.folder, entry.name), now, now);
    }
    catch {
        // A read-only cache is still read.
    }
}
/** Compiles and runs the program bundle at `file` (with the code cache of `argv`'s command). */
async function loadProgram(file, argv, env) {
    const bundle = (0,external_node_fs_namespaceObject.readFileSync)(file);
    const source = bundle.toString("latin1"); // the build writes it in ASCII
    const folder = cacheFolder(env);
    const entry = folder === undefined ? undefined : entryOf(folder, argv, bundle, env);
    const cachedData = entry === undefined ? undefined : readEntry(entry);
    const script = new external_node_vm_namespaceObject.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
    const url = (0,external_node_url_.pathToFileURL)(file).href;
    const run = script.runInThisContext();
    const program = await run((0,external_node_module_namespaceObject.createRequire)(file), url, (specifier) => import(/* webpackIgnore: true */ new URL(specifier, url).href));
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


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** Kept equal to package.json's version by a test. */
const VERSION = "0.1.0";


/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
