/**
 * A regular-expression engine that runs in time linear in its input, whatever the pattern: an NFA
 * simulated as a lazily built DFA (the RE2 approach), never backtracking. It runs the patterns
 * that come from outside (`variables.pattern`, globs, image patterns), where JavaScript's own
 * engine can take exponential time (`^(A+)+$`, `**\/a*\/**\/a*...`). It accepts JavaScript's
 * syntax without the features that need backtracking (back-references, look-around, `\b`).
 */
/** Code point ranges, sorted and disjoint; `negated` matches everything else. */
export interface CharSet {
    ranges: [number, number][];
    negated: boolean;
}
export type RegexNode = {
    type: "empty";
} | {
    type: "char";
    set: CharSet;
} | {
    type: "seq";
    items: RegexNode[];
} | {
    type: "alt";
    options: RegexNode[];
} | {
    type: "repeat";
    node: RegexNode;
    min: number;
    max: number;
} | {
    type: "assert";
    at: "start" | "end";
};
/** A pattern the engine cannot run, or one too large for it; the message says which. */
export declare class UnsupportedPattern extends Error {
    constructor(message: string);
}
export declare const ANY: CharSet;
export declare const NOT_SLASH: CharSet;
export declare function charSet(ranges: [number, number][], negated?: boolean): CharSet;
export declare function literal(text: string): RegexNode;
/** Parses a JavaScript regular expression (as with the `u` flag) into a {@link RegexNode}. */
export declare function parseRegex(pattern: string): RegexNode;
/** A compiled pattern: `test` answers in time linear in the input. */
export declare class LinearMatcher {
    private readonly anchored;
    private readonly states;
    private readonly start;
    private readonly cache;
    private first;
    /**
     * `anchored`: the whole input must match (globs); otherwise a match anywhere counts, as with
     * `RegExp.prototype.test` (then `^` and `$` anchor it).
     */
    constructor(node: RegexNode, anchored: boolean);
    /** The states reachable from `from` without reading a character. */
    private closure;
    private dfa;
    private step;
    private endsMatched;
    test(input: string): boolean;
}
/** `new RegExp(pattern, "u").test` without the risk of exponential time. Throws {@link UnsupportedPattern}. */
export declare function compileRegex(pattern: string): LinearMatcher;
