/**
 * The one GitHub API call the action makes: the files of a pull request. Bounded (a timeout per
 * request, a deadline for all, a page cap: pages are counted, never followed from `Link` headers)
 * and checked (an answer that is not a list of files is an error, never an empty list).
 */

/** One page of pulls.listFiles. */
const PER_PAGE = 100;
/** pulls.listFiles returns at most this many files. */
export const API_FILE_LIMIT = 3000;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ListedFiles {
  /** The files the pull request adds, changes or renames (removed ones left out). */
  files: string[];
  /** False when the API stopped at its limit: the list may miss files. */
  complete: boolean;
}

export interface ListOptions {
  token: string;
  owner: string;
  repo: string;
  pullNumber: number;
  /** Per request. */
  timeoutMs?: number;
  /** For all pages together. */
  deadlineMs?: number;
}

function isFileEntry(value: unknown): value is { filename: string; status: string } {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.filename === "string" && entry.filename !== "" && typeof entry.status === "string";
}

/** The pull request's files, page by page. Throws {@link ApiError}. */
export async function listPullRequestFiles(options: ListOptions): Promise<ListedFiles> {
  // Loaded here, once the event file is known to be sound: @actions/github parses it as it loads.
  const github = await import(/* webpackMode: "eager" */ "@actions/github");
  const octokit = github.getOctokit(options.token);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  const files: string[] = [];
  const maxPages = Math.ceil(API_FILE_LIMIT / PER_PAGE);
  for (let page = 1; page <= maxPages; page++) {
    const left = deadline - Date.now();
    if (left <= 0)
      throw new ApiError(`the GitHub API did not list the files within ${options.deadlineMs ?? 60_000} ms`);
    const wait = Math.min(timeoutMs, left);
    let data: unknown;
    const signal = AbortSignal.timeout(wait);
    try {
      const response = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
        owner: options.owner,
        repo: options.repo,
        pull_number: options.pullNumber,
        per_page: PER_PAGE,
        ...(page > 1 ? { page } : {}),
        request: { signal },
      });
      data = response.data;
    } catch (error) {
      // octokit reports an aborted request as an HTTP 500: the signal tells.
      if (signal.aborted) throw new ApiError(`the GitHub API did not answer within ${wait} ms`);
      const e = error as { status?: number };
      throw new ApiError(
        "the GitHub API did not list the changed files",
        typeof e.status === "number" ? e.status : undefined,
      );
    }
    if (!Array.isArray(data) || !data.every(isFileEntry)) {
      throw new ApiError("the GitHub API answered with something that is not a list of files");
    }
    for (const f of data) if (f.status !== "removed") files.push(f.filename);
    if (data.length < PER_PAGE) return { files, complete: true };
  }
  return { files, complete: false };
}
