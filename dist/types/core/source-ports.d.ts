/**
 * Finding governed host ports hardcoded in application sources (PG401): one regex pass per file
 * for the port numbers themselves, then a look at each hit's context on its line.
 */
import type { StackModel } from "./context.js";
/** What a governed port number stands for. */
export interface PortOwner {
    port: number;
    variable: string;
    service: string;
}
export interface SourceFinding {
    file: string;
    line: number;
    column: number;
    endColumn: number;
    port: number;
    /** The variable to read instead (the owner's), or the variable whose fallback is wrong. */
    variable: string;
    service: string;
    kind: "hardcoded" | "fallback";
    /** What shows it is a port: a local host before it (`localhost:7000`), a port-like key, or a fallback. */
    via: "host" | "key" | "fallback";
    /** For a wrong fallback: the port the variable is allocated. */
    allocated?: number;
}
/** The governed ports of the project and the variable each should be read through. */
export declare function governedPorts(model: StackModel): {
    byPort: Map<number, PortOwner>;
    byVariable: Map<string, number>;
};
export interface SourcePatterns {
    /** The governed port numbers, as whole numbers. */
    numbers: RegExp;
    /** `VAR ?? 7001`, `getenv("VAR", "7001")`: a number used as the fallback of a port variable. */
    fallbacks: RegExp | null;
}
/** The regular expressions of one run (built once, used on every file). */
export declare function sourcePatterns(ports: Map<number, PortOwner>, variables: Map<string, number>): SourcePatterns | null;
/** Scans one source file. Pure: text in, findings out. */
export declare function scanSource(file: string, text: string, ports: Map<number, PortOwner>, variables: Map<string, number>, patterns: SourcePatterns): SourceFinding[];
