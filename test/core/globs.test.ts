/** Globs match as picomatch matches them (dot files included), without its exponential backtracking. */
import fc from "fast-check";
import picomatch from "picomatch/posix.js";
import { describe, expect, it } from "vitest";
import { compileGlob, globMatcher, globProblem, ignoreMatcher } from "../../src/core/globs.js";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";

const PATTERNS = [
  ...DEFAULT_POLICY.files.compose,
  ...DEFAULT_POLICY.files.ignore,
  ...DEFAULT_POLICY.files.sources,
  "**/compose.yaml",
  "*.env",
  "{a,b}/c?.yml",
  "**/[abc]x.yml",
  "**/.env*",
  "apps/**",
  "apps/*/compose.yml",
  "{1..3}.yml",
  "a/**/b",
  "**",
  "*",
  "a**b",
  "x/{a,b/c}/y",
  "+(a|b).yml",
  "*(a).yml",
  "@(a|b).yml",
  "[a-c]*.yml",
  "stacks/**/compose.y*ml",
  ".devcontainer/compose.yml",
  "**/*.yml",
  "**/.env.*",
  "a/[[:digit:]]/b",
  "\\*.yml",
  "{a}.yml",
  "!apps/**",
  "./apps/*.yml",
];

const PATHS = [
  "compose.yaml",
  "a/compose.yaml",
  "a/b/compose.yaml",
  ".devcontainer/compose.yml",
  "docker-compose.yml",
  "docker-compose.prod.yaml",
  "docker-compose.ymll",
  "compose.override.yml",
  "x/node_modules/y",
  "node_modules",
  "node_modules/\0",
  "a/node_modules/\0",
  "dist/\0",
  "src/x.ts",
  "src/x.tsx",
  "x.env",
  ".env",
  "a/c1.yml",
  "b/c2.yml",
  "c/c1.yml",
  "bx.yml",
  "q/ax.yml",
  ".env.local",
  "a/.env.example",
  "apps",
  "apps/x",
  "apps/x.yml",
  "apps/x/compose.yml",
  "apps/x/y/compose.yml",
  "2.yml",
  "4.yml",
  "a/b",
  "a/x/y/b",
  "a/xb",
  "axb",
  "x/a/y",
  "x/b/c/y",
  "ab.yml",
  "abab.yml",
  ".yml",
  "a.yml",
  "{a}.yml",
  "stacks/x/compose.yml",
  "*.yml",
  "a/1/b",
  ".hidden/x.yml",
];

describe("globs", () => {
  it("agree with picomatch on a table of patterns and paths", () => {
    const differences: string[] = [];
    for (const pattern of PATTERNS) {
      const theirs = picomatch(pattern, { dot: true });
      const ours = compileGlob(pattern);
      for (const path of PATHS) if (theirs(path) !== ours(path)) differences.push(`${pattern} ${JSON.stringify(path)}`);
    }
    expect(differences).toEqual([]);
  });

  it("agree with picomatch on generated paths", () => {
    const segment = fc.constantFrom(
      "a",
      "b",
      "ab",
      "compose.yaml",
      "compose.yml",
      "x.ts",
      ".env",
      "node_modules",
      "dist",
      "c1.yml",
    );
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/"));
    for (const pattern of PATTERNS) {
      const theirs = picomatch(pattern, { dot: true });
      const ours = compileGlob(pattern);
      fc.assert(
        fc.property(path, (p) => theirs(p) === ours(p)),
        { numRuns: 200 },
      );
    }
  });

  it("match paths holding newlines and control characters (picomatch's `.` skips them)", () => {
    const isCompose = globMatcher(DEFAULT_POLICY.files.compose);
    expect(isCompose("a\nb/compose.yaml")).toBe(true);
    expect(isCompose("a\u001b[31m/docker-compose.yml")).toBe(true);
    expect(ignoreMatcher(DEFAULT_POLICY.files.ignore)("x\ny/node_modules/compose.yaml")).toBe(true);
  });

  it("take linear time on hostile globs and deep paths", { timeout: 10_000 }, () => {
    const hostile = compileGlob("**/a*/**/a*/**/a*/**/a*/**/a*/x");
    const deep = Array.from({ length: 80 }, () => "aaaa").join("/");
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(hostile(`${deep}/y`)).toBe(false);
    expect(compileGlob("*a*a*a*a*a*a*a*a*a*a*b")(`${"a".repeat(5000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("say why a glob cannot be used", () => {
    expect(globProblem("**/compose.yaml")).toBeNull();
    expect(globProblem("!(a).yml")).toMatch(/negated extglob/);
    expect(globProblem("{1..5000}")).toMatch(/more than 1000/);
    expect(globProblem(`${"{a,".repeat(40)}b${"}".repeat(40)}`)).toMatch(/nests/);
    expect(globProblem("x".repeat(5000))).toMatch(/longer than/);
  });
});
