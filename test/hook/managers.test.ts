/**
 * `portguard init` with each real package manager (installed from the npm registry by
 * `node scripts/managers.mjs install`), in temporary repositories, against a tarball of this package:
 * the hook is activated by the manager's own install, a bad commit is blocked, a good one passes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commit,
  composeFile,
  managerBin,
  packTarball,
  type Repository,
  removeRepository,
  SETUPS,
  setUpRepository,
} from "../../scripts/managers.mjs";

let tarballDir = "";
let tarball = "";
beforeAll(() => {
  tarballDir = mkdtempSync(join(tmpdir(), "portguard-tarball-"));
  tarball = packTarball(tarballDir);
});
const repos: Repository[] = [];
afterAll(() => {
  for (const repo of repos) removeRepository(repo);
  rmSync(tarballDir, { recursive: true, force: true });
});

const DESCRIBED = { npm: /for npm \(/, pnpm: /for pnpm \(/, yarn1: /for yarn 1 \(/, berry: /for yarn 2\+ / } as const;

for (const setup of SETUPS) {
  const available = managerBin(setup.manager) !== null;
  if (!available) {
    console.warn(`skipping "${setup.id}": ${setup.manager} is not installed (node scripts/managers.mjs install)`);
  }
  describe.skipIf(!available)(setup.id, () => {
    it("init writes a setup the manager activates; a bad commit is blocked, a good one passes", {
      timeout: 300_000,
    }, () => {
      const repo = setUpRepository(setup, tarball);
      repos.push(repo);
      expect(repo.init).toMatch(DESCRIBED[setup.manager]);
      if (setup.linker === "pnp") expect(repo.init).toMatch(/Plug'n'Play/);
      // The manager's install ran Husky: git looks for hooks where Husky put them.
      const hooksPath = execFileSync("git", ["config", "core.hooksPath"], {
        cwd: repo.top,
        env: repo.env,
        encoding: "utf8",
      });
      expect(hooksPath.trim()).toBe(setup.monorepo ? "web/.husky/_" : ".husky/_");
      // Nothing about portguard is warned about on install (engines, missing dependencies, scripts).
      expect(repo.install).not.toMatch(/EBADENGINE|portguard[^\n]*(warn|deprecated)/i);

      // In the monorepo the compose file sits outside the package: the hook checks the whole repository.
      const path = setup.monorepo ? "deploy/compose.yaml" : "compose.yaml";
      const bad = commit(repo, { [path]: composeFile("6379") }, "redis on its default port");
      expect(bad.status, bad.output).not.toBe(0);
      expect(bad.output).toMatch(/PG103 hardcoded-host-port/);
      expect(bad.output).toMatch(/→ use port 7000 through \$\{DB_PORT:-7000\}/);
      expect(bad.output).toMatch(/git commit --no-verify/);
      const good = commit(repo, { [path]: composeFile("${DB_PORT:-7000}") }, "redis through its variable");
      expect(good.status, good.output).toBe(0);
      const log = execFileSync("git", ["log", "--format=%s"], { cwd: repo.top, env: repo.env, encoding: "utf8" });
      expect(log.trim().split("\n")).toEqual(["redis through its variable", "set up portguard"]);
    });
  });
}
