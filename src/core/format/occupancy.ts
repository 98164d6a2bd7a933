/** The per-range occupancy of the port plan as a compact table: Markdown (docs, job summary) and text (`ports --free`). */
import type { RangeOccupancy } from "../port-plan.js";
import { markdownCell } from "./markdown.js";
import { alignColumns } from "./tables.js";

function portsText(r: RangeOccupancy): string {
  return r.range.start === r.range.end ? `${r.range.start}` : `${r.range.start}-${r.range.end}`;
}

function forText(r: RangeOccupancy): string {
  return r.range.for.length > 0 ? r.range.for.join(", ") : "nobody";
}

/** The next free port, "full", or "-" for a range nobody may publish in. */
export function nextFreeText(r: RangeOccupancy): string {
  if (r.range.for.length === 0) return "-";
  return r.next === null ? "full" : String(r.next);
}

function severalHosts(ranges: readonly RangeOccupancy[]): boolean {
  return new Set(ranges.map((r) => r.host)).size > 1;
}

/**
 * `| range | ports | for | used | free | next free |`, one row per range (and host, when the plan
 * has several); `purpose` adds the ranges' descriptions.
 */
export function formatOccupancyMarkdown(
  ranges: readonly RangeOccupancy[],
  options: { purpose?: boolean } = {},
): string {
  const hosts = severalHosts(ranges);
  const purpose = options.purpose === true && ranges.some((r) => r.range.description);
  const head = [
    ...(hosts ? ["host"] : []),
    "range",
    "ports",
    "for",
    ...(purpose ? ["purpose"] : []),
    "used",
    "free",
    "next free",
  ];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const r of ranges) {
    const cells = [
      ...(hosts ? [markdownCell(r.host)] : []),
      markdownCell(r.range.name),
      portsText(r),
      markdownCell(forText(r)),
      ...(purpose ? [markdownCell(r.range.description ?? "")] : []),
      String(r.used),
      String(r.free),
      nextFreeText(r),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** `portguard ports --free`: the same table for a terminal. */
export function formatOccupancyTable(ranges: readonly RangeOccupancy[]): string {
  if (ranges.length === 0) return "No ranges.\n";
  const hosts = severalHosts(ranges);
  const rows = [[...(hosts ? ["HOST"] : []), "RANGE", "PORTS", "FOR", "USED", "FREE", "NEXT FREE"]];
  for (const r of ranges) {
    rows.push([
      ...(hosts ? [r.host] : []),
      r.range.name,
      portsText(r),
      forText(r),
      String(r.used),
      String(r.free),
      nextFreeText(r),
    ]);
  }
  return `${alignColumns(rows)}\n`;
}

/** One range's occupancy as JSON data (`ports --free --format json`, the MCP port map). */
export function occupancyRecord(r: RangeOccupancy) {
  return {
    host: r.host,
    name: r.range.name,
    start: r.range.start,
    end: r.range.end,
    for: r.range.for,
    used: r.used,
    free: r.free,
    next: r.next,
  };
}

/** `portguard ports --free --format json`: the ranges, and for one category the port to use. */
export function formatOccupancyJson(
  ranges: readonly RangeOccupancy[],
  category: string | null,
  next: { port: number; range: string; host: string } | null,
): string {
  const body: Record<string, unknown> = { version: 1, category };
  if (category !== null) body.next = next;
  body.ranges = ranges.map(occupancyRecord);
  return `${JSON.stringify(body, null, 2)}\n`;
}
