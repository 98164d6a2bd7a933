import type { Diagnostic } from "../types.js";

/** "use 7000 through TIMESCALEDB_PORT" — the suggestion as one short phrase. */
export function suggestionText(d: Diagnostic): string {
  const s = d.suggestion;
  if (!s || (s.port === undefined && s.variable === undefined)) return "";
  if (s.port !== undefined && s.variable !== undefined)
    return `use port ${s.port} through \${${s.variable}:-${s.port}}`;
  if (s.port !== undefined) return `use port ${s.port}`;
  return `use variable ${s.variable}`;
}
