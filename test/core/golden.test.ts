/**
 * Golden outputs: every formatter on the example stack's `before/` state, compared byte for byte
 * with test/fixtures/golden/. `PORTGUARD_UPDATE_GOLDEN=1 npx vitest run test/core/golden.test.ts`
 * rewrites them; the diff is then the change to review.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatGithub,
  formatJson,
  formatMarkdown,
  formatPortsJson,
  formatPortsTable,
  formatSarif,
  formatStylish,
  jsonChunks,
  toJsonDiagnostic,
} from "../../src/core/format/index.js";
import { lint } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { RULES } from "../../src/core/rules/index.js";
import type { Diagnostic } from "../../src/core/types.js";
import { projectRoot } from "../support/shared.js";

const GOLDEN = join(projectRoot, "test/fixtures/golden");
const STACK = join(projectRoot, "examples/trading-system/before");

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

const files = readTree(STACK);
const config = files[".portguard.yml"];
const report = lint(
  memoryTree(files),
  loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config }),
  { rootName: "before" },
);
const outputs: Record<string, string> = {
  "before.stylish.txt": formatStylish(report, { color: false }),
  "before.stylish-color.txt": formatStylish(report, { color: true }),
  "before.json": formatJson(report, { toolVersion: "0.0.0-golden" }),
  "before.sarif": formatSarif(report, RULES, { toolVersion: "0.0.0-golden" }),
  "before.github.txt": formatGithub(report),
  "before.md": formatMarkdown(report, { linkBase: "https://example.test/blob/abc" }),
  "before.ports.txt": formatPortsTable(report.bindings),
  "before.ports.json": formatPortsJson(report.bindings),
};

describe("golden outputs of the formatters (example stack, before/)", () => {
  if (process.env.PORTGUARD_UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    for (const [name, text] of Object.entries(outputs)) writeFileSync(join(GOLDEN, name), text);
  }
  for (const [name, text] of Object.entries(outputs)) {
    it(name, () => {
      const path = join(GOLDEN, name);
      expect(existsSync(path), `${name} missing: run with PORTGUARD_UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(path, "utf8"));
    });
  }
});

describe("the JSON report in pieces", () => {
  const expected = (r: typeof report) =>
    `${JSON.stringify(
      {
        version: 1,
        tool: { name: "portguard", version: "0.0.0-golden" },
        diagnostics: r.diagnostics.map((d) => toJsonDiagnostic(d)),
        summary: r.summary,
        ...(r.skipped && r.skipped.length > 0 ? { skipped: r.skipped } : {}),
      },
      null,
      2,
    )}\n`;

  // Diagnostics are stringified 128 at a time: 300 make two full batches and a partial one.
  const many = {
    ...report,
    diagnostics: Array.from({ length: 300 }, (_, i) => report.diagnostics[i % report.diagnostics.length] as Diagnostic),
  };

  it.each([1, 100, 1 << 20])("pieces of %i characters join to JSON.stringify's report", (size) => {
    for (const r of [report, many]) {
      const chunks = [...jsonChunks(r, { toolVersion: "0.0.0-golden" }, size)];
      expect(chunks.join("")).toBe(expected(r));
      if (size === 1) expect(chunks.length).toBe(Math.ceil(r.diagnostics.length / 128) + 1);
    }
  });

  it("without diagnostics, and with skipped folders", () => {
    const empty = { ...report, diagnostics: [], skipped: [{ path: "private", reason: "EACCES" }] };
    expect([...jsonChunks(empty, { toolVersion: "0.0.0-golden" })].join("")).toBe(expected(empty));
  });
});
