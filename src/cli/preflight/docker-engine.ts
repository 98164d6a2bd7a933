/**
 * The Docker Engine API, spoken directly over its socket with node's http (no SDK): which running
 * containers publish which host ports. Every request runs under one deadline; whatever goes wrong
 * becomes a reason, never an exception, so the rest of preflight still runs.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { homedir } from "node:os";
import { join } from "node:path";
import { type EngineContainer, type EngineVolume, parseContainers, parseVolumes } from "../../core/preflight/docker.js";

export type EngineEndpoint =
  | { display: string; socketPath: string }
  | { display: string; host: string; port: number }
  | { display: string; unsupported: string };

export type EngineAnswer =
  | { reachable: true; endpoint: string; apiVersion: string | null; containers: EngineContainer[] }
  | { reachable: false; endpoint: string; reason: string };

function fromHost(host: string): EngineEndpoint {
  if (host.startsWith("unix://")) return { display: host, socketPath: host.slice("unix://".length) };
  if (host.startsWith("npipe://")) {
    return { display: host, socketPath: host.slice("npipe://".length).replace(/\//g, "\\") };
  }
  const tcp = /^(?:tcp|http):\/\/\[?([^\]/]+?)\]?:(\d+)\/?$/.exec(host);
  if (tcp) {
    if (process.env.DOCKER_TLS_VERIFY) return { display: host, unsupported: "TLS endpoints are not supported" };
    return { display: host, host: tcp[1] as string, port: Number(tcp[2]) };
  }
  return { display: host, unsupported: `unsupported endpoint (${host.split("://")[0]}://)` };
}

/**
 * Where the engine is, as the docker CLI decides: DOCKER_HOST, else the context named by
 * DOCKER_CONTEXT or by `currentContext` in the CLI's config.json, else the default socket.
 */
export function engineEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  if (env.DOCKER_HOST) return fromHost(env.DOCKER_HOST);
  const configDir = env.DOCKER_CONFIG || join(homedir(), ".docker");
  let context = env.DOCKER_CONTEXT ?? null;
  if (!context) {
    try {
      const config = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { currentContext?: unknown };
      if (typeof config.currentContext === "string") context = config.currentContext;
    } catch {
      // No CLI config: the default endpoint.
    }
  }
  if (context && context !== "default") {
    const digest = createHash("sha256").update(context).digest("hex");
    try {
      const meta = JSON.parse(readFileSync(join(configDir, "contexts", "meta", digest, "meta.json"), "utf8")) as {
        Endpoints?: { docker?: { Host?: unknown } };
      };
      const host = meta.Endpoints?.docker?.Host;
      if (typeof host === "string" && host) return fromHost(host);
    } catch {
      return { display: `context ${context}`, unsupported: `docker context ${context} not found in ${configDir}` };
    }
  }
  return process.platform === "win32"
    ? fromHost("npipe:////./pipe/docker_engine")
    : fromHost("unix:///var/run/docker.sock");
}

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(endpoint: EngineEndpoint, path: string, deadline: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target =
      "socketPath" in endpoint ? { socketPath: endpoint.socketPath } : "host" in endpoint ? endpoint : null;
    if (!target) return reject(new Error("unsupported endpoint"));
    const req = request(
      { ...target, path, method: "GET", headers: { host: "docker", accept: "application/json" }, signal: deadline },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          // A container list is kilobytes; anything huge is not an engine.
          if (size > 64 * 1024 * 1024) req.destroy(new Error("answer too large"));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function reasonOf(error: unknown, endpoint: EngineEndpoint, timeout: number): string {
  const e = error as NodeJS.ErrnoException;
  const where = "socketPath" in endpoint ? endpoint.socketPath : endpoint.display;
  if (e.name === "AbortError" || e.code === "ABORT_ERR") return `no answer within ${timeout} ms`;
  if (e.code === "ENOENT") return `no socket at ${where}`;
  if (e.code === "ECONNREFUSED") return `connection refused at ${where}`;
  if (e.code === "EACCES") return `permission denied on ${where} (is the user in the docker group?)`;
  return e.message || String(error);
}

function engineMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === "string") return message.slice(0, 200);
  } catch {
    // Not JSON: the status says enough.
  }
  return "";
}

/**
 * One check's conversation with the engine: the version negotiated once through /_ping, then the
 * calls preflight and audit need, all of them within `timeout` ms of the client's creation.
 */
export class EngineClient {
  private version: string | null | undefined;
  private readonly deadline: number;

  constructor(
    readonly endpoint: EngineEndpoint,
    private readonly timeout: number,
  ) {
    this.deadline = Date.now() + timeout;
  }

  /** GET `path` within the deadline; the answer's body when it is a 200, else an EngineError with the reason. */
  private async body(path: string, label = path): Promise<{ body: string; headers: HttpAnswer["headers"] }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, this.deadline - Date.now()));
    try {
      const answer = await get(this.endpoint, path, controller.signal);
      if (answer.status !== 200) {
        const message = engineMessage(answer.body);
        throw new EngineError(`HTTP ${answer.status} on ${label.replace(/\?.*$/, "")}${message ? `: ${message}` : ""}`);
      }
      return answer;
    } catch (error) {
      throw error instanceof EngineError ? error : new EngineError(reasonOf(error, this.endpoint, this.timeout));
    } finally {
      clearTimeout(timer);
    }
  }

  /** GET a versioned API path, negotiating the version through /_ping first. */
  private async call<T>(path: string, parse: (body: string) => T): Promise<T> {
    if ("unsupported" in this.endpoint) throw new EngineError(this.endpoint.unsupported);
    if (this.version === undefined) {
      const header = (await this.body("/_ping")).headers["api-version"];
      this.version = typeof header === "string" && /^\d+\.\d+$/.test(header) ? header : null;
    }
    const { body } = await this.body(`${this.version ? `/v${this.version}` : ""}${path}`, path);
    return parse(body);
  }

  /** Every container (any state) with its published ports; never throws: a reason instead. */
  async containers(): Promise<EngineAnswer> {
    const endpoint = this.endpoint.display;
    try {
      const containers = await this.call("/containers/json?all=1", parseContainers);
      return { reachable: true, endpoint, apiVersion: this.version ?? null, containers };
    } catch (error) {
      return { reachable: false, endpoint, reason: (error as Error).message };
    }
  }

  /** The engine's volumes; throws an EngineError with the reason. */
  volumes(): Promise<EngineVolume[]> {
    return this.call("/volumes", parseVolumes);
  }
}

export class EngineError extends Error {}
