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
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { VERSION } from "../version.js";
import { type CommandName, commandOf } from "./commands.js";

type Program = typeof import("./main.js");

/** The program and, after the run, `save` to write the code cache when it had none that fit. */
export interface LoadedProgram {
  main: Program["main"];
  /**
   * Writes the entry after a run that did its command's work (exit code 0 or 1): the entry holds
   * the functions the run compiled, and help, `--print-config` or a usage error compile few of them.
   * A used entry is marked as used, so that the entries kept are the ones in use.
   */
  save: (exitCode: number) => void;
}

/** Entries kept per command: this build's and those of up to three others (another install, an upgrade). */
const KEPT = 4;
const DIGEST = 32;

/** The folder of the code cache, or undefined when it is turned off or there is no home. */
export function cacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, "portguard");
  if (platform === "win32" && env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA))
    return join(env.LOCALAPPDATA, "portguard");
  let home = "";
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? join(home, ".cache", "portguard") : undefined;
}

/** Whether a run does less than its command's work. */
function isPartial(argv: readonly string[]): boolean {
  return argv[0] === "help" || argv.includes("--help") || argv.includes("-h") || argv.includes("--print-config");
}

/** Owned by the user who runs portguard, and writable by no one else (no owners on Windows). */
function isOwn(stats: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

function sha256(...parts: (string | Buffer)[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

interface Entry {
  folder: string;
  name: string;
  command: CommandName;
}

/** The entry of this bundle, Node and set of flags for `argv`'s command. */
function entryOf(folder: string, argv: readonly string[], bundle: Buffer, env: NodeJS.ProcessEnv): Entry {
  const command = commandOf(argv);
  const build = [VERSION, process.version, process.versions.v8, process.arch, ...process.execArgv];
  const key = sha256(bundle, "\0", build.join("\0"), "\0", env.NODE_OPTIONS ?? "")
    .toString("hex")
    .slice(0, 32);
  return { folder, name: `${command}-${key}.bin`, command };
}

/** The entry's cached data, when the folder and the file are the user's own and the digest holds. */
function readEntry(entry: Entry): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!isOwn(statSync(entry.folder))) return undefined;
    fd = openSync(join(entry.folder, entry.name), "r");
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isOwn(stats) || stats.size <= DIGEST) return undefined;
    const bytes = readFileSync(fd);
    const data = bytes.subarray(DIGEST);
    return sha256(data).equals(bytes.subarray(0, DIGEST)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) ignoring(() => closeSync(fd as number));
  }
}

/**
 * Writes the entry atomically (a reader sees the old entry or the new one), through a temporary
 * file of an unguessable name that must not exist yet; then drops the command's entries beyond the
 * newest KEPT.
 */
function writeEntry(entry: Entry, data: () => Buffer): void {
  const { folder, name, command } = entry;
  let temporary: string | undefined;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!isOwn(statSync(folder))) return;
    const path = join(folder, `${name}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
    // Opened before the data is made: a folder that cannot be written costs no serialization.
    const fd = openSync(path, "wx", 0o600);
    temporary = path;
    try {
      const bytes = data();
      writeSync(fd, sha256(bytes));
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(folder, name));
    temporary = undefined;
    prune(folder, name, command);
  } catch {
    // A read-only or full disk, a folder of someone else's: the next run compiles again.
    if (temporary !== undefined) ignoring(() => rmSync(temporary as string, { force: true }));
  }
}

/**
 * Drops the command's entries beyond the KEPT most recently used, and temporary files an
 * interrupted run left (older than an hour: a run writing now is not disturbed).
 */
function prune(folder: string, name: string, command: CommandName): void {
  const now = Date.now();
  const older: { path: string; time: number }[] = [];
  for (const other of readdirSync(folder)) {
    if (other === name || !other.startsWith(`${command}-`)) continue;
    const path = join(folder, other);
    const time = statSync(path).mtimeMs;
    if (other.endsWith(".bin")) older.push({ path, time });
    else if (other.endsWith(".tmp") && now - time > 3_600_000) rmSync(path, { force: true });
  }
  older.sort((a, b) => b.time - a.time);
  for (const { path } of older.slice(KEPT - 1)) rmSync(path, { force: true });
}

function ignoring(action: () => void): void {
  try {
    action();
  } catch {
    // Cleaning up after a failed write: nothing more to do.
  }
}

/** Marks a used entry as used (the entries kept are the most recently used). */
function touch(entry: Entry): void {
  try {
    const now = new Date();
    utimesSync(join(entry.folder, entry.name), now, now);
  } catch {
    // A read-only cache is still read.
  }
}

/** Compiles and runs the program bundle at `file` (with the code cache of `argv`'s command). */
export async function loadProgram(
  file: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<LoadedProgram> {
  const bundle = readFileSync(file);
  const source = bundle.toString("latin1"); // the build writes it in ASCII
  const folder = cacheFolder(env);
  const entry = folder === undefined ? undefined : entryOf(folder, argv, bundle, env);
  const cachedData = entry === undefined ? undefined : readEntry(entry);
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const url = pathToFileURL(file).href;
  const run = script.runInThisContext() as (
    require: NodeRequire,
    url: string,
    load: (specifier: string) => Promise<unknown>,
  ) => Promise<Program>;
  const program = await run(
    createRequire(file),
    url,
    (specifier) => import(/* webpackIgnore: true */ new URL(specifier, url).href),
  );
  return {
    main: program.main,
    save: (exitCode) => {
      if (entry === undefined) return;
      if (cachedData !== undefined && !script.cachedDataRejected) touch(entry);
      else if (exitCode <= 1 && !isPartial(argv)) writeEntry(entry, () => script.createCachedData());
    },
  };
}
