import { getOrInsert } from "../collections.js";
import type { Diagnostic, Report } from "../types.js";
import { hostsHint } from "./hints.js";
import { printable } from "./printable.js";
import { skippedText } from "./skipped.js";
import { suggestionText } from "./suggestion-text.js";

export interface StylishOptions {
  /** ANSI colours (default: none). */
  color?: boolean;
  /** The terminal's width: messages wrap at word boundaries to fit (default 80). */
  width?: number;
  /** Whether the summary counts what `portguard fix` can fix (default true; fix's own report leaves it out). */
  fixHint?: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, underline: 4, green: 32, cyan: 36 } as const;

/** Below this, wrapping leaves too little room per line to help. */
const MIN_WIDTH = 40;

/** Text in one of the terminal's colours (as it is, without colour). */
export function paint(color: boolean) {
  return (code: keyof typeof CODES, text: string) => (color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Words of `text` in lines of at most `width` characters (a longer word keeps its own line). */
function wrapWords(words: string[], width: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let length = 0;
  for (const word of words) {
    if (line.length > 0 && length + 1 + word.length > width) {
      lines.push(line);
      line = [];
      length = 0;
    }
    length += (line.length > 0 ? 1 : 0) + word.length;
    line.push(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * Diagnostics at one place (same file, line and column) as one finding: the user reads each rule's
 * message, then the suggestion once when they share it.
 */
function groupByPlace(list: readonly Diagnostic[]): Diagnostic[][] {
  const groups: Diagnostic[][] = [];
  for (const d of list) {
    const last = groups.at(-1)?.[0];
    if (last && last.file === d.file && last.line === d.line && last.column === d.column) groups.at(-1)?.push(d);
    else groups.push([d]);
  }
  return groups;
}

/** ESLint-like output: one block per file, then a summary line; fits `width` columns. */
export function formatStylish(report: Report, options: StylishOptions = {}): string {
  const c = paint(options.color === true);
  const width = Math.max(options.width ?? 80, MIN_WIDTH);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    getOrInsert(byFile, d.file, () => []).push(d);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c("underline", printable(file)));
    const posWidth = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
    const indent = " ".repeat(2 + posWidth + 2 + 7 + 2);
    const text = width - indent.length;
    for (const group of groupByPlace(list)) {
      const hints = group.map(suggestionText);
      const shared = hints.every((h) => h === hints[0]);
      group.forEach((d, i) => {
        const pos = (i === 0 ? `${d.line}:${d.column}` : "").padEnd(posWidth);
        const sev =
          d.severity === "error"
            ? c("red", "error  ")
            : d.severity === "warning"
              ? c("yellow", "warning")
              : c("blue", "info   ");
        // The id alone: it is what configs and suppressions name (the name is in the JSON and the docs).
        const words = [...printable(d.message).split(" "), `\0${d.rule}`];
        wrapWords(words, text).forEach((line, j) => {
          const body = line.map((w) => (w.startsWith("\0") ? c("dim", w.slice(1)) : w)).join(" ");
          lines.push(j === 0 ? `  ${c("dim", pos)}  ${sev}  ${body}` : `${indent}${body}`);
        });
        const hint = hints[i] as string;
        if (hint && (!shared || i === group.length - 1)) {
          for (const line of wrapWords(`→ ${printable(hint)}`.split(" "), text))
            lines.push(`${indent}${c("green", line.join(" "))}`);
        }
      });
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
    const fixable = report.diagnostics.filter((d) => d.fixable).length;
    if (fixable > 0 && options.fixHint !== false)
      lines.push(`  ${fixable} fixable with \`portguard fix\` (review first: \`portguard fix --dry-run\`)`);
    const hint = hostsHint(report);
    if (hint) lines.push(...wrapWords(hint.split(" "), width).map((l) => c("dim", l.join(" "))));
  }
  const skipped = skippedText(report.skipped);
  if (skipped) lines.push(c("yellow", `! ${skipped}`));
  return `${lines.join("\n")}\n`;
}

/** One line per finding, `file:line:col: severity message [rule]`: for editors, grep and vim's quickfix. */
export function formatCompact(report: Report): string {
  const lines = report.diagnostics.map((d) => {
    const hint = suggestionText(d);
    return `${printable(d.file)}:${d.line}:${d.column}: ${d.severity} ${printable(d.message)}${hint ? ` (${printable(hint)})` : ""} [${d.rule}]`;
  });
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
