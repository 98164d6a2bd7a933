/** What the Docker Engine says of its running containers (GET /containers/json), reduced to ports. */
import type { SocketProtocol } from "./sockets.js";
export interface Container {
    id: string;
    /** Without the leading slash. */
    name: string;
    image: string;
    /** `com.docker.compose.project` / `.service`, when compose started it. */
    project: string | null;
    service: string | null;
}
export interface PublishedPort {
    container: Container;
    /** "" when the engine gives none (all interfaces). */
    address: string;
    port: number;
    containerPort: number;
    protocol: SocketProtocol;
}
/** The running containers and their published ports; throws on an answer that is not a list. */
export declare function parseContainers(body: string): {
    running: number;
    published: PublishedPort[];
};
