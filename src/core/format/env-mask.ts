/**
 * `.env` text as `fix --dry-run` shows it: the lines of port variables holding a port stay; every
 * other line (passwords, keys, comments, whatever fix cannot read) is masked, so a diff's context
 * never prints a secret.
 */
import { parseEnvFile } from "../dotenv.js";

export const MASK = "********";

function portValue(value: string): boolean {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  return m !== null && Number(m[1]) <= 65535 && (m[2] === undefined || Number(m[2]) <= 65535);
}

/** `text` with every line masked but blank ones and `KEY=port` lines of port variables. */
export function maskEnvText(text: string, isPortVariable: (key: string) => boolean): string {
  const lines = text.split("\n");
  const shown = new Set<number>();
  const keys = new Map<number, string>();
  for (const e of parseEnvFile(text).entries) {
    keys.set(e.line, e.key);
    if (isPortVariable(e.key) && portValue(e.value) && !e.raw.includes("\n")) shown.add(e.line);
    else shown.delete(e.line);
  }
  return lines
    .map((line, i) => {
      if (shown.has(i + 1) || line.trim() === "") return line;
      const key = keys.get(i + 1);
      const cr = line.endsWith("\r") ? "\r" : "";
      return key ? `${key}=${MASK}${cr}` : `${MASK}${cr}`;
    })
    .join("\n");
}
