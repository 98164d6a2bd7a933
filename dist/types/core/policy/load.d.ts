import type { Policy, PolicyConfig } from "./types.js";
export declare class PolicyError extends Error {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly key: string;
    readonly detail: string;
    constructor(file: string, line: number, column: number, key: string, detail: string);
}
/** A config file's text, found by the adapter. */
export interface PolicyFile {
    path: string;
    text: string;
}
/**
 * Resolves `extends:` (a relative path or a package name) from the file that names it: the file,
 * null when there is none, or why it is not read (outside the project, not a regular file...).
 */
export type ExtendsResolver = (spec: string, from: string) => PolicyFile | null | {
    refused: string;
};
/** A category named in `ranges[].for` or `services.*.category`, where it is written. */
export interface CategoryReference {
    file: string;
    line: number;
    column: number;
    key: string;
    name: string;
}
/** Parses and validates one config file (without following `extends`). Throws {@link PolicyError}. */
export declare function parsePolicyConfig(file: PolicyFile, ruleIds: ReadonlyMap<string, string>): PolicyConfig;
/** Merges a config over a policy: ranges replace, maps merge by key, allow, hosts and profile groups append. */
export declare function mergePolicy(base: Policy, config: PolicyConfig): Policy;
/**
 * The policy a config file describes: the embedded default, then each `extends` ancestor, then the
 * file itself. Throws {@link PolicyError} for an invalid file or an unresolvable `extends`.
 */
export declare function resolvePolicy(file: PolicyFile | null, ruleIds: ReadonlyMap<string, string>, resolveExtends?: ExtendsResolver): Policy;
