import { describe, expect, it } from "vitest";
import { resolveGoPlain } from "../../src/core/go-yaml.js";

describe("go-yaml's typing of plain scalars", () => {
  it("types the special floats, and keeps the names of Object's own members strings", () => {
    expect(resolveGoPlain(".inf")).toEqual({ kind: "float", value: Number.POSITIVE_INFINITY });
    expect(resolveGoPlain(".NaN")).toEqual({ kind: "float", value: Number.NaN });
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(resolveGoPlain(name), name).toEqual({ kind: "string", value: name });
    }
  });
});
