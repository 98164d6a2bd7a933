import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../support/shared.js";

const load = (path: string) => parse(readFileSync(join(projectRoot, path), "utf8"));

describe("action metadata and workflows", () => {
  it("action.yml runs the committed bundle on node24 with the documented inputs and outputs", () => {
    const action = load("action.yml");
    expect(action.runs).toEqual({ using: "node24", main: "dist/action/index.js" });
    expect(existsSync(join(projectRoot, action.runs.main))).toBe(true);
    expect(JSON.parse(readFileSync(join(projectRoot, "dist/action/package.json"), "utf8")).type).toBe("module");
    expect(Object.keys(action.inputs).sort()).toEqual([
      "config",
      "fail-on",
      "sarif-file",
      "scope",
      "summary",
      "token",
      "working-directory",
    ]);
    expect(action.inputs.token.default).toBe("${{ github.token }}");
    expect(action.inputs["fail-on"].default).toBe("error");
    expect(Object.keys(action.outputs).sort()).toEqual(["errors", "report", "warnings"]);
    expect(action.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it("action.yml is ready for the Marketplace: a short description, branding, every input and output described", () => {
    const action = load("action.yml");
    expect(action.name).toBe("portguard");
    // The Marketplace refuses descriptions of 125 characters or more.
    expect(action.description.length).toBeLessThan(125);
    expect(action.description.length).toBeGreaterThan(40);
    expect(action.author).toEqual(expect.any(String));
    // Feather icons and the colours the Marketplace accepts.
    expect(action.branding.icon).toBe("anchor");
    expect(["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]).toContain(
      action.branding.color,
    );
    for (const [name, input] of Object.entries(action.inputs as Record<string, { description?: string }>)) {
      expect(input.description?.length ?? 0, name).toBeGreaterThan(15);
    }
    for (const [name, output] of Object.entries(action.outputs as Record<string, { description?: string }>)) {
      expect(output.description?.length ?? 0, name).toBeGreaterThan(10);
    }
  });

  it("the CLI bundle carries no @actions code", () => {
    expect(readFileSync(join(projectRoot, "dist/cli/index.js"), "utf8")).not.toMatch(
      /@actions\/(core|github)\/lib|getOctokit/,
    );
  });

  it("CI runs the tests and the action itself; the example workflow has the permissions it needs", () => {
    const ci = load(".github/workflows/ci.yml");
    expect(ci.jobs.test.steps.some((s: { run?: string }) => s.run === ".ci/run")).toBe(true);
    expect(ci.jobs["self-test"].steps.filter((s: { uses?: string }) => s.uses === "./")).toHaveLength(2);
    const example = load(".github/workflows/portguard.yml");
    expect(example.on).toHaveProperty("pull_request");
    expect(example.jobs.ports.permissions).toEqual({ contents: "read", "pull-requests": "read" });
    expect(example.jobs["code-scanning"].permissions["security-events"]).toBe("write");
    expect(
      example.jobs["code-scanning"].steps.some((s: { uses?: string }) =>
        s.uses?.startsWith("github/codeql-action/upload-sarif"),
      ),
    ).toBe(true);
  });
});
