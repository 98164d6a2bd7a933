/**
 * What the Docker Engine says of its containers (GET /containers/json?all=1) and volumes (GET /volumes),
 * reduced to what preflight and audit need: ports, compose labels, volumes.
 */
import type { SocketProtocol } from "./sockets.js";
export interface Container {
    id: string;
    /** Without the leading slash. */
    name: string;
    image: string;
    /** `com.docker.compose.project` / `.service`, when compose started it. */
    project: string | null;
    service: string | null;
    /** The engine's state: running, created (being started), restarting, paused, exited, dead, removing. */
    state: string;
}
export interface PublishedPort {
    container: Container;
    /**
     * As the engine binds it: "" all interfaces (both families), `0.0.0.0` all of IPv4, `::` all of
     * IPv6 only (the engine binds each family on its own socket, IPv6 ones IPv6-only).
     */
    address: string;
    port: number;
    containerPort: number;
    protocol: SocketProtocol;
}
/** A named volume a container mounts. */
export interface VolumeMount {
    name: string;
    destination: string;
}
export interface EngineContainer {
    container: Container;
    /** Ports the engine lists as published now (running containers). */
    published: PublishedPort[];
    mounts: VolumeMount[];
    /** The `portguard.category` label. */
    category: string | null;
    /** `com.docker.compose.project.working_dir`: the folder compose ran in. */
    workingDir: string | null;
}
/** A volume of the engine, with the compose labels of the project that created it. */
export interface EngineVolume {
    name: string;
    /** `com.docker.compose.project` / `.volume` (the key under `volumes:`). */
    project: string | null;
    volume: string | null;
}
/** Whether a container in this state may hold host ports (running, or being started or stopped). */
export declare function isLive(state: string): boolean;
/** Every container of the list, with its published ports; throws on an answer that is not a list. */
export declare function parseContainers(body: string): EngineContainer[];
/** The engine's volumes (GET /volumes). */
export declare function parseVolumes(body: string): EngineVolume[];
