/**
 * The one place secrets are taken out of what portguard prints. `.env` files hold passwords and
 * keys; interpolation can carry them into any value a message quotes (a container port, a host IP,
 * a default, an include path, a category). Every diagnostic and every binding of a lint run passes
 * through the run's {@link Redactor}, which replaces each such value by the name of its variable
 * (`${API_KEY}`); the adapters pass their other output through it too.
 *
 * Values are found by content: the run's env values that could be secrets (not port numbers, not
 * shorter than 4 characters, not compose's own COMPOSE_* settings), matched without regard to case
 * (compose lowercases a protocol). A value inside a name the project shows anyway (a service, a
 * file, a variable) is left alone, so a service called `postgres` keeps its name when
 * `POSTGRES_USER=postgres`. The compose model names the variable in its own messages already (it
 * knows where each part of a value came from, which finds parts and short values too); this
 * catches every other place, and code that knows more can add it with {@link Redactor.add}.
 */
import type { Assembly } from "./project.js";

export interface SecretValue {
  variable: string;
  value: string;
}

/** Shorter values are everywhere in ordinary text (`tcp`, `dev`) and guard nothing worth hiding. */
export const MIN_SECRET_LENGTH = 4;

/** Port numbers and ranges are what portguard reports on; they are no secret. */
function portLike(value: string): boolean {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  return m !== null && Number(m[1]) <= 65535 && (m[2] === undefined || Number(m[2]) <= 65535);
}

/** Whether a value of a `.env` variable is treated as a secret. */
export function mayBeSecret(value: string): boolean {
  const v = value.trim();
  return v.length >= MIN_SECRET_LENGTH && !portLike(v) && !/^(?:true|false|null)$/i.test(v);
}

interface Needle {
  lower: string;
  variable: string;
  /** Public names holding this value (lowercased), where an occurrence is not a leak. */
  within: string[];
}

export class Redactor {
  private needles: Needle[] = [];
  private readonly seen = new Set<string>();

  constructor(
    secrets: Iterable<SecretValue> = [],
    /** Names the output shows anyway: services, files, variables. */
    private readonly publicNames: readonly string[] = [],
  ) {
    for (const s of secrets) this.add(s.variable, s.value);
  }

  /** Treats `value` as a secret from `variable` from now on. */
  add(variable: string, value: string): void {
    if (!mayBeSecret(value)) return;
    const lower = foldCase(value.trim());
    if (this.seen.has(lower)) return;
    this.seen.add(lower);
    const within = this.publicNames.map(foldCase).filter((n) => n.includes(lower));
    this.needles.push({ lower, variable, within });
    // Longest first: a secret that contains another is replaced whole.
    this.needles.sort((a, b) => b.lower.length - a.lower.length);
  }

  get size(): number {
    return this.needles.length;
  }

  /** `text` with every secret replaced by `${VARIABLE}`. */
  redact(text: string): string {
    if (this.needles.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
    let out = text;
    for (const n of this.needles) {
      const lower = foldCase(out);
      if (!lower.includes(n.lower)) continue;
      const spared = spans(lower, n.within);
      let result = "";
      let last = 0;
      for (let i = lower.indexOf(n.lower); i >= 0; i = lower.indexOf(n.lower, i + n.lower.length)) {
        const end = i + n.lower.length;
        if (spared.some(([a, b]) => a <= i && end <= b)) continue;
        result += `${out.slice(last, i)}\${${n.variable}}`;
        last = end;
      }
      out = result + out.slice(last);
    }
    return out;
  }

  /** A copy of `data` (plain JSON data: a report) with every string in it redacted. */
  redactData<T>(data: T): T {
    if (this.needles.length === 0) return data;
    return JSON.parse(JSON.stringify(data), (_key, value) =>
      typeof value === "string" ? this.redact(value) : value,
    ) as T;
  }
}

/** Lower case, one UTF-16 unit for one (so that offsets in the folded text hold in the original). */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Where the given names occur in `text`. */
function spans(text: string, names: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const name of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) out.push([i, i + name.length]);
  }
  return out;
}

/** Compose's own settings (COMPOSE_PROJECT_NAME, COMPOSE_PROFILES...): configuration, no secret. */
const COMPOSE_SETTING = /^COMPOSE_/;

/** Variable names a template refers to (`$NAME`, `${NAME...}`, nested defaults included). */
function referencedNames(text: string, into: Set<string>): void {
  for (const m of text.matchAll(/\$\{?([_A-Za-z][_A-Za-z0-9]*)/g)) into.add(m[1] as string);
}

/**
 * The values of a lint run that may be secrets: every env file value that reads as one, and the
 * process environment's values of the variables the compose and env files refer to (with
 * `--use-process-env`).
 */
export function secretValues(assembly: Assembly, processEnv: Record<string, string | undefined> | null): SecretValue[] {
  const out: SecretValue[] = [];
  const referenced = new Set<string>();
  for (const env of assembly.envFiles) {
    for (const entry of env.parsed.entries) {
      if (COMPOSE_SETTING.test(entry.key)) continue;
      out.push({ variable: entry.key, value: entry.value });
      referenced.add(entry.key);
      referencedNames(entry.raw, referenced);
    }
  }
  if (processEnv) {
    for (const file of assembly.composeFiles.values()) {
      for (const template of file.templates) referencedNames(template, referenced);
    }
    for (const name of [...referenced].sort()) {
      if (COMPOSE_SETTING.test(name)) continue;
      const value = processEnv[name];
      if (value !== undefined) out.push({ variable: name, value });
    }
  }
  return out;
}

/** A redactor for a lint run: its secrets, with the project's own names left alone. */
export function runRedactor(
  assembly: Assembly,
  processEnv: Record<string, string | undefined> | null,
  publicNames: Iterable<string>,
): Redactor {
  return new Redactor(secretValues(assembly, processEnv), [...new Set(publicNames)]);
}
