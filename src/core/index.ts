/**
 * portguard's library entry: the validation core without I/O. Adapters (the CLI, the GitHub
 * Action, the pre-commit hook) supply a {@link SourceTree} and print the {@link Report}.
 */

export type { ComposeFile } from "./compose-file.js";
export { parseCompose } from "./compose-file.js";
export type { EnvEntry, ParsedEnvFile } from "./dotenv.js";
export { parseEnvFile } from "./dotenv.js";
export * from "./format/index.js";
export { InterpolationError, interpolate } from "./interpolation.js";
export type { LintOptions } from "./lint.js";
export { compareDiagnostics, lint } from "./lint.js";
export { memoryTree } from "./memory-tree.js";
export { DEFAULT_POLICY } from "./policy/default-policy.js";
export { loadPolicy, PolicyError } from "./policy/index.js";
export type { Policy, PolicyConfig } from "./policy/types.js";
export type { ComposePortEntry, LongSyntaxPort, PortMapping } from "./port-spec.js";
export { composePortEntries, PortSpecError, parsePortSpec } from "./port-spec.js";
export type { Rule } from "./rule.js";
export { RULES } from "./rules/index.js";
export type * from "./types.js";
