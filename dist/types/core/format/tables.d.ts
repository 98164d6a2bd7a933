import { type Rule } from "../rule.js";
import type { ResolvedBinding } from "../types.js";
/** Aligns rows of cells into columns separated by two spaces. */
export declare function alignColumns(rows: string[][]): string;
/** `portguard ports`: the resolved port map. */
export declare function formatPortsTable(bindings: readonly ResolvedBinding[]): string;
export declare function formatPortsJson(bindings: readonly ResolvedBinding[]): string;
/** `portguard rules`: the catalogue. */
export declare function formatRulesTable(rules: readonly Rule[], severities: (rule: Rule) => string): string;
export declare function formatRulesJson(rules: readonly Rule[], severities: (rule: Rule) => string): string;
