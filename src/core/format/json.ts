import { VERSION } from "../../version.js";
import type { DiagnosticFix } from "../fix.js";
import type { Diagnostic, Report } from "../types.js";
import { ruleDocUrl } from "./rule-docs.js";

export interface FormatOptions {
  /** Default: this package's version. */
  toolVersion?: string;
  /** `check --with-fixes`: what fix does about each fixable diagnostic, printed as its `fix`. */
  fixes?: ReadonlyMap<Diagnostic, DiagnosticFix>;
}

/** A diagnostic's `fix`: what `portguard fix` does, as text edits on the files (none when it leaves the finding). */
function toJsonFix(fix: DiagnosticFix | undefined): Record<string, unknown> {
  return {
    message: fix?.message ?? "portguard fix leaves it",
    edits: (fix?.edits ?? []).map((e) => ({
      file: e.file,
      line: e.range.start.line,
      column: e.range.start.column,
      endLine: e.range.end.line,
      endColumn: e.range.end.column,
      text: e.text,
    })),
  };
}

/** The public JSON contract (version 1); `args` stay internal. */
export function toJsonDiagnostic(
  d: Diagnostic,
  fixes?: ReadonlyMap<Diagnostic, DiagnosticFix>,
): Record<string, unknown> {
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
  // Present exactly when the diagnostic is fixable.
  if (fixes && out.fixable) out.fix = toJsonFix(fixes.get(d));
  out.url = ruleDocUrl(d.rule, d.name);
  return out;
}

export function formatJson(report: Report, options: FormatOptions = {}): string {
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: "portguard", version: options.toolVersion ?? VERSION },
      diagnostics: report.diagnostics.map((d) => toJsonDiagnostic(d, options.fixes)),
      summary: report.summary,
      ...(report.skipped && report.skipped.length > 0 ? { skipped: report.skipped } : {}),
    },
    null,
    2,
  )}\n`;
}
