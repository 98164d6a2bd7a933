/** The HTML port map: a valid document, every outside string escaped, nothing that loads or runs. */
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { describe, expect, it } from "vitest";
import { escapeHtml, formatPortsHtml } from "../../src/core/format/html.js";
import { lint } from "../../src/core/lint.js";
import { memoryTree } from "../../src/core/memory-tree.js";
import { loadPolicy } from "../../src/core/policy/index.js";
import { portPlan } from "../../src/core/port-plan.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function elements(node: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ("tagName" in n) out.push(n as Element);
    const children = "content" in n && n.content ? n.content.childNodes : "childNodes" in n ? n.childNodes : [];
    for (const c of children as Node[]) walk(c);
  };
  walk(node);
  return out;
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in node ? (node.childNodes as Node[]).map(textOf).join("") : "";
}

/** Parses with parse5 and returns the document and every parse error. */
function parsed(html: string) {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return { document, errors };
}

const HOSTILE = '<img src=x onerror="alert(1)">&amp;\'"';
const files = {
  ".portguard.yml": `ranges:\n  - { name: '${HOSTILE.replace(/'/g, "''")}', ports: 7000-7099, for: [database], description: "<script>alert(2)</script>" }\n  - { name: uis, ports: 3000-3999, for: [ui] }\n`,
  "a&b<i>/compose.yaml":
    'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT:-7000}:5432"\n    volumes:\n      - db:/var/lib/postgresql/data\n  copy:\n    image: postgres:16\n    ports:\n      - "${COPY_PORT:-7000}:5432"\n      - "127.0.0.1:5433:5432"\n      - "[::1]:7001:5432"\n    volumes:\n      - copy:/var/lib/postgresql/data\n  web:\n    build: .\n    ports:\n      - "9000:9000"\n      - "8080"\nvolumes:\n  db:\n    name: data-db\n  copy:\n    name: data-copy\n',
};

function page(title = 'stack <&> "quoted"') {
  const policy = loadPolicy({ path: ".portguard.yml", text: files[".portguard.yml"] });
  const report = lint(memoryTree(files), policy);
  return formatPortsHtml(portPlan(report, policy), { title, toolVersion: "1.2.3" });
}

describe("formatPortsHtml", () => {
  it("is a document a conformant parser reads without one error", () => {
    const { errors } = parsed(page());
    expect(errors).toEqual([]);
  });

  it("escapes every string from the project and the policy: no element or attribute comes from them", () => {
    const html = page();
    const { document } = parsed(html);
    const all = elements(document);
    expect(all.filter((e) => ["script", "img", "iframe", "object", "link", "base"].includes(e.tagName))).toEqual([]);
    for (const e of all) {
      for (const a of e.attrs) expect(a.name.startsWith("on"), `${e.tagName} ${a.name}`).toBe(false);
    }
    const text = textOf(document);
    expect(text).toContain(HOSTILE);
    expect(text).toContain("<script>alert(2)</script>");
    expect(text).toContain("a&b<i>/compose.yaml:5");
    expect(text).toContain('Port map: stack <&> "quoted"');
  });

  it("loads nothing: no script, no external URL, no event handler", () => {
    const html = page();
    expect(html).not.toMatch(/<script|javascript:|https?:\/\/|@import|url\((?!#)/i);
    const { document } = parsed(html);
    for (const e of elements(document)) {
      for (const a of e.attrs.filter((x) => x.name === "href")) expect(a.value).toMatch(/^#[A-Za-z][\w-]*$/);
    }
  });

  it("every in-page link has its target, and ids are unique", () => {
    const { document } = parsed(page());
    const all = elements(document);
    const ids = all.flatMap((e) => e.attrs.filter((a) => a.name === "id").map((a) => a.value));
    expect(new Set(ids).size).toBe(ids.length);
    const targets = all.flatMap((e) => e.attrs.filter((a) => a.name === "href").map((a) => a.value.slice(1)));
    expect(targets.length).toBeGreaterThan(5);
    for (const t of targets) expect(ids).toContain(t);
  });

  it("one row per binding, conflicts and out-of-range marked, lists apart for the rest", () => {
    const { document } = parsed(page());
    const rows = elements(document).filter((e) => e.tagName === "tr" && e.attrs.some((a) => a.name === "data-binding"));
    const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
    const seen = rows.map((r) => `${attr(r, "data-service")}:${attr(r, "data-port")}:${attr(r, "data-status")}`);
    expect(seen.sort()).toEqual(
      [
        "copy:5433:misplaced",
        "copy:7000:conflict",
        "copy:7001:ok",
        "db:7000:conflict",
        "web:9000:ok",
        "web::ok",
      ].sort(),
    );
    const sections = elements(document).filter((e) => e.tagName === "section");
    expect(sections.map((s) => attr(s, "id"))).toEqual(["conflicts", "r1", "r2", "outside", "ungoverned", "unpinned"]);
  });

  it("is deterministic", () => {
    expect(page()).toBe(page());
  });

  it("escapeHtml escapes the five characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});
