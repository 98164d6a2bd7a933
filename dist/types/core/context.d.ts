/**
 * The resolved model of a run: every compose project as docker compose runs it, the env files, the
 * policy, and questions about them. What rules read (through {@link RuleContext}), and what
 * suggestions, fix and preflight work on; nothing of the loader (the tree, the parsed files).
 */
import type { WrittenService } from "./compose-file.js";
import { type KnownImage } from "./images.js";
import type { EnvFileModel, PortBinding, ProjectModel, ServiceModel } from "./model.js";
import type { AllowEntry, Policy, PortRange, RegistryEntry } from "./policy/types.js";
import type { Assembly, FileProblem } from "./project.js";
export type { WrittenService };
export declare class StackModel {
    readonly policy: Policy;
    /** The compose projects (one per host, variant and project name). */
    readonly projects: readonly ProjectModel[];
    readonly services: ServiceModel[];
    readonly bindings: PortBinding[];
    /** Bindings that really publish a known host port, grouped by host. */
    readonly activeByHost: Map<string, PortBinding[]>;
    /** Variables written as the host port of some binding. */
    readonly portVariables: Set<string>;
    private readonly variablePattern;
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
    private readonly written;
    constructor(policy: Policy, assembly: Assembly);
    private readonly takenCache;
    private readonly conflictCache;
    /** A top-level volume's `name:` as written in each document of `file` that gives one (not interpolated). */
    writtenVolumeNames(file: string, key: string): string[];
    /** The service's definitions as written (its `command` and `environment`), in each file of its project that defines it. */
    definitionsOf(service: ServiceModel): WrittenService[];
    /** The conflicts among the active bindings of a host (computed once). */
    conflicts(host: string): Map<PortBinding, PortBinding[]>;
    /**
     * Ports not free for anyone on a host: every port a binding publishes there (even a wrong one),
     * every registry allocation, every allow-listed port.
     */
    takenPorts(host: string): Set<number>;
    /** Host networking ignores `ports:`; the service binds its container ports directly. */
    isHostNetwork(service: ServiceModel): boolean;
    /** A binding whose host side is known well enough for range and conflict checks. */
    isActive(b: PortBinding): boolean;
    rangesFor(category: string): PortRange[];
    /** A service is governed when its category owns at least one range. */
    isGoverned(service: ServiceModel): boolean;
    /** Whether PG103/PG104 apply: governed services, or every service with `variables.require: all`. */
    requiresVariable(service: ServiceModel): boolean;
    /** The range governing a port: the first in policy order that contains it. */
    rangeOf(port: number): PortRange | null;
    /** The first range holding one of the binding's host ports that is not for its category. */
    protectedRangeOf(b: PortBinding): PortRange | null;
    /** Whether every host port of the binding lies in a range that is for its category. */
    inOwnRange(b: PortBinding): boolean;
    registryEntry(service: ServiceModel): RegistryEntry | null;
    /** The registry entry applies to one binding: the one using its variable, else its port, else the first. */
    registryBinding(service: ServiceModel): PortBinding | null;
    allowEntry(b: PortBinding): AllowEntry | null;
    /** Each name is matched once: the same names recur in every project (the pattern engine is linear, not free). */
    private readonly patternMatches;
    matchesVariablePattern(name: string): boolean;
    image(service: ServiceModel): KnownImage | null;
    /** "7000" or "7040-7042" */
    portText(b: PortBinding): string;
    /** Where the host port's value came from, for messages: " (TIMESCALEDB_PORT from .env:3)". */
    valueSource(b: PortBinding): string;
}
/** An application file PG401 reads: one of `files.sources`, as text. */
export interface SourceText {
    path: string;
    text: string;
}
/** What a rule sees: the model and the policy, the docs file, and the application's source files. */
export declare class RuleContext extends StackModel {
    /** The docs file's text when `docs` is set and the file exists. */
    readonly docsText: string | null;
    /** The source files to scan for hardcoded ports (PG401), read when asked. */
    readonly sourceFiles: () => Iterable<SourceText>;
    constructor(policy: Policy, assembly: Assembly, 
    /** The docs file's text when `docs` is set and the file exists. */
    docsText: string | null, 
    /** The source files to scan for hardcoded ports (PG401), read when asked. */
    sourceFiles: () => Iterable<SourceText>);
}
/** The variable written as the host port of a binding, if it is exactly one variable. */
export declare function variableOf(b: PortBinding): string | null;
export declare function describeRanges(ranges: PortRange[]): string;
