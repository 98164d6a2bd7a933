/** SARIF output validated against the official SARIF 2.1.0 schema (a fixture; see its SOURCE.md), odd paths included. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatMarkdown, formatSarif, pathToUriReference } from "../../src/core/format/index.js";
import { RULES } from "../../src/core/rules/index.js";
import { lintFiles } from "../support/lint.js";
import { projectRoot } from "../support/shared.js";

const SCHEMA_PATH = join(projectRoot, "test/fixtures/sarif/sarif-schema-2.1.0.json");
const schemaText = readFileSync(SCHEMA_PATH);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(schemaText.toString("utf8")));

const BAD = (service: string) => `services:\n  ${service}:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n`;
const ODD_PATHS = [
  "dir with space/compose.yaml",
  "100%/compose.yaml",
  "a:b/compose.yaml",
  "ünïcødé/compose.yaml",
  "(paren) #hash ?query [x]/compose.yaml",
  "emoji 🐘/compose.yaml",
  "plain/compose.yaml",
];

function sarifFor(paths: string[]) {
  const files = Object.fromEntries(paths.map((p, i) => [p, BAD(`db${i}`)]));
  return JSON.parse(formatSarif(lintFiles(files), RULES, { toolVersion: "0.1.0" }));
}

const errorsOf = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe("SARIF against the official 2.1.0 schema", () => {
  it("the schema fixture is the published file", () => {
    expect(createHash("sha256").update(schemaText).digest("hex")).toBe(
      "10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454",
    );
  });

  it("is valid with paths holding spaces, %, :, non-ASCII, #, ? and brackets, and the URIs decode to the paths", () => {
    const sarif = sarifFor(ODD_PATHS);
    expect(validate(sarif), errorsOf().join("\n")).toBe(true);
    const uris = new Set<string>(
      sarif.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    );
    expect([...uris].map((u) => u.split("/").map(decodeURIComponent).join("/")).sort()).toEqual([...ODD_PATHS].sort());
    expect(uris).toContain("dir%20with%20space/compose.yaml");
    expect(uris).toContain("100%25/compose.yaml");
    expect(uris).toContain("a%3Ab/compose.yaml");
    expect(uris).toContain("plain/compose.yaml");
  });

  it("the schema rejects the unencoded references this replaced (the check can fail)", () => {
    const sarif = sarifFor(["dir with space/compose.yaml"]);
    sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = "dir with space/compose.yaml";
    expect(validate(sarif)).toBe(false);
    expect(errorsOf().join("\n")).toMatch(/uri-reference/);
  });

  it("the example stack's report is valid", () => {
    const files: Record<string, string> = {};
    const base = join(projectRoot, "examples/trading-system/before");
    for (const p of [
      ".env.example",
      ".portguard.yml",
      "apps/docker-compose.yml",
      "tools/compose/docker-compose.admin.yml",
      "tools/compose/docker-compose.database.yml",
    ]) {
      files[p] = readFileSync(join(base, p), "utf8");
    }
    const sarif = JSON.parse(formatSarif(lintFiles(files), RULES, { toolVersion: "0.1.0" }));
    expect(sarif.runs[0].results.length).toBeGreaterThan(20);
    expect(validate(sarif), errorsOf().join("\n")).toBe(true);
  });
});

describe("pathToUriReference", () => {
  it.each([
    ["compose.yaml", "compose.yaml"],
    ["a b/c.yml", "a%20b/c.yml"],
    ["x%y", "x%25y"],
    ["c:/x", "c%3A/x"],
    ["a(b)", "a%28b%29"],
    ["ü", "%C3%BC"],
    ["🐘", "%F0%9F%90%98"],
    ["x#y?z", "x%23y%3Fz"],
    ["../up/file.yml", "../up/file.yml"],
    ["\uD800", "%EF%BF%BD"],
  ])("%s → %s", (path, uri) => {
    expect(pathToUriReference(path)).toBe(uri);
  });

  it("Markdown links use it: a parenthesis or space in a path cannot end the link", () => {
    const report = lintFiles({ "my stack (v2)/compose.yaml": BAD("db") });
    const md = formatMarkdown(report, { linkBase: "https://github.com/acme/stack/blob/abc" });
    expect(md).toContain("(https://github.com/acme/stack/blob/abc/my%20stack%20%28v2%29/compose.yaml#L5)");
  });
});
