/**
 * Reading, validating and merging policy files. Every error names the file, the line and column,
 * and the key path, so a one-line message is enough to fix it.
 */
import type { Document, Node } from "yaml";
import { didYouMean } from "../did-you-mean.js";
import { globProblem } from "../globs.js";
import { compileRegex, UnsupportedPattern } from "../linear-regex.js";
import type { SeveritySetting } from "../types.js";
import { isMap, isScalar, isSeq, mapEntries, seqItems, YamlSource, YamlStructureError } from "../yaml-nodes.js";
import { DEFAULT_POLICY } from "./default-policy.js";
import type {
  AllowEntry,
  CategoryDefinition,
  HostGroup,
  Policy,
  PolicyConfig,
  PortRange,
  RegistryEntry,
} from "./types.js";

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${key ? `${key}: ` : ""}${detail}`);
    this.name = "PolicyError";
  }
}

/** A config file's text, found by the adapter. */
export interface PolicyFile {
  path: string;
  text: string;
}

/**
 * Resolves `extends:` (a relative path or a package name) from the file that names it: the file,
 * null when there is none, or why it is not read (outside the project, not a regular file...).
 */
export type ExtendsResolver = (spec: string, from: string) => PolicyFile | null | { refused: string };

/** Keys quoted in messages are cut to this length. */
const MAX_QUOTED_KEY = 80;

const SEVERITIES = new Set(["error", "warning", "info", "off"]);
const TOP_LEVEL = new Set([
  "$schema",
  "extends",
  "ranges",
  "categories",
  "services",
  "variables",
  "files",
  "docs",
  "hosts",
  "rules",
  "allow",
  "profiles",
]);

class ConfigReader {
  constructor(
    readonly file: string,
    readonly source: YamlSource,
    readonly doc: Document.Parsed,
    readonly ruleIds: ReadonlyMap<string, string>,
  ) {}

  fail(node: Node | null, key: string, detail: string): never {
    const pos = node?.range ? this.source.position(node.range[0]) : { line: 1, column: 1 };
    const quoted = key.length > MAX_QUOTED_KEY ? `${key.slice(0, MAX_QUOTED_KEY - 1)}…` : key;
    throw new PolicyError(this.file, pos.line, pos.column, quoted, detail);
  }

  entries(node: Node | null, key: string) {
    if (!isMap(node)) this.fail(node, key, "must be a mapping");
    try {
      return mapEntries(node, this.source, this.doc);
    } catch (error) {
      if (error instanceof YamlStructureError) this.fail(error.node ?? node, key, error.message);
      throw error;
    }
  }

  items(node: Node | null, key: string): (Node | null)[] {
    if (!isSeq(node)) this.fail(node, key, "must be a list");
    return seqItems(node, this.source, this.doc);
  }

  string(node: Node | null, key: string): string {
    if (!isScalar(node) || typeof node.value !== "string" || node.value === "") {
      this.fail(node, key, "must be a non-empty string");
    }
    return node.value as string;
  }

  strings(node: Node | null, key: string): string[] {
    return this.items(node, key).map((item, i) => this.string(item, `${key}[${i}]`));
  }

  /** A list of globs, each one the glob engine can run. */
  globs(node: Node | null, key: string): string[] {
    const items = this.items(node, key);
    return items.map((item, i) => {
      const glob = this.string(item, `${key}[${i}]`);
      const problem = globProblem(glob);
      if (problem) this.fail(item, `${key}[${i}]`, `${JSON.stringify(glob)} ${problem}`);
      return glob;
    });
  }

  port(node: Node | null, key: string): number {
    const v = isScalar(node) ? node.value : undefined;
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) this.fail(node, key, "must be a port number 1-65535");
    return n;
  }

  only(entries: { key: string; keyNode: Node }[], allowed: string[], key: string): void {
    for (const e of entries) {
      if (!allowed.includes(e.key) && !e.key.startsWith("x-")) {
        this.fail(
          e.keyNode,
          `${key}.${e.key}`,
          `unknown key${didYouMean(e.key, allowed)} (expected one of: ${allowed.join(", ")})`,
        );
      }
    }
  }

  /** Notes a category name the policy refers to, checked once every file of the chain is merged. */
  category(node: Node | null, key: string, name: string, refs: CategoryReference[]): void {
    const pos = node?.range ? this.source.position(node.range[0]) : { line: 1, column: 1 };
    refs.push({ file: this.file, line: pos.line, column: pos.column, key, name });
  }
}

/** A category named in `ranges[].for` or `services.*.category`, where it is written. */
export interface CategoryReference {
  file: string;
  line: number;
  column: number;
  key: string;
  name: string;
}

/** The category every service without another one has. */
const APP = "app";

/**
 * A referenced category that is not declared (under `categories:`, in the default, or `app`) and
 * reads as a typo of one that is, would silently turn checks off: it is refused. Other undeclared
 * names are categories of the project's own (given by a `portguard.category` label).
 */
function checkCategories(policy: Policy, refs: readonly CategoryReference[]): void {
  const known = [...Object.keys(policy.categories), APP];
  for (const ref of refs) {
    if (known.includes(ref.name)) continue;
    const near = didYouMean(ref.name, known);
    if (near === "") continue;
    throw new PolicyError(
      ref.file,
      ref.line,
      ref.column,
      ref.key,
      `unknown category ${ref.name}${near}; known: ${[...known].sort().join(", ")}. A category of your own is declared under categories: (${ref.name}: { images: [...] })`,
    );
  }
}

function readRange(r: ConfigReader, node: Node | null, key: string, refs: CategoryReference[]): PortRange {
  const entries = r.entries(node, key);
  r.only(entries, ["name", "ports", "for", "description"], key);
  const get = (k: string) => entries.find((e) => e.key === k);
  const name = get("name");
  const ports = get("ports");
  if (!name) r.fail(node, `${key}.name`, "is required");
  if (!ports) r.fail(node, `${key}.ports`, "is required (a port or a range such as 7000-7099)");
  const portsValue = isScalar(ports.value) ? ports.value.value : undefined;
  const text = typeof portsValue === "number" ? String(portsValue) : typeof portsValue === "string" ? portsValue : "";
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m)
    r.fail(
      ports.value,
      `${key}.ports`,
      `must be a port or a range such as 7000-7099, not ${JSON.stringify(portsValue)}`,
    );
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535) r.fail(ports.value, `${key}.ports`, `${text} is outside 1-65535`);
  if (end < start) r.fail(ports.value, `${key}.ports`, `range ${text} is reversed (start is after end)`);
  const forEntry = get("for");
  const forList = forEntry ? r.strings(forEntry.value, `${key}.for`) : [];
  if (forEntry) {
    const items = r.items(forEntry.value, `${key}.for`);
    for (const [i, name] of forList.entries()) r.category(items[i] ?? null, `${key}.for[${i}]`, name, refs);
  }
  const description = get("description");
  return {
    name: r.string(name.value, `${key}.name`),
    start,
    end,
    for: forList,
    ...(description ? { description: r.string(description.value, `${key}.description`) } : {}),
  };
}

function readCategories(r: ConfigReader, node: Node | null): Record<string, CategoryDefinition> {
  const out: Record<string, CategoryDefinition> = {};
  for (const e of r.entries(node, "categories")) {
    const key = `categories.${e.key}`;
    const fields = r.entries(e.value, key);
    r.only(fields, ["images", "description"], key);
    const images = fields.find((f) => f.key === "images");
    out[e.key] = { images: images ? r.strings(images.value, `${key}.images`) : [] };
  }
  return out;
}

function readRegistry(r: ConfigReader, node: Node | null, refs: CategoryReference[]): Record<string, RegistryEntry> {
  const out: Record<string, RegistryEntry> = {};
  for (const e of r.entries(node, "services")) {
    const key = `services.${e.key}`;
    const fields = r.entries(e.value, key);
    r.only(fields, ["category", "port", "variable", "description"], key);
    const entry: RegistryEntry = {};
    for (const f of fields) {
      if (f.key === "category") {
        entry.category = r.string(f.value, `${key}.category`);
        r.category(f.value, `${key}.category`, entry.category, refs);
      }
      if (f.key === "port") entry.port = r.port(f.value, `${key}.port`);
      if (f.key === "variable") {
        entry.variable = r.string(f.value, `${key}.variable`);
        if (!/^[_A-Za-z][_A-Za-z0-9]*$/.test(entry.variable)) {
          r.fail(f.value, `${key}.variable`, `${entry.variable} is not a valid variable name`);
        }
      }
    }
    out[e.key] = entry;
  }
  return out;
}

function readAllow(r: ConfigReader, node: Node | null): AllowEntry[] {
  return r.items(node, "allow").map((item, i) => {
    const key = `allow[${i}]`;
    const fields = r.entries(item, key);
    r.only(fields, ["service", "port", "reason"], key);
    const service = fields.find((f) => f.key === "service");
    if (!service) r.fail(item, `${key}.service`, "is required");
    const entry: AllowEntry = { service: r.string(service.value, `${key}.service`) };
    const port = fields.find((f) => f.key === "port");
    if (port) entry.port = r.port(port.value, `${key}.port`);
    const reason = fields.find((f) => f.key === "reason");
    if (reason) entry.reason = r.string(reason.value, `${key}.reason`);
    return entry;
  });
}

function readHosts(r: ConfigReader, node: Node | null): HostGroup[] | "directory" {
  if (isScalar(node)) {
    if (node.value === "directory") return "directory";
    r.fail(node, "hosts", 'must be "directory" or a list of { name, compose }');
  }
  return r.items(node, "hosts").map((item, i) => {
    const key = `hosts[${i}]`;
    const fields = r.entries(item, key);
    r.only(fields, ["name", "compose"], key);
    const name = fields.find((f) => f.key === "name");
    const compose = fields.find((f) => f.key === "compose");
    if (!name) r.fail(item, `${key}.name`, "is required");
    if (!compose) r.fail(item, `${key}.compose`, "is required (a list of globs)");
    return { name: r.string(name.value, `${key}.name`), compose: r.globs(compose.value, `${key}.compose`) };
  });
}

function readProfiles(r: ConfigReader, node: Node | null): { together?: string[][] } {
  const fields = r.entries(node, "profiles");
  r.only(fields, ["together"], "profiles");
  const together = fields.find((f) => f.key === "together");
  if (!together) return {};
  return {
    together: r.items(together.value, "profiles.together").map((group, i) => {
      const profiles = r.strings(group, `profiles.together[${i}]`);
      if (profiles.length < 1) r.fail(group, `profiles.together[${i}]`, "must name at least one profile");
      return profiles;
    }),
  };
}

function readRules(r: ConfigReader, node: Node | null): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const e of r.entries(node, "rules")) {
    const id = r.ruleIds.get(e.key) ?? r.ruleIds.get(e.key.toUpperCase());
    if (!id)
      r.fail(
        e.keyNode,
        `rules.${e.key}`,
        `unknown rule${didYouMean(e.key, r.ruleIds.keys())} (see \`portguard rules\`)`,
      );
    const v = isScalar(e.value) ? e.value.value : undefined;
    const severity = v === false ? "off" : v;
    if (typeof severity !== "string" || !SEVERITIES.has(severity)) {
      r.fail(e.value, `rules.${e.key}`, "must be one of error, warning, info, off");
    }
    out[id] = severity as SeveritySetting;
  }
  return out;
}

function readRanges(r: ConfigReader, node: Node | null, refs: CategoryReference[]): PortRange[] {
  const items = r.items(node, "ranges");
  const ranges = items.map((item, i) => readRange(r, item, `ranges[${i}]`, refs));
  const names = new Set<string>();
  ranges.forEach((range, i) => {
    if (names.has(range.name)) r.fail(items[i] ?? node, `ranges[${i}].name`, `duplicate range name ${range.name}`);
    names.add(range.name);
  });
  return ranges;
}

function readVariables(r: ConfigReader, node: Node | null): NonNullable<PolicyConfig["variables"]> {
  const fields = r.entries(node, "variables");
  r.only(fields, ["pattern", "require"], "variables");
  const variables: NonNullable<PolicyConfig["variables"]> = {};
  for (const f of fields) {
    if (f.key === "pattern") {
      const pattern = r.string(f.value, "variables.pattern");
      try {
        compileRegex(pattern);
      } catch (error) {
        if (!(error instanceof UnsupportedPattern)) throw error;
        r.fail(f.value, "variables.pattern", `${JSON.stringify(pattern)} ${error.message}`);
      }
      variables.pattern = pattern;
    }
    if (f.key === "require") {
      const req = r.string(f.value, "variables.require");
      if (req !== "governed" && req !== "all") r.fail(f.value, "variables.require", 'must be "governed" or "all"');
      variables.require = req as "governed" | "all";
    }
  }
  return variables;
}

function readFiles(r: ConfigReader, node: Node | null): NonNullable<PolicyConfig["files"]> {
  const fields = r.entries(node, "files");
  r.only(fields, ["compose", "env", "sources", "ignore"], "files");
  const files: NonNullable<PolicyConfig["files"]> = {};
  for (const f of fields) {
    const key = `files.${f.key}`;
    files[f.key as "compose"] = f.key === "env" ? r.strings(f.value, key) : r.globs(f.value, key);
  }
  return files;
}

/** The reader of a config file's one YAML document, and its root node (null: the file is empty). */
function configDocument(
  file: PolicyFile,
  ruleIds: ReadonlyMap<string, string>,
): { r: ConfigReader; source: YamlSource; root: Node } | null {
  const source = new YamlSource(file.text);
  if (source.error) {
    const { line, column } = source.error.range.start;
    throw new PolicyError(file.path, line, column, "", `not valid YAML: ${source.error.message}`);
  }
  const doc = source.documents[0];
  if (!doc) return null;
  if (source.documents.length > 1) {
    throw new PolicyError(file.path, 1, 1, "", "must hold exactly one YAML document");
  }
  const r = new ConfigReader(file.path, source, doc, ruleIds);
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return null;
  return { r, source, root };
}

/** Parses and validates one config file (without following `extends`). Throws {@link PolicyError}. */
export function parsePolicyConfig(file: PolicyFile, ruleIds: ReadonlyMap<string, string>): PolicyConfig {
  const document = configDocument(file, ruleIds);
  if (!document) return {};
  const { r, source, root } = document;
  const refs: CategoryReference[] = [];
  const config: PolicyConfig = {};
  for (const e of r.entries(root, "")) {
    const v = e.value;
    switch (e.key) {
      case "$schema":
        break;
      case "extends":
        config.extends = r.string(v, "extends");
        config.extendsPosition = v?.range ? source.position(v.range[0]) : { line: 1, column: 1 };
        break;
      case "ranges":
        config.ranges = readRanges(r, v, refs);
        break;
      case "categories":
        config.categories = readCategories(r, v);
        break;
      case "services":
        config.services = readRegistry(r, v, refs);
        break;
      case "variables":
        config.variables = readVariables(r, v);
        break;
      case "files":
        config.files = readFiles(r, v);
        break;
      case "docs":
        config.docs = isScalar(v) && (v.value === null || v.value === false) ? null : r.string(v, "docs");
        break;
      case "hosts":
        config.hosts = readHosts(r, v);
        break;
      case "rules":
        config.rules = readRules(r, v);
        break;
      case "allow":
        config.allow = readAllow(r, v);
        break;
      case "profiles":
        config.profiles = readProfiles(r, v);
        break;
      default:
        if (!TOP_LEVEL.has(e.key) && !e.key.startsWith("x-")) {
          const keys = [...TOP_LEVEL].slice(1);
          r.fail(e.keyNode, e.key, `unknown key${didYouMean(e.key, keys)} (expected one of: ${keys.join(", ")})`);
        }
    }
  }
  if (refs.length > 0) config.categoryReferences = refs;
  return config;
}

/** Merges a config over a policy: ranges replace, maps merge by key, allow, hosts and profile groups append. */
export function mergePolicy(base: Policy, config: PolicyConfig): Policy {
  const hosts =
    config.hosts === undefined
      ? base.hosts
      : config.hosts === "directory" || base.hosts === "directory"
        ? config.hosts
        : [...base.hosts, ...config.hosts];
  return {
    ranges: config.ranges ?? base.ranges,
    categories: { ...base.categories, ...config.categories },
    services: { ...base.services, ...config.services },
    variables: { ...base.variables, ...config.variables },
    files: {
      ...base.files,
      ...config.files,
      // A project's ignores add to the inherited ones (node_modules, dist, vendor stay skipped).
      ignore: [...new Set([...base.files.ignore, ...(config.files?.ignore ?? [])])],
    },
    docs: config.docs === undefined ? base.docs : config.docs,
    hosts,
    rules: { ...base.rules, ...config.rules },
    allow: [...base.allow, ...(config.allow ?? [])],
    profiles: { together: [...base.profiles.together, ...(config.profiles?.together ?? [])] },
  };
}

/**
 * The policy a config file describes: the embedded default, then each `extends` ancestor, then the
 * file itself. Throws {@link PolicyError} for an invalid file or an unresolvable `extends`.
 */
export function resolvePolicy(
  file: PolicyFile | null,
  ruleIds: ReadonlyMap<string, string>,
  resolveExtends: ExtendsResolver = () => null,
): Policy {
  if (!file) return DEFAULT_POLICY;
  const chain: PolicyConfig[] = [];
  const seen = new Set<string>();
  let current: PolicyFile | null = file;
  while (current) {
    if (seen.has(current.path)) {
      throw new PolicyError(current.path, 1, 1, "extends", "extends forms a cycle");
    }
    seen.add(current.path);
    const config = parsePolicyConfig(current, ruleIds);
    chain.unshift(config);
    if (!config.extends) break;
    const next = resolveExtends(config.extends, current.path);
    const pos = config.extendsPosition ?? { line: 1, column: 1 };
    if (!next) throw new PolicyError(current.path, pos.line, pos.column, "extends", `cannot find ${config.extends}`);
    if ("refused" in next) throw new PolicyError(current.path, pos.line, pos.column, "extends", next.refused);
    current = next;
  }
  const policy = chain.reduce(mergePolicy, DEFAULT_POLICY);
  checkCategories(
    policy,
    chain.flatMap((c) => c.categoryReferences ?? []),
  );
  return policy;
}
