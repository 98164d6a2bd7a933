/** The linear engine answers as JavaScript's engine does, in linear time, and refuses what it cannot run. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRegex, UnsupportedPattern } from "../../src/core/linear-regex.js";

const PATTERNS = [
  "^[A-Z][A-Z0-9_]*_PORT$",
  "_PORT$",
  "^(DB|UI)_[A-Z_]+_PORT$",
  "^(A+)+$",
  "a|b",
  "^$",
  "$^",
  "x*",
  "^a{2,3}$",
  "^(ab){2}$",
  "[^A-Z]",
  "\\d+",
  "^\\w+$",
  "[\\d_]",
  "[\\D]",
  ".",
  "^.$",
  "a.c",
  "(?:a|b)+c",
  "(?<n>a)b",
  "^[a-c-]$",
  "\\.",
  "[.]",
  "^a?b??$",
  "\\u0041",
  "\\x41",
  "\\u{1F600}",
  "^.{3}$",
  "(a*)*b",
  "^(a|ab)(c|bcd)(d*)$",
  "[\\s]",
  "\\S\\S",
  "^\\W",
  "a{2,}",
  "a{0}b",
];

const ALPHABET = fc.constantFrom(
  "A",
  "B",
  "a",
  "b",
  "c",
  "d",
  "_",
  "1",
  "P",
  "O",
  "R",
  "T",
  "-",
  " ",
  "\n",
  "😀",
  "x",
  "D",
);

describe("the linear regular-expression engine", () => {
  it.each(PATTERNS)("agrees with RegExp on %s", (pattern) => {
    const v8 = new RegExp(pattern, "u");
    const mine = compileRegex(pattern);
    const fixed = ["A_PORT", "DB_X_PORT", "AAAA", "", "ab", "abc", "abcd", "aa", "aaa", "abab", "😀", "\n", "x_PORT "];
    for (const s of fixed) expect(mine.test(s), JSON.stringify(s)).toBe(v8.test(s));
    fc.assert(
      fc.property(
        fc.array(ALPHABET, { maxLength: 12 }).map((a) => a.join("")),
        (s) => mine.test(s) === v8.test(s),
      ),
      { numRuns: 300 },
    );
  });

  it("runs catastrophic patterns in linear time", { timeout: 10_000 }, () => {
    const started = performance.now();
    expect(compileRegex("^(A+)+$").test(`${"A".repeat(100_000)}B`)).toBe(false);
    expect(compileRegex("^(a|a)*$").test(`${"a".repeat(100_000)}!`)).toBe(false);
    expect(compileRegex("^(\\w*)*_PORT$").test("A".repeat(100_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ["(?=A)", /look-around/],
    ["(?<!A)B", /look-around/],
    ["(a)\\1", /back-reference/],
    ["\\bPORT", /word boundary/],
    ["\\p{L}", /Unicode property/],
    ["(", /not a valid regular expression/],
    ["(a{1000}){1000}", /too large/],
    [`${"(".repeat(100)}a${")".repeat(100)}`, /nests groups/],
  ])("refuses %s", (pattern, message) => {
    expect(() => compileRegex(pattern)).toThrow(UnsupportedPattern);
    expect(() => compileRegex(pattern)).toThrow(message);
  });
});
