/**
 * The rule catalogue, in report and documentation order. Ids are a public contract: never reuse
 * or renumber one. Retired ids stay listed here as comments.
 */
import type { Rule } from "../rule.js";
export declare const RULES: readonly Rule[];
/** Rule ids and names, both mapping to the id (configs and suppressions accept either). */
export declare const RULE_IDS: ReadonlyMap<string, string>;
