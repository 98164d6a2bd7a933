import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";
import { loadPolicy, PolicyError } from "../../src/core/policy/index.js";
import { projectRoot } from "../support/shared.js";

const schema = JSON.parse(readFileSync(join(projectRoot, "schema/portguard.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const load = (text: string, extra: Record<string, string> = {}) =>
  loadPolicy({ path: ".portguard.yml", text }, (spec) =>
    extra[spec] === undefined ? null : { path: spec, text: extra[spec] as string },
  );

const VALID = [
  "",
  "# only comments\n",
  "rules:\n  PG110: warning\n  port-conflict: off\n",
  "ranges:\n  - { name: a, ports: 1000-1999, for: [database] }\n  - { name: b, ports: 2000, for: [] }\n",
  "categories:\n  monitoring: { images: [grafana/grafana] }\nservices:\n  db: { category: database, port: 7000, variable: DB_PORT }\n",
  "variables: { pattern: '^P_', require: all }\nfiles:\n  compose: ['stacks/*.yml']\n  env: [config/.env]\ndocs: null\n",
  "hosts: directory\nallow:\n  - { service: pg, port: 5432, reason: legacy }\n",
  "hosts:\n  - { name: prod, compose: ['deploy/**'] }\nx-team: platform\n",
  "profiles:\n  together:\n    - [dev, debug]\n    - ['*']\n",
  "ranges:\n  - { name: web, ports: 8000-8999, for: [web, app] }\nservices:\n  shop: { category: web }\n",
];
/** What a JSON Schema cannot say (order of numbers, uniqueness of names): the loader alone rejects these. */
const SEMANTIC = [
  ["ranges:\n  - { name: a, ports: 2000-1000, for: [] }\n", "ranges[0].ports"],
  ["ranges:\n  - { name: a, ports: 0-10 }\n", "ranges[0].ports"],
  ["ranges:\n  - { name: a, ports: 1-2 }\n  - { name: a, ports: 3-4 }\n", "ranges[1].name"],
] as const;
const INVALID = [
  ["ranges:\n  - { ports: 1000-2000 }\n", "ranges[0].name"],
  ["rules:\n  PG999: error\n", "rules.PG999"],
  ["rules:\n  PG101: loud\n", "rules.PG101"],
  ["services:\n  db: { port: 70000 }\n", "services.db.port"],
  ["services:\n  db: { variable: 'not valid' }\n", "services.db.variable"],
  ["services:\n  db: { colour: red }\n", "services.db.colour"],
  ["variables: { require: some }\n", "variables.require"],
  ["files: { compose: 'x' }\n", "files.compose"],
  ["hosts: everywhere\n", "hosts"],
  ["allow:\n  - { port: 5432 }\n", "allow[0].service"],
  ["unknown: 1\n", "unknown"],
  ["profiles:\n  together: [dev]\n", "profiles.together[0]"],
  ["profiles:\n  alone: [[dev]]\n", "profiles.alone"],
  ["ranges:\n  - { name: a, ports: 1000-1999, for: [databse] }\n", "ranges[0].for[0]"],
  ["ranges:\n  - { name: a, ports: 1000-1999, for: [ui, exporters] }\n", "ranges[0].for[1]"],
  ["services:\n  db: { category: databse }\n", "services.db.category"],
] as const;

describe("policy files", () => {
  it.each(VALID)("accepts %j, as the JSON schema does", (text) => {
    expect(() => load(text)).not.toThrow();
    expect(validate(parse(text) ?? {}), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(INVALID)("rejects %j at %s, as the JSON schema does", (text, key) => {
    let error: unknown;
    try {
      load(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).key).toBe(key);
    expect((error as PolicyError).message).toMatch(/^\.portguard\.yml:\d+:\d+: /);
    expect(validate(parse(text))).toBe(false);
  });

  it.each(SEMANTIC)("rejects %j at %s", (text, key) => {
    expect(() => load(text)).toThrow(PolicyError);
    try {
      load(text);
    } catch (e) {
      expect((e as PolicyError).key).toBe(key);
    }
  });

  it("merges over the default: ranges replace, maps merge by key, allow and hosts append", () => {
    const policy = load(
      "extends: ./base.yml\nranges:\n  - { name: only, ports: 9000-9099, for: [database] }\ncategories:\n  ui: { images: [myorg/ui] }\nallow:\n  - { service: b }\n",
      {
        "./base.yml": "rules:\n  PG203: off\nallow:\n  - { service: a }\nhosts:\n  - { name: x, compose: ['x/**'] }\n",
      },
    );
    expect(policy.ranges).toEqual([{ name: "only", start: 9000, end: 9099, for: ["database"] }]);
    expect(policy.categories.ui).toEqual({ images: ["myorg/ui"] });
    expect(policy.categories.database).toEqual(DEFAULT_POLICY.categories.database);
    expect(policy.rules).toEqual({ PG203: "off" });
    expect(policy.allow.map((a) => a.service)).toEqual(["a", "b"]);
    expect(policy.hosts).toEqual([{ name: "x", compose: ["x/**"] }]);
    expect(policy.files).toEqual(DEFAULT_POLICY.files);
  });

  it("rule names work like ids; extends cycles are errors", () => {
    expect(load("rules:\n  sequential-instances: warning\n").rules).toEqual({ PG110: "warning" });
    expect(() =>
      load("extends: ./a.yml\n", { "./a.yml": "extends: .portguard.yml\n", ".portguard.yml": "extends: ./a.yml\n" }),
    ).toThrow(/cycle/);
  });

  it("the schema describes every top-level key the loader knows", () => {
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        "$schema",
        "extends",
        "ranges",
        "categories",
        "services",
        "variables",
        "files",
        "docs",
        "hosts",
        "rules",
        "profiles",
        "allow",
      ].sort(),
    );
  });
});
