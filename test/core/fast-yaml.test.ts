/**
 * The fast YAML path must build exactly what the `yaml` parser builds (values and ranges) whenever
 * it accepts a text; otherwise it must step aside. Checked on real files, generated documents and
 * mutations of both.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import { fastParse } from "../../src/core/fast-yaml.js";
import { contentEnd } from "../../src/core/yaml-nodes.js";
import { projectRoot, sharedDir } from "../support/shared.js";

function trimmedEnd(text: string, node: Node): number {
  const r = node.range as [number, number, number];
  return contentEnd(text, r[0], r[1]);
}

/** A canonical description of a node tree: kinds, values, start offsets, trimmed ends. */
function describeNode(text: string, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return ["scalar", node.value, node.range?.[0], trimmedEnd(text, node)];
  if (isMap(node)) {
    return [
      "map",
      node.range?.[0],
      trimmedEnd(text, node),
      node.items.map((p) => [describeNode(text, p.key), describeNode(text, p.value)]),
    ];
  }
  if (isSeq(node))
    return ["seq", node.range?.[0], trimmedEnd(text, node), node.items.map((i) => describeNode(text, i))];
  return ["other", String(node)];
}

/** Both parsers agree, or the fast path declined. Returns whether the fast path accepted. */
function agree(text: string): boolean {
  const fast = fastParse(text, new LineCounter());
  if (fast === null) return false;
  const full = parseAllDocuments(text, { version: "1.2", merge: true, uniqueKeys: true });
  const docs = Array.isArray(full) ? full : [];
  expect(
    docs.every((d) => d.errors.length === 0),
    `yaml rejects what the fast path accepted: ${JSON.stringify(text)}`,
  ).toBe(true);
  expect(
    fast.map((d) => describeNode(text, d.contents)),
    JSON.stringify(text),
  ).toEqual(docs.map((d) => describeNode(text, d.contents)));
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === "node_modules" || name === ".git" || name === "dist") return [];
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe("fast YAML path", () => {
  // Real files: the example stacks always, the shared corpus (150 files of others) when it sits next
  // to the checkout. The fix fixtures are odd on purpose (anchors, flow, CRLF): agreement only.
  const real = [...yamlFiles(join(projectRoot, "examples")), ...(sharedDir() ? yamlFiles(sharedDir() as string) : [])];
  const odd = yamlFiles(join(projectRoot, "test/fixtures"));

  it("agrees with yaml on every real file it accepts, and accepts most of them", () => {
    let accepted = 0;
    for (const file of real) if (agree(readFileSync(file, "utf8"))) accepted++;
    expect(real.length).toBeGreaterThanOrEqual(sharedDir() ? 100 : 5);
    expect(accepted / real.length).toBeGreaterThan(0.8);
    for (const file of odd) agree(readFileSync(file, "utf8"));
  });

  it("agrees on hand-picked corners", () => {
    const cases = [
      "a: 1\n",
      "a:\n",
      "a:\n  -\n  - x\nb:\n",
      "a:\n- x\n- y\nb: 2\n",
      "a: \"x # y\" # c\nb: 'it''s'\n",
      "a: [ ]\nb: {}\nc: [1, 'two', \"three\", [4]]\nd: { k: v, 'q': \"w\" }\n",
      "ports:\n  - target: 80\n    published: 8080 # c\n  -   host_ip: 127.0.0.1\n      mode: host\n",
      "k: http://x:8080/y\nl: C:\\path\nm: a#b\n",
      "t: true\nf: False\nn: ~\nN: NULL\ni: -007\nj: +5\ns: yes\n",
      "\"quoted key\": 1\n'single' : 2\n80: x\n",
      "# only comments\n\n   # indented\n",
      "",
      "a:\n    b:\n        c: 1\n    d: 2\n",
      "list:\n  - a\n  # comment between items\n  - b\n",
      'esc: "\\t\\u00e9\\x41\\\\ \\" \\/"\n',
    ];
    for (const text of cases) expect(agree(text), JSON.stringify(text)).toBe(true);
  });

  it("steps aside for what it does not handle", () => {
    const cases = [
      "a: &x 1\nb: *x\n",
      "a: !tag 1\n",
      "a: |\n  text\n",
      "a: >-\n  text\n",
      "a: b\n  c\n",
      "a: 1\na: 2\n",
      "a:\r\n  b: 1\r\n",
      "a:\tb\n",
      "---\na: 1\n",
      "a: [1,\n  2]\n",
      "a: 1.5\n",
      "a: 0x10\n",
      "? complex\n: key\n",
      "a: b: c\n",
      "  a: 1\n",
      "a:\n  b: 1\n c: 2\n",
      "- - a\n",
      "a: 'unterminated\n",
      "a: [1, 2,]\n",
      "<<: *base\n",
    ];
    for (const text of cases) expect(fastParse(text, new LineCounter()), JSON.stringify(text)).toBeNull();
  });

  const scalarArb = fc.oneof(
    fc.constantFrom(
      "nginx",
      "postgres:16",
      "7000",
      "-1",
      "true",
      "null",
      "~",
      "x-y",
      "a b",
      "http://h:80/p",
      "${A:-1}:2",
    ),
    fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`),
    fc.constantFrom("[a, b]", "{ k: v }", "[]", "{}", '["CMD", "x"]'),
  );
  const keyArb = fc.constantFrom("services", "web", "ports", "image", "a", "b-c", "x_y", "80", '"q k"');
  const yamlArb: fc.Arbitrary<string> = fc
    .letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { maxDepth: 3 },
        scalarArb.map((s) => ` ${s}`),
        fc
          .uniqueArray(fc.tuple(keyArb, tie("node")), { minLength: 1, maxLength: 4, selector: (t) => t[0] })
          .map((entries) => `\n${entries.map(([k, v]) => `${k}:${indentBlock(v)}`).join("\n")}`),
        fc
          .array(tie("node"), { minLength: 1, maxLength: 3 })
          .map((items) => `\n${items.map((v) => `-${indentBlock(v)}`).join("\n")}`),
      ),
    }))
    .node.map((n) => (n.startsWith("\n") ? `${n.slice(1)}\n` : `root:${n}\n`));

  function indentBlock(v: string): string {
    return v.startsWith("\n") ? v.replace(/\n/g, "\n  ") : v;
  }

  it("agrees on generated documents (comments, indent widths, compact sequence items)", () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(
        yamlArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (text, comments, width, compact) => {
          let t = text.replace(/^( +)/gm, (m) => " ".repeat((m.length / 2) * width));
          if (compact) t = t.replace(new RegExp(`-\\n( {${width}})(?=[^ -])`, "g"), (_m, sp: string) => `-${sp}`);
          if (comments) t = t.replace(/\n/g, "  # note\n");
          total++;
          if (agree(t)) accepted++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(accepted / total).toBeGreaterThan(0.9);
  });

  it("agrees on mutated real files (or steps aside)", () => {
    const samples = [...real, ...odd].slice(0, 40).map((f) => readFileSync(f, "utf8"));
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.constantFrom(" ", "\n", ":", "-", "#", '"', "'", "[", "{", ",", "x", ""),
        (text, at, ch) => {
          const i = at % (text.length + 1);
          agree(text.slice(0, i) + ch + text.slice(i + (ch === "" ? 1 : 0)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
