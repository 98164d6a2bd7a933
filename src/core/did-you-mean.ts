/** "Did you mean ...?": the nearest known word to a mistyped one, for every message that rejects a name. */

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++)
    rows.push([i, ...Array.from({ length: t.length }, (_, j) => (i === 0 ? j + 1 : 0))]);
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[s.length] as number[])[t.length] as number;
}

/** Words longer than this are not compared (a pasted blob is no typo). */
const MAX_WORD = 64;

/**
 * The known word nearest to `word`, when it is near enough to be a typo (a third of its letters at
 * most, and at least one); null otherwise. Ties go to the earlier candidate.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  if (word.length === 0 || word.length > MAX_WORD) return null;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " (did you mean X?)" for a message, or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closest(word, candidates);
  return near === null ? "" : ` (did you mean ${near}?)`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A regular expression matching every word one edit away from one of `words` (insert, delete,
 * substitute, swap two neighbours) — and the words themselves: a JSON Schema refuses typos with it.
 */
export function nearMissPattern(words: readonly string[]): string {
  const alternatives = new Set<string>();
  for (const word of words) {
    const at = (i: number) => escapeRegex(word.slice(0, i));
    const from = (i: number) => escapeRegex(word.slice(i));
    for (let i = 0; i <= word.length; i++) {
      alternatives.add(`${at(i)}.${from(i)}`);
      if (i < word.length) {
        alternatives.add(`${at(i)}.${from(i + 1)}`);
        alternatives.add(`${at(i)}${from(i + 1)}`);
      }
      if (i + 1 < word.length)
        alternatives.add(
          `${at(i)}${escapeRegex(word[i + 1] as string)}${escapeRegex(word[i] as string)}${from(i + 2)}`,
        );
    }
  }
  return `^(?:${[...alternatives].join("|")})$`;
}
