/**
 * Port mappings as docker compose reads them: the short syntax through go-connections'
 * `nat.ParsePortSpec`, the long syntax through compose-go's fields and what the engine accepts at
 * `up`. Where compose releases differ (docker compose v2.40 links go-connections v0.5, newer ones
 * v0.7), a spec either refuses is refused: it does not work everywhere. Errors carry compose's wording.
 */
import { parseIp } from "./ip.js";
import type { PortMapping, Protocol } from "./types.js";

export type { PortMapping };

export class PortSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortSpecError";
  }
}

/** A short-syntax mapping with the offsets of its parts in the parsed string. */
export interface ShortMapping extends PortMapping {
  /** [start, end) of the host-port text ("" gives an empty span at its place). */
  hostPortSpan: [number, number];
  hostIpSpan: [number, number];
}

/** What compose itself records for one entry (compose-go's ServicePortConfig). */
export interface ComposePortEntry {
  target: number;
  published: string;
  host_ip: string;
  protocol: string;
}

/** Long-syntax fields, already interpolated. */
export interface LongSyntaxPort {
  target?: number | string | null;
  published?: number | string | null;
  host_ip?: string | null;
  protocol?: string | null;
  mode?: string | null;
  [field: string]: unknown;
}

const LONG_FIELDS = new Set(["target", "published", "host_ip", "protocol", "mode", "app_protocol", "name"]);

/** strconv.ParseUint(s, 10, 16): digits only (no sign), leading zeros allowed, at most 65535. */
function parsePortNumber(raw: string): number | null {
  if (!/^[0-9]+$/.test(raw)) return null;
  const digits = raw.replace(/^0+(?=.)/, "");
  if (digits.length > 5) return null;
  const n = Number(digits);
  return n > 65535 ? null : n;
}

/** `N` or `N-M` (start <= end), as every compose release accepts it. */
export function parsePortRange(ports: string): [number, number] | null {
  if (ports === "") return null;
  const dash = ports.indexOf("-");
  const start = dash === -1 ? ports : ports.slice(0, dash);
  const end = dash === -1 ? "" : ports.slice(dash + 1);
  const startPort = parsePortNumber(start);
  if (startPort === null) return null;
  if (dash === -1) return [startPort, startPort];
  const endPort = parsePortNumber(end);
  if (endPort === null || endPort < startPort) return null;
  return [startPort, endPort];
}

function protocolOf(raw: string): Protocol | null {
  const proto = raw.toLowerCase();
  return proto === "tcp" || proto === "udp" || proto === "sctp" ? proto : null;
}

/** A spec compose refuses, with compose's message. */
export interface PortSpecProblem {
  error: string;
  /** The long-syntax field at fault, when there is one. */
  field?: string;
  /**
   * Found only once the files are merged (compose's final checks, or the engine at `up`): a problem
   * only where the entry survives a later `!reset` or `!override`.
   */
  afterMerge?: boolean;
}

export function isProblem<T extends object>(value: T | PortSpecProblem): value is PortSpecProblem {
  return "error" in value;
}

/** Go's net.SplitHostPort(ip + ":"), as go-connections v0.5 strips an address: the host, or an error. */
function splitHost(ip: string): string | PortSpecProblem {
  const fail = (why: string): PortSpecProblem => ({ error: `invalid IP address ${ip}: ${why}` });
  let host: string;
  let j = 0;
  let k = 0;
  if (ip[0] === "[") {
    const end = ip.indexOf("]");
    if (end < 0) return fail("missing ']' in address");
    if (end !== ip.length - 1)
      return ip[end + 1] === ":" ? fail("too many colons in address") : fail("missing port in address");
    host = ip.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = ip;
    if (host.includes(":")) return fail("too many colons in address");
  }
  if (ip.indexOf("[", j) >= 0) return fail("unexpected '[' in address");
  if (ip.indexOf("]", k) >= 0) return fail("unexpected ']' in address");
  return host;
}

/** go-connections' SplitProtoPort: the protocol is what follows the first `/`, up to the next. */
function splitProto(raw: string): { port: string; proto: string } {
  const parts = raw.split("/");
  if (raw === "" || parts[0] === "") return { port: "", proto: "" };
  if (parts.length === 1 || parts[1] === "") return { port: parts[0] as string, proto: "tcp" };
  return { port: parts[0] as string, proto: parts[1] as string };
}

/**
 * Reads one short-syntax spec (`[IP:][HOST:]CONTAINER[/PROTO]`) exactly as compose does, without
 * expanding ranges.
 */
export function readShortSyntax(raw: string): ShortMapping | PortSpecProblem {
  const parts = raw.split(":");
  let ipText: string;
  let hostText: string;
  let containerText: string;
  let hostStart: number;
  if (parts.length === 1) {
    ipText = "";
    hostText = "";
    containerText = raw;
    hostStart = 0;
  } else if (parts.length === 2) {
    ipText = "";
    hostText = parts[0] as string;
    containerText = parts[1] as string;
    hostStart = 0;
  } else {
    const n = parts.length;
    ipText = parts.slice(0, n - 2).join(":");
    hostText = parts[n - 2] as string;
    containerText = parts[n - 1] as string;
    hostStart = ipText.length + 1;
  }
  const { port: containerPortText, proto: protoText } = splitProto(containerText);
  let hostIp = ipText;
  if (hostIp !== "") {
    const host = splitHost(hostIp);
    if (typeof host !== "string") return host;
    hostIp = host;
  }
  if (hostIp !== "" && parseIp(hostIp) === null) return { error: `invalid IP address: ${hostIp}` };
  if (containerPortText === "") return { error: `no port specified: ${raw}<empty>` };
  const container = parsePortRange(containerPortText);
  if (!container) return { error: `invalid containerPort: ${containerPortText}` };
  let host: [number, number] | null = null;
  if (hostText !== "") {
    host = parsePortRange(hostText);
    if (!host) return { error: `invalid hostPort: ${hostText}` };
    if (container[1] - container[0] !== host[1] - host[0] && container[1] !== container[0]) {
      return { error: `invalid ranges specified for container and host Ports: ${containerPortText} and ${hostText}` };
    }
  }
  const protocol = protocolOf(protoText);
  if (!protocol) return { error: `invalid proto: ${protoText}` };
  // compose records no target for container port 0, then refuses the entry.
  if (container[0] === 0) return { error: "port mapping has no target: container port 0" };
  return {
    hostIp,
    hostPort: host ? host[0] : null,
    hostPortEnd: host ? host[1] : null,
    containerPort: container[0],
    containerPortEnd: container[1],
    protocol,
    hostPortSpan: [hostStart, hostStart + hostText.length],
    hostIpSpan: [0, ipText.length],
  };
}

/** Go's strconv.Atoi: an optional sign and decimal digits. */
function atoi(text: string): number | null {
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : null;
}

/**
 * Reads a long-syntax port mapping (values already interpolated) as compose loads it and the engine
 * binds it: `published` and `target` must be what `up` accepts, not only what `config` prints.
 */
export function readLongSyntax(port: LongSyntaxPort): PortMapping | PortSpecProblem {
  for (const field of Object.keys(port)) {
    if (!LONG_FIELDS.has(field) && !field.startsWith("x-")) return { error: `unsupported port field: ${field}`, field };
  }
  const target = port.target;
  if (target === undefined || target === null) return { error: "port mapping has no target", field: "target" };
  const targetPort = typeof target === "number" ? target : atoi(target);
  if (targetPort === null || !Number.isInteger(targetPort)) {
    return { error: `invalid target port: ${String(target)}`, field: "target" };
  }
  if (targetPort < 0) return { error: `invalid target port: ${targetPort}`, field: "target" };
  if (targetPort > 65535) return { error: `invalid target port: ${targetPort}`, field: "target", afterMerge: true };
  const published = port.published;
  let host: [number, number] | null = null;
  if (published !== undefined && published !== null && published !== "") {
    const text = String(published);
    host = parsePortRange(text);
    if (!host) return { error: `invalid published port: ${text}`, field: "published", afterMerge: true };
  }
  const hostIp = port.host_ip ?? "";
  if (typeof hostIp !== "string") return { error: "host_ip must be a string", field: "host_ip" };
  if (port.host_ip !== undefined && port.host_ip !== null && parseIp(hostIp) === null) {
    return { error: `invalid host_ip: ${hostIp}`, field: "host_ip", afterMerge: true };
  }
  const protocol = protocolOf(
    port.protocol === undefined || port.protocol === null || port.protocol === "" ? "tcp" : String(port.protocol),
  );
  if (!protocol) return { error: `invalid protocol: ${String(port.protocol)}`, field: "protocol", afterMerge: true };
  return {
    hostIp,
    hostPort: host ? host[0] : null,
    hostPortEnd: host ? host[1] : null,
    containerPort: targetPort,
    containerPortEnd: targetPort,
    protocol,
  };
}

/** {@link readShortSyntax}, throwing {@link PortSpecError}. */
export function parseShortSyntax(raw: string): ShortMapping {
  const result = readShortSyntax(raw);
  if (isProblem(result)) throw new PortSpecError(result.error);
  return result;
}

/** {@link readLongSyntax}, throwing {@link PortSpecError}. */
export function parseLongSyntax(port: LongSyntaxPort): PortMapping {
  const result = readLongSyntax(port);
  if (isProblem(result)) throw new PortSpecError(result.error);
  return result;
}

/** Splits a mapping into compose's entries: paired ranges become one entry per port. */
export function expandMapping(m: PortMapping): PortMapping[] {
  const count = m.containerPortEnd - m.containerPort + 1;
  if (count === 1) return [{ ...m }];
  const out: PortMapping[] = [];
  for (let i = 0; i < count; i++) {
    const host = m.hostPort === null ? null : m.hostPort + i;
    out.push({
      hostIp: m.hostIp,
      hostPort: host,
      hostPortEnd: host,
      containerPort: m.containerPort + i,
      containerPortEnd: m.containerPort + i,
      protocol: m.protocol,
    });
  }
  return out;
}

/**
 * The bindings of one port spec: a short-syntax string (or YAML integer) or a long-syntax mapping.
 * One entry per entry compose creates (`80-82:8080-8082` gives three); a host range against one
 * container port stays one entry whose `hostPortEnd` closes the range the engine picks from.
 * Throws {@link PortSpecError} for an invalid spec.
 */
export function parsePortSpec(value: string | number | LongSyntaxPort): PortMapping[] {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new PortSpecError(`invalid type for port: ${value}`);
    value = String(value);
  }
  if (typeof value === "string") {
    const { hostPortSpan: _h, hostIpSpan: _i, ...mapping } = parseShortSyntax(value);
    return expandMapping(mapping);
  }
  if (value === null || typeof value !== "object") throw new PortSpecError("invalid type for port");
  return [parseLongSyntax(value)];
}

/** compose's own record of a spec: `{target, published, host_ip, protocol}` per entry. */
export function composePortEntries(value: string | number | LongSyntaxPort): ComposePortEntry[] {
  return parsePortSpec(value).map((m) => ({
    target: m.containerPort,
    published:
      m.hostPort === null ? "" : m.hostPortEnd !== m.hostPort ? `${m.hostPort}-${m.hostPortEnd}` : `${m.hostPort}`,
    host_ip: m.hostIp,
    protocol: m.protocol,
  }));
}
