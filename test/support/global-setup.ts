/**
 * Before any test: the CLI, Action and library tests run the bundles in dist/, so dist/ is rebuilt
 * first when the sources it was built from have changed since (after an edit, `vitest` tests the
 * edit, not the last build).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sourceHash } from "../../scripts/source-hash.mjs";
import { projectRoot } from "./shared.js";

export default function setup(): void {
  const stamp = join(projectRoot, "dist/source-hash.txt");
  const built = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  if (built === sourceHash(projectRoot)) return;
  console.log("dist/ was built from other sources: building it before the tests (npm run build)");
  execFileSync(process.execPath, [join(projectRoot, "scripts/build.mjs")], { stdio: "inherit" });
}
