/**
 * The parts of a compose file portguard needs, read from the YAML tree with exact positions and
 * before interpolation (each project interpolates a file with its own environment).
 */
import type { Document, Node, YAMLMap } from "yaml";
import type { Range } from "./types.js";
import { isMap, isScalar, isSeq, mapEntries, seqItems, YamlSource, YamlStructureError } from "./yaml-nodes.js";

/** A scalar as written: its YAML value (not interpolated) and where it sits. */
export interface RawScalar {
  value: string | number | boolean | null;
  range: Range;
}

export type RawPort =
  | { kind: "short"; value: RawScalar }
  | { kind: "long"; range: Range; fields: Record<string, RawScalar> };

export type RawMount =
  | { kind: "short"; value: RawScalar }
  | { kind: "long"; range: Range; type: RawScalar | null; source: RawScalar | null; target: RawScalar | null };

export type MergeTag = "" | "!reset" | "!override";

export interface RawService {
  name: string;
  keyRange: Range;
  image: RawScalar | null;
  build: Range | null;
  labels: Map<string, RawScalar>;
  /** `x-portguard: { category }` */
  category: RawScalar | null;
  ports: RawPort[];
  portsTag: MergeTag;
  networkMode: RawScalar | null;
  volumes: RawMount[];
  volumesTag: MergeTag;
  healthcheck: { range: Range; disabled: boolean } | null;
  restart: RawScalar | null;
  /** `deploy.restart_policy` is set. */
  deployRestart: boolean;
  extends: RawExtends | null;
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
}

class Reader {
  constructor(
    readonly source: YamlSource,
    readonly doc: Document.Parsed,
  ) {}

  scalar(node: Node | null): RawScalar | null {
    if (!isScalar(node)) return null;
    const v = node.value;
    const value =
      typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
    return { value, range: this.source.rangeOf(node) };
  }

  requireScalar(node: Node | null, what: string): RawScalar {
    const s = this.scalar(node);
    if (!s) throw new YamlStructureError(`${what} must be a string`, node);
    return s;
  }

  entries(map: YAMLMap) {
    return mapEntries(map, this.source, this.doc);
  }

  range(node: Node | null): Range {
    return node ? this.source.rangeOf(node) : this.source.range(0, 0);
  }
}

function tagOf(node: Node | null): MergeTag {
  const tag = node?.tag;
  return tag === "!reset" || tag === "!override" ? tag : "";
}

function readPorts(r: Reader, node: Node | null): RawPort[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) throw new YamlStructureError("ports must be a list", node);
  const ports: RawPort[] = [];
  for (const item of seqItems(node, r.source, r.doc)) {
    if (isScalar(item)) {
      const value = r.scalar(item) as RawScalar;
      if (typeof value.value !== "string" && typeof value.value !== "number") {
        throw new YamlStructureError("a port must be a string, a number or a mapping", item);
      }
      ports.push({ kind: "short", value });
    } else if (isMap(item)) {
      const fields: Record<string, RawScalar> = {};
      for (const e of r.entries(item)) fields[e.key] = r.requireScalar(e.value, `ports.${e.key}`);
      ports.push({ kind: "long", range: r.range(item), fields });
    } else {
      throw new YamlStructureError("a port must be a string, a number or a mapping", item);
    }
  }
  return ports;
}

function readMounts(r: Reader, node: Node | null): RawMount[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
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

function readLabels(r: Reader, node: Node | null): Map<string, RawScalar> {
  const labels = new Map<string, RawScalar>();
  if (node === null) return labels;
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
  return labels;
}

function readService(r: Reader, name: string, keyNode: Node, node: Node | null): RawService {
  const service: RawService = {
    name,
    keyRange: r.range(keyNode),
    image: null,
    build: null,
    labels: new Map(),
    category: null,
    ports: [],
    portsTag: "",
    networkMode: null,
    volumes: [],
    volumesTag: "",
    healthcheck: null,
    restart: null,
    deployRestart: false,
    extends: null,
  };
  if (node === null || (isScalar(node) && node.value === null)) return service;
  if (!isMap(node)) throw new YamlStructureError(`service ${name} must be a mapping`, node);
  for (const e of r.entries(node)) {
    const v = e.value;
    switch (e.key) {
      case "image":
        service.image = r.scalar(v);
        break;
      case "build":
        service.build = r.range(v ?? e.keyNode);
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
        service.ports = readPorts(r, v);
        service.portsTag = tagOf(v);
        break;
      case "network_mode":
        service.networkMode = r.scalar(v);
        break;
      case "volumes":
        service.volumes = readMounts(r, v);
        service.volumesTag = tagOf(v);
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
  return service;
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

function readVolumes(r: Reader, node: Node | null): Map<string, RawVolume> {
  const volumes = new Map<string, RawVolume>();
  if (node === null || (isScalar(node) && node.value === null)) return volumes;
  if (!isMap(node)) throw new YamlStructureError("volumes must be a mapping", node);
  for (const e of r.entries(node)) {
    const volume: RawVolume = { name: e.key, keyRange: r.range(e.keyNode), nameField: null, external: false };
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

/** Every string scalar with a `$` in it (visiting anchors where they are defined, never through aliases). */
function collectTemplates(r: Reader, root: Node | null): RawScalar[] {
  const out: RawScalar[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      if (typeof node.value === "string" && node.value.includes("$")) out.push(r.scalar(node) as RawScalar);
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}

function readDocument(r: Reader): ComposeDocument {
  const result: ComposeDocument = { name: null, services: [], volumes: new Map(), includes: [], templates: [] };
  const root = r.doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return result;
  if (!isMap(root)) throw new YamlStructureError("top-level object must be a mapping", root);
  for (const e of r.entries(root)) {
    switch (e.key) {
      case "name":
        result.name = r.scalar(e.value);
        break;
      case "services":
        if (e.value === null || (isScalar(e.value) && e.value.value === null)) break;
        if (!isMap(e.value)) throw new YamlStructureError("services must be a mapping", e.value);
        for (const s of r.entries(e.value)) result.services.push(readService(r, s.key, s.keyNode, s.value));
        break;
      case "volumes":
        result.volumes = readVolumes(r, e.value);
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
    return { path, text, documents: [], problems: [source.error], malformed: true };
  }
  const documents: ComposeDocument[] = [];
  const problems: ComposeProblem[] = [];
  for (const doc of source.documents) {
    try {
      documents.push(readDocument(new Reader(source, doc)));
    } catch (error) {
      if (!(error instanceof YamlStructureError)) throw error;
      problems.push({ message: error.message, range: error.node ? source.rangeOf(error.node) : source.range(0, 0) });
    }
  }
  return { path, text, documents, problems, malformed: false };
}
