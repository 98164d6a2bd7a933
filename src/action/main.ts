/**
 * The GitHub Action: lint the whole project, annotate the diagnostics of the files the pull request
 * changes, write the outputs, the job summary and the SARIF file, and fail per `fail-on`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { setupProject, UsageError } from "../cli/config.js";
import { WorkingTree } from "../cli/fs-tree.js";
import { writeProjectFile } from "../cli/write.js";
import { formatJson, formatPortsTable, formatSarif, markdownCell, suggestionText } from "../core/format/index.js";
import { printable } from "../core/format/printable.js";
import { lint } from "../core/lint.js";
import { PolicyError } from "../core/policy/load.js";
import { RULES } from "../core/rules/index.js";
import type { Diagnostic, Report, ResolvedBinding } from "../core/types.js";
import { VERSION } from "../version.js";
import { API_FILE_LIMIT, ApiError, listPullRequestFiles } from "./api.js";
import { PayloadError, type RunContext, readRunContext } from "./payload.js";

/** GitHub shows at most this many characters of a step summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

interface Inputs {
  config: string;
  workingDirectory: string;
  scope: "changed" | "all";
  failOn: "error" | "warning" | "never";
  sarifFile: string;
  summary: boolean;
  token: string;
}

function readInputs(context: RunContext): Inputs {
  const event = context.eventName;
  const scope =
    core.getInput("scope") || (event === "pull_request" || event === "pull_request_target" ? "changed" : "all");
  if (scope !== "changed" && scope !== "all")
    throw new UsageError(`input scope must be "changed" or "all", not "${scope}"`);
  const failOn = core.getInput("fail-on") || "error";
  if (failOn !== "error" && failOn !== "warning" && failOn !== "never") {
    throw new UsageError(`input fail-on must be "error", "warning" or "never", not "${failOn}"`);
  }
  const summary = core.getInput("summary") || "true";
  if (!/^(true|false)$/i.test(summary)) throw new UsageError(`input summary must be true or false, not "${summary}"`);
  // The runner masks the token itself (it is a secret input); it is never logged here.
  const token = core.getInput("token");
  return {
    config: core.getInput("config"),
    workingDirectory: core.getInput("working-directory") || ".",
    scope,
    failOn,
    sarifFile: core.getInput("sarif-file"),
    summary: summary.toLowerCase() === "true",
    token,
  };
}

function posix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

interface ChangedFiles {
  /** Repository-relative paths, or null for "everything". */
  files: string[] | null;
  /** Said in a notice when the list did not come from the API. */
  note: string | null;
  /** The API misbehaved (an answer of the wrong shape, no answer in time): a warning, not a notice. */
  warning?: boolean;
}

function gitChangedFiles(workspace: string, base: string, head: string): string[] | null {
  try {
    execFileSync("git", ["cat-file", "-e", `${base}^{commit}`], { cwd: workspace, stdio: "ignore" });
    const out = execFileSync("git", ["diff", "--name-only", "-z", "--diff-filter=ACMRT", base, head], {
      cwd: workspace,
      encoding: "utf8",
      maxBuffer: 1 << 28,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

/** The files the pull request (or push) changes: from the API, else from git, else all. */
async function changedFiles(token: string, workspace: string, context: RunContext): Promise<ChangedFiles> {
  const { pullRequest: pr, repo } = context;
  // Commit ids only (the payload is checked): nothing from it reaches git as an option.
  const fallback = (why: string, base: string | null, head: string): ChangedFiles => {
    const files = base ? gitChangedFiles(workspace, base, head) : null;
    return files
      ? { files, note: `${why}; listed the changed files with git diff against ${base?.slice(0, 12)}` }
      : {
          files: null,
          note: `${why}, and the base commit is not in the checkout (fetch-depth: 0 brings it); checked every file`,
        };
  };
  if (!pr) {
    if (context.before) return fallback("not a pull request", context.before, context.sha ?? "HEAD");
    return { files: null, note: "not a pull request: checked every file" };
  }
  const head = pr.head ?? "HEAD";
  if ((pr.changedFiles ?? 0) > API_FILE_LIMIT) {
    return fallback(
      `the pull request changes ${pr.changedFiles} files, more than the API lists (${API_FILE_LIMIT})`,
      pr.base,
      head,
    );
  }
  if (!token) return fallback("no token to ask the GitHub API for the changed files", pr.base, head);
  if (!repo) return fallback("GITHUB_REPOSITORY does not name a repository", pr.base, head);
  try {
    const listed = await listPullRequestFiles({ token, owner: repo.owner, repo: repo.repo, pullNumber: pr.number });
    if (!listed.complete) {
      return fallback(`the API lists only the first ${API_FILE_LIMIT} changed files`, pr.base, head);
    }
    return { files: listed.files, note: null };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const result = fallback(`${error.message}${error.status ? ` (HTTP ${error.status})` : ""}`, pr.base, head);
    return { ...result, warning: error.status === undefined };
  }
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Annotates each diagnostic, most severe first (GitHub shows the first 10 of each kind per step). */
function annotate(diagnostics: Diagnostic[], repoPath: (file: string) => string): void {
  const sorted = [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  for (const d of sorted) {
    const hint = suggestionText(d);
    // Control characters from names and paths are written out (the log shows them raw).
    const message = printable(hint ? `${d.message} (${hint})` : d.message);
    const properties: core.AnnotationProperties = {
      title: `${d.rule} ${d.name}`,
      file: printable(repoPath(d.file)),
      startLine: d.line,
      endLine: d.endLine,
    };
    if (d.line === d.endLine) {
      properties.startColumn = d.column;
      properties.endColumn = d.endColumn;
    }
    if (d.severity === "error") core.error(message, properties);
    else if (d.severity === "warning") core.warning(message, properties);
    else core.notice(message, properties);
  }
}

/** The job summary: counts, every diagnostic in scope, the port map of the changed compose files. */
export function summaryMarkdown(
  inScope: Diagnostic[],
  options: {
    repoPath: (file: string) => string;
    linkBase: string | null;
    scopeLine: string;
    bindings: ResolvedBinding[];
    /** True when the bindings are those of the changed files only. */
    changedOnly: boolean;
  },
): string {
  const count = (s: Diagnostic["severity"]) => inScope.filter((d) => d.severity === s).length;
  const head = [
    `## portguard: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info(s)`,
    "",
    options.scopeLine,
    "",
  ];
  const rows: string[] = [];
  if (inScope.length === 0) rows.push("No problems found.", "");
  else rows.push("| Severity | Location | Rule | Message | Suggestion |", "| --- | --- | --- | --- | --- |");
  const title = options.changedOnly ? "Port map of the changed compose files" : "Port map";
  const ports =
    options.bindings.length > 0
      ? ["", `### ${title}`, "", "```", formatPortsTable(options.bindings).trimEnd(), "```", ""]
      : [];
  const budget = SUMMARY_LIMIT - Buffer.byteLength([...head, ...ports].join("\n")) - 200;
  let used = Buffer.byteLength(rows.join("\n"));
  let shown = 0;
  for (const d of inScope) {
    const path = options.repoPath(d.file);
    const where = `${path}:${d.line}`;
    const location = options.linkBase
      ? `[${markdownCell(where)}](${options.linkBase}/${path}#L${d.line})`
      : `\`${markdownCell(where)}\``;
    const row = `| ${d.severity} | ${location} | ${d.rule} ${d.name} | ${markdownCell(d.message)} | ${markdownCell(suggestionText(d))} |`;
    used += Buffer.byteLength(row) + 1;
    if (used > budget) break;
    rows.push(row);
    shown++;
  }
  if (shown < inScope.length) {
    rows.push(
      "",
      `… ${inScope.length - shown} more diagnostic(s) not shown: GitHub keeps a summary under 1 MiB. All are in the \`report\` output.`,
    );
  }
  return [...head, ...rows, ...ports].join("\n");
}

function inScopeReport(report: Report, inScope: Diagnostic[]): Report {
  return {
    ...report,
    diagnostics: inScope,
    summary: {
      errors: inScope.filter((d) => d.severity === "error").length,
      warnings: inScope.filter((d) => d.severity === "warning").length,
      infos: inScope.filter((d) => d.severity === "info").length,
      files: report.summary.files,
    },
  };
}

/** Runs the action. Never throws: failures become `core.setFailed` with a one-line message. */
export async function run(): Promise<void> {
  try {
    const context = readRunContext();
    const inputs = readInputs(context);
    const workspace = realpathSync(resolve(process.env.GITHUB_WORKSPACE ?? process.cwd()));
    const dir = workingDirectory(workspace, inputs.workingDirectory);
    const setup = setupProject(dir, inputs.config ? resolve(dir, inputs.config) : null);
    const prefix = posix(relative(workspace, setup.root));
    const inside = prefix === "" || (!prefix.startsWith("..") && !isAbsolute(prefix));
    const repoPath = (file: string) => (inside && prefix ? `${prefix}/${file}` : file);
    const changed = inputs.scope === "changed" ? await changedFiles(inputs.token, workspace, context) : null;
    if (changed?.note) (changed.warning ? core.warning : core.notice)(`portguard: ${changed.note}.`);
    const set = changed?.files ? new Set(changed.files) : null;
    // The whole project is linted (conflicts with unchanged files count); changed files move first.
    const report = lint(new WorkingTree(setup.root, setup.policy.files.ignore), setup.policy, {
      rootName: basename(setup.root),
      ...(set ? { changed: (file: string) => set.has(repoPath(file)) } : {}),
    });

    let inScope = report.diagnostics;
    let scopeLine = `Checked every file of the project${prefix && inside ? ` \`${prefix}\`` : ""}.`;
    let bindings: ResolvedBinding[] = report.bindings;
    let changedOnly = false;
    if (set) {
      inScope = report.diagnostics.filter((d) => set.has(repoPath(d.file)));
      bindings = report.bindings.filter((b) => set.has(repoPath(b.file)));
      changedOnly = true;
      scopeLine = `Checked the whole project; reported the ${set.size} file(s) this change touches (${report.diagnostics.length - inScope.length} diagnostic(s) in other files not shown).`;
    }

    annotate(inScope, repoPath);
    const scoped = inScopeReport(report, inScope);
    core.info(
      `portguard ${VERSION}: ${report.summary.files} file(s) checked; ${scoped.summary.errors} error(s), ${scoped.summary.warnings} warning(s), ${scoped.summary.infos} info(s) reported.`,
    );

    // Written only inside their folders (RUNNER_TEMP, the workspace), never through a link out of them.
    const reportDir = process.env.RUNNER_TEMP || setup.root;
    mkdirSync(reportDir, { recursive: true });
    const reportPath = resolve(reportDir, "portguard-report.json");
    writeProjectFile(reportDir, "portguard-report.json", formatJson(scoped, { toolVersion: VERSION }));
    core.setOutput("errors", String(scoped.summary.errors));
    core.setOutput("warnings", String(scoped.summary.warnings));
    core.setOutput("report", reportPath);

    if (inputs.sarifFile) {
      const sarifPath = relative(workspace, resolve(workspace, inputs.sarifFile));
      if (sarifPath.startsWith("..") || isAbsolute(sarifPath)) {
        throw new UsageError(`input sarif-file must be inside the workspace (${workspace}), not ${inputs.sarifFile}`);
      }
      const all = { ...report, diagnostics: report.diagnostics.map((d) => ({ ...d, file: repoPath(d.file) })) };
      writeProjectFile(workspace, sarifPath, formatSarif(all, RULES, { toolVersion: VERSION }));
    }

    if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) {
      const { repo, serverUrl } = context;
      const sha = context.pullRequest?.head ?? context.sha;
      const linkBase = sha && repo ? `${serverUrl}/${repo.owner}/${repo.repo}/blob/${sha}` : null;
      await core.summary
        .addRaw(summaryMarkdown(inScope, { repoPath, linkBase, scopeLine, bindings, changedOnly }))
        .write();
    }

    const { errors, warnings } = scoped.summary;
    if (inputs.failOn === "error" && errors > 0) core.setFailed(`portguard: ${errors} error(s) in the checked files`);
    else if (inputs.failOn === "warning" && errors + warnings > 0) {
      core.setFailed(`portguard: ${errors} error(s) and ${warnings} warning(s) in the checked files`);
    }
  } catch (error) {
    const message = (e: unknown) => printable(e instanceof Error ? e.message : String(e));
    if (error instanceof PolicyError) core.setFailed(`portguard: invalid config: ${message(error)}`);
    else if (error instanceof UsageError || error instanceof PayloadError)
      core.setFailed(`portguard: ${message(error)}`);
    else core.setFailed(`portguard: internal error: ${message(error)}`);
  }
}

/** The `working-directory` input as a real path inside the workspace; anything else is refused. */
function workingDirectory(workspace: string, input: string): string {
  const dir = resolve(workspace, input);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`input working-directory is not a folder: ${input}`);
  }
  const real = realpathSync(dir);
  const rel = relative(workspace, real);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new UsageError(`input working-directory must be inside the workspace (${workspace}), not ${input}`);
  }
  return real;
}
