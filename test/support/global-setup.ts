/**
 * Once per test run: forget an earlier run's "engine not available", and at the end stop the
 * Docker engine when a test of this run started it (an engine started before the run stays).
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { engineMarkers, engineRoot } from "./engine.js";
import { projectRoot } from "./shared.js";

export default function setup(): () => void {
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
