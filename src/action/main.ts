/**
 * The GitHub Action: lint the whole project, annotate the diagnostics of the files the pull request
 * changes, write the outputs, the job summary and the SARIF file, and fail per `fail-on`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { CommitTree } from "../cli/commit-tree.js";
import { setupProject, UsageError } from "../cli/config.js";
import { WorkingTree } from "../cli/fs-tree.js";
import { formatJson, formatSarif } from "../core/format/index.js";
import { formatOccupancyMarkdown } from "../core/format/occupancy.js";
import { lint } from "../core/lint.js";
import { PolicyError } from "../core/policy/load.js";
import { portPlan } from "../core/port-plan.js";
import { RULES } from "../core/rules/index.js";
import type { Diagnostic, Report, ResolvedBinding, SourceTree } from "../core/types.js";
import { VERSION } from "../version.js";
import { annotate } from "./annotations.js";
import {
  type ChangedFiles,
  defaultScope,
  HeadUnavailableError,
  mergeGroupChangedFiles,
  type PullRequestHead,
  pullRequestTargetHead,
  repositoryPrefix,
} from "./events.js";
import { summaryMarkdown } from "./summary.js";

/** pulls.listFiles returns at most this many files. */
const API_FILE_LIMIT = 3000;

interface Inputs {
  config: string;
  workingDirectory: string;
  scope: "changed" | "all";
  failOn: "error" | "warning" | "never";
  sarifFile: string;
  summary: boolean;
  token: string;
}

function readInputs(): Inputs {
  const event = github.context.eventName;
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
async function changedFiles(token: string, workspace: string): Promise<ChangedFiles> {
  const { payload, repo } = github.context;
  if (github.context.eventName === "merge_group") return mergeGroupChangedFiles(workspace, payload);
  const pr = payload.pull_request as
    | { number: number; changed_files?: number; base?: { sha?: string }; head?: { sha?: string } }
    | undefined;
  const fallback = (why: string, base: string | undefined, head: string): ChangedFiles => {
    const files = base ? gitChangedFiles(workspace, base, head) : null;
    return files
      ? { files, note: `${why}; listed the changed files with git diff against ${base?.slice(0, 12)}` }
      : {
          files: null,
          note: `${why}, and the base commit is not in the checkout (fetch-depth: 0 brings it); checked every file`,
        };
  };
  if (!pr) {
    const before = payload.before as string | undefined;
    if (before && !/^0+$/.test(before)) return fallback("not a pull request", before, github.context.sha || "HEAD");
    return { files: null, note: "not a pull request: checked every file" };
  }
  const head = pr.head?.sha ?? "HEAD";
  if ((pr.changed_files ?? 0) > API_FILE_LIMIT) {
    return fallback(
      `the pull request changes ${pr.changed_files} files, more than the API lists (${API_FILE_LIMIT})`,
      pr.base?.sha,
      head,
    );
  }
  if (!token) return fallback("no token to ask the GitHub API for the changed files", pr.base?.sha, head);
  try {
    const octokit = github.getOctokit(token);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: repo.owner,
      repo: repo.repo,
      pull_number: pr.number,
      per_page: 100,
    });
    if (files.length >= API_FILE_LIMIT) {
      return fallback(`the API lists only the first ${API_FILE_LIMIT} changed files`, pr.base?.sha, head);
    }
    return { files: files.filter((f) => f.status !== "removed").map((f) => f.filename), note: null };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return fallback(
      `the GitHub API did not list the changed files${status ? ` (HTTP ${status})` : ""}`,
      pr.base?.sha,
      head,
    );
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
    const inputs = readInputs();
    const workspace = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
    const dir = resolve(workspace, inputs.workingDirectory);
    const setup = setupProject(dir, inputs.config ? resolve(dir, inputs.config) : null);
    const prefix = posix(relative(workspace, setup.root));
    const inside = prefix === "" || (!prefix.startsWith("..") && !isAbsolute(prefix));
    const repoPath = (file: string) => (inside && prefix ? `${prefix}/${file}` : file);
    const written = { error: 0, warning: 0, info: 0 };
    const notice = (text: string) => {
      core.notice(text);
      written.info++;
    };
    // pull_request_target checks out the base: the head is what must be judged.
    const head: PullRequestHead | null =
      github.context.eventName === "pull_request_target"
        ? pullRequestTargetHead(workspace, github.context.payload)
        : null;
    if (head?.note) notice(`portguard: ${head.note}.`);
    const tree: SourceTree =
      head && !head.checkedOut
        ? new CommitTree(workspace, head.sha, repositoryPrefix(setup.root), setup.policy)
        : new WorkingTree(setup.root, setup.policy.files.ignore);
    const changed = inputs.scope === "changed" ? await changedFiles(inputs.token, workspace) : null;
    if (changed?.note) notice(`portguard: ${changed.note}.`);
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

    const reportPath = join(process.env.RUNNER_TEMP || setup.root, "portguard-report.json");
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, formatJson(scoped, { toolVersion: VERSION }));
    core.setOutput("errors", String(scoped.summary.errors));
    core.setOutput("warnings", String(scoped.summary.warnings));
    core.setOutput("report", reportPath);

    if (inputs.sarifFile) {
      const sarifPath = resolve(workspace, inputs.sarifFile);
      mkdirSync(dirname(sarifPath), { recursive: true });
      const all = { ...report, diagnostics: report.diagnostics.map((d) => ({ ...d, file: repoPath(d.file) })) };
      writeFileSync(sarifPath, formatSarif(all, RULES, { toolVersion: VERSION }));
    }

    if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) {
      const { payload, repo, serverUrl } = github.context;
      const sha = (payload.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha ?? github.context.sha;
      const linkBase = sha && repo.owner ? `${serverUrl}/${repo.owner}/${repo.repo}/blob/${sha}` : null;
      const occupancy = formatOccupancyMarkdown(portPlan(report, setup.policy).ranges);
      await core.summary
        .addRaw(
          summaryMarkdown(inScope, { repoPath, linkBase, scopeLine, bindings, changedOnly, annotations, occupancy }),
        )
        .write();
    }
  } catch (error) {
    if (error instanceof PolicyError) core.setFailed(`portguard: invalid config: ${error.message}`);
    else if (error instanceof UsageError || error instanceof HeadUnavailableError)
      core.setFailed(`portguard: ${error.message}`);
    else core.setFailed(`portguard: internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
