import { VERSION } from "../../version.js";
import type { Diagnostic, Report } from "../types.js";
import { ruleDocUrl } from "./rule-docs.js";

export interface FormatOptions {
  /** Default: this package's version. */
  toolVersion?: string;
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
  out.fixable = d.fixable === true;
  out.url = ruleDocUrl(d.rule, d.name);
  return out;
}

export function formatJson(report: Report, options: FormatOptions = {}): string {
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: "portguard", version: options.toolVersion ?? VERSION },
      diagnostics: report.diagnostics.map(toJsonDiagnostic),
      summary: report.summary,
      ...(report.skipped && report.skipped.length > 0 ? { skipped: report.skipped } : {}),
    },
    null,
    2,
  )}\n`;
}
