import type { Report } from "../types.js";
import { hostsHint } from "./hints.js";
import { printable } from "./printable.js";
import { skippedText } from "./skipped.js";
import { suggestionText } from "./suggestion-text.js";
import { pathToUriReference } from "./uri.js";

/** Text for a Markdown table cell: pipes escaped, one line, `$` kept from starting GitHub math, controls written out. */
export function markdownCell(s: string): string {
  return printable(s.replace(/\r?\n/g, " ")).replace(/\|/g, "\\|").replace(/\$/g, "&#36;");
}

/** A Markdown report (pull-request comments, job summaries). */
export function formatMarkdown(report: Report, options: { linkBase?: string } = {}): string {
  const { errors, warnings, infos } = report.summary;
  const lines = [`### portguard: ${errors} error(s), ${warnings} warning(s), ${infos} info(s)`, ""];
  const skipped = skippedText(report.skipped);
  if (skipped) lines.push(`${markdownCell(skipped)}.`, "");
  if (report.diagnostics.length === 0) {
    lines.push("No problems found.", "");
    return lines.join("\n");
  }
  lines.push("| Severity | Location | Rule | Message | Suggestion |", "| --- | --- | --- | --- | --- |");
  for (const d of report.diagnostics) {
    const where = `${d.file}:${d.line}`;
    const location = options.linkBase
      ? `[${markdownCell(where)}](${options.linkBase}/${pathToUriReference(d.file)}#L${d.line})`
      : `\`${markdownCell(where)}\``;
    lines.push(
      `| ${d.severity} | ${location} | ${d.rule} ${d.name} | ${markdownCell(d.message)} | ${markdownCell(suggestionText(d))} |`,
    );
  }
  lines.push("");
  const hint = hostsHint(report);
  if (hint) lines.push(markdownCell(hint), "");
  return lines.join("\n");
}
