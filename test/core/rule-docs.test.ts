import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRuleDoc, ruleDocPath, updateReadmeTable } from "../../src/core/format/rule-docs.js";
import { RULES } from "../../src/core/rules/index.js";
import { lintFiles } from "../support/lint.js";
import { projectRoot } from "../support/shared.js";

describe("rule catalogue", () => {
  it("has unique ids and names, ids in order", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect([...ids].sort()).toEqual(ids);
    for (const r of RULES) {
      expect(r.id).toMatch(/^PG\d{3}$/);
      expect(r.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Object.keys(r.messages).length).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    describe(`${rule.id} ${rule.name} examples`, () => {
      it("reports the incorrect example", () => {
        const report = lintFiles(rule.docs.bad.files);
        expect(report.diagnostics.map((d) => d.rule)).toContain(rule.id);
      });
      it("accepts the correct example, whole: it reports nothing at all", () => {
        const report = lintFiles(rule.docs.good.files);
        expect(report.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual([]);
      });
      it("has an up-to-date generated page", () => {
        const page = readFileSync(join(projectRoot, ruleDocPath(rule)), "utf8");
        expect(page).toBe(renderRuleDoc(rule));
      });
    });
  }

  it("README rule table is up to date", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    expect(updateReadmeTable(readme, RULES)).toBe(readme);
    expect(readme).toContain("| [PG107](docs/rules/PG107-port-conflict.md) | port-conflict | error |");
  });
});
