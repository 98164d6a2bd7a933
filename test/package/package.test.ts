/**
 * The package as users get it: self-contained bundles, a manifest with nothing to install or run,
 * `npm pack` in a fresh clone, the release commit and its dry run, the release workflow.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { project } from "../support/cli.js";
import { projectRoot } from "../support/shared.js";

const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** A clone of this repository's HEAD (committed content, as CI and users see it). */
function freshClone(): string {
  const dir = join(project({}), "portguard");
  execFileSync("git", ["clone", "-q", "--no-hardlinks", projectRoot, dir]);
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: projectRoot, encoding: "utf8" }).trim();
  execFileSync("git", ["checkout", "-q", "--detach", head], { cwd: dir });
  return dir;
}

describe("the package", () => {
  it("has no runtime dependencies: every bundle loads only Node's own modules", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    for (const bundle of ["dist/cli/index.js", "dist/lib/index.js", "dist/action/index.js"]) {
      const text = readFileSync(join(projectRoot, bundle), "utf8");
      const external = [
        ...text.matchAll(/createRequire\(import\.meta\.url\)\("([^"]+)"\)/g),
        ...text.matchAll(/^import .* from "([^"]+)";?$/gm),
      ].map((m) => m[1] as string);
      expect(external.length, bundle).toBeGreaterThan(0);
      expect(
        external.filter((m) => !BUILTINS.has(m)),
        bundle,
      ).toEqual([]);
    }
  });

  it("runs nothing on install or pack; contributors get their hooks from the root-only `dependencies` script", () => {
    const scripts = Object.keys(pkg.scripts);
    for (const lifecycle of ["preinstall", "install", "postinstall", "prepare", "prepack", "postpack", "prepublish"]) {
      expect(scripts, lifecycle).not.toContain(lifecycle);
    }
    // npm runs `dependencies` for the root project only, after npm ci / npm install changed node_modules.
    expect(pkg.scripts.dependencies).toBe("husky");
  });

  it("declares the Node versions it runs on, and the types it ships import nothing it does not ship", () => {
    expect(pkg.engines).toEqual({ node: ">=20" });
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        const spec = m[1] as string;
        expect(spec.startsWith("."), `${file} imports ${spec}`).toBe(true);
        visit(resolve(dirname(file), spec.replace(/\.js$/, ".d.ts")));
      }
    };
    expect(pkg.types).toBe(pkg.exports["."].types);
    visit(join(projectRoot, pkg.types));
    // The walk followed the imports: the library's entry reaches the report's types.
    expect([...seen].map((f) => f.slice(join(projectRoot, "dist/types/").length))).toEqual(
      expect.arrayContaining(["lib/index.d.ts", "core/types.d.ts", "core/policy/types.d.ts"]),
    );
  });

  it("npm pack in a fresh clone prints only the tarball name and packs only what users need", () => {
    const clone = freshClone();
    const r = spawnSync("npm", ["pack"], { cwd: clone, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`portguard-${pkg.version}.tgz\n`);
    const files = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: clone, encoding: "utf8" }))[0]
      .files as { path: string }[];
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["dist/cli/index.js", "dist/lib/index.js", "README.md", "LICENSE"]));
    expect(paths).toContain("schema/portguard.schema.json");
    expect(
      paths.filter(
        (p) => !/^(dist\/(cli|lib|types)\/|schema\/|docs\/rules\/|README\.md$|LICENSE$|package\.json$)/.test(p),
      ),
    ).toEqual([]);
  });

  it("the release dry run builds the release commit and publishes nothing", () => {
    const r = spawnSync(process.execPath, [join(projectRoot, "scripts/release.mjs"), "dry-run"], {
      cwd: projectRoot,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^release dry run: would publish portguard@${pkg.version.replace(/\./g, "\\.")} \\(\\d+ files`),
    );
    expect(r.stdout).toMatch(/push v\d+\.\d+\.\d+ and v\d+ /);
  });

  it("the release workflow tests, publishes with provenance and moves the major tag; CI runs its dry run", () => {
    const release = parse(readFileSync(join(projectRoot, ".github/workflows/release.yml"), "utf8"));
    const job = release.jobs.release;
    expect(job.permissions).toEqual({ contents: "write", "id-token": "write" });
    const runs = job.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    expect(runs).toMatch(/\.ci\/run/);
    expect(runs).toMatch(/node scripts\/release\.mjs dry-run/);
    expect(runs).toMatch(/node scripts\/release\.mjs commit/);
    expect(runs).toMatch(/npm publish --provenance/);
    expect(runs).toMatch(/git push --force origin "refs\/tags\/v\$\{version%%\.\*\}"/);
    const ci = parse(readFileSync(join(projectRoot, ".github/workflows/ci.yml"), "utf8"));
    expect(ci.jobs.test.steps.some((s: { run?: string }) => s.run === "node scripts/release.mjs dry-run")).toBe(true);
  });

  it("the release commit holds only what users run, with a manifest that installs nothing", async () => {
    const { releaseCommit, releaseManifest } = await import("../../scripts/release.mjs");
    const clone = freshClone();
    execFileSync("git", ["config", "user.name", "t"], { cwd: clone });
    execFileSync("git", ["config", "user.email", "t@example.com"], { cwd: clone });
    const made = releaseCommit(clone);
    expect(made.tag).toBe(`v${pkg.version}`);
    const tagged = (ref: string) =>
      execFileSync("git", ["rev-parse", `${ref}^{commit}`], { cwd: clone, encoding: "utf8" }).trim();
    expect(tagged(made.tag)).toBe(made.commit);
    expect(tagged(made.major)).toBe(made.commit);
    expect(made.files).toEqual(
      expect.arrayContaining(["action.yml", ".pre-commit-hooks.yaml", "dist/action/index.js"]),
    );
    expect(made.files.some((f: string) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);
    const manifest = JSON.parse(
      execFileSync("git", ["show", `${made.tag}:package.json`], { cwd: clone, encoding: "utf8" }),
    );
    expect(manifest).toEqual(releaseManifest(pkg));
    expect(Object.keys(manifest)).not.toEqual(expect.arrayContaining(["scripts"]));
    expect(existsSync(join(clone, "node_modules"))).toBe(false);
    // A second release of the same version is refused.
    expect(() => releaseCommit(clone)).toThrow(/exists already/);
  });
});
