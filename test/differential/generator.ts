/**
 * A seeded generator of compose projects that combine the features portguard must read exactly as
 * docker compose does: interpolation operators and nesting, `.env` quoting and expansion, overrides,
 * `!reset`/`!override`, `extends`, `include` (short and long form), anchors and merge keys, short and
 * long port syntax with ranges, IPv6, protocols, YAML scalar forms, profiles, `name:`, `COMPOSE_*`
 * variables in `.env`, duplicate entries and invalid specs. The same seed gives the same project.
 */

/** mulberry32: small, fast, good enough to pick among options. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return (items[items.length - 1] as readonly [number, T])[1];
  }
}

export interface GeneratedProject {
  /** The project folder's name (compose derives the default project name from it). */
  folder: string;
  files: Record<string, string>;
}

const FOLDERS = ["gen", "Gen_Proj", "my.stack", "Stack-2", "app_ENV", "x.y-z"];
const SERVICE_NAMES = ["db", "cache", "web", "api", "admin", "worker", "timescale-db", "queue_1"];
const IMAGES = ["postgres:16", "redis:7", "nginx", "grafana/grafana", "dpage/pgadmin4", "local/app:1", "qdrant/qdrant"];
const VARIABLES = ["DB_PORT", "CACHE_PORT", "WEB_PORT", "API_PORT", "ADMIN_PORT", "HTTP_PORT", "P1", "OTHER"];
const PROFILES = ["dev", "debug", "prod", "tools"];

/** Everything one project's generation shares: the random source and the variables in play. */
class Builder {
  readonly used = new Set<string>();
  /** Whether a service of the document being written mounts the named volume `data`. */
  volumes = false;
  /** Files compose never loads by default (variants): they must not hold errors we compare on. */
  constructor(readonly r: Random) {}

  variable(): string {
    const v = this.r.pick(VARIABLES);
    this.used.add(v);
    return v;
  }

  portNumber(): number {
    return this.r.weighted([
      [4, this.r.int(7000, 7099)],
      [3, this.r.int(1000, 9999)],
      [1, this.r.int(1, 999)],
      [1, this.r.int(10000, 65535)],
    ]);
  }

  /** A number written as go-yaml or a Go parser may read it differently from its face value. */
  numberText(n: number): string {
    return this.r.weighted([
      [10, String(n)],
      [1, `0${n}`],
      [1, `00${n}`],
    ]);
  }

  expression(fallback: () => string): string {
    const v = this.variable();
    return this.r.weighted<() => string>([
      [5, () => `\${${v}:-${fallback()}}`],
      [2, () => `\${${v}-${fallback()}}`],
      [2, () => `\${${v}}`],
      [1, () => `$${v}`],
      [1, () => `\${${v}:+${fallback()}}`],
      [1, () => `\${${v}+${fallback()}}`],
      [0.4, () => `\${${v}:?${v} is required}`],
      [0.4, () => `\${${v}?}`],
      [2, () => `\${${v}:-\${${this.variable()}:-${fallback()}}}`],
      [0.2, () => `$\${${v}}`],
      [0.2, () => `\${${v}:-${fallback()}`],
    ])();
  }

  /** The host side; against a container range of `pairedWith` more ports it is a range of the same length. */
  hostPart(pairedWith: number | null): string {
    const n = Math.min(this.portNumber(), 65000);
    if (pairedWith !== null) {
      return this.r.weighted<() => string>([
        [8, () => `${n}-${n + pairedWith}`],
        [1, () => ""],
        [1, () => `\${${this.variable()}:-${n}-${n + pairedWith}}`],
        [0.3, () => `${n}-${n + pairedWith + 1}`],
        [0.3, () => String(n)],
      ])();
    }
    return this.r.weighted<() => string>([
      [6, () => this.numberText(n)],
      [6, () => this.expression(() => String(n))],
      [1, () => ""],
      [1.5, () => `${n}-${n + this.r.int(1, 3)}`],
      [0.5, () => `${n}-${n}`],
      [0.4, () => this.r.pick(["80x", "+80", "-0", "65536", "99999999", "81-80", " 80", "0", "00"])],
      [0.4, () => `\${${this.variable()}:-70}\${${this.variable()}:-${String(n % 100).padStart(2, "0")}}`],
      [0.3, () => `7\${${this.variable()}:-0${String(n % 100).padStart(2, "0")}}`],
      [0.2, () => `\${${this.variable()}-}`],
    ])();
  }

  ipPart(): string {
    return this.r.weighted([
      [30, ""],
      [4, "127.0.0.1:"],
      [3, "0.0.0.0:"],
      [3, "[::1]:"],
      [2, "[::]:"],
      [0.3, "::1:"],
      [0.3, "localhost:"],
      [0.5, "[1.2.3.4]:"],
      [0.2, "[::1]x:"],
      [0.3, "::"],
      [1, "1.2.3.4:"],
      [2, `\${${this.variable()}:-127.0.0.1}:`],
    ]);
  }

  shortSpec(): string {
    const containerRange = this.r.chance(0.12) ? this.r.int(1, 3) : 0;
    const container = this.r.pick([80, 5432, 6379, 8080, 9000, 443]);
    let containerText = containerRange ? `${container}-${container + containerRange}` : this.numberText(container);
    if (this.r.chance(0.02)) containerText = this.r.pick(["0", "65536", "abc", ""]);
    else if (!containerRange && this.r.chance(0.03)) containerText = `\${${this.variable()}:-${container}}`;
    const proto = this.r.weighted([
      [20, ""],
      [3, "/tcp"],
      [3, "/udp"],
      [1, "/UDP"],
      [1, "/sctp"],
      [1, "/"],
      [0.3, "/foo"],
      [0.5, "/tcp/udp"],
    ]);
    const shape = this.r.weighted([
      [2, "container"],
      [12, "host"],
      [4, "ip"],
    ]);
    if (shape === "container") return `${containerText}${proto}`;
    const host = this.hostPart(containerRange || null);
    if (shape === "host") return `${host}:${containerText}${proto}`;
    const ip = this.ipPart();
    return ip === "" ? `${host}:${containerText}${proto}` : `${ip}${host}:${containerText}${proto}`;
  }

  /** A port list item as YAML (after `- `). */
  portItem(): string {
    const kind = this.r.weighted([
      [10, "short"],
      [4, "long"],
      [1, "number"],
    ]);
    if (kind === "number") {
      return this.r.weighted([
        [3, "8080"],
        [1, "0x1F90"],
        [1, "017"],
        [1, "8_080"],
        [1, "+80"],
        [1, "0b1010000"],
        [1, "0o120"],
        [0.3, "08"],
        [0.3, "80.0"],
        [0.3, "-80"],
        [0.3, "1e3"],
      ]);
    }
    if (kind === "short") return this.quote(this.shortSpec());
    return this.longItem();
  }

  longItem(): string {
    const fields: string[] = [];
    if (!this.r.chance(0.01)) {
      fields.push(
        `target: ${this.r.weighted([
          [10, String(this.r.pick([80, 5432, 6379, 8080]))],
          [2, `"${this.r.pick([80, 5432, 6379])}"`],
          [1, this.r.pick(["017", "0x50", "1_000", "80.0", '"017"', '"+80"', "0", "0o120"])],
          [0.3, this.r.pick(["80.5", '"abc"', "65536", '"0x50"', '" 80"', "-1"])],
          [1, `"\${${this.variable()}:-80}"`],
        ])}`,
      );
    }
    const published = this.r.weighted<() => string | null>([
      [2, () => null],
      [5, () => String(this.portNumber())],
      [5, () => `"${this.expression(() => String(this.portNumber()))}"`],
      [2, () => `"${this.numberText(this.portNumber())}"`],
      [
        1,
        () => {
          const n = Math.min(this.portNumber(), 65000);
          return `"${n}-${n + 5}"`;
        },
      ],
      [0.6, () => this.r.pick(['""', "0", "0x1F", "017", '"017"', "1_000"])],
      [0.4, () => this.r.pick(['"80x"', '"+81"', "-1", "65536", '"81-80"', "8.0", "true"])],
    ])();
    if (published !== null) fields.push(`published: ${published}`);
    if (this.r.chance(0.25)) {
      fields.push(
        `host_ip: ${this.r.weighted([
          [4, "127.0.0.1"],
          [2, '"::1"'],
          [2, "0.0.0.0"],
          [1, '"::"'],
          [0.3, this.r.pick(['"::ffff:127.0.0.1"', '"0:0:0:0:0:0:0:1"', '"fe80::1"'])],
          [0.3, this.r.pick(['"[::1]"', "bad", '""'])],
          [0.5, `"\${${this.variable()}:-127.0.0.1}"`],
        ])}`,
      );
    }
    if (this.r.chance(0.25)) {
      fields.push(
        `protocol: ${this.r.weighted([
          [3, "tcp"],
          [3, "udp"],
          [1, "UDP"],
          [1, "sctp"],
          [1, '""'],
          [0.3, "foo"],
        ])}`,
      );
    }
    if (this.r.chance(0.15)) fields.push(`mode: ${this.r.pick(["host", "ingress", "other"])}`);
    if (this.r.chance(0.1)) fields.push(`name: ${this.r.pick(["web", "http"])}`);
    if (this.r.chance(0.05)) fields.push("app_protocol: http");
    if (this.r.chance(0.05)) fields.push("x-note: extra");
    if (this.r.chance(0.005)) fields.push("publish: 80");
    return `{ ${fields.join(", ")} }`;
  }

  /** The spec as a YAML scalar: quoted, plain where YAML reads it as the same string, tagged, folded. */
  quote(spec: string): string {
    const plainSafe = /^[0-9$][^#\s'"]*$/.test(spec) && !spec.includes(": ") && !/^[0-9_.+-]+$/.test(spec);
    const style = this.r.weighted([
      [6, "double"],
      [2, "single"],
      [plainSafe ? 3 : 0, "plain"],
      [0.3, "tagged"],
      [0.3, "folded"],
    ]);
    if (style === "plain") return spec;
    if (style === "single") return `'${spec.replace(/'/g, "''")}'`;
    if (style === "tagged") return `!!str ${JSON.stringify(spec)}`;
    if (style === "folded") return `>-\n${this.indent}  ${spec}`;
    return JSON.stringify(spec);
  }

  /** The indentation of the list being written (a folded scalar continues below it). */
  indent = "      ";

  ports(count: number, indent: string): string[] {
    this.indent = indent;
    const items: string[] = [];
    let anchored: string | null = null;
    for (let i = 0; i < count; i++) {
      // A duplicate of an earlier entry: as written, or through an anchor.
      if (items.length > 0 && this.r.chance(0.12)) items.push(this.r.pick(items).replace(/^&a\d+ /, ""));
      else if (anchored && this.r.chance(0.3)) items.push(`*${anchored}`);
      else if (!anchored && this.r.chance(0.05)) {
        anchored = `a${this.r.int(1, 99)}`;
        items.push(`&${anchored} ${this.quote(this.shortSpec())}`);
      } else items.push(this.portItem());
    }
    return items.map((i) => `${indent}- ${i}`);
  }

  profiles(): string | null {
    if (!this.r.chance(0.3)) return null;
    const list = [...new Set([this.r.pick(PROFILES), ...(this.r.chance(0.3) ? [this.r.pick(PROFILES)] : [])])];
    if (this.r.chance(0.1)) list[0] = `\${${this.variable()}:-${list[0]}}`;
    return `[${list.map((p) => JSON.stringify(p)).join(", ")}]`;
  }

  image(): string {
    const image = this.r.pick(IMAGES);
    return this.r.chance(0.1) ? `"\${${this.variable()}:-${image}}"` : image;
  }

  /** A service body; `partial` services (overrides) need no image. */
  service(name: string, partial: boolean): string[] {
    const lines = [`  ${name}:`];
    if (!partial || this.r.chance(0.2)) {
      if (!partial && this.r.chance(0.05)) lines.push("    build: .");
      else lines.push(`    image: ${this.image()}`);
    }
    const profiles = this.profiles();
    if (profiles && !partial) lines.push(`    profiles: ${profiles}`);
    if (this.r.chance(0.1)) lines.push(`    x-meta: "\${${this.variable()}:-meta}"`);
    if (this.r.chance(0.01)) lines.push(`    labels: { note: "\${${this.variable()}:?label needed}" }`);
    else if (this.r.chance(0.05)) lines.push(`    labels: ["note=\${${this.variable()}:-x}"]`);
    const count = this.r.int(0, 3);
    const tag = partial
      ? this.r.weighted([
          [8, ""],
          [1, "!override "],
          [1, "!reset "],
        ])
      : this.r.weighted([
          [30, ""],
          [1, "!reset "],
        ]);
    if (tag === "!reset " && this.r.chance(0.5)) {
      lines.push(`    ports: !reset ${this.r.pick(["[]", "null"])}`);
    } else if (count > 0 || this.r.chance(0.1)) {
      if (count === 0) lines.push(`    ports: ${tag}[]`);
      else lines.push(`    ports: ${tag}`.trimEnd(), ...this.ports(count, "      "));
    }
    if (this.r.chance(0.15)) {
      this.volumes = true;
      lines.push("    volumes:", `      - ${this.r.pick(["data:/var/lib/data", "./conf:/etc/conf"])}`);
    }
    return lines;
  }
}

function envValue(b: Builder, key: string): string {
  const r = b.r;
  const n = String(b.portNumber());
  const value = r.weighted<() => string>([
    [8, () => n],
    [2, () => `"${n}"`],
    [2, () => `'${n}'`],
    [1, () => `${n} # comment`],
    [1, () => `"\${BASE_PORT:-${n}}"`],
    [1, () => `\${BASE_PORT}`],
    [1, () => ""],
    [0.5, () => r.pick(["0", "0070"])],
    [0.4, () => r.pick(["abc", "70 01", '"7001x"', "'${BASE_PORT}'", "99999", `${n}#x`, `"${n}\\n"`])],
    [0.3, () => `"${n}" # quoted`],
  ])();
  const prefix = r.chance(0.1) ? "export " : "";
  const separator = r.weighted([
    [12, "="],
    [1, " = "],
    [1, ": "],
  ]);
  return `${prefix}${key}${separator}${value}`;
}

/** The `.env` of the project folder (null: none). */
function envFile(b: Builder, composeFile: string | null, projectName: string | null, separator: string | null): string {
  const r = b.r;
  const lines: string[] = [];
  if (r.chance(0.2)) lines.push("# ports of this stack");
  if (r.chance(0.3)) lines.push(`BASE_PORT=${b.portNumber()}`);
  for (const key of [...b.used].sort()) {
    if (r.chance(0.25)) continue;
    lines.push(envValue(b, key));
    if (r.chance(0.05)) lines.push(envValue(b, key));
  }
  if (separator) lines.push(`COMPOSE_PATH_SEPARATOR=${separator}`);
  if (composeFile) lines.push(`COMPOSE_FILE=${composeFile}`);
  if (projectName !== null) lines.push(`COMPOSE_PROJECT_NAME=${projectName}`);
  if (r.chance(0.15)) lines.push(`COMPOSE_PROFILES=${r.pick(PROFILES)}`);
  if (r.chance(0.05)) lines.push('NOTE="two\nlines"', "SECRET='s3cr#t' # not a port");
  if (r.chance(0.05)) lines.push("HOME_DIR");
  if (r.chance(0.01)) lines.push('BROKEN="unterminated');
  const text = `${lines.join("\n")}\n`;
  return r.chance(0.05) ? text.replace(/\n/g, "\r\n") : r.chance(0.03) ? `\ufeff${text}` : text;
}

function composeDocument(
  b: Builder,
  names: readonly string[],
  options: { partial: boolean; name?: string | null; includes?: string[]; extendsFile?: string | null },
): string {
  const r = b.r;
  const lines: string[] = [];
  if (options.name) lines.push(`name: ${options.name}`);
  else if (r.chance(0.03)) lines.push(`name: ${options.partial ? "from-override" : "from-included"}`);
  if (!options.partial && r.chance(0.1)) lines.push(`x-version: "\${${b.variable()}:-1}"`);
  if (!options.partial && r.chance(0.01)) lines.push(`x-required: "\${${b.variable()}:?must be set}"`);
  if (options.includes && options.includes.length > 0) lines.push("include:", ...options.includes);
  const useAnchor = !options.partial && r.chance(0.2);
  if (useAnchor) {
    lines.push("x-base: &base", `  image: ${b.image()}`, "  ports:", ...b.ports(r.int(1, 2), "    "));
  }
  const portList = !options.partial && r.chance(0.1);
  if (portList) lines.push("x-ports: &ports", ...b.ports(r.int(1, 2), "  "));
  lines.push("services:");
  if (options.partial && r.chance(0.05)) lines.push(`  ${r.pick(names)}: !reset {}`);
  for (const name of names) {
    if (portList && r.chance(0.5)) {
      lines.push(`  ${name}:`, `    image: ${b.image()}`, "    ports: *ports");
      continue;
    }
    if (useAnchor && r.chance(0.5)) {
      lines.push(`  ${name}:`, "    <<: *base");
      const body = b.service(name, true).slice(1);
      lines.push(...body);
      continue;
    }
    if (options.extendsFile !== undefined && r.chance(0.3)) {
      lines.push(`  ${name}:`);
      lines.push(
        options.extendsFile
          ? `    extends: { file: ${options.extendsFile}, service: base }`
          : `    extends: ${r.pick(names.filter((n) => n !== name).concat(["base"]))}`,
      );
      lines.push(...b.service(name, true).slice(1));
      continue;
    }
    lines.push(...b.service(name, options.partial));
  }
  // A mounted volume is declared, but now and then it is not (compose refuses that).
  if (!options.partial && (b.volumes ? r.chance(0.95) : r.chance(0.1))) {
    lines.push("volumes:", "  data:", ...(r.chance(0.5) ? ["    name: fixed-data"] : []));
  }
  b.volumes = false;
  if (!options.partial && r.chance(0.04)) {
    lines.push("---", "services:", ...b.service(names[0] as string, true), ...b.service("second-doc", false));
  }
  const text = `${lines.join("\n")}\n`;
  return r.chance(0.04) ? text.replace(/\n/g, "\r\n") : text;
}

const BASE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const OVERRIDE_FILES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];

export function generateProject(seed: number): GeneratedProject {
  const r = new Random(seed * 2654435761 + 1);
  const b = new Builder(r);
  const files: Record<string, string> = {};
  const folder = `${r.pick(FOLDERS)}-${seed}`;
  const serviceNames = [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(SERVICE_NAMES)))];
  const layout = r.weighted([
    [7, "default"],
    [2, "compose-file"],
  ]);
  // With COMPOSE_FILE the files sit in a folder of their own: paths in them are relative to it.
  const dir = layout === "default" ? "" : "stack/";

  const topName = r.weighted<string | null>([
    [8, null],
    [1, "named"],
    [1, "My.Named"],
    [1, `\${${b.variable()}:-fromdefault}`],
  ]);

  // include: another folder with services of its own (sometimes one with a name of ours).
  const includes: string[] = [];
  if (r.chance(0.25)) {
    const incNames = [r.chance(0.1) ? (serviceNames[0] as string) : "included"];
    const nested = r.chance(0.2) ? ["  - ../deeper/compose.yaml"] : [];
    if (nested.length > 0) files[`${dir}deeper/compose.yaml`] = composeDocument(b, ["deep"], { partial: false });
    files[`${dir}inc/compose.yaml`] = composeDocument(b, incNames, { partial: false, includes: nested });
    if (r.chance(0.4)) files[`${dir}inc/.env`] = envFile(b, null, null, null);
    const form = r.pick(["short", "long", "env_file", "project_directory"]);
    if (form === "short") includes.push("  - inc/compose.yaml");
    else if (form === "long") {
      if (r.chance(0.3)) {
        files[`${dir}inc/more.yaml`] = composeDocument(b, incNames, { partial: true });
        includes.push("  - path: [inc/compose.yaml, inc/more.yaml]");
      } else includes.push("  - path: inc/compose.yaml");
    } else if (form === "env_file") {
      files[`${dir}inc/other.env`] = envFile(b, null, null, null);
      includes.push("  - path: inc/compose.yaml", "    env_file: inc/other.env");
    } else {
      files[`${dir}elsewhere/.env`] = envFile(b, null, null, null);
      includes.push("  - path: inc/compose.yaml", "    project_directory: elsewhere");
    }
  }

  // extends: a base service in another file, or in the same one.
  let extendsFile: string | null | undefined;
  if (r.chance(0.25)) {
    if (r.chance(0.5)) {
      extendsFile = r.chance(0.8) ? "common/base.yml" : "../common/base.yml";
      files[`${dir}${extendsFile}`.replace("stack/../", "")] = composeDocument(b, ["base"], { partial: false });
    } else {
      extendsFile = null;
      serviceNames.push("base");
    }
  }

  let composeFileVar: string | null = null;
  let separator: string | null = null;
  const main = composeDocument(b, serviceNames, {
    partial: false,
    name: topName,
    includes,
    ...(extendsFile !== undefined ? { extendsFile } : {}),
  });
  const overrideNames = serviceNames.filter(() => r.chance(0.5));
  if (r.chance(0.1)) overrideNames.push("extra");
  const override = overrideNames.length > 0 ? composeDocument(b, overrideNames, { partial: true }) : null;
  if (layout === "default") {
    const baseFile = r.pick(BASE_FILES);
    files[baseFile] = main;
    if (r.chance(0.05)) {
      files[r.pick(BASE_FILES.filter((f) => f !== baseFile))] = composeDocument(b, ["shadow"], { partial: false });
    }
    if (override && r.chance(0.6)) files[r.pick(OVERRIDE_FILES)] = override;
  } else {
    files[`${dir}base.yml`] = main;
    const list = [`${dir}base.yml`];
    if (override && r.chance(0.7)) {
      files[`${dir}prod.yml`] = override;
      list.push(`${dir}prod.yml`);
    }
    separator = r.weighted<string | null>([
      [3, null],
      [1, ","],
      [1, ";"],
    ]);
    composeFileVar = list.join(separator ?? ":");
    if (r.chance(0.2)) files["compose.yaml"] = composeDocument(b, ["not-loaded"], { partial: false });
  }
  // A variant compose does not load: portguard must not take it for part of the project.
  if (r.chance(0.15))
    files["docker-compose.prod.yml"] = composeDocument(b, serviceNames.slice(0, 1), { partial: true });

  const projectName = r.weighted<string | null>([
    [8, null],
    [1, "envname"],
    [0.2, "Bad.Name"],
  ]);
  if (composeFileVar || projectName !== null || r.chance(0.8)) {
    files[".env"] = envFile(b, composeFileVar, projectName, separator);
    if (r.chance(0.1)) files[".env.example"] = envFile(b, null, null, null);
  }
  return { folder, files };
}
