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
