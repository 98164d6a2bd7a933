import type { Diagnostic } from "../types.js";
/**
 * "use port 7000 through ${TIMESCALEDB_PORT:-7000}" — the suggestion as one short phrase, saying
 * only what is new: nothing when the binding already has that port and variable.
 */
export declare function suggestionText(d: Diagnostic): string;
