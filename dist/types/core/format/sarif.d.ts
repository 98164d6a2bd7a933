import type { Rule } from "../rule.js";
import type { Report } from "../types.js";
/** FNV-1a 64-bit, hex: a stable fingerprint without a crypto dependency. */
export declare function fingerprint(text: string): string;
/** SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). */
export declare function formatSarif(report: Report, rules: readonly Rule[], options: {
    toolVersion: string;
    informationUri?: string;
}): string;
