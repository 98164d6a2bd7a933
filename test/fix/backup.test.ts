/**
 * fix keeps what it replaces, and `fix --rollback` gives it back: real files, real git repositories,
 * the checksums checked by sha256sum itself where it exists.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project } from "../support/cli.js";
import { git, repo } from "../support/git.js";
import { cliInProcess } from "../support/in-process.js";

const COMPOSE = [
  "services:",
  "  db:",
  "    image: postgres:16",
  "    ports:",
  '      - "5432:5432"',
  "    volumes:",
  "      - db-data:/var/lib/postgresql/data",
  "volumes:",
  "  db-data:",
  "    name: data-db",
  "",
].join("\n");
const ENV = "# local settings\nPOSTGRES_PASSWORD=s3cret\n";

interface Manifest {
  id: string;
  command: string;
  commit: string | null;
  files: { path: string; before: { sha256: string } | null; after: { sha256: string }; source: string | null }[];
  moves: { service: string; from: number; to: number }[];
  rolledBack: string | null;
}

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function backups(dir: string): { id: string; manifest: Manifest }[] {
  const root = join(dir, ".portguard/backups");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .map((id) => ({ id, manifest: JSON.parse(readFileSync(join(root, id, "manifest.json"), "utf8")) as Manifest }));
}

function snapshot(dir: string, paths: string[]): Record<string, string | null> {
  return Object.fromEntries(
    paths.map((p) => [p, existsSync(join(dir, p)) ? readFileSync(join(dir, p), "utf8") : null]),
  );
}

describe("fix backups", () => {
  it("outside git: every rewritten file copied first, with SHA-256 checksums; rollback restores byte for byte", async () => {
    // A BOM, CRLF endings and a secret: all must come back exactly.
    const compose = `\ufeff${COMPOSE.replace(/\n/g, "\r\n")}`;
    const dir = project({ "compose.yaml": compose, ".env": ENV });
    const before = snapshot(dir, ["compose.yaml", ".env", ".env.example"]);
    const run = await cliInProcess(["fix"], dir);
    expect(run.status, run.stderr).toBe(0);
    const [backup] = backups(dir);
    expect(backup).toBeDefined();
    const { id, manifest } = backup!;
    expect(id).toMatch(/^\d{8}T\d{6}Z$/);
    expect(run.stdout).toContain(
      `Backup ${id}: 2 file(s) copied to .portguard/backups/${id} (SHA-256 checksums in manifest.json).\nUndo: portguard fix --rollback ${id}\n`,
    );
    expect(manifest.files.map((f) => [f.path, f.source])).toEqual([
      [".env", "copy"],
      ["compose.yaml", "copy"],
    ]);
    expect(manifest.files.find((f) => f.path === "compose.yaml")?.before?.sha256).toBe(sha(Buffer.from(compose)));
    expect(manifest.files.find((f) => f.path === "compose.yaml")?.after.sha256).toBe(
      sha(readFileSync(join(dir, "compose.yaml"))),
    );
    expect(manifest.moves).toMatchObject([{ service: "db", from: 5432, to: 7000 }]);
    const copies = join(dir, ".portguard/backups", id, "files");
    expect(readFileSync(join(copies, "compose.yaml"), "utf8")).toBe(compose);
    expect(readFileSync(join(copies, ".env"), "utf8")).toBe(ENV);
    if (spawnSync("sha256sum", ["--version"]).status === 0) {
      const check = spawnSync("sha256sum", ["-c", "../SHA256SUMS"], { cwd: copies, encoding: "utf8" });
      expect(check.stdout.split("\n").filter(Boolean).sort()).toEqual([".env: OK", "compose.yaml: OK"]);
      expect(check.status).toBe(0);
    }
    expect(readFileSync(join(dir, ".portguard/.gitignore"), "utf8")).toBe("*\n");

    // The backups are not part of the project: check and a second fix do not see them.
    expect((await cliInProcess(["fix"], dir)).stdout).toMatch(/^Nothing to fix\./);
    expect(backups(dir)).toHaveLength(1);

    const undo = await cliInProcess(["fix", "--rollback"], dir);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(new RegExp(`^Rolled back ${id} \\(fix, \\d{4}-\\d\\d-\\d\\dT`));
    expect(undo.stdout).toContain("  restored .env\n  restored compose.yaml\n");
    expect(snapshot(dir, ["compose.yaml", ".env", ".env.example"])).toEqual(before);
    expect(readFileSync(join(dir, "compose.yaml")).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(backups(dir)[0]?.manifest.rolledBack).toMatch(/^\d{4}-/);

    // Again: nothing left to roll back; by id: already restored.
    const none = await cliInProcess(["fix", "--rollback"], dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(
      `no backup to roll back in .portguard/backups (all rolled back: ${id} (rolled back))`,
    );
    const byId = await cliInProcess(["fix", "--rollback", id], dir);
    expect(byId.status).toBe(0);
    expect(byId.stdout).toContain("already as they were before fix; nothing to do");
  });

  it("refuses to roll back files edited since fix wrote them, and a damaged backup; writes nothing", async () => {
    const dir = project({ "compose.yaml": COMPOSE, ".env": ENV });
    await cliInProcess(["fix"], dir);
    const id = backups(dir)[0]?.id as string;
    const fixed = readFileSync(join(dir, "compose.yaml"), "utf8");
    writeFileSync(join(dir, "compose.yaml"), `${fixed}# edited by hand\n`);
    const envAfter = readFileSync(join(dir, ".env"), "utf8");
    const refused = await cliInProcess(["fix", "--rollback", id], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `portguard: not rolling back ${id}: these files changed since fix wrote them: compose.yaml (restore by hand from .portguard/backups/${id}, or commit your changes first)\n`,
    );
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(envAfter);

    writeFileSync(join(dir, "compose.yaml"), fixed);
    writeFileSync(join(dir, ".portguard/backups", id, "files/.env"), "tampered\n");
    const damaged = await cliInProcess(["fix", "--rollback", id], dir);
    expect(damaged.status).toBe(2);
    expect(damaged.stderr).toContain(
      `the previous version of .env (.portguard/backups/${id}/files/.env) is missing or damaged`,
    );
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(fixed);

    // A copy replaced by a link to a file outside the project, even one with the right content, is not read.
    const outside = join(project({ "env.txt": ENV }), "env.txt");
    rmSync(join(dir, ".portguard/backups", id, "files/.env"));
    symlinkSync(outside, join(dir, ".portguard/backups", id, "files/.env"));
    const linked = await cliInProcess(["fix", "--rollback", id], dir);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain(`the previous version of .env (.portguard/backups/${id}/files/.env) is missing`);
    expect(readFileSync(join(dir, "compose.yaml"), "utf8")).toBe(fixed);
  });

  it("in a clean git tree the commit is the backup (nothing copied), and rollback restores from it", async () => {
    const dir = repo({ "compose.yaml": COMPOSE, ".gitignore": ".env\n" });
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "stack");
    const head = git(dir, "rev-parse", "HEAD").trim();
    const run = await cliInProcess(["fix"], dir);
    expect(run.status, run.stderr).toBe(0);
    const [{ id, manifest }] = backups(dir) as [{ id: string; manifest: Manifest }];
    expect(run.stdout).toContain(
      `Backup ${id}: the git tree is clean: commit ${head.slice(0, 12)} is the backup (manifest in .portguard/backups/${id}).`,
    );
    expect(manifest.commit).toBe(head);
    expect(manifest.files.map((f) => [f.path, f.source])).toEqual([
      [".env.example", null],
      ["compose.yaml", "git"],
    ]);
    expect(existsSync(join(dir, ".portguard/backups", id, "files"))).toBe(false);
    // The backups stay out of git's way.
    expect(git(dir, "status", "--porcelain")).toBe(" M compose.yaml\n?? .env.example\n");
    const undo = await cliInProcess(["fix", "--rollback", id], dir);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toContain("  restored compose.yaml\n  removed  .env.example (fix had created it)\n");
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("git cannot give back an ignored .env or an uncommitted change (--force): those are copied", async () => {
    const dir = repo({ "compose.yaml": COMPOSE, "other/compose.yaml": COMPOSE, ".gitignore": ".env\n" });
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "stack");
    writeFileSync(join(dir, ".env"), `${ENV}DB_PORT=5432\n`);
    writeFileSync(join(dir, "other/compose.yaml"), `${COMPOSE}# uncommitted\n`);
    expect((await cliInProcess(["fix"], dir)).status).toBe(2);
    const run = await cliInProcess(["fix", "--force"], dir);
    expect(run.status, run.stderr).toBe(0);
    const [{ id, manifest }] = backups(dir) as [{ id: string; manifest: Manifest }];
    expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.source]))).toEqual({
      ".env": "copy",
      // .env is git-ignored: fix declares the moved variable in the committed stand-in it creates.
      ".env.example": null,
      "compose.yaml": "git",
      "other/compose.yaml": "copy",
    });
    expect(run.stdout).toContain(
      `Backup ${id}: 2 file(s) copied to .portguard/backups/${id} (SHA-256 checksums in manifest.json); 1 file(s) unchanged since commit`,
    );
    const undo = await cliInProcess(["fix", "--rollback", id], dir);
    expect(undo.status, undo.stderr).toBe(0);
    expect(readFileSync(join(dir, ".env"), "utf8")).toBe(`${ENV}DB_PORT=5432\n`);
    expect(readFileSync(join(dir, "other/compose.yaml"), "utf8")).toBe(`${COMPOSE}# uncommitted\n`);
    expect(git(dir, "status", "--porcelain")).toBe(" M other/compose.yaml\n");
  });

  it("usage errors: a bad id, --rollback with paths, an unknown backup", async () => {
    const dir = project({ "compose.yaml": COMPOSE });
    expect((await cliInProcess(["fix", "--rollback=yesterday"], dir)).status).toBe(2);
    expect((await cliInProcess(["fix", "--rollback", "compose.yaml"], dir)).status).toBe(2);
    const unknown = await cliInProcess(["fix", "--rollback", "20200101T000000Z"], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("no backup 20200101T000000Z in .portguard/backups");
  });
});
