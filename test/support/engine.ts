/**
 * The real Docker engine and the real docker compose, for the tests that need a live machine.
 * The engine is started on first use (scripts/docker-engine.sh, one per checkout, under a lock so
 * that parallel test files share it) and stopped by the global teardown when a test started it.
 * When it cannot be had, `realEngine()` is null and one line says why, once per run.
 * PORTGUARD_TEST_ENGINE=off skips those tests on purpose.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { projectRoot } from "./shared.js";

const SCRIPT = join(projectRoot, "scripts/docker-engine.sh");
const COMPOSE_SCRIPT = join(projectRoot, "scripts/docker-compose.sh");

export interface Engine {
  /** `unix:///...docker.sock` */
  host: string;
  root: string;
  /** The real docker compose binary. */
  compose: string;
  /** Whether the `portguard-slow` runtime exists (an engine started by scripts/docker-engine.sh). */
  slowRuntime: boolean;
}

/** Marker files kept next to the engine's root (its root is removed on stop). */
export function engineMarkers(root: string) {
  return { startedByTests: `${root}.started-by-tests`, unavailable: `${root}.unavailable` };
}

export function engineRoot(): { host: string; root: string } | null {
  if (process.platform !== "linux") return null;
  const out = spawnSync(SCRIPT, ["env"], { encoding: "utf8" });
  const host = /^DOCKER_HOST=(.*)$/m.exec(out.stdout ?? "")?.[1];
  const root = /^ROOT=(.*)$/m.exec(out.stdout ?? "")?.[1];
  return host && root ? { host, root } : null;
}

function composeBinary(): string | null {
  const fromEnv = process.env.PORTGUARD_DOCKER_COMPOSE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const cached = join(homedir(), ".cache/portguard/docker-compose");
  if (existsSync(cached)) return cached;
  const r = spawnSync(COMPOSE_SCRIPT, [], { encoding: "utf8", timeout: 300_000 });
  const path = r.stdout?.trim().split("\n").pop();
  return r.status === 0 && path && existsSync(path) ? path : null;
}

let cached: Engine | null | undefined;

/** Starts (or joins) the test engine; null, with one visible line per run, when it cannot be had. */
export function realEngine(): Engine | null {
  if (cached !== undefined) return cached;
  cached = null;
  const where = engineRoot();
  if (!where) {
    announce(null, "not on Linux");
    return null;
  }
  const markers = engineMarkers(where.root);
  if (process.env.PORTGUARD_TEST_ENGINE === "off") {
    announce(markers.unavailable, "PORTGUARD_TEST_ENGINE=off");
    return null;
  }
  mkdirSync(dirname(where.root), { recursive: true });
  const lock = `${where.root}.lock`;
  // Under one lock for every test file of the run: running already (started by .ci/run, a
  // developer, or another file)? Found unavailable by another file (exit 4)? Else start it; when
  // that fails, the reason is recorded before the lock is released (exit 5), so it is said once.
  const started = spawnSync(
    "flock",
    [
      // -o: the lock is not inherited by what the command starts (dockerd would hold it for good).
      "-o",
      lock,
      "sh",
      "-c",
      `if DOCKER_HOST=${where.host} docker version >/dev/null 2>&1; then echo running; ` +
        `elif [ -e "${markers.unavailable}" ]; then exit 4; ` +
        `elif out=$("$0" start 2>&1 >/dev/null); then touch "${markers.startedByTests}"; echo started; ` +
        `else printf 'real Docker engine not available (%s): its tests are skipped\\n' "$(printf '%s\\n' "$out" | tail -n 1)" >"${markers.unavailable}"; exit 5; fi`,
      SCRIPT,
    ],
    { encoding: "utf8", timeout: 600_000 },
  );
  if (started.status === 4) return null;
  if (started.status === 5) {
    process.stderr.write(readFileSync(markers.unavailable, "utf8"));
    return null;
  }
  if (started.status !== 0) {
    announce(markers.unavailable, (started.stderr || started.error?.message || `exit ${started.status}`).trim());
    return null;
  }
  const compose = composeBinary();
  if (!compose) {
    announce(markers.unavailable, "the docker compose binary cannot be installed");
    return null;
  }
  const env = { ...process.env, DOCKER_HOST: where.host };
  const runtimes = spawnSync("docker", ["info", "--format", "{{json .Runtimes}}"], { env, encoding: "utf8" });
  // Images named like the ones the policy classifies, all made of busybox (no registry).
  for (const tag of IMAGES) execFileSync("docker", ["tag", "local/busybox", tag], { env });
  cached = { host: where.host, root: where.root, compose, slowRuntime: runtimes.stdout.includes("portguard-slow") };
  return cached;
}

/** Local tags of local/busybox that the default policy classifies (database, ui) or not (app). */
export const IMAGES = ["postgres:pgtest", "redis:pgtest", "adminer:pgtest", "example/api:pgtest"];

/** Says why, once per run: the first test file to find out creates the marker (atomically), the others stay silent. */
function announce(marker: string | null, reason: string): void {
  const line = `real Docker engine not available (${reason}): its tests are skipped\n`;
  if (marker) {
    try {
      writeFileSync(marker, line, { flag: "wx" });
    } catch {
      return;
    }
  }
  process.stderr.write(line);
}

/** Runs docker with the engine; throws with its stderr on failure. */
export function docker(engine: Engine, ...args: string[]): string {
  const r = spawnSync("docker", args, { env: { ...process.env, DOCKER_HOST: engine.host }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`docker ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Runs the real docker compose in `dir`; returns status and output (never throws). */
export function compose(engine: Engine, dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(engine.compose, args, {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DOCKER_HOST: engine.host, ...env },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
