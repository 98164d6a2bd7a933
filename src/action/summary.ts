/**
 * The job summary: the counts, then one row per place (a port binding, an `.env` key, a volume), with
 * every rule it breaks and one suggestion, most severe first; then the port map. Kept under GitHub's
 * 1 MiB limit with a note saying how many rows were left out.
 */
import { formatPortsTable, markdownCell, pathToUriReference, suggestionText } from "../core/format/index.js";
import type { Diagnostic, ResolvedBinding, Severity } from "../core/types.js";
import { VERSION } from "../version.js";

/** GitHub shows at most this many bytes of a step summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const MARK: Record<Severity, string> = { error: "🔴 error", warning: "🟡 warning", info: "🔵 info" };
const DOCS = `https://github.com/portguard/portguard/blob/v${VERSION}/docs/rules`;

/** The findings at one place of one file: they share a row. */
export interface SummaryRow {
  severity: Severity;
  file: string;
  line: number;
  service: string | undefined;
  diagnostics: Diagnostic[];
}

/** Groups diagnostics by the scalar they point at (a binding's port, an `.env` key), most severe first. */
export function summaryRows(diagnostics: readonly Diagnostic[]): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.line}\0${d.column}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, { severity: d.severity, file: d.file, line: d.line, service: d.service, diagnostics: [d] });
      continue;
    }
    row.diagnostics.push(d);
    if (RANK[d.severity] < RANK[row.severity]) row.severity = d.severity;
    row.service ??= d.service;
  }
  for (const row of rows.values()) {
    row.diagnostics.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.rule < b.rule ? -1 : 1));
  }
  return [...rows.values()].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      (a.diagnostics[0]?.column ?? 0) - (b.diagnostics[0]?.column ?? 0),
  );
}

function rowMarkdown(row: SummaryRow, repoPath: (file: string) => string, linkBase: string | null): string {
  const path = repoPath(row.file);
  const where = `${path}:${row.line}`;
  const location = linkBase
    ? `[${markdownCell(where)}](${linkBase}/${pathToUriReference(path)}#L${row.line})`
    : `\`${markdownCell(where)}\``;
  const rules = [...new Set(row.diagnostics.map((d) => `[${d.rule}](${DOCS}/${d.rule}-${d.name}.md) ${d.name}`))];
  const problems = row.diagnostics.map((d) => markdownCell(d.message));
  const suggestion = row.diagnostics.map(suggestionText).find((s) => s !== "") ?? "";
  return `| ${MARK[row.severity]} | ${location} | ${markdownCell(row.service ?? "")} | ${rules.join("<br>")} | ${problems.join("<br>")} | ${markdownCell(suggestion)} |`;
}

/** Counts of annotations per kind: how many findings there are and how many GitHub shows. */
export interface AnnotationCounts {
  total: Record<Severity, number>;
  shown: Record<Severity, number>;
}

/** The port map of the bindings in scope. */
export function portMapSection(bindings: readonly ResolvedBinding[], changedOnly: boolean): string[] {
  if (bindings.length === 0) return [];
  const title = changedOnly ? "Port map of the changed compose files" : "Port map";
  return ["", `### ${title}`, "", "```", formatPortsTable(bindings).trimEnd(), "```", ""];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The job summary's Markdown. */
export function summaryMarkdown(
  inScope: readonly Diagnostic[],
  options: {
    repoPath: (file: string) => string;
    linkBase: string | null;
    scopeLine: string;
    bindings: readonly ResolvedBinding[];
    /** True when the bindings are those of the changed files only. */
    changedOnly: boolean;
    annotations?: AnnotationCounts;
    /** The per-range occupancy of the whole project (the table `portguard docs` writes). */
    occupancy?: string;
  },
): string {
  const count = (s: Severity) => inScope.filter((d) => d.severity === s).length;
  const head = [
    `## portguard: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info(s)`,
    "",
    options.scopeLine,
    "",
  ];
  const capped = options.annotations;
  if (capped) {
    const hidden = (["error", "warning", "info"] as const)
      .filter((s) => capped.shown[s] < capped.total[s])
      .map((s) => `${capped.shown[s]} of ${plural(capped.total[s], s)}`);
    if (hidden.length > 0) {
      head.push(
        `GitHub shows 10 annotations of each kind per step: ${hidden.join(", ")} are annotated on the pull request. This table lists every finding.`,
        "",
      );
    }
  }
  const rows = summaryRows(inScope);
  const table: string[] = [];
  if (rows.length === 0) table.push("No problems found.", "");
  else table.push("| Severity | Where | Service | Rules | Problem | Fix |", "| --- | --- | --- | --- | --- | --- |");
  const ports = portMapSection(options.bindings, options.changedOnly);
  const plan = options.occupancy ? ["", "### Port plan", "", options.occupancy, ""] : [];
  const budget = SUMMARY_LIMIT - Buffer.byteLength([...head, ...plan, ...ports].join("\n")) - 300;
  let used = Buffer.byteLength(table.join("\n"));
  let shown = 0;
  for (const row of rows) {
    const text = rowMarkdown(row, options.repoPath, options.linkBase);
    used += Buffer.byteLength(text) + 1;
    if (used > budget) break;
    table.push(text);
    shown++;
  }
  if (shown < rows.length) {
    const left = rows.slice(shown).reduce((n, r) => n + r.diagnostics.length, 0);
    table.push(
      "",
      `… ${rows.length - shown} more row(s) (${left} finding(s)) not shown: GitHub keeps a summary under 1 MiB. All are in the \`report\` output.`,
    );
  }
  return [...head, ...table, ...plan, ...ports].join("\n");
}
