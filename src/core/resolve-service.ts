/**
 * Turning one raw service definition into resolved data with a given environment: interpolated
 * values, port mappings with the provenance of their host port, mounts. Merging of definitions
 * (overrides, extends, include) works on these drafts.
 */
import type { MergeTag, RawMount, RawPort, RawScalar, RawService } from "./compose-file.js";
import {
  hasDefault,
  type InterpolationError,
  interpolateDetailed,
  type Segment,
  type VariableReference,
} from "./interpolation.js";
import type { Environment, HostPortSource, Location, MountModel, VariableValue } from "./model.js";
import { isProblem, parsePortRange, readLongSyntax, readShortSyntax } from "./port-spec.js";
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
  /** compose's de-duplication key (host_ip:published:target/protocol). */
  key: string;
  environment: Environment;
  /** Where the host port is written in `written` (template offsets), for fixes. */
  hostTemplateSpan: [number, number] | null;
}

export interface ServiceDraft {
  name: string;
  location: Location;
  image: string | null;
  hasBuild: boolean;
  labels: Map<string, string>;
  xCategory: string | null;
  ports: PortDraft[];
  portsTag: MergeTag;
  networkMode: { value: string; location: Location } | null;
  mounts: MountModel[];
  mountsTag: MergeTag;
  healthcheck: { disabled: boolean } | null;
  restart: string | null;
  deployRestart: boolean;
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

  problem(scalar: { range: RawScalar["range"] }, message: string): void {
    this.problems.push({ location: this.location(scalar), message });
  }

  /** Interpolates a scalar; a syntax error is a problem and gives null. */
  text(scalar: RawScalar | null): string | null {
    if (!scalar || scalar.value === null) return null;
    if (typeof scalar.value !== "string") return String(scalar.value);
    if (!scalar.value.includes("$")) return scalar.value;
    try {
      return interpolateDetailed(scalar.value, this.env.lookup).value;
    } catch (error) {
      const e = error as InterpolationError;
      if (e.kind === "syntax") this.problem(scalar, `${e.message}; escape a literal $ as $$`);
      return null;
    }
  }

  service(raw: RawService): ServiceDraft {
    const labels = new Map<string, string>();
    for (const [k, v] of raw.labels) labels.set(k, this.text(v) ?? "");
    const networkModeText = this.text(raw.networkMode);
    return {
      name: raw.name,
      location: { file: this.file, range: raw.keyRange },
      image: this.text(raw.image),
      hasBuild: raw.build !== null,
      labels,
      xCategory: this.text(raw.category),
      ports: raw.ports.map((p) => this.port(p)),
      portsTag: raw.portsTag,
      networkMode:
        raw.networkMode && networkModeText !== null
          ? { value: networkModeText, location: this.location(raw.networkMode) }
          : null,
      mounts: raw.volumes.flatMap((m) => this.mount(m)),
      mountsTag: raw.volumesTag,
      healthcheck: raw.healthcheck ? { disabled: raw.healthcheck.disabled } : null,
      restart: this.text(raw.restart),
      deployRestart: raw.deployRestart,
    };
  }

  /** Interpolates a port template, keeping going past a missing `${VAR:?}` to learn the structure. */
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
          this.problem(scalar, `${e.message}; escape a literal $ as $$`);
          return null;
        }
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
  private draft(location: Location, written: string, key: string): PortDraft {
    return {
      location,
      written,
      mapping: null,
      hostSource: { kind: "none" },
      variableValue: null,
      defaultValue: null,
      invalidVariable: null,
      missingRequired: null,
      key,
      environment: this.env,
      hostTemplateSpan: null,
    };
  }

  private shortPort(scalar: RawScalar): PortDraft {
    const template = typeof scalar.value === "number" ? String(scalar.value) : String(scalar.value ?? "");
    const base = this.draft(this.location(scalar), template, `raw:${template}`);
    if (typeof scalar.value === "number" && !Number.isInteger(scalar.value)) {
      this.problem(scalar, `invalid port ${template}: not an integer`);
      return base;
    }
    const interpolated = this.interpolatePort(template, scalar);
    if (!interpolated) return base;
    const span = hostSpan(interpolated.value);
    const provenance = this.provenance(interpolated.segments, span);
    Object.assign(base, provenance, { missingRequired: interpolated.missing });
    const m = readShortSyntax(interpolated.value);
    if (isProblem(m)) {
      if (!base.invalidVariable && !base.missingRequired) this.problem(scalar, `invalid port mapping: ${m.error}`);
      return base;
    }
    const { hostPortSpan: _s, hostIpSpan: _i, ...mapping } = m;
    base.mapping = mapping;
    base.key = dedupeKey(mapping);
    return base;
  }

  private longPort(raw: Extract<RawPort, { kind: "long" }>): PortDraft {
    const published = raw.fields.published ?? null;
    const anchor = published ?? raw.fields.target ?? Object.values(raw.fields)[0] ?? { range: raw.range };
    const template = published && published.value !== null ? String(published.value) : "";
    const base = this.draft(this.location(anchor), template, "");
    const fields: Record<string, string | number | null> = {};
    for (const [name, scalar] of Object.entries(raw.fields)) {
      if (name === "published") continue;
      const v = scalar.value;
      fields[name] =
        typeof v === "string" ? this.text(scalar) : typeof v === "number" ? v : v === null ? null : String(v);
    }
    let publishedValue: string | null = null;
    if (published && published.value !== null) {
      if (typeof published.value === "string") {
        const interpolated = this.interpolatePort(published.value, published);
        if (!interpolated) return base;
        publishedValue = interpolated.value;
        Object.assign(base, this.provenance(interpolated.segments, [0, interpolated.value.length]), {
          missingRequired: interpolated.missing,
        });
      } else {
        publishedValue = String(published.value);
        base.hostSource = { kind: "literal" };
        base.hostTemplateSpan = [0, publishedValue.length];
      }
    }
    const mapping = readLongSyntax({ ...fields, published: publishedValue });
    if (isProblem(mapping)) {
      const field = mapping.field ? raw.fields[mapping.field] : undefined;
      if (!base.invalidVariable && !base.missingRequired) {
        this.problems.push({
          location: this.location(field ?? anchor),
          message: `invalid port mapping: ${mapping.error}`,
        });
      }
      return base;
    }
    base.mapping = mapping;
    base.key = dedupeKey(mapping);
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
    // A `.env` value that is not a port (empty included) is PG301's business alone.
    const fromEnvFile = value?.origin.kind === "env-file" && reference.source === "variable";
    if (fromEnvFile && (value.value === "" || parsePortRange(value.value) === null)) {
      result.invalidVariable = reference.name;
    }
    return result;
  }

  mount(raw: RawMount): MountModel[] {
    if (raw.kind === "short") {
      const spec = this.text(raw.value);
      if (spec === null) return [];
      const parsed = parseVolumeSpec(spec);
      if (!parsed) {
        this.problem(raw.value, `invalid volume spec: ${spec}`);
        return [];
      }
      return [{ ...parsed, location: this.location(raw.value) }];
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
    return [{ kind, source, target, location }];
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

function dedupeKey(m: PortMapping): string {
  const published =
    m.hostPort === null ? "" : m.hostPortEnd !== m.hostPort ? `${m.hostPort}-${m.hostPortEnd}` : `${m.hostPort}`;
  const target =
    m.containerPortEnd !== m.containerPort ? `${m.containerPort}-${m.containerPortEnd}` : `${m.containerPort}`;
  return `${m.hostIp || "0.0.0.0"}:${published}:${target}/${m.protocol}`;
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

/** De-duplicates ports as compose does after a merge: a restated binding is one binding. */
export function uniquePorts(ports: PortDraft[]): PortDraft[] {
  return mergeByKey(
    [],
    ports,
    (p) => p.key || `@${p.location.file}:${p.location.range.start.line}:${p.location.range.start.column}`,
  );
}

/** Applies `over` onto `base` with compose's merge rules for the fields portguard reads. */
export function mergeServices(base: ServiceDraft, over: ServiceDraft): ServiceDraft {
  const ports =
    over.portsTag === "!override"
      ? over.ports
      : over.portsTag === "!reset"
        ? []
        : uniquePorts([...base.ports, ...over.ports]);
  const mounts =
    over.mountsTag === "!override"
      ? over.mounts
      : over.mountsTag === "!reset"
        ? []
        : mergeByKey(base.mounts, over.mounts, (m) => m.target);
  return {
    name: base.name,
    location: base.location,
    image: over.image ?? base.image,
    hasBuild: base.hasBuild || over.hasBuild,
    labels: new Map([...base.labels, ...over.labels]),
    xCategory: over.xCategory ?? base.xCategory,
    ports,
    portsTag: "",
    networkMode: over.networkMode ?? base.networkMode,
    mounts,
    mountsTag: "",
    healthcheck: over.healthcheck ?? base.healthcheck,
    restart: over.restart ?? base.restart,
    deployRestart: base.deployRestart || over.deployRestart,
  };
}
