/**
 * Variable interpolation exactly as compose-go's `template` package performs it, including its
 * quirks (the greedy match up to the last `}`, the text after the first closing brace being
 * substituted again, the operator chosen by earliest occurrence). Besides the resulting string it
 * records which top-level variable produced which part of the output, so callers can tell whether
 * a host port came from `${VAR:-default}` or from literal text.
 */
/** `(value, true)` when the variable is set (possibly empty), `(undefined, false)` when unset. */
export type Lookup = (name: string) => string | undefined;
export type Operator = "" | ":-" | "-" | ":?" | "?" | ":+" | "+";
/** One `$NAME` or `${NAME...}` expression at the top level of a template. */
export interface VariableReference {
    name: string;
    operator: Operator;
    /** The text after the operator, as written (a default, an error message or an alternate). */
    argument: string | null;
    braced: boolean;
    /** Offsets of the whole expression in the template. */
    start: number;
    end: number;
    /** Where the inserted value came from. */
    source: "variable" | "default" | "alternate" | "unset";
}
/** A piece of the output: literal template text, or the value of one top-level reference. */
export interface Segment {
    text: string;
    /** Offset of `text` in the output string. */
    start: number;
    /** Where the segment was written in the template: [start, end). */
    templateStart: number;
    templateEnd: number;
    reference: VariableReference | null;
}
/** `${VAR:-default}` or `${VAR-default}`: the reference carries a fallback. */
export declare function hasDefault(reference: Pick<VariableReference, "operator">): boolean;
export declare class InterpolationError extends Error {
    /** "syntax" for an invalid template, "required" for a missing `${VAR:?}` value. */
    readonly kind: "syntax" | "required";
    /** Offset in the template of the expression that failed. */
    readonly offset: number;
    readonly variable?: string | undefined;
    constructor(message: string, 
    /** "syntax" for an invalid template, "required" for a missing `${VAR:?}` value. */
    kind: "syntax" | "required", 
    /** Offset in the template of the expression that failed. */
    offset: number, variable?: string | undefined);
}
export interface Interpolated {
    value: string;
    segments: Segment[];
    references: VariableReference[];
}
/** Deeper `${...}` nesting is refused: substitution recurses once per level. */
export declare const MAX_NESTING = 64;
/**
 * Interpolates `template` with compose-go's rules and keeps the provenance of every part.
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
export declare function interpolateDetailed(template: string, lookup: Lookup): Interpolated;
/**
 * Interpolates `template` with compose-go's rules. `env` maps names to values (absent = unset).
 * Throws {@link InterpolationError} for invalid syntax or a missing required variable.
 */
export declare function interpolate(template: string, env: Record<string, string | undefined> | Map<string, string> | Lookup): string;
export declare function toLookup(env: Record<string, string | undefined> | Map<string, string> | Lookup): Lookup;
