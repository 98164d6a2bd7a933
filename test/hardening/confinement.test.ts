/**
 * Issue 10: nothing written (or read) outside the project. Every write of init, fix, docs and the
 * Action resolves real paths and refuses to leave its root or follow a link out of it; fix keeps
 * mode and owner and refuses read-only and linked targets; temporary files never stay behind;
 * policy `extends` reads only project files and installed packages, and never quotes a refused file.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, project } from "../support/cli.js";
import { git, repo } from "../support/git.js";
import { action, cli } from "../support/hostile.js";

const BAD = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n';
const isRoot = process.getuid?.() === 0;

function outsideDir(): string {
  return mkdtempSync(join(tmpdir(), "portguard-outside-"));
}

/** Every file below `dir`, relative. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk("");
  return out.sort();
}

describe("init", () => {
  it("refuses a package.json that is a link out of the repository, and leaves its target alone", async () => {
    const outside = outsideDir();
    const target = join(outside, "package.json");
    writeFileSync(target, '{ "name": "elsewhere" }\n');
    const dir = repo({});
    symlinkSync(target, join(dir, "package.json"));
    const run = await cli(["init"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to read package\.json: it leads outside/);
    expect(readFileSync(target, "utf8")).toBe('{ "name": "elsewhere" }\n');
  });

  it("refuses a .husky/pre-commit linked outside instead of appending to it", async () => {
    const outside = outsideDir();
    const hook = join(outside, "hook");
    writeFileSync(hook, "echo hello\n");
    const dir = repo({ "package.json": '{ "name": "x" }\n' });
    mkdirSync(join(dir, ".husky"));
    symlinkSync(hook, join(dir, ".husky/pre-commit"));
    const run = await cli(["init"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.husky\/pre-commit: it leads outside/);
    expect(readFileSync(hook, "utf8")).toBe("echo hello\n");
  });

  it("does not write a git hook through a dangling link", async () => {
    const outside = outsideDir();
    const dir = repo({});
    symlinkSync(join(outside, "created-by-init"), join(dir, ".git/hooks/pre-commit"));
    const run = await cli(["init", "--git-hook"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/exists and was not written by portguard/);
    expect(existsSync(join(outside, "created-by-init"))).toBe(false);
  });
});

describe("fix and docs", () => {
  it("docs --output . is refused; nothing is created next to the project", async () => {
    const parent = outsideDir();
    const dir = join(parent, "project");
    mkdirSync(dir);
    writeFileSync(join(dir, "compose.yaml"), BAD);
    const run = await cli(["docs", "--output", "."], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to write \.: it is the folder itself/);
    expect(readdirSync(parent)).toEqual(["project"]);
  });

  it("fix refuses a linked compose file and keeps the link", async () => {
    const dir = project({ "stacks/real.yml": BAD });
    symlinkSync("stacks/real.yml", join(dir, "compose.yaml"));
    const run = await cli(["fix", "--force"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to write compose\.yaml: it is a symbolic link/);
    expect(lstatSync(join(dir, "compose.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "stacks/real.yml"), "utf8")).toBe(BAD);
  });

  it("docs refuses a linked docs file", async () => {
    const outside = outsideDir();
    writeFileSync(join(outside, "ports.md"), "# mine\n");
    const dir = project({ "compose.yaml": BAD, ".portguard.yml": "docs: PORTS.md\n" });
    symlinkSync(join(outside, "ports.md"), join(dir, "PORTS.md"));
    const run = await cli(["docs"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to write PORTS\.md: it is a symbolic link/);
    expect(readFileSync(join(outside, "ports.md"), "utf8")).toBe("# mine\n");
  });

  it("fix refuses a read-only compose file", async () => {
    const dir = project({ "compose.yaml": BAD });
    chmodSync(join(dir, "compose.yaml"), 0o444);
    const run = await cli(["fix", "--force"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/compose\.yaml is read-only: not changed/);
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(BAD);
  });

  it("fix keeps the mode of the files it changes", async () => {
    const dir = project({ "compose.yaml": BAD, ".env": "OTHER=1\n" });
    chmodSync(join(dir, "compose.yaml"), 0o664);
    chmodSync(join(dir, ".env"), 0o600);
    const run = await cli(["fix", "--force"], dir);
    expect(run.status, run.stderr).toBeLessThan(2);
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).not.toBe(BAD);
    expect(statSync(join(dir, "compose.yaml")).mode & 0o7777).toBe(0o664);
    expect(statSync(join(dir, ".env")).mode & 0o7777).toBe(0o600);
  });

  it.skipIf(!isRoot)("fix keeps the owner of the files it changes", async () => {
    const dir = project({ "compose.yaml": BAD });
    chownSync(join(dir, "compose.yaml"), 4321, 4322);
    const run = await cli(["fix", "--force"], dir);
    expect(run.status, run.stderr).toBeLessThan(2);
    const stat = statSync(join(dir, "compose.yaml"));
    expect([stat.uid, stat.gid]).toEqual([4321, 4322]);
  });

  it("a temporary file a killed run left is removed by the next fix", async () => {
    const dir = project({ "compose.yaml": BAD, "sub/compose.yaml": BAD });
    writeFileSync(join(dir, ".compose.yaml.portguard-999999.tmp"), "partial");
    writeFileSync(join(dir, "sub/.compose.yaml.portguard-999998-abc123.tmp"), "partial");
    const run = await cli(["fix", "--force"], dir);
    expect(run.status, run.stderr).toBeLessThan(2);
    expect(run.stdout).toMatch(/Removed 2 temporary file\(s\) an interrupted portguard run left/);
    expect(listing(dir).filter((f) => f.includes(".portguard-"))).toEqual([]);
  });

  it("a fix ended by SIGTERM leaves whole files and no temporary file", { timeout: 120_000 }, async () => {
    const services = Array.from(
      { length: 300 },
      (_, i) => `  s${i}:\n    image: redis:7\n    ports:\n      - "${9000 + i}:6379"\n`,
    );
    const compose = `services:\n${services.join("")}`;
    for (let attempt = 0; attempt < 10; attempt++) {
      const dir = project({ "compose.yaml": compose });
      const script = `"$0" "$1" fix --force >/dev/null & p=$!; sleep 0.${attempt}; kill -TERM $p; wait $p`;
      const child = spawnSync("sh", ["-c", script, process.execPath, CLI], { cwd: dir, encoding: "utf8" });
      expect(child.error).toBeUndefined();
      expect(listing(dir).filter((f) => f.includes(".portguard-"))).toEqual([]);
      const text = readFileSync(join(dir, "compose.yaml"), "utf8");
      expect(text === compose || text.includes("${S0_PORT:-")).toBe(true);
    }
  });
});

describe("policy files", () => {
  const shadow = () => {
    const outside = outsideDir();
    const file = join(outside, "shadow");
    writeFileSync(file, "root:$6$hashOfTheRootPasswordX:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n");
    return file;
  };

  it("extends of a file outside the project is refused, and its content never quoted", async () => {
    const file = shadow();
    const dir = project({ ".portguard.yml": `extends: ${file}\n`, "compose.yaml": BAD });
    const run = await cli(["check"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/extends: .*shadow is outside the project/);
    expect(run.stdout + run.stderr).not.toContain("hashOfTheRootPassword");
  });

  it("extends: /dev/zero does not hang", { timeout: 30_000 }, async () => {
    const dir = project({ ".portguard.yml": "extends: /dev/zero\n", "compose.yaml": BAD });
    const run = await cli(["check"], dir, { timeout: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/extends: \/dev\/zero is outside the project/);
  });

  it("extends through a link to a device, of a FIFO, or of a huge file inside the project is refused", async () => {
    const dir = project({ ".portguard.yml": "extends: ./zero.yml\n", "compose.yaml": BAD });
    symlinkSync("/dev/zero", join(dir, "zero.yml"));
    expect((await cli(["check"], dir, { timeout: 20_000 })).stderr).toMatch(/extends: \.\/zero\.yml is outside/);
    const fifo = project({ ".portguard.yml": "extends: ./fifo.yml\n", "compose.yaml": BAD });
    if (spawnSync("mkfifo", [join(fifo, "fifo.yml")]).status === 0) {
      const run = await cli(["check"], fifo, { timeout: 20_000 });
      expect(run.timedOut).toBe(false);
      expect(run.stderr).toMatch(/extends: \.\/fifo\.yml: not a regular file/);
    }
    const big = project({
      ".portguard.yml": "extends: ./big.yml\n",
      "big.yml": `x-pad: "${"a".repeat(2 * 1024 * 1024)}"\n`,
      "compose.yaml": BAD,
    });
    expect((await cli(["check"], big)).stderr).toMatch(/extends: \.\/big\.yml: larger than 1024 KiB/);
  });

  it("extends of an installed package and of a project file still work", async () => {
    const dir = project({
      ".portguard.yml": "extends: '@acme/ports'\n",
      "node_modules/@acme/ports/package.json": '{ "name": "@acme/ports", "main": "portguard.yml" }\n',
      "node_modules/@acme/ports/portguard.yml": "extends: ./base.yml\nrules:\n  PG102: off\n",
      "node_modules/@acme/ports/base.yml": "rules:\n  PG201: off\n",
      "compose.yaml": BAD,
    });
    const run = await cli(["check", "--format", "json"], dir);
    expect(run.stderr).toBe("");
    const rules = (JSON.parse(run.stdout).diagnostics as { rule: string }[]).map((d) => d.rule);
    expect(rules).not.toContain("PG102");
    expect(rules).not.toContain("PG201");
  });

  it("a discovered .portguard.yml that links out of the repository is not read", async () => {
    const file = shadow();
    const dir = repo({ "compose.yaml": BAD });
    symlinkSync(file, join(dir, ".portguard.yml"));
    const run = await cli(["check"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.portguard\.yml is a symbolic link to a file outside/);
    expect(run.stdout + run.stderr).not.toContain("hashOfTheRootPassword");
  });

  it("--config /dev/zero is refused at once", { timeout: 30_000 }, async () => {
    const dir = project({ "compose.yaml": BAD });
    const run = await cli(["check", "--config", "/dev/zero"], dir, { timeout: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toMatch(/config file \/dev\/zero: not a regular file/);
  });
});

describe("the Action", () => {
  function workspace() {
    const dir = repo({ "compose.yaml": BAD });
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "x");
    return dir;
  }

  it("sarif-file outside the workspace is refused (absolute, with .., or through a link)", async () => {
    const outside = outsideDir();
    for (const sarif of [join(outside, "a.sarif"), "../a.sarif", "out/a.sarif"]) {
      const dir = workspace();
      symlinkSync(outside, join(dir, "out"));
      const run = await action({ workspace: dir, inputs: { "sarif-file": sarif } });
      expect(run.status, sarif).toBe(1);
      expect(run.stdout, sarif).toMatch(
        /::error::portguard: (input sarif-file must be inside the workspace|refusing to write)/,
      );
      expect(readdirSync(outside), sarif).toEqual([]);
      expect(existsSync(join(dirname(dir), "a.sarif")), sarif).toBe(false);
    }
  });

  it("working-directory outside the workspace is refused", async () => {
    const other = project({ "compose.yaml": BAD });
    const dir = workspace();
    for (const wd of [other, "..", "link"]) {
      if (wd === "link" && !existsSync(join(dir, "link"))) symlinkSync(other, join(dir, "link"));
      const run = await action({ workspace: dir, inputs: { "working-directory": wd } });
      expect(run.status, wd).toBe(1);
      expect(run.stdout, wd).toMatch(/::error::portguard: input working-directory must be inside the workspace/);
    }
  });
});

describe("writes through the folders on the way", () => {
  it("a dangling link or a file where a folder should be is refused, nothing created", async () => {
    const outside = outsideDir();
    const dir = project({ "compose.yaml": BAD, ".portguard.yml": "docs: out/PORTS.md\n" });
    symlinkSync(join(outside, "gone"), join(dir, "out"));
    const run = await cli(["docs"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to write out\/PORTS\.md: a symbolic link on the way leads nowhere/);
    expect(readdirSync(outside)).toEqual([]);
    const blocked = project({ "compose.yaml": BAD, ".portguard.yml": "docs: notes/PORTS.md\n", notes: "a file\n" });
    const second = await cli(["docs"], blocked);
    expect(second.stderr).toMatch(/refusing to write notes\/PORTS\.md: a file is on the way/);
  });
});
