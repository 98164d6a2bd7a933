import type { Policy } from "./policy/types.js";
import type { ResolvedBinding } from "./types.js";
export declare const DOCS_START = "<!-- portguard:start -->";
export declare const DOCS_END = "<!-- portguard:end -->";
/** The generated part: the range plan, then one row per allocation of a governed service. */
export declare function renderPortTable(policy: Policy, bindings: readonly ResolvedBinding[]): string;
/**
 * The docs file with a fresh table: between the markers when they exist, else appended in a new
 * section (or a new file when there is none). Line endings follow the file.
 */
export declare function updateDocs(existing: string | null, table: string): string;
