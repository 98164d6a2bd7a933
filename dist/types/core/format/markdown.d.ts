import type { Report } from "../types.js";
/** A Markdown report (pull-request comments, job summaries). */
export declare function formatMarkdown(report: Report, options?: {
    linkBase?: string;
}): string;
