import type { StackModel } from "../context.js";
import { type DockerStatus, type MachineState } from "../preflight/analyze.js";
import type { Container } from "../preflight/docker.js";
import type { SocketProtocol } from "../preflight/sockets.js";
/** Who holds a port, as the audit names it. */
export type AuditHolder = ({
    kind: "container";
    category: string;
} & Container) | {
    kind: "process";
    pid: number;
    command: string;
    user: string | null;
    category: string | null;
}
/** A published container port while the engine could not be asked to name the container. */
 | {
    kind: "docker-proxy";
    pid: number;
    command: string;
} | {
    kind: "hidden";
    uid: number | null;
} | {
    kind: "outside";
    uid: number | null;
};
export interface AuditEntry {
    port: number;
    protocol: SocketProtocol;
    /** The addresses it listens on (a container published on all interfaces has one per family). */
    addresses: string[];
    holder: AuditHolder;
    /** The compose binding of this repository that publishes it, when one does. */
    planned: {
        project: string;
        service: string;
        file: string;
        line: number;
    } | null;
    /** The policy's `allow` entry that exempts it, when one does. */
    allowed: {
        reason: string | null;
    } | null;
}
export type FindingKind = 
/** The holder's category is not one the range is for (an app in the databases range). */
"category"
/** Anything in a range that is for nobody. */
 | "reserved"
/** A process whose category cannot be told (not a container, not a known server). */
 | "unclassified"
/** A container publishing a port that no compose file of the repository declares for it. */
 | "undeclared"
/** A port a compose file of the repository plans for a service is held by something else. */
 | "planned-port-taken"
/** Nothing could be checked: the socket table could not be read. */
 | "unchecked";
export interface AuditFinding {
    kind: FindingKind;
    range: string | null;
    port: number | null;
    protocol: SocketProtocol | null;
    holder: AuditHolder | null;
    message: string;
    remedy: string;
}
export interface AuditRange {
    name: string;
    start: number;
    end: number;
    for: string[];
    entries: AuditEntry[];
}
export interface AuditReport {
    version: 1;
    timestamp: string;
    host: string;
    ranges: AuditRange[];
    findings: AuditFinding[];
    sockets: string;
    docker: DockerStatus;
    summary: {
        ranges: number;
        listeners: number;
        violations: number;
    };
}
/** "container shop-db-1 (postgres:16, compose project shop service db)", "process java (pid 812, user questdb)" */
export declare function describeAuditHolder(h: AuditHolder): string;
export interface AuditOptions {
    timestamp: string;
    host: string;
}
/** Audits the machine against the plan and the policy. */
export declare function audit(context: StackModel, state: MachineState, options: AuditOptions): AuditReport;
