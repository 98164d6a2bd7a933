/** The CLI's command names: the first argument that selects a command (anything else is `check`'s). */
export const COMMAND_NAMES = ["check", "ports", "rules", "init", "fix", "docs", "preflight", "audit", "mcp"] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command `argv` runs: its first argument when that names one, else `check`. */
export function commandOf(argv: readonly string[]): CommandName {
  const first = argv[0];
  return (COMMAND_NAMES as readonly string[]).includes(first ?? "") ? (first as CommandName) : "check";
}
