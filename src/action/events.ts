/**
 * What each workflow event means for the action: which commit's content is checked and which files
 * count as changed. `pull_request_target` checks out the base commit, so the pull request's head is
 * read from git (fetched when missing, never checked out: portguard only reads files); when it cannot
 * be had the step fails rather than report the base commit as an all-clear.
 */
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { relative, sep } from "node:path";

export type Scope = "changed" | "all";

/** The events the action knows, and what it does on each (the README's table says the same). */
export const EVENTS: Readonly<Record<string, string>> = {
  pull_request:
    "checks the checkout (the merge commit); reports the files the pull request changes (API, else git diff)",
  pull_request_target:
    "checks the pull request's head commit read from git, not the base checkout; reports the files it changes; fails when the head cannot be fetched",
  merge_group: "checks the checkout (the queue's head); reports the files changed between base_sha and head_sha",
  push: "checks the checkout; reports the files changed since `before` when that commit is present, else every file",
};

export function defaultScope(event: string): Scope {
  return event === "pull_request" || event === "pull_request_target" || event === "merge_group" ? "changed" : "all";
}

export interface ChangedFiles {
  /** Repository-relative paths, or null for "everything". */
  files: string[] | null;
  /** Said in a notice when the list did not come from where it normally does. */
  note: string | null;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function hasCommit(cwd: string, sha: string): boolean {
  try {
    git(cwd, ["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
  const text = stderr || (error instanceof Error ? error.message : String(error));
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? "git failed"
  );
}

/**
 * Makes `sha` present in the repository at `cwd`, fetching it from origin (by id, then through each
 * of `refs`). A shallow checkout stays shallow (depth 1); a full one gets only the missing objects.
 * Returns null when present, else why not.
 */
function ensureCommit(cwd: string, sha: string, refs: string[]): { fetched: boolean; error: string | null } {
  if (hasCommit(cwd, sha)) return { fetched: false, error: null };
  let shallow = false;
  try {
    shallow = git(cwd, ["rev-parse", "--is-shallow-repository"]).trim() === "true";
  } catch (error) {
    return { fetched: false, error: firstLine(error) };
  }
  let error = "";
  for (const ref of [sha, ...refs]) {
    try {
      git(cwd, ["fetch", "--no-tags", "--no-recurse-submodules", ...(shallow ? ["--depth=1"] : []), "origin", ref]);
      if (hasCommit(cwd, sha)) return { fetched: true, error: null };
      error = `${ref} no longer points at ${sha.slice(0, 12)}`;
    } catch (e) {
      error = firstLine(e);
    }
  }
  return { fetched: false, error };
}

function diffNames(cwd: string, base: string, head: string): string[] {
  return git(cwd, ["diff", "--name-only", "-z", "--diff-filter=ACMRT", base, head, "--"]).split("\0").filter(Boolean);
}

/** merge_group: the files changed between the queue's base and head commits. */
export function mergeGroupChangedFiles(workspace: string, payload: Record<string, unknown>): ChangedFiles {
  const group = (payload.merge_group ?? {}) as { base_sha?: unknown; head_sha?: unknown };
  const base = typeof group.base_sha === "string" && SHA.test(group.base_sha) ? group.base_sha : null;
  const head = typeof group.head_sha === "string" && SHA.test(group.head_sha) ? group.head_sha : null;
  if (!base || !head)
    return { files: null, note: "merge_group event without base_sha and head_sha: checked every file" };
  for (const sha of [head, base]) {
    const present = ensureCommit(workspace, sha, []);
    if (present.error) {
      return {
        files: null,
        note: `merge queue: commit ${sha.slice(0, 12)} could not be fetched (${present.error}): checked every file`,
      };
    }
  }
  try {
    return { files: diffNames(workspace, base, head), note: null };
  } catch (error) {
    return { files: null, note: `merge queue: git diff failed (${firstLine(error)}): checked every file` };
  }
}

/** Why the step fails on pull_request_target: the head commit, which is what must be judged, is not to be had. */
export class HeadUnavailableError extends Error {}

export interface PullRequestHead {
  sha: string;
  /** True when the checkout is the head itself (the workflow checked out the head ref). */
  checkedOut: boolean;
  note: string;
}

/** pull_request_target: the pull request's head commit, present in the repository at `workspace`. */
export function pullRequestTargetHead(workspace: string, payload: Record<string, unknown>): PullRequestHead {
  const pr = (payload.pull_request ?? {}) as { number?: unknown; head?: { sha?: unknown } };
  const sha = typeof pr.head?.sha === "string" && SHA.test(pr.head.sha) ? pr.head.sha : null;
  const number = typeof pr.number === "number" && Number.isInteger(pr.number) && pr.number > 0 ? pr.number : null;
  if (!sha || !number) {
    throw new HeadUnavailableError(
      "pull_request_target: the event payload names no pull request head commit, so there is nothing to check; not reporting the base commit in its place",
    );
  }
  let checkout = "";
  try {
    checkout = git(workspace, ["rev-parse", "HEAD"]).trim();
  } catch (error) {
    throw new HeadUnavailableError(
      `pull_request_target: the workspace is not a git checkout (${firstLine(error)}); add actions/checkout before portguard`,
    );
  }
  if (checkout === sha) return { sha, checkedOut: true, note: "" };
  const present = ensureCommit(workspace, sha, [`refs/pull/${number}/head`]);
  if (present.error) {
    throw new HeadUnavailableError(
      `pull_request_target: the pull request's head commit ${sha.slice(0, 12)} is not in the checkout and could not be fetched from origin (${present.error}). ` +
        "portguard does not report the base commit in its place. Keep actions/checkout's default persist-credentials so the action can fetch it, or check out the head: ref: ${{ github.event.pull_request.head.sha }}",
    );
  }
  return {
    sha,
    checkedOut: false,
    note: `pull_request_target: checked the pull request's head commit ${sha.slice(0, 12)}${present.fetched ? " (fetched from origin)" : ""}, read from git without checking it out, with the policy of the checked-out base`,
  };
}

/** The folder of `dir` inside its repository's top level, `/`-terminated ("" at the top). */
export function repositoryPrefix(dir: string): string {
  const top = git(dir, ["rev-parse", "--show-toplevel"]).trim();
  const rel = relative(realpathSync(top), realpathSync(dir)).split(sep).join("/");
  return rel ? `${rel}/` : "";
}
