/** `portguard preflight`: the project's host ports against this machine, before `docker compose up`. */
import type { StackModel } from "../../core/context.js";
import { printable } from "../../core/format/printable.js";
import { type PreflightReport, preflight } from "../../core/preflight/analyze.js";
import { formatPreflightJson, formatPreflightTable, preflightChanges } from "../../core/preflight/format.js";
import type { Redactor } from "../../core/redact.js";
import { describeBackup } from "../backup.js";
import { type ApplyResult, applySuggestions } from "./apply.js";
import { readMachine } from "./machine.js";

export interface PreflightIo {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** The linted project, and how long the lint took (ms). */
export interface LoadedProject {
  model: StackModel;
  include: (file: string) => boolean;
  /** Hides the run's secrets. */
  redactor: Redactor;
  ms: number;
  /** The project root (absolute). */
  root: string;
}

export interface PreflightOptions {
  format: "table" | "json";
  /** ms for the Docker Engine (and lsof/netstat). */
  timeout: number;
  /** Seconds between checks, or null for one check. */
  watch: number | null;
  /** Lints the project again (its files may change while watching). */
  project: () => Promise<LoadedProject>;
  /** Write the suggested ports into .env, then check again. */
  apply?: boolean;
  /** With `apply`: write even over uncommitted changes (they are backed up). */
  force?: boolean;
}

/** The (protocol, port) pairs the project's bindings want. */
function wantedPorts(model: StackModel, include: (file: string) => boolean): Set<string> {
  const wanted = new Set<string>();
  for (const b of model.bindings) {
    if (!b.resolved || b.hostPort === null || b.hostPort === 0 || !include(b.location.file)) continue;
    const end = b.hostPortEnd ?? b.hostPort;
    for (let p = b.hostPort; p <= end; p++) wanted.add(`${b.protocol}/${p}`);
  }
  return wanted;
}

export async function checkOnce(
  options: Pick<PreflightOptions, "timeout">,
  loaded: LoadedProject,
  env: NodeJS.ProcessEnv,
): Promise<{ report: PreflightReport; timings: Record<string, number> }> {
  const started = process.hrtime.bigint();
  const { model, include, redactor } = loaded;
  const wanted = wantedPorts(model, include);
  const machine = await readMachine(env, options.timeout, (s) => wanted.has(`${s.protocol}/${s.port}`), {
    volumes: true,
  });
  const planned = preflight(model, machine.state, { include, root: loaded.root });
  // The rows come from the model, not the redacted report: a host IP, a project or volume name can hold an env value.
  const report = redactor.redactData(planned);
  const round = (n: number) => Math.round(n * 10) / 10;
  const timings = {
    project: round(loaded.ms),
    docker: machine.timings.docker,
    socketTables: machine.timings.socketTables,
    socketOwners: machine.timings.socketOwners,
    total: round(loaded.ms + Number(process.hrtime.bigint() - started) / 1e6),
  };
  return { report, timings };
}

async function check(options: PreflightOptions, env: NodeJS.ProcessEnv) {
  return checkOnce(options, await options.project(), env);
}

/** Start-up would fail, or start a database without its data. */
function failed(report: PreflightReport): boolean {
  return report.summary.blocked > 0 || report.summary.volumes > 0;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function formatApply(result: ApplyResult): string {
  const lines: string[] = [""];
  if (result.dirty.length > 0) {
    lines.push(
      "Not applied: these files have uncommitted changes (commit or stash them, or pass --force):",
      ...result.dirty.map((d) => `  ${d}`),
    );
  }
  for (const a of result.applied) lines.push(`Applied: ${a.variable}=${a.port} in ${a.file} (${a.service})`);
  for (const s of result.skipped)
    lines.push(`Not applied: ${s.service} (${s.file}${s.line ? `:${s.line}` : ""}): ${s.reason}`);
  if (result.applied.length === 0 && result.skipped.length === 0 && result.dirty.length === 0) {
    lines.push("Nothing to apply.");
  }
  return `${lines.map(printable).join("\n")}\n${result.backup ? describeBackup(result.backup) : ""}`;
}

/** `--apply`: check, write the suggestions, check again; the second check decides the exit code. */
async function applyAndCheck(io: PreflightIo, options: PreflightOptions): Promise<number> {
  const loaded = await options.project();
  const first = await checkOnce(options, loaded, io.env);
  const result = applySuggestions(loaded.model, loaded.root, first.report, options.force === true);
  const again = result.backup ? await check(options, io.env) : first;
  if (options.format === "json") {
    io.stdout(
      formatPreflightJson(again.report, again.timings, {
        applied: result.applied,
        skipped: result.skipped,
        dirty: result.dirty,
        backup: result.backup?.manifest.id ?? null,
      }),
    );
  } else {
    io.stdout(formatPreflightTable(first.report));
    io.stdout(formatApply(result));
    if (result.backup) io.stdout(`\nChecking again:\n${formatPreflightTable(again.report)}`);
  }
  if (result.dirty.length > 0) return 2;
  return failed(again.report) ? 1 : 0;
}

export async function preflightCommand(io: PreflightIo, options: PreflightOptions): Promise<number> {
  if (options.apply) return applyAndCheck(io, options);
  const first = await check(options, io.env);
  let report = first.report;
  // Watching in JSON prints JSON Lines: one compact document per check that changed something.
  const json = (r: PreflightReport, t: Record<string, number>) =>
    options.watch === null ? formatPreflightJson(r, t) : `${JSON.stringify({ ...r, timings: t })}\n`;
  io.stdout(options.format === "json" ? json(report, first.timings) : formatPreflightTable(report));
  if (options.watch === null) return failed(report) ? 1 : 0;

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
  return failed(report) ? 1 : 0;
}
