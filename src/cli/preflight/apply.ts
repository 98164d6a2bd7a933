/**
 * `preflight --apply`: what preflight found, resolved the recommended way. For each blocked binding
 * that reads a variable, the suggested free port goes into the `.env` compose reads for it (the
 * central one unless its folder has its own), with fix's safety: uncommitted changes refused
 * without --force, a backup first, atomic writes inside the project.
 */
import type { StackModel } from "../../core/context.js";
import { envSyntaxError, type FileChange, setEnvPorts } from "../../core/fix.js";
import type { PortBinding } from "../../core/model.js";
import type { PreflightReport, PreflightRow } from "../../core/preflight/analyze.js";
import { type BackupRecord, createBackup } from "../backup.js";
import { dirtyFiles } from "../fix.js";
import { WorkingTree } from "../fs-tree.js";
import { writeProjectFile } from "../write.js";

export interface AppliedPort {
  file: string;
  variable: string;
  port: number;
  service: string;
}

export interface SkippedRow {
  service: string;
  file: string;
  line: number;
  reason: string;
}

export interface ApplyResult {
  applied: AppliedPort[];
  skipped: SkippedRow[];
  backup: BackupRecord | null;
  /** Files with uncommitted changes that stopped the write (without --force). */
  dirty: string[];
}

function bindingOf(context: StackModel, row: PreflightRow): PortBinding | undefined {
  return context.bindings.find(
    (b) =>
      b.location.file === row.file &&
      b.location.range.start.line === row.line &&
      b.service.name === row.service &&
      b.hostPort === row.hostPort &&
      b.protocol === row.protocol,
  );
}

/** The env file compose reads for the binding: its folder's `.env`, else the central one (never a stand-in). */
function envFileOf(context: StackModel, b: PortBinding): string {
  const own = b.environment.files[0];
  return own && !own.standIn ? own.path : (context.policy.files.env[0] ?? ".env");
}

export function applySuggestions(
  context: StackModel,
  root: string,
  report: PreflightReport,
  force: boolean,
): ApplyResult {
  const tree = new WorkingTree(root, context.policy.files.ignore);
  const byFile = new Map<string, Map<string, number>>();
  const applied: AppliedPort[] = [];
  const skipped: SkippedRow[] = [];
  const skip = (r: PreflightRow, reason: string) =>
    skipped.push({ service: r.service, file: r.file, line: r.line, reason });
  for (const row of report.rows) {
    if (!row.blocking) continue;
    const b = bindingOf(context, row);
    if (!row.suggestion) {
      skip(row, "no port free in the plan and on this machine in its range: stop the holder");
      continue;
    }
    if (!row.variable || !b) {
      skip(row, "its host port is written as a literal: run portguard fix to give it a variable first");
      continue;
    }
    if (b.variableValue?.origin.kind === "process") {
      skip(row, `${row.variable} is set in the environment, which wins over .env: change it there`);
      continue;
    }
    const file = envFileOf(context, b);
    const values = byFile.get(file) ?? new Map<string, number>();
    const taken = values.get(row.variable);
    if (taken !== undefined && taken !== row.suggestion.port) {
      skip(row, `${row.variable} is read by several blocked bindings: ${taken} is set for the first`);
      continue;
    }
    values.set(row.variable, row.suggestion.port);
    byFile.set(file, values);
    if (taken === undefined)
      applied.push({ file, variable: row.variable, port: row.suggestion.port, service: row.service });
  }
  const changes: FileChange[] = [];
  for (const [file, values] of byFile) {
    const read = tree.read(file);
    // A file that does not parse is left alone, as fix leaves it: a line portguard cannot read is never rewritten.
    const broken = envSyntaxError(file, read.kind === "text" ? read.text : null);
    const change = broken
      ? null
      : setEnvPorts(tree, file, values, "# Host ports for this machine, set by portguard preflight --apply.");
    if (change) {
      changes.push(change);
      continue;
    }
    for (const a of applied.filter((x) => x.file === file)) {
      const reason = broken
        ? `${file} has a syntax error at ${broken.line}:${broken.column} (${broken.message}; PG001): correct it first`
        : `${a.variable} in ${file} cannot be rewritten safely`;
      skipped.push({ service: a.service, file, line: 0, reason });
    }
  }
  const written = applied.filter((a) => changes.some((c) => c.path === a.file));
  if (changes.length === 0) return { applied: [], skipped, backup: null, dirty: [] };
  const dirty = force
    ? []
    : dirtyFiles(
        root,
        changes.filter((c) => c.before !== null).map((c) => c.path),
      );
  if (dirty.length > 0) return { applied: [], skipped, backup: null, dirty };
  const moves = written.map((a) => {
    const row = report.rows.find((r) => r.variable === a.variable && r.service === a.service) as PreflightRow;
    return { service: a.service, variable: a.variable, from: row.hostPort, to: a.port, file: row.file, line: row.line };
  });
  const backup = createBackup(root, changes, { command: "preflight --apply", moves });
  for (const change of changes) writeProjectFile(root, change.path, change.after);
  return { applied: written, skipped, backup, dirty: [] };
}
