/**
 * Assembling the compose projects of a repository the way docker compose would load them: which
 * files start a project, which merge into another (overrides, include, extends), which `.env`
 * supplies each project's variables.
 */
import { type ComposeFile, parseCompose, type RawService } from "./compose-file.js";
import { parseEnvFile } from "./dotenv.js";
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
import { basename, dirname, joinPath, resolveRelative } from "./paths.js";
import type { Policy } from "./policy/types.js";
import { mergeServices, type ResolveProblem, Resolver, type ServiceDraft } from "./resolve-service.js";
import type { FileRead, Range, SourceTree } from "./types.js";

export const BASE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
export const OVERRIDE_FILES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];
export const STAND_IN_SUFFIXES = [".example", ".sample", ".template", ".dist"];
/** Files larger than this are reported instead of parsed. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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
}

export interface Assembly {
  projects: ProjectModel[];
  composeFiles: Map<string, ComposeFile>;
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

function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, "");
}

/**
 * compose's project name, as the real docker compose ranks it: COMPOSE_PROJECT_NAME (the project's
 * `.env`, or the process environment when it is used) before the top-level `name:`, then the folder.
 */
function projectName(env: Environment, name: string | null, folderName: string): string {
  const fromEnv = env.lookup("COMPOSE_PROJECT_NAME");
  return normalizeProjectName(fromEnv || (name ?? folderName));
}

class Assembler {
  readonly composeFiles = new Map<string, ComposeFile>();
  private readonly envModels = new Map<string, EnvFileModel | null>();
  readonly problems: FileProblem[] = [];
  private readonly problemKeys = new Set<string>();
  private readonly unreadable = new Set<string>();
  readonly usedEnvFiles = new Set<EnvFileModel>();
  private readonly processEnv: Map<string, VariableValue>;
  private readonly hostOf: (file: string) => string;
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

  /** The parsed compose file, or null when it does not exist or cannot be read. */
  compose(path: string): ComposeFile | null {
    if (this.composeFiles.has(path)) return this.composeFiles.get(path) ?? null;
    if (this.unreadable.has(path)) return null;
    const text = this.readText(path);
    if (text === null) return null;
    const file = parseCompose(text, path);
    this.composeFiles.set(path, file);
    for (const p of file.problems)
      this.report(path, p.range, file.malformed ? `not well-formed YAML: ${p.message}` : p.message);
    return file;
  }

  exists(path: string): boolean {
    return this.composeFiles.has(path) || this.tree.read(path).kind !== "missing";
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

  /** The first existing of `.env` itself, else its stand-ins, in the given folder. */
  private realEnv(path: string): EnvFileModel | null {
    return this.envFile(path, false);
  }

  private standIn(path: string): EnvFileModel | null {
    for (const suffix of STAND_IN_SUFFIXES) {
      const model = this.envFile(path + suffix, true);
      if (model) return model;
    }
    return null;
  }

  /** The central env file: the first of `files.env` that exists, else a stand-in of one. */
  centralEnv(): EnvFileModel | null {
    for (const p of this.policy.files.env) {
      const model = this.realEnv(p);
      if (model) return model;
    }
    for (const p of this.policy.files.env) {
      const model = this.standIn(p);
      if (model) return model;
    }
    return null;
  }

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

  /** A root project's environment: its folder's `.env`, else the central one, else a stand-in. */
  rootEnvironment(dir: string): Environment {
    const own = joinPath(dir, ".env");
    const file = this.realEnv(own) ?? this.centralReal() ?? this.standIn(own) ?? this.centralStandIn();
    return this.environmentFrom(file ? [file] : []);
  }

  private centralReal(): EnvFileModel | null {
    for (const p of this.policy.files.env) {
      const model = this.realEnv(p);
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

  host(file: string): string {
    return this.hostOf(file);
  }
}

interface ConfigModel {
  services: Map<string, ServiceDraft>;
  volumes: Map<string, TopLevelVolume>;
  name: string | null;
}

function emptyConfig(): ConfigModel {
  return { services: new Map(), volumes: new Map(), name: null };
}

function mergeConfig(into: ConfigModel, over: ConfigModel): void {
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
  if (over.name !== null) into.name = over.name;
}

function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith("oci:") || path.startsWith("git@");
}

/** Loads the projects of one root file. */
class ProjectLoader {
  private readonly resolveProblems: ResolveProblem[] = [];
  readonly files = new Set<string>();

  constructor(private readonly a: Assembler) {}

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
      const cfg = emptyConfig();
      for (const t of doc.templates) resolver.text(t);
      cfg.name = resolver.text(doc.name);
      for (const include of doc.includes) this.include(path, include, env, stack, cfg);
      const own = emptyConfig();
      for (const raw of doc.services) {
        own.services.set(raw.name, this.withExtends(path, raw, resolver, env, [`${path}#${raw.name}`]));
      }
      for (const [name, v] of doc.volumes) {
        own.volumes.set(name, {
          name,
          location: { file: path, range: v.keyRange },
          hasName: v.nameField !== null && v.nameField.value !== null && v.nameField.value !== "",
          external: v.external,
        });
      }
      mergeConfig(cfg, own);
      mergeConfig(result, cfg);
    }
    return result;
  }

  private include(
    from: string,
    include: ComposeFile["documents"][number]["includes"][number],
    env: Environment,
    stack: string[],
    into: ConfigModel,
  ): void {
    const fromDir = dirname(from);
    const resolver = new Resolver(from, env, this.resolveProblems);
    const paths: string[] = [];
    for (const p of include.paths) {
      const text = resolver.text(p);
      if (text === null || isRemote(text)) return;
      const resolved = resolveRelative(fromDir, text);
      if (resolved === null) {
        this.resolveProblems.push({
          location: resolver.location(p),
          message: `included file ${text} is outside the project`,
        });
        return;
      }
      if (stack.includes(resolved)) {
        this.resolveProblems.push({
          location: resolver.location(p),
          message: `include cycle: ${[...stack, resolved].join(" -> ")}`,
        });
        return;
      }
      if (!this.a.exists(resolved)) {
        this.resolveProblems.push({ location: resolver.location(p), message: `included file not found: ${text}` });
        return;
      }
      paths.push(resolved);
    }
    const first = paths[0];
    if (first === undefined) return;
    const projectDirText = include.projectDirectory ? resolver.text(include.projectDirectory) : null;
    const projectDir =
      projectDirText !== null ? (resolveRelative(fromDir, projectDirText) ?? dirname(first)) : dirname(first);
    const envFiles: EnvFileModel[] = [];
    if (include.envFiles.length > 0) {
      for (const f of include.envFiles) {
        const text = resolver.text(f);
        if (text === null || text === "/dev/null") continue;
        const resolved = resolveRelative(fromDir, text);
        const model = resolved === null ? null : this.a.envFile(resolved, false);
        if (!model) {
          this.resolveProblems.push({ location: resolver.location(f), message: `env file not found: ${text}` });
          continue;
        }
        envFiles.push(model);
      }
    } else {
      const own = joinPath(projectDir, ".env");
      const model = this.a.envFile(own, false) ?? this.standIn(own);
      if (model) envFiles.push(model);
    }
    const includedEnv = this.a.environmentFrom(envFiles).overlay(env);
    const included = emptyConfig();
    for (const p of paths) mergeConfig(included, this.load(p, includedEnv, [...stack, p]));
    // Imported resources merge under what the including file defines itself.
    const merged = emptyConfig();
    mergeConfig(merged, { ...included, name: null });
    mergeConfig(merged, { ...into, name: null });
    into.services = merged.services;
    into.volumes = merged.volumes;
  }

  private standIn(path: string): EnvFileModel | null {
    for (const suffix of STAND_IN_SUFFIXES) {
      const model = this.a.envFile(path + suffix, true);
      if (model) return model;
    }
    return null;
  }

  /** A service with its `extends` chain applied (the base first, this definition over it). */
  private withExtends(
    path: string,
    raw: RawService,
    resolver: Resolver,
    env: Environment,
    chain: string[],
  ): ServiceDraft {
    const draft = resolver.service(raw);
    const ext = raw.extends;
    if (!ext) return draft;
    const serviceName = resolver.text(ext.service);
    const fileText = ext.file ? resolver.text(ext.file) : null;
    if (serviceName === null || (ext.file && fileText === null)) return draft;
    const target = fileText === null ? path : resolveRelative(dirname(path), fileText);
    // Problems point at the scalar at fault: the file, else the service name.
    const where = { location: { file: path, range: (ext.file ?? ext.service).range } };
    if (target === null) {
      this.resolveProblems.push({ ...where, message: `extends file ${fileText} is outside the project` });
      return draft;
    }
    const key = `${target}#${serviceName}`;
    if (chain.includes(key)) {
      this.resolveProblems.push({
        location: { file: path, range: ext.service.range },
        message: `circular extends: ${[...chain, key].join(" -> ")}`,
      });
      return draft;
    }
    const file = this.a.compose(target);
    if (!file) {
      if (!this.a.exists(target))
        this.resolveProblems.push({ ...where, message: `extends file not found: ${fileText}` });
      return draft;
    }
    let baseRaw: RawService | undefined;
    for (const doc of file.documents) baseRaw = doc.services.find((s) => s.name === serviceName) ?? baseRaw;
    if (!baseRaw) {
      if (!file.malformed && file.problems.length === 0) {
        this.resolveProblems.push({
          location: { file: path, range: ext.service.range },
          message: `cannot extend service ${serviceName}: not defined in ${target}`,
        });
      }
      return draft;
    }
    this.files.add(target);
    const baseResolver = target === path ? resolver : new Resolver(target, env, this.resolveProblems);
    const base = this.withExtends(target, baseRaw, baseResolver, env, [...chain, key]);
    return mergeServices({ ...base, name: draft.name, location: draft.location }, draft);
  }
}

function classify(policy: Policy, draft: ServiceDraft): string {
  const registered = policy.services[draft.name]?.category;
  if (registered) return registered;
  const label = draft.labels.get("portguard.category");
  if (label) return label;
  if (draft.xCategory) return draft.xCategory;
  if (draft.image) {
    const image = parseImageName(draft.image);
    for (const [category, def] of Object.entries(policy.categories)) {
      if (def.images.some((pattern) => imageMatches(pattern, image))) return category;
    }
  }
  return "app";
}

function toServiceModel(
  project: ProjectModel,
  draft: ServiceDraft,
  policy: Policy,
  nextId: () => number,
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
    category: classify(policy, draft),
    ports: [],
    networkMode: draft.networkMode,
    mounts: draft.mounts as MountModel[],
    hasHealthcheck: draft.healthcheck !== null && !draft.healthcheck.disabled,
    restart: draft.restart,
    deployRestart: draft.deployRestart,
  };
  service.ports = draft.ports.map(
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

/** Discovers and loads every compose project of the tree. */
export function assembleProjects(tree: SourceTree, policy: Policy, options: AssembleOptions = {}): Assembly {
  const a = new Assembler(tree, policy, options);
  const isCompose = globMatcher(policy.files.compose);
  const isIgnored = ignoreMatcher(policy.files.ignore);
  const candidates = [
    ...new Set([...tree.paths.filter((p) => isCompose(p) && !isIgnored(p)), ...(options.extraCompose ?? [])]),
  ].sort();

  for (const p of candidates) a.compose(p);

  // Files another file pulls in (include, extends) or that override a base are not projects of their own.
  const referenced = new Set<string>();
  for (const p of candidates) {
    const file = a.composeFiles.get(p);
    if (!file) continue;
    const env = a.rootEnvironment(dirname(p));
    const lookup = env.lookup;
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
          const resolved = text === null || isRemote(text) ? null : resolveRelative(dirname(p), text);
          if (resolved) referenced.add(resolved);
        }
      }
      for (const s of doc.services) {
        const text = s.extends?.file ? expand(s.extends.file.value) : null;
        const resolved = text === null ? null : resolveRelative(dirname(p), text);
        if (resolved && resolved !== p) referenced.add(resolved);
      }
    }
  }
  const candidateSet = new Set(candidates);
  const overrideOf = new Map<string, string>();
  const folders = new Set(candidates.map(dirname));
  for (const dir of folders) {
    const base = BASE_FILES.map((f) => joinPath(dir, f)).find((f) => candidateSet.has(f));
    const override = OVERRIDE_FILES.map((f) => joinPath(dir, f)).find((f) => candidateSet.has(f));
    if (base && override) {
      overrideOf.set(base, override);
      referenced.add(override);
    }
  }

  const projects: ProjectModel[] = [];
  let id = 0;
  const nextId = () => id++;
  for (const root of candidates) {
    if (referenced.has(root) || !a.composeFiles.has(root)) continue;
    const dir = dirname(root);
    const env = a.rootEnvironment(dir);
    const loader = new ProjectLoader(a);
    const config = emptyConfig();
    const layers = [root, overrideOf.get(root)].filter((x): x is string => x !== undefined);
    for (const layer of layers) mergeConfig(config, loader.load(layer, env, [layer]));
    loader.flushProblems();
    const folderName = dir === "" ? (options.rootName ?? "project") : basename(dir);
    const project: ProjectModel = {
      file: root,
      name: projectName(env, config.name, folderName),
      host: a.host(root),
      environment: env,
      services: [],
      volumes: config.volumes,
      files: loader.files,
    };
    project.services = [...config.services.values()].map((d) => toServiceModel(project, d, policy, nextId));
    projects.push(project);
  }

  const central = a.centralEnv();
  if (central) a.usedEnvFiles.add(central);
  const envFiles = [...a.usedEnvFiles].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return {
    projects,
    composeFiles: a.composeFiles,
    envFiles,
    centralEnv: central,
    problems: a.problems,
    fileCount: a.fileCount,
  };
}

export type { Location };
export { ZERO_RANGE };
