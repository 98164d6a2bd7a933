import type { DiagnosticFix } from "../fix.js";
import type { Diagnostic, Report } from "../types.js";
export interface FormatOptions {
    /** Default: this package's version. */
    toolVersion?: string;
    /** `check --with-fixes`: what fix does about each fixable diagnostic, printed as its `fix`. */
    fixes?: ReadonlyMap<Diagnostic, DiagnosticFix>;
}
/** The public JSON contract (version 1); `args` stay internal. */
export declare function toJsonDiagnostic(d: Diagnostic, fixes?: ReadonlyMap<Diagnostic, DiagnosticFix>): Record<string, unknown>;
export declare function formatJson(report: Report, options?: FormatOptions): string;
