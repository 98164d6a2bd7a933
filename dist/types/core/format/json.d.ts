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
/** The JSON report, in one string: {@link jsonChunks} joined. */
export declare function formatJson(report: Report, options?: FormatOptions): string;
/**
 * The JSON report (`JSON.stringify(report, null, 2)` and a newline, byte for byte) in pieces of
 * about `size` characters, so that a large report is written without being held whole. A piece is
 * a rope of its diagnostics until it is written: 64 KiB ones die young, where ropes of 1 MiB lived
 * through collections and cost ten times as much to flatten (35 MB report: 21 vs 200 ms).
 */
export declare function jsonChunks(report: Report, options?: FormatOptions, size?: number): Generator<string>;
