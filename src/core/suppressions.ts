/**
 * Inline suppressions: `# portguard-disable-line PG103` on the line, or
 * `# portguard-disable-next-line PG103` on the line before; several ids separated by spaces or
 * commas; no id silences every rule on that line. Text after `--` is a reason.
 */

export type Suppressed = "all" | Set<string>;

const DIRECTIVE = /portguard-disable-(next-)?line\b(.*)$/;

/** Where a comment starts on the line (`#`, `//`, `/*`, `--`, `<!--`), outside quotes; -1 if none. */
function commentStart(line: string): number {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      quote = c;
      continue;
    }
    const atWordStart = i === 0 || /\s/.test(line[i - 1] as string);
    if (c === "#" && atWordStart) return i;
    if (c === "/" && (line[i + 1] === "/" || line[i + 1] === "*")) return i;
    if (c === "-" && line[i + 1] === "-" && atWordStart) return i;
    if (c === "<" && line.startsWith("<!--", i)) return i;
  }
  return -1;
}

/** Maps 1-based line numbers to the rules suppressed there. `resolveId` maps ids and names to ids. */
export function parseSuppressions(
  text: string,
  resolveId: (token: string) => string | undefined,
): Map<number, Suppressed> {
  const result = new Map<number, Suppressed>();
  if (!text.includes("portguard-disable")) return result;
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (!line.includes("portguard-disable")) return;
    const start = commentStart(line);
    if (start < 0) return;
    const m = DIRECTIVE.exec(line.slice(start));
    if (!m) return;
    const target = m[1] ? index + 2 : index + 1;
    const spec = (m[2] ?? "").split("--")[0]?.replace(/\*\/|-->/g, "") ?? "";
    const ids = spec
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((t) => resolveId(t))
      .filter((id): id is string => id !== undefined);
    const current = result.get(target);
    if (ids.length === 0 || current === "all") {
      result.set(target, "all");
      return;
    }
    const set = current ?? new Set<string>();
    for (const id of ids) set.add(id);
    result.set(target, set);
  });
  return result;
}

export function isSuppressed(table: Map<number, Suppressed>, line: number, rule: string): boolean {
  const entry = table.get(line);
  return entry === "all" || entry?.has(rule) === true;
}
