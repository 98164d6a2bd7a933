/** `portguard preflight`: the project's host ports against this machine, before `docker compose up`. */
import type { StackModel } from "../../core/context.js";
import { type MachineState, type PreflightReport, preflight } from "../../core/preflight/analyze.js";
import { formatPreflightJson, formatPreflightTable, preflightChanges } from "../../core/preflight/format.js";
import type { Redactor } from "../../core/redact.js";
import { engineEndpoint, queryEngine } from "./docker-engine.js";
import { scanSockets } from "./sockets.js";

export interface PreflightIo {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface PreflightOptions {
  format: "table" | "json";
  /** ms for the Docker Engine (and lsof/netstat). */
  timeout: number;
  /** Seconds between checks, or null for one check. */
  watch: number | null;
  /** Lints the project again (its files may change while watching); its redactor hides the run's secrets. */
  project: () => Promise<{ model: StackModel; include: (file: string) => boolean; redactor: Redactor }>;
}

async function check(
  options: PreflightOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ report: PreflightReport; timings: Record<string, number> }> {
  const started = process.hrtime.bigint();
  const { model, include, redactor } = await options.project();
  const wanted = new Set<string>();
  for (const b of model.bindings) {
    if (!b.resolved || b.hostPort === null || b.hostPort === 0 || !include(b.location.file)) continue;
    const end = b.hostPortEnd ?? b.hostPort;
    for (let p = b.hostPort; p <= end; p++) wanted.add(`${b.protocol}/${p}`);
  }
  const lintMs = Number(process.hrtime.bigint() - started) / 1e6;
  const dockerStart = process.hrtime.bigint();
  const engine = queryEngine(engineEndpoint(env), options.timeout).then((answer) => ({
    answer,
    ms: Number(process.hrtime.bigint() - dockerStart) / 1e6,
  }));
  const scan = await scanSockets((protocol, port) => wanted.has(`${protocol}/${port}`), options.timeout);
  const { answer, ms: dockerMs } = await engine;
  const state: MachineState = {
    sockets: scan.sockets,
    socketSource: scan.source,
    published: answer.reachable ? answer.published : null,
    docker: answer.reachable
      ? { reachable: true, endpoint: answer.endpoint, apiVersion: answer.apiVersion, containers: answer.containers }
      : { reachable: false, endpoint: answer.endpoint, reason: answer.reason },
  };
  const planned = preflight(model, state, include);
  // The rows come from the model, not the redacted report: a host IP or project name can hold an env value.
  const report = {
    ...planned,
    rows: planned.rows.map((r) => ({ ...r, hostIp: redactor.redact(r.hostIp), project: redactor.redact(r.project) })),
  };
  const round = (n: number) => Math.round(n * 10) / 10;
  const timings = {
    project: round(lintMs),
    socketTables: scan.timings.tables,
    socketOwners: scan.timings.owners,
    docker: round(dockerMs),
    total: round(Number(process.hrtime.bigint() - started) / 1e6),
  };
  return { report, timings };
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export async function preflightCommand(io: PreflightIo, options: PreflightOptions): Promise<number> {
  const first = await check(options, io.env);
  let report = first.report;
  // Watching in JSON prints JSON Lines: one compact document per check that changed something.
  const json = (r: PreflightReport, t: Record<string, number>) =>
    options.watch === null ? formatPreflightJson(r, t) : `${JSON.stringify({ ...r, timings: t })}\n`;
  io.stdout(options.format === "json" ? json(report, first.timings) : formatPreflightTable(report));
  if (options.watch === null) return report.summary.blocked > 0 ? 1 : 0;

  if (options.format === "table")
    io.stdout(`Watching every ${options.watch} s; only changes are printed (Ctrl-C to stop).\n`);
  let stopped = false;
  let wake: () => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    wake();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, (options.watch as number) * 1000);
      });
      if (stopped) break;
      const next = await check(options, io.env);
      if (options.format === "json") {
        if (preflightChanges(report, next.report, "") !== "") io.stdout(json(next.report, next.timings));
      } else {
        io.stdout(preflightChanges(report, next.report, clock()));
      }
      report = next.report;
    }
  } finally {
    process.removeListener("SIGINT", stop);
    process.removeListener("SIGTERM", stop);
  }
  return report.summary.blocked > 0 ? 1 : 0;
}
