/**
 * The real docker compose as the oracle: `docker compose --profile '*' config --format json` in a
 * clean environment, reduced to what portguard must agree on (acceptance, the project name, the
 * bindings of each service). What `config` lets through but `up` refuses is counted as refused.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";

/** What the comparison looks at. Bindings are `host_ip|published|target|protocol`, sorted. */
export type View = { ok: false; error: string } | { ok: true; name: string; services: Record<string, string[]> };

/** The docker compose binary: `PORTGUARD_COMPOSE`, the cache the install script fills, else none. */
export function composeBinary(): string | null {
  const candidates = [process.env.PORTGUARD_COMPOSE, join(homedir(), ".cache/portguard/docker-compose")].filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    const r = spawnSync(c, ["version", "--short"], { encoding: "utf8", timeout: 20_000 });
    if (r.status === 0) return c;
  }
  return null;
}

export function composeVersion(binary: string): string {
  return spawnSync(binary, ["version", "--short"], { encoding: "utf8" }).stdout.trim();
}

/** A published port the engine accepts: `N` or `N-M`, digits only, 0-65535, start <= end. */
function engineAccepts(published: string): boolean {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(published);
  if (!m) return false;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return start <= 65535 && end <= 65535 && start <= end;
}

function normalizePort(text: string): string {
  return text.replace(/[0-9]+/g, (d) => String(Number(d)));
}

interface ComposePort {
  target?: number;
  published?: string;
  host_ip?: string;
  protocol?: string;
}

/** Reduces `config --format json` output to a {@link View}, applying what `up` refuses. */
export function viewOfConfig(json: string): View {
  const config = JSON.parse(json) as { name: string; services?: Record<string, { ports?: ComposePort[] }> };
  const services: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(config.services ?? {})) {
    const bindings: string[] = [];
    for (const p of service.ports ?? []) {
      const published = p.published ?? "";
      const protocol = (p.protocol ?? "tcp").toLowerCase() || "tcp";
      if (published !== "" && !engineAccepts(published)) {
        return { ok: false, error: `up refuses: invalid port specification: ${published}` };
      }
      if (p.target !== undefined && p.target > 65535) {
        return { ok: false, error: `up refuses: invalid port specification: ${p.target}` };
      }
      if (!["tcp", "udp", "sctp"].includes(protocol)) {
        return { ok: false, error: `up refuses: invalid transport protocol: ${protocol}` };
      }
      bindings.push(`${p.host_ip ?? ""}|${normalizePort(published)}|${p.target ?? 0}|${protocol}`);
    }
    services[name] = bindings.sort();
  }
  return { ok: true, name: config.name, services };
}

/** Writes the project into a fresh folder named `folder`; returns its path. */
export function writeProject(
  files: Record<string, string>,
  folder: string,
): { base: string; dir: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), "pg-oracle-"));
  const dir = join(base, folder);
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return { base, dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** Asks docker compose about one project written into a fresh folder. */
export async function askCompose(binary: string, files: Record<string, string>, folder: string): Promise<View> {
  const { base, dir, cleanup } = writeProject(files, folder);
  try {
    return await askComposeIn(binary, dir, [], base);
  } finally {
    cleanup();
  }
}

/** Asks docker compose about the project of `dir` (the files `-f` names, else its default ones). */
export async function askComposeIn(
  binary: string,
  dir: string,
  composeFiles: readonly string[],
  base = dir,
): Promise<View> {
  const view = await runConfig(binary, dir, composeFiles, base, "json");
  // compose v2.40 cannot print some valid projects as JSON (an ssh key in build): ask for YAML then.
  return !view.ok && view.error.includes("MarshalJSON") ? runConfig(binary, dir, composeFiles, base, "yaml") : view;
}

function runConfig(
  binary: string,
  dir: string,
  composeFiles: readonly string[],
  base: string,
  format: "json" | "yaml",
): Promise<View> {
  const args = [...composeFiles.flatMap((f) => ["-f", f]), "--profile", "*", "config", "--format", format];
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd: dir,
      env: { PATH: "/usr/bin:/bin", HOME: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("close", (code) => {
      if (code !== 0) {
        const lines = err.trim().split("\n");
        const line = (lines[lines.length - 1] ?? "").replaceAll(dir, "<project>").replaceAll(base, "<tmp>");
        resolve({ ok: false, error: line });
      } else {
        resolve(viewOfConfig(format === "json" ? out : JSON.stringify(parse(out))));
      }
    });
  });
}

/** Runs `task` over `items` with at most `limit` at once, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
