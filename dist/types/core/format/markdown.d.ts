import type { Report } from "../types.js";
/** Text for a Markdown table cell: pipes escaped, one line, `$` kept from starting GitHub math, controls written out. */
export declare function markdownCell(s: string): string;
/** A Markdown report (pull-request comments, job summaries). */
export declare function formatMarkdown(report: Report, options?: {
    linkBase?: string;
}): string;
