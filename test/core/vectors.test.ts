import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEnvFile } from "../../src/core/dotenv.js";
import { interpolate } from "../../src/core/interpolation.js";
import { composePortEntries } from "../../src/core/port-spec.js";
import { vectorsPath } from "../support/shared.js";

interface ErrorExpect {
  error: true;
  message: string;
}
interface Vectors {
  interpolation: { template: string; env: Record<string, string>; expect: string | ErrorExpect }[];
  ports: {
    input: string;
    expect: ErrorExpect | { target: number; published: string; host_ip: string; protocol: string }[];
  }[];
  dotenv: { input: string; shell_env?: Record<string, string>; expect: ErrorExpect | Record<string, string> }[];
}

/**
 * Specs these facts (go-connections v0.7) accept but docker compose v2.40 (go-connections v0.5, the
 * release the differential tests run) refuses: an IPv6 address without brackets, a `+` sign. A spec
 * a current compose release refuses does not work everywhere: portguard refuses it (PG001).
 */
const REFUSED_BY_COMPOSE_V2_40 = new Set(["::1:6000:6000", "2001:4860:0:2001::68::333", "::1:80:80", "+80:80"]);

const path = vectorsPath();
const vectors: Vectors | null = path ? JSON.parse(readFileSync(path, "utf8")) : null;
const isError = (x: unknown): x is ErrorExpect =>
  typeof x === "object" && x !== null && (x as ErrorExpect).error === true;
const sortKey = (e: { target: number; protocol: string; published: string; host_ip: string }) =>
  `${e.target}/${e.protocol}/${e.published}/${e.host_ip}`;

describe.skipIf(!vectors)("compose-go vectors", () => {
  describe("interpolation", () => {
    for (const v of vectors?.interpolation ?? []) {
      it(`${JSON.stringify(v.template)} with ${JSON.stringify(v.env)}`, () => {
        if (isError(v.expect)) expect(() => interpolate(v.template, v.env)).toThrow();
        else expect(interpolate(v.template, v.env)).toBe(v.expect);
      });
    }
  });
  describe("ports", () => {
    for (const v of vectors?.ports ?? []) {
      it(JSON.stringify(v.input), () => {
        if (isError(v.expect) || REFUSED_BY_COMPOSE_V2_40.has(v.input))
          expect(() => composePortEntries(v.input)).toThrow();
        else {
          const actual = composePortEntries(v.input).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
          const wanted = [...v.expect].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
          expect(actual).toEqual(wanted);
        }
      });
    }
  });
  describe("dotenv", () => {
    for (const v of vectors?.dotenv ?? []) {
      it(`${JSON.stringify(v.input)}${v.shell_env ? ` with ${JSON.stringify(v.shell_env)}` : ""}`, () => {
        const result = parseEnvFile(v.input, v.shell_env);
        if (isError(v.expect)) expect(result.errors.length).toBeGreaterThan(0);
        else {
          expect(result.errors).toEqual([]);
          expect({ ...result.values }).toEqual(v.expect);
        }
      });
    }
  });
  it("has every public fact", () => {
    expect((vectors?.interpolation.length ?? 0) + (vectors?.ports.length ?? 0) + (vectors?.dotenv.length ?? 0)).toBe(
      246,
    );
  });
});
