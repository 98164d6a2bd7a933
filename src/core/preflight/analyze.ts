/**
 * Preflight: the project's bindings against what this machine has running. Pure: the adapter
 * brings the listening sockets and the engine's containers; this says, per binding, whether its
 * host port is free, held by the stack itself, or held by something else, and what to use instead.
 */
import { getOrInsert } from "../collections.js";
import { type Address, addressesOverlap, addressOf } from "../conflicts.js";
import type { StackModel } from "../context.js";
import { variableOf } from "../context.js";
import type { PortBinding } from "../model.js";
import { compareLocation, SuggestionAllocator } from "../suggestions.js";
import type { Protocol } from "../types.js";
import { type Container, type EngineContainer, type EngineVolume, isLive, type PublishedPort } from "./docker.js";
import type { ListeningSocket, SocketOwner, SocketProtocol } from "./sockets.js";
import { type VolumeProblem, volumeProblems } from "./volumes.js";

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

export type DockerStatus =
  | {
      reachable: true;
      endpoint: string;
      apiVersion: string | null;
      /** Running containers. */
      containers: number;
      /** Containers being started whose published ports already listen. */
      starting: number;
    }
  | { reachable: false; endpoint: string; reason: string };

export type PortHolder =
  /** A container of this compose project and service (running, or being started): not a problem. */
  | { status: "self"; container: Container }
  | { status: "container"; container: Container }
  | { status: "process"; pid: number; command: string; user: string | null }
  /** A published container port (docker-proxy and kin) while the engine could not name the container. */
  | { status: "docker-proxy"; pid: number; command: string }
  | { status: "hidden"; uid: number | null }
  | { status: "outside"; uid: number | null };

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
  suggestion: { port: number; variable: string } | null;
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
  summary: { bindings: number; free: number; self: number; blocked: number; unknown: number; volumes: number };
}

export interface PreflightOptions {
  /** Only the bindings of these files (PATH arguments). */
  include?: (file: string) => boolean;
  /** The project root's absolute path (compose labels its containers with their folder). */
  root?: string;
}

/** Processes that hold the host side of published container ports. */
const CONTAINER_PROXIES =
  /^(docker-proxy|dockerd|rootlesskit|rootlessport|slirp4netns|com\.docker\.backend|com\.docker\.vpnkit|vpnkit|wslrelay|gvproxy|conmon|podman)(\.exe)?$/;

/** A listener on `::` takes IPv4 too unless it is IPv6-only, which the tables do not say: assume it does. */
function listenerAddress(address: string): Address {
  if (address === "::" || address === "") return addressOf("");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return addressOf(mapped ? (mapped[1] as string) : address);
}

function holderOfSocket(owner: SocketOwner | null, uid: number | null): PortHolder {
  if (!owner) return { status: "hidden", uid };
  if (owner.kind === "hidden") return { status: "hidden", uid: owner.uid };
  if (owner.kind === "outside") return { status: "outside", uid: owner.uid };
  if (CONTAINER_PROXIES.test(owner.command)) return { status: "docker-proxy", pid: owner.pid, command: owner.command };
  return { status: "process", pid: owner.pid, command: owner.command, user: owner.user };
}

/** A socket that may be a published container port: a proxy's, or one whose process cannot be seen. */
export function mayBeContainerPort(s: ListeningSocket): boolean {
  return s.owner === null || s.owner.kind !== "process" || CONTAINER_PROXIES.test(s.owner.command);
}

/**
 * Whether a socket is the engine's listener for a published port: same port and protocol, and the
 * address the engine binds (a port published on all interfaces has one socket per family).
 */
export function socketOfPort(s: ListeningSocket, p: PublishedPort): boolean {
  if (s.protocol !== p.protocol || s.port !== p.port) return false;
  if (p.address === "") return s.address === "0.0.0.0" || s.address === "::";
  const a = addressOf(p.address);
  const b = addressOf(s.address);
  return a.family === b.family && a.key === b.key;
}

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
export function machineListeners(state: MachineState): Listener[] {
  const published = (state.containers ?? []).flatMap((c) => c.published);
  const out: Listener[] = published.map((p) => ({
    protocol: p.protocol,
    port: p.port,
    address: p.address,
    container: p.container,
    socket: null,
  }));
  for (const s of state.sockets ?? []) {
    if (mayBeContainerPort(s) && published.some((p) => socketOfPort(s, p))) continue;
    out.push({ protocol: s.protocol, port: s.port, address: s.address, container: null, socket: s });
  }
  return out;
}

/**
 * Containers that may hold ports the list does not show: being started (created, restarting) or
 * stopped (running, its ports already gone from the list) while their proxies listen.
 */
export function transitionalContainers(state: MachineState): Container[] {
  return (state.containers ?? [])
    .filter((c) => isLive(c.container.state) && c.published.length === 0)
    .map((c) => c.container);
}

/** Where a listener binds: the engine's `::` is IPv6 only (it binds IPv4 on a socket of its own). */
export function listenerSpan(l: Listener): Address {
  return l.container ? addressOf(l.address) : listenerAddress(l.address);
}

class Machine {
  private readonly held = new Map<string, Listener[]>();
  private readonly busyKeys = new Set<string>();
  private readonly transitional: Container[];
  /** Transitional containers found holding a planned port. */
  readonly starting = new Set<string>();

  constructor(readonly state: MachineState) {
    for (const l of machineListeners(state)) getOrInsert(this.held, `${l.protocol}/${l.port}`, () => []).push(l);
    for (const s of state.sockets ?? []) this.busyKeys.add(`${s.protocol}/${s.port}`);
    for (const key of this.held.keys()) this.busyKeys.add(key);
    this.transitional = transitionalContainers(state);
  }

  /** Whether anything at all holds the port (any address): a suggestion must avoid it. */
  busy(protocol: Protocol, port: number): boolean {
    return this.busyKeys.has(`${protocol}/${port}`);
  }

  /** Who holds `port` where the binding would bind it; null when free (or unknown: see `state.sockets`). */
  holder(b: PortBinding, port: number, isSelf: (b: PortBinding, c: Container) => boolean): PortHolder | null {
    const wanted = addressOf(b.hostIp);
    const here = (this.held.get(`${b.protocol}/${port}`) ?? []).filter((l) =>
      addressesOverlap(wanted, listenerSpan(l)),
    );
    const containers = here.flatMap((l) => (l.container ? [l.container] : []));
    const other = containers.find((c) => !isSelf(b, c));
    if (other) return { status: "container", container: other };
    const mine = containers[0];
    if (mine) return { status: "self", container: mine };
    const sockets = here.flatMap((l) => (l.socket ? [l.socket] : []));
    // Proxy sockets the list does not explain, while this service's container is being started or stopped: its own.
    if (sockets.length > 0 && sockets.every(mayBeContainerPort)) {
      const own = this.transitional.find((c) => isSelf(b, c));
      if (own) {
        if (own.state !== "running") this.starting.add(own.id);
        return { status: "self", container: own };
      }
    }
    const first = sockets.find((s) => s.owner?.kind === "process") ?? sockets[0];
    return first ? holderOfSocket(first.owner, first.uid) : null;
  }
}

const RANK: Record<PreflightStatus, number> = {
  container: 6,
  process: 5,
  "docker-proxy": 4,
  hidden: 3,
  outside: 3,
  self: 1,
  unknown: 0,
  free: 0,
  unpublished: 0,
};

function holderOfBinding(
  machine: Machine,
  b: PortBinding,
  isSelf: (b: PortBinding, c: Container) => boolean,
): { holder: PortHolder | null; port: number | null } {
  const start = b.hostPort as number;
  const end = b.hostPortEnd ?? start;
  // A host range against one container port: the engine takes any free port of it.
  if (b.dynamic) {
    let first: { holder: PortHolder; port: number } | null = null;
    for (let p = start; p <= end; p++) {
      const holder = machine.holder(b, p, isSelf);
      if (!holder || holder.status === "self") return { holder, port: holder ? p : null };
      first ??= { holder, port: p };
    }
    return first ?? { holder: null, port: null };
  }
  let worst: { holder: PortHolder; port: number } | null = null;
  for (let p = start; p <= end; p++) {
    const holder = machine.holder(b, p, isSelf);
    if (holder && (!worst || RANK[holder.status] > RANK[worst.holder.status])) worst = { holder, port: p };
  }
  return worst ?? { holder: null, port: null };
}

/** Hands out ports free in the plan (every binding of the host) and on this machine, never twice. */
class FreePorts {
  private readonly handed = new Set<string>();

  constructor(
    private readonly model: StackModel,
    private readonly machine: Machine,
  ) {}

  private free(b: PortBinding, port: number): boolean {
    return (
      !this.model.takenPorts(b.service.project.host).has(port) &&
      !this.machine.busy(b.protocol, port) &&
      !this.handed.has(`${b.service.project.host}/${port}`)
    );
  }

  next(b: PortBinding): number | null {
    const length = b.dynamic || b.hostPortEnd === null ? 1 : b.hostPortEnd - (b.hostPort as number) + 1;
    const ranges = this.model.rangesFor(b.service.category);
    // A governed service stays in its ranges; any other looks upwards from its port, outside every range.
    const spans: [number, number][] =
      ranges.length > 0 ? ranges.map((r) => [r.start, r.end]) : [[(b.hostPort as number) + 1, 65535]];
    for (const [lo, hi] of spans) {
      for (let p = lo; p + length - 1 <= hi; p++) {
        let ok = true;
        for (let q = p; q < p + length && ok; q++) {
          ok = this.free(b, q) && (ranges.length > 0 || this.model.rangeOf(q) === null);
        }
        if (!ok) continue;
        for (let q = p; q < p + length; q++) this.handed.add(`${b.service.project.host}/${q}`);
        return p;
      }
    }
    return null;
  }
}

/** Every published binding of the project (as `portguard ports` lists them) against this machine. */
export function preflight(model: StackModel, state: MachineState, options: PreflightOptions = {}): PreflightReport {
  const include = options.include ?? (() => true);
  const isSelf = (b: PortBinding, c: Container) => c.project === b.service.project.name && c.service === b.service.name;
  const machine = new Machine(state);
  const free = new FreePorts(model, machine);
  const variables = new SuggestionAllocator(model);
  const rows: PreflightRow[] = [];
  const bindings = model.bindings
    .filter((b) => b.resolved && !model.isHostNetwork(b.service) && include(b.location.file))
    .sort(compareLocation);
  for (const b of bindings) {
    const row: PreflightRow = {
      service: b.service.name,
      project: b.service.project.name,
      file: b.location.file,
      line: b.location.range.start.line,
      variable: variableOf(b),
      hostIp: b.hostIp,
      hostPort: b.hostPort,
      hostPortEnd: b.hostPort === null ? null : b.hostPortEnd,
      protocol: b.protocol,
      status: "free",
      blocking: false,
      takenPort: null,
      holder: null,
      suggestion: null,
      reason: null,
    };
    rows.push(row);
    if (b.hostPort === null || b.hostPort === 0) {
      row.status = "unpublished";
      continue;
    }
    if (b.protocol === "sctp") {
      row.status = "unknown";
      row.reason = "SCTP sockets are not checked";
      continue;
    }
    const { holder, port } = holderOfBinding(machine, b, isSelf);
    if (holder) {
      row.status = holder.status;
      row.holder = holder;
      row.takenPort = port;
      row.blocking = holder.status !== "self";
    } else if (state.sockets === null) {
      row.status = "unknown";
      row.reason = state.socketSource;
    }
    if (row.blocking) {
      const suggested = free.next(b);
      const variable = variables.get(b).variable ?? variableOf(b);
      if (suggested !== null && variable) row.suggestion = { port: suggested, variable };
    }
  }
  const count = (f: (r: PreflightRow) => boolean) => rows.filter(f).length;
  const volumes =
    state.volumes && state.containers
      ? volumeProblems(
          model,
          { volumes: state.volumes, containers: state.containers },
          { root: options.root ?? "", include },
        )
      : [];
  return {
    version: 1,
    rows,
    volumes,
    sockets: state.socketSource,
    docker: state.docker.reachable ? { ...state.docker, starting: machine.starting.size } : state.docker,
    summary: {
      bindings: rows.length,
      free: count((r) => r.status === "free" || r.status === "unpublished"),
      self: count((r) => r.status === "self"),
      blocked: count((r) => r.blocking),
      unknown: count((r) => r.status === "unknown"),
      volumes: volumes.length,
    },
  };
}
