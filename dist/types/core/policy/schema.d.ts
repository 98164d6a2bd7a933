import type { Rule } from "../rule.js";
export declare function policySchema(rules: readonly Rule[]): Record<string, unknown>;
