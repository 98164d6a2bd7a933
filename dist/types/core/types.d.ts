/** A 1-based line and column, as editors and GitHub annotations count them. */
export interface Position {
    line: number;
    column: number;
}
/** A span of source text; `end` is exclusive (the column just after the last character). */
export interface Range {
    start: Position;
    end: Position;
}
export type Severity = "error" | "warning" | "info";
export type SeveritySetting = Severity | "off";
export type Protocol = "tcp" | "udp" | "sctp";
/** The port and variable a diagnostic proposes; either may be absent. */
export interface Suggestion {
    port?: number;
    variable?: string;
}
/** Another place a diagnostic refers to (the other side of a conflict, the first definition of a key). */
export interface RelatedLocation {
    file: string;
    line: number;
    service?: string;
}
export interface Diagnostic {
    rule: string;
    name: string;
    severity: Severity;
    messageId: string;
    /** Values for the message template; never holds a non-port `.env` value. */
    args: Record<string, string | number>;
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    service?: string;
    suggestion?: Suggestion;
    related?: RelatedLocation[];
    /** Whether the rule has an automatic fix (`portguard fix`). */
    fixable?: boolean;
    /** The port and variable the binding already has: a suggestion's text says only what differs. */
    current?: Suggestion;
}
export interface ReportSummary {
    errors: number;
    warnings: number;
    infos: number;
    files: number;
}
/** One port mapping as written: a range stays one mapping whose `...End` closes it. */
export interface PortMapping {
    /** "" when no host address is given (all interfaces). */
    hostIp: string;
    /** null when no host port is given: the engine picks an ephemeral one. */
    hostPort: number | null;
    hostPortEnd: number | null;
    containerPort: number;
    containerPortEnd: number;
    protocol: Protocol;
}
/** One published port mapping as written, resolved the way docker compose resolves it. */
export interface ResolvedBinding extends PortMapping {
    file: string;
    line: number;
    service: string;
    category: string;
    variable: string | null;
    default: number | string | null;
    /** compose's project name: bindings of one project run together, unless their profiles part them. */
    project: string;
    /** The service's profiles; empty when it runs with every profile. */
    profiles: string[];
    /** The compose file compose loads only with `-f` that this binding belongs to; null for the default stack. */
    variant: string | null;
}
/** A folder the tree could not list: its files were not checked (said in the summary, not an error). */
export interface SkippedPath {
    path: string;
    /** The system's reason: EACCES, ENAMETOOLONG... */
    reason: string;
}
export interface Report {
    diagnostics: Diagnostic[];
    bindings: ResolvedBinding[];
    summary: ReportSummary;
    /** Folders that could not be read, when there are any. */
    skipped?: SkippedPath[];
}
/** What reading one file of the project gave: its text, or why there is none. */
export type FileRead = {
    kind: "text";
    text: string;
} | {
    kind: "missing";
} | {
    kind: "problem";
    reason: FileProblem;
    detail?: string;
};
export type FileProblem = "too-large" | "not-a-file" | "unreadable" | "outside-project" | "symlink-loop";
/**
 * The project as the core sees it: relative POSIX paths and a way to read them.
 * Adapters implement it over the working tree, the git index, or memory.
 */
export interface SourceTree {
    /** Every candidate file of the project (already pruned of ignored folders), relative, `/`-separated. */
    readonly paths: readonly string[];
    read(path: string): FileRead;
    /**
     * Whether `path` is there (what {@link read} would not call "missing"), where the tree can say so
     * without reading the file; without it, the file is read.
     */
    exists?(path: string): boolean;
    /** Folders that could not be listed (known once `paths` has been read). */
    readonly skipped?: readonly SkippedPath[];
}
