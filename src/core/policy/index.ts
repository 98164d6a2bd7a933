import { RULE_IDS } from "../rules/index.js";
import { type ExtendsResolver, type PolicyFile, resolvePolicy } from "./load.js";
import type { Policy } from "./types.js";

export { PolicyError } from "./load.js";

/**
 * The policy a config file describes, merged over the embedded default (and over its `extends`
 * chain, read through `resolveExtends`). With no file, the embedded default. Throws
 * {@link PolicyError} naming the file, line and key of the first problem.
 */
export function loadPolicy(file: PolicyFile | null = null, resolveExtends?: ExtendsResolver): Policy {
  return resolvePolicy(file, RULE_IDS, resolveExtends);
}
