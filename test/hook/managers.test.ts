/**
 * `portguard init` with each real package manager (installed from the npm registry by
 * `node scripts/managers.mjs install`), in temporary repositories, against a tarball of this package:
 * the hook is activated by the manager's own install, a bad commit is blocked, a good one passes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commit,
  composeFile,
  managerBin,
  packTarball,
  README_STEPS,
  type Repository,
  removeRepository,
  SETUPS,
  setUpRepository,
} from "../../scripts/managers.mjs";
import { projectRoot } from "../support/shared.js";

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

const DESCRIBED = {
  npm: /for npm \(package-lock\.json\)/,
  pnpm: /for pnpm \(pnpm-lock\.yaml\)/,
  yarn1: /for yarn 1 \(yarn\.lock\)/,
  berry: /for yarn 2\+ \((Plug'n'Play|node_modules)\) \(yarn\.lock\)/,
} as const;

describe("the README's install table", () => {
  it("shows, for each manager, the commands these tests run", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    const version = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")).version;
    const label = { npm: "npm", pnpm: "pnpm", yarn1: "yarn 1", berry: "yarn 2+" } as const;
    for (const [manager, [add, init, install]] of Object.entries(README_STEPS) as [keyof typeof label, string[][]][]) {
      const cmd = (words: string[] | undefined) => words?.join(" ").replace("{tarball}", `../portguard-${version}.tgz`);
      const run = cmd(init)?.replace(/ init$/, "");
      expect(readme).toContain(
        `| ${label[manager]} | \`${cmd(add)}\` | \`${run}\` | \`${cmd(init)} && ${cmd(install)}\` |`,
      );
    }
  });
});

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
      if (setup.manager === "berry") expect(repo.init).toMatch(setup.linker === "pnp" ? /Plug'n'Play/ : /node_modules/);
      // The manager's install ran Husky: git looks for hooks where Husky put them.
      const hooksPath = execFileSync("git", ["config", "core.hooksPath"], {
        cwd: repo.top,
        env: repo.env,
        encoding: "utf8",
      });
      expect(hooksPath.trim()).toBe(setup.monorepo ? "web/.husky/_" : ".husky/_");
      // Nothing about portguard is warned about on install (engines, missing dependencies, scripts).
      for (const output of [repo.add, repo.init, repo.install]) {
        expect(output).not.toMatch(/EBADENGINE|portguard[^\n]*(warn|deprecated)|npm warn|^warning /im);
      }

      // In the monorepo the compose file sits outside the package: the hook checks the whole repository.
      const path = setup.monorepo ? "deploy/compose.yaml" : "compose.yaml";
      const bad = commit(repo, { [path]: composeFile("6379") }, "redis on its default port");
      expect(bad.status, bad.output).not.toBe(0);
      expect(bad.output).toMatch(/ PG103\n/);
      expect(bad.output).toMatch(/→ use port 7000 through \$\{DB_PORT:-7000\}/);
      expect(bad.output).toMatch(/git commit --no-verify/);
      const good = commit(repo, { [path]: composeFile("${DB_PORT:-7000}") }, "redis through its variable");
      expect(good.status, good.output).toBe(0);
      const log = execFileSync("git", ["log", "--format=%s"], { cwd: repo.top, env: repo.env, encoding: "utf8" });
      expect(log.trim().split("\n")).toEqual(["redis through its variable", "set up portguard"]);
    });
  });
}
