/**
 * Every message id of every rule is exercised: one project per id that reports exactly that id.
 * The table is typed by each rule's message ids, so a rule gaining an id without a case here (or a
 * case naming an id the rule does not have) is a type error.
 */
import { describe, expect, it } from "vitest";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { defineRule, type FixKind, type Rule, renderMessage, ruleMessage } from "../../src/core/rule.js";
import { RULES } from "../../src/core/rules/index.js";
import { parseError } from "../../src/core/rules/PG001-parse-error.js";
import { protectedRange } from "../../src/core/rules/PG101-protected-range.js";
import { categoryRange } from "../../src/core/rules/PG102-category-range.js";
import { hardcodedHostPort } from "../../src/core/rules/PG103-hardcoded-host-port.js";
import { missingDefault } from "../../src/core/rules/PG104-missing-default.js";
import { undefinedVariable } from "../../src/core/rules/PG105-undefined-variable.js";
import { envDrift } from "../../src/core/rules/PG106-env-drift.js";
import { portConflict } from "../../src/core/rules/PG107-port-conflict.js";
import { containerPortChanged } from "../../src/core/rules/PG108-container-port-changed.js";
import { variableName } from "../../src/core/rules/PG109-variable-name.js";
import { sequentialInstances } from "../../src/core/rules/PG110-sequential-instances.js";
import { registryMismatch } from "../../src/core/rules/PG111-registry-mismatch.js";
import { undocumentedPort } from "../../src/core/rules/PG112-undocumented-port.js";
import { unpinnedPort } from "../../src/core/rules/PG113-unpinned-port.js";
import { undeclaredVariable } from "../../src/core/rules/PG114-undeclared-variable.js";
import { databaseVolume } from "../../src/core/rules/PG201-database-volume.js";
import { volumeName } from "../../src/core/rules/PG202-volume-name.js";
import { databaseHealthcheck } from "../../src/core/rules/PG203-database-healthcheck.js";
import { envPortValue } from "../../src/core/rules/PG301-env-port-value.js";
import { envDuplicateKey } from "../../src/core/rules/PG302-env-duplicate-key.js";
import { envPortCollision } from "../../src/core/rules/PG303-env-port-collision.js";
import { hardcodedPortInSource } from "../../src/core/rules/PG401-hardcoded-port-in-source.js";

type Files = Record<string, string>;
type MessageIds<R> = R extends Rule<infer M, FixKind> ? M : never;

interface Cases {
  rule: Rule;
  byId: Record<string, Files>;
}

function cases<R extends Rule<string, FixKind>>(rule: R, byId: Record<MessageIds<R>, Files>): Cases {
  return { rule, byId };
}

const bad = (rule: Rule): Files => rule.docs.bad.files;
const DB_VOLUME = "    volumes:\n      - db:/var/lib/postgresql/data\n";
const VOLUMES = "volumes:\n  db:\n    name: data-db\n";
/** A postgres service `db` with these lines under it (ports, volumes...). */
const db = (lines: string, tail = VOLUMES) => ({
  "compose.yaml": `services:\n  db:\n    image: postgres:16\n${lines}${tail}`,
});
const HEALTH = "    healthcheck:\n      test: [CMD, pg_isready]\n";
const REGISTRY = (entry: string) => ({
  ".portguard.yml": `services:\n  db: { category: database, ${entry} }\n`,
});

const CASES: Cases[] = [
  cases(parseError, { problem: bad(parseError) }),
  cases(protectedRange, {
    protected: bad(protectedRange),
    reserved: {
      "compose.yaml": 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${WEB_PORT:-7500}:80"\n',
    },
  }),
  cases(categoryRange, { outside: bad(categoryRange) }),
  cases(hardcodedHostPort, {
    literal: bad(hardcodedHostPort),
    mixed: db(`    ports:\n      - "70\${DB_SUFFIX:-00}:5432"\n${DB_VOLUME}`),
  }),
  cases(missingDefault, { noDefault: bad(missingDefault) }),
  cases(undefinedVariable, { undefined: bad(undefinedVariable) }),
  cases(envDrift, { drift: bad(envDrift) }),
  cases(portConflict, { conflict: bad(portConflict) }),
  cases(containerPortChanged, { changed: bad(containerPortChanged) }),
  cases(variableName, { name: bad(variableName) }),
  cases(sequentialInstances, { gap: bad(sequentialInstances) }),
  cases(registryMismatch, {
    port: { ...REGISTRY("port: 7001"), ...db(`    ports:\n      - "\${DB_PORT:-7000}:5432"\n${DB_VOLUME}`) },
    variable: {
      ...REGISTRY("variable: MAIN_DB_PORT"),
      ...db(`    ports:\n      - "\${DB_PORT:-7000}:5432"\n${DB_VOLUME}`),
    },
    both: bad(registryMismatch),
    unpublished: { ...REGISTRY("port: 7000"), ...db(DB_VOLUME) },
  }),
  cases(undocumentedPort, { missing: bad(undocumentedPort) }),
  cases(unpinnedPort, {
    random: bad(unpinnedPort),
    zero: db(`    ports:\n      - "0:5432"\n${DB_VOLUME}`),
    hostNetwork: db(`    network_mode: host\n${DB_VOLUME}`),
  }),
  cases(undeclaredVariable, { undeclared: bad(undeclaredVariable) }),
  cases(databaseVolume, {
    bind: db("    volumes:\n      - ./data:/var/lib/postgresql/data\n", ""),
    anonymous: db("    volumes:\n      - /var/lib/postgresql/data\n", ""),
    tmpfs: db("    volumes:\n      - type: tmpfs\n        target: /var/lib/postgresql/data\n", ""),
    none: db("", ""),
  }),
  cases(volumeName, { unnamed: bad(volumeName) }),
  cases(databaseHealthcheck, {
    healthcheck: db(`    restart: unless-stopped\n${DB_VOLUME}`),
    restart: db(`${HEALTH}${DB_VOLUME}`),
    both: db(DB_VOLUME),
  }),
  cases(envPortValue, {
    invalid: bad(envPortValue),
    empty: { ...db(`    ports:\n      - "\${DB_PORT:-7000}:5432"\n${DB_VOLUME}`), ".env": "DB_PORT=\n" },
  }),
  cases(envDuplicateKey, { duplicate: bad(envDuplicateKey) }),
  cases(envPortCollision, { collision: bad(envPortCollision) }),
  cases(hardcodedPortInSource, {
    hardcoded: bad(hardcodedPortInSource),
    fallback: {
      ...db(`    ports:\n      - "\${DB_PORT:-7000}:5432"\n${DB_VOLUME}`),
      "app/db.ts": "export const port = Number(process.env.DB_PORT ?? 5432);\n",
    },
  }),
];

function messageIdsOf(files: Files): string[] {
  const config = files[".portguard.yml"];
  const policy = loadPolicy(config === undefined ? null : { path: ".portguard.yml", text: config });
  return lintRun(memoryTree(files), policy).report.diagnostics.map((d) => `${d.rule}.${d.messageId}`);
}

describe("message ids", () => {
  it("the table covers every rule of the catalogue, and every message id of each", () => {
    expect(CASES.map((c) => c.rule.id)).toEqual(RULES.map((r) => r.id));
    for (const { rule, byId } of CASES) expect(Object.keys(byId).sort()).toEqual(Object.keys(rule.messages).sort());
  });

  for (const { rule, byId } of CASES) {
    for (const [id, files] of Object.entries(byId)) {
      it(`${rule.id} ${id}: its project reports it`, () => {
        expect(messageIdsOf(files)).toContain(`${rule.id}.${id}`);
      });
    }
  }

  it("an id the rule does not declare is a programming error, never a silent fallback", () => {
    expect(ruleMessage(variableName, "name", { variable: "X", service: "s", pattern: "p" })).toContain("X");
    expect(() => ruleMessage(variableName, "nmae", {})).toThrow("PG109 reported an unknown message id: nmae");
    expect(() => ruleMessage(variableName, "toString", {})).toThrow(/unknown message id/);
  });

  it("a message puts each argument in its placeholders, as written, once", () => {
    const render = (template: string, args: Record<string, string | number>) => renderMessage(template, args);
    expect(render("{{a}} and {{ a }}, {{b}}{{c}}.", { a: "x", b: 7, c: "" })).toBe("x and x, 7.");
    expect(render("no placeholder", { a: "x" })).toBe("no placeholder");
    // An argument is never read as a template or a replacement pattern.
    expect(render("<{{a}}>", { a: "{{b}} $& $1 $$" })).toBe("<{{b}} $& $1 $$>");
    // An unknown name stays visible, and {{ }} that is no placeholder is text.
    expect(render("{{ missing }} {{}} {{a b}} {a}", { a: "x" })).toBe("{{missing}} {{}} {{a b}} {a}");
    expect(render("{{toString}}", {})).toBe("{{toString}}");
  });

  it("a wrong id or an undeclared fix kind is a type error (checked by npm run typecheck)", () => {
    const rule = defineRule({
      ...variableName,
      messages: { name: "{{variable}}" },
      fixes: [],
      check(context, report) {
        for (const b of context.bindings) {
          // @ts-expect-error: "nmae" is not a message id of this rule
          report({ messageId: "nmae", args: {}, location: b.location });
          report({
            messageId: "name",
            args: {},
            location: b.location,
            // @ts-expect-error: the rule declares no fix kind
            fix: [{ kind: "bind-port", binding: b, needsMove: false }],
          });
        }
      },
    });
    expect(rule.fixes).toEqual([]);
  });
});
