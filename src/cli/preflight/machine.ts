/**
 * What this machine has running, for preflight and audit: the engine's containers first, then the
 * socket tables, then the processes holding the sockets that matter and that the engine's list
 * does not explain. One after the other, so that each timing is its own.
 */

import type { MachineState } from "../../core/preflight/analyze.js";
import { mayBeContainerPort, socketOfPort } from "../../core/preflight/analyze.js";
import type { PublishedPort } from "../../core/preflight/docker.js";
import type { ListeningSocket } from "../../core/preflight/sockets.js";
import { EngineClient, engineEndpoint } from "./docker-engine.js";
import { scanSockets } from "./sockets.js";

export interface MachineTimings {
  /** ms asking the engine for its containers (and volumes). */
  docker: number;
  socketTables: number;
  socketOwners: number;
}

export interface MachineRead {
  state: MachineState;
  timings: MachineTimings;
  /** The client of this read, for further questions (volumes). */
  engine: EngineClient;
}

function since(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/**
 * Reads the machine; `wanted` says which sockets matter (their owners are looked up). With
 * `volumes`, the engine's volumes too (null when the engine cannot say).
 */
export async function readMachine(
  env: NodeJS.ProcessEnv,
  timeout: number,
  wanted: (s: ListeningSocket) => boolean,
  options: { volumes?: boolean } = {},
): Promise<MachineRead> {
  const engine = new EngineClient(engineEndpoint(env), timeout);
  const dockerStart = process.hrtime.bigint();
  const answer = await engine.containers();
  const containers = answer.reachable ? answer.containers : null;
  const volumes = containers && options.volumes ? await engine.volumes().catch(() => null) : null;
  const docker = since(dockerStart);
  const published: PublishedPort[] = (containers ?? []).flatMap((c) => c.published);
  // A socket the engine's list explains needs no owner: it is that container's.
  const explained = (s: ListeningSocket) => mayBeContainerPort(s) && published.some((p) => socketOfPort(s, p));
  const scan = await scanSockets((s) => wanted(s) && !explained(s), timeout);
  const state: MachineState = {
    sockets: scan.sockets,
    socketSource: scan.source,
    containers,
    volumes,
    docker: answer.reachable
      ? {
          reachable: true,
          endpoint: answer.endpoint,
          apiVersion: answer.apiVersion,
          containers: (containers ?? []).filter((c) => c.container.state === "running").length,
          starting: 0,
        }
      : { reachable: false, endpoint: answer.endpoint, reason: answer.reason },
  };
  return {
    state,
    timings: {
      docker: Math.round(docker * 10) / 10,
      socketTables: scan.timings.tables,
      socketOwners: scan.timings.owners,
    },
    engine,
  };
}
