/** `portguard audit`: who holds the policy's port ranges on this machine now, and what breaks the convention. */
import { appendFileSync } from "node:fs";
import { hostname } from "node:os";
import { audit } from "../core/audit/analyze.js";
import { auditLogLine, formatAuditJson, formatAuditTable } from "../core/audit/format.js";
import type { StackModel } from "../core/context.js";
import type { Redactor } from "../core/redact.js";
import { UsageError } from "./config.js";
import { readMachine } from "./preflight/machine.js";

export interface AuditIo {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface AuditCommandOptions {
  format: "table" | "json";
  timeout: number;
  /** Absolute path of the JSON Lines log to append to, or null. */
  log: string | null;
  model: StackModel;
  /** Hides the lint run's secrets. */
  redactor: Redactor;
  /** ms spent loading and linting the project. */
  projectMs: number;
}

export async function auditCommand(io: AuditIo, options: AuditCommandOptions): Promise<number> {
  const started = process.hrtime.bigint();
  const { model: context } = options;
  const ranges = context.policy.ranges;
  const planned = new Set<string>();
  for (const b of context.bindings) {
    if (!b.resolved || b.hostPort === null || b.hostPort === 0) continue;
    for (let p = b.hostPort; p <= (b.hostPortEnd ?? b.hostPort); p++) planned.add(`${b.protocol}/${p}`);
  }
  const machine = await readMachine(
    io.env,
    options.timeout,
    (s) => planned.has(`${s.protocol}/${s.port}`) || ranges.some((r) => r.start <= s.port && s.port <= r.end),
  );
  // Every output (table, JSON, log) is made from the redacted report: a project, volume or host IP can hold an env value.
  const report = options.redactor.redactData(
    audit(context, machine.state, { timestamp: new Date().toISOString(), host: hostname() }),
  );
  if (options.log) {
    try {
      appendFileSync(options.log, auditLogLine(report));
    } catch (error) {
      throw new UsageError(`--log: cannot append to ${options.log}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  const timings = {
    project: round(options.projectMs),
    ...machine.timings,
    total: round(options.projectMs + Number(process.hrtime.bigint() - started) / 1e6),
  };
  io.stdout(options.format === "json" ? formatAuditJson(report, timings) : formatAuditTable(report));
  return report.findings.length > 0 ? 1 : 0;
}
