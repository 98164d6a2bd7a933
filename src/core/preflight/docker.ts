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

const PROJECT_LABEL = "com.docker.compose.project";
const SERVICE_LABEL = "com.docker.compose.service";
const CATEGORY_LABEL = "portguard.category";
const WORKING_DIR_LABEL = "com.docker.compose.project.working_dir";
const VOLUME_LABEL = "com.docker.compose.volume";

/** States in which a container holds its published ports, or is about to. */
const LIVE_STATES = new Set(["running", "paused", "created", "restarting", "removing"]);

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Whether a container in this state may hold host ports (running, or being started or stopped). */
export function isLive(state: string): boolean {
  return LIVE_STATES.has(state);
}

/** Every container of the list, with its published ports; throws on an answer that is not a list. */
export function parseContainers(body: string): EngineContainer[] {
  const list: unknown = JSON.parse(body);
  if (!Array.isArray(list)) throw new Error("the engine's container list is not a JSON array");
  const out: EngineContainer[] = [];
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const c = item as Record<string, unknown>;
    const labels = record(c.Labels);
    const names = Array.isArray(c.Names) ? c.Names.map(text) : [];
    const container: Container = {
      id: text(c.Id).slice(0, 12),
      name: (names[0] ?? "").replace(/^\//, ""),
      image: text(c.Image),
      project: text(labels[PROJECT_LABEL]) || null,
      service: text(labels[SERVICE_LABEL]) || null,
      // Lists without a state are old engines listing running containers only.
      state: text(c.State) || "running",
    };
    const published: PublishedPort[] = [];
    for (const p of Array.isArray(c.Ports) ? c.Ports : []) {
      const port = record(p);
      const type = text(port.Type);
      if (typeof port.PublicPort !== "number" || port.PublicPort <= 0 || (type !== "tcp" && type !== "udp")) continue;
      published.push({
        container,
        address: text(port.IP),
        port: port.PublicPort,
        containerPort: Number(port.PrivatePort) || 0,
        protocol: type,
      });
    }
    const mounts: VolumeMount[] = [];
    for (const m of Array.isArray(c.Mounts) ? c.Mounts : []) {
      const mount = record(m);
      if (text(mount.Type) === "volume" && text(mount.Name)) {
        mounts.push({ name: text(mount.Name), destination: text(mount.Destination) });
      }
    }
    out.push({
      container,
      published,
      mounts,
      category: text(labels[CATEGORY_LABEL]) || null,
      workingDir: text(labels[WORKING_DIR_LABEL]) || null,
    });
  }
  return out;
}

/** The engine's volumes (GET /volumes). */
export function parseVolumes(body: string): EngineVolume[] {
  const volumes = record(JSON.parse(body)).Volumes;
  if (!Array.isArray(volumes)) throw new Error("the engine's volume list has no Volumes array");
  return volumes.flatMap((item) => {
    const v = record(item);
    const labels = record(v.Labels);
    const name = text(v.Name);
    return name
      ? [{ name, project: text(labels[PROJECT_LABEL]) || null, volume: text(labels[VOLUME_LABEL]) || null }]
      : [];
  });
}
