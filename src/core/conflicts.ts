/**
 * Finding bindings that cannot bind together on one host: same protocol, overlapping host
 * addresses, overlapping ports. A sort and a sweep, never all pairs.
 */
import { getOrInsert } from "./collections.js";
import { canonicalIp, isUnspecified, parseIp } from "./ip.js";
import type { PortBinding } from "./model.js";

export interface Address {
  /** "any" = every address of every family (no host IP given). */
  family: "any" | 4 | 6;
  /** null = every address of the family (0.0.0.0, ::). */
  key: string | null;
}

export function addressOf(hostIp: string): Address {
  if (hostIp === "") return { family: "any", key: null };
  const ip = parseIp(hostIp);
  if (!ip) return { family: "any", key: null };
  return { family: ip.family, key: isUnspecified(ip) ? null : canonicalIp(ip) };
}

export function addressesOverlap(a: Address, b: Address): boolean {
  if (a.family === "any" || b.family === "any") return true;
  if (a.family !== b.family) return false;
  return a.key === null || b.key === null || a.key === b.key;
}

/**
 * Two definitions of one service in projects of the same name are one container (compose names it
 * `<project>-<service>-1`): whichever file started it, the other replaces it, never runs beside it.
 */
function sameContainer(a: PortBinding, b: PortBinding): boolean {
  return (
    a.service.name === b.service.name &&
    a.service.project !== b.service.project &&
    a.service.project.name === b.service.project.name
  );
}

/** Groups of profiles started together: the policy's, and each project's COMPOSE_PROFILES. */
function profilesMeet(a: readonly string[], b: readonly string[], groups: readonly (readonly string[])[]): boolean {
  if (a.length === 0 || b.length === 0 || a.some((p) => b.includes(p))) return true;
  return groups.some((g) => {
    const all = g.includes("*");
    return (all || a.some((p) => g.includes(p))) && (all || b.some((p) => g.includes(p)));
  });
}

/**
 * Whether the containers of two bindings can run at the same time: not when they are alternatives
 * (the default stack of a folder and its variants, or two definitions of one container), not when
 * their services' profiles are both set and disjoint (unless those profiles are started together).
 */
export function canRunTogether(a: PortBinding, b: PortBinding, together: readonly (readonly string[])[]): boolean {
  const pa = a.service.project;
  const pb = b.service.project;
  if (pa.group !== null && pa.group === pb.group && pa.variant !== pb.variant) return false;
  if (sameContainer(a, b)) return false;
  if (pa === pb && a.service !== b.service) {
    const groups = pa.activeProfiles.length > 0 ? [...together, pa.activeProfiles] : together;
    return profilesMeet(a.service.profiles, b.service.profiles, groups);
  }
  return true;
}

interface Entry {
  binding: PortBinding;
  start: number;
  end: number;
  address: Address;
}

/**
 * Partners kept per binding: thousands of services on one port would otherwise cost memory (and
 * output) quadratic in their number.
 */
export const MAX_PARTNERS = 64;

/**
 * The conflicts among `bindings` (all on one host, all with a host port): for each binding involved,
 * the bindings it collides with (the first {@link MAX_PARTNERS} found), in input order.
 */
export function findConflicts(
  bindings: readonly PortBinding[],
  runTogether: (a: PortBinding, b: PortBinding) => boolean = () => true,
): Map<PortBinding, PortBinding[]> {
  const byProtocol = new Map<string, Entry[]>();
  // A host has a few addresses, written by thousands of bindings: each is parsed once.
  const addresses = new Map<string, Address>();
  for (const b of bindings) {
    if (b.hostPort === null || b.hostPort === 0) continue;
    const entry: Entry = {
      binding: b,
      start: b.hostPort,
      end: b.hostPortEnd ?? b.hostPort,
      address: getOrInsert(addresses, b.hostIp, () => addressOf(b.hostIp)),
    };
    getOrInsert(byProtocol, b.protocol, () => []).push(entry);
  }
  const conflicts = new Map<PortBinding, Set<PortBinding>>();
  const full = (b: PortBinding) => (conflicts.get(b)?.size ?? 0) >= MAX_PARTNERS;
  /** An entry that takes no more partners (a dynamic one collects them all). */
  const closed = (e: Entry) => !e.binding.dynamic && full(e.binding);
  const add = (a: PortBinding, b: PortBinding) => {
    const set = getOrInsert(conflicts, a, () => new Set());
    if (set.size < MAX_PARTNERS) set.add(b);
  };
  // Partners of a dynamic binding (host range, one container port) are collected first: it only
  // conflicts when its whole range is taken.
  const dynamicPartners = new Map<Entry, Entry[]>();
  for (const entries of byProtocol.values()) {
    entries.sort((x, y) => x.start - y.start || x.end - y.end);
    let active: Entry[] = [];
    /** The active entries whose partner list is not full yet. */
    let open: Entry[] = [];
    let minEnd = Number.POSITIVE_INFINITY;
    const pair = (a: Entry, e: Entry) => {
      if (!addressesOverlap(a.address, e.address) || !runTogether(a.binding, e.binding)) return;
      const aDynamic = a.binding.dynamic;
      const eDynamic = e.binding.dynamic;
      if (aDynamic && eDynamic) return;
      if (aDynamic || eDynamic) {
        const [dyn, other] = aDynamic ? [a, e] : [e, a];
        getOrInsert(dynamicPartners, dyn, () => []).push(other);
        return;
      }
      add(a.binding, e.binding);
      add(e.binding, a.binding);
    };
    for (const e of entries) {
      if (minEnd < e.start) {
        active = active.filter((a) => a.end >= e.start);
        open = open.filter((a) => a.end >= e.start);
        minEnd = active.reduce((m, a) => Math.min(m, a.end), Number.POSITIVE_INFINITY);
      }
      // Entries with a full partner list only give partners to entries that still need some:
      // thousands of bindings on one port cost time linear in their number.
      if (open.some(closed)) open = open.filter((a) => !closed(a));
      for (const a of open) pair(a, e);
      if (open.length < active.length) {
        const visited = new Set(open);
        for (const a of active) {
          if (full(e.binding)) break;
          if (!visited.has(a)) pair(a, e);
        }
      }
      active.push(e);
      open.push(e);
      minEnd = Math.min(minEnd, e.end);
    }
  }
  for (const [dyn, partners] of dynamicPartners) {
    if (!covers(partners, dyn.start, dyn.end)) continue;
    for (const p of partners) {
      add(dyn.binding, p.binding);
      add(p.binding, dyn.binding);
    }
  }
  const result = new Map<PortBinding, PortBinding[]>();
  for (const [b, set] of conflicts)
    result.set(
      b,
      [...set].sort((x, y) => x.id - y.id),
    );
  return result;
}

/** Whether the union of the entries' ranges covers [start, end]. */
function covers(entries: Entry[], start: number, end: number): boolean {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let next = start;
  for (const e of sorted) {
    if (e.start > next) return false;
    next = Math.max(next, e.end + 1);
    if (next > end) return true;
  }
  return next > end;
}
