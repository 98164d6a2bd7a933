/** The redaction point: what counts as a secret, how it is replaced, what is left alone. */
import { describe, expect, it } from "vitest";
import { lintRun } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { DEFAULT_POLICY } from "../../src/core/policy/default-policy.js";
import { mayBeSecret, Redactor } from "../../src/core/redact.js";

describe("Redactor", () => {
  it("replaces each secret by its variable, whatever its case, longest first", () => {
    const r = new Redactor([
      { variable: "TOKEN", value: "abcd-1234" },
      { variable: "LONG", value: "abcd-1234-efgh" },
    ]);
    expect(r.redact("x ABCD-1234 y abcd-1234-efgh z")).toBe("x ${TOKEN} y ${LONG} z");
  });

  it("treats port numbers, ranges, booleans and short values as no secret", () => {
    for (const v of ["7000", "7000-7010", "0", "65535", "true", "False", "abc", " "])
      expect(mayBeSecret(v), v).toBe(false);
    for (const v of ["99999", "hunter2", "10.0.0.5", "postgres", "a b c d"]) expect(mayBeSecret(v), v).toBe(true);
  });

  it("leaves a secret alone inside a name the project shows anyway", () => {
    const r = new Redactor(
      [{ variable: "POSTGRES_USER", value: "postgres" }],
      ["postgres", "stacks/postgres/compose.yaml"],
    );
    expect(r.redact("postgres (stacks/postgres/compose.yaml:3)")).toBe("postgres (stacks/postgres/compose.yaml:3)");
    const s = new Redactor([{ variable: "PASS", value: "pg-pass-1" }], ["pg-pass-1-svc"]);
    expect(s.redact("pg-pass-1-svc uses pg-pass-1")).toBe("pg-pass-1-svc uses ${PASS}");
  });

  it("takes values added later (what the model knows came from a variable)", () => {
    const r = new Redactor();
    expect(r.redact("a s3cr3t b")).toBe("a s3cr3t b");
    r.add("KEY", "s3cr3t");
    expect(r.redact("a s3cr3t b")).toBe("a ${KEY} b");
  });
});

describe("lintRun's redaction", () => {
  const files = {
    ".env": "DB_PORT=7000\nAPI_KEY=ak-SECRET-12345\nPOSTGRES_USER=postgres\nDB_HOST=10.1.2.3\n",
    "compose.yaml":
      'services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER}\n    ports:\n      - "${DB_PORT:-7000}:${API_KEY}"\n      - "${DB_HOST}:${DB_PORT:-7000}:5432"\n',
  };

  it("redacts diagnostics' arguments and messages, and the bindings; service names stay", () => {
    const run = lintRun(memoryTree(files), DEFAULT_POLICY);
    const text = JSON.stringify(run.report);
    expect(text).not.toContain("ak-SECRET-12345");
    expect(text).not.toContain("10.1.2.3");
    expect(run.report.diagnostics.map((d) => d.message)).toContain(
      "invalid port mapping: invalid containerPort: ${API_KEY}",
    );
    expect(run.report.bindings.map((b) => b.hostIp)).toEqual(["${DB_HOST}"]);
    expect(run.report.diagnostics.some((d) => d.message.startsWith("postgres "))).toBe(true);
  });

  it("keeps the rule reports as they were (for fixes, never for output)", () => {
    const tree = memoryTree({
      ".env": "DB_PORT=7000\nCATEGORY=cat-SECRET-777\n",
      "compose.yaml":
        'services:\n  db:\n    image: postgres:16\n    x-portguard:\n      category: ${CATEGORY}\n    ports:\n      - "${DB_PORT:-7000}:5432"\n',
    });
    const run = lintRun(tree, DEFAULT_POLICY);
    expect(JSON.stringify(run.report)).not.toContain("cat-SECRET-777");
    const origins = [...run.origins.values()].map((o) => JSON.stringify(o.args));
    expect(origins.some((a) => a.includes("cat-SECRET-777"))).toBe(true);
  });

  it("with the process environment: the values of the variables the files use", () => {
    const run = lintRun(
      memoryTree({ "compose.yaml": 'services:\n  a:\n    image: nginx\n    ports:\n      - "7000:${FROM_SHELL}"\n' }),
      DEFAULT_POLICY,
      { processEnv: { FROM_SHELL: "shell-secret-value", HOME: "/root" } },
    );
    expect(JSON.stringify(run.report)).not.toContain("shell-secret-value");
    expect(run.redactor.redact("/root")).toBe("/root");
  });
});
