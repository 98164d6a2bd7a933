/** `portguard fix` and `portguard docs`: the commands that write files. */
import { spawnSync } from "node:child_process";
import { basename, isAbsolute, relative, resolve } from "node:path";
import { renderOccupancyTable, renderPortTable, updateDocs } from "../core/docs-table.js";
import { type EnvEntry, parseEnvFile } from "../core/dotenv.js";
import { isPortVariable, isValidPortValue } from "../core/env-ports.js";
import { redactEnvText } from "../core/env-redaction.js";
import { type FileChange, type FixPlan, planFixes } from "../core/fix.js";
import { colorDiff, unifiedDiff } from "../core/format/diff.js";
import { formatStylish } from "../core/format/index.js";
import { printable } from "../core/format/printable.js";
import { type LintRun, lintRun } from "../core/lint.js";
import { STAND_IN_SUFFIXES } from "../core/project.js";
import { RULE_IDS } from "../core/rules/index.js";
import type { SourceTree } from "../core/types.js";
import { setupProject, UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";
import { gitIgnored, withoutGitIgnored } from "./git-ignored.js";
import { projectPath, sweepStaleTemps, writeProjectFile } from "./write.js";

export interface WriteIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
}

/** A path given on the command line, relative to the project root; outside the project is refused. */
function toProjectRelative(root: string, cwd: string, path: string): string {
  const rel = relative(root, resolve(cwd, path)).split("\\").join("/");
  if (rel.startsWith("..") || isAbsolute(rel))
    throw new UsageError(`${printable(path)} is outside the project root ${printable(root)}`);
  return rel;
}

/** Files among `paths` that hold work git cannot give back: modified, staged, or untracked. */
function dirtyFiles(root: string, paths: string[]): string[] {
  if (paths.length === 0) return [];
  const r = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...paths], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) return []; // not a git repository: nothing git could restore either way
  const dirty: string[] = [];
  const records = r.stdout.split("\0");
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as string;
    if (rec.length < 4) continue;
    if (rec[0] === "R" || rec[0] === "C") i++;
    dirty.push(rec.slice(3));
  }
  const prefix = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd: root, encoding: "utf8" }).stdout.trim();
  return dirty.map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p));
}

function summarize(plan: FixPlan, io: WriteIo, dryRun: boolean): void {
  const files = plan.changes.length;
  const verb = dryRun ? "would change" : "changed";
  io.stdout(`\nportguard fix ${verb} ${files} file(s), fixing ${plan.fixed.length} finding(s).\n`);
  if (plan.moves.length > 0) {
    io.stdout("Moved ports (update the clients that used the old ones):\n");
    for (const m of plan.moves)
      io.stdout(
        `  ${printable(m.service)}: ${m.from ?? "random"} → ${m.to} (${m.variable}, ${printable(m.file)}:${m.line})\n`,
      );
    io.stdout(
      "Containers take their new ports when recreated (docker compose up -d); named volumes keep their data across that.\n",
    );
  }
}

/** Variables fix left alone, so that the "Left for you" findings on them make sense. */
function reportShared(plan: FixPlan, io: WriteIo): void {
  if (plan.shared.length === 0) return;
  io.stdout(
    "\nNot fixed: one env file would hold these variables for different ports (give each container its own variable, then run fix again):\n",
  );
  for (const v of plan.shared.slice(0, 10)) {
    const places = v.places.slice(0, 3).join(", ") + (v.places.length > 3 ? `, ... (${v.places.length} places)` : "");
    io.stdout(`  ${v.variable} in ${printable(v.envFile)}: ${printable(places)}\n`);
  }
  if (plan.shared.length > 10) io.stdout(`  ... and ${plan.shared.length - 10} more\n`);
}

/** Env files fix would not touch because they do not parse. */
function reportBroken(plan: FixPlan, io: WriteIo): void {
  for (const b of plan.broken) {
    io.stdout(
      `\nNot fixed: ${printable(b.path)} has a syntax error at ${b.line}:${b.column} (${b.message}; PG001). portguard fix changes no port that depends on it until it parses: correct that line, then run fix again.\n`,
    );
  }
}

/** Removes what an interrupted run left, and says so. */
function sweep(root: string, paths: readonly string[], io: WriteIo): void {
  const removed = sweepStaleTemps(root, paths);
  if (removed.length > 0) {
    io.stdout(
      `Removed ${removed.length} temporary file(s) an interrupted portguard run left: ${removed.map(printable).join(", ")}\n`,
    );
  }
}

/**
 * What the dry run shows of a file: an env file's values that are not a port variable's port are
 * hidden (they may be secrets); a file fix creates is all its own.
 */
function shownDiff(path: string, before: string | null, after: string, isEnv: boolean, keep: (e: EnvEntry) => boolean) {
  if (!isEnv || before === null) return unifiedDiff(path, before, after);
  return unifiedDiff(path, redactEnvText(before, keep), redactEnvText(after, keep));
}

/** `KEY=value` lines: a port variable's line (`export` allowed), to update in place. */
function setEnvLine(text: string, key: string, value: string): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const line = new RegExp(`^([ \\t]*(?:export[ \\t]+)?${key}[ \\t]*=[ \\t]*)[^\\r\\n]*$`, "m");
  if (line.test(text)) return text.replace(line, `$1${value}`);
  const sep = text === "" || text.endsWith("\n") ? "" : eol;
  return `${text}${sep}${key}=${value}${eol}`;
}

/**
 * When fix declares or moves port variables in a `.env` git ignores, the team never sees them:
 * the committed stand-in (`.env.example`, created when missing) gets the same lines.
 */
function withStandIns(
  root: string,
  tree: SourceTree,
  changes: FileChange[],
  isPortVariableName: (key: string) => boolean,
): FileChange[] {
  const envChanges = changes.filter((c) => /(^|\/)\.env$/.test(c.path));
  const ignored = gitIgnored(
    root,
    envChanges.map((c) => c.path),
  );
  const out = [...changes];
  for (const change of envChanges) {
    if (!ignored.has(change.path)) continue;
    const before = new Map(parseEnvFile(change.before ?? "").entries.map((e) => [e.key, e.value]));
    // Only what fix wrote: port variables, whose values are port numbers (never a secret).
    const written = parseEnvFile(change.after).entries.filter(
      (e) => isPortVariableName(e.key) && /^\d+$/.test(e.value) && before.get(e.key) !== e.value,
    );
    if (written.length === 0) continue;
    const candidates = STAND_IN_SUFFIXES.map((suffix) => `${change.path}${suffix}`);
    const planned = out.find((c) => candidates.includes(c.path));
    const existing = candidates.find((p) => tree.read(p).kind === "text");
    const path = planned?.path ?? existing ?? (candidates[0] as string);
    const read = tree.read(path);
    const start = planned ? planned.after : read.kind === "text" ? read.text : "";
    let text = start;
    for (const e of written) text = setEnvLine(text, e.key, e.value);
    if (text === start) continue;
    if (planned) planned.after = text;
    else out.push({ path, before: read.kind === "text" ? read.text : null, after: text });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function fixCommand(
  io: WriteIo,
  options: { dryRun: boolean; force: boolean; rules: string[]; paths: string[]; config: string | null },
): Promise<number> {
  const setup = setupProject(io.cwd, options.config);
  const rules = new Set<string>();
  for (const r of options.rules) {
    const id = RULE_IDS.get(r) ?? RULE_IDS.get(r.toUpperCase());
    if (!id) throw new UsageError(`--rule: unknown rule ${r}`);
    rules.add(id);
  }
  const tree = withoutGitIgnored(new WorkingTree(setup.root, setup.policy.files.ignore), setup);
  const narrowed = options.paths.map((p) => toProjectRelative(setup.root, io.cwd, p));
  const runs: LintRun[] = [];
  const lint = (t: SourceTree) => {
    const run = lintRun(t, setup.policy, { rootName: basename(setup.root) });
    runs.push(run);
    return run;
  };
  const plan = planFixes(tree, lint, {
    ...(rules.size > 0 ? { rules } : {}),
    ...(narrowed.length > 0 ? { files: (f: string) => narrowed.some((n) => f === n || f.startsWith(`${n}/`)) } : {}),
  });
  plan.changes = withStandIns(setup.root, tree, plan.changes, (key) =>
    runs.some((r) => isPortVariable(r.context, key)),
  );
  for (const change of plan.changes) projectPath(setup.root, change.path);
  if (!options.dryRun) sweep(setup.root, tree.paths, io);
  if (plan.changes.length === 0) {
    io.stdout("Nothing to fix.\n");
  } else if (options.dryRun) {
    const envFiles = new Set(runs.flatMap((r) => r.context.assembly.envFiles.map((e) => e.path)));
    const isEnv = (path: string) => envFiles.has(path) || /(^|\/)\.env(\.[^/]*)?$|\.env$/.test(path);
    const keep = (e: EnvEntry) => runs.some((r) => isPortVariable(r.context, e.key) && isValidPortValue(r.context, e));
    for (const change of plan.changes) {
      const diff = shownDiff(printable(change.path), change.before, change.after, isEnv(change.path), keep);
      io.stdout(io.color ? colorDiff(diff) : diff);
    }
    summarize(plan, io, true);
  } else {
    const dirty = options.force
      ? []
      : dirtyFiles(
          setup.root,
          plan.changes.filter((c) => c.before !== null).map((c) => c.path),
        );
    if (dirty.length > 0) {
      io.stderr(
        `portguard: not fixing: these files have uncommitted changes (commit or stash them, or pass --force):\n${dirty.map((d) => `  ${d}\n`).join("")}`,
      );
      return 2;
    }
    for (const change of plan.changes) writeProjectFile(setup.root, change.path, change.after);
    for (const change of plan.changes)
      io.stdout(`  ${change.before === null ? "created" : "fixed  "} ${printable(change.path)}\n`);
    summarize(plan, io, false);
  }
  reportShared(plan, io);
  reportBroken(plan, io);
  // What is left is what a check of the fixed project reports (planned, for a dry run).
  const after = plan.after;
  const left = after.diagnostics.filter((d) => d.severity !== "info");
  if (left.length > 0) {
    io.stdout(`\nLeft for you (no safe automatic fix${rules.size > 0 ? ", or not selected with --rule" : ""}):\n`);
    const summary = { ...after.summary, infos: 0 };
    io.stdout(formatStylish({ ...after, diagnostics: left, summary }, { color: io.color, fixHint: false }));
  }
  return left.some((d) => d.severity === "error") && !options.dryRun ? 1 : 0;
}

export async function docsCommand(
  io: WriteIo,
  options: { check: boolean; output: string | null; config: string | null; withLines: boolean },
): Promise<number> {
  const setup = setupProject(io.cwd, options.config);
  const target = options.output ?? setup.policy.docs;
  if (!target) throw new UsageError("docs is off in the policy (docs: null); pass --output FILE");
  const tree = withoutGitIgnored(new WorkingTree(setup.root, setup.policy.files.ignore), setup);
  const run = lintRun(tree, setup.policy, { rootName: basename(setup.root) });
  const path = options.output ? toProjectRelative(setup.root, io.cwd, options.output) : target;
  // Refused up front (a folder, a link, outside the root), before anything is compared or written.
  projectPath(setup.root, path);
  const read = tree.read(path);
  const existing = read.kind === "text" ? read.text : null;
  const { bindings } = run.report;
  const updated = updateDocs(
    existing,
    renderPortTable(setup.policy, bindings, { withLines: options.withLines }),
    renderOccupancyTable(setup.policy, bindings),
  );
  if (options.check) {
    if (existing === updated) {
      io.stdout(`${printable(path)} is up to date.\n`);
      return 0;
    }
    io.stdout(
      `${printable(path)} is out of date: run portguard docs.\n${unifiedDiff(printable(path), existing, updated)}`,
    );
    return 1;
  }
  if (existing === updated) {
    io.stdout(`${printable(path)} is up to date.\n`);
    return 0;
  }
  sweep(setup.root, tree.paths, io);
  writeProjectFile(setup.root, path, updated);
  io.stdout(`${existing === null ? "wrote" : "updated"} ${printable(path)}\n`);
  return 0;
}
