#!/usr/bin/env node
// The release: one commit on top of the tested main holding only what users run (the Action, the npm
// package, the pre-commit hook), tagged vX.Y.Z, with the Action's major tag vX moved to it.
//
//   node scripts/release.mjs manifest     print the package.json that is published (no scripts, no dependencies)
//   node scripts/release.mjs commit       create the release commit and the tags here (the release workflow pushes them)
//   node scripts/release.mjs dry-run      the same in a temporary clone, then `npm publish --dry-run` from the release tree
//
// Why a release commit: the pre-commit framework runs `npm install --include=dev` in its clone of the
// tagged commit; with the development tree's devDependencies that would download the whole toolchain.
// The release tree's package.json has nothing to install, so the hook installs offline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Paths of the release tree: a folder (trailing slash) or a file. */
export const RELEASE_PATHS = [
  "action.yml",
  ".pre-commit-hooks.yaml",
  "package.json",
  "README.md",
  "LICENSE",
  "dist/",
  "schema/",
  "docs/rules/",
];
const MANIFEST_KEYS = [
  "name",
  "version",
  "description",
  "license",
  "repository",
  "homepage",
  "bugs",
  "type",
  "bin",
  "main",
  "types",
  "exports",
  "files",
  "engines",
  "keywords",
];

/** The published package.json: the development one without scripts, dependencies and tool configs. */
export function releaseManifest(pkg) {
  const out = {};
  for (const key of MANIFEST_KEYS) if (pkg[key] !== undefined) out[key] = pkg[key];
  return out;
}

function git(cwd, args, options = {}) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], ...options });
}

const inRelease = (path) => RELEASE_PATHS.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p));

/** Creates the release commit on top of HEAD in `repo` and tags it; returns what it made. */
export function releaseCommit(repo) {
  const pkg = JSON.parse(git(repo, ["show", "HEAD:package.json"]));
  const version = pkg.version;
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json version ${version} is not X.Y.Z`);
  const tag = `v${version}`;
  const major = `v${version.split(".")[0]}`;
  if (git(repo, ["tag", "--list", tag]).trim()) throw new Error(`tag ${tag} exists already: bump the version first`);

  const manifest = `${JSON.stringify(releaseManifest(pkg), null, 2)}\n`;
  const manifestBlob = git(repo, ["hash-object", "-w", "--stdin"], { input: manifest }).trim();
  const entries = git(repo, ["ls-tree", "-r", "-z", "--full-tree", "HEAD"])
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode, type, oid] = line.slice(0, tab).split(" ");
      return { mode, type, oid, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === "blob" && inRelease(e.path))
    .map((e) => (e.path === "package.json" ? { ...e, oid: manifestBlob } : e));
  const index = join(mkdtempSync(join(tmpdir(), "portguard-release-index-")), "index");
  try {
    const env = { ...process.env, GIT_INDEX_FILE: index };
    git(repo, ["update-index", "--add", "--index-info"], {
      env,
      input: entries.map((e) => `${e.mode} ${e.oid}\t${e.path}`).join("\n"),
    });
    const tree = git(repo, ["write-tree"], { env }).trim();
    const commit = git(repo, ["commit-tree", tree, "-p", "HEAD", "-m", `portguard ${tag}`], {
      input: "",
    }).trim();
    git(repo, ["tag", tag, commit]);
    git(repo, ["tag", "-f", major, commit]);
    return { version, tag, major, commit, files: entries.map((e) => e.path) };
  } finally {
    rmSync(dirname(index), { recursive: true, force: true });
  }
}

/** The release in a temporary clone, then `npm publish --dry-run` from its tree; throws on a problem. */
export function dryRun(repo) {
  const work = mkdtempSync(join(tmpdir(), "portguard-release-"));
  try {
    const clone = join(work, "clone");
    git(work, ["clone", "-q", "--no-hardlinks", repo, clone]);
    git(clone, ["checkout", "-q", "--detach", git(repo, ["rev-parse", "HEAD"]).trim()]);
    for (const [key, value] of [
      ["user.name", "portguard release"],
      ["user.email", "release@portguard.invalid"],
      ["commit.gpgsign", "false"],
    ]) {
      git(clone, ["config", key, value]);
    }
    const made = releaseCommit(clone);
    const tree = join(work, "tree");
    git(clone, ["worktree", "add", "-q", "--detach", tree, made.commit]);
    const problems = [];
    const manifest = JSON.parse(readFileSync(join(tree, "package.json"), "utf8"));
    for (const key of ["dependencies", "devDependencies", "scripts", "optionalDependencies", "peerDependencies"]) {
      if (manifest[key]) problems.push(`package.json of the release has ${key}`);
    }
    const action = readFileSync(join(tree, "action.yml"), "utf8");
    const main = /^\s+main:\s*(\S+)/m.exec(action)?.[1];
    if (!main || !made.files.includes(main)) problems.push(`action.yml runs ${main}, which the release tree lacks`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: tree, encoding: "utf8" }),
    )[0];
    const published = packed.files.map((f) => f.path);
    for (const needed of [manifest.bin.portguard, manifest.main, manifest.types, "README.md", "LICENSE"]) {
      if (!published.includes(needed.replace(/^\.\//, ""))) problems.push(`the npm package lacks ${needed}`);
    }
    for (const path of published) {
      if (path.startsWith("dist/action/")) problems.push(`the npm package carries the Action's bundle: ${path}`);
    }
    const publish = execFileSync(npm, ["publish", "--dry-run", "--ignore-scripts"], {
      cwd: tree,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (!publish.includes(`${manifest.name}@${manifest.version}`)) problems.push("npm publish --dry-run said nothing");
    if (problems.length > 0) throw new Error(`release dry run failed:\n  ${problems.join("\n  ")}`);
    return { ...made, published, unpackedSize: packed.unpackedSize, size: packed.size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = process.argv[2];
  try {
    if (command === "manifest") {
      process.stdout.write(
        `${JSON.stringify(releaseManifest(JSON.parse(readFileSync(join(root, "package.json"), "utf8"))), null, 2)}\n`,
      );
    } else if (command === "commit") {
      const made = releaseCommit(root);
      process.stdout.write(`release commit ${made.commit}: tagged ${made.tag}, moved ${made.major}\n`);
    } else if (command === "dry-run") {
      const made = dryRun(root);
      process.stdout.write(
        `release dry run: would publish portguard@${made.version} (${made.published.length} files, ${(made.size / 1024).toFixed(0)} kB packed, ${(made.unpackedSize / 1024).toFixed(0)} kB unpacked) and push ${made.tag} and ${made.major} (release tree: ${made.files.length} files)\n`,
      );
    } else {
      process.stderr.write("usage: node scripts/release.mjs manifest|commit|dry-run\n");
      process.exitCode = 2;
    }
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
