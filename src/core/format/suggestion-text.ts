import type { Diagnostic } from "../types.js";

/**
 * "use port 7000 through ${TIMESCALEDB_PORT:-7000}" — the suggestion as one short phrase, saying
 * only what is new: nothing when the binding already has that port and variable.
 */
export function suggestionText(d: Diagnostic): string {
  const s = d.suggestion;
  if (!s) return "";
  const newPort = s.port !== undefined && s.port !== d.current?.port;
  const newVariable = s.variable !== undefined && s.variable !== d.current?.variable;
  if (s.port !== undefined && s.variable !== undefined) {
    if (newVariable) return `use port ${s.port} through \${${s.variable}:-${s.port}}`;
    return newPort ? `use port ${s.port}: \${${s.variable}:-${s.port}}` : "";
  }
  if (s.port !== undefined) return newPort ? `use port ${s.port}` : "";
  return newVariable ? `use variable ${s.variable}` : "";
}
