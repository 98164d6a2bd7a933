/**
 * `check --format json --with-fixes` on the built CLI: each fixable diagnostic carries the edits
 * `portguard fix` makes for it (its own: a finding's declaration is an insertion of its own), and
 * applying them gives what fix writes, but for the order of appended declarations.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project, runCli } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

interface JsonDiagnostic {
  rule: string;
  fixable: boolean;
  fix?: { message: string; edits: JsonEdit[] };
}

function withFixes(dir: string): JsonDiagnostic[] {
  const run = runCli(["check", "--format", "json", "--with-fixes"], { cwd: dir });
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

/** The project's files (without fix's backups), path -> text. */
function files(dir: string, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (rel === ".portguard") continue;
    if (statSync(join(dir, rel)).isDirectory()) for (const [p, t] of files(dir, rel)) out.set(p, t);
    else out.set(rel, readFileSync(join(dir, rel), "utf8"));
  }
  return out;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf("\n", at) + 1;
  return at + column - 1;
}

/**
 * Applies each distinct edit once, from the end of each file to its start, as a client would;
 * insertions at one position appear in the order they are first listed (as in LSP).
 */
function applyEdits(dir: string, edits: JsonEdit[]): void {
  const distinct = [...new Map(edits.map((e) => [JSON.stringify(e), e])).values()];
  for (const file of new Set(distinct.map((e) => e.file))) {
    let text = (() => {
      try {
        return readFileSync(join(dir, file), "utf8");
      } catch {
        return "";
      }
    })();
    const mine = distinct
      .map((e, index) => ({ ...e, index }))
      .filter((e) => e.file === file)
      .map((e) => ({ ...e, start: offsetOf(text, e.line, e.column), end: offsetOf(text, e.endLine, e.endColumn) }))
      // From the end; at one position the last listed first, so that the first listed ends up first.
      .sort((a, b) => b.start - a.start || b.index - a.index);
    for (let i = 1; i < mine.length; i++)
      expect((mine[i] as { end: number }).end, "edits do not overlap").toBeLessThanOrEqual(
        (mine[i - 1] as { start: number }).start,
      );
    for (const e of mine) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    writeFileSync(join(dir, file), text);
  }
}

function copy(dir: string): string {
  const to = join(mkdtempSync(join(tmpdir(), "portguard-with-fixes-")), "project");
  cpSync(dir, to, { recursive: true });
  return to;
}

/** Applying the report's edits to one copy and running fix on another give the same files. */
function expectEditsReproduceFix(dir: string): JsonDiagnostic[] {
  const diagnostics = withFixes(dir);
  const edited = copy(dir);
  applyEdits(
    edited,
    diagnostics.flatMap((d) => d.fix?.edits ?? []),
  );
  const fixed = copy(dir);
  const run = runCli(["fix"], { cwd: fixed });
  expect(run.stderr).toBe("");
  expect(withAppendedSorted(files(edited), files(dir))).toEqual(withAppendedSorted(files(fixed), files(dir)));
  expect(files(edited)).not.toEqual(files(dir));
  return diagnostics;
}

/**
 * The files with the lines appended past each original's end sorted: each finding carries its own
 * declarations, in report order, where fix writes one run's in port order.
 */
function withAppendedSorted(after: Map<string, string>, before: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of after) {
    const lines = text.split("\n");
    const kept = (before.get(path) ?? "").split("\n").length - 1;
    out.set(path, [...lines.slice(0, kept), ...lines.slice(kept).sort()].join("\n"));
  }
  return out;
}

const DATABASE = `services:
  db:
    image: postgres:16
    ports:
      - "\${DB_PORT:-5432}:5432"
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready"]
volumes:
  db-data:
    name: s1_db-data
`;

describe("check --format json --with-fixes", () => {
  it("gives one finding the edits fix makes, a secret beside the moved port variable shown nowhere", () => {
    const secret = "hunter2-very-secret";
    const dir = project({
      "compose.yaml": DATABASE,
      ".env": `DB_PASSWORD=${secret}\nDB_PORT=5432 # keep\nAPI_TOKEN=abc123secret\n`,
    });
    const diagnostics = expectEditsReproduceFix(dir);
    const fixable = diagnostics.filter((d) => d.fixable);
    expect(fixable.map((d) => d.rule)).toEqual(["PG102"]);
    expect(fixable[0]?.fix).toEqual({
      message: "Write the host port of db as ${DB_PORT:-7000}, moving it from 5432 to 7000",
      edits: [
        { file: ".env", line: 2, column: 9, endLine: 2, endColumn: 13, text: "7000" },
        {
          file: "compose.yaml",
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 32,
          text: '"${DB_PORT:-7000}:5432"',
        },
      ],
    });
    const out = runCli(["check", "--format", "json", "--with-fixes"], { cwd: dir }).stdout;
    expect(out).not.toContain(secret);
    expect(out).not.toContain("abc123secret");
  });

  it("reproduces fix on the example stack, many findings, the declarations appended beside the passwords", () => {
    const dir = copy(join(projectRoot, "examples/trading-system/before"));
    const diagnostics = expectEditsReproduceFix(dir);
    expect(diagnostics.filter((d) => d.fix && d.fix.edits.length > 0).length).toBeGreaterThan(10);
    const out = runCli(["check", "--format", "json", "--with-fixes"], { cwd: dir }).stdout;
    for (const line of readFileSync(join(dir, ".env.example"), "utf8").split("\n")) {
      const value = /PASSWORD=(.+)$/.exec(line)?.[1];
      if (value) expect(out).not.toContain(value);
    }
  });

  it("has a fix exactly on the fixable diagnostics, and the default report none", () => {
    const dir = copy(join(projectRoot, "examples/trading-system/before"));
    const diagnostics = withFixes(dir);
    expect(diagnostics.some((d) => !d.fixable)).toBe(true);
    for (const d of diagnostics) expect(d.fix !== undefined, d.rule).toBe(d.fixable);
    const plain = runCli(["check", "--format", "json"], { cwd: dir }).stdout;
    expect(plain).not.toContain('"fix"');
    const without = (JSON.parse(plain) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(diagnostics.map(({ fix: _, ...d }) => d)).toEqual(without);
  });

  it("withholds edits that would show a value of .env that is not a port", () => {
    // The host address written in the compose file is a value of .env too: an edit would quote it.
    const address = "10.20.30.40";
    const dir = project({
      "compose.yaml": DATABASE.replace('"${DB_PORT:-5432}:5432"', `"${address}:5432:5432"`),
      ".env": `BIND_ADDRESS=${address}\n`,
    });
    const diagnostics = withFixes(dir);
    const fixable = diagnostics.filter((d) => d.fixable);
    expect(fixable.length).toBeGreaterThan(0);
    for (const d of fixable) {
      expect(d.fix?.edits).toEqual([]);
      expect(d.fix?.message).toMatch(/not shown/);
    }
    expect(runCli(["check", "--format", "json", "--with-fixes"], { cwd: dir }).stdout).not.toContain(address);
  });

  it("says why fix leaves a fixable finding, with no edits", () => {
    // Two services read DB_PORT from one .env for different ports: fix leaves the variable alone.
    const dir = project({
      "a/compose.yaml": DATABASE,
      "b/compose.yaml": DATABASE.replace("5432}:5432", "5433}:5432").replace("s1_db-data", "s2_db-data"),
      ".portguard.yml": "files:\n  env: [.env]\n",
    });
    const diagnostics = withFixes(dir);
    const left = diagnostics.filter((d) => d.fixable && d.fix?.edits.length === 0);
    expect(left.length).toBeGreaterThan(0);
    for (const d of left) expect(d.fix?.message).toMatch(/^portguard fix leaves it: /);
  });

  it("goes only with --format json on the whole working tree, and not with --use-process-env", () => {
    const dir = project({ "compose.yaml": DATABASE });
    const stylish = runCli(["check", "--with-fixes"], { cwd: dir });
    expect(stylish.status).toBe(2);
    expect(stylish.stderr).toMatch(/--with-fixes goes with --format json/);
    const env = runCli(["check", "--format", "json", "--with-fixes", "--use-process-env"], { cwd: dir });
    expect(env.status).toBe(2);
    // fix plans on the whole working tree: a narrowed report would print edits fix does not make.
    for (const narrowing of [["compose.yaml"], ["--staged"], ["--changed-since", "HEAD"]]) {
      const r = runCli(["check", "--format", "json", "--with-fixes", ...narrowing], { cwd: dir });
      expect(r.status, narrowing.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/--with-fixes plans on the whole project, as portguard fix does/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("each finding's edits are its own", () => {
  it("declarations appended to one env file: one insertion per variable, the header shared once", () => {
    const db = (i: number) =>
      `  db${i}:\n    image: postgres:16\n    ports:\n      - "${10000 + i}:5432"\n    volumes:\n      - d${i}:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n`;
    const volumes = [0, 1, 2].map((i) => `  d${i}:\n    name: s_d${i}\n`).join("");
    const dir = project({ "compose.yaml": `services:\n${[0, 1, 2].map(db).join("")}volumes:\n${volumes}` });
    const moved = withFixes(dir).filter((d) => d.rule === "PG102");
    expect(moved).toHaveLength(3);
    for (const [i, d] of moved.entries()) {
      const appended = (d.fix?.edits ?? []).filter((e) => e.file !== "compose.yaml").map((e) => e.text);
      // Its own variable and the created file's header: never another finding's variable.
      expect(appended).toHaveLength(2);
      expect(appended[1]).toMatch(new RegExp(`^DB${i}_PORT=70\\d\\d\\n$`));
      expect(appended[0]).toMatch(/^# /);
    }
    expectEditsReproduceFix(dir);
  });
});

describe("why fix leaves a finding", () => {
  const pg = (name: string, variable: string, port: number) =>
    `  ${name}:\n    image: postgres:16\n    ports:\n      - "\${${variable}:-${port}}:5432"\n    volumes:\n      - ${name}-data:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n`;
  const volumes = (...names: string[]) =>
    `volumes:\n${names.map((n) => `  ${n}-data:\n    name: s_${n}-data\n`).join("")}`;

  it("in a conflict, the binding that keeps its port says the other side moves", () => {
    const dir = project({
      "compose.yaml": `services:\n${pg("a", "A_PORT", 7000)}${pg("b", "B_PORT", 7000)}${volumes("a", "b")}`,
    });
    const conflicts = withFixes(dir).filter((d) => d.rule === "PG107");
    expect(conflicts).toHaveLength(2);
    const kept = conflicts.filter((d) => d.fix?.edits.length === 0);
    const moved = conflicts.filter((d) => (d.fix?.edits.length ?? 0) > 0);
    expect([kept.length, moved.length]).toEqual([1, 1]);
    expect(kept[0]?.fix?.message).toBe(
      "portguard fix leaves it: this binding keeps its port: the other side of the conflict is the one to move",
    );
  });

  it("a range with no free port left says so", () => {
    const dir = project({
      ".portguard.yml": "ranges:\n  - { name: databases, ports: 7000-7001, for: [database] }\n",
      "compose.yaml": `services:\n${pg("a", "A_PORT", 7000)}${pg("b", "B_PORT", 7001)}${pg("c", "C_PORT", 7000)}${volumes("a", "b", "c")}`,
    });
    const left = withFixes(dir).filter((d) => d.rule === "PG107" && d.fix?.edits.length === 0);
    expect(left.map((d) => d.fix?.message)).toContain(
      "portguard fix leaves it: no free port is left in the range it belongs to",
    );
  });
});
