/** "Did you mean ...?": the nearest known word to a mistyped one, for every message that rejects a name. */
/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`, case-insensitive. */
export declare function editDistance(a: string, b: string): number;
/**
 * The known word nearest to `word`, when it is near enough to be a typo (a third of its letters at
 * most, and at least one); null otherwise. Ties go to the earlier candidate.
 */
export declare function closest(word: string, candidates: Iterable<string>): string | null;
/** " (did you mean X?)" for a message, or "". */
export declare function didYouMean(word: string, candidates: Iterable<string>): string;
/**
 * A regular expression matching every word one edit away from one of `words` (insert, delete,
 * substitute, swap two neighbours) — and the words themselves: a JSON Schema refuses typos with it.
 */
export declare function nearMissPattern(words: readonly string[]): string;
