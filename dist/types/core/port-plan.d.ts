import type { Policy, PortRange } from "./policy/types.js";
import type { RelatedLocation, Report, ResolvedBinding, Severity, Suggestion } from "./types.js";
/** A binding with what the lint said about it. */
export interface PlannedBinding extends ResolvedBinding {
    /** Unique in the plan: `b1`, `b2`, ... in report order. */
    id: string;
    host: string;
    /** Rule ids of the diagnostics at this binding, sorted. */
    rules: string[];
    /** The most severe of those diagnostics, or null when it has none. */
    severity: Severity | null;
    /** Those diagnostics, as rule, severity and message. */
    findings: {
        rule: string;
        severity: Severity;
        message: string;
    }[];
    /** The other side of each conflict (PG107). */
    conflictsWith: RelatedLocation[];
    /** PG101: in a range its category may not use; PG102: a governed service outside its ranges. */
    misplaced: "wrong-range" | "outside" | null;
    /** The port and variable the lint proposes, when it proposes one. */
    suggestion: Suggestion | null;
}
/** A port the policy holds without a binding publishing it: a registry allocation or an allow entry. */
export interface Reservation {
    port: number;
    kind: "registry" | "allow";
    service: string;
    variable?: string;
    reason?: string;
}
export interface PortStretch {
    start: number;
    end: number;
}
export interface RangeOccupancy {
    host: string;
    range: PortRange;
    size: number;
    /** Ports of the range not free: published on this host, allocated in the registry, or allow-listed. */
    used: number;
    free: number;
    /** The first free port; null when the range is full or reserved for nobody. */
    next: number | null;
    /** Bindings with at least one host port in the range, by port. */
    bindings: PlannedBinding[];
    /** Held ports of the range that no binding of this host publishes. */
    reservations: Reservation[];
    freeStretches: PortStretch[];
}
export interface PortPlan {
    /** Hosts in the order first met (the default host alone for most projects). */
    hosts: string[];
    /** Per host, every range of the policy in policy order. */
    ranges: RangeOccupancy[];
    /** Every binding of the report, in report order. */
    bindings: PlannedBinding[];
    /** Bindings of governed categories whose host port lies in no range at all. */
    outside: PlannedBinding[];
    /** Bindings of categories that own no range, outside every range: the plan does not govern them. */
    ungoverned: PlannedBinding[];
    /** Bindings with no host port: the engine picks one at start-up. */
    unpinned: PlannedBinding[];
    summary: {
        bindings: number;
        conflicts: number;
        misplaced: number;
        governed: number;
    };
}
/** "7000" or "7040-7042", as diagnostics write a binding's host port. */
export declare function hostPortText(b: Pick<ResolvedBinding, "hostPort" | "hostPortEnd">): string;
/** Which host a compose file runs on, by the policy's `hosts` (the rule the linter applies). */
export declare function hostResolver(policy: Policy): (file: string) => string;
/** The port plan of a linted project. Pure and deterministic: the same report gives the same plan. */
export declare function portPlan(report: Pick<Report, "bindings" | "diagnostics">, policy: Policy): PortPlan;
/** The categories a policy knows: its classified ones, those its ranges name, and `app`. */
export declare function knownCategories(policy: Policy): string[];
/** The ranges a category may publish in, for one host (all hosts when `host` is null), in policy order. */
export declare function rangesForCategory(plan: PortPlan, category: string | null, host: string | null): RangeOccupancy[];
/** The category of an image by the policy's image patterns (first match wins), else `app`. */
export declare function categoryOfImage(policy: Policy, image: string): string;
export interface PortRequest {
    service: string;
    /** Given, else from the registry, else from the image, else `app`. */
    category?: string;
    image?: string;
    /** Container ports to publish; default: the image's known ports, else one unnamed port. */
    containerPorts?: number[];
    /** The compose file the service lives (or will live) in: it decides the host. */
    file?: string;
}
export interface PortProposal {
    containerPort: number | null;
    /** The host port to use, or null when the category owns no range (or its ranges are full). */
    port: number | null;
    variable: string;
    range: string | null;
    /** `keep`: the service already publishes it so; `move`: the lint proposes another port or variable; `new`. */
    status: "keep" | "move" | "new";
    /** For a binding already written: the rule ids of the diagnostics on it. */
    rules: string[];
    /** The compose `ports:` entry and the `.env` line to write. */
    compose: string | null;
    env: string | null;
}
export interface ServicePorts {
    service: string;
    category: string;
    host: string;
    governed: boolean;
    ports: PortProposal[];
    /** Why no port could be proposed, in words. */
    note?: string;
}
/**
 * The host ports and variables for a service: for one already in the project, its bindings with the
 * lint's suggestions; for a new one, the next free ports of its category's ranges (free in the
 * plan, never two alike) and variables named as the linter names them.
 */
export declare function proposePorts(plan: PortPlan, policy: Policy, request: PortRequest): ServicePorts;
