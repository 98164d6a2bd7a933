/** What every rule sees: the assembled projects, the policy, and questions about both. */
import { type KnownImage } from "./images.js";
import type { PortBinding, ServiceModel } from "./model.js";
import type { AllowEntry, Policy, PortRange, RegistryEntry } from "./policy/types.js";
import type { Assembly } from "./project.js";
import type { SourceTree } from "./types.js";
export declare class RuleContext {
    readonly policy: Policy;
    readonly assembly: Assembly;
    /** The docs file's text when `docs` is set and the file exists. */
    readonly docsText: string | null;
    /** The project's files, for rules that read beyond compose and `.env` files (PG401). */
    readonly tree: SourceTree;
    /** When set, only these source files are scanned (the hook's staged files). */
    readonly sourceFilter: ((path: string) => boolean) | null;
    readonly services: ServiceModel[];
    readonly bindings: PortBinding[];
    /** Bindings that really publish a known host port, grouped by host. */
    readonly activeByHost: Map<string, PortBinding[]>;
    /** Variables written as the host port of some binding. */
    readonly portVariables: Set<string>;
    private readonly variablePattern;
    constructor(policy: Policy, assembly: Assembly, 
    /** The docs file's text when `docs` is set and the file exists. */
    docsText: string | null, 
    /** The project's files, for rules that read beyond compose and `.env` files (PG401). */
    tree: SourceTree, 
    /** When set, only these source files are scanned (the hook's staged files). */
    sourceFilter?: ((path: string) => boolean) | null);
    private readonly takenCache;
    private readonly conflictCache;
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
    matchesVariablePattern(name: string): boolean;
    image(service: ServiceModel): KnownImage | null;
    /** "7000" or "7040-7042" */
    portText(b: PortBinding): string;
    /** Where the host port's value came from, for messages: " (TIMESCALEDB_PORT from .env:3)". */
    valueSource(b: PortBinding): string;
}
/** The variable written as the host port of a binding, if it is exactly one variable. */
export declare function variableOf(b: PortBinding): string | null;
export declare function describeRanges(ranges: PortRange[]): string;
