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

const PROJECT_LABEL = "com.docker.compose.project";
const SERVICE_LABEL = "com.docker.compose.service";

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The running containers and their published ports; throws on an answer that is not a list. */
export function parseContainers(body: string): { running: number; published: PublishedPort[] } {
  const list: unknown = JSON.parse(body);
  if (!Array.isArray(list)) throw new Error("the engine's container list is not a JSON array");
  const out: PublishedPort[] = [];
  let running = 0;
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const c = item as Record<string, unknown>;
    running++;
    const labels = (typeof c.Labels === "object" && c.Labels !== null ? c.Labels : {}) as Record<string, unknown>;
    const names = Array.isArray(c.Names) ? c.Names.map(text) : [];
    const container: Container = {
      id: text(c.Id).slice(0, 12),
      name: (names[0] ?? "").replace(/^\//, ""),
      image: text(c.Image),
      project: text(labels[PROJECT_LABEL]) || null,
      service: text(labels[SERVICE_LABEL]) || null,
    };
    for (const p of Array.isArray(c.Ports) ? c.Ports : []) {
      if (typeof p !== "object" || p === null) continue;
      const port = (p as Record<string, unknown>).PublicPort;
      const type = text((p as Record<string, unknown>).Type);
      if (typeof port !== "number" || port <= 0 || (type !== "tcp" && type !== "udp")) continue;
      out.push({
        container,
        address: text((p as Record<string, unknown>).IP),
        port,
        containerPort: Number((p as Record<string, unknown>).PrivatePort) || 0,
        protocol: type,
      });
    }
  }
  return { running, published: out };
}
