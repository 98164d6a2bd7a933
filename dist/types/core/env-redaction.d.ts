/**
 * `.env` text safe to show: every value that is not a port hidden, line for line, so that a diff of
 * two redacted texts still lines up with the real files.
 */
import { type EnvEntry } from "./dotenv.js";
export declare const REDACTED = "<redacted>";
/**
 * The text with every line hidden except blank lines and single-line definitions that `keep`
 * accepts (a port variable holding a port). A comment keeps only its `#` (it may quote a password),
 * a commented-out definition its name; lines the parser did not reach (after a syntax error) are
 * hidden whole.
 */
export declare function redactEnvText(text: string, keep: (entry: EnvEntry) => boolean): string;
