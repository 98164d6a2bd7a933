/** `portguard fix` and `portguard docs`: the commands that write files. */
import { spawnSync } from "node:child_process";
import { basename, isAbsolute, relative, resolve } from "node:path";
import { type ClientLine, findClients, rewriteClients } from "../core/clients.js";
import { renderOccupancyTable, renderPortTable, updateDocs } from "../core/docs-table.js";
import { type EnvEntry, parseEnvFile } from "../core/dotenv.js";
import { isPortVariable, isValidPortValue } from "../core/env-ports.js";
import { redactEnvText } from "../core/env-redaction.js";
import { type FileChange, type FixPlan, planFixes, setEnvPorts } from "../core/fix.js";
import { colorDiff, unifiedDiff } from "../core/format/diff.js";
import { formatStylish } from "../core/format/index.js";
import { printable } from "../core/format/printable.js";
import { type LintRun, lintRun } from "../core/lint.js";
import { overlayTree } from "../core/memory-tree.js";
import { type EngineVolumes, type VolumeProblem, volumeProblems } from "../core/preflight/volumes.js";
import { STAND_IN_SUFFIXES } from "../core/project.js";
import { RULE_IDS } from "../core/rules/index.js";
import type { Diagnostic, SourceTree } from "../core/types.js";
import { createBackup, describeBackup, listBackups, rollback } from "./backup.js";
import { setupProject, UsageError } from "./config.js";
import { WorkingTree } from "./fs-tree.js";
import { gitIgnored, withoutGitIgnored } from "./git-ignored.js";
import { EngineClient, engineEndpoint } from "./preflight/docker-engine.js";
import { projectPath, sweepStaleTemps, writeProjectFile } from "./write.js";

export interface WriteIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
  /** For the Docker engine's address (DOCKER_HOST...); fix reads nothing else from it. */
  env?: NodeJS.ProcessEnv;
}

/** A path given on the command line, relative to the project root; outside the project is refused. */
function toProjectRelative(root: string, cwd: string, path: string): string {
  const rel = relative(root, resolve(cwd, path)).split("\\").join("/");
  if (rel.startsWith("..") || isAbsolute(rel))
    throw new UsageError(`${printable(path)} is outside the project root ${printable(root)}`);
  return rel;
}

/** Files among `paths` that hold work git cannot give back: modified, staged, or untracked. */
export function dirtyFiles(root: string, paths: string[]): string[] {
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

function summarize(plan: FixPlan, files: number, io: WriteIo, dryRun: boolean): void {
  const verb = dryRun ? "would change" : "changed";
  io.stdout(`\nportguard fix ${verb} ${files} file(s), fixing ${plan.fixed.length} finding(s).\n`);
  if (plan.moves.length > 0) {
    io.stdout("Moved ports:\n");
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

/** The engine's volumes and containers, when an engine answers (fix works without one). */
async function engineVolumes(env: NodeJS.ProcessEnv): Promise<EngineVolumes | null> {
  const engine = new EngineClient(engineEndpoint(env), ENGINE_TIMEOUT);
  const answer = await engine.containers();
  if (!answer.reachable) return null;
  const volumes = await engine.volumes().catch(() => null);
  return volumes ? { volumes, containers: answer.containers } : null;
}

const ENGINE_TIMEOUT = 2000;

/** The files of the projects holding this service. */
function serviceFiles(plan: FixPlan, project: string, service: string): Set<string> {
  return new Set(
    plan.afterRun.model.projects
      .filter((p) => p.name === project && p.services.some((s) => s.name === service))
      .flatMap((p) => [...p.files]),
  );
}

/** Whether the plan changes a service (moves its port, names its volume): compose recreates its container. */
function touches(plan: FixPlan, project: string, service: string): boolean {
  const files = serviceFiles(plan, project, service);
  return plan.fixed.some((d) => d.service === service && files.has(d.file));
}

function printVolumeProblems(io: WriteIo, title: string, problems: VolumeProblem[]): void {
  if (problems.length === 0) return;
  io.stdout(`\n${title}\n`);
  for (const p of problems) io.stdout(`  ✖ ${printable(p.message)}\n    → ${printable(p.remedy)}\n`);
}

export interface FixCommandOptions {
  dryRun: boolean;
  force: boolean;
  rules: string[];
  paths: string[];
  config: string | null;
  allowVolumeChange?: boolean;
  /** Rewrite the clients of moved ports that can be rewritten safely. */
  clients?: boolean;
}

/**
 * The plan, minus the changes that would start a database without its data on this machine's
 * engine (unless allowed): planned again without them until none is left.
 */
async function planKeepingData(
  plan: (exclude: (d: Diagnostic) => boolean) => FixPlan,
  root: string,
  env: NodeJS.ProcessEnv,
  allow: boolean,
): Promise<{ plan: FixPlan; refused: VolumeProblem[]; warnings: VolumeProblem[] }> {
  const leftAlone: { service: string; files: Set<string> }[] = [];
  const exclude = (d: Diagnostic) => leftAlone.some((s) => s.service === d.service && s.files.has(d.file));
  let current = plan(exclude);
  const refused: VolumeProblem[] = [];
  let warnings: VolumeProblem[] = [];
  const live = current.changes.length > 0 ? await engineVolumes(env) : null;
  const same = (a: VolumeProblem, b: VolumeProblem) =>
    a.project === b.project && a.service === b.service && a.volume === b.volume;
  for (let round = 0; live && round < 3; round++) {
    const problems = volumeProblems(current.afterRun.model, live, { root });
    const blocking = allow ? [] : problems.filter((p) => touches(current, p.project, p.service));
    warnings = problems.filter((p) => !blocking.includes(p) && !refused.some((r) => same(r, p)));
    if (blocking.length === 0) break;
    refused.push(...blocking);
    for (const p of blocking)
      leftAlone.push({ service: p.service, files: serviceFiles(current, p.project, p.service) });
    current = plan(exclude);
  }
  return { plan: current, refused, warnings };
}

/** This run's changes with the client rewrites applied on top (one change per file). */
function withClientRewrites(tree: SourceTree, changes: FileChange[], rewrites: FileChange[]): FileChange[] {
  const byPath = new Map(changes.map((c) => [c.path, c]));
  for (const r of rewrites) {
    const planned = byPath.get(r.path);
    if (planned) byPath.set(r.path, { ...planned, after: r.after });
    else {
      const read = tree.read(r.path);
      byPath.set(r.path, { path: r.path, before: read.kind === "text" ? read.text : null, after: r.after });
    }
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function reportClients(io: WriteIo, lines: ClientLine[], moved: boolean, rewriting: boolean, dryRun: boolean): void {
  if (lines.length === 0) {
    if (moved) io.stdout("No line of the sources, configs or .env files reaches the old ports.\n");
    return;
  }
  io.stdout(`\nClients of the old ports (${lines.length} line(s) still reach them on this host):\n`);
  for (const l of lines) {
    const what = `${l.key ? `${l.key}: ` : ""}${l.address ?? String(l.from)}`;
    const where = `${l.service} is on ${l.to} now`;
    const action = l.rewritable
      ? rewriting
        ? dryRun
          ? `would be rewritten to ${l.to}`
          : `rewritten to ${l.to}`
        : `portguard fix --clients rewrites it to ${l.to}`
      : `${l.reason}; read ${l.variable}`;
    io.stdout(`  ${printable(`${l.file}:${l.line}:${l.column}  ${what}  (${where}: ${action})`)}\n`);
  }
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
    // The same edit fix makes in an env file: the last definition rewritten in place, else appended.
    const base = planned ? overlayTree(tree, new Map([[path, planned.after]])) : tree;
    const values = new Map(written.map((e) => [e.key, Number(e.value)]));
    const edited = setEnvPorts(base, path, values, null);
    if (!edited) continue;
    if (planned) planned.after = edited.after;
    else out.push(edited);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function fixCommand(io: WriteIo, options: FixCommandOptions): Promise<number> {
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
  const { plan, refused, warnings } = await planKeepingData(
    (exclude) =>
      planFixes(tree, lint, {
        ...(rules.size > 0 ? { rules } : {}),
        ...(narrowed.length > 0
          ? { files: (f: string) => narrowed.some((n) => f === n || f.startsWith(`${n}/`)) }
          : {}),
        exclude,
      }),
    setup.root,
    io.env ?? {},
    options.allowVolumeChange === true,
  );
  // Clients of the ports this run moves, and of those earlier runs moved (their backups say which).
  const fixedTree = overlayTree(tree, new Map(plan.changes.map((c): [string, string] => [c.path, c.after])));
  const earlier = listBackups(setup.root)
    .filter((b) => b.manifest.rolledBack === null)
    .flatMap((b) => b.manifest.moves);
  const published = new Set(plan.afterRun.model.bindings.flatMap((b) => (b.hostPort === null ? [] : [b.hostPort])));
  const composeFiles = new Set(plan.afterRun.model.composeFiles);
  const clients = findClients(fixedTree, setup.policy, [...plan.moves, ...earlier], published, composeFiles);
  const changes = withStandIns(
    setup.root,
    tree,
    withClientRewrites(tree, plan.changes, options.clients ? rewriteClients(fixedTree, clients) : []),
    (key) => runs.some((r) => isPortVariable(r.model, key)),
  );
  for (const change of changes) projectPath(setup.root, change.path);
  if (!options.dryRun) sweep(setup.root, tree.paths, io);
  if (changes.length === 0) {
    io.stdout("Nothing to fix.\n");
  } else if (options.dryRun) {
    const envFiles = new Set(runs.flatMap((r) => r.model.envFiles.map((e) => e.path)));
    const isEnv = (path: string) => envFiles.has(path) || /(^|\/)\.env(\.[^/]*)?$|\.env$/.test(path);
    const keep = (e: EnvEntry) => runs.some((r) => isPortVariable(r.model, e.key) && isValidPortValue(r.model, e));
    for (const change of changes) {
      const diff = shownDiff(printable(change.path), change.before, change.after, isEnv(change.path), keep);
      io.stdout(io.color ? colorDiff(diff) : diff);
    }
    summarize(plan, changes.length, io, true);
  } else {
    const dirty = options.force
      ? []
      : dirtyFiles(
          setup.root,
          changes.filter((c) => c.before !== null).map((c) => c.path),
        );
    if (dirty.length > 0) {
      io.stderr(
        `portguard: not fixing: these files have uncommitted changes (commit or stash them, or pass --force):\n${dirty.map((d) => `  ${printable(d)}\n`).join("")}`,
      );
      return 2;
    }
    // Nothing is written before every previous version is kept.
    const backup = createBackup(setup.root, changes, { command: "fix", moves: plan.moves });
    for (const change of changes) writeProjectFile(setup.root, change.path, change.after);
    for (const change of changes)
      io.stdout(`  ${change.before === null ? "created" : "fixed  "} ${printable(change.path)}\n`);
    summarize(plan, changes.length, io, false);
    io.stdout(`\n${describeBackup(backup)}`);
  }
  reportClients(io, clients, plan.moves.length > 0, options.clients === true, options.dryRun);
  reportShared(plan, io);
  printVolumeProblems(
    io,
    "Not fixed: the change would start these databases without their data (fix the volume first, or pass --allow-volume-change):",
    refused,
  );
  printVolumeProblems(
    io,
    options.allowVolumeChange
      ? "Warning (--allow-volume-change): after this change, docker compose up starts these databases without their data:"
      : "Warning: docker compose up would start these databases without their data:",
    warnings,
  );
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

/** `fix --rollback [ID]`: restores what a fix (or preflight --apply) wrote, after checking it is still that. */
export async function rollbackCommand(
  io: WriteIo,
  options: { id: string | null; config: string | null },
): Promise<number> {
  const setup = setupProject(io.cwd, options.config);
  const result = rollback(setup.root, options.id);
  const { manifest } = result.record;
  if (result.alreadyRestored) {
    io.stdout(`Backup ${manifest.id}: the files are already as they were before ${manifest.command}; nothing to do.\n`);
    return 0;
  }
  io.stdout(`Rolled back ${manifest.id} (${manifest.command}, ${manifest.created}):\n`);
  for (const path of result.restored) io.stdout(`  restored ${printable(path)}\n`);
  for (const path of result.removed) io.stdout(`  removed  ${printable(path)} (${manifest.command} had created it)\n`);
  if (manifest.moves.length > 0) {
    io.stdout("Containers take the old ports back when recreated (docker compose up -d).\n");
  }
  return 0;
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
