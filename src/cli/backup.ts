/**
 * What `fix` (and `preflight --apply`) replace is kept before it is written: a timestamped folder
 * under `.portguard/backups/` with a manifest of SHA-256 checksums. A file git can give back (tracked
 * and unchanged since the last commit) is not copied: the commit is its backup, and the manifest
 * says which. `fix --rollback [ID]` restores a backup after checking that every file is still the
 * one that was written. Every file is read and written as the other writes are (src/cli/write.ts):
 * inside the project, never through a symbolic link.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { PortMove } from "../core/fix.js";
import { VERSION } from "../version.js";
import { UsageError } from "./config.js";
import { projectPath, readProjectFile, writeProjectFile } from "./write.js";

/** Project-relative folder of the backups (skipped by the project walk; ignored by git through its own .gitignore). */
export const BACKUP_DIR = ".portguard/backups";

export interface BackupFile {
  path: string;
  /** null: the file did not exist (it was created, and a rollback removes it). */
  before: { sha256: string; size: number } | null;
  after: { sha256: string; size: number };
  /** Where the previous version is kept: a copy in the backup folder, or the commit. */
  source: "copy" | "git" | null;
}

export interface Manifest {
  version: 1;
  id: string;
  created: string;
  tool: { name: "portguard"; version: string };
  /** The command that wrote the files (`fix`, `preflight --apply`). */
  command: string;
  /** The commit holding the files whose `source` is "git". */
  commit: string | null;
  files: BackupFile[];
  /** Ports the run moved: `fix` lists (and `--clients` rewrites) what still reaches the old ones. */
  moves: PortMove[];
  /** When the backup was restored. */
  rolledBack: string | null;
}

export interface FileWrite {
  path: string;
  before: string | null;
  after: string;
}

export interface BackupRecord {
  manifest: Manifest;
  /** Project-relative folder of this backup. */
  dir: string;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function digest(text: string): { sha256: string; size: number } {
  return { sha256: sha256(text), size: Buffer.byteLength(text) };
}

function git(root: string, args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync("git", args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? "" };
}

/**
 * The files among `paths` that git can give back as they are now: tracked, and the same in the
 * working tree, the index and HEAD. Also HEAD's commit; nothing outside a git repository.
 */
function committedFiles(root: string, paths: string[]): { commit: string | null; clean: Set<string> } {
  const head = git(root, ["rev-parse", "--verify", "-q", "HEAD"]);
  if (head.status !== 0 || paths.length === 0) return { commit: null, clean: new Set() };
  const prefix = git(root, ["rev-parse", "--show-prefix"]).stdout.trim();
  const strip = (p: string) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p);
  const tracked = new Set(
    git(root, ["ls-files", "-z", "--", ...paths])
      .stdout.split("\0")
      .filter(Boolean)
      .map(strip),
  );
  const status = git(root, ["status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=all", "--", ...paths]);
  const changed = new Set<string>();
  const records = status.stdout.split("\0");
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as string;
    if (rec.length < 4) continue;
    if (rec[0] === "R" || rec[0] === "C") i++;
    changed.add(strip(rec.slice(3)));
  }
  return { commit: head.stdout.trim(), clean: new Set(paths.filter((p) => tracked.has(p) && !changed.has(p))) };
}

/** A file as the commit holds it, checked out (git's filters and line endings applied); null when it cannot be had. */
function committedText(root: string, commit: string, path: string): string | null {
  const shown = git(root, ["cat-file", "--filters", `${commit}:./${path}`]);
  return shown.status === 0 ? shown.stdout : null;
}

/** A folder name that sorts by time: 20261201T201503Z, with -2, -3... when taken. */
function newId(root: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  let id = stamp;
  for (let n = 2; existsSync(join(root, BACKUP_DIR, id)); n++) id = `${stamp}-${n}`;
  return id;
}

/**
 * Keeps the previous version of every file about to be written, before anything is written. Each
 * copy is read back and checked against the text the plan was made from; a file that changed since
 * (someone else writing) stops the run before any project file is touched.
 */
export function createBackup(
  root: string,
  writes: FileWrite[],
  meta: { command: string; moves: PortMove[]; now?: Date },
): BackupRecord {
  const now = meta.now ?? new Date();
  const id = newId(root, now);
  const dir = `${BACKUP_DIR}/${id}`;
  const existing = writes.filter((w) => w.before !== null).map((w) => w.path);
  const { commit, clean } = committedFiles(root, existing);
  if (!existsSync(join(root, ".portguard/.gitignore"))) writeProjectFile(root, ".portguard/.gitignore", "*\n");
  const files: BackupFile[] = [];
  const sums: string[] = [];
  for (const w of writes) {
    const file: BackupFile = { path: w.path, before: null, after: digest(w.after), source: null };
    files.push(file);
    if (w.before === null) continue;
    const raw = readFileSync(projectPath(root, w.path));
    // The plan was made from the decoded text (a BOM dropped): the file must still read as it.
    if (new TextDecoder("utf-8").decode(raw) !== w.before) {
      throw new UsageError(`${w.path} changed while portguard was planning: nothing written, run it again`);
    }
    const original = raw.toString("utf8");
    if (!Buffer.from(original, "utf8").equals(raw))
      throw new UsageError(`${w.path} is not UTF-8 text: nothing written`);
    file.before = { sha256: sha256(raw), size: raw.length };
    if (clean.has(w.path) && commit && sha256(committedText(root, commit, w.path) ?? "") === file.before.sha256) {
      file.source = "git";
      continue;
    }
    file.source = "copy";
    writeProjectFile(root, `${dir}/files/${w.path}`, original);
    if (sha256(readProjectFile(root, `${dir}/files/${w.path}`) ?? "") !== file.before.sha256) {
      throw new UsageError(`the backup of ${w.path} does not read back as written: nothing written`);
    }
    sums.push(`${file.before.sha256}  ${w.path}`);
  }
  const manifest: Manifest = {
    version: 1,
    id,
    created: now.toISOString(),
    tool: { name: "portguard", version: VERSION },
    command: meta.command,
    commit: files.some((f) => f.source === "git") ? commit : null,
    files,
    moves: meta.moves,
    rolledBack: null,
  };
  // `cd <dir>/files && sha256sum -c ../SHA256SUMS` checks the copies without portguard.
  if (sums.length > 0) writeProjectFile(root, `${dir}/SHA256SUMS`, `${sums.join("\n")}\n`);
  writeProjectFile(root, `${dir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, dir };
}

/** How the previous versions are kept, in one sentence for the output. */
export function describeBackup(record: BackupRecord): string {
  const { manifest, dir } = record;
  const copied = manifest.files.filter((f) => f.source === "copy").length;
  const committed = manifest.files.filter((f) => f.source === "git").length;
  const commit = manifest.commit?.slice(0, 12);
  const parts: string[] = [];
  if (copied > 0) parts.push(`${copied} file(s) copied to ${dir} (SHA-256 checksums in manifest.json)`);
  if (committed > 0 && copied === 0) {
    parts.push(`the git tree is clean: commit ${commit} is the backup (manifest in ${dir})`);
  } else if (committed > 0) {
    parts.push(`${committed} file(s) unchanged since commit ${commit}, which is their backup`);
  }
  if (parts.length === 0) parts.push(`only new files (manifest in ${dir})`);
  return `Backup ${manifest.id}: ${parts.join("; ")}.\nUndo: portguard fix --rollback ${manifest.id}\n`;
}

function readManifest(root: string, id: string): Manifest | null {
  try {
    const manifest = JSON.parse(readProjectFile(root, `${BACKUP_DIR}/${id}/manifest.json`) ?? "") as Manifest;
    return manifest.version === 1 && manifest.id === id && Array.isArray(manifest.files) ? manifest : null;
  } catch {
    return null;
  }
}

/** Every readable backup of the project, oldest first. */
export function listBackups(root: string): BackupRecord[] {
  let ids: string[];
  try {
    ids = readdirSync(join(root, BACKUP_DIR)).sort();
  } catch {
    return [];
  }
  return ids.flatMap((id) => {
    const manifest = readManifest(root, id);
    return manifest ? [{ manifest, dir: `${BACKUP_DIR}/${id}` }] : [];
  });
}

/** The previous version of a file, from its copy or its commit, checked against the manifest. */
function previousVersion(root: string, record: BackupRecord, file: BackupFile): string {
  let text: string | null = null;
  if (file.source === "copy") {
    try {
      text = readProjectFile(root, `${record.dir}/files/${file.path}`);
    } catch {
      text = null;
    }
  } else if (file.source === "git" && record.manifest.commit) {
    text = committedText(root, record.manifest.commit, file.path);
  }
  if (text === null || sha256(text) !== file.before?.sha256) {
    const where = file.source === "copy" ? `${record.dir}/files/${file.path}` : `commit ${record.manifest.commit}`;
    throw new UsageError(`cannot roll back: the previous version of ${file.path} (${where}) is missing or damaged`);
  }
  return text;
}

export interface RollbackResult {
  record: BackupRecord;
  restored: string[];
  removed: string[];
  /** Already as before: nothing was written. */
  alreadyRestored: boolean;
}

/**
 * Restores backup `id` (default: the latest one not rolled back yet). Refuses, writing nothing,
 * when a file is no longer the one that was written (edited since, or written again).
 */
export function rollback(root: string, id: string | null): RollbackResult {
  const backups = listBackups(root);
  const record =
    id === null
      ? [...backups].reverse().find((b) => b.manifest.rolledBack === null)
      : backups.find((b) => b.manifest.id === id);
  if (!record) {
    const known = backups.map((b) => `${b.manifest.id}${b.manifest.rolledBack ? " (rolled back)" : ""}`);
    throw new UsageError(
      id === null
        ? `no backup to roll back in ${BACKUP_DIR}${known.length > 0 ? ` (all rolled back: ${known.join(", ")})` : ""}`
        : `no backup ${id} in ${BACKUP_DIR}${known.length > 0 ? ` (there are: ${known.join(", ")})` : ""}`,
    );
  }
  const current = (path: string): string | null => {
    try {
      return sha256(readFileSync(projectPath(root, path)));
    } catch {
      return null;
    }
  };
  const now = record.manifest.files.map((f) => ({ file: f, sha: current(f.path) }));
  if (now.every(({ file, sha }) => sha === (file.before?.sha256 ?? null))) {
    return { record, restored: [], removed: [], alreadyRestored: true };
  }
  const changed = now.filter(({ file, sha }) => sha !== file.after.sha256);
  if (changed.length > 0) {
    throw new UsageError(
      `not rolling back ${record.manifest.id}: these files changed since ${record.manifest.command} wrote them: ${changed
        .map(({ file, sha }) => `${file.path}${sha === null ? " (missing)" : ""}`)
        .join(", ")} (restore by hand from ${record.dir}, or commit your changes first)`,
    );
  }
  // Every previous version is read and checked before the first file is written.
  const previous = record.manifest.files.map((f) => ({
    file: f,
    text: f.before ? previousVersion(root, record, f) : null,
  }));
  const restored: string[] = [];
  const removed: string[] = [];
  for (const { file, text } of previous) {
    if (text === null) {
      rmSync(projectPath(root, file.path), { force: true });
      removed.push(file.path);
    } else {
      writeProjectFile(root, file.path, text);
      restored.push(file.path);
    }
  }
  const manifest: Manifest = { ...record.manifest, rolledBack: new Date().toISOString() };
  writeProjectFile(root, `${record.dir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return { record: { ...record, manifest }, restored, removed, alreadyRestored: false };
}
