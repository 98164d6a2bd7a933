/**
 * Assembling the compose projects of a repository the way docker compose would load them: which
 * files make each folder's default stack (`COMPOSE_FILE`, else the default file and its override),
 * which other files are variants of it, which merge into another (include, extends), which `.env`
 * supplies each project's variables, and what each project is called.
 */
import { getOrInsert } from "./collections.js";
import {
  type ComposeDocument,
  type ComposeFile,
  type ComposeSummary,
  parseCompose,
  type RawService,
  summarize,
} from "./compose-file.js";
import { type EnvEntry, parseEnvFile } from "./dotenv.js";
import { globMatcher, ignoreMatcher } from "./globs.js";
import { imageMatches, parseImageName } from "./images.js";
import { interpolate } from "./interpolation.js";
import {
  type EnvFileModel,
  Environment,
  type Location,
  type MountModel,
  type PortBinding,
  type ProjectModel,
  type ServiceModel,
  type TopLevelVolume,
  type VariableValue,
} from "./model.js";
import { basename, dirname, isOutsideRoot, joinPath, resolveReading } from "./paths.js";
import type { Policy } from "./policy/types.js";
import {
  mergeServices,
  type ResolveProblem,
  Resolver,
  redact,
  type ServiceDraft,
  uniquePorts,
} from "./resolve-service.js";
import type { FileRead, Range, SourceTree } from "./types.js";

export const BASE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
export const OVERRIDE_FILES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];
/** Suffixes of `.env` that name a committed stand-in for it (`fix` creates the first). */
export const STAND_IN_SUFFIXES = [".example", ".sample", ".template", ".dist", ".default", ".defaults"];
/** Other names projects give the committed stand-in of a folder's `.env`. */
const STAND_IN_NAMES = ["env.example", "example.env", "env.sample", "sample.env", ".env-example", ".env_example"];
/** Files larger than this are reported instead of parsed. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The stand-ins of an env file, in the order they are looked for. */
export function standInsOf(envPath: string): string[] {
  const names = STAND_IN_SUFFIXES.map((s) => envPath + s);
  if (basename(envPath) === ".env") names.push(...STAND_IN_NAMES.map((n) => joinPath(dirname(envPath), n)));
  return names;
}

export interface FileProblem {
  file: string;
  range: Range | null;
  message: string;
}

export interface AssembleOptions {
  /** The process environment, when the user asked for it (`--use-process-env`). */
  processEnv?: Record<string, string | undefined> | null;
  /** The project root folder's name, for compose's default project name. */
  rootName?: string;
  /** Files to treat as compose files although `files.compose` does not match them (named on the command line). */
  extraCompose?: readonly string[];
  /**
   * The project name compose is given (`-p NAME`; a valid name), for commands that look at what a
   * `docker compose up` started: it names every project, before COMPOSE_PROJECT_NAME and `name:`.
   */
  projectName?: string | null;
}

export interface Assembly {
  projects: ProjectModel[];
  /** Every compose file read, in the order it was read. */
  composeFiles: Map<string, ComposeSummary>;
  /** Every env file that supplies values, plus the central one. */
  envFiles: EnvFileModel[];
  /** The central env file (or its stand-in), when one exists. */
  centralEnv: EnvFileModel | null;
  problems: FileProblem[];
  /** How many files were read. */
  fileCount: number;
}

const ZERO_RANGE: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function readProblemMessage(read: Exclude<FileRead, { kind: "text" | "missing" }>): string {
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
function looksBinary(text: string): boolean {
  return text.includes("\0") || text.includes("\ufffd");
}

/** compose-go's NormalizeProjectName: lower case, only `[a-z0-9_-]`, no leading `_` or `-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[_-]+/, "");
}

const VALID_PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Whether compose accepts `name` as a project name as it is (`-p`, COMPOSE_PROJECT_NAME). */
export function isValidProjectName(name: string): boolean {
  return VALID_PROJECT_NAME.test(name);
}

/** A `COMPOSE_*` setting: its value and where it was written (null: the process environment). */
interface Setting {
  value: string;
  entry: EnvEntry | null;
  file: string | null;
}

/** What compose reads from a folder's `.env` (or the environment) before it reads any compose file. */
interface FolderSettings {
  composeFile: Setting | null;
  separator: string;
  projectName: Setting | null;
  profiles: string[];
}

function entryRange(entry: EnvEntry): Range {
  return { start: { line: entry.line, column: entry.column }, end: { line: entry.line, column: entry.endColumn } };
}

class Assembler {
  /** The text of every compose file read, in the order it was read. */
  private readonly composeTexts = new Map<string, string>();
  /** The compose files parsed whose documents a project still to load may read. */
  private readonly parsed = new Map<string, ComposeFile>();
  private readonly summaries = new Map<string, ComposeSummary>();
  private readonly envModels = new Map<string, EnvFileModel | null>();
  readonly problems: FileProblem[] = [];
  private readonly problemKeys = new Set<string>();
  private readonly unreadable = new Set<string>();
  readonly usedEnvFiles = new Set<EnvFileModel>();
  readonly processEnv: Map<string, VariableValue>;
  private readonly hostOf: (file: string) => string;
  /** Services repeat a few images: each image's category is worked out once per run. */
  readonly imageCategories = new Map<string, string>();
  fileCount = 0;

  constructor(
    readonly tree: SourceTree,
    readonly policy: Policy,
    readonly options: AssembleOptions,
  ) {
    this.processEnv = new Map();
    for (const [k, v] of Object.entries(options.processEnv ?? {})) {
      if (v !== undefined) this.processEnv.set(k, { value: v, origin: { kind: "process" } });
    }
    if (policy.hosts === "directory") {
      this.hostOf = (file) => dirname(file) || ".";
    } else {
      const groups = policy.hosts.map((g) => ({ name: g.name, match: globMatcher(g.compose) }));
      this.hostOf = (file) => groups.find((g) => g.match(file))?.name ?? "default";
    }
  }

  report(file: string, range: Range | null, message: string): void {
    const key = `${file}\0${range?.start.line}:${range?.start.column}\0${message}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push({ file, range, message });
  }

  private readText(path: string): string | null {
    const read = this.tree.read(path);
    if (read.kind === "missing") return null;
    this.fileCount++;
    if (read.kind === "problem") {
      if (!this.unreadable.has(path)) this.report(path, null, readProblemMessage(read));
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
  readCompose(path: string): boolean {
    if (this.composeTexts.has(path)) return true;
    if (this.unreadable.has(path)) return false;
    const text = this.readText(path);
    if (text === null) return false;
    this.composeTexts.set(path, text);
    return true;
  }

  /** Whether a compose file was read and is text. */
  isComposeFile(path: string): boolean {
    return this.composeTexts.has(path);
  }

  /** The text of a compose file read. */
  composeText(path: string): string {
    return this.composeTexts.get(path) ?? "";
  }

  /**
   * The parsed compose file, or null when it does not exist or cannot be read. A file whose
   * documents were released is parsed again from its text (its problems are reported once).
   */
  compose(path: string): ComposeFile | null {
    const known = this.parsed.get(path);
    if (known) return known;
    if (!this.readCompose(path)) return null;
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
  loading(path: string): ComposeFile | undefined {
    return this.parsed.get(path);
  }

  /** Drops a file's documents: no project still to load reads them. */
  release(path: string): void {
    this.parsed.delete(path);
  }

  /** Every compose file read, parsed (so that each one's problems are reported), in the order read. */
  composeSummaries(): Map<string, ComposeSummary> {
    const out = new Map<string, ComposeSummary>();
    for (const path of this.composeTexts.keys()) {
      if (!this.summaries.has(path)) {
        this.compose(path);
        this.release(path);
      }
      out.set(path, this.summaries.get(path) as ComposeSummary);
    }
    return out;
  }

  exists(path: string): boolean {
    if (this.composeTexts.has(path)) return true;
    return this.tree.exists ? this.tree.exists(path) : this.tree.read(path).kind !== "missing";
  }

  envFile(path: string, standIn: boolean): EnvFileModel | null {
    if (this.envModels.has(path)) return this.envModels.get(path) ?? null;
    const text = this.readText(path);
    let model: EnvFileModel | null = null;
    if (text !== null) {
      const lookup = this.options.processEnv ? (name: string) => this.processEnv.get(name)?.value : undefined;
      const parsed = parseEnvFile(text, lookup);
      model = { path, standIn, parsed, text };
      for (const e of parsed.errors) {
        this.report(
          path,
          { start: { line: e.line, column: e.column }, end: { line: e.line, column: e.column } },
          `invalid .env syntax: ${e.message}`,
        );
      }
    }
    this.envModels.set(path, model);
    return model;
  }

  standIn(path: string): EnvFileModel | null {
    for (const candidate of standInsOf(path)) {
      const model = this.envFile(candidate, true);
      if (model) return model;
    }
    return null;
  }

  /** A folder's own `.env`, else its stand-in. */
  ownEnv(dir: string): EnvFileModel | null {
    const path = joinPath(dir, ".env");
    return this.envFile(path, false) ?? this.standIn(path);
  }

  /** The central env file: the first of `files.env` that exists, else a stand-in of one. */
  centralEnv(): EnvFileModel | null {
    return this.centralReal() ?? this.centralStandIn();
  }

  private centralReal(): EnvFileModel | null {
    for (const p of this.policy.files.env) {
      const model = this.envFile(p, false);
      if (model) return model;
    }
    return null;
  }

  private centralStandIn(): EnvFileModel | null {
    for (const p of this.policy.files.env) {
      const model = this.standIn(p);
      if (model) return model;
    }
    return null;
  }

  /** The env file compose reads in a folder; where the folder has none, the central one stands for it. */
  folderEnv(dir: string): EnvFileModel | null {
    const own = joinPath(dir, ".env");
    return this.envFile(own, false) ?? this.centralReal() ?? this.standIn(own) ?? this.centralStandIn();
  }

  /** Variables from `files`, the first winning, with the process environment over all. */
  environmentFrom(files: EnvFileModel[]): Environment {
    const vars = new Map<string, VariableValue>();
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
    for (const [k, v] of this.processEnv) vars.set(k, v);
    return new Environment(vars, files);
  }

  /** The `COMPOSE_*` settings of a folder, from its env file and (when asked) the environment. */
  settings(dir: string): FolderSettings {
    const env = this.ownEnv(dir);
    const setting = (key: string, fromProcess: boolean): Setting | null => {
      const p = fromProcess ? this.processEnv.get(key) : undefined;
      if (p) return { value: p.value, entry: null, file: null };
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

  reportSetting(setting: Setting, fallbackFile: string, message: string): void {
    if (setting.entry && setting.file) this.report(setting.file, entryRange(setting.entry), message);
    else this.report(fallbackFile, null, `${message} (from the environment)`);
  }

  host(file: string): string {
    return this.hostOf(file);
  }
}

interface ConfigModel {
  services: Map<string, ServiceDraft>;
  /** Services written with no value: they change nothing where they merge over a definition. */
  emptyServices: Map<string, Location>;
  /** The raw definitions, for compose's check of imported resources. */
  serviceData: Map<string, unknown>;
  volumes: Map<string, TopLevelVolume>;
  volumeData: Map<string, unknown>;
  name: { value: string; location: Location } | null;
  /** Services and volumes tagged `!reset`: removed from what this merges over. */
  resetServices: Set<string>;
  resetVolumes: Set<string>;
}

function emptyConfig(): ConfigModel {
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
function mergeConfig(into: ConfigModel, over: ConfigModel): void {
  for (const name of over.resetServices) {
    into.services.delete(name);
    into.resetServices.add(name);
  }
  for (const name of over.resetVolumes) {
    into.volumes.delete(name);
    into.resetVolumes.add(name);
  }
  for (const [name, location] of over.emptyServices) {
    if (!into.services.has(name)) into.emptyServices.set(name, location);
  }
  for (const [name, service] of over.services) {
    const base = into.services.get(name);
    into.services.set(name, base ? mergeServices(base, service) : service);
  }
  for (const [name, volume] of over.volumes) {
    const base = into.volumes.get(name);
    into.volumes.set(
      name,
      base ? { ...base, hasName: base.hasName || volume.hasName, external: base.external || volume.external } : volume,
    );
  }
  for (const [k, v] of over.serviceData) into.serviceData.set(k, v);
  for (const [k, v] of over.volumeData) into.volumeData.set(k, v);
  if (over.name !== null) into.name = over.name;
}

function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith("oci:") || path.startsWith("git@");
}

/** Loads the files of one project. */
class ProjectLoader {
  private readonly resolveProblems: ResolveProblem[] = [];
  readonly files = new Set<string>();
  readonly envFiles = new Set<string>();

  constructor(private readonly a: Assembler) {}

  problem(location: Location, message: string): void {
    this.resolveProblems.push({ location, message });
  }

  flushProblems(): void {
    for (const p of this.resolveProblems) this.a.report(p.location.file, p.location.range, p.message);
    this.resolveProblems.length = 0;
  }

  /** Reads one compose file with an environment: its documents merged, includes and extends applied. */
  load(path: string, env: Environment, stack: string[]): ConfigModel {
    const result = emptyConfig();
    const file = this.a.compose(path);
    if (!file) return result;
    this.files.add(path);
    const resolver = new Resolver(path, env, this.resolveProblems);
    for (const doc of file.documents) {
      for (const t of doc.templates) resolver.text(t);
      const imported = emptyConfig();
      for (const include of doc.includes) this.include(path, include, env, stack, imported);
      const own = emptyConfig();
      if (doc.name) {
        const name = resolver.text(doc.name);
        if (name !== null && name !== "") own.name = { value: name, location: resolver.location(doc.name) };
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
  private checkEnvFiles(path: string, raw: RawService, resolver: Resolver): void {
    for (const f of raw.envFiles) {
      const expanded = resolver.expand(f.path);
      if (!f.required || expanded === null) continue;
      const resolved = resolveReading(dirname(path), expanded.value);
      if (resolved !== null && this.a.exists(resolved)) continue;
      this.problem(resolver.location(f.path), `env file ${redact(expanded.value, expanded.quoted)} not found`);
    }
  }

  /** compose refuses a file that redefines, differently, what its includes import. */
  private checkImports(imported: ConfigModel, own: ConfigModel, doc: ComposeDocument): void {
    for (const raw of doc.services) {
      if (!imported.services.has(raw.name)) continue;
      if (sameData(imported.serviceData.get(raw.name), raw.data)) continue;
      const where = imported.services.get(raw.name)?.location.file;
      this.resolveProblems.push({
        location: own.services.get(raw.name)?.location as Location,
        message: `services.${raw.name} conflicts with imported resource (the service ${raw.name} of ${where})`,
      });
    }
    for (const [name, v] of doc.volumes) {
      if (!imported.volumes.has(name) || sameData(imported.volumeData.get(name), v.data)) continue;
      this.resolveProblems.push({
        location: own.volumes.get(name)?.location as Location,
        message: `volumes.${name} conflicts with imported resource (the volume ${name} of ${imported.volumes.get(name)?.location.file})`,
      });
    }
  }

  private include(
    from: string,
    include: ComposeDocument["includes"][number],
    env: Environment,
    stack: string[],
    into: ConfigModel,
  ): void {
    const fromDir = dirname(from);
    const resolver = new Resolver(from, env, this.resolveProblems);
    const paths: string[] = [];
    for (const p of include.paths) {
      const expanded = resolver.expand(p);
      if (expanded === null || isRemote(expanded.value)) return;
      const resolved = resolveReading(fromDir, expanded.value);
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
    if (first === undefined) return;
    const projectDirText = include.projectDirectory ? resolver.text(include.projectDirectory) : null;
    const projectDir =
      projectDirText !== null ? (resolveReading(fromDir, projectDirText) ?? dirname(first)) : dirname(first);
    const envFiles: EnvFileModel[] = [];
    if (include.envFiles.length > 0) {
      for (const f of include.envFiles) {
        const expanded = resolver.expand(f);
        if (expanded === null || expanded.value === "/dev/null") continue;
        const resolved = resolveReading(fromDir, expanded.value);
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
    } else {
      const model = this.a.ownEnv(projectDir);
      if (model) envFiles.push(model);
    }
    for (const f of envFiles) this.envFiles.add(f.path);
    const includedEnv = this.a.environmentFrom(envFiles).overlay(env);
    const included = emptyConfig();
    for (const p of paths) mergeConfig(included, this.load(p, includedEnv, [...stack, p]));
    for (const [name, location] of included.emptyServices) this.problem(location, `service ${name} must be a mapping`);
    for (const [name, service] of included.services) {
      const before = into.services.get(name);
      if (before && !sameData(into.serviceData.get(name), included.serviceData.get(name))) {
        this.resolveProblems.push({
          location: resolver.location(include.paths[0] as NonNullable<(typeof include.paths)[0]>),
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
  private withExtends(
    path: string,
    doc: ComposeDocument,
    raw: RawService,
    resolver: Resolver,
    env: Environment,
    chain: string[],
  ): ServiceDraft {
    const draft = resolver.service(raw);
    const ext = raw.extends;
    if (!ext) return draft;
    const serviceName = resolver.text(ext.service);
    const fileExpanded = ext.file ? resolver.expand(ext.file) : null;
    if (serviceName === null || (ext.file && fileExpanded === null)) return { ...draft, brokenExtends: true };
    const target = fileExpanded === null ? path : resolveReading(dirname(path), fileExpanded.value);
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
    if (file) this.files.add(target);
    if (!file) {
      if (!this.a.exists(target))
        this.resolveProblems.push({ ...where, message: `extends file not found: ${shownFile}` });
      return { ...draft, brokenExtends: true };
    }
    // In its own file a service extends one of the same document; in another file, the merge of
    // that file's documents.
    const documents = target === path ? [doc] : file.documents;
    const definitions: { doc: ComposeDocument; raw: RawService }[] = [];
    for (const d of documents) {
      if (d.resetServices.has(serviceName)) definitions.length = 0;
      const found = d.services.find((s) => s.name === serviceName);
      if (found) definitions.push({ doc: d, raw: found });
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
        location: { file: target, range: (definitions[0] as (typeof definitions)[0]).raw.keyRange },
        message: `service ${serviceName} must be a mapping`,
      });
      return { ...draft, brokenExtends: true };
    }
    this.files.add(target);
    const baseResolver = target === path ? resolver : new Resolver(target, env, this.resolveProblems);
    let base: ServiceDraft | null = null;
    for (const definition of definitions) {
      if (definition.raw.empty) continue;
      const next = this.withExtends(target, definition.doc, definition.raw, baseResolver, env, [...chain, key]);
      base = base ? mergeServices(base, next) : next;
    }
    const merged = base as ServiceDraft;
    return mergeServices({ ...merged, name: draft.name, location: draft.location }, draft);
  }
}

/** compose's equality of two definitions (plain data, as written). */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function classify(policy: Policy, draft: ServiceDraft, imageCategories: Map<string, string>): string {
  const registered = policy.services[draft.name]?.category;
  if (registered) return registered;
  const label = draft.labels.get("portguard.category");
  if (label) return label;
  if (draft.xCategory) return draft.xCategory;
  const image = draft.image;
  return image ? getOrInsert(imageCategories, image, () => imageCategory(policy.categories, image)) : "app";
}

/** The first category whose image patterns match `reference`, else `app`. */
function imageCategory(categories: Policy["categories"], reference: string): string {
  const image = parseImageName(reference);
  for (const [category, def] of Object.entries(categories)) {
    if (def.images.some((pattern) => imageMatches(pattern, image))) return category;
  }
  return "app";
}

function toServiceModel(
  project: ProjectModel,
  draft: ServiceDraft,
  policy: Policy,
  nextId: () => number,
  imageCategories: Map<string, string>,
): ServiceModel {
  const service: ServiceModel = {
    name: draft.name,
    project,
    location: draft.location,
    image: draft.image,
    imageName: draft.image ? parseImageName(draft.image) : null,
    hasBuild: draft.hasBuild,
    labels: draft.labels,
    xCategory: draft.xCategory,
    category: classify(policy, draft, imageCategories),
    ports: [],
    networkMode: draft.networkMode,
    mounts: (draft.mounts ?? []) as MountModel[],
    profiles: draft.profiles ?? [],
    hasHealthcheck: draft.healthcheck !== null && !draft.healthcheck.disabled,
    restart: draft.restart,
    deployRestart: draft.deployRestart,
  };
  service.ports = uniquePorts(draft.ports ?? []).map(
    (p): PortBinding => ({
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
      dynamic:
        p.mapping !== null &&
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
    }),
  );
  return service;
}

/** The stack compose loads by default in a folder. */
interface DefaultStack {
  dir: string;
  files: string[];
  settings: FolderSettings;
}

/** What a project is made of before it is loaded. */
interface ProjectSpec {
  dir: string;
  files: string[];
  settings: FolderSettings;
  variant: string | null;
  group: string | null;
  /** Variants are checked less strictly: how they are combined is not known. */
  strict: boolean;
}

/** Service names a compose file defines, over all its documents. */
function serviceNames(file: ComposeFile | null): string[] {
  return file ? file.documents.flatMap((d) => d.services.map((s) => s.name)) : [];
}

/**
 * Whether a text may include or extend another file. Without these words, and without an escape
 * to write them otherwise, it does neither: discovery then need not parse it.
 */
function mayReference(text: string): boolean {
  return text.includes("include") || text.includes("extends") || text.includes("\\");
}

/** Whether a file compose does not load by default only adjusts services of the default stack. */
function isOverlay(file: ComposeFile, stackServices: ReadonlySet<string>): boolean {
  const services = file.documents.flatMap((d) => d.services);
  if (services.length === 0) return false;
  const partial = (s: RawService) => s.image === null && s.build === null && s.extends === null;
  return (
    services.every((s) => stackServices.has(s.name)) || services.some((s) => partial(s) && stackServices.has(s.name))
  );
}

class Discovery {
  constructor(private readonly a: Assembler) {}

  /** Files that `files` pull in (include, extends): they are not projects of their own. */
  referenced(files: readonly string[]): Set<string> {
    const referenced = new Set<string>();
    for (const p of files) {
      if (!this.a.isComposeFile(p) || !mayReference(this.a.composeText(p))) continue;
      const file = this.a.compose(p);
      if (!file) continue;
      const lookup = this.a.environmentFrom(
        [this.a.folderEnv(dirname(p))].filter((f): f is EnvFileModel => f !== null),
      ).lookup;
      const expand = (value: unknown): string | null => {
        if (typeof value !== "string") return null;
        try {
          return interpolate(value, lookup);
        } catch {
          return null;
        }
      };
      for (const doc of file.documents) {
        for (const inc of doc.includes) {
          for (const path of inc.paths) {
            const text = expand(path.value);
            const resolved = text === null || isRemote(text) ? null : resolveReading(dirname(p), text);
            if (resolved) referenced.add(resolved);
          }
        }
        for (const s of doc.services) {
          const text = s.extends?.file ? expand(s.extends.file.value) : null;
          const resolved = text === null ? null : resolveReading(dirname(p), text);
          if (resolved && resolved !== p) referenced.add(resolved);
        }
      }
    }
    return referenced;
  }

  /** The default stack of a folder: `COMPOSE_FILE`, else the default file with its override. */
  defaultStack(dir: string, candidateSet: ReadonlySet<string>): DefaultStack | null {
    const settings = this.a.settings(dir);
    if (settings.composeFile) {
      const setting = settings.composeFile;
      const files: string[] = [];
      for (const part of setting.value.split(settings.separator)) {
        const path = part === "" ? null : resolveReading(dir, part);
        if (path === null || !this.a.exists(path)) {
          this.a.reportSetting(
            setting,
            joinPath(dir, ".env"),
            part === "" ? "COMPOSE_FILE names an empty path" : `COMPOSE_FILE names ${part}, which does not exist`,
          );
          continue;
        }
        files.push(path);
      }
      return files.length > 0 ? { dir, files, settings } : null;
    }
    const base = BASE_FILES.map((f) => joinPath(dir, f)).find((f) => candidateSet.has(f));
    if (!base) return null;
    const override = OVERRIDE_FILES.map((f) => joinPath(dir, f)).find((f) => candidateSet.has(f));
    return { dir, files: override ? [base, override] : [base], settings };
  }
}

/** Discovers and loads every compose project of the tree. */
export function assembleProjects(tree: SourceTree, policy: Policy, options: AssembleOptions = {}): Assembly {
  const a = new Assembler(tree, policy, options);
  const isCompose = globMatcher(policy.files.compose);
  const isIgnored = ignoreMatcher(policy.files.ignore);
  const candidates = [
    ...new Set([...tree.paths.filter((p) => isCompose(p) && !isIgnored(p)), ...(options.extraCompose ?? [])]),
  ].sort();
  for (const p of candidates) a.readCompose(p);
  const candidateSet = new Set(candidates);
  const discovery = new Discovery(a);

  // A folder with an env file may name its stack in COMPOSE_FILE though it holds no compose file.
  const envNames = new Set([".env", ...standInsOf(".env")]);
  const folders = new Set([
    ...candidates.map(dirname),
    ...tree.paths.filter((p) => envNames.has(basename(p))).map(dirname),
  ]);
  const found = [...folders]
    .sort()
    .map((dir) => discovery.defaultStack(dir, candidateSet))
    .filter((s): s is DefaultStack => s !== null);
  for (const stack of found) for (const f of stack.files) a.readCompose(f);
  const referenced = discovery.referenced([...new Set([...candidates, ...found.flatMap((s) => s.files)])]);
  // A file another one includes or extends is part of that project, not a stack of its own.
  const stacks = found.filter((s) => !referenced.has(s.files[0] as string));
  for (const stack of stacks) for (const f of stack.files) referenced.add(f);

  const specs = projectSpecs(a, stacks, candidates, referenced);

  const projects: ProjectModel[] = [];
  let id = 0;
  const nextId = () => id++;
  // Each file's documents are dropped once no project still to load lists it: most die young. Files
  // another one includes or extends are kept, for the next project that pulls them in.
  const uses = new Map<string, number>();
  for (const spec of specs) for (const f of spec.files) uses.set(f, (uses.get(f) ?? 0) + 1);
  for (const spec of specs) {
    const project = loadProject(a, spec, policy, nextId);
    projects.push(project);
    for (const f of spec.files) uses.set(f, (uses.get(f) ?? 1) - 1);
    for (const f of project.files) if (!uses.get(f) && !referenced.has(f)) a.release(f);
  }

  const central = a.centralEnv();
  if (central) a.usedEnvFiles.add(central);
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
function projectSpecs(
  a: Assembler,
  stacks: DefaultStack[],
  candidates: string[],
  referenced: Set<string>,
): ProjectSpec[] {
  const specs: ProjectSpec[] = [];
  const withStack = new Map(stacks.map((s) => [s.dir, s]));
  for (const stack of stacks) {
    specs.push({ ...stack, variant: null, group: null, strict: true });
  }
  for (const root of candidates) {
    if (referenced.has(root) || !a.isComposeFile(root)) continue;
    const dir = dirname(root);
    const stack = withStack.get(dir);
    if (!stack) {
      specs.push({ dir, files: [root], settings: a.settings(dir), variant: null, group: null, strict: true });
      continue;
    }
    const stackServices = new Set(stack.files.flatMap((f) => serviceNames(a.compose(f))));
    const file = a.compose(root) as ComposeFile;
    const files = isOverlay(file, stackServices) ? [...stack.files, root] : [root];
    specs.push({ dir, files, settings: stack.settings, variant: root, group: dir, strict: false });
    // The default stack is an alternative of its variants.
    const own = specs.find((s) => s.dir === dir && s.variant === null);
    if (own) own.group = dir;
  }
  return specs;
}

function loadProject(a: Assembler, spec: ProjectSpec, policy: Policy, nextId: () => number): ProjectModel {
  const first = spec.files[0] as string;
  const firstDir = dirname(first);
  // compose reads the `.env` of the folder it runs in and, where the files sit elsewhere, theirs.
  const envFiles = [a.folderEnv(spec.dir)];
  if (firstDir !== spec.dir && !isOutsideRoot(firstDir)) envFiles.push(a.ownEnv(firstDir));
  const present = envFiles.filter((f): f is EnvFileModel => f !== null);
  const env = a.environmentFrom(present);
  const loader = new ProjectLoader(a);
  const config = emptyConfig();
  for (const layer of spec.files) mergeConfig(config, loader.load(layer, env, [layer]));
  if (a.loading(first)?.empty) loader.problem({ file: first, range: ZERO_RANGE }, "empty compose file");
  for (const f of present) loader.envFiles.add(f.path);
  const project: ProjectModel = {
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
  if (spec.strict) checkServices(loader, config);
  for (const service of config.services.values()) {
    if (service.platform && service.buildPlatforms && !service.buildPlatforms.includes(service.platform.value)) {
      loader.problem(
        service.platform.location,
        `build.platforms of ${service.name} must include its platform ${service.platform.value}`,
      );
    }
  }
  for (const service of config.services.values()) {
    for (const p of uniquePorts(service.ports ?? []))
      if (p.upProblem) loader.problem(p.upProblem.location, p.upProblem.message);
  }
  loader.flushProblems();
  project.services = [...config.services.values()].map((d) =>
    toServiceModel(project, d, policy, nextId, a.imageCategories),
  );
  return project;
}

/** What compose checks of a whole project that no single file shows. */
function checkServices(loader: ProjectLoader, config: ConfigModel): void {
  for (const [name, location] of config.emptyServices) loader.problem(location, `service ${name} must be a mapping`);
  for (const service of config.services.values()) {
    if (service.image === null && !service.hasBuild && !service.brokenExtends) {
      loader.problem(service.location, `service ${service.name} has neither an image nor a build context`);
    }
    for (const mount of service.mounts ?? []) {
      if (mount.kind === "volume" && !config.volumes.has(mount.source)) {
        loader.problem(
          mount.location,
          `service ${service.name} refers to undefined volume ${mount.source}: declare it under the top-level volumes`,
        );
      }
    }
  }
}

/** compose's project name: `-p`, else COMPOSE_PROJECT_NAME, else `name:`, else the first file's folder. */
function projectName(a: Assembler, spec: ProjectSpec, config: ConfigModel, firstDir: string): string {
  if (a.options.projectName) return a.options.projectName;
  const setting = spec.settings.projectName;
  if (setting && setting.value !== "") {
    if (VALID_PROJECT_NAME.test(setting.value)) return setting.value;
    a.reportSetting(
      setting,
      spec.files[0] as string,
      "COMPOSE_PROJECT_NAME is not a valid project name: only lowercase letters, digits, - and _, starting with a letter or digit",
    );
    return normalizeProjectName(setting.value) || "project";
  }
  if (config.name) {
    const name = normalizeProjectName(config.name.value);
    if (name !== "") return name;
    a.report(
      config.name.location.file,
      config.name.location.range,
      "project name must not be empty: name: has no letter or digit",
    );
    return "project";
  }
  const folder = firstDir === "" ? (a.options.rootName ?? "project") : basename(firstDir);
  const name = normalizeProjectName(folder);
  if (name !== "") return name;
  a.report(
    spec.files[0] as string,
    null,
    "project name must not be empty: the folder name has no letter or digit; set name: or COMPOSE_PROJECT_NAME",
  );
  return "project";
}

export type { Location };
export { ZERO_RANGE };
