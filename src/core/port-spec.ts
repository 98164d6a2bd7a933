/**
 * Port mappings as docker compose reads them: the short syntax through go-connections'
 * `nat.ParsePortSpec`, the long syntax through compose-go's fields. Errors carry compose's wording.
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

/** strconv.ParseInt(s, 10, 0) followed by the 0-65535 check of go-connections. */
function parsePortNumber(raw: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(raw)) return null;
  const digits = raw.replace(/^[+-]/, "").replace(/^0+(?=.)/, "");
  if (digits.length > 5) return null;
  const n = Number(digits);
  if (n > 65535 || (raw[0] === "-" && n !== 0)) return null;
  return n;
}

/** go-connections' parsePortRange: `N` or `N-M`, start <= end. */
export function parsePortRange(ports: string): [number, number] | null {
  if (ports === "") return null;
  const dash = ports.indexOf("-");
  const start = dash === -1 ? ports : ports.slice(0, dash);
  const end = dash === -1 ? "" : ports.slice(dash + 1);
  const startPort = parsePortNumber(start);
  if (startPort === null) return null;
  if (dash === -1 || start === end) return [startPort, startPort];
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
}

export function isProblem<T extends object>(value: T | PortSpecProblem): value is PortSpecProblem {
  return "error" in value;
}

/** Go's net.SplitHostPort(ip + ":") for a bracketed address; returns the inner text. */
function stripBrackets(ip: string): string {
  const hostport = `${ip}:`;
  const end = hostport.indexOf("]");
  if (end < 0) throw new PortSpecError(`invalid IP address ${ip}: missing ']' in address`);
  if (end + 1 !== hostport.length - 1) throw new PortSpecError(`invalid IP address ${ip}: missing port in address`);
  const host = hostport.slice(1, end);
  if (hostport.indexOf("[", 1) >= 0) throw new PortSpecError(`invalid IP address ${ip}: unexpected '[' in address`);
  if (hostport.indexOf("]", end + 1) >= 0)
    throw new PortSpecError(`invalid IP address ${ip}: unexpected ']' in address`);
  return host;
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
  const slash = containerText.indexOf("/");
  const containerPortText = slash === -1 ? containerText : containerText.slice(0, slash);
  const protoText = slash === -1 ? "" : containerText.slice(slash + 1);
  if (containerPortText === "") return { error: `no port specified: ${raw}<empty>` };
  const protocol = protocolOf(protoText === "" ? "tcp" : protoText);
  if (!protocol) return { error: `invalid proto: ${protoText.toLowerCase()}` };

  let hostIp = ipText;
  if (hostIp !== "" && hostIp[0] === "[") {
    const stripped = stripBrackets(hostIp);
    if (typeof stripped !== "string") return stripped;
    hostIp = stripped;
  }
  if (hostIp !== "" && parseIp(hostIp) === null) return { error: `invalid IP address: ${hostIp}` };

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

/** Reads a long-syntax port mapping (values already interpolated). */
export function readLongSyntax(port: LongSyntaxPort): PortMapping | PortSpecProblem {
  for (const field of Object.keys(port)) {
    if (!LONG_FIELDS.has(field) && !field.startsWith("x-")) return { error: `unsupported port field: ${field}`, field };
  }
  const target = port.target;
  if (target === undefined || target === null || target === "")
    return { error: "port mapping has no target", field: "target" };
  const targetText = String(target).trim();
  const targetPort = /^[+]?[0-9]+$/.test(targetText) ? Number(targetText) : Number.NaN;
  if (!Number.isInteger(targetPort) || targetPort < 1 || targetPort > 65535) {
    return { error: `invalid target port: ${String(target)}`, field: "target" };
  }
  const published = port.published;
  let host: [number, number] | null = null;
  if (published !== undefined && published !== null && published !== "") {
    const text = String(published);
    host = parsePortRange(text);
    if (!host) return { error: `invalid published port: ${text}`, field: "published" };
  }
  const hostIp = port.host_ip ?? "";
  if (typeof hostIp !== "string") return { error: "host_ip must be a string", field: "host_ip" };
  if (hostIp !== "" && parseIp(hostIp) === null) return { error: `invalid host_ip: ${hostIp}`, field: "host_ip" };
  const mode = port.mode ?? "ingress";
  if (mode !== "host" && mode !== "ingress") return { error: `invalid mode: ${String(mode)}`, field: "mode" };
  const protocol = protocolOf(String(port.protocol ?? "tcp"));
  if (!protocol) return { error: `invalid protocol: ${String(port.protocol)}`, field: "protocol" };
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
