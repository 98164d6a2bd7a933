import type { Policy } from "./policy/types.js";
import type { ResolvedBinding } from "./types.js";
export declare const DOCS_START = "<!-- portguard:start -->";
export declare const DOCS_END = "<!-- portguard:end -->";
/**
 * The occupancy table has its own markers, outside the allocation table's: PG112 reads the numbers
 * between DOCS_START and DOCS_END, and a "next free" port there would count as documented.
 */
export declare const OCCUPANCY_START = "<!-- portguard:occupancy:start -->";
export declare const OCCUPANCY_END = "<!-- portguard:occupancy:end -->";
/**
 * The range plan with its occupancy: per range, who may publish there, how many ports are used and
 * free, and the next free one. Only the bindings count, so the table is the same for the same files.
 */
export declare function renderOccupancyTable(policy: Policy, bindings: readonly ResolvedBinding[]): string;
/** Which services the table lists, and which it does not, in a sentence. */
export declare function governedSentence(policy: Policy): string;
export interface PortTableOptions {
    /** Add the line of each allocation to its file (off by default: any edit above it would make the table stale). */
    withLines?: boolean;
}
/** The generated allocation table: one row per allocation of a governed service. */
export declare function renderPortTable(policy: Policy, bindings: readonly ResolvedBinding[], options?: PortTableOptions): string;
/**
 * The docs file with fresh tables: between the markers when they exist (the occupancy table goes
 * just before the allocation table when only that one has markers), else appended in a new section
 * (or a new file when there is none). Line endings follow the file.
 */
export declare function updateDocs(existing: string | null, table: string, occupancy: string): string;
