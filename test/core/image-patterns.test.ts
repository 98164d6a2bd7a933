/**
 * Image patterns (`*` within a name segment, the rest literal, case-insensitive) answer as the
 * regular expression they stand for, whichever way they are compiled: the name itself, a prefix,
 * or the linear engine.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageMatches } from "../../src/core/images.js";

const PATTERNS = [
  "postgres",
  "Bitnami/PostgreSQL",
  "timescale/timescaledb*",
  "pg*",
  "*",
  "*/postgres",
  "*-exporter",
  "*_x/y",
  "*/",
  "bitnami/*",
  "a*b*c",
  "x/*/y",
  "ab*/b",
  "a/b*",
  "",
];

function oracle(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${body}$`, "u");
}

function expected(pattern: string, registry: string, path: string): boolean {
  const re = oracle(pattern);
  return re.test(path) || (registry !== "" && re.test(`${registry}/${path}`));
}

describe("image patterns", () => {
  it("match as their regular expression on the path and on registry/path", () => {
    const names = [
      "postgres",
      "postgres/x",
      "bitnami/postgresql",
      "timescale/timescaledb",
      "timescale/timescaledb-ha",
      "timescale/timescaledb/x",
      "pg",
      "pgadmin",
      "pg/admin",
      "library/postgres",
      "a/b/postgres",
      "bitnami/",
      "abc",
      "aXbYc",
      "a/bc",
      "x/z/y",
      "x/y",
      "x//y",
      "ab/b",
      "node-exporter",
      "prom/node-exporter",
      "-exporter",
      "exporter",
      "a_x/y",
      "a/b_x/y",
      "_x/y",
      "a/",
      "/",
      "abz/b",
      "ab/z/b",
      "a/b",
      "a/bcd",
      "a/b/c",
      "",
      "😀",
    ];
    for (const pattern of PATTERNS) {
      for (const path of names) {
        for (const registry of ["", "ghcr.io", "a", "x"]) {
          expect(imageMatches(pattern, { registry, path }), `${pattern} ~ ${registry}|${path}`).toBe(
            expected(pattern, registry, path),
          );
        }
      }
    }
  });

  it("agree with the oracle on random names", () => {
    const name = fc.string({ unit: fc.constantFrom("a", "b", "c", "x", "y", "/", "-", "p", "g", "😀"), maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), name, fc.constantFrom("", "a", "x"), (pattern, path, registry) => {
        expect(imageMatches(pattern, { registry, path })).toBe(expected(pattern, registry, path));
      }),
      { numRuns: 3000 },
    );
  });
});
