import type { StackModel } from "../context.js";
import type { Protocol } from "../types.js";
import type { Container, PublishedPort } from "./docker.js";
import type { ListeningSocket } from "./sockets.js";
export interface MachineState {
    /** null when the socket table could not be read: then nothing is called free. */
    sockets: ListeningSocket[] | null;
    /** Why the sockets are unknown, or where they came from. */
    socketSource: string;
    /** null when the engine could not be asked. */
    published: PublishedPort[] | null;
    docker: DockerStatus;
}
export type DockerStatus = {
    reachable: true;
    endpoint: string;
    apiVersion: string | null;
    containers: number;
} | {
    reachable: false;
    endpoint: string;
    reason: string;
};
export type PortHolder = 
/** A running container of this compose project and service: not a problem. */
{
    status: "self";
    container: Container;
} | {
    status: "container";
    container: Container;
} | {
    status: "process";
    pid: number;
    command: string;
    user: string | null;
}
/** A published container port (docker-proxy and kin) while the engine could not name the container. */
 | {
    status: "docker-proxy";
    pid: number;
    command: string;
} | {
    status: "hidden";
    uid: number | null;
} | {
    status: "outside";
    uid: number | null;
};
export type PreflightStatus = "free" | "unpublished" | "unknown" | PortHolder["status"];
export interface PreflightRow {
    service: string;
    project: string;
    file: string;
    line: number;
    variable: string | null;
    hostIp: string;
    hostPort: number | null;
    hostPortEnd: number | null;
    protocol: Protocol;
    status: PreflightStatus;
    /** Whether `docker compose up` would fail to bind it. */
    blocking: boolean;
    /** The port found taken (the first one, for a range). */
    takenPort: number | null;
    holder: PortHolder | null;
    /** For a blocked binding: a port free in the plan and on this machine, and the variable to set. */
    suggestion: {
        port: number;
        variable: string;
    } | null;
    /** Why the status is unknown. */
    reason: string | null;
}
export interface PreflightReport {
    version: 1;
    rows: PreflightRow[];
    sockets: string;
    docker: DockerStatus;
    summary: {
        bindings: number;
        free: number;
        self: number;
        blocked: number;
        unknown: number;
    };
}
/** Every published binding of the project (as `portguard ports` lists them) against this machine. */
export declare function preflight(model: StackModel, state: MachineState, include?: (file: string) => boolean): PreflightReport;
