/** `portguard ports`: the port map as a table, JSON or an HTML page, and `--free`: the next free ports. */
import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { didYouMean } from "../core/did-you-mean.js";
import { formatPortsHtml } from "../core/format/html.js";
import { formatPortsJson, formatPortsTable } from "../core/format/index.js";
import { formatOccupancyJson, formatOccupancyTable } from "../core/format/occupancy.js";
import { knownCategories, portPlan, rangesForCategory } from "../core/port-plan.js";
import type { Report } from "../core/types.js";
import { VERSION } from "../version.js";
import { oneOf, type ProjectSetup, UsageError } from "./config.js";

export interface PortsIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface PortsOptions {
  format: string | undefined;
  output: string | undefined;
  free: boolean;
  host: string | undefined;
  positionals: string[];
}

type Load = (paths: string[]) => Promise<{ report: Report; setup: ProjectSetup }>;

function known(choices: readonly string[]): string {
  return choices.length > 0 ? ` (known: ${choices.join(", ")})` : "";
}

/** `--free [CATEGORY]`: the ranges with their next free port, or the one port for a category. */
async function free(io: PortsIo, options: PortsOptions, load: Load): Promise<{ text: string; status: number }> {
  const format = oneOf("--free --format", options.format ?? "table", ["table", "json"]);
  if (options.positionals.length > 1)
    throw new UsageError(`--free takes one category at most (got ${options.positionals.join(", ")})`);
  const category = options.positionals[0] ?? null;
  const { report, setup } = await load([]);
  const policy = setup.policy;
  if (category !== null && !knownCategories(policy).includes(category)) {
    const categories = knownCategories(policy);
    throw new UsageError(`unknown category: ${category}${didYouMean(category, categories)}${known(categories)}`);
  }
  const plan = portPlan(report, policy);
  if (options.host !== undefined && !plan.hosts.includes(options.host)) {
    throw new UsageError(`--host: no host ${options.host} in the plan${known(plan.hosts)}`);
  }
  let host = options.host ?? null;
  if (category !== null && host === null) {
    if (plan.hosts.length > 1)
      throw new UsageError(`the plan has several hosts (${plan.hosts.join(", ")}): pass --host NAME`);
    host = plan.hosts[0] ?? null;
  }
  const ranges = rangesForCategory(plan, category, host);
  if (category === null) {
    return {
      text: format === "json" ? formatOccupancyJson(ranges, null, null) : formatOccupancyTable(ranges),
      status: 0,
    };
  }
  const first = ranges.find((r) => r.next !== null);
  const next = first ? { port: first.next as number, range: first.range.name, host: first.host } : null;
  if (format === "json") return { text: formatOccupancyJson(ranges, category, next), status: next ? 0 : 1 };
  if (next) return { text: `${next.port}\n`, status: 0 };
  io.stderr(
    ranges.length === 0
      ? `portguard: ${category} owns no range in the policy: no port to hand out\n`
      : `portguard: no free port left for ${category} in ${ranges.map((r) => `${r.range.name} ${r.range.start}-${r.range.end}`).join(", ")}\n`,
  );
  return { text: "", status: 1 };
}

export async function portsCommand(io: PortsIo, options: PortsOptions, load: Load): Promise<number> {
  if (options.host !== undefined && !options.free) throw new UsageError("--host goes with --free");
  let text: string;
  let status = 0;
  if (options.free) {
    ({ text, status } = await free(io, options, load));
  } else {
    const format = oneOf("--format", options.format ?? "table", ["table", "json", "html"]);
    const { report, setup } = await load(options.positionals);
    if (format === "html") {
      text = formatPortsHtml(portPlan(report, setup.policy), { title: basename(setup.root), toolVersion: VERSION });
    } else {
      text = format === "json" ? formatPortsJson(report.bindings) : formatPortsTable(report.bindings);
    }
  }
  if (options.output !== undefined && text !== "") {
    writeFileSync(resolve(io.cwd, options.output), text);
    io.stdout(`wrote ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return status;
}
