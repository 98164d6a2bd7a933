import type { Diagnostic, Report } from "../types.js";
/**
 * Escapes a workflow command's message, as @actions/core does; other control characters are
 * written out (a log shows them raw).
 */
export declare function escapeData(s: string): string;
/** Escapes a workflow command's property value. */
export declare function escapeProperty(s: string): string;
/** One `::error file=...,line=...::message` command; columns only when the range is on one line. */
export declare function workflowCommand(d: Diagnostic, pathPrefix?: string): string;
/** Workflow commands for GitHub Actions logs, most severe first (GitHub shows only the first 10 of each kind). */
export declare function formatGithub(report: Report): string;
