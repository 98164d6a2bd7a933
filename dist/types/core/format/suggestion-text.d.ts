import type { Diagnostic } from "../types.js";
/** "use 7000 through TIMESCALEDB_PORT" — the suggestion as one short phrase. */
export declare function suggestionText(d: Diagnostic): string;
