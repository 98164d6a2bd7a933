/**
 * Annotations within GitHub's limits, said out loud: a step shows 10 errors, 10 warnings and 10
 * notices (the rest stay in the log). The most severe go first; when some are hidden, one notice
 * that GitHub still shows gives the counts and points at the job summary, which lists everything.
 */
import * as core from "@actions/core";
import { suggestionText } from "../core/format/index.js";
import { printable } from "../core/format/printable.js";
import type { Diagnostic, Severity } from "../core/types.js";
import type { AnnotationCounts } from "./summary.js";

/** Annotations of each kind GitHub shows per step. */
export const STEP_LIMIT = 10;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function emit(d: Diagnostic, repoPath: (file: string) => string): void {
  const hint = suggestionText(d);
  // Control characters from names and paths are written out (the log shows them raw).
  const message = printable(hint ? `${d.message} (${hint})` : d.message);
  const properties: core.AnnotationProperties = {
    title: `${d.rule} ${d.name}`,
    file: printable(repoPath(d.file)),
    startLine: d.line,
    endLine: d.endLine,
  };
  if (d.line === d.endLine) {
    properties.startColumn = d.column;
    properties.endColumn = d.endColumn;
  }
  if (d.severity === "error") core.error(message, properties);
  else if (d.severity === "warning") core.warning(message, properties);
  else core.notice(message, properties);
}

/**
 * Annotates every diagnostic, most severe first. `before` counts the annotations of this step already
 * written (the failure message, notices about the scope). Returns how many of each kind GitHub shows.
 */
export function annotate(
  diagnostics: readonly Diagnostic[],
  repoPath: (file: string) => string,
  before: Record<Severity, number>,
): AnnotationCounts {
  const sorted = [...diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const total = { error: 0, warning: 0, info: 0 };
  for (const d of sorted) total[d.severity]++;
  const room = (s: Severity) => Math.max(0, STEP_LIMIT - before[s]);
  const overflow = total.error > room("error") || total.warning > room("warning") || total.info > room("info");
  // The closing notice takes one notice place, so that GitHub shows it.
  const shown = {
    error: Math.min(total.error, room("error")),
    warning: Math.min(total.warning, room("warning")),
    info: Math.min(total.info, overflow ? Math.max(0, room("info") - 1) : room("info")),
  };
  let infos = 0;
  let told = false;
  const tell = () => {
    told = true;
    const hidden = (["error", "warning", "info"] as const)
      .filter((s) => shown[s] < total[s])
      .map((s) => `${total[s] - shown[s]} ${s}${total[s] - shown[s] === 1 ? "" : "s"}`);
    core.notice(
      `portguard found ${total.error} error(s), ${total.warning} warning(s) and ${total.info} info(s); GitHub shows ${STEP_LIMIT} annotations of each kind per step, so ${hidden.join(", ")} are not shown on the pull request (they are in this log). The job summary lists every finding, and the report output has them as JSON.`,
      { title: "portguard: more findings than GitHub shows" },
    );
  };
  for (const d of sorted) {
    if (d.severity === "info" && overflow && !told && infos === shown.info) tell();
    emit(d, repoPath);
    if (d.severity === "info") infos++;
  }
  if (overflow && !told) tell();
  return { total, shown };
}
