/**
 * `portguard audit`: what holds each port of the policy's ranges on this machine now, and which of
 * those holders break the convention. Pure: the adapter brings the machine (sockets, the engine's
 * containers); the plan (every compose file of the repository) and the policy say what is right.
 */
import { addressesOverlap, addressOf } from "../conflicts.js";
import type { StackModel } from "../context.js";
import { imageMatches, parseImageName } from "../images.js";
import type { PortBinding, ServiceModel } from "../model.js";
import type { AllowEntry, Policy, PortRange } from "../policy/types.js";
import {
  type DockerStatus,
  type Listener,
  listenerSpan,
  type MachineState,
  machineListeners,
  mayBeContainerPort,
  type PortHolder,
  preflight,
  transitionalContainers,
} from "../preflight/analyze.js";
import type { Container, EngineContainer } from "../preflight/docker.js";
import type { SocketProtocol } from "../preflight/sockets.js";

/** Who holds a port, as the audit names it. */
export type AuditHolder =
  | ({ kind: "container"; category: string } & Container)
  | { kind: "process"; pid: number; command: string; user: string | null; category: string | null }
  /** A published container port while the engine could not be asked to name the container. */
  | { kind: "docker-proxy"; pid: number; command: string }
  | { kind: "hidden"; uid: number | null }
  | { kind: "outside"; uid: number | null };

export interface AuditEntry {
  port: number;
  protocol: SocketProtocol;
  /** The addresses it listens on (a container published on all interfaces has one per family). */
  addresses: string[];
  holder: AuditHolder;
  /** The compose binding of this repository that publishes it, when one does. */
  planned: { project: string; service: string; file: string; line: number } | null;
  /** The policy's `allow` entry that exempts it, when one does. */
  allowed: { reason: string | null } | null;
}

export type FindingKind =
  /** The holder's category is not one the range is for (an app in the databases range). */
  | "category"
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
  summary: { ranges: number; listeners: number; violations: number };
}

/** Host processes of well-known servers, by command name (/proc/<pid>/comm, at most 15 characters). */
const PROCESS_CATEGORIES: [RegExp, string][] = [
  [
    /^(postgres|postmaster|mysqld|mariadbd|mongod|mongos|redis-server|valkey-server|keydb-server|memcached|clickhouse|clickhouse-serv|influxd|cockroach|qdrant|meilisearch|typesense-serve|minio)$/,
    "database",
  ],
  [/^(postgres_export|redis_exporter|mysqld_exporter|mongodb_exporte|node_exporter)$/, "exporter"],
];

function processCategory(command: string): string | null {
  return PROCESS_CATEGORIES.find(([re]) => re.test(command))?.[1] ?? null;
}

/** A container's category: its service's in the plan, else its label, else its image through the policy. */
function containerCategory(policy: Policy, c: EngineContainer | undefined, planned: ServiceModel | undefined): string {
  if (planned) return planned.category;
  if (c?.category) return c.category;
  if (c?.container.image && !c.container.image.startsWith("sha256:")) {
    const image = parseImageName(c.container.image);
    for (const [category, def] of Object.entries(policy.categories)) {
      if (def.images.some((pattern) => imageMatches(pattern, image))) return category;
    }
  }
  return "app";
}

/** "container shop-db-1 (postgres:16, compose project shop service db)", "process java (pid 812, user questdb)" */
export function describeAuditHolder(h: AuditHolder): string {
  switch (h.kind) {
    case "container": {
      const compose = h.project ? `, compose project ${h.project}${h.service ? ` service ${h.service}` : ""}` : "";
      return `container ${h.name} (${h.image}${compose})`;
    }
    case "process":
      return `process ${h.command || "?"} (pid ${h.pid}${h.user ? `, user ${h.user}` : ""})`;
    case "docker-proxy":
      return `a published container port (${h.command}, pid ${h.pid}) whose container is not named`;
    case "hidden":
      return `a socket of ${h.uid === null ? "an unknown user" : `uid ${h.uid}`} (owner not visible: not root)`;
    case "outside":
      return `a socket of ${h.uid === null ? "an unknown user" : `uid ${h.uid}`} (owner outside this pid namespace)`;
  }
}

function rangeText(r: PortRange): string {
  return `${r.name} ${r.start}-${r.end}`;
}

function forText(r: PortRange): string {
  return r.for.length === 0 ? "nobody" : r.for.join(", ");
}

export interface AuditOptions {
  timestamp: string;
  host: string;
}

/** Audits the machine against the plan and the policy. */
export function audit(context: StackModel, state: MachineState, options: AuditOptions): AuditReport {
  const policy = context.policy;
  const engine = new Map<string, EngineContainer>((state.containers ?? []).map((c) => [c.container.id, c]));
  const services = new Map<string, ServiceModel>();
  for (const s of context.services)
    if (!services.has(`${s.project.name}\0${s.name}`)) services.set(`${s.project.name}\0${s.name}`, s);
  const serviceOf = (c: Container) => (c.project && c.service ? services.get(`${c.project}\0${c.service}`) : undefined);
  const transitional = transitionalContainers(state);

  /** Whether a binding publishes the listener's port where it listens. */
  const publishes = (b: PortBinding, l: Listener) =>
    b.resolved &&
    b.hostPort !== null &&
    b.protocol === l.protocol &&
    b.hostPort <= l.port &&
    l.port <= (b.hostPortEnd ?? b.hostPort) &&
    addressesOverlap(addressOf(b.hostIp), listenerSpan(l));
  const plannedAt = (l: Listener): PortBinding | undefined => context.bindings.find((b) => publishes(b, l));

  /** The container behind a listener: the engine's, or a proxy socket of a container being started or stopped. */
  const containerOf = (l: Listener): Container | null => {
    if (l.container) return l.container;
    if (!l.socket || !mayBeContainerPort(l.socket)) return null;
    const b = plannedAt(l);
    if (!b) return null;
    return transitional.find((c) => c.project === b.service.project.name && c.service === b.service.name) ?? null;
  };

  const holderOf = (l: Listener): AuditHolder => {
    const c = containerOf(l);
    if (c) {
      const category = containerCategory(policy, engine.get(c.id), serviceOf(c));
      return { kind: "container", ...c, category };
    }
    const owner = l.socket?.owner ?? null;
    if (!owner) return { kind: "hidden", uid: l.socket?.uid ?? null };
    if (owner.kind !== "process") return { kind: owner.kind, uid: owner.uid };
    if (mayBeContainerPort(l.socket as NonNullable<Listener["socket"]>)) {
      return { kind: "docker-proxy", pid: owner.pid, command: owner.command };
    }
    return {
      kind: "process",
      pid: owner.pid,
      command: owner.command,
      user: owner.user,
      category: processCategory(owner.command),
    };
  };

  const allowFor = (h: AuditHolder, port: number): AllowEntry | null => {
    const names =
      h.kind === "container"
        ? [h.service, h.name].filter((n): n is string => n !== null)
        : h.kind === "process"
          ? [h.command]
          : [];
    return policy.allow.find((a) => names.includes(a.service) && (a.port === undefined || a.port === port)) ?? null;
  };

  const findings: AuditFinding[] = [];
  const ranges: AuditRange[] = policy.ranges.map((r) => ({
    name: r.name,
    start: r.start,
    end: r.end,
    for: [...r.for],
    entries: [],
  }));
  const all = machineListeners(state);
  // One entry per holder and port (a container published on all interfaces listens once per family).
  const byKey = new Map<string, { entry: AuditEntry; range: PortRange; binding: PortBinding | undefined }>();
  for (const l of all) {
    const index = policy.ranges.findIndex((r) => r.start <= l.port && l.port <= r.end);
    if (index < 0) continue;
    const holder = holderOf(l);
    const identity =
      holder.kind === "container"
        ? `c:${holder.id}`
        : holder.kind === "process" || holder.kind === "docker-proxy"
          ? `p:${holder.pid}`
          : `u:${holder.uid}`;
    const key = `${l.protocol}/${l.port}/${identity}`;
    const known = byKey.get(key);
    if (known) {
      if (!known.entry.addresses.includes(l.address)) known.entry.addresses.push(l.address);
      continue;
    }
    // A container's own service's binding, else whichever binding plans the port.
    const own = holder.kind === "container" ? serviceOf(holder)?.ports.find((b) => publishes(b, l)) : undefined;
    const binding = own ?? plannedAt(l);
    const allow = allowFor(holder, l.port);
    const entry: AuditEntry = {
      port: l.port,
      protocol: l.protocol,
      addresses: [l.address],
      holder,
      planned: binding
        ? {
            project: binding.service.project.name,
            service: binding.service.name,
            file: binding.location.file,
            line: binding.location.range.start.line,
          }
        : null,
      allowed: allow ? { reason: allow.reason ?? null } : null,
    };
    byKey.set(key, { entry, range: policy.ranges[index] as PortRange, binding });
    ranges[index]?.entries.push(entry);
  }

  for (const { entry, range, binding } of byKey.values()) {
    if (entry.allowed) continue;
    const h = entry.holder;
    const at = `${entry.port}/${entry.protocol}`;
    const where = `${describeAuditHolder(h)} holds ${at} in ${rangeText(range)}`;
    const finding = (kind: FindingKind, message: string, remedy: string) =>
      findings.push({
        kind,
        range: range.name,
        port: entry.port,
        protocol: entry.protocol,
        holder: h,
        message,
        remedy,
      });
    if (range.for.length === 0) {
      finding("reserved", `${where}, a range reserved for nobody`, `move it out of ${rangeText(range)}, or stop it`);
    } else if (h.kind === "container" || (h.kind === "process" && h.category !== null)) {
      const category = h.category as string;
      if (!range.for.includes(category)) {
        const home = policy.ranges.filter((r) => r.for.includes(category));
        finding(
          "category",
          `${where}, which is for ${forText(range)}; it is ${article(category)} ${category}`,
          home.length > 0
            ? `move it to ${home.map(rangeText).join(" or ")}`
            : `move it out of the protected ranges (${category} has no range), or give it a category with portguard.category`,
        );
      }
    } else {
      const allowHint =
        h.kind === "process"
          ? ` or allow it in the policy (allow: [{ service: ${h.command}, port: ${entry.port}, reason: ... }])`
          : "";
      finding(
        "unclassified",
        `${where}, which is for ${forText(range)}; its category cannot be told`,
        h.kind === "docker-proxy"
          ? state.containers === null
            ? "make the Docker engine reachable (DOCKER_HOST) so that audit can name the container"
            : "the engine lists no container on it (one being started or stopped?): run audit again"
          : h.kind === "process"
            ? `if it is ${article(range.for[0] ?? "")} ${range.for.join(" or ")}, run it from a compose file${allowHint}; else move it out of ${rangeText(range)}`
            : "run portguard audit as root to see its process",
      );
    }
    if (h.kind === "container") {
      const service = serviceOf(h);
      if (!service) {
        finding(
          "undeclared",
          `${describeAuditHolder(h)} publishes ${at} in ${rangeText(range)}, but no compose file of this repository declares ${h.project ? `${h.project}/${h.service}` : "it"}`,
          h.project
            ? `declare it in a compose file, or stop it (docker compose -p ${h.project} down)`
            : `run it from a compose file, or stop it (docker rm -f ${h.name})`,
        );
      } else if (!binding || binding.service !== service) {
        const declared = service.ports.filter((b) => b.hostPort !== null && b.resolved);
        const plan = declared.map((b) => `${context.portText(b)} (${b.location.file}:${b.location.range.start.line})`);
        finding(
          "undeclared",
          `${describeAuditHolder(h)} publishes ${at}, which its compose file does not declare${plan.length > 0 ? ` (it declares ${plan.join(", ")})` : ""}`,
          `recreate it from its compose file (docker compose -p ${h.project} up -d ${h.service})`,
        );
      }
    }
  }

  // Planned ports anyone else holds, anywhere (preflight's question, asked of every binding).
  const planned = preflight(context, state);
  for (const row of planned.rows) {
    if (!row.blocking || !row.holder || row.takenPort === null) continue;
    const h = auditHolderOf(row.holder, (c) => containerCategory(policy, engine.get(c.id), serviceOf(c)));
    const range =
      policy.ranges.find((r) => r.start <= (row.takenPort as number) && (row.takenPort as number) <= r.end) ?? null;
    findings.push({
      kind: "planned-port-taken",
      range: range?.name ?? null,
      port: row.takenPort,
      protocol: row.protocol === "sctp" ? null : row.protocol,
      holder: h,
      message: `${row.takenPort}/${row.protocol}, planned for ${row.project}/${row.service} (${row.file}:${row.line}), is held by ${describeAuditHolder(h)}`,
      remedy: row.suggestion
        ? `set ${row.suggestion.variable}=${row.suggestion.port} (free in the plan and on this machine), or stop the holder`
        : "stop the holder, or move the service to a free port",
    });
  }

  if (state.sockets === null) {
    findings.push({
      kind: "unchecked",
      range: null,
      port: null,
      protocol: null,
      holder: null,
      message: `nothing could be checked: ${state.socketSource}`,
      remedy: "run portguard audit where the socket table can be read (Linux /proc, lsof, netstat)",
    });
  }

  findings.sort((a, b) => (a.port ?? -1) - (b.port ?? -1) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  for (const r of ranges) r.entries.sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1));
  return {
    version: 1,
    timestamp: options.timestamp,
    host: options.host,
    ranges,
    findings,
    sockets: state.socketSource,
    docker: planned.docker,
    summary: { ranges: ranges.length, listeners: byKey.size, violations: findings.length },
  };
}

function auditHolderOf(h: PortHolder, categoryOf: (c: Container) => string): AuditHolder {
  switch (h.status) {
    case "self":
    case "container":
      return { kind: "container", ...h.container, category: categoryOf(h.container) };
    case "process":
      return { kind: "process", pid: h.pid, command: h.command, user: h.user, category: processCategory(h.command) };
    case "docker-proxy":
      return { kind: "docker-proxy", pid: h.pid, command: h.command };
    case "hidden":
    case "outside":
      return { kind: h.status, uid: h.uid };
  }
}

/** "an app", "an exporter", "a database", "a ui" (a leading u sounds like "you"). */
function article(word: string): string {
  return /^[aeio]/i.test(word) ? "an" : "a";
}
