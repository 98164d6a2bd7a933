import type { DockerStatus, PortHolder, PreflightReport, PreflightRow } from "./analyze.js";
/**
 * Names from the engine and the process table come from outside: escaped before printing.
 * `engineAnswered`: whether the engine could be asked (a proxy it cannot name then belongs to a
 * container in transition).
 */
export declare function describeHolder(h: PortHolder, engineAnswered?: boolean): string;
export declare function describeRow(r: PreflightRow, engineAnswered?: boolean): string;
/** "Docker: 3 running container(s) (API 1.47, unix:///var/run/docker.sock)", or why it is not reachable. */
export declare function dockerLine(d: DockerStatus): string;
/**
 * The default view: every binding that blocks start-up or could not be checked, with the fix under
 * each blocked one. Free ports and the stack's own are counted in the verdict (JSON lists them all).
 */
export declare function formatPreflightTable(report: PreflightReport): string;
export declare function formatPreflightJson(report: PreflightReport, timings?: Record<string, number>, extra?: Record<string, unknown>): string;
/** `--watch`: one line per binding whose state changed since the previous check, and Docker's. */
export declare function preflightChanges(before: PreflightReport, after: PreflightReport, time: string): string;
