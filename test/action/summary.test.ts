/** The job summary's Markdown: rows per place, order, links, and GitHub's 1 MiB limit. */
import { describe, expect, it } from "vitest";
import { SUMMARY_LIMIT, summaryMarkdown, summaryRows } from "../../src/action/summary.js";
import { lintFiles } from "../support/lint.js";

const options = {
  repoPath: (file: string) => file,
  linkBase: "https://github.com/acme/stack/blob/0123456789abcdef0123456789abcdef01234567",
  scopeLine: "Checked every file of the project.",
  bindings: [],
  changedOnly: false,
};

describe("the job summary", () => {
  it("one row per binding: a literal out-of-range port is one row with both rules and one suggestion", () => {
    const report = lintFiles({
      "compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    });
    const rows = summaryRows(report.diagnostics);
    const atPort = rows.filter((r) => r.line === 5);
    expect(atPort).toHaveLength(1);
    expect(atPort[0]?.diagnostics.map((d) => d.rule)).toEqual(["PG102", "PG103"]);
    const md = summaryMarkdown(report.diagnostics, options);
    const line = md.split("\n").find((l) => l.includes("compose.yaml:5")) ?? "";
    expect(line.match(/use port 7000/g)).toHaveLength(1);
    // Most severe first: every error row before every warning row, before every info row.
    const order = rows.map((r) => r.severity);
    expect(order).toEqual(
      [...order].sort((a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)),
    );
  });

  it("links are RFC 3986 references: spaces, parentheses and # in paths keep the link whole", () => {
    const report = lintFiles({
      "stacks/db (old) #2/compose.yaml": 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    });
    const md = summaryMarkdown(report.diagnostics, options);
    expect(md).toContain(`(${options.linkBase}/stacks/db%20%28old%29%20%232/compose.yaml#L5)`);
  });

  it("stays under GitHub's 1 MiB and says how many rows it left out", () => {
    const services = Array.from(
      { length: 4000 },
      (_, i) => `  service-with-a-long-name-${i}:\n    image: postgres:16\n    ports:\n      - "${10000 + i}:5432"\n`,
    ).join("");
    const report = lintFiles({ "compose.yaml": `services:\n${services}` });
    const md = summaryMarkdown(report.diagnostics, options);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(Buffer.byteLength(md)).toBeGreaterThan(SUMMARY_LIMIT * 0.9);
    expect(md).toMatch(/… \d+ more row\(s\) \(\d+ finding\(s\)\) not shown: GitHub keeps a summary under 1 MiB/);
  });
});
