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

// Recorded on issue 13's build; re-recorded after issues 11 and 16 changed what a report says on
// purpose: \`fixable\`, \`url\` and \`current\` in JSON, the grouped stylish view, and PG108 honouring a
// listen port named in a service's environment (13 warnings fewer at 20 files, \`PORT: "443"\`).
// Errors and infos are unchanged.
const JSON_REPORTS = [
  {
    files: 300,
    services: 2,
    summary: { errors: 753, warnings: 466, infos: 152, files: 300 },
    bytes: 810258,
    sha256: "00969c393a1c58c6ff65c6b938efda2b7b50de451ac10562a05c318b3995ad0c",
  },
  {
    files: 100,
    services: 20,
    summary: { errors: 2647, warnings: 1678, infos: 566, files: 100 },
    bytes: 2876675,
    sha256: "5540283bbeb5fb58e819fa251bb9d88d8975c78ec39b5127c85f16b984c37c90",
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
    expect(JSON.parse(json.stdout).summary).toEqual({ errors: 569, warnings: 360, infos: 121, files: 20 });
    expect(json.sha256).toBe("5d299539984fea943be1e0b314e5121e471924639c79110835399bf91416c0f4");
    const stylish = report(dir, []);
    expect(stylish.status).toBe(1);
    expect(stylish.sha256).toBe("d7a3d2ce3c0ff67d4f27426fb85fcf5cb56f92bf5f9e6be9f0c24d9422a2711b");
  });
});
