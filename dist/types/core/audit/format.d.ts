import { type AuditReport } from "./analyze.js";
export declare function formatAuditTable(report: AuditReport): string;
export declare function formatAuditJson(report: AuditReport, timings?: Record<string, number>): string;
/** One line of `--log FILE`: when, where, what was found. */
export declare function auditLogLine(report: AuditReport): string;
