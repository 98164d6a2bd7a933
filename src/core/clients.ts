/**
 * The clients a port move leaves behind: lines of sources, configs and `.env` files that still
 * reach the old host port on this machine (`localhost:5432`, a `DATABASE_URL` in `.env`), found
 * with PG401's scanner. The unambiguous ones (a local `host:port` or URL in an env or config file)
 * can be rewritten to the new port; code is listed with the variable to read instead. Pure.
 */
import { parseEnvFile } from "./dotenv.js";
import type { FileChange, PortMove } from "./fix.js";
import { globMatcher, ignoreMatcher } from "./globs.js";
import { basename } from "./paths.js";
import type { Policy } from "./policy/types.js";
import { type PortOwner, scanSource, sourcePatterns } from "./source-ports.js";
import type { SourceTree } from "./types.js";

export interface ClientLine {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  /** The old port, and where its service is now. */
  from: number;
  to: number;
  variable: string;
  service: string;
  /** The matched `host:port` (never the rest of the line: it may hold a password). */
  address: string | null;
  /** For a `.env` line: its key. */
  key: string | null;
  /** A local `host:port` in an env or config file: `--clients` rewrites it to the new port. */
  rewritable: boolean;
  /** Why it is left to a person, when it is. */
  reason: string | null;
}

/** Files that hold settings rather than code: a literal address there can be rewritten safely. */
const CONFIG = /\.(?:json|jsonc|toml|ini|properties|conf|cfg|ya?ml|xml|env)$/i;

/** `.env`, `.env.local`, `app/.env.example`... */
function isEnvFile(path: string): boolean {
  return basename(path).startsWith(".env");
}

/** The local host written before the port, from the start of its word (`localhost:`, `[::1]:`). */
const HOST_BEFORE =
  /(?:localhost|[A-Za-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|host\.docker\.internal|gateway\.docker\.internal|\[[0:]*1?\]):$/i;

/**
 * The lines that reach a moved port. `moves` are this run's and earlier runs'; a port that a
 * binding of the project publishes again (`published`) is someone's now and is not reported, and a
 * port two services moved away from cannot be rewritten (which one does the line mean?).
 */
export function findClients(
  tree: SourceTree,
  policy: Policy,
  moves: PortMove[],
  published: ReadonlySet<number>,
  composeFiles: ReadonlySet<string>,
): ClientLine[] {
  const targets = new Map<number, PortMove[]>();
  for (const m of moves) {
    if (m.from === null || m.from === m.to || published.has(m.from)) continue;
    const list = targets.get(m.from) ?? [];
    if (!list.some((o) => o.to === m.to && o.service === m.service)) list.push(m);
    targets.set(m.from, list);
  }
  if (targets.size === 0) return [];
  const owners = new Map<number, PortOwner>();
  for (const [port, list] of targets) {
    const first = list[0] as PortMove;
    owners.set(port, { port, variable: first.variable, service: first.service });
  }
  const patterns = sourcePatterns(owners, new Map());
  if (!patterns) return [];
  const isSource = globMatcher(policy.files.sources);
  const ignored = ignoreMatcher(policy.files.ignore);
  const out: ClientLine[] = [];
  for (const path of tree.paths) {
    if (ignored(path) || composeFiles.has(path) || !(isSource(path) || isEnvFile(path))) continue;
    const read = tree.read(path);
    if (read.kind !== "text" || read.text.includes("\0")) continue;
    const findings = scanSource(path, read.text, owners, new Map(), patterns);
    if (findings.length === 0) continue;
    const lines = read.text.split("\n");
    const config = isEnvFile(path) || CONFIG.test(path);
    // An env file that does not parse is left alone, as fix leaves it (a line it cannot read is never rewritten).
    const broken = isEnvFile(path) ? parseEnvFile(read.text).errors[0] : undefined;
    for (const f of findings) {
      const list = targets.get(f.port) as PortMove[];
      const move = list[0] as PortMove;
      const text = lines[f.line - 1] ?? "";
      if (isEnvFile(path) && text.trimStart().startsWith("#")) continue;
      const host = f.via === "host" ? HOST_BEFORE.exec(text.slice(0, f.column - 1)) : null;
      const key = isEnvFile(path)
        ? (/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]/.exec(text)?.[1] ?? null)
        : null;
      const reason =
        list.length > 1
          ? `${list.length} services moved from ${f.port} (${list.map((m) => `${m.service} to ${m.to}`).join(", ")})`
          : f.via !== "host"
            ? "not a host:port address (is it the host port?)"
            : !config
              ? "code, not rewritten"
              : broken
                ? `the file has a syntax error at ${broken.line}:${broken.column} (PG001), not rewritten`
                : null;
      out.push({
        file: path,
        line: f.line,
        column: f.column,
        endColumn: f.endColumn,
        from: f.port,
        to: move.to,
        variable: move.variable,
        service: move.service,
        address: host ? `${host[0]}${f.port}` : null,
        key,
        rewritable: reason === null,
        reason,
      });
    }
  }
  return out;
}

/** The rewrites of the rewritable lines: the old port's digits become the new port. */
export function rewriteClients(tree: SourceTree, lines: ClientLine[]): FileChange[] {
  const byFile = new Map<string, ClientLine[]>();
  for (const l of lines) if (l.rewritable) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const changes: FileChange[] = [];
  for (const [path, edits] of byFile) {
    const read = tree.read(path);
    if (read.kind !== "text") continue;
    const rows = read.text.split("\n");
    // Right to left within a line, so that earlier columns stay valid.
    for (const e of [...edits].sort((a, b) => b.line - a.line || b.column - a.column)) {
      const row = rows[e.line - 1] as string;
      rows[e.line - 1] = `${row.slice(0, e.column - 1)}${e.to}${row.slice(e.endColumn - 1)}`;
    }
    changes.push({ path, before: read.text, after: rows.join("\n") });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : 1));
}
