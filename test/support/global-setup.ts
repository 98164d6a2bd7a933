/**
 * Once per test run. Before any test: the CLI, Action and library tests run the bundles in dist/,
 * so dist/ is rebuilt first when the sources it was built from have changed since (after an edit,
 * `vitest` tests the edit, not the last build); an earlier run's "engine not available" is
 * forgotten. At the end: the Docker engine is stopped when a test of this run started it (an engine
 * started before the run stays).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sourceHash } from "../../scripts/source-hash.mjs";
import { engineMarkers, engineRoot } from "./engine.js";
import { projectRoot } from "./shared.js";

export default function setup(): () => void {
  const stamp = join(projectRoot, "dist/source-hash.txt");
  const built = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  if (built !== sourceHash(projectRoot)) {
    console.log("dist/ was built from other sources: building it before the tests (npm run build)");
    execFileSync(process.execPath, [join(projectRoot, "scripts/build.mjs")], { stdio: "inherit" });
  }
  const where = engineRoot();
  if (where) rmSync(engineMarkers(where.root).unavailable, { force: true });
  return () => {
    if (!where) return;
    const markers = engineMarkers(where.root);
    rmSync(markers.unavailable, { force: true });
    if (!existsSync(markers.startedByTests)) return;
    spawnSync(join(projectRoot, "scripts/docker-engine.sh"), ["stop"], { stdio: "inherit", timeout: 120_000 });
    rmSync(markers.startedByTests, { force: true });
  };
}
