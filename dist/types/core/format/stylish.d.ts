import type { Report } from "../types.js";
export interface StylishOptions {
    /** ANSI colours (default: none). */
    color?: boolean;
    /** The terminal's width: messages wrap at word boundaries to fit (default 80). */
    width?: number;
    /** Whether the summary counts what `portguard fix` can fix (default true; fix's own report leaves it out). */
    fixHint?: boolean;
}
declare const CODES: {
    readonly red: 31;
    readonly yellow: 33;
    readonly blue: 34;
    readonly dim: 2;
    readonly bold: 1;
    readonly underline: 4;
    readonly green: 32;
    readonly cyan: 36;
};
/** Text in one of the terminal's colours (as it is, without colour). */
export declare function paint(color: boolean): (code: keyof typeof CODES, text: string) => string;
/** ESLint-like output: one block per file, then a summary line; fits `width` columns. */
export declare function formatStylish(report: Report, options?: StylishOptions): string;
/** One line per finding, `file:line:col: severity message [rule]`: for editors, grep and vim's quickfix. */
export declare function formatCompact(report: Report): string;
export {};
