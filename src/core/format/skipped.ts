import type { SkippedPath } from "../types.js";
import { printable } from "./printable.js";

/** Folders named in a summary line; the rest are counted. */
const NAMED = 5;

/** "2 folders could not be read (not checked): pgdata (EACCES), logs (EACCES)", or "" when none. */
export function skippedText(skipped: readonly SkippedPath[] | undefined): string {
  if (!skipped || skipped.length === 0) return "";
  const named = skipped.slice(0, NAMED).map((s) => `${printable(s.path)} (${printable(s.reason)})`);
  const more = skipped.length > NAMED ? ` and ${skipped.length - NAMED} more` : "";
  const count = skipped.length === 1 ? "1 folder" : `${skipped.length} folders`;
  return `${count} could not be read (not checked): ${named.join(", ")}${more}`;
}
