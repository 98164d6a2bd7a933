/**
 * The built action (dist/action/index.js) run as the runner runs it: a child process with INPUT_*
 * and GITHUB_* variables, and a real HTTP server on 127.0.0.1 standing in for the GitHub API.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAction, startApi, TOKEN } from "../support/action.js";
import { git, repo, write } from "../support/git.js";

const VOLUME = (name: string) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
const DB = `services:\n  cache:\n    image: redis:7\n    ports:\n      - "\${CACHE_PORT:-7000}:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME("cache")}`;
const APP = `services:\n  queue:\n    image: redis:7\n    ports:\n      - "7000:6379"\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n    restart: always\n${VOLUME("queue")}`;

/** A repository with a base commit (the db stack) and a head commit adding the apps stack. */
function pullRequestRepo(): { dir: string; base: string; head: string } {
  const dir = repo({ "db/compose.yaml": DB });
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  const base = git(dir, "rev-parse", "HEAD").trim();
  write(dir, "apps/compose.yaml", APP);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "head");
  return { dir, base, head: git(dir, "rev-parse", "HEAD").trim() };
}

const prEvent = (base: string, head: string, changed = 1) => ({
  pull_request: { number: 7, changed_files: changed, base: { sha: base }, head: { sha: head } },
  repository: { name: "stack", owner: { login: "acme" } },
});

describe("the GitHub Action", () => {
  it("pull_request: annotates only the changed files, names the partner in an unchanged file, pages through the API", async () => {
    const { dir, base, head } = pullRequestRepo();
    const filler = Array.from({ length: 100 }, (_, i) => `docs/page-${i}.md`);
    const api = await startApi([...filler, "apps/compose.yaml", "removed/compose.yaml"]);
    const run = await runAction({ workspace: dir, eventName: "pull_request", event: prEvent(base, head, 102), api });
    expect(run.commands).toEqual([
      "::error title=PG103 hardcoded-host-port,file=apps/compose.yaml,line=5,endLine=5,col=9,endColumn=20::queue publishes host port 7000 as a literal; write it as a ${VAR:-default} variable declared in .env (use port 7001 through ${QUEUE_PORT:-7001})",
      "::error title=PG107 port-conflict,file=apps/compose.yaml,line=5,endLine=5,col=9,endColumn=20::host port 7000/tcp of queue is also published by cache (db/compose.yaml:5) (use port 7001 through ${QUEUE_PORT:-7001})",
    ]);
    expect(run.status).toBe(1);
    expect(run.outputs.errors).toBe("2");
    expect(run.outputs.warnings).toBe("0");
    expect(existsSync(run.outputs.report as string)).toBe(true);
    expect(JSON.parse(readFileSync(run.outputs.report as string, "utf8")).diagnostics).toHaveLength(2);
    // Two pages, each with the token.
    expect(api.seen.map((s) => s.url)).toEqual([
      "/repos/acme/stack/pulls/7/files?per_page=100",
      "/repos/acme/stack/pulls/7/files?per_page=100&page=2",
    ]);
    expect(api.seen.every((s) => s.authorization.includes(TOKEN))).toBe(true);
    expect(run.stdout).not.toContain(TOKEN);
    // The summary: counts, linked rows, the port map of the changed compose file.
    expect(run.summary).toMatch(/^## portguard: 2 error\(s\), 0 warning\(s\), 0 info\(s\)/);
    expect(run.summary).toContain(
      `[apps/compose.yaml:5](https://github.com/acme/stack/blob/${head}/apps/compose.yaml#L5)`,
    );
    expect(run.summary).toMatch(/### Port map of the changed compose files[\s\S]*7000\s+tcp\s+\*\s+6379\s+queue/);
    expect(run.summary).not.toMatch(/\bcache\s+database/);
    // The plan of the whole project, per range: the unchanged file's port counts too.
    expect(run.summary).toContain("### Port plan\n\n| range | ports | for | used | free | next free |");
    expect(run.summary).toContain("| databases | 7000-7099 | database | 1 | 99 | 7001 |");
  });

  it("push: every file, no API call", async () => {
    const { dir } = pullRequestRepo();
    const api = await startApi([]);
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: { before: "0000000000000000000000000000000000000000" },
      api,
    });
    expect(api.seen).toEqual([]);
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(
      new Set(["apps/compose.yaml", "db/compose.yaml"]),
    );
    expect(run.status).toBe(1);
  });

  it("an API refusing (403, as on forks) falls back to git diff against the base, and says so", async () => {
    const { dir, base, head } = pullRequestRepo();
    const api = await startApi([], 403);
    const run = await runAction({ workspace: dir, eventName: "pull_request", event: prEvent(base, head), api });
    expect(run.stdout).toMatch(
      /::notice::portguard: the GitHub API did not list the changed files \(HTTP 403\); listed the changed files with git diff against/,
    );
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(new Set(["apps/compose.yaml"]));
  });

  it("an API failing (500) without the base commit in the checkout checks every file, and says so", async () => {
    const { dir, head } = pullRequestRepo();
    const api = await startApi([], 500);
    const run = await runAction({
      workspace: dir,
      eventName: "pull_request",
      event: prEvent("f".repeat(40), head),
      api,
    });
    expect(run.stdout).toMatch(
      /::notice::portguard: the GitHub API did not list the changed files \(HTTP 500\), and the base commit is not in the checkout/,
    );
    expect(new Set(run.commands.map((c) => /file=([^,]+)/.exec(c)?.[1]))).toEqual(
      new Set(["apps/compose.yaml", "db/compose.yaml"]),
    );
  });

  it("more than GitHub shows: the failure message first, most severe next, then one notice GitHub shows with the counts", async () => {
    const services = Array.from(
      { length: 12 },
      (_, i) => `  db${i}:\n    image: redis:7\n    ports:\n      - "${5000 + i}:6379"\n`,
    ).join("");
    const dir = repo({ "compose.yaml": `services:\n${services}`, ".env": "A_PORT=1\nA_PORT=2\n" });
    const run = await runAction({ workspace: dir, eventName: "push", event: {} });
    const all = run.stdout.split("\n").filter((l) => /^::(error|warning|notice)[ :]/.test(l));
    const errors = Number(run.outputs.errors);
    expect(errors).toBeGreaterThan(20);
    expect(all[0]).toBe(
      `::error::portguard: ${errors} error(s) in the checked files; every finding is in the job summary`,
    );
    const kinds = all.map((c) => /^::(\w+)/.exec(c)?.[1]);
    const firstWarning = kinds.indexOf("warning");
    const firstNotice = kinds.indexOf("notice");
    expect(kinds.slice(0, firstWarning).every((k) => k === "error")).toBe(true);
    expect(kinds.slice(firstWarning, firstNotice).every((k) => k === "warning")).toBe(true);
    const notices = all.filter((c) => c.startsWith("::notice"));
    const closing = notices.findIndex((c) => c.includes("more findings than GitHub shows"));
    expect(closing).toBeGreaterThanOrEqual(0);
    expect(closing).toBeLessThan(10);
    expect(notices[closing]).toMatch(
      new RegExp(
        `portguard found ${errors} error\\(s\\), \\d+ warning\\(s\\) and \\d+ info\\(s\\); GitHub shows 10 annotations of each kind per step, so ${errors - 9} errors(, \\d+ warnings?)?(, \\d+ infos?)? are not shown on the pull request`,
      ),
    );
    expect(notices[closing]).toMatch(/The job summary lists every finding/);
    // Every finding is annotated (the log keeps what GitHub does not show), and the summary says it too.
    expect(run.commands).toHaveLength(all.length - 1);
    expect(run.summary).toContain(`GitHub shows 10 annotations of each kind per step: 9 of ${errors} errors`);
    expect(run.status).toBe(1);
  });

  it("the summary: one row per binding with its rules and one suggestion, most severe first, severity marked", async () => {
    const dir = repo({
      "compose.yaml":
        'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n  ui:\n    image: adminer\n    ports:\n      - "${ADMINER_PORT:-7100}:8080"\n    environment:\n      X: "1"\n',
      ".env.example": "ADMINER_PORT=7101\n",
    });
    const run = await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "never" } });
    const rows = run.summary.split("\n").filter((l) => /^\| (🔴|🟡|🔵) /.test(l));
    const db = rows.filter((r) => r.includes("compose.yaml:5"));
    expect(db).toHaveLength(1);
    expect(db[0]).toMatch(
      /^\| 🔴 error \| \[compose\.yaml:5\]\(https:\/\/github\.com\/acme\/stack\/blob\/[0-9a-f]{40}\/compose\.yaml#L5\) \| db \|/,
    );
    expect(db[0]).toMatch(
      /\[PG102\]\(https:\/\/github\.com\/portguard\/portguard\/blob\/v[\d.]+\/docs\/rules\/PG102-category-range\.md\) category-range<br>\[PG103\]/,
    );
    expect(db[0]).toMatch(/\| use port 7000 through &#36;\{DB_PORT:-7000\} \|$/);
    expect(db[0]?.match(/use port/g)).toHaveLength(1);
    const severities = rows.map((r) => /^\| (\S+) (\w+)/.exec(r)?.[2]);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ["error", "warning", "info"].indexOf(a ?? "") - ["error", "warning", "info"].indexOf(b ?? ""),
      ),
    );
    expect(rows.some((r) => r.startsWith("| 🟡 warning"))).toBe(true);
    expect(run.summary).toMatch(/\| Severity \| Where \| Service \| Rules \| Problem \| Fix \|/);
  });

  it("never prints a secret from .env.example, and writes SARIF for code scanning", async () => {
    const secret = "hunter2-do-not-print";
    const dir = repo({
      ".env.example": `DB_PASSWORD=${secret}\nAPI_TOKEN="${secret}-2"\nCACHE_PORT=oops-${secret}\n`,
      "compose.yaml": `services:\n  cache:\n    image: redis:7\n    environment:\n      PASSWORD: \${DB_PASSWORD}\n    ports:\n      - "\${CACHE_PORT:-7000}:6379"\n      - "\${API_TOKEN}:80"\n`,
    });
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: {},
      inputs: { "sarif-file": "out/portguard.sarif" },
    });
    const sarifText = readFileSync(join(dir, "out/portguard.sarif"), "utf8");
    for (const text of [
      run.stdout,
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      readFileSync(run.outputs.report as string, "utf8"),
      sarifText,
    ]) {
      expect(text).not.toContain(secret);
    }
    const sarif = JSON.parse(sarifText);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /^(\.env\.example|compose\.yaml)$/,
    );
  });

  it("fail-on: never passes with errors, warning fails on warnings alone", async () => {
    const dir = repo({
      "compose.yaml": APP.replace('"7000:6379"', '"${QUEUE_PORT}:6379"'),
      ".env": "QUEUE_PORT=7000\n",
    });
    const warnings = await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "error" } });
    expect(warnings.outputs.errors).toBe("0");
    expect(Number(warnings.outputs.warnings)).toBeGreaterThan(0);
    expect(warnings.status).toBe(0);
    expect(
      (await runAction({ workspace: dir, eventName: "push", event: {}, inputs: { "fail-on": "warning" } })).status,
    ).toBe(1);
    const errors = repo({ "compose.yaml": APP });
    expect(
      (await runAction({ workspace: errors, eventName: "push", event: {}, inputs: { "fail-on": "never" } })).status,
    ).toBe(0);
  });

  it("working-directory: the project in a subfolder, annotated with repository paths", async () => {
    const dir = repo({ "stacks/data/compose.yaml": APP, "stacks/data/.portguard.yml": "rules:\n  PG107: off\n" });
    const run = await runAction({
      workspace: dir,
      eventName: "push",
      event: {},
      inputs: { "working-directory": "stacks/data" },
    });
    expect(run.commands.map((c) => /title=(\S+).*file=([^,]+)/.exec(c)?.slice(1).join(" "))).toEqual([
      "PG103 stacks/data/compose.yaml",
    ]);
  });

  it("a bad config fails with one clear line, no stack trace", async () => {
    const dir = repo({ ".portguard.yml": "rules:\n  PG999: error\n", "compose.yaml": DB });
    const run = await runAction({ workspace: dir, eventName: "push", event: {} });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::portguard: invalid config: \.portguard\.yml:2:3: rules\.PG999: unknown rule/m,
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
