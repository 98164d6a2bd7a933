/**
 * `.env` text safe to show: every value that is not a port hidden, line for line, so that a diff of
 * two redacted texts still lines up with the real files.
 */
import { type EnvEntry, parseEnvFile } from "./dotenv.js";

export const REDACTED = "<redacted>";

/** `# KEY=value` or `#export KEY: value`: a commented-out definition, which may hold an old secret. */
const COMMENTED_DEFINITION = /^(\s*#\s*(?:export\s+)?[^\s=:#]+\s*[=:]).*$/;

/**
 * The text with every line hidden except blank lines and single-line definitions that `keep`
 * accepts (a port variable holding a port). A comment keeps only its `#` (it may quote a password),
 * a commented-out definition its name; lines the parser did not reach (after a syntax error) are
 * hidden whole.
 */
export function redactEnvText(text: string, keep: (entry: EnvEntry) => boolean): string {
  const lines = text.split("\n");
  const out: (string | null)[] = lines.map(() => null);
  const { entries } = parseEnvFile(text);
  const covered = new Set<number>();
  for (const e of entries) {
    const span = e.raw.split("\n").length;
    for (let i = 0; i < span; i++) covered.add(e.line - 1 + i);
    const first = lines[e.line - 1] ?? "";
    if (span === 1 && keep(e)) {
      out[e.line - 1] = first;
      continue;
    }
    const separator = first.slice(e.endColumn - 1).search(/[=:]/);
    out[e.line - 1] = separator < 0 ? REDACTED : `${first.slice(0, e.endColumn + separator)}${REDACTED}`;
    for (let i = 1; i < span; i++) out[e.line - 1 + i] = REDACTED;
  }
  const shown = (line: string, i: number): string => {
    const kept = out[i];
    if (kept !== null && kept !== undefined) return kept;
    if (covered.has(i) || line.trim() === "") return covered.has(i) ? REDACTED : line;
    const commented = COMMENTED_DEFINITION.exec(line);
    if (commented) return `${commented[1]}${REDACTED}`;
    const comment = /^\s*#/.exec(line);
    return comment ? `${comment[0]} ${REDACTED}` : REDACTED;
  };
  // Line endings stay as they were (CRLF files keep their \r).
  return lines
    .map((line, i) => {
      const cr = line.endsWith("\r");
      const result = shown(cr ? line.slice(0, -1) : line, i);
      return cr && !result.endsWith("\r") ? `${result}\r` : result;
    })
    .join("\n");
}
