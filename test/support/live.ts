/** Helpers for tests on the live machine: free ports, listeners, compose stacks on the real engine. */
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach } from "vitest";
import { CLI, project } from "./cli.js";
import { compose, docker, type Engine } from "./engine.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** Runs `clean` after the current test. */
export function onCleanup(clean: () => Promise<void> | void): void {
  cleanups.push(clean);
}

function bindable(port: number, host: string, kind: "tcp" | "udp4" | "udp6"): Promise<boolean> {
  return new Promise((resolve) => {
    if (kind === "tcp") {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen({ port, host, ipv6Only: host === "::" }, () => s.close(() => resolve(true)));
    } else {
      const s = createSocket(kind);
      s.once("error", () => resolve(false));
      s.bind(port, host, () => s.close(() => resolve(true)));
    }
  });
}

/** `count` consecutive ports free for TCP and UDP on every address (in 40000-49999, away from the policy's ranges). */
export async function freePorts(count = 1): Promise<number[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const start = 40000 + Math.floor(Math.random() * (10000 - count));
    const ports = Array.from({ length: count }, (_, i) => start + i);
    let ok = true;
    for (const p of ports) {
      ok =
        (await bindable(p, "0.0.0.0", "tcp")) &&
        (await bindable(p, "::", "tcp")) &&
        (await bindable(p, "0.0.0.0", "udp4")) &&
        (await bindable(p, "::", "udp6"));
      if (!ok) break;
    }
    if (ok) return ports;
  }
  throw new Error("no free ports");
}

/** Whether /proc/net lists a socket on this local port (any address, TCP listening or any UDP). */
export function socketListed(port: number, protocol: "tcp" | "udp" = "tcp"): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  return [protocol, `${protocol}6`].some((f) => {
    try {
      return readFileSync(`/proc/net/${f}`, "utf8").includes(hex);
    } catch {
      return false;
    }
  });
}

export async function until(condition: () => boolean, ms = 20_000, what = "a condition"): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A compose project folder; its containers and volumes are removed after the test. */
export function stack(engine: Engine, files: Record<string, string>, projectName?: string): string {
  const dir = project(files);
  onCleanup(() => {
    compose(engine, dir, [...(projectName ? ["-p", projectName] : []), "down", "-t", "0", "-v", "--remove-orphans"]);
  });
  return dir;
}

/** `docker run -d` of local/busybox sleeping, removed after the test; returns the container name. */
export function runContainer(engine: Engine, name: string, args: string[], image = "local/busybox"): string {
  onCleanup(() => {
    try {
      docker(engine, "rm", "-f", "-v", name);
    } catch {
      // already gone
    }
  });
  docker(engine, "run", "-d", "--init", "--name", name, ...args, image, "sleep", "3600");
  return name;
}

/** A service of busybox under an image name the policy knows, sleeping, with these port lines. */
export function service(image: string, ports: string[], extra = ""): string {
  const list = ports.map((p) => `      - "${p}"\n`).join("");
  // init: sleep as pid 1 ignores SIGTERM, and every stop would wait out the grace period.
  return `    image: ${image}\n    command: ["sleep", "3600"]\n    init: true\n    ports:\n${list}${extra}`;
}

export function composeFile(services: Record<string, string>, top = ""): string {
  const body = Object.entries(services)
    .map(([name, text]) => `  ${name}:\n${text}`)
    .join("");
  return `${top}services:\n${body}`;
}

/** A unique, valid compose project name for one test. */
export function projectName(stem: string): string {
  return `${stem}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs the built CLI without blocking this process (under `wrapper`, such as setpriv); killed after the test. */
export function startCli(args: string[], cwd: string, env: Record<string, string>, wrapper: string[] = []) {
  const [command, ...argv] = [...wrapper, process.execPath, CLI, ...args] as [string, ...string[]];
  const child: ChildProcess = spawn(command, argv, {
    cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
  });
  onCleanup(() => {
    child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, done, out: () => stdout, err: () => stderr };
}
