/**
 * Turning one raw service definition into resolved data with a given environment: interpolated
 * values, port mappings with the provenance of their host port, mounts. Merging of definitions
 * (overrides, extends, include) works on these drafts, with compose's rules: `!reset` clears what a
 * definition merges over, `!override` replaces it, ports collapse by compose's own key.
 */
import { emptyMap, present } from "./collections.js";
import type { RawMount, RawPort, RawScalar, RawService } from "./compose-file.js";
import {
  hasDefault,
  type InterpolationError,
  interpolateDetailed,
  type Segment,
  type VariableReference,
} from "./interpolation.js";
import type { Environment, HostPortSource, Location, MountModel, VariableValue } from "./model.js";
import { isProblem, type LongSyntaxPort, parsePortRange, readLongSyntax, readShortSyntax } from "./port-spec.js";
import type { PortMapping } from "./types.js";

/** A problem compose would refuse the file for (PG001). */
export interface ResolveProblem {
  location: Location;
  message: string;
}

export interface PortDraft {
  location: Location;
  written: string;
  mapping: PortMapping | null;
  hostSource: HostPortSource;
  variableValue: VariableValue | null;
  defaultValue: string | null;
  invalidVariable: string | null;
  missingRequired: string | null;
  /**
   * compose's unicity key of each entry the mapping makes (a paired range makes one per port):
   * later entries with an equal key replace earlier ones.
   */
  keys: string[];
  environment: Environment;
  /** Where the host port is written in `written` (template offsets), for fixes. */
  hostTemplateSpan: [number, number] | null;
  /** What compose refuses only after merging (or at `up`): a problem only if the entry survives the merges. */
  upProblem: ResolveProblem | null;
}

export interface ServiceDraft {
  name: string;
  location: Location;
  image: string | null;
  hasBuild: boolean;
  labels: ReadonlyMap<string, string>;
  xCategory: string | null;
  /** null: not given here (a merge keeps what it merges over). */
  ports: PortDraft[] | null;
  networkMode: { value: string; location: Location } | null;
  mounts: MountModel[] | null;
  profiles: string[] | null;
  healthcheck: { disabled: boolean } | null;
  restart: string | null;
  deployRestart: boolean;
  platform: { value: string; location: Location } | null;
  buildPlatforms: string[] | null;
  resets: ReadonlySet<string>;
  overrides: ReadonlySet<string>;
  /** Its `extends` could not be resolved (a PG001 says why): what it lacks is not reported again. */
  brokenExtends?: boolean;
}

/** An interpolated value with the variables whose values it quotes, to name them instead in messages. */
interface Expanded {
  value: string;
  /** `[value, name]` of each variable that put text into `value` from the environment. */
  quoted: [string, string][];
}

/** A value that is a port number (or range) is no secret; anything else from the environment may be. */
function mayBeSecret(value: string): boolean {
  return value !== "" && parsePortRange(value) === null;
}

function quotedValues(segments: readonly Segment[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of segments) {
    if (s.reference && s.reference.source === "variable" && mayBeSecret(s.text)) out.push([s.text, s.reference.name]);
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

/** `message` with every environment value it quotes replaced by the variable's name. */
export function redact(message: string, quoted: readonly [string, string][]): string {
  let out = message;
  for (const [value, name] of quoted) out = out.split(value).join(`\${${name}}`);
  return out;
}

export class Resolver {
  constructor(
    readonly file: string,
    readonly env: Environment,
    readonly problems: ResolveProblem[],
  ) {}

  location(scalar: { range: RawScalar["range"] }): Location {
    return { file: this.file, range: scalar.range };
  }

  problem(scalar: { range: RawScalar["range"] }, message: string, quoted: readonly [string, string][] = []): void {
    this.problems.push({ location: this.location(scalar), message: redact(message, quoted) });
  }

  /** Interpolates a scalar; an invalid template or a missing required value is a problem and gives null. */
  expand(scalar: RawScalar | null): Expanded | null {
    if (!scalar || scalar.value === null) return null;
    if (typeof scalar.value !== "string") return { value: String(scalar.value), quoted: [] };
    if (!scalar.value.includes("$")) return { value: scalar.value, quoted: [] };
    try {
      const r = interpolateDetailed(scalar.value, this.env.lookup);
      return { value: r.value, quoted: quotedValues(r.segments) };
    } catch (error) {
      this.interpolationProblem(scalar, error as InterpolationError);
      return null;
    }
  }

  text(scalar: RawScalar | null): string | null {
    return this.expand(scalar)?.value ?? null;
  }

  private interpolationProblem(scalar: RawScalar, e: InterpolationError): void {
    this.problem(scalar, e.kind === "syntax" ? `${e.message}; escape a literal $ as $$` : e.message);
  }

  service(raw: RawService): ServiceDraft {
    const labels =
      raw.labels.size === 0
        ? emptyMap<string, string>()
        : new Map([...raw.labels].map(([k, v]) => [k, this.text(v) ?? ""] as const));
    const networkModeText = this.text(raw.networkMode);
    return {
      name: raw.name,
      location: { file: this.file, range: raw.keyRange },
      image: this.text(raw.image),
      hasBuild: raw.build !== null,
      labels,
      xCategory: this.text(raw.category),
      ports: raw.ports === null ? null : raw.ports.map((p) => this.port(p)),
      networkMode:
        raw.networkMode && networkModeText !== null
          ? { value: networkModeText, location: this.location(raw.networkMode) }
          : null,
      mounts: raw.volumes === null ? null : present(raw.volumes.map((m) => this.mount(m))),
      profiles: raw.profiles === null ? null : raw.profiles.map((p) => this.text(p) ?? ""),
      healthcheck: raw.healthcheck ? { disabled: raw.healthcheck.disabled } : null,
      restart: this.text(raw.restart),
      deployRestart: raw.deployRestart,
      platform: raw.platform ? { value: this.text(raw.platform) ?? "", location: this.location(raw.platform) } : null,
      buildPlatforms: raw.buildPlatforms?.map((p) => this.text(p) ?? "") ?? null,
      resets: raw.resets,
      overrides: raw.overrides,
    };
  }

  /**
   * Interpolates a port template. A missing `${VAR:?}` is a problem (compose refuses the file); the
   * template is still read with a stand-in value to learn which variable writes the host port.
   */
  private interpolatePort(
    template: string,
    scalar: RawScalar,
  ): { segments: Segment[]; value: string; missing: string | null } | null {
    const placeholders = new Map<string, string>();
    let missing: string | null = null;
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        const result = interpolateDetailed(template, (name) => placeholders.get(name) ?? this.env.lookup(name));
        return { segments: result.segments, value: result.value, missing };
      } catch (error) {
        const e = error as InterpolationError;
        if (e.kind === "syntax" || !e.variable) {
          this.interpolationProblem(scalar, e);
          return null;
        }
        if (missing === null) this.interpolationProblem(scalar, e);
        missing ??= e.variable;
        placeholders.set(e.variable, "1");
      }
    }
    return null;
  }

  port(raw: RawPort): PortDraft {
    if (raw.kind === "short") return this.shortPort(raw.value);
    return this.longPort(raw);
  }

  /** A draft with nothing resolved yet. */
  private draft(location: Location, written: string): PortDraft {
    return {
      location,
      written,
      mapping: null,
      hostSource: { kind: "none" },
      variableValue: null,
      defaultValue: null,
      invalidVariable: null,
      missingRequired: null,
      keys: [],
      environment: this.env,
      hostTemplateSpan: null,
      upProblem: null,
    };
  }

  private shortPort(scalar: RawScalar): PortDraft {
    const template = String(scalar.value ?? "");
    const base = this.draft(this.location(scalar), template);
    const interpolated = this.interpolatePort(template, scalar);
    if (!interpolated) return base;
    const span = hostSpan(interpolated.value);
    Object.assign(base, this.provenance(interpolated.segments, span), { missingRequired: interpolated.missing });
    if (base.missingRequired) return base;
    const m = readShortSyntax(interpolated.value);
    if (isProblem(m)) {
      if (!base.invalidVariable)
        this.problem(scalar, `invalid port mapping: ${m.error}`, quotedValues(interpolated.segments));
      return base;
    }
    const { hostPortSpan: _s, hostIpSpan: _i, ...mapping } = m;
    base.mapping = mapping;
    base.keys = shortKeys(mapping);
    return base;
  }

  private longPort(raw: Extract<RawPort, { kind: "long" }>): PortDraft {
    const published = raw.fields.published ?? null;
    const anchor = published ?? raw.fields.target ?? { range: raw.range };
    const template = published && published.value !== null ? String(published.value) : "";
    const base = this.draft(this.location(anchor), template);
    const fields: LongSyntaxPort = {};
    const quoted: [string, string][] = [];
    for (const [name, scalar] of Object.entries(raw.fields)) {
      if (name === "published") continue;
      const expanded = this.expand(scalar);
      if (expanded === null) return base;
      quoted.push(...expanded.quoted);
      // compose casts an interpolated target to an integer (strconv.Atoi); a YAML number stays one.
      fields[name] = typeof scalar.value === "number" ? scalar.value : expanded.value;
    }
    if (published && published.value !== null) {
      if (typeof published.value === "string") {
        const interpolated = this.interpolatePort(published.value, published);
        if (!interpolated) return base;
        fields.published = interpolated.value;
        quoted.push(...quotedValues(interpolated.segments));
        Object.assign(base, this.provenance(interpolated.segments, [0, interpolated.value.length]), {
          missingRequired: interpolated.missing,
        });
        if (base.missingRequired) return base;
      } else {
        fields.published = String(published.value);
        base.hostSource = { kind: "literal" };
        base.hostTemplateSpan = [0, fields.published.length];
      }
    }
    // A float does not decode into compose's string field, which it finds only after merging.
    const mapping: ReturnType<typeof readLongSyntax> = published?.float
      ? {
          error: `published must be an integer or a string, not ${String(published.value)}`,
          field: "published",
          afterMerge: true,
        }
      : readLongSyntax(fields);
    if (isProblem(mapping)) {
      const field = mapping.field ? raw.fields[mapping.field] : undefined;
      if (base.invalidVariable) return base;
      const problem = {
        location: this.location(field ?? anchor),
        message: redact(`invalid port mapping: ${mapping.error}`, quoted),
      };
      if (!mapping.afterMerge) {
        this.problems.push(problem);
        return base;
      }
      // Kept with a key of its own, so that a later !reset or !override can still drop it.
      base.upProblem = problem;
      base.keys = [longKey(raw, fields)];
      return base;
    }
    base.mapping = mapping;
    base.keys = [longKey(raw, fields)];
    return base;
  }

  /** Which variable (if any) wrote the host port, and whether its `.env` value is a usable port. */
  private provenance(segments: Segment[], span: [number, number] | null) {
    const result: Pick<
      PortDraft,
      "hostSource" | "variableValue" | "defaultValue" | "invalidVariable" | "hostTemplateSpan"
    > = {
      hostSource: { kind: "none" },
      variableValue: null,
      defaultValue: null,
      invalidVariable: null,
      hostTemplateSpan: null,
    };
    if (!span) return result;
    const [s, e] = span;
    const refs: VariableReference[] = [];
    let literal = false;
    // An empty segment (a variable that expanded to "") counts where it sits.
    const touches = (seg: Segment) =>
      seg.text === "" ? s <= seg.start && seg.start <= e : seg.start < e && s < seg.start + seg.text.length;
    let templateStart = Number.POSITIVE_INFINITY;
    let templateEnd = -1;
    for (const seg of segments) {
      if (!touches(seg)) continue;
      if (seg.reference) refs.push(seg.reference);
      else literal = true;
      // A literal segment may hold more than the host port: map the span's own characters.
      const from = seg.reference ? seg.templateStart : seg.templateStart + Math.max(0, s - seg.start);
      const to = seg.reference ? seg.templateEnd : seg.templateStart + Math.min(seg.text.length, e - seg.start);
      templateStart = Math.min(templateStart, from);
      templateEnd = Math.max(templateEnd, to);
    }
    if (templateEnd >= 0) result.hostTemplateSpan = [templateStart, templateEnd];
    if (refs.length === 0) {
      result.hostSource = literal ? { kind: "literal" } : { kind: "none" };
      return result;
    }
    if (refs.length > 1 || literal) {
      result.hostSource = { kind: "mixed", references: refs };
      return result;
    }
    const reference = refs[0] as VariableReference;
    result.hostSource = { kind: "variable", reference };
    const value = this.env.get(reference.name);
    result.variableValue = value ?? null;
    if (reference.argument !== null && hasDefault(reference)) {
      try {
        result.defaultValue = interpolateDetailed(reference.argument, this.env.lookup).value;
      } catch {
        result.defaultValue = null;
      }
    }
    // A `.env` value that is not a port is PG301's business alone; an empty one publishes a random port.
    const fromEnvFile = value?.origin.kind === "env-file" && reference.source === "variable";
    if (fromEnvFile && value.value !== "" && parsePortRange(value.value) === null) {
      result.invalidVariable = reference.name;
    }
    return result;
  }

  mount(raw: RawMount): MountModel | null {
    if (raw.kind === "short") {
      const spec = this.expand(raw.value);
      if (spec === null) return null;
      const parsed = parseVolumeSpec(spec.value);
      if (!parsed) {
        this.problem(raw.value, `invalid volume spec: ${spec.value}`, spec.quoted);
        return null;
      }
      // Written out, not spread: a spread gave each of these objects a hidden class of its own.
      return { kind: parsed.kind, source: parsed.source, target: parsed.target, location: this.location(raw.value) };
    }
    const type = this.text(raw.type) ?? "volume";
    const source = this.text(raw.source) ?? "";
    const target = this.text(raw.target) ?? "";
    const location = this.location(raw.target ?? raw.source ?? { range: raw.range });
    const kind: MountModel["kind"] =
      type === "volume"
        ? source === ""
          ? "anonymous"
          : "volume"
        : type === "bind"
          ? "bind"
          : type === "tmpfs"
            ? "tmpfs"
            : "other";
    return { kind, source, target, location };
  }
}

/** [start, end) of the host-port part of a short-syntax string, null when it has none. */
function hostSpan(spec: string): [number, number] | null {
  const parts = spec.split(":");
  if (parts.length === 1) return null;
  if (parts.length === 2) return [0, (parts[0] as string).length];
  const n = parts.length;
  const start = parts.slice(0, n - 2).join(":").length + 1;
  return [start, start + (parts[n - 2] as string).length];
}

/**
 * compose's unicity key (`host_ip:published:target/protocol`) of the entries a short-syntax
 * mapping becomes: an empty host IP or published port is absent from the entry, so it reads as
 * 0.0.0.0 and as Go's `%!s(<nil>)`.
 */
function shortKeys(m: PortMapping): string[] {
  const ip = m.hostIp || "0.0.0.0";
  const count = m.containerPortEnd - m.containerPort + 1;
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    let published: string;
    if (m.hostPort === null) published = "%!s(<nil>)";
    else if (count === 1 && m.hostPortEnd !== m.hostPort) published = `${m.hostPort}-${m.hostPortEnd}`;
    else published = String(m.hostPort + i);
    keys.push(`${ip}:${published}:${m.containerPort + i}/${m.protocol}`);
  }
  return keys;
}

/** The same key for a long-syntax entry: fields as written (after interpolation and compose's casts). */
function longKey(raw: Extract<RawPort, { kind: "long" }>, fields: LongSyntaxPort): string {
  const ip = raw.fields.host_ip ? String(fields.host_ip) : "0.0.0.0";
  const published = raw.fields.published;
  const publishedKey =
    published === undefined || published.value === null
      ? "%!s(<nil>)"
      : typeof published.value === "number"
        ? `%!s(int=${published.value})`
        : String(fields.published);
  const target = raw.fields.target as RawScalar;
  const targetKey = target.float ? `%!d(float64=${target.value})` : String(Number(fields.target));
  const protocol = raw.fields.protocol ? String(fields.protocol) : "tcp";
  return `${ip}:${publishedKey}:${targetKey}/${protocol}`;
}

const LETTER = /^\p{L}$/u;
const DRIVE = /^\p{L}:/u;

function isFilePath(source: string): boolean {
  if (source === "") return false;
  if (source[0] === "." || source[0] === "/" || source[0] === "~") return true;
  if (source.startsWith("\\\\")) return true;
  return DRIVE.test(source);
}

/** compose-go's format.ParseVolume: `[SOURCE:]TARGET[:MODE]`, Windows drives kept whole. */
export function parseVolumeSpec(spec: string): Omit<MountModel, "location"> | null {
  if (spec.length === 0) return null;
  if (spec.length <= 2) return { kind: "anonymous", source: "", target: spec };
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i <= spec.length; i++) {
    if (i < spec.length && spec.charCodeAt(i) !== 58 /* : */) continue;
    // `C:` at the start of a field is a Windows drive, not a separator.
    if (i < spec.length && i - start === 1 && LETTER.test(spec[start] as string)) continue;
    if (i === start) return null;
    fields.push(spec.slice(start, i));
    start = i + 1;
  }
  if (fields.length > 3) return null;
  if (fields.length === 1) return { kind: "anonymous", source: "", target: fields[0] as string };
  const source = fields[0] as string;
  const target = fields[1] as string;
  return { kind: isFilePath(source) ? "bind" : "volume", source, target };
}

function mergeByKey<T>(base: T[], over: T[], key: (t: T) => string): T[] {
  const out = [...base];
  const index = new Map<string, number>();
  out.forEach((item, i) => {
    index.set(key(item), i);
  });
  for (const item of over) {
    const k = key(item);
    const at = index.get(k);
    if (at === undefined) {
      index.set(k, out.length);
      out.push(item);
    } else {
      out[at] = item;
    }
  }
  return out;
}

/**
 * The ports compose keeps: entries with an equal key collapse into the last one written. A paired
 * range that loses some of its ports to later entries keeps the others, as runs of its own.
 */
export function uniquePorts(ports: readonly PortDraft[]): PortDraft[] {
  // Most services publish each port once: then every mapping keeps all it has.
  const seen = new Set<string>();
  let count = 0;
  for (const p of ports) {
    count += p.keys.length;
    for (const k of p.keys) seen.add(k);
  }
  if (seen.size === count) return [...ports];
  const owner = new Map<string, [PortDraft, number]>();
  for (const p of ports) {
    for (const [i, k] of p.keys.entries()) owner.set(k, [p, i]);
  }
  const out: PortDraft[] = [];
  for (const p of ports) {
    if (p.keys.length === 0) {
      out.push(p);
      continue;
    }
    const kept = p.keys.map((k, i) => {
      const o = owner.get(k) as [PortDraft, number];
      return o[0] === p && o[1] === i;
    });
    if (kept.every(Boolean)) {
      out.push(p);
      continue;
    }
    // Runs of the ports this mapping still owns.
    let i = 0;
    while (i < kept.length) {
      if (!kept[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < kept.length && kept[j + 1]) j++;
      out.push(slice(p, i, j));
      i = j + 1;
    }
  }
  return out;
}

function slice(p: PortDraft, from: number, to: number): PortDraft {
  const m = p.mapping as PortMapping;
  return {
    ...p,
    mapping: {
      ...m,
      hostPort: m.hostPort === null ? null : m.hostPort + from,
      hostPortEnd: m.hostPort === null ? null : m.hostPort + to,
      containerPort: m.containerPort + from,
      containerPortEnd: m.containerPort + to,
    },
    keys: p.keys.slice(from, to + 1),
  };
}

/** What a definition's `!reset` fields leave of the one it merges over. */
function withResets(base: ServiceDraft, resets: ReadonlySet<string>): ServiceDraft {
  if (resets.size === 0) return base;
  const r = { ...base };
  if (resets.has("image")) r.image = null;
  if (resets.has("build")) r.hasBuild = false;
  if (resets.has("labels")) r.labels = emptyMap();
  if (resets.has("x-portguard")) r.xCategory = null;
  if (resets.has("ports")) r.ports = [];
  if (resets.has("network_mode")) r.networkMode = null;
  if (resets.has("volumes")) r.mounts = [];
  if (resets.has("profiles")) r.profiles = [];
  if (resets.has("healthcheck")) r.healthcheck = null;
  if (resets.has("restart")) r.restart = null;
  if (resets.has("deploy")) r.deployRestart = false;
  if (resets.has("platform")) r.platform = null;
  return r;
}

function mergeList<T>(
  field: string,
  over: ServiceDraft,
  base: T[] | null,
  next: T[] | null,
  merge: (a: T[], b: T[]) => T[],
) {
  if (next === null) return base;
  if (over.overrides.has(field) || base === null) return next;
  return merge(base, next);
}

/** Applies `over` onto `base` with compose's merge rules for the fields portguard reads. */
export function mergeServices(base0: ServiceDraft, over: ServiceDraft): ServiceDraft {
  const base = withResets(base0, over.resets);
  const labels =
    over.overrides.has("labels") || base.labels.size === 0
      ? over.labels
      : over.labels.size === 0
        ? base.labels
        : new Map([...base.labels, ...over.labels]);
  return {
    name: base.name,
    location: base.location,
    image: over.image ?? base.image,
    hasBuild: base.hasBuild || over.hasBuild,
    labels,
    xCategory: over.xCategory ?? base.xCategory,
    ports: mergeList("ports", over, base.ports, over.ports, (a, b) => [...a, ...b]),
    networkMode: over.networkMode ?? base.networkMode,
    mounts: mergeList("volumes", over, base.mounts, over.mounts, (a, b) => mergeByKey(a, b, (m) => m.target)),
    profiles: mergeList("profiles", over, base.profiles, over.profiles, (a, b) => [...new Set([...a, ...b])]),
    healthcheck: over.healthcheck ?? base.healthcheck,
    restart: over.restart ?? base.restart,
    deployRestart: base.deployRestart || over.deployRestart,
    platform: over.platform ?? base.platform,
    buildPlatforms: over.buildPlatforms ?? base.buildPlatforms,
    resets: base0.resets,
    overrides: new Set(),
    ...(base.brokenExtends || over.brokenExtends ? { brokenExtends: true } : {}),
  };
}
