import { main } from "../../src/cli/main.js";

/** Runs the CLI in this process (fast, for many runs); returns exit code and output. */
export async function cliInProcess(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
  });
  return { status, stdout, stderr };
}
