import type { Diagnostic, Report } from "../types.js";
import { printable } from "./printable.js";
import { skippedText } from "./skipped.js";
import { suggestionText } from "./suggestion-text.js";

/**
 * Escapes a workflow command's message, as @actions/core does; other control characters are
 * written out (a log shows them raw).
 */
export function escapeData(s: string): string {
  return printable(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** Escapes a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/** One `::error file=...,line=...::message` command; columns only when the range is on one line. */
export function workflowCommand(d: Diagnostic, pathPrefix = ""): string {
  const props: [string, string | number][] = [
    ["file", `${pathPrefix}${d.file}`],
    ["line", d.line],
    ["endLine", d.endLine],
  ];
  if (d.line === d.endLine) {
    props.push(["col", d.column], ["endColumn", d.endColumn]);
  }
  props.push(["title", `${d.rule} ${d.name}`]);
  const hint = suggestionText(d);
  const message = hint ? `${d.message} (${hint})` : d.message;
  return `::${COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",")}::${escapeData(message)}`;
}

/** Workflow commands for GitHub Actions logs, most severe first (GitHub shows only the first 10 of each kind). */
export function formatGithub(report: Report): string {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...report.diagnostics].sort((a, b) => order[a.severity] - order[b.severity]);
  const skipped = skippedText(report.skipped);
  return sorted.map((d) => `${workflowCommand(d)}\n`).join("") + (skipped ? `::notice::${escapeData(skipped)}\n` : "");
}
