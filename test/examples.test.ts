import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./support/shared.js";

const cli = join(projectRoot, "dist/cli/index.js");
const example = join(projectRoot, "examples/trading-system");

function check(dir: string) {
  const r = spawnSync(process.execPath, [cli, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
  return { status: r.status, report: JSON.parse(r.stdout) };
}

describe("the example stack", () => {
  it("before/ fails with exactly the expected findings", () => {
    const expected = JSON.parse(readFileSync(join(example, "before.expected.json"), "utf8"));
    const { status, report } = check(join(example, "before"));
    expect(status).toBe(expected.exit);
    const actual = report.diagnostics.map((d: Record<string, unknown>) => ({
      rule: d.rule,
      file: d.file,
      line: d.line,
      column: d.column,
      ...(d.suggestion ? { suggestion: d.suggestion } : {}),
    }));
    expect(actual).toEqual(expected.diagnostics);
    expect(report.summary).toEqual(expected.summary);
  });

  it("after/ passes with no finding at all", () => {
    const { status, report } = check(join(example, "after"));
    expect(report.diagnostics).toEqual([]);
    expect(status).toBe(0);
  });

  it("after/ publishes exactly the planned ports", () => {
    const r = spawnSync(process.execPath, [cli, "ports", "--format", "json"], {
      cwd: join(example, "after"),
      encoding: "utf8",
    });
    const ports = JSON.parse(r.stdout)
      .bindings.map((b: { hostPort: number }) => b.hostPort)
      .sort((a: number, b: number) => a - b);
    expect(ports).toEqual([
      3200, 4006, 7000, 7001, 7002, 7003, 7010, 7011, 7012, 7020, 7021, 7030, 7100, 7101, 7102, 7200,
    ]);
  });
});
