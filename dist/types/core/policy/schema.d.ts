/**
 * The JSON Schema of the policy file (schema/portguard.schema.json is generated from it by the
 * build, with the rule ids and names of the catalogue, so editors complete them).
 */
import type { Rule } from "../rule.js";
export declare function policySchema(rules: readonly Rule[]): Record<string, unknown>;
