import { lint } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import type { Diagnostic, Report } from "../../src/core/types.js";

/** Lints an in-memory project; a `.portguard.yml` among the files is the policy. */
export function lintFiles(files: Record<string, string>, options: Parameters<typeof lint>[2] = {}): Report {
  const config = files[".portguard.yml"];
  const policy = loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config });
  return lint(memoryTree(files), policy, options);
}

/** `RULE file:line:col-endLine:endCol` lines, for compact exact assertions. */
export function positions(report: Report, rule?: string): string[] {
  return report.diagnostics
    .filter((d) => rule === undefined || d.rule === rule)
    .map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
}

export function only(report: Report, rule: string): Diagnostic[] {
  return report.diagnostics.filter((d) => d.rule === rule);
}
