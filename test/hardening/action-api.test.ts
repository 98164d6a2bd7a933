/**
 * Issue 10: the Action against a hostile GitHub API and event payload. API calls are bounded
 * (a timeout, a page cap), answers and payloads are checked (a wrong shape is never taken for
 * "nothing changed"), and no ref reaches git as an option.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, repo, write } from "../support/git.js";
import { action, fakeApi } from "../support/hostile.js";

const DB =
  'services:\n  cache:\n    image: redis:7\n    ports:\n      - "${CACHE_PORT:-7000}:6379"\n    volumes:\n      - cache:/data\nvolumes:\n  cache:\n    name: data-cache\n';
const APP = 'services:\n  queue:\n    image: redis:7\n    ports:\n      - "7000:6379"\n';

/** A base commit (db) and a head commit adding apps/compose.yaml, which has errors. */
function pullRequestRepo() {
  const dir = repo({ "db/compose.yaml": DB });
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  const base = git(dir, "rev-parse", "HEAD").trim();
  write(dir, "apps/compose.yaml", APP);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "head");
  return { dir, base, head: git(dir, "rev-parse", "HEAD").trim() };
}

const prEvent = (base: string, head: string, extra: Record<string, unknown> = {}) => ({
  pull_request: { number: 7, changed_files: 1, base: { sha: base }, head: { sha: head }, ...extra },
});

const files = (names: string[]) => JSON.stringify(names.map((filename) => ({ filename, status: "modified" })));

function annotatedFiles(commands: string[]): Set<string | undefined> {
  return new Set(commands.filter((c) => c.startsWith("::error title=")).map((c) => /file=([^,]+)/.exec(c)?.[1]));
}

describe("the Action and the GitHub API", () => {
  it("an API that never answers: the run falls back to git diff within the timeout", { timeout: 90_000 }, async () => {
    const { dir, base, head } = pullRequestRepo();
    const api = await fakeApi(() => {});
    const started = Date.now();
    const run = await action({
      workspace: dir,
      eventName: "pull_request",
      event: prEvent(base, head),
      apiUrl: api.url,
      timeout: 45_000,
    });
    expect(run.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(run.stdout).toMatch(
      /::warning::portguard: the GitHub API did not answer within 15000 ms; listed the changed files with git diff/,
    );
    expect(annotatedFiles(run.commands)).toEqual(new Set(["apps/compose.yaml"]));
    expect(run.status).toBe(1);
  });

  it("endless pagination stops at the page cap", { timeout: 90_000 }, async () => {
    const { dir, base, head } = pullRequestRepo();
    const api = await fakeApi((req, res, url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      const next = `<http://${req.headers.host}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"`;
      res.writeHead(200, { "content-type": "application/json", link: next });
      res.end(files(Array.from({ length: 100 }, (_, i) => `docs/p${page}-${i}.md`)));
    });
    const run = await action({
      workspace: dir,
      eventName: "pull_request",
      event: prEvent(base, head),
      apiUrl: api.url,
      timeout: 45_000,
    });
    expect(run.timedOut).toBe(false);
    expect(api.requests.length).toBe(30);
    expect(run.stdout).toMatch(
      /::notice::portguard: the API lists only the first 3000 changed files; listed the changed files with git diff/,
    );
    expect(annotatedFiles(run.commands)).toEqual(new Set(["apps/compose.yaml"]));
  });

  it.each([
    ["an object", '{"message":"ok"}'],
    ["a list of numbers", "[1, 2]"],
    ["entries without a file name", '[{"status":"modified"}]'],
    ["HTML", "<html>maintenance</html>"],
  ])(
    "an answer of the wrong shape (%s) is never taken for an empty change",
    { timeout: 60_000 },
    async (_name, body) => {
      const { dir, base, head } = pullRequestRepo();
      const api = await fakeApi((_req, res) => {
        res.writeHead(200, { "content-type": body.startsWith("<") ? "text/html" : "application/json" }).end(body);
      });
      const run = await action({
        workspace: dir,
        eventName: "pull_request",
        event: prEvent(base, head),
        apiUrl: api.url,
      });
      expect(run.stdout).toMatch(
        /::warning::portguard: the GitHub API answered with something that is not a list of files/,
      );
      expect(annotatedFiles(run.commands)).toEqual(new Set(["apps/compose.yaml"]));
      expect(run.status).toBe(1);
    },
  );
});

describe("the Action and the event payload", () => {
  it("a malformed event file is one clear error, no stack trace", { timeout: 60_000 }, async () => {
    const { dir } = pullRequestRepo();
    const run = await action({ workspace: dir, eventName: "pull_request", event: '{"pull_request": {"number": 7' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::portguard: the event file .*event\.json is not valid JSON$/m);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a head.sha that is an option never reaches git", { timeout: 60_000 }, async () => {
    const { dir, base } = pullRequestRepo();
    const planted = join(mkdtempSync(join(tmpdir(), "portguard-planted-")), "created-by-git");
    const api = await fakeApi((_req, res) => {
      res.writeHead(403, { "content-type": "application/json" }).end('{"message":"Resource not accessible"}');
    });
    const run = await action({
      workspace: dir,
      eventName: "pull_request",
      event: prEvent(base, `--output=${planted}`),
      apiUrl: api.url,
    });
    expect(existsSync(planted)).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::portguard: the event's pull_request\.head\.sha is not a commit id/);
  });

  it("a push's before that is an option never reaches git", { timeout: 60_000 }, async () => {
    const { dir } = pullRequestRepo();
    const planted = join(mkdtempSync(join(tmpdir(), "portguard-planted-")), "created-by-git");
    const run = await action({ workspace: dir, eventName: "push", event: { before: `--output=${planted}` } });
    expect(existsSync(planted)).toBe(false);
    expect(run.stdout).toMatch(/::error::portguard: the event's before is not a commit id/);
  });

  it.each([
    ["a pull request number that is a string", { pull_request: { number: "7" } }, /pull_request\.number/],
    ["a pull request that is a list", { pull_request: [] }, /pull_request is not an object/],
    ["a changed_files count that is negative", { pull_request: { number: 7, changed_files: -1 } }, /changed_files/],
    ["a payload that is a list", [], /does not hold a JSON object/],
  ])("%s is an error, never a pass", { timeout: 60_000 }, async (_name, event, message) => {
    const { dir } = pullRequestRepo();
    const run = await action({
      workspace: dir,
      eventName: "pull_request",
      event: JSON.stringify(event),
      inputs: { "fail-on": "never" },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
