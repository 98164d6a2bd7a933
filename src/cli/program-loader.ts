/**
 * Loads the program bundle (dist/cli/program/index.js) with V8's code cache, so that a run after
 * the first compiles almost nothing: on Node 20 start-up spends about a quarter of a small run
 * compiling the bundle and the functions it calls.
 *
 * The build turns that bundle into a script, one function expression taking `require`, the
 * bundle's URL (for `import.meta.url`) and `import` (for the chunks), see scripts/build.mjs, because
 * `vm.Script` is the code cache API that every supported Node has.
 *
 * The cache is one file per command (the functions a run compiled are in it), in
 * `$XDG_CACHE_HOME/portguard` (default `~/.cache/portguard`; `%LOCALAPPDATA%\portguard` on
 * Windows), named after the bundle's size, modification time and inode, portguard's version and
 * Node's, so that a new build or another Node never reads an old entry. V8 checks the rest (its
 * version, flags and the source's length) and rejects what does not fit; a rejected or missing entry
 * is written again after a run that did its command's work. `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns it off.
 * Any failure to read or write the cache only costs the compile time.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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
   * the functions the run compiled, and help or a usage error compiles almost none of them.
   */
  save: (exitCode: number) => void;
}

/** Whether a run only prints help. */
function isHelp(argv: readonly string[]): boolean {
  return argv[0] === "help" || argv.includes("--help") || argv.includes("-h");
}

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

/** The entry's name: a new build (size, time or inode) or another version of Node or portguard is another name. */
function entryName(command: CommandName, file: string): string {
  const { size, mtimeMs, ino } = statSync(file);
  return `${command}-${VERSION}-node${process.versions.node}-v8${process.versions.v8}-${process.arch}-${size}-${Math.trunc(mtimeMs)}-${ino}.bin`;
}

function readEntry(path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Entries kept per command: this build's and those of up to three others (another install, an upgrade). */
const KEPT = 4;

/** Writes the entry atomically (a reader sees the old entry or the new one) and drops this command's older entries. */
function writeEntry(folder: string, name: string, command: CommandName, data: () => Buffer): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = join(folder, `${name}.${process.pid}.tmp`);
    writeFileSync(temporary, data(), { mode: 0o600 });
    renameSync(temporary, join(folder, name));
    // Other builds' entries stay (two installs used in turn would replace each other's on every
    // run), up to KEPT per command, the most recently written.
    const older = readdirSync(folder)
      .filter((other) => other !== name && other.startsWith(`${command}-`) && other.endsWith(".bin"))
      .map((other) => ({ path: join(folder, other), time: statSync(join(folder, other)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { path } of older.slice(KEPT - 1)) rmSync(path, { force: true });
  } catch {
    // A read-only or missing home: the next run compiles again.
  }
}

/** Compiles and runs the program bundle at `file` (with the code cache of `argv`'s command). */
export async function loadProgram(
  file: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<LoadedProgram> {
  const source = readFileSync(file, "latin1"); // the build writes it in ASCII
  const command = commandOf(argv);
  const folder = cacheFolder(env);
  let name: string | undefined;
  try {
    name = folder === undefined ? undefined : entryName(command, file);
  } catch {
    name = undefined;
  }
  const cachedData = readEntry(folder !== undefined && name !== undefined ? join(folder, name) : undefined);
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
      if (folder === undefined || name === undefined || exitCode > 1 || isHelp(argv)) return;
      if (cachedData !== undefined && !script.cachedDataRejected) return;
      writeEntry(folder, name, command, () => script.createCachedData());
    },
  };
}
