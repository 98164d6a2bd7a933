#!/usr/bin/env node
// Fails when a committed generated file (dist/, docs/rules/, schema/, the README rule table) differs from a
// fresh build. CI runs it; run `npm run build` and commit to fix.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(join(tmpdir(), "portguard-build-"));
function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
try {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--out", out], { stdio: "inherit" });
  const problems = [];
  for (const sub of ["dist", "docs/rules", "schema"]) {
    const fresh = new Set(files(join(out, sub)).map((p) => relative(out, p)));
    const committed = new Set(files(join(root, sub)).map((p) => relative(root, p)));
    for (const p of fresh) {
      if (!committed.has(p)) problems.push(`missing: ${p}`);
      else if (!readFileSync(join(out, p)).equals(readFileSync(join(root, p)))) problems.push(`stale: ${p}`);
    }
    for (const p of committed) if (!fresh.has(p)) problems.push(`not generated any more: ${p}`);
  }
  if (readFileSync(join(out, "README.md"), "utf8") !== readFileSync(join(root, "README.md"), "utf8")) {
    problems.push("stale: README.md rule table");
  }
  if (problems.length > 0) {
    console.error(`Generated files are out of date (run npm run build and commit):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("generated files are up to date");
} finally {
  rmSync(out, { recursive: true, force: true });
}
