/**
 * Plain YAML scalars as docker compose's YAML library (go-yaml v3) resolves them. It differs from
 * YAML 1.2's core schema where port numbers are written: `017` is octal 15, `08` is the float 8,
 * `1_000` is 1000, `0b1010` is 10; only `true`/`false` (three spellings) are booleans.
 */
/** A resolved plain scalar: floats are kept apart from integers (compose treats them differently). */
export type GoScalar = {
    kind: "null";
} | {
    kind: "bool";
    value: boolean;
} | {
    kind: "int";
    value: number;
} | {
    kind: "float";
    value: number;
} | {
    kind: "string";
    value: string;
};
/** How go-yaml v3 resolves the plain (unquoted, untagged) scalar `text`. */
export declare function resolveGoPlain(text: string): GoScalar;
