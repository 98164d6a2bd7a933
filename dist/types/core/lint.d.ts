import { type StackModel } from "./context.js";
import type { Policy } from "./policy/types.js";
import { type AssembleOptions } from "./project.js";
import { type Redactor } from "./redact.js";
import { type ResolvedIntent, type Rule } from "./rule.js";
import type { Diagnostic, Report, Severity, SourceTree } from "./types.js";
export interface LintOptions extends AssembleOptions {
    /** Report only diagnostics in files for which this returns true (the whole project is still loaded). */
    reportFilter?: (file: string) => boolean;
    /**
     * The files being changed (a pull request's, a commit's): in a conflict, a binding in an unchanged
     * file keeps its port and the changed one is told to move. Defaults to `reportFilter`.
     */
    changed?: (file: string) => boolean;
}
export declare function severityOf(policy: Policy, rule: Rule): Severity | "off";
/** A lint run with what fixes and docs need: the model, and the fix intents of each diagnostic. */
export interface LintRun {
    /** Redacted: no value of the run's secrets appears in it. */
    report: Report;
    /** The resolved model the diagnostics were found on. */
    model: StackModel;
    /** What fix does about each fixable diagnostic, as the rules said it (not redacted: for fixes, never for output). */
    fixes: Map<Diagnostic, ResolvedIntent[]>;
    /** The run's secrets: every other output of the adapters passes through it. */
    redactor: Redactor;
}
/** Lints a project. Pure: everything it reads comes through `tree`. */
export declare function lint(tree: SourceTree, policy?: Policy, options?: LintOptions): Report;
/** {@link lint}, keeping the model and the fix intents of each diagnostic. */
export declare function lintRun(tree: SourceTree, policy?: Policy, options?: LintOptions): LintRun;
