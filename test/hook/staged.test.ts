/** `portguard check --staged` and `--changed-since` on real git repositories. */
import { describe, expect, it } from "vitest";
import { parseListing } from "../../src/cli/git.js";
import { git, gitWithEnv, portguard, repo, write } from "../support/git.js";

const VOLUME = (name: string) => `    volumes:\n      - ${name}:/data\nvolumes:\n  ${name}:\n    name: data-${name}\n`;
const GOOD = `services:\n  db:\n    image: redis:7\n    ports:\n      - "\${DB_PORT:-7000}:6379"\n${VOLUME("db")}`;
const BAD = `services:\n  db:\n    image: redis:7\n    ports:\n      - "5432:6379"\n${VOLUME("db")}`;
const OTHER_7000 = `services:\n  other:\n    image: redis:7\n    ports:\n      - "\${OTHER_PORT:-7000}:6379"\n${VOLUME("other")}`;

function rules(run: { stdout: string }): string[] {
  return JSON.parse(run.stdout).diagnostics.map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`);
}

function errors(run: { stdout: string }): string[] {
  return JSON.parse(run.stdout)
    .diagnostics.filter((d: { severity: string }) => d.severity === "error")
    .map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`);
}

describe("check --staged", () => {
  it("reads the index: bad staged content with a clean working tree is blocked", () => {
    const dir = repo({ "compose.yaml": BAD });
    git(dir, "add", "compose.yaml");
    write(dir, "compose.yaml", GOOD);
    const run = portguard(dir, ["check", "--staged", "--format", "json"]);
    expect(run.status).toBe(1);
    expect(errors(run)).toEqual(["PG102 compose.yaml", "PG103 compose.yaml"]);
    expect(run.stderr).toMatch(/git commit --no-verify/);
    expect(run.stderr).toMatch(/portguard-disable-line/);
    // ...and the plain check sees the clean working tree.
    expect(portguard(dir, ["check", "--format", "json"]).status).toBe(0);
  });

  it("clean staged content with a bad working tree passes", () => {
    const dir = repo({ "compose.yaml": GOOD });
    git(dir, "add", "compose.yaml");
    write(dir, "compose.yaml", BAD);
    expect(portguard(dir, ["check", "--staged"]).status).toBe(0);
  });

  it("works before the first commit, reports only staged files, and sees unchanged ones", () => {
    const dir = repo({ "a/compose.yaml": GOOD });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    write(dir, "b/compose.yaml", OTHER_7000);
    git(dir, "add", "b/compose.yaml");
    const run = portguard(dir, ["check", "--staged", "--format", "json"]);
    expect(run.status).toBe(1);
    // The conflict partner in the unchanged file is named, but only the staged file is reported.
    const report = JSON.parse(run.stdout);
    expect(errors(run)).toEqual(["PG107 b/compose.yaml"]);
    expect(report.diagnostics.find((d: { rule: string }) => d.rule === "PG107").message).toMatch(/a\/compose\.yaml:5/);
    const fresh = repo({ "compose.yaml": BAD });
    git(fresh, "add", ".");
    expect(portguard(fresh, ["check", "--staged"]).status).toBe(1);
  });

  it("a rename is checked under its new name; a deleted file is gone", () => {
    const dir = repo({ "one/compose.yaml": GOOD, "two/compose.yaml": OTHER_7000 });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "--no-verify", "-m", "first");
    git(dir, "mv", "two/compose.yaml", "two/docker-compose.yml");
    const renamed = portguard(dir, ["check", "--staged", "--format", "json"]);
    expect(errors(renamed)).toEqual(["PG107 two/docker-compose.yml"]);
    git(dir, "rm", "-q", "-f", "two/docker-compose.yml");
    expect(portguard(dir, ["check", "--staged"]).status).toBe(0);
  });

  it("paths with spaces, and the absolute paths lint-staged passes", () => {
    const dir = repo({ "my stack/compose.yaml": BAD, "other/compose.yaml": BAD });
    git(dir, "add", ".");
    const run = portguard(dir, ["check", "--staged", "--format", "json", `${dir}/my stack/compose.yaml`]);
    expect(run.status).toBe(1);
    expect([...new Set(rules(run).map((r) => r.split(" ").slice(1).join(" ")))]).toEqual(["my stack/compose.yaml"]);
  });

  it("git-ignored files such as .env are read from the working tree", () => {
    const dir = repo({ ".gitignore": ".env\n", ".env": "DB_PORT=5432\n", "compose.yaml": GOOD });
    git(dir, "add", ".");
    const run = portguard(dir, ["check", "--staged", "--format", "json"]);
    expect(errors(run)).toEqual(["PG102 compose.yaml"]);
    expect(JSON.parse(run.stdout).diagnostics.find((d: { rule: string }) => d.rule === "PG102").message).toMatch(
      /DB_PORT from \.env:1/,
    );
  });

  it("a source file hardcoding a governed port is blocked; one reading the variable passes", () => {
    const dir = repo({ "compose.yaml": GOOD, ".env.example": "DB_PORT=7000\n" });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    write(dir, "app/config.js", "module.exports = { db: { host: 'localhost', port: 7000 } };\n");
    git(dir, "add", "app/config.js");
    const run = portguard(dir, ["check", "--staged", "--format", "json"]);
    expect(errors(run)).toEqual(["PG401 app/config.js"]);
    write(
      dir,
      "app/config.js",
      "module.exports = { db: { host: 'localhost', port: Number(process.env.DB_PORT ?? 7000) } };\n",
    );
    git(dir, "add", "app/config.js");
    expect(portguard(dir, ["check", "--staged"]).status).toBe(0);
  });

  it("honours GIT_INDEX_FILE, as git sets it for `git commit -a` and `git commit <path>`", () => {
    const dir = repo({ "compose.yaml": GOOD });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    write(dir, "compose.yaml", BAD);
    // A separate index holding the bad content, like the temporary index of `git commit -a`.
    const env = { GIT_INDEX_FILE: `${dir}/.git/other-index` };
    gitWithEnv(dir, env, "read-tree", "HEAD");
    expect(portguard(dir, ["check", "--staged"], env).status).toBe(0);
    gitWithEnv(dir, env, "add", "compose.yaml");
    expect(portguard(dir, ["check", "--staged"], env).status).toBe(1);
    // The normal index still holds the committed, clean content.
    expect(portguard(dir, ["check", "--staged"]).status).toBe(0);
  });

  it("--changed-since reports the files changed since the merge base", () => {
    const dir = repo({ "a/compose.yaml": BAD });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    git(dir, "checkout", "-q", "-b", "feature");
    write(dir, "b/compose.yaml", BAD.replace("  db:", "  db2:").replace("5432:6379", "5433:6379"));
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "second");
    const run = portguard(dir, ["check", "--format", "json", "--changed-since", "main"]);
    expect([...new Set(rules(run).map((r) => r.split(" ")[1]))]).toEqual(["b/compose.yaml"]);
    expect(portguard(dir, ["check", "--changed-since", "nope"]).status).toBe(2);
  });
});

describe("git ls-files -s -o --exclude-standard -z", () => {
  it("index entries (paths with spaces and tabs, conflict stages) and untracked files", () => {
    const oid = "587be6b4c3f93f93c489c0111bba5596147a26cb";
    const other = "0000000000000000000000000000000000000001";
    const output = [
      `100644 ${oid} 0\tmy stack/compose.yaml`,
      `120000 ${oid} 0\ta\tlink`,
      `100644 ${oid} 1\tconflicted.yml`,
      `100644 ${other} 2\tconflicted.yml`,
      "notes/todo.txt",
      "",
    ].join("\0");
    const { index, untracked } = parseListing(output);
    expect([...index]).toEqual([
      ["my stack/compose.yaml", { mode: "100644", oid }],
      ["a\tlink", { mode: "120000", oid }],
      ["conflicted.yml", { mode: "100644", oid }],
    ]);
    expect(untracked).toEqual(["notes/todo.txt"]);
  });
});
