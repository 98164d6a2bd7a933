/**
 * Bounded work (issue 10): no input reaches a recursion limit, a quadratic path or an exponential
 * one. Each case crashed, hung or took minutes before; each has its own timeout.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/core/compose-file.js";
import { parseEnvFile } from "../../src/core/dotenv.js";
import { lint } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { MAX_DEPTH, MAX_ITEMS } from "../../src/core/yaml-nodes.js";

const GOOD = 'services:\n  pg:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';

function problemsOf(text: string) {
  return lint(memoryTree({ "compose.yaml": text, "good/compose.yaml": GOOD })).diagnostics;
}

function expectOneParseError(text: string, message: RegExp) {
  const diagnostics = problemsOf(text);
  const own = diagnostics.filter((d) => d.file === "compose.yaml");
  expect(own.map((d) => d.rule)).toEqual(["PG001"]);
  expect(own[0]?.message).toMatch(message);
  expect(diagnostics.some((d) => d.file === "good/compose.yaml" && d.rule === "PG102")).toBe(true);
}

describe("nesting", () => {
  it("flow collections 5,000 deep: one PG001, parseCompose does not throw", { timeout: 20_000 }, () => {
    const text = `services:\n  a:\n    x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    expect(() => parseCompose(text)).not.toThrow();
    expect(parseCompose(text).problems[0]?.message).toMatch(`nested more than ${MAX_DEPTH} levels deep`);
    expectOneParseError(text, /nested more than 256 levels deep/);
  });

  it("block mappings 3,000 deep (under the size cap)", { timeout: 20_000 }, () => {
    let text = "services:\n  a:\n";
    let indent = "    ";
    for (let i = 0; i < 3000; i++) {
      text += `${indent}k:\n`;
      indent += " ";
    }
    expect(() => parseCompose(text)).not.toThrow();
    expectOneParseError(text, /nested more than 256 levels deep/);
  });

  it("block sequences and mixed nesting", { timeout: 20_000 }, () => {
    let text = "services:\n  a:\n    x:\n";
    let indent = "      ";
    for (let i = 0; i < 2000; i++) {
      text += `${indent}- k: [${"{a: ".repeat(3)}1${"}".repeat(3)}]\n${indent}  v:\n`;
      indent += "    ";
    }
    expect(() => parseCompose(text)).not.toThrow();
    expect(parseCompose(text).problems).toHaveLength(1);
  });

  it("nesting below the limit still parses", () => {
    const text = `services:\n  a:\n    image: nginx\n    labels: { a: ${"[".repeat(150)}1${"]".repeat(150)} }\n`;
    expect(parseCompose(text).problems).toEqual([]);
  });

  it("variables nested 5,000 deep in a compose file and in .env", { timeout: 20_000 }, () => {
    const deep = `${"${A:-".repeat(5000)}7000${"}".repeat(5000)}`;
    expectOneParseError(`services:\n  a:\n    image: x\n    ports:\n      - "${deep}:80"\n`, /nested more than 64/);
    expect(() => parseEnvFile(`A=${deep}\nB_PORT=7000\n`)).not.toThrow();
    expect(parseEnvFile(`A=${deep}\n`).errors).toHaveLength(1);
    const run = lint(memoryTree({ ".env": `A=${deep}\n`, "compose.yaml": GOOD }));
    expect(run.diagnostics.some((d) => d.rule === "PG001" && d.file === ".env")).toBe(true);
  });
});

describe("aliases", () => {
  it("10,000 anchors and 4,000 aliases (300 KB) resolve in linear time", { timeout: 20_000 }, () => {
    let text = "x-anchors:\n";
    for (let i = 0; i < 10_000; i++) text += `  a${i}: &a${i} value-${i}\n`;
    text += "services:\n  a:\n    image: nginx\n    labels:\n";
    for (let i = 0; i < 4_000; i++) text += `      - *a${i * 2}\n`;
    expect(text.length).toBeGreaterThan(300_000);
    const started = performance.now();
    const file = parseCompose(text);
    expect(file.problems).toEqual([]);
    expect(file.documents[0]?.services[0]?.labels.size).toBe(4_000);
    expect(file.documents[0]?.services[0]?.labels.get("value-7998")).toBeDefined();
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("an alias refers to the last anchor of its name before it", () => {
    const file = parseCompose('x-a: &p "7000:80"\nx-b: &p "7001:80"\nservices:\n  a:\n    image: x\n    ports: [*p]\n');
    const port = file.documents[0]?.services[0]?.ports?.[0];
    expect(port?.kind === "short" && port.value.value).toBe("7001:80");
  });

  it("duplicate keys are still found (compose refuses them), in a mapping of 40,000 keys", { timeout: 20_000 }, () => {
    let text = "x-big:\n";
    for (let i = 0; i < 40_000; i++) text += `  k${i}: &v${i} v\n`;
    text += "  k5: again\n";
    const file = parseCompose(text);
    expect(file.problems[0]?.message).toBe("Map keys must be unique");
    expect(file.problems[0]?.range.start.line).toBe(40_002);
  });
});

describe("depth", () => {
  // compose-go walks a definition as data; deeper than 200 levels portguard reports it instead.
  const deep = (key: string, levels: number) =>
    `services:\n  a:\n    image: nginx\n    ${key}: ${"[".repeat(levels)}x${"]".repeat(levels)}\n    ports: ["7000:80"]\n`;

  for (const key of ["x-deep", "command", "environment", "labels"]) {
    it(`a service key nested deeper than 200 levels is one problem (${key})`, () => {
      const problems = parseCompose(deep(key, 205)).problems.map((p) => p.message);
      expect(problems.some((m) => /nested too deeply/.test(m))).toBe(true);
      expect(parseCompose(deep(key, 150)).problems.filter((p) => /nested too deeply/.test(p.message))).toEqual([]);
    });
  }
});

describe("budgets", () => {
  it(`a file of more than ${MAX_ITEMS.toLocaleString("en-US")} lines is one PG001, fast`, { timeout: 20_000 }, () => {
    let text = "services:\n  a:\n    image: x\n    ports:\n";
    for (let i = 0; i < 500_000; i++) text += `      - "${1000 + (i % 60000)}:80"\n`;
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    const started = performance.now();
    expectOneParseError(text, /too large to check: 500,005 lines and flow items \(the limit is 50,000 per file\)/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("so is one long line of flow items", { timeout: 20_000 }, () => {
    expectOneParseError(`services:\n  a:\n    x: [${"1,".repeat(60_000)}1]\n`, /too large to check/);
  });

  it("a service with 40,000 ports: linear suggestions", { timeout: 60_000 }, () => {
    let text = "services:\n  a:\n    image: postgres:16\n    ports:\n";
    for (let i = 0; i < 40_000; i++) text += `      - "${1000 + i}:5432"\n`;
    const started = performance.now();
    const report = lint(memoryTree({ "compose.yaml": text }));
    expect(report.bindings).toHaveLength(40_000);
    expect(performance.now() - started).toBeLessThan(45_000);
  });

  it("16,000 services on one port: conflicts linear, messages and related lists short", { timeout: 60_000 }, () => {
    let text = "services:\n";
    for (let i = 0; i < 16_000; i++) text += `  s${i}:\n    image: x\n    ports: ["7000:80"]\n`;
    const report = lint(memoryTree({ "compose.yaml": text }));
    const conflicts = report.diagnostics.filter((d) => d.rule === "PG107");
    expect(conflicts).toHaveLength(16_000);
    expect(conflicts[0]?.message).toMatch(/also published by s1 \(compose\.yaml:7\), .* and \d+ or more$/);
    expect(Math.max(...conflicts.map((d) => d.related?.length ?? 0))).toBeLessThanOrEqual(20);
  });

  it("a few conflicting services are all named", () => {
    const text = 'services:\n  a:\n    image: x\n    ports: ["7000:80"]\n  b:\n    image: x\n    ports: ["7000:80"]\n';
    const report = lint(memoryTree({ "compose.yaml": text }));
    expect(report.diagnostics.filter((d) => d.rule === "PG107").map((d) => d.message)).toEqual([
      "host port 7000/tcp of a is also published by b (compose.yaml:7)",
      "host port 7000/tcp of b is also published by a (compose.yaml:4)",
    ]);
  });
});

describe("patterns from the config", () => {
  it("variables.pattern ^(A+)+$ runs in linear time on long names", { timeout: 20_000 }, () => {
    const policy = loadPolicy({ path: ".portguard.yml", text: "variables:\n  pattern: ^(A+)+$\n" });
    const name = `${"A".repeat(40)}_PORT`;
    const text = `services:\n  db:\n    image: postgres:16\n    ports:\n      - "\${${name}:-7000}:5432"\n`;
    const started = performance.now();
    const report = lint(memoryTree({ "compose.yaml": text, ".env": `${name}=7000\n` }), policy);
    expect(report.diagnostics.some((d) => d.rule === "PG109")).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("category image patterns with many stars against long image names", { timeout: 20_000 }, () => {
    const policy = loadPolicy({
      path: ".portguard.yml",
      text: `categories:\n  database:\n    images: ["${"a*".repeat(30)}b"]\n`,
    });
    const text = `services:\n  db:\n    image: ${"a".repeat(3000)}\n`;
    const started = performance.now();
    lint(memoryTree({ "compose.yaml": text }), policy);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("compose globs with five **/a* pairs against an 80-deep tree", { timeout: 20_000 }, () => {
    const policy = loadPolicy({
      path: ".portguard.yml",
      text: 'files:\n  compose: ["**/a*/**/a*/**/a*/**/a*/**/a*/compose.yaml"]\n',
    });
    const deep = Array.from({ length: 80 }, () => "aa").join("/");
    const files: Record<string, string> = { [`${deep}/x.yaml`]: GOOD };
    for (let i = 0; i < 50; i++) files[`${deep}/f${i}.txt`] = "";
    const started = performance.now();
    lint(memoryTree(files), policy);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
