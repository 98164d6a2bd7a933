import type { Diagnostic, Report } from "../types.js";
export interface FormatOptions {
    /** Default: this package's version. */
    toolVersion?: string;
}
/** The public JSON contract (version 1); `args` stay internal. */
export declare function toJsonDiagnostic(d: Diagnostic): Record<string, unknown>;
export declare function formatJson(report: Report, options?: FormatOptions): string;
