import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7338:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  eb: () => (/* binding */ UsageError),
  fy: () => (/* binding */ setupProject)
});

// UNUSED EXPORTS: CONFIG_NAMES, MAX_POLICY_BYTES, findConfig, gitTopLevel, oneOf

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/core/format/printable.ts
var printable = __nccwpck_require__(8520);
// EXTERNAL MODULE: ./src/core/policy/index.ts + 2 modules
var core_policy = __nccwpck_require__(8896);
;// CONCATENATED MODULE: ./src/cli/config.ts
/**
 * Finding the policy file and the project root on disk. Policy files are read only when they are
 * regular files of a bounded size; `extends` reads only within the repository or an installed
 * package, and a refused file's content is never read, let alone quoted.
 */






const CONFIG_NAMES = [".portguard.yml", ".portguard.yaml", "portguard.config.yml"];
/** The nearest folder at or above `start` holding `.git` (a folder, or a file in worktrees). */
function gitTopLevel(start) {
    let dir = (0,external_node_path_.resolve)(start);
    for (;;) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ".git")))
            return dir;
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            return null;
        dir = parent;
    }
}
/**
 * The first config file from `start` upward, stopping at the git top level. A config that is a
 * symbolic link out of the repository (or of its folder, outside one) is refused, not followed.
 */
function findConfig(start) {
    const top = gitTopLevel(start);
    let dir = (0,external_node_path_.resolve)(start);
    for (;;) {
        for (const name of CONFIG_NAMES) {
            const candidate = (0,external_node_path_.join)(dir, name);
            if ((0,external_node_fs_.existsSync)(candidate) && (0,external_node_fs_.statSync)(candidate).isFile()) {
                const boundary = (0,external_node_fs_.realpathSync)(top ?? dir);
                if (!inside(boundary, (0,external_node_fs_.realpathSync)(candidate))) {
                    throw new UsageError(`${(0,printable/* printable */.g)(candidate)} is a symbolic link to a file outside ${(0,printable/* printable */.g)(top ?? dir)}: not read (pass it with --config to use it)`);
                }
                return candidate;
            }
        }
        const parent = (0,external_node_path_.dirname)(dir);
        if (dir === top || parent === dir)
            return null;
        dir = parent;
    }
}
/** Policy files are small; a larger one is refused unread. */
const MAX_POLICY_BYTES = 1024 * 1024;
function inside(root, target) {
    const rel = (0,external_node_path_.relative)(root, target);
    return rel === "" || (!rel.startsWith("..") && !(0,external_node_path_.isAbsolute)(rel));
}
function displayPath(path, root) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel !== "" && !rel.startsWith("..") && !(0,external_node_path_.isAbsolute)(rel) ? rel.split("\\").join("/") : path;
}
/** The text of a policy file, or why it is not read: not a regular file, too large, not text. */
function readPolicyText(path) {
    let fd;
    try {
        if (!(0,external_node_fs_.statSync)(path).isFile())
            return { refused: "not a regular file" };
        fd = (0,external_node_fs_.openSync)(path, "r");
    }
    catch (error) {
        return { refused: `cannot be read (${error.code ?? "error"})` };
    }
    try {
        // fstat: what was opened, whatever the path points to by now.
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return { refused: "not a regular file" };
        if (stat.size > MAX_POLICY_BYTES)
            return { refused: `larger than ${MAX_POLICY_BYTES / 1024} KiB` };
        const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
        let read = 0;
        for (let n = 1; n > 0 && read <= MAX_POLICY_BYTES; read += n) {
            n = (0,external_node_fs_.readSync)(fd, buffer, read, MAX_POLICY_BYTES + 1 - read, read);
        }
        if (read > MAX_POLICY_BYTES)
            return { refused: `larger than ${MAX_POLICY_BYTES / 1024} KiB` };
        const text = new TextDecoder("utf-8").decode(buffer.subarray(0, read));
        if (text.includes("\0") || text.includes("\ufffd"))
            return { refused: "not a text file" };
        return { text };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function policyFile(path, root) {
    const display = displayPath(path, root);
    const read = readPolicyText(path);
    if ("refused" in read)
        throw new UsageError(`config file ${(0,printable/* printable */.g)(display)}: ${read.refused}`);
    return { path: display, text: read.text };
}
/** Whether a real path lies inside an installed package (a `node_modules` folder). */
function inPackage(real) {
    return real.split(external_node_path_.sep).includes("node_modules");
}
/**
 * The root and policy for a run from `cwd`: an explicit `--config`, else the nearest config file
 * (its folder is the root), else the embedded default with the git top level (or `cwd`) as root.
 */
function setupProject(cwd, explicitConfig) {
    let configPath = null;
    let root;
    if (explicitConfig) {
        configPath = (0,external_node_path_.resolve)(cwd, explicitConfig);
        if (!(0,external_node_fs_.existsSync)(configPath))
            throw new UsageError(`config file not found: ${explicitConfig}`);
        root = gitTopLevel(cwd) ?? (0,external_node_path_.resolve)(cwd);
    }
    else {
        configPath = findConfig(cwd);
        root = configPath ? (0,external_node_path_.dirname)(configPath) : (gitTopLevel(cwd) ?? (0,external_node_path_.resolve)(cwd));
    }
    if (!configPath)
        return { root, configPath: null, policy: (0,core_policy/* loadPolicy */.t)(null) };
    const absPaths = new Map();
    const first = policyFile(configPath, root);
    absPaths.set(first.path, configPath);
    // extends reads within the repository (or the root, outside one) and installed packages only.
    const boundary = (0,external_node_fs_.realpathSync)(gitTopLevel(root) ?? root);
    const policy = (0,core_policy/* loadPolicy */.t)(first, (spec, from) => {
        const fromAbs = absPaths.get(from) ?? (0,external_node_path_.resolve)(root, from);
        let target = null;
        const byPath = spec.startsWith(".") || (0,external_node_path_.isAbsolute)(spec);
        if (byPath) {
            target = (0,external_node_path_.resolve)((0,external_node_path_.dirname)(fromAbs), spec);
        }
        else {
            try {
                target = (0,external_node_module_namespaceObject.createRequire)(fromAbs).resolve(spec);
            }
            catch {
                try {
                    target = (0,external_node_module_namespaceObject.createRequire)(fromAbs).resolve(`${spec}/portguard.yml`);
                }
                catch {
                    target = null;
                }
            }
        }
        if (!target || !(0,external_node_fs_.existsSync)(target))
            return null;
        const real = (0,external_node_fs_.realpathSync)(target);
        if (!inside(boundary, real) && (byPath || !inPackage(real))) {
            return {
                refused: `${(0,printable/* printable */.g)(spec)} is outside the project (extends reads files of the repository or of an installed package)`,
            };
        }
        const read = readPolicyText(real);
        if ("refused" in read)
            return { refused: `${(0,printable/* printable */.g)(spec)}: ${read.refused}` };
        const file = { path: displayPath(target, root), text: read.text };
        absPaths.set(file.path, target);
        return file;
    });
    return { root, configPath, policy };
}
/** A mistake in how portguard was called: exit code 2 with a one-line message. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = "UsageError";
    }
}
/** A value of `--format` (or another closed list) that is not one of `choices`: exit 2, naming the nearest. */
function oneOf(option, value, choices) {
    if (choices.includes(value))
        return value;
    throw new UsageError(`${option} ${value}: must be one of ${choices.join(", ")}${didYouMean(value, choices).replace(/^ \((.*)\)$/, "; $1")}`);
}


/***/ }),

/***/ 2508:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ WorkingTree)
/* harmony export */ });
/* unused harmony export toPosix */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_collections_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5478);
/* harmony import */ var _core_globs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8684);
/* harmony import */ var _core_project_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8632);
/** The working tree as a {@link SourceTree}: a pruned walk, and reads that never hang or explode. */





/** One decoder for every read (each `decode` call is complete: it keeps no state between files). */
const UTF8 = new TextDecoder("utf-8");
/** Folders never worth walking, whatever the policy says (`.portguard` holds fix's backups). */
const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn", ".portguard"]);
function toPosix(p) {
    return sep === "/" ? p : p.split(sep).join("/");
}
function isInside(root, target) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, target);
    return rel === "" || (!rel.startsWith("..") && !rel.startsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) && !/^[A-Za-z]:/.test(rel));
}
function errorCode(error) {
    return typeof error === "object" && error !== null && "code" in error
        ? String(error.code)
        : "";
}
class WorkingTree {
    root;
    ignore;
    realRoot;
    cache = new Map();
    /** Answers of `exists` for paths not read (many services name the same `env_file:`). */
    looked = new Map();
    listed = null;
    unlisted = [];
    constructor(root, ignore) {
        this.root = root;
        this.ignore = ignore;
        this.realRoot = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root);
    }
    /** Every file and folder below the root, pruned of ignored folders (walked on first use). */
    get paths() {
        if (!this.listed) {
            this.listed = this.walk((0,_core_globs_js__WEBPACK_IMPORTED_MODULE_3__/* .folderMatcher */ .zt)(this.ignore));
            this.listed.sort();
        }
        return this.listed;
    }
    /** Folders that could not be listed, and why: their files are not checked, and the summary says so. */
    get skipped() {
        void this.paths;
        return this.unlisted;
    }
    /** The walk, with a stack of folders (no recursion, however deep the tree). */
    walk(pruned) {
        const out = [];
        const folders = [""];
        while (folders.length > 0) {
            const dir = folders.pop();
            let entries;
            try {
                entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir === "" ? this.root : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, dir), { withFileTypes: true });
            }
            catch (error) {
                this.unlisted.push({ path: dir === "" ? "." : dir, reason: errorCode(error) || "unreadable" });
                continue;
            }
            for (const entry of entries) {
                const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
                if (entry.isDirectory()) {
                    if (ALWAYS_SKIPPED.has(entry.name) || pruned(rel))
                        continue;
                    // A folder is listed too: a folder named like a compose file is reported, not skipped.
                    out.push(rel);
                    folders.push(rel);
                }
                else {
                    out.push(rel);
                }
            }
        }
        this.unlisted.sort((a, b) => (a.path < b.path ? -1 : 1));
        return out;
    }
    read(path) {
        const cached = this.cache.get(path);
        if (cached)
            return cached;
        const result = this.readUncached(path);
        this.cache.set(path, result);
        return result;
    }
    /** One lstat, where a read would open and decode the file (an `env_file:` is only looked for). */
    exists(path) {
        const cached = this.cache.get(path);
        if (cached)
            return cached.kind !== "missing";
        return (0,_core_collections_js__WEBPACK_IMPORTED_MODULE_2__/* .getOrInsert */ .Po)(this.looked, path, () => this.lookFor(path));
    }
    lookFor(path) {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(this.absolute(path), { throwIfNoEntry: false }) !== undefined;
        }
        catch (error) {
            const code = errorCode(error);
            // As for a read: what cannot be looked at is there, and a problem when it is read.
            return code !== "ENOENT" && code !== "ENOTDIR";
        }
    }
    /** Paths outside the root (`../shared/base.yaml`, an absolute env_file) are read as compose reads them. */
    absolute(path) {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, path);
    }
    readUncached(path) {
        const abs = this.absolute(path);
        try {
            // Most reads of a missing file are probes (each folder's `.env` and its stand-ins): no exception for them.
            const link = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false });
            if (link === undefined)
                return { kind: "missing" };
            if (link.isSymbolicLink()) {
                let target;
                try {
                    target = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(abs);
                }
                catch (error) {
                    const code = errorCode(error);
                    // A link to nothing is a file that should be there: said, not skipped.
                    if (code === "ENOENT" || code === "ENOTDIR") {
                        return { kind: "problem", reason: "unreadable", detail: "a symbolic link to a file that does not exist" };
                    }
                    throw error;
                }
                if (!isInside(this.realRoot, target))
                    return { kind: "problem", reason: "outside-project" };
            }
            // A link is followed; anything else, lstat has already said what it is.
            const stat = link.isSymbolicLink() ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs) : link;
            if (!stat.isFile())
                return { kind: "problem", reason: "not-a-file" };
            if (stat.size > _core_project_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_BYTES */ .gZ) {
                return {
                    kind: "problem",
                    reason: "too-large",
                    detail: `${(stat.size / 1024 / 1024).toFixed(1)} MiB, the limit is ${_core_project_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_BYTES */ .gZ / 1024 / 1024} MiB`,
                };
            }
            const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(abs, "r");
            try {
                // Read at most the limit, whatever the file grew to since stat.
                const size = Math.min((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).size, _core_project_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_BYTES */ .gZ + 1);
                // Only the bytes read are decoded: no need to clear the buffer first.
                const buffer = Buffer.allocUnsafe(size);
                let read = 0;
                while (read < size) {
                    const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, read, size - read, read);
                    if (n === 0)
                        break;
                    read += n;
                }
                if (read > _core_project_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_FILE_BYTES */ .gZ)
                    return { kind: "problem", reason: "too-large" };
                return { kind: "text", text: UTF8.decode(buffer.subarray(0, read)) };
            }
            finally {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
            }
        }
        catch (error) {
            const code = errorCode(error);
            if (code === "ENOENT" || code === "ENOTDIR")
                return { kind: "missing" };
            if (code === "ELOOP")
                return { kind: "problem", reason: "symlink-loop" };
            if (code === "EISDIR")
                return { kind: "problem", reason: "not-a-file" };
            return { kind: "problem", reason: "unreadable", detail: code || error.message };
        }
    }
}



/***/ }),

/***/ 6094:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   changedSince: () => (/* binding */ changedSince),
/* harmony export */   loadStaged: () => (/* binding */ loadStaged)
/* harmony export */ });
/* unused harmony exports readBlobs, parseListing */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_globs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8684);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7338);
/* harmony import */ var _fs_tree_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2508);
/**
 * What git knows: the staged content (`--staged`, for the pre-commit hook) and the files changed
 * since a ref (`--changed-since`). Git runs with the process environment, so the GIT_* variables
 * a hook runs with reach it (without them `git commit -a` checks the wrong index); blobs are read
 * in one `git cat-file --batch`, never one process per file. The hook's path is three git
 * processes, and no git library (start-up time).
 */





function splitZ(output) {
    return output.split("\0").filter((s) => s !== "");
}
function toPosix(p) {
    return node_path__WEBPACK_IMPORTED_MODULE_1__.sep === "/" ? p : p.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join("/");
}
/** Reads blobs with one `git cat-file --batch`. */
function readBlobs(cwd, oids) {
    const blobs = new Map();
    if (oids.length === 0)
        return blobs;
    const r = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)("git", ["cat-file", "--batch"], {
        cwd,
        input: `${oids.join("\n")}\n`,
        maxBuffer: 1 << 30,
        env: process.env,
    });
    if (r.status !== 0 || !r.stdout)
        throw new _config_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`git cat-file failed: ${String(r.stderr ?? "").trim()}`);
    const out = r.stdout;
    let pos = 0;
    while (pos < out.length) {
        const nl = out.indexOf(10, pos);
        if (nl < 0)
            break;
        const header = out.subarray(pos, nl).toString("utf8").split(" ");
        pos = nl + 1;
        if (header[1] === "missing" || header.length < 3)
            continue;
        const size = Number(header[2]);
        blobs.set(header[0], out.subarray(pos, pos + size));
        pos += size + 1;
    }
    return blobs;
}
/**
 * The project as it will be committed: tracked files from the index, untracked and ignored files
 * (`.env`) from the working tree.
 */
class StagedTree {
    index;
    blobs;
    workingTree;
    gitDir;
    paths;
    constructor(index, blobs, workingTree, gitDir, untracked) {
        this.index = index;
        this.blobs = blobs;
        this.workingTree = workingTree;
        this.gitDir = gitDir;
        this.paths = [...new Set([...index.keys(), ...untracked])].sort();
    }
    read(path) {
        const entry = this.index.get(path);
        if (!entry)
            return this.workingTree.read(path);
        if (entry.mode === "160000")
            return { kind: "problem", reason: "not-a-file", detail: "a submodule" };
        if (entry.mode === "120000")
            return this.workingTree.read(path);
        let blob = this.blobs.get(entry.oid);
        if (!blob) {
            // Files outside the batch (an include target with an unusual name): read on demand.
            blob = readBlobs(this.gitDir, [entry.oid]).get(entry.oid);
            if (!blob)
                return { kind: "missing" };
            this.blobs.set(entry.oid, blob);
        }
        return { kind: "text", text: new TextDecoder("utf-8").decode(blob) };
    }
}
/** A `git ls-files -s` record: `mode oid stage<TAB>path`. */
const INDEX_RECORD = /^([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
/**
 * Reads `git ls-files -s -o --exclude-standard -z`: the index (mode and blob of each path; the
 * first stage of a conflicted one) and the untracked files that are not ignored (path alone).
 */
function parseListing(output) {
    const index = new Map();
    const untracked = [];
    for (const record of splitZ(output)) {
        const m = INDEX_RECORD.exec(record);
        if (!m) {
            untracked.push(toPosix(record));
            continue;
        }
        const path = toPosix(record.slice(m[0].length));
        if (m[3] !== "0" && index.has(path))
            continue;
        index.set(path, { mode: m[1], oid: m[2] });
    }
    return { index, untracked };
}
/** Runs git in `cwd` with the hook's environment (GIT_INDEX_FILE...); resolves to its output. */
function git(cwd, args) {
    return new Promise((done, fail) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)("git", args, { cwd, env: process.env, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
            if (error)
                fail(new Error(String(stderr || error.message).trim()));
            else
                done(stdout);
        });
    });
}
/** Loads the staged project under `root` (a folder inside a git work tree). */
async function loadStaged(root, policy) {
    // Two queries at once, both relative to `root`, then one batch of blobs: three git processes.
    let listing;
    try {
        listing = await Promise.all([
            git(root, ["ls-files", "-s", "-o", "--exclude-standard", "-z", "--", "."]),
            // What the commit adds, copies, modifies, renames or retypes (against the empty tree before the first commit).
            git(root, [
                "diff",
                "--cached",
                "--no-renames",
                "--no-ext-diff",
                "--name-only",
                "-z",
                "--diff-filter=ACMRT",
                "--relative",
                "--",
                ".",
            ]),
        ]);
    }
    catch (error) {
        const message = error.message.split("\n")[0] ?? "";
        throw new _config_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(/not a git repository/i.test(message) ? "--staged needs a git repository" : `git: ${message}`);
    }
    const { index, untracked } = parseListing(listing[0]);
    const staged = splitZ(listing[1]).map(toPosix);
    // One batch for everything portguard may read: YAML, env files, the docs, the staged sources.
    const wanted = (0,_core_globs_js__WEBPACK_IMPORTED_MODULE_2__/* .globMatcher */ .fU)([
        ...policy.files.compose,
        "**/*.{yml,yaml}",
        "**/.env*",
        ...(policy.docs ? [policy.docs] : []),
    ]);
    const stagedSet = new Set(staged);
    const oids = [...index]
        .filter(([p, e]) => e.mode !== "160000" && (wanted(p) || stagedSet.has(p)))
        .map(([, e]) => e.oid);
    const blobs = readBlobs(root, oids);
    const tree = new StagedTree(index, blobs, new _fs_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .WorkingTree */ .a(root, policy.files.ignore), root, untracked);
    return { tree, staged };
}
/** Project-relative files changed since the merge base of `ref` and HEAD (committed or not). */
async function changedSince(root, ref) {
    // A ref is never an option: `--output=FILE` would make git write a file.
    if (ref.startsWith("-"))
        throw new _config_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`--changed-since: ${ref} is not a ref`);
    let base;
    try {
        base = (await git(root, ["merge-base", ref, "HEAD"])).trim();
    }
    catch {
        throw new _config_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`--changed-since: cannot find ${ref} (is it fetched?)`);
    }
    const [changed, untracked] = await Promise.all([
        git(root, ["diff", "--name-only", "-z", "--diff-filter=ACMR", "--relative", base]),
        git(root, ["ls-files", "-z", "--others", "--exclude-standard"]),
    ]);
    return [...splitZ(changed), ...splitZ(untracked)].map((p) => toPosix(p)).filter((p) => !p.startsWith(".."));
}


/***/ }),

/***/ 5478:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Eb: () => (/* binding */ present),
/* harmony export */   MZ: () => (/* binding */ emptyMap),
/* harmony export */   Po: () => (/* binding */ getOrInsert),
/* harmony export */   UH: () => (/* binding */ appendAt)
/* harmony export */ });
const EMPTY_MAP = new Map();
/** The one empty map, shared by every model that has nothing to hold (20,000 services have no labels). */
function emptyMap() {
    return EMPTY_MAP;
}
/**
 * The items that are not null. `map` sizes its array exactly where `push` (and so `filter` and
 * `flatMap`) leaves room for 17: the lists the model keeps are the first kind.
 */
function present(items) {
    return items.includes(null) ? items.filter((item) => item !== null) : items;
}
/** Appends `value` to the list at `key`; a new list is `[value]`, sized for one (a pushed one has room for 17). */
function appendAt(map, key, value) {
    const list = map.get(key);
    if (list === undefined)
        map.set(key, [value]);
    else
        list.push(value);
}
/** The value at `key`, created with `create` the first time. */
function getOrInsert(map, key, create) {
    let value = map.get(key);
    if (value === undefined) {
        value = create();
        map.set(key, value);
    }
    return value;
}


/***/ }),

/***/ 1564:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ canRunTogether),
/* harmony export */   Nk: () => (/* binding */ findConflicts),
/* harmony export */   lc: () => (/* binding */ MAX_PARTNERS)
/* harmony export */ });
/* unused harmony exports addressOf, addressesOverlap */
/* harmony import */ var _collections_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5478);
/* harmony import */ var _ip_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5270);
/**
 * Finding bindings that cannot bind together on one host: same protocol, overlapping host
 * addresses, overlapping ports. A sort and a sweep, never all pairs.
 */


function addressOf(hostIp) {
    if (hostIp === "")
        return { family: "any", key: null };
    const ip = (0,_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIp */ .r5)(hostIp);
    if (!ip)
        return { family: "any", key: null };
    return { family: ip.family, key: (0,_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .isUnspecified */ .QN)(ip) ? null : (0,_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalIp */ .IZ)(ip) };
}
function addressesOverlap(a, b) {
    if (a.family === "any" || b.family === "any")
        return true;
    if (a.family !== b.family)
        return false;
    return a.key === null || b.key === null || a.key === b.key;
}
/**
 * Two definitions of one service in projects of the same name are one container (compose names it
 * `<project>-<service>-1`): whichever file started it, the other replaces it, never runs beside it.
 */
function sameContainer(a, b) {
    return (a.service.name === b.service.name &&
        a.service.project !== b.service.project &&
        a.service.project.name === b.service.project.name);
}
/** Groups of profiles started together: the policy's, and each project's COMPOSE_PROFILES. */
function profilesMeet(a, b, groups) {
    if (a.length === 0 || b.length === 0 || a.some((p) => b.includes(p)))
        return true;
    return groups.some((g) => {
        const all = g.includes("*");
        return (all || a.some((p) => g.includes(p))) && (all || b.some((p) => g.includes(p)));
    });
}
/**
 * Whether the containers of two bindings can run at the same time: not when they are alternatives
 * (the default stack of a folder and its variants, or two definitions of one container), not when
 * their services' profiles are both set and disjoint (unless those profiles are started together).
 */
function canRunTogether(a, b, together) {
    const pa = a.service.project;
    const pb = b.service.project;
    if (pa.group !== null && pa.group === pb.group && pa.variant !== pb.variant)
        return false;
    if (sameContainer(a, b))
        return false;
    if (pa === pb && a.service !== b.service) {
        const groups = pa.activeProfiles.length > 0 ? [...together, pa.activeProfiles] : together;
        return profilesMeet(a.service.profiles, b.service.profiles, groups);
    }
    return true;
}
/**
 * Partners kept per binding: thousands of services on one port would otherwise cost memory (and
 * output) quadratic in their number.
 */
const MAX_PARTNERS = 64;
/**
 * The conflicts among `bindings` (all on one host, all with a host port): for each binding involved,
 * the bindings it collides with (the first {@link MAX_PARTNERS} found), in input order.
 */
function findConflicts(bindings, runTogether = () => true) {
    const byProtocol = new Map();
    // A host has a few addresses, written by thousands of bindings: each is parsed once.
    const addresses = new Map();
    for (const b of bindings) {
        if (b.hostPort === null || b.hostPort === 0)
            continue;
        const entry = {
            binding: b,
            start: b.hostPort,
            end: b.hostPortEnd ?? b.hostPort,
            address: (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(addresses, b.hostIp, () => addressOf(b.hostIp)),
        };
        (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(byProtocol, b.protocol, () => []).push(entry);
    }
    const conflicts = new Map();
    const full = (b) => (conflicts.get(b)?.size ?? 0) >= MAX_PARTNERS;
    /** An entry that takes no more partners (a dynamic one collects them all). */
    const closed = (e) => !e.binding.dynamic && full(e.binding);
    const add = (a, b) => {
        const set = (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(conflicts, a, () => new Set());
        if (set.size < MAX_PARTNERS)
            set.add(b);
    };
    // Partners of a dynamic binding (host range, one container port) are collected first: it only
    // conflicts when its whole range is taken.
    const dynamicPartners = new Map();
    for (const entries of byProtocol.values()) {
        entries.sort((x, y) => x.start - y.start || x.end - y.end);
        let active = [];
        /** The active entries whose partner list is not full yet. */
        let open = [];
        let minEnd = Number.POSITIVE_INFINITY;
        const pair = (a, e) => {
            if (!addressesOverlap(a.address, e.address) || !runTogether(a.binding, e.binding))
                return;
            const aDynamic = a.binding.dynamic;
            const eDynamic = e.binding.dynamic;
            if (aDynamic && eDynamic)
                return;
            if (aDynamic || eDynamic) {
                const [dyn, other] = aDynamic ? [a, e] : [e, a];
                (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(dynamicPartners, dyn, () => []).push(other);
                return;
            }
            add(a.binding, e.binding);
            add(e.binding, a.binding);
        };
        for (const e of entries) {
            if (minEnd < e.start) {
                active = active.filter((a) => a.end >= e.start);
                open = open.filter((a) => a.end >= e.start);
                minEnd = active.reduce((m, a) => Math.min(m, a.end), Number.POSITIVE_INFINITY);
            }
            // Entries with a full partner list only give partners to entries that still need some:
            // thousands of bindings on one port cost time linear in their number.
            if (open.some(closed))
                open = open.filter((a) => !closed(a));
            for (const a of open)
                pair(a, e);
            if (open.length < active.length) {
                const visited = new Set(open);
                for (const a of active) {
                    if (full(e.binding))
                        break;
                    if (!visited.has(a))
                        pair(a, e);
                }
            }
            active.push(e);
            open.push(e);
            minEnd = Math.min(minEnd, e.end);
        }
    }
    for (const [dyn, partners] of dynamicPartners) {
        if (!covers(partners, dyn.start, dyn.end))
            continue;
        for (const p of partners) {
            add(dyn.binding, p.binding);
            add(p.binding, dyn.binding);
        }
    }
    const result = new Map();
    for (const [b, set] of conflicts)
        result.set(b, [...set].sort((x, y) => x.id - y.id));
    return result;
}
/** Whether the union of the entries' ranges covers [start, end]. */
function covers(entries, start, end) {
    const sorted = [...entries].sort((a, b) => a.start - b.start);
    let next = start;
    for (const e of sorted) {
        if (e.start > next)
            return false;
        next = Math.max(next, e.end + 1);
        if (next > end)
            return true;
    }
    return next > end;
}


/***/ }),

/***/ 8480:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qn: () => (/* binding */ variableOf),
/* harmony export */   W9: () => (/* binding */ describeRanges),
/* harmony export */   m7: () => (/* binding */ RuleContext)
/* harmony export */ });
/* unused harmony export StackModel */
/* harmony import */ var _collections_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5478);
/* harmony import */ var _conflicts_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1564);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6881);
/* harmony import */ var _linear_regex_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1536);
/**
 * The resolved model of a run: every compose project as docker compose runs it, the env files, the
 * policy, and questions about them. What rules read (through {@link RuleContext}), and what
 * suggestions, fix and preflight work on; nothing of the loader (the tree, the parsed files).
 */




class StackModel {
    policy;
    /** The compose projects (one per host, variant and project name). */
    projects;
    services;
    bindings;
    /** Bindings that really publish a known host port, grouped by host. */
    activeByHost;
    /** Variables written as the host port of some binding. */
    portVariables;
    variablePattern;
    /** Every env file that supplies values, plus the central one. */
    envFiles;
    /** Files compose would refuse, or that could not be read (PG001). */
    problems;
    /** The compose files read (paths from the root). */
    composeFiles;
    /**
     * What rules read of the files as written, beyond the model: each service's `command` and
     * `environment` and each volume's `name:`, by file. The parsed documents themselves are not kept.
     */
    written;
    constructor(policy, assembly) {
        this.policy = policy;
        this.projects = assembly.projects;
        this.envFiles = assembly.envFiles;
        this.problems = assembly.problems;
        this.composeFiles = [...assembly.composeFiles.keys()];
        this.written = assembly.composeFiles;
        this.services = assembly.projects.flatMap((p) => p.services);
        this.bindings = this.services.flatMap((s) => s.ports);
        this.activeByHost = new Map();
        this.portVariables = new Set();
        for (const b of this.bindings) {
            if (b.hostSource.kind === "variable")
                this.portVariables.add(b.hostSource.reference.name);
            if (!this.isActive(b) || b.hostPort === null)
                continue;
            (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(this.activeByHost, b.service.project.host, () => []).push(b);
        }
        this.variablePattern = (0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_3__/* .compileRegex */ .DL)(policy.variables.pattern);
    }
    takenCache = new Map();
    conflictCache = new Map();
    /** A top-level volume's `name:` as written in each document of `file` that gives one (not interpolated). */
    writtenVolumeNames(file, key) {
        return this.written.get(file)?.volumeNames.get(key) ?? [];
    }
    /** The service's definitions as written (its `command` and `environment`), in each file of its project that defines it. */
    definitionsOf(service) {
        return [...service.project.files].flatMap((path) => this.written.get(path)?.services.get(service.name) ?? []);
    }
    /** The conflicts among the active bindings of a host (computed once). */
    conflicts(host) {
        let result = this.conflictCache.get(host);
        if (!result) {
            const together = this.policy.profiles.together;
            result = (0,_conflicts_js__WEBPACK_IMPORTED_MODULE_1__/* .findConflicts */ .Nk)(this.activeByHost.get(host) ?? [], (a, b) => (0,_conflicts_js__WEBPACK_IMPORTED_MODULE_1__/* .canRunTogether */ .G)(a, b, together));
            this.conflictCache.set(host, result);
        }
        return result;
    }
    /**
     * Ports not free for anyone on a host: every port a binding publishes there (even a wrong one),
     * every registry allocation, every allow-listed port.
     */
    takenPorts(host) {
        let taken = this.takenCache.get(host);
        if (taken)
            return taken;
        taken = new Set();
        for (const b of this.activeByHost.get(host) ?? []) {
            const start = b.hostPort;
            const end = b.hostPortEnd ?? start;
            for (let p = start; p <= end; p++)
                taken.add(p);
        }
        for (const entry of Object.values(this.policy.services))
            if (entry.port !== undefined)
                taken.add(entry.port);
        for (const a of this.policy.allow)
            if (a.port !== undefined)
                taken.add(a.port);
        this.takenCache.set(host, taken);
        return taken;
    }
    /** Host networking ignores `ports:`; the service binds its container ports directly. */
    isHostNetwork(service) {
        return service.networkMode?.value === "host";
    }
    /** A binding whose host side is known well enough for range and conflict checks. */
    isActive(b) {
        return b.resolved && b.invalidVariable === null && b.missingRequired === null && !this.isHostNetwork(b.service);
    }
    rangesFor(category) {
        return this.policy.ranges.filter((r) => r.for.includes(category));
    }
    /** A service is governed when its category owns at least one range. */
    isGoverned(service) {
        return this.rangesFor(service.category).length > 0;
    }
    /** Whether PG103/PG104 apply: governed services, or every service with `variables.require: all`. */
    requiresVariable(service) {
        return this.policy.variables.require === "all" || this.isGoverned(service);
    }
    /** The range governing a port: the first in policy order that contains it. */
    rangeOf(port) {
        return this.policy.ranges.find((r) => r.start <= port && port <= r.end) ?? null;
    }
    /** The first range holding one of the binding's host ports that is not for its category. */
    protectedRangeOf(b) {
        if (b.hostPort === null)
            return null;
        const start = b.hostPort;
        const end = b.hostPortEnd ?? start;
        const check = (port) => {
            const range = this.rangeOf(port);
            return range && !range.for.includes(b.service.category) ? range : null;
        };
        // Long ranges are judged by their ends; others port by port.
        if (end - start > 1024)
            return check(start) ?? check(end);
        for (let port = start; port <= end; port++) {
            const range = check(port);
            if (range)
                return range;
        }
        return null;
    }
    /** Whether every host port of the binding lies in a range that is for its category. */
    inOwnRange(b) {
        if (b.hostPort === null)
            return false;
        const end = b.hostPortEnd ?? b.hostPort;
        return this.rangesFor(b.service.category).some((r) => r.start <= b.hostPort && end <= r.end);
    }
    registryEntry(service) {
        return Object.hasOwn(this.policy.services, service.name) ? (this.policy.services[service.name] ?? null) : null;
    }
    /** The registry entry applies to one binding: the one using its variable, else its port, else the first. */
    registryBinding(service) {
        const entry = this.registryEntry(service);
        if (!entry || (entry.port === undefined && entry.variable === undefined))
            return null;
        const ports = service.ports;
        return (ports.find((b) => entry.variable !== undefined && variableOf(b) === entry.variable) ??
            ports.find((b) => entry.port !== undefined && b.hostPort === entry.port) ??
            ports[0] ??
            null);
    }
    allowEntry(b) {
        return (this.policy.allow.find((a) => a.service === b.service.name &&
            (a.port === undefined ||
                (b.hostPort !== null && b.hostPort <= a.port && a.port <= (b.hostPortEnd ?? b.hostPort)))) ?? null);
    }
    /** Each name is matched once: the same names recur in every project (the pattern engine is linear, not free). */
    patternMatches = new Map();
    matchesVariablePattern(name) {
        let matches = this.patternMatches.get(name);
        if (matches === undefined) {
            matches = this.variablePattern.test(name);
            this.patternMatches.set(name, matches);
        }
        return matches;
    }
    image(service) {
        return (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .knownImage */ .li)(service.imageName);
    }
    /** "7000" or "7040-7042" */
    portText(b) {
        if (b.hostPort === null)
            return "";
        return b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort ? `${b.hostPort}-${b.hostPortEnd}` : `${b.hostPort}`;
    }
    /** Where the host port's value came from, for messages: " (TIMESCALEDB_PORT from .env:3)". */
    valueSource(b) {
        const v = b.variableValue;
        if (b.hostSource.kind !== "variable" || b.hostSource.reference.source !== "variable" || !v)
            return "";
        const name = b.hostSource.reference.name;
        if (v.origin.kind === "process")
            return ` (${name} from the environment)`;
        return ` (${name} from ${v.origin.file}:${v.origin.line})`;
    }
}
/** What a rule sees: the model and the policy, the docs file, and the application's source files. */
class RuleContext extends StackModel {
    docsText;
    sourceFiles;
    constructor(policy, assembly, 
    /** The docs file's text when `docs` is set and the file exists. */
    docsText, 
    /** The source files to scan for hardcoded ports (PG401), read when asked. */
    sourceFiles) {
        super(policy, assembly);
        this.docsText = docsText;
        this.sourceFiles = sourceFiles;
    }
}
/** The variable written as the host port of a binding, if it is exactly one variable. */
function variableOf(b) {
    return b.hostSource.kind === "variable" ? b.hostSource.reference.name : null;
}
function describeRanges(ranges) {
    return ranges.map((r) => `${r.name} ${r.start}-${r.end}`).join(", ");
}


/***/ }),

/***/ 8520:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ printable)
/* harmony export */ });
/* unused harmony export printableLine */
/**
 * Text from outside (file and folder names, service names, Docker container names and labels,
 * process names) escaped before it reaches a terminal or a workflow log: a control character could
 * recolour the terminal, move the cursor, or start a `::error::` workflow command on a new line;
 * a bidirectional override could make a name read as another.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function hex(code, width) {
    return code.toString(16).padStart(width, "0");
}
/** `text` with each control and bidirectional-formatting character written as `\xNN` or `\uNNNN`. */
function printable(text) {
    return text.replace(UNPRINTABLE, (c) => {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    });
}
/** A line of file content: like {@link printable}, but tabs and a line-ending carriage return stay. */
function printableLine(line) {
    const cr = line.endsWith("\r") ? "\r" : "";
    return (cr ? line.slice(0, -1) : line).split("\t").map(printable).join("\t") + cr;
}


/***/ }),

/***/ 8684:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ globProblem),
/* harmony export */   NJ: () => (/* binding */ ignoreMatcher),
/* harmony export */   fU: () => (/* binding */ globMatcher),
/* harmony export */   zt: () => (/* binding */ folderMatcher)
/* harmony export */ });
/* unused harmony export compileGlob */
/* harmony import */ var _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1536);
/**
 * Glob matching on project-relative POSIX paths: `*`, `?`, `[...]`, `**`, `{a,b}`, `{1..3}` and the
 * extglobs `?(..)`, `@(..)`, `*(..)`, `+(..)`, with dot files matched, as picomatch matches them. The
 * globs are compiled for the linear engine: a glob from a config never takes exponential time on
 * a deep tree (picomatch's regular expressions backtrack on `**\/a*\/**\/a*...`).
 */

/** Longer globs are refused: nobody writes one, and each character is an NFA state. */
const MAX_GLOB_LENGTH = 4096;
const MAX_NESTING = 32;
const MAX_RANGE_ITEMS = 1000;
const POSIX_CLASSES = {
    alnum: [
        [0x30, 0x39],
        [0x41, 0x5a],
        [0x61, 0x7a],
    ],
    alpha: [
        [0x41, 0x5a],
        [0x61, 0x7a],
    ],
    digit: [[0x30, 0x39]],
    lower: [[0x61, 0x7a]],
    upper: [[0x41, 0x5a]],
    space: [
        [0x09, 0x0d],
        [0x20, 0x20],
    ],
    word: [
        [0x30, 0x39],
        [0x41, 0x5a],
        [0x5f, 0x5f],
        [0x61, 0x7a],
    ],
    xdigit: [
        [0x30, 0x39],
        [0x41, 0x46],
        [0x61, 0x66],
    ],
};
const STAR = {
    type: "repeat",
    node: { type: "char", set: _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .NOT_SLASH */ .sn },
    min: 0,
    max: Number.POSITIVE_INFINITY,
};
const ANYTHING = { type: "repeat", node: { type: "char", set: _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .ANY */ .x4 }, min: 0, max: Number.POSITIVE_INFINITY };
const SLASH = (0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)("/");
class GlobParser {
    glob;
    pos = 0;
    depth = 0;
    constructor(glob) {
        this.glob = glob;
    }
    parse() {
        return this.sequence(new Set());
    }
    /** Characters up to one of `stops` (at this nesting level) or the end. */
    sequence(stops) {
        const items = [];
        const g = this.glob;
        while (this.pos < g.length && !stops.has(g[this.pos])) {
            const c = g[this.pos];
            const atSegmentStart = this.pos === 0 || "/{,(|".includes(g[this.pos - 1]);
            if (c === "\\" && this.pos + 1 < g.length) {
                items.push((0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)(g[this.pos + 1]));
                this.pos += 2;
            }
            else if (c === "/" && g.startsWith("**", this.pos + 1) && this.endsPattern(this.pos + 3, stops)) {
                // `a/**`: the folder itself and everything below it.
                items.push({ type: "repeat", node: { type: "seq", items: [SLASH, ANYTHING] }, min: 0, max: 1 });
                this.pos += 3;
            }
            else if (c === "*" && g[this.pos + 1] === "*" && atSegmentStart && this.endsSegment(this.pos + 2, stops)) {
                if (g[this.pos + 2] === "/") {
                    // `**/`: any number of folders, none included.
                    items.push({ type: "repeat", node: { type: "seq", items: [ANYTHING, SLASH] }, min: 0, max: 1 });
                    this.pos += 3;
                }
                else {
                    items.push(ANYTHING);
                    this.pos += 2;
                }
            }
            else if ("?*+@!".includes(c) && g[this.pos + 1] === "(" && this.closing(this.pos + 1, "(", ")") > 0) {
                items.push(this.extglob(c));
            }
            else if (c === "*") {
                while (g[this.pos] === "*")
                    this.pos++;
                items.push(STAR);
            }
            else if (c === "?") {
                items.push({ type: "char", set: _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .NOT_SLASH */ .sn });
                this.pos++;
            }
            else if (c === "[" && this.classEnd(this.pos) > 0) {
                items.push(this.characterClass());
            }
            else if (c === "{" && this.closing(this.pos, "{", "}") > 0) {
                items.push(this.brace());
            }
            else {
                items.push((0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)(c));
                this.pos++;
            }
        }
        if (items.length === 0)
            return { type: "empty" };
        return items.length === 1 ? items[0] : { type: "seq", items };
    }
    endsPattern(at, stops) {
        const next = this.glob[at];
        return next === undefined || stops.has(next);
    }
    endsSegment(at, stops) {
        const next = this.glob[at];
        return next === undefined || next === "/" || stops.has(next);
    }
    /** The index of the bracket closing the one at `open`, or -1. */
    closing(open, opener, closer) {
        let depth = 0;
        for (let i = open; i < this.glob.length; i++) {
            const c = this.glob[i];
            if (c === "\\")
                i++;
            else if (c === opener)
                depth++;
            else if (c === closer && --depth === 0)
                return i;
        }
        return -1;
    }
    enter() {
        if (++this.depth > MAX_NESTING)
            throw new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8(`nests braces or extglobs more than ${MAX_NESTING} deep`);
    }
    /** Alternatives separated by `separator` up to `closer`; the position is after the closer. */
    alternatives(separator, closer) {
        const stops = new Set([separator, closer]);
        const options = [];
        for (;;) {
            options.push(this.sequence(stops));
            const c = this.glob[this.pos++];
            if (c === closer)
                return options;
        }
    }
    brace() {
        const end = this.closing(this.pos, "{", "}");
        const inner = this.glob.slice(this.pos + 1, end);
        const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
        if (range) {
            const from = Number(range[1]);
            const to = Number(range[2]);
            this.pos = end + 1;
            if (Math.abs(to - from) >= MAX_RANGE_ITEMS)
                throw new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8(`has a range of more than ${MAX_RANGE_ITEMS} items`);
            const step = from <= to ? 1 : -1;
            const options = [];
            for (let n = from; n !== to + step; n += step)
                options.push((0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)(String(n)));
            return { type: "alt", options };
        }
        if (!this.hasTopLevel(this.pos + 1, end, ",")) {
            // `{a}` is literal, as in picomatch and bash.
            this.pos++;
            return (0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)("{");
        }
        this.enter();
        this.pos++;
        const options = this.alternatives(",", "}");
        this.depth--;
        return { type: "alt", options };
    }
    hasTopLevel(from, to, c) {
        let depth = 0;
        for (let i = from; i < to; i++) {
            const ch = this.glob[i];
            if (ch === "\\")
                i++;
            else if (ch === "{" || ch === "(")
                depth++;
            else if (ch === "}" || ch === ")")
                depth--;
            else if (ch === c && depth === 0)
                return true;
        }
        return false;
    }
    extglob(kind) {
        if (kind === "!") {
            throw new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8("uses a negated extglob !(...), which portguard does not support (use files.ignore)");
        }
        this.enter();
        this.pos += 2;
        const alt = { type: "alt", options: this.alternatives("|", ")") };
        this.depth--;
        const [min, max] = kind === "?" ? [0, 1] : kind === "*" ? [0, Infinity] : kind === "+" ? [1, Infinity] : [1, 1];
        return min === 1 && max === 1 ? alt : { type: "repeat", node: alt, min, max };
    }
    /** The index of the `]` closing the class at `open`, or -1 (then `[` is literal). */
    classEnd(open) {
        let i = open + 1;
        if (this.glob[i] === "!" || this.glob[i] === "^")
            i++;
        if (this.glob[i] === "]")
            i++;
        for (; i < this.glob.length; i++) {
            const c = this.glob[i];
            if (c === "\\")
                i++;
            else if (c === "[" && this.glob[i + 1] === ":") {
                const close = this.glob.indexOf(":]", i + 2);
                if (close > 0)
                    i = close + 1;
            }
            else if (c === "]")
                return i;
        }
        return -1;
    }
    characterClass() {
        const end = this.classEnd(this.pos);
        let i = this.pos + 1;
        let negated = false;
        if (this.glob[i] === "!" || this.glob[i] === "^") {
            negated = true;
            i++;
        }
        const ranges = [];
        const chars = [];
        let first = true;
        while (i < end) {
            const c = this.glob[i];
            if (c === "[" && this.glob[i + 1] === ":") {
                const close = this.glob.indexOf(":]", i + 2);
                const name = this.glob.slice(i + 2, close);
                const cls = POSIX_CLASSES[name];
                if (!cls)
                    throw new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8(`uses an unknown character class [:${name}:]`);
                ranges.push(...cls);
                i = close + 2;
                first = false;
                continue;
            }
            let code;
            if (c === "\\" && i + 1 < end) {
                code = this.glob.codePointAt(i + 1);
                i += 2;
            }
            else {
                if (c === "]" && !first)
                    break;
                code = this.glob.codePointAt(i);
                i += code > 0xffff ? 2 : 1;
            }
            first = false;
            chars.push(code);
            if (this.glob[i] === "-" && i + 1 < end) {
                const hi = this.glob.codePointAt(i + 1);
                ranges.push([code, hi]);
                chars.pop();
                i += hi > 0xffff ? 3 : 2;
            }
        }
        for (const c of chars)
            ranges.push([c, c]);
        this.pos = end + 1;
        // A class never matches the folder separator.
        if (negated)
            ranges.push([0x2f, 0x2f]);
        return { type: "char", set: (0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .charSet */ .FJ)(ranges, negated) };
    }
}
/** A matcher for one glob; a leading `!` negates it. Throws {@link UnsupportedPattern}. */
function compileGlob(glob) {
    if (glob.length > MAX_GLOB_LENGTH)
        throw new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8(`is longer than ${MAX_GLOB_LENGTH} characters`);
    let negated = false;
    let body = glob;
    while (body.startsWith("!") && !body.startsWith("!(")) {
        negated = !negated;
        body = body.slice(1);
    }
    while (body.startsWith("./"))
        body = body.slice(2);
    const matcher = new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .LinearMatcher */ .GD(new GlobParser(body).parse(), true);
    return negated ? (path) => !matcher.test(path) : (path) => matcher.test(path);
}
/** Why a glob cannot be used, or null when it can. */
function globProblem(glob) {
    try {
        compileGlob(glob);
        return null;
    }
    catch (error) {
        if (error instanceof _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .UnsupportedPattern */ .g8)
            return error.message;
        throw error;
    }
}
/** A matcher for any of `patterns`; dot files and folders match (`.devcontainer/compose.yml`). */
function globMatcher(patterns) {
    if (patterns.length === 0)
        return () => false;
    const matchers = patterns.map(compileGlob);
    if (matchers.length === 1)
        return matchers[0];
    return (path) => matchers.some((m) => m(path));
}
/** Whether a path is ignored: matched itself, or inside a folder the patterns prune. */
function ignoreMatcher(patterns) {
    const file = globMatcher(patterns);
    const folder = folderMatcher(patterns);
    return (path) => {
        if (file(path))
            return true;
        for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
            if (folder(path.slice(0, i)))
                return true;
        }
        return false;
    };
}
/**
 * Whether a folder is pruned by ignore globs such as the node_modules one: it is when any file
 * directly inside it would be ignored whatever its name.
 */
function folderMatcher(patterns) {
    const match = globMatcher(patterns);
    return (folder) => match(`${folder}/\0`);
}


/***/ }),

/***/ 6881:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d1: () => (/* binding */ imageMatches),
/* harmony export */   "if": () => (/* binding */ parseImageName),
/* harmony export */   li: () => (/* binding */ knownImage)
/* harmony export */ });
/* harmony import */ var _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1536);
/**
 * What portguard knows about well-known images: the ports they listen on inside the container
 * (with a name for variable suggestions) and where they keep their data.
 */

const postgres = {
    ports: [{ port: 5432, name: "PG" }],
    dataDirs: ["/var/lib/postgresql/data", "/var/lib/postgresql"],
};
const redis = { ports: [{ port: 6379, name: "REDIS" }], dataDirs: ["/data"] };
const mysql = {
    ports: [
        { port: 3306, name: "MYSQL" },
        { port: 33060, name: "X" },
    ],
    dataDirs: ["/var/lib/mysql"],
};
/** Keyed by image name without registry host, tag or digest; `*` matches within a name segment. */
const KNOWN = [
    ["postgres", postgres],
    ["postgis/postgis", postgres],
    ["timescale/timescaledb*", postgres],
    ["bitnami/postgresql", { ports: [{ port: 5432, name: "PG" }], dataDirs: ["/bitnami/postgresql"] }],
    [
        "questdb/questdb",
        {
            ports: [
                { port: 9000, name: "HTTP" },
                { port: 9009, name: "ILP" },
                { port: 8812, name: "PG" },
                { port: 9003, name: "MIN" },
            ],
            dataDirs: ["/var/lib/questdb", "/root/.questdb"],
        },
    ],
    [
        "qdrant/qdrant",
        {
            ports: [
                { port: 6333, name: "HTTP" },
                { port: 6334, name: "GRPC" },
            ],
            dataDirs: ["/qdrant/storage"],
        },
    ],
    ["redis", redis],
    ["valkey/valkey", redis],
    [
        "redis/redis-stack*",
        {
            ports: [
                { port: 6379, name: "REDIS" },
                { port: 8001, name: "UI" },
            ],
            dataDirs: ["/data"],
        },
    ],
    ["bitnami/redis", { ports: [{ port: 6379, name: "REDIS" }], dataDirs: ["/bitnami/redis/data", "/bitnami/redis"] }],
    ["mongo", { ports: [{ port: 27017, name: "MONGO" }], dataDirs: ["/data/db"] }],
    ["bitnami/mongodb", { ports: [{ port: 27017, name: "MONGO" }], dataDirs: ["/bitnami/mongodb"] }],
    ["mysql", mysql],
    ["mariadb", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/var/lib/mysql"] }],
    ["bitnami/mysql", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/bitnami/mysql"] }],
    ["bitnami/mariadb", { ports: [{ port: 3306, name: "MYSQL" }], dataDirs: ["/bitnami/mariadb"] }],
    [
        "neo4j",
        {
            ports: [
                { port: 7474, name: "HTTP" },
                { port: 7687, name: "BOLT" },
                { port: 7473, name: "HTTPS" },
            ],
            dataDirs: ["/data"],
        },
    ],
    ...["elasticsearch", "elastic/elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch"].map((name) => [
        name,
        {
            ports: [
                { port: 9200, name: "HTTP" },
                { port: 9300, name: "TRANSPORT" },
            ],
            dataDirs: ["/usr/share/elasticsearch/data"],
        },
    ]),
    [
        "opensearchproject/opensearch",
        {
            ports: [
                { port: 9200, name: "HTTP" },
                { port: 9600, name: "PERF" },
                { port: 9300, name: "TRANSPORT" },
            ],
            dataDirs: ["/usr/share/opensearch/data"],
        },
    ],
    [
        "clickhouse/clickhouse-server",
        {
            ports: [
                { port: 8123, name: "HTTP" },
                { port: 9000, name: "NATIVE" },
                { port: 9009, name: "INTERSERVER" },
                { port: 9004, name: "MYSQL" },
                { port: 9005, name: "PG" },
            ],
            dataDirs: ["/var/lib/clickhouse"],
        },
    ],
    [
        "cassandra",
        {
            ports: [
                { port: 9042, name: "CQL" },
                { port: 7000, name: "INTERNODE" },
                { port: 7001, name: "TLS" },
                { port: 7199, name: "JMX" },
                { port: 9160, name: "THRIFT" },
            ],
            dataDirs: ["/var/lib/cassandra"],
        },
    ],
    ["couchdb", { ports: [{ port: 5984, name: "HTTP" }], dataDirs: ["/opt/couchdb/data"] }],
    ["influxdb", { ports: [{ port: 8086, name: "HTTP" }], dataDirs: ["/var/lib/influxdb2", "/var/lib/influxdb"] }],
    ["memcached", { ports: [{ port: 11211, name: "MEMCACHED" }], dataDirs: [] }],
    [
        "cockroachdb/cockroach",
        {
            ports: [
                { port: 26257, name: "SQL" },
                { port: 8080, name: "HTTP" },
            ],
            dataDirs: ["/cockroach/cockroach-data"],
        },
    ],
    [
        "minio/minio",
        {
            ports: [
                { port: 9000, name: "API" },
                { port: 9001, name: "CONSOLE" },
            ],
            dataDirs: ["/data"],
        },
    ],
    ["chromadb/chroma", { ports: [{ port: 8000, name: "HTTP" }], dataDirs: ["/chroma/chroma", "/data"] }],
    [
        "semitechnologies/weaviate",
        {
            ports: [
                { port: 8080, name: "HTTP" },
                { port: 50051, name: "GRPC" },
            ],
            dataDirs: ["/var/lib/weaviate"],
        },
    ],
    [
        "milvusdb/milvus",
        {
            ports: [
                { port: 19530, name: "GRPC" },
                { port: 9091, name: "METRICS" },
            ],
            dataDirs: ["/var/lib/milvus"],
        },
    ],
    ["getmeili/meilisearch", { ports: [{ port: 7700, name: "HTTP" }], dataDirs: ["/meili_data"] }],
    ["typesense/typesense", { ports: [{ port: 8108, name: "HTTP" }], dataDirs: ["/data"] }],
    [
        "dpage/pgadmin4",
        {
            ports: [
                { port: 80, name: "HTTP" },
                { port: 443, name: "HTTPS" },
            ],
            dataDirs: ["/var/lib/pgadmin"],
        },
    ],
    ["adminer", { ports: [{ port: 8080, name: "HTTP" }], dataDirs: [] }],
    ["sosedoff/pgweb", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
    ["redis/redisinsight", { ports: [{ port: 5540, name: "HTTP" }], dataDirs: ["/data"] }],
    [
        "redislabs/redisinsight",
        {
            ports: [
                { port: 8001, name: "HTTP" },
                { port: 5540, name: "HTTP" },
            ],
            dataDirs: ["/db", "/data"],
        },
    ],
    ["mongo-express", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
    ["phpmyadmin", { ports: [{ port: 80, name: "HTTP" }], dataDirs: [] }],
    ["phpmyadmin/phpmyadmin", { ports: [{ port: 80, name: "HTTP" }], dataDirs: [] }],
    ["rediscommander/redis-commander", { ports: [{ port: 8081, name: "HTTP" }], dataDirs: [] }],
    ...[
        "prometheuscommunity/postgres-exporter",
        "quay.io/prometheuscommunity/postgres-exporter",
        "wrouesnel/postgres_exporter",
    ].map((name) => [name, { ports: [{ port: 9187, name: "METRICS" }], dataDirs: [] }]),
    ["oliver006/redis_exporter", { ports: [{ port: 9121, name: "METRICS" }], dataDirs: [] }],
    ["percona/mongodb_exporter", { ports: [{ port: 9216, name: "METRICS" }], dataDirs: [] }],
    ["prom/mysqld-exporter", { ports: [{ port: 9104, name: "METRICS" }], dataDirs: [] }],
];
/** Splits an image reference the way docker does: `[registry/]path[:tag][@digest]`. */
function parseImageName(reference) {
    let ref = reference.trim().toLowerCase();
    const at = ref.indexOf("@");
    if (at >= 0)
        ref = ref.slice(0, at);
    const lastSlash = ref.lastIndexOf("/");
    const colon = ref.lastIndexOf(":");
    if (colon > lastSlash)
        ref = ref.slice(0, colon);
    const parts = ref.split("/");
    let registry = "";
    const first = parts[0] ?? "";
    if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
        registry = first;
        parts.shift();
    }
    if (registry === "docker.io" || registry === "index.docker.io" || registry === "registry-1.docker.io")
        registry = "";
    if (registry === "" && parts.length === 2 && parts[0] === "library")
        parts.shift();
    return { registry, path: parts.join("/") };
}
const patternCache = new Map();
/**
 * `*` is any run of characters but `/`; the rest is literal. A pattern without `*` is the name
 * itself and `prefix*` a prefix with no `/` after it (most of the tables are one of these: a check
 * compiles every pattern it meets, and these need no automaton); the rest run on the linear engine
 * (patterns and images come from outside).
 */
function compileImagePattern(pattern) {
    const lower = pattern.toLowerCase();
    const star = lower.indexOf("*");
    if (star === -1)
        return { test: (name) => name === lower };
    if (star === lower.length - 1) {
        const prefix = lower.slice(0, -1);
        return { test: (name) => name.startsWith(prefix) && !name.includes("/", prefix.length) };
    }
    const items = [];
    for (const [i, part] of lower.split("*").entries()) {
        if (i > 0)
            items.push({ type: "repeat", node: { type: "char", set: _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .NOT_SLASH */ .sn }, min: 0, max: Number.POSITIVE_INFINITY });
        if (part !== "")
            items.push((0,_linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .eu)(part));
    }
    return new _linear_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .LinearMatcher */ .GD({ type: "seq", items }, true);
}
/** Matches an image pattern against a reference: on the path, or on registry/path when the pattern has a registry. */
function imageMatches(pattern, image) {
    let re = patternCache.get(pattern);
    if (!re) {
        re = compileImagePattern(pattern);
        patternCache.set(pattern, re);
    }
    if (re.test(image.path))
        return true;
    return image.registry !== "" && re.test(`${image.registry}/${image.path}`);
}
/** What is known about an image, or null. */
function knownImage(image) {
    if (!image)
        return null;
    const key = `${image.registry}/${image.path}`;
    const cached = knownCache.get(key);
    if (cached !== undefined)
        return cached;
    let found = null;
    for (const [pattern, info] of KNOWN) {
        if (imageMatches(pattern, image)) {
            found = info;
            break;
        }
    }
    // A long-lived process (the MCP server, the library) reads ever more images: the cache starts over.
    if (knownCache.size >= 10_000)
        knownCache.clear();
    knownCache.set(key, found);
    return found;
}
/**
 * By registry and path: rules ask per port, and thousands of services share a few images (each
 * service has an image name object of its own).
 */
const knownCache = new Map();


/***/ }),

/***/ 821:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dn: () => (/* binding */ InterpolationError),
/* harmony export */   GW: () => (/* binding */ interpolate),
/* harmony export */   Qg: () => (/* binding */ toLookup),
/* harmony export */   eS: () => (/* binding */ hasDefault),
/* harmony export */   kT: () => (/* binding */ interpolateDetailed)
/* harmony export */ });
/* unused harmony export MAX_NESTING */
/**
 * Variable interpolation exactly as compose-go's `template` package performs it, including its
 * quirks (the greedy match up to the last `}`, the text after the first closing brace being
 * substituted again, the operator chosen by earliest occurrence). Besides the resulting string it
 * records which top-level variable produced which part of the output, so callers can tell whether
 * a host port came from `${VAR:-default}` or from literal text.
 */
/** `${VAR:-default}` or `${VAR-default}`: the reference carries a fallback. */
function hasDefault(reference) {
    return reference.operator === ":-" || reference.operator === "-";
}
class InterpolationError extends Error {
    kind;
    offset;
    variable;
    constructor(message, 
    /** "syntax" for an invalid template, "required" for a missing `${VAR:?}` value. */
    kind, 
    /** Offset in the template of the expression that failed. */
    offset, variable) {
        super(message);
        this.kind = kind;
        this.offset = offset;
        this.variable = variable;
        this.name = "InterpolationError";
    }
}
// compose-go: \$(?i:(?P<escaped>\$)|(?P<named>[_a-z][_a-z0-9]*)|{(?:(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|(?P<invalid>)))
// Go's `.` never matches a newline; JavaScript's also skips \r and U+2028/9, hence [^\n].
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|()))/gi;
const OPERATORS = [":?", "?", ":-", "-", ":+", "+"];
/** The operator compose-go applies: the one whose text occurs earliest in the matched expression. */
function operatorOf(expression) {
    let best = "";
    let bestIndex = Number.POSITIVE_INFINITY;
    for (const op of OPERATORS) {
        const i = expression.indexOf(op);
        if (i >= 0 && i < bestIndex) {
            best = op;
            bestIndex = i;
        }
    }
    return best;
}
/** compose-go's getFirstBraceClosingIndex, including its skip of the character after `{`. */
function firstClosingBrace(s) {
    let open = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x7d) {
            open--;
            if (open === 0)
                return i;
        }
        if (c === 0x7b) {
            open++;
            i++;
        }
    }
    return -1;
}
const FIRST = new RegExp(PATTERN.source, "i");
function matchOne(text) {
    const m = FIRST.exec(text);
    // The text always starts with a match of PATTERN (see substituteMatch).
    if (!m)
        throw new Error(`internal: no expression in ${text}`);
    return m;
}
function substituteMatch(matched, lookup, offset) {
    const operator = operatorOf(matched);
    const closing = firstClosingBrace(matched);
    let head = matched;
    let restText = "";
    if (closing > -1) {
        restText = matched.slice(closing + 1);
        head = matched.slice(0, closing + 1);
    }
    const m = matchOne(head);
    if (m[1] !== undefined)
        return null; // `$$`: the caller emits a literal `$`
    const named = m[2] ?? "";
    const bracedText = m[3] ?? "";
    const braced = named === "";
    const substitution = braced ? bracedText : named;
    if (substitution === "") {
        throw new InterpolationError(`invalid interpolation format "${head}"`, "syntax", offset);
    }
    if (braced && operator !== "" && substitution.includes(operator)) {
        const cut = substitution.indexOf(operator);
        const name = substitution.slice(0, cut);
        const argument = substitution.slice(cut + operator.length);
        const value = lookup(name);
        const base = { name, operator, argument, braced, rest: null };
        let result;
        // compose's compose-go (v2.x, as docker compose v2.40 links it) expands the argument whether
        // or not it is used: an error in a default is an error even when the variable is set.
        const argumentValue = nested(argument, lookup, offset).value;
        switch (operator) {
            case ":-":
            case "-": {
                const useDefault = value === undefined || (operator === ":-" && value === "");
                result = useDefault
                    ? { ...base, value: argumentValue, source: "default" }
                    : { ...base, value: value, source: "variable" };
                break;
            }
            case ":+":
            case "+": {
                const present = value !== undefined && (operator === "+" || value !== "");
                result = present
                    ? { ...base, value: argumentValue, source: "alternate" }
                    : { ...base, value: value ?? "", source: value === undefined ? "unset" : "variable" };
                break;
            }
            default: {
                const valid = value !== undefined && (operator === "?" || value !== "");
                if (!valid) {
                    const reason = argumentValue;
                    throw new InterpolationError(reason === ""
                        ? `required variable ${name} is missing a value`
                        : `required variable ${name} is missing a value: ${reason}`, "required", offset, name);
                }
                result = { ...base, value: value, source: "variable" };
            }
        }
        result.rest = substitute(restText, lookup, offset + closing + 1);
        return result;
    }
    const value = lookup(substitution);
    return {
        value: value ?? "",
        source: value === undefined ? "unset" : "variable",
        name: substitution,
        operator: "",
        argument: null,
        braced,
        rest: null,
    };
}
/** Interpolation of a default, alternate or error text: errors are reported at the outer expression. */
function nested(template, lookup, offset) {
    try {
        return substitute(template, lookup, 0);
    }
    catch (error) {
        if (error instanceof InterpolationError) {
            throw new InterpolationError(error.message, error.kind, offset, error.variable);
        }
        throw error;
    }
}
function substitute(template, lookup, baseOffset) {
    const segments = [];
    const references = [];
    let out = "";
    let last = 0;
    const push = (text, reference, templateStart, templateEnd) => {
        if (text === "" && reference === null)
            return;
        segments.push({ text, start: out.length, templateStart, templateEnd, reference });
        out += text;
    };
    const literal = (from, to) => push(template.slice(from, to), null, baseOffset + from, baseOffset + to);
    if (!template.includes("$")) {
        literal(0, template.length);
        return { value: out, segments, references };
    }
    // Collected first: substituting recurses, and the expression is shared.
    PATTERN.lastIndex = 0;
    const matches = [];
    for (let m = PATTERN.exec(template); m !== null; m = PATTERN.exec(template))
        matches.push(m);
    let firstError = null;
    for (const m of matches) {
        literal(last, m.index);
        last = m.index + m[0].length;
        let sub;
        try {
            sub = substituteMatch(m[0], lookup, baseOffset + m.index);
        }
        catch (error) {
            if (!(error instanceof InterpolationError))
                throw error;
            firstError ??= error;
            continue;
        }
        if (sub === null) {
            push("$", null, baseOffset + m.index, baseOffset + m.index + 2);
            continue;
        }
        const reference = {
            name: sub.name,
            operator: sub.operator,
            argument: sub.argument,
            braced: sub.braced,
            start: baseOffset + m.index,
            end: baseOffset + m.index + m[0].length - (sub.rest ? restLength(m[0]) : 0),
            source: sub.source,
        };
        references.push(reference);
        push(sub.value, reference, reference.start, reference.end);
        if (sub.rest) {
            for (const s of sub.rest.segments)
                push(s.text, s.reference, s.templateStart, s.templateEnd);
            references.push(...sub.rest.references);
        }
    }
    if (firstError)
        throw firstError;
    literal(last, template.length);
    return { value: out, segments, references };
}
function restLength(matched) {
    const closing = firstClosingBrace(matched);
    return closing > -1 ? matched.length - closing - 1 : 0;
}
/** Deeper `${...}` nesting is refused: substitution recurses once per level. */
const MAX_NESTING = 64;
function checkNesting(template) {
    let depth = 0;
    for (let i = template.indexOf("$"); i >= 0 && i < template.length; i++) {
        const c = template[i];
        if (c === "$" && template[i + 1] === "{") {
            if (++depth > MAX_NESTING) {
                throw new InterpolationError(`variables nested more than ${MAX_NESTING} levels deep`, "syntax", 0);
            }
            i++;
        }
        else if (c === "$")
            i++;
        else if (c === "}" && depth > 0)
            depth--;
    }
}
/**
 * Interpolates `template` with compose-go's rules and keeps the provenance of every part.
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
function interpolateDetailed(template, lookup) {
    checkNesting(template);
    return substitute(template, lookup, 0);
}
/**
 * Interpolates `template` with compose-go's rules. `env` maps names to values (absent = unset).
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
function interpolate(template, env) {
    checkNesting(template);
    return substitute(template, toLookup(env), 0).value;
}
function toLookup(env) {
    if (typeof env === "function")
        return env;
    if (env instanceof Map)
        return (name) => env.get(name);
    return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}


/***/ }),

/***/ 5270:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ canonicalIp),
/* harmony export */   QN: () => (/* binding */ isUnspecified),
/* harmony export */   r5: () => (/* binding */ parseIp)
/* harmony export */ });
/**
 * IP literals as Go's `net.ParseIP` accepts them (what compose uses for `host_ip`): dotted IPv4
 * without leading zeros, IPv6 with at most one `::`, an optional IPv4 tail, no zone.
 */
function parseIPv4(s) {
    const fields = s.split(".");
    if (fields.length !== 4)
        return null;
    const bytes = [];
    for (const f of fields) {
        if (!/^[0-9]{1,3}$/.test(f))
            return null;
        if (f.length > 1 && f[0] === "0")
            return null;
        const n = Number(f);
        if (n > 255)
            return null;
        bytes.push(n);
    }
    return bytes;
}
function parseIPv6(input) {
    const ip = [];
    let s = input;
    let ellipsis = -1;
    if (s.startsWith("::")) {
        ellipsis = 0;
        s = s.slice(2);
        if (s === "")
            return new Array(16).fill(0);
    }
    while (ip.length < 16) {
        const m = /^[0-9a-fA-F]{1,4}/.exec(s);
        if (!m)
            return null;
        const after = s.slice(m[0].length);
        if (after.startsWith(".")) {
            if (ellipsis < 0 && ip.length !== 12)
                return null;
            if (ip.length + 4 > 16)
                return null;
            const v4 = parseIPv4(s);
            if (!v4)
                return null;
            ip.push(...v4);
            s = "";
            break;
        }
        const n = Number.parseInt(m[0], 16);
        ip.push(n >> 8, n & 0xff);
        s = after;
        if (s === "")
            break;
        if (s[0] !== ":" || s.length === 1)
            return null;
        s = s.slice(1);
        if (s[0] === ":") {
            if (ellipsis >= 0)
                return null;
            ellipsis = ip.length;
            s = s.slice(1);
            if (s === "")
                break;
        }
    }
    if (s !== "")
        return null;
    if (ip.length < 16) {
        if (ellipsis < 0)
            return null;
        const fill = new Array(16 - ip.length).fill(0);
        ip.splice(ellipsis, 0, ...fill);
    }
    else if (ellipsis >= 0) {
        return null;
    }
    return ip;
}
/** Parses an IP literal as Go's net.ParseIP does; null when it is not one. */
function parseIp(s) {
    if (s.includes(":")) {
        const bytes = parseIPv6(s);
        return bytes ? { family: 6, bytes } : null;
    }
    if (s.includes(".")) {
        const v4 = parseIPv4(s);
        return v4 ? { family: 4, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4] } : null;
    }
    return null;
}
/** True for 0.0.0.0 and ::, the addresses that bind every interface of their family. */
function isUnspecified(ip) {
    if (ip.family === 4)
        return ip.bytes.slice(12).every((b) => b === 0);
    return ip.bytes.every((b) => b === 0);
}
/** A canonical text for equality: IPv4 dotted, IPv6 as 32 hex digits. */
function canonicalIp(ip) {
    if (ip.family === 4)
        return ip.bytes.slice(12).join(".");
    return ip.bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}


/***/ }),

/***/ 5240:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ Span),
/* harmony export */   r: () => (/* binding */ LineIndex)
/* harmony export */ });
/** Offsets of a text as 1-based lines and columns (a binary search over the line starts). */
class LineIndex {
    starts = [0];
    constructor(src) {
        for (let i = 0; i < src.length; i++)
            if (src.charCodeAt(i) === 10)
                this.starts.push(i + 1);
    }
    lineOf(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo + 1;
    }
    columnOf(offset) {
        return offset - this.starts[this.lineOf(offset) - 1] + 1;
    }
    position(offset) {
        const line = this.lineOf(offset);
        return { line, column: offset - this.starts[line - 1] + 1 };
    }
    /** The offset of a position (a line past the end counts from the text's start). */
    offset(pos) {
        return (this.starts[pos.line - 1] ?? 0) + pos.column - 1;
    }
}
/**
 * A range kept as four numbers, its positions made when read: ranges are made by the hundred
 * thousand, and three objects each were a fifth of the model's heap.
 */
class Span {
    startLine;
    startColumn;
    endLine;
    endColumn;
    constructor(startLine, startColumn, endLine, endColumn) {
        this.startLine = startLine;
        this.startColumn = startColumn;
        this.endLine = endLine;
        this.endColumn = endColumn;
    }
    get start() {
        return { line: this.startLine, column: this.startColumn };
    }
    get end() {
        return { line: this.endLine, column: this.endColumn };
    }
    toJSON() {
        return { start: this.start, end: this.end };
    }
}


/***/ }),

/***/ 1536:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DL: () => (/* binding */ compileRegex),
/* harmony export */   FJ: () => (/* binding */ charSet),
/* harmony export */   GD: () => (/* binding */ LinearMatcher),
/* harmony export */   eu: () => (/* binding */ literal),
/* harmony export */   g8: () => (/* binding */ UnsupportedPattern),
/* harmony export */   sn: () => (/* binding */ NOT_SLASH),
/* harmony export */   x4: () => (/* binding */ ANY)
/* harmony export */ });
/* unused harmony export parseRegex */
/**
 * A regular-expression engine that runs in time linear in its input, whatever the pattern: an NFA
 * simulated as a lazily built DFA (the RE2 approach), never backtracking. It runs the patterns
 * that come from outside (`variables.pattern`, globs, image patterns), where JavaScript's own
 * engine can take exponential time (`^(A+)+$`, `**\/a*\/**\/a*...`). It accepts JavaScript's
 * syntax without the features that need backtracking (back-references, look-around, `\b`).
 */
/** A pattern the engine cannot run, or one too large for it; the message says which. */
class UnsupportedPattern extends Error {
    constructor(message) {
        super(message);
        this.name = "UnsupportedPattern";
    }
}
/** Group nesting and counted repetition beyond these are refused (the NFA grows with them). */
const MAX_NESTING = 64;
const MAX_STATES = 20_000;
/** Lazily built DFA states kept per matcher; the cache starts over beyond it. */
const MAX_DFA_STATES = 4_096;
const ANY = { ranges: [[0, 0x10ffff]], negated: false };
const NOT_SLASH = { ranges: [[0x2f, 0x2f]], negated: true };
function charSet(ranges, negated = false) {
    const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [lo, hi] of sorted) {
        const last = merged[merged.length - 1];
        if (last && lo <= last[1] + 1)
            last[1] = Math.max(last[1], hi);
        else
            merged.push([lo, hi]);
    }
    return { ranges: merged, negated };
}
function literal(text) {
    const items = [];
    for (const ch of text) {
        const c = ch.codePointAt(0);
        items.push({ type: "char", set: { ranges: [[c, c]], negated: false } });
    }
    return items.length === 1 ? items[0] : { type: "seq", items };
}
function inSet(set, c) {
    let found = false;
    // Indexed, not destructured: a check runs this cold, where each destructuring makes an iterator.
    for (let i = 0; i < set.ranges.length; i++) {
        const range = set.ranges[i];
        if (c < range[0])
            break;
        if (c <= range[1]) {
            found = true;
            break;
        }
    }
    return found !== set.negated;
}
const DIGIT = [[0x30, 0x39]];
const WORD = [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
];
const SPACE = [
    [0x09, 0x0d],
    [0x20, 0x20],
    [0xa0, 0xa0],
    [0x1680, 0x1680],
    [0x2000, 0x200a],
    [0x2028, 0x2029],
    [0x202f, 0x202f],
    [0x205f, 0x205f],
    [0x3000, 0x3000],
    [0xfeff, 0xfeff],
];
const LINE_TERMINATORS = [
    [0x0a, 0x0a],
    [0x0d, 0x0d],
    [0x2028, 0x2029],
];
const CLASS_ESCAPES = {
    d: charSet(DIGIT),
    D: charSet(DIGIT, true),
    w: charSet(WORD),
    W: charSet(WORD, true),
    s: charSet(SPACE),
    S: charSet(SPACE, true),
};
const CONTROL_ESCAPES = { t: 9, n: 10, v: 11, f: 12, r: 13 };
/** Parses a JavaScript regular expression (as with the `u` flag) into a {@link RegexNode}. */
function parseRegex(pattern) {
    try {
        new RegExp(pattern, "u");
    }
    catch {
        throw new UnsupportedPattern("is not a valid regular expression");
    }
    return new RegexParser(pattern).parse();
}
class RegexParser {
    pos = 0;
    depth = 0;
    chars;
    constructor(pattern) {
        this.chars = [...pattern];
    }
    parse() {
        const node = this.alternation();
        if (this.pos < this.chars.length)
            throw new UnsupportedPattern(`unexpected ${this.chars[this.pos]}`);
        return node;
    }
    peek(offset = 0) {
        return this.chars[this.pos + offset];
    }
    alternation() {
        const options = [this.sequence()];
        while (this.peek() === "|") {
            this.pos++;
            options.push(this.sequence());
        }
        return options.length === 1 ? options[0] : { type: "alt", options };
    }
    sequence() {
        const items = [];
        while (this.pos < this.chars.length && this.peek() !== "|" && this.peek() !== ")") {
            const atom = this.atom();
            items.push(this.quantified(atom));
        }
        if (items.length === 0)
            return { type: "empty" };
        return items.length === 1 ? items[0] : { type: "seq", items };
    }
    quantified(atom) {
        const c = this.peek();
        let min;
        let max;
        if (c === "*")
            [min, max] = [0, Number.POSITIVE_INFINITY];
        else if (c === "+")
            [min, max] = [1, Number.POSITIVE_INFINITY];
        else if (c === "?")
            [min, max] = [0, 1];
        else if (c === "{") {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.pos, this.pos + 24).join(""));
            if (!m)
                return atom;
            min = Number(m[1]);
            max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
            this.pos += m[0].length - 1;
        }
        else
            return atom;
        this.pos++;
        // Lazy or greedy gives the same answer to "does it match".
        if (this.peek() === "?")
            this.pos++;
        if (atom.type === "assert")
            return atom;
        return { type: "repeat", node: atom, min, max };
    }
    atom() {
        const c = this.chars[this.pos++];
        switch (c) {
            case "^":
                return { type: "assert", at: "start" };
            case "$":
                return { type: "assert", at: "end" };
            case ".":
                return { type: "char", set: charSet(LINE_TERMINATORS, true) };
            case "[":
                return { type: "char", set: this.characterClass() };
            case "(":
                return this.group();
            case "\\":
                return this.escape();
            default:
                return literal(c);
        }
    }
    group() {
        if (++this.depth > MAX_NESTING)
            throw new UnsupportedPattern(`nests groups more than ${MAX_NESTING} deep`);
        if (this.peek() === "?") {
            const next = this.peek(1);
            if (next === ":")
                this.pos += 2;
            else if (next === "<" && this.peek(2) !== "=" && this.peek(2) !== "!") {
                while (this.pos < this.chars.length && this.peek() !== ">")
                    this.pos++;
                this.pos++;
            }
            else
                throw new UnsupportedPattern("uses look-around (?=, ?!, ?<=, ?<!), which portguard does not run");
        }
        const node = this.alternation();
        if (this.peek() !== ")")
            throw new UnsupportedPattern("has an unclosed group");
        this.pos++;
        this.depth--;
        return node;
    }
    /** An escape outside a class. */
    escape() {
        const c = this.peek();
        if (c === "b" || c === "B")
            throw new UnsupportedPattern("uses a word boundary (\\b, \\B), which portguard does not run");
        if (/[1-9]/.test(c) || c === "k")
            throw new UnsupportedPattern("uses a back-reference, which portguard does not run");
        if (c === "p" || c === "P")
            throw new UnsupportedPattern("uses a Unicode property escape (\\p), which portguard does not run");
        const set = CLASS_ESCAPES[c];
        if (set) {
            this.pos++;
            return { type: "char", set };
        }
        const code = this.escapedCodePoint();
        return { type: "char", set: charSet([[code, code]]) };
    }
    /** The code point of a character escape (after the backslash). */
    escapedCodePoint() {
        const c = this.chars[this.pos++];
        const control = CONTROL_ESCAPES[c];
        if (control !== undefined)
            return control;
        if (c === "0")
            return 0;
        if (c === "c")
            return this.chars[this.pos++].charCodeAt(0) % 32;
        if (c === "x") {
            const hex = this.chars.slice(this.pos, this.pos + 2).join("");
            this.pos += 2;
            return Number.parseInt(hex, 16);
        }
        if (c === "u") {
            if (this.peek() === "{") {
                const close = this.chars.indexOf("}", this.pos);
                const hex = this.chars.slice(this.pos + 1, close).join("");
                this.pos = close + 1;
                return Number.parseInt(hex, 16);
            }
            const hex = this.chars.slice(this.pos, this.pos + 4).join("");
            this.pos += 4;
            return Number.parseInt(hex, 16);
        }
        return c.codePointAt(0);
    }
    characterClass() {
        let negated = false;
        if (this.peek() === "^") {
            negated = true;
            this.pos++;
        }
        const ranges = [];
        const subtracted = [];
        while (this.peek() !== "]") {
            if (this.pos >= this.chars.length)
                throw new UnsupportedPattern("has an unclosed character class");
            const lo = this.classAtom();
            if (typeof lo !== "number") {
                if (lo.negated)
                    subtracted.push(lo);
                else
                    ranges.push(...lo.ranges);
                continue;
            }
            if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
                this.pos++;
                const hi = this.classAtom();
                if (typeof hi !== "number")
                    throw new UnsupportedPattern("has a class range ending in a class escape");
                ranges.push([lo, hi]);
            }
            else {
                ranges.push([lo, lo]);
            }
        }
        this.pos++;
        // [\D] and kin: a negated escape inside a class is "everything but", joined with the rest.
        if (subtracted.length > 0) {
            const members = (c) => ranges.some(([a, b]) => a <= c && c <= b) || subtracted.some((s) => inSet(s, c));
            return exactSet(members, negated);
        }
        return charSet(ranges, negated);
    }
    classAtom() {
        const c = this.chars[this.pos++];
        if (c !== "\\")
            return c.codePointAt(0);
        const e = this.peek();
        const set = CLASS_ESCAPES[e];
        if (set) {
            this.pos++;
            return set;
        }
        if (e === "b") {
            this.pos++;
            return 8;
        }
        if (e === "p" || e === "P")
            throw new UnsupportedPattern("uses a Unicode property escape (\\p), which portguard does not run");
        return this.escapedCodePoint();
    }
}
/** A set given by a membership test, materialised over the code points where sets change. */
function exactSet(members, negated) {
    const ranges = [];
    // The escapes' sets change only below U+10000 (SPACE's last range ends at U+FEFF).
    let start = -1;
    for (let c = 0; c <= 0x10000; c++) {
        const inside = c < 0x10000 ? members(c) : members(0x10000);
        if (inside && start < 0)
            start = c;
        if (!inside && start >= 0) {
            ranges.push([start, c - 1]);
            start = -1;
        }
    }
    if (start >= 0)
        ranges.push([start, 0x10ffff]);
    return charSet(ranges, negated);
}
/** Builds the NFA back to front: each node is compiled with the state that follows it. */
class NfaBuilder {
    states = [{ kind: "match" }];
    add(state) {
        if (this.states.length >= MAX_STATES)
            throw new UnsupportedPattern("is too large to run (counted repetition?)");
        this.states.push(state);
        return this.states.length - 1;
    }
    compile(node, next) {
        switch (node.type) {
            case "empty":
                return next;
            case "char":
                return this.add({ kind: "char", set: node.set, next });
            case "assert":
                return this.add({ kind: "assert", at: node.at, next });
            case "seq": {
                let state = next;
                for (let i = node.items.length - 1; i >= 0; i--)
                    state = this.compile(node.items[i], state);
                return state;
            }
            case "alt":
                return this.add({ kind: "split", next: node.options.map((o) => this.compile(o, next)) });
            case "repeat": {
                // x{min,max}: min copies of x, then (max - min) optional ones, or a loop for no maximum.
                let state = next;
                if (node.max === Number.POSITIVE_INFINITY) {
                    const loop = this.add({ kind: "split", next: [] });
                    const body = this.compile(node.node, loop);
                    this.states[loop].next = [body, next];
                    state = loop;
                }
                else {
                    for (let i = node.min; i < node.max; i++) {
                        const body = this.compile(node.node, state);
                        state = this.add({ kind: "split", next: [body, state] });
                    }
                }
                for (let i = 0; i < node.min; i++)
                    state = this.compile(node.node, state);
                return state;
            }
        }
    }
}
/** A compiled pattern: `test` answers in time linear in the input. */
class LinearMatcher {
    anchored;
    states;
    start;
    cache = new Map();
    first = null;
    /**
     * `anchored`: the whole input must match (globs); otherwise a match anywhere counts, as with
     * `RegExp.prototype.test` (then `^` and `$` anchor it).
     */
    constructor(node, anchored) {
        this.anchored = anchored;
        const builder = new NfaBuilder();
        const body = builder.compile(anchored ? { type: "seq", items: [node, { type: "assert", at: "end" }] } : node, 0);
        this.states = builder.states;
        this.start = body;
    }
    /** The states reachable from `from` without reading a character. */
    closure(from, atStart, atEnd) {
        const seen = new Set();
        const out = [];
        const stack = [...from];
        while (stack.length > 0) {
            const id = stack.pop();
            if (seen.has(id))
                continue;
            seen.add(id);
            const s = this.states[id];
            if (s.kind === "split")
                for (let i = s.next.length - 1; i >= 0; i--)
                    stack.push(s.next[i]);
            else if (s.kind === "assert") {
                if (s.at === "start" ? atStart : atEnd)
                    stack.push(s.next);
                else if (s.at === "end")
                    out.push(id); // satisfied later, if the input ends here
            }
            else
                out.push(id);
        }
        return out.sort((a, b) => a - b);
    }
    dfa(states) {
        const key = states.join(",");
        let d = this.cache.get(key);
        if (!d) {
            if (this.cache.size >= MAX_DFA_STATES) {
                this.cache.clear();
                this.first = null;
            }
            d = { states, matched: states.includes(0), matchedAtEnd: undefined, next: new Map() };
            this.cache.set(key, d);
        }
        return d;
    }
    step(d, c) {
        const known = d.next.get(c);
        if (known)
            return known;
        const targets = [];
        for (const id of d.states) {
            const s = this.states[id];
            if (s.kind === "char" && inSet(s.set, c))
                targets.push(s.next);
        }
        // Unanchored: a match may start at any position.
        if (!this.anchored)
            targets.push(this.start);
        const next = this.dfa(this.closure(targets, false, false));
        d.next.set(c, next);
        return next;
    }
    endsMatched(d, empty) {
        if (d.matched)
            return true;
        if (empty)
            return this.closure(d.states, true, true).includes(0);
        d.matchedAtEnd ??= this.closure(d.states, false, true).includes(0);
        return d.matchedAtEnd;
    }
    test(input) {
        this.first ??= this.dfa(this.closure([this.start], true, false));
        let d = this.first;
        if (!this.anchored && d.matched)
            return true;
        for (let i = 0; i < input.length; i++) {
            let c = input.charCodeAt(i);
            if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length) {
                const low = input.charCodeAt(i + 1);
                if (low >= 0xdc00 && low <= 0xdfff) {
                    c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
                    i++;
                }
            }
            d = this.step(d, c);
            if (!this.anchored && d.matched)
                return true;
            if (this.anchored && d.states.length === 0)
                return false;
        }
        return this.endsMatched(d, input.length === 0);
    }
}
/** `new RegExp(pattern, "u").test` without the risk of exponential time. Throws {@link UnsupportedPattern}. */
function compileRegex(pattern) {
    return new LinearMatcher(parseRegex(pattern), false);
}


/***/ }),

/***/ 6107:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bm: () => (/* binding */ resolveReading),
/* harmony export */   CW: () => (/* binding */ isOutsideRoot),
/* harmony export */   P8: () => (/* binding */ basename),
/* harmony export */   pD: () => (/* binding */ dirname),
/* harmony export */   uJ: () => (/* binding */ joinPath)
/* harmony export */ });
/* unused harmony export resolveRelative */
/** POSIX path helpers for project-relative paths (the core never touches the real file system). */
function dirname(path) {
    const i = path.lastIndexOf("/");
    return i < 0 ? "" : path.slice(0, i);
}
function basename(path) {
    return path.slice(path.lastIndexOf("/") + 1);
}
/**
 * Joins `relative` onto the project-relative folder `base` and normalises it. Returns null when the
 * result leaves the project or is absolute.
 */
function resolveRelative(base, relative) {
    if (relative.startsWith("/") || /^[A-Za-z]:[\\/]/.test(relative) || relative.startsWith("~"))
        return null;
    const parts = base === "" ? [] : base.split("/");
    for (const segment of relative.replace(/\\/g, "/").split("/")) {
        if (segment === "" || segment === ".")
            continue;
        if (segment === "..") {
            if (parts.length === 0)
                return null;
            parts.pop();
        }
        else {
            parts.push(segment);
        }
    }
    return parts.join("/");
}
/**
 * Joins `relative` onto `base` as compose reads a path: leaving the project root is allowed
 * (`../shared/base.yaml` reads the file beside it), an absolute path stays absolute. Null only for
 * what cannot name a file here (a home folder, a Windows drive).
 */
function resolveReading(base, relative) {
    if (relative.startsWith("~") || /^[A-Za-z]:[\\/]/.test(relative))
        return null;
    const absolute = relative.startsWith("/");
    const parts = absolute ? [] : base === "" ? [] : base.split("/");
    let up = 0;
    for (const segment of relative.replace(/\\/g, "/").split("/")) {
        if (segment === "" || segment === ".")
            continue;
        if (segment === "..") {
            if (parts.length > 0)
                parts.pop();
            else if (!absolute)
                up++;
        }
        else {
            parts.push(segment);
        }
    }
    const path = [...Array(up).fill(".."), ...parts].join("/");
    return absolute ? `/${path}` : path;
}
/** Whether a path from {@link resolveReading} lies outside the project root. */
function isOutsideRoot(path) {
    return path.startsWith("/") || path === ".." || path.startsWith("../");
}
function joinPath(dir, name) {
    return dir === "" ? name : `${dir}/${name}`;
}


/***/ }),

/***/ 2130:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ DEFAULT_POLICY)
/* harmony export */ });
/**
 * The embedded default: the convention of SPEC §1 (databases 7000-7099, admin UIs 7100-7199,
 * exporters 7200-7299, nothing else in 7000-7999).
 */
const DEFAULT_POLICY = {
    ranges: [
        { name: "databases", start: 7000, end: 7099, for: ["database"], description: "databases" },
        { name: "database-uis", start: 7100, end: 7199, for: ["ui"], description: "database admin UIs" },
        { name: "exporters", start: 7200, end: 7299, for: ["exporter"], description: "exporters and metrics" },
        { name: "reserved", start: 7300, end: 7999, for: [], description: "reserved: nothing else publishes in 7000-7999" },
    ],
    categories: {
        database: {
            images: [
                "postgres",
                "postgis/postgis",
                "timescale/timescaledb*",
                "questdb/questdb",
                "qdrant/qdrant",
                "redis",
                "redis/redis-stack*",
                "valkey/valkey",
                "mongo",
                "mysql",
                "mariadb",
                "bitnami/postgresql",
                "bitnami/redis",
                "bitnami/mongodb",
                "bitnami/mysql",
                "bitnami/mariadb",
                "neo4j",
                "elasticsearch",
                "elastic/elasticsearch",
                "docker.elastic.co/elasticsearch/elasticsearch",
                "opensearchproject/opensearch",
                "clickhouse/clickhouse-server",
                "cassandra",
                "couchdb",
                "influxdb",
                "memcached",
                "cockroachdb/cockroach",
                "minio/minio",
                "chromadb/chroma",
                "semitechnologies/weaviate",
                "milvusdb/milvus",
                "getmeili/meilisearch",
                "typesense/typesense",
            ],
        },
        ui: {
            images: [
                "dpage/pgadmin4",
                "adminer",
                "sosedoff/pgweb",
                "redis/redisinsight",
                "redislabs/redisinsight",
                "mongo-express",
                "phpmyadmin",
                "phpmyadmin/phpmyadmin",
                "rediscommander/redis-commander",
            ],
        },
        exporter: {
            images: [
                "prometheuscommunity/postgres-exporter",
                "quay.io/prometheuscommunity/postgres-exporter",
                "wrouesnel/postgres_exporter",
                "oliver006/redis_exporter",
                "percona/mongodb_exporter",
                "prom/mysqld-exporter",
                "prom/node-exporter",
                "prom/blackbox-exporter",
                "prom/statsd-exporter",
                "prom/pushgateway",
                "cadvisor/cadvisor",
                "gcr.io/cadvisor/cadvisor",
                "*-exporter",
                "*_exporter",
                "*/*-exporter",
                "*/*_exporter",
            ],
        },
        // Classified, so that --print-config and the docs can say so; no range by default: not governed.
        monitoring: {
            images: [
                "prom/prometheus",
                "prom/alertmanager",
                "bitnami/prometheus",
                "grafana/grafana",
                "grafana/grafana-oss",
                "grafana/grafana-enterprise",
                "bitnami/grafana",
                "grafana/loki",
                "grafana/tempo",
                "grafana/alloy",
                "grafana/agent",
                "victoriametrics/victoria-metrics",
                "jaegertracing/all-in-one",
                "openzipkin/zipkin",
                "otel/opentelemetry-collector*",
            ],
        },
    },
    services: {},
    variables: { pattern: "^[A-Z][A-Z0-9_]*_PORT$", require: "governed" },
    files: {
        compose: ["**/docker-compose*.y?(a)ml", "**/compose*.y?(a)ml"],
        env: [".env"],
        sources: ["**/*.{js,mjs,cjs,ts,mts,cts,jsx,tsx,py,go,rb,java,kt,rs,php,cs,json,toml,ini,properties,conf}"],
        ignore: ["**/node_modules/**", "**/dist/**", "**/vendor/**"],
    },
    docs: "PORTS-CONVENTION.md",
    hosts: [],
    rules: {},
    allow: [],
    profiles: { together: [] },
};


/***/ }),

/***/ 8896:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  p: () => (/* reexport */ PolicyError),
  t: () => (/* binding */ loadPolicy)
});

// EXTERNAL MODULE: ./src/core/rules/index.ts + 25 modules
var rules = __nccwpck_require__(5439);
;// CONCATENATED MODULE: ./src/core/did-you-mean.ts
/** "Did you mean ...?": the nearest known word to a mistyped one, for every message that rejects a name. */
/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`, case-insensitive. */
function editDistance(a, b) {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const rows = [];
    for (let i = 0; i <= s.length; i++)
        rows.push([i, ...Array.from({ length: t.length }, (_, j) => (i === 0 ? j + 1 : 0))]);
    for (let i = 1; i <= s.length; i++) {
        const row = rows[i];
        const prev = rows[i - 1];
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            let best = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
                best = Math.min(best, rows[i - 2][j - 2] + 1);
            row[j] = best;
        }
    }
    return rows[s.length][t.length];
}
/** Words longer than this are not compared (a pasted blob is no typo). */
const MAX_WORD = 64;
/**
 * The known word nearest to `word`, when it is near enough to be a typo (a third of its letters at
 * most, and at least one); null otherwise. Ties go to the earlier candidate.
 */
function closest(word, candidates) {
    if (word.length === 0 || word.length > MAX_WORD)
        return null;
    const limit = Math.max(1, Math.floor(word.length / 3));
    let best = null;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        if (candidate === word)
            continue;
        const d = editDistance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
/** " (did you mean X?)" for a message, or "". */
function didYouMean(word, candidates) {
    const near = closest(word, candidates);
    return near === null ? "" : ` (did you mean ${near}?)`;
}
function escapeRegex(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
/**
 * A regular expression matching every word one edit away from one of `words` (insert, delete,
 * substitute, swap two neighbours) — and the words themselves: a JSON Schema refuses typos with it.
 */
function nearMissPattern(words) {
    const alternatives = new Set();
    for (const word of words) {
        const at = (i) => escapeRegex(word.slice(0, i));
        const from = (i) => escapeRegex(word.slice(i));
        for (let i = 0; i <= word.length; i++) {
            alternatives.add(`${at(i)}.${from(i)}`);
            if (i < word.length) {
                alternatives.add(`${at(i)}.${from(i + 1)}`);
                alternatives.add(`${at(i)}${from(i + 1)}`);
            }
            if (i + 1 < word.length)
                alternatives.add(`${at(i)}${escapeRegex(word[i + 1])}${escapeRegex(word[i])}${from(i + 2)}`);
        }
    }
    return `^(?:${[...alternatives].join("|")})$`;
}

// EXTERNAL MODULE: ./src/core/globs.ts
var globs = __nccwpck_require__(8684);
// EXTERNAL MODULE: ./src/core/linear-regex.ts
var linear_regex = __nccwpck_require__(1536);
// EXTERNAL MODULE: ./src/core/yaml-nodes.ts + 1 modules
var yaml_nodes = __nccwpck_require__(8657);
// EXTERNAL MODULE: ./src/core/policy/default-policy.ts
var default_policy = __nccwpck_require__(2130);
;// CONCATENATED MODULE: ./src/core/policy/load.ts





class PolicyError extends Error {
    file;
    line;
    column;
    key;
    detail;
    constructor(file, line, column, key, detail) {
        super(`${file}:${line}:${column}: ${key ? `${key}: ` : ""}${detail}`);
        this.file = file;
        this.line = line;
        this.column = column;
        this.key = key;
        this.detail = detail;
        this.name = "PolicyError";
    }
}
/** Keys quoted in messages are cut to this length. */
const MAX_QUOTED_KEY = 80;
const SEVERITIES = new Set(["error", "warning", "info", "off"]);
const TOP_LEVEL = new Set([
    "$schema",
    "extends",
    "ranges",
    "categories",
    "services",
    "variables",
    "files",
    "docs",
    "hosts",
    "rules",
    "allow",
    "profiles",
]);
class ConfigReader {
    file;
    source;
    doc;
    ruleIds;
    constructor(file, source, doc, ruleIds) {
        this.file = file;
        this.source = source;
        this.doc = doc;
        this.ruleIds = ruleIds;
    }
    fail(node, key, detail) {
        const pos = node?.range ? this.source.position(node.range[0]) : { line: 1, column: 1 };
        const quoted = key.length > MAX_QUOTED_KEY ? `${key.slice(0, MAX_QUOTED_KEY - 1)}…` : key;
        throw new PolicyError(this.file, pos.line, pos.column, quoted, detail);
    }
    entries(node, key) {
        if (!(0,yaml_nodes/* isMap */.jh)(node))
            this.fail(node, key, "must be a mapping");
        try {
            return (0,yaml_nodes/* mapEntries */.Nn)(node, this.source, this.doc);
        }
        catch (error) {
            if (error instanceof yaml_nodes/* YamlStructureError */.nu)
                this.fail(error.node ?? node, key, error.message);
            throw error;
        }
    }
    items(node, key) {
        if (!(0,yaml_nodes/* isSeq */.oP)(node))
            this.fail(node, key, "must be a list");
        return (0,yaml_nodes/* seqItems */.Sg)(node, this.source, this.doc);
    }
    string(node, key) {
        if (!(0,yaml_nodes/* isScalar */.jn)(node) || typeof node.value !== "string" || node.value === "") {
            this.fail(node, key, "must be a non-empty string");
        }
        return node.value;
    }
    strings(node, key) {
        return this.items(node, key).map((item, i) => this.string(item, `${key}[${i}]`));
    }
    /** A list of globs, each one the glob engine can run. */
    globs(node, key) {
        const items = this.items(node, key);
        return items.map((item, i) => {
            const glob = this.string(item, `${key}[${i}]`);
            const problem = (0,globs/* globProblem */.AI)(glob);
            if (problem)
                this.fail(item, `${key}[${i}]`, `${JSON.stringify(glob)} ${problem}`);
            return glob;
        });
    }
    port(node, key) {
        const v = (0,yaml_nodes/* isScalar */.jn)(node) ? node.value : undefined;
        const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : Number.NaN;
        if (!Number.isInteger(n) || n < 1 || n > 65535)
            this.fail(node, key, "must be a port number 1-65535");
        return n;
    }
    only(entries, allowed, key) {
        for (const e of entries) {
            if (!allowed.includes(e.key) && !e.key.startsWith("x-")) {
                this.fail(e.keyNode, `${key}.${e.key}`, `unknown key${didYouMean(e.key, allowed)} (expected one of: ${allowed.join(", ")})`);
            }
        }
    }
    /** Notes a category name the policy refers to, checked once every file of the chain is merged. */
    category(node, key, name, refs) {
        const pos = node?.range ? this.source.position(node.range[0]) : { line: 1, column: 1 };
        refs.push({ file: this.file, line: pos.line, column: pos.column, key, name });
    }
}
/** The category every service without another one has. */
const APP = "app";
/**
 * A referenced category that is not declared (under `categories:`, in the default, or `app`) and
 * reads as a typo of one that is, would silently turn checks off: it is refused. Other undeclared
 * names are categories of the project's own (given by a `portguard.category` label).
 */
function checkCategories(policy, refs) {
    const known = [...Object.keys(policy.categories), APP];
    for (const ref of refs) {
        if (known.includes(ref.name))
            continue;
        const near = didYouMean(ref.name, known);
        if (near === "")
            continue;
        throw new PolicyError(ref.file, ref.line, ref.column, ref.key, `unknown category ${ref.name}${near}; known: ${[...known].sort().join(", ")}. A category of your own is declared under categories: (${ref.name}: { images: [...] })`);
    }
}
function readRange(r, node, key, refs) {
    const entries = r.entries(node, key);
    r.only(entries, ["name", "ports", "for", "description"], key);
    const get = (k) => entries.find((e) => e.key === k);
    const name = get("name");
    const ports = get("ports");
    if (!name)
        r.fail(node, `${key}.name`, "is required");
    if (!ports)
        r.fail(node, `${key}.ports`, "is required (a port or a range such as 7000-7099)");
    const portsValue = (0,yaml_nodes/* isScalar */.jn)(ports.value) ? ports.value.value : undefined;
    const text = typeof portsValue === "number" ? String(portsValue) : typeof portsValue === "string" ? portsValue : "";
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
    if (!m)
        r.fail(ports.value, `${key}.ports`, `must be a port or a range such as 7000-7099, not ${JSON.stringify(portsValue)}`);
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start < 1 || end > 65535)
        r.fail(ports.value, `${key}.ports`, `${text} is outside 1-65535`);
    if (end < start)
        r.fail(ports.value, `${key}.ports`, `range ${text} is reversed (start is after end)`);
    const forEntry = get("for");
    const forList = forEntry ? r.strings(forEntry.value, `${key}.for`) : [];
    if (forEntry) {
        const items = r.items(forEntry.value, `${key}.for`);
        for (const [i, name] of forList.entries())
            r.category(items[i] ?? null, `${key}.for[${i}]`, name, refs);
    }
    const description = get("description");
    return {
        name: r.string(name.value, `${key}.name`),
        start,
        end,
        for: forList,
        ...(description ? { description: r.string(description.value, `${key}.description`) } : {}),
    };
}
function readCategories(r, node) {
    const out = {};
    for (const e of r.entries(node, "categories")) {
        const key = `categories.${e.key}`;
        const fields = r.entries(e.value, key);
        r.only(fields, ["images", "description"], key);
        const images = fields.find((f) => f.key === "images");
        out[e.key] = { images: images ? r.strings(images.value, `${key}.images`) : [] };
    }
    return out;
}
function readRegistry(r, node, refs) {
    const out = {};
    for (const e of r.entries(node, "services")) {
        const key = `services.${e.key}`;
        const fields = r.entries(e.value, key);
        r.only(fields, ["category", "port", "variable", "description"], key);
        const entry = {};
        for (const f of fields) {
            if (f.key === "category") {
                entry.category = r.string(f.value, `${key}.category`);
                r.category(f.value, `${key}.category`, entry.category, refs);
            }
            if (f.key === "port")
                entry.port = r.port(f.value, `${key}.port`);
            if (f.key === "variable") {
                entry.variable = r.string(f.value, `${key}.variable`);
                if (!/^[_A-Za-z][_A-Za-z0-9]*$/.test(entry.variable)) {
                    r.fail(f.value, `${key}.variable`, `${entry.variable} is not a valid variable name`);
                }
            }
        }
        out[e.key] = entry;
    }
    return out;
}
function readAllow(r, node) {
    return r.items(node, "allow").map((item, i) => {
        const key = `allow[${i}]`;
        const fields = r.entries(item, key);
        r.only(fields, ["service", "port", "reason"], key);
        const service = fields.find((f) => f.key === "service");
        if (!service)
            r.fail(item, `${key}.service`, "is required");
        const entry = { service: r.string(service.value, `${key}.service`) };
        const port = fields.find((f) => f.key === "port");
        if (port)
            entry.port = r.port(port.value, `${key}.port`);
        const reason = fields.find((f) => f.key === "reason");
        if (reason)
            entry.reason = r.string(reason.value, `${key}.reason`);
        return entry;
    });
}
function readHosts(r, node) {
    if ((0,yaml_nodes/* isScalar */.jn)(node)) {
        if (node.value === "directory")
            return "directory";
        r.fail(node, "hosts", 'must be "directory" or a list of { name, compose }');
    }
    return r.items(node, "hosts").map((item, i) => {
        const key = `hosts[${i}]`;
        const fields = r.entries(item, key);
        r.only(fields, ["name", "compose"], key);
        const name = fields.find((f) => f.key === "name");
        const compose = fields.find((f) => f.key === "compose");
        if (!name)
            r.fail(item, `${key}.name`, "is required");
        if (!compose)
            r.fail(item, `${key}.compose`, "is required (a list of globs)");
        return { name: r.string(name.value, `${key}.name`), compose: r.globs(compose.value, `${key}.compose`) };
    });
}
function readProfiles(r, node) {
    const fields = r.entries(node, "profiles");
    r.only(fields, ["together"], "profiles");
    const together = fields.find((f) => f.key === "together");
    if (!together)
        return {};
    return {
        together: r.items(together.value, "profiles.together").map((group, i) => {
            const profiles = r.strings(group, `profiles.together[${i}]`);
            if (profiles.length < 1)
                r.fail(group, `profiles.together[${i}]`, "must name at least one profile");
            return profiles;
        }),
    };
}
function readRules(r, node) {
    const out = {};
    for (const e of r.entries(node, "rules")) {
        const id = r.ruleIds.get(e.key) ?? r.ruleIds.get(e.key.toUpperCase());
        if (!id)
            r.fail(e.keyNode, `rules.${e.key}`, `unknown rule${didYouMean(e.key, r.ruleIds.keys())} (see \`portguard rules\`)`);
        const v = (0,yaml_nodes/* isScalar */.jn)(e.value) ? e.value.value : undefined;
        const severity = v === false ? "off" : v;
        if (typeof severity !== "string" || !SEVERITIES.has(severity)) {
            r.fail(e.value, `rules.${e.key}`, "must be one of error, warning, info, off");
        }
        out[id] = severity;
    }
    return out;
}
function readRanges(r, node, refs) {
    const items = r.items(node, "ranges");
    const ranges = items.map((item, i) => readRange(r, item, `ranges[${i}]`, refs));
    const names = new Set();
    ranges.forEach((range, i) => {
        if (names.has(range.name))
            r.fail(items[i] ?? node, `ranges[${i}].name`, `duplicate range name ${range.name}`);
        names.add(range.name);
    });
    return ranges;
}
function readVariables(r, node) {
    const fields = r.entries(node, "variables");
    r.only(fields, ["pattern", "require"], "variables");
    const variables = {};
    for (const f of fields) {
        if (f.key === "pattern") {
            const pattern = r.string(f.value, "variables.pattern");
            try {
                (0,linear_regex/* compileRegex */.DL)(pattern);
            }
            catch (error) {
                if (!(error instanceof linear_regex/* UnsupportedPattern */.g8))
                    throw error;
                r.fail(f.value, "variables.pattern", `${JSON.stringify(pattern)} ${error.message}`);
            }
            variables.pattern = pattern;
        }
        if (f.key === "require") {
            const req = r.string(f.value, "variables.require");
            if (req !== "governed" && req !== "all")
                r.fail(f.value, "variables.require", 'must be "governed" or "all"');
            variables.require = req;
        }
    }
    return variables;
}
function readFiles(r, node) {
    const fields = r.entries(node, "files");
    r.only(fields, ["compose", "env", "sources", "ignore"], "files");
    const files = {};
    for (const f of fields) {
        const key = `files.${f.key}`;
        files[f.key] = f.key === "env" ? r.strings(f.value, key) : r.globs(f.value, key);
    }
    return files;
}
/** The reader of a config file's one YAML document, and its root node (null: the file is empty). */
function configDocument(file, ruleIds) {
    const source = new yaml_nodes/* YamlSource */.rC(file.text);
    if (source.error) {
        const { line, column } = source.error.range.start;
        throw new PolicyError(file.path, line, column, "", `not valid YAML: ${source.error.message}`);
    }
    const doc = source.documents[0];
    if (!doc)
        return null;
    if (source.documents.length > 1) {
        throw new PolicyError(file.path, 1, 1, "", "must hold exactly one YAML document");
    }
    const r = new ConfigReader(file.path, source, doc, ruleIds);
    const root = doc.contents;
    if (root === null || ((0,yaml_nodes/* isScalar */.jn)(root) && root.value === null))
        return null;
    return { r, source, root };
}
/** Parses and validates one config file (without following `extends`). Throws {@link PolicyError}. */
function parsePolicyConfig(file, ruleIds) {
    const document = configDocument(file, ruleIds);
    if (!document)
        return {};
    const { r, source, root } = document;
    const refs = [];
    const config = {};
    for (const e of r.entries(root, "")) {
        const v = e.value;
        switch (e.key) {
            case "$schema":
                break;
            case "extends":
                config.extends = r.string(v, "extends");
                config.extendsPosition = v?.range ? source.position(v.range[0]) : { line: 1, column: 1 };
                break;
            case "ranges":
                config.ranges = readRanges(r, v, refs);
                break;
            case "categories":
                config.categories = readCategories(r, v);
                break;
            case "services":
                config.services = readRegistry(r, v, refs);
                break;
            case "variables":
                config.variables = readVariables(r, v);
                break;
            case "files":
                config.files = readFiles(r, v);
                break;
            case "docs":
                config.docs = (0,yaml_nodes/* isScalar */.jn)(v) && (v.value === null || v.value === false) ? null : r.string(v, "docs");
                break;
            case "hosts":
                config.hosts = readHosts(r, v);
                break;
            case "rules":
                config.rules = readRules(r, v);
                break;
            case "allow":
                config.allow = readAllow(r, v);
                break;
            case "profiles":
                config.profiles = readProfiles(r, v);
                break;
            default:
                if (!TOP_LEVEL.has(e.key) && !e.key.startsWith("x-")) {
                    const keys = [...TOP_LEVEL].slice(1);
                    r.fail(e.keyNode, e.key, `unknown key${didYouMean(e.key, keys)} (expected one of: ${keys.join(", ")})`);
                }
        }
    }
    if (refs.length > 0)
        config.categoryReferences = refs;
    return config;
}
/** Merges a config over a policy: ranges replace, maps merge by key, allow, hosts and profile groups append. */
function mergePolicy(base, config) {
    const hosts = config.hosts === undefined
        ? base.hosts
        : config.hosts === "directory" || base.hosts === "directory"
            ? config.hosts
            : [...base.hosts, ...config.hosts];
    return {
        ranges: config.ranges ?? base.ranges,
        categories: { ...base.categories, ...config.categories },
        services: { ...base.services, ...config.services },
        variables: { ...base.variables, ...config.variables },
        files: {
            ...base.files,
            ...config.files,
            // A project's ignores add to the inherited ones (node_modules, dist, vendor stay skipped).
            ignore: [...new Set([...base.files.ignore, ...(config.files?.ignore ?? [])])],
        },
        docs: config.docs === undefined ? base.docs : config.docs,
        hosts,
        rules: { ...base.rules, ...config.rules },
        allow: [...base.allow, ...(config.allow ?? [])],
        profiles: { together: [...base.profiles.together, ...(config.profiles?.together ?? [])] },
    };
}
/**
 * The policy a config file describes: the embedded default, then each `extends` ancestor, then the
 * file itself. Throws {@link PolicyError} for an invalid file or an unresolvable `extends`.
 */
function resolvePolicy(file, ruleIds, resolveExtends = () => null) {
    if (!file)
        return default_policy/* DEFAULT_POLICY */.z;
    const chain = [];
    const seen = new Set();
    let current = file;
    while (current) {
        if (seen.has(current.path)) {
            throw new PolicyError(current.path, 1, 1, "extends", "extends forms a cycle");
        }
        seen.add(current.path);
        const config = parsePolicyConfig(current, ruleIds);
        chain.unshift(config);
        if (!config.extends)
            break;
        const next = resolveExtends(config.extends, current.path);
        const pos = config.extendsPosition ?? { line: 1, column: 1 };
        if (!next)
            throw new PolicyError(current.path, pos.line, pos.column, "extends", `cannot find ${config.extends}`);
        if ("refused" in next)
            throw new PolicyError(current.path, pos.line, pos.column, "extends", next.refused);
        current = next;
    }
    const policy = chain.reduce(mergePolicy, default_policy/* DEFAULT_POLICY */.z);
    checkCategories(policy, chain.flatMap((c) => c.categoryReferences ?? []));
    return policy;
}

;// CONCATENATED MODULE: ./src/core/policy/index.ts



/**
 * The policy a config file describes, merged over the embedded default (and over its `extends`
 * chain, read through `resolveExtends`). With no file, the embedded default. Throws
 * {@link PolicyError} naming the file, line and key of the first problem.
 */
function loadPolicy(file = null, resolveExtends) {
    return resolvePolicy(file, rules/* RULE_IDS */.I, resolveExtends);
}


/***/ }),

/***/ 3574:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ isProblem),
/* harmony export */   mK: () => (/* binding */ parsePortRange),
/* harmony export */   u_: () => (/* binding */ readLongSyntax),
/* harmony export */   wG: () => (/* binding */ readShortSyntax)
/* harmony export */ });
/* unused harmony exports PortSpecError, parseShortSyntax, parseLongSyntax, expandMapping, parsePortSpec, composePortEntries */
/* harmony import */ var _ip_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5270);
/**
 * Port mappings as docker compose reads them: the short syntax through go-connections'
 * `nat.ParsePortSpec`, the long syntax through compose-go's fields and what the engine accepts at
 * `up`. Where compose releases differ (docker compose v2.40 links go-connections v0.5, newer ones
 * v0.7), a spec either refuses is refused: it does not work everywhere. Errors carry compose's wording.
 */

class PortSpecError extends Error {
    constructor(message) {
        super(message);
        this.name = "PortSpecError";
    }
}
const LONG_FIELDS = new Set(["target", "published", "host_ip", "protocol", "mode", "app_protocol", "name"]);
/** strconv.ParseUint(s, 10, 16): digits only (no sign), leading zeros allowed, at most 65535. */
function parsePortNumber(raw) {
    if (!/^[0-9]+$/.test(raw))
        return null;
    const digits = raw.replace(/^0+(?=.)/, "");
    if (digits.length > 5)
        return null;
    const n = Number(digits);
    return n > 65535 ? null : n;
}
/** `N` or `N-M` (start <= end), as every compose release accepts it. */
function parsePortRange(ports) {
    if (ports === "")
        return null;
    const dash = ports.indexOf("-");
    const start = dash === -1 ? ports : ports.slice(0, dash);
    const end = dash === -1 ? "" : ports.slice(dash + 1);
    const startPort = parsePortNumber(start);
    if (startPort === null)
        return null;
    if (dash === -1)
        return [startPort, startPort];
    const endPort = parsePortNumber(end);
    if (endPort === null || endPort < startPort)
        return null;
    return [startPort, endPort];
}
function protocolOf(raw) {
    const proto = raw.toLowerCase();
    return proto === "tcp" || proto === "udp" || proto === "sctp" ? proto : null;
}
function isProblem(value) {
    return "error" in value;
}
/** Go's net.SplitHostPort(ip + ":"), as go-connections v0.5 strips an address: the host, or an error. */
function splitHost(ip) {
    const fail = (why) => ({ error: `invalid IP address ${ip}: ${why}` });
    let host;
    let j = 0;
    let k = 0;
    if (ip[0] === "[") {
        const end = ip.indexOf("]");
        if (end < 0)
            return fail("missing ']' in address");
        if (end !== ip.length - 1)
            return ip[end + 1] === ":" ? fail("too many colons in address") : fail("missing port in address");
        host = ip.slice(1, end);
        j = 1;
        k = end + 1;
    }
    else {
        host = ip;
        if (host.includes(":"))
            return fail("too many colons in address");
    }
    if (ip.indexOf("[", j) >= 0)
        return fail("unexpected '[' in address");
    if (ip.indexOf("]", k) >= 0)
        return fail("unexpected ']' in address");
    return host;
}
/** go-connections' SplitProtoPort: the protocol is what follows the first `/`, up to the next. */
function splitProto(raw) {
    const parts = raw.split("/");
    if (raw === "" || parts[0] === "")
        return { port: "", proto: "" };
    if (parts.length === 1 || parts[1] === "")
        return { port: parts[0], proto: "tcp" };
    return { port: parts[0], proto: parts[1] };
}
/**
 * Reads one short-syntax spec (`[IP:][HOST:]CONTAINER[/PROTO]`) exactly as compose does, without
 * expanding ranges.
 */
function readShortSyntax(raw) {
    const parts = raw.split(":");
    let ipText;
    let hostText;
    let containerText;
    let hostStart;
    if (parts.length === 1) {
        ipText = "";
        hostText = "";
        containerText = raw;
        hostStart = 0;
    }
    else if (parts.length === 2) {
        ipText = "";
        hostText = parts[0];
        containerText = parts[1];
        hostStart = 0;
    }
    else {
        const n = parts.length;
        ipText = parts.slice(0, n - 2).join(":");
        hostText = parts[n - 2];
        containerText = parts[n - 1];
        hostStart = ipText.length + 1;
    }
    const { port: containerPortText, proto: protoText } = splitProto(containerText);
    let hostIp = ipText;
    if (hostIp !== "") {
        const host = splitHost(hostIp);
        if (typeof host !== "string")
            return host;
        hostIp = host;
    }
    if (hostIp !== "" && (0,_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .parseIp */ .r5)(hostIp) === null)
        return { error: `invalid IP address: ${hostIp}` };
    if (containerPortText === "")
        return { error: `no port specified: ${raw}<empty>` };
    const container = parsePortRange(containerPortText);
    if (!container)
        return { error: `invalid containerPort: ${containerPortText}` };
    let host = null;
    if (hostText !== "") {
        host = parsePortRange(hostText);
        if (!host)
            return { error: `invalid hostPort: ${hostText}` };
        if (container[1] - container[0] !== host[1] - host[0] && container[1] !== container[0]) {
            return { error: `invalid ranges specified for container and host Ports: ${containerPortText} and ${hostText}` };
        }
    }
    const protocol = protocolOf(protoText);
    if (!protocol)
        return { error: `invalid proto: ${protoText}` };
    // compose records no target for container port 0, then refuses the entry.
    if (container[0] === 0)
        return { error: "port mapping has no target: container port 0" };
    return {
        hostIp,
        hostPort: host ? host[0] : null,
        hostPortEnd: host ? host[1] : null,
        containerPort: container[0],
        containerPortEnd: container[1],
        protocol,
        hostPortSpan: [hostStart, hostStart + hostText.length],
        hostIpSpan: [0, ipText.length],
    };
}
/** Go's strconv.Atoi: an optional sign and decimal digits. */
function atoi(text) {
    return /^[+-]?[0-9]+$/.test(text) ? Number(text) : null;
}
/**
 * Reads a long-syntax port mapping (values already interpolated) as compose loads it and the engine
 * binds it: `published` and `target` must be what `up` accepts, not only what `config` prints.
 */
function readLongSyntax(port) {
    for (const field of Object.keys(port)) {
        if (!LONG_FIELDS.has(field) && !field.startsWith("x-"))
            return { error: `unsupported port field: ${field}`, field };
    }
    const target = port.target;
    if (target === undefined || target === null)
        return { error: "port mapping has no target", field: "target" };
    const targetPort = typeof target === "number" ? target : atoi(target);
    if (targetPort === null || !Number.isInteger(targetPort)) {
        return { error: `invalid target port: ${String(target)}`, field: "target" };
    }
    if (targetPort < 0)
        return { error: `invalid target port: ${targetPort}`, field: "target" };
    if (targetPort > 65535)
        return { error: `invalid target port: ${targetPort}`, field: "target", afterMerge: true };
    const published = port.published;
    let host = null;
    if (published !== undefined && published !== null && published !== "") {
        const text = String(published);
        host = parsePortRange(text);
        if (!host)
            return { error: `invalid published port: ${text}`, field: "published", afterMerge: true };
    }
    const hostIp = port.host_ip ?? "";
    if (typeof hostIp !== "string")
        return { error: "host_ip must be a string", field: "host_ip" };
    if (port.host_ip !== undefined && port.host_ip !== null && (0,_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .parseIp */ .r5)(hostIp) === null) {
        return { error: `invalid host_ip: ${hostIp}`, field: "host_ip", afterMerge: true };
    }
    const protocol = protocolOf(port.protocol === undefined || port.protocol === null || port.protocol === "" ? "tcp" : String(port.protocol));
    if (!protocol)
        return { error: `invalid protocol: ${String(port.protocol)}`, field: "protocol", afterMerge: true };
    return {
        hostIp,
        hostPort: host ? host[0] : null,
        hostPortEnd: host ? host[1] : null,
        containerPort: targetPort,
        containerPortEnd: targetPort,
        protocol,
    };
}
/** {@link readShortSyntax}, throwing {@link PortSpecError}. */
function parseShortSyntax(raw) {
    const result = readShortSyntax(raw);
    if (isProblem(result))
        throw new PortSpecError(result.error);
    return result;
}
/** {@link readLongSyntax}, throwing {@link PortSpecError}. */
function parseLongSyntax(port) {
    const result = readLongSyntax(port);
    if (isProblem(result))
        throw new PortSpecError(result.error);
    return result;
}
/** Splits a mapping into compose's entries: paired ranges become one entry per port. */
function expandMapping(m) {
    const count = m.containerPortEnd - m.containerPort + 1;
    if (count === 1)
        return [{ ...m }];
    const out = [];
    for (let i = 0; i < count; i++) {
        const host = m.hostPort === null ? null : m.hostPort + i;
        out.push({
            hostIp: m.hostIp,
            hostPort: host,
            hostPortEnd: host,
            containerPort: m.containerPort + i,
            containerPortEnd: m.containerPort + i,
            protocol: m.protocol,
        });
    }
    return out;
}
/**
 * The bindings of one port spec: a short-syntax string (or YAML integer) or a long-syntax mapping.
 * One entry per entry compose creates (`80-82:8080-8082` gives three); a host range against one
 * container port stays one entry whose `hostPortEnd` closes the range the engine picks from.
 * Throws {@link PortSpecError} for an invalid spec.
 */
function parsePortSpec(value) {
    if (typeof value === "number") {
        if (!Number.isInteger(value))
            throw new PortSpecError(`invalid type for port: ${value}`);
        value = String(value);
    }
    if (typeof value === "string") {
        const { hostPortSpan: _h, hostIpSpan: _i, ...mapping } = parseShortSyntax(value);
        return expandMapping(mapping);
    }
    if (value === null || typeof value !== "object")
        throw new PortSpecError("invalid type for port");
    return [parseLongSyntax(value)];
}
/** compose's own record of a spec: `{target, published, host_ip, protocol}` per entry. */
function composePortEntries(value) {
    return parsePortSpec(value).map((m) => ({
        target: m.containerPort,
        published: m.hostPort === null ? "" : m.hostPortEnd !== m.hostPort ? `${m.hostPort}-${m.hostPortEnd}` : `${m.hostPort}`,
        host_ip: m.hostIp,
        protocol: m.protocol,
    }));
}


/***/ }),

/***/ 8632:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  gZ: () => (/* binding */ MAX_FILE_BYTES),
  x6: () => (/* binding */ STAND_IN_SUFFIXES),
  Br: () => (/* binding */ assembleProjects)
});

// UNUSED EXPORTS: BASE_FILES, OVERRIDE_FILES, ZERO_RANGE, isValidProjectName, normalizeProjectName, standInsOf

// EXTERNAL MODULE: ./src/core/collections.ts
var collections = __nccwpck_require__(5478);
;// CONCATENATED MODULE: ./src/core/go-yaml.ts
/**
 * Plain YAML scalars as docker compose's YAML library (go-yaml v3) resolves them. It differs from
 * YAML 1.2's core schema where port numbers are written: `017` is octal 15, `08` is the float 8,
 * `1_000` is 1000, `0b1010` is 10; only `true`/`false` (three spellings) are booleans.
 */
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const SPECIAL_FLOATS = {
    ".nan": Number.NaN,
    ".NaN": Number.NaN,
    ".NAN": Number.NaN,
    ".inf": Number.POSITIVE_INFINITY,
    ".Inf": Number.POSITIVE_INFINITY,
    ".INF": Number.POSITIVE_INFINITY,
    "+.inf": Number.POSITIVE_INFINITY,
    "+.Inf": Number.POSITIVE_INFINITY,
    "+.INF": Number.POSITIVE_INFINITY,
    "-.inf": Number.NEGATIVE_INFINITY,
    "-.Inf": Number.NEGATIVE_INFINITY,
    "-.INF": Number.NEGATIVE_INFINITY,
};
// go-yaml's yamlStyleFloat
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DECIMAL = /^[1-9][0-9]{0,14}$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** Go's strconv.ParseInt(s, 0, 64) and then ParseUint: base prefixes, leading-zero octal. */
function parseGoInt(text) {
    const negative = text.startsWith("-");
    const unsigned = text.replace(/^[+-]/, "");
    let digits = unsigned;
    let base = 10;
    if (/^0[xX]/.test(unsigned)) {
        base = 16;
        digits = unsigned.slice(2);
    }
    else if (/^0[bB]/.test(unsigned)) {
        base = 2;
        digits = unsigned.slice(2);
    }
    else if (/^0[oO]/.test(unsigned)) {
        base = 8;
        digits = unsigned.slice(2);
    }
    else if (/^0[0-9]/.test(unsigned)) {
        base = 8;
        digits = unsigned.slice(1);
    }
    const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
    if (!valid.test(digits))
        return null;
    const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[base];
    const magnitude = BigInt(`${prefix}${digits}`);
    const value = negative ? -magnitude : magnitude;
    if (value > UINT64_MAX || value < -INT64_MAX - 1n)
        return null;
    // Past int64, only ParseUint is left, and it takes no sign.
    if (value > INT64_MAX && /^[+-]/.test(text))
        return null;
    return value;
}
/** How go-yaml v3 resolves the plain (unquoted, untagged) scalar `text`. */
function resolveGoPlain(text) {
    // Most plain scalars (names, images, paths) start with a letter no null, boolean or number starts with.
    const code = text.charCodeAt(0) | 0x20;
    if (code >= 0x61 && code <= 0x7a && code !== 0x6e && code !== 0x74 && code !== 0x66)
        return { kind: "string", value: text };
    if (NULLS.has(text))
        return { kind: "null" };
    if (TRUES.has(text))
        return { kind: "bool", value: true };
    if (FALSES.has(text))
        return { kind: "bool", value: false };
    // Own keys only: `constructor` or `toString` is a string, not a float.
    const special = Object.hasOwn(SPECIAL_FLOATS, text) ? SPECIAL_FLOATS[text] : undefined;
    if (special !== undefined)
        return { kind: "float", value: special };
    const first = text[0];
    if (first === ".") {
        return FLOAT.test(text) ? { kind: "float", value: Number(text) } : { kind: "string", value: text };
    }
    if (!/[-+0-9]/.test(first))
        return { kind: "string", value: text };
    // The common case (a port): decimal digits without a leading zero, well inside a double's exact range.
    if (DECIMAL.test(text))
        return { kind: "int", value: Number(text) };
    const plain = text.replaceAll("_", "");
    const int = parseGoInt(plain);
    if (int !== null)
        return { kind: "int", value: Number(int) };
    if (FLOAT.test(plain))
        return { kind: "float", value: Number(plain) };
    return { kind: "string", value: text };
}

// EXTERNAL MODULE: ./src/core/yaml-nodes.ts + 1 modules
var yaml_nodes = __nccwpck_require__(8657);
;// CONCATENATED MODULE: ./src/core/compose-file.ts



/** The summary of a parsed file. */
function summarize(file) {
    const summary = {
        path: file.path,
        text: file.text,
        services: new Map(),
        volumeNames: new Map(),
        templates: [],
    };
    for (const doc of file.documents) {
        for (const raw of doc.services) {
            const data = (typeof raw.data === "object" && raw.data !== null ? raw.data : {});
            (0,collections/* appendAt */.UH)(summary.services, raw.name, { command: data.command, environment: data.environment });
        }
        for (const [key, volume] of doc.volumes) {
            const value = volume.nameField?.value;
            if (value === null || value === undefined || value === "")
                continue;
            (0,collections/* appendAt */.UH)(summary.volumeNames, key, String(value));
        }
        for (const t of doc.templates)
            if (typeof t.value === "string")
                summary.templates.push(t.value);
    }
    return summary;
}
function tagOf(node) {
    const tag = node?.tag;
    return tag === "!reset" || tag === "!override" ? tag : "";
}
const LONG_PORT_FIELDS = new Set(["target", "published", "host_ip", "protocol", "mode", "app_protocol", "name"]);
const TOP_LEVEL_KEYS = new Set([
    "version",
    "name",
    "include",
    "services",
    "networks",
    "volumes",
    "secrets",
    "configs",
    "models",
]);
/** Service keys docker compose v2.40 knows, with the few later releases add (compose's JSON schema). */
const SERVICE_KEYS = new Set(("annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name " +
    "cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec " +
    "depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file " +
    "environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc " +
    "isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit " +
    "models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_start " +
    "pre_stop privileged profiles provider pull_policy pull_refresh_after read_only restart runtime scale secrets " +
    "security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits " +
    "use_api_socket user userns_mode uts volumes volumes_from working_dir").split(" "));
/** Deeper than this, a value is not data compose could mean: it is reported, not walked. */
const MAX_DEPTH = 200;
/** A non-plain scalar's value: a string, number, boolean or null (anything else as its string). */
function dataOf(v) {
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
}
class Reader {
    source;
    doc;
    constructor(source, doc) {
        this.source = source;
        this.doc = doc;
    }
    scalar(node) {
        if (!(0,yaml_nodes/* isScalar */.jn)(node))
            return null;
        const range = this.source.rangeOf(node);
        if (node.type === "PLAIN" && node.tag === undefined) {
            const resolved = resolveGoPlain(this.plainText(node));
            switch (resolved.kind) {
                case "null":
                    return { value: null, range };
                case "float":
                    return { value: resolved.value, range, float: true };
                default:
                    return { value: resolved.value, range };
            }
        }
        return { value: dataOf(node.value), range };
    }
    /** A scalar's value alone, as {@link scalar} reads it (no range: plain data has no positions). */
    value(node) {
        if (node.type === "PLAIN" && node.tag === undefined) {
            const resolved = resolveGoPlain(this.plainText(node));
            return resolved.kind === "null" ? null : resolved.value;
        }
        return dataOf(node.value);
    }
    plainText(node) {
        if (typeof node.source === "string")
            return node.source;
        const r = node.range;
        return r ? this.source.text.slice(r[0], r[1]) : "";
    }
    requireScalar(node, what) {
        const s = this.scalar(node);
        if (!s)
            throw new yaml_nodes/* YamlStructureError */.nu(`${what} must be a string`, node);
        return s;
    }
    /** The entries of a mapping; a `!reset` value removes its key here (merge keys may then supply it). */
    entries(map) {
        return (0,yaml_nodes/* mapEntries */.Nn)(map, this.source, this.doc);
    }
    range(node) {
        return node ? this.source.rangeOf(node) : this.source.range(0, 0);
    }
    /** A node as plain data, the way compose compares imported resources. */
    data(node, depth = 0) {
        if (depth > MAX_DEPTH)
            throw new yaml_nodes/* YamlStructureError */.nu("nested too deeply", node);
        if (node === null)
            return null;
        if ((0,yaml_nodes/* isScalar */.jn)(node))
            return this.value(node);
        if ((0,yaml_nodes/* isSeq */.oP)(node))
            return (0,yaml_nodes/* seqItems */.Sg)(node, this.source, this.doc).map((n) => this.data(n, depth + 1));
        if ((0,yaml_nodes/* isMap */.jh)(node)) {
            const out = {};
            for (const e of this.entries(node))
                out[e.key] = this.data(e.value, depth + 1);
            return out;
        }
        return null;
    }
}
function isNull(node) {
    return node === null || ((0,yaml_nodes/* isScalar */.jn)(node) && node.value === null);
}
function readPortField(r, name, node) {
    const s = r.scalar(node);
    if (name === "target" || name === "published") {
        // An integral float passes the schema (a target is then cast; published fails after merging).
        const number = typeof s?.value === "number" && Number.isInteger(s.value);
        const integral = s !== null && (typeof s.value === "string" || number);
        if (!integral || s === null)
            throw new yaml_nodes/* YamlStructureError */.nu(`ports.${name} must be an integer or a string`, node);
        return s;
    }
    if (!s || (typeof s.value !== "string" && !name.startsWith("x-"))) {
        throw new yaml_nodes/* YamlStructureError */.nu(`ports.${name} must be a string`, node);
    }
    return s;
}
function readPorts(r, node, keyNode) {
    if (!(0,yaml_nodes/* isSeq */.oP)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("ports must be a list", isNull(node) ? keyNode : node);
    const ports = [];
    for (const item of (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc)) {
        if ((0,yaml_nodes/* isScalar */.jn)(item)) {
            const value = r.scalar(item);
            if (typeof value.value !== "string" && typeof value.value !== "number") {
                throw new yaml_nodes/* YamlStructureError */.nu("a port must be a number, a string or a mapping", item);
            }
            if (value.float)
                throw new yaml_nodes/* YamlStructureError */.nu(`invalid type float64 for port: ${String(value.value)}`, item);
            ports.push({ kind: "short", value });
        }
        else if ((0,yaml_nodes/* isMap */.jh)(item)) {
            const fields = {};
            for (const e of r.entries(item)) {
                if (!LONG_PORT_FIELDS.has(e.key) && !e.key.startsWith("x-")) {
                    throw new yaml_nodes/* YamlStructureError */.nu(`unsupported port field: ${e.key}`, e.keyNode);
                }
                if (e.key.startsWith("x-"))
                    continue;
                fields[e.key] = readPortField(r, e.key, e.value);
            }
            if (!fields.target)
                throw new yaml_nodes/* YamlStructureError */.nu("port mapping has no target", item);
            ports.push({ kind: "long", range: r.range(item), fields });
        }
        else {
            throw new yaml_nodes/* YamlStructureError */.nu("a port must be a number, a string or a mapping", item);
        }
    }
    return ports;
}
function readMounts(r, node) {
    if (!(0,yaml_nodes/* isSeq */.oP)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("volumes must be a list", node);
    const mounts = [];
    for (const item of (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc)) {
        if ((0,yaml_nodes/* isScalar */.jn)(item)) {
            mounts.push({ kind: "short", value: r.requireScalar(item, "a volume") });
        }
        else if ((0,yaml_nodes/* isMap */.jh)(item)) {
            const fields = new Map(r.entries(item).map((e) => [e.key, e.value]));
            mounts.push({
                kind: "long",
                range: r.range(item),
                type: r.scalar(fields.get("type") ?? null),
                source: r.scalar(fields.get("source") ?? null),
                target: r.scalar(fields.get("target") ?? null),
            });
        }
        else {
            throw new yaml_nodes/* YamlStructureError */.nu("a volume must be a string or a mapping", item);
        }
    }
    return mounts;
}
function readLabels(r, node) {
    if (node === null)
        return (0,collections/* emptyMap */.MZ)();
    const labels = new Map();
    if ((0,yaml_nodes/* isMap */.jh)(node)) {
        for (const e of r.entries(node)) {
            const s = r.scalar(e.value);
            if (s)
                labels.set(e.key, s);
        }
    }
    else if ((0,yaml_nodes/* isSeq */.oP)(node)) {
        for (const item of (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc)) {
            const s = r.scalar(item);
            if (!s || typeof s.value !== "string")
                continue;
            const eq = s.value.indexOf("=");
            const key = eq === -1 ? s.value : s.value.slice(0, eq);
            labels.set(key, { value: eq === -1 ? "" : s.value.slice(eq + 1), range: s.range });
        }
    }
    return labels.size === 0 ? (0,collections/* emptyMap */.MZ)() : labels;
}
function readProfiles(r, node) {
    if (!(0,yaml_nodes/* isSeq */.oP)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("profiles must be a list", node);
    return (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc).map((n) => {
        const s = r.scalar(n);
        if (!s || typeof s.value !== "string")
            throw new yaml_nodes/* YamlStructureError */.nu("a profile must be a string", n);
        return s;
    });
}
function readService(r, name, keyNode, node) {
    const service = {
        name,
        keyRange: r.range(keyNode),
        image: null,
        build: null,
        labels: (0,collections/* emptyMap */.MZ)(),
        category: null,
        ports: null,
        networkMode: null,
        volumes: null,
        profiles: null,
        healthcheck: null,
        restart: null,
        deployRestart: false,
        extends: null,
        envFiles: [],
        platform: null,
        buildPlatforms: null,
        resets: new Set(),
        overrides: new Set(),
        data: null,
        empty: isNull(node),
    };
    if (service.empty)
        return service;
    if (!(0,yaml_nodes/* isMap */.jh)(node))
        throw new yaml_nodes/* YamlStructureError */.nu(`service ${name} must be a mapping`, node);
    for (const e of r.entries(node)) {
        const v = e.value;
        if (!SERVICE_KEYS.has(e.key) && !e.key.startsWith("x-")) {
            throw new yaml_nodes/* YamlStructureError */.nu(`services.${name}: ${e.key} is not a compose service key`, e.keyNode);
        }
        const tag = tagOf(v);
        if (tag === "!reset") {
            service.resets.add(e.key);
            continue;
        }
        if (tag === "!override")
            service.overrides.add(e.key);
        switch (e.key) {
            case "image":
                service.image = r.scalar(v);
                break;
            case "build":
                service.build = r.range(v ?? e.keyNode);
                if ((0,yaml_nodes/* isMap */.jh)(v)) {
                    const platforms = r.entries(v).find((x) => x.key === "platforms");
                    if (platforms && (0,yaml_nodes/* isSeq */.oP)(platforms.value)) {
                        service.buildPlatforms = (0,yaml_nodes/* seqItems */.Sg)(platforms.value, r.source, r.doc).flatMap((n) => r.scalar(n) ?? []);
                    }
                }
                break;
            case "platform":
                service.platform = r.scalar(v);
                break;
            case "env_file":
                service.envFiles = readEnvFiles(r, v);
                break;
            case "labels":
                service.labels = readLabels(r, v);
                break;
            case "x-portguard":
                if ((0,yaml_nodes/* isMap */.jh)(v)) {
                    const category = r.entries(v).find((x) => x.key === "category");
                    service.category = category ? r.scalar(category.value) : null;
                }
                break;
            case "ports":
                service.ports = readPorts(r, v, e.keyNode);
                break;
            case "network_mode":
                service.networkMode = r.scalar(v);
                break;
            case "volumes":
                service.volumes = readMounts(r, v);
                break;
            case "profiles":
                service.profiles = readProfiles(r, v);
                break;
            case "healthcheck":
                service.healthcheck = readHealthcheck(r, v, e.keyNode);
                break;
            case "restart":
                service.restart = r.scalar(v);
                break;
            case "deploy":
                if ((0,yaml_nodes/* isMap */.jh)(v))
                    service.deployRestart = r.entries(v).some((x) => x.key === "restart_policy" && x.value !== null);
                break;
            case "extends":
                service.extends = readExtends(r, v);
                break;
        }
    }
    service.data = r.data(node);
    return service;
}
function readEnvFiles(r, node) {
    const items = (0,yaml_nodes/* isSeq */.oP)(node) ? (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc) : [node];
    return items.map((item) => {
        if ((0,yaml_nodes/* isMap */.jh)(item)) {
            const fields = r.entries(item);
            const path = fields.find((f) => f.key === "path");
            if (!path)
                throw new yaml_nodes/* YamlStructureError */.nu("an env_file entry needs a path", item);
            const required = fields.find((f) => f.key === "required");
            const optional = r.scalar(required?.value ?? null)?.value === false;
            return { path: r.requireScalar(path.value, "env_file.path"), required: !optional };
        }
        return { path: r.requireScalar(item, "env_file"), required: true };
    });
}
function readHealthcheck(r, node, keyNode) {
    if (!(0,yaml_nodes/* isMap */.jh)(node))
        return { range: r.range(keyNode), disabled: false };
    let disabled = false;
    for (const e of r.entries(node)) {
        if (e.key === "disable" && (0,yaml_nodes/* isScalar */.jn)(e.value) && e.value.value === true)
            disabled = true;
        if (e.key === "test") {
            const test = (0,yaml_nodes/* isSeq */.oP)(e.value) ? (0,yaml_nodes/* seqItems */.Sg)(e.value, r.source, r.doc)[0] : e.value;
            if ((0,yaml_nodes/* isScalar */.jn)(test) && test.value === "NONE")
                disabled = true;
        }
    }
    return { range: r.range(node), disabled };
}
function readExtends(r, node) {
    if ((0,yaml_nodes/* isScalar */.jn)(node))
        return { range: r.range(node), service: r.requireScalar(node, "extends"), file: null };
    if (!(0,yaml_nodes/* isMap */.jh)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("extends must be a string or a mapping", node);
    let service = null;
    let file = null;
    for (const e of r.entries(node)) {
        if (e.key === "service")
            service = r.requireScalar(e.value, "extends.service");
        if (e.key === "file")
            file = r.requireScalar(e.value, "extends.file");
    }
    if (!service)
        throw new yaml_nodes/* YamlStructureError */.nu("extends needs a service", node);
    return { range: r.range(node), service, file };
}
function readVolumes(r, node, resets) {
    const volumes = new Map();
    if (isNull(node))
        return volumes;
    if (!(0,yaml_nodes/* isMap */.jh)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("volumes must be a mapping", node);
    for (const e of r.entries(node)) {
        if (tagOf(e.value) === "!reset") {
            resets.add(e.key);
            continue;
        }
        const volume = {
            name: e.key,
            keyRange: r.range(e.keyNode),
            nameField: null,
            external: false,
            data: r.data(e.value),
        };
        if ((0,yaml_nodes/* isMap */.jh)(e.value)) {
            for (const f of r.entries(e.value)) {
                if (f.key === "name")
                    volume.nameField = r.scalar(f.value);
                if (f.key === "external") {
                    const ext = f.value;
                    volume.external = (0,yaml_nodes/* isMap */.jh)(ext) || ((0,yaml_nodes/* isScalar */.jn)(ext) && (ext.value === true || ext.value === "true"));
                }
            }
        }
        volumes.set(e.key, volume);
    }
    return volumes;
}
function readIncludes(r, node) {
    if (node === null)
        return [];
    if (!(0,yaml_nodes/* isSeq */.oP)(node))
        throw new yaml_nodes/* YamlStructureError */.nu("include must be a list", node);
    const includes = [];
    for (const item of (0,yaml_nodes/* seqItems */.Sg)(node, r.source, r.doc)) {
        if ((0,yaml_nodes/* isScalar */.jn)(item)) {
            includes.push({
                range: r.range(item),
                paths: [r.requireScalar(item, "include")],
                projectDirectory: null,
                envFiles: [],
            });
            continue;
        }
        if (!(0,yaml_nodes/* isMap */.jh)(item))
            throw new yaml_nodes/* YamlStructureError */.nu("an include must be a path or a mapping", item);
        const include = { range: r.range(item), paths: [], projectDirectory: null, envFiles: [] };
        for (const e of r.entries(item)) {
            const list = (0,yaml_nodes/* isSeq */.oP)(e.value) ? (0,yaml_nodes/* seqItems */.Sg)(e.value, r.source, r.doc) : [e.value];
            if (e.key === "path")
                include.paths = list.map((n) => r.requireScalar(n, "include.path"));
            if (e.key === "env_file")
                include.envFiles = list.map((n) => r.requireScalar(n, "include.env_file"));
            if (e.key === "project_directory")
                include.projectDirectory = r.scalar(e.value);
        }
        if (include.paths.length === 0)
            throw new yaml_nodes/* YamlStructureError */.nu("an include needs a path", item);
        includes.push(include);
    }
    return includes;
}
/**
 * Every string scalar with a `$` in it (visiting anchors where they are defined, never through
 * aliases; not in values tagged `!reset`, which compose drops before interpolating).
 */
function collectTemplates(r, root) {
    const out = [];
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop();
        if ((0,yaml_nodes/* isScalar */.jn)(node)) {
            if (typeof node.value === "string" && node.value.includes("$") && node.tag !== "!reset") {
                out.push(r.scalar(node));
            }
        }
        else if ((0,yaml_nodes/* isMap */.jh)(node)) {
            for (const pair of node.items)
                if (tagOf(pair.value) !== "!reset")
                    stack.push(pair.value);
        }
        else if ((0,yaml_nodes/* isSeq */.oP)(node)) {
            for (const item of node.items)
                stack.push(item);
        }
    }
    return out;
}
function emptyDocument() {
    return {
        name: null,
        services: [],
        volumes: new Map(),
        includes: [],
        templates: [],
        resetServices: new Set(),
        resetVolumes: new Set(),
    };
}
function readDocument(r) {
    const result = emptyDocument();
    const root = r.doc.contents;
    if (!(0,yaml_nodes/* isMap */.jh)(root))
        throw new yaml_nodes/* YamlStructureError */.nu("top-level object must be a mapping", root);
    for (const e of r.entries(root)) {
        if (!TOP_LEVEL_KEYS.has(e.key) && !e.key.startsWith("x-")) {
            throw new yaml_nodes/* YamlStructureError */.nu(`${e.key} is not a compose top-level key`, e.keyNode);
        }
        if (["networks", "volumes", "secrets", "configs", "models"].includes(e.key) &&
            !(0,yaml_nodes/* isMap */.jh)(e.value) &&
            tagOf(e.value) !== "!reset") {
            throw new yaml_nodes/* YamlStructureError */.nu(`${e.key} must be a mapping`, isNull(e.value) ? e.keyNode : e.value);
        }
        if ((e.key === "version" || e.key === "name") && typeof r.scalar(e.value)?.value !== "string") {
            throw new yaml_nodes/* YamlStructureError */.nu(`${e.key} must be a string`, e.value ?? e.keyNode);
        }
        switch (e.key) {
            case "name":
                result.name = r.scalar(e.value);
                break;
            case "services": {
                if (!(0,yaml_nodes/* isMap */.jh)(e.value)) {
                    throw new yaml_nodes/* YamlStructureError */.nu("services must be a mapping", isNull(e.value) ? e.keyNode : e.value);
                }
                for (const s of r.entries(e.value)) {
                    if (tagOf(s.value) === "!reset")
                        result.resetServices.add(s.key);
                    else
                        result.services.push(readService(r, s.key, s.keyNode, s.value));
                }
                break;
            }
            case "volumes":
                result.volumes = readVolumes(r, e.value, result.resetVolumes);
                break;
            case "include":
                result.includes = readIncludes(r, e.value);
                break;
        }
    }
    result.templates = collectTemplates(r, root);
    return result;
}
/** Reads a compose file. Never throws: what compose would refuse becomes a problem with a position. */
function parseCompose(text, path = "compose.yaml") {
    const source = new yaml_nodes/* YamlSource */.rC(text);
    if (source.error) {
        return { path, text, documents: [], problems: [source.error], malformed: true, empty: false };
    }
    const documents = [];
    const problems = [];
    for (const doc of source.documents) {
        if (isNull(doc.contents))
            continue;
        try {
            documents.push(readDocument(new Reader(source, doc)));
        }
        catch (error) {
            if (!(error instanceof yaml_nodes/* YamlStructureError */.nu))
                throw error;
            problems.push({ message: error.message, range: error.node ? source.rangeOf(error.node) : source.range(0, 0) });
        }
    }
    return { path, text, documents, problems, malformed: false, empty: documents.length === 0 && problems.length === 0 };
}

// EXTERNAL MODULE: ./src/core/interpolation.ts
var interpolation = __nccwpck_require__(821);
// EXTERNAL MODULE: ./src/core/line-index.ts
var line_index = __nccwpck_require__(5240);
;// CONCATENATED MODULE: ./src/core/dotenv.ts
/**
 * `.env` parsing exactly as compose-go's `dotenv` package does it, keeping the line and columns of
 * every key so diagnostics can point at it. Error messages never quote a value: `.env` files hold
 * secrets.
 */


// Go regexp `\s` is [\t\n\f\r ].
const EXPORT = /^export[\t\n\f\r ]+/;
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
// Go's unicode.IsSpace for the characters compose-go's parser meets.
function isUnicodeSpace(c) {
    return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}
// compose-go's isSpace: a space that is not a line break.
function isInlineSpace(c) {
    return c === "\t" || c === "\v" || c === "\f" || c === "\r" || c === " " || c === "\u0085" || c === "\u00a0";
}
const KEY_LETTER = /^[\p{L}\p{N}]$/u;
function isKeyLetter(c) {
    return KEY_LETTER.test(c);
}
const ESCAPES = {
    a: "\u0007",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
    '"': '"',
    "\\": "\\",
};
function expandEscapes(s) {
    return s.replace(ESCAPE, (match) => {
        const c = match[1];
        if (c === "$")
            return "$$";
        if (c === "0") {
            // `\0123` is Go's octal `\123`; UnquoteChar needs exactly three octal digits.
            const digits = match.slice(2);
            if (digits.length !== 3 || !/^[0-7]{3}$/.test(digits))
                return match;
            const code = Number.parseInt(digits, 8);
            return code > 255 ? match : String.fromCharCode(code);
        }
        return ESCAPES[c] ?? match;
    });
}
class EnvSyntaxError extends Error {
    line;
    column;
    constructor(message, line, column) {
        super(message);
        this.line = line;
        this.column = column;
    }
}
/** Where the key of the statement at `pos` starts: after an `export` prefix and its spaces. */
function keyStartAt(src, pos) {
    if (!EXPORT.test(src.slice(pos)))
        return pos;
    let keyStart = pos + "export".length;
    while (keyStart < src.length && isInlineSpace(src[keyStart]))
        keyStart++;
    return keyStart;
}
/**
 * The end of the key from `keyStart` and the separator there (`=`, `:`, a line break; "" at the end
 * of the text), validating characters as compose-go does.
 */
function scanKey(src, keyStart, lines) {
    let i = keyStart;
    while (i < src.length) {
        const cp = src.codePointAt(i);
        const c = String.fromCodePoint(cp);
        if (c === "=" || c === ":" || c === "\n")
            return { end: i, separator: c };
        if (!isInlineSpace(c) && !"_.-[]".includes(c) && !isKeyLetter(c)) {
            throw new EnvSyntaxError(`unexpected character ${JSON.stringify(c)} in variable name`, lines.lineOf(i), lines.columnOf(i));
        }
        i += c.length;
    }
    return { end: i, separator: "" };
}
function envEntry(key, value, line, column, raw, quote) {
    return { key, value, line, column, endColumn: column + key.length, raw, quote };
}
/**
 * Parses the text of a `.env` file. `lookup` is consulted first for `${...}` inside values, as
 * compose consults the process environment; then keys defined earlier in the same file.
 */
function parseEnvFile(text, lookup) {
    const shell = lookup === undefined ? undefined : (0,interpolation/* toLookup */.Qg)(lookup);
    const values = new Map();
    const entries = [];
    const errors = [];
    const src = text.startsWith("\ufeff") ? text.slice(1) : text;
    const resolve = (name) => {
        const fromLookup = shell?.(name);
        if (fromLookup !== undefined)
            return fromLookup;
        return values.get(name);
    };
    const lines = new line_index/* LineIndex */.r(src);
    let pos = 0;
    try {
        for (;;) {
            pos = statementStart(src, pos);
            if (pos >= src.length)
                break;
            const keyStart = keyStartAt(src, pos);
            const { end: i, separator } = scanKey(src, keyStart, lines);
            // compose-go quirk: a last line without separator is the value of the empty key.
            const atEnd = separator === "";
            const key = atEnd ? "" : src.slice(keyStart, i).replace(/[\s\u0085\u00a0]+$/u, "");
            const keyLine = lines.lineOf(keyStart);
            const keyColumn = lines.columnOf(keyStart);
            if (key.includes(" "))
                throw new EnvSyntaxError("key cannot contain a space", keyLine, keyColumn);
            if (separator === "\n") {
                // A bare `KEY` line inherits the value from the environment, else the key stays absent.
                const inherited = shell?.(key);
                if (inherited !== undefined) {
                    values.set(key, inherited);
                    entries.push(envEntry(key, inherited, keyLine, keyColumn, "", ""));
                }
                pos = i + 1;
                continue;
            }
            let v = atEnd ? keyStart : i + 1;
            while (v < src.length && isInlineSpace(src[v]))
                v++;
            const read = readValue(src, v, (value) => expand(value, resolve, keyLine, keyColumn));
            if (read === null)
                throw new EnvSyntaxError("unterminated quoted value", keyLine, keyColumn);
            values.set(key, read.value);
            if (!atEnd)
                entries.push(envEntry(key, read.value, keyLine, keyColumn, read.raw, read.quote));
            pos = read.next;
        }
    }
    catch (error) {
        if (!(error instanceof EnvSyntaxError))
            throw error;
        errors.push({ message: error.message, line: error.line, column: error.column });
    }
    const record = Object.create(null);
    for (const [key, value] of values)
        record[key] = value;
    return { values: record, entries, errors };
}
/** Reads the value starting at `v`; null when a quoted value is never closed. */
function readValue(src, v, expandValue) {
    const quote = src[v];
    if (quote !== '"' && quote !== "'") {
        const nl = src.indexOf("\n", v);
        const raw = src.slice(v, nl === -1 ? src.length : nl);
        const comment = raw.indexOf(" #");
        const value = (comment >= 0 ? raw.slice(0, comment) : raw).replace(/[\s\u0085\u00a0]+$/u, "");
        return { value: expandValue(value), raw: raw.trim(), quote: "", next: nl === -1 ? src.length : nl + 1 };
    }
    let escaped = false;
    let chars = "";
    for (let j = v + 1; j < src.length; j++) {
        const c = src[j];
        if (c !== quote) {
            if (!escaped && c === "\\") {
                escaped = true;
                continue;
            }
            if (escaped) {
                escaped = false;
                chars += "\\";
            }
            chars += c;
            continue;
        }
        if (escaped) {
            escaped = false;
            chars += c;
            continue;
        }
        const value = quote === '"' ? expandValue(expandEscapes(chars)) : chars;
        return { value, raw: src.slice(v, j + 1), quote, next: j + 1 };
    }
    return null;
}
function expand(value, lookup, line, column) {
    try {
        return (0,interpolation/* interpolate */.GW)(value, lookup);
    }
    catch (error) {
        if (error instanceof interpolation/* InterpolationError */.Dn) {
            const what = error.kind === "syntax" ? "invalid interpolation in value" : error.message;
            throw new EnvSyntaxError(what, line, column);
        }
        throw error;
    }
}
/** Skips whitespace and `#` comment lines; returns the offset of the next statement. */
function statementStart(src, from) {
    let pos = from;
    for (;;) {
        while (pos < src.length && isUnicodeSpace(src[pos]))
            pos++;
        if (pos >= src.length)
            return src.length;
        if (src[pos] !== "#")
            return pos;
        const nl = src.indexOf("\n", pos);
        if (nl === -1)
            return src.length;
        pos = nl;
    }
}

// EXTERNAL MODULE: ./src/core/globs.ts
var globs = __nccwpck_require__(8684);
// EXTERNAL MODULE: ./src/core/images.ts
var core_images = __nccwpck_require__(6881);
;// CONCATENATED MODULE: ./src/core/model.ts
/** The variables a compose file is interpolated with. */
class Environment {
    vars;
    files;
    constructor(vars, 
    /** The env files consulted, most specific first (for "declared in" messages). */
    files) {
        this.vars = vars;
        this.files = files;
    }
    get(name) {
        return this.vars.get(name);
    }
    lookup = (name) => this.vars.get(name)?.value;
    /** A copy where `over` wins and this environment fills the gaps (compose's include rule). */
    overlay(over) {
        const merged = new Map(this.vars);
        for (const [k, v] of over.vars)
            merged.set(k, v);
        return new Environment(merged, [...over.files, ...this.files.filter((f) => !over.files.includes(f))]);
    }
}

// EXTERNAL MODULE: ./src/core/paths.ts
var core_paths = __nccwpck_require__(6107);
// EXTERNAL MODULE: ./src/core/port-spec.ts
var port_spec = __nccwpck_require__(3574);
;// CONCATENATED MODULE: ./src/core/resolve-service.ts
/**
 * Turning one raw service definition into resolved data with a given environment: interpolated
 * values, port mappings with the provenance of their host port, mounts. Merging of definitions
 * (overrides, extends, include) works on these drafts, with compose's rules: `!reset` clears what a
 * definition merges over, `!override` replaces it, ports collapse by compose's own key.
 */



/** A value that is a port number (or range) is no secret; anything else from the environment may be. */
function mayBeSecret(value) {
    return value !== "" && (0,port_spec/* parsePortRange */.mK)(value) === null;
}
function quotedValues(segments) {
    const out = [];
    for (const s of segments) {
        if (s.reference && s.reference.source === "variable" && mayBeSecret(s.text))
            out.push([s.text, s.reference.name]);
    }
    return out.sort((a, b) => b[0].length - a[0].length);
}
/** `message` with every environment value it quotes replaced by the variable's name. */
function redact(message, quoted) {
    let out = message;
    for (const [value, name] of quoted)
        out = out.split(value).join(`\${${name}}`);
    return out;
}
class Resolver {
    file;
    env;
    problems;
    constructor(file, env, problems) {
        this.file = file;
        this.env = env;
        this.problems = problems;
    }
    location(scalar) {
        return { file: this.file, range: scalar.range };
    }
    problem(scalar, message, quoted = []) {
        this.problems.push({ location: this.location(scalar), message: redact(message, quoted) });
    }
    /** Interpolates a scalar; an invalid template or a missing required value is a problem and gives null. */
    expand(scalar) {
        if (!scalar || scalar.value === null)
            return null;
        if (typeof scalar.value !== "string")
            return { value: String(scalar.value), quoted: [] };
        if (!scalar.value.includes("$"))
            return { value: scalar.value, quoted: [] };
        try {
            const r = (0,interpolation/* interpolateDetailed */.kT)(scalar.value, this.env.lookup);
            return { value: r.value, quoted: quotedValues(r.segments) };
        }
        catch (error) {
            this.interpolationProblem(scalar, error);
            return null;
        }
    }
    text(scalar) {
        return this.expand(scalar)?.value ?? null;
    }
    interpolationProblem(scalar, e) {
        this.problem(scalar, e.kind === "syntax" ? `${e.message}; escape a literal $ as $$` : e.message);
    }
    service(raw) {
        const labels = raw.labels.size === 0
            ? (0,collections/* emptyMap */.MZ)()
            : new Map([...raw.labels].map(([k, v]) => [k, this.text(v) ?? ""]));
        const networkModeText = this.text(raw.networkMode);
        return {
            name: raw.name,
            location: { file: this.file, range: raw.keyRange },
            image: this.text(raw.image),
            hasBuild: raw.build !== null,
            labels,
            xCategory: this.text(raw.category),
            ports: raw.ports === null ? null : raw.ports.map((p) => this.port(p)),
            networkMode: raw.networkMode && networkModeText !== null
                ? { value: networkModeText, location: this.location(raw.networkMode) }
                : null,
            mounts: raw.volumes === null ? null : (0,collections/* present */.Eb)(raw.volumes.map((m) => this.mount(m))),
            profiles: raw.profiles === null ? null : raw.profiles.map((p) => this.text(p) ?? ""),
            healthcheck: raw.healthcheck ? { disabled: raw.healthcheck.disabled } : null,
            restart: this.text(raw.restart),
            deployRestart: raw.deployRestart,
            platform: raw.platform ? { value: this.text(raw.platform) ?? "", location: this.location(raw.platform) } : null,
            buildPlatforms: raw.buildPlatforms?.map((p) => this.text(p) ?? "") ?? null,
            resets: raw.resets,
            overrides: raw.overrides,
        };
    }
    /**
     * Interpolates a port template. A missing `${VAR:?}` is a problem (compose refuses the file); the
     * template is still read with a stand-in value to learn which variable writes the host port.
     */
    interpolatePort(template, scalar) {
        const placeholders = new Map();
        let missing = null;
        for (let attempt = 0; attempt < 8; attempt++) {
            try {
                const result = (0,interpolation/* interpolateDetailed */.kT)(template, (name) => placeholders.get(name) ?? this.env.lookup(name));
                return { segments: result.segments, value: result.value, missing };
            }
            catch (error) {
                const e = error;
                if (e.kind === "syntax" || !e.variable) {
                    this.interpolationProblem(scalar, e);
                    return null;
                }
                if (missing === null)
                    this.interpolationProblem(scalar, e);
                missing ??= e.variable;
                placeholders.set(e.variable, "1");
            }
        }
        return null;
    }
    port(raw) {
        if (raw.kind === "short")
            return this.shortPort(raw.value);
        return this.longPort(raw);
    }
    /** A draft with nothing resolved yet. */
    draft(location, written) {
        return {
            location,
            written,
            mapping: null,
            hostSource: { kind: "none" },
            variableValue: null,
            defaultValue: null,
            invalidVariable: null,
            missingRequired: null,
            keys: [],
            environment: this.env,
            hostTemplateSpan: null,
            upProblem: null,
        };
    }
    shortPort(scalar) {
        const template = String(scalar.value ?? "");
        const base = this.draft(this.location(scalar), template);
        const interpolated = this.interpolatePort(template, scalar);
        if (!interpolated)
            return base;
        const span = hostSpan(interpolated.value);
        Object.assign(base, this.provenance(interpolated.segments, span), { missingRequired: interpolated.missing });
        if (base.missingRequired)
            return base;
        const m = (0,port_spec/* readShortSyntax */.wG)(interpolated.value);
        if ((0,port_spec/* isProblem */.AN)(m)) {
            if (!base.invalidVariable)
                this.problem(scalar, `invalid port mapping: ${m.error}`, quotedValues(interpolated.segments));
            return base;
        }
        const { hostPortSpan: _s, hostIpSpan: _i, ...mapping } = m;
        base.mapping = mapping;
        base.keys = shortKeys(mapping);
        return base;
    }
    longPort(raw) {
        const published = raw.fields.published ?? null;
        const anchor = published ?? raw.fields.target ?? { range: raw.range };
        const template = published && published.value !== null ? String(published.value) : "";
        const base = this.draft(this.location(anchor), template);
        const fields = {};
        const quoted = [];
        for (const [name, scalar] of Object.entries(raw.fields)) {
            if (name === "published")
                continue;
            const expanded = this.expand(scalar);
            if (expanded === null)
                return base;
            quoted.push(...expanded.quoted);
            // compose casts an interpolated target to an integer (strconv.Atoi); a YAML number stays one.
            fields[name] = typeof scalar.value === "number" ? scalar.value : expanded.value;
        }
        if (published && published.value !== null) {
            if (typeof published.value === "string") {
                const interpolated = this.interpolatePort(published.value, published);
                if (!interpolated)
                    return base;
                fields.published = interpolated.value;
                quoted.push(...quotedValues(interpolated.segments));
                Object.assign(base, this.provenance(interpolated.segments, [0, interpolated.value.length]), {
                    missingRequired: interpolated.missing,
                });
                if (base.missingRequired)
                    return base;
            }
            else {
                fields.published = String(published.value);
                base.hostSource = { kind: "literal" };
                base.hostTemplateSpan = [0, fields.published.length];
            }
        }
        // A float does not decode into compose's string field, which it finds only after merging.
        const mapping = published?.float
            ? {
                error: `published must be an integer or a string, not ${String(published.value)}`,
                field: "published",
                afterMerge: true,
            }
            : (0,port_spec/* readLongSyntax */.u_)(fields);
        if ((0,port_spec/* isProblem */.AN)(mapping)) {
            const field = mapping.field ? raw.fields[mapping.field] : undefined;
            if (base.invalidVariable)
                return base;
            const problem = {
                location: this.location(field ?? anchor),
                message: redact(`invalid port mapping: ${mapping.error}`, quoted),
            };
            if (!mapping.afterMerge) {
                this.problems.push(problem);
                return base;
            }
            // Kept with a key of its own, so that a later !reset or !override can still drop it.
            base.upProblem = problem;
            base.keys = [longKey(raw, fields)];
            return base;
        }
        base.mapping = mapping;
        base.keys = [longKey(raw, fields)];
        return base;
    }
    /** Which variable (if any) wrote the host port, and whether its `.env` value is a usable port. */
    provenance(segments, span) {
        const result = {
            hostSource: { kind: "none" },
            variableValue: null,
            defaultValue: null,
            invalidVariable: null,
            hostTemplateSpan: null,
        };
        if (!span)
            return result;
        const [s, e] = span;
        const refs = [];
        let literal = false;
        // An empty segment (a variable that expanded to "") counts where it sits.
        const touches = (seg) => seg.text === "" ? s <= seg.start && seg.start <= e : seg.start < e && s < seg.start + seg.text.length;
        let templateStart = Number.POSITIVE_INFINITY;
        let templateEnd = -1;
        for (const seg of segments) {
            if (!touches(seg))
                continue;
            if (seg.reference)
                refs.push(seg.reference);
            else
                literal = true;
            // A literal segment may hold more than the host port: map the span's own characters.
            const from = seg.reference ? seg.templateStart : seg.templateStart + Math.max(0, s - seg.start);
            const to = seg.reference ? seg.templateEnd : seg.templateStart + Math.min(seg.text.length, e - seg.start);
            templateStart = Math.min(templateStart, from);
            templateEnd = Math.max(templateEnd, to);
        }
        if (templateEnd >= 0)
            result.hostTemplateSpan = [templateStart, templateEnd];
        if (refs.length === 0) {
            result.hostSource = literal ? { kind: "literal" } : { kind: "none" };
            return result;
        }
        if (refs.length > 1 || literal) {
            result.hostSource = { kind: "mixed", references: refs };
            return result;
        }
        const reference = refs[0];
        result.hostSource = { kind: "variable", reference };
        const value = this.env.get(reference.name);
        result.variableValue = value ?? null;
        if (reference.argument !== null && (0,interpolation/* hasDefault */.eS)(reference)) {
            try {
                result.defaultValue = (0,interpolation/* interpolateDetailed */.kT)(reference.argument, this.env.lookup).value;
            }
            catch {
                result.defaultValue = null;
            }
        }
        // A `.env` value that is not a port is PG301's business alone; an empty one publishes a random port.
        const fromEnvFile = value?.origin.kind === "env-file" && reference.source === "variable";
        if (fromEnvFile && value.value !== "" && (0,port_spec/* parsePortRange */.mK)(value.value) === null) {
            result.invalidVariable = reference.name;
        }
        return result;
    }
    mount(raw) {
        if (raw.kind === "short") {
            const spec = this.expand(raw.value);
            if (spec === null)
                return null;
            const parsed = parseVolumeSpec(spec.value);
            if (!parsed) {
                this.problem(raw.value, `invalid volume spec: ${spec.value}`, spec.quoted);
                return null;
            }
            // Written out, not spread: a spread gave each of these objects a hidden class of its own.
            return { kind: parsed.kind, source: parsed.source, target: parsed.target, location: this.location(raw.value) };
        }
        const type = this.text(raw.type) ?? "volume";
        const source = this.text(raw.source) ?? "";
        const target = this.text(raw.target) ?? "";
        const location = this.location(raw.target ?? raw.source ?? { range: raw.range });
        const kind = type === "volume"
            ? source === ""
                ? "anonymous"
                : "volume"
            : type === "bind"
                ? "bind"
                : type === "tmpfs"
                    ? "tmpfs"
                    : "other";
        return { kind, source, target, location };
    }
}
/** [start, end) of the host-port part of a short-syntax string, null when it has none. */
function hostSpan(spec) {
    const parts = spec.split(":");
    if (parts.length === 1)
        return null;
    if (parts.length === 2)
        return [0, parts[0].length];
    const n = parts.length;
    const start = parts.slice(0, n - 2).join(":").length + 1;
    return [start, start + parts[n - 2].length];
}
/**
 * compose's unicity key (`host_ip:published:target/protocol`) of the entries a short-syntax
 * mapping becomes: an empty host IP or published port is absent from the entry, so it reads as
 * 0.0.0.0 and as Go's `%!s(<nil>)`.
 */
function shortKeys(m) {
    const ip = m.hostIp || "0.0.0.0";
    const count = m.containerPortEnd - m.containerPort + 1;
    const keys = [];
    for (let i = 0; i < count; i++) {
        let published;
        if (m.hostPort === null)
            published = "%!s(<nil>)";
        else if (count === 1 && m.hostPortEnd !== m.hostPort)
            published = `${m.hostPort}-${m.hostPortEnd}`;
        else
            published = String(m.hostPort + i);
        keys.push(`${ip}:${published}:${m.containerPort + i}/${m.protocol}`);
    }
    return keys;
}
/** The same key for a long-syntax entry: fields as written (after interpolation and compose's casts). */
function longKey(raw, fields) {
    const ip = raw.fields.host_ip ? String(fields.host_ip) : "0.0.0.0";
    const published = raw.fields.published;
    const publishedKey = published === undefined || published.value === null
        ? "%!s(<nil>)"
        : typeof published.value === "number"
            ? `%!s(int=${published.value})`
            : String(fields.published);
    const target = raw.fields.target;
    const targetKey = target.float ? `%!d(float64=${target.value})` : String(Number(fields.target));
    const protocol = raw.fields.protocol ? String(fields.protocol) : "tcp";
    return `${ip}:${publishedKey}:${targetKey}/${protocol}`;
}
const LETTER = /^\p{L}$/u;
const DRIVE = /^\p{L}:/u;
function isFilePath(source) {
    if (source === "")
        return false;
    if (source[0] === "." || source[0] === "/" || source[0] === "~")
        return true;
    if (source.startsWith("\\\\"))
        return true;
    return DRIVE.test(source);
}
/** compose-go's format.ParseVolume: `[SOURCE:]TARGET[:MODE]`, Windows drives kept whole. */
function parseVolumeSpec(spec) {
    if (spec.length === 0)
        return null;
    if (spec.length <= 2)
        return { kind: "anonymous", source: "", target: spec };
    const fields = [];
    let start = 0;
    for (let i = 0; i <= spec.length; i++) {
        if (i < spec.length && spec.charCodeAt(i) !== 58 /* : */)
            continue;
        // `C:` at the start of a field is a Windows drive, not a separator.
        if (i < spec.length && i - start === 1 && LETTER.test(spec[start]))
            continue;
        if (i === start)
            return null;
        fields.push(spec.slice(start, i));
        start = i + 1;
    }
    if (fields.length > 3)
        return null;
    if (fields.length === 1)
        return { kind: "anonymous", source: "", target: fields[0] };
    const source = fields[0];
    const target = fields[1];
    return { kind: isFilePath(source) ? "bind" : "volume", source, target };
}
function mergeByKey(base, over, key) {
    const out = [...base];
    const index = new Map();
    out.forEach((item, i) => {
        index.set(key(item), i);
    });
    for (const item of over) {
        const k = key(item);
        const at = index.get(k);
        if (at === undefined) {
            index.set(k, out.length);
            out.push(item);
        }
        else {
            out[at] = item;
        }
    }
    return out;
}
/**
 * The ports compose keeps: entries with an equal key collapse into the last one written. A paired
 * range that loses some of its ports to later entries keeps the others, as runs of its own.
 */
function uniquePorts(ports) {
    // Most services publish each port once: then every mapping keeps all it has.
    const seen = new Set();
    let count = 0;
    for (const p of ports) {
        count += p.keys.length;
        for (const k of p.keys)
            seen.add(k);
    }
    if (seen.size === count)
        return [...ports];
    const owner = new Map();
    for (const p of ports) {
        for (const [i, k] of p.keys.entries())
            owner.set(k, [p, i]);
    }
    const out = [];
    for (const p of ports) {
        if (p.keys.length === 0) {
            out.push(p);
            continue;
        }
        const kept = p.keys.map((k, i) => {
            const o = owner.get(k);
            return o[0] === p && o[1] === i;
        });
        if (kept.every(Boolean)) {
            out.push(p);
            continue;
        }
        // Runs of the ports this mapping still owns.
        let i = 0;
        while (i < kept.length) {
            if (!kept[i]) {
                i++;
                continue;
            }
            let j = i;
            while (j + 1 < kept.length && kept[j + 1])
                j++;
            out.push(slice(p, i, j));
            i = j + 1;
        }
    }
    return out;
}
function slice(p, from, to) {
    const m = p.mapping;
    return {
        ...p,
        mapping: {
            ...m,
            hostPort: m.hostPort === null ? null : m.hostPort + from,
            hostPortEnd: m.hostPort === null ? null : m.hostPort + to,
            containerPort: m.containerPort + from,
            containerPortEnd: m.containerPort + to,
        },
        keys: p.keys.slice(from, to + 1),
    };
}
/** What a definition's `!reset` fields leave of the one it merges over. */
function withResets(base, resets) {
    if (resets.size === 0)
        return base;
    const r = { ...base };
    if (resets.has("image"))
        r.image = null;
    if (resets.has("build"))
        r.hasBuild = false;
    if (resets.has("labels"))
        r.labels = (0,collections/* emptyMap */.MZ)();
    if (resets.has("x-portguard"))
        r.xCategory = null;
    if (resets.has("ports"))
        r.ports = [];
    if (resets.has("network_mode"))
        r.networkMode = null;
    if (resets.has("volumes"))
        r.mounts = [];
    if (resets.has("profiles"))
        r.profiles = [];
    if (resets.has("healthcheck"))
        r.healthcheck = null;
    if (resets.has("restart"))
        r.restart = null;
    if (resets.has("deploy"))
        r.deployRestart = false;
    if (resets.has("platform"))
        r.platform = null;
    return r;
}
function mergeList(field, over, base, next, merge) {
    if (next === null)
        return base;
    if (over.overrides.has(field) || base === null)
        return next;
    return merge(base, next);
}
/** Applies `over` onto `base` with compose's merge rules for the fields portguard reads. */
function mergeServices(base0, over) {
    const base = withResets(base0, over.resets);
    const labels = over.overrides.has("labels") || base.labels.size === 0
        ? over.labels
        : over.labels.size === 0
            ? base.labels
            : new Map([...base.labels, ...over.labels]);
    return {
        name: base.name,
        location: base.location,
        image: over.image ?? base.image,
        hasBuild: base.hasBuild || over.hasBuild,
        labels,
        xCategory: over.xCategory ?? base.xCategory,
        ports: mergeList("ports", over, base.ports, over.ports, (a, b) => [...a, ...b]),
        networkMode: over.networkMode ?? base.networkMode,
        mounts: mergeList("volumes", over, base.mounts, over.mounts, (a, b) => mergeByKey(a, b, (m) => m.target)),
        profiles: mergeList("profiles", over, base.profiles, over.profiles, (a, b) => [...new Set([...a, ...b])]),
        healthcheck: over.healthcheck ?? base.healthcheck,
        restart: over.restart ?? base.restart,
        deployRestart: base.deployRestart || over.deployRestart,
        platform: over.platform ?? base.platform,
        buildPlatforms: over.buildPlatforms ?? base.buildPlatforms,
        resets: base0.resets,
        overrides: new Set(),
        ...(base.brokenExtends || over.brokenExtends ? { brokenExtends: true } : {}),
    };
}

;// CONCATENATED MODULE: ./src/core/project.ts
/**
 * Assembling the compose projects of a repository the way docker compose would load them: which
 * files make each folder's default stack (`COMPOSE_FILE`, else the default file and its override),
 * which other files are variants of it, which merge into another (include, extends), which `.env`
 * supplies each project's variables, and what each project is called.
 */









const BASE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const OVERRIDE_FILES = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];
/** Suffixes of `.env` that name a committed stand-in for it (`fix` creates the first). */
const STAND_IN_SUFFIXES = [".example", ".sample", ".template", ".dist", ".default", ".defaults"];
/** Other names projects give the committed stand-in of a folder's `.env`. */
const STAND_IN_NAMES = ["env.example", "example.env", "env.sample", "sample.env", ".env-example", ".env_example"];
/** Files larger than this are reported instead of parsed. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The stand-ins of an env file, in the order they are looked for. */
function standInsOf(envPath) {
    const names = STAND_IN_SUFFIXES.map((s) => envPath + s);
    if ((0,core_paths/* basename */.P8)(envPath) === ".env")
        names.push(...STAND_IN_NAMES.map((n) => (0,core_paths/* joinPath */.uJ)((0,core_paths/* dirname */.pD)(envPath), n)));
    return names;
}
const ZERO_RANGE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
function readProblemMessage(read) {
    switch (read.reason) {
        case "too-large":
            return `file is too large to check${read.detail ? ` (${read.detail})` : ""}`;
        case "not-a-file":
            return "not a regular file (a folder or a special file where a file was expected)";
        case "unreadable":
            return `file cannot be read${read.detail ? ` (${read.detail})` : ""}`;
        case "outside-project":
            return "symbolic link points outside the project";
        case "symlink-loop":
            return "symbolic link loop";
    }
}
/** A NUL byte or broken UTF-8 (U+FFFD from decoding) marks a binary file. */
function looksBinary(text) {
    return text.includes("\0") || text.includes("\ufffd");
}
/** compose-go's NormalizeProjectName: lower case, only `[a-z0-9_-]`, no leading `_` or `-`. */
function normalizeProjectName(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, "")
        .replace(/^[_-]+/, "");
}
const VALID_PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** Whether compose accepts `name` as a project name as it is (`-p`, COMPOSE_PROJECT_NAME). */
function isValidProjectName(name) {
    return VALID_PROJECT_NAME.test(name);
}
function entryRange(entry) {
    return { start: { line: entry.line, column: entry.column }, end: { line: entry.line, column: entry.endColumn } };
}
class Assembler {
    tree;
    policy;
    options;
    /** The text of every compose file read, in the order it was read. */
    composeTexts = new Map();
    /** The compose files parsed whose documents a project still to load may read. */
    parsed = new Map();
    summaries = new Map();
    envModels = new Map();
    problems = [];
    problemKeys = new Set();
    unreadable = new Set();
    usedEnvFiles = new Set();
    processEnv;
    hostOf;
    /** Services repeat a few images: each image's category is worked out once per run. */
    imageCategories = new Map();
    fileCount = 0;
    constructor(tree, policy, options) {
        this.tree = tree;
        this.policy = policy;
        this.options = options;
        this.processEnv = new Map();
        for (const [k, v] of Object.entries(options.processEnv ?? {})) {
            if (v !== undefined)
                this.processEnv.set(k, { value: v, origin: { kind: "process" } });
        }
        if (policy.hosts === "directory") {
            this.hostOf = (file) => (0,core_paths/* dirname */.pD)(file) || ".";
        }
        else {
            const groups = policy.hosts.map((g) => ({ name: g.name, match: (0,globs/* globMatcher */.fU)(g.compose) }));
            this.hostOf = (file) => groups.find((g) => g.match(file))?.name ?? "default";
        }
    }
    report(file, range, message) {
        const key = `${file}\0${range?.start.line}:${range?.start.column}\0${message}`;
        if (this.problemKeys.has(key))
            return;
        this.problemKeys.add(key);
        this.problems.push({ file, range, message });
    }
    readText(path) {
        const read = this.tree.read(path);
        if (read.kind === "missing")
            return null;
        this.fileCount++;
        if (read.kind === "problem") {
            if (!this.unreadable.has(path))
                this.report(path, null, readProblemMessage(read));
            this.unreadable.add(path);
            return null;
        }
        if (read.text.length > MAX_FILE_BYTES) {
            this.report(path, null, `file is too large to check (over ${MAX_FILE_BYTES / 1024 / 1024} MiB)`);
            return null;
        }
        if (looksBinary(read.text)) {
            this.report(path, null, "binary file: not text");
            return null;
        }
        return read.text;
    }
    /** Reads a compose file without parsing it: false when it does not exist or cannot be read. */
    readCompose(path) {
        if (this.composeTexts.has(path))
            return true;
        if (this.unreadable.has(path))
            return false;
        const text = this.readText(path);
        if (text === null)
            return false;
        this.composeTexts.set(path, text);
        return true;
    }
    /** Whether a compose file was read and is text. */
    isComposeFile(path) {
        return this.composeTexts.has(path);
    }
    /** The text of a compose file read. */
    composeText(path) {
        return this.composeTexts.get(path) ?? "";
    }
    /**
     * The parsed compose file, or null when it does not exist or cannot be read. A file whose
     * documents were released is parsed again from its text (its problems are reported once).
     */
    compose(path) {
        const known = this.parsed.get(path);
        if (known)
            return known;
        if (!this.readCompose(path))
            return null;
        const file = parseCompose(this.composeText(path), path);
        this.parsed.set(path, file);
        if (!this.summaries.has(path)) {
            this.summaries.set(path, summarize(file));
            for (const p of file.problems)
                this.report(path, p.range, file.malformed ? `not well-formed YAML: ${p.message}` : p.message);
        }
        return file;
    }
    /** A compose file being loaded, without reading it. */
    loading(path) {
        return this.parsed.get(path);
    }
    /** Drops a file's documents: no project still to load reads them. */
    release(path) {
        this.parsed.delete(path);
    }
    /** Every compose file read, parsed (so that each one's problems are reported), in the order read. */
    composeSummaries() {
        const out = new Map();
        for (const path of this.composeTexts.keys()) {
            if (!this.summaries.has(path)) {
                this.compose(path);
                this.release(path);
            }
            out.set(path, this.summaries.get(path));
        }
        return out;
    }
    exists(path) {
        if (this.composeTexts.has(path))
            return true;
        return this.tree.exists ? this.tree.exists(path) : this.tree.read(path).kind !== "missing";
    }
    envFile(path, standIn) {
        if (this.envModels.has(path))
            return this.envModels.get(path) ?? null;
        const text = this.readText(path);
        let model = null;
        if (text !== null) {
            const lookup = this.options.processEnv ? (name) => this.processEnv.get(name)?.value : undefined;
            const parsed = parseEnvFile(text, lookup);
            model = { path, standIn, parsed, text };
            for (const e of parsed.errors) {
                this.report(path, { start: { line: e.line, column: e.column }, end: { line: e.line, column: e.column } }, `invalid .env syntax: ${e.message}`);
            }
        }
        this.envModels.set(path, model);
        return model;
    }
    standIn(path) {
        for (const candidate of standInsOf(path)) {
            const model = this.envFile(candidate, true);
            if (model)
                return model;
        }
        return null;
    }
    /** A folder's own `.env`, else its stand-in. */
    ownEnv(dir) {
        const path = (0,core_paths/* joinPath */.uJ)(dir, ".env");
        return this.envFile(path, false) ?? this.standIn(path);
    }
    /** The central env file: the first of `files.env` that exists, else a stand-in of one. */
    centralEnv() {
        return this.centralReal() ?? this.centralStandIn();
    }
    centralReal() {
        for (const p of this.policy.files.env) {
            const model = this.envFile(p, false);
            if (model)
                return model;
        }
        return null;
    }
    centralStandIn() {
        for (const p of this.policy.files.env) {
            const model = this.standIn(p);
            if (model)
                return model;
        }
        return null;
    }
    /** The env file compose reads in a folder; where the folder has none, the central one stands for it. */
    folderEnv(dir) {
        const own = (0,core_paths/* joinPath */.uJ)(dir, ".env");
        return this.envFile(own, false) ?? this.centralReal() ?? this.standIn(own) ?? this.centralStandIn();
    }
    /** Variables from `files`, the first winning, with the process environment over all. */
    environmentFrom(files) {
        const vars = new Map();
        for (const file of [...files].reverse()) {
            this.usedEnvFiles.add(file);
            for (const entry of file.parsed.entries) {
                vars.set(entry.key, {
                    value: entry.value,
                    origin: {
                        kind: "env-file",
                        file: file.path,
                        line: entry.line,
                        column: entry.column,
                        endColumn: entry.endColumn,
                        standIn: file.standIn,
                    },
                });
            }
        }
        for (const [k, v] of this.processEnv)
            vars.set(k, v);
        return new Environment(vars, files);
    }
    /** The `COMPOSE_*` settings of a folder, from its env file and (when asked) the environment. */
    settings(dir) {
        const env = this.ownEnv(dir);
        const setting = (key, fromProcess) => {
            const p = fromProcess ? this.processEnv.get(key) : undefined;
            if (p)
                return { value: p.value, entry: null, file: null };
            const entry = env ? [...env.parsed.entries].reverse().find((e) => e.key === key) : undefined;
            return entry && env ? { value: entry.value, entry, file: env.path } : null;
        };
        // The environment's COMPOSE_FILE names files relative to where compose runs: the root.
        const composeFile = setting("COMPOSE_FILE", dir === "");
        const separator = setting("COMPOSE_PATH_SEPARATOR", dir === "")?.value || ":";
        const profiles = (setting("COMPOSE_PROFILES", true)?.value ?? "")
            .split(",")
            .map((p) => p.trim())
            .filter((p) => p !== "");
        return {
            composeFile: composeFile && composeFile.value !== "" ? composeFile : null,
            separator,
            projectName: setting("COMPOSE_PROJECT_NAME", true),
            profiles,
        };
    }
    reportSetting(setting, fallbackFile, message) {
        if (setting.entry && setting.file)
            this.report(setting.file, entryRange(setting.entry), message);
        else
            this.report(fallbackFile, null, `${message} (from the environment)`);
    }
    host(file) {
        return this.hostOf(file);
    }
}
function emptyConfig() {
    return {
        services: new Map(),
        emptyServices: new Map(),
        serviceData: new Map(),
        volumes: new Map(),
        volumeData: new Map(),
        name: null,
        resetServices: new Set(),
        resetVolumes: new Set(),
    };
}
/** Merges `over` onto `into` (a later file or document onto what came before). */
function mergeConfig(into, over) {
    for (const name of over.resetServices) {
        into.services.delete(name);
        into.resetServices.add(name);
    }
    for (const name of over.resetVolumes) {
        into.volumes.delete(name);
        into.resetVolumes.add(name);
    }
    for (const [name, location] of over.emptyServices) {
        if (!into.services.has(name))
            into.emptyServices.set(name, location);
    }
    for (const [name, service] of over.services) {
        const base = into.services.get(name);
        into.services.set(name, base ? mergeServices(base, service) : service);
    }
    for (const [name, volume] of over.volumes) {
        const base = into.volumes.get(name);
        into.volumes.set(name, base ? { ...base, hasName: base.hasName || volume.hasName, external: base.external || volume.external } : volume);
    }
    for (const [k, v] of over.serviceData)
        into.serviceData.set(k, v);
    for (const [k, v] of over.volumeData)
        into.volumeData.set(k, v);
    if (over.name !== null)
        into.name = over.name;
}
function isRemote(path) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith("oci:") || path.startsWith("git@");
}
/** Loads the files of one project. */
class ProjectLoader {
    a;
    resolveProblems = [];
    files = new Set();
    envFiles = new Set();
    constructor(a) {
        this.a = a;
    }
    problem(location, message) {
        this.resolveProblems.push({ location, message });
    }
    flushProblems() {
        for (const p of this.resolveProblems)
            this.a.report(p.location.file, p.location.range, p.message);
        this.resolveProblems.length = 0;
    }
    /** Reads one compose file with an environment: its documents merged, includes and extends applied. */
    load(path, env, stack) {
        const result = emptyConfig();
        const file = this.a.compose(path);
        if (!file)
            return result;
        this.files.add(path);
        const resolver = new Resolver(path, env, this.resolveProblems);
        for (const doc of file.documents) {
            for (const t of doc.templates)
                resolver.text(t);
            const imported = emptyConfig();
            for (const include of doc.includes)
                this.include(path, include, env, stack, imported);
            const own = emptyConfig();
            if (doc.name) {
                const name = resolver.text(doc.name);
                if (name !== null && name !== "")
                    own.name = { value: name, location: resolver.location(doc.name) };
            }
            for (const raw of doc.services) {
                if (raw.empty) {
                    own.emptyServices.set(raw.name, { file: path, range: raw.keyRange });
                    continue;
                }
                own.services.set(raw.name, this.withExtends(path, doc, raw, resolver, env, [`${path}#${raw.name}`]));
                this.checkEnvFiles(path, raw, resolver);
                own.serviceData.set(raw.name, raw.data);
            }
            for (const [name, v] of doc.volumes) {
                own.volumes.set(name, {
                    name,
                    location: { file: path, range: v.keyRange },
                    hasName: v.nameField !== null && v.nameField.value !== null && v.nameField.value !== "",
                    external: v.external,
                });
                own.volumeData.set(name, v.data);
            }
            this.checkImports(imported, own, doc);
            own.resetServices = new Set(doc.resetServices);
            own.resetVolumes = new Set(doc.resetVolumes);
            mergeConfig(result, imported);
            mergeConfig(result, own);
        }
        return result;
    }
    /** compose refuses a service whose required `env_file` does not exist. */
    checkEnvFiles(path, raw, resolver) {
        for (const f of raw.envFiles) {
            const expanded = resolver.expand(f.path);
            if (!f.required || expanded === null)
                continue;
            const resolved = (0,core_paths/* resolveReading */.Bm)((0,core_paths/* dirname */.pD)(path), expanded.value);
            if (resolved !== null && this.a.exists(resolved))
                continue;
            this.problem(resolver.location(f.path), `env file ${redact(expanded.value, expanded.quoted)} not found`);
        }
    }
    /** compose refuses a file that redefines, differently, what its includes import. */
    checkImports(imported, own, doc) {
        for (const raw of doc.services) {
            if (!imported.services.has(raw.name))
                continue;
            if (sameData(imported.serviceData.get(raw.name), raw.data))
                continue;
            const where = imported.services.get(raw.name)?.location.file;
            this.resolveProblems.push({
                location: own.services.get(raw.name)?.location,
                message: `services.${raw.name} conflicts with imported resource (the service ${raw.name} of ${where})`,
            });
        }
        for (const [name, v] of doc.volumes) {
            if (!imported.volumes.has(name) || sameData(imported.volumeData.get(name), v.data))
                continue;
            this.resolveProblems.push({
                location: own.volumes.get(name)?.location,
                message: `volumes.${name} conflicts with imported resource (the volume ${name} of ${imported.volumes.get(name)?.location.file})`,
            });
        }
    }
    include(from, include, env, stack, into) {
        const fromDir = (0,core_paths/* dirname */.pD)(from);
        const resolver = new Resolver(from, env, this.resolveProblems);
        const paths = [];
        for (const p of include.paths) {
            const expanded = resolver.expand(p);
            if (expanded === null || isRemote(expanded.value))
                return;
            const resolved = (0,core_paths/* resolveReading */.Bm)(fromDir, expanded.value);
            const shown = redact(expanded.value, expanded.quoted);
            if (resolved === null || !this.a.exists(resolved)) {
                this.resolveProblems.push({ location: resolver.location(p), message: `included file not found: ${shown}` });
                return;
            }
            if (stack.includes(resolved)) {
                this.resolveProblems.push({
                    location: resolver.location(p),
                    message: `include cycle: ${[...stack, resolved].join(" -> ")}`,
                });
                return;
            }
            paths.push(resolved);
        }
        const first = paths[0];
        if (first === undefined)
            return;
        const projectDirText = include.projectDirectory ? resolver.text(include.projectDirectory) : null;
        const projectDir = projectDirText !== null ? ((0,core_paths/* resolveReading */.Bm)(fromDir, projectDirText) ?? (0,core_paths/* dirname */.pD)(first)) : (0,core_paths/* dirname */.pD)(first);
        const envFiles = [];
        if (include.envFiles.length > 0) {
            for (const f of include.envFiles) {
                const expanded = resolver.expand(f);
                if (expanded === null || expanded.value === "/dev/null")
                    continue;
                const resolved = (0,core_paths/* resolveReading */.Bm)(fromDir, expanded.value);
                const model = resolved === null ? null : this.a.envFile(resolved, false);
                if (!model) {
                    this.resolveProblems.push({
                        location: resolver.location(f),
                        message: `env file not found: ${redact(expanded.value, expanded.quoted)}`,
                    });
                    continue;
                }
                envFiles.push(model);
            }
        }
        else {
            const model = this.a.ownEnv(projectDir);
            if (model)
                envFiles.push(model);
        }
        for (const f of envFiles)
            this.envFiles.add(f.path);
        const includedEnv = this.a.environmentFrom(envFiles).overlay(env);
        const included = emptyConfig();
        for (const p of paths)
            mergeConfig(included, this.load(p, includedEnv, [...stack, p]));
        for (const [name, location] of included.emptyServices)
            this.problem(location, `service ${name} must be a mapping`);
        for (const [name, service] of included.services) {
            const before = into.services.get(name);
            if (before && !sameData(into.serviceData.get(name), included.serviceData.get(name))) {
                this.resolveProblems.push({
                    location: resolver.location(include.paths[0]),
                    message: `services.${name} conflicts with imported resource (the service ${name} of ${before.location.file})`,
                });
                continue;
            }
            into.services.set(name, service);
            into.serviceData.set(name, included.serviceData.get(name));
        }
        for (const [name, volume] of included.volumes) {
            into.volumes.set(name, volume);
            into.volumeData.set(name, included.volumeData.get(name));
        }
    }
    /** A service with its `extends` chain applied (the base first, this definition over it). */
    withExtends(path, doc, raw, resolver, env, chain) {
        const draft = resolver.service(raw);
        const ext = raw.extends;
        if (!ext)
            return draft;
        const serviceName = resolver.text(ext.service);
        const fileExpanded = ext.file ? resolver.expand(ext.file) : null;
        if (serviceName === null || (ext.file && fileExpanded === null))
            return { ...draft, brokenExtends: true };
        const target = fileExpanded === null ? path : (0,core_paths/* resolveReading */.Bm)((0,core_paths/* dirname */.pD)(path), fileExpanded.value);
        // Problems point at the scalar at fault: the file, else the service name.
        const where = { location: { file: path, range: (ext.file ?? ext.service).range } };
        const shownFile = fileExpanded ? redact(fileExpanded.value, fileExpanded.quoted) : "";
        if (target === null) {
            this.resolveProblems.push({ ...where, message: `extends file not found: ${shownFile}` });
            return { ...draft, brokenExtends: true };
        }
        const key = `${target}#${serviceName}`;
        if (chain.includes(key)) {
            this.resolveProblems.push({
                location: { file: path, range: ext.service.range },
                message: `circular extends: ${[...chain, key].join(" -> ")}`,
            });
            return { ...draft, brokenExtends: true };
        }
        const file = this.a.compose(target);
        if (file)
            this.files.add(target);
        if (!file) {
            if (!this.a.exists(target))
                this.resolveProblems.push({ ...where, message: `extends file not found: ${shownFile}` });
            return { ...draft, brokenExtends: true };
        }
        // In its own file a service extends one of the same document; in another file, the merge of
        // that file's documents.
        const documents = target === path ? [doc] : file.documents;
        const definitions = [];
        for (const d of documents) {
            if (d.resetServices.has(serviceName))
                definitions.length = 0;
            const found = d.services.find((s) => s.name === serviceName);
            if (found)
                definitions.push({ doc: d, raw: found });
        }
        if (definitions.length === 0) {
            if (!file.malformed && file.problems.length === 0) {
                this.resolveProblems.push({
                    location: { file: path, range: ext.service.range },
                    message: `cannot extend service ${serviceName}: not defined in ${target}`,
                });
            }
            return { ...draft, brokenExtends: true };
        }
        if (definitions.every((d) => d.raw.empty)) {
            this.resolveProblems.push({
                location: { file: target, range: definitions[0].raw.keyRange },
                message: `service ${serviceName} must be a mapping`,
            });
            return { ...draft, brokenExtends: true };
        }
        this.files.add(target);
        const baseResolver = target === path ? resolver : new Resolver(target, env, this.resolveProblems);
        let base = null;
        for (const definition of definitions) {
            if (definition.raw.empty)
                continue;
            const next = this.withExtends(target, definition.doc, definition.raw, baseResolver, env, [...chain, key]);
            base = base ? mergeServices(base, next) : next;
        }
        const merged = base;
        return mergeServices({ ...merged, name: draft.name, location: draft.location }, draft);
    }
}
/** compose's equality of two definitions (plain data, as written). */
function sameData(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
function classify(policy, draft, imageCategories) {
    const registered = policy.services[draft.name]?.category;
    if (registered)
        return registered;
    const label = draft.labels.get("portguard.category");
    if (label)
        return label;
    if (draft.xCategory)
        return draft.xCategory;
    const image = draft.image;
    return image ? (0,collections/* getOrInsert */.Po)(imageCategories, image, () => imageCategory(policy.categories, image)) : "app";
}
/** The first category whose image patterns match `reference`, else `app`. */
function imageCategory(categories, reference) {
    const image = (0,core_images/* parseImageName */["if"])(reference);
    for (const [category, def] of Object.entries(categories)) {
        if (def.images.some((pattern) => (0,core_images/* imageMatches */.d1)(pattern, image)))
            return category;
    }
    return "app";
}
function toServiceModel(project, draft, policy, nextId, imageCategories) {
    const service = {
        name: draft.name,
        project,
        location: draft.location,
        image: draft.image,
        imageName: draft.image ? (0,core_images/* parseImageName */["if"])(draft.image) : null,
        hasBuild: draft.hasBuild,
        labels: draft.labels,
        xCategory: draft.xCategory,
        category: classify(policy, draft, imageCategories),
        ports: [],
        networkMode: draft.networkMode,
        mounts: (draft.mounts ?? []),
        profiles: draft.profiles ?? [],
        hasHealthcheck: draft.healthcheck !== null && !draft.healthcheck.disabled,
        restart: draft.restart,
        deployRestart: draft.deployRestart,
    };
    service.ports = uniquePorts(draft.ports ?? []).map((p) => ({
        id: nextId(),
        service,
        location: p.location,
        written: p.written,
        hostIp: p.mapping?.hostIp ?? "",
        hostPort: p.mapping?.hostPort ?? null,
        hostPortEnd: p.mapping?.hostPortEnd ?? null,
        containerPort: p.mapping?.containerPort ?? 0,
        containerPortEnd: p.mapping?.containerPortEnd ?? 0,
        protocol: p.mapping?.protocol ?? "tcp",
        dynamic: p.mapping !== null &&
            p.mapping.hostPort !== null &&
            p.mapping.hostPortEnd !== p.mapping.hostPort &&
            p.mapping.containerPort === p.mapping.containerPortEnd,
        hostSource: p.hostSource,
        variableValue: p.variableValue,
        defaultValue: p.defaultValue,
        invalidVariable: p.invalidVariable,
        missingRequired: p.missingRequired,
        environment: p.environment,
        hostTemplateSpan: p.hostTemplateSpan,
        resolved: p.mapping !== null,
    }));
    return service;
}
/** Service names a compose file defines, over all its documents. */
function serviceNames(file) {
    return file ? file.documents.flatMap((d) => d.services.map((s) => s.name)) : [];
}
/**
 * Whether a text may include or extend another file. Without these words, and without an escape
 * to write them otherwise, it does neither: discovery then need not parse it.
 */
function mayReference(text) {
    return text.includes("include") || text.includes("extends") || text.includes("\\");
}
/** Whether a file compose does not load by default only adjusts services of the default stack. */
function isOverlay(file, stackServices) {
    const services = file.documents.flatMap((d) => d.services);
    if (services.length === 0)
        return false;
    const partial = (s) => s.image === null && s.build === null && s.extends === null;
    return (services.every((s) => stackServices.has(s.name)) || services.some((s) => partial(s) && stackServices.has(s.name)));
}
class Discovery {
    a;
    constructor(a) {
        this.a = a;
    }
    /** Files that `files` pull in (include, extends): they are not projects of their own. */
    referenced(files) {
        const referenced = new Set();
        for (const p of files) {
            if (!this.a.isComposeFile(p) || !mayReference(this.a.composeText(p)))
                continue;
            const file = this.a.compose(p);
            if (!file)
                continue;
            const lookup = this.a.environmentFrom([this.a.folderEnv((0,core_paths/* dirname */.pD)(p))].filter((f) => f !== null)).lookup;
            const expand = (value) => {
                if (typeof value !== "string")
                    return null;
                try {
                    return (0,interpolation/* interpolate */.GW)(value, lookup);
                }
                catch {
                    return null;
                }
            };
            for (const doc of file.documents) {
                for (const inc of doc.includes) {
                    for (const path of inc.paths) {
                        const text = expand(path.value);
                        const resolved = text === null || isRemote(text) ? null : (0,core_paths/* resolveReading */.Bm)((0,core_paths/* dirname */.pD)(p), text);
                        if (resolved)
                            referenced.add(resolved);
                    }
                }
                for (const s of doc.services) {
                    const text = s.extends?.file ? expand(s.extends.file.value) : null;
                    const resolved = text === null ? null : (0,core_paths/* resolveReading */.Bm)((0,core_paths/* dirname */.pD)(p), text);
                    if (resolved && resolved !== p)
                        referenced.add(resolved);
                }
            }
        }
        return referenced;
    }
    /** The default stack of a folder: `COMPOSE_FILE`, else the default file with its override. */
    defaultStack(dir, candidateSet) {
        const settings = this.a.settings(dir);
        if (settings.composeFile) {
            const setting = settings.composeFile;
            const files = [];
            for (const part of setting.value.split(settings.separator)) {
                const path = part === "" ? null : (0,core_paths/* resolveReading */.Bm)(dir, part);
                if (path === null || !this.a.exists(path)) {
                    this.a.reportSetting(setting, (0,core_paths/* joinPath */.uJ)(dir, ".env"), part === "" ? "COMPOSE_FILE names an empty path" : `COMPOSE_FILE names ${part}, which does not exist`);
                    continue;
                }
                files.push(path);
            }
            return files.length > 0 ? { dir, files, settings } : null;
        }
        const base = BASE_FILES.map((f) => (0,core_paths/* joinPath */.uJ)(dir, f)).find((f) => candidateSet.has(f));
        if (!base)
            return null;
        const override = OVERRIDE_FILES.map((f) => (0,core_paths/* joinPath */.uJ)(dir, f)).find((f) => candidateSet.has(f));
        return { dir, files: override ? [base, override] : [base], settings };
    }
}
/** Discovers and loads every compose project of the tree. */
function assembleProjects(tree, policy, options = {}) {
    const a = new Assembler(tree, policy, options);
    const isCompose = (0,globs/* globMatcher */.fU)(policy.files.compose);
    const isIgnored = (0,globs/* ignoreMatcher */.NJ)(policy.files.ignore);
    const candidates = [
        ...new Set([...tree.paths.filter((p) => isCompose(p) && !isIgnored(p)), ...(options.extraCompose ?? [])]),
    ].sort();
    for (const p of candidates)
        a.readCompose(p);
    const candidateSet = new Set(candidates);
    const discovery = new Discovery(a);
    // A folder with an env file may name its stack in COMPOSE_FILE though it holds no compose file.
    const envNames = new Set([".env", ...standInsOf(".env")]);
    const folders = new Set([
        ...candidates.map(core_paths/* dirname */.pD),
        ...tree.paths.filter((p) => envNames.has((0,core_paths/* basename */.P8)(p))).map(core_paths/* dirname */.pD),
    ]);
    const found = [...folders]
        .sort()
        .map((dir) => discovery.defaultStack(dir, candidateSet))
        .filter((s) => s !== null);
    for (const stack of found)
        for (const f of stack.files)
            a.readCompose(f);
    const referenced = discovery.referenced([...new Set([...candidates, ...found.flatMap((s) => s.files)])]);
    // A file another one includes or extends is part of that project, not a stack of its own.
    const stacks = found.filter((s) => !referenced.has(s.files[0]));
    for (const stack of stacks)
        for (const f of stack.files)
            referenced.add(f);
    const specs = projectSpecs(a, stacks, candidates, referenced);
    const projects = [];
    let id = 0;
    const nextId = () => id++;
    // Each file's documents are dropped once no project still to load lists it: most die young. Files
    // another one includes or extends are kept, for the next project that pulls them in.
    const uses = new Map();
    for (const spec of specs)
        for (const f of spec.files)
            uses.set(f, (uses.get(f) ?? 0) + 1);
    for (const spec of specs) {
        const project = loadProject(a, spec, policy, nextId);
        projects.push(project);
        for (const f of spec.files)
            uses.set(f, (uses.get(f) ?? 1) - 1);
        for (const f of project.files)
            if (!uses.get(f) && !referenced.has(f))
                a.release(f);
    }
    const central = a.centralEnv();
    if (central)
        a.usedEnvFiles.add(central);
    const envFiles = [...a.usedEnvFiles].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    return {
        projects,
        composeFiles: a.composeSummaries(),
        envFiles,
        centralEnv: central,
        problems: a.problems,
        fileCount: a.fileCount,
    };
}
/**
 * The projects to load: each default stack, each compose file no other one includes or extends (on
 * its own, or as a variant of its folder's default stack: with it, when it overlays its services).
 */
function projectSpecs(a, stacks, candidates, referenced) {
    const specs = [];
    const withStack = new Map(stacks.map((s) => [s.dir, s]));
    for (const stack of stacks) {
        specs.push({ ...stack, variant: null, group: null, strict: true });
    }
    for (const root of candidates) {
        if (referenced.has(root) || !a.isComposeFile(root))
            continue;
        const dir = (0,core_paths/* dirname */.pD)(root);
        const stack = withStack.get(dir);
        if (!stack) {
            specs.push({ dir, files: [root], settings: a.settings(dir), variant: null, group: null, strict: true });
            continue;
        }
        const stackServices = new Set(stack.files.flatMap((f) => serviceNames(a.compose(f))));
        const file = a.compose(root);
        const files = isOverlay(file, stackServices) ? [...stack.files, root] : [root];
        specs.push({ dir, files, settings: stack.settings, variant: root, group: dir, strict: false });
        // The default stack is an alternative of its variants.
        const own = specs.find((s) => s.dir === dir && s.variant === null);
        if (own)
            own.group = dir;
    }
    return specs;
}
function loadProject(a, spec, policy, nextId) {
    const first = spec.files[0];
    const firstDir = (0,core_paths/* dirname */.pD)(first);
    // compose reads the `.env` of the folder it runs in and, where the files sit elsewhere, theirs.
    const envFiles = [a.folderEnv(spec.dir)];
    if (firstDir !== spec.dir && !(0,core_paths/* isOutsideRoot */.CW)(firstDir))
        envFiles.push(a.ownEnv(firstDir));
    const present = envFiles.filter((f) => f !== null);
    const env = a.environmentFrom(present);
    const loader = new ProjectLoader(a);
    const config = emptyConfig();
    for (const layer of spec.files)
        mergeConfig(config, loader.load(layer, env, [layer]));
    if (a.loading(first)?.empty)
        loader.problem({ file: first, range: ZERO_RANGE }, "empty compose file");
    for (const f of present)
        loader.envFiles.add(f.path);
    const project = {
        file: spec.variant ?? first,
        dir: spec.dir,
        name: projectName(a, spec, config, firstDir),
        variant: spec.variant,
        group: spec.group,
        host: a.host(spec.variant ?? first),
        environment: env,
        services: [],
        volumes: config.volumes,
        layers: spec.files,
        files: loader.files,
        envFiles: loader.envFiles,
        activeProfiles: spec.settings.profiles,
    };
    if (spec.strict)
        checkServices(loader, config);
    for (const service of config.services.values()) {
        if (service.platform && service.buildPlatforms && !service.buildPlatforms.includes(service.platform.value)) {
            loader.problem(service.platform.location, `build.platforms of ${service.name} must include its platform ${service.platform.value}`);
        }
    }
    for (const service of config.services.values()) {
        for (const p of uniquePorts(service.ports ?? []))
            if (p.upProblem)
                loader.problem(p.upProblem.location, p.upProblem.message);
    }
    loader.flushProblems();
    project.services = [...config.services.values()].map((d) => toServiceModel(project, d, policy, nextId, a.imageCategories));
    return project;
}
/** What compose checks of a whole project that no single file shows. */
function checkServices(loader, config) {
    for (const [name, location] of config.emptyServices)
        loader.problem(location, `service ${name} must be a mapping`);
    for (const service of config.services.values()) {
        if (service.image === null && !service.hasBuild && !service.brokenExtends) {
            loader.problem(service.location, `service ${service.name} has neither an image nor a build context`);
        }
        for (const mount of service.mounts ?? []) {
            if (mount.kind === "volume" && !config.volumes.has(mount.source)) {
                loader.problem(mount.location, `service ${service.name} refers to undefined volume ${mount.source}: declare it under the top-level volumes`);
            }
        }
    }
}
/** compose's project name: `-p`, else COMPOSE_PROJECT_NAME, else `name:`, else the first file's folder. */
function projectName(a, spec, config, firstDir) {
    if (a.options.projectName)
        return a.options.projectName;
    const setting = spec.settings.projectName;
    if (setting && setting.value !== "") {
        if (VALID_PROJECT_NAME.test(setting.value))
            return setting.value;
        a.reportSetting(setting, spec.files[0], "COMPOSE_PROJECT_NAME is not a valid project name: only lowercase letters, digits, - and _, starting with a letter or digit");
        return normalizeProjectName(setting.value) || "project";
    }
    if (config.name) {
        const name = normalizeProjectName(config.name.value);
        if (name !== "")
            return name;
        a.report(config.name.location.file, config.name.location.range, "project name must not be empty: name: has no letter or digit");
        return "project";
    }
    const folder = firstDir === "" ? (a.options.rootName ?? "project") : (0,core_paths/* basename */.P8)(firstDir);
    const name = normalizeProjectName(folder);
    if (name !== "")
        return name;
    a.report(spec.files[0], null, "project name must not be empty: the folder name has no letter or digit; set name: or COMPOSE_PROJECT_NAME");
    return "project";
}



/***/ }),

/***/ 1961:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ ruleMessage),
/* harmony export */   G4: () => (/* binding */ isFixable),
/* harmony export */   Km: () => (/* binding */ defineRule)
/* harmony export */ });
/* unused harmony export renderMessage */
/* harmony import */ var _collections_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5478);

/** Declares a rule: its message ids and fix kinds become the only ones its reports may use. */
function defineRule(rule) {
    return rule;
}
/** Whether `portguard fix` can fix some of the rule's findings. */
function isFixable(rule) {
    return rule.fixes.length > 0;
}
/** A report's message: an id the rule does not declare is a programming error, never a fallback. */
function ruleMessage(rule, messageId, args) {
    const template = Object.hasOwn(rule.messages, messageId) ? rule.messages[messageId] : undefined;
    if (template === undefined)
        throw new Error(`${rule.id} reported an unknown message id: ${messageId}`);
    return renderMessage(template, args);
}
/** A template cut at its placeholders: text, name, text, name, ..., text (the names at odd indices). */
const compiled = new Map();
/** `template` with each `{{name}}` replaced by its argument (an unknown name stays, as `{{name}}`). */
function renderMessage(template, args) {
    const parts = (0,_collections_js__WEBPACK_IMPORTED_MODULE_0__/* .getOrInsert */ .Po)(compiled, template, () => template.split(/\{\{\s*(\w+)\s*\}\}/));
    if (parts.length === 1)
        return template;
    // Joined, not added up: `+=` would keep each message as a tree of its pieces (tens of MB at
    // 50,000 findings); join makes one flat string.
    const out = parts.slice();
    for (let i = 1; i < out.length; i += 2) {
        const name = out[i];
        out[i] = Object.hasOwn(args, name) ? String(args[name]) : `{{${name}}}`;
    }
    return out.join("");
}


/***/ }),

/***/ 5439:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES),
  I: () => (/* binding */ RULE_IDS)
});

// EXTERNAL MODULE: ./src/core/rule.ts
var rule = __nccwpck_require__(1961);
;// CONCATENATED MODULE: ./src/core/rules/PG001-parse-error.ts

const WHOLE_FILE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
const parseError = (0,rule/* defineRule */.Km)({
    id: "PG001",
    name: "parse-error",
    severity: "error",
    description: "A compose or .env file cannot be read or parsed, or holds an interpolation or port syntax error that docker compose would refuse.",
    messages: {
        problem: "{{problem}}",
    },
    docs: {
        rationale: "docker compose refuses to start a project whose files it cannot read: malformed YAML, an unterminated `${`, a port out of 0-65535. portguard reports the exact place and checks everything else. A file that is not well-formed YAML gets exactly one PG001, at the parser's first error, and nothing else.",
        bad: {
            description: "An unterminated interpolation and a port out of range.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT:-7030:6379"\n      - "70000:6379"\n',
            },
        },
        good: {
            description: "Closed braces, ports within 1-65535.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
                ".env": "REDIS_PORT=7030\n",
            },
        },
    },
    fixes: [],
    check(context, report) {
        for (const p of context.problems) {
            report({
                messageId: "problem",
                args: { problem: p.message },
                location: { file: p.file, range: p.range ?? WHOLE_FILE },
            });
        }
    },
});

// EXTERNAL MODULE: ./src/core/context.ts
var core_context = __nccwpck_require__(8480);
;// CONCATENATED MODULE: ./src/core/rules/PG101-protected-range.ts


const protectedRange = (0,rule/* defineRule */.Km)({
    id: "PG101",
    name: "protected-range",
    severity: "error",
    description: "A service publishes a host port inside a range reserved for other categories (an app in 7000-7999).",
    messages: {
        protected: "{{service}} ({{category}}) publishes host port {{port}}{{source}} inside range {{range}}, which is reserved for {{owners}}",
        reserved: "{{service}} ({{category}}) publishes host port {{port}}{{source}} inside range {{range}}, where no service may publish",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "Ranges give every kind of service its own part of the host's ports, so a port number says what owns it and stacks never collide. A service publishing inside a range that is not for its category takes a port another service is promised. The suggestion is the first free port of a range that is for its category.",
        bad: {
            description: "An admin UI published in the database range (`fix` moves it into the UI range).",
            files: {
                "compose.yaml": 'services:\n  adminer:\n    image: adminer:4\n    ports:\n      - "${ADMINER_PORT:-7050}:8080"\n',
            },
        },
        good: {
            description: "The UI in its own range.",
            files: {
                "compose.yaml": 'services:\n  adminer:\n    image: adminer:4\n    ports:\n      - "${ADMINER_PORT:-7100}:8080"\n',
            },
        },
        exceptions: "An `allow` entry in the policy exempts one service and port, with a reason.",
    },
    check(context, report) {
        for (const b of context.bindings) {
            if (!context.isActive(b) || b.hostPort === null || context.allowEntry(b))
                continue;
            const offending = context.protectedRangeOf(b);
            if (!offending)
                continue;
            report({
                messageId: offending.for.length > 0 ? "protected" : "reserved",
                args: {
                    service: b.service.name,
                    category: b.service.category,
                    port: context.portText(b),
                    source: context.valueSource(b),
                    range: (0,core_context/* describeRanges */.W9)([offending]),
                    owners: offending.for.join(", "),
                },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: true }],
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG102-category-range.ts


const categoryRange = (0,rule/* defineRule */.Km)({
    id: "PG102",
    name: "category-range",
    severity: "error",
    description: "A service of a category that owns ranges publishes outside them (a database on 5432).",
    messages: {
        outside: "{{service}} ({{category}}) publishes host port {{port}}{{source}} outside its range: {{ranges}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "A database on 5432, an admin UI on 5050: standard ports collide with the next stack, a system service, or a second instance. The convention gives each category its range; the suggestion is the first free port there.",
        bad: {
            description: "PostgreSQL on its standard port.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-5432}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "PostgreSQL in the database range.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        exceptions: "An `allow` entry exempts a service that must keep a standard port, with a reason.",
    },
    check(context, report) {
        for (const b of context.bindings) {
            if (!context.isActive(b) || b.hostPort === null || b.hostPort === 0)
                continue;
            if (!context.isGoverned(b.service) || context.allowEntry(b))
                continue;
            if (context.protectedRangeOf(b) || context.inOwnRange(b))
                continue;
            report({
                messageId: "outside",
                args: {
                    service: b.service.name,
                    category: b.service.category,
                    port: context.portText(b),
                    source: context.valueSource(b),
                    ranges: (0,core_context/* describeRanges */.W9)(context.rangesFor(b.service.category)),
                },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: true }],
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG103-hardcoded-host-port.ts

const hardcodedHostPort = (0,rule/* defineRule */.Km)({
    id: "PG103",
    name: "hardcoded-host-port",
    severity: "error",
    description: "A published host port is written as a literal instead of `${VAR:-default}`.",
    messages: {
        literal: "{{service}} publishes host port {{port}} as a literal; write it as a ${VAR:-default} variable declared in .env",
        mixed: "{{service}} builds host port {{port}} from literal text and variables; write it as one ${VAR:-default} variable",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: 'A literal host port can only be changed by editing the compose file, and applications cannot read it from one place. Writing it as `"${TIMESCALEDB_PORT:-7000}:5432"` keeps the default visible while `.env` can move it, and gives clients a variable to read. Applies to governed services (categories with ranges), or to every service with `variables.require: all`.',
        bad: {
            description: "A literal mapping.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "7000:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "A variable with a default, declared in .env.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
                ".env": "DB_PORT=7000\n",
            },
        },
    },
    check(context, report) {
        for (const b of context.bindings) {
            const kind = b.hostSource.kind;
            if (kind !== "literal" && kind !== "mixed")
                continue;
            if (!b.resolved || b.hostPort === 0 || !context.requiresVariable(b.service))
                continue;
            report({
                messageId: kind,
                args: { service: b.service.name, port: context.portText(b) || b.written },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: false }],
            });
        }
    },
});

// EXTERNAL MODULE: ./src/core/interpolation.ts
var interpolation = __nccwpck_require__(821);
;// CONCATENATED MODULE: ./src/core/rules/PG104-missing-default.ts


const missingDefault = (0,rule/* defineRule */.Km)({
    id: "PG104",
    name: "missing-default",
    severity: "warning",
    description: "A port variable is referenced with no default of any kind (`${VAR}`, `$VAR`, `${VAR:?msg}`).",
    messages: {
        noDefault: "{{service}} reads its host port from {{written}} with no default; write {{fixed}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "Without a default the mapping depends entirely on the environment: where `.env` is missing (CI, a fresh clone) the port is empty and docker publishes a random one, or compose refuses to start. A default keeps the allocation readable in the compose file itself.",
        bad: {
            description: "No default.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
                ".env": "REDIS_PORT=7030\n",
            },
        },
        good: {
            description: "A default matching .env.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
                ".env": "REDIS_PORT=7030\n",
            },
        },
    },
    check(context, report) {
        for (const b of context.bindings) {
            if (b.hostSource.kind !== "variable" || !context.requiresVariable(b.service))
                continue;
            const ref = b.hostSource.reference;
            if ((0,interpolation/* hasDefault */.eS)(ref))
                continue;
            const written = ref.braced ? `\${${ref.name}${ref.operator}${ref.argument ?? ""}}` : `$${ref.name}`;
            report({
                messageId: "noDefault",
                args: { service: b.service.name, written, fixed: `\${${ref.name}:-${b.hostPort ?? "PORT"}}` },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: false }],
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG105-undefined-variable.ts


const undefinedVariable = (0,rule/* defineRule */.Km)({
    id: "PG105",
    name: "undefined-variable",
    severity: "error",
    description: "A port variable is defined neither in .env (or its example stand-in) nor with a default.",
    messages: {
        undefined: "{{variable}} (host port of {{service}}) is not defined in {{envFiles}} and has no default: docker would publish a random port",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "An undefined variable with no default expands to an empty string: the container port is published on a random host port. Declare the variable in the central `.env` (and `.env.example`) or give it a default. (A `${VAR:?}` that is not set makes compose refuse the file: that is PG001.)",
        bad: {
            description: "REDIS_PORT is defined nowhere.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
            },
        },
        good: {
            description: "Declared in .env.",
            files: {
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
                ".env": "REDIS_PORT=7030\n",
            },
        },
    },
    check(context, report) {
        for (const b of context.bindings) {
            if (b.hostSource.kind !== "variable")
                continue;
            const ref = b.hostSource.reference;
            if ((0,interpolation/* hasDefault */.eS)(ref))
                continue;
            const env = b.environment;
            const value = env.get(ref.name);
            // A missing `${VAR:?}` is PG001: compose refuses the file.
            if (b.missingRequired !== null)
                continue;
            const missing = value === undefined || (ref.operator === ":+" && value.value === "");
            if (!missing)
                continue;
            const files = env.files.map((f) => f.path);
            report({
                messageId: "undefined",
                args: {
                    variable: ref.name,
                    service: b.service.name,
                    envFiles: files.length > 0 ? files.join(", ") : "any .env file (none exists)",
                },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: false }],
            });
        }
    },
});

// EXTERNAL MODULE: ./src/core/collections.ts
var collections = __nccwpck_require__(5478);
// EXTERNAL MODULE: ./src/core/port-spec.ts
var port_spec = __nccwpck_require__(3574);
;// CONCATENATED MODULE: ./src/core/rules/PG106-env-drift.ts



const envDrift = (0,rule/* defineRule */.Km)({
    id: "PG106",
    name: "env-drift",
    severity: "warning",
    description: "The .env value of a port variable differs from its compose default (reported once per variable, at its key in .env).",
    messages: {
        drift: "{{variable}} is {{value}} here but its compose default is {{default}} ({{where}}): the port really used is {{value}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "When `.env` and the compose default disagree, the file people read says one port and the machine binds another; CI (without `.env`) and laptops publish different ports. Keep them equal, or change both.",
        bad: {
            description: ".env moves the database back to 5432.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
                ".env": "DB_PORT=7001\n",
            },
        },
        good: {
            description: "The same value in both places.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
                ".env": "DB_PORT=7000\n",
            },
        },
    },
    check(context, report) {
        // One finding per variable and env file, at its key; fix gives every drifting binding the value.
        const drifting = new Map();
        for (const b of context.bindings) {
            if (b.hostSource.kind !== "variable" || b.invalidVariable !== null)
                continue;
            const ref = b.hostSource.reference;
            const origin = b.variableValue?.origin;
            if (ref.source !== "variable" || origin?.kind !== "env-file" || b.defaultValue === null)
                continue;
            const value = (0,port_spec/* parsePortRange */.mK)(b.variableValue?.value ?? "");
            const fallback = (0,port_spec/* parsePortRange */.mK)(b.defaultValue);
            if (!value || !fallback || (value[0] === fallback[0] && value[1] === fallback[1]))
                continue;
            (0,collections/* getOrInsert */.Po)(drifting, `${origin.file}\0${ref.name}`, () => []).push(b);
        }
        for (const bindings of drifting.values()) {
            const b = bindings[0];
            const origin = b.variableValue?.origin;
            if (b.hostSource.kind !== "variable" || origin?.kind !== "env-file")
                continue;
            report({
                messageId: "drift",
                args: {
                    variable: b.hostSource.reference.name,
                    value: b.variableValue?.value ?? "",
                    default: b.defaultValue ?? "",
                    where: `${b.location.file}:${b.location.range.start.line}`,
                },
                location: {
                    file: origin.file,
                    range: {
                        start: { line: origin.line, column: origin.column },
                        end: { line: origin.line, column: origin.endColumn },
                    },
                },
                service: b.service,
                binding: b,
                // The port really used stays: the compose default follows the value.
                fix: bindings.map((binding) => ({ kind: "bind-port", binding, needsMove: false })),
            });
        }
    },
});

// EXTERNAL MODULE: ./src/core/conflicts.ts
var conflicts = __nccwpck_require__(1564);
;// CONCATENATED MODULE: ./src/core/rules/PG107-port-conflict.ts


const NAMED_OTHERS = 5;
const MAX_RELATED = 20;
const portConflict = (0,rule/* defineRule */.Km)({
    id: "PG107",
    name: "port-conflict",
    severity: "error",
    description: "Two bindings on one host overlap: same protocol, overlapping host ports (ranges too), overlapping host IPs; both places are reported, each naming the other.",
    messages: {
        conflict: "host port {{port}}/{{protocol}} of {{service}} is also published by {{others}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "Every compose file of the repository runs on the same host unless the policy says otherwise, so two services publishing one port cannot both start: the second fails with `port is already allocated`. An unspecified host IP overlaps every address, 0.0.0.0 every IPv4 address, :: every IPv6 address; tcp and udp never collide. Bindings that compose merges (an override restating a port) count once.",
        bad: {
            description: "Two databases on 7000.",
            files: {
                "compose.yaml": 'services:\n  a:\n    image: postgres:16\n    ports:\n      - "${A_PORT:-7000}:5432"\n    volumes:\n      - a-data:/var/lib/postgresql/data\n  b-data:\n    image: postgres:16\n    ports:\n      - "${B_PORT:-7000}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  a-data:\n    name: data-a\n  b-data:\n    name: data-b\n',
            },
        },
        good: {
            description: "The second instance takes the next port.",
            files: {
                "compose.yaml": 'services:\n  a:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${A_PORT:-7000}:5432"\n    volumes:\n      - a-data:/var/lib/postgresql/data\n  b:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${B_PORT:-7001}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  a-data:\n    name: data-a\n  b-data:\n    name: data-b\n',
            },
        },
        exceptions: "Compose files that never run on the same machine belong in separate `hosts` groups of the policy.",
    },
    check(context, report) {
        for (const host of context.activeByHost.keys()) {
            for (const [b, others] of context.conflicts(host)) {
                report({
                    messageId: "conflict",
                    args: {
                        port: context.portText(b),
                        protocol: b.protocol,
                        service: b.service.name,
                        // Named up to a few: a port shared by thousands must not make each message list them all.
                        others: others
                            .slice(0, NAMED_OTHERS)
                            .map((o) => `${o.service.name} (${o.location.file}:${o.location.range.start.line})`)
                            .join(", ") +
                            (others.length > NAMED_OTHERS
                                ? ` and ${others.length - NAMED_OTHERS}${others.length >= conflicts/* MAX_PARTNERS */.lc ? " or" : ""} more`
                                : ""),
                    },
                    location: b.location,
                    service: b.service,
                    binding: b,
                    fix: [{ kind: "bind-port", binding: b, needsMove: true }],
                    related: others.slice(0, MAX_RELATED).map((o) => ({
                        file: o.location.file,
                        line: o.location.range.start.line,
                        service: o.service.name,
                    })),
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG108-container-port-changed.ts


/** A flag or variable that names where a server listens: `--address`, `--port`, `HTTP_PORT`, `LISTEN_ADDR`... */
const LISTEN_NAME = /(port|address|addr|listen|bind)/i;
/** The port in a listen value: `:3200`, `0.0.0.0:3200`, `3200`. */
const PORT_IN_VALUE = /(?:^|:)(\d{1,5})$/;
function portsIn(value) {
    const m = PORT_IN_VALUE.exec(value.trim().replace(/^["']|["']$/g, ""));
    return m ? [Number(m[1])] : [];
}
/**
 * The ports the service's own `command` and `environment` say it listens on
 * (MinIO's `--address ":3200"`, `-p 5433`, `PORT=8081`): a target port named there is intended.
 */
function declaredListenPorts(model, service) {
    const ports = new Set();
    for (const data of model.definitionsOf(service)) {
        const words = Array.isArray(data.command)
            ? data.command.map(String)
            : typeof data.command === "string"
                ? data.command.split(/\s+/)
                : [];
        words.forEach((word, i) => {
            const flag = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(word);
            if (!flag || !(LISTEN_NAME.test(flag[1]) || flag[1] === "p"))
                return;
            for (const p of portsIn(flag[2] ?? words[i + 1] ?? ""))
                ports.add(p);
        });
        const env = data.environment;
        const entries = Array.isArray(env)
            ? env.map((e) => String(e).split(/=(.*)/s).slice(0, 2))
            : typeof env === "object" && env !== null
                ? Object.entries(env).map(([k, v]) => [k, String(v ?? "")])
                : [];
        for (const [key, value] of entries)
            if (LISTEN_NAME.test(key))
                for (const p of portsIn(value ?? ""))
                    ports.add(p);
    }
    return ports;
}
const containerPortChanged = (0,rule/* defineRule */.Km)({
    id: "PG108",
    name: "container-port-changed",
    severity: "warning",
    description: "The target (container) port of a known image is not one it listens on (postgres 5432, redis 6379, ...).",
    messages: {
        changed: "{{service}} maps container port {{target}}, but {{image}} listens on {{standard}}: the container side stays the image's standard port",
    },
    docs: {
        rationale: "Only the host side of a mapping moves; the container side is the port the image listens on. A changed target (`7000:5433` for PostgreSQL) reaches nothing unless the server was reconfigured, and hides which service it is.",
        bad: {
            description: "PostgreSQL does not listen on 5433.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5433"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "The standard container port.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        exceptions: 'A server configured to listen elsewhere is recognised when its `command` or `environment` names the port (`command: server --address ":3200"`, `-p 5433`, `HTTP_PORT: 8081`); otherwise suppress the line with a reason.',
    },
    fixes: [],
    check(context, report) {
        // A service's definitions are read once, however many of its ports are looked at.
        const listening = new Map();
        for (const b of context.bindings) {
            if (!b.resolved || b.containerPort !== b.containerPortEnd)
                continue;
            const known = context.image(b.service);
            if (!known || known.ports.some((p) => p.port === b.containerPort))
                continue;
            const declared = (0,collections/* getOrInsert */.Po)(listening, b.service, () => declaredListenPorts(context, b.service));
            if (declared.has(b.containerPort))
                continue;
            report({
                messageId: "changed",
                args: {
                    service: b.service.name,
                    target: b.containerPort,
                    image: b.service.imageName?.path ?? "the image",
                    standard: known.ports.map((p) => p.port).join(", "),
                },
                location: b.location,
                service: b.service,
                binding: b,
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG109-variable-name.ts

const variableName = (0,rule/* defineRule */.Km)({
    id: "PG109",
    name: "variable-name",
    severity: "warning",
    description: "The port variable does not match `variables.pattern` (default `^[A-Z][A-Z0-9_]*_PORT$`).",
    messages: {
        name: "{{variable}} (host port of {{service}}) does not match the variable pattern {{pattern}}",
    },
    docs: {
        rationale: "A uniform name (`<SERVICE>_PORT`) tells readers and tools which variables are ports: portguard checks their values in `.env`, applications find them without guessing.",
        bad: {
            description: "Not named *_PORT.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${PG_REPLICA:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "Named after the service.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
    },
    fixes: [],
    check(context, report) {
        for (const b of context.bindings) {
            if (b.hostSource.kind !== "variable")
                continue;
            const name = b.hostSource.reference.name;
            if (context.matchesVariablePattern(name))
                continue;
            report({
                messageId: "name",
                args: { variable: name, service: b.service.name, pattern: context.policy.variables.pattern },
                location: b.location,
                service: b.service,
                binding: b,
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG110-sequential-instances.ts


const sequentialInstances = (0,rule/* defineRule */.Km)({
    id: "PG110",
    name: "sequential-instances",
    severity: "info",
    description: "Services of one image publishing in one range form a family: the lowest port is the base and each further member should sit on the next free port after the previous one.",
    messages: {
        gap: "{{service}} is another {{image}} in {{range}}: the next free port after {{previous}} ({{previousService}}) is {{expected}}, it uses {{port}}",
    },
    docs: {
        rationale: "A second instance of a database (a backup, a replica) on the next port keeps the plan readable: 7000 primary, 7001 backup. Gaps and scattered instances make the next allocation a guess.",
        bad: {
            description: "The replica skips ahead.",
            files: {
                "compose.yaml": 'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "${PG_PORT:-7000}:5432"\n    volumes:\n      - pg:/var/lib/postgresql/data\n  pg-replica:\n    image: postgres:16\n    ports:\n      - "${PG_REPLICA_PORT:-7005}:5432"\n    volumes:\n      - pgr:/var/lib/postgresql/data\nvolumes:\n  pg:\n    name: data-pg\n  pgr:\n    name: data-pg-replica\n',
            },
        },
        good: {
            description: "The replica takes the next port.",
            files: {
                "compose.yaml": 'services:\n  pg:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${PG_PORT:-7000}:5432"\n    volumes:\n      - pg:/var/lib/postgresql/data\n  pg-replica:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${PG_REPLICA_PORT:-7001}:5432"\n    volumes:\n      - pgr:/var/lib/postgresql/data\nvolumes:\n  pg:\n    name: data-pg\n  pgr:\n    name: data-pg-replica\n',
            },
        },
    },
    fixes: [],
    check(context, report) {
        for (const [host, bindings] of context.activeByHost) {
            const families = new Map();
            for (const b of bindings) {
                const image = b.service.imageName?.path;
                if (!image || b.hostPort === null || !context.inOwnRange(b))
                    continue;
                const range = context.rangeOf(b.hostPort);
                if (!range)
                    continue;
                const key = `${image}\0${range.name}`;
                const members = (0,collections/* getOrInsert */.Po)(families, key, () => new Map());
                const current = members.get(b.service);
                if (!current || b.hostPort < current.hostPort)
                    members.set(b.service, b);
            }
            for (const [key, members] of families) {
                if (members.size < 2)
                    continue;
                const range = context.policy.ranges.find((r) => r.name === key.split("\0")[1]);
                if (!range)
                    continue;
                const positions = [...members.values()].sort((a, b) => a.hostPort - b.hostPort || a.id - b.id);
                const own = new Set(positions.map((b) => b.hostPort));
                const taken = context.takenPorts(host);
                let previous = positions[0];
                for (const member of positions.slice(1)) {
                    const prev = previous.hostPort;
                    let expected = prev + 1;
                    while (expected <= range.end && taken.has(expected) && !own.has(expected))
                        expected++;
                    if (expected <= range.end && member.hostPort !== expected) {
                        report({
                            messageId: "gap",
                            args: {
                                service: member.service.name,
                                image: member.service.imageName?.path ?? "",
                                range: `${range.name} ${range.start}-${range.end}`,
                                previous: prev,
                                previousService: previous.service.name,
                                expected,
                                port: member.hostPort,
                            },
                            location: member.location,
                            service: member.service,
                            binding: member,
                            suggestion: { nextAfter: prev, binding: member },
                        });
                    }
                    previous = member;
                }
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG111-registry-mismatch.ts


const registryMismatch = (0,rule/* defineRule */.Km)({
    id: "PG111",
    name: "registry-mismatch",
    severity: "error",
    description: "A service in the registry publishes another port or variable than allocated.",
    messages: {
        port: "{{service}} is allocated host port {{allocated}} in the registry but publishes {{port}}",
        variable: "{{service}} is allocated variable {{allocatedVariable}} in the registry but uses {{variable}}",
        both: "{{service}} is allocated {{allocatedVariable}}={{allocated}} in the registry but publishes {{port}} through {{variable}}",
        unpublished: "{{service}} is allocated host port {{allocated}} in the registry but publishes no port",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "The registry (`services:` in the policy) is the team's allocation table: one port and one variable per service. Compose files must follow it, or the table and the machine disagree.",
        bad: {
            description: "The backup uses another variable and port than allocated.",
            files: {
                ".portguard.yml": "services:\n  db-backup: { category: database, port: 7001, variable: DB_BACKUP_PORT }\n",
                "compose.yaml": 'services:\n  db-backup:\n    image: postgres:16\n    ports:\n      - "${BACKUP_PORT:-7002}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  b-data:\n    name: data-db-backup\n',
            },
        },
        good: {
            description: "As allocated.",
            files: {
                ".portguard.yml": "services:\n  db-backup: { category: database, port: 7001, variable: DB_BACKUP_PORT }\n",
                "compose.yaml": 'services:\n  db-backup:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_BACKUP_PORT:-7001}:5432"\n    volumes:\n      - b-data:/var/lib/postgresql/data\nvolumes:\n  b-data:\n    name: data-db-backup\n',
            },
        },
    },
    check(context, report) {
        for (const service of context.services) {
            const entry = context.registryEntry(service);
            if (!entry || (entry.port === undefined && entry.variable === undefined))
                continue;
            const suggestion = { port: entry.port, variable: entry.variable };
            const b = context.registryBinding(service);
            if (!b) {
                if (entry.port === undefined)
                    continue;
                report({
                    messageId: "unpublished",
                    args: { service: service.name, allocated: entry.port },
                    location: service.location,
                    service,
                    suggestion,
                });
                continue;
            }
            const variable = (0,core_context/* variableOf */.Qn)(b);
            const portKnown = context.isActive(b) || b.hostPort !== null;
            const portWrong = entry.port !== undefined && portKnown && b.invalidVariable === null && b.hostPort !== entry.port;
            const variableWrong = entry.variable !== undefined && variable !== entry.variable;
            if (!portWrong && !variableWrong)
                continue;
            report({
                messageId: portWrong && variableWrong ? "both" : portWrong ? "port" : "variable",
                args: {
                    service: service.name,
                    allocated: entry.port ?? "",
                    allocatedVariable: entry.variable ?? "",
                    port: context.portText(b) || "no host port",
                    variable: variable ?? "a literal",
                },
                location: b.location,
                service,
                binding: b,
                suggestion,
                fix: [{ kind: "bind-port", binding: b, needsMove: portWrong }],
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG112-undocumented-port.ts

const START = "<!-- portguard:start -->";
const END = "<!-- portguard:end -->";
/** The part of the docs that counts: inside the portguard markers when they exist. */
function documentedText(text) {
    const start = text.indexOf(START);
    const end = text.indexOf(END, start + START.length);
    return start >= 0 && end > start ? text.slice(start + START.length, end) : text;
}
const undocumentedPort = (0,rule/* defineRule */.Km)({
    id: "PG112",
    name: "undocumented-port",
    severity: "warning",
    description: "A governed binding's host port is missing from the docs file (only when `docs` is set and the file exists; inside the portguard markers when they exist).",
    messages: {
        missing: "host port {{port}} of {{service}} is not listed in {{docs}}",
    },
    fixes: [],
    docs: {
        rationale: "The port table (PORTS-CONVENTION.md) is where people look before picking a port. An allocation missing from it is invisible to the next person. `portguard docs` writes the table.",
        bad: {
            description: "7001 is not in the table.",
            files: {
                "PORTS-CONVENTION.md": "| port | service |\n| --- | --- |\n| 7000 | db |\n",
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7001}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "Listed.",
            files: {
                "PORTS-CONVENTION.md": "| port | service |\n| --- | --- |\n| 7001 | db |\n",
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7001}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
    },
    check(context, report) {
        if (context.docsText === null || context.policy.docs === null)
            return;
        const text = documentedText(context.docsText);
        const words = new Set(text.match(/\d+/g) ?? []);
        for (const b of context.bindings) {
            if (!context.isActive(b) || b.hostPort === null || b.hostPort === 0 || !context.isGoverned(b.service))
                continue;
            const end = b.hostPortEnd ?? b.hostPort;
            let documented = true;
            for (let p = b.hostPort; p <= end && documented; p++)
                documented = words.has(String(p));
            if (documented || text.includes(`${b.hostPort}-${end}`))
                continue;
            report({
                messageId: "missing",
                args: { port: context.portText(b), service: b.service.name, docs: context.policy.docs },
                location: b.location,
                service: b.service,
                binding: b,
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG113-unpinned-port.ts

const unpinnedPort = (0,rule/* defineRule */.Km)({
    id: "PG113",
    name: "unpinned-port",
    severity: "warning",
    description: "A governed service publishes a container port on a random host port (no host port, host port 0, or a variable that resolves to empty), or runs with `network_mode: host`.",
    messages: {
        random: "{{service}} publishes container port {{target}} on a random host port: pin it to a port of its range",
        zero: "{{service}} publishes container port {{target}} on host port 0 (random): pin it to a port of its range",
        hostNetwork: "{{service}} runs with network_mode: host, so its ports cannot be governed: publish them through ports: instead",
    },
    fixes: [],
    docs: {
        rationale: "A random host port changes on every restart: clients cannot be configured, and nothing in the plan says which port the service holds. Host networking binds the container's own ports on the host, outside any plan.",
        bad: {
            description: "Container port only.",
            files: {
                "compose.yaml": 'services:\n  cassandra:\n    image: cassandra:5\n    ports:\n      - "9042"\n    volumes:\n      - c-data:/var/lib/cassandra\nvolumes:\n  c-data:\n    name: data-cassandra\n',
            },
        },
        good: {
            description: "Pinned in the database range.",
            files: {
                "compose.yaml": 'services:\n  cassandra:\n    image: cassandra:5\n    healthcheck:\n      test: ["CMD", "cqlsh", "-e", "describe keyspaces"]\n    restart: unless-stopped\n    ports:\n      - "${CASSANDRA_PORT:-7000}:9042"\n    volumes:\n      - c-data:/var/lib/cassandra\nvolumes:\n  c-data:\n    name: data-cassandra\n',
            },
        },
    },
    check(context, report) {
        for (const service of context.services) {
            if (!context.isGoverned(service))
                continue;
            if (context.isHostNetwork(service) && service.networkMode) {
                report({
                    messageId: "hostNetwork",
                    args: { service: service.name },
                    location: service.networkMode.location,
                    service,
                });
                continue;
            }
            for (const b of service.ports) {
                if (!context.isActive(b) || (b.hostPort !== null && b.hostPort !== 0))
                    continue;
                const target = b.containerPortEnd !== b.containerPort ? `${b.containerPort}-${b.containerPortEnd}` : `${b.containerPort}`;
                report({
                    messageId: b.hostPort === 0 ? "zero" : "random",
                    args: { service: service.name, target },
                    location: b.location,
                    service,
                    binding: b,
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG114-undeclared-variable.ts


const undeclaredVariable = (0,rule/* defineRule */.Km)({
    id: "PG114",
    name: "undeclared-variable",
    severity: "warning",
    description: "A port variable has a default in compose but is missing from the central .env (or its stand-in) while such a file exists.",
    messages: {
        undeclared: "{{variable}} (host port of {{service}}) has a default but is not declared in {{envFile}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "The central `.env` is the one place where every port allocation can be read and changed, and where applications read their ports from. A variable that only lives as a compose default is invisible there.",
        bad: {
            description: "REDIS_PORT is missing from .env.",
            files: {
                ".env": "DB_PORT=7000\n",
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
            },
        },
        good: {
            description: "Declared.",
            files: {
                ".env": "DB_PORT=7000\nREDIS_PORT=7030\n",
                "compose.yaml": 'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: unless-stopped\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\nvolumes:\n  redis:\n    name: data-redis\n',
            },
        },
    },
    check(context, report) {
        for (const b of context.bindings) {
            if (b.hostSource.kind !== "variable")
                continue;
            const ref = b.hostSource.reference;
            if (!(0,interpolation/* hasDefault */.eS)(ref))
                continue;
            const env = b.environment;
            if (env.files.length === 0)
                continue;
            if (env.get(ref.name)?.origin.kind === "env-file")
                continue;
            report({
                messageId: "undeclared",
                args: { variable: ref.name, service: b.service.name, envFile: env.files.map((f) => f.path).join(", ") },
                location: b.location,
                service: b.service,
                binding: b,
                fix: [{ kind: "bind-port", binding: b, needsMove: false }],
            });
        }
    },
});

// EXTERNAL MODULE: ./src/core/images.ts
var core_images = __nccwpck_require__(6881);
;// CONCATENATED MODULE: ./src/core/volumes.ts
/** Which mounts of a database hold its data. */

function trimSlash(path) {
    return path.length > 1 ? path.replace(/\/+$/, "") : path;
}
/** A mount covers a data directory when it is mounted on it or on one of its parents. */
function covers(mount, dataDirs) {
    const target = trimSlash(mount.target);
    return dataDirs.some((dir) => {
        const d = trimSlash(dir);
        return d === target || d.startsWith(`${target}/`);
    });
}
function isUnsafe(m) {
    return m.kind === "bind" || m.kind === "anonymous" || m.kind === "tmpfs";
}
/**
 * The mounts holding a database's data. With a known data directory, the mounts on it; without
 * one (or when a named volume sits elsewhere, as with a custom PGDATA), every named volume.
 */
function dataMounts(service, known) {
    const dirs = known?.dataDirs ?? [];
    const named = service.mounts.filter((m) => m.kind === "volume");
    if (dirs.length > 0) {
        const onData = service.mounts.filter((m) => covers(m, dirs));
        const namedOnData = onData.filter((m) => m.kind === "volume");
        if (namedOnData.length > 0)
            return { named: namedOnData, unsafe: null };
        const unsafeOnData = onData.find(isUnsafe);
        if (unsafeOnData)
            return { named: [], unsafe: unsafeOnData };
        // Another mount (a config file, a socket) is not where the data is: the data has none.
        return { named, unsafe: null };
    }
    const unsafe = named.length > 0 ? null : (service.mounts.find((m) => isUnsafe(m) && !looksLikeFile(m)) ?? null);
    return { named, unsafe };
}
/**
 * Whether recreating the container (as a port change does) loses a database's data: it keeps it
 * in the container (no volume) or in tmpfs. A database that keeps no data on purpose loses none.
 */
function losesDataOnRecreate(service) {
    if (service.category !== "database" || keepsNoData(service))
        return false;
    const known = knownImage(service.imageName);
    if (known && known.dataDirs.length === 0)
        return false;
    const { named, unsafe } = dataMounts(service, known);
    return named.length === 0 && (unsafe === null || unsafe.kind === "tmpfs");
}
/** A mount on a path with a file extension (`redis.conf`, `init.sql`) is a file of configuration, not data. */
function looksLikeFile(mount) {
    return /\/[^/]*[^/.]\.[A-Za-z0-9]{1,8}$/.test(trimSlash(mount.target));
}
/** The label that says a database keeps no data on purpose (a cache): PG201 and PG202 leave it alone. */
const NO_DATA_LABEL = "portguard.data";
function keepsNoData(service) {
    return service.labels.get(NO_DATA_LABEL) === "none";
}

;// CONCATENATED MODULE: ./src/core/rules/PG201-database-volume.ts


const databaseVolume = (0,rule/* defineRule */.Km)({
    id: "PG201",
    name: "database-volume",
    severity: "error",
    description: "A database keeps its data in a bind mount, an anonymous volume, or no volume instead of a named volume.",
    messages: {
        bind: "{{service}} keeps its data in a bind mount ({{source}}:{{target}}): use a named volume with a fixed name",
        anonymous: "{{service}} keeps its data in an anonymous volume ({{target}}): it is lost when the container is recreated; use a named volume",
        tmpfs: "{{service}} keeps its data in tmpfs ({{target}}): it is lost on restart; use a named volume",
        none: "{{service}} has no volume for its data{{dataDir}}: recreating the container (for a port change) loses it; mount a named volume",
    },
    docs: {
        rationale: "Moving a database to its allocated port recreates the container. Data in the container or an anonymous volume is gone then; a bind mount ties the data to one checkout's path and permissions. A named volume with a fixed `name:` survives recreation and renames.",
        bad: {
            description: "An anonymous volume on the data directory.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - /var/lib/postgresql/data\n',
            },
        },
        good: {
            description: "A named volume with a fixed name.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        exceptions: "A database that keeps no data on purpose (a Redis used as a cache, a throw-away database for tests): say so with the label `portguard.data: none` on the service (`labels: { portguard.data: none }`); PG201 then leaves it alone, and stays an error for every other database.",
    },
    fixes: [],
    check(context, report) {
        for (const service of context.services) {
            if (service.category !== "database" || keepsNoData(service))
                continue;
            const known = context.image(service);
            if (known && known.dataDirs.length === 0)
                continue;
            const { named, unsafe } = dataMounts(service, known);
            if (named.length > 0)
                continue;
            if (unsafe) {
                report({
                    messageId: unsafe.kind,
                    args: { service: service.name, source: unsafe.source, target: unsafe.target },
                    location: unsafe.location,
                    service,
                });
            }
            else {
                report({
                    messageId: "none",
                    args: { service: service.name, dataDir: known ? ` (${known.dataDirs[0]})` : "" },
                    location: service.location,
                    service,
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG202-volume-name.ts


const volumeName = (0,rule/* defineRule */.Km)({
    id: "PG202",
    name: "volume-name",
    severity: "warning",
    description: "A database's named volume has no explicit `name:` (its real name would depend on the project directory).",
    messages: {
        unnamed: "volume {{volume}} holds the data of {{service}} but has no name: compose calls it {{actual}}; set name: to fix it",
    },
    fixes: ["name-volume"],
    docs: {
        rationale: "Without `name:` compose prefixes the volume with the project name (the folder name by default): moving or renaming the checkout, or running with `-p`, silently starts an empty database. A fixed name keeps the data where it is.",
        bad: {
            description: "The real name depends on the folder.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n',
            },
        },
        good: {
            description: "A fixed name.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
    },
    check(context, report) {
        const reported = new Set();
        for (const service of context.services) {
            if (service.category !== "database")
                continue;
            const known = context.image(service);
            if (known && known.dataDirs.length === 0)
                continue;
            for (const mount of dataMounts(service, known).named) {
                const volume = service.project.volumes.get(mount.source);
                if (!volume || volume.hasName || volume.external)
                    continue;
                const key = `${volume.location.file}:${volume.location.range.start.line}:${volume.name}`;
                if (reported.has(key))
                    continue;
                reported.add(key);
                const actual = `${service.project.name}_${volume.name}`;
                report({
                    messageId: "unnamed",
                    args: { volume: volume.name, service: service.name, actual },
                    location: volume.location,
                    service,
                    fix: [{ kind: "name-volume", file: volume.location.file, key: volume.location.range, name: actual }],
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG203-database-healthcheck.ts

const databaseHealthcheck = (0,rule/* defineRule */.Km)({
    id: "PG203",
    name: "database-healthcheck",
    severity: "info",
    description: "A database has no `healthcheck` or no `restart` policy (reported at the service key).",
    messages: {
        healthcheck: "{{service}} has no healthcheck: dependants cannot wait for it (depends_on: condition: service_healthy)",
        restart: "{{service}} has no restart policy: it stays down after a crash or a reboot",
        both: "{{service}} has no healthcheck and no restart policy",
    },
    docs: {
        rationale: "Databases are what everything else waits for. A healthcheck lets dependants start when the database is ready; a restart policy brings it back after a crash or a host reboot.",
        bad: {
            description: "Neither.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
        good: {
            description: "Both.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\nvolumes:\n  db:\n    name: data-db\n',
            },
        },
    },
    fixes: [],
    check(context, report) {
        for (const service of context.services) {
            if (service.category !== "database")
                continue;
            const restart = service.deployRestart || (service.restart !== null && service.restart !== "no" && service.restart !== "");
            const health = service.hasHealthcheck;
            if (restart && health)
                continue;
            report({
                messageId: !restart && !health ? "both" : health ? "restart" : "healthcheck",
                args: { service: service.name },
                location: service.location,
                service,
            });
        }
    },
});

;// CONCATENATED MODULE: ./src/core/env-ports.ts

/** A port variable: named by the policy's pattern, or written as a host port somewhere. */
function isPortVariable(model, key) {
    return key !== "" && (model.matchesVariablePattern(key) || model.portVariables.has(key));
}
/** An integer 1-65535; a range `a-b` too for a variable that compose files use as a host port. */
function isValidPortValue(model, entry) {
    const value = entry.value;
    if (/^[0-9]+$/.test(value)) {
        const n = Number(value);
        return n >= 1 && n <= 65535;
    }
    if (!model.portVariables.has(entry.key) || !value.includes("-"))
        return false;
    const range = (0,port_spec/* parsePortRange */.mK)(value);
    return range !== null && range[0] >= 1;
}
/** `DB_PORT=${TIMESCALEDB_PORT}`: an alias that holds the same port by construction. */
function isAlias(entry) {
    const raw = entry.quote === "" ? entry.raw.replace(/\s+#.*$/, "") : entry.raw.slice(1, -1);
    return /^\$(\{[_A-Za-z][_A-Za-z0-9]*\}|[_A-Za-z][_A-Za-z0-9]*)$/.test(raw.trim());
}

;// CONCATENATED MODULE: ./src/core/rules/PG301-env-port-value.ts


const envPortValue = (0,rule/* defineRule */.Km)({
    id: "PG301",
    name: "env-port-value",
    severity: "error",
    description: "A port variable in .env is not an integer 1-65535 (an empty value included).",
    messages: {
        invalid: "{{variable}} is not a port number (an integer 1-65535)",
        empty: "{{variable}} is empty: a port variable needs a number 1-65535",
    },
    docs: {
        rationale: "A port variable that is not a number makes compose fail (`invalid hostPort`) or, when empty, publish a random port. The value is not repeated in the message: `.env` files hold secrets, and a mistyped line may be one.",
        bad: {
            description: "Not a number.",
            files: { ".env": "NEO4J_BOLT_PORT=seven\n" },
        },
        good: {
            description: "A port.",
            files: { ".env": "NEO4J_BOLT_PORT=7014\n" },
        },
    },
    fixes: [],
    check(context, report) {
        for (const file of context.envFiles) {
            for (const entry of file.parsed.entries) {
                if (!isPortVariable(context, entry.key) || isValidPortValue(context, entry))
                    continue;
                report({
                    messageId: entry.value === "" ? "empty" : "invalid",
                    args: { variable: entry.key },
                    location: {
                        file: file.path,
                        range: {
                            start: { line: entry.line, column: entry.column },
                            end: { line: entry.line, column: entry.endColumn },
                        },
                    },
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG302-env-duplicate-key.ts

const envDuplicateKey = (0,rule/* defineRule */.Km)({
    id: "PG302",
    name: "env-duplicate-key",
    severity: "warning",
    description: "A key is defined twice in one .env file (reported at each later definition, naming the first).",
    messages: {
        duplicate: "{{variable}} is defined again (first at line {{first}}): the last definition wins",
    },
    docs: {
        rationale: "compose keeps the last definition; whoever edits the first one changes nothing. Keep one definition per key.",
        bad: { description: "Twice.", files: { ".env": "REDIS_PORT=7030\nREDIS_PORT=7031\n" } },
        good: { description: "Once.", files: { ".env": "REDIS_PORT=7030\n" } },
    },
    fixes: [],
    check(context, report) {
        for (const file of context.envFiles) {
            const first = new Map();
            for (const entry of file.parsed.entries) {
                if (entry.key === "")
                    continue;
                const earlier = first.get(entry.key);
                if (!earlier) {
                    first.set(entry.key, entry);
                    continue;
                }
                report({
                    messageId: "duplicate",
                    args: { variable: entry.key, first: earlier.line },
                    location: {
                        file: file.path,
                        range: {
                            start: { line: entry.line, column: entry.column },
                            end: { line: entry.line, column: entry.endColumn },
                        },
                    },
                    related: [{ file: file.path, line: earlier.line }],
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/PG303-env-port-collision.ts




/** The bindings whose host port is a variable of an env file, by file and name. */
function usersByVariable(context) {
    const users = new Map();
    for (const b of context.bindings) {
        const variable = (0,core_context/* variableOf */.Qn)(b);
        const origin = b.variableValue?.origin;
        if (variable !== null && origin?.kind === "env-file")
            (0,collections/* getOrInsert */.Po)(users, `${origin.file}\0${variable}`, () => []).push(b);
    }
    return users;
}
/**
 * The fix of a later declaration: its bindings move to a fresh port. Bindings in a conflict are
 * left to PG107's fix, which moves the one with the weaker claim.
 */
function movesOf(context, users) {
    const conflicted = users.some((b) => context.conflicts(b.service.project.host).has(b));
    return conflicted ? [] : users.map((binding) => ({ kind: "bind-port", binding, needsMove: true, fresh: true }));
}
const envPortCollision = (0,rule/* defineRule */.Km)({
    id: "PG303",
    name: "env-port-collision",
    severity: "error",
    description: "Two port variables in one .env file hold the same value.",
    messages: {
        collision: "{{variable}} holds port {{port}}, like {{others}}",
    },
    fixes: ["bind-port"],
    docs: {
        rationale: "Two variables with one port value mean two services will try to bind the same port, or one variable is a stale copy. A variable meant to follow another should say so: `DB_PORT=${TIMESCALEDB_PORT}` is not reported.",
        bad: {
            description: "Two caches of different profiles on one port (`fix` moves the later one to a free port).",
            files: {
                "compose.yaml": 'services:\n  redis:\n    image: redis:7\n    profiles: [live]\n    ports:\n      - "${REDIS_PORT:-7030}:6379"\n    volumes:\n      - redis:/data\n  cache:\n    image: redis:7\n    profiles: [replay]\n    ports:\n      - "${CACHE_PORT:-7030}:6379"\n    volumes:\n      - cache:/data\nvolumes:\n  redis:\n    name: data-redis\n  cache:\n    name: data-cache\n',
                ".env": "REDIS_PORT=7030\nCACHE_PORT=7030\n",
            },
        },
        good: {
            description: "Distinct values, or an explicit alias.",
            files: { ".env": "REDIS_PORT=7030\nCACHE_PORT=${REDIS_PORT}\n" },
        },
    },
    check(context, report) {
        let users = null;
        const usersOf = (file, key) => {
            users ??= usersByVariable(context);
            return users.get(`${file}\0${key}`) ?? [];
        };
        for (const file of context.envFiles) {
            const last = new Map();
            for (const entry of file.parsed.entries)
                last.set(entry.key, entry);
            const byValue = new Map();
            for (const entry of last.values()) {
                if (!isPortVariable(context, entry.key) || isAlias(entry) || !isValidPortValue(context, entry))
                    continue;
                const value = String(Number(entry.value.split("-")[0]));
                (0,collections/* getOrInsert */.Po)(byValue, value, () => []).push(entry);
            }
            for (const [port, entries] of byValue) {
                if (entries.length < 2)
                    continue;
                const first = entries.reduce((a, e) => (e.line < a.line ? e : a));
                for (const entry of entries) {
                    const others = entries.filter((e) => e !== entry);
                    report({
                        messageId: "collision",
                        args: { variable: entry.key, port, others: others.map((o) => `${o.key} (line ${o.line})`).join(", ") },
                        location: {
                            file: file.path,
                            range: {
                                start: { line: entry.line, column: entry.column },
                                end: { line: entry.line, column: entry.endColumn },
                            },
                        },
                        related: others.map((o) => ({ file: file.path, line: o.line })),
                        fix: entry === first ? [] : movesOf(context, usersOf(file.path, entry.key)),
                    });
                }
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/source-ports.ts
/**
 * Finding governed host ports hardcoded in application sources (PG401): one regex pass per file
 * for the port numbers themselves, then a look at each hit's context on its line.
 */

/** Host names that mean "this machine": a governed port there is a hardcoded allocation. */
const LOCAL_HOST = /(?:^|[^A-Za-z0-9_.-])(?:localhost|[A-Za-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|host\.docker\.internal|gateway\.docker\.internal|\[(?:::1|::|0:0:0:0:0:0:0:1)\]):$/i;
/** `port: `, `"db_port": "`, `PORT = `, `dbPort => `: a key or variable named like a port, then the value. */
const PORT_KEY = /(?:^|[^A-Za-z0-9_])([A-Za-z0-9_.-]*port[A-Za-z0-9_]*)["'`]?\s*(?::=|=>|==|[:=])\s*["'`]?$/i;
/** `VAR ?? `, `VAR || `, `"VAR", `, `VAR:-`, `VAR) or `: the literal is the fallback of VAR. */
const FALLBACK = /([A-Za-z_][A-Za-z0-9_]*)["'`]?\s*[\])]?\s*(?:\?\?|\|\||,|:-|\?:|\bor\b)\s*["'`]?$/;
/** Files that hold numbers but never application settings. */
const GENERATED = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|composer\.lock|Cargo\.lock|poetry\.lock|go\.sum|[^/]+\.min\.js)$/;
const C_LIKE = new Set(["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "go", "java", "kt", "rs", "cs", "php"]);
const HASH = new Set(["py", "rb", "toml", "properties", "conf", "ini", "php", "sh"]);
/** Offsets where comments start and end in a file (line comments end at the line end). */
function commentSpans(text, extension) {
    const cLike = C_LIKE.has(extension);
    const hash = HASH.has(extension);
    const semicolon = extension === "ini";
    if (!cLike && !hash && !semicolon)
        return [];
    const spans = [];
    let quote = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (c === "\\")
                i++;
            else if (c === quote || c === "\n")
                quote = "";
            continue;
        }
        if (c === '"' || c === "'" || (c === "`" && cLike)) {
            quote = c;
            continue;
        }
        const lineComment = (cLike && c === "/" && text[i + 1] === "/") || (hash && c === "#") || (semicolon && c === ";");
        if (lineComment) {
            const end = text.indexOf("\n", i);
            spans.push([i, end < 0 ? text.length : end]);
            i = end < 0 ? text.length : end;
            continue;
        }
        if (cLike && c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            spans.push([i, end < 0 ? text.length : end + 2]);
            i = end < 0 ? text.length : end + 1;
        }
    }
    return spans;
}
/** The governed ports of the project and the variable each should be read through. */
function governedPorts(model) {
    const byPort = new Map();
    const byVariable = new Map();
    const own = (port, variable, service) => {
        if (port === null || port === 0 || !variable)
            return;
        if (!byPort.has(port))
            byPort.set(port, { port, variable, service });
    };
    for (const [service, entry] of Object.entries(model.policy.services)) {
        if (entry.port !== undefined && entry.variable) {
            own(entry.port, entry.variable, service);
            byVariable.set(entry.variable, entry.port);
        }
    }
    for (const b of model.bindings) {
        if (!model.isGoverned(b.service))
            continue;
        const variable = (0,core_context/* variableOf */.Qn)(b) ?? model.registryEntry(b.service)?.variable ?? null;
        const name = variable ?? `${b.service.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_PORT`;
        if (b.hostPort !== null && b.resolved) {
            const end = b.hostPortEnd ?? b.hostPort;
            for (let p = b.hostPort; p <= Math.min(end, b.hostPort + 64); p++)
                own(p, name, b.service.name);
            if (variable && b.hostPort === end && !byVariable.has(variable))
                byVariable.set(variable, b.hostPort);
        }
        const fallback = b.defaultValue !== null && /^\d+$/.test(b.defaultValue) ? Number(b.defaultValue) : null;
        own(fallback, name, b.service.name);
        const envValue = b.variableValue && /^\d+$/.test(b.variableValue.value) ? Number(b.variableValue.value) : null;
        own(envValue, name, b.service.name);
    }
    return { byPort, byVariable };
}
/** The regular expressions of one run (built once, used on every file). */
function sourcePatterns(ports, variables) {
    const list = [...new Set([...ports.keys(), ...variables.values()])].sort((a, b) => b - a);
    if (list.length === 0)
        return null;
    const names = [...variables.keys()].map((v) => v.replace(/[^A-Za-z0-9_]/g, ""));
    return {
        numbers: new RegExp(`(?<![0-9A-Za-z_.])(?:${list.join("|")})(?![0-9A-Za-z_]|\\.[0-9])`, "g"),
        fallbacks: names.length === 0
            ? null
            : new RegExp(`(?<![A-Za-z0-9_])(${names.join("|")})["'\`]?\\s*[\\])]?\\s*(?:\\?\\?|\\|\\||,|:-|\\?:|\\bor\\b)\\s*["'\`]?([0-9]{1,5})(?![0-9])`, "g"),
    };
}
/** Scans one source file. Pure: text in, findings out. */
function scanSource(file, text, ports, variables, patterns) {
    if (GENERATED.test(file))
        return [];
    const extension = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
    let comments = null;
    const candidates = [];
    const { numbers, fallbacks } = patterns;
    numbers.lastIndex = 0;
    for (let m = numbers.exec(text); m !== null; m = numbers.exec(text)) {
        const start = m.index;
        const port = Number(m[0]);
        const owner = ports.get(port);
        const lineStart = text.lastIndexOf("\n", start - 1) + 1;
        const before = text.slice(Math.max(lineStart, start - 160), start);
        const fallback = FALLBACK.exec(before);
        const fallbackOf = fallback?.[1];
        // The fallback of a port variable is judged by the fallback pass below.
        if (fallbackOf !== undefined && variables.has(fallbackOf))
            continue;
        const via = LOCAL_HOST.test(before)
            ? "host"
            : PORT_KEY.test(before)
                ? "key"
                : fallbackOf !== undefined && /port/i.test(fallbackOf)
                    ? "fallback"
                    : null;
        if (owner && via) {
            candidates.push({
                port,
                variable: owner.variable,
                service: owner.service,
                kind: "hardcoded",
                via,
                start,
                length: m[0].length,
            });
        }
    }
    if (fallbacks) {
        fallbacks.lastIndex = 0;
        for (let m = fallbacks.exec(text); m !== null; m = fallbacks.exec(text)) {
            const variable = m[1];
            const digits = m[2];
            const port = Number(digits);
            const allocated = variables.get(variable);
            if (allocated === undefined || allocated === port)
                continue;
            const start = m.index + m[0].length - digits.length;
            const service = ports.get(allocated)?.service ?? "";
            candidates.push({
                port,
                variable,
                service,
                kind: "fallback",
                via: "fallback",
                allocated,
                start,
                length: digits.length,
            });
        }
    }
    const findings = [];
    for (const { start, length, ...finding } of candidates) {
        comments ??= commentSpans(text, extension);
        if (comments.some(([s, e]) => s <= start && start < e))
            continue;
        const lineStart = text.lastIndexOf("\n", start - 1) + 1;
        findings.push({
            ...finding,
            file,
            line: countLines(text, start),
            column: start - lineStart + 1,
            endColumn: start - lineStart + 1 + length,
        });
    }
    return findings;
}
function countLines(text, offset) {
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1))
        line++;
    return line;
}

;// CONCATENATED MODULE: ./src/core/rules/PG401-hardcoded-port-in-source.ts


const hardcodedPortInSource = (0,rule/* defineRule */.Km)({
    id: "PG401",
    name: "hardcoded-port-in-source",
    severity: "error",
    description: "A source or config file of the application hardcodes a port that belongs to a governed service (`localhost:7000`, `port: 7000`, `DB_PORT=7000`, a URL) instead of reading the variable.",
    messages: {
        hardcoded: "port {{port}} is {{service}}'s allocation, hardcoded here: read {{variable}} from the environment instead",
        fallback: "the fallback {{port}} of {{variable}} is not its allocation {{allocated}}",
    },
    docs: {
        rationale: "The port convention only holds if applications read the port variables: a literal `localhost:7000` in code silently breaks when `.env` moves the database, and hides who depends on the allocation. A literal used as the fallback of its own variable (`process.env.TIMESCALEDB_PORT ?? 7000`) is fine when it equals the allocation. Addresses inside the compose network (`timescaledb:5432`) are correct and never reported. Files matched by `files.sources` are scanned: every one by `portguard check`, only the staged ones in the pre-commit hook.",
        bad: {
            description: "A connection string with the database's host port.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
                "app/db.ts": 'export const url = "postgres://app:secret@localhost:7000/app";\n',
            },
        },
        good: {
            description: "The port comes from the variable (with its allocation as fallback); inside the compose network the container port is used.",
            files: {
                "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n    restart: unless-stopped\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\nvolumes:\n  db:\n    name: data-db\n',
                "app/db.ts": 'const port = process.env.DB_PORT ?? 7000;\nexport const url = `postgres://app:secret@localhost:${port}/app`;\nexport const internal = "postgres://app:secret@db:5432/app";\n',
            },
        },
        exceptions: "Test fixtures that spell out ports on purpose: exclude them with `files.ignore`, or suppress the line.",
    },
    fixes: [],
    check(context, report) {
        const { byPort, byVariable } = governedPorts(context);
        const patterns = sourcePatterns(byPort, byVariable);
        if (!patterns || context.policy.files.sources.length === 0)
            return;
        for (const { path, text } of context.sourceFiles()) {
            for (const f of scanSource(path, text, byPort, byVariable, patterns)) {
                const service = context.services.find((s) => s.name === f.service);
                report({
                    messageId: f.kind,
                    args: { port: f.port, service: f.service, variable: f.variable, allocated: f.allocated ?? "" },
                    location: {
                        file: path,
                        range: { start: { line: f.line, column: f.column }, end: { line: f.line, column: f.endColumn } },
                    },
                    suggestion: { port: f.allocated ?? f.port, variable: f.variable },
                    ...(service ? { service } : {}),
                });
            }
        }
    },
});

;// CONCATENATED MODULE: ./src/core/rules/index.ts






















const RULES = [
    parseError,
    protectedRange,
    categoryRange,
    hardcodedHostPort,
    missingDefault,
    undefinedVariable,
    envDrift,
    portConflict,
    containerPortChanged,
    variableName,
    sequentialInstances,
    registryMismatch,
    undocumentedPort,
    unpinnedPort,
    undeclaredVariable,
    databaseVolume,
    volumeName,
    databaseHealthcheck,
    envPortValue,
    envDuplicateKey,
    envPortCollision,
    hardcodedPortInSource,
];
/** Rule ids and names, both mapping to the id (configs and suppressions accept either). */
const RULE_IDS = new Map(RULES.flatMap((r) => [[r.id, r.id], [r.name, r.id]]));


/***/ }),

/***/ 8657:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  rC: () => (/* binding */ YamlSource),
  nu: () => (/* binding */ YamlStructureError),
  jh: () => (/* reexport */ dist/* isMap */.jh),
  jn: () => (/* reexport */ dist/* isScalar */.jn),
  oP: () => (/* reexport */ dist/* isSeq */.oP),
  Nn: () => (/* binding */ mapEntries),
  Sg: () => (/* binding */ seqItems)
});

// UNUSED EXPORTS: MAX_DEPTH, MAX_ITEMS, contentEnd

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/core/fast-yaml.ts
/**
 * A fast path for the plain block YAML most compose files are written in. It builds the same
 * `yaml` nodes, with the same values and ranges, that `yaml`'s full parser builds, several times
 * faster; on anything outside its subset (anchors, tags, block scalars, multi-line scalars, tabs,
 * CR line ends, flow collections over several lines, duplicate keys, odd indentation...) it gives
 * up and the full parser runs. A differential test keeps the two in agreement.
 */

/** Thrown (one preallocated instance, no stack capture) when the text leaves the subset. */
const BAIL = new Error("outside the fast path");
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what sends a text to the full parser
const NEEDS_FULL_PARSER = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]|^(?:---|\.\.\.|%)/m;
const NULL = /^(?:~|null|Null|NULL)$/;
const TRUE = /^(?:true|True|TRUE)$/;
const FALSE = /^(?:false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
// Other core-schema types (floats, 0x.., 0o.., .inf, .nan) are left to the full parser.
const OTHER_TYPED = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PLAIN_START_FORBIDDEN = new Set([",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`"]);
/**
 * `yaml`'s nodes, made without their constructors: those define the node type on each node, which
 * costs more than the rest of the fast path. Here it sits on a prototype below the class's own, so
 * `isScalar`, `isMap`, `instanceof` and every method see the same node.
 */
const NODE_TYPE = Symbol.for("yaml.node.type");
function nodePrototype(base, type) {
    return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } });
}
const SCALAR = nodePrototype(dist/* Scalar */.X5, "yaml.scalar");
const MAP = nodePrototype(dist/* YAMLMap */.CA, "yaml.map");
const SEQ = nodePrototype(dist/* YAMLSeq */.Rw, "yaml.seq");
const PAIR = nodePrototype(dist/* Pair */.Rm, "yaml.pair");
function newScalar(value) {
    const node = Object.create(SCALAR);
    node.value = value;
    return node;
}
function newMap() {
    const node = Object.create(MAP);
    node.items = [];
    return node;
}
function newSeq() {
    const node = Object.create(SEQ);
    node.items = [];
    return node;
}
function newPair(key, value) {
    const node = Object.create(PAIR);
    node.key = key;
    node.value = value;
    return node;
}
function plainValue(text) {
    if (NULL.test(text))
        return null;
    if (TRUE.test(text))
        return true;
    if (FALSE.test(text))
        return false;
    if (INT.test(text))
        return Number(text);
    if (OTHER_TYPED.test(text))
        throw BAIL;
    return text;
}
const ESCAPES = {
    "0": "\0",
    a: "\u0007",
    b: "\b",
    t: "\t",
    n: "\n",
    v: "\v",
    f: "\f",
    r: "\r",
    e: "\u001b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    N: "\u0085",
    _: "\u00a0",
    L: "\u2028",
    P: "\u2029",
};
class FastParser {
    text;
    maxDepth;
    lines = [];
    /** Collections open around the current position; past the limit the full parser (which reports it) takes over. */
    depth = 0;
    constructor(text, maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
        let start = 0;
        while (start <= text.length) {
            let end = text.indexOf("\n", start);
            if (end < 0)
                end = text.length;
            let indent = 0;
            while (text.charCodeAt(start + indent) === 32)
                indent++;
            const first = start + indent;
            this.lines.push({ start, end, indent, empty: first >= end || text[first] === "#" });
            if (end === text.length)
                break;
            start = end + 1;
        }
    }
    /** The root node, or null for a document with no content. */
    parse() {
        const i = this.nextContent(0);
        if (i < 0)
            return null;
        const line = this.lines[i];
        if (line.indent !== 0)
            throw BAIL;
        const { node, next } = this.block(i);
        if (this.nextContent(next) >= 0)
            throw BAIL;
        return node;
    }
    nextContent(from) {
        for (let i = from; i < this.lines.length; i++)
            if (!this.lines[i].empty)
                return i;
        return -1;
    }
    isDash(pos, end) {
        return this.text[pos] === "-" && (pos + 1 === end || this.text[pos + 1] === " ");
    }
    /** A block collection starting at line i (a sequence when it starts with a dash). */
    block(i) {
        if (++this.depth > this.maxDepth)
            throw BAIL;
        const line = this.lines[i];
        const pos = line.start + line.indent;
        const result = this.isDash(pos, line.end) ? this.sequence(i, line.indent) : this.mapping(i, line.indent, pos);
        this.depth--;
        return result;
    }
    /** Skips spaces; returns the position of the first other character or of a comment-free end of line. */
    skipSpaces(pos, end) {
        while (pos < end && this.text[pos] === " ")
            pos++;
        return pos;
    }
    /** True when only spaces and possibly a comment remain before `end`. */
    restIsEmpty(pos, end) {
        const p = this.skipSpaces(pos, end);
        return p >= end || (this.text[p] === "#" && (p === pos ? p === 0 || this.text[p - 1] === " " : true));
    }
    mapping(i, indent, firstPos) {
        const map = newMap();
        const keys = new Set();
        let pos = firstPos;
        let lineIndex = i;
        let end = firstPos;
        for (;;) {
            const line = this.lines[lineIndex];
            const entry = this.entry(lineIndex, pos, line.end, indent);
            const keyValue = entry.key.value;
            if (keys.has(keyValue))
                throw BAIL;
            keys.add(keyValue);
            map.items.push(newPair(entry.key, entry.value));
            end = entry.value.range[2];
            const next = this.nextContent(entry.next);
            if (next < 0) {
                lineIndex = this.lines.length;
                break;
            }
            const nextLine = this.lines[next];
            if (nextLine.indent < indent) {
                lineIndex = next;
                break;
            }
            if (nextLine.indent > indent)
                throw BAIL;
            pos = nextLine.start + indent;
            if (this.isDash(pos, nextLine.end)) {
                lineIndex = next;
                break;
            }
            lineIndex = next;
        }
        map.range = [firstPos, end, end];
        return { node: map, next: lineIndex };
    }
    /** One `key: value` entry whose key starts at `pos` on line i; the value may continue on following lines. */
    entry(i, pos, lineEnd, indent) {
        const { key, colon } = this.key(pos, lineEnd);
        const after = colon + 1;
        if (!this.restIsEmpty(after, lineEnd)) {
            const valuePos = this.skipSpaces(after, lineEnd);
            const value = this.inline(valuePos, lineEnd);
            const next = this.nextContent(i + 1);
            if (next >= 0 && this.lines[next].indent > indent)
                throw BAIL;
            return { key, value, end: value.range[1], next: i + 1 };
        }
        const next = this.nextContent(i + 1);
        if (next >= 0) {
            const nextLine = this.lines[next];
            const nextPos = nextLine.start + nextLine.indent;
            if (nextLine.indent > indent || (nextLine.indent === indent && this.isDash(nextPos, nextLine.end))) {
                const { node, next: after2 } = this.block(next);
                return { key, value: node, end: node.range[1], next: after2 };
            }
        }
        return { key, value: this.nullAfter(after, lineEnd), end: colon + 1, next: i + 1 };
    }
    /** An empty value after an indicator: yaml places it at the next non-space (a comment or the line end). */
    nullAfter(indicator, lineEnd) {
        const pos = this.skipSpaces(indicator, lineEnd);
        const s = newScalar(null);
        // A comment on the same line ends the node, as in yaml.
        s.range = [pos, pos, pos < lineEnd ? lineEnd : pos];
        s.type = dist/* Scalar */.X5.PLAIN;
        return s;
    }
    /** A mapping key starting at `pos`: plain or quoted, followed by `:` and a space or the line end. */
    key(pos, end) {
        const c = this.text[pos];
        if (c === '"' || c === "'") {
            const { scalar, after } = this.quoted(pos, end);
            const colon = this.skipSpaces(after, end);
            if (this.text[colon] !== ":" || !(colon + 1 === end || this.text[colon + 1] === " "))
                throw BAIL;
            return { key: scalar, colon };
        }
        if (PLAIN_START_FORBIDDEN.has(c) || ((c === "-" || c === "?" || c === ":") && this.text[pos + 1] === " "))
            throw BAIL;
        let colon = -1;
        for (let p = pos; p < end; p++) {
            const ch = this.text[p];
            if (ch === ":" && (p + 1 === end || this.text[p + 1] === " ")) {
                colon = p;
                break;
            }
            if (ch === "#" && this.text[p - 1] === " ")
                throw BAIL;
        }
        if (colon < 0)
            throw BAIL;
        let keyEnd = colon;
        while (keyEnd > pos && this.text[keyEnd - 1] === " ")
            keyEnd--;
        if (keyEnd === pos)
            throw BAIL;
        const raw = this.text.slice(pos, keyEnd);
        const key = newScalar(plainValue(raw));
        key.range = [pos, keyEnd, keyEnd];
        key.type = dist/* Scalar */.X5.PLAIN;
        return { key, colon };
    }
    /** A value written on the key's (or dash's) line: a flow collection, a quoted or a plain scalar. */
    inline(pos, end) {
        const c = this.text[pos];
        let node;
        let after;
        if (c === "[" || c === "{") {
            const r = this.flow(pos, end);
            node = r.node;
            after = r.after;
        }
        else if (c === '"' || c === "'") {
            const r = this.quoted(pos, end);
            node = r.scalar;
            after = r.after;
        }
        else {
            if (PLAIN_START_FORBIDDEN.has(c) ||
                ((c === "-" || c === "?" || c === ":") && (pos + 1 === end || this.text[pos + 1] === " "))) {
                throw BAIL;
            }
            let stop = end;
            for (let p = pos; p < end; p++) {
                const ch = this.text[p];
                if (ch === "#" && this.text[p - 1] === " ") {
                    stop = p;
                    break;
                }
                if (ch === ":" && (p + 1 === end || this.text[p + 1] === " "))
                    throw BAIL;
            }
            const lineRest = stop;
            while (stop > pos && this.text[stop - 1] === " ")
                stop--;
            const scalar = newScalar(plainValue(this.text.slice(pos, stop)));
            // Like yaml, the node ends after a trailing comment (what a collection's end extends to).
            scalar.range = [pos, stop, lineRest < end ? end : stop];
            scalar.type = dist/* Scalar */.X5.PLAIN;
            return scalar;
        }
        if (!this.restIsEmpty(after, end))
            throw BAIL;
        const range = node.range;
        if (this.skipSpaces(after, end) < end)
            range[2] = end;
        return node;
    }
    /** A quoted scalar that closes on the same line. */
    quoted(pos, end) {
        const text = this.text;
        const single = text[pos] === "'";
        // The value is sliced in runs between escapes, not built a character at a time.
        let value = "";
        let run = pos + 1;
        let p = run;
        for (;;) {
            if (p >= end)
                throw BAIL;
            const ch = text[p];
            if (single) {
                if (ch === "'") {
                    if (text[p + 1] !== "'")
                        break;
                    value += text.slice(run, p + 1);
                    p += 2;
                    run = p;
                    continue;
                }
                p++;
                continue;
            }
            if (ch === '"')
                break;
            if (ch === "\\") {
                value += text.slice(run, p);
                const e = text[p + 1];
                const simple = ESCAPES[e];
                if (simple !== undefined) {
                    value += simple;
                    p += 2;
                    run = p;
                    continue;
                }
                const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
                const hex = text.slice(p + 2, p + 2 + width);
                if (width === 0 || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex))
                    throw BAIL;
                const code = Number.parseInt(hex, 16);
                if (code > 0x10ffff)
                    throw BAIL;
                value += String.fromCodePoint(code);
                p += 2 + width;
                run = p;
                continue;
            }
            p++;
        }
        value += text.slice(run, p);
        const scalar = newScalar(value);
        scalar.range = [pos, p + 1, p + 1];
        scalar.type = single ? dist/* Scalar */.X5.QUOTE_SINGLE : dist/* Scalar */.X5.QUOTE_DOUBLE;
        return { scalar, after: p + 1 };
    }
    /** A flow collection (`[a, b]`, `{ k: v }`) that closes on the same line. */
    flow(pos, end) {
        if (++this.depth > this.maxDepth)
            throw BAIL;
        const result = this.flowCollection(pos, end);
        this.depth--;
        return result;
    }
    flowCollection(pos, end) {
        const open = this.text[pos];
        const close = open === "[" ? "]" : "}";
        const node = open === "[" ? newSeq() : newMap();
        node.flow = true;
        const keys = new Set();
        let p = this.skipSpaces(pos + 1, end);
        if (this.text[p] === close) {
            node.range = [pos, p + 1, p + 1];
            return { node, after: p + 1 };
        }
        for (;;) {
            const item = this.flowItem(p, end);
            p = this.skipSpaces(item.after, end);
            if (node instanceof dist/* YAMLMap */.CA) {
                if (this.text[p] !== ":" || this.text[p + 1] !== " ")
                    throw BAIL;
                const value = this.flowItem(this.skipSpaces(p + 1, end), end);
                const k = item.node.value;
                if (!(item.node instanceof dist/* Scalar */.X5) || keys.has(k))
                    throw BAIL;
                keys.add(k);
                node.items.push(newPair(item.node, value.node));
                p = this.skipSpaces(value.after, end);
            }
            else {
                if (this.text[p] === ":")
                    throw BAIL;
                node.items.push(item.node);
            }
            if (this.text[p] === ",") {
                p = this.skipSpaces(p + 1, end);
                if (this.text[p] === close)
                    throw BAIL;
                continue;
            }
            if (this.text[p] !== close)
                throw BAIL;
            node.range = [pos, p + 1, p + 1];
            return { node, after: p + 1 };
        }
    }
    flowItem(pos, end) {
        const c = this.text[pos];
        if (c === "[" || c === "{")
            return (({ node, after }) => ({ node: node, after }))(this.flow(pos, end));
        if (c === '"' || c === "'") {
            const { scalar, after } = this.quoted(pos, end);
            return { node: scalar, after };
        }
        if (c === undefined || PLAIN_START_FORBIDDEN.has(c) || c === "-" || c === "?" || c === ":")
            throw BAIL;
        let p = pos;
        while (p < end) {
            const ch = this.text[p];
            if (ch === "," || ch === "]" || ch === "}" || ch === "[" || ch === "{")
                break;
            const after = this.text[p + 1];
            if (ch === ":" && (p + 1 >= end || after === " " || after === "," || after === "]" || after === "}"))
                break;
            if (ch === "#" && this.text[p - 1] === " ")
                throw BAIL;
            p++;
        }
        let stop = p;
        while (stop > pos && this.text[stop - 1] === " ")
            stop--;
        if (stop === pos || this.text[p] === "[" || this.text[p] === "{")
            throw BAIL;
        const scalar = newScalar(plainValue(this.text.slice(pos, stop)));
        scalar.range = [pos, stop, stop];
        scalar.type = dist/* Scalar */.X5.PLAIN;
        return { node: scalar, after: stop };
    }
    sequence(i, indent) {
        const seq = newSeq();
        const first = this.lines[i].start + indent;
        let lineIndex = i;
        let end = first;
        for (;;) {
            const line = this.lines[lineIndex];
            const dash = line.start + indent;
            const after = dash + 1;
            let next;
            if (this.restIsEmpty(after, line.end)) {
                const following = this.nextContent(lineIndex + 1);
                if (following >= 0 && this.lines[following].indent > indent) {
                    const r = this.block(following);
                    seq.items.push(r.node);
                    end = r.node.range[2];
                    next = r.next;
                }
                else {
                    const empty = this.nullAfter(after, line.end);
                    seq.items.push(empty);
                    end = empty.range[2];
                    next = lineIndex + 1;
                }
            }
            else {
                const pos = this.skipSpaces(after, line.end);
                if (this.isDash(pos, line.end))
                    throw BAIL;
                if (this.startsEntry(pos, line.end)) {
                    const column = pos - line.start;
                    const r = this.mapping(lineIndex, column, pos);
                    seq.items.push(r.node);
                    end = r.node.range[2];
                    next = r.next;
                }
                else {
                    const value = this.inline(pos, line.end);
                    seq.items.push(value);
                    end = value.range[2];
                    next = lineIndex + 1;
                    const following = this.nextContent(next);
                    if (following >= 0 && this.lines[following].indent > indent)
                        throw BAIL;
                }
            }
            const following = this.nextContent(next);
            if (following < 0) {
                lineIndex = this.lines.length;
                break;
            }
            const nextLine = this.lines[following];
            if (nextLine.indent < indent) {
                lineIndex = following;
                break;
            }
            if (nextLine.indent > indent || !this.isDash(nextLine.start + indent, nextLine.end)) {
                if (nextLine.indent === indent) {
                    lineIndex = following;
                    break;
                }
                throw BAIL;
            }
            lineIndex = following;
        }
        seq.range = [first, end, end];
        return { node: seq, next: lineIndex };
    }
    /** Whether a `key: value` entry starts at `pos` (a compact mapping in a sequence item). */
    startsEntry(pos, end) {
        const c = this.text[pos];
        if (c === "[" || c === "{")
            return false;
        if (c === '"' || c === "'") {
            const close = this.text.indexOf(c, pos + 1);
            if (close < 0 || close >= end)
                return false;
            const colon = this.skipSpaces(close + 1, end);
            return this.text[colon] === ":" && (colon + 1 === end || this.text[colon + 1] === " ");
        }
        for (let p = pos; p < end; p++) {
            const ch = this.text[p];
            if (ch === "#" && this.text[p - 1] === " ")
                return false;
            if (ch === ":" && (p + 1 === end || this.text[p + 1] === " "))
                return true;
        }
        return false;
    }
}
/**
 * Parses `text` with the fast path: the documents (zero or one) and fills `lineCounter`; null when
 * the text needs the full parser.
 */
function fastParse(text, lineCounter, maxDepth = 256) {
    if (NEEDS_FULL_PARSER.test(text))
        return null;
    let root;
    try {
        root = new FastParser(text, maxDepth).parse();
    }
    catch (error) {
        if (error === BAIL)
            return null;
        throw error;
    }
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
        lineCounter.addNewLine(i + 1);
    if (root === null)
        return [];
    const doc = new dist/* Document */.yo();
    doc.contents = root;
    return [doc];
}

// EXTERNAL MODULE: ./src/core/line-index.ts
var line_index = __nccwpck_require__(5240);
;// CONCATENATED MODULE: ./src/core/yaml-nodes.ts
/**
 * Reading `yaml` documents as compose does (YAML 1.2, merge keys, `!reset`/`!override` tags),
 * keeping exact positions. The work is bounded whatever the input: a file beyond the item budget
 * or nested beyond the depth limit is reported, not parsed; aliases are followed through an
 * anchor table built once per document, within a budget, so an alias bomb is reported instead of
 * expanded.
 */



/** Compose's own tags: they keep their node and mark how it merges. */
const composeTags = ["!reset", "!override"].map((tag) => ({
    tag,
    identify: () => false,
    resolve: (value) => value,
}));
class YamlStructureError extends Error {
    node;
    constructor(message, node) {
        super(message);
        this.node = node;
    }
}
/** Deeper nesting is refused: parsers and readers recurse per level, and no compose file comes close. */
const MAX_DEPTH = 256;
/**
 * Lines plus flow-collection separators a file may hold (a file of the largest real compose files
 * has a few hundred): beyond it the work of checking grows too large to be worth it.
 */
const MAX_ITEMS = 50_000;
/** Lines and flow separators: what the parsers' work grows with. */
function itemCount(text) {
    let n = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
        n++;
    for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1))
        n++;
    return n;
}
class TooDeep extends Error {
    offset;
    constructor(offset) {
        super(`nested more than ${MAX_DEPTH} levels deep (the limit portguard checks)`);
        this.offset = offset;
    }
}
/** A parsed YAML file: its documents and a way to turn offsets into positions. */
class YamlSource {
    text;
    documents;
    error;
    lineCounter;
    /** Alias resolutions left before the file is treated as an alias bomb. */
    aliasBudget;
    /** Per document: each alias and the node it refers to (undefined: no such anchor before it). */
    aliasTargets = new Map();
    constructor(text, 
    /** `fullParser` skips the fast path (tests compare both). */
    options = {}) {
        this.text = text;
        this.lineCounter = new dist/* LineCounter */.HN();
        this.aliasBudget = options.aliasBudget ?? 10_000;
        const items = itemCount(text);
        if (items > MAX_ITEMS) {
            this.lineCounter.addNewLine(0);
            this.documents = [];
            this.error = {
                message: `too large to check: ${items.toLocaleString("en-US")} lines and flow items (the limit is ${MAX_ITEMS.toLocaleString("en-US")} per file)`,
                range: this.range(0, 0),
            };
            return;
        }
        const fast = options.fullParser ? null : fastParse(text, this.lineCounter, MAX_DEPTH);
        if (fast) {
            this.documents = fast;
            this.error = null;
            return;
        }
        try {
            this.documents = parseBounded(text, this.lineCounter);
        }
        catch (error) {
            if (!(error instanceof TooDeep))
                throw error;
            this.documents = [];
            this.error = { message: error.message, range: this.range(error.offset, error.offset) };
            return;
        }
        let error = null;
        for (const doc of this.documents) {
            const first = doc.errors[0];
            const duplicate = firstDuplicateKey(doc);
            if (duplicate !== null && (!first || duplicate <= first.pos[0])) {
                error = { message: "Map keys must be unique", range: this.range(duplicate, duplicate + 1) };
                break;
            }
            if (first) {
                const [start, end] = first.pos;
                error = { message: firstLine(first.message), range: this.range(start, Math.max(end, start)) };
                break;
            }
        }
        this.error = error;
    }
    position(offset) {
        const line = this.lineAt(offset);
        return { line, column: this.columnAt(offset, line) };
    }
    range(start, end) {
        const startLine = this.lineAt(start);
        const endLine = this.lineAt(end);
        return new line_index/* Span */.L(startLine, this.columnAt(start, startLine), endLine, this.columnAt(end, endLine));
    }
    /** The 1-based line of an offset (LineCounter.linePos's search, without its intermediate object). */
    lineAt(offset) {
        const starts = this.lineCounter.lineStarts;
        let low = 0;
        let high = starts.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (starts[mid] < offset)
                low = mid + 1;
            else
                high = mid;
        }
        return starts[low] === offset ? low + 1 : low;
    }
    columnAt(offset, line) {
        return line === 0 ? offset : offset - this.lineCounter.lineStarts[line - 1] + 1;
    }
    /** The range of a node, without the line breaks and comment lines a collection may end with. */
    rangeOf(node) {
        const r = node.range;
        if (!r)
            return this.range(0, 0);
        return this.range(r[0], contentEnd(this.text, r[0], r[1]));
    }
    /** Follows an alias to its anchored node, within the file's alias budget. */
    resolve(node, doc) {
        let current = node;
        let hops = 0;
        while ((0,dist/* isAlias */.Vj)(current)) {
            if (--this.aliasBudget < 0) {
                throw new YamlStructureError("too many alias references (possible alias bomb)", current);
            }
            if (++hops > 100)
                throw new YamlStructureError("alias refers to itself", current);
            current = this.targetsOf(doc).get(current);
            if (current === undefined)
                throw new YamlStructureError("alias refers to an unknown anchor", node);
        }
        return (current ?? null);
    }
    /**
     * Every alias of a document and the anchored node it refers to: the last node with that anchor
     * before it in document order, as `yaml` resolves it, found in one walk (yaml's own lookup walks
     * the whole document per alias: quadratic with many anchors).
     */
    targetsOf(doc) {
        let targets = this.aliasTargets.get(doc);
        if (targets)
            return targets;
        targets = new Map();
        const anchors = new Map();
        const stack = [doc.contents];
        while (stack.length > 0) {
            const node = stack.pop();
            if ((0,dist/* isPair */.tO)(node)) {
                stack.push(node.value, node.key);
                continue;
            }
            if ((0,dist/* isAlias */.Vj)(node)) {
                targets.set(node, anchors.get(node.source));
                continue;
            }
            if (!(0,dist/* isScalar */.jn)(node) && !(0,dist/* isMap */.jh)(node) && !(0,dist/* isSeq */.oP)(node))
                continue;
            if (node.anchor)
                anchors.set(node.anchor, node);
            if ((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node))
                for (let i = node.items.length - 1; i >= 0; i--)
                    stack.push(node.items[i]);
        }
        this.aliasTargets.set(doc, targets);
        return targets;
    }
}
/**
 * `yaml`'s parseAllDocuments with compose's options, stopping (with {@link TooDeep}) once the
 * nesting passes {@link MAX_DEPTH}: the composer recurses per level.
 */
function parseBounded(text, lineCounter) {
    const parser = new dist/* Parser */.iX(lineCounter.addNewLine);
    // Duplicate keys are found by firstDuplicateKey: yaml's own check is quadratic in a mapping's size.
    const composer = new dist/* Composer */.Dk({ merge: true, version: "1.2", customTags: composeTags, uniqueKeys: false });
    function* tokens() {
        lineCounter.addNewLine(0);
        for (const lexeme of new dist/* Lexer */.JG().lex(text)) {
            yield* parser.next(lexeme);
            if (parser.stack.length > MAX_DEPTH)
                throw new TooDeep(parser.offset);
        }
        yield* parser.end();
    }
    return Array.from(composer.compose(tokens()));
}
/** The offset of the first key that repeats an earlier key of its mapping (compose refuses those), or null. */
function firstDuplicateKey(doc) {
    let first = null;
    const stack = [doc.contents];
    while (stack.length > 0) {
        const node = stack.pop();
        if ((0,dist/* isMap */.jh)(node)) {
            const keys = new Set();
            for (const pair of node.items) {
                const key = pair.key;
                if (!(0,dist/* isScalar */.jn)(key))
                    continue;
                const offset = key.range?.[0] ?? 0;
                if (keys.has(key.value) && (first === null || offset < first))
                    first = offset;
                keys.add(key.value);
            }
            for (let i = node.items.length - 1; i >= 0; i--) {
                const pair = node.items[i];
                stack.push(pair?.value, pair?.key);
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            for (let i = node.items.length - 1; i >= 0; i--)
                stack.push(node.items[i]);
        }
    }
    return first;
}
/**
 * The end of the content in [start, end): trailing whitespace and whole comment lines removed.
 * (Parsers differ on which trailing comments a collection's range covers; the content does not.)
 */
function contentEnd(text, start, end) {
    let e = end;
    for (;;) {
        while (e > start && isSpace(text, e - 1))
            e--;
        const lineStart = text.lastIndexOf("\n", e - 1) + 1;
        if (lineStart <= start)
            return e;
        // Whether the line's first character other than white space (as trimStart sees it) is a `#`.
        let first = lineStart;
        while (first < e && isSpace(text, first))
            first++;
        if (text[first] !== "#" || first >= e)
            return e;
        e = lineStart;
    }
}
/** `/\s/` (what trim removes) at `i`, with the plain characters decided without a regular expression. */
function isSpace(text, i) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13))
        return true;
    return c > 127 && /\s/.test(text[i]);
}
function firstLine(message) {
    const line = message.split("\n")[0] ?? message;
    return line.replace(/ at line \d+, column \d+:?$/, "").trim();
}
function isMergeKeyNode(node) {
    return (0,dist/* isScalar */.jn)(node) && typeof node.value === "symbol" && node.value.description === "<<";
}
/**
 * The entries of a mapping with merge keys applied as compose applies them: explicit keys win,
 * then the merge sources in order. Values are resolved through aliases.
 */
function mapEntries(map, source, doc, depth = 0) {
    if (depth > 20)
        throw new YamlStructureError("merge keys nested too deeply", map);
    const explicit = [];
    const mergeSources = [];
    for (const pair of map.items) {
        const keyNode = source.resolve(pair.key, doc);
        if (isMergeKeyNode(keyNode)) {
            const value = source.resolve(pair.value, doc);
            if ((0,dist/* isSeq */.oP)(value)) {
                for (const item of value.items) {
                    const resolved = source.resolve(item, doc);
                    if (resolved)
                        mergeSources.push(resolved);
                }
            }
            else if (value) {
                mergeSources.push(value);
            }
            continue;
        }
        if (!(0,dist/* isScalar */.jn)(keyNode))
            throw new YamlStructureError("mapping keys must be strings", keyNode);
        explicit.push({
            key: String(keyNode.value),
            keyNode,
            value: source.resolve(pair.value, doc),
            merged: false,
        });
    }
    if (mergeSources.length === 0)
        return explicit;
    // A key whose value is tagged `!reset` is dropped before the merge keys apply (as compose does),
    // so a merge source may supply it; the tagged entry stays, for its reset to apply to a base.
    const seen = new Set(explicit.filter((e) => e.value?.tag !== "!reset").map((e) => e.key));
    const result = [...explicit];
    for (const m of mergeSources) {
        if (!(0,dist/* isMap */.jh)(m))
            throw new YamlStructureError("merge sources must be mappings", m);
        for (const entry of mapEntries(m, source, doc, depth + 1)) {
            if (seen.has(entry.key))
                continue;
            seen.add(entry.key);
            result.push({ ...entry, merged: true });
        }
    }
    return result;
}
/** The items of a sequence, resolved through aliases. */
function seqItems(seq, source, doc) {
    return seq.items.map((item) => source.resolve(item, doc));
}



/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



exports.Dk = composer.Composer;
exports.yo = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
exports.Rm = Pair.Pair;
exports.X5 = Scalar.Scalar;
exports.CA = YAMLMap.YAMLMap;
exports.Rw = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
exports.JG = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
exports.iX = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
__webpack_unused_export__ = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


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
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  zj: () => (/* reexport */ default_policy/* DEFAULT_POLICY */.z),
  pn: () => (/* reexport */ policy/* PolicyError */.p),
  y0: () => (/* binding */ RULES),
  IB: () => (/* binding */ lib_formatJson),
  Ss: () => (/* reexport */ formatStylish),
  u8: () => (/* binding */ lib_lint),
  SU: () => (/* binding */ lintFolder),
  tb: () => (/* reexport */ policy/* loadPolicy */.t)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/core/globs.ts
var globs = __nccwpck_require__(8684);
// EXTERNAL MODULE: ./src/core/collections.ts
var collections = __nccwpck_require__(5478);
// EXTERNAL MODULE: ./src/core/context.ts
var core_context = __nccwpck_require__(8480);
// EXTERNAL MODULE: ./src/core/policy/default-policy.ts
var default_policy = __nccwpck_require__(2130);
// EXTERNAL MODULE: ./src/core/project.ts + 5 modules
var project = __nccwpck_require__(8632);
;// CONCATENATED MODULE: ./src/core/redact.ts
/** Shorter values are everywhere in ordinary text (`tcp`, `dev`) and guard nothing worth hiding. */
const MIN_SECRET_LENGTH = 4;
/** Port numbers and ranges are what portguard reports on; they are no secret. */
function portLike(value) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
    return m !== null && Number(m[1]) <= 65535 && (m[2] === undefined || Number(m[2]) <= 65535);
}
/** Whether a value of a `.env` variable is treated as a secret. */
function mayBeSecret(value) {
    const v = value.trim();
    return v.length >= MIN_SECRET_LENGTH && !portLike(v) && !/^(?:true|false|null)$/i.test(v);
}
class Redactor {
    publicNames;
    needles = [];
    seen = new Set();
    constructor(secrets = [], 
    /** Names the output shows anyway: services, files, variables. */
    publicNames = []) {
        this.publicNames = publicNames;
        for (const s of secrets)
            this.add(s.variable, s.value);
    }
    /** Treats `value` as a secret from `variable` from now on. */
    add(variable, value) {
        if (!mayBeSecret(value))
            return;
        const lower = foldCase(value.trim());
        if (this.seen.has(lower))
            return;
        this.seen.add(lower);
        const within = this.publicNames.map(foldCase).filter((n) => n.includes(lower));
        this.needles.push({ lower, variable, within });
        // Longest first: a secret that contains another is replaced whole.
        this.needles.sort((a, b) => b.lower.length - a.lower.length);
    }
    get size() {
        return this.needles.length;
    }
    /** `text` with every secret replaced by `${VARIABLE}`. */
    redact(text) {
        if (this.needles.length === 0 || text.length < MIN_SECRET_LENGTH)
            return text;
        let out = text;
        for (const n of this.needles) {
            const lower = foldCase(out);
            if (!lower.includes(n.lower))
                continue;
            const spared = spans(lower, n.within);
            let result = "";
            let last = 0;
            for (let i = lower.indexOf(n.lower); i >= 0; i = lower.indexOf(n.lower, i + n.lower.length)) {
                const end = i + n.lower.length;
                if (spared.some(([a, b]) => a <= i && end <= b))
                    continue;
                result += `${out.slice(last, i)}\${${n.variable}}`;
                last = end;
            }
            out = result + out.slice(last);
        }
        return out;
    }
    /** A copy of `data` (plain JSON data: a report) with every string in it redacted. */
    redactData(data) {
        if (this.needles.length === 0)
            return data;
        return JSON.parse(JSON.stringify(data), (_key, value) => typeof value === "string" ? this.redact(value) : value);
    }
}
/** Lower case, one UTF-16 unit for one (so that offsets in the folded text hold in the original). */
function foldCase(text) {
    const lower = text.toLowerCase();
    if (lower.length === text.length)
        return lower;
    let out = "";
    for (const ch of text) {
        const l = ch.toLowerCase();
        out += l.length === ch.length ? l : ch;
    }
    return out;
}
/** Where the given names occur in `text`. */
function spans(text, names) {
    const out = [];
    for (const name of names) {
        for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
            out.push([i, i + name.length]);
    }
    return out;
}
/** Compose's own settings (COMPOSE_PROJECT_NAME, COMPOSE_PROFILES...): configuration, no secret. */
const COMPOSE_SETTING = /^COMPOSE_/;
/** Variable names a template refers to (`$NAME`, `${NAME...}`, nested defaults included). */
function referencedNames(text, into) {
    for (const m of text.matchAll(/\$\{?([_A-Za-z][_A-Za-z0-9]*)/g))
        into.add(m[1]);
}
/**
 * The values of a lint run that may be secrets: every env file value that reads as one, and the
 * process environment's values of the variables the compose and env files refer to (with
 * `--use-process-env`).
 */
function secretValues(assembly, processEnv) {
    const out = [];
    const referenced = new Set();
    for (const env of assembly.envFiles) {
        for (const entry of env.parsed.entries) {
            if (COMPOSE_SETTING.test(entry.key))
                continue;
            out.push({ variable: entry.key, value: entry.value });
            referenced.add(entry.key);
            referencedNames(entry.raw, referenced);
        }
    }
    if (processEnv) {
        for (const file of assembly.composeFiles.values()) {
            for (const template of file.templates)
                referencedNames(template, referenced);
        }
        for (const name of [...referenced].sort()) {
            if (COMPOSE_SETTING.test(name))
                continue;
            const value = processEnv[name];
            if (value !== undefined)
                out.push({ variable: name, value });
        }
    }
    return out;
}
/** A redactor for a lint run: its secrets, with the project's own names left alone. */
function runRedactor(assembly, processEnv, publicNames) {
    return new Redactor(secretValues(assembly, processEnv), [...new Set(publicNames)]);
}

// EXTERNAL MODULE: ./src/core/rule.ts
var core_rule = __nccwpck_require__(1961);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 25 modules
var rules = __nccwpck_require__(5439);
;// CONCATENATED MODULE: ./src/core/suggestions.ts
/**
 * The port and variable each diagnostic proposes. Ports are handed out per binding in report order
 * (file, line, column); one run never hands out the same port twice.
 */



/** `timescaledb-backup` -> `TIMESCALEDB_BACKUP` */
function variableStem(service) {
    const stem = service
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[^A-Za-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "")
        .toUpperCase();
    return /^[0-9]/.test(stem) || stem === "" ? `S_${stem}` : stem;
}
/**
 * The env file a binding's port variable is declared in: the one its project reads, else the
 * stand-in of the central one (`.env.example`), which `fix` creates.
 */
function envHome(b, centralEnv) {
    return b.environment.files[0]?.path ?? `${centralEnv[0] ?? ".env"}${project/* STAND_IN_SUFFIXES */.x6[0]}`;
}
/**
 * One published port of one container: alternative definitions of a service (files never
 * combined, in one project) share it, and so share their suggested port. The ordinal tells apart
 * two host ports of one container port.
 */
function addSlots(s, slots) {
    const seen = new Map();
    for (const b of s.ports) {
        const port = `${b.hostIp}\0${b.containerPort}/${b.protocol}`;
        const ordinal = seen.get(port) ?? 0;
        seen.set(port, ordinal + 1);
        // Joined, not concatenated: one flat string per slot where a template literal kept a rope of a dozen.
        slots.set(b, [s.project.host, s.project.name, s.name, `${port}#${ordinal}`].join("\0"));
    }
}
/** Roles of ports every image uses the same way, for images portguard knows no names for. */
const COMMON_ROLES = new Map([
    [21, "FTP"],
    [22, "SSH"],
    [25, "SMTP"],
    [53, "DNS"],
    [80, "HTTP"],
    [443, "HTTPS"],
    [587, "SUBMISSION"],
    [1883, "MQTT"],
    [2222, "SSH"],
    [4317, "OTLP_GRPC"],
    [4318, "OTLP_HTTP"],
    [5005, "DEBUG"],
    [8080, "HTTP"],
    [8443, "HTTPS"],
    [8883, "MQTTS"],
    [9229, "DEBUG"],
]);
/** Names for the further ports of a service whose role is unknown: words, never a port number. */
const ORDINALS = ["SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH"];
/**
 * The variable names derived for a service's published ports: `<SERVICE>_PORT` for a service with
 * one, else `<SERVICE>_<ROLE>_PORT` with the role the image's port names or the common roles give
 * (`QUESTDB_HTTP_PORT`); ports of unknown role keep `<SERVICE>_PORT` for the first and take
 * ordinals after it (`API_SECOND_PORT`). A role the service name already says is not repeated.
 */
function addDerivedVariables(model, service, out) {
    const stem = variableStem(service.name);
    const published = service.ports;
    if (published.length <= 1) {
        for (const b of published)
            out.set(b, `${stem}_PORT`);
        return;
    }
    const imagePorts = model.image(service)?.ports ?? [];
    const roles = new Map(published.map((b) => [
        b,
        imagePorts.find((p) => p.port === b.containerPort)?.name ?? COMMON_ROLES.get(b.containerPort) ?? null,
    ]));
    const counts = new Map();
    for (const role of roles.values())
        if (role !== null)
            counts.set(role, (counts.get(role) ?? 0) + 1);
    const used = new Set();
    const pending = [];
    for (const b of published) {
        const role = roles.get(b) ?? null;
        if (role === null || counts.get(role) !== 1) {
            pending.push(b);
            continue;
        }
        const said = stem === role || stem.endsWith(`_${role}`);
        const name = said ? `${stem}_PORT` : `${stem}_${role}_PORT`;
        if (used.has(name))
            pending.push(b);
        else {
            used.add(name);
            out.set(b, name);
        }
    }
    let ordinal = 0;
    for (const b of pending) {
        let name = `${stem}_PORT`;
        while (used.has(name)) {
            const word = ORDINALS[ordinal] ?? `ALT${ordinal + 2}`;
            ordinal++;
            name = `${stem}_${word}_PORT`;
        }
        used.add(name);
        out.set(b, name);
    }
}
/** Report order of bindings: file, line, column. */
function compareLocation(a, b) {
    const fa = a.location.file;
    const fb = b.location.file;
    if (fa !== fb)
        return fa < fb ? -1 : 1;
    const la = a.location.range.start;
    const lb = b.location.range.start;
    return la.line - lb.line || la.column - lb.column || a.id - b.id;
}
class SuggestionAllocator {
    model;
    changed;
    handed = new Map();
    generic = new Map();
    /** Per host and range: every port below it is taken or handed out (ports are never given back). */
    cursor = new Map();
    bySlot = new Map();
    /** Per env file, the slot each variable name belongs to (written ones first). */
    names = null;
    /** Per env file and derived base name, the next number to try (a service with many ports stays linear). */
    nextNumber = new Map();
    numbered = new Map();
    /** The derived variable name and the slot of each binding, filled a service at a time (flat: one map, not two per service). */
    derivedNames = new Map();
    slots = new Map();
    constructor(model, changed = null) {
        this.model = model;
        this.changed = changed;
    }
    slotOf(b) {
        if (!this.slots.has(b))
            addSlots(b.service, this.slots);
        return this.slots.get(b);
    }
    handedFor(host) {
        return (0,collections/* getOrInsert */.Po)(this.handed, host, () => new Set());
    }
    isFree(host, start, length) {
        const taken = this.model.takenPorts(host);
        const handed = this.handedFor(host);
        for (let p = start; p < start + length; p++)
            if (taken.has(p) || handed.has(p))
                return false;
        return true;
    }
    /**
     * Whether a conflicting binding has the better claim to the port: one in an unchanged file (it was
     * there first), else the earlier one in report order.
     */
    heldEarlier(b) {
        const partners = this.model.conflicts(b.service.project.host).get(b) ?? [];
        const isChanged = (x) => this.changed?.(x.location.file) ?? false;
        return partners.some((o) => {
            if (isChanged(o) !== isChanged(b))
                return isChanged(b);
            return compareLocation(o, b) < 0;
        });
    }
    /** Allocates the suggestions of `bindings` in report order. */
    allocate(bindings) {
        const sorted = [...new Set(bindings)].sort(compareLocation);
        for (const b of sorted)
            this.generic.set(b, this.compute(b));
    }
    get(b) {
        let s = this.generic.get(b);
        if (!s) {
            s = this.compute(b);
            this.generic.set(b, s);
        }
        return s;
    }
    /** The first free port after `after` in the range holding it (PG110's next sequential port). */
    nextAfter(b, after) {
        const range = this.model.rangeOf(after);
        const host = b.service.project.host;
        const variable = this.get(b).variable;
        if (!range)
            return { variable };
        for (let p = after + 1; p <= range.end; p++) {
            if (p === b.hostPort || this.isFree(host, p, 1)) {
                this.handedFor(host).add(p);
                return { port: p, variable };
            }
        }
        return { variable };
    }
    namesIn(home) {
        if (!this.names) {
            this.names = new Map();
            for (const o of this.model.bindings) {
                const written = (0,core_context/* variableOf */.Qn)(o);
                if (written === null)
                    continue;
                const names = (0,collections/* getOrInsert */.Po)(this.names, envHome(o, this.model.policy.files.env), () => new Map());
                if (!names.has(written))
                    names.set(written, this.slotOf(o));
            }
        }
        return (0,collections/* getOrInsert */.Po)(this.names, home, () => new Map());
    }
    /**
     * The variable a binding should use: the registry's, else the one written (if well named), else
     * one derived from the service, made unique in its env file (one .env holds one value per name:
     * two containers on one name would move together).
     */
    variableFor(b) {
        const model = this.model;
        const entry = model.registryEntry(b.service);
        if (entry?.variable && model.registryBinding(b.service) === b)
            return entry.variable;
        const written = (0,core_context/* variableOf */.Qn)(b);
        if (written && model.matchesVariablePattern(written))
            return written;
        const home = envHome(b, model.policy.files.env);
        const names = this.namesIn(home);
        const slot = this.slotOf(b);
        if (!this.derivedNames.has(b))
            addDerivedVariables(model, b.service, this.derivedNames);
        const derived = this.derivedNames.get(b) ?? `${variableStem(b.service.name)}_PORT`;
        if (!names.has(derived) || names.get(derived) === slot) {
            names.set(derived, slot);
            return derived;
        }
        const base = `${variableStem(b.service.project.name)}_${derived.replace(/_PORT$/, "")}`;
        const key = `${home}\0${base}`;
        const owned = this.numbered.get(`${key}\0${slot}`);
        if (owned !== undefined)
            return owned;
        let i = this.nextNumber.get(key) ?? 1;
        let name = `${base}${i === 1 ? "" : `_${i}`}_PORT`;
        while (names.has(name) && names.get(name) !== slot) {
            i++;
            name = `${base}${i === 1 ? "" : `_${i}`}_PORT`;
        }
        this.nextNumber.set(key, i + 1);
        this.numbered.set(`${key}\0${slot}`, name);
        names.set(name, slot);
        return name;
    }
    compute(b) {
        const slot = this.slotOf(b);
        const same = this.bySlot.get(slot);
        if (same)
            return same.port === undefined
                ? { variable: this.variableFor(b) }
                : { port: same.port, variable: this.variableFor(b) };
        const suggestion = this.computeNew(b);
        this.bySlot.set(slot, suggestion);
        return suggestion;
    }
    computeNew(b) {
        const model = this.model;
        const service = b.service;
        const variable = this.variableFor(b);
        const entry = model.registryEntry(service);
        if (entry && model.registryBinding(service) === b && entry.port !== undefined) {
            return { port: entry.port, variable };
        }
        const ranges = model.rangesFor(service.category);
        if (ranges.length === 0)
            return { variable };
        const host = service.project.host;
        const handed = this.handedFor(host);
        const length = b.hostPort !== null && b.hostPortEnd !== null && !b.dynamic ? b.hostPortEnd - b.hostPort + 1 : 1;
        if (model.isActive(b) &&
            b.hostPort !== null &&
            b.hostPort !== 0 &&
            model.inOwnRange(b) &&
            !handed.has(b.hostPort) &&
            !this.heldEarlier(b)) {
            for (let p = b.hostPort; p < b.hostPort + length; p++)
                handed.add(p);
            return { port: b.hostPort, variable };
        }
        const port = this.handOut(b, length);
        return port === null ? { variable } : { port, variable };
    }
    /** A free port of the binding's ranges (with `length` free ones from it), handed out; null when they are full. */
    handOut(b, length) {
        const host = b.service.project.host;
        const handed = this.handedFor(host);
        for (const range of this.model.rangesFor(b.service.category)) {
            const key = `${host}\0${range.name}`;
            let p = Math.max(range.start, this.cursor.get(key) ?? range.start);
            while (p <= range.end && !this.isFree(host, p, 1))
                p++;
            this.cursor.set(key, p);
            for (; p + length - 1 <= range.end; p++) {
                if (this.isFree(host, p, length)) {
                    for (let q = p; q < p + length; q++)
                        handed.add(q);
                    return p;
                }
            }
        }
        return null;
    }
    /** A port away from the binding's own, which another variable holds too (PG303's fix). */
    fresh(b) {
        const variable = this.get(b).variable;
        const port = b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort ? null : this.handOut(b, 1);
        return port === null ? { variable } : { port, variable };
    }
}

;// CONCATENATED MODULE: ./src/core/suppressions.ts
/**
 * Inline suppressions: `# portguard-disable-line PG103` on the line, or
 * `# portguard-disable-next-line PG103` on the line before; several ids separated by spaces or
 * commas; no id silences every rule on that line. Text after `--` is a reason.
 */
const DIRECTIVE = /portguard-disable-(next-)?line\b(.*)$/;
/** Where a comment starts on the line (`#`, `//`, `/*`, `--`, `<!--`), outside quotes; -1 if none. */
function commentStart(line) {
    let quote = "";
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === "\\" && quote === '"')
                i++;
            else if (c === quote)
                quote = "";
            continue;
        }
        if (c === '"' || c === "'" || c === "`") {
            quote = c;
            continue;
        }
        const atWordStart = i === 0 || /\s/.test(line[i - 1]);
        if (c === "#" && atWordStart)
            return i;
        if (c === "/" && (line[i + 1] === "/" || line[i + 1] === "*"))
            return i;
        if (c === "-" && line[i + 1] === "-" && atWordStart)
            return i;
        if (c === "<" && line.startsWith("<!--", i))
            return i;
    }
    return -1;
}
/** Maps 1-based line numbers to the rules suppressed there. `resolveId` maps ids and names to ids. */
function parseSuppressions(text, resolveId) {
    const result = new Map();
    if (!text.includes("portguard-disable"))
        return result;
    const lines = text.split("\n");
    lines.forEach((line, index) => {
        if (!line.includes("portguard-disable"))
            return;
        const start = commentStart(line);
        if (start < 0)
            return;
        const m = DIRECTIVE.exec(line.slice(start));
        if (!m)
            return;
        const target = m[1] ? index + 2 : index + 1;
        const spec = (m[2] ?? "").split("--")[0]?.replace(/\*\/|-->/g, "") ?? "";
        const ids = spec
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((t) => resolveId(t))
            .filter((id) => id !== undefined);
        const current = result.get(target);
        if (ids.length === 0 || current === "all") {
            result.set(target, "all");
            return;
        }
        const set = current ?? new Set();
        for (const id of ids)
            set.add(id);
        result.set(target, set);
    });
    return result;
}
function isSuppressed(table, line, rule) {
    const entry = table.get(line);
    return entry === "all" || entry?.has(rule) === true;
}

;// CONCATENATED MODULE: ./src/core/lint.ts
/** The linter: assemble the projects, run every enabled rule, then suppress, suggest, sort. */










function severityOf(policy, rule) {
    return policy.rules[rule.id] ?? rule.severity;
}
function toResolvedBinding(b, redactor) {
    const def = b.defaultValue;
    return {
        file: b.location.file,
        line: b.location.range.start.line,
        service: b.service.name,
        category: redactor.redact(b.service.category),
        hostIp: redactor.redact(b.hostIp),
        hostPort: b.hostPort,
        hostPortEnd: b.hostPort === null ? null : b.hostPortEnd,
        containerPort: b.containerPort,
        containerPortEnd: b.containerPortEnd,
        protocol: b.protocol,
        variable: (0,core_context/* variableOf */.Qn)(b),
        default: def === null ? null : /^[0-9]+$/.test(def) ? Number(def) : redactor.redact(def),
        project: redactor.redact(b.service.project.name),
        profiles: b.service.profiles.map((p) => redactor.redact(p)),
        variant: b.service.project.variant,
    };
}
/** A binding as listed once: a variant lists what its own file writes, the default stack the rest. */
function isListed(b) {
    const variant = b.service.project.variant;
    return variant === null || b.location.file === variant;
}
/** Names every output shows anyway: a secret inside one of them is not what gives it away. */
function publicNames(assembly, policy) {
    const names = [...assembly.composeFiles.keys(), ...(policy.docs ? [policy.docs] : [])];
    for (const env of assembly.envFiles)
        names.push(env.path, ...env.parsed.entries.map((e) => e.key));
    for (const project of assembly.projects) {
        names.push(...project.volumes.keys());
        for (const service of project.services)
            names.push(service.name);
    }
    return names;
}
/** Arguments with every secret of the run replaced by its variable's name. */
function redactArgs(args, redactor) {
    if (redactor.size === 0)
        return args;
    const out = {};
    for (const [k, v] of Object.entries(args))
        out[k] = typeof v === "string" ? redactor.redact(v) : v;
    return out;
}
/** Lints a project. Pure: everything it reads comes through `tree`. */
function lint(tree, policy = default_policy/* DEFAULT_POLICY */.z, options = {}) {
    return lintRun(tree, policy, options).report;
}
/** Every enabled rule's reports, in catalogue order. */
function runRules(context, policy) {
    const collected = [];
    for (const rule of rules/* RULES */.y) {
        const severity = severityOf(policy, rule);
        if (severity === "off")
            continue;
        rule.check(context, (report) => collected.push({ rule, severity, report }));
    }
    return collected;
}
/** The reports no `portguard-ignore` comment silences (each file's table parsed once, when first asked). */
function unsuppressed(collected, texts, tree) {
    const tables = new Map();
    const resolveId = (token) => rules/* RULE_IDS */.I.get(token) ?? rules/* RULE_IDS */.I.get(token.toUpperCase());
    return collected.filter(({ rule, report }) => {
        const file = report.location.file;
        const table = (0,collections/* getOrInsert */.Po)(tables, file, () => parseSuppressions(texts.get(file) ?? textOf(tree, file), resolveId));
        return !isSuppressed(table, report.location.range.start.line, rule.id);
    });
}
/** The suggestion of a report: the rule's own, the next sequential port, or its binding's. */
function suggestionOf(report, allocator) {
    if (report.suggestion && "nextAfter" in report.suggestion)
        return allocator.nextAfter(report.suggestion.binding, report.suggestion.nextAfter);
    if (report.suggestion)
        return report.suggestion;
    return report.binding ? allocator.get(report.binding) : undefined;
}
/** A report as a diagnostic: its redacted arguments and message, positions, service, suggestion. */
function toDiagnostic({ rule, severity, report }, args, message, suggestion) {
    const { start, end } = report.location.range;
    const diagnostic = {
        rule: rule.id,
        name: rule.name,
        severity,
        messageId: report.messageId,
        args,
        message,
        file: report.location.file,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
    };
    const service = report.service?.name ?? report.binding?.service.name;
    if (service !== undefined)
        diagnostic.service = service;
    if (suggestion)
        diagnostic.suggestion = cleanSuggestion(suggestion);
    if (suggestion && report.binding) {
        // What is written now, so that a suggestion says only what is new.
        const variable = (0,core_context/* variableOf */.Qn)(report.binding);
        const port = report.binding.hostPort;
        diagnostic.current = cleanSuggestion({
            ...(port !== null ? { port } : {}),
            ...(variable !== null ? { variable } : {}),
        });
    }
    if (report.related && report.related.length > 0)
        diagnostic.related = report.related;
    return diagnostic;
}
/** Compares two reports as their diagnostics are listed: file, line, column, rule, message (0: a repeat). */
function listingComparer(kept, messages) {
    return (i, j) => {
        const a = kept[i];
        const b = kept[j];
        const fa = a.report.location.file;
        const fb = b.report.location.file;
        if (fa !== fb)
            return fa < fb ? -1 : 1;
        const sa = a.report.location.range.start;
        const sb = b.report.location.range.start;
        const ma = messages[i];
        const mb = messages[j];
        return (sa.line - sb.line ||
            sa.column - sb.column ||
            (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0) ||
            (ma < mb ? -1 : ma > mb ? 1 : 0));
    };
}
/**
 * The diagnostics of the kept reports (one per rule, place and message: the first report of each),
 * with their suggestions, and the fix intents of each, resolved once every suggestion is out (a
 * fresh port for a fix never changes what a diagnostic suggests). Repeats are found in the listing
 * order, where they sit side by side, so that no table of what was said is built.
 */
function diagnose(kept, allocator, redactor) {
    // The one redaction point of diagnostics: the arguments, before the message is made of them.
    const args = kept.map(({ report }) => redactArgs(report.args, redactor));
    const messages = kept.map(({ rule, report }, i) => (0,core_rule/* ruleMessage */.CJ)(rule, report.messageId, args[i]));
    const compare = listingComparer(kept, messages);
    // Ties in report order, so that the first of repeats comes first.
    const order = kept.map((_, i) => i).sort((i, j) => compare(i, j) || i - j);
    const repeat = new Uint8Array(kept.length);
    for (let k = 1; k < order.length; k++) {
        if (compare(order[k - 1], order[k]) === 0)
            repeat[order[k]] = 1;
    }
    // Suggestions are handed out in report order.
    const made = new Array(kept.length);
    const intents = [];
    for (let i = 0; i < kept.length; i++) {
        if (repeat[i])
            continue;
        const item = kept[i];
        const diagnostic = toDiagnostic(item, args[i], messages[i], suggestionOf(item.report, allocator));
        made[i] = diagnostic;
        if (item.report.fix && item.report.fix.length > 0)
            intents.push({ diagnostic, item });
    }
    const fixes = new Map();
    for (const { diagnostic, item } of intents) {
        const { rule, report } = item;
        const resolved = (report.fix ?? []).flatMap((intent) => resolveIntent(rule, intent, report, diagnostic, allocator));
        if (resolved.length > 0) {
            fixes.set(diagnostic, resolved);
            // Fixable exactly when fix has something to do for it.
            diagnostic.fixable = true;
        }
    }
    const diagnostics = [];
    for (const i of order) {
        const diagnostic = made[i];
        if (diagnostic)
            diagnostics.push(diagnostic);
    }
    return { diagnostics, fixes };
}
/** The bindings the report lists: resolved, not host-networked, each once, in file and line order. */
function listedBindings(model, redactor) {
    return model.bindings
        .filter((b) => b.resolved && !model.isHostNetwork(b.service) && isListed(b))
        .map((b) => toResolvedBinding(b, redactor))
        .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));
}
/**
 * The model of a run and what the rest of the run needs of the loader: the parsed documents stay
 * here, so that they are garbage before the rules run (about 40% of the heap at 1,000 files).
 */
function modelOf(tree, policy, options) {
    const assembly = (0,project/* assembleProjects */.Br)(tree, policy, options);
    const docs = policy.docs ? tree.read(policy.docs) : null;
    const docsText = docs?.kind === "text" ? docs.text : null;
    const context = new core_context/* RuleContext */.m7(policy, assembly, docsText, sourceFiles(tree, policy, options.reportFilter ?? null));
    const redactor = runRedactor(assembly, options.processEnv ?? null, publicNames(assembly, policy));
    const texts = new Map();
    for (const [path, file] of assembly.composeFiles)
        texts.set(path, file.text);
    for (const env of assembly.envFiles)
        texts.set(env.path, env.text);
    return { context, redactor, texts, files: assembly.composeFiles.size + assembly.envFiles.length };
}
/** {@link lint}, keeping the model and the fix intents of each diagnostic. */
function lintRun(tree, policy = default_policy/* DEFAULT_POLICY */.z, options = {}) {
    const { context, redactor, texts, files } = modelOf(tree, policy, options);
    const kept = unsuppressed(runRules(context, policy), texts, tree);
    const allocator = new SuggestionAllocator(context, options.changed ?? options.reportFilter ?? null);
    allocator.allocate(kept.flatMap(({ report }) => (report.binding && !report.suggestion ? [report.binding] : [])));
    const { diagnostics, fixes } = diagnose(kept, allocator, redactor);
    const reported = options.reportFilter ? diagnostics.filter((d) => options.reportFilter?.(d.file)) : diagnostics;
    let bindings;
    const result = {
        diagnostics: reported,
        // Listed when first read: check's reports never read them (50,000 objects at 1,000 files).
        get bindings() {
            bindings ??= listedBindings(context, redactor);
            return bindings;
        },
        set bindings(value) {
            bindings = value;
        },
        summary: {
            errors: reported.filter((d) => d.severity === "error").length,
            warnings: reported.filter((d) => d.severity === "warning").length,
            infos: reported.filter((d) => d.severity === "info").length,
            files,
        },
    };
    const skipped = tree.skipped ?? [];
    if (skipped.length > 0)
        result.skipped = [...skipped];
    return { report: result, model: context, fixes, redactor };
}
/** An intent with its target: the diagnostic's suggestion, the binding's, or a fresh port. */
function resolveIntent(rule, intent, report, diagnostic, allocator) {
    if (!rule.fixes.includes(intent.kind))
        throw new Error(`${rule.id} emitted a ${intent.kind} fix it does not declare`);
    if (intent.kind !== "bind-port")
        return [intent];
    const b = intent.binding;
    const own = intent.binding === report.binding && !intent.fresh;
    const s = intent.fresh ? allocator.fresh(b) : own ? diagnostic.suggestion : allocator.get(b);
    const port = s?.port ?? b.hostPort ?? undefined;
    if (s?.variable === undefined || port === undefined)
        return [];
    // The registry's allocation (a rule's own suggestion) wins over a computed one, a fresh port comes last.
    const rank = intent.fresh ? 2 : own && report.suggestion ? 0 : 1;
    // Written out, not spread: a spread gave each resolved intent a hidden class of its own.
    const resolved = {
        kind: "bind-port",
        binding: b,
        needsMove: intent.needsMove,
        port,
        variable: s.variable,
        rank,
        free: s.port !== undefined,
    };
    if (intent.fresh !== undefined)
        resolved.fresh = intent.fresh;
    return [resolved];
}
/** The application's source files (PG401): `files.sources` less `files.ignore`, text only; with a filter, the hook's staged ones. */
function sourceFiles(tree, policy, filter) {
    return function* () {
        if (policy.files.sources.length === 0)
            return;
        const isSource = (0,globs/* globMatcher */.fU)(policy.files.sources);
        const ignored = (0,globs/* globMatcher */.fU)(policy.files.ignore);
        for (const path of tree.paths) {
            if (!isSource(path) || ignored(path) || (filter && !filter(path)))
                continue;
            const read = tree.read(path);
            if (read.kind === "text" && !read.text.includes("\0"))
                yield { path, text: read.text };
        }
    };
}
function textOf(tree, file) {
    const read = tree.read(file);
    return read.kind === "text" ? read.text : "";
}
function cleanSuggestion(s) {
    const out = {};
    if (s.port !== undefined)
        out.port = s.port;
    if (s.variable !== undefined)
        out.variable = s.variable;
    return out;
}

// EXTERNAL MODULE: ./src/cli/config.ts + 1 modules
var config = __nccwpck_require__(7338);
// EXTERNAL MODULE: ./src/cli/fs-tree.ts
var fs_tree = __nccwpck_require__(2508);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./src/cli/git-ignored.ts
/** Which files git ignores: a git-ignored compose file is someone's local one, not the project's. */




/**
 * The paths among `paths` (relative to `root`) that git ignores and does not track; empty outside
 * a git repository or without git.
 */
function gitIgnored(root, paths) {
    if (paths.length === 0 || !mayBeInRepository(root))
        return new Set();
    const r = (0,external_node_child_process_.spawnSync)("git", ["check-ignore", "-z", "--stdin"], {
        cwd: root,
        input: `${paths.join("\0")}\0`,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    // 0: some are ignored, 1: none; anything else (no repository, no git) ignores nothing.
    if (r.status !== 0)
        return new Set();
    return new Set(r.stdout.split("\0").filter((p) => p !== ""));
}
/**
 * Whether git may see `root` in a repository: `GIT_DIR` is set, or `root` (its real path) or a
 * folder above it holds a `.git` (a folder, or a file in a worktree or submodule). Where neither
 * holds, git would answer "not a git repository", and asking it costs a process (about 20 ms of a
 * small run).
 */
function mayBeInRepository(root) {
    if (process.env.GIT_DIR)
        return true;
    // Git starts from the real folder (a link into a repository is in it).
    let start;
    try {
        start = (0,external_node_fs_.realpathSync)((0,external_node_path_.resolve)(root));
    }
    catch {
        return true;
    }
    for (let dir = start;; dir = (0,external_node_path_.dirname)(dir)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ".git")))
            return true;
        if ((0,external_node_path_.dirname)(dir) === dir)
            return false;
    }
}
/**
 * The working tree without the compose files git ignores (a developer's local override is not the
 * project's); the `.env` files stay, since compose reads them.
 */
function withoutGitIgnored(tree, setup, named = new Set()) {
    const isCompose = (0,globs/* globMatcher */.fU)(setup.policy.files.compose);
    const ignored = gitIgnored(setup.root, tree.paths.filter((p) => isCompose(p) && !named.has(p)));
    if (ignored.size === 0)
        return tree;
    const paths = tree.paths.filter((p) => !ignored.has(p));
    return {
        paths,
        read: (path) => tree.read(path),
        get skipped() {
            return tree.skipped;
        },
    };
}

;// CONCATENATED MODULE: ./src/cli/run-lint.ts
/**
 * Loading a project from disk and linting it, as `portguard check` does: the policy file found
 * from the folder up, the working tree (or the index with --staged) without git-ignored compose
 * files, PATHs that narrow what is reported. The CLI's commands, the MCP server and the library's
 * `lintFolder` all load through here.
 */







function processEnv(io, enabled) {
    return enabled ? io.env : null;
}
/**
 * Loads the project (working tree, or the index with --staged) and lints it; `projectName` is the
 * name compose is given (`-p`), for the commands that look at what runs.
 */
async function runLint(io, values, paths, projectName = null) {
    const cwd = values.cwd ? (0,external_node_path_.resolve)(io.cwd, values.cwd) : io.cwd;
    if (!(0,external_node_fs_.existsSync)(cwd) || !(0,external_node_fs_.statSync)(cwd).isDirectory())
        throw new config/* UsageError */.eb(`--cwd: not a folder: ${values.cwd}`);
    if (values.staged && values["changed-since"])
        throw new config/* UsageError */.eb("--staged and --changed-since do not go together");
    const setup = (0,config/* setupProject */.fy)(cwd, values.config ?? null);
    const working = new fs_tree/* WorkingTree */.a(setup.root, setup.policy.files.ignore);
    let tree = working;
    let limit = null;
    if (values.staged) {
        const { loadStaged } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 6094));
        const staged = await loadStaged(setup.root, setup.policy);
        tree = staged.tree;
        limit = new Set(staged.staged);
    }
    else if (values["changed-since"]) {
        const { changedSince } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 6094));
        limit = new Set(await changedSince(setup.root, values["changed-since"]));
    }
    const narrowed = [];
    const extraCompose = [];
    const isCompose = (0,globs/* globMatcher */.fU)(setup.policy.files.compose);
    for (const p of paths) {
        const abs = (0,external_node_path_.resolve)(cwd, p);
        const rel = (0,external_node_path_.relative)(setup.root, abs).split("\\").join("/");
        const outside = rel.startsWith("..") || (0,external_node_path_.isAbsolute)(rel);
        // In a hook, lint-staged passes every staged file of the repository: keep this project's.
        if (values.staged) {
            if (!outside)
                narrowed.push(rel);
            continue;
        }
        if (!(0,external_node_fs_.existsSync)(abs))
            throw new config/* UsageError */.eb(`no such file or folder: ${p}`);
        if (outside)
            throw new config/* UsageError */.eb(`${p} is outside the project root ${setup.root}`);
        narrowed.push(rel);
        if ((0,external_node_fs_.statSync)(abs).isFile() &&
            /\.ya?ml$/i.test(rel) &&
            !isCompose(rel) &&
            !/(^|\/)\.portguard\.ya?ml$|portguard\.config\.yml$/.test(rel)) {
            extraCompose.push(rel);
        }
    }
    // A compose file named on the command line is linted even when git ignores it.
    if (!values.staged)
        tree = withoutGitIgnored(working, setup, new Set(narrowed));
    const underPaths = narrowed.length === 0 || narrowed.includes("")
        ? null
        : (file) => narrowed.some((n) => file === n || file.startsWith(`${n}/`));
    const nothing = (values.staged && paths.length > 0 && narrowed.length === 0) || limit?.size === 0;
    const inLimit = limit ? (file) => limit.has(file) : null;
    const reportFilter = nothing
        ? () => false
        : underPaths && inLimit
            ? (file) => underPaths(file) && inLimit(file)
            : (underPaths ?? inLimit ?? undefined);
    const run = lintRun(tree, setup.policy, {
        processEnv: processEnv(io, values["use-process-env"]),
        rootName: (0,external_node_path_.basename)(setup.root),
        reportFilter,
        extraCompose,
        projectName,
    });
    return { report: run.report, run, setup, reportFilter, tree };
}
/** Why a check that found no compose file at all is not a pass: where it looked, and for what. */
function nothingFound(setup) {
    const { compose, ignore } = setup.policy.files;
    return `no compose files found under ${setup.root} (looked for ${compose.join(", ")}; skipped ${ignore.join(", ")} and git-ignored files). Pass the files as PATHs, or set files.compose in .portguard.yml`;
}
/** A check of the whole project that found no compose file at all fails with where it looked. */
function requireComposeFiles(loaded, values, paths) {
    if (loaded.run.model.composeFiles.length === 0 && paths.length === 0 && !values.staged && !values["changed-since"])
        throw new config/* UsageError */.eb(nothingFound(loaded.setup));
}

;// CONCATENATED MODULE: ./src/version.ts
/** Kept equal to package.json's version by a test. */
const VERSION = "0.1.0";

;// CONCATENATED MODULE: ./src/core/format/rule-docs.ts
/** Rule documentation pages and the README rule table, generated from rule metadata. */

const RULE_TABLE_START = "<!-- rules:start (generated by npm run build; do not edit) -->";
const RULE_TABLE_END = "<!-- rules:end -->";
function fence(path, text) {
    const lang = path.endsWith(".md") ? "markdown" : path.includes(".env") ? "dotenv" : "yaml";
    return `\`${path}\`\n\n\`\`\`${lang}\n${text.endsWith("\n") ? text : `${text}\n`}\`\`\``;
}
function ruleDocPath(rule) {
    return `docs/rules/${rule.id}-${rule.name}.md`;
}
/** Where a rule's page is read online (the JSON report's `url`, SARIF's helpUri). */
const DOCS_BASE = "https://github.com/portguard/portguard/blob/main/";
function ruleDocUrl(id, name) {
    return `${DOCS_BASE}${ruleDocPath({ id, name })}`;
}
/** `portguard rules ID`: the rule's page, with the severity this project gives it and its address. */
function formatRulePage(rule, severity) {
    const page = renderRuleDoc(rule);
    const [title, ...rest] = page.split("\n");
    return [
        title,
        "",
        `Severity in this project: ${severity}`,
        `Online: ${ruleDocUrl(rule.id, rule.name)}`,
        ...rest,
    ].join("\n");
}
/** One page per rule: what it reports, why, incorrect and correct examples, exceptions. */
function renderRuleDoc(rule) {
    const lines = [
        `# ${rule.id} ${rule.name}`,
        "",
        `Default severity: **${rule.severity}**${isFixable(rule) ? " · fixable with `portguard fix`" : ""}`,
        "",
        rule.description,
        "",
        "## Why",
        "",
        rule.docs.rationale,
        "",
        "## Incorrect",
        "",
        rule.docs.bad.description,
        "",
        ...Object.entries(rule.docs.bad.files).flatMap(([p, t]) => [fence(p, t), ""]),
        "## Correct",
        "",
        rule.docs.good.description,
        "",
        ...Object.entries(rule.docs.good.files).flatMap(([p, t]) => [fence(p, t), ""]),
    ];
    if (rule.docs.exceptions)
        lines.push("## When not to use it", "", rule.docs.exceptions, "");
    lines.push("## Configuration", "", "```yaml", "# .portguard.yml", "rules:", `  ${rule.id}: ${rule.severity} # error | warning | info | off`, "```", "", `Suppress one line with \`# portguard-disable-line ${rule.id}\`, or the next one with \`# portguard-disable-next-line ${rule.id}\`.`, "");
    return lines.join("\n");
}
/** The Markdown table of every rule, for the README. */
function renderRuleTable(rules) {
    const rows = ["| id | name | default | what it reports |", "| --- | --- | --- | --- |"];
    for (const r of rules) {
        rows.push(`| [${r.id}](${ruleDocPath(r)}) | ${r.name} | ${r.severity} | ${r.description.replace(/\|/g, "\\|")} |`);
    }
    return rows.join("\n");
}
/** Replaces the generated table between the markers of `readme`. */
function updateReadmeTable(readme, rules) {
    const start = readme.indexOf(RULE_TABLE_START);
    const end = readme.indexOf(RULE_TABLE_END);
    if (start < 0 || end < start)
        return readme;
    return `${readme.slice(0, start + RULE_TABLE_START.length)}\n${renderRuleTable(rules)}\n${readme.slice(end)}`;
}

;// CONCATENATED MODULE: ./src/core/format/json.ts


/** A diagnostic's `fix`: what `portguard fix` does, as text edits on the files (none when it leaves the finding). */
function toJsonFix(fix) {
    return {
        message: fix?.message ?? "portguard fix leaves it",
        edits: (fix?.edits ?? []).map((e) => ({
            file: e.file,
            line: e.range.start.line,
            column: e.range.start.column,
            endLine: e.range.end.line,
            endColumn: e.range.end.column,
            text: e.text,
        })),
    };
}
/** The public JSON contract (version 1); `args` stay internal. */
function toJsonDiagnostic(d, fixes) {
    const out = {
        rule: d.rule,
        name: d.name,
        severity: d.severity,
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        message: d.message,
        messageId: d.messageId,
    };
    if (d.service !== undefined)
        out.service = d.service;
    if (d.suggestion)
        out.suggestion = d.suggestion;
    if (d.related)
        out.related = d.related;
    out.fixable = d.fixable === true;
    // Present exactly when the diagnostic is fixable.
    if (fixes && out.fixable)
        out.fix = toJsonFix(fixes.get(d));
    out.url = ruleDocUrl(d.rule, d.name);
    return out;
}
/** The JSON report, in one string: {@link jsonChunks} joined. */
function formatJson(report, options = {}) {
    let out = "";
    for (const chunk of jsonChunks(report, options))
        out += chunk;
    return out;
}
/**
 * The JSON report (`JSON.stringify(report, null, 2)` and a newline, byte for byte) in pieces of
 * about `size` characters, so that a large report is written without being held whole. A piece is
 * a rope of its diagnostics until it is written: 64 KiB ones die young, where ropes of 1 MiB lived
 * through collections and cost ten times as much to flatten (35 MB report: 21 vs 200 ms).
 */
function* jsonChunks(report, options = {}, size = 1 << 16) {
    const tool = { name: "portguard", version: options.toolVersion ?? VERSION };
    let out = `{\n  "version": 1,\n  "tool": ${nested(tool)},\n  "diagnostics": [`;
    const { diagnostics } = report;
    for (let i = 0; i < diagnostics.length; i += BATCH) {
        const batch = diagnostics.slice(i, i + BATCH).map((d) => toJsonDiagnostic(d, options.fixes));
        out += `${i === 0 ? "" : ","}${listItems(batch)}`;
        if (out.length >= size) {
            yield out;
            out = "";
        }
    }
    out += `${diagnostics.length === 0 ? "" : "\n  "}],\n  "summary": ${nested(report.summary)}`;
    if (report.skipped && report.skipped.length > 0)
        out += `,\n  "skipped": ${nested(report.skipped)}`;
    yield `${out}\n}\n`;
}
/** Diagnostics stringified together: one call for many is half the cost of one call each. */
const BATCH = 128;
const LIST_OPEN = '{\n  "list": ['.length;
const LIST_CLOSE = "\n  ]\n}".length;
/** The items of a list that is a top-level field, as `JSON.stringify(…, null, 2)` writes them between `[` and `\n  ]`. */
function listItems(items) {
    const text = JSON.stringify({ list: items }, null, 2);
    return text.slice(LIST_OPEN, text.length - LIST_CLOSE);
}
/** A value as `JSON.stringify(value, null, 2)` writes it `depth` levels down (1: a top-level field). */
function nested(value, depth = 1) {
    return JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);
}

;// CONCATENATED MODULE: ./src/core/memory-tree.ts
/** A tree where some files read differently (a planned fix, seen before it is written). */
function overlayTree(base, files) {
    return {
        paths: [...new Set([...base.paths, ...files.keys()])].sort(),
        read(path) {
            const text = files.get(path);
            return text === undefined ? base.read(path) : { kind: "text", text };
        },
    };
}
/** A project held in memory: `{ "compose.yaml": "...", ".env": "..." }`. */
function memoryTree(files) {
    const map = new Map(Object.entries(files));
    return {
        paths: [...map.keys()].sort(),
        read(path) {
            const text = map.get(path);
            return text === undefined ? { kind: "missing" } : { kind: "text", text };
        },
    };
}

// EXTERNAL MODULE: ./src/core/paths.ts
var paths = __nccwpck_require__(6107);
;// CONCATENATED MODULE: ./src/core/format/hints.ts

/**
 * The line the summary adds when conflicts cross folders: every compose file of the repository
 * shares one host unless the policy groups them into `hosts`, and that may be why.
 */
function hostsHint(report) {
    const across = report.diagnostics.some((d) => d.rule === "PG107" && (d.related ?? []).some((r) => (0,paths/* dirname */.pD)(r.file) !== (0,paths/* dirname */.pD)(d.file)));
    if (!across)
        return null;
    return 'Conflicts across folders: all compose files share one host. If some never run on the same machine, declare them in separate hosts (.portguard.yml: hosts: [{ name: prod, compose: ["deploy/prod/**"] }]).';
}

// EXTERNAL MODULE: ./src/core/format/printable.ts
var format_printable = __nccwpck_require__(8520);
;// CONCATENATED MODULE: ./src/core/format/skipped.ts

/** Folders named in a summary line; the rest are counted. */
const NAMED = 5;
/** "2 folders could not be read (not checked): pgdata (EACCES), logs (EACCES)", or "" when none. */
function skippedText(skipped) {
    if (!skipped || skipped.length === 0)
        return "";
    const named = skipped.slice(0, NAMED).map((s) => `${(0,format_printable/* printable */.g)(s.path)} (${(0,format_printable/* printable */.g)(s.reason)})`);
    const more = skipped.length > NAMED ? ` and ${skipped.length - NAMED} more` : "";
    const count = skipped.length === 1 ? "1 folder" : `${skipped.length} folders`;
    return `${count} could not be read (not checked): ${named.join(", ")}${more}`;
}

;// CONCATENATED MODULE: ./src/core/format/suggestion-text.ts
/**
 * "use port 7000 through ${TIMESCALEDB_PORT:-7000}" — the suggestion as one short phrase, saying
 * only what is new: nothing when the binding already has that port and variable.
 */
function suggestion_text_suggestionText(d) {
    const s = d.suggestion;
    if (!s)
        return "";
    const newPort = s.port !== undefined && s.port !== d.current?.port;
    const newVariable = s.variable !== undefined && s.variable !== d.current?.variable;
    if (s.port !== undefined && s.variable !== undefined) {
        if (newVariable)
            return `use port ${s.port} through \${${s.variable}:-${s.port}}`;
        return newPort ? `use port ${s.port}: \${${s.variable}:-${s.port}}` : "";
    }
    if (s.port !== undefined)
        return newPort ? `use port ${s.port}` : "";
    return newVariable ? `use variable ${s.variable}` : "";
}

;// CONCATENATED MODULE: ./src/core/format/stylish.ts





const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32, cyan: 36 };
/** Below this, wrapping leaves too little room per line to help. */
const MIN_WIDTH = 40;
/** Text in one of the terminal's colours (as it is, without colour). */
function paint(color) {
    return (code, text) => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}
/** Words of `text` in lines of at most `width` characters (a longer word keeps its own line). */
function wrapWords(words, width) {
    const lines = [];
    let line = [];
    let length = 0;
    for (const word of words) {
        if (line.length > 0 && length + 1 + word.length > width) {
            lines.push(line);
            line = [];
            length = 0;
        }
        length += (line.length > 0 ? 1 : 0) + word.length;
        line.push(word);
    }
    if (line.length > 0)
        lines.push(line);
    return lines;
}
/**
 * Diagnostics at one place (same file, line and column) as one finding: the user reads each rule's
 * message, then the suggestion once when they share it.
 */
function groupByPlace(list) {
    const groups = [];
    for (const d of list) {
        const last = groups.at(-1)?.[0];
        if (last && last.file === d.file && last.line === d.line && last.column === d.column)
            groups.at(-1)?.push(d);
        else
            groups.push([d]);
    }
    return groups;
}
/** ESLint-like output: one block per file, then a summary line; fits `width` columns. */
function formatStylish(report, options = {}) {
    const c = paint(options.color === true);
    const width = Math.max(options.width ?? 80, MIN_WIDTH);
    const byFile = new Map();
    for (const d of report.diagnostics) {
        (0,collections/* getOrInsert */.Po)(byFile, d.file, () => []).push(d);
    }
    const lines = [];
    for (const [file, list] of byFile) {
        lines.push(c("underline", (0,format_printable/* printable */.g)(file)));
        const posWidth = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
        const indent = " ".repeat(2 + posWidth + 2 + 7 + 2);
        const text = width - indent.length;
        for (const group of groupByPlace(list)) {
            const hints = group.map(suggestion_text_suggestionText);
            const shared = hints.every((h) => h === hints[0]);
            group.forEach((d, i) => {
                const pos = (i === 0 ? `${d.line}:${d.column}` : "").padEnd(posWidth);
                const sev = d.severity === "error"
                    ? c("red", "error  ")
                    : d.severity === "warning"
                        ? c("yellow", "warning")
                        : c("blue", "info   ");
                // The id alone: it is what configs and suppressions name (the name is in the JSON and the docs).
                const words = [...(0,format_printable/* printable */.g)(d.message).split(" "), `\0${d.rule}`];
                wrapWords(words, text).forEach((line, j) => {
                    const body = line.map((w) => (w.startsWith("\0") ? c("dim", w.slice(1)) : w)).join(" ");
                    lines.push(j === 0 ? `  ${c("dim", pos)}  ${sev}  ${body}` : `${indent}${body}`);
                });
                const hint = hints[i];
                if (hint && (!shared || i === group.length - 1)) {
                    for (const line of wrapWords(`→ ${(0,format_printable/* printable */.g)(hint)}`.split(" "), text))
                        lines.push(`${indent}${c("green", line.join(" "))}`);
                }
            });
        }
        lines.push("");
    }
    const { errors, warnings, infos } = report.summary;
    const total = errors + warnings + infos;
    if (total === 0) {
        lines.push(c("green", `✔ no problems (${plural(report.summary.files, "file")} checked)`));
    }
    else {
        const mark = errors > 0 ? c("red", "✖") : warnings > 0 ? c("yellow", "⚠") : c("blue", "ℹ");
        lines.push(`${mark} ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")})`);
        const fixable = report.diagnostics.filter((d) => d.fixable).length;
        if (fixable > 0 && options.fixHint !== false)
            lines.push(`  ${fixable} fixable with \`portguard fix\` (review first: \`portguard fix --dry-run\`)`);
        const hint = hostsHint(report);
        if (hint)
            lines.push(...wrapWords(hint.split(" "), width).map((l) => c("dim", l.join(" "))));
    }
    const skipped = skippedText(report.skipped);
    if (skipped)
        lines.push(c("yellow", `! ${skipped}`));
    return `${lines.join("\n")}\n`;
}
/** One line per finding, `file:line:col: severity message [rule]`: for editors, grep and vim's quickfix. */
function formatCompact(report) {
    const lines = report.diagnostics.map((d) => {
        const hint = suggestionText(d);
        return `${printable(d.file)}:${d.line}:${d.column}: ${d.severity} ${printable(d.message)}${hint ? ` (${printable(hint)})` : ""} [${d.rule}]`;
    });
    return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

// EXTERNAL MODULE: ./src/core/policy/index.ts + 2 modules
var policy = __nccwpck_require__(8896);
;// CONCATENATED MODULE: ./src/lib/index.ts
/**
 * portguard's library (`import ... from "portguard"`): lint a project folder from disk as
 * `portguard check` does, lint files held in memory, print a report. Every name exported here is
 * documented in the README's Library section (test/package checks that the two agree); everything
 * else is internal.
 */













/**
 * Lints a project folder from disk exactly as `portguard check` does (the report
 * `check --format json` prints): the policy file found from `dir` up, the compose files compose
 * loads and their `.env`, git-ignored compose files skipped. Rejects with the CLI's message when
 * there is nothing to lint or a path is wrong, and with a {@link PolicyError} for an invalid policy.
 */
async function lintFolder(dir, options = {}) {
    const cwd = (0,external_node_path_.resolve)(dir);
    if (!(0,external_node_fs_.statSync)(cwd, { throwIfNoEntry: false })?.isDirectory())
        throw new Error(`not a folder: ${dir}`);
    const paths = options.paths ?? [];
    const flags = { ...(options.config ? { config: options.config } : {}), "use-process-env": options.env !== undefined };
    const loaded = await runLint({ cwd, env: options.env ?? {} }, flags, paths);
    requireComposeFiles(loaded, flags, paths);
    return loaded.report;
}
/**
 * Lints files held in memory, keyed by their path relative to the project root
 * (`{ "compose.yaml": text, ".env": text }`): what {@link lintFolder} does once the files are read.
 */
function lib_lint(files, options = {}) {
    return lint(memoryTree(files), options.policy ?? default_policy/* DEFAULT_POLICY */.z, {
        ...(options.env ? { processEnv: options.env } : {}),
        ...(options.folderName !== undefined ? { rootName: options.folderName } : {}),
    });
}
/** The JSON report (version 1) `portguard check --format json` prints. */
function lib_formatJson(report, options = {}) {
    return formatJson(report, options);
}
/** Every rule, in catalogue order. */
const RULES = Object.freeze(rules/* RULES */.y.map((r) => Object.freeze({
    id: r.id,
    name: r.name,
    severity: r.severity,
    description: r.description,
    fixable: (0,core_rule/* isFixable */.G4)(r),
    url: ruleDocUrl(r.id, r.name),
})));

var __webpack_exports__DEFAULT_POLICY = __webpack_exports__.zj;
var __webpack_exports__PolicyError = __webpack_exports__.pn;
var __webpack_exports__RULES = __webpack_exports__.y0;
var __webpack_exports__formatJson = __webpack_exports__.IB;
var __webpack_exports__formatStylish = __webpack_exports__.Ss;
var __webpack_exports__lint = __webpack_exports__.u8;
var __webpack_exports__lintFolder = __webpack_exports__.SU;
var __webpack_exports__loadPolicy = __webpack_exports__.tb;
export { __webpack_exports__DEFAULT_POLICY as DEFAULT_POLICY, __webpack_exports__PolicyError as PolicyError, __webpack_exports__RULES as RULES, __webpack_exports__formatJson as formatJson, __webpack_exports__formatStylish as formatStylish, __webpack_exports__lint as lint, __webpack_exports__lintFolder as lintFolder, __webpack_exports__loadPolicy as loadPolicy };
