/**
 * `portguard fix`: the safe fixes, planned as text edits on the original files so that nothing but
 * the port expressions, the port lines of `.env` files and volume names changes. Pure: the plan
 * says what each file becomes; the adapter writes it.
 */
import type { LintRun } from "./lint.js";
import type { Diagnostic, Range, Report, SourceTree } from "./types.js";
export interface FileChange {
    path: string;
    /** null when the file is created. */
    before: string | null;
    after: string;
}
export interface PortMove {
    service: string;
    variable: string;
    from: number | null;
    to: number;
    file: string;
    line: number;
}
/** An env file fix leaves alone because it does not parse: a line fix cannot read is never rewritten or repeated. */
export interface BrokenEnvFile {
    path: string;
    line: number;
    column: number;
    message: string;
}
export interface FixPlan {
    changes: FileChange[];
    moves: PortMove[];
    fixed: Diagnostic[];
    /** Findings left for a person: not fixable safely, or excluded by --rule. */
    unfixable: Diagnostic[];
    /** Variables left alone because one env file would hold them for different ports. */
    shared: SharedVariable[];
    /** What `check` reports on the fixed project. */
    after: Report;
    /** The lint of the fixed project (for checks on what it becomes: volume names on the engine). */
    afterRun: LintRun;
    /** Env files with a syntax error: no port that depends on one is fixed. */
    broken: BrokenEnvFile[];
}
export interface SharedVariable {
    variable: string;
    envFile: string;
    /** Every place (file:line) using the name in that env file's projects. */
    places: string[];
}
export interface FixOptions {
    /** Only these rule ids (from `--rule`). */
    rules?: ReadonlySet<string>;
    /** Only diagnostics in these files (from PATH arguments). */
    files?: (path: string) => boolean;
    /** Diagnostics fix must leave alone (a change that would lose a database's data on the engine). */
    exclude?: (d: Diagnostic) => boolean;
}
/** A text edit on the original file: 1-based positions, `end` exclusive; a missing file is created with `text`. */
export interface TextEdit {
    file: string;
    range: Range;
    text: string;
}
/** Writes `value` as a YAML scalar in the style the original used (plain, single or double quotes). */
export declare function encodeScalar(value: string, original: string, flow: boolean): string;
/**
 * Plans every safe fix. `lint` lints a tree (the adapter's policy and options); the plan is applied
 * round after round on the planned tree until a round changes nothing, so that a second `fix`
 * has nothing left to do.
 */
export declare function planFixes(tree: SourceTree, lint: (tree: SourceTree) => LintRun, options?: FixOptions): FixPlan;
/** What fix does about one finding: what the edits do, and the edits (none when fix leaves it, `message` says why). */
export interface DiagnosticFix {
    message: string;
    edits: TextEdit[];
}
/**
 * What `portguard fix` does about each finding of `run` with fix intents (each fixable diagnostic):
 * the edits of the plan's first round, on the texts the report's positions refer to. Findings of
 * later rounds (raised by the first round's edits) are not in the report.
 */
export declare function planDiagnosticFixes(run: LintRun, tree: SourceTree): Map<Diagnostic, DiagnosticFix>;
/** The first syntax error of an env file (null: it parses, or does not exist). */
export declare function envSyntaxError(path: string, text: string | null): BrokenEnvFile | null;
/**
 * Sets port variables in one env file: the value of an existing key is rewritten in place (quotes,
 * comments and every other line kept), a new key is appended; the file is created when missing.
 * Null when nothing changes, or a value cannot be rewritten safely.
 */
export declare function setEnvPorts(tree: SourceTree, path: string, values: ReadonlyMap<string, number>, 
/** The first line of a file this creates (null: none). */
header: string | null): FileChange | null;
