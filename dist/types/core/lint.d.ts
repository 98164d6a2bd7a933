import type { Policy } from "./policy/types.js";
import { type AssembleOptions } from "./project.js";
import { type Rule } from "./rule.js";
import type { Diagnostic, Report, Severity, SourceTree } from "./types.js";
export interface LintOptions extends AssembleOptions {
    /** Report only diagnostics in files for which this returns true (the whole project is still loaded). */
    reportFilter?: (file: string) => boolean;
    /** Extra rules run after the built-in ones (adapters add source scanning this way). */
    extraRules?: readonly Rule[];
    /**
     * The files being changed (a pull request's, a commit's): in a conflict, a binding in an unchanged
     * file keeps its port and the changed one is told to move. Defaults to `reportFilter`.
     */
    changed?: (file: string) => boolean;
}
export declare function severityOf(policy: Policy, rule: Rule): Severity | "off";
export declare function compareDiagnostics(a: Diagnostic, b: Diagnostic): number;
/** Lints a project. Pure: everything it reads comes through `tree`. */
export declare function lint(tree: SourceTree, policy?: Policy, options?: LintOptions): Report;
