/**
 * How audit reads: per range what holds its ports, then each violation with its remedy, then a
 * verdict. Container names, images, labels and command names come from outside: every line is
 * escaped before printing.
 */
import { printable } from "../format/printable.js";
import { dockerLine } from "../preflight/format.js";
import { type AuditEntry, type AuditReport, describeAuditHolder } from "./analyze.js";

function addressText(addresses: string[]): string {
  const shown = addresses.filter((a) => a !== "" && a !== "0.0.0.0" && a !== "::");
  return shown.length === 0 ? "" : `${shown.map((a) => (a.includes(":") ? `[${a}]` : a)).join(",")}:`;
}

function categoryText(e: AuditEntry): string {
  const h = e.holder;
  if (h.kind === "container") return h.category;
  if (h.kind === "process") return h.category ?? "?";
  return "?";
}

export function formatAuditTable(report: AuditReport): string {
  const lines: string[] = [];
  const violating = new Set(report.findings.map((f) => `${f.port}/${f.protocol}`));
  const portOf = (e: AuditEntry) => `${addressText(e.addresses)}${e.port}/${e.protocol}`;
  const entries = report.ranges.flatMap((r) => r.entries);
  const portWidth = Math.max(0, ...entries.map((e) => portOf(e).length));
  const categoryWidth = Math.max(0, ...entries.map((e) => categoryText(e).length));
  for (const r of report.ranges) {
    lines.push(`${r.name} ${r.start}-${r.end} (for ${r.for.length === 0 ? "nobody" : r.for.join(", ")})`);
    if (r.entries.length === 0) lines.push("  nothing listens");
    for (const e of r.entries) {
      const mark = e.allowed ? "~" : violating.has(`${e.port}/${e.protocol}`) ? "✖" : "✔";
      const note = e.allowed ? `  allowed${e.allowed.reason ? `: ${e.allowed.reason}` : ""}` : "";
      lines.push(
        `  ${mark} ${portOf(e).padEnd(portWidth)}  ${categoryText(e).padEnd(categoryWidth)}  ${describeAuditHolder(e.holder)}${note}`,
      );
    }
  }
  if (report.findings.length > 0) {
    lines.push("", "Violations:");
    for (const f of report.findings) {
      lines.push(`✖ ${f.message}`, `  → ${f.remedy}`);
    }
  }
  lines.push("", dockerLine(report.docker), `Sockets: ${report.sockets}`);
  const s = report.summary;
  lines.push(
    s.violations > 0
      ? `✖ ${s.violations} violation(s) on ${report.host} (${s.listeners} listener(s) in ${s.ranges} range(s))`
      : `✔ no violations on ${report.host}: ${s.listeners} listener(s) in ${s.ranges} range(s)`,
  );
  return `${lines.map(printable).join("\n")}\n`;
}

export function formatAuditJson(report: AuditReport, timings?: Record<string, number>): string {
  return `${JSON.stringify(timings ? { ...report, timings } : report, null, 2)}\n`;
}

/** One line of `--log FILE`: when, where, what was found. */
export function auditLogLine(report: AuditReport): string {
  return `${JSON.stringify({
    timestamp: report.timestamp,
    host: report.host,
    findings: report.findings,
    summary: report.summary,
  })}\n`;
}
