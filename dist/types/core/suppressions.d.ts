/**
 * Inline suppressions: `# portguard-disable-line PG103` on the line, or
 * `# portguard-disable-next-line PG103` on the line before; several ids separated by spaces or
 * commas; no id silences every rule on that line. Text after `--` is a reason.
 */
export type Suppressed = "all" | Set<string>;
/** Maps 1-based line numbers to the rules suppressed there. `resolveId` maps ids and names to ids. */
export declare function parseSuppressions(text: string, resolveId: (token: string) => string | undefined): Map<number, Suppressed>;
export declare function isSuppressed(table: Map<number, Suppressed>, line: number, rule: string): boolean;
