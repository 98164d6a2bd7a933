import type { PortMapping } from "./types.js";
export type { PortMapping };
export declare class PortSpecError extends Error {
    constructor(message: string);
}
/** A short-syntax mapping with the offsets of its parts in the parsed string. */
export interface ShortMapping extends PortMapping {
    /** [start, end) of the host-port text ("" gives an empty span at its place). */
    hostPortSpan: [number, number];
    hostIpSpan: [number, number];
}
/** What compose itself records for one entry (compose-go's ServicePortConfig). */
export interface ComposePortEntry {
    target: number;
    published: string;
    host_ip: string;
    protocol: string;
}
/** Long-syntax fields, already interpolated. */
export interface LongSyntaxPort {
    target?: number | string | null;
    published?: number | string | null;
    host_ip?: string | null;
    protocol?: string | null;
    mode?: string | null;
    [field: string]: unknown;
}
/** `N` or `N-M` (start <= end), as every compose release accepts it. */
export declare function parsePortRange(ports: string): [number, number] | null;
/** A spec compose refuses, with compose's message. */
export interface PortSpecProblem {
    error: string;
    /** The long-syntax field at fault, when there is one. */
    field?: string;
    /**
     * Found only once the files are merged (compose's final checks, or the engine at `up`): a problem
     * only where the entry survives a later `!reset` or `!override`.
     */
    afterMerge?: boolean;
}
export declare function isProblem<T extends object>(value: T | PortSpecProblem): value is PortSpecProblem;
/**
 * Reads one short-syntax spec (`[IP:][HOST:]CONTAINER[/PROTO]`) exactly as compose does, without
 * expanding ranges.
 */
export declare function readShortSyntax(raw: string): ShortMapping | PortSpecProblem;
/**
 * Reads a long-syntax port mapping (values already interpolated) as compose loads it and the engine
 * binds it: `published` and `target` must be what `up` accepts, not only what `config` prints.
 */
export declare function readLongSyntax(port: LongSyntaxPort): PortMapping | PortSpecProblem;
/** {@link readShortSyntax}, throwing {@link PortSpecError}. */
export declare function parseShortSyntax(raw: string): ShortMapping;
/** {@link readLongSyntax}, throwing {@link PortSpecError}. */
export declare function parseLongSyntax(port: LongSyntaxPort): PortMapping;
/** Splits a mapping into compose's entries: paired ranges become one entry per port. */
export declare function expandMapping(m: PortMapping): PortMapping[];
/**
 * The bindings of one port spec: a short-syntax string (or YAML integer) or a long-syntax mapping.
 * One entry per entry compose creates (`80-82:8080-8082` gives three); a host range against one
 * container port stays one entry whose `hostPortEnd` closes the range the engine picks from.
 * Throws {@link PortSpecError} for an invalid spec.
 */
export declare function parsePortSpec(value: string | number | LongSyntaxPort): PortMapping[];
/** compose's own record of a spec: `{target, published, host_ip, protocol}` per entry. */
export declare function composePortEntries(value: string | number | LongSyntaxPort): ComposePortEntry[];
