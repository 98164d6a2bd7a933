/** Which `.env` entries hold ports, and whether their values are ports. */
import type { StackModel } from "./context.js";
import type { EnvEntry } from "./dotenv.js";
import { parsePortRange } from "./port-spec.js";

/** A port variable: named by the policy's pattern, or written as a host port somewhere. */
export function isPortVariable(model: StackModel, key: string): boolean {
  return key !== "" && (model.matchesVariablePattern(key) || model.portVariables.has(key));
}

/** An integer 1-65535; a range `a-b` too for a variable that compose files use as a host port. */
export function isValidPortValue(model: StackModel, entry: EnvEntry): boolean {
  const value = entry.value;
  if (/^[0-9]+$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 65535;
  }
  if (!model.portVariables.has(entry.key) || !value.includes("-")) return false;
  const range = parsePortRange(value);
  return range !== null && range[0] >= 1;
}

/** `DB_PORT=${TIMESCALEDB_PORT}`: an alias that holds the same port by construction. */
export function isAlias(entry: EnvEntry): boolean {
  const raw = entry.quote === "" ? entry.raw.replace(/\s+#.*$/, "") : entry.raw.slice(1, -1);
  return /^\$(\{[_A-Za-z][_A-Za-z0-9]*\}|[_A-Za-z][_A-Za-z0-9]*)$/.test(raw.trim());
}
