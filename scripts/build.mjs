#!/usr/bin/env node
// Builds everything generated that is committed: dist/ (the CLI bundle, the library bundle, type
// declarations), the rule docs (docs/rules/*.md, the README rule table) and the policy JSON Schema.
// The docs and schema come from the rules' metadata through src/core/generated-files.ts, bundled
// into a temporary folder (the package's library exports none of it).
//
//   node scripts/build.mjs [--out DIR]    (default: the project root; check-generated uses a temp dir)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { sourceHash } from "./source-hash.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : root;
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

const dist = join(out, "dist");
rmSync(dist, { recursive: true, force: true });
// The CLI is two bundles: a small entry (`--version` answers from it alone) and the program it
// imports for every other command (dist/cli/program/), so that start-up compiles only what runs.
const bundles = [
  ["src/cli/index.ts", "cli"],
  ["src/cli/main.ts", "cli/program"],
  ["src/lib/index.ts", "lib"],
  ["src/action/index.ts", "action"],
];
for (const [entry, name] of bundles) {
  run(bin("ncc"), ["build", entry, "-o", join(dist, name), "--target", "es2022", "-q"]);
}
// The CLI's bundles in ASCII (other characters as \u escapes, the same strings): Node decodes and
// V8 scans a one-byte source faster than a two-byte one, on every start.
for (const file of ["cli/index.js", "cli/program/index.js"]) {
  const path = join(dist, file);
  const text = readFileSync(path, "utf8");
  // After a backslash an escape would change the meaning: the build stops instead.
  if (/\\[^\0-\x7f]/.test(text)) throw new Error(`${file}: a backslash before a non-ASCII character`);
  writeFileSync(
    path,
    text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  );
}
// The program as a script for src/cli/program-loader.ts (V8's code cache is a `vm.Script` feature).
writeFileSync(join(dist, "cli/program/index.js"), asScript(readFileSync(join(dist, "cli/program/index.js"), "utf8")));
run(bin("tsc"), ["-p", "tsconfig.build.json", "--outDir", join(dist, "types")]);
writeFileSync(join(dist, "source-hash.txt"), `${sourceHash(root)}\n`);

const generator = mkdtempSync(join(tmpdir(), "portguard-generate-"));
try {
  run(bin("ncc"), ["build", "src/core/generated-files.ts", "-o", generator, "--target", "es2022", "-q"]);
  const { generatedFiles } = await import(pathToFileURL(join(generator, "index.js")).href);
  rmSync(join(out, "docs", "rules"), { recursive: true, force: true });
  for (const file of generatedFiles(readFileSync(join(root, "README.md"), "utf8"))) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.text);
  }
} finally {
  rmSync(generator, { recursive: true, force: true });
}

/**
 * ncc's ES module bundle as one function expression, `(async function (require, url, load) {…})`:
 * its one import becomes `require`, `import.meta.url` the `url` argument, the chunk loader's
 * `import()` the `load` argument, and the export of `main` the function's result. Line numbers stay
 * the same. Anything else of a module in the bundle stops the build.
 */
function asScript(text) {
  const header = 'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";\n';
  const footer =
    /\nvar __webpack_exports__main = (__webpack_exports__\.\w+);\nexport \{ __webpack_exports__main as main \};\s*$/;
  const loader = 'var promise = import("./" + __nccwpck_require__.u(chunkId))';
  const fail = (what) => {
    throw new Error(`dist/cli/program/index.js: ${what}; update asScript in scripts/build.mjs for this ncc`);
  };
  if (!text.startsWith(header)) fail("the first line is not the one import ncc writes");
  if (!footer.test(text)) fail("it does not end with the export of main");
  if (text.split(loader).length !== 2) fail("the chunk loader is not there once");
  const body = text
    .slice(header.length)
    .replace(footer, "\nreturn { main: $1 };\n})\n")
    .replace(loader, loader.replace("import(", "__portguardImport("))
    .replaceAll("import.meta.url", "__portguardUrl");
  const script =
    "(async function (__portguardRequire, __portguardUrl, __portguardImport) { 'use strict'; " +
    'const __WEBPACK_EXTERNAL_createRequire = __portguardRequire("module").createRequire;\n' +
    body;
  // What is left of a module: another import or export, import.meta, or an import() of code (not
  // the comments ncc leaves where an import was, "/* import() */" and "// import() chunk loading").
  const dynamic = script.match(/(?<!\/\* |\/\/ )\bimport\s*\(/g);
  if (/^(import|export)\b/m.test(script) || script.includes("import.meta") || dynamic !== null)
    fail("it holds an import, an export or import.meta that the script form does not handle");
  new Script(script, { filename: "dist/cli/program/index.js" }); // a syntax error stops the build here
  return script;
}
