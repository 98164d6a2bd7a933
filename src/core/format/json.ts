import type { Diagnostic, Report } from "../types.js";

export interface FormatOptions {
  toolVersion: string;
}

/** The public JSON contract (version 1); `args` stay internal. */
export function toJsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rule: d.rule,
    name: d.name,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
    messageId: d.messageId,
  };
  if (d.service !== undefined) out.service = d.service;
  if (d.suggestion) out.suggestion = d.suggestion;
  if (d.related) out.related = d.related;
  return out;
}

export function formatJson(report: Report, options: FormatOptions): string {
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: "portguard", version: options.toolVersion },
      diagnostics: report.diagnostics.map(toJsonDiagnostic),
      summary: report.summary,
      ...(report.skipped && report.skipped.length > 0 ? { skipped: report.skipped } : {}),
    },
    null,
    2,
  )}\n`;
}
