/**
 * The action on each workflow event, with real git checkouts as actions/checkout leaves them: a bare
 * "origin" in a temporary folder, a shallow clone as the workspace, pull request heads only under
 * refs/pull/N/head (as for a fork), and the GitHub API served from 127.0.0.1.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVENTS } from "../../src/action/events.js";
import { runAction, startApi } from "../support/action.js";
import { project } from "../support/cli.js";
import { git, repo, write } from "../support/git.js";
import { projectRoot } from "../support/shared.js";

const VOLUME = (name: string) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
const redis = (service: string, port: string) =>
  `services:\n  ${service}:\n    image: redis:7\n    ports:\n      - "${port}:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME(service)}`;
const DB = redis("cache", "${CACHE_PORT:-7000}");
const BAD_APP = redis("queue", "7000");

const files = (run: { commands: string[] }) => new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]));

/**
 * origin (bare) with main at the base commit and the pull request's head only at refs/pull/7/head;
 * the workspace is a depth-1 clone of main, as actions/checkout leaves it on pull_request_target.
 */
function forkPullRequest(headFiles: Record<string, string>) {
  const author = repo({ "db/compose.yaml": DB });
  git(author, "add", ".");
  git(author, "commit", "-q", "-m", "base");
  const base = git(author, "rev-parse", "HEAD").trim();
  for (const [path, text] of Object.entries(headFiles)) write(author, path, text);
  git(author, "add", ".");
  git(author, "commit", "-q", "-m", "head");
  const head = git(author, "rev-parse", "HEAD").trim();
  const origin = join(project({}), "origin.git");
  git(author, "init", "-q", "--bare", origin);
  git(author, "push", "-q", origin, `${base}:refs/heads/main`, `${head}:refs/pull/7/head`);
  const workspace = join(project({}), "workspace");
  git(author, "clone", "-q", "--depth", "1", "--branch", "main", `file://${origin}`, workspace);
  return { workspace, base, head, origin };
}

const targetEvent = (base: string, head: string) => ({
  pull_request: { number: 7, changed_files: 1, base: { sha: base }, head: { sha: head } },
  repository: { name: "stack", owner: { login: "acme" } },
});

describe("pull_request_target", () => {
  it("checks the head commit, fetched from origin without checking it out, never the base checkout", async () => {
    const { workspace, base, head } = forkPullRequest({ "apps/compose.yaml": BAD_APP });
    const api = await startApi(["apps/compose.yaml"]);
    const run = await runAction({ workspace, eventName: "pull_request_target", event: targetEvent(base, head), api });
    expect(run.stdout).toContain(
      `::notice::portguard: pull_request_target: checked the pull request's head commit ${head.slice(0, 12)} (fetched from origin), read from git without checking it out, with the policy of the checked-out base.`,
    );
    expect(files(run)).toEqual(new Set(["apps/compose.yaml"]));
    expect(run.commands.map((c) => /title=(PG\d+)/.exec(c)?.[1])).toEqual(["PG103", "PG107"]);
    expect(run.outputs.errors).toBe("2");
    expect(run.status).toBe(1);
    expect(run.summary).toContain(`(https://github.com/acme/stack/blob/${head}/apps/compose.yaml#L5)`);
    // The workspace is untouched: still the base, still shallow, the head's file not written.
    expect(git(workspace, "rev-parse", "HEAD").trim()).toBe(base);
    expect(existsSync(join(workspace, "apps/compose.yaml"))).toBe(false);
    expect(git(workspace, "rev-parse", "--is-shallow-repository").trim()).toBe("true");
    expect(git(workspace, "status", "--porcelain")).toBe("");
  });

  it("a compliant head passes, judged on its own content", async () => {
    const { workspace, base, head } = forkPullRequest({ "apps/compose.yaml": redis("queue", "${QUEUE_PORT:-7001}") });
    const api = await startApi(["apps/compose.yaml"]);
    const run = await runAction({ workspace, eventName: "pull_request_target", event: targetEvent(base, head), api });
    expect(run.commands).toEqual([]);
    expect(run.outputs.errors).toBe("0");
    expect(run.status).toBe(0);
    expect(run.summary).toMatch(/Port map of the changed compose files[\s\S]*7001\s+tcp\s+\*\s+6379\s+queue/);
  });

  it("fails with a clear message when the head cannot be fetched, instead of an all-clear for the base", async () => {
    const { workspace, base } = forkPullRequest({ "apps/compose.yaml": BAD_APP });
    const missing = "e".repeat(40);
    const api = await startApi(["apps/compose.yaml"]);
    const run = await runAction({
      workspace,
      eventName: "pull_request_target",
      event: targetEvent(base, missing),
      api,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::portguard: pull_request_target: the pull request's head commit eeeeeeeeeeee is not in the checkout and could not be fetched from origin \(.+\)\. portguard does not report the base commit in its place\./m,
    );
    expect(run.outputs.errors).toBeUndefined();
    expect(run.summary).toBe("");
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a workflow that checked out the head itself is checked as it is", async () => {
    const dir = repo({ "db/compose.yaml": DB });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "base");
    const base = git(dir, "rev-parse", "HEAD").trim();
    write(dir, "apps/compose.yaml", BAD_APP);
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "head");
    const head = git(dir, "rev-parse", "HEAD").trim();
    const api = await startApi(["apps/compose.yaml"]);
    const run = await runAction({
      workspace: dir,
      eventName: "pull_request_target",
      event: targetEvent(base, head),
      api,
    });
    expect(run.stdout).not.toMatch(/read from git without checking it out/);
    expect(files(run)).toEqual(new Set(["apps/compose.yaml"]));
    expect(run.status).toBe(1);
  });
});

describe("merge_group", () => {
  /** main has old findings in legacy/; the queue's head adds apps/. */
  function queue(app: string) {
    const dir = repo({ "db/compose.yaml": DB, "legacy/compose.yaml": redis("old", "6379") });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "base");
    const base = git(dir, "rev-parse", "HEAD").trim();
    write(dir, "apps/compose.yaml", app);
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "merge group");
    const head = git(dir, "rev-parse", "HEAD").trim();
    return { dir, base, head };
  }
  const event = (base: string, head: string) => ({
    merge_group: {
      base_sha: base,
      head_sha: head,
      head_ref: "refs/heads/gh-readonly-queue/main/pr-7-abc",
      base_ref: "refs/heads/main",
    },
  });

  it("reports only the files between base_sha and head_sha: old findings elsewhere do not block the queue", async () => {
    const { dir, base, head } = queue(redis("queue", "${QUEUE_PORT:-7001}"));
    const run = await runAction({ workspace: dir, eventName: "merge_group", event: event(base, head) });
    expect(run.commands).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.summary).toMatch(
      /reported the 1 file\(s\) this change touches \(\d+ diagnostic\(s\) in other files not shown\)/,
    );
  });

  it("a bad change in the queue is reported on its file", async () => {
    const { dir, base, head } = queue(BAD_APP);
    const run = await runAction({ workspace: dir, eventName: "merge_group", event: event(base, head) });
    expect(files(run)).toEqual(new Set(["apps/compose.yaml"]));
    expect(run.status).toBe(1);
  });

  it("a base commit that cannot be had: every file is checked, and a notice says so", async () => {
    const { dir, head } = queue(BAD_APP);
    const run = await runAction({ workspace: dir, eventName: "merge_group", event: event("d".repeat(40), head) });
    expect(run.stdout).toMatch(
      /::notice::portguard: merge queue: commit dddddddddddd could not be fetched \(.+\): checked every file\./,
    );
    expect(files(run)).toEqual(new Set(["apps/compose.yaml", "db/compose.yaml", "legacy/compose.yaml"]));
  });
});

describe("supported events", () => {
  it("the README documents each event the action knows", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    for (const name of Object.keys(EVENTS)) expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\|`));
  });
});
