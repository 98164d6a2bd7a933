/**
 * Plain YAML scalars as docker compose's YAML library (go-yaml v3) resolves them. It differs from
 * YAML 1.2's core schema where port numbers are written: `017` is octal 15, `08` is the float 8,
 * `1_000` is 1000, `0b1010` is 10; only `true`/`false` (three spellings) are booleans.
 */

/** A resolved plain scalar: floats are kept apart from integers (compose treats them differently). */
export type GoScalar =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "string"; value: string };

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const SPECIAL_FLOATS: Record<string, number> = {
  ".nan": Number.NaN,
  ".NaN": Number.NaN,
  ".NAN": Number.NaN,
  ".inf": Number.POSITIVE_INFINITY,
  ".Inf": Number.POSITIVE_INFINITY,
  ".INF": Number.POSITIVE_INFINITY,
  "+.inf": Number.POSITIVE_INFINITY,
  "+.Inf": Number.POSITIVE_INFINITY,
  "+.INF": Number.POSITIVE_INFINITY,
  "-.inf": Number.NEGATIVE_INFINITY,
  "-.Inf": Number.NEGATIVE_INFINITY,
  "-.INF": Number.NEGATIVE_INFINITY,
};
// go-yaml's yamlStyleFloat
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DECIMAL = /^[1-9][0-9]{0,14}$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) and then ParseUint: base prefixes, leading-zero octal. */
function parseGoInt(text: string): bigint | null {
  const negative = text.startsWith("-");
  const unsigned = text.replace(/^[+-]/, "");
  let digits = unsigned;
  let base = 10;
  if (/^0[xX]/.test(unsigned)) {
    base = 16;
    digits = unsigned.slice(2);
  } else if (/^0[bB]/.test(unsigned)) {
    base = 2;
    digits = unsigned.slice(2);
  } else if (/^0[oO]/.test(unsigned)) {
    base = 8;
    digits = unsigned.slice(2);
  } else if (/^0[0-9]/.test(unsigned)) {
    base = 8;
    digits = unsigned.slice(1);
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base] as RegExp;
  if (!valid.test(digits)) return null;
  const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[base];
  const magnitude = BigInt(`${prefix}${digits}`);
  const value = negative ? -magnitude : magnitude;
  if (value > UINT64_MAX || value < -INT64_MAX - 1n) return null;
  // Past int64, only ParseUint is left, and it takes no sign.
  if (value > INT64_MAX && /^[+-]/.test(text)) return null;
  return value;
}

/** How go-yaml v3 resolves the plain (unquoted, untagged) scalar `text`. */
export function resolveGoPlain(text: string): GoScalar {
  // Most plain scalars (names, images, paths) start with a letter no null, boolean or number starts with.
  const code = text.charCodeAt(0) | 0x20;
  if (code >= 0x61 && code <= 0x7a && code !== 0x6e && code !== 0x74 && code !== 0x66)
    return { kind: "string", value: text };
  if (NULLS.has(text)) return { kind: "null" };
  if (TRUES.has(text)) return { kind: "bool", value: true };
  if (FALSES.has(text)) return { kind: "bool", value: false };
  // Own keys only: `constructor` or `toString` is a string, not a float.
  const special = Object.hasOwn(SPECIAL_FLOATS, text) ? SPECIAL_FLOATS[text] : undefined;
  if (special !== undefined) return { kind: "float", value: special };
  const first = text[0] as string;
  if (first === ".") {
    return FLOAT.test(text) ? { kind: "float", value: Number(text) } : { kind: "string", value: text };
  }
  if (!/[-+0-9]/.test(first)) return { kind: "string", value: text };
  // The common case (a port): decimal digits without a leading zero, well inside a double's exact range.
  if (DECIMAL.test(text)) return { kind: "int", value: Number(text) };
  const plain = text.replaceAll("_", "");
  const int = parseGoInt(plain);
  if (int !== null) return { kind: "int", value: Number(int) };
  if (FLOAT.test(plain)) return { kind: "float", value: Number(plain) };
  return { kind: "string", value: text };
}
