import { getOrInsert } from "../collections.js";
import type { Diagnostic, Report } from "../types.js";
import { hostsHint } from "./hints.js";
import { printable } from "./printable.js";
import { skippedText } from "./skipped.js";
import { suggestionText } from "./suggestion-text.js";

export interface StylishOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32 } as const;

function paint(color: boolean) {
  return (code: keyof typeof CODES, text: string) => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** ESLint-like output: one block per file, then a summary line. */
export function formatStylish(report: Report, options: StylishOptions): string {
  const c = paint(options.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    getOrInsert(byFile, d.file, () => []).push(d);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c("underline", printable(file)));
    const width = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
    for (const d of list) {
      const pos = `${d.line}:${d.column}`.padEnd(width);
      const sev =
        d.severity === "error"
          ? c("red", "error  ")
          : d.severity === "warning"
            ? c("yellow", "warning")
            : c("blue", "info   ");
      lines.push(`  ${c("dim", pos)}  ${sev}  ${printable(d.message)}  ${c("dim", `${d.rule} ${d.name}`)}`);
      const hint = suggestionText(d);
      if (hint) lines.push(`  ${" ".repeat(width)}  ${" ".repeat(7)}  ${c("green", `→ ${printable(hint)}`)}`);
    }
    lines.push("");
  }
  const { errors, warnings, infos } = report.summary;
  const total = errors + warnings + infos;
  if (total === 0) {
    lines.push(c("green", `✔ no problems (${plural(report.summary.files, "file")} checked)`));
  } else {
    const mark = errors > 0 ? c("red", "✖") : warnings > 0 ? c("yellow", "⚠") : c("blue", "ℹ");
    lines.push(
      `${mark} ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")})`,
    );
    const hint = hostsHint(report);
    if (hint) lines.push(c("dim", hint));
  }
  const skipped = skippedText(report.skipped);
  if (skipped) lines.push(c("yellow", `! ${skipped}`));
  return `${lines.join("\n")}\n`;
}
