/**
 * The GitHub Action: lint the whole project, annotate the diagnostics of the files the pull request
 * changes, write the outputs, the job summary and the SARIF file, and fail per `fail-on`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import { CommitTree } from "../cli/commit-tree.js";
import { setupProject, UsageError } from "../cli/config.js";
import { WorkingTree } from "../cli/fs-tree.js";
import { writeProjectFile } from "../cli/write.js";
import { formatJson, formatSarif } from "../core/format/index.js";
import { formatOccupancyMarkdown } from "../core/format/occupancy.js";
import { printable } from "../core/format/printable.js";
import { lint } from "../core/lint.js";
import { PolicyError } from "../core/policy/load.js";
import { portPlan } from "../core/port-plan.js";
import { RULES } from "../core/rules/index.js";
import type { Diagnostic, Report, ResolvedBinding, SourceTree } from "../core/types.js";
import { VERSION } from "../version.js";
import { annotate } from "./annotations.js";
import { API_FILE_LIMIT, ApiError, listPullRequestFiles } from "./api.js";
import {
  type ChangedFiles,
  defaultScope,
  HeadUnavailableError,
  mergeGroupChangedFiles,
  type PullRequestHead,
  pullRequestTargetHead,
  repositoryPrefix,
} from "./events.js";
import { PayloadError, type RunContext, readRunContext } from "./payload.js";
import { summaryMarkdown } from "./summary.js";

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
  const scope = core.getInput("scope") || defaultScope(event);
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
async function changedFiles(
  token: string,
  workspace: string,
  context: RunContext,
): Promise<ChangedFiles & { warning?: boolean }> {
  const { pullRequest: pr, repo } = context;
  if (context.eventName === "merge_group") return mergeGroupChangedFiles(workspace, context.payload);
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
    // An answer of the wrong shape, or none in time, is said as a warning; the check goes on without it.
    const result = fallback(`${error.message}${error.status ? ` (HTTP ${error.status})` : ""}`, pr.base, head);
    return { ...result, warning: error.status === undefined };
  }
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
    const written = { error: 0, warning: 0, info: 0 };
    const notice = (text: string) => {
      core.notice(text);
      written.info++;
    };
    const warn = (text: string) => {
      core.warning(text);
      written.warning++;
    };
    // pull_request_target checks out the base: the head is what must be judged.
    const head: PullRequestHead | null =
      context.eventName === "pull_request_target" ? pullRequestTargetHead(workspace, context.payload) : null;
    if (head?.note) notice(`portguard: ${head.note}.`);
    const tree: SourceTree =
      head && !head.checkedOut
        ? new CommitTree(workspace, head.sha, repositoryPrefix(setup.root), setup.policy)
        : new WorkingTree(setup.root, setup.policy.files.ignore);
    const changed = inputs.scope === "changed" ? await changedFiles(inputs.token, workspace, context) : null;
    if (changed?.note) (changed.warning ? warn : notice)(`portguard: ${changed.note}.`);
    const set = changed?.files ? new Set(changed.files) : null;
    // The whole project is linted (conflicts with unchanged files count); changed files move first.
    const report = lint(tree, setup.policy, {
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

    const scoped = inScopeReport(report, inScope);
    const { errors, warnings } = scoped.summary;
    // The failure message first: GitHub shows only the first 10 errors of a step.
    let failure: string | null = null;
    if (inputs.failOn === "error" && errors > 0) failure = `${errors} error(s)`;
    else if (inputs.failOn === "warning" && errors + warnings > 0)
      failure = `${errors} error(s) and ${warnings} warning(s)`;
    if (failure) {
      core.setFailed(`portguard: ${failure} in the checked files; every finding is in the job summary`);
      written.error++;
    }
    const annotations = annotate(inScope, repoPath, written);
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
      const occupancy = formatOccupancyMarkdown(portPlan(report, setup.policy).ranges);
      await core.summary
        .addRaw(
          summaryMarkdown(inScope, { repoPath, linkBase, scopeLine, bindings, changedOnly, annotations, occupancy }),
        )
        .write();
    }
  } catch (error) {
    const message = (e: unknown) => printable(e instanceof Error ? e.message : String(e));
    if (error instanceof PolicyError) core.setFailed(`portguard: invalid config: ${message(error)}`);
    else if (error instanceof UsageError || error instanceof HeadUnavailableError || error instanceof PayloadError)
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
