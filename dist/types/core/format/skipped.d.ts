import type { SkippedPath } from "../types.js";
/** "2 folders could not be read (not checked): pgdata (EACCES), logs (EACCES)", or "" when none. */
export declare function skippedText(skipped: readonly SkippedPath[] | undefined): string;
