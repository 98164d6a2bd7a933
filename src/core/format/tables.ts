import type { Rule } from "../rule.js";
import type { ResolvedBinding } from "../types.js";
import { printable } from "./printable.js";

/** Aligns rows of cells into columns separated by two spaces. */
export function alignColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function portText(start: number | null, end: number | null): string {
  if (start === null) return "random";
  return end !== null && end !== start ? `${start}-${end}` : `${start}`;
}

/** `portguard ports`: the resolved port map. */
export function formatPortsTable(bindings: readonly ResolvedBinding[]): string {
  if (bindings.length === 0) return "No published ports.\n";
  const rows = [["HOST PORT", "PROTO", "HOST IP", "CONTAINER", "SERVICE", "CATEGORY", "VARIABLE", "FILE"]];
  for (const b of [...bindings].sort((x, y) => (x.hostPort ?? -1) - (y.hostPort ?? -1) || (x.file < y.file ? -1 : 1))) {
    rows.push(
      [
        portText(b.hostPort, b.hostPortEnd),
        b.protocol,
        b.hostIp || "*",
        portText(b.containerPort, b.containerPortEnd),
        b.service,
        b.category,
        b.variable ?? "-",
        `${b.file}:${b.line}`,
      ].map(printable),
    );
  }
  return `${alignColumns(rows)}\n`;
}

export function formatPortsJson(bindings: readonly ResolvedBinding[]): string {
  return `${JSON.stringify({ version: 1, bindings }, null, 2)}\n`;
}

/** `portguard rules`: the catalogue. */
export function formatRulesTable(rules: readonly Rule[], severities: (rule: Rule) => string): string {
  const rows = [["ID", "NAME", "SEVERITY", "DESCRIPTION"]];
  for (const r of rules) rows.push([r.id, r.name, severities(r), r.description]);
  return `${alignColumns(rows)}\n`;
}

export function formatRulesJson(rules: readonly Rule[], severities: (rule: Rule) => string): string {
  return `${JSON.stringify(
    {
      version: 1,
      rules: rules.map((r) => ({
        id: r.id,
        name: r.name,
        severity: severities(r),
        defaultSeverity: r.severity,
        description: r.description,
        fixable: r.fixable === true,
        messages: r.messages,
      })),
    },
    null,
    2,
  )}\n`;
}
