import { type ExtendsResolver, type PolicyFile } from "./load.js";
import type { Policy } from "./types.js";
export { PolicyError } from "./load.js";
/**
 * The policy a config file describes, merged over the embedded default (and over its `extends`
 * chain, read through `resolveExtends`). With no file, the embedded default. Throws
 * {@link PolicyError} naming the file, line and key of the first problem.
 */
export declare function loadPolicy(file?: PolicyFile | null, resolveExtends?: ExtendsResolver): Policy;
