/**
 * The port plan as people read it: per host and per range of the policy, what is allocated, what
 * collides, what is out of place, and what is free. Built only from the public {@link Report}
 * (bindings, diagnostics) and the policy, so it does not depend on the project model's internals.
 */
import { getOrInsert } from "./collections.js";
import { globMatcher } from "./globs.js";
import { imageMatches, knownImage, parseImageName } from "./images.js";
import { dirname } from "./paths.js";
import type { Policy, PortRange } from "./policy/types.js";
import { variableStem } from "./suggestions.js";
import type { Diagnostic, RelatedLocation, Report, ResolvedBinding, Severity, Suggestion } from "./types.js";

/** Range diagnostics: the binding sits in a range that excludes its category, or outside its own ranges. */
const WRONG_RANGE = "PG101";
const OUTSIDE_RANGES = "PG102";
const CONFLICT = "PG107";

/** A binding with what the lint said about it. */
export interface PlannedBinding extends ResolvedBinding {
  /** Unique in the plan: `b1`, `b2`, ... in report order. */
  id: string;
  host: string;
  /** Rule ids of the diagnostics at this binding, sorted. */
  rules: string[];
  /** The most severe of those diagnostics, or null when it has none. */
  severity: Severity | null;
  /** Those diagnostics, as rule, severity and message. */
  findings: { rule: string; severity: Severity; message: string }[];
  /** The other side of each conflict (PG107). */
  conflictsWith: RelatedLocation[];
  /** PG101: in a range its category may not use; PG102: a governed service outside its ranges. */
  misplaced: "wrong-range" | "outside" | null;
  /** The port and variable the lint proposes, when it proposes one. */
  suggestion: Suggestion | null;
}

/** A port the policy holds without a binding publishing it: a registry allocation or an allow entry. */
export interface Reservation {
  port: number;
  kind: "registry" | "allow";
  service: string;
  variable?: string;
  reason?: string;
}

export interface PortStretch {
  start: number;
  end: number;
}

export interface RangeOccupancy {
  host: string;
  range: PortRange;
  size: number;
  /** Ports of the range not free: published on this host, allocated in the registry, or allow-listed. */
  used: number;
  free: number;
  /** The first free port; null when the range is full or reserved for nobody. */
  next: number | null;
  /** Bindings with at least one host port in the range, by port. */
  bindings: PlannedBinding[];
  /** Held ports of the range that no binding of this host publishes. */
  reservations: Reservation[];
  freeStretches: PortStretch[];
}

export interface PortPlan {
  /** Hosts in the order first met (the default host alone for most projects). */
  hosts: string[];
  /** Per host, every range of the policy in policy order. */
  ranges: RangeOccupancy[];
  /** Every binding of the report, in report order. */
  bindings: PlannedBinding[];
  /** Bindings of governed categories whose host port lies in no range at all. */
  outside: PlannedBinding[];
  /** Bindings of categories that own no range, outside every range: the plan does not govern them. */
  ungoverned: PlannedBinding[];
  /** Bindings with no host port: the engine picks one at start-up. */
  unpinned: PlannedBinding[];
  summary: { bindings: number; conflicts: number; misplaced: number; governed: number };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const NONE: readonly Diagnostic[] = [];

/** "7000" or "7040-7042", as diagnostics write a binding's host port. */
export function hostPortText(b: Pick<ResolvedBinding, "hostPort" | "hostPortEnd">): string {
  if (b.hostPort === null) return "";
  return b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort ? `${b.hostPort}-${b.hostPortEnd}` : `${b.hostPort}`;
}

/** Which host a compose file runs on, by the policy's `hosts` (the rule the linter applies). */
export function hostResolver(policy: Policy): (file: string) => string {
  if (policy.hosts === "directory") return (file) => dirname(file) || ".";
  const groups = policy.hosts.map((g) => ({ name: g.name, match: globMatcher(g.compose) }));
  return (file) => groups.find((g) => g.match(file))?.name ?? "default";
}

function bindingKey(file: string, line: number, service: string | undefined): string {
  return `${file}\0${line}\0${service ?? ""}`;
}

/** Diagnostics grouped by the binding they point at (file, line, service; the port when the message names one). */
function diagnosticsByBinding(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.service === undefined) continue;
    getOrInsert(out, bindingKey(d.file, d.line, d.service), () => []).push(d);
  }
  return out;
}

function plannedBinding(
  b: ResolvedBinding,
  index: number,
  host: string,
  atBinding: readonly Diagnostic[],
  bindingsOnLine: number,
): PlannedBinding {
  const port = hostPortText(b);
  const rules: string[] = [];
  const findings: PlannedBinding["findings"] = [];
  const conflictsWith: RelatedLocation[] = [];
  let severity: Severity | null = null;
  let suggestion: Suggestion | null = null;
  for (const d of atBinding) {
    // Two mappings on one line (a flow sequence) are told apart by the port the message names.
    if (bindingsOnLine > 1 && d.args.port !== undefined && String(d.args.port) !== port) continue;
    if (!rules.includes(d.rule)) rules.push(d.rule);
    findings.push({ rule: d.rule, severity: d.severity, message: d.message });
    if (severity === null || SEVERITY_ORDER[d.severity] < SEVERITY_ORDER[severity]) severity = d.severity;
    if (d.rule === CONFLICT && d.related) conflictsWith.push(...d.related);
    if (suggestion === null && d.suggestion && (d.suggestion.port !== undefined || d.suggestion.variable !== undefined))
      suggestion = d.suggestion;
  }
  rules.sort();
  // Fields listed, not spread: objects built by spreading are several times slower to make and read.
  return {
    file: b.file,
    line: b.line,
    service: b.service,
    category: b.category,
    hostIp: b.hostIp,
    hostPort: b.hostPort,
    hostPortEnd: b.hostPortEnd,
    containerPort: b.containerPort,
    containerPortEnd: b.containerPortEnd,
    protocol: b.protocol,
    variable: b.variable,
    default: b.default,
    project: b.project,
    profiles: b.profiles,
    variant: b.variant,
    id: `b${index + 1}`,
    host,
    rules,
    severity,
    findings,
    conflictsWith,
    misplaced: rules.includes(WRONG_RANGE) ? "wrong-range" : rules.includes(OUTSIDE_RANGES) ? "outside" : null,
    suggestion,
  };
}

function overlaps(b: ResolvedBinding, r: PortRange): boolean {
  if (b.hostPort === null) return false;
  return b.hostPort <= r.end && (b.hostPortEnd ?? b.hostPort) >= r.start;
}

/** The maximal runs of ports of `[start, end]` not in `taken`. */
function freeStretches(start: number, end: number, taken: ReadonlySet<number>): PortStretch[] {
  const out: PortStretch[] = [];
  let open: number | null = null;
  for (let p = start; p <= end; p++) {
    if (taken.has(p)) {
      if (open !== null) out.push({ start: open, end: p - 1 });
      open = null;
    } else if (open === null) {
      open = p;
    }
  }
  if (open !== null) out.push({ start: open, end });
  return out;
}

/** Every port the policy itself holds: registry allocations, then allow-listed ports. */
function policyReservations(policy: Policy): Reservation[] {
  const out: Reservation[] = [];
  for (const [service, entry] of Object.entries(policy.services)) {
    if (entry.port === undefined) continue;
    const r: Reservation = { port: entry.port, kind: "registry", service };
    if (entry.variable !== undefined) r.variable = entry.variable;
    out.push(r);
  }
  for (const a of policy.allow) {
    if (a.port === undefined) continue;
    const r: Reservation = { port: a.port, kind: "allow", service: a.service };
    if (a.reason !== undefined) r.reason = a.reason;
    out.push(r);
  }
  return out;
}

/** The port plan of a linted project. Pure and deterministic: the same report gives the same plan. */
export function portPlan(report: Pick<Report, "bindings" | "diagnostics">, policy: Policy): PortPlan {
  const hostOf = hostResolver(policy);
  const byBinding = diagnosticsByBinding(report.diagnostics);
  const keys = report.bindings.map((b) => bindingKey(b.file, b.line, b.service));
  const perLine = new Map<string, number>();
  for (const key of keys) perLine.set(key, (perLine.get(key) ?? 0) + 1);
  const hostOfFile = new Map<string, string>();
  const bindings = report.bindings.map((b, i) => {
    const key = keys[i] as string;
    const host = getOrInsert(hostOfFile, b.file, () => hostOf(b.file));
    return plannedBinding(b, i, host, byBinding.get(key) ?? NONE, perLine.get(key) ?? 1);
  });

  // Per host (in the order first met), the bindings with a host port, in report order.
  const byHost = new Map<string, PlannedBinding[]>();
  for (const b of bindings) {
    const list = getOrInsert(byHost, b.host, () => []);
    if (b.hostPort !== null) list.push(b);
  }
  if (byHost.size === 0) byHost.set(hostOf(""), []);
  const hosts = [...byHost.keys()];

  const governed = new Set(policy.ranges.flatMap((r) => r.for));
  const reservations = policyReservations(policy);
  const ranges: RangeOccupancy[] = [];
  for (const [host, onHost] of byHost) {
    for (const range of policy.ranges) {
      // A stable sort: equal ports stay in report order.
      const inRange = onHost
        .filter((b) => overlaps(b, range))
        .sort((a, b) => (a.hostPort as number) - (b.hostPort as number));
      const taken = new Set<number>();
      for (const b of inRange) {
        const end = Math.min(b.hostPortEnd ?? (b.hostPort as number), range.end);
        for (let p = Math.max(b.hostPort as number, range.start); p <= end; p++) taken.add(p);
      }
      const held: Reservation[] = [];
      for (const r of reservations) {
        if (r.port < range.start || r.port > range.end) continue;
        if (!taken.has(r.port)) held.push(r);
        taken.add(r.port);
      }
      held.sort((a, b) => a.port - b.port);
      const stretches = freeStretches(range.start, range.end, taken);
      const size = range.end - range.start + 1;
      ranges.push({
        host,
        range,
        size,
        used: taken.size,
        free: size - taken.size,
        next: range.for.length === 0 ? null : (stretches[0]?.start ?? null),
        bindings: inRange,
        reservations: held,
        freeStretches: stretches,
      });
    }
  }

  const inSomeRange = (b: PlannedBinding) => policy.ranges.some((r) => overlaps(b, r));
  const outside = bindings.filter((b) => b.hostPort !== null && governed.has(b.category) && !inSomeRange(b));
  const ungoverned = bindings.filter((b) => b.hostPort !== null && !governed.has(b.category) && !inSomeRange(b));
  const unpinned = bindings.filter((b) => b.hostPort === null);
  return {
    hosts,
    ranges,
    bindings,
    outside,
    ungoverned,
    unpinned,
    summary: {
      bindings: bindings.length,
      conflicts: bindings.filter((b) => b.rules.includes(CONFLICT)).length,
      misplaced: bindings.filter((b) => b.misplaced !== null).length,
      governed: bindings.filter((b) => governed.has(b.category)).length,
    },
  };
}

/** The categories a policy knows: its classified ones, those its ranges name, and `app`. */
export function knownCategories(policy: Policy): string[] {
  const all = new Set([...Object.keys(policy.categories), ...policy.ranges.flatMap((r) => r.for), "app"]);
  for (const entry of Object.values(policy.services)) if (entry.category) all.add(entry.category);
  return [...all].sort();
}

/** The ranges a category may publish in, for one host (all hosts when `host` is null), in policy order. */
export function rangesForCategory(plan: PortPlan, category: string | null, host: string | null): RangeOccupancy[] {
  return plan.ranges.filter(
    (r) => (host === null || r.host === host) && (category === null || r.range.for.includes(category)),
  );
}

/** The category of an image by the policy's image patterns (first match wins), else `app`. */
export function categoryOfImage(policy: Policy, image: string): string {
  const name = parseImageName(image);
  for (const [category, def] of Object.entries(policy.categories)) {
    if (def.images.some((pattern) => imageMatches(pattern, name))) return category;
  }
  return "app";
}

export interface PortRequest {
  service: string;
  /** Given, else from the registry, else from the image, else `app`. */
  category?: string;
  image?: string;
  /** Container ports to publish; default: the image's known ports, else one unnamed port. */
  containerPorts?: number[];
  /** The compose file the service lives (or will live) in: it decides the host. */
  file?: string;
}

export interface PortProposal {
  containerPort: number | null;
  /** The host port to use, or null when the category owns no range (or its ranges are full). */
  port: number | null;
  variable: string;
  range: string | null;
  /** `keep`: the service already publishes it so; `move`: the lint proposes another port or variable; `new`. */
  status: "keep" | "move" | "new";
  /** For a binding already written: the rule ids of the diagnostics on it. */
  rules: string[];
  /** The compose `ports:` entry and the `.env` line to write. */
  compose: string | null;
  env: string | null;
}

export interface ServicePorts {
  service: string;
  category: string;
  host: string;
  governed: boolean;
  ports: PortProposal[];
  /** Why no port could be proposed, in words. */
  note?: string;
}

function mappingText(variable: string, port: number, containerPort: number | null): string {
  return containerPort === null
    ? `"\${${variable}:-${port}}:<container port>"`
    : `"\${${variable}:-${port}}:${containerPort}"`;
}

/**
 * The host ports and variables for a service: for one already in the project, its bindings with the
 * lint's suggestions; for a new one, the next free ports of its category's ranges (free in the
 * plan, never two alike) and variables named as the linter names them.
 */
export function proposePorts(plan: PortPlan, policy: Policy, request: PortRequest): ServicePorts {
  const hostOf = hostResolver(policy);
  const existing = plan.bindings.filter(
    (b) => b.service === request.service && (request.file === undefined || b.file === request.file),
  );
  const first = existing[0];
  const category =
    request.category ??
    first?.category ??
    policy.services[request.service]?.category ??
    (request.image ? categoryOfImage(policy, request.image) : "app");
  const host = first?.host ?? hostOf(request.file ?? "");
  const ranges = rangesForCategory(plan, category, host);
  const governed = policy.ranges.some((r) => r.for.includes(category));
  const result: ServicePorts = { service: request.service, category, host, governed, ports: [] };

  if (existing.length > 0 && request.containerPorts === undefined) {
    for (const b of existing) {
      const suggested = b.suggestion;
      const port = suggested?.port ?? b.hostPort;
      const variable = suggested?.variable ?? b.variable ?? `${variableStem(b.service)}_PORT`;
      const changed = port !== b.hostPort || variable !== b.variable;
      result.ports.push({
        containerPort: b.containerPort,
        port,
        variable,
        range: port === null ? null : (policy.ranges.find((r) => r.start <= port && port <= r.end)?.name ?? null),
        status: changed ? "move" : "keep",
        rules: b.rules,
        compose: port === null ? null : mappingText(variable, port, b.containerPort),
        env: port === null ? null : `${variable}=${port}`,
      });
    }
    return result;
  }

  const known = request.image ? knownImage(parseImageName(request.image)) : null;
  const containerPorts: (number | null)[] = request.containerPorts ?? (known ? known.ports.map((p) => p.port) : [null]);
  const usedVariables = new Set(plan.bindings.flatMap((b) => (b.variable ? [b.variable] : [])));
  for (const entry of Object.values(policy.services)) if (entry.variable) usedVariables.add(entry.variable);
  const registry = policy.services[request.service];
  const handed = new Set<number>();
  const stem = variableStem(request.service);
  containerPorts.forEach((containerPort, i) => {
    let variable: string;
    if (i === 0 && registry?.variable) variable = registry.variable;
    else if (containerPorts.length === 1) variable = `${stem}_PORT`;
    else {
      const name = known?.ports.find((p) => p.port === containerPort)?.name;
      variable = name ? `${stem}_${name}_PORT` : i === 0 ? `${stem}_PORT` : `${stem}_${containerPort}_PORT`;
    }
    if (!(i === 0 && registry?.variable)) {
      const base = variable.replace(/_PORT$/, "");
      for (let n = 2; usedVariables.has(variable); n++) variable = `${base}_${n}_PORT`;
    }
    usedVariables.add(variable);
    let port: number | null = null;
    let range: string | null = null;
    if (i === 0 && registry?.port !== undefined) {
      port = registry.port;
      range = policy.ranges.find((r) => r.start <= registry.port! && registry.port! <= r.end)?.name ?? null;
    } else {
      for (const r of ranges) {
        const stretch = r.freeStretches.find((s) => {
          for (let p = s.start; p <= s.end; p++) if (!handed.has(p)) return true;
          return false;
        });
        if (!stretch) continue;
        for (let p = stretch.start; p <= stretch.end; p++) {
          if (!handed.has(p)) {
            port = p;
            break;
          }
        }
        range = r.range.name;
        break;
      }
    }
    if (port !== null) handed.add(port);
    result.ports.push({
      containerPort,
      port,
      variable,
      range,
      status: "new",
      rules: [],
      compose: port === null ? null : mappingText(variable, port, containerPort),
      env: port === null ? null : `${variable}=${port}`,
    });
  });
  if (!governed)
    result.note = `${category} owns no range in the policy: any port outside the ranges, through ${result.ports[0]?.variable}`;
  else if (result.ports.some((p) => p.port === null)) result.note = `no free port left in the ranges for ${category}`;
  return result;
}
