/**
 * The parts of a compose file portguard needs, read from the YAML tree with exact positions and
 * before interpolation (each project interpolates a file with its own environment). Scalars are
 * typed as compose's YAML library types them; what compose's schema refuses in these parts is a
 * problem with a position.
 */
import type { Document, Node, Scalar, YAMLMap } from "yaml";
import { appendAt, emptyMap } from "./collections.js";
import { resolveGoPlain } from "./go-yaml.js";
import type { Range } from "./types.js";
import { isMap, isScalar, isSeq, mapEntries, seqItems, YamlSource, YamlStructureError } from "./yaml-nodes.js";

/** A scalar as written: its YAML value (not interpolated) and where it sits. */
export interface RawScalar {
  value: string | number | boolean | null;
  range: Range;
  /** A number written as a float (`8.0`, `08`, `1e3`): compose refuses it where an integer belongs. */
  float?: boolean;
}

export type RawPort =
  | { kind: "short"; value: RawScalar }
  | { kind: "long"; range: Range; fields: Record<string, RawScalar> };

export type RawMount =
  | { kind: "short"; value: RawScalar }
  | { kind: "long"; range: Range; type: RawScalar | null; source: RawScalar | null; target: RawScalar | null };

export interface RawService {
  name: string;
  keyRange: Range;
  image: RawScalar | null;
  build: Range | null;
  labels: ReadonlyMap<string, RawScalar>;
  /** `x-portguard: { category }` */
  category: RawScalar | null;
  ports: RawPort[] | null;
  networkMode: RawScalar | null;
  volumes: RawMount[] | null;
  profiles: RawScalar[] | null;
  healthcheck: { range: Range; disabled: boolean } | null;
  restart: RawScalar | null;
  /** `deploy.restart_policy` is set. */
  deployRestart: boolean;
  extends: RawExtends | null;
  /** `env_file:` entries: compose refuses a missing one unless it is `required: false`. */
  envFiles: { path: RawScalar; required: boolean }[];
  platform: RawScalar | null;
  /** `build.platforms`, which must include `platform`. */
  buildPlatforms: RawScalar[] | null;
  /** Fields tagged `!reset`: gone from this definition, and cleared in what it merges over. */
  resets: Set<string>;
  /** Fields tagged `!override`: they replace what they merge over instead of merging with it. */
  overrides: Set<string>;
  /** The definition as plain data (scalars as written), for compose's equality of imported resources. */
  data: unknown;
  /** `name:` with no value: allowed only where it merges over an existing definition. */
  empty: boolean;
}

export interface RawExtends {
  range: Range;
  service: RawScalar;
  file: RawScalar | null;
}

export interface RawVolume {
  name: string;
  keyRange: Range;
  nameField: RawScalar | null;
  external: boolean;
  data: unknown;
}

export interface RawInclude {
  range: Range;
  paths: RawScalar[];
  projectDirectory: RawScalar | null;
  envFiles: RawScalar[];
}

export interface ComposeDocument {
  name: RawScalar | null;
  services: RawService[];
  volumes: Map<string, RawVolume>;
  includes: RawInclude[];
  /** Every string value holding a `$`: compose interpolates them all. */
  templates: RawScalar[];
  /** Services and volumes tagged `!reset` in this document. */
  resetServices: Set<string>;
  resetVolumes: Set<string>;
}

export interface ComposeProblem {
  message: string;
  range: Range;
}

export interface ComposeFile {
  path: string;
  text: string;
  documents: ComposeDocument[];
  /** Problems that make compose refuse the file; a YAML syntax error is the only one then. */
  problems: ComposeProblem[];
  /** True when the YAML itself is not well formed: nothing else is reported for the file. */
  malformed: boolean;
  /** No document has content (compose refuses such a file where a project starts). */
  empty: boolean;
}

/** A service definition's settings as written (plain data), for what the model does not resolve. */
export interface WrittenService {
  command: unknown;
  environment: unknown;
}

/**
 * What a run keeps of a compose file once its projects are loaded: its documents are dropped as
 * soon as no project still to load reads them, so that they die young (most of the parse is garbage).
 */
export interface ComposeSummary {
  path: string;
  text: string;
  /** Definitions by service name, in document order (their `command` and `environment`, as written). */
  services: Map<string, WrittenService[]>;
  /** Each top-level volume's non-empty `name:` values as written, in document order. */
  volumeNames: Map<string, string[]>;
  /** Every string value holding a `$`, as written. */
  templates: string[];
}

/** The summary of a parsed file. */
export function summarize(file: ComposeFile): ComposeSummary {
  const summary: ComposeSummary = {
    path: file.path,
    text: file.text,
    services: new Map(),
    volumeNames: new Map(),
    templates: [],
  };
  for (const doc of file.documents) {
    for (const raw of doc.services) {
      const data = (typeof raw.data === "object" && raw.data !== null ? raw.data : {}) as Partial<WrittenService>;
      appendAt(summary.services, raw.name, { command: data.command, environment: data.environment });
    }
    for (const [key, volume] of doc.volumes) {
      const value = volume.nameField?.value;
      if (value === null || value === undefined || value === "") continue;
      appendAt(summary.volumeNames, key, String(value));
    }
    for (const t of doc.templates) if (typeof t.value === "string") summary.templates.push(t.value);
  }
  return summary;
}

type MergeTag = "" | "!reset" | "!override";

function tagOf(node: Node | null): MergeTag {
  const tag = node?.tag;
  return tag === "!reset" || tag === "!override" ? tag : "";
}

const LONG_PORT_FIELDS = new Set(["target", "published", "host_ip", "protocol", "mode", "app_protocol", "name"]);
const TOP_LEVEL_KEYS = new Set([
  "version",
  "name",
  "include",
  "services",
  "networks",
  "volumes",
  "secrets",
  "configs",
  "models",
]);
/** Service keys docker compose v2.40 knows, with the few later releases add (compose's JSON schema). */
const SERVICE_KEYS = new Set(
  (
    "annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name " +
    "cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec " +
    "depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file " +
    "environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc " +
    "isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit " +
    "models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_start " +
    "pre_stop privileged profiles provider pull_policy pull_refresh_after read_only restart runtime scale secrets " +
    "security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits " +
    "use_api_socket user userns_mode uts volumes volumes_from working_dir"
  ).split(" "),
);
/** Deeper than this, a value is not data compose could mean: it is reported, not walked. */
const MAX_DEPTH = 200;

/** A non-plain scalar's value: a string, number, boolean or null (anything else as its string). */
function dataOf(v: unknown): RawScalar["value"] {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
}

class Reader {
  constructor(
    readonly source: YamlSource,
    readonly doc: Document.Parsed,
  ) {}

  scalar(node: Node | null): RawScalar | null {
    if (!isScalar(node)) return null;
    const range = this.source.rangeOf(node);
    if (node.type === "PLAIN" && node.tag === undefined) {
      const resolved = resolveGoPlain(this.plainText(node));
      switch (resolved.kind) {
        case "null":
          return { value: null, range };
        case "float":
          return { value: resolved.value, range, float: true };
        default:
          return { value: resolved.value, range };
      }
    }
    return { value: dataOf(node.value), range };
  }

  /** A scalar's value alone, as {@link scalar} reads it (no range: plain data has no positions). */
  private value(node: Scalar): RawScalar["value"] {
    if (node.type === "PLAIN" && node.tag === undefined) {
      const resolved = resolveGoPlain(this.plainText(node));
      return resolved.kind === "null" ? null : resolved.value;
    }
    return dataOf(node.value);
  }

  private plainText(node: Scalar): string {
    if (typeof node.source === "string") return node.source;
    const r = node.range;
    return r ? this.source.text.slice(r[0], r[1]) : "";
  }

  requireScalar(node: Node | null, what: string): RawScalar {
    const s = this.scalar(node);
    if (!s) throw new YamlStructureError(`${what} must be a string`, node);
    return s;
  }

  /** The entries of a mapping; a `!reset` value removes its key here (merge keys may then supply it). */
  entries(map: YAMLMap) {
    return mapEntries(map, this.source, this.doc);
  }

  range(node: Node | null): Range {
    return node ? this.source.rangeOf(node) : this.source.range(0, 0);
  }

  /** A node as plain data, the way compose compares imported resources. */
  data(node: Node | null, depth = 0): unknown {
    if (depth > MAX_DEPTH) throw new YamlStructureError("nested too deeply", node);
    if (node === null) return null;
    if (isScalar(node)) return this.value(node);
    if (isSeq(node)) return seqItems(node, this.source, this.doc).map((n) => this.data(n, depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const e of this.entries(node)) out[e.key] = this.data(e.value, depth + 1);
      return out;
    }
    return null;
  }
}

function isNull(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function readPortField(r: Reader, name: string, node: Node | null): RawScalar {
  const s = r.scalar(node);
  if (name === "target" || name === "published") {
    // An integral float passes the schema (a target is then cast; published fails after merging).
    const number = typeof s?.value === "number" && Number.isInteger(s.value);
    const integral = s !== null && (typeof s.value === "string" || number);
    if (!integral || s === null) throw new YamlStructureError(`ports.${name} must be an integer or a string`, node);
    return s;
  }
  if (!s || (typeof s.value !== "string" && !name.startsWith("x-"))) {
    throw new YamlStructureError(`ports.${name} must be a string`, node);
  }
  return s;
}

function readPorts(r: Reader, node: Node | null, keyNode: Node): RawPort[] {
  if (!isSeq(node)) throw new YamlStructureError("ports must be a list", isNull(node) ? keyNode : node);
  const ports: RawPort[] = [];
  for (const item of seqItems(node, r.source, r.doc)) {
    if (isScalar(item)) {
      const value = r.scalar(item) as RawScalar;
      if (typeof value.value !== "string" && typeof value.value !== "number") {
        throw new YamlStructureError("a port must be a number, a string or a mapping", item);
      }
      if (value.float) throw new YamlStructureError(`invalid type float64 for port: ${String(value.value)}`, item);
      ports.push({ kind: "short", value });
    } else if (isMap(item)) {
      const fields: Record<string, RawScalar> = {};
      for (const e of r.entries(item)) {
        if (!LONG_PORT_FIELDS.has(e.key) && !e.key.startsWith("x-")) {
          throw new YamlStructureError(`unsupported port field: ${e.key}`, e.keyNode);
        }
        if (e.key.startsWith("x-")) continue;
        fields[e.key] = readPortField(r, e.key, e.value);
      }
      if (!fields.target) throw new YamlStructureError("port mapping has no target", item);
      ports.push({ kind: "long", range: r.range(item), fields });
    } else {
      throw new YamlStructureError("a port must be a number, a string or a mapping", item);
    }
  }
  return ports;
}

function readMounts(r: Reader, node: Node | null): RawMount[] {
  if (!isSeq(node)) throw new YamlStructureError("volumes must be a list", node);
  const mounts: RawMount[] = [];
  for (const item of seqItems(node, r.source, r.doc)) {
    if (isScalar(item)) {
      mounts.push({ kind: "short", value: r.requireScalar(item, "a volume") });
    } else if (isMap(item)) {
      const fields = new Map(r.entries(item).map((e) => [e.key, e.value]));
      mounts.push({
        kind: "long",
        range: r.range(item),
        type: r.scalar(fields.get("type") ?? null),
        source: r.scalar(fields.get("source") ?? null),
        target: r.scalar(fields.get("target") ?? null),
      });
    } else {
      throw new YamlStructureError("a volume must be a string or a mapping", item);
    }
  }
  return mounts;
}

function readLabels(r: Reader, node: Node | null): ReadonlyMap<string, RawScalar> {
  if (node === null) return emptyMap();
  const labels = new Map<string, RawScalar>();
  if (isMap(node)) {
    for (const e of r.entries(node)) {
      const s = r.scalar(e.value);
      if (s) labels.set(e.key, s);
    }
  } else if (isSeq(node)) {
    for (const item of seqItems(node, r.source, r.doc)) {
      const s = r.scalar(item);
      if (!s || typeof s.value !== "string") continue;
      const eq = s.value.indexOf("=");
      const key = eq === -1 ? s.value : s.value.slice(0, eq);
      labels.set(key, { value: eq === -1 ? "" : s.value.slice(eq + 1), range: s.range });
    }
  }
  return labels.size === 0 ? emptyMap() : labels;
}

function readProfiles(r: Reader, node: Node | null): RawScalar[] {
  if (!isSeq(node)) throw new YamlStructureError("profiles must be a list", node);
  return seqItems(node, r.source, r.doc).map((n) => {
    const s = r.scalar(n);
    if (!s || typeof s.value !== "string") throw new YamlStructureError("a profile must be a string", n);
    return s;
  });
}

function readService(r: Reader, name: string, keyNode: Node, node: Node | null): RawService {
  const service: RawService = {
    name,
    keyRange: r.range(keyNode),
    image: null,
    build: null,
    labels: emptyMap(),
    category: null,
    ports: null,
    networkMode: null,
    volumes: null,
    profiles: null,
    healthcheck: null,
    restart: null,
    deployRestart: false,
    extends: null,
    envFiles: [],
    platform: null,
    buildPlatforms: null,
    resets: new Set(),
    overrides: new Set(),
    data: null,
    empty: isNull(node),
  };
  if (service.empty) return service;
  if (!isMap(node)) throw new YamlStructureError(`service ${name} must be a mapping`, node);
  for (const e of r.entries(node)) {
    const v = e.value;
    if (!SERVICE_KEYS.has(e.key) && !e.key.startsWith("x-")) {
      throw new YamlStructureError(`services.${name}: ${e.key} is not a compose service key`, e.keyNode);
    }
    const tag = tagOf(v);
    if (tag === "!reset") {
      service.resets.add(e.key);
      continue;
    }
    if (tag === "!override") service.overrides.add(e.key);
    switch (e.key) {
      case "image":
        service.image = r.scalar(v);
        break;
      case "build":
        service.build = r.range(v ?? e.keyNode);
        if (isMap(v)) {
          const platforms = r.entries(v).find((x) => x.key === "platforms");
          if (platforms && isSeq(platforms.value)) {
            service.buildPlatforms = seqItems(platforms.value, r.source, r.doc).flatMap((n) => r.scalar(n) ?? []);
          }
        }
        break;
      case "platform":
        service.platform = r.scalar(v);
        break;
      case "env_file":
        service.envFiles = readEnvFiles(r, v);
        break;
      case "labels":
        service.labels = readLabels(r, v);
        break;
      case "x-portguard":
        if (isMap(v)) {
          const category = r.entries(v).find((x) => x.key === "category");
          service.category = category ? r.scalar(category.value) : null;
        }
        break;
      case "ports":
        service.ports = readPorts(r, v, e.keyNode);
        break;
      case "network_mode":
        service.networkMode = r.scalar(v);
        break;
      case "volumes":
        service.volumes = readMounts(r, v);
        break;
      case "profiles":
        service.profiles = readProfiles(r, v);
        break;
      case "healthcheck":
        service.healthcheck = readHealthcheck(r, v, e.keyNode);
        break;
      case "restart":
        service.restart = r.scalar(v);
        break;
      case "deploy":
        if (isMap(v)) service.deployRestart = r.entries(v).some((x) => x.key === "restart_policy" && x.value !== null);
        break;
      case "extends":
        service.extends = readExtends(r, v);
        break;
    }
  }
  service.data = r.data(node);
  return service;
}

function readEnvFiles(r: Reader, node: Node | null): RawService["envFiles"] {
  const items = isSeq(node) ? seqItems(node, r.source, r.doc) : [node];
  return items.map((item) => {
    if (isMap(item)) {
      const fields = r.entries(item);
      const path = fields.find((f) => f.key === "path");
      if (!path) throw new YamlStructureError("an env_file entry needs a path", item);
      const required = fields.find((f) => f.key === "required");
      const optional = r.scalar(required?.value ?? null)?.value === false;
      return { path: r.requireScalar(path.value, "env_file.path"), required: !optional };
    }
    return { path: r.requireScalar(item, "env_file"), required: true };
  });
}

function readHealthcheck(r: Reader, node: Node | null, keyNode: Node): RawService["healthcheck"] {
  if (!isMap(node)) return { range: r.range(keyNode), disabled: false };
  let disabled = false;
  for (const e of r.entries(node)) {
    if (e.key === "disable" && isScalar(e.value) && e.value.value === true) disabled = true;
    if (e.key === "test") {
      const test = isSeq(e.value) ? seqItems(e.value, r.source, r.doc)[0] : e.value;
      if (isScalar(test) && test.value === "NONE") disabled = true;
    }
  }
  return { range: r.range(node), disabled };
}

function readExtends(r: Reader, node: Node | null): RawExtends | null {
  if (isScalar(node)) return { range: r.range(node), service: r.requireScalar(node, "extends"), file: null };
  if (!isMap(node)) throw new YamlStructureError("extends must be a string or a mapping", node);
  let service: RawScalar | null = null;
  let file: RawScalar | null = null;
  for (const e of r.entries(node)) {
    if (e.key === "service") service = r.requireScalar(e.value, "extends.service");
    if (e.key === "file") file = r.requireScalar(e.value, "extends.file");
  }
  if (!service) throw new YamlStructureError("extends needs a service", node);
  return { range: r.range(node), service, file };
}

function readVolumes(r: Reader, node: Node | null, resets: Set<string>): Map<string, RawVolume> {
  const volumes = new Map<string, RawVolume>();
  if (isNull(node)) return volumes;
  if (!isMap(node)) throw new YamlStructureError("volumes must be a mapping", node);
  for (const e of r.entries(node)) {
    if (tagOf(e.value) === "!reset") {
      resets.add(e.key);
      continue;
    }
    const volume: RawVolume = {
      name: e.key,
      keyRange: r.range(e.keyNode),
      nameField: null,
      external: false,
      data: r.data(e.value),
    };
    if (isMap(e.value)) {
      for (const f of r.entries(e.value)) {
        if (f.key === "name") volume.nameField = r.scalar(f.value);
        if (f.key === "external") {
          const ext = f.value;
          volume.external = isMap(ext) || (isScalar(ext) && (ext.value === true || ext.value === "true"));
        }
      }
    }
    volumes.set(e.key, volume);
  }
  return volumes;
}

function readIncludes(r: Reader, node: Node | null): RawInclude[] {
  if (node === null) return [];
  if (!isSeq(node)) throw new YamlStructureError("include must be a list", node);
  const includes: RawInclude[] = [];
  for (const item of seqItems(node, r.source, r.doc)) {
    if (isScalar(item)) {
      includes.push({
        range: r.range(item),
        paths: [r.requireScalar(item, "include")],
        projectDirectory: null,
        envFiles: [],
      });
      continue;
    }
    if (!isMap(item)) throw new YamlStructureError("an include must be a path or a mapping", item);
    const include: RawInclude = { range: r.range(item), paths: [], projectDirectory: null, envFiles: [] };
    for (const e of r.entries(item)) {
      const list = isSeq(e.value) ? seqItems(e.value, r.source, r.doc) : [e.value];
      if (e.key === "path") include.paths = list.map((n) => r.requireScalar(n, "include.path"));
      if (e.key === "env_file") include.envFiles = list.map((n) => r.requireScalar(n, "include.env_file"));
      if (e.key === "project_directory") include.projectDirectory = r.scalar(e.value);
    }
    if (include.paths.length === 0) throw new YamlStructureError("an include needs a path", item);
    includes.push(include);
  }
  return includes;
}

/**
 * Every string scalar with a `$` in it (visiting anchors where they are defined, never through
 * aliases; not in values tagged `!reset`, which compose drops before interpolating).
 */
function collectTemplates(r: Reader, root: Node | null): RawScalar[] {
  const out: RawScalar[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      if (typeof node.value === "string" && node.value.includes("$") && node.tag !== "!reset") {
        out.push(r.scalar(node) as RawScalar);
      }
    } else if (isMap(node)) {
      for (const pair of node.items) if (tagOf(pair.value as Node | null) !== "!reset") stack.push(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}

function emptyDocument(): ComposeDocument {
  return {
    name: null,
    services: [],
    volumes: new Map(),
    includes: [],
    templates: [],
    resetServices: new Set(),
    resetVolumes: new Set(),
  };
}

function readDocument(r: Reader): ComposeDocument {
  const result = emptyDocument();
  const root = r.doc.contents as Node | null;
  if (!isMap(root)) throw new YamlStructureError("top-level object must be a mapping", root);
  for (const e of r.entries(root)) {
    if (!TOP_LEVEL_KEYS.has(e.key) && !e.key.startsWith("x-")) {
      throw new YamlStructureError(`${e.key} is not a compose top-level key`, e.keyNode);
    }
    if (
      ["networks", "volumes", "secrets", "configs", "models"].includes(e.key) &&
      !isMap(e.value) &&
      tagOf(e.value) !== "!reset"
    ) {
      throw new YamlStructureError(`${e.key} must be a mapping`, isNull(e.value) ? e.keyNode : e.value);
    }
    if ((e.key === "version" || e.key === "name") && typeof r.scalar(e.value)?.value !== "string") {
      throw new YamlStructureError(`${e.key} must be a string`, e.value ?? e.keyNode);
    }
    switch (e.key) {
      case "name":
        result.name = r.scalar(e.value);
        break;
      case "services": {
        if (!isMap(e.value)) {
          throw new YamlStructureError("services must be a mapping", isNull(e.value) ? e.keyNode : e.value);
        }
        for (const s of r.entries(e.value)) {
          if (tagOf(s.value) === "!reset") result.resetServices.add(s.key);
          else result.services.push(readService(r, s.key, s.keyNode, s.value));
        }
        break;
      }
      case "volumes":
        result.volumes = readVolumes(r, e.value, result.resetVolumes);
        break;
      case "include":
        result.includes = readIncludes(r, e.value);
        break;
    }
  }
  result.templates = collectTemplates(r, root);
  return result;
}

/** Reads a compose file. Never throws: what compose would refuse becomes a problem with a position. */
export function parseCompose(text: string, path = "compose.yaml"): ComposeFile {
  const source = new YamlSource(text);
  if (source.error) {
    return { path, text, documents: [], problems: [source.error], malformed: true, empty: false };
  }
  const documents: ComposeDocument[] = [];
  const problems: ComposeProblem[] = [];
  for (const doc of source.documents) {
    if (isNull(doc.contents as Node | null)) continue;
    try {
      documents.push(readDocument(new Reader(source, doc)));
    } catch (error) {
      if (!(error instanceof YamlStructureError)) throw error;
      problems.push({ message: error.message, range: error.node ? source.rangeOf(error.node) : source.range(0, 0) });
    }
  }
  return { path, text, documents, problems, malformed: false, empty: documents.length === 0 && problems.length === 0 };
}
