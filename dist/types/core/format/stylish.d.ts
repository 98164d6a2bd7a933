import type { Report } from "../types.js";
export interface StylishOptions {
    color: boolean;
}
/** ESLint-like output: one block per file, then a summary line. */
export declare function formatStylish(report: Report, options: StylishOptions): string;
