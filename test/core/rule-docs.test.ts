import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFixes } from "../../src/core/fix.js";
import { renderRuleDoc, ruleDocPath, updateReadmeTable } from "../../src/core/format/rule-docs.js";
import { formatRulesJson } from "../../src/core/format/tables.js";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { isFixable } from "../../src/core/rule.js";
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

describe("fixable, by construction", () => {
  for (const rule of RULES) {
    it(`${rule.id}: ${isFixable(rule) ? "fix applies an intent of its incorrect example" : "emits no fix intent"}`, () => {
      const files = rule.docs.bad.files;
      const config = files[".portguard.yml"];
      const policy = loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config });
      const tree = memoryTree(files);
      const run = lintRun(tree, policy);
      const own = run.report.diagnostics.filter((d) => d.rule === rule.id);
      const intents = own.flatMap((d) => run.fixes.get(d) ?? []);
      if (!isFixable(rule)) {
        expect(intents).toEqual([]);
        return;
      }
      expect(intents.map((i) => i.kind).every((k) => rule.fixes.includes(k))).toBe(true);
      const plan = planFixes(tree, (t) => lintRun(t, policy));
      expect(plan.fixed.filter((d) => d.rule === rule.id).length).toBeGreaterThan(0);
      expect(plan.after.diagnostics.filter((d) => d.rule === rule.id)).toEqual([]);
    });
  }

  it("the rule pages and the rule catalogue's JSON say fixable exactly for the rules with fix intents", () => {
    const json = JSON.parse(formatRulesJson(RULES, (r) => r.severity)).rules as { id: string; fixable: boolean }[];
    for (const rule of RULES) {
      const page = readFileSync(join(projectRoot, ruleDocPath(rule)), "utf8");
      expect(page.includes("fixable with `portguard fix`"), rule.id).toBe(rule.fixes.length > 0);
      expect(json.find((r) => r.id === rule.id)?.fixable, rule.id).toBe(rule.fixes.length > 0);
    }
  });
});
