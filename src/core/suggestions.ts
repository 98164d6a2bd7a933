/**
 * The port and variable each diagnostic proposes. Ports are handed out per binding in report order
 * (file, line, column); one run never hands out the same port twice.
 */
import { getOrInsert } from "./collections.js";
import { type StackModel, variableOf } from "./context.js";
import type { PortBinding, ServiceModel } from "./model.js";
import { STAND_IN_SUFFIXES } from "./project.js";
import type { Suggestion } from "./types.js";

/** `timescaledb-backup` -> `TIMESCALEDB_BACKUP` */
export function variableStem(service: string): string {
  const stem = service
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return /^[0-9]/.test(stem) || stem === "" ? `S_${stem}` : stem;
}

/**
 * The env file a binding's port variable is declared in: the one its project reads, else the
 * stand-in of the central one (`.env.example`), which `fix` creates.
 */
export function envHome(b: PortBinding, centralEnv: readonly string[]): string {
  return b.environment.files[0]?.path ?? `${centralEnv[0] ?? ".env"}${STAND_IN_SUFFIXES[0]}`;
}

/**
 * One published port of one container: alternative definitions of a service (files never
 * combined, in one project) share it, and so share their suggested port. The ordinal tells apart
 * two host ports of one container port.
 */
function addSlots(s: ServiceModel, slots: Map<PortBinding, string>): void {
  const seen = new Map<string, number>();
  for (const b of s.ports) {
    const port = `${b.hostIp}\0${b.containerPort}/${b.protocol}`;
    const ordinal = seen.get(port) ?? 0;
    seen.set(port, ordinal + 1);
    // Joined, not concatenated: one flat string per slot where a template literal kept a rope of a dozen.
    slots.set(b, [s.project.host, s.project.name, s.name, `${port}#${ordinal}`].join("\0"));
  }
}

/** Roles of ports every image uses the same way, for images portguard knows no names for. */
const COMMON_ROLES: ReadonlyMap<number, string> = new Map([
  [21, "FTP"],
  [22, "SSH"],
  [25, "SMTP"],
  [53, "DNS"],
  [80, "HTTP"],
  [443, "HTTPS"],
  [587, "SUBMISSION"],
  [1883, "MQTT"],
  [2222, "SSH"],
  [4317, "OTLP_GRPC"],
  [4318, "OTLP_HTTP"],
  [5005, "DEBUG"],
  [8080, "HTTP"],
  [8443, "HTTPS"],
  [8883, "MQTTS"],
  [9229, "DEBUG"],
]);

/** Names for the further ports of a service whose role is unknown: words, never a port number. */
const ORDINALS = ["SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH"];

/**
 * The variable names derived for a service's published ports: `<SERVICE>_PORT` for a service with
 * one, else `<SERVICE>_<ROLE>_PORT` with the role the image's port names or the common roles give
 * (`QUESTDB_HTTP_PORT`); ports of unknown role keep `<SERVICE>_PORT` for the first and take
 * ordinals after it (`API_SECOND_PORT`). A role the service name already says is not repeated.
 */
function addDerivedVariables(model: StackModel, service: ServiceModel, out: Map<PortBinding, string>): void {
  const stem = variableStem(service.name);
  const published = service.ports;
  if (published.length <= 1) {
    for (const b of published) out.set(b, `${stem}_PORT`);
    return;
  }
  const imagePorts = model.image(service)?.ports ?? [];
  const roles = new Map(
    published.map((b) => [
      b,
      imagePorts.find((p) => p.port === b.containerPort)?.name ?? COMMON_ROLES.get(b.containerPort) ?? null,
    ]),
  );
  const counts = new Map<string, number>();
  for (const role of roles.values()) if (role !== null) counts.set(role, (counts.get(role) ?? 0) + 1);
  const used = new Set<string>();
  const pending: PortBinding[] = [];
  for (const b of published) {
    const role = roles.get(b) ?? null;
    if (role === null || counts.get(role) !== 1) {
      pending.push(b);
      continue;
    }
    const said = stem === role || stem.endsWith(`_${role}`);
    const name = said ? `${stem}_PORT` : `${stem}_${role}_PORT`;
    if (used.has(name)) pending.push(b);
    else {
      used.add(name);
      out.set(b, name);
    }
  }
  let ordinal = 0;
  for (const b of pending) {
    let name = `${stem}_PORT`;
    while (used.has(name)) {
      const word = ORDINALS[ordinal] ?? `ALT${ordinal + 2}`;
      ordinal++;
      name = `${stem}_${word}_PORT`;
    }
    used.add(name);
    out.set(b, name);
  }
}

/** Report order of bindings: file, line, column. */
export function compareLocation(a: PortBinding, b: PortBinding): number {
  const fa = a.location.file;
  const fb = b.location.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location.range.start;
  const lb = b.location.range.start;
  return la.line - lb.line || la.column - lb.column || a.id - b.id;
}

export class SuggestionAllocator {
  private readonly handed = new Map<string, Set<number>>();
  private readonly generic = new Map<PortBinding, Suggestion>();
  /** Per host and range: every port below it is taken or handed out (ports are never given back). */
  private readonly cursor = new Map<string, number>();
  private readonly bySlot = new Map<string, Suggestion>();
  /** Per env file, the slot each variable name belongs to (written ones first). */
  private names: Map<string, Map<string, string>> | null = null;
  /** Per env file and derived base name, the next number to try (a service with many ports stays linear). */
  private readonly nextNumber = new Map<string, number>();
  private readonly numbered = new Map<string, string>();
  /** The derived variable name and the slot of each binding, filled a service at a time (flat: one map, not two per service). */
  private readonly derivedNames = new Map<PortBinding, string>();
  private readonly slots = new Map<PortBinding, string>();

  constructor(
    private readonly model: StackModel,
    private readonly changed: ((file: string) => boolean) | null = null,
  ) {}

  private slotOf(b: PortBinding): string {
    if (!this.slots.has(b)) addSlots(b.service, this.slots);
    return this.slots.get(b) as string;
  }

  private handedFor(host: string): Set<number> {
    return getOrInsert(this.handed, host, () => new Set<number>());
  }

  private isFree(host: string, start: number, length: number): boolean {
    const taken = this.model.takenPorts(host);
    const handed = this.handedFor(host);
    for (let p = start; p < start + length; p++) if (taken.has(p) || handed.has(p)) return false;
    return true;
  }

  /**
   * Whether a conflicting binding has the better claim to the port: one in an unchanged file (it was
   * there first), else the earlier one in report order.
   */
  private heldEarlier(b: PortBinding): boolean {
    const partners = this.model.conflicts(b.service.project.host).get(b) ?? [];
    const isChanged = (x: PortBinding) => this.changed?.(x.location.file) ?? false;
    return partners.some((o) => {
      if (isChanged(o) !== isChanged(b)) return isChanged(b);
      return compareLocation(o, b) < 0;
    });
  }

  /** Allocates the suggestions of `bindings` in report order. */
  allocate(bindings: Iterable<PortBinding>): void {
    const sorted = [...new Set(bindings)].sort(compareLocation);
    for (const b of sorted) this.generic.set(b, this.compute(b));
  }

  get(b: PortBinding): Suggestion {
    let s = this.generic.get(b);
    if (!s) {
      s = this.compute(b);
      this.generic.set(b, s);
    }
    return s;
  }

  /** The first free port after `after` in the range holding it (PG110's next sequential port). */
  nextAfter(b: PortBinding, after: number): Suggestion {
    const range = this.model.rangeOf(after);
    const host = b.service.project.host;
    const variable = this.get(b).variable;
    if (!range) return { variable };
    for (let p = after + 1; p <= range.end; p++) {
      if (p === b.hostPort || this.isFree(host, p, 1)) {
        this.handedFor(host).add(p);
        return { port: p, variable };
      }
    }
    return { variable };
  }

  private namesIn(home: string): Map<string, string> {
    if (!this.names) {
      this.names = new Map();
      for (const o of this.model.bindings) {
        const written = variableOf(o);
        if (written === null) continue;
        const names = getOrInsert(this.names, envHome(o, this.model.policy.files.env), () => new Map<string, string>());
        if (!names.has(written)) names.set(written, this.slotOf(o));
      }
    }
    return getOrInsert(this.names, home, () => new Map<string, string>());
  }

  /**
   * The variable a binding should use: the registry's, else the one written (if well named), else
   * one derived from the service, made unique in its env file (one .env holds one value per name:
   * two containers on one name would move together).
   */
  private variableFor(b: PortBinding): string {
    const model = this.model;
    const entry = model.registryEntry(b.service);
    if (entry?.variable && model.registryBinding(b.service) === b) return entry.variable;
    const written = variableOf(b);
    if (written && model.matchesVariablePattern(written)) return written;
    const home = envHome(b, model.policy.files.env);
    const names = this.namesIn(home);
    const slot = this.slotOf(b);
    if (!this.derivedNames.has(b)) addDerivedVariables(model, b.service, this.derivedNames);
    const derived = this.derivedNames.get(b) ?? `${variableStem(b.service.name)}_PORT`;
    if (!names.has(derived) || names.get(derived) === slot) {
      names.set(derived, slot);
      return derived;
    }
    const base = `${variableStem(b.service.project.name)}_${derived.replace(/_PORT$/, "")}`;
    const key = `${home}\0${base}`;
    const owned = this.numbered.get(`${key}\0${slot}`);
    if (owned !== undefined) return owned;
    let i = this.nextNumber.get(key) ?? 1;
    let name = `${base}${i === 1 ? "" : `_${i}`}_PORT`;
    while (names.has(name) && names.get(name) !== slot) {
      i++;
      name = `${base}${i === 1 ? "" : `_${i}`}_PORT`;
    }
    this.nextNumber.set(key, i + 1);
    this.numbered.set(`${key}\0${slot}`, name);
    names.set(name, slot);
    return name;
  }

  private compute(b: PortBinding): Suggestion {
    const slot = this.slotOf(b);
    const same = this.bySlot.get(slot);
    if (same)
      return same.port === undefined
        ? { variable: this.variableFor(b) }
        : { port: same.port, variable: this.variableFor(b) };
    const suggestion = this.computeNew(b);
    this.bySlot.set(slot, suggestion);
    return suggestion;
  }

  private computeNew(b: PortBinding): Suggestion {
    const model = this.model;
    const service = b.service;
    const variable = this.variableFor(b);
    const entry = model.registryEntry(service);
    if (entry && model.registryBinding(service) === b && entry.port !== undefined) {
      return { port: entry.port, variable };
    }
    const ranges = model.rangesFor(service.category);
    if (ranges.length === 0) return { variable };
    const host = service.project.host;
    const handed = this.handedFor(host);
    const length = b.hostPort !== null && b.hostPortEnd !== null && !b.dynamic ? b.hostPortEnd - b.hostPort + 1 : 1;
    if (
      model.isActive(b) &&
      b.hostPort !== null &&
      b.hostPort !== 0 &&
      model.inOwnRange(b) &&
      !handed.has(b.hostPort) &&
      !this.heldEarlier(b)
    ) {
      for (let p = b.hostPort; p < b.hostPort + length; p++) handed.add(p);
      return { port: b.hostPort, variable };
    }
    const port = this.handOut(b, length);
    return port === null ? { variable } : { port, variable };
  }

  /** A free port of the binding's ranges (with `length` free ones from it), handed out; null when they are full. */
  private handOut(b: PortBinding, length: number): number | null {
    const host = b.service.project.host;
    const handed = this.handedFor(host);
    for (const range of this.model.rangesFor(b.service.category)) {
      const key = `${host}\0${range.name}`;
      let p = Math.max(range.start, this.cursor.get(key) ?? range.start);
      while (p <= range.end && !this.isFree(host, p, 1)) p++;
      this.cursor.set(key, p);
      for (; p + length - 1 <= range.end; p++) {
        if (this.isFree(host, p, length)) {
          for (let q = p; q < p + length; q++) handed.add(q);
          return p;
        }
      }
    }
    return null;
  }

  /** A port away from the binding's own, which another variable holds too (PG303's fix). */
  fresh(b: PortBinding): Suggestion {
    const variable = this.get(b).variable;
    const port = b.hostPortEnd !== null && b.hostPortEnd !== b.hostPort ? null : this.handOut(b, 1);
    return port === null ? { variable } : { port, variable };
  }
}
