import { type Address } from "../conflicts.js";
import type { StackModel } from "../context.js";
import type { Protocol } from "../types.js";
import { type Container, type EngineContainer, type EngineVolume, type PublishedPort } from "./docker.js";
import type { ListeningSocket, SocketProtocol } from "./sockets.js";
import { type VolumeProblem } from "./volumes.js";
export interface MachineState {
    /** null when the socket table could not be read: then nothing is called free. */
    sockets: ListeningSocket[] | null;
    /** Why the sockets are unknown, or where they came from. */
    socketSource: string;
    /** Every container the engine lists (any state); null when the engine could not be asked. */
    containers: EngineContainer[] | null;
    /** The engine's volumes; null when not asked or the engine could not be asked. */
    volumes: EngineVolume[] | null;
    docker: DockerStatus;
}
export type DockerStatus = {
    reachable: true;
    endpoint: string;
    apiVersion: string | null;
    /** Running containers. */
    containers: number;
    /** Containers being started whose published ports already listen. */
    starting: number;
} | {
    reachable: false;
    endpoint: string;
    reason: string;
};
export type PortHolder = 
/** A container of this compose project and service (running, or being started): not a problem. */
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
    /** Databases whose data volume compose would not find (only when the engine's volumes are known). */
    volumes: VolumeProblem[];
    sockets: string;
    docker: DockerStatus;
    summary: {
        bindings: number;
        free: number;
        self: number;
        blocked: number;
        unknown: number;
        volumes: number;
    };
}
export interface PreflightOptions {
    /** Only the bindings of these files (PATH arguments). */
    include?: (file: string) => boolean;
    /** The project root's absolute path (compose labels its containers with their folder). */
    root?: string;
}
/** A socket that may be a published container port: a proxy's, or one whose process cannot be seen. */
export declare function mayBeContainerPort(s: ListeningSocket): boolean;
/**
 * Whether a socket is the engine's listener for a published port: same port and protocol, and the
 * address the engine binds (a port published on all interfaces has one socket per family).
 */
export declare function socketOfPort(s: ListeningSocket, p: PublishedPort): boolean;
/** Something holding a port on this machine: a container's published port, or a socket the engine does not explain. */
export interface Listener {
    protocol: SocketProtocol;
    port: number;
    /** As the engine or the socket table gives it. */
    address: string;
    container: Container | null;
    socket: ListeningSocket | null;
}
/**
 * Every holder of a port: the engine's published ports (its proxies' sockets are those), then
 * every socket they do not explain.
 */
export declare function machineListeners(state: MachineState): Listener[];
/**
 * Containers that may hold ports the list does not show: being started (created, restarting) or
 * stopped (running, its ports already gone from the list) while their proxies listen.
 */
export declare function transitionalContainers(state: MachineState): Container[];
/** Where a listener binds: the engine's `::` is IPv6 only (it binds IPv4 on a socket of its own). */
export declare function listenerSpan(l: Listener): Address;
/** Every published binding of the project (as `portguard ports` lists them) against this machine. */
export declare function preflight(model: StackModel, state: MachineState, options?: PreflightOptions): PreflightReport;
