/**
 * The resolved model of a run: every compose project as docker compose runs it, the env files, the
 * policy, and questions about them. What rules read (through {@link RuleContext}), and what
 * suggestions, fix and preflight work on; nothing of the loader (the tree, the parsed files).
 */

import { getOrInsert } from "./collections.js";
import type { ComposeSummary, WrittenService } from "./compose-file.js";
import { canRunTogether, findConflicts } from "./conflicts.js";
import { type KnownImage, knownImage } from "./images.js";
import { compileRegex, type LinearMatcher } from "./linear-regex.js";
import type { EnvFileModel, PortBinding, ProjectModel, ServiceModel } from "./model.js";
import type { AllowEntry, Policy, PortRange, RegistryEntry } from "./policy/types.js";
import type { Assembly, FileProblem } from "./project.js";

export type { WrittenService };

export class StackModel {
  /** The compose projects (one per host, variant and project name). */
  readonly projects: readonly ProjectModel[];
  readonly services: ServiceModel[];
  readonly bindings: PortBinding[];
  /** Bindings that really publish a known host port, grouped by host. */
  readonly activeByHost: Map<string, PortBinding[]>;
  /** Variables written as the host port of some binding. */
  readonly portVariables: Set<string>;
  private readonly variablePattern: LinearMatcher;

  /** Every env file that supplies values, plus the central one. */
  readonly envFiles: readonly EnvFileModel[];
  /** Files compose would refuse, or that could not be read (PG001). */
  readonly problems: readonly FileProblem[];
  /** The compose files read (paths from the root). */
  readonly composeFiles: readonly string[];
  /**
   * What rules read of the files as written, beyond the model: each service's `command` and
   * `environment` and each volume's `name:`, by file. The parsed documents themselves are not kept.
   */
  private readonly written: ReadonlyMap<string, ComposeSummary>;

  constructor(
    readonly policy: Policy,
    assembly: Assembly,
  ) {
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
      if (b.hostSource.kind === "variable") this.portVariables.add(b.hostSource.reference.name);
      if (!this.isActive(b) || b.hostPort === null) continue;
      getOrInsert(this.activeByHost, b.service.project.host, () => []).push(b);
    }
    this.variablePattern = compileRegex(policy.variables.pattern);
  }

  private readonly takenCache = new Map<string, Set<number>>();
  private readonly conflictCache = new Map<string, Map<PortBinding, PortBinding[]>>();

  /** A top-level volume's `name:` as written in each document of `file` that gives one (not interpolated). */
  writtenVolumeNames(file: string, key: string): string[] {
    return this.written.get(file)?.volumeNames.get(key) ?? [];
  }

  /** The service's definitions as written (its `command` and `environment`), in each file of its project that defines it. */
  definitionsOf(service: ServiceModel): WrittenService[] {
    return [...service.project.files].flatMap((path) => this.written.get(path)?.services.get(service.name) ?? []);
  }

  /** The conflicts among the active bindings of a host (computed once). */
  conflicts(host: string): Map<PortBinding, PortBinding[]> {
    let result = this.conflictCache.get(host);
    if (!result) {
      const together = this.policy.profiles.together;
      result = findConflicts(this.activeByHost.get(host) ?? [], (a, b) => canRunTogether(a, b, together));
      this.conflictCache.set(host, result);
    }
    return result;
  }

  /**
   * Ports not free for anyone on a host: every port a binding publishes there (even a wrong one),
   * every registry allocation, every allow-listed port.
   */
  takenPorts(host: string): Set<number> {
    let taken = this.takenCache.get(host);
    if (taken) return taken;
    taken = new Set<number>();
    for (const b of this.activeByHost.get(host) ?? []) {
      const start = b.hostPort as number;
      const end = b.hostPortEnd ?? start;
      for (let p = start; p <= end; p++) taken.add(p);
    }
    for (const entry of Object.values(this.policy.services)) if (entry.port !== undefined) taken.add(entry.port);
    for (const a of this.policy.allow) if (a.port !== undefined) taken.add(a.port);
    this.takenCache.set(host, taken);
    return taken;
  }

  /** Host networking ignores `ports:`; the service binds its container ports directly. */
  isHostNetwork(service: ServiceModel): boolean {
    return service.networkMode?.value === "host";
  }

  /** A binding whose host side is known well enough for range and conflict checks. */
  isActive(b: PortBinding): boolean {
    return b.resolved && b.invalidVariable === null && b.missingRequired === null && !this.isHostNetwork(b.service);
  }

  rangesFor(category: string): PortRange[] {
    return this.policy.ranges.filter((r) => r.for.includes(category));
  }

  /** A service is governed when its category owns at least one range. */
  isGoverned(service: ServiceModel): boolean {
    return this.rangesFor(service.category).length > 0;
  }

  /** Whether PG103/PG104 apply: governed services, or every service with `variables.require: all`. */
  requiresVariable(service: ServiceModel): boolean {
    return this.policy.variables.require === "all" || this.isGoverned(service);
  }

  /** The range governing a port: the first in policy order that contains it. */
  rangeOf(port: number): PortRange | null {
    return this.policy.ranges.find((r) => r.start <= port && port <= r.end) ?? null;
  }

  /** The first range holding one of the binding's host ports that is not for its category. */
  protectedRangeOf(b: PortBinding): PortRange | null {
    if (b.hostPort === null) return null;
    const start = b.hostPort;
    const end = b.hostPortEnd ?? start;
    const check = (port: number) => {
      const range = this.rangeOf(port);
      return range && !range.for.includes(b.service.category) ? range : null;
    };
    // Long ranges are judged by their ends; others port by port.
    if (end - start > 1024) return check(start) ?? check(end);
    for (let port = start; port <= end; port++) {
      const range = check(port);
      if (range) return range;
    }
    return null;
  }

  /** Whether every host port of the binding lies in a range that is for its category. */
  inOwnRange(b: PortBinding): boolean {
    if (b.hostPort === null) return false;
    const end = b.hostPortEnd ?? b.hostPort;
    return this.rangesFor(b.service.category).some((r) => r.start <= b.hostPort! && end <= r.end);
  }

  registryEntry(service: ServiceModel): RegistryEntry | null {
    return Object.hasOwn(this.policy.services, service.name) ? (this.policy.services[service.name] ?? null) : null;
  }

  /** The registry entry applies to one binding: the one using its variable, else its port, else the first. */
  registryBinding(service: ServiceModel): PortBinding | null {
    const entry = this.registryEntry(service);
    if (!entry || (entry.port === undefined && entry.variable === undefined)) return null;
    const ports = service.ports;
    return (
      ports.find((b) => entry.variable !== undefined && variableOf(b) === entry.variable) ??
      ports.find((b) => entry.port !== undefined && b.hostPort === entry.port) ??
      ports[0] ??
      null
    );
  }

  allowEntry(b: PortBinding): AllowEntry | null {
    return (
      this.policy.allow.find(
        (a) =>
          a.service === b.service.name &&
          (a.port === undefined ||
            (b.hostPort !== null && b.hostPort <= a.port && a.port <= (b.hostPortEnd ?? b.hostPort))),
      ) ?? null
    );
  }

  /** Each name is matched once: the same names recur in every project (the pattern engine is linear, not free). */
  private readonly patternMatches = new Map<string, boolean>();

  matchesVariablePattern(name: string): boolean {
    let matches = this.patternMatches.get(name);
    if (matches === undefined) {
      matches = this.variablePattern.test(name);
      this.patternMatches.set(name, matches);
    }
    return matches;
  }

  image(service: ServiceModel): KnownImage | null {
    return knownImage(service.imageName);
  }

  /** "7000" or "7040-7042" */
  portText(b: PortBinding): string {
    if (b.hostPort === null) return "";
    return b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort ? `${b.hostPort}-${b.hostPortEnd}` : `${b.hostPort}`;
  }

  /** Where the host port's value came from, for messages: " (TIMESCALEDB_PORT from .env:3)". */
  valueSource(b: PortBinding): string {
    const v = b.variableValue;
    if (b.hostSource.kind !== "variable" || b.hostSource.reference.source !== "variable" || !v) return "";
    const name = b.hostSource.reference.name;
    if (v.origin.kind === "process") return ` (${name} from the environment)`;
    return ` (${name} from ${v.origin.file}:${v.origin.line})`;
  }
}

/** An application file PG401 reads: one of `files.sources`, as text. */
export interface SourceText {
  path: string;
  text: string;
}

/** What a rule sees: the model and the policy, the docs file, and the application's source files. */
export class RuleContext extends StackModel {
  constructor(
    policy: Policy,
    assembly: Assembly,
    /** The docs file's text when `docs` is set and the file exists. */
    readonly docsText: string | null,
    /** The source files to scan for hardcoded ports (PG401), read when asked. */
    readonly sourceFiles: () => Iterable<SourceText>,
  ) {
    super(policy, assembly);
  }
}

/** The variable written as the host port of a binding, if it is exactly one variable. */
export function variableOf(b: PortBinding): string | null {
  return b.hostSource.kind === "variable" ? b.hostSource.reference.name : null;
}

export function describeRanges(ranges: PortRange[]): string {
  return ranges.map((r) => `${r.name} ${r.start}-${r.end}`).join(", ");
}
