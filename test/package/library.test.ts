/**
 * The library as a user gets it: `npm pack` of this repository installed with npm into a temporary
 * project, imported from Node ESM (a folder from disk, files in memory, formatters with their
 * defaults, the README's example run as written), a consumer's TypeScript checked against the
 * installed types, and the exported names equal to the README's list.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packTarball, setupEnv } from "../../scripts/managers.mjs";
import { projectRoot } from "../support/shared.js";

const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
const README = readFileSync(join(projectRoot, "README.md"), "utf8");
const LIBRARY = README.slice(README.indexOf("\n## Library\n"), README.indexOf("\n## Performance\n"));

/** The names the README's Library section documents: the bullets of "Every exported name". */
function documentedNames(): string[] {
  const list = LIBRARY.slice(LIBRARY.indexOf("Every exported name:"));
  return [...list.matchAll(/^- `([A-Za-z_$][\w$]*)/gm)].map((m) => m[1] as string).sort();
}

/** The README's example script, as written. */
function readmeExample(): string {
  const block = /```js\n([\s\S]*?)```/.exec(LIBRARY);
  if (!block) throw new Error("no js example in the README's Library section");
  return block[1] as string;
}

let dir = "";
let consumer = "";
let project = "";
const env = setupEnv(join(projectRoot, "node_modules", ".bin"));

/** Runs `node --input-type=module` with this script in the consumer project (or `cwd`). */
function esm(script: string, cwd = consumer): string {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8", env });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "portguard-library-"));
  const tarball = packTarball(dir);
  consumer = join(dir, "consumer");
  cpSync(join(projectRoot, "test/fixtures/library-consumer"), consumer, { recursive: true });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], {
    cwd: consumer,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  // A real project folder: the example stack, as it was before portguard.
  project = join(consumer, "stack");
  cpSync(join(projectRoot, "examples/trading-system/before"), project, { recursive: true });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the library, installed from the tarball", () => {
  it("lintFolder gives the report `portguard check --format json` prints; lint lints files in memory", () => {
    const cli = spawnSync(
      process.execPath,
      [join(consumer, "node_modules/portguard/dist/cli/index.js"), "check", "--format", "json"],
      {
        cwd: project,
        encoding: "utf8",
        env,
      },
    );
    expect(cli.status).toBe(1);
    const script = `
      import { formatJson, formatStylish, lint, lintFolder } from "portguard";
      const report = await lintFolder("stack");
      const stylish = formatStylish(report);
      const files = {
        "compose.yaml": 'services:\\n  db:\\n    image: postgres:16\\n    ports:\\n      - "\${DB_PORT}:5432"\\n',
      };
      const memory = lint(files, { env: { DB_PORT: "7003" } });
      const withoutEnv = lint(files).bindings;
      // The folder's name names the project (and so its volumes), as compose does.
      const volume = { "compose.yaml": 'services:\\n  db:\\n    image: postgres:16\\n    volumes:\\n      - pgdata:/var/lib/postgresql/data\\nvolumes:\\n  pgdata: {}\\n' };
      const named = [lint(volume), lint(volume, { folderName: "shop" })].map((r) => r.diagnostics.find((d) => d.rule === "PG202")?.message);
      let missing = "";
      await lintFolder("stack/apps", { paths: ["nothing-here"] }).catch((e) => { missing = e.message; });
      let empty = "";
      await lintFolder("node_modules/portguard/docs").catch((e) => { empty = e.message; });
      console.log(JSON.stringify({ json: formatJson(report), stylish, memory, withoutEnv, memoryJson: JSON.parse(formatJson(memory)), missing, empty, named }));
    `;
    const out = JSON.parse(esm(script));
    expect(out.json).toBe(cli.stdout);
    expect(JSON.parse(out.json).tool).toEqual({ name: "portguard", version: pkg.version });
    expect(out.stylish).toMatch(/^✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\)$/m);
    expect(out.stylish.includes("\u001b[")).toBe(false);
    expect(Math.max(...out.stylish.split("\n").map((l: string) => l.length))).toBeLessThanOrEqual(80);
    // In memory, the variable from `env` (without it, no host port): in the database range, no default.
    expect(out.memory.bindings).toMatchObject([{ service: "db", hostPort: 7003, variable: "DB_PORT" }]);
    expect(out.withoutEnv).toMatchObject([{ service: "db", hostPort: null, variable: "DB_PORT" }]);
    expect(out.memory.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["PG201", "PG203", "PG104"]);
    expect(out.memoryJson.tool.version).toBe(pkg.version);
    expect(out.named[0]).toMatch(/compose calls it project_pgdata/);
    expect(out.named[1]).toMatch(/compose calls it shop_pgdata/);
    expect(out.missing).toBe("no such file or folder: nothing-here");
    expect(out.empty).toMatch(/^no compose files found under .*node_modules\/portguard\/docs \(looked for /);
  });

  it("the README's example runs as written", () => {
    writeFileSync(join(project, "lint.mjs"), readmeExample());
    const r = spawnSync(process.execPath, ["lint.mjs"], { cwd: project, encoding: "utf8", env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/✖ 41 problems \(28 errors, 7 warnings, 6 infos\)/);
    expect(r.stdout).toMatch(/\{ errors: 28, warnings: 7, infos: 6, files: 4 \} 16 bindings/);
    expect(r.stdout).toMatch(/^compose\.yaml:5:9 PG102 db \(database\) publishes host port 5432 outside its range/m);
    expect(r.stdout).not.toMatch(/^compose\.yaml:\d+:\d+ PG203 /m); // turned off by the policy
    expect(r.stdout).toMatch(/^\.portguard\.yml:1:1: rnages: unknown key \(did you mean ranges\?\)/m);
    expect(r.stdout).toMatch(/'databases', 'database-uis', 'exporters', 'reserved'/);
  });

  it("a consumer's TypeScript typechecks against the installed types, without @types/node", () => {
    const r = spawnSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "."], {
      cwd: consumer,
      encoding: "utf8",
      env,
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
    // And a mistake is a type error (the check is not vacuous).
    writeFileSync(join(consumer, "wrong.ts"), 'import { lintFolder } from "portguard";\nawait lintFolder(42);\n');
    try {
      const wrong = spawnSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "."], {
        cwd: consumer,
        encoding: "utf8",
        env,
      });
      expect(wrong.stdout).toMatch(/wrong\.ts\(2,18\): error TS2345/);
    } finally {
      rmSync(join(consumer, "wrong.ts"));
    }
  });

  it("exports exactly the names the README documents, in the types and at run time", () => {
    const entry = join(consumer, "node_modules/portguard", pkg.exports["."].types);
    const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, types: [] });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`no module at ${entry}`);
    const exported = checker.getExportsOfModule(moduleSymbol);
    const declared = exported.map((s) => s.name).sort();
    const values = exported
      .filter((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return (target.flags & ts.SymbolFlags.Value) !== 0;
      })
      .map((s) => s.name)
      .sort();
    expect(declared).toEqual(documentedNames());
    const runtime = JSON.parse(esm('import * as lib from "portguard"; console.log(JSON.stringify(Object.keys(lib)));'));
    expect(runtime.sort()).toEqual(values);
    expect(values).toEqual([
      "DEFAULT_POLICY",
      "PolicyError",
      "RULES",
      "formatJson",
      "formatStylish",
      "lint",
      "lintFolder",
      "loadPolicy",
    ]);
    // The example imports only documented names; the internals cannot be reached by path.
    const imported = /import \{([^}]*)\} from "portguard"/
      .exec(readmeExample())?.[1]
      ?.split(",")
      .map((n) => n.trim());
    expect(documentedNames()).toEqual(expect.arrayContaining(imported ?? ["(none)"]));
    expect(esm('await import("portguard/dist/lib/index.js").catch((e) => console.log(e.code));')).toBe(
      "ERR_PACKAGE_PATH_NOT_EXPORTED\n",
    );
  });
});
