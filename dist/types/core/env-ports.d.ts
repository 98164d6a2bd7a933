/** Which `.env` entries hold ports, and whether their values are ports. */
import type { StackModel } from "./context.js";
import type { EnvEntry } from "./dotenv.js";
/** A port variable: named by the policy's pattern, or written as a host port somewhere. */
export declare function isPortVariable(model: StackModel, key: string): boolean;
/** An integer 1-65535; a range `a-b` too for a variable that compose files use as a host port. */
export declare function isValidPortValue(model: StackModel, entry: EnvEntry): boolean;
/** `DB_PORT=${TIMESCALEDB_PORT}`: an alias that holds the same port by construction. */
export declare function isAlias(entry: EnvEntry): boolean;
