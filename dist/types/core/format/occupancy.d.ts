/** The per-range occupancy of the port plan as a compact table: Markdown (docs, job summary) and text (`ports --free`). */
import type { RangeOccupancy } from "../port-plan.js";
/** The next free port, "full", or "-" for a range nobody may publish in. */
export declare function nextFreeText(r: RangeOccupancy): string;
/**
 * `| range | ports | for | used | free | next free |`, one row per range (and host, when the plan
 * has several); `purpose` adds the ranges' descriptions.
 */
export declare function formatOccupancyMarkdown(ranges: readonly RangeOccupancy[], options?: {
    purpose?: boolean;
}): string;
/** `portguard ports --free`: the same table for a terminal. */
export declare function formatOccupancyTable(ranges: readonly RangeOccupancy[]): string;
/** One range's occupancy as JSON data (`ports --free --format json`, the MCP port map). */
export declare function occupancyRecord(r: RangeOccupancy): {
    host: string;
    name: string;
    start: number;
    end: number;
    for: string[];
    used: number;
    free: number;
    next: number | null;
};
/** `portguard ports --free --format json`: the ranges, and for one category the port to use. */
export declare function formatOccupancyJson(ranges: readonly RangeOccupancy[], category: string | null, next: {
    port: number;
    range: string;
    host: string;
} | null): string;
