/**
 * The pre-commit framework (Debian's `pre-commit` package) against a local clone of this repository
 * with a release tag, using the system Node, with no network at all (a network namespace without
 * interfaces, when the machine allows one): the hooks install, a bad commit is blocked, a good one passes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { releaseCommit } from "../../scripts/release.mjs";
import { gitEnv } from "../support/git.js";
import { projectRoot } from "../support/shared.js";

const preCommit = spawnSync("sh", ["-c", "command -v pre-commit"], { encoding: "utf8" }).stdout.trim();
if (!preCommit)
  console.warn("skipping the pre-commit framework test: pre-commit is not installed (apt-get install pre-commit)");
/** No network for what runs: `unshare -n` where the machine lets us (root), else as is. */
const offline = spawnSync("unshare", ["-n", "true"]).status === 0;
if (preCommit && !offline)
  console.warn("pre-commit framework test: runs with the network (unshare -n is not available)");

const VOLUME = "    volumes:\n      - db:/data\nvolumes:\n  db:\n    name: data-db\n";
const compose = (port: string) =>
  `services:\n  db:\n    image: redis:7\n    ports:\n      - "${port}:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME}`;

const work = mkdtempSync(join(tmpdir(), "portguard-pre-commit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(cwd: string, env: Record<string, string>, cmd: string, ...args: string[]) {
  const [file, argv] = offline ? ["unshare", ["-n", cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { cwd, env, encoding: "utf8", timeout: 300_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!preCommit)("the pre-commit framework", () => {
  it("installs the hook from a tagged clone with the system Node and nothing downloaded; blocks a bad commit, passes a good one", {
    timeout: 300_000,
  }, () => {
    const env: Record<string, string> = {
      ...gitEnv(),
      PRE_COMMIT_HOME: join(work, "cache"),
      npm_config_update_notifier: "false",
    };
    // The hook repository: a clone of this repository's HEAD, released (release commit and tag) as the workflow does.
    const hookRepo = join(work, "portguard");
    execFileSync("git", ["clone", "-q", "--no-hardlinks", projectRoot, hookRepo], { env });
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: projectRoot, encoding: "utf8" }).trim();
    execFileSync("git", ["checkout", "-q", "--detach", head], { cwd: hookRepo, env });
    execFileSync("git", ["config", "user.name", "Test"], { cwd: hookRepo });
    execFileSync("git", ["config", "user.email", "test@example.com"], { cwd: hookRepo });
    const { tag } = releaseCommit(hookRepo);

    const user = join(work, "app");
    execFileSync("git", ["init", "-q", "-b", "main", user], { env });
    execFileSync("git", ["config", "commit.gpgsign", "false"], { cwd: user, env });
    writeFileSync(
      join(user, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${tag}\n    hooks:\n      - id: portguard\n        language_version: system\n`,
    );
    writeFileSync(join(user, ".env.example"), "DB_PORT=7000\n");
    const install = sh(user, env, "pre-commit", "install", "--install-hooks");
    expect(install.status, install.output).toBe(0);
    expect(install.output).toMatch(/pre-commit installed at \.git\/hooks\/pre-commit/);
    // The hook's environment uses the system Node (no Node download) and portguard from the tag.
    const envs = execFileSync("sh", ["-c", 'ls -d "$PRE_COMMIT_HOME"/repo*/node_env-system'], {
      env,
      encoding: "utf8",
    });
    expect(envs.trim()).not.toBe("");

    writeFileSync(join(user, "compose.yaml"), compose("6379"));
    execFileSync("git", ["add", "-A"], { cwd: user, env });
    const blocked = sh(user, env, "git", "commit", "-m", "redis on its default port");
    expect(blocked.status, blocked.output).not.toBe(0);
    expect(blocked.output).toMatch(/portguard \(host-port convention\)\.+Failed/);
    expect(blocked.output).toMatch(/ PG103\n/);
    expect(blocked.output).toMatch(/→ use port 7000 through \$\{DB_PORT:-7000\}/);

    writeFileSync(join(user, "compose.yaml"), compose("${DB_PORT:-7000}"));
    execFileSync("git", ["add", "-A"], { cwd: user, env });
    const passed = sh(user, env, "git", "commit", "-m", "redis through its variable");
    expect(passed.status, passed.output).toBe(0);
    expect(passed.output).toMatch(/portguard \(host-port convention\)\.+Passed/);
    expect(readFileSync(join(user, ".git/HEAD"), "utf8")).toMatch(/main/);
  });
});
