/**
 * Issue 13: performance work changes no finding. The bench's generator (a copy of
 * ../shared/bench/gen.mjs, deterministic) makes two corpora, and the CLI's reports must be, byte for
 * byte, the ones the build before that work printed (recorded here as SHA-256 and summaries).
 * 300 files of 2 services pass the generator's wrap-round of port blocks (file 275 on); 20 files of
 * 20 services hold many ports, conflicts and suggestions per file; the bench's own 100 files of 20
 * services make a report of more than 1 MB (written in slices).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

const generator = join(projectRoot, "test/fixtures/bench/gen.mjs");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function corpus(files: number, services: number): string {
  const dir = mkdtempSync(join(tmpdir(), "portguard-bench-corpus-"));
  dirs.push(dir);
  const argv = ["--out", dir, "--files", String(files), "--services", String(services), "--seed", "42", "--env"];
  execFileSync(process.execPath, [generator, ...argv], { stdio: "ignore" });
  return dir;
}

function report(dir: string, args: string[]): { status: number | null; stdout: string; sha256: string } {
  const r = spawnSync(process.execPath, [CLI, "check", ...args], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, stdout: r.stdout, sha256: createHash("sha256").update(r.stdout).digest("hex") };
}

const JSON_REPORTS = [
  {
    files: 300,
    services: 2,
    summary: { errors: 753, warnings: 477, infos: 152, files: 300 },
    bytes: 640893,
    sha256: "7e1271e1a69942ce33b4842ea9b2973c90d59aca23505a70ec5b3cc64855f958",
  },
  {
    files: 100,
    services: 20,
    summary: { errors: 2647, warnings: 1731, infos: 566, files: 100 },
    bytes: 2277332,
    sha256: "fb7c01cc9749ba3e122a6d24ad9914671fc5c8977ddbeb2a01b2ecb2a3afba79",
  },
];

describe("the bench corpora's reports are unchanged", () => {
  it.each(JSON_REPORTS)("$files files of $services services, JSON", (expected) => {
    const r = report(corpus(expected.files, expected.services), ["--format", "json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary).toEqual(expected.summary);
    expect(Buffer.byteLength(r.stdout)).toBe(expected.bytes);
    expect(r.sha256).toBe(expected.sha256);
  });

  it("20 files of 20 services, JSON and stylish", () => {
    const dir = corpus(20, 20);
    const json = report(dir, ["--format", "json"]);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).summary).toEqual({ errors: 569, warnings: 373, infos: 121, files: 20 });
    expect(json.sha256).toBe("ad8e31c34af4757eb5cf307117a2ccf5f2c14fd52487c81df119350db94a47f1");
    const stylish = report(dir, []);
    expect(stylish.status).toBe(1);
    expect(stylish.sha256).toBe("b97c2d39bf44622b0e10508f4c894a42f05631ff09dc6fd66974ac737f153213");
  });
});
