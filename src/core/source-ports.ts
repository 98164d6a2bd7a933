/**
 * Finding governed host ports hardcoded in application sources (PG401): one regex pass per file
 * for the port numbers themselves, then a look at each hit's context on its line.
 */

import type { StackModel } from "./context.js";
import { variableOf } from "./context.js";

/** What a governed port number stands for. */
export interface PortOwner {
  port: number;
  variable: string;
  service: string;
}

export interface SourceFinding {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  port: number;
  /** The variable to read instead (the owner's), or the variable whose fallback is wrong. */
  variable: string;
  service: string;
  kind: "hardcoded" | "fallback";
  /** What shows it is a port: a local host before it (`localhost:7000`), a port-like key, or a fallback. */
  via: "host" | "key" | "fallback";
  /** For a wrong fallback: the port the variable is allocated. */
  allocated?: number;
}

/** Host names that mean "this machine": a governed port there is a hardcoded allocation. */
const LOCAL_HOST =
  /(?:^|[^A-Za-z0-9_.-])(?:localhost|[A-Za-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|host\.docker\.internal|gateway\.docker\.internal|\[(?:::1|::|0:0:0:0:0:0:0:1)\]):$/i;
/** `port: `, `"db_port": "`, `PORT = `, `dbPort => `: a key or variable named like a port, then the value. */
const PORT_KEY = /(?:^|[^A-Za-z0-9_])([A-Za-z0-9_.-]*port[A-Za-z0-9_]*)["'`]?\s*(?::=|=>|==|[:=])\s*["'`]?$/i;
/** `VAR ?? `, `VAR || `, `"VAR", `, `VAR:-`, `VAR) or `: the literal is the fallback of VAR. */
const FALLBACK = /([A-Za-z_][A-Za-z0-9_]*)["'`]?\s*[\])]?\s*(?:\?\?|\|\||,|:-|\?:|\bor\b)\s*["'`]?$/;
/** Files that hold numbers but never application settings. */
const GENERATED =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|composer\.lock|Cargo\.lock|poetry\.lock|go\.sum|[^/]+\.min\.js)$/;

const C_LIKE = new Set(["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "go", "java", "kt", "rs", "cs", "php"]);
const HASH = new Set(["py", "rb", "toml", "properties", "conf", "ini", "php", "sh"]);

/** Offsets where comments start and end in a file (line comments end at the line end). */
function commentSpans(text: string, extension: string): [number, number][] {
  const cLike = C_LIKE.has(extension);
  const hash = HASH.has(extension);
  const semicolon = extension === "ini";
  if (!cLike && !hash && !semicolon) return [];
  const spans: [number, number][] = [];
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote || c === "\n") quote = "";
      continue;
    }
    if (c === '"' || c === "'" || (c === "`" && cLike)) {
      quote = c;
      continue;
    }
    const lineComment = (cLike && c === "/" && text[i + 1] === "/") || (hash && c === "#") || (semicolon && c === ";");
    if (lineComment) {
      const end = text.indexOf("\n", i);
      spans.push([i, end < 0 ? text.length : end]);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (cLike && c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      spans.push([i, end < 0 ? text.length : end + 2]);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return spans;
}

/** The governed ports of the project and the variable each should be read through. */
export function governedPorts(model: StackModel): {
  byPort: Map<number, PortOwner>;
  byVariable: Map<string, number>;
} {
  const byPort = new Map<number, PortOwner>();
  const byVariable = new Map<string, number>();
  const own = (port: number | null, variable: string | null, service: string) => {
    if (port === null || port === 0 || !variable) return;
    if (!byPort.has(port)) byPort.set(port, { port, variable, service });
  };
  for (const [service, entry] of Object.entries(model.policy.services)) {
    if (entry.port !== undefined && entry.variable) {
      own(entry.port, entry.variable, service);
      byVariable.set(entry.variable, entry.port);
    }
  }
  for (const b of model.bindings) {
    if (!model.isGoverned(b.service)) continue;
    const variable = variableOf(b) ?? model.registryEntry(b.service)?.variable ?? null;
    const name = variable ?? `${b.service.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_PORT`;
    if (b.hostPort !== null && b.resolved) {
      const end = b.hostPortEnd ?? b.hostPort;
      for (let p = b.hostPort; p <= Math.min(end, b.hostPort + 64); p++) own(p, name, b.service.name);
      if (variable && b.hostPort === end && !byVariable.has(variable)) byVariable.set(variable, b.hostPort);
    }
    const fallback = b.defaultValue !== null && /^\d+$/.test(b.defaultValue) ? Number(b.defaultValue) : null;
    own(fallback, name, b.service.name);
    const envValue = b.variableValue && /^\d+$/.test(b.variableValue.value) ? Number(b.variableValue.value) : null;
    own(envValue, name, b.service.name);
  }
  return { byPort, byVariable };
}

export interface SourcePatterns {
  /** The governed port numbers, as whole numbers. */
  numbers: RegExp;
  /** `VAR ?? 7001`, `getenv("VAR", "7001")`: a number used as the fallback of a port variable. */
  fallbacks: RegExp | null;
}

/** The regular expressions of one run (built once, used on every file). */
export function sourcePatterns(ports: Map<number, PortOwner>, variables: Map<string, number>): SourcePatterns | null {
  const list = [...new Set([...ports.keys(), ...variables.values()])].sort((a, b) => b - a);
  if (list.length === 0) return null;
  const names = [...variables.keys()].map((v) => v.replace(/[^A-Za-z0-9_]/g, ""));
  return {
    numbers: new RegExp(`(?<![0-9A-Za-z_.])(?:${list.join("|")})(?![0-9A-Za-z_]|\\.[0-9])`, "g"),
    fallbacks:
      names.length === 0
        ? null
        : new RegExp(
            `(?<![A-Za-z0-9_])(${names.join("|")})["'\`]?\\s*[\\])]?\\s*(?:\\?\\?|\\|\\||,|:-|\\?:|\\bor\\b)\\s*["'\`]?([0-9]{1,5})(?![0-9])`,
            "g",
          ),
  };
}

/** Scans one source file. Pure: text in, findings out. */
export function scanSource(
  file: string,
  text: string,
  ports: Map<number, PortOwner>,
  variables: Map<string, number>,
  patterns: SourcePatterns,
): SourceFinding[] {
  if (GENERATED.test(file)) return [];
  const extension = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
  let comments: [number, number][] | null = null;
  const candidates: (Omit<SourceFinding, "file" | "line" | "column" | "endColumn"> & {
    start: number;
    length: number;
  })[] = [];
  const { numbers, fallbacks } = patterns;
  numbers.lastIndex = 0;
  for (let m = numbers.exec(text); m !== null; m = numbers.exec(text)) {
    const start = m.index;
    const port = Number(m[0]);
    const owner = ports.get(port);
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const before = text.slice(Math.max(lineStart, start - 160), start);
    const fallback = FALLBACK.exec(before);
    const fallbackOf = fallback?.[1];
    // The fallback of a port variable is judged by the fallback pass below.
    if (fallbackOf !== undefined && variables.has(fallbackOf)) continue;
    const via = LOCAL_HOST.test(before)
      ? "host"
      : PORT_KEY.test(before)
        ? "key"
        : fallbackOf !== undefined && /port/i.test(fallbackOf)
          ? "fallback"
          : null;
    if (owner && via) {
      candidates.push({
        port,
        variable: owner.variable,
        service: owner.service,
        kind: "hardcoded",
        via,
        start,
        length: m[0].length,
      });
    }
  }
  if (fallbacks) {
    fallbacks.lastIndex = 0;
    for (let m = fallbacks.exec(text); m !== null; m = fallbacks.exec(text)) {
      const variable = m[1] as string;
      const digits = m[2] as string;
      const port = Number(digits);
      const allocated = variables.get(variable);
      if (allocated === undefined || allocated === port) continue;
      const start = m.index + m[0].length - digits.length;
      const service = ports.get(allocated)?.service ?? "";
      candidates.push({
        port,
        variable,
        service,
        kind: "fallback",
        via: "fallback",
        allocated,
        start,
        length: digits.length,
      });
    }
  }
  const findings: SourceFinding[] = [];
  for (const { start, length, ...finding } of candidates) {
    comments ??= commentSpans(text, extension);
    if (comments.some(([s, e]) => s <= start && start < e)) continue;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    findings.push({
      ...finding,
      file,
      line: countLines(text, start),
      column: start - lineStart + 1,
      endColumn: start - lineStart + 1 + length,
    });
  }
  return findings;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
