/**
 * What the runner tells the action about the run: the event payload and the GITHUB_* variables,
 * read and checked here instead of through @actions/github's context (which parses the event file
 * as the bundle loads, so a malformed one ended the run with a stack trace). Every value that
 * reaches git is a commit id; a payload of the wrong shape is an error, never taken as empty.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** GitHub's webhook payloads stay under 25 MB. */
const MAX_EVENT_BYTES = 32 * 1024 * 1024;

/** A run the action cannot make sense of: failed with this one-line message. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PayloadError";
  }
}

export interface PullRequestEvent {
  number: number;
  /** From the payload; null when it does not say. */
  changedFiles: number | null;
  base: string | null;
  head: string | null;
}

export interface RunContext {
  eventName: string;
  /** The event as parsed (a JSON object), for what only some events carry (merge_group...). */
  payload: Record<string, unknown>;
  repo: { owner: string; repo: string } | null;
  /** GITHUB_SHA, when it is a commit id. */
  sha: string | null;
  serverUrl: string;
  apiUrl: string;
  pullRequest: PullRequestEvent | null;
  /** A push's `before` commit; null for a new branch (all zeros) or none. */
  before: string | null;
}

/** A full SHA-1 or SHA-256 object id: the only refs the action hands to git. */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value);
}

function readEventFile(path: string): unknown {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new PayloadError(`cannot read the event file ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new PayloadError(`the event file ${path} is not a regular file`);
    if (stat.size > MAX_EVENT_BYTES) throw new PayloadError(`the event file ${path} is larger than 32 MiB`);
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    for (let n = 1; n > 0 && read < stat.size; read += n) n = readSync(fd, buffer, read, stat.size - read, read);
    text = buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
  try {
    return JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file.
    throw new PayloadError(`the event file ${path} is not valid JSON`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A commit id at `where`, null when absent; anything else is an error. */
function commitAt(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (!isObjectId(value)) throw new PayloadError(`the event's ${where} is not a commit id`);
  return value.toLowerCase();
}

function pullRequestOf(payload: Record<string, unknown>): PullRequestEvent | null {
  const pr = payload.pull_request;
  if (pr === undefined || pr === null) return null;
  if (!isRecord(pr)) throw new PayloadError("the event's pull_request is not an object");
  if (typeof pr.number !== "number" || !Number.isSafeInteger(pr.number) || pr.number < 1) {
    throw new PayloadError("the event's pull_request.number is not a pull request number");
  }
  const changed = pr.changed_files;
  if (changed !== undefined && (typeof changed !== "number" || !Number.isSafeInteger(changed) || changed < 0)) {
    throw new PayloadError("the event's pull_request.changed_files is not a count");
  }
  const side = (name: "base" | "head") => {
    const value = pr[name];
    if (value === undefined || value === null) return null;
    if (!isRecord(value)) throw new PayloadError(`the event's pull_request.${name} is not an object`);
    return commitAt(value.sha, `pull_request.${name}.sha`);
  };
  return {
    number: pr.number,
    changedFiles: typeof changed === "number" ? changed : null,
    base: side("base"),
    head: side("head"),
  };
}

/** Reads and checks the run's event and variables. Throws {@link PayloadError}. */
export function readRunContext(env: Record<string, string | undefined> = process.env): RunContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  const payload = eventPath ? readEventFile(eventPath) : {};
  if (!isRecord(payload)) throw new PayloadError(`the event file ${eventPath} does not hold a JSON object`);
  const before = commitAt(payload.before, "before");
  const repository = env.GITHUB_REPOSITORY ?? "";
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    payload,
    repo: m ? { owner: m[1] as string, repo: m[2] as string } : null,
    sha: isObjectId(env.GITHUB_SHA) ? env.GITHUB_SHA.toLowerCase() : null,
    serverUrl: env.GITHUB_SERVER_URL || "https://github.com",
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    pullRequest: pullRequestOf(payload),
    before: before === null || /^0+$/.test(before) ? null : before,
  };
}
